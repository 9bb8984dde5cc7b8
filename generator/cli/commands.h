// The kb command line: one function per subcommand, each taking parsed
// options and returning the process exit code. main() only parses (CLI11).
//
// Contract: commands print results on stdout and problems on stderr as
// `path:line:col: error: message`; they never throw (unexpected exceptions
// are caught in main and reported as internal errors).
#pragma once

#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/diagnostic.h"
#include "serve/server.h"

namespace kb::cli {

// Options shared by commands that read a site.
struct SiteOptions {
  std::string config;  // --config; empty: ./site.toml if present, else defaults
  std::string notes;   // --notes; overrides site.toml
  std::string out;     // --out; overrides site.toml
  std::string base_url;  // --base-url; overrides site.toml (http:// or https://)
  bool drafts = false;   // --drafts: notes marked draft: true / publish: false are built too
  bool no_cache = false; // --no-cache: a full build, no build cache read or kept
};

// site.toml (or defaults) with command-line overrides applied.
std::optional<Config> resolve_config(const SiteOptions& options, Diagnostics& diags);

int run_build(const SiteOptions& options, bool strict, bool quiet);
int run_check(const SiteOptions& options, bool strict);
// GET /api/search on `server`, answered from the index of the site at `root`
// (opened per request, so a rebuilt site is searched at once).
// `gate`, when given, is held shared by each search: whoever holds it alone
// (kb serve --watch between telling the pages and updating the database)
// makes searches wait for the index the pages now need.
void add_search_api(serve::StaticServer& server, const std::filesystem::path& root,
                    std::shared_mutex* gate = nullptr);
int run_serve(const SiteOptions& options, const std::string& site_dir, const std::string& host, int port);
// Options of `kb search`.
struct SearchCommand {
  std::string query;
  std::string site_dir;              // --site; empty: the configured output folder
  size_t limit = 10;
  std::vector<std::string> domains;  // --domain (repeatable: any of them)
  std::vector<std::string> tags;     // --tag (repeatable: all of them)
  bool json = false;
};

int run_search(const SiteOptions& options, const SearchCommand& command);
// `kb deploy`: build, then publish the site as a commit on a branch.
struct DeployCommand {
  std::string branch = "gh-pages";  // branch that receives the site
  std::string remote = "origin";    // remote (name, URL or path) for --push
  bool push = false;                // push the branch after committing
  bool allow_dirty = false;         // deploy from a working tree with uncommitted changes
};
int run_deploy(const SiteOptions& options, const DeployCommand& command);

int run_new(const SiteOptions& options, const std::string& title, const std::string& domain);

}  // namespace kb::cli
