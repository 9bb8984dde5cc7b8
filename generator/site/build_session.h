// BuildSession: what a long-lived process (kb serve --watch) keeps of its
// last successful build, so that the next one, told which files changed,
// redoes only their share of loading, link resolution, math and demos.
//
// Contract: the caller sets `changed` before each build (the watcher's
// paths; nullopt when unknown, as after the kernel dropped events). build()
// (site/site.h) takes what is held, and holds the new build's state when it
// succeeds. When every changed file is a published note edited in place
// (content::reload_notes), those notes alone are read, their links (and,
// after a new title, alias, heading or block id, the links that can find
// them: LinkGraph::patch) alone resolved, their formulas and demos alone
// done again; any other change (a note added, removed or renamed, a
// template, site.toml) is the build it would have been without a session.
// Either way the site and the diagnostics are the same
// (tests/integration/session_test.cc).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

namespace kb::site {

struct BuildSession {
  std::optional<std::vector<std::filesystem::path>> changed;  // absolute paths
  struct Held;                  // the last build's corpus, graph, math, demos (site.cc)
  std::shared_ptr<Held> held;   // null: the next build loads everything
  size_t patched_builds = 0;    // builds that read only the changed notes
};

// The pages a stage must do again: all of them without a last build to take
// from, else those the build read again.
inline std::vector<bool> pages_to_redo(size_t pages, bool reusing, const std::vector<size_t>& read) {
  std::vector<bool> again(pages, !reusing);
  for (size_t p : read)
    if (p < pages) again[p] = true;
  return again;
}

}  // namespace kb::site
