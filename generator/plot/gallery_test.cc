// Not a test that runs by default ([.] hides it): renders one chart of each
// kind into a directory with an HTML page around them, to look at in a
// browser or a headless screenshot:
//   KB_PLOT_GALLERY=/tmp/plots build/kb_plot_tests "[.gallery]"
#include "plot/plot.h"

#include "plot/test_support.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>

using namespace kb::plot;

namespace {

struct Lcg {
  uint64_t s = 2024;
  double uniform() {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<double>(s >> 11) / 9007199254740992.0;
  }
  double normal() {
    const double u = 1 - uniform(), v = uniform();
    return std::sqrt(-2 * std::log(u)) * std::cos(2 * M_PI * v);
  }
};

std::vector<std::pair<std::string, std::string>> gallery() {
  std::vector<std::pair<std::string, std::string>> out;
  Lcg rng;

  {  // k-means clusters with centroids
    ScatterChart c;
    c.options.title = "k-means on 300 points, k = 4";
    c.options.x.label = "x₁";
    c.options.y.label = "x₂";
    const double cx[] = {-4.2, 0.5, 3.8, 1.0}, cy[] = {1.5, -3.1, 2.4, 5.2};
    for (int g = 0; g < 4; ++g) {
      ScatterGroup group;
      group.name = "cluster " + std::to_string(g + 1);
      for (int i = 0; i < 75; ++i) {
        group.x.push_back(cx[g] + rng.normal() * 0.9);
        group.y.push_back(cy[g] + rng.normal() * 0.9);
      }
      group.centroid = Point{cx[g], cy[g]};
      c.groups.push_back(group);
    }
    out.emplace_back("scatter", scatter_svg(c));
  }
  {  // SMOTE before/after: eight groups to show every marker and colour
    ScatterChart c;
    c.options.title = "Every series colour and marker";
    for (int g = 0; g < 8; ++g) {
      ScatterGroup group;
      group.name = "s" + std::to_string(g);
      for (int i = 0; i < 12; ++i) {
        group.x.push_back(i + rng.uniform() * 0.3);
        group.y.push_back(g + rng.uniform() * 0.3);
      }
      c.groups.push_back(group);
    }
    out.emplace_back("markers", scatter_svg(c));
  }
  {  // learning-rate curves, log y
    LineChart c;
    c.options.title = "Gradient descent: loss by learning rate";
    c.options.x.label = "Iteration";
    c.options.y.label = "Mean squared error";
    c.options.y.log = true;
    const double rates[] = {0.001, 0.05, 0.9};
    for (double lr : rates) {
      Series s;
      s.name = "η = " + format_number(lr);
      double loss = 40;
      for (int i = 0; i <= 100; ++i) {
        s.y.push_back(loss + 0.8);
        loss *= lr > 0.5 ? 1.12 : (1 - lr * 1.6);
      }
      c.series.push_back(s);
    }
    c.series[2].dashed = true;
    out.emplace_back("line-log", line_svg(c));
  }
  {  // elbow curve with markers and a reference
    LineChart c;
    c.options.title = "Elbow: inertia against k";
    c.options.x.label = "k";
    c.options.y.label = "Inertia";
    c.options.references.push_back({true, 4, "elbow at k = 4"});
    c.markers = true;
    Series s{"inertia", {1, 2, 3, 4, 5, 6, 7, 8}, {2410, 1302, 688, 241, 214, 190, 171, 158}, false};
    c.series.push_back(s);
    out.emplace_back("line-elbow", line_svg(c));
  }
  {  // L1 path
    LineChart c;
    c.options.title = "Lasso path";
    c.options.x.label = "log₁₀ λ";
    c.options.y.label = "Coefficient";
    for (int f = 0; f < 5; ++f) {
      Series s;
      s.name = "x" + std::to_string(f + 1);
      for (int i = 0; i <= 40; ++i) {
        const double l = -3 + i * 0.1;
        s.x.push_back(l);
        const double w = (f - 2) * 1.3 + 0.4;
        s.y.push_back(std::max(0.0, 1 - std::pow(10, l) / (f + 1) / 3) * w);
      }
      c.series.push_back(s);
    }
    out.emplace_back("line-path", line_svg(c));
  }
  {  // ROC
    std::vector<double> fpr = {0}, tpr = {0};
    double f = 0, t = 0;
    while (f < 1 || t < 1) {
      if (rng.uniform() < 0.68 && t < 1) t = std::min(1.0, t + 0.05);
      else f = std::min(1.0, f + 0.05);
      fpr.push_back(f);
      tpr.push_back(t);
    }
    out.emplace_back("roc", area_svg(roc_chart(fpr, tpr, 0.8733)));
  }
  {  // grouped bars
    BarChart c;
    c.options.title = "Precision, recall and F1 by class";
    c.options.y.label = "Score";
    c.options.y.min = 0;
    c.options.y.max = 1;
    c.categories = {"setosa", "versicolor", "virginica"};
    c.series = {{"precision", {1, 0.92, 0.88}}, {"recall", {1, 0.86, 0.93}}, {"F1", {1, 0.89, 0.9}}};
    c.show_values = true;
    out.emplace_back("bar", bar_svg(c));
  }
  {  // bars with negative values and long labels
    BarChart c;
    c.options.title = "Logistic regression coefficients";
    c.categories = {"account_age_days", "monthly_charges", "support_calls", "contract_two_year",
                    "paperless_billing", "tenure_months"};
    c.series = {{"coefficient", {0.42, 1.35, 0.88, -1.72, 0.21, -0.95}}};
    c.options.references.push_back({false, 0, ""});
    out.emplace_back("bar-negative", bar_svg(c));
  }
  {  // histogram with the normal pdf over it
    HistogramChart c;
    c.options.title = "1,000 draws from N(2, 1.5²)";
    c.options.x.label = "x";
    HistogramSeries s{"samples", {}, {}, {}};
    for (int i = 0; i < 1000; ++i) s.values.push_back(2 + 1.5 * rng.normal());
    c.series.push_back(s);
    c.density = true;
    Series pdf{"N(2, 1.5²) density", {}, {}, false};
    for (int i = 0; i <= 120; ++i) {
      const double x = -4 + i * 0.1;
      pdf.x.push_back(x);
      pdf.y.push_back(std::exp(-(x - 2) * (x - 2) / (2 * 2.25)) / (1.5 * std::sqrt(2 * M_PI)));
    }
    c.curves.push_back(pdf);
    out.emplace_back("histogram", histogram_svg(c));
  }
  {  // Poisson counts: integer bins
    HistogramChart c;
    c.options.title = "Poisson(λ = 3) samples";
    c.options.x.label = "k";
    HistogramSeries s{"λ = 3", {}, {}, {}};
    for (int i = 0; i < 400; ++i) {
      double p = std::exp(-3.0), cdf = p, u = rng.uniform();
      int k = 0;
      while (u > cdf && k < 30) p *= 3.0 / ++k, cdf += p;
      s.values.push_back(k);
    }
    c.series.push_back(s);
    out.emplace_back("histogram-int", histogram_svg(c));
  }
  {  // correlation heatmap
    HeatmapChart c;
    c.options.title = "Feature correlations";
    const std::vector<std::string> names = {"age", "income", "tenure", "calls", "charges", "churn"};
    c.row_labels = c.column_labels = names;
    const size_t n = names.size();
    c.values.assign(n, std::vector<double>(n, 0));
    const double base[6][6] = {{1, .42, .61, -.1, .2, -.35},   {.42, 1, .3, -.05, .55, -.2}, {.61, .3, 1, -.22, .1, -.58},
                               {-.1, -.05, -.22, 1, .12, .47}, {.2, .55, .1, .12, 1, .26},   {-.35, -.2, -.58, .47, .26, 1}};
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; j < n; ++j) c.values[i][j] = base[i][j];
    c.digits = 2;
    out.emplace_back("heatmap", heatmap_svg(c));
  }
  {  // TF-IDF-like non-negative heatmap with long labels
    HeatmapChart c;
    c.options.title = "TF-IDF weights";
    c.options.x.label = "Term";
    c.options.y.label = "Document";
    c.row_labels = {"doc 1", "doc 2", "doc 3", "doc 4"};
    c.column_labels = {"kinesis", "firehose", "parquet", "sagemaker", "endpoint", "glue", "crawler", "athena"};
    for (int r = 0; r < 4; ++r) {
      c.values.emplace_back();
      for (int k = 0; k < 8; ++k) c.values.back().push_back(rng.uniform() < 0.4 ? 0 : rng.uniform() * 0.7);
    }
    out.emplace_back("heatmap-tfidf", heatmap_svg(c));
  }
  {  // confusion matrix
    ConfusionChart c;
    c.options.title = "Confusion matrix, 3 classes";
    c.labels = {"setosa", "versicolor", "virginica"};
    c.counts = {{50, 0, 0}, {0, 43, 7}, {0, 4, 46}};
    out.emplace_back("confusion", confusion_svg(c));
  }
  {  // binary confusion matrix
    ConfusionChart c;
    c.options.title = "Fraud detector at threshold 0.5";
    c.labels = {"legit", "fraud"};
    c.counts = {{9412, 88}, {37, 463}};
    out.emplace_back("confusion-binary", confusion_svg(c));
  }
  {  // decision tree
    TreeDiagram t;
    t.options.title = "Decision tree, Gini, max depth 3";
    t.colour_names = {"setosa", "versicolor", "virginica"};
    int leaf = 0;
    std::function<int(int, const std::string&)> add = [&](int level, const std::string& edge) {
      const int id = static_cast<int>(t.nodes.size());
      t.nodes.emplace_back();
      t.nodes[id].edge_label = edge;
      const int samples = 150 >> level;
      if (level == 3 || (level == 2 && id % 3 == 0)) {
        const int cls = leaf++ % 3;
        t.nodes[id].lines = {t.colour_names[cls], "gini 0." + std::to_string(10 + id * 3), "samples " + std::to_string(samples)};
        t.nodes[id].colour = cls;
        return id;
      }
      t.nodes[id].lines = {"gini 0." + std::to_string(40 + id * 2), "samples " + std::to_string(samples),
                           "[" + std::to_string(samples / 3) + ", " + std::to_string(samples / 3) + ", " +
                               std::to_string(samples - 2 * (samples / 3)) + "]"};
      const std::string f = level % 2 ? "x₄" : "x₃";
      const std::string th = std::to_string(1 + level) + "." + std::to_string(45 + id);
      const int l = add(level + 1, f + " ≤ " + th);
      const int r = add(level + 1, f + " > " + th);
      t.nodes[id].children = {l, r};
      return id;
    };
    add(0, "");
    out.emplace_back("tree", tree_svg(t));
  }
  {  // empty and degenerate data, to see they still look sane
    LineChart flat;
    flat.options.title = "A flat series";
    flat.series.push_back({"constant", {}, std::vector<double>(30, 0.25), false});
    out.emplace_back("line-flat", line_svg(flat));
    ScatterChart empty;
    empty.options.title = "No data";
    out.emplace_back("scatter-empty", scatter_svg(empty));
  }
  return out;
}

}  // namespace

TEST_CASE("gallery", "[.gallery]") {
  const char* env = std::getenv("KB_PLOT_GALLERY");
  const std::filesystem::path dir = env && *env ? env : "/tmp/plots";
  std::filesystem::create_directories(dir);
  const auto charts = gallery();
  const char* style_css = KB_SOURCE_DIR "/assets/style.css";
  for (const char* theme : {"", "dark"}) {
    std::string html = std::string("<!doctype html>\n<html lang=\"en\"") +
                       (*theme ? " data-theme=\"dark\"" : "") +
                       ">\n<head><meta charset=\"utf-8\"><title>kb plots</title>\n<link rel=\"stylesheet\" href=\"file://" +
                       style_css + "\">\n<style>\n" + plot_css() +
                       "\nbody { padding: 1rem; }\n.grid { display: grid; grid-template-columns: repeat(3, 1fr); gap: 1.5rem 1rem; align-items: start; }\n"
                       "figure { margin: 0; }\n</style></head>\n<body>\n<div class=\"grid\">\n";
    for (const auto& [name, svg] : charts) {
      html += "<figure>" + svg + "<figcaption>" + name + "</figcaption></figure>\n";
    }
    html += "</div>\n</body>\n</html>\n";
    std::ofstream(dir / (*theme ? "index-dark.html" : "index.html")) << html;
  }
  for (const auto& [name, svg] : charts) {
    CHECK(kb::plot::testing::xml_error(svg) == "");
    // On its own a file needs its stylesheet inside (what embed_css does).
    std::string file = svg;
    const size_t at = file.find("</desc>") + 7;
    file.insert(at, "<style>" + plot_css() + "</style>");
    std::ofstream(dir / (name + ".svg")) << file;
  }
}
