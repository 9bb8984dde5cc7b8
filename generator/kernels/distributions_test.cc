#include "kernels/distributions.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>

using namespace kb::kernels;
using Catch::Matchers::Contains;

TEST_CASE("binomial PMF matches known values and sums to 1") {
  CHECK(binomial_pmf(3, 10, 0.5) == Approx(120.0 / 1024));
  CHECK(binomial_pmf(0, 5, 0.2) == Approx(std::pow(0.8, 5)));
  CHECK(binomial_pmf(11, 10, 0.5) == 0);
  CHECK(binomial_pmf(0, 4, 0.0) == 1);
  CHECK(binomial_pmf(4, 4, 1.0) == 1);
  auto t = binomial_table({20, 0.3, 0, 1});
  REQUIRE(t.ok());
  CHECK(std::accumulate(t->density.begin(), t->density.end(), 0.0) == Approx(1.0).margin(1e-12));
  CHECK(t->cdf.back() == 1.0);
  CHECK(t->x.size() == 21);
  CHECK(t->mean == Approx(6.0));
  CHECK(t->variance == Approx(4.2));
  CHECK(binomial_cdf(5, 10, 0.5) == Approx(638.0 / 1024));
  // Large n stays finite (log-space).
  CHECK(std::isfinite(binomial_pmf(5000, 10000, 0.5)));
  CHECK(binomial_pmf(5000, 10000, 0.5) == Approx(0.007978646).epsilon(1e-6));
}

TEST_CASE("Poisson PMF matches known values and sums to 1") {
  CHECK(poisson_pmf(2, 3.0) == Approx(0.22404180765538775));
  CHECK(poisson_pmf(0, 1.0) == Approx(std::exp(-1.0)));
  CHECK(poisson_cdf(1, 2.0) == Approx(3 * std::exp(-2.0)));
  auto t = poisson_table({4.0, 0, 0, 1});
  REQUIRE(t.ok());
  CHECK(std::accumulate(t->density.begin(), t->density.end(), 0.0) == Approx(1.0).margin(1e-8));
  CHECK(t->cdf.back() >= 1 - 1e-9);
  auto fixed = poisson_table({4.0, 10, 0, 1});
  REQUIRE(fixed.ok());
  CHECK(fixed->x.size() == 11);
  CHECK(std::isfinite(poisson_pmf(100000, 100000.0)));
}

TEST_CASE("normal PDF and CDF: textbook values") {
  CHECK(normal_cdf(1.96, 0, 1) == Approx(0.975).margin(1e-4));
  CHECK(normal_cdf(1.96, 0, 1) == Approx(0.9750021048517795));
  CHECK(normal_cdf(0, 0, 1) == Approx(0.5));
  CHECK(normal_cdf(-1, 0, 1) == Approx(0.15865525393145707));
  CHECK(normal_pdf(0, 0, 1) == Approx(0.3989422804014327));
  CHECK(normal_cdf(12, 10, 2) == Approx(normal_cdf(1, 0, 1)));
  auto t = normal_table({});
  REQUIRE(t.ok());
  CHECK(t->x.front() == Approx(-4));
  CHECK(t->x.back() == Approx(4));
  double area = 0;  // trapezoid integral of the PDF over ±4σ
  for (size_t i = 1; i < t->x.size(); ++i) area += (t->x[i] - t->x[i - 1]) * (t->density[i] + t->density[i - 1]) / 2;
  CHECK(area == Approx(0.99993666).epsilon(1e-3));
}

TEST_CASE("Bernoulli table") {
  auto t = bernoulli_table({0.3, 0, 1});
  REQUIRE(t.ok());
  CHECK(t->density == std::vector<double>{0.7, 0.3});
  CHECK(t->cdf.back() == 1);
  CHECK(t->variance == Approx(0.21));
}

TEST_CASE("samplers: reproducible and with the right moments") {
  auto a = normal_table({5.0, 2.0, 101, 20000, 30, 9});
  auto b = normal_table({5.0, 2.0, 101, 20000, 30, 9});
  REQUIRE(a.ok());
  CHECK(a->samples == b->samples);
  CHECK(a->sample_mean == Approx(5.0).margin(0.06));
  CHECK(a->sample_variance == Approx(4.0).margin(0.15));
  int counted = std::accumulate(a->histogram_counts.begin(), a->histogram_counts.end(), 0);
  CHECK(counted > 19990);  // ±4σ holds nearly all draws
  auto p = poisson_table({3.5, 0, 20000, 3});
  REQUIRE(p.ok());
  CHECK(p->sample_mean == Approx(3.5).margin(0.06));
  CHECK(p->sample_variance == Approx(3.5).margin(0.15));
  auto bin = binomial_table({12, 0.25, 20000, 4});
  REQUIRE(bin.ok());
  CHECK(bin->sample_mean == Approx(3.0).margin(0.05));
  CHECK(bin->sample_variance == Approx(2.25).margin(0.1));
  auto ber = bernoulli_table({0.2, 20000, 5});
  REQUIRE(ber.ok());
  CHECK(ber->sample_mean == Approx(0.2).margin(0.01));
  CHECK(ber->histogram_counts[0] + ber->histogram_counts[1] == 20000);
}

TEST_CASE("distributions reject bad parameters") {
  CHECK_THAT(binomial_table({10, 1.5, 0, 1}).error, Contains("p must be in [0, 1]"));
  CHECK_THAT(binomial_table({-1, 0.5, 0, 1}).error, Contains("n must be"));
  CHECK_THAT(poisson_table({0.0, 0, 0, 1}).error, Contains("lambda"));
  CHECK_THAT(poisson_table({-2.0, 0, 0, 1}).error, Contains("lambda"));
  CHECK_THAT(normal_table({0, 0.0, 101, 0, 30, 1}).error, Contains("sd must be > 0"));
  CHECK_THAT(normal_table({0, 1, 1, 0, 30, 1}).error, Contains("points"));
  CHECK_THAT(bernoulli_table({0.5, -3, 1}).error, Contains("samples"));
}

TEST_CASE("continuous uniform: density 1/(b-a) on [a, b], moments (a+b)/2 and (b-a)²/12") {
  CHECK(uniform_pdf(2.5, 2, 6) == Approx(0.25));
  CHECK(uniform_pdf(1.9, 2, 6) == 0);
  CHECK(uniform_cdf(3, 2, 6) == Approx(0.25));
  CHECK(uniform_cdf(7, 2, 6) == 1);
  auto t = uniform_table({2, 6, 101, 20000, 20, 7});
  REQUIRE(t);
  CHECK(t->mean == Approx(4));
  CHECK(t->variance == Approx(16.0 / 12));
  CHECK(t->x.front() == Approx(1));  // a - (b-a)/4
  CHECK(t->x.back() == Approx(7));
  CHECK(t->sample_mean == Approx(4).margin(0.05));
  CHECK(t->sample_variance == Approx(16.0 / 12).margin(0.05));
  CHECK_FALSE(uniform_table({3, 3}));
}

TEST_CASE("exponential: memoryless density, mean 1/λ, variance 1/λ²") {
  CHECK(exponential_pdf(0, 2) == Approx(2));
  CHECK(exponential_cdf(std::log(2.0) / 0.5, 0.5) == Approx(0.5));  // the median is ln 2 / λ
  CHECK(exponential_pdf(-1, 2) == 0);
  // P(X > s + t | X > s) = P(X > t).
  const double s = 0.7, u = 1.3, rate = 1.5;
  CHECK((1 - exponential_cdf(s + u, rate)) / (1 - exponential_cdf(s, rate)) ==
        Approx(1 - exponential_cdf(u, rate)));
  auto t = exponential_table({0.5, 101, 40000, 30, 3});
  REQUIRE(t);
  CHECK(t->mean == Approx(2));
  CHECK(t->variance == Approx(4));
  CHECK(t->x.back() == Approx(12));
  CHECK(t->sample_mean == Approx(2).margin(0.05));
  CHECK_FALSE(exponential_table({0.0}));
}
