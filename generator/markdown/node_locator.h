// Exact source positions for cmark-gfm inline nodes.
//
// Why: kb reports links as file:line:col, and the inline positions of
// cmark-gfm 0.29.0.gfm.6 are only roughly right:
//  - on a paragraph's continuation lines columns are counted from the
//    paragraph's first column, wrong for lazy or differently indented lines;
//  - line endings consumed inside an inline (a backslash hard break, a code
//    span or raw HTML running over lines, a link title on the next line) are
//    not counted, so later nodes of the paragraph report too low a line;
//  - nodes made by the autolink extension, and the text after them, have no
//    position at all;
//  - a paragraph that starts with a link reference definition counts its
//    inline lines from the definition's line;
//  - a table written right under a paragraph line leaves that paragraph
//    with line 0 and positions counted within itself, and gives the table's
//    header row the paragraph's first line and columns counted from the
//    paragraph's start; body-row cells can be a column off.
// So NodeLocator re-reads each leaf block (paragraph, heading; a table row
// as a whole, cell after cell between its pipes) once, in order, with a
// cursor over its source lines. Each text node is matched against the source
// bytes (source_map.h): right at the cursor if it fits there (nothing came
// between it and the previous node), else at cmark's position where that is
// known to be right (the block's first line, or a line whose offset an
// earlier node showed), else at the first place after the cursor. Code
// spans, raw HTML, footnote references and link syntax move the cursor past
// themselves, and so do math spans (math.h), which are also placed. Matching
// also tells which brackets were written escaped.
// Random garbage can still defeat it (cmark-gfm drops text in some broken
// footnote references); then cmark's own position is returned.
//
// Contract: borrows the source text and the tree, which must outlive it.
// note_table() must be called for every table before the first place_*()
// call. A block is read on the first query about a node in it; afterwards
// nodes of the tree may be replaced, but only nodes that were in the tree at
// that first read may be asked about. Not thread-safe; one per parse.
#pragma once

#include <cmark-gfm.h>

#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "markdown/source_map.h"

namespace kb::markdown {

class NodeLocator {
 public:
  explicit NodeLocator(std::string_view source) : lines_(source) {}

  // Records the repairs a table right under a paragraph line needs.
  void note_table(cmark_node* table);

  struct TextPlace {
    int line = 0;     // 1-based line of the text; 0 if unknown
    long start = -1;  // byte offset of its first byte in the line, or -1 if
                      // the literal was not found there (map then unset)
    long hint = 0;    // best guess at `start` when it is -1
  };
  // Where text node `text` was written; fills `map` when found.
  TextPlace place_text(cmark_node* text, LiteralMap& map);

  struct LinkPlace {
    int line = 0;
    int column = 0;  // 1-based byte column of '[' (link) or '!' (image)
  };
  LinkPlace place_link(cmark_node* link);
  // Where a math node's opening `$` (or `$$`) was written.
  LinkPlace place_math(cmark_node* math);

 private:
  struct Fixup {
    bool relative_line;  // true: line = reported + `line`; false: line = `line`
    int line;
    long col_shift;  // 0-based column = reported 1-based column - 1 + col_shift
    int last_line;   // the block's true last line
  };
  struct Spot {
    int line = 0;
    long pos = 0;  // byte offset in the line
  };

  const Fixup* fixup_for(cmark_node* node) const;
  Spot reported(cmark_node* node, const Fixup* fixup) const;
  Spot fallback(cmark_node* node) const;
  // The unit read in one go for `node` (its leaf block, or the table row
  // for a cell), read now if it was not yet.
  cmark_node* unit_of(cmark_node* node);
  void read_block(cmark_node* block);

  SourceLines lines_;
  std::unordered_map<const cmark_node*, Fixup> fixups_;  // block -> repair
  std::unordered_set<const cmark_node*> read_;           // blocks read so far
  std::unordered_map<const cmark_node*, Spot> text_at_;  // text node -> start
  std::unordered_map<const cmark_node*, Spot> link_at_;  // link -> '[' / image -> '!'
  std::unordered_map<const cmark_node*, Spot> math_at_;  // math node -> its opening '$'
};

}  // namespace kb::markdown
