// The build stage's use of the build cache (site/build_cache.h): what an
// incremental build can keep, and what every build records for the next.
//
// Contract:
// - plan_build(): see IncrementalPlan.
// - save_cache(): the manifest of the site just committed (every page with
//   its key, every file the writer recorded) and the search postings, which
//   it takes: the process keeps them for its next build (kb serve --watch)
//   as long as the file it wrote them to is unchanged. With `defer` (a
//   session's build), nothing is written: both are held in memory, where
//   the next build finds them, until flush_cache() writes them (kb serve
//   --watch, when no edit waits); a process that stops first leaves no
//   manifest, so the next build is a full one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <future>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "content/page.h"
#include "links/embed_graph.h"
#include "links/link_graph.h"
#include "render/nav.h"
#include "render/site_model.h"
#include "search/browser_index.h"
#include "site/build_cache.h"
#include "site/key_memo.h"
#include "site/list_keys.h"
#include "site/site_index.h"
#include "site/site_writer.h"

namespace kb::site {

// What an incremental build can keep. Without a cache, or when its manifest
// does not describe this site as built by this kb, theme and site.toml, or
// when most pages changed, or when (with search) the postings or the site's
// page list are missing, `previous` is empty (a full build) and no page is
// kept; `keys` and `lists` are set whenever there is a cache (the next
// build needs them).
struct IncrementalPlan {
  uint64_t build = 0;                       // build_key()
  KeyMemo memo;                             // every key, for a session's next build (site/key_memo.h)
  std::optional<ListKeys> lists;            // each list page's key (site/list_keys.h)
  std::vector<uint64_t> keys;               // per page (index pages joined with their folder's list key)
  std::optional<BuildManifest> previous;
  std::vector<const CachedPage*> kept;      // per page: its previous output stays
  size_t to_render = 0;
  std::optional<PreviousSearch> search;     // with `previous` and search on
};
// A patched build's (site/build_session.h): the keys of the build it
// patched, and its edited pages, before and now (update_keys()).
struct KeyPatch {
  KeyMemo held;
  const std::vector<size_t>& edited;
  const std::vector<Page>& before;
};
// The search postings the last build left (the cache's file; those a
// session holds are plan_build()'s own), read and parsed on another thread
// while the notes load: ~80 ms for 10,000 notes, a tenth of a build after
// one edit. The cache must outlive the future.
using PostingsAhead = std::future<std::optional<search::BrowserIndex>>;
PostingsAhead read_postings_ahead(const BuildCache& cache);

IncrementalPlan plan_build(const BuildCache* cache, const Config& config, bool search, const Corpus& corpus,
                           const LinkGraph& graph, const EmbedEdges& embeds, const render::SiteModel& model,
                           const render::NavOptions& nav, std::optional<KeyPatch> patch = std::nullopt,
                           PostingsAhead* postings = nullptr);

// `lists`: each list page's key, by URL, as this build rendered or kept it.
void save_cache(BuildCache& cache, uint64_t build, std::map<std::string, uint64_t> lists, bool search, const Corpus& corpus,
                const std::vector<uint64_t>& keys, search::BrowserIndex* postings, const SiteWriter& writer,
                const std::filesystem::path& output, bool defer = false);
// Writes what deferred save_cache() calls held for `config`'s site; true
// when nothing is left unwritten.
bool flush_cache(const Config& config);

}  // namespace kb::site
