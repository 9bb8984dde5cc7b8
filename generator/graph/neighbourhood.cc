#include "graph/neighbourhood.h"

#include <algorithm>

namespace kb::graph {
namespace {

// Per-thread marks over all nodes, reset by a new epoch instead of clearing:
// a big site computes a neighbourhood per note, and hash maps of the
// hundreds of notes two links from a hub were most of the cost.
struct Marks {
  std::vector<uint32_t> epoch_of;  // the epoch a node was last seen in
  std::vector<uint32_t> value;     // what this epoch says about it
  uint32_t epoch = 0;
  void begin(size_t n) {
    if (epoch_of.size() < n) epoch_of.resize(n, 0), value.resize(n, 0);
    if (++epoch == 0) std::fill(epoch_of.begin(), epoch_of.end(), 0), epoch = 1;
  }
  bool has(uint32_t id) const { return epoch_of[id] == epoch; }
  void set(uint32_t id, uint32_t v) { epoch_of[id] = epoch, value[id] = v; }
};

}  // namespace

Adjacency undirected(size_t n, const std::vector<Edge>& links) {
  Adjacency adj(n);
  for (auto [a, b] : links)
    if (a != b && a < n && b < n) adj[a].push_back(b), adj[b].push_back(a);
  for (auto& list : adj) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
  return adj;
}

Neighbourhood neighbourhood(const Adjacency& adj, uint32_t centre, size_t max_ring, size_t max_nodes) {
  Neighbourhood out;
  if (centre >= adj.size()) return out;
  max_nodes = std::max<size_t>(max_nodes, 1);
  thread_local Marks kept;       // kept node -> its index in out.nodes
  thread_local Marks seen;       // depth-2 candidate -> its index in `outer`
  kept.begin(adj.size());
  auto add = [&](uint32_t id, int depth, size_t parent) {
    kept.set(id, static_cast<uint32_t>(out.nodes.size()));
    out.nodes.push_back(id);
    out.depth.push_back(depth);
    out.parent.push_back(parent);
  };
  add(centre, 0, 0);
  // Depth 1: the best connected first (ties: the lower id).
  std::vector<uint32_t> ring = adj[centre];
  const size_t keep = std::min({ring.size(), max_ring, max_nodes - 1});
  auto better = [&](uint32_t a, uint32_t b) {
    return adj[a].size() != adj[b].size() ? adj[a].size() > adj[b].size() : a < b;
  };
  std::partial_sort(ring.begin(), ring.begin() + keep, ring.end(), better);
  for (size_t k = 0; k < keep; ++k) add(ring[k], 1, 0);
  out.more += ring.size() - keep;
  // Depth 2: score each candidate by the kept neighbours it links with.
  struct Candidate {
    uint32_t id;
    uint32_t links = 0;
    size_t parent = 0;  // the first kept neighbour that reaches it
  };
  std::vector<Candidate> outer;
  seen.begin(adj.size());
  for (uint32_t r : adj[centre]) seen.set(r, UINT32_MAX);  // every neighbour, kept or not, is depth 1
  seen.set(centre, UINT32_MAX);
  for (size_t k = 1; k < out.nodes.size(); ++k)
    for (uint32_t next : adj[out.nodes[k]]) {
      if (!seen.has(next)) {
        seen.set(next, static_cast<uint32_t>(outer.size()));
        outer.push_back({next, 0, k});
      }
      if (seen.value[next] != UINT32_MAX) ++outer[seen.value[next]].links;
    }
  const size_t take = std::min(max_nodes - out.nodes.size(), outer.size());
  std::partial_sort(outer.begin(), outer.begin() + take, outer.end(), [&](const Candidate& a, const Candidate& b) {
    if (a.links != b.links) return a.links > b.links;
    if (adj[a.id].size() != adj[b.id].size()) return adj[a.id].size() > adj[b.id].size();
    return a.id < b.id;
  });
  // Each outer node hangs off the neighbour it links with that has the
  // fewest so far, so one well-linked neighbour does not take them all.
  std::vector<size_t> load(out.nodes.size(), 0);
  for (size_t k = 0; k < take; ++k) {
    size_t best = outer[k].parent;
    for (uint32_t next : adj[outer[k].id]) {
      if (!kept.has(next) || kept.value[next] == 0) continue;
      size_t at = kept.value[next];
      if (load[at] < load[best] || (load[at] == load[best] && at < best)) best = at;
    }
    outer[k].parent = best;
    ++load[best];
  }
  // In ring order, so each neighbour's outer nodes sit together.
  std::sort(outer.begin(), outer.begin() + take, [](const Candidate& a, const Candidate& b) {
    return a.parent != b.parent ? a.parent < b.parent : a.id < b.id;
  });
  for (size_t k = 0; k < take; ++k) add(outer[k].id, 2, outer[k].parent);
  out.more += outer.size() - take;
  for (size_t a = 0; a < out.nodes.size(); ++a)
    for (uint32_t next : adj[out.nodes[a]]) {
      if (!kept.has(next)) continue;
      size_t b = kept.value[next];
      if (a < b && (out.depth[a] < 2 || out.depth[b] < 2)) out.edges.emplace_back(a, b);
    }
  return out;
}

}  // namespace kb::graph
