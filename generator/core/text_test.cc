#include "core/text.h"

#include <catch2/catch.hpp>

using namespace kb::text;

TEST_CASE("find_invalid_utf8 accepts UTF-8 and points at the first bad byte") {
  CHECK_FALSE(find_invalid_utf8("plain ascii"));
  CHECK_FALSE(find_invalid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));
  CHECK(find_invalid_utf8("ab\xFF") == 2u);
  CHECK(find_invalid_utf8("ab\xC3") == 2u);              // truncated sequence
  CHECK(find_invalid_utf8("\xC0\xAF") == 0u);            // overlong '/'
  CHECK(find_invalid_utf8("x\xED\xA0\x80") == 1u);       // UTF-16 surrogate
  CHECK(find_invalid_utf8("\xF4\x90\x80\x80") == 0u);    // past U+10FFFF
}

TEST_CASE("position_of counts lines and columns from 1") {
  auto p = position_of("ab\ncd\nef", 7);
  CHECK(p.line == 3);
  CHECK(p.column == 2);
}

TEST_CASE("heading_slug follows GitHub") {
  CHECK(heading_slug("Worked example") == "worked-example");
  CHECK(heading_slug("F1 score: the *harmonic* mean!") == "f1-score-the-harmonic-mean");
  CHECK(heading_slug("snake_case and-dash") == "snake_case-and-dash");
  CHECK(heading_slug("Größe") == "größe");
  CHECK(heading_slug("Über Größe") == "über-größe");
  CHECK(heading_slug("ÉTÉ À Paris") == "été-à-paris");
}

TEST_CASE("url_slug makes one readable path segment") {
  CHECK(url_slug("F1 score") == "f1-score");
  CHECK(url_slug("  Kinesis / Firehose (2024) ") == "kinesis-firehose-2024");
  CHECK(url_slug("Übersicht Notizen") == "übersicht-notizen");
  CHECK(url_slug("Ünïcödé-Note") == "ünïcödé-note");
  CHECK(url_slug("ΣΟΦΙΑ Кирилл") == "σοφια-кирилл");
  CHECK(url_slug("🗼 Networking") == "🗼-networking");  // no case: kept as is
  CHECK(url_slug("???") == "untitled");
}

TEST_CASE("lookup_key folds case, underscores and spaces") {
  CHECK(lookup_key("  F1_Score ") == "f1 score");
  CHECK(lookup_key("ROC   and AUC") == "roc and auc");
  CHECK(lookup_key("Über_Sicht") == lookup_key("über sicht"));
}

TEST_CASE("edit_distance is Levenshtein and stops at the limit") {
  CHECK(edit_distance("kitten", "sitting", 10) == 3);
  CHECK(edit_distance("f-1 score", "f1 score", 3) == 1);
  CHECK(edit_distance("abc", "xyzxyzxyz", 2) == 3);
}

TEST_CASE("html_escape escapes the five characters") {
  CHECK(html_escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST_CASE("url encoding round-trips and rejects bad escapes") {
  CHECK(url_encode_path("my notes/a b#c.html") == "my%20notes/a%20b%23c.html");
  CHECK(url_decode("a%20b%2e%2E") == std::optional<std::string>("a b.."));
  CHECK_FALSE(url_decode("a%2"));
  CHECK_FALSE(url_decode("a%zz"));
}

TEST_CASE("relative_url works from any depth with explicit index.html") {
  CHECK(relative_url("index.html", "a/b.html") == "a/b.html");
  CHECK(relative_url("a/b.html", "a/c.html") == "c.html");
  CHECK(relative_url("a/b/c.html", "x.html") == "../../x.html");
  CHECK(relative_url("a/b/c.html", "a/d.html#h") == "../d.html#h");
  CHECK(relative_url("a/b.html", "") == "../index.html");
  CHECK(relative_url("a/b.html", "a/") == "index.html");
}

TEST_CASE("next_code_point reads one UTF-8 character and steps past it") {
  const std::string s = "a\xC3\xA9\xE2\x88\x91\xF0\x9D\x94\xBC\xFF";  // a é ∑ 𝔼, then a stray byte
  size_t i = 0;
  CHECK(kb::text::next_code_point(s, i) == 'a');
  CHECK(kb::text::next_code_point(s, i) == 0xE9);
  CHECK(kb::text::next_code_point(s, i) == 0x2211);
  CHECK(kb::text::next_code_point(s, i) == 0x1D53C);
  CHECK(kb::text::next_code_point(s, i) == 0xFFFD);
  CHECK(i == s.size());
  size_t cut = 0;
  CHECK(kb::text::next_code_point("\xE2\x88", cut) == 0xFFFD);  // truncated: one byte
  CHECK(cut == 1);
}

TEST_CASE("append_json_string: quotes, backslashes and control characters escaped, UTF-8 kept") {
  std::string out = "[";
  kb::text::append_json_string(out, "a \"q\" \\ \n\t\x01 é </script>");
  CHECK(out == "[\"a \\\"q\\\" \\\\ \\n\\t\\u0001 é </script>\"");
  std::string empty;
  kb::text::append_json_string(empty, "");
  CHECK(empty == "\"\"");
}
