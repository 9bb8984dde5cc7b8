#include "demo/block.h"

#include <catch2/catch.hpp>

using namespace kb::demo;

namespace {
const Param* param(const DemoSpec& spec, const std::string& name) {
  for (const auto& p : spec.params)
    if (p.name == name) return &p;
  return nullptr;
}
}  // namespace

TEST_CASE("a demo block names a kernel and its parameters", "[demo][block]") {
  auto b = parse_block(
      "kernel = \"kmeans\"\n"
      "title = \"Four blobs\"\n"
      "caption = \"Centroids move.\"\n"
      "k = [2, 3, 4]\n"
      "seed = 7\n"
      "data.centers = 4\n"
      "data.cluster_std = 0.75\n");
  REQUIRE(b.ok());
  CHECK(b.spec.kernel == "kmeans");
  CHECK(b.spec.title == "Four blobs");
  CHECK(b.spec.caption == "Centroids move.");
  REQUIRE(param(b.spec, "k"));
  CHECK(param(b.spec, "k")->grid);
  CHECK(param(b.spec, "k")->values == std::vector<std::string>{"2", "3", "4"});
  CHECK(param(b.spec, "k")->place.line == 4);
  CHECK(param(b.spec, "k")->place.column == 1);
  CHECK(param(b.spec, "seed")->values == std::vector<std::string>{"7"});
  CHECK_FALSE(param(b.spec, "seed")->grid);
  CHECK(param(b.spec, "data.centers")->values == std::vector<std::string>{"4"});
  CHECK(param(b.spec, "data.cluster_std")->values == std::vector<std::string>{"0.75"});
}

TEST_CASE("values become the strings kernels take", "[demo][block]") {
  auto b = parse_block(
      "kernel = \"mlp\"\n"
      "hidden = \"8,8\"\n"
      "learning_rate = [0.1, 1e-3]\n"
      "gradient_check = true\n");
  REQUIRE(b.ok());
  CHECK(param(b.spec, "hidden")->values[0] == "8,8");
  CHECK(param(b.spec, "learning_rate")->values == std::vector<std::string>{"0.1", "0.001"});
  CHECK(param(b.spec, "gradient_check")->values[0] == "true");
}

TEST_CASE("the grid is the cartesian product, first parameter slowest", "[demo][block]") {
  auto b = parse_block("kernel = \"kmeans\"\nk = [2, 3]\nseed = [1, 2, 3]\nmax_iterations = 50\n");
  REQUIRE(b.ok());
  auto vs = variants(b.spec);
  REQUIRE(vs.size() == 6);
  CHECK(vs[0].label == "k = 2, seed = 1");
  CHECK(vs[1].label == "k = 2, seed = 2");
  CHECK(vs[3].label == "k = 3, seed = 1");
  CHECK(vs[5].params.at("max_iterations") == "50");
  CHECK(vs[5].grid_values == std::vector<std::string>{"3", "3"});
  CHECK(default_variant(b.spec) == 0);
}

TEST_CASE("default picks the variant shown first", "[demo][block]") {
  auto b = parse_block("kernel = \"kmeans\"\nk = [2, 3, 4]\nseed = [1, 2]\ndefault = { k = 4, seed = 2 }\n");
  REQUIRE(b.ok());
  auto vs = variants(b.spec);
  CHECK(vs[default_variant(b.spec)].label == "k = 4, seed = 2");

  auto bad = parse_block("kernel = \"kmeans\"\nk = [2, 3]\ndefault = { k = 5 }\n");
  REQUIRE(bad.errors.size() == 1);
  CHECK(bad.errors[0].message == "the default of \"k\" must be one of its values: 2, 3");
  CHECK(bad.errors[0].place.line == 3);

  auto fixed = parse_block("kernel = \"kmeans\"\nk = 3\ndefault = { k = 3 }\n");
  REQUIRE(fixed.errors.size() == 1);
  CHECK(fixed.errors[0].message == "`default` names \"k\", which is not a list in this block");
}

TEST_CASE("a block without a grid has one unlabelled variant", "[demo][block]") {
  auto b = parse_block("kernel = \"roc\"\n");
  REQUIRE(b.ok());
  auto vs = variants(b.spec);
  REQUIRE(vs.size() == 1);
  CHECK(vs[0].label.empty());
  CHECK(vs[0].params.empty());
}

TEST_CASE("an unknown kernel is reported at its value with a suggestion", "[demo][block]") {
  auto b = parse_block("title = \"x\"\nkernel = \"kmean\"\n");
  REQUIRE(b.errors.size() == 1);
  CHECK(b.errors[0].message.find("unknown kernel \"kmean\" (did you mean \"kmeans\"?)") == 0);
  CHECK(b.errors[0].place.line == 2);
  CHECK(b.errors[0].place.column == 10);
}

TEST_CASE("a missing kernel says how to name one", "[demo][block]") {
  auto b = parse_block("k = 3\n");
  REQUIRE(b.errors.size() == 1);
  CHECK(b.errors[0].message.find("a demo block needs `kernel = \"NAME\"`") == 0);
}

TEST_CASE("an unknown parameter is reported at its key", "[demo][block]") {
  auto b = parse_block("kernel = \"kmeans\"\n  kk = 3\ndata.centres = 4\n");
  REQUIRE(b.errors.size() == 2);
  CHECK(b.errors[0].message.find("unknown parameter \"kk\" for kernel kmeans (did you mean \"k\"?)") == 0);
  CHECK(b.errors[0].place.line == 2);
  CHECK(b.errors[0].place.column == 3);
  CHECK(b.errors[1].message.find("unknown parameter \"data.centres\" for kernel kmeans (did you mean "
                                 "\"data.centers\"?)") == 0);
  CHECK(b.errors[1].place.line == 3);
  CHECK(b.errors[1].place.column == 6);
}

TEST_CASE("TOML syntax errors carry toml++'s place", "[demo][block]") {
  auto b = parse_block("kernel = \"kmeans\"\nk = [2, 3\n");
  REQUIRE(b.errors.size() == 1);
  CHECK(b.errors[0].place.line >= 2);
  CHECK_FALSE(b.errors[0].message.empty());
}

TEST_CASE("bad values of the block's own keys", "[demo][block]") {
  CHECK(parse_block("kernel = 3\n").errors.at(0).message == "`kernel` must be a string, the name of a kernel");
  CHECK(parse_block("kernel = \"kmeans\"\noverlay = \"yes\"\n").errors.at(0).message ==
        "`overlay` must be true or false");
  CHECK(parse_block("kernel = \"kmeans\"\ntitle = 3\n").errors.at(0).message == "`title` must be a string");
  auto nested = parse_block("kernel = \"kmeans\"\nk = [[1, 2]]\n");
  REQUIRE(nested.errors.size() == 1);
  CHECK(nested.errors[0].message.find("a list-valued parameter is written as one string") != std::string::npos);
  CHECK(parse_block("kernel = \"kmeans\"\nk = []\n").errors.at(0).message ==
        "\"k\" is an empty list: give at least one value");
  CHECK(parse_block("kernel = \"kmeans\"\nk = [2, 2]\n").errors.at(0).message == "\"k\" lists 2 twice");
}

TEST_CASE("too large a grid is refused", "[demo][block]") {
  auto b = parse_block("kernel = \"kmeans\"\nk = [2,3,4,5,6,7,8,9]\nseed = [1,2,3,4,5,6,7,8,9]\n");
  REQUIRE(b.errors.size() == 1);
  CHECK(b.errors[0].message.find("this grid makes 72 variants; at most 64") == 0);
}

TEST_CASE("views and overlays are checked against the kernel", "[demo][block]") {
  auto b = parse_block("kernel = \"kmeans\"\nview = \"nonsense\"\n");
  REQUIRE(b.errors.size() == 1);
  CHECK(b.errors[0].message.find("kernel kmeans has no view \"nonsense\"") == 0);
  CHECK(b.errors[0].place.line == 2);

  auto overlay = parse_block("kernel = \"binomial\"\np = [0.2, 0.5]\noverlay = true\n");
  CHECK(overlay.ok());
  auto no_grid = parse_block("kernel = \"binomial\"\noverlay = true\n");
  REQUIRE(no_grid.errors.size() == 1);
  CHECK(no_grid.errors[0].message == "`overlay` draws a grid's variants together, but no parameter is a list");
}

TEST_CASE("a kernel's error is placed at the parameter it names", "[demo][block]") {
  auto b = parse_block("kernel = \"kmeans\"\nseed = 1\nk = [2, 3]\n");
  REQUIRE(b.ok());
  CHECK(place_of_error(b.spec, "parameter \"k\" of kernel kmeans: 0 is below the minimum 1").line == 3);
  CHECK(place_of_error(b.spec, "kernel kmeans: k (7) is larger than the number of points (5)").line == 3);
  CHECK(place_of_error(b.spec, "kernel kmeans: the data has no rows").line == 1);
}

TEST_CASE("the grid follows the order written, not the keys' names", "[demo][block]") {
  auto b = parse_block("kernel = \"kmeans\"\nseed = [1, 2]\ndata.n = [50, 60]\nk = [2, 3]\n");
  REQUIRE(b.ok());
  auto grid = grid_params(b.spec);
  REQUIRE(grid.size() == 3);
  CHECK(grid[0]->name == "seed");
  CHECK(grid[1]->name == "data.n");
  CHECK(grid[2]->name == "k");
  CHECK(variants(b.spec)[1].label == "seed = 1, n = 50, k = 3");  // in words: no "data." prefix
  CHECK(param_words("data.cluster_std") == "cluster std");
  CHECK(param_words("learning_rate") == "learning rate");
}
