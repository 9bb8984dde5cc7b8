#include "math/mathml_core.h"

#include <catch2/catch.hpp>

using kb::math::adapt_to_mathml_core;

// The inputs are KaTeX 0.19's MathML for the TeX in each comment.

TEST_CASE("styled letters become Unicode's mathematical alphanumerics", "[math][mathml]") {
  // \mathbb{E}[X]
  CHECK(adapt_to_mathml_core("<mrow><mi mathvariant=\"double-struck\">E</mi><mo stretchy=\"false\">[</mo>") ==
        "<mrow><mi>\xF0\x9D\x94\xBC</mi><mo stretchy=\"false\">[</mo>");  // U+1D53C
  // Letterlike holes: \mathbb{R}, \mathcal{L}, \mathfrak{C}, \mathit{h}
  CHECK(adapt_to_mathml_core("<mi mathvariant=\"double-struck\">R</mi>") == "<mi>\xE2\x84\x9D</mi>");  // U+211D
  CHECK(adapt_to_mathml_core("<mi mathvariant=\"script\">L</mi>") == "<mi>\xE2\x84\x92</mi>");         // U+2112
  CHECK(adapt_to_mathml_core("<mi mathvariant=\"script\">N</mi>") == "<mi>\xF0\x9D\x92\xA9</mi>");     // U+1D4A9
  CHECK(adapt_to_mathml_core("<mi mathvariant=\"fraktur\">C</mi>") == "<mi>\xE2\x84\xAD</mi>");        // U+212D
  CHECK(adapt_to_mathml_core("<mi mathvariant=\"italic\">h</mi>") == "<mi>\xE2\x84\x8E</mi>");         // U+210E
  // \mathbf{w}, \mathbf{12} (digits), \boldsymbol{\theta} (Greek), bold nabla
  CHECK(adapt_to_mathml_core("<mi mathvariant=\"bold\">w</mi>") == "<mi>\xF0\x9D\x90\xB0</mi>");       // U+1D430
  CHECK(adapt_to_mathml_core("<mn mathvariant=\"bold\">12</mn>") ==
        "<mn>\xF0\x9D\x9F\x8F\xF0\x9D\x9F\x90</mn>");  // U+1D7CF U+1D7D0
  CHECK(adapt_to_mathml_core("<mi mathvariant=\"bold-italic\">\xCE\xB8</mi>") ==
        "<mi>\xF0\x9D\x9C\xBD</mi>");  // θ -> U+1D73D
  CHECK(adapt_to_mathml_core("<mi mathvariant=\"bold\">\xE2\x88\x87</mi>") == "<mi>\xF0\x9D\x9B\x81</mi>");  // U+1D6C1
  CHECK(adapt_to_mathml_core("<mi mathvariant=\"bold\">\xCE\xA9</mi>") == "<mi>\xF0\x9D\x9B\x80</mi>");  // Ω U+1D6C0
  // "normal" is MathML Core's own; a character with no styled form keeps the attribute.
  CHECK(adapt_to_mathml_core("<mi mathvariant=\"normal\">\xCE\xA6</mi>") == "<mi mathvariant=\"normal\">\xCE\xA6</mi>");
  CHECK(adapt_to_mathml_core("<mi mathvariant=\"double-struck\">\xCE\xB1</mi>") ==
        "<mi mathvariant=\"double-struck\">\xCE\xB1</mi>");
  CHECK(adapt_to_mathml_core("<mi mathvariant=\"bold\">x&amp;</mi>") == "<mi mathvariant=\"bold\">x&amp;</mi>");
  // Text stays text: bold and italic as CSS.
  CHECK(adapt_to_mathml_core("<mtext mathvariant=\"bold\">if x</mtext>") ==
        "<mtext style=\"font-weight:bold\">if x</mtext>");
  CHECK(adapt_to_mathml_core("<mtext mathvariant=\"double-struck\">ab</mtext>") ==
        "<mtext mathvariant=\"double-struck\">ab</mtext>");
}

TEST_CASE("a sign after an operator is spaced as TeX spaces it", "[math][mathml]") {
  const std::string zero = " lspace=\"0em\" rspace=\"0em\"";
  // \Phi(-k): after an opening fence
  CHECK(adapt_to_mathml_core("<mrow><mi mathvariant=\"normal\">\xCE\xA6</mi><mo stretchy=\"false\">(</mo>"
                             "<mo>\xE2\x88\x92</mo><mi>k</mi><mo stretchy=\"false\">)</mo></mrow>") ==
        "<mrow><mi mathvariant=\"normal\">\xCE\xA6</mi><mo stretchy=\"false\">(</mo><mo" + zero +
            ">\xE2\x88\x92</mo><mi>k</mi><mo stretchy=\"false\">)</mo></mrow>");
  // x = -3: after a relation
  CHECK(adapt_to_mathml_core("<mrow><mi>x</mi><mo>=</mo><mo>\xE2\x88\x92</mo><mn>3</mn></mrow>") ==
        "<mrow><mi>x</mi><mo>=</mo><mo" + zero + ">\xE2\x88\x92</mo><mn>3</mn></mrow>");
  // \sum_{i=1}^n -x_i: after a large operator with scripts
  CHECK(adapt_to_mathml_core("<mrow><msubsup><mo>\xE2\x88\x91</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi>"
                             "</msubsup><mo>\xE2\x88\x92</mo><msub><mi>x</mi><mi>i</mi></msub></mrow>")
            .find("</msubsup><mo" + zero + ">") != std::string::npos);
  // (1, -1) after punctuation; a \quad between does not count
  CHECK(adapt_to_mathml_core("<mo separator=\"true\">,</mo><mspace width=\"1em\"></mspace><mo>+</mo>") ==
        "<mo separator=\"true\">,</mo><mspace width=\"1em\"></mspace><mo" + zero + ">+</mo>");
  // Binary where TeX has it binary: after a letter, a closing fence, a group,
  // a fence with a script ((z)_i - 1), and at the start (prefix already).
  for (const char* tex : {"<mi>a</mi><mo>\xE2\x88\x92</mo>", "<mo>)</mo><mo>+</mo>", "<mrow><mi>a</mi></mrow><mo>+</mo>",
                          "<msub><mo>)</mo><mi>i</mi></msub><mo>\xE2\x88\x92</mo>", "<mrow><mo>\xE2\x88\x92</mo>",
                          "<mfrac><mi>a</mi><mi>b</mi></mfrac><mo>+</mo>",
                          // X_1 + \cdots + X_n: dots are not an operator
                          "<mo>+</mo><mo>\xE2\x8B\xAF</mo><mo>+</mo>"})
    CHECK(adapt_to_mathml_core(tex) == tex);
  // -- : a sign after a binary operator; one that already says its spacing is kept
  CHECK(adapt_to_mathml_core("<mi>a</mi><mo>+</mo><mo>\xE2\x88\x92</mo>") ==
        "<mi>a</mi><mo>+</mo><mo" + zero + ">\xE2\x88\x92</mo>");
  CHECK(adapt_to_mathml_core("<mo>=</mo><mo lspace=\"0.1em\">+</mo>") == "<mo>=</mo><mo lspace=\"0.1em\">+</mo>");
}

TEST_CASE("bars are bars and a function's name is spaced from its argument", "[math][mathml]") {
  // |y| and \|w\| (KaTeX: <mi> ∣ and ∥), \lvert x \rvert and \left| (fences)
  CHECK(adapt_to_mathml_core("<mi mathvariant=\"normal\">\xE2\x88\xA3</mi><mi>y</mi><mi mathvariant=\"normal\">\xE2\x88\xA3</mi>") ==
        "<mi mathvariant=\"normal\">|</mi><mi>y</mi><mi mathvariant=\"normal\">|</mi>");
  CHECK(adapt_to_mathml_core("<mi mathvariant=\"normal\">\xE2\x88\xA5</mi>") == "<mi mathvariant=\"normal\">\xE2\x80\x96</mi>");
  CHECK(adapt_to_mathml_core("<mo stretchy=\"false\">\xE2\x88\xA3</mo>") ==
        "<mo stretchy=\"false\" lspace=\"0em\" rspace=\"0em\">|</mo>");
  CHECK(adapt_to_mathml_core("<mo fence=\"true\">\xE2\x88\xA5</mo>") ==
        "<mo fence=\"true\" lspace=\"0em\" rspace=\"0em\">\xE2\x80\x96</mo>");
  // \mid stays the relation.
  CHECK(adapt_to_mathml_core("<mi>a</mi><mo>\xE2\x88\xA3</mo><mi>b</mi>") == "<mi>a</mi><mo>\xE2\x88\xA3</mo><mi>b</mi>");
  // \ln 0.5: a thin space; \log(x), and \sin^2 (the name ends its group): none.
  const std::string apply = "<mo>\xE2\x81\xA1</mo>";
  CHECK(adapt_to_mathml_core("<mi>ln</mi>" + apply + "<mn>0.5</mn>") ==
        "<mi>ln</mi><mo rspace=\"0.1667em\">\xE2\x81\xA1</mo><mn>0.5</mn>");
  for (std::string tex : {"<mi>log</mi>" + apply + "<mo stretchy=\"false\">(</mo>",
                          "<msup><mrow><mi>sin</mi>" + apply + "</mrow><mn>2</mn></msup>", "<mi>ln</mi>" + apply})
    CHECK(adapt_to_mathml_core(tex) == tex);
  // \log_2 p and \sin^2 x: the space goes after the scripts; \max_i(x): none.
  const std::string log2 = "<msub><mrow><mi>log</mi>" + apply + "</mrow><mn>2</mn></msub>";
  CHECK(adapt_to_mathml_core("<mrow>" + log2 + "<mi>p</mi></mrow>") ==
        "<mrow>" + log2 + "<mspace width=\"0.1667em\"></mspace><mi>p</mi></mrow>");
  CHECK(adapt_to_mathml_core("<mrow>" + log2 + "<msub><mi>p</mi><mi>i</mi></msub></mrow>") ==
        "<mrow>" + log2 + "<mspace width=\"0.1667em\"></mspace><msub><mi>p</mi><mi>i</mi></msub></mrow>");
  const std::string paren = "<mrow>" + log2 + "<mo stretchy=\"false\">(</mo></mrow>";
  CHECK(adapt_to_mathml_core(paren) == paren);
  // A script on something else is not a function name.
  const std::string square = "<mrow><msup><mi>x</mi><mn>2</mn></msup><mi>y</mi></mrow>";
  CHECK(adapt_to_mathml_core(square) == square);
}

TEST_CASE("a prime is written after its letter, not raised again", "[math][mathml]") {
  // x' and f''(x)
  CHECK(adapt_to_mathml_core("<mrow><msup><mi>x</mi><mo lspace=\"0em\" rspace=\"0em\">\xE2\x80\xB2</mo></msup><mo>=</mo></mrow>") ==
        "<mrow><mrow><mi>x</mi><mo lspace=\"0em\" rspace=\"0em\">\xE2\x80\xB2</mo></mrow><mo>=</mo></mrow>");
  CHECK(adapt_to_mathml_core("<msup><mi>f</mi><mo>\xE2\x80\xB3</mo></msup>") == "<mrow><mi>f</mi><mo>\xE2\x80\xB3</mo></mrow>");
  // A real superscript, or a prime with more after it, stays.
  for (const char* tex : {"<msup><mi>x</mi><mn>2</mn></msup>",
                          "<msup><mi>x</mi><mrow><mo>\xE2\x80\xB2</mo><mn>2</mn></mrow></msup>"})
    CHECK(adapt_to_mathml_core(tex) == tex);
}

TEST_CASE("table cells take their column's alignment", "[math][mathml]") {
  // \begin{cases} 1 & x>0 \\ 0 & \text{else} \end{cases}
  const std::string in =
      "<mtable rowspacing=\"0.36em\" columnalign=\"left left\" columnspacing=\"1em\"><mtr><mtd><mn>1</mn></mtd>"
      "<mtd><mi>x</mi></mtd></mtr><mtr><mtd><mn>0</mn></mtd><mtd><mtext>else</mtext></mtd></mtr></mtable>";
  const std::string out = adapt_to_mathml_core(in);
  CHECK(out ==
        "<mtable rowspacing=\"0.36em\" columnalign=\"left left\" columnspacing=\"1em\"><mtr><mtd style=\"text-align:left\">"
        "<mn>1</mn></mtd><mtd style=\"text-align:left\"><mi>x</mi></mtd></mtr><mtr><mtd style=\"text-align:left\"><mn>0</mn>"
        "</mtd><mtd style=\"text-align:left\"><mtext>else</mtext></mtd></mtr></mtable>");
  // aligned: right left repeating; a column past the list takes the last word; centre is the default
  CHECK(adapt_to_mathml_core("<mtable columnalign=\"right left\"><mtr><mtd>a</mtd><mtd>b</mtd><mtd>c</mtd></mtr></mtable>") ==
        "<mtable columnalign=\"right left\"><mtr><mtd style=\"text-align:right\">a</mtd><mtd style=\"text-align:left\">b"
        "</mtd><mtd style=\"text-align:left\">c</mtd></mtr></mtable>");
  const std::string centred = "<mtable columnalign=\"center\"><mtr><mtd>a</mtd></mtr></mtable>";
  CHECK(adapt_to_mathml_core(centred) == centred);
}

TEST_CASE("everything else passes through unchanged", "[math][mathml]") {
  for (const char* s : {"", "plain text", "<span class=\"katex\"><math><semantics><mrow><mi>x</mi></mrow>"
                                          "<annotation encoding=\"application/x-tex\">x &lt; 1</annotation></semantics></math></span>",
                        "<mi>unclosed", "<mo>+", "a < b", "<mspace width=\"1em\"/>", "</mrow></mrow>", "<", "<mi mathvariant=\"bold\">"})
    CHECK(adapt_to_mathml_core(s) == s);
}
