// Reserved URLs: the site paths kb writes itself, and the renaming of notes
// and files that would land on one, so a build never silently overwrites a
// note with a generated page (nor a generated file with a note's file).
//
// What kb writes (reserved_urls()):
// - pages: the tags index, a page per tag (named as render::tag_urls() names
//   them, from the notes' front matter), a page per domain of each named exam
//   (exams/<exam>/<domain>.html), all-notes.html, formulas.html (when
//   some note is a formula or distribution), search.html and the browser's
//   index under search/ (meta.js, t/<key>.js, p/<key>-<n>.js, d/<n>.js; when the build
//   writes a search index), 404.html, robots.txt, and sitemap.xml and
//   feed.xml (with a base_url);
// - every folder's page, <folder>/index.html (the home page at the root),
//   which only that folder's index note (index.md, README.md) may have;
// - files: the theme's assets as the Renderer lists them, the navigation
//   tree's shards assets/nav/<n>.js (on sites with more notes than the
//   navigation lists whole), KaTeX's files under
//   assets/katex/ (when some note has math), assets/plot.css (when some note
//   has a demo).
// Comparison matrix pages are not here: matrix::build() reports a note at one.
//
// Contract: reserved_urls() is a pure function of its inputs.
// avoid_reserved_urls() gives every page and static file at a reserved URL a
// numbered one ("all-notes-2.html", "assets/style-2.css") that is neither
// reserved nor taken by another page or file, with a warning at its file
// naming what kb writes there and the new URL; a static file at a note's page
// URL is renamed the same way. A folder whose page kb writes as another
// generated page (a notes folder named tags/) gets a warning. Call it right
// after loading, before anything reads page or file URLs.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "config/config.h"
#include "content/page.h"
#include "core/diagnostic.h"

namespace kb::site {

class ReservedUrls {
 public:
  // `url` is written by kb; `what` says what it is ("the list of all notes").
  void add(const std::string& url, const std::string& what) { exact_.emplace(url, what); }
  // `url` is a folder's page: free for that folder's index note only.
  void add_folder_page(const std::string& url) { folder_pages_.insert(url); }
  // The browser's search index (search/meta.js, search/t/*.js, search/d/*.js)
  // is written (the search database is not in the site: search_location.h).
  void set_search(bool search) { search_ = search; }
  // Big sites' navigation shards (assets/nav/<n>.js, render/nav.h) are written.
  void set_nav_shards(bool on) { nav_shards_ = on; }

  // What kb writes at `url`, or "" when nothing. `index_page`: asked for a
  // folder's index note, which may have its folder's page URL.
  std::string owner(const std::string& url, bool index_page = false) const;

 private:
  std::map<std::string, std::string> exact_;
  std::set<std::string> folder_pages_;
  bool search_ = false;
  bool nav_shards_ = false;
};

// What kb will write for this corpus and configuration. `theme_assets`: the
// URLs of render::Renderer::assets(); `search`: the build writes the index.
ReservedUrls reserved_urls(const Config& config, const Corpus& corpus, const std::vector<std::string>& theme_assets,
                           bool search);

// Renames the pages and static files at reserved URLs (see above); returns
// how many were renamed.
size_t avoid_reserved_urls(Corpus& corpus, const ReservedUrls& reserved, Diagnostics& diags);

}  // namespace kb::site
