#include "markdown/embed_html.h"

#include <catch2/catch.hpp>

#include "markdown/markdown.h"

using namespace kb::markdown;

namespace {

LinkRef embed(std::string target, std::string label, int width = 0, int height = 0, std::string fragment = "") {
  LinkRef r;
  r.kind = LinkKind::kEmbed;
  r.target = std::move(target);
  r.label = std::move(label);
  r.width = width;
  r.height = height;
  r.fragment = std::move(fragment);
  return r;
}

// A resolver that finds every file at "files/<target>".
ResolvedLink in_files(const LinkRef& ref) {
  ResolvedLink r;
  r.href = "files/" + ref.target;
  return r;
}

std::string render(std::string_view md) { return Document::parse(md, Options{}).render_html(in_files).html; }

}  // namespace

TEST_CASE("media kinds by extension", "[embed]") {
  CHECK(embed_kind("a.png") == EmbedKind::kImage);
  CHECK(embed_kind("A.PNG") == EmbedKind::kImage);
  CHECK(embed_kind("x/y.JpEg") == EmbedKind::kImage);
  CHECK(embed_kind("d.svg?v=2") == EmbedKind::kImage);
  CHECK(embed_kind("paper.pdf") == EmbedKind::kPdf);
  CHECK(embed_kind("paper.PDF#page=2") == EmbedKind::kPdf);
  for (const char* f : {"a.mp3", "a.wav", "a.m4a", "a.ogg", "a.flac", "a.3gp", "A.MP3"})
    CHECK(embed_kind(f) == EmbedKind::kAudio);
  for (const char* f : {"a.mp4", "a.webm", "a.ogv", "a.mov", "a.mkv", "a.MP4"})
    CHECK(embed_kind(f) == EmbedKind::kVideo);
  CHECK(embed_kind("data.csv") == EmbedKind::kOther);
  CHECK(embed_kind("noext") == EmbedKind::kOther);
  CHECK(embed_kind("dir.png/file") == EmbedKind::kOther);
}

TEST_CASE("embed markup per kind", "[embed]") {
  CHECK(embed_html(embed("a.png", "a.png"), "../a.png", "") == "<img src=\"../a.png\" alt=\"a.png\">");
  CHECK(embed_html(embed("a.png", "Alt", 300), "a.png", "") == "<img src=\"a.png\" alt=\"Alt\" width=\"300\">");
  CHECK(embed_html(embed("a.png", "a", 300, 200), "a.png", "") ==
        "<img src=\"a.png\" alt=\"a\" width=\"300\" height=\"200\" style=\"height:200px\">");
  CHECK(embed_html(embed("s.mp3", "s.mp3"), "s.mp3", "") ==
        "<audio controls preload=\"metadata\" src=\"s.mp3\"><a href=\"s.mp3\">s.mp3</a></audio>");
  CHECK(embed_html(embed("v.MP4", "v", 480), "v.MP4", "") ==
        "<video controls preload=\"metadata\" src=\"v.MP4\" width=\"480\"><a href=\"v.MP4\">v</a></video>");
  CHECK(embed_html(embed("p.pdf", "p.pdf"), "p.pdf", "") ==
        "<span class=\"embed-pdf\"><iframe src=\"p.pdf\" title=\"p.pdf\" loading=\"lazy\"></iframe>"
        "<a class=\"embed-download\" href=\"p.pdf\" download>p.pdf (PDF)</a></span>");
  CHECK(embed_html(embed("data.csv", "data.csv"), "d/data.csv", "") ==
        "<a class=\"embed-file\" href=\"d/data.csv\">data.csv</a>");
}

TEST_CASE("PDF pages and heights", "[embed]") {
  std::string html = embed_html(embed("p.pdf", "p", 0, 0, "page=3"), "p.pdf", "");
  CHECK(html.find("src=\"p.pdf#page=3\"") != std::string::npos);
  CHECK(html.find("style") == std::string::npos);
  html = embed_html(embed("p.pdf", "p", 0, 0, "height=400"), "p.pdf", "");
  CHECK(html.find("src=\"p.pdf\"") != std::string::npos);
  CHECK(html.find("style=\"height:400px;\"") != std::string::npos);
  html = embed_html(embed("p.pdf", "p", 500), "p.pdf", "");  // ![[p.pdf|500]]: a height
  CHECK(html.find("style=\"height:500px;\"") != std::string::npos);
  html = embed_html(embed("p.pdf", "p", 0, 0, "page=x"), "p.pdf", "");
  CHECK(html.find("#page") == std::string::npos);  // not a page number: not passed on
}

TEST_CASE("every attribute is escaped", "[embed]") {
  std::string html = embed_html(embed("a\".png", "<b>\"x\"&", 0, 0), "a\".png?x=1&y=\"2\"", "t\"<");
  CHECK(html == "<img src=\"a&quot;.png?x=1&amp;y=&quot;2&quot;\" alt=\"&lt;b&gt;&quot;x&quot;&amp;\" title=\"t&quot;&lt;\">");
  html = embed_html(embed("s.mp3", "<s>"), "s.mp3\"", "");
  CHECK(html.find("<s>") == std::string::npos);
  CHECK(html.find("src=\"s.mp3&quot;\"") != std::string::npos);
}

TEST_CASE("embeds and images in a document", "[embed][markdown]") {
  CHECK(render("![[a.png|300]] ![[a.png|alt text|300x200]] ![[a.png|big]]\n") ==
        "<p><img src=\"files/a.png\" alt=\"a.png\" width=\"300\"> "
        "<img src=\"files/a.png\" alt=\"alt text\" width=\"300\" height=\"200\" style=\"height:200px\"> "
        "<img src=\"files/a.png\" alt=\"big\"></p>\n");
  CHECK(render("![[song.MP3]]\n") ==
        "<p><audio controls preload=\"metadata\" src=\"files/song.MP3\"><a href=\"files/song.MP3\">song.MP3</a>"
        "</audio></p>\n");
  // The markdown form: the size comes off the alt text.
  CHECK(render("![A cat|300](cat.png) ![|300x200](cat.png) ![plain](cat.png)\n") ==
        "<p><img src=\"files/cat.png\" alt=\"A cat\" width=\"300\"> "
        "<img src=\"files/cat.png\" alt=\"\" width=\"300\" height=\"200\" style=\"height:200px\"> "
        "<img src=\"files/cat.png\" alt=\"plain\" /></p>\n");
  CHECK(render("![clip](v.mp4)\n") ==
        "<p><video controls preload=\"metadata\" src=\"files/v.mp4\"><a href=\"files/v.mp4\">clip</a></video></p>\n");
  // Not found: a sized markdown image keeps the URL as written.
  CHECK(Document::parse("![A|300](my%20cat.png)\n", Options{})
            .render_html([](const LinkRef&) { ResolvedLink r; r.found = false; return r; })
            .html == "<p><img src=\"my%20cat.png\" alt=\"A\" width=\"300\"></p>\n");
  auto doc = Document::parse("![[p.pdf#page=2|400]] ![A|300](cat.png)\n", Options{});
  REQUIRE(doc.links().size() == 2);
  CHECK(doc.links()[0].fragment == "page=2");
  CHECK(doc.links()[0].width == 400);
  CHECK(doc.links()[1].label == "A");
  CHECK(doc.links()[1].width == 300);
  CHECK(doc.links()[1].column == 23);
}
