#include "markdown/wikilink.h"

#include <catch2/catch.hpp>

using kb::markdown::default_wikilink_label;
using kb::markdown::find_wikilinks;
using kb::markdown::Wikilink;

namespace {
std::vector<Wikilink> find(std::string_view text) { return find_wikilinks(text, {}); }
}  // namespace

TEST_CASE("wikilink parts", "[wikilink]") {
  auto w = find("see [[ F1 score # Worked example | the example ]] now");
  REQUIRE(w.size() == 1);
  CHECK(w[0].begin == 4);
  CHECK(w[0].end == 49);
  CHECK_FALSE(w[0].embed);
  CHECK(w[0].target == "F1 score");
  CHECK(w[0].fragment == "Worked example");
  CHECK(w[0].label == "the example");

  w = find("[[a|b|c]] [[a#b#c]] [[a|]]");
  REQUIRE(w.size() == 3);
  CHECK(w[0].label == "b|c");      // only the first '|' splits
  CHECK(w[1].fragment == "b#c");   // only the first '#' splits
  CHECK(w[2].label == "a");        // an empty label is the default one
}

TEST_CASE("default labels", "[wikilink]") {
  CHECK(default_wikilink_label("Note", "") == "Note");
  CHECK(default_wikilink_label("Note", "Part") == "Note \u203A Part");
  CHECK(default_wikilink_label("Note", "A#B") == "Note \u203A A \u203A B");  // Obsidian's nested headings
  CHECK(default_wikilink_label("", "A#B") == "A \u203A B");
  CHECK(default_wikilink_label("", "Part") == "Part");
  auto w = find("[[Note#Part]] [[#Part]] ![[img.png]]");
  REQUIRE(w.size() == 3);
  CHECK(w[0].label == "Note \u203A Part");
  CHECK(w[1].label == "Part");
  CHECK(w[2].label == "img.png");
}

TEST_CASE("embed syntax", "[wikilink]") {
  auto w = find("x![[a.png|alt text]]![[b.png]] ![[#h]]");
  REQUIRE(w.size() == 3);
  CHECK(w[0].embed);
  CHECK(w[0].begin == 1);
  CHECK(w[0].label == "alt text");
  CHECK(w[1].embed);
  CHECK(w[1].begin == 20);
  CHECK_FALSE(w[2].embed);  // nothing to embed: '!' stays text
  CHECK(w[2].begin == 32);
}

TEST_CASE("what is not a wikilink", "[wikilink]") {
  CHECK(find("[[]] [[ ]] [[|x]] [[#]] [[ # | y ]]").empty());
  CHECK(find("[[a[b]] [[a]b]] [[open").empty());
  CHECK(find("[single] [[x] ]").empty());
  auto w = find("[[[x]]]");
  REQUIRE(w.size() == 1);
  CHECK(w[0].begin == 1);
  CHECK(w[0].target == "x");
}

TEST_CASE("escaped brackets are text", "[wikilink]") {
  std::string_view text = "[[a]] [[b]] [[c]] ![[d]]";
  //                       0123456789012345678901234
  std::vector<bool> escaped(text.size(), false);
  escaped[6] = true;   // first '[' of [[b]]
  escaped[16] = true;  // last ']' of [[c]]
  escaped[18] = true;  // the '!' of ![[d]]
  auto w = find_wikilinks(text, escaped);
  REQUIRE(w.size() == 2);
  CHECK(w[0].target == "a");
  CHECK(w[1].target == "d");
  CHECK_FALSE(w[1].embed);
  CHECK(w[1].begin == 19);
}

TEST_CASE("an escaped pipe still splits the label", "[wikilink]") {
  std::string_view text = "[[T|lab]]";
  std::vector<bool> escaped(text.size(), false);
  escaped[3] = true;  // written "\|" inside a table cell
  auto w = find_wikilinks(text, escaped);
  REQUIRE(w.size() == 1);
  CHECK(w[0].target == "T");
  CHECK(w[0].label == "lab");
}

TEST_CASE("embed sizes", "[wikilink]") {
  auto w = find_wikilinks("![[a.png|300]] ![[a.png|300x200]] ![[a.png|alt text|300]] ![[a.png|big]] ![[a.png| 40 ]]", {});
  REQUIRE(w.size() == 5);
  CHECK(w[0].width == 300);
  CHECK(w[0].height == 0);
  CHECK(w[0].label == "a.png");  // a size alone: the alt text is the file name
  CHECK(w[1].width == 300);
  CHECK(w[1].height == 200);
  CHECK(w[2].label == "alt text");
  CHECK(w[2].width == 300);
  CHECK(w[3].label == "big");
  CHECK(w[3].width == 0);
  CHECK(w[4].width == 40);
  // Only embeds have sizes; a wikilink's "|300" is its label.
  auto l = find_wikilinks("[[Note|300]]", {});
  REQUIRE(l.size() == 1);
  CHECK(l[0].label == "300");
  CHECK(l[0].width == 0);
}

TEST_CASE("what is a size", "[wikilink]") {
  using kb::markdown::split_size;
  CHECK(split_size("300").width == 300);
  CHECK(split_size("300x200").height == 200);
  CHECK(split_size("a|b|12").label == "a|b");
  CHECK(split_size("0").width == 0);          // no zero size
  CHECK(split_size("300x").width == 0);       // half a size is alt text
  CHECK(split_size("x200").width == 0);
  CHECK(split_size("1234567").width == 0);    // too many digits
  CHECK(split_size("3OO").label == "3OO");
  CHECK(split_size("-300").width == 0);
  CHECK(split_size("300px").width == 0);
}
