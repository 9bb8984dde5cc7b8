// The link graph's resolutions kept between processes (the build cache's
// links.bin), so that `kb build` after an edit resolves again only the notes
// the edit can move, not the 160,000 links of a 10,000-note site.
//
// A page's links resolve against every page's names (title, aliases, file
// name, path), the attachments, the drafts, and the headings, block ids and
// anchors of the pages they point into; what they say in a diagnostic reads
// the linking note's own text and path. So a remembered resolution holds
// when:
// - names_key() is as it was: the same pages in the same order with the same
//   names and paths, the same files and drafts, the same kb and working
//   folder (diagnostics name files relative to it);
// - the linking page's page_digest() is as it was (its text, links, path);
// - no page it links to changed its page_digest() (a changed page may have
//   other headings, block ids or anchors).
// LinkGraph::build() resolves the rest again, so a graph built from a memo
// is the graph build() gives without one (link_graph_test.cc compares them).
//
// Contract: parse() of damaged or foreign bytes is nullopt, never a throw;
// a memo is only a hint: one that fits nothing is ignored.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/page.h"
#include "core/diagnostic.h"
#include "links/link_graph.h"

namespace kb {

struct LinkMemo {
  struct PageLinks {
    uint64_t digest = 0;  // page_digest() of the page as resolved
    std::vector<Resolution> resolutions;
    std::vector<Diagnostic> diags;
    uint32_t broken = 0;
  };
  uint64_t key = 0;  // names_key() of the corpus resolved
  std::vector<PageLinks> pages;

  std::string serialize() const;
  static std::optional<LinkMemo> parse(std::string_view bytes);
};

// What every link resolves against: each page's path, names and file, the
// attachments and the drafts, and `outer` (kb's binary, the working folder).
uint64_t names_key(const Corpus& corpus, uint64_t outer);
// A page as its own links and the links into it see it: its text, path,
// links, headings and block ids.
uint64_t page_digest(const Page& page);

}  // namespace kb
