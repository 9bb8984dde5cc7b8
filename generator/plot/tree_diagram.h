// Tree diagrams (decision trees, any rooted tree): boxes of text joined by
// edges, drawn top-down, each edge optionally labelled ("x₁ ≤ 2.5").
//
// Contract:
// - Layout: every node sits below its parent, centred over its children;
//   subtrees are packed side by side as closely as their outlines allow
//   level by level (a contour layout in the manner of Reingold and
//   Tilford), so no two node boxes overlap and no two edge labels overlap
//   (a label sits just above its child, and the packing reserves its width).
// - Only nodes reachable from the root are drawn; a child index out of
//   range, or a node reached a second time (a cycle, a shared child), is
//   skipped, so bad input cannot loop or crash.
// - The SVG sizes itself to the tree (options.width/height are ignored)
//   and is otherwise as chart.h describes.
// Thread safety: pure functions.
#pragma once

#include "plot/chart.h"

#include <string>
#include <vector>

namespace kb::plot {

struct TreeDiagramNode {
  std::vector<std::string> lines;  // text, top to bottom; the first is bold ("gini 0.444", "samples 30")
  std::vector<int> children;       // indices into TreeDiagram::nodes, left to right
  std::string edge_label;          // on the edge from the parent, e.g. "x₁ ≤ 2.5"
  int colour = -1;                 // series colour (e.g. the predicted class); -1: neutral
};

struct TreeDiagram {
  ChartOptions options;                   // title, description, id (axes and size unused)
  std::vector<TreeDiagramNode> nodes;
  int root = 0;                           // index of the root
  std::vector<std::string> colour_names;  // legend: colour i means colour_names[i] (shown for two or more)
};

// A node's box in SVG user units (top-left corner and size).
struct NodeBox {
  bool placed = false;  // false: the node is not reachable from the root
  double x = 0, y = 0, width = 0, height = 0;
  int depth = 0;        // root = 0
};

struct TreeLayout {
  std::vector<NodeBox> boxes;         // one per node, in the order of TreeDiagram::nodes
  std::vector<int> parent;            // the node's parent in the drawn tree; -1 for the root and unplaced nodes
  double width = 0, height = 0;       // extent of the boxes and labels, from (0, 0)
  double label_band = 0;              // height reserved above each child for its edge label
};

// Where tree_svg puts each node, in a frame whose top-left is (0, 0).
TreeLayout layout_tree(const TreeDiagram& tree);

std::string tree_svg(const TreeDiagram& tree);

}  // namespace kb::plot
