// A note's data file: what the pages that link to it and its own page load
// about it by script (so file:// works), one file per note with links:
//   assets/notes/<note>.js:  kbNoteData(url, {p: preview, g: local graph})
// - p: its link preview (site/previews.h), made from its rendered body;
// - g: its local graph (site/site_graph.h), made from the notes within two
//   links of it.
// One file rather than two halves the files a big site writes (each costs a
// file system's create). The file follows both: the note's page key and its
// local graph's key (site.cc re-renders a note whose neighbourhood changed,
// whose page then keeps its bytes).
//
// Contract: pure; `url` is the note's page URL (JSON-escaped here).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "content/page.h"
#include "site/site_graph.h"

namespace kb::site {

// `preview` and `local_graph` are JSON text.
std::string note_data_js(std::string_view url, std::string_view preview, std::string_view local_graph);

// What of the file is not its page's: its local graph (its
// local_graph_key()) and the fragments that links to it name (previews.h
// linked_fragments()).
uint64_t note_data_key(uint64_t local_graph_key, const std::vector<std::string>& fragments);

}  // namespace kb::site
