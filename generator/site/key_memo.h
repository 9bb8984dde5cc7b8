// KeyMemo: every key a build computed (site/build_keys.h), held by a watch
// session (site/build_session.h) so that its next, patched build hashes
// only the pages an edit can reach instead of all of them: on 10,000 notes
// a body edit then re-keys a handful of pages, not 10,000.
//
// Contract:
// - compute_keys() hashes everything from scratch: build_key(), shape_key(),
//   matrices_key(), listing_key(), page_meta_key() and note_page_keys().
// - update_keys() gives exactly what compute_keys() would for a patched
//   build: the same pages in the same order, those at `edited` read again
//   (`before`: as they were when `held` was computed), `graph` patched from
//   the graph `held` was computed with (LinkGraph::patched()), nothing but
//   notes changed (the theme, site.toml and data files as they were). When an
//   edited note changed what the site's shape or navigation reads (URL,
//   folder, title, order, kind, domain, tags, aliases), it is
//   compute_keys(). Otherwise the page keys that can change are those of
//   pages_to_rekey(): the edited pages, the pages whose links were resolved
//   again or whose backlinks moved, the pages linking to or linked from an
//   edited note whose meta changed, the pages whose git history changed, and
//   every page that embeds one of those (as deep as embeds are shown).
// Missing a dependency here makes a watch build differ from a clean one;
// tests/integration/session_test.cc compares the two after random edits.
#pragma once

#include <cstdint>
#include <vector>

#include "config/config.h"
#include "content/page.h"
#include "links/embed_graph.h"
#include "links/link_graph.h"
#include "render/nav.h"
#include "render/site_model.h"

namespace kb::site {

struct KeyMemo {
  bool search = false;           // the build wrote a search index
  bool math_in_browser = false;  // as the site model said
  bool has_matrices = false;
  uint64_t build = 0, shape = 0, matrices = 0, listing = 0;
  std::vector<uint64_t> meta;    // per page: page_meta_key()
  std::vector<uint64_t> pages;   // per page: note_page_keys()
  std::vector<render::PageHistory> history;  // as the keys hashed it
  std::vector<char> matrix_rows;             // per page: a row of a comparison matrix
  size_t rekeyed = 0;            // pages hashed by the call that made this memo
};

KeyMemo compute_keys(const Config& config, bool search, const Corpus& corpus, const LinkGraph& graph,
                     const EmbedEdges& embeds, const render::SiteModel& model, const render::NavOptions& nav);

KeyMemo update_keys(KeyMemo held, const std::vector<size_t>& edited, const std::vector<Page>& before,
                    const Config& config, bool search, const Corpus& corpus, const LinkGraph& graph,
                    const EmbedEdges& embeds, const render::SiteModel& model, const render::NavOptions& nav);

// The pages whose key can change: `changed` and every page that embeds one
// of them within `depth` levels (embedded_pages()), and `also`; sorted.
std::vector<size_t> pages_to_rekey(const EmbedEdges& embeds, int depth, const std::vector<size_t>& changed,
                                   const std::vector<size_t>& also);

}  // namespace kb::site
