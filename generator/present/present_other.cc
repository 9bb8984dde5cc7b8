// Views of the distribution, time-series and neural-network kernels.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "kernels/registry.h"
#include "present/present_internal.h"

namespace kb::present::internal {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ---- distributions ----

// What a distribution kernel tabulates: PMF at support points, or a PDF on
// a grid. Both have the CDF.
struct Dist {
  std::vector<double> x, p, cdf;
  bool discrete = true;
  double mean = kNaN, variance = kNaN;
  std::vector<double> samples;
  std::vector<double> edges, counts;  // histogram of the samples
};

Dist read_dist(const Node& r) {
  Dist d;
  d.x = r.nums("x");
  d.discrete = !r.has("pdf");
  d.p = r.nums(d.discrete ? "pmf" : "pdf");
  d.cdf = r.nums("cdf");
  d.mean = r.opt_num("mean").value_or(kNaN);
  d.variance = r.opt_num("variance").value_or(kNaN);
  if (r.has("samples")) d.samples = r.nums("samples");
  if (r.has("histogram") && !d.samples.empty()) {
    const Node h = r.at("histogram");
    d.edges = h.nums("edges");
    d.counts = h.nums("counts");
  }
  return d;
}

// The index range holding nearly all the mass: from the first to the last
// point whose probability reaches 1e-4 of the largest (a Binomial(1000, p)
// tabulates 1001 points, most of them invisible).
std::pair<size_t, size_t> mass_range(const Dist& d) {
  const size_t n = std::min(d.x.size(), d.p.size());
  const double top = max_of(d.p);
  size_t lo = n, hi = 0;
  for (size_t i = 0; i < n; ++i) {
    if (std::isfinite(d.p[i]) && d.p[i] >= top * 1e-4) {
      lo = std::min(lo, i);
      hi = i;
    }
  }
  if (lo >= n) return {0, n};
  return {lo, hi + 1};
}

std::string dist_name(const Builder& b) {
  const std::string& k = b.kernel();
  if (k == "bernoulli") return "Bernoulli(" + b.params_text({"p"}) + ")";
  if (k == "binomial") return "Binomial(" + b.params_text({"n", "p"}) + ")";
  if (k == "poisson") return "Poisson(" + b.param("lambda").insert(0, "λ = ") + ")";
  if (k == "normal") return "Normal(μ = " + b.param("mean") + ", σ = " + b.param("sd") + ")";
  if (k == "exponential") return "Exponential(λ = " + b.param("rate") + ")";
  if (k == "uniform") return "Uniform(" + b.params_text({"a", "b"}) + ")";
  std::string name = k;
  if (!name.empty()) name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  return name;
}

void moment_facts(Builder& b, const Dist& d) {
  b.fact("Mean", fmt(d.mean));
  b.fact("Variance", fmt(d.variance));
  if (std::isfinite(d.variance) && d.variance >= 0) b.fact("Standard deviation", fmt(std::sqrt(d.variance)));
  if (auto m = b.r().opt_num("sample_mean")) b.fact("Sample mean", fmt(*m));
  if (auto v = b.r().opt_num("sample_variance")) b.fact("Sample variance", fmt(*v));
}

// Step points of a discrete CDF: flat between support points, jumping at each.
plot::Series cdf_steps(std::string name, const std::vector<double>& x, const std::vector<double>& cdf, size_t lo,
                       size_t hi) {
  plot::Series s;
  s.name = std::move(name);
  double prev = lo > 0 && lo - 1 < cdf.size() ? cdf[lo - 1] : 0;
  hi = std::min({hi, x.size(), cdf.size()});
  for (size_t i = lo; i < hi; ++i) {
    s.x.push_back(x[i]);
    s.y.push_back(prev);
    s.x.push_back(x[i]);
    s.y.push_back(cdf[i]);
    prev = cdf[i];
  }
  if (lo < hi) {
    s.x.push_back(x[hi - 1] + 1);
    s.y.push_back(prev);
  }
  return s;
}

void pmf_view(Builder& b) {
  const Dist d = read_dist(b.r());
  if (!d.discrete) throw FieldError("the result has no field \"pmf\" (it holds a density: use the pdf view)");
  const auto [lo, hi] = mass_range(d);
  const std::string name = dist_name(b);
  std::vector<double> share;
  if (!d.samples.empty() && d.counts.size() + 1 == d.edges.size()) {
    // Sample share at each support point: the bin centred on it.
    double total = 0;
    for (double c : d.counts) total += std::isfinite(c) ? c : 0;
    for (size_t i = lo; i < hi; ++i) {
      double v = 0;
      for (size_t k = 0; k < d.counts.size(); ++k) {
        if (d.edges[k] <= d.x[i] && d.x[i] < d.edges[k + 1]) v = total > 0 ? d.counts[k] / total : 0;
      }
      share.push_back(v);
    }
  }
  std::string caption = "P(X = x) for each value x; together they sum to 1. Mean " + fmt(d.mean) + ".";
  if (hi - lo <= 40) {
    plot::BarChart c;
    c.options = b.chart(name + ": probability mass", "x", "P(X = x)");
    for (size_t i = lo; i < hi; ++i) c.categories.push_back(label_text(d.x[i]));
    c.series.push_back({"P(X = x)", std::vector<double>(d.p.begin() + static_cast<long>(lo), d.p.begin() + static_cast<long>(hi))});
    if (!share.empty()) c.series.push_back({"share of " + std::to_string(d.samples.size()) + " samples", share});
    c.show_values = hi - lo <= 12 && share.empty();
    b.figure(plot::bar_svg(c), caption);
  } else {
    plot::LineChart c;
    c.options = b.chart(name + ": probability mass", "x", "P(X = x)");
    c.markers = true;
    c.series.push_back(curve_xy("P(X = x)", std::vector<double>(d.x.begin() + static_cast<long>(lo), d.x.begin() + static_cast<long>(hi)),
                                std::vector<double>(d.p.begin() + static_cast<long>(lo), d.p.begin() + static_cast<long>(hi)), 400));
    if (!share.empty()) {
      c.series.push_back(curve_xy("share of samples",
                                  std::vector<double>(d.x.begin() + static_cast<long>(lo), d.x.begin() + static_cast<long>(hi)),
                                  share, 400));
    }
    b.figure(plot::line_svg(c), caption);
  }
  Table& t = b.table("Probabilities", {"x", "P(X = x)", "P(X ≤ x)"});
  for (size_t i : thin(hi - lo, 60)) {
    const size_t k = lo + i;
    t.rows.push_back({label_text(d.x[k]), fmt(d.p[k]), k < d.cdf.size() ? fmt(d.cdf[k]) : "–"});
  }
  if (hi > lo && (lo > 0 || hi < d.x.size())) t.caption += " (x from " + label_text(d.x[lo]) + " to " + label_text(d.x[hi - 1]) + "; the rest is negligible)";
  moment_facts(b, d);
}

void pdf_view(Builder& b) {
  const Dist d = read_dist(b.r());
  if (d.discrete) throw FieldError("the result has no field \"pdf\" (it holds a mass function: use the pmf view)");
  const std::string name = dist_name(b);
  std::string caption = "The density: areas under it are probabilities; the total area is 1.";
  if (!d.samples.empty() && d.counts.size() + 1 == d.edges.size()) {
    plot::HistogramChart h;
    h.options = b.chart(name + ": density and " + std::to_string(d.samples.size()) + " samples", "x", "Density");
    h.density = true;
    plot::HistogramSeries s;
    s.name = "samples";
    s.edges = d.edges;
    s.counts = d.counts;
    h.series.push_back(std::move(s));
    h.curves.push_back(curve_xy("density", d.x, d.p));
    b.figure(plot::histogram_svg(h), caption + " The bars: the samples' histogram, scaled to the same area.");
  } else {
    plot::LineChart c;
    c.options = b.chart(name + ": density", "x", "Density");
    if (std::isfinite(d.mean)) c.options.references.push_back({true, d.mean, "mean"});
    c.series.push_back(curve_xy("density", d.x, d.p));
    b.figure(plot::line_svg(c), caption);
  }
  Table& t = b.table("Density and CDF (a sample of the grid)", {"x", "density", "P(X ≤ x)"});
  for (size_t i : thin(std::min(d.x.size(), d.p.size()), 11)) {
    t.rows.push_back({fmt(d.x[i]), fmt(d.p[i]), i < d.cdf.size() ? fmt(d.cdf[i]) : "–"});
  }
  moment_facts(b, d);
}

void cdf_view(Builder& b) {
  const Dist d = read_dist(b.r());
  plot::LineChart c;
  c.options = b.chart(dist_name(b) + ": cumulative distribution", "x", "P(X ≤ x)");
  c.options.y.min = 0;
  c.options.y.max = 1;
  const size_t n = std::min(d.x.size(), d.cdf.size());
  if (d.discrete) {
    const auto [lo, hi] = mass_range(d);
    c.series.push_back(cdf_steps("P(X ≤ x)", d.x, d.cdf, lo, std::min(hi, n)));
  } else {
    c.series.push_back(curve_xy("P(X ≤ x)", d.x, d.cdf));
  }
  c.options.references.push_back({false, 0.5, "median"});
  b.figure(plot::line_svg(c), d.discrete ? "The CDF jumps by P(X = x) at each value and is flat between."
                                         : "The CDF rises fastest where the density is highest; it crosses 0.5 at "
                                           "the median.");
  Table& t = b.table("Quantiles", {"P(X ≤ x) reaches", "at x"});
  for (double q : {0.05, 0.25, 0.5, 0.75, 0.95}) {
    double at = kNaN;
    for (size_t i = 0; i < n; ++i) {
      if (d.cdf[i] >= q - 1e-12) {
        at = d.x[i];
        break;
      }
    }
    t.rows.push_back({percent(q), d.discrete ? label_text(at) : fmt(at)});
  }
  moment_facts(b, d);
}

void moments_table(Builder& b, const std::vector<VariantNode>& vs) {
  Table& t = b.table("Per variant", {"variant", "mean", "variance"});
  for (const VariantNode& v : vs) {
    t.rows.push_back({v.label, fmt(v.node.opt_num("mean").value_or(kNaN)), fmt(v.node.opt_num("variance").value_or(kNaN))});
  }
}

void pmf_overlay(Builder& b, const std::vector<VariantNode>& vs) {
  std::vector<Dist> ds;
  std::set<double> xs;
  for (const VariantNode& v : vs) {
    Dist d = read_dist(v.node);
    if (!d.discrete) throw FieldError("variant \"" + v.label + "\": the result has no field \"pmf\"");
    const auto [lo, hi] = mass_range(d);
    for (size_t i = lo; i < hi; ++i) xs.insert(d.x[i]);
    ds.push_back(std::move(d));
  }
  const std::vector<double> support(xs.begin(), xs.end());
  const std::string title = "Probability mass by variant";
  if (support.size() <= 30 && vs.size() <= 4) {
    plot::BarChart c;
    c.options = b.chart(title, "x", "P(X = x)");
    for (double x : support) c.categories.push_back(label_text(x));
    for (size_t k = 0; k < ds.size(); ++k) {
      std::map<double, double> at;
      for (size_t i = 0; i < ds[k].x.size() && i < ds[k].p.size(); ++i) at[ds[k].x[i]] = ds[k].p[i];
      std::vector<double> v;
      for (double x : support) v.push_back(at.count(x) ? at[x] : 0);
      c.series.push_back({vs[k].label, v});
    }
    b.figure(plot::bar_svg(c), "One bar per variant at each value x.");
  } else {
    plot::LineChart c;
    c.options = b.chart(title, "x", "P(X = x)");
    c.markers = true;
    for (size_t k = 0; k < ds.size(); ++k) {
      const auto [lo, hi] = mass_range(ds[k]);
      c.series.push_back(curve_xy(vs[k].label, std::vector<double>(ds[k].x.begin() + static_cast<long>(lo), ds[k].x.begin() + static_cast<long>(hi)),
                                  std::vector<double>(ds[k].p.begin() + static_cast<long>(lo), ds[k].p.begin() + static_cast<long>(hi)), 400));
    }
    b.figure(plot::line_svg(c), "One line per variant; markers at the values x the variable can take.");
  }
  moments_table(b, vs);
}

void pdf_overlay(Builder& b, const std::vector<VariantNode>& vs) {
  plot::LineChart c;
  c.options = b.chart("Density by variant", "x", "Density");
  for (const VariantNode& v : vs) {
    const Dist d = read_dist(v.node);
    if (d.discrete) throw FieldError("variant \"" + v.label + "\": the result has no field \"pdf\"");
    c.series.push_back(curve_xy(v.label, d.x, d.p));
  }
  b.figure(plot::line_svg(c), "One density per variant; each encloses an area of 1.");
  moments_table(b, vs);
}

void cdf_overlay(Builder& b, const std::vector<VariantNode>& vs) {
  plot::LineChart c;
  c.options = b.chart("Cumulative distribution by variant", "x", "P(X ≤ x)");
  c.options.y.min = 0;
  c.options.y.max = 1;
  for (const VariantNode& v : vs) {
    const Dist d = read_dist(v.node);
    if (d.discrete) {
      const auto [lo, hi] = mass_range(d);
      c.series.push_back(cdf_steps(v.label, d.x, d.cdf, lo, std::min(hi, d.cdf.size())));
    } else {
      c.series.push_back(curve_xy(v.label, d.x, d.cdf));
    }
  }
  b.figure(plot::line_svg(c), "One CDF per variant.");
  moments_table(b, vs);
}

KernelViews distribution_views(const std::string& kernel, bool discrete) {
  if (discrete) return {kernel, {{"pmf", pmf_view, pmf_overlay}, {"cdf", cdf_view, cdf_overlay}}};
  return {kernel, {{"pdf", pdf_view, pdf_overlay}, {"cdf", cdf_view, cdf_overlay}}};
}

// ---- decomposition ----

plot::Series isolated(std::string name, const std::vector<double>& t, const std::vector<double>& values,
                      const std::vector<double>& rows) {
  plot::Series s;
  s.name = std::move(name);
  for (double r : rows) {
    if (!(r >= 0) || r >= static_cast<double>(values.size())) continue;
    const size_t i = static_cast<size_t>(r);
    if (!s.x.empty()) {
      s.x.push_back(kNaN);
      s.y.push_back(kNaN);
    }
    s.x.push_back(i < t.size() ? t[i] : r);
    s.y.push_back(values[i]);
  }
  if (s.x.empty()) {  // keeps the legend entry honest: nothing flagged
    s.x.push_back(kNaN);
    s.y.push_back(kNaN);
  }
  return s;
}

void decomposition(Builder& b) {
  const auto t = b.r().nums("t");
  const auto values = b.r().nums("values");
  const auto trend = b.r().nums("trend");
  const auto seasonal = b.r().nums("seasonal");
  const auto residual = b.r().nums("residual");
  const auto anomalies = b.r().has("anomalies") ? b.r().nums("anomalies") : std::vector<double>{};
  const bool mult = b.param("model") == "multiplicative";
  const std::string base = titled(b, "Classical decomposition", {"period", "model"});
  {
    plot::LineChart c;
    c.options = b.chart(base + ": observed", "t");
    c.options.height = 240;
    c.series.push_back(curve_xy("observed", t, values));
    if (!anomalies.empty()) c.series.push_back(isolated("outlying residual", t, values, anomalies));
    b.figure(plot::line_svg(c), mult ? "observed = trend × seasonal × residual" : "observed = trend + seasonal + residual");
  }
  {
    plot::LineChart c;
    c.options = b.chart("Trend (centred moving average)", "t");
    c.options.height = 200;
    c.series.push_back(curve_xy("trend", t, trend));
    b.figure(plot::line_svg(c), "A moving average over one period: undefined for the first and last half period.");
  }
  {
    plot::LineChart c;
    c.options = b.chart(mult ? "Seasonal factor" : "Seasonal component", "t");
    c.options.height = 200;
    c.series.push_back(curve_xy("seasonal", t, seasonal));
    b.figure(plot::line_svg(c), "The same pattern every period: the mean deviation from the trend at each phase.");
  }
  {
    plot::LineChart c;
    c.options = b.chart(mult ? "Residual factor" : "Residual", "t");
    c.options.height = 200;
    c.options.references.push_back({false, mult ? 1.0 : 0.0, ""});
    c.series.push_back(curve_xy("residual", t, residual));
    if (!anomalies.empty()) c.series.push_back(isolated("outlying", t, residual, anomalies));
    b.figure(plot::line_svg(c), "What trend and season do not explain; residuals beyond " +
                                    (b.param("anomaly_z").empty() ? std::string("a few") : b.param("anomaly_z")) +
                                    " standard deviations are flagged.");
  }
  if (!anomalies.empty()) {  // an empty table would say nothing the "Flagged: 0" fact does not
    Table& tab = b.table("Flagged observations", {"t", "value", "residual"});
    for (size_t i = 0; i < anomalies.size() && i < 100; ++i) {
      const double r = anomalies[i];
      const bool ok = r >= 0 && r < static_cast<double>(values.size());
      const size_t k = ok ? static_cast<size_t>(r) : 0;
      tab.rows.push_back({fmt_int(r), ok ? fmt(values[k]) : "–", ok && k < residual.size() ? fmt(residual[k]) : "–"});
    }
  }
  if (!b.param("period").empty()) b.fact("Period", b.param("period"));
  b.fact("Model", mult ? "multiplicative" : "additive");
  b.fact("Flagged", fmt_int(static_cast<double>(anomalies.size())));
}

void decomposition_seasonal(Builder& b) {
  const auto idx = b.r().nums("seasonal_indices");
  const bool mult = b.param("model") == "multiplicative";
  plot::BarChart c;
  c.options = b.chart(titled(b, "Seasonal index per phase", {"period", "model"}), "Phase within the period", mult ? "Factor" : "Offset from the trend");
  for (size_t i = 0; i < idx.size(); ++i) c.categories.push_back(std::to_string(i));
  std::vector<double> v = idx;
  if (mult) {
    // Bars grow from 0; a factor reads better as its distance from 1.
    c.options.y.label = "Factor − 1";
    for (double& x : v) x -= 1;
  }
  c.series.push_back({"seasonal index", v});
  c.show_values = idx.size() <= 12;
  b.figure(plot::bar_svg(c), mult ? "Each phase multiplies the trend by its factor; the factors average 1."
                                  : "Each phase adds its offset to the trend; the offsets sum to 0.");
  Table& t = b.table("Seasonal indices", {"phase", mult ? "factor" : "offset"});
  for (size_t i = 0; i < idx.size() && i < 400; ++i) t.rows.push_back({std::to_string(i), fmt(idx[i])});
  b.fact("Period", fmt_int(static_cast<double>(idx.size())));
}

// ---- neural ----

std::string activation_name(const std::string& a) { return a.empty() ? "activation" : a; }

void activations(Builder& b) {
  const auto x = b.r().nums("x"), value = b.r().nums("value"), deriv = b.r().nums("derivative");
  const std::string name = activation_name(b.param("activation"));
  plot::LineChart c;
  c.options = b.chart(name + " and its derivative", "x", "Output");
  c.series.push_back(curve_xy(name + "(x)", x, value));
  plot::Series d = curve_xy(name + "′(x)", x, deriv);
  d.dashed = true;
  c.series.push_back(std::move(d));
  b.figure(plot::line_svg(c), "Backpropagation multiplies by the derivative at every layer: where it is near 0 the "
                              "unit saturates and learning stalls.");
  b.fact("Largest derivative", fmt(max_of(deriv), 3));
  b.fact("Output range", fmt(min_of(value), 3) + " to " + fmt(max_of(value), 3));
  Table& t = b.table("Sample points", {"x", "value", "derivative"});
  for (size_t i : thin(std::min({x.size(), value.size(), deriv.size()}), 13)) {
    t.rows.push_back({fmt(x[i]), fmt(value[i]), fmt(deriv[i])});
  }
}

void activations_overlay(Builder& b, const std::vector<VariantNode>& vs) {
  plot::LineChart c;
  c.options = b.chart("Activation functions", "x", "Output");
  // The derivatives in a figure of their own, one series per variant in
  // the same colours: drawn over the functions they would tangle.
  plot::LineChart d;
  d.options = b.chart("Their derivatives", "x", "Derivative");
  Table& t = b.table("Per variant", {"variant", "output range", "largest derivative"});
  for (const VariantNode& v : vs) {
    const auto x = v.node.nums("x"), value = v.node.nums("value"), deriv = v.node.nums("derivative");
    c.series.push_back(curve_xy(v.label, x, value));
    d.series.push_back(curve_xy(v.label, x, deriv));
    t.rows.push_back({v.label, fmt(min_of(value), 3) + " to " + fmt(max_of(value), 3), fmt(max_of(deriv), 3)});
  }
  b.figure(plot::line_svg(c), "One function per variant.");
  b.figure(plot::line_svg(d), "The derivative of each function: what backpropagation multiplies the gradient by at "
                              "every layer; where it is near 0 the unit saturates and learning stalls.");
}

void mlp_loss(Builder& b) {
  const auto loss = b.r().nums("loss_curve");
  const bool regression = b.param("output") == "regression";
  plot::LineChart c;
  c.options = b.chart(titled(b, "Multilayer perceptron: training loss", {"hidden", "activation", "learning_rate"}), "Epoch", regression ? "Mean squared error" : "Mean log loss");
  c.options.y.log = wants_log({loss});
  c.series.push_back(curve("training loss", loss));
  const bool diverged = b.r().opt_flag("diverged").value_or(false);
  b.figure(plot::line_svg(c), diverged ? "The loss became infinite or NaN: lower the learning rate."
                                       : "Backpropagation computes every weight's gradient; each epoch steps against it.");
  if (b.r().has("gradient_check")) {
    const Node g = b.r().at("gradient_check");
    const double rel = g.num("relative_error");
    b.fact("Gradient check", "relative error " + fmt(rel, 2) + (rel < 1e-6 ? " (backpropagation agrees)" : ""));
    Table& t = b.table("Gradient check: backpropagation against finite differences", {"measure", "value"});
    t.rows.push_back({"relative error", fmt(rel, 3)});
    if (g.has("max_abs_error")) t.rows.push_back({"largest absolute error", fmt(g.num("max_abs_error"), 3)});
    if (g.has("parameters")) t.rows.push_back({"parameters checked", fmt_int(g.num("parameters"))});
  }
  if (!loss.empty()) b.fact("Final loss", fmt(loss.back()));
  if (auto a = b.r().opt_num("train_accuracy")) b.fact("Training accuracy", rate(*a));
  if (auto a = b.r().opt_num("test_accuracy")) b.fact("Test accuracy", rate(*a));
  if (auto a = b.r().opt_num("train_rmse")) b.fact("Training RMSE", fmt(*a));
  if (auto a = b.r().opt_num("test_rmse")) b.fact("Test RMSE", fmt(*a));
  if (diverged) b.fact("Diverged", "yes");
}

void mlp_gradients(Builder& b) {
  const auto norms = b.r().matrix("gradient_norms");
  size_t layers = 0;
  for (const auto& r : norms) layers = std::max(layers, r.size());
  plot::LineChart c;
  c.options = b.chart(titled(b, "Gradient norm per layer during training", {"hidden", "activation"}), "Epoch", "‖∂loss/∂W‖");
  std::vector<std::vector<double>> curves;
  for (size_t l = 0; l < layers && l < 8; ++l) {
    std::vector<double> y = column(norms, l);
    c.series.push_back(curve(l + 1 == layers ? "output layer" : "layer " + std::to_string(l + 1), y, 1500, 1));
    curves.push_back(std::move(y));
  }
  c.options.y.log = all_positive([&] {
    std::vector<double> all;
    for (const auto& y : curves) all.insert(all.end(), y.begin(), y.end());
    return all;
  }());
  b.figure(plot::line_svg(c), "Layers nearer the input get smaller gradients when the activations saturate.");
  Table& t = b.table("Gradient norms", [&] {
    std::vector<std::string> cols = {"epoch"};
    for (size_t l = 0; l < layers && l < 8; ++l) cols.push_back(l + 1 == layers ? "output" : "layer " + std::to_string(l + 1));
    return cols;
  }());
  for (size_t i : thin(norms.size(), 10)) {
    std::vector<std::string> row = {std::to_string(i + 1)};
    for (size_t l = 0; l < layers && l < 8; ++l) row.push_back(l < norms[i].size() ? fmt(norms[i][l], 3) : "–");
    t.rows.push_back(std::move(row));
  }
}

void mlp_surface(Builder& b) {
  add_surface(b, "MLP: output surface",
              b.param("output") == "regression" ? "the predicted value" : "P(class 1)");
  if (auto a = b.r().opt_num("test_accuracy")) b.fact("Test accuracy", rate(*a));
}

void vanishing(Builder& b) {
  const auto layers = b.r().nums("layers");
  const auto norms = b.r().nums("gradient_norms");
  const std::string act = activation_name(b.param("activation"));
  plot::LineChart c;
  c.options = b.chart(titled(b, "Gradient norm by layer at initialisation", {"activation", "depth", "init"}), "Layer (1 = input side)", "‖∂loss/∂W‖");
  c.options.x.integer = true;
  c.options.y.log = all_positive(norms);
  c.markers = true;
  c.series.push_back(curve_xy(act, layers, norms));
  const double first = norms.empty() ? kNaN : norms.front(), last = norms.empty() ? kNaN : norms.back();
  b.figure(plot::line_svg(c), "The gradient is multiplied by a derivative at each layer on its way back: with "
                              "sigmoid (derivative at most 0.25) it shrinks geometrically towards the input.");
  Table& t = b.table("Per layer", {"layer", "gradient norm", "mean |activation|", "saturated units"});
  const auto means = b.r().has("activation_means") ? b.r().nums("activation_means") : std::vector<double>{};
  const auto sat = b.r().has("saturation") ? b.r().nums("saturation") : std::vector<double>{};
  for (size_t i = 0; i < norms.size() && i < 200; ++i) {
    t.rows.push_back({i < layers.size() ? fmt_int(layers[i]) : std::to_string(i + 1), fmt(norms[i], 3),
                      i < means.size() ? fmt(means[i], 3) : "–", i < sat.size() ? percent(sat[i]) : "–"});
  }
  if (first > 0 && last > 0) b.fact("Input layer / output layer", fmt(first / last, 2));
  b.fact("Activation", act);
}

void vanishing_overlay(Builder& b, const std::vector<VariantNode>& vs) {
  plot::LineChart c;
  c.options = b.chart("Gradient norm by layer at initialisation", "Layer (1 = input side)", "‖∂loss/∂W‖");
  c.options.x.integer = true;
  c.markers = true;
  std::vector<double> all;
  Table& t = b.table("Per variant", {"variant", "input layer", "output layer", "ratio"});
  for (const VariantNode& v : vs) {
    const auto layers = v.node.nums("layers"), norms = v.node.nums("gradient_norms");
    c.series.push_back(curve_xy(v.label, layers, norms));
    all.insert(all.end(), norms.begin(), norms.end());
    const double first = norms.empty() ? kNaN : norms.front(), last = norms.empty() ? kNaN : norms.back();
    t.rows.push_back({v.label, fmt(first, 3), fmt(last, 3), last > 0 ? fmt(first / last, 2) : "–"});
  }
  c.options.y.log = all_positive(all);
  b.figure(plot::line_svg(c), "One line per variant: a falling line towards layer 1 is a vanishing gradient.");
}

void vanishing_saturation(Builder& b) {
  const auto sat = b.r().nums("saturation");
  const auto means = b.r().nums("activation_means");
  plot::BarChart c;
  c.options = b.chart(titled(b, "Hidden layers at initialisation", {"activation", "init"}), "Hidden layer", "Share");
  for (size_t i = 0; i < std::max(sat.size(), means.size()); ++i) c.categories.push_back(std::to_string(i + 1));
  c.series = {{"saturated units", sat}, {"mean |activation|", means}};
  b.figure(plot::bar_svg(c), "A saturated unit's derivative is under 1% of its maximum: it passes almost no gradient.");
  Table& t = b.table("Per hidden layer", {"layer", "saturated units", "mean |activation|"});
  for (size_t i = 0; i < c.categories.size(); ++i) {
    t.rows.push_back({c.categories[i], i < sat.size() ? percent(sat[i]) : "–", i < means.size() ? fmt(means[i], 3) : "–"});
  }
}

}  // namespace

void add_other_views(std::vector<KernelViews>& out) {
  for (const char* k : {"bernoulli", "binomial", "poisson"}) out.push_back(distribution_views(k, true));
  for (const char* k : {"normal", "uniform", "exponential"}) out.push_back(distribution_views(k, false));
  // Distributions added to the registry later get the same views, by
  // whether they tabulate a mass function or a density.
  for (const kernels::KernelSpec& spec : kernels::kernel_specs()) {
    if (spec.family != "distributions") continue;
    if (std::any_of(out.begin(), out.end(), [&](const KernelViews& k) { return k.kernel == spec.name; })) continue;
    const bool pmf = std::any_of(spec.outputs.begin(), spec.outputs.end(), [](const auto& o) { return o.name == "pmf"; });
    out.push_back(distribution_views(spec.name, pmf));
  }
  out.push_back({"decomposition", {{"components", decomposition, {}}, {"seasonal", decomposition_seasonal, {}}}});
  out.push_back({"activations", {{"function", activations, activations_overlay}}});
  out.push_back({"mlp",
                 {{"loss", mlp_loss,
                   [](Builder& b, const std::vector<VariantNode>& vs) {
                     overlay_curves(b, vs, "loss_curve", "Multilayer perceptron: training loss", "Epoch", "Training loss");
                   }},
                  {"gradients", mlp_gradients, {}},
                  {"surface", mlp_surface, {}}}});
  out.push_back({"vanishing_gradients",
                 {{"gradients", vanishing, vanishing_overlay}, {"saturation", vanishing_saturation, {}}}});
}

}  // namespace kb::present::internal
