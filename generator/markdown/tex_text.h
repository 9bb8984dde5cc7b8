// tex_text(): a formula as a reader sees it, in plain Unicode text.
//
// plain_text() (what search indexes, snippets and excerpts are cut from)
// reads a formula through this, so a result shows "F₁ = 2·P·R/(P + R)" and
// not "F_1 = 2 \cdot \frac{P R}{P + R}", and TeX's own words ("frac",
// "left", "right", "text") are not searchable as if the note said them.
//
// What it does, in the spirit of the typeset formula, not a typesetter:
// - Greek letters and common symbols become their characters (\alpha → α,
//   \le → ≤, \sum → ∑, \infty → ∞); function names stay words (\log → log,
//   \operatorname{argmax} → argmax); an unknown command reads as its name.
// - \frac{a}{b} → a/b, with parentheses around a side of more than one
//   token ((a + b)/n); \sqrt{x} → √x; \binom{n}{k} → (n choose k).
// - ^ and _ use superscript and subscript characters when every character
//   of the script has one (x² , xᵢ, x₁₀); otherwise x^(n-1), w_(t+1).
// - Text commands (\text, \mathrm, \mathbf, …) give their content; accents
//   (\hat, \bar, \tilde, \vec, \dot) combine with a one-letter argument;
//   sizing (\left, \big, …) and spacing (\quad, \,) become nothing or a
//   space; environments keep their cells, "&" as a space and "\\" as "; ".
// - White space is collapsed to single spaces and trimmed.
//
// Contract: a pure function of its input; never throws; linear time; any
// byte string is accepted (unbalanced braces are read as far as they go;
// nesting deeper than 64 groups is read as flat text, so the recursion is
// bounded).
#pragma once

#include <string>
#include <string_view>

namespace kb::markdown {

std::string tex_text(std::string_view tex);

}  // namespace kb::markdown
