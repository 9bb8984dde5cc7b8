// Site search: the search database of a built site, kept in kb's cache
// (site/search_location.h says where), made from the site's pages when
// first needed. A build writes only the pages' entries (cheap); the Xapian
// database, which only `kb search` and `kb serve` query (the published site
// searches with its browser index, browser_index.h), is built by the first
// of them that needs it, or kept up to date in place by a build when it
// already exists.
//
// Layout of the index folder:
//   pages.bin  every page's IndexEntry (index_update.h's bytes), appended
//   pages.idx  the site's pages in order (id, where its entry is, its hash)
//              and the synonym groups the database is built with
//   db/        the Xapian database; its metadata "kb:pages" is the stamp of
//              the page list it holds (pages_stamp())
//   lock       flock: one writer at a time (a sync, a build's update)
//
// Contract:
// - write_pages() writes pages.bin and pages.idx anew; append_pages() adds
//   the entries of some pages to pages.bin and writes the new list (pages not
//   given bytes keep the record they had in `previous`, by id), compacting
//   pages.bin when most of it is entries no page uses. Both replace
//   pages.idx atomically, after pages.bin holds what it names.
// - read_pages() gives nullopt when pages.idx is missing or damaged;
//   read_entry() checks an entry's bytes against its hash.
// - sync_database() brings db/ in line with pages.idx: nothing when its stamp
//   is the list's; else the database is built anew from every entry (in
//   parallel, IndexWriter) beside db/ and swapped in, so readers never see
//   half of it. `rebuilt` (optional) tells which happened.
// - update_database() is for a build that changes the pages in place and
//   knows their old and new entries: when db/ holds exactly `previous`, it is
//   updated with `changes` and stamped with `next` (nothing to do when the
//   two lists hold the same entries), and true is returned; else db/ is left
//   (sync_database() will rebuild it) and false is returned.
// - open_site_search() syncs, then opens db/ (Searcher::open).
// - database_is_current() reads the page list and the database's stamp only.
// - Errors come back as messages naming the folder; nothing throws.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "search/index_update.h"
#include "search/searcher.h"
#include "search/synonyms.h"

namespace kb::search {

struct PageRecord {
  std::string id;     // the note's path (IndexEntry::id)
  uint64_t at = 0;    // offset of its entry in pages.bin
  uint64_t size = 0;  // bytes
  uint64_t hash = 0;  // of those bytes
};

struct PageList {
  Synonyms synonyms;
  std::vector<PageRecord> pages;  // in the site's order
};

// PageRecord::hash of an entry's bytes.
uint64_t entry_hash(std::string_view bytes);

// Identifies what a database built from `list` holds (ids, entries and
// synonyms, not where the entries sit in pages.bin).
std::string pages_stamp(const PageList& list);

bool write_pages(const std::filesystem::path& dir, const Synonyms& synonyms, const std::vector<std::string>& ids,
                 const std::vector<std::string>& entries, std::string& error);
// `fresh[i]`: page i's new entry bytes, or nullptr when it is as in `previous`.
bool append_pages(const std::filesystem::path& dir, const PageList& previous, const Synonyms& synonyms,
                  const std::vector<std::string>& ids, const std::vector<const std::string*>& fresh,
                  PageList& written, std::string& error);
// The list append_pages() would write, but for where entries sit: for stamps.
PageList next_pages(const PageList& previous, const Synonyms& synonyms, const std::vector<std::string>& ids,
                    const std::vector<const std::string*>& fresh);
std::optional<PageList> read_pages(const std::filesystem::path& dir);
std::optional<IndexEntry> read_entry(const std::filesystem::path& dir, const PageRecord& record);

bool sync_database(const std::filesystem::path& dir, std::string& error, bool* rebuilt = nullptr);
// Whether db/ holds the pages pages.idx lists (sync_database() has nothing
// to do): cheap, for saying beforehand that a search will wait.
bool database_is_current(const std::filesystem::path& dir);
bool update_database(const std::filesystem::path& dir, const PageList& previous, const PageList& next,
                     const std::vector<EntryChange>& changes, std::string& error);

std::unique_ptr<Searcher> open_site_search(const std::filesystem::path& dir, std::string& error);

}  // namespace kb::search
