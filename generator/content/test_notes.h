// A notes folder in the system temp dir for one test, removed after it:
// <tmp>/<prefix>-<pid>/notes, written file by file. Test-only (header-only).
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "config/config.h"

namespace kb::testing {

struct TempNotes {
  std::filesystem::path root;
  explicit TempNotes(const std::string& prefix)
      : root(std::filesystem::temp_directory_path() / (prefix + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(root);
    std::filesystem::create_directories(root / "notes");
  }
  ~TempNotes() { std::filesystem::remove_all(root); }
  TempNotes(const TempNotes&) = delete;
  TempNotes& operator=(const TempNotes&) = delete;

  // Writes `text` to notes/<rel>, making its folders.
  void write(const std::string& rel, const std::string& text) const {
    std::filesystem::path p = root / "notes" / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }
  // The default configuration of a site at `root` (notes in root/notes).
  Config config() const { return config::defaults(root); }
};

}  // namespace kb::testing
