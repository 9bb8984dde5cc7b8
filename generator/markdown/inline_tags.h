// Inline tags: Obsidian's `#tag` and `#parent/child` written in a note's body.
//
// Rules (Obsidian's, help.obsidian.md "Tags"):
// - A tag is '#' then one or more of: letters and digits of any script
//   (any non-ASCII character that is not white space or punctuation, so
//   emoji too), '_', '-' and '/' (nested tags: `#ml/metrics`). It must hold
//   one character that is neither a digit nor '/': `#1984` and `#2024/05`
//   are not tags, `#y1984` is. It ends at white space, ASCII punctuation
//   other than those three, or Unicode punctuation: `#tag.` is "tag". A '/'
//   at its end is not part of it, one right after the '#' makes no tag.
// - The '#' starts the text or follows white space or a line break: `C#`,
//   `x#y`, `a/#b` and a URL's `/#frag` are not tags; `#NotAHeading` at the
//   start of a line is one (cmark reads it as a paragraph; a heading's own
//   `# ` marks never reach the text). At the start of a text node, the text
//   before it decides (`*a* #b`, `**#b**` after a space are tags).
// - Never inside code spans or blocks, math, raw HTML blocks, links (the
//   text of a markdown link or image, an autolinked URL, a wikilink's label,
//   the text inside a raw `<a>`), nor when the '#' was written `\#` or as an
//   entity.
// - Tags are case-insensitive, as in Obsidian: a tag's name is its text
//   lowercased (Unicode), the form front-matter tags take too; the page
//   shows it as written.
//
// Contract: find_inline_tags() is a pure function over UTF-8 text.
// mark_inline_tags() rewrites the AST in place: each tag becomes kb's inline
// HTML open node, a text node with the tag as written ("#ML") and a close
// node, whose HTML the renderer writes (tag_open_html/tag_close_html). It
// runs after the passes that need source positions (it splits text nodes).
// Never fails; thread-safe for distinct trees.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

struct cmark_node;

namespace kb::markdown {

struct TagMatch {
  size_t begin = 0;   // byte offset of the '#'
  size_t end = 0;     // one past the tag's last byte
  std::string name;   // lowercased, without '#': "ml/metrics"
};

// Every tag in `text`, left to right. `clear_before`: whether a '#' at
// offset 0 may start a tag (the text before it ends in white space, or there
// is none). `escaped`, if not empty, has one flag per byte: true where the
// byte was written as a backslash escape or an entity.
std::vector<TagMatch> find_inline_tags(std::string_view text, bool clear_before,
                                       const std::vector<bool>& escaped = {});

struct TagSlot {
  cmark_node* open = nullptr;   // inline HTML before the tag's text
  cmark_node* close = nullptr;  // inline HTML after it
  std::string name;
};

// The escape flags of a text node's literal (as find_inline_tags takes
// them), or null when not known.
using EscapesOf = std::function<const std::vector<bool>*(cmark_node* text)>;

// Marks the tags of every text node under `root` except those in `skip`
// (wikilink labels), in document order; adds each distinct name to `names`
// (first use first).
std::vector<TagSlot> mark_inline_tags(cmark_node* root, const std::unordered_set<cmark_node*>& skip,
                                      const EscapesOf& escapes, std::vector<std::string>& names);

// The HTML around a tag's text: a link to its page when `href` is not
// empty, else a span.
std::string tag_open_html(std::string_view href);
std::string tag_close_html(std::string_view href);

}  // namespace kb::markdown
