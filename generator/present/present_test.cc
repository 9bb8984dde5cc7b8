#include "present/present.h"

#include <catch2/catch.hpp>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <regex>
#include <set>

#include "kernels/registry.h"
#include "plot/format.h"
#include "plot/frame.h"
#include "plot/svg.h"
#include "plot/test_support.h"

using namespace kb::present;
using kb::kernels::kernel_specs;
using kb::kernels::Params;
using kb::kernels::run_kernel;
using kb::plot::testing::count;
using kb::plot::testing::texts;
using kb::plot::testing::xml_error;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

json run(const std::string& kernel, const Params& params = {}) {
  auto r = run_kernel(kernel, params);
  INFO(kernel << ": " << r.error);
  REQUIRE(r.ok());
  return *r;
}

// Views that need parameters other than the defaults to have their data.
Params params_for(const std::string& kernel, const std::string& view) {
  if (kernel == "linear_regression" && view == "loss") return {{"method", "gradient_descent"}};
  return {};
}

void check_svg(const std::string& svg) {
  INFO(svg.substr(0, 300));
  CHECK(svg.rfind("<svg", 0) == 0);
  CHECK(xml_error(svg) == "");
  CHECK(svg.find("<title") != std::string::npos);
  CHECK(svg.find("<style") == std::string::npos);  // embed_css stays off: the page loads plot_css()
}

void check_presentation(const Presentation& p) {
  CHECK(p.figures.size() + p.tables.size() >= 1);
  for (const Figure& f : p.figures) check_svg(f.svg);
  for (const Table& t : p.tables) {
    INFO(t.caption);
    CHECK_FALSE(t.columns.empty());
    CHECK(t.rows.size() <= 400);
    for (const auto& row : t.rows) CHECK(row.size() == t.columns.size());
  }
  for (const Fact& f : p.facts) {
    CHECK_FALSE(f.label.empty());
    CHECK_FALSE(f.value.empty());
  }
}

Presentation show(const std::string& kernel, const json& result, const std::string& view = "",
                  const std::string& prefix = "") {
  PresentOptions o;
  o.view = view;
  o.id_prefix = prefix;
  auto p = present(kernel, result, o);
  INFO(kernel << " / " << view << ": " << p.error);
  REQUIRE(p.ok());
  return *p;
}

}  // namespace

TEST_CASE("every kernel has views and presents its default run in each of them") {
  for (const auto& spec : kernel_specs()) {
    INFO(spec.name);
    const std::vector<std::string> views = views_of(spec.name);
    REQUIRE_FALSE(views.empty());
    CHECK(std::set<std::string>(views.begin(), views.end()).size() == views.size());
    const json result = run(spec.name);
    // The default view is the first.
    const Presentation def = show(spec.name, result);
    check_presentation(def);
    for (const std::string& view : views) {
      INFO(view);
      const Params params = params_for(spec.name, view);
      const json r = params.empty() ? result : run(spec.name, params);
      const Presentation p = show(spec.name, r, view, "demo1-v2");
      check_presentation(p);
      // Pure: the same input gives the same bytes.
      const Presentation again = show(spec.name, r, view, "demo1-v2");
      REQUIRE(again.figures.size() == p.figures.size());
      for (size_t i = 0; i < p.figures.size(); ++i) {
        CHECK(again.figures[i].svg == p.figures[i].svg);
        CHECK(again.figures[i].caption == p.figures[i].caption);
      }
      CHECK(again.tables.size() == p.tables.size());
      // Ids are unique on the page: each figure gets its own.
      std::set<std::string> ids;
      for (const Figure& f : p.figures) {
        CHECK(f.svg.find("id=\"demo1-v2-f") != std::string::npos);
        ids.insert(kb::plot::testing::attr_of(f.svg, "<title", "id"));
      }
      CHECK(ids.size() == p.figures.size());
    }
  }
}

TEST_CASE("every overlay view draws several default runs in one figure") {
  for (const auto& spec : kernel_specs()) {
    const std::vector<std::string> views = overlay_views(spec.name);
    for (const std::string& view : views) {
      INFO(spec.name << " / " << view);
      const Params params = params_for(spec.name, view);
      const json a = run(spec.name, params);
      PresentOptions o;
      o.view = view;
      auto p = present_overlay(spec.name, {{"first", a}, {"second", a}}, o);
      INFO(p.error);
      REQUIRE(p.ok());
      check_presentation(*p);
      REQUIRE_FALSE(p->figures.empty());
      const std::vector<std::string> words = texts(p->figures[0].svg);
      const auto has = [&](const std::string& label) {
        for (const std::string& w : words) {
          if (w.find(label) != std::string::npos) return true;
        }
        return false;
      };
      CHECK(has("first"));
      CHECK(has("second"));
    }
  }
}

TEST_CASE("a view that cannot overlay, and an empty overlay, are errors") {
  const json r = run("kmeans");
  PresentOptions o;
  o.view = "scatter";
  auto p = present_overlay("kmeans", {{"a", r}, {"b", r}}, o);
  REQUIRE_FALSE(p.ok());
  CHECK_THAT(p.error, Contains("scatter") && Contains("convergence"));
  auto none = present_overlay("binomial", {}, {});
  REQUIRE_FALSE(none.ok());
  CHECK(overlay_views("decision_tree").empty());
  auto tree = present_overlay("decision_tree", {{"a", run("decision_tree")}}, {});
  REQUIRE_FALSE(tree.ok());
  CHECK_THAT(tree.error, Contains("decision_tree"));
}

TEST_CASE("k-means draws one marker group per cluster, with its centroid") {
  for (int k : {3, 5}) {
    const json r = run("kmeans", {{"k", std::to_string(k)}});
    const Presentation p = show("kmeans", r);
    REQUIRE_FALSE(p.figures.empty());
    const std::string& svg = p.figures[0].svg;
    CHECK(count(svg, "class=\"kb-plot-points ") == static_cast<size_t>(k));
    CHECK(count(svg, "class=\"kb-plot-centroid ") == static_cast<size_t>(k));
    REQUIRE_FALSE(p.tables.empty());
    CHECK(p.tables[0].rows.size() == static_cast<size_t>(k));
    std::map<std::string, std::string> facts;
    for (const Fact& f : p.facts) facts[f.label] = f.value;
    CHECK(facts["Inertia"] == kb::plot::format_number(r["inertia"].get<double>()));
    CHECK(facts.count("Iterations") == 1);
  }
}

TEST_CASE("the ROC view notes the AUC in the figure and the facts") {
  const json r = run("roc");
  const Presentation p = show("roc", r);
  const std::string auc = kb::plot::format_number(r["auc"].get<double>(), 3);
  REQUIRE_FALSE(p.figures.empty());
  CHECK_THAT(p.figures[0].svg, Contains("AUC = " + auc));
  bool fact = false;
  for (const Fact& f : p.facts) fact = fact || (f.label == "AUC" && f.value == auc);
  CHECK(fact);
  // The thresholds table is a summary, the first row the +∞ threshold.
  REQUIRE_FALSE(p.tables.empty());
  CHECK(p.tables[0].rows.size() <= 13);
  CHECK(p.tables[0].rows[0][0] == "+∞");
}

TEST_CASE("the decision tree's table starts at the root") {
  const json r = run("decision_tree");
  const Presentation p = show("decision_tree", r);
  REQUIRE(p.figures.size() == 1);
  CHECK_THAT(p.figures[0].svg, Contains("samples 300"));
  REQUIRE_FALSE(p.tables.empty());
  const Table& t = p.tables[0];
  REQUIRE(t.rows.size() == r["nodes"].size());
  CHECK(t.rows[0][0] == "0");  // node id
  CHECK(t.rows[0][1] == "0");  // depth
  CHECK(t.rows[0][4] == "300");  // every sample
  CHECK_THAT(t.rows[0][2], Contains(r["nodes"][0]["feature_name"].get<std::string>()));
}

TEST_CASE("an overlay of three binomials has three series named by the variants") {
  std::vector<std::pair<std::string, json>> variants;
  for (const char* p : {"0.2", "0.5", "0.8"}) variants.emplace_back(std::string("p = ") + p, run("binomial", {{"p", p}}));
  PresentOptions o;
  o.id_prefix = "demo2";
  for (const char* view : {"pmf", "cdf"}) {
    o.view = view;
    auto p = present_overlay("binomial", variants, o);
    INFO(p.error);
    REQUIRE(p.ok());
    REQUIRE(p->figures.size() == 1);
    const std::string& svg = p->figures[0].svg;
    const size_t series = count(svg, "class=\"kb-plot-bars s") + count(svg, "class=\"kb-plot-series s");
    CHECK(series == 3);
    const auto words = texts(svg);
    for (const auto& v : variants) CHECK(std::find(words.begin(), words.end(), v.first) != words.end());
    REQUIRE(p->tables.size() == 1);
    CHECK(p->tables[0].rows.size() == 3);
  }
}

TEST_CASE("ROC overlay puts each AUC in the legend") {
  std::vector<std::pair<std::string, json>> variants;
  for (const char* s : {"0.5", "2"}) variants.emplace_back(std::string("separation ") + s, run("roc", {{"data.separation", s}}));
  auto p = present_overlay("roc", variants, {});
  REQUIRE(p.ok());
  const auto words = texts(p->figures[0].svg);
  const std::string auc = kb::plot::format_number(variants[1].second["auc"].get<double>(), 3);
  CHECK(std::find(words.begin(), words.end(), "separation 2 (AUC = " + auc + ")") != words.end());
}

TEST_CASE("an unknown view is an error listing the kernel's views") {
  auto p = present("kmeans", run("kmeans"), PresentOptions{"elbows", "", ""});
  REQUIRE_FALSE(p.ok());
  CHECK_THAT(p.error, Contains("elbows") && Contains("scatter") && Contains("convergence"));
  CHECK(views_of("no_such_kernel").empty());
  CHECK(overlay_views("no_such_kernel").empty());
  auto q = present("no_such_kernel", json::object(), {});
  REQUIRE_FALSE(q.ok());
  CHECK_THAT(q.error, Contains("no_such_kernel"));
}

TEST_CASE("a missing or mistyped field is an error naming it") {
  json r = run("kmeans");
  r.erase("centroids");
  auto p = present("kmeans", r, {});
  REQUIRE_FALSE(p.ok());
  CHECK_THAT(p.error, Contains("\"centroids\""));

  json t = run("kmeans");
  t["data"]["x"] = "not a matrix";
  auto q = present("kmeans", t, {});
  REQUIRE_FALSE(q.ok());
  CHECK_THAT(q.error, Contains("\"data.x\""));

  // Gradient descent only has a loss curve.
  auto l = present("linear_regression", run("linear_regression"), PresentOptions{"loss", "", ""});
  REQUIRE_FALSE(l.ok());
  CHECK_THAT(l.error, Contains("\"loss_curve\"") && Contains("gradient_descent"));

  // An overlay names the variant whose result is short.
  json b = run("binomial");
  json broken = b;
  broken.erase("pmf");
  auto o = present_overlay("binomial", {{"p = 0.5", b}, {"p = 0.7", broken}}, {});
  REQUIRE_FALSE(o.ok());
  CHECK_THAT(o.error, Contains("p = 0.7") && Contains("\"pmf\""));

  auto not_object = present("roc", json::array({1, 2}), {});
  REQUIRE_FALSE(not_object.ok());
}

TEST_CASE("malformed results never crash: each field removed or replaced") {
  const json junk[] = {json(),
                       json("text"),
                       json(3.5),
                       json::array(),
                       json::array({1, 2}),
                       json::array({json::array({1}), json::array()}),
                       json::array({json::object(), "x", nullptr}),
                       json::object({{"x", 1}})};
  for (const auto& spec : kernel_specs()) {
    const json base = run(spec.name);
    for (const std::string& view : views_of(spec.name)) {
      PresentOptions o;
      o.view = view;
      // Every field, and every field of an object field or of the first
      // object of a list (data.x, grid.predictions, nodes[0].left, …).
      std::vector<json::json_pointer> paths;
      for (const auto& [key, value] : base.items()) {
        if (key == "params" || key == "kernel" || key == "version") continue;
        const json::json_pointer p("/" + key);
        paths.push_back(p);
        const json* inner = value.is_object() ? &value
                            : value.is_array() && !value.empty() && value[0].is_object() ? &value[0]
                                                                                          : nullptr;
        if (!inner) continue;
        const json::json_pointer q = value.is_object() ? p : p / 0;
        for (const auto& [k2, v2] : inner->items()) paths.push_back(q / k2);
      }
      for (const auto& ptr : paths) {
        INFO(spec.name << " / " << view << " / " << ptr.to_string());
        json r = base;
        r[ptr.parent_pointer()].erase(ptr.back());
        auto p = present(spec.name, r, o);  // ok or an error, never a throw
        if (!p.ok()) CHECK_FALSE(p.error.empty());
        for (const json& j : junk) {
          json s = base;
          s[ptr] = j;
          auto q = present(spec.name, s, o);
          if (!q.ok()) CHECK_FALSE(q.error.empty());
        }
      }
    }
  }
}

TEST_CASE("malformed variants never crash an overlay") {
  const json junk[] = {json(), json("text"), json::array(), json::array({1, 2}), json::object({{"x", 1}})};
  for (const auto& spec : kernel_specs()) {
    for (const std::string& view : overlay_views(spec.name)) {
      const json base = run(spec.name, params_for(spec.name, view));
      PresentOptions o;
      o.view = view;
      for (const auto& [key, value] : base.items()) {
        if (key == "params" || key == "kernel" || key == "version") continue;
        INFO(spec.name << " / " << view << " / " << key);
        json r = base;
        r.erase(key);
        auto p = present_overlay(spec.name, {{"good", base}, {"bad", r}}, o);
        if (!p.ok()) CHECK_THAT(p.error, Contains("bad"));
        for (const json& j : junk) {
          json s = base;
          s[key] = j;
          auto q = present_overlay(spec.name, {{"good", base}, {"bad", s}}, o);
          if (!q.ok()) CHECK_FALSE(q.error.empty());
        }
      }
    }
  }
}

TEST_CASE("a given title heads the first figure only") {
  PresentOptions o;
  o.title = "My <clusters> & more";
  o.view = "components";
  auto p = present("decomposition", run("decomposition"), o);
  REQUIRE(p.ok());
  REQUIRE(p->figures.size() == 4);
  CHECK_THAT(p->figures[0].svg, Contains("My &lt;clusters&gt; &amp; more"));
  CHECK(p->figures[1].svg.find("My &lt;clusters") == std::string::npos);
}

TEST_CASE("long data is thinned before it is drawn") {
  const json r = run("kmeans", {{"data.n", "20000"}});
  const Presentation p = show("kmeans", r);
  REQUIRE_FALSE(p.figures.empty());
  CHECK(p.figures[0].svg.size() < 400000);
  CHECK_THAT(p.figures[0].caption, Contains("of 20000 points shown"));
}

TEST_CASE("views cope with other data shapes and settings") {
  // Runs whose results differ in shape from the defaults.
  const std::vector<std::pair<std::string, Params>> runs = {
      {"kmeans", {{"data.features", "5"}, {"k", "4"}}},
      {"kmeans", {{"data.features", "1"}}},
      {"kmeans", {{"data.generator", "moons"}, {"k", "2"}}},
      {"blobs", {{"features", "1"}}},
      {"linear", {{"features", "3"}}},
      {"linear_regression", {{"data.features", "3"}}},
      {"linear_regression", {{"method", "gradient_descent"}, {"learning_rate", "0.05"}}},
      {"logistic_regression", {{"data.features", "1"}}},
      {"logistic_regression", {{"data.features", "4"}, {"test_fraction", "0.3"}}},
      {"logistic_regression", {{"data.generator", "moons"}}},
      {"knn", {{"data.generator", "moons"}, {"k", "15"}}},
      {"knn", {{"data.features", "3"}}},
      {"decision_tree", {{"max_depth", "8"}, {"data.generator", "moons"}}},
      {"decision_tree", {{"criterion", "entropy"}, {"data.features", "4"}}},
      {"random_forest", {{"trees", "20"}, {"data.generator", "imbalanced"}}},
      {"gradient_boosting", {{"loss", "squared"}, {"data.generator", "linear"}}},
      {"gradient_boosting", {{"test_fraction", "0"}}},
      {"linear_svm", {{"data.generator", "moons"}, {"c", "0.01"}}},
      {"linear_svm", {{"data.features", "3"}}},
      {"pca", {{"components", "1"}}},
      {"pca", {{"standardize", "true"}, {"components", "3"}}},
      {"elbow", {{"k_min", "2"}, {"k_max", "3"}}},
      {"random_cut_forest", {{"data.generator", "blobs"}}},
      {"impute", {{"strategy", "knn"}}},
      {"impute", {{"strategy", "median"}, {"data.generator", "linear"}}},
      {"standardize", {{"data.generator", "blobs"}}},
      {"min_max_scale", {{"data.generator", "linear"}, {"lo", "-1"}}},
      {"smote", {{"data.generator", "blobs"}, {"data.centers", "3"}}},
      {"k_fold", {{"n", "130"}, {"k", "10"}}},
      {"k_fold", {{"n", "5000"}}},
      {"train_test_split", {{"n", "1000"}, {"shuffle", "false"}}},
      {"quantile_binning", {{"strategy", "uniform"}, {"bins", "8"}}},
      {"one_hot", {{"drop_first", "true"}}},
      {"metrics", {{"data.classes", "4"}}},
      {"binomial", {{"n", "1000"}, {"p", "0.3"}, {"samples", "500"}}},
      {"poisson", {{"lambda", "40"}, {"samples", "200"}}},
      {"normal", {{"samples", "1000"}}},
      {"bernoulli", {{"p", "0"}}},
      {"decomposition", {{"model", "multiplicative"}}},
      {"mlp", {{"output", "regression"}, {"data.generator", "linear"}}},
      {"mlp", {{"hidden", "16,16,8"}, {"activation", "sigmoid"}}},
      {"vanishing_gradients", {{"activation", "relu"}, {"depth", "30"}}},
      {"tfidf", {{"data.documents", "30"}}},
      {"lda", {{"topics", "4"}, {"data.topics", "4"}, {"data.documents", "40"}}},
      {"text", {{"ngram", "2"}}},
      {"time_series", {{"anomalies", "3"}, {"model", "multiplicative"}, {"amplitude", "0.2"}}},
  };
  for (const auto& [kernel, params] : runs) {
    auto r = run_kernel(kernel, params);
    INFO(kernel << ": " << r.error);
    REQUIRE(r.ok());
    for (const std::string& view : views_of(kernel)) {
      INFO(view);
      PresentOptions o;
      o.view = view;
      auto p = present(kernel, *r, o);
      // A view whose data the run lacks (a surface without 2 features, a
      // loss curve of the closed form) is an error naming the field; any
      // other view must draw.
      if (!p.ok()) {
        CHECK_THAT(p.error, Contains("\"grid\"") || Contains("\"loss_curve\""));
        continue;
      }
      check_presentation(*p);
    }
  }
}

// ---- regression tests for defects found in real pages ----

namespace {

// A <text> element of a chart: its class, position, anchor and content.
struct Label {
  std::string cls, text, anchor = "start";
  double x = 0, y = 0;
};

std::vector<Label> labels_of(const std::string& svg, const std::string& cls_prefix) {
  static const std::regex text_re("<text class=\"([^\"]*)\"([^>]*)>([^<]*)</text>");
  static const std::regex x_re(" x=\"([-0-9.e]+)\""), y_re(" y=\"([-0-9.e]+)\""), a_re(" text-anchor=\"([a-z]+)\"");
  std::vector<Label> out;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), text_re); it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    if (m[1].str().rfind(cls_prefix, 0) != 0) continue;
    Label l;
    l.cls = m[1];
    l.text = m[3];
    const std::string attrs = m[2];
    std::smatch a;
    if (std::regex_search(attrs, a, x_re)) l.x = std::stod(a[1]);
    if (std::regex_search(attrs, a, y_re)) l.y = std::stod(a[1]);
    if (std::regex_search(attrs, a, a_re)) l.anchor = a[1];
    out.push_back(std::move(l));
  }
  return out;
}

// The horizontal extent of a label written at `font`.
std::pair<double, double> extent(const Label& l, double font) {
  const double w = kb::plot::text_width(l.text, font);
  if (l.anchor == "middle") return {l.x - w / 2, l.x + w / 2};
  if (l.anchor == "end") return {l.x - w, l.x};
  return {l.x, l.x + w};
}

// "" when no two labels of the class overlap or touch (less than 2 units
// apart: "0.9180.918" reads as one number); else the two.
std::string collision(const std::string& svg, const std::string& cls_prefix, double font) {
  const std::vector<Label> ls = labels_of(svg, cls_prefix);
  for (size_t i = 0; i < ls.size(); ++i) {
    for (size_t j = i + 1; j < ls.size(); ++j) {
      const auto [a0, a1] = extent(ls[i], font);
      const auto [b0, b1] = extent(ls[j], font);
      const bool across = a0 < b1 + 2 && b0 < a1 + 2;
      const bool down = std::fabs(ls[i].y - ls[j].y) < font * 0.9;
      if (across && down) return "\"" + ls[i].text + "\" and \"" + ls[j].text + "\"";
    }
  }
  return "";
}

std::map<std::string, std::string> facts_of(const Presentation& p) {
  std::map<std::string, std::string> out;
  for (const Fact& f : p.facts) out[f.label] = f.value;
  return out;
}

bool has_text(const std::string& svg, const std::string& part) {
  for (const std::string& w : texts(svg)) {
    if (w.find(part) != std::string::npos) return true;
  }
  return false;
}

// The default run of every kernel in each of its views, plus runs the
// defects were seen in.
std::vector<std::pair<std::string, Presentation>> many_presentations() {
  std::vector<std::pair<std::string, Presentation>> out;
  for (const auto& spec : kernel_specs()) {
    const json r = run(spec.name);
    for (const std::string& view : views_of(spec.name)) {
      const Params params = params_for(spec.name, view);
      out.emplace_back(spec.name + " / " + view, show(spec.name, params.empty() ? r : run(spec.name, params), view));
    }
  }
  for (const char* sigma : {"0.3", "0.8", "1.5"}) {
    out.emplace_back(std::string("skewed sigma ") + sigma, show("skewed", run("skewed", {{"sigma", sigma}})));
  }
  for (const char* centers : {"2", "3", "4"}) {
    out.emplace_back(std::string("pca variance, centers ") + centers,
                     show("pca",
                          run("pca", {{"components", "8"}, {"data.features", "8"}, {"data.cluster_std", "1.5"},
                                      {"data.centers", centers}}),
                          "variance"));
  }
  out.emplace_back("decision tree, entropy", show("decision_tree",
                                                  run("decision_tree", {{"criterion", "entropy"}, {"max_depth", "2"}}),
                                                  "tree"));
  return out;
}

}  // namespace

TEST_CASE("the elbow is where log(inertia) bends most, not where the first drop ends") {
  // Four clear blobs: the drop from 1 to 2 clusters dwarfs every other, so
  // on raw inertia the farthest point from the chord is k = 3.
  const json r = {{"kernel", "elbow"},
                  {"ks", {1, 2, 3, 4, 5, 6, 7}},
                  {"inertias", {18076, 6457, 1463, 130, 118, 110, 104}},
                  {"params", {{"k_min", 1}, {"k_max", 7}}}};
  const Presentation p = show("elbow", r);
  CHECK(facts_of(p)["Elbow at k"] == "4");
  REQUIRE(p.figures.size() == 1);
  CHECK_THAT(p.figures[0].caption, Contains("log scale") && Contains("heuristic"));
  auto o = present_overlay("elbow", {{"blobs", r}}, {});
  REQUIRE(o.ok());
  REQUIRE(o->tables.size() == 1);
  CHECK(o->tables[0].rows[0][1] == "4");
  CHECK_THAT(o->tables[0].caption, Contains("log scale"));
}

TEST_CASE("reference-line labels never print over each other") {
  for (const auto& [name, p] : many_presentations()) {
    for (const Figure& f : p.figures) {
      INFO(name);
      CHECK(collision(f.svg, "kb-plot-ref-label", 11) == "");
    }
  }
  // The skewed histogram names its median and mean in the legend.
  const Presentation s = show("skewed", run("skewed", {{"sigma", "0.3"}}));
  REQUIRE_FALSE(s.figures.empty());
  CHECK(has_text(s.figures[0].svg, "median "));
  CHECK(has_text(s.figures[0].svg, "mean "));
}

TEST_CASE("bar value labels never print over each other") {
  for (const auto& [name, p] : many_presentations()) {
    for (const Figure& f : p.figures) {
      INFO(name);
      CHECK(collision(f.svg, "kb-plot-value", 10) == "");
    }
  }
  // PCA: the share of PC1 reads once, as a percentage.
  const json r = run("pca", {{"components", "8"}, {"data.features", "8"}, {"data.cluster_std", "1.5"},
                             {"data.centers", "2"}});
  const Presentation p = show("pca", r, "variance");
  REQUIRE(p.figures.size() == 1);
  const std::string share = kb::plot::format_number(100 * r["all_variances"][0].get<double>() /
                                                        r["total_variance"].get<double>(),
                                                    3);
  const auto values = labels_of(p.figures[0].svg, "kb-plot-value");
  REQUIRE(values.size() == 8);
  CHECK(values[0].text == share);
  CHECK(count(p.figures[0].svg, "class=\"kb-plot-bars s") == 1);
}

TEST_CASE("one-hot with drop_first counts the categories, not the columns") {
  const Presentation all = show("one_hot", run("one_hot"));
  CHECK(facts_of(all)["Categories"] == "3");
  CHECK(facts_of(all)["Columns"] == "3");
  REQUIRE(all.figures.size() == 1);
  CHECK_THAT(all.figures[0].caption, Contains("single 1"));

  const Presentation dropped = show("one_hot", run("one_hot", {{"drop_first", "true"}}));
  CHECK(facts_of(dropped)["Categories"] == "3");
  CHECK(facts_of(dropped)["Columns"] == "2");
  REQUIRE(dropped.figures.size() == 1);
  const std::string& caption = dropped.figures[0].caption;
  CHECK_THAT(caption, Contains("\"blue\"") && Contains("all zeros"));
  CHECK(caption.rfind("Each row has a single 1", 0) != 0);
}

TEST_CASE("every title fits inside its figure, measured as bold") {
  using kb::plot::internal::kTitleMeasureFont;
  for (const auto& [name, p] : many_presentations()) {
    for (const Figure& f : p.figures) {
      INFO(name);
      const std::string box = kb::plot::testing::attr_of(f.svg, "<svg", "viewBox");
      double x0 = 0, y0 = 0, w = 0, h = 0;
      REQUIRE(std::sscanf(box.c_str(), "%lf %lf %lf %lf", &x0, &y0, &w, &h) == 4);
      for (const Label& t : labels_of(f.svg, "kb-plot-title")) {
        INFO(t.text << " in a figure " << w << " wide");
        const auto [l, r] = extent(t, kTitleMeasureFont);
        CHECK(l >= 0);
        CHECK(r <= w);
      }
    }
  }
  // The tree that showed "ecision tree (criterion = entropy, max_depth = 2".
  const Presentation t =
      show("decision_tree", run("decision_tree", {{"criterion", "entropy"}, {"max_depth", "2"}}), "tree");
  REQUIRE(t.figures.size() == 1);
  CHECK(has_text(t.figures[0].svg, "Decision tree (criterion = entropy, max_depth = 2)"));
}

TEST_CASE("the activations overlay draws the derivatives too") {
  std::vector<std::pair<std::string, json>> variants;
  for (const char* a : {"sigmoid", "tanh", "relu"}) variants.emplace_back(a, run("activations", {{"activation", a}}));
  auto p = present_overlay("activations", variants, {});
  REQUIRE(p.ok());
  REQUIRE(p->figures.size() == 2);
  const std::string& derivatives = p->figures[1].svg;
  CHECK(count(derivatives, "class=\"kb-plot-series s") == 3);
  for (const auto& v : variants) CHECK(has_text(derivatives, v.first));
  // sigmoid′(0) = 0.25 tops the sigmoid's curve: the y axis is the derivative's.
  CHECK_THAT(derivatives, Contains("Derivative"));
}

TEST_CASE("decision surfaces label a few round ticks, level, and say which shade is which class") {
  for (const char* kernel : {"knn", "decision_tree", "random_forest", "logistic_regression", "mlp",
                             "gradient_boosting", "linear_svm"}) {
    INFO(kernel);
    const Presentation p = show(kernel, run(kernel), "surface");
    REQUIRE(p.figures.size() == 1);
    const std::string& svg = p.figures[0].svg;
    CHECK(svg.find("rotate(-45") == std::string::npos);
    // Tick labels: a handful, each a round number (at most 2 significant digits).
    size_t labelled = 0;
    for (const std::string& w : texts(svg)) {
      if (w.empty() || !(std::isdigit(static_cast<unsigned char>(w.back())))) continue;
      if (w.find_first_not_of("-−0123456789.") != std::string::npos) continue;
      std::string digits;
      for (char c : w) {
        if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
      }
      while (!digits.empty() && digits.front() == '0') digits.erase(0, 1);
      while (!digits.empty() && digits.back() == '0') digits.pop_back();
      INFO(w);
      CHECK(digits.size() <= 2);
      ++labelled;
    }
    CHECK(labelled <= 24);  // the two axes and the colour scale
    const std::string& caption = p.figures[0].caption;
    if (std::string(kernel) == "linear_svm") {
      CHECK_THAT(caption, Contains("class 1") && Contains("class 0") && Contains("crosses 0"));
    } else {
      CHECK_THAT(caption, Contains("class 1") && Contains("class 0"));
    }
  }
}

TEST_CASE("smaller defects: plurals, consistent titles, empty tables, matching bins") {
  // Random cut forest: one point without a shingle is "the first point".
  const Presentation rcf = show("random_cut_forest", run("random_cut_forest", {{"shingle_size", "2"}}));
  std::string captions;
  for (const Figure& f : rcf.figures) captions += f.caption + "\n";
  CHECK_THAT(captions, Contains("The first point has no full shingle"));
  CHECK(captions.find("first 1 points") == std::string::npos);
  const Presentation rcf4 = show("random_cut_forest", run("random_cut_forest", {{"shingle_size", "4"}}));
  captions.clear();
  for (const Figure& f : rcf4.figures) captions += f.caption + "\n";
  CHECK_THAT(captions, Contains("The first 3 points have no full shingle"));

  // Impute: every variant of a grid keeps the same parameters in its title.
  for (const char* strategy : {"mean", "median", "knn"}) {
    INFO(strategy);
    const Presentation p = show("impute", run("impute", {{"strategy", strategy}}));
    REQUIRE_FALSE(p.figures.empty());
    CHECK(has_text(p.figures[0].svg, std::string("strategy = ") + strategy + ", missing_fraction = "));
  }

  // Decomposition: nothing flagged, no empty table of flagged observations.
  const Presentation quiet = show("decomposition", run("decomposition", {{"data.anomalies", "0"}}));
  CHECK(facts_of(quiet)["Flagged"] == "0");
  for (const Table& t : quiet.tables) CHECK(t.caption != "Flagged observations");
  const Presentation loud = show("decomposition", run("decomposition"));
  bool listed = false;
  for (const Table& t : loud.tables) listed = listed || (t.caption == "Flagged observations" && !t.rows.empty());
  CHECK(listed == (facts_of(loud)["Flagged"] != "0"));

  // Scaling: the before and after histograms have the same bars.
  for (const char* kernel : {"standardize", "min_max_scale"}) {
    INFO(kernel);
    const Presentation p = show(kernel, run(kernel));
    REQUIRE(p.figures.size() == 2);
    const auto heights = [](const std::string& svg) {
      static const std::regex bar_re("<rect class=\"kb-plot-bar\"[^>]*><title>[^<]*: ([0-9.]+)</title>");
      std::vector<std::string> out;
      for (auto it = std::sregex_iterator(svg.begin(), svg.end(), bar_re); it != std::sregex_iterator(); ++it) {
        out.push_back((*it)[1]);
      }
      return out;
    };
    const auto before = heights(p.figures[0].svg), after = heights(p.figures[1].svg);
    CHECK(before.size() >= 5);
    CHECK(before == after);
    CHECK_THAT(p.figures[0].caption, Contains("equal bins"));
  }
}
