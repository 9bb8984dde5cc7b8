#include "config/config.h"

#include <catch2/catch.hpp>

using namespace kb;

TEST_CASE("site.toml sets every key and resolves paths against its folder") {
  Diagnostics diags;
  auto c = config::parse(R"(title = "Guide"
description = "d"
base_url = "https://x.github.io/kb/"
repository = "https://github.com/x/kb"
notes = "content"
output = "public"
exclude = ["drafts/**"]
allow_html = true
max_note_mb = 2
[[domains]]
id = "modeling"
title = "Modeling"
weight = 36
)", "/site/site.toml", diags);
  REQUIRE(c);
  CHECK(diags.report().empty());
  CHECK(c->title == "Guide");
  CHECK(c->notes_dir == "/site/content");
  CHECK(c->output_dir == "/site/public");
  CHECK(c->allow_html);
  CHECK(c->max_note_bytes == 2u << 20);
  REQUIRE(c->domains.size() == 1);
  CHECK(c->domains[0].weight == 36);
  CHECK(c->exclude == std::vector<std::string>{"drafts/**"});
}

TEST_CASE("an unknown key is an error at its line and column") {
  Diagnostics diags;
  auto c = config::parse("title = \"x\"\n\ntitel = \"y\"\n", "site.toml", diags);
  CHECK_FALSE(c);
  auto d = diags.sorted();
  REQUIRE(d.size() == 1);
  CHECK(d[0].line == 3);
  CHECK(d[0].column == 1);
  CHECK(d[0].message.find("unknown key 'titel'") != std::string::npos);
  CHECK(d[0].source_line == "titel = \"y\"");
}

TEST_CASE("a wrong type is an error naming the key") {
  Diagnostics diags;
  CHECK_FALSE(config::parse("allow_html = \"yes\"\n", "site.toml", diags));
  CHECK(diags.report().find("'allow_html' must be true or false") != std::string::npos);
  Diagnostics d2;
  CHECK_FALSE(config::parse("[[domains]]\nid = \"a\"\nweight = 120\nfoo = 1\n", "site.toml", d2));
  CHECK(d2.error_count() == 2);
}

TEST_CASE("malformed TOML is an error with its place") {
  Diagnostics diags;
  CHECK_FALSE(config::parse("title = \"unterminated\n", "site.toml", diags));
  auto d = diags.sorted();
  REQUIRE(d.size() == 1);
  CHECK(d[0].line == 1);
  CHECK(d[0].message.find("invalid TOML") != std::string::npos);
}

TEST_CASE("duplicate domain ids are refused") {
  Diagnostics diags;
  CHECK_FALSE(config::parse("[[domains]]\nid = \"a\"\n[[domains]]\nid = \"a\"\n", "site.toml", diags));
  CHECK(diags.report().find("declared twice") != std::string::npos);
}

TEST_CASE("[math] macros are read, and checked with their places") {
  Diagnostics diags;
  auto c = config::parse(R"(title = "x"
[math]
macros = { "\\TP" = "\\mathrm{TP}", "\\argmin" = "\\operatorname*{arg\\,min}", "\\," = "\\thinspace" }
)", "site.toml", diags);
  REQUIRE(c);
  CHECK(diags.report().empty());
  CHECK(c->math_macros == std::map<std::string, std::string>{
                              {"\\TP", "\\mathrm{TP}"}, {"\\argmin", "\\operatorname*{arg\\,min}"}, {"\\,", "\\thinspace"}});

  Diagnostics bad;
  auto b = config::parse("[math]\nmacros = { \"TP\" = \"x\", \"\\\\F1\" = \"y\", \"\\\\FP\" = 3 }\nfonts = 1\n", "site.toml", bad);
  CHECK_FALSE(b);
  auto d = bad.sorted();
  REQUIRE(d.size() == 4);
  CHECK(d[0].line == 2);
  CHECK(d[0].column == 12);
  CHECK(d[0].message.find("macro name 'TP' is not a TeX control sequence") != std::string::npos);
  CHECK(d[1].line == 2);
  CHECK(d[1].message.find("macro name '\\F1'") != std::string::npos);
  CHECK(d[2].line == 2);
  CHECK(d[2].message.find("must be a string") != std::string::npos);
  CHECK(d[3].line == 3);
  CHECK(d[3].message.find("unknown key 'fonts' in [math]") != std::string::npos);

  Diagnostics not_table;
  CHECK_FALSE(config::parse("math = 1\n", "site.toml", not_table));
  CHECK(not_table.report().find("'math' must be a table") != std::string::npos);
  Diagnostics not_macros;
  CHECK_FALSE(config::parse("[math]\nmacros = [\"x\"]\n", "site.toml", not_macros));
  CHECK(not_macros.report().find("'macros' must be a table") != std::string::npos);
}

TEST_CASE("titles and line_breaks choose the notes' convention") {
  Diagnostics diags;
  auto c = config::parse("titles = \"filename\"\nline_breaks = true\n", "site.toml", diags);
  REQUIRE(c);
  CHECK(c->titles == Config::TitleRule::kFileName);
  CHECK(c->line_breaks == std::optional<bool>(true));
  auto d = config::parse("", "site.toml", diags);
  REQUIRE(d);
  CHECK(d->titles == Config::TitleRule::kAuto);
  CHECK_FALSE(d->line_breaks.has_value());
  CHECK(config::parse("titles = \"heading\"\n", "site.toml", diags)->titles == Config::TitleRule::kHeading);
  auto bad = config::parse("titles = \"h1\"\n", "site.toml", diags);
  CHECK_FALSE(bad);
  REQUIRE_FALSE(diags.sorted().empty());
  CHECK(diags.sorted().back().message.find("'titles' must be \"filename\"") != std::string::npos);
}

namespace {

// Every diagnostic's place and message, "line:col message", a line each.
std::string problems(const Diagnostics& d) {
  std::string out;
  for (const auto& p : d.sorted())
    out += (out.empty() ? "" : "\n") + std::to_string(p.line) + ":" + std::to_string(p.column) + " " + p.message;
  return out;
}

}  // namespace

TEST_CASE("[[exams]] declare several exams, the first active one primary") {
  Diagnostics diags;
  auto c = config::parse(R"([[exams]]
id = "old-01"
title = "Old"
status = "retired"
retired = 2026-03-31
[[exams.domains]]
id = "modeling"
weight = 100
[[exams]]
id = "new-01"
title = "New"
[[exams.domains]]
id = "prep"
title = "Data preparation"
weight = 60
[[exams.domains]]
id = "build"
weight = 40
)", "site.toml", diags);
  INFO(diags.report());
  REQUIRE(c);
  REQUIRE(c->exams.size() == 2);
  CHECK(c->exams[0].retired);
  CHECK(c->exams[0].retired_on == "2026-03-31");
  CHECK_FALSE(c->exams[1].retired);  // active unless it says otherwise
  REQUIRE(c->primary_exam());
  CHECK(c->primary_exam()->id == "new-01");
  REQUIRE(c->domains.size() == 2);  // the primary exam's
  CHECK(c->domains[0].title == "Data preparation");
  CHECK(c->domains[1].title == "build");  // no title: the id
  // [[domains]] alone is one exam without an id.
  Diagnostics d2;
  auto one = config::parse("[[domains]]\nid = \"a\"\nweight = 20\n", "site.toml", d2);
  REQUIRE(one);
  REQUIRE(one->exams.size() == 1);
  CHECK(one->exams[0].id.empty());
  CHECK(one->domains.size() == 1);
}

TEST_CASE("[[exams]] mistakes are errors at their line and column") {
  auto problem = [](const std::string& toml) {
    Diagnostics d;
    CHECK_FALSE(config::parse(toml, "site.toml", d));
    return problems(d);
  };
  const std::string head = "[[exams]]\nid = \"new-01\"\n";
  CHECK(problem(head + "[[exams.domains]]\nid = \"a\"\nweight = 60\n[[exams.domains]]\nid = \"b\"\nweight = 30\n") ==
        "3:1 the domain weights of exam 'new-01' add up to 90, not 100");
  CHECK(problem(head + "status = \"paused\"\n[[exams.domains]]\nid = \"a\"\n") ==
        "3:10 an exam's 'status' is \"active\" or \"retired\"");
  CHECK(problem(head + "retired = \"2026\"\n[[exams.domains]]\nid = \"a\"\n") ==
        "1:1 exam 'new-01' has a 'retired' date but its status is not \"retired\"");
  CHECK(problem(head) == "1:1 exam 'new-01' has no domains: add [[exams.domains]] entries with id, title, weight");
  CHECK(problem("[[exams]]\ntitle = \"x\"\n[[exams.domains]]\nid = \"a\"\n") ==
        "1:1 an [[exams]] entry needs an 'id', like id = \"mla-c01\"");
  CHECK(problem(head + "[[exams.domains]]\nid = \"a b\"\n").find(
            "4:6 a domain id is letters, digits, '-', '_' and '.', like \"model-development\"") != std::string::npos);
  CHECK(problem(head + "[[exams.domains]]\nid = \"a\"\nlevel = 3\n") ==
        "5:1 unknown key 'level' in [[exams.domains]]; known keys: id, title, weight");
  CHECK(problem("[[domains]]\nid = \"a\"\n" + head + "[[exams.domains]]\nid = \"a\"\n").find(
            "site.toml has both [[domains]] and [[exams]]") != std::string::npos);
}
