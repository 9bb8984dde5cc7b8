// The raw table cmake/embed_blobs.cmake generates; read it through
// highlight_dist.h.
#pragma once

#include "math/katex_dist_data.h"

namespace kb::code {

using math::EmbeddedBlob;

extern const char kEmbeddedHighlightVersion[];  // "" without highlight.js
extern const EmbeddedBlob kEmbeddedHighlight[];

}  // namespace kb::code
