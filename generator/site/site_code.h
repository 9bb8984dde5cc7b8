// The site's code blocks, highlighted at build time: every fenced block with
// a language (Page::code_blocks) in one highlight.js batch
// (code/highlighter.h), started on another thread while the link graph is
// built, like the formulas (site_math.h).
//
// Contract:
// - start() collects the blocks and runs the batch asynchronously; the
//   corpus must outlive the SiteCode and stay unchanged until finish().
//   Given the SiteCode of a session's last build (site/build_session.h),
//   which it takes from, only the pages at `edited` are highlighted again:
//   every other page's blocks are as that build highlighted them.
// - finish() waits. When highlight.js could not run (no node, kb built
//   without it), one warning says why and the code is shown plain.
// - After finish(): renderer(i) gives page i's render_html() its blocks'
//   tokens (Page::code_blocks order; "" for plain). const and thread-safe.
// - Cache: math::default_cache_dir()/highlight; node: math::default_node().
#pragma once

#include <future>
#include <memory>
#include <vector>

#include "code/highlighter.h"
#include "content/page.h"
#include "core/diagnostic.h"
#include "markdown/markdown.h"

namespace kb::site {

class SiteCode {
 public:
  static SiteCode start(const Corpus& corpus, SiteCode* previous = nullptr,
                        const std::vector<size_t>& edited = {});
  SiteCode(SiteCode&&) noexcept;
  ~SiteCode();

  void finish(Diagnostics& diags);
  markdown::CodeRenderer renderer(size_t page) const;
  // Blocks, distinct ones, cache hits, node runs, seconds.
  const code::HighlightBatch& batch() const;
  size_t blocks() const;

 private:
  SiteCode();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kb::site
