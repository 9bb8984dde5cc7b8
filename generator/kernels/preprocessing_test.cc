#include "kernels/preprocessing.h"

#include "kernels/data_generators.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <set>

using namespace kb::kernels;
using Catch::Matchers::Contains;

TEST_CASE("mean and median imputation fill with the column statistic") {
  Matrix x(4, 2);
  x << 1, 5, NAN, 6, 3, NAN, 10, 8;
  auto mean = impute(x, {ImputeStrategy::kMean, 5});
  REQUIRE(mean.ok());
  CHECK(mean->filled(1, 0) == Approx(14.0 / 3));
  CHECK(mean->filled(2, 1) == Approx(19.0 / 3));
  CHECK(mean->cells == std::vector<std::pair<int, int>>{{1, 0}, {2, 1}});
  auto median = impute(x, {ImputeStrategy::kMedian, 5});
  REQUIRE(median.ok());
  CHECK(median->filled(1, 0) == Approx(3));
  CHECK(median->filled(2, 1) == Approx(6));
  CHECK(median->fill_values == std::vector<double>{3, 6});
}

TEST_CASE("KNN imputation averages the nearest rows on the shared columns") {
  Matrix x(4, 2);
  x << 1, 1, 2, 2, 10, 10, 1.5, NAN;
  auto r = impute(x, {ImputeStrategy::kKnn, 2});
  REQUIRE(r.ok());
  CHECK(r->filled(3, 1) == Approx(1.5));  // rows 0 and 1 are nearest on column 1
  CHECK(r->knn_fallbacks == 0);
  auto one = impute(x, {ImputeStrategy::kKnn, 1});
  CHECK(one->filled(3, 1) == Approx(1.0));  // tie at distance 0.5: the lower row wins
}

TEST_CASE("imputation errors") {
  Matrix x(2, 2);
  x << 1, NAN, 2, NAN;
  CHECK_THAT(impute(x).error, Contains("column 2 has no observed values"));
  CHECK_THAT(impute(Matrix(0, 2)).error, Contains("empty"));
  Matrix inf(1, 1);
  inf << INFINITY;
  CHECK_THAT(impute(inf).error, Contains("infinite"));
}

TEST_CASE("knock_out leaves a value in every column") {
  Matrix x = Matrix::Ones(5, 3);
  auto k = knock_out(x, 0.5, 1);
  REQUIRE(k.ok());
  for (int j = 0; j < 3; ++j) CHECK_FALSE(k->col(j).array().isNaN().all());
  CHECK_FALSE(knock_out(x, 1.0, 1).ok());
}

TEST_CASE("label and one-hot encoding") {
  auto l = label_encode({"red", "green", "blue", "green"});
  REQUIRE(l.ok());
  CHECK(l->categories == std::vector<std::string>{"blue", "green", "red"});
  CHECK(l->codes == std::vector<int>{2, 1, 0, 1});
  auto o = one_hot_encode({"b", "a", "b"});
  REQUIRE(o.ok());
  CHECK(o->categories == std::vector<std::string>{"a", "b"});
  Matrix expected(3, 2);
  expected << 0, 1, 1, 0, 0, 1;
  CHECK(o->matrix == expected);
  auto dropped = one_hot_encode({"b", "a", "b"}, true);
  CHECK(dropped->categories == std::vector<std::string>{"b"});
  CHECK(dropped->matrix.col(0) == Vector(Eigen::Vector3d(1, 0, 1)));
  CHECK_FALSE(label_encode({}).ok());
}

TEST_CASE("quantile binning gives equal counts, uniform binning equal widths") {
  std::vector<double> v = {8, 1, 2, 3, 4, 5, 6, 7};
  auto q = bin_values(v, {4, BinStrategy::kQuantile});
  REQUIRE(q.ok());
  CHECK(q->edges == std::vector<double>{1, 2.75, 4.5, 6.25, 8});
  CHECK(q->counts == std::vector<int>{2, 2, 2, 2});
  CHECK(q->bins[0] == 3);  // 8 falls in the last bin, top edge included
  auto u = bin_values({0, 1, 2, 10}, {2, BinStrategy::kUniform});
  CHECK(u->edges == std::vector<double>{0, 5, 10});
  CHECK(u->counts == std::vector<int>{3, 1});
  auto ties = bin_values({1, 1, 1, 1, 2}, {4, BinStrategy::kQuantile});  // coinciding quantiles merge
  CHECK(ties->edges == std::vector<double>{1, 2});
  auto constant = bin_values({3, 3}, {3, BinStrategy::kQuantile});
  CHECK(constant->counts == std::vector<int>{2});
  CHECK_FALSE(bin_values({}, {}).ok());
  CHECK_FALSE(bin_values({1}, {0, BinStrategy::kQuantile}).ok());
}

TEST_CASE("standardisation and min-max scaling") {
  Matrix x(4, 2);
  x << 1, 7, 2, 7, 3, 7, 6, 7;
  auto s = standardize(x);
  REQUIRE(s.ok());
  CHECK(s->scaled.col(0).mean() == Approx(0).margin(1e-12));
  CHECK(std::sqrt(s->scaled.col(0).squaredNorm() / 4) == Approx(1));
  CHECK(s->scaled.col(1).isZero());  // constant column
  CHECK(s->offsets[0] == Approx(3));
  auto m = min_max_scale(x, -1, 1);
  REQUIRE(m.ok());
  CHECK(m->scaled(0, 0) == Approx(-1));
  CHECK(m->scaled(3, 0) == Approx(1));
  CHECK(m->scaled(1, 0) == Approx(-1 + 2 * 0.2));
  CHECK((m->scaled.col(1).array() == -1).all());
  CHECK_THAT(min_max_scale(x, 1, 1).error, Contains("lo < hi"));
}

TEST_CASE("SMOTE puts new points on segments between a minority point and one of its k nearest minority neighbours") {
  auto data = make_imbalanced({200, 0.1, 2, 2.5, 5});
  REQUIRE(data.ok());
  const int k = 3;
  auto s = smote(data->x, data->labels, {k, -1, 0, 11});
  REQUIRE(s.ok());
  CHECK(s->minority_class == 1);
  CHECK(s->synthetic.rows() == 180 - 20);  // balanced
  std::vector<int> minority;
  for (size_t i = 0; i < data->labels.size(); ++i) {
    if (data->labels[i] == 1) minority.push_back(static_cast<int>(i));
  }
  for (Eigen::Index i = 0; i < s->synthetic.rows(); ++i) {
    const int a = s->base[i], b = s->neighbor[i];
    CHECK(data->labels[a] == 1);
    CHECK(data->labels[b] == 1);
    CHECK(s->gap[i] >= 0);
    CHECK(s->gap[i] < 1);
    const Eigen::RowVectorXd expected = data->x.row(a) + s->gap[i] * (data->x.row(b) - data->x.row(a));
    CHECK((s->synthetic.row(i) - expected).norm() < 1e-12);
    // b is among the k nearest minority neighbours of a (recounted here).
    const double db = (data->x.row(a) - data->x.row(b)).squaredNorm();
    int closer = 0;
    for (int m : minority) {
      if (m != a && (data->x.row(a) - data->x.row(m)).squaredNorm() < db) ++closer;
    }
    CHECK(closer < k);
  }
  CHECK(s->x_resampled.rows() == 360);
  CHECK(std::count(s->labels_resampled.begin(), s->labels_resampled.end(), 1) == 180);
  auto again = smote(data->x, data->labels, {k, -1, 0, 11});
  CHECK(again->synthetic == s->synthetic);
}

TEST_CASE("SMOTE errors name the problem") {
  Matrix x(3, 1);
  x << 0, 1, 2;
  CHECK_THAT(smote(x, {0, 0, 1}).error, Contains("at least 2 samples of class 1"));
  CHECK_THAT(smote(x, {0, 1, 1}, {5, 1, 0, 1}).error, Contains("k (5)"));
  CHECK_THAT(smote(x, {0, 1, 1}, {1, 7, 0, 1}).error, Contains("does not occur"));
  CHECK_FALSE(smote(x, {0, 1}).ok());
}

TEST_CASE("k-fold test sets partition the indices: each index exactly once") {
  for (int n : {10, 17, 100}) {
    for (int k : {2, 3, 5, 10}) {
      auto f = k_fold(n, {k, true, 9});
      REQUIRE(f.ok());
      std::vector<int> seen(n, 0);
      size_t smallest = n, largest = 0;
      for (const Fold& fold : f->folds) {
        smallest = std::min(smallest, fold.test.size());
        largest = std::max(largest, fold.test.size());
        CHECK(fold.train.size() + fold.test.size() == static_cast<size_t>(n));
        std::set<int> train(fold.train.begin(), fold.train.end());
        for (int i : fold.test) {
          ++seen[i];
          CHECK_FALSE(train.count(i));
        }
      }
      for (int c : seen) CHECK(c == 1);
      CHECK(largest - smallest <= 1);
    }
  }
  auto unshuffled = k_fold(6, {3, false, 0});
  CHECK(unshuffled->folds[0].test == std::vector<int>{0, 1});
  CHECK_THAT(k_fold(3, {5, true, 1}).error, Contains("larger than the number of rows"));
  CHECK_FALSE(k_fold(10, {1, true, 1}).ok());
}

TEST_CASE("train/validation/test split covers every row once") {
  auto s = train_validation_test_split(100, {0.2, 0.1, true, 4});
  REQUIRE(s.ok());
  CHECK(s->validation.size() == 20);
  CHECK(s->test.size() == 10);
  CHECK(s->train.size() == 70);
  std::vector<int> all = s->train;
  all.insert(all.end(), s->validation.begin(), s->validation.end());
  all.insert(all.end(), s->test.begin(), s->test.end());
  std::sort(all.begin(), all.end());
  CHECK(all == iota_indices(100));
  CHECK_THAT(train_validation_test_split(10, {0.5, 0.5, true, 1}).error, Contains("below 1"));
  CHECK_FALSE(train_validation_test_split(10, {-0.1, 0.2, true, 1}).ok());
  CHECK_FALSE(train_validation_test_split(0, {}).ok());
}
