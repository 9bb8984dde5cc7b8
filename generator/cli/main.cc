// kb: the command line. Parses arguments and calls one command; nothing else.
#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/cards_command.h"
#include "cli/quiz_command.h"
#include "cli/commands.h"
#include "cli/demo_command.h"
#include "cli/watch_command.h"
#include "serve/server.h"

#ifdef KB_MIMALLOC_LINKED
#include <mimalloc.h>
#endif

namespace {
// kb serve runs for hours on 256 worker threads, and mimalloc keeps each
// thread's freed pages for a while: over 100,000 searches on 8 connections
// the server grew from 102 to 145 MB; with freed pages reset and decommitted
// at once, from 74 to 101 MB (kb_serve_bench --soak). Builds keep mimalloc's
// faster defaults.
void for_a_long_running_server() {
#ifdef KB_MIMALLOC_LINKED
  mi_option_set(mi_option_page_reset, 1);
  mi_option_set(mi_option_decommit_delay, 0);  // MIMALLOC_RESET_DELAY's option
  // A worker done with a connection gives back what its heap holds free.
  kb::serve::set_worker_done_hook([] { mi_collect(true); });
#endif
}
}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kb: build a cross-linked, searchable static site from a folder of markdown notes"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "kb 0.1.0");

  kb::cli::SiteOptions site;
  auto add_site_options = [&](CLI::App* cmd, bool with_out) {
    cmd->add_option("--config", site.config, "site configuration (default: ./site.toml if present)");
    cmd->add_option("--notes", site.notes, "folder of markdown notes (overrides site.toml)");
    if (with_out) {
      cmd->add_option("--out", site.out, "output folder (overrides site.toml; default _site)");
      cmd->add_option("--base-url", site.base_url,
                      "absolute URL the site is published at (overrides site.toml; for sitemap.xml and feed.xml)");
    }
  };

  bool strict = false, quiet = false;
  auto* build = app.add_subcommand("build", "build the site into the output folder (atomically)");
  add_site_options(build, true);
  build->add_flag("--strict", strict, "fail on warnings (broken links, ambiguous titles)");
  build->add_flag("-q,--quiet", quiet, "print only problems");
  build->add_flag("--drafts", site.drafts, "also build notes marked draft: true or publish: false (a local preview)");
  build->add_flag("--no-cache", site.no_cache, "build everything anew, without reading or keeping the build cache");

  auto* check = app.add_subcommand("check", "load, parse and resolve every note without writing; report every problem");
  add_site_options(check, false);
  check->add_flag("--strict", strict, "fail on warnings too");
  check->add_flag("--drafts", site.drafts, "also check notes marked draft: true or publish: false");

  std::string site_dir, host = "127.0.0.1";
  int port = 8000;
  auto* serve = app.add_subcommand("serve", "serve the built site over HTTP on this machine");
  add_site_options(serve, true);
  serve->add_option("--site", site_dir, "built site to serve (default: the output folder)");
  serve->add_option("--port", port, "port to listen on")->check(CLI::Range(0, 65535));
  serve->add_option("--host", host, "address to bind (loopback by default)");
  bool watch = false;
  serve->add_flag("--watch", watch, "build the notes, serve them and rebuild on every change; open pages reload themselves");
  serve->add_flag("--drafts", site.drafts, "with --watch: build notes marked draft: true or publish: false too");
  serve->add_flag("--no-cache", site.no_cache, "with --watch: rebuild everything on every change (no build cache)");

  std::string title, domain;
  auto* create = app.add_subcommand("new", "write a new note with front matter where it belongs");
  add_site_options(create, false);
  create->add_option("title", title, "the note's title")->required();
  create->add_option("--domain", domain, "exam domain (the note goes into notes/<domain>/)");

  kb::cli::SearchCommand search_cmd;
  auto* search = app.add_subcommand("search", "search the built site's index from the command line");
  add_site_options(search, true);
  search->add_option("query", search_cmd.query,
                     "words, \"phrases\", AND/OR/NOT, prefix*, title:/tag:/domain:/kind: fields")->required();
  search->add_option("--site", search_cmd.site_dir, "built site to search (default: the output folder)");
  search->add_option("--limit", search_cmd.limit, "results to show (default 10)")->check(CLI::Range(1, 1000));
  search->add_option("--domain", search_cmd.domains, "only pages of this domain (repeatable; exam:domain, like mla-c01:model-development, for one exam of several)");
  search->add_option("--tag", search_cmd.tags, "only pages with this tag (repeatable)");
  search->add_flag("--json", search_cmd.json, "print JSON: query, corrected, total, results, facets");

  kb::cli::CardsCommand cards_cmd;
  auto* cards = app.add_subcommand("cards", "print every flashcard of the notes, for Anki (tsv) or other tools (json)");
  add_site_options(cards, false);
  cards->add_option("--format", cards_cmd.format, "tsv (Anki's text import, the default) or json");

  kb::cli::QuizCommand quiz_cmd;
  auto* quiz = app.add_subcommand("quiz", "list every practice question of the notes (checked), or print them as JSON");
  add_site_options(quiz, false);
  quiz->add_flag("--json", quiz_cmd.json, "print JSON: id, note, domain, exams, stem, options, answers, explanation, links");

  kb::cli::DeployCommand deploy_cmd;
  auto* deploy = app.add_subcommand("deploy", "build, then commit the site to a branch (gh-pages) without touching your working tree");
  add_site_options(deploy, true);
  deploy->add_option("--branch", deploy_cmd.branch, "branch that receives the site");
  deploy->add_option("--remote", deploy_cmd.remote, "remote to push to (name, URL or path)");
  deploy->add_flag("--push", deploy_cmd.push, "push the branch after committing");
  deploy->add_flag("--allow-dirty", deploy_cmd.allow_dirty, "deploy even with uncommitted changes");

  kb::cli::DemoCommand demo_cmd;
  auto* demo = app.add_subcommand("demo", "run one algorithm kernel on generated data or a CSV and print its result");
  demo->add_option("kernel", demo_cmd.kernel, "kernel name (omit, or --list, to list them)");
  demo->add_option("--input", demo_cmd.input, "CSV with a header row and numeric columns (supervised: label last)");
  demo->add_option("--set", demo_cmd.sets, "parameter as key=value, e.g. k=3 or data.n=200 (repeatable)");
  demo->add_flag("--json", demo_cmd.json, "print the result (or with --describe, the spec) as JSON");
  demo->add_flag("--list", demo_cmd.list, "list the kernels with one-line summaries");
  demo->add_flag("--describe", demo_cmd.describe, "print the kernel's parameters and output fields");

  // A usage error exits 2, as the README says (CLI11's own codes are 105 and up).
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;  // --help: 0
  }
  try {
    if (*build) return kb::cli::run_build(site, strict, quiet);
    if (*check) return kb::cli::run_check(site, strict);
    if (*serve) for_a_long_running_server();
    if (*serve && watch) {
      if (!site_dir.empty()) {
        std::cerr << "kb: --watch builds the notes into the output folder: give --out, not --site\n";
        return 2;
      }
      kb::cli::WatchCommand watch_cmd;
      watch_cmd.host = host;
      watch_cmd.port = port;
      return kb::cli::run_watch(site, watch_cmd);
    }
    if (*serve) return kb::cli::run_serve(site, site_dir, host, port);
    if (*create) return kb::cli::run_new(site, title, domain);
    if (*search) return kb::cli::run_search(site, search_cmd);
    if (*deploy) return kb::cli::run_deploy(site, deploy_cmd);
    if (*cards) return kb::cli::run_cards(site, cards_cmd, std::cout, std::cerr);
    if (*quiz) return kb::cli::run_quiz(site, quiz_cmd, std::cout, std::cerr);
    if (*demo) return kb::cli::run_demo(demo_cmd, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "kb: internal error: " << e.what() << "\n(please report this with the command you ran)\n";
    return 70;
  }
  return 0;
}
