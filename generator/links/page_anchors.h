// The anchors a note's page has besides its headings' ids, read from the
// note's markdown, so a link's "#fragment" is checked against every id the
// rendered page really has.
//
// - Footnotes, as cmark-gfm renders them: "fn-<label>" on the footnote and
//   "fnref-<label>" (then "fnref-<label>-2", "-3", … for later references)
//   on each reference, for every label both referenced ("[^label]") and
//   defined ("[^label]: …" at the start of a line). A definition nobody
//   references is not rendered, so it has no anchor.
// - Raw HTML: the id attribute of any tag and the name of an <a> (which the
//   sanitizer lets through: `<a name="top"></a>`, GitHub's custom anchors).
// Text in fenced code blocks and in `code spans` is skipped. This reads the
// markdown, not cmark-gfm's tree, so an exotic construct (a footnote label
// with an escaped bracket, a tag spanning lines) may be missed: a missed
// anchor shows as a "no heading" warning, never as a wrong link.
//
// Contract: a pure function of the text; no state, safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kb {

// Every such anchor of `markdown` (a note's body), in document order, each
// once. Footnote labels and ids are as written (not percent-encoded).
std::vector<std::string> page_anchors(std::string_view markdown);

}  // namespace kb
