#include "code/mermaid_assets.h"

#include <string_view>

#include "code/mermaid_dist_data.h"

namespace kb::code {

std::vector<math::SiteFile> mermaid_site_files() {
  std::vector<math::SiteFile> out;
  for (const EmbeddedBlob* b = kEmbeddedMermaid; b->name; ++b) {
    std::string content(reinterpret_cast<const char*>(b->data), b->size);
    std::string_view name(b->name);
    out.push_back({name == "kb-mermaid.js" ? kMermaidScriptUrl : kMermaidJsUrl, std::move(content)});
  }
  return out;
}

}  // namespace kb::code
