#include "markdown/task_marks.h"

#include <cmark-gfm.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"

namespace kb::markdown {
namespace {

// Marks `item` if its first paragraph opens with `[c] `.
bool mark(cmark_node* item) {
  cmark_node* para = cmark_node_first_child(item);
  if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH) return false;
  // The paragraph's leading text, across the text nodes cmark split it into
  // ("[" is a node of its own when no link follows).
  std::vector<cmark_node*> texts;
  std::string lead;
  for (cmark_node* n = cmark_node_first_child(para); n && cmark_node_get_type(n) == CMARK_NODE_TEXT && lead.size() < 8;
       n = cmark_node_next(n)) {
    texts.push_back(n);
    lead += cmark_node_get_literal(n);
  }
  if (lead.size() < 4 || lead[0] != '[') return false;
  const size_t len = text::utf8_prefix_bytes(std::string_view(lead).substr(1), 1);
  if (lead.size() < 3 + len || lead[1] == ' ' || lead[1] == '\t' || lead[1 + len] != ']' || lead[2 + len] != ' ')
    return false;
  const std::string state = lead.substr(1, len);
  // Take the marker's bytes out of the leading text nodes.
  size_t drop = 3 + len;
  for (cmark_node* n : texts) {
    if (drop == 0) break;
    std::string lit = cmark_node_get_literal(n);
    const size_t cut = std::min(drop, lit.size());
    drop -= cut;
    if (cut == lit.size()) cmark_node_free(n);
    else cmark_node_set_literal(n, lit.substr(cut).c_str());
  }
  cmark_node* box = cmark_node_new(CMARK_NODE_HTML_INLINE);
  const std::string html = "<input type=\"checkbox\" checked=\"\" disabled=\"\" data-task=\"" + text::html_escape(state) + "\" /> ";
  cmark_node_set_literal(box, html.c_str());
  cmark_node_prepend_child(para, box);
  return true;
}

}  // namespace

int mark_tasks(cmark_node* root) {
  std::vector<cmark_node*> items;
  cmark_iter* it = cmark_iter_new(root);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_ITEM) items.push_back(n);
  }
  cmark_iter_free(it);
  int marked = 0;
  for (cmark_node* item : items) marked += mark(item);
  return marked;
}

}  // namespace kb::markdown
