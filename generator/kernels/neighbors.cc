#include "kernels/neighbors.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace kb::kernels {

Result<KnnResult> knn_classify(const Matrix& train_x, const Labels& train_labels,
                               const Matrix& query_x, const KnnOptions& o) {
  if (auto e = check_matrix(train_x, "training data"); !e.empty()) return fail(e);
  if (auto e = check_same_length(train_x.rows(), "training data",
                                 static_cast<long>(train_labels.size()), "training labels");
      !e.empty()) {
    return fail(e);
  }
  if (auto e = check_matrix(query_x, "query data"); !e.empty()) return fail(e);
  if (query_x.cols() != train_x.cols()) {
    return fail("query data has " + std::to_string(query_x.cols()) +
                " columns but the training data has " + std::to_string(train_x.cols()));
  }
  const int n = static_cast<int>(train_x.rows());
  if (o.k < 1) return fail("k must be at least 1, got " + std::to_string(o.k));
  if (o.k > n) {
    return fail("k (" + std::to_string(o.k) + ") is larger than the number of training points (" +
                std::to_string(n) + ")");
  }
  KnnResult r;
  r.classes = distinct_labels(train_labels);
  const std::vector<int> cls = class_indices(train_labels, r.classes);
  const int c = static_cast<int>(r.classes.size());
  r.probabilities = Matrix::Zero(query_x.rows(), c);
  std::vector<std::pair<double, int>> dist(n);
  for (Eigen::Index q = 0; q < query_x.rows(); ++q) {
    for (int i = 0; i < n; ++i) {
      const auto diff = train_x.row(i) - query_x.row(q);
      const double dd = o.metric == DistanceMetric::kEuclidean ? diff.norm() : diff.cwiseAbs().sum();
      dist[i] = {dd, i};
    }
    std::partial_sort(dist.begin(), dist.begin() + o.k, dist.end());  // pairs: ties by index
    std::vector<double> votes(c, 0.0);
    std::vector<double> nearest(c, INFINITY);
    const bool exact = o.distance_weighted && dist[0].first == 0;
    std::vector<int> nb;
    for (int j = 0; j < o.k; ++j) {
      const auto [dd, i] = dist[j];
      nb.push_back(i);
      double weight = 1;
      if (o.distance_weighted) weight = exact ? (dd == 0 ? 1.0 : 0.0) : 1 / dd;
      votes[cls[i]] += weight;
      nearest[cls[i]] = std::min(nearest[cls[i]], dd);
    }
    double total = 0;
    int best = 0;
    for (int k = 0; k < c; ++k) {
      total += votes[k];
      if (votes[k] > votes[best] || (votes[k] == votes[best] && nearest[k] < nearest[best])) best = k;
    }
    for (int k = 0; k < c; ++k) r.probabilities(q, k) = votes[k] / total;
    r.predictions.push_back(r.classes[best]);
    r.neighbors.push_back(std::move(nb));
  }
  return r;
}

}  // namespace kb::kernels
