// Runs the kb binary under test in a folder and captures what it prints, for
// the end-to-end tests. Test-only; KB_BINARY is set by CMake.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kb::testing {

struct Run {
  int status = -1;      // exit status, or 128 + signal
  std::string output;   // stdout and stderr together
};

// Runs a shell command line, capturing stdout (add 2>&1 for stderr too).
inline Run run_shell(const std::string& cmd) {
  Run r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.output.append(buf, n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  return r;
}

inline Run run_kb(const std::filesystem::path& cwd, const std::string& args) {
  return run_shell("cd '" + cwd.string() + "' && '" KB_BINARY "' " + args + " 2>&1");
}

// Non-overlapping occurrences of `what` in `s`.
inline size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + what.size())) ++n;
  return n;
}

// A path `name` under a folder of this test program's run
// (<tmp>/<prefix>-<pid>/), removed first; its parent exists.
inline std::filesystem::path scratch_path(const std::string& prefix, const std::string& name) {
  std::filesystem::path p = std::filesystem::temp_directory_path() / (prefix + "-" + std::to_string(::getpid())) / name;
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p.parent_path());
  return p;
}

// Environment variables set in this process while it lives, then put back
// as they were (set to the old value, or unset).
class ScopedEnv {
 public:
  explicit ScopedEnv(const std::vector<std::pair<std::string, std::string>>& env) {
    for (const auto& [name, value] : env) {
      const char* old = std::getenv(name.c_str());
      saved_.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
      ::setenv(name.c_str(), value.c_str(), 1);
    }
  }
  ~ScopedEnv() {
    for (const auto& [name, old] : saved_) {
      if (old) ::setenv(name.c_str(), old->c_str(), 1);
      else ::unsetenv(name.c_str());
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

// kb with some environment variables set for the run (and put back after).
inline Run run_kb_env(const std::filesystem::path& cwd,
                      const std::vector<std::pair<std::string, std::string>>& env, const std::string& args) {
  ScopedEnv scoped(env);
  return run_kb(cwd, args);
}

// The git CLI in `dir`, isolated from the user's and the system's configuration.
inline std::string run_git(const std::filesystem::path& dir, const std::string& args,
                           const std::string& author = "t", const std::string& env = "") {
  return run_shell("cd '" + dir.string() + "' && " + env + " GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 " +
                   "git -c user.name=" + author + " -c user.email=" + author + "@example.com " + args + " 2>&1")
      .output;
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// Every file of a built site but kb's own search database (.kb-index/),
// by site path: what two builds are compared on.
inline std::map<std::string, std::string> published(const std::filesystem::path& site) {
  std::map<std::string, std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(site)) {
    if (!e.is_regular_file()) continue;
    std::string rel = std::filesystem::relative(e.path(), site).generic_string();
    if (rel.rfind(".kb-index/", 0) == 0) continue;
    files[rel] = slurp(e.path());
  }
  return files;
}

}  // namespace kb::testing
