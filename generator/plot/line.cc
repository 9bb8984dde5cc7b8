#include "plot/line.h"

#include "plot/format.h"
#include "plot/frame.h"

#include <algorithm>
#include <cmath>

namespace kb::plot {

using namespace internal;

namespace {

double x_at(const Series& s, size_t i) { return s.x.empty() ? static_cast<double>(i) : s.x[i]; }
size_t length(const Series& s) { return s.x.empty() ? s.y.size() : std::min(s.x.size(), s.y.size()); }

// Runs of consecutive drawable points, in user units.
std::vector<std::vector<Point>> runs(const Series& s, const Scale& x, const Scale& y, bool clip_x) {
  std::vector<std::vector<Point>> out(1);
  const size_t n = length(s);
  for (size_t i = 0; i < n; ++i) {
    const double xv = x_at(s, i), yv = s.y[i];
    const bool ok = std::isfinite(xv) && std::isfinite(yv) && (!y.log || yv > 0) && (!clip_x || x.contains(xv));
    if (!ok) {
      if (!out.back().empty()) out.emplace_back();
      continue;
    }
    out.back().push_back({x(xv), y(yv)});
  }
  if (out.back().empty()) out.pop_back();
  return out;
}

std::string path_of(const std::vector<Point>& run) {
  std::string d;
  for (size_t i = 0; i < run.size(); ++i) {
    d += (i == 0 ? "M" : "L") + format_coord(run[i].x) + "," + format_coord(run[i].y);
  }
  return d;
}

// Values on each axis for the ticks: every point of every series (the log
// axis only takes positive y), plus the references.
void collect(const std::vector<Series>& series, const ChartOptions& o, std::vector<double>& xs,
             std::vector<double>& ys) {
  xs = reference_values(o, true);
  ys = reference_values(o, false);
  for (const Series& s : series) {
    const size_t n = length(s);
    for (size_t i = 0; i < n; ++i) {
      if (!std::isfinite(x_at(s, i)) || !std::isfinite(s.y[i])) continue;
      xs.push_back(x_at(s, i));
      ys.push_back(s.y[i]);
    }
  }
}

std::string describe_series(const std::vector<Series>& series) {
  std::string desc;
  for (size_t i = 0; i < series.size(); ++i) {
    const Series& s = series[i];
    const size_t n = length(s);
    std::vector<double> ys(s.y.begin(), s.y.begin() + n);
    desc += (i ? "; " : " ") + (s.name.empty() ? "series " + std::to_string(i + 1) : s.name) + ": " +
            std::to_string(n) + " points, y " + describe_range(ys);
    const std::vector<double> f = finite_values(ys);
    if (f.size() >= 2) desc += ", first " + format_number(f.front()) + ", last " + format_number(f.back());
  }
  return desc;
}

std::string axis_words(const ChartOptions& o) {
  std::string s;
  if (!o.y.label.empty() || !o.x.label.empty()) {
    s = " of " + (o.y.label.empty() ? "y" : o.y.label) + " against " + (o.x.label.empty() ? "x" : o.x.label);
  }
  if (o.y.log) s += " (log scale)";
  return s;
}

}  // namespace

std::string line_svg(const LineChart& chart) {
  const ChartOptions& o = chart.options;
  std::vector<double> xs, ys;
  collect(chart.series, o, xs, ys);
  Axis xa = o.x;
  xa.log = false;
  XYSetup setup;
  setup.x = axis_ticks(xa, xs);
  setup.y = axis_ticks(o.y, ys);
  for (size_t i = 0; i < chart.series.size(); ++i) {
    const Series& s = chart.series[i];
    setup.legend.push_back({s.name.empty() ? "series " + std::to_string(i + 1) : s.name, static_cast<int>(i),
                            chart.markers ? Swatch::kLineMarker : Swatch::kLine, static_cast<int>(i), s.dashed});
  }
  XYPlot plot(o, setup);
  Svg& svg = plot.svg();
  plot.begin_data(true);
  for (size_t i = 0; i < chart.series.size(); ++i) {
    const Series& s = chart.series[i];
    const int colour = static_cast<int>(i);
    const auto parts = runs(s, plot.x(), plot.y(), false);
    std::string d, dots;
    for (const auto& run : parts) {
      if (run.size() >= 2) d += path_of(run);
      if (chart.markers || run.size() == 1) {
        for (const Point& p : run) {
          if (p.x >= plot.left() - 1 && p.x <= plot.right() + 1 && p.y >= plot.top() - 1 && p.y <= plot.bottom() + 1) {
            dots += marker_path(colour, p.x, p.y, 3.5);
          }
        }
      }
    }
    svg.open("g", {{"class", "kb-plot-series " + colour_class(colour)}});
    if (!d.empty()) svg.empty("path", {{"class", s.dashed ? "kb-plot-line dashed" : "kb-plot-line"}, {"d", d}});
    if (!dots.empty()) svg.empty("path", {{"class", "kb-plot-points"}, {"d", dots}});
    svg.close("g");
  }
  plot.end_data();
  std::string desc = "Line chart" + axis_words(o) + ", " + std::to_string(chart.series.size()) +
                     " series:" + describe_series(chart.series) +
                     ". x " + describe_range(xs) + ".";
  if (chart.series.empty()) desc = "Line chart with no data.";
  return plot.finish("line", desc, "Line chart");
}

std::string area_svg(const AreaChart& chart) {
  ChartOptions o = chart.options;
  o.x.log = false;
  if (chart.unit_square) {
    o.x.min = o.y.min = 0;
    o.x.max = o.y.max = 1;
    o.y.log = false;
  }
  std::vector<double> xs, ys;
  collect(chart.series, o, xs, ys);
  if (chart.diagonal && !chart.unit_square) {
    // The diagonal spans the data; include it on both axes.
    std::vector<double> both = xs;
    both.insert(both.end(), ys.begin(), ys.end());
    xs = ys = both;
  }
  if (!o.y.log) ys.push_back(0);  // areas are shaded down to 0
  XYSetup setup;
  setup.x = axis_ticks(o.x, xs);
  setup.y = axis_ticks(o.y, ys);
  for (size_t i = 0; i < chart.series.size(); ++i) {
    const Series& s = chart.series[i];
    setup.legend.push_back({s.name.empty() ? "curve " + std::to_string(i + 1) : s.name, static_cast<int>(i),
                            Swatch::kLine, static_cast<int>(i), s.dashed});
  }
  if (chart.diagonal && chart.series.size() >= 2) {
    setup.legend.push_back({"chance", 7, Swatch::kLine, 0, true});
  }
  XYPlot plot(o, setup);
  Svg& svg = plot.svg();
  plot.begin_data(true);
  if (chart.diagonal) {
    const double lo = std::max(plot.x().d0, plot.y().d0), hi = std::min(plot.x().d1, plot.y().d1);
    if (hi > lo) {
      svg.empty("path", {{"class", "kb-plot-ref kb-plot-diagonal"},
                         {"d", "M" + format_coord(plot.x()(lo)) + "," + format_coord(plot.y()(lo)) + "L" +
                                   format_coord(plot.x()(hi)) + "," + format_coord(plot.y()(hi))}});
    }
  }
  const double base = plot.y().log ? plot.y().d0 : std::clamp(0.0, plot.y().d0, plot.y().d1);
  const std::string base_y = format_coord(plot.y()(base));
  for (size_t i = 0; i < chart.series.size(); ++i) {
    const Series& s = chart.series[i];
    const int colour = static_cast<int>(i);
    const auto parts = runs(s, plot.x(), plot.y(), false);
    svg.open("g", {{"class", "kb-plot-series " + colour_class(colour)}});
    if (chart.fill) {
      std::string area;
      for (const auto& run : parts) {
        if (run.size() < 2) continue;
        area += path_of(run) + "L" + format_coord(run.back().x) + "," + base_y + "L" + format_coord(run.front().x) +
                "," + base_y + "Z";
      }
      if (!area.empty()) svg.empty("path", {{"class", "kb-plot-fill"}, {"d", area}});
    }
    std::string d, dots;
    for (const auto& run : parts) {
      if (run.size() >= 2) d += path_of(run);
      if (run.size() == 1) dots += marker_path(colour, run[0].x, run[0].y, 3.5);
    }
    if (!d.empty()) svg.empty("path", {{"class", s.dashed ? "kb-plot-line dashed" : "kb-plot-line"}, {"d", d}});
    if (!dots.empty()) svg.empty("path", {{"class", "kb-plot-points"}, {"d", dots}});
    svg.close("g");
  }
  plot.end_data();
  std::string desc = "Area chart" + axis_words(o) + ", " + std::to_string(chart.series.size()) +
                     (chart.series.size() == 1 ? " curve:" : " curves:") + describe_series(chart.series) + ".";
  if (chart.diagonal) desc += " The dashed diagonal y = x marks chance.";
  if (!o.note.empty()) desc += " " + o.note + ".";
  if (chart.series.empty()) desc = "Area chart with no data.";
  return plot.finish(chart.unit_square && chart.diagonal ? "roc" : "area", desc, "Area chart");
}

AreaChart roc_chart(const std::vector<double>& fpr, const std::vector<double>& tpr, double auc,
                    const std::string& title) {
  AreaChart chart;
  chart.options.title = title;
  chart.options.x.label = "False positive rate";
  chart.options.y.label = "True positive rate";
  chart.options.width = 420;
  chart.options.height = 420;
  if (std::isfinite(auc)) chart.options.note = "AUC = " + format_number(auc, 3);
  chart.series.push_back({"ROC", fpr, tpr, false});
  chart.diagonal = true;
  chart.unit_square = true;
  return chart;
}

}  // namespace kb::plot
