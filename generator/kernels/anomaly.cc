#include "kernels/anomaly.h"

#include <algorithm>
#include <cmath>

namespace kb::kernels {
namespace {

struct CutNode {
  int parent = -1, left = -1, right = -1;
  int size = 0;  // points below (with multiplicity)
};

class CutTree {
 public:
  CutTree(const Matrix& x, Rng& rng) : x_(x), rng_(rng) {}

  // Builds over `rows`; leaf_[i] is the leaf of the i-th row of `rows`.
  void build(const std::vector<int>& rows) {
    leaf_of_row_.assign(rows.size(), -1);
    std::vector<int> slots(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) slots[i] = static_cast<int>(i);
    rows_ = rows;
    grow(std::move(slots));
  }

  double codisp(size_t slot) const {
    int node = leaf_of_row_[slot];
    double best = 0;
    while (nodes_[node].parent >= 0) {
      const CutNode& parent = nodes_[nodes_[node].parent];
      const int sibling = parent.left == node ? parent.right : parent.left;
      best = std::max(best, static_cast<double>(nodes_[sibling].size) / nodes_[node].size);
      node = nodes_[node].parent;
    }
    return best;
  }

 private:
  // Pre-order with an explicit stack (a degenerate sample can make a tree as
  // deep as it is large, too deep for recursion).
  void grow(std::vector<int> root) {
    struct Task {
      std::vector<int> slots;
      int parent;
      bool is_left;
    };
    std::vector<Task> stack;
    stack.push_back({std::move(root), -1, false});
    const Eigen::Index d = x_.cols();
    while (!stack.empty()) {
      Task task = std::move(stack.back());
      stack.pop_back();
      const std::vector<int>& slots = task.slots;
      const int id = static_cast<int>(nodes_.size());
      nodes_.push_back({task.parent, -1, -1, static_cast<int>(slots.size())});
      if (task.parent >= 0) (task.is_left ? nodes_[task.parent].left : nodes_[task.parent].right) = id;
      Vector lo = x_.row(rows_[slots[0]]).transpose(), hi = lo;
      for (int s : slots) {
        lo = lo.cwiseMin(x_.row(rows_[s]).transpose());
        hi = hi.cwiseMax(x_.row(rows_[s]).transpose());
      }
      const Vector range = hi - lo;
      const double total = range.sum();
      if (!(total > 0)) {  // one point, or identical points: a leaf
        for (int s : slots) leaf_of_row_[s] = id;
        continue;
      }
      double pick = uniform01(rng_) * total;
      Eigen::Index dim = 0;
      while (dim + 1 < d && (range[dim] == 0 || pick >= range[dim])) {
        pick -= range[dim];
        ++dim;
      }
      while (range[dim] == 0) --dim;  // round-off at the top end
      const double cut = lo[dim] + uniform01(rng_) * range[dim];  // in [lo, hi): both sides non-empty
      std::vector<int> left, right;
      for (int s : slots) (x_(rows_[s], dim) <= cut ? left : right).push_back(s);
      if (right.empty()) {  // lo + u·range rounded up to hi: cut just below hi instead
        left.clear();
        for (int s : slots) (x_(rows_[s], dim) < hi[dim] ? left : right).push_back(s);
      }
      stack.push_back({std::move(right), id, false});
      stack.push_back({std::move(left), id, true});  // popped first: left subtree before right
    }
  }

  const Matrix& x_;
  Rng& rng_;
  std::vector<int> rows_;
  std::vector<CutNode> nodes_;
  std::vector<int> leaf_of_row_;
};

}  // namespace

Result<AnomalyScores> random_cut_forest(const Matrix& x, const RandomCutForestOptions& o) {
  if (auto e = check_matrix(x, "x"); !e.empty()) return fail(e);
  if (o.trees < 1) return fail("trees must be at least 1, got " + std::to_string(o.trees));
  if (o.sample_size < 1) return fail("sample_size must be at least 1, got " + std::to_string(o.sample_size));
  const int n = static_cast<int>(x.rows());
  const int sample = std::min(o.sample_size, n);
  if (static_cast<long long>(o.trees) * sample < n) {
    return fail("trees × sample_size (" + std::to_string(static_cast<long long>(o.trees) * sample) +
                ") must be at least the number of rows (" + std::to_string(n) +
                ") so every row is scored");
  }
  Rng rng(o.seed);
  std::vector<double> sum(n, 0.0);
  std::vector<int> count(n, 0);
  std::vector<int> perm = iota_indices(n);
  shuffle(perm, rng);
  int next = 0;
  for (int t = 0; t < o.trees; ++t) {
    std::vector<int> rows;
    while (static_cast<int>(rows.size()) < sample) {
      if (next == n) {  // start a fresh permutation
        shuffle(perm, rng);
        next = 0;
      }
      rows.push_back(perm[next++]);
    }
    // A slice that wraps round may repeat a row from the previous permutation.
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    CutTree tree(x, rng);
    tree.build(rows);
    for (size_t s = 0; s < rows.size(); ++s) {
      sum[rows[s]] += tree.codisp(s);
      ++count[rows[s]];
    }
  }
  AnomalyScores r;
  for (int i = 0; i < n; ++i) {
    r.scores.push_back(count[i] ? sum[i] / count[i] : 0.0);
    r.trees_per_row.push_back(count[i]);
  }
  double m = 0;
  for (double s : r.scores) m += s;
  m /= n;
  double v = 0;
  for (double s : r.scores) v += (s - m) * (s - m);
  r.mean = m;
  r.stdev = std::sqrt(v / n);
  return r;
}

}  // namespace kb::kernels
