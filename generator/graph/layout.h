// Graph layouts computed at build time, so a graph's first draw in the
// browser is a draw, not a simulation.
//
// - force_layout(): a many-body layout for a whole site (graph.html): every
//   node repels every other (Barnes-Hut approximation, so a step costs
//   O(n log n)), each edge pulls its ends towards a set distance, and a weak
//   pull to the centre keeps unlinked notes in view. Like d3-force's
//   defaults (velocity Verlet with a cooling "alpha"), in C++. Nodes start on
//   a spiral in the order given: give nodes of one group adjacent indices and
//   groups start together.
// - radial_layout(): a note's neighbourhood (site/local_graph.h): the centre
//   in the middle, its neighbours on a ring, theirs on an outer ring near the
//   neighbour they came through. O(n): cheap for every note of a big site.
//
// Contract: pure and deterministic (the same input gives the same points:
// no randomness; a big graph's forces are computed in parallel, each body's
// on its own); finite coordinates for any input, duplicate and self edges
// included (ignored).
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace kb::graph {

struct Point {
  double x = 0, y = 0;
};

using Edge = std::pair<uint32_t, uint32_t>;

struct ForceOptions {
  int iterations = 300;        // alpha decays from 1 to 0.001 over these
  double link_distance = 30;   // an edge's rest length
  double charge = -30;         // many-body strength (negative: repulsion)
  double centre = 0.05;        // pull of each node towards (0, 0)
  double theta = 0.9;          // Barnes-Hut: a cell this small for its distance is one body
};

std::vector<Point> force_layout(size_t nodes, const std::vector<Edge>& edges, const ForceOptions& options = {});

// depth[i]: 0 for the centre (node 0), 1 or 2; parent[i]: for a depth-2
// node, the depth-1 node it was reached through. Rings of radius r1 and r2.
std::vector<Point> radial_layout(const std::vector<int>& depth, const std::vector<size_t>& parent, double r1,
                                 double r2);

}  // namespace kb::graph
