// The skeleton is checked against render_html() itself: for the same text,
// options and callbacks, fill() must give the very bytes a render from a
// parse gives, or say it cannot (and then the caller parses).
#include "markdown/skeleton.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace kb::markdown;

namespace {

// One way a site could answer: a resolver, a typesetter, a highlighter, a
// demo renderer and tag pages, each of them varied by `seed`.
struct Answers {
  int seed = 0;
  LinkResolver resolver() const {
    int s = seed;
    return [s](const LinkRef& ref) {
      ResolvedLink r;
      size_t h = std::hash<std::string>{}(ref.target + ref.fragment) + static_cast<size_t>(s);
      switch (h % 5) {
        case 0: r.found = false; break;
        case 1:
          if (ref.kind == LinkKind::kWiki || ref.kind == LinkKind::kEmbed) r.as_text = true;
          else r.href = "ok/" + ref.target + ".html";
          break;
        case 2: r.href = "a b/" + ref.target + ".html?q=1&x='\"<>"; r.title = "T & \"" + ref.target + "\""; r.note = true; break;
        case 3: r.href = ref.target + ".png"; break;
        default: r.href = "#" + ref.fragment; r.title = ""; break;
      }
      return r;
    };
  }
  MathTypesetter math() const {
    if (seed % 3 == 0) return nullptr;
    int s = seed;
    return [s](const Formula& f, size_t i) {
      if (i % 4 == 3) return std::string();
      // Now and then what GFM's tagfilter escapes, inside or in front.
      if (s % 5 == 2 && i % 3 == 1) return std::string("<span><iframe src=\"x\"></iframe><TITLE>t</TITLE></span>");
      if (s % 5 == 2 && i % 3 == 2) return std::string("<style>x</style>");
      return "<span class=\"katex\"><math><mi>" + std::to_string(f.latex.size()) + "</mi></math></span>";
    };
  }
  CodeRenderer code() const {
    if (seed % 2 == 0) return nullptr;
    return [](const CodeBlock& b, size_t i) {
      return i % 2 ? std::string() : "<span class=\"hljs-keyword\">" + std::to_string(b.source.size()) + "</span>";
    };
  }
  BlockRenderer demos() const {
    return [](const FencedBlock&, size_t i) { return i % 2 ? std::string() : std::string("<figure>drawn</figure>"); };
  }
  std::function<std::string(const std::string&)> tag_href() const {
    if (seed % 4 == 1) return nullptr;
    return [](const std::string& tag) { return tag == "skip" ? std::string() : "tags/" + tag + ".html"; };
  }
};

std::string escaped(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') out += "\\n";
    else if (static_cast<unsigned char>(c) < 0x20) out += "\\x" + std::to_string(static_cast<unsigned char>(c));
    else out += c;
  }
  return out;
}

enum class Outcome { kSame, kNoSkeleton, kNoFill };

// Renders `md` both ways; the skeleton's bytes must be render_html()'s.
Outcome compare(const std::string& md, Options o, const Answers& a) {
  o.tag_href = a.tag_href();
  Document expected_doc = Document::parse(md, o);
  const std::string expected =
      expected_doc.render_html(a.resolver(), a.math(), a.demos(), {}, a.code()).html;
  Options at_load = o;  // the load knows neither the H1's fate nor the tag pages
  at_load.drop_leading_h1 = false;
  at_load.tag_href = nullptr;
  Document doc = Document::parse(md, at_load);
  auto skeleton = Skeleton::of(doc);
  // The document renders as before it was made.
  Document fresh = Document::parse(md, at_load);
  INFO("document: " << escaped(md));
  REQUIRE(doc.render_html(a.resolver(), a.math(), a.demos(), {}, a.code()).html ==
          fresh.render_html(a.resolver(), a.math(), a.demos(), {}, a.code()).html);
  if (!skeleton) return Outcome::kNoSkeleton;
  auto filled = skeleton->fill({doc.links(), doc.formulas(), doc.blocks(), doc.code_blocks()}, o, a.resolver(),
                               a.math(), a.demos(), a.code());
  if (!filled) return Outcome::kNoFill;
  REQUIRE(*filled == expected);
  return Outcome::kSame;
}

const char* const kFeatures =
    "# Title with [[A]] and $x$ #head\n\n"
    "Text [[B|label]], [[#Sec]], ![[img.png]], ![[img.png|300]], #tag and #skip, $a^2$ and $$b$$ too.\n"
    "A [md link](other.md#frag \"Its title\"), [bare](bare.md), ![alt *em*](pic.png \"p\"), ![sized|200](pic.png),\n"
    "![pdf](doc.pdf), <https://example.org>, www.example.com and ~~struck~~.\n\n"
    "## Sec\n\n"
    "- item [[C]]\n- ```python\n  print(1)\n  ```\n- last #tag\n\n"
    "1. loose\n\n2. list $y$\n\n"
    "```js\nlet a = 1;\n```\n\n"
    "```math\n\\frac{a}{b}\n```\n\n"
    "$$\nc = d\n$$\n\n"
    "```demo\nkernel = \"roc\"\n```\n\n"
    "```mermaid\ngraph TD; A-->B\n```\n\n"
    "> [!note] A callout with [[D]] and $z$\n> Body with #tag2 and [[E]].\n\n"
    "| a | b |\n|---|---|\n| [[F]] | $q$ |\n| #t3 | [m](m.md) |\n\n"
    "Footnote[^1] and a block. ^blk\n\n"
    "[^1]: Note with [[G]] and $f$.\n\n"
    "<div>raw [[H]] <b>bold</b></div>\n\n"
    "<script>alert(1)</script>\n\n"
    "Last line with ==highlight== and [[A#Sec|again]].";

const std::vector<std::string> kDocuments = {
    kFeatures,
    "",
    "# Only a title",
    "# Title\n\nText.",
    "Title\n=====\n\nA setext H1 [[A]].",
    "Paragraph first.\n\n# Then an H1 [[A]]",
    "- a\n- ```js\n  x\n  ```\n- b\n",
    "```c\nint x;\n```",
    "```c\nint x;\n```\n```unknownlang\ny\n```",
    "$$\na\n$$\n$$\nb\n$$",
    "Line one\nline two [[A]]\r\nline three\ttabbed",
    "> quote [[A]]\n> > nested $x$ #tag",
    "![[A]]",  // an embed alone in its paragraph
    "text ![[A]] text",
    "[link](a.md) and [other](b.md \"t\")",
    "![image](a.png)",
    "# [[A]] $x$ #t\n\n[[B]]",
};

}  // namespace

TEST_CASE("a skeleton fills to the bytes render_html gives", "[markdown][skeleton]") {
  int same = 0;
  for (const auto& md : kDocuments)
    for (int seed = 0; seed < 12; ++seed)
      for (bool drop : {false, true})
        for (bool hard_breaks : {false, true}) {
          Options o;
          o.drop_leading_h1 = drop;
          o.hard_breaks = hard_breaks;
          o.allow_html = seed % 5 == 4;
          same += compare(md, o, Answers{seed}) == Outcome::kSame;
        }
  // Most answers fill; those that change the tree (a markdown link shown as
  // text) do not.
  CHECK(same > static_cast<int>(kDocuments.size()) * 12 * 4 / 2);
}

TEST_CASE("a skeleton is made for the usual note and filled for the usual site", "[markdown][skeleton]") {
  Options o;
  Document doc = Document::parse(kFeatures, o);
  auto skeleton = Skeleton::of(doc);
  REQUIRE(skeleton);
  CHECK(skeleton->bytes() > 1000);
  auto all_found = [](const LinkRef& ref) {
    ResolvedLink r;
    r.href = ref.target + ".html";
    return r;
  };
  o.drop_leading_h1 = true;
  auto filled = skeleton->fill({doc.links(), doc.formulas(), doc.blocks(), doc.code_blocks()}, o, all_found);
  REQUIRE(filled);
  CHECK(filled->find("<span id=\"title-with-a-and-x-head\"></span>\n") == 0);
  CHECK(filled->find('\x02') == std::string::npos);
  CHECK(compare(kFeatures, o, Answers{1}) != Outcome::kNoSkeleton);
}

TEST_CASE("what a skeleton cannot hold is said, not guessed", "[markdown][skeleton]") {
  Options o;
  // The author's own U+0002 could be read as a hole: no skeleton.
  {
    Document doc = Document::parse("a &#2; b [[A]]", o);
    CHECK_FALSE(Skeleton::of(doc));
  }
  // A formula in an image's alt text is written there escaped: no skeleton.
  {
    Document doc = Document::parse("![$x$](a.png)", o);
    CHECK_FALSE(Skeleton::of(doc));
  }
  // "%02U0%03" written in a URL is text, not a hole.
  CHECK(compare("[x](http://h/%02U0%03) [[A]]", o, Answers{2}) == Outcome::kSame);
  CHECK(compare("[x](http://h/%02U0%03) [y](y.md)", o, Answers{2}) != Outcome::kNoFill);
  // A markdown link shown as its text changes the tree: no fill.
  Document doc = Document::parse("[x](x.md)", o);
  auto skeleton = Skeleton::of(doc);
  REQUIRE(skeleton);
  auto as_text = [](const LinkRef&) {
    ResolvedLink r;
    r.as_text = true;
    return r;
  };
  CHECK_FALSE(skeleton->fill({doc.links(), doc.formulas(), doc.blocks(), doc.code_blocks()}, o, as_text));
  // So does a transclusion in place of an embed's paragraph.
  Document embed = Document::parse("![[Note]]", o);
  auto embed_skeleton = Skeleton::of(embed);
  REQUIRE(embed_skeleton);
  auto transclude = [](const LinkRef&) {
    ResolvedLink r;
    r.href = "note.html";
    r.note = true;
    r.transclusion = "<div>the note</div>\n";
    return r;
  };
  CHECK_FALSE(embed_skeleton->fill({embed.links(), embed.formulas(), embed.blocks(), embed.code_blocks()}, o,
                                   transclude));
  // HTML that GFM's tagfilter would change is left to a render from a parse
  // (in a block of display math, as anywhere in an HTML block).
  Document math = Document::parse("$$\nx\n$$", o);
  auto math_skeleton = Skeleton::of(math);
  REQUIRE(math_skeleton);
  auto styled = [](const Formula&, size_t) { return std::string("<style>x</style>"); };
  CHECK_FALSE(math_skeleton->fill({math.links(), math.formulas(), math.blocks(), math.code_blocks()}, o, nullptr,
                                  styled));
  // Options it was not made with: no fill.
  Options other = o;
  other.hard_breaks = true;
  CHECK_FALSE(math_skeleton->fill({math.links(), math.formulas(), math.blocks(), math.code_blocks()}, other, nullptr));
}

TEST_CASE("skeletons of random documents fill like render_html", "[markdown][skeleton][robustness]") {
  const std::vector<std::string> tokens = {
      "[[A]]", "[[B|b]]", "![[i.png]]", "![[N]]", "[[#h]]", "\\[\\[", "]]", "[x](a.md)", "![y](b.png)",
      "![z|30](c.png)", "`[[c]]`", "*", "_", "&amp;", "&#91;", "\xC3\xA9", "> ", "- ", "1. ", "  ", "    ", "\t",
      "\n", "\n", "\n\n", "| ", " |", "\n|---|---|\n", "# ", "## ", "<b>", "</b>", "<div>", "www.x.com", "a@b.co",
      "[^1]", "\n[^1]: fn [[F]]\n", "~~", "text", " ", " ", "word", "\\", "[", "]", "!", "**", "[t [[N]]](c.md)",
      "<https://x.org>", "`", "[z](d.md\n\"title\")", "\n===\n", "- [ ] ", "> > ", "\n[r]: r.md\n", "[q][r]",
      "  \n", "\\\n", "\r\n", "\n    ", "``", "![](e.png)", "[`k`](f.md)", "***", "$x$", "$$y$$", "$", "#tag",
      "#a/b", "==hi==", "^id", "\n```py\ncode\n```\n", "\n```math\nm\n```\n", "\n```demo\nk = 1\n```\n",
      "\n```mermaid\ng\n```\n", "\n> [!tip] T [[X]]\n> b\n", "%%c%%", "<script>", "$\\frac{a}{b}$", "Q::A", "::", "\n?\n", "{{c}}",
      ":::"};
  std::mt19937 rng(20261206);
  std::uniform_int_distribution<size_t> pick(0, tokens.size() - 1);
  int same = 0, docs = 0;
  for (int n = 0; n < 1500; ++n) {
    std::string md;
    for (int t = 0; t < 30; ++t) md += tokens[pick(rng)];
    Options o;
    o.drop_leading_h1 = n % 2;
    o.hard_breaks = n % 3 == 0;
    o.allow_html = n % 7 == 0;
    o.flashcards = n % 2 == 0;
    same += compare(md, o, Answers{n}) == Outcome::kSame;
    ++docs;
  }
  CHECK(same > docs / 2);
}

TEST_CASE("the guide's own notes fill like render_html", "[markdown][skeleton]") {
  namespace fs = std::filesystem;
  const fs::path notes = fs::path(KB_SOURCE_DIR) / "notes";
  int checked = 0;
  for (const auto& entry : fs::recursive_directory_iterator(notes)) {
    if (entry.path().extension() != ".md") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string md = ss.str();
    if (md.rfind("---", 0) == 0)
      if (size_t end = md.find("\n---", 3); end != std::string::npos) md = md.substr(end + 4);
    Options o;
    o.drop_leading_h1 = true;
    INFO(entry.path());
    CHECK(compare(md, o, Answers{1}) == Outcome::kSame);
    ++checked;
  }
  CHECK(checked > 100);
}
