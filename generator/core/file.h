// Whole-file reads and atomic writes, for the loaders and the disk caches.
//
// Contract:
// - read_file() returns the file's bytes, or nullopt when it cannot be
//   opened or read (the caller says which file and what to do).
// - read_file_at_most() reads a file of at most `limit` bytes with POSIX
//   calls (every note of a vault is read on every build: a stream read byte
//   by byte cost a third of an edit build's loading; read_file() is it
//   without a limit); past the limit it
//   sets `too_big` and reads nothing; false with errno's text in `error`
//   when the file cannot be read (a folder included).
// - write_file_atomically() creates the parent folders, writes a temporary
//   file beside the target (named by pid and a counter) and renames it over
//   the target, so a reader never sees half a file and several processes
//   may write the same cache at once. It returns false, leaving nothing
//   behind, when any step fails.
// - identify() gives a file's identity (device, inode, size, change and
//   modification times, as git's index does): equal identities mean the
//   file was not touched, so a long-lived process need not read it again.
// - map_file() maps a file read-only (nullopt: cannot be opened or mapped;
//   an empty file maps to no bytes): a cache of tens of MB is read without
//   a copy, and only the pages used are touched. The mapping stays valid
//   while the MappedFile lives, even if the file is replaced by a rename (as
//   write_file_atomically() does); kb's caches are only ever replaced so.
// Thread safety: all may be called from many threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace kb::file {

std::optional<std::string> read_file(const std::filesystem::path& file);
bool read_file_at_most(const std::filesystem::path& file, size_t limit, std::string& out, std::string& error,
                       bool& too_big);

bool write_file_atomically(const std::filesystem::path& file, std::string_view bytes);
// Writes `bytes` to `file` (parent folders created), checking the data
// reached the file (a full disk shows when the buffer is flushed at close);
// false with errno's text in `error`, the partial file removed.
bool write_file_checked(const std::filesystem::path& file, std::string_view bytes, std::string& error);

class MappedFile {
 public:
  static std::shared_ptr<const MappedFile> map(const std::filesystem::path& file);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

 private:
  MappedFile(void* data, size_t size) : data_(data), size_(size) {}
  void* data_ = nullptr;
  size_t size_ = 0;
};

struct FileId {
  uint64_t dev = 0, ino = 0, size = 0, ctime_ns = 0, mtime_ns = 0;
  bool operator==(const FileId& o) const {
    return dev == o.dev && ino == o.ino && size == o.size && ctime_ns == o.ctime_ns && mtime_ns == o.mtime_ns;
  }
};
std::optional<FileId> identify(const std::filesystem::path& file);

}  // namespace kb::file
