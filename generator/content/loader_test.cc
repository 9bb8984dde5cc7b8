#include "content/loader.h"

#include <catch2/catch.hpp>

#include "content/test_notes.h"

namespace fs = std::filesystem;
using namespace kb;

TEST_CASE("title comes from front matter, else the first H1, else the file name") {
  Config c = config::defaults("/x");
  Diagnostics diags;
  auto a = content::parse_note("---\ntitle: From FM\n---\n# From FM\n\nText.\n", "a.md", "/x/notes/a.md", c, diags);
  REQUIRE(a);
  CHECK(a->title == "From FM");
  CHECK(a->drop_leading_h1);
  auto b = content::parse_note("# From H1\n\nText.\n", "dir/b.md", "/x/notes/dir/b.md", c, diags);
  REQUIRE(b);
  CHECK(b->title == "From H1");
  CHECK(b->url == "dir/b.html");
  CHECK(b->folder == "dir");
  auto d = content::parse_note("Just text.\n", "My Note.md", "/x/notes/My Note.md", c, diags);
  REQUIRE(d);
  CHECK(d->title == "My Note");
  CHECK(d->url == "my-note.html");
  CHECK(d->summary == "Just text.");
  CHECK(diags.report().empty());
}

TEST_CASE("link and heading lines count from the top of the file, front matter included") {
  Config c = config::defaults("/x");
  Diagnostics diags;
  auto p = content::parse_note("---\ntitle: T\ntags: [a]\n---\n\n## Part\n\nSee [[Other]].\n", "t.md", "/x/notes/t.md", c, diags);
  REQUIRE(p);
  REQUIRE(p->links.size() == 1);
  CHECK(p->links[0].line == 8);
  CHECK(p->links[0].column == 5);
  REQUIRE(p->headings.size() == 1);
  CHECK(p->headings[0].line == 6);
}

TEST_CASE("the loader reads every note, copies other files and skips hidden ones") {
  kb::testing::TempNotes t("kb-loader-test");
  t.write("index.md", "# Home\n");
  t.write("a/One note.md", "# One\n[[Two]]\n");
  t.write("a/img/pic.png", "PNG");
  t.write("b/two.md", "---\ntitle: Two\n---\nx\n");
  t.write(".obsidian/workspace.md", "# hidden\n");
  t.write("drafts/wip.md", "# wip\n");
  Config c = t.config();
  c.exclude = {"drafts/**"};
  Diagnostics diags;
  Corpus corpus = content::load(c, diags);
  CHECK(diags.report().empty());
  REQUIRE(corpus.pages.size() == 3);
  CHECK(corpus.pages[0].source == "a/One note.md");
  CHECK(corpus.pages[0].url == "a/one-note.html");
  CHECK(corpus.pages[2].is_index);
  CHECK(corpus.pages[2].url == "index.html");
  REQUIRE(corpus.files.size() == 1);
  CHECK(corpus.files[0].url == "a/img/pic.png");
}

TEST_CASE("two files that slug to one URL both get pages, with a warning") {
  kb::testing::TempNotes t("kb-loader-test");
  t.write("A b.md", "x\n");
  t.write("a-b.md", "y\n");
  Diagnostics diags;
  Corpus corpus = content::load(t.config(), diags);
  REQUIRE(corpus.pages.size() == 2);
  CHECK(corpus.pages[0].url != corpus.pages[1].url);
  CHECK(diags.warning_count() == 1);
}

TEST_CASE("problems in many files are all reported, and good files still load") {
  kb::testing::TempNotes t("kb-loader-test");
  t.write("good.md", "# Good\n");
  t.write("bad1.md", "---\ntitle: [\n---\n");
  t.write("bad2.md", "ok \xFF\n");
  Diagnostics diags;
  Corpus corpus = content::load(t.config(), diags);
  CHECK(corpus.pages.size() == 1);
  CHECK(diags.error_count() == 2);
}

TEST_CASE("a missing or empty notes folder is an error that says what to do") {
  kb::testing::TempNotes t("kb-loader-test");
  Diagnostics diags;
  content::load(t.config(), diags);
  CHECK(diags.report().find("no notes found") != std::string::npos);
  Config c = t.config();
  c.notes_dir = t.root / "nope";
  Diagnostics d2;
  content::load(c, d2);
  CHECK(d2.report().find("notes folder not found") != std::string::npos);
}
