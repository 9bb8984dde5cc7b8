#include "kernels/trees.h"

#include "kernels/data_generators.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace kb::kernels;
using Catch::Matchers::Contains;

TEST_CASE("Gini impurity and entropy match hand values") {
  CHECK(gini_impurity({50, 50, 50}) == Approx(2.0 / 3));
  CHECK(gini_impurity({2, 3}) == Approx(0.48));
  CHECK(gini_impurity({4, 0}) == 0);
  CHECK(gini_impurity({}) == 0);
  CHECK(entropy_bits({1, 1}) == Approx(1.0));
  CHECK(entropy_bits({50, 50, 50}) == Approx(std::log2(3.0)));
  CHECK(entropy_bits({7, 0}) == 0);
}

TEST_CASE("the root split and node Gini values match a hand calculation") {
  // x = 1..6, labels 0 0 1 0 1 1. Weighted child Gini per threshold:
  // 1.5: 0.4, 2.5: 0.25, 3.5: 0.444, 4.5: 0.25, 5.5: 0.4 -> tie, the lower threshold 2.5 wins.
  Matrix x(6, 1);
  x << 1, 2, 3, 4, 5, 6;
  auto tree = fit_decision_tree(x, {0, 0, 1, 0, 1, 1}, {SplitCriterion::kGini, 1, 2, 1, 0, 1});
  REQUIRE(tree.ok());
  const auto& n = tree->nodes;
  REQUIRE(n.size() == 3);
  CHECK(n[0].feature == 0);
  CHECK(n[0].threshold == Approx(2.5));
  CHECK(n[0].gini == Approx(0.5));
  CHECK(n[0].samples == 6);
  CHECK(n[n[0].left].gini == 0);
  CHECK(n[n[0].left].samples == 2);
  CHECK(n[n[0].right].gini == Approx(0.375));
  CHECK(n[n[0].right].counts == std::vector<int>{1, 3});
  CHECK(n[n[0].right].prediction == 1);
  CHECK(n[0].left == 1);  // pre-order: the left child follows its parent
}

TEST_CASE("the root split on a separable set is the obvious one, even beside a noise feature") {
  Rng rng(3);
  Matrix x(40, 2);
  Labels labels;
  for (int i = 0; i < 40; ++i) {
    x(i, 0) = uniform01(rng) * 10;                   // noise
    x(i, 1) = (i < 20 ? 0.0 : 5.0) + uniform01(rng);  // separates perfectly at 3
    labels.push_back(i < 20 ? 0 : 1);
  }
  auto tree = fit_decision_tree(x, labels);
  REQUIRE(tree.ok());
  CHECK(tree->nodes[0].feature == 1);
  CHECK(tree->nodes[0].threshold > 1);
  CHECK(tree->nodes[0].threshold < 5);
  CHECK(tree->nodes.size() == 3);  // both children pure: no further splits
  CHECK(predict(*tree, x) == labels);
  CHECK(tree->feature_importance[1] == Approx(1.0));
  CHECK_THAT(to_text(*tree), Contains("x2 <= ") && Contains("gini=0.5"));
  CHECK_THAT(to_text(*tree, {"noise", "signal"}), Contains("signal <= "));
}

TEST_CASE("entropy criterion, depth limits and majority leaves") {
  auto d = make_blobs({150, 3, 2, 1.0, 10, 2});
  REQUIRE(d.ok());
  TreeOptions o;
  o.criterion = SplitCriterion::kEntropy;
  o.max_depth = 0;
  auto stump = fit_decision_tree(d->x, d->labels, o);
  REQUIRE(stump.ok());
  CHECK(stump->nodes.size() == 1);
  CHECK(stump->nodes[0].entropy == Approx(std::log2(3.0)));
  CHECK(stump->nodes[0].impurity == stump->nodes[0].entropy);
  CHECK(stump->nodes[0].prediction == 0);  // three-way tie: the lowest label
  o.max_depth = 4;
  auto deep = fit_decision_tree(d->x, d->labels, o);
  for (const TreeNode& n : deep->nodes) CHECK(n.depth <= 4);
  const Labels p = predict(*deep, d->x);
  int right = 0;
  for (size_t i = 0; i < p.size(); ++i) right += p[i] == d->labels[i];
  CHECK(right >= 140);
}

TEST_CASE("decision tree rejects bad options") {
  Matrix x(2, 1);
  x << 0, 1;
  CHECK_THAT(fit_decision_tree(x, {0, 1}, {SplitCriterion::kGini, -1, 2, 1, 0, 1}).error, Contains("max_depth"));
  CHECK_THAT(fit_decision_tree(x, {0}, {}).error, Contains("rows"));
  CHECK_FALSE(fit_decision_tree(Matrix(0, 1), {}, {}).ok());
}

TEST_CASE("random forest: the out-of-bag error is low on separable data and near chance on noise") {
  auto d = make_blobs({200, 2, 2, 1.0, 6, 8});
  REQUIRE(d.ok());
  ForestOptions o;
  o.trees = 50;
  auto f = fit_random_forest(d->x, d->labels, o);
  REQUIRE(f.ok());
  CHECK(f->oob_error < 0.05);
  CHECK(f->oob_error_curve.size() == 50);
  CHECK(f->oob_rows == 200);
  CHECK(std::abs(f->feature_importance[0] + f->feature_importance[1] - 1) < 1e-9);
  // Labels unrelated to the features: out-of-bag error near 0.5 (training error would be near 0).
  Rng rng(5);
  Labels noise;
  for (int i = 0; i < 200; ++i) noise.push_back(uniform01(rng) < 0.5 ? 0 : 1);
  auto g = fit_random_forest(d->x, noise, o);
  REQUIRE(g.ok());
  CHECK(g->oob_error > 0.3);
  CHECK(g->oob_error < 0.7);
  // Same seed, same forest.
  auto again = fit_random_forest(d->x, d->labels, o);
  CHECK(again->oob_error_curve == f->oob_error_curve);
  CHECK(predict(*again, d->x) == predict(*f, d->x));
  o.bootstrap = false;
  CHECK(std::isnan(fit_random_forest(d->x, d->labels, o)->oob_error));
}

TEST_CASE("gradient boosting: squared loss never rises and fits, log loss classifies moons") {
  auto d = make_linear({200, 2, {}, 1.0, 0.5, 0, 10, 3});
  REQUIRE(d.ok());
  BoostingOptions o;
  o.rounds = 60;
  auto m = fit_gradient_boosting(d->x, d->y, o);
  REQUIRE(m.ok());
  for (size_t i = 1; i < m->loss_curve.size(); ++i) CHECK(m->loss_curve[i] <= m->loss_curve[i - 1] + 1e-12);
  CHECK(m->loss_curve.back() < 0.1 * m->loss_curve.front());
  CHECK(m->initial == Approx(d->y.mean()));
  const std::vector<double> f = decision_function(*m, d->x);
  for (size_t i = 0; i < f.size(); ++i) CHECK(f[i] == Approx(m->predictions[i]));
  auto moons = make_moons({300, 0.15, 4});
  Vector y(300);
  for (int i = 0; i < 300; ++i) y[i] = moons->labels[i];
  o.loss = BoostingLoss::kLogistic;
  o.rounds = 100;
  auto c = fit_gradient_boosting(moons->x, y, o);
  REQUIRE(c.ok());
  int right = 0;
  for (int i = 0; i < 300; ++i) right += (c->predictions[i] >= 0.5) == (y[i] == 1);
  CHECK(right >= 285);
  CHECK(c->loss_curve.back() < c->loss_curve.front());
  Vector bad = y;
  bad[0] = 2;
  CHECK_THAT(fit_gradient_boosting(moons->x, bad, o).error, Contains("0 or 1"));
  o.learning_rate = 0;
  CHECK_THAT(fit_gradient_boosting(moons->x, y, o).error, Contains("learning_rate"));
}
