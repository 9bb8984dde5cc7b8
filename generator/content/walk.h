// The notes folder walked: every file the loader reads or copies.
//
// Contract: walk_notes() lists every file below `root` (an existing folder,
// absolute and canonical) but those whose name starts with '.' (.git,
// .obsidian, .DS_Store) and those under a folder with such a name, and
// those whose path from the root `excluded` names (fnmatch patterns, or a
// folder); a symlink to a file inside the root is listed under its own
// name, one to a folder is not walked (it would be walked twice). A symlink
// pointing outside the root, to nothing or round a loop, and a folder below
// the root that cannot be read, are warnings naming them (one file never
// stops a vault; --strict fails on it): not listed, and a note among them is
// added to `left_out` (sorted; content::kLeftOut). The root unreadable is an error.
// The walk goes on. Sorted by source.
//
// Why not std::filesystem::recursive_directory_iterator: it builds a path
// object, and splits it into components, for every entry (a fifth of an edit
// build's loading on 10,000 notes); this reads each folder once with
// readdir() and names files by appending strings.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/diagnostic.h"

namespace kb::content {

struct WalkEntry {
  std::string source;          // "modeling/f1 score.md", '/'-separated
  std::filesystem::path file;  // root / source
  bool markdown = false;       // .md or .markdown
};

// True if `source` matches one of the `patterns` (site.toml's exclude).
bool excluded(const std::string& source, const std::vector<std::string>& patterns);

std::vector<WalkEntry> walk_notes(const std::filesystem::path& root, const std::vector<std::string>& exclude,
                                  Diagnostics& diags, std::vector<std::string>* left_out = nullptr);

}  // namespace kb::content
