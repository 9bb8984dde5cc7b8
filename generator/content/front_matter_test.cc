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

TEST_CASE("malformed YAML is an error at its file line") {
  Diagnostics diags;
  CHECK_FALSE(read("---\ntitle: ok\ntags: [a, b\n---\nbody\n", diags));
  auto d = diags.sorted();
  REQUIRE(d.size() == 1);
  CHECK(d[0].line >= 3);
  CHECK(d[0].message.find("invalid YAML front matter") != std::string::npos);
}

TEST_CASE("malformed TOML is an error at its file line") {
  Diagnostics diags;
  CHECK_FALSE(read("+++\ntitle = \"x\"\ntags = [\n+++\n", diags));
  auto d = diags.sorted();
  REQUIRE(d.size() == 1);
  CHECK(d[0].line >= 3);
  CHECK(d[0].message.find("invalid TOML front matter") != std::string::npos);
}

TEST_CASE("an unclosed block and wrong field types are errors") {
  Diagnostics diags;
  CHECK_FALSE(read("---\ntitle: x\n\n# no end\n", diags));
  CHECK(diags.report().find("never closed") != std::string::npos);
  Diagnostics d2;
  CHECK_FALSE(read("---\ntags: {a: 1}\nkind: poem\n---\n", d2));
  CHECK(d2.error_count() == 2);
  auto d = d2.sorted();
  CHECK(d[0].line == 2);
  CHECK(d[1].message.find("unknown kind 'poem'") != std::string::npos);
}

TEST_CASE("a single string of tags is a comma list; quoted numbers stay text") {
  Diagnostics diags;
  auto fm = read("---\ntags: a, b\ntitle: \"2024\"\n---\n", diags);
  REQUIRE(fm);
  CHECK(fm->tags == std::vector<std::string>{"a", "b"});
  CHECK(*fm->title == "2024");
}
