#include "plot/format.h"

#include <algorithm>
#include <cmath>
#include <charconv>
#include <cstdlib>

namespace kb::plot {
namespace {

std::string non_finite(double v) {
  if (std::isnan(v)) return "NaN";
  return v > 0 ? "∞" : "-∞";
}

// Drops trailing zeros after a decimal point, and the point itself.
void strip_zeros(std::string& s) {
  if (s.find('.') == std::string::npos) return;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
}

// std::to_chars, not printf: no locale can turn the point into a comma.
std::string fixed(double v, int decimals) {
  char buf[400];  // 1e308 in fixed notation has 309 digits
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, std::clamp(decimals, 0, 20));
  std::string s(buf, r.ec == std::errc() ? r.ptr : buf);
  if (s == "-0" || s.find_first_not_of("-0.") == std::string::npos) {
    // Rounds to zero: "-0.00" -> "0.00".
    if (!s.empty() && s[0] == '-') s.erase(0, 1);
  }
  return s;
}

// "1.500e-06" -> "1.5e-6", "2.000e+09" -> "2e9".
std::string exponent(double v, int significant) {
  char buf[64];
  const auto r =
      std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific, std::clamp(significant - 1, 0, 16));
  std::string s(buf, r.ec == std::errc() ? r.ptr : buf);
  const size_t e = s.find('e');
  if (e == std::string::npos) return s;
  std::string mantissa = s.substr(0, e);
  strip_zeros(mantissa);
  const int exp = std::atoi(s.c_str() + e + 1);
  if (mantissa == "-0") mantissa = "0";
  return mantissa + "e" + std::to_string(exp);
}

}  // namespace

std::string format_number(double v, int significant) {
  if (!std::isfinite(v)) return non_finite(v);
  significant = std::clamp(significant, 1, 17);
  if (v == 0) return "0";
  const double a = std::fabs(v);
  if (a >= 1e-4 && a < 1e6) {
    const int magnitude = static_cast<int>(std::floor(std::log10(a)));
    std::string s = fixed(v, std::max(0, significant - 1 - magnitude));
    strip_zeros(s);
    if (s == "-0") s = "0";
    // Rounding can carry into 1e6 ("999999.7" -> "1000000"): still fine.
    return s;
  }
  return exponent(v, significant);
}

std::string format_tick(double v, double step) {
  if (!std::isfinite(v)) return non_finite(v);
  if (!(step > 0) || !std::isfinite(step)) return format_number(v);
  if (std::fabs(v) < step * 1e-9) v = 0;  // k*step that should be 0 but is 1e-17
  const int e = static_cast<int>(std::floor(std::log10(step) + 1e-9));
  const double largest = std::max(std::fabs(v), step);
  if (step < 1e-4 || largest >= 1e6) {
    if (v == 0) return "0";
    const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(v)) + 1e-9));
    return exponent(v, std::max(1, magnitude - e + 1));
  }
  return fixed(v, std::max(0, -e));
}

std::string format_coord(double v) {
  if (!std::isfinite(v)) return "0";
  std::string s = fixed(std::round(v * 10) / 10, 1);
  strip_zeros(s);
  if (s == "-0") s = "0";
  return s;
}

}  // namespace kb::plot
