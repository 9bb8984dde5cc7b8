// Math in markdown: `$…$` inline, `$$…$$` display, and ```math blocks.
//
// The rule is Pandoc's tex_math_dollars (README, "Writing notes"):
// - Inline: a `$` followed by a character that is neither white space nor
//   `$`, up to the next unescaped `$`. That closing `$` must come right after
//   a non-space character and must not be followed by an ASCII digit;
//   otherwise there is no math here and the opening `$` is a literal dollar.
//   So "costs $5 and $10" is text, "$x$ and $y$" is two formulas. One
//   departure from Pandoc: inline math holds no backtick, so a price before
//   a code span ("costs $10, see `$PATH`") does not swallow the span's start.
// - Display: `$$`, then anything up to the next unescaped `$$`, which may be
//   on a later line of the same paragraph (a paragraph has no blank line);
//   the TeX between them must not be blank.
// - Inside math a backslash takes the next character with it (`$\$5$` is one
//   formula); outside math `\$` is a literal dollar (cmark's own escape).
// - Whatever starts first wins: a code span that opens before a `$` keeps
//   its dollars (`` `$x$` `` is code), and math that opens first keeps its
//   asterisks, brackets and underscores (`$a_1 * b_2$` is math, never
//   emphasis), and, in display math, backticks.
// - In a GFM table row the cells are cut at each unescaped `|` before math is
//   looked for, so a `|` inside math there is written `\|` (as in code spans).
// - The TeX kept is what lies between the delimiters, surrounding white space
//   trimmed, exactly as typed otherwise (no markdown escapes are undone).
//
// Why a cmark-gfm extension and not a pass over the tree: `$` reaches
// cmark-gfm's inline extension hook, so a math span is cut out of the text
// while inlines are parsed, before emphasis, links and wikilinks could take
// its `_`, `*` or `[`. A math span becomes an HTML_INLINE node marked as
// ours (a GFM table cell accepts no other kind of foreign inline node);
// markdown.cc turns those nodes into the formulas it reports and renders.
//
// Contract: scan_math() is a pure function. math_extension() is created once
// per process (std::call_once) and is then only read; attach it to any number
// of parsers on any threads. Creating it also makes `$` a special character
// of cmark-gfm's inline parser for good, in every parser of the process (see
// cmark_handles.h for why). Math nodes own their MathNode (freed with the
// node).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

struct cmark_node;
struct cmark_syntax_extension;

namespace kb::markdown {

// A math span found in a block's text.
struct MathSpan {
  size_t end = 0;            // one past the closing delimiter
  size_t content_begin = 0;  // the TeX: text[content_begin, content_end), untrimmed
  size_t content_end = 0;
  bool display = false;      // $$…$$
};

// The math span whose opening delimiter is text[at] (a '$'), or nullopt
// when that '$' is a literal dollar by the rule above.
std::optional<MathSpan> scan_math(std::string_view text, size_t at);

// `s` without leading and trailing ASCII white space.
std::string_view trim_math(std::string_view s);

// The syntax extension that makes math nodes; attach it to a parser.
cmark_syntax_extension* math_extension();

// What a math node holds.
struct MathNode {
  std::string latex;    // TeX between the delimiters, trimmed
  bool display = false;
  std::string source;   // the span as it stood in the block's text, delimiters
                        // included ("$a_1$"); lines joined by '\n' with their
                        // indentation and container markers (`> `) removed
};

// The math `node` holds, or null when it is not a math node.
const MathNode* math_of(cmark_node* node);

// Makes `node` a math node holding `math` (any previous math is freed).
void set_math(cmark_node* node, MathNode math);

}  // namespace kb::markdown
