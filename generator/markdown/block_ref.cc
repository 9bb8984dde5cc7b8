#include "markdown/block_ref.h"

#include <cmark-gfm.h>

#include <string_view>
#include <unordered_set>

#include "core/text.h"
#include "markdown/cmark_handles.h"

namespace kb::markdown {
namespace {

bool id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

// The `^id` at the end of `s` (trailing blanks allowed): the offset of its
// '^', or npos. It must start the text or follow a space or tab; whether the
// start of `s` is the start of a line is the caller's to know.
size_t trailing_id(std::string_view s, bool at_line_start, std::string& id) {
  size_t end = s.size();
  while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\t')) --end;
  size_t begin = end;
  while (begin > 0 && id_char(s[begin - 1])) --begin;
  if (begin == end || begin == 0 || s[begin - 1] != '^') return std::string_view::npos;
  size_t caret = begin - 1;
  if (caret == 0 ? !at_line_start : (s[caret - 1] != ' ' && s[caret - 1] != '\t')) return std::string_view::npos;
  id = std::string(s.substr(begin, end - begin));
  return caret;
}

cmark_node_type type_of(cmark_node* n) { return cmark_node_get_type(n); }

// Takes the `^id` off the end of a paragraph; true if there was one. The
// paragraph may be left empty (the id stood on a line of its own).
bool strip_id(cmark_node* paragraph, std::string& id) {
  cmark_node* last = cmark_node_last_child(paragraph);
  if (!last || type_of(last) != CMARK_NODE_TEXT) return false;
  const char* lit = cmark_node_get_literal(last);
  std::string_view s = lit ? lit : "";
  cmark_node* prev = cmark_node_previous(last);
  bool line_start = !prev || type_of(prev) == CMARK_NODE_SOFTBREAK || type_of(prev) == CMARK_NODE_LINEBREAK;
  size_t caret = trailing_id(s, line_start, id);
  if (caret == std::string_view::npos) return false;
  std::string_view kept = s.substr(0, caret);
  while (!kept.empty() && (kept.back() == ' ' || kept.back() == '\t')) kept.remove_suffix(1);
  if (!kept.empty()) {
    cmark_node_set_literal(last, std::string(kept).c_str());
    return true;
  }
  cmark_node_free(last);
  // The line break before an id on a line of its own goes with it.
  if (cmark_node* p = cmark_node_last_child(paragraph);
      p && (type_of(p) == CMARK_NODE_SOFTBREAK || type_of(p) == CMARK_NODE_LINEBREAK))
    cmark_node_free(p);
  return true;
}

// Puts `block` inside a custom block that prints the anchor around it.
void wrap(cmark_node* block, const std::string& id) {
  NodePtr wrapper = new_node(CMARK_NODE_CUSTOM_BLOCK);
  std::string enter = "<div class=\"block-ref\" id=\"^" + text::html_escape(id) + "\">";
  cmark_node_set_on_enter(wrapper.get(), enter.c_str());
  cmark_node_set_on_exit(wrapper.get(), "</div>");
  if (!cmark_node_insert_before(block, wrapper.get())) return;
  cmark_node* w = wrapper.release();
  cmark_node_unlink(block);
  if (!cmark_node_append_child(w, block)) {  // cannot happen; keep the text either way
    cmark_node_insert_before(w, block);
    cmark_node_free(w);
  }
}

// An empty anchor before the text of a list item (a <div> cannot stand
// between <ul> and <li>).
void anchor_item(cmark_node* item, const std::string& id) {
  cmark_node* first = cmark_node_first_child(item);
  std::string html = "<span class=\"block-ref\" id=\"^" + text::html_escape(id) + "\"></span>";
  NodePtr span = new_node(CMARK_NODE_HTML_INLINE);
  cmark_node_set_literal(span.get(), html.c_str());
  if (first && type_of(first) == CMARK_NODE_PARAGRAPH && cmark_node_prepend_child(first, span.get())) span.release();
}

}  // namespace

bool is_block_id(const std::string& id) {
  if (id.empty()) return false;
  for (char c : id)
    if (!id_char(c)) return false;
  return true;
}

std::vector<BlockId> mark_block_refs(cmark_node* root, bool anchors, std::vector<BlockRefSlot>& slots,
                                     const std::vector<CalloutSlot>& callouts) {
  std::vector<BlockId> out;
  // Paragraphs ending in something like an id, found first: the tree is
  // edited after the walk.
  std::vector<cmark_node*> paragraphs;
  {
    IterPtr it(cmark_iter_new(root));
    for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
      cmark_node* n = cmark_iter_get_node(it.get());
      if (ev != CMARK_EVENT_ENTER || type_of(n) != CMARK_NODE_PARAGRAPH) continue;
      cmark_node* last = cmark_node_last_child(n);
      const char* lit = last && type_of(last) == CMARK_NODE_TEXT ? cmark_node_get_literal(last) : nullptr;
      if (lit && std::string_view(lit).find('^') != std::string_view::npos) paragraphs.push_back(n);
    }
  }
  std::unordered_set<std::string> seen;
  for (cmark_node* p : paragraphs) {
    std::string id;
    int line = cmark_node_get_end_line(p);
    if (!strip_id(p, id)) continue;
    cmark_node* named = p;
    if (!cmark_node_first_child(p)) {  // `^id` on its own: the block before it
      named = cmark_node_previous(p);
      cmark_node_free(p);
      // Not a heading: headings are linked by their text, and a later pass
      // replaces heading nodes (this one would dangle).
      if (!named || type_of(named) == CMARK_NODE_HEADING) continue;
    } else if (cmark_node* parent = cmark_node_parent(p);
               type_of(parent) == CMARK_NODE_ITEM && cmark_node_first_child(parent) == p) {
      named = parent;
    } else {
      for (const auto& c : callouts)
        if (c.title == p) named = c.block;
    }
    BlockId b;
    b.id = std::move(id);
    b.line = line;
    b.duplicate = !seen.insert(b.id).second;
    if (!b.duplicate) {
      slots.push_back(BlockRefSlot{named});
      if (anchors) {
        if (type_of(named) == CMARK_NODE_ITEM) anchor_item(named, b.id);
        else wrap(named, b.id);
      }
    } else {
      slots.push_back(BlockRefSlot{nullptr});
    }
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace kb::markdown
