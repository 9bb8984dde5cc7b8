// Link previews: what a popover shows of a note when a reader hovers or
// focuses a link to it (assets/preview.js), one script-loaded file per note
// (assets/previews/<note>.js, render::page_file_url), fetched the first time
// a link to that note is hovered, from file:// too.
//
// The file is made from the note's rendered body, next to its page and with
// the same key: math is typeset and code highlighted as on the page. It holds
//   kbPreview(url, {t: title, s: summary, b: opening,
//                   h: {heading id: [heading text, section]},
//                   k: {"^block": block}})
// - the opening: the blocks before the first heading (else the first
//   section's), as many whole top-level blocks as fit a budget;
// - each heading's section, the blocks under it the same way, for
//   `[[Note#Heading]]` links; each block id's block, for `[[Note#^id]]`.
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

#include "content/page.h"

namespace kb::site {

struct PreviewBudget {
  size_t bytes = 1600;  // a section stops at the block that passes this (the first is always taken)
  size_t blocks = 3;    // and after this many blocks
  size_t sections = 60; // headings and block ids at most, in document order
};

std::string preview_js(const Page& page, std::string_view body_html, const PreviewBudget& budget = {});

}  // namespace kb::site
