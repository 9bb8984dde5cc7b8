#include "render/renderer.h"

#include <atomic>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "render/test_site.h"

namespace kb::render {
namespace {

namespace fs = std::filesystem;
using testing::make_test_site;
using testing::TestSite;

Renderer make_renderer(const Config& config) {
  Diagnostics diags;
  auto r = Renderer::create(config, diags);
  INFO(diags.report());
  REQUIRE(r);
  return std::move(*r);
}

std::vector<std::string> attr_values(const std::string& html, const std::string& attr) {
  std::vector<std::string> out;
  std::regex re("\\s" + attr + "=\"([^\"]*)\"");
  for (std::sregex_iterator it(html.begin(), html.end(), re), end; it != end; ++it)
    out.push_back((*it)[1]);
  return out;
}

// Text between the first `open` and the next `close` after it.
std::string section(const std::string& html, const std::string& open, const std::string& close) {
  size_t a = html.find(open);
  if (a == std::string::npos) return {};
  size_t b = html.find(close, a);
  return html.substr(a, b == std::string::npos ? std::string::npos : b + close.size() - a);
}

bool contains(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

// Every page of the site, keyed by its URL.
std::vector<std::pair<std::string, std::string>> render_all(const TestSite& s, const Renderer& r) {
  std::vector<std::pair<std::string, std::string>> out;
  const SiteModel& m = s.model;
  for (size_t p : m.reading_order) out.emplace_back(s.corpus.pages[p].url, r.note(m, p, "<p>Body</p>"));
  out.emplace_back("index.html", r.home(m, "<p>Welcome</p>"));
  for (size_t f = 1; f < m.folders.size(); ++f) out.emplace_back(m.folders[f].url, r.folder(m, f, ""));
  for (const auto& [name, tag] : m.tags) out.emplace_back(tag.url, r.tag(m, name));
  out.emplace_back(kTagsIndexUrl, r.tags_index(m));
  out.emplace_back(kAllNotesUrl, r.all_notes(m));
  return out;
}

TEST_CASE("every href and src is relative, with an explicit .html, a #fragment or an asset") {
  auto s = make_test_site();
  Renderer r = make_renderer(s->config);
  for (const auto& [url, html] : render_all(*s, r)) {
    INFO(url);
    CHECK(contains(html, "<!doctype html>"));
    auto refs = attr_values(html, "href");
    auto srcs = attr_values(html, "src");
    refs.insert(refs.end(), srcs.begin(), srcs.end());
    CHECK(refs.size() > 5);
    for (const auto& h : refs) {
      INFO(h);
      CHECK_FALSE(h.empty());
      CHECK(h[0] != '/');
      CHECK_FALSE(contains(h, "://"));
      std::string path = h.substr(0, h.find('#'));
      bool ok = h[0] == '#' || (path.size() > 5 && path.substr(path.size() - 5) == ".html") ||
                contains(path, "assets/");
      CHECK(ok);
    }
  }
}

TEST_CASE("links from a page two folders deep climb two levels") {
  auto s = make_test_site();
  Renderer r = make_renderer(s->config);
  std::string html = r.note(s->model, s->page("modeling/metrics/f1 score.md"), "");
  CHECK(contains(html, "href=\"../../assets/style.css\""));
  CHECK(contains(html, "src=\"../../assets/kb.js\""));
  CHECK(contains(html, "class=\"site-title\" href=\"../../index.html\""));
  for (const auto& h : attr_values(html, "href")) {
    INFO(h);
    // Fragments, siblings in modeling/metrics/ and pages of modeling/ aside,
    // every link climbs to the root.
    if (h[0] == '#' || h.find('/') == std::string::npos) continue;
    if (h == "../index.html" || h == "../xgboost.html") continue;
    CHECK(h.rfind("../../", 0) == 0);
  }
  CHECK(contains(html, "href=\"../../data/kinesis.html\""));
  CHECK(contains(html, "href=\"../../tags/metrics.html\""));
}

TEST_CASE("breadcrumbs: Home, each folder, then the page") {
  auto s = make_test_site();
  Renderer r = make_renderer(s->config);
  std::string html = r.note(s->model, s->page("modeling/metrics/f1 score.md"), "");
  std::string crumbs = section(html, "<nav class=\"breadcrumbs\"", "</nav>");
  REQUIRE_FALSE(crumbs.empty());
  size_t home = crumbs.find("<a href=\"../../index.html\">Home</a>");
  size_t modeling = crumbs.find("<a href=\"../index.html\">Modeling</a>");
  size_t metrics = crumbs.find("<a href=\"index.html\">metrics</a>");
  size_t self = crumbs.find("<span aria-current=\"page\">F1 score</span>");
  CHECK(home < modeling);
  CHECK(modeling < metrics);
  CHECK(metrics < self);
  CHECK(self != std::string::npos);

  std::string folder = r.folder(s->model, s->model.folder_by_path.at("modeling/metrics"), "");
  crumbs = section(folder, "<nav class=\"breadcrumbs\"", "</nav>");
  CHECK(contains(crumbs, "<a href=\"../index.html\">Modeling</a>"));
  CHECK(contains(crumbs, "<span aria-current=\"page\">metrics</span>"));
  CHECK_FALSE(contains(crumbs, "<a href=\"index.html\">metrics</a>"));

  CHECK_FALSE(contains(r.home(s->model, ""), "class=\"breadcrumbs\""));
}

TEST_CASE("previous and next follow the reading order") {
  auto s = make_test_site();
  Renderer r = make_renderer(s->config);
  std::string precision = r.note(s->model, s->page("modeling/metrics/precision.md"), "");
  std::string pn = section(precision, "<nav class=\"prev-next\"", "</nav>");
  CHECK(contains(pn, "rel=\"prev\" href=\"../xgboost.html\""));
  CHECK(contains(pn, "XGBoost"));
  CHECK(contains(pn, "rel=\"next\" href=\"f1-score.html\""));

  std::string first = r.note(s->model, s->page("intro.md"), "");
  pn = section(first, "<nav class=\"prev-next\"", "</nav>");
  CHECK_FALSE(contains(pn, "rel=\"prev\""));
  CHECK(contains(pn, "rel=\"next\" href=\"data/kinesis.html\""));

  std::string last = r.note(s->model, s->page("modeling/metrics/f1 score.md"), "");
  pn = section(last, "<nav class=\"prev-next\"", "</nav>");
  CHECK(contains(pn, "rel=\"prev\" href=\"precision.html\""));
  CHECK_FALSE(contains(pn, "rel=\"next\""));
}

TEST_CASE("backlinks are listed with their summaries") {
  auto s = make_test_site();
  Renderer r = make_renderer(s->config);
  std::string html = r.note(s->model, s->page("modeling/metrics/f1 score.md"), "");
  std::string back = section(html, "<section class=\"backlinks\"", "</section>");
  CHECK(contains(back, "Linked from"));
  CHECK(contains(back, "<a href=\"precision.html\">Precision</a>"));
  CHECK(contains(back, "Of the predicted positives, how many are."));
  CHECK(contains(back, "<a href=\"../xgboost.html\">XGBoost</a>"));

  std::string none = r.note(s->model, s->page("data/kinesis.md"), "");
  CHECK_FALSE(contains(none, "class=\"backlinks\""));
}

TEST_CASE("tag pages list their notes, the tags index counts them") {
  auto s = make_test_site();
  Renderer r = make_renderer(s->config);
  std::string html = r.tag(s->model, "metrics");
  CHECK(contains(html, "<title>Tag: metrics — Study &lt;Guide&gt;</title>"));
  std::string list = section(html, "<ul class=\"note-list\">", "</ul>");
  size_t f1 = list.find("<a href=\"../modeling/metrics/f1-score.html\">F1 score</a>");
  size_t precision = list.find("<a href=\"../modeling/metrics/precision.html\">Precision</a>");
  CHECK(f1 < precision);
  CHECK(precision != std::string::npos);
  CHECK(contains(list, "Harmonic mean of precision and recall."));

  std::string index = r.tags_index(s->model);
  CHECK(contains(index, "href=\"metrics.html\">#metrics <span class=\"count\">2</span>"));
  CHECK(contains(index, "href=\"basics.html\">#basics <span class=\"count\">1</span>"));

  // A note's tags link to their pages.
  std::string note = r.note(s->model, s->page("modeling/metrics/f1 score.md"), "");
  CHECK(contains(note, "<a class=\"tag\" href=\"../../tags/classification.html\">#classification</a>"));
}

TEST_CASE("the navigation tree opens the current folder and marks the current page") {
  auto s = make_test_site();
  Renderer r = make_renderer(s->config);
  std::string html = r.note(s->model, s->page("modeling/metrics/f1 score.md"), "");
  std::string nav = section(html, "<nav id=\"site-nav\"", "</nav>");
  CHECK(contains(nav, "<a href=\"f1-score.html\" aria-current=\"page\">F1 score</a>"));
  CHECK(contains(nav, "<a href=\"precision.html\">Precision</a>"));
  // A folder's name opens it; its page is the Overview entry inside.
  CHECK(contains(nav, "<details open><summary><span class=\"nav-name\">Modeling</span>"));
  CHECK(contains(nav, "<li class=\"nav-overview\"><a href=\"../index.html\">Overview</a></li>"));
  CHECK(contains(nav, "<details open><summary><span class=\"nav-name\">metrics</span>"));
  CHECK(contains(nav, "<li class=\"nav-overview\"><a href=\"index.html\">Overview</a></li>"));
  CHECK(contains(nav, "<details><summary><span class=\"nav-name\">data</span>"));
  CHECK(contains(nav, "<li class=\"nav-overview\"><a href=\"../../data/index.html\">Overview</a></li>"));
  // Small site: every note is listed, even in closed folders.
  CHECK(contains(nav, "<a href=\"../../data/kinesis.html\">Kinesis</a>"));
  size_t current = 0, pos = 0;
  while ((pos = nav.find("aria-current", pos)) != std::string::npos) { ++current; ++pos; }
  CHECK(current == 1);

  std::string folder = r.folder(s->model, s->model.folder_by_path.at("data"), "");
  nav = section(folder, "<nav id=\"site-nav\"", "</nav>");
  CHECK(contains(nav, "<details open><summary><span class=\"nav-name\">data</span>"));
  CHECK(contains(nav, "<li class=\"nav-overview\"><a href=\"index.html\" aria-current=\"page\">Overview</a></li>"));

  std::string home = r.home(s->model, "");
  nav = section(home, "<nav id=\"site-nav\"", "</nav>");
  CHECK(contains(nav, "<a href=\"index.html\" aria-current=\"page\">Home</a>"));
}

TEST_CASE("titles, summaries and site settings are HTML-escaped, bodies are not") {
  auto s = make_test_site();
  Renderer r = make_renderer(s->config);
  std::string html = r.note(s->model, s->page("intro.md"), "<p>raw <em>body</em></p>");
  CHECK(contains(html, "<title>Intro &lt;b&gt;&amp;&lt;/b&gt; basics — Study &lt;Guide&gt;</title>"));
  CHECK(contains(html, "<h1>Intro &lt;b&gt;&amp;&lt;/b&gt; basics</h1>"));
  CHECK(contains(html, "<meta name=\"description\" content=\"Where to start &lt;here&gt;.\">"));
  CHECK_FALSE(contains(html, "<b>&</b>"));
  CHECK_FALSE(contains(html, "Study <Guide>"));
  CHECK(contains(html, "<p>raw <em>body</em></p>"));

  std::string home = r.home(s->model, "");
  CHECK(contains(home, "<title>Study &lt;Guide&gt;</title>"));
  CHECK(contains(home, "Notes &amp; more"));
}

TEST_CASE("table of contents: headings of levels 2 and 3") {
  auto s = make_test_site();
  Renderer r = make_renderer(s->config);
  std::string html = r.note(s->model, s->page("modeling/metrics/f1 score.md"), "");
  std::string toc = section(html, "<aside class=\"toc toc-side\"", "</aside>");
  CHECK(contains(toc, "<li class=\"toc-l2\"><a href=\"#definition\">Definition</a></li>"));
  CHECK(contains(toc, "<li class=\"toc-l3\"><a href=\"#worked-example\">Worked &lt;example&gt;</a></li>"));
  CHECK(contains(toc, "href=\"#pitfalls\""));
  CHECK_FALSE(contains(toc, "too-deep"));
  CHECK_FALSE(contains(toc, "#f1-score"));
  CHECK(contains(html, "layout has-toc"));
  CHECK_FALSE(contains(r.note(s->model, s->page("data/kinesis.md"), ""), "toc-side"));
}

TEST_CASE("home page: domains with weights and their notes, folders, the root body") {
  auto s = make_test_site();
  Renderer r = make_renderer(s->config);
  std::string html = r.home(s->model, "<p>Welcome aboard</p>");
  std::string modeling = section(html, "<section class=\"card domain\" id=\"domain-modeling\">", "</section>");
  CHECK(contains(modeling, "<h3>Modeling</h3>"));
  CHECK(contains(modeling, "style=\"width: 36%\""));
  CHECK(contains(modeling, "36% of the exam · 2 notes"));
  CHECK(contains(modeling, "<a href=\"intro.html\">Intro &lt;b&gt;&amp;&lt;/b&gt; basics</a>"));
  CHECK(contains(modeling, "<a href=\"modeling/metrics/f1-score.html\">F1 score</a>"));
  CHECK(contains(html, "<a href=\"data/kinesis.html\">Kinesis</a>"));
  CHECK(contains(html, "<a class=\"card-title\" href=\"modeling/index.html\">Modeling</a>"));
  CHECK(contains(html, "Training models."));
  CHECK(contains(html, "<p>Welcome aboard</p>"));
}

TEST_CASE("folder page: body, sub-folders and notes with summaries") {
  auto s = make_test_site();
  Renderer r = make_renderer(s->config);
  std::string html = r.folder(s->model, s->model.folder_by_path.at("modeling"), "<p>Models!</p>");
  CHECK(contains(html, "<title>Modeling — Study &lt;Guide&gt;</title>"));
  CHECK(contains(html, "<p>Models!</p>"));
  CHECK(contains(html, "<a class=\"card-title\" href=\"metrics/index.html\">metrics</a>"));
  std::string notes = section(html, "<section aria-labelledby=\"notes-title\">", "</section>");
  CHECK(contains(notes, "<a href=\"xgboost.html\">XGBoost</a>"));
  CHECK_FALSE(contains(notes, "Precision"));  // notes of sub-folders are on their own page
}

TEST_CASE("all-notes page: A to Z, grouped by first letter") {
  auto s = make_test_site();
  Renderer r = make_renderer(s->config);
  std::string html = r.all_notes(s->model);
  std::vector<std::string> letters;
  std::regex re("<h2 id=\"letter-[^\"]*\">([^<]*)</h2>");
  for (std::sregex_iterator it(html.begin(), html.end(), re), end; it != end; ++it)
    letters.push_back((*it)[1]);
  CHECK(letters == std::vector<std::string>{"F", "I", "K", "P", "X"});
  CHECK(contains(html, "<a href=\"#letter-k\">K</a>"));
  CHECK(contains(html, "<a href=\"modeling/metrics/f1-score.html\">F1 score</a>"));
}

TEST_CASE("assets: the embedded theme") {
  auto s = make_test_site();
  Renderer r = make_renderer(s->config);
  std::vector<std::string> urls;
  for (const auto& f : r.assets()) urls.push_back(f.url);
  CHECK(std::find(urls.begin(), urls.end(), "assets/style.css") != urls.end());
  CHECK(std::find(urls.begin(), urls.end(), "assets/kb.js") != urls.end());
  CHECK(std::find(urls.begin(), urls.end(), "assets/favicon.svg") != urls.end());
}

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           ("kb-render-test-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(path);
  }
  ~TempDir() { std::error_code ec; fs::remove_all(path, ec); }
  void write(const std::string& rel, const std::string& text) const {
    fs::create_directories((path / rel).parent_path());
    std::ofstream(path / rel, std::ios::binary) << text;
  }
};

TEST_CASE("a site's templates and assets override kb's own") {
  auto s = make_test_site();
  TempDir dir;
  dir.write("templates/footer.mustache", "<footer>custom footer for {{site_title}}</footer></body></html>\n");
  dir.write("templates/extra/badge.mustache", "<b class=\"badge\">{{count}}</b>");
  dir.write("templates/tag.mustache", "{{> head}}<h1>{{tag}}</h1>{{> extra/badge}}{{> footer}}");
  dir.write("assets/style.css", "body { color: red }");
  dir.write("assets/img/logo.svg", "<svg/>");
  s->config.templates_dir = dir.path / "templates";
  s->config.assets_dir = dir.path / "assets";
  Renderer r = make_renderer(s->config);

  std::string note = r.note(s->model, s->page("intro.md"), "");
  CHECK(contains(note, "<footer>custom footer for Study &lt;Guide&gt;</footer>"));
  CHECK_FALSE(contains(note, "Built with kb"));
  std::string tag = r.tag(s->model, "metrics");
  CHECK(contains(tag, "<h1>metrics</h1><b class=\"badge\">2</b><footer>"));

  std::map<std::string, std::string> assets;
  for (const auto& f : r.assets()) assets[f.url] = f.content;
  CHECK(assets["assets/style.css"] == "body { color: red }");
  CHECK(assets["assets/img/logo.svg"] == "<svg/>");
  CHECK(assets.count("assets/kb.js"));  // not overridden: kb's own
}

TEST_CASE("a template that does not compile is an error naming its file") {
  auto s = make_test_site();
  TempDir dir;
  dir.write("note.mustache", "{{> head}}\n<h1>{{title}}</h1>\n{{#tags}}<a>{{name}}</a>\n{{> footer}}\n");
  s->config.templates_dir = dir.path;
  Diagnostics diags;
  auto r = Renderer::create(s->config, diags);
  CHECK_FALSE(r);
  std::string report = diags.report();
  INFO(report);
  CHECK(contains(report, (dir.path / "note.mustache").generic_string() + ":3:"));
  CHECK(contains(report, "tags"));
  CHECK(diags.has_errors());
}

TEST_CASE("an unknown partial is an error at its line") {
  auto s = make_test_site();
  TempDir dir;
  dir.write("tags.mustache", "{{> head}}\n{{> sidebar }}\n{{> footer}}\n");
  s->config.templates_dir = dir.path;
  Diagnostics diags;
  CHECK_FALSE(Renderer::create(s->config, diags));
  std::string report = diags.report();
  INFO(report);
  CHECK(contains(report, (dir.path / "tags.mustache").generic_string() + ":2:1: error: unknown partial \"sidebar\""));
}

TEST_CASE("a partial that includes itself is an error, not a hang") {
  auto s = make_test_site();
  TempDir dir;
  dir.write("footer.mustache", "<p>{{> footer}}</p>");
  s->config.templates_dir = dir.path;
  Diagnostics diags;
  CHECK_FALSE(Renderer::create(s->config, diags));
  CHECK(contains(diags.report(), "footer.mustache"));
}

TEST_CASE("rendering from many threads gives the same pages") {
  auto s = make_test_site();
  Renderer r = make_renderer(s->config);
  auto expected = render_all(*s, r);
  // A fresh renderer, so the threads also race to fill its caches.
  Renderer fresh = make_renderer(s->config);
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int round = 0; round < 20; ++round)
        if (render_all(*s, fresh) != expected) ++mismatches;
    });
  }
  for (auto& t : threads) t.join();
  CHECK(mismatches == 0);
}

// A generated site: `notes` notes spread over `folders` folders (two levels).
struct BigSite {
  Config config;
  Corpus corpus;
  Diagnostics diags;
  LinkGraph graph;
  SiteModel model;
};

std::unique_ptr<BigSite> make_big_site(size_t notes, size_t folders) {
  auto s = std::make_unique<BigSite>();
  s->config.title = "Big";
  s->config.domains = {{"modeling", "Modeling", 36}};
  std::vector<Page> pages;
  for (size_t i = 0; i < notes; ++i) {
    size_t f = i % folders;
    std::string folder = "group-" + std::to_string(f / 10) + "/folder-" + std::to_string(f);
    std::string stem = "note-" + std::to_string(i);
    Page p = testing::make_page(folder + "/" + stem + ".md", "Note " + std::to_string(i),
                                folder + "/" + stem + ".html");
    p.summary = "Summary of note " + std::to_string(i) + ", a few words long.";
    p.meta.tags = {"tag-" + std::to_string(i % 50)};
    if (i % 3 == 0) p.domain = p.exams[""] = "modeling";
    for (int h = 0; h < 6; ++h)
      p.headings.push_back({2 + h % 2, "Heading " + std::to_string(h), "heading-" + std::to_string(h), h + 2});
    for (size_t k = 1; k <= 3; ++k) p.links.push_back(testing::wikilink("Note " + std::to_string((i * 7 + k) % notes)));
    pages.push_back(std::move(p));
  }
  std::sort(pages.begin(), pages.end(), [](const Page& a, const Page& b) { return a.source < b.source; });
  s->corpus.pages = std::move(pages);
  s->graph = LinkGraph::build(s->corpus, s->diags);
  s->model = build_site_model(s->config, s->corpus, s->graph);
  return s;
}

TEST_CASE("big sites: every folder, but only the current folder's notes around the page") {
  auto s = make_big_site(1000, 10);  // 100 notes a folder
  Renderer r = make_renderer(s->config);
  const Folder& f = s->model.folders[s->model.folder_by_path.at("group-0/folder-3")];
  size_t page = f.pages[50];
  std::string html = r.note(s->model, page, "");
  std::string nav = section(html, "<nav id=\"site-nav\"", "</nav>");
  size_t links = 0, pos = 0;
  while ((pos = nav.find("<a href=", pos)) != std::string::npos) { ++links; ++pos; }
  CHECK(links < 60);  // 11 folders, 30 notes, home, 2 "more"
  CHECK(contains(nav, "aria-current=\"page\">" + s->corpus.pages[page].title + "</a>"));
  CHECK(contains(nav, "35 earlier notes →"));
  CHECK(contains(nav, "35 more notes →"));
  CHECK(contains(nav, ">folder-7</span>"));  // other folders still listed
  for (size_t i : s->model.folders[s->model.folder_by_path.at("group-0/folder-4")].pages)
    CHECK_FALSE(contains(nav, ">" + s->corpus.pages[i].title + "</a>"));
}

TEST_CASE("big sites: folders off the page's path come closed and empty with their contents in a shard") {
  auto s = make_big_site(10000, 100);  // 10 groups of 10 folders
  Renderer r = make_renderer(s->config);
  const Folder& f = s->model.folders[s->model.folder_by_path.at("group-0/folder-3")];
  std::string nav = section(r.note(s->model, f.pages[0], ""), "<nav id=\"site-nav\"", "</nav>");
  CHECK(contains(nav, ">group-7</span>"));          // every top folder
  CHECK(contains(nav, ">folder-7</span>"));         // the siblings on the path
  CHECK_FALSE(contains(nav, "folder-75</a>"));      // not what other groups hold
  size_t group7 = s->model.folder_by_path.at("group-7");
  CHECK(contains(nav, "<details data-nav=\"" + std::to_string(group7) + "\">"));
  CHECK(nav.size() < 12000);
  // The shard lists the group's folders and links from the site root.
  std::string shard = nav_shard(s->model, group7, r.nav_options());
  REQUIRE(shard.rfind("kbNavFolder(" + std::to_string(group7) + ",", 0) == 0);
  auto json = nlohmann::json::parse(shard.substr(shard.find(',') + 1, shard.rfind(')') - shard.find(',') - 1));
  REQUIRE(json["folders"].size() == 10);
  CHECK(json["folders"][5]["name"] == "folder-75");
  CHECK(json["folders"][5]["url"] == "group-7/folder-75/index.html");
  CHECK(json["folders"][5]["count"] == 100);
  CHECK(json["notes"].empty());
  size_t folder75 = s->model.folder_by_path.at("group-7/folder-75");
  auto leaf = nlohmann::json::parse([&] {
    std::string t = nav_shard(s->model, folder75, r.nav_options());
    return t.substr(t.find(',') + 1, t.rfind(')') - t.find(',') - 1);
  }());
  CHECK(leaf["notes"].size() == 30);
  CHECK(leaf["more"]["label"] == "70 more notes");
  // A small site lists everything inline and has no shards.
  CHECK_FALSE(nav_is_windowed(make_test_site()->model, r.nav_options()));
  CHECK(nav_is_windowed(s->model, r.nav_options()));
}

TEST_CASE("a renderer reused on a new site model does not keep the old navigation") {
  auto a = make_test_site();
  Renderer r = make_renderer(a->config);
  std::string before = r.note(a->model, a->page("data/kinesis.md"), "");
  CHECK(contains(before, ">XGBoost</a>"));

  auto b = make_test_site();
  b->corpus.pages[b->page("modeling/xgboost.md")].title = "XGBoost (renamed)";
  b->graph = LinkGraph::build(b->corpus, b->diags);
  b->model = build_site_model(b->config, b->corpus, b->graph);
  a.reset();  // the old model may even be gone
  std::string after = r.note(b->model, b->page("data/kinesis.md"), "");
  CHECK(contains(after, ">XGBoost (renamed)</a>"));
}

TEST_CASE("the header marks the index page it is on") {
  auto s = make_test_site();
  Renderer r = make_renderer(s->config);
  CHECK(contains(r.tags_index(s->model), "<a href=\"index.html\" aria-current=\"page\">Tags</a>"));
  CHECK(contains(r.all_notes(s->model), "<a href=\"all-notes.html\" aria-current=\"page\">All notes</a>"));
  std::string note = r.note(s->model, s->page("intro.md"), "");
  CHECK(contains(note, "<a href=\"tags/index.html\">Tags</a>"));
}

TEST_CASE("big sites: a folder page lists its first notes, then a link to the rest") {
  auto s = make_big_site(1000, 10);
  Renderer r = make_renderer(s->config);
  size_t folder = s->model.folder_by_path.at("group-0/folder-3");
  std::string html = r.folder(s->model, folder, "");
  std::string nav = section(html, "<nav id=\"site-nav\"", "</nav>");
  CHECK(contains(nav, "<a href=\"index.html\" aria-current=\"page\">Overview</a>"));
  CHECK(contains(nav, "70 more notes →"));
  CHECK_FALSE(contains(nav, "earlier notes"));
  // The home page lists folders only: the root has no notes of its own here.
  std::string home = section(r.home(s->model, ""), "<nav id=\"site-nav\"", "</nav>");
  CHECK_FALSE(contains(home, "<li><a href=\"group-0/folder-3/"));
}

TEST_CASE("rendering 10,000 notes", "[.bench]") {
  auto s = make_big_site(10000, 100);
  Renderer r = make_renderer(s->config);
  std::string body(6000, 'x');
  std::clock_t start = std::clock();
  size_t bytes = 0;
  for (size_t p = 0; p < s->corpus.pages.size(); ++p) bytes += r.note(s->model, p, body).size();
  double secs = double(std::clock() - start) / CLOCKS_PER_SEC;
  WARN("10,000 notes in " << secs << " s of CPU, " << bytes / 10000 << " bytes a page");
  auto small = make_big_site(300, 10);
  Renderer r2 = make_renderer(small->config);
  start = std::clock();
  bytes = 0;
  for (size_t p = 0; p < small->corpus.pages.size(); ++p) bytes += r2.note(small->model, p, body).size();
  secs = double(std::clock() - start) / CLOCKS_PER_SEC;
  WARN("300 notes (full nav) in " << secs << " s of CPU, " << bytes / 300 << " bytes a page");
}

}  // namespace
}  // namespace kb::render
