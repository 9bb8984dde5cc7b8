// Synthetic data sets for the demos: blobs, moons, a noisy linear relation,
// imbalanced classes, score/label pairs, predictions with a chosen accuracy,
// skewed values, a seasonal time series with anomalies, and a tiny text
// corpus with known topics.
//
// Contract: each generator is a pure function of its options (the seed
// included): the same options give the same data on every platform. Sizes
// are checked first; a bad option (n < 1, more centers than points, a
// fraction outside its range, a negative spread) gives an error naming it.
// Cost is O(n · features) time and memory (corpus: O(documents · words)).
#pragma once

#include "kernels/common.h"
#include "kernels/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kb::kernels {

// ---- blobs: isotropic Gaussian clusters ----
struct BlobsOptions {
  int n = 300;                // points in total, split as evenly as possible (the first clusters get the remainder)
  int centers = 3;            // number of clusters, 1..n
  int features = 2;           // dimensions, >= 1
  double cluster_std = 1.0;   // standard deviation of each cluster around its center, >= 0
  double center_box = 10.0;   // centers are uniform in [-center_box, center_box] per dimension, > 0
  uint64_t seed = 42;         // random seed
};
struct ClassificationData {
  Matrix x;        // n × features
  Labels labels;   // class of each row (blobs: its cluster 0..centers-1)
  Matrix centers;  // blobs: the true centers (centers × features); else empty
};
Result<ClassificationData> make_blobs(const BlobsOptions& options);

// ---- moons: two interleaving half circles ----
struct MoonsOptions {
  int n = 200;           // points in total (outer moon gets the extra one), >= 2
  double noise = 0.1;    // standard deviation of Gaussian noise added to each coordinate, >= 0
  uint64_t seed = 42;    // random seed
};
// Class 0 is the upper moon (cos t, sin t), class 1 the lower (1 - cos t, 0.5 - sin t), t in [0, π].
Result<ClassificationData> make_moons(const MoonsOptions& options);

// ---- linear: y = intercept + x · coefficients + noise ----
struct LinearOptions {
  int n = 100;                       // samples, >= 1
  int features = 1;                  // dimensions, >= 1
  std::vector<double> coefficients;  // true slopes (size = features); empty: drawn uniform in [-3, 3]
  double intercept = 2.0;            // true intercept
  double noise = 1.0;                // standard deviation of the Gaussian noise on y, >= 0
  double x_min = 0.0;                // each feature is uniform in [x_min, x_max]
  double x_max = 10.0;               // > x_min
  uint64_t seed = 42;                // random seed
};
struct RegressionData {
  Matrix x;                   // n × features
  Vector y;                   // n targets
  Vector true_coefficients;   // the slopes used
  double true_intercept = 0;  // the intercept used
};
Result<RegressionData> make_linear(const LinearOptions& options);

// ---- imbalanced: a large class 0 and a small class 1 ----
struct ImbalancedOptions {
  int n = 500;                     // samples in total, >= 2
  double minority_fraction = 0.1;  // share of class 1, in (0, 0.5]; at least one sample
  int features = 2;                // dimensions, >= 1
  double separation = 2.5;         // distance between the two class means (unit-variance Gaussians), >= 0
  uint64_t seed = 42;              // random seed
};
// Majority first, then minority; labels 0 (majority) and 1 (minority).
Result<ClassificationData> make_imbalanced(const ImbalancedOptions& options);

// ---- scores: classifier scores for ROC curves ----
struct ScoresOptions {
  int n = 200;                     // samples, >= 2
  double positive_fraction = 0.5;  // share of label 1, in (0, 1); at least one of each label
  double separation = 1.5;         // positives ~ N(separation, 1), negatives ~ N(0, 1)
  uint64_t seed = 42;              // random seed
};
struct ScoredLabels {
  std::vector<double> scores;  // higher means "more likely positive"
  Labels labels;               // 0 or 1
};
Result<ScoredLabels> make_scores(const ScoresOptions& options);

// ---- classifications: predictions with a chosen accuracy ----
struct ClassificationsOptions {
  int n = 100;            // samples, >= 1
  int classes = 2;        // number of classes, >= 2; labels are 0..classes-1, uniform
  double accuracy = 0.8;  // chance a prediction is right, in [0, 1]; a wrong one is a uniform other class
  uint64_t seed = 42;     // random seed
};
struct Predictions {
  Labels predicted;  // prediction per sample
  Labels actual;     // true label per sample
};
Result<Predictions> make_classifications(const ClassificationsOptions& options);

// ---- skewed: right-skewed positive values (log-normal), for binning and scaling ----
struct SkewedOptions {
  int n = 200;          // samples, >= 1
  double mu = 3.0;      // mean of log(value)
  double sigma = 0.8;   // standard deviation of log(value), >= 0
  uint64_t seed = 42;   // random seed
};
Result<std::vector<double>> make_skewed(const SkewedOptions& options);

// ---- time series: trend + seasonality + noise (+ anomalies) ----
enum class SeasonalModel { kAdditive, kMultiplicative };
struct TimeSeriesOptions {
  int n = 120;                 // observations (t = 0..n-1), >= 2
  int period = 12;             // season length in observations, >= 2
  double level = 10.0;         // value of the trend at t = 0; multiplicative needs > 0
  double trend = 0.1;          // change of the trend per observation
  double amplitude = 2.0;      // seasonal swing (sine) in series units at t = 0, >= 0;
                               // multiplicative: relative swing amplitude / level, which must be < 1
  double noise = 0.3;          // standard deviation of the noise in series units at t = 0, >= 0
  SeasonalModel model = SeasonalModel::kAdditive;  // how the parts combine
  int anomalies = 0;           // spikes injected at distinct random times, 0..n
  double anomaly_size = 6.0;   // spike height in series units (sign random), >= 0
  uint64_t seed = 42;          // random seed
};
struct TimeSeries {
  std::vector<double> values;    // the observed series
  std::vector<double> trend;     // level + trend · t
  std::vector<double> seasonal;  // additive: the seasonal term; multiplicative: the factor (mean 1)
  std::vector<double> noise;     // additive: the noise term; multiplicative: the factor (around 1)
  std::vector<int> anomaly_times;  // ascending
};
// additive:       y = trend + seasonal + noise
// multiplicative: y = trend · seasonal · noise, seasonal = 1 + (amplitude/level) sin(2πt/period),
//                 noise = 1 + (noise/level) ε
// Anomalies are added to y afterwards in both models.
Result<TimeSeries> make_time_series(const TimeSeriesOptions& options);

// ---- corpus: short documents, each about one of a few topics ----
struct CorpusOptions {
  int documents = 12;            // number of documents, >= 1
  int words_per_document = 30;   // content words per document (stop words come on top), >= 1
  int topics = 3;                // topics in use, 1..4 (streaming data, model training, cooking, football)
  double purity = 0.85;          // chance a content word comes from the document's own topic, in [0, 1]
  double stop_word_rate = 0.3;   // chance a stop word follows a content word, in [0, 1]
  uint64_t seed = 42;            // random seed
};
struct Corpus {
  std::vector<std::string> documents;    // lower-case words separated by spaces, ending in "."
  std::vector<int> topic_of_document;    // the topic each document was drawn from (document i: i mod topics)
  std::vector<std::string> topic_names;  // the topics in use
};
Result<Corpus> make_corpus(const CorpusOptions& options);

}  // namespace kb::kernels
