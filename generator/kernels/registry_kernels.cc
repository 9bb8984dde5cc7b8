// The table of kernels: each entry's spec (parameters, output fields) and
// the runner that turns parsed parameters into the kernel call and its
// result into JSON. Keep specs and runners side by side: a runner reads only
// the parameters its spec declares and writes every output its spec lists
// (registry_test.cc checks both for every kernel).
#include "kernels/anomaly.h"
#include "kernels/clustering.h"
#include "kernels/data_generators.h"
#include "kernels/decomposition.h"
#include "kernels/distributions.h"
#include "kernels/evaluation.h"
#include "kernels/linear_models.h"
#include "kernels/neighbors.h"
#include "kernels/neural.h"
#include "kernels/preprocessing.h"
#include "kernels/registry_internal.h"
#include "kernels/text.h"
#include "kernels/time_series.h"
#include "kernels/topics.h"
#include "kernels/trees.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace kb::kernels::registry_detail {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kMaxSeed = 9007199254740991.0;  // 2^53 - 1: exact in a double and in TOML

// ---- spec builders ----
ParamSpec p_int(std::string name, std::string def, double lo, double hi, std::string desc) {
  return {std::move(name), ParamType::kInt, std::move(def), lo, hi, {}, std::move(desc)};
}
ParamSpec p_real(std::string name, std::string def, double lo, double hi, std::string desc) {
  return {std::move(name), ParamType::kReal, std::move(def), lo, hi, {}, std::move(desc)};
}
ParamSpec p_bool(std::string name, std::string def, std::string desc) {
  return {std::move(name), ParamType::kBool, std::move(def), -kInf, kInf, {}, std::move(desc)};
}
ParamSpec p_choice(std::string name, std::vector<std::string> choices, std::string desc) {
  std::string def = choices.front();
  return {std::move(name), ParamType::kChoice, std::move(def), -kInf, kInf, std::move(choices), std::move(desc)};
}
ParamSpec p_string(std::string name, std::string def, std::string desc) {
  return {std::move(name), ParamType::kString, std::move(def), -kInf, kInf, {}, std::move(desc)};
}
ParamSpec p_ints(std::string name, std::string def, double lo, double hi, std::string desc) {
  return {std::move(name), ParamType::kIntList, std::move(def), lo, hi, {}, std::move(desc)};
}
ParamSpec p_reals(std::string name, std::string def, double lo, double hi, std::string desc) {
  return {std::move(name), ParamType::kRealList, std::move(def), lo, hi, {}, std::move(desc)};
}
ParamSpec p_seed(std::string def = "42") {
  return p_int("seed", std::move(def), 0, kMaxSeed, "random seed: the same seed gives the same result");
}
ParamSpec p_test_fraction(std::string def) {
  return p_real("test_fraction", std::move(def), 0, 0.9,
                "share of rows held out at random for testing (0 = train on all rows)");
}
ParamSpec p_grid() {
  return p_int("grid", "40", 0, 200,
               "resolution of the decision-surface grid drawn behind 2-feature data (0 = none)");
}

using Runner = std::function<Result<json>(const Args&)>;
using Generator = std::function<Result<Generated>(const Args&)>;

struct SpecText {
  const char* name;
  const char* family;
  const char* summary;
  const char* input;
};

KernelEntry make(SpecText t, std::vector<std::string> generators, std::map<std::string, std::string> data_defaults,
                 std::vector<ParamSpec> params, std::vector<OutputSpec> outputs, Runner run,
                 Generator generate = nullptr, int version = 1) {
  KernelEntry e;
  e.spec.name = t.name;
  e.spec.version = version;
  e.spec.family = t.family;
  e.spec.summary = t.summary;
  e.spec.input = t.input;
  e.spec.data_generators = std::move(generators);
  e.spec.data_defaults = std::move(data_defaults);
  e.spec.params = std::move(params);
  e.spec.outputs = std::move(outputs);
  e.run = std::move(run);
  e.generate = std::move(generate);
  return e;
}

// ---- small conversions ----
json ints(const std::vector<int>& v) { return json(v); }

json labels_json(const Vector& y) {
  json a = json::array();
  for (Eigen::Index i = 0; i < y.size(); ++i) a.push_back(static_cast<long long>(std::llround(y[i])));
  return a;
}

std::vector<double> to_std(const Vector& v) { return std::vector<double>(v.data(), v.data() + v.size()); }

Vector to_vector(const std::vector<double>& v) {
  Vector out(static_cast<Eigen::Index>(v.size()));
  for (size_t i = 0; i < v.size(); ++i) out[static_cast<Eigen::Index>(i)] = v[i];
  return out;
}

Vector labels_vector(const Labels& l) {
  Vector out(static_cast<Eigen::Index>(l.size()));
  for (size_t i = 0; i < l.size(); ++i) out[static_cast<Eigen::Index>(i)] = l[i];
  return out;
}

std::vector<double> labels_double(const Labels& l) { return std::vector<double>(l.begin(), l.end()); }

std::vector<std::string> feature_names(int d) {
  std::vector<std::string> names;
  for (int j = 1; j <= d; ++j) names.push_back("x" + std::to_string(j));
  return names;
}

double accuracy_of(const Labels& predicted, const Labels& actual) {
  if (actual.empty()) return NAN;
  int right = 0;
  for (size_t i = 0; i < actual.size(); ++i) right += predicted[i] == actual[i];
  return static_cast<double>(right) / actual.size();
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t end = s.find(',', pos);
    if (end == std::string::npos) end = s.size();
    std::string item = s.substr(pos, end - pos);
    const size_t a = item.find_first_not_of(" \t"), b = item.find_last_not_of(" \t");
    if (a != std::string::npos) out.push_back(item.substr(a, b - a + 1));
    pos = end + 1;
  }
  return out;
}

Generated classification_table(const ClassificationData& d, json truth = json::object()) {
  Generated g;
  g.table.columns = feature_names(static_cast<int>(d.x.cols()));
  g.table.columns.push_back("label");
  g.table.values.resize(d.x.rows(), d.x.cols() + 1);
  g.table.values << d.x, labels_vector(d.labels);
  g.supervised = true;
  g.truth = std::move(truth);
  return g;
}

json classification_json(const Generated& g) {
  const Table& t = g.table;
  json j = g.truth;
  j["columns"] = t.columns;
  j["x"] = to_json(Matrix(t.values.leftCols(t.values.cols() - 1)));
  j["labels"] = labels_json(t.values.col(t.values.cols() - 1));
  return j;
}

// "" when every target is 0 or 1, else a message naming the first that is not and the way out.
std::string binary_target(const Data& d, const std::string& fix) {
  for (Eigen::Index i = 0; i < d.y.size(); ++i) {
    if (d.y[i] != 0 && d.y[i] != 1) {
      return "column \"" + d.target_name + "\" row " + std::to_string(i + 1) + " holds " + num(d.y[i]) +
             ", but this needs labels 0 and 1; " + fix;
    }
  }
  return {};
}

// Classification data split for training and testing.
struct Prepared {
  Data data;
  Labels labels;
  RowSplit split;
  Matrix x_train, x_test;
  Labels y_train, y_test;
};

Result<Prepared> prepare_classification(const Args& a, bool binary) {
  Prepared p;
  auto d = load_data(a, DataRole::kSupervised);
  if (!d) return fail(d.error);
  p.data = std::move(*d);
  auto labels = to_labels(p.data.y, p.data.target_name);
  if (!labels) return fail(labels.error);
  p.labels = std::move(*labels);
  if (binary) {
    if (auto e = check_binary_labels(p.labels, "column \"" + p.data.target_name + "\""); !e.empty()) {
      return fail(e);
    }
  }
  auto split = split_rows(static_cast<int>(p.labels.size()), a.real("test_fraction"), a.seed());
  if (!split) return fail(split.error);
  p.split = std::move(*split);
  p.x_train = take_rows(p.data.x, p.split.train);
  p.y_train = take(p.labels, p.split.train);
  p.x_test = take_rows(p.data.x, p.split.test);
  p.y_test = take(p.labels, p.split.test);
  return p;
}

void add_split(json& j, const Prepared& p, const std::function<Labels(const Matrix&)>& predict) {
  j["train_accuracy"] = number(accuracy_of(predict(p.x_train), p.y_train));
  j["test_accuracy"] = p.split.test.empty() ? json(nullptr) : number(accuracy_of(predict(p.x_test), p.y_test));
  j["test_rows"] = ints(p.split.test);
  j["predictions"] = ints(predict(p.data.x));
  j["data"] = data_json(p.data);
}

std::function<std::vector<double>(const Matrix&)> as_doubles(std::function<Labels(const Matrix&)> f) {
  return [f](const Matrix& m) { return labels_double(f(m)); };
}

const std::vector<OutputSpec> kClassifierOutputs = {
    {"train_accuracy", "share of training rows classified correctly"},
    {"test_accuracy", "share of held-out rows classified correctly (null without a test split)"},
    {"test_rows", "indices of the held-out rows"},
    {"predictions", "predicted class of every row"},
    {"grid", "decision surface for 2-feature data: {x, y, predictions[row for each y][column for each x]}; null otherwise"},
    {"data", "the data used: {columns, x (feature rows), y (labels), generated, truth}"},
};

std::vector<OutputSpec> with_classifier_outputs(std::vector<OutputSpec> own) {
  own.insert(own.end(), kClassifierOutputs.begin(), kClassifierOutputs.end());
  return own;
}

Activation activation_of(const std::string& s) {
  if (s == "sigmoid") return Activation::kSigmoid;
  if (s == "relu") return Activation::kRelu;
  if (s == "leaky_relu") return Activation::kLeakyRelu;
  if (s == "identity") return Activation::kIdentity;
  return Activation::kTanh;
}

WeightInit init_of(const std::string& s) {
  if (s == "xavier") return WeightInit::kXavier;
  if (s == "he") return WeightInit::kHe;
  return WeightInit::kAuto;
}

json distribution_json(const DistributionTable& t, const char* density_name) {
  return {{"x", to_json(t.x)},
          {density_name, to_json(t.density)},
          {"cdf", to_json(t.cdf)},
          {"mean", number(t.mean)},
          {"variance", number(t.variance)},
          {"samples", to_json(t.samples)},
          {"sample_mean", t.samples.empty() ? json(nullptr) : number(t.sample_mean)},
          {"sample_variance", t.samples.size() < 2 ? json(nullptr) : number(t.sample_variance)},
          {"histogram", {{"edges", to_json(t.histogram_edges)}, {"counts", t.histogram_counts}}}};
}

std::vector<OutputSpec> distribution_outputs(const char* density_name, const char* density_desc) {
  return {{"x", "support points (discrete) or grid (continuous)"},
          {density_name, density_desc},
          {"cdf", "P(X <= x)"},
          {"mean", "theoretical mean"},
          {"variance", "theoretical variance"},
          {"samples", "the random draws (empty when samples = 0)"},
          {"sample_mean", "mean of the draws (null without draws)"},
          {"sample_variance", "variance of the draws, n - 1 denominator (null for fewer than 2)"},
          {"histogram", "{edges, counts} of the draws"}};
}

std::vector<KernelEntry> build();

}  // namespace

const std::vector<KernelEntry>& entries() {
  static const std::vector<KernelEntry> table = build();
  return table;
}

namespace {

// ======================= data generators =======================

Result<Generated> gen_blobs(const Args& a) {
  auto d = make_blobs({a.int32("n"), a.int32("centers"), a.int32("features"), a.real("cluster_std"),
                       a.real("center_box"), a.seed()});
  if (!d) return fail(d.error);
  return classification_table(*d, {{"centers", to_json(d->centers)}});
}

Result<Generated> gen_moons(const Args& a) {
  auto d = make_moons({a.int32("n"), a.real("noise"), a.seed()});
  if (!d) return fail(d.error);
  return classification_table(*d);
}

Result<Generated> gen_linear(const Args& a) {
  LinearOptions o;
  o.n = a.int32("n");
  o.features = a.int32("features");
  o.coefficients = a.list("coefficients");
  if (!o.coefficients.empty() && !a.given("features")) o.features = static_cast<int>(o.coefficients.size());
  o.intercept = a.real("intercept");
  o.noise = a.real("noise");
  o.x_min = a.real("x_min");
  o.x_max = a.real("x_max");
  o.seed = a.seed();
  auto d = make_linear(o);
  if (!d) return fail(d.error);
  Generated g;
  g.table.columns = feature_names(o.features);
  g.table.columns.push_back("y");
  g.table.values.resize(d->x.rows(), d->x.cols() + 1);
  g.table.values << d->x, d->y;
  g.supervised = true;
  g.truth = {{"true_coefficients", to_json(d->true_coefficients)}, {"true_intercept", d->true_intercept}};
  return g;
}

Result<Generated> gen_imbalanced(const Args& a) {
  auto d = make_imbalanced({a.int32("n"), a.real("minority_fraction"), a.int32("features"), a.real("separation"),
                            a.seed()});
  if (!d) return fail(d.error);
  return classification_table(*d);
}

Result<Generated> gen_scores(const Args& a) {
  auto d = make_scores({a.int32("n"), a.real("positive_fraction"), a.real("separation"), a.seed()});
  if (!d) return fail(d.error);
  Generated g;
  g.table.columns = {"score", "label"};
  g.table.values.resize(static_cast<Eigen::Index>(d->scores.size()), 2);
  g.table.values << to_vector(d->scores), labels_vector(d->labels);
  g.supervised = true;
  return g;
}

Result<Generated> gen_classifications(const Args& a) {
  auto d = make_classifications({a.int32("n"), a.int32("classes"), a.real("accuracy"), a.seed()});
  if (!d) return fail(d.error);
  Generated g;
  g.table.columns = {"prediction", "label"};
  g.table.values.resize(static_cast<Eigen::Index>(d->actual.size()), 2);
  g.table.values << labels_vector(d->predicted), labels_vector(d->actual);
  g.supervised = true;
  return g;
}

Result<Generated> gen_skewed(const Args& a) {
  auto d = make_skewed({a.int32("n"), a.real("mu"), a.real("sigma"), a.seed()});
  if (!d) return fail(d.error);
  Generated g;
  g.table.columns = {"value"};
  g.table.values = to_vector(*d);
  return g;
}

Result<Generated> gen_time_series(const Args& a) {
  TimeSeriesOptions o;
  o.n = a.int32("n");
  o.period = a.int32("period");
  o.level = a.real("level");
  o.trend = a.real("trend");
  o.amplitude = a.real("amplitude");
  o.noise = a.real("noise");
  o.model = a.text("model") == "multiplicative" ? SeasonalModel::kMultiplicative : SeasonalModel::kAdditive;
  o.anomalies = a.int32("anomalies");
  o.anomaly_size = a.real("anomaly_size");
  o.seed = a.seed();
  auto s = make_time_series(o);
  if (!s) return fail(s.error);
  Generated g;
  g.table.columns = {"value"};
  g.table.values = to_vector(s->values);
  g.truth = {{"trend", to_json(s->trend)},
             {"seasonal", to_json(s->seasonal)},
             {"noise", to_json(s->noise)},
             {"anomalies", ints(s->anomaly_times)}};
  return g;
}

Result<json> run_corpus(const Args& a) {
  auto c = make_corpus({a.int32("documents"), a.int32("words_per_document"), a.int32("topics"), a.real("purity"),
                        a.real("stop_word_rate"), a.seed()});
  if (!c) return fail(c.error);
  return json{{"documents", c->documents}, {"topics", c->topic_of_document}, {"topic_names", c->topic_names}};
}

template <class Gen, class Out>
Runner generator_runner(Gen gen, Out out) {
  return [gen, out](const Args& a) -> Result<json> {
    auto g = gen(a);
    if (!g) return fail(g.error);
    return out(*g);
  };
}

void add_generators(std::vector<KernelEntry>& t) {
  const std::vector<std::string> none;
  t.push_back(make({"blobs", "data", "Gaussian clusters around random centers.", ""}, none, {},
                   {p_int("n", "300", 1, 100000, "points in total"),
                    p_int("centers", "3", 1, 100, "number of clusters"),
                    p_int("features", "2", 1, 100, "dimensions"),
                    p_real("cluster_std", "1.0", 0, 1000, "standard deviation of each cluster"),
                    p_real("center_box", "10.0", 1e-6, 1e6, "centers are uniform in [-center_box, center_box]"),
                    p_seed()},
                   {{"columns", "x1..xd, label"}, {"x", "points, one row each"}, {"labels", "cluster of each point"},
                    {"centers", "true centers, one row each"}},
                   generator_runner(gen_blobs, classification_json), gen_blobs));
  t.push_back(make({"moons", "data", "Two interleaving half circles (class 0 upper, class 1 lower).", ""}, none, {},
                   {p_int("n", "200", 2, 100000, "points in total"),
                    p_real("noise", "0.1", 0, 10, "standard deviation of the Gaussian noise"), p_seed()},
                   {{"columns", "x1, x2, label"}, {"x", "points"}, {"labels", "moon of each point (0 or 1)"}},
                   generator_runner(gen_moons, classification_json), gen_moons));
  t.push_back(make({"linear", "data", "A linear relation with Gaussian noise: y = intercept + x·w + noise.", ""}, none,
                   {},
                   {p_int("n", "100", 1, 100000, "samples"),
                    p_int("features", "1", 1, 100, "dimensions (taken from coefficients when those are given)"),
                    p_reals("coefficients", "", -1e6, 1e6, "true slopes, comma-separated (empty: random in [-3, 3])"),
                    p_real("intercept", "2.0", -1e6, 1e6, "true intercept"),
                    p_real("noise", "1.0", 0, 1e6, "standard deviation of the noise on y"),
                    p_real("x_min", "0", -1e6, 1e6, "features are uniform in [x_min, x_max]"),
                    p_real("x_max", "10", -1e6, 1e6, "upper end of the feature range"), p_seed()},
                   {{"columns", "x1..xd, y"}, {"x", "feature rows"}, {"y", "targets"},
                    {"true_coefficients", "slopes used"}, {"true_intercept", "intercept used"}},
                   generator_runner(gen_linear,
                                    [](const Generated& g) {
                                      json j = g.truth;
                                      const Matrix& v = g.table.values;
                                      j["columns"] = g.table.columns;
                                      j["x"] = to_json(Matrix(v.leftCols(v.cols() - 1)));
                                      j["y"] = to_json(Vector(v.col(v.cols() - 1)));
                                      return j;
                                    }),
                   gen_linear));
  t.push_back(make({"imbalanced", "data", "A large class 0 and a small class 1 (unit Gaussians).", ""}, none, {},
                   {p_int("n", "500", 2, 100000, "samples in total"),
                    p_real("minority_fraction", "0.1", 0.001, 0.5, "share of class 1"),
                    p_int("features", "2", 1, 100, "dimensions"),
                    p_real("separation", "2.5", 0, 100, "distance between the class means"), p_seed()},
                   {{"columns", "x1..xd, label"}, {"x", "points"}, {"labels", "0 (majority) or 1 (minority)"}},
                   generator_runner(gen_imbalanced, classification_json), gen_imbalanced));
  t.push_back(make({"scores", "data", "Classifier scores: positives ~ N(separation, 1), negatives ~ N(0, 1).", ""},
                   none, {},
                   {p_int("n", "200", 2, 100000, "samples"),
                    p_real("positive_fraction", "0.5", 0.01, 0.99, "share of label 1"),
                    p_real("separation", "1.5", -20, 20, "distance between the score means"), p_seed()},
                   {{"columns", "score, label"}, {"scores", "score per sample"}, {"labels", "0 or 1"}},
                   generator_runner(gen_scores,
                                    [](const Generated& g) {
                                      return json{{"columns", g.table.columns},
                                                  {"scores", to_json(Vector(g.table.values.col(0)))},
                                                  {"labels", labels_json(g.table.values.col(1))}};
                                    }),
                   gen_scores));
  t.push_back(make({"classifications", "data", "Predictions with a chosen accuracy, for confusion matrices.", ""},
                   none, {},
                   {p_int("n", "100", 1, 100000, "samples"), p_int("classes", "2", 2, 50, "number of classes"),
                    p_real("accuracy", "0.8", 0, 1, "chance a prediction is right"), p_seed()},
                   {{"columns", "prediction, label"}, {"predictions", "predicted class"}, {"labels", "true class"}},
                   generator_runner(gen_classifications,
                                    [](const Generated& g) {
                                      return json{{"columns", g.table.columns},
                                                  {"predictions", labels_json(g.table.values.col(0))},
                                                  {"labels", labels_json(g.table.values.col(1))}};
                                    }),
                   gen_classifications));
  t.push_back(make({"skewed", "data", "Right-skewed positive values (log-normal), for binning and scaling.", ""}, none,
                   {},
                   {p_int("n", "200", 1, 100000, "samples"), p_real("mu", "3.0", -50, 50, "mean of log(value)"),
                    p_real("sigma", "0.8", 0, 5, "standard deviation of log(value)"), p_seed()},
                   {{"columns", "value"}, {"values", "the samples"}},
                   generator_runner(gen_skewed,
                                    [](const Generated& g) {
                                      return json{{"columns", g.table.columns},
                                                  {"values", to_json(Vector(g.table.values.col(0)))}};
                                    }),
                   gen_skewed));
  t.push_back(make({"time_series", "data",
                    "Trend + seasonality + noise, additive or multiplicative, with optional injected anomalies.", ""},
                   none, {},
                   {p_int("n", "120", 2, 100000, "observations"),
                    p_int("period", "12", 2, 10000, "season length in observations"),
                    p_real("level", "10", -1e6, 1e6, "trend value at t = 0"),
                    p_real("trend", "0.1", -1e6, 1e6, "trend change per observation"),
                    p_real("amplitude", "2", 0, 1e6,
                           "seasonal swing at t = 0 (multiplicative: relative swing amplitude/level, below 1)"),
                    p_real("noise", "0.3", 0, 1e6, "noise standard deviation at t = 0"),
                    p_choice("model", {"additive", "multiplicative"}, "how trend, season and noise combine"),
                    p_int("anomalies", "0", 0, 100000, "spikes injected at random times"),
                    p_real("anomaly_size", "6", 0, 1e6, "spike height (sign random)"), p_seed()},
                   {{"columns", "value"}, {"t", "0..n-1"}, {"values", "the observed series"},
                    {"trend", "true trend"}, {"seasonal", "true seasonal term (multiplicative: factor)"},
                    {"noise", "true noise term (multiplicative: factor)"}, {"anomalies", "times of the spikes"}},
                   generator_runner(gen_time_series,
                                    [](const Generated& g) {
                                      json j = g.truth;
                                      std::vector<int> t(g.table.values.rows());
                                      for (size_t i = 0; i < t.size(); ++i) t[i] = static_cast<int>(i);
                                      j["columns"] = g.table.columns;
                                      j["t"] = t;
                                      j["values"] = to_json(Vector(g.table.values.col(0)));
                                      return j;
                                    }),
                   gen_time_series));
  t.push_back(make({"corpus", "data",
                    "Short documents, each about one of up to four topics (streaming data, model training, cooking, "
                    "football), with stop words mixed in.",
                    ""},
                   none, {},
                   {p_int("documents", "12", 1, 10000, "number of documents"),
                    p_int("words_per_document", "30", 1, 10000, "content words per document"),
                    p_int("topics", "3", 1, 4, "topics in use"),
                    p_real("purity", "0.85", 0, 1, "chance a word comes from the document's own topic"),
                    p_real("stop_word_rate", "0.3", 0, 1, "chance a stop word follows a content word"), p_seed()},
                   {{"documents", "the texts"}, {"topics", "the topic each document was drawn from"},
                    {"topic_names", "names of the topics in use"}},
                   run_corpus));
}

// ======================= supervised =======================

const std::vector<std::string> kClassData = {"blobs", "moons", "imbalanced"};
const std::vector<std::string> kBinaryData = {"blobs", "moons", "imbalanced"};
const std::vector<std::string> kRegressionData = {"linear"};
const char* kSupervisedInput = "numeric columns: features, then the label (whole numbers) last";
const char* kRegressionInput = "numeric columns: features, then the target last";

Result<json> run_linear_regression(const Args& a) {
  auto d = load_data(a, DataRole::kSupervised);
  if (!d) return fail(d.error);
  json j;
  auto closed = fit_linear_regression(d->x, d->y, {a.flag("fit_intercept"), a.real("l2")});
  if (!closed) return fail(closed.error);
  Vector w = closed->coefficients;
  double b = closed->intercept;
  j["loss_curve"] = nullptr;
  j["epochs_run"] = nullptr;
  j["converged"] = nullptr;
  j["diverged"] = nullptr;
  j["optimal_mse"] = closed->mse;
  j["rank"] = closed->rank;
  if (a.text("method") == "gradient_descent") {
    if (a.real("l2") != 0) return fail("l2 applies to method=closed_form only");
    GradientDescentOptions o;
    o.learning_rate = a.real("learning_rate");
    o.epochs = a.int32("epochs");
    o.fit_intercept = a.flag("fit_intercept");
    o.tolerance = a.real("tolerance");
    auto gd = linear_regression_gradient_descent(d->x, d->y, o);
    if (!gd) return fail(gd.error);
    w = gd->coefficients;
    b = gd->intercept;
    j["loss_curve"] = to_json(gd->loss_curve);
    j["epochs_run"] = gd->epochs_run;
    j["converged"] = gd->converged;
    j["diverged"] = gd->diverged;
  }
  const Vector fitted = (d->x * w).array() + b;
  const double mse = (fitted - d->y).squaredNorm() / d->y.size();
  const double sst = (d->y.array() - d->y.mean()).square().sum();
  j["coefficients"] = to_json(w);
  j["intercept"] = number(b);
  j["mse"] = number(mse);
  j["rmse"] = number(std::sqrt(mse));
  j["r2"] = sst > 0 ? number(1 - mse * d->y.size() / sst) : json(0.0);
  j["fitted"] = to_json(fitted);
  j["data"] = data_json(*d);
  return j;
}

Result<json> run_learning_rates(const Args& a) {
  auto d = load_data(a, DataRole::kSupervised);
  if (!d) return fail(d.error);
  const std::vector<double>& rates = a.list("learning_rates");
  if (rates.empty()) return fail("learning_rates is empty; give at least one, e.g. \"0.001,0.01,0.03\"");
  auto closed = fit_linear_regression(d->x, d->y, {a.flag("fit_intercept"), 0.0});
  if (!closed) return fail(closed.error);
  json curves = json::array(), diverged = json::array(), final_mse = json::array();
  for (double rate : rates) {
    GradientDescentOptions o;
    o.learning_rate = rate;
    o.epochs = a.int32("epochs");
    o.fit_intercept = a.flag("fit_intercept");
    o.tolerance = 0;
    auto gd = linear_regression_gradient_descent(d->x, d->y, o);
    if (!gd) return fail(gd.error);
    curves.push_back(to_json(gd->loss_curve));
    diverged.push_back(gd->diverged);
    final_mse.push_back(number(gd->loss_curve.back()));
  }
  return json{{"learning_rates", rates}, {"loss_curves", curves}, {"diverged", diverged},
              {"final_mse", final_mse},  {"optimal_mse", closed->mse}, {"data", data_json(*d)}};
}

Result<json> run_logistic_regression(const Args& a) {
  auto p = prepare_classification(a, true);
  if (!p) return fail(p.error);
  LogisticRegressionOptions o;
  o.learning_rate = a.real("learning_rate");
  o.epochs = a.int32("epochs");
  o.l2 = a.real("l2");
  o.fit_intercept = a.flag("fit_intercept");
  o.tolerance = a.real("tolerance");
  auto m = fit_logistic_regression(p->x_train, p->y_train, o);
  if (!m) return fail(m.error);
  const LogisticModel model = *m;
  auto classify = [model](const Matrix& x) {
    Labels out;
    for (double q : predict_probability(model, x)) out.push_back(q >= 0.5 ? 1 : 0);
    return out;
  };
  json j{{"coefficients", to_json(model.coefficients)},
         {"intercept", number(model.intercept)},
         {"loss_curve", to_json(model.loss_curve)},
         {"probabilities", to_json(predict_probability(model, p->data.x))},
         {"epochs_run", model.epochs_run},
         {"converged", model.converged}};
  add_split(j, *p, classify);
  j["grid"] = decision_grid(p->data.x, a.int32("grid"), [model](const Matrix& x) { return predict_probability(model, x); });
  return j;
}

Result<json> run_regularization_path(const Args& a) {
  auto d = load_data(a, DataRole::kSupervised);
  if (!d) return fail(d.error);
  RegularizationPathOptions o;
  o.penalty = a.text("penalty") == "l2" ? Penalty::kL2 : Penalty::kL1;
  o.lambdas = a.int32("lambdas");
  o.lambda_max = a.real("lambda_max");
  o.lambda_min_ratio = a.real("lambda_min_ratio");
  o.standardize = a.flag("standardize");
  o.max_iterations = a.int32("max_iterations");
  o.tolerance = a.real("tolerance");
  auto r = regularization_path(d->x, d->y, o);
  if (!r) return fail(r.error);
  return json{{"lambdas", to_json(r->lambdas)},     {"coefficients", to_json(r->coefficients)},
              {"intercepts", to_json(r->intercepts)}, {"nonzero", r->nonzero},
              {"means", to_json(r->means)},           {"scales", to_json(r->scales)},
              {"feature_names", d->feature_names},    {"data", data_json(*d)}};
}

Result<json> run_knn(const Args& a) {
  auto p = prepare_classification(a, false);
  if (!p) return fail(p.error);
  KnnOptions o;
  o.k = a.int32("k");
  o.distance_weighted = a.text("weights") == "distance";
  o.metric = a.text("metric") == "manhattan" ? DistanceMetric::kManhattan : DistanceMetric::kEuclidean;
  if (o.k > static_cast<int>(p->y_train.size())) {
    return fail("k (" + std::to_string(o.k) + ") is larger than the number of training points (" +
                std::to_string(p->y_train.size()) + ")");
  }
  const Matrix x_train = p->x_train;
  const Labels y_train = p->y_train;
  std::string error;
  auto classify = [x_train, y_train, o, &error](const Matrix& x) {
    auto r = knn_classify(x_train, y_train, x, o);
    if (!r) {
      error = r.error;
      return Labels(x.rows(), 0);
    }
    return r->predictions;
  };
  json j{{"classes", distinct_labels(y_train)}};
  add_split(j, *p, classify);
  j["grid"] = decision_grid(p->data.x, a.int32("grid"), as_doubles(classify));
  if (!error.empty()) return fail(error);
  return j;
}

json tree_nodes_json(const DecisionTree& tree, const std::vector<std::string>& names) {
  json nodes = json::array();
  for (size_t id = 0; id < tree.nodes.size(); ++id) {
    const TreeNode& n = tree.nodes[id];
    const bool leaf = n.feature < 0;
    nodes.push_back({{"id", id},
                     {"leaf", leaf},
                     {"feature", leaf ? json(nullptr) : json(n.feature)},
                     {"feature_name", leaf ? json(nullptr) : json(names[n.feature])},
                     {"threshold", leaf ? json(nullptr) : number(n.threshold)},
                     {"gini", n.gini},
                     {"entropy", n.entropy},
                     {"impurity", n.impurity},
                     {"samples", n.samples},
                     {"counts", n.counts},
                     {"prediction", n.prediction},
                     {"left", leaf ? json(nullptr) : json(n.left)},
                     {"right", leaf ? json(nullptr) : json(n.right)},
                     {"depth", n.depth}});
  }
  return nodes;
}

TreeOptions tree_options(const Args& a) {
  TreeOptions o;
  o.criterion = a.text("criterion") == "entropy" ? SplitCriterion::kEntropy : SplitCriterion::kGini;
  o.max_depth = a.int32("max_depth");
  o.min_samples_leaf = a.int32("min_samples_leaf");
  o.seed = a.seed();
  return o;
}

Result<json> run_decision_tree(const Args& a) {
  auto p = prepare_classification(a, false);
  if (!p) return fail(p.error);
  TreeOptions o = tree_options(a);
  o.min_samples_split = a.int32("min_samples_split");
  auto tree = fit_decision_tree(p->x_train, p->y_train, o);
  if (!tree) return fail(tree.error);
  const DecisionTree model = *tree;
  auto classify = [model](const Matrix& x) { return predict(model, x); };
  json j{{"nodes", tree_nodes_json(model, p->data.feature_names)},
         {"text", to_text(model, p->data.feature_names)},
         {"classes", model.classes},
         {"feature_importance", to_json(model.feature_importance)}};
  add_split(j, *p, classify);
  j["grid"] = decision_grid(p->data.x, a.int32("grid"), as_doubles(classify));
  return j;
}

Result<json> run_random_forest(const Args& a) {
  auto p = prepare_classification(a, false);
  if (!p) return fail(p.error);
  ForestOptions o;
  o.trees = a.int32("trees");
  o.tree = tree_options(a);
  o.tree.max_features = a.int32("max_features");
  o.bootstrap = a.flag("bootstrap");
  o.seed = a.seed();
  auto forest = fit_random_forest(p->x_train, p->y_train, o);
  if (!forest) return fail(forest.error);
  const RandomForest model = *forest;
  auto classify = [model](const Matrix& x) { return predict(model, x); };
  json j{{"oob_error", number(model.oob_error)},
         {"oob_error_curve", to_json(model.oob_error_curve)},
         {"oob_rows", model.oob_rows},
         {"classes", model.classes},
         {"feature_importance", to_json(model.feature_importance)}};
  add_split(j, *p, classify);
  j["grid"] = decision_grid(p->data.x, a.int32("grid"), as_doubles(classify));
  return j;
}

Result<json> run_gradient_boosting(const Args& a) {
  const bool logistic = a.text("loss") == "logistic";
  auto d = load_data(a, DataRole::kSupervised);
  if (!d) return fail(d.error);
  if (logistic) {
    if (auto e = binary_target(*d, "use loss=squared for a numeric target"); !e.empty()) return fail(e);
  }
  auto split = split_rows(static_cast<int>(d->y.size()), a.real("test_fraction"), a.seed());
  if (!split) return fail(split.error);
  const Matrix x_train = take_rows(d->x, split->train), x_test = take_rows(d->x, split->test);
  const Vector y_train = take(d->y, split->train), y_test = take(d->y, split->test);
  BoostingOptions o;
  o.loss = logistic ? BoostingLoss::kLogistic : BoostingLoss::kSquared;
  o.rounds = a.int32("rounds");
  o.learning_rate = a.real("learning_rate");
  o.max_depth = a.int32("max_depth");
  o.min_samples_leaf = a.int32("min_samples_leaf");
  o.subsample = a.real("subsample");
  o.seed = a.seed();
  auto m = fit_gradient_boosting(x_train, y_train, o);
  if (!m) return fail(m.error);
  const GradientBoosting model = *m;
  auto sigmoid = [](double z) { return 1 / (1 + std::exp(-z)); };
  auto loss_of = [&](const std::vector<double>& f, const Vector& y) {
    double s = 0;
    for (Eigen::Index i = 0; i < y.size(); ++i) {
      s += logistic ? std::max(f[i], 0.0) + std::log1p(std::exp(-std::abs(f[i]))) - y[i] * f[i]
                    : (y[i] - f[i]) * (y[i] - f[i]);
    }
    return s / y.size();
  };
  json test_curve = nullptr;
  if (!split->test.empty()) {  // staged predictions on the held-out rows
    test_curve = json::array();
    std::vector<double> f(x_test.rows(), model.initial);
    test_curve.push_back(loss_of(f, y_test));
    for (const RegressionTree& tree : model.trees) {
      for (Eigen::Index i = 0; i < x_test.rows(); ++i) f[i] += model.learning_rate * predict(tree, x_test, i);
      test_curve.push_back(number(loss_of(f, y_test)));
    }
  }
  auto outputs = [model, logistic, sigmoid](const Matrix& x) {
    std::vector<double> f = decision_function(model, x);
    if (logistic) {
      for (double& v : f) v = sigmoid(v);
    }
    return f;
  };
  auto score = [&](const Matrix& x, const Vector& y) -> json {
    if (y.size() == 0) return nullptr;
    const std::vector<double> out = outputs(x);
    double s = 0;
    for (Eigen::Index i = 0; i < y.size(); ++i) {
      s += logistic ? ((out[i] >= 0.5) == (y[i] == 1)) : (out[i] - y[i]) * (out[i] - y[i]);
    }
    return number(logistic ? s / y.size() : std::sqrt(s / y.size()));
  };
  json j{{"initial", number(model.initial)},
         {"loss_curve", to_json(model.loss_curve)},
         {"test_loss_curve", test_curve},
         {"predictions", to_json(outputs(d->x))},
         {"test_rows", ints(split->test)},
         {"train_accuracy", logistic ? score(x_train, y_train) : json(nullptr)},
         {"test_accuracy", logistic ? score(x_test, y_test) : json(nullptr)},
         {"train_rmse", logistic ? json(nullptr) : score(x_train, y_train)},
         {"test_rmse", logistic ? json(nullptr) : score(x_test, y_test)},
         {"data", data_json(*d)}};
  j["grid"] = decision_grid(d->x, a.int32("grid"), outputs);
  return j;
}

Result<json> run_linear_svm(const Args& a) {
  auto p = prepare_classification(a, true);
  if (!p) return fail(p.error);
  LinearSvmOptions o;
  o.c = a.real("c");
  o.max_epochs = a.int32("max_epochs");
  o.tolerance = a.real("tolerance");
  o.seed = a.seed();
  auto m = fit_linear_svm(p->x_train, p->y_train, o);
  if (!m) return fail(m.error);
  const LinearSvm svm = *m;
  auto decision = [svm](const Matrix& x) {
    const Vector f = (x * svm.coefficients).array() + svm.intercept;
    return to_std(f);
  };
  auto classify = [decision](const Matrix& x) {
    Labels out;
    for (double f : decision(x)) out.push_back(f >= 0 ? 1 : 0);
    return out;
  };
  std::vector<int> support;
  for (int i : svm.support_vectors) support.push_back(p->split.train[i]);
  json j{{"coefficients", to_json(svm.coefficients)},
         {"intercept", number(svm.intercept)},
         {"margin", number(svm.margin)},
         {"support_vectors", support},
         {"alphas", to_json(svm.alphas)},
         {"decision", to_json(decision(p->data.x))},
         {"epochs_run", svm.epochs_run},
         {"converged", svm.converged}};
  add_split(j, *p, classify);
  j["grid"] = decision_grid(p->data.x, a.int32("grid"), decision);
  return j;
}

void add_supervised(std::vector<KernelEntry>& t) {
  t.push_back(make(
      {"linear_regression", "supervised", "Least squares by the closed form (QR) or by batch gradient descent.",
       kRegressionInput},
      kRegressionData, {},
      {p_choice("method", {"closed_form", "gradient_descent"}, "how the coefficients are found"),
       p_bool("fit_intercept", "true", "learn an intercept"),
       p_real("l2", "0", 0, 1e6, "ridge penalty λ on the slopes (closed_form only)"),
       p_real("learning_rate", "0.01", 1e-12, 1e6, "gradient-descent step size"),
       p_int("epochs", "1000", 1, 1000000, "gradient-descent updates"),
       p_real("tolerance", "1e-12", 0, 1, "stop when the loss falls by less than this share")},
      {{"coefficients", "slope per feature"},
       {"intercept", "intercept"},
       {"mse", "mean squared error on the data"},
       {"rmse", "its square root"},
       {"r2", "coefficient of determination"},
       {"fitted", "prediction for every row"},
       {"loss_curve", "gradient descent: MSE before and after every update (null for closed_form)"},
       {"epochs_run", "gradient descent: updates made"},
       {"converged", "gradient descent: stopped by the tolerance"},
       {"diverged", "gradient descent: the loss blew up (learning rate too high)"},
       {"optimal_mse", "the closed-form MSE, the floor gradient descent approaches"},
       {"rank", "numerical rank of the centred design (below the feature count: collinear features)"},
       {"data", "the data used"}},
      run_linear_regression));
  t.push_back(make(
      {"learning_rates", "supervised",
       "Gradient descent on least squares at several learning rates side by side: too low, right, too high.",
       kRegressionInput},
      kRegressionData, {},
      {p_reals("learning_rates", "0.0005,0.01,0.035", 1e-12, 1e6, "rates to compare, comma-separated"),
       p_int("epochs", "100", 1, 100000, "updates per rate"), p_bool("fit_intercept", "true", "learn an intercept")},
      {{"learning_rates", "the rates"},
       {"loss_curves", "MSE curve per rate (before and after every update; stops early when it blows up)"},
       {"diverged", "per rate: the loss blew up"},
       {"final_mse", "per rate: the last MSE"},
       {"optimal_mse", "the closed-form MSE"},
       {"data", "the data used"}},
      run_learning_rates));
  t.push_back(make({"logistic_regression", "supervised", "Binary logistic regression by batch gradient descent.",
                    "numeric columns: features, then the label (0 or 1) last"},
                   kBinaryData, {{"centers", "2"}},
                   {p_real("learning_rate", "0.1", 1e-12, 1e6, "gradient-descent step size"),
                    p_int("epochs", "1000", 1, 1000000, "updates"),
                    p_real("l2", "0", 0, 1e6, "penalty (l2/2)·‖w‖²"),
                    p_bool("fit_intercept", "true", "learn an intercept"),
                    p_real("tolerance", "1e-10", 0, 1, "stop when the loss falls by less than this share"),
                    p_test_fraction("0"), p_seed(), p_grid()},
                   with_classifier_outputs({{"coefficients", "weight per feature"},
                                            {"intercept", "bias"},
                                            {"loss_curve", "mean log loss before and after every update"},
                                            {"probabilities", "P(label = 1) for every row"},
                                            {"epochs_run", "updates made"},
                                            {"converged", "stopped by the tolerance"}}),
                   run_logistic_regression));
  t.push_back(make(
      {"regularization_path", "supervised",
       "Coefficients of lasso (L1) or ridge (L2) regression as the penalty λ shrinks; L1 sets some exactly to 0.",
       kRegressionInput},
      kRegressionData, {{"features", "8"}, {"coefficients", "4,-3,2,0,0,1,0,0"}, {"noise", "2"}},
      {p_choice("penalty", {"l1", "l2"}, "lasso (l1) or ridge (l2)"),
       p_int("lambdas", "30", 1, 1000, "points on the path"),
       p_real("lambda_max", "0", 0, 1e9, "largest λ (0 = where the lasso zeroes every slope)"),
       p_real("lambda_min_ratio", "0.001", 1e-9, 1, "smallest λ as a share of the largest"),
       p_bool("standardize", "true", "scale features to unit variance first"),
       p_int("max_iterations", "10000", 1, 1000000, "coordinate-descent sweeps per λ (l1)"),
       p_real("tolerance", "1e-10", 1e-15, 1, "l1: stop when no slope moves more than this")},
      {{"lambdas", "penalties, largest first"},
       {"coefficients", "one row of slopes per λ (on the standardised scale when standardize)"},
       {"intercepts", "intercept per λ"},
       {"nonzero", "slopes not exactly 0, per λ"},
       {"means", "feature means subtracted"},
       {"scales", "feature scales divided out"},
       {"feature_names", "column names of the features"},
       {"data", "the data used"}},
      run_regularization_path));
  t.push_back(make({"knn", "supervised", "k-nearest-neighbour classification.", kSupervisedInput}, kClassData, {},
                   {p_int("k", "5", 1, 10000, "neighbours that vote"),
                    p_choice("weights", {"uniform", "distance"}, "every vote counts 1, or 1/distance"),
                    p_choice("metric", {"euclidean", "manhattan"}, "distance"), p_test_fraction("0.3"), p_seed(),
                    p_grid()},
                   with_classifier_outputs({{"classes", "the class labels"}}), run_knn));
  t.push_back(make(
      {"decision_tree", "supervised", "A CART classification tree split by Gini impurity or entropy.", kSupervisedInput},
      kClassData, {},
      {p_choice("criterion", {"gini", "entropy"}, "impurity the splits minimise"),
       p_int("max_depth", "3", 0, 30, "deepest level (root = 0)"),
       p_int("min_samples_split", "2", 2, 100000, "a node with fewer rows is a leaf"),
       p_int("min_samples_leaf", "1", 1, 100000, "each child keeps at least this many rows"), p_test_fraction("0"),
       p_seed(), p_grid()},
      with_classifier_outputs(
          {{"nodes",
            "pre-order, root first: {id, leaf, feature, feature_name, threshold (go left when x <= threshold), gini, "
            "entropy, impurity, samples, counts, prediction, left, right, depth}; feature and threshold are null at "
            "leaves"},
           {"text", "the tree as indented text"},
           {"classes", "class labels in the order of counts"},
           {"feature_importance", "impurity decrease per feature, summing to 1"}}),
      run_decision_tree));
  t.push_back(make(
      {"random_forest", "supervised", "Bagged decision trees with random feature subsets and out-of-bag error.",
       kSupervisedInput},
      kClassData, {},
      {p_int("trees", "100", 1, 2000, "number of trees"),
       p_choice("criterion", {"gini", "entropy"}, "impurity the splits minimise"),
       p_int("max_depth", "10", 0, 50, "deepest level per tree"),
       p_int("min_samples_leaf", "1", 1, 100000, "rows per leaf at least"),
       p_int("max_features", "0", 0, 10000, "features tried per split (0 = round(sqrt(features)))"),
       p_bool("bootstrap", "true", "each tree sees a bootstrap sample (needed for the OOB error)"),
       p_test_fraction("0"), p_seed(), p_grid()},
      with_classifier_outputs({{"oob_error", "share of rows misclassified by the trees that did not see them"},
                               {"oob_error_curve", "OOB error after 1, 2, ... trees"},
                               {"oob_rows", "rows with at least one out-of-bag vote"},
                               {"classes", "class labels"},
                               {"feature_importance", "mean impurity decrease per feature, summing to 1"}}),
      run_random_forest));
  t.push_back(make(
      {"gradient_boosting", "supervised",
       "Gradient-boosted regression trees: log loss for 0/1 labels or squared error for a numeric target.",
       "numeric columns: features, then the target (0/1 for loss=logistic) last"},
      {"moons", "blobs", "imbalanced", "linear"}, {{"centers", "2"}},
      {p_choice("loss", {"logistic", "squared"}, "log loss (labels 0/1) or squared error (regression)"),
       p_int("rounds", "100", 1, 5000, "trees added"),
       p_real("learning_rate", "0.1", 1e-6, 1, "shrinkage of each tree"),
       p_int("max_depth", "3", 0, 20, "depth of each tree"),
       p_int("min_samples_leaf", "1", 1, 100000, "rows per leaf at least"),
       p_real("subsample", "1", 0.01, 1, "share of rows each tree is fitted on"), p_test_fraction("0.25"), p_seed(),
       p_grid()},
      {{"initial", "F0: mean target or log-odds of class 1"},
       {"loss_curve", "training loss before and after each round"},
       {"test_loss_curve", "held-out loss before and after each round (null without a test split)"},
       {"predictions", "P(label = 1) (logistic) or predicted value (squared), every row"},
       {"test_rows", "indices of held-out rows"},
       {"train_accuracy", "logistic: training accuracy (else null)"},
       {"test_accuracy", "logistic: held-out accuracy (else null)"},
       {"train_rmse", "squared: training RMSE (else null)"},
       {"test_rmse", "squared: held-out RMSE (else null)"},
       {"grid", "2-feature data: predictions over a grid {x, y, predictions}; else null"},
       {"data", "the data used"}},
      run_gradient_boosting));
  t.push_back(make({"linear_svm", "supervised", "Soft-margin linear support vector machine (dual coordinate descent).",
                    "numeric columns: features, then the label (0 or 1) last"},
                   kBinaryData, {{"centers", "2"}},
                   {p_real("c", "1", 1e-6, 1e6, "cost of margin violations (large: hard margin)"),
                    p_int("max_epochs", "1000", 1, 100000, "passes over the data"),
                    p_real("tolerance", "1e-4", 1e-12, 1, "stopping gap"), p_test_fraction("0"), p_seed(), p_grid()},
                   with_classifier_outputs({{"coefficients", "w"},
                                            {"intercept", "b"},
                                            {"margin", "margin width 2/‖w‖"},
                                            {"support_vectors", "rows with a non-zero dual weight"},
                                            {"alphas", "dual weight per training row"},
                                            {"decision", "w·x + b for every row"},
                                            {"epochs_run", "passes made"},
                                            {"converged", "stopped by the tolerance"}}),
                   run_linear_svm));
}

// ======================= unsupervised =======================

const std::vector<std::string> kPointData = {"blobs", "moons", "imbalanced"};
const char* kFeatureInput = "numeric columns, every one a feature";

KMeansInit kmeans_init(const Args& a) {
  return a.text("init") == "random" ? KMeansInit::kRandom : KMeansInit::kPlusPlus;
}

Result<json> run_kmeans(const Args& a) {
  auto d = load_data(a, DataRole::kFeatures);
  if (!d) return fail(d.error);
  KMeansOptions o;
  o.k = a.int32("k");
  o.init = kmeans_init(a);
  o.max_iterations = a.int32("max_iterations");
  o.restarts = a.int32("restarts");
  o.seed = a.seed();
  auto r = kmeans(d->x, o);
  if (!r) return fail(r.error);
  return json{{"inertia", r->inertia},
              {"centroids", to_json(r->centroids)},
              {"labels", r->labels},
              {"inertia_history", to_json(r->inertia_history)},
              {"iterations", r->iterations},
              {"converged", r->converged},
              {"initial_centroids", to_json(r->initial_centroids)},
              {"data", data_json(*d)}};
}

Result<json> run_elbow(const Args& a) {
  auto d = load_data(a, DataRole::kFeatures);
  if (!d) return fail(d.error);
  ElbowOptions o;
  o.k_min = a.int32("k_min");
  o.k_max = a.int32("k_max");
  o.kmeans.init = kmeans_init(a);
  o.kmeans.restarts = a.int32("restarts");
  o.kmeans.seed = a.seed();
  auto r = elbow_curve(d->x, o);
  if (!r) return fail(r.error);
  return json{{"ks", r->ks}, {"inertias", to_json(r->inertias)}, {"data", data_json(*d)}};
}

Result<json> run_pca(const Args& a) {
  auto d = load_data(a, DataRole::kFeatures);
  if (!d) return fail(d.error);
  auto r = pca(d->x, {a.int32("components"), a.flag("standardize")});
  if (!r) return fail(r.error);
  return json{{"explained_variance_ratio", to_json(r->explained_variance_ratio)},
              {"explained_variance", to_json(r->explained_variance)},
              {"cumulative_ratio", to_json(r->cumulative_ratio)},
              {"all_variances", to_json(r->all_variances)},
              {"total_variance", r->total_variance},
              {"components", to_json(r->components)},
              {"mean", to_json(r->mean)},
              {"scale", to_json(r->scale)},
              {"projection", to_json(r->projection)},
              {"data", data_json(*d)}};
}

TextPipelineOptions pipeline_options(const Args& a) {
  TextPipelineOptions o;
  o.remove_stop_words = a.flag("remove_stop_words");
  o.stem = a.flag("stem");
  o.ngram = a.int32("ngram");
  return o;
}

Result<std::vector<std::vector<std::string>>> documents_terms(const std::vector<std::string>& docs,
                                                               const TextPipelineOptions& o) {
  std::vector<std::vector<std::string>> out;
  for (const std::string& doc : docs) {
    auto p = process_text(doc, o);
    if (!p) return fail(p.error);
    out.push_back(std::move(p->terms));
  }
  return out;
}

Result<json> run_lda(const Args& a) {
  json truth = nullptr;
  auto docs = load_documents(a, &truth);
  if (!docs) return fail(docs.error);
  TextPipelineOptions po;
  po.remove_stop_words = a.flag("remove_stop_words");
  po.stem = a.flag("stem");
  auto terms = documents_terms(*docs, po);
  if (!terms) return fail(terms.error);
  LdaOptions o;
  o.topics = a.int32("topics");
  o.alpha = a.real("alpha");
  o.beta = a.real("beta");
  o.iterations = a.int32("iterations");
  o.top_words = a.int32("top_words");
  o.seed = a.seed();
  auto r = lda(*terms, o);
  if (!r) return fail(r.error);
  json topics = json::array();
  for (size_t k = 0; k < r->top_words.size(); ++k) {
    topics.push_back({{"words", r->top_words[k]}, {"weights", to_json(r->top_weights[k])}});
  }
  return json{{"topics", topics},
              {"vocabulary", r->vocabulary},
              {"topic_word", to_json(r->topic_word)},
              {"document_topic", to_json(r->document_topic)},
              {"log_likelihood", to_json(r->log_likelihood)},
              {"documents", *docs},
              {"truth", truth}};
}

Result<json> run_random_cut_forest(const Args& a) {
  auto d = load_data(a, DataRole::kFeatures);
  if (!d) return fail(d.error);
  const int shingle = a.int32("shingle_size");
  const int n = static_cast<int>(d->x.rows());
  Matrix points;
  const bool series_mode = shingle > 1 && d->x.cols() == 1;
  if (series_mode) {  // windows of consecutive values, each scored at its last time
    if (n < shingle) {
      return fail("shingle_size (" + std::to_string(shingle) + ") is larger than the series (" + std::to_string(n) +
                  " values)");
    }
    const Vector series = d->x.col(0);
    points.resize(n - shingle + 1, shingle);
    for (int i = 0; i + shingle <= n; ++i) points.row(i) = series.segment(i, shingle).transpose();
  } else {
    points = d->x;
  }
  RandomCutForestOptions o;
  o.trees = a.int32("trees");
  o.sample_size = a.int32("sample_size");
  o.seed = a.seed();
  auto r = random_cut_forest(points, o);
  if (!r) return fail(r.error);
  const double threshold = r->mean + a.real("threshold_sd") * r->stdev;
  json scores = json::array();
  std::vector<int> anomalies;
  const int offset = series_mode ? shingle - 1 : 0;
  for (int i = 0; i < offset; ++i) scores.push_back(nullptr);
  for (size_t i = 0; i < r->scores.size(); ++i) {
    scores.push_back(r->scores[i]);
    if (r->scores[i] > threshold) anomalies.push_back(static_cast<int>(i) + offset);
  }
  return json{{"scores", scores},       {"threshold", threshold}, {"anomalies", anomalies},
              {"mean", r->mean},        {"stdev", r->stdev},      {"data", data_json(*d)}};
}

void add_unsupervised(std::vector<KernelEntry>& t) {
  const ParamSpec init = p_choice("init", {"kmeans++", "random"}, "seeding: k-means++ (D² sampling) or random points");
  t.push_back(make({"kmeans", "unsupervised", "k-means clustering (Lloyd's algorithm).", kFeatureInput}, kPointData, {},
                   {p_int("k", "3", 1, 1000, "clusters"), init,
                    p_int("max_iterations", "300", 1, 100000, "assignment/update rounds"),
                    p_int("restarts", "1", 1, 100, "independent runs; the lowest inertia wins"), p_seed()},
                   {{"inertia", "sum of squared distances of points to their centroid"},
                    {"centroids", "one row per cluster"},
                    {"labels", "cluster of every point"},
                    {"inertia_history", "inertia after each assignment step (never rises)"},
                    {"iterations", "update steps made"},
                    {"converged", "assignments stopped changing"},
                    {"initial_centroids", "where the winning run started"},
                    {"data", "the data used (y: true labels of generated data, for colouring)"}},
                   run_kmeans));
  t.push_back(make({"elbow", "unsupervised", "k-means inertia for a range of k, to find the elbow.", kFeatureInput},
                   kPointData, {{"centers", "4"}},
                   {p_int("k_min", "1", 1, 1000, "smallest k"), p_int("k_max", "10", 1, 1000, "largest k"), init,
                    p_int("restarts", "3", 1, 100, "runs per k; the lowest inertia is kept"), p_seed()},
                   {{"ks", "the values of k"}, {"inertias", "best inertia for each k"}, {"data", "the data used"}},
                   run_elbow));
  t.push_back(make({"pca", "unsupervised", "Principal component analysis: explained variance and projection.",
                    kFeatureInput},
                   kPointData, {{"features", "5"}, {"cluster_std", "2"}},
                   {p_int("components", "2", 1, 1000, "components kept"),
                    p_bool("standardize", "false", "scale columns to unit variance first (correlation PCA)")},
                   {{"explained_variance_ratio", "share of the total variance per kept component"},
                    {"explained_variance", "variance per kept component"},
                    {"cumulative_ratio", "running sum of the ratios"},
                    {"all_variances", "every eigenvalue, largest first"},
                    {"total_variance", "sum of the column variances"},
                    {"components", "orthonormal directions, one row each"},
                    {"mean", "column means"},
                    {"scale", "column scales (1 without standardize)"},
                    {"projection", "every point in component coordinates"},
                    {"data", "the data used"}},
                   run_pca));
  t.push_back(make({"lda", "unsupervised", "Latent Dirichlet allocation topics by collapsed Gibbs sampling.",
                    "none: documents come from `text` (one per line) or the corpus generator"},
                   {"corpus"}, {},
                   {p_string("text", "", "documents, one per line (empty: the generated corpus)"),
                    p_int("topics", "3", 1, 50, "topics K"),
                    p_real("alpha", "0.1", 1e-6, 100, "document-topic prior"),
                    p_real("beta", "0.01", 1e-6, 100, "topic-word prior"),
                    p_int("iterations", "300", 1, 10000, "Gibbs sweeps"),
                    p_int("top_words", "8", 1, 100, "words listed per topic"),
                    p_bool("remove_stop_words", "true", "drop English stop words first"),
                    p_bool("stem", "false", "Porter-stem the words first"), p_seed()},
                   {{"topics", "per topic: {words, weights}, most probable first"},
                    {"vocabulary", "terms, sorted"},
                    {"topic_word", "topics × vocabulary probabilities"},
                    {"document_topic", "documents × topics mixture"},
                    {"log_likelihood", "log p(words | assignments) after each sweep"},
                    {"documents", "the documents"},
                    {"truth", "generated corpus: {topics (per document), topic_names}; else null"}},
                   run_lda));
  t.push_back(make({"random_cut_forest", "unsupervised",
                    "Random cut forest anomaly scores (collusive displacement); on a series, over shingles.",
                    "numeric columns; a single column is read as a series and scored over shingles"},
                   {"time_series", "blobs"}, {{"anomalies", "4"}},
                   {p_int("trees", "100", 1, 1000, "trees"), p_int("sample_size", "256", 1, 100000, "points per tree"),
                    p_int("shingle_size", "4", 1, 1000,
                          "consecutive values per point when the data is a single column (a series); ignored for tables"),
                    p_real("threshold_sd", "3", 0, 100, "flag scores above mean + threshold_sd · sd"), p_seed()},
                   {{"scores", "anomaly score per row (null for the first shingle_size - 1 rows of a series)"},
                    {"threshold", "the flagging threshold"},
                    {"anomalies", "rows scored above it"},
                    {"mean", "mean score"},
                    {"stdev", "score standard deviation"},
                    {"data", "the data used (truth.anomalies: where spikes were injected)"}},
                   run_random_cut_forest));
}

// ======================= data preparation =======================

Result<json> run_impute(const Args& a) {
  auto d = load_data(a, DataRole::kAllowMissing);
  if (!d) return fail(d.error);
  Matrix x = d->x;
  const bool knock = d->generated && a.real("missing_fraction") > 0;
  if (knock) {
    auto k = knock_out(d->x, a.real("missing_fraction"), a.seed());
    if (!k) return fail(k.error);
    x = *k;
  }
  ImputeOptions o;
  const std::string& s = a.text("strategy");
  o.strategy = s == "median" ? ImputeStrategy::kMedian : s == "knn" ? ImputeStrategy::kKnn : ImputeStrategy::kMean;
  o.k = a.int32("k");
  auto r = impute(x, o);
  if (!r) return fail(r.error);
  json cells = json::array();
  double err = 0;
  for (const auto& [i, j] : r->cells) {
    cells.push_back({i, j});
    if (knock) err += std::pow(r->filled(i, j) - d->x(i, j), 2);
  }
  return json{{"filled", to_json(r->filled)},
              {"missing", to_json(x)},
              {"cells", cells},
              {"fill_values", to_json(r->fill_values)},
              {"knn_fallbacks", r->knn_fallbacks},
              {"rmse_vs_truth", knock && !r->cells.empty() ? number(std::sqrt(err / r->cells.size())) : json(nullptr)},
              {"data", data_json(*d)}};
}

Result<json> run_one_hot(const Args& a) {
  const std::vector<std::string> values = split_list(a.text("values"));
  auto r = one_hot_encode(values, a.flag("drop_first"));
  if (!r) return fail(r.error);
  return json{{"values", values}, {"categories", r->categories}, {"matrix", to_json(r->matrix)}};
}

Result<json> run_label_encode(const Args& a) {
  const std::vector<std::string> values = split_list(a.text("values"));
  auto r = label_encode(values);
  if (!r) return fail(r.error);
  return json{{"values", values}, {"categories", r->categories}, {"codes", r->codes}};
}

Result<json> run_binning(const Args& a) {
  auto d = load_data(a, DataRole::kFeatures);
  if (!d) return fail(d.error);
  const std::vector<double> values = to_std(d->x.col(d->x.cols() - 1));
  auto r = bin_values(values, {a.int32("bins"), a.text("strategy") == "uniform" ? BinStrategy::kUniform
                                                                                 : BinStrategy::kQuantile});
  if (!r) return fail(r.error);
  return json{{"values", to_json(values)}, {"edges", to_json(r->edges)}, {"bins", r->bins}, {"counts", r->counts}};
}

Result<json> run_standardize(const Args& a) {
  auto d = load_data(a, DataRole::kFeatures);
  if (!d) return fail(d.error);
  auto r = standardize(d->x);
  if (!r) return fail(r.error);
  return json{{"scaled", to_json(r->scaled)}, {"mean", to_json(r->offsets)}, {"std", to_json(r->scales)},
              {"data", data_json(*d)}};
}

Result<json> run_min_max(const Args& a) {
  auto d = load_data(a, DataRole::kFeatures);
  if (!d) return fail(d.error);
  auto r = min_max_scale(d->x, a.real("lo"), a.real("hi"));
  if (!r) return fail(r.error);
  std::vector<double> max;
  for (Eigen::Index j = 0; j < d->x.cols(); ++j) max.push_back(d->x.col(j).maxCoeff());
  return json{{"scaled", to_json(r->scaled)}, {"min", to_json(r->offsets)}, {"max", to_json(max)},
              {"data", data_json(*d)}};
}

Result<json> run_smote(const Args& a) {
  auto d = load_data(a, DataRole::kSupervised);
  if (!d) return fail(d.error);
  auto labels = to_labels(d->y, d->target_name);
  if (!labels) return fail(labels.error);
  SmoteOptions o;
  o.k = a.int32("k");
  o.minority_class = a.int32("minority_class");
  o.synthetic = a.int32("synthetic");
  o.seed = a.seed();
  auto r = smote(d->x, *labels, o);
  if (!r) return fail(r.error);
  const std::vector<int> classes = distinct_labels(*labels);
  std::vector<int> before(classes.size(), 0), after(classes.size(), 0);
  for (int l : *labels) ++before[class_indices({l}, classes)[0]];
  for (int l : r->labels_resampled) ++after[class_indices({l}, classes)[0]];
  return json{{"minority_class", r->minority_class},
              {"synthetic", to_json(r->synthetic)},
              {"base", r->base},
              {"neighbor", r->neighbor},
              {"gap", to_json(r->gap)},
              {"classes", classes},
              {"counts_before", before},
              {"counts_after", after},
              {"data", data_json(*d)}};
}

int rows_or_n(const Args& a) { return a.input ? static_cast<int>(a.input->values.rows()) : a.int32("n"); }

Result<json> run_k_fold(const Args& a) {
  auto r = k_fold(rows_or_n(a), {a.int32("k"), a.flag("shuffle"), a.seed()});
  if (!r) return fail(r.error);
  json folds = json::array();
  for (const Fold& f : r->folds) folds.push_back({{"train", f.train}, {"test", f.test}});
  return json{{"n", rows_or_n(a)}, {"folds", folds}, {"fold_of", r->fold_of}};
}

Result<json> run_split(const Args& a) {
  auto r = train_validation_test_split(rows_or_n(a), {a.real("validation"), a.real("test"), a.flag("shuffle"), a.seed()});
  if (!r) return fail(r.error);
  return json{{"n", rows_or_n(a)}, {"train", r->train}, {"validation", r->validation}, {"test", r->test}};
}

void add_preparation(std::vector<KernelEntry>& t) {
  t.push_back(make({"impute", "preparation", "Fill missing values with the column mean or median, or from k nearest rows.",
                    "numeric columns; empty cells are the missing values"},
                   {"blobs", "linear", "moons"}, {},
                   {p_choice("strategy", {"mean", "median", "knn"}, "what fills a gap"),
                    p_int("k", "5", 1, 1000, "knn: neighbours averaged"),
                    p_real("missing_fraction", "0.1", 0, 0.9,
                           "generated data only: share of cells knocked out before imputing"),
                    p_seed()},
                   {{"filled", "the data with every gap filled"},
                    {"missing", "the data with gaps (null)"},
                    {"cells", "[row, column] of every filled cell"},
                    {"fill_values", "mean/median: value used per column (null for knn)"},
                    {"knn_fallbacks", "knn: cells without a usable neighbour, filled with the mean"},
                    {"rmse_vs_truth", "generated data: RMSE of the filled cells against the knocked-out values"},
                    {"data", "the complete data before knocking out (generated) or the input"}},
                   run_impute));
  t.push_back(make({"one_hot", "preparation", "One-hot encoding of a categorical column.", ""}, {}, {},
                   {p_string("values", "red,green,blue,green,red", "the categorical values, comma-separated"),
                    p_bool("drop_first", "false", "leave out the first category's column")},
                   {{"values", "the values"}, {"categories", "column names, sorted"},
                    {"matrix", "one row per value, one 0/1 column per category"}},
                   run_one_hot));
  t.push_back(make({"label_encode", "preparation", "Label encoding: each category becomes an integer code.", ""}, {}, {},
                   {p_string("values", "red,green,blue,green,red", "the categorical values, comma-separated")},
                   {{"values", "the values"}, {"categories", "categories, sorted (code = index)"},
                    {"codes", "code of each value"}},
                   run_label_encode));
  t.push_back(make({"quantile_binning", "preparation", "Quantile (equal-count) or uniform (equal-width) binning.",
                    "numeric columns; the last one is binned"},
                   {"skewed", "linear"}, {},
                   {p_int("bins", "4", 1, 1000, "bins requested"),
                    p_choice("strategy", {"quantile", "uniform"}, "equal counts or equal widths")},
                   {{"values", "the values binned"},
                    {"edges", "bin edges (fewer than bins + 1 when quantiles coincide)"},
                    {"bins", "bin of each value"},
                    {"counts", "values per bin"}},
                   run_binning));
  t.push_back(make({"standardize", "preparation", "Standardisation: (x - mean) / standard deviation per column.",
                    kFeatureInput},
                   {"skewed", "blobs", "linear"}, {},
                   {},
                   {{"scaled", "the standardised data"}, {"mean", "column means"},
                    {"std", "column standard deviations (population; 1 for a constant column)"},
                    {"data", "the data used"}},
                   run_standardize));
  t.push_back(make({"min_max_scale", "preparation", "Min-max scaling of each column to [lo, hi].", kFeatureInput},
                   {"skewed", "blobs", "linear"}, {},
                   {p_real("lo", "0", -1e9, 1e9, "lower end of the target range"),
                    p_real("hi", "1", -1e9, 1e9, "upper end (above lo)")},
                   {{"scaled", "the scaled data"}, {"min", "column minima"}, {"max", "column maxima"},
                    {"data", "the data used"}},
                   run_min_max));
  t.push_back(make({"smote", "preparation",
                    "SMOTE: synthetic minority points on segments between minority neighbours.", kSupervisedInput},
                   {"imbalanced", "blobs"}, {},
                   {p_int("k", "5", 1, 1000, "minority neighbours to interpolate towards"),
                    p_int("minority_class", "-1", -1, 1e9, "label to oversample (-1 = the rarest)"),
                    p_int("synthetic", "0", 0, 1000000, "points to make (0 = match the largest class)"), p_seed()},
                   {{"minority_class", "the label oversampled"},
                    {"synthetic", "the new points"},
                    {"base", "row each starts from"},
                    {"neighbor", "row it moves towards"},
                    {"gap", "position on that segment, in [0, 1)"},
                    {"classes", "labels"},
                    {"counts_before", "rows per class before"},
                    {"counts_after", "rows per class after"},
                    {"data", "the original data"}},
                   run_smote));
  t.push_back(make({"k_fold", "preparation", "k-fold cross-validation folds.",
                    "optional: any table; its row count replaces n"},
                   {}, {},
                   {p_int("n", "20", 2, 1000000, "rows"), p_int("k", "5", 2, 1000, "folds"),
                    p_bool("shuffle", "true", "shuffle before cutting folds"), p_seed()},
                   {{"n", "rows"}, {"folds", "per fold: {train, test} row indices"},
                    {"fold_of", "the fold whose test set holds each row"}},
                   run_k_fold));
  t.push_back(make({"train_test_split", "preparation", "Train / validation / test split.",
                    "optional: any table; its row count replaces n"},
                   {}, {},
                   {p_int("n", "100", 1, 1000000, "rows"), p_real("validation", "0.15", 0, 0.99, "validation share"),
                    p_real("test", "0.15", 0, 0.99, "test share"), p_bool("shuffle", "true", "shuffle first"),
                    p_seed()},
                   {{"n", "rows"}, {"train", "training rows"}, {"validation", "validation rows"},
                    {"test", "test rows"}},
                   run_split));
}

// ======================= evaluation =======================

json class_metrics_json(const ClassMetrics& m) {
  return {{"precision", m.precision}, {"recall", m.recall}, {"f1", m.f1}, {"specificity", m.specificity},
          {"support", m.support}};
}

Result<json> run_metrics(const Args& a) {
  auto d = load_data(a, DataRole::kSupervised);
  if (!d) return fail(d.error);
  if (d->x.cols() != 1) {
    return fail("metrics reads exactly 2 columns (prediction, then label); the data has " +
                std::to_string(d->x.cols() + 1));
  }
  auto predicted = to_labels(d->x.col(0), d->feature_names[0]);
  if (!predicted) return fail(predicted.error);
  auto actual = to_labels(d->y, d->target_name);
  if (!actual) return fail(actual.error);
  const int pos = a.int32("positive");
  auto cm = confusion_matrix(*predicted, *actual, pos >= 0 ? std::optional<int>(pos) : std::nullopt);
  if (!cm) return fail(cm.error);
  json per_class = {{"precision", json::array()}, {"recall", json::array()}, {"f1", json::array()},
                    {"specificity", json::array()}, {"support", json::array()}};
  for (const ClassMetrics& m : cm->per_class) {
    per_class["precision"].push_back(m.precision);
    per_class["recall"].push_back(m.recall);
    per_class["f1"].push_back(m.f1);
    per_class["specificity"].push_back(m.specificity);
    per_class["support"].push_back(m.support);
  }
  return json{{"classes", cm->classes},
              {"matrix", cm->matrix},
              {"accuracy", cm->accuracy},
              {"precision", cm->headline.precision},
              {"recall", cm->headline.recall},
              {"f1", cm->headline.f1},
              {"specificity", cm->headline.specificity},
              {"average", cm->classes.size() > 2 ? "macro" : "positive class"},
              {"positive_class", cm->classes.size() > 2 ? json(nullptr) : json(cm->positive_class)},
              {"per_class", per_class},
              {"macro", class_metrics_json(cm->macro)},
              {"micro", class_metrics_json(cm->micro)},
              {"weighted", class_metrics_json(cm->weighted)}};
}

Result<json> run_roc(const Args& a) {
  auto d = load_data(a, DataRole::kSupervised);
  if (!d) return fail(d.error);
  if (d->x.cols() != 1) {
    return fail("roc reads exactly 2 columns (score, then label); the data has " + std::to_string(d->x.cols() + 1));
  }
  auto labels = to_labels(d->y, d->target_name);
  if (!labels) return fail(labels.error);
  const std::vector<double> scores = to_std(d->x.col(0));
  auto r = roc_curve(scores, *labels);
  if (!r) return fail(r.error);
  auto mw = mann_whitney_auc(scores, *labels);
  if (!mw) return fail(mw.error);
  const long positives = std::count(labels->begin(), labels->end(), 1);
  return json{{"auc", r->auc},
              {"fpr", to_json(r->fpr)},
              {"tpr", to_json(r->tpr)},
              {"thresholds", to_json(r->thresholds)},
              {"auc_mann_whitney", *mw},
              {"positives", positives},
              {"negatives", static_cast<long>(labels->size()) - positives},
              {"scores", to_json(scores)},
              {"labels", *labels}};
}

Result<json> run_regression_metrics(const Args& a) {
  std::vector<double> predicted, actual;
  if (a.input) {
    auto d = load_data(a, DataRole::kSupervised);
    if (!d) return fail(d.error);
    if (d->x.cols() != 1) {
      return fail("regression_metrics reads exactly 2 columns (prediction, then actual); the data has " +
                  std::to_string(d->x.cols() + 1));
    }
    predicted = to_std(d->x.col(0));
    actual = to_std(d->y);
  } else {  // score a least-squares line on generated data
    auto d = load_data(a, DataRole::kSupervised);
    if (!d) return fail(d.error);
    auto fit = fit_linear_regression(d->x, d->y);
    if (!fit) return fail(fit.error);
    predicted = to_std(Vector((d->x * fit->coefficients).array() + fit->intercept));
    actual = to_std(d->y);
  }
  auto m = regression_metrics(predicted, actual);
  if (!m) return fail(m.error);
  return json{{"rmse", m->rmse},
              {"mae", m->mae},
              {"mape", m->mape ? json(*m->mape) : json(nullptr)},
              {"mse", m->mse},
              {"r2", m->r2},
              {"predictions", to_json(predicted)},
              {"actual", to_json(actual)}};
}

void add_evaluation(std::vector<KernelEntry>& t) {
  t.push_back(make({"metrics", "evaluation",
                    "Confusion matrix with precision, recall, F1, specificity and accuracy (binary or multiclass).",
                    "2 numeric columns: prediction, then label"},
                   {"classifications"}, {},
                   {p_int("positive", "-1", -1, 1e9, "two classes: the positive label (-1 = the larger)")},
                   {{"classes", "labels, ascending"},
                    {"matrix", "counts [actual][predicted]"},
                    {"accuracy", "correct / total"},
                    {"precision", "positive class (two classes) or macro average (more)"},
                    {"recall", "same averaging as precision"},
                    {"f1", "same averaging"},
                    {"specificity", "same averaging"},
                    {"average", "\"positive class\" or \"macro\": what the headline numbers are"},
                    {"positive_class", "the positive label (null for more than two classes)"},
                    {"per_class", "{precision, recall, f1, specificity, support}: arrays in class order"},
                    {"macro", "unweighted means over classes"},
                    {"micro", "from pooled counts (precision = recall = accuracy)"},
                    {"weighted", "means weighted by support"}},
                   run_metrics));
  t.push_back(make({"roc", "evaluation", "ROC curve and AUC (trapezoids; ties make diagonal steps).",
                    "2 numeric columns: score, then label (0 or 1)"},
                   {"scores"}, {},
                   {},
                   {{"auc", "area under the curve"},
                    {"fpr", "false-positive rates, from 0 to 1"},
                    {"tpr", "true-positive rates, from 0 to 1"},
                    {"thresholds", "score cut-off of each point (the first, +infinity, is null)"},
                    {"auc_mann_whitney", "the AUC computed independently as U / (P·N)"},
                    {"positives", "rows labelled 1"},
                    {"negatives", "rows labelled 0"},
                    {"scores", "the scores"},
                    {"labels", "the labels"}},
                   run_roc));
  t.push_back(make({"regression_metrics", "evaluation", "RMSE, MAE, MAPE and R² of predictions.",
                    "2 numeric columns: prediction, then actual (without input: a least-squares line on generated data)"},
                   {"linear"}, {},
                   {},
                   {{"rmse", "root mean squared error"},
                    {"mae", "mean absolute error"},
                    {"mape", "mean absolute percentage error as a fraction (null if an actual is 0)"},
                    {"mse", "mean squared error"},
                    {"r2", "coefficient of determination"},
                    {"predictions", "the predictions"},
                    {"actual", "the actual values"}},
                   run_regression_metrics));
}

// ======================= text =======================

Result<json> run_text(const Args& a) {
  TextPipelineOptions o = pipeline_options(a);
  o.tokenize.lowercase = a.flag("lowercase");
  o.tokenize.min_length = a.int32("min_length");
  auto p = process_text(a.text("text"), o);
  if (!p) return fail(p.error);
  return json{{"tokens", p->tokens}, {"without_stop_words", p->without_stop}, {"stems", p->stems},
              {"terms", p->terms}};
}

Result<json> run_tfidf(const Args& a) {
  json truth = nullptr;
  auto docs = load_documents(a, &truth);
  if (!docs) return fail(docs.error);
  auto terms = documents_terms(*docs, pipeline_options(a));
  if (!terms) return fail(terms.error);
  TfidfOptions o;
  o.smooth_idf = a.flag("smooth_idf");
  o.sublinear_tf = a.flag("sublinear_tf");
  o.normalize = a.flag("normalize");
  auto r = tfidf(*terms, o);
  if (!r) return fail(r.error);
  return json{{"terms", r->terms},
              {"matrix", to_json(r->matrix)},
              {"idf", to_json(r->idf)},
              {"document_frequency", r->document_frequency},
              {"documents", *docs}};
}

void add_text(std::vector<KernelEntry>& t) {
  t.push_back(make({"text", "text", "Tokenising, stop-word removal, Porter stemming and n-grams, step by step.", ""}, {},
                   {},
                   {p_string("text", "The quick brown foxes were running and jumping over the lazy dogs' kennels.",
                             "the text to process"),
                    p_bool("lowercase", "true", "fold A-Z to a-z"),
                    p_int("min_length", "1", 1, 100, "drop shorter tokens"),
                    p_bool("remove_stop_words", "true", "drop English stop words"),
                    p_bool("stem", "true", "Porter-stem each token"), p_int("ngram", "1", 1, 10, "terms of n tokens")},
                   {{"tokens", "after tokenising"},
                    {"without_stop_words", "after stop-word removal"},
                    {"stems", "after stemming"},
                    {"terms", "the n-grams of the stems"}},
                   run_text));
  t.push_back(make({"tfidf", "text", "TF-IDF document-term matrix (scikit-learn's weighting).",
                    "none: documents come from `text` (one per line) or the corpus generator"},
                   {"corpus"}, {{"documents", "4"}, {"words_per_document", "8"}, {"stop_word_rate", "0"}},
                   {p_string("text", "", "documents, one per line (empty: the generated corpus)"),
                    p_bool("remove_stop_words", "true", "drop English stop words"),
                    p_bool("stem", "false", "Porter-stem each token"), p_int("ngram", "1", 1, 10, "terms of n tokens"),
                    p_bool("smooth_idf", "true", "idf = ln((1 + N) / (1 + df)) + 1 (else ln(N / df) + 1)"),
                    p_bool("sublinear_tf", "false", "tf = 1 + ln(count)"),
                    p_bool("normalize", "true", "scale each document row to unit length")},
                   {{"terms", "vocabulary, sorted"},
                    {"matrix", "documents × terms weights"},
                    {"idf", "per term"},
                    {"document_frequency", "documents containing each term"},
                    {"documents", "the documents"}},
                   run_tfidf));
}

// ======================= distributions =======================

void add_distributions(std::vector<KernelEntry>& t) {
  const ParamSpec samples = p_int("samples", "0", 0, 1000000, "random draws to make");
  t.push_back(make({"bernoulli", "distributions", "Bernoulli(p): PMF, CDF and samples.", ""}, {}, {},
                   {p_real("p", "0.5", 0, 1, "success probability"), samples, p_seed()},
                   distribution_outputs("pmf", "P(X = x)"),
                   [](const Args& a) -> Result<json> {
                     auto r = bernoulli_table({a.real("p"), a.int32("samples"), a.seed()});
                     if (!r) return fail(r.error);
                     return distribution_json(*r, "pmf");
                   }));
  t.push_back(make({"binomial", "distributions", "Binomial(n, p): PMF, CDF and samples.", ""}, {}, {},
                   {p_int("n", "10", 0, 100000, "trials"), p_real("p", "0.5", 0, 1, "success probability"), samples,
                    p_seed()},
                   distribution_outputs("pmf", "P(X = x)"),
                   [](const Args& a) -> Result<json> {
                     auto r = binomial_table({a.int32("n"), a.real("p"), a.int32("samples"), a.seed()});
                     if (!r) return fail(r.error);
                     return distribution_json(*r, "pmf");
                   }));
  t.push_back(make({"poisson", "distributions", "Poisson(λ): PMF, CDF and samples.", ""}, {}, {},
                   {p_real("lambda", "3", 1e-9, 100000, "mean rate λ"),
                    p_int("k_max", "0", 0, 1000000, "largest k tabulated (0 = until the CDF reaches 1 - 1e-9)"),
                    samples, p_seed()},
                   distribution_outputs("pmf", "P(X = x)"),
                   [](const Args& a) -> Result<json> {
                     auto r = poisson_table({a.real("lambda"), a.int32("k_max"), a.int32("samples"), a.seed()});
                     if (!r) return fail(r.error);
                     return distribution_json(*r, "pmf");
                   }));
  t.push_back(make({"normal", "distributions", "Normal(μ, σ): PDF, CDF and samples over μ ± 4σ.", ""}, {}, {},
                   {p_real("mean", "0", -1e9, 1e9, "μ"), p_real("sd", "1", 1e-12, 1e9, "σ"),
                    p_int("points", "101", 2, 100000, "grid points"), samples,
                    p_int("bins", "30", 1, 10000, "histogram bins for the draws"), p_seed()},
                   distribution_outputs("pdf", "density at x"),
                   [](const Args& a) -> Result<json> {
                     NormalOptions o;
                     o.mean = a.real("mean");
                     o.sd = a.real("sd");
                     o.points = a.int32("points");
                     o.samples = a.int32("samples");
                     o.bins = a.int32("bins");
                     o.seed = a.seed();
                     auto r = normal_table(o);
                     if (!r) return fail(r.error);
                     return distribution_json(*r, "pdf");
                   }));
  t.push_back(make({"uniform", "distributions", "Continuous uniform(a, b): PDF, CDF and samples.", ""}, {}, {},
                   {p_real("a", "0", -1e9, 1e9, "lower end"), p_real("b", "1", -1e9, 1e9, "upper end (> a)"),
                    p_int("points", "101", 2, 100000, "grid points over [a - (b-a)/4, b + (b-a)/4]"), samples,
                    p_int("bins", "30", 1, 10000, "histogram bins for the draws"), p_seed()},
                   distribution_outputs("pdf", "density at x"),
                   [](const Args& a) -> Result<json> {
                     auto r = uniform_table({a.real("a"), a.real("b"), a.int32("points"), a.int32("samples"),
                                             a.int32("bins"), a.seed()});
                     if (!r) return fail(r.error);
                     return distribution_json(*r, "pdf");
                   }));
  t.push_back(make({"exponential", "distributions", "Exponential(λ): PDF, CDF and samples over [0, 6/λ].", ""}, {},
                   {},
                   {p_real("rate", "1", 1e-9, 1e9, "rate λ (mean 1/λ)"),
                    p_int("points", "101", 2, 100000, "grid points over [0, 6/λ]"), samples,
                    p_int("bins", "30", 1, 10000, "histogram bins for the draws"), p_seed()},
                   distribution_outputs("pdf", "density at x"),
                   [](const Args& a) -> Result<json> {
                     auto r = exponential_table({a.real("rate"), a.int32("points"), a.int32("samples"),
                                                 a.int32("bins"), a.seed()});
                     if (!r) return fail(r.error);
                     return distribution_json(*r, "pdf");
                   }));
}

// ======================= time series =======================

Result<json> run_decomposition(const Args& a) {
  auto d = load_data(a, DataRole::kFeatures);
  if (!d) return fail(d.error);
  const std::vector<double> values = to_std(d->x.col(d->x.cols() - 1));
  DecompositionOptions o;
  o.period = a.int32("period");
  o.model = a.text("model") == "multiplicative" ? DecompositionModel::kMultiplicative : DecompositionModel::kAdditive;
  o.anomaly_z = a.real("anomaly_z");
  auto r = classical_decomposition(values, o);
  if (!r) return fail(r.error);
  std::vector<int> t(values.size());
  for (size_t i = 0; i < t.size(); ++i) t[i] = static_cast<int>(i);
  return json{{"t", t},
              {"values", to_json(values)},
              {"trend", to_json(r->trend)},
              {"seasonal", to_json(r->seasonal)},
              {"residual", to_json(r->residual)},
              {"seasonal_indices", to_json(r->seasonal_indices)},
              {"anomalies", r->anomalies},
              {"truth", d->generated ? d->truth : json(nullptr)}};
}

void add_time_series(std::vector<KernelEntry>& t) {
  KernelEntry e = make(
      {"decomposition", "time series", "Classical decomposition into trend, seasonal and residual parts.",
       "numeric columns; the last one is the series, in time order"},
      {"time_series"}, {{"anomalies", "2"}},
      {p_int("period", "12", 2, 10000, "observations per season"),
       p_choice("model", {"additive", "multiplicative"}, "y = T + S + R or y = T · S · R"),
       p_real("anomaly_z", "3", 1e-9, 100, "flag residuals beyond this many standard deviations")},
      {{"t", "0..n-1"},
       {"values", "the series"},
       {"trend", "centred moving average (null at the ends)"},
       {"seasonal", "seasonal index of each observation (additive: offset; multiplicative: factor)"},
       {"residual", "what is left (null at the ends)"},
       {"seasonal_indices", "one per phase of the period"},
       {"anomalies", "observations with outlying residuals"},
       {"truth", "generated series: {trend, seasonal, noise, anomalies}; else null"}},
      run_decomposition);
  e.spec.data_follow = {{"period", "period"}, {"model", "model"}};
  t.push_back(std::move(e));
}

// ======================= neural =======================

const std::vector<std::string> kActivations = {"sigmoid", "tanh", "relu", "leaky_relu", "identity"};

Result<json> run_activations(const Args& a) {
  auto c = activation_curve(activation_of(a.text("activation")), a.real("lo"), a.real("hi"), a.int32("points"));
  if (!c) return fail(c.error);
  return json{{"x", to_json(c->x)}, {"value", to_json(c->value)}, {"derivative", to_json(c->derivative)}};
}

Result<json> run_mlp(const Args& a) {
  const bool binary = a.text("output") == "binary";
  auto d = load_data(a, DataRole::kSupervised);
  if (!d) return fail(d.error);
  if (binary) {
    if (auto e = binary_target(*d, "use output=regression for a numeric target"); !e.empty()) return fail(e);
  }
  auto split = split_rows(static_cast<int>(d->y.size()), a.real("test_fraction"), a.seed());
  if (!split) return fail(split.error);
  const Matrix x_train = take_rows(d->x, split->train), x_test = take_rows(d->x, split->test);
  const Vector y_train = take(d->y, split->train), y_test = take(d->y, split->test);
  MlpOptions o;
  o.hidden = a.int_list("hidden");
  o.activation = activation_of(a.text("activation"));
  o.output = binary ? OutputKind::kBinary : OutputKind::kRegression;
  o.init = init_of(a.text("init"));
  o.learning_rate = a.real("learning_rate");
  o.epochs = a.int32("epochs");
  o.batch_size = a.int32("batch_size");
  o.seed = a.seed();
  auto t = train_mlp(x_train, y_train, o);
  if (!t) return fail(t.error);
  const Mlp net = t->net;
  // Gradient check of backpropagation on the initial network and a few rows.
  json check = nullptr;
  if (a.flag("gradient_check")) {
    std::vector<int> layers = {static_cast<int>(x_train.cols())};
    layers.insert(layers.end(), o.hidden.begin(), o.hidden.end());
    layers.push_back(1);
    auto init = init_mlp(layers, o.activation, o.output, o.init, o.seed);
    if (!init) return fail(init.error);
    const int rows = std::min<int>(20, static_cast<int>(x_train.rows()));
    auto g = gradient_check(*init, x_train.topRows(rows), y_train.head(rows));
    if (g) {
      check = {{"relative_error", g->relative_error}, {"max_abs_error", g->max_abs_error},
               {"parameters", g->parameters}};
    } else {
      check = {{"skipped", g.error}};
    }
  }
  auto score = [&](const Matrix& x, const Vector& y) -> json {
    if (y.size() == 0) return nullptr;
    const std::vector<double> out = mlp_predict(net, x);
    double s = 0;
    for (Eigen::Index i = 0; i < y.size(); ++i) {
      s += binary ? ((out[i] >= 0.5) == (y[i] == 1)) : (out[i] - y[i]) * (out[i] - y[i]);
    }
    return number(binary ? s / y.size() : std::sqrt(s / y.size()));
  };
  json norms = json::array();
  for (const auto& epoch : t->gradient_norms) norms.push_back(to_json(epoch));
  json j{{"loss_curve", to_json(t->loss_curve)},
         {"gradient_norms", norms},
         {"gradient_check", check},
         {"diverged", t->diverged},
         {"predictions", to_json(mlp_predict(net, d->x))},
         {"test_rows", ints(split->test)},
         {"train_accuracy", binary ? score(x_train, y_train) : json(nullptr)},
         {"test_accuracy", binary ? score(x_test, y_test) : json(nullptr)},
         {"train_rmse", binary ? json(nullptr) : score(x_train, y_train)},
         {"test_rmse", binary ? json(nullptr) : score(x_test, y_test)},
         {"data", data_json(*d)}};
  j["grid"] = decision_grid(d->x, a.int32("grid"), [net](const Matrix& x) { return mlp_predict(net, x); });
  return j;
}

Result<json> run_vanishing(const Args& a) {
  VanishingOptions o;
  o.depth = a.int32("depth");
  o.width = a.int32("width");
  o.activation = activation_of(a.text("activation"));
  o.init = init_of(a.text("init"));
  o.samples = a.int32("samples");
  o.seed = a.seed();
  auto r = vanishing_gradients(o);
  if (!r) return fail(r.error);
  std::vector<int> layers;
  for (size_t l = 1; l <= r->gradient_norms.size(); ++l) layers.push_back(static_cast<int>(l));
  return json{{"layers", layers},
              {"gradient_norms", to_json(r->gradient_norms)},
              {"activation_means", to_json(r->activation_means)},
              {"saturation", to_json(r->saturation)}};
}

void add_neural(std::vector<KernelEntry>& t) {
  t.push_back(make({"activations", "neural", "An activation function and its derivative over a range.", ""}, {}, {},
                   {p_choice("activation", kActivations, "the function"), p_real("lo", "-6", -1e6, 1e6, "range start"),
                    p_real("hi", "6", -1e6, 1e6, "range end (above lo)"), p_int("points", "121", 2, 100000, "points")},
                   {{"x", "inputs"}, {"value", "σ(x)"}, {"derivative", "σ'(x)"}}, run_activations));
  std::vector<std::string> tanh_first = {"tanh", "sigmoid", "relu", "leaky_relu", "identity"};
  t.push_back(make(
      {"mlp", "neural", "A small multilayer perceptron trained by backpropagation, with a gradient check.",
       "numeric columns: features, then the label (0/1) or target last"},
      {"moons", "blobs", "imbalanced", "linear"}, {{"centers", "2"}},
      {p_ints("hidden", "8", 1, 4096, "units per hidden layer, comma-separated (e.g. 16,16)"),
       p_choice("activation", tanh_first, "hidden-layer activation"),
       p_choice("output", {"binary", "regression"}, "sigmoid + log loss, or identity + squared error"),
       p_choice("init", {"auto", "xavier", "he"}, "weight initialisation (auto: He for ReLU, else Xavier)"),
       p_real("learning_rate", "0.5", 1e-9, 100, "gradient-descent step"),
       p_int("epochs", "500", 1, 100000, "passes over the data"),
       p_int("batch_size", "0", 0, 1000000, "rows per update (0 = all)"),
       p_bool("gradient_check", "true", "compare backpropagation with numerical gradients"), p_test_fraction("0.25"),
       p_seed(), p_grid()},
      {{"loss_curve", "training loss before and after each epoch"},
       {"gradient_norms", "per epoch: gradient norm of each layer's weights (input layer first)"},
       {"gradient_check", "{relative_error, max_abs_error, parameters} on the initial network (null when off)"},
       {"diverged", "the loss became non-finite"},
       {"predictions", "output for every row: P(label = 1) or value"},
       {"test_rows", "indices of held-out rows"},
       {"train_accuracy", "binary: training accuracy"},
       {"test_accuracy", "binary: held-out accuracy"},
       {"train_rmse", "regression: training RMSE"},
       {"test_rmse", "regression: held-out RMSE"},
       {"grid", "2-feature data: output over a grid {x, y, predictions}; else null"},
       {"data", "the data used"}},
      run_mlp));
  t.push_back(make({"vanishing_gradients", "neural",
                    "Gradient norm per layer of a deep network at initialisation: sigmoid shrinks it, ReLU keeps it.",
                    ""},
                   {}, {},
                   {p_int("depth", "10", 1, 100, "hidden layers"), p_int("width", "16", 1, 1024, "units per layer"),
                    p_choice("activation", {"sigmoid", "tanh", "relu", "leaky_relu", "identity"}, "hidden activation"),
                    p_choice("init", {"auto", "xavier", "he"}, "weight initialisation"),
                    p_int("samples", "128", 1, 100000, "random input rows"), p_seed()},
                   {{"layers", "1..depth+1 (the last is the output layer)"},
                    {"gradient_norms", "‖∂loss/∂W‖ per layer, input side first"},
                    {"activation_means", "mean |activation| per hidden layer"},
                    {"saturation", "share of units per hidden layer whose derivative is under 1% of its maximum"}},
                   run_vanishing));
}

std::vector<KernelEntry> build() {
  std::vector<KernelEntry> t;
  add_generators(t);
  add_supervised(t);
  add_unsupervised(t);
  add_preparation(t);
  add_evaluation(t);
  add_text(t);
  add_distributions(t);
  add_time_series(t);
  add_neural(t);
  return t;
}

}  // namespace
}  // namespace kb::kernels::registry_detail
