// History of the notes: for every source file, the last commit that touched it
// and who wrote it, from ONE walk of the repository's history.
//
// Contract:
// - history() finds the repository holding options.notes_dir (searching
//   upward like git). A notes folder in no repository (or only in a bare one)
//   is not an error: the result says in_repository = false and has no files.
// - The walk starts at HEAD and visits every commit reachable from it once
//   (topological, newest first). Each commit is diffed once against its first
//   parent (a root commit against the empty tree); the diff compares trees by
//   id and opens only folders that hold followed files, and the full
//   git_diff_tree_to_tree with rename detection (git_diff_find_similar) runs
//   only on the few commits that add a followed path, so a renamed note keeps
//   its older history. Paths are followed
//   per line of history: a rename on one branch does not rename the file on
//   another. A merge is credited with a file only when its version differs
//   from every parent's (a conflict resolution or an evil merge); otherwise
//   the commits on the merged branch are credited, as `git log` does. The
//   walk stops early once no followed path is left.
// - A file's status comes from the working tree: "untracked" when no commit
//   has it (new, untracked or only staged), "modified" when the index or the
//   working tree differs from HEAD (an uncommitted rename of a committed file
//   counts as modified and keeps the old file's history), else "committed".
// - Authors are resolved through .mailmap, told apart by e-mail address
//   (case-insensitive), named as in their most recent commit, and sorted by
//   the number of commits touching the file (most first; ties by name).
// - An empty repository (unborn HEAD) gives every file status untracked. A
//   shallow clone's history ends at its boundary, which is then credited with
//   every file it holds (as `git log` there would).
// - Thread safety: opens its own repository, so concurrent calls are safe.
//   Failures (unreadable objects, a repository owned by another user) are
//   returned as messages; nothing throws.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "git/result.h"

namespace kb::git {

enum class FileStatus { kCommitted, kModified, kUntracked };

// "committed", "modified" or "untracked".
const char* to_string(FileStatus status);

struct CommitInfo {
  std::string id;           // full hex id
  std::string short_id;     // abbreviated, unique in the repository (7+ hex digits)
  int64_t time = 0;         // committer time, seconds since the Unix epoch
  int offset_minutes = 0;   // the committer's offset from UTC, for local display
  std::string author_name;  // after .mailmap
  std::string author_email;
  std::string summary;      // first paragraph of the message, on one line
};

struct Author {
  std::string name;   // as in their most recent commit touching the file
  std::string email;
  int commits = 0;    // commits touching the file
};

struct FileHistory {
  FileStatus status = FileStatus::kUntracked;
  std::optional<CommitInfo> last;  // last commit touching the file; none if never committed
  std::vector<Author> authors;     // most commits first; empty if never committed
};

struct HistoryOptions {
  // The notes folder; the repository is looked for from here upward.
  std::filesystem::path notes_dir;
  // Source files, relative to notes_dir, '/'-separated ("modeling/f1.md").
  std::vector<std::string> paths;
  // Detect renames so a moved note keeps its history (costs a similarity
  // search on the few diffs that add a followed path).
  bool follow_renames = true;
};

struct HistoryStats {
  size_t commits_walked = 0;   // commits visited by the walk
  size_t diffs = 0;            // tree diffs computed (at most one per commit)
  size_t rename_searches = 0;  // diffs that needed git_diff_find_similar
  double status_seconds = 0;   // reading the working tree's status
  double walk_seconds = 0;     // the history walk
};

struct History {
  bool in_repository = false;        // false: no repository holds notes_dir; files is empty
  std::filesystem::path repository;  // the repository's working tree (canonical)
  std::string head;                  // HEAD's full id; empty in an empty repository
  // One entry per requested path (keyed as given) when in_repository.
  std::map<std::string, FileHistory> files;
  HistoryStats stats;
};

Result<History> history(const HistoryOptions& options);

}  // namespace kb::git
