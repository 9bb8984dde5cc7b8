#include "serve/watcher.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

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

  // The reader thread takes each event as it comes, with the time it came:
  // a batch's quiet counts from there, not from when wait() got to it (an
  // edit saved while the last rebuild was finishing waits no longer for it).
  // Everything above is the reader's alone once it runs.
  struct Arrival {
    fs::path path;          // empty: events were lost
    Clock::time_point at;
  };
  std::mutex mutex;
  std::condition_variable arrived;
  std::deque<Arrival> queue;
  int wake = -1;  // an eventfd: stops the reader
  std::thread reader;

  ~Impl() {
    if (reader.joinable()) {
      uint64_t one = 1;
      (void)!::write(wake, &one, sizeof one);
      reader.join();
    }
    if (wake >= 0) ::close(wake);
    if (fd >= 0) ::close(fd);
  }

  void read_events();

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
  impl->wake = ::eventfd(0, EFD_CLOEXEC);
  if (impl->wake < 0) {
    error = std::string("cannot watch for changes (eventfd: ") + std::strerror(errno) + ")";
    return nullptr;
  }
  impl->reader = std::thread([w = impl.get()] { w->read_events(); });
  return std::unique_ptr<Watcher>(new Watcher(std::move(impl)));
}

void Watcher::Impl::read_events() {
  alignas(inotify_event) char buffer[64 * 1024];
  for (;;) {
    pollfd p[2] = {{fd, POLLIN, 0}, {wake, POLLIN, 0}};
    int r = ::poll(p, 2, -1);
    if (r < 0 && errno != EINTR) return;
    if (p[1].revents) return;
    if (r <= 0) continue;
    std::vector<Arrival> came;  // handed over under one lock
    auto push = [&](fs::path path, Clock::time_point at) { came.push_back({std::move(path), at}); };
    for (;;) {
      ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n <= 0) break;
      const auto now = Clock::now();
      for (char* at = buffer; at < buffer + n;) {
        auto* e = reinterpret_cast<inotify_event*>(at);
        at += sizeof(inotify_event) + e->len;
        if (e->mask & IN_Q_OVERFLOW) {
          push({}, now);
          continue;
        }
        auto dir = dirs.find(e->wd);
        if (dir == dirs.end()) continue;
        if (e->mask & IN_IGNORED) {  // the folder is gone
          dirs.erase(dir);
          continue;
        }
        std::string name = e->len ? std::string(e->name) : std::string();
        if (name.empty()) continue;  // IN_DELETE_SELF / IN_MOVE_SELF: its parent reports it
        fs::path path = dir->second / name;
        if ((e->mask & IN_ISDIR) && (e->mask & (IN_CREATE | IN_MOVED_TO)) && !hidden(name) && in_recursive(path)) {
          add_tree(path);  // a new folder: watch it, and count what it already holds
          std::error_code ec;
          for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
               it.increment(ec))
            if (it->is_regular_file(ec) && relevant(it->path().parent_path(), it->path().filename().string()))
              push(it->path(), now);
        }
        if (!relevant(dir->second, name)) continue;
        // A file created but not yet written counts when it is closed.
        if ((e->mask & IN_CREATE) && !(e->mask & IN_ISDIR)) continue;
        push(path, now);
      }
    }
    if (came.empty()) continue;
    std::lock_guard<std::mutex> lock(mutex);
    for (auto& a : came) queue.push_back(std::move(a));
    arrived.notify_all();
  }
}

std::optional<Changes> Watcher::wait(std::chrono::milliseconds timeout) {
  Impl& w = *impl_;
  Changes changes;
  std::set<fs::path> paths;
  const auto give_up = Clock::now() + timeout;
  std::optional<Clock::time_point> first, last;
  std::unique_lock<std::mutex> lock(w.mutex);
  for (;;) {
    for (; !w.queue.empty(); w.queue.pop_front()) {
      Impl::Arrival& a = w.queue.front();
      if (a.path.empty()) changes.overflow = true;
      else paths.insert(std::move(a.path));
      if (!first) first = a.at;
      last = a.at;
    }
    Clock::time_point until = give_up;
    if (first) {
      const auto quiet = paths.size() <= w.options.few && !changes.overflow ? std::min(w.options.settle, w.options.quiet)
                                                                            : w.options.quiet;
      until = std::min(*last + quiet, *first + w.options.max_delay);
    }
    if (Clock::now() >= until) break;
    w.arrived.wait_until(lock, until);
  }
  if (!first) return std::nullopt;
  changes.paths.assign(paths.begin(), paths.end());
  return changes;
}

}  // namespace kb::serve
