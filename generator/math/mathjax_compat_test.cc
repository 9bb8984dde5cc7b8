#include "math/mathjax_compat.h"

#include <catch2/catch.hpp>

using namespace kb::math;

TEST_CASE("MathJax's macros that KaTeX lacks are mapped", "[math][mathjax]") {
  const auto& m = mathjax_compat_macros();
  CHECK(m.at("\\mbox") == "\\text{#1}");
  CHECK(m.at("\\textbackslash") == "\\backslash");
  CHECK(m.count("\\require"));
  CHECK(m.count("\\label"));
  CHECK(m.count("\\eqref"));
}

TEST_CASE("display-only environments are rewritten for inline math only", "[math][mathjax]") {
  CHECK(mathjax_compat_tex("\\begin{align}a&=b\\\\c&=d\\end{align}", false) ==
        "\\begin{aligned}a&=b\\\\c&=d\\end{aligned}");
  CHECK(mathjax_compat_tex("\\begin{align*}x\\end{align*}", false) == "\\begin{aligned}x\\end{aligned}");
  CHECK(mathjax_compat_tex("\\begin{equation}E=mc^2\\end{equation}", false) == "E=mc^2");
  CHECK(mathjax_compat_tex("\\begin{gather}a\\end{gather}", false) == "\\begin{gathered}a\\end{gathered}");
  CHECK(mathjax_compat_tex("\\begin{align}a\\end{align}", true) == "\\begin{align}a\\end{align}");
  CHECK(mathjax_compat_tex("\\begin{aligned}a\\end{aligned}", false) == "\\begin{aligned}a\\end{aligned}");
  CHECK(mathjax_compat_tex("x^2", false) == "x^2");
}

TEST_CASE("a verb command takes its delimiter after spaces, as TeX and MathJax do", "[math][mathjax]") {
  CHECK(mathjax_compat_tex("\\verb |ps -ef|", false) == "\\verb|ps -ef|");
  CHECK(mathjax_compat_tex("a \\verb*  |x y| b", true) == "a \\verb*|x y| b");
  CHECK(mathjax_compat_tex("\\verb|kept|", false) == "\\verb|kept|");
  CHECK(mathjax_compat_tex("\\verbatim |x|", false) == "\\verbatim |x|");  // another control word
  CHECK(mathjax_compat_tex("\\verb   ", false) == "\\verb   ");           // nothing to delimit: as written
  CHECK(mathjax_compat_tex("\\verb |a| + \\verb\t!b!", false) == "\\verb|a| + \\verb!b!");
}
