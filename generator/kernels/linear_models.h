// Linear models: least squares (closed form and gradient descent), logistic
// regression, L1/L2 regularisation paths, and a linear support vector machine.
//
// Contract:
// - Inputs: x is n × d (rows are samples), y has n entries; classifiers take
//   binary labels 0/1 (1 is the positive class). Everything must be finite.
// - Outputs are plain structs; nothing is kept between calls.
// - Bad input (empty x, mismatched sizes, a non-positive learning rate, labels
//   other than 0/1, a lambda <= 0) gives an error, never a crash. A
//   learning rate that makes gradient descent blow up is not an error: the
//   result says diverged = true and keeps the loss curve up to that point.
// - Cost: closed form O(n d² + d³); gradient descent O(epochs · n d);
//   regularisation path O(lambdas · iterations · n d); SVM O(epochs · n d).
// Thread safety: pure functions.
#pragma once

#include "kernels/common.h"
#include "kernels/result.h"

#include <cstdint>
#include <vector>

namespace kb::kernels {

// ---- least squares, closed form ----
struct LinearRegressionOptions {
  bool fit_intercept = true;  // learn an intercept (not penalised); false: the model passes through 0
  double l2 = 0.0;            // ridge penalty λ >= 0 on the slopes: minimise mean squared error + λ‖w‖²
};
struct LinearModel {
  Vector coefficients;     // one slope per feature
  double intercept = 0;    // 0 when fit_intercept is false
  double mse = 0;          // mean squared error on the training data
  double r2 = 0;           // coefficient of determination on the training data (1 - SSE/SST; 0 if SST = 0)
  int rank = 0;            // numerical rank of the (centred) design: < d means collinear features
};
// QR with column pivoting (minimum-norm-like answer when collinear); with l2 > 0 the
// normal equations (XᵀX + nλI) w = Xᵀy are solved by LDLT.
Result<LinearModel> fit_linear_regression(const Matrix& x, const Vector& y,
                                          const LinearRegressionOptions& options = {});

// ---- least squares, batch gradient descent ----
struct GradientDescentOptions {
  double learning_rate = 0.01;    // step size, > 0
  int epochs = 1000;              // full-batch updates, >= 1
  bool fit_intercept = true;      // learn an intercept
  double tolerance = 1e-12;       // stop early when the loss falls by less than tolerance · loss; 0 never stops early
  double divergence_factor = 1e6; // stop with diverged = true when the loss exceeds this × the initial loss (or is not finite)
};
struct GradientDescentResult {
  Vector coefficients;             // slope per feature after the last update
  double intercept = 0;            // intercept after the last update (0 without fit_intercept)
  std::vector<double> loss_curve;  // mean squared error at the start (all weights 0) and after every update
  int epochs_run = 0;              // updates made
  bool converged = false;          // stopped by the tolerance
  bool diverged = false;           // stopped because the loss blew up
};
// Minimises MSE = mean((x·w + b - y)²) with gradient (2/n) Xᵀr, starting at w = 0, b = 0.
Result<GradientDescentResult> linear_regression_gradient_descent(
    const Matrix& x, const Vector& y, const GradientDescentOptions& options = {});

// ---- logistic regression ----
struct LogisticRegressionOptions {
  double learning_rate = 0.1;  // gradient-descent step size, > 0
  int epochs = 1000;           // full-batch updates, >= 1
  double l2 = 0.0;             // penalty (l2/2)·‖w‖² on the slopes, >= 0
  bool fit_intercept = true;   // learn an intercept (not penalised)
  double tolerance = 1e-10;    // stop when the loss falls by less than tolerance · loss; 0 never stops early
};
struct LogisticModel {
  Vector coefficients;               // weight per feature
  double intercept = 0;              // bias
  std::vector<double> loss_curve;    // mean log loss (+ penalty) at the start and after every update
  std::vector<double> probabilities; // P(label = 1) for each training row
  double accuracy = 0;               // training accuracy at threshold 0.5
  int epochs_run = 0;                // updates made
  bool converged = false;            // stopped by the tolerance
};
Result<LogisticModel> fit_logistic_regression(const Matrix& x, const Labels& labels,
                                              const LogisticRegressionOptions& options = {});
// P(label = 1 | row) for each row of x (x.cols() must equal the model's feature count).
std::vector<double> predict_probability(const LogisticModel& model, const Matrix& x);

// ---- L1 (lasso) and L2 (ridge) regularisation paths ----
enum class Penalty { kL1, kL2 };
struct RegularizationPathOptions {
  Penalty penalty = Penalty::kL1;  // L1: (1/2n)‖y - Xw - b‖² + λ‖w‖₁; L2: (1/2n)‖y - Xw - b‖² + (λ/2)‖w‖²
  int lambdas = 30;                // points on the path, >= 1, log-spaced from lambda_max down
  double lambda_max = 0;           // largest λ; 0 = the smallest λ at which the lasso sets every slope to 0
  double lambda_min_ratio = 1e-3;  // smallest λ = lambda_max · ratio, in (0, 1]
  bool standardize = true;         // scale features to unit variance first (coefficients reported on that scale)
  int max_iterations = 10000;      // coordinate-descent sweeps per λ (L1), >= 1
  double tolerance = 1e-10;        // L1: stop sweeping when no slope moves more than this
};
struct RegularizationPath {
  std::vector<double> lambdas;   // decreasing
  Matrix coefficients;           // lambdas × features; row i is the fit at lambdas[i]
  std::vector<double> intercepts;
  std::vector<int> nonzero;      // slopes that are not exactly 0, per λ
  std::vector<double> means;     // feature means subtracted before fitting
  std::vector<double> scales;    // feature scales divided out (1 when standardize is false or the feature is constant)
  // A prediction at lambdas[i] is intercepts[i] + Σⱼ coefficients(i, j) · (xⱼ - means[j]) / scales[j].
};
Result<RegularizationPath> regularization_path(const Matrix& x, const Vector& y,
                                               const RegularizationPathOptions& options = {});

// ---- linear support vector machine ----
struct LinearSvmOptions {
  double c = 1.0;           // cost of margin violations, > 0 (large C: hard margin, small: wide soft margin)
  int max_epochs = 1000;    // passes of dual coordinate descent, >= 1
  double tolerance = 1e-4;  // stop when the projected-gradient gap falls below this, > 0
  uint64_t seed = 42;       // order in which the dual variables are visited
};
struct LinearSvm {
  Vector coefficients;               // w
  double intercept = 0;              // b (learned as the weight of a constant feature, so lightly penalised, as in LIBLINEAR)
  std::vector<double> alphas;        // dual variable per training row, in [0, C]
  std::vector<int> support_vectors;  // rows with alpha > 0
  std::vector<double> decision;      // w·x + b for each training row
  double margin = 0;                 // width of the margin, 2 / ‖w‖ (infinite if w = 0)
  double accuracy = 0;               // training accuracy
  int epochs_run = 0;                // passes over the data made
  bool converged = false;            // stopped by the tolerance
};
// Minimises ½‖(w, b)‖² + C Σ max(0, 1 - yᵢ(w·xᵢ + b)) with yᵢ = ±1 for labels 1/0
// (dual coordinate descent, Hsieh et al. 2008).
Result<LinearSvm> fit_linear_svm(const Matrix& x, const Labels& labels,
                                 const LinearSvmOptions& options = {});

}  // namespace kb::kernels
