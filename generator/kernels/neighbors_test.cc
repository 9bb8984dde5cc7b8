#include "kernels/neighbors.h"

#include <catch2/catch.hpp>

using namespace kb::kernels;
using Catch::Matchers::Contains;

TEST_CASE("k-NN votes among the nearest training points") {
  Matrix train(6, 1);
  train << 0, 1, 2, 10, 11, 12;
  const Labels labels = {0, 0, 1, 1, 1, 1};
  Matrix query(3, 1);
  query << 0.4, 1.6, 10.5;
  auto one = knn_classify(train, labels, query, {1, false, DistanceMetric::kEuclidean});
  REQUIRE(one.ok());
  CHECK(one->predictions == Labels{0, 1, 1});
  CHECK(one->neighbors[0] == std::vector<int>{0});
  auto three = knn_classify(train, labels, query, {3, false, DistanceMetric::kEuclidean});
  CHECK(three->predictions == Labels{0, 0, 1});  // 1.6: neighbours 2 (1), 1 (0), 0 (0)
  CHECK(three->probabilities(1, 0) == Approx(2.0 / 3));
  CHECK(three->classes == std::vector<int>{0, 1});
}

TEST_CASE("k-NN with k = 1 reproduces the training labels, distance weighting and Manhattan work") {
  Matrix train(4, 2);
  train << 0, 0, 0, 1, 5, 5, 6, 5;
  const Labels labels = {3, 3, 7, 7};
  auto r = knn_classify(train, labels, train, {1, false, DistanceMetric::kManhattan});
  CHECK(r->predictions == labels);
  Matrix q(1, 2);
  q << 0.1, 0.1;
  auto w = knn_classify(train, labels, q, {4, true, DistanceMetric::kEuclidean});
  CHECK(w->predictions == Labels{3});
}

TEST_CASE("k-NN rejects bad input") {
  Matrix train(2, 1);
  train << 0, 1;
  Matrix q(1, 1);
  q << 0;
  CHECK_THAT(knn_classify(train, {0, 1}, q, {3, false, DistanceMetric::kEuclidean}).error,
             Contains("k (3) is larger than the number of training points (2)"));
  CHECK_FALSE(knn_classify(train, {0, 1}, q, {0, false, DistanceMetric::kEuclidean}).ok());
  CHECK_FALSE(knn_classify(train, {0}, q).ok());
  Matrix q2(1, 2);
  q2 << 0, 0;
  CHECK_THAT(knn_classify(train, {0, 1}, q2, {1, false, DistanceMetric::kEuclidean}).error, Contains("columns"));
}
