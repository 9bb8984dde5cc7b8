#include "math/node_batch.h"

#include <catch2/catch.hpp>

#include "core/test_temp_dir.h"
#include "math/katex_renderer.h"

using namespace kb::math;

TEST_CASE("a cached result is read back only under its own key", "[math][node_batch]") {
  kb::testing::TempDir dir("kb-math", "node-batch-cache");
  auto path = cache_file(dir.path, "demo", "key one");
  CHECK(path.parent_path().parent_path().filename() == "demo");
  CHECK_FALSE(read_cached(path, "key one"));
  write_cached(path, "key one", {{"html", "<b>x</b>"}});
  auto back = read_cached(path, "key one");
  REQUIRE(back);
  CHECK((*back)["html"] == "<b>x</b>");
  CHECK_FALSE(read_cached(path, "key two"));  // a collision is a miss
  CHECK(cache_file(dir.path, "demo", "key two") != path);
}

TEST_CASE("a node batch answers its results or says why not", "[math][node_batch]") {
  const std::string echo =
      "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const i=JSON.parse(s);"
      "process.stdout.write(JSON.stringify({results:i.items.map(x=>x*2)}))})";
  NodeBatchRun ok = run_node_batch(default_node(), echo, {{"items", {1, 2, 3}}}, 3, 60, "the doubler");
  INFO(ok.problem);
  REQUIRE(ok.ok);
  CHECK(ok.results == nlohmann::json({2, 4, 6}));
  NodeBatchRun short_answer = run_node_batch(default_node(), echo, {{"items", {1}}}, 2, 60, "the doubler");
  CHECK_FALSE(short_answer.ok);
  CHECK(short_answer.problem.find("node's the doubler run gave an unexpected answer") == 0);
  NodeBatchRun failing = run_node_batch(default_node(), "process.exit(3)", nlohmann::json::object(), 0, 60, "X");
  CHECK(failing.problem.find("node failed to run X (exit status 3") == 0);
  NodeBatchRun missing = run_node_batch("/nonexistent/node", echo, nlohmann::json::object(), 0, 60, "X");
  CHECK(missing.problem.find("node was not found") == 0);
}
