// Views of the supervised kernels: fits and loss curves of the linear
// models, regularisation paths, decision boundaries and surfaces, trees and
// forests.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "present/present_internal.h"

namespace kb::present::internal {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string yes_no(bool v) { return v ? "yes" : "no"; }

void accuracy_facts(Builder& b) {
  if (auto a = b.r().opt_num("train_accuracy")) b.fact("Training accuracy", rate(*a));
  if (auto a = b.r().opt_num("test_accuracy")) b.fact("Test accuracy", rate(*a));
}

// Points of each class plus straight lines w·x + b = level across the
// plot (2 features), axes fixed to the data so the lines do not stretch
// them. levels: {value, name, dashed}.
struct Level {
  std::vector<double> values;  // one line per value, joined in one series (one legend entry)
  std::string name;
  bool dashed;
};

std::string boundary_svg(plot::ChartOptions o, const Data& d, const std::vector<double>& w, double b0,
                         const std::vector<Level>& levels, std::vector<PointSet> extra, size_t* thinned) {
  const std::vector<double> x1 = column(d.x, 0), x2 = column(d.x, 1);
  const auto [xlo, xhi] = nice_range(min_of(x1), max_of(x1));
  const auto [ylo, yhi] = nice_range(min_of(x2), max_of(x2));
  o.x.min = xlo;
  o.x.max = xhi;
  o.y.min = ylo;
  o.y.max = yhi;
  o.x.label = d.features.size() > 0 ? d.features[0] : "x1";
  o.y.label = d.features.size() > 1 ? d.features[1] : "x2";
  GroupedPoints g = group_points(d.x, d.y, 0, 1, "class ");
  if (thinned) *thinned = g.total - g.shown;
  std::vector<PointSet> sets;
  for (auto& grp : g.groups) sets.push_back({grp.name, std::move(grp.x), std::move(grp.y)});
  for (auto& e : extra) sets.push_back(std::move(e));
  std::vector<plot::Series> lines;
  if (w.size() >= 2) {
    for (const Level& l : levels) {
      plot::Series s;
      s.name = l.name;
      s.dashed = l.dashed;
      for (double level : l.values) {
        if (!s.x.empty()) {
          s.x.push_back(kNaN);
          s.y.push_back(kNaN);
        }
        if (std::fabs(w[1]) > 1e-12 * std::max(1.0, std::fabs(w[0]))) {
          // Sampled densely so that clipping at the frame stays close to it.
          for (int i = 0; i <= 60; ++i) {
            const double x = xlo + (xhi - xlo) * i / 60.0;
            s.x.push_back(x);
            s.y.push_back((level - b0 - w[0] * x) / w[1]);
          }
        } else if (std::fabs(w[0]) > 0) {
          const double x = (level - b0) / w[0];
          s.x.insert(s.x.end(), {x, x});
          s.y.insert(s.y.end(), {ylo, yhi});
        }
      }
      lines.push_back(std::move(s));
    }
  }
  return points_and_lines_svg(o, sets, lines);
}

void coefficient_table(Builder& b, const std::vector<double>& coef, double intercept,
                       const std::vector<std::string>& features, const std::vector<double>* truth,
                       const double* true_intercept) {
  std::vector<std::string> cols = {"term", "estimate"};
  if (truth) cols.push_back("true value");
  Table& t = b.table("Coefficients", cols);
  std::vector<std::string> row = {"intercept", fmt(intercept)};
  if (truth) row.push_back(true_intercept ? fmt(*true_intercept) : "–");
  t.rows.push_back(row);
  for (size_t i = 0; i < coef.size(); ++i) {
    std::vector<std::string> r = {i < features.size() ? features[i] : "x" + std::to_string(i + 1), fmt(coef[i])};
    if (truth) r.push_back(i < truth->size() ? fmt((*truth)[i]) : "–");
    t.rows.push_back(std::move(r));
  }
}

// The generator's true coefficients, when the data was generated linearly.
bool truth_of(const Node& r, std::vector<double>& coef, double& intercept) {
  if (!r.has("data")) return false;
  const Node data = r.at("data");
  if (!data.has("truth")) return false;
  const Node truth = data.at("truth");
  if (!truth.has("true_coefficients") || !truth.has("true_intercept")) return false;
  coef = truth.nums("true_coefficients");
  intercept = truth.num("true_intercept");
  return true;
}

// ---- linear regression ----

void linear_regression_fit(Builder& b) {
  const Data d = read_data(b.r());
  if (!d.has_y) throw FieldError("field \"data.y\" is null: the fit needs the targets");
  const auto coef = b.r().nums("coefficients");
  const double intercept = b.r().num("intercept");
  const auto fitted = b.r().nums("fitted");
  const std::string method = b.param("method");
  plot::ChartOptions o = b.chart(titled(b, "Least-squares fit", {"method", "l2"}));
  std::string caption;
  std::vector<plot::Series> lines;
  PointSet pts{"data", {}, {}};
  const auto keep = thin(d.x.size(), 3000);
  if (d.features.size() == 1) {
    o.x.label = d.features[0];
    o.y.label = "y";
    for (size_t i : keep) {
      if (d.x[i].empty() || i >= d.y.size()) continue;
      pts.x.push_back(d.x[i][0]);
      pts.y.push_back(d.y[i]);
    }
    const double lo = min_of(pts.x), hi = max_of(pts.x);
    if (!coef.empty()) {
      lines.push_back({"fitted line", {lo, hi}, {intercept + coef[0] * lo, intercept + coef[0] * hi}, false});
    }
    caption = "The fitted line minimises the sum of squared vertical distances to the points.";
  } else {
    o.x.label = "Predicted";
    o.y.label = "Actual";
    for (size_t i : keep) {
      if (i >= fitted.size() || i >= d.y.size()) continue;
      pts.x.push_back(fitted[i]);
      pts.y.push_back(d.y[i]);
    }
    const double lo = std::min(min_of(pts.x), min_of(pts.y)), hi = std::max(max_of(pts.x), max_of(pts.y));
    lines.push_back({"perfect prediction", {lo, hi}, {lo, hi}, true});
    caption = "With " + std::to_string(d.features.size()) +
              " features the fit is shown as actual against predicted: points on the diagonal are exact.";
  }
  const std::string note = thinned_note(d.x.size(), pts.x.size(), "points");
  if (!note.empty()) caption += " " + note + ".";
  b.figure(points_and_lines_svg(o, {pts}, lines), caption);
  std::vector<double> true_coef;
  double true_intercept = 0;
  const bool truth = truth_of(b.r(), true_coef, true_intercept);
  coefficient_table(b, coef, intercept, d.features, truth ? &true_coef : nullptr, truth ? &true_intercept : nullptr);
  b.fact("R²", fmt(b.r().num("r2"), 3));
  b.fact("RMSE", fmt(b.r().num("rmse")));
  b.fact("Method", method == "gradient_descent" ? "gradient descent" : "closed form");
  if (method == "gradient_descent") {
    if (auto e = b.r().opt_num("epochs_run")) b.fact("Epochs", fmt_int(*e));
    if (auto dv = b.r().opt_flag("diverged"); dv && *dv) b.fact("Diverged", "yes: lower the learning rate");
  }
}

void linear_regression_loss(Builder& b) {
  if (!b.r().has("loss_curve")) {
    throw FieldError("field \"loss_curve\" is null: only method = gradient_descent has a loss curve");
  }
  const auto loss = b.r().nums("loss_curve");
  plot::LineChart c;
  c.options = b.chart(titled(b, "Gradient descent: training loss", {"learning_rate", "epochs"}), "Update", "Mean squared error");
  c.options.y.log = wants_log({loss});
  c.series.push_back(curve("MSE", loss));
  const auto optimal = b.r().opt_num("optimal_mse");
  if (optimal && std::isfinite(*optimal) && (!c.options.y.log || *optimal > 0)) {
    c.options.references.push_back({false, *optimal, "closed-form MSE"});
  }
  const bool diverged = b.r().opt_flag("diverged").value_or(false);
  if (diverged && !loss.empty() && std::isfinite(loss.front()) && loss.front() > 0) {
    c.options.y.max = c.options.y.log ? std::pow(10, std::ceil(std::log10(loss.front() * 100))) : loss.front() * 10;
  }
  b.figure(plot::line_svg(c), diverged ? "The steps overshoot and the loss grows without bound: the learning rate is "
                                         "too high."
                                       : "Each update moves the coefficients down the gradient; the loss falls towards "
                                         "the closed-form minimum (dashed).");
  b.fact("Updates", fmt_int(b.r().opt_num("epochs_run").value_or(loss.empty() ? 0 : loss.size() - 1.0)));
  if (!loss.empty()) b.fact("Final MSE", fmt(loss.back()));
  if (optimal) b.fact("Closed-form MSE", fmt(*optimal));
  if (auto cv = b.r().opt_flag("converged")) b.fact("Converged", yes_no(*cv));
  if (diverged) b.fact("Diverged", "yes");
}

void linear_regression_residuals(Builder& b) {
  const Data d = read_data(b.r());
  if (!d.has_y) throw FieldError("field \"data.y\" is null: residuals need the targets");
  const auto fitted = b.r().nums("fitted");
  PointSet pts{"residual", {}, {}};
  std::vector<double> res;
  for (size_t i = 0; i < fitted.size() && i < d.y.size(); ++i) res.push_back(d.y[i] - fitted[i]);
  for (size_t i : thin(res.size(), 3000)) {
    pts.x.push_back(fitted[i]);
    pts.y.push_back(res[i]);
  }
  plot::ChartOptions o = b.chart(titled(b, "Residuals against fitted values", {"method"}));
  o.x.label = "Fitted value";
  o.y.label = "Residual (actual − fitted)";
  o.references.push_back({false, 0, ""});
  b.figure(points_and_lines_svg(o, {pts}, {}),
           "A shapeless band around 0 means the linear model fits; a curve or a funnel means it does not.");
  plot::HistogramChart h;
  h.options = b.chart("Distribution of the residuals", "Residual", "Rows");
  h.options.height = 300;
  plot::HistogramSeries s;
  s.name = "residuals";
  for (double r : res) {
    if (std::isfinite(r)) s.values.push_back(r);
  }
  h.series.push_back(std::move(s));
  b.figure(plot::histogram_svg(h));
  b.fact("RMSE", fmt(b.r().num("rmse")));
  b.fact("R²", fmt(b.r().num("r2"), 3));
}

void linear_regression_overlay(Builder& b, const std::vector<VariantNode>& vs) {
  for (const VariantNode& v : vs) {
    if (!v.node.has("loss_curve")) {
      throw FieldError("variant \"" + v.label +
                       "\": field \"loss_curve\" is null: only method = gradient_descent has a loss curve");
    }
  }
  overlay_curves(b, vs, "loss_curve", "Gradient descent: training loss", "Update", "Mean squared error");
}

// ---- learning rates ----

struct RateCurves {
  std::vector<double> rates;
  std::vector<std::vector<double>> curves;
  std::vector<bool> diverged;
};

RateCurves read_rates(const Node& r) {
  RateCurves out;
  out.rates = r.nums("learning_rates");
  out.curves = r.matrix("loss_curves");
  if (r.has("diverged")) {
    const json& d = r.at("diverged").raw();
    for (const json& v : d) out.diverged.push_back(v.is_boolean() && v.get<bool>());
  }
  out.diverged.resize(out.curves.size(), false);
  return out;
}

// Fixes the top of a log loss axis at 10× the highest starting loss, so a
// diverging curve leaves the frame instead of flattening the others.
void cap_divergence(plot::LineChart& c, const std::vector<std::vector<double>>& curves, bool any_diverged) {
  double start = kNaN, top = kNaN;
  for (const auto& y : curves) {
    if (!y.empty() && std::isfinite(y.front())) start = std::isnan(start) ? y.front() : std::max(start, y.front());
    top = std::isnan(top) ? max_of(y) : std::max(top, max_of(y));
  }
  if (!(start > 0) || !(any_diverged || top > start * 10)) return;
  c.options.y.max = c.options.y.log ? std::pow(10, std::ceil(std::log10(start * 10))) : start * 2;
}

void learning_rates(Builder& b) {
  const RateCurves rc = read_rates(b.r());
  plot::LineChart c;
  c.options = b.chart("Gradient descent at " + std::to_string(rc.rates.size()) + " learning rates", "Update", "Mean squared error");
  bool any_diverged = false;
  for (size_t i = 0; i < rc.curves.size(); ++i) {
    const std::string name = "η = " + (i < rc.rates.size() ? fmt(rc.rates[i]) : std::to_string(i + 1)) +
                             (rc.diverged[i] ? " (diverges)" : "");
    c.series.push_back(curve(name, rc.curves[i]));
    any_diverged = any_diverged || rc.diverged[i];
  }
  c.options.y.log = wants_log(rc.curves) || any_diverged;
  cap_divergence(c, rc.curves, any_diverged);
  const auto optimal = b.r().opt_num("optimal_mse");
  if (optimal && *optimal > 0) c.options.references.push_back({false, *optimal, "closed-form MSE"});
  b.figure(plot::line_svg(c), "Too small a rate crawls, a good one drops fast to the minimum (dashed), too large a "
                              "one overshoots and blows up.");
  const auto final_mse = b.r().has("final_mse") ? b.r().nums("final_mse") : std::vector<double>{};
  Table& t = b.table("Per learning rate", {"learning rate", "final MSE", "updates", "diverged"});
  for (size_t i = 0; i < rc.curves.size(); ++i) {
    const double last = i < final_mse.size() ? final_mse[i] : (rc.curves[i].empty() ? kNaN : rc.curves[i].back());
    t.rows.push_back({i < rc.rates.size() ? fmt(rc.rates[i]) : "–", fmt(last),
                      fmt_int(rc.curves[i].empty() ? 0 : rc.curves[i].size() - 1.0), yes_no(rc.diverged[i])});
  }
  if (optimal) b.fact("Closed-form MSE", fmt(*optimal));
  b.fact("Rates compared", fmt_int(static_cast<double>(rc.rates.size())));
}

void learning_rates_overlay(Builder& b, const std::vector<VariantNode>& vs) {
  plot::LineChart c;
  c.options = b.chart("Gradient descent: loss by learning rate", "Update", "Mean squared error");
  std::vector<std::vector<double>> all;
  bool any_diverged = false;
  Table& t = b.table("Per run", {"variant", "learning rate", "final MSE", "diverged"});
  for (const VariantNode& v : vs) {
    const RateCurves rc = read_rates(v.node);
    for (size_t i = 0; i < rc.curves.size(); ++i) {
      const std::string rate = i < rc.rates.size() ? fmt(rc.rates[i]) : std::to_string(i + 1);
      const std::string name = rc.curves.size() == 1 ? v.label : v.label + ", η = " + rate;
      c.series.push_back(curve(name, rc.curves[i]));
      all.push_back(rc.curves[i]);
      any_diverged = any_diverged || rc.diverged[i];
      t.rows.push_back({v.label, rate, rc.curves[i].empty() ? "–" : fmt(rc.curves[i].back()), yes_no(rc.diverged[i])});
    }
  }
  c.options.y.log = wants_log(all) || any_diverged;
  cap_divergence(c, all, any_diverged);
  b.figure(plot::line_svg(c), "One curve per learning rate" + std::string(c.options.y.log ? " (log scale)." : "."));
}

// ---- logistic regression ----

void logistic_boundary(Builder& b) {
  const Data d = read_data(b.r());
  if (!d.has_y) throw FieldError("field \"data.y\" is null: the plot needs the labels");
  const auto coef = b.r().nums("coefficients");
  const double intercept = b.r().num("intercept");
  const std::string title = titled(b, "Logistic regression: decision boundary", {"learning_rate", "l2"});
  if (d.features.size() == 2) {
    size_t thinned = 0;
    const std::string svg = boundary_svg(b.chart(title), d, coef, intercept, {{{0}, "P = 0.5 boundary", false}}, {},
                                         &thinned);
    std::string caption = "Points on one side of the line get P(class 1) above 0.5; the farther from it, the surer "
                          "the model.";
    if (thinned) caption += " " + thinned_note(d.x.size(), d.x.size() - thinned, "points") + ".";
    b.figure(svg, caption);
  } else if (d.features.size() == 1) {
    // One feature: the labels at 0 and 1 and the fitted S-curve between.
    plot::ChartOptions o = b.chart(title);
    o.x.label = d.features[0];
    o.y.label = "P(class 1)";
    GroupedPoints g = group_points(
        [&] {
          std::vector<std::vector<double>> rows;
          for (size_t i = 0; i < d.x.size(); ++i) rows.push_back({d.x[i].empty() ? kNaN : d.x[i][0], i < d.y.size() ? d.y[i] : kNaN});
          return rows;
        }(),
        d.y, 0, 1, "class ");
    std::vector<PointSet> sets;
    for (auto& grp : g.groups) sets.push_back({grp.name, grp.x, grp.y});
    const double lo = min_of(column(d.x, 0)), hi = max_of(column(d.x, 0));
    plot::Series s;
    s.name = "P(class 1)";
    for (int i = 0; i <= 100 && !coef.empty(); ++i) {
      const double x = lo + (hi - lo) * i / 100.0;
      s.x.push_back(x);
      s.y.push_back(1 / (1 + std::exp(-(intercept + coef[0] * x))));
    }
    b.figure(points_and_lines_svg(o, sets, {s}), "The S-curve is the predicted probability; it crosses 0.5 at the "
                                                  "decision threshold.");
  } else {
    add_classified_scatter(b, title);
  }
  coefficient_table(b, coef, intercept, d.features, nullptr, nullptr);
  accuracy_facts(b);
  if (auto e = b.r().opt_num("epochs_run")) b.fact("Epochs", fmt_int(*e));
}

void logistic_loss(Builder& b) {
  const auto loss = b.r().nums("loss_curve");
  plot::LineChart c;
  c.options = b.chart(titled(b, "Logistic regression: training loss", {"learning_rate", "l2"}), "Update", "Mean log loss");
  c.options.y.log = wants_log({loss});
  c.series.push_back(curve("log loss", loss));
  b.figure(plot::line_svg(c), "The log loss starts at ln 2 ≈ 0.693 (every probability 0.5) and falls as the weights "
                              "grow; on separable data it keeps falling.");
  const auto coef = b.r().nums("coefficients");
  const Data d = read_data(b.r());
  coefficient_table(b, coef, b.r().num("intercept"), d.features, nullptr, nullptr);
  if (!loss.empty()) b.fact("Final loss", fmt(loss.back()));
  if (auto cv = b.r().opt_flag("converged")) b.fact("Converged", yes_no(*cv));
  accuracy_facts(b);
}

// ---- regularisation path ----

void regularization_path(Builder& b) {
  const auto lambdas = b.r().nums("lambdas");
  const auto coefs = b.r().matrix("coefficients");
  const auto names = b.r().has("feature_names") ? b.r().strs("feature_names") : std::vector<std::string>{};
  const std::string penalty = b.param("penalty");
  const bool l1 = penalty != "l2";
  size_t width = 0;
  for (const auto& r : coefs) width = std::max(width, r.size());
  plot::LineChart c;
  c.options = b.chart(std::string(l1 ? "Lasso (L1)" : "Ridge (L2)") + " coefficient paths", "log₁₀ λ", std::string("Coefficient") + (b.param("standardize") == "true" ? " (standardised)" : ""));
  c.options.references.push_back({false, 0, ""});
  std::vector<double> logl;
  for (double l : lambdas) logl.push_back(l > 0 ? std::log10(l) : kNaN);
  for (size_t f = 0; f < width; ++f) {
    plot::Series s;
    s.name = f < names.size() ? names[f] : "x" + std::to_string(f + 1);
    for (size_t i = 0; i < coefs.size() && i < logl.size(); ++i) {
      s.x.push_back(logl[i]);
      s.y.push_back(f < coefs[i].size() ? coefs[i][f] : kNaN);
    }
    c.series.push_back(std::move(s));
  }
  b.figure(plot::line_svg(c), l1 ? "Read from right to left: as λ shrinks, features enter one by one; at large λ the "
                                   "lasso sets coefficients exactly to 0."
                                 : "Ridge shrinks every coefficient towards 0 as λ grows, but none reaches it exactly.");
  // When each feature enters (first λ, from the largest, where it is non-zero).
  Table& t = b.table("Per feature", {"feature", "enters at λ", "coefficient at the smallest λ"});
  for (size_t f = 0; f < width; ++f) {
    double enters = kNaN;
    for (size_t i = 0; i < coefs.size() && i < lambdas.size(); ++i) {
      if (f < coefs[i].size() && coefs[i][f] != 0) {
        enters = lambdas[i];
        break;
      }
    }
    const double last = coefs.empty() || f >= coefs.back().size() ? kNaN : coefs.back()[f];
    t.rows.push_back({f < names.size() ? names[f] : "x" + std::to_string(f + 1),
                      std::isnan(enters) ? "never" : fmt(enters, 3), fmt(last)});
  }
  b.fact("Penalty", l1 ? "L1 (lasso)" : "L2 (ridge)");
  if (!lambdas.empty()) b.fact("λ range", fmt(min_of(lambdas), 3) + " – " + fmt(max_of(lambdas), 3));
  if (b.r().has("nonzero")) {
    const auto nz = b.r().nums("nonzero");
    if (!nz.empty()) b.fact("Non-zero at the smallest λ", fmt_int(nz.back()) + " of " + std::to_string(width));
  }
}

void regularization_nonzero(Builder& b) {
  const auto lambdas = b.r().nums("lambdas");
  const auto nz = b.r().nums("nonzero");
  plot::LineChart c;
  c.options = b.chart(titled(b, "Non-zero coefficients along the path", {"penalty"}), "log₁₀ λ", "Non-zero coefficients");
  c.options.y.integer = true;
  c.markers = true;
  plot::Series s;
  s.name = "non-zero";
  for (size_t i = 0; i < lambdas.size() && i < nz.size(); ++i) {
    s.x.push_back(lambdas[i] > 0 ? std::log10(lambdas[i]) : kNaN);
    s.y.push_back(nz[i]);
  }
  c.series.push_back(std::move(s));
  b.figure(plot::line_svg(c), "The lasso selects features: fewer survive as λ grows.");
  Table& t = b.table("Along the path", {"λ", "non-zero"});
  for (size_t i : thin(std::min(lambdas.size(), nz.size()), 40)) t.rows.push_back({fmt(lambdas[i], 3), fmt_int(nz[i])});
}

// ---- classifiers ----

void knn_scatter(Builder& b) {
  add_classified_scatter(b, titled(b, "k-nearest neighbours", {"k", "weights", "metric"}));
  accuracy_facts(b);
  const Data d = read_data(b.r());
  const auto pred = b.r().nums("predictions");
  std::set<double> test;
  if (b.r().has("test_rows")) {
    for (double r : b.r().nums("test_rows")) test.insert(r);
  }
  // Per class: rows and how many of them the model gets right.
  std::map<double, std::pair<size_t, size_t>> per;
  for (size_t i = 0; i < d.y.size() && i < pred.size(); ++i) {
    if (!std::isfinite(d.y[i])) continue;
    auto& p = per[d.y[i]];
    ++p.first;
    if (pred[i] == d.y[i]) ++p.second;
  }
  Table& t = b.table("Per class (every row)", {"class", "rows", "predicted right", "recall"});
  for (const auto& [cls, p] : per) {
    t.rows.push_back({label_text(cls), fmt_int(p.first), fmt_int(p.second), p.first ? rate(double(p.second) / p.first) : "–"});
  }
  if (!test.empty()) b.fact("Test rows", fmt_int(static_cast<double>(test.size())));
}

std::string surface_value(const Builder& b) {
  // Classifiers' grids hold classes, the others probabilities or outputs.
  if (b.kernel() == "logistic_regression" || b.kernel() == "mlp") return "P(class 1)";
  if (b.kernel() == "gradient_boosting") return b.param("loss") == "squared" ? "predicted value" : "P(class 1)";
  if (b.kernel() == "linear_svm") return "decision value w·x + b";
  return "predicted class";
}

std::string model_name(const std::string& kernel) {
  static const std::map<std::string, std::string> names = {
      {"knn", "k-NN"}, {"logistic_regression", "Logistic regression"}, {"decision_tree", "Decision tree"},
      {"random_forest", "Random forest"}, {"gradient_boosting", "Gradient boosting"}, {"linear_svm", "Linear SVM"}};
  const auto it = names.find(kernel);
  return it == names.end() ? kernel : it->second;
}

void surface(Builder& b) {
  add_surface(b, model_name(b.kernel()) + ": decision surface", surface_value(b));
  accuracy_facts(b);
}

struct TreeNode {
  double id = -1, left = -1, right = -1;
  bool leaf = true;
  std::string feature;
  double threshold = kNaN, impurity = kNaN, samples = 0, prediction = kNaN, depth = 0;
  std::vector<double> counts;
};

std::vector<TreeNode> read_tree(const Node& r) {
  const Node nodes = r.at("nodes");
  if (!nodes.raw().is_array()) throw FieldError("field \"nodes\" is not a list");
  std::vector<TreeNode> out;
  for (size_t i = 0; i < nodes.raw().size(); ++i) {
    const Node n(nodes.raw()[i], "nodes[" + std::to_string(i) + "]");
    TreeNode t;
    t.id = n.opt_num("id").value_or(static_cast<double>(i));
    t.leaf = n.opt_flag("leaf").value_or(!n.has("left"));
    t.left = n.opt_num("left").value_or(-1);
    t.right = n.opt_num("right").value_or(-1);
    if (n.has("feature_name")) {
      t.feature = n.str("feature_name");
    } else if (auto f = n.opt_num("feature")) {
      t.feature = "x" + fmt_int(*f + 1);
    }
    t.threshold = n.opt_num("threshold").value_or(kNaN);
    t.impurity = n.has("impurity") ? n.num("impurity") : n.opt_num("gini").value_or(kNaN);
    t.samples = n.num("samples");
    t.prediction = n.opt_num("prediction").value_or(kNaN);
    t.depth = n.opt_num("depth").value_or(0);
    if (n.has("counts")) t.counts = n.nums("counts");
    out.push_back(std::move(t));
  }
  return out;
}

std::string counts_text(const std::vector<double>& counts) {
  std::vector<std::string> parts;
  for (double c : counts) parts.push_back(fmt_int(c));
  return "[" + join(parts) + "]";
}

void decision_tree(Builder& b) {
  const auto nodes = read_tree(b.r());
  const std::vector<std::string> classes = b.r().has("classes") ? b.r().labels("classes") : std::vector<std::string>{};
  const std::string criterion = b.param("criterion").empty() ? "gini" : b.param("criterion");
  std::map<double, int> index;  // id -> position
  for (size_t i = 0; i < nodes.size(); ++i) index[nodes[i].id] = static_cast<int>(i);
  // The diagram stays legible to about 31 boxes (a full tree of depth 4):
  // a bigger tree is drawn to the deepest level that keeps within that, and
  // the table lists every node.
  constexpr size_t kMaxBoxes = 31;
  std::map<double, size_t> per_depth;
  for (const TreeNode& n : nodes) ++per_depth[n.depth];
  double kMaxDrawnDepth = 1;
  size_t boxes = 0;
  for (const auto& [d, count] : per_depth) {
    boxes += count;
    if (boxes > kMaxBoxes && d > 1) break;
    kMaxDrawnDepth = d;
  }
  plot::TreeDiagram tree;
  tree.options = b.chart(titled(b, "Decision tree", {"criterion", "max_depth"}));
  size_t leaves = 0, cut = 0;
  double depth = 0;
  for (const TreeNode& n : nodes) {
    plot::TreeDiagramNode d;
    if (n.leaf) {
      ++leaves;
      d.lines.push_back("class " + label_text(n.prediction));
    } else {
      d.lines.push_back(n.feature + " ≤ " + fmt(n.threshold, 3));
    }
    d.lines.push_back(criterion + " " + fmt(n.impurity, 3));
    d.lines.push_back("samples " + fmt_int(n.samples));
    if (!n.counts.empty() && n.counts.size() <= 6) d.lines.push_back(counts_text(n.counts));
    if (std::isfinite(n.prediction)) {
      // The colour of a class is its position among the classes.
      int colour = -1;
      for (size_t k = 0; k < classes.size(); ++k) {
        if (classes[k] == label_text(n.prediction)) colour = static_cast<int>(k);
      }
      d.colour = colour;
    }
    depth = std::max(depth, n.depth);
    if (!n.leaf && n.depth < kMaxDrawnDepth) {
      const auto l = index.find(n.left), r = index.find(n.right);
      if (l != index.end()) d.children.push_back(l->second);
      if (r != index.end()) d.children.push_back(r->second);
    } else if (!n.leaf) {
      ++cut;
      d.lines.push_back("⋯ not drawn");
    }
    tree.nodes.push_back(std::move(d));
  }
  for (const TreeNode& n : nodes) {
    if (n.leaf) continue;
    const auto l = index.find(n.left), r = index.find(n.right);
    if (l != index.end()) tree.nodes[static_cast<size_t>(l->second)].edge_label = "yes";
    if (r != index.end()) tree.nodes[static_cast<size_t>(r->second)].edge_label = "no";
  }
  for (const std::string& c : classes) tree.colour_names.push_back("class " + c);
  std::string caption = "Each box asks its question; \"yes\" goes left. Colour: the class a node predicts.";
  if (cut) caption += " Drawn to depth " + fmt_int(kMaxDrawnDepth) + "; the table lists every node.";
  b.figure(plot::tree_svg(tree), caption);
  Table& t = b.table("Nodes, root first (pre-order)",
                     {"node", "depth", "split", criterion, "samples", "counts", "prediction"});
  for (size_t i = 0; i < nodes.size() && i < 300; ++i) {
    const TreeNode& n = nodes[i];
    t.rows.push_back({fmt_int(n.id), fmt_int(n.depth), n.leaf ? "leaf" : n.feature + " ≤ " + fmt(n.threshold),
                      fmt(n.impurity, 3), fmt_int(n.samples), counts_text(n.counts), label_text(n.prediction)});
  }
  b.fact("Depth", fmt_int(depth));
  b.fact("Leaves", fmt_int(static_cast<double>(leaves)));
  accuracy_facts(b);
}

void importance(Builder& b, const std::string& title, const std::string& caption) {
  const auto imp = b.r().nums("feature_importance");
  std::vector<std::string> names;
  if (b.r().has("data")) names = read_data(b.r()).features;
  plot::BarChart c;
  c.options = b.chart(title, "Feature", "Importance");
  for (size_t i = 0; i < imp.size(); ++i) c.categories.push_back(i < names.size() ? names[i] : "x" + std::to_string(i + 1));
  c.series.push_back({"importance", imp});
  c.show_values = imp.size() <= 12;
  b.figure(plot::bar_svg(c), caption);
  Table& t = b.table("Feature importance", {"feature", "importance"});
  for (size_t i = 0; i < imp.size(); ++i) t.rows.push_back({c.categories[i], fmt(imp[i], 3)});
}

void random_forest_oob(Builder& b) {
  const auto curve_y = b.r().nums("oob_error_curve");
  plot::LineChart c;
  c.options = b.chart(titled(b, "Random forest: out-of-bag error", {"trees", "max_depth", "max_features"}), "Trees", "Out-of-bag error");
  c.series.push_back(curve("OOB error", curve_y, 1500, 1));
  b.figure(plot::line_svg(c), "Each row is scored by the trees that did not see it in their bootstrap sample: a free "
                              "validation error that settles as trees are added.");
  if (auto e = b.r().opt_num("oob_error")) b.fact("Out-of-bag error", fmt(*e, 3));
  accuracy_facts(b);
  Table& t = b.table("Error as trees are added", {"trees", "OOB error"});
  for (size_t i : thin(curve_y.size(), 12)) t.rows.push_back({std::to_string(i + 1), fmt(curve_y[i], 3)});
}

void gradient_boosting_loss(Builder& b) {
  const auto train = b.r().nums("loss_curve");
  const bool squared = b.param("loss") == "squared";
  plot::LineChart c;
  c.options = b.chart(titled(b, "Gradient boosting: loss per round", {"rounds", "learning_rate", "max_depth"}), "Round", squared ? "Mean squared error" : "Mean log loss");
  c.series.push_back(curve("training", train));
  std::vector<std::vector<double>> all = {train};
  if (b.r().has("test_loss_curve")) {
    const auto test = b.r().nums("test_loss_curve");
    plot::Series s = curve("test", test);
    s.dashed = true;
    c.series.push_back(std::move(s));
    all.push_back(test);
  }
  c.options.y.log = wants_log(all);
  b.figure(plot::line_svg(c), c.series.size() > 1 ? "Each round fits a small tree to the residual errors: the "
                                                    "training loss keeps falling; where the test loss turns up, "
                                                    "later rounds overfit."
                                                  : "Each round fits a small tree to the residual errors.");
  if (!train.empty()) b.fact("Final training loss", fmt(train.back()));
  accuracy_facts(b);
  if (auto e = b.r().opt_num("train_rmse")) b.fact("Training RMSE", fmt(*e));
  if (auto e = b.r().opt_num("test_rmse")) b.fact("Test RMSE", fmt(*e));
  Table& t = b.table("Loss by round", c.series.size() > 1 ? std::vector<std::string>{"round", "training", "test"}
                                                          : std::vector<std::string>{"round", "training"});
  const auto test = all.size() > 1 ? all[1] : std::vector<double>{};
  for (size_t i : thin(train.size(), 12)) {
    std::vector<std::string> row = {std::to_string(i), fmt(train[i])};
    if (all.size() > 1) row.push_back(i < test.size() ? fmt(test[i]) : "–");
    t.rows.push_back(std::move(row));
  }
}

void svm_boundary(Builder& b) {
  const Data d = read_data(b.r());
  if (!d.has_y) throw FieldError("field \"data.y\" is null: the plot needs the labels");
  const auto coef = b.r().nums("coefficients");
  const double intercept = b.r().num("intercept");
  const auto support = b.r().has("support_vectors") ? b.r().nums("support_vectors") : std::vector<double>{};
  const std::string title = titled(b, "Linear SVM: boundary and margin", {"c"});
  if (d.features.size() == 2) {
    PointSet sv{"support vectors (" + std::to_string(support.size()) + ")", {}, {}};
    for (size_t k : thin(support.size(), 500)) {
      const double r = support[k];
      if (!(r >= 0) || r >= static_cast<double>(d.x.size())) continue;
      const auto& row = d.x[static_cast<size_t>(r)];
      if (row.size() < 2) continue;
      sv.x.push_back(row[0]);
      sv.y.push_back(row[1]);
    }
    size_t thinned = 0;
    const std::string svg =
        boundary_svg(b.chart(title), d, coef, intercept,
                     {{{0}, "boundary w·x + b = 0", false}, {{1, -1}, "margin w·x + b = ±1", true}}, {sv},
                     &thinned);
    std::string caption = "The boundary sits midway in the widest street between the classes; the support vectors on "
                          "or inside the dashed margins alone decide where it goes.";
    if (thinned) caption += " " + thinned_note(d.x.size(), d.x.size() - thinned, "points") + ".";
    b.figure(svg, caption);
  } else {
    add_classified_scatter(b, title);
  }
  coefficient_table(b, coef, intercept, d.features, nullptr, nullptr);
  if (auto m = b.r().opt_num("margin")) b.fact("Margin width", fmt(*m, 3));
  b.fact("Support vectors", fmt_int(static_cast<double>(support.size())));
  accuracy_facts(b);
}

}  // namespace

void add_supervised_views(std::vector<KernelViews>& out) {
  const auto loss_overlay = [](std::string field, std::string title, std::string x, std::string y) {
    return [=](Builder& b, const std::vector<VariantNode>& vs) { overlay_curves(b, vs, field, title, x, y); };
  };
  out.push_back({"linear_regression",
                 {{"fit", linear_regression_fit, {}},
                  {"loss", linear_regression_loss, linear_regression_overlay},
                  {"residuals", linear_regression_residuals, {}}}});
  out.push_back({"learning_rates", {{"loss", learning_rates, learning_rates_overlay}}});
  out.push_back({"logistic_regression",
                 {{"boundary", logistic_boundary, {}},
                  {"loss", logistic_loss,
                   loss_overlay("loss_curve", "Logistic regression: training loss", "Update", "Mean log loss")},
                  {"surface", surface, {}}}});
  out.push_back({"regularization_path",
                 {{"path", regularization_path, {}}, {"nonzero", regularization_nonzero, {}}}});
  out.push_back({"knn", {{"scatter", knn_scatter, {}}, {"surface", surface, {}}}});
  out.push_back({"decision_tree",
                 {{"tree", decision_tree, {}},
                  {"scatter",
                   [](Builder& b) {
                     add_classified_scatter(b, titled(b, "Decision tree: predictions", {"max_depth"}));
                     accuracy_facts(b);
                   },
                   {}},
                  {"surface", surface, {}},
                  {"importance",
                   [](Builder& b) {
                     importance(b, "Decision tree: feature importance",
                                "The share of the impurity decrease each feature's splits achieve.");
                   },
                   {}}}});
  out.push_back({"random_forest",
                 {{"oob", random_forest_oob,
                   loss_overlay("oob_error_curve", "Random forest: out-of-bag error", "Trees", "Out-of-bag error")},
                  {"importance",
                   [](Builder& b) {
                     importance(b, "Random forest: feature importance",
                                "Mean impurity decrease per feature over every tree.");
                     accuracy_facts(b);
                   },
                   {}},
                  {"scatter",
                   [](Builder& b) {
                     add_classified_scatter(b, titled(b, "Random forest: predictions", {"trees"}));
                     accuracy_facts(b);
                   },
                   {}},
                  {"surface", surface, {}}}});
  out.push_back({"gradient_boosting",
                 {{"loss", gradient_boosting_loss,
                   loss_overlay("loss_curve", "Gradient boosting: training loss", "Round", "Training loss")},
                  {"surface", surface, {}}}});
  out.push_back({"linear_svm", {{"boundary", svm_boundary, {}}, {"surface", surface, {}}}});
}

}  // namespace kb::present::internal
