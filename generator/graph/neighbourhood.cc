#include "graph/neighbourhood.h"

#include <algorithm>
#include <unordered_map>

namespace kb::graph {

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
  std::unordered_map<uint32_t, size_t> index;  // node id -> position in out.nodes
  auto add = [&](uint32_t id, int depth, size_t parent) {
    index.emplace(id, out.nodes.size());
    out.nodes.push_back(id);
    out.depth.push_back(depth);
    out.parent.push_back(parent);
  };
  add(centre, 0, 0);
  // Depth 1: the best connected first.
  std::vector<uint32_t> ring = adj[centre];
  std::stable_sort(ring.begin(), ring.end(), [&](uint32_t a, uint32_t b) { return adj[a].size() > adj[b].size(); });
  size_t keep = std::min({ring.size(), max_ring, max_nodes - 1});
  for (size_t k = 0; k < keep; ++k) add(ring[k], 1, 0);
  out.more += ring.size() - keep;
  // Depth 2: score each candidate by the kept neighbours it links with.
  struct Candidate {
    uint32_t id;
    size_t links = 0;
    size_t parent = 0;  // the first kept neighbour that reaches it
  };
  std::unordered_map<uint32_t, Candidate> found;
  for (size_t k = 1; k < out.nodes.size(); ++k)
    for (uint32_t next : adj[out.nodes[k]]) {
      if (next == centre || std::binary_search(adj[centre].begin(), adj[centre].end(), next)) continue;
      auto [it, fresh] = found.try_emplace(next, Candidate{next, 0, k});
      ++it->second.links;
    }
  std::vector<Candidate> outer;
  outer.reserve(found.size());
  for (auto& [id, c] : found) outer.push_back(c);
  std::sort(outer.begin(), outer.end(), [&](const Candidate& a, const Candidate& b) {
    if (a.links != b.links) return a.links > b.links;
    if (adj[a.id].size() != adj[b.id].size()) return adj[a.id].size() > adj[b.id].size();
    return a.id < b.id;
  });
  size_t room = max_nodes - out.nodes.size();
  size_t take = std::min(room, outer.size());
  // Each outer node hangs off the neighbour it links with that has the
  // fewest so far, so one well-linked neighbour does not take them all.
  std::vector<size_t> load(out.nodes.size(), 0);
  for (size_t k = 0; k < take; ++k) {
    size_t best = outer[k].parent;
    for (uint32_t next : adj[outer[k].id]) {
      auto it = index.find(next);
      if (it == index.end() || it->second == 0) continue;
      if (load[it->second] < load[best] || (load[it->second] == load[best] && it->second < best)) best = it->second;
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
      auto it = index.find(next);
      if (it != index.end() && a < it->second && (out.depth[a] < 2 || out.depth[it->second] < 2))
        out.edges.emplace_back(a, it->second);
    }
  return out;
}

}  // namespace kb::graph
