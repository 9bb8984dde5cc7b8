#include "graph/layout.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace kb::graph;

namespace {
double dist(Point a, Point b) { return std::hypot(a.x - b.x, a.y - b.y); }
}  // namespace

TEST_CASE("force layout: linked nodes end closer than unlinked ones, every coordinate finite") {
  // Two rings of 20 joined by one edge: each ring should hold together.
  std::vector<Edge> edges;
  for (uint32_t i = 0; i < 20; ++i) edges.push_back({i, (i + 1) % 20});
  for (uint32_t i = 0; i < 20; ++i) edges.push_back({20 + i, 20 + (i + 1) % 20});
  edges.push_back({0, 20});
  auto p = force_layout(40, edges);
  REQUIRE(p.size() == 40);
  for (auto q : p) REQUIRE((std::isfinite(q.x) && std::isfinite(q.y)));
  double linked = 0, apart = 0;
  for (uint32_t i = 0; i < 20; ++i) linked += dist(p[i], p[(i + 1) % 20]);
  for (uint32_t i = 0; i < 20; ++i) apart += dist(p[i], p[20 + (i + 7) % 20]);
  CHECK(linked / 20 < 60);          // near the link distance
  CHECK(apart / 20 > 2 * linked / 20);  // the rings stay apart
}

TEST_CASE("force layout: deterministic, and ignores self, duplicate and out-of-range edges") {
  std::vector<Edge> edges = {{0, 1}, {1, 0}, {1, 1}, {2, 99}, {1, 2}};
  auto a = force_layout(3, edges), b = force_layout(3, edges);
  for (size_t i = 0; i < 3; ++i) CHECK((a[i].x == b[i].x && a[i].y == b[i].y));
  CHECK(force_layout(3, {{0, 1}, {1, 2}})[2].x == a[2].x);
}

TEST_CASE("force layout: no nodes, one node, unlinked nodes kept in view") {
  CHECK(force_layout(0, {}).empty());
  auto one = force_layout(1, {});
  CHECK(std::isfinite(one[0].x));
  auto loose = force_layout(200, {});
  for (auto q : loose) CHECK(std::hypot(q.x, q.y) < 1000);
  // Spread out, not stacked: no two of them on one spot.
  size_t close = 0;
  for (size_t i = 0; i < loose.size(); ++i)
    for (size_t j = i + 1; j < loose.size(); ++j) close += dist(loose[i], loose[j]) < 1;
  CHECK(close == 0);
}

TEST_CASE("radial layout: the centre in the middle, neighbours on the inner ring, theirs outside near them") {
  // 0 centre; 1, 2 neighbours; 3, 4 through 1; 5 through 2.
  std::vector<int> depth = {0, 1, 1, 2, 2, 2};
  std::vector<size_t> parent = {0, 0, 0, 1, 1, 2};
  auto p = radial_layout(depth, parent, 50, 100);
  CHECK(std::hypot(p[0].x, p[0].y) < 1e-9);
  CHECK(std::abs(std::hypot(p[1].x, p[1].y) - 50) < 1e-9);
  CHECK(std::abs(std::hypot(p[5].x, p[5].y) - 100) < 1e-9);
  CHECK(dist(p[3], p[1]) < dist(p[3], p[2]));
  CHECK(dist(p[5], p[2]) < dist(p[5], p[1]));
  CHECK(dist(p[3], p[4]) > 1);
}
