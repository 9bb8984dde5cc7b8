// The site's demos: every ```demo block of the corpus parsed (demo/block.h),
// run over its grid with the disk cache (demo/runner.h), presented
// (present/present.h) and written as HTML (demo/html.h).
//
// Contract:
// - start() parses every page's demo blocks and starts running the valid ones
//   on another thread, so the kernels run while the caller builds the link
//   graph. The config and corpus must outlive the SiteDemos and stay
//   unchanged until finish().
// - finish() waits and reports every problem at its file:line:col, with the
//   line echoed: a block's TOML errors, an unknown kernel, parameter or view
//   (demo/block.h), an input CSV that is missing, outside the notes folder or
//   not numeric, and a kernel's own refusal (a bad value, k larger than n) at
//   the key it names. Then it presents every demo (in parallel).
// - After finish(): renderer(i) gives page i's render_html() its demos' HTML
//   (Page::demos order; "" for a block that failed); files() is
//   what to write under assets/ (plot.css, plot_css(), when any page has a
//   demo); stats() the counts and times. All const and thread-safe.
// - The cache folder is math::default_cache_dir() ($XDG_CACHE_HOME/kb) unless
//   $KB_DEMO_CACHE names another (an empty value disables the cache).
#pragma once

#include <memory>
#include <vector>

#include "config/config.h"
#include "content/page.h"
#include "core/diagnostic.h"
#include "demo/runner.h"
#include "markdown/markdown.h"
#include "render/renderer.h"

namespace kb::site {

// The demos' plot colours, light and dark (written when some note has a demo).
inline constexpr const char kPlotCssUrl[] = "assets/plot.css";

class SiteDemos {
 public:
  // `reuse`: the same site's SiteDemos from its last (successful) build,
  // whose corpus had the same pages in the same order, all but those in
  // `read` unchanged and no demo input changed (site/build_session.h): only
  // their demos run again; the others' HTML is taken from it.
  static SiteDemos start(const Config& config, const Corpus& corpus, SiteDemos* reuse = nullptr,
                         const std::vector<size_t>& read = {});
  SiteDemos(SiteDemos&&) noexcept;
  ~SiteDemos();

  void finish(Diagnostics& diags);

  markdown::BlockRenderer renderer(size_t page) const;
  std::vector<render::OutputFile> files() const;
  const demo::RunStats& stats() const;

 private:
  SiteDemos();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kb::site
