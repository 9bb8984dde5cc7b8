// KaTeX as compiled into kb.
//
// Why compiled in: build/kb must typeset math from any folder, needing
// nothing from this repository at run time (like its templates and theme).
// CMake copies the browser files of the npm package pinned in
// package-lock.json (node_modules/katex: dist/katex.min.js, katex.min.css,
// fonts/*.woff2) and kb's two scripts for it (katex_batch.js, run by node at
// build time; katex_browser.js, shipped when math must be typeset in the
// browser) into the binary (cmake/embed_katex.cmake). A kb compiled without
// node_modules/katex has an empty version and no KaTeX files. With them come
// the font a typeset site's MathML is drawn in (STIX Two Math, from the npm
// package @fontsource/stix-two-math), its licence and kb's math.css.
//
// Contract: static, immutable data; safe from any thread.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace kb::math {

struct KatexDist {
  std::string_view version;  // "0.19.1"; "" when kb was built without KaTeX
  std::string_view js;       // dist/katex.min.js
  std::string_view css;      // dist/katex.min.css
  std::vector<std::pair<std::string_view, std::string_view>> fonts;  // "KaTeX_Main-Regular.woff2" -> bytes
  std::string_view math_css;           // math.css: MathML drawn in the math font
  std::string_view math_font;          // STIXTwoMath-Regular.woff2; "" without it
  std::string_view math_font_license;  // its SIL Open Font License
  std::string_view batch_script;    // katex_batch.js
  std::string_view browser_script;  // katex_browser.js
};

const KatexDist& katex_dist();

}  // namespace kb::math
