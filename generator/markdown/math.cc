#include "markdown/math.h"

#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <cstdint>
#include <mutex>
#include <utility>

#include "markdown/cmark_handles.h"

namespace kb::markdown {
namespace {

bool is_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(int c) { return c >= '0' && c <= '9'; }

// The scanner, over any source of characters: `at(i)` is the byte at i, or
// -1 past the end. Shared by scan_math() and the inline parser hook, which
// can only peek at its chunk through cmark's API.
template <typename CharAt>
std::optional<MathSpan> scan(CharAt at, size_t start) {
  if (at(start) != '$') return std::nullopt;
  MathSpan span;
  if (at(start + 1) == '$') {
    // Display: up to the next unescaped "$$", not blank in between.
    span.display = true;
    span.content_begin = start + 2;
    bool blank = true;
    for (size_t i = start + 2;;) {
      int c = at(i);
      if (c < 0) return std::nullopt;
      if (c == '\\') {
        if (at(i + 1) < 0) return std::nullopt;
        blank = false;
        i += 2;
        continue;
      }
      if (c == '$' && at(i + 1) == '$') {
        if (blank) return std::nullopt;
        span.content_end = i;
        span.end = i + 2;
        return span;
      }
      if (!is_space(c)) blank = false;
      ++i;
    }
  }
  // Inline: a non-space right after the '$', the first unescaped '$' closes.
  int first = at(start + 1);
  if (first < 0 || is_space(first)) return std::nullopt;
  span.content_begin = start + 1;
  bool after_space = false;  // the previous character was unescaped white space
  for (size_t i = start + 1;;) {
    int c = at(i);
    if (c < 0) return std::nullopt;
    if (c == '\\') {
      if (at(i + 1) < 0) return std::nullopt;
      after_space = false;
      i += 2;
      continue;
    }
    // A backtick ends the try: "costs $10, see `$PATH`" keeps its code span.
    if (c == '`') return std::nullopt;
    if (c == '$') {
      if (after_space || is_digit(at(i + 1))) return std::nullopt;
      span.content_end = i;
      span.end = i + 1;
      return span;
    }
    after_space = is_space(c);
    ++i;
  }
}

void free_math(cmark_mem*, void* data) { delete static_cast<MathNode*>(data); }

cmark_syntax_extension* g_math = nullptr;

// The inline hook: at a '$', cut out the math span there, if any, as one
// HTML_INLINE node marked as ours; cmark's parser carries on after it.
cmark_node* match_math(cmark_syntax_extension* self, cmark_parser*, cmark_node*, unsigned char character,
                       cmark_inline_parser* inline_parser) {
  if (character != '$') return nullptr;
  const int start = cmark_inline_parser_get_offset(inline_parser);
  auto at = [inline_parser](size_t i) -> int {
    cmark_inline_parser_set_offset(inline_parser, static_cast<int>(i));
    if (cmark_inline_parser_is_eof(inline_parser)) return -1;
    return cmark_inline_parser_peek_char(inline_parser);
  };
  std::optional<MathSpan> span = scan(at, static_cast<size_t>(start));
  if (!span) {
    cmark_inline_parser_set_offset(inline_parser, start);
    return nullptr;
  }
  MathNode math;
  math.display = span->display;
  for (size_t i = static_cast<size_t>(start); i < span->end; ++i) math.source += static_cast<char>(at(i));
  size_t open = span->display ? 2 : 1;
  math.latex = std::string(trim_math(std::string_view(math.source).substr(open, span->content_end - span->content_begin)));
  cmark_inline_parser_set_offset(inline_parser, static_cast<int>(span->end));

  cmark_node* node = cmark_node_new_with_mem(CMARK_NODE_HTML_INLINE, cmark_get_default_mem_allocator());
  if (!node) return nullptr;
  cmark_node_set_syntax_extension(node, self);
  set_math(node, std::move(math));
  return node;
}

}  // namespace

std::optional<MathSpan> scan_math(std::string_view text, size_t at) {
  return scan([text](size_t i) -> int { return i < text.size() ? static_cast<unsigned char>(text[i]) : -1; }, at);
}

std::string_view trim_math(std::string_view s) {
  while (!s.empty() && is_space(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && is_space(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

cmark_syntax_extension* math_extension() {
  static std::once_flag once;
  std::call_once(once, [] {
    g_math = cmark_syntax_extension_new("kb_math");
    cmark_syntax_extension_set_match_inline_func(g_math, match_math);
    cmark_llist* chars = cmark_llist_append(cmark_get_default_mem_allocator(), nullptr,
                                            reinterpret_cast<void*>(static_cast<uintptr_t>('$')));
    cmark_syntax_extension_set_special_inline_chars(g_math, chars);
    // `$` special for good (cmark_handles.h says why); that takes the list
    // off the extension, so it is ours to free.
    make_special_chars_permanent({g_math});
    cmark_llist_free(cmark_get_default_mem_allocator(), chars);
  });
  return g_math;
}

const MathNode* math_of(cmark_node* node) {
  if (!node || !g_math || cmark_node_get_syntax_extension(node) != g_math) return nullptr;
  return static_cast<const MathNode*>(cmark_node_get_user_data(node));
}

void set_math(cmark_node* node, MathNode math) {
  math_extension();
  if (void* old = cmark_node_get_user_data(node); old && cmark_node_get_syntax_extension(node) == g_math)
    delete static_cast<MathNode*>(old);
  cmark_node_set_syntax_extension(node, g_math);
  cmark_node_set_user_data(node, new MathNode(std::move(math)));
  cmark_node_set_user_data_free_func(node, free_math);
}

}  // namespace kb::markdown
