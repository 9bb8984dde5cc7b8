// Incremental builds are clean builds, faster: random sequences of edits
// (bodies, headings, titles, links, embeds, block ids, tags, renames, moves,
// deletions, new notes, a template, the stylesheet, site.toml), and after
// each step the site built with the cache must hold exactly the files, the
// exported search index included, of a site built anew from the same notes.
// A build that fails leaves the site as it was.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "edit_vault.h"
#include "run_kb.h"
#include "search/schema.h"
#include "search/site_search.h"
#include "site/search_location.h"

namespace fs = std::filesystem;
using kb::testing::Run;
using kb::testing::published;
using kb::testing::slurp;

namespace {

using kb::testing::Vault;
using kb::testing::write;

void check_random_edits(const std::string& name, size_t notes, int steps, size_t min_incremental, uint32_t seed) {
  fs::path root = kb::testing::scratch_path("kb-incremental", name);
  fs::path clean = root.parent_path() / (name + "-clean");
  fs::path cache = root.parent_path() / (name + "-cache");
  Vault v{root, std::mt19937(seed)};
  v.create(notes);
  const std::vector<std::pair<std::string, std::string>> env{{"XDG_CACHE_HOME", cache.string()}};
  Run first = kb::testing::run_kb_env(root, env, "build");
  INFO(first.output);
  REQUIRE(first.status == 0);
  size_t incremental = 0;
  std::string history;
  for (int step = 0; step < steps; ++step) {
    size_t edits = 1 + v.pick(3);
    for (size_t e = 0; e < edits; ++e) history += v.edit() + "; ";
    history += "| ";
    INFO("edits so far: " << history);
    Run inc = kb::testing::run_kb_env(root, env, "build");
    INFO(inc.output);
    REQUIRE(inc.status == 0);
    incremental += inc.output.find("Only what changed since the last build") != std::string::npos;
    fs::remove_all(clean);
    Run full = kb::testing::run_kb(root, "build --no-cache --out '" + clean.string() + "'");
    REQUIRE(full.status == 0);
    auto a = published(root / "site"), b = published(clean);
    for (const auto& [rel, bytes] : b) {
      INFO(rel);
      auto other = a.find(rel);
      REQUIRE(other != a.end());
      REQUIRE(other->second == bytes);
    }
    for (const auto& [rel, bytes] : a) {
      INFO(rel);
      CHECK(b.count(rel) == 1);  // nothing left over from before
    }
    // A build in place kept the database the last kb search made up to
    // date itself (a full build leaves it to the next search).
    if (step > 0 && inc.output.find("Only what changed since the last build") != std::string::npos) {
      std::string error;
      bool rebuilt = true;
      const fs::path index = [&] {
        kb::testing::ScopedEnv where(env);  // where the builds keep the index
        return kb::site::search_index_dir(root / "site");
      }();
      REQUIRE(kb::search::sync_database(index, error, &rebuilt));
      CHECK_FALSE(rebuilt);
    }
    // kb search answers alike from the database updated in place.
    Run q1 = kb::testing::run_kb_env(root, env, "search --json --site site 'shards words'");
    Run q2 = kb::testing::run_kb(root, "search --json --site '" + clean.string() + "' 'shards words'");
    REQUIRE(q1.output == q2.output);
  }
  INFO(history);
  CHECK(incremental >= min_incremental);  // steps of body, link and heading edits only took the incremental path

  // A note that cannot be read is left out, with a warning: the rest builds
  // as before. With --strict the build fails, and a failed build changes
  // nothing.
  auto before = published(root / "site");
  write(v.notes() / "modeling" / "Broken.md", "---\ntitle: [unclosed\n---\nText.\n");
  Run broken = kb::testing::run_kb_env(root, env, "build --strict");
  CHECK(broken.status == 1);
  CHECK(published(root / "site") == before);
  Run left_out = kb::testing::run_kb_env(root, env, "build");
  CHECK(left_out.status == 0);
  CHECK(left_out.output.find("Broken.md:3:1: warning: invalid YAML front matter") != std::string::npos);
  CHECK(published(root / "site") == before);
  fs::remove(v.notes() / "modeling" / "Broken.md");
  Run fixed = kb::testing::run_kb_env(root, env, "build");
  CHECK(fixed.status == 0);
}

}  // namespace

TEST_CASE("incremental builds write exactly what clean builds write through random edits") {
  check_random_edits("vault", 60, 40, 8, 20261205);
}

// Over 300 notes the navigation shows a window of each folder: a renamed
// note re-renders its neighbours only, which the keys must get right.
TEST_CASE("incremental builds of a site with windowed navigation write what clean builds write") {
  check_random_edits("big", 330, 12, 2, 77);
}

TEST_CASE("no cache and a site changed behind the back of kb give full builds") {
  fs::path root = kb::testing::scratch_path("kb-incremental", "nocache");
  fs::path cache = root.parent_path() / "cache2";
  Vault v{root, std::mt19937(7)};
  v.create(30);
  const std::vector<std::pair<std::string, std::string>> env{{"XDG_CACHE_HOME", cache.string()}};
  REQUIRE(kb::testing::run_kb_env(root, env, "build").status == 0);
  write(v.notes() / v.any_source(), "# Changed\n\nNew body.\n");
  Run nocache = kb::testing::run_kb_env(root, env, "build --no-cache");
  REQUIRE(nocache.status == 0);
  CHECK(nocache.output.find("Only what changed") == std::string::npos);
  // The cache described the site before --no-cache rebuilt it: not used.
  write(v.notes() / v.any_source(), "# Changed again\n\nOther body.\n");
  Run after = kb::testing::run_kb_env(root, env, "build");
  REQUIRE(after.status == 0);
  CHECK(after.output.find("Only what changed") == std::string::npos);
  // A page deleted by hand is written again.
  REQUIRE(kb::testing::run_kb_env(root, env, "build").status == 0);
  fs::path page;
  for (const auto& e : fs::recursive_directory_iterator(root / "site" / "modeling"))
    if (e.path().extension() == ".html" && e.path().filename() != "index.html") page = e.path();
  REQUIRE(!page.empty());
  fs::remove(page);
  write(v.notes() / "data" / "extra.md", "# Extra\n\nOne more.\n");
  Run repaired = kb::testing::run_kb_env(root, env, "build");
  REQUIRE(repaired.status == 0);
  CHECK(fs::exists(page));
}

namespace {

// `kb serve --watch` in `cwd`, its output in `log`; SIGINT on destruction.
struct Watching {
  pid_t pid = -1;
  fs::path log;
  Watching(const fs::path& cwd, const fs::path& cache, fs::path log_file) : log(std::move(log_file)) {
    pid = ::fork();
    if (pid == 0) {
      if (::chdir(cwd.c_str()) != 0) ::_exit(127);
      ::setenv("XDG_CACHE_HOME", cache.c_str(), 1);
      FILE* f = std::freopen(log.c_str(), "w", stdout);
      if (!f || ::dup2(STDOUT_FILENO, STDERR_FILENO) < 0) ::_exit(127);  // one file offset for both
      ::execl(KB_BINARY, KB_BINARY, "serve", "--watch", "--port", "0", static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  ~Watching() {
    if (pid > 0) {
      ::kill(pid, SIGINT);
      int status = 0;
      ::waitpid(pid, &status, 0);
    }
  }
  std::string output() const { return slurp(log); }
  // Until the first build is served (30 s at most).
  bool serving() const {
    for (int i = 0; i < 600 && output().find("Serving") == std::string::npos; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return output().find("Serving") != std::string::npos;
  }
  size_t rebuilds() const {
    std::string out = output();
    return kb::testing::count(out, " changed: rebuilt") + kb::testing::count(out, " changed: the build failed");
  }
  // Until a rebuild more than `before` happened and the log then stayed
  // still for a while (a burst of edits may take two rebuilds).
  bool settle(size_t before) const {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    std::string last;
    auto still_since = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() < deadline) {
      std::string now = output();
      if (now != last) {
        last = now;
        still_since = std::chrono::steady_clock::now();
      } else if (rebuilds() > before && std::chrono::steady_clock::now() - still_since > std::chrono::milliseconds(400)) {
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }
};

}  // namespace

// kb serve --watch holds notes in memory between rebuilds: what it serves
// after each burst of edits must still be what a clean build writes.
TEST_CASE("kb serve --watch rebuilds to exactly what clean builds write") {
  fs::path root = kb::testing::scratch_path("kb-incremental", "watch");
  fs::path clean = root.parent_path() / "watch-clean";
  fs::path cache = root.parent_path() / "watch-cache";
  Vault v{root, std::mt19937(1205)};
  v.create(50);
  Watching w(root, cache, root.parent_path() / "watch.log");
  INFO(w.output());
  REQUIRE(w.serving());
  std::string history;
  for (int step = 0; step < 12; ++step) {
    size_t before = w.rebuilds();
    for (size_t e = 1 + v.pick(2); e > 0; --e) history += v.edit() + "; ";
    if (history.size() >= 9 && history.compare(history.size() - 9, 9, "nothing; ") == 0) continue;
    INFO("edits: " << history);
    bool settled = w.settle(before);
    INFO("log after the edits: " << w.output());
    REQUIRE(settled);
    fs::remove_all(clean);
    REQUIRE(kb::testing::run_kb(root, "build --no-cache --out '" + clean.string() + "'").status == 0);
    kb::testing::require_same_site(root / "site", clean);
  }
}

// The session keeps its caches in memory and writes them when no edit waits
// and on the way out: the next kb build starts from them.
TEST_CASE("kb build after kb serve --watch stopped is incremental and exact") {
  fs::path root = kb::testing::scratch_path("kb-incremental", "after-watch");
  fs::path clean = root.parent_path() / "after-watch-clean";
  fs::path cache = root.parent_path() / "after-watch-cache";
  Vault v{root, std::mt19937(99)};
  v.create(30);
  const std::vector<std::pair<std::string, std::string>> env{{"XDG_CACHE_HOME", cache.string()}};
  {
    Watching w(root, cache, root.parent_path() / "after-watch.log");
    REQUIRE(w.serving());
    size_t before = w.rebuilds();
    write(v.notes() / v.any_source(), "---\ntitle: Edited\n---\n# Edited\n\nNew words.\n");
    INFO(w.output());
    REQUIRE(w.settle(before));
  }  // stopped here (SIGINT)
  {
    fs::path other = v.notes() / v.any_source();  // a body edit: one page to render
    write(other, slurp(other) + "\nOther words.\n");
  }
  Run after = kb::testing::run_kb_env(root, env, "build");
  INFO(after.output);
  REQUIRE(after.status == 0);
  CHECK(after.output.find("Only what changed since the last build") != std::string::npos);
  REQUIRE(kb::testing::run_kb(root, "build --no-cache --out '" + clean.string() + "'").status == 0);
  CHECK(published(root / "site") == published(clean));
}
