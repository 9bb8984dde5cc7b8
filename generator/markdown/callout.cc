#include "markdown/callout.h"

#include <cmark-gfm.h>

#include <array>
#include <utility>

#include "core/text.h"

namespace kb::markdown {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 28> kTypes = {{
    {"note", "note"},         {"abstract", "abstract"}, {"summary", "abstract"}, {"tldr", "abstract"},
    {"info", "info"},         {"todo", "todo"},         {"tip", "tip"},          {"hint", "tip"},
    {"important", "tip"},     {"success", "success"},   {"check", "success"},    {"done", "success"},
    {"question", "question"}, {"help", "question"},     {"faq", "question"},     {"warning", "warning"},
    {"caution", "warning"},   {"attention", "warning"}, {"failure", "failure"},  {"fail", "failure"},
    {"missing", "failure"},   {"danger", "danger"},     {"error", "danger"},     {"bug", "bug"},
    {"example", "example"},   {"quote", "quote"},       {"cite", "quote"},       {"", ""},
}};

// Icons drawn for kb on a 24-unit grid, stroked in currentColor.
std::string_view icon_path(std::string_view type) {
  if (type == "abstract") return "<rect x=\"5\" y=\"4\" width=\"14\" height=\"17\" rx=\"2\"/><path d=\"M9 9h6M9 13h6M9 17h4\"/>";
  if (type == "info") return "<circle cx=\"12\" cy=\"12\" r=\"9\"/><path d=\"M12 11v6M12 7.5v.5\"/>";
  if (type == "todo") return "<circle cx=\"12\" cy=\"12\" r=\"9\"/><path d=\"M8 12l3 3 5-6\"/>";
  if (type == "tip") return "<path d=\"M12 3c1 4 5 5 5 10a5 5 0 0 1-10 0c0-3 2-4 2-6 1 1 2 2 2 3 1-2 1-4 1-7z\"/>";
  if (type == "success") return "<path d=\"M5 12l4 4 10-10\"/>";
  if (type == "question") return "<circle cx=\"12\" cy=\"12\" r=\"9\"/><path d=\"M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6M12 17v.5\"/>";
  if (type == "warning") return "<path d=\"M12 4l9 16H3z\"/><path d=\"M12 10v4M12 17v.5\"/>";
  if (type == "failure") return "<path d=\"M6 6l12 12M18 6L6 18\"/>";
  if (type == "danger") return "<path d=\"M13 3L5 14h6l-1 7 8-11h-6z\"/>";
  if (type == "bug") return "<rect x=\"8\" y=\"7\" width=\"8\" height=\"13\" rx=\"4\"/><path d=\"M12 11v9M4 13h4M16 13h4M5 8l3 2M19 8l-3 2M5 19l3-2M19 19l-3-2\"/>";
  if (type == "example") return "<path d=\"M9 6h11M9 12h11M9 18h11M4 6h.5M4 12h.5M4 18h.5\"/>";
  if (type == "quote") return "<path d=\"M5 17c2 0 4-2 4-5V7H5v5h3M14 17c2 0 4-2 4-5V7h-4v5h3\"/>";
  return "<path d=\"M4 20l4-1 11-11-3-3L5 16z\"/><path d=\"M14 6l3 3\"/>";  // note: a pencil
}

bool is_break(cmark_node* n) {
  cmark_node_type t = cmark_node_get_type(n);
  return t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK;
}

struct Header {
  std::string name;     // as written
  char fold = 0;        // '-', '+' or 0
  size_t length = 0;    // bytes of "[!name]" plus the fold sign and the spaces after
};

// "[!tip]- Title" at the start of a text literal.
bool read_header(std::string_view s, Header& h) {
  if (s.size() < 3 || s[0] != '[' || s[1] != '!') return false;
  size_t close = s.find(']', 2);
  if (close == std::string_view::npos || close == 2) return false;
  for (size_t i = 2; i < close; ++i) {
    char c = s[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  h.name = std::string(s.substr(2, close - 2));
  size_t i = close + 1;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) h.fold = s[i++];
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  h.length = i;
  return true;
}

cmark_node* make_text(const std::string& s) {
  cmark_node* t = cmark_node_new(CMARK_NODE_TEXT);
  cmark_node_set_literal(t, s.c_str());
  return t;
}

}  // namespace

std::string_view callout_type(std::string_view name) {
  std::string lower = text::to_lower(name);
  for (const auto& [alias, type] : kTypes)
    if (!alias.empty() && alias == lower) return type;
  return "";
}

std::string callout_icon(std::string_view type) {
  return "<svg class=\"callout-icon\" viewBox=\"0 0 24 24\" width=\"18\" height=\"18\" fill=\"none\" "
         "stroke=\"currentColor\" stroke-width=\"2\" stroke-linecap=\"round\" stroke-linejoin=\"round\" "
         "aria-hidden=\"true\" focusable=\"false\">" +
         std::string(icon_path(type)) + "</svg>";
}

std::vector<CalloutSlot> make_callouts(cmark_node* root) {
  std::vector<cmark_node*> quotes;
  cmark_iter* it = cmark_iter_new(root);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_BLOCK_QUOTE) quotes.push_back(n);
  }
  cmark_iter_free(it);

  std::vector<CalloutSlot> slots;
  for (cmark_node* quote : quotes) {
    cmark_node* para = cmark_node_first_child(quote);
    if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH) continue;
    cmark_node* first = cmark_node_first_child(para);
    if (!first || cmark_node_get_type(first) != CMARK_NODE_TEXT) continue;
    std::string literal = cmark_node_get_literal(first);
    Header h;
    if (!read_header(literal, h)) continue;

    std::string_view known = callout_type(h.name);
    std::string type = known.empty() ? "note" : std::string(known);
    std::string lower_name = text::to_lower(h.name);

    // The title: what follows the header on its line.
    std::string rest = literal.substr(h.length);
    cmark_node* title = cmark_node_new(CMARK_NODE_PARAGRAPH);
    if (rest.empty()) {
      cmark_node_free(first);
    } else {
      cmark_node_set_literal(first, rest.c_str());
    }
    while (cmark_node* c = cmark_node_first_child(para)) {
      if (is_break(c)) {
        cmark_node_free(c);  // the body starts on the next line
        break;
      }
      cmark_node_append_child(title, c);  // moves it
    }
    if (!cmark_node_first_child(title)) {
      std::string name = h.name;
      name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
      cmark_node_append_child(title, make_text(name));
    }

    cmark_node* block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
    cmark_node_insert_before(quote, block);
    cmark_node_append_child(block, title);
    if (!cmark_node_first_child(para)) cmark_node_free(para);
    bool has_body = false;
    while (cmark_node* c = cmark_node_first_child(quote)) {
      cmark_node_append_child(block, c);
      has_body = true;
    }
    cmark_node_free(quote);

    CalloutSlot slot;
    slot.block = block;
    slot.title = title;
    std::string attrs = " class=\"callout callout-" + type + "\" data-callout=\"" + text::html_escape(lower_name) + "\"";
    std::string body_open = has_body ? "<div class=\"callout-content\">\n" : "";
    std::string body_close = has_body ? "</div>\n" : "";
    if (h.fold) {
      slot.before_title = "<details" + attrs + (h.fold == '+' ? " open" : "") + ">\n<summary class=\"callout-title\">" +
                          callout_icon(type) + "<span class=\"callout-title-inner\">";
      slot.after_title = "</span></summary>\n" + body_open;
      cmark_node_set_on_exit(block, (body_close + "</details>").c_str());
    } else {
      slot.before_title = "<div" + attrs + ">\n<div class=\"callout-title\">" + callout_icon(type) +
                          "<div class=\"callout-title-inner\">";
      slot.after_title = "</div></div>\n" + body_open;
      cmark_node_set_on_exit(block, (body_close + "</div>").c_str());
    }
    cmark_node_set_on_enter(block, (slot.before_title + slot.after_title).c_str());
    slots.push_back(std::move(slot));
  }
  return slots;
}

}  // namespace kb::markdown
