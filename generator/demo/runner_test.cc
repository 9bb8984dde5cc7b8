#include "demo/runner.h"

#include <catch2/catch.hpp>

#include <filesystem>

#include "core/test_temp_dir.h"
#include "kernels/registry.h"

namespace fs = std::filesystem;
using namespace kb::demo;


TEST_CASE("every variant runs, then comes from the cache", "[demo][runner]") {
  kb::testing::TempDir dir("kb-demo-run", "grid");
  Cache cache(dir.path);
  auto block = parse_block("kernel = \"kmeans\"\nk = [2, 3, 4]\ndata.n = 60\n");
  REQUIRE(block.ok());
  std::vector<Job> jobs{{&block.spec, "", ""}};
  RunStats cold;
  auto first = run(jobs, cache, cold);
  REQUIRE(first.size() == 1);
  REQUIRE(first[0].size() == 3);
  CHECK(cold.variants == 3);
  CHECK(cold.computed == 3);
  CHECK(cold.cache_hits == 0);
  for (size_t v = 0; v < 3; ++v) {
    REQUIRE(first[0][v].ok());
    CHECK(first[0][v].result["centroids"].size() == v + 2);
  }
  RunStats warm;
  auto second = run(jobs, cache, warm);
  CHECK(warm.cache_hits == 3);
  CHECK(warm.computed == 0);
  for (size_t v = 0; v < 3; ++v) {
    CHECK(second[0][v].cached);
    CHECK(second[0][v].result == first[0][v].result);
  }
}

TEST_CASE("a changed parameter misses the cache, the rest still hit", "[demo][runner]") {
  kb::testing::TempDir dir("kb-demo-run", "partial");
  Cache cache(dir.path);
  auto a = parse_block("kernel = \"poisson\"\nlambda = [1, 4]\n");
  auto b = parse_block("kernel = \"poisson\"\nlambda = [1, 9]\n");
  RunStats s1, s2;
  run({{&a.spec, "", ""}}, cache, s1);
  run({{&b.spec, "", ""}}, cache, s2);
  CHECK(s2.cache_hits == 1);
  CHECK(s2.computed == 1);
}

TEST_CASE("input data is part of the key and read as CSV", "[demo][runner]") {
  kb::testing::TempDir dir("kb-demo-run", "input");
  Cache cache(dir.path);
  auto block = parse_block("kernel = \"roc\"\ninput = \"scores.csv\"\n");
  REQUIRE(block.ok());
  RunStats s;
  auto one = run({{&block.spec, "score,label\n0.9,1\n0.8,0\n0.3,1\n0.1,0\n", "scores.csv"}}, cache, s);
  REQUIRE(one[0][0].ok());
  CHECK(one[0][0].result["auc"].get<double>() == Approx(0.75));
  auto two = run({{&block.spec, "score,label\n0.9,1\n0.8,1\n0.3,0\n0.1,0\n", "scores.csv"}}, cache, s);
  REQUIRE(two[0][0].ok());
  CHECK_FALSE(two[0][0].cached);
  CHECK(two[0][0].result["auc"].get<double>() == Approx(1.0));
}

TEST_CASE("a kernel's refusal and a bad CSV are errors, not crashes", "[demo][runner]") {
  Cache cache("");
  auto block = parse_block("kernel = \"kmeans\"\nk = [2, 500]\ndata.n = 50\n");
  REQUIRE(block.ok());
  RunStats s;
  auto out = run({{&block.spec, "", ""}}, cache, s);
  CHECK(out[0][0].ok());
  CHECK_FALSE(out[0][1].ok());
  CHECK(out[0][1].error.find("500") != std::string::npos);

  auto csv = parse_block("kernel = \"roc\"\ninput = \"bad.csv\"\n");
  auto bad = run({{&csv.spec, "score,label\n0.5,x\n", "bad.csv"}}, cache, s);
  REQUIRE_FALSE(bad[0][0].ok());
  CHECK(bad[0][0].error.find("bad.csv") != std::string::npos);
}
