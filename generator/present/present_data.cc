// Views of the data generators and of the preparation kernels (imputing,
// encoding, binning, scaling, resampling, splitting): what the data looks
// like, and what a preparation step did to it.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "present/present_internal.h"

namespace kb::present::internal {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr size_t kTableRows = 20;  // rows of long data shown in tables
constexpr size_t kStripRows = 100; // rows of a split drawn as a strip

// The first `width` names of the result's "columns" (the rest, x1…xd).
std::vector<std::string> feature_names(const Node& r, size_t width) {
  std::vector<std::string> cols;
  if (r.has("columns")) cols = r.strs("columns");
  std::vector<std::string> out;
  for (size_t c = 0; c < width; ++c) out.push_back(c < cols.size() ? cols[c] : "x" + std::to_string(c + 1));
  return out;
}

size_t width_of(const std::vector<std::vector<double>>& rows) {
  size_t w = 0;
  for (const auto& r : rows) w = std::max(w, r.size());
  return w;
}

// Label value -> how many rows carry it, ascending.
std::map<double, size_t> label_counts(const std::vector<double>& labels) {
  std::map<double, size_t> out;
  for (double l : labels) {
    if (std::isfinite(l)) ++out[l];
  }
  return out;
}

void counts_table(Builder& b, const std::string& caption, const std::string& what,
                  const std::vector<double>& labels) {
  const auto counts = label_counts(labels);
  Table& t = b.table(caption, {what, "rows", "share"});
  const double n = static_cast<double>(labels.size());
  for (const auto& [l, c] : counts) t.rows.push_back({label_text(l), fmt_int(c), percent(c / n)});
}

// The q-quantile of sorted values (linear interpolation).
double quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return kNaN;
  const double pos = q * static_cast<double>(sorted.size() - 1);
  const size_t lo = static_cast<size_t>(std::floor(pos));
  const size_t hi = std::min(sorted.size() - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - static_cast<double>(lo));
}

std::vector<double> finite_sorted(const std::vector<double>& v) {
  std::vector<double> out;
  for (double d : v) {
    if (std::isfinite(d)) out.push_back(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

double mean_of(const std::vector<double>& v) {
  double s = 0;
  size_t n = 0;
  for (double d : v) {
    if (std::isfinite(d)) {
      s += d;
      ++n;
    }
  }
  return n ? s / static_cast<double>(n) : kNaN;
}

double sd_of(const std::vector<double>& v) {  // population
  const double m = mean_of(v);
  double s = 0;
  size_t n = 0;
  for (double d : v) {
    if (std::isfinite(d)) {
      s += (d - m) * (d - m);
      ++n;
    }
  }
  return n ? std::sqrt(s / static_cast<double>(n)) : kNaN;
}

plot::HistogramSeries raw_series(std::string name, const std::vector<double>& values) {
  plot::HistogramSeries s;
  s.name = std::move(name);
  for (double v : values) {
    if (std::isfinite(v)) s.values.push_back(v);
  }
  return s;
}

// A row index list as text: "0, 3, 7, … (30 rows)".
std::string rows_text(const std::vector<double>& rows, size_t max = 12) {
  std::vector<std::string> parts;
  for (size_t i = 0; i < rows.size() && i < max; ++i) parts.push_back(fmt_int(rows[i]));
  std::string s = join(parts);
  if (rows.size() > max) s += ", …";
  return s;
}

// Rows × set membership as a strip: one heatmap row per set, one column per
// data row (the first kStripRows), shaded where the row belongs to the set.
void membership_strip(Builder& b, const std::string& title, size_t n, const std::vector<std::string>& sets,
                      const std::vector<std::vector<double>>& members, const std::string& caption) {
  const size_t shown = std::min(n, kStripRows);
  plot::HeatmapChart h;
  h.options = b.chart(title, "Row");
  h.options.width = 720;
  h.options.height = 60 + 40.0 * static_cast<double>(sets.size());
  h.row_labels = sets;
  const size_t every = shown > 40 ? 10 : shown > 20 ? 5 : 1;
  for (size_t c = 0; c < shown; ++c) h.column_labels.push_back(c % every == 0 ? std::to_string(c) : "");
  for (const auto& m : members) {
    std::vector<double> row(shown, kNaN);
    for (double r : m) {
      if (std::isfinite(r) && r >= 0 && r < static_cast<double>(shown)) row[static_cast<size_t>(r)] = 1;
    }
    h.values.push_back(std::move(row));
  }
  h.show_values = false;
  h.min = 0;
  h.max = 1;
  std::string cap = caption;
  if (shown < n) cap += " The first " + std::to_string(shown) + " of " + std::to_string(n) + " rows.";
  b.figure(plot::heatmap_svg(h), cap);
}

// Many rows as a grid, kPerLine to a line: each cell is one data row and
// shows the code of the set it belongs to (1, 2, …), shaded by it. A strip
// of 100 rows would shrink to illegible cells.
void waffle(Builder& b, const std::string& title, const std::vector<double>& code, size_t n,
            const std::string& caption) {
  constexpr size_t kPerLine = 20, kMaxLines = 25;
  const size_t shown = std::min(n, kPerLine * kMaxLines);
  const size_t lines = (shown + kPerLine - 1) / kPerLine;
  plot::HeatmapChart h;
  h.options = b.chart(title, "Row = line start + offset");
  h.options.width = 700;
  h.options.height = 130 + 32.0 * static_cast<double>(lines);
  double top = 1;
  for (size_t l = 0; l < lines; ++l) {
    h.row_labels.push_back("row " + std::to_string(l * kPerLine));
    std::vector<double> row;
    for (size_t c = 0; c < kPerLine; ++c) {
      const size_t i = l * kPerLine + c;
      const double v = i < shown && i < code.size() ? code[i] : kNaN;
      if (std::isfinite(v)) top = std::max(top, v);
      row.push_back(v);
    }
    h.values.push_back(std::move(row));
  }
  for (size_t c = 0; c < kPerLine; ++c) h.column_labels.push_back("+" + std::to_string(c));
  h.digits = 2;
  h.min = 0;
  h.max = top;
  std::string cap = caption;
  if (shown < n) cap += " The first " + std::to_string(shown) + " of " + std::to_string(n) + " rows.";
  b.figure(plot::heatmap_svg(h), cap);
}

// ---- data generators ----

void blobs(Builder& b) {
  const auto x = b.r().matrix("x");
  const auto labels = b.r().nums("labels");
  const auto centers = b.r().matrix("centers");
  const size_t width = width_of(x);
  const auto features = feature_names(b.r(), width);
  add_labelled_scatter(b, x, labels, features, "cluster ", titled(b, "Gaussian blobs", {"n", "centers", "cluster_std"}),
                       "Colour and shape: the cluster a point was drawn from; the large outlined markers are the "
                       "true centres.",
                       &centers);
  std::vector<std::string> cols = {"cluster", "points"};
  const size_t dims = std::min<size_t>(width, 6);
  for (size_t c = 0; c < dims; ++c) cols.push_back("centre " + features[c]);
  Table& t = b.table("True centres and cluster sizes", cols);
  const auto counts = label_counts(labels);
  for (size_t k = 0; k < centers.size(); ++k) {
    const auto it = counts.find(static_cast<double>(k));
    std::vector<std::string> row = {std::to_string(k), fmt_int(it == counts.end() ? 0 : it->second)};
    for (size_t c = 0; c < dims; ++c) row.push_back(c < centers[k].size() ? fmt(centers[k][c]) : "–");
    t.rows.push_back(std::move(row));
  }
  b.fact("Points", fmt_int(static_cast<double>(x.size())));
  b.fact("Clusters", fmt_int(static_cast<double>(centers.size())));
  b.fact("Features", fmt_int(static_cast<double>(width)));
}

void moons(Builder& b) {
  const auto x = b.r().matrix("x");
  const auto labels = b.r().nums("labels");
  add_labelled_scatter(b, x, labels, feature_names(b.r(), width_of(x)), "class ",
                       titled(b, "Two moons", {"n", "noise"}),
                       "Two classes no straight line can separate: a test for non-linear models.");
  counts_table(b, "Rows per class", "class", labels);
  b.fact("Points", fmt_int(static_cast<double>(x.size())));
  if (!b.param("noise").empty()) b.fact("Noise (sd)", b.param("noise"));
}

void linear(Builder& b) {
  const auto x = b.r().matrix("x");
  const auto y = b.r().nums("y");
  const auto coef = b.r().nums("true_coefficients");
  const double intercept = b.r().num("true_intercept");
  const size_t width = width_of(x);
  const auto features = feature_names(b.r(), width);
  plot::ChartOptions o = b.chart(titled(b, "A noisy linear relation", {"n", "noise"}));
  o.x.label = features.empty() ? "x1" : features[0];
  o.y.label = "y";
  const std::vector<size_t> keep = thin(x.size(), 3000);
  PointSet pts{"data", {}, {}};
  for (size_t i : keep) {
    if (x[i].empty() || i >= y.size()) continue;
    pts.x.push_back(x[i][0]);
    pts.y.push_back(y[i]);
  }
  std::vector<plot::Series> lines;
  std::string caption = "Each point is a sample; ";
  if (width == 1 && !coef.empty()) {
    const double lo = min_of(pts.x), hi = max_of(pts.x);
    lines.push_back({"true line", {lo, hi}, {intercept + coef[0] * lo, intercept + coef[0] * hi}, false});
    caption += "the line is the relation the noise was added to.";
  } else {
    caption += "y against the first of " + std::to_string(width) + " features (the others add to y too).";
  }
  b.figure(points_and_lines_svg(o, {pts}, lines), caption);
  Table& t = b.table("True coefficients", {"term", "value"});
  t.rows.push_back({"intercept", fmt(intercept)});
  for (size_t c = 0; c < coef.size(); ++c) t.rows.push_back({"slope of " + (c < features.size() ? features[c] : "x" + std::to_string(c + 1)), fmt(coef[c])});
  b.fact("Samples", fmt_int(static_cast<double>(x.size())));
  if (!b.param("noise").empty()) b.fact("Noise (sd)", b.param("noise"));
}

void imbalanced(Builder& b) {
  const auto x = b.r().matrix("x");
  const auto labels = b.r().nums("labels");
  add_labelled_scatter(b, x, labels, feature_names(b.r(), width_of(x)), "class ",
                       titled(b, "Imbalanced classes", {"n", "minority_fraction"}),
                       "Class 1 is the minority: a model that always says 0 is right most of the time.");
  counts_table(b, "Rows per class", "class", labels);
  const auto counts = label_counts(labels);
  size_t minority = labels.size();
  for (const auto& [l, c] : counts) minority = std::min(minority, c);
  b.fact("Points", fmt_int(static_cast<double>(labels.size())));
  if (!labels.empty()) b.fact("Minority share", percent(static_cast<double>(minority) / labels.size()));
}

void scores(Builder& b) {
  const auto s = b.r().nums("scores");
  const auto labels = b.r().nums("labels");
  std::vector<double> neg, pos;
  for (size_t i = 0; i < s.size() && i < labels.size(); ++i) (labels[i] == 1 ? pos : neg).push_back(s[i]);
  plot::HistogramChart h;
  h.options = b.chart(titled(b, "Classifier scores by label", {"n", "separation"}), "Score", "Rows");
  h.series = {raw_series("label 0", neg), raw_series("label 1", pos)};
  b.figure(plot::histogram_svg(h),
           "Where the two histograms overlap no threshold separates the labels: the ROC curve and AUC measure how much.");
  Table& t = b.table("Scores by label", {"label", "rows", "mean score", "sd"});
  t.rows.push_back({"0", fmt_int(static_cast<double>(neg.size())), fmt(mean_of(neg)), fmt(sd_of(neg))});
  t.rows.push_back({"1", fmt_int(static_cast<double>(pos.size())), fmt(mean_of(pos)), fmt(sd_of(pos))});
  b.fact("Positives", fmt_int(static_cast<double>(pos.size())));
  b.fact("Negatives", fmt_int(static_cast<double>(neg.size())));
}

void classifications(Builder& b) {
  const auto pred = b.r().nums("predictions");
  const auto labels = b.r().nums("labels");
  std::set<double> classes;
  for (double v : pred) {
    if (std::isfinite(v)) classes.insert(v);
  }
  for (double v : labels) {
    if (std::isfinite(v)) classes.insert(v);
  }
  std::vector<double> cls(classes.begin(), classes.end());
  if (cls.size() > 50) cls.resize(50);
  std::map<double, size_t> index;
  for (size_t i = 0; i < cls.size(); ++i) index[cls[i]] = i;
  std::vector<std::vector<double>> m(cls.size(), std::vector<double>(cls.size(), 0));
  size_t right = 0, n = 0;
  for (size_t i = 0; i < pred.size() && i < labels.size(); ++i) {
    const auto a = index.find(labels[i]), p = index.find(pred[i]);
    if (a == index.end() || p == index.end()) continue;
    m[a->second][p->second] += 1;
    ++n;
    if (labels[i] == pred[i]) ++right;
  }
  plot::ConfusionChart c;
  c.options = b.chart("Predictions against labels");
  for (double v : cls) c.labels.push_back(label_text(v));
  c.counts = m;
  b.figure(plot::confusion_svg(c), "Rows: the true class; columns: the prediction. The diagonal is right.");
  Table& t = b.table("Rows per class", {"class", "actual", "predicted"});
  for (size_t i = 0; i < cls.size(); ++i) {
    double a = 0, p = 0;
    for (size_t j = 0; j < cls.size(); ++j) {
      a += m[i][j];
      p += m[j][i];
    }
    t.rows.push_back({label_text(cls[i]), fmt_int(a), fmt_int(p)});
  }
  b.fact("Rows", fmt_int(static_cast<double>(n)));
  if (n) b.fact("Accuracy", rate(static_cast<double>(right) / n));
}

// The tallest bar histogram_svg draws for these raw values and `bins`
// (the same edges, the same rule for the last edge).
double tallest_bin(const std::vector<double>& values, int bins) {
  const std::vector<double> edges = plot::histogram_edges(values, bins);
  if (edges.size() < 2) return 0;
  std::vector<double> counts(edges.size() - 1, 0);
  for (double v : values) {
    if (!std::isfinite(v) || v < edges.front() || v > edges.back()) continue;
    size_t k = static_cast<size_t>(std::upper_bound(edges.begin(), edges.end(), v) - edges.begin());
    k = std::clamp<size_t>(k, 1, edges.size() - 1) - 1;
    counts[k] += 1;
  }
  return *std::max_element(counts.begin(), counts.end());
}

void skewed(Builder& b) {
  const auto v = b.r().nums("values");
  const auto sorted = finite_sorted(v);
  const double mean = mean_of(v), median = quantile(sorted, 0.5);
  plot::HistogramChart h;
  h.options = b.chart(titled(b, "Right-skewed values", {"n", "mu", "sigma"}), "Value", "Rows");
  h.series = {raw_series("values", v)};
  // The median and the mean as dashed lines named in the legend, not as
  // reference labels: the two are often a few pixels apart, and labels
  // written at the lines' tops would print over each other.
  const double top = plot::nice_ticks(0, std::max(1.0, tallest_bin(h.series[0].values, h.bins)), 5, true).hi;
  h.options.y.max = top;
  if (std::isfinite(median)) h.curves.push_back({"median " + fmt(median), {median, median}, {0, top}, true});
  if (std::isfinite(mean)) h.curves.push_back({"mean " + fmt(mean), {mean, mean}, {0, top}, true});
  b.figure(plot::histogram_svg(h),
           "Dashed lines: the median and the mean (named in the legend). A long right tail pulls the mean above the "
           "median; a log transform or quantile bins tame it.");
  Table& t = b.table("Summary", {"statistic", "value"});
  t.rows = {{"minimum", fmt(sorted.empty() ? kNaN : sorted.front())},
            {"25th percentile", fmt(quantile(sorted, 0.25))},
            {"median", fmt(median)},
            {"mean", fmt(mean)},
            {"75th percentile", fmt(quantile(sorted, 0.75))},
            {"maximum", fmt(sorted.empty() ? kNaN : sorted.back())}};
  b.fact("Samples", fmt_int(static_cast<double>(v.size())));
  b.fact("Mean", fmt(mean));
  b.fact("Median", fmt(median));
}

// A series with isolated markers at `times` (their values from `values`).
plot::Series marks(std::string name, const std::vector<double>& t, const std::vector<double>& values,
                   const std::vector<double>& times) {
  plot::Series s;
  s.name = std::move(name);
  for (double at : times) {
    if (!std::isfinite(at) || at < 0 || at >= static_cast<double>(values.size())) continue;
    const size_t i = static_cast<size_t>(at);
    if (!s.x.empty()) {
      s.x.push_back(kNaN);
      s.y.push_back(kNaN);
    }
    s.x.push_back(i < t.size() ? t[i] : at);
    s.y.push_back(values[i]);
  }
  return s;
}

void time_series(Builder& b) {
  const auto t = b.r().nums("t");
  const auto values = b.r().nums("values");
  const auto trend = b.r().nums("trend");
  const auto anomalies = b.r().has("anomalies") ? b.r().nums("anomalies") : std::vector<double>{};
  plot::LineChart c;
  c.options = b.chart(titled(b, "A seasonal time series", {"n", "period", "model"}), "t", "Value");
  c.series.push_back(curve_xy("observed", t, values));
  plot::Series tr = curve_xy("true trend", t, trend);
  tr.dashed = true;
  c.series.push_back(tr);
  if (!anomalies.empty()) c.series.push_back(marks("injected spike", t, values, anomalies));
  b.figure(plot::line_svg(c), "The observed series; the dashed line is the trend it was built on.");
  b.fact("Observations", fmt_int(static_cast<double>(values.size())));
  if (!b.param("period").empty()) b.fact("Period", b.param("period"));
  if (!b.param("model").empty()) b.fact("Model", b.param("model"));
  if (!anomalies.empty()) {
    b.fact("Injected spikes", fmt_int(static_cast<double>(anomalies.size())));
    Table& tab = b.table("Injected spikes", {"t", "value"});
    for (size_t i = 0; i < anomalies.size() && i < kTableRows; ++i) {
      const double at = anomalies[i];
      const bool ok = std::isfinite(at) && at >= 0 && at < static_cast<double>(values.size());
      tab.rows.push_back({fmt_int(at), ok ? fmt(values[static_cast<size_t>(at)]) : "–"});
    }
  }
}

void time_series_components(Builder& b) {
  const auto t = b.r().nums("t");
  struct Part {
    const char* field;
    const char* title;
  };
  const std::string model = b.param("model");
  const Part parts[] = {{"values", "Observed"}, {"trend", "Trend"}, {"seasonal", "Seasonal"}, {"noise", "Noise"}};
  for (const Part& p : parts) {
    const auto y = b.r().nums(p.field);
    plot::LineChart c;
    c.options = b.chart(p.title, "t");
    c.options.height = 200;
    c.series.push_back(curve_xy(p.title, t, y));
    b.figure(plot::line_svg(c));
  }
  b.fact("Model", model.empty() ? "additive" : model);
  b.fact("Observations", fmt_int(static_cast<double>(t.size())));
  b.table("How the parts combine", {"model", "observed"}, false).rows = {
      {model == "multiplicative" ? "multiplicative" : "additive",
       model == "multiplicative" ? "trend × seasonal × noise" : "trend + seasonal + noise"}};
}

void corpus(Builder& b) {
  const auto docs = b.r().strs("documents");
  const auto topics = b.r().nums("topics");
  const auto names = b.r().has("topic_names") ? b.r().strs("topic_names") : std::vector<std::string>{};
  Table& t = b.table(titled(b, "Generated documents", {"documents", "topics", "purity"}), {"#", "topic", "document"},
                     false);
  for (size_t i = 0; i < docs.size() && i < 200; ++i) {
    std::string topic = i < topics.size() ? label_text(topics[i]) : "–";
    if (i < topics.size() && topics[i] >= 0 && topics[i] < static_cast<double>(names.size())) {
      topic = names[static_cast<size_t>(topics[i])];
    }
    t.rows.push_back({std::to_string(i + 1), topic, shorten(docs[i], 240)});
  }
  if (docs.size() > 200) t.caption += " (the first 200 of " + std::to_string(docs.size()) + ")";
  b.fact("Documents", fmt_int(static_cast<double>(docs.size())));
  b.fact("Topics", fmt_int(static_cast<double>(names.size())));
}

// ---- preparation ----

void impute_scatter(Builder& b) {
  const auto filled = b.r().matrix("filled");
  const auto cells = b.r().matrix("cells");
  const size_t width = width_of(filled);
  const Data d = read_data(b.r());
  std::vector<bool> touched(filled.size(), false);
  for (const auto& c : cells) {
    if (c.size() >= 2 && c[0] >= 0 && c[0] < static_cast<double>(filled.size())) touched[static_cast<size_t>(c[0])] = true;
  }
  std::vector<double> flag(filled.size());
  for (size_t i = 0; i < filled.size(); ++i) flag[i] = touched[i] ? 1 : 0;
  const std::string strategy = b.param("strategy");
  GroupedPoints g;
  plot::ScatterChart c;
  c.options = b.chart(titled(b, "Imputed data", {"strategy", "missing_fraction"}));
  if (width >= 2) {
    g = group_points(filled, flag, 0, 1, "");
    c.options.x.label = d.features.size() > 0 ? d.features[0] : "x1";
    c.options.y.label = d.features.size() > 1 ? d.features[1] : "x2";
  } else {
    std::vector<std::vector<double>> rows;
    for (size_t i = 0; i < filled.size(); ++i) rows.push_back({static_cast<double>(i), filled[i].empty() ? kNaN : filled[i][0]});
    g = group_points(rows, flag, 0, 1, "");
    c.options.x.label = "Row";
    c.options.y.label = d.features.empty() ? "value" : d.features[0];
  }
  for (size_t k = 0; k < g.groups.size(); ++k) {
    g.groups[k].name = g.group_labels[k] == 1 ? "rows with filled cells" : "complete rows";
  }
  c.groups = std::move(g.groups);
  std::string caption = strategy == "knn" ? "Filled cells take the mean of the nearest complete rows, so they stay "
                                            "inside the clusters."
                                          : "Filled cells all take the column's " + (strategy.empty() ? std::string("mean") : strategy) +
                                                ": the imputed points line up on straight lines, shrinking the spread.";
  if (width > 2) caption += " The first two of " + std::to_string(width) + " columns.";
  const std::string note = thinned_note(g.total, g.shown, "rows");
  if (!note.empty()) caption += " " + note + ".";
  b.figure(plot::scatter_svg(c), caption);
  if (b.r().has("fill_values")) {
    const auto fv = b.r().nums("fill_values");
    Table& t = b.table("Value filled into each column", {"column", "fill value"});
    for (size_t i = 0; i < fv.size(); ++i) t.rows.push_back({i < d.features.size() ? d.features[i] : std::to_string(i + 1), fmt(fv[i])});
  }
  b.fact("Cells filled", fmt_int(static_cast<double>(cells.size())));
  b.fact("Strategy", strategy.empty() ? "mean" : strategy);
  if (auto e = b.r().opt_num("rmse_vs_truth")) b.fact("RMSE against the true values", fmt(*e));
  if (auto f = b.r().opt_num("knn_fallbacks"); f && *f > 0) b.fact("Filled with the mean (no neighbour)", fmt_int(*f));
}

void impute_table(Builder& b) {
  const auto filled = b.r().matrix("filled");
  const auto cells = b.r().matrix("cells");
  const Data d = read_data(b.r());
  bool generated = false;
  if (b.r().at("data").raw().contains("generated") && b.r().at("data").raw()["generated"].is_boolean()) {
    generated = b.r().at("data").raw()["generated"].get<bool>();
  }
  std::vector<std::string> cols = {"row", "column", "filled with"};
  if (generated) cols.insert(cols.end(), {"true value", "error"});
  Table& t = b.table("Filled cells", cols);
  for (size_t i = 0; i < cells.size() && i < 50; ++i) {
    const auto& c = cells[i];
    if (c.size() < 2 || !(c[0] >= 0) || !(c[1] >= 0)) continue;
    const size_t r = static_cast<size_t>(c[0]), k = static_cast<size_t>(c[1]);
    const double v = r < filled.size() && k < filled[r].size() ? filled[r][k] : kNaN;
    std::vector<std::string> row = {fmt_int(c[0]), k < d.features.size() ? d.features[k] : fmt_int(c[1]), fmt(v)};
    if (generated) {
      const double truth = r < d.x.size() && k < d.x[r].size() ? d.x[r][k] : kNaN;
      row.push_back(fmt(truth));
      row.push_back(fmt(v - truth));
    }
    t.rows.push_back(std::move(row));
  }
  if (cells.size() > 50) t.caption += " (the first 50 of " + std::to_string(cells.size()) + ")";
  b.fact("Cells filled", fmt_int(static_cast<double>(cells.size())));
  if (auto e = b.r().opt_num("rmse_vs_truth")) b.fact("RMSE against the true values", fmt(*e));
}

void one_hot(Builder& b) {
  const auto values = b.r().strs("values");
  const auto categories = b.r().strs("categories");
  const auto m = b.r().matrix("matrix");
  size_t width = width_of(m);
  // drop_first leaves the first category out of the matrix and out of
  // "categories" (the column names): it is the smallest distinct value
  // without a column.
  std::vector<std::string> cols = categories;
  if (width < cols.size()) cols.erase(cols.begin(), cols.begin() + static_cast<long>(cols.size() - width));
  const std::set<std::string> distinct(values.begin(), values.end());
  std::vector<std::string> dropped;
  for (const std::string& v : distinct) {
    if (std::find(cols.begin(), cols.end(), v) == cols.end()) dropped.push_back(v);
  }
  const bool drop_first = b.param("drop_first") == "true" || !dropped.empty();
  const size_t n_categories = std::max(categories.size(), cols.size() + dropped.size());
  std::vector<std::string> header = {"value"};
  header.insert(header.end(), cols.begin(), cols.end());
  Table& t = b.table(drop_first && !dropped.empty()
                         ? "One column per category but the first (\"" + dropped.front() + "\")"
                         : "One column per category",
                     header);
  for (size_t i = 0; i < values.size() && i < 200; ++i) {
    std::vector<std::string> row = {values[i]};
    for (size_t c = 0; c < cols.size(); ++c) row.push_back(i < m.size() && c < m[i].size() ? fmt_int(m[i][c]) : "–");
    t.rows.push_back(std::move(row));
  }
  plot::HeatmapChart h;
  h.options = b.chart("One-hot encoding", "Column", "Value");
  for (size_t i = 0; i < values.size() && i < 60; ++i) {
    h.row_labels.push_back(values[i]);
    h.values.push_back(i < m.size() ? m[i] : std::vector<double>{});
  }
  h.column_labels = cols;
  h.digits = 1;
  h.min = 0;
  h.max = 1;
  std::string caption = "Each row has a single 1, in its category's column.";
  if (drop_first) {
    caption = dropped.empty()
                  ? "The first category has no column: its rows are all zeros; every other row has a single 1."
                  : "The first category (\"" + dropped.front() +
                        "\") has no column: its rows are all zeros; every other row has a single 1, in its "
                        "category's column.";
  }
  b.figure(plot::heatmap_svg(h), caption);
  b.fact("Categories", fmt_int(static_cast<double>(n_categories)));
  b.fact("Columns", fmt_int(static_cast<double>(cols.size())));
}

void label_encode(Builder& b) {
  const auto values = b.r().strs("values");
  const auto categories = b.r().strs("categories");
  const auto codes = b.r().nums("codes");
  Table& t = b.table("Each value and its code", {"value", "code"});
  for (size_t i = 0; i < values.size() && i < 200; ++i) t.rows.push_back({values[i], i < codes.size() ? fmt_int(codes[i]) : "–"});
  std::vector<double> count(categories.size(), 0);
  for (double c : codes) {
    if (c >= 0 && c < static_cast<double>(count.size())) count[static_cast<size_t>(c)] += 1;
  }
  Table& k = b.table("Codes (categories sorted)", {"code", "category", "rows"});
  for (size_t i = 0; i < categories.size(); ++i) k.rows.push_back({std::to_string(i), categories[i], fmt_int(count[i])});
  plot::BarChart c;
  c.options = b.chart("Rows per code", "Code: category", "Rows");
  for (size_t i = 0; i < categories.size() && i < 60; ++i) c.categories.push_back(std::to_string(i) + ": " + categories[i]);
  count.resize(c.categories.size());
  c.series.push_back({"rows", count});
  c.show_values = true;
  b.figure(plot::bar_svg(c), "Codes follow the sorted categories; their order means nothing to a model, which a "
                             "linear model would wrongly read as a scale.");
  b.fact("Categories", fmt_int(static_cast<double>(categories.size())));
}

void quantile_binning(Builder& b) {
  const auto values = b.r().nums("values");
  const auto edges = b.r().nums("edges");
  const auto counts = b.r().nums("counts");
  const std::string strategy = b.param("strategy");
  plot::HistogramChart h;
  h.options = b.chart(titled(b, "Bin edges over the values", {"bins", "strategy"}), "Value", "Rows");
  h.series = {raw_series("values", values)};
  h.bins = values.size() > 100 ? 30 : 0;  // fine enough to see the narrow bins
  for (double e : edges) {
    if (std::isfinite(e)) h.options.references.push_back({true, e, ""});
  }
  b.figure(plot::histogram_svg(h), "Dashed lines: the bin edges. " +
                                       std::string(strategy == "uniform" ? "Equal widths: the bins in the tail hold few rows."
                                                                         : "Equal counts: the bins are narrow where values are dense."));
  plot::BarChart c;
  c.options = b.chart("Rows per bin", "Bin", "Rows");
  for (size_t i = 0; i + 1 < edges.size() && i < counts.size(); ++i) {
    c.categories.push_back(fmt(edges[i], 3) + "–" + fmt(edges[i + 1], 3));
  }
  std::vector<double> cnt(counts.begin(), counts.begin() + static_cast<long>(std::min(counts.size(), c.categories.size())));
  c.series.push_back({"rows", cnt});
  c.show_values = c.categories.size() <= 20;
  b.figure(plot::bar_svg(c));
  Table& t = b.table("Bins", {"bin", "from", "to", "width", "rows"});
  for (size_t i = 0; i + 1 < edges.size() && i < counts.size(); ++i) {
    t.rows.push_back({std::to_string(i), fmt(edges[i]), fmt(edges[i + 1]), fmt(edges[i + 1] - edges[i]), fmt_int(counts[i])});
  }
  b.fact("Bins", fmt_int(static_cast<double>(counts.size())));
  b.fact("Strategy", strategy.empty() ? "quantile" : strategy);
}

// Standardise / min-max scale: the same figures and tables, the statistics
// differ.
enum class Scaling { kStandard, kMinMax };

// Sturges' number of bins for n values, within 5..30.
int sturges_bins(size_t n) {
  return std::clamp(static_cast<int>(std::ceil(std::log2(std::max<double>(static_cast<double>(n), 1)))) + 1, 5, 30);
}

void scaling_histograms(Builder& b, Scaling kind) {
  const Data d = read_data(b.r());
  const auto scaled = b.r().matrix("scaled");
  const std::string name = d.features.empty() ? "x1" : d.features[0];
  const std::string verb = kind == Scaling::kStandard ? "standardising" : "min-max scaling";
  // The same number of equal bins from each one's smallest to its largest
  // value: scaling is linear, so the two histograms have the same bars and
  // only the axis changes.
  plot::HistogramChart before;
  before.options = b.chart("Before " + verb + ": " + name, name, "Rows");
  before.options.height = 300;
  before.series = {raw_series("before", column(d.x, 0))};
  const int bins = sturges_bins(before.series[0].values.size());
  before.bins = bins;
  // Each x axis spans exactly its values, so the bars fill both frames alike.
  const auto fit_axis = [](plot::HistogramChart& h) {
    const double lo = min_of(h.series[0].values), hi = max_of(h.series[0].values);
    if (std::isfinite(lo) && std::isfinite(hi) && hi > lo) {
      h.options.x.min = lo;
      h.options.x.max = hi;
    }
  };
  fit_axis(before);
  const std::string same = "Both histograms: " + std::to_string(bins) +
                           " equal bins from the smallest value to the largest, so the bars match one for one.";
  b.figure(plot::histogram_svg(before), same);
  plot::HistogramChart after;
  after.options = b.chart("After " + verb + ": " + name, name + (kind == Scaling::kStandard ? " (z-score)" : " (scaled)"), "Rows");
  after.options.height = 300;
  after.series = {raw_series("after", column(scaled, 0))};
  after.bins = bins;
  fit_axis(after);
  if (kind == Scaling::kStandard) {
    after.options.references.push_back({true, 0, "mean 0"});
  }
  b.figure(plot::histogram_svg(after),
           kind == Scaling::kStandard ? "Same shape, new axis: mean 0 and standard deviation 1. Scaling does not remove skew."
                                      : "Same shape, new axis: the smallest value maps to the low end, the largest to the "
                                        "high end; one outlier squeezes the rest.");
}

void scaling_table(Builder& b, Scaling kind, bool with_rows) {
  const Data d = read_data(b.r());
  const auto scaled = b.r().matrix("scaled");
  const size_t width = d.features.size();
  if (kind == Scaling::kStandard) {
    const auto mean = b.r().nums("mean"), sd = b.r().nums("std");
    Table& t = b.table("Per column: the statistics used", {"column", "mean", "standard deviation", "mean after", "sd after"});
    for (size_t c = 0; c < width; ++c) {
      const auto after = column(scaled, c);
      t.rows.push_back({d.features[c], c < mean.size() ? fmt(mean[c]) : "–", c < sd.size() ? fmt(sd[c]) : "–",
                        fmt(std::fabs(mean_of(after)) < 1e-12 ? 0 : mean_of(after)), fmt(sd_of(after))});
    }
  } else {
    const auto lo = b.r().nums("min"), hi = b.r().nums("max");
    Table& t = b.table("Per column: the range used", {"column", "min", "max", "min after", "max after"});
    for (size_t c = 0; c < width; ++c) {
      const auto after = column(scaled, c);
      t.rows.push_back({d.features[c], c < lo.size() ? fmt(lo[c]) : "–", c < hi.size() ? fmt(hi[c]) : "–",
                        fmt(min_of(after)), fmt(max_of(after))});
    }
  }
  if (with_rows) {
    const size_t cols = std::min<size_t>(width, 3);
    std::vector<std::string> header = {"row"};
    for (size_t c = 0; c < cols; ++c) {
      header.push_back(d.features[c] + " before");
      header.push_back(d.features[c] + " after");
    }
    Table& t = b.table("The first rows, before and after", header);
    for (size_t i = 0; i < d.x.size() && i < kTableRows; ++i) {
      std::vector<std::string> row = {std::to_string(i)};
      for (size_t c = 0; c < cols; ++c) {
        row.push_back(c < d.x[i].size() ? fmt(d.x[i][c]) : "–");
        row.push_back(i < scaled.size() && c < scaled[i].size() ? fmt(scaled[i][c]) : "–");
      }
      t.rows.push_back(std::move(row));
    }
  }
  b.fact("Rows", fmt_int(static_cast<double>(d.x.size())));
  b.fact("Columns", fmt_int(static_cast<double>(width)));
}

void smote(Builder& b) {
  const Data d = read_data(b.r());
  const auto synthetic = b.r().matrix("synthetic");
  const double minority = b.r().num("minority_class");
  const auto classes = b.r().nums("classes");
  const auto before = b.r().nums("counts_before");
  const auto after = b.r().nums("counts_after");
  if (!d.has_y) throw FieldError("field \"data.y\" is null: SMOTE needs the labels");
  const size_t width = width_of(d.x);
  plot::ScatterChart c;
  c.options = b.chart(titled(b, "SMOTE oversampling", {"k"}));
  GroupedPoints g;
  std::vector<std::vector<double>> syn = synthetic;
  if (width >= 2) {
    g = group_points(d.x, d.y, 0, 1, "class ");
    c.options.x.label = d.features[0];
    c.options.y.label = d.features[1];
  } else {  // one feature: against the label
    std::vector<std::vector<double>> rows;
    for (size_t i = 0; i < d.x.size(); ++i) rows.push_back({d.x[i].empty() ? kNaN : d.x[i][0], i < d.y.size() ? d.y[i] : kNaN});
    g = group_points(rows, d.y, 0, 1, "class ");
    for (auto& s : syn) s = {s.empty() ? kNaN : s[0], minority};
    c.options.x.label = d.features.empty() ? "x1" : d.features[0];
    c.options.y.label = "label";
  }
  plot::ScatterGroup made;
  made.name = "synthetic (class " + label_text(minority) + ")";
  for (size_t i : thin(syn.size(), 2000)) {
    if (syn[i].size() < 2) continue;
    made.x.push_back(syn[i][0]);
    made.y.push_back(syn[i][1]);
  }
  // The synthetic points go under the minority class's real ones, so both show.
  c.groups = std::move(g.groups);
  size_t at = c.groups.size();
  for (size_t k = 0; k < g.group_labels.size() && k < c.groups.size(); ++k) {
    if (g.group_labels[k] == minority) at = k;
  }
  c.groups.insert(c.groups.begin() + static_cast<long>(at), std::move(made));
  std::string caption = "New minority points lie on segments between a minority point and one of its nearest "
                        "minority neighbours: they fill the class's region instead of repeating rows.";
  if (width > 2) caption += " The first two of " + std::to_string(width) + " features.";
  b.figure(plot::scatter_svg(c), caption);
  plot::BarChart bars;
  bars.options = b.chart("Rows per class, before and after", "Class", "Rows");
  for (double v : classes) bars.categories.push_back(label_text(v));
  bars.series = {{"before", before}, {"after", after}};
  bars.show_values = classes.size() <= 10;
  b.figure(plot::bar_svg(bars));
  Table& t = b.table("Rows per class", {"class", "before", "after"});
  for (size_t i = 0; i < classes.size(); ++i) {
    t.rows.push_back({label_text(classes[i]), i < before.size() ? fmt_int(before[i]) : "–",
                      i < after.size() ? fmt_int(after[i]) : "–"});
  }
  b.fact("Minority class", label_text(minority));
  b.fact("Synthetic points", fmt_int(static_cast<double>(synthetic.size())));
}

void k_fold(Builder& b) {
  const double n = b.r().num("n");
  const Node folds = b.r().at("folds");
  if (!folds.raw().is_array()) throw FieldError("field \"folds\" is not a list");
  std::vector<std::vector<double>> tests, trains;
  for (size_t i = 0; i < folds.raw().size(); ++i) {
    const Node f(folds.raw()[i], folds.path() + "[" + std::to_string(i) + "]");
    tests.push_back(f.nums("test"));
    trains.push_back(f.nums("train"));
  }
  const size_t rows = n > 0 ? static_cast<size_t>(n) : 0;
  if (rows <= 40) {
    std::vector<std::string> names;
    for (size_t i = 0; i < tests.size(); ++i) names.push_back("fold " + std::to_string(i + 1));
    membership_strip(b, titled(b, "k-fold cross-validation", {"k", "n"}), rows, names, tests,
                     "Each row of the strip is one fold: shaded cells are its test rows, the blank ones train the "
                     "model. Every row is tested exactly once.");
  } else {
    std::vector<double> code(rows, kNaN);
    for (size_t f = 0; f < tests.size(); ++f) {
      for (double r : tests[f]) {
        if (r >= 0 && r < static_cast<double>(rows)) code[static_cast<size_t>(r)] = static_cast<double>(f + 1);
      }
    }
    waffle(b, titled(b, "k-fold cross-validation", {"k", "n"}), code, rows,
           "Each cell is one row of the data; its number is the fold whose test set holds it. Every row is tested "
           "exactly once and trains the model in the other folds.");
  }
  Table& t = b.table("Folds", {"fold", "training rows", "test rows", "test set"});
  for (size_t i = 0; i < tests.size(); ++i) {
    t.rows.push_back({std::to_string(i + 1), fmt_int(static_cast<double>(trains[i].size())),
                      fmt_int(static_cast<double>(tests[i].size())), rows_text(tests[i])});
  }
  b.fact("Rows", fmt_int(n));
  b.fact("Folds", fmt_int(static_cast<double>(tests.size())));
}

void train_test_split(Builder& b) {
  const double n = b.r().num("n");
  const auto train = b.r().nums("train"), validation = b.r().nums("validation"), test = b.r().nums("test");
  const size_t rows = n > 0 ? static_cast<size_t>(n) : 0;
  std::vector<double> code(rows, kNaN);
  const std::vector<double>* sets[] = {&train, &validation, &test};
  for (size_t s = 0; s < 3; ++s) {
    for (double r : *sets[s]) {
      if (r >= 0 && r < static_cast<double>(rows)) code[static_cast<size_t>(r)] = static_cast<double>(s + 1);
    }
  }
  waffle(b, titled(b, "Train / validation / test split", {"n"}), code, rows,
         "Each cell is one row of the data: 1 = train, 2 = validation, 3 = test. With shuffle on, the sets are "
         "scattered over the rows instead of cut in blocks.");
  Table& t = b.table("Sets", {"set", "rows", "share", "rows (first)"});
  const auto add = [&](const char* name, const std::vector<double>& rows) {
    t.rows.push_back({name, fmt_int(static_cast<double>(rows.size())), n > 0 ? percent(rows.size() / n) : "–",
                      rows_text(rows)});
  };
  add("train", train);
  add("validation", validation);
  add("test", test);
  b.fact("Rows", fmt_int(n));
  b.fact("Training rows", fmt_int(static_cast<double>(train.size())));
}

}  // namespace

void add_data_views(std::vector<KernelViews>& out) {
  out.push_back({"blobs", {{"scatter", blobs, {}}}});
  out.push_back({"moons", {{"scatter", moons, {}}}});
  out.push_back({"linear", {{"scatter", linear, {}}}});
  out.push_back({"imbalanced", {{"scatter", imbalanced, {}}}});
  out.push_back({"scores", {{"histogram", scores, {}}}});
  out.push_back({"classifications", {{"confusion", classifications, {}}}});
  out.push_back({"skewed", {{"histogram", skewed, {}}}});
  out.push_back({"time_series", {{"series", time_series, {}}, {"components", time_series_components, {}}}});
  out.push_back({"corpus", {{"documents", corpus, {}}}});

  out.push_back({"impute", {{"scatter", impute_scatter, {}}, {"table", impute_table, {}}}});
  out.push_back({"one_hot", {{"table", one_hot, {}}}});
  out.push_back({"label_encode", {{"table", label_encode, {}}}});
  out.push_back({"quantile_binning", {{"histogram", quantile_binning, {}}}});
  out.push_back({"standardize",
                 {{"histogram",
                   [](Builder& b) {
                     scaling_histograms(b, Scaling::kStandard);
                     scaling_table(b, Scaling::kStandard, false);
                   },
                   {}},
                  {"table", [](Builder& b) { scaling_table(b, Scaling::kStandard, true); }, {}}}});
  out.push_back({"min_max_scale",
                 {{"histogram",
                   [](Builder& b) {
                     scaling_histograms(b, Scaling::kMinMax);
                     scaling_table(b, Scaling::kMinMax, false);
                   },
                   {}},
                  {"table", [](Builder& b) { scaling_table(b, Scaling::kMinMax, true); }, {}}}});
  out.push_back({"smote", {{"scatter", smote, {}}}});
  out.push_back({"k_fold", {{"folds", k_fold, {}}}});
  out.push_back({"train_test_split", {{"split", train_test_split, {}}}});
}

}  // namespace kb::present::internal
