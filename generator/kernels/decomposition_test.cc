#include "kernels/decomposition.h"

#include "kernels/data_generators.h"

#include <catch2/catch.hpp>

using namespace kb::kernels;
using Catch::Matchers::Contains;

TEST_CASE("PCA variances sum to the total variance and components are orthonormal") {
  auto d = make_blobs({300, 4, 5, 2.0, 10, 6});
  REQUIRE(d.ok());
  auto r = pca(d->x, {5, false});
  REQUIRE(r.ok());
  const Matrix centred = d->x.rowwise() - d->x.colwise().mean();
  const double total = centred.squaredNorm() / (d->x.rows() - 1);
  CHECK(r->total_variance == Approx(total));
  double sum = 0, ratio = 0;
  for (size_t i = 0; i < r->explained_variance.size(); ++i) {
    sum += r->explained_variance[i];
    ratio += r->explained_variance_ratio[i];
    if (i > 0) CHECK(r->explained_variance[i] <= r->explained_variance[i - 1]);
  }
  CHECK(sum == Approx(total));
  CHECK(ratio == Approx(1.0));
  CHECK(r->cumulative_ratio.back() == Approx(1.0));
  const Matrix gram = r->components * r->components.transpose();
  CHECK(gram.isApprox(Matrix::Identity(5, 5), 1e-10));
  // The variance of each projected coordinate is its eigenvalue, and the coordinates are uncorrelated.
  const Matrix cov = r->projection.transpose() * r->projection / (d->x.rows() - 1);
  for (int i = 0; i < 5; ++i) {
    CHECK(cov(i, i) == Approx(r->explained_variance[i]));
    for (int j = 0; j < i; ++j) CHECK(std::abs(cov(i, j)) < 1e-8 * total);
  }
}

TEST_CASE("PCA finds the direction of points on a line") {
  Matrix x(5, 2);
  x << 0, 0, 1, 2, 2, 4, 3, 6, -1, -2;
  auto r = pca(x, {1, false});
  REQUIRE(r.ok());
  CHECK(r->components(0, 0) == Approx(1 / std::sqrt(5.0)));
  CHECK(r->components(0, 1) == Approx(2 / std::sqrt(5.0)));  // signed: largest entry positive
  CHECK(r->explained_variance_ratio[0] == Approx(1.0));
  CHECK(r->all_variances.size() == 2);
  CHECK(r->all_variances[1] == Approx(0).margin(1e-12));
}

TEST_CASE("standardised PCA works on the correlation matrix") {
  Matrix x(4, 2);
  x << 1, 100, 2, 300, 3, 200, 4, 400;
  auto r = pca(x, {2, true});
  REQUIRE(r.ok());
  CHECK(r->total_variance == Approx(2.0));  // two unit-variance columns
}

TEST_CASE("PCA rejects bad input") {
  Matrix one(1, 3);
  one << 1, 2, 3;
  CHECK_THAT(pca(one).error, Contains("at least 2 points"));
  Matrix x(3, 2);
  x << 1, 2, 3, 4, 5, 7;
  CHECK_THAT(pca(x, {3, false}).error, Contains("components must be in [1, 2]"));
  CHECK_THAT(pca(Matrix::Ones(4, 2)).error, Contains("no variance"));
  Matrix constant_col(3, 2);
  constant_col << 1, 5, 2, 5, 3, 5;
  CHECK_THAT(pca(constant_col, {1, true}).error, Contains("column 2 is constant"));
}
