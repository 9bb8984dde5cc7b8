#include "markdown/task_marks.h"

#include <catch2/catch.hpp>

#include <string>

#include "markdown/markdown.h"

using namespace kb::markdown;

namespace {

std::string render(const std::string& md) {
  return Document::parse(md, Options{}).render_html([](const LinkRef& r) {
    ResolvedLink l;
    l.href = r.target + ".html";
    return l;
  }, nullptr, nullptr).html;
}

bool has(const std::string& s, const std::string& what) { return s.find(what) != std::string::npos; }

}  // namespace

TEST_CASE("Obsidian's other task states are done tasks that keep their state", "[markdown][tasks]") {
  const std::string html = render("- [/] started\n- [-] dropped\n- [x] done\n- [ ] open\n- [?] *unsure* now\n");
  CHECK(has(html, "<li><input type=\"checkbox\" checked=\"\" disabled=\"\" data-task=\"/\" /> started</li>"));
  CHECK(has(html, "<li><input type=\"checkbox\" checked=\"\" disabled=\"\" data-task=\"-\" /> dropped</li>"));
  CHECK(has(html, "data-task=\"?\" /> <em>unsure</em> now</li>"));
  // GFM's own two states stay GFM's.
  CHECK(has(html, "<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> done</li>"));
  CHECK(has(html, "<li><input type=\"checkbox\" disabled=\"\" /> open</li>"));
  CHECK_FALSE(has(html, "[/]"));
}

TEST_CASE("a state is one character, escaped, and only at an item's start", "[markdown][tasks]") {
  CHECK(has(render("- [\"] quoted\n"), "data-task=\"&quot;\" /> quoted"));
  CHECK(has(render("- [é] accented\n"), "data-task=\"é\" /> accented"));
  // Not a state: two characters, no space after, a link, not first, not in a list.
  CHECK(has(render("- [ab] two\n"), "<li>[ab] two</li>"));
  CHECK(has(render("- [/]no space\n"), "<li>[/]no space</li>"));
  const std::string link = render("- [/](x.md) link\n");
  CHECK(has(link, "<a href="));
  CHECK_FALSE(has(link, "data-task"));
  CHECK(has(render("- see [/] later\n"), "<li>see [/] later</li>"));
  CHECK(has(render("[/] a paragraph\n"), "<p>[/] a paragraph</p>"));
  // Loose lists and nested items too; the text reads without the marker.
  const std::string md = "- [>] moved\n\n  more\n  - [!] nested\n";
  const std::string html = render(md);
  CHECK(has(html, "<p><input type=\"checkbox\" checked=\"\" disabled=\"\" data-task=\"&gt;\" /> moved</p>"));
  CHECK(has(html, "data-task=\"!\" /> nested"));
  CHECK_FALSE(has(Document::parse(md, Options{}).plain_text(), "[>]"));
}
