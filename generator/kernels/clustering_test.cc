#include "kernels/clustering.h"

#include "kernels/data_generators.h"

#include <catch2/catch.hpp>

#include <map>
#include <set>

using namespace kb::kernels;
using Catch::Matchers::Contains;

TEST_CASE("k-means inertia never rises between iterations") {
  auto d = make_blobs({400, 6, 2, 2.0, 10, 1});
  REQUIRE(d.ok());
  for (uint64_t seed = 0; seed < 10; ++seed) {
    for (KMeansInit init : {KMeansInit::kPlusPlus, KMeansInit::kRandom}) {
      KMeansOptions o;
      o.k = 5;
      o.init = init;
      o.seed = seed;
      auto r = kmeans(d->x, o);
      REQUIRE(r.ok());
      for (size_t i = 1; i < r->inertia_history.size(); ++i) {
        CHECK(r->inertia_history[i] <= r->inertia_history[i - 1] * (1 + 1e-12));
      }
      // The reported inertia is the sum of squared distances to the assigned centroids.
      double inertia = 0;
      for (Eigen::Index i = 0; i < d->x.rows(); ++i) {
        inertia += (d->x.row(i) - r->centroids.row(r->labels[i])).squaredNorm();
      }
      CHECK(r->inertia == Approx(inertia));
      CHECK(r->inertia == r->inertia_history.back());
    }
  }
}

TEST_CASE("k-means++ seeding is deterministic in its seed") {
  auto d = make_blobs({200, 4, 3, 1.0, 10, 2});
  auto a = kmeans_plus_plus(d->x, 4, 99);
  auto b = kmeans_plus_plus(d->x, 4, 99);
  auto c = kmeans_plus_plus(d->x, 4, 100);
  REQUIRE(a.ok());
  CHECK(*a == *b);
  CHECK(*a != *c);
  // Every seed is a data point.
  for (Eigen::Index j = 0; j < a->rows(); ++j) {
    bool found = false;
    for (Eigen::Index i = 0; i < d->x.rows(); ++i) found = found || (d->x.row(i) == a->row(j));
    CHECK(found);
  }
  KMeansOptions o;
  o.k = 4;
  o.seed = 5;
  CHECK(kmeans(d->x, o)->labels == kmeans(d->x, o)->labels);
}

TEST_CASE("k-means recovers well-separated blobs") {
  const double centers[3][2] = {{0, 0}, {10, 0}, {0, 10}};
  Rng rng(3);
  Matrix x(300, 2);
  Labels truth;
  for (int i = 0; i < 300; ++i) {
    for (int j = 0; j < 2; ++j) x(i, j) = centers[i % 3][j] + 0.5 * standard_normal(rng);
    truth.push_back(i % 3);
  }
  for (uint64_t seed = 0; seed < 5; ++seed) {
    KMeansOptions o;
    o.k = 3;
    o.seed = seed;
    auto r = kmeans(x, o);
    REQUIRE(r.ok());
    CHECK(r->converged);
    std::map<int, int> mapping;  // true cluster -> found cluster, must be one-to-one
    for (size_t i = 0; i < truth.size(); ++i) {
      auto [it, fresh] = mapping.emplace(truth[i], r->labels[i]);
      CHECK(it->second == r->labels[i]);
    }
    std::set<int> found;
    for (const auto& [t, f] : mapping) found.insert(f);
    CHECK(found.size() == 3);
  }
}

TEST_CASE("k-means handles duplicates and rejects k > n") {
  Matrix same = Matrix::Ones(5, 2);
  KMeansOptions o;
  o.k = 3;
  auto r = kmeans(same, o);
  REQUIRE(r.ok());
  CHECK(r->inertia == 0);
  o.k = 6;
  CHECK_THAT(kmeans(same, o).error, Contains("k (6) is larger than the number of points (5)"));
  o.k = 0;
  CHECK_FALSE(kmeans(same, o).ok());
  CHECK_THAT(kmeans(Matrix(0, 2), {}).error, Contains("empty"));
}

TEST_CASE("elbow curve: k = 1 gives the total sum of squares and inertia falls with k") {
  auto d = make_blobs({200, 4, 2, 1.0, 10, 4});
  ElbowOptions o;
  o.k_max = 8;
  o.kmeans.restarts = 3;
  auto e = elbow_curve(d->x, o);
  REQUIRE(e.ok());
  CHECK(e->ks == std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8});
  const double total = (d->x.rowwise() - d->x.colwise().mean()).squaredNorm();
  CHECK(e->inertias[0] == Approx(total));
  CHECK(e->inertias[3] < 0.1 * e->inertias[0]);  // the elbow at the true k = 4
  for (size_t i = 1; i < e->inertias.size(); ++i) CHECK(e->inertias[i] <= e->inertias[i - 1] * 1.05);
  o.k_min = 5;
  o.k_max = 3;
  CHECK_THAT(elbow_curve(d->x, o).error, Contains("smaller than k_min"));
}
