#include "markdown/inline_tags.h"

#include <cmark-gfm.h>

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "core/text.h"
#include "markdown/cmark_handles.h"

namespace kb::markdown {
namespace {

bool ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool ascii_tag_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         c == '/';
}

// White space and punctuation outside ASCII end a tag; every other
// character (letters of any script, digits, marks, emoji) belongs to it.
bool unicode_tag_char(char32_t cp) {
  if (cp >= 0xA0 && cp <= 0xBF) return cp == 0xAA || cp == 0xB5 || cp == 0xBA;  // Latin-1 punctuation, NBSP
  if (cp == 0xD7 || cp == 0xF7) return false;                                     // × ÷
  if (cp >= 0x2000 && cp <= 0x206F) return false;  // general punctuation, spaces, quotes, dashes
  if (cp >= 0x2E00 && cp <= 0x2E7F) return false;  // supplemental punctuation
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK spaces and punctuation
  if (cp >= 0xFE30 && cp <= 0xFE4F) return false;  // CJK compatibility forms
  if (cp >= 0xFF01 && cp <= 0xFF0F) return false;  // fullwidth ASCII punctuation
  if (cp >= 0xFF1A && cp <= 0xFF20) return false;
  if (cp >= 0xFF3B && cp <= 0xFF40) return false;
  if (cp >= 0xFF5B && cp <= 0xFF65) return false;
  if (cp == 0x1680 || cp == 0x0085 || cp == 0xFEFF || cp == 0xFFFD) return false;
  return true;
}

// Whether what comes before `node` (in its block) ends in white space or a
// line break, or nothing comes before it.
bool clear_before(cmark_node* node) {
  for (cmark_node* cur = node; cur;) {
    if (cmark_node* prev = cmark_node_previous(cur)) {
      switch (cmark_node_get_type(prev)) {
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK: return true;
        case CMARK_NODE_TEXT: {
          const char* s = cmark_node_get_literal(prev);
          size_t n = s ? std::strlen(s) : 0;
          return n == 0 ? false : ascii_space(s[n - 1]);
        }
        default: return false;
      }
    }
    cmark_node* parent = cmark_node_parent(cur);
    if (!parent || (cmark_node_get_type(parent) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK) return true;
    cur = parent;  // the first inline of emphasis, strong, ...: what precedes that
  }
  return true;
}

// An author's raw inline `<a ...>` (1) or `</a>` (-1), else 0.
int raw_anchor(std::string_view html) {
  auto starts = [&](std::string_view p) {
    if (html.size() <= p.size()) return false;
    for (size_t i = 0; i < p.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(html[i])) != p[i]) return false;
    char next = html[p.size()];
    return ascii_space(next) || next == '>' || next == '/';
  };
  if (starts("</a")) return -1;
  if (starts("<a")) return 1;
  return 0;
}

}  // namespace

std::vector<TagMatch> find_inline_tags(std::string_view text, bool clear, const std::vector<bool>& escaped) {
  std::vector<TagMatch> found;
  for (size_t i = text.find('#'); i != std::string_view::npos; i = text.find('#', i + 1)) {
    bool starts = i == 0 ? clear : ascii_space(text[i - 1]);
    if (!starts || (!escaped.empty() && escaped[i])) continue;
    size_t end = i + 1;
    bool word = false;  // a character that is neither a digit nor '/'
    while (end < text.size()) {
      char c = text[end];
      if (static_cast<unsigned char>(c) < 0x80) {
        if (!ascii_tag_char(c)) break;
        if ((c < '0' || c > '9') && c != '/') word = true;
        ++end;
        continue;
      }
      size_t next = end;
      if (!unicode_tag_char(text::next_code_point(text, next))) break;
      word = true;
      end = next;
    }
    while (end > i + 1 && text[end - 1] == '/') --end;
    if (!word || text[i + 1] == '/' || end == i + 1) continue;
    std::string name = text::to_lower(text.substr(i + 1, end - i - 1));
    found.push_back({i, end, std::move(name)});
    i = end - 1;
  }
  return found;
}

std::vector<TagSlot> mark_inline_tags(cmark_node* root, const std::unordered_set<cmark_node*>& skip,
                                      const EscapesOf& escapes, std::vector<std::string>& names) {
  // The text nodes to look in, found first: splitting them while iterating
  // would confuse the iterator.
  std::vector<cmark_node*> texts;
  int in_link = 0;
  std::unordered_map<cmark_node*, int> raw_a;  // container -> open raw <a> elements in it
  IterPtr it(cmark_iter_new(root));
  for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it.get());
    cmark_node_type type = cmark_node_get_type(n);
    if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
      in_link += ev == CMARK_EVENT_ENTER ? 1 : -1;
      continue;
    }
    if (ev != CMARK_EVENT_ENTER) continue;
    if (type == CMARK_NODE_HTML_INLINE) {
      const char* s = cmark_node_get_literal(n);
      if (int d = raw_anchor(s ? s : "")) {
        int& open = raw_a[cmark_node_parent(n)];
        open = std::max(0, open + d);
      }
      continue;
    }
    if (type != CMARK_NODE_TEXT || in_link > 0 || skip.count(n)) continue;
    if (auto a = raw_a.find(cmark_node_parent(n)); a != raw_a.end() && a->second > 0) continue;
    const char* s = cmark_node_get_literal(n);
    if (s && std::strchr(s, '#')) texts.push_back(n);
  }

  std::vector<TagSlot> slots;
  for (cmark_node* text : texts) {
    std::string literal(cmark_node_get_literal(text));
    const std::vector<bool>* esc = escapes ? escapes(text) : nullptr;
    static const std::vector<bool> kNone;
    std::vector<TagMatch> tags =
        find_inline_tags(literal, clear_before(text), esc && esc->size() == literal.size() ? *esc : kNone);
    if (tags.empty()) continue;
    std::vector<NodePtr> pieces;
    std::vector<TagSlot> made;
    auto add_text = [&](size_t from, size_t to) {
      if (from >= to) return;
      NodePtr t = new_node(CMARK_NODE_TEXT);
      cmark_node_set_literal(t.get(), literal.substr(from, to - from).c_str());
      pieces.push_back(std::move(t));
    };
    size_t pos = 0;
    for (auto& tag : tags) {
      add_text(pos, tag.begin);
      TagSlot slot;
      pieces.push_back(new_node(CMARK_NODE_HTML_INLINE));
      slot.open = pieces.back().get();
      add_text(tag.begin, tag.end);
      pieces.push_back(new_node(CMARK_NODE_HTML_INLINE));
      slot.close = pieces.back().get();
      slot.name = std::move(tag.name);
      made.push_back(std::move(slot));
      pos = tag.end;
    }
    add_text(pos, literal.size());
    size_t done = 0;
    for (; done < pieces.size(); ++done)
      if (!cmark_node_insert_before(text, pieces[done].get())) break;
    if (done < pieces.size()) {  // the tree refused: leave it as it was
      for (size_t k = 0; k < done; ++k) cmark_node_unlink(pieces[k].get());
      continue;
    }
    for (auto& p : pieces) p.release();
    cmark_node_unlink(text);
    NodePtr freed(text);
    for (auto& slot : made) {
      if (std::find(names.begin(), names.end(), slot.name) == names.end()) names.push_back(slot.name);
      slots.push_back(std::move(slot));
    }
  }
  return slots;
}

std::string tag_open_html(std::string_view href) {
  if (href.empty()) return "<span class=\"tag\">";
  return "<a class=\"tag\" href=\"" + text::html_escape(href) + "\">";
}

std::string tag_close_html(std::string_view href) { return href.empty() ? "</span>" : "</a>"; }

}  // namespace kb::markdown
