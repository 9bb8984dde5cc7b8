#include "search/synonyms.h"

#include <set>

#include <toml++/toml.h>

#include "core/file.h"
#include "search/tokenizer.h"

namespace kb::search {
namespace {

// "Random cut forest" -> "random_cut_forest": the tokens of the key, joined.
std::string group_id(const std::string& key) {
  std::string id;
  for_each_term(key, [&](const std::string& term, size_t, size_t) {
    if (!id.empty()) id += '_';
    id += term;
  });
  return id;
}

bool collect(const toml::table& table, const std::string& file, std::string_view text,
             Synonyms& out, std::set<std::string>& ids, Diagnostics& diags) {
  bool ok = true;
  for (const auto& [key, node] : table) {
    int line = static_cast<int>(key.source().begin.line);
    int col = static_cast<int>(key.source().begin.column);
    if (const auto* sub = node.as_table()) {
      ok = collect(*sub, file, text, out, ids, diags) && ok;
      continue;
    }
    SynonymGroup group;
    group.phrases.emplace_back(key.str());
    if (const auto* s = node.as_string()) {
      group.phrases.push_back(s->get());
    } else if (const auto* arr = node.as_array()) {
      for (const auto& v : *arr) {
        if (const auto* vs = v.as_string()) {
          group.phrases.push_back(vs->get());
        } else {
          diags.error(file, static_cast<int>(v.source().begin.line), static_cast<int>(v.source().begin.column),
                      "synonyms of \"" + std::string(key.str()) + "\" must be strings",
                      line_of(text, static_cast<int>(v.source().begin.line)));
          ok = false;
        }
      }
    } else {
      diags.error(file, line, col,
                  "\"" + std::string(key.str()) + "\" must be a list of strings, like auc = [\"area under the curve\"]",
                  line_of(text, line));
      ok = false;
      continue;
    }
    group.id = group_id(group.phrases[0]);
    if (group.id.empty()) {
      diags.error(file, line, col, "a synonym key needs at least one letter or digit", line_of(text, line));
      ok = false;
      continue;
    }
    std::string base = group.id;
    for (int n = 2; !ids.insert(group.id).second; ++n) group.id = base + "_" + std::to_string(n);
    out.groups.push_back(std::move(group));
  }
  return ok;
}

}  // namespace

std::optional<Synonyms> parse_synonyms(std::string_view text, const std::string& file, Diagnostics& diags) {
  toml::table table;
  try {
    table = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    int line = static_cast<int>(e.source().begin.line);
    diags.error(file, line, static_cast<int>(e.source().begin.column), std::string(e.description()),
                line_of(text, line));
    return std::nullopt;
  }
  Synonyms out;
  std::set<std::string> ids;
  if (!collect(table, file, text, out, ids, diags)) return std::nullopt;
  return out;
}

std::optional<Synonyms> load_synonyms(const std::filesystem::path& file, Diagnostics& diags) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return Synonyms{};
  auto text = file::read_file(file);
  if (!text) {
    diags.error(file.generic_string(), 0, 0, "cannot read the synonyms file");
    return std::nullopt;
  }
  return parse_synonyms(*text, file.generic_string(), diags);
}

}  // namespace kb::search
