// Tokenizer: splits text into index terms exactly as Xapian 1.4's
// TermGenerator does (word characters lowercased, initials "U.S.A." -> "usa",
// in-word apostrophes and '&' kept ("don't", "at&t"), digits joined by '.',
// ',' or ';' ("3.14"), up to three '+'/'#' suffixes ("c++", "c#")), so that
// terms we index ourselves are the terms Xapian's QueryParser looks for.
// CJK n-gram mode is not reproduced (kb does not enable it).
//
// Contract: pure functions; any byte string is accepted (invalid UTF-8 is read
// as Latin-1 bytes, as Xapian's Utf8Iterator does); thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace kb::search {

// Terms longer than this (in bytes) are skipped, as TermGenerator's default.
constexpr size_t kMaxTermBytes = 64;

// A title or a query as compared for an exact title match: lowercased,
// every run of characters that are not word characters (Xapian's
// is_wordchar: letters, marks, numbers, connectors) one space, trimmed.
// The browser's engine has the same (titleKey()).
std::string title_key(std::string_view s);

// Calls `fn(term, begin, end)` for each term of `text`, in order; `begin` and
// `end` are the byte offsets in `text` the term was read from. The term is
// lowercased (Unicode simple case folding, as Xapian::Unicode::tolower).
void for_each_term(std::string_view text,
                   const std::function<void(const std::string& term, size_t begin, size_t end)>& fn);

// Whether TermGenerator (STEM_SOME*) would also index a stemmed "Z" form of
// this lowercased term: its first character is a letter (not a digit, '_').
bool should_stem(std::string_view term);

}  // namespace kb::search
