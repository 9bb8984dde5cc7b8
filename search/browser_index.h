// Browser index: kb's own postings of a site's pages, from which the
// browser's search files (static_export.h has their layout) are written.
// They used to be read back from the Xapian database; made from the pages
// themselves, a build needs no database at all, and the one `kb search` and
// `kb serve` query is made when first needed (site_search.h). Xapian's
// inverter was two thirds of a cold build's CPU.
//
// Contract:
// - Pages are numbered 1..size() (docids, the site's page order). set() gives
//   page `docid` its id (the note's path), terms and card, replacing what it
//   had; its terms are a DocumentBuilder's (id, wdf) pairs, mapped into this
//   index by the table intern() made from that builder. Only the terms the
//   browser searches are kept ("Z" stems, words without a stem, "XS" synonym
//   groups) and the words it stems; the length counts every term, as
//   Xapian's document length does. The stems' and numbers' positions are
//   kept for the browser's phrases, in files of their own it loads only for
//   a phrase, one per shard and range of pages (an edit moves every later
//   word of its page: it rewrites one range's files, not every shard's).
// - reorder() renumbers the pages to a new list of ids (pages not in it are
//   dropped, new ones are empty until set()).
// - export_files() returns the files that may have changed since the last
//   export (every file the first time and after a reorder() that renumbers
//   pages; serialize() is meant to follow an export, and parse() gives the
//   index as it was then) and, in `urls`, every file the index has now: a
//   caller keeps those it was not given anew. An index exported more than
//   once keeps each term's pages, to find those files' postings without
//   reading every page. The bytes depend only on the pages in order, never on how
//   they were set, so an index kept across builds and patched exports what a
//   new one would (browser_index_test.cc). They are what a Xapian database
//   of the same pages holds: the same postings, wdfs, lengths and synonym
//   table (the test reads both).
// - serialize()/parse() keep an index in the build cache; parse() of damaged
//   bytes gives nullopt. Nothing here is thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "search/indexer.h"
#include "search/static_export.h"
#include "search/synonyms.h"

namespace kb::search {

// What a result shows of a page.
struct DocCard {
  std::string title, url, breadcrumb, summary;
  bool operator==(const DocCard& o) const {
    return title == o.title && url == o.url && breadcrumb == o.breadcrumb && summary == o.summary;
  }
};

DocCard card_of(const IndexEntry& entry);

class BrowserIndex {
 public:
  // Builder term id -> this index's term id, for terms made since the last
  // call with the same table (pass it back in to extend it).
  void intern(const DocumentBuilder& builder, std::vector<uint32_t>& table);

  size_t size() const { return docs_.size(); }
  void reorder(const std::vector<std::string>& ids);
  void set(uint32_t docid, const std::string& id, const DocumentBuilder::Terms& terms,
           const std::vector<uint32_t>& table, DocCard card);
  // set() in two steps, the first of which may run for many pages at once:
  // a page's terms as this index keeps them (its ids, sorted, without what
  // the browser does not read), then the page given them.
  struct Kept {
    std::vector<std::pair<uint32_t, uint32_t>> terms;  // (term, wdf) by term id
    // For each term with postings, in `terms` order, its positions on the
    // page as the browser reads them (static_export.h): their count, then
    // the first and each one's distance from the one before (varints).
    // A synonym group's term has none: "0".
    std::string positions;
  };
  Kept kept_terms(const DocumentBuilder::Terms& terms, const std::vector<uint32_t>& table) const;
  void set(uint32_t docid, const std::string& id, Kept kept, uint64_t length, DocCard card);

  struct Export {
    std::vector<StaticFile> files;  // to write
    std::vector<std::string> urls;  // every file of the index now
    StaticExportStats stats;        // of the files written
    size_t pages_read = 0;          // pages whose terms were read for postings (0: each term's pages were)
  };
  Export export_files(const Synonyms& synonyms);
  // The next export_files() returns every file.
  void touch_all() { all_dirty_ = true; }
  // Pages per positions file (static_export.h: kPagesPerPositionsFile unless
  // set, and kept by serialize()); a change rewrites every file.
  void set_positions_pages(uint32_t pages);
  uint32_t positions_pages() const { return positions_pages_; }
  // Keeps each term's pages from now on, as an index exported a second time
  // does: a long-lived process calls it when idle, so that its next export,
  // an edit's, need not make them.
  void keep_term_pages() {
    if (!inverted_) invert();
  }

  std::string serialize() const;
  static std::optional<BrowserIndex> parse(std::string_view bytes);

  // A journal of what changed since parse(): the pages set() since, as
  // bytes apply_journal() replays on the index parse() gives from the same
  // serialize() (a build after one edit writes a few KB, not the 10 MB of
  // serialize()). nullopt when a reorder() renumbered pages since, or the
  // index was not parsed: serialize() it whole.
  std::optional<std::string> journal() const;
  // Replays journal() bytes, in the order they were written, on an index
  // just parse()d (or replayed); false when they are damaged (the index is
  // then unusable). As parse(), it leaves nothing to export.
  bool apply_journal(std::string_view bytes);

 private:
  enum Kind : uint8_t { kSkip = 0, kPosting = 1, kWord = 2 };
  struct Term {
    std::string name;
    uint32_t key = 0;  // index in keys_
    Kind kind = kSkip;
    uint32_t df = 0;   // pages having it
    bool positional = false;  // a posting term with positions (not a synonym group)
  };
  struct Doc {
    std::string id;
    DocCard card;
    uint64_t length = 0;
    std::vector<std::pair<uint32_t, uint32_t>> terms;  // (term, wdf) by term id, kept terms only
    std::string positions;  // as Kept's
  };
  uint32_t term_id(const std::string& name);
  // Page `docid` gained or lost a term, or its wdf changed: the term's
  // shard changes, and its positions file for the page's range; words only
  // moved: that positions file alone.
  void mark(uint32_t term, uint32_t docid) {
    dirty_keys_[terms_[term].key] = 1;
    mark_positions(term, docid);
  }
  void mark_positions(uint32_t term, uint32_t docid);
  void export_positions(Export& out);
  std::string positions_url(uint32_t key, uint32_t range) const;

  std::unordered_map<std::string, uint32_t> term_ids_;
  std::vector<Term> terms_;
  std::unordered_map<std::string, uint32_t> key_ids_;
  std::vector<std::string> keys_;
  std::vector<std::vector<uint32_t>> key_terms_;  // key -> its terms
  std::vector<Doc> docs_;
  std::vector<char> dirty_keys_;
  std::vector<char> dirty_chunks_;  // kDocsPerFile pages each
  bool all_dirty_ = true;
  // Each term's pages (0-based, sorted) with its wdf there, kept by an
  // index exported more than once (a long-lived process's): an edit's export
  // then copies the postings of the few terms it changed instead of reading
  // every page's terms. Dropped by a reorder() that renumbers.
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> term_docs_;  // (page, wdf)
  bool inverted_ = false;
  // Which keys have a term on some page (only a dirty key's can change),
  // and those keys in key order: the shards the export lists.
  std::vector<char> present_;
  std::vector<uint32_t> listed_keys_;
  // Positions files: a key's terms' positions on the pages of one range of
  // positions_pages_ docids. The (key << 32 | range) pairs to write, and
  // [range][key]: whether that file exists (known once an export has looked
  // at every range).
  uint32_t positions_pages_ = kPagesPerPositionsFile;
  std::vector<uint64_t> dirty_positions_;
  std::vector<std::vector<char>> positions_present_;
  bool positions_known_ = false;
  size_t exports_ = 0;
  void invert();
  // For journal(): made by parse(), the pages set() since, and whether a
  // reorder() renumbered them.
  bool parsed_ = false, renumbered_ = false;
  std::vector<uint32_t> set_since_parse_;
};

}  // namespace kb::search
