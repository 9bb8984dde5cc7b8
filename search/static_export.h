// Static export: the layout of the browser's search index, which the JS
// client (assets/search/) reads to rank exactly as `kb search` does, from
// file:// and GitHub Pages where no server answers. BrowserIndex
// (browser_index.h) writes it.
//
// Layout under the site's search/ folder (every file a script calling
// kbSearchData(name, data), so it loads with a <script> tag: fetch() is
// blocked on file://):
//   meta.js      "meta": {v, n (documents), total (sum of document lengths),
//                last (last docid), k1, k2, k3, b, min_normlen (BM25Weight's
//                parameters), shards [keys], stop [stop words], syn {synonym
//                key: [terms]}, dl (every document's length, Xapian's own:
//                the sum of its wdf; varints), docs_per_file, positions_pages}
//   t/<key>.js   "t:<key>": {p: {term: postings}, w: {word: stem}}: the terms
//                whose key (shard_key()) is <key>: "Z" stems, words not
//                stemmed (numbers), "XS" synonym groups and "XE" exact
//                titles (wdf 0; schema.h), each with its
//                postings (docid deltas and wdf, varints); and the words of
//                the spelling data with their stem (a number when the stem is
//                the word's first n characters), for prefix completion,
//                "did you mean" and stemming exactly as the index did.
//   p/<key>-<r>.js  "p:<key>-<r>": {term: positions}: the positions of the
//                terms of t/<key>.js that have them (stems and words without
//                one, not synonym groups) on the pages of range r (docids
//                r*positions_pages+1 to (r+1)*positions_pages, meta's
//                positions_pages): for each of those pages of the term's
//                postings, in their order, how many, then the first and each
//                one's distance from the one before (varints). Read only for
//                a quoted phrase, and only the ranges of pages that have all
//                its words, so other searches never load them; an edit, which
//                moves every later word of its page, rewrites one range's.
//   d/<n>.js     "d:<n>": {"<docid>": {title, url, breadcrumb, summary}}
//                for docids n*kDocsPerFile+1 to (n+1)*kDocsPerFile
// Varints: characters of kVarintAlphabet; a value below 32 ends a number,
// 32 + v carries the next 5 low bits v (little-endian groups).
//
#pragma once

#include <filesystem>
#include <string>
#include <cstdint>
#include <string_view>
#include <vector>

namespace kb::search {

inline constexpr char kVarintAlphabet[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

inline constexpr unsigned kDocsPerFile = 16;

// Pages per positions file: at 10,000 notes, a tenth of the positions (17 MB
// in all) is written after an edit, and a phrase of rare words loads the few
// ranges of its pages.
inline constexpr unsigned kPagesPerPositionsFile = 1024;

struct StaticFile {
  std::string url;      // site path: "search/meta.js"
  std::string content;
};

struct StaticExportStats {
  size_t shards = 0;
  size_t terms = 0;     // terms with postings
  size_t words = 0;     // vocabulary words
  size_t bytes = 0;     // all files
  size_t position_bytes = 0;  // of which the positions files (p/)
};

// Shard key of a term: without its "Z", "XS" or "XE" prefix, its first two
// characters, lowercased bytes [a-z0-9] kept and any other byte as "_xx" hex.
std::string shard_key(std::string_view term);

void append_varint(std::string& out, uint64_t value);

// Reads the varint at `at` of `s` and moves `at` past it; false when `s`
// ends first or holds a character not of kVarintAlphabet.
bool read_varint(std::string_view s, size_t& at, uint64_t& value);

// Moves `at` past `count` varints of `s`; false as read_varint().
bool skip_varints(std::string_view s, size_t& at, uint64_t count);

}  // namespace kb::search
