#include "markdown/source_map.h"

#include <catch2/catch.hpp>

using namespace kb::markdown;

TEST_CASE("source lines are numbered as cmark numbers them", "[source_map]") {
  SourceLines lines("a\nb\r\nc\rd\n");
  REQUIRE(lines.count() == 5);
  CHECK(lines.line(1) == "a");
  CHECK(lines.line(2) == "b");
  CHECK(lines.line(3) == "c");
  CHECK(lines.line(4) == "d");
  CHECK(lines.line(5).empty());
  CHECK(lines.line(0).empty());
  CHECK(lines.line(6).empty());
  SourceLines bom("\xEF\xBB\xBFtitle\nx");
  CHECK(bom.line(1) == "title");  // columns count from after the BOM
  CHECK(SourceLines("").count() == 1);
}

TEST_CASE("a literal maps back to its source bytes", "[source_map]") {
  LiteralMap map;
  SECTION("plain, with the source going on") {
    REQUIRE(match_literal_at("ab cd", 1, "b c", map));
    CHECK(map.offset == std::vector<uint32_t>{1, 2, 3});
    CHECK(map.end == 4);
  }
  SECTION("backslash escapes are marked") {
    REQUIRE(match_literal_at("\\[\\[x]] \\a", 0, "[[x]] \\a", map));
    CHECK(map.offset[0] == 0);
    CHECK(map.offset[1] == 2);
    CHECK(map.offset[2] == 4);
    CHECK(map.escaped[0]);
    CHECK(map.escaped[1]);
    CHECK_FALSE(map.escaped[2]);
    CHECK_FALSE(map.escaped[6]);  // "\a" is no escape: 'a' is not punctuation
    CHECK(map.end == 10);
  }
  SECTION("character references") {
    REQUIRE(match_literal_at("&amp;&#91;&#x5D;&copy;&bogus;x", 0, "&[]\u00A9&bogus;x", map));
    CHECK(map.escaped[0]);
    CHECK(map.offset[1] == 5);
    CHECK(map.escaped[1]);
    CHECK(map.offset[2] == 10);
    CHECK(map.offset[3] == 16);  // both bytes of U+00A9
    CHECK(map.offset[4] == 16);
    CHECK_FALSE(map.escaped[5]);  // unknown names stay as written
    CHECK(map.offset[12] == 29);
  }
  SECTION("out-of-range numeric references become U+FFFD") {
    REQUIRE(match_literal_at("&#0;&#xD800;", 0, "\uFFFD\uFFFD", map));
    CHECK(map.end == 12);
  }
  SECTION("a partly consumed tab becomes spaces") {
    REQUIRE(match_literal_at("\t[[A]]", 0, "  [[A]]", map));
    CHECK(map.offset[2] == 1);
  }
  SECTION("a mismatch fails") {
    CHECK_FALSE(match_literal_at("abc", 0, "abd", map));
    CHECK_FALSE(match_literal_at("abc", 2, "cd", map));
    CHECK_FALSE(match_literal_at("abc", 4, "a", map));
  }
}
