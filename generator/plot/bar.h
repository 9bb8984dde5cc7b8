// Bar charts (grouped: one band per category, one bar per series) and
// histograms (bins given, or computed from raw values), with optional
// curves drawn over the bars (a PDF over sampled values).
//
// Contract: see chart.h. Bars grow from 0, so the value axis always
// includes 0; negative values hang below it. A legend appears when there
// are two or more series (histograms and curves together).
// Histogram bins: given edges and counts are drawn as they are (edges must
// be one longer than counts and ascending; otherwise the series is left
// out). Raw values are binned on edges shared by every series of the chart:
// `bins` equal bins from the smallest to the largest value, or when bins is
// 0 "nice" edges (multiples of a 1-2-5 step) about Sturges' number of bins;
// whole-number data with a range of at most 60 gets one bin per integer
// (edges k ± ½). A value equal to the last edge falls in the last bin.
// Thread safety: pure functions.
#pragma once

#include "plot/chart.h"

#include <string>
#include <vector>

namespace kb::plot {

struct BarSeries {
  std::string name;            // legend entry
  std::vector<double> values;  // one per category (missing or NaN: no bar)
};

struct BarChart {
  ChartOptions options;                 // options.x.label titles the categories
  std::vector<std::string> categories;  // band labels; empty: 1, 2, 3, …
  std::vector<BarSeries> series;        // colours s0, s1, … in this order
  bool show_values = false;             // print each bar's value at its end
};

std::string bar_svg(const BarChart& chart);

struct HistogramSeries {
  std::string name;             // legend entry
  std::vector<double> values;   // raw values, binned by the chart (used when counts is empty)
  std::vector<double> edges;    // given bins: counts.size() + 1 ascending edges
  std::vector<double> counts;   // given bins: the height of each bin
};

struct HistogramChart {
  ChartOptions options;
  std::vector<HistogramSeries> series;  // several are drawn translucent over each other
  int bins = 0;                         // raw values: number of equal bins; 0: chosen (see above)
  // Heights as densities, count / (total · bin width), so a PDF curve lines
  // up with the bars; otherwise counts.
  bool density = false;
  std::vector<Series> curves;           // lines over the bars, coloured after the histograms
};

std::string histogram_svg(const HistogramChart& chart);

// The bin edges histogram_svg would use for these raw values (exposed for
// tests and for tables beside the plot).
std::vector<double> histogram_edges(const std::vector<double>& values, int bins);

}  // namespace kb::plot
