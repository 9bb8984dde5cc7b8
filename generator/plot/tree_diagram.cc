#include "plot/tree_diagram.h"

#include "plot/format.h"
#include "plot/frame.h"

#include <algorithm>
#include <cmath>

namespace kb::plot {

using namespace internal;

namespace {

constexpr double kNodeFont = 11;
constexpr double kLineHeight = 14;
constexpr double kPadX = 8, kPadY = 6;
constexpr double kEdgeFont = 10.5;
constexpr double kSiblingGap = 14;  // between neighbouring subtrees, at every level
constexpr double kEdgeGap = 26;     // vertical room for an edge besides its label

double node_width(const TreeDiagramNode& n) {
  double w = 0;
  for (size_t i = 0; i < n.lines.size(); ++i) {
    // The first line is bold: a little wider.
    w = std::max(w, text_width(n.lines[i], kNodeFont) * (i == 0 ? 1.06 : 1.0));
  }
  return std::max(36.0, w + 2 * kPadX);
}

double node_height(const TreeDiagramNode& n) {
  return std::max<size_t>(1, n.lines.size()) * kLineHeight + 2 * kPadY - 2;
}

double label_width(const TreeDiagramNode& n) {
  return n.edge_label.empty() ? 0 : text_width(n.edge_label, kEdgeFont) + 6;
}

// Left and right extent of a subtree at each level below its root,
// relative to the root's centre.
struct Contour {
  std::vector<double> left, right;
};

struct Builder {
  const TreeDiagram& tree;
  std::vector<std::vector<int>> kids;  // the children actually drawn
  std::vector<double> offset;          // centre relative to the parent's centre
  std::vector<int> depth;

  Contour place(int n) {
    const TreeDiagramNode& node = tree.nodes[n];
    const double half = std::max(node_width(node), label_width(node)) / 2;
    Contour acc;
    std::vector<double> at;  // each child's centre in acc's frame
    for (int c : kids[n]) {
      Contour sub = place(c);
      double shift = 0;
      if (!at.empty()) {
        shift = -INFINITY;
        const size_t common = std::min(acc.left.size(), sub.left.size());
        for (size_t d = 0; d < common; ++d) shift = std::max(shift, acc.right[d] - sub.left[d] + kSiblingGap);
      }
      at.push_back(shift);
      for (size_t d = 0; d < sub.left.size(); ++d) {
        if (d < acc.left.size()) {
          acc.left[d] = std::min(acc.left[d], shift + sub.left[d]);
          acc.right[d] = std::max(acc.right[d], shift + sub.right[d]);
        } else {
          acc.left.push_back(shift + sub.left[d]);
          acc.right.push_back(shift + sub.right[d]);
        }
      }
    }
    Contour out;
    out.left.push_back(-half);
    out.right.push_back(half);
    if (at.empty()) return out;
    const double mid = (at.front() + at.back()) / 2;
    for (size_t j = 0; j < kids[n].size(); ++j) offset[kids[n][j]] = at[j] - mid;
    for (size_t d = 0; d < acc.left.size(); ++d) {
      out.left.push_back(acc.left[d] - mid);
      out.right.push_back(acc.right[d] - mid);
    }
    return out;
  }
};

}  // namespace

TreeLayout layout_tree(const TreeDiagram& tree) {
  TreeLayout layout;
  const int n = static_cast<int>(tree.nodes.size());
  layout.boxes.assign(n, NodeBox{});
  layout.parent.assign(n, -1);
  if (tree.root < 0 || tree.root >= n) return layout;

  Builder b{tree, std::vector<std::vector<int>>(n), std::vector<double>(n, 0), std::vector<int>(n, 0)};
  // Breadth-first, so a node reached twice keeps its shallowest place.
  std::vector<char> seen(n, 0);
  std::vector<int> queue = {tree.root};
  seen[tree.root] = 1;
  bool any_label = false;
  for (size_t qi = 0; qi < queue.size(); ++qi) {
    const int v = queue[qi];
    for (int c : tree.nodes[v].children) {
      if (c < 0 || c >= n || seen[c]) continue;
      seen[c] = 1;
      b.kids[v].push_back(c);
      b.depth[c] = b.depth[v] + 1;
      layout.parent[c] = v;
      if (!tree.nodes[c].edge_label.empty()) any_label = true;
      queue.push_back(c);
    }
  }
  b.place(tree.root);

  // Row heights: every level as tall as its tallest box.
  int max_depth = 0;
  for (int v : queue) max_depth = std::max(max_depth, b.depth[v]);
  std::vector<double> row_height(max_depth + 1, 0);
  for (int v : queue) row_height[b.depth[v]] = std::max(row_height[b.depth[v]], node_height(tree.nodes[v]));
  layout.label_band = any_label ? kEdgeFont + 8 : 0;
  std::vector<double> row_top(max_depth + 1, 0);
  for (int d = 1; d <= max_depth; ++d) {
    row_top[d] = row_top[d - 1] + row_height[d - 1] + kEdgeGap + layout.label_band;
  }

  // Absolute centres, parents before children (queue order).
  std::vector<double> centre(n, 0);
  for (int v : queue) {
    if (v != tree.root) centre[v] = centre[layout.parent[v]] + b.offset[v];
  }
  double lo = INFINITY, hi = -INFINITY;
  for (int v : queue) {
    const double half = std::max(node_width(tree.nodes[v]), label_width(tree.nodes[v])) / 2;
    lo = std::min(lo, centre[v] - half);
    hi = std::max(hi, centre[v] + half);
  }
  for (int v : queue) {
    NodeBox& box = layout.boxes[v];
    box.placed = true;
    box.depth = b.depth[v];
    box.width = node_width(tree.nodes[v]);
    box.height = node_height(tree.nodes[v]);
    box.x = centre[v] - lo - box.width / 2;
    box.y = row_top[box.depth];
  }
  layout.width = hi - lo;
  layout.height = row_top[max_depth] + row_height[max_depth];
  return layout;
}

std::string tree_svg(const TreeDiagram& tree) {
  const ChartOptions& o = tree.options;
  const TreeLayout layout = layout_tree(tree);
  std::vector<LegendItem> legend;
  for (size_t i = 0; i < tree.colour_names.size(); ++i) {
    legend.push_back({tree.colour_names[i], static_cast<int>(i), Swatch::kBox, 0});
  }
  double width = layout.width + 32;
  if (!o.title.empty()) width = std::max(width, std::min(900.0, text_width(o.title, kTitleMeasureFont) + 32));
  if (legend.size() >= 2) {
    double lw = 0;
    for (const LegendItem& item : legend) lw += 18 + 5 + text_width(item.name, kLegendFont) + 16;
    width = std::max(width, std::min(600.0, lw + 24));
  }
  width = std::max(width, 120.0);

  Svg body;
  double y = draw_title(body, o.title, width, 6);
  y = draw_legend(body, legend, width, y + 2);
  const double top = y + 10;  // the root has no edge label above it
  const double left = (width - layout.width) / 2;
  const double height = top + layout.height + 16;

  // Edges first, under the boxes.
  body.open("g", {{"class", "kb-plot-edges"}});
  std::string d;
  for (size_t v = 0; v < tree.nodes.size(); ++v) {
    const int p = layout.parent[v];
    if (p < 0) continue;
    const NodeBox& a = layout.boxes[p];
    const NodeBox& c = layout.boxes[v];
    const double x0 = left + a.x + a.width / 2, y0 = top + a.y + a.height;
    const double x1 = left + c.x + c.width / 2, y1 = top + c.y;
    // A curve down to the top of the label band; the label hangs below its
    // end, just above the child (an unlabelled edge runs on to the child).
    const double y_label = y1 - layout.label_band;
    const double ym = (y0 + y_label) / 2;
    d += "M" + format_coord(x0) + "," + format_coord(y0) + "C" + format_coord(x0) + "," + format_coord(ym) + " " +
         format_coord(x1) + "," + format_coord(ym) + " " + format_coord(x1) + "," + format_coord(y_label);
    if (layout.label_band > 0 && tree.nodes[v].edge_label.empty()) d += "V" + format_coord(y1);
  }
  if (!d.empty()) body.empty("path", {{"class", "kb-plot-edge"}, {"d", d}});
  body.close("g");

  body.open("g", {{"class", "kb-plot-edge-labels"}, {"font-size", kEdgeFont}, {"text-anchor", "middle"}});
  for (size_t v = 0; v < tree.nodes.size(); ++v) {
    if (layout.parent[v] < 0 || tree.nodes[v].edge_label.empty()) continue;
    const NodeBox& c = layout.boxes[v];
    body.text("text", {{"class", "kb-plot-edge-label kb-plot-halo"}, {"x", left + c.x + c.width / 2},
                       {"y", top + c.y - 5}},
              tree.nodes[v].edge_label);
  }
  body.close("g");

  body.open("g", {{"class", "kb-plot-nodes"}, {"font-size", kNodeFont}, {"text-anchor", "middle"}});
  for (size_t v = 0; v < tree.nodes.size(); ++v) {
    const NodeBox& box = layout.boxes[v];
    if (!box.placed) continue;
    const TreeDiagramNode& node = tree.nodes[v];
    const std::string cls =
        node.colour >= 0 ? "kb-plot-node coloured " + colour_class(node.colour) : std::string("kb-plot-node");
    body.open("g", {{"class", cls}});
    body.empty("rect", {{"x", left + box.x}, {"y", top + box.y}, {"width", box.width}, {"height", box.height},
                        {"rx", 4.0}});
    const double cx = left + box.x + box.width / 2;
    for (size_t i = 0; i < node.lines.size(); ++i) {
      const double ty = top + box.y + kPadY + kLineHeight * i + kNodeFont * 0.95;
      if (i == 0) {
        body.text("text", {{"class", "kb-plot-node-head"}, {"x", cx}, {"y", ty}}, node.lines[i]);
      } else {
        body.text("text", {{"x", cx}, {"y", ty}}, node.lines[i]);
      }
    }
    body.close("g");
  }
  body.close("g");

  // Description: an outline of the tree in pre-order.
  size_t placed = 0;
  int levels = 0;
  for (const NodeBox& box : layout.boxes) {
    if (!box.placed) continue;
    ++placed;
    levels = std::max(levels, box.depth + 1);
  }
  std::string desc = "Tree diagram with " + std::to_string(placed) + (placed == 1 ? " node" : " nodes") + " on " +
                     std::to_string(levels) + (levels == 1 ? " level." : " levels.");
  if (placed > 0) {
    std::vector<int> stack = {tree.root};
    size_t listed = 0;
    while (!stack.empty() && listed < 60) {
      const int v = stack.back();
      stack.pop_back();
      const TreeDiagramNode& node = tree.nodes[v];
      desc += " Level " + std::to_string(layout.boxes[v].depth) + (node.edge_label.empty() ? "" : ", " + node.edge_label) +
              ":";
      for (size_t i = 0; i < node.lines.size(); ++i) desc += (i ? ", " : " ") + node.lines[i];
      desc += ".";
      ++listed;
      // Children in order: push right to left.
      for (auto it = node.children.rbegin(); it != node.children.rend(); ++it) {
        if (*it >= 0 && *it < static_cast<int>(tree.nodes.size()) && layout.parent[*it] == v) stack.push_back(*it);
      }
    }
    if (listed < placed) desc += " (" + std::to_string(placed - listed) + " more nodes.)";
  }
  return document(o, "tree", width, height, body.str(), desc, "Tree diagram");
}

}  // namespace kb::plot
