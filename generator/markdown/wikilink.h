// Finding Obsidian-style wikilinks and embeds in a run of plain text.
//
// Syntax (kb follows Obsidian where it is unambiguous):
//   [[Target]]  [[Target|label]]  [[Target#Heading]]  [[Target#Heading|label]]
//   [[#Heading]]  ![[file.png]]  ![[file.png|alt]]
// - The part before the first '|' is the target, split at its first '#'
//   into target and heading; the rest is the label. Each is trimmed of ASCII
//   whitespace. '|' splits even when written "\|" (how a wikilink with a label
//   is written inside a table cell).
// - Not a wikilink: a "[[" or "]]" with an escaped bracket (the author wrote
//   "\[\[x]]" to get brackets), an inside holding '[' or ']', or a link with
//   neither target nor heading ("[[]]", "[[|x]]", "[[#]]").
// - An embed needs an unescaped '!' right before "[[" and a non-empty target;
//   otherwise the '!' stays text and the rest is an ordinary wikilink.
// - Default label: "Target", "Target › Heading" (U+203A, the way breadcrumbs
//   read), or just "Heading" for a same-page link; an embed's default alt text
//   is its target (the file name).
// - An embed's size (Obsidian's image sizing): a last '|' part that is a
//   number or "WxH" (ASCII digits, 1..5 of them each) is the width, or the
//   width and height, not alt text: ![[a.png|300]], ![[a.png|300x200]],
//   ![[a.png|alt text|300]]. Any other label is alt text ("![[a.png|big]]").
//   split_size() reads the same off a markdown image's alt ("alt|300").
//
// Contract: a pure function over UTF-8 text; no state, safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kb::markdown {

struct Wikilink {
  size_t begin = 0;      // byte offset of the first '[' (or of an embed's '!')
  size_t end = 0;        // one past the closing "]]"
  bool embed = false;    // ![[...]]
  std::string target;    // may be "" for "[[#Heading]]"
  std::string fragment;  // heading, without '#'; may be ""
  std::string label;     // the written label, or the default one
  int width = 0;         // embeds only: the size written after the last '|'; 0 = none
  int height = 0;        // 0 = none (a height is only given with a width)
};

// A label's trailing size: "alt|300" gives "alt", 300, 0; "300x200" gives
// "", 300, 200; a label with no size is returned whole with 0, 0.
struct SizedLabel {
  std::string label;
  int width = 0;
  int height = 0;
};
SizedLabel split_size(std::string_view label);

// Every wikilink in `text`, left to right, non-overlapping. `escaped`, if not
// empty, has one flag per byte of `text`: true where that byte was written as
// a backslash escape or an entity, and so is not markup.
std::vector<Wikilink> find_wikilinks(std::string_view text, const std::vector<bool>& escaped);

// The label shown when the author gave none (see the syntax notes above).
std::string default_wikilink_label(std::string_view target, std::string_view fragment);

}  // namespace kb::markdown
