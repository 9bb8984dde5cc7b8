// Site: the whole pipeline, in order: config -> load -> link graph -> render
// -> staged output. The only module that knows the order of the stages.
//
// Contract: build() never throws and never leaves a half-written output: it
// renders into a staging folder and swaps it in only when every stage
// succeeded (and, with `strict`, when there was no warning either). Every
// problem found is in `diags`, all of them, not just the first.
#pragma once

#include <atomic>
#include <functional>
#include <string>

#include "config/config.h"
#include "content/parse_cache.h"
#include "core/diagnostic.h"
#include "demo/runner.h"
#include "site/build_session.h"
#include "site/site_math.h"

namespace kb::site {

struct BuildOptions {
  Config config;        // resolved: paths absolute or relative to the cwd
  bool strict = false;  // warnings (broken links, ambiguous titles) fail the build
  bool write = true;    // false: load, parse and resolve only (kb check)
  bool search = true;   // also write the search index (search/schema.h: <out>/.kb-index)
  // Use the build cache (site/build_cache.h): render and write only what
  // changed since the last build. false (--no-cache): a full build, and no
  // cache kept.
  bool cache = true;
  // Set from another thread to give up soon (kb serve --watch stopping): the
  // build then fails with nothing written, as any failed build.
  const std::atomic<bool>* cancel = nullptr;
  // Kept by a long-lived process (kb serve --watch) across its builds, with
  // notes held in memory (content/parse_cache.h); null: the build reads the
  // build cache's parse file itself.
  content::ParseCache* parse_cache = nullptr;
  // Called once the new site is in place, before the build records it for
  // the next one (the caches): kb serve --watch reloads pages then.
  std::function<void()> on_committed = nullptr;
  // An incremental build's update of the site's Xapian database waits until
  // after on_committed(), off the way to the reloaded pages: the caller
  // holds searches until build() returns (kb serve --watch).
  bool defer_database = false;
  // kb serve --watch: the notes a rebuild may leave out by a problem (those
  // its last good build left out, content::kLeftOut). Another one fails the
  // build, so a page being edited stays as it was while its front matter is
  // broken, as with any failed build. null (kb build): any note may be.
  const std::vector<std::string>* may_leave_out = nullptr;
  // Kept by a long-lived process across its builds, with `changed` set
  // before each (site/build_session.h); null: every build loads everything.
  // With a session, the build leaves `parse_cache` for the caller to save
  // (ParseCache::save to its file()) when no edit is waiting.
  BuildSession* session = nullptr;
  // The process exits after this build (kb build): what the build made is
  // left for the exit to free at once (core/memory.h keep_until_exit).
  bool last_work = false;
};

struct BuildStats {
  size_t pages = 0;           // notes read
  size_t files = 0;           // other files copied
  size_t drafts = 0;          // notes marked draft: true or publish: false (left out; built with --drafts)
  std::vector<std::string> left_out;  // notes left out by a problem (a warning each; content::kLeftOut), by source
  size_t links = 0;           // links resolved
  size_t broken_links = 0;    // links to nothing (and missing heading anchors)
  size_t outputs = 0;         // files of the site (but the search database)
  bool incremental = false;   // the build changed the previous site in place (site/build_cache.h)
  bool patched = false;       // only the changed notes were read and their links resolved (site/build_session.h)
  size_t rendered = 0;        // note pages rendered (the others were as before)
  size_t written = 0;         // files written (all of them in a full build)
  size_t removed = 0;         // files of the previous site no longer built
  double seconds = 0;         // wall time of the whole build
  MathStats math;             // formulas typeset (site_math.h)
  demo::RunStats demos;       // demos run or read from the cache (site_demos.h)
  double static_index_seconds = 0;  // the search side after the pages: browser index and page list
  size_t static_index_bytes = 0;    // browser index files written
  std::string convention;     // the title and line-break rules used, with why (content/convention.h)
};

// True when the site was built (or, with write=false, when the notes are
// clean enough to build: no errors; broken links and notes left out count as
// failure for check).
bool build(const BuildOptions& options, Diagnostics& diags, BuildStats& stats);

}  // namespace kb::site
