#include "content/front_matter.h"

#include <catch2/catch.hpp>

using namespace kb;

namespace {
std::optional<FrontMatter> read(std::string_view text, Diagnostics& diags, int* body_line = nullptr) {
  auto s = front_matter::split(text, "n.md", diags);
  if (!s) return std::nullopt;
  if (body_line) *body_line = s->body_line;
  return front_matter::parse(*s, text, "n.md", diags);
}
}  // namespace

TEST_CASE("YAML front matter fills the known fields and keeps the rest") {
  Diagnostics diags;
  int body = 0;
  auto fm = read("---\ntitle: F1 score\naliases: [F-measure, F1]\ntags: [Metrics, '#classification']\n"
                 "domain: modeling\nkind: formula\nsummary: Harmonic mean.\norder: 2\n"
                 "service: { category: ingestion }\n---\n# Body\n", diags, &body);
  REQUIRE(fm);
  CHECK(diags.report().empty());
  CHECK(*fm->title == "F1 score");
  CHECK(fm->aliases == std::vector<std::string>{"F-measure", "F1"});
  CHECK(fm->tags == std::vector<std::string>{"metrics", "classification"});
  CHECK(fm->domain == "modeling");
  CHECK(fm->kind == "formula");
  CHECK(*fm->order == 2);
  CHECK(fm->extra["service"]["category"] == "ingestion");
  CHECK(fm->key_lines["service"] == 9);
  CHECK(body == 11);
}

TEST_CASE("TOML front matter reads the same fields") {
  Diagnostics diags;
  auto fm = read("+++\ntitle = \"Poisson\"\ntags = [\"distributions\"]\nkind = \"distribution\"\n+++\nbody\n", diags);
  REQUIRE(fm);
  CHECK(*fm->title == "Poisson");
  CHECK(fm->kind == "distribution");
  CHECK(fm->key_lines["kind"] == 4);
}

TEST_CASE("no front matter gives defaults and the whole text as body") {
  Diagnostics diags;
  auto s = front_matter::split("# Hi\n---\n", "n.md", diags);
  REQUIRE(s);
  CHECK(s->format == front_matter::Split::Format::kNone);
  CHECK(s->body_line == 1);
}

TEST_CASE("malformed YAML is a warning at its file line that leaves the note out") {
  Diagnostics diags;
  CHECK_FALSE(read("---\ntitle: ok\ntags: [a, b\n---\nbody\n", diags));
  auto d = diags.sorted();
  REQUIRE(d.size() == 1);
  CHECK(d[0].line >= 3);
  CHECK(d[0].message.find("invalid YAML front matter") != std::string::npos);
  CHECK(d[0].severity == Severity::kWarning);
}

TEST_CASE("malformed TOML is a warning at its file line that leaves the note out") {
  Diagnostics diags;
  CHECK_FALSE(read("+++\ntitle = \"x\"\ntags = [\n+++\n", diags));
  auto d = diags.sorted();
  REQUIRE(d.size() == 1);
  CHECK(d[0].line >= 3);
  CHECK(d[0].message.find("invalid TOML front matter") != std::string::npos);
  CHECK(d[0].severity == Severity::kWarning);
}

TEST_CASE("an unreadable block leaves the note out and a wrong field type is ignored: both warn") {
  Diagnostics diags;
  CHECK_FALSE(read("---\ntitle: x\n\n# no end\n", diags));
  CHECK(diags.report().find("never closed") != std::string::npos);
  CHECK(diags.report().find("left out of the site") != std::string::npos);
  CHECK(diags.error_count() == 0);
  Diagnostics bad_yaml;
  CHECK_FALSE(read("---\ntitle: [unclosed\n---\n", bad_yaml));
  CHECK(bad_yaml.warning_count() == 1);
  CHECK(bad_yaml.error_count() == 0);
  // The rest of the note is kept; only the wrong fields go, each named.
  Diagnostics d2;
  auto fm = read("---\ntitle: Kept\ntags: {a: 1}\nkind: poem\norder: soon\n---\n", d2);
  REQUIRE(fm);
  CHECK(*fm->title == "Kept");
  CHECK(fm->tags.empty());
  CHECK(fm->kind == "note");
  CHECK(d2.error_count() == 0);
  CHECK(d2.warning_count() == 3);
  auto d = d2.sorted();
  CHECK(d[0].line == 3);
  CHECK(d[1].message.find("unknown kind 'poem'") != std::string::npos);
  CHECK(d[1].message.find("the field is ignored") != std::string::npos);
  CHECK(d[2].line == 5);
}

TEST_CASE("a draft flag that is neither true nor false leaves the note out rather than guess") {
  for (const char* flag : {"draft: maybe", "publish: later", "draft: [yes]"}) {
    Diagnostics diags;
    CHECK_FALSE(read(std::string("---\ntitle: Private?\n") + flag + "\n---\nbody\n", diags));
    CHECK(diags.warning_count() == 1);
    CHECK(diags.report().find("must be true or false") != std::string::npos);
    CHECK(diags.report().find("left out of the site") != std::string::npos);
  }
}

TEST_CASE("a list inside a block list gives its words (aliases as Obsidian's help vault writes them)") {
  Diagnostics diags;
  auto fm = read("---\naliases: \n  - [Tag pane]\n  - Plugins/Tags\n---\n", diags);
  REQUIRE(fm);
  CHECK(diags.report().empty());
  CHECK(fm->aliases == std::vector<std::string>{"Tag pane", "Plugins/Tags"});
  Diagnostics deeper;
  auto kept = read("---\ntitle: T\naliases: [[a, {b: 1}]]\n---\n", deeper);
  REQUIRE(kept);
  CHECK(kept->aliases.empty());
  CHECK(deeper.warning_count() == 1);
}

TEST_CASE("a single string of tags is a comma list, quoted numbers stay text") {
  Diagnostics diags;
  auto fm = read("---\ntags: a, b\ntitle: \"2024\"\n---\n", diags);
  REQUIRE(fm);
  CHECK(fm->tags == std::vector<std::string>{"a", "b"});
  CHECK(*fm->title == "2024");
}

TEST_CASE("nested keys and list items keep their file place (YAML flow and block, TOML)") {
  Diagnostics diags;
  auto fm = read("---\ntitle: Athena\nservice: { category: analytics, latency: [batch, near real-time] }\n"
                 "algorithm:\n  learning: supervised\n  problems:\n    - regression\n    - ranking\n"
                 "  empty:\n---\nbody\n", diags);
  REQUIRE(fm);
  CHECK(diags.report().empty());
  auto& p = fm->places;
  CHECK(p["/title"].line == 2);
  CHECK(p["/service"].line == 3);
  CHECK(p["/service/category"].line == 3);
  CHECK(p["/service/category"].column == 12);
  CHECK(p["/service/category"].value_column == 22);
  CHECK(p["/service/latency/0"].column == 43);
  CHECK(p["/service/latency/1"].column == 50);
  CHECK(p["/algorithm/learning"].line == 5);
  CHECK(p["/algorithm/learning"].column == 3);
  CHECK(p["/algorithm/learning"].value_column == 13);
  CHECK(p["/algorithm/problems"].line == 6);
  CHECK(p["/algorithm/problems/1"].line == 8);
  CHECK(p["/algorithm/problems/1"].column == 7);
  // An empty value points at its key.
  CHECK(p["/algorithm/empty"].value_line == 9);
  CHECK(p["/algorithm/empty"].value_column == 3);

  Diagnostics d2;
  auto t = read("+++\ntitle = \"Athena\"\n[service]\ncategory = \"analytics\"\nlatency = [\"batch\", \"x/y\"]\n"
                "+++\n", d2);
  REQUIRE(t);
  CHECK(t->places["/service"].line == 3);
  CHECK(t->places["/service/category"].line == 4);
  CHECK(t->places["/service/category"].column == 1);
  CHECK(t->places["/service/category"].value_column == 12);
  CHECK(t->places["/service/latency/1"].line == 5);
  CHECK(t->places["/service/latency/1"].column == 21);

  // Keys holding '/' or '~' are escaped as in a JSON pointer.
  Diagnostics d3;
  auto e = read("---\nx: { a/b: 1, c~d: 2 }\n---\n", d3);
  REQUIRE(e);
  CHECK(e->places.count("/x/a~1b") == 1);
  CHECK(e->places.count("/x/c~0d") == 1);
}
