#include "kernels/registry.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <set>

using namespace kb::kernels;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

json run(const std::string& name, const Params& params = {}, const Table* input = nullptr) {
  auto r = run_kernel(name, params, input);
  INFO(r.error);
  REQUIRE(r.ok());
  return *r;
}

std::string error_of(const std::string& name, const Params& params = {}, const Table* input = nullptr) {
  auto r = run_kernel(name, params, input);
  REQUIRE_FALSE(r.ok());
  return r.error;
}

Table table(std::vector<std::string> columns, std::vector<std::vector<double>> rows) {
  Table t;
  t.columns = std::move(columns);
  t.values.resize(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(t.columns.size()));
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < rows[r].size(); ++c) t.values(r, c) = rows[r][c];
  }
  return t;
}

}  // namespace

TEST_CASE("every kernel runs with its defaults and writes every output field it declares") {
  std::set<std::string> names;
  for (const KernelSpec& spec : kernel_specs()) {
    INFO(spec.name);
    CHECK(names.insert(spec.name).second);  // unique
    CHECK(spec.version >= 1);
    CHECK_FALSE(spec.summary.empty());
    CHECK_FALSE(spec.family.empty());
    std::set<std::string> params;
    for (const ParamSpec& p : spec.params) {
      INFO(p.name);
      CHECK(params.insert(p.name).second);
      CHECK_FALSE(p.description.empty());
      if (p.type == ParamType::kChoice) CHECK(p.choices.front() == p.default_value);
    }
    auto r = run_kernel(spec.name, {});
    INFO(r.error);
    REQUIRE(r.ok());
    for (const OutputSpec& o : spec.outputs) {
      INFO(o.name);
      CHECK(r->contains(o.name));
      CHECK_FALSE(o.description.empty());
    }
    CHECK((*r)["kernel"] == spec.name);
    CHECK((*r)["version"] == spec.version);
    for (const ParamSpec& p : spec.params) CHECK((*r)["params"].contains(p.name));
    // Same parameters, same result: what makes caching sound.
    CHECK(run(spec.name).dump() == r->dump());
  }
  CHECK(names.size() >= 40);
}

TEST_CASE("the issue's kernels and output fields are all there") {
  const std::vector<std::pair<std::string, std::vector<std::string>>> expected = {
      {"kmeans", {"inertia", "centroids", "labels"}},
      {"pca", {"explained_variance_ratio", "components"}},
      {"linear_regression", {"coefficients", "intercept"}},
      {"logistic_regression", {"coefficients", "intercept"}},
      {"roc", {"auc", "fpr", "tpr"}},
      {"metrics", {"matrix", "precision", "recall", "f1", "specificity", "accuracy"}},
      {"tfidf", {"terms", "matrix"}},
      {"decision_tree", {"nodes"}},
      {"poisson", {"x", "pmf", "cdf"}},
      {"binomial", {"x", "pmf", "cdf"}},
      {"normal", {"x", "pdf", "cdf"}},
  };
  for (const auto& [kernel, fields] : expected) {
    const json j = run(kernel);
    for (const std::string& f : fields) {
      INFO(kernel << "." << f);
      CHECK(j.contains(f));
    }
  }
  for (const char* k : {"blobs", "moons", "linear", "imbalanced", "time_series", "corpus", "learning_rates",
                        "regularization_path", "knn", "random_forest", "gradient_boosting", "linear_svm", "elbow",
                        "lda", "random_cut_forest", "impute", "one_hot", "label_encode", "quantile_binning",
                        "standardize", "min_max_scale", "smote", "k_fold", "train_test_split", "regression_metrics",
                        "text", "bernoulli", "decomposition", "activations", "mlp", "vanishing_gradients"}) {
    CHECK(find_kernel(k) != nullptr);
  }
}

TEST_CASE("unknown kernels and parameters are errors that name them and list the valid ones") {
  const std::string k = error_of("kmean");
  CHECK_THAT(k, Contains("unknown kernel \"kmean\"") && Contains("did you mean \"kmeans\"") &&
                    Contains("valid kernels:") && Contains("decision_tree"));
  const std::string p = error_of("kmeans", {{"kk", "3"}});
  CHECK_THAT(p, Contains("unknown parameter \"kk\"") && Contains("did you mean \"k\"") &&
                    Contains("valid parameters: k, init, max_iterations, restarts, seed"));
  const std::string d = error_of("kmeans", {{"data.centres", "3"}});
  CHECK_THAT(d, Contains("\"data.centres\"") && Contains("did you mean \"data.centers\"") && Contains("data.n"));
  CHECK_THAT(error_of("kmeans", {{"data.generator", "blob"}}), Contains("did you mean \"blobs\""));
  CHECK_THAT(error_of("normal", {{"data.n", "3"}}), Contains("takes no data parameters"));
}

TEST_CASE("bad parameter values say what was expected") {
  CHECK_THAT(error_of("kmeans", {{"k", "abc"}}), Contains("parameter \"k\"") && Contains("whole number") &&
                                                     Contains("\"abc\""));
  CHECK_THAT(error_of("kmeans", {{"k", "0"}}), Contains("out of range") && Contains("[1, 1000]"));
  CHECK_THAT(error_of("kmeans", {{"init", "kmeans+"}}), Contains("not one of kmeans++, random"));
  CHECK_THAT(error_of("normal", {{"sd", "-1"}}), Contains("parameter \"sd\""));
  CHECK_THAT(error_of("linear_regression", {{"fit_intercept", "maybe"}}), Contains("true or false"));
  CHECK_THAT(error_of("linear_regression", {{"learning_rate", "0"}}), Contains("learning_rate"));
  CHECK_THAT(error_of("mlp", {{"hidden", "8,x"}}), Contains("comma-separated whole numbers"));
  CHECK_THAT(error_of("kmeans", {{"data.n", "-5"}}), Contains("data.n") && Contains("out of range"));
}

TEST_CASE("k larger than n is a clear error") {
  CHECK_THAT(error_of("kmeans", {{"k", "10"}, {"data.n", "5"}}),
             Contains("k (10) is larger than the number of points (5)"));
  CHECK_THAT(error_of("knn", {{"k", "50"}, {"data.n", "20"}}), Contains("k (50) is larger"));
}

TEST_CASE("kmeans, pca and regression through the registry") {
  const json km = run("kmeans", {{"k", "4"}, {"data.centers", "4"}, {"data.n", "200"}});
  CHECK(km["centroids"].size() == 4);
  CHECK(km["labels"].size() == 200);
  CHECK(km["params"]["k"] == 4);
  CHECK(km["params"]["data"]["generator"] == "blobs");
  CHECK(km["params"]["data"]["centers"] == 4);
  const json pc = run("pca", {{"components", "3"}});
  CHECK(pc["explained_variance_ratio"].size() == 3);
  CHECK(pc["components"].size() == 3);
  const json closed = run("linear_regression", {{"data.noise", "0"}, {"data.coefficients", "2"}});
  CHECK(closed["coefficients"][0].get<double>() == Approx(2.0));
  CHECK(closed["intercept"].get<double>() == Approx(2.0));
  CHECK(closed["loss_curve"].is_null());
  const json gd = run("linear_regression", {{"method", "gradient_descent"}, {"epochs", "20000"},
                                            {"learning_rate", "0.02"}, {"tolerance", "0"}});
  const json cf = run("linear_regression");
  CHECK(gd["coefficients"][0].get<double>() == Approx(cf["coefficients"][0].get<double>()).epsilon(1e-4));
  CHECK(gd["loss_curve"].size() == 20001);
  const json high = run("linear_regression", {{"method", "gradient_descent"}, {"learning_rate", "0.5"}});
  CHECK(high["diverged"] == true);
  const json rates = run("learning_rates");
  CHECK(rates["diverged"] == json::array({false, false, true}));
}

TEST_CASE("decision tree nodes come root first with feature, threshold and gini") {
  const json t = run("decision_tree", {{"criterion", "gini"}, {"max_depth", "2"}});
  const json& root = t["nodes"][0];
  CHECK(root["depth"] == 0);
  CHECK(root["samples"] == 300);
  CHECK(root["gini"].get<double>() == Approx(2.0 / 3));  // three equal blobs
  CHECK(root["feature"].is_number_integer());
  CHECK(root["threshold"].is_number());
  for (const json& n : t["nodes"]) {
    CHECK(n.contains("gini"));
    if (n["leaf"] == true) CHECK(n["feature"].is_null());
  }
  CHECK(t["text"].get<std::string>().find("<=") != std::string::npos);
  CHECK(t["grid"]["predictions"].size() == 40);
}

TEST_CASE("distributions through the registry") {
  const json p = run("poisson", {{"lambda", "2"}, {"k_max", "4"}});
  CHECK(p["x"] == json::array({0, 1, 2, 3, 4}));
  CHECK(p["pmf"][0].get<double>() == Approx(std::exp(-2.0)));
  const json b = run("binomial", {{"n", "4"}, {"p", "0.5"}});
  CHECK(b["pmf"][2].get<double>() == Approx(6.0 / 16));
  CHECK(b["cdf"][4].get<double>() == 1.0);
  const json n = run("normal", {{"points", "3"}, {"sd", "2"}});
  CHECK(n["x"] == json::array({-8.0, 0.0, 8.0}));
  CHECK(n["pdf"][1].get<double>() == Approx(0.3989422804014327 / 2));
  CHECK(n["cdf"][1].get<double>() == Approx(0.5));
}

TEST_CASE("input tables: metrics, roc and supervised kernels read their columns") {
  const Table preds = table({"prediction", "label"}, {{1, 1}, {1, 1}, {1, 1}, {0, 1}, {0, 1}, {1, 0}, {0, 0},
                                                      {0, 0}, {0, 0}, {0, 0}});
  const json m = run("metrics", {}, &preds);
  CHECK(m["matrix"] == json::array({json::array({4, 1}), json::array({2, 3})}));
  CHECK(m["precision"].get<double>() == Approx(0.75));
  CHECK(m["recall"].get<double>() == Approx(0.6));
  CHECK(m["specificity"].get<double>() == Approx(0.8));
  CHECK(m["accuracy"].get<double>() == Approx(0.7));
  CHECK(m["average"] == "positive class");
  const json multi = run("metrics", {{"data.classes", "3"}});
  CHECK(multi["average"] == "macro");
  CHECK(multi["precision"].get<double>() == Approx(multi["macro"]["precision"].get<double>()));
  const Table scores = table({"score", "label"}, {{0.9, 1}, {0.8, 1}, {0.7, 0}, {0.6, 1}, {0.2, 0}});
  const json r = run("roc", {}, &scores);
  CHECK(r["auc"].get<double>() == Approx(5.0 / 6));
  CHECK(r["auc_mann_whitney"].get<double>() == Approx(5.0 / 6));
  CHECK(r["fpr"].front() == 0);
  CHECK(r["thresholds"].front().is_null());  // +infinity
  const Table separable = table({"a", "b", "label"}, {{0, 0, 0}, {0, 1, 0}, {1, 0, 0}, {5, 5, 1}, {5, 6, 1}, {6, 5, 1}});
  const json lr = run("logistic_regression", {}, &separable);
  CHECK(lr["train_accuracy"] == 1.0);
  CHECK(lr["data"]["columns"] == json::array({"a", "b", "label"}));
  const json tree = run("decision_tree", {}, &separable);
  CHECK(tree["nodes"].size() == 3);
  CHECK(tree["nodes"][0]["feature_name"].is_string());
}

TEST_CASE("bad input data is a clear error") {
  const Table fractional = table({"x", "label"}, {{0, 0}, {1, 1.5}});
  CHECK_THAT(error_of("knn", {}, &fractional), Contains("column \"label\" row 2 holds 1.5"));
  Table holes = table({"x", "y"}, {{0, 1}, {2, 3}});
  holes.values(1, 1) = NAN;
  CHECK_THAT(error_of("kmeans", {}, &holes), Contains("data row 2, column \"y\" is empty"));
  const json filled = run("impute", {}, &holes);
  CHECK(filled["filled"][1][1].get<double>() == Approx(1.0));
  const Table one_col = table({"x"}, {{1}, {2}});
  CHECK_THAT(error_of("knn", {}, &one_col), Contains("at least 2 columns"));
  CHECK_THAT(error_of("kmeans", {{"data.n", "30"}}, &one_col), Contains("only apply to generated data"));
  CHECK_THAT(error_of("normal", {}, &one_col), Contains("takes no input"));
  const Table three = table({"a", "b", "c"}, {{1, 0, 1}, {0, 1, 0}});
  CHECK_THAT(error_of("roc", {}, &three), Contains("exactly 2 columns"));
}

TEST_CASE("text kernels take documents one per line") {
  const json t = run("tfidf", {{"text", "cat sat\ncat cat dog\n"}});
  CHECK(t["terms"] == json::array({"cat", "dog", "sat"}));
  CHECK(t["matrix"][0][0].get<double>() == Approx(0.5797386715376657));
  const json p = run("text", {{"text", "Models were training"}, {"ngram", "2"}});
  CHECK(p["stems"] == json::array({"model", "train"}));
  CHECK(p["terms"] == json::array({"model train"}));
  const json topics = run("lda", {{"topics", "2"}, {"data.topics", "2"}});
  CHECK(topics["topics"].size() == 2);
}

TEST_CASE("generated data follows the kernel where the spec links them") {
  const json d = run("decomposition", {{"period", "6"}, {"model", "multiplicative"}});
  CHECK(d["params"]["data"]["period"] == 6);
  CHECK(d["params"]["data"]["model"] == "multiplicative");
  CHECK(d["seasonal_indices"].size() == 6);
  const json own = run("decomposition", {{"period", "6"}, {"data.period", "12"}});
  CHECK(own["params"]["data"]["period"] == 12);
}

TEST_CASE("version tags, descriptions and the reference") {
  CHECK(*version_tag("kmeans", {}, false) == "kmeans@1+blobs@1");
  CHECK(*version_tag("kmeans", {}, true) == "kmeans@1");
  CHECK(*version_tag("normal", {}, false) == "normal@1");
  CHECK(*version_tag("kmeans", {{"data.generator", "moons"}}, false) == "kmeans@1+moons@1");
  CHECK_FALSE(version_tag("nope", {}, false).ok());
  const json spec = describe(*find_kernel("kmeans"));
  CHECK(spec["params"][0]["name"] == "k");
  CHECK(spec["params"][0]["min"] == 1);
  const std::string md = reference_markdown();
  for (const KernelSpec& s : kernel_specs()) CHECK(md.find("### `" + s.name + "`") != std::string::npos);
}

TEST_CASE("every choice of every parameter runs, and every data generator is accepted") {
  for (const KernelSpec& spec : kernel_specs()) {
    for (const ParamSpec& p : spec.params) {
      if (p.type != ParamType::kChoice) continue;
      for (const std::string& choice : p.choices) {
        INFO(spec.name << " " << p.name << "=" << choice);
        auto r = run_kernel(spec.name, {{p.name, choice}});
        INFO(r.error);
        CHECK(r.ok());
      }
    }
    for (const std::string& generator : spec.data_generators) {
      INFO(spec.name << " data.generator=" << generator);
      auto r = run_kernel(spec.name, {{"data.generator", generator}});
      // Some pairs do not fit (log loss on a numeric target): that must be a
      // plain error, never an internal one.
      INFO(r.error);
      CHECK(r.error.find("internal error") == std::string::npos);
    }
  }
}
