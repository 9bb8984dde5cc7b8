#include "markdown/block_ref.h"

#include <catch2/catch.hpp>

#include <string>

#include "markdown/markdown.h"

using namespace kb::markdown;

namespace {

ResolvedLink plain(const LinkRef& ref) {
  ResolvedLink r;
  r.href = ref.target + ".html";
  return r;
}

std::string render(const std::string& md, Part part = {}, bool ids = true) {
  Options o;
  o.heading_ids = ids;
  return Document::parse(md, o).render_html(plain, nullptr, nullptr, part).html;
}

bool has(const std::string& s, const std::string& what) { return s.find(what) != std::string::npos; }

std::vector<std::string> ids_of(const std::string& md) {
  std::vector<std::string> out;
  auto doc = Document::parse(md, Options{});
  for (const auto& b : doc.block_ids()) out.push_back(b.id);
  return out;
}

}  // namespace

TEST_CASE("a block id ends a paragraph and is hidden", "[markdown][block_ref]") {
  std::string html = render("Gradient descent takes small steps. ^steps\n");
  CHECK(html == "<div class=\"block-ref\" id=\"^steps\">\n<p>Gradient descent takes small steps.</p>\n</div>\n");
  auto doc = Document::parse("Words here ^w-1\n", Options{});
  REQUIRE(doc.block_ids().size() == 1);
  CHECK(doc.block_ids()[0].id == "w-1");
  CHECK(doc.block_ids()[0].line == 1);
  CHECK(doc.plain_text() == "Words here");
}

TEST_CASE("what is not a block id stays text", "[markdown][block_ref]") {
  CHECK(ids_of("x^2 is a square\n").empty());
  CHECK(ids_of("e = mc^2\n").empty());
  CHECK(ids_of("not ^an_id\n").empty());
  CHECK(ids_of("caret ^ alone\n").empty());
  CHECK(ids_of("`code ^id`\n").empty());
  CHECK(ids_of("```\nx ^id\n```\n").empty());
  CHECK(has(render("a^b\n"), "a^b"));
  CHECK(is_block_id("abc-12"));
  CHECK_FALSE(is_block_id("a_b"));
  CHECK_FALSE(is_block_id(""));
}

TEST_CASE("an id on a line of its own names the block before it", "[markdown][block_ref]") {
  std::string table = "| a | b |\n|---|---|\n| 1 | 2 |\n\n^table1\n";
  std::string html = render(table);
  CHECK(has(html, "<div class=\"block-ref\" id=\"^table1\">\n<table>"));
  CHECK_FALSE(has(html, "^table1</"));
  std::string quote = "> A quote\n> that goes on\n\n^q\n";
  CHECK(has(render(quote), "<div class=\"block-ref\" id=\"^q\">\n<blockquote>"));
  // On the paragraph's last line, without a blank line: that paragraph.
  CHECK(render("First line\n^own\n") == "<div class=\"block-ref\" id=\"^own\">\n<p>First line</p>\n</div>\n");
  // Nothing before it: no block to name, and the id is not shown either.
  CHECK(render("^lonely\n").empty());
}

TEST_CASE("a list item's id names the item", "[markdown][block_ref]") {
  std::string md = "- one\n- two ^second\n  - nested\n- three\n";
  std::string html = render(md);
  CHECK(has(html, "<li><span class=\"block-ref\" id=\"^second\"></span>two"));
  auto doc = Document::parse(md, Options{});
  REQUIRE(doc.block_ids().size() == 1);
  std::string item = render(md, Part{Part::Kind::kBlock, 0}, false);
  CHECK(has(item, "<ul>\n<li>two"));
  CHECK(has(item, "nested"));
  CHECK_FALSE(has(item, "one"));
  CHECK_FALSE(has(item, "three"));
  std::string numbered = render("1. a\n2. b\n3. c ^third\n", Part{Part::Kind::kBlock, 0}, false);
  CHECK(has(numbered, "<ol start=\"3\">\n<li>c</li>"));
}

TEST_CASE("the first block with an id keeps it", "[markdown][block_ref]") {
  auto doc = Document::parse("a ^x\n\nb ^x\n", Options{});
  REQUIRE(doc.block_ids().size() == 2);
  CHECK_FALSE(doc.block_ids()[0].duplicate);
  CHECK(doc.block_ids()[1].duplicate);
  CHECK(doc.block_ids()[1].line == 3);
  std::string html = render("a ^x\n\nb ^x\n");
  CHECK(html.find("id=\"^x\"") == html.rfind("id=\"^x\""));
  CHECK(has(html, "<p>b</p>"));
}

TEST_CASE("a part renders one block or one section", "[markdown][block_ref]") {
  std::string md =
      "# Title\n\nIntro ^intro\n\n## Alpha\n\nalpha text\n\n### Deeper\n\ndeep text\n\n## Beta\n\nbeta text\n";
  std::string alpha = render(md, Part{Part::Kind::kSection, 1}, false);
  CHECK(has(alpha, "<h2>Alpha</h2>"));
  CHECK(has(alpha, "deep text"));
  CHECK_FALSE(has(alpha, "Beta"));
  CHECK_FALSE(has(alpha, "Intro"));
  std::string deeper = render(md, Part{Part::Kind::kSection, 2}, false);
  CHECK(has(deeper, "deep text"));
  CHECK_FALSE(has(deeper, "alpha text"));
  CHECK_FALSE(has(deeper, "Beta"));
  std::string beta = render(md, Part{Part::Kind::kSection, 3}, false);
  CHECK(beta == "<h2>Beta</h2>\n<p>beta text</p>\n");
  CHECK(render(md, Part{Part::Kind::kBlock, 0}, false) == "<p>Intro</p>\n");
  CHECK(render(md, Part{Part::Kind::kBlock, 7}, false).empty());
  CHECK(render(md, Part{Part::Kind::kSection, 9}, false).empty());
}

TEST_CASE("an embed alone in its paragraph can show a note's text", "[markdown][block_ref]") {
  auto doc = Document::parse("Before\n\n![[Other note#Part]]\n\nInline ![[x.png]] here\n", Options{});
  REQUIRE(doc.links().size() == 2);
  CHECK(doc.links()[0].alone);
  CHECK_FALSE(doc.links()[1].alone);
  auto resolve = [](const LinkRef& ref) {
    ResolvedLink r;
    r.href = "x.html";
    if (ref.alone) r.transclusion = "<div class=\"transclusion\">TEXT</div>";
    return r;
  };
  std::string html = doc.render_html(resolve).html;
  CHECK(has(html, "<p>Before</p>\n<div class=\"transclusion\">TEXT</div>"));
  CHECK_FALSE(has(html, "<p><div"));
  // The paragraph comes back for a render without it.
  // (A found embed that is no image is a link to it: embed_html.h.)
  CHECK(has(doc.render_html(plain).html, "<p><a class=\"embed-file\" href=\"Other note.html\""));
}

TEST_CASE("an id after a heading names nothing (headings are linked by their text)", "[markdown][block_ref]") {
  std::string md = "## Setup\n\n^setup\n\nText.\n";
  CHECK(Document::parse(md, Options{}).block_ids().empty());
  CHECK(render(md, Part{Part::Kind::kBlock, 0}).empty());
  std::string html = render(md);
  CHECK(has(html, "<h2 id=\"setup\">Setup</h2>"));
  CHECK_FALSE(has(html, "^setup"));
}

TEST_CASE("an id ending a callout's title line names the callout", "[markdown][block_ref]") {
  // Obsidian's help vault writes `> [!info] ... ^search-autocomplete-large`
  // and embeds that block: rendering it used to read the title paragraph the
  // callout had taken out of the tree (a crash).
  const std::string md = "# B\n\n> [!info] Autocomplete gets simpler past 10,000 items. ^big\n\nAfter.\n";
  auto doc = Document::parse(md, Options{});
  REQUIRE(doc.block_ids().size() == 1);
  CHECK(doc.block_ids()[0].id == "big");
  for (bool ids : {false, true}) {
    std::string block = render(md, Part{Part::Kind::kBlock, 0}, ids);
    CHECK(has(block, "callout"));
    CHECK(has(block, "Autocomplete gets simpler past 10,000 items."));
    CHECK_FALSE(has(block, "^big"));
    CHECK_FALSE(has(block, "After."));
  }
  std::string page = render(md);
  CHECK(has(page, "id=\"^big\""));
  CHECK(has(page, "Autocomplete gets simpler past 10,000 items."));
}
