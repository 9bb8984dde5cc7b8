// The math files a site with formulas ships.
//
// - Typeset at build time (MathML, math/mathml_core.h): kb's math.css, the
//   math font it draws MathML in (STIX Two Math, woff2) and the font's
//   licence, under assets/math/. No KaTeX file: the MathML needs none.
// - Typeset in the browser (kb could not run KaTeX): KaTeX's CSS with every
//   face (each keeping only its woff2 source) and every woff2 font,
//   katex.min.js, and kb-math.js (katex_browser.js with the site's macros
//   prepended), under assets/katex/.
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

inline constexpr const char kMathCssUrl[] = "assets/math/math.css";
inline constexpr const char kMathFontUrl[] = "assets/math/STIXTwoMath-Regular.woff2";
inline constexpr const char kMathFontLicenseUrl[] = "assets/math/STIXTwoMath-LICENSE.txt";
inline constexpr const char kKatexCssUrl[] = "assets/katex/katex.min.css";
inline constexpr const char kKatexJsUrl[] = "assets/katex/katex.min.js";
inline constexpr const char kKatexBrowserScriptUrl[] = "assets/katex/kb-math.js";

std::vector<SiteFile> katex_site_files(const KatexDist& katex, bool in_browser,
                                       const std::map<std::string, std::string>& macros);

}  // namespace kb::math
