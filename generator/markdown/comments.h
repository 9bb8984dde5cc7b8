// Comments: Obsidian's `%%…%%`, private remarks that never reach the site.
//
// Obsidian treats `%%` lexically: a comment may sit inside a line or run over
// several lines, paragraphs and lists, and what it hides is not markdown at
// all. So this is a pass over the source, before cmark-gfm parses it, and not
// over the AST: every byte of a comment (its `%%` markers included) becomes a
// space, line breaks stay, so every other byte keeps its line and column and
// the parse, the link positions and the error places are as if the comment
// were blank space. Not comments: `%%` inside a fenced code block or a code
// span (written in the note's own code). A `%%` never closed hides the rest
// of the note, as in Obsidian.
//
// Contract: pure; never fails; returns `source` unchanged (and reports 0)
// when it holds no comment.
#pragma once

#include <string>
#include <string_view>

namespace kb::markdown {

// The source with its comments blanked; `count` (optional) gets how many.
std::string blank_comments(std::string_view source, size_t* count = nullptr);

}  // namespace kb::markdown
