#include "plot/theme.h"

namespace kb::plot {

namespace {

// The light palette follows Okabe & Ito's colour-blind-safe set; the dark
// one lightens the same hues to keep contrast on a dark page. Series also
// differ by marker shape, so colour is never the only cue.
constexpr const char* kCss = R"css(/* kb plots (generator/plot/theme.cc): the SVG has classes, the colours live here. */
:root {
  --plot-bg: var(--bg, #fdfdfc);
  --plot-fg: var(--fg, #1d2125);
  --plot-muted: var(--fg-muted, #5b6570);
  --plot-grid: #e8eaed;
  --plot-axis: #8c96a0;
  --plot-node: var(--bg-raised, #ffffff);
  --plot-s0: #0072b2;
  --plot-s1: #d55e00;
  --plot-s2: #009e73;
  --plot-s3: #cc79a7;
  --plot-s4: #e69f00;
  --plot-s5: #56b4e9;
  --plot-s6: #6b4fa0;
  --plot-s7: #7a7a7a;
  --plot-seq: #0a5bb0;
  --plot-neg: #c2410c;
  --plot-good: #0a5bb0;
  --plot-bad: #c2410c;
  --plot-on-strong: #ffffff;
}
@media (prefers-color-scheme: dark) {
  :root:not([data-theme="light"]) {
    --plot-bg: var(--bg, #111418);
    --plot-fg: var(--fg, #e3e6ea);
    --plot-muted: var(--fg-muted, #9aa5b1);
    --plot-grid: #252b33;
    --plot-axis: #5f6a76;
    --plot-node: var(--bg-raised, #181c21);
    --plot-s0: #56a8f0;
    --plot-s1: #ff8a4c;
    --plot-s2: #2ecc9a;
    --plot-s3: #e8a0cc;
    --plot-s4: #f2bd45;
    --plot-s5: #93d3f7;
    --plot-s6: #b39df2;
    --plot-s7: #a9b1ba;
    --plot-seq: #7cb8ff;
    --plot-neg: #ff9a66;
    --plot-good: #7cb8ff;
    --plot-bad: #ff9a66;
    --plot-on-strong: #0b0f14;
  }
}
:root[data-theme="dark"] {
  --plot-bg: var(--bg, #111418);
  --plot-fg: var(--fg, #e3e6ea);
  --plot-muted: var(--fg-muted, #9aa5b1);
  --plot-grid: #252b33;
  --plot-axis: #5f6a76;
  --plot-node: var(--bg-raised, #181c21);
  --plot-s0: #56a8f0;
  --plot-s1: #ff8a4c;
  --plot-s2: #2ecc9a;
  --plot-s3: #e8a0cc;
  --plot-s4: #f2bd45;
  --plot-s5: #93d3f7;
  --plot-s6: #b39df2;
  --plot-s7: #a9b1ba;
  --plot-seq: #7cb8ff;
  --plot-neg: #ff9a66;
  --plot-good: #7cb8ff;
  --plot-bad: #ff9a66;
  --plot-on-strong: #0b0f14;
}

.kb-plot {
  display: block;
  width: 100%;
  height: auto;
  font-family: var(--font, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif);
}
/* A plot file viewed on its own (ChartOptions::embed_css) paints its background. */
svg.kb-plot:root { background: var(--plot-bg); }
/* Charts that size themselves to their content show at that size at most. */
.kb-plot.kb-plot-tree, .kb-plot.kb-plot-heatmap, .kb-plot.kb-plot-confusion, .kb-plot.kb-plot-roc {
  width: auto;
  max-width: 100%;
  margin-inline: auto;
}
.kb-plot text { fill: var(--plot-fg); }
.kb-plot .kb-plot-title { font-weight: 600; }
.kb-plot .kb-plot-ticks text { fill: var(--plot-muted); font-variant-numeric: tabular-nums; }
.kb-plot .kb-plot-area { fill: none; stroke: none; }
.kb-plot .kb-plot-grid path { fill: none; stroke: var(--plot-grid); stroke-width: 1; }
.kb-plot .kb-plot-axis-line { fill: none; stroke: var(--plot-axis); stroke-width: 1; }
.kb-plot .kb-plot-halo {
  paint-order: stroke;
  stroke: var(--plot-bg);
  stroke-width: 3px;
  stroke-linejoin: round;
}
.kb-plot .kb-plot-ref { fill: none; stroke: var(--plot-muted); stroke-width: 1.2; stroke-dasharray: 5 4; }
.kb-plot .kb-plot-ref-label, .kb-plot .kb-plot-note { fill: var(--plot-muted); }

.kb-plot .s0 { --plot-c: var(--plot-s0); }
.kb-plot .s1 { --plot-c: var(--plot-s1); }
.kb-plot .s2 { --plot-c: var(--plot-s2); }
.kb-plot .s3 { --plot-c: var(--plot-s3); }
.kb-plot .s4 { --plot-c: var(--plot-s4); }
.kb-plot .s5 { --plot-c: var(--plot-s5); }
.kb-plot .s6 { --plot-c: var(--plot-s6); }
.kb-plot .s7 { --plot-c: var(--plot-s7); }

.kb-plot .kb-plot-line {
  fill: none;
  stroke: var(--plot-c);
  stroke-width: 2;
  stroke-linejoin: round;
  stroke-linecap: round;
}
.kb-plot .kb-plot-line.dashed { stroke-dasharray: 6 4; stroke-linecap: butt; }
.kb-plot .kb-plot-points { fill: var(--plot-c); fill-opacity: 0.85; stroke: var(--plot-bg); stroke-width: 0.6; }
.kb-plot .kb-plot-centroid { fill: var(--plot-c); stroke: var(--plot-fg); stroke-width: 1.6; }
.kb-plot .kb-plot-fill { fill: var(--plot-c); fill-opacity: 0.14; stroke: none; }
.kb-plot .kb-plot-bar { fill: var(--plot-c); }
.kb-plot .kb-plot-bar.overlay { fill-opacity: 0.55; }
.kb-plot .kb-plot-bars .kb-plot-bar { stroke: var(--plot-bg); stroke-width: 0.5; }
.kb-plot .kb-plot-value { fill: var(--plot-muted); font-variant-numeric: tabular-nums; }

.kb-plot .kb-plot-cell { fill: var(--plot-seq); stroke: var(--plot-bg); stroke-width: 1; }
.kb-plot .kb-plot-cell.neg { fill: var(--plot-neg); }
.kb-plot .kb-plot-cell.good { fill: var(--plot-good); }
.kb-plot .kb-plot-cell.bad { fill: var(--plot-bad); }
.kb-plot .kb-plot-cell-frame { fill: none; stroke: var(--plot-axis); stroke-width: 1; }
.kb-plot .kb-plot-cell-text { font-variant-numeric: tabular-nums; }
.kb-plot .kb-plot-cell-text.strong { fill: var(--plot-on-strong); }
.kb-plot .kb-plot-cell-share { fill-opacity: 0.8; }
.kb-plot .kb-plot-stop { stop-color: var(--plot-seq); }
.kb-plot .kb-plot-stop.neg { stop-color: var(--plot-neg); }
.kb-plot .kb-plot-scale-frame { fill: none; stroke: var(--plot-axis); stroke-width: 1; }

.kb-plot .kb-plot-edge { fill: none; stroke: var(--plot-axis); stroke-width: 1.4; }
.kb-plot .kb-plot-edge-label { fill: var(--plot-muted); }
.kb-plot .kb-plot-node rect { fill: var(--plot-node); stroke: var(--plot-axis); stroke-width: 1.2; }
.kb-plot .kb-plot-node.coloured rect { fill: var(--plot-c); fill-opacity: 0.16; stroke: var(--plot-c); stroke-width: 1.6; }
.kb-plot .kb-plot-node .kb-plot-node-head { font-weight: 600; }
)css";

}  // namespace

const std::string& plot_css() {
  static const std::string css = kCss;
  return css;
}

}  // namespace kb::plot
