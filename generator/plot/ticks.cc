#include "plot/ticks.h"

#include "plot/format.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace kb::plot {
namespace {

// k · m · 10^e as the double nearest that decimal (3·2·10^-1 is 0.6, not
// 0.6000000000000001), read back from its decimal text.
double tick_value(long long k, int m, int e) {
  const std::string text = std::to_string(k * m) + "e" + std::to_string(e);
  double v = 0;
  std::from_chars(text.data(), text.data() + text.size(), v);
  return v;
}

// "10⁻⁶", "10¹²".
std::string power_of_ten(int e) {
  static const char* const kDigits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  std::string out = "10";
  if (e < 0) out += "⁻";
  const std::string digits = std::to_string(std::abs(e));
  for (char c : digits) out += kDigits[c - '0'];
  return out;
}

}  // namespace

Ticks nice_ticks(double lo, double hi, int target, bool integer) {
  target = std::clamp(target, 2, 20);
  if (!std::isfinite(lo) || !std::isfinite(hi)) lo = 0, hi = 1;
  if (lo > hi) std::swap(lo, hi);
  lo = std::clamp(lo, -1e300, 1e300);  // keeps hi - lo finite
  hi = std::clamp(hi, -1e300, 1e300);
  const double magnitude = std::max(std::fabs(lo), std::fabs(hi));
  if (hi - lo <= magnitude * 1e-12 || hi - lo < 1e-290) {  // constant (or below double resolution)
    const double c = std::fabs(lo) < 1e-290 ? 0 : lo;  // denormals count as 0
    double half = c == 0 ? 1 : std::fabs(c) * 0.1;
    if (integer) half = std::max(half, 1.0);
    lo = c - half;
    hi = c + half;
  }
  if (integer && hi - lo <= 10 && std::fabs(lo) < 1e15 && std::fabs(hi) < 1e15) {
    // Few whole numbers (k = 1..8, epochs): one tick each.
    Ticks t;
    t.step = 1;
    for (double v = std::floor(lo); v <= std::ceil(hi); v += 1) {
      t.values.push_back(v == 0 ? 0 : v);
      t.labels.push_back(format_tick(v, 1));
    }
    t.lo = t.values.front();
    t.hi = t.values.back();
    return t;
  }
  const double span = hi - lo;
  const int e0 = static_cast<int>(std::floor(std::log10(span / target)));
  const int mantissas[] = {1, 2, 5};

  Ticks best;
  double best_score = INFINITY;
  int best_m = 1, best_e = 0;
  long long best_k0 = 0, best_k1 = 1;
  for (int e = e0 - 1; e <= e0 + 2; ++e) {
    for (int m : mantissas) {
      const double step = tick_value(1, m, e);
      if (!(step > 0) || !std::isfinite(step)) continue;
      if (integer && step < 1) continue;
      const double slack = 1e-9;  // 1.0000000002 must not start a new tick
      const long long k0 = static_cast<long long>(std::floor(lo / step + slack));
      const long long k1 = static_cast<long long>(std::ceil(hi / step - slack));
      const long long n = k1 - k0 + 1;
      if (n < 2 || n > 4 * target + 1) continue;
      const double covered = (k1 - k0) * step;
      const double waste = (covered - span) / covered;
      const double score = std::fabs(static_cast<double>(n - (target + 1))) + 4 * waste;
      if (score < best_score - 1e-12) {
        best_score = score;
        best_m = m, best_e = e, best_k0 = k0, best_k1 = k1;
      }
    }
  }
  if (!std::isfinite(best_score)) {  // cannot happen for finite spans; be safe
    best_m = 1, best_e = 0;
    best_k0 = static_cast<long long>(std::floor(lo));
    best_k1 = std::max(best_k0 + 1, static_cast<long long>(std::ceil(hi)));
  }
  best.step = tick_value(1, best_m, best_e);
  for (long long k = best_k0; k <= best_k1; ++k) {
    double v = tick_value(k, best_m, best_e);
    if (v == 0) v = 0;  // no -0
    best.values.push_back(v);
    best.labels.push_back(format_tick(v, best.step));
  }
  best.lo = best.values.front();
  best.hi = best.values.back();
  return best;
}

Ticks log_ticks(double lo, double hi) {
  Ticks t;
  t.log = true;
  if (!(lo > 0) || !(hi > 0) || !std::isfinite(lo) || !std::isfinite(hi)) lo = 1, hi = 10;
  if (lo > hi) std::swap(lo, hi);
  const double slack = 1e-9;
  int a = static_cast<int>(std::floor(std::log10(lo) + slack));
  int b = static_cast<int>(std::ceil(std::log10(hi) - slack));
  a = std::clamp(a, -300, 300);
  b = std::clamp(b, -300, 300);
  if (b <= a) b = a + 1;
  const int decades = b - a;
  if (decades <= 2) {
    for (int e = a; e <= b; ++e) {
      for (int m : {1, 2, 5}) {
        if (e == b && m > 1) break;
        t.values.push_back(tick_value(1, m, e));
      }
    }
  } else {
    const int every = (decades + 7) / 8;  // at most about eight labels
    int top = a;
    for (int e = a; e < b + every; e += every) {
      t.values.push_back(tick_value(1, 1, e));
      top = e;
      if (e >= b) break;
    }
    b = top;
  }
  // Within 0.001..10000 plain numbers read best; beyond, powers of ten.
  const bool plain = a >= -3 && b <= 4;
  for (double v : t.values) {
    if (plain) {
      t.labels.push_back(format_number(v, 2));
      continue;
    }
    const int e = static_cast<int>(std::floor(std::log10(v) + 1e-9));
    const int m = static_cast<int>(std::lround(v / std::pow(10.0, e)));
    t.labels.push_back((m == 1 ? std::string() : std::to_string(m) + "×") + power_of_ten(e));
  }
  t.lo = t.values.front();
  t.hi = t.values.back();
  return t;
}

bool all_integers(const std::vector<double>& values) {
  bool any = false;
  for (double v : values) {
    if (!std::isfinite(v)) continue;
    if (v != std::floor(v) || std::fabs(v) > 1e15) return false;
    any = true;
  }
  return any;
}

}  // namespace kb::plot
