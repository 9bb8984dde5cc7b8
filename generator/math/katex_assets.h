// The KaTeX files a site with math ships under assets/katex/.
//
// - Typeset at build time: katex.min.css and the fonts it can need for the
//   typeset HTML. A font family is shipped when some CSS rule that sets it
//   can match the HTML: every class of one of the rule's selectors occurs in
//   some class="…" of the formulas (KaTeX_Main always: .katex sets it). Each
//   @font-face keeps only its woff2 source, and the faces of families not
//   shipped are dropped from the CSS, so it refers to no missing file.
// - Typeset in the browser (kb could not run KaTeX): the same CSS with every
//   face (woff2 only) and every woff2 font, katex.min.js, and kb-math.js
//   (katex_browser.js with the site's macros prepended).
// - Nothing without KaTeX compiled in (katex_dist.h): the caller has nothing
//   to ship, and formulas stay as TeX.
//
// Contract: pure functions; never throw.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "math/katex_dist.h"

namespace kb::math {

struct SiteFile {
  std::string url;      // site path: "assets/katex/katex.min.css"
  std::string content;  // bytes
};

inline constexpr const char kKatexCssUrl[] = "assets/katex/katex.min.css";
inline constexpr const char kKatexJsUrl[] = "assets/katex/katex.min.js";
inline constexpr const char kKatexBrowserScriptUrl[] = "assets/katex/kb-math.js";

// `typeset_html`: the HTML of every formula typeset at build time (ignored
// when `in_browser`).
std::vector<SiteFile> katex_site_files(const KatexDist& katex, bool in_browser,
                                       const std::vector<std::string_view>& typeset_html,
                                       const std::map<std::string, std::string>& macros);

// The CSS class names used in `html` (every class="…" attribute's words).
void collect_classes(std::string_view html, std::vector<std::string>& out);

}  // namespace kb::math
