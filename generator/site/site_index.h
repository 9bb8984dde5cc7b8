// Site index: the search side of a build. The render threads add() each
// rendered page's search entry; finish() then makes the browser's index
// from kb's own postings (search/browser_index.h), records the pages'
// entries in the site's .kb-index/ (search/site_search.h), and, when the
// site is changed in place and its Xapian database holds the previous
// pages, updates that database with the pages whose entry changed. A full
// build makes no database: `kb search` and `kb serve` build it when first
// needed.
//
// Contract:
// - add() may be called from many threads at once, once per page.
// - finish() with `previous` (an incremental build: the postings and page
//   list the last build left, as loaded by plan_build) patches them: a page
//   whose entry is as before changes nothing; without, every page must have
//   been added. It returns the browser files to write and, in `urls`, every
//   file the browser's index has (the caller keeps those not rewritten).
//   The postings then describe the new site (postings(), for the cache).
// - Errors (disk) come back as messages; the site's database may then be
//   stale (a later sync rebuilds it), never wrong.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "search/browser_index.h"
#include "search/indexer.h"
#include "search/site_search.h"
#include "search/synonyms.h"

namespace kb::site {

struct PreviousSearch {
  search::BrowserIndex postings;
  search::PageList pages;
};

class SiteIndex {
 public:
  SiteIndex(const search::Synonyms& synonyms, size_t pages);
  ~SiteIndex();

  void add(size_t page, const search::IndexEntry& entry);
  // With `database`, the Xapian update is not done but left there, to be
  // run once the site is in place (kb serve --watch, whose searches wait
  // for it, tells the pages first).
  bool finish(const std::filesystem::path& index_dir, const std::vector<std::string>& ids,
              std::optional<PreviousSearch> previous, search::BrowserIndex::Export& out, std::string& error,
              std::function<void()>* database = nullptr);
  search::BrowserIndex& postings();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kb::site
