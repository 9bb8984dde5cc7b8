// Build cache: what the last build of a site wrote, so the next `kb build`
// (or a `kb serve --watch` rebuild) renders and writes only what changed.
//
// Where: $XDG_CACHE_HOME/kb/build/<hash of the notes and output folders>/
// (~/.cache/kb/build/... without XDG_CACHE_HOME), never inside the site:
//   manifest.bin   the build key, the site it describes (its .kb-site
//                  marker's inode and time), each list page's key, every
//                  page (source, URL, build key) and every file of the site
//                  but the search database (URL, content hash, size); binary
//                  (core/bytes.h): 1.5 MB of JSON took 30 ms to read and write
//                  on a 10,000-note site;
//   postings.bin   the site's search postings (search/browser_index.h), from
//                  which an incremental build rewrites the browser's index
//                  (the pages' search entries are in the site's own
//                  .kb-index/, search/site_search.h);
//   postings.log   what builds since changed in them, appended (a build
//                  after one edit writes KB, not postings.bin's 10 MB);
//   parsed.bin     each note as parsed (content/parse_cache.h);
//   links.bin      every link as resolved (links/link_memo.h);
//   graphs.bin     every note's local graph key (site/local_graph_keys.h);
//   lock           flock()ed by the build using the cache;
//   site           the output folder it describes: when a new site's cache
//                  is made, those of sites whose folder is gone are removed.
// Deleting the folder is always safe: the next build is a full one.
//
// Contract: load() returns the manifest only when it describes the site at
// `output` as it is now (the marker unchanged); otherwise nullopt and the
// build is a full one. forget() deletes the manifest before an incremental
// build touches the site, so a build that dies midway leaves no manifest and
// the next build starts over. Nothing throws; I/O errors make the cache
// unusable (nullopt, false), never the build fail.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"

namespace kb::site {

struct CachedPage {
  std::string source;
  std::string url;
  uint64_t key = 0;        // site/build_keys.h; 0: always rendered (index pages)
};

struct CachedOutput {
  uint64_t hash = 0;
  uint64_t size = 0;
};

struct BuildManifest {
  uint64_t build = 0;      // build_key() of the build that wrote the site
  bool search = false;     // it wrote the search index
  std::map<std::string, uint64_t> lists;          // each list page's key (site/list_keys.h) as rendered
  std::vector<CachedPage> pages;                  // in page order
  std::map<std::string, CachedOutput> outputs;    // site path -> what was written
};

// Removes the folders beside `dir` (caches of other sites) whose `site` file
// names an output folder that is gone, when nobody holds their `lock`.
void prune_orphans(const std::filesystem::path& dir);

class BuildCache {
 public:
  // The cache of the site `config` builds; nullptr when there is no cache
  // folder to use (no HOME) or another build holds it.
  static std::unique_ptr<BuildCache> open(const Config& config);
  static std::filesystem::path folder_for(const Config& config);
  ~BuildCache();
  const std::filesystem::path& dir() const { return dir_; }

  std::optional<BuildManifest> load(const std::filesystem::path& output) const;
  void forget();
  // The search postings the last build saved (nullopt: none), and their file.
  std::optional<std::string> read_postings() const;
  std::filesystem::path postings_file() const { return dir_ / "postings.bin"; }
  // Writes them whole, the journal since the last whole write removed first.
  bool write_postings(std::string_view bytes);
  // The postings' journal (search/browser_index.h journal()): each build
  // after the whole write appends what it changed, one checked frame each.
  // read_postings_journal(): the frames in order; nullopt when a frame is
  // damaged (cut short by a crash): the postings are then unusable.
  std::filesystem::path postings_journal_file() const { return dir_ / "postings.log"; }
  std::optional<std::vector<std::string>> read_postings_journal() const;
  uint64_t postings_journal_size() const;
  bool append_postings_journal(std::string_view frame);
  // Writes the manifest for the site at `output` (reading its marker).
  bool save(BuildManifest manifest, const std::filesystem::path& output);
  // A long-lived process's save (kb serve --watch): the manifest is held in
  // memory, where load() finds it, and written by flush() when no edit
  // waits; forget() or drop_held() discards it. A process that dies first
  // leaves no manifest: the next build is a full one.
  void hold(BuildManifest manifest, const std::filesystem::path& output);
  bool flush();             // true when nothing held is left unwritten
  void drop_held() const;   // the held manifest no longer describes the site

 private:
  bool write_manifest(const BuildManifest& manifest, const std::string& marker) const;  // the file only
  std::filesystem::path manifest_file() const { return dir_ / "manifest.bin"; }
  explicit BuildCache(std::filesystem::path dir, int lock_fd) : dir_(std::move(dir)), lock_fd_(lock_fd) {}
  std::filesystem::path dir_;
  int lock_fd_ = -1;
};

}  // namespace kb::site
