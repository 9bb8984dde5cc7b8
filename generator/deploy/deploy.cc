#include "deploy/deploy.h"

#include <algorithm>
#include <system_error>

#include "deploy/push.h"
#include "git/libgit2.h"

namespace fs = std::filesystem;

namespace kb::deploy {

using git::fail;
using git::Result;

namespace {

std::string describe_paths(const std::vector<std::string>& paths) {
  std::string out;
  const size_t shown = std::min<size_t>(paths.size(), 3);
  for (size_t i = 0; i < shown; ++i) out += (i ? ", " : "") + paths[i];
  if (paths.size() > shown) out += " and " + std::to_string(paths.size() - shown) + " more";
  return out;
}

bool under(const std::string& path, const std::string& folder) {
  if (folder.empty()) return false;
  return path == folder || (path.size() > folder.size() && path.compare(0, folder.size(), folder) == 0 &&
                            path[folder.size()] == '/');
}

// Paths with uncommitted changes (staged, modified, deleted or untracked and
// not ignored), leaving out the site folder at `site_rel`.
Result<std::vector<std::string>> dirty_paths(git_repository* repo, const std::string& site_rel) {
  git_status_options so = GIT_STATUS_OPTIONS_INIT;
  so.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
  so.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED;
  git_status_list* raw = nullptr;
  int rc = git_status_list_new(&raw, repo, &so);
  git::StatusListPtr status(raw);
  if (rc < 0) return fail(git::error_message("cannot read the status of the working tree", rc));
  std::vector<std::string> out;
  for (size_t i = 0, n = git_status_list_entrycount(status.get()); i < n; ++i) {
    const git_status_entry* e = git_status_byindex(status.get(), i);
    if (e->status == GIT_STATUS_CURRENT || (e->status & GIT_STATUS_IGNORED)) continue;
    const git_diff_delta* d = e->index_to_workdir ? e->index_to_workdir : e->head_to_index;
    if (!d) continue;
    std::string path = d->new_file.path ? d->new_file.path : d->old_file.path;
    while (!path.empty() && path.back() == '/') path.pop_back();  // untracked folders come as "dir/"
    if (under(path, site_rel)) continue;
    out.push_back(path);
  }
  return out;
}

// The id of the commit `refname` points to; nullopt if there is no such ref.
Result<std::optional<git_oid>> commit_of(git_repository* repo, const std::string& refname) {
  git_reference* raw = nullptr;
  int rc = git_reference_lookup(&raw, repo, refname.c_str());
  git::ReferencePtr ref(raw);
  if (rc == GIT_ENOTFOUND) {
    git_error_clear();
    return std::optional<git_oid>();
  }
  if (rc < 0) return fail(git::error_message("cannot read " + refname, rc));
  git_object* obj = nullptr;
  rc = git_reference_peel(&obj, ref.get(), GIT_OBJECT_COMMIT);
  git::ObjectPtr commit(obj);
  if (rc < 0) return fail(git::error_message(refname + " does not point to a commit", rc));
  return std::optional<git_oid>(*git_object_id(commit.get()));
}

Result<bool> add_blob(git_index* index, const std::string& path, const git_oid& id, git_filemode_t mode) {
  git_index_entry entry{};
  entry.mode = mode;
  entry.id = id;
  entry.path = path.c_str();
  int rc = git_index_add(index, &entry);
  if (rc < 0) return fail(git::error_message("cannot publish " + path, rc));
  return true;
}

// The site folder's files as a tree in the repository's object database.
Result<git_oid> site_tree(git_repository* repo, const DeployOptions& options, size_t& files) {
  git_index* raw = nullptr;
  int rc = git_index_new(&raw);
  git::IndexPtr index(raw);
  if (rc < 0) return fail(git::error_message("cannot create an index in memory", rc));

  std::error_code ec;
  fs::recursive_directory_iterator it(options.site_dir, ec), end;
  if (ec) return fail("cannot read the site folder " + options.site_dir.string() + ": " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) return fail("cannot read the site folder " + options.site_dir.string() + ": " + ec.message());
    const fs::path& p = it->path();
    std::string rel = p.lexically_relative(options.site_dir).generic_string();
    std::string top = rel.substr(0, rel.find('/'));
    const std::string name = p.filename().string();
    if (std::find(options.exclude.begin(), options.exclude.end(), top) != options.exclude.end() ||
        name == ".git") {
      // Left out; a .git (a site folder that is itself a checkout) is never publishable.
      if (it->is_directory(ec) && !it->is_symlink(ec)) it.disable_recursion_pending();
      continue;
    }
    fs::file_status link = it->symlink_status(ec);
    fs::file_status target = it->status(ec);
    if (fs::is_directory(target)) {
      if (fs::is_symlink(link)) {
        return fail(p.string() + " is a symbolic link to a folder; kb deploy publishes files and real "
                    "folders only (copy the folder into the site instead)");
      }
      continue;
    }
    if (!fs::is_regular_file(target)) {
      return fail(p.string() + (fs::exists(target) ? " is not a regular file" : " is a broken symbolic link") +
                  "; remove it from the site folder and deploy again");
    }
    // Symbolic links are published as their targets' contents.
    fs::path source = fs::is_symlink(link) ? fs::canonical(p, ec) : p;
    git_oid id;
    if ((rc = git_blob_create_from_disk(&id, repo, source.c_str())) < 0) {
      return fail(git::error_message("cannot store " + p.string(), rc));
    }
    const bool exec = (target.permissions() & fs::perms::owner_exec) != fs::perms::none;
    Result<bool> added = add_blob(index.get(), rel, id, exec ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB);
    if (!added) return fail(added.error());
  }

  auto add_text = [&](const std::string& path, const std::string& text) -> Result<bool> {
    git_oid id;
    int code = git_blob_create_from_buffer(&id, repo, text.data(), text.size());
    if (code < 0) return fail(git::error_message("cannot store " + path, code));
    return add_blob(index.get(), path, id, GIT_FILEMODE_BLOB);
  };
  // GitHub Pages runs Jekyll on a branch without .nojekyll, which hides
  // files and folders starting with '_'.
  if (Result<bool> r = add_text(".nojekyll", ""); !r) return fail(r.error());
  if (!options.domain.empty()) {
    if (Result<bool> r = add_text("CNAME", options.domain + "\n"); !r) return fail(r.error());
  }
  files = git_index_entrycount(index.get());
  git_oid tree;
  if ((rc = git_index_write_tree_to(&tree, index.get(), repo)) < 0) {
    return fail(git::error_message("cannot write the site's tree", rc));
  }
  return tree;
}

bool valid_domain(const std::string& d) {
  if (d.empty() || d.size() > 253) return false;
  return std::all_of(d.begin(), d.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           static_cast<unsigned char>(c) >= 0x80;
  });
}

}  // namespace

Result<DeployResult> deploy(const DeployOptions& options) {
  git::use_libgit2();
  std::error_code ec;
  if (!fs::is_directory(options.site_dir, ec)) {
    return fail("the site folder " + options.site_dir.string() + " does not exist; build the site first");
  }
  if (fs::is_empty(options.site_dir, ec)) {
    return fail("the site folder " + options.site_dir.string() + " is empty; build the site first");
  }
  const std::string refname = "refs/heads/" + options.branch;
  int valid = 0;
  if (options.branch.empty() || git_reference_name_is_valid(&valid, refname.c_str()) < 0 || !valid) {
    return fail("'" + options.branch + "' is not a valid branch name");
  }
  if (!options.domain.empty() && !valid_domain(options.domain)) {
    return fail("'" + options.domain + "' is not a domain name; give the bare host name, like notes.example.com");
  }

  Result<git::RepositoryPtr> found = git::discover_repository(options.source_dir);
  if (!found) return fail(found.error());
  git::RepositoryPtr repo = std::move(*found);
  if (!repo) {
    return fail(options.source_dir.string() + " is not inside a git repository (with a working tree); kb deploy "
                "commits the site to a branch of the notes' repository: run `git init` and commit the notes first");
  }
  git_repository* r = repo.get();
  const std::string root = git::workdir(r).string();
  DeployResult result;

  // The source commit.
  git_reference* raw_head = nullptr;
  int rc = git_repository_head(&raw_head, r);
  git::ReferencePtr head(raw_head);
  if (rc == 0) {
    git_object* obj = nullptr;
    if ((rc = git_reference_peel(&obj, head.get(), GIT_OBJECT_COMMIT)) < 0) {
      return fail(git::error_message("HEAD of " + root + " is not a commit", rc));
    }
    git::ObjectPtr commit(obj);
    result.source = git::hex(*git_object_id(commit.get()));
  } else if (rc == GIT_EUNBORNBRANCH || rc == GIT_ENOTFOUND) {
    git_error_clear();
  } else {
    return fail(git::error_message("cannot read HEAD of " + root, rc));
  }

  // Never move a branch that is checked out: its working tree would no longer match.
  {
    git_reference* raw_sym = nullptr;
    if (git_reference_lookup(&raw_sym, r, "HEAD") == 0) {
      git::ReferencePtr sym(raw_sym);
      const char* target = git_reference_symbolic_target(sym.get());
      if (target && refname == target) {
        return fail("the branch " + options.branch + " is checked out in " + root +
                    "; switch to your notes' branch first (kb deploy never touches the working tree)");
      }
    }
    git_error_clear();
    git_reference* raw_branch = nullptr;
    if (git_reference_lookup(&raw_branch, r, refname.c_str()) == 0) {
      git::ReferencePtr branch(raw_branch);
      if (git_branch_is_checked_out(branch.get()) == 1) {
        return fail("the branch " + options.branch + " is checked out in another worktree; switch that worktree "
                    "to another branch first (kb deploy never touches a working tree)");
      }
    }
    git_error_clear();
  }

  // Refuse a dirty source unless asked.
  std::string site_rel = git::repo_relative(r, options.site_dir).value_or("");
  Result<std::vector<std::string>> dirty = dirty_paths(r, site_rel);
  if (!dirty) return fail(dirty.error());
  result.source_dirty = !dirty->empty() || result.source.empty();
  if (result.source_dirty && !options.allow_dirty) {
    if (result.source.empty()) {
      return fail("the repository at " + root + " has no commits yet, so the site would not match any "
                  "commit; commit your notes first, or pass --allow-dirty");
    }
    return fail("the working tree of " + root + " has uncommitted changes (" + describe_paths(*dirty) +
                "), so the site would not match any commit; commit or stash them, or pass --allow-dirty");
  }

  // The branch's previous commit: the local branch, else (a fresh clone) the remote's.
  Result<std::optional<git_oid>> local = commit_of(r, refname);
  if (!local) return fail(local.error());
  std::optional<git_oid> parent = *local;
  if (!parent && git_remote_name_is_valid(&valid, options.remote.c_str()) == 0 && valid) {
    Result<std::optional<git_oid>> tracking = commit_of(r, "refs/remotes/" + options.remote + "/" + options.branch);
    if (!tracking) return fail(tracking.error());
    parent = *tracking;
  }

  Result<git_oid> tree_id = site_tree(r, options, result.files);
  if (!tree_id) return fail(tree_id.error());
  git_tree* raw_tree = nullptr;
  if ((rc = git_tree_lookup(&raw_tree, r, &*tree_id)) < 0) return fail(git::error_message("cannot read the site's tree", rc));
  git::TreePtr tree(raw_tree);

  git::CommitPtr parent_commit;
  if (parent) {
    git_commit* raw_parent = nullptr;
    if ((rc = git_commit_lookup(&raw_parent, r, &*parent)) < 0) {
      return fail(git::error_message("cannot read the last commit of " + options.branch, rc));
    }
    parent_commit.reset(raw_parent);
    result.parent = git::hex(*parent);
    result.tree_unchanged = git_oid_equal(git_commit_tree_id(parent_commit.get()), &*tree_id);
  }
  // With push, the branch goes to the remote (`committed`: the commit this
  // deploy made, named when the push fails).
  auto push = [&](const std::string& committed) -> Result<DeployResult> {
    if (options.push) {
      Result<std::string> pushed = push_branch(r, options.remote, options.branch);
      if (!pushed) {
        return fail(pushed.error() + (committed.empty() ? std::string()
                                                        : " (the site is committed locally as " + committed + " on " +
                                                              options.branch + ")"));
      }
      result.pushed_to = *pushed;
    }
    return result;
  };
  // The same site as the branch holds: no new commit (it would change
  // nothing but the history; Pages would publish the same files again).
  if (result.tree_unchanged) {
    result.commit = result.parent;
    result.message.clear();
    return push("");
  }

  if (result.source.empty()) {
    result.message = "kb deploy: site built from uncommitted changes (no commits yet)\n";
  } else if (result.source_dirty) {
    result.message = "kb deploy: site built from uncommitted changes on top of " + result.source + "\n";
  } else {
    result.message = "kb deploy: site built from " + result.source + "\n";
  }

  // The committer is the user git would use; kb when none is configured (CI).
  git_signature* raw_sig = nullptr;
  if (git_signature_default(&raw_sig, r) < 0) {
    git_error_clear();
    if ((rc = git_signature_now(&raw_sig, "kb deploy", "kb@localhost")) < 0) {
      return fail(git::error_message("cannot make a commit signature", rc));
    }
  }
  git::SignaturePtr sig(raw_sig);

  const git_commit* parents[1] = {parent_commit.get()};
  git_oid commit_id;
  rc = git_commit_create(&commit_id, r, nullptr, sig.get(), sig.get(), "UTF-8", result.message.c_str(), tree.get(),
                         parent_commit ? 1 : 0, parents);
  if (rc < 0) return fail(git::error_message("cannot create the deploy commit", rc));
  result.commit = git::hex(commit_id);

  // Move the branch only if nobody else did meanwhile.
  std::string log = "kb deploy: site from " + (result.source.empty() ? std::string("uncommitted changes")
                                                                     : result.source.substr(0, 7) +
                                                                           (result.source_dirty ? " (dirty)" : ""));
  git_reference* raw_ref = nullptr;
  rc = *local ? git_reference_create_matching(&raw_ref, r, refname.c_str(), &commit_id, 1, &**local, log.c_str())
              : git_reference_create(&raw_ref, r, refname.c_str(), &commit_id, 0, log.c_str());
  git::ReferencePtr ref(raw_ref);
  if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS) {
    return fail("the branch " + options.branch + " changed while deploying (another deploy?); deploy again");
  }
  if (rc < 0) return fail(git::error_message("cannot update the branch " + options.branch, rc));

  return push(git::short_hex(commit_id));
}

bool in_working_tree_unignored(const fs::path& source_dir, const fs::path& dir) {
  git::use_libgit2();
  Result<git::RepositoryPtr> found = git::discover_repository(source_dir);
  if (!found || !*found) return false;
  git_repository* r = found->get();
  std::optional<std::string> rel = git::repo_relative(r, dir);
  if (!rel || rel->empty()) return false;
  int ignored = 0;
  // (A folder is asked about with its trailing slash, as .gitignore's "_site/" reads.)
  if (git_ignore_path_is_ignored(&ignored, r, (*rel + "/").c_str()) < 0) {
    git_error_clear();
    return false;
  }
  return !ignored;
}

}  // namespace kb::deploy
