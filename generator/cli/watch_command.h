// `kb serve --watch`: build, serve, and rebuild on every change, with the
// browser reloading itself (serve/live_reload.h).
//
// Contract:
// - Binds the port before the first build, so a busy port is reported at
//   once ("port 8000 is already in use; choose another with --port").
// - Watches the notes, the templates and assets folders and site.toml
//   (serve/watcher.h); a burst of changes is one rebuild. site.toml is read
//   again on every rebuild.
// - A rebuild that fails leaves the last good site served; its problems are
//   printed as file:line:col and shown over every open page until a build
//   succeeds. A change only to the theme's .css files swaps the stylesheets
//   in open pages instead of reloading them.
// - Ctrl-C (or SIGTERM) stops a build in progress, closes the event streams
//   and returns 0.
#pragma once

#include <string>

#include "cli/commands.h"

namespace kb::cli {

struct WatchCommand {
  std::string host = "127.0.0.1";
  int port = 8000;
  bool quiet = false;  // no per-request log lines
};

int run_watch(const SiteOptions& options, const WatchCommand& command);

}  // namespace kb::cli
