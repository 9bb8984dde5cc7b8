// `kb demo` end to end: the binary's exit status and output for a good run,
// the kernel list, and bad input.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "run_kb.h"

using kb::testing::Run;

TEST_CASE("kb demo runs kernels and reports bad input with exit 1") {
  auto cwd = std::filesystem::temp_directory_path();
  Run list = kb::testing::run_kb(cwd, "demo --list");
  CHECK(list.status == 0);
  CHECK(list.output.find("decision_tree") != std::string::npos);

  Run pca = kb::testing::run_kb(cwd, "demo pca --json");
  INFO(pca.output);
  REQUIRE(pca.status == 0);
  auto j = nlohmann::json::parse(pca.output);
  CHECK(j["explained_variance_ratio"].size() == 2);

  Run text = kb::testing::run_kb(cwd, "demo poisson --set lambda=3");
  INFO(text.output);
  CHECK(text.status == 0);
  CHECK(text.output.find("pmf: [0.0497871") != std::string::npos);

  Run unknown = kb::testing::run_kb(cwd, "demo kmeans --set nope=1");
  CHECK(unknown.status == 1);
  CHECK(unknown.output.find("unknown parameter \"nope\"") != std::string::npos);

  Run missing = kb::testing::run_kb(cwd, "demo kmeans --input /nonexistent/points.csv");
  CHECK(missing.status == 1);
  CHECK(missing.output.find("/nonexistent/points.csv") != std::string::npos);
}
