#include "site/output.h"

#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

namespace fs = std::filesystem;
using kb::site::StagedOutput;

namespace {
fs::path temp_dir() {
  fs::path p = fs::temp_directory_path() / ("kb-output-test-" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}
std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), {}};
}
}  // namespace

TEST_CASE("a committed output replaces the previous site whole") {
  fs::path dir = temp_dir(), dest = dir / "_site";
  std::string err;
  {
    auto out = StagedOutput::open(dest, err);
    REQUIRE(out);
    REQUIRE(out->write("a/b.html", "one", err));
    REQUIRE(out->commit(err));
  }
  CHECK(slurp(dest / "a/b.html") == "one");
  {
    auto out = StagedOutput::open(dest, err);
    REQUIRE(out);
    REQUIRE(out->write("c.html", "two", err));
    REQUIRE(out->commit(err));
  }
  CHECK_FALSE(fs::exists(dest / "a/b.html"));
  CHECK(slurp(dest / "c.html") == "two");
  fs::remove_all(dir);
}

TEST_CASE("an output never committed leaves the previous site exactly as it was") {
  fs::path dir = temp_dir(), dest = dir / "_site";
  std::string err;
  {
    auto out = StagedOutput::open(dest, err);
    REQUIRE(out);
    out->write("keep.html", "old", err);
    out->commit(err);
  }
  fs::path staging;
  {
    auto out = StagedOutput::open(dest, err);
    REQUIRE(out);
    staging = out->staging();
    out->write("new.html", "half", err);
  }  // a failed build: no commit
  CHECK(slurp(dest / "keep.html") == "old");
  CHECK_FALSE(fs::exists(dest / "new.html"));
  CHECK_FALSE(fs::exists(staging));
  fs::remove_all(dir);
}

TEST_CASE("a folder kb did not write is never replaced") {
  fs::path dir = temp_dir(), dest = dir / "mine";
  fs::create_directories(dest);
  std::ofstream(dest / "thesis.tex") << "precious";
  std::string err;
  CHECK_FALSE(StagedOutput::open(dest, err));
  CHECK(err.find("not written by kb") != std::string::npos);
  CHECK(slurp(dest / "thesis.tex") == "precious");
  CHECK_FALSE(StagedOutput::open("/", err));
  fs::remove_all(dir);
}

TEST_CASE("output: a build killed outright leaves folders the next one removes, not a running build's") {
  const fs::path root = temp_dir();
  fs::path dest = root / "site";
  fs::create_directories(root / "site.kb-staging-999999999");  // no such process (pids stop well below)
  fs::create_directories(root / "site.kb-old-999999998");
  const std::string running = "site.kb-staging-" + std::to_string(::getppid());  // a live process
  fs::create_directories(root / running);
  fs::create_directories(root / "other.kb-staging-999999999");  // another site's
  CHECK(kb::site::remove_stale_folders(dest) == 2);
  CHECK_FALSE(fs::exists(root / "site.kb-staging-999999999"));
  CHECK_FALSE(fs::exists(root / "site.kb-old-999999998"));
  CHECK(fs::exists(root / running));
  CHECK(fs::exists(root / "other.kb-staging-999999999"));
  fs::remove_all(root);
}

TEST_CASE("output: one build at a time writes an output folder") {
  const fs::path root = temp_dir();
  std::string error;
  auto first = kb::site::OutputLock::acquire(root / "site", error);
  REQUIRE(first);
  // Another process's attempt (a lock file opened anew is another lock).
  pid_t child = ::fork();
  if (child == 0) {
    std::string e;
    auto second = kb::site::OutputLock::acquire(root / "site", e);
    ::_exit(!second && e.find("another kb build (process " + std::to_string(::getppid()) + ")") != std::string::npos ? 0 : 1);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  first.reset();
  CHECK(kb::site::OutputLock::acquire(root / "site", error));  // free again
  fs::remove_all(root);
}
