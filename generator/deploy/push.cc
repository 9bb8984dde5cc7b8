#include "deploy/push.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cstring>
#include <filesystem>
#include <optional>
#include <vector>

#include "git/libgit2.h"

extern char** environ;

namespace kb::deploy {

using git::fail;
using git::Result;

UrlParts parse_url(const std::string& url) {
  UrlParts u;
  std::string rest;
  size_t scheme = url.find("://");
  if (scheme != std::string::npos) {
    u.protocol = url.substr(0, scheme);
    rest = url.substr(scheme + 3);
  } else if (!url.empty() && url[0] != '/' && url[0] != '.' && url.find(':') != std::string::npos &&
             url.find(':') < url.find('/')) {
    u.protocol = "ssh";  // scp-like: user@host:path
    size_t colon = url.find(':');
    rest = url.substr(0, colon) + "/" + url.substr(colon + 1);
  } else {
    u.protocol = "file";
    u.path = url;
    return u;
  }
  size_t slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  u.path = slash == std::string::npos ? "" : rest.substr(slash + 1);
  size_t at = authority.rfind('@');
  if (at != std::string::npos) {
    u.user = authority.substr(0, at);
    if (size_t colon = u.user.find(':'); colon != std::string::npos) u.user.resize(colon);  // never keep a password
    authority = authority.substr(at + 1);
  }
  u.host = authority;
  return u;
}

namespace {

struct UserPass {
  std::string username, password;
};

// Asks git's credential helpers (`git credential fill`) for `url`, with
// prompts off; nullopt when none answers or git is missing.
std::optional<UserPass> credential_fill(const std::string& workdir, const UrlParts& url) {
  std::string input = "protocol=" + url.protocol + "\nhost=" + url.host + "\n";
  if (!url.path.empty()) input += "path=" + url.path + "\n";
  if (!url.user.empty()) input += "username=" + url.user + "\n";
  input += "\n";

  int to_child[2], from_child[2];
  if (::pipe(to_child) != 0) return std::nullopt;
  if (::pipe(from_child) != 0) {
    ::close(to_child[0]);
    ::close(to_child[1]);
    return std::nullopt;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, to_child[0], 0);
  posix_spawn_file_actions_adddup2(&actions, from_child[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addclose(&actions, to_child[1]);
  posix_spawn_file_actions_addclose(&actions, from_child[0]);

  // The environment, with prompts off so kb never waits for a terminal.
  std::vector<std::string> env_strings;
  for (char** e = environ; e && *e; ++e) {
    if (std::strncmp(*e, "GIT_TERMINAL_PROMPT=", 20) != 0 && std::strncmp(*e, "GCM_INTERACTIVE=", 16) != 0) {
      env_strings.emplace_back(*e);
    }
  }
  env_strings.emplace_back("GIT_TERMINAL_PROMPT=0");
  env_strings.emplace_back("GCM_INTERACTIVE=never");
  std::vector<char*> envp;
  for (std::string& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);

  std::string dir = workdir.empty() ? "." : workdir;
  std::vector<std::string> args = {"git", "-C", dir, "credential", "fill"};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  pid_t pid = 0;
  int rc = posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(to_child[0]);
  ::close(from_child[1]);
  if (rc != 0) {
    ::close(to_child[1]);
    ::close(from_child[0]);
    return std::nullopt;
  }
  // The request is far smaller than a pipe's buffer: write it all, then read.
  const char* p = input.data();
  size_t left = input.size();
  while (left > 0) {
    ssize_t n = ::write(to_child[1], p, left);
    if (n <= 0) break;
    p += n;
    left -= static_cast<size_t>(n);
  }
  ::close(to_child[1]);
  std::string output;
  char buf[1024];
  ssize_t n;
  while ((n = ::read(from_child[0], buf, sizeof buf)) > 0) output.append(buf, static_cast<size_t>(n));
  ::close(from_child[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;

  UserPass up;
  size_t start = 0;
  while (start < output.size()) {
    size_t end = output.find('\n', start);
    if (end == std::string::npos) end = output.size();
    std::string line = output.substr(start, end - start);
    if (line.rfind("username=", 0) == 0) up.username = line.substr(9);
    if (line.rfind("password=", 0) == 0) up.password = line.substr(9);
    start = end + 1;
  }
  if (up.username.empty() && up.password.empty()) return std::nullopt;
  return up;
}

struct PushState {
  std::string workdir;
  CredentialAttempts tried;
  std::string rejection;  // the server's reason for refusing our ref
};

int acquire_credentials(git_credential** out, const char* url, const char* username_from_url,
                        unsigned int allowed, void* payload) {
  auto* state = static_cast<PushState*>(payload);
  UrlParts parts = parse_url(url ? url : "");
  if (allowed & GIT_CREDENTIAL_SSH_KEY) {
    if (state->tried.ssh_agent) {
      git_error_set_str(GIT_ERROR_SSH, "the keys in ssh-agent were refused");
      return GIT_EAUTH;
    }
    state->tried.ssh_agent = true;
    const char* user = username_from_url && *username_from_url ? username_from_url : "git";
    return git_credential_ssh_key_from_agent(out, user);
  }
  if (allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) {
    if (state->tried.helper_asked) {
      git_error_set_str(GIT_ERROR_HTTP, "the credentials were refused");
      return GIT_EAUTH;
    }
    state->tried.helper_asked = true;
    if (username_from_url && *username_from_url) parts.user = username_from_url;
    std::optional<UserPass> up = credential_fill(state->workdir, parts);
    if (!up) {
      git_error_set_str(GIT_ERROR_HTTP, "no credentials available");
      return GIT_EAUTH;
    }
    state->tried.helper_answered = true;
    return git_credential_userpass_plaintext_new(out, up->username.c_str(), up->password.c_str());
  }
  if (allowed & GIT_CREDENTIAL_USERNAME) {
    return git_credential_username_new(out, username_from_url && *username_from_url ? username_from_url : "git");
  }
  state->tried.unsupported = true;
  git_error_set_str(GIT_ERROR_NET, "the server asked for a kind of credential kb cannot supply");
  return GIT_EAUTH;
}

int record_rejection(const char* refname, const char* status, void* payload) {
  if (status) {
    auto* state = static_cast<PushState*>(payload);
    state->rejection = status;
  }
  (void)refname;
  return 0;
}

bool contains(const std::string& haystack, const char* needle) {
  std::string h = haystack, n = needle;
  for (char& c : h) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (char& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return h.find(n) != std::string::npos;
}

}  // namespace

std::string explain_push_failure(int code, const std::string& libgit2_message, const std::string& rejection,
                                 const std::string& url, const std::string& branch,
                                 const CredentialAttempts& tried) {
  const std::string what = "could not push " + branch + " to " + url + ": ";
  const UrlParts parts = parse_url(url);
  const bool non_ff = code == GIT_ENONFASTFORWARD || contains(rejection, "non-fast-forward") ||
                      contains(rejection, "fetch first") || contains(libgit2_message, "not present locally");
  if (non_ff) {
    return what + "the remote " + branch + " has commits this deploy does not build on (another deploy, or a "
           "rewritten branch); run `git fetch " + url + " " + branch + ":" + branch +
           "` (or delete the local branch to start over from the remote's) and deploy again";
  }
  if (!rejection.empty()) {
    return what + "the server refused the update (" + rejection + "); check the branch's protection rules "
           "and your push rights";
  }
  const bool auth = code == GIT_EAUTH || contains(libgit2_message, "authentication") ||
                    contains(libgit2_message, "401") || contains(libgit2_message, "403") ||
                    contains(libgit2_message, "credential") || contains(libgit2_message, "permission denied");
  if (auth) {
    if (parts.protocol == "ssh" || tried.ssh_agent) {
      return what + "the server did not accept any key from ssh-agent; start an agent and add a key that has "
             "push access (`ssh-add ~/.ssh/id_ed25519`), or use an HTTPS remote with a git credential helper";
    }
    if (tried.helper_answered || contains(libgit2_message, "403")) {
      return what + "the server refused the user name and password (or token) your git credential helper "
             "supplied; update the stored credentials with a token that may push (for GitHub: `gh auth "
             "login` then `gh auth setup-git`), or push over SSH with a key in ssh-agent";
    }
    if (tried.unsupported) {
      return what + "the server asked for a kind of authentication kb cannot supply; push the branch with "
             "`git push " + url + " " + branch + "` instead";
    }
    return what + "the server wants a user name and password and no git credential helper supplied one; "
           "configure a credential helper (for GitHub: `gh auth setup-git`; or `git config --global "
           "credential.helper store` and push once with git) or push over SSH with a key in ssh-agent";
  }
  if (code == GIT_ECERTIFICATE || contains(libgit2_message, "certificate")) {
    return what + "the server's TLS certificate could not be verified; check the URL and your system's CA "
           "certificates (Debian: the ca-certificates package)";
  }
  if (contains(libgit2_message, "resolve") || contains(libgit2_message, "connect") ||
      contains(libgit2_message, "timed out") || contains(libgit2_message, "network")) {
    return what + "the server could not be reached (" + libgit2_message + "); check the URL and your network";
  }
  if (parts.protocol == "file" && (contains(libgit2_message, "not found") || contains(libgit2_message, "could not find") ||
                                   contains(libgit2_message, "does not exist"))) {
    return what + "no repository there (" + libgit2_message + "); check the remote's path";
  }
  if (contains(libgit2_message, "unsupported URL protocol")) {
    return what + "kb cannot push over this kind of URL (it pushes over HTTPS, SSH and to local paths); "
           "push the branch with `git push " + url + " " + branch + "` instead";
  }
  return what + libgit2_message;
}

Result<std::string> push_branch(git_repository* repo, const std::string& remote_name, const std::string& branch) {
  git::use_libgit2();
  git_remote* raw = nullptr;
  int rc = git_remote_lookup(&raw, repo, remote_name.c_str());
  if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC) {
    git_error_clear();
    const bool looks_like_url = remote_name.find("://") != std::string::npos ||
                                remote_name.find('/') != std::string::npos ||
                                remote_name.find(':') != std::string::npos;
    if (!looks_like_url) {
      return fail("could not push " + branch + ": this repository has no remote named '" + remote_name +
                  "'; add it with `git remote add " + remote_name + " URL`, or name a URL or path instead");
    }
    rc = git_remote_create_anonymous(&raw, repo, remote_name.c_str());
  }
  git::RemotePtr remote(raw);
  if (rc < 0) return fail(git::error_message("could not push " + branch + " to " + remote_name, rc));
  const char* push_url = git_remote_pushurl(remote.get());
  std::string url = push_url ? push_url : git_remote_url(remote.get()) ? git_remote_url(remote.get()) : remote_name;

  // libgit2 says only "unsupported URL protocol" for a path that does not exist.
  const UrlParts parts = parse_url(url);
  if (parts.protocol == "file") {
    std::string path = url.rfind("file://", 0) == 0 ? url.substr(7) : url;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      return fail("could not push " + branch + " to " + url + ": there is no repository at that path; check "
                  "the remote's URL (`git remote -v`)");
    }
  }

  PushState state;
  state.workdir = git::workdir(repo).string();
  git_push_options opts;
  git_push_options_init(&opts, GIT_PUSH_OPTIONS_VERSION);
  opts.callbacks.credentials = acquire_credentials;
  opts.callbacks.push_update_reference = record_rejection;
  opts.callbacks.payload = &state;
  std::string refspec = "refs/heads/" + branch + ":refs/heads/" + branch;
  char* spec = refspec.data();
  git_strarray refspecs = {&spec, 1};
  rc = git_remote_push(remote.get(), &refspecs, &opts);
  if (rc < 0 || !state.rejection.empty()) {
    const git_error* e = git_error_last();
    std::string message = e && e->message ? e->message : "";
    return fail(explain_push_failure(rc, message, state.rejection, url, branch, state.tried));
  }
  return url;
}

}  // namespace kb::deploy
