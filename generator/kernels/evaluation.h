// Evaluation: confusion matrix and the metrics read off it, ROC curve and
// AUC, and regression errors.
//
// Contract:
// - Classification: predicted and actual labels of equal, non-zero length.
//   The confusion matrix has one row per actual class and one column per
//   predicted class (scikit-learn's layout), classes ascending over both
//   lists. A ratio whose denominator is 0 (precision of a class never
//   predicted) is reported as 0, as scikit-learn does.
// - ROC: scores (finite) and labels 0/1 with both present; 1 is positive.
//   Tied scores form one step, drawn as a diagonal segment, so the area by
//   trapezoids equals the Mann–Whitney probability P(score⁺ > score⁻) +
//   ½ P(tie). Cost O(n log n).
// - Regression: predicted and actual finite values of equal, non-zero length.
//   MAPE is undefined when an actual value is 0 (then it is empty).
// Errors name the offending input; nothing throws. Thread safety: pure functions.
#pragma once

#include "kernels/common.h"
#include "kernels/result.h"

#include <optional>
#include <vector>

namespace kb::kernels {

struct ClassMetrics {
  double precision = 0;    // TP / (TP + FP)
  double recall = 0;       // TP / (TP + FN), also called sensitivity or true-positive rate
  double f1 = 0;           // harmonic mean of precision and recall
  double specificity = 0;  // TN / (TN + FP)
  int support = 0;         // actual members of the class (TP + FN)
};

struct ConfusionMatrix {
  std::vector<int> classes;               // ascending
  std::vector<std::vector<long>> matrix;  // [actual][predicted] counts
  double accuracy = 0;                    // trace / total
  std::vector<ClassMetrics> per_class;    // one-vs-rest, order of classes
  ClassMetrics macro;                     // unweighted mean of per_class (support: total)
  ClassMetrics micro;                     // from TP, FP, FN, TN summed over classes (precision = recall = accuracy for single-label data)
  ClassMetrics weighted;                  // per_class averaged with support as weight
  // The headline numbers: the positive class's metrics when there are two
  // classes (the larger label, e.g. 1 of 0/1, unless `positive` says
  // otherwise), the macro average when there are more.
  ClassMetrics headline;                  // see above
  int positive_class = 0;                 // two classes: the positive label; more: -1
};

// `positive` (two classes only) names the positive label; nullopt = the larger one.
Result<ConfusionMatrix> confusion_matrix(const Labels& predicted, const Labels& actual,
                                         std::optional<int> positive = std::nullopt);

struct RocCurve {
  std::vector<double> fpr;         // false-positive rate, from 0 up to 1
  std::vector<double> tpr;         // true-positive rate, from 0 up to 1
  std::vector<double> thresholds;  // score >= threshold is called positive; first is +infinity
  double auc = 0;                  // area under (fpr, tpr) by trapezoids
};
Result<RocCurve> roc_curve(const std::vector<double>& scores, const Labels& labels);

// AUC as the Mann–Whitney U statistic over P·N (ranks with ties averaged),
// computed independently of roc_curve.
Result<double> mann_whitney_auc(const std::vector<double>& scores, const Labels& labels);

struct RegressionMetrics {
  double mse = 0;              // mean squared error
  double rmse = 0;             // its square root
  double mae = 0;              // mean absolute error
  std::optional<double> mape;  // mean |error| / |actual| as a fraction (0.1 = 10%); empty if an actual is 0
  double r2 = 0;               // 1 - SSE / SST (0 if the actuals are constant)
};
Result<RegressionMetrics> regression_metrics(const std::vector<double>& predicted,
                                             const std::vector<double>& actual);

}  // namespace kb::kernels
