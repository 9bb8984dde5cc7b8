#include "markdown/highlight.h"

#include <catch2/catch.hpp>

#include <string>

#include "markdown/markdown.h"

using namespace kb::markdown;

namespace {

std::string render(const std::string& md) {
  Options o;
  return Document::parse(md, o).render_html([](const LinkRef& ref) {
    ResolvedLink r;
    r.href = ref.target + ".html";
    return r;
  }).html;
}

}  // namespace

TEST_CASE("==text== is a highlight", "[markdown][highlight]") {
  CHECK(render("a ==marked== word\n") == "<p>a <mark>marked</mark> word</p>\n");
  CHECK(render("==two== and ==three words==\n") == "<p><mark>two</mark> and <mark>three words</mark></p>\n");
  CHECK(render("==a *b* c==\n") == "<p><mark>a <em>b</em> c</mark></p>\n");
  CHECK(render("*==x==*\n") == "<p><em><mark>x</mark></em></p>\n");
  CHECK(render("==*a*==\n") == "<p><mark><em>a</em></mark></p>\n");
  CHECK(render("==see [[Note]]==\n") == "<p><mark>see <a class=\"wikilink\" href=\"Note.html\">Note</a></mark></p>\n");
  CHECK(render("# A ==big== title\n") .find("<mark>big</mark>") != std::string::npos);
  CHECK(render("| ==cell== |\n|---|\n| x |\n").find("<th><mark>cell</mark></th>") != std::string::npos);
}

TEST_CASE("what is not a highlight stays as written", "[markdown][highlight]") {
  CHECK(render("a == b and c == d\n") == "<p>a == b and c == d</p>\n");  // spaced: comparisons
  CHECK(render("x === y ===\n") == "<p>x === y ===</p>\n");
  CHECK(render("==open only\n") == "<p>==open only</p>\n");
  CHECK(render("`==code==`\n") == "<p><code>==code==</code></p>\n");
  CHECK(render("```\n==block==\n```\n") == "<pre><code>==block==\n</code></pre>\n");
  CHECK(render("$a ==b== c$\n").find("<mark>") == std::string::npos);
  // Across paragraphs: no.
  CHECK(render("==a\n\nb==\n") == "<p>==a</p>\n<p>b==</p>\n");
}

TEST_CASE("highlights leave plain text and heading ids clean", "[markdown][highlight]") {
  Options o;
  auto doc = Document::parse("# A ==big== title\n\nSome ==marked== text.\n", o);
  CHECK(doc.headings()[0].id == "a-big-title");
  CHECK(doc.headings()[0].text == "A big title");
  CHECK(doc.plain_text() == "A big title\nSome marked text.");
}
