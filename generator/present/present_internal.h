// Internal to the present module: reading a kernel's result JSON safely,
// collecting a Presentation, and the chart helpers the kernel families
// share. The families (present_*.cc) use it; callers use present.h.
//
// Contract:
// - Node reads fields of a result by name and checks their types. A field
//   that is missing, null where a value is needed, or of the wrong type
//   throws FieldError naming it by its path ("data.x"); present() and
//   present_overlay() catch it (and any other exception) and return it as
//   an error, so no exception leaves the module.
// - Builder collects figures, tables and facts. chart() hands out the
//   ChartOptions of the next figure: embed_css off, an id made from
//   PresentOptions::id_prefix and the figure's number, and the title (the
//   caller's title for the first figure when one was given).
// - Long data is thinned before it is drawn (every k-th point) so that no
//   figure grows beyond a few thousand marks; captions say so.
// Thread safety: values used by one thread; functions are pure.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "plot/plot.h"
#include "present/present.h"

namespace kb::present::internal {

using json = nlohmann::json;

// A result lacks a field a view needs, or has it of the wrong type.
struct FieldError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// One JSON value of a result and the path it was reached by, for errors.
class Node {
 public:
  // `context` starts every error message ("variant \"k = 3\": ").
  Node(const json& value, std::string path, std::string context = "")
      : j_(&value), path_(std::move(path)), context_(std::move(context)) {}

  const json& raw() const { return *j_; }
  const std::string& path() const { return path_; }
  // The path of a child, for messages ("data.x").
  std::string child_path(std::string_view key) const;

  // Present and not null.
  bool has(std::string_view key) const;
  // The child object or array; throws when missing, null or a scalar.
  Node at(std::string_view key) const;

  double num(std::string_view key) const;                   // a number
  std::optional<double> opt_num(std::string_view key) const;  // missing or null: nullopt; else a number
  bool flag(std::string_view key) const;                    // a boolean
  std::optional<bool> opt_flag(std::string_view key) const;
  std::string str(std::string_view key) const;              // a string
  // A list of numbers; null items become NaN (trends are null at the ends).
  std::vector<double> nums(std::string_view key) const;
  // A list of lists of numbers (rows); null items become NaN.
  std::vector<std::vector<double>> matrix(std::string_view key) const;
  // A list of strings.
  std::vector<std::string> strs(std::string_view key) const;
  // A list of numbers or strings, each as text (class labels may be either).
  std::vector<std::string> labels(std::string_view key) const;

  [[noreturn]] void fail(std::string_view key, std::string_view what) const;

 private:
  const json& get(std::string_view key) const;  // throws when missing or null
  const json* j_;
  std::string path_;
  std::string context_;
};

// Collects one Presentation.
class Builder {
 public:
  Builder(std::string_view kernel, const json& result, const PresentOptions& options);

  const Node& r() const { return result_; }
  const std::string& kernel() const { return kernel_; }
  const PresentOptions& options() const { return options_; }

  // The effective parameter `name` as text ("3", "kmeans++", "16, 16"); ""
  // when the result has no such parameter. "data.n" reads a data parameter.
  std::string param(std::string_view name) const;
  // "k = 3, init = kmeans++" for the named parameters that are present.
  std::string params_text(const std::vector<std::string>& names) const;

  // Options for the next figure (see the contract above).
  // Options for the next figure: its title (the block's title for the first
  // figure), axis titles, and an id unique on the page.
  plot::ChartOptions chart(const std::string& title, std::string x_label = "", std::string y_label = "");
  void figure(std::string svg, std::string caption = "");
  // Adds a table and returns it to fill. Rows are added with row().
  Table& table(std::string caption, std::vector<std::string> columns, bool numeric = true);
  void fact(std::string label, std::string value);

  Presentation take();

 private:
  std::string kernel_;
  Node result_;
  const PresentOptions& options_;
  Presentation out_;
  int charts_ = 0;
};

// The id of figure `index` for `prefix` ("" when the prefix is empty: the
// plot library then derives one from the chart).
std::string figure_id(const std::string& prefix, int index);

// "base (k = 3, init = kmeans++)": the named parameters that are present,
// as many as keep the title under about 54 characters; base alone if none.
std::string titled(const Builder& b, const std::string& base, const std::vector<std::string>& params);

// ---- numbers ----

std::string fmt(double v, int significant = 4);  // plot::format_number; NaN prints as "–"
std::string fmt_int(double v);                  // a whole number ("300")
std::string percent(double share, int significant = 3);  // 0.953 -> "95.3%"
// A rate in [0, 1] (accuracy, precision, …) with three decimals, so a
// column of them lines up: "0.953", "1.000", "0.900".
std::string rate(double v);
// Indices 0..n-1 thinned to at most `max` (every k-th, the last kept).
std::vector<size_t> thin(size_t n, size_t max);
// "every 3rd of 5000 points shown" or "" when nothing was left out.
std::string thinned_note(size_t n, size_t shown, const std::string& what);
// A nice axis range covering [lo, hi] (rounded out to ticks), for charts
// whose axes must be fixed so a line through the data does not stretch them.
std::pair<double, double> nice_range(double lo, double hi);
double min_of(const std::vector<double>& v);  // finite values only; NaN if none
double max_of(const std::vector<double>& v);
// The column `c` of rows (missing cells are NaN).
std::vector<double> column(const std::vector<std::vector<double>>& rows, size_t c);
std::string join(const std::vector<std::string>& items, const std::string& sep = ", ");
std::string shorten(const std::string& text, size_t max_chars);  // cut with "…"
// Whole-number labels as text ("0", "1"); other numbers formatted.
std::string label_text(double v);

// ---- chart helpers ----

// A set of points drawn as markers of one colour and shape.
struct PointSet {
  std::string name;
  std::vector<double> x, y;
};

// Points and lines in one x-y chart: the line chart with each point its
// own run (NaN between them), so it is drawn as a marker, followed by the
// lines. Point sets take colours s0, s1, …, then the lines.
std::string points_and_lines_svg(const plot::ChartOptions& options, const std::vector<PointSet>& points,
                                 const std::vector<plot::Series>& lines);

// Groups of a scatter plot from rows of data: one group per distinct label
// (in ascending order), named `prefix` + label, columns cx and cy. Thins to
// at most `max_points` in total. Returns the number of points left out.
struct GroupedPoints {
  std::vector<plot::ScatterGroup> groups;
  std::vector<double> group_labels;  // the label of each group
  size_t total = 0, shown = 0;
};
GroupedPoints group_points(const std::vector<std::vector<double>>& rows, const std::vector<double>& labels,
                           size_t cx, size_t cy, const std::string& prefix, size_t max_points = 3000);

// A line series from y values (x = 0, 1, …) thinned to at most max points.
plot::Series curve(std::string name, const std::vector<double>& y, size_t max_points = 1500,
                   double x0 = 0);
plot::Series curve_xy(std::string name, const std::vector<double>& x, const std::vector<double>& y,
                      size_t max_points = 1500);

// Every value of a list is positive and finite (for choosing a log axis).
bool all_positive(const std::vector<double>& v);
// A log y axis reads best for losses that fall by more than a factor of 20.
bool wants_log(const std::vector<std::vector<double>>& curves);

// The decision-surface heatmap of a kernel's `grid` {x, y, predictions}:
// rows from the top (largest y) down. `value_name` says what the shade is.
void add_surface(Builder& b, const std::string& title, const std::string& value_name);

// Scatter of rows grouped by label ("cluster 0", …): the first two
// columns, or with one column that column against the label. `centroids`
// (optional) holds a centre per label value (row i for label i), marked on
// its group. The caption gets a note when points were thinned or columns
// left out.
void add_labelled_scatter(Builder& b, const std::vector<std::vector<double>>& rows, const std::vector<double>& labels,
                          const std::vector<std::string>& features, const std::string& prefix,
                          const std::string& title, std::string caption,
                          const std::vector<std::vector<double>>* centroids = nullptr);

// Scatter of a supervised kernel's data (data.x, data.y) with the rows it
// misclassified (predictions != data.y) marked as their own group.
void add_classified_scatter(Builder& b, const std::string& title);

// The rows of data.x and the feature names (data.columns without the last,
// the label or target, when data.y is present).
struct Data {
  std::vector<std::vector<double>> x;
  std::vector<double> y;  // empty when data.y is null
  std::vector<std::string> features;
  bool has_y = false;
};
Data read_data(const Node& result);

// ---- the views ----

using ViewFn = std::function<void(Builder&)>;
struct VariantNode;
// An overlay: the Builder reads parameters from the first variant.
using OverlayFn = std::function<void(Builder&, const std::vector<VariantNode>&)>;

struct View {
  std::string name;
  ViewFn fn;
  OverlayFn overlay;  // empty: this view cannot overlay variants
};

struct KernelViews {
  std::string kernel;
  std::vector<View> views;  // default first
};

// Each family appends its kernels' views.
void add_data_views(std::vector<KernelViews>& out);          // data generators, preparation
void add_supervised_views(std::vector<KernelViews>& out);    // supervised models
void add_unsupervised_views(std::vector<KernelViews>& out);  // clustering, PCA, topics, anomalies
void add_evaluation_views(std::vector<KernelViews>& out);    // metrics, ROC, text
void add_other_views(std::vector<KernelViews>& out);         // distributions, time series, neural

// Overlay helpers shared by the families.

// One variant's result; its node's path names the variant in errors
// ("variant \"lr = 0.1\": field \"loss_curve\" …").
struct VariantNode {
  std::string label;
  Node node;
};

// Overlay of one curve per variant read from `field` (a list of numbers),
// log y when the curves fall far; a table of each variant's last value.
void overlay_curves(Builder& b, const std::vector<VariantNode>& variants, const std::string& field,
                    const std::string& title, const std::string& x_label, const std::string& y_label);

}  // namespace kb::present::internal
