#include "plot/frame.h"

#include "plot/format.h"
#include "plot/theme.h"

#include <algorithm>
#include <cmath>

namespace kb::plot::internal {

std::string colour_class(int i) {
  return "s" + std::to_string(((i % kColours) + kColours) % kColours);
}

double Scale::operator()(double v) const {
  double t;
  if (log) {
    const double a = std::log10(d0), b = std::log10(d1);
    t = b == a ? 0.5 : (std::log10(v) - a) / (b - a);
  } else {
    t = d1 == d0 ? 0.5 : (v - d0) / (d1 - d0);
  }
  return r0 + t * (r1 - r0);
}

bool Scale::contains(double v) const {
  if (!std::isfinite(v)) return false;
  if (log && !(v > 0)) return false;
  const double lo = std::min(d0, d1), hi = std::max(d0, d1);
  const double slack = log ? 1e-9 * hi : 1e-9 * std::max(hi - lo, std::fabs(hi));
  return v >= lo - slack && v <= hi + slack;
}

namespace {

struct Vertex {
  double x, y;
};

// Unit shapes (radius about 1) as polygons; the circle is separate.
std::vector<Vertex> unit_shape(int shape) {
  const double t = 0.36;  // half thickness of the plus and cross arms
  const double a = 1.15;  // their reach
  switch (shape) {
    case 1: return {{-0.86, -0.86}, {0.86, -0.86}, {0.86, 0.86}, {-0.86, 0.86}};
    case 2: return {{0, -1.2}, {1.04, 0.6}, {-1.04, 0.6}};
    case 3: return {{0, -1.25}, {1.05, 0}, {0, 1.25}, {-1.05, 0}};
    case 4: return {{0, 1.2}, {-1.04, -0.6}, {1.04, -0.6}};
    case 5: return {{-t, -a}, {t, -a}, {t, -t}, {a, -t}, {a, t}, {t, t},
                    {t, a}, {-t, a}, {-t, t}, {-a, t}, {-a, -t}, {-t, -t}};
    case 6: {
      std::vector<Vertex> plus = unit_shape(5);
      const double c = std::sqrt(0.5);
      for (Vertex& v : plus) v = {(v.x - v.y) * c, (v.x + v.y) * c};
      return plus;
    }
    default: {  // 7: hexagon
      std::vector<Vertex> hex;
      for (int i = 0; i < 6; ++i) {
        const double angle = M_PI / 3 * i;
        hex.push_back({1.05 * std::cos(angle), 1.05 * std::sin(angle)});
      }
      return hex;
    }
  }
}

}  // namespace

std::string marker_path(int shape, double x, double y, double r) {
  shape = ((shape % 8) + 8) % 8;
  std::string d = "M" + format_coord(x) + "," + format_coord(y);
  if (shape == 0) {
    const std::string rs = format_coord(r), ds = format_coord(2 * r);
    d += "m-" + rs + ",0a" + rs + "," + rs + " 0 1,0 " + ds + ",0a" + rs + "," + rs + " 0 1,0 -" + ds +
         ",0z";
    return d;
  }
  const std::vector<Vertex> pts = unit_shape(shape);
  // Relative moves from the centre, rounded so the sum of the steps lands
  // exactly on each rounded vertex.
  double px = 0, py = 0;
  for (size_t i = 0; i < pts.size(); ++i) {
    const double vx = std::round(pts[i].x * r * 10) / 10, vy = std::round(pts[i].y * r * 10) / 10;
    d += (i == 0 ? "m" : "l") + format_coord(vx - px) + "," + format_coord(vy - py);
    px = vx, py = vy;
  }
  return d + "z";
}

std::vector<std::string> wrap_text(const std::string& text, double width, double font) {
  std::vector<std::string> lines;
  std::string line;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    size_t j = text.find(' ', i);
    if (j == std::string::npos) j = text.size();
    const std::string word = text.substr(i, j - i);
    i = j;
    if (word.empty()) continue;
    const std::string candidate = line.empty() ? word : line + " " + word;
    if (!line.empty() && text_width(candidate, font) > width) {
      lines.push_back(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

std::vector<double> finite_values(const std::vector<double>& v, bool positive_only) {
  std::vector<double> out;
  out.reserve(v.size());
  for (double d : v) {
    if (std::isfinite(d) && (!positive_only || d > 0)) out.push_back(d);
  }
  return out;
}

Ticks axis_ticks(const Axis& axis, const std::vector<double>& values, int target) {
  const std::vector<double> use = finite_values(values, axis.log);
  const bool fixed_min = std::isfinite(axis.min) && (!axis.log || axis.min > 0);
  const bool fixed_max = std::isfinite(axis.max) && (!axis.log || axis.max > 0);
  double lo, hi;
  if (use.empty()) {
    lo = axis.log ? 1 : 0;
    hi = axis.log ? 10 : 1;
  } else {
    const auto [mn, mx] = std::minmax_element(use.begin(), use.end());
    lo = *mn, hi = *mx;
  }
  if (fixed_min) lo = axis.min;
  if (fixed_max) hi = axis.max;
  if (lo > hi) {  // a fixed end beyond all the data
    if (fixed_min && !fixed_max) hi = lo;
    else if (fixed_max && !fixed_min) lo = hi;
    else std::swap(lo, hi);
  }
  const bool integer = axis.integer || (!axis.log && all_integers(use) && hi - lo >= 1);
  Ticks t = axis.log ? log_ticks(lo, hi) : nice_ticks(lo, hi, target, integer);
  if ((fixed_min || fixed_max) && lo < hi) {
    if (fixed_min) t.lo = lo;
    if (fixed_max) t.hi = hi;
    std::vector<double> values_in;
    std::vector<std::string> labels_in;
    const double slack = 1e-9 * std::max(std::fabs(t.hi), std::fabs(t.lo));
    for (size_t i = 0; i < t.values.size(); ++i) {
      if (t.values[i] >= t.lo - slack && t.values[i] <= t.hi + slack) {
        values_in.push_back(t.values[i]);
        labels_in.push_back(t.labels[i]);
      }
    }
    t.values = std::move(values_in);
    t.labels = std::move(labels_in);
  }
  return t;
}

std::vector<double> reference_values(const ChartOptions& options, bool vertical) {
  std::vector<double> out;
  for (const Reference& r : options.references) {
    if (r.vertical == vertical) out.push_back(r.value);
  }
  return out;
}

double draw_title(Svg& svg, const std::string& title, double width, double top) {
  if (title.empty()) return top;
  // 1 unit of slack: a chart sized to its title's measured width keeps it on one line.
  const std::vector<std::string> lines = wrap_text(title, width - 23, kTitleMeasureFont);
  double y = top;
  for (const std::string& line : lines) {
    y += kTitleFont * 1.25;
    svg.text("text", {{"class", "kb-plot-title"}, {"x", width / 2}, {"y", y - 4}, {"text-anchor", "middle"},
                      {"font-size", kTitleFont}},
             line);
  }
  return y + 2;
}

namespace {

constexpr double kSwatch = 18;      // key width
constexpr double kLegendRow = 18;   // row height
constexpr double kLegendGap = 16;   // between items

double item_width(const LegendItem& item) {
  return kSwatch + 5 + text_width(truncate_text(item.name, 40), kLegendFont);
}

// Items per row, greedily filling `width`.
std::vector<std::vector<size_t>> legend_rows(const std::vector<LegendItem>& items, double width) {
  std::vector<std::vector<size_t>> rows;
  double used = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    const double w = item_width(items[i]);
    if (rows.empty() || (used + kLegendGap + w > width && !rows.back().empty())) {
      rows.emplace_back();
      used = -kLegendGap;
    }
    rows.back().push_back(i);
    used += kLegendGap + w;
  }
  return rows;
}

}  // namespace

double legend_height(const std::vector<LegendItem>& items, double width) {
  if (items.size() < 2) return 0;
  return legend_rows(items, width - 24).size() * kLegendRow + 4;
}

double draw_legend(Svg& svg, const std::vector<LegendItem>& items, double width, double top) {
  if (items.size() < 2) return top;
  const auto rows = legend_rows(items, width - 24);
  svg.open("g", {{"class", "kb-plot-legend"}, {"font-size", kLegendFont}});
  double y = top;
  for (const auto& row : rows) {
    double row_width = -kLegendGap;
    for (size_t i : row) row_width += kLegendGap + item_width(items[i]);
    double x = std::max(12.0, (width - row_width) / 2);
    const double cy = y + kLegendRow / 2;
    for (size_t i : row) {
      const LegendItem& item = items[i];
      const std::string cls = colour_class(item.colour);
      svg.open("g", {{"class", "kb-plot-key " + cls}});
      if (item.swatch == Swatch::kBox) {
        svg.empty("rect", {{"class", "kb-plot-bar"}, {"x", x + 3}, {"y", cy - 5.5}, {"width", 12.0}, {"height", 11.0},
                           {"rx", 1.5}});
      }
      if (item.swatch == Swatch::kLine || item.swatch == Swatch::kLineMarker) {
        svg.empty("path", {{"class", item.dashed ? "kb-plot-line dashed" : "kb-plot-line"},
                           {"d", "M" + format_coord(x) + "," + format_coord(cy) + "h" + format_coord(kSwatch)}});
      }
      if (item.swatch == Swatch::kMarker || item.swatch == Swatch::kLineMarker) {
        svg.empty("path", {{"class", "kb-plot-points"}, {"d", marker_path(item.marker, x + kSwatch / 2, cy, 4)}});
      }
      svg.text("text", {{"x", x + kSwatch + 5}, {"y", cy + kLegendFont * 0.35}}, truncate_text(item.name, 40));
      svg.close("g");
      x += item_width(item) + kLegendGap;
    }
    y += kLegendRow;
  }
  svg.close("g");
  return y + 4;
}

std::string document(const ChartOptions& options, const char* kind, double width, double height,
                     const std::string& body, const std::string& description,
                     const std::string& fallback_title) {
  Svg svg;
  const std::string id(1, kIdToken);
  svg.open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                   {"class", std::string("kb-plot kb-plot-") + kind},
                   {"viewBox", "0 0 " + format_coord(width) + " " + format_coord(height)},
                   {"width", width},
                   {"height", height},
                   {"role", "img"},
                   {"aria-labelledby", id + "-title " + id + "-desc"},
                   {"font-size", kTickFont}});
  svg.text("title", {{"id", id + "-title"}}, options.title.empty() ? fallback_title : options.title);
  svg.text("desc", {{"id", id + "-desc"}}, options.description.empty() ? description : options.description);
  if (options.embed_css) svg.open("style").raw(plot_css()).close("style");
  svg.raw(body);
  svg.close("svg");
  return finish_id(svg.take(), options.id);
}

std::string describe_range(const std::vector<double>& values) {
  const std::vector<double> use = finite_values(values);
  if (use.empty()) return "no values";
  const auto [mn, mx] = std::minmax_element(use.begin(), use.end());
  if (*mn == *mx) return "all " + format_number(*mn);
  return "from " + format_number(*mn) + " to " + format_number(*mx);
}

// ---- XYPlot ----

XYPlot::XYPlot(const ChartOptions& options, XYSetup setup) : options_(options), setup_(std::move(setup)) {
  width_ = std::clamp(std::isfinite(options.width) ? options.width : 640.0, 200.0, 4000.0);
  height_ = std::clamp(std::isfinite(options.height) ? options.height : 400.0, 150.0, 4000.0);
  const bool categorical = !setup_.categories.empty();

  double y = draw_title(svg_, options.title, width_, 6);
  y = draw_legend(svg_, setup_.legend, width_, y + (options.title.empty() ? 4 : 2));
  top_ = y + 10;

  double ytick_width = 0;
  for (const std::string& label : setup_.y.labels) ytick_width = std::max(ytick_width, text_width(label, kTickFont));
  left_ = 10 + (options.y.label.empty() ? 0 : kLabelFont + 8) + ytick_width + 4 + 5;

  right_ = width_ - 14;
  if (!categorical && !setup_.x.labels.empty()) {
    right_ = width_ - std::max(14.0, text_width(setup_.x.labels.back(), kTickFont) / 2 + 6);
  }

  double below = 5 + 5 + kTickFont;  // tick, gap, tick labels
  if (categorical) {
    for (const std::string& c : setup_.categories) category_labels_.push_back(truncate_text(c, 24));
    double widest = 0;
    for (const std::string& c : category_labels_) widest = std::max(widest, text_width(c, kTickFont));
    const double band = (right_ - left_) / category_labels_.size();
    if (widest > band - 6) {
      rotate_categories_ = true;
      below = 5 + 5 + widest * std::sin(M_PI / 4) + kTickFont * 0.7;
      // A long first label reaches left past the axis.
      left_ = std::max(left_, widest * std::cos(M_PI / 4) - band / 2 + 12);
    }
  }
  bottom_ = height_ - (below + (options.x.label.empty() ? 0 : kLabelFont + 8) + 8);
  // Keep a usable plot area however cramped the chart is.
  if (right_ - left_ < 60) right_ = left_ + 60;
  if (bottom_ - top_ < 40) bottom_ = top_ + 40;
  // Edges on the 0.1 grid of format_coord, so the data lands exactly on them.
  const auto snap = [](double v) { return std::round(v * 10) / 10; };
  left_ = snap(left_), right_ = snap(right_), top_ = snap(top_), bottom_ = snap(bottom_);
  width_ = std::max(width_, right_ + 14);
  height_ = std::max(height_, bottom_ + below + 8 + (options.x.label.empty() ? 0 : kLabelFont + 8));

  x_ = Scale{setup_.x.lo, setup_.x.hi, left_, right_, setup_.x.log};
  y_ = Scale{setup_.y.lo, setup_.y.hi, bottom_, top_, setup_.y.log};

  svg_.empty("rect", {{"class", "kb-plot-area"}, {"x", left_}, {"y", top_}, {"width", right_ - left_},
                      {"height", bottom_ - top_}});
  svg_.open("g", {{"class", "kb-plot-grid"}});
  std::string grid;
  for (double v : setup_.y.values) {
    if (!y_.contains(v)) continue;
    grid += "M" + format_coord(left_) + "," + format_coord(y_(v)) + "H" + format_coord(right_);
  }
  if (!categorical && setup_.x_grid) {
    for (double v : setup_.x.values) {
      if (!x_.contains(v)) continue;
      grid += "M" + format_coord(x_(v)) + "," + format_coord(top_) + "V" + format_coord(bottom_);
    }
  }
  if (!grid.empty()) svg_.empty("path", {{"d", grid}});
  svg_.close("g");

  bool any_reference = false;
  for (const Reference& r : options.references) {
    const Scale& s = r.vertical ? x_ : y_;
    if (r.vertical && categorical) continue;
    if (!s.contains(r.value)) continue;
    if (!any_reference) svg_.open("g", {{"class", "kb-plot-refs"}});
    any_reference = true;
    const double p = s(r.value);
    const std::string d = r.vertical
                              ? "M" + format_coord(p) + "," + format_coord(bottom_) + "V" + format_coord(top_)
                              : "M" + format_coord(left_) + "," + format_coord(p) + "H" + format_coord(right_);
    svg_.empty("path", {{"class", "kb-plot-ref"}, {"d", d}});
    if (!r.label.empty()) {
      if (r.vertical) {
        svg_.text("text", {{"class", "kb-plot-ref-label kb-plot-halo"}, {"x", p + 4}, {"y", top_ + 12}}, r.label);
      } else {
        svg_.text("text", {{"class", "kb-plot-ref-label kb-plot-halo"}, {"x", right_ - 4}, {"y", p - 4},
                           {"text-anchor", "end"}},
                  r.label);
      }
    }
  }
  if (any_reference) svg_.close("g");
}

double XYPlot::band() const {
  return setup_.categories.empty() ? 0 : (right_ - left_) / setup_.categories.size();
}

double XYPlot::band_centre(size_t i) const { return left_ + band() * (i + 0.5); }

void XYPlot::begin_data(bool clip) {
  if (clip) {
    // Half a line width of slack so a line along an edge is not cut in half.
    const std::string id(1, kIdToken);
    svg_.open("clipPath", {{"id", id + "-clip"}});
    svg_.empty("rect", {{"x", left_ - 2}, {"y", top_ - 2}, {"width", right_ - left_ + 4},
                        {"height", bottom_ - top_ + 4}});
    svg_.close("clipPath");
    svg_.open("g", {{"class", "kb-plot-data"}, {"clip-path", "url(#" + id + "-clip)"}});
  } else {
    svg_.open("g", {{"class", "kb-plot-data"}});
  }
}

void XYPlot::end_data() { svg_.close("g"); }

void XYPlot::draw_axes() {
  const bool categorical = !setup_.categories.empty();
  svg_.open("g", {{"class", "kb-plot-axis"}});
  std::string d = "M" + format_coord(left_) + "," + format_coord(top_) + "V" + format_coord(bottom_) + "H" +
                  format_coord(right_);
  for (double v : setup_.y.values) {
    if (y_.contains(v)) d += "M" + format_coord(left_) + "," + format_coord(y_(v)) + "h-5";
  }
  if (categorical) {
    for (size_t i = 0; i <= setup_.categories.size(); ++i) {
      d += "M" + format_coord(left_ + band() * i) + "," + format_coord(bottom_) + "v5";
    }
  } else {
    for (double v : setup_.x.values) {
      if (x_.contains(v)) d += "M" + format_coord(x_(v)) + "," + format_coord(bottom_) + "v5";
    }
  }
  svg_.empty("path", {{"class", "kb-plot-axis-line"}, {"d", d}});
  svg_.close("g");

  svg_.open("g", {{"class", "kb-plot-ticks"}, {"font-size", kTickFont}});
  for (size_t i = 0; i < setup_.y.values.size(); ++i) {
    const double v = setup_.y.values[i];
    if (!y_.contains(v)) continue;
    svg_.text("text", {{"x", left_ - 8}, {"y", y_(v) + kTickFont * 0.35}, {"text-anchor", "end"}}, setup_.y.labels[i]);
  }
  const double label_y = bottom_ + 10 + kTickFont * 0.8;
  if (categorical) {
    for (size_t i = 0; i < category_labels_.size(); ++i) {
      const double cx = band_centre(i);
      if (rotate_categories_) {
        const double ty = bottom_ + 10;
        svg_.text("text", {{"x", cx}, {"y", ty + kTickFont * 0.35}, {"text-anchor", "end"},
                           {"transform", "rotate(-45 " + format_coord(cx) + " " + format_coord(ty) + ")"}},
                  category_labels_[i]);
      } else {
        svg_.text("text", {{"x", cx}, {"y", label_y}, {"text-anchor", "middle"}}, category_labels_[i]);
      }
    }
  } else {
    for (size_t i = 0; i < setup_.x.values.size(); ++i) {
      const double v = setup_.x.values[i];
      if (!x_.contains(v)) continue;
      svg_.text("text", {{"x", x_(v)}, {"y", label_y}, {"text-anchor", "middle"}}, setup_.x.labels[i]);
    }
  }
  svg_.close("g");

  if (!options_.x.label.empty()) {
    svg_.text("text", {{"class", "kb-plot-axis-title"}, {"x", (left_ + right_) / 2}, {"y", height_ - 9},
                       {"text-anchor", "middle"}, {"font-size", kLabelFont}},
              options_.x.label);
  }
  if (!options_.y.label.empty()) {
    const double x = 8 + kLabelFont * 0.8, y = (top_ + bottom_) / 2;
    svg_.text("text", {{"class", "kb-plot-axis-title"}, {"x", x}, {"y", y}, {"text-anchor", "middle"},
                       {"font-size", kLabelFont},
                       {"transform", "rotate(-90 " + format_coord(x) + " " + format_coord(y) + ")"}},
              options_.y.label);
  }
}

std::string XYPlot::finish(const char* kind, const std::string& description, const std::string& fallback_title) {
  draw_axes();
  if (!options_.note.empty()) {
    svg_.text("text", {{"class", "kb-plot-note kb-plot-halo"}, {"x", right_ - 8}, {"y", bottom_ - 10},
                       {"text-anchor", "end"}, {"font-size", kLabelFont}},
              options_.note);
  }
  return document(options_, kind, width_, height_, svg_.str(), description, fallback_title);
}

}  // namespace kb::plot::internal
