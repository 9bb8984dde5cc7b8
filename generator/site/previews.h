// Link previews: what a popover shows of a note when a reader hovers or
// focuses a link to it (assets/preview.js), in the note's data file
// (site/note_data.h), fetched the first time a link to it is hovered.
//
// It is made from the note's rendered body, next to its page: math is
// typeset and code highlighted as on the page. It holds
//   {t: title, s: summary, b: opening,
//    h: {heading id: [heading text, section]}, k: {"^block": block}}
// - the opening: the blocks before the first heading (else the first
//   section's), as many whole top-level blocks as fit a budget;
// - the section of each heading some link names (`[[Note#Heading]]`), the
//   blocks under it the same way, and the block of each block id some link
//   names (`[[Note#^id]]`): linked_fragments(), so a note's preview holds
//   what links ask for, not its whole text.
// Blocks a popover cannot show (scripts, forms, demos' controls, embedded
// frames) are left out; ids stay (the script drops them on display). Links
// inside stay relative to the note's page (the script resolves them).
//
// Contract: pure; never fails. HTML kb did not write (raw HTML in a note)
// that does not balance ends a section where it becomes unreadable.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <vector>

#include "content/page.h"
#include "links/link_graph.h"

namespace kb::site {

struct PreviewBudget {
  size_t bytes = 1600;  // a section stops at the block that passes this (the first is always taken)
  size_t blocks = 3;    // and after this many blocks
  size_t sections = 60; // linked headings and block ids at most, in document order
};

// Per page, the fragments (heading ids, "^block" ids) that links to it
// name, sorted, each once.
std::vector<std::vector<std::string>> linked_fragments(const Corpus& corpus, const LinkGraph& graph);

// The preview as JSON text; `fragments` sorted (linked_fragments()).
std::string preview_json(const Page& page, std::string_view body_html, const std::vector<std::string>& fragments,
                         const PreviewBudget& budget = {});

}  // namespace kb::site
