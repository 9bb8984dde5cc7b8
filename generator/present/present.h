// Presenting a kernel's result: the figures (SVG, generator/plot) and tables
// of numbers a demo shows for one run of one kernel (generator/kernels).
//
// Contract:
// - Every kernel in kernels::kernel_specs() has at least one view; views_of()
//   lists them, the kernel's default first ("scatter", "elbow", "roc", …).
// - present(kernel, result, options) turns the JSON run_kernel() returned
//   into a Presentation: zero or more figures, zero or more tables and a few
//   headline facts ("AUC" → "0.912"). Pure: no I/O, the same input gives the
//   same bytes. An unknown view is an error listing the kernel's views; a
//   result that lacks a field the view needs is an error naming the field
//   (never a crash).
// - present_overlay(kernel, variants, options) draws several runs of one
//   kernel in the same figure, one series per run labelled by the variant's
//   label ("λ = 2", "lr = 0.1"): PMF/PDF curves for several parameters, loss
//   curves for several learning rates. overlay_views() lists the views that
//   can overlay (empty: the kernel cannot; then the caller shows variants one
//   at a time).
// - Table cells are plain text (the caller escapes them); numbers are
//   formatted for reading (plot/format.h), at most a few hundred rows (long
//   outputs are summarised: first rows, or per-cluster counts).
// - Figures are inline SVG made with ChartOptions::embed_css = false: the
//   page loads plot_css(). options.id_prefix makes the SVG ids unique on a
//   page.
// Thread safety: pure functions; call from any thread.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "kernels/result.h"

namespace kb::present {

using kernels::Result;

struct Figure {
  std::string svg;      // a standalone <svg …>…</svg>
  std::string caption;  // one line under it; may be empty
};

struct Table {
  std::string caption;               // what the table holds
  std::vector<std::string> columns;  // header cells
  std::vector<std::vector<std::string>> rows;  // each as many cells as columns
  bool numeric = true;               // right-align cells after the first column
};

struct Fact {
  std::string label;  // "Inertia", "AUC", "Out-of-bag error"
  std::string value;  // formatted
};

struct Presentation {
  std::vector<Figure> figures;
  std::vector<Table> tables;
  std::vector<Fact> facts;
};

struct PresentOptions {
  std::string view;       // "" = the kernel's default view
  std::string title;      // figure title; "" = one written from the kernel and its parameters
  std::string id_prefix;  // prefix for SVG ids ("demo3-v2"); letters, digits, '-', '_'
};

// The views of a kernel, default first; empty for an unknown kernel.
std::vector<std::string> views_of(std::string_view kernel);
// The views of a kernel that present_overlay() accepts; may be empty.
std::vector<std::string> overlay_views(std::string_view kernel);

Result<Presentation> present(std::string_view kernel, const nlohmann::json& result,
                             const PresentOptions& options);

// One run per variant: {label, result}. At least one.
Result<Presentation> present_overlay(std::string_view kernel,
                                     const std::vector<std::pair<std::string, nlohmann::json>>& variants,
                                     const PresentOptions& options);

}  // namespace kb::present
