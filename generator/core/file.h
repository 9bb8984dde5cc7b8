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
// Thread safety: all may be called from many threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace kb::file {

std::optional<std::string> read_file(const std::filesystem::path& file);
bool read_file_at_most(const std::filesystem::path& file, size_t limit, std::string& out, std::string& error,
                       bool& too_big);

bool write_file_atomically(const std::filesystem::path& file, std::string_view bytes);

struct FileId {
  uint64_t dev = 0, ino = 0, size = 0, ctime_ns = 0, mtime_ns = 0;
  bool operator==(const FileId& o) const {
    return dev == o.dev && ino == o.ino && size == o.size && ctime_ns == o.ctime_ns && mtime_ns == o.mtime_ns;
  }
};
std::optional<FileId> identify(const std::filesystem::path& file);

}  // namespace kb::file
