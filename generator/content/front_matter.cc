#include "content/front_matter.h"

#include <algorithm>
#include <sstream>

#include <toml++/toml.h>
#include <yaml-cpp/yaml.h>

#include "content/yaml_lite.h"
#include "core/text.h"

namespace kb::front_matter {
namespace {

// A delimiter line: exactly `---`/`+++` (trailing spaces and \r allowed).
bool is_delimiter(std::string_view line, std::string_view delim) {
  line = text::trim(line);
  return line == delim;
}

std::string_view next_line(std::string_view text, size_t& pos) {
  size_t end = text.find('\n', pos);
  std::string_view line = text.substr(pos, end == text.npos ? text.npos : end - pos);
  pos = end == text.npos ? text.size() : end + 1;
  return line;
}

// Typed field readers shared by the YAML and TOML paths: both first convert
// the block to JSON, so one set of rules checks both formats alike.
struct FieldReader {
  const std::string& path;
  std::string_view text;
  Diagnostics& diags;
  const std::map<std::string, int>& lines;
  // A warning at the field's line (one slip does not stop a vault; --strict
  // fails on it).
  void warn(const std::string& key, const std::string& message) {
    auto it = lines.find(key);
    int line = it == lines.end() ? 0 : it->second;
    diags.warning(path, line, 0, message, line ? line_of(text, line) : "");
  }
  // A field of the wrong shape is ignored; the rest of the note builds.
  void fail(const std::string& key, const std::string& message) { warn(key, message + "; the field is ignored"); }

  std::optional<std::string> string(const nlohmann::json& v, const std::string& key) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number() || v.is_boolean()) return v.dump();  // `title: 2024` is fine
    if (v.is_null()) return std::string();
    fail(key, "front matter field '" + key + "' must be text, like " + key + ": some words");
    return std::nullopt;
  }

  // A list of strings; a single string counts as a comma-separated list.
  std::vector<std::string> list(const nlohmann::json& v, const std::string& key) {
    std::vector<std::string> out;
    auto push = [&](std::string s) {
      auto t = text::trim(s);
      if (!t.empty()) out.emplace_back(t);
    };
    if (v.is_null()) return out;
    if (v.is_string()) {
      std::string s = v.get<std::string>();
      size_t start = 0;
      for (size_t comma; (comma = s.find(',', start)) != s.npos; start = comma + 1)
        push(s.substr(start, comma - start));
      push(s.substr(start));
      return out;
    }
    if (v.is_array()) {
      auto scalar = [&](const nlohmann::json& item) {
        if (item.is_string()) push(item.get<std::string>());
        else if (item.is_number() || item.is_boolean()) push(item.dump());
        else return item.is_null();
        return true;
      };
      for (const auto& item : v) {
        // `- [Tag pane]` in a block list is a list in the list: its words
        // count (Obsidian's own help vault writes aliases so).
        bool fine = item.is_array() ? std::all_of(item.begin(), item.end(), scalar) : scalar(item);
        if (!fine) { fail(key, "front matter field '" + key + "' must be a list of words, like " + key + ": [a, b]"); return {}; }
      }
      return out;
    }
    fail(key, "front matter field '" + key + "' must be a list, like " + key + ": [a, b]");
    return out;
  }
};

nlohmann::json yaml_to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return nullptr;
    case YAML::NodeType::Scalar: {
      // Plain scalars that read as numbers or booleans become those; quoted
      // ones ("2024") stay text.
      // (yaml-cpp has already made "~" and "null" Null nodes.)
      if (node.Tag() == "?") return plain_scalar(node.Scalar());
      return node.Scalar();
    }
    case YAML::NodeType::Sequence: {
      nlohmann::json arr = nlohmann::json::array();
      for (const auto& item : node) arr.push_back(yaml_to_json(item));
      return arr;
    }
    case YAML::NodeType::Map: {
      nlohmann::json obj = nlohmann::json::object();
      for (const auto& kv : node) obj[kv.first.as<std::string>()] = yaml_to_json(kv.second);
      return obj;
    }
  }
  return nullptr;
}

nlohmann::json toml_to_json(const toml::node& node) {
  if (auto t = node.as_table()) {
    nlohmann::json obj = nlohmann::json::object();
    for (auto& [k, v] : *t) obj[std::string(k.str())] = toml_to_json(v);
    return obj;
  }
  if (auto a = node.as_array()) {
    nlohmann::json arr = nlohmann::json::array();
    for (auto& v : *a) arr.push_back(toml_to_json(v));
    return arr;
  }
  if (auto s = node.as_string()) return s->get();
  if (auto i = node.as_integer()) return i->get();
  if (auto f = node.as_floating_point()) return f->get();
  if (auto b = node.as_boolean()) return b->get();
  // Dates and times: keep as written.
  std::ostringstream os;
  if (auto d = node.as_date()) os << d->get();
  else if (auto tm = node.as_time()) os << tm->get();
  else if (auto dt = node.as_date_time()) os << dt->get();
  return os.str();
}


// FrontMatter::places for a YAML block: every key and list item below
// `node`, by JSON pointer. yaml-cpp marks are 0-based and relative to the
// block; a null mark (an empty value) falls back to the key's place.
void yaml_places(const YAML::Node& node, const std::string& pointer, int block_line,
                 std::map<std::string, FrontMatter::Place>& out) {
  auto at = [&](const YAML::Mark& m, int& line, int& column) {
    if (m.is_null() || m.line < 0) return false;
    line = block_line + m.line;
    column = m.column + 1;
    return true;
  };
  if (node.IsMap()) {
    for (const auto& kv : node) {
      if (!kv.first.IsScalar()) continue;
      std::string p = pointer + pointer_segment(kv.first.Scalar());
      FrontMatter::Place place;
      at(kv.first.Mark(), place.line, place.column);
      if (!at(kv.second.Mark(), place.value_line, place.value_column) || kv.second.IsNull()) {
        place.value_line = place.line;
        place.value_column = place.column;
      }
      out[p] = place;
      yaml_places(kv.second, p, block_line, out);
    }
  } else if (node.IsSequence()) {
    size_t i = 0;
    for (const auto& item : node) {
      std::string p = pointer + "/" + std::to_string(i++);
      FrontMatter::Place place;
      if (at(item.Mark(), place.line, place.column)) {
        place.value_line = place.line;
        place.value_column = place.column;
        out[p] = place;
      }
      yaml_places(item, p, block_line, out);
    }
  }
}

// The same for a TOML block; toml++ positions are 1-based within the block.
void toml_places(const toml::node& node, const std::string& pointer, int block_line,
                 std::map<std::string, FrontMatter::Place>& out) {
  auto at = [&](const toml::source_region& r, int& line, int& column) {
    if (r.begin.line == 0) return false;
    line = block_line - 1 + static_cast<int>(r.begin.line);
    column = static_cast<int>(r.begin.column);
    return true;
  };
  if (auto t = node.as_table()) {
    for (auto& [k, v] : *t) {
      std::string p = pointer + pointer_segment(k.str());
      FrontMatter::Place place;
      at(k.source(), place.line, place.column);
      if (!at(v.source(), place.value_line, place.value_column)) {
        place.value_line = place.line;
        place.value_column = place.column;
      }
      out[p] = place;
      toml_places(v, p, block_line, out);
    }
  } else if (auto a = node.as_array()) {
    for (size_t i = 0; i < a->size(); ++i) {
      std::string p = pointer + "/" + std::to_string(i);
      FrontMatter::Place place;
      if (at((*a)[i].source(), place.line, place.column)) {
        place.value_line = place.line;
        place.value_column = place.column;
        out[p] = place;
      }
      toml_places((*a)[i], p, block_line, out);
    }
  }
}

// A YAML map as front matter keeps it: the data, each key's line, every
// key's and item's place.
SimpleYaml from_yaml_root(const YAML::Node& root, int block_line) {
  SimpleYaml out;
  for (const auto& kv : root) {
    std::string key = kv.first.as<std::string>();
    out.lines[key] = block_line + kv.first.Mark().line;
  }
  out.data = yaml_to_json(root);
  yaml_places(root, "", block_line, out.places);
  return out;
}

}  // namespace

std::optional<SimpleYaml> read_yaml_with_yaml_cpp(std::string_view block, int block_line) {
  try {
    YAML::Node root = YAML::Load(std::string(block));
    if (!root.IsMap()) return std::nullopt;
    return from_yaml_root(root, block_line);
  } catch (const YAML::Exception&) {
    return std::nullopt;
  }
}

std::optional<Split> split(std::string_view text, const std::string& path, Diagnostics& diags) {
  Split s;
  s.body = text;
  size_t pos = 0;
  // A byte-order mark is not content.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  size_t first_end = pos;
  std::string_view first = next_line(text, first_end);
  std::string_view delim;
  if (is_delimiter(first, "---")) { s.format = Split::Format::kYaml; delim = "---"; }
  else if (is_delimiter(first, "+++")) { s.format = Split::Format::kToml; delim = "+++"; }
  else return s;

  size_t block_start = first_end;
  pos = first_end;
  int line = 2;
  while (pos < text.size()) {
    size_t line_start = pos;
    std::string_view l = next_line(text, pos);
    // YAML also allows `...` to end a document.
    if (is_delimiter(l, delim) || (s.format == Split::Format::kYaml && is_delimiter(l, "..."))) {
      s.block = text.substr(block_start, line_start - block_start);
      s.body = text.substr(pos);
      s.block_line = 2;
      s.body_line = line + 1;
      return s;
    }
    ++line;
  }
  diags.warning(path, 1, 1,
                std::string("front matter opened here is never closed: add a line '") + std::string(delim) +
                    "' after the last field" + kLeftOut,
                line_of(text, 1));
  return std::nullopt;
}

std::optional<FrontMatter> parse(const Split& split, std::string_view text, const std::string& path,
                                 Diagnostics& diags) {
  FrontMatter fm;
  if (split.format == Split::Format::kNone) return fm;
  nlohmann::json data;
  std::map<std::string, int> lines;

  std::optional<SimpleYaml> simple;
  if (split.format == Split::Format::kYaml && (simple = read_simple_yaml(split.block, split.block_line))) {
    // The common case, without yaml-cpp (content/yaml_lite.h).
    data = std::move(simple->data);
    lines = std::move(simple->lines);
    fm.places = std::move(simple->places);
  } else if (split.format == Split::Format::kYaml) {
    try {
      YAML::Node root = YAML::Load(std::string(split.block));
      if (root.IsNull()) return fm;
      if (!root.IsMap()) {
        int line = split.block_line + root.Mark().line;
        diags.warning(path, line, root.Mark().column + 1,
                      std::string("front matter must be a set of 'key: value' lines") + kLeftOut, line_of(text, line));
        return std::nullopt;
      }
      SimpleYaml read = from_yaml_root(root, split.block_line);
      data = std::move(read.data);
      lines = std::move(read.lines);
      fm.places = std::move(read.places);
    } catch (const YAML::Exception& e) {
      int line = e.mark.is_null() ? split.block_line : split.block_line + e.mark.line;
      int col = e.mark.is_null() ? 0 : e.mark.column + 1;
      diags.warning(path, line, col, "invalid YAML front matter: " + e.msg + kLeftOut, line_of(text, line));
      return std::nullopt;
    }
  } else {
    try {
      toml::table t = toml::parse(split.block, path);
      for (auto& [k, v] : t) lines[std::string(k.str())] = split.block_line - 1 + static_cast<int>(k.source().begin.line);
      data = toml_to_json(t);
      toml_places(t, "", split.block_line, fm.places);
    } catch (const toml::parse_error& e) {
      int line = split.block_line - 1 + static_cast<int>(e.source().begin.line);
      diags.warning(path, line, static_cast<int>(e.source().begin.column),
                    "invalid TOML front matter: " + std::string(e.description()) + kLeftOut, line_of(text, line));
      return std::nullopt;
    }
  }

  FieldReader read{path, text, diags, lines};
  bool unclear_flag = false;  // draft/publish neither true nor false
  fm.key_lines = lines;
  for (auto& [key, value] : data.items()) {
    if (key == "title") {
      if (auto v = read.string(value, key); v && !text::trim(*v).empty()) fm.title = std::string(text::trim(*v));
    } else if (key == "aliases" || key == "alias") {
      for (auto& a : read.list(value, key)) fm.aliases.push_back(a);
    } else if (key == "tags" || key == "tag") {
      for (auto t : read.list(value, key)) {
        if (!t.empty() && t[0] == '#') t.erase(0, 1);
        t = text::to_lower(t);  // as inline #tags are (markdown/inline_tags.h)
        while (!t.empty() && t.back() == '/') t.pop_back();
        if (!t.empty()) fm.tags.push_back(t);
      }
    } else if (key == "domain") {
      if (auto v = read.string(value, key)) fm.domain = *v;
    } else if (key == "exams") {
      // exam id -> domain id; the ids are checked against site.toml later
      // (content/exam_map.h), where a wrong one is a warning at its place.
      bool ok = value.is_object() || value.is_null();
      if (value.is_object())
        for (auto& [exam, domain] : value.items()) {
          if (auto v = domain.is_string() || domain.is_number() ? read.string(domain, key) : std::nullopt)
            fm.exams[exam] = *v;
          else ok = false;
        }
      if (!ok)
        read.fail(key, "front matter field 'exams' gives the note's domain in each exam, like "
                       "exams: { mla-c01: model-development, mls-c01: modeling }");
    } else if (key == "kind") {
      if (auto v = read.string(value, key)) {
        static const char* kinds[] = {"note", "formula", "distribution", "service", "algorithm", "comparison"};
        bool known = false;
        for (auto k : kinds) known |= *v == k;
        if (!known)
          read.fail(key, "unknown kind '" + *v + "'; use one of: note, formula, distribution, service, algorithm, comparison");
        else fm.kind = *v;
      }
    } else if (key == "summary" || key == "description") {
      if (auto v = read.string(value, key)) fm.summary = *v;
    } else if (key == "draft" || key == "publish") {
      // true/false, and the words YAML 1.1 reads as them even when quoted or
      // written in TOML as strings ("yes", "off"); anything else is an error
      // rather than a guess about whether a note is private.
      std::optional<bool> flag;
      if (value.is_boolean()) flag = value.get<bool>();
      else if (value.is_string()) {
        std::string w = text::lookup_key(value.get<std::string>());
        if (w == "true" || w == "yes" || w == "on") flag = true;
        else if (w == "false" || w == "no" || w == "off") flag = false;
      }
      if (!flag && !value.is_null()) {
        // Not a guess either way: the note stays off the site.
        read.warn(key, "front matter field '" + key + "' must be true or false, like " + key + ": " +
                           (key == "draft" ? "true" : "false") + kLeftOut);
        unclear_flag = true;
      } else if (flag) {
        (key == "draft" ? fm.draft : fm.publish) = *flag;
      }
    } else if (key == "order" || key == "weight") {
      if (value.is_number()) fm.order = value.get<double>();
      else read.fail(key, "front matter field '" + key + "' must be a number");
    } else {
      fm.extra[key] = value;
    }
  }
  if (unclear_flag) return std::nullopt;
  return fm;
}

std::string pointer_segment(std::string_view key) {
  std::string out = "/";
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

}  // namespace kb::front_matter
