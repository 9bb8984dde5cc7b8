// SVG text building blocks shared by the charts: XML escaping, a small
// element writer, text-width estimates and the content hash that names a
// chart's ids.
//
// Contract:
// - xml_escape output is always well-formed XML character data and
//   attribute text: &, <, >, " and ' are escaped, control characters other
//   than tab and newline are dropped (XML 1.0 forbids them) and invalid UTF-8
//   becomes U+FFFD.
// - Svg writes elements in the order asked; attribute values are escaped,
//   numbers go through format_coord. It does not check nesting: the charts
//   open and close in pairs (the tests check every chart is well-formed).
// - Ids: a chart's body refers to its own ids (clip path, gradient, title)
//   through kIdToken; finish_id() replaces the token with the chart's id,
//   so the id can be a hash of everything else.
// Thread safety: pure functions; an Svg is a value used by one thread.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace kb::plot {

std::string xml_escape(std::string_view s);

// Width in user units of `s` set at `font_size` in a typical sans-serif
// face, estimated per character class (we have no font metrics at build
// time; the estimate errs wide so labels keep their room).
double text_width(std::string_view s, double font_size);

// Number of code points in UTF-8 `s` (invalid bytes count one each).
size_t utf8_length(std::string_view s);

// `s` cut to at most `max_chars` code points, ending in "…" when cut.
std::string truncate_text(std::string_view s, size_t max_chars);

// Stands for the chart's id inside its body until finish_id(); it cannot
// come out of xml_escape, which drops control characters.
inline constexpr char kIdToken = '\x01';

// Replaces every kIdToken in `svg` by `id` if that is a usable XML id
// (letters, digits, '-', '_', starting with a letter; anything else is
// dropped), else by "kbp-" and eight hex digits of a hash of `svg`.
std::string finish_id(std::string svg, std::string_view id);

// One attribute: a name and a value, given as text (escaped on output) or
// as a number (written by format_coord).
struct Attr {
  Attr(const char* n, std::string_view v) : name(n), value(v) {}
  Attr(const char* n, const std::string& v) : name(n), value(v) {}
  Attr(const char* n, const char* v) : name(n), value(v) {}
  Attr(const char* n, double v);
  Attr(const char* n, int v);
  const char* name;
  std::string value;
};

class Svg {
 public:
  // <tag a="v" …>
  Svg& open(const char* tag, std::initializer_list<Attr> attrs = {});
  // </tag>
  Svg& close(const char* tag);
  // <tag a="v" …/>
  Svg& empty(const char* tag, std::initializer_list<Attr> attrs = {});
  // <tag a="v" …>text</tag> with text escaped.
  Svg& text(const char* tag, std::initializer_list<Attr> attrs, std::string_view text);
  // Raw markup, already well-formed.
  Svg& raw(std::string_view markup);
  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void start(const char* tag, std::initializer_list<Attr> attrs);
  std::string out_;
};

}  // namespace kb::plot
