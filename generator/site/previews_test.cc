#include "site/previews.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

using namespace kb;

namespace {

nlohmann::json preview(const std::string& body, site::PreviewBudget budget = {},
                       std::vector<std::string> fragments = {"^item", "^para", "a", "deep", "usage", "x"}) {
  Page p;
  p.url = "a/note.html";
  p.title = "Note";
  p.summary = "About it.";
  return nlohmann::json::parse(site::preview_json(p, body, fragments, budget));
}

}  // namespace

TEST_CASE("previews: the opening, each linked heading's section and each linked block, whole blocks within the budget") {
  std::string body =
      "<p>First <a href=\"b.html\">link</a>.</p>\n<pre><code>x &lt; 1</code></pre>\n"
      "<h2 id=\"usage\">Usage <em>now</em></h2>\n<p>Use it.</p>\n<h3 id=\"deep\">Deep</h3>\n<ul>\n<li>one</li>\n"
      "<li><span class=\"block-ref\" id=\"^item\"></span>an <b>item</b></li>\n</ul>\n"
      "<h2 id=\"next\">Next</h2>\n<div class=\"block-ref\" id=\"^para\"><p>Named.</p></div>\n";
  auto d = preview(body);
  CHECK(d["t"] == "Note");
  CHECK(d["s"] == "About it.");
  CHECK(d["b"] == "<p>First <a href=\"b.html\">link</a>.</p>\n<pre><code>x &lt; 1</code></pre>\n");
  CHECK(d["h"]["usage"][0] == "Usage now");
  // A section runs through its subsections, up to the next heading of its level.
  CHECK(d["h"]["usage"][1] == "<p>Use it.</p>\n<ul>\n<li>one</li>\n<li><span class=\"block-ref\" id=\"^item\"></span>an <b>item</b></li>\n</ul>\n");
  CHECK(d["h"]["deep"][1].get<std::string>().rfind("<ul>", 0) == 0);
  CHECK(d["k"]["^item"] == "an <b>item</b>");
  CHECK(d["k"]["^para"] == "<div class=\"block-ref\" id=\"^para\"><p>Named.</p></div>");

  site::PreviewBudget one;
  one.blocks = 1;
  CHECK(preview(body, one)["b"] == "<p>First <a href=\"b.html\">link</a>.</p>\n");

  // Only what links name: no link to #next or ^para, none to any section.
  auto named = preview(body, {}, {"^item", "usage"});
  CHECK(named["h"].size() == 1);
  CHECK(named["k"].size() == 1);
  CHECK(named["k"].contains("^item"));
  CHECK(preview(body, {}, {})["h"].empty());
  CHECK(preview(body, {}, {})["b"] == d["b"]);
}

TEST_CASE("previews: a note that opens with a heading opens with its first section, without scripts or forms") {
  auto d = preview(
      "<h2 id=\"a\">A</h2>\n<div class=\"demo\"><input type=\"range\"></div>\n<script>var x = '</p>';</script>\n"
      "<p>Text<br>more <img src=\"i.png\" alt=\"\"></p>\n");
  CHECK(d["b"] == "<p>Text<br>more <img src=\"i.png\" alt=\"\"></p>\n");
}

TEST_CASE("previews: unbalanced raw HTML ends the readable part, never the build") {
  auto d = preview("<p>Fine.</p>\n<div><p>never closed\n<h2 id=\"x\">X</h2>\n");
  CHECK(d["b"] == "<p>Fine.</p>\n");
  CHECK(preview("")["b"] == "");
  CHECK(preview("plain text, no tags")["b"] == "");
  CHECK(preview("<p title=\"a > b\">quoted &gt;</p><!-- c <p> -->\n<p>two</p>")["b"] ==
        "<p title=\"a > b\">quoted &gt;</p>\n<p>two</p>\n");
}

TEST_CASE("previews: a heading's text is the note's, its entities decoded") {
  Page p;
  p.url = "n.html";
  p.title = "N";
  markdown::Heading h;
  h.level = 2, h.text = "A & B", h.id = "a-b";
  p.headings.push_back(h);
  auto d = nlohmann::json::parse(site::preview_json(p, "<h2 id=\"a-b\">A &amp; B</h2>\n<p>x</p>\n", {"a-b"}));
  CHECK(d["h"]["a-b"][0] == "A & B");
}
