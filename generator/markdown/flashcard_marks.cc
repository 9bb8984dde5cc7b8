#include "markdown/flashcard_marks.h"

#include <cmark-gfm.h>

#include <string>
#include <string_view>
#include <vector>

namespace kb::markdown {
namespace {

cmark_node* html(const char* s) {
  cmark_node* n = cmark_node_new(CMARK_NODE_HTML_INLINE);
  cmark_node_set_literal(n, s);
  return n;
}

cmark_node* text(const std::string& s) {
  cmark_node* n = cmark_node_new(CMARK_NODE_TEXT);
  cmark_node_set_literal(n, s.c_str());
  return n;
}

bool is_break(cmark_node* n) {
  cmark_node_type t = cmark_node_get_type(n);
  return t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK;
}

std::string_view literal(cmark_node* n) {
  const char* s = cmark_node_get_literal(n);
  return s ? std::string_view(s) : std::string_view();
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t") == std::string_view::npos; }

constexpr const char kOpen[] = "<span class=\"flashcard\"><span class=\"card-q\">";
constexpr const char* kTurn = kCardTurn;
constexpr const char kClose[] = "</span></span>";

// The paragraph's lines: its children between line breaks.
std::vector<std::vector<cmark_node*>> lines_of(cmark_node* p) {
  std::vector<std::vector<cmark_node*>> lines(1);
  for (cmark_node* c = cmark_node_first_child(p); c; c = cmark_node_next(c)) {
    if (is_break(c)) lines.emplace_back();
    else lines.back().push_back(c);
  }
  return lines;
}

// A line holding only "?" or "??".
bool turn_line(const std::vector<cmark_node*>& line) {
  if (line.size() != 1 || cmark_node_get_type(line[0]) != CMARK_NODE_TEXT) return false;
  std::string_view s = literal(line[0]);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s == "?" || s == "??";
}

bool multi_line(cmark_node* p) {
  auto lines = lines_of(p);
  for (size_t k = 1; k + 1 < lines.size(); ++k) {
    if (!turn_line(lines[k]) || lines[k - 1].empty() || lines[k + 1].empty()) continue;
    cmark_node* mark = lines[k][0];
    // The breaks around the "?" line go with it.
    cmark_node* before = cmark_node_previous(mark);
    cmark_node* after = cmark_node_next(mark);
    cmark_node_insert_before(mark, html(kTurn));
    if (before && is_break(before)) cmark_node_free(before);
    if (after && is_break(after)) cmark_node_free(after);
    cmark_node_free(mark);
    cmark_node_prepend_child(p, html(kOpen));
    cmark_node_append_child(p, html(kClose));
    return true;
  }
  return false;
}

// One line as a single-line card, if it is one.
bool single_line(const std::vector<cmark_node*>& line) {
  for (size_t i = 0; i < line.size(); ++i) {
    cmark_node* n = line[i];
    if (cmark_node_get_type(n) != CMARK_NODE_TEXT) continue;
    std::string s(literal(n));
    size_t at = s.find("::");
    if (at == std::string::npos) continue;
    size_t sep = at + 2 < s.size() && s[at + 2] == ':' ? 3 : 2;
    if (at + sep < s.size() && s[at + sep] == ':') return false;  // "::::" is no separator
    const bool front = !blank(std::string_view(s).substr(0, at)) || i > 0;
    const bool back = !blank(std::string_view(s).substr(at + sep)) || i + 1 < line.size();
    if (!front || !back) return false;
    std::string before = s.substr(0, at), after = s.substr(at + sep);
    while (!before.empty() && before.back() == ' ') before.pop_back();
    size_t lead = after.find_first_not_of(' ');
    after = lead == std::string::npos ? std::string() : after.substr(lead);
    cmark_node* turn = html(kTurn);
    cmark_node_insert_after(n, turn);
    if (!after.empty()) cmark_node_insert_after(turn, text(after));
    if (before.empty()) cmark_node_free(n);
    else cmark_node_set_literal(n, before.c_str());
    cmark_node* first = i == 0 && before.empty() ? turn : line.front();
    cmark_node_insert_before(first, html(kOpen));
    cmark_node* last = line.back() == n ? (after.empty() ? turn : cmark_node_next(turn)) : line.back();
    cmark_node_insert_after(last, html(kClose));
    return true;
  }
  return false;
}

// `{{text}}` in one text node: the span marked.
int clozes_in(cmark_node* n) {
  int marked = 0;
  for (;;) {
    std::string s(literal(n));
    size_t open = s.find("{{");
    if (open == std::string::npos) return marked;
    size_t close = s.find("}}", open + 2);
    if (close == std::string::npos || close == open + 2) return marked;
    std::string before = s.substr(0, open), inner = s.substr(open + 2, close - open - 2), after = s.substr(close + 2);
    cmark_node* start = html("<span class=\"cloze\">");
    cmark_node_insert_after(n, start);
    cmark_node* body = text(inner);
    cmark_node_insert_after(start, body);
    cmark_node* end = html("</span>");
    cmark_node_insert_after(body, end);
    ++marked;
    if (before.empty()) cmark_node_free(n);
    else cmark_node_set_literal(n, before.c_str());
    if (after.empty()) return marked;
    n = text(after);
    cmark_node_insert_after(end, n);
  }
}

}  // namespace

int mark_flashcards(cmark_node* root) {
  std::vector<cmark_node*> paragraphs;
  cmark_iter* it = cmark_iter_new(root);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH) paragraphs.push_back(n);
  }
  cmark_iter_free(it);
  int marked = 0;
  for (cmark_node* p : paragraphs) {
    if (multi_line(p)) {
      ++marked;
    } else {
      for (const auto& line : lines_of(p)) marked += single_line(line);
    }
    std::vector<cmark_node*> texts;
    for (cmark_node* c = cmark_node_first_child(p); c; c = cmark_node_next(c))
      if (cmark_node_get_type(c) == CMARK_NODE_TEXT) texts.push_back(c);
    for (cmark_node* t : texts) marked += clozes_in(t);
  }
  return marked;
}

}  // namespace kb::markdown
