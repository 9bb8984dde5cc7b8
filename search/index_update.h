// Index update: the search database of a site changed in place after an
// incremental build (site/build_cache.h) instead of written anew.
//
// Contract:
// - serialize_entry()/parse_entry() turn an IndexEntry into bytes and back
//   (the build cache keeps every page's entry: what its document was built
//   from, so the old one can be taken out exactly).
// - update_index() applies `changes` to the committed database at `dir`: a
//   page found by its id term ("Q" + id) is replaced, added when new, or
//   deleted (no `after`); the spelling data moves from each old entry's words
//   to the new one's; `metadata` is set; one commit. The result holds the
//   same documents, terms, postings and spelling data as a database written
//   anew from the new entries, but for document ids (a new page takes the
//   next free one; search/index_update_test.cc compares both by page id).
//   The new documents carry their text inline.
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
  const IndexEntry* before = nullptr;  // nullptr: a new page
  const IndexEntry* after = nullptr;   // nullptr: a page gone
};

bool update_index(const std::filesystem::path& dir, const Synonyms& synonyms, const std::vector<EntryChange>& changes,
                  const std::vector<std::pair<std::string, std::string>>& metadata, std::string& error);

}  // namespace kb::search
