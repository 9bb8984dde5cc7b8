// Principal component analysis.
//
// Contract: x is n × d, finite, n >= 2 (variance needs two points);
// 1 <= components <= d. The data are centred (and, with standardize, divided
// by each column's sample standard deviation); the covariance matrix (n - 1
// denominator) is diagonalised with Eigen's SelfAdjointEigenSolver.
// Components are orthonormal rows, largest variance first; each is signed so
// that its largest-magnitude entry is positive, which makes the output
// deterministic. Data without any variance is an error.
// Cost: O(n d² + d³) time, O(d² + n · components) memory.
// Thread safety: pure function.
#pragma once

#include "kernels/common.h"
#include "kernels/result.h"

#include <vector>

namespace kb::kernels {

struct PcaOptions {
  int components = 2;        // principal components kept, 1..d
  bool standardize = false;  // divide each centred column by its standard deviation first (PCA on the correlation matrix)
};

struct PcaResult {
  Vector mean;                               // column means subtracted (d)
  Vector scale;                              // column divisors (d; all 1 without standardize)
  Matrix components;                         // components × d, orthonormal rows
  std::vector<double> explained_variance;    // variance along each kept component (its eigenvalue)
  std::vector<double> explained_variance_ratio;  // that variance / total_variance
  std::vector<double> cumulative_ratio;      // running sum of the ratios
  std::vector<double> all_variances;         // every eigenvalue (d), largest first; sums to total_variance
  double total_variance = 0;                 // trace of the covariance matrix = Σ column variances
  Matrix projection;                         // n × components: the centred (scaled) data in component coordinates
};

Result<PcaResult> pca(const Matrix& x, const PcaOptions& options = {});

}  // namespace kb::kernels
