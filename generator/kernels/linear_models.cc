#include "kernels/linear_models.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kb::kernels {
namespace {

std::string check_xy(const Matrix& x, long n, const char* y_name) {
  if (auto e = check_matrix(x, "x"); !e.empty()) return e;
  return check_same_length(x.rows(), "x", n, y_name);
}

double mean_squared_error(const Matrix& x, const Vector& w, double b, const Vector& y) {
  return ((x * w).array() + b - y.array()).square().mean();
}

// log(1 + e^z) without overflow.
double softplus(double z) { return std::max(z, 0.0) + std::log1p(std::exp(-std::abs(z))); }
double sigmoid(double z) {
  if (z >= 0) return 1 / (1 + std::exp(-z));
  const double e = std::exp(z);
  return e / (1 + e);
}

}  // namespace

Result<LinearModel> fit_linear_regression(const Matrix& x, const Vector& y,
                                          const LinearRegressionOptions& o) {
  if (auto e = check_xy(x, y.size(), "y"); !e.empty()) return fail(e);
  if (auto e = check_vector(y, "y"); !e.empty()) return fail(e);
  if (!(o.l2 >= 0) || !std::isfinite(o.l2)) return fail("l2 must be >= 0, got " + num(o.l2));
  const double n = static_cast<double>(x.rows());
  Eigen::RowVectorXd x_mean = Eigen::RowVectorXd::Zero(x.cols());
  double y_mean = 0;
  if (o.fit_intercept) {
    x_mean = x.colwise().mean();
    y_mean = y.mean();
  }
  const Matrix xc = x.rowwise() - x_mean;
  const Vector yc = y.array() - y_mean;
  LinearModel m;
  Eigen::CompleteOrthogonalDecomposition<Matrix> cod(xc);
  m.rank = static_cast<int>(cod.rank());
  if (o.l2 > 0) {
    Matrix a = xc.transpose() * xc;
    a.diagonal().array() += n * o.l2;
    m.coefficients = a.ldlt().solve(xc.transpose() * yc);
  } else {
    m.coefficients = cod.solve(yc);  // minimum-norm least squares when collinear
  }
  m.intercept = o.fit_intercept ? y_mean - x_mean.dot(m.coefficients) : 0.0;
  m.mse = mean_squared_error(x, m.coefficients, m.intercept, y);
  const double sst = (y.array() - y.mean()).square().sum();
  m.r2 = sst > 0 ? 1 - m.mse * n / sst : 0.0;
  return m;
}

Result<GradientDescentResult> linear_regression_gradient_descent(const Matrix& x, const Vector& y,
                                                                 const GradientDescentOptions& o) {
  if (auto e = check_xy(x, y.size(), "y"); !e.empty()) return fail(e);
  if (auto e = check_vector(y, "y"); !e.empty()) return fail(e);
  if (!(o.learning_rate > 0) || !std::isfinite(o.learning_rate)) {
    return fail("learning_rate must be > 0, got " + num(o.learning_rate));
  }
  if (o.epochs < 1) return fail("epochs must be at least 1, got " + std::to_string(o.epochs));
  if (!(o.tolerance >= 0)) return fail("tolerance must be >= 0, got " + num(o.tolerance));
  if (!(o.divergence_factor > 1)) {
    return fail("divergence_factor must be > 1, got " + num(o.divergence_factor));
  }
  const double n = static_cast<double>(x.rows());
  GradientDescentResult r;
  r.coefficients = Vector::Zero(x.cols());
  double loss = mean_squared_error(x, r.coefficients, 0, y);
  const double initial = loss;
  r.loss_curve.push_back(loss);
  for (int epoch = 0; epoch < o.epochs && loss > 0; ++epoch) {
    const Vector residual = (x * r.coefficients).array() + r.intercept - y.array();
    r.coefficients -= o.learning_rate * (2 / n) * (x.transpose() * residual);
    if (o.fit_intercept) r.intercept -= o.learning_rate * (2 / n) * residual.sum();
    const double previous = loss;
    loss = mean_squared_error(x, r.coefficients, r.intercept, y);
    r.loss_curve.push_back(loss);
    r.epochs_run = epoch + 1;
    if (!std::isfinite(loss) || loss > o.divergence_factor * initial) {
      r.diverged = true;
      break;
    }
    if (o.tolerance > 0 && previous >= loss && previous - loss < o.tolerance * previous) {
      r.converged = true;
      break;
    }
  }
  if (loss == 0) r.converged = true;
  return r;
}

std::vector<double> predict_probability(const LogisticModel& m, const Matrix& x) {
  std::vector<double> p(x.rows());
  const Vector z = x * m.coefficients;
  for (Eigen::Index i = 0; i < x.rows(); ++i) p[i] = sigmoid(z[i] + m.intercept);
  return p;
}

Result<LogisticModel> fit_logistic_regression(const Matrix& x, const Labels& labels,
                                              const LogisticRegressionOptions& o) {
  if (auto e = check_xy(x, static_cast<long>(labels.size()), "labels"); !e.empty()) return fail(e);
  if (auto e = check_binary_labels(labels, "labels"); !e.empty()) return fail(e);
  if (!(o.learning_rate > 0) || !std::isfinite(o.learning_rate)) {
    return fail("learning_rate must be > 0, got " + num(o.learning_rate));
  }
  if (o.epochs < 1) return fail("epochs must be at least 1, got " + std::to_string(o.epochs));
  if (!(o.l2 >= 0)) return fail("l2 must be >= 0, got " + num(o.l2));
  if (!(o.tolerance >= 0)) return fail("tolerance must be >= 0, got " + num(o.tolerance));
  const Eigen::Index n = x.rows();
  Vector y(n);
  for (Eigen::Index i = 0; i < n; ++i) y[i] = labels[i];
  LogisticModel m;
  m.coefficients = Vector::Zero(x.cols());
  auto loss_of = [&](const Vector& z) {
    double s = 0;
    for (Eigen::Index i = 0; i < n; ++i) s += softplus(z[i]) - y[i] * z[i];
    return s / n + 0.5 * o.l2 * m.coefficients.squaredNorm();
  };
  Vector z = Vector::Zero(n);
  double loss = loss_of(z);
  m.loss_curve.push_back(loss);
  for (int epoch = 0; epoch < o.epochs; ++epoch) {
    Vector residual(n);
    for (Eigen::Index i = 0; i < n; ++i) residual[i] = sigmoid(z[i]) - y[i];
    const Vector grad = x.transpose() * residual / static_cast<double>(n) + o.l2 * m.coefficients;
    m.coefficients -= o.learning_rate * grad;
    if (o.fit_intercept) m.intercept -= o.learning_rate * residual.mean();
    z = (x * m.coefficients).array() + m.intercept;
    const double previous = loss;
    loss = loss_of(z);
    m.loss_curve.push_back(loss);
    m.epochs_run = epoch + 1;
    if (!std::isfinite(loss)) break;
    if (o.tolerance > 0 && previous >= loss && previous - loss < o.tolerance * previous) {
      m.converged = true;
      break;
    }
  }
  m.probabilities = predict_probability(m, x);
  int right = 0;
  for (Eigen::Index i = 0; i < n; ++i) right += (m.probabilities[i] >= 0.5) == (labels[i] == 1);
  m.accuracy = static_cast<double>(right) / n;
  return m;
}

Result<RegularizationPath> regularization_path(const Matrix& x, const Vector& y,
                                               const RegularizationPathOptions& o) {
  if (auto e = check_xy(x, y.size(), "y"); !e.empty()) return fail(e);
  if (auto e = check_vector(y, "y"); !e.empty()) return fail(e);
  if (o.lambdas < 1) return fail("lambdas must be at least 1, got " + std::to_string(o.lambdas));
  if (!(o.lambda_max >= 0) || !std::isfinite(o.lambda_max)) {
    return fail("lambda_max must be >= 0 (0 = automatic), got " + num(o.lambda_max));
  }
  if (!(o.lambda_min_ratio > 0 && o.lambda_min_ratio <= 1)) {
    return fail("lambda_min_ratio must be in (0, 1], got " + num(o.lambda_min_ratio));
  }
  if (o.max_iterations < 1) return fail("max_iterations must be at least 1");
  if (!(o.tolerance > 0)) return fail("tolerance must be > 0, got " + num(o.tolerance));
  const Eigen::Index n = x.rows(), d = x.cols();
  const Eigen::RowVectorXd mean = x.colwise().mean();
  Matrix xs = x.rowwise() - mean;
  Eigen::RowVectorXd scale = Eigen::RowVectorXd::Ones(d);
  if (o.standardize) {
    for (Eigen::Index j = 0; j < d; ++j) {
      const double sd = std::sqrt(xs.col(j).squaredNorm() / n);
      if (sd > 0) {
        scale[j] = sd;
        xs.col(j) /= sd;
      }
    }
  }
  const double y_mean = y.mean();
  const Vector yc = y.array() - y_mean;
  double lambda_max = o.lambda_max;
  if (lambda_max == 0) {
    lambda_max = (xs.transpose() * yc).cwiseAbs().maxCoeff() / n;
    if (!(lambda_max > 0)) lambda_max = 1;  // y constant: every slope is 0 anyway
  }
  RegularizationPath path;
  path.coefficients.resize(o.lambdas, d);
  const Vector col_sq = xs.colwise().squaredNorm().transpose() / static_cast<double>(n);
  Vector w = Vector::Zero(d);
  Vector residual = yc;
  for (int i = 0; i < o.lambdas; ++i) {
    const double lambda =
        o.lambdas == 1 ? lambda_max
                       : lambda_max * std::pow(o.lambda_min_ratio, static_cast<double>(i) / (o.lambdas - 1));
    path.lambdas.push_back(lambda);
    if (o.penalty == Penalty::kL1) {
      for (int sweep = 0; sweep < o.max_iterations; ++sweep) {  // warm start from the previous λ
        double largest_move = 0;
        for (Eigen::Index j = 0; j < d; ++j) {
          if (col_sq[j] == 0) continue;  // constant feature: slope stays 0
          const double rho = xs.col(j).dot(residual) / n + col_sq[j] * w[j];
          const double soft = rho > lambda ? rho - lambda : rho < -lambda ? rho + lambda : 0.0;
          const double updated = soft / col_sq[j];
          if (updated != w[j]) {
            residual -= xs.col(j) * (updated - w[j]);
            largest_move = std::max(largest_move, std::abs(updated - w[j]));
            w[j] = updated;
          }
        }
        if (largest_move < o.tolerance) break;
      }
    } else {
      Matrix a = xs.transpose() * xs / static_cast<double>(n);
      a.diagonal().array() += lambda;
      w = a.ldlt().solve(xs.transpose() * yc / static_cast<double>(n));
    }
    path.coefficients.row(i) = w.transpose();
    path.intercepts.push_back(y_mean);
    path.nonzero.push_back(static_cast<int>((w.array() != 0).count()));
  }
  path.means.assign(mean.data(), mean.data() + d);
  path.scales.assign(scale.data(), scale.data() + d);
  return path;
}

Result<LinearSvm> fit_linear_svm(const Matrix& x, const Labels& labels, const LinearSvmOptions& o) {
  if (auto e = check_xy(x, static_cast<long>(labels.size()), "labels"); !e.empty()) return fail(e);
  if (auto e = check_binary_labels(labels, "labels"); !e.empty()) return fail(e);
  if (!(o.c > 0) || !std::isfinite(o.c)) return fail("c must be > 0, got " + num(o.c));
  if (o.max_epochs < 1) return fail("max_epochs must be at least 1");
  if (!(o.tolerance > 0)) return fail("tolerance must be > 0, got " + num(o.tolerance));
  const int n = static_cast<int>(x.rows());
  const Eigen::Index d = x.cols();
  Matrix xa(n, d + 1);  // constant feature carries the intercept
  xa << x, Vector::Ones(n);
  std::vector<double> y(n), q(n), alpha(n, 0.0);
  for (int i = 0; i < n; ++i) {
    y[i] = labels[i] == 1 ? 1.0 : -1.0;
    q[i] = xa.row(i).squaredNorm();
  }
  Vector w = Vector::Zero(d + 1);
  Rng rng(o.seed);
  std::vector<int> order = iota_indices(n);
  LinearSvm svm;
  for (int epoch = 0; epoch < o.max_epochs; ++epoch) {
    shuffle(order, rng);
    double pg_max = -std::numeric_limits<double>::infinity();
    double pg_min = std::numeric_limits<double>::infinity();
    for (int i : order) {
      const double g = y[i] * xa.row(i).dot(w) - 1;
      double pg = g;
      if (alpha[i] == 0) pg = std::min(g, 0.0);
      else if (alpha[i] == o.c) pg = std::max(g, 0.0);
      pg_max = std::max(pg_max, pg);
      pg_min = std::min(pg_min, pg);
      if (std::abs(pg) > 1e-12) {
        const double old = alpha[i];
        alpha[i] = std::min(std::max(alpha[i] - g / q[i], 0.0), o.c);
        w += (alpha[i] - old) * y[i] * xa.row(i).transpose();
      }
    }
    svm.epochs_run = epoch + 1;
    if (pg_max - pg_min < o.tolerance) {
      svm.converged = true;
      break;
    }
  }
  svm.coefficients = w.head(d);
  svm.intercept = w[d];
  svm.alphas = alpha;
  int right = 0;
  for (int i = 0; i < n; ++i) {
    if (alpha[i] > 0) svm.support_vectors.push_back(i);
    const double f = x.row(i).dot(svm.coefficients) + svm.intercept;
    svm.decision.push_back(f);
    right += (f >= 0) == (labels[i] == 1);
  }
  const double norm = svm.coefficients.norm();
  svm.margin = norm > 0 ? 2 / norm : std::numeric_limits<double>::infinity();
  svm.accuracy = static_cast<double>(right) / n;
  return svm;
}

}  // namespace kb::kernels
