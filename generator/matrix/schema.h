// Matrix schemas: the columns of one comparison matrix, declared once in a
// TOML file of <notes>/data/matrices/ (one file per matrix; its stem is the
// matrix's id and names its page, matrices/<id>.html).
//
//   title = "AWS data and ML services"
//   description = "…"                  (optional)
//   key = "service"                    front-matter key holding a note's values
//   kinds = ["service"]                note kinds that may carry it (optional: any)
//   order = 1                          position among the matrices (optional)
//   [[columns]]
//   name = "category"                  key inside the block: service: { category: … }
//   label = "Category"                 table header (optional: the name)
//   type = "enum"                      text | enum | list | bool | number
//   values = ["storage", "ingestion"]  enum: its values (required); list: allowed items (optional)
//   required = true                    a note without it is an error (optional: false)
//   filter = true                      the page offers a filter for it (optional: false)
//   links = true                       list items are note titles, shown as links (lists only)
//
// Contract: never throws. Every problem (malformed TOML, an unknown key, a
// wrong type, an enum without values, a duplicate column, a key two schemas
// share) is an error at the schema file's line:col with the line echoed, and
// that schema is left out. A notes folder without data/matrices/ has no
// schemas and no error. Schemas are plain data, safe to read from any thread.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"

namespace kb::matrix {

enum class ColumnType { kText, kEnum, kList, kBool, kNumber };

// "text", "enum", "list", "bool", "number".
std::string_view type_name(ColumnType type);

struct Column {
  std::string name;                 // key inside the block ("category")
  std::string label;                // table header; the name when not given
  ColumnType type = ColumnType::kText;
  std::vector<std::string> values;  // enum: its values; list: allowed items (empty: any)
  bool required = false;            // a note carrying the block must give it
  bool filter = false;              // the matrix page has a filter control for it
  bool links = false;               // list items name notes (shown as links)
  int line = 0;                     // line of the column's `name` in the schema file
};

struct Schema {
  std::string id;                   // file stem: "services"
  std::string path;                 // the file as shown in messages
  std::string title;                // the id when not given
  std::string description;
  std::string key;                  // front-matter key of a note's block: "service"
  std::vector<std::string> kinds;   // note kinds that may carry the block; empty: any
  double order = 0;                 // lower first, then by id
  std::vector<Column> columns;      // as declared (the table's column order)
  int key_line = 0;                 // line of `key` in the file

  // The column named `name`, or null.
  const Column* column(std::string_view name) const;
  bool allows_kind(std::string_view kind) const;
};

// One schema from its text; `path` is used in messages and `id` is the file
// stem. nullopt (with every problem in `diags`) when it is not valid.
std::optional<Schema> parse_schema(std::string_view text, const std::string& path, const std::string& id,
                                   Diagnostics& diags);

// Every *.toml directly in `dir` (hidden files skipped), sorted by order, then
// id. A missing `dir` gives no schemas and no error; an unreadable file or
// folder is an error. Two schemas with one `key` are an error at the second.
std::vector<Schema> load_schemas(const std::filesystem::path& dir, Diagnostics& diags);

}  // namespace kb::matrix
