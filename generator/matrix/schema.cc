#include "matrix/schema.h"

#include <algorithm>
#include <map>
#include <system_error>

#include <toml++/toml.h>

#include "content/loader.h"
#include "core/file.h"
#include "matrix/suggest.h"

namespace kb::matrix {
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kSchemaKeys = {"title", "description", "key", "kinds", "order", "columns"};
const std::vector<std::string> kColumnKeys = {"name", "label", "type", "values", "required", "filter", "links"};
const std::vector<std::string> kTypes = {"text", "enum", "list", "bool", "number"};
// The note kinds front matter accepts (content/front_matter.cc).
const std::vector<std::string> kKinds = {"note", "formula", "distribution", "service", "algorithm", "comparison"};
// Front-matter fields the loader reads itself: a block under one of these
// names would never reach Page::meta.extra.
const std::vector<std::string> kReservedKeys = {"title", "aliases", "alias", "tags", "tag", "domain",
                                                "kind", "summary", "description", "order", "weight"};

// Names become front-matter keys, data attributes and URL hashes: keep them plain.
bool plain_name(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
      return false;
  return true;
}

// What a TOML value is, for "must be X, not Y" messages.
std::string describe(const toml::node& v) {
  if (v.is_string()) return "the text \"" + std::string(v.as_string()->get()) + "\"";
  if (v.is_boolean()) return v.as_boolean()->get() ? "true" : "false";
  if (v.is_number()) return "a number";
  if (v.is_array()) return "a list";
  if (v.is_table()) return "a table";
  return "a date or time";
}

class SchemaReader {
 public:
  SchemaReader(std::string_view text, const std::string& path, Diagnostics& diags)
      : text_(text), path_(path), diags_(diags) {}

  bool ok() const { return ok_; }

  void error(const toml::source_region& at, const std::string& message) {
    int line = static_cast<int>(at.begin.line);
    diags_.error(path_, line, static_cast<int>(at.begin.column), message, line > 0 ? line_of(text_, line) : "");
    ok_ = false;
  }
  void error_in_file(const std::string& message) {
    diags_.error(path_, 0, 0, message);
    ok_ = false;
  }

  std::optional<std::string> string(const toml::node& v, const std::string& what) {
    if (auto s = v.as_string()) return s->get();
    error(v.source(), "'" + what + "' must be text in quotes, not " + describe(v));
    return std::nullopt;
  }
  std::optional<bool> boolean(const toml::node& v, const std::string& what) {
    if (auto b = v.as_boolean()) return b->get();
    error(v.source(), "'" + what + "' must be true or false, not " + describe(v));
    return std::nullopt;
  }
  // A list of distinct, non-empty strings.
  std::optional<std::vector<std::string>> strings(const toml::node& v, const std::string& what) {
    auto arr = v.as_array();
    if (!arr) {
      error(v.source(), "'" + what + "' must be a list of quoted words, like [\"a\", \"b\"], not " + describe(v));
      return std::nullopt;
    }
    std::vector<std::string> out;
    bool good = true;
    for (const auto& item : *arr) {
      auto s = item.as_string();
      if (!s) {
        error(item.source(), "'" + what + "' must hold quoted words, not " + describe(item));
        good = false;
        continue;
      }
      std::string value(text::trim(s->get()));
      if (value.empty()) {
        error(item.source(), "'" + what + "' holds an empty value");
        good = false;
      } else if (std::find(out.begin(), out.end(), value) != out.end()) {
        error(item.source(), "'" + what + "' lists \"" + value + "\" twice");
        good = false;
      } else {
        out.push_back(std::move(value));
      }
    }
    if (!good) return std::nullopt;
    return out;
  }

  std::optional<Column> column(const toml::table& t, const toml::source_region& where) {
    Column c;
    bool has_name = false, has_type = false;
    const toml::node* values_node = nullptr;
    const toml::node* filter_node = nullptr;
    const toml::node* links_node = nullptr;
    bool good = true;
    auto check = [&](bool fine) { good = good && fine; };
    for (auto& [k, v] : t) {
      std::string key(k.str());
      if (key == "name") {
        auto s = string(v, "name");
        check(s.has_value());
        if (s && !plain_name(*s)) {
          error(v.source(), "column name \"" + *s + "\" must be letters, digits, '_' or '-' (it is a front-matter key)");
          check(false);
        } else if (s) {
          c.name = *s;
          c.line = static_cast<int>(k.source().begin.line);
          has_name = true;
        }
      } else if (key == "label") {
        auto s = string(v, "label");
        check(s.has_value());
        if (s) c.label = *s;
      } else if (key == "type") {
        auto s = string(v, "type");
        check(s.has_value());
        if (!s) continue;
        auto it = std::find(kTypes.begin(), kTypes.end(), *s);
        if (it == kTypes.end()) {
          error(v.source(), "unknown column type \"" + *s + "\"" + did_you_mean(*s, kTypes, '"') +
                                "; use one of: " + join(kTypes));
          check(false);
          continue;
        }
        c.type = static_cast<ColumnType>(it - kTypes.begin());
        has_type = true;
      } else if (key == "values") {
        values_node = &v;
        auto s = strings(v, "values");
        check(s.has_value());
        if (s) c.values = std::move(*s);
      } else if (key == "required") {
        auto b = boolean(v, "required");
        check(b.has_value());
        if (b) c.required = *b;
      } else if (key == "filter") {
        filter_node = &v;
        auto b = boolean(v, "filter");
        check(b.has_value());
        if (b) c.filter = *b;
      } else if (key == "links") {
        links_node = &v;
        auto b = boolean(v, "links");
        check(b.has_value());
        if (b) c.links = *b;
      } else {
        error(k.source(), "unknown key '" + key + "' in a column" + did_you_mean(key, kColumnKeys) +
                              "; a column has: " + join(kColumnKeys));
        check(false);
      }
    }
    if (!has_name && good) {
      error(where, "a column needs a name, like name = \"category\"");
      check(false);
    }
    if (!has_type && good) {
      error(where, "column '" + c.name + "' needs a type: one of " + join(kTypes));
      check(false);
    }
    if (!good) return std::nullopt;
    if (c.type == ColumnType::kEnum && c.values.empty()) {
      error(values_node ? values_node->source() : where,
            "enum column '" + c.name + "' needs its values, like values = [\"a\", \"b\"]");
      return std::nullopt;
    }
    if (values_node && c.type != ColumnType::kEnum && c.type != ColumnType::kList) {
      error(values_node->source(), "'values' only apply to enum and list columns; '" + c.name + "' is " +
                                       std::string(type_name(c.type)));
      return std::nullopt;
    }
    if (c.links && c.type != ColumnType::kList) {
      error(links_node->source(), "'links' only applies to list columns; '" + c.name + "' is " +
                                      std::string(type_name(c.type)));
      return std::nullopt;
    }
    if (c.filter && c.type == ColumnType::kNumber) {
      error(filter_node->source(), "number column '" + c.name + "' cannot have a filter (it filters by value)");
      return std::nullopt;
    }
    if (c.label.empty()) c.label = c.name;
    return c;
  }

 private:
  std::string_view text_;
  const std::string& path_;
  Diagnostics& diags_;
  bool ok_ = true;
};

}  // namespace

std::string_view type_name(ColumnType type) {
  switch (type) {
    case ColumnType::kText: return "text";
    case ColumnType::kEnum: return "enum";
    case ColumnType::kList: return "list";
    case ColumnType::kBool: return "bool";
    case ColumnType::kNumber: return "number";
  }
  return "text";
}

const Column* Schema::column(std::string_view name) const {
  for (const auto& c : columns)
    if (c.name == name) return &c;
  return nullptr;
}

bool Schema::allows_kind(std::string_view kind) const {
  return kinds.empty() || std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

std::optional<Schema> parse_schema(std::string_view text, const std::string& path, const std::string& id,
                                   Diagnostics& diags) {
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    int line = static_cast<int>(e.source().begin.line);
    diags.error(path, line, static_cast<int>(e.source().begin.column),
                "invalid TOML in matrix schema: " + std::string(e.description()), line_of(text, line));
    return std::nullopt;
  }
  SchemaReader read(text, path, diags);
  Schema s;
  s.id = id;
  s.path = path;
  bool has_key = false, has_columns = false;
  for (auto& [k, v] : root) {
    std::string key(k.str());
    if (key == "title") {
      if (auto x = read.string(v, key)) s.title = *x;
    } else if (key == "description") {
      if (auto x = read.string(v, key)) s.description = *x;
    } else if (key == "key") {
      auto x = read.string(v, key);
      if (!x) continue;
      has_key = true;
      s.key_line = static_cast<int>(k.source().begin.line);
      if (!plain_name(*x)) {
        read.error(v.source(), "key \"" + *x + "\" must be letters, digits, '_' or '-' (it is a front-matter key)");
      } else if (std::find(kReservedKeys.begin(), kReservedKeys.end(), *x) != kReservedKeys.end()) {
        read.error(v.source(), "key \"" + *x + "\" is a front-matter field of its own; choose another name");
      } else {
        s.key = *x;
      }
    } else if (key == "kinds") {
      auto x = read.strings(v, key);
      if (!x) continue;
      for (size_t i = 0; i < x->size(); ++i) {
        const std::string& kind = (*x)[i];
        if (std::find(kKinds.begin(), kKinds.end(), kind) == kKinds.end())
          read.error((*v.as_array())[i].source(), "unknown note kind \"" + kind + "\"" +
                                                      did_you_mean(kind, kKinds, '"') + "; kinds are: " + join(kKinds));
      }
      s.kinds = std::move(*x);
    } else if (key == "order") {
      if (auto i = v.as_integer()) s.order = static_cast<double>(i->get());
      else if (auto f = v.as_floating_point()) s.order = f->get();
      else read.error(v.source(), "'order' must be a number, not " + describe(v));
    } else if (key == "columns") {
      has_columns = true;
      auto arr = v.as_array();
      if (!arr || !arr->is_array_of_tables()) {
        read.error(v.source(), "'columns' must be [[columns]] tables, one per column");
        continue;
      }
      std::map<std::string, int> seen;  // name -> line
      for (auto& item : *arr) {
        auto c = read.column(*item.as_table(), item.source());
        if (!c) continue;
        auto [it, fresh] = seen.emplace(c->name, c->line);
        if (!fresh) {
          const toml::node* name = item.as_table()->get("name");
          read.error(name->source(), "duplicate column '" + c->name + "' (first declared on line " +
                                         std::to_string(it->second) + ")");
          continue;
        }
        s.columns.push_back(std::move(*c));
      }
    } else {
      read.error(k.source(), "unknown key '" + key + "' in a matrix schema" + did_you_mean(key, kSchemaKeys) +
                                 "; known keys: " + join(kSchemaKeys));
    }
  }
  if (!has_key) read.error_in_file("matrix schema has no 'key': the front-matter key of a note's block, like key = \"service\"");
  if (!has_columns || (read.ok() && s.columns.empty())) read.error_in_file("matrix schema has no [[columns]]");
  if (!read.ok()) return std::nullopt;
  if (s.title.empty()) s.title = id;
  return s;
}

std::vector<Schema> load_schemas(const fs::path& dir, Diagnostics& diags) {
  std::vector<Schema> out;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return out;
  if (!fs::is_directory(dir, ec)) {
    diags.error(content::display_path(dir), 0, 0, "matrix schemas: not a folder");
    return out;
  }
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    std::string name = p.filename().string();
    if (name.empty() || name[0] == '.' || p.extension() != ".toml") continue;
    files.push_back(p);
  }
  if (ec) {
    diags.error(content::display_path(dir), 0, 0, "cannot read the matrix schemas folder: " + ec.message());
    return out;
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::string path = content::display_path(file);
    auto read = file::read_file(file);
    if (!read) {
      diags.error(path, 0, 0, "cannot read matrix schema");
      continue;
    }
    std::string id = file.stem().string();
    std::string text = std::move(*read);
    // The list of matrices is matrices/index.html: a schema may not take its place.
    if (text::url_slug(id) == "index") {
      diags.error(path, 0, 0, "a matrix schema may not be called index (its page would replace the list of matrices)");
      continue;
    }
    auto schema = parse_schema(text, path, id, diags);
    if (!schema) continue;
    auto same = std::find_if(out.begin(), out.end(), [&](const Schema& s) { return s.key == schema->key; });
    if (same != out.end()) {
      diags.error(path, schema->key_line, 0,
                  "key \"" + schema->key + "\" is already the key of " + same->path + "; each matrix needs its own",
                  line_of(text, schema->key_line));
      continue;
    }
    out.push_back(std::move(*schema));
  }
  std::stable_sort(out.begin(), out.end(), [](const Schema& a, const Schema& b) {
    if (a.order != b.order) return a.order < b.order;
    return a.id < b.id;
  });
  return out;
}

}  // namespace kb::matrix
