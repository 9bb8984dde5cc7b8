#include "math/katex_dist.h"

#include <string>

#include "math/katex_dist_data.h"

namespace kb::math {

const KatexDist& katex_dist() {
  static const KatexDist dist = [] {
    KatexDist d;
    d.version = kEmbeddedKatexVersion;
    for (const EmbeddedBlob* b = kEmbeddedKatex; b->name; ++b) {
      std::string_view name = b->name;
      std::string_view bytes(reinterpret_cast<const char*>(b->data), b->size);
      if (name == "katex.min.js") d.js = bytes;
      else if (name == "katex.min.css") d.css = bytes;
      else if (name == "katex_batch.js") d.batch_script = bytes;
      else if (name == "katex_browser.js") d.browser_script = bytes;
      else if (name == "math.css") d.math_css = bytes;
      else if (name == "STIXTwoMath-Regular.woff2") d.math_font = bytes;
      else if (name == "STIXTwoMath-LICENSE.txt") d.math_font_license = bytes;
      else if (name.substr(0, 6) == "fonts/") d.fonts.emplace_back(name.substr(6), bytes);
    }
    return d;
  }();
  return dist;
}

}  // namespace kb::math
