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

TEST_CASE("class names are read from class attributes", "[math][assets]") {
  std::vector<std::string> classes;
  collect_classes("<span class=\"katex\"><span class=\"mord  mathbb\">x</span></span><i class=\"\">", classes);
  CHECK(classes == std::vector<std::string>{"katex", "mord", "mathbb"});
}

TEST_CASE("only the fonts the typeset formulas can use are shipped, woff2 only", "[math][assets]") {
  KatexDist k = fake_katex();
  auto files = katex_site_files(k, false, {"<span class=\"katex\"><span class=\"mord\">x</span></span>"}, {});
  CHECK(urls(files) == std::vector<std::string>{"assets/katex/katex.min.css", "assets/katex/fonts/KaTeX_Main-Regular.woff2"});
  const std::string& css = files[0].content;
  CHECK(css.find("KaTeX_Main-Regular.woff2") != std::string::npos);
  CHECK(css.find(".woff)") == std::string::npos);
  CHECK(css.find(".ttf") == std::string::npos);
  CHECK(css.find("KaTeX_AMS-Regular") == std::string::npos);  // its face is gone
  CHECK(css.find(".katex .amsrm,.katex .mathbb{font-family:KaTeX_AMS}") != std::string::npos);  // rules stay
  CHECK(css.find(".katex .base{position:relative}") != std::string::npos);
  CHECK(files[1].content == "MAIN");

  // \mathbb needs AMS; a size1 delimiter needs Size1 (both of its classes).
  auto more = katex_site_files(k, false, {"<span class=\"katex\"><span class=\"mord mathbb\">R</span></span>",
                                          "<span class=\"delimsizing size1\">(</span>"}, {});
  CHECK(urls(more) == std::vector<std::string>{"assets/katex/katex.min.css", "assets/katex/fonts/KaTeX_Main-Regular.woff2",
                                               "assets/katex/fonts/KaTeX_AMS-Regular.woff2",
                                               "assets/katex/fonts/KaTeX_Size1-Regular.woff2"});
  auto size1_alone = katex_site_files(k, false, {"<span class=\"size1\">(</span>"}, {});
  CHECK(size1_alone.size() == 2);
}

TEST_CASE("math typeset in the browser ships KaTeX's JS, every font and the macros", "[math][assets]") {
  KatexDist k = fake_katex();
  auto files = katex_site_files(k, true, {}, {{"\\TP", "\\mathrm{TP}"}});
  auto u = urls(files);
  CHECK(u.size() == 6);
  CHECK(std::count(u.begin(), u.end(), "assets/katex/katex.min.js") == 1);
  CHECK(std::count(u.begin(), u.end(), "assets/katex/fonts/KaTeX_AMS-Regular.woff2") == 1);
  const SiteFile& script = files.back();
  CHECK(script.url == "assets/katex/kb-math.js");
  CHECK(script.content == "window.kbMathMacros = {\"\\\\TP\":\"\\\\mathrm{TP}\"};\n/* browser */");
}

TEST_CASE("without KaTeX there is nothing to ship", "[math][assets]") {
  CHECK(katex_site_files(KatexDist{}, true, {}, {}).empty());
}

TEST_CASE("the real katex.min.css keeps every rule and only woff2 sources", "[math][assets]") {
  const KatexDist& k = katex_dist();
  if (k.version.empty()) return;
  auto all = katex_site_files(k, true, {}, {});
  const std::string& css = all[0].content;
  CHECK(std::count(css.begin(), css.end(), '}') == std::count(k.css.begin(), k.css.end(), '}'));
  CHECK(css.find(".ttf") == std::string::npos);
  CHECK(all.size() == 1 + 20 + 2);
  auto some = katex_site_files(k, false, {"<span class=\"katex\"><span class=\"mord mathnormal\">x</span></span>"}, {});
  std::vector<std::string> fonts;
  for (const auto& f : some)
    if (f.url.find("/fonts/") != std::string::npos) fonts.push_back(f.url.substr(f.url.rfind('/') + 1));
  CHECK(fonts == std::vector<std::string>{"KaTeX_Main-Bold.woff2", "KaTeX_Main-BoldItalic.woff2", "KaTeX_Main-Italic.woff2",
                                          "KaTeX_Main-Regular.woff2", "KaTeX_Math-BoldItalic.woff2",
                                          "KaTeX_Math-Italic.woff2"});
}
