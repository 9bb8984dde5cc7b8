// Views of the evaluation and text kernels: confusion matrices, ROC curves,
// regression errors, text processing steps and TF-IDF weights.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "present/present_internal.h"

namespace kb::present::internal {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ---- metrics ----

void metrics(Builder& b) {
  const auto classes = b.r().labels("classes");
  const auto matrix = b.r().matrix("matrix");
  plot::ConfusionChart c;
  c.options = b.chart("Confusion matrix");
  c.labels = classes;
  c.counts = matrix;
  b.figure(plot::confusion_svg(c), "Rows: the true class; columns: the prediction. The diagonal holds the right "
                                   "answers; the share under each count is of its row (recall on the diagonal).");
  Table& t = b.table("Per class", {"class", "precision", "recall", "F1", "specificity", "support"});
  if (b.r().has("per_class")) {
    const Node pc = b.r().at("per_class");
    const auto p = pc.nums("precision"), r = pc.nums("recall"), f = pc.nums("f1"), s = pc.nums("specificity"),
               n = pc.nums("support");
    for (size_t i = 0; i < classes.size(); ++i) {
      const auto at = [&](const std::vector<double>& v) { return i < v.size() ? rate(v[i]) : "–"; };
      t.rows.push_back({classes[i], at(p), at(r), at(f), at(s), i < n.size() ? fmt_int(n[i]) : "–"});
    }
  }
  for (const char* avg : {"macro", "weighted", "micro"}) {
    if (!b.r().has(avg)) continue;
    const Node a = b.r().at(avg);
    const auto get = [&](const char* k) { return a.has(k) ? rate(a.num(k)) : "–"; };
    t.rows.push_back({std::string(avg) + " average", get("precision"), get("recall"), get("f1"), get("specificity"),
                      a.has("support") ? fmt_int(a.num("support")) : "–"});
  }
  std::string which;
  if (b.r().has("positive_class")) which = " (class " + label_text(b.r().num("positive_class")) + ")";
  else if (b.r().has("average")) which = " (" + b.r().str("average") + ")";
  b.fact("Accuracy", rate(b.r().num("accuracy")));
  b.fact("Precision" + which, rate(b.r().num("precision")));
  b.fact("Recall" + which, rate(b.r().num("recall")));
  b.fact("F1" + which, rate(b.r().num("f1")));
  b.fact("Specificity" + which, rate(b.r().num("specificity")));
}

// ---- ROC ----

// The index of the point maximising TPR − FPR (Youden's J), or -1.
int youden(const std::vector<double>& fpr, const std::vector<double>& tpr) {
  int best = -1;
  double best_j = -1;
  for (size_t i = 0; i < fpr.size() && i < tpr.size(); ++i) {
    const double j = tpr[i] - fpr[i];
    if (std::isfinite(j) && j > best_j) {
      best_j = j;
      best = static_cast<int>(i);
    }
  }
  return best;
}

void roc(Builder& b) {
  const auto fpr = b.r().nums("fpr"), tpr = b.r().nums("tpr");
  const double auc = b.r().num("auc");
  const auto thresholds = b.r().has("thresholds") ? b.r().nums("thresholds") : std::vector<double>{};
  const plot::Series s = curve_xy("ROC", fpr, tpr, 2000);
  plot::AreaChart c = plot::roc_chart(s.x, s.y, auc);
  const plot::ChartOptions o = b.chart(titled(b, "ROC curve", {"data.separation"}));
  c.options.title = o.title;
  c.options.id = o.id;
  c.options.embed_css = false;
  b.figure(plot::area_svg(c), "Each point is one threshold: lowering it catches more positives (up) at the price of "
                              "more false alarms (right). The diagonal is guessing; AUC is the shaded area.");
  Table& t = b.table("Thresholds (a sample along the curve)", {"threshold", "false positive rate", "true positive rate"});
  const size_t n = std::min(fpr.size(), tpr.size());
  const int best = youden(fpr, tpr);
  std::vector<size_t> rows = thin(n, 11);
  if (best >= 0 && std::find(rows.begin(), rows.end(), static_cast<size_t>(best)) == rows.end()) {
    rows.push_back(static_cast<size_t>(best));
    std::sort(rows.begin(), rows.end());
  }
  for (size_t i : rows) {
    const std::string th = i < thresholds.size() ? (std::isnan(thresholds[i]) ? "+∞" : fmt(thresholds[i])) : "–";
    t.rows.push_back({th + (static_cast<int>(i) == best ? " (best J)" : ""), rate(fpr[i]), rate(tpr[i])});
  }
  b.fact("AUC", fmt(auc, 3));
  if (auto p = b.r().opt_num("positives")) b.fact("Positives", fmt_int(*p));
  if (auto ng = b.r().opt_num("negatives")) b.fact("Negatives", fmt_int(*ng));
  if (best >= 0 && static_cast<size_t>(best) < thresholds.size() && std::isfinite(thresholds[static_cast<size_t>(best)])) {
    b.fact("Best threshold (Youden's J)", fmt(thresholds[static_cast<size_t>(best)], 3));
  }
}

void roc_scores(Builder& b) {
  const auto scores = b.r().nums("scores"), labels = b.r().nums("labels");
  plot::HistogramChart h;
  h.options = b.chart(titled(b, "Scores by label", {"data.separation"}), "Score", "Rows");
  plot::HistogramSeries neg, pos;
  neg.name = "label 0";
  pos.name = "label 1";
  for (size_t i = 0; i < scores.size() && i < labels.size(); ++i) {
    if (!std::isfinite(scores[i])) continue;
    (labels[i] == 1 ? pos : neg).values.push_back(scores[i]);
  }
  h.series = {neg, pos};
  const auto fpr = b.r().nums("fpr"), tpr = b.r().nums("tpr");
  const auto thresholds = b.r().has("thresholds") ? b.r().nums("thresholds") : std::vector<double>{};
  const int best = youden(fpr, tpr);
  if (best >= 0 && static_cast<size_t>(best) < thresholds.size() && std::isfinite(thresholds[static_cast<size_t>(best)])) {
    h.options.references.push_back({true, thresholds[static_cast<size_t>(best)], "best threshold"});
  }
  b.figure(plot::histogram_svg(h), "The ROC curve sweeps a threshold across these two histograms; the more they "
                                   "overlap, the lower the AUC.");
  b.fact("AUC", fmt(b.r().num("auc"), 3));
  b.fact("Positives", fmt_int(static_cast<double>(pos.values.size())));
  b.fact("Negatives", fmt_int(static_cast<double>(neg.values.size())));
}

void roc_overlay(Builder& b, const std::vector<VariantNode>& vs) {
  plot::AreaChart c = plot::roc_chart({}, {}, kNaN);
  const plot::ChartOptions o = b.chart("ROC curves");
  c.options.title = o.title;
  c.options.id = o.id;
  c.options.embed_css = false;
  c.series.clear();
  c.fill = false;  // overlapping shades would hide each other
  Table& t = b.table("AUC per variant", {"variant", "AUC"});
  for (const VariantNode& v : vs) {
    const double auc = v.node.num("auc");
    c.series.push_back(curve_xy(v.label + " (AUC = " + fmt(auc, 3) + ")", v.node.nums("fpr"), v.node.nums("tpr"), 2000));
    t.rows.push_back({v.label, fmt(auc, 3)});
  }
  b.figure(plot::area_svg(c), "One curve per variant; the higher and further left, the better the ranking.");
}

// ---- regression metrics ----

void regression_metrics(Builder& b) {
  const auto pred = b.r().nums("predictions"), actual = b.r().nums("actual");
  PointSet pts{"rows", {}, {}};
  for (size_t i : thin(std::min(pred.size(), actual.size()), 3000)) {
    pts.x.push_back(pred[i]);
    pts.y.push_back(actual[i]);
  }
  const double lo = std::min(min_of(pts.x), min_of(pts.y)), hi = std::max(max_of(pts.x), max_of(pts.y));
  plot::ChartOptions o = b.chart(titled(b, "Predicted against actual", {}));
  o.x.label = "Predicted";
  o.y.label = "Actual";
  std::vector<plot::Series> lines;
  if (std::isfinite(lo) && std::isfinite(hi)) lines.push_back({"perfect prediction", {lo, hi}, {lo, hi}, true});
  b.figure(points_and_lines_svg(o, {pts}, lines), "The vertical distance from the diagonal is each row's error.");
  Table& t = b.table("Error measures", {"measure", "value", "reads as"}, false);
  t.rows.push_back({"RMSE", fmt(b.r().num("rmse")), "typical error, in the target's units; punishes large errors"});
  t.rows.push_back({"MAE", fmt(b.r().num("mae")), "mean absolute error, in the target's units"});
  const auto mape = b.r().opt_num("mape");
  t.rows.push_back({"MAPE", mape ? percent(*mape) : "undefined (an actual value is 0)", "mean error as a share of the actual value"});
  t.rows.push_back({"MSE", fmt(b.r().num("mse")), "mean squared error: RMSE squared"});
  t.rows.push_back({"R²", fmt(b.r().num("r2"), 3), "share of the variance explained (1 is perfect, 0 the mean)"});
  b.fact("RMSE", fmt(b.r().num("rmse")));
  b.fact("MAE", fmt(b.r().num("mae")));
  if (mape) b.fact("MAPE", percent(*mape));
  b.fact("R²", fmt(b.r().num("r2"), 3));
}

void regression_residuals(Builder& b) {
  const auto pred = b.r().nums("predictions"), actual = b.r().nums("actual");
  plot::HistogramChart h;
  h.options = b.chart("Residuals (actual − predicted)", "Residual", "Rows");
  h.options.references.push_back({true, 0, ""});
  plot::HistogramSeries s;
  s.name = "residuals";
  for (size_t i = 0; i < pred.size() && i < actual.size(); ++i) {
    const double r = actual[i] - pred[i];
    if (std::isfinite(r)) s.values.push_back(r);
  }
  h.series.push_back(std::move(s));
  b.figure(plot::histogram_svg(h), "Centred on 0 and symmetric when the errors are unbiased noise.");
  b.fact("RMSE", fmt(b.r().num("rmse")));
  b.fact("MAE", fmt(b.r().num("mae")));
}

// ---- text ----

void text_steps(Builder& b) {
  struct Step {
    const char* field;
    const char* name;
  };
  const Step steps[] = {{"tokens", "tokenise"},
                        {"without_stop_words", "remove stop words"},
                        {"stems", "stem"},
                        {"terms", "n-grams"}};
  Table& t = b.table("Step by step: what each step leaves", {"step", "count", "result"}, false);
  for (const Step& s : steps) {
    const auto items = b.r().strs(s.field);
    std::vector<std::string> shown(items.begin(), items.begin() + static_cast<long>(std::min<size_t>(items.size(), 60)));
    std::string text = join(shown, " · ");
    if (items.size() > 60) text += " …";
    t.rows.push_back({s.name, fmt_int(static_cast<double>(items.size())), text});
  }
  const auto tokens = b.r().strs("tokens");
  const auto terms = b.r().strs("terms");
  b.fact("Tokens", fmt_int(static_cast<double>(tokens.size())));
  b.fact("Terms", fmt_int(static_cast<double>(terms.size())));
}

// ---- TF-IDF ----

void tfidf_heatmap(Builder& b) {
  const auto terms = b.r().strs("terms");
  const auto m = b.r().matrix("matrix");
  const auto docs = b.r().has("documents") ? b.r().strs("documents") : std::vector<std::string>{};
  // The terms worth a column: the largest weights; ordered by the document
  // they weigh most in, so each document's terms sit together.
  struct Col {
    size_t term;
    size_t doc;
    double weight;
  };
  std::vector<Col> cols;
  for (size_t j = 0; j < terms.size(); ++j) {
    Col c{j, 0, -1};
    for (size_t i = 0; i < m.size(); ++i) {
      if (j < m[i].size() && m[i][j] > c.weight) c = {j, i, m[i][j]};
    }
    if (c.weight > 0) cols.push_back(c);
  }
  constexpr size_t kMaxTerms = 20;
  std::stable_sort(cols.begin(), cols.end(), [](const Col& a, const Col& b) { return a.weight > b.weight; });
  const size_t total_terms = cols.size();
  if (cols.size() > kMaxTerms) cols.resize(kMaxTerms);
  std::stable_sort(cols.begin(), cols.end(), [](const Col& a, const Col& b) {
    return a.doc != b.doc ? a.doc < b.doc : a.weight > b.weight;
  });
  plot::HeatmapChart h;
  h.options = b.chart("TF-IDF weights", "Term", "Document");
  const size_t rows = std::min<size_t>(m.size(), 40);
  // Cells large enough to print a weight ("0.46") in: about 40 units.
  h.options.width = std::clamp(150 + 40.0 * static_cast<double>(cols.size()), 640.0, 1100.0);
  h.options.height = std::clamp(170 + 40.0 * static_cast<double>(rows), 300.0, 1900.0);
  for (const Col& c : cols) h.column_labels.push_back(terms[c.term]);
  for (size_t i = 0; i < rows; ++i) {
    h.row_labels.push_back("doc " + std::to_string(i + 1));
    std::vector<double> row;
    for (const Col& c : cols) row.push_back(c.term < m[i].size() ? m[i][c.term] : kNaN);
    h.values.push_back(std::move(row));
  }
  h.digits = 2;
  h.min = 0;
  std::string caption = "A term weighs most in a document that uses it often while few other documents do.";
  if (cols.size() < total_terms) {
    caption += " The " + std::to_string(cols.size()) + " heaviest of " + std::to_string(total_terms) + " terms.";
  }
  if (rows < m.size()) caption += " The first " + std::to_string(rows) + " documents.";
  b.figure(plot::heatmap_svg(h), caption);
  if (!docs.empty()) {
    Table& t = b.table("Documents", {"document", "text"}, false);
    for (size_t i = 0; i < docs.size() && i < 100; ++i) t.rows.push_back({"doc " + std::to_string(i + 1), shorten(docs[i], 240)});
  }
  b.fact("Documents", fmt_int(static_cast<double>(m.size())));
  b.fact("Terms", fmt_int(static_cast<double>(terms.size())));
}

void tfidf_table(Builder& b) {
  const auto terms = b.r().strs("terms");
  const auto idf = b.r().nums("idf");
  const auto df = b.r().nums("document_frequency");
  const auto m = b.r().matrix("matrix");
  std::vector<size_t> order(terms.size());
  std::iota(order.begin(), order.end(), 0);
  // Rarest first: the terms that tell documents apart.
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b2) {
    const double ia = a < idf.size() ? idf[a] : 0, ib = b2 < idf.size() ? idf[b2] : 0;
    return ia > ib;
  });
  Table& t = b.table("Terms by inverse document frequency", {"term", "documents", "idf", "largest weight"});
  for (size_t k = 0; k < order.size() && k < 300; ++k) {
    const size_t j = order[k];
    double top = kNaN;
    for (const auto& row : m) {
      if (j < row.size() && !(row[j] <= top)) top = row[j];
    }
    t.rows.push_back({terms[j], j < df.size() ? fmt_int(df[j]) : "–", j < idf.size() ? fmt(idf[j], 3) : "–", fmt(top, 3)});
  }
  if (terms.size() > 300) t.caption += " (300 of " + std::to_string(terms.size()) + ")";
  b.fact("Terms", fmt_int(static_cast<double>(terms.size())));
}

}  // namespace

void add_evaluation_views(std::vector<KernelViews>& out) {
  out.push_back({"metrics", {{"confusion", metrics, {}}}});
  out.push_back({"roc", {{"roc", roc, roc_overlay}, {"scores", roc_scores, {}}}});
  out.push_back({"regression_metrics", {{"scatter", regression_metrics, {}}, {"residuals", regression_residuals, {}}}});
  out.push_back({"text", {{"steps", text_steps, {}}}});
  out.push_back({"tfidf", {{"heatmap", tfidf_heatmap, {}}, {"table", tfidf_table, {}}}});
}

}  // namespace kb::present::internal
