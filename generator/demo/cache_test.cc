#include "demo/cache.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "core/test_temp_dir.h"

namespace fs = std::filesystem;
using namespace kb::demo;

TEST_CASE("the key holds everything a result depends on", "[demo][cache]") {
  auto a = key_of("kmeans@1+blobs@1", {{"k", "3"}, {"seed", "1"}}, "");
  CHECK(a == key_of("kmeans@1+blobs@1", {{"seed", "1"}, {"k", "3"}}, ""));
  CHECK(a != key_of("kmeans@2+blobs@1", {{"k", "3"}, {"seed", "1"}}, ""));
  CHECK(a != key_of("kmeans@1+blobs@1", {{"k", "4"}, {"seed", "1"}}, ""));
  CHECK(key_of("kmeans@1", {}, "x,y\n1,2\n") != key_of("kmeans@1", {}, "x,y\n1,3\n"));
}

TEST_CASE("a result put is got back, other keys miss", "[demo][cache]") {
  kb::testing::TempDir dir("kb-demo", "roundtrip");
  Cache cache(dir.path);
  CHECK_FALSE(cache.get("k1"));
  nlohmann::json r = {{"inertia", 12.5}, {"labels", {0, 1, 1}}};
  cache.put("k1", r);
  auto got = cache.get("k1");
  REQUIRE(got);
  CHECK(*got == r);
  CHECK_FALSE(cache.get("k2"));
}

TEST_CASE("a stale or corrupt file is a miss, never a wrong result", "[demo][cache]") {
  kb::testing::TempDir dir("kb-demo", "corrupt");
  Cache cache(dir.path);
  cache.put("key", {{"x", 1}});
  for (auto& f : fs::recursive_directory_iterator(dir.path))
    if (f.is_regular_file()) std::ofstream(f.path()) << "{not json";
  CHECK_FALSE(cache.get("key"));
  cache.put("key", {{"x", 2}});
  CHECK(cache.get("key")->at("x") == 2);
}

TEST_CASE("an empty folder disables the cache", "[demo][cache]") {
  Cache cache("");
  CHECK_FALSE(cache.enabled());
  cache.put("k", {{"x", 1}});
  CHECK_FALSE(cache.get("k"));
}
