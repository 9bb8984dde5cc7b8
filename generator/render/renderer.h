// The renderer: mustache templates (kainjow) over view models built from the
// site model. kb's templates and assets are compiled in (embedded.h); files in
// the site's templates/ and assets/ folders override them by name.
//
// Contract: create() loads and compiles every template; a template that does
// not compile is an error naming the file. After that every method is const
// and may be called from many threads at once. Every href the renderer writes
// is relative to the page it is on, with an explicit ".html", so the site
// works from file:// and under any sub-path.
//
// What every page of one folder shares (the navigation tree around that
// folder's notes, the layout keys of its directory) is rendered once and
// cached, for the SiteModel last rendered (SiteModel::identity): rendering a
// new model drops the cache. The view models and templates are described in
// render/views.h and render/nav.h.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "render/nav.h"
#include "render/site_model.h"

namespace kb::render {

struct OutputFile {
  std::string url;      // site path, "assets/style.css"
  std::string content;  // bytes
};

class Renderer {
 public:
  static std::optional<Renderer> create(const Config& config, Diagnostics& diags);
  Renderer(Renderer&&) noexcept;
  ~Renderer();

  // A note page around its rendered body (markdown::Document::render_html).
  std::string note(const SiteModel& site, size_t page, const std::string& body_html) const;
  // The home page: title, description, the exam domains with weights and their
  // notes, and the root index.md's body when there is one (body_html, may be "").
  std::string home(const SiteModel& site, const std::string& body_html) const;
  // A folder's page: its index.md body (may be "") and its notes and sub-folders.
  std::string folder(const SiteModel& site, size_t folder, const std::string& body_html) const;
  std::string tag(const SiteModel& site, const std::string& tag) const;
  // The page of domain `domain` of exam `exam` (Config::exams; named exams
  // only), templates/exam-domain.mustache.
  std::string exam_domain(const SiteModel& site, size_t exam, size_t domain) const;
  std::string tags_index(const SiteModel& site) const;
  // review.html (templates/review.mustache): the cards as views::review() has them.
  std::string review(const SiteModel& site, const std::vector<ReviewCard>& cards) const;
  // exam.html (templates/exam.mustache): the questions as views::exam() has them.
  std::string exam(const SiteModel& site, const std::vector<ExamQuestion>& questions) const;
  std::string all_notes(const SiteModel& site) const;
  // formulas.html: the formula and distribution pages (SiteModel::formulas).
  std::string formulas(const SiteModel& site) const;
  // A comparison matrix's page and the list of matrices (SiteModel::matrices;
  // templates/matrix.mustache and matrix-index.mustache).
  std::string matrix(const SiteModel& site, size_t index) const;
  std::string matrices_index(const SiteModel& site) const;
  // search.html (templates/search-page.mustache); "" if a site removed it.
  std::string search_page(const SiteModel& site) const;
  // graph.html (site/site_graph.h writes its data).
  std::string graph_page(const SiteModel& site) const;
  // 404.html (templates/404.mustache); "" if a site removed it. Served by
  // GitHub Pages for a missing URL at any depth, so it points a <base> at the
  // site root: base_url when set, else found by a script (views::not_found).
  std::string not_found(const SiteModel& site) const;
  // The theme's static files (CSS, JS, icons), embedded overlaid with the site's.
  std::vector<OutputFile> assets() const;
  // How the navigation tree is cut on big sites (render/nav.h).
  const NavOptions& nav_options() const;

 private:
  Renderer();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kb::render
