#include "matrix/values.h"

#include <algorithm>

#include "content/front_matter.h"
#include "content/loader.h"
#include "core/file.h"
#include "core/text.h"
#include "matrix/suggest.h"

namespace kb::matrix {
namespace {

// Kinds whose every note belongs in a matrix: a `service` note without a
// block is missing from the guide's comparison. `algorithm` is not here: its
// notes include generic model families (k-means, decision trees) that are no
// SageMaker built-in and rightly have no row.
const std::vector<std::string> kKindsNeedingABlock = {"service"};

// What a front-matter value is, for "must be X, not Y" messages.
std::string describe(const nlohmann::json& v) {
  if (v.is_string()) return "the text \"" + v.get<std::string>() + "\"";
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number()) return "the number " + v.dump();
  if (v.is_array()) return "a list";
  if (v.is_object()) return "a table";
  return "nothing";
}

// A scalar written as text or a number ("2024", 2.5), as text; nullopt otherwise.
std::optional<std::string> scalar_text(const nlohmann::json& v) {
  if (v.is_string()) return std::string(text::trim(v.get<std::string>()));
  if (v.is_number()) return v.dump();
  return std::nullopt;
}

class PageChecker {
 public:
  PageChecker(const Page& page, Diagnostics& diags)
      : page_(page), diags_(diags), path_(content::display_path(page.file)) {}

  // At the key (or list item) `pointer` names, or at its value.
  void error(const std::string& pointer, bool at_value, const std::string& message) {
    report(Severity::kError, pointer, at_value, message);
  }
  void warning(const std::string& pointer, bool at_value, const std::string& message) {
    report(Severity::kWarning, pointer, at_value, message);
  }

 private:
  void report(Severity severity, const std::string& pointer, bool at_value, const std::string& message) {
    int line = 0, column = 0;
    if (auto it = page_.meta.places.find(pointer); it != page_.meta.places.end()) {
      line = at_value ? it->second.value_line : it->second.line;
      column = at_value ? it->second.value_column : it->second.column;
    } else {
      // Not recorded (a page built by hand): the top-level key's line.
      std::string top = pointer.substr(1, pointer.find('/', 1) - 1);
      if (auto k = page_.meta.key_lines.find(top); k != page_.meta.key_lines.end()) line = k->second;
    }
    Diagnostic d;
    d.severity = severity;
    d.path = path_;
    d.line = line;
    d.column = column;
    d.message = message;
    if (line > 0) d.source_line = line_of(source(), line);
    diags_.add(std::move(d));
  }

  // The note's file, read on the first problem only (to echo its line); the
  // loader keeps only the body.
  const std::string& source() {
    if (!text_) {
      text_ = file::read_file(page_.file).value_or(std::string());
    }
    return *text_;
  }

  const Page& page_;
  Diagnostics& diags_;
  std::string path_;
  std::optional<std::string> text_;
};

struct BlockChecker {
  const Schema& schema;
  PageChecker& report;
  const NoteFinder& find_note;
  bool ok = true;

  std::string where(const Column& c) const { return "'" + schema.key + "." + c.name + "'"; }
  std::string allowed(const Column& c) const {
    return "; allowed (" + schema.path + "): " + join(c.values);
  }
  void error(const std::string& pointer, bool at_value, const std::string& message) {
    report.error(pointer, at_value, message);
    ok = false;
  }

  // "value" in the enum or list values of `c`; else an error at `pointer`.
  bool check_value(const Column& c, const std::string& value, const std::string& pointer, const char* what) {
    if (c.values.empty() || std::find(c.values.begin(), c.values.end(), value) != c.values.end()) return true;
    error(pointer, true, where(c) + " " + what + " \"" + value + "\" is not allowed" +
                             did_you_mean(value, c.values, '"') + allowed(c));
    return false;
  }

  Cell cell(const Column& c, const nlohmann::json& v, const std::string& pointer) {
    Cell cell;
    if (v.is_null()) return cell;
    auto wrong = [&](const std::string& expected, const std::string& hint = "") {
      error(pointer, true, where(c) + " must be " + expected + ", not " + describe(v) + hint);
    };
    switch (c.type) {
      case ColumnType::kText:
      case ColumnType::kEnum: {
        auto s = scalar_text(v);
        if (!s) {
          wrong(c.type == ColumnType::kText ? "text" : "one of its values",
                v.is_boolean() ? " (put the word in quotes)" : "");
          break;
        }
        if (s->empty()) break;
        if (c.type == ColumnType::kEnum && !check_value(c, *s, pointer, "value")) break;
        cell.text = *s;
        cell.present = true;
        break;
      }
      case ColumnType::kList: {
        std::vector<std::pair<std::string, std::string>> items;  // value, pointer
        if (auto s = scalar_text(v)) {
          if (!s->empty()) items.emplace_back(*s, pointer);
        } else if (v.is_array()) {
          for (size_t i = 0; i < v.size(); ++i) {
            std::string at = pointer + "/" + std::to_string(i);
            auto item = scalar_text(v[i]);
            if (!item) {
              error(at, true, where(c) + " items must be words, not " + describe(v[i]) +
                                  (v[i].is_boolean() ? " (put the word in quotes)" : ""));
              continue;
            }
            if (!item->empty()) items.emplace_back(*item, at);
          }
        } else {
          wrong("a list, like [a, b]");
          break;
        }
        bool good = true;
        for (const auto& [item, at] : items) good = check_value(c, item, at, "item") && good;
        if (!good || items.empty()) break;
        for (const auto& [item, at] : items) {
          cell.items.push_back(item);
          if (!c.links) continue;
          auto target = find_note(item);
          if (!target) report.warning(at, true, where(c) + " item \"" + item + "\" names no note");
          cell.targets.push_back(target);
        }
        cell.present = true;
        break;
      }
      case ColumnType::kBool:
        if (!v.is_boolean()) {
          wrong("true or false");
          break;
        }
        cell.flag = v.get<bool>();
        cell.present = true;
        break;
      case ColumnType::kNumber:
        if (!v.is_number()) {
          wrong("a number");
          break;
        }
        cell.number = v.get<double>();
        cell.text = v.dump();
        cell.present = true;
        break;
    }
    return cell;
  }
};

}  // namespace

std::vector<Block> validate_page(const std::vector<Schema>& schemas, const Page& page, size_t page_index,
                                 const NoteFinder& find_note, Diagnostics& diags) {
  std::vector<Block> out;
  if (schemas.empty()) return out;
  PageChecker report(page, diags);
  const auto& extra = page.meta.extra;
  for (size_t si = 0; si < schemas.size(); ++si) {
    const Schema& schema = schemas[si];
    auto it = extra.find(schema.key);
    if (it == extra.end()) continue;
    std::string block_at = front_matter::pointer_segment(schema.key);
    BlockChecker check{schema, report, find_note};
    if (!schema.allows_kind(page.meta.kind)) {
      check.error(block_at, false,
                  "'" + schema.key + "' block on a note of kind '" + page.meta.kind + "': only notes of kind " +
                      join(schema.kinds, " or ") + " carry it (set kind: " + schema.kinds.front() + ")");
    }
    if (!it->is_object()) {
      check.error(block_at, true, "'" + schema.key + "' must be a table of column values, like " + schema.key +
                                      ": { " + schema.columns.front().name + ": … }, not " + describe(*it));
      continue;
    }
    Block block;
    block.schema = si;
    block.page = page_index;
    block.cells.resize(schema.columns.size());
    std::vector<std::string> names;
    for (const auto& c : schema.columns) names.push_back(c.name);
    std::vector<bool> bad(schema.columns.size(), false);  // columns whose value had an error
    for (const auto& [name, value] : it->items()) {
      std::string at = block_at + front_matter::pointer_segment(name);
      const Column* c = schema.column(name);
      if (!c) {
        std::string hint = did_you_mean(name, names);
        check.error(at, false, "unknown column '" + name + "' in '" + schema.key + "'" +
                                   (hint.empty() ? "; its columns (" + schema.path + "): " + join(names) : hint));
        continue;
      }
      size_t ci = static_cast<size_t>(c - schema.columns.data());
      bool ok_before = check.ok;
      check.ok = true;
      block.cells[ci] = check.cell(*c, value, at);
      bad[ci] = !check.ok;
      check.ok = check.ok && ok_before;
    }
    for (size_t ci = 0; ci < schema.columns.size(); ++ci) {
      const Column& c = schema.columns[ci];
      // A value that was given but wrong has its own error already.
      if (c.required && !block.cells[ci].present && !bad[ci])
        check.error(block_at, false, "'" + schema.key + "' lacks the required value '" + c.name + "'" +
                                          (c.label != c.name ? " (" + c.label + ")" : ""));
    }
    if (check.ok) out.push_back(std::move(block));
  }
  // A kind every note of which belongs in a matrix, without any block for it.
  if (std::find(kKindsNeedingABlock.begin(), kKindsNeedingABlock.end(), page.meta.kind) != kKindsNeedingABlock.end()) {
    std::vector<std::string> keys;
    bool carried = false;
    for (const auto& s : schemas) {
      if (std::find(s.kinds.begin(), s.kinds.end(), page.meta.kind) == s.kinds.end()) continue;
      keys.push_back("'" + s.key + "'");
      carried = carried || extra.contains(s.key);
    }
    if (!keys.empty() && !carried)
      report.warning("/kind", false,
                     "note \"" + page.title + "\" of kind '" + page.meta.kind + "' has no " + join(keys, " or ") +
                         " block, so no comparison matrix shows it");
  }
  return out;
}

std::vector<Block> validate(const std::vector<Schema>& schemas, const Corpus& corpus, const NoteFinder& find_note,
                            Diagnostics& diags) {
  std::vector<Block> out;
  if (schemas.empty()) return out;
  for (size_t i = 0; i < corpus.pages.size(); ++i) {
    auto blocks = validate_page(schemas, corpus.pages[i], i, find_note, diags);
    for (auto& b : blocks) out.push_back(std::move(b));
  }
  return out;
}

}  // namespace kb::matrix
