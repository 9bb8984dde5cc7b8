// "Did you mean": the closest of a few known names to a misspelt one, for the
// matrix module's messages (schema keys, column names, enum values).
//
// Contract: pure, inline, no allocation beyond the result. Names compare as
// link targets do (text::lookup_key: case and '_' vs ' ' do not count); a
// quarter of the name may differ (two letters from four letters on, one
// below), so "categry" finds "category", "titel" finds "title", "boolean"
// finds "bool" (a longer spelling), and "colour" finds nothing in
// ["type", "name"].
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "core/text.h"

namespace kb::matrix {

inline std::string suggest(const std::string& wrong, const std::vector<std::string>& names) {
  std::string key = text::lookup_key(wrong);
  // Two edits from four letters on, so a swap ("titel") is found.
  size_t limit = key.size() <= 3 ? 1 : std::max<size_t>(2, key.size() / 4), best = limit + 1;
  std::string best_name;
  for (const auto& n : names) {
    std::string name = text::lookup_key(n);
    // A longer spelling of a name ("boolean" for "bool") means that name.
    if (name.size() >= 3 && key.size() > name.size() && key.compare(0, name.size(), name) == 0) return n;
    size_t d = text::edit_distance(key, name, limit);
    if (d < best) {
      best = d;
      best_name = n;
    }
  }
  return best_name;
}

// " (did you mean 'x'?)" or "".
inline std::string did_you_mean(const std::string& wrong, const std::vector<std::string>& names,
                                char quote = '\'') {
  std::string s = suggest(wrong, names);
  return s.empty() ? std::string() : " (did you mean " + std::string(1, quote) + s + quote + "?)";
}

// "a, b, c".
inline std::string join(const std::vector<std::string>& items, const char* sep = ", ") {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += sep;
    out += i;
  }
  return out;
}

}  // namespace kb::matrix
