#include "kernels/distributions.h"

#include <algorithm>
#include <cmath>

namespace kb::kernels {
namespace {

constexpr int kMaxSamples = 1000000;

std::string check_probability(double p) {
  if (p >= 0 && p <= 1) return {};
  return "p must be in [0, 1], got " + num(p);
}

std::string check_samples(int samples) {
  if (samples >= 0 && samples <= kMaxSamples) return {};
  return "samples must be in [0, " + std::to_string(kMaxSamples) + "], got " + std::to_string(samples);
}

void summarize_samples(DistributionTable& t) {
  const double n = static_cast<double>(t.samples.size());
  if (n == 0) return;
  double m = 0;
  for (double v : t.samples) m += v / n;
  double s = 0;
  for (double v : t.samples) s += (v - m) * (v - m);
  t.sample_mean = m;
  t.sample_variance = n > 1 ? s / (n - 1) : 0;
}

// One histogram bin per integer of the support x.
void integer_histogram(DistributionTable& t) {
  for (double k : t.x) t.histogram_edges.push_back(k - 0.5);
  t.histogram_edges.push_back(t.x.back() + 0.5);
  t.histogram_counts.assign(t.x.size(), 0);
  const long lo = std::lround(t.x.front());
  for (double v : t.samples) {
    const long b = std::lround(v) - lo;
    if (b >= 0 && b < static_cast<long>(t.x.size())) ++t.histogram_counts[b];
  }
}

}  // namespace

double bernoulli_pmf(int k, double p) { return k == 1 ? p : k == 0 ? 1 - p : 0.0; }

double binomial_pmf(int k, int n, double p) {
  if (k < 0 || k > n) return 0;
  if (p == 0) return k == 0 ? 1 : 0;
  if (p == 1) return k == n ? 1 : 0;
  const double log_pmf = std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) +
                         k * std::log(p) + (n - k) * std::log1p(-p);
  return std::exp(log_pmf);
}

double binomial_cdf(int k, int n, double p) {
  if (k < 0) return 0;
  if (k >= n) return 1;
  double s = 0;
  for (int i = 0; i <= k; ++i) s += binomial_pmf(i, n, p);
  return std::min(1.0, s);
}

double poisson_pmf(int k, double lambda) {
  if (k < 0) return 0;
  return std::exp(k * std::log(lambda) - lambda - std::lgamma(k + 1.0));
}

double poisson_cdf(int k, double lambda) {
  if (k < 0) return 0;
  double s = 0;
  for (int i = 0; i <= k; ++i) s += poisson_pmf(i, lambda);
  return std::min(1.0, s);
}

double normal_pdf(double x, double mean, double sd) {
  const double z = (x - mean) / sd;
  return std::exp(-0.5 * z * z) / (sd * std::sqrt(2 * M_PI));
}

double normal_cdf(double x, double mean, double sd) {
  return 0.5 * std::erfc(-(x - mean) / (sd * M_SQRT2));
}

int sample_bernoulli(Rng& rng, double p) { return uniform01(rng) < p ? 1 : 0; }

int sample_binomial(Rng& rng, int n, double p) {
  int k = 0;
  for (int i = 0; i < n; ++i) k += uniform01(rng) < p;
  return k;
}

int sample_poisson(Rng& rng, double lambda) {
  int k = 0;
  double t = -std::log(1 - uniform01(rng));  // arrival times of a unit-rate process
  while (t <= lambda) {
    ++k;
    t -= std::log(1 - uniform01(rng));
  }
  return k;
}

double sample_normal(Rng& rng, double mean, double sd) { return mean + sd * standard_normal(rng); }

Result<DistributionTable> bernoulli_table(const BernoulliOptions& o) {
  if (auto e = check_probability(o.p); !e.empty()) return fail(e);
  if (auto e = check_samples(o.samples); !e.empty()) return fail(e);
  DistributionTable t;
  t.x = {0, 1};
  t.density = {1 - o.p, o.p};
  t.cdf = {1 - o.p, 1};
  t.mean = o.p;
  t.variance = o.p * (1 - o.p);
  Rng rng(o.seed);
  for (int i = 0; i < o.samples; ++i) t.samples.push_back(sample_bernoulli(rng, o.p));
  summarize_samples(t);
  integer_histogram(t);
  return t;
}

Result<DistributionTable> binomial_table(const BinomialOptions& o) {
  if (o.n < 0 || o.n > 100000) return fail("n must be in [0, 100000], got " + std::to_string(o.n));
  if (auto e = check_probability(o.p); !e.empty()) return fail(e);
  if (auto e = check_samples(o.samples); !e.empty()) return fail(e);
  if (static_cast<long long>(o.samples) * o.n > 100000000LL) {
    return fail("samples × n is too large to draw (at most 1e8 trials)");
  }
  DistributionTable t;
  double cum = 0;
  for (int k = 0; k <= o.n; ++k) {
    const double pmf = binomial_pmf(k, o.n, o.p);
    cum += pmf;
    t.x.push_back(k);
    t.density.push_back(pmf);
    t.cdf.push_back(k == o.n ? 1.0 : std::min(1.0, cum));
  }
  t.mean = o.n * o.p;
  t.variance = o.n * o.p * (1 - o.p);
  Rng rng(o.seed);
  for (int i = 0; i < o.samples; ++i) t.samples.push_back(sample_binomial(rng, o.n, o.p));
  summarize_samples(t);
  integer_histogram(t);
  return t;
}

Result<DistributionTable> poisson_table(const PoissonOptions& o) {
  if (!(o.lambda > 0 && o.lambda <= 100000)) {
    return fail("lambda must be in (0, 100000], got " + num(o.lambda));
  }
  if (o.k_max < 0 || o.k_max > 1000000) {
    return fail("k_max must be in [0, 1000000] (0 = automatic), got " + std::to_string(o.k_max));
  }
  if (auto e = check_samples(o.samples); !e.empty()) return fail(e);
  if (static_cast<double>(o.samples) * o.lambda > 1e8) {
    return fail("samples × lambda is too large to draw (at most 1e8)");
  }
  DistributionTable t;
  double cum = 0;
  for (int k = 0;; ++k) {
    const double pmf = poisson_pmf(k, o.lambda);
    cum += pmf;
    t.x.push_back(k);
    t.density.push_back(pmf);
    t.cdf.push_back(std::min(1.0, cum));
    if (o.k_max > 0 ? k >= o.k_max
                     : (k >= o.lambda && (cum >= 1 - 1e-9 || k > o.lambda + 50 * std::sqrt(o.lambda) + 50))) {
      break;
    }
  }
  t.mean = t.variance = o.lambda;
  Rng rng(o.seed);
  for (int i = 0; i < o.samples; ++i) t.samples.push_back(sample_poisson(rng, o.lambda));
  summarize_samples(t);
  integer_histogram(t);
  return t;
}

namespace {

// A continuous distribution over an even grid of [lo, hi]: density and CDF at
// each point, then the draws binned over the same range.
template <class Pdf, class Cdf, class Draw>
Result<DistributionTable> continuous_table(double lo, double hi, int points, int samples, int bins, uint64_t seed,
                                           Pdf pdf, Cdf cdf, Draw draw) {
  if (points < 2 || points > 100000) return fail("points must be in [2, 100000], got " + std::to_string(points));
  if (bins < 1 || bins > 10000) return fail("bins must be in [1, 10000], got " + std::to_string(bins));
  if (auto e = check_samples(samples); !e.empty()) return fail(e);
  DistributionTable t;
  for (int i = 0; i < points; ++i) {
    const double x = lo + (hi - lo) * i / (points - 1);
    t.x.push_back(x);
    t.density.push_back(pdf(x));
    t.cdf.push_back(cdf(x));
  }
  Rng rng(seed);
  for (int i = 0; i < samples; ++i) t.samples.push_back(draw(rng));
  summarize_samples(t);
  for (int b = 0; b <= bins; ++b) t.histogram_edges.push_back(lo + (hi - lo) * b / bins);
  t.histogram_counts.assign(bins, 0);
  for (double v : t.samples) {
    if (v < lo || v > hi) continue;
    const int b = std::min(bins - 1, static_cast<int>((v - lo) / (hi - lo) * bins));
    ++t.histogram_counts[b];
  }
  return t;
}

}  // namespace

Result<DistributionTable> normal_table(const NormalOptions& o) {
  if (!std::isfinite(o.mean)) return fail("mean must be finite");
  if (!(o.sd > 0) || !std::isfinite(o.sd)) return fail("sd must be > 0, got " + num(o.sd));
  auto t = continuous_table(
      o.mean - 4 * o.sd, o.mean + 4 * o.sd, o.points, o.samples, o.bins, o.seed,
      [&](double x) { return normal_pdf(x, o.mean, o.sd); }, [&](double x) { return normal_cdf(x, o.mean, o.sd); },
      [&](Rng& rng) { return sample_normal(rng, o.mean, o.sd); });
  if (!t) return t;
  t->mean = o.mean;
  t->variance = o.sd * o.sd;
  return t;
}

double uniform_pdf(double x, double a, double b) { return x < a || x > b ? 0.0 : 1.0 / (b - a); }
double uniform_cdf(double x, double a, double b) { return x <= a ? 0.0 : x >= b ? 1.0 : (x - a) / (b - a); }
double exponential_pdf(double x, double rate) { return x < 0 ? 0.0 : rate * std::exp(-rate * x); }
double exponential_cdf(double x, double rate) { return x <= 0 ? 0.0 : -std::expm1(-rate * x); }

Result<DistributionTable> uniform_table(const UniformOptions& o) {
  if (!std::isfinite(o.a) || !std::isfinite(o.b)) return fail("a and b must be finite");
  if (!(o.b > o.a)) return fail("b must be greater than a, got a = " + num(o.a) + ", b = " + num(o.b));
  const double margin = (o.b - o.a) / 4;
  auto t = continuous_table(
      o.a - margin, o.b + margin, o.points, o.samples, o.bins, o.seed,
      [&](double x) { return uniform_pdf(x, o.a, o.b); }, [&](double x) { return uniform_cdf(x, o.a, o.b); },
      [&](Rng& rng) { return o.a + (o.b - o.a) * uniform01(rng); });
  if (!t) return t;
  t->mean = (o.a + o.b) / 2;
  t->variance = (o.b - o.a) * (o.b - o.a) / 12;
  return t;
}

Result<DistributionTable> exponential_table(const ExponentialOptions& o) {
  if (!(o.rate > 0) || !std::isfinite(o.rate)) return fail("rate must be > 0, got " + num(o.rate));
  auto t = continuous_table(
      0.0, 6.0 / o.rate, o.points, o.samples, o.bins, o.seed, [&](double x) { return exponential_pdf(x, o.rate); },
      [&](double x) { return exponential_cdf(x, o.rate); },
      // Inverse CDF; 1 - u is in (0, 1], so the log is finite.
      [&](Rng& rng) { return -std::log1p(-uniform01(rng)) / o.rate; });
  if (!t) return t;
  t->mean = 1 / o.rate;
  t->variance = 1 / (o.rate * o.rate);
  return t;
}

}  // namespace kb::kernels
