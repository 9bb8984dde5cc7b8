// Scatter plots: groups of points (clusters, classes, before/after), each
// with its own colour and marker shape, and optional centroids.
//
// Contract: see chart.h (never fails, skips points it cannot draw,
// deterministic). A legend appears when there are two or more groups; a
// centroid is drawn as a larger marker of its group's shape, outlined. The
// axes cover every point, centroid and reference line unless options.x/y
// fix them; points outside fixed axes are left out.
// Thread safety: pure function.
#pragma once

#include "plot/chart.h"

#include <optional>
#include <string>
#include <vector>

namespace kb::plot {

struct ScatterGroup {
  std::string name;               // legend entry, e.g. "cluster 1"
  std::vector<double> x, y;       // the points (the shorter length counts)
  std::optional<Point> centroid;  // e.g. the k-means centre of the group
};

struct ScatterChart {
  ChartOptions options;
  std::vector<ScatterGroup> groups;  // colours and markers s0, s1, … in this order
  double marker_radius = 0;          // 0: chosen from the number of points
};

std::string scatter_svg(const ScatterChart& chart);

}  // namespace kb::plot
