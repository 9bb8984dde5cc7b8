// Small text utilities shared by every stage: UTF-8 checks, slugs, lookup
// keys, edit distance, HTML escaping and relative URLs.
//
// Contract: pure functions over UTF-8 strings; no locale, no global state,
// safe from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kb::text {

// Offset of the first byte that is not part of valid UTF-8 (overlongs,
// surrogates and code points past U+10FFFF are invalid), or nullopt.
std::optional<size_t> find_invalid_utf8(std::string_view s);

// 1-based line and column (in bytes) of byte offset `pos` in `s`.
struct Position { int line = 1; int column = 1; };
Position position_of(std::string_view s, size_t pos);

// Lowercase of UTF-8 text: ASCII and every other cased letter (Unicode
// simple case mapping, from Xapian's tables; no locale involved).
std::string to_lower(std::string_view s);

// Heading anchor as GitHub makes it: lowercase (Unicode letters too),
// letters/digits/'-'/'_' kept (any non-ASCII character kept too), spaces
// become '-', other ASCII punctuation dropped.
std::string heading_slug(std::string_view heading);

// One path segment for a URL: like heading_slug, but never empty ("untitled").
std::string url_slug(std::string_view name);

// Key used to match link targets to titles, aliases and file names:
// lowercased (Unicode letters too), whitespace runs and '_' folded to one
// space, trimmed.
std::string lookup_key(std::string_view s);

// The order of every list of titles on a site: ASCII case-insensitive, then
// shorter first, then bytewise (so the order is total and stable).
bool title_less(const std::string& a, const std::string& b);

// 64-bit FNV-1a of the bytes: a fast, stable hash for cache file names
// (not for security), and its 16 lowercase hex digits.
uint64_t fnv1a64(std::string_view s);
std::string hex16(uint64_t v);

// Bytes of the first `code_points` characters of UTF-8 `s` (all of it when
// shorter).
size_t utf8_prefix_bytes(std::string_view s, size_t code_points);

// Levenshtein distance, bytes; stops early and returns limit+1 past `limit`.
size_t edit_distance(std::string_view a, std::string_view b, size_t limit);

// Escape &, <, >, " and ' for HTML text and attribute values.
std::string html_escape(std::string_view s);

// `s` with control characters (a newline, an escape sequence) as \xNN, for
// names printed in messages: a file name cannot split a line or reach the
// terminal as a command.
std::string escape_controls(std::string s);

// Appends `s` as a JSON string, quotes included: '"', '\\' and control
// characters escaped, other bytes as they are (for files kb writes in bulk,
// where building a JSON tree first would cost more than the writing).
void append_json_string(std::string& out, std::string_view s);

// Percent-encode what may not stand raw in an href path (space, %, ?, #, quotes,
// control bytes); '/' and UTF-8 are kept.
std::string url_encode_path(std::string_view s);

// Decode %XX escapes; nullopt on a malformed escape.
std::optional<std::string> url_decode(std::string_view s);

// Link from the page at site path `from` (e.g. "a/b.html") to site path `to`
// (e.g. "c/d.html#x"), relative so the site works from file:// and any
// sub-path: "../c/d.html#x". `to` may be "" for the site root index.
std::string relative_url(std::string_view from, std::string_view to);

// Append code point `cp` (at most U+10FFFF) to `out` as UTF-8.
void append_utf8(uint32_t cp, std::string& out);

// The code point at byte `i` of `s` (i < s.size()), `i` moved past it; a
// byte that starts no whole UTF-8 sequence reads as U+FFFD, one byte long.
uint32_t next_code_point(std::string_view s, size_t& i);

// Trim ASCII whitespace at both ends.
std::string_view trim(std::string_view s);

// The common English stop-word list (Snowball's): lower case, sorted. The
// text kernels remove these; search builds its own list from it.
const std::vector<std::string>& english_stop_words();

}  // namespace kb::text
