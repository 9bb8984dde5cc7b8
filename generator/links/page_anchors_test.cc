#include "links/page_anchors.h"

#include <catch2/catch.hpp>

using kb::page_anchors;
using Ids = std::vector<std::string>;

TEST_CASE("footnotes have the ids cmark-gfm gives them, when referenced") {
  CHECK(page_anchors("A[^1] and again[^1], b[^x-y].\n\n[^1]: one\n[^x-y]: two\n[^unused]: three\n") ==
        Ids{"fn-1", "fnref-1", "fnref-1-2", "fn-x-y", "fnref-x-y"});
  // The id takes the definition's label; a reference matches it ignoring case.
  CHECK(page_anchors("A[^Note].\n\n[^note]: x\n") == Ids{"fn-note", "fnref-note"});
  // Referenced but never defined: plain text, no anchor.
  CHECK(page_anchors("A[^nowhere].\n").empty());
  // A reference inside a definition counts; labels with spaces are not footnotes.
  CHECK(page_anchors("[^a]: see[^b]\n[^b]: x\nA[^a] [^big note]\n[^big note]: y\n") ==
        Ids{"fn-b", "fnref-b", "fn-a", "fnref-a"});
}

TEST_CASE("raw HTML ids and <a name> anchors") {
  CHECK(page_anchors("<a name=\"top\"></a>\n\nText <span id='here'>x</span> <div ID=bare>\n") ==
        Ids{"top", "here", "bare"});
  CHECK(page_anchors("<img name=\"no\" src=x>\n").empty());  // name anchors only on <a>
  CHECK(page_anchors("<a data-id=\"no\" href=\"#x\">x</a>\n").empty());
}

TEST_CASE("code is not read for anchors") {
  std::string md =
      "```\n<a id=\"fenced\"></a> x[^1]\n```\n"
      "~~~~md\n[^1]: still code\n~~~~\n"
      "Inline `<a id=\"span\">` and ``[^1]`` stay code.\n"
      "    <a id=\"indented\"></a>\n"
      "[^1]: defined, never referenced outside code\n";
  CHECK(page_anchors(md) == Ids{"indented"});  // an indented line may be a list item's: read
}
