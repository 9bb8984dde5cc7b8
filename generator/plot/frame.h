// Internal to the plot module: the frame every x-y chart draws into (title,
// legend, plot area, grid, axes, reference lines, note) and the document
// wrapper every chart ends with. Charts use it; callers use the chart headers.
//
// Contract: XYPlot lays out its margins from what it must show (tick labels,
// axis titles, legend rows, the title wrapped to the width), so text is not
// cut off for labels of ordinary length; very long category labels are
// shortened with "…". Coordinates are SVG user units with y growing down.
// Thread safety: values used by one thread.
#pragma once

#include "plot/chart.h"
#include "plot/svg.h"
#include "plot/ticks.h"

#include <string>
#include <vector>

namespace kb::plot::internal {

inline constexpr double kTickFont = 11;
inline constexpr double kLabelFont = 12;
inline constexpr double kTitleFont = 15;
// Titles are bold, about 8 % wider than text_width() measures regular text:
// measure them at this size so a title is never drawn past its frame.
inline constexpr double kTitleMeasureFont = kTitleFont * 1.08;
inline constexpr double kLegendFont = 11.5;
inline constexpr int kColours = 8;  // series classes s0..s7, then they repeat

// "s0" … "s7" for series i (cycling).
std::string colour_class(int i);

// Maps a data interval onto a pixel interval, linearly or by log10.
struct Scale {
  double d0 = 0, d1 = 1;  // domain (axis ends)
  double r0 = 0, r1 = 1;  // range in user units
  bool log = false;
  double operator()(double v) const;
  // v is finite (and > 0 on a log scale) and within the domain, allowing
  // for rounding.
  bool contains(double v) const;
};

// Path data for marker `shape` (0..7 cycling: circle, square, triangle,
// diamond, triangle down, plus, cross, hexagon) of about radius r, centred
// on (x, y). It begins "M{x},{y}" so the centre can be read back.
std::string marker_path(int shape, double x, double y, double r);

enum class Swatch { kMarker, kLine, kLineMarker, kBox };
struct LegendItem {
  std::string name;
  int colour = 0;                // series colour index
  Swatch swatch = Swatch::kBox;  // what the key shows
  int marker = 0;                // marker shape for kMarker / kLineMarker
  bool dashed = false;           // for line keys
};

// Greedy word wrap of `text` to lines at most `width` wide at `font`.
std::vector<std::string> wrap_text(const std::string& text, double width, double font);

// The finite values of v (and only the positive ones when positive_only).
std::vector<double> finite_values(const std::vector<double>& v, bool positive_only = false);

// Ticks for an axis showing `values` (finite ones are used): nice linear or
// log ticks over their range, then axis.min / axis.max (when set) fix the
// ends exactly, keeping the ticks between them. No values: 0..1 (log 1..10).
Ticks axis_ticks(const Axis& axis, const std::vector<double>& values, int target = 5);

// The values of the references on one axis (vertical ones are x values),
// so the axis can grow to show them.
std::vector<double> reference_values(const ChartOptions& options, bool vertical);

// Writes the title lines centred across `width` from y = top; returns the
// y below them.
double draw_title(Svg& svg, const std::string& title, double width, double top);

// Lays out legend rows centred across `width` from y = top (nothing for
// fewer than two items) and draws them; returns the y below.
double draw_legend(Svg& svg, const std::vector<LegendItem>& items, double width, double top);
// The height draw_legend would use.
double legend_height(const std::vector<LegendItem>& items, double width);

// The whole document: <svg …> with role="img", <title>, <desc>, optional
// <style>, then body; then ids resolved by finish_id. `kind` is the chart's
// class suffix ("line" → class="kb-plot kb-plot-line"); `fallback_title` is
// the accessible name when the chart has no title.
std::string document(const ChartOptions& options, const char* kind, double width, double height,
                     const std::string& body, const std::string& description,
                     const std::string& fallback_title);

// "from 0.12 to 4.5" over the finite values; "no values" if there are none.
std::string describe_range(const std::vector<double>& values);

struct XYSetup {
  Ticks x, y;                           // the axes (x unused when categories are given)
  std::vector<std::string> categories;  // non-empty: x is one band per category
  std::vector<LegendItem> legend;       // drawn when it has two or more items
  bool x_grid = true;                   // vertical grid lines at the x ticks
};

class XYPlot {
 public:
  XYPlot(const ChartOptions& options, XYSetup setup);

  const Scale& x() const { return x_; }
  const Scale& y() const { return y_; }
  double left() const { return left_; }
  double right() const { return right_; }
  double top() const { return top_; }
  double bottom() const { return bottom_; }
  // Categorical x: the width of a band and the centre of band i.
  double band() const;
  double band_centre(size_t i) const;

  Svg& svg() { return svg_; }
  // Opens the data layer; `clip` cuts it to the plot area (lines that leave
  // a fixed axis range).
  void begin_data(bool clip);
  void end_data();
  // Axes, tick labels, axis titles and the note on top of the data; then
  // the document.
  std::string finish(const char* kind, const std::string& description, const std::string& fallback_title);

 private:
  void draw_axes();
  const ChartOptions& options_;
  XYSetup setup_;
  double width_ = 0, height_ = 0;
  double left_ = 0, right_ = 0, top_ = 0, bottom_ = 0;
  double category_font_ = kTickFont;
  bool rotate_categories_ = false;
  std::vector<std::string> category_labels_;
  Scale x_, y_;
  Svg svg_;
};

}  // namespace kb::plot::internal
