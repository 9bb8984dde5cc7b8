// `kb demo` without the binary: run_demo on generated data and on CSV files,
// in text and JSON, and its errors for bad input.
#include "cli/demo_command.h"

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "kernels/registry.h"

namespace fs = std::filesystem;
using kb::cli::DemoCommand;
using kb::cli::run_demo;

namespace {

struct Outcome {
  int status;
  std::string out, err;
};

Outcome demo(DemoCommand c) {
  std::ostringstream out, err;
  int status = run_demo(c, out, err);
  return {status, out.str(), err.str()};
}

struct TempDir {
  fs::path root;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "kb-demo-test-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    root = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(root / name, std::ios::binary) << text;
    return (root / name).string();
  }
};

}  // namespace

TEST_CASE("kb demo lists the kernels without a kernel or with --list") {
  for (DemoCommand c : {DemoCommand{}, DemoCommand{"pca", "", {}, false, true, false}}) {
    Outcome r = demo(c);
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    CHECK(r.out.find("kmeans") != std::string::npos);
    CHECK(r.out.find("k-means clustering") != std::string::npos);
    CHECK(r.out.find("supervised:") != std::string::npos);
  }
}

TEST_CASE("kb demo --describe prints parameters and outputs") {
  DemoCommand c;
  c.kernel = "kmeans";
  c.describe = true;
  Outcome r = demo(c);
  CHECK(r.status == 0);
  CHECK(r.out.find("k (int, 1 to 1000, default \"3\")") != std::string::npos);
  CHECK(r.out.find("inertia:") != std::string::npos);
  c.json = true;
  r = demo(c);
  REQUIRE(r.status == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["name"] == "kmeans");
  CHECK(j["params"].size() >= 2);
}

TEST_CASE("kb demo runs a kernel on generated data, in text and JSON") {
  DemoCommand c;
  c.kernel = "kmeans";
  c.sets = {"k=4", "data.n=120", "data.centers=4"};
  Outcome text = demo(c);
  REQUIRE(text.status == 0);
  CHECK(text.out.find("inertia: ") != std::string::npos);
  CHECK(text.out.find("centroids: 4 × 2") != std::string::npos);
  CHECK(text.out.find("120 rows") != std::string::npos);
  c.json = true;
  Outcome js = demo(c);
  REQUIRE(js.status == 0);
  auto j = nlohmann::json::parse(js.out);
  CHECK(j["centroids"].size() == 4);
  CHECK(j["labels"].size() == 120);
  CHECK(j["params"]["k"] == 4);
}

TEST_CASE("kb demo reads a CSV input") {
  TempDir dir;
  DemoCommand c;
  c.kernel = "roc";
  c.input = dir.write("scores.csv", "score,label\n0.9,1\n0.8,1\n0.3,0\n0.7,0\n0.1,0\n");
  c.json = true;
  Outcome r = demo(c);
  INFO(r.err);
  REQUIRE(r.status == 0);
  auto j = nlohmann::json::parse(r.out);
  // 2 positives × 3 negatives; every positive outranks every negative.
  CHECK(j["auc"].get<double>() == Approx(1.0));

  c.kernel = "linear_regression";
  c.input = dir.write("line.csv", "x,y\n0,1\n1,3\n2,5\n3,7\n");
  r = demo(c);
  INFO(r.err);
  REQUIRE(r.status == 0);
  j = nlohmann::json::parse(r.out);
  CHECK(j["intercept"].get<double>() == Approx(1.0).margin(1e-9));
  CHECK(j["coefficients"][0].get<double>() == Approx(2.0));
}

TEST_CASE("kb demo names what is wrong with bad input") {
  TempDir dir;
  auto error_of = [](DemoCommand c) {
    Outcome r = demo(c);
    CHECK(r.status == 1);
    CHECK(r.out.empty());
    return r.err;
  };
  DemoCommand c;
  c.kernel = "kmenas";
  CHECK_THAT(error_of(c), Catch::Contains("unknown kernel") && Catch::Contains("kmeans"));
  c.kernel = "kmeans";
  c.sets = {"kk=3"};
  CHECK_THAT(error_of(c), Catch::Contains("unknown parameter") && Catch::Contains("kk"));
  c.sets = {"k"};
  CHECK_THAT(error_of(c), Catch::Contains("not key=value"));
  c.sets = {"k=lots"};
  CHECK_THAT(error_of(c), Catch::Contains("lots"));
  c.sets = {};
  c.input = (dir.root / "missing.csv").string();
  CHECK_THAT(error_of(c), Catch::Contains("not found") && Catch::Contains("missing.csv"));
  c.input = dir.write("empty.csv", "");
  CHECK_THAT(error_of(c), Catch::Contains("empty"));
  c.input = dir.write("bad.csv", "x,y\n1,2\n3,abc\n");
  CHECK_THAT(error_of(c), Catch::Contains("abc") && Catch::Contains("bad.csv:3"));
  c.input = dir.write("two.csv", "x,y\n1,2\n3,4\n");
  c.sets = {"k=5"};
  CHECK_THAT(error_of(c), Catch::Contains("k (5) is larger"));
}

TEST_CASE("docs/kernels.md is the registry's reference") {
  // Regenerate with: KB_UPDATE_REFERENCE=1 build/kb_cli_tests "docs/kernels.md*"
  fs::path doc = fs::path(KB_SOURCE_DIR) / "docs/kernels.md";
  std::string expected = kb::kernels::reference_markdown();
  if (const char* update = std::getenv("KB_UPDATE_REFERENCE"); update && *update == '1')
    std::ofstream(doc, std::ios::binary) << expected;
  std::ifstream in(doc, std::ios::binary);
  std::string actual{std::istreambuf_iterator<char>(in), {}};
  INFO("docs/kernels.md is stale: run KB_UPDATE_REFERENCE=1 build/kb_cli_tests \"docs/kernels.md*\"");
  CHECK(actual == expected);
}
