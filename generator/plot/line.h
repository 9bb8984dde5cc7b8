// Line charts (loss curves, elbow curves, regularisation paths, densities)
// and area charts (ROC curves with the chance diagonal).
//
// Contract: see chart.h. A series' points are joined in the order given;
// a point that cannot be drawn (NaN, <= 0 on a log axis) breaks the line,
// and a point with no drawable neighbour is shown as a marker so it is not
// lost. Lines are clipped to the plot area, which matters when an axis
// range is fixed (a diverging loss curve). A legend appears when there are
// two or more series.
// Thread safety: pure functions.
#pragma once

#include "plot/chart.h"

#include <string>
#include <vector>

namespace kb::plot {

struct LineChart {
  ChartOptions options;        // options.y.log: logarithmic y axis
  std::vector<Series> series;  // colours s0, s1, … in this order
  bool markers = false;        // a marker (shape by series) at every point
};

std::string line_svg(const LineChart& chart);

struct AreaChart {
  ChartOptions options;
  std::vector<Series> series;  // curves, each shaded down to the x axis
  bool fill = true;            // shade the area under each curve
  bool diagonal = false;       // dashed y = x line (a ROC curve's chance level)
  bool unit_square = false;    // both axes run exactly 0..1 (rates)
};

std::string area_svg(const AreaChart& chart);

// A ROC curve as an AreaChart: axes 0..1 titled "False positive rate" and
// "True positive rate", the diagonal, the area shaded, "AUC = …" as the
// note, a square 420 × 420 frame. Adjust the returned chart freely.
AreaChart roc_chart(const std::vector<double>& fpr, const std::vector<double>& tpr, double auc,
                    const std::string& title = "ROC curve");

}  // namespace kb::plot
