#include "kernels/preprocessing.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace kb::kernels {
namespace {

std::string check_finite_or_missing(const Matrix& x) {
  if (x.rows() == 0) return "x is empty (no rows)";
  if (x.cols() == 0) return "x has no columns";
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
      if (std::isinf(x(i, j))) {
        return "x row " + std::to_string(i + 1) + ", column " + std::to_string(j + 1) + " is infinite";
      }
    }
  }
  return {};
}

double median_of(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double quantile_sorted(const std::vector<double>& v, double p) {
  const double h = (v.size() - 1) * p;
  const size_t lo = static_cast<size_t>(std::floor(h));
  const size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - lo) * (v[hi] - v[lo]);
}

}  // namespace

Result<Imputation> impute(const Matrix& x, const ImputeOptions& o) {
  if (auto e = check_finite_or_missing(x); !e.empty()) return fail(e);
  if (o.strategy == ImputeStrategy::kKnn && o.k < 1) {
    return fail("k must be at least 1, got " + std::to_string(o.k));
  }
  const Eigen::Index n = x.rows(), d = x.cols();
  Imputation r;
  r.filled = x;
  std::vector<double> means(d), medians(d);
  for (Eigen::Index j = 0; j < d; ++j) {
    std::vector<double> seen;
    for (Eigen::Index i = 0; i < n; ++i) {
      if (!std::isnan(x(i, j))) seen.push_back(x(i, j));
    }
    if (seen.empty()) {
      return fail("column " + std::to_string(j + 1) + " has no observed values to impute from");
    }
    double s = 0;
    for (double v : seen) s += v;
    means[j] = s / seen.size();
    medians[j] = median_of(seen);
  }
  switch (o.strategy) {
    case ImputeStrategy::kMean: r.fill_values = means; break;
    case ImputeStrategy::kMedian: r.fill_values = medians; break;
    case ImputeStrategy::kKnn: r.fill_values.assign(d, NAN); break;
  }
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < d; ++j) {
      if (!std::isnan(x(i, j))) continue;
      r.cells.emplace_back(static_cast<int>(i), static_cast<int>(j));
      if (o.strategy != ImputeStrategy::kKnn) {
        r.filled(i, j) = r.fill_values[j];
        continue;
      }
      std::vector<std::pair<double, int>> candidates;
      for (Eigen::Index other = 0; other < n; ++other) {
        if (other == i || std::isnan(x(other, j))) continue;
        double sum = 0;
        int present = 0;
        for (Eigen::Index c = 0; c < d; ++c) {
          if (std::isnan(x(i, c)) || std::isnan(x(other, c))) continue;
          sum += (x(i, c) - x(other, c)) * (x(i, c) - x(other, c));
          ++present;
        }
        if (present == 0) continue;
        candidates.emplace_back(std::sqrt(static_cast<double>(d) / present * sum),
                                static_cast<int>(other));
      }
      if (candidates.empty()) {
        r.filled(i, j) = means[j];
        ++r.knn_fallbacks;
        continue;
      }
      const size_t k = std::min<size_t>(o.k, candidates.size());
      std::partial_sort(candidates.begin(), candidates.begin() + k, candidates.end());
      double s = 0;
      for (size_t c = 0; c < k; ++c) s += x(candidates[c].second, j);
      r.filled(i, j) = s / k;
    }
  }
  return r;
}

Result<Matrix> knock_out(const Matrix& x, double fraction, uint64_t seed) {
  if (auto e = check_matrix(x, "x"); !e.empty()) return fail(e);
  if (!(fraction >= 0 && fraction < 1)) return fail("fraction must be in [0, 1), got " + num(fraction));
  Rng rng(seed);
  Matrix out = x;
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
      if (uniform01(rng) < fraction) out(i, j) = NAN;
    }
  }
  for (Eigen::Index j = 0; j < x.cols(); ++j) {  // keep one value per column to impute from
    if (out.col(j).array().isNaN().all()) out(0, j) = x(0, j);
  }
  return out;
}

Result<LabelEncoding> label_encode(const std::vector<std::string>& values) {
  if (values.empty()) return fail("no values to encode");
  LabelEncoding r;
  r.categories = values;
  std::sort(r.categories.begin(), r.categories.end());
  r.categories.erase(std::unique(r.categories.begin(), r.categories.end()), r.categories.end());
  for (const std::string& v : values) {
    r.codes.push_back(static_cast<int>(
        std::lower_bound(r.categories.begin(), r.categories.end(), v) - r.categories.begin()));
  }
  return r;
}

Result<OneHotEncoding> one_hot_encode(const std::vector<std::string>& values, bool drop_first) {
  auto labels = label_encode(values);
  if (!labels) return fail(labels.error);
  OneHotEncoding r;
  const int skip = drop_first ? 1 : 0;
  r.categories.assign(labels->categories.begin() + skip, labels->categories.end());
  r.matrix = Matrix::Zero(static_cast<Eigen::Index>(values.size()),
                          static_cast<Eigen::Index>(r.categories.size()));
  for (size_t i = 0; i < values.size(); ++i) {
    const int col = labels->codes[i] - skip;
    if (col >= 0) r.matrix(static_cast<Eigen::Index>(i), col) = 1;
  }
  return r;
}

Result<Binning> bin_values(const std::vector<double>& values, const BinningOptions& o) {
  if (values.empty()) return fail("no values to bin");
  for (size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) return fail("value " + std::to_string(i + 1) + " is not finite");
  }
  if (o.bins < 1) return fail("bins must be at least 1, got " + std::to_string(o.bins));
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  Binning r;
  for (int b = 0; b <= o.bins; ++b) {
    const double p = static_cast<double>(b) / o.bins;
    const double edge = o.strategy == BinStrategy::kQuantile
                            ? quantile_sorted(sorted, p)
                            : sorted.front() + p * (sorted.back() - sorted.front());
    if (r.edges.empty() || edge > r.edges.back()) r.edges.push_back(edge);
  }
  if (r.edges.size() == 1) r.edges.push_back(r.edges[0]);  // all values equal: one bin
  r.counts.assign(r.edges.size() - 1, 0);
  for (double v : values) {
    const int b = static_cast<int>(std::upper_bound(r.edges.begin() + 1, r.edges.end() - 1, v) -
                                   (r.edges.begin() + 1));
    r.bins.push_back(b);
    ++r.counts[b];
  }
  return r;
}

Result<Scaling> standardize(const Matrix& x) {
  if (auto e = check_matrix(x, "x"); !e.empty()) return fail(e);
  Scaling r;
  r.scaled = x;
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    const double mean = x.col(j).mean();
    const double sd = std::sqrt((x.col(j).array() - mean).square().mean());
    const double scale = sd > 0 ? sd : 1.0;
    r.scaled.col(j) = (x.col(j).array() - mean) / scale;
    r.offsets.push_back(mean);
    r.scales.push_back(scale);
  }
  return r;
}

Result<Scaling> min_max_scale(const Matrix& x, double lo, double hi) {
  if (auto e = check_matrix(x, "x"); !e.empty()) return fail(e);
  if (!(lo < hi) || !std::isfinite(lo) || !std::isfinite(hi)) {
    return fail("the target range needs lo < hi, got [" + num(lo) + ", " + num(hi) + "]");
  }
  Scaling r;
  r.scaled = x;
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    const double mn = x.col(j).minCoeff(), mx = x.col(j).maxCoeff();
    const double scale = mx > mn ? mx - mn : 1.0;
    r.scaled.col(j) = lo + (x.col(j).array() - mn) / scale * (hi - lo);
    r.offsets.push_back(mn);
    r.scales.push_back(scale);
  }
  return r;
}

Result<Smote> smote(const Matrix& x, const Labels& labels, const SmoteOptions& o) {
  if (auto e = check_matrix(x, "x"); !e.empty()) return fail(e);
  if (auto e = check_same_length(x.rows(), "x", static_cast<long>(labels.size()), "labels");
      !e.empty()) {
    return fail(e);
  }
  if (o.synthetic < 0) return fail("synthetic must be >= 0, got " + std::to_string(o.synthetic));
  std::map<int, int> counts;
  for (int l : labels) ++counts[l];
  Smote r;
  if (o.minority_class >= 0) {
    if (!counts.count(o.minority_class)) {
      return fail("minority_class " + std::to_string(o.minority_class) + " does not occur in the labels");
    }
    r.minority_class = o.minority_class;
  } else {
    r.minority_class = counts.begin()->first;
    for (const auto& [label, count] : counts) {
      if (count < counts[r.minority_class]) r.minority_class = label;
    }
  }
  std::vector<int> minority;
  int largest = 0;
  for (const auto& [label, count] : counts) largest = std::max(largest, count);
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] == r.minority_class) minority.push_back(static_cast<int>(i));
  }
  const int m = static_cast<int>(minority.size());
  if (m < 2) {
    return fail("SMOTE needs at least 2 samples of class " + std::to_string(r.minority_class) +
                ", got " + std::to_string(m));
  }
  if (o.k < 1 || o.k >= m) {
    return fail("k (" + std::to_string(o.k) + ") must be at least 1 and less than the number of class " +
                std::to_string(r.minority_class) + " samples (" + std::to_string(m) + ")");
  }
  std::vector<std::vector<int>> neighbors(m);
  for (int a = 0; a < m; ++a) {
    std::vector<std::pair<double, int>> dist;
    for (int b = 0; b < m; ++b) {
      if (b != a) dist.emplace_back(squared_distance(x, minority[a], x, minority[b]), minority[b]);
    }
    std::partial_sort(dist.begin(), dist.begin() + o.k, dist.end());
    for (int j = 0; j < o.k; ++j) neighbors[a].push_back(dist[j].second);
  }
  const int count = o.synthetic > 0 ? o.synthetic : largest - m;
  Rng rng(o.seed);
  r.synthetic.resize(count, x.cols());
  for (int s = 0; s < count; ++s) {
    const int a = uniform_index(rng, m);
    const int b = neighbors[a][uniform_index(rng, o.k)];
    const double gap = uniform01(rng);
    r.synthetic.row(s) = x.row(minority[a]) + gap * (x.row(b) - x.row(minority[a]));
    r.base.push_back(minority[a]);
    r.neighbor.push_back(b);
    r.gap.push_back(gap);
  }
  r.x_resampled.resize(x.rows() + count, x.cols());
  r.x_resampled << x, r.synthetic;
  r.labels_resampled = labels;
  r.labels_resampled.insert(r.labels_resampled.end(), count, r.minority_class);
  return r;
}

Result<KFold> k_fold(int n, const KFoldOptions& o) {
  if (n < 2) return fail("k-fold needs at least 2 rows, got " + std::to_string(n));
  if (o.k < 2) return fail("k must be at least 2, got " + std::to_string(o.k));
  if (o.k > n) {
    return fail("k (" + std::to_string(o.k) + ") is larger than the number of rows (" +
                std::to_string(n) + ")");
  }
  std::vector<int> order = iota_indices(n);
  if (o.shuffle) {
    Rng rng(o.seed);
    shuffle(order, rng);
  }
  KFold r;
  r.fold_of.assign(n, 0);
  int start = 0;
  for (int f = 0; f < o.k; ++f) {
    const int size = n / o.k + (f < n % o.k ? 1 : 0);
    for (int i = start; i < start + size; ++i) r.fold_of[order[i]] = f;
    start += size;
  }
  r.folds.resize(o.k);
  for (int i = 0; i < n; ++i) {
    for (int f = 0; f < o.k; ++f) (r.fold_of[i] == f ? r.folds[f].test : r.folds[f].train).push_back(i);
  }
  return r;
}

Result<Split> train_validation_test_split(int n, const SplitOptions& o) {
  if (n < 1) return fail("n must be at least 1, got " + std::to_string(n));
  if (!(o.validation >= 0 && o.validation < 1)) {
    return fail("validation must be in [0, 1), got " + num(o.validation));
  }
  if (!(o.test >= 0 && o.test < 1)) return fail("test must be in [0, 1), got " + num(o.test));
  if (o.validation + o.test >= 1) {
    return fail("validation + test must be below 1 so rows remain for training, got " +
                num(o.validation + o.test));
  }
  const int n_val = static_cast<int>(std::lround(n * o.validation));
  const int n_test = static_cast<int>(std::lround(n * o.test));
  if (n - n_val - n_test < 1) {
    return fail(std::to_string(n) + " rows are too few: validation and test take them all");
  }
  std::vector<int> order = iota_indices(n);
  if (o.shuffle) {
    Rng rng(o.seed);
    shuffle(order, rng);
  }
  Split r;
  const int n_train = n - n_val - n_test;
  r.train.assign(order.begin(), order.begin() + n_train);
  r.validation.assign(order.begin() + n_train, order.begin() + n_train + n_val);
  r.test.assign(order.begin() + n_train + n_val, order.end());
  for (auto* v : {&r.train, &r.validation, &r.test}) std::sort(v->begin(), v->end());
  return r;
}

}  // namespace kb::kernels
