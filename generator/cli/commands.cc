#include "cli/commands.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include <fmt/core.h>

#include "cli/new_note.h"
#include "content/loader.h"
#include "serve/server.h"
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
  if (!options.notes.empty()) config->notes_dir = options.notes;
  if (!options.out.empty()) config->output_dir = options.out;
  return config;
}

int run_build(const SiteOptions& options, bool strict, bool quiet) {
  Diagnostics diags;
  auto config = resolve_config(options, diags);
  if (!config) { print_diagnostics(diags); return 1; }
  site::BuildOptions build{*config, strict, true};
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
        "Built {} ({}, {} copied) into {} in {:.2f} s{}\n"
        "Open file://{} in a browser, or run: kb serve\n",
        plural(stats.pages, "note", "notes"), plural(stats.links, "link", "links"),
        plural(stats.files, "file", "files"), content::display_path(config->output_dir), stats.seconds,
        stats.broken_links ? fmt::format("; {} (see above)", plural(stats.broken_links, "broken link", "broken links")) : "",
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
  std::cout << fmt::format("{}: {}, {}, {}, {}, {}\n", ok ? "ok" : "problems found",
                           plural(stats.pages, "note", "notes"), plural(stats.links, "link", "links"),
                           plural(stats.broken_links, "broken link", "broken links"),
                           plural(diags.error_count(), "error", "errors"),
                           plural(diags.warning_count(), "warning", "warnings"));
  return ok ? 0 : 1;
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
  if (auto error = server.bind()) {
    std::cerr << "kb: " << *error << "\n";
    return 1;
  }
  std::cout << fmt::format("Serving {} at {} (Ctrl-C stops)", content::display_path(root), server.url()) << std::endl;
  return serve::run_until_interrupted(server) ? 0 : 1;
}

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
  print_diagnostics(diags);
  if (!path) return 1;
  std::cout << "Wrote " << content::display_path(*path) << "\n";
  return 0;
}

}  // namespace kb::cli
