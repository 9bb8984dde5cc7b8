#include "markdown/code_block.h"

#include <catch2/catch.hpp>

#include <string>

#include "markdown/markdown.h"

using namespace kb::markdown;

namespace {

bool has(const std::string& s, const std::string& what) { return s.find(what) != std::string::npos; }

ResolvedLink none(const LinkRef&) { return {}; }

}  // namespace

TEST_CASE("the language of a fence as authors write it", "[markdown][code]") {
  CHECK(code_language("python") == "python");
  CHECK(code_language("Python title=\"x.py\"") == "python");
  CHECK(code_language("  js  ") == "js");
  CHECK(code_language("{.python .numberLines}") == "python");
  CHECK(code_language("{python}") == "python");
  CHECK(code_language("python3") == "python");
  CHECK(code_language("zsh") == "bash");
  CHECK(code_language("c++") == "c++");
  CHECK(code_language("") == "");
  CHECK(code_language("{}") == "");
}

TEST_CASE("fenced blocks with a language are listed, math demo and mermaid are not", "[markdown][code]") {
  auto doc = Document::parse(
      "```python\nx = 1\n```\n\n```\nno language\n```\n\n    indented\n\n```math\nx\n```\n\n"
      "```demo\nkernel = \"x\"\n```\n\n```mermaid\ngraph TD; A-->B\n```\n\n```{.sql}\nSELECT 1;\n```\n",
      Options{});
  REQUIRE(doc.code_blocks().size() == 2);
  CHECK(doc.code_blocks()[0].language == "python");
  CHECK(doc.code_blocks()[0].source == "x = 1\n");
  CHECK(doc.code_blocks()[0].line == 1);
  CHECK(doc.code_blocks()[1].language == "sql");
  CHECK(doc.has_diagrams());
  CHECK_FALSE(Document::parse("```python\nx\n```\n", Options{}).has_diagrams());
}

TEST_CASE("highlighted tokens replace the block for a render, plain text keeps the code", "[markdown][code]") {
  auto doc = Document::parse("```python\nx = 1\n```\n\n```rust\nfn f() {}\n```\n", Options{});
  auto tokens = [](const CodeBlock& b, size_t i) -> std::string {
    if (i == 1) return "";  // plain
    return "<span class=\"hljs-variable\">" + b.source.substr(0, 1) + "</span>";
  };
  std::string html = doc.render_html(none, nullptr, nullptr, {}, tokens).html;
  CHECK(has(html, "<pre class=\"code\"><code class=\"language-python hljs\"><span class=\"hljs-variable\">x</span>"
                  "</code></pre>"));
  CHECK(has(html, "<pre><code class=\"language-rust\">fn f() {}\n</code></pre>"));
  CHECK(has(doc.plain_text(), "x = 1"));
  // Without a highlighter, as cmark-gfm writes it.
  CHECK(has(doc.render_html(none).html, "<pre><code class=\"language-python\">x = 1\n</code></pre>"));
}

TEST_CASE("a mermaid block is its escaped source for mermaid to draw", "[markdown][code]") {
  auto doc = Document::parse("```mermaid\ngraph TD\n  A[\"<b>x</b>\"] --> B\n```\n", Options{});
  std::string html = doc.render_html(none).html;
  CHECK(html == "<pre class=\"mermaid\">graph TD\n  A[&quot;&lt;b&gt;x&lt;/b&gt;&quot;] --&gt; B\n</pre>\n");
  CHECK(has(doc.plain_text(), "A[\"<b>x</b>\"] --> B"));
  CHECK(mermaid_html("</pre><script>") == "<pre class=\"mermaid\">&lt;/pre&gt;&lt;script&gt;</pre>\n");
}

TEST_CASE("a block id names highlighted code or a diagram, shown as on their page", "[markdown][code]") {
  auto doc = Document::parse("```python\nx\n```\n\n^snippet\n\n```mermaid\ngraph TD; A-->B\n```\n\n^chart\n", Options{});
  REQUIRE(doc.block_ids().size() == 2);
  auto tokens = [](const CodeBlock&, size_t) -> std::string { return "<span class=\"hljs-variable\">x</span>"; };
  CHECK(has(doc.render_html(none, nullptr, nullptr, Part{Part::Kind::kBlock, 0}, tokens).html,
            "<code class=\"language-python hljs\"><span"));
  CHECK(has(doc.render_html(none, nullptr, nullptr, Part{Part::Kind::kBlock, 1}, tokens).html,
            "<pre class=\"mermaid\">graph TD; A--&gt;B"));
}
