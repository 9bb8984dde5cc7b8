#include "plot/tree_diagram.h"

#include "plot/svg.h"
#include "plot/test_support.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <functional>

using namespace kb::plot;
using namespace kb::plot::testing;

namespace {

// A full binary decision tree of depth 3 (15 nodes), in pre-order as the
// kernels store it, with labelled edges and long-ish node text.
TreeDiagram decision_tree(int depth) {
  TreeDiagram tree;
  tree.options.title = "Decision tree (Gini)";
  tree.colour_names = {"class 0", "class 1"};
  int counter = 0;
  std::function<int(int, const std::string&)> add = [&](int level, const std::string& edge) {
    const int id = static_cast<int>(tree.nodes.size());
    tree.nodes.emplace_back();
    const int k = counter++;
    tree.nodes[id].lines = {level == depth ? "class " + std::to_string(k % 2) : "gini 0." + std::to_string(100 + k * 7),
                            "samples " + std::to_string(300 >> level), "[" + std::to_string(k) + ", " + std::to_string(k * 3) + "]"};
    tree.nodes[id].edge_label = edge;
    tree.nodes[id].colour = level == depth ? k % 2 : -1;
    if (level < depth) {
      const std::string f = "x" + std::string(level % 2 ? "₂" : "₁");
      const std::string t = std::to_string(level) + "." + std::to_string(k % 10);
      const int l = add(level + 1, f + " ≤ " + t);
      const int r = add(level + 1, f + " > " + t);
      tree.nodes[id].children = {l, r};
    }
    return id;
  };
  add(0, "");
  return tree;
}

bool overlap(const NodeBox& a, const NodeBox& b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

void check_no_overlap(const TreeDiagram& tree) {
  const TreeLayout layout = layout_tree(tree);
  for (size_t i = 0; i < layout.boxes.size(); ++i) {
    const NodeBox& a = layout.boxes[i];
    REQUIRE(a.placed);
    CHECK(a.x >= -1e-9);
    CHECK(a.x + a.width <= layout.width + 1e-9);
    for (size_t j = i + 1; j < layout.boxes.size(); ++j) {
      INFO("nodes " << i << " and " << j);
      CHECK_FALSE(overlap(a, layout.boxes[j]));
    }
    if (layout.parent[i] >= 0) {
      const NodeBox& p = layout.boxes[layout.parent[i]];
      CHECK(a.y > p.y + p.height);  // below its parent
      CHECK(a.depth == p.depth + 1);
    }
  }
}

}  // namespace

TEST_CASE("a 15-node tree is laid out without overlapping boxes") {
  const TreeDiagram tree = decision_tree(3);
  REQUIRE(tree.nodes.size() == 15);
  check_no_overlap(tree);
  const TreeLayout layout = layout_tree(tree);
  // Parents are centred over their children.
  for (size_t i = 0; i < tree.nodes.size(); ++i) {
    if (tree.nodes[i].children.size() != 2) continue;
    const NodeBox& p = layout.boxes[i];
    const NodeBox& l = layout.boxes[tree.nodes[i].children[0]];
    const NodeBox& r = layout.boxes[tree.nodes[i].children[1]];
    CHECK(p.x + p.width / 2 == Approx(((l.x + l.width / 2) + (r.x + r.width / 2)) / 2));
    CHECK(l.x + l.width <= r.x);  // left child left of the right one
  }
  const std::string svg = tree_svg(tree);
  CHECK(xml_error(svg) == "");
  CHECK(count(svg, "<g class=\"kb-plot-node\"") + count(svg, "<g class=\"kb-plot-node coloured") == 15);
  CHECK(count(svg, "class=\"kb-plot-edge-label kb-plot-halo\"") == 14);
  CHECK(svg.find(">x₁ ≤ 0.0</text>") != std::string::npos);
  CHECK(count(svg, "class=\"kb-plot-key ") == 2);
  CHECK(svg.find("Tree diagram with 15 nodes on 4 levels.") != std::string::npos);
  CHECK(svg == tree_svg(tree));
}

TEST_CASE("unbalanced trees with wide labels pack without overlaps") {
  TreeDiagram tree;
  // A caterpillar: every left child is a leaf with a wide label, every right
  // child goes deeper; the leaves must not collide with deeper subtrees.
  for (int i = 0; i < 9; ++i) {
    tree.nodes.push_back({{"node " + std::to_string(i)}, {}, i ? "a rather long edge label " + std::to_string(i) : "", -1});
  }
  for (int i = 0; i + 2 < 9; i += 2) tree.nodes[i].children = {i + 1, i + 2};
  check_no_overlap(tree);
  // Edge labels of one level do not overlap either.
  const TreeLayout layout = layout_tree(tree);
  for (size_t i = 1; i < tree.nodes.size(); ++i) {
    for (size_t j = i + 1; j < tree.nodes.size(); ++j) {
      const NodeBox& a = layout.boxes[i];
      const NodeBox& b = layout.boxes[j];
      if (a.depth != b.depth) continue;
      const double wa = text_width(tree.nodes[i].edge_label, 10.5), wb = text_width(tree.nodes[j].edge_label, 10.5);
      const double ca = a.x + a.width / 2, cb = b.x + b.width / 2;
      CHECK(std::fabs(ca - cb) >= (wa + wb) / 2);
    }
  }
  check_no_overlap(decision_tree(5));  // 63 nodes
}

TEST_CASE("bad trees: cycles, shared children, bad indices") {
  TreeDiagram tree;
  tree.nodes = {{{"root"}, {1, 2, 7, -1}, "", -1}, {{"a"}, {0, 2}, "l", -1}, {{"b"}, {1}, "r", -1},
                {{"orphan"}, {}, "", -1}};
  const TreeLayout layout = layout_tree(tree);
  CHECK(layout.boxes[0].placed);
  CHECK(layout.boxes[1].placed);
  CHECK(layout.boxes[2].placed);
  CHECK_FALSE(layout.boxes[3].placed);
  CHECK(layout.parent[2] == 0);  // b stays the root's child, not a's
  const std::string svg = tree_svg(tree);
  CHECK(xml_error(svg) == "");
  CHECK(svg.find(">orphan<") == std::string::npos);

  TreeDiagram bad_root;
  bad_root.root = 5;
  CHECK(xml_error(tree_svg(bad_root)) == "");

  TreeDiagram deep;  // a chain 2000 long
  for (int i = 0; i < 2000; ++i) deep.nodes.push_back({{std::to_string(i)}, {i + 1}, "", -1});
  deep.nodes.back().children.clear();
  CHECK(layout_tree(deep).boxes.back().depth == 1999);
}
