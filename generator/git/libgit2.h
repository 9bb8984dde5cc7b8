// RAII owners for libgit2 objects, the library's process-wide set-up, and the
// one way kb finds the repository holding a folder.
//
// Contract:
// - use_libgit2() initialises libgit2 on first call (git_libgit2_init, once
//   per process, thread-safe through a function-local static) and shuts it
//   down when the process exits (git_libgit2_shutdown). Every function in
//   kb::git and kb::deploy calls it before touching libgit2; so must any
//   other code that uses these handles directly.
// - Each *Ptr frees its object with the matching git_*_free; Buffer disposes
//   a git_buf. Objects obtained from a repository (commits, trees, references,
//   ...) must be freed before it: declare the RepositoryPtr first.
// - Thread safety: libgit2 is built thread-aware (GIT_FEATURE_THREADS), so
//   separate repositories may be used from separate threads, but one
//   git_repository and the objects read from it belong to one thread at a
//   time. The functions here open their own repository per call, so they may
//   run concurrently.
// - Errors: libgit2 returns negative codes and keeps a per-thread message;
//   error_message() turns the pair into text right after the failing call.
#pragma once

#include <git2.h>

#include <cstring>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "git/result.h"

namespace kb::git {

// Initialises libgit2 for this process (idempotent, thread-safe).
void use_libgit2();

template <class T, void (*FreeFn)(T*)>
struct Free {  // deleter calling FreeFn
  void operator()(T* p) const {
    if (p) FreeFn(p);
  }
};

using RepositoryPtr = std::unique_ptr<git_repository, Free<git_repository, git_repository_free>>;
using CommitPtr = std::unique_ptr<git_commit, Free<git_commit, git_commit_free>>;
using TreePtr = std::unique_ptr<git_tree, Free<git_tree, git_tree_free>>;
using TreeEntryPtr = std::unique_ptr<git_tree_entry, Free<git_tree_entry, git_tree_entry_free>>;
using RevwalkPtr = std::unique_ptr<git_revwalk, Free<git_revwalk, git_revwalk_free>>;
using SignaturePtr = std::unique_ptr<git_signature, Free<git_signature, git_signature_free>>;
using DiffPtr = std::unique_ptr<git_diff, Free<git_diff, git_diff_free>>;
using StatusListPtr = std::unique_ptr<git_status_list, Free<git_status_list, git_status_list_free>>;
using IndexPtr = std::unique_ptr<git_index, Free<git_index, git_index_free>>;
using ReferencePtr = std::unique_ptr<git_reference, Free<git_reference, git_reference_free>>;
using RemotePtr = std::unique_ptr<git_remote, Free<git_remote, git_remote_free>>;
using MailmapPtr = std::unique_ptr<git_mailmap, Free<git_mailmap, git_mailmap_free>>;
using ConfigPtr = std::unique_ptr<git_config, Free<git_config, git_config_free>>;
using ObjectPtr = std::unique_ptr<git_object, Free<git_object, git_object_free>>;
using BlobPtr = std::unique_ptr<git_blob, Free<git_blob, git_blob_free>>;

// A git_buf that disposes of its memory.
class Buffer {
 public:
  Buffer() = default;
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  ~Buffer() { git_buf_dispose(&buf_); }
  git_buf* get() { return &buf_; }
  std::string str() const { return buf_.ptr ? std::string(buf_.ptr, buf_.size) : std::string(); }

 private:
  git_buf buf_ = GIT_BUF_INIT;
};

// "what: libgit2's message" for the last failure on this thread (the code is
// used when libgit2 left no message).
std::string error_message(std::string_view what, int code);

// Full and abbreviated hex ids.
std::string hex(const git_oid& id);
std::string short_hex(const git_oid& id, size_t length = 7);

struct OidHash {
  size_t operator()(const git_oid& id) const {
    size_t h;
    static_assert(sizeof(h) <= sizeof(id.id));
    std::memcpy(&h, id.id, sizeof(h));  // ids are SHA-1: already well mixed
    return h;
  }
};
struct OidEqual {
  bool operator()(const git_oid& a, const git_oid& b) const { return git_oid_equal(&a, &b); }
};

// The repository holding `path` (a file or folder), searching upward the way
// git does. Success with a null pointer means "no repository holds it" (and
// so does a bare repository, which has no working tree to hold notes); a
// repository that exists but cannot be opened (corrupt, owned by another
// user) is an error with a message.
Result<RepositoryPtr> discover_repository(const std::filesystem::path& path);

// The repository's working tree, canonical, without a trailing slash.
std::filesystem::path workdir(git_repository* repo);

// `path` relative to the working tree in git's form ("notes/a b.md"; "" for
// the working tree itself); nullopt if it lies outside. Both sides are
// canonicalised (symlinks resolved), so `path` must exist up to its last
// existing parent.
std::optional<std::string> repo_relative(git_repository* repo, const std::filesystem::path& path);

}  // namespace kb::git
