#include "config/config.h"

#include <cctype>
#include <cstring>
#include <set>

#include <toml++/toml.h>

#include "core/file.h"

namespace kb::config {
namespace fs = std::filesystem;

Config defaults(const fs::path& root) {
  Config c;
  c.root = root;
  c.notes_dir = root / "notes";
  c.output_dir = root / "_site";
  c.templates_dir = root / "templates";
  c.assets_dir = root / "assets";
  return c;
}

namespace {

// Reports at a node's source position with the line echoed.
class Checker {
 public:
  Checker(std::string_view text, std::string path, Diagnostics& diags)
      : text_(text), path_(std::move(path)), diags_(diags) {}

  void error(const toml::node& node, const std::string& message) {
    const auto& src = node.source();
    int line = static_cast<int>(src.begin.line), col = static_cast<int>(src.begin.column);
    diags_.error(path_, line, col, message, line_of(text_, line));
    ok_ = false;
  }
  // Keys carry their own source region, so unknown keys point at the key.
  void error_key(const toml::key& key, const std::string& message) {
    int line = static_cast<int>(key.source().begin.line);
    int col = static_cast<int>(key.source().begin.column);
    diags_.error(path_, line, col, message, line_of(text_, line));
    ok_ = false;
  }

  std::optional<std::string> string(const toml::node& node, std::string_view key) {
    if (auto v = node.value<std::string>(); v && node.is_string()) return *v;
    error(node, "'" + std::string(key) + "' must be a string, like " + std::string(key) + " = \"...\"");
    return std::nullopt;
  }
  std::optional<bool> boolean(const toml::node& node, std::string_view key) {
    if (node.is_boolean()) return *node.value<bool>();
    error(node, "'" + std::string(key) + "' must be true or false");
    return std::nullopt;
  }
  std::optional<double> number(const toml::node& node, std::string_view key) {
    if (node.is_number()) return *node.value<double>();
    error(node, "'" + std::string(key) + "' must be a number");
    return std::nullopt;
  }
  bool ok() const { return ok_; }

 private:
  std::string_view text_;
  std::string path_;
  Diagnostics& diags_;
  bool ok_ = true;
};

// "\\TP", "\\argmin", "\\," : a backslash, then letters or one other character.
bool is_control_sequence(const std::string& name) {
  if (name.size() < 2 || name[0] != '\\') return false;
  if (name.size() == 2) return true;
  for (size_t i = 1; i < name.size(); ++i)
    if (!std::isalpha(static_cast<unsigned char>(name[i]))) return false;
  return true;
}

std::string known_list(const std::set<std::string>& keys) {
  std::string out;
  for (const auto& k : keys) out += (out.empty() ? "" : ", ") + k;
  return out;
}

}  // namespace

std::optional<Config> parse(std::string_view text, const fs::path& file, Diagnostics& diags) {
  std::string path = file.string();
  toml::table table;
  try {
    table = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    int line = static_cast<int>(e.source().begin.line);
    diags.error(path, line, static_cast<int>(e.source().begin.column),
                "invalid TOML: " + std::string(e.description()), line_of(text, line));
    return std::nullopt;
  }

  Config c = defaults(file.parent_path().empty() ? fs::path(".") : file.parent_path());
  c.file = file;
  Checker check(text, path, diags);
  auto rel = [&](const std::string& p) { return c.root / p; };

  static const std::set<std::string> known = {
      "title", "description", "base_url", "repository", "edit_branch", "domain", "language", "notes", "output",
      "templates", "assets", "exclude", "allow_html", "titles", "line_breaks", "max_note_mb", "domains", "math"};
  for (auto& [key, node] : table) {
    std::string k(key.str());
    if (k == "title") { if (auto v = check.string(node, k)) c.title = *v; }
    else if (k == "description") { if (auto v = check.string(node, k)) c.description = *v; }
    else if (k == "base_url") { if (auto v = check.string(node, k)) c.base_url = *v; }
    else if (k == "repository") { if (auto v = check.string(node, k)) c.repository = *v; }
    else if (k == "edit_branch") { if (auto v = check.string(node, k)) c.edit_branch = *v; }
    else if (k == "domain") { if (auto v = check.string(node, k)) c.domain = *v; }
    else if (k == "language") { if (auto v = check.string(node, k)) c.language = *v; }
    else if (k == "notes") { if (auto v = check.string(node, k)) c.notes_dir = rel(*v); }
    else if (k == "output") { if (auto v = check.string(node, k)) c.output_dir = rel(*v); }
    else if (k == "templates") { if (auto v = check.string(node, k)) c.templates_dir = rel(*v); }
    else if (k == "assets") { if (auto v = check.string(node, k)) c.assets_dir = rel(*v); }
    else if (k == "allow_html") { if (auto v = check.boolean(node, k)) c.allow_html = *v; }
    else if (k == "line_breaks") { if (auto v = check.boolean(node, k)) c.line_breaks = *v; }
    else if (k == "titles") {
      if (auto v = check.string(node, k)) {
        if (*v == "auto") c.titles = Config::TitleRule::kAuto;
        else if (*v == "filename") c.titles = Config::TitleRule::kFileName;
        else if (*v == "heading") c.titles = Config::TitleRule::kHeading;
        else check.error(node, "'titles' must be \"filename\" (front matter, then the file name), \"heading\" (front matter, then a leading # heading) or \"auto\"");
      }
    }
    else if (k == "max_note_mb") {
      if (auto v = check.number(node, k)) {
        if (*v <= 0 || *v > 1024) check.error(node, "'max_note_mb' must be between 0 and 1024");
        else c.max_note_bytes = static_cast<size_t>(*v * 1024 * 1024);
      }
    } else if (k == "exclude") {
      const toml::array* arr = node.as_array();
      if (!arr) { check.error(node, "'exclude' must be a list of glob patterns, like exclude = [\"drafts/**\"]"); continue; }
      for (const auto& item : *arr)
        if (auto v = check.string(item, "exclude")) c.exclude.push_back(*v);
    } else if (k == "domains") {
      const toml::array* arr = node.as_array();
      if (!arr || !arr->is_array_of_tables()) {
        check.error(node, "'domains' must be an array of tables: [[domains]] with id, title, weight");
        continue;
      }
      std::set<std::string> ids;
      for (const auto& item : *arr) {
        const toml::table& d = *item.as_table();
        Domain dom;
        for (auto& [dkey, dnode] : d) {
          std::string dk(dkey.str());
          if (dk == "id") { if (auto v = check.string(dnode, dk)) dom.id = *v; }
          else if (dk == "title") { if (auto v = check.string(dnode, dk)) dom.title = *v; }
          else if (dk == "weight") {
            if (auto v = check.number(dnode, dk)) {
              if (*v < 0 || *v > 100) check.error(dnode, "a domain's 'weight' is a percentage from 0 to 100");
              else dom.weight = *v;
            }
          } else {
            check.error_key(dkey, "unknown key '" + dk + "' in [[domains]]; known keys: id, title, weight");
          }
        }
        if (dom.id.empty()) { check.error(item, "a [[domains]] entry needs an 'id'"); continue; }
        if (!ids.insert(dom.id).second) { check.error(item, "domain id '" + dom.id + "' is declared twice"); continue; }
        if (dom.title.empty()) dom.title = dom.id;
        c.domains.push_back(dom);
      }
    } else if (k == "math") {
      const toml::table* math = node.as_table();
      if (!math) { check.error(node, "'math' must be a table: [math] with macros = { \"\\\\TP\" = \"\\\\mathrm{TP}\" }"); continue; }
      for (auto& [mkey, mnode] : *math) {
        std::string mk(mkey.str());
        if (mk != "macros") {
          check.error_key(mkey, "unknown key '" + mk + "' in [math]; known keys: macros");
          continue;
        }
        const toml::table* macros = mnode.as_table();
        if (!macros) {
          check.error(mnode, "'macros' must be a table of TeX macros, like macros = { \"\\\\TP\" = \"\\\\mathrm{TP}\" }");
          continue;
        }
        for (auto& [name_key, body] : *macros) {
          std::string name(name_key.str());
          if (!is_control_sequence(name)) {
            check.error_key(name_key, "macro name '" + name +
                                          "' is not a TeX control sequence: a backslash then letters, like \"\\\\TP\" (in TOML a backslash is written twice)");
            continue;
          }
          if (auto v = check.string(body, name)) c.math_macros[name] = *v;
        }
      }
    } else {
      check.error_key(key, "unknown key '" + k + "'; known keys: " + known_list(known));
    }
  }
  if (!check.ok()) return std::nullopt;
  return c;
}

std::optional<Config> load(const fs::path& file, Diagnostics& diags) {
  auto text = file::read_file(file);
  if (!text) {
    diags.error(file.string(), 0, 0, "cannot read the site configuration: " + std::string(std::strerror(errno)));
    return std::nullopt;
  }
  return parse(*text, file, diags);
}

}  // namespace kb::config
