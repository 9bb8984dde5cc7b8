#include "git/history.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <queue>
#include <unordered_map>
#include <unordered_set>

#include "git/libgit2.h"

namespace fs = std::filesystem;

namespace kb::git {

const char* to_string(FileStatus status) {
  switch (status) {
    case FileStatus::kCommitted: return "committed";
    case FileStatus::kModified: return "modified";
    case FileStatus::kUntracked: return "untracked";
  }
  return "untracked";
}

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The paths followed on one line of history, as they are named at some
// commit, each with the requested files it is the history of (usually one;
// two when two branches renamed one file apart). Immutable once shared.
struct Followed {
  std::unordered_map<std::string, std::vector<uint32_t>> paths;
  std::unordered_set<std::string> dirs;  // every folder holding a followed path (not the root)

  void add(const std::string& path, const std::vector<uint32_t>& targets) {
    auto& to = paths[path];
    for (uint32_t t : targets) {
      if (std::find(to.begin(), to.end(), t) == to.end()) to.push_back(t);
    }
  }
  // Call after the last add/erase, before sharing.
  void index_dirs() {
    dirs.clear();
    for (const auto& entry : paths) {
      const std::string& p = entry.first;
      for (size_t slash = p.find('/'); slash != std::string::npos; slash = p.find('/', slash + 1)) {
        dirs.insert(p.substr(0, slash));
      }
    }
  }
};
using FollowedPtr = std::shared_ptr<const Followed>;

// Union of two sets of followed paths; shares `a` when `b` adds nothing (the
// common case: most commits get the same set from every child).
FollowedPtr merge_followed(const FollowedPtr& a, const FollowedPtr& b) {
  if (!a || a == b) return b;
  if (!b) return a;
  bool adds = false;
  for (const auto& [path, targets] : b->paths) {
    auto it = a->paths.find(path);
    if (it == a->paths.end()) { adds = true; break; }
    for (uint32_t t : targets) {
      if (std::find(it->second.begin(), it->second.end(), t) == it->second.end()) { adds = true; break; }
    }
    if (adds) break;
  }
  if (!adds) return a;
  auto merged = std::make_shared<Followed>(*a);
  for (const auto& [path, targets] : b->paths) merged->add(path, targets);
  merged->index_dirs();
  return merged;
}

// A file that a commit added, changed or renamed.
struct Change {
  git_delta_t status = GIT_DELTA_MODIFIED;  // ADDED, MODIFIED (incl. mode and type changes) or RENAMED
  std::string path;                         // in the commit
  std::string old_path;                     // in the parent (RENAMED only)
  git_oid id{};                             // the file's blob in the commit
};

// Files under folders in `followed.dirs` (or at the root) that `now` adds or
// changes relative to `old` (null: the empty tree). Subtrees with the same
// id on both sides are skipped without being read, and so are folders
// holding no followed path: this is the per-commit diff of the walk, much
// cheaper than git_diff_tree_to_tree, which lists every entry of both trees.
// Deletions are not reported (a deleted path is no longer followed).
int changed_files(git_repository* repo, const git_tree* old, const git_tree* now, const Followed& followed,
                  std::string& prefix, std::vector<Change>& out) {
  const size_t nold = old ? git_tree_entrycount(old) : 0, nnow = git_tree_entrycount(now);
  size_t i = 0, j = 0;
  while (j < nnow) {
    const git_tree_entry* o = i < nold ? git_tree_entry_byindex(old, i) : nullptr;
    const git_tree_entry* n = git_tree_entry_byindex(now, j);
    int cmp = o ? git_tree_entry_cmp(o, n) : 1;
    if (cmp < 0) {  // only in the parent: deleted
      ++i;
      continue;
    }
    ++j;
    if (cmp == 0) ++i;
    if (cmp == 0 && git_oid_equal(git_tree_entry_id(o), git_tree_entry_id(n)) &&
        git_tree_entry_filemode(o) == git_tree_entry_filemode(n)) {
      continue;  // unchanged (a whole subtree when it is a folder)
    }
    const size_t mark = prefix.size();
    if (!prefix.empty()) prefix += '/';
    prefix += git_tree_entry_name(n);
    int rc = 0;
    if (git_tree_entry_type(n) == GIT_OBJECT_TREE) {
      if (followed.dirs.count(prefix)) {
        git_tree* sub_now = nullptr;
        git_tree* sub_old = nullptr;
        rc = git_tree_lookup(&sub_now, repo, git_tree_entry_id(n));
        TreePtr now_tree(sub_now);
        if (rc == 0 && cmp == 0 && git_tree_entry_type(o) == GIT_OBJECT_TREE) {
          rc = git_tree_lookup(&sub_old, repo, git_tree_entry_id(o));
        }
        TreePtr old_tree(sub_old);
        if (rc == 0) rc = changed_files(repo, old_tree.get(), now_tree.get(), followed, prefix, out);
      }
    } else if (followed.paths.count(prefix)) {
      Change c;
      c.status = cmp == 0 ? GIT_DELTA_MODIFIED : GIT_DELTA_ADDED;
      c.path = prefix;
      c.id = *git_tree_entry_id(n);
      out.push_back(std::move(c));
    }
    prefix.resize(mark);
    if (rc < 0) return rc;
  }
  return 0;
}

std::string lower_ascii(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// One commit's summary as CommitInfo, computed once per commit that is some
// file's last commit.
CommitInfo describe(git_commit* commit, const git_signature* author) {
  CommitInfo info;
  const git_oid* id = git_commit_id(commit);
  info.id = hex(*id);
  Buffer short_id;
  if (git_object_short_id(short_id.get(), reinterpret_cast<const git_object*>(commit)) == 0) {
    info.short_id = short_id.str();
  } else {
    info.short_id = short_hex(*id);
  }
  info.time = git_commit_time(commit);
  info.offset_minutes = git_commit_time_offset(commit);
  if (author) {
    info.author_name = author->name ? author->name : "";
    info.author_email = author->email ? author->email : "";
  }
  const char* summary = git_commit_summary(commit);
  info.summary = summary ? summary : "";
  return info;
}

struct AuthorCount {
  uint32_t author = 0;  // index into Walker::authors_
  int commits = 0;
};

// The state of one history walk.
class Walker {
 public:
  Walker(git_repository* repo, size_t files, bool follow_renames)
      : repo_(repo), follow_renames_(follow_renames), last_(files), counts_(files) {
    git_mailmap* mm = nullptr;
    if (git_mailmap_from_repository(&mm, repo) == 0) mailmap_.reset(mm);
    git_error_clear();
  }

  // Walks from `head`, following the paths of `start` (each HEAD path mapped
  // to the requested files it is). The order is topological (children before
  // parents), newest committer time first among the commits ready to visit,
  // so every child has handed its paths to a commit before it is visited.
  // kb orders the commits itself rather than with git_revwalk: libgit2 1.5's
  // revwalk fails on the missing parents past a shallow clone's boundary
  // (CI checkouts are often shallow), where this walk just stops.
  Result<bool> walk(const git_oid& head, FollowedPtr start, HistoryStats& stats) {
    struct Node {
      int64_t time = 0;
      std::vector<git_oid> parents;  // those present in the repository
      int children = 0;              // children not yet visited
    };
    std::unordered_map<git_oid, Node, OidHash, OidEqual> graph;
    const bool shallow = git_repository_is_shallow(repo_) == 1;
    std::vector<git_oid> todo{head};
    while (!todo.empty()) {
      git_oid id = todo.back();
      todo.pop_back();
      if (graph.count(id)) continue;
      git_commit* raw = nullptr;
      int rc = git_commit_lookup(&raw, repo_, &id);
      CommitPtr commit(raw);
      if (rc == GIT_ENOTFOUND && shallow && !git_oid_equal(&id, &head)) {
        git_error_clear();  // past a shallow clone's boundary
        continue;
      }
      if (rc < 0) return fail(error_message("cannot read commit " + hex(id), rc));
      Node& node = graph[id];
      node.time = git_commit_time(commit.get());
      for (unsigned i = 0, n = git_commit_parentcount(commit.get()); i < n; ++i) {
        node.parents.push_back(*git_commit_parent_id(commit.get(), i));
        todo.push_back(node.parents.back());
      }
    }
    for (auto& [id, node] : graph) {
      auto& ps = node.parents;
      ps.erase(std::remove_if(ps.begin(), ps.end(), [&](const git_oid& p) { return !graph.count(p); }), ps.end());
      for (const git_oid& p : ps) ++graph[p].children;
    }

    struct Ready {
      int64_t time;
      git_oid id;
      bool operator<(const Ready& o) const {  // max-heap: newest first, then by id
        if (time != o.time) return time < o.time;
        return git_oid_cmp(&id, &o.id) < 0;
      }
    };
    std::priority_queue<Ready> ready;
    ready.push(Ready{graph[head].time, head});
    pending_.emplace(head, std::move(start));
    while (!ready.empty() && !pending_.empty()) {
      git_oid id = ready.top().id;
      ready.pop();
      ++stats.commits_walked;
      for (const git_oid& p : graph[id].parents) {
        Node& parent = graph[p];
        if (--parent.children == 0) ready.push(Ready{parent.time, p});
      }
      auto it = pending_.find(id);
      if (it == pending_.end()) continue;  // no followed path on this line of history
      FollowedPtr paths = std::move(it->second);
      pending_.erase(it);
      Result<bool> done = visit(id, paths, stats);
      if (!done) return done;
    }
    return true;
  }

  std::vector<std::optional<CommitInfo>>& last() { return last_; }

  std::vector<Author> authors_of(uint32_t file) const {
    std::vector<Author> out;
    for (const AuthorCount& c : counts_[file]) {
      out.push_back(Author{authors_[c.author].name, authors_[c.author].email, c.commits});
    }
    std::stable_sort(out.begin(), out.end(), [](const Author& a, const Author& b) {
      if (a.commits != b.commits) return a.commits > b.commits;
      return a.name < b.name;
    });
    return out;
  }

 private:
  Result<bool> visit(const git_oid& id, const FollowedPtr& paths, HistoryStats& stats) {
    git_commit* raw = nullptr;
    int rc = git_commit_lookup(&raw, repo_, &id);
    CommitPtr commit(raw);
    if (rc < 0) return fail(error_message("cannot read commit " + hex(id), rc));
    git_tree* raw_tree = nullptr;
    if ((rc = git_commit_tree(&raw_tree, commit.get())) < 0) {
      return fail(error_message("cannot read the tree of commit " + hex(id), rc));
    }
    TreePtr tree(raw_tree);

    // Parents that exist (a shallow clone's boundary has none here).
    unsigned nparents = git_commit_parentcount(commit.get());
    std::vector<CommitPtr> parents;
    std::vector<TreePtr> parent_trees;
    for (unsigned i = 0; i < nparents; ++i) {
      git_commit* p = nullptr;
      if (git_commit_parent(&p, commit.get(), i) < 0) {
        git_error_clear();
        if (i == 0) break;  // the first parent is missing: treat as a root commit
        continue;
      }
      CommitPtr parent(p);
      git_tree* pt = nullptr;
      if ((rc = git_commit_tree(&pt, parent.get())) < 0) {
        return fail(error_message("cannot read the tree of commit " + hex(*git_commit_id(parent.get())), rc));
      }
      parents.push_back(std::move(parent));
      parent_trees.emplace_back(pt);
    }

    FollowedPtr first_parent_paths = paths;
    const git_tree* first_tree = parent_trees.empty() ? nullptr : parent_trees[0].get();
    if (!first_tree || !git_oid_equal(git_tree_id(first_tree), git_tree_id(tree.get()))) {
      std::vector<Change> changes;
      std::string prefix;
      if ((rc = changed_files(repo_, first_tree, tree.get(), *paths, prefix, changes)) < 0) {
        return fail(error_message("cannot compare commit " + hex(id) + " with its parent", rc));
      }
      ++stats.diffs;
      // A followed path that this commit adds may be a rename: only then is
      // the full diff with rename detection worth its cost.
      bool adds_followed = std::any_of(changes.begin(), changes.end(),
                                       [](const Change& c) { return c.status == GIT_DELTA_ADDED; });
      if (follow_renames_ && first_tree && adds_followed) {
        Result<std::vector<Change>> renamed = changes_with_renames(id, first_tree, tree.get(), *paths);
        if (!renamed) return fail(renamed.error());
        changes = std::move(*renamed);
        ++stats.rename_searches;
      }

      std::shared_ptr<Followed> edited;  // copy of `paths` for the first parent, made on demand
      auto edit = [&]() -> Followed& {
        if (!edited) edited = std::make_shared<Followed>(*paths);
        return *edited;
      };
      const git_signature* author = nullptr;
      SignaturePtr mapped_author;
      std::optional<CommitInfo> info;
      int author_index = -1;

      for (const Change& change : changes) {
        auto found = paths->paths.find(change.path);
        if (found == paths->paths.end()) continue;
        const std::vector<uint32_t>& targets = found->second;

        // Follow the file to its older name, or stop where it was added, on
        // the first parent's line.
        if (change.status == GIT_DELTA_ADDED) {
          edit().paths.erase(change.path);
        } else if (change.status == GIT_DELTA_RENAMED) {
          Followed& f = edit();
          f.paths.erase(change.path);
          f.add(change.old_path, targets);
        }

        // A merge changed the file itself only if no other parent has this version.
        bool from_other_parent = false;
        for (size_t k = 1; k < parent_trees.size() && !from_other_parent; ++k) {
          git_tree_entry* e = nullptr;
          if (git_tree_entry_bypath(&e, parent_trees[k].get(), change.path.c_str()) == 0) {
            TreeEntryPtr entry(e);
            from_other_parent = git_oid_equal(git_tree_entry_id(entry.get()), &change.id);
          } else {
            git_error_clear();
          }
        }
        if (from_other_parent) continue;

        if (author_index < 0) {
          git_signature* sig = nullptr;
          if (git_commit_author_with_mailmap(&sig, commit.get(), mailmap_.get()) == 0) {
            mapped_author.reset(sig);
            author = sig;
          } else {
            git_error_clear();
            author = git_commit_author(commit.get());
          }
          author_index = static_cast<int>(author_id(author));
        }
        for (uint32_t t : targets) {
          if (!last_[t]) {
            if (!info) info = describe(commit.get(), author);
            last_[t] = *info;
          }
          count(t, static_cast<uint32_t>(author_index));
        }
      }
      if (edited) {
        edited->index_dirs();
        first_parent_paths = std::move(edited);
      }
    }

    // Hand the followed paths to the parents: the first parent gets them as
    // renamed by this commit, other parents (merged branches) as they are here.
    for (size_t k = 0; k < parents.size(); ++k) {
      FollowedPtr give = k == 0 ? first_parent_paths : paths;
      if (!give || give->paths.empty()) continue;
      const git_oid& pid = *git_commit_id(parents[k].get());
      auto [slot, inserted] = pending_.emplace(pid, give);
      if (!inserted) slot->second = merge_followed(slot->second, give);
    }
    return true;
  }

  // The followed files `now` adds or changes relative to `old`, with renames
  // found by git_diff_find_similar over the whole diff (a note may come from
  // anywhere in the repository).
  Result<std::vector<Change>> changes_with_renames(const git_oid& id, const git_tree* old, const git_tree* now,
                                                   const Followed& followed) {
    git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
    opts.flags = GIT_DIFF_SKIP_BINARY_CHECK;
    git_diff* raw = nullptr;
    int rc = git_diff_tree_to_tree(&raw, repo_, const_cast<git_tree*>(old), const_cast<git_tree*>(now), &opts);
    DiffPtr diff(raw);
    if (rc < 0) return fail(error_message("cannot compare commit " + hex(id) + " with its parent", rc));
    git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
    find.flags = GIT_DIFF_FIND_RENAMES;
    if ((rc = git_diff_find_similar(diff.get(), &find)) < 0) {
      return fail(error_message("cannot detect renames in commit " + hex(id), rc));
    }
    std::vector<Change> out;
    for (size_t i = 0, n = git_diff_num_deltas(diff.get()); i < n; ++i) {
      const git_diff_delta* d = git_diff_get_delta(diff.get(), i);
      if (d->status == GIT_DELTA_DELETED || !followed.paths.count(d->new_file.path)) continue;
      Change c;
      c.status = d->status == GIT_DELTA_ADDED || d->status == GIT_DELTA_RENAMED ? d->status : GIT_DELTA_MODIFIED;
      c.path = d->new_file.path;
      if (c.status == GIT_DELTA_RENAMED) c.old_path = d->old_file.path;
      c.id = d->new_file.id;
      out.push_back(std::move(c));
    }
    return out;
  }

  uint32_t author_id(const git_signature* sig) {
    std::string name = sig && sig->name ? sig->name : "";
    std::string email = sig && sig->email ? sig->email : "";
    std::string key = email.empty() ? "name:" + name : lower_ascii(email);
    auto [it, inserted] = author_ids_.emplace(key, static_cast<uint32_t>(authors_.size()));
    if (inserted) authors_.push_back(Author{name, email, 0});
    return it->second;
  }

  void count(uint32_t file, uint32_t author) {
    for (AuthorCount& c : counts_[file]) {
      if (c.author == author) { ++c.commits; return; }
    }
    counts_[file].push_back(AuthorCount{author, 1});
  }

  git_repository* repo_;
  bool follow_renames_;
  MailmapPtr mailmap_;
  // Commits still to visit that carry followed paths, with those paths as
  // they are named at that commit.
  std::unordered_map<git_oid, FollowedPtr, OidHash, OidEqual> pending_;
  std::vector<std::optional<CommitInfo>> last_;
  std::vector<std::vector<AuthorCount>> counts_;
  std::vector<Author> authors_;  // every author met, named as first (most recently) seen
  std::unordered_map<std::string, uint32_t> author_ids_;
};

std::string join(const std::string& prefix, const std::string& path) {
  return prefix.empty() ? path : prefix + "/" + path;
}

}  // namespace

Result<History> history(const HistoryOptions& options) {
  Result<RepositoryPtr> found = discover_repository(options.notes_dir);
  if (!found) return fail(found.error());
  History out;
  RepositoryPtr repo = std::move(*found);
  if (!repo) return out;
  std::optional<std::string> prefix = repo_relative(repo.get(), options.notes_dir);
  if (!prefix) return out;  // only through odd symlinks: treat as outside
  out.in_repository = true;
  out.repository = workdir(repo.get());

  // Requested files by their path in the repository.
  const size_t nfiles = options.paths.size();
  std::unordered_map<std::string, uint32_t> by_repo_path;
  std::vector<std::string> head_path(nfiles);
  std::vector<bool> changed(nfiles, false);
  for (uint32_t i = 0; i < nfiles; ++i) {
    head_path[i] = join(*prefix, options.paths[i]);
    by_repo_path.emplace(head_path[i], i);
  }

  // Working-tree status of the notes folder, with renames, so a note renamed
  // but not yet committed keeps its history.
  auto status_start = Clock::now();
  {
    git_status_options so = GIT_STATUS_OPTIONS_INIT;
    so.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
    so.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
               GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
    if (options.follow_renames) {
      so.flags |= GIT_STATUS_OPT_RENAMES_HEAD_TO_INDEX | GIT_STATUS_OPT_RENAMES_INDEX_TO_WORKDIR;
    }
    char* spec = prefix->data();
    if (!prefix->empty()) {
      so.flags |= GIT_STATUS_OPT_DISABLE_PATHSPEC_MATCH;
      so.pathspec.strings = &spec;
      so.pathspec.count = 1;
    }
    git_status_list* raw = nullptr;
    int rc = git_status_list_new(&raw, repo.get(), &so);
    StatusListPtr status(raw);
    if (rc < 0) return fail(error_message("cannot read the status of " + out.repository.string(), rc));
    for (size_t i = 0, n = git_status_list_entrycount(status.get()); i < n; ++i) {
      const git_status_entry* e = git_status_byindex(status.get(), i);
      if (e->status == GIT_STATUS_CURRENT || (e->status & GIT_STATUS_IGNORED)) continue;
      const git_diff_delta* h2i = e->head_to_index;
      const git_diff_delta* i2w = e->index_to_workdir;
      const char* now = i2w ? i2w->new_file.path : h2i ? h2i->new_file.path : nullptr;
      const char* before = h2i ? h2i->old_file.path : i2w ? i2w->old_file.path : nullptr;
      if (!now) continue;
      auto it = by_repo_path.find(now);
      if (it == by_repo_path.end()) continue;
      changed[it->second] = true;
      if (before) head_path[it->second] = before;
    }
  }
  out.stats.status_seconds = seconds_since(status_start);

  auto walk_start = Clock::now();
  git_reference* raw_head = nullptr;
  int rc = git_repository_head(&raw_head, repo.get());
  ReferencePtr head(raw_head);
  std::vector<std::optional<CommitInfo>> last(nfiles);
  std::vector<std::vector<Author>> authors(nfiles);
  if (rc == GIT_EUNBORNBRANCH || rc == GIT_ENOTFOUND) {
    git_error_clear();  // an empty repository: nothing is committed
  } else if (rc < 0) {
    return fail(error_message("cannot read HEAD of " + out.repository.string(), rc));
  } else {
    git_object* raw_commit = nullptr;
    if ((rc = git_reference_peel(&raw_commit, head.get(), GIT_OBJECT_COMMIT)) < 0) {
      return fail(error_message("HEAD of " + out.repository.string() + " is not a commit", rc));
    }
    ObjectPtr head_commit(raw_commit);
    const git_oid head_id = *git_object_id(head_commit.get());
    out.head = hex(head_id);
    git_tree* raw_tree = nullptr;
    if ((rc = git_commit_tree(&raw_tree, reinterpret_cast<git_commit*>(head_commit.get()))) < 0) {
      return fail(error_message("cannot read HEAD's tree", rc));
    }
    TreePtr head_tree(raw_tree);

    // Follow only paths HEAD has: an untracked file that reuses the name of a
    // deleted one must not inherit its history.
    auto start = std::make_shared<Followed>();
    for (uint32_t i = 0; i < nfiles; ++i) {
      git_tree_entry* e = nullptr;
      if (git_tree_entry_bypath(&e, head_tree.get(), head_path[i].c_str()) == 0) {
        TreeEntryPtr entry(e);
        if (git_tree_entry_type(entry.get()) == GIT_OBJECT_BLOB) start->add(head_path[i], {i});
      } else {
        git_error_clear();
      }
    }
    start->index_dirs();
    if (!start->paths.empty()) {
      Walker walker(repo.get(), nfiles, options.follow_renames);
      Result<bool> walked = walker.walk(head_id, std::move(start), out.stats);
      if (!walked) return fail(walked.error());
      last = std::move(walker.last());
      for (uint32_t i = 0; i < nfiles; ++i) authors[i] = walker.authors_of(i);
    }
  }
  out.stats.walk_seconds = seconds_since(walk_start);

  for (uint32_t i = 0; i < nfiles; ++i) {
    FileHistory h;
    h.last = std::move(last[i]);
    h.authors = std::move(authors[i]);
    h.status = !h.last ? FileStatus::kUntracked : changed[i] ? FileStatus::kModified : FileStatus::kCommitted;
    out.files[options.paths[i]] = std::move(h);
  }
  return out;
}

}  // namespace kb::git
