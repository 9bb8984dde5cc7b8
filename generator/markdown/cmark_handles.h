// RAII owners for cmark-gfm objects, and the one way kb makes a GFM parser.
//
// Contract:
// - ParserPtr, NodePtr, IterPtr and CmarkString free their object with the
//   matching cmark-gfm function (cmark_parser_free, cmark_node_free,
//   cmark_iter_free, and the default cmark allocator's free for rendered
//   strings). A NodePtr must own a tree root or an unlinked node: freeing a
//   node frees its whole subtree, and a linked node would leave its parent
//   with a dangling child.
// - new_gfm_parser() registers the core extensions exactly once per process
//   (std::call_once: cmark_gfm_core_extensions_ensure_registered is not
//   thread-safe) and returns a parser with table, strikethrough, autolink,
//   tagfilter and tasklist attached (strikethrough only if asked for). A core
//   extension that cannot be found means a broken cmark-gfm installation, not
//   bad input: it throws std::runtime_error naming the extension.
// - Special inline characters: cmark-gfm 0.29 keeps them in one global table
//   that every parse fills with its extensions' characters before parsing
//   inlines and clears after. On several threads one parse's clearing hides
//   the characters from another parse half-way through, so strikethrough,
//   autolinks and math would come and go from build to build. Hence:
//   * the characters of extensions that only match (the `:` and `w` of
//     autolinks, the `$` of math) are made special once for the process and
//     taken off the extensions, so no parse clears them
//     (make_special_chars_permanent); a character no attached extension
//     claims is text, as before;
//   * strikethrough needs its `~` listed to pair its delimiters, so it cannot
//     be treated so: parse_document() holds a process-wide lock while a
//     parser with strikethrough parses, and callers attach strikethrough only
//     to text that has a `~` (Document does), so other parses never touch it.
// - Thread safety: new_gfm_parser() and parse_document() may be called from
//   any thread; each returned parser, and each tree, belongs to one thread at
//   a time.
#pragma once

#include <cmark-gfm.h>

#include <initializer_list>
#include <memory>
#include <string_view>

namespace kb::markdown {

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterDeleter {
  void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};
// Strings from cmark_render_* are allocated by the default cmark allocator,
// which need not be the C library's malloc: free them with the same one.
struct CmarkStringDeleter {
  void operator()(char* s) const { cmark_get_default_mem_allocator()->free(s); }
};

using ParserPtr = std::unique_ptr<cmark_parser, ParserDeleter>;
using NodePtr = std::unique_ptr<cmark_node, NodeDeleter>;
using IterPtr = std::unique_ptr<cmark_iter, IterDeleter>;
using CmarkString = std::unique_ptr<char, CmarkStringDeleter>;

// The GFM extensions every kb parser gets, in attachment order.
inline constexpr const char* kGfmExtensions[] = {"table", "strikethrough", "autolink",
                                                 "tagfilter", "tasklist"};

// A parser with kGfmExtensions attached (strikethrough only when
// `strikethrough`); `options` are CMARK_OPT_* flags.
ParserPtr new_gfm_parser(int options, bool strikethrough = true);

// Feeds `text` to `parser`, finishes it and returns the document (see above
// for the lock around parsers with strikethrough).
NodePtr parse_document(cmark_parser* parser, std::string_view text);

// Makes the special inline characters `extensions` declare special for the
// rest of the process, and takes them off the extensions so no parse ever
// clears them (see above). Call once for each extension, before it is
// attached to any parser. Not thread-safe: callers use std::call_once.
void make_special_chars_permanent(std::initializer_list<cmark_syntax_extension*> extensions);

// A new node of `type` from the default allocator (the one parsers use, so
// it can be linked into their trees), owned until linked.
NodePtr new_node(cmark_node_type type);

}  // namespace kb::markdown
