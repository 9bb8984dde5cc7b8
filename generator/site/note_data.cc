#include "site/note_data.h"

#include "core/key_hasher.h"
#include "core/text.h"

namespace kb::site {

std::string note_data_js(std::string_view url, std::string_view preview, std::string_view local_graph) {
  std::string out = "kbNoteData(";
  out.reserve(url.size() + preview.size() + local_graph.size() + 32);
  text::append_json_string(out, url);
  out += ",{\"p\":";
  out += preview;
  out += ",\"g\":";
  out += local_graph;
  out += "});\n";
  return out;
}

uint64_t note_data_key(uint64_t local_graph_key, const std::vector<std::string>& fragments) {
  KeyHasher h;
  h.add(local_graph_key);
  for (const auto& f : fragments) h.add(f);
  return h.value();
}

}  // namespace kb::site
