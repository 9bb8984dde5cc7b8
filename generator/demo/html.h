// A demo as HTML: its figures, facts and tables for every variant, and the
// control that switches between them (assets/demo.js).
//
// Contract (the markup demo.js and demo.css rely on):
//   <figure class="demo" data-demo="KERNEL" id="demo-N">
//     <figcaption class="demo-head">title · kernel note</figcaption>
//     <div class="demo-controls" hidden>          one control per grid parameter:
//       <label>k <input type="range" data-param="k" data-values='["2","3"]'> <output>3</output></label>
//       (a <select data-param=…> when the values are not all numbers)
//     <div class="demo-variant" data-variant='["3"]'>…</div>      the default variant
//     <div class="demo-variant" data-variant='["4"]' hidden>…</div>
//     <p class="demo-caption">…</p>
//   </figure>
// - data-variant is the JSON array of the variant's grid values, in grid
//   order; the script shows the variant whose array matches the controls and
//   un-hides the controls. Without JS the default variant shows and the
//   others stay hidden, as do the controls.
// - An overlay demo (or one without a grid) has one variant and no controls.
// - Every variant's content: facts as a <dl class="demo-facts">, figures as
//   inline SVG, tables as real <table>s (collapsed in <details> past 12 rows).
// - All text is escaped; SVG comes from the plot library, which escapes its own.
// Thread safety: pure function.
#pragma once

#include <string>
#include <vector>

#include "demo/block.h"
#include "present/present.h"

namespace kb::demo {

// `shown` holds one presentation per variant of `vs` (or one, for an
// overlay); `number` makes the demo's id unique on its page (1, 2, …).
std::string demo_html(const DemoSpec& spec, const std::vector<Variant>& vs, size_t default_index,
                      const std::vector<present::Presentation>& shown, int number);

// The heading a demo shows when its block has no title ("k-means" → from the kernel's summary).
std::string default_title(const DemoSpec& spec);

}  // namespace kb::demo
