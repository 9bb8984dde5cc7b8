// A session's builds (kb serve --watch, site/build_session.h) are clean
// builds: random edits of every kind, each build told which paths changed,
// and after each the site and every diagnostic must be what a build from
// nothing gives. Body and link edits must take the short way (only the
// changed notes read), or the session would be no faster than a full build.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

#include <catch2/catch.hpp>

#include "config/config.h"
#include "content/parse_cache.h"
#include "edit_vault.h"
#include "run_kb.h"
#include "site/site.h"

namespace fs = std::filesystem;
using kb::testing::published;
using kb::testing::Vault;

namespace {

struct Built {
  bool ok = false;
  std::string report;
  kb::site::BuildStats stats;
};

Built build(const fs::path& root, const fs::path& out, kb::content::ParseCache* parsed, kb::site::BuildSession* session) {
  Built b;
  kb::Diagnostics diags;
  auto config = kb::config::load(root / "site.toml", diags);
  REQUIRE(config);
  config->output_dir = out;
  kb::site::BuildOptions options{*config};
  options.cache = parsed != nullptr;
  options.parse_cache = parsed;
  options.session = session;
  b.ok = kb::site::build(options, diags, b.stats);
  b.report = diags.report();
  return b;
}

void check_session(const std::string& name, size_t notes, int steps, uint32_t seed) {
  fs::path root = kb::testing::scratch_path("kb-session", name);
  fs::path cache = root.parent_path() / (name + "-cache");
  ::setenv("XDG_CACHE_HOME", cache.c_str(), 1);
  Vault v{root, std::mt19937(seed)};
  v.create(notes);
  // Some problems to carry from build to build: a broken link, an ambiguous title.
  v.put(v.notes() / "data" / "Problems.md", "---\ntitle: Problems\n---\n# Problems\n\nSee [[No such note]].\n");
  v.put(v.notes() / "ops" / "Twin.md", "---\ntitle: Note 1\n---\nA second note titled Note 1.\n");
  // Demos: one note's edited now and then, the other's kept from build to build.
  auto demo = [](const std::string& title, int n) {
    return "---\ntitle: " + title + "\n---\nA split.\n\n```demo\nkernel = \"train_test_split\"\ntitle = \"Splits\"\nn = " +
           std::to_string(n) + "\nshuffle = [true, false]\n```\n";
  };
  const fs::path edited_demo = v.notes() / "data" / "Demo one.md";
  v.put(edited_demo, demo("Demo one", 40));
  v.put(v.notes() / "ops" / "Demo two.md", demo("Demo two", 30));
  kb::content::ParseCache parsed;
  parsed.keep_in_memory(true);
  kb::site::BuildSession session;
  Built first = build(root, root / "site", &parsed, &session);
  INFO(first.report);
  REQUIRE(first.ok);
  REQUIRE(first.report.find("No such note") != std::string::npos);  // the problems are reported
  REQUIRE(first.report.find("links to it are ambiguous") != std::string::npos);
  std::string history;
  size_t patched = 0;
  for (int step = 0; step < steps; ++step) {
    v.touched.clear();
    for (size_t e = 1 + v.pick(2); e > 0; --e) history += v.edit() + "; ";
    if (step % 5 == 0) {
      v.put(edited_demo, demo("Demo one", 20 + step));
      history += "demo; ";
    }
    history += "| ";
    INFO("edits: " << history);
    session.changed.emplace();
    for (const auto& p : v.touched) session.changed->push_back(fs::absolute(p));
    Built inc = build(root, root / "site", &parsed, &session);
    patched += inc.stats.patched;
    fs::path clean = root.parent_path() / (name + "-clean");
    fs::remove_all(clean);
    Built full = build(root, clean, nullptr, nullptr);
    INFO(full.report);
    REQUIRE(inc.ok == full.ok);
    CHECK(inc.report == full.report);
    kb::testing::require_same_site(root / "site", clean);
  }
  INFO(history);
  std::fprintf(stderr, "session %s: %zu of %d builds read only the changed notes\n", name.c_str(), patched, steps);
  CHECK(patched == session.patched_builds);
  CHECK(patched >= size_t(steps) / 5);  // body, link and embed edits are about a third of all
}

}  // namespace

TEST_CASE("a session's builds read only the changed notes and write what clean builds write") {
  check_session("vault", 40, 45, 61205);
}

// A note that is a symlink to another note's file shows that file: an edit
// to the file changes both pages, which the short way cannot see, so a
// session with such a note takes the long one.
TEST_CASE("a session with a symlinked note rebuilds both pages when the file changes") {
  fs::path root = kb::testing::scratch_path("kb-session", "symlink");
  ::setenv("XDG_CACHE_HOME", (root.parent_path() / "symlink-cache").c_str(), 1);
  Vault v{root, std::mt19937(5)};
  v.create(6);
  const fs::path target = v.notes() / "data" / "Target.md";
  v.put(target, "---\ntitle: Target\n---\nFirst words.\n");
  fs::create_directories(v.notes() / "ops");  // (six random notes may leave it empty)
  fs::create_symlink(target, v.notes() / "ops" / "Mirror.md");
  kb::content::ParseCache parsed;
  parsed.keep_in_memory(true);
  kb::site::BuildSession session;
  REQUIRE(build(root, root / "site", &parsed, &session).ok);
  v.put(target, "---\ntitle: Target\n---\nSecond words.\n");
  session.changed = std::vector<fs::path>{target};
  Built inc = build(root, root / "site", &parsed, &session);
  REQUIRE(inc.ok);
  CHECK_FALSE(inc.stats.patched);
  fs::path clean = root.parent_path() / "symlink-clean";
  fs::remove_all(clean);
  REQUIRE(build(root, clean, nullptr, nullptr).ok);
  CHECK(published(root / "site") == published(clean));
  CHECK(kb::testing::slurp(root / "site" / "ops" / "mirror.html").find("Second words") != std::string::npos);
}
