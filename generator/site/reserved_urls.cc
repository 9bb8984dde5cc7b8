#include "site/reserved_urls.h"

#include "code/mermaid_assets.h"
#include "content/loader.h"
#include "math/katex_assets.h"
#include "render/nav.h"
#include "render/site_model.h"
#include "search/schema.h"
#include "site/publish.h"
#include "site/site_demos.h"
#include "site/site_graph.h"

namespace kb::site {
namespace {

bool starts_with(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

// "search/t/ab.js" with `prefix` "search/t/": the name between is one or more
// characters of `allowed`, then ".js".
bool index_shard(const std::string& url, const std::string& prefix, const char* allowed) {
  if (!starts_with(url, prefix) || url.size() <= prefix.size() + 3 || url.compare(url.size() - 3, 3, ".js") != 0)
    return false;
  std::string name = url.substr(prefix.size(), url.size() - prefix.size() - 3);
  return name.find_first_not_of(allowed) == std::string::npos;
}

// "all-notes.html" -> "all-notes-2.html", "assets/style.css" -> "assets/style-2.css".
std::string numbered(const std::string& url, int n) {
  size_t slash = url.rfind('/');
  size_t name = slash == std::string::npos ? 0 : slash + 1;
  size_t dot = url.rfind('.');
  std::string suffix = "-" + std::to_string(n);
  if (dot == std::string::npos || dot <= name) return url + suffix;
  return url.substr(0, dot) + suffix + url.substr(dot);
}

// "a/b/" -> "a/", "a/" -> "".
std::string parent_dir(const std::string& dir) {
  if (dir.size() < 2) return "";
  size_t slash = dir.rfind('/', dir.size() - 2);
  return slash == std::string::npos ? "" : dir.substr(0, slash + 1);
}

}  // namespace

std::string ReservedUrls::owner(const std::string& url, bool index_page) const {
  if (auto it = exact_.find(url); it != exact_.end()) return it->second;
  if (!index_page && folder_pages_.count(url))
    return url == "index.html" ? "the home page" : "the page of the folder " + url.substr(0, url.size() - 10);
  if (nav_shards_ && index_shard(url, "assets/nav/", "0123456789")) return "the navigation tree (assets/nav/)";
  if (url == kGraphDataUrl) return "the graph of the notes (assets/graph/)";
  if (starts_with(url, render::kNoteDataDir)) return "the notes' previews and local graphs (assets/notes/)";
  if (!search_) return "";
  std::string dir = std::string(search::kStaticDir) + "/";
  if (url == dir + "meta.js" || index_shard(url, dir + "t/", "abcdefghijklmnopqrstuvwxyz0123456789_") ||
      index_shard(url, dir + "p/", "abcdefghijklmnopqrstuvwxyz0123456789_-") ||
      index_shard(url, dir + "d/", "0123456789"))
    return "the browser's search index (" + dir + ")";
  return "";
}

ReservedUrls reserved_urls(const Config& config, const Corpus& corpus, const std::vector<std::string>& theme_assets,
                           bool search) {
  ReservedUrls r;
  r.set_search(search);
  for (const auto& [name, url] : render::tag_urls(corpus)) r.add(url, "the page of the tag #" + name);
  r.add(render::kTagsIndexUrl, "the tags index");
  for (const auto& exam : config.exams)
    if (!exam.id.empty())
      for (const auto& d : exam.domains)
        r.add(render::exam_domain_url(exam.id, d.id), "the page of domain " + d.id + " of exam " + exam.id);
  r.add(render::kAllNotesUrl, "the list of all notes");
  r.add(render::kGraphUrl, "the graph of the notes");
  bool formulas = false, math = false, demos = false, diagrams = false;
  for (const auto& p : corpus.pages) {
    formulas = formulas || (!p.is_index && p.meta.formula_kind());
    math = math || !p.formulas.empty();
    demos = demos || markdown::any_demo(p.blocks);
    diagrams = diagrams || p.has_diagrams;
  }
  if (formulas) r.add(render::kFormulasUrl, "the formula index");
  if (std::any_of(corpus.pages.begin(), corpus.pages.end(), [](const Page& p) { return p.card_note; }))
    r.add(render::kReviewUrl, "the flashcards' review page");
  if (std::any_of(corpus.pages.begin(), corpus.pages.end(), [](const Page& p) { return !p.quizzes.empty(); }))
    r.add(render::kExamUrl, "the practice exam");
  r.set_nav_shards(corpus.pages.size() > render::NavOptions{}.full_limit);
  if (search) r.add(kSearchPageUrl, "the search page");
  r.add(kNotFoundUrl, "the page for missing URLs (404)");
  r.add(kRobotsUrl, "robots.txt");
  if (!site_base(config).empty()) {
    r.add(kSitemapUrl, "the sitemap");
    r.add(kFeedUrl, "the Atom feed");
  }
  for (const auto& url : theme_assets) r.add(url, "the theme's " + url);
  if (math) {
    for (const char* url : {math::kMathCssUrl, math::kMathFontUrl, math::kMathFontLicenseUrl})
      r.add(url, std::string("the math files' ") + url);
    for (const char* url : {math::kKatexCssUrl, math::kKatexJsUrl, math::kKatexBrowserScriptUrl})
      r.add(url, std::string("KaTeX's ") + url);
    for (const auto& [name, bytes] : math::katex_dist().fonts)
      r.add("assets/katex/fonts/" + std::string(name), "KaTeX's font " + std::string(name));
  }
  if (demos) r.add(kPlotCssUrl, std::string("the demos' ") + kPlotCssUrl);
  if (diagrams)
    for (const char* url : {code::kMermaidJsUrl, code::kMermaidScriptUrl}) r.add(url, std::string("mermaid's ") + url);
  // Every folder holding a note, and every folder above it, has a page.
  for (const auto& p : corpus.pages)
    for (std::string dir = p.url.substr(0, p.url.rfind('/') + 1);; dir = parent_dir(dir)) {
      r.add_folder_page(dir + "index.html");
      if (dir.empty()) break;
    }
  return r;
}

size_t avoid_reserved_urls(Corpus& corpus, const ReservedUrls& reserved, Diagnostics& diags) {
  // Every URL in use, gathered only when one must move (rarely).
  std::set<std::string> taken;
  auto free_url = [&](const std::string& url, bool index_page) {
    if (taken.empty()) {
      for (const auto& p : corpus.pages) taken.insert(p.url);
      for (const auto& f : corpus.files) taken.insert(f.url);
    }
    for (int n = 2;; ++n) {
      std::string candidate = numbered(url, n);
      if (reserved.owner(candidate, index_page).empty() && taken.insert(candidate).second) return candidate;
    }
  };
  size_t renamed = 0;

  std::set<std::string> index_dirs;  // URL folders whose page is an index note
  for (auto& p : corpus.pages) {
    std::string what = reserved.owner(p.url, p.is_index);
    if (!what.empty()) {
      std::string to = free_url(p.url, p.is_index);
      diags.warning(content::display_path(p.file), 0, 0,
                    "its page URL " + p.url + " is where kb writes " + what + "; using " + to +
                        " (rename the file to choose another URL)");
      p.url = to;
      ++renamed;
    }
    if (p.is_index) index_dirs.insert(p.url.substr(0, p.url.rfind('/') + 1));
  }

  // A folder without an index note whose page URL is another generated page's
  // (a notes folder named tags/): that page wins, and the folder has none.
  std::set<std::string> told;
  for (const auto& p : corpus.pages) {
    int up = 0;  // folders above the page's own (its file's folder, made only to be named)
    for (std::string dir = p.url.substr(0, p.url.rfind('/') + 1); !dir.empty(); dir = parent_dir(dir), ++up) {
      if (index_dirs.count(dir) || !told.insert(dir).second) continue;
      std::string url = dir + "index.html";
      std::string what = reserved.owner(url, true);
      if (what.empty()) continue;
      std::filesystem::path folder = p.file.parent_path();
      for (int k = 0; k < up; ++k) folder = folder.parent_path();
      diags.warning(content::display_path(folder), 0, 0,
                    "this folder's page URL " + url + " is where kb writes " + what +
                        ", so the folder gets no page of its own: add an index.md to it for one");
    }
  }

  std::map<std::string, const Page*> page_at;
  if (!corpus.files.empty())
    for (const auto& p : corpus.pages) page_at.emplace(p.url, &p);
  for (auto& f : corpus.files) {
    std::string what = reserved.owner(f.url);
    if (what.empty())
      if (auto it = page_at.find(f.url); it != page_at.end())
        what = "the page of " + content::display_path(it->second->file);
    if (what.empty()) continue;
    std::string to = free_url(f.url, false);
    diags.warning(content::display_path(f.file), 0, 0,
                  "its URL " + f.url + " is where kb writes " + what + "; copying it to " + to +
                      " instead (rename the file or its folder to choose another URL)");
    f.url = to;
    ++renamed;
  }
  return renamed;
}

}  // namespace kb::site
