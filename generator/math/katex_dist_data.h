// The raw table cmake/embed_katex.cmake generates; read it through
// katex_dist.h.
#pragma once

#include <cstddef>

namespace kb::math {

struct EmbeddedBlob {
  const char* name;  // "katex.min.js", "fonts/KaTeX_Main-Regular.woff2", "katex_batch.js"; null ends the table
  const unsigned char* data;
  size_t size;
};

extern const char kEmbeddedKatexVersion[];  // "" without KaTeX
extern const EmbeddedBlob kEmbeddedKatex[];

}  // namespace kb::math
