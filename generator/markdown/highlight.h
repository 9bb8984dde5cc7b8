// Highlights: Obsidian's `==text==`, shown as <mark>text</mark>.
//
// An AST pass over the inline children of each container (paragraph,
// heading, table cell, emphasis, link text, ...): an opening `==` is followed
// by a non-space character, a closing one follows a non-space character, and
// neither is part of a longer run of '=' ("a === b" stays as written). The
// two must lie in the same container, as emphasis delimiters do, so
// `==a *b* c==` highlights the emphasis too, while code spans, math and raw
// HTML are never looked into. An opener without a closer stays text.
//
// Contract: mark_highlights() splits text nodes at the markers and inserts
// kb's own inline HTML nodes `<mark>` and `</mark>`; it runs after the passes
// that need source positions (wikilinks, math) and never fails.
#pragma once

struct cmark_node;

namespace kb::markdown {

// Returns how many highlights it marked.
int mark_highlights(cmark_node* root);

}  // namespace kb::markdown
