#include "git/libgit2.h"

#include <cstring>

namespace fs = std::filesystem;

namespace kb::git {

namespace {
// Owns the process's libgit2 initialisation; the static in use_libgit2() makes
// construction thread-safe and runs the shutdown at exit.
class Library {
 public:
  Library() { git_libgit2_init(); }
  ~Library() { git_libgit2_shutdown(); }
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;
};
}  // namespace

void use_libgit2() { static Library library; }

std::string error_message(std::string_view what, int code) {
  const git_error* e = git_error_last();
  std::string message(what);
  message += ": ";
  if (e && e->message && *e->message) {
    message += e->message;
  } else {
    message += "libgit2 error " + std::to_string(code);
  }
  return message;
}

std::string hex(const git_oid& id) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &id);
  return buf;
}

std::string short_hex(const git_oid& id, size_t length) { return hex(id).substr(0, length); }

Result<RepositoryPtr> discover_repository(const fs::path& path) {
  use_libgit2();
  Buffer found;
  int rc = git_repository_discover(found.get(), path.c_str(), /*across_fs=*/1, nullptr);
  if (rc == GIT_ENOTFOUND) return RepositoryPtr();
  if (rc < 0) return fail(error_message("cannot look for a git repository above " + path.string(), rc));
  git_repository* raw = nullptr;
  rc = git_repository_open(&raw, found.str().c_str());
  RepositoryPtr repo(raw);
  if (rc == GIT_EOWNER) {
    return fail("the git repository at " + found.str() +
                " belongs to another user, so git refuses to read it; if you trust it, run "
                "`git config --global --add safe.directory " + fs::path(found.str()).parent_path().string() +
                "`");
  }
  if (rc < 0) return fail(error_message("cannot open the git repository at " + found.str(), rc));
  if (git_repository_is_bare(repo.get())) return RepositoryPtr();
  return repo;
}

fs::path workdir(git_repository* repo) {
  const char* wd = git_repository_workdir(repo);
  if (!wd) return {};
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::path(wd), ec);
  if (ec) p = fs::path(wd);
  std::string s = p.string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

std::optional<std::string> repo_relative(git_repository* repo, const fs::path& path) {
  std::error_code ec;
  fs::path root = workdir(repo);
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec || root.empty()) return std::nullopt;
  auto r = root.begin(), pi = p.begin();
  for (; r != root.end(); ++r, ++pi) {
    if (r->empty()) continue;  // trailing separator
    if (pi == p.end() || *r != *pi) return std::nullopt;
  }
  std::string rel;
  for (; pi != p.end(); ++pi) {
    if (pi->empty()) continue;
    if (!rel.empty()) rel += '/';
    rel += pi->string();
  }
  return rel;
}

}  // namespace kb::git
