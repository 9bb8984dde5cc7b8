// kb's plot library: pure functions that turn data into standalone,
// accessible SVG strings for the demos, themed by plot_css().
//
//   scatter_svg    groups of points with markers, optional centroids   scatter.h
//   line_svg       several series, optional log y and markers            line.h
//   area_svg       shaded curves; roc_chart() for a ROC curve            line.h
//   bar_svg        grouped bars                                          bar.h
//   histogram_svg  bins given or computed, optional curves over them     bar.h
//   heatmap_svg    a matrix with row/column labels and a colour scale    heatmap.h
//   confusion_svg  counts with row-normalised shading                    heatmap.h
//   tree_svg       boxes and labelled edges, laid out top-down           tree_diagram.h
//   plot_css       the stylesheet (light and dark)                       theme.h
//
// Shared options and contract: chart.h. Ticks and number formatting:
// ticks.h, format.h.
#pragma once

#include "plot/bar.h"
#include "plot/chart.h"
#include "plot/format.h"
#include "plot/heatmap.h"
#include "plot/line.h"
#include "plot/scatter.h"
#include "plot/theme.h"
#include "plot/ticks.h"
#include "plot/tree_diagram.h"
