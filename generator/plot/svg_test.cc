#include "plot/svg.h"

#include "plot/test_support.h"

#include <catch2/catch.hpp>

using namespace kb::plot;
using kb::plot::testing::xml_error;

TEST_CASE("xml_escape escapes markup and drops what XML forbids") {
  CHECK(xml_escape("a < b & \"c\" 'd' > e") == "a &lt; b &amp; &quot;c&quot; &#39;d&#39; &gt; e");
  CHECK(xml_escape("x\x01y\x1fz\x7f") == "xyz");
  CHECK(xml_escape("tab\tnew\nline") == "tab\tnew\nline");
  CHECK(xml_escape("x₁ ≤ 2.5") == "x₁ ≤ 2.5");
  CHECK(xml_escape("bad \xff byte") == "bad \xEF\xBF\xBD byte");
  CHECK(xml_escape("cut \xC3") == "cut \xEF\xBF\xBD");
}

TEST_CASE("the XML checker accepts good and rejects bad markup") {
  CHECK(xml_error("<a x=\"1\"><b/>t &amp; &#39; &#x41;</a>") == "");
  CHECK(xml_error("<?xml version=\"1.0\"?>\n<a/>") == "");
  CHECK_FALSE(xml_error("<a><b></a></b>").empty());
  CHECK_FALSE(xml_error("<a>").empty());
  CHECK_FALSE(xml_error("<a>x < y</a>").empty());
  CHECK_FALSE(xml_error("<a>R&D</a>").empty());
  CHECK_FALSE(xml_error("<a x=\"1\" x=\"2\"/>").empty());
  CHECK_FALSE(xml_error("<a x=1/>").empty());
  CHECK_FALSE(xml_error("<a/><b/>").empty());
  CHECK_FALSE(xml_error("<a>\x01</a>").empty());
}

TEST_CASE("Svg writes escaped elements") {
  Svg svg;
  svg.open("g", {{"class", "a\"b"}, {"x", 1.25}, {"n", 3}}).text("text", {}, "<&>").empty("rect").close("g");
  CHECK(svg.str() == "<g class=\"a&quot;b\" x=\"1.3\" n=\"3\"><text>&lt;&amp;&gt;</text><rect/></g>");
  CHECK(xml_error(svg.str()) == "");
}

TEST_CASE("finish_id names the chart's ids by hash or by choice") {
  const std::string body = std::string("<svg id=\"") + kIdToken + "-t\"/>";
  const std::string hashed = finish_id(body, "");
  CHECK(hashed.rfind("<svg id=\"kbp-", 0) == 0);
  CHECK(hashed.size() == std::string("<svg id=\"kbp-12345678-t\"/>").size());
  CHECK(finish_id(body, "") == hashed);  // deterministic
  CHECK(finish_id(std::string("<svg x=\"1\" id=\"") + kIdToken + "\"/>", "") != hashed);
  CHECK(finish_id(body, "demo-3") == "<svg id=\"demo-3-t\"/>");
  CHECK(finish_id(body, "3 bad\"id").rfind("<svg id=\"kbp-", 0) == 0);  // unusable: hashed instead
}

TEST_CASE("text helpers count code points") {
  CHECK(utf8_length("x₁ ≤") == 4);
  CHECK(truncate_text("abcdef", 4) == "abc…");
  CHECK(truncate_text("x₁x₂x₃", 3) == "x₁…");
  CHECK(truncate_text("abc", 3) == "abc");
  CHECK(text_width("mmmm", 10) > text_width("iiii", 10));
  CHECK(text_width("", 10) == 0);
}
