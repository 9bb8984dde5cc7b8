#include "graph/neighbourhood.h"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace kb::graph;

TEST_CASE("neighbourhood: two links either way, edges among the kept nodes") {
  // 0 -> 1 -> 2 -> 3 and 4 -> 0: 3 is three links away.
  auto adj = undirected(5, {{0, 1}, {1, 2}, {2, 3}, {4, 0}, {1, 1}, {0, 1}});
  auto n = neighbourhood(adj, 0);
  REQUIRE(n.nodes.size() == 4);
  CHECK(n.nodes[0] == 0);
  CHECK(n.depth == std::vector<int>{0, 1, 1, 2});
  CHECK(n.nodes[3] == 2);
  CHECK(n.nodes[n.parent[3]] == 1);
  CHECK(n.edges.size() == 3);
  CHECK(n.more == 0);
  for (auto [a, b] : n.edges) CHECK(a < b);
}

TEST_CASE("neighbourhood: a hub keeps its best connected neighbours and counts the rest") {
  std::vector<Edge> links;
  for (uint32_t i = 1; i <= 30; ++i) links.push_back({0, i});
  for (uint32_t i = 31; i < 40; ++i) links.push_back({5, i});  // 5 is the best connected neighbour
  auto n = neighbourhood(undirected(40, links), 0, 10, 15);
  CHECK(n.nodes.size() == 15);
  CHECK(n.nodes[1] == 5);
  CHECK(n.more == (30 - 10) + (9 - 4));
  auto again = neighbourhood(undirected(40, links), 0, 10, 15);
  CHECK(again.nodes == n.nodes);
}

TEST_CASE("neighbourhood: an unlinked note is alone, a centre out of range is empty") {
  auto adj = undirected(3, {{1, 2}});
  auto n = neighbourhood(adj, 0);
  CHECK(n.nodes == std::vector<uint32_t>{0});
  CHECK(n.edges.empty());
  CHECK(neighbourhood(adj, 7).nodes.empty());
}
