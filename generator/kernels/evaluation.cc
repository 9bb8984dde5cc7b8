#include "kernels/evaluation.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kb::kernels {
namespace {

double ratio(double a, double b) { return b > 0 ? a / b : 0.0; }

ClassMetrics metrics_from(double tp, double fp, double fn, double tn) {
  ClassMetrics m;
  m.precision = ratio(tp, tp + fp);
  m.recall = ratio(tp, tp + fn);
  m.f1 = ratio(2 * m.precision * m.recall, m.precision + m.recall);
  m.specificity = ratio(tn, tn + fp);
  m.support = static_cast<int>(tp + fn);
  return m;
}

std::string check_scores(const std::vector<double>& scores, const Labels& labels) {
  if (scores.empty()) return "no scores";
  if (auto e = check_same_length(static_cast<long>(scores.size()), "scores",
                                 static_cast<long>(labels.size()), "labels");
      !e.empty()) {
    return e;
  }
  for (size_t i = 0; i < scores.size(); ++i) {
    if (!std::isfinite(scores[i])) return "score " + std::to_string(i + 1) + " is not finite";
  }
  return check_binary_labels(labels, "labels");
}

}  // namespace

Result<ConfusionMatrix> confusion_matrix(const Labels& predicted, const Labels& actual,
                                         std::optional<int> positive) {
  if (actual.empty()) return fail("no labels");
  if (auto e = check_same_length(static_cast<long>(predicted.size()), "predictions",
                                 static_cast<long>(actual.size()), "labels");
      !e.empty()) {
    return fail(e);
  }
  ConfusionMatrix r;
  Labels all = actual;
  all.insert(all.end(), predicted.begin(), predicted.end());
  r.classes = distinct_labels(all);
  const size_t c = r.classes.size();
  r.matrix.assign(c, std::vector<long>(c, 0));
  const std::vector<int> a = class_indices(actual, r.classes), p = class_indices(predicted, r.classes);
  for (size_t i = 0; i < actual.size(); ++i) ++r.matrix[a[i]][p[i]];
  const double total = static_cast<double>(actual.size());
  double trace = 0, tp_sum = 0, fp_sum = 0, fn_sum = 0, tn_sum = 0;
  for (size_t k = 0; k < c; ++k) {
    double row = 0, col = 0;
    for (size_t j = 0; j < c; ++j) {
      row += r.matrix[k][j];
      col += r.matrix[j][k];
    }
    const double tp = r.matrix[k][k], fn = row - tp, fp = col - tp, tn = total - tp - fn - fp;
    trace += tp;
    tp_sum += tp;
    fp_sum += fp;
    fn_sum += fn;
    tn_sum += tn;
    r.per_class.push_back(metrics_from(tp, fp, fn, tn));
  }
  r.accuracy = trace / total;
  r.micro = metrics_from(tp_sum, fp_sum, fn_sum, tn_sum);
  for (const ClassMetrics& m : r.per_class) {
    const double w = m.support / total;
    r.macro.precision += m.precision / c;
    r.macro.recall += m.recall / c;
    r.macro.f1 += m.f1 / c;
    r.macro.specificity += m.specificity / c;
    r.weighted.precision += w * m.precision;
    r.weighted.recall += w * m.recall;
    r.weighted.f1 += w * m.f1;
    r.weighted.specificity += w * m.specificity;
  }
  r.macro.support = r.weighted.support = static_cast<int>(total);
  if (positive && c > 2) return fail("a positive class only applies to two classes; there are " + std::to_string(c));
  if (c == 2) {
    r.positive_class = positive ? *positive : r.classes[1];
    const auto it = std::find(r.classes.begin(), r.classes.end(), r.positive_class);
    if (it == r.classes.end()) {
      return fail("positive class " + std::to_string(r.positive_class) + " is not one of the labels");
    }
    r.headline = r.per_class[it - r.classes.begin()];
  } else if (c == 1) {
    r.positive_class = r.classes[0];
    r.headline = r.per_class[0];
  } else {
    r.positive_class = -1;
    r.headline = r.macro;
  }
  return r;
}

Result<RocCurve> roc_curve(const std::vector<double>& scores, const Labels& labels) {
  if (auto e = check_scores(scores, labels); !e.empty()) return fail(e);
  std::vector<int> order = iota_indices(static_cast<int>(scores.size()));
  std::sort(order.begin(), order.end(), [&](int a, int b) { return scores[a] > scores[b]; });
  double pos = 0, neg = 0;
  for (int l : labels) (l == 1 ? pos : neg) += 1;
  RocCurve r;
  r.fpr.push_back(0);
  r.tpr.push_back(0);
  r.thresholds.push_back(std::numeric_limits<double>::infinity());
  double tp = 0, fp = 0;
  for (size_t i = 0; i < order.size();) {
    const double s = scores[order[i]];
    while (i < order.size() && scores[order[i]] == s) {  // one step per distinct score
      (labels[order[i]] == 1 ? tp : fp) += 1;
      ++i;
    }
    const double x = fp / neg, y = tp / pos;
    r.auc += (x - r.fpr.back()) * (y + r.tpr.back()) / 2;
    r.fpr.push_back(x);
    r.tpr.push_back(y);
    r.thresholds.push_back(s);
  }
  return r;
}

Result<double> mann_whitney_auc(const std::vector<double>& scores, const Labels& labels) {
  if (auto e = check_scores(scores, labels); !e.empty()) return fail(e);
  const int n = static_cast<int>(scores.size());
  std::vector<int> order = iota_indices(n);
  std::sort(order.begin(), order.end(), [&](int a, int b) { return scores[a] < scores[b]; });
  std::vector<double> rank(n);
  for (int i = 0; i < n;) {
    int j = i;
    while (j < n && scores[order[j]] == scores[order[i]]) ++j;
    const double mid = (i + 1 + j) / 2.0;  // mean of ranks i+1..j
    for (int t = i; t < j; ++t) rank[order[t]] = mid;
    i = j;
  }
  double pos = 0, rank_sum = 0;
  for (int i = 0; i < n; ++i) {
    if (labels[i] == 1) {
      pos += 1;
      rank_sum += rank[i];
    }
  }
  const double neg = n - pos;
  const double u = rank_sum - pos * (pos + 1) / 2;
  return u / (pos * neg);
}

Result<RegressionMetrics> regression_metrics(const std::vector<double>& predicted,
                                             const std::vector<double>& actual) {
  if (actual.empty()) return fail("no values");
  if (auto e = check_same_length(static_cast<long>(predicted.size()), "predictions",
                                 static_cast<long>(actual.size()), "actual values");
      !e.empty()) {
    return fail(e);
  }
  const double n = static_cast<double>(actual.size());
  double mean = 0;
  for (size_t i = 0; i < actual.size(); ++i) {
    if (!std::isfinite(predicted[i])) return fail("prediction " + std::to_string(i + 1) + " is not finite");
    if (!std::isfinite(actual[i])) return fail("actual value " + std::to_string(i + 1) + " is not finite");
    mean += actual[i] / n;
  }
  RegressionMetrics m;
  double sse = 0, sst = 0, abs_sum = 0, pct = 0;
  bool mape_defined = true;
  for (size_t i = 0; i < actual.size(); ++i) {
    const double e = predicted[i] - actual[i];
    sse += e * e;
    abs_sum += std::abs(e);
    sst += (actual[i] - mean) * (actual[i] - mean);
    if (actual[i] == 0) mape_defined = false;
    else pct += std::abs(e / actual[i]);
  }
  m.mse = sse / n;
  m.rmse = std::sqrt(m.mse);
  m.mae = abs_sum / n;
  if (mape_defined) m.mape = pct / n;
  m.r2 = sst > 0 ? 1 - sse / sst : 0.0;
  return m;
}

}  // namespace kb::kernels
