#include "plot/ticks.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace kb::plot;

namespace {

// The step is 1, 2 or 5 times a power of ten.
bool one_two_five(double step) {
  const double e = std::floor(std::log10(step) + 1e-9);
  const double m = step / std::pow(10, e);
  return std::fabs(m - 1) < 1e-9 || std::fabs(m - 2) < 1e-9 || std::fabs(m - 5) < 1e-9;
}

// Ticks ascend by the step, cover lo..hi and carry one label each.
void check_cover(const Ticks& t, double lo, double hi) {
  REQUIRE(t.values.size() >= 2);
  REQUIRE(t.labels.size() == t.values.size());
  CHECK(t.values.front() <= lo);
  CHECK(t.values.back() >= hi);
  CHECK(t.lo == t.values.front());
  CHECK(t.hi == t.values.back());
  CHECK(one_two_five(t.step));
  for (size_t i = 1; i < t.values.size(); ++i) {
    CHECK(t.values[i] - t.values[i - 1] == Approx(t.step));
  }
}

}  // namespace

TEST_CASE("nice ticks for 0..1") {
  const Ticks t = nice_ticks(0, 1);
  check_cover(t, 0, 1);
  CHECK(t.step == Approx(0.2));
  CHECK(t.labels == std::vector<std::string>{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"});
  CHECK(t.values[3] == 0.6);  // exactly the double nearest 0.6, not 0.6000000000000001
}

TEST_CASE("nice ticks for 0..97") {
  const Ticks t = nice_ticks(0, 97);
  check_cover(t, 0, 97);
  CHECK(t.step == 20);
  CHECK(t.labels == std::vector<std::string>{"0", "20", "40", "60", "80", "100"});
}

TEST_CASE("nice ticks for -3.2..4.1 straddle zero") {
  const Ticks t = nice_ticks(-3.2, 4.1);
  check_cover(t, -3.2, 4.1);
  CHECK(t.step == 2);
  CHECK(t.labels == std::vector<std::string>{"-4", "-2", "0", "2", "4", "6"});
}

TEST_CASE("nice ticks for small and large magnitudes") {
  const Ticks small = nice_ticks(0.0012, 0.0047);
  check_cover(small, 0.0012, 0.0047);
  CHECK(small.labels.front() == "0.001");
  const Ticks large = nice_ticks(1.2e7, 9.9e7);
  check_cover(large, 1.2e7, 9.9e7);
  CHECK(large.labels.back() == "1e8");
  const Ticks negative = nice_ticks(-97, -3);
  check_cover(negative, -97, -3);
}

TEST_CASE("nice ticks survive degenerate ranges") {
  check_cover(nice_ticks(5, 5), 5, 5);                 // constant: a band around it
  CHECK(nice_ticks(5, 5).values.front() < 5);
  CHECK(nice_ticks(5, 5).values.back() > 5);
  check_cover(nice_ticks(0, 0), 0, 0);
  check_cover(nice_ticks(4, -2), -2, 4);               // reversed
  const Ticks nan = nice_ticks(std::nan(""), 3);
  CHECK(nan.lo == 0);
  CHECK(nan.hi == 1);
  check_cover(nice_ticks(-std::numeric_limits<double>::max(), std::numeric_limits<double>::max()), -1e300, 1e300);
  check_cover(nice_ticks(1e9, 1e9 + 1e-7), 1e9, 1e9);  // below double resolution: constant
  check_cover(nice_ticks(1e-300, 3e-300), 1e-300, 3e-300);
}

TEST_CASE("integer axes never get fractional ticks") {
  const Ticks t = nice_ticks(1, 3, 5, true);
  check_cover(t, 1, 3);
  CHECK(t.step >= 1);
  CHECK(t.labels == std::vector<std::string>{"1", "2", "3"});
  CHECK(nice_ticks(2, 10, 5, true).values.size() == 9);  // every k of an elbow plot
  CHECK(nice_ticks(0, 97, 5, true).step == 20);
  CHECK(nice_ticks(0.5, 3.5, 5, true).labels == std::vector<std::string>{"0", "1", "2", "3", "4"});
}

TEST_CASE("tick counts stay near the target") {
  for (double hi : {0.013, 0.7, 1.0, 3.3, 9.99, 17.0, 42.0, 97.0, 101.0, 555.0, 1e4, 3.7e5}) {
    const Ticks t = nice_ticks(0, hi);
    check_cover(t, 0, hi);
    CHECK(t.values.size() >= 3);
    CHECK(t.values.size() <= 9);
    // The axis wastes at most half its length beyond the data.
    CHECK(t.hi <= hi * 2 + 1e-12);
  }
}

TEST_CASE("log ticks for 1e-6..1e-3 are decades") {
  const Ticks t = log_ticks(1e-6, 1e-3);
  CHECK(t.log);
  CHECK(t.values == std::vector<double>{1e-6, 1e-5, 1e-4, 1e-3});
  CHECK(t.labels == std::vector<std::string>{"10⁻⁶", "10⁻⁵", "10⁻⁴", "10⁻³"});
  CHECK(t.lo == 1e-6);
  CHECK(t.hi == 1e-3);
}

TEST_CASE("log ticks round out to decades and fill short ranges") {
  const Ticks t = log_ticks(0.03, 0.7);
  CHECK(t.lo == 0.01);
  CHECK(t.hi == 1);
  CHECK(t.values == std::vector<double>{0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1});
  CHECK(t.labels[1] == "0.02");
  const Ticks three = log_ticks(0.03, 7);  // three decades: decades only
  CHECK(three.values == std::vector<double>{0.01, 0.1, 1, 10});
  const Ticks one = log_ticks(2, 8);  // inside one decade
  CHECK(one.lo == 1);
  CHECK(one.hi == 10);
  const Ticks wide = log_ticks(1e-12, 1e12);  // long: every few decades
  CHECK(wide.values.size() <= 10);
  CHECK(wide.lo <= 1e-12);
  CHECK(wide.hi >= 1e12);
  CHECK(log_ticks(2e-6, 8e-6).labels == std::vector<std::string>{"10⁻⁶", "2×10⁻⁶", "5×10⁻⁶", "10⁻⁵"});
  CHECK(log_ticks(1, 1000).labels == std::vector<std::string>{"1", "10", "100", "1000"});
  const Ticks bad = log_ticks(-1, 0);
  CHECK(bad.lo == 1);
  CHECK(bad.hi == 10);
}

TEST_CASE("all_integers") {
  CHECK(all_integers({1, 2, 3, std::nan("")}));
  CHECK_FALSE(all_integers({1, 2.5}));
  CHECK_FALSE(all_integers({}));
}
