// The graph of the notes, as the reader sees it: graph.html's data and each
// note's local graph, both laid out here at build time (graph/layout.h) so
// the browser draws at once, from file:// too (script-loaded files).
//
// - assets/graph/site.js: every note as a point (position from a force
//   layout, group, title, URL, tags) and every link between two notes, as
//   `kbGraphData({...})`; graph.html draws it on a canvas (assets/graph.js).
// - a note's local graph, in its data file (site/note_data.h): its
//   neighbourhood within two links (graph/neighbourhood.h) in a radial
//   layout, as {n: [[x, y, depth, group, title, href]...], e: [a, b, ...],
//   more}, which assets/local-graph.js draws as SVG; hrefs are relative to
//   the note's page. The note's page holds only a placeholder that loads
//   it, so its HTML does not depend on notes two links away; the data file
//   follows local_graph_key().
//
// A note's group is its domain (its title) when the site names domains and
// the note has one, else its top folder; groups colour the points and are
// graph.html's filter, with tags.
//
// Contract: pure functions of the corpus and link graph; deterministic.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "config/config.h"
#include "content/page.h"
#include "graph/neighbourhood.h"
#include "links/link_graph.h"
#include "render/site_model.h"

namespace kb::site {

inline constexpr const char kGraphPageUrl[] = "graph.html";
inline constexpr const char kGraphDataUrl[] = "assets/graph/site.js";

struct NoteGraph {
  std::vector<std::string> groups;   // names, in the order of the first note of each
  std::vector<uint32_t> group_of;    // per page
  std::vector<graph::Edge> links;    // (from, to) page pairs, distinct, no self links
  graph::Adjacency adjacency;        // links, undirected
};

NoteGraph note_graph(const Config& config, const Corpus& corpus, const LinkGraph& links);


// Keys: everything each file shows, with `build` (kb, config, theme).
uint64_t site_graph_key(const NoteGraph& g, const Corpus& corpus, uint64_t build);
uint64_t local_graph_key(const NoteGraph& g, const Corpus& corpus, size_t page, uint64_t build);

// A layout of graph.html's points and the key of what it was made from
// (the notes and links): a `kb serve --watch` session keeps it, so that a new
// title rewrites site.js without laying out its points again (on 10,000
// notes about 0.35 s).
struct GraphLayout {
  uint64_t key = 0;
  std::vector<graph::Point> points;
};

// `remembered` (optional): used when made from the same notes and links,
// else replaced by the new layout.
std::string site_graph_js(const NoteGraph& g, const Corpus& corpus, GraphLayout* remembered = nullptr);
// The local graph as JSON text.
std::string local_graph_json(const NoteGraph& g, const Corpus& corpus, size_t page);

}  // namespace kb::site
