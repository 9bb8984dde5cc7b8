#include "site/output.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <stdio.h>

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <system_error>

namespace kb::site {
namespace fs = std::filesystem;

namespace {
// `dest` as one absolute, normal path without a trailing '/', so that
// "_site", "./_site/" and "/x/_site" name one folder.
fs::path folder_path(const fs::path& dest_in) {
  std::error_code ec;
  fs::path dest = fs::absolute(dest_in, ec).lexically_normal();
  if (!dest.has_filename()) dest = dest.parent_path();
  return dest;
}
}  // namespace

std::optional<OutputLock> OutputLock::acquire(const fs::path& dest_in, std::string& error) {
  std::error_code ec;
  const fs::path dest = folder_path(dest_in);
  char name[40];  // (libstdc++'s string hash is the same in every process)
  snprintf(name, sizeof name, "kb-%016llx.lock",
           static_cast<unsigned long long>(std::hash<std::string>{}(dest.string())));
  const fs::path file = fs::temp_directory_path(ec) / name;
  int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0) fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);  // another user's file: lock it still
  if (fd < 0) return OutputLock(-1);  // no temp folder to lock in: build unguarded
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    char pid[32] = {0};
    ssize_t n = ::pread(fd, pid, sizeof pid - 1, 0);
    std::string holder = n > 0 ? std::string(pid, static_cast<size_t>(n)) : std::string();
    while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
    ::close(fd);
    error = "another kb build" + (holder.empty() ? std::string() : " (process " + holder + ")") + " is writing " +
            dest_in.string() + " now; run this one when it has finished (or build into another --out)";
    return std::nullopt;
  }
  const std::string me = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) == 0) (void)!::pwrite(fd, me.data(), me.size(), 0);
  return OutputLock(fd);
}

OutputLock::~OutputLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

size_t remove_stale_folders(const fs::path& dest_in) {
  std::error_code ec;
  const fs::path dest = folder_path(dest_in);
  const std::string name = dest.filename().string();
  size_t removed = 0;
  for (fs::directory_iterator it(dest.parent_path(), ec), end; !ec && it != end; it.increment(ec)) {
    const std::string entry = it->path().filename().string();
    for (const char* kind : {".kb-staging-", ".kb-old-"}) {
      const std::string prefix = name + kind;
      if (entry.size() <= prefix.size() || entry.compare(0, prefix.size(), prefix) != 0) continue;
      const std::string digits = entry.substr(prefix.size());
      if (digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9) continue;
      const pid_t pid = static_cast<pid_t>(std::stol(digits));
      // Only a process that is gone: a running build (or a reused pid) keeps its folder.
      if (pid <= 0 || pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;
      std::error_code rm;
      fs::remove_all(it->path(), rm);
      removed += !rm;
    }
  }
  return removed;
}

std::optional<StagedOutput> StagedOutput::open(const fs::path& dest_in, std::string& error) {
  std::error_code ec;
  const fs::path dest = folder_path(dest_in);
  if (dest == dest.root_path()) {
    error = "refusing to write the site to " + dest.string() + ": choose an output folder";
    return std::nullopt;
  }
  auto status = fs::symlink_status(dest, ec);
  if (fs::exists(status)) {
    if (!fs::is_directory(status)) {
      error = "output path " + dest_in.string() + " exists and is not a folder: remove it or choose another --out";
      return std::nullopt;
    }
    bool empty = fs::is_empty(dest, ec);
    if (!empty && !fs::exists(dest / kMarker, ec)) {
      error = "refusing to replace " + dest_in.string() +
              ": it is not empty and was not written by kb (no " + kMarker +
              " file in it); choose another --out or empty it yourself";
      return std::nullopt;
    }
  }
  remove_stale_folders(dest);
  fs::path staging = dest;
  staging += ".kb-staging-" + std::to_string(::getpid());
  fs::remove_all(staging, ec);
  if (!fs::create_directories(staging, ec) && ec) {
    error = "cannot create " + staging.string() + ": " + ec.message();
    return std::nullopt;
  }
  StagedOutput out(dest, staging);
  std::string marker_error;
  if (!out.write(kMarker, "This folder was written by kb build; kb replaces it on the next build.\n", marker_error)) {
    error = marker_error;
    return std::nullopt;
  }
  return out;
}

StagedOutput::StagedOutput(StagedOutput&& other) noexcept
    : dest_(std::move(other.dest_)), staging_(std::move(other.staging_)), committed_(other.committed_) {
  other.committed_ = true;  // the moved-from object must not clean up
}

StagedOutput::~StagedOutput() {
  if (committed_ || staging_.empty()) return;
  std::error_code ec;
  fs::remove_all(staging_, ec);
}

bool StagedOutput::ensure_parent(const fs::path& file, std::string& error) {
  fs::path parent = file.parent_path();
  std::error_code ec;
  if (fs::is_directory(parent, ec)) return true;
  std::lock_guard<std::mutex> lock(dirs_mutex_);
  fs::create_directories(parent, ec);
  if (ec) {
    error = "cannot create " + parent.string() + ": " + ec.message();
    return false;
  }
  return true;
}

bool StagedOutput::write(std::string_view url, std::string_view content, std::string& error) {
  fs::path file = staging_ / fs::path(std::string(url));
  if (!ensure_parent(file, error)) return false;
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (out) out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) {
    error = "cannot write " + file.string() + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

bool StagedOutput::copy(const fs::path& from, std::string_view url, std::string& error) {
  fs::path file = staging_ / fs::path(std::string(url));
  if (!ensure_parent(file, error)) return false;
  std::error_code ec;
  fs::copy_file(from, file, fs::copy_options::overwrite_existing, ec);
  if (ec) {
    error = "cannot copy " + from.string() + " to the site: " + ec.message();
    return false;
  }
  return true;
}

bool StagedOutput::commit(std::string& error) {
  std::error_code ec;
  fs::path old = dest_;
  old += ".kb-old-" + std::to_string(::getpid());
  bool had_old = fs::exists(dest_, ec);
  // One atomic step where the kernel can: the two folders trade places, so
  // a server reading the site (kb serve --watch) never finds it missing.
  if (had_old && ::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, dest_.c_str(), RENAME_EXCHANGE) == 0) {
    committed_ = true;
    fs::remove_all(staging_, ec);  // now the previous site
    return true;
  }
  if (had_old) {
    fs::remove_all(old, ec);
    fs::rename(dest_, old, ec);
    if (ec) {
      error = "cannot move the previous site aside (" + dest_.string() + "): " + ec.message();
      return false;
    }
  } else if (!dest_.parent_path().empty()) {
    fs::create_directories(dest_.parent_path(), ec);
  }
  fs::rename(staging_, dest_, ec);
  if (ec) {
    error = "cannot move the new site into place (" + dest_.string() + "): " + ec.message();
    std::error_code undo;
    if (had_old) fs::rename(old, dest_, undo);  // put the previous site back
    return false;
  }
  committed_ = true;
  if (had_old) fs::remove_all(old, ec);
  return true;
}

}  // namespace kb::site
