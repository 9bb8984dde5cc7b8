// kb's KaTeX batch: typesets every formula of a build in one node process.
//
// kb compiles this script in (see katex_renderer.h) and runs it as
// `node -e <script>`, so it needs nothing on disk; KaTeX itself comes in on
// stdin too (the katex.min.js compiled into kb), so the versions always match.
//
// stdin:  {"katex": "<katex.min.js>", "macros": {"\\TP": "\\mathrm{TP}"},
//          "formulas": [{"latex": "a^2", "display": false}, ...]}
// stdout: {"version": "0.19.1",
//          "results": [{"html": "<span class=\"katex\"><math>..."} or
//                      {"error": "Undefined control sequence: \\fracc",
//                       "position": 1}, ...]}   (one per formula, in order)
// A formula KaTeX cannot parse gets its message and the 1-based character of
// the formula where KaTeX stopped (0 when KaTeX did not say).
'use strict';
const fs = require('fs');

const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const holder = { exports: {} };
// katex.min.js is a UMD bundle: given `module`, it exports KaTeX through it.
new Function('module', 'exports', input.katex)(holder, holder.exports);
const katex = holder.exports;

const results = input.formulas.map(({ latex, display }) => {
  try {
    const html = katex.renderToString(latex, {
      displayMode: !!display,
      throwOnError: true,
      // MathML alone: browsers draw it (kb adapts it to MathML Core, see
      // mathml_core.h) and screen readers read it; KaTeX's HTML would
      // triple a formula's bytes.
      output: 'mathml',
      strict: 'ignore', // LaTeX-compatibility notes are not errors
      // A fresh copy each time: \gdef in one formula must not leak into the
      // next, or a cached result would depend on its neighbours.
      macros: { ...input.macros },
    });
    // KaTeX wraps a display formula's HTML in katex-display; its MathML
    // alone gets the same wrapper, for the page's CSS to lay it out.
    return { html: display ? `<span class="katex-display">${html}</span>` : html };
  } catch (e) {
    if (e instanceof katex.ParseError) {
      const position = typeof e.position === 'number' ? e.position + 1 : 0;
      return { error: e.rawMessage || e.message, position };
    }
    return { error: String((e && e.message) || e), position: 0 };
  }
});

process.stdout.write(JSON.stringify({ version: katex.version, results }));
