// Searcher: queries the Xapian index a build wrote (schema.h).
//
// Query language (Xapian's QueryParser with FLAG_DEFAULT, wildcards, spelling
// correction and auto synonyms; STEM_SOME_FULL_POS, so phrases match stemmed
// forms): words (OR, ranked by BM25), "quoted phrases", AND / OR / NOT (upper
// case), +must -mustnot, prefix* wildcards, title:word, tag:x, domain:x,
// kind:x. Every word is lowercased first (operators excepted), so "Kinesis"
// and "kinesis" search the same stemmed term.
//
// Contract:
// - open() never throws: a missing or unreadable index gives nullptr and a
//   message saying what to do ("run kb build").
// - search() never throws and never crashes on any input: queries are cut to
//   kMaxQueryBytes, control bytes become spaces, a query Xapian cannot parse
//   is retried as plain words, and anything else becomes `error` with no
//   results.
// - "Did you mean": when a word is not in the index's spelling data and has a
//   close one (Xapian's edit distance), the corrected query is run too and
//   its results are shown unless it finds fewer pages (or none); `corrected`
//   holds it exactly when the results are its.
// - A Searcher holds one open Database and is not thread-safe: use one per
//   thread (opening is cheap).
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kb::search {

inline constexpr size_t kMaxQueryBytes = 1024;
inline constexpr size_t kMaxLimit = 1000;

struct SearchOptions {
  std::string query;
  size_t limit = 10;                  // results wanted (at most kMaxLimit)
  std::vector<std::string> domains;   // keep pages of any of these domains
  std::vector<std::string> tags;      // keep pages having all these tags
  size_t snippet_bytes = 200;         // length of each snippet
  // As you type: the query's last word (when nothing follows it) also
  // matches as a prefix ("kines" finds kinesis) and is never "corrected".
  bool prefix_last = false;
};

struct SearchResult {
  std::string title;
  std::string url;         // site path, "modeling/f1-score.html"
  std::string path;        // the note in the notes folder, "modeling/metrics/f1-score.md"
  std::string breadcrumb;  // "Modeling › Metrics"
  double score = 0;        // BM25 weight
  std::string snippet;     // HTML: text escaped, matches in <mark>...</mark>
};

struct SearchResponse {
  std::string query;                  // as asked
  std::optional<std::string> corrected;  // the spelling-corrected query whose results these are
  size_t total = 0;                   // pages matching (exact)
  std::vector<SearchResult> results;
  // facet -> value -> pages: {"domain": {"modeling": 3}, "kind": {"formula": 2}}
  std::map<std::string, std::map<std::string, size_t>> facets;
  std::string error;                  // non-empty: the query could not be run
};

class Searcher {
 public:
  // `index_dir` is a built site's search index (<site>/.kb-index).
  static std::unique_ptr<Searcher> open(const std::filesystem::path& index_dir, std::string& error);
  ~Searcher();

  SearchResponse search(const SearchOptions& options);

 private:
  Searcher();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// {"query", "corrected" (string or null), "total", "results": [{"title",
// "url", "path", "breadcrumb", "score", "snippet"}], "facets": {"domain":
// {...}, "kind": {...}}} (and "error" when set).
nlohmann::json to_json(const SearchResponse& response);

// The query as the parser gets it: control bytes as spaces, cut at
// kMaxQueryBytes (on a character boundary), words lowercased except the
// operators AND, OR, NOT, XOR, NEAR and ADJ. Exposed for tests.
std::string normalize_query(const std::string& query);

// English stop words: left out of queries (unless a query has nothing else).
const std::vector<std::string>& stop_words();

}  // namespace kb::search
