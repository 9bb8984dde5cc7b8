// Axis ticks: "nice" values (steps of 1, 2 or 5 times a power of ten) that
// cover a data range, and decades (with 2 and 5 between them on short
// ranges) for log axes.
//
// Contract:
// - nice_ticks(lo, hi) always returns at least two ticks, ascending, the
//   first <= lo and the last >= hi: the axis runs from the first tick to the
//   last, so the data fills it and both ends are labelled. Ticks are exact
//   multiples of the step, computed as integer * mantissa / power of ten, so
//   they print cleanly (0.6, never 0.6000000000000001).
// - Degenerate input still gives a sensible axis: lo > hi is swapped, a
//   constant range c..c becomes c ± 10% (±1 around 0), NaN or infinite ends
//   give 0..1.
// - log_ticks(lo, hi) needs lo, hi > 0 (anything else gives 1..10); the axis
//   runs from the decade at or below lo to the decade at or above hi.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <vector>

namespace kb::plot {

struct Ticks {
  double lo = 0;                    // where the axis starts (the first tick)
  double hi = 1;                    // where it ends (the last tick)
  double step = 0;                  // linear: distance between ticks; log: 0
  bool log = false;                 // ticks are spaced logarithmically
  std::vector<double> values;       // ascending, lo first, hi last
  std::vector<std::string> labels;  // one per value, formatted alike
};

// About `target` intervals (target + 1 ticks; 2..20), choosing among the
// 1-2-5 steps the one whose tick count is nearest that and whose axis wastes
// least room beyond the data. `integer`: steps of at least 1 (counts, k),
// and a tick at every whole number when the range spans at most ten.
Ticks nice_ticks(double lo, double hi, int target = 5, bool integer = false);

// Decades 10^a .. 10^b; ranges of at most two decades also get 2·10^k and
// 5·10^k, long ones label every second (third, …) decade so about eight
// labels remain. Labels are plain numbers when every tick lies within
// 0.001..10000 ("0.01", "200"), else powers of ten ("10⁻⁶", "2×10⁻⁶").
Ticks log_ticks(double lo, double hi);

// Whether every finite value is a whole number (and there is at least one):
// such axes get integer ticks.
bool all_integers(const std::vector<double>& values);

}  // namespace kb::plot
