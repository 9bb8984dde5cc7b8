#include "links/embed_graph.h"

#include <algorithm>
#include <string>

#include "content/loader.h"

namespace kb {

EmbedEdges embed_edges(const Corpus& corpus, const LinkGraph& graph) {
  EmbedEdges edges(corpus.pages.size());
  for (size_t i = 0; i < corpus.pages.size(); ++i) {
    const auto& links = corpus.pages[i].links;
    for (size_t j = 0; j < links.size(); ++j) {
      if (links[j].kind != markdown::LinkKind::kEmbed || !links[j].alone) continue;
      const Resolution& r = graph.resolution(i, j);
      if (r.status == Resolution::Status::kPage) edges[i].push_back(EmbedEdge{j, r.index});
    }
  }
  return edges;
}

size_t report_embed_cycles(const Corpus& corpus, const EmbedEdges& edges, Diagnostics& diags) {
  // Depth-first, iteratively: a page is white (unseen), grey (on the path)
  // or black (done); an edge to a grey page closes a cycle.
  enum : char { kWhite, kGrey, kBlack };
  std::vector<char> colour(edges.size(), kWhite);
  struct Frame {
    size_t page;
    size_t next = 0;  // next edge to follow
  };
  size_t cycles = 0;
  for (size_t root = 0; root < edges.size(); ++root) {
    if (colour[root] != kWhite) continue;
    std::vector<Frame> path{{root}};
    colour[root] = kGrey;
    while (!path.empty()) {
      Frame& f = path.back();
      if (f.next == edges[f.page].size()) {
        colour[f.page] = kBlack;
        path.pop_back();
        continue;
      }
      const EmbedEdge e = edges[f.page][f.next++];
      if (colour[e.target] == kWhite) {
        colour[e.target] = kGrey;
        path.push_back({e.target});
        continue;
      }
      if (colour[e.target] != kGrey) continue;
      ++cycles;
      std::string ring;
      auto start = std::find_if(path.begin(), path.end(), [&](const Frame& p) { return p.page == e.target; });
      for (auto it = start; it != path.end(); ++it) ring += corpus.pages[it->page].source + " \u2192 ";
      ring += corpus.pages[e.target].source;
      const Page& from = corpus.pages[path.back().page];
      const markdown::LinkRef& link = from.links[e.link];
      diags.warning(content::display_path(from.file), link.line, link.column,
                    "transclusion cycle: " + ring +
                        "; the page shows a note there instead of embedding it again: remove one of these embeds "
                        "or make it a link ([[...]] without '!')",
                    echo_of(from.body, link.line - from.body_line + 1, link.column));
    }
  }
  return cycles;
}

std::vector<size_t> embedded_pages(const EmbedEdges& edges, size_t page, int depth) {
  // Called for every page: most embed nothing, and need no `seen` table.
  if (edges[page].empty()) return {};
  std::vector<size_t> out, level{page};
  std::vector<char> seen(edges.size(), 0);
  seen[page] = 1;
  for (int d = 0; d < depth && !level.empty(); ++d) {
    std::vector<size_t> next;
    for (size_t p : level)
      for (const auto& e : edges[p])
        if (!seen[e.target]) {
          seen[e.target] = 1;
          out.push_back(e.target);
          next.push_back(e.target);
        }
    level = std::move(next);
  }
  return out;
}

}  // namespace kb
