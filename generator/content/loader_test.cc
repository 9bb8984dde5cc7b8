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
  // Warnings, not errors: the good note builds; the others are left out, named.
  CHECK(diags.error_count() == 0);
  CHECK(diags.warning_count() == 2);
  CHECK(corpus.left_out == std::vector<std::string>{"bad1.md", "bad2.md"});
}

TEST_CASE("a vault whose every note is left out says so, as an error") {
  kb::testing::TempNotes t("kb-loader-test");
  t.write("bad.md", "---\ntitle: [\n---\n");
  Diagnostics diags;
  Corpus corpus = content::load(t.config(), diags);
  CHECK(corpus.pages.empty());
  CHECK(diags.report().find("no note could be read") != std::string::npos);
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

TEST_CASE("draft: true and publish: false leave a note out of the pages, with a record of it") {
  kb::testing::TempNotes t("kb-loader-drafts");
  t.write("index.md", "# Home\n");
  t.write("plans/secret.md", "---\ntitle: Secret plan\naliases: [Plan B]\ndraft: true\n---\nx\n");
  t.write("plans/hidden.md", "+++\npublish = false\n+++\n# Hidden\n");
  t.write("plans/quoted.md", "---\ndraft: \"Yes\"\n---\n# Quoted\n");
  t.write("plans/public.md", "---\ndraft: false\npublish: true\n---\n# Public\n");
  Config c = t.config();
  Diagnostics diags;
  Corpus corpus = content::load(c, diags);
  CHECK(diags.report().empty());
  REQUIRE(corpus.pages.size() == 2);
  CHECK(corpus.pages[0].source == "index.md");
  CHECK(corpus.pages[1].source == "plans/public.md");
  REQUIRE(corpus.unpublished.size() == 3);
  CHECK(corpus.unpublished[0].source == "plans/hidden.md");
  CHECK(corpus.unpublished[0].title == "Hidden");
  CHECK(corpus.unpublished[0].reason == "publish: false");
  CHECK(corpus.unpublished[1].source == "plans/quoted.md");
  CHECK(corpus.unpublished[1].reason == "draft: true");
  CHECK(corpus.unpublished[2].title == "Secret plan");
  CHECK(corpus.unpublished[2].stem == "secret");
  CHECK(corpus.unpublished[2].folder == "plans");
  CHECK(corpus.unpublished[2].aliases == std::vector<std::string>{"Plan B"});

  // --drafts: every note is a page.
  c.include_drafts = true;
  Diagnostics all;
  Corpus preview = content::load(c, all);
  CHECK(preview.pages.size() == 5);
  CHECK(preview.unpublished.empty());
}

TEST_CASE("a draft field that is neither true nor false is an error at its line") {
  Config c = config::defaults("/x");
  Diagnostics diags;
  auto p = content::parse_note("---\ntitle: T\ndraft: maybe\n---\nx\n", "t.md", "/x/notes/t.md", c, diags);
  CHECK_FALSE(p);
  CHECK(diags.report().find(":3:") != std::string::npos);
  CHECK(diags.report().find("'draft' must be true or false") != std::string::npos);
}

TEST_CASE("only drafts: the error says so") {
  kb::testing::TempNotes t("kb-loader-only-drafts");
  t.write("a.md", "---\ndraft: true\n---\n# A\n");
  Diagnostics diags;
  Corpus corpus = content::load(t.config(), diags);
  CHECK(corpus.pages.empty());
  CHECK(diags.report().find("every note is a draft") != std::string::npos);
}

TEST_CASE("README.md is its folder's index page unless the folder has an index.md") {
  kb::testing::TempNotes t("kb-loader-readme");
  t.write("README.md", "# My notes\n");
  t.write("net/readme.md", "Networking notes.\n");
  t.write("net/tcp.md", "# TCP\n");
  t.write("both/index.md", "# Both\n");
  t.write("both/README.md", "# Read me\n");
  t.write("draft-index/index.md", "---\ndraft: true\n---\n# Draft index\n");
  t.write("draft-index/README.md", "# Draft index readme\n");
  Diagnostics diags;
  Corpus corpus = content::load(t.config(), diags);
  CHECK(diags.report().empty());
  auto page = [&](const std::string& source) -> const Page& {
    for (const auto& p : corpus.pages)
      if (p.source == source) return p;
    FAIL("no page " << source);
    return corpus.pages.front();
  };
  CHECK(page("README.md").is_index);
  CHECK(page("README.md").url == "index.html");
  CHECK(page("README.md").title == "My notes");
  CHECK(page("net/readme.md").is_index);
  CHECK(page("net/readme.md").url == "net/index.html");
  CHECK(page("net/readme.md").title == "net");  // no title of its own: the folder's name
  CHECK(page("both/index.md").is_index);
  CHECK_FALSE(page("both/README.md").is_index);
  CHECK(page("both/README.md").url == "both/readme.html");
  CHECK(page("draft-index/README.md").is_index);  // the index.md is not published
}

TEST_CASE("a folder's index page keeps its URL when a note slugs to the same one") {
  kb::testing::TempNotes t("kb-loader-index-first");
  t.write("sub/Index.md", "# Capital\n");
  t.write("sub/index.md", "# Sub\n");
  Diagnostics diags;
  Corpus corpus = content::load(t.config(), diags);
  REQUIRE(corpus.pages.size() == 2);
  CHECK(corpus.pages[0].source == "sub/Index.md");
  CHECK(corpus.pages[0].url == "sub/index-2.html");
  CHECK(corpus.pages[1].url == "sub/index.html");
  CHECK(diags.report().find("already taken by") != std::string::npos);
}

TEST_CASE("the loader keeps each note's render for its page, and its plain text") {
  kb::testing::TempNotes t("kb-loader-prerender-test");
  t.write("a.md", "# A\n\nSee [[B]] and $x$.\n");
  t.write("b.md", "# B\n\nA U+0002 written as an entity: &#2;\n");
  Config c = t.config();
  Diagnostics diags;
  Corpus corpus = content::load(c, diags);
  REQUIRE(corpus.pages.size() == 2);
  REQUIRE(corpus.pages[0].prerendered);
  CHECK(corpus.pages[0].prerendered->plain == "A\nSee B and x.");
  // Text a skeleton cannot tell from its holes: the page is parsed to render.
  CHECK_FALSE(corpus.pages[1].prerendered);
  // A load whose pages are not rendered (kb check) keeps none.
  Corpus checked = content::load(c, diags, nullptr, false);
  REQUIRE(checked.pages.size() == 2);
  CHECK_FALSE(checked.pages[0].prerendered);
  // A note parsed on its own (tests, a watch session's edits) keeps none.
  auto one = content::parse_note("# A\n", "a.md", t.root / "notes/a.md", c, diags);
  REQUIRE(one);
  CHECK_FALSE(one->prerendered);
}

TEST_CASE("display_path shows control characters in a file name as escapes") {
  CHECK(kb::content::display_path("/x/a\nb\x1b[31m.md") == "/x/a\\x0ab\\x1b[31m.md");
  CHECK(kb::content::display_path("/x/plain é.md") == "/x/plain é.md");
}
