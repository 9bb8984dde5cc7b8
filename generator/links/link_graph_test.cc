#include "links/link_graph.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "core/text.h"

using namespace kb;
using markdown::LinkKind;

namespace {

Page page(std::string source, std::string title, std::vector<std::string> aliases = {},
          std::vector<std::string> headings = {}) {
  Page p;
  p.source = source;
  p.file = "/notes/" + source;
  size_t slash = source.rfind('/');
  p.folder = slash == std::string::npos ? "" : source.substr(0, slash);
  p.stem = source.substr(slash == std::string::npos ? 0 : slash + 1);
  p.stem.resize(p.stem.size() - 3);
  p.url = source.substr(0, source.size() - 3) + ".html";
  p.title = title;
  p.meta.aliases = aliases;
  p.body = "line one\nline two\nline three\n";
  for (auto& h : headings) p.headings.push_back({2, h, text::heading_slug(h), 1});
  return p;
}

void link(Page& p, LinkKind kind, std::string target, std::string fragment = "", int line = 2, int col = 3) {
  p.links.push_back({kind, target, fragment, target, line, col});
}

}  // namespace



TEST_CASE("wikilinks resolve by title, alias and file name, case-insensitively") {
  Corpus c;
  c.pages.push_back(page("modeling/f1.md", "F1 score", {"F-measure"}, {"Worked example"}));
  c.pages.push_back(page("index.md", "Home"));
  Page& home = c.pages[1];
  link(home, LinkKind::kWiki, "f1 SCORE");
  link(home, LinkKind::kWiki, "F-measure");
  link(home, LinkKind::kWiki, "f1");
  link(home, LinkKind::kWiki, "F1 score", "Worked example");
  link(home, LinkKind::kMarkdown, "modeling/f1.md", "worked-example");
  Diagnostics diags;
  auto g = LinkGraph::build(c, diags);
  CHECK(diags.report().empty());
  for (size_t i = 0; i < 5; ++i) {
    CHECK(g.resolution(1, i).status == Resolution::Status::kPage);
    CHECK(g.resolution(1, i).index == 0);
  }
  CHECK(g.resolution(1, 3).fragment == "worked-example");
  CHECK(g.backlinks(0) == std::vector<size_t>{1});
  CHECK(g.outlinks(1) == std::vector<size_t>{0});
  CHECK(g.broken_count() == 0);
}

TEST_CASE("a broken link is a warning at file:line:col with a suggestion") {
  Corpus c;
  c.pages.push_back(page("f1.md", "F1 score"));
  c.pages.push_back(page("a.md", "A"));
  link(c.pages[1], LinkKind::kWiki, "F-1 score", "", 2, 5);
  Diagnostics diags;
  auto g = LinkGraph::build(c, diags);
  CHECK(g.broken_count() == 1);
  CHECK(g.resolution(1, 0).status == Resolution::Status::kBroken);
  auto d = diags.sorted();
  REQUIRE(d.size() == 1);
  CHECK(d[0].severity == Severity::kWarning);
  CHECK(d[0].path.find("a.md") != std::string::npos);
  CHECK(d[0].line == 2);
  CHECK(d[0].column == 5);
  CHECK(d[0].message == "wikilink target \"F-1 score\" not found (did you mean \"F1 score\"?)");
  CHECK(d[0].source_line == "line two");
}

TEST_CASE("a missing heading anchor is reported with the headings it has") {
  Corpus c;
  c.pages.push_back(page("f1.md", "F1 score", {}, {"Worked example"}));
  c.pages.push_back(page("a.md", "A"));
  link(c.pages[1], LinkKind::kWiki, "F1 score", "Worked exampel");
  Diagnostics diags;
  auto g = LinkGraph::build(c, diags);
  CHECK(g.broken_count() == 1);
  CHECK(diags.report().find("did you mean \"Worked example\"") != std::string::npos);
}

TEST_CASE("two notes with one title: a warning at each, and links name both") {
  Corpus c;
  c.pages.push_back(page("a/x.md", "Same"));
  c.pages.push_back(page("b/x.md", "Same"));
  c.pages.push_back(page("c.md", "C"));
  link(c.pages[2], LinkKind::kWiki, "Same");
  Diagnostics diags;
  auto g = LinkGraph::build(c, diags);
  CHECK(g.resolution(2, 0).index == 0);
  std::string report = diags.report();
  CHECK(report.find("is also the title of") != std::string::npos);
  CHECK(report.find("ambiguous: it names /notes/a/x.md, /notes/b/x.md") != std::string::npos);
  CHECK_FALSE(diags.has_errors());
}

TEST_CASE("relative markdown links and embeds resolve to pages and files") {
  Corpus c;
  c.pages.push_back(page("a/one.md", "One"));
  c.pages.push_back(page("b/two.md", "Two"));
  c.files.push_back({"a/img/roc.png", "/notes/a/img/roc.png", "a/img/roc.png"});
  link(c.pages[1], LinkKind::kMarkdown, "../a/one.md");
  link(c.pages[1], LinkKind::kEmbed, "roc.png");
  link(c.pages[1], LinkKind::kImage, "../a/img/roc.png");
  link(c.pages[1], LinkKind::kMarkdown, "../a/nope.md");
  Diagnostics diags;
  auto g = LinkGraph::build(c, diags);
  CHECK(g.resolution(1, 0).status == Resolution::Status::kPage);
  CHECK(g.resolution(1, 1).status == Resolution::Status::kFile);
  CHECK(g.resolution(1, 2).status == Resolution::Status::kFile);
  CHECK(g.resolution(1, 3).status == Resolution::Status::kBroken);
  CHECK(diags.report().find("did you mean \"../a/one.md\"") != std::string::npos);
}

TEST_CASE("affected_by names the pages one change must re-render") {
  Corpus c;
  c.pages.push_back(page("a.md", "A"));
  c.pages.push_back(page("b.md", "B"));
  c.pages.push_back(page("c.md", "C"));
  c.pages.push_back(page("d.md", "D"));
  link(c.pages[0], LinkKind::kWiki, "B");  // A -> B -> C; D alone
  link(c.pages[1], LinkKind::kWiki, "C");
  Diagnostics diags;
  auto g = LinkGraph::build(c, diags);
  CHECK(g.affected_by(1) == std::vector<size_t>{0, 1, 2});
  CHECK(g.affected_by(3) == std::vector<size_t>{3});
}

TEST_CASE("a link to a draft is a warning naming the draft, shown as text, not broken") {
  Corpus c;
  c.pages.push_back(page("a.md", "A"));
  c.pages.push_back(page("plans/index.md", "Plans"));
  c.unpublished.push_back({"plans/secret plan.md", "/notes/plans/secret plan.md", "plans", "secret plan",
                           "Project X", {"Plan B"}, "draft: true"});
  c.unpublished.push_back({"hidden.md", "/notes/hidden.md", "", "hidden", "Hidden", {}, "publish: false"});
  Page& a = c.pages[0];
  link(a, LinkKind::kWiki, "Project X", "", 2, 1);
  link(a, LinkKind::kWiki, "plan b", "", 2, 10);
  link(a, LinkKind::kWiki, "plans/secret plan");
  link(a, LinkKind::kMarkdown, "plans/secret%20plan.md");  // as written; the target is decoded below
  a.links.back().target = "plans/secret plan.md";
  link(a, LinkKind::kMarkdown, "hidden.md", "part");
  link(a, LinkKind::kEmbed, "hidden");
  link(a, LinkKind::kWiki, "Plans");       // published: a page
  link(a, LinkKind::kMarkdown, "Hidden.md");               // a bare name, as Obsidian resolves it
  link(a, LinkKind::kImage, "/plans/secret plan.md");      // a path from the notes root
  link(a, LinkKind::kWiki, "Nowhere");     // missing: broken
  Diagnostics diags;
  auto g = LinkGraph::build(c, diags);
  for (size_t i = 0; i < 6; ++i) {
    INFO("link " << i);
    CHECK(g.resolution(0, i).status == Resolution::Status::kUnpublished);
  }
  CHECK(g.resolution(0, 0).index == 0);
  CHECK(g.resolution(0, 4).index == 1);
  CHECK(g.resolution(0, 6).status == Resolution::Status::kPage);
  CHECK(g.resolution(0, 7).status == Resolution::Status::kUnpublished);
  CHECK(g.resolution(0, 7).index == 1);
  CHECK(g.resolution(0, 8).status == Resolution::Status::kUnpublished);
  CHECK(g.resolution(0, 8).index == 0);
  CHECK(g.resolution(0, 9).status == Resolution::Status::kBroken);
  CHECK(g.broken_count() == 1);
  CHECK(g.backlinks(1) == std::vector<size_t>{0});
  auto d = diags.sorted();
  REQUIRE(d.size() == 9);
  CHECK(d[0].line == 2);
  CHECK(d[0].column == 1);
  CHECK(d[0].message ==
        "\"Project X\" is a draft (draft: true in /notes/plans/secret plan.md), so this link shows as plain "
        "text: publish the note, remove the link, or preview drafts with --drafts");
  bool not_published = false;
  for (const auto& x : d) not_published |= x.message.rfind("\"hidden.md\" is not published (publish: false in", 0) == 0;
  CHECK(not_published);
}

TEST_CASE("a README.md that is its folder's page answers links to the folder") {
  Corpus c;
  c.pages.push_back(page("a.md", "A"));
  c.pages.push_back(page("net/README.md", "Networking"));
  c.pages[1].is_index = true;
  c.pages.push_back(page("README.md", "Home"));
  c.pages[2].is_index = true;
  Page& a = c.pages[0];
  link(a, LinkKind::kMarkdown, "net/");
  link(a, LinkKind::kMarkdown, "net");
  link(a, LinkKind::kMarkdown, "net/README.md");
  link(a, LinkKind::kWiki, "Networking");
  link(a, LinkKind::kWiki, "net/README");
  link(a, LinkKind::kMarkdown, "README.md");
  link(a, LinkKind::kWiki, "README");
  Diagnostics diags;
  auto g = LinkGraph::build(c, diags);
  CHECK(diags.report().empty());
  for (size_t i = 0; i < 7; ++i) {
    INFO("link " << i);
    CHECK(g.resolution(0, i).status == Resolution::Status::kPage);
    CHECK(g.resolution(0, i).index == (i < 5 ? 1u : 2u));
  }
}

TEST_CASE("markdown links and images by bare file name or vault path, as in Obsidian") {
  Corpus c;
  c.pages.push_back(page("Deep Learning/Attention.md", "Attention"));
  c.pages.push_back(page("tags/component.md", "Component"));
  c.pages.push_back(page("other/component.md", "Other component"));
  c.pages.push_back(page("Deep Learning/component.md", "Local component"));
  c.files.push_back({"Attachments/bases-noshadow.png", "/notes/Attachments/bases-noshadow.png", "attachments/bases-noshadow.png"});
  Page& from = c.pages[0];
  link(from, LinkKind::kImage, "bases-noshadow.png");               // bare name, another folder
  link(from, LinkKind::kImage, "Attachments/bases-noshadow.png");   // vault-root path
  link(from, LinkKind::kMarkdown, "component.md");                  // the linking note's folder wins
  link(from, LinkKind::kMarkdown, "tags/component");                // a vault path without .md
  link(from, LinkKind::kMarkdown, "../other/component.md");         // relative, as written
  link(from, LinkKind::kMarkdown, "./component-x.md");              // relative only: no name lookup
  Diagnostics diags;
  auto g = LinkGraph::build(c, diags);
  CHECK(g.resolution(0, 0).status == Resolution::Status::kFile);
  CHECK(g.resolution(0, 1).status == Resolution::Status::kFile);
  CHECK(g.resolution(0, 2).status == Resolution::Status::kPage);
  CHECK(g.resolution(0, 2).index == 3);
  CHECK(g.resolution(0, 3).index == 1);
  CHECK(g.resolution(0, 4).index == 2);
  CHECK(g.resolution(0, 5).status == Resolution::Status::kBroken);
  CHECK(g.broken_count() == 1);
}

TEST_CASE("several notes of one name: the linking note's folder, else the shortest path") {
  Corpus c;
  c.pages.push_back(page("ml-operations/endpoints.md", "Endpoints"));
  c.pages.push_back(page("modeling/endpoints.md", "Endpoints"));
  c.pages.push_back(page("modeling/deploy.md", "Deploy"));
  c.pages.push_back(page("root.md", "Root"));
  link(c.pages[2], LinkKind::kWiki, "Endpoints");
  link(c.pages[3], LinkKind::kWiki, "Endpoints");
  link(c.pages[3], LinkKind::kWiki, "ml-operations/endpoints");
  Diagnostics diags;
  auto g = LinkGraph::build(c, diags);
  CHECK(g.resolution(2, 0).index == 1);  // same folder: no doubt, no warning
  CHECK(g.resolution(3, 0).index == 1);  // shortest path, with a warning
  CHECK(g.resolution(3, 1).index == 0);  // a path chooses
  std::string report = diags.report();
  CHECK(report.find("root.md:2:3: warning: \"Endpoints\" is ambiguous") != std::string::npos);
  CHECK(report.find("linking to /notes/modeling/endpoints.md as Obsidian would") != std::string::npos);
  CHECK(report.find("deploy.md:2:3") == std::string::npos);
}

TEST_CASE("nested heading paths name the innermost heading, inside its parent's section") {
  Corpus c;
  Page net = page("net.md", "Networking");
  net.headings = {{1, "OSI Model", "osi-model", 1}, {2, "Layers", "layers", 2},
                  {1, "TCP/IP", "tcpip", 3},        {2, "Layers", "layers-1", 4}};
  c.pages.push_back(net);
  c.pages.push_back(page("from.md", "From"));
  link(c.pages[1], LinkKind::kWiki, "Networking", "TCP/IP#Layers");
  link(c.pages[1], LinkKind::kWiki, "Networking", "OSI Model#Layers");
  link(c.pages[1], LinkKind::kWiki, "Networking", "Nowhere#Layers");  // parent missing: any "Layers"
  link(c.pages[1], LinkKind::kWiki, "Networking", "OSI Model#Sessions");
  Diagnostics diags;
  auto g = LinkGraph::build(c, diags);
  CHECK(g.resolution(1, 0).fragment == "layers-1");
  CHECK(g.resolution(1, 1).fragment == "layers");
  CHECK(g.resolution(1, 2).fragment == "layers");
  CHECK(g.broken_count() == 1);
  CHECK(diags.report().find("no heading \"OSI Model#Sessions\" in \"Networking\"") != std::string::npos);
}

TEST_CASE("a path relative to the linking note wins, then the notes root, then the name") {
  Corpus c;
  c.pages.push_back(page("a/from.md", "From"));
  c.pages.push_back(page("a/sub/x.md", "Relative x"));
  c.pages.push_back(page("sub/x.md", "Root x"));
  c.pages.push_back(page("guide/setup.md", "Setup"));
  c.pages.push_back(page("z/deep/guide/setup.md", "Deep setup"));
  Page& from = c.pages[0];
  link(from, LinkKind::kMarkdown, "sub/x.md");        // relative: a/sub/x.md, though sub/x.md exists
  link(from, LinkKind::kMarkdown, "/sub/x.md");       // from the notes root
  link(from, LinkKind::kMarkdown, "guide/setup.md");  // not relative: the notes root's, not z/deep's
  link(from, LinkKind::kMarkdown, "/guide/setup");    // rooted, without .md
  link(from, LinkKind::kMarkdown, "/setup.md");       // rooted: no name lookup
  Diagnostics diags;
  auto g = LinkGraph::build(c, diags);
  CHECK(g.resolution(0, 0).index == 1);
  CHECK(g.resolution(0, 1).index == 2);
  CHECK(g.resolution(0, 2).index == 3);
  CHECK(g.resolution(0, 3).index == 3);
  CHECK(g.resolution(0, 4).status == Resolution::Status::kBroken);
  auto d = diags.sorted();
  REQUIRE(d.size() == 1);  // no ambiguity: each path decides
  CHECK(d[0].message.rfind("link target \"/setup.md\" not found", 0) == 0);
}

TEST_CASE("by name among several files: below the linking note's folder, else the shortest, warned") {
  Corpus c;
  c.pages.push_back(page("Deep Learning/ConvNeXt.md", "ConvNeXt"));
  c.pages.push_back(page("root.md", "Root"));
  c.pages.push_back(page("Old/Deep/x.md", "X"));
  c.files.push_back({"Attachments/diagram.png", "/notes/Attachments/diagram.png", "attachments/diagram.png"});
  c.files.push_back({"Deep Learning/img/diagram.png", "/notes/Deep Learning/img/diagram.png", ""});
  c.files.push_back({"Old/diagram.png", "/notes/Old/diagram.png", "old/diagram.png"});
  link(c.pages[0], LinkKind::kImage, "diagram.png", "", 2, 1);  // below its folder: decided
  link(c.pages[1], LinkKind::kImage, "diagram.png", "", 3, 1);  // from the root: shortest, ambiguous
  link(c.pages[2], LinkKind::kEmbed, "diagram.png", "", 2, 1);  // its own folder's parent holds one: still shortest
  link(c.pages[1], LinkKind::kImage, "img/diagram.png", "", 3, 9);  // a partial path: only one
  Diagnostics diags;
  auto g = LinkGraph::build(c, diags);
  CHECK(g.resolution(0, 0).status == Resolution::Status::kFile);
  CHECK(g.resolution(0, 0).index == 1);
  CHECK(g.resolution(1, 0).index == 2);  // Old/diagram.png: the shortest path
  CHECK(g.resolution(1, 1).index == 1);
  CHECK(g.resolution(2, 0).index == 2);  // an ancestor folder counts for nothing
  CHECK(g.broken_count() == 0);
  auto d = diags.sorted();
  REQUIRE(d.size() == 2);
  CHECK(d[0].path == "/notes/Old/Deep/x.md");
  CHECK(d[1].path == "/notes/root.md");
  CHECK(d[1].line == 3);
  CHECK(d[1].column == 1);
  CHECK(d[1].message ==
        "\"diagram.png\" is ambiguous: it names /notes/Old/diagram.png, /notes/Attachments/diagram.png, "
        "/notes/Deep Learning/img/diagram.png; linking to /notes/Old/diagram.png as Obsidian would (its own "
        "folder, then below it, then the shortest path; write the path from the notes root to choose)");
  CHECK(d[0].message.find("[[folder/name]]") != std::string::npos);  // an embed: written as a wikilink
}

TEST_CASE("markdown links by bare name: pages, no extension, spaces and Unicode") {
  Corpus c;
  c.pages.push_back(page("Projects/Plan.md", "Plan"));
  c.pages.push_back(page("Parts/Component.md", "Component"));
  c.pages.push_back(page("Deep Learning/Ünïcödé Note.md", "Unicode"));
  c.pages.push_back(page("My Notes/Two Words.md", "Two words"));
  Page& from = c.pages[0];
  link(from, LinkKind::kMarkdown, "Component");          // no extension, as Obsidian accepts
  link(from, LinkKind::kMarkdown, "component.MD");       // case ignored
  link(from, LinkKind::kMarkdown, "ünïcödé note.md");    // Unicode, lowered
  link(from, LinkKind::kMarkdown, "Two Words.md");       // [x](Two%20Words.md), decoded by the parser
  link(from, LinkKind::kMarkdown, "My Notes/Two Words"); // a vault path with spaces
  link(from, LinkKind::kMarkdown, "Compnent.md");        // broken, with a suggestion
  Diagnostics diags;
  auto g = LinkGraph::build(c, diags);
  CHECK(g.resolution(0, 0).index == 1);
  CHECK(g.resolution(0, 1).index == 1);
  CHECK(g.resolution(0, 2).index == 2);
  CHECK(g.resolution(0, 3).index == 3);
  CHECK(g.resolution(0, 4).index == 3);
  CHECK(g.resolution(0, 5).status == Resolution::Status::kBroken);
  auto d = diags.sorted();
  REQUIRE(d.size() == 1);
  CHECK(d[0].message ==
        "link target \"Compnent.md\" not found (looked for Projects/Compnent.md in the notes folder); did you mean "
        "\"Component.md\"?");
}

TEST_CASE("a wikilink's exact path from the notes root beats the linking note's folder") {
  Corpus c;
  c.pages.push_back(page("endpoints.md", "Endpoints"));
  c.pages.push_back(page("modeling/endpoints.md", "Model endpoints"));
  c.pages.push_back(page("modeling/deploy.md", "Deploy"));
  link(c.pages[2], LinkKind::kWiki, "endpoints");
  link(c.pages[2], LinkKind::kWiki, "modeling/endpoints");
  Diagnostics diags;
  auto g = LinkGraph::build(c, diags);
  CHECK(g.resolution(2, 0).index == 0);  // as in Obsidian: an exact vault path first
  CHECK(g.resolution(2, 1).index == 1);
  CHECK(diags.report().empty());
}

TEST_CASE("nested heading paths: a missing or misplaced outer heading is a warning, not a broken link") {
  Corpus c;
  Page net = page("net.md", "Networking");
  net.headings = {{1, "OSI Model", "osi-model", 1}, {2, "Layers", "layers", 2}, {2, "Sessions", "sessions", 3},
                  {1, "TCP/IP", "tcpip", 4},        {2, "Layers", "layers-1", 5}, {3, "Ports", "ports", 6}};
  c.pages.push_back(net);
  c.pages.push_back(page("from.md", "From"));
  Page& from = c.pages[1];
  link(from, LinkKind::kWiki, "Networking", "Nowhere#Layers", 2, 1);
  link(from, LinkKind::kWiki, "Networking", "OSI Model#Ports", 2, 20);
  link(from, LinkKind::kMarkdown, "net.md", "tcpip#layers#ports", 3, 1);  // ids work too, three deep
  link(from, LinkKind::kWiki, "Networking", "TCP/IP#Layerz", 3, 30);
  Diagnostics diags;
  auto g = LinkGraph::build(c, diags);
  CHECK(g.resolution(1, 0).fragment == "layers");
  CHECK(g.resolution(1, 1).fragment == "ports");
  CHECK(g.resolution(1, 2).fragment == "ports");
  CHECK(g.resolution(1, 3).status == Resolution::Status::kPage);
  CHECK(g.broken_count() == 1);
  auto d = diags.sorted();
  REQUIRE(d.size() == 3);
  CHECK(d[0].message ==
        "\"Nowhere#Layers\": no heading \"Nowhere\" in \"Networking\", so this links to the page's first \"Layers\"");
  CHECK(d[1].message ==
        "\"OSI Model#Ports\": \"Ports\" is not inside \"OSI Model\" in \"Networking\", so this links to the "
        "page's first \"Ports\"");
  CHECK(d[2].line == 3);
  CHECK(d[2].column == 30);
  CHECK(d[2].message == "no heading \"TCP/IP#Layerz\" in \"Networking\" (did you mean \"Layers\"?)");
}

TEST_CASE("a fragment must be an id the target page has: headings, footnotes, HTML anchors") {
  Corpus c;
  Page t = page("target.md", "Target", {}, {"Worked example"});
  t.body = "Text[^1] <a name=\"top\"></a>\n\n[^1]: A note.\n[^2]: Never referenced.\n";
  c.pages.push_back(t);
  Page& a = c.pages.emplace_back(page("a.md", "A", {}, {"Local"}));
  a.body = "line one\nsee [x](target.md#worked-exampel) and [[Target#Workd example]]\nline three\n";
  link(a, LinkKind::kMarkdown, "target.md", "fn-1");
  link(a, LinkKind::kMarkdown, "target.md", "fnref-1");
  link(a, LinkKind::kWiki, "Target", "top");
  link(a, LinkKind::kMarkdown, "target.md", "fn-2", 2, 5);           // defined, never referenced: no anchor
  link(a, LinkKind::kMarkdown, "target.md", "worked-exampel", 2, 5);  // a slug with a typo
  link(a, LinkKind::kWiki, "Target", "Workd example", 2, 40);
  link(a, LinkKind::kMarkdown, "", "local");                          // same page, by id
  link(a, LinkKind::kMarkdown, "", "lokal", 2, 60);                   // same page, missing
  Diagnostics diags;
  auto g = LinkGraph::build(c, diags);
  CHECK(g.resolution(1, 0).fragment == "fn-1");
  CHECK(g.resolution(1, 1).fragment == "fnref-1");
  CHECK(g.resolution(1, 2).fragment == "top");
  CHECK(g.resolution(1, 6).fragment == "local");
  CHECK(g.resolution(1, 6).status == Resolution::Status::kSamePage);
  CHECK(g.broken_count() == 4);
  auto d = diags.sorted();
  REQUIRE(d.size() == 4);
  for (const auto& x : d) {
    CHECK(x.path == "/notes/a.md");
    CHECK(x.line == 2);
    CHECK(x.source_line == "see [x](target.md#worked-exampel) and [[Target#Workd example]]");
  }
  CHECK(d[0].message == "no heading \"fn-2\" in \"Target\"");
  CHECK(d[1].message == "no heading \"worked-exampel\" in \"Target\" (did you mean \"Worked example\"?)");
  CHECK(d[2].column == 40);
  CHECK(d[2].message == "no heading \"Workd example\" in \"Target\" (did you mean \"Worked example\"?)");
  CHECK(d[3].message == "no heading \"lokal\" in \"A\" (did you mean \"Local\"?)");
}

TEST_CASE("a broken bare name suggests the closest file name, notes and files alike") {
  Corpus c;
  c.pages.push_back(page("Deep/from.md", "From"));
  c.files.push_back({"Attachments/diagram.png", "/notes/Attachments/diagram.png", "attachments/diagram.png"});
  link(c.pages[0], LinkKind::kImage, "diagrm.png");
  link(c.pages[0], LinkKind::kImage, "./diagrm.png");  // relative only: no name lookup, no name hint
  Diagnostics diags;
  auto g = LinkGraph::build(c, diags);
  CHECK(g.broken_count() == 2);
  auto d = diags.sorted();
  REQUIRE(d.size() == 2);
  std::string report = diags.report();
  CHECK(report.find("link target \"diagrm.png\" not found (looked for Deep/diagrm.png in the notes folder); "
                    "did you mean \"diagram.png\"?") != std::string::npos);
  CHECK(report.find("link target \"./diagrm.png\" not found (looked for Deep/diagrm.png in the notes folder)\n") !=
        std::string::npos);
}

// patch() after body edits gives what build() gives: the same resolutions,
// link lists, counts and diagnostics, over random sequences of link edits.
TEST_CASE("a patched graph equals a graph built anew after links titles aliases and headings change") {
  std::mt19937 rng(613);
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  Corpus c;
  const size_t n = 30;
  for (size_t i = 0; i < n; ++i)
    c.pages.push_back(page("f" + std::to_string(i % 3) + "/n" + std::to_string(i) + ".md", "Note " + std::to_string(i),
                           {"Alias " + std::to_string(i)}, {"Part A", "Part B"}));
  c.pages.push_back(page("f1/n5.md", "Twin"));  // a second n5: bare-name links to it are ambiguous
  auto relink = [&](Page& p) {
    p.links.clear();
    for (size_t k = pick(5); k > 0; --k) {
      size_t t = pick(n + 2);
      std::string name = t < n ? "Note " + std::to_string(t) : "Missing " + std::to_string(t);
      switch (pick(4)) {
        case 0: link(p, LinkKind::kWiki, name, pick(2) ? "" : "Part A", int(1 + pick(3))); break;
        case 1: link(p, LinkKind::kWiki, "n" + std::to_string(t), pick(2) ? "" : "part-c", int(1 + pick(3))); break;
        case 2: link(p, LinkKind::kMarkdown, "../f" + std::to_string(t % 3) + "/n" + std::to_string(t) + ".md"); break;
        default: link(p, LinkKind::kWiki, "Alias " + std::to_string(t)); break;
      }
    }
  };
  for (auto& p : c.pages) relink(p);
  Diagnostics first;
  LinkGraph g = LinkGraph::build(c, first);
  for (int step = 0; step < 40; ++step) {
    std::vector<size_t> changed;
    std::vector<Page> before;
    for (size_t k = 1 + pick(3); k > 0; --k) {
      size_t i = pick(c.pages.size());
      if (std::find(changed.begin(), changed.end(), i) != changed.end()) continue;
      before.push_back(c.pages[i]);
      Page& p = c.pages[i];
      relink(p);
      p.body += "more words\n";
      switch (pick(6)) {  // now and then what others' links find changes too
        case 0: p.title = "Note " + std::to_string(pick(n + 2)); break;  // maybe another's title, or a missing one
        case 1: p.meta.aliases = {"Alias " + std::to_string(pick(n + 2))}; break;
        case 2: p.headings = {{2, pick(2) ? "Part A" : "Part C", pick(2) ? "part-a" : "part-c", 1}}; break;
        default: break;
      }
      CHECK(LinkGraph::same_targets(before.back(), p) ==
            (before.back().title == p.title && before.back().meta.aliases == p.meta.aliases &&
             before.back().headings.size() == p.headings.size() &&
             (p.headings.empty() || before.back().headings[0].text == p.headings[0].text)));
      changed.push_back(i);
    }
    Diagnostics patched_diags, built_diags;
    g = LinkGraph::patch(std::move(g), c, changed, before, patched_diags);
    LinkGraph fresh = LinkGraph::build(c, built_diags);
    INFO("step " << step);
    REQUIRE(patched_diags.report() == built_diags.report());
    CHECK(g.link_count() == fresh.link_count());
    CHECK(g.broken_count() == fresh.broken_count());
    for (size_t i = 0; i < c.pages.size(); ++i) {
      CHECK(g.backlinks(i) == fresh.backlinks(i));
      CHECK(g.outlinks(i) == fresh.outlinks(i));
      for (size_t l = 0; l < c.pages[i].links.size(); ++l) {
        CHECK(g.resolution(i, l).status == fresh.resolution(i, l).status);
        CHECK(g.resolution(i, l).index == fresh.resolution(i, l).index);
        CHECK(g.resolution(i, l).fragment == fresh.resolution(i, l).fragment);
      }
    }
    for (size_t t = 0; t < n + 2; ++t) {
      CHECK(g.find("Alias " + std::to_string(t)) == fresh.find("Alias " + std::to_string(t)));
      CHECK(g.find("Note " + std::to_string(t)) == fresh.find("Note " + std::to_string(t)));
    }
  }
}

TEST_CASE("a new heading, title, alias or anchor is not a change patch() may take") {
  Page a = page("m/a.md", "A", {"Alias"}, {"One"});
  Page b = a;
  b.body += "more\n";
  CHECK(LinkGraph::same_targets(a, b));
  b.headings.push_back({2, "Two", "two", 5});
  CHECK_FALSE(LinkGraph::same_targets(a, b));
  b = a;
  b.title = "A2";
  CHECK_FALSE(LinkGraph::same_targets(a, b));
  b = a;
  b.meta.aliases.clear();
  CHECK_FALSE(LinkGraph::same_targets(a, b));
  b = a;
  b.body += "A note.[^n]\n\n[^n]: The footnote.\n";
  CHECK_FALSE(LinkGraph::same_targets(a, b));  // a new footnote id others may link to
  b = a;
  b.block_ids.push_back({"claim", 3, false});
  CHECK_FALSE(LinkGraph::same_targets(a, b));
}
