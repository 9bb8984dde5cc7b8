// The build stage's use of the build cache (site/build_cache.h): what an
// incremental build does to the search index, and what every build records
// for the next one.
//
// Contract:
// - update_site_index(): brings the search database at `dir` (the site's
//   own) up to the new pages. When the pages are the same ones in the same
//   order, only the documents whose entry changed are replaced
//   (search/index_update.h); otherwise (a note added, removed, renamed) it
//   is written anew from every entry, the kept pages' from the cache, and
//   swapped in. Returns whether any document changed; `error` is set on
//   failure (the database is then as it was).
// - save_cache(): the manifest of the site just committed: every page with
//   its key and search entry (rendered pages' entries appended to the
//   cache, kept pages' carried over) and every file the writer recorded.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "content/page.h"
#include "links/embed_graph.h"
#include "links/link_graph.h"
#include "render/nav.h"
#include "render/site_model.h"
#include "search/indexer.h"
#include "site/build_cache.h"
#include "site/site_writer.h"

namespace kb::site {

// What an incremental build can keep. Without a cache, or when its manifest
// does not describe this site as built by this kb, theme and site.toml, or
// when most pages changed, `previous` is empty (a full build) and no page
// is kept; `keys` and `listing` are set whenever there is a cache (the next
// build needs them).
struct IncrementalPlan {
  uint64_t build = 0;                       // build_key()
  uint64_t listing = 0;                     // listing_key()
  std::vector<uint64_t> keys;               // per page (index pages joined with `listing`)
  std::optional<BuildManifest> previous;
  std::vector<const CachedPage*> kept;      // per page: its previous output stays
  size_t to_render = 0;
};
IncrementalPlan plan_build(const BuildCache* cache, const Config& config, bool search, const Corpus& corpus,
                           const LinkGraph& graph, const EmbedEdges& embeds, const render::SiteModel& model,
                           const render::NavOptions& nav);

bool update_site_index(const std::filesystem::path& dir, const search::Synonyms& synonyms, const Corpus& corpus,
                       const BuildManifest& previous, const std::vector<const CachedPage*>& kept,
                       const std::vector<std::optional<search::IndexEntry>>& entries,
                       const std::vector<std::string>& entry_bytes, const BuildCache& cache, std::string& error);

void save_cache(BuildCache& cache, uint64_t build, uint64_t listing, bool search, const Corpus& corpus,
                const std::vector<uint64_t>& keys, const std::vector<const CachedPage*>& kept,
                const std::vector<std::string>& entry_bytes, const SiteWriter& writer,
                const std::filesystem::path& output);

}  // namespace kb::site
