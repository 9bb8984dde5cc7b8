// BuildSession: what a long-lived process (kb serve --watch) keeps of its
// last successful build, so that the next one, told which files changed,
// redoes only their share of loading and link resolution.
//
// Contract: the caller sets `changed` before each build (the watcher's
// paths; nullopt when unknown, as after the kernel dropped events). build()
// (site/site.h) takes what is held, and holds the new build's state when it
// succeeds. When every changed file is a published note edited in a way that
// moves no other page's links (content::reload_notes,
// LinkGraph::same_targets), those notes alone are read and their links alone
// resolved; any other change (a note added, removed or renamed, a title,
// alias, heading or block id, a template, site.toml) is the build it would
// have been without a session. Either way the site and the diagnostics are
// the same (tests/integration/session_test.cc).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

namespace kb::site {

struct BuildSession {
  std::optional<std::vector<std::filesystem::path>> changed;  // absolute paths
  struct Held;                  // the last build's corpus, graph, ... (site.cc)
  std::shared_ptr<Held> held;   // null: the next build loads everything
  size_t patched_builds = 0;    // builds that read only the changed notes
};

}  // namespace kb::site
