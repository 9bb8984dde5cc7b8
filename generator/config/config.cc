#include "config/config.h"

#include <cctype>
#include <cmath>
#include <cstdio>
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

// An id as a note names it in front matter and `kb search --domain exam:domain`
// takes it: no spaces, no ':' (the separator), nothing to quote.
bool good_id(const std::string& id) {
  if (id.empty()) return false;
  for (unsigned char ch : id)
    if (!(std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.')) return false;
  return true;
}

// [[domains]] or [[exams.domains]]: id, title, weight each.
void read_domains(Checker& check, const toml::array& arr, const std::string& where, Exam& exam) {
  std::set<std::string> ids;
  for (const auto& item : arr) {
    const toml::table& d = *item.as_table();
    Domain dom;
    for (auto& [dkey, dnode] : d) {
      std::string dk(dkey.str());
      if (dk == "id") {
        if (auto v = check.string(dnode, dk)) {
          if (!good_id(*v)) check.error(dnode, "a domain id is letters, digits, '-', '_' and '.', like \"model-development\"");
          else dom.id = *v;
        }
      } else if (dk == "title") {
        if (auto v = check.string(dnode, dk)) dom.title = *v;
      } else if (dk == "weight") {
        if (auto v = check.number(dnode, dk)) {
          if (*v < 0 || *v > 100) check.error(dnode, "a domain's 'weight' is a percentage from 0 to 100");
          else dom.weight = *v;
        }
      } else {
        check.error_key(dkey, "unknown key '" + dk + "' in " + where + "; known keys: id, title, weight");
      }
    }
    if (dom.id.empty()) { check.error(item, "a " + where + " entry needs an 'id'"); continue; }
    if (!ids.insert(dom.id).second) { check.error(item, "domain id '" + dom.id + "' is declared twice"); continue; }
    if (dom.title.empty()) dom.title = dom.id;
    exam.domains.push_back(dom);
  }
}

// [[exams]]: id, title, status ("active" or "retired"), retired (its date)
// and [[exams.domains]], whose weights, when given, add up to 100.
void read_exams(Checker& check, const toml::array& arr, std::vector<Exam>& exams) {
  std::set<std::string> ids;
  for (const auto& item : arr) {
    const toml::table& t = *item.as_table();
    Exam exam;
    const toml::node* status = nullptr;
    const toml::node* domains = nullptr;
    for (auto& [ekey, enode] : t) {
      std::string ek(ekey.str());
      if (ek == "id") {
        if (auto v = check.string(enode, ek)) {
          if (!good_id(*v)) check.error(enode, "an exam id is letters, digits, '-', '_' and '.', like \"mla-c01\"");
          else exam.id = *v;
        }
      } else if (ek == "title") {
        if (auto v = check.string(enode, ek)) exam.title = *v;
      } else if (ek == "status") {
        status = &enode;
        if (auto v = check.string(enode, ek)) {
          if (*v == "retired") exam.retired = true;
          else if (*v != "active") check.error(enode, "an exam's 'status' is \"active\" or \"retired\"");
        }
      } else if (ek == "retired") {
        if (const auto* date = enode.as_date()) {
          char buf[16];
          std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date->get().year, date->get().month, date->get().day);
          exam.retired_on = buf;
        } else if (auto v = enode.value<std::string>(); v && enode.is_string()) {
          exam.retired_on = *v;
        } else {
          check.error(enode, "'retired' is the date the exam retired, like retired = 2026-03-31");
        }
      } else if (ek == "domains") {
        domains = &enode;
        const toml::array* d = enode.as_array();
        if (!d || !d->is_array_of_tables()) check.error(enode, "an exam's domains are [[exams.domains]] tables with id, title, weight");
        else read_domains(check, *d, "[[exams.domains]]", exam);
      } else {
        check.error_key(ekey, "unknown key '" + ek + "' in [[exams]]; known keys: id, title, status, retired, domains");
      }
    }
    if (exam.id.empty()) { check.error(item, "an [[exams]] entry needs an 'id', like id = \"mla-c01\""); continue; }
    if (!ids.insert(exam.id).second) { check.error(item, "exam id '" + exam.id + "' is declared twice"); continue; }
    if (exam.title.empty()) exam.title = exam.id;
    if (!exam.retired_on.empty() && !exam.retired)
      check.error(status ? *status : item, "exam '" + exam.id + "' has a 'retired' date but its status is not \"retired\"");
    if (!domains || exam.domains.empty()) {
      check.error(item, "exam '" + exam.id + "' has no domains: add [[exams.domains]] entries with id, title, weight");
      continue;
    }
    double total = 0;
    bool weighted = false;
    for (const auto& d : exam.domains) total += d.weight, weighted |= d.weight > 0;
    if (weighted && std::abs(total - 100) > 0.01) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g", total);
      check.error(*domains, "the domain weights of exam '" + exam.id + "' add up to " + buf + ", not 100");
    }
    exams.push_back(std::move(exam));
  }
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
  const toml::node *domains_node = nullptr, *exams_node = nullptr;

  static const std::set<std::string> known = {
      "title", "description", "base_url", "repository", "edit_branch", "domain", "language", "notes", "output",
      "templates", "assets", "exclude", "allow_html", "titles", "line_breaks", "max_note_mb", "domains", "exams", "math"};
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
      domains_node = &node;
      Exam exam;
      read_domains(check, *arr, "[[domains]]", exam);
      c.exams.push_back(std::move(exam));
    } else if (k == "exams") {
      const toml::array* arr = node.as_array();
      if (!arr || !arr->is_array_of_tables()) {
        check.error(node, "'exams' must be an array of tables: [[exams]] with id, title, status and [[exams.domains]]");
        continue;
      }
      exams_node = &node;
      read_exams(check, *arr, c.exams);
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
  if (domains_node && exams_node)
    check.error(*domains_node, "site.toml has both [[domains]] and [[exams]]: move these domains into an [[exams]] entry "
                               "as [[exams.domains]]");
  if (!check.ok()) return std::nullopt;
  if (const Exam* primary = c.primary_exam()) c.domains = primary->domains;
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
