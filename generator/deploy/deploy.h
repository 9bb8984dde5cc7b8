// `kb deploy`: publish a built site as a new commit on a branch (gh-pages by
// default) of the source repository, and optionally push it.
//
// Contract:
// - deploy() writes the files of options.site_dir into the repository's
//   object database (blobs, then a tree from an in-memory index) and commits
//   that tree on refs/heads/<branch> with the branch's previous commit as
//   parent (none for a new branch; when only <remote>/<branch> exists, as in
//   a fresh clone, that commit is the parent so the push fast-forwards). It
//   touches nothing else: not the working tree, not the index, not HEAD, no
//   other branch. The branch is moved only if it still points where it did
//   when deploy() read it (compare-and-swap), so concurrent deploys cannot
//   lose a commit.
// - The published tree is the site folder minus the top-level exclusions
//   (`.kb-index`, the search index kept beside the site, and the `.kb-site`
//   marker), plus an empty `.nojekyll` (GitHub Pages then serves folders and
//   files starting with `_` as they are) and `CNAME` holding options.domain
//   when one is given. File contents are stored byte for byte (no line-ending
//   or other filters); executable files keep their bit; symbolic links are
//   published as the files they point to. An unchanged site gives the same
//   tree, and then no commit: the branch stays as it is (and is pushed
//   still, with push: the last deploy may not have been).
// - The commit message names the source: HEAD's full id, or "uncommitted
//   changes on top of <id>" when the working tree is dirty and allow_dirty is
//   set. A dirty source (staged, modified or untracked files that are not
//   ignored, outside the site folder itself) is refused unless allow_dirty.
//   A deploy branch that is checked out (here or in another worktree) is
//   refused: moving it would change that working tree's files.
// - With push, refs/heads/<branch> is then pushed to options.remote (see
//   deploy/push.h); a failed push leaves the local commit in place and says
//   so.
// - Errors come back as one message saying what failed and what to do;
//   nothing throws. Thread safety: opens its own repository per call.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "git/result.h"

namespace kb::deploy {

struct DeployOptions {
  // The built site (kb build's output folder). Must exist and hold files.
  std::filesystem::path site_dir;
  // A folder inside the source repository (the notes folder, or the folder
  // of site.toml); the repository is looked for from here upward.
  std::filesystem::path source_dir;
  // Branch the site is committed to (refs/heads/<branch>).
  std::string branch = "gh-pages";
  // Custom domain for GitHub Pages: written to CNAME when not empty.
  std::string domain;
  // Deploy even when the working tree has uncommitted changes.
  bool allow_dirty = false;
  // Push the branch to `remote` after committing.
  bool push = false;
  // A configured remote's name, or a URL or path (used for the push, and to
  // find the branch's previous commit in a fresh clone).
  std::string remote = "origin";
  // Top-level names in site_dir left out of the published tree.
  std::vector<std::string> exclude = {".kb-index", ".kb-site"};
};

struct DeployResult {
  std::string commit;           // full id of the new commit on the branch
  std::string parent;           // its parent (the branch's previous commit); empty for a new branch
  std::string source;           // the source repository's HEAD; empty when it has no commits
  bool source_dirty = false;    // the site was built from uncommitted changes (allow_dirty)
  bool tree_unchanged = false;  // the published tree is the parent's: the site did not change, nothing committed (commit == parent)
  size_t files = 0;             // files in the published tree (with .nojekyll and CNAME)
  std::string message;          // the commit message
  std::string pushed_to;        // the URL pushed to; empty without push
};

git::Result<DeployResult> deploy(const DeployOptions& options);

// True when `dir` lies in the working tree of the repository that holds
// `source_dir` and git does not ignore it: a site built there would show
// as untracked files (kb deploy then builds it elsewhere).
bool in_working_tree_unignored(const std::filesystem::path& source_dir, const std::filesystem::path& dir);

}  // namespace kb::deploy
