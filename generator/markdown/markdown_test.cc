#include "markdown/markdown.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <random>
#include <thread>
#include <string>
#include <vector>

using namespace kb::markdown;

namespace {

Options site_options() {
  Options o;
  o.allow_html = false;
  o.heading_ids = true;
  return o;
}

// A resolver that finds everything, pointing wikilinks at "<target>.html".
ResolvedLink find_all(const LinkRef& ref) {
  ResolvedLink r;
  r.href = (ref.target.empty() ? "" : ref.target + ".html") + (ref.fragment.empty() ? "" : "#" + ref.fragment);
  return r;
}

ResolvedLink find_none(const LinkRef&) {
  ResolvedLink r;
  r.found = false;
  return r;
}

// The document as a C string literal, to paste into a regression test.
std::string escaped(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c == '\\' || c == '"') out += std::string("\\") + c;
    else out += c;
  }
  return out + "\"";
}

std::string render(std::string_view md, const LinkResolver& resolver = find_none, Options o = site_options()) {
  return Document::parse(md, o).render_html(resolver).html;
}

}  // namespace

TEST_CASE("wikilink forms give target, fragment and label", "[markdown][wikilink]") {
  auto doc = Document::parse(
      "a [[F1 score]] b [[F1 score|F-one]] c [[F1 score#Worked example]]\n"
      "d [[Precision#Formula|the formula]] e [[#Local heading]]\n",
      site_options());
  const auto& l = doc.links();
  REQUIRE(l.size() == 5);
  CHECK(l[0].kind == LinkKind::kWiki);
  CHECK(l[0].target == "F1 score");
  CHECK(l[0].fragment.empty());
  CHECK(l[0].label == "F1 score");
  CHECK(l[1].label == "F-one");
  CHECK(l[2].target == "F1 score");
  CHECK(l[2].fragment == "Worked example");
  CHECK(l[2].label == "F1 score \u203A Worked example");
  CHECK(l[3].target == "Precision");
  CHECK(l[3].fragment == "Formula");
  CHECK(l[3].label == "the formula");
  CHECK(l[4].target.empty());
  CHECK(l[4].fragment == "Local heading");
  CHECK(l[4].label == "Local heading");
}

TEST_CASE("wikilink columns are exact 1-based byte columns", "[markdown][wikilink][position]") {
  SECTION("first line, several links") {
    auto doc = Document::parse("text [[Foo|x]] ![[img.png]] and", site_options());
    REQUIRE(doc.links().size() == 2);
    CHECK(doc.links()[0].line == 1);
    CHECK(doc.links()[0].column == 6);
    CHECK(doc.links()[1].kind == LinkKind::kEmbed);
    CHECK(doc.links()[1].column == 16);
  }
  SECTION("after multibyte UTF-8") {
    // "é" and "→" are 2 and 3 bytes: columns count bytes.
    auto doc = Document::parse("é → [[X]]", site_options());
    REQUIRE(doc.links().size() == 1);
    CHECK(doc.links()[0].column == 8);
  }
  SECTION("continuation lines of a paragraph") {
    auto doc = Document::parse("first line\nsecond [[A]]\n  third [[B]]\n", site_options());
    REQUIRE(doc.links().size() == 2);
    CHECK(doc.links()[0].line == 2);
    CHECK(doc.links()[0].column == 8);
    CHECK(doc.links()[1].line == 3);
    CHECK(doc.links()[1].column == 9);
  }
  SECTION("lazy and over-indented continuation lines") {
    // cmark counts these lines' columns from the paragraph's first column.
    auto doc = Document::parse("> quoted\nlazy [[L]]\n\n- item\n     more [[M]] and [[N]]\n", site_options());
    REQUIRE(doc.links().size() == 3);
    CHECK(doc.links()[0].line == 2);
    CHECK(doc.links()[0].column == 6);
    CHECK(doc.links()[1].line == 5);
    CHECK(doc.links()[1].column == 11);
    CHECK(doc.links()[2].column == 21);
  }
  SECTION("after escapes and entities on the same line") {
    auto doc = Document::parse("a \\* &amp; &#233; [[X]]", site_options());
    REQUIRE(doc.links().size() == 1);
    CHECK(doc.links()[0].column == 19);
  }
  SECTION("in a heading, a block quote and a list") {
    auto doc = Document::parse("## See [[H]]\n\n> q [[Q]]\n\n1. [[I]]\n", site_options());
    REQUIRE(doc.links().size() == 3);
    CHECK(doc.links()[0].line == 1);
    CHECK(doc.links()[0].column == 8);
    CHECK(doc.links()[1].line == 3);
    CHECK(doc.links()[1].column == 5);
    CHECK(doc.links()[2].line == 5);
    CHECK(doc.links()[2].column == 4);
  }
}

TEST_CASE("code spans and code blocks keep their brackets", "[markdown][wikilink]") {
  auto doc = Document::parse("`[[not]]` and [[yes]]\n\n```\n[[no]]\n```\n\n    [[indented]]\n", site_options());
  REQUIRE(doc.links().size() == 1);
  CHECK(doc.links()[0].target == "yes");
  CHECK(doc.links()[0].column == 15);
  std::string html = doc.render_html(find_all).html;
  CHECK(html.find("<code>[[not]]</code>") != std::string::npos);
  CHECK(html.find("<pre><code>[[no]]\n</code></pre>") != std::string::npos);
}

TEST_CASE("escaped brackets stay text", "[markdown][wikilink]") {
  auto doc = Document::parse("\\[\\[x]] and [[x\\]] and &#91;&#91;y]] but [[z]]", site_options());
  REQUIRE(doc.links().size() == 1);
  CHECK(doc.links()[0].target == "z");
  CHECK(doc.links()[0].column == 42);
  CHECK(doc.render_html(find_all).html ==
        "<p>[[x]] and [[x]] and [[y]] but <a class=\"wikilink\" href=\"z.html\">z</a></p>\n");
}

TEST_CASE("not wikilinks", "[markdown][wikilink]") {
  auto doc = Document::parse("[[]] [[|x]] [[#]] [[a[b]] [[open\n", site_options());
  CHECK(doc.links().empty());
}

TEST_CASE("wikilinks inside markdown links are not links", "[markdown][wikilink]") {
  auto doc = Document::parse("[see [[X]]](https://example.com) ![alt [[Y]]](https://example.com/i.png)",
                             site_options());
  CHECK(doc.links().empty());
}

TEST_CASE("embeds", "[markdown][wikilink]") {
  auto doc = Document::parse("![[roc.png]] and ![[img/pr curve.png|PR curve]] and \\![[Note]] ![[#x]]", site_options());
  const auto& l = doc.links();
  REQUIRE(l.size() == 4);
  CHECK(l[0].kind == LinkKind::kEmbed);
  CHECK(l[0].target == "roc.png");
  CHECK(l[0].label == "roc.png");
  CHECK(l[0].column == 1);
  CHECK(l[1].kind == LinkKind::kEmbed);
  CHECK(l[1].target == "img/pr curve.png");
  CHECK(l[1].label == "PR curve");
  CHECK(l[2].kind == LinkKind::kWiki);  // the '!' was escaped
  CHECK(l[2].column == 55);
  CHECK(l[3].kind == LinkKind::kWiki);  // an embed needs a target
  CHECK(l[3].fragment == "x");
  std::string html = doc.render_html([](const LinkRef& ref) {
    ResolvedLink r;
    r.found = ref.target != "img/pr curve.png";
    r.href = ref.kind == LinkKind::kEmbed ? "../files/" + ref.target : "note.html";
    return r;
  }).html;
  CHECK(html == "<p><img src=\"../files/roc.png\" alt=\"roc.png\"> and "
                "<span class=\"broken-link\" title=\"No file named \u201Cimg/pr curve.png\u201D\">PR curve</span>"
                " and !<a class=\"wikilink\" href=\"note.html\">Note</a> !<a class=\"wikilink\" "
                "href=\"note.html\">x</a></p>\n");
}

TEST_CASE("markdown links: relative ones are listed, absolute ones are not", "[markdown][links]") {
  auto doc = Document::parse(
      "[a](../metrics/f1.md#worked-example) [b](https://x.org/a.md) [c](//abs.md) [d](//host/x)\n"
      "[e](mailto:me@x.org) ![roc](img/roc%20curve.png) [f](#local) [g](F1%20score.md \"t\")\n"
      "[ref][r] <https://auto.example> www.example.com\n\n[r]: notes/x.md\n",
      site_options());
  const auto& l = doc.links();
  REQUIRE(l.size() == 5);
  CHECK(l[0].kind == LinkKind::kMarkdown);
  CHECK(l[0].target == "../metrics/f1.md");
  CHECK(l[0].fragment == "worked-example");
  CHECK(l[0].label == "a");
  CHECK(l[0].line == 1);
  CHECK(l[0].column == 1);
  CHECK(l[1].kind == LinkKind::kImage);
  CHECK(l[1].target == "img/roc curve.png");
  CHECK(l[1].label == "roc");
  CHECK(l[1].line == 2);
  CHECK(l[1].column == 22);
  CHECK(l[2].target.empty());
  CHECK(l[2].fragment == "local");
  CHECK(l[3].target == "F1 score.md");
  CHECK(l[3].column == 62);
  CHECK(l[4].target == "notes/x.md");
  CHECK(l[4].line == 3);
  CHECK(l[4].column == 1);
  // "/x.md" names a path from the notes folder's root: listed, resolved.
  auto rooted = Document::parse("[c](/abs.md) [d](/)\n", site_options());
  REQUIRE(rooted.links().size() == 1);
  CHECK(rooted.links()[0].target == "/abs.md");
}

TEST_CASE("markdown link columns on continuation lines", "[markdown][links][position]") {
  auto doc = Document::parse("> quote\nlazy [a](a.md) [b](b.md)\n\n- item\n     [c](c.md) ![i](i.png)\n",
                             site_options());
  const auto& l = doc.links();
  REQUIRE(l.size() == 4);
  CHECK(l[0].column == 6);
  CHECK(l[1].column == 16);
  CHECK(l[2].line == 5);
  CHECK(l[2].column == 6);
  CHECK(l[3].column == 16);
}

TEST_CASE("resolved and broken markdown links", "[markdown][links]") {
  std::string md = "[a](x.md#h) ![i](i.png) [b](missing.md \"keep\") [c](https://x.org)";
  std::string html = render(md, [](const LinkRef& ref) {
    ResolvedLink r;
    r.found = ref.target != "missing.md";
    r.href = ref.kind == LinkKind::kImage ? "../i.png" : "x.html#h";
    r.title = ref.kind == LinkKind::kImage ? "" : "X page";
    return r;
  });
  CHECK(html == "<p><a href=\"x.html#h\" title=\"X page\">a</a> <img src=\"../i.png\" alt=\"i\" /> "
                "<a href=\"missing.md\" title=\"keep\">b</a> <a href=\"https://x.org\">c</a></p>\n");
}

TEST_CASE("resolver is called once per link, in links() order", "[markdown][links]") {
  auto doc = Document::parse("[[B]] [m](m.md) ![[e.png]]\n\n## H [[C]]\n\n| [[T\\|t]] | ![i](i.png) |\n|--|--|\n",
                             site_options());
  std::vector<std::string> seen;
  doc.render_html([&](const LinkRef& ref) {
    seen.push_back(ref.target);
    return find_all(ref);
  });
  CHECK(seen == std::vector<std::string>{"B", "m.md", "e.png", "C", "T", "i.png"});
  REQUIRE(doc.links().size() == seen.size());
  for (size_t i = 0; i < seen.size(); ++i) CHECK(doc.links()[i].target == seen[i]);
}

TEST_CASE("wikilink rendering", "[markdown][wikilink]") {
  SECTION("found, with title, escaped") {
    std::string html = render("[[A & B|\"B\" <3]]", [](const LinkRef&) {
      ResolvedLink r;
      r.href = "a-b.html?x=1&y=\"2\"";
      r.title = "A & \"B\"";
      return r;
    });
    CHECK(html == "<p><a class=\"wikilink\" href=\"a-b.html?x=1&amp;y=&quot;2&quot;\" "
                  "title=\"A &amp; &quot;B&quot;\">&quot;B&quot; &lt;3</a></p>\n");
  }
  SECTION("broken") {
    CHECK(render("see [[No \"such\" <3]].") ==
          "<p>see <span class=\"broken-link\" title=\"No note named \u201CNo &quot;such&quot; &lt;3\u201D\">"
          "No &quot;such&quot; &lt;3</span>.</p>\n");
    CHECK(render("[[#Gone]]") ==
          "<p><span class=\"broken-link\" title=\"No heading named \u201CGone\u201D on this page\">Gone</span></p>\n");
  }
  SECTION("inside emphasis and strikethrough") {
    CHECK(render("*[[A]]* ~~[[B]]~~", find_all) ==
          "<p><em><a class=\"wikilink\" href=\"A.html\">A</a></em> "
          "<del><a class=\"wikilink\" href=\"B.html\">B</a></del></p>\n");
  }
}

TEST_CASE("a table cell with a wikilink", "[markdown][wikilink][table]") {
  std::string md = "| metric | note |\n|---|---|\n| F1 | [[F1 score\\|F1]] and [[Recall]] |\n";
  auto doc = Document::parse(md, site_options());
  REQUIRE(doc.links().size() == 2);
  CHECK(doc.links()[0].target == "F1 score");
  CHECK(doc.links()[0].label == "F1");
  CHECK(doc.links()[0].line == 3);
  CHECK(doc.links()[0].column == 8);
  CHECK(doc.links()[1].column == 29);
  std::string html = doc.render_html(find_all).html;
  CHECK(html.find("<td><a class=\"wikilink\" href=\"F1 score.html\">F1</a> and "
                  "<a class=\"wikilink\" href=\"Recall.html\">Recall</a></td>") != std::string::npos);
}

TEST_CASE("heading ids are GitHub slugs, unique in the page", "[markdown][headings]") {
  auto doc = Document::parse(
      "# Intro\n\n## Intro\n\n### Intro\n\n## Intro-1\n\n## What's *new*?\n\n## !!!\n\n## !!!\n\nSetext\n---\n",
      site_options());
  const auto& h = doc.headings();
  REQUIRE(h.size() == 8);
  CHECK(h[0].id == "intro");
  CHECK(h[1].id == "intro-1");
  CHECK(h[2].id == "intro-2");
  CHECK(h[3].id == "intro-1-1");
  CHECK(h[4].id == "whats-new");
  CHECK(h[4].text == "What's new?");
  CHECK(h[4].level == 2);
  CHECK(h[4].line == 9);
  CHECK(h[5].id == "section");
  CHECK(h[6].id == "section-1");
  CHECK(h[7].id == "setext");
  CHECK(h[7].level == 2);
  std::string html = doc.render_html(find_none).html;
  CHECK(html.find("<h1 id=\"intro\">Intro</h1>\n<h2 id=\"intro-1\">Intro</h2>\n") == 0);
  CHECK(html.find("<h2 id=\"whats-new\">What's <em>new</em>?</h2>") != std::string::npos);
}

TEST_CASE("heading ids can be turned off", "[markdown][headings]") {
  Options o = site_options();
  o.heading_ids = false;
  auto doc = Document::parse("## A [[B]]\n", o);
  REQUIRE(doc.headings().size() == 1);
  CHECK(doc.headings()[0].id.empty());
  CHECK(doc.headings()[0].text == "A B");
  CHECK(doc.render_html(find_none).html ==
        "<h2>A <span class=\"broken-link\" title=\"No note named \u201CB\u201D\">B</span></h2>\n");
}

TEST_CASE("heading ids include wikilink labels and non-ASCII", "[markdown][headings]") {
  auto doc = Document::parse("## Über [[F1 score|F1]] `code`\n", site_options());
  REQUIRE(doc.headings().size() == 1);
  CHECK(doc.headings()[0].text == "Über F1 code");
  // kb::text::heading_slug lowercases ASCII only; non-ASCII bytes are kept.
  CHECK(doc.headings()[0].id == "über-f1-code");
}

TEST_CASE("raw HTML is sanitized unless allowed", "[markdown][html]") {
  std::string md = "a <kbd>Ctrl</kbd> b\n\n<div class=\"x\">\n  <b>hi</b>\n</div>\n\n<script>alert(1)</script>\n";
  SECTION("sanitized: safe tags pass, scripts go with their content") {
    std::string html = render(md);
    CHECK(html ==
          "<p>a <kbd>Ctrl</kbd> b</p>\n"
          "<div class=\"x\">\n  <b>hi</b>\n</div>\n"
          "\n");
  }
  SECTION("an inline script's text goes too, within its paragraph only") {
    std::string html = render("a <script>alert(1)</script> b <span onclick=\"x()\" class=flair>c</span>\n\nnext\n");
    CHECK(html == "<p>a  b <span class=\"flair\">c</span></p>\n<p>next</p>\n");
    CHECK(render("a <style>p{}\n\nnext\n") == "<p>a </p>\n<p>next</p>\n");
  }
  SECTION("<br> in a table cell") {
    CHECK(render("| a |\n|---|\n| one<br>two |\n").find("<td>one<br>two</td>") != std::string::npos);
  }
  SECTION("default Options sanitize") {
    CHECK(Document::parse("<img src=x onerror=alert(1)> <kbd>K</kbd>\n", Options{}).render_html(find_none).html ==
          "<p><img src=\"x\"> <kbd>K</kbd></p>\n");
  }
  SECTION("what an inline <script> encloses is gone: markup, wikilinks and formulas included") {
    auto doc = Document::parse("a <script>**b** `c` [d](e.md) [[F]] $x$ <em>g</em></script> h [[I]]\n", site_options());
    CHECK(doc.render_html(find_all).html == "<p>a  h <a class=\"wikilink\" href=\"I.html\">I</a></p>\n");
    REQUIRE(doc.links().size() == 1);
    CHECK(doc.links()[0].target == "I");
    CHECK(doc.links()[0].column == 63);  // places after the dropped content stay exact
    CHECK(doc.formulas().empty());
    CHECK(doc.plain_text() == "a  h I");
    // Unclosed, it runs to the end of its paragraph; an <svg> and a <style> go the same way.
    CHECK(render("a <svg>*b*\n\nc <style>[[d]]</style> e\n") == "<p>a </p>\n<p>c  e</p>\n");
  }
  SECTION("HTML cannot close or swallow the page's elements") {
    // A stray end tag is dropped; what a container opens is closed where it ends.
    CHECK(render("<div>\nx </div></div></div> y\n") == "<div>\nx </div> y\n");
    CHECK(render("a <b>bold\n\nb </b> c\n") == "<p>a <b>bold</b></p>\n<p>b  c</p>\n");
    CHECK(render("<table><tr><td>cell\n") == "<table><tr><td>cell\n</table>\n");
    CHECK(render("- <div>a\n- b </div>\n") == "<ul>\n<li>\n<div>a\n</div>\n</li>\n<li>b </li>\n</ul>\n");
    // Across blocks of one container, as notes open and close <details> around markdown.
    CHECK(render("<details>\n<summary>S</summary>\n\n*text*\n\n</details>\n") ==
          "<details>\n<summary>S</summary>\n<p><em>text</em></p>\n</details>\n");
    // Allowed HTML is the author's own business.
    Options o = site_options();
    o.allow_html = true;
    CHECK(render("<div>\nx </div></div> y\n", find_none, o) == "<div>\nx </div></div> y\n");
  }
  SECTION("allowed, with tagfilter") {
    Options o = site_options();
    o.allow_html = true;
    std::string html = render(md, find_none, o);
    CHECK(html ==
          "<p>a <kbd>Ctrl</kbd> b</p>\n<div class=\"x\">\n  <b>hi</b>\n</div>\n"
          "&lt;script>alert(1)&lt;/script>\n");
  }
  SECTION("unsafe URLs are dropped when HTML is not allowed") {
    CHECK(render("[x](javascript:alert(1))") == "<p><a href=\"\">x</a></p>\n");
    CHECK(render("[x](JaVaScRiPt:alert(1)) ![y](data:text/html,x)") == "<p><a href=\"\">x</a> <img src=\"\" alt=\"y\" /></p>\n");
  }
}

TEST_CASE("leading H1", "[markdown][h1]") {
  std::string md = "# F1 [[score]]\n\nBody [[x]].\n";
  SECTION("reported, and dropped from the rendering only") {
    Options o = site_options();
    o.drop_leading_h1 = true;
    auto doc = Document::parse(md, o);
    CHECK(doc.leading_h1() == "F1 score");
    REQUIRE(doc.headings().size() == 1);
    CHECK(doc.headings()[0].id == "f1-score");
    REQUIRE(doc.links().size() == 2);
    std::string html = doc.render_html(find_all).html;
    CHECK(html == "<span id=\"f1-score\"></span>\n<p>Body <a class=\"wikilink\" href=\"x.html\">x</a>.</p>\n");
    CHECK(doc.plain_text() == "F1 score\nBody x.");
    CHECK(doc.render_html(find_all).html == html);  // the H1 was put back
  }
  SECTION("kept when not dropping") {
    auto doc = Document::parse(md, site_options());
    CHECK(doc.leading_h1() == "F1 score");
    CHECK(doc.render_html(find_none).html.find("<h1 id=\"f1-score\">F1 ") == 0);
  }
  SECTION("only when it is the first block") {
    Options o = site_options();
    o.drop_leading_h1 = true;
    CHECK(Document::parse("Intro\n\n# Title\n", o).leading_h1().empty());
    CHECK(Document::parse("## Title\n", o).leading_h1().empty());
    CHECK(Document::parse("## Title\n", o).render_html(find_none).html == "<h2 id=\"title\">Title</h2>\n");
    auto setext = Document::parse("Title\n=====\n\ntext\n", o);
    CHECK(setext.leading_h1() == "Title");
    CHECK(setext.render_html(find_none).html == "<span id=\"title\"></span>\n<p>text</p>\n");
  }
}

TEST_CASE("plain text", "[markdown][plain]") {
  auto doc = Document::parse(
      "# Title\n\nSome *emph* and `code` and [a link](x.md) and [[W|wiki]].\nNext line.\n\n"
      "- one\n- two\n\n```\nint x;\n```\n\n| h1 | h2 |\n|--|--|\n| c1 | c2 |\n\n---\n\n> quote<br>\n",
      site_options());
  CHECK(doc.plain_text() ==
        "Title\nSome emph and code and a link and wiki. Next line.\none\ntwo\nint x;\nh1\nh2\nc1\nc2\nquote");
  Options o = site_options();
  o.allow_html = true;
  CHECK(Document::parse("a <b>bold</b> word\n", o).plain_text() == "a bold word");
}

TEST_CASE("footnotes, task lists and autolinks are on", "[markdown][gfm]") {
  std::string html = render("- [x] done[^1] www.example.com\n\n[^1]: Note.\n");
  CHECK(html.find("<input type=\"checkbox\" checked=\"\" disabled=\"\" />") != std::string::npos);
  CHECK(html.find("<sup class=\"footnote-ref\">") != std::string::npos);
  CHECK(html.find("<a href=\"http://www.example.com\">www.example.com</a>") != std::string::npos);
}

TEST_CASE("documents move", "[markdown]") {
  auto a = Document::parse("# T\n\n[[x]]\n", site_options());
  Document b = std::move(a);
  CHECK(b.leading_h1() == "T");
  CHECK(b.render_html(find_all).html.find("x.html") != std::string::npos);
}

TEST_CASE("links after autolinks, which carry no position", "[markdown][links][position]") {
  auto doc = Document::parse(
      "see www.example.com [[X]] and foo@bar.com [[Y]]\nline2 http://x.org [[Z]] a@b.co\nx [[W]]\n",
      site_options());
  const auto& l = doc.links();
  REQUIRE(l.size() == 4);
  CHECK(l[0].line == 1);
  CHECK(l[0].column == 21);
  CHECK(l[1].line == 1);
  CHECK(l[1].column == 43);
  CHECK(l[2].line == 2);
  CHECK(l[2].column == 20);
  CHECK(l[3].line == 3);
  CHECK(l[3].column == 3);
}

// Property test: on documents built from the constructs that make columns
// hard (containers, lazy lines, escapes, entities, UTF-8, tables, autolinks),
// every listed link's line:column must point at its '[' or '!' in the source.
TEST_CASE("every link's line and column point at the link", "[markdown][links][position]") {
  const std::vector<std::string> tokens = {
      "[[A]]", "[[B|b]]", "![[i.png]]", "[[#h]]", "\\[\\[", "]]", "[x](a.md)", "![y](b.png)", "`[[c]]`",
      "*", "_", "&amp;", "&#91;", "\xC3\xA9", "> ", "- ", "1. ", "  ", "    ", "\t", "\n", "\n", "\n\n",
      "| ", " |", "\n|---|---|\n", "# ", "<b>", "www.x.com", "a@b.co", "[^1]", "\n[^1]: fn [[F]]\n", "~~",
      "text", " ", " ", "word", "\\", "[", "]", "!", "**", "[t [[N]]](c.md)", "<https://x.org>", "`",
      "[z](d.md\n\"title\")", "<a\nhref='x'>", "\n===\n", "- [ ] ", "> > ", "\n[r]: r.md\n", "[q][r]",
      "  \n", "\\\n", "\r\n", "\n    ", "``", "![](e.png)", "[`k`](f.md)", "***"};
  std::mt19937 rng(getenv("KB_SEED") ? atoi(getenv("KB_SEED")) : 20240607);
  std::uniform_int_distribution<size_t> pick(0, tokens.size() - 1);
  int checked = 0;
  for (int doc_no = 0; doc_no < (getenv("KB_DOCS") ? atoi(getenv("KB_DOCS")) : 3000); ++doc_no) {
    std::string md;
    for (int t = 0; t < 30; ++t) md += tokens[pick(rng)];
    auto doc = Document::parse(md, site_options());
    std::vector<std::string> lines;
    for (size_t start = 0;;) {
      size_t nl = md.find('\n', start);
      lines.push_back(md.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
    for (const auto& link : doc.links()) {
      INFO("document: " << escaped(md) << "\nlink to \"" << link.target << "\" at " << link.line << ":" << link.column);
      REQUIRE(link.line >= 1);
      REQUIRE(link.line <= static_cast<int>(lines.size()));
      const std::string& line = lines[link.line - 1];
      REQUIRE(link.column >= 1);
      REQUIRE(link.column <= static_cast<int>(line.size()));
      std::string at = line.substr(link.column - 1);
      switch (link.kind) {
        case LinkKind::kWiki: CHECK(at.compare(0, 2, "[[") == 0); break;
        case LinkKind::kEmbed: CHECK(at.compare(0, 3, "![[") == 0); break;
        case LinkKind::kMarkdown: CHECK(at.compare(0, 1, "[") == 0); break;
        case LinkKind::kImage: CHECK(at.compare(0, 2, "![") == 0); break;
      }
      ++checked;
    }
    doc.render_html(find_all);
  }
  CHECK(checked > 1000);
}

TEST_CASE("documents parse and render on many threads at once", "[markdown][threads]") {
  std::vector<std::thread> threads;
  std::vector<std::string> out(4);
  for (size_t t = 0; t < out.size(); ++t)
    threads.emplace_back([&out, t] {
      for (int i = 0; i < 50; ++i)
        out[t] = Document::parse("# T\n\n[[x]] <script>x</script> | a |\n|--|\n| [[y]] |\n", Options{})
                     .render_html(find_all)
                     .html;
    });
  for (auto& th : threads) th.join();
  for (const auto& html : out) CHECK(html == out[0]);
}

TEST_CASE("random bytes never break parsing, placing or rendering", "[markdown][robustness]") {
  static const char kAlphabet[] = "[]![]()#|\\`*_~<>&;:/.- \t\n\r\0a\xC3\xA9" "0x-=\"'^{}";
  const std::string alphabet(kAlphabet, sizeof kAlphabet - 1);  // with its NUL
  std::mt19937 rng(7);
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<int> length(0, 200);
  for (int doc_no = 0; doc_no < 2000; ++doc_no) {
    std::string md;
    for (int n = length(rng); n > 0; --n) {
      char c = alphabet[pick(rng)];
      if (static_cast<unsigned char>(c) >= 0x80) md += "\xC3\xA9";  // keep UTF-8 valid
      else md += c;
    }
    for (bool allow_html : {false, true}) {
      Options o;
      o.allow_html = allow_html;
      o.drop_leading_h1 = true;
      auto doc = Document::parse(md, o);
      for (const auto& link : doc.links()) {
        INFO("document: " << escaped(md));
        CHECK(link.line >= 1);
        CHECK(link.column >= 1);
      }
      doc.render_html(find_all);
      doc.plain_text();
    }
  }
}

TEST_CASE("demo blocks: listed with their place, written by the block renderer, left out of plain text") {
  const std::string md =
      "# T\n\nBefore.\n\n```demo\nkernel = \"kmeans\"\nk = [2, 3]\n```\n\n- item\n\n  ```demo\n  kernel = \"roc\"\n  ```\n\n"
      "```toml\nkernel = \"x\"\n```\n";
  auto doc = Document::parse(md, site_options());
  REQUIRE(doc.blocks().size() == 2);
  CHECK(doc.blocks()[0].source == "kernel = \"kmeans\"\nk = [2, 3]\n");
  CHECK(doc.blocks()[0].line == 5);
  CHECK(doc.blocks()[0].column == 1);
  CHECK(doc.blocks()[1].source == "kernel = \"roc\"\n");
  CHECK(doc.blocks()[1].line == 12);
  CHECK(doc.blocks()[1].column == 3);

  // kb's own HTML goes in as written: an SVG's <title> is not tag-filtered.
  const std::string svg = "<figure data-demo><svg><title id=\"t\">k &lt; 3</title></svg></figure>";
  std::string html = doc.render_html(find_none, nullptr, [&](const FencedBlock& b, size_t i) {
    return i == 0 ? svg + "\n" : std::string();
  }).html;
  CHECK(html.find(svg) != std::string::npos);
  CHECK(html.find("&lt;title") == std::string::npos);
  // A block the renderer leaves ("") shows as code; other fences are untouched.
  CHECK(html.find("<pre><code class=\"language-demo\">kernel = &quot;roc&quot;\n</code></pre>") != std::string::npos);
  CHECK(html.find("<code class=\"language-toml\">") != std::string::npos);
  // Without a renderer both show as code.
  std::string plain_render = doc.render_html(find_none).html;
  CHECK(plain_render.find("language-demo\">kernel = &quot;kmeans&quot;") != std::string::npos);

  std::string text = doc.plain_text();
  CHECK(text.find("kmeans") == std::string::npos);
  CHECK(text.find("Before.") != std::string::npos);
  CHECK(text.find("kernel = \"x\"") != std::string::npos);
}

TEST_CASE("a dropped leading H1 keeps its id as an anchor", "[markdown][headings]") {
  Options o = site_options();
  o.drop_leading_h1 = true;
  auto doc = Document::parse("# OSI Model\n\nLayers.\n\n## Transport\n", o);
  std::string html = doc.render_html(find_none).html;
  CHECK(html.find("<h1") == std::string::npos);
  CHECK(html.rfind("<span id=\"osi-model\"></span>\n", 0) == 0);
  CHECK(html.find("id=\"transport\"") != std::string::npos);
  // Rendering again gives the same page, and the document is unchanged.
  CHECK(doc.render_html(find_none).html == html);
  CHECK(doc.headings().size() == 2);
  CHECK(doc.plain_text().rfind("OSI Model", 0) == 0);
}

TEST_CASE("hard_breaks renders single newlines as line breaks", "[markdown]") {
  Options o = site_options();
  CHECK(render("one\ntwo\n", find_none, o) == "<p>one\ntwo</p>\n");
  o.hard_breaks = true;
  CHECK(render("one\ntwo\n", find_none, o) == "<p>one<br />\ntwo</p>\n");
  // Plain text (summaries, search) reads a line break as a space either way.
  CHECK(Document::parse("one\ntwo\n", o).plain_text() == "one two");
}

TEST_CASE("links resolved as_text render as their label only", "[markdown][links]") {
  auto as_text = [](const LinkRef& ref) {
    ResolvedLink r;
    r.as_text = ref.target.rfind("draft", 0) == 0;
    r.href = ref.target + ".html";
    return r;
  };
  std::string md = "[[draft <1>|Secret & plan]], [[other]], ![[draft.png]], [see *this*](draft.md#h), "
                   "![alt & x](draft.png) and [ok](ok.md).\n\n| a | b |\n|--|--|\n| [[draft\\|cell]] | [c](draft.md) |\n";
  auto doc = Document::parse(md, site_options());
  std::string html = doc.render_html(as_text).html;
  INFO(html);
  CHECK(html.find("<p>Secret &amp; plan, <a class=\"wikilink\" href=\"other.html\">other</a>, draft.png, "
                  "see this, alt &amp; x and <a href=\"ok.md.html\">ok</a>.</p>") != std::string::npos);
  CHECK(html.find("<td>cell</td>") != std::string::npos);
  CHECK(html.find("<td>c</td>") != std::string::npos);
  CHECK(html.find("broken-link") == std::string::npos);
  CHECK(html.find("draft.md") == std::string::npos);
  // The document is unchanged: a later render may link them again.
  std::string linked = doc.render_html(find_all).html;
  CHECK(linked.find("<a href=\"draft.md.html#h\">see <em>this</em></a>") != std::string::npos);
  CHECK(linked.find("<img src=\"draft.png.html\" alt=\"alt &amp; x\" />") != std::string::npos);
  CHECK(linked.find("<td><a href=\"draft.md.html\">c</a></td>") != std::string::npos);
  CHECK(doc.plain_text() == Document::parse(md, site_options()).plain_text());
}

TEST_CASE("flashcards are marked where they are written, only in a note that holds them") {
  using kb::markdown::Document;
  using kb::markdown::Options;
  auto render = [](const std::string& md, bool flashcards) {
    Options o;
    o.flashcards = flashcards;
    auto doc = Document::parse(md, o);
    return doc.render_html([](const kb::markdown::LinkRef& l) {
      kb::markdown::ResolvedLink r;
      r.href = l.target + ".html";
      return r;
    }).html;
  };
  const std::string md =
      "Recall::TP over **TP + FN**\n- Q :::  [[A]] `x::y`\n\nFront\n?\nBack line\n\nThe {{cloze}} and ==mark==\n\n`a::b` alone\n\n::x\n";
  const std::string off = render(md, false);
  CHECK(off.find("flashcard") == std::string::npos);
  CHECK(off.find("Recall::TP") != std::string::npos);
  const std::string on = render(md, true);
  CHECK(on.find("<p><span class=\"flashcard\"><span class=\"card-q\">Recall</span><span class=\"card-a\">TP over "
                "<strong>TP + FN</strong></span></span>") != std::string::npos);
  CHECK(on.find("<li><span class=\"flashcard\"><span class=\"card-q\">Q</span><span class=\"card-a\"><a ") !=
        std::string::npos);
  CHECK(on.find("<code>x::y</code></span></span></li>") != std::string::npos);
  CHECK(on.find("<p><span class=\"flashcard\"><span class=\"card-q\">Front</span><span class=\"card-a\">Back line</span></span></p>") !=
        std::string::npos);
  CHECK(on.find("The <span class=\"cloze\">cloze</span> and <mark>mark</mark>") != std::string::npos);
  CHECK(on.find("<p><code>a::b</code> alone</p>") != std::string::npos);  // code is no card
  CHECK(on.find("<p>::x</p>") != std::string::npos);                      // nor a line with no front
}

TEST_CASE("a table too wide to lay out is shown as text and named, and a usual one stays a table") {
  auto table = [](size_t cols) {
    std::string md = "Intro.\n\n|";
    for (size_t i = 0; i < cols; ++i) md += " h" + std::to_string(i) + " |";
    md += "\n|";
    for (size_t i = 0; i < cols; ++i) md += "---|";
    md += "\n|";
    for (size_t i = 0; i < cols; ++i) md += " x |";
    return md + "\n";
  };
  auto wide = Document::parse(table(kMaxTableColumns + 1), site_options());
  REQUIRE(wide.wide_tables().size() == 1);
  CHECK(wide.wide_tables()[0].line == 4);
  CHECK(wide.wide_tables()[0].columns == kMaxTableColumns + 1);
  std::string html = render(table(kMaxTableColumns + 1));
  CHECK(html.find("<table") == std::string::npos);
  CHECK(html.find("|---|---|") != std::string::npos);  // the row reads as written
  CHECK(render(table(10)).find("<table") != std::string::npos);
  CHECK(Document::parse(table(10), site_options()).wide_tables().empty());
}

TEST_CASE("an image written as an embed takes what its alt text holds with it", "[markdown][embed][robustness]") {
  // A link, a formula or raw HTML inside the alt text of an image that
  // becomes an embed (an audio, video or PDF file, or a size) was collected,
  // then freed with the image and used after (found by fuzz/markdown_fuzz.cc).
  for (const char* md : {"![[]()](.mp3)", "![$x$ and [l](n.md) and <b>h</b>](a.mp3)", "![a [b](c.md) #tag|300](d.png)",
                         "![![in](i.pdf)](o.mp4)", "[![a [b](c.md)](e.pdf)](f.md)"}) {
    INFO(md);
    Document doc = Document::parse(md, site_options());
    CHECK(doc.formulas().empty());
    CHECK(doc.tags().empty());
    for (const auto& link : doc.links()) CHECK(link.target != "n.md");
    CHECK_FALSE(doc.render_html(find_all).html.empty());
  }
  Document doc = Document::parse("![[l](n.md)](a.mp3)", site_options());
  REQUIRE(doc.links().size() == 1);
  CHECK(doc.links()[0].kind == LinkKind::kImage);
  CHECK(doc.links()[0].target == "a.mp3");
  // An image that is not an embed keeps its links, as before.
  Document plain = Document::parse("![[l](n.md)](a.png)", site_options());
  CHECK(plain.links().size() == 2);
}

TEST_CASE("a flashcard's question and answer are two words in the plain text") {
  kb::markdown::Options o;
  o.flashcards = true;
  auto doc = kb::markdown::Document::parse("Metric names in XGBoost::`logloss` and more\n", o);
  CHECK(doc.plain_text() == "Metric names in XGBoost logloss and more");
  o.flashcards = false;
  CHECK(kb::markdown::Document::parse("XGBoost::`logloss`\n", o).plain_text() == "XGBoost::logloss");
}
