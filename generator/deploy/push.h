// Pushing a branch with libgit2, with credentials found the way git finds
// them, and failures explained in one sentence.
//
// Contract:
// - push_branch() pushes refs/heads/<branch> to the same name on `remote`,
//   without force: a remote branch that has commits the local one lacks is
//   refused, not overwritten. `remote` is the name of a configured remote or,
//   failing that, a URL or a path to a repository (pushed to anonymously).
// - Credentials, asked for only when the server wants them: for SSH a key
//   from the running ssh-agent (user name from the URL, else "git"); for
//   HTTPS what `git credential fill` returns (so the user's git credential
//   helpers work: store, cache, libsecret, `gh auth setup-git`, ...), run
//   with terminal prompts off so kb never hangs waiting for input. Each kind
//   is tried once; credentials are never stored or printed.
// - Failures come back as one sentence saying what failed and what to do
//   (explain_push_failure), never as libgit2's raw text alone.
// - Thread safety: uses only `repo`, which belongs to the calling thread.
#pragma once

#include <git2.h>

#include <string>

#include "git/result.h"

namespace kb::deploy {

// What the credential callback tried, for the explanation of a failure.
struct CredentialAttempts {
  bool ssh_agent = false;         // offered a key from ssh-agent
  bool helper_asked = false;      // ran `git credential fill`
  bool helper_answered = false;   // ... and it gave a user name and password
  bool unsupported = false;       // the server wanted a kind of credential kb cannot supply
};

// Pushes refs/heads/<branch> to `remote`; returns the URL pushed to.
git::Result<std::string> push_branch(git_repository* repo, const std::string& remote, const std::string& branch);

// One sentence for a failed push of `branch` to `url`: `code` and
// `libgit2_message` are what libgit2 reported, `rejection` the server's reason
// for refusing the ref (empty if it did not), `tried` what credentials were
// offered.
std::string explain_push_failure(int code, const std::string& libgit2_message, const std::string& rejection,
                                 const std::string& url, const std::string& branch,
                                 const CredentialAttempts& tried);

// The parts of a remote URL that git's credential helpers are keyed on.
struct UrlParts {
  std::string protocol;  // "https", "ssh", "file", ... ("ssh" for scp-like user@host:path)
  std::string host;      // with ":port" when given
  std::string path;      // without the leading '/'
  std::string user;      // from user@host, if any
};
UrlParts parse_url(const std::string& url);

}  // namespace kb::deploy
