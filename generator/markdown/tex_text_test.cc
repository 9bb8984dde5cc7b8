#include "markdown/tex_text.h"

#include <catch2/catch.hpp>

using kb::markdown::tex_text;

TEST_CASE("tex_text: fractions, scripts and symbols read as a reader sees them") {
  CHECK(tex_text(R"(F_1 = 2 \cdot \frac{P \cdot R}{P + R})") == "F₁ = 2 · (P · R)/(P + R)");
  CHECK(tex_text(R"(\frac{1}{n}\sum_{i=1}^{n} (y_i - \hat{y}_i)^2)") == "1/n∑ᵢ₌₁ⁿ (yᵢ - y\u0302ᵢ)²");
  CHECK(tex_text(R"(\sigma(z) = \frac{1}{1 + e^{-z}})") == "σ(z) = 1/(1 + e^(-z))");
  CHECK(tex_text(R"(x^{n-1} \le \sqrt{x} \approx \infty)") == "xⁿ⁻¹ ≤ √x ≈ ∞");
  CHECK(tex_text(R"(\lVert w \rVert_2^2)") == "‖ w ‖₂²");
  CHECK(tex_text(R"(\binom{n}{k})") == "(n choose k)");
  CHECK(tex_text(R"(\sqrt[3]{x + 1})") == "³√(x + 1)");
}

TEST_CASE("tex_text: words stay words and TeX's own words go") {
  CHECK(tex_text(R"(\text{precision} = \frac{TP}{TP + FP})") == "precision = TP/(TP + FP)");
  CHECK(tex_text(R"(\operatorname{argmax}_k \log p_k)") == "argmaxₖ log pₖ");
  CHECK(tex_text(R"(\left( \frac{a}{b} \right))") == "( a/b )");
  CHECK(tex_text(R"(\left. x \right|_{0})") == "x |₀");
  CHECK(tex_text(R"(a \quad b \qquad c\,d)") == "a b c d");
  CHECK(tex_text(R"(\mathbb{E}[X] \in \mathbb{R})") == "𝔼[X] ∈ ℝ");
  CHECK(tex_text(R"(\begin{cases} 1 & x > 0 \\ 0 & \text{otherwise} \end{cases})") ==
        "1 x > 0 ; 0 otherwise");
  CHECK(tex_text(R"(\unknowncommand{x})") == "unknowncommandx");
}

TEST_CASE("tex_text: hostile input is read as far as it goes") {
  CHECK(tex_text("") == "");
  CHECK(tex_text("\\") == "");
  CHECK(tex_text("{{{a") == "a");
  CHECK(tex_text("a}}}b") == "ab");
  CHECK(tex_text("\\frac") == "/");
  CHECK(tex_text("x^") == "x");
  CHECK(tex_text(R"(w_{t+1}^{(j)} = x_{\text{max}})") == "wₜ₊₁^(j) = xₘₐₓ");
  CHECK(tex_text("\\sqrt[") == "√[");
  std::string deep(100000, '{');
  deep += "x";
  CHECK(tex_text(deep) == "x");
  std::string scripts;
  for (int i = 0; i < 10000; ++i) scripts += "^{";
  CHECK_NOTHROW(tex_text(scripts));
  std::string fracs;
  for (int i = 0; i < 5000; ++i) fracs += "\\frac{";
  CHECK_NOTHROW(tex_text(fracs));
}
