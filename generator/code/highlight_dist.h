// highlight.js as compiled into kb: its common-languages bundle plus the
// grammars that bundle lacks (dockerfile, scala), from the npm package
// @highlightjs/cdn-assets that package-lock.json pins, and kb's batch script.
//
// Contract: highlight_dist() is the one copy, built on first use; all views
// point into static storage. A kb built without node_modules has an empty
// version and empty scripts (code is then shown plain).
#pragma once

#include <string_view>
#include <vector>

namespace kb::code {

struct HighlightDist {
  std::string_view version;                // "11.11.1", or "" when not compiled in
  std::vector<std::string_view> scripts;   // highlight.min.js, then the extra grammars
  std::string_view batch_script;           // highlight_batch.js
};

const HighlightDist& highlight_dist();

}  // namespace kb::code
