#include "kernels/linear_models.h"

#include "kernels/data_generators.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace kb::kernels;
using Catch::Matchers::Contains;

namespace {

RegressionData linear_data(int n, std::vector<double> w, double noise, double x_max, uint64_t seed) {
  LinearOptions o;
  o.n = n;
  o.features = static_cast<int>(w.size());
  o.coefficients = std::move(w);
  o.intercept = 1.5;
  o.noise = noise;
  o.x_max = x_max;
  o.seed = seed;
  return *make_linear(o);
}

}  // namespace

TEST_CASE("closed-form regression recovers an exact linear relation") {
  const RegressionData d = linear_data(50, {2, -3}, 0.0, 10, 1);
  auto m = fit_linear_regression(d.x, d.y);
  REQUIRE(m.ok());
  CHECK(m->coefficients[0] == Approx(2).margin(1e-9));
  CHECK(m->coefficients[1] == Approx(-3).margin(1e-9));
  CHECK(m->intercept == Approx(1.5).margin(1e-9));
  CHECK(m->r2 == Approx(1));
  CHECK(m->rank == 2);
  // Without an intercept the fit passes through the origin.
  auto origin = fit_linear_regression(d.x, d.y, {false, 0.0});
  CHECK(origin->intercept == 0);
  // Ridge shrinks the slopes.
  auto ridge = fit_linear_regression(d.x, d.y, {true, 10.0});
  CHECK(ridge->coefficients.norm() < m->coefficients.norm());
}

TEST_CASE("closed-form and gradient-descent regression agree") {
  const RegressionData d = linear_data(200, {0.8, -1.2}, 0.3, 1, 2);
  auto closed = fit_linear_regression(d.x, d.y);
  GradientDescentOptions o;
  o.learning_rate = 0.5;
  o.epochs = 50000;
  o.tolerance = 0;
  auto gd = linear_regression_gradient_descent(d.x, d.y, o);
  REQUIRE(closed.ok());
  REQUIRE(gd.ok());
  CHECK_FALSE(gd->diverged);
  for (int j = 0; j < 2; ++j) CHECK(gd->coefficients[j] == Approx(closed->coefficients[j]).margin(1e-6));
  CHECK(gd->intercept == Approx(closed->intercept).margin(1e-6));
  CHECK(gd->loss_curve.back() == Approx(closed->mse).epsilon(1e-9));
  // At a sensible rate the loss never rises.
  for (size_t i = 1; i < gd->loss_curve.size(); ++i) CHECK(gd->loss_curve[i] <= gd->loss_curve[i - 1] + 1e-15);
}

TEST_CASE("gradient descent: a too-high learning rate diverges, a too-low one crawls") {
  const RegressionData d = linear_data(100, {2}, 1.0, 10, 3);
  auto closed = fit_linear_regression(d.x, d.y);
  GradientDescentOptions high;
  high.learning_rate = 0.1;  // far above 2 / (largest Hessian eigenvalue) ≈ 0.03
  high.epochs = 1000;
  auto h = linear_regression_gradient_descent(d.x, d.y, high);
  REQUIRE(h.ok());
  CHECK(h->diverged);
  CHECK(h->epochs_run < 1000);
  CHECK(h->loss_curve.back() > h->loss_curve.front());
  GradientDescentOptions low;
  low.learning_rate = 1e-6;
  low.epochs = 100;
  auto l = linear_regression_gradient_descent(d.x, d.y, low);
  REQUIRE(l.ok());
  CHECK_FALSE(l->diverged);
  CHECK(l->loss_curve.back() < l->loss_curve.front());
  CHECK(l->loss_curve.back() > 10 * closed->mse);
  GradientDescentOptions right;
  right.learning_rate = 0.01;
  right.epochs = 5000;
  auto r = linear_regression_gradient_descent(d.x, d.y, right);
  CHECK(r->loss_curve.back() < 1.05 * closed->mse);
}

TEST_CASE("linear regression rejects bad input") {
  Matrix x(3, 1);
  x << 1, 2, 3;
  Vector y(2);
  y << 1, 2;
  CHECK_THAT(fit_linear_regression(x, y).error, Contains("3 rows") && Contains("2 values"));
  CHECK_THAT(fit_linear_regression(Matrix(0, 1), Vector(0)).error, Contains("empty"));
  Vector y3(3);
  y3 << 1, 2, 3;
  GradientDescentOptions o;
  o.learning_rate = 0;
  CHECK_THAT(linear_regression_gradient_descent(x, y3, o).error, Contains("learning_rate must be > 0"));
  o.learning_rate = -1;
  CHECK_FALSE(linear_regression_gradient_descent(x, y3, o).ok());
  Matrix bad = x;
  bad(1, 0) = NAN;
  CHECK_THAT(fit_linear_regression(bad, y3).error, Contains("row 2"));
}

TEST_CASE("logistic regression separates a separable set") {
  auto d = make_blobs({100, 2, 2, 0.6, 5, 4});
  REQUIRE(d.ok());
  auto m = fit_logistic_regression(d->x, d->labels, {0.5, 2000, 0.0, true, 0.0});
  REQUIRE(m.ok());
  CHECK(m->accuracy == 1.0);
  CHECK(m->loss_curve.back() < 0.05);
  for (size_t i = 1; i < m->loss_curve.size(); ++i) CHECK(m->loss_curve[i] <= m->loss_curve[i - 1] + 1e-12);
  const std::vector<double> p = predict_probability(*m, d->x);
  for (size_t i = 0; i < p.size(); ++i) CHECK((p[i] >= 0.5) == (d->labels[i] == 1));
  CHECK_THAT(fit_logistic_regression(d->x, Labels(100, 1)).error, Contains("both classes"));
  Labels three = d->labels;
  three[0] = 2;
  CHECK_THAT(fit_logistic_regression(d->x, three).error, Contains("0 or 1"));
}

TEST_CASE("L1 path drives coefficients to exactly zero as lambda grows, L2 does not") {
  const RegressionData d = linear_data(200, {4, -3, 2, 0, 0, 1, 0, 0}, 1.0, 10, 5);
  RegularizationPathOptions o;
  o.lambdas = 25;
  auto l1 = regularization_path(d.x, d.y, o);
  REQUIRE(l1.ok());
  CHECK(l1->coefficients.row(0).isZero(0));  // the automatic lambda_max zeroes every slope exactly
  CHECK(l1->nonzero.front() == 0);
  CHECK(l1->nonzero.back() >= 4);
  for (size_t i = 1; i < l1->lambdas.size(); ++i) CHECK(l1->lambdas[i] < l1->lambdas[i - 1]);
  // Some middle lambda keeps the strong features and zeroes an irrelevant one exactly.
  bool sparse_middle = false;
  for (int i = 0; i < o.lambdas; ++i) {
    if (l1->coefficients(i, 0) != 0 && l1->coefficients(i, 1) != 0 && l1->coefficients(i, 3) == 0.0) {
      sparse_middle = true;
    }
  }
  CHECK(sparse_middle);
  // At the smallest lambda the lasso is close to least squares on the standardised features.
  auto ols = fit_linear_regression(d.x, d.y);
  for (int j = 0; j < 8; ++j) {
    CHECK(l1->coefficients(o.lambdas - 1, j) == Approx(ols->coefficients[j] * l1->scales[j]).margin(0.05));
  }
  o.penalty = Penalty::kL2;
  auto l2 = regularization_path(d.x, d.y, o);
  REQUIRE(l2.ok());
  for (int i = 0; i < o.lambdas; ++i) {
    for (int j = 0; j < 8; ++j) CHECK(l2->coefficients(i, j) != 0.0);
  }
  // L2 at lambda equals ridge regression on the standardised features (objective scaled by 2).
  Matrix xs = d.x;
  for (int j = 0; j < 8; ++j) xs.col(j) = (d.x.col(j).array() - l2->means[j]) / l2->scales[j];
  auto ridge = fit_linear_regression(xs, d.y, {true, l2->lambdas[5]});
  for (int j = 0; j < 8; ++j) CHECK(l2->coefficients(5, j) == Approx(ridge->coefficients[j]).margin(1e-9));
}

TEST_CASE("regularization path rejects bad options") {
  const RegressionData d = linear_data(20, {1}, 0.1, 1, 1);
  RegularizationPathOptions o;
  o.lambda_min_ratio = 0;
  CHECK_THAT(regularization_path(d.x, d.y, o).error, Contains("lambda_min_ratio"));
  o = {};
  o.lambdas = 0;
  CHECK_FALSE(regularization_path(d.x, d.y, o).ok());
  o = {};
  o.lambda_max = -1;
  CHECK_FALSE(regularization_path(d.x, d.y, o).ok());
}

TEST_CASE("linear SVM separates a separable set and satisfies the KKT conditions") {
  // Two clouds on either side of the line x1 + x2 = 0, at least 1 apart.
  Rng rng(6);
  ClassificationData data;
  data.x.resize(80, 2);
  for (int i = 0; i < 80; ++i) {
    const int label = i % 2;
    double a, b;
    do {
      a = 4 * uniform01(rng) - 2;
      b = 4 * uniform01(rng) - 2;
    } while (std::abs(a + b) < 1);
    if ((a + b > 0) != (label == 1)) {
      a = -a;
      b = -b;
    }
    data.x.row(i) << a, b;
    data.labels.push_back(label);
  }
  const ClassificationData* d = &data;
  LinearSvmOptions o;
  o.c = 10;
  o.tolerance = 1e-6;
  o.max_epochs = 20000;
  auto svm = fit_linear_svm(d->x, d->labels, o);
  REQUIRE(svm.ok());
  CHECK(svm->converged);
  CHECK(svm->accuracy == 1.0);
  CHECK_FALSE(svm->support_vectors.empty());
  CHECK(svm->margin == Approx(2 / svm->coefficients.norm()));
  for (size_t i = 0; i < d->labels.size(); ++i) {
    const double yf = (d->labels[i] == 1 ? 1 : -1) * svm->decision[i];
    if (svm->alphas[i] == 0) CHECK(yf >= 1 - 1e-3);
    else if (svm->alphas[i] < o.c) CHECK(yf == Approx(1).margin(1e-3));
    else CHECK(yf <= 1 + 1e-3);
  }
  CHECK_THAT(fit_linear_svm(d->x, d->labels, {0.0, 100, 1e-3, 1}).error, Contains("c must be > 0"));
}
