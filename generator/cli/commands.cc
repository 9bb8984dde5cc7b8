#include "cli/commands.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <thread>

#include <fmt/core.h>

#include "cli/new_note.h"
#include "deploy/deploy.h"
#include "math/katex_renderer.h"
#include "content/loader.h"
#include "core/text.h"
#include "search/schema.h"
#include "search/searcher.h"
#include "search/searcher_pool.h"
#include "search/site_search.h"
#include "serve/server.h"
#include "site/reserved_urls.h"
#include "site/search_location.h"
#include "site/site.h"

namespace kb::cli {
namespace fs = std::filesystem;

namespace {

void print_diagnostics(const Diagnostics& diags) {
  std::string report = diags.report();
  if (!report.empty()) std::cerr << report;
}

std::string plural(size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// What happened to the notes marked draft: true or publish: false ("" if none).
std::string drafts_line(const Config& config, size_t drafts, const char* command) {
  if (drafts == 0) return "";
  if (config.include_drafts)
    return fmt::format("Included {} (--drafts): a local preview, not for publishing\n", plural(drafts, "draft", "drafts"));
  return fmt::format("Left out {} (draft: true or publish: false); kb {} --drafts includes them\n",
                     plural(drafts, "draft", "drafts"), command);
}

// The notes a problem kept off the site, said after the build so that they
// are not lost among many warnings.
std::string left_out_line(const std::vector<std::string>& left_out) {
  if (left_out.empty()) return "";
  std::string names;
  for (size_t i = 0; i < left_out.size() && i < 3; ++i) names += (i ? ", " : "") + left_out[i];
  if (left_out.size() > 3) names += fmt::format(" and {} more", left_out.size() - 3);
  return fmt::format("Left out {} by the problems above: {}\n", plural(left_out.size(), "note", "notes"), names);
}

}  // namespace

std::optional<Config> resolve_config(const SiteOptions& options, Diagnostics& diags) {
  std::optional<Config> config;
  std::error_code ec;
  if (!options.config.empty()) {
    if (!fs::exists(options.config, ec)) {
      diags.error(options.config, 0, 0, "config file not found: check the --config path");
      return std::nullopt;
    }
    config = config::load(options.config, diags);
  } else if (fs::exists("site.toml", ec)) {
    config = config::load("site.toml", diags);
  } else {
    config = config::defaults(".");
    // Any folder of notes builds without a site.toml: name the site after it.
    fs::path notes = options.notes.empty() ? fs::path("notes") : fs::path(options.notes);
    fs::path abs = fs::weakly_canonical(fs::absolute(notes, ec), ec);
    if (abs.has_filename()) config->title = abs.filename().string();
  }
  if (!config) return std::nullopt;
  if (options.drafts) config->include_drafts = true;
  if (!options.notes.empty()) config->notes_dir = options.notes;
  if (!options.out.empty()) config->output_dir = options.out;
  if (!options.base_url.empty()) {
    // The sitemap and the feed need absolute URLs: refuse anything else now
    // rather than publish links that lead nowhere.
    const std::string& u = options.base_url;
    if (u.rfind("https://", 0) != 0 && u.rfind("http://", 0) != 0) {
      diags.error("--base-url", 0, 0, "\"" + u + "\" is not an absolute http(s) URL; write it like https://user.github.io/notes/");
      return std::nullopt;
    }
    config->base_url = u;
  }
  return config;
}

int run_build(const SiteOptions& options, bool strict, bool quiet) {
  Diagnostics diags;
  auto config = resolve_config(options, diags);
  if (!config) { print_diagnostics(diags); return 1; }
  site::BuildOptions build{*config, strict, true};
  build.cache = !options.no_cache;
  build.last_work = true;  // kb build exits after it
  site::BuildStats stats;
  bool ok = site::build(build, diags, stats);
  print_diagnostics(diags);
  if (!ok) {
    std::cerr << fmt::format("kb: build failed ({}, {}); {} left unchanged\n",
                             plural(diags.error_count(), "error", "errors"),
                             plural(diags.warning_count(), "warning", "warnings"),
                             content::display_path(config->output_dir));
    return 1;
  }
  if (!quiet) {
    std::error_code ec;
    fs::path index = fs::weakly_canonical(config->output_dir / "index.html", ec);
    std::cout << fmt::format(
        "Notes: {}\n"
        "Built {} ({}, {} copied{}) into {} in {:.2f} s{}\n"
        "{}{}{}"
        "Open file://{} in a browser, or run: kb serve\n",
        stats.convention, plural(stats.pages, "note", "notes"), plural(stats.links, "link", "links"),
        plural(stats.files, "file", "files"),
        stats.demos.demos ? fmt::format("; {}, {}, {} from the cache", plural(stats.demos.demos, "demo", "demos"),
                                        plural(stats.demos.variants, "variant", "variants"), stats.demos.cache_hits)
                          : "",
        content::display_path(config->output_dir), stats.seconds,
        stats.broken_links ? fmt::format("; {} (see above)", plural(stats.broken_links, "broken link", "broken links")) : "",
        drafts_line(*config, stats.drafts, "build"), left_out_line(stats.left_out),
        stats.incremental ? fmt::format("Only what changed since the last build: {} rendered, {} written, {} removed\n",
                                        plural(stats.rendered, "page", "pages"), plural(stats.written, "file", "files"),
                                        stats.removed)
                          : "",
        index.string());
  }
  return 0;
}

int run_check(const SiteOptions& options, bool strict) {
  Diagnostics diags;
  auto config = resolve_config(options, diags);
  if (!config) { print_diagnostics(diags); return 1; }
  site::BuildOptions build{*config, strict, false};
  site::BuildStats stats;
  bool ok = site::build(build, diags, stats);
  if (strict && diags.warning_count() > 0) ok = false;
  print_diagnostics(diags);
  if (!stats.convention.empty()) std::cout << "Notes: " << stats.convention << "\n";
  std::cout << drafts_line(*config, stats.drafts, "check") << left_out_line(stats.left_out);
  std::cout << fmt::format("{}: {}, {}, {}, {}, {}\n", ok ? "ok" : "problems found",
                           plural(stats.pages, "note", "notes"), plural(stats.links, "link", "links"),
                           plural(stats.broken_links, "broken link", "broken links"),
                           plural(diags.error_count(), "error", "errors"),
                           plural(diags.warning_count(), "warning", "warnings"));
  return ok ? 0 : 1;
}

void add_search_api(serve::StaticServer& server, const fs::path& root, std::shared_mutex* gate) {
  // The site's search box asks this when served (the static index is its
  // fallback on file:// and GitHub Pages). Searchers stay open between
  // searches, one per processor (search/searcher_pool.h): a rebuild that
  // swaps the site in is picked up at the next search.
  auto pool = std::make_shared<search::SearcherPool>(site::search_index_dir(root), std::thread::hardware_concurrency(),
                                                     [root] { return site::index_problem(root); });
  server.add_get("/api/search", [pool, gate](const serve::HttpRequest& req, serve::HttpResponse& res) {
    res.content_type = "application/json; charset=utf-8";
    std::shared_lock<std::shared_mutex> updated;
    if (gate) updated = std::shared_lock<std::shared_mutex>(*gate);
    auto searcher = pool->lend();
    if (!searcher) {
      res.status = 503;
      res.body = nlohmann::json{{"error", searcher.error()}}.dump();
      return;
    }
    search::SearchOptions so;
    so.query = req.param("q");
    try {
      so.limit = std::clamp<size_t>(std::stoul(req.param("limit", "10")), 1, search::kMaxLimit);
    } catch (const std::exception&) {
      so.limit = 10;
    }
    so.prefix_last = req.param("prefix") == "1";
    for (auto [it, end] = req.query.equal_range("domain"); it != end; ++it) so.domains.push_back(it->second);
    for (auto [it, end] = req.query.equal_range("tag"); it != end; ++it) so.tags.push_back(it->second);
    search::SearchResponse r = searcher->search(so);
    if (!r.error.empty()) res.status = 400;
    res.body = search::to_json(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  });
}

int run_serve(const SiteOptions& options, const std::string& site_dir, const std::string& host, int port) {
  Diagnostics diags;
  fs::path root = site_dir;
  if (root.empty()) {
    auto config = resolve_config(options, diags);
    if (!config) { print_diagnostics(diags); return 1; }
    root = config->output_dir;
  }
  std::error_code ec;
  if (!fs::is_regular_file(root / "index.html", ec)) {
    std::cerr << fmt::format("kb: {} holds no built site (no index.html): run kb build first, or pass --site DIR\n",
                             content::display_path(root));
    return 1;
  }
  serve::ServeOptions serve_options;
  serve_options.root = root;
  serve_options.host = host;
  serve_options.port = port;
  serve::StaticServer server(serve_options);
  add_search_api(server, root);
  if (auto error = server.bind()) {
    std::cerr << "kb: " << *error << "\n";
    return 1;
  }
  std::cout << fmt::format("Serving {} at {} (Ctrl-C stops)", content::display_path(root), server.url()) << std::endl;
  // The search database, if the build left it to be made: ready before the
  // first search when it can be (a search meanwhile waits for it).
  std::thread prepare([root] {
    std::string error;
    if (site::index_problem(root).empty()) search::sync_database(site::search_index_dir(root), error);
  });
  bool ok = serve::run_until_interrupted(server);
  prepare.join();
  return ok ? 0 : 1;
}

namespace {

// The built site a command reads: --site, else the configured output folder.
std::optional<fs::path> site_root(const SiteOptions& options, const std::string& site_dir, Diagnostics& diags) {
  if (!site_dir.empty()) return fs::path(site_dir);
  auto config = resolve_config(options, diags);
  if (!config) return std::nullopt;
  return config->output_dir;
}

// A snippet's HTML for a terminal: tags dropped, entities decoded, matches
// in bold when writing to a terminal.
std::string snippet_for_terminal(const std::string& html, bool tty) {
  std::string out;
  for (size_t i = 0; i < html.size();) {
    if (html.compare(i, 6, "<mark>") == 0) { if (tty) out += "\033[1m"; i += 6; continue; }
    if (html.compare(i, 7, "</mark>") == 0) { if (tty) out += "\033[0m"; i += 7; continue; }
    if (html.compare(i, 5, "&amp;") == 0) { out += '&'; i += 5; continue; }
    if (html.compare(i, 4, "&lt;") == 0) { out += '<'; i += 4; continue; }
    if (html.compare(i, 4, "&gt;") == 0) { out += '>'; i += 4; continue; }
    out += html[i] == '\n' ? ' ' : html[i];
    ++i;
  }
  return out;
}

}  // namespace

int run_search(const SiteOptions& options, const SearchCommand& command) {
  Diagnostics diags;
  auto root = site_root(options, command.site_dir, diags);
  if (!root) { print_diagnostics(diags); return 1; }
  std::string error = site::index_problem(*root);
  if (!error.empty()) {
    std::cerr << "kb: " << error << "\n";
    return 1;
  }
  const fs::path index_dir = site::search_index_dir(*root);
  // After a full build the database is made now, once (search/site_search.h):
  // said to a person at a terminal, never into a script's output.
  if (::isatty(STDERR_FILENO) && !search::database_is_current(index_dir) && search::read_pages(index_dir))
    std::cerr << fmt::format("kb: making the search database of {} (once after a full build)...\n",
                             content::display_path(*root));
  auto searcher = search::open_site_search(index_dir, error);
  if (!searcher) {
    std::cerr << "kb: " << error << "\n";
    return 1;
  }
  search::SearchOptions so;
  so.query = command.query;
  so.limit = command.limit;
  so.domains = command.domains;
  so.tags = command.tags;
  search::SearchResponse r = searcher->search(so);
  if (command.json) {
    std::cout << search::to_json(r).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return r.error.empty() ? 0 : 1;
  }
  if (!r.error.empty()) {
    std::cerr << "kb: " << r.error << "\n";
    return 1;
  }
  bool tty = ::isatty(STDOUT_FILENO);
  if (r.corrected) std::cout << fmt::format("Did you mean: {}? Showing its results.\n", *r.corrected);
  std::cout << fmt::format("{} for \"{}\"\n", plural(r.total, "page", "pages"), r.corrected ? *r.corrected : r.query);
  size_t n = 0;
  for (const auto& x : r.results) {
    std::cout << fmt::format("\n{:>2}. {}  ({:.3f})\n    {}{}\n", ++n, x.title, x.score,
                             x.breadcrumb.empty() ? "" : x.breadcrumb + " \u203A ", x.url);
    if (!x.snippet.empty()) std::cout << "    " << snippet_for_terminal(x.snippet, tty) << "\n";
  }
  if (!r.facets.empty()) {
    std::cout << "\n";
    for (const auto& [facet, values] : r.facets) {
      std::cout << facet << ":";
      for (const auto& [v, count] : values) std::cout << " " << v << " (" << count << ")";
      std::cout << "\n";
    }
  }
  return 0;
}

int run_deploy(const SiteOptions& options, const DeployCommand& command) {
  Diagnostics diags;
  auto config = resolve_config(options, diags);
  if (!config) { print_diagnostics(diags); return 1; }
  // A deploy publishes what a build just made, never a stale or failed one,
  // and never drafts: kb deploy has no --drafts (remove draft: true to publish).
  config->include_drafts = false;
  // A site built inside the repository's working tree, where git does not
  // ignore it, would be left there as untracked files: build it in kb's
  // cache instead (an explicit --out is kept).
  if (options.out.empty() && deploy::in_working_tree_unignored(config->notes_dir, config->output_dir)) {
    std::error_code ec;
    const std::string key = std::to_string(std::hash<std::string>{}(fs::weakly_canonical(config->notes_dir, ec).string()));
    const std::string usual = content::display_path(config->output_dir);
    config->output_dir = math::default_cache_dir() / "deploy" / key / "site";
    std::cout << "kb: building the site in " << content::display_path(config->output_dir) << " (git does not ignore "
              << usual << "/; add it to .gitignore to build it there)\n";
  }
  site::BuildOptions build{*config, false, true};
  build.cache = !options.no_cache;
  site::BuildStats stats;
  bool ok = site::build(build, diags, stats);
  print_diagnostics(diags);
  if (!ok) {
    std::cerr << "kb: build failed; nothing was deployed\n";
    return 1;
  }
  deploy::DeployOptions d;
  d.site_dir = config->output_dir;
  d.source_dir = config->notes_dir;
  d.branch = command.branch;
  d.remote = command.remote;
  d.push = command.push;
  d.allow_dirty = command.allow_dirty;
  d.domain = config->domain;
  auto result = deploy::deploy(d);
  if (!result) {
    std::cerr << "kb: deploy failed: " << result.error() << "\n";
    return 1;
  }
  const auto& r = *result;
  if (r.tree_unchanged)
    std::cout << fmt::format("Site unchanged since the last deploy ({} on {}): nothing committed\n", r.commit.substr(0, 12),
                             command.branch);
  else
    std::cout << fmt::format("Deployed {} files as {} on {}\n", r.files, r.commit.substr(0, 12), command.branch);
  if (!r.pushed_to.empty()) std::cout << "Pushed to " << r.pushed_to << "\n";
  else if (!command.push) std::cout << "Push it with: git push " << command.remote << " " << command.branch << " (or kb deploy --push)\n";
  return 0;
}

namespace {

// A new note whose name kb gives one of its own pages (search.html, 404.html)
// will be published at a numbered URL; an index.md or README.md is its
// folder's page rather than a note: say so when it is written.
void new_note_notice(const Config& config, const fs::path& file, Diagnostics& diags) {
  std::string folder = file.parent_path().lexically_relative(config.notes_dir).generic_string();
  std::string stem = file.stem().string();
  std::string url = (folder.empty() || folder == "." ? "" : text::url_slug(folder) + "/") + text::url_slug(stem) + ".html";
  std::string what = site::reserved_urls(config, Corpus{}, {}, true).owner(url);
  std::error_code ec;
  if (!what.empty())
    diags.warning(content::display_path(file), 0, 0,
                  "its page URL " + url + " is where kb writes " + what +
                      ", so kb build will publish it at a numbered URL: rename the file to choose another");
  else if (stem == "index" || (text::lookup_key(stem) == "readme" && !fs::exists(file.parent_path() / "index.md", ec)))
    diags.warning(content::display_path(file), 0, 0,
                  "a note named " + file.filename().string() +
                      " is its folder's page (at the notes root, the home page's introduction), not a note of "
                      "its own: rename the file if you meant a note");
}

}  // namespace

int run_new(const SiteOptions& options, const std::string& title, const std::string& domain) {
  Diagnostics diags;
  auto config = resolve_config(options, diags);
  if (!config) { print_diagnostics(diags); return 1; }
  NewNoteOptions note;
  note.notes_dir = config->notes_dir;
  note.title = title;
  note.domain = domain;
  note.date = iso_date(std::time(nullptr));
  auto path = create_note(note, diags);
  if (path) new_note_notice(*config, *path, diags);
  print_diagnostics(diags);
  if (!path) return 1;
  std::cout << "Wrote " << content::display_path(*path) << "\n";
  return 0;
}

}  // namespace kb::cli
