// What a published site has besides its pages: sitemap.xml, robots.txt,
// feed.xml (site/publish.h) and 404.html, end to end through `kb build`.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include <catch2/catch.hpp>

#include "run_kb.h"

namespace fs = std::filesystem;
using kb::testing::Run;
using kb::testing::slurp;

namespace {
std::string git(const fs::path& dir, const std::string& args, const std::string& env = "") {
  return kb::testing::run_git(dir, args, "Ada", env);
}

size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

fs::path scratch(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("kb-publish-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "notes/topic");
  std::ofstream(dir / "notes/a.md") << "---\nsummary: About A & more\n---\n# A\n\nSee [[B]].\n";
  std::ofstream(dir / "notes/topic/b.md") << "# B\n\nBack to [[A]].\n";
  std::ofstream(dir / "notes/topic/c d.md") << "---\ntags: [x]\n---\n# C\n\nText.\n";
  return dir;
}
}  // namespace

TEST_CASE("with a base_url: absolute sitemap, robots.txt naming it, Atom feed linked from every page") {
  fs::path dir = scratch("base");
  std::ofstream(dir / "site.toml") << "title = \"T & Co\"\nbase_url = \"https://me.github.io/kb\"\n";
  git(dir, "init -q -b main .");
  git(dir, "add notes/a.md site.toml");
  git(dir, "commit -q -m one", "GIT_AUTHOR_DATE=2024-01-02T10:00:00Z GIT_COMMITTER_DATE=2024-01-02T10:00:00Z");
  git(dir, "add -A");
  git(dir, "commit -q -m two");
  Run r = kb::testing::run_kb(dir, "build -q");
  INFO(r.output);
  REQUIRE(r.status == 0);

  std::string sitemap = slurp(dir / "_site/sitemap.xml");
  CHECK(sitemap.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">", 0) == 0);
  CHECK(sitemap.find("<loc>https://me.github.io/kb/a.html</loc>") != std::string::npos);
  CHECK(sitemap.find("<loc>https://me.github.io/kb/topic/c-d.html</loc>") != std::string::npos);
  CHECK(sitemap.find("<loc>https://me.github.io/kb/index.html</loc>") != std::string::npos);
  CHECK(sitemap.find("<loc>https://me.github.io/kb/topic/index.html</loc>") != std::string::npos);
  CHECK(sitemap.find("<loc>https://me.github.io/kb/tags/x.html</loc>") != std::string::npos);
  CHECK(sitemap.find("<loc>https://me.github.io/kb/all-notes.html</loc>") != std::string::npos);
  CHECK(sitemap.find("<loc>https://me.github.io/kb/a.html</loc><lastmod>2024-01-02</lastmod>") != std::string::npos);
  CHECK(sitemap.find("search.html") == std::string::npos);
  CHECK(sitemap.find("404.html") == std::string::npos);
  CHECK(sitemap.find("</urlset>\n") != std::string::npos);

  std::string robots = slurp(dir / "_site/robots.txt");
  CHECK(robots.find("User-agent: *") != std::string::npos);
  CHECK(robots.find("Sitemap: https://me.github.io/kb/sitemap.xml") != std::string::npos);

  std::string feed = slurp(dir / "_site/feed.xml");
  CHECK(feed.find("<feed xmlns=\"http://www.w3.org/2005/Atom\"") != std::string::npos);
  CHECK(feed.find("<id>https://me.github.io/kb/</id>") != std::string::npos);
  CHECK(feed.find("<title>T &amp; Co</title>") != std::string::npos);
  CHECK(feed.find("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://me.github.io/kb/feed.xml\"/>") !=
        std::string::npos);
  CHECK(count(feed, "<entry>") == 3);
  CHECK(count(feed, "<updated>") == 4);
  CHECK(feed.find("<id>https://me.github.io/kb/a.html</id>") != std::string::npos);
  CHECK(feed.find("<summary type=\"text\">About A &amp; more</summary>") != std::string::npos);
  CHECK(feed.find("<author><name>Ada</name></author>") != std::string::npos);
  // Newest first: a.md (committed first, in 2024) is the last entry.
  CHECK(feed.find("kb/a.html</id>") > feed.find("kb/topic/b.html</id>"));
  CHECK(std::regex_search(feed, std::regex("<updated>\\d{4}-\\d\\d-\\d\\dT00:00:00Z</updated>")));
  CHECK(feed.find("<updated>2024-01-02T00:00:00Z</updated>") != std::string::npos);

  // Every page links the feed from its <head>.
  const char* link =
      "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"T &amp; Co\" href=\"https://me.github.io/kb/feed.xml\">";
  for (const char* page : {"index.html", "a.html", "topic/b.html", "tags/index.html", "all-notes.html"}) {
    INFO(page);
    std::string html = slurp(dir / "_site" / page);
    CHECK(html.find(link) != std::string::npos);
    CHECK(html.find(link) < html.find("</head>"));
  }
  fs::remove_all(dir);
}

TEST_CASE("without a base_url: no sitemap, no feed, robots.txt names none, no history: empty feed") {
  fs::path dir = scratch("nobase");
  std::ofstream(dir / "site.toml") << "title = \"T\"\n";
  Run r = kb::testing::run_kb(dir, "build -q");
  INFO(r.output);
  REQUIRE(r.status == 0);
  CHECK(r.output.find("sitemap") == std::string::npos);
  CHECK(!fs::exists(dir / "_site/sitemap.xml"));
  CHECK(!fs::exists(dir / "_site/feed.xml"));
  std::string robots = slurp(dir / "_site/robots.txt");
  CHECK(robots.find("User-agent: *") != std::string::npos);
  CHECK(robots.find("Sitemap") == std::string::npos);
  CHECK(slurp(dir / "_site/index.html").find("application/atom+xml") == std::string::npos);

  // A base_url but no git history: a valid feed without entries.
  std::ofstream(dir / "site.toml") << "title = \"T\"\nbase_url = \"https://notes.example.com/\"\n";
  r = kb::testing::run_kb(dir, "build -q");
  REQUIRE(r.status == 0);
  std::string feed = slurp(dir / "_site/feed.xml");
  CHECK(feed.find("<id>https://notes.example.com/</id>") != std::string::npos);
  CHECK(count(feed, "<entry>") == 0);
  CHECK(count(feed, "<updated>") == 1);
  CHECK(slurp(dir / "_site/sitemap.xml").find("<loc>https://notes.example.com/a.html</loc>") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("404.html: a <base> at the site root, absolute links with a base_url, else a script finds the root") {
  fs::path dir = scratch("404");
  std::ofstream(dir / "site.toml") << "title = \"T\"\nbase_url = \"https://me.github.io/kb\"\n";
  Run r = kb::testing::run_kb(dir, "build -q");
  INFO(r.output);
  REQUIRE(r.status == 0);
  std::string page = slurp(dir / "_site/404.html");
  CHECK(page.find("<title>Page not found — T</title>") != std::string::npos);
  CHECK(page.find("<base href=\"https://me.github.io/kb/\">") != std::string::npos);
  CHECK(page.find("<base href") < page.find("<link rel=\"stylesheet\""));
  CHECK(page.find("href=\"https://me.github.io/kb/assets/style.css\"") != std::string::npos);
  CHECK(page.find("href=\"https://me.github.io/kb/all-notes.html\"") != std::string::npos);
  CHECK(page.find("class=\"kind-not-found\"") != std::string::npos);
  CHECK(page.find("decodeURIComponent") == std::string::npos);  // no guessing needed
  CHECK(slurp(dir / "_site/sitemap.xml").find("404.html") == std::string::npos);

  std::ofstream(dir / "site.toml") << "title = \"T\"\n";
  r = kb::testing::run_kb(dir, "build -q");
  REQUIRE(r.status == 0);
  page = slurp(dir / "_site/404.html");
  CHECK(page.find("<base href=") == std::string::npos);
  // The script knows the root's folders, and runs before any stylesheet loads.
  CHECK(page.find("[\"assets\",\"search\",\"tags\",\"topic\"]") != std::string::npos);
  CHECK(page.find("document.createElement('base')") < page.find("<link rel=\"stylesheet\""));
  CHECK(page.find("href=\"assets/style.css\"") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("kb build --base-url gives a site without one its sitemap and feed, and refuses a relative URL") {
  fs::path dir = scratch("flag");
  std::ofstream(dir / "site.toml") << "title = \"T\"\n";
  std::ofstream(dir / "notes/f.md") << "---\nkind: formula\n---\n# F\n\n$x^2$\n";
  Run r = kb::testing::run_kb(dir, "build -q --base-url https://user.github.io/notes/");
  INFO(r.output);
  REQUIRE(r.status == 0);
  std::string sitemap = slurp(dir / "_site/sitemap.xml");
  CHECK(sitemap.find("<loc>https://user.github.io/notes/a.html</loc>") != std::string::npos);
  CHECK(sitemap.find("<loc>https://user.github.io/notes/formulas.html</loc>") != std::string::npos);
  CHECK(fs::exists(dir / "_site/feed.xml"));

  Run bad = kb::testing::run_kb(dir, "build -q --base-url user.github.io/notes");
  CHECK(bad.status == 1);
  CHECK(bad.output.find("--base-url: error: \"user.github.io/notes\" is not an absolute http(s) URL") !=
        std::string::npos);
  fs::remove_all(dir);
}
