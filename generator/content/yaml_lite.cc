#include "content/yaml_lite.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "content/front_matter.h"
#include "core/text.h"

namespace kb::front_matter {
namespace {

// One scalar read from a line: its text, where it starts (0-based column),
// and whether it was quoted (quoted text is never typed).
struct Scalar {
  std::string text;
  int column = 0;
  bool quoted = false;
};

bool is_space(char c) { return c == ' '; }

// A key as this reader takes it: letters, digits, '_' and '-', not first.
bool simple_key(std::string_view k) {
  if (k.empty() || k[0] == '-') return false;
  for (char c : k)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
      return false;
  return true;
}

// The scalar at `line[pos]`, up to the end of the line (block context) or
// to the next ',', ']' or '}' (inside a flow list or map); `pos` moves past it and any
// spaces after it. nullopt: not a scalar this reader is sure of.
std::optional<Scalar> read_scalar(std::string_view line, size_t& pos, bool in_flow) {
  Scalar s;
  s.column = static_cast<int>(pos);
  const char c = line[pos];
  if (c == '"' || c == '\'') {
    size_t close = line.find(c, pos + 1);
    if (close == std::string_view::npos) return std::nullopt;  // continues on the next line
    std::string_view inner = line.substr(pos + 1, close - pos - 1);
    if (c == '"' && inner.find('\\') != std::string_view::npos) return std::nullopt;  // escapes
    if (c == '\'' && close + 1 < line.size() && line[close + 1] == '\'') return std::nullopt;  // '' inside
    s.text = std::string(inner);
    s.quoted = true;
    pos = close + 1;
    while (pos < line.size() && is_space(line[pos])) ++pos;
    return s;
  }
  // A plain scalar: no indicator first, no ": " or " #" inside, and in a
  // flow list none of ",[]{}?".
  // ('-' starts a plain scalar when text follows it: "-3", "-dash".)
  if (std::strchr("?:,[]{}#&*!|>%@`", c) || (c == '-' && (pos + 1 == line.size() || line[pos + 1] == ' ')))
    return std::nullopt;
  size_t end = pos;
  while (end < line.size()) {
    const char d = line[end];
    if (in_flow && (d == ',' || d == ']' || d == '}')) break;
    if (in_flow && (d == '[' || d == '{' || d == ':' || d == '?')) return std::nullopt;  // yaml-cpp ends a flow scalar at '?'
    if (d == ':' && (end + 1 == line.size() || line[end + 1] == ' ' || (in_flow && line[end + 1] == ','))) return std::nullopt;
    if (d == '#' && line[end - 1] == ' ') return std::nullopt;  // a comment
    ++end;
  }
  size_t last = end;
  while (last > pos && is_space(line[last - 1])) --last;
  s.text = std::string(line.substr(pos, last - pos));
  pos = end;
  return s;
}

nlohmann::json value_of(const Scalar& s) { return s.quoted ? nlohmann::json(s.text) : plain_scalar(s.text); }


}  // namespace

nlohmann::json plain_scalar(const std::string& s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  // yaml-cpp's own conversions, as front_matter.cc applies them to the
  // plain scalars of a parsed tree.
  const YAML::Node node(s);
  bool b;
  if (YAML::convert<bool>::decode(node, b)) return b;
  long long i;
  if (YAML::convert<long long>::decode(node, i)) return i;
  double d;
  if (YAML::convert<double>::decode(node, d)) return d;
  return s;
}

namespace {

// The lines of a block and what reading them made so far.
struct Lines {
  std::vector<std::string_view> text;
  int block_line = 0;
  SimpleYaml out;

  static bool blank(std::string_view l) { return l.find_first_not_of(' ') == std::string_view::npos; }
  static bool comment(std::string_view l) {
    size_t k = l.find_first_not_of(' ');
    return k != std::string_view::npos && l[k] == '#';
  }
  bool skip(size_t i) const { return blank(text[i]) || comment(text[i]); }
  size_t indent(size_t i) const { return text[i].find_first_not_of(' '); }
  // The next line from `i` that says something, or text.size().
  size_t next(size_t i) const {
    while (i < text.size() && skip(i)) ++i;
    return i;
  }
  FrontMatter::Place place_at(size_t line, size_t column) const {
    FrontMatter::Place p;
    p.line = block_line + static_cast<int>(line);
    p.column = static_cast<int>(column) + 1;
    p.value_line = p.line;
    p.value_column = p.column;
    return p;
  }
};

// The flow list at `line[pos]` ('['), to the end of the line.
bool flow_list(const Lines& ls, size_t i, std::string_view line, size_t pos, const std::string& pointer,
               nlohmann::json& list, std::map<std::string, FrontMatter::Place>& places) {
  list = nlohmann::json::array();
  ++pos;
  while (pos < line.size() && is_space(line[pos])) ++pos;
  if (pos < line.size() && line[pos] == ']') {
    ++pos;
  } else {
    for (;;) {
      if (pos >= line.size()) return false;  // continues on the next line
      auto s = read_scalar(line, pos, true);
      if (!s || s->text.empty() || pos >= line.size()) return false;
      places[pointer + "/" + std::to_string(list.size())] = ls.place_at(i, static_cast<size_t>(s->column));
      list.push_back(value_of(*s));
      if (line[pos] == ']') {
        ++pos;
        break;
      }
      if (line[pos] != ',') return false;
      ++pos;
      while (pos < line.size() && is_space(line[pos])) ++pos;
      if (pos < line.size() && line[pos] == ']') return false;  // a trailing comma
    }
  }
  while (pos < line.size() && is_space(line[pos])) ++pos;
  return pos == line.size();
}

// The flow map at `line[pos]` ('{') of plain keys and scalar values, to the
// end of the line (`exams: { mls-c01: modeling, mla-c01: model-development }`).
bool flow_map(const Lines& ls, size_t i, std::string_view line, size_t pos, const std::string& pointer,
              nlohmann::json& map, std::map<std::string, FrontMatter::Place>& places) {
  map = nlohmann::json::object();
  ++pos;
  while (pos < line.size() && is_space(line[pos])) ++pos;
  if (pos < line.size() && line[pos] == '}') {
    ++pos;
  } else {
    for (;;) {
      if (pos >= line.size()) return false;  // continues on the next line
      const size_t key_at = pos;
      size_t colon = line.find(':', pos);
      if (colon == std::string_view::npos) return false;
      const std::string key(line.substr(pos, colon - pos));
      if (!simple_key(key) || map.contains(key) || plain_scalar(key).is_null()) return false;
      if (colon + 1 >= line.size() || line[colon + 1] != ' ') return false;
      pos = colon + 1;
      while (pos < line.size() && is_space(line[pos])) ++pos;
      if (pos >= line.size()) return false;
      auto s = read_scalar(line, pos, true);
      if (!s || s->text.empty() || pos >= line.size()) return false;
      FrontMatter::Place place = ls.place_at(i, key_at);
      nlohmann::json value = value_of(*s);
      if (!value.is_null()) place.value_column = s->column + 1;  // (a null is placed at its key, as yaml-cpp does)
      places[pointer + pointer_segment(key)] = place;
      map[key] = std::move(value);
      if (line[pos] == '}') {
        ++pos;
        break;
      }
      if (line[pos] != ',') return false;
      ++pos;
      while (pos < line.size() && is_space(line[pos])) ++pos;
      if (pos < line.size() && line[pos] == '}') return false;  // a trailing comma
    }
  }
  while (pos < line.size() && is_space(line[pos])) ++pos;
  return pos == line.size();
}

// The block list whose first item is line `i` (at `indent`); `i` moves past
// it.
bool block_list(const Lines& ls, size_t& i, size_t indent, const std::string& pointer, nlohmann::json& list,
                std::map<std::string, FrontMatter::Place>& places) {
  list = nlohmann::json::array();
  for (; i < ls.text.size(); ++i) {
    if (ls.skip(i)) continue;
    std::string_view item = ls.text[i];
    if (ls.indent(i) != indent || item.compare(indent, 2, "- ") != 0) break;
    size_t p = indent + 2;
    while (p < item.size() && is_space(item[p])) ++p;
    if (p == item.size()) return false;  // an empty or nested item
    auto s = read_scalar(item, p, false);
    if (!s || p != item.size()) return false;
    places[pointer + "/" + std::to_string(list.size())] = ls.place_at(i, static_cast<size_t>(s->column));
    list.push_back(value_of(*s));
  }
  return true;
}

// The map whose keys are at `indent`, from line `i` to the first line less
// indented (or the end); `depth` 0 is the block itself, 1 a map inside it.
bool map_at(Lines& ls, size_t& i, size_t indent, const std::string& prefix, int depth, nlohmann::json& obj) {
  obj = nlohmann::json::object();
  std::vector<std::string> seen;
  for (i = ls.next(i); i < ls.text.size(); i = ls.next(i)) {
    const size_t at = ls.indent(i);
    if (at < indent) break;       // the end of a nested map
    if (at > indent) return false;  // something this reader does not know
    std::string_view line = ls.text[i];
    size_t colon = line.find(':', at);
    if (colon == std::string_view::npos) return false;
    std::string key(line.substr(at, colon - at));
    if (!simple_key(key) || std::find(seen.begin(), seen.end(), key) != seen.end() || plain_scalar(key).is_null())
      return false;
    seen.push_back(key);
    if (colon + 1 < line.size() && line[colon + 1] != ' ') return false;
    const std::string pointer = prefix + pointer_segment(key);
    FrontMatter::Place key_place = ls.place_at(i, at);
    if (depth == 0) ls.out.lines[key] = key_place.line;
    size_t pos = colon + 1;
    while (pos < line.size() && is_space(line[pos])) ++pos;
    const size_t key_line = i++;
    nlohmann::json value;
    FrontMatter::Place place = key_place;
    if (pos == line.size()) {
      // Nothing on the line: null, a block list or (in the block itself) a
      // map on the lines below.
      size_t j = ls.next(i);
      const size_t below = j < ls.text.size() ? ls.indent(j) : 0;
      if (j < ls.text.size() && below >= indent && ls.text[j].compare(below, 2, "- ") == 0) {
        place.value_line = ls.place_at(j, below).line;
        place.value_column = static_cast<int>(below) + 1;
        i = j;
        if (!block_list(ls, i, below, pointer, value, ls.out.places)) return false;
      } else if (j < ls.text.size() && below > indent) {
        if (depth > 0) return false;  // deeper than one map inside
        place.value_line = ls.place_at(j, below).line;
        place.value_column = static_cast<int>(below) + 1;
        i = j;
        if (!map_at(ls, i, below, pointer, depth + 1, value)) return false;
      } else {
        value = nullptr;
      }
    } else if (line[pos] == '[') {
      place.value_column = static_cast<int>(pos) + 1;
      if (!flow_list(ls, key_line, line, pos, pointer, value, ls.out.places)) return false;
    } else if (line[pos] == '{') {
      if (depth > 0) return false;  // deeper than one map inside
      place.value_column = static_cast<int>(pos) + 1;
      if (!flow_map(ls, key_line, line, pos, pointer, value, ls.out.places)) return false;
    } else {
      auto s = read_scalar(line, pos, false);
      if (!s || pos != line.size()) return false;
      value = value_of(*s);
      if (!value.is_null()) place.value_column = s->column + 1;
    }
    // A value never goes on over a more indented line (a plain scalar would).
    if (size_t j = ls.next(i); j < ls.text.size() && ls.indent(j) > indent) return false;
    obj[key] = std::move(value);
    ls.out.places[pointer] = place;
  }
  return true;
}

}  // namespace

namespace {

// Whether yaml-cpp might read `block`'s characters otherwise than as the
// bytes they are: control characters (a NUL, which yaml-cpp does not take,
// and tabs and CRs), C1 controls (U+0085 is a YAML line break), U+2028,
// U+2029, a byte-order mark, or bytes that are not UTF-8 (yaml-cpp reads
// them as U+FFFD).
bool unusual_characters(std::string_view block) {
  for (size_t i = 0; i < block.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(block[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7f) return true;
    if (c == 0xC2 && i + 1 < block.size() && static_cast<unsigned char>(block[i + 1]) < 0xA0) return true;
    if (c == 0xE2 && block.substr(i, 3) >= "\xE2\x80\xA8" && block.substr(i, 3) <= "\xE2\x80\xA9") return true;
    if (c == 0xEF && block.substr(i, 3) == "\xEF\xBB\xBF") return true;
  }
  return text::find_invalid_utf8(block).has_value();
}

}  // namespace

std::optional<SimpleYaml> read_simple_yaml(std::string_view block, int block_line) {
  if (unusual_characters(block)) return std::nullopt;
  Lines ls;
  ls.block_line = block_line;
  for (size_t pos = 0; pos < block.size();) {
    size_t end = block.find('\n', pos);
    if (end == std::string_view::npos) end = block.size();
    ls.text.push_back(block.substr(pos, end - pos));
    pos = end + 1;
  }
  size_t i = 0;
  if (!map_at(ls, i, 0, "", 0, ls.out.data) || i != ls.text.size()) return std::nullopt;
  if (ls.out.lines.empty()) return std::nullopt;  // an empty block: yaml-cpp's null document
  return std::move(ls.out);
}

std::string describe(const SimpleYaml& y) {
  std::string out = y.data.dump() + "\n";
  for (const auto& [k, line] : y.lines) out += "line " + k + " " + std::to_string(line) + "\n";
  for (const auto& [p, place] : y.places)
    out += "place " + p + " " + std::to_string(place.line) + ":" + std::to_string(place.column) + " " +
           std::to_string(place.value_line) + ":" + std::to_string(place.value_column) + "\n";
  return out;
}

}  // namespace kb::front_matter
