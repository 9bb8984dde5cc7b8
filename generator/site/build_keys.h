// Build keys: for every note page, a hash of everything its HTML is made
// from, so an incremental build (site/build_cache.h) re-renders exactly the
// pages whose key changed and can trust the rest.
//
// A note page shows its own note, what its links resolve to, what it embeds,
// its backlinks, its place in the site (navigation, breadcrumbs, previous
// and next, tag links) and, for a row of a comparison matrix, its card. So
// its key hashes:
// - the build key (build_key()): kb itself, the configuration, the theme,
//   the markdown options and the title rule; any change there is a new site;
// - the site's shape (shape_key()): every page's source, URL, folder, order,
//   kind, domain, tags and aliases, the folders, the tags and the reading
//   order, the drafts left out and the files copied: what the navigation and
//   every link's target are made of. A new note or a move changes every page;
// - the titles its navigation shows (all of them on a small site, its
//   folder's window on a big one) and its previous and next pages' titles:
//   a renamed note re-renders its neighbours, not the site;
// - the page's own source (Page::source_hash) and history (git);
//   (a page's meta leaves out its word count: only its own page shows it)
// - for each of its links, the resolution (status, target, fragment) and the
//   target's meta (page_meta_key(): title, URL, summary, headings, block
//   ids, ...), so a renamed heading elsewhere re-renders the pages linking it;
// - for each explanation link of its practice questions (site/quizzes.h),
//   the target's meta (every title while the name finds no note);
// - for every page it embeds, nested ones included, that page's source and
//   its links' resolutions;
// - each backlink's meta (the cards at the end show title and summary);
// - the matrices' key when the page is a row of one.
// Missing a dependency here would make an incremental build differ from a
// clean one; tests/integration's random edit sequences compare the two.
//
// Contract: pure functions of their inputs; stable across processes for one
// kb binary (the build key includes the binary's own hash).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "content/page.h"
#include "core/key_hasher.h"
#include "links/embed_graph.h"
#include "links/link_graph.h"
#include "render/nav.h"
#include "render/site_model.h"

namespace kb::site {

using kb::KeyHasher;  // core/key_hasher.h

// Hash of kb's own executable: a rebuilt kb may render differently.
uint64_t binary_key();

// 64-bit hash of bytes (a file's, a page's HTML).
uint64_t content_hash(std::string_view bytes);

// What the whole site depends on: kb, the configuration, the user's
// template and asset overrides, and `extra`: anything else that changes
// every page (the title rule, whether the search index is written...).
uint64_t build_key(const Config& config, std::string_view extra);

uint64_t shape_key(const Corpus& corpus, const render::SiteModel& model);
uint64_t page_meta_key(const Page& page);
// The comparison matrices' inputs: schema files and their rows' notes.
uint64_t matrices_key(const Config& config, const Corpus& corpus, const render::SiteModel& model);

// Everything the site's lists can show: the shape, every page's title,
// summary and history, the formula pages' sources and the matrices. The
// key of the lists that show it all (sitemap, feed); the others have keys
// of their own (site/list_keys.h).
uint64_t listing_key(uint64_t build, uint64_t shape, uint64_t matrices, const Corpus& corpus,
                     const render::SiteModel& model);

// The keys of the note pages at `pages`, written into `keys` (resized to
// the corpus), from every page's page_meta_key() in `meta`
// (site/key_memo.h computes them all, or those an edit can change).
void note_page_keys(const std::vector<size_t>& pages, const std::vector<uint64_t>& meta, uint64_t build,
                       uint64_t shape, uint64_t matrices, const Corpus& corpus, const LinkGraph& graph,
                       const EmbedEdges& embeds, const render::SiteModel& model, const render::NavOptions& nav,
                       std::vector<uint64_t>& keys);

}  // namespace kb::site
