#include "markdown/comments.h"

#include <catch2/catch.hpp>

#include <string>

#include "markdown/markdown.h"

using namespace kb::markdown;

TEST_CASE("comments are blanked byte for byte, lines kept", "[markdown][comments]") {
  size_t n = 0;
  CHECK(blank_comments("see %%secret%% here", &n) == "see " + std::string(10, ' ') + " here");
  CHECK(n == 1);
  CHECK(blank_comments("a\n%%\nprivate\nlines\n%%\nb\n", &n) == "a\n  \n       \n     \n  \nb\n");
  CHECK(blank_comments("x %%é%% y") == "x        y");  // every byte of a multi-byte letter
  CHECK(blank_comments("unclosed %% to the end\nof the note") ==
        "unclosed " + std::string(13, ' ') + "\n" + std::string(11, ' '));
  CHECK(blank_comments("no comment", &n) == "no comment");
  CHECK(n == 0);
}

TEST_CASE("%% in code is code", "[markdown][comments]") {
  CHECK(blank_comments("`%%timeit` and %%x%%") == "`%%timeit` and      ");
  CHECK(blank_comments("```python\n%%time\nx = 1\n```\n%%hidden%%\n") == "```python\n%%time\nx = 1\n```\n          \n");
  CHECK(blank_comments("~~~~\n%%\n~~~~\n") == "~~~~\n%%\n~~~~\n");
  CHECK(blank_comments("`` a `%%` b `` %%c%%") == "`` a `%%` b ``      ");
  // A lone backtick opens no span.
  CHECK(blank_comments("a ` b %%c%%") == "a ` b      ");
}

TEST_CASE("a comment's words reach neither the page nor its text", "[markdown][comments]") {
  Options o;
  auto doc = Document::parse(
      "Visible %%secret remark%% text.\n\n%%\nA private [[Link]] and\n\n# heading\n%%\n\nAfter [[Shown]].\n", o);
  std::string html = doc.render_html([](const LinkRef& r) {
    ResolvedLink out;
    out.href = r.target + ".html";
    return out;
  }).html;
  CHECK(html.find("secret") == std::string::npos);
  CHECK(html.find("private") == std::string::npos);
  CHECK(html.find("%%") == std::string::npos);
  CHECK(doc.plain_text().find("secret") == std::string::npos);
  CHECK(doc.headings().empty());
  REQUIRE(doc.links().size() == 1);  // the link inside the comment is not a link
  CHECK(doc.links()[0].target == "Shown");
  CHECK(doc.links()[0].line == 9);   // places after a comment are unchanged
  CHECK(doc.links()[0].column == 7);
}
