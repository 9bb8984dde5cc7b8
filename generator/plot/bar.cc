#include "plot/bar.h"

#include "plot/format.h"
#include "plot/frame.h"

#include <algorithm>
#include <cmath>

namespace kb::plot {

using namespace internal;

std::string bar_svg(const BarChart& chart) {
  const ChartOptions& o = chart.options;
  size_t n = chart.categories.size();
  if (n == 0) {
    for (const BarSeries& s : chart.series) n = std::max(n, s.values.size());
  }
  std::vector<std::string> categories = chart.categories;
  for (size_t i = categories.size(); i < n; ++i) categories.push_back(std::to_string(i + 1));
  if (categories.empty()) categories.push_back("");  // no data: one empty band

  std::vector<double> ys = reference_values(o, false);
  ys.push_back(0);
  for (const BarSeries& s : chart.series) {
    for (size_t i = 0; i < std::min(n, s.values.size()); ++i) ys.push_back(s.values[i]);
  }
  Axis ya = o.y;
  ya.log = false;
  XYSetup setup;
  setup.y = axis_ticks(ya, ys);
  setup.categories = categories;
  for (size_t i = 0; i < chart.series.size(); ++i) {
    const BarSeries& s = chart.series[i];
    setup.legend.push_back({s.name.empty() ? "series " + std::to_string(i + 1) : s.name, static_cast<int>(i),
                            Swatch::kBox, 0});
  }
  XYPlot plot(o, setup);
  Svg& svg = plot.svg();
  plot.begin_data(true);
  const size_t ns = std::max<size_t>(1, chart.series.size());
  const double group = plot.band() * (ns == 1 ? 0.7 : 0.82);
  const double bar = group / ns;
  const double zero = plot.y()(std::clamp(0.0, plot.y().d0, plot.y().d1));
  std::string desc = "Bar chart";
  if (!o.y.label.empty()) desc += " of " + o.y.label;
  if (!o.x.label.empty()) desc += " by " + o.x.label;
  desc += ", " + std::to_string(n) + (n == 1 ? " category" : " categories");
  if (chart.series.size() > 1) desc += ", " + std::to_string(chart.series.size()) + " series";
  desc += ":";
  for (size_t si = 0; si < chart.series.size(); ++si) {
    const BarSeries& s = chart.series[si];
    svg.open("g", {{"class", "kb-plot-bars " + colour_class(static_cast<int>(si))}});
    for (size_t i = 0; i < std::min(n, s.values.size()); ++i) {
      const double v = s.values[i];
      if (!std::isfinite(v)) continue;
      const double x0 = plot.band_centre(i) - group / 2 + bar * si;
      const double yv = plot.y()(std::clamp(v, plot.y().d0, plot.y().d1));
      const double top = std::min(yv, zero), height = std::fabs(yv - zero);
      svg.open("rect", {{"class", "kb-plot-bar"}, {"x", x0}, {"y", top}, {"width", bar}, {"height", height}});
      svg.text("title", {}, categories[i] + (s.name.empty() ? "" : ", " + s.name) + ": " + format_number(v));
      svg.close("rect");
    }
    svg.close("g");
  }
  plot.end_data();
  if (chart.show_values) {
    svg.open("g", {{"class", "kb-plot-values"}, {"font-size", 10.0}, {"text-anchor", "middle"}});
    for (size_t si = 0; si < chart.series.size(); ++si) {
      const BarSeries& s = chart.series[si];
      for (size_t i = 0; i < std::min(n, s.values.size()); ++i) {
        const double v = s.values[i];
        if (!std::isfinite(v) || !plot.y().contains(v)) continue;
        const double cx = plot.band_centre(i) - group / 2 + bar * (si + 0.5);
        const double y = plot.y()(v) + (v >= 0 ? -4 : 12);
        svg.text("text", {{"class", "kb-plot-value"}, {"x", cx}, {"y", y}}, format_number(v, 3));
      }
    }
    svg.close("g");
  }
  for (size_t i = 0; i < n && i < 30; ++i) {
    desc += (i ? "; " : " ") + categories[i];
    for (size_t si = 0; si < chart.series.size(); ++si) {
      const BarSeries& s = chart.series[si];
      const double v = i < s.values.size() ? s.values[i] : NAN;
      desc += (si ? ", " : " ") + (chart.series.size() > 1 ? (s.name.empty() ? "" : s.name + " ") : std::string()) +
              format_number(v);
    }
  }
  if (n > 30) desc += "; and " + std::to_string(n - 30) + " more";
  desc += ".";
  return plot.finish("bar", desc, "Bar chart");
}

std::vector<double> histogram_edges(const std::vector<double>& values, int bins) {
  const std::vector<double> use = finite_values(values);
  if (use.empty()) return {0, 1};
  const auto [mn, mx] = std::minmax_element(use.begin(), use.end());
  const double lo = *mn, hi = *mx;
  std::vector<double> edges;
  if (bins > 0 && hi > lo) {
    bins = std::min(bins, 1000);
    for (int i = 0; i <= bins; ++i) edges.push_back(i == bins ? hi : lo + (hi - lo) * i / bins);
    return edges;
  }
  if (all_integers(use) && hi - lo <= 60) {
    for (double e = lo - 0.5; e <= hi + 0.5 + 1e-9; e += 1) edges.push_back(e);
    return edges;
  }
  if (hi == lo) return {lo - 0.5, hi + 0.5};
  const int sturges = static_cast<int>(std::ceil(std::log2(static_cast<double>(use.size())))) + 1;
  const int target = std::clamp(bins > 0 ? bins : sturges, 2, 50);
  const Ticks t = nice_ticks(lo, hi, target);
  return t.values;
}

namespace {

struct Binned {
  std::string name;
  std::vector<double> edges, heights;
  double total = 0;  // sum of the counts
};

}  // namespace

std::string histogram_svg(const HistogramChart& chart) {
  const ChartOptions& o = chart.options;
  std::vector<double> raw;
  for (const HistogramSeries& s : chart.series) {
    if (s.counts.empty()) raw.insert(raw.end(), s.values.begin(), s.values.end());
  }
  const std::vector<double> shared = histogram_edges(raw, chart.bins);

  std::vector<Binned> binned;
  for (size_t si = 0; si < chart.series.size(); ++si) {
    const HistogramSeries& s = chart.series[si];
    Binned b;
    b.name = s.name.empty() ? "series " + std::to_string(si + 1) : s.name;
    if (!s.counts.empty()) {
      bool ok = s.edges.size() == s.counts.size() + 1;
      for (size_t i = 0; ok && i < s.edges.size(); ++i) {
        ok = std::isfinite(s.edges[i]) && (i == 0 || s.edges[i] > s.edges[i - 1]);
      }
      if (!ok) continue;  // edges that do not fit the counts: left out
      b.edges = s.edges;
      for (double c : s.counts) {
        b.heights.push_back(std::isfinite(c) ? c : 0);
        b.total += b.heights.back();
      }
    } else {
      b.edges = shared;
      b.heights.assign(shared.size() - 1, 0);
      for (double v : s.values) {
        if (!std::isfinite(v) || v < shared.front() || v > shared.back()) continue;
        size_t k = std::upper_bound(shared.begin(), shared.end(), v) - shared.begin();
        k = std::clamp<size_t>(k, 1, shared.size() - 1) - 1;
        b.heights[k] += 1;
        b.total += 1;
      }
    }
    if (chart.density && b.total > 0) {
      for (size_t i = 0; i < b.heights.size(); ++i) b.heights[i] /= b.total * (b.edges[i + 1] - b.edges[i]);
    }
    binned.push_back(std::move(b));
  }

  std::vector<double> xs = reference_values(o, true), ys = reference_values(o, false);
  ys.push_back(0);
  for (const Binned& b : binned) {
    xs.insert(xs.end(), b.edges.begin(), b.edges.end());
    ys.insert(ys.end(), b.heights.begin(), b.heights.end());
  }
  for (const Series& c : chart.curves) {
    const size_t n = c.x.empty() ? c.y.size() : std::min(c.x.size(), c.y.size());
    for (size_t i = 0; i < n; ++i) {
      xs.push_back(c.x.empty() ? static_cast<double>(i) : c.x[i]);
      ys.push_back(c.y[i]);
    }
  }
  Axis xa = o.x, ya = o.y;
  xa.log = ya.log = false;
  if (ya.label.empty()) ya.label = chart.density ? "Density" : "Count";
  ChartOptions with_labels = o;
  with_labels.y.label = ya.label;
  XYSetup setup;
  setup.x = axis_ticks(xa, xs);
  setup.y = axis_ticks(ya, ys);
  setup.x_grid = false;
  int colour = 0;
  for (const Binned& b : binned) setup.legend.push_back({b.name, colour++, Swatch::kBox, 0});
  for (const Series& c : chart.curves) {
    setup.legend.push_back({c.name.empty() ? "curve" : c.name, colour++, Swatch::kLine, 0, c.dashed});
  }
  XYPlot plot(with_labels, setup);
  Svg& svg = plot.svg();
  plot.begin_data(true);
  const double zero = plot.y()(std::clamp(0.0, plot.y().d0, plot.y().d1));
  const bool overlay = binned.size() > 1;
  std::string desc = std::string("Histogram") + (o.x.label.empty() ? "" : " of " + o.x.label) + ":";
  for (size_t si = 0; si < binned.size(); ++si) {
    const Binned& b = binned[si];
    svg.open("g", {{"class", "kb-plot-bars " + colour_class(static_cast<int>(si))}});
    double peak = -1, peak_at = NAN;
    for (size_t i = 0; i + 1 < b.edges.size(); ++i) {
      const double h = b.heights[i];
      if (h > peak) peak = h, peak_at = (b.edges[i] + b.edges[i + 1]) / 2;
      if (!(h > 0)) continue;
      const double x0 = plot.x()(b.edges[i]), x1 = plot.x()(b.edges[i + 1]);
      const double yv = plot.y()(std::min(h, plot.y().d1));
      svg.open("rect", {{"class", overlay ? "kb-plot-bar overlay" : "kb-plot-bar"}, {"x", x0}, {"y", yv},
                        {"width", std::max(0.0, x1 - x0)}, {"height", std::max(0.0, zero - yv)}});
      svg.text("title", {}, format_number(b.edges[i]) + " to " + format_number(b.edges[i + 1]) + ": " + format_number(h));
      svg.close("rect");
    }
    svg.close("g");
    desc += (si ? "; " : " ") + b.name + ", " + std::to_string(b.edges.size() - 1) + " bins from " +
            format_number(b.edges.front()) + " to " + format_number(b.edges.back()) + ", total " +
            format_number(b.total);
    if (peak > 0) desc += ", highest bin around " + format_number(peak_at, 3);
  }
  for (size_t ci = 0; ci < chart.curves.size(); ++ci) {
    const Series& c = chart.curves[ci];
    std::string d;
    bool pen = false;
    const size_t n = c.x.empty() ? c.y.size() : std::min(c.x.size(), c.y.size());
    for (size_t i = 0; i < n; ++i) {
      const double xv = c.x.empty() ? static_cast<double>(i) : c.x[i], yv = c.y[i];
      if (!std::isfinite(xv) || !std::isfinite(yv)) {
        pen = false;
        continue;
      }
      d += (pen ? "L" : "M") + format_coord(plot.x()(xv)) + "," + format_coord(plot.y()(yv));
      pen = true;
    }
    const int col = static_cast<int>(binned.size() + ci);
    svg.open("g", {{"class", "kb-plot-series " + colour_class(col)}});
    if (!d.empty()) svg.empty("path", {{"class", c.dashed ? "kb-plot-line dashed" : "kb-plot-line"}, {"d", d}});
    svg.close("g");
    desc += "; curve " + (c.name.empty() ? std::string() : c.name + " ") + "over the bars";
  }
  plot.end_data();
  desc += ".";
  if (binned.empty() && chart.curves.empty()) desc = "Histogram with no data.";
  return plot.finish("histogram", desc, "Histogram");
}

}  // namespace kb::plot
