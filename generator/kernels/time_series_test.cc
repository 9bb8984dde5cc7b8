#include "kernels/time_series.h"

#include "kernels/data_generators.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace kb::kernels;
using Catch::Matchers::Contains;

TEST_CASE("additive decomposition recovers a linear trend and a zero-sum season exactly") {
  for (const std::vector<double>& pattern : {std::vector<double>{2, -1, -3, 2}, std::vector<double>{1, -2, 1}}) {
    const int period = static_cast<int>(pattern.size());
    std::vector<double> y;
    for (int t = 0; t < 48; ++t) y.push_back(5 + 0.5 * t + pattern[t % period]);
    auto d = classical_decomposition(y, {period, DecompositionModel::kAdditive, 3.0});
    REQUIRE(d.ok());
    const int half = period / 2;
    for (int t = 0; t < 48; ++t) {
      if (t < half || t >= 48 - half) {
        CHECK(std::isnan(d->trend[t]));
        CHECK(std::isnan(d->residual[t]));
        continue;
      }
      CHECK(d->trend[t] == Approx(5 + 0.5 * t));
      CHECK(d->residual[t] == Approx(0).margin(1e-9));
    }
    for (int s = 0; s < period; ++s) CHECK(d->seasonal_indices[s] == Approx(pattern[s]).margin(1e-9));
    CHECK(d->seasonal[7] == Approx(pattern[7 % period]).margin(1e-9));
    CHECK(d->anomalies.empty());
  }
}

TEST_CASE("multiplicative decomposition recovers the seasonal factors") {
  const std::vector<double> f = {1.2, 0.9, 0.8, 1.1};  // mean 1
  std::vector<double> y;
  for (int t = 0; t < 96; ++t) y.push_back((20 + 0.5 * t) * f[t % 4]);
  auto d = classical_decomposition(y, {4, DecompositionModel::kMultiplicative, 3.0});
  REQUIRE(d.ok());
  double mean = 0;
  for (int s = 0; s < 4; ++s) {
    CHECK(d->seasonal_indices[s] == Approx(f[s]).margin(0.01));
    mean += d->seasonal_indices[s] / 4;
  }
  CHECK(mean == Approx(1.0));
  CHECK(d->trend[50] == Approx(20 + 0.5 * 50).epsilon(0.01));
  CHECK(d->residual[50] == Approx(1.0).margin(0.02));
}

TEST_CASE("decomposition of a generated series finds its trend, season and anomaly") {
  TimeSeriesOptions o;
  o.n = 120;
  o.period = 12;
  o.noise = 0.2;
  o.seed = 3;
  auto s = make_time_series(o);
  REQUIRE(s.ok());
  auto d = classical_decomposition(s->values, {12, DecompositionModel::kAdditive, 3.0});
  REQUIRE(d.ok());
  for (int t = 6; t < 114; ++t) CHECK(d->trend[t] == Approx(s->trend[t]).margin(0.3));
  for (int k = 0; k < 12; ++k) CHECK(d->seasonal_indices[k] == Approx(s->seasonal[k]).margin(0.3));
  // A spike inside the trended part shows up as an outlying residual.
  std::vector<double> spiked = s->values;
  spiked[50] += 8;
  auto a = classical_decomposition(spiked, {12, DecompositionModel::kAdditive, 3.0});
  REQUIRE(a.ok());
  CHECK(std::find(a->anomalies.begin(), a->anomalies.end(), 50) != a->anomalies.end());
}

TEST_CASE("decomposition rejects bad input") {
  const std::vector<double> y(10, 1.0);
  CHECK_THAT(classical_decomposition({}, {}).error, Contains("empty"));
  CHECK_THAT(classical_decomposition(y, {1, DecompositionModel::kAdditive, 3}).error, Contains("period"));
  CHECK_THAT(classical_decomposition(y, {6, DecompositionModel::kAdditive, 3}).error, Contains("at least 12"));
  std::vector<double> negative(24, 1.0);
  negative[3] = -2;
  CHECK_THAT(classical_decomposition(negative, {4, DecompositionModel::kMultiplicative, 3}).error,
             Contains("positive"));
  std::vector<double> nan(24, 1.0);
  nan[5] = NAN;
  CHECK_THAT(classical_decomposition(nan, {4, DecompositionModel::kAdditive, 3}).error, Contains("value 6"));
}
