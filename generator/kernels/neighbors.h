// k-nearest neighbours classification.
//
// Contract: train_x (n × d) with n labels, query_x (m × d). Each query gets
// the majority class of its k nearest training rows (ties between distances
// go to the lower row index; ties between classes to the class whose nearest
// member is closest). Bad input (empty data, k < 1 or k > n, a column-count
// mismatch, non-finite values) gives an error. Cost O(m · n · (d + log k))
// time, O(n) extra memory per query; brute force, no index.
// Thread safety: pure function.
#pragma once

#include "kernels/common.h"
#include "kernels/result.h"

#include <vector>

namespace kb::kernels {

enum class DistanceMetric { kEuclidean, kManhattan };

struct KnnOptions {
  int k = 5;                                           // neighbours that vote, 1..n
  bool distance_weighted = false;                      // votes weigh 1/distance (an exact match wins outright) instead of 1
  DistanceMetric metric = DistanceMetric::kEuclidean;  // how distance is measured
};

struct KnnResult {
  std::vector<int> classes;       // distinct training labels, ascending
  Labels predictions;             // one per query row
  Matrix probabilities;           // queries × classes: share of the (weighted) vote
  std::vector<std::vector<int>> neighbors;  // the k training rows nearest to each query, nearest first
};

Result<KnnResult> knn_classify(const Matrix& train_x, const Labels& train_labels,
                               const Matrix& query_x, const KnnOptions& options = {});

}  // namespace kb::kernels
