// Test helpers (tests only): temporary folders and git repositories built with
// the git command line, isolated from the user's and the system's git
// configuration, with fixed authors and increasing commit dates so walks are
// deterministic.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace kb::git::testing {

namespace fs = std::filesystem;

// `s` quoted for /bin/sh.
inline std::string q(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

// A fresh folder under the system temp folder, removed with everything in it.
class TempDir {
 public:
  explicit TempDir(const std::string& name) {
    static int counter = 0;
    path_ = fs::temp_directory_path() /
            ("kb-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    fs::remove_all(path_);
    fs::create_directories(path_);
    path_ = fs::canonical(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Points git and libgit2 at an empty HOME and no system configuration, once
// per test process, before libgit2 reads its search paths.
inline void isolate_git() {
  static bool done = [] {
    fs::path home = fs::temp_directory_path() / ("kb-git-home-" + std::to_string(::getpid()));
    fs::create_directories(home);
    std::ofstream(home / ".gitconfig") << "[init]\n\tdefaultBranch = main\n"
                                          "[user]\n\tname = Test Runner\n\temail = runner@example.com\n";
    ::setenv("HOME", home.c_str(), 1);
    ::setenv("XDG_CONFIG_HOME", (home / ".config").c_str(), 1);
    ::setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
    ::unsetenv("GIT_DIR");
    ::unsetenv("GIT_WORK_TREE");
    ::unsetenv("GIT_INDEX_FILE");
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(fs::temp_directory_path() / ("kb-git-home-" + std::to_string(::getpid())), ec);
    });
    return true;
  }();
  (void)done;
}

inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// Runs a shell command; true when it exits 0. Its output is shown (on
// stderr) only when it fails unexpectedly.
inline bool sh(const std::string& command, bool echo_failure = true) {
  const std::string log = (fs::temp_directory_path() / ("kb-sh-" + std::to_string(::getpid()) + ".log")).string();
  std::string full = "(" + command + ") >" + q(log) + " 2>&1";
  int rc = std::system(full.c_str());
  if (rc != 0 && echo_failure) {
    std::fprintf(stderr, "command failed (%d): %s\n%s", rc, command.c_str(), slurp(log).c_str());
  }
  std::error_code ec;
  fs::remove(log, ec);
  return rc == 0;
}

// The standard output of a shell command, without its trailing newline.
inline std::string capture(const std::string& command) {
  std::string out;
  if (FILE* p = ::popen(command.c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    ::pclose(p);
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

// A non-bare repository in a temporary folder, on branch main.
class TestRepo {
 public:
  explicit TestRepo(const std::string& name) : dir_((isolate_git(), name)) {
    ok_ = sh("git init -q -b main " + q(root().string()));
  }
  const fs::path& root() const { return dir_.path(); }
  bool ok() const { return ok_; }

  void write(const std::string& rel, const std::string& content) const {
    fs::path p = root() / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
  }
  // `git <args>` in the repository, as author `who` ("Ann <ann@example.com>")
  // at the next fake date. `may_fail`: a failure is expected, not echoed.
  bool git(const std::string& args, const std::string& who = "Ann <ann@example.com>", bool may_fail = false) {
    return sh(env(who) + " git -C " + q(root().string()) + " " + args, !may_fail);
  }
  std::string out(const std::string& args) const {
    return capture("git -C " + q(root().string()) + " " + args + " 2>/dev/null");
  }
  // Stages everything and commits; returns the new commit's id ("" on failure).
  std::string commit(const std::string& message, const std::string& who = "Ann <ann@example.com>") {
    if (!git("add -A") || !git("commit -q --allow-empty -m " + q(message), who)) return "";
    return out("rev-parse HEAD");
  }

 private:
  std::string env(const std::string& who) {
    std::string name = who.substr(0, who.find(" <"));
    std::string email = who.substr(who.find('<') + 1);
    email.pop_back();
    std::string date = std::to_string(1700000000 + 60 * ++clock_) + " +0000";
    return "GIT_AUTHOR_NAME=" + q(name) + " GIT_AUTHOR_EMAIL=" + q(email) + " GIT_COMMITTER_NAME=" + q(name) +
           " GIT_COMMITTER_EMAIL=" + q(email) + " GIT_AUTHOR_DATE=" + q(date) + " GIT_COMMITTER_DATE=" + q(date);
  }

  TempDir dir_;
  bool ok_ = false;
  int clock_ = 0;
};

}  // namespace kb::git::testing
