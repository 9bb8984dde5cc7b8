// PathIndex: the notes and attachments of a vault by path, for links written
// as a path or a bare file name, resolved the way Obsidian resolves them.
//
// Obsidian's rule (MetadataCache.getLinkpathDest, which getFirstLinkpathDest
// takes the first answer of; read in Obsidian 1.x's app.js):
//   1. the candidates are the files whose name is the written name (compared
//      lowercased), else the files named "<written>.md";
//   2. a file at exactly the written vault path wins ("Attachments/a.png",
//      "b/Note.md"; a leading "/" is the vault root, and then nothing else is
//      tried);
//   3. else every candidate whose path ends with what was written ("a.png"
//      finds "Attachments/a.png", "b/Note.md" finds "x/b/Note.md"), those in
//      the linking note's folder or below it first, each group by the
//      shortest path string.
// kb differs only where Obsidian's choice is arbitrary or accidental: ties
// of length go by path order (Obsidian: the order files were loaded), and a
// written path must match whole folder names ("b/Note" does not find
// "ab/Note.md", which Obsidian's plain string suffix test would).
// Matching ignores case, as Obsidian does on every platform's vault.
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

// Obsidian's preference between two paths that answer one link written in a
// note in `from_folder` ("" at the root): true if `a` comes first. Paths in
// that folder come first, then paths below it, then the rest; within each,
// the shorter path, then path order. (For files of one name this is exactly
// Obsidian's order, since one in the folder itself is shorter than any below
// it; the first group also orders notes that share a title, not a name.)
bool obsidian_prefers(std::string_view a, std::string_view b, std::string_view from_folder);

// Whether the linking note's folder leaves no doubt among several `paths`:
// exactly one lies in that very folder, or none does and (below the notes
// root) exactly one lies under it. Used to warn only on real ambiguity.
bool folder_decides(const std::vector<std::string_view>& paths, std::string_view from_folder);

class PathIndex {
 public:
  struct Entry {
    std::string path;   // as in the corpus: "Deep Learning/Attention.md"
    size_t index = 0;   // the caller's index (a page or a file)
  };
  struct Match {
    const Entry* entry = nullptr;          // Obsidian's choice
    std::vector<const Entry*> candidates;  // every file the link could name, in Obsidian's order (entry first)
    bool ambiguous = false;                // several candidates, and no exact path or folder decided
  };

  void add(std::string path, size_t index);

  // The file `written` names when written in a note in `from_folder` ("" at
  // the root), or nullopt. A leading "/" means the vault root.
  std::optional<Match> find(std::string_view written, std::string_view from_folder) const;

 private:
  std::vector<Entry> entries_;
  std::unordered_map<std::string, size_t> by_path_;                 // lowercase path -> entry
  std::unordered_map<std::string, std::vector<size_t>> by_name_;    // lowercase file name -> entries
};

}  // namespace kb
