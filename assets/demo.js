/* kb demos: switch between the variants a ```demo block precomputed at build
   time. Each <figure data-demo> holds one .demo-variant per point of its
   parameter grid, tagged data-variant='["v1","v2",…]' (the grid values in
   order), and one control per grid parameter (a range over the values'
   indices, or a select). Without this script the default variant shows and
   the controls stay hidden. */
(function () {
  'use strict';
  function setup(demo) {
    var controls = demo.querySelector('.demo-controls');
    if (!controls) return;
    var inputs = controls.querySelectorAll('[data-param]');
    var variants = demo.querySelectorAll('.demo-variant');
    function valueOf(input) {
      if (input.tagName === 'SELECT') return input.value;
      var values = JSON.parse(input.getAttribute('data-values'));
      return values[Number(input.value)];
    }
    function update() {
      var wanted = [];
      for (var i = 0; i < inputs.length; i++) {
        var v = valueOf(inputs[i]);
        wanted.push(v);
        if (inputs[i].tagName !== 'SELECT') {
          inputs[i].setAttribute('aria-valuetext', v);
          var out = inputs[i].nextElementSibling;
          if (out && out.tagName === 'OUTPUT') out.textContent = v;
        }
      }
      var key = JSON.stringify(wanted);
      for (var j = 0; j < variants.length; j++) {
        var match = JSON.stringify(JSON.parse(variants[j].getAttribute('data-variant'))) === key;
        variants[j].hidden = !match;
      }
    }
    for (var k = 0; k < inputs.length; k++) inputs[k].addEventListener('input', update);
    controls.hidden = false;
    update();
  }
  function init() {
    var demos = document.querySelectorAll('figure[data-demo]');
    for (var i = 0; i < demos.length; i++) setup(demos[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
