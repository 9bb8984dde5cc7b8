// PathIndex: the notes and attachments of a vault by path, for links written
// as a path or a bare file name, resolved the way Obsidian resolves them.
//
// Obsidian (getFirstLinkpathDest, as observed in Obsidian 1.x) takes:
//   1. the file at exactly that vault path ("Attachments/a.png", "b/Note.md"),
//   2. else, among files whose path ends with what was written (after a '/':
//      "a.png" finds "Attachments/a.png", "b/Note.md" finds "x/b/Note.md"),
//      one in the linking note's own folder (not an ancestor),
//   3. else the one with the shortest path string (ties: the first in path
//      order, so the choice is stable).
// Matching ignores case, as Obsidian does on every platform's vault. A path
// written without an extension also matches "<path>.md".
//
// Contract: build once with add(), then find() from any number of threads.
// Never throws. Paths use '/' and are relative to the notes folder.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kb {

class PathIndex {
 public:
  struct Entry {
    std::string path;   // as in the corpus: "Deep Learning/Attention.md"
    size_t index = 0;   // the caller's index (a page or a file)
  };
  struct Match {
    const Entry* entry = nullptr;
    size_t candidates = 0;   // how many files the written path could name
    bool by_folder = false;  // step 2 chose it (the linking note's folder)
  };

  void add(std::string path, size_t index);

  // The file `written` names when written in a note in `from_folder` ("" at
  // the root), or nullopt. A leading "/" means the vault root.
  std::optional<Match> find(std::string_view written, std::string_view from_folder) const;

 private:
  std::optional<Match> find_exact(const std::string& key) const;
  std::vector<Entry> entries_;
  std::unordered_map<std::string, size_t> by_path_;                 // lowercase path -> entry
  std::unordered_map<std::string, std::vector<size_t>> by_name_;    // lowercase file name -> entries
};

}  // namespace kb
