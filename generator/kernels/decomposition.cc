#include "kernels/decomposition.h"

#include <algorithm>
#include <cmath>

namespace kb::kernels {

Result<PcaResult> pca(const Matrix& x, const PcaOptions& o) {
  if (auto e = check_matrix(x, "x"); !e.empty()) return fail(e);
  if (x.rows() < 2) return fail("PCA needs at least 2 points, got " + std::to_string(x.rows()));
  const Eigen::Index d = x.cols();
  if (o.components < 1 || o.components > d) {
    return fail("components must be in [1, " + std::to_string(d) + "] (the number of columns), got " +
                std::to_string(o.components));
  }
  PcaResult r;
  r.mean = x.colwise().mean().transpose();
  Matrix xc = x.rowwise() - r.mean.transpose();
  r.scale = Vector::Ones(d);
  const double denom = static_cast<double>(x.rows() - 1);
  if (o.standardize) {
    for (Eigen::Index j = 0; j < d; ++j) {
      const double sd = std::sqrt(xc.col(j).squaredNorm() / denom);
      if (sd == 0) {
        return fail("column " + std::to_string(j + 1) +
                    " is constant, so it cannot be standardised (turn standardize off or drop it)");
      }
      r.scale[j] = sd;
      xc.col(j) /= sd;
    }
  }
  const Matrix cov = xc.transpose() * xc / denom;
  r.total_variance = cov.trace();
  if (!(r.total_variance > 0)) return fail("every point is the same: there is no variance to explain");
  Eigen::SelfAdjointEigenSolver<Matrix> solver(cov);
  if (solver.info() != Eigen::Success) return fail("the eigen decomposition did not converge");
  const Vector values = solver.eigenvalues();   // ascending
  const Matrix vectors = solver.eigenvectors(); // columns
  r.components.resize(o.components, d);
  for (Eigen::Index i = 0; i < d; ++i) {
    const Eigen::Index src = d - 1 - i;
    const double variance = std::max(0.0, values[src]);  // clamp round-off below zero
    r.all_variances.push_back(variance);
    if (i >= o.components) continue;
    Vector v = vectors.col(src);
    Eigen::Index arg;
    v.cwiseAbs().maxCoeff(&arg);
    if (v[arg] < 0) v = -v;
    r.components.row(i) = v.transpose();
    r.explained_variance.push_back(variance);
    r.explained_variance_ratio.push_back(variance / r.total_variance);
    r.cumulative_ratio.push_back((r.cumulative_ratio.empty() ? 0.0 : r.cumulative_ratio.back()) +
                                 variance / r.total_variance);
  }
  r.projection = xc * r.components.transpose();
  return r;
}

}  // namespace kb::kernels
