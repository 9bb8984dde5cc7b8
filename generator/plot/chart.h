// What every chart shares: its options (title, description, axes, size)
// and the data types the charts take.
//
// Every chart is a pure function from one of these structs to a standalone
// SVG string (<svg xmlns=… viewBox=… role="img"> with <title> and <desc>).
// Nothing fails: points that cannot be drawn (NaN, infinite, <= 0 on a log
// axis, outside a fixed axis range) are left out, mismatched x and y lengths
// use the shorter, and empty data draws empty axes. The same input gives
// the same bytes.
//
// Colours never appear in the SVG: elements carry classes (kb-plot-…, and
// s0..s7 for the series colours) and plot_css() (theme.h) colours them for
// light and dark themes.
#pragma once

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace kb::plot {

inline constexpr double kAuto = std::numeric_limits<double>::quiet_NaN();

struct Axis {
  std::string label;   // axis title, e.g. "Iteration"; empty: none
  double min = kAuto;  // fixed start of the axis; kAuto: from the data (rounded out to a nice tick)
  double max = kAuto;  // fixed end; kAuto: from the data
  bool log = false;    // logarithmic (line and area charts' y axis); values <= 0 are left out
  bool integer = false;  // ticks only at whole numbers (also chosen when every value is whole)
};

// A dashed reference line across the plot: x = value (vertical) or
// y = value (horizontal), e.g. a threshold or the chosen k. The axes grow
// to include it.
struct Reference {
  bool vertical = true;  // true: x = value; false: y = value
  double value = 0;
  std::string label;     // written at the line's end; may be empty
};

struct ChartOptions {
  std::string title;        // above the plot, and the SVG's <title> (the accessible name)
  std::string description;  // the SVG's <desc>; empty: one is written from the data
  Axis x, y;                // axis titles and ranges (the heatmaps use only the labels)
  double width = 640;       // viewBox size in user units; CSS scales the SVG to its container
  double height = 400;      // (trees, heatmaps and confusion matrices size themselves to fit)
  std::vector<Reference> references;  // dashed reference lines (x-y charts)
  std::string note;         // short text in the plot's lower right, e.g. "AUC = 0.93"
  // Prefix of the ids inside the SVG (its <title>, clip path, gradient).
  // Empty: derived from a hash of the chart, so equal charts share ids.
  // Set it when two identical charts can sit on one page (letters, digits,
  // '-', '_', starting with a letter).
  std::string id;
  // Put plot_css() in a <style> inside the SVG, for a file viewed on its
  // own. Leave false for SVG inlined in a page that loads plot_css(): a
  // <style> inside inline SVG applies to the whole page.
  bool embed_css = false;
};

// A named series of points. x empty: the points are at x = 0, 1, 2, ….
struct Series {
  std::string name;       // legend entry (shown when a chart has more than one series)
  std::vector<double> x;  // empty: indices
  std::vector<double> y;
  bool dashed = false;    // draw the line dashed (line and area charts)
};

struct Point {
  double x = 0, y = 0;
};

}  // namespace kb::plot
