// A note's body as HTML: its links resolved relative to the page that shows
// it, its formulas typeset, its demos drawn, its practice questions shown
// (site/quizzes.h), and its transclusions filled in.
//
// Transclusion (Obsidian's `![[Note]]`, `![[Note#Heading]]`,
// `![[Note#^block-id]]`, alone in a paragraph): the embedded note is parsed
// again and rendered in place, inside
//   <div class="transclusion" role="group" aria-label="Embedded from “Title”">
//     <p class="transclusion-source"><a href="…">Title › Heading</a></p>
//     <div class="transclusion-body">…</div></div>
// - the whole note (without the H1 its page shows as title), the heading's
//   section (markdown::Part), or the one block;
// - links inside it resolve as in the embedded note but are written relative
//   to the page that shows it (a same-page `[[#x]]` of the embedded note goes
//   to that note's page); its headings and block anchors get no ids, so the
//   page's ids stay unique;
// - embeds inside embeds are filled in too, down to kMaxEmbedDepth levels;
//   deeper, past kMaxNestedEmbeds nested ones on one page, and where a note
//   would embed one already being shown (a cycle:
//   links/embed_graph.h warns about it once), a short note links to the
//   source instead, so a cycle never loops and a page never grows without
//   bound.
// - An embed inside a sentence, and an embed of a note whose heading or block
//   is missing (already a broken-link warning), show as links.
// Inline #tags (in embedded text too) link to their tag pages, relative to
// the page that shows them.
// A page whose note the load kept rendered (Page::prerendered) is filled
// from that skeleton, with the same bytes; any other is parsed here.
// Search: a page's plain text is its own text only. Embedded text is indexed
// on the page it comes from, so a search finds a passage once, where it is
// written.
//
// Contract: render() is const and safe from many threads; the corpus, graph,
// math and demos must outlive the PageRenderer (after SiteMath::finish and
// SiteDemos::finish).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "content/page.h"
#include "links/link_graph.h"
#include "markdown/markdown.h"
#include "site/site_code.h"
#include "site/site_demos.h"
#include "site/site_math.h"

namespace kb::site {

inline constexpr int kMaxEmbedDepth = 4;
// Embeds inside embedded text, per page: past this many, a note links to the
// source. Each note's own embeds are all shown; what nesting adds is bounded,
// since a few notes that each embed a few whole notes would otherwise grow a
// page exponentially with the depth.
inline constexpr size_t kMaxNestedEmbeds = 20;

struct RenderedBody {
  std::string html;
  std::string plain;  // the note's own text, for the search index
};

class PageRenderer {
 public:
  // `tag_urls`: the site path of each tag's page, by name (render::tag_urls),
  // for inline #tags' links; may be null (tags then show as spans). Must
  // outlive the PageRenderer.
  PageRenderer(const Corpus& corpus, const LinkGraph& graph, const markdown::Options& options, const SiteMath& math,
               const SiteDemos& demos, const SiteCode& code,
               const std::map<std::string, std::string>* tag_urls = nullptr)
      : corpus_(corpus), graph_(graph), options_(options), math_(math), demos_(demos), code_(code),
        tag_urls_(tag_urls) {}

  RenderedBody render(size_t page) const;

 private:
  // One page's render: the page and how many nested embeds it has shown.
  struct Walk {
    size_t shown_on = 0;
    size_t nested = 0;
  };
  // The resolver for page `page`'s links when its text is shown on
  // walk.shown_on; `chain` is the pages being embedded, outermost first.
  markdown::LinkResolver resolver(size_t page, Walk& walk, const std::vector<size_t>& chain) const;
  // Whether page `page` has an embed alone in its paragraph that shows a note.
  bool transcludes(size_t page) const;
  // The HTML in place of an embed resolved to `r` ("" to show it as a link).
  std::string transclusion(const Resolution& r, Walk& walk, const std::vector<size_t>& chain) const;

  const Corpus& corpus_;
  const LinkGraph& graph_;
  markdown::Options options_;
  const SiteMath& math_;
  const SiteDemos& demos_;
  const SiteCode& code_;
  const std::map<std::string, std::string>* tag_urls_;
  // Page `page`'s demos and practice questions (site/quizzes.h) when its
  // text is shown on `shown_on`.
  markdown::BlockRenderer blocks(size_t page, size_t shown_on) const;
  // Options for a text shown on page `shown_on`: inline #tags link to their
  // pages relative to it.
  markdown::Options options_on(size_t shown_on) const;
};

}  // namespace kb::site
