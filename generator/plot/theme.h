// The stylesheet that colours kb's plots. The SVG the charts write holds no
// colours, only classes; this CSS maps them to custom properties with light
// values by default and dark ones when the reader's system prefers dark
// (unless the page says <html data-theme="light">) or the page says
// <html data-theme="dark"> — the same switch as assets/style.css and kb.js.
//
// Contract: plot_css() is a constant; add it to the theme's stylesheet (or a
// <style> in the page) once. The custom properties (--plot-fg, --plot-s0 …
// --plot-s7, --plot-seq, …) are set on :root, so a theme can override any of
// them; where the page theme defines --bg, --fg, --fg-muted, --font, the
// plots follow them. Selectors are all under .kb-plot.
// Thread safety: returns a reference to an immutable string.
#pragma once

#include <string>

namespace kb::plot {

const std::string& plot_css();

}  // namespace kb::plot
