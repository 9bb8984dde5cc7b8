// Indexer: turns pages into Xapian documents (schema.h) and writes them into
// a database, while the site is being rendered.
//
// Why not TermGenerator: it stems every occurrence again and inserts every
// posting through the Document's map one call at a time. DocumentBuilder
// tokenizes with the same rules (tokenizer.h), stems each distinct word once
// per thread (a cache), gathers a page's postings in a hash map and hands
// them to the Document term by term. The terms and positions are exactly
// those of TermGenerator with STEM_SOME_FULL_POS (indexer_test.cc checks).
//
// Contract:
// - IndexWriter::create() prepares a new database at `dir` (an existing one
//   there is replaced). add() may be called from many threads at once: each
//   calling thread builds its documents and adds them to its own shard
//   database (`dir`.shard-N; Xapian allows one writer per database, and its
//   inverter is the costly part, so shards let both cores index). finish()
//   adds the spelling data (every word's frequency over the whole corpus), the
//   synonym table and metadata, commits, and merges the shards into `dir`
//   (Database::compact; a single shard is just renamed), with the pages' text
//   files beside it. Without finish() nothing is kept: the destructor removes
//   the shards.
// - Errors (disk full, Xapian errors) never throw out of here: add() after a
//   failure is ignored, and finish() returns false with the message.
// - Document ids: given to add() (with create()'s `documents`), they are
//   kept, so two builds of the same notes number them alike however the
//   threads ran: each of a few shards takes one run of ids (its writes
//   serialised by a mutex) and compaction keeps the ids. Without, ids follow
//   the per-thread shards (compaction numbers shard 0's first). Pages are
//   found by their id term either way. Re-indexing one page later is
//   WritableDatabase(dir).replace_document("Q" + source, builder.build(entry))
//   (with the text inline in the data).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "search/synonyms.h"

namespace kb::search {

// What the search index knows of a page.
struct IndexEntry {
  std::string id;            // unique: the note's path in the notes folder
  std::string url;           // site path, "modeling/f1-score.html"
  std::string title;
  std::vector<std::string> aliases;
  std::vector<std::string> headings;
  std::vector<std::string> tags;
  std::string domain;        // may be ""; the facet value: "exam:domain" in a site of named exams
  std::vector<std::string> exams;  // "exam:domain" for each named exam the page is mapped in
  std::string kind;          // "note" when not set
  std::string summary;       // shown in results
  bool index_summary = false;  // the summary was written by the author (not the body's opening)
  std::string breadcrumb;    // "Modeling › Metrics": folders above the page
  std::string text;          // the body as plain text (markdown::Document::plain_text)
};

// The term of a page titled `title` (or of a query) for exact titles
// (schema.h: "XE" + title_key()); "" when the title has no word or is longer
// than kMaxExactTitleBytes.
std::string exact_title_term(std::string_view title);

// Builds documents. Not thread-safe: one per thread (it caches stems).
class DocumentBuilder {
 public:
  explicit DocumentBuilder(const Synonyms* synonyms);
  DocumentBuilder(DocumentBuilder&&) noexcept;
  ~DocumentBuilder();

  // Where a page's text is kept when not in the document data: the build
  // writes every page's text into text files beside the database (Xapian
  // compresses document data with zlib, which cost about as much as the
  // postings; snippets need the text of ten results, not of all).
  struct TextRef {
    std::string file;   // file name inside the index folder ("text-0.txt")
    uint64_t at = 0;    // byte offset
    uint64_t size = 0;  // bytes
  };

  // With `text`, the data names where the text is; without, it holds it.
  Xapian::Document build(const IndexEntry& entry, const TextRef* text = nullptr);

  // The terms build() would give the page, without making a document: every
  // term but the boolean ones as (id, wdf), ids being this builder's own
  // (term_name() names them), in no particular order; and the page's length
  // as Xapian counts it (the sum of the wdfs); and the positions of the
  // positional terms (free text's stems, and its words without a stem), for
  // the browser's phrases. Spelling data is counted as by build().
  struct Terms {
    std::vector<std::pair<uint32_t, uint32_t>> terms;
    uint64_t length = 0;
    // terms[i]'s positions are positions[position_end[i - 1]] up to
    // positions[position_end[i]] (from 0 for i = 0), encoded as the
    // browser reads them (static_export.h varints: their count, then the
    // first and each one's distance from the one before; "0" for a term
    // without positions). Encoded here, a page's positions take about a
    // byte each while the build holds every page's.
    std::string positions;
    std::vector<uint32_t> position_end;
  };
  Terms terms(const IndexEntry& entry);
  const std::string& term_name(uint32_t id) const;
  size_t term_count() const;  // ids are 0 to term_count() - 1

  // Raw words seen so far (starting with a letter) and how often: spelling data.
  std::unordered_map<std::string, uint32_t> word_counts() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The synonym table entries for `synonyms`: (key, "XS"+group) pairs as the
// QueryParser looks them up (single words also under their "Z" stem).
std::vector<std::pair<std::string, std::string>> synonym_table(const Synonyms& synonyms);

class IndexWriter {
 public:
  // `documents`: how many pages add() will be given with their ids (1 to
  // documents), for reproducible ids; 0 when unknown.
  static std::unique_ptr<IndexWriter> create(const std::filesystem::path& dir, Synonyms synonyms,
                                             std::string& error, size_t documents = 0);
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // `docid` 1..documents (see create()) gives the page that id, whichever
  // thread adds it; 0 numbers pages in the order they come.
  void add(const IndexEntry& entry, Xapian::docid docid = 0);
  bool finish(std::string& error);

  // Seconds spent in Xapian: CPU time of add_document on every shard (thread
  // CPU time, so other load does not count), plus the wall time of finish().
  double writer_seconds() const;
  // Shards written (one per thread that called add()).
  size_t shard_count() const;

 private:
  IndexWriter();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kb::search
