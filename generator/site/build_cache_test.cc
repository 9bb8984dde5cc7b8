#include "site/build_cache.h"

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "core/test_temp_dir.h"

namespace fs = std::filesystem;
using namespace kb;

namespace {

// XDG_CACHE_HOME pointed at a test folder for one test.
struct CacheHome {
  std::string old;
  bool had = false;
  explicit CacheHome(const fs::path& dir) {
    if (const char* v = std::getenv("XDG_CACHE_HOME")) old = v, had = true;
    ::setenv("XDG_CACHE_HOME", dir.c_str(), 1);
  }
  ~CacheHome() {
    if (had) ::setenv("XDG_CACHE_HOME", old.c_str(), 1);
    else ::unsetenv("XDG_CACHE_HOME");
  }
};

Config site_at(const fs::path& root, const std::string& out) {
  Config c = config::defaults(root);
  c.notes_dir = root / "notes";
  c.output_dir = root / out;
  fs::create_directories(c.output_dir);
  return c;
}

}  // namespace

TEST_CASE("build cache: one build at a time, and the caches of vanished sites are removed") {
  kb::testing::TempDir tmp("kb-build-cache", "prune");
  CacheHome home(tmp.path / "cache");
  Config a = site_at(tmp.path, "a"), b = site_at(tmp.path, "b");
  fs::path dir_a, dir_b;
  {
    auto cache = site::BuildCache::open(a);
    REQUIRE(cache);
    dir_a = cache->dir();
    CHECK_FALSE(site::BuildCache::open(a));  // held: a second build goes without
  }
  {
    auto cache = site::BuildCache::open(b);
    REQUIRE(cache);
    dir_b = cache->dir();
  }
  CHECK(dir_a != dir_b);
  CHECK(fs::exists(dir_a));
  fs::remove_all(tmp.path / "a");  // site a is gone
  auto c = site::BuildCache::open(site_at(tmp.path, "c"));
  REQUIRE(c);
  CHECK_FALSE(fs::exists(dir_a));
  CHECK(fs::exists(dir_b));
}

TEST_CASE("build cache: a manifest describes only the site it was saved for") {
  kb::testing::TempDir tmp("kb-build-cache", "manifest");
  CacheHome home(tmp.path / "cache");
  Config a = site_at(tmp.path, "a");
  std::ofstream(a.output_dir / ".kb-site") << "marker\n";
  auto cache = site::BuildCache::open(a);
  REQUIRE(cache);
  site::BuildManifest m;
  m.build = 7;
  m.search = true;
  m.lists["tags/x.html"] = 9;
  m.pages.push_back({"a.md", "a.html", 11});
  m.outputs["a.html"] = {13, 14};
  REQUIRE(cache->save(m, a.output_dir));
  auto back = cache->load(a.output_dir);
  REQUIRE(back);
  CHECK(back->build == 7);
  CHECK(back->lists.at("tags/x.html") == 9);
  REQUIRE(back->pages.size() == 1);
  CHECK(back->pages[0].key == 11);
  CHECK(back->outputs.at("a.html").size == 14);
  // The search postings are kept whole beside it.
  CHECK_FALSE(cache->read_postings());
  REQUIRE(cache->write_postings(std::string("post\0ings", 9)));
  CHECK(cache->read_postings().value_or("") == std::string("post\0ings", 9));
  // A new build of the site (a new marker) is not the one described.
  fs::remove(a.output_dir / ".kb-site");
  std::ofstream(a.output_dir / ".kb-site") << "marker\n";
  CHECK_FALSE(cache->load(a.output_dir));
  cache->forget();
  CHECK_FALSE(cache->load(a.output_dir));
}

TEST_CASE("build cache: the postings' journal reads back frame by frame and goes with a whole write") {
  kb::testing::TempDir tmp("kb-build-cache", "journal");
  CacheHome home(tmp.path / "cache");
  auto cache = site::BuildCache::open(site_at(tmp.path, "a"));
  REQUIRE(cache);
  REQUIRE(cache->write_postings("whole"));
  auto none = cache->read_postings_journal();
  REQUIRE(none);
  CHECK(none->empty());
  CHECK(cache->postings_journal_size() == 0);
  REQUIRE(cache->append_postings_journal("first"));
  REQUIRE(cache->append_postings_journal(std::string("second\0frame", 12)));
  auto frames = cache->read_postings_journal();
  REQUIRE(frames);
  CHECK(*frames == std::vector<std::string>{"first", std::string("second\0frame", 12)});
  CHECK(cache->postings_journal_size() > 0);
  // Cut short (a crash while appending): unusable, not half read.
  const auto size = fs::file_size(cache->postings_journal_file());
  fs::resize_file(cache->postings_journal_file(), size - 3);
  CHECK_FALSE(cache->read_postings_journal());
  // A whole write starts the journal over.
  REQUIRE(cache->write_postings("whole again"));
  CHECK_FALSE(fs::exists(cache->postings_journal_file()));
  CHECK(*cache->read_postings() == "whole again");
}
