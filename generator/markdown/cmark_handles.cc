#include "markdown/cmark_handles.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include <cstring>
#include <mutex>
#include <stdexcept>
#include <string>

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(leak_sanitizer)
#define KB_HAVE_LSAN 1
#endif
#elif defined(__SANITIZE_ADDRESS__)
#define KB_HAVE_LSAN 1
#endif
#ifdef KB_HAVE_LSAN
#include <sanitizer/lsan_interface.h>
#endif

namespace kb::markdown {

namespace {

// Allocations made while one exists are kept for the life of the process on
// purpose, and LeakSanitizer is told so (a no-op without it).
struct ProcessLifetimeAllocations {
#ifdef KB_HAVE_LSAN
  ProcessLifetimeAllocations() { __lsan_disable(); }
  ~ProcessLifetimeAllocations() { __lsan_enable(); }
#endif
};

// Serialises parses by parsers that have strikethrough (cmark_handles.h).
std::mutex g_strikethrough_parse;

}  // namespace

ParserPtr new_gfm_parser(int options, bool strikethrough) {
  static std::once_flag registered;
  std::call_once(registered, [] {
    // The core extensions live as long as the process. Autolink's list of
    // special characters, which make_special_chars_permanent() takes off it,
    // is then unreachable, and cmark-gfm has no call that would give it back
    // to be freed: 32 bytes, once.
    ProcessLifetimeAllocations kept;
    cmark_gfm_core_extensions_ensure_registered();
    // Autolinks only match (they push no delimiters), so their characters can
    // be made special for good.
    if (cmark_syntax_extension* autolink = cmark_find_syntax_extension("autolink"))
      make_special_chars_permanent({autolink});
  });

  ParserPtr parser(cmark_parser_new(options));
  if (!parser) throw std::bad_alloc();
  for (const char* name : kGfmExtensions) {
    if (!strikethrough && std::strcmp(name, "strikethrough") == 0) continue;
    cmark_syntax_extension* ext = cmark_find_syntax_extension(name);
    if (!ext) throw std::runtime_error(std::string("cmark-gfm extension '") + name + "' is not available");
    cmark_parser_attach_syntax_extension(parser.get(), ext);
  }
  return parser;
}

void make_special_chars_permanent(std::initializer_list<cmark_syntax_extension*> extensions) {
  // The one public way to add an extension's characters to cmark's table is
  // the "add" a parse does; do it once on a throwaway parser, then empty the
  // extensions' lists so the "remove" every parse does after has nothing to
  // remove. (Their match functions still run: cmark offers every special
  // character to every attached inline extension.)
  ParserPtr parser(cmark_parser_new(CMARK_OPT_DEFAULT));
  if (!parser) throw std::bad_alloc();
  for (cmark_syntax_extension* ext : extensions) cmark_parser_attach_syntax_extension(parser.get(), ext);
  cmark_manage_extensions_special_characters(parser.get(), 1);
  for (cmark_syntax_extension* ext : extensions) cmark_syntax_extension_set_special_inline_chars(ext, nullptr);
}

NodePtr parse_document(cmark_parser* parser, std::string_view text) {
  const cmark_syntax_extension* strikethrough = cmark_find_syntax_extension("strikethrough");
  bool has_strikethrough = false;
  for (cmark_llist* l = cmark_parser_get_syntax_extensions(parser); l; l = l->next)
    if (l->data == strikethrough) has_strikethrough = true;
  std::unique_lock<std::mutex> lock(g_strikethrough_parse, std::defer_lock);
  if (has_strikethrough) lock.lock();
  cmark_parser_feed(parser, text.data(), text.size());
  return NodePtr(cmark_parser_finish(parser));
}

NodePtr new_node(cmark_node_type type) {
  NodePtr node(cmark_node_new_with_mem(type, cmark_get_default_mem_allocator()));
  if (!node) throw std::bad_alloc();
  return node;
}

}  // namespace kb::markdown
