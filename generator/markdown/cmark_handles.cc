#include "markdown/cmark_handles.h"

#include <cmark-gfm-core-extensions.h>

#include <mutex>
#include <stdexcept>
#include <string>

namespace kb::markdown {

ParserPtr new_gfm_parser(int options) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });

  ParserPtr parser(cmark_parser_new(options));
  if (!parser) throw std::bad_alloc();
  for (const char* name : kGfmExtensions) {
    cmark_syntax_extension* ext = cmark_find_syntax_extension(name);
    if (!ext) throw std::runtime_error(std::string("cmark-gfm extension '") + name + "' is not available");
    cmark_parser_attach_syntax_extension(parser.get(), ext);
  }
  return parser;
}

NodePtr new_node(cmark_node_type type) {
  NodePtr node(cmark_node_new_with_mem(type, cmark_get_default_mem_allocator()));
  if (!node) throw std::bad_alloc();
  return node;
}

}  // namespace kb::markdown
