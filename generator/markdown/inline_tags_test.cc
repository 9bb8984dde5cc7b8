#include "markdown/inline_tags.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "markdown/markdown.h"

using namespace kb::markdown;

namespace {

// The tag names find_inline_tags sees in `text` (at the start of a line).
std::vector<std::string> names(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& t : find_inline_tags(text, true)) out.push_back(t.name);
  return out;
}

using V = std::vector<std::string>;

// A note's body, rendered with tag pages at "tags/<name>.html".
std::string render(std::string_view md, std::vector<std::string>* tags = nullptr) {
  Options o;
  o.tag_href = [](const std::string& name) { return "tags/" + name + ".html"; };
  Document doc = Document::parse(md, o);
  if (tags) *tags = doc.tags();
  return doc.render_html([](const LinkRef&) { return ResolvedLink{}; }).html;
}

}  // namespace

TEST_CASE("what a tag is made of", "[inline_tags]") {
  CHECK(names("#tag") == V{"tag"});
  CHECK(names("a #tag b") == V{"tag"});
  CHECK(names("#a/b/c") == V{"a/b/c"});
  CHECK(names("#my-tag_2023") == V{"my-tag_2023"});
  CHECK(names("#y1984 #3d_printing") == V{"y1984", "3d_printing"});
  CHECK(names("#café #日本語 #naïve-ML") == V{"café", "日本語", "naïve-ml"});
  CHECK(names("#Ωμέγα") == V{"ωμέγα"});  // lowercased in any script
}

TEST_CASE("numbers and lone marks are not tags", "[inline_tags]") {
  CHECK(names("#1984").empty());
  CHECK(names("#2024 and #123").empty());
  CHECK(names("#2024/05").empty());
  CHECK(names("# heading-like").empty());
  CHECK(names("#").empty());
  CHECK(names("##").empty());
  CHECK(names("#/a").empty());
}

TEST_CASE("a tag ends at white space and punctuation", "[inline_tags]") {
  auto t = find_inline_tags("see #tag. and #b, (#c) #d! #e? #f:", true);
  REQUIRE(t.size() == 5);  // "(#c)": '(' before '#' is not white space
  CHECK(t[0].name == "tag");
  CHECK(t[0].begin == 4);
  CHECK(t[0].end == 8);  // before the dot
  CHECK(t[1].name == "b");
  CHECK(t[2].name == "d");
  CHECK(t[3].name == "e");
  CHECK(names("#tag\u2014dash") == V{"tag"});        // an em dash ends it
  CHECK(names("#a/ next") == V{"a"});                // a trailing '/' is not part of it
  CHECK(names("#tag#other") == V{"tag"});
  CHECK(names("#tag\u00A0x") == V{"tag"});           // no-break space
  CHECK(names("#\u300Ctag") .empty());              // CJK bracket
}

TEST_CASE("a tag starts the text or follows white space", "[inline_tags]") {
  CHECK(names("C# and F#").empty());
  CHECK(names("x#y").empty());
  CHECK(names("a/#b").empty());
  CHECK(find_inline_tags("#tag", false).empty());  // text before this node ends in a letter
  CHECK(names("line\n#tag\there #x") == V{"tag", "x"});
}

TEST_CASE("an escaped '#' is no tag", "[inline_tags]") {
  std::vector<bool> escaped(4, false);
  escaped[0] = true;
  CHECK(find_inline_tags("#tag", true, escaped).empty());
  std::vector<std::string> tags;
  CHECK(render("\\#tag and &#35;other\n", &tags) == "<p>#tag and #other</p>\n");
  CHECK(tags.empty());
}

TEST_CASE("inline tags in a document", "[inline_tags][markdown]") {
  std::vector<std::string> tags;
  std::string html = render("#NotAHeading\n\nText with #ML and #ml/metrics.\n", &tags);
  CHECK(html ==
        "<p><a class=\"tag\" href=\"tags/notaheading.html\">#NotAHeading</a></p>\n"
        "<p>Text with <a class=\"tag\" href=\"tags/ml.html\">#ML</a> and "
        "<a class=\"tag\" href=\"tags/ml/metrics.html\">#ml/metrics</a>.</p>\n");
  CHECK(tags == V{"notaheading", "ml", "ml/metrics"});
  // A heading's own marks are not tags; a tag in a heading is.
  CHECK(render("# Title\n", &tags) == "<h1 id=\"title\">Title</h1>\n");
  CHECK(tags.empty());
  render("## Results #draft\n", &tags);
  CHECK(tags == V{"draft"});
  // Repeats and case variants are one tag.
  render("#a #A #a\n", &tags);
  CHECK(tags == V{"a"});
}

TEST_CASE("no tags in code, math, links, URLs or raw HTML", "[inline_tags][markdown]") {
  std::vector<std::string> tags;
  render("`#code` and\n\n```\n#block\n```\n\n    #indented\n", &tags);
  CHECK(tags.empty());
  render("$#math$ and $$\\#x$$\n", &tags);
  CHECK(tags.empty());
  render("[see #label](x.md) ![#alt](i.png) [[Note|#wl]] [[Note #x]]\n", &tags);
  CHECK(tags.empty());
  render("https://x.com/#frag and www.x.com/#a and <https://x.com/#b>\n", &tags);
  CHECK(tags.empty());
  CHECK(render("<div>\n#inblock\n</div>\n", &tags) == "<div>\n#inblock\n</div>\n");
  CHECK(tags.empty());
  CHECK(render("<a href=\"x\">#inlink</a> <A\nhref=x>#b</A> #c\n", &tags) ==
        "<p><a href=\"x\">#inlink</a> <a href=\"x\">#b</a> <a class=\"tag\" href=\"tags/c.html\">#c</a></p>\n");
  CHECK(tags == V{"c"});
  render("%% #hidden %% shown\n", &tags);
  CHECK(tags.empty());
}

TEST_CASE("tags next to markup", "[inline_tags][markdown]") {
  std::vector<std::string> tags;
  CHECK(render("*em* #a **#b** x**#c**\n", &tags) ==
        "<p><em>em</em> <a class=\"tag\" href=\"tags/a.html\">#a</a> <strong><a class=\"tag\" "
        "href=\"tags/b.html\">#b</a></strong> x**#c**</p>\n");
  CHECK(tags == V{"a", "b"});
  render("| h |\n|---|\n| #cell |\n", &tags);
  CHECK(tags == V{"cell"});
  render("- #item\n> #quoted\n", &tags);
  CHECK(tags == V{"item", "quoted"});
  render("[[Note]] #after and [[Note]]#stuck\n", &tags);
  CHECK(tags == V{"after"});
  render("==text #marked==\n", &tags);
  CHECK(tags == V{"marked"});
}

TEST_CASE("without a tag page a tag is a span", "[inline_tags][markdown]") {
  Document doc = Document::parse("a #b\n", Options{});
  CHECK(doc.render_html(nullptr).html == "<p>a <span class=\"tag\">#b</span></p>\n");
  CHECK(doc.plain_text() == "a #b");
}
