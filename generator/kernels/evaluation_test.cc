#include "kernels/evaluation.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace kb::kernels;
using Catch::Matchers::Contains;

TEST_CASE("binary confusion matrix matches a hand count") {
  // TP = 3, FN = 2, FP = 1, TN = 4.
  const Labels actual = {1, 1, 1, 1, 1, 0, 0, 0, 0, 0};
  const Labels predicted = {1, 1, 1, 0, 0, 1, 0, 0, 0, 0};
  auto cm = confusion_matrix(predicted, actual);
  REQUIRE(cm.ok());
  CHECK(cm->classes == std::vector<int>{0, 1});
  CHECK(cm->matrix == std::vector<std::vector<long>>{{4, 1}, {2, 3}});  // [actual][predicted]
  CHECK(cm->positive_class == 1);
  CHECK(cm->headline.precision == Approx(0.75));
  CHECK(cm->headline.recall == Approx(0.6));
  CHECK(cm->headline.f1 == Approx(2 * 0.75 * 0.6 / 1.35));
  CHECK(cm->headline.specificity == Approx(0.8));
  CHECK(cm->accuracy == Approx(0.7));
  // Class 0 seen as positive swaps the roles.
  auto neg = confusion_matrix(predicted, actual, 0);
  REQUIRE(neg.ok());
  CHECK(neg->headline.precision == Approx(4.0 / 6));
  CHECK(neg->headline.recall == Approx(0.8));
  CHECK(neg->headline.specificity == Approx(0.6));
}

TEST_CASE("3x3 confusion matrix: per-class, macro and micro averages match hand values") {
  // Rows are actual classes 0, 1, 2; columns predicted.
  const long m[3][3] = {{5, 1, 0}, {2, 3, 1}, {0, 2, 6}};
  Labels actual, predicted;
  for (int a = 0; a < 3; ++a) {
    for (int p = 0; p < 3; ++p) {
      for (long i = 0; i < m[a][p]; ++i) {
        actual.push_back(a);
        predicted.push_back(p);
      }
    }
  }
  auto cm = confusion_matrix(predicted, actual);
  REQUIRE(cm.ok());
  for (int a = 0; a < 3; ++a) {
    for (int p = 0; p < 3; ++p) CHECK(cm->matrix[a][p] == m[a][p]);
  }
  CHECK(cm->accuracy == Approx(0.7));
  CHECK(cm->per_class[0].precision == Approx(5.0 / 7));
  CHECK(cm->per_class[0].recall == Approx(5.0 / 6));
  CHECK(cm->per_class[0].specificity == Approx(12.0 / 14));
  CHECK(cm->per_class[1].precision == Approx(0.5));
  CHECK(cm->per_class[1].f1 == Approx(0.5));
  CHECK(cm->per_class[2].precision == Approx(6.0 / 7));
  CHECK(cm->per_class[2].recall == Approx(0.75));
  CHECK(cm->per_class[2].specificity == Approx(11.0 / 12));
  CHECK(cm->per_class[2].f1 == Approx(0.8));
  CHECK(cm->per_class[2].support == 8);
  CHECK(cm->macro.precision == Approx(0.6904761904761906));
  CHECK(cm->macro.recall == Approx(0.6944444444444445));
  CHECK(cm->macro.f1 == Approx(0.6897435897435896));
  CHECK(cm->macro.specificity == Approx(0.8531746031746031));
  CHECK(cm->micro.precision == Approx(0.7));  // single-label: micro = accuracy
  CHECK(cm->micro.recall == Approx(0.7));
  CHECK(cm->micro.f1 == Approx(0.7));
  CHECK(cm->micro.specificity == Approx(0.85));
  CHECK(cm->weighted.f1 == Approx(0.7007692307692308));
  CHECK(cm->positive_class == -1);
  CHECK(cm->headline.precision == Approx(cm->macro.precision));
}

TEST_CASE("confusion matrix: a class never predicted has precision 0, not NaN") {
  auto cm = confusion_matrix({0, 0, 0}, {0, 1, 1});
  REQUIRE(cm.ok());
  CHECK(cm->per_class[1].precision == 0);
  CHECK(cm->per_class[1].f1 == 0);
}

TEST_CASE("confusion matrix rejects bad input") {
  CHECK_THAT(confusion_matrix({1, 0}, {1}).error, Contains("2") && Contains("1"));
  CHECK_FALSE(confusion_matrix({}, {}).ok());
  CHECK_THAT(confusion_matrix({0, 1, 2}, {0, 1, 2}, 1).error, Contains("two classes"));
  CHECK_THAT(confusion_matrix({0, 1}, {0, 1}, 5).error, Contains("positive class 5"));
}

TEST_CASE("ROC AUC of a hand-ranked example") {
  // Descending scores; positives at ranks 1, 2, 4, 5, 8 beat 5, 5, 4, 4, 2 of the 5 negatives: 20/25.
  const std::vector<double> scores = {0.9, 0.8, 0.7, 0.6, 0.55, 0.54, 0.53, 0.52, 0.51, 0.505};
  const Labels labels = {1, 1, 0, 1, 1, 0, 0, 1, 0, 0};
  auto roc = roc_curve(scores, labels);
  REQUIRE(roc.ok());
  CHECK(roc->auc == Approx(0.8));
  CHECK(roc->fpr.front() == 0);
  CHECK(roc->tpr.front() == 0);
  CHECK(roc->fpr.back() == 1);
  CHECK(roc->tpr.back() == 1);
  CHECK(std::isinf(roc->thresholds.front()));
  CHECK(roc->fpr.size() == scores.size() + 1);
}

TEST_CASE("ROC AUC by trapezoids equals the Mann-Whitney statistic, ties included") {
  Rng rng(7);
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<double> scores;
    Labels labels;
    for (int i = 0; i < 200; ++i) {
      const int label = uniform01(rng) < 0.4 ? 1 : 0;
      // Rounded to one decimal so many scores tie.
      scores.push_back(std::round((label * 0.8 + standard_normal(rng)) * 10) / 10);
      labels.push_back(label);
    }
    labels[0] = 0;
    labels[1] = 1;
    auto roc = roc_curve(scores, labels);
    auto mw = mann_whitney_auc(scores, labels);
    REQUIRE(roc.ok());
    REQUIRE(mw.ok());
    CHECK(roc->auc == Approx(*mw).margin(1e-12));
    // And both equal the brute-force pair count.
    double wins = 0, pairs = 0;
    for (size_t i = 0; i < scores.size(); ++i) {
      for (size_t j = 0; j < scores.size(); ++j) {
        if (labels[i] == 1 && labels[j] == 0) {
          pairs += 1;
          wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
        }
      }
    }
    CHECK(*mw == Approx(wins / pairs).margin(1e-12));
  }
}

TEST_CASE("ROC edge cases: perfect, inverted and uninformative scores") {
  CHECK(roc_curve({0.9, 0.8, 0.2, 0.1}, {1, 1, 0, 0})->auc == Approx(1.0));
  CHECK(roc_curve({0.1, 0.2, 0.8, 0.9}, {1, 1, 0, 0})->auc == Approx(0.0));
  CHECK(roc_curve({0.5, 0.5, 0.5, 0.5}, {1, 0, 1, 0})->auc == Approx(0.5));
  CHECK_THAT(roc_curve({0.1, 0.2}, {1, 1}).error, Contains("both classes"));
  CHECK_THAT(roc_curve({0.1, 0.2}, {1, 2}).error, Contains("0 or 1"));
  CHECK_THAT(roc_curve({0.1, NAN}, {1, 0}).error, Contains("not finite"));
  CHECK_FALSE(roc_curve({}, {}).ok());
}

TEST_CASE("regression metrics match a hand computation") {
  auto m = regression_metrics({2, 4, 6}, {1, 5, 6});
  REQUIRE(m.ok());
  CHECK(m->mse == Approx(2.0 / 3));
  CHECK(m->rmse == Approx(std::sqrt(2.0 / 3)));
  CHECK(m->mae == Approx(2.0 / 3));
  REQUIRE(m->mape.has_value());
  CHECK(*m->mape == Approx((1.0 + 0.2 + 0) / 3));
  CHECK(m->r2 == Approx(1 - 2.0 / 14));
  auto zero = regression_metrics({1, 2}, {0, 2});
  REQUIRE(zero.ok());
  CHECK_FALSE(zero->mape.has_value());  // undefined with an actual value of 0
  CHECK_FALSE(regression_metrics({1}, {1, 2}).ok());
  CHECK_FALSE(regression_metrics({}, {}).ok());
}
