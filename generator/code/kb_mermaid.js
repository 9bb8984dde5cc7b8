/* kb: draws the page's ```mermaid diagrams with mermaid (loaded just before,
   only on pages that have one). Without JavaScript, or when a diagram cannot
   be parsed, its source stays shown. Redrawn in the other palette when the
   reader switches the theme. */
(function () {
  'use strict';
  var mermaid = window.mermaid;
  var blocks = Array.prototype.slice.call(document.querySelectorAll('pre.mermaid'));
  if (!mermaid || !blocks.length) return;
  var root = document.documentElement;
  var media = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  blocks.forEach(function (pre) { pre.setAttribute('data-source', pre.textContent); });

  function dark() {
    var t = root.getAttribute('data-theme');
    if (t === 'dark' || t === 'light') return t === 'dark';
    return !!(media && media.matches);
  }

  var next = 0;
  var drawing = Promise.resolve();
  function drawAll() {
    var theme = dark() ? 'dark' : 'default';
    drawing = drawing.then(function () {
      mermaid.initialize({ startOnLoad: false, theme: theme, securityLevel: 'strict' });
      return blocks.reduce(function (done, pre) {
        return done.then(function () { return draw(pre); });
      }, Promise.resolve());
    });
  }

  function draw(pre) {
    var source = pre.getAttribute('data-source');
    var note = pre.nextElementSibling;
    if (note && note.classList.contains('mermaid-error')) note.remove();
    var id = 'kb-mermaid-' + (next++);
    return Promise.resolve()
      .then(function () { return mermaid.parse(source); })
      .then(function () { return mermaid.render(id, source); })
      .then(function (out) {
        pre.innerHTML = out.svg;
        pre.setAttribute('data-drawn', '');
      }, function (e) {
        // mermaid may leave its scratch element behind on a failure.
        var scratch = document.getElementById('d' + id);
        if (scratch) scratch.remove();
        pre.textContent = source;
        pre.removeAttribute('data-drawn');
        var p = document.createElement('p');
        p.className = 'mermaid-error';
        var why = e && e.message ? String(e.message).split('\n')[0] : 'it could not be parsed';
        p.textContent = 'This diagram could not be drawn (' + why + '); its source is shown above.';
        pre.insertAdjacentElement('afterend', p);
      });
  }

  drawAll();
  new MutationObserver(drawAll).observe(root, { attributes: true, attributeFilter: ['data-theme'] });
  if (media && media.addEventListener) media.addEventListener('change', drawAll);
})();
