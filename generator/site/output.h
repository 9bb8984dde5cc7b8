// Output: writes a site into a staging folder beside the destination and
// swaps it in only when the whole build succeeded.
//
// Contract: open() checks the destination is safe to replace (absent, empty,
// or a previous kb output, marked by a `.kb-site` file) and creates the
// staging folder `<dest>.kb-staging-<pid>`. write() may be called from many
// threads (parent folders are created as needed). commit() swaps the staging
// folder in: the old output is renamed aside first and removed only after the
// new one is in place. If commit() is never called (a failed build, an
// exception), the destructor removes the staging folder and the destination
// is exactly as it was. Errors are returned as messages, never thrown.
// A build killed outright (SIGKILL, power) cannot clean up: the next one
// removes the staging and set-aside folders of builds whose process is gone
// (remove_stale_folders()).
#pragma once

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace kb::site {

// One build at a time writes an output folder: acquire() takes an exclusive
// lock (flock: released when the process ends, however it ends) on a file
// named by the folder's absolute path in the system's temp folder (not
// beside it: a repository's working tree would see it) and records the
// holder's pid in it. A second build is refused with a message naming the
// first, never left to mix its pages with the other's.
class OutputLock {
 public:
  static std::optional<OutputLock> acquire(const std::filesystem::path& dest, std::string& error);
  OutputLock(OutputLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  OutputLock& operator=(OutputLock&&) = delete;
  ~OutputLock();

 private:
  explicit OutputLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

// Removes `<dest>.kb-staging-<pid>` and `<dest>.kb-old-<pid>` beside `dest`
// whose process no longer runs; returns how many.
size_t remove_stale_folders(const std::filesystem::path& dest);

class StagedOutput {
 public:
  // nullopt and `error` set if `dest` must not be replaced.
  static std::optional<StagedOutput> open(const std::filesystem::path& dest, std::string& error);
  StagedOutput(StagedOutput&& other) noexcept;
  StagedOutput& operator=(StagedOutput&&) = delete;
  ~StagedOutput();

  // Write `content` to the site path `url` ("a/b.html"). Returns false and sets
  // `error` on failure (disk full, permissions).
  bool write(std::string_view url, std::string_view content, std::string& error);
  // Copy a file from disk to the site path `url`.
  bool copy(const std::filesystem::path& from, std::string_view url, std::string& error);
  bool commit(std::string& error);

  const std::filesystem::path& staging() const { return staging_; }
  static constexpr const char* kMarker = ".kb-site";

 private:
  StagedOutput(std::filesystem::path dest, std::filesystem::path staging)
      : dest_(std::move(dest)), staging_(std::move(staging)) {}
  bool ensure_parent(const std::filesystem::path& file, std::string& error);

  std::filesystem::path dest_;
  std::filesystem::path staging_;
  bool committed_ = false;
  std::mutex dirs_mutex_;  // create_directories is racy between threads
};

}  // namespace kb::site
