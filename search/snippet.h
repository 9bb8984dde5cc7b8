// Snippets: the window of a page's text that holds the most of a query's
// words, as HTML, the words marked.
//
// Xapian's MSet::snippet() stemmed every word of every result's text with
// its background model: 85% of a served search's time (1.1 ms of 1.3 ms a
// query on the study guide). Here a word of the text is stemmed only when it
// could be one of the query's (it starts like one of their stems), words
// are read by the index's own tokenizer (tokenizer.h), so what is marked is
// what matched.
//
// Contract:
// - `terms` are the query's words as the index holds them: stems (a query's
//   "Z" terms without the Z) and each one's weight (rarer words weigh more);
//   build them with snippet_terms().
// - snippet() picks the window of at most `bytes` bytes of `text` whose
//   distinct matched terms weigh most (earliest on a tie), starts it a little
//   before its first match, cuts at word boundaries, and returns it escaped
//   for HTML with each match in <mark>…</mark> and "…" where text was cut.
//   "" when no word of `text` matches.
// - Pure, thread-compatible (the Stem is the caller's); linear in `text`
//   (matches beyond the first kMaxMatches are not considered).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace kb::search {

struct SnippetTerm {
  std::string stem;      // or, when `prefix`, the start of a word as typed
  double weight = 1;
  bool prefix = false;   // as you type: any word starting with `stem`
};

inline constexpr size_t kMaxMatches = 2000;

// The words of `query` to mark: its stemmed terms and unprefixed words
// (stemmed), with weight log(1 + N / termfreq) from `db`; prefixed fields
// (tag:, domain:, …) are left out.
std::vector<SnippetTerm> snippet_terms(const Xapian::Query& query, const Xapian::Database& db,
                                       const Xapian::Stem& stem);

std::string snippet(std::string_view text, const std::vector<SnippetTerm>& terms, const Xapian::Stem& stem,
                    size_t bytes);

}  // namespace kb::search
