#include "markdown/math.h"

#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

#include "markdown/markdown.h"

using namespace kb::markdown;

namespace {

Options site_options() {
  Options o;
  o.allow_html = false;
  o.heading_ids = true;
  return o;
}

std::vector<std::string> latex_of(std::string_view md) {
  std::vector<std::string> out;
  auto doc = Document::parse(md, site_options());
  for (const auto& f : doc.formulas()) out.push_back(f.latex);
  return out;
}

std::string render(std::string_view md, const MathTypesetter& math = nullptr) {
  return Document::parse(md, site_options()).render_html(nullptr, math).html;
}

// A typesetter that shows which formula it was asked for.
std::string fake_typeset(const Formula& f, size_t i) {
  return "<k>" + std::to_string(i) + (f.display ? "D:" : "I:") + f.latex + "</k>";
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("scan_math follows Pandoc's tex_math_dollars", "[markdown][math]") {
  auto latex = [](std::string_view s, size_t at = 0) -> std::string {
    auto span = scan_math(s, at);
    if (!span) return "<none>";
    return std::string(s.substr(span->content_begin, span->content_end - span->content_begin)) +
           (span->display ? " [display]" : "") + " end=" + std::to_string(span->end);
  };
  CHECK(latex("$x$") == "x end=3");
  CHECK(latex("$x + y$ z") == "x + y end=7");
  CHECK(latex("$$x$$") == "x [display] end=5");
  CHECK(latex("$$ x\n+ y $$") == " x\n+ y  [display] end=11");
  // Opening: a non-space, non-'$' right after.
  CHECK(latex("$ x$") == "<none>");
  CHECK(latex("$\nx$") == "<none>");
  CHECK(latex("$") == "<none>");
  // Closing: after a non-space, not before a digit.
  CHECK(latex("$x $") == "<none>");
  CHECK(latex("$5 and $10") == "<none>");
  CHECK(latex("$5 and $10", 7) == "<none>");
  CHECK(latex("$x$5") == "<none>");
  CHECK(latex("$x$a") == "x end=3");
  CHECK(latex("$x$,") == "x end=3");
  // Unclosed.
  CHECK(latex("$x") == "<none>");
  CHECK(latex("$$x$") == "<none>");
  CHECK(latex("$$ $$") == "<none>");
  CHECK(latex("$$$$") == "<none>");
  // A backslash takes the next character, so \$ does not close.
  CHECK(latex("$\\$5$") == "\\$5 end=5");
  CHECK(latex("$a\\$") == "<none>");
  CHECK(latex("$a\\ $") == "a\\  end=5");
  CHECK(latex("$$a\\$$ b$$") == "a\\$$ b [display] end=10");
  CHECK(latex("$x\\") == "<none>");
  CHECK(latex("$a`b$") == "<none>");
  // Not at a dollar.
  CHECK(latex("x$y$") == "<none>");
  CHECK(latex("x$y$", 1) == "y end=4");
  CHECK(trim_math(" \n a b \t") == "a b");
}

TEST_CASE("inline and display math in paragraphs", "[markdown][math]") {
  CHECK(latex_of("Area $\\pi r^2$ and $$\\sum_i x_i$$ here.") == Strings{"\\pi r^2", "\\sum_i x_i"});
  auto doc = Document::parse("a $x$ b $$y$$ c", site_options());
  REQUIRE(doc.formulas().size() == 2);
  CHECK_FALSE(doc.formulas()[0].display);
  CHECK(doc.formulas()[1].display);
  CHECK(render("a $x$ b $$y$$ c") ==
        "<p>a <span class=\"math inline\">\\(x\\)</span> b <span class=\"math display\">\\[y\\]</span> c</p>\n");
}

TEST_CASE("currency, escaped dollars and lone dollars stay text", "[markdown][math]") {
  CHECK(latex_of("It costs $5 and $10.").empty());
  CHECK(render("It costs $5 and $10.") == "<p>It costs $5 and $10.</p>\n");
  CHECK(latex_of("from $20,000 to $30,000").empty());
  CHECK(latex_of("price: $5$ each") == Strings{"5"});  // as in Pandoc: a formula
  CHECK(latex_of("\\$x$ is not math").empty());
  CHECK(render("\\$x$ is not math") == "<p>$x$ is not math</p>\n");
  CHECK(latex_of("a \\$ b \\$ c").empty());
  CHECK(latex_of("$x $ y").empty());
  CHECK(latex_of("one $ two").empty());
  CHECK(render("one $ two") == "<p>one $ two</p>\n");
  // Currency before a formula on the same line does not swallow it.
  CHECK(latex_of("pay $5 for $x$") == Strings{"x"});
  CHECK(latex_of("US$5 and $y$") == Strings{"y"});
}

TEST_CASE("math and code spans: whichever opens first wins", "[markdown][math]") {
  CHECK(latex_of("`$x$` and $y$") == Strings{"y"});
  CHECK(render("`$x$`") == "<p><code>$x$</code></p>\n");
  // Inline math holds no backtick (unlike Pandoc), so prices keep code spans.
  CHECK(latex_of("$`a`$").empty());
  CHECK(latex_of("a book costs $10, and `$PATH` is a variable").empty());
  CHECK(render("costs $10, and `$PATH`") == "<p>costs $10, and <code>$PATH</code></p>\n");
  CHECK(latex_of("$$`a`$$") == Strings{"`a`"});
  CHECK(latex_of("```\n$x$\n```\n").empty());
  CHECK(latex_of("    $x$ indented code\n").empty());
  CHECK(latex_of("```python\nprint('$x$')\n```\n").empty());
}

TEST_CASE("math is protected from emphasis, links and wikilinks", "[markdown][math]") {
  CHECK(latex_of("$a_1 * b_2$ and $c * d$") == Strings{"a_1 * b_2", "c * d"});
  std::string html = render("$a_1 * b_2$ and *c*");
  CHECK(html.find("<em>c</em>") != std::string::npos);
  CHECK(html.find("a_1 * b_2") != std::string::npos);
  CHECK(html.find("<em>") == html.find("<em>c</em>"));
  CHECK(render("$x_a$ and $y_b$") ==
        "<p><span class=\"math inline\">\\(x_a\\)</span> and <span class=\"math inline\">\\(y_b\\)</span></p>\n");
  // Emphasis around math still works.
  CHECK(render("*see $x$*") == "<p><em>see <span class=\"math inline\">\\(x\\)</span></em></p>\n");
  // Brackets inside math make no links.
  auto doc = Document::parse("$[[x]]$ and $[a](b.md)$", site_options());
  CHECK(doc.links().empty());
  CHECK(doc.formulas().size() == 2);
  // Math inside a link's text: the label reads it as TeX.
  auto linked = Document::parse("[see $x^2$](f.md)", site_options());
  REQUIRE(linked.links().size() == 1);
  CHECK(linked.links()[0].label == "see x^2");
  CHECK(linked.formulas().size() == 1);
}

TEST_CASE("display math over several lines of a paragraph", "[markdown][math]") {
  auto doc = Document::parse("Intro\n\n$$\n\\frac{a}{b}\n  \\cdot c\n$$\n\nAfter\n", site_options());
  REQUIRE(doc.formulas().size() == 1);
  CHECK(doc.formulas()[0].latex == "\\frac{a}{b}\n\\cdot c");
  CHECK(doc.formulas()[0].display);
  CHECK(doc.formulas()[0].line == 3);
  CHECK(doc.formulas()[0].column == 1);
  // A paragraph of display math only becomes a block.
  CHECK(doc.render_html(nullptr).html ==
        "<p>Intro</p>\n<div class=\"math display\">\\[\\frac{a}{b}\n\\cdot c\\]</div>\n<p>After</p>\n");
  // Display math inside running text stays inline-level.
  CHECK(render("so $$x$$ holds") == "<p>so <span class=\"math display\">\\[x\\]</span> holds</p>\n");
  // Two display formulas in one paragraph: two blocks.
  CHECK(render("$$a$$\n$$b$$") ==
        "<div class=\"math display\">\\[a\\]</div>\n<div class=\"math display\">\\[b\\]</div>\n");
  // A blank line ends the paragraph, and the display math with it.
  CHECK(latex_of("$$\na\n\nb\n$$").empty());
  // An inline formula may run over a line break too.
  CHECK(latex_of("a $x +\ny$ b") == Strings{"x +\ny"});
}

TEST_CASE("```math blocks are display formulas", "[markdown][math]") {
  auto doc = Document::parse("Text\n\n```math\nE = mc^2\n```\n\n- item\n\n  ```math {#eq}\n  a < b\n  ```\n",
                             site_options());
  REQUIRE(doc.formulas().size() == 2);
  CHECK(doc.formulas()[0].latex == "E = mc^2");
  CHECK(doc.formulas()[0].display);
  CHECK(doc.formulas()[0].line == 3);
  CHECK(doc.formulas()[0].column == 1);
  CHECK(doc.formulas()[1].latex == "a < b");
  CHECK(doc.formulas()[1].line == 9);
  CHECK(doc.formulas()[1].column == 3);
  std::string html = doc.render_html(nullptr).html;
  CHECK(html.find("<div class=\"math display\">\\[E = mc^2\\]</div>") != std::string::npos);
  CHECK(html.find("\\[a &lt; b\\]") != std::string::npos);
  CHECK(html.find("<pre>") == std::string::npos);
  // Other fences stay code.
  CHECK(latex_of("```mathematica\nx\n```\n").empty());
}

TEST_CASE("formula places are exact lines and byte columns", "[markdown][math][position]") {
  auto doc = Document::parse(
      "# Title\n"                      // 1
      "\n"                             // 2
      "ab $x$ cd $$y$$\n"              // 3: x at 4, y at 11
      "   lazy **b** $z$\n"            // 4: z at 15
      "\n"                             // 5
      "> quote $q$\n"                  // 6: q at 9
      "> more `c` $r$\n"               // 7: r at 12
      "\n"                             // 8
      "- item $i$\n"                   // 9: i at 8
      "\n"                             // 10
      "| a | b |\n"                    // 11
      "|---|---|\n"                    // 12
      "| $t$ | x $u \\| v$ |\n"        // 13: t at 3, u at 11
      "\n"                             // 14
      "é $w$\n",                       // 15: w at 4 (é is two bytes)
      site_options());
  const auto& f = doc.formulas();
  REQUIRE(f.size() == 9);
  auto at = [&](size_t i) { return std::to_string(f[i].line) + ":" + std::to_string(f[i].column) + " " + f[i].latex; };
  CHECK(at(0) == "3:4 x");
  CHECK(at(1) == "3:11 y");
  CHECK(at(2) == "4:15 z");
  CHECK(at(3) == "6:9 q");
  CHECK(at(4) == "7:12 r");
  CHECK(at(5) == "9:8 i");
  CHECK(at(6) == "13:3 t");
  CHECK(at(7) == "13:11 u | v");
  CHECK(at(8) == "15:4 w");
}

TEST_CASE("text and links after a formula are still placed exactly", "[markdown][math][position]") {
  // The wikilink's text also appears inside the formula before it.
  auto doc = Document::parse("$[[F1]]$ then [[F1]]\n$$a\n[[F1]] b$$ [[F1]]\n", site_options());
  REQUIRE(doc.links().size() == 2);
  CHECK(doc.links()[0].line == 1);
  CHECK(doc.links()[0].column == 15);
  CHECK(doc.links()[1].line == 3);
  CHECK(doc.links()[1].column == 12);
  REQUIRE(doc.formulas().size() == 2);
  CHECK(doc.formulas()[1].line == 2);
  CHECK(doc.formulas()[1].column == 1);
}

TEST_CASE("math in tables", "[markdown][math][table]") {
  auto doc = Document::parse("| metric | formula |\n|---|---|\n| F1 | $\\frac{2PR}{P+R}$ |\n| abs | $\\lvert x \\| y\\rvert$ |\n",
                             site_options());
  CHECK(doc.formulas().size() == 2);
  CHECK(doc.formulas()[1].latex == "\\lvert x | y\\rvert");
  std::string html = doc.render_html(nullptr, fake_typeset).html;
  CHECK(html.find("<td><span class=\"math inline\"><k>0I:\\frac{2PR}{P+R}</k></span></td>") != std::string::npos);
  CHECK(html.find("<k>1I:") != std::string::npos);
}

TEST_CASE("headings read math as its TeX and plain text as a reader sees it", "[markdown][math][headings]") {
  auto doc = Document::parse("## The $\\sigma$ function\n\nIt is $\\sigma(x)$.\n\n$$\ny = 1\n$$\n", site_options());
  REQUIRE(doc.headings().size() == 1);
  CHECK(doc.headings()[0].text == "The \\sigma function");
  CHECK(doc.headings()[0].id == "the-sigma-function");
  CHECK(doc.plain_text() == "The σ function\nIt is σ(x).\ny = 1");
  std::string html = doc.render_html(nullptr, fake_typeset).html;
  CHECK(html.find("<h2 id=\"the-sigma-function\">The <span class=\"math inline\"><k>0I:\\sigma</k></span> function</h2>") !=
        std::string::npos);
  // plain_text is the same after rendering.
  CHECK(doc.plain_text() == "The σ function\nIt is σ(x).\ny = 1");
}

TEST_CASE("the typesetter is asked for each formula in order, \"\" falls back", "[markdown][math]") {
  auto doc = Document::parse("$a$ $$b$$\n\n```math\nc\n```\n\n$$d$$\n", site_options());
  std::vector<std::string> asked;
  std::string html = doc.render_html(nullptr, [&](const Formula& f, size_t i) {
    asked.push_back(std::to_string(i) + f.latex);
    return i == 1 ? std::string() : "<b>" + f.latex + "</b>";
  }).html;
  CHECK(asked == Strings{"0a", "1b", "2c", "3d"});
  CHECK(html ==
        "<p><span class=\"math inline\"><b>a</b></span> <span class=\"math display\">\\[b\\]</span></p>\n"
        "<div class=\"math display\"><b>c</b></div>\n"
        "<div class=\"math display\"><b>d</b></div>\n");
  // Rendering again asks again.
  asked.clear();
  doc.render_html(nullptr, [&](const Formula& f, size_t i) { asked.push_back(f.latex); return std::string("x"); });
  CHECK(asked.size() == 4);
}

TEST_CASE("the TeX fallback is escaped, raw HTML rules do not touch math", "[markdown][math][html]") {
  CHECK(render("$a<b>c$") == "<p><span class=\"math inline\">\\(a&lt;b&gt;c\\)</span></p>\n");
  CHECK(render("$x$ <b>y</b>") == "<p><span class=\"math inline\">\\(x\\)</span> <b>y</b></p>\n");
  CHECK(render("$x$ <b onclick=\"f()\">y</b>") == "<p><span class=\"math inline\">\\(x\\)</span> <b>y</b></p>\n");
  Options allow = site_options();
  allow.allow_html = true;
  CHECK(Document::parse("$x$ <b>y</b>", allow).render_html(nullptr).html ==
        "<p><span class=\"math inline\">\\(x\\)</span> <b>y</b></p>\n");
}

TEST_CASE("math, strikethrough and autolinks are found on every thread at once", "[markdown][math][threads]") {
  // cmark-gfm's table of special characters is global (cmark_handles.h).
  const std::string md = "a $x$ b ~~s~~ c $$y$$ www.example.com\n\n| h |\n|---|\n| $z$ ~~t~~ https://a.b/c |\n";
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 400; ++i) {
        auto doc = Document::parse(md, site_options());
        std::string html = doc.render_html(nullptr).html;
        bool ok = doc.formulas().size() == 3 && html.find("<del>s</del>") != std::string::npos &&
                  html.find("<del>t</del>") != std::string::npos &&
                  html.find("<a href=\"http://www.example.com\">") != std::string::npos &&
                  html.find("<a href=\"https://a.b/c\">") != std::string::npos;
        if (!ok) ++wrong[t];
      }
    });
  for (auto& th : threads) th.join();
  CHECK(wrong == std::vector<int>(4, 0));
}
