#include "kernels/data_generators.h"

#include <algorithm>
#include <cmath>

namespace kb::kernels {
namespace {

std::string positive(const char* name, long v, long min = 1) {
  if (v >= min) return {};
  return std::string(name) + " must be at least " + std::to_string(min) + ", got " +
         std::to_string(v);
}

std::string non_negative(const char* name, double v) {
  if (std::isfinite(v) && v >= 0) return {};
  return std::string(name) + " must be >= 0, got " + num(v);
}

}  // namespace

Result<ClassificationData> make_blobs(const BlobsOptions& o) {
  for (const std::string& e : {positive("n", o.n), positive("centers", o.centers),
                               positive("features", o.features),
                               non_negative("cluster_std", o.cluster_std)}) {
    if (!e.empty()) return fail(e);
  }
  if (o.centers > o.n) {
    return fail("centers (" + std::to_string(o.centers) + ") is larger than n (" +
                std::to_string(o.n) + ")");
  }
  if (!(o.center_box > 0)) return fail("center_box must be > 0, got " + num(o.center_box));
  Rng rng(o.seed);
  ClassificationData d;
  d.centers.resize(o.centers, o.features);
  for (int c = 0; c < o.centers; ++c) {
    for (int j = 0; j < o.features; ++j) {
      d.centers(c, j) = -o.center_box + 2 * o.center_box * uniform01(rng);
    }
  }
  d.x.resize(o.n, o.features);
  d.labels.resize(o.n);
  int row = 0;
  for (int c = 0; c < o.centers; ++c) {
    const int count = o.n / o.centers + (c < o.n % o.centers ? 1 : 0);
    for (int i = 0; i < count; ++i, ++row) {
      for (int j = 0; j < o.features; ++j) {
        d.x(row, j) = d.centers(c, j) + o.cluster_std * standard_normal(rng);
      }
      d.labels[row] = c;
    }
  }
  return d;
}

Result<ClassificationData> make_moons(const MoonsOptions& o) {
  if (auto e = positive("n", o.n, 2); !e.empty()) return fail(e);
  if (auto e = non_negative("noise", o.noise); !e.empty()) return fail(e);
  Rng rng(o.seed);
  const int outer = (o.n + 1) / 2, inner = o.n - outer;
  ClassificationData d;
  d.x.resize(o.n, 2);
  d.labels.resize(o.n);
  for (int i = 0; i < o.n; ++i) {
    const bool is_outer = i < outer;
    const int k = is_outer ? i : i - outer;
    const int count = is_outer ? outer : inner;
    const double t = count > 1 ? M_PI * k / (count - 1) : 0.0;
    const double px = is_outer ? std::cos(t) : 1 - std::cos(t);
    const double py = is_outer ? std::sin(t) : 0.5 - std::sin(t);
    d.x(i, 0) = px + o.noise * standard_normal(rng);
    d.x(i, 1) = py + o.noise * standard_normal(rng);
    d.labels[i] = is_outer ? 0 : 1;
  }
  return d;
}

Result<RegressionData> make_linear(const LinearOptions& o) {
  for (const std::string& e :
       {positive("n", o.n), positive("features", o.features), non_negative("noise", o.noise)}) {
    if (!e.empty()) return fail(e);
  }
  if (!o.coefficients.empty() && static_cast<int>(o.coefficients.size()) != o.features) {
    return fail("coefficients has " + std::to_string(o.coefficients.size()) +
                " values but features is " + std::to_string(o.features));
  }
  if (!(o.x_max > o.x_min)) {
    return fail("x_max (" + num(o.x_max) + ") must be larger than x_min (" + num(o.x_min) + ")");
  }
  Rng rng(o.seed);
  RegressionData d;
  d.true_coefficients.resize(o.features);
  for (int j = 0; j < o.features; ++j) {
    d.true_coefficients[j] = o.coefficients.empty() ? -3 + 6 * uniform01(rng) : o.coefficients[j];
  }
  d.true_intercept = o.intercept;
  d.x.resize(o.n, o.features);
  d.y.resize(o.n);
  for (int i = 0; i < o.n; ++i) {
    for (int j = 0; j < o.features; ++j) d.x(i, j) = o.x_min + (o.x_max - o.x_min) * uniform01(rng);
    d.y[i] = o.intercept + d.x.row(i).dot(d.true_coefficients) + o.noise * standard_normal(rng);
  }
  return d;
}

Result<ClassificationData> make_imbalanced(const ImbalancedOptions& o) {
  for (const std::string& e : {positive("n", o.n, 2), positive("features", o.features),
                               non_negative("separation", o.separation)}) {
    if (!e.empty()) return fail(e);
  }
  if (!(o.minority_fraction > 0 && o.minority_fraction <= 0.5)) {
    return fail("minority_fraction must be in (0, 0.5], got " + num(o.minority_fraction));
  }
  const int minority = std::max(1, static_cast<int>(std::lround(o.n * o.minority_fraction)));
  const int majority = o.n - minority;
  const double shift = o.separation / std::sqrt(static_cast<double>(o.features));
  Rng rng(o.seed);
  ClassificationData d;
  d.x.resize(o.n, o.features);
  d.labels.resize(o.n);
  for (int i = 0; i < o.n; ++i) {
    const bool minor = i >= majority;
    for (int j = 0; j < o.features; ++j) d.x(i, j) = (minor ? shift : 0.0) + standard_normal(rng);
    d.labels[i] = minor ? 1 : 0;
  }
  return d;
}

Result<ScoredLabels> make_scores(const ScoresOptions& o) {
  if (auto e = positive("n", o.n, 2); !e.empty()) return fail(e);
  if (!(o.positive_fraction > 0 && o.positive_fraction < 1)) {
    return fail("positive_fraction must be in (0, 1), got " + num(o.positive_fraction));
  }
  if (!std::isfinite(o.separation)) return fail("separation must be finite");
  const int positives =
      std::clamp(static_cast<int>(std::lround(o.n * o.positive_fraction)), 1, o.n - 1);
  Rng rng(o.seed);
  ScoredLabels d;
  for (int i = 0; i < o.n; ++i) {
    const bool pos = i < positives;
    d.scores.push_back((pos ? o.separation : 0.0) + standard_normal(rng));
    d.labels.push_back(pos ? 1 : 0);
  }
  return d;
}

Result<Predictions> make_classifications(const ClassificationsOptions& o) {
  if (auto e = positive("n", o.n); !e.empty()) return fail(e);
  if (auto e = positive("classes", o.classes, 2); !e.empty()) return fail(e);
  if (!(o.accuracy >= 0 && o.accuracy <= 1)) {
    return fail("accuracy must be in [0, 1], got " + num(o.accuracy));
  }
  Rng rng(o.seed);
  Predictions p;
  for (int i = 0; i < o.n; ++i) {
    const int actual = uniform_index(rng, o.classes);
    int predicted = actual;
    if (uniform01(rng) >= o.accuracy) {
      predicted = uniform_index(rng, o.classes - 1);
      if (predicted >= actual) ++predicted;  // any class but the right one
    }
    p.actual.push_back(actual);
    p.predicted.push_back(predicted);
  }
  return p;
}

Result<std::vector<double>> make_skewed(const SkewedOptions& o) {
  if (auto e = positive("n", o.n); !e.empty()) return fail(e);
  if (auto e = non_negative("sigma", o.sigma); !e.empty()) return fail(e);
  if (!std::isfinite(o.mu) || o.mu > 300) return fail("mu must be finite and at most 300");
  Rng rng(o.seed);
  std::vector<double> v(o.n);
  for (double& x : v) x = std::exp(o.mu + o.sigma * standard_normal(rng));
  return v;
}

Result<TimeSeries> make_time_series(const TimeSeriesOptions& o) {
  for (const std::string& e :
       {positive("n", o.n, 2), positive("period", o.period, 2), non_negative("amplitude", o.amplitude),
        non_negative("noise", o.noise), non_negative("anomaly_size", o.anomaly_size)}) {
    if (!e.empty()) return fail(e);
  }
  if (o.anomalies < 0 || o.anomalies > o.n) {
    return fail("anomalies must be in [0, n], got " + std::to_string(o.anomalies));
  }
  if (!std::isfinite(o.level) || !std::isfinite(o.trend)) return fail("level and trend must be finite");
  const bool mult = o.model == SeasonalModel::kMultiplicative;
  if (mult) {
    if (!(o.level > 0)) return fail("a multiplicative series needs level > 0, got " + num(o.level));
    if (o.amplitude >= o.level) {
      return fail("a multiplicative series needs amplitude < level (the swing is amplitude/level = " +
                  num(o.amplitude / o.level) + " of the trend)");
    }
    if (o.level + o.trend * (o.n - 1) <= 0) {
      return fail("a multiplicative series needs a positive trend throughout; level + trend·(n-1) = " +
                  num(o.level + o.trend * (o.n - 1)));
    }
  }
  Rng rng(o.seed);
  TimeSeries s;
  for (int t = 0; t < o.n; ++t) {
    const double trend = o.level + o.trend * t;
    const double wave = std::sin(2 * M_PI * t / o.period);
    const double eps = standard_normal(rng);
    double seasonal, noise, y;
    if (mult) {
      seasonal = 1 + (o.amplitude / o.level) * wave;
      noise = 1 + (o.noise / o.level) * eps;
      y = trend * seasonal * noise;
    } else {
      seasonal = o.amplitude * wave;
      noise = o.noise * eps;
      y = trend + seasonal + noise;
    }
    s.trend.push_back(trend);
    s.seasonal.push_back(seasonal);
    s.noise.push_back(noise);
    s.values.push_back(y);
  }
  std::vector<int> times = iota_indices(o.n);
  shuffle(times, rng);
  times.resize(o.anomalies);
  std::sort(times.begin(), times.end());
  for (int t : times) s.values[t] += (uniform01(rng) < 0.5 ? -1 : 1) * o.anomaly_size;
  s.anomaly_times = times;
  return s;
}

Result<Corpus> make_corpus(const CorpusOptions& o) {
  static const char* const kNames[] = {"streaming data", "model training", "cooking", "football"};
  static const std::vector<std::vector<const char*>> kVocabulary = {
      {"stream", "streams", "streaming", "shard", "shards", "record", "records", "kinesis",
       "firehose", "ingest", "ingestion", "buffer", "buffering", "partition", "partitions",
       "delivery", "consumer", "consumers", "throughput"},
      {"model", "models", "training", "trained", "train", "gradient", "gradients", "epoch",
       "epochs", "loss", "weights", "learning", "optimizer", "validation", "overfitting",
       "accuracy"},
      {"recipe", "recipes", "cooking", "cooked", "oven", "baking", "baked", "flour", "sugar",
       "butter", "onion", "onions", "garlic", "simmer", "simmering", "sauce"},
      {"goal", "goals", "match", "matches", "player", "players", "scored", "scoring", "referee",
       "striker", "defender", "defenders", "league", "season", "coach", "penalty"}};
  static const char* const kStopWords[] = {"the", "a", "and", "of", "to", "in",
                                           "is", "with", "for", "on", "it", "this"};
  if (auto e = positive("documents", o.documents); !e.empty()) return fail(e);
  if (auto e = positive("words_per_document", o.words_per_document); !e.empty()) return fail(e);
  if (o.topics < 1 || o.topics > 4) return fail("topics must be in [1, 4], got " + std::to_string(o.topics));
  if (!(o.purity >= 0 && o.purity <= 1)) return fail("purity must be in [0, 1], got " + num(o.purity));
  if (!(o.stop_word_rate >= 0 && o.stop_word_rate <= 1)) {
    return fail("stop_word_rate must be in [0, 1], got " + num(o.stop_word_rate));
  }
  Rng rng(o.seed);
  Corpus c;
  for (int t = 0; t < o.topics; ++t) c.topic_names.push_back(kNames[t]);
  for (int d = 0; d < o.documents; ++d) {
    const int topic = d % o.topics;
    std::string doc;
    for (int w = 0; w < o.words_per_document; ++w) {
      int from = topic;
      if (o.topics > 1 && uniform01(rng) >= o.purity) {
        from = uniform_index(rng, o.topics - 1);
        if (from >= topic) ++from;
      }
      const auto& vocab = kVocabulary[from];
      if (!doc.empty()) doc += ' ';
      doc += vocab[uniform_index(rng, static_cast<int>(vocab.size()))];
      if (w + 1 < o.words_per_document && uniform01(rng) < o.stop_word_rate) {
        doc += ' ';
        doc += kStopWords[uniform_index(rng, 12)];
      }
    }
    doc += '.';
    c.documents.push_back(doc);
    c.topic_of_document.push_back(topic);
  }
  return c;
}

}  // namespace kb::kernels
