#include "kernels/anomaly.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace kb::kernels;
using Catch::Matchers::Contains;

TEST_CASE("random cut forest scores an injected outlier above every inlier") {
  Rng rng(12);
  Matrix x(301, 2);
  for (int i = 0; i < 300; ++i) {
    x(i, 0) = standard_normal(rng);
    x(i, 1) = standard_normal(rng);
  }
  x(300, 0) = 8;
  x(300, 1) = 8;
  for (int sample : {64, 256}) {
    auto r = random_cut_forest(x, {100, sample, 3});
    REQUIRE(r.ok());
    const double outlier = r->scores[300];
    const double top_inlier = *std::max_element(r->scores.begin(), r->scores.end() - 1);
    CHECK(outlier > top_inlier);
    CHECK(outlier > r->mean + 3 * r->stdev);
    for (int c : r->trees_per_row) CHECK(c >= 1);
  }
  auto a = random_cut_forest(x, {20, 64, 1});
  auto b = random_cut_forest(x, {20, 64, 1});
  CHECK(a->scores == b->scores);
}

TEST_CASE("random cut forest handles duplicates and rejects bad options") {
  Matrix same = Matrix::Ones(10, 2);
  auto r = random_cut_forest(same, {5, 8, 1});
  REQUIRE(r.ok());
  for (double s : r->scores) CHECK(s == 0);
  CHECK_THAT(random_cut_forest(same, {1, 4, 1}).error, Contains("must be at least the number of rows"));
  CHECK_FALSE(random_cut_forest(same, {0, 4, 1}).ok());
  CHECK_FALSE(random_cut_forest(Matrix(0, 2), {}).ok());
}
