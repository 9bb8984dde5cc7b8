#include "code/highlight_dist.h"

#include <string>

#include "code/highlight_dist_data.h"

namespace kb::code {

const HighlightDist& highlight_dist() {
  static const HighlightDist dist = [] {
    HighlightDist d;
    d.version = kEmbeddedHighlightVersion;
    for (const EmbeddedBlob* b = kEmbeddedHighlight; b->name; ++b) {
      std::string_view bytes(reinterpret_cast<const char*>(b->data), b->size);
      if (std::string_view(b->name) == "highlight_batch.js") d.batch_script = bytes;
      else d.scripts.push_back(bytes);
    }
    if (d.scripts.empty() || d.batch_script.empty()) d = HighlightDist{};
    return d;
  }();
  return dist;
}

}  // namespace kb::code
