#include "plot/scatter.h"

#include "plot/format.h"
#include "plot/frame.h"

#include <algorithm>
#include <cmath>

namespace kb::plot {

using namespace internal;

std::string scatter_svg(const ScatterChart& chart) {
  const ChartOptions& o = chart.options;
  std::vector<double> xs = reference_values(o, true), ys = reference_values(o, false);
  std::vector<double> point_xs, point_ys;  // for the description
  size_t total = 0;
  for (const ScatterGroup& g : chart.groups) {
    const size_t n = std::min(g.x.size(), g.y.size());
    for (size_t i = 0; i < n; ++i) {
      if (!std::isfinite(g.x[i]) || !std::isfinite(g.y[i])) continue;
      point_xs.push_back(g.x[i]);
      point_ys.push_back(g.y[i]);
      ++total;
    }
    if (g.centroid && std::isfinite(g.centroid->x) && std::isfinite(g.centroid->y)) {
      xs.push_back(g.centroid->x);
      ys.push_back(g.centroid->y);
    }
  }
  xs.insert(xs.end(), point_xs.begin(), point_xs.end());
  ys.insert(ys.end(), point_ys.begin(), point_ys.end());
  Axis xa = o.x, ya = o.y;
  xa.log = ya.log = false;  // scatter axes are linear
  XYSetup setup;
  setup.x = axis_ticks(xa, xs);
  setup.y = axis_ticks(ya, ys);
  for (size_t i = 0; i < chart.groups.size(); ++i) {
    setup.legend.push_back({chart.groups[i].name.empty() ? "group " + std::to_string(i + 1) : chart.groups[i].name,
                            static_cast<int>(i), Swatch::kMarker, static_cast<int>(i)});
  }
  XYPlot plot(o, setup);

  double r = chart.marker_radius;
  if (!(r > 0) || !std::isfinite(r)) r = total > 600 ? 2.6 : total > 200 ? 3.2 : total > 60 ? 3.8 : 4.5;
  r = std::min(r, 20.0);

  Svg& svg = plot.svg();
  plot.begin_data(false);
  std::string desc = "Scatter plot";
  if (!o.x.label.empty() || !o.y.label.empty()) {
    desc += " of " + (o.y.label.empty() ? "y" : o.y.label) + " against " + (o.x.label.empty() ? "x" : o.x.label);
  }
  desc += ", " + std::to_string(chart.groups.size()) + (chart.groups.size() == 1 ? " group" : " groups") + ":";
  for (size_t gi = 0; gi < chart.groups.size(); ++gi) {
    const ScatterGroup& g = chart.groups[gi];
    const int colour = static_cast<int>(gi);
    std::string d;
    size_t drawn = 0;
    const size_t n = std::min(g.x.size(), g.y.size());
    for (size_t i = 0; i < n; ++i) {
      if (!plot.x().contains(g.x[i]) || !plot.y().contains(g.y[i])) continue;
      d += marker_path(colour, plot.x()(g.x[i]), plot.y()(g.y[i]), r);
      ++drawn;
    }
    if (!d.empty()) svg.empty("path", {{"class", "kb-plot-points " + colour_class(colour)}, {"d", d}});
    desc += (gi ? "; " : " ") + setup.legend[gi].name + " (" + std::to_string(drawn) + " points";
    if (g.centroid && plot.x().contains(g.centroid->x) && plot.y().contains(g.centroid->y)) {
      desc += ", centre at " + format_number(g.centroid->x, 3) + ", " + format_number(g.centroid->y, 3);
    }
    desc += ")";
  }
  // Centroids last, above every group's points.
  for (size_t gi = 0; gi < chart.groups.size(); ++gi) {
    const ScatterGroup& g = chart.groups[gi];
    if (!g.centroid || !plot.x().contains(g.centroid->x) || !plot.y().contains(g.centroid->y)) continue;
    const int colour = static_cast<int>(gi);
    svg.empty("path", {{"class", "kb-plot-centroid " + colour_class(colour)},
                       {"d", marker_path(colour, plot.x()(g.centroid->x), plot.y()(g.centroid->y), r * 2 + 1.5)}});
  }
  plot.end_data();
  desc += ". x " + describe_range(point_xs) + ", y " + describe_range(point_ys) + ".";
  if (chart.groups.empty()) desc = "Scatter plot with no data.";
  return plot.finish("scatter", desc, "Scatter plot");
}

}  // namespace kb::plot
