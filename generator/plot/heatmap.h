// Matrices as coloured grids: heatmaps (any values, with a colour scale)
// and confusion matrices (counts, shaded by each row's share, correct
// predictions on the diagonal in one colour, mistakes in another).
//
// Contract: see chart.h. Both size themselves: cells are square, as large
// as options.width × options.height allows (within limits), and the SVG's
// viewBox fits the grid and its labels. Rows may have different lengths
// (missing cells are left blank); a NaN cell is blank with "no value" in
// its tooltip. Each cell has a <title> naming its row, column and value.
// Heatmap shading: a value's share of the colour range as opacity of one
// colour; when the range spans 0 it is diverging (a second colour below 0,
// the shade growing with |v|). The range is min..max of the values, or
// from 0 when every value is >= 0 and the smallest is under half the
// largest; HeatmapChart.min/max override it.
// Thread safety: pure functions.
#pragma once

#include "plot/chart.h"

#include <string>
#include <vector>

namespace kb::plot {

struct HeatmapChart {
  ChartOptions options;                      // x.label titles the columns, y.label the rows
  std::vector<std::vector<double>> values;   // [row][column]
  std::vector<std::string> row_labels;       // top to bottom; missing ones are numbered 1, 2, …
  std::vector<std::string> column_labels;    // left to right; likewise
  bool show_values = true;                   // print values in cells that have room
  int digits = 3;                            // significant digits of printed values
  double min = kAuto, max = kAuto;           // colour range; kAuto: from the data
};

std::string heatmap_svg(const HeatmapChart& chart);

struct ConfusionChart {
  ChartOptions options;                      // x.label defaults to "Predicted", y.label to "Actual"
  std::vector<std::string> labels;           // class names, for rows and columns alike
  std::vector<std::vector<double>> counts;   // [actual][predicted], e.g. ConfusionMatrix::matrix
  bool show_shares = true;                   // a second line with the row share ("84%")
};

std::string confusion_svg(const ConfusionChart& chart);

}  // namespace kb::plot
