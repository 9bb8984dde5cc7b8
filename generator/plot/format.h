// Numbers as a plot shows them: compact, deterministic, never
// 0.30000000000000004.
//
// Contract: pure functions, no locale (always '.' as the decimal point), the
// same double gives the same bytes on every run. NaN prints as "NaN",
// infinities as "∞" and "-∞"; -0 prints as "0".
// Thread safety: pure functions.
#pragma once

#include <string>

namespace kb::plot {

// v with at most `significant` significant digits (1..17), in fixed notation
// for 1e-4 <= |v| < 1e6 ("0.3", "12345", "0.0001235") and as a short
// exponent otherwise ("1e-6", "2.5e9"). Trailing zeros are dropped.
std::string format_number(double v, int significant = 4);

// Label of tick v on an axis whose ticks are `step` apart (a 1-2-5 step):
// every label of the axis gets the same number of decimals, just enough for
// the step ("0.0", "0.2", … "1.0"; "0", "20", … "100"). Very small or very
// large steps give exponents ("2e-5"). A step <= 0 or not finite falls back
// to format_number(v).
std::string format_tick(double v, double step);

// An SVG coordinate or length: rounded to 0.1 user units, no trailing ".0",
// never "-0" ("12.5", "300", "-0.3"). Not finite prints as "0".
std::string format_coord(double v);

}  // namespace kb::plot
