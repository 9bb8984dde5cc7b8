// Index update: the search database of a site changed in place after an
// incremental build (site/build_cache.h) instead of written anew.
//
// Contract:
// - serialize_entry()/parse_entry() turn an IndexEntry into bytes and back
//   (the build cache keeps every page's entry: what its document was built
//   from, so the old one can be taken out exactly).
// - update_index() replaces the documents of `changes` (same ids: the site's
//   pages and their order are unchanged, only what some pages say) in the
//   committed database at `dir`, moves the spelling data from each old entry's
//   words to the new one's, and commits once. The result holds the same
//   documents, terms, postings and spelling data as a database written anew
//   from the new entries (search/index_update_test.cc exports both and
//   compares). The new documents carry their text inline.
// - Errors come back as messages (the database is then as it was: Xapian
//   commits atomically); nothing throws.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "search/indexer.h"

namespace kb::search {

std::string serialize_entry(const IndexEntry& entry);
bool parse_entry(std::string_view bytes, IndexEntry& entry);

struct EntryChange {
  Xapian::docid docid = 0;
  const IndexEntry* before = nullptr;
  const IndexEntry* after = nullptr;
};

bool update_index(const std::filesystem::path& dir, const Synonyms& synonyms, const std::vector<EntryChange>& changes,
                  std::string& error);

}  // namespace kb::search
