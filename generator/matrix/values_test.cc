#include "matrix/values.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "config/config.h"
#include "content/loader.h"

using namespace kb;
using namespace kb::matrix;
namespace fs = std::filesystem;

namespace {

const char* kServices = R"(key = "service"
kinds = ["service"]
[[columns]]
name = "category"
type = "enum"
values = ["storage", "analytics", "ingestion"]
required = true
filter = true
[[columns]]
name = "latency"
type = "list"
values = ["batch", "real-time", "near real-time"]
required = true
[[columns]]
name = "serverless"
type = "bool"
[[columns]]
name = "scaling"
type = "text"
required = true
[[columns]]
name = "nodes"
type = "number"
[[columns]]
name = "confused_with"
type = "list"
links = true
)";

const char* kAlgorithms = R"(key = "algorithm"
kinds = ["algorithm"]
[[columns]]
name = "learning"
type = "enum"
values = ["supervised", "unsupervised"]
required = true
)";

std::vector<Schema> schemas() {
  Diagnostics diags;
  std::vector<Schema> out;
  out.push_back(*parse_schema(kServices, "services.toml", "services", diags));
  out.push_back(*parse_schema(kAlgorithms, "algorithms.toml", "algorithms", diags));
  REQUIRE(diags.report().empty());
  return out;
}

Page page(const std::string& text, const fs::path& file = "/nowhere/notes/athena.md") {
  Diagnostics diags;
  auto p = content::parse_note(text, "athena.md", file, config::defaults("/nowhere"), diags);
  REQUIRE(p);
  REQUIRE(diags.report().empty());
  return *p;
}

// "Redshift" and its alias name page 7; nothing else is a note.
std::optional<size_t> finder(std::string_view name) {
  if (name == "Amazon Redshift" || name == "Redshift") return 7;
  return std::nullopt;
}

struct Result {
  std::vector<Block> blocks;
  std::vector<Diagnostic> diags;
};

Result check(const std::string& text) {
  Result r;
  Diagnostics diags;
  r.blocks = validate_page(schemas(), page(text), 3, finder, diags);
  r.diags = diags.sorted();
  return r;
}

}  // namespace

TEST_CASE("a valid block becomes typed cells") {
  auto r = check("---\ntitle: Athena\nkind: service\nservice:\n  category: analytics\n  latency: [batch]\n"
                 "  serverless: true\n  scaling: Automatic.\n  nodes: 2.5\n  confused_with: [Redshift, Amazon Redshift]\n---\n");
  INFO(r.diags.size());
  CHECK(r.diags.empty());
  REQUIRE(r.blocks.size() == 1);
  const Block& b = r.blocks[0];
  CHECK(b.schema == 0);
  CHECK(b.page == 3);
  REQUIRE(b.cells.size() == 6);
  CHECK(b.cells[0].present);
  CHECK(b.cells[0].text == "analytics");
  CHECK(b.cells[1].items == std::vector<std::string>{"batch"});
  CHECK(b.cells[2].flag);
  CHECK(b.cells[3].text == "Automatic.");
  CHECK(b.cells[4].number == 2.5);
  CHECK(b.cells[5].items.size() == 2);
  CHECK(b.cells[5].targets == std::vector<std::optional<size_t>>{7, 7});
}

TEST_CASE("optional columns may be left out, a lone word is a one-item list, numbers read as text") {
  auto r = check("---\nkind: service\nservice: { category: storage, latency: near real-time, scaling: 10 }\n---\n");
  CHECK(r.diags.empty());
  REQUIRE(r.blocks.size() == 1);
  CHECK(r.blocks[0].cells[1].items == std::vector<std::string>{"near real-time"});
  CHECK(r.blocks[0].cells[3].text == "10");
  CHECK_FALSE(r.blocks[0].cells[2].present);
  CHECK_FALSE(r.blocks[0].cells[4].present);
}

TEST_CASE("TOML front matter carries a block as a table") {
  auto r = check("+++\nkind = \"service\"\n[service]\ncategory = \"storage\"\nlatency = [\"batch\"]\nscaling = \"x\"\n"
                 "serverless = \"yes\"\n+++\n");
  REQUIRE(r.diags.size() == 1);
  CHECK(r.diags[0].line == 7);
  CHECK(r.diags[0].column == 14);
  CHECK(r.diags[0].message == "'service.serverless' must be true or false, not the text \"yes\"");
  CHECK(r.blocks.empty());
}

TEST_CASE("each value error is at its file:line:col") {
  auto r = check("---\ntitle: Athena\nkind: service\nservice:\n  category: analytic\n  latency: [batch, realtime]\n"
                 "  serverless: maybe\n  colour: blue\n  nodes: many\n---\n");
  CHECK(r.blocks.empty());
  REQUIRE(r.diags.size() == 6);
  for (const auto& d : r.diags) {
    CHECK(d.severity == Severity::kError);
    CHECK(d.path == "/nowhere/notes/athena.md");
  }
  // Missing required value: at the block's key.
  CHECK(r.diags[0].line == 4);
  CHECK(r.diags[0].column == 1);
  CHECK(r.diags[0].message == "'service' lacks the required value 'scaling'");
  // Value outside its enum: at the value, with a suggestion and the allowed values.
  CHECK(r.diags[1].line == 5);
  CHECK(r.diags[1].column == 13);
  CHECK(r.diags[1].message == "'service.category' value \"analytic\" is not allowed (did you mean \"analytics\"?); "
                              "allowed (services.toml): storage, analytics, ingestion");
  // A list item outside the allowed items: at the item.
  CHECK(r.diags[2].line == 6);
  CHECK(r.diags[2].column == 20);
  CHECK(r.diags[2].message.find("'service.latency' item \"realtime\" is not allowed (did you mean \"real-time\"?)") == 0);
  // Wrong type: text for a bool.
  CHECK(r.diags[3].line == 7);
  CHECK(r.diags[3].column == 15);
  CHECK(r.diags[3].message == "'service.serverless' must be true or false, not the text \"maybe\"");
  // Unknown column without a close name: the columns are listed.
  CHECK(r.diags[4].line == 8);
  CHECK(r.diags[4].column == 3);
  CHECK(r.diags[4].message == "unknown column 'colour' in 'service'; its columns (services.toml): category, latency, "
                              "serverless, scaling, nodes, confused_with");
  CHECK(r.diags[5].line == 9);
  CHECK(r.diags[5].message == "'service.nodes' must be a number, not the text \"many\"");
}

TEST_CASE("an unknown column close to a real one gets a did-you-mean") {
  auto r = check("---\nkind: service\nservice: { categry: storage, latency: batch, scaling: x }\n---\n");
  REQUIRE(r.diags.size() == 2);
  CHECK(r.diags[0].line == 3);
  CHECK(r.diags[0].column == 1);
  CHECK(r.diags[0].message == "'service' lacks the required value 'category'");
  CHECK(r.diags[1].column == 12);
  CHECK(r.diags[1].message == "unknown column 'categry' in 'service' (did you mean 'category'?)");
}

TEST_CASE("wrong shapes: a list for text, a table for a list, a bare word for a block, a bool for text") {
  auto r = check("---\nkind: service\nservice: { category: storage, latency: { a: 1 }, scaling: [a, b] }\n---\n");
  REQUIRE(r.diags.size() == 2);
  CHECK(r.diags[0].column == 40);
  CHECK(r.diags[0].message == "'service.latency' must be a list, like [a, b], not a table");
  CHECK(r.diags[1].column == 59);
  CHECK(r.diags[1].message == "'service.scaling' must be text, not a list");

  auto b = check("---\nkind: service\nservice: fast\n---\n");
  REQUIRE(b.diags.size() == 1);
  CHECK(b.diags[0].line == 3);
  CHECK(b.diags[0].column == 10);
  CHECK(b.diags[0].message.find("'service' must be a table of column values, like service: { category: … }") == 0);

  auto t = check("---\nkind: service\nservice: { category: storage, latency: batch, scaling: no }\n---\n");
  REQUIRE(t.diags.size() == 1);
  CHECK(t.diags[0].message == "'service.scaling' must be text, not false (put the word in quotes)");

  auto e = check("---\nkind: service\nservice: { category: storage, latency: [batch, [x]], scaling: x }\n---\n");
  REQUIRE(e.diags.size() == 1);
  CHECK(e.diags[0].column == 48);
  CHECK(e.diags[0].message == "'service.latency' items must be words, not a list");
}

TEST_CASE("a block on a note of the wrong kind is an error at its key") {
  auto r = check("---\nkind: formula\nservice: { category: storage, latency: batch, scaling: x }\n---\n");
  REQUIRE(r.diags.size() == 1);
  CHECK(r.diags[0].line == 3);
  CHECK(r.diags[0].column == 1);
  CHECK(r.diags[0].message == "'service' block on a note of kind 'formula': only notes of kind service carry it "
                              "(set kind: service)");
  CHECK(r.blocks.empty());
  // No kind at all is kind "note".
  auto n = check("---\nalgorithm: { learning: supervised }\n---\n");
  REQUIRE(n.diags.size() == 1);
  CHECK(n.diags[0].message.find("on a note of kind 'note'") != std::string::npos);
}

TEST_CASE("a links item naming no note is a warning, and the block still counts") {
  auto r = check("---\nkind: service\nservice:\n  category: storage\n  latency: batch\n  scaling: x\n"
                 "  confused_with: [Redshift, Amazon Glacier]\n---\n");
  REQUIRE(r.diags.size() == 1);
  CHECK(r.diags[0].severity == Severity::kWarning);
  CHECK(r.diags[0].line == 7);
  CHECK(r.diags[0].column == 29);
  CHECK(r.diags[0].message == "'service.confused_with' item \"Amazon Glacier\" names no note");
  REQUIRE(r.blocks.size() == 1);
  CHECK(r.blocks[0].cells[5].targets == std::vector<std::optional<size_t>>{7, std::nullopt});
}

TEST_CASE("a service note without a block is a warning, an algorithm note without one is fine") {
  auto r = check("---\ntitle: Amazon Athena\nkind: service\n---\nBody.\n");
  REQUIRE(r.diags.size() == 1);
  CHECK(r.diags[0].severity == Severity::kWarning);
  CHECK(r.diags[0].line == 3);
  CHECK(r.diags[0].message == "note \"Amazon Athena\" of kind 'service' has no 'service' block, so no comparison "
                              "matrix shows it");
  CHECK(check("---\ntitle: K-means\nkind: algorithm\n---\n").diags.empty());
  // Without schemas nothing is checked at all.
  Diagnostics diags;
  CHECK(validate_page({}, page("---\nkind: service\nservice: 3\n---\n"), 0, finder, diags).empty());
  CHECK(diags.report().empty());
}

TEST_CASE("the offending line is echoed when the note's file is readable") {
  fs::path file = fs::temp_directory_path() / ("kb-matrix-values-" + std::to_string(::getpid()) + ".md");
  std::string text = "---\nkind: service\nservice: { category: stor, latency: batch, scaling: x }\n---\n";
  std::ofstream(file) << text;
  Diagnostics diags;
  validate_page(schemas(), page(text, file), 0, finder, diags);
  auto d = diags.sorted();
  REQUIRE(d.size() == 1);
  CHECK(d[0].source_line == "service: { category: stor, latency: batch, scaling: x }");
  CHECK(d[0].column == 22);
  fs::remove(file);
}
