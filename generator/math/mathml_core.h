// KaTeX's MathML made to read right in MathML Core, the MathML that browsers
// draw natively (Chromium since 109, Firefox, Safari), so a site can ship
// MathML alone instead of KaTeX's HTML (a third of a typical page's bytes).
//
// KaTeX writes MathML 3 for screen readers; drawn as it is, some things come
// out wrong, and adapt_to_mathml_core() rewrites them:
// - Styled letters: MathML Core drops `mathvariant` other than "normal", so
//   \mathbb{E} would show as an italic E. The letters and digits of an <mi>
//   or <mn> become Unicode's mathematical alphanumerics (𝔼, 𝒩, 𝐰, 𝜽), which
//   is how Core spells them; a character with no such form keeps the
//   attribute. On <mtext>, bold and italic become CSS (text stays text).
// - Spacing of a binary operator used as a sign: TeX spaces "−" in "(−k)",
//   "= −3" or "∑ −x" as a sign (no space), MathML's operator dictionary as an
//   infix operator. An <mo> binary operator whose previous sibling is an
//   operator (an opening fence, a relation, punctuation, another binary
//   operator, a large operator, with or without scripts) gets lspace and
//   rspace 0, as TeX's rule turns such a Bin atom into an Ord.
// - Column alignment: MathML Core has no `columnalign`, so a cases or aligned
//   environment would centre every cell; each <mtd> of such a table gets its
//   column's text-align (left or right) as a style.
// - Bars: KaTeX writes | and \| as ∣ and ∥ (the relations "divides" and
//   "parallel"), which a math font draws with a relation's margins; as an
//   <mi> or a fence (\lvert, \left|) they become | and ‖, fences unspaced.
// - A function's name before its argument (\ln 0.5, \log_2 p) gets TeX's
//   thin space, unless a parenthesis follows (\log(x)).
// - A prime (x', f''(x)) stays beside its letter: KaTeX puts it in an
//   <msup>, where it would be raised twice; it becomes a row.
// Anything else passes through byte for byte. The input is KaTeX's output
// (well-formed, attributes double-quoted); other text comes out unchanged
// where it does not look like MathML.
//
// Contract: pure function; never throws.
#pragma once

#include <string>
#include <string_view>

namespace kb::math {

std::string adapt_to_mathml_core(std::string_view katex_mathml);

}  // namespace kb::math
