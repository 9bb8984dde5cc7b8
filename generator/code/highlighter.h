// Code highlighted at build time: every fenced code block of a build in one
// highlight.js batch (one node process), each result cached on disk by
// content hash across builds, like KaTeX's formulas (math/katex_renderer.h).
//
// Contract:
// - highlight_code() returns one result per block, in order; blocks with the
//   same language and code are highlighted once.
// - A result is highlight.js's HTML for the inside of <code> (the code's
//   text, escaped, in <span class="hljs-…"> tokens), or `plain` when the
//   language is empty or unknown to highlight.js (by name or alias:
//   py, sh, js, ts, yml, golang, rs, c++, docker, …): the caller shows it
//   as plain text.
// - Cache: one file per distinct block under `cache_dir`/highlight/, named by
//   a hash of the language, the code, highlight.js's version and the batch
//   format; the key is stored and checked on reading (a collision or a
//   damaged file is a miss). Written atomically; "" = no disk cache.
// - node runs only when a block misses the cache, once per call, with the
//   highlight.js compiled into kb (highlight_dist.h) on its stdin. When it
//   cannot run (kb built without highlight.js, no node, node failing),
//   `highlighted` is false and `problem` says why: the caller shows all code
//   plain. That is not an error: code without colours is still code.
// - Never throws. Thread-compatible.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace kb::code {

struct HighlightOptions {
  std::string node = "node";
  std::filesystem::path cache_dir;
  double timeout_seconds = 600;
};

struct CodeRequest {
  std::string language;  // as written after the fence ("python", "py", "" for none)
  std::string code;
};

struct HighlightedCode {
  std::string html;    // tokens, when highlighted
  bool plain = false;  // the language is unknown: show the code as text
};

struct HighlightBatch {
  bool highlighted = false;               // false: node could not run; see `problem`
  std::string problem;
  std::vector<HighlightedCode> results;   // one per block when highlighted
  size_t unique = 0;
  size_t cache_hits = 0;
  size_t node_runs = 0;
  double seconds = 0;
};

HighlightBatch highlight_code(const std::vector<CodeRequest>& blocks, const HighlightOptions& options);

}  // namespace kb::code
