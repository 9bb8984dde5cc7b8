// Decision trees (CART), random forests and gradient-boosted trees.
//
// Contract:
// - Inputs: x is n × d, finite; classification labels are any integers;
//   regression and boosting targets are finite doubles (logistic boosting:
//   0/1). Bad input (empty data, mismatched sizes, max_depth outside [0, 1000], a learning
//   rate outside (0, 1], a subsample outside (0, 1]) gives an error.
// - A node goes left when x[feature] <= threshold; thresholds are midpoints
//   between neighbouring distinct values. A node is split only if the split
//   lowers the impurity; candidate splits are compared by the weighted
//   impurity of the children, ties going to the lower feature index, then
//   the lower threshold, so a tree is a deterministic function of its input
//   (and of the seed when max_features < d).
// - Nodes are stored in pre-order: the root is nodes[0], a node's left
//   subtree follows it directly.
// - Cost: one tree O(depth · d · n log n); a forest or boosting multiplies by
//   the number of trees.
// Thread safety: pure functions.
#pragma once

#include "kernels/common.h"
#include "kernels/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kb::kernels {

// Gini impurity 1 - Σ pₖ² of class counts (0 for no samples).
double gini_impurity(const std::vector<int>& counts);
// Entropy -Σ pₖ log₂ pₖ of class counts, in bits (0 for no samples).
double entropy_bits(const std::vector<int>& counts);

enum class SplitCriterion { kGini, kEntropy };

struct TreeOptions {
  SplitCriterion criterion = SplitCriterion::kGini;  // impurity the splits minimise
  int max_depth = 5;          // deepest level (root = 0), 0..1000 (the builder recurses this deep); 0 = a single leaf
  int min_samples_split = 2;  // a node with fewer samples is a leaf, >= 2
  int min_samples_leaf = 1;   // each child keeps at least this many samples, >= 1
  int max_features = 0;       // features tried per split, drawn at random; 0 = all
  uint64_t seed = 42;         // used only when max_features < d
};

struct TreeNode {
  int feature = -1;          // split feature; -1 for a leaf
  double threshold = 0;      // go left when x[feature] <= threshold (leaf: unused)
  int left = -1, right = -1; // child node indices (leaf: -1)
  int depth = 0;             // root = 0
  int samples = 0;           // training rows that reach the node
  std::vector<int> counts;   // rows per class (order of DecisionTree::classes)
  double gini = 0;           // Gini impurity of those rows
  double entropy = 0;        // their entropy in bits
  double impurity = 0;       // by the tree's criterion (gini or entropy)
  int prediction = 0;        // majority class label (ties: the lower label)
};

struct DecisionTree {
  std::vector<int> classes;              // distinct training labels, ascending
  int features = 0;                      // d
  std::vector<TreeNode> nodes;           // pre-order, root first
  std::vector<double> feature_importance;  // impurity decrease per feature weighted by samples, summing to 1 (all 0 if no split)
};

Result<DecisionTree> fit_decision_tree(const Matrix& x, const Labels& labels,
                                       const TreeOptions& options = {});
// Class of each row (x.cols() must be the tree's feature count).
Labels predict(const DecisionTree& tree, const Matrix& x);
// Index of the leaf each row reaches.
int leaf_of(const DecisionTree& tree, const Matrix& x, Eigen::Index row);
// The tree as indented text, one node a line, e.g.
//   "x2 <= 2.45  gini=0.667 samples=150 counts=[50, 50, 50]". `names` (optional)
// replaces x1, x2, ... (1-based).
std::string to_text(const DecisionTree& tree, const std::vector<std::string>& names = {});

// ---- random forest ----
struct ForestOptions {
  int trees = 100;            // number of trees, >= 1
  TreeOptions tree;           // per tree; tree.max_features = 0 here means round(sqrt(d)); tree.seed is ignored
  bool bootstrap = true;      // each tree sees n rows drawn with replacement (false: all rows, no OOB error)
  uint64_t seed = 42;         // drives the bootstrap samples and the feature draws
};
struct RandomForest {
  std::vector<int> classes;
  std::vector<DecisionTree> trees;
  double oob_error = 0;                 // share of rows misclassified by the trees that did not see them (NaN without bootstrap)
  std::vector<double> oob_error_curve;  // OOB error after 1, 2, ... trees (over rows with at least one OOB vote)
  int oob_rows = 0;                     // rows that were out of bag at least once
  std::vector<double> feature_importance;  // mean of the trees', summing to 1
};
Result<RandomForest> fit_random_forest(const Matrix& x, const Labels& labels,
                                       const ForestOptions& options = {});
// Majority vote (ties: lower label) and the vote shares (rows × classes).
Labels predict(const RandomForest& forest, const Matrix& x);
Matrix vote_shares(const RandomForest& forest, const Matrix& x);

// ---- regression trees and gradient boosting ----
struct RegressionNode {
  int feature = -1;          // split feature; -1 for a leaf
  double threshold = 0;      // go left when x[feature] <= threshold
  int left = -1, right = -1; // child node indices (leaf: -1)
  int depth = 0;             // root = 0
  int samples = 0;           // training rows that reach the node
  double value = 0;  // prediction at this node (leaf value after boosting's Newton step)
  double mse = 0;    // mean squared deviation of the node's targets from their mean
};
struct RegressionTree {
  int features = 0;                   // d
  std::vector<RegressionNode> nodes;  // pre-order, root first
};
double predict(const RegressionTree& tree, const Matrix& x, Eigen::Index row);

enum class BoostingLoss { kSquared, kLogistic };
struct BoostingOptions {
  BoostingLoss loss = BoostingLoss::kSquared;  // squared error (regression) or log loss (labels 0/1)
  int rounds = 100;            // trees added, >= 1
  double learning_rate = 0.1;  // shrinkage of each tree, in (0, 1]
  int max_depth = 3;           // depth of each tree, 0..1000
  int min_samples_leaf = 1;    // >= 1
  double subsample = 1.0;      // share of rows each tree is fitted on, drawn without replacement, in (0, 1]
  uint64_t seed = 42;          // drives the subsamples
};
struct GradientBoosting {
  BoostingLoss loss = BoostingLoss::kSquared;  // the loss fitted
  double initial = 0;          // F₀: mean target, or log-odds of the positive rate
  double learning_rate = 0.1;       // shrinkage applied to every tree's output
  std::vector<RegressionTree> trees;  // in the order they were added
  std::vector<double> loss_curve;   // training loss (MSE or mean log loss) for F₀ and after each round
  std::vector<double> predictions;  // final training predictions: values, or P(label = 1)
};
// Friedman's gradient boosting: each tree fits the negative gradient
// (residual y - F, or y - p) by squared-error splits; leaves then take the
// mean residual (squared loss) or the Newton step Σr / Σp(1-p) (log loss).
Result<GradientBoosting> fit_gradient_boosting(const Matrix& x, const Vector& y,
                                               const BoostingOptions& options = {});
// Raw score F(x) per row (log-odds for the logistic loss).
std::vector<double> decision_function(const GradientBoosting& model, const Matrix& x);

}  // namespace kb::kernels
