// Watcher: tells `kb serve --watch` when the sources of the site changed.
//
// Contract:
// - open() watches every folder under each of `dirs` (new subfolders are
//   added as they appear) and each of `files` (through its parent folder,
//   events for other names there ignored), with Linux inotify. Paths that do
//   not exist are skipped (a site without a templates folder).
// - wait() blocks until something relevant changed and then stayed quiet for
//   `quiet` (or `max_delay` passed since the first change), and returns the
//   changed paths, each once, sorted: a `git checkout` of 500 files is one
//   batch. A batch of at most `few` paths (an editor's save) ends sooner,
//   after `settle` without events: its events come together, and every
//   millisecond here is one the author waits for the page. Quiet counts
//   from when an event came (a thread reads them as they come), not from
//   when wait() was called. It returns nullopt after `timeout` with nothing
//   to report, so the caller can check whether to stop.
// - Editors' temporary files never count (ignored_name()), nor anything in a
//   hidden folder (.git, .obsidian; .obsidian/app.json, which decides line
//   breaks, excepted). A write-then-rename save counts once, as the final
//   name.
// - When the kernel drops events (queue overflow), the batch has
//   `overflow` set: the caller must assume anything changed.
// - Errors come back as messages; nothing throws.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kb::serve {

struct WatchOptions {
  std::vector<std::filesystem::path> dirs;   // watched recursively
  std::vector<std::filesystem::path> files;  // single files (site.toml)
  std::chrono::milliseconds quiet{60};       // a batch ends after this long without events
  std::chrono::milliseconds settle{15};      // ...a batch of at most `few` paths, after this long
  size_t few = 4;
  std::chrono::milliseconds max_delay{1500}; // ...or this long after its first event
};

struct Changes {
  std::vector<std::filesystem::path> paths;  // absolute, sorted, each once
  bool overflow = false;                     // events were lost: rebuild everything
};

// Swap files, backups and lock files editors write beside the real one:
// "x.md~", ".x.md.swp" (and .swo, .swx), "#x.md#", ".#x.md", "4913" (vim's
// probe), "x.md.tmp", ".goutputstream-*", "x.md.kate-swp", "x.md.crswap".
bool ignored_name(std::string_view name);

class Watcher {
 public:
  static std::unique_ptr<Watcher> open(const WatchOptions& options, std::string& error);
  ~Watcher();
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  std::optional<Changes> wait(std::chrono::milliseconds timeout);

 private:
  struct Impl;
  explicit Watcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kb::serve
