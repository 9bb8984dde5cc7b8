// Probability distributions: PMF/PDF, CDF and sampling for Bernoulli,
// binomial, Poisson, normal, continuous uniform and exponential, plus tables
// of them for plotting.
//
// Contract: parameters are checked (0 <= p <= 1, n >= 0, λ > 0, σ > 0,
// finite values); a bad one gives an error naming it. Mass functions are
// computed in log space (lgamma), so large n and λ neither overflow nor
// underflow to NaN. Samplers use only the caller's Rng: Bernoulli and
// binomial by counting uniform draws below p (O(n) per binomial draw),
// Poisson by counting unit-rate exponential arrivals before λ (O(λ) per
// draw), normal by Box–Muller. Same seed, same samples on every platform.
// Thread safety: pure functions.
#pragma once

#include "kernels/common.h"
#include "kernels/result.h"

#include <cstdint>
#include <vector>

namespace kb::kernels {

// Point functions. Arguments outside the support give 0 (PMF) or the
// limiting value (CDF); parameters are assumed valid (the table functions
// below check them).
double bernoulli_pmf(int k, double p);
double binomial_pmf(int k, int n, double p);
double binomial_cdf(int k, int n, double p);     // P(X <= k)
double poisson_pmf(int k, double lambda);
double poisson_cdf(int k, double lambda);        // P(X <= k)
double normal_pdf(double x, double mean, double sd);
double normal_cdf(double x, double mean, double sd);  // ½ erfc(-(x - mean) / (sd √2))

int sample_bernoulli(Rng& rng, double p);
int sample_binomial(Rng& rng, int n, double p);
int sample_poisson(Rng& rng, double lambda);
double sample_normal(Rng& rng, double mean, double sd);
double uniform_pdf(double x, double a, double b);
double uniform_cdf(double x, double a, double b);
double exponential_pdf(double x, double rate);
double exponential_cdf(double x, double rate);     // 1 - e^(-rate x) for x >= 0

// A distribution laid out for a plot: its mass or density over a range of
// x, the CDF there, its moments, and optional samples with their histogram.
struct DistributionTable {
  std::vector<double> x;        // support points (discrete: every integer in range) or an even grid
  std::vector<double> density;  // PMF (discrete) or PDF (normal) at x
  std::vector<double> cdf;      // P(X <= x)
  double mean = 0;             // theoretical mean
  double variance = 0;         // theoretical variance
  std::vector<double> samples;          // `samples` draws
  double sample_mean = 0, sample_variance = 0;  // of the draws (variance with n - 1; 0 for fewer than 2)
  std::vector<double> histogram_edges;  // discrete: one bin per integer of the support (edges k - ½); normal: over the x range
  std::vector<int> histogram_counts;    // draws per bin (draws outside the range are not counted)
};

struct BernoulliOptions {
  double p = 0.5;      // success probability, in [0, 1]
  int samples = 0;     // draws, >= 0
  uint64_t seed = 42;  // random seed for the draws
};
Result<DistributionTable> bernoulli_table(const BernoulliOptions& options);

struct BinomialOptions {
  int n = 10;          // trials, 0..100000
  double p = 0.5;      // success probability per trial, in [0, 1]
  int samples = 0;     // draws, >= 0
  uint64_t seed = 42;  // random seed for the draws
};
// x = 0..n.
Result<DistributionTable> binomial_table(const BinomialOptions& options);

struct PoissonOptions {
  double lambda = 3.0;  // mean rate, in (0, 100000]
  int k_max = 0;        // largest k tabulated; 0 = enough that the CDF reaches 1 - 1e-9
  int samples = 0;      // draws, >= 0
  uint64_t seed = 42;   // random seed for the draws
};
// x = 0..k_max.
Result<DistributionTable> poisson_table(const PoissonOptions& options);

struct NormalOptions {
  double mean = 0.0;    // μ
  double sd = 1.0;      // σ, > 0
  int points = 101;     // grid points over [μ - 4σ, μ + 4σ], >= 2
  int samples = 0;      // draws, >= 0
  int bins = 30;        // histogram bins for the draws, >= 1
  uint64_t seed = 42;   // random seed for the draws
};
Result<DistributionTable> normal_table(const NormalOptions& options);

struct UniformOptions {
  double a = 0.0;       // lower end
  double b = 1.0;       // upper end, > a
  int points = 101;     // grid points over [a - (b-a)/4, b + (b-a)/4], >= 2
  int samples = 0;      // draws, >= 0
  int bins = 30;        // histogram bins for the draws, >= 1
  uint64_t seed = 42;
};
Result<DistributionTable> uniform_table(const UniformOptions& options);

struct ExponentialOptions {
  double rate = 1.0;    // λ > 0 (mean 1/λ)
  int points = 101;     // grid points over [0, 6/λ] (the CDF reaches 0.9975), >= 2
  int samples = 0;      // draws (inverse CDF), >= 0
  int bins = 30;        // histogram bins for the draws, >= 1
  uint64_t seed = 42;
};
Result<DistributionTable> exponential_table(const ExponentialOptions& options);

}  // namespace kb::kernels
