#include "cli/watch_command.h"

#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <shared_mutex>
#include <thread>

#include <fmt/core.h>

#include "content/loader.h"
#include "core/memory.h"
#include "content/parse_cache.h"
#include "search/schema.h"
#include "search/site_search.h"
#include "serve/live_reload.h"
#include "serve/server.h"
#include "serve/watcher.h"
#include "site/search_location.h"
#include "site/site.h"
#include "site/site_cache.h"

namespace kb::cli {
namespace fs = std::filesystem;

namespace {

serve::WatchOptions watch_options(const Config& config) {
  serve::WatchOptions o;
  o.dirs = {config.notes_dir, config.templates_dir, config.assets_dir};
  if (!config.file.empty()) o.files.push_back(config.file);
  return o;
}

bool under(const fs::path& path, const fs::path& dir) {
  std::error_code ec;
  fs::path d = fs::weakly_canonical(dir, ec);
  auto rel = path.lexically_relative(d);
  return !rel.empty() && *rel.begin() != "..";
}

// Only theme stylesheets changed: open pages can swap them without a reload.
bool css_only(const serve::Changes& changes, const Config& config) {
  if (changes.overflow || changes.paths.empty()) return false;
  return std::all_of(changes.paths.begin(), changes.paths.end(), [&](const fs::path& p) {
    return p.extension() == ".css" && under(p, config.assets_dir);
  });
}

std::string describe(const serve::Changes& changes) {
  if (changes.overflow) return "many files";
  if (changes.paths.size() == 1) return content::display_path(changes.paths[0]);
  return std::to_string(changes.paths.size()) + " files";
}

// One build of the site, as `kb build` would, site.toml read again.
struct Outcome {
  bool ok = false;
  std::string report;  // the diagnostics, file:line:col
  std::optional<Config> config;
  double seconds = 0;
  size_t pages = 0;
  std::vector<std::string> left_out;  // notes left out by a problem (site::BuildStats)
};

// `may_leave_out`: the notes the last good build left out by a problem (null
// for the first build): another one fails this build (site::BuildOptions).
Outcome build_once(const SiteOptions& options, const std::atomic<bool>& stop, content::ParseCache& parsed,
                   site::BuildSession& session, const std::vector<std::string>* may_leave_out,
                   std::function<void()> on_committed = {}) {
  Outcome out;
  Diagnostics diags;
  out.config = resolve_config(options, diags);
  if (out.config) {
    site::BuildOptions build{*out.config, false, true};
    build.cancel = &stop;
    build.cache = !options.no_cache;
    if (build.cache) {
      build.parse_cache = &parsed;
      build.session = &session;
    }
    build.on_committed = std::move(on_committed);
    build.defer_database = true;  // the caller's searches wait for it (search_gate)
    build.may_leave_out = may_leave_out;
    site::BuildStats stats;
    out.ok = site::build(build, diags, stats);
    out.seconds = stats.seconds;
    out.pages = stats.pages;
    out.left_out = std::move(stats.left_out);
  }
  out.report = diags.report();
  return out;
}

}  // namespace

int run_watch(const SiteOptions& options, const WatchCommand& command) {
  // A long session of rebuilds on many threads (the build's, the server's)
  // must not grow: freed memory goes back after each rebuild (core/memory.h).
  // (Keeping it for the next rebuild was tried: on 10,000 notes it was no
  // faster over 50 edits and grew by 40% over 200.)
  memory::prepare_long_session();
  Diagnostics diags;
  auto config = resolve_config(options, diags);
  if (!config) {
    std::cerr << diags.report();
    return 1;
  }
  // The signals go to the main thread only (serve::run_until_interrupted),
  // so block them before any other thread starts.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  // The port first: a busy one is said before a long first build. The output
  // folder must exist to be served; an empty one is what a build may fill.
  std::error_code ec;
  const fs::path root = config->output_dir;
  bool made_root = false;
  if (!fs::exists(root, ec)) made_root = fs::create_directories(root, ec);
  auto live = std::make_shared<serve::LiveState>();
  serve::ServeOptions serve_options;
  serve_options.root = root;
  serve_options.host = command.host;
  serve_options.port = command.port;
  serve_options.quiet = command.quiet;
  // (The default worker count leaves room for each open page's event stream.)
  // Every page view also fetches the live script and opens a stream: noise.
  serve_options.log = [](const std::string& line) {
    if (line.find(" /__kb/") == std::string::npos) std::cerr << line << '\n';
  };
  serve_options.html_filter = [live](std::string html) {
    return serve::inject_live_script(std::move(html), live->version());
  };
  serve::StaticServer server(serve_options);
  // Held alone from the moment the pages are told of a build until its
  // search database is updated: a search from a reloaded page waits for it.
  std::shared_mutex search_gate;
  add_search_api(server, root, &search_gate);
  server.add_get(serve::kLiveScriptPath, [](const serve::HttpRequest&, serve::HttpResponse& res) {
    res.content_type = "text/javascript; charset=utf-8";
    res.body = std::string(serve::live_script());
  });
  server.add_stream(serve::kEventsPath, "text/event-stream", [live]() -> serve::StreamNext {
    auto cursor = std::make_shared<serve::LiveState::Cursor>();
    return [live, cursor](std::string& chunk) {
      bool closed = false;
      chunk = live->next_event(*cursor, std::chrono::milliseconds(500), closed);
      return !closed;
    };
  });
  if (auto error = server.bind()) {
    std::cerr << "kb: " << *error << "\n";
    if (made_root) fs::remove(root, ec);
    return 1;
  }

  std::atomic<bool> stop{false};
  // Notes as parsed, held across rebuilds: an unchanged file is not read.
  content::ParseCache parsed;
  parsed.keep_in_memory(true);
  // The last build's notes, links and diagnostics: a body edit redoes only
  // that note's share (site/build_session.h).
  site::BuildSession session;
  Outcome first = build_once(options, stop, parsed, session, nullptr);
  // What the site being served leaves out (a note broken since, while being
  // edited, keeps its last good page instead).
  // (Unknown while no build of this session succeeded: then any may be.)
  std::optional<std::vector<std::string>> left_out;
  if (first.ok) left_out = std::move(first.left_out);
  std::cerr << first.report;
  if (!first.ok && !fs::is_regular_file(root / "index.html", ec)) {
    std::cerr << fmt::format("kb: the first build failed and {} holds no earlier site to serve; fix the problems above and run again\n",
                             content::display_path(root));
    if (made_root) fs::remove(root, ec);
    return 1;
  }
  if (first.ok) {
    std::cout << fmt::format("Built {} notes in {:.2f} s", first.pages, first.seconds) << std::endl;
  } else {
    live->failed(first.report);
    std::cout << "The build failed: serving the previous site until the notes build again" << std::endl;
  }
  if (first.config) config = first.config;

  std::string error;
  auto watcher = serve::Watcher::open(watch_options(*config), error);
  if (!watcher) {
    std::cerr << "kb: " << error << "\n";
    return 1;
  }
  std::cout << fmt::format("Serving {} at {}, watching {} for changes (Ctrl-C stops)", content::display_path(root),
                           server.url(), content::display_path(config->notes_dir))
            << std::endl;

  // The Xapian database /api/search answers from: a full build leaves it to
  // be made (search/site_search.h), here between builds, after the pages
  // were told; a rebuild in place keeps it up to date itself.
  auto sync_search = [&] {
    std::string err;
    bool rebuilt = false;
    auto t0 = std::chrono::steady_clock::now();
    if (stop || !search::sync_database(site::search_index_dir(root), err, &rebuilt) || !rebuilt) return;
    std::cout << fmt::format("Search database ready for /api/search in {:.2f} s",
                             std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count())
              << std::endl;
  };
  // The session's builds leave the parse cache, the build manifest and the
  // search postings in memory (site::BuildOptions::session); they are
  // written once no edit came for a second (writing them takes ~0.2 s on a
  // 10,000-note site: an edit arriving meanwhile would wait), and on the way
  // out. The parse cache only when enough of it is stale (ParseCache::
  // worth_saving()) but for the last time.
  std::optional<Config> built_config = first.config;
  bool unsaved = true;
  auto last_build = std::chrono::steady_clock::now();
  auto save_caches = [&](bool last) {
    if (!unsaved && !last) return;
    if (!parsed.file().empty() && (last ? parsed.changed() : parsed.worth_saving())) parsed.save(parsed.file());
    if (unsaved && built_config) site::flush_cache(*built_config);
    unsaved = false;
  };
  std::thread rebuilding([&] {
    std::string last_report = first.report;
    sync_search();
    while (!stop) {
      auto changes = watcher->wait(std::chrono::milliseconds(250));
      if (stop) break;
      if (!changes) {  // quiet: what the next kb process starts from
        if (std::chrono::steady_clock::now() - last_build >= std::chrono::seconds(1)) save_caches(false);
        continue;
      }
      auto t0 = std::chrono::steady_clock::now();
      // Pages reload as soon as the new site is in place, before the build
      // records itself for the next one.
      const bool css = config && css_only(*changes, *config);
      bool told = false;
      unsaved = true;
      if (changes->overflow) session.changed.reset();
      else session.changed = changes->paths;
      const size_t patched_before = session.patched_builds;
      std::unique_lock<std::shared_mutex> searches(search_gate, std::defer_lock);
      Outcome outcome = build_once(options, stop, parsed, session, left_out ? &*left_out : nullptr, [&] {
        searches.lock();
        live->built(css);
        told = true;
      });
      if (searches.owns_lock()) searches.unlock();
      if (stop) break;
      if (outcome.config) built_config = outcome.config;
      double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      // The same warnings after every save are noise: once is enough.
      if (outcome.report != last_report) std::cerr << outcome.report;
      else if (!outcome.report.empty()) std::cerr << "(the same warnings as before)\n";
      last_report = outcome.report;
      if (outcome.ok) {
        left_out = std::move(outcome.left_out);
        if (!told) live->built(css);
        std::cout << fmt::format("{} changed: rebuilt in {:.2f} s{}", describe(*changes), seconds,
                                 css ? " (stylesheets swapped in open pages)" : "")
                  << std::endl;
        sync_search();
      } else {
        live->failed(outcome.report);
        std::cout << fmt::format("{} changed: the build failed (above); still serving the last good site",
                                 describe(*changes))
                  << std::endl;
      }
      // After the pages were told: not on the way to them. Only after a build
      // that read everything: a patched one allocates little, and handing
      // its memory back would cost the next edit's build the page faults.
      if (session.patched_builds == patched_before) memory::release_free();
      last_build = std::chrono::steady_clock::now();
      // site.toml may now name other folders to watch.
      if (outcome.config && (watch_options(*outcome.config).dirs != watch_options(*config).dirs)) {
        config = outcome.config;
        std::string err;
        if (auto w = serve::Watcher::open(watch_options(*config), err)) watcher = std::move(w);
        else std::cerr << "kb: " << err << "\n";
      }
    }
  });
  bool ok = serve::run_until_interrupted(server);
  stop = true;
  live->close();
  rebuilding.join();
  save_caches(true);
  std::cout << "Stopped." << std::endl;
  return ok ? 0 : 1;
}

}  // namespace kb::cli
