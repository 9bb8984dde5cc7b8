#include "content/flashcards.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <utility>

#include "core/text.h"

namespace kb::content {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

size_t indent_of(std::string_view line) {
  size_t n = 0;
  for (char c : line) {
    if (c == ' ') ++n;
    else if (c == '\t') n += 4;
    else break;
  }
  return n;
}

// "```" or "~~~" (3 or more, at most 3 spaces in): its character and length.
std::pair<char, size_t> fence_of(std::string_view line) {
  if (indent_of(line) > 3) return {0, 0};
  std::string_view t = trim(line);
  if (t.size() < 3 || (t[0] != '`' && t[0] != '~')) return {0, 0};
  size_t n = 0;
  while (n < t.size() && t[n] == t[0]) ++n;
  if (n < 3) return {0, 0};
  if (t[0] == '`' && t.find('`', n) != std::string_view::npos) return {0, 0};  // an inline span, not a fence
  return {t[0], n};
}

// "#".."######" then a space: its level, else 0.
int heading_level(std::string_view line) {
  if (indent_of(line) > 3) return 0;
  std::string_view t = trim(line);
  int level = 0;
  while (level < static_cast<int>(t.size()) && t[level] == '#') ++level;
  if (level < 1 || level > 6 || (level < static_cast<int>(t.size()) && t[level] != ' ')) return 0;
  return level;
}

std::string heading_text(std::string_view line, int level) {
  std::string_view t = trim(trim(line).substr(static_cast<size_t>(level)));
  while (!t.empty() && t.back() == '#') t.remove_suffix(1);
  return std::string(trim(t));
}

// Where code spans and inline math are in `s` ([begin, end) pairs): what is
// inside them is never a separator or a cloze.
std::vector<std::pair<size_t, size_t>> protected_spans(std::string_view s) {
  std::vector<std::pair<size_t, size_t>> out;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '\\') {
      i += 2;
      continue;
    }
    if (s[i] == '`' || s[i] == '$') {
      const char c = s[i];
      size_t n = 0;
      while (i + n < s.size() && s[i + n] == c) ++n;
      if (c == '$' && n > 2) n = 2;
      // The closing run of the same length.
      size_t j = i + n;
      for (;;) {
        j = s.find(std::string(n, c), j);
        if (j == std::string_view::npos) break;
        size_t run = 0;
        while (j + run < s.size() && s[j + run] == c) ++run;
        if (run == n || (c == '$' && run >= n)) break;
        j += run;
      }
      if (j == std::string_view::npos) {
        i += n;
        continue;
      }
      out.emplace_back(i, j + n);
      i = j + n;
      continue;
    }
    ++i;
  }
  return out;
}

bool inside(const std::vector<std::pair<size_t, size_t>>& spans, size_t at) {
  for (const auto& [b, e] : spans)
    if (at >= b && at < e) return true;
  return false;
}

// Drops the plugin's scheduling comments: "<!--SR:!2024-03-01,3,250-->".
std::string without_sr(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    size_t at = s.find("<!--SR:", i);
    if (at == std::string_view::npos) {
      out.append(s.substr(i));
      break;
    }
    size_t end = s.find("-->", at);
    if (end == std::string_view::npos) {
      out.append(s.substr(i));
      break;
    }
    out.append(s.substr(i, at - i));
    i = end + 3;
  }
  return std::string(trim(out));
}

// A list item's marker ("- ", "* ", "+ ", "1. ", "1) ") and what follows.
std::string_view after_list_marker(std::string_view line) {
  std::string_view t = trim(line);
  if (t.size() > 1 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && t[1] == ' ') return trim(t.substr(2));
  size_t d = 0;
  while (d < t.size() && d < 9 && t[d] >= '0' && t[d] <= '9') ++d;
  if (d > 0 && d + 1 < t.size() && (t[d] == '.' || t[d] == ')') && t[d + 1] == ' ') return trim(t.substr(d + 2));
  return t;
}

std::string hex16(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

std::string card_id(const std::string& source, const Flashcard& c) {
  std::string key = source;
  key += '\x1f';
  key += static_cast<char>('0' + static_cast<int>(c.kind));
  key += c.reversed ? 'r' : 'f';
  key += '\x1f';
  key += c.front;
  key += '\x1f';
  key += c.back;
  return hex16(text::fnv1a64(key));
}

}  // namespace

bool is_card_tag(const std::string& tag) { return tag == "flashcards" || tag.rfind("flashcards/", 0) == 0; }

bool holds_cards(const std::vector<std::string>& tags) {
  return std::any_of(tags.begin(), tags.end(), is_card_tag);
}

bool mentions_card_tag(std::string_view body) {
  constexpr std::string_view kTag = "#flashcards";
  for (size_t at = body.find(kTag); at != std::string_view::npos; at = body.find(kTag, at + 1)) {
    const bool starts = at == 0 || body[at - 1] == ' ' || body[at - 1] == '\t' || body[at - 1] == '\n';
    const size_t end = at + kTag.size();
    const bool ends = end == body.size() || body[end] == '/' ||
                      !(std::isalnum(static_cast<unsigned char>(body[end])) || body[end] == '-' || body[end] == '_' ||
                        static_cast<unsigned char>(body[end]) >= 0x80);
    if (starts && ends) return true;
  }
  return false;
}

std::vector<Flashcard> extract_cards(std::string_view body, int body_line, const std::string& source) {
  std::vector<std::string_view> lines;
  for (size_t pos = 0; pos <= body.size();) {
    size_t end = body.find('\n', pos);
    if (end == std::string::npos) end = body.size();
    lines.push_back(body.substr(pos, end - pos));
    pos = end + 1;
  }
  std::vector<Flashcard> cards;
  std::vector<std::string> headings(7);
  auto context = [&] {
    std::string out;
    for (int l = 1; l <= 6; ++l)
      if (!headings[l].empty()) out += (out.empty() ? "" : " › ") + headings[l];
    return out;
  };
  auto add = [&](Flashcard c, bool with_reverse) {
    c.context = context();
    c.id = card_id(source, c);
    cards.push_back(c);
    if (!with_reverse) return;
    std::swap(c.front, c.back);
    c.reversed = true;
    c.id = card_id(source, c);
    cards.push_back(std::move(c));
  };

  // One block of consecutive text lines [b, e).
  auto take_block = [&](size_t b, size_t e) {
    // A multi-line card: a line holding only "?" (or "??").
    for (size_t k = b; k < e; ++k) {
      std::string_view t = trim(lines[k]);
      if (t != "?" && t != "??") continue;
      std::string front, back;
      for (size_t j = b; j < k; ++j) front += std::string(lines[j]) + (j + 1 < k ? "\n" : "");
      for (size_t j = k + 1; j < e; ++j) back += std::string(lines[j]) + (j + 1 < e ? "\n" : "");
      Flashcard c;
      c.kind = Flashcard::Kind::kMultiLine;
      c.front = without_sr(front);
      c.back = without_sr(back);
      c.line = body_line + static_cast<int>(b);
      if (c.front.empty() || c.back.empty()) return;
      add(std::move(c), t == "??");
      return;
    }
    // Single-line cards, each line on its own.
    bool any = false;
    for (size_t k = b; k < e; ++k) {
      std::string_view item = after_list_marker(lines[k]);
      auto spans = protected_spans(item);
      size_t at = item.find("::");
      while (at != std::string_view::npos && inside(spans, at)) at = item.find("::", at + 1);
      if (at == std::string_view::npos) continue;
      const bool reverse = at + 2 < item.size() && item[at + 2] == ':';
      Flashcard c;
      c.kind = Flashcard::Kind::kSingleLine;
      c.front = std::string(trim(item.substr(0, at)));
      c.back = without_sr(item.substr(at + (reverse ? 3 : 2)));
      c.line = body_line + static_cast<int>(k);
      if (c.front.empty() || c.back.empty() || c.back.front() == ':') continue;
      add(std::move(c), reverse);
      any = true;
    }
    if (any) return;
    // A cloze card per {{span}}.
    std::string text;
    for (size_t j = b; j < e; ++j) text += std::string(lines[j]) + (j + 1 < e ? "\n" : "");
    text = without_sr(text);
    auto spans = protected_spans(text);
    std::vector<std::pair<size_t, size_t>> clozes;  // [open, close + 2)
    for (size_t at = text.find("{{"); at != std::string::npos; at = text.find("{{", at + 2)) {
      if (inside(spans, at)) continue;
      size_t close = text.find("}}", at + 2);
      if (close == std::string::npos || close == at + 2) break;
      clozes.emplace_back(at, close + 2);
      at = close;
    }
    if (clozes.empty()) return;
    for (size_t k = 0; k < clozes.size(); ++k) {
      Flashcard c;
      c.kind = Flashcard::Kind::kCloze;
      c.line = body_line + static_cast<int>(b);
      size_t from = 0;
      for (size_t j = 0; j < clozes.size(); ++j) {
        const auto [open, end] = clozes[j];
        const std::string inner = text.substr(open + 2, end - open - 4);
        c.front += text.substr(from, open - from);
        c.back += text.substr(from, open - from);
        c.front += j == k ? std::string("[…]") : inner;
        c.back += j == k ? "**" + inner + "**" : inner;
        from = end;
      }
      c.front += text.substr(from);
      c.back += text.substr(from);
      add(std::move(c), false);
    }
  };

  char fence = 0;
  size_t fence_len = 0;
  size_t block = std::string::npos;
  bool code_block = false;  // the block began as indented code
  for (size_t k = 0; k <= lines.size(); ++k) {
    const bool end = k == lines.size();
    std::string_view line = end ? std::string_view() : lines[k];
    if (!end && fence) {
      auto [c, n] = fence_of(line);
      if (c == fence && n >= fence_len && trim(line).size() == n) fence = 0;
      continue;
    }
    auto [c, n] = end ? std::pair<char, size_t>{0, 0} : fence_of(line);
    const int level = end ? 0 : heading_level(line);
    const bool boundary = end || trim(line).empty() || c || level;
    if (boundary) {
      if (block != std::string::npos && !code_block) take_block(block, k);
      block = std::string::npos;
      if (c) fence = c, fence_len = n;
      if (level) {
        headings[static_cast<size_t>(level)] = heading_text(line, level);
        for (int l = level + 1; l <= 6; ++l) headings[static_cast<size_t>(l)].clear();
      }
      continue;
    }
    if (block == std::string::npos) {
      block = k;
      code_block = indent_of(line) >= 4;
    }
  }
  return cards;
}

}  // namespace kb::content
