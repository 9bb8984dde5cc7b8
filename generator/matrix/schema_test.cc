#include "matrix/schema.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

using namespace kb;
using namespace kb::matrix;
namespace fs = std::filesystem;

namespace {

const char* kGood = R"(title = "Services"
description = "Side by side."
key = "service"
kinds = ["service"]
order = 2

[[columns]]
name = "category"
label = "Category"
type = "enum"
values = ["storage", "ingestion"]
required = true
filter = true

[[columns]]
name = "latency"
type = "list"
values = ["batch", "real-time"]

[[columns]]
name = "serverless"
type = "bool"

[[columns]]
name = "confused_with"
type = "list"
links = true
)";

// The one diagnostic a schema text gives (REQUIREs exactly one).
Diagnostic only_error(const std::string& text) {
  Diagnostics diags;
  CHECK_FALSE(parse_schema(text, "m.toml", "m", diags));
  auto d = diags.sorted();
  REQUIRE(d.size() == 1);
  CHECK(d[0].severity == Severity::kError);
  CHECK(d[0].path == "m.toml");
  return d[0];
}

// kGood's column block with its 'category' column body replaced.
std::string with_column(const std::string& column) {
  return "key = \"service\"\n[[columns]]\n" + column;
}

}  // namespace

TEST_CASE("a schema file reads into its columns, with defaults") {
  Diagnostics diags;
  auto s = parse_schema(kGood, "services.toml", "services", diags);
  REQUIRE(s);
  CHECK(diags.report().empty());
  CHECK(s->id == "services");
  CHECK(s->title == "Services");
  CHECK(s->key == "service");
  CHECK(s->kinds == std::vector<std::string>{"service"});
  CHECK(s->order == 2);
  REQUIRE(s->columns.size() == 4);
  CHECK(s->columns[0].type == ColumnType::kEnum);
  CHECK(s->columns[0].required);
  CHECK(s->columns[0].filter);
  CHECK(s->columns[0].line == 8);
  CHECK(s->columns[1].label == "latency");  // no label: the name
  CHECK(s->columns[1].values == std::vector<std::string>{"batch", "real-time"});
  CHECK_FALSE(s->columns[1].required);
  CHECK(s->columns[2].type == ColumnType::kBool);
  CHECK(s->columns[3].links);
  CHECK(s->column("latency") == &s->columns[1]);
  CHECK(s->column("nope") == nullptr);
  CHECK(s->allows_kind("service"));
  CHECK_FALSE(s->allows_kind("note"));
}

TEST_CASE("the schemas kb ships load without a problem") {
  Diagnostics diags;
  auto schemas = load_schemas(fs::path(KB_SOURCE_DIR) / "notes/data/matrices", diags);
  INFO(diags.report());
  CHECK_FALSE(diags.has_errors());
  REQUIRE(schemas.size() >= 3);
  // Sorted by order: services (1), algorithms (2), AI services (3).
  CHECK(schemas[0].id == "services");
  CHECK(schemas[0].key == "service");
  for (const auto& s : schemas) CHECK_FALSE(s.columns.empty());
}

TEST_CASE("schema errors are at their line and column") {
  SECTION("malformed TOML") {
    auto d = only_error("key = \"service\"\ntitle = \"x\n");
    CHECK(d.line == 2);
    CHECK(d.message.find("invalid TOML in matrix schema") != std::string::npos);
  }
  SECTION("an unknown top-level key, with a suggestion") {
    auto d = only_error("key = \"service\"\ntitel = \"x\"\n[[columns]]\nname = \"a\"\ntype = \"text\"\n");
    CHECK(d.line == 2);
    CHECK(d.column == 1);
    CHECK(d.message == "unknown key 'titel' in a matrix schema (did you mean 'title'?); known keys: title, "
                       "description, key, kinds, order, columns");
    CHECK(d.source_line == "titel = \"x\"");
  }
  SECTION("an unknown key in a column") {
    auto d = only_error(with_column("name = \"a\"\ntype = \"text\"\nrequird = true\n"));
    CHECK(d.line == 5);
    CHECK(d.column == 1);
    CHECK(d.message.find("unknown key 'requird' in a column (did you mean 'required'?)") == 0);
  }
  SECTION("a bad type, with a suggestion") {
    auto d = only_error(with_column("name = \"a\"\ntype = \"boolean\"\n"));
    CHECK(d.line == 4);
    CHECK(d.column == 8);
    CHECK(d.message == "unknown column type \"boolean\" (did you mean \"bool\"?); use one of: text, enum, list, bool, number");
  }
  SECTION("a type that is not text") {
    auto d = only_error(with_column("name = \"a\"\ntype = 3\n"));
    CHECK(d.line == 4);
    CHECK(d.message == "'type' must be text in quotes, not a number");
  }
  SECTION("an enum without values") {
    auto d = only_error(with_column("name = \"a\"\ntype = \"enum\"\n"));
    CHECK(d.line == 2);
    CHECK(d.message == "enum column 'a' needs its values, like values = [\"a\", \"b\"]");
  }
  SECTION("an enum with an empty list of values points at the list") {
    auto d = only_error(with_column("name = \"a\"\ntype = \"enum\"\nvalues = []\n"));
    CHECK(d.line == 5);
    CHECK(d.column == 10);
  }
  SECTION("a duplicate column") {
    auto d = only_error(with_column("name = \"a\"\ntype = \"text\"\n[[columns]]\nname = \"a\"\ntype = \"bool\"\n"));
    CHECK(d.line == 6);
    CHECK(d.column == 8);
    CHECK(d.message == "duplicate column 'a' (first declared on line 3)");
  }
  SECTION("a value listed twice") {
    auto d = only_error(with_column("name = \"a\"\ntype = \"enum\"\nvalues = [\"x\", \"y\", \"x\"]\n"));
    CHECK(d.line == 5);
    CHECK(d.column == 21);
    CHECK(d.message == "'values' lists \"x\" twice");
  }
  SECTION("values on a column that has none") {
    auto d = only_error(with_column("name = \"a\"\ntype = \"bool\"\nvalues = [\"x\"]\n"));
    CHECK(d.line == 5);
    CHECK(d.message == "'values' only apply to enum and list columns; 'a' is bool");
  }
  SECTION("links on a column that is not a list") {
    auto d = only_error(with_column("name = \"a\"\ntype = \"text\"\nlinks = true\n"));
    CHECK(d.line == 5);
    CHECK(d.message == "'links' only applies to list columns; 'a' is text");
  }
  SECTION("a column without a name or type") {
    auto d = only_error(with_column("label = \"A\"\n"));
    CHECK(d.line == 2);
    CHECK(d.message == "a column needs a name, like name = \"category\"");
    auto t = only_error(with_column("name = \"a\"\n"));
    CHECK(t.line == 2);
    CHECK(t.message == "column 'a' needs a type: one of text, enum, list, bool, number");
  }
  SECTION("a column name that cannot be a front-matter key") {
    auto d = only_error(with_column("name = \"data in\"\ntype = \"text\"\n"));
    CHECK(d.line == 3);
    CHECK(d.column == 8);
  }
  SECTION("a required flag that is not a bool") {
    auto d = only_error(with_column("name = \"a\"\ntype = \"text\"\nrequired = \"yes\"\n"));
    CHECK(d.line == 5);
    CHECK(d.column == 12);
    CHECK(d.message == "'required' must be true or false, not the text \"yes\"");
  }
  SECTION("an unknown note kind") {
    auto d = only_error("key = \"service\"\nkinds = [\"service\", \"servise\"]\n[[columns]]\nname = \"a\"\ntype = \"text\"\n");
    CHECK(d.line == 2);
    CHECK(d.column == 21);
    CHECK(d.message.find("unknown note kind \"servise\" (did you mean \"service\"?)") == 0);
  }
  SECTION("a key that is a front-matter field of its own") {
    auto d = only_error("key = \"tags\"\n[[columns]]\nname = \"a\"\ntype = \"text\"\n");
    CHECK(d.line == 1);
    CHECK(d.column == 7);
  }
  SECTION("no key, no columns") {
    auto d = only_error("[[columns]]\nname = \"a\"\ntype = \"text\"\n");
    CHECK(d.line == 0);
    CHECK(d.message.find("matrix schema has no 'key'") == 0);
    auto c = only_error("key = \"service\"\n");
    CHECK(c.message == "matrix schema has no [[columns]]");
    auto t = only_error("key = \"service\"\ncolumns = [1]\n");
    CHECK(t.line == 2);
    CHECK(t.message == "'columns' must be [[columns]] tables, one per column");
  }
}

TEST_CASE("every problem of a schema is reported, not just the first") {
  Diagnostics diags;
  CHECK_FALSE(parse_schema(with_column("name = \"a\"\ntype = \"enum\"\n[[columns]]\nname = \"b\"\ntype = \"nope\"\n"
                                       "[[columns]]\nname = \"c\"\ntype = \"text\"\ncolour = 1\n"),
                           "m.toml", "m", diags));
  CHECK(diags.error_count() == 3);
}

TEST_CASE("load_schemas reads a folder, sorted by order, and refuses a shared key") {
  fs::path dir = fs::temp_directory_path() / ("kb-matrix-schemas-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  Diagnostics none;
  CHECK(load_schemas(dir, none).empty());  // no folder: no matrices, no problem
  CHECK(none.report().empty());
  fs::create_directories(dir);
  std::ofstream(dir / "b.toml") << "key = \"bee\"\norder = 1\n[[columns]]\nname = \"a\"\ntype = \"text\"\n";
  std::ofstream(dir / "a.toml") << "key = \"ay\"\norder = 2\n[[columns]]\nname = \"a\"\ntype = \"text\"\n";
  std::ofstream(dir / "c.toml") << "title = \"C\"\nkey = \"bee\"\n[[columns]]\nname = \"a\"\ntype = \"text\"\n";
  std::ofstream(dir / "index.toml") << "key = \"ix\"\n[[columns]]\nname = \"a\"\ntype = \"text\"\n";
  std::ofstream(dir / "notes.txt") << "not a schema";
  std::ofstream(dir / ".hidden.toml") << "broken = [";
  Diagnostics diags;
  auto schemas = load_schemas(dir, diags);
  REQUIRE(schemas.size() == 2);
  CHECK(schemas[0].id == "b");
  CHECK(schemas[1].id == "a");
  CHECK(schemas[1].title == "a");  // no title: the id
  auto d = diags.sorted();
  REQUIRE(d.size() == 2);
  CHECK(d[0].path.find("c.toml") != std::string::npos);
  CHECK(d[0].line == 2);
  CHECK(d[0].message.find("key \"bee\" is already the key of ") == 0);
  CHECK(d[1].path.find("index.toml") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("bad schema input gives errors, never a crash") {
  const char* inputs[] = {
      "",
      "\x01\x02\xff",
      "key = \"k\"\ncolumns = { name = \"a\" }\n",
      "key = \"k\"\ncolumns = []\n",
      "key = \"k\"\n[[columns]]\n",
      "key = \"\"\n[[columns]]\nname = \"a\"\ntype = \"text\"\n",
      "key = [\"k\"]\nkinds = \"service\"\norder = \"first\"\n[[columns]]\nname = 1\ntype = \"text\"\nvalues = 3\n",
      "key = \"k\"\n[[columns]]\nname = \"a\"\ntype = \"list\"\nvalues = [\"\", 2, [\"x\"]]\nfilter = 1\nlinks = \"no\"\n",
      "key = \"k\"\n[[columns]]\nname = \"n\"\ntype = \"number\"\nfilter = true\n",
      "[columns]\nname = \"a\"\n",
  };
  for (const char* text : inputs) {
    Diagnostics diags;
    INFO(text);
    CHECK_FALSE(parse_schema(text, "m.toml", "m", diags));
    CHECK(diags.has_errors());
  }
}
