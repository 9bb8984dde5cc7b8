// Snippet: a piece of a note's markdown rendered on its own, for a page
// that shows it away from the note's text: a flashcard's side (review.html),
// a practice question's question, options and explanation (the note's own
// page, exam.html).
//
// Contract: render_snippet() renders `markdown` as a note's text renders
// (no heading ids), for a page at `shown_on` (a site path: relative hrefs
// start there). A wikilink goes to the note the site's link graph finds by
// that name, with `#Heading` to that heading's id when the note has it (else
// to the note), and `#^block` to the block; a name that finds no note, a
// markdown link and an embed show as their labels. A formula is the note's
// own typeset HTML for the same TeX (SiteMath typeset every formula of the
// notes), else TeX for the browser. `inline_only` unwraps a single
// paragraph (an option in a list item). Pure, after SiteMath::finish().
#pragma once

#include <string>

#include "content/page.h"
#include "links/link_graph.h"
#include "site/site_math.h"

namespace kb::site {

std::string render_snippet(const std::string& markdown, size_t page, const std::string& shown_on, const Corpus& corpus,
                           const LinkGraph& graph, const SiteMath& math, bool inline_only = false);

// The anchor a link's fragment goes to on page `to`: a heading's id (the
// fragment read as the heading's text or its id) or "^block"; "" when the
// page has neither.
std::string snippet_anchor(const Page& to, const std::string& fragment);

// The href, relative to `shown_on`, of a wikilink target and fragment as
// render_snippet() writes it; "" when the name finds no note.
std::string snippet_href(const std::string& target, const std::string& fragment, const std::string& shown_on,
                         const Corpus& corpus, const LinkGraph& graph);

}  // namespace kb::site
