// Schema: how kb lays pages out in its Xapian database. Shared by the
// indexer, the searcher and the static export, so all three agree.
//
// Terms (Xapian's prefix conventions; unprefixed terms are free text):
//   word, Zstem     free text, positional (TermGenerator's STEM_SOME_FULL_POS
//                   forms: every word lowercased, and "Z"+stem of words that
//                   start with a letter, at the same position)
//   Sword, ZSstem   title and aliases again, for `title:` queries
//   K<tag>          boolean: one per tag (lowercase, as in front matter)
//   XD<domain>      boolean: the exam domain; XD<exam>:<domain> and XD<domain> for each named exam's
//   XK<kind>        boolean: note | formula | service | ...
//   XE<title key>   boolean: the page's title as title_key() (tokenizer.h)
//                   gives it ("kinesis data streams"), so that a result
//                   titled exactly as the query is found wherever it ranks
//                   (a title of more than kMaxExactTitleBytes has none)
//   XS<group>       synonym group (notes/data/synonyms.toml): wdf = how often
//                   any phrase of the group occurs; the database's synonym
//                   table maps each phrase to this term, so the QueryParser's
//                   auto synonyms add it as OP_SYNONYM.
//   Q<source>       unique id: the note's path in the notes folder; a changed
//                   note is re-indexed alone with replace_document(Q..., doc)
// Fields are weighted by their wdf increment (see kWdf*), and separated by a
// gap of positions so a phrase never spans two fields.
// Values: slot 0 domain, slot 1 kind (facet counts via ValueCountMatchSpy).
// Document data: JSON {title, url, path, breadcrumb, summary} and the note's
// plain text for MSet::snippet: either inline ("text") or, as kb build writes
// it, where it is in the text files beside the database ("text_file",
// "text_at", "text_size"; text-<shard>.txt in the index folder).
// Metadata keys: "kb:version", "kb:built".
#pragma once

#include <cstddef>

#include <string>

namespace kb::search {

inline constexpr const char kPrefixTitle[] = "S";
inline constexpr const char kPrefixTag[] = "K";
inline constexpr const char kPrefixDomain[] = "XD";
inline constexpr const char kPrefixKind[] = "XK";
inline constexpr const char kPrefixSynonym[] = "XS";
inline constexpr const char kPrefixExactTitle[] = "XE";
inline constexpr const char kPrefixId[] = "Q";

inline constexpr unsigned kSlotDomain = 0;
inline constexpr unsigned kSlotKind = 1;

inline constexpr unsigned kWdfTitle = 5;
inline constexpr unsigned kWdfAlias = 4;
inline constexpr unsigned kWdfHeading = 2;
inline constexpr unsigned kWdfTags = 2;
inline constexpr unsigned kWdfSummary = 3;  // a summary written in front matter says what the note is for
inline constexpr unsigned kWdfBody = 1;
inline constexpr unsigned kFieldGap = 100;

// BM25's parameters, for kb search (Xapian's BM25Weight) and the browser's
// engine (search/meta.js) alike. Chosen on the even half of the relevance
// set (tests/search/eval/queries.jsonl; search/bench/relevance.py) against
// Xapian's defaults (k1 1, b 0.5): term frequency saturates later and long
// notes are normalised more.
inline constexpr double kBm25K1 = 1.5, kBm25K2 = 0, kBm25K3 = 1, kBm25B = 0.75, kBm25MinNormlen = 0.5;

// A result whose title is exactly the query ("fireball" for the note
// "Fireball") comes first, wherever it ranks (kb search and the browser's
// engine alike, by the XE term): long notes that say the word often must
// not push the note of that name down. Xapian's terms are at most 245 bytes.
inline constexpr size_t kMaxExactTitleBytes = 240;

// The database's folder beside a site when kb has no cache folder
// (`<site>.kb-index`, site/search_location.h); sites built before the index
// moved to kb's cache held it inside, under this name.
inline constexpr const char kIndexDir[] = ".kb-index";
// Folder of the static (browser) index inside a built site.
inline constexpr const char kStaticDir[] = "search";

inline constexpr const char kSchemaVersion[] = "2";

}  // namespace kb::search
