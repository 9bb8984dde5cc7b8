#include "site/site_graph.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include <nlohmann/json.hpp>

#include "core/key_hasher.h"
#include "core/text.h"
#include "graph/layout.h"
#include "render/href.h"

namespace kb::site {
namespace {

std::string group_name(const Config& config, const Page& p) {
  if (!p.domain.empty())
    for (const auto& d : config.domains)
      if (d.id == p.domain) return d.title.empty() ? d.id : d.title;
  if (p.folder.empty()) return "Top level";
  return p.folder.substr(0, p.folder.find('/'));
}

std::string json_text(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

// The force layout, or the one remembered when made of the same nodes,
// links and options (the layout is a pure function of them).
std::vector<graph::Point> layout(size_t n, const std::vector<graph::Edge>& edges, const graph::ForceOptions& options,
                                 GraphLayout* remembered) {
  KeyHasher h;
  h.add(static_cast<uint64_t>(n)).add(static_cast<uint64_t>(options.iterations));
  for (double d : {options.link_distance, options.charge, options.centre, options.theta})
    h.add(std::to_string(d));
  for (auto [a, b] : edges) h.add(static_cast<uint64_t>(a) << 32 | b);
  const uint64_t key = h.value();
  if (remembered && remembered->key == key && remembered->points.size() == n) return remembered->points;
  std::vector<graph::Point> at = graph::force_layout(n, edges, options);
  if (remembered) *remembered = {key, at};
  return at;
}

}  // namespace

NoteGraph note_graph(const Config& config, const Corpus& corpus, const LinkGraph& links) {
  NoteGraph g;
  const size_t n = corpus.pages.size();
  g.group_of.resize(n);
  std::map<std::string, uint32_t> ids;
  for (size_t i = 0; i < n; ++i) {
    auto [it, fresh] = ids.emplace(group_name(config, corpus.pages[i]), static_cast<uint32_t>(g.groups.size()));
    if (fresh) g.groups.push_back(it->first);
    g.group_of[i] = it->second;
  }
  for (size_t i = 0; i < n; ++i)
    for (size_t t : links.outlinks(i))
      if (t != i && t < n) g.links.emplace_back(static_cast<uint32_t>(i), static_cast<uint32_t>(t));
  std::sort(g.links.begin(), g.links.end());
  g.links.erase(std::unique(g.links.begin(), g.links.end()), g.links.end());
  g.adjacency = graph::undirected(n, g.links);
  return g;
}

uint64_t site_graph_key(const NoteGraph& g, const Corpus& corpus, uint64_t build) {
  KeyHasher h;
  h.add(build);
  for (const auto& name : g.groups) h.add(name);
  for (size_t i = 0; i < corpus.pages.size(); ++i) {
    const Page& p = corpus.pages[i];
    h.add(p.url).add(p.title).add(static_cast<uint64_t>(g.group_of[i]));
    for (const auto& t : p.meta.tags) h.add(t);
  }
  for (auto [a, b] : g.links) h.add(static_cast<uint64_t>(a) << 32 | b);
  return h.value();
}

uint64_t local_graph_key(const NoteGraph& g, const Corpus& corpus, size_t page, uint64_t build) {
  graph::Neighbourhood n = graph::neighbourhood(g.adjacency, static_cast<uint32_t>(page));
  KeyHasher h;
  h.add(build).add(corpus.pages[page].url).add(static_cast<uint64_t>(n.more));
  for (size_t k = 0; k < n.nodes.size(); ++k) {
    const Page& p = corpus.pages[n.nodes[k]];
    h.add(p.url).add(p.title).add(g.groups[g.group_of[n.nodes[k]]]);
    h.add(static_cast<uint64_t>(n.depth[k])).add(static_cast<uint64_t>(n.parent[k]));
  }
  for (auto [a, b] : n.edges) h.add(static_cast<uint64_t>(a) << 32 | b);
  return h.value();
}

std::string site_graph_js(const NoteGraph& g, const Corpus& corpus, GraphLayout* remembered) {
  const size_t n = corpus.pages.size();
  // Lay out with each group's notes adjacent, so groups start together.
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return g.group_of[a] < g.group_of[b]; });
  std::vector<uint32_t> slot(n);
  for (uint32_t k = 0; k < n; ++k) slot[order[k]] = k;
  std::vector<graph::Edge> edges;
  edges.reserve(g.links.size());
  for (auto [a, b] : g.links) edges.emplace_back(slot[a], slot[b]);
  graph::ForceOptions options;
  if (n > 1500) {  // fewer, coarser steps for a big site: the cost is O(n log n) a step
    options.iterations = std::max(50, static_cast<int>(300 * 1500 / n));
    options.theta = 1.4;
  }
  std::vector<graph::Point> at = layout(n, edges, options, remembered);

  std::map<std::string, size_t> tag_ids;
  for (const Page& p : corpus.pages)
    for (const auto& t : p.meta.tags) tag_ids.emplace(t, 0);
  nlohmann::json tags = nlohmann::json::array();
  for (auto& [name, id] : tag_ids) id = tags.size(), tags.push_back(name);
  nlohmann::json x = nlohmann::json::array(), y = x, group = x, title = x, url = x, page_tags = x, links = x;
  for (size_t i = 0; i < n; ++i) {
    const Page& p = corpus.pages[i];
    x.push_back(std::lround(at[slot[i]].x));
    y.push_back(std::lround(at[slot[i]].y));
    group.push_back(g.group_of[i]);
    title.push_back(p.title);
    url.push_back(p.url);
    nlohmann::json t = nlohmann::json::array();
    for (const auto& name : p.meta.tags) t.push_back(tag_ids[name]);
    page_tags.push_back(std::move(t));
  }
  // Each pair once, either way (the drawing has no arrows).
  for (uint32_t a = 0; a < g.adjacency.size(); ++a)
    for (uint32_t b : g.adjacency[a])
      if (a < b) links.push_back(a), links.push_back(b);
  nlohmann::json data = {{"groups", g.groups}, {"tags", tags}, {"x", x},         {"y", y},
                         {"g", group},         {"t", title}, {"u", url},       {"tg", page_tags},
                         {"l", links}};
  return "kbGraphData(" + json_text(data) + ");\n";
}

std::string local_graph_json(const NoteGraph& g, const Corpus& corpus, size_t page) {
  graph::Neighbourhood n = graph::neighbourhood(g.adjacency, static_cast<uint32_t>(page));
  const bool outer = std::find(n.depth.begin(), n.depth.end(), 2) != n.depth.end();
  std::vector<graph::Point> at = graph::radial_layout(n.depth, n.parent, outer ? 130 : 160, 235);
  const render::Hrefs href(corpus.pages[page].url);
  // Compact: local-graph.js draws the SVG from these (its markup would be
  // six times the bytes).
  std::string out = "{\"n\":[";
  for (size_t k = 0; k < n.nodes.size(); ++k) {
    const Page& p = corpus.pages[n.nodes[k]];
    if (k) out += ',';
    out += '[' + std::to_string(std::lround(at[k].x)) + ',' + std::to_string(std::lround(at[k].y)) + ',' +
           std::to_string(n.depth[k]) + ',' + std::to_string(g.group_of[n.nodes[k]] % 8) + ',';
    text::append_json_string(out, p.title);
    out += ',';
    text::append_json_string(out, k == 0 ? std::string() : href(p.url));
    out += ']';
  }
  out += "],\"e\":[";
  for (size_t k = 0; k < n.edges.size(); ++k)
    out += (k ? "," : "") + std::to_string(n.edges[k].first) + ',' + std::to_string(n.edges[k].second);
  out += "],\"more\":" + std::to_string(n.more) + '}';
  return out;
}

}  // namespace kb::site
