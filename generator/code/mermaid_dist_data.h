// The raw table cmake/embed_blobs.cmake generates for mermaid; read it
// through mermaid_assets.h.
#pragma once

#include "math/katex_dist_data.h"

namespace kb::code {

using math::EmbeddedBlob;

extern const char kEmbeddedMermaidVersion[];  // "" without the npm package
extern const EmbeddedBlob kEmbeddedMermaid[];  // mermaid.tiny.js, kb-mermaid.js

}  // namespace kb::code
