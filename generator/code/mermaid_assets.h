// Mermaid in the site: the diagrams of ```mermaid blocks are drawn in the
// reader's browser, offline, by mermaid's single-file build
// (@mermaid-js/tiny from npm, pinned in package-lock.json, compiled into kb)
// and kb's loader script.
//
// Why in the browser: drawing at build time needs a browser (mermaid lays
// text out with the DOM), and kb must build without one. Why the tiny build:
// it is one 2.5 MB file with no dependencies; the full `mermaid` package pulls
// 125 packages (128 MB) into node_modules for the same browser bundle. The
// tiny build lacks mindmap and architecture diagrams: those show their source
// with a note.
//
// Contract:
// - mermaid_site_files() is what a site with diagrams writes: kMermaidJsUrl
//   (mermaid) and kMermaidScriptUrl (kb-mermaid.js). Empty when kb was built
//   without the npm package (the pages then show the diagrams' source).
// - kb-mermaid.js draws every <pre class="mermaid"> of the page in the
//   theme's colours (light or dark, again on a theme switch), leaves the
//   source shown with a short note when mermaid cannot parse it, and sets
//   data-drawn on the ones it drew. Pages without diagrams load neither file.
// Thread-safe (static data).
#pragma once

#include <vector>

#include "math/katex_assets.h"

namespace kb::code {

inline constexpr const char kMermaidJsUrl[] = "assets/mermaid/mermaid.tiny.js";
inline constexpr const char kMermaidScriptUrl[] = "assets/mermaid/kb-mermaid.js";

std::vector<math::SiteFile> mermaid_site_files();

}  // namespace kb::code
