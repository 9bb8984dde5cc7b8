#include "serve/watcher.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <set>

namespace kb::serve {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

constexpr uint32_t kDirMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE |
                              IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;

}  // namespace

bool ignored_name(std::string_view name) {
  if (name.empty() || name == "." || name == "..") return true;
  if (name.back() == '~') return true;                                    // emacs, gedit backups
  if (name == "4913") return true;                                        // vim checks it may write here
  if (starts_with(name, ".#")) return true;                               // emacs lock
  if (name.front() == '#' && name.back() == '#') return true;             // emacs auto-save
  if (starts_with(name, ".goutputstream-")) return true;                  // GTK save-then-rename
  for (std::string_view ext : {".swp", ".swo", ".swx", ".tmp", ".kate-swp", ".crswap", ".part"})
    if (ends_with(name, ext)) return true;
  return false;
}

struct Watcher::Impl {
  int fd = -1;
  std::map<int, fs::path> dirs;               // watch descriptor -> folder
  std::map<fs::path, std::set<std::string>> only;  // folder -> the file names watched in it (single files)
  std::set<fs::path> recursive;               // folders watched with all they hold
  WatchOptions options;

  ~Impl() {
    if (fd >= 0) ::close(fd);
  }

  void add_dir(const fs::path& dir) {
    int wd = inotify_add_watch(fd, dir.c_str(), kDirMask);
    if (wd >= 0) dirs[wd] = dir;
  }

  // One name in a folder (a file, or a folder still to come), watched
  // through that folder for that name alone. (inotify gives a folder
  // watched twice the same descriptor.)
  void add_name(const fs::path& path) {
    std::error_code ec;
    if (!fs::is_directory(path.parent_path(), ec)) return;
    add_dir(path.parent_path());
    only[path.parent_path()].insert(path.filename().string());
  }

  // A folder and every non-hidden folder under it.
  void add_tree(const fs::path& root) {
    add_dir(root);
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_directory(ec) || it->is_symlink(ec)) continue;
      if (hidden(it->path().filename().string())) {
        if (it->path().filename() == ".obsidian") add_dir(it->path());  // for app.json only
        it.disable_recursion_pending();
        continue;
      }
      add_dir(it->path());
    }
  }

  static bool hidden(const std::string& name) { return !name.empty() && name[0] == '.'; }

  bool in_recursive(const fs::path& path) const {
    for (const auto& root : recursive) {
      auto rel = path.lexically_relative(root);
      if (!rel.empty() && *rel.begin() != "..") return true;
    }
    return false;
  }

  // Whether a change to `name` in watched folder `dir` matters.
  bool relevant(const fs::path& dir, const std::string& name) const {
    if (auto o = only.find(dir); o != only.end() && !in_recursive(dir / name)) return o->second.count(name) > 0;
    if (ignored_name(name)) return false;
    // Hidden files and anything in .obsidian but app.json (Obsidian rewrites
    // workspace.json on every click).
    if (dir.filename() == ".obsidian") return name == "app.json";
    return !hidden(name);
  }
};

Watcher::Watcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Watcher::~Watcher() = default;

std::unique_ptr<Watcher> Watcher::open(const WatchOptions& options, std::string& error) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (impl->fd < 0) {
    error = std::string("cannot watch for changes (inotify: ") + std::strerror(errno) + ")";
    return nullptr;
  }
  std::error_code ec;
  for (const auto& dir : options.dirs) {
    fs::path d = fs::weakly_canonical(fs::absolute(dir, ec), ec);
    impl->recursive.insert(d);
    if (fs::is_directory(d, ec)) {
      impl->add_tree(d);
      continue;
    }
    // Not there yet (a site without a templates folder): watch its parent
    // for it, and the folder itself once it appears.
    impl->add_name(d);
  }
  for (const auto& file : options.files)
    if (!file.empty()) impl->add_name(fs::weakly_canonical(fs::absolute(file, ec), ec));
  if (impl->dirs.empty()) {
    error = "nothing to watch: none of the folders exists, nor their parents";
    return nullptr;
  }
  return std::unique_ptr<Watcher>(new Watcher(std::move(impl)));
}

std::optional<Changes> Watcher::wait(std::chrono::milliseconds timeout) {
  Impl& w = *impl_;
  Changes changes;
  std::set<fs::path> paths;
  const auto start = Clock::now();
  std::optional<Clock::time_point> first, last;
  alignas(inotify_event) char buffer[64 * 1024];
  for (;;) {
    auto now = Clock::now();
    int wait_ms;
    if (!first) {
      auto left = timeout - std::chrono::duration_cast<std::chrono::milliseconds>(now - start);
      if (left.count() <= 0) return std::nullopt;
      wait_ms = static_cast<int>(left.count());
    } else {
      const auto quiet = paths.size() <= w.options.few && !changes.overflow ? std::min(w.options.settle, w.options.quiet)
                                                                            : w.options.quiet;
      auto quiet_left = quiet - std::chrono::duration_cast<std::chrono::milliseconds>(now - *last);
      auto max_left = w.options.max_delay - std::chrono::duration_cast<std::chrono::milliseconds>(now - *first);
      auto left = std::min(quiet_left, max_left);
      if (left.count() <= 0) break;
      wait_ms = static_cast<int>(left.count());
    }
    pollfd p{w.fd, POLLIN, 0};
    int r = ::poll(&p, 1, wait_ms);
    if (r < 0 && errno != EINTR) return std::nullopt;
    if (r <= 0) continue;
    for (;;) {
      ssize_t n = ::read(w.fd, buffer, sizeof buffer);
      if (n <= 0) break;
      for (char* at = buffer; at < buffer + n;) {
        auto* e = reinterpret_cast<inotify_event*>(at);
        at += sizeof(inotify_event) + e->len;
        if (e->mask & IN_Q_OVERFLOW) {
          changes.overflow = true;
          if (!first) first = Clock::now();
          last = Clock::now();
          continue;
        }
        auto dir = w.dirs.find(e->wd);
        if (dir == w.dirs.end()) continue;
        if (e->mask & IN_IGNORED) {  // the folder is gone
          w.dirs.erase(dir);
          continue;
        }
        std::string name = e->len ? std::string(e->name) : std::string();
        if (name.empty()) continue;  // IN_DELETE_SELF / IN_MOVE_SELF: its parent reports it
        fs::path path = dir->second / name;
        if ((e->mask & IN_ISDIR) && (e->mask & (IN_CREATE | IN_MOVED_TO)) && !Impl::hidden(name) &&
            w.in_recursive(path)) {
          w.add_tree(path);  // a new folder: watch it, and count what it already holds
          std::error_code ec;
          for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
               it.increment(ec))
            if (it->is_regular_file(ec) && w.relevant(it->path().parent_path(), it->path().filename().string()))
              paths.insert(it->path());
          if (!first) first = Clock::now();
          last = Clock::now();
        }
        if (!w.relevant(dir->second, name)) continue;
        // A file created but not yet written counts when it is closed.
        if ((e->mask & IN_CREATE) && !(e->mask & IN_ISDIR)) continue;
        paths.insert(path);
        if (!first) first = Clock::now();
        last = Clock::now();
      }
    }
  }
  changes.paths.assign(paths.begin(), paths.end());
  return changes;
}

}  // namespace kb::serve
