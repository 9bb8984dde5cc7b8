#include "plot/heatmap.h"

#include "plot/format.h"
#include "plot/frame.h"

#include <algorithm>
#include <cmath>

namespace kb::plot {

using namespace internal;

namespace {

struct Cell {
  bool present = false;      // false: blank
  double opacity = 0;        // shade, 0..1
  std::string cls;           // "", "neg", "good", "bad"
  std::vector<std::string> lines;  // text in the cell (first large, the rest small)
  std::string tip;           // tooltip
};

struct ColourBar {
  bool shown = false;
  bool diverging = false;
  double lo = 0, hi = 1;
  Ticks ticks;
};

struct MatrixSpec {
  std::vector<std::string> rows, columns;
  std::vector<std::vector<Cell>> cells;  // rows × columns
  double min_cell = 14, max_cell = 72;
  double font = 11;        // first line; the others are smaller
  ColourBar bar;
  const char* kind = "heatmap";
  std::string description, fallback_title;
};

std::string label_or_number(const std::vector<std::string>& labels, size_t i) {
  return i < labels.size() ? labels[i] : std::to_string(i + 1);
}

std::string matrix_svg(const ChartOptions& o, const MatrixSpec& m) {
  const size_t nr = m.rows.size(), nc = m.columns.size();
  const double max_w = std::clamp(std::isfinite(o.width) ? o.width : 640.0, 200.0, 4000.0);
  const double max_h = std::clamp(std::isfinite(o.height) ? o.height : 400.0, 150.0, 4000.0);
  std::vector<std::string> row_labels, col_labels;
  for (const std::string& r : m.rows) row_labels.push_back(truncate_text(r, 24));
  for (const std::string& c : m.columns) col_labels.push_back(truncate_text(c, 24));
  double row_w = 0, col_w = 0;
  for (const std::string& r : row_labels) row_w = std::max(row_w, text_width(r, kTickFont));
  for (const std::string& c : col_labels) col_w = std::max(col_w, text_width(c, kTickFont));

  Svg body;
  // Title first, to know where the grid starts; it is centred on the final
  // width, so draw it into a separate buffer after the layout.
  const double title_h = o.title.empty() ? 6 : wrap_text(o.title, max_w - 23, kTitleMeasureFont).size() * kTitleFont * 1.25 + 8;
  const double top = title_h + 8;
  double left = 10 + (o.y.label.empty() ? 0 : kLabelFont + 8) + row_w + 8;
  double bar_w = 0;
  if (m.bar.shown) {
    double tick_w = 0;
    for (const std::string& l : m.bar.ticks.labels) tick_w = std::max(tick_w, text_width(l, kTickFont));
    bar_w = 18 + 12 + 6 + tick_w;
  }
  const double right_margin = 14 + bar_w;
  // Cell size: what fits, assuming column labels need rotating when wide.
  const double avail_w = max_w - left - right_margin;
  const double below_guess = 10 + kTickFont + (o.x.label.empty() ? 0 : kLabelFont + 10) + 8;
  const double avail_h = max_h - top - below_guess;
  double cell = std::min(nc ? avail_w / nc : avail_w, nr ? avail_h / nr : avail_h);
  cell = std::clamp(cell, m.min_cell, m.max_cell);
  // Column labels are centred on their cells: they rotate when one would
  // run into the next. Blank labels leave their room to the neighbours, so
  // a few labels far apart (every fifth column of a grid) stay level.
  bool rotate = false;
  {
    bool any_blank = false;
    for (const std::string& c : col_labels) any_blank = any_blank || c.empty();
    if (!any_blank) {
      rotate = col_w > cell - 4;
    } else {
      size_t prev = nc;  // the last non-blank label so far
      for (size_t c = 0; c < nc; ++c) {
        if (col_labels[c].empty()) continue;
        if (prev < nc) {
          const double half_widths = (text_width(col_labels[prev], kTickFont) + text_width(col_labels[c], kTickFont)) / 2;
          rotate = rotate || half_widths > static_cast<double>(c - prev) * cell - 4;
        }
        prev = c;
      }
    }
  }
  const double col_label_h = rotate ? col_w * std::sin(M_PI / 4) + kTickFont : kTickFont + 2;
  const double grid_w = cell * nc, grid_h = cell * nr;
  const double bottom_of_grid = top + grid_h;
  const double height = bottom_of_grid + 8 + col_label_h + (o.x.label.empty() ? 0 : kLabelFont + 10) + 10;
  // A long first column label leans left, under the row labels.
  if (rotate) left = std::max(left, col_w * std::cos(M_PI / 4) - cell / 2 + 10);
  double width = left + grid_w + right_margin;
  width = std::max(width, o.title.empty() ? 120.0 : std::min(max_w, text_width(o.title, kTitleMeasureFont) + 24));
  const double offset = std::max(0.0, (width - (left + grid_w + right_margin)) / 2);  // centre a narrow grid
  const double gx = left + offset;

  draw_title(body, o.title, width, 6);
  const std::string id(1, kIdToken);

  // Cells.
  body.open("g", {{"class", "kb-plot-cells"}});
  for (size_t r = 0; r < nr; ++r) {
    for (size_t c = 0; c < nc; ++c) {
      const Cell& cell_spec = m.cells[r][c];
      if (!cell_spec.present) continue;
      const double x = gx + c * cell, y = top + r * cell;
      body.open("rect", {{"class", cell_spec.cls.empty() ? "kb-plot-cell" : "kb-plot-cell " + cell_spec.cls},
                         {"x", x}, {"y", y}, {"width", cell}, {"height", cell},
                         {"fill-opacity", format_number(std::clamp(cell_spec.opacity, 0.0, 1.0), 3)}});
      body.text("title", {}, cell_spec.tip);
      body.close("rect");
    }
  }
  body.empty("rect", {{"class", "kb-plot-cell-frame"}, {"x", gx}, {"y", top}, {"width", grid_w}, {"height", grid_h}});
  body.close("g");

  // Cell text, where it fits.
  body.open("g", {{"class", "kb-plot-cell-texts"}, {"text-anchor", "middle"}});
  const double font = std::min(m.font, cell * 0.42);
  const double small = std::max(8.0, font * 0.78);
  for (size_t r = 0; r < nr; ++r) {
    for (size_t c = 0; c < nc; ++c) {
      const Cell& cs = m.cells[r][c];
      if (!cs.present || cs.lines.empty() || font < 7) continue;
      if (text_width(cs.lines[0], font) > cell - 4) continue;
      const bool two = cs.lines.size() > 1 && cell >= font + small + 10 && text_width(cs.lines[1], small) <= cell - 4;
      const double cx = gx + (c + 0.5) * cell, cy = top + (r + 0.5) * cell;
      const std::string cls = std::string("kb-plot-cell-text") + (cs.opacity > 0.55 ? " strong" : "");
      const double y0 = two ? cy - (small * 0.55) + font * 0.1 : cy + font * 0.35;
      body.text("text", {{"class", cls}, {"x", cx}, {"y", y0}, {"font-size", font}}, cs.lines[0]);
      if (two) {
        body.text("text", {{"class", cls + " kb-plot-cell-share"}, {"x", cx}, {"y", y0 + small * 1.25},
                           {"font-size", small}},
                  cs.lines[1]);
      }
    }
  }
  body.close("g");

  // Row and column labels.
  body.open("g", {{"class", "kb-plot-ticks"}, {"font-size", kTickFont}});
  for (size_t r = 0; r < nr; ++r) {
    body.text("text", {{"x", gx - 8}, {"y", top + (r + 0.5) * cell + kTickFont * 0.35}, {"text-anchor", "end"}},
              row_labels[r]);
  }
  for (size_t c = 0; c < nc; ++c) {
    const double cx = gx + (c + 0.5) * cell, ty = bottom_of_grid + 8;
    if (rotate) {
      body.text("text", {{"x", cx}, {"y", ty + kTickFont * 0.35}, {"text-anchor", "end"},
                         {"transform", "rotate(-45 " + format_coord(cx) + " " + format_coord(ty) + ")"}},
                col_labels[c]);
    } else {
      body.text("text", {{"x", cx}, {"y", ty + kTickFont * 0.8}, {"text-anchor", "middle"}}, col_labels[c]);
    }
  }
  body.close("g");
  if (!o.x.label.empty()) {
    body.text("text", {{"class", "kb-plot-axis-title"}, {"x", gx + grid_w / 2}, {"y", height - 10},
                       {"text-anchor", "middle"}, {"font-size", kLabelFont}},
              o.x.label);
  }
  if (!o.y.label.empty()) {
    const double x = offset + 8 + kLabelFont * 0.8, y = top + grid_h / 2;
    body.text("text", {{"class", "kb-plot-axis-title"}, {"x", x}, {"y", y}, {"text-anchor", "middle"},
                       {"font-size", kLabelFont},
                       {"transform", "rotate(-90 " + format_coord(x) + " " + format_coord(y) + ")"}},
              o.y.label);
  }

  // Colour scale.
  if (m.bar.shown) {
    const double bx = gx + grid_w + 18, bh = std::max(grid_h, 60.0), by = top;
    body.open("defs");
    body.open("linearGradient", {{"id", id + "-scale"}, {"x1", 0}, {"y1", 1}, {"x2", 0}, {"y2", 0}});
    if (m.bar.diverging) {
      const double mid = (0 - m.bar.lo) / (m.bar.hi - m.bar.lo);
      body.empty("stop", {{"class", "kb-plot-stop neg"}, {"offset", 0}, {"stop-opacity", 1}});
      body.empty("stop", {{"class", "kb-plot-stop neg"}, {"offset", format_number(mid, 4)}, {"stop-opacity", 0}});
      body.empty("stop", {{"class", "kb-plot-stop"}, {"offset", format_number(mid, 4)}, {"stop-opacity", 0}});
      body.empty("stop", {{"class", "kb-plot-stop"}, {"offset", 1}, {"stop-opacity", 1}});
    } else {
      body.empty("stop", {{"class", "kb-plot-stop"}, {"offset", 0}, {"stop-opacity", "0.04"}});
      body.empty("stop", {{"class", "kb-plot-stop"}, {"offset", 1}, {"stop-opacity", 1}});
    }
    body.close("linearGradient");
    body.close("defs");
    body.open("g", {{"class", "kb-plot-scale"}});
    body.empty("rect", {{"x", bx}, {"y", by}, {"width", 12.0}, {"height", bh}, {"fill", "url(#" + id + "-scale)"}});
    body.empty("rect", {{"class", "kb-plot-scale-frame"}, {"x", bx}, {"y", by}, {"width", 12.0}, {"height", bh}});
    std::string ticks;
    for (double v : m.bar.ticks.values) {
      const double ty = by + bh - (v - m.bar.lo) / (m.bar.hi - m.bar.lo) * bh;
      ticks += "M" + format_coord(bx + 12) + "," + format_coord(ty) + "h4";
    }
    if (!ticks.empty()) body.empty("path", {{"class", "kb-plot-axis-line"}, {"d", ticks}});
    body.close("g");
    body.open("g", {{"class", "kb-plot-ticks"}, {"font-size", kTickFont}});
    for (size_t i = 0; i < m.bar.ticks.values.size(); ++i) {
      const double v = m.bar.ticks.values[i];
      const double ty = by + bh - (v - m.bar.lo) / (m.bar.hi - m.bar.lo) * bh;
      body.text("text", {{"x", bx + 19}, {"y", ty + kTickFont * 0.35}}, m.bar.ticks.labels[i]);
    }
    body.close("g");
  }
  return document(o, m.kind, width, height, body.str(), m.description, m.fallback_title);
}

}  // namespace

std::string heatmap_svg(const HeatmapChart& chart) {
  const ChartOptions& o = chart.options;
  MatrixSpec m;
  m.kind = "heatmap";
  m.fallback_title = "Heatmap";
  const size_t nr = chart.values.size();
  size_t nc = 0;
  for (const auto& row : chart.values) nc = std::max(nc, row.size());
  for (size_t r = 0; r < nr; ++r) m.rows.push_back(label_or_number(chart.row_labels, r));
  for (size_t c = 0; c < nc; ++c) m.columns.push_back(label_or_number(chart.column_labels, c));

  std::vector<double> all;
  for (const auto& row : chart.values) all.insert(all.end(), row.begin(), row.end());
  all = finite_values(all);
  double lo = 0, hi = 1;
  if (!all.empty()) {
    const auto [mn, mx] = std::minmax_element(all.begin(), all.end());
    lo = *mn, hi = *mx;
    if (lo >= 0 && lo < hi / 2) lo = 0;
  }
  if (std::isfinite(chart.min)) lo = chart.min;
  if (std::isfinite(chart.max)) hi = chart.max;
  if (lo > hi) std::swap(lo, hi);
  const bool constant = !(hi > lo);
  if (constant) {  // one value everywhere: a range around it, cells half shaded
    const Ticks t = nice_ticks(lo, hi);
    lo = t.lo, hi = t.hi;
  }
  const bool diverging = lo < 0 && hi > 0;
  const double reach = std::max(std::fabs(lo), std::fabs(hi));
  m.bar.shown = true;
  m.bar.diverging = diverging;
  m.bar.lo = lo;
  m.bar.hi = hi;
  Axis scale_axis;
  scale_axis.min = lo;
  scale_axis.max = hi;
  m.bar.ticks = axis_ticks(scale_axis, {lo, hi}, 4);

  for (size_t r = 0; r < nr; ++r) {
    m.cells.emplace_back(nc);
    for (size_t c = 0; c < nc; ++c) {
      Cell& cell = m.cells[r][c];
      if (c >= chart.values[r].size()) continue;
      const double v = chart.values[r][c];
      cell.present = true;
      cell.tip = m.rows[r] + ", " + m.columns[c] + ": " + (std::isfinite(v) ? format_number(v) : "no value");
      if (!std::isfinite(v)) continue;
      const double cv = std::clamp(v, lo, hi);
      if (diverging) {
        cell.opacity = reach > 0 ? std::fabs(cv) / reach : 0;
        if (cv < 0) cell.cls = "neg";
      } else {
        cell.opacity = 0.04 + 0.96 * (cv - lo) / (hi - lo);
      }
      if (chart.show_values) cell.lines.push_back(format_number(v, std::clamp(chart.digits, 1, 8)));
    }
  }
  std::string desc = "Heatmap of " + std::to_string(nr) + " rows by " + std::to_string(nc) + " columns";
  if (!o.y.label.empty() || !o.x.label.empty()) {
    desc += " (" + (o.y.label.empty() ? std::string("rows") : o.y.label) + " by " +
            (o.x.label.empty() ? std::string("columns") : o.x.label) + ")";
  }
  desc += ", values " + describe_range(all) + ".";
  if (!all.empty()) {
    // Where the extremes are, so the description says what the shading shows.
    double best = -INFINITY, worst = INFINITY;
    size_t br = 0, bc = 0, wr = 0, wc = 0;
    for (size_t r = 0; r < nr; ++r) {
      for (size_t c = 0; c < chart.values[r].size(); ++c) {
        const double v = chart.values[r][c];
        if (!std::isfinite(v)) continue;
        if (v > best) best = v, br = r, bc = c;
        if (v < worst) worst = v, wr = r, wc = c;
      }
    }
    desc += " Largest " + format_number(best) + " at " + m.rows[br] + ", " + m.columns[bc] + "; smallest " +
            format_number(worst) + " at " + m.rows[wr] + ", " + m.columns[wc] + ".";
  }
  m.description = desc;
  return matrix_svg(o, m);
}

std::string confusion_svg(const ConfusionChart& chart) {
  ChartOptions o = chart.options;
  if (o.x.label.empty()) o.x.label = "Predicted";
  if (o.y.label.empty()) o.y.label = "Actual";
  MatrixSpec m;
  m.kind = "confusion";
  m.fallback_title = "Confusion matrix";
  m.min_cell = 30;
  m.max_cell = 96;
  m.font = 14;
  const size_t nr = chart.counts.size();
  size_t nc = nr;
  for (const auto& row : chart.counts) nc = std::max(nc, row.size());
  for (size_t r = 0; r < nr; ++r) m.rows.push_back(label_or_number(chart.labels, r));
  for (size_t c = 0; c < nc; ++c) m.columns.push_back(label_or_number(chart.labels, c));
  double correct = 0, total = 0;
  std::string per_class;
  for (size_t r = 0; r < nr; ++r) {
    const auto& row = chart.counts[r];
    double row_total = 0;
    for (double v : row) {
      if (std::isfinite(v) && v > 0) row_total += v;
    }
    total += row_total;
    m.cells.emplace_back(nc);
    for (size_t c = 0; c < nc; ++c) {
      Cell& cell = m.cells[r][c];
      cell.present = true;
      const double v = c < row.size() && std::isfinite(row[c]) ? std::max(0.0, row[c]) : 0;
      const double share = row_total > 0 ? v / row_total : 0;
      if (r == c) correct += v;
      cell.cls = r == c ? "good" : "bad";
      cell.opacity = share > 0 ? 0.06 + 0.94 * share : 0;
      cell.lines.push_back(format_number(v, 6));
      if (chart.show_shares) cell.lines.push_back(format_number(std::round(share * 1000) / 10, 3) + "%");
      cell.tip = "actual " + m.rows[r] + ", predicted " + m.columns[c] + ": " + format_number(v, 6) + " (" +
                 format_number(std::round(share * 1000) / 10, 3) + "% of actual " + m.rows[r] + ")";
    }
    const double hit = r < row.size() && std::isfinite(row[r]) ? std::max(0.0, row[r]) : 0;
    per_class += (r ? "; " : " ") + m.rows[r] + ": " + format_number(hit, 6) + " of " + format_number(row_total, 6) +
                 " correct";
  }
  std::string desc = "Confusion matrix of " + std::to_string(nr) + " classes, rows actual, columns predicted.";
  if (total > 0) {
    desc += " Accuracy " + format_number(correct / total, 3) + " (" + format_number(correct, 6) + " of " +
            format_number(total, 6) + ")." + per_class + ".";
  }
  m.description = desc;
  return matrix_svg(o, m);
}

}  // namespace kb::plot
