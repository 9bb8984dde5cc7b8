// Views of the unsupervised kernels: clusters and their convergence, the
// elbow, principal components, topics and anomaly scores.
#include <algorithm>
#include <cstdlib>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "present/present_internal.h"

namespace kb::present::internal {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ---- k-means ----

void kmeans_scatter(Builder& b) {
  const Data d = read_data(b.r());
  const auto labels = b.r().nums("labels");
  const auto centroids = b.r().matrix("centroids");
  add_labelled_scatter(b, d.x, labels, d.features, "cluster ", titled(b, "k-means clusters", {"k", "init"}),
                       "Colour and shape: the cluster each point is assigned to; the large outlined markers are the "
                       "centroids, the mean of their cluster's points.",
                       &centroids);
  const size_t dims = std::min<size_t>(d.features.size(), 6);
  std::vector<std::string> cols = {"cluster", "points"};
  for (size_t c = 0; c < dims; ++c) cols.push_back("centroid " + d.features[c]);
  Table& t = b.table("Centroids and cluster sizes", cols);
  std::map<double, size_t> sizes;
  for (double l : labels) {
    if (std::isfinite(l)) ++sizes[l];
  }
  for (size_t k = 0; k < centroids.size(); ++k) {
    const auto it = sizes.find(static_cast<double>(k));
    std::vector<std::string> row = {std::to_string(k), fmt_int(it == sizes.end() ? 0 : it->second)};
    for (size_t c = 0; c < dims; ++c) row.push_back(c < centroids[k].size() ? fmt(centroids[k][c]) : "–");
    t.rows.push_back(std::move(row));
  }
  b.fact("Inertia", fmt(b.r().num("inertia")));
  if (auto it = b.r().opt_num("iterations")) b.fact("Iterations", fmt_int(*it));
  if (auto cv = b.r().opt_flag("converged")) b.fact("Converged", *cv ? "yes" : "no");
}

void kmeans_convergence(Builder& b) {
  const auto history = b.r().nums("inertia_history");
  plot::LineChart c;
  c.options = b.chart(titled(b, "k-means: inertia per step", {"k", "init"}), "Assignment step", "Inertia");
  c.markers = history.size() <= 60;
  c.series.push_back(curve("inertia", history, 1500, 1));
  b.figure(plot::line_svg(c), "Every assign-and-update step lowers the inertia (the within-cluster sum of squares) "
                              "until no point changes cluster.");
  Table& t = b.table("Inertia per step", {"step", "inertia"});
  for (size_t i : thin(history.size(), 30)) t.rows.push_back({std::to_string(i + 1), fmt(history[i])});
  b.fact("Inertia", fmt(b.r().num("inertia")));
  if (auto it = b.r().opt_num("iterations")) b.fact("Iterations", fmt_int(*it));
}

// The points of `values` at the row indices `rows` (out-of-range ones left
// out), as a series of separate runs, so a line chart draws each as a marker
// and never joins them.
plot::Series points_at(const std::string& name, const std::vector<double>& rows, const std::vector<double>& values) {
  plot::Series s;
  s.name = name;
  for (double r : rows) {
    if (!(r >= 0) || r >= static_cast<double>(values.size())) continue;
    if (!s.x.empty()) {
      s.x.push_back(kNaN);
      s.y.push_back(kNaN);
    }
    s.x.push_back(r);
    s.y.push_back(values[static_cast<size_t>(r)]);
  }
  return s;
}

// ---- elbow ----

// The kneedle rule on log(inertia): the k farthest from the chord joining
// the first and last points of the curve, with k and log(inertia) both
// scaled to 0..1. On the log scale a step's height is its relative drop, so
// the huge first drop (from one cluster to two) does not swamp the later
// ones: the mark lands where the drops turn small. A heuristic, not a
// test. -1 when there are fewer than three points or an inertia is not
// positive.
int elbow_index(const std::vector<double>& ks, const std::vector<double>& inertia) {
  const size_t n = std::min(ks.size(), inertia.size());
  if (n < 3) return -1;
  std::vector<double> ln(n);
  for (size_t i = 0; i < n; ++i) {
    if (!(inertia[i] > 0) || !std::isfinite(inertia[i])) return -1;
    ln[i] = std::log(inertia[i]);
  }
  const double x0 = ks[0], x1 = ks[n - 1], y0 = ln[0], y1 = ln[n - 1];
  if (!(x1 != x0) || !(y1 != y0)) return -1;
  int best = -1;
  double best_d = 0;
  for (size_t i = 1; i + 1 < n; ++i) {
    const double x = (ks[i] - x0) / (x1 - x0), y = (ln[i] - y0) / (y1 - y0);
    const double d = std::fabs(y - x);  // distance to the diagonal, up to a constant
    if (std::isfinite(d) && d > best_d) {
      best_d = d;
      best = static_cast<int>(i);
    }
  }
  return best;
}

void elbow(Builder& b) {
  const auto ks = b.r().nums("ks");
  const auto inertias = b.r().nums("inertias");
  plot::LineChart c;
  c.options = b.chart("Elbow: inertia against k", "k (clusters)", "Inertia");
  c.options.x.integer = true;
  c.markers = true;
  c.series.push_back(curve_xy("inertia", ks, inertias));
  const int e = elbow_index(ks, inertias);
  std::string caption = "Inertia always falls as k grows; past the elbow extra clusters buy little.";
  if (e >= 0) {
    c.options.references.push_back({true, ks[static_cast<size_t>(e)], "elbow"});
    caption += " The dashed line marks where the curve bends most when inertia is read on a log scale (each "
               "step's relative drop): a heuristic, so read the drops in the table too.";
  }
  b.figure(plot::line_svg(c), caption);
  Table& t = b.table("Inertia per k", {"k", "inertia", "drop from k − 1"});
  for (size_t i = 0; i < ks.size() && i < inertias.size() && i < 300; ++i) {
    const std::string drop = i == 0 || !(inertias[i - 1] > 0) ? "–" : percent(1 - inertias[i] / inertias[i - 1]);
    t.rows.push_back({fmt_int(ks[i]), fmt(inertias[i]), drop});
  }
  if (e >= 0) b.fact("Elbow at k", fmt_int(ks[static_cast<size_t>(e)]));
  if (!b.param("data.centers").empty() && b.param("data.generator") == "blobs") {
    b.fact("True clusters", b.param("data.centers"));
  }
}

void elbow_overlay(Builder& b, const std::vector<VariantNode>& vs) {
  plot::LineChart c;
  c.options = b.chart("Elbow: inertia against k", "k (clusters)", "Inertia");
  c.options.x.integer = true;
  c.markers = true;
  Table& t = b.table("Elbow per variant (where the curve bends most on a log scale of inertia)",
                     {"variant", "elbow at k", "inertia there"});
  for (const VariantNode& v : vs) {
    const auto ks = v.node.nums("ks");
    const auto in = v.node.nums("inertias");
    c.series.push_back(curve_xy(v.label, ks, in));
    const int e = elbow_index(ks, in);
    t.rows.push_back({v.label, e >= 0 ? fmt_int(ks[static_cast<size_t>(e)]) : "–",
                      e >= 0 ? fmt(in[static_cast<size_t>(e)]) : "–"});
  }
  b.figure(plot::line_svg(c), "One curve per variant; the table gives each one's elbow, a heuristic: where the "
                              "curve bends most on a log scale of inertia.");
}

// ---- PCA ----

std::vector<std::string> pc_names(size_t n) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) out.push_back("PC" + std::to_string(i + 1));
  return out;
}

void pca_variance(Builder& b) {
  const auto all = b.r().nums("all_variances");
  const double total = b.r().num("total_variance");
  const auto kept = b.r().nums("explained_variance_ratio");
  // Shares in percent: bar labels read "91.8", as the table's "91.8%".
  std::vector<double> share, cumulative;
  double run = 0;
  for (double v : all) {
    share.push_back(total > 0 ? 100 * v / total : kNaN);
    run += total > 0 ? v / total : 0;
    cumulative.push_back(100 * run);
  }
  const std::vector<std::string> names = pc_names(all.size());
  const size_t shown = std::min<size_t>(all.size(), 40);  // a long tail of tiny components reads as nothing
  // One labelled bar per component. The cumulative shares are not drawn
  // beside them: a second bar per band puts two value labels side by side
  // ("91.891.8" for PC1, where both are equal), and a second figure would be
  // laid out beside this one at half the width. The table lists them.
  plot::BarChart c;
  c.options = b.chart(titled(b, "PCA: variance explained per component", {"components", "standardize"}), "Component", "% of the total variance");
  c.options.y.max = 100;
  c.categories.assign(names.begin(), names.begin() + static_cast<long>(shown));
  c.series = {{"share", std::vector<double>(share.begin(), share.begin() + static_cast<long>(shown))}};
  c.show_values = shown <= 12;
  std::string caption = "Each bar: the percentage of the total variance one component explains, largest first; the "
                        "table adds them up (cumulative). " +
                        std::to_string(kept.size()) + (kept.size() == 1 ? " is" : " are") + " kept";
  if (!kept.empty() && kept.size() <= cumulative.size()) {
    caption += ", together " + percent(cumulative[kept.size() - 1] / 100);
  }
  caption += ".";
  if (shown < all.size()) caption += " The first " + std::to_string(shown) + " of " + std::to_string(all.size()) + ".";
  b.figure(plot::bar_svg(c), caption);
  Table& t = b.table("Components", {"component", "variance", "share", "cumulative", "kept"});
  for (size_t i = 0; i < all.size() && i < 300; ++i) {
    t.rows.push_back({names[i], fmt(all[i]), percent(total > 0 ? all[i] / total : kNaN),
                      percent(i < cumulative.size() ? cumulative[i] / 100 : kNaN), i < kept.size() ? "yes" : "no"});
  }
  if (b.r().has("cumulative_ratio")) {
    const auto ratio = b.r().nums("cumulative_ratio");
    if (!ratio.empty()) b.fact("Variance kept", percent(ratio.back()));
  }
  b.fact("Components kept", fmt_int(static_cast<double>(kept.size())));
  b.fact("Features", fmt_int(static_cast<double>(all.size())));
}

void pca_projection(Builder& b) {
  const auto proj = b.r().matrix("projection");
  const auto ratio = b.r().nums("explained_variance_ratio");
  std::vector<double> labels;
  if (b.r().has("data")) {
    const Data d = read_data(b.r());
    if (d.has_y) labels = d.y;
  }
  std::vector<std::string> names;
  for (size_t i = 0; i < std::max<size_t>(ratio.size(), 2); ++i) {
    names.push_back("PC" + std::to_string(i + 1) + (i < ratio.size() ? " (" + percent(ratio[i]) + ")" : ""));
  }
  add_labelled_scatter(b, proj, labels, names, labels.empty() ? "" : "class ",
                       titled(b, "PCA: the data on its first components", {"standardize"}),
                       labels.empty() ? "Every point in the coordinates of the principal components."
                                      : "Every point in the coordinates of the principal components, coloured by its "
                                        "class (not used by PCA).");
  b.fact("Points", fmt_int(static_cast<double>(proj.size())));
}

void pca_loadings(Builder& b) {
  const auto comps = b.r().matrix("components");
  std::vector<std::string> features;
  if (b.r().has("data")) features = read_data(b.r()).features;
  plot::HeatmapChart h;
  h.options = b.chart("PCA loadings", "Feature", "Component");
  h.values = comps;
  h.row_labels = pc_names(comps.size());
  size_t width = 0;
  for (const auto& r : comps) width = std::max(width, r.size());
  for (size_t i = 0; i < width; ++i) h.column_labels.push_back(i < features.size() ? features[i] : "x" + std::to_string(i + 1));
  h.digits = 2;
  b.figure(plot::heatmap_svg(h), "Each component is a direction: a weighted mix of the features (unit length). The "
                                 "sign of a whole row is arbitrary.");
  Table& t = b.table("Loadings", [&] {
    std::vector<std::string> c = {"component"};
    c.insert(c.end(), h.column_labels.begin(), h.column_labels.end());
    return c;
  }());
  for (size_t i = 0; i < comps.size(); ++i) {
    std::vector<std::string> row = {h.row_labels[i]};
    for (size_t j = 0; j < width; ++j) row.push_back(j < comps[i].size() ? fmt(comps[i][j], 3) : "–");
    t.rows.push_back(std::move(row));
  }
}

// ---- LDA ----

struct Topic {
  std::vector<std::string> words;
  std::vector<double> weights;
};

std::vector<Topic> read_topics(const Node& r) {
  const Node topics = r.at("topics");
  if (!topics.raw().is_array()) throw FieldError("field \"topics\" is not a list");
  std::vector<Topic> out;
  for (size_t i = 0; i < topics.raw().size(); ++i) {
    const Node t(topics.raw()[i], "topics[" + std::to_string(i) + "]");
    out.push_back({t.strs("words"), t.nums("weights")});
  }
  return out;
}

void lda_topics(Builder& b) {
  const auto topics = read_topics(b.r());
  const auto mix = b.r().matrix("document_topic");
  std::vector<double> truth;
  std::vector<std::string> truth_names;
  if (b.r().has("truth")) {
    const Node t = b.r().at("truth");
    if (t.has("topics")) truth = t.nums("topics");
    if (t.has("topic_names")) truth_names = t.strs("topic_names");
  }
  Table& t = b.table(titled(b, "Topics: most probable words", {"topics", "alpha", "beta"}),
                     {"topic", "top words", "weight of the top word"}, false);
  for (size_t k = 0; k < topics.size(); ++k) {
    std::vector<std::string> words;
    for (size_t i = 0; i < topics[k].words.size() && i < 10; ++i) words.push_back(topics[k].words[i]);
    t.rows.push_back({std::to_string(k + 1), join(words), topics[k].weights.empty() ? "–" : fmt(topics[k].weights[0], 3)});
  }
  plot::HeatmapChart h;
  h.options = b.chart("Topic mix of each document", "Topic (its top word)", "Document");
  for (size_t k = 0; k < topics.size(); ++k) {
    h.column_labels.push_back(std::to_string(k + 1) + (topics[k].words.empty() ? "" : ": " + topics[k].words[0]));
  }
  const size_t rows = std::min<size_t>(mix.size(), 30);
  for (size_t i = 0; i < rows; ++i) {
    std::string label = "doc " + std::to_string(i + 1);
    if (i < truth.size() && truth[i] >= 0 && truth[i] < static_cast<double>(truth_names.size())) {
      label += " (" + truth_names[static_cast<size_t>(truth[i])] + ")";
    }
    h.row_labels.push_back(label);
    h.values.push_back(mix[i]);
  }
  h.digits = 2;
  h.min = 0;
  h.max = 1;
  h.options.height = std::clamp(170 + 36.0 * static_cast<double>(rows), 300.0, 2400.0);
  std::string caption = "Each row sums to 1: how much of the document each topic explains.";
  if (!truth.empty()) caption += " In brackets: the topic the generator drew the document from.";
  if (rows < mix.size()) caption += " The first " + std::to_string(rows) + " of " + std::to_string(mix.size()) + " documents.";
  b.figure(plot::heatmap_svg(h), caption);
  b.fact("Topics", fmt_int(static_cast<double>(topics.size())));
  b.fact("Documents", fmt_int(static_cast<double>(mix.size())));
  if (b.r().has("vocabulary")) b.fact("Vocabulary", fmt_int(static_cast<double>(b.r().strs("vocabulary").size())));
}

void lda_words(Builder& b) {
  const auto topics = read_topics(b.r());
  plot::BarChart c;
  c.options = b.chart(titled(b, "Topics: word probabilities", {"topics"}), "Word", "P(word | topic)");
  // The union of each topic's top words, in topic order.
  std::vector<std::string> words;
  for (const Topic& t : topics) {
    for (size_t i = 0; i < t.words.size() && i < 5; ++i) {
      if (std::find(words.begin(), words.end(), t.words[i]) == words.end()) words.push_back(t.words[i]);
    }
  }
  const auto vocab = b.r().strs("vocabulary");
  const auto tw = b.r().matrix("topic_word");
  c.categories = words;
  for (size_t k = 0; k < tw.size() && k < 8; ++k) {
    std::vector<double> v;
    for (const std::string& w : words) {
      const auto it = std::find(vocab.begin(), vocab.end(), w);
      const size_t j = static_cast<size_t>(it - vocab.begin());
      v.push_back(it != vocab.end() && j < tw[k].size() ? tw[k][j] : kNaN);
    }
    c.series.push_back({"topic " + std::to_string(k + 1), v});
  }
  b.figure(plot::bar_svg(c), "Each topic is a distribution over the vocabulary; a word can weigh in several.");
  const auto ll = b.r().nums("log_likelihood");
  if (!ll.empty()) b.fact("Final log likelihood", fmt(ll.back()));
}

void lda_convergence(Builder& b) {
  const auto ll = b.r().nums("log_likelihood");
  plot::LineChart c;
  c.options = b.chart(titled(b, "LDA: log likelihood per Gibbs sweep", {"iterations"}), "Sweep", "Log likelihood");
  c.series.push_back(curve("log likelihood", ll, 1500, 1));
  b.figure(plot::line_svg(c), "The sampler climbs quickly from its random start, then wanders around a plateau.");
  if (!ll.empty()) b.fact("Final log likelihood", fmt(ll.back()));
}

// ---- random cut forest ----

void rcf_scores(Builder& b) {
  const Data d = read_data(b.r());
  const auto scores = b.r().nums("scores");
  const double threshold = b.r().num("threshold");
  const auto flagged = b.r().nums("anomalies");
  std::vector<double> injected;
  if (b.r().at("data").has("truth")) {
    const Node t = b.r().at("data").at("truth");
    if (t.has("anomalies")) injected = t.nums("anomalies");
  }
  const bool series = d.features.size() == 1;
  if (series) {
    const auto values = column(d.x, 0);
    plot::LineChart c;
    c.options = b.chart(titled(b, "Random cut forest: the series", {"shingle_size", "trees"}), "t", d.features[0]);
    c.series.push_back(curve("series", values));
    plot::Series f = points_at("flagged (" + std::to_string(flagged.size()) + ")", flagged, values);
    if (f.x.empty()) {
      f.x.push_back(kNaN);
      f.y.push_back(kNaN);
    }
    c.series.push_back(std::move(f));
    if (!injected.empty()) {
      c.series.push_back(points_at("injected spike", injected, values));
    }
    b.figure(plot::line_svg(c), injected.empty() ? "Markers: the points the forest scores above the threshold."
                                                 : "Markers: the points the forest flags, and where the generator "
                                                   "injected spikes.");
    plot::LineChart s;
    s.options = b.chart("Anomaly score", "t", "Score");
    s.options.height = 260;
    s.options.references.push_back({false, threshold, "threshold"});
    s.series.push_back(curve("score", scores));
    const double shingle = std::strtod(b.param("shingle_size").c_str(), nullptr);
    std::string cap = "A point that is easy to isolate with random cuts displaces many others when removed: a high score.";
    if (shingle > 2) {
      cap += " The first " + fmt_int(shingle - 1) + " points have no full shingle and no score.";
    } else if (shingle > 1) {
      cap += " The first point has no full shingle and no score.";
    }
    b.figure(plot::line_svg(s), cap);
  } else {
    std::vector<double> flag(d.x.size(), 0);
    for (double r : flagged) {
      if (r >= 0 && r < static_cast<double>(flag.size())) flag[static_cast<size_t>(r)] = 1;
    }
    GroupedPoints g = group_points(d.x, flag, 0, 1, "");
    plot::ScatterChart c;
    c.options = b.chart(titled(b, "Random cut forest: flagged points", {"trees", "sample_size"}), d.features.empty() ? "x1" : d.features[0], d.features.size() > 1 ? d.features[1] : "x2");
    for (size_t k = 0; k < g.groups.size(); ++k) g.groups[k].name = g.group_labels[k] == 1 ? "flagged" : "normal";
    c.groups = std::move(g.groups);
    std::string caption = "Flagged: scored above mean + threshold_sd · sd.";
    if (d.features.size() > 2) caption += " The first two of " + std::to_string(d.features.size()) + " features.";
    b.figure(plot::scatter_svg(c), caption);
  }
  std::set<double> truth(injected.begin(), injected.end());
  std::vector<std::string> cols = {"row", "score"};
  if (series) cols.push_back("value");
  if (!injected.empty()) cols.push_back("injected spike");
  Table& t = b.table("Flagged rows", cols);
  for (size_t i = 0; i < flagged.size() && i < 100; ++i) {
    const double r = flagged[i];
    const bool ok = r >= 0 && r < static_cast<double>(scores.size());
    std::vector<std::string> row = {fmt_int(r), ok ? fmt(scores[static_cast<size_t>(r)]) : "–"};
    if (series) row.push_back(r >= 0 && r < static_cast<double>(d.x.size()) && !d.x[static_cast<size_t>(r)].empty()
                                  ? fmt(d.x[static_cast<size_t>(r)][0])
                                  : "–");
    if (!injected.empty()) {
      // A shingle holding the spike may flag a neighbour: a hit within the shingle's width.
      const double window = series ? std::max(1.0, std::strtod(b.param("shingle_size").c_str(), nullptr)) : 1.0;
      bool hit = false;
      for (double s : injected) hit = hit || std::fabs(s - r) < window;
      row.push_back(hit ? "yes" : "no");
    }
    t.rows.push_back(std::move(row));
  }
  b.fact("Threshold", fmt(threshold));
  b.fact("Flagged", fmt_int(static_cast<double>(flagged.size())));
  if (!injected.empty()) b.fact("Injected spikes", fmt_int(static_cast<double>(injected.size())));
}

void rcf_histogram(Builder& b) {
  const auto scores = b.r().nums("scores");
  const double threshold = b.r().num("threshold");
  plot::HistogramChart h;
  h.options = b.chart(titled(b, "Random cut forest: score distribution", {"threshold_sd"}), "Anomaly score", "Rows");
  h.options.references.push_back({true, threshold, "threshold"});
  plot::HistogramSeries s;
  s.name = "scores";
  for (double v : scores) {
    if (std::isfinite(v)) s.values.push_back(v);
  }
  h.series.push_back(std::move(s));
  b.figure(plot::histogram_svg(h), "Most rows score low; the few to the right of the threshold are flagged.");
  if (auto m = b.r().opt_num("mean")) b.fact("Mean score", fmt(*m));
  if (auto sd = b.r().opt_num("stdev")) b.fact("Score sd", fmt(*sd));
  b.fact("Threshold", fmt(threshold));
}

}  // namespace

void add_unsupervised_views(std::vector<KernelViews>& out) {
  out.push_back({"kmeans",
                 {{"scatter", kmeans_scatter, {}},
                  {"convergence", kmeans_convergence,
                   [](Builder& b, const std::vector<VariantNode>& vs) {
                     overlay_curves(b, vs, "inertia_history", "k-means: inertia per step", "Assignment step", "Inertia");
                   }}}});
  out.push_back({"elbow", {{"elbow", elbow, elbow_overlay}}});
  out.push_back({"pca", {{"variance", pca_variance, {}}, {"projection", pca_projection, {}}, {"loadings", pca_loadings, {}}}});
  out.push_back({"lda", {{"topics", lda_topics, {}}, {"words", lda_words, {}}, {"convergence", lda_convergence, {}}}});
  out.push_back({"random_cut_forest", {{"scores", rcf_scores, {}}, {"histogram", rcf_histogram, {}}}});
}

}  // namespace kb::present::internal
