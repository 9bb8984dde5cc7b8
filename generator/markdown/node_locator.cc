#include "markdown/node_locator.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "markdown/cmark_handles.h"
#include "markdown/link_target.h"
#include "markdown/math.h"

namespace kb::markdown {
namespace {

bool is_block(cmark_node* n) {
  return (cmark_node_get_type(n) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
}

cmark_node* leaf_block(cmark_node* node) {
  cmark_node* b = cmark_node_parent(node);
  while (b && !is_block(b)) b = cmark_node_parent(b);
  return b;
}

// Inside a repaired block line 0 is a real line, so there a node counts as
// positioned when any of its coordinates is set; elsewhere line 0 means
// "no position" (autolink extension nodes, line breaks).
bool positioned(cmark_node* n, bool repaired) {
  if (!repaired) return cmark_node_get_start_line(n) > 0;
  return cmark_node_get_start_line(n) || cmark_node_get_start_column(n) || cmark_node_get_end_line(n) ||
         cmark_node_get_end_column(n);
}

std::string_view literal_of(cmark_node* n) {
  const char* s = cmark_node_get_literal(n);
  return s ? std::string_view(s) : std::string_view();
}

// An autolink ("<https://x>", "www.x", "a@b.c") has no brackets in the
// source: its text is the URL, less an added "mailto:" or "http://".
bool is_autolink(cmark_node* link) {
  const char* url = cmark_node_get_url(link);
  cmark_node* child = cmark_node_first_child(link);
  if (!url || is_relative_url(url) || !child || cmark_node_next(child) ||
      cmark_node_get_type(child) != CMARK_NODE_TEXT)
    return false;
  std::string_view u(url), text = literal_of(child);
  return u == text || (u.size() > text.size() && u.substr(u.size() - text.size()) == text &&
                       (u.substr(0, u.size() - text.size()) == "mailto:" ||
                        u.substr(0, u.size() - text.size()) == "http://"));
}

bool is_table_row(cmark_node* n) {
  if (!is_block(n) || cmark_node_get_type(n) <= CMARK_NODE_FOOTNOTE_DEFINITION) return false;
  const char* name = cmark_node_get_type_string(n);
  return std::strcmp(name, "table_row") == 0 || std::strcmp(name, "table_header") == 0;
}

}  // namespace

void NodeLocator::note_table(cmark_node* table) {
  cmark_node* before = cmark_node_previous(table);
  if (!before || cmark_node_get_type(before) != CMARK_NODE_PARAGRAPH || cmark_node_get_start_line(before) != 0)
    return;
  cmark_node* header = cmark_node_first_child(table);
  if (!header) return;
  // Body rows, one line each, and the table's end are reported right.
  int body_rows = 0;
  for (cmark_node* row = cmark_node_next(header); row; row = cmark_node_next(row)) ++body_rows;
  const int header_line = cmark_node_get_end_line(table) - body_rows - 1;
  // The table's reported start is where the paragraph starts, and the
  // paragraph's own positions count from 0 there.
  fixups_[before] = Fixup{true, cmark_node_get_start_line(table), cmark_node_get_start_column(table), header_line - 1};
  // The header row's columns run on from the paragraph's start.
  std::string_view text = lines_.line(header_line);
  size_t last = text.find_last_not_of(" \t");
  const long length = last == std::string_view::npos ? 0 : static_cast<long>(last) + 1;
  fixups_[header] = Fixup{false, header_line, length - cmark_node_get_end_column(header), header_line};
}

const NodeLocator::Fixup* NodeLocator::fixup_for(cmark_node* node) const {
  if (fixups_.empty()) return nullptr;
  for (cmark_node* p = node; p; p = cmark_node_parent(p)) {
    auto it = fixups_.find(p);
    if (it != fixups_.end()) return &it->second;
  }
  return nullptr;
}

NodeLocator::Spot NodeLocator::reported(cmark_node* node, const Fixup* fixup) const {
  Spot s{cmark_node_get_start_line(node), cmark_node_get_start_column(node) - 1L};
  if (fixup) {
    s.line = fixup->relative_line ? s.line + fixup->line : fixup->line;
    s.pos += fixup->col_shift;
  }
  s.pos = std::max(0L, s.pos);
  return s;
}

// Reads one leaf block's inlines in order against its source lines. A
// table row is read as one unit, cell after cell, since cmark's columns for
// cells can be off and each cell starts after the next unescaped '|'.
void NodeLocator::read_block(cmark_node* block) {
  read_.insert(block);
  const Fixup* fixup = fixup_for(block);
  const bool repaired = fixup != nullptr;
  const bool row = is_table_row(block);
  Spot cur = reported(block, fixup);
  if (row) cur.pos = 0;
  int last = row ? cur.line : fixup ? fixup->last_line : cmark_node_get_end_line(block);
  last = std::min(std::max(last, cur.line), lines_.count());
  bool first_cell = true;

  auto before = [](Spot a, Spot b) { return a.line < b.line || (a.line == b.line && a.pos < b.pos); };
  // First spot at or after `from` where `fits` holds, up to the block's end.
  auto search = [&](Spot from, auto&& fits, Spot& at) {
    for (int l = std::max(from.line, 1); l <= last; ++l) {
      std::string_view text = lines_.line(l);
      for (long p = l == from.line ? from.pos : 0; p < static_cast<long>(text.size()); ++p)
        if (fits(text, p)) {
          at = Spot{l, p};
          return true;
        }
    }
    return false;
  };
  auto has = [&](Spot s, std::string_view what) {
    std::string_view text = lines_.line(s.line);
    return s.pos >= 0 && text.substr(std::min<size_t>(s.pos, text.size())).substr(0, what.size()) == what;
  };

  int extra_lines = 0;                  // lines cmark has lost so far in this block
  std::unordered_map<int, long> delta;  // line -> true column minus cmark's
  // cmark's position for `n`, corrected by what this block taught so far,
  // if it can be trusted: on the block's first line (before anything lost a
  // line) cmark's columns are right, and on a line where a node was found
  // their offset is known. Elsewhere the cursor is the better guide.
  const int first_line = cur.line;
  auto hint_for = [&](cmark_node* n, Spot& hint) {
    if (!positioned(n, repaired)) return false;
    hint = reported(n, fixup);
    hint.line += extra_lines;
    if (auto d = delta.find(hint.line); d != delta.end()) hint.pos += d->second;
    else if (repaired || row || extra_lines != 0 || hint.line != first_line) return false;
    return !before(hint, cur) && hint.line <= last;
  };
  auto learn = [&](cmark_node* n, Spot found) {
    if (!positioned(n, repaired)) return;
    Spot r = reported(n, fixup);
    extra_lines = found.line - r.line;
    delta[found.line] = found.pos - r.pos;
  };

  IterPtr it(cmark_iter_new(block));
  for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it.get());
    if (n == block) continue;
    const cmark_node_type type = cmark_node_get_type(n);
    if (is_block(n)) {  // a cell of a row: it starts after a leading '|'
      if (ev != CMARK_EVENT_ENTER) continue;
      Spot bar;
      if (first_cell) {
        std::string_view t = lines_.line(cur.line);
        size_t lead = t.find_first_not_of(" \t");
        if (lead != std::string_view::npos && t[lead] == '|') cur.pos = static_cast<long>(lead) + 1;
      } else if (search(cur, [](std::string_view t, long p) { return t[p] == '|' && (p == 0 || t[p - 1] != '\\'); },
                        bar)) {
        cur = Spot{bar.line, bar.pos + 1};
      }
      first_cell = false;
      continue;
    }
    if (ev == CMARK_EVENT_EXIT) {
      if (type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE) continue;
      // The text right after "[" or "![" is the best witness of the bracket.
      cmark_node* child = cmark_node_first_child(n);
      if (child && text_at_.count(child)) {
        Spot s = text_at_[child];
        s.pos -= type == CMARK_NODE_IMAGE ? 2 : 1;
        if (has(s, type == CMARK_NODE_IMAGE ? "![" : "[")) link_at_[n] = s;
      }
      if (is_autolink(n)) {
        // "<https://x>" has a closing '>'; "www.x" and "a@b.c" have none.
        bool angled = child && text_at_.count(child) && text_at_[child].pos > 0 &&
                      has(Spot{text_at_[child].line, text_at_[child].pos - 1}, "<");
        if (angled && has(cur, ">")) ++cur.pos;
        continue;
      }
      // Past "]" and then "(destination title)" or "[label]".
      Spot close;
      if (!search(cur, [](std::string_view t, long p) { return t[p] == ']'; }, close)) continue;
      cur = Spot{close.line, close.pos + 1};
      if (has(cur, "(")) {
        int depth = 0;
        Spot end;
        bool found = search(cur, [&depth](std::string_view t, long p) {
          if (p > 0 && t[p - 1] == '\\') return false;
          if (t[p] == '(') ++depth;
          else if (t[p] == ')' && --depth == 0) return true;
          return false;
        }, end);
        if (found) cur = Spot{end.line, end.pos + 1};
      } else if (has(cur, "[")) {
        // "[label]" of a full reference; a label holds no unescaped '[', so
        // "[r][[x]]" is a shortcut reference followed by text.
        Spot end;
        Spot from{cur.line, cur.pos + 1};
        bool found = search(from, [](std::string_view t, long p) {
          return (t[p] == '[' || t[p] == ']') && (p == 0 || t[p - 1] != '\\');
        }, end);
        if (found && lines_.line(end.line)[end.pos] == ']') cur = Spot{end.line, end.pos + 1};
      }
      continue;
    }

    switch (type) {
      case CMARK_NODE_TEXT: {
        std::string_view lit = literal_of(n);
        if (lit.empty()) break;
        size_t end = 0;  // of the match: only where a text starts is kept (place_text maps it)
        auto fits = [&](std::string_view t, long p) {
          char c = t[p];
          return (c == lit[0] || c == '\\' || c == '&' || c == '\0' || c == '\t') && match_literal_end(t, p, lit, end);
        };
        // Right at the cursor (nothing between it and the previous node),
        // else where cmark says if that is trusted, else the next match.
        Spot at = cur, hint;
        auto fits_at = [&](Spot s) {
          std::string_view t = lines_.line(s.line);
          return s.pos < static_cast<long>(t.size()) && fits(t, s.pos);
        };
        bool found = fits_at(cur);
        if (!found && hint_for(n, hint) && fits_at(hint)) {
          at = hint;
          found = true;
        }
        if (!found) found = search(cur, fits, at);
        if (!found) break;
        text_at_[n] = at;
        learn(n, at);
        cur = Spot{at.line, static_cast<long>(end)};
        break;
      }
      case CMARK_NODE_CODE: {
        // An opening backtick run, then the next run of the same length.
        Spot open;
        if (!search(cur, [](std::string_view t, long p) { return t[p] == '`'; }, open)) break;
        std::string_view text = lines_.line(open.line);
        long run = 0;
        while (open.pos + run < static_cast<long>(text.size()) && text[open.pos + run] == '`') ++run;
        cur = Spot{open.line, open.pos + run};
        Spot close;
        long close_run = 0;
        bool found = search(cur, [&](std::string_view t, long p) {
          if (t[p] != '`' || (p > 0 && t[p - 1] == '`')) return false;
          close_run = 0;
          while (p + close_run < static_cast<long>(t.size()) && t[p + close_run] == '`') ++close_run;
          return close_run == run;
        }, close);
        if (found) cur = Spot{close.line, close.pos + run};
        break;
      }
      case CMARK_NODE_HTML_INLINE: {
        if (const MathNode* math = math_of(n)) {
          // The span as the block's text held it: its first line is in the
          // source as written; later lines lost their indentation and
          // container markers, so each is looked for in its own line.
          std::string_view src = math->source;
          size_t nl = src.find('\n');
          std::string_view first = src.substr(0, nl);
          auto fits = [&first](std::string_view t, long p) { return t.substr(p, first.size()) == first; };
          Spot at = cur;
          bool found = has(cur, first) || search(cur, fits, at);
          long skip = static_cast<long>(first.size());
          if (!found) {  // a table cell's "\|" became "|": the next '$' is the best guess
            found = search(cur, [](std::string_view t, long p) { return t[p] == '$'; }, at);
            skip = 1;
          }
          if (!found) break;
          math_at_[n] = at;
          cur = Spot{at.line, at.pos + skip};
          for (int line = at.line; nl != std::string_view::npos && found;) {
            src.remove_prefix(nl + 1);
            nl = src.find('\n');
            std::string_view piece = src.substr(0, nl);
            if (++line > last) break;
            size_t pos = lines_.line(line).find(piece);
            cur = pos == std::string_view::npos ? Spot{line, 0} : Spot{line, static_cast<long>(pos + piece.size())};
          }
          break;
        }
        // Raw HTML is kept verbatim, line by line.
        std::string_view lit = literal_of(n);
        Spot from = cur;
        bool ok = true;
        while (ok && !lit.empty()) {
          size_t nl = lit.find('\n');
          std::string_view piece = lit.substr(0, nl);
          Spot at;
          ok = search(from, [&](std::string_view t, long p) { return t.substr(p, piece.size()) == piece; }, at);
          if (ok) from = cur = Spot{at.line, at.pos + static_cast<long>(piece.size())};
          if (nl == std::string_view::npos) break;
          lit.remove_prefix(nl + 1);
          from = Spot{from.line + 1, 0};
        }
        break;
      }
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK: cur = Spot{cur.line + 1, 0}; break;
      case CMARK_NODE_FOOTNOTE_REFERENCE: {
        Spot at, end;
        if (search(cur, [](std::string_view t, long p) { return t.substr(p, 2) == "[^"; }, at) &&
            search(at, [](std::string_view t, long p) { return t[p] == ']'; }, end))
          cur = Spot{end.line, end.pos + 1};
        break;
      }
      case CMARK_NODE_LINK:
      case CMARK_NODE_IMAGE: {
        if (is_autolink(n)) break;
        std::string_view opener = type == CMARK_NODE_IMAGE ? "![" : "[";
        Spot at = cur, hint;
        bool found = has(cur, opener);
        if (!found && hint_for(n, hint) && has(hint, opener)) {
          at = hint;
          found = true;
        }
        if (!found) found = search(cur, [&](std::string_view t, long p) { return t.substr(p, opener.size()) == opener; }, at);
        if (!found) break;
        link_at_[n] = at;
        cur = Spot{at.line, at.pos + static_cast<long>(opener.size())};
        break;
      }
      default: break;  // emphasis and the like: their delimiters are skipped over
    }
  }
}

cmark_node* NodeLocator::unit_of(cmark_node* node) {
  cmark_node* block = leaf_block(node);
  if (block && cmark_node_parent(block) && is_table_row(cmark_node_parent(block))) block = cmark_node_parent(block);
  if (block && !read_.count(block)) read_block(block);
  return block;
}

NodeLocator::TextPlace NodeLocator::place_text(cmark_node* text, LiteralMap& map) {
  unit_of(text);
  TextPlace place;
  auto it = text_at_.find(text);
  if (it != text_at_.end() &&
      match_literal_at(lines_.line(it->second.line), it->second.pos, literal_of(text), map)) {
    place.line = it->second.line;
    place.start = place.hint = it->second.pos;
    return place;
  }
  Spot r = fallback(text);
  place.line = r.line;
  place.hint = r.pos;
  return place;
}

// cmark's position, or for a node without one its block's start: some line
// of the right block is better than none.
NodeLocator::Spot NodeLocator::fallback(cmark_node* node) const {
  for (cmark_node* n = node; n; n = cmark_node_parent(n)) {
    Spot s = reported(n, fixup_for(n));
    if (s.line >= 1) return s;
  }
  return Spot{1, 0};
}

NodeLocator::LinkPlace NodeLocator::place_math(cmark_node* math) {
  unit_of(math);
  auto it = math_at_.find(math);
  Spot s = it != math_at_.end() ? it->second : fallback(math);
  return LinkPlace{s.line, static_cast<int>(s.pos) + 1};
}

NodeLocator::LinkPlace NodeLocator::place_link(cmark_node* link) {
  unit_of(link);
  auto it = link_at_.find(link);
  Spot s = it != link_at_.end() ? it->second : fallback(link);
  return LinkPlace{s.line, static_cast<int>(s.pos) + 1};
}

}  // namespace kb::markdown
