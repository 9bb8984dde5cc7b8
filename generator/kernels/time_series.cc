#include "kernels/time_series.h"

#include <algorithm>
#include <cmath>

namespace kb::kernels {

Result<Decomposition> classical_decomposition(const std::vector<double>& y, const DecompositionOptions& o) {
  if (y.empty()) return fail("the series is empty");
  if (o.period < 2) return fail("period must be at least 2, got " + std::to_string(o.period));
  const int n = static_cast<int>(y.size()), m = o.period;
  if (n < 2 * m) {
    return fail("the series has " + std::to_string(n) + " values; period " + std::to_string(m) +
                " needs at least " + std::to_string(2 * m) + " (two full periods)");
  }
  if (!(o.anomaly_z > 0)) return fail("anomaly_z must be > 0, got " + num(o.anomaly_z));
  const bool mult = o.model == DecompositionModel::kMultiplicative;
  for (int t = 0; t < n; ++t) {
    if (!std::isfinite(y[t])) return fail("value " + std::to_string(t + 1) + " is not finite");
    if (mult && !(y[t] > 0)) {
      return fail("a multiplicative decomposition needs positive values; value " + std::to_string(t + 1) +
                  " is " + num(y[t]));
    }
  }
  Decomposition r;
  r.trend.assign(n, NAN);
  const int half = m / 2;
  for (int t = half; t + half < n; ++t) {
    double s = 0;
    if (m % 2) {
      for (int j = -half; j <= half; ++j) s += y[t + j];
      s /= m;
    } else {  // 2×m moving average: half weight on the two ends
      for (int j = -half + 1; j <= half - 1; ++j) s += y[t + j];
      s = (s + 0.5 * (y[t - half] + y[t + half])) / m;
    }
    r.trend[t] = s;
  }
  std::vector<double> sum(m, 0.0);
  std::vector<int> count(m, 0);
  for (int t = 0; t < n; ++t) {
    if (std::isnan(r.trend[t])) continue;
    sum[t % m] += mult ? y[t] / r.trend[t] : y[t] - r.trend[t];
    ++count[t % m];
  }
  double mean = 0;
  for (int s = 0; s < m; ++s) {
    r.seasonal_indices.push_back(sum[s] / count[s]);  // n >= 2m: every phase has a value
    mean += r.seasonal_indices.back() / m;
  }
  for (double& v : r.seasonal_indices) v = mult ? v / mean : v - mean;
  r.residual.assign(n, NAN);
  double rs = 0, rss = 0;
  int rn = 0;
  for (int t = 0; t < n; ++t) {
    r.seasonal.push_back(r.seasonal_indices[t % m]);
    if (std::isnan(r.trend[t])) continue;
    r.residual[t] = mult ? y[t] / (r.trend[t] * r.seasonal[t]) : y[t] - r.trend[t] - r.seasonal[t];
    rs += r.residual[t];
    rss += r.residual[t] * r.residual[t];
    ++rn;
  }
  const double rmean = rs / rn;
  const double rsd = std::sqrt(std::max(0.0, rss / rn - rmean * rmean));
  for (int t = 0; t < n; ++t) {
    if (!std::isnan(r.residual[t]) && rsd > 0 && std::abs(r.residual[t] - rmean) > o.anomaly_z * rsd) {
      r.anomalies.push_back(t);
    }
  }
  return r;
}

}  // namespace kb::kernels
