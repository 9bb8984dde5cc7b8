// Classical decomposition of a time series into trend, seasonal and
// residual parts, additive or multiplicative.
//
// Contract: values are finite, period >= 2 and n >= 2 · period;
// multiplicative needs every value > 0. The trend is the centred moving
// average of one period (a 2×period average when the period is even), so
// the first and last period/2 observations have no trend and no residual
// (NaN there). Seasonal indices are the mean detrended value at each phase
// t mod period, normalised to sum 0 (additive) or average 1
// (multiplicative). A linear trend plus a zero-sum seasonal pattern is
// recovered exactly. Cost O(n) time and memory.
// Thread safety: pure function.
#pragma once

#include "kernels/common.h"
#include "kernels/result.h"

#include <vector>

namespace kb::kernels {

enum class DecompositionModel { kAdditive, kMultiplicative };

struct DecompositionOptions {
  int period = 12;  // observations per season, >= 2
  DecompositionModel model = DecompositionModel::kAdditive;  // y = T + S + R, or y = T · S · R
  double anomaly_z = 3.0;  // residuals more than this many standard deviations from their mean are flagged, > 0
};

struct Decomposition {
  std::vector<double> trend;     // NaN at the ends
  std::vector<double> seasonal;  // the seasonal index of each observation's phase
  std::vector<double> residual;  // y - T - S or y / (T · S); NaN at the ends
  std::vector<double> seasonal_indices;  // one per phase 0..period-1
  std::vector<int> anomalies;    // observations whose residual lies beyond anomaly_z standard deviations
};

Result<Decomposition> classical_decomposition(const std::vector<double>& values,
                                              const DecompositionOptions& options = {});

}  // namespace kb::kernels
