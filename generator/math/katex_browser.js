// kb: typesets a page's formulas in the browser. Shipped (as
// assets/katex/kb-math.js, after katex.min.js) only by sites built where node
// could not run KaTeX; kb writes each formula as TeX inside
// <span class="math inline">\(…\)</span>, <span class="math display">\[…\]</span>
// or <div class="math display">\[…\]</div>, and prepends the site's macros as
// window.kbMathMacros.
(function () {
  'use strict';
  function typeset() {
    if (!window.katex) return;
    var macros = window.kbMathMacros || {};
    var nodes = document.querySelectorAll('.math.inline, .math.display');
    for (var i = 0; i < nodes.length; i++) {
      var el = nodes[i];
      var tex = el.textContent;
      if (tex.length < 4) continue;
      try {
        window.katex.render(tex.slice(2, -2), el, {
          displayMode: el.classList.contains('display'),
          throwOnError: false,
          macros: Object.assign({}, macros),
        });
      } catch (e) {
        // A formula KaTeX cannot parse keeps its TeX.
      }
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', typeset);
  else typeset();
})();
