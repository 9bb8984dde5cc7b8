// A note's neighbourhood: the notes within two links of it, either way,
// for its local graph (site/local_graph.h).
//
// Contract: pure. `adjacency` is undirected, without duplicates or self
// loops (undirected()). The result's node 0 is the centre; then its
// neighbours (depth 1), at most `max_ring` of them, the best connected
// first; then theirs (depth 2), the ones linked with most of the kept
// neighbours first, while the whole stays within `max_nodes`. Ties go to
// the lower index, so the result is stable. Each depth-2 node hangs off
// (`parent`) the kept neighbour it links with that has the fewest so far.
// `edges` are the links between kept nodes but those between two depth-2
// nodes (clutter in a drawing), as indices into `nodes`; `more` counts the
// notes within two links that were left out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "graph/layout.h"

namespace kb::graph {

using Adjacency = std::vector<std::vector<uint32_t>>;

// Links as an undirected adjacency: both directions, each pair once.
Adjacency undirected(size_t nodes, const std::vector<Edge>& links);

struct Neighbourhood {
  std::vector<uint32_t> nodes;  // node ids; nodes[0] is the centre
  std::vector<int> depth;       // per entry of `nodes`: 0, 1 or 2
  std::vector<size_t> parent;   // per entry: for depth 2, the index (into nodes) of its depth-1 node
  std::vector<Edge> edges;      // indices into `nodes`, first < second
  size_t more = 0;              // notes within two links left out
};

Neighbourhood neighbourhood(const Adjacency& adjacency, uint32_t centre, size_t max_ring = 16,
                            size_t max_nodes = 36);

}  // namespace kb::graph
