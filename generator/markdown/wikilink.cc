#include "markdown/wikilink.h"

#include "core/text.h"

namespace kb::markdown {
namespace {

// 1..5 ASCII digits, not all zero, as a number; 0 when `s` is anything else.
int dimension(std::string_view s) {
  if (s.empty() || s.size() > 5) return 0;
  int n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + (c - '0');
  }
  return n;
}

// Parses the inside of "[[...]]"; false when it names nothing.
bool parse_inside(std::string_view inside, Wikilink& link) {
  size_t bar = inside.find('|');
  std::string_view dest = inside.substr(0, bar);
  std::string_view label = bar == std::string_view::npos ? std::string_view() : inside.substr(bar + 1);
  size_t hash = dest.find('#');
  link.target = std::string(text::trim(dest.substr(0, hash)));
  if (hash != std::string_view::npos) link.fragment = std::string(text::trim(dest.substr(hash + 1)));
  if (link.target.empty() && link.fragment.empty()) return false;
  label = text::trim(label);
  if (link.embed) {
    SizedLabel sized = split_size(label);
    link.width = sized.width;
    link.height = sized.height;
    if (sized.width) label = text::trim(label.substr(0, sized.label.size()));
  }
  link.label = !label.empty() ? std::string(label)
               : link.embed   ? link.target
                              : default_wikilink_label(link.target, link.fragment);
  return true;
}

}  // namespace

SizedLabel split_size(std::string_view label) {
  SizedLabel out;
  size_t bar = label.rfind('|');
  std::string_view size = text::trim(bar == std::string_view::npos ? label : label.substr(bar + 1));
  size_t x = size.find('x');
  int width = dimension(size.substr(0, x));
  int height = x == std::string_view::npos ? 0 : dimension(size.substr(x + 1));
  if (width == 0 || (x != std::string_view::npos && height == 0)) {
    out.label = std::string(label);
    return out;
  }
  out.width = width;
  out.height = height;
  out.label = bar == std::string_view::npos ? std::string() : std::string(text::trim(label.substr(0, bar)));
  return out;
}

std::string default_wikilink_label(std::string_view target, std::string_view fragment) {
  // A nested heading path ("A#B", Obsidian's [[Note#A#B]]) reads "A › B".
  std::string label(target);
  size_t start = 0;
  while (start <= fragment.size()) {
    size_t hash = fragment.find('#', start);
    std::string_view part = fragment.substr(start, hash == std::string_view::npos ? std::string_view::npos : hash - start);
    if (!part.empty()) label.append(label.empty() ? "" : " \u203A ").append(part);
    if (hash == std::string_view::npos) break;
    start = hash + 1;
  }
  return label;
}

std::vector<Wikilink> find_wikilinks(std::string_view text, const std::vector<bool>& escaped) {
  auto markup = [&](size_t i) { return escaped.empty() || !escaped[i]; };
  std::vector<Wikilink> found;
  size_t i = text.find("[[");
  while (i != std::string_view::npos) {
    size_t next = i + 1;  // where to look again if this is not a wikilink
    if (markup(i) && markup(i + 1)) {
      size_t close = text.find_first_of("[]", i + 2);
      if (close != std::string_view::npos && text[close] == ']' && close + 1 < text.size() &&
          text[close + 1] == ']' && markup(close) && markup(close + 1)) {
        Wikilink link;
        link.embed = i > 0 && text[i - 1] == '!' && markup(i - 1);
        bool ok = parse_inside(text.substr(i + 2, close - i - 2), link);
        if (ok && link.embed && link.target.empty()) {
          link.embed = false;  // "![[#x]]" embeds nothing: '!' is just text
          ok = parse_inside(text.substr(i + 2, close - i - 2), link);
        }
        if (ok) {
          link.begin = link.embed ? i - 1 : i;
          link.end = close + 2;
          found.push_back(std::move(link));
          next = close + 2;
        }
      }
    }
    i = text.find("[[", next);
  }
  return found;
}

}  // namespace kb::markdown
