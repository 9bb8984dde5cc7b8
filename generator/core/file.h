// Whole-file reads and atomic writes, for the loaders and the disk caches.
//
// Contract:
// - read_file() returns the file's bytes, or nullopt when it cannot be
//   opened or read (the caller says which file and what to do).
// - write_file_atomically() creates the parent folders, writes a temporary
//   file beside the target (named by pid and a counter) and renames it over
//   the target, so a reader never sees half a file and several processes
//   may write the same cache at once. It returns false, leaving nothing
//   behind, when any step fails.
// Thread safety: both may be called from many threads.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace kb::file {

std::optional<std::string> read_file(const std::filesystem::path& file);

bool write_file_atomically(const std::filesystem::path& file, std::string_view bytes);

}  // namespace kb::file
