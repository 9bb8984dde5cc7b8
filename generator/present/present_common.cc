// Shared helpers of the present module: safe JSON reading, the Builder,
// number formatting and the chart helpers of present_internal.h.
#include "present/present_internal.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <set>

#include "kernels/registry.h"
#include "plot/svg.h"

namespace kb::present::internal {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const char* type_word(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "an object";
    case json::value_t::array: return "a list";
    case json::value_t::string: return "text";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::discarded: return "nothing";
    default: return "a number";
  }
}

// A list item as a number: numbers as they are, null as NaN.
bool item_number(const json& v, double& out) {
  if (v.is_number()) {
    out = v.get<double>();
    return true;
  }
  if (v.is_null()) {
    out = kNaN;
    return true;
  }
  return false;
}

std::string param_value_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer() || v.is_number_unsigned()) return fmt_int(v.get<double>());
  if (v.is_number()) return fmt(v.get<double>(), 6);
  if (v.is_array()) {
    std::vector<std::string> items;
    for (const json& item : v) items.push_back(param_value_text(item));
    return join(items);
  }
  return "";
}

}  // namespace

// ---- Node ----

std::string Node::child_path(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void Node::fail(std::string_view key, std::string_view what) const {
  throw FieldError(context_ + "field \"" + child_path(key) + "\" " + std::string(what));
}

bool Node::has(std::string_view key) const {
  if (!j_->is_object()) return false;
  const auto it = j_->find(key);
  return it != j_->end() && !it->is_null();
}

const json& Node::get(std::string_view key) const {
  if (!j_->is_object()) {
    throw FieldError(context_ + (path_.empty() ? std::string("the result") : "field \"" + path_ + "\"") +
                     " is not an object, so it has no field \"" + child_path(key) + "\"");
  }
  const auto it = j_->find(key);
  if (it == j_->end()) throw FieldError(context_ + "the result has no field \"" + child_path(key) + "\"");
  if (it->is_null()) fail(key, "is null");
  return *it;
}

Node Node::at(std::string_view key) const {
  const json& v = get(key);
  if (!v.is_object() && !v.is_array()) fail(key, std::string("is ") + type_word(v) + ", not an object or list");
  return Node(v, child_path(key), context_);
}

double Node::num(std::string_view key) const {
  const json& v = get(key);
  if (!v.is_number()) fail(key, std::string("is ") + type_word(v) + ", not a number");
  return v.get<double>();
}

std::optional<double> Node::opt_num(std::string_view key) const {
  if (!has(key)) return std::nullopt;
  return num(key);
}

bool Node::flag(std::string_view key) const {
  const json& v = get(key);
  if (!v.is_boolean()) fail(key, std::string("is ") + type_word(v) + ", not a boolean");
  return v.get<bool>();
}

std::optional<bool> Node::opt_flag(std::string_view key) const {
  if (!has(key)) return std::nullopt;
  return flag(key);
}

std::string Node::str(std::string_view key) const {
  const json& v = get(key);
  if (!v.is_string()) fail(key, std::string("is ") + type_word(v) + ", not text");
  return v.get<std::string>();
}

std::vector<double> Node::nums(std::string_view key) const {
  const json& v = get(key);
  if (!v.is_array()) fail(key, std::string("is ") + type_word(v) + ", not a list of numbers");
  std::vector<double> out;
  out.reserve(v.size());
  for (const json& item : v) {
    double d = 0;
    if (!item_number(item, d)) fail(key, std::string("holds ") + type_word(item) + " where numbers belong");
    out.push_back(d);
  }
  return out;
}

std::vector<std::vector<double>> Node::matrix(std::string_view key) const {
  const json& v = get(key);
  if (!v.is_array()) fail(key, std::string("is ") + type_word(v) + ", not a list of rows");
  std::vector<std::vector<double>> out;
  out.reserve(v.size());
  for (const json& row : v) {
    if (!row.is_array()) fail(key, std::string("holds ") + type_word(row) + " where rows of numbers belong");
    std::vector<double> r;
    r.reserve(row.size());
    for (const json& item : row) {
      double d = 0;
      if (!item_number(item, d)) fail(key, std::string("holds ") + type_word(item) + " where numbers belong");
      r.push_back(d);
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<std::string> Node::strs(std::string_view key) const {
  const json& v = get(key);
  if (!v.is_array()) fail(key, std::string("is ") + type_word(v) + ", not a list of text");
  std::vector<std::string> out;
  for (const json& item : v) {
    if (!item.is_string()) fail(key, std::string("holds ") + type_word(item) + " where text belongs");
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::vector<std::string> Node::labels(std::string_view key) const {
  const json& v = get(key);
  if (!v.is_array()) fail(key, std::string("is ") + type_word(v) + ", not a list");
  std::vector<std::string> out;
  for (const json& item : v) {
    if (item.is_string()) {
      out.push_back(item.get<std::string>());
    } else if (item.is_number()) {
      out.push_back(label_text(item.get<double>()));
    } else {
      fail(key, std::string("holds ") + type_word(item) + " where labels belong");
    }
  }
  return out;
}

// ---- Builder ----

Builder::Builder(std::string_view kernel, const json& result, const PresentOptions& options)
    : kernel_(kernel), result_(result, ""), options_(options) {}

std::string Builder::param(std::string_view name) const {
  const json& r = result_.raw();
  if (!r.is_object()) return "";
  const auto p = r.find("params");
  if (p == r.end() || !p->is_object()) return "";
  const json* at = &*p;
  std::string_view rest = name;
  while (true) {
    const size_t dot = rest.find('.');
    const std::string key(rest.substr(0, dot));
    const auto it = at->find(key);
    if (it == at->end()) return "";
    at = &*it;
    if (dot == std::string_view::npos) break;
    if (!at->is_object()) return "";
    rest = rest.substr(dot + 1);
  }
  return param_value_text(*at);
}

std::string Builder::params_text(const std::vector<std::string>& names) const {
  std::vector<std::string> parts;
  for (const std::string& n : names) {
    const std::string v = param(n);
    if (v.empty()) continue;
    const size_t dot = n.rfind('.');
    parts.push_back((dot == std::string::npos ? n : n.substr(dot + 1)) + " = " + v);
  }
  return join(parts);
}

plot::ChartOptions Builder::chart(const std::string& title, std::string x_label, std::string y_label) {
  plot::ChartOptions o;
  o.title = charts_ == 0 && !options_.title.empty() ? options_.title : title;
  o.x.label = std::move(x_label);
  o.y.label = std::move(y_label);
  o.id = figure_id(options_.id_prefix, charts_);
  o.embed_css = false;
  ++charts_;
  return o;
}

void Builder::figure(std::string svg, std::string caption) {
  out_.figures.push_back({std::move(svg), std::move(caption)});
}

Table& Builder::table(std::string caption, std::vector<std::string> columns, bool numeric) {
  Table t;
  t.caption = std::move(caption);
  t.columns = std::move(columns);
  t.numeric = numeric;
  out_.tables.push_back(std::move(t));
  return out_.tables.back();
}

void Builder::fact(std::string label, std::string value) { out_.facts.push_back({std::move(label), std::move(value)}); }

Presentation Builder::take() {
  // Every row as wide as the header, whatever a view appended.
  for (Table& t : out_.tables) {
    for (auto& row : t.rows) row.resize(t.columns.size());
  }
  return std::move(out_);
}

std::string figure_id(const std::string& prefix, int index) {
  if (prefix.empty()) return "";
  std::string id;
  for (char c : prefix) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    id += ok ? c : '-';
  }
  if (!((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= 'A' && id[0] <= 'Z'))) id = "d" + id;
  return id + "-f" + std::to_string(index + 1);
}

// ---- numbers ----

std::string fmt(double v, int significant) {
  if (std::isnan(v)) return "–";
  return plot::format_number(v, significant);
}

std::string fmt_int(double v) {
  if (!std::isfinite(v)) return fmt(v);
  return plot::format_number(std::round(v), 17);
}

std::string percent(double share, int significant) {
  if (!std::isfinite(share)) return fmt(share);
  return plot::format_number(share * 100, significant) + "%";
}

std::string rate(double v) {
  if (!std::isfinite(v)) return fmt(v);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

std::string label_text(double v) {
  if (std::isfinite(v) && v == std::round(v) && std::fabs(v) < 1e15) return fmt_int(v);
  return fmt(v);
}

std::vector<size_t> thin(size_t n, size_t max) {
  std::vector<size_t> out;
  if (n == 0) return out;
  if (max < 2) max = 2;
  const size_t step = n <= max ? 1 : (n + max - 2) / (max - 1);
  for (size_t i = 0; i < n; i += step) out.push_back(i);
  if (out.back() != n - 1) out.push_back(n - 1);
  return out;
}

std::string thinned_note(size_t n, size_t shown, const std::string& what) {
  if (shown >= n) return "";
  return fmt_int(static_cast<double>(shown)) + " of " + fmt_int(static_cast<double>(n)) + " " + what + " shown";
}

std::pair<double, double> nice_range(double lo, double hi) {
  const plot::Ticks t = plot::nice_ticks(lo, hi);
  return {t.lo, t.hi};
}

double min_of(const std::vector<double>& v) {
  double m = kNaN;
  for (double d : v) {
    if (std::isfinite(d) && !(d >= m)) m = d;
  }
  return m;
}

double max_of(const std::vector<double>& v) {
  double m = kNaN;
  for (double d : v) {
    if (std::isfinite(d) && !(d <= m)) m = d;
  }
  return m;
}

std::vector<double> column(const std::vector<std::vector<double>>& rows, size_t c) {
  std::vector<double> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(c < r.size() ? r[c] : kNaN);
  return out;
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
  return out;
}

std::string shorten(const std::string& text, size_t max_chars) { return plot::truncate_text(text, max_chars); }

// ---- chart helpers ----

std::string points_and_lines_svg(const plot::ChartOptions& options, const std::vector<PointSet>& points,
                                 const std::vector<plot::Series>& lines) {
  plot::LineChart c;
  c.options = options;
  for (const PointSet& p : points) {
    plot::Series s;
    s.name = p.name;
    const size_t n = std::min(p.x.size(), p.y.size());
    for (size_t i = 0; i < n; ++i) {
      if (i) {
        s.x.push_back(kNaN);
        s.y.push_back(kNaN);
      }
      s.x.push_back(p.x[i]);
      s.y.push_back(p.y[i]);
    }
    if (n == 0) {  // keep the colour order and the legend entry
      s.x.push_back(kNaN);
      s.y.push_back(kNaN);
    }
    c.series.push_back(std::move(s));
  }
  for (const plot::Series& l : lines) c.series.push_back(l);
  return plot::line_svg(c);
}

GroupedPoints group_points(const std::vector<std::vector<double>>& rows, const std::vector<double>& labels,
                           size_t cx, size_t cy, const std::string& prefix, size_t max_points) {
  GroupedPoints out;
  out.total = rows.size();
  std::set<double> distinct;
  for (size_t i = 0; i < rows.size() && i < labels.size(); ++i) {
    if (std::isfinite(labels[i])) distinct.insert(labels[i]);
  }
  std::map<double, size_t> index;
  if (distinct.empty()) {
    out.groups.emplace_back();
    out.groups.back().name = "points";
    out.group_labels.push_back(kNaN);
  } else {
    for (double l : distinct) {
      index[l] = out.groups.size();
      out.groups.emplace_back();
      out.groups.back().name = prefix + label_text(l);
      out.group_labels.push_back(l);
    }
  }
  for (size_t i : thin(rows.size(), max_points)) {
    const auto& r = rows[i];
    if (cx >= r.size() || cy >= r.size()) continue;
    size_t g = 0;
    if (!distinct.empty()) {
      if (i >= labels.size() || !std::isfinite(labels[i])) continue;
      g = index[labels[i]];
    }
    out.groups[g].x.push_back(r[cx]);
    out.groups[g].y.push_back(r[cy]);
    ++out.shown;
  }
  return out;
}

plot::Series curve(std::string name, const std::vector<double>& y, size_t max_points, double x0) {
  plot::Series s;
  s.name = std::move(name);
  for (size_t i : thin(y.size(), max_points)) {
    s.x.push_back(x0 + static_cast<double>(i));
    s.y.push_back(y[i]);
  }
  return s;
}

plot::Series curve_xy(std::string name, const std::vector<double>& x, const std::vector<double>& y,
                      size_t max_points) {
  plot::Series s;
  s.name = std::move(name);
  const size_t n = std::min(x.size(), y.size());
  for (size_t i : thin(n, max_points)) {
    s.x.push_back(x[i]);
    s.y.push_back(y[i]);
  }
  return s;
}

bool all_positive(const std::vector<double>& v) {
  bool any = false;
  for (double d : v) {
    if (std::isnan(d)) continue;
    if (!(d > 0) || !std::isfinite(d)) return false;
    any = true;
  }
  return any;
}

bool wants_log(const std::vector<std::vector<double>>& curves) {
  double lo = kNaN, hi = kNaN;
  for (const auto& c : curves) {
    for (double d : c) {
      if (!std::isfinite(d)) continue;
      if (d <= 0) return false;
      if (!(d >= lo)) lo = d;
      if (!(d <= hi)) hi = d;
    }
  }
  return std::isfinite(lo) && hi / lo > 20;
}

Data read_data(const Node& result) {
  Data d;
  const Node data = result.at("data");
  d.x = data.matrix("x");
  size_t width = 0;
  for (const auto& r : d.x) width = std::max(width, r.size());
  if (data.has("y")) {
    d.y = data.nums("y");
    d.has_y = true;
  }
  std::vector<std::string> columns;
  if (data.has("columns")) columns = data.strs("columns");
  for (size_t c = 0; c < width; ++c) d.features.push_back(c < columns.size() ? columns[c] : "x" + std::to_string(c + 1));
  return d;
}

namespace {

// Labels for the cells along one axis of a grid: round tick values (as on
// an x-y axis), each under the cell whose centre is nearest to it, and the
// other cells blank, so a few short labels stand far apart instead of
// every cell's raw coordinate rotated into a crowd.
std::vector<std::string> grid_tick_labels(const std::vector<double>& g) {
  std::vector<std::string> out(g.size());
  const double lo = min_of(g), hi = max_of(g);
  if (g.size() < 2 || !(hi > lo)) {
    for (size_t i = 0; i < g.size(); ++i) out[i] = fmt(g[i], 3);
    return out;
  }
  const double half = (hi - lo) / static_cast<double>(g.size() - 1) / 2;
  const plot::Ticks t = plot::nice_ticks(lo, hi, 5);
  for (size_t k = 0; k < t.values.size() && k < t.labels.size(); ++k) {
    size_t best = 0;
    for (size_t i = 1; i < g.size(); ++i) {
      if (std::fabs(g[i] - t.values[k]) < std::fabs(g[best] - t.values[k])) best = i;
    }
    if (std::fabs(g[best] - t.values[k]) <= half * 1.0001) out[best] = t.labels[k];
  }
  return out;
}

// What the shades of a decision surface mean, for its caption.
std::string surface_caption(const std::string& value_name, double lo, double hi, size_t nx, size_t ny) {
  const std::string grid = std::to_string(nx) + " × " + std::to_string(ny) + " grid over the data";
  const bool whole = std::isfinite(lo) && std::isfinite(hi) && lo == std::round(lo) && hi == std::round(hi);
  if (value_name == "predicted class" && whole && hi > lo) {
    const std::string l = label_text(lo), h = label_text(hi);
    std::string middle;
    if (hi - lo == 2) middle = ", class " + label_text(lo + 1) + " in between";
    if (hi - lo > 2) middle = ", the classes between in growing shades";
    return "The class the model predicts at each point of a " + grid + ": the palest cells are class " + l +
           middle + ", the darkest class " + h + " (the colour scale beside it reads the class).";
  }
  if (value_name == "P(class 1)") {
    return "P(class 1) at each point of a " + grid + ": the darker a cell, the surer the model is of class 1; pale "
           "cells are class 0. The boundary runs where P = 0.5 (read the shade on the colour scale).";
  }
  if (value_name.rfind("decision value", 0) == 0 && lo < 0 && hi > 0) {
    return "The " + value_name + " at each point of a " + grid + ": cells in the colour of the top of the scale "
           "(positive values) are predicted class 1, those in the colour of its bottom (negative) class 0; the "
           "boundary is where the value crosses 0.";
  }
  return "Shade: " + value_name + " at each point of a " + grid + "; the colour scale beside it reads the shade.";
}

}  // namespace

void add_surface(Builder& b, const std::string& title, const std::string& value_name) {
  if (!b.r().has("grid")) {
    if (b.r().raw().is_object() && b.r().raw().contains("grid")) {
      throw FieldError("field \"grid\" is null: the decision surface needs data with exactly 2 features and grid > 0");
    }
    throw FieldError("the result has no field \"grid\"");
  }
  const Node grid = b.r().at("grid");
  const std::vector<double> gx = grid.nums("x"), gy = grid.nums("y");
  const auto pred = grid.matrix("predictions");
  plot::HeatmapChart h;
  h.options = b.chart(title);
  h.options.width = 620;
  h.options.height = 620;
  std::vector<std::string> features = {"x1", "x2"};
  if (b.r().has("data")) {
    const Node data = b.r().at("data");
    if (data.has("columns")) {
      const auto cols = data.strs("columns");
      if (cols.size() >= 2) features = {cols[0], cols[1]};
    }
  }
  h.options.x.label = features[0];
  h.options.y.label = features[1];
  // Rows top-down: the largest y first, as on an x-y plot.
  const size_t rows = std::min(pred.size(), gy.size());
  const std::vector<std::string> y_labels = grid_tick_labels(std::vector<double>(gy.begin(), gy.begin() + static_cast<long>(rows)));
  for (size_t k = 0; k < rows; ++k) {
    const size_t r = rows - 1 - k;
    h.values.push_back(pred[r]);
    h.row_labels.push_back(y_labels[r]);
  }
  h.column_labels = grid_tick_labels(gx);
  h.show_values = false;
  double lo = kNaN, hi = kNaN;
  for (const auto& row : pred) {
    lo = std::isnan(lo) ? min_of(row) : std::min(lo, min_of(row));
    hi = std::isnan(hi) ? max_of(row) : std::max(hi, max_of(row));
  }
  if (std::isfinite(lo) && std::isfinite(hi) && hi > lo) {
    h.min = lo;
    h.max = hi;
  }
  b.figure(plot::heatmap_svg(h), surface_caption(value_name, lo, hi, gx.size(), gy.size()));
}

void add_classified_scatter(Builder& b, const std::string& title) {
  const Data d = read_data(b.r());
  if (!d.has_y) throw FieldError("field \"data.y\" is null: the labels are needed to mark mistakes");
  const std::vector<double> pred = b.r().nums("predictions");
  const bool one = d.features.size() < 2;
  const size_t cx = 0, cy = one ? 0 : 1;
  plot::ScatterChart c;
  c.options = b.chart(title, d.features.empty() ? "x1" : d.features[0], one ? "label" : d.features[1]);
  std::vector<std::vector<double>> rows = d.x;
  if (one) {  // one feature: the label on the y axis
    for (size_t i = 0; i < rows.size(); ++i) rows[i] = {rows[i].empty() ? kNaN : rows[i][0], i < d.y.size() ? d.y[i] : kNaN};
  }
  GroupedPoints g = group_points(rows, d.y, cx, one ? 1 : cy, "class ");
  plot::ScatterGroup wrong;
  size_t mistakes = 0;
  for (size_t i = 0; i < rows.size() && i < d.y.size() && i < pred.size(); ++i) {
    if (!std::isfinite(d.y[i]) || !std::isfinite(pred[i]) || pred[i] == d.y[i]) continue;
    ++mistakes;
    const auto& r = rows[i];
    if (r.size() < 2 && !one) continue;
    wrong.x.push_back(r[0]);
    wrong.y.push_back(r[one ? 1 : cy]);
  }
  wrong.name = "misclassified (" + std::to_string(mistakes) + ")";
  c.groups = std::move(g.groups);
  if (mistakes) c.groups.push_back(std::move(wrong));
  std::string caption = "Colour and shape: the true class";
  caption += mistakes ? "; the last legend entry marks the " + std::to_string(mistakes) +
                            " rows the model gets wrong."
                      : "; every row is classified correctly.";
  if (d.features.size() > 2) caption += " The first two of " + std::to_string(d.features.size()) + " features.";
  const std::string note = thinned_note(g.total, g.shown, "points");
  if (!note.empty()) caption += " " + note + ".";
  b.figure(plot::scatter_svg(c), caption);
}

void overlay_curves(Builder& b, const std::vector<VariantNode>& variants, const std::string& field,
                    const std::string& title, const std::string& x_label, const std::string& y_label) {
  plot::LineChart c;
  c.options = b.chart(title, x_label, y_label);
  std::vector<std::vector<double>> all;
  Table& t = b.table(y_label + " per variant", {"variant", "first", "last", "lowest", "steps"});
  for (const VariantNode& v : variants) {
    const std::vector<double> y = v.node.nums(field);
    all.push_back(y);
    c.series.push_back(curve(v.label, y));
    t.rows.push_back({v.label, y.empty() ? "–" : fmt(y.front()), y.empty() ? "–" : fmt(y.back()), fmt(min_of(y)),
                      fmt_int(y.empty() ? 0 : static_cast<double>(y.size() - 1))});
  }
  c.options.y.log = wants_log(all);
  // A diverging curve would stretch the axis until the others are flat
  // lines: cap it at ten times the highest starting value (it is clipped).
  double start = kNaN;
  for (const auto& y : all) {
    if (!y.empty() && std::isfinite(y.front())) start = std::isnan(start) ? y.front() : std::max(start, y.front());
  }
  double top = kNaN;
  for (const auto& y : all) top = std::isnan(top) ? max_of(y) : std::max(top, max_of(y));
  if (std::isfinite(start) && start > 0 && top > start * 10) {
    c.options.y.max = c.options.y.log ? std::pow(10, std::ceil(std::log10(start * 10))) : nice_range(0, start * 1.5).second;
  }
  b.figure(plot::line_svg(c), "One curve per variant" + std::string(c.options.y.log ? " (log scale)." : "."));
}

}  // namespace kb::present::internal

namespace kb::present::internal {

void add_labelled_scatter(Builder& b, const std::vector<std::vector<double>>& rows, const std::vector<double>& labels,
                          const std::vector<std::string>& features, const std::string& prefix,
                          const std::string& title, std::string caption,
                          const std::vector<std::vector<double>>* centroids) {
  size_t width = 0;
  for (const auto& r : rows) width = std::max(width, r.size());
  const bool one = width < 2;
  std::vector<std::vector<double>> use;
  const std::vector<std::vector<double>>* src = &rows;
  if (one) {  // one column: plot it against the label, so the groups separate
    use.reserve(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      use.push_back({rows[i].empty() ? kNaN : rows[i][0], labels.empty() ? static_cast<double>(i)
                                                        : i < labels.size() ? labels[i] : kNaN});
    }
    src = &use;
  }
  GroupedPoints g = group_points(*src, labels, 0, 1, prefix);
  plot::ScatterChart c;
  c.options = b.chart(title, features.empty() ? "x1" : features[0], one ? (labels.empty() ? "row" : "label") : (features.size() > 1 ? features[1] : "x2"));
  if (centroids && !one) {
    for (size_t k = 0; k < g.groups.size(); ++k) {
      const double l = g.group_labels[k];
      if (!std::isfinite(l) || l < 0 || l != std::round(l)) continue;
      const size_t i = static_cast<size_t>(l);
      if (i < centroids->size() && (*centroids)[i].size() >= 2) {
        g.groups[k].centroid = plot::Point{(*centroids)[i][0], (*centroids)[i][1]};
      }
    }
  }
  c.groups = std::move(g.groups);
  if (width > 2) caption += (caption.empty() ? "" : " ") + std::string("The first two of ") +
                            std::to_string(width) + " features.";
  const std::string note = thinned_note(g.total, g.shown, "points");
  if (!note.empty()) caption += (caption.empty() ? "" : " ") + note + ".";
  b.figure(plot::scatter_svg(c), caption);
}

}  // namespace kb::present::internal

namespace kb::present::internal {

namespace {

// The length a parameter's value counts for when a title is fitted: that
// of its default (in the kernel's spec, or for "data.NAME" in the spec of
// the kernel's default data generator), never that of this run's value, so
// that every variant of a grid keeps the same parameters in its title.
size_t nominal_value_length(const std::string& kernel, const std::string& name) {
  constexpr size_t kUnknown = 4;
  const kernels::KernelSpec* spec = kernels::find_kernel(kernel);
  if (!spec) return kUnknown;
  std::string key = name;
  if (key.rfind("data.", 0) == 0) {
    key = key.substr(5);
    const auto it = spec->data_defaults.find(key);
    if (it != spec->data_defaults.end()) return std::max<size_t>(1, plot::utf8_length(it->second));
    if (spec->data_generators.empty()) return kUnknown;
    spec = kernels::find_kernel(spec->data_generators.front());
    if (!spec) return kUnknown;
  }
  for (const kernels::ParamSpec& p : spec->params) {
    if (p.name == key) return std::max<size_t>(1, plot::utf8_length(p.default_value));
  }
  return kUnknown;
}

}  // namespace

std::string titled(const Builder& b, const std::string& base, const std::vector<std::string>& params) {
  // Parameters are added while the title stays short enough for one line
  // of a chart. Each value counts at its default's length, whatever this
  // run's value is: the choice must not depend on the value, or variants
  // of one grid would get different titles ("missing_fraction" kept for
  // 0.1 but dropped beside "median"). The plot library wraps a title that
  // still comes out too long.
  constexpr size_t kMaxTitle = 54;
  size_t length = plot::utf8_length(base);
  std::vector<std::string> kept;
  for (const std::string& name : params) {
    if (b.param(name).empty()) continue;
    const size_t dot = name.rfind('.');
    const size_t key = plot::utf8_length(dot == std::string::npos ? name : name.substr(dot + 1));
    const size_t add = (kept.empty() ? 3 : 2) + key + 3 + nominal_value_length(b.kernel(), name);
    if (length + add > kMaxTitle) break;
    length += add;
    kept.push_back(name);
  }
  const std::string p = b.params_text(kept);
  return p.empty() ? base : base + " (" + p + ")";
}

}  // namespace kb::present::internal
