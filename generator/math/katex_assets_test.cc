#include "math/katex_assets.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace kb::math;

namespace {

// A small stand-in for katex.min.css with three families.
KatexDist fake_katex() {
  KatexDist k;
  k.version = "0.0.1";
  k.js = "/* katex */";
  k.browser_script = "/* browser */";
  k.css =
      "@font-face{font-display:block;font-family:KaTeX_Main;font-style:normal;font-weight:400;"
      "src:url(fonts/KaTeX_Main-Regular.woff2) format(\"woff2\"),url(fonts/KaTeX_Main-Regular.woff) format(\"woff\"),"
      "url(fonts/KaTeX_Main-Regular.ttf) format(\"truetype\")}"
      "@font-face{font-family:KaTeX_AMS;src:url(fonts/KaTeX_AMS-Regular.woff2) format(\"woff2\"),"
      "url(fonts/KaTeX_AMS-Regular.ttf) format(\"truetype\")}"
      "@font-face{font-family:KaTeX_Size1;src:url(fonts/KaTeX_Size1-Regular.woff2) format(\"woff2\")}"
      ".katex{font:normal 1.21em KaTeX_Main,math,Times New Roman,serif}"
      ".katex .amsrm,.katex .mathbb{font-family:KaTeX_AMS}"
      ".katex .delimsizing.size1{font-family:\"KaTeX_Size1\"}"
      ".katex .base{position:relative}";
  k.fonts = {{"KaTeX_Main-Regular.woff2", "MAIN"}, {"KaTeX_AMS-Regular.woff2", "AMS"},
             {"KaTeX_Size1-Regular.woff2", "SIZE1"}};
  return k;
}

std::vector<std::string> urls(const std::vector<SiteFile>& files) {
  std::vector<std::string> out;
  for (const auto& f : files) out.push_back(f.url);
  return out;
}

}  // namespace

TEST_CASE("math typeset at build time ships kb's math CSS, the math font and its licence", "[math][assets]") {
  KatexDist k = fake_katex();
  k.math_css = "math{}";
  k.math_font = "FONT";
  k.math_font_license = "OFL";
  auto files = katex_site_files(k, false, {{"\\TP", "\\mathrm{TP}"}});
  CHECK(urls(files) == std::vector<std::string>{"assets/math/math.css", "assets/math/STIXTwoMath-Regular.woff2",
                                                "assets/math/STIXTwoMath-LICENSE.txt"});
  CHECK(files[0].content == "math{}");
  CHECK(files[1].content == "FONT");
  CHECK(files[2].content == "OFL");
  // A kb compiled without the font: the CSS alone (browsers use their own math font).
  k.math_font = "";
  CHECK(urls(katex_site_files(k, false, {})) == std::vector<std::string>{"assets/math/math.css"});
}

TEST_CASE("math typeset in the browser ships KaTeX's JS, every font and the macros", "[math][assets]") {
  KatexDist k = fake_katex();
  auto files = katex_site_files(k, true, {{"\\TP", "\\mathrm{TP}"}});
  auto u = urls(files);
  CHECK(u.size() == 6);
  CHECK(std::count(u.begin(), u.end(), "assets/katex/katex.min.js") == 1);
  CHECK(std::count(u.begin(), u.end(), "assets/katex/fonts/KaTeX_AMS-Regular.woff2") == 1);
  const SiteFile& script = files.back();
  CHECK(script.url == "assets/katex/kb-math.js");
  CHECK(script.content == "window.kbMathMacros = {\"\\\\TP\":\"\\\\mathrm{TP}\"};\n/* browser */");
}

TEST_CASE("without KaTeX there is nothing to ship", "[math][assets]") {
  CHECK(katex_site_files(KatexDist{}, true, {}).empty());
}

TEST_CASE("the real katex.min.css keeps every rule and only woff2 sources", "[math][assets]") {
  const KatexDist& k = katex_dist();
  if (k.version.empty()) return;
  auto all = katex_site_files(k, true, {});
  const std::string& css = all[0].content;
  CHECK(std::count(css.begin(), css.end(), '}') == std::count(k.css.begin(), k.css.end(), '}'));
  CHECK(css.find(".ttf") == std::string::npos);
  CHECK(all.size() == 1 + 20 + 2);
  // The font the MathML is drawn in, with the licence the OFL asks to travel with it.
  REQUIRE(k.math_font.size() > 100000);
  CHECK(k.math_font.substr(0, 4) == "wOF2");
  CHECK(k.math_font_license.find("SIL Open Font License") != std::string_view::npos);
  CHECK(k.math_css.find("STIXTwoMath-Regular.woff2") != std::string_view::npos);
}
