// The transclusion graph: which notes show which other notes' text.
//
// An edge is an embed alone in its paragraph (LinkRef::alone) that resolves
// to a note: `![[Note]]`, `![[Note#Heading]]`, `![[Note#^id]]` on a line of
// their own. (An embed inside a sentence shows as a link, so it is no edge.)
//
// Contract: plain functions over a built LinkGraph; no state.
// - report_embed_cycles() finds every cycle (a note embedding itself, A
//   embedding B embedding A, longer rings) and warns once per cycle, at the
//   file:line:col of the embed that closes it, naming the notes in order:
//   a warning, not an error, so one note's mistake never stops a vault's
//   build (--strict fails on it). Where the cycle closes, the page shows a
//   note instead of embedding the text again (site/page_render.h). Returns
//   the number of cycles. Iterative: a chain of 100,000 embeds is no
//   recursion.
// - embedded_pages() lists the notes whose text a page shows, through
//   embeds of embeds up to `depth` levels, each once, the page itself
//   excluded: what a page's head must load for them (KaTeX's CSS, demos).
#pragma once

#include <cstddef>
#include <vector>

#include "content/page.h"
#include "core/diagnostic.h"
#include "links/link_graph.h"

namespace kb {

struct EmbedEdge {
  size_t link = 0;    // index into the embedding page's Page::links
  size_t target = 0;  // the embedded page
};

// edges[i]: page i's transclusions, in document order.
using EmbedEdges = std::vector<std::vector<EmbedEdge>>;

EmbedEdges embed_edges(const Corpus& corpus, const LinkGraph& graph);

size_t report_embed_cycles(const Corpus& corpus, const EmbedEdges& edges, Diagnostics& diags);

std::vector<size_t> embedded_pages(const EmbedEdges& edges, size_t page, int depth);

}  // namespace kb
