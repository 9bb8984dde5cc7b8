#include "site/reserved_urls.h"

#include <catch2/catch.hpp>

using namespace kb;
using kb::site::ReservedUrls;

namespace {

Page note(const std::string& source, const std::string& url, std::vector<std::string> tags = {}) {
  Page p;
  p.source = source;
  p.file = "/notes/" + source;
  size_t slash = source.rfind('/');
  p.folder = slash == std::string::npos ? "" : source.substr(0, slash);
  p.stem = source.substr(slash == std::string::npos ? 0 : slash + 1);
  p.stem.resize(p.stem.rfind('.'));
  p.is_index = p.stem == "index";
  p.url = url;
  p.meta.tags = std::move(tags);
  return p;
}

StaticFile file(const std::string& source, const std::string& url) { return {source, "/notes/" + source, url}; }

Config site_config() { return config::defaults("/site"); }

}  // namespace

TEST_CASE("reserved URLs: the pages and files kb writes for a corpus") {
  Corpus c;
  c.pages.push_back(note("index.md", "index.html", {"c++", "c#", "Component"}));
  c.pages.push_back(note("Data Engineering/s3.md", "data-engineering/s3.html"));
  c.pages.push_back(note("a/b/c.md", "a/b/c.html"));
  ReservedUrls r = site::reserved_urls(site_config(), c, {"assets/style.css", "assets/search/ui.js"}, true);

  CHECK(r.owner("tags/index.html") == "the tags index");
  CHECK(r.owner("tags/c.html") == "the page of the tag #c#");  // names in order: "c#" < "c++"
  CHECK(r.owner("tags/c-2.html") == "the page of the tag #c++");
  CHECK(r.owner("tags/component.html") == "the page of the tag #Component");
  CHECK(r.owner("tags/other.html").empty());
  CHECK(r.owner("all-notes.html") == "the list of all notes");
  CHECK(r.owner("search.html") == "the search page");
  CHECK(r.owner("404.html") == "the page for missing URLs (404)");
  CHECK(r.owner("robots.txt") == "robots.txt");
  CHECK(r.owner("sitemap.xml").empty());  // no base_url: no sitemap, no feed
  CHECK(r.owner("feed.xml").empty());
  CHECK(r.owner("formulas.html").empty());  // no formula notes: no formula index
  CHECK(r.owner("assets/style.css") == "the theme's assets/style.css");
  CHECK(r.owner("assets/search/ui.js") == "the theme's assets/search/ui.js");
  CHECK(r.owner("assets/katex/katex.min.css").empty());  // no math
  CHECK(r.owner("assets/plot.css").empty());             // no demos
  CHECK(r.owner("review.html").empty());                 // no flashcards
  CHECK(r.owner("exam.html").empty());                   // no practice questions
  CHECK(r.owner("graph.html") == "the graph of the notes");
  CHECK(r.owner("assets/graph/site.js") == "the graph of the notes (assets/graph/)");
  CHECK(r.owner("assets/notes/a/b/c.js") == "the notes' previews and local graphs (assets/notes/)");

  // Folder pages: every folder holding a note and every folder above it.
  CHECK(r.owner("index.html") == "the home page");
  CHECK(r.owner("index.html", true).empty());
  CHECK(r.owner("data-engineering/index.html") == "the page of the folder data-engineering/");
  CHECK(r.owner("a/index.html") == "the page of the folder a/");
  CHECK(r.owner("a/b/index.html", true).empty());
  CHECK(r.owner("x/index.html").empty());

  // The search index: its files, not every file under search/.
  CHECK(r.owner("search/meta.js") == "the browser's search index (search/)");
  CHECK(r.owner("search/t/ab.js") == "the browser's search index (search/)");
  CHECK(r.owner("search/t/_c3.js") == "the browser's search index (search/)");
  CHECK(r.owner("search/d/12.js") == "the browser's search index (search/)");
  CHECK(r.owner("search/t/ab-2.js").empty());
  CHECK(r.owner("search/p/ab-2.js") == "the browser's search index (search/)");
  CHECK(r.owner("search/p/_c3-0.js") == "the browser's search index (search/)");
  CHECK(r.owner("search/p/ab.2.js").empty());
  CHECK(r.owner("search/d/x.js").empty());
  CHECK(r.owner("search/notes.html").empty());
  CHECK(r.owner(".kb-index/x.html").empty());  // the search database is not in the site

  ReservedUrls no_search = site::reserved_urls(site_config(), c, {}, false);
  CHECK(no_search.owner("search.html").empty());
  CHECK(no_search.owner("search/meta.js").empty());
}

TEST_CASE("reserved URLs: formulas, math, demos, cards, questions and a base_url add theirs") {
  Corpus c;
  c.pages.push_back(note("f1.md", "f1.html"));
  c.pages[0].meta.kind = "formula";
  c.pages[0].formulas.push_back({"x", false, 1, 1});
  c.pages[0].blocks.push_back({"kernel = \"kmeans\"", 1, 1});
  c.pages[0].card_note = true;
  c.pages[0].quizzes.emplace_back();
  Config with_base = site_config();
  with_base.base_url = "https://example.org/kb";
  ReservedUrls r = site::reserved_urls(with_base, c, {}, true);
  CHECK(r.owner("formulas.html") == "the formula index");
  CHECK(r.owner("sitemap.xml") == "the sitemap");
  CHECK(r.owner("feed.xml") == "the Atom feed");
  CHECK(r.owner("assets/katex/katex.min.css") == "KaTeX's assets/katex/katex.min.css");
  CHECK(r.owner("assets/plot.css") == "the demos' assets/plot.css");
  CHECK(r.owner("review.html") == "the flashcards' review page");
  CHECK(r.owner("exam.html") == "the practice exam");
}

TEST_CASE("notes and files at reserved URLs get numbered URLs, with a warning naming the page") {
  Corpus c;
  c.pages.push_back(note("404.md", "404.html"));
  c.pages.push_back(note("all-notes.md", "all-notes.html"));
  c.pages.push_back(note("All notes.md", "all-notes-2.html"));  // the loader already numbered this one
  c.pages.push_back(note("index.md", "index.html"));
  c.pages.push_back(note("sub/Index.md", "sub/index.html"));
  c.pages.push_back(note("tags/component.md", "tags/component.html", {"component"}));
  c.pages.push_back(note("tags/index.md", "tags/index.html"));
  c.pages.push_back(note("sub/a.md", "sub/a.html"));
  c.files.push_back(file("404.html", "404.html"));
  c.files.push_back(file("assets/style.css", "assets/style.css"));
  c.files.push_back(file("search/meta.js", "search/meta.js"));
  c.files.push_back(file("sub/a.html", "sub/a.html"));  // a note's page
  c.files.push_back(file("img/ok.png", "img/ok.png"));
  Diagnostics diags;
  size_t renamed = site::avoid_reserved_urls(c, site::reserved_urls(site_config(), c, {"assets/style.css"}, true), diags);
  CHECK(renamed == 9);
  CHECK(c.pages[0].url == "404-2.html");
  CHECK(c.pages[1].url == "all-notes-3.html");  // -2 is taken
  CHECK(c.pages[2].url == "all-notes-2.html");
  CHECK(c.pages[3].url == "index.html");        // the home page's own introduction
  CHECK(c.pages[4].url == "sub/index-2.html");  // not sub/'s index page
  CHECK(c.pages[5].url == "tags/component-2.html");
  CHECK(c.pages[6].url == "tags/index-2.html");  // an index page, but the tags index is kb's
  CHECK(c.pages[7].url == "sub/a.html");
  CHECK(c.files[0].url == "404-3.html");
  CHECK(c.files[1].url == "assets/style-2.css");
  CHECK(c.files[2].url == "search/meta-2.js");
  CHECK(c.files[3].url == "sub/a-2.html");
  CHECK(c.files[4].url == "img/ok.png");
  CHECK_FALSE(diags.has_errors());
  std::string report = diags.report();
  INFO(report);
  CHECK(report.find("/notes/all-notes.md: warning: its page URL all-notes.html is where kb writes the list of all "
                    "notes; using all-notes-3.html (rename the file to choose another URL)") != std::string::npos);
  CHECK(report.find("/notes/tags/component.md: warning: its page URL tags/component.html is where kb writes the "
                    "page of the tag #component; using tags/component-2.html") != std::string::npos);
  CHECK(report.find("/notes/assets/style.css: warning: its URL assets/style.css is where kb writes the theme's "
                    "assets/style.css; copying it to assets/style-2.css instead") != std::string::npos);
  CHECK(report.find("/notes/sub/a.html: warning: its URL sub/a.html is where kb writes the page of /notes/sub/a.md; "
                    "copying it to sub/a-2.html instead") != std::string::npos);
  CHECK(report.find("/notes/sub/Index.md: warning: its page URL sub/index.html is where kb writes the page of the "
                    "folder sub/; using sub/index-2.html") != std::string::npos);
  CHECK(diags.warning_count() == 9);  // tags/ has an index page: no warning about the folder
}

TEST_CASE("a notes folder whose page kb writes as another page is told it has none") {
  Corpus c;
  c.pages.push_back(note("tags/mine.md", "tags/mine.html"));
  Diagnostics diags;
  CHECK(site::avoid_reserved_urls(c, site::reserved_urls(site_config(), c, {}, true), diags) == 0);
  CHECK(diags.report() ==
        "/notes/tags: warning: this folder's page URL tags/index.html is where kb writes the tags index, so the "
        "folder gets no page of its own: add an index.md to it for one\n");
}

TEST_CASE("a note under .kb-index/ keeps its URL: the search database is not in the site") {
  Corpus c;
  c.pages.push_back(note("x/a.md", ".kb-index/a.html"));
  Diagnostics diags;
  site::avoid_reserved_urls(c, site::reserved_urls(site_config(), c, {}, true), diags);
  CHECK(diags.report().empty());
  CHECK(c.pages[0].url == ".kb-index/a.html");
}
