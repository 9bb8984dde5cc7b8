// SiteWriter: where a build's files go, and a record of every one of them
// (for the build cache, site/build_cache.h).
//
// Two ways, one interface:
// - staged(): a full build. Files go into a staging folder (site/output.h)
//   swapped in by commit(); nothing the user had changes before that.
// - in_place(): an incremental build over the site the previous build
//   (`previous`) wrote. write() and copy() only compare with what is there
//   and keep what differs in memory; keep() says a file stays as it is.
//   commit() then writes the differing files (each atomically, beside its
//   target, then renamed) and removes the files no longer built, with their
//   emptied folders. Until commit() the site is untouched, so a build that
//   fails before leaves it exactly as it was.
// Either way outputs() lists every file of the new site (but the search
// database) with its content hash and size.
//
// Contract: write(), copy() and keep() may be called from many threads. The
// search index goes to index_dir() (kept in kb's cache, not in the site:
// site/search_location.h): a staging folder that commit() installs after
// the site, or the site's installed index (an incremental build updates it
// in place).
#pragma once

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

#include <tbb/enumerable_thread_specific.h>

#include "site/build_cache.h"
#include "site/output.h"

namespace kb::site {

class SiteWriter {
 public:
  static std::unique_ptr<SiteWriter> staged(const std::filesystem::path& dest, std::string& error);
  static std::unique_ptr<SiteWriter> in_place(const std::filesystem::path& dest, const BuildManifest& previous);
  ~SiteWriter();
  SiteWriter(const SiteWriter&) = delete;
  SiteWriter& operator=(const SiteWriter&) = delete;

  bool write(const std::string& url, std::string content, std::string& error);
  bool copy(const std::filesystem::path& from, const std::string& url, std::string& error);
  // The previous build's file at `url` stays; false if it has none there.
  bool keep(const std::string& url);
  bool commit(std::string& error);

  bool incremental() const { return !staged_; }
  std::filesystem::path index_dir() const;
  std::map<std::string, CachedOutput> outputs() const;
  size_t files() const { return files_; }        // every file of the new site
  size_t changed() const { return changed_; }    // files written (all of them, staged)
  size_t removed() const { return removed_; }

 private:
  SiteWriter() = default;
  void record(const std::string& url, CachedOutput out);
  bool same_as_before(const std::string& url, const CachedOutput& out) const;
  // The file at `url` is there with `size` bytes (nobody deleted or edited
  // it by hand): one fstatat() of its name in its folder, opened once per
  // build (a page of an incremental build is kept this way, 10,000 times
  // per build; the kernel's walk of the whole path was half of its cost).
  bool still_there(const std::string& url, uint64_t size) const;

  std::filesystem::path dest_;
  std::string dest_prefix_;  // dest_ and a '/'
  // The previous site's folders ("" is dest_ itself), opened O_PATH, closed
  // with the writer; named by views into the previous manifest's URLs.
  std::unordered_map<std::string_view, int> folders_;
  std::optional<StagedOutput> staged_;
  bool committed_ = false;
  const BuildManifest* previous_ = nullptr;
  mutable std::mutex mutex_;
  std::map<std::string, CachedOutput> outputs_;  // written or copied by this build
  // The previous build's files kept as they are (keep()): a pointer into
  // its manifest per file, gathered per thread without a lock (10,000 per
  // incremental build of a big site).
  using KeptFile = const std::pair<const std::string, CachedOutput>*;
  tbb::enumerable_thread_specific<std::vector<KeptFile>> kept_;
  std::map<std::string, std::string> pending_;                 // url -> new bytes
  std::map<std::string, std::filesystem::path> pending_copies_; // url -> source file
  std::atomic<size_t> files_{0};
  std::atomic<size_t> changed_{0};
  size_t removed_ = 0;
};

}  // namespace kb::site
