// Every fixture under tests/sites/invalid/ is one class of bad input. Its
// `expect` file says how to run kb on it and what the user must be told:
//   args: build --strict       (kb's arguments; run in the fixture folder)
//   exit: 1                    (expected exit status)
//   generate: huge             (optional: make an input too big to commit)
//   expect: notes/a.md:3:      (a line of output that must appear, verbatim)
// Each run starts from a previous good site in --out and asserts that a failed
// build leaves it exactly as it was, and that kb never crashes.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include <catch2/catch.hpp>

#include "run_kb.h"

namespace fs = std::filesystem;
using kb::testing::Run;
using kb::testing::slurp;

namespace {

struct Expectation {
  std::string args;
  int exit = 1;
  std::string generate;
  std::vector<std::string> lines;
};

Expectation read_expect(const fs::path& file) {
  Expectation e;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    auto value = [&](const char* key) -> std::optional<std::string> {
      std::string k = std::string(key) + ": ";
      if (line.rfind(k, 0) == 0) return line.substr(k.size());
      return std::nullopt;
    };
    if (auto v = value("args")) e.args = *v;
    else if (auto v = value("exit")) e.exit = std::stoi(*v);
    else if (auto v = value("generate")) e.generate = *v;
    else if (auto v = value("expect")) e.lines.push_back(*v);
  }
  return e;
}

}  // namespace

TEST_CASE("every invalid fixture gives its clear error and keeps the previous site") {
  fs::path root = fs::path(KB_SOURCE_DIR) / "tests/sites/invalid";
  fs::path good = fs::path(KB_SOURCE_DIR) / "tests/sites/ok/basic";
  size_t fixtures = 0;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (!fs::exists(entry.path() / "expect")) continue;
    ++fixtures;
    // Work on a copy (symlinks copied as symlinks) so generated inputs and the
    // output never touch the source tree.
    fs::path work = fs::temp_directory_path() / ("kb-invalid-" + std::to_string(::getpid())) /
                    entry.path().filename();
    fs::remove_all(work);
    fs::create_directories(work.parent_path());
    fs::copy(entry.path(), work, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    Expectation e = read_expect(work / "expect");
    DYNAMIC_SECTION(entry.path().filename().string()) {
      if (e.generate == "huge") {
        std::ofstream big(work / "notes/huge.md", std::ios::binary);
        std::string line(1023, 'x');
        line += '\n';
        for (int i = 0; i < 20 * 1024; ++i) big << line;
      }
      // A previous good build in the output folder.
      fs::path out = work / "_site";
      Run first = kb::testing::run_kb(work, "build -q --config '" + (good / "site.toml").string() + "' --notes '" +
                                     (good / "notes").string() + "' --out _site");
      REQUIRE(first.status == 0);
      std::string before = slurp(out / "index.html");
      REQUIRE(!before.empty());

      std::string args = e.args;
      if (args.rfind("build", 0) == 0) args += " --out _site";
      Run r = kb::testing::run_kb(work, args);
      INFO("kb " << args << "\n" << r.output);
      CHECK(r.status == e.exit);
      for (const auto& line : e.lines) CHECK(r.output.find(line) != std::string::npos);
      CHECK(r.output.find("internal error") == std::string::npos);
      CHECK(slurp(out / "index.html") == before);
      for (const auto& f : fs::directory_iterator(work))
        CHECK(f.path().filename().string().find(".kb-staging") == std::string::npos);
    }
    fs::remove_all(work);
  }
  CHECK(fixtures >= 12);
}

TEST_CASE("an unreadable note is reported, not skipped (when permissions apply)") {
  if (::geteuid() == 0) {
    WARN("running as root: chmod cannot make a file unreadable; the 'unreadable' fixture covers the same path");
    return;
  }
  fs::path work = fs::temp_directory_path() / ("kb-perm-" + std::to_string(::getpid()));
  fs::create_directories(work / "notes");
  std::ofstream(work / "notes/a.md") << "# A\n";
  std::ofstream(work / "notes/secret.md") << "# Secret\n";
  fs::permissions(work / "notes/secret.md", fs::perms::none);
  Run r = kb::testing::run_kb(work, "check");
  CHECK(r.status == 1);  // a note left out is a problem for kb check, as a broken link is
  CHECK(r.output.find("notes/secret.md: warning: cannot read: Permission denied") != std::string::npos);
  fs::permissions(work / "notes/secret.md", fs::perms::owner_all);
  fs::remove_all(work);
}

TEST_CASE("a usage error exits 2 and says what was wrong, and --help exits 0") {
  auto bad = kb::testing::run_kb(std::filesystem::temp_directory_path(), "build --no-such-flag");
  CHECK(bad.status == 2);
  CHECK(bad.output.find("--no-such-flag") != std::string::npos);
  CHECK(kb::testing::run_kb(std::filesystem::temp_directory_path(), "search").status == 2);  // no query
  CHECK(kb::testing::run_kb(std::filesystem::temp_directory_path(), "--help").status == 0);
}

TEST_CASE("a file name with a newline or an escape sequence is shown escaped in messages") {
  auto root = kb::testing::scratch_path("kb-invalid", "control-names");
  std::filesystem::create_directories(root / "notes");
  std::ofstream(root / "notes" / "bad\nname\x1b[31m.md") << "# Bad\n\n[[Nowhere]]\n";
  auto r = kb::testing::run_kb(root, "build -q --out site");
  CHECK(r.output.find("notes/bad\\x0aname\\x1b[31m.md:3:1: warning") != std::string::npos);
  CHECK(r.output.find('\x1b') == std::string::npos);
}
