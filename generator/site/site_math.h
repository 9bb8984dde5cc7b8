// The site's math: every formula of the corpus typeset in one KaTeX batch
// (math/katex_renderer.h), KaTeX's errors reported at their places, and the
// math files the site ships (math/katex_assets.h).
//
// Contract:
// - start() collects the formulas of every page (or, given the last build's
//   SiteMath, of the pages read again) (Page::formulas) and typesets
//   them on another thread, so the batch (one node process, or just the disk
//   cache) runs while the caller builds the link graph. The corpus must
//   outlive the SiteMath and stay unchanged until finish().
// - finish() waits for the batch and reports: a formula KaTeX cannot parse is
//   a warning at its file:line:col (the column of the character where KaTeX
//   stopped when the formula is on one line, else its opening delimiter),
//   with KaTeX's message and the line echoed; when KaTeX could not run, one
//   warning says why and what the site does instead (typesets in the
//   browser, or, for a kb built without KaTeX, shows TeX).
// - After finish(): typesetter(i) gives page i's render_html() its formulas'
//   HTML (page order = Page::formulas order; "" for the TeX fallback; for a
//   formula KaTeX rejected, its TeX in <code class="math-error"> with
//   KaTeX's message as the title);
//   in_browser() is true when pages with math must load KaTeX's JS; files()
//   is what to write under assets/math/ (or assets/katex/ for math typeset in
//   the browser; nothing when no page has math), less any file the site's own
//   assets folder provides. All const and safe
//   to call from many threads.
// - The cache folder is math::default_cache_dir() ($XDG_CACHE_HOME/kb), node
//   is math::default_node() ($KB_NODE, else node in PATH).
#pragma once

#include <future>
#include <memory>
#include <vector>

#include "config/config.h"
#include "content/page.h"
#include "core/diagnostic.h"
#include "markdown/markdown.h"
#include "math/katex_assets.h"
#include "math/katex_renderer.h"
#include "render/renderer.h"

namespace kb::site {

struct MathStats {
  size_t formulas = 0;     // formulas in the notes
  size_t unique = 0;       // distinct ones (TeX + display mode)
  size_t cache_hits = 0;   // distinct ones found in the disk cache
  size_t node_runs = 0;    // node processes started (0 or 1)
  double seconds = 0;      // the batch's wall time
  bool in_browser = false; // typeset in the browser (KaTeX could not run here)
};

class SiteMath {
 public:
  // `reuse`: the same site's SiteMath from its last build, whose corpus had
  // the same pages in the same order, all but those in `read` unchanged
  // (site/build_session.h): only their formulas are typeset again.
  static SiteMath start(const Config& config, const Corpus& corpus, SiteMath* reuse = nullptr,
                        const std::vector<size_t>& read = {});
  SiteMath(SiteMath&&) noexcept;
  ~SiteMath();

  void finish(Diagnostics& diags);

  markdown::MathTypesetter typesetter(size_t page) const;
  bool in_browser() const;
  std::vector<math::SiteFile> files(const render::Renderer& renderer) const;
  const MathStats& stats() const;

 private:
  SiteMath();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kb::site
