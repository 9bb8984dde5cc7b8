#include "markdown/callout.h"

#include <catch2/catch.hpp>

#include <string>

#include "markdown/markdown.h"

using namespace kb::markdown;

namespace {

Document parse(const std::string& md) { return Document::parse(md, Options{}); }

std::string render(const std::string& md) {
  return parse(md).render_html([](const LinkRef& ref) {
    ResolvedLink r;
    r.href = ref.target + ".html";
    return r;
  }).html;
}

bool has(const std::string& s, const std::string& what) { return s.find(what) != std::string::npos; }

}  // namespace

TEST_CASE("types and aliases are Obsidian's", "[markdown][callout]") {
  CHECK(callout_type("tip") == "tip");
  CHECK(callout_type("HINT") == "tip");
  CHECK(callout_type("important") == "tip");
  CHECK(callout_type("tldr") == "abstract");
  CHECK(callout_type("faq") == "question");
  CHECK(callout_type("caution") == "warning");
  CHECK(callout_type("missing") == "failure");
  CHECK(callout_type("error") == "danger");
  CHECK(callout_type("cite") == "quote");
  CHECK(callout_type("done") == "success");
  CHECK(callout_type("whatever") == "");
  for (const char* t : {"note", "abstract", "info", "todo", "tip", "success", "question", "warning", "failure",
                        "danger", "bug", "example", "quote"})
    CHECK(has(callout_icon(t), "aria-hidden=\"true\""));
  CHECK(callout_icon("bug") != callout_icon("note"));
}

TEST_CASE("a callout: icon, title, body with full markdown", "[markdown][callout]") {
  std::string html = render("> [!tip] Use *this*\n> Body with [[Link]] and `code`.\n>\n> - a list\n");
  CHECK(has(html, "<div class=\"callout callout-tip\" data-callout=\"tip\">"));
  CHECK(has(html, "<div class=\"callout-title-inner\">Use <em>this</em></div>"));
  CHECK(has(html, "<p>Body with <a class=\"wikilink\" href=\"Link.html\">Link</a> and <code>code</code>.</p>"));
  CHECK(has(html, "<li>a list</li>"));
  CHECK_FALSE(has(html, "[!tip]"));
  CHECK_FALSE(has(html, "<blockquote>"));
}

TEST_CASE("folded and open callouts are details, title-only ones have no body", "[markdown][callout]") {
  std::string folded = render("> [!faq]- Why?\n> Because.\n");
  CHECK(has(folded, "<details class=\"callout callout-question\" data-callout=\"faq\">"));
  CHECK(has(folded, "<summary class=\"callout-title\">"));
  CHECK(has(folded, "<span class=\"callout-title-inner\">Why?</span></summary>"));
  CHECK(has(folded, "</div>\n</details>"));
  CHECK(has(render("> [!faq]+ Why?\n> Because.\n"), "data-callout=\"faq\" open>"));
  std::string bare = render("> [!warning]\n");
  CHECK(has(bare, "<div class=\"callout-title-inner\">Warning</div>"));
  CHECK_FALSE(has(bare, "callout-content"));
}

TEST_CASE("unknown types look like notes and keep their name, and callouts nest", "[markdown][callout]") {
  std::string html = render("> [!custom-thing]\n> > [!bug] Inner\n> > text\n");
  CHECK(has(html, "class=\"callout callout-note\" data-callout=\"custom-thing\""));
  CHECK(has(html, "<div class=\"callout-title-inner\">Custom-thing</div>"));
  CHECK(has(html, "class=\"callout callout-bug\" data-callout=\"bug\""));
  CHECK(has(html, "<p>text</p>"));
}

TEST_CASE("what is not a callout stays a blockquote", "[markdown][callout]") {
  CHECK(render("> plain\n") == "<blockquote>\n<p>plain</p>\n</blockquote>\n");
  CHECK(has(render("> [!not a type] x\n"), "<blockquote>"));
  CHECK(has(render("> text [!tip] later\n"), "<blockquote>"));
}

TEST_CASE("a callout's title and links stay in the document's text and link list", "[markdown][callout]") {
  auto doc = parse("> [!note] Title [[A]]\n> Body [[B]].\n");
  REQUIRE(doc.links().size() == 2);
  CHECK(doc.links()[0].target == "A");
  CHECK(doc.links()[0].column == 17);
  CHECK(doc.plain_text() == "Title A\nBody B.");
  // Rendering twice gives the same page (the title goes back in the tree).
  auto resolve = [](const LinkRef& ref) {
    ResolvedLink r;
    r.href = ref.target + ".html";
    return r;
  };
  CHECK(doc.render_html(resolve).html == doc.render_html(resolve).html);
  CHECK(doc.plain_text() == "Title A\nBody B.");
}
