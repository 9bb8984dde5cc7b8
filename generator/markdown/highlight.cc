#include "markdown/highlight.h"

#include <cmark-gfm.h>

#include <string>
#include <string_view>
#include <vector>

namespace kb::markdown {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

struct Marker {
  cmark_node* text;  // the text node holding it
  size_t at;         // byte offset of the first '='
  bool can_open;
  bool can_close;
};

// Whether `n` (a sibling beside a marker) reads as white space: nothing,
// or a line break.
bool blank(cmark_node* n) {
  if (!n) return true;
  cmark_node_type t = cmark_node_get_type(n);
  return t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK;
}

// `==` runs of exactly two in one text node, with what they may do. At a
// node's edge the neighbouring node decides: markup (`==*a*==`) is not
// space, a line break or the container's edge is.
void find_markers(cmark_node* text, std::vector<Marker>& out) {
  const char* lit = cmark_node_get_literal(text);
  if (!lit) return;
  std::string_view s(lit);
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] != '=' || s[i + 1] != '=') continue;
    size_t end = i;
    while (end < s.size() && s[end] == '=') ++end;
    if (end - i == 2) {
      bool before_space = i == 0 ? blank(cmark_node_previous(text)) : is_space(s[i - 1]);
      bool after_space = end == s.size() ? blank(cmark_node_next(text)) : is_space(s[end]);
      out.push_back({text, i, !after_space, !before_space});
    }
    i = end - 1;
  }
}

cmark_node* html_inline(const char* html) {
  cmark_node* n = cmark_node_new(CMARK_NODE_HTML_INLINE);
  cmark_node_set_literal(n, html);
  return n;
}

// Replaces the two '=' at `at` in `text` with `html`: text before, the html
// node, text after (empty text nodes are not made).
void replace_marker(cmark_node* text, size_t at, const char* html) {
  std::string lit = cmark_node_get_literal(text);
  std::string before = lit.substr(0, at), after = lit.substr(at + 2);
  cmark_node* mark = html_inline(html);
  cmark_node_insert_after(text, mark);
  if (!after.empty()) {
    cmark_node* rest = cmark_node_new(CMARK_NODE_TEXT);
    cmark_node_set_literal(rest, after.c_str());
    cmark_node_insert_after(mark, rest);
  }
  if (before.empty()) {
    cmark_node_free(text);
  } else {
    cmark_node_set_literal(text, before.c_str());
  }
}

bool holds_inlines(cmark_node* n) {
  switch (cmark_node_get_type(n)) {
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_HEADING:
    case CMARK_NODE_EMPH:
    case CMARK_NODE_STRONG:
    case CMARK_NODE_LINK:
      return true;
    default: {
      // Table cells and strikethrough come from extensions: any node whose
      // first child is inline holds inlines.
      cmark_node* child = cmark_node_first_child(n);
      return child && (cmark_node_get_type(child) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_INLINE;
    }
  }
}

int mark_in(cmark_node* parent) {
  std::vector<Marker> markers;
  for (cmark_node* c = cmark_node_first_child(parent); c; c = cmark_node_next(c))
    if (cmark_node_get_type(c) == CMARK_NODE_TEXT) find_markers(c, markers);
  // Pair each opener with the next closer after it.
  std::vector<std::pair<Marker, Marker>> pairs;
  for (size_t i = 0; i < markers.size(); ++i) {
    if (!markers[i].can_open) continue;
    for (size_t j = i + 1; j < markers.size(); ++j) {
      if (!markers[j].can_close) continue;
      pairs.emplace_back(markers[i], markers[j]);
      i = j;
      break;
    }
  }
  // Last first, so earlier offsets in a node stay valid.
  std::vector<std::pair<Marker, const char*>> edits;
  for (const auto& [open, close] : pairs) {
    edits.emplace_back(open, "<mark>");
    edits.emplace_back(close, "</mark>");
  }
  for (auto it = edits.rbegin(); it != edits.rend(); ++it) replace_marker(it->first.text, it->first.at, it->second);
  return static_cast<int>(pairs.size());
}

}  // namespace

int mark_highlights(cmark_node* root) {
  // Containers first, collected, since marking changes the tree.
  std::vector<cmark_node*> containers;
  cmark_iter* it = cmark_iter_new(root);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    if (ev == CMARK_EVENT_ENTER && n != root && holds_inlines(n)) containers.push_back(n);
  }
  cmark_iter_free(it);
  int marked = 0;
  for (cmark_node* c : containers) marked += mark_in(c);
  return marked;
}

}  // namespace kb::markdown
