#include "plot/plot.h"

#include "plot/test_support.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <regex>
#include <sstream>

using namespace kb::plot;
using namespace kb::plot::testing;

namespace {

// What every chart must be: well-formed, standalone, accessible, scalable,
// free of colours, and the same bytes every time.
void check_chart(const std::string& svg) {
  INFO(svg.substr(0, 400));
  CHECK(xml_error(svg) == "");
  CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"kb-plot kb-plot-", 0) == 0);
  CHECK(count(svg, "role=\"img\"") == 1);
  CHECK(count(svg, " viewBox=\"0 0 ") == 1);
  const std::string labelled = attr_of(svg, "<svg ", "aria-labelledby");
  const std::string id = labelled.substr(0, labelled.find("-title"));
  CHECK(labelled == id + "-title " + id + "-desc");
  CHECK(count(svg, "<title id=\"" + id + "-title\">") == 1);
  CHECK(count(svg, "<desc id=\"" + id + "-desc\">") == 1);
  CHECK(svg.find("<desc id=\"" + id + "-desc\"></desc>") == std::string::npos);  // never empty
  // No colours: no hex, rgb() or named fills and strokes; classes do it.
  CHECK_FALSE(std::regex_search(svg, std::regex("#[0-9a-fA-F]{3,8}\\b")));
  CHECK(svg.find("rgb(") == std::string::npos);
  CHECK_FALSE(std::regex_search(svg, std::regex(" (fill|stroke|stop-color|color)=\"(?!url\\()")));
  CHECK(svg.find("style=") == std::string::npos);
}

std::string data_layer(const std::string& svg) { return svg.substr(svg.find("class=\"kb-plot-data\"")); }

bool inside(const XY& p, const Rect& r) {
  return p.x >= r.x - 0.05 && p.x <= r.x + r.width + 0.05 && p.y >= r.y - 0.05 && p.y <= r.y + r.height + 0.05;
}

// Deterministic pseudo-random numbers (a plain LCG: the test must not
// depend on <random>'s distributions).
struct Lcg {
  uint64_t s = 12345;
  double next() {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<double>(s >> 11) / 9007199254740992.0;
  }
};

ScatterChart three_blobs() {
  ScatterChart chart;
  chart.options.title = "k-means, k = 3";
  chart.options.x.label = "x₁";
  chart.options.y.label = "x₂";
  Lcg rng;
  const double cx[] = {-3.2, 1.5, 4.1}, cy[] = {2.0, -1.0, 3.5};
  for (int g = 0; g < 3; ++g) {
    ScatterGroup group;
    group.name = "cluster " + std::to_string(g + 1);
    for (int i = 0; i < 50; ++i) {
      group.x.push_back(cx[g] + rng.next() * 2 - 1);
      group.y.push_back(cy[g] + rng.next() * 2 - 1);
    }
    group.centroid = Point{cx[g], cy[g]};
    chart.groups.push_back(group);
  }
  return chart;
}

}  // namespace

TEST_CASE("scatter: groups, legend, centroids, every point inside the plot area") {
  const ScatterChart chart = three_blobs();
  const std::string svg = scatter_svg(chart);
  check_chart(svg);
  CHECK(svg == scatter_svg(chart));
  CHECK(count(svg, "class=\"kb-plot-legend\"") == 1);
  CHECK(count(svg, "class=\"kb-plot-key ") == 3);
  const Rect area = plot_area(svg);
  const auto points = marker_centres(data_layer(svg), "kb-plot-points");
  CHECK(points.size() == 150);
  for (const XY& p : points) CHECK(inside(p, area));
  const auto centres = marker_centres(svg, "kb-plot-centroid");
  CHECK(centres.size() == 3);
  for (const XY& p : centres) CHECK(inside(p, area));
  // Distinct colour classes and marker shapes per group.
  CHECK(count(svg, "kb-plot-points s0") == 1);
  CHECK(count(svg, "kb-plot-points s2") == 1);
  CHECK(svg.find("desc") != std::string::npos);
  CHECK(svg.find("cluster 2 (50 points, centre at 1.5, -1)") != std::string::npos);
}

TEST_CASE("scatter: one group has no legend, NaN points are skipped") {
  ScatterChart chart;
  chart.groups.push_back({"only", {0, 1, std::nan(""), 3}, {0, 1, 2, INFINITY}, std::nullopt});
  const std::string svg = scatter_svg(chart);
  check_chart(svg);
  CHECK(svg.find("kb-plot-legend") == std::string::npos);
  CHECK(marker_centres(data_layer(svg)).size() == 2);
}

TEST_CASE("scatter: points outside fixed axes are left out") {
  ScatterChart chart;
  chart.options.x.min = 0;
  chart.options.x.max = 1;
  chart.groups.push_back({"a", {0.5, 2, -1}, {1, 1, 1}, Point{5, 5}});
  const std::string svg = scatter_svg(chart);
  check_chart(svg);
  CHECK(marker_centres(data_layer(svg)).size() == 1);
  CHECK(marker_centres(svg, "kb-plot-centroid").empty());
}

TEST_CASE("line: several series get a legend, lines stay in the plot area") {
  LineChart chart;
  chart.options.title = "Gradient descent";
  chart.options.x.label = "Iteration";
  chart.options.y.label = "Loss";
  for (double lr : {0.01, 0.1}) {
    Series s;
    s.name = "η = " + format_number(lr);
    for (int i = 0; i <= 50; ++i) s.y.push_back(10 * std::exp(-lr * i) + 0.5);
    chart.series.push_back(s);
  }
  const std::string svg = line_svg(chart);
  check_chart(svg);
  CHECK(count(svg, "class=\"kb-plot-legend\"") == 1);
  CHECK(count(svg, "class=\"kb-plot-key ") == 2);
  const Rect area = plot_area(svg);
  const auto vertices = path_vertices(data_layer(svg), "kb-plot-line");
  CHECK(vertices.size() == 102);
  for (const XY& p : vertices) CHECK(inside(p, area));

  chart.series.pop_back();
  const std::string one = line_svg(chart);
  check_chart(one);
  CHECK(one.find("kb-plot-legend") == std::string::npos);
}

TEST_CASE("line: log y over 1e-6..1e-3, non-positive values break the line") {
  LineChart chart;
  chart.options.y.log = true;
  chart.series.push_back({"loss", {}, {1e-3, 3e-4, 1e-4, 0, 2e-5, 1e-6, -1, 5e-6}, false});
  const std::string svg = line_svg(chart);
  check_chart(svg);
  const std::vector<std::string> labels = texts(svg);
  for (const char* want : {"10⁻⁶", "10⁻⁵", "10⁻⁴", "10⁻³"}) {
    CHECK(std::find(labels.begin(), labels.end(), want) != labels.end());
  }
  const std::string d = attr_of(data_layer(svg), "class=\"kb-plot-line\"", "d");
  CHECK(count(d, "M") == 2);  // 1e-3..1e-4, then 2e-5..1e-6 (0 and -1 cut it)
  CHECK(marker_centres(data_layer(svg)).size() == 1);  // 5e-6 alone: a marker
  const Rect area = plot_area(svg);
  for (const XY& p : path_vertices(data_layer(svg), "kb-plot-line")) CHECK(inside(p, area));
}

TEST_CASE("line: a flat series gets a sensible axis") {
  LineChart chart;
  chart.series.push_back({"flat", {}, std::vector<double>(20, 5.0), false});
  const std::string svg = line_svg(chart);
  check_chart(svg);
  const std::vector<std::string> labels = texts(svg);
  CHECK(std::find(labels.begin(), labels.end(), "5.0") != labels.end());
  const Rect area = plot_area(svg);
  const auto v = path_vertices(data_layer(svg), "kb-plot-line");
  REQUIRE(v.size() == 20);
  CHECK(v[0].y == Approx(area.y + area.height / 2).margin(0.1));  // in the middle, not on an edge

  LineChart zeros;
  zeros.series.push_back({"zero", {}, std::vector<double>(5, 0.0), false});
  check_chart(line_svg(zeros));
}

TEST_CASE("line: fixed ranges clip, markers, dashed, x values and references") {
  LineChart chart;
  chart.options.y.max = 10;
  chart.options.references.push_back({true, 3, "k = 3"});
  chart.options.references.push_back({false, 2.5, ""});
  chart.markers = true;
  chart.series.push_back({"too high", {1, 2, 3, 4, 5}, {1, 4, 16, 256, 65536}, true});
  const std::string svg = line_svg(chart);
  check_chart(svg);
  CHECK(svg.find("clip-path=\"url(#kbp-") != std::string::npos);
  CHECK(count(svg, "class=\"kb-plot-ref\"") == 2);
  CHECK(svg.find(">k = 3</text>") != std::string::npos);
  CHECK(svg.find("kb-plot-line dashed") != std::string::npos);
  CHECK(marker_centres(data_layer(svg)).size() == 2);  // 16, 256 and 65536 lie above the fixed axis
  CHECK(svg.find(">10</text>") != std::string::npos);  // the axis ends where it was told
}

TEST_CASE("every chart draws empty data without crashing") {
  check_chart(scatter_svg({}));
  check_chart(line_svg({}));
  check_chart(area_svg({}));
  check_chart(bar_svg({}));
  check_chart(histogram_svg({}));
  check_chart(heatmap_svg({}));
  check_chart(confusion_svg({}));
  check_chart(tree_svg({}));
  LineChart nan_only;
  nan_only.series.push_back({"nan", {}, {std::nan(""), std::nan("")}, false});
  check_chart(line_svg(nan_only));
  HistogramChart one_value;
  one_value.series.push_back({"x", {2.5, 2.5, 2.5}, {}, {}});
  check_chart(histogram_svg(one_value));
  HeatmapChart ragged;
  ragged.values = {{1, 2, 3}, {}, {std::nan(""), 4}};
  check_chart(heatmap_svg(ragged));
  BarChart bad;
  bad.series.push_back({"b", {std::nan(""), INFINITY}});
  check_chart(bar_svg(bad));
}

TEST_CASE("labels are escaped everywhere") {
  const std::string nasty = "a < b & \"c\" 'd' \x01";
  ChartOptions o;
  o.title = nasty;
  o.description = nasty;
  o.x.label = nasty;
  o.y.label = nasty;
  o.note = nasty;
  o.references.push_back({true, 0.5, nasty});

  ScatterChart scatter{o, {{nasty, {0, 1}, {0, 1}, std::nullopt}, {nasty, {1}, {0}, std::nullopt}}};
  LineChart line{o, {{nasty, {}, {1, 2}, false}, {nasty, {}, {2, 1}, false}}, false};
  AreaChart area{o, {{nasty, {}, {1, 2}, false}}, true, true, true};
  BarChart bar{o, {nasty, nasty}, {{nasty, {1, 2}}, {nasty, {2, 1}}}, true};
  HistogramChart histogram{o, {{nasty, {1, 2, 2, 3}, {}, {}}}, 0, false, {{nasty, {1, 3}, {0, 1}, false}}};
  HeatmapChart heatmap{o, {{1, -1}}, {nasty}, {nasty, nasty}, true, 3, kAuto, kAuto};
  ConfusionChart confusion{o, {nasty, nasty}, {{3, 1}, {0, 4}}, true};
  TreeDiagram tree{o, {{{nasty}, {1}, nasty, 0}, {{nasty}, {}, nasty, 1}}, 0, {nasty, nasty}};
  for (const std::string& svg :
       {scatter_svg(scatter), line_svg(line), area_svg(area), bar_svg(bar), histogram_svg(histogram),
        heatmap_svg(heatmap), confusion_svg(confusion), tree_svg(tree)}) {
    check_chart(svg);
    CHECK(svg.find("a &lt; b &amp; &quot;c&quot; &#39;d&#39;") != std::string::npos);
    CHECK(svg.find("a < b") == std::string::npos);
  }
}

TEST_CASE("area: a ROC curve with its diagonal and AUC") {
  AreaChart roc = roc_chart({0, 0, 0.1, 0.3, 0.6, 1}, {0, 0.4, 0.7, 0.9, 0.95, 1}, 0.8725);
  const std::string svg = area_svg(roc);
  check_chart(svg);
  CHECK(svg.find("kb-plot kb-plot-roc") != std::string::npos);
  CHECK(count(svg, "kb-plot-diagonal") == 1);
  CHECK(count(svg, "class=\"kb-plot-fill\"") == 1);
  CHECK(svg.find(">AUC = 0.873</text>") != std::string::npos);
  CHECK(svg.find("kb-plot-legend") == std::string::npos);
  const Rect area = plot_area(svg);
  const auto diagonal = path_vertices(svg, "kb-plot-ref kb-plot-diagonal");
  REQUIRE(diagonal.size() == 2);
  CHECK(diagonal[0].x == Approx(area.x));
  CHECK(diagonal[0].y == Approx(area.y + area.height));
  CHECK(diagonal[1].x == Approx(area.x + area.width));
  CHECK(diagonal[1].y == Approx(area.y));
  for (const XY& p : path_vertices(data_layer(svg), "kb-plot-line")) CHECK(inside(p, area));
  // Two models: a legend, with the chance line in it.
  roc.series.push_back({"model B", {0, 0.5, 1}, {0, 0.6, 1}, true});
  const std::string two = area_svg(roc);
  check_chart(two);
  CHECK(count(two, "class=\"kb-plot-key ") == 3);
}

TEST_CASE("bar: one bar per category and series, negatives below zero") {
  BarChart chart;
  chart.options.title = "Coefficients";
  chart.categories = {"age", "income", "tenure"};
  chart.series.push_back({"L1", {0.5, -1.25, 0}});
  chart.series.push_back({"L2", {0.75, -0.5, 0.25}});
  chart.show_values = true;
  const std::string svg = bar_svg(chart);
  check_chart(svg);
  CHECK(count(data_layer(svg), "<rect class=\"kb-plot-bar\"") == 6);
  CHECK(count(svg, "class=\"kb-plot-key ") == 2);
  CHECK(svg.find(">-1.25</text>") != std::string::npos);
  CHECK(svg.find(">income</text>") != std::string::npos);
  // The zero line: the tick labelled 0 exists, so bars hang from it.
  const std::vector<std::string> labels = texts(svg);
  CHECK(std::find(labels.begin(), labels.end(), "0.0") != labels.end());

  BarChart long_labels;
  for (int i = 0; i < 8; ++i) long_labels.categories.push_back("a long category name " + std::to_string(i));
  long_labels.series.push_back({"v", {1, 2, 3, 4, 5, 6, 7, 8}});
  const std::string rotated = bar_svg(long_labels);
  check_chart(rotated);
  CHECK(rotated.find("rotate(-45") != std::string::npos);
}

TEST_CASE("histogram: computed bins cover the data, densities integrate to 1") {
  Lcg rng;
  std::vector<double> values;
  for (int i = 0; i < 500; ++i) values.push_back(rng.next() * 7.3 - 2.1);
  const std::vector<double> edges = histogram_edges(values, 0);
  REQUIRE(edges.size() >= 3);
  CHECK(edges.front() <= -2.1);
  CHECK(edges.back() >= 5.1);
  const std::vector<double> exact = histogram_edges(values, 7);
  CHECK(exact.size() == 8);
  const std::vector<double> integers = histogram_edges({0, 1, 1, 2, 5}, 0);
  CHECK(integers == std::vector<double>{-0.5, 0.5, 1.5, 2.5, 3.5, 4.5, 5.5});

  HistogramChart chart;
  chart.options.x.label = "value";
  chart.series.push_back({"samples", values, {}, {}});
  const std::string svg = histogram_svg(chart);
  check_chart(svg);
  CHECK(svg.find(">Count</text>") != std::string::npos);
  CHECK(svg.find("total 500") != std::string::npos);

  chart.density = true;
  chart.curves.push_back({"pdf", {-2.1, 5.2}, {1 / 7.3, 1 / 7.3}, false});
  const std::string dens = histogram_svg(chart);
  check_chart(dens);
  CHECK(dens.find(">Density</text>") != std::string::npos);
  CHECK(count(dens, "class=\"kb-plot-key ") == 2);

  HistogramChart given;
  given.series.push_back({"given", {}, {0, 1, 2, 4}, {3, 5, 2}});
  given.series.push_back({"bad", {}, {0, 1}, {3, 5}});  // edges do not fit: left out
  const std::string g = histogram_svg(given);
  check_chart(g);
  CHECK(count(data_layer(g), "<rect class=\"kb-plot-bar\"") == 3);
}

TEST_CASE("heatmap: cells, labels, a colour scale, diverging around 0") {
  HeatmapChart chart;
  chart.options.title = "Correlation";
  chart.values = {{1, 0.8, -0.3}, {0.8, 1, -0.6}, {-0.3, -0.6, 1}};
  chart.row_labels = chart.column_labels = {"a", "b", "c"};
  const std::string svg = heatmap_svg(chart);
  check_chart(svg);
  CHECK(count(svg, "<rect class=\"kb-plot-cell\"") + count(svg, "<rect class=\"kb-plot-cell neg\"") == 9);
  CHECK(count(svg, "<rect class=\"kb-plot-cell neg\"") == 4);
  CHECK(svg.find("linearGradient id=\"kbp-") != std::string::npos);
  CHECK(svg.find("<title>b, c: -0.6</title>") != std::string::npos);
  CHECK(svg.find(">-0.6</text>") != std::string::npos);
  CHECK(svg.find("Largest 1 at a, a; smallest -0.6 at b, c.") != std::string::npos);

  HeatmapChart positive;
  positive.values = {{0, 2}, {4, 8}};
  const std::string p = heatmap_svg(positive);
  check_chart(p);
  CHECK(p.find("kb-plot-cell neg") == std::string::npos);
  CHECK(p.find("fill-opacity=\"1\"") != std::string::npos);     // the largest is full
  CHECK(p.find("fill-opacity=\"0.04\"") != std::string::npos);  // the smallest faint
}

TEST_CASE("confusion: counts with row shares, diagonal and errors apart") {
  ConfusionChart chart;
  chart.options.title = "Confusion matrix";
  chart.labels = {"cat", "dog", "fox"};
  chart.counts = {{42, 5, 3}, {4, 38, 8}, {0, 6, 44}};
  const std::string svg = confusion_svg(chart);
  check_chart(svg);
  CHECK(count(svg, "kb-plot-cell good") == 3);
  CHECK(count(svg, "kb-plot-cell bad") == 6);
  CHECK(svg.find(">84%</text>") != std::string::npos);
  CHECK(svg.find(">Predicted</text>") != std::string::npos);
  CHECK(svg.find(">Actual</text>") != std::string::npos);
  CHECK(svg.find("Accuracy 0.827 (124 of 150)") != std::string::npos);
}

TEST_CASE("embed_css puts the stylesheet inside, and ids can be chosen") {
  LineChart chart;
  chart.options.embed_css = true;
  chart.options.id = "demo-7";
  chart.series.push_back({"a", {}, {1, 2, 3}, false});
  const std::string svg = line_svg(chart);
  CHECK(xml_error(svg) == "");
  CHECK(svg.find("<style>") != std::string::npos);
  CHECK(svg.find("aria-labelledby=\"demo-7-title demo-7-desc\"") != std::string::npos);
}

TEST_CASE("plot_css themes light and dark and every class the charts use") {
  const std::string& css = plot_css();
  CHECK(css.find("@media (prefers-color-scheme: dark)") != std::string::npos);
  CHECK(css.find(":root:not([data-theme=\"light\"])") != std::string::npos);
  CHECK(css.find(":root[data-theme=\"dark\"]") != std::string::npos);
  for (int i = 0; i < 8; ++i) CHECK(css.find(".s" + std::to_string(i) + " {") != std::string::npos);
  CHECK(css.find("<") == std::string::npos);  // safe inside <style>
  // Every kb-plot-… class in the charts is styled or documented structure.
  const std::string all = scatter_svg(three_blobs()) + area_svg(roc_chart({0, 1}, {0, 1}, 0.5)) +
                          heatmap_svg(HeatmapChart{{}, {{1, -1}}, {}, {}, true, 3, kAuto, kAuto});
  const std::regex cls("class=\"([^\"]*)\"");
  for (std::sregex_iterator it(all.begin(), all.end(), cls), end; it != end; ++it) {
    const std::string list = (*it)[1];
    std::istringstream words(list);
    for (std::string w; words >> w;) {
      if (w.rfind("kb-plot-", 0) != 0) continue;
      const bool structural = w == "kb-plot-data" || w == "kb-plot-legend" || w == "kb-plot-key" ||
                              w == "kb-plot-refs" || w == "kb-plot-series" || w == "kb-plot-cells" ||
                              w == "kb-plot-cell-texts" || w == "kb-plot-scatter" || w == "kb-plot-roc" ||
                              w == "kb-plot-heatmap" || w == "kb-plot-diagonal" || w == "kb-plot-scale" ||
                              w == "kb-plot-axis-title" || w == "kb-plot-axis";
      if (!structural) CHECK(css.find("." + w) != std::string::npos);
    }
  }
}

TEST_CASE("junk data never breaks a chart") {
  Lcg rng;
  const double junk[] = {std::nan(""), INFINITY, -INFINITY, 1e308, -1e308, 0, -0.0, 5e-324, 1e-300, 42};
  auto value = [&]() {
    const double u = rng.next();
    return u < 0.5 ? junk[static_cast<int>(rng.next() * 10)] : rng.next() * 10 - 5;
  };
  auto values = [&](int n) {
    std::vector<double> v;
    for (int i = 0; i < n; ++i) v.push_back(value());
    return v;
  };
  for (int round = 0; round < 40; ++round) {
    const int n = static_cast<int>(rng.next() * 12);
    ChartOptions o;
    o.x.log = round % 3 == 0;
    o.y.log = round % 2 == 0;
    if (round % 5 == 0) o.y.min = value(), o.y.max = value();
    if (round % 7 == 0) o.width = value(), o.height = value();
    o.references.push_back({round % 2 == 0, value(), "r"});
    check_chart(scatter_svg({o, {{"a", values(n), values(n), Point{value(), value()}}, {"b", values(n), {}, std::nullopt}}}));
    check_chart(line_svg({o, {{"a", values(n), values(n), false}, {"b", {}, values(n), true}}, round % 2 == 1}));
    check_chart(area_svg({o, {{"a", values(n), values(n), false}}, true, round % 2 == 0, round % 4 == 0}));
    check_chart(bar_svg({o, {"x", "y"}, {{"a", values(n)}}, true}));
    check_chart(histogram_svg({o, {{"h", values(n), {}, {}}, {"g", {}, values(n + 1), values(n)}},
                               static_cast<int>(rng.next() * 5), round % 2 == 0, {{"c", values(n), values(n), false}}}));
    std::vector<std::vector<double>> m(n % 5, values(n % 4));
    check_chart(heatmap_svg({o, m, {}, {}, true, 3, round % 3 ? kAuto : value(), kAuto}));
    check_chart(confusion_svg({o, {"p", "q"}, m, true}));
  }
}

TEST_CASE("a small matrix widens to its title and keeps it on one line") {
  ConfusionChart c;
  c.options.title = "Confusion matrix (positive = 1)";
  c.labels = {"0", "1"};
  c.counts = {{50, 3}, {7, 40}};
  const std::string svg = confusion_svg(c);
  check_chart(svg);
  size_t titles = 0;
  for (size_t at = svg.find("class=\"kb-plot-title\""); at != std::string::npos;
       at = svg.find("class=\"kb-plot-title\"", at + 1))
    ++titles;
  CHECK(titles == 1);
}
