#include "kernels/trees.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>

namespace kb::kernels {
namespace {

constexpr double kMinGain = 1e-12;

std::string check_tree_options(const TreeOptions& o) {
  if (o.max_depth < 0 || o.max_depth > 1000) {
    return "max_depth must be in [0, 1000], got " + std::to_string(o.max_depth);
  }
  if (o.min_samples_split < 2) {
    return "min_samples_split must be at least 2, got " + std::to_string(o.min_samples_split);
  }
  if (o.min_samples_leaf < 1) {
    return "min_samples_leaf must be at least 1, got " + std::to_string(o.min_samples_leaf);
  }
  if (o.max_features < 0) return "max_features must be >= 0 (0 = all), got " + std::to_string(o.max_features);
  return {};
}

// Features to try at one node: all, or a random subset in ascending order.
std::vector<int> candidate_features(int d, int max_features, Rng& rng) {
  std::vector<int> f = iota_indices(d);
  if (max_features > 0 && max_features < d) {
    shuffle(f, rng);
    f.resize(max_features);
    std::sort(f.begin(), f.end());
  }
  return f;
}

// Rows sorted by their value of feature f, ties by row index.
void sort_by_feature(const Matrix& x, int f, std::vector<int>& rows) {
  std::sort(rows.begin(), rows.end(), [&](int a, int b) {
    return x(a, f) < x(b, f) || (x(a, f) == x(b, f) && a < b);
  });
}

struct Split {
  int feature = -1;
  double threshold = 0;
  double child_impurity = std::numeric_limits<double>::infinity();  // weighted by samples
};

// ---- classification ----
class ClassificationBuilder {
 public:
  ClassificationBuilder(const Matrix& x, const std::vector<int>& cls, int classes,
                        const TreeOptions& o, Rng& rng, DecisionTree& tree)
      : x_(x), cls_(cls), classes_(classes), o_(o), rng_(rng), tree_(tree),
        importance_(x.cols(), 0.0) {}

  void build(std::vector<int> rows, int depth) {
    const int id = static_cast<int>(tree_.nodes.size());
    tree_.nodes.emplace_back();
    std::vector<int> counts(classes_, 0);
    for (int r : rows) ++counts[cls_[r]];
    const double impurity = impurity_of(counts);
    {
      TreeNode& node = tree_.nodes[id];
      node.depth = depth;
      node.samples = static_cast<int>(rows.size());
      node.gini = gini_impurity(counts);
      node.entropy = entropy_bits(counts);
      node.impurity = impurity;
      node.prediction = tree_.classes[std::max_element(counts.begin(), counts.end()) - counts.begin()];
      node.counts = counts;
    }
    if (depth >= o_.max_depth || static_cast<int>(rows.size()) < o_.min_samples_split ||
        impurity <= 0) {
      return;
    }
    const Split best = find_split(rows);
    if (best.feature < 0 || impurity - best.child_impurity <= kMinGain) return;
    importance_[best.feature] += rows.size() * (impurity - best.child_impurity);
    std::vector<int> left, right;
    for (int r : rows) (x_(r, best.feature) <= best.threshold ? left : right).push_back(r);
    tree_.nodes[id].feature = best.feature;
    tree_.nodes[id].threshold = best.threshold;
    tree_.nodes[id].left = static_cast<int>(tree_.nodes.size());
    build(std::move(left), depth + 1);
    tree_.nodes[id].right = static_cast<int>(tree_.nodes.size());
    build(std::move(right), depth + 1);
  }

  std::vector<double> importance() const { return importance_; }

 private:
  double impurity_of(const std::vector<int>& counts) const {
    return o_.criterion == SplitCriterion::kGini ? gini_impurity(counts) : entropy_bits(counts);
  }

  Split find_split(std::vector<int> rows) {
    Split best;
    const int n = static_cast<int>(rows.size());
    for (int f : candidate_features(static_cast<int>(x_.cols()), o_.max_features, rng_)) {
      sort_by_feature(x_, f, rows);
      std::vector<int> left(classes_, 0), right(classes_, 0);
      for (int r : rows) ++right[cls_[r]];
      for (int p = 0; p + 1 < n; ++p) {
        ++left[cls_[rows[p]]];
        --right[cls_[rows[p]]];
        const double a = x_(rows[p], f), b = x_(rows[p + 1], f);
        if (!(a < b) || p + 1 < o_.min_samples_leaf || n - p - 1 < o_.min_samples_leaf) continue;
        const double child =
            ((p + 1) * impurity_of(left) + (n - p - 1) * impurity_of(right)) / n;
        if (child < best.child_impurity - kMinGain) {
          best.feature = f;
          best.threshold = a + (b - a) / 2;
          best.child_impurity = child;
        }
      }
    }
    return best;
  }

  const Matrix& x_;
  const std::vector<int>& cls_;
  int classes_;
  const TreeOptions& o_;
  Rng& rng_;
  DecisionTree& tree_;
  std::vector<double> importance_;
};

// ---- regression (squared error) ----
class RegressionBuilder {
 public:
  RegressionBuilder(const Matrix& x, const Vector& y, int max_depth, int min_leaf, RegressionTree& tree)
      : x_(x), y_(y), max_depth_(max_depth), min_leaf_(min_leaf), tree_(tree) {}

  void build(std::vector<int> rows, int depth) {
    const int id = static_cast<int>(tree_.nodes.size());
    tree_.nodes.emplace_back();
    double sum = 0, sumsq = 0;
    for (int r : rows) {
      sum += y_[r];
      sumsq += y_[r] * y_[r];
    }
    const double n = static_cast<double>(rows.size());
    const double sse = std::max(0.0, sumsq - sum * sum / n);
    RegressionNode& node = tree_.nodes[id];
    node.depth = depth;
    node.samples = static_cast<int>(rows.size());
    node.value = sum / n;
    node.mse = sse / n;
    if (depth >= max_depth_ || static_cast<int>(rows.size()) < 2 * min_leaf_ || sse <= 0) return;
    Split best = find_split(rows);
    if (best.feature < 0 || sse / n - best.child_impurity <= kMinGain) return;
    std::vector<int> left, right;
    for (int r : rows) (x_(r, best.feature) <= best.threshold ? left : right).push_back(r);
    tree_.nodes[id].feature = best.feature;
    tree_.nodes[id].threshold = best.threshold;
    tree_.nodes[id].left = static_cast<int>(tree_.nodes.size());
    build(std::move(left), depth + 1);
    tree_.nodes[id].right = static_cast<int>(tree_.nodes.size());
    build(std::move(right), depth + 1);
  }

 private:
  Split find_split(std::vector<int> rows) const {
    Split best;
    const int n = static_cast<int>(rows.size());
    double total = 0, total_sq = 0;
    for (int r : rows) {
      total += y_[r];
      total_sq += y_[r] * y_[r];
    }
    for (int f = 0; f < x_.cols(); ++f) {
      sort_by_feature(x_, f, rows);
      double ls = 0, lsq = 0;
      for (int p = 0; p + 1 < n; ++p) {
        ls += y_[rows[p]];
        lsq += y_[rows[p]] * y_[rows[p]];
        const double a = x_(rows[p], f), b = x_(rows[p + 1], f);
        const int nl = p + 1, nr = n - nl;
        if (!(a < b) || nl < min_leaf_ || nr < min_leaf_) continue;
        const double rs = total - ls, rsq = total_sq - lsq;
        const double sse = std::max(0.0, lsq - ls * ls / nl) + std::max(0.0, rsq - rs * rs / nr);
        const double child = sse / n;
        if (child < best.child_impurity - kMinGain) {
          best.feature = f;
          best.threshold = a + (b - a) / 2;
          best.child_impurity = child;
        }
      }
    }
    return best;
  }

  const Matrix& x_;
  const Vector& y_;
  int max_depth_, min_leaf_;
  RegressionTree& tree_;
};

std::string format_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

void normalize(std::vector<double>& v) {
  const double s = std::accumulate(v.begin(), v.end(), 0.0);
  if (s > 0) {
    for (double& x : v) x /= s;
  }
}

}  // namespace

double gini_impurity(const std::vector<int>& counts) {
  const double n = std::accumulate(counts.begin(), counts.end(), 0.0);
  if (n == 0) return 0;
  double s = 1;
  for (int c : counts) s -= (c / n) * (c / n);
  return std::max(0.0, s);
}

double entropy_bits(const std::vector<int>& counts) {
  const double n = std::accumulate(counts.begin(), counts.end(), 0.0);
  if (n == 0) return 0;
  double h = 0;
  for (int c : counts) {
    if (c > 0) h -= (c / n) * std::log2(c / n);
  }
  return std::max(0.0, h);
}

Result<DecisionTree> fit_decision_tree(const Matrix& x, const Labels& labels, const TreeOptions& o) {
  if (auto e = check_matrix(x, "x"); !e.empty()) return fail(e);
  if (auto e = check_same_length(x.rows(), "x", static_cast<long>(labels.size()), "labels");
      !e.empty()) {
    return fail(e);
  }
  if (auto e = check_tree_options(o); !e.empty()) return fail(e);
  DecisionTree tree;
  tree.classes = distinct_labels(labels);
  tree.features = static_cast<int>(x.cols());
  const std::vector<int> cls = class_indices(labels, tree.classes);
  Rng rng(o.seed);
  ClassificationBuilder builder(x, cls, static_cast<int>(tree.classes.size()), o, rng, tree);
  builder.build(iota_indices(static_cast<int>(x.rows())), 0);
  tree.feature_importance = builder.importance();
  normalize(tree.feature_importance);
  return tree;
}

int leaf_of(const DecisionTree& tree, const Matrix& x, Eigen::Index row) {
  int id = 0;
  while (tree.nodes[id].feature >= 0) {
    const TreeNode& node = tree.nodes[id];
    id = x(row, node.feature) <= node.threshold ? node.left : node.right;
  }
  return id;
}

Labels predict(const DecisionTree& tree, const Matrix& x) {
  Labels out(x.rows());
  for (Eigen::Index i = 0; i < x.rows(); ++i) out[i] = tree.nodes[leaf_of(tree, x, i)].prediction;
  return out;
}

std::string to_text(const DecisionTree& tree, const std::vector<std::string>& names) {
  std::string out;
  for (size_t id = 0; id < tree.nodes.size(); ++id) {
    const TreeNode& n = tree.nodes[id];
    out += std::string(2 * n.depth, ' ');
    if (n.feature >= 0) {
      const std::string name = static_cast<size_t>(n.feature) < names.size()
                                   ? names[n.feature]
                                   : "x" + std::to_string(n.feature + 1);
      out += name + " <= " + format_number(n.threshold);
    } else {
      out += "class " + std::to_string(n.prediction);
    }
    out += "  gini=" + format_number(n.gini) + " entropy=" + format_number(n.entropy) +
           " samples=" + std::to_string(n.samples) + " counts=[";
    for (size_t k = 0; k < n.counts.size(); ++k) out += (k ? ", " : "") + std::to_string(n.counts[k]);
    out += "]\n";
  }
  return out;
}

Result<RandomForest> fit_random_forest(const Matrix& x, const Labels& labels, const ForestOptions& o) {
  if (auto e = check_matrix(x, "x"); !e.empty()) return fail(e);
  if (auto e = check_same_length(x.rows(), "x", static_cast<long>(labels.size()), "labels");
      !e.empty()) {
    return fail(e);
  }
  if (o.trees < 1) return fail("trees must be at least 1, got " + std::to_string(o.trees));
  if (auto e = check_tree_options(o.tree); !e.empty()) return fail(e);
  const int n = static_cast<int>(x.rows()), d = static_cast<int>(x.cols());
  RandomForest forest;
  forest.classes = distinct_labels(labels);
  const int c = static_cast<int>(forest.classes.size());
  const std::vector<int> cls = class_indices(labels, forest.classes);
  TreeOptions tree_options = o.tree;
  if (tree_options.max_features == 0) {
    tree_options.max_features = std::max(1, static_cast<int>(std::lround(std::sqrt(d))));
  }
  Rng rng(o.seed);
  std::vector<std::vector<int>> oob_votes(n, std::vector<int>(c, 0));
  std::vector<double> importance(d, 0.0);
  for (int t = 0; t < o.trees; ++t) {
    std::vector<int> sample;
    std::vector<char> in_bag(n, 0);
    if (o.bootstrap) {
      for (int i = 0; i < n; ++i) {
        const int r = uniform_index(rng, n);
        sample.push_back(r);
        in_bag[r] = 1;
      }
    } else {
      sample = iota_indices(n);
    }
    tree_options.seed = rng();
    auto tree = fit_decision_tree(take_rows(x, sample), take(labels, sample), tree_options);
    if (!tree) return fail(tree.error);
    for (int j = 0; j < d; ++j) importance[j] += tree->feature_importance[j];
    if (o.bootstrap) {
      for (int i = 0; i < n; ++i) {
        if (in_bag[i]) continue;
        const int label = tree->nodes[leaf_of(*tree, x, i)].prediction;
        ++oob_votes[i][class_indices({label}, forest.classes)[0]];
      }
      int voted = 0, wrong = 0;
      for (int i = 0; i < n; ++i) {
        const auto& v = oob_votes[i];
        const int best = static_cast<int>(std::max_element(v.begin(), v.end()) - v.begin());
        if (v[best] == 0) continue;
        ++voted;
        wrong += best != cls[i];
      }
      forest.oob_error_curve.push_back(voted ? static_cast<double>(wrong) / voted : NAN);
      forest.oob_rows = voted;
    }
    forest.trees.push_back(std::move(*tree));
  }
  forest.oob_error = o.bootstrap ? forest.oob_error_curve.back() : NAN;
  normalize(importance);
  forest.feature_importance = importance;
  return forest;
}

Matrix vote_shares(const RandomForest& forest, const Matrix& x) {
  Matrix shares = Matrix::Zero(x.rows(), static_cast<Eigen::Index>(forest.classes.size()));
  for (const DecisionTree& tree : forest.trees) {
    const Labels p = predict(tree, x);
    const std::vector<int> idx = class_indices(p, forest.classes);
    for (Eigen::Index i = 0; i < x.rows(); ++i) shares(i, idx[i]) += 1;
  }
  return shares / static_cast<double>(forest.trees.size());
}

Labels predict(const RandomForest& forest, const Matrix& x) {
  const Matrix shares = vote_shares(forest, x);
  Labels out(x.rows());
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    Eigen::Index best = 0;
    for (Eigen::Index k = 1; k < shares.cols(); ++k) {
      if (shares(i, k) > shares(i, best)) best = k;
    }
    out[i] = forest.classes[best];
  }
  return out;
}

double predict(const RegressionTree& tree, const Matrix& x, Eigen::Index row) {
  int id = 0;
  while (tree.nodes[id].feature >= 0) {
    const RegressionNode& node = tree.nodes[id];
    id = x(row, node.feature) <= node.threshold ? node.left : node.right;
  }
  return tree.nodes[id].value;
}

namespace {

int regression_leaf(const RegressionTree& tree, const Matrix& x, Eigen::Index row) {
  int id = 0;
  while (tree.nodes[id].feature >= 0) {
    const RegressionNode& node = tree.nodes[id];
    id = x(row, node.feature) <= node.threshold ? node.left : node.right;
  }
  return id;
}

double sigmoid(double z) { return z >= 0 ? 1 / (1 + std::exp(-z)) : std::exp(z) / (1 + std::exp(z)); }

double boosting_loss(BoostingLoss loss, const Vector& y, const std::vector<double>& f) {
  double s = 0;
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    if (loss == BoostingLoss::kSquared) {
      s += (y[i] - f[i]) * (y[i] - f[i]);
    } else {  // log(1 + e^F) - yF, stably
      s += std::max(f[i], 0.0) + std::log1p(std::exp(-std::abs(f[i]))) - y[i] * f[i];
    }
  }
  return s / y.size();
}

}  // namespace

Result<GradientBoosting> fit_gradient_boosting(const Matrix& x, const Vector& y,
                                               const BoostingOptions& o) {
  if (auto e = check_matrix(x, "x"); !e.empty()) return fail(e);
  if (auto e = check_vector(y, "y"); !e.empty()) return fail(e);
  if (auto e = check_same_length(x.rows(), "x", y.size(), "y"); !e.empty()) return fail(e);
  if (o.rounds < 1) return fail("rounds must be at least 1, got " + std::to_string(o.rounds));
  if (!(o.learning_rate > 0 && o.learning_rate <= 1)) {
    return fail("learning_rate must be in (0, 1], got " + num(o.learning_rate));
  }
  if (o.max_depth < 0 || o.max_depth > 1000) {
    return fail("max_depth must be in [0, 1000], got " + std::to_string(o.max_depth));
  }
  if (o.min_samples_leaf < 1) return fail("min_samples_leaf must be at least 1");
  if (!(o.subsample > 0 && o.subsample <= 1)) {
    return fail("subsample must be in (0, 1], got " + num(o.subsample));
  }
  const int n = static_cast<int>(x.rows());
  GradientBoosting model;
  model.loss = o.loss;
  model.learning_rate = o.learning_rate;
  if (o.loss == BoostingLoss::kLogistic) {
    double positives = 0;
    for (int i = 0; i < n; ++i) {
      if (y[i] != 0 && y[i] != 1) {
        return fail("logistic boosting needs labels 0 or 1; value " + std::to_string(i + 1) +
                    " is " + num(y[i]));
      }
      positives += y[i];
    }
    if (positives == 0 || positives == n) return fail("logistic boosting needs both labels 0 and 1");
    const double p = positives / n;
    model.initial = std::log(p / (1 - p));
  } else {
    model.initial = y.mean();
  }
  std::vector<double> f(n, model.initial);
  model.loss_curve.push_back(boosting_loss(o.loss, y, f));
  Rng rng(o.seed);
  const int rows_per_tree = std::max(1, static_cast<int>(std::lround(o.subsample * n)));
  Vector residual(n);
  for (int round = 0; round < o.rounds; ++round) {
    for (int i = 0; i < n; ++i) {
      residual[i] = y[i] - (o.loss == BoostingLoss::kSquared ? f[i] : sigmoid(f[i]));
    }
    std::vector<int> rows = iota_indices(n);
    if (rows_per_tree < n) {
      shuffle(rows, rng);
      rows.resize(rows_per_tree);
      std::sort(rows.begin(), rows.end());
    }
    RegressionTree tree;
    tree.features = static_cast<int>(x.cols());
    RegressionBuilder(x, residual, o.max_depth, o.min_samples_leaf, tree).build(rows, 0);
    if (o.loss == BoostingLoss::kLogistic) {  // Newton step per leaf
      std::vector<double> num_sum(tree.nodes.size(), 0.0), den_sum(tree.nodes.size(), 0.0);
      for (int r : rows) {
        const int leaf = regression_leaf(tree, x, r);
        const double p = sigmoid(f[r]);
        num_sum[leaf] += residual[r];
        den_sum[leaf] += p * (1 - p);
      }
      for (size_t id = 0; id < tree.nodes.size(); ++id) {
        if (tree.nodes[id].feature < 0) {
          tree.nodes[id].value = num_sum[id] / std::max(den_sum[id], 1e-12);
        }
      }
    }
    for (int i = 0; i < n; ++i) f[i] += o.learning_rate * predict(tree, x, i);
    model.trees.push_back(std::move(tree));
    model.loss_curve.push_back(boosting_loss(o.loss, y, f));
  }
  for (int i = 0; i < n; ++i) {
    model.predictions.push_back(o.loss == BoostingLoss::kSquared ? f[i] : sigmoid(f[i]));
  }
  return model;
}

std::vector<double> decision_function(const GradientBoosting& model, const Matrix& x) {
  std::vector<double> f(x.rows(), model.initial);
  for (const RegressionTree& tree : model.trees) {
    for (Eigen::Index i = 0; i < x.rows(); ++i) f[i] += model.learning_rate * predict(tree, x, i);
  }
  return f;
}

}  // namespace kb::kernels
