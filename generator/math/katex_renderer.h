// KaTeX at build time: every formula of a build typeset in one batch by one
// node process, each result cached on disk by content hash across builds.
//
// Contract:
// - render_with_katex() returns one result per formula, in order. Formulas
//   with the same TeX and display mode are typeset once. A result's HTML is
//   KaTeX's MathML adapted to MathML Core (mathml_core.h); the cache keeps
//   KaTeX's own, adapted again on reading.
// - Cache: each result (a KaTeX parse error too) is kept in its own file
//   under `cache_dir`/katex/, named by a hash of its key: the TeX, the display
//   mode, the site's macros, KaTeX's version and the batch format. The key is
//   stored in the file and checked on reading, so a hash collision or a stale
//   or damaged file is only a miss. Files are written to a temporary name
//   and renamed, so builds running at once may share a cache. An empty
//   `cache_dir` means no disk cache. Deleting the folder is always safe.
// - node runs only when some formula misses the cache, once per call, with
//   the KaTeX compiled into kb (katex_dist.h) and katex_batch.js sent on its
//   stdin and command line: nothing is read from the repository.
// - When KaTeX cannot run for a miss (kb built without KaTeX, node not found,
//   node failing or answering nonsense), `typeset` is false and `problem`
//   says why in one sentence; nothing is written to the cache. The caller
//   falls back (the site stage ships KaTeX's JS to the browser). With every
//   formula in the cache, node is not needed at all.
// - A formula KaTeX cannot parse is a result with `error` (KaTeX's message)
//   and `position` (1-based character of the TeX where KaTeX stopped, 0 if
//   unknown), not a failure of the batch.
// - Never throws. Thread-compatible: distinct calls may run at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace kb::math {

struct KatexOptions {
  std::string node = "node";                  // node executable: a path, or a name looked up in PATH
  std::filesystem::path cache_dir;            // results kept between builds; "" = no disk cache
  std::map<std::string, std::string> macros;  // site-wide macros: "\\TP" -> "\\mathrm{TP}"
  double timeout_seconds = 600;               // a node run taking longer is stopped (then: fallback)
};

struct FormulaRequest {
  std::string latex;
  bool display = false;
};

struct TypesetFormula {
  std::string html;   // KaTeX's MathML adapted to MathML Core (mathml_core.h), when it parsed
  std::string error;  // KaTeX's message, when it did not
  int position = 0;   // where in the TeX KaTeX stopped (1-based), 0 if unknown
  bool ok() const { return error.empty(); }
};

struct KatexBatch {
  bool typeset = false;                 // false: KaTeX could not run; see `problem`
  std::string problem;                  // why, in one sentence
  // When typeset: each distinct formula once, and for each formula asked
  // for, which one it is (a big site repeats a few hundred formulas tens of
  // thousands of times; ~1.3 KB of HTML each).
  std::vector<TypesetFormula> distinct;
  std::vector<uint32_t> of;
  const TypesetFormula& result(size_t formula) const { return distinct[of[formula]]; }
  size_t size() const { return of.size(); }
  size_t unique = 0;                    // distinct formulas (TeX + display mode)
  size_t cache_hits = 0;                // distinct formulas found in the cache
  size_t node_runs = 0;                 // node processes started: 0 or 1
  double seconds = 0;                   // wall time of the call
};

KatexBatch render_with_katex(const std::vector<FormulaRequest>& formulas, const KatexOptions& options);

// Where kb keeps its caches: $XDG_CACHE_HOME/kb, else $HOME/.cache/kb, else
// "" (no disk cache).
std::filesystem::path default_cache_dir();

// The node to run: $KB_NODE when set, else "node" (looked up in PATH).
std::string default_node();

}  // namespace kb::math
