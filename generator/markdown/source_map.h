// Mapping cmark-gfm text nodes back to the exact bytes the author typed.
//
// Why: a text node's literal has escapes and entities decoded ("\[" is "[",
// "&amp;" is "&"), so byte i of the literal is not byte i of the source. kb
// reports broken links as file:line:col and must tell "\[\[x]]" from "[[x]]",
// so it matches each literal back against the source line it came from (see
// node_locator.h for finding that line).
//
// Contract: pure functions and a read-only view; SourceLines borrows the
// text it is given, which must outlive it. No global state; safe from any
// thread.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace kb::markdown {

// The lines of a markdown text, numbered as cmark-gfm numbers them: "\n",
// "\r\n" and "\r" each end a line, and a leading UTF-8 byte-order mark is not
// part of line 1 (cmark skips it, so columns start after it).
class SourceLines {
 public:
  explicit SourceLines(std::string_view text);
  // Line `n` (1-based) without its line ending; "" when out of range.
  std::string_view line(int n) const;
  int count() const { return static_cast<int>(starts_.size()); }

 private:
  std::string_view text_;
  std::vector<size_t> starts_;  // offset of each line's first byte
};

// Where each byte of a text node's literal was written.
struct LiteralMap {
  std::vector<uint32_t> offset;  // byte offset in the source line
  std::vector<bool> escaped;     // written as "\x" or an entity: not markup
  size_t end = 0;                // one past the last source byte matched
};

// Matches `literal` against `line` starting exactly at byte `start`,
// undoing what cmark does to text: backslash escapes of ASCII punctuation,
// entity and numeric character references, NUL becoming U+FFFD, a tab partly
// used as indentation becoming spaces, and "\\|" in tables. The source may
// go on after the match. Fills `map` and returns true on success.
bool match_literal_at(std::string_view line, size_t start, std::string_view literal,
                      LiteralMap& map);

// The same match without the map (cheaper): `end` is one past the last
// source byte matched.
bool match_literal_end(std::string_view line, size_t start, std::string_view literal, size_t& end);

}  // namespace kb::markdown
