#include "plot/svg.h"

#include "core/text.h"
#include "plot/format.h"

#include <cstdint>
#include <cstdio>

namespace kb::plot {

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const auto bad = kb::text::find_invalid_utf8(s.substr(i));
    const size_t good_end = bad ? i + *bad : s.size();
    for (; i < good_end; ++i) {
      const char c = s[i];
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default:
          if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') break;
          if (c == '\x7f') break;
          out += c;
      }
    }
    if (bad) {
      out += "\xEF\xBF\xBD";  // U+FFFD for one invalid byte
      ++i;
    }
  }
  return out;
}

size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string truncate_text(std::string_view s, size_t max_chars) {
  if (utf8_length(s) <= max_chars || max_chars == 0) return std::string(max_chars ? s : "");
  size_t count = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (count == max_chars - 1) break;
      ++count;
    }
  }
  return std::string(s.substr(0, i)) + "…";
}

double text_width(std::string_view s, double font_size) {
  double em = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = s[i];
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    if (c >= 0x80) {
      em += 0.62;  // Greek, sub/superscripts, ≤, …: about a lowercase letter
    } else if (c == ' ' || c == 'i' || c == 'l' || c == 'j' || c == '.' || c == ',' ||
               c == ':' || c == ';' || c == '\'' || c == '|' || c == '!' || c == 'I' ||
               c == 't' || c == 'f' || c == 'r' || c == '(' || c == ')' || c == '[' ||
               c == ']') {
      em += 0.36;
    } else if (c == 'm' || c == 'w' || c == 'M' || c == 'W' || c == '%' || c == '@') {
      em += 0.92;
    } else if ((c >= 'A' && c <= 'Z') || c == '&') {
      em += 0.7;
    } else if (c >= '0' && c <= '9') {
      em += 0.64;
    } else {
      em += 0.6;
    }
  }
  return em * font_size;
}

namespace {

bool usable_id(std::string_view id) {
  if (id.empty()) return false;
  const char first = id[0];
  if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string finish_id(std::string svg, std::string_view id) {
  std::string name;
  if (usable_id(id)) {
    name = id;
  } else {
    uint64_t h = 1469598103934665603ull;  // FNV-1a 64
    for (unsigned char c : svg) {
      h ^= c;
      h *= 1099511628211ull;
    }
    char buf[16];
    std::snprintf(buf, sizeof buf, "%08x", static_cast<unsigned>((h >> 32) ^ (h & 0xffffffffu)));
    name = std::string("kbp-") + buf;
  }
  std::string out;
  out.reserve(svg.size() + 64);
  for (char c : svg) {
    if (c == kIdToken) {
      out += name;
    } else {
      out += c;
    }
  }
  return out;
}

Attr::Attr(const char* n, double v) : name(n), value(format_coord(v)) {}
Attr::Attr(const char* n, int v) : name(n), value(std::to_string(v)) {}

void Svg::start(const char* tag, std::initializer_list<Attr> attrs) {
  out_ += '<';
  out_ += tag;
  for (const Attr& a : attrs) {
    out_ += ' ';
    out_ += a.name;
    out_ += "=\"";
    // Values may carry kIdToken (url(#…)); keep it, escape the rest.
    size_t from = 0;
    while (from <= a.value.size()) {
      const size_t at = a.value.find(kIdToken, from);
      const size_t end = at == std::string::npos ? a.value.size() : at;
      out_ += xml_escape(std::string_view(a.value).substr(from, end - from));
      if (at == std::string::npos) break;
      out_ += kIdToken;
      from = at + 1;
    }
    out_ += '"';
  }
}

Svg& Svg::open(const char* tag, std::initializer_list<Attr> attrs) {
  start(tag, attrs);
  out_ += '>';
  return *this;
}

Svg& Svg::close(const char* tag) {
  out_ += "</";
  out_ += tag;
  out_ += '>';
  return *this;
}

Svg& Svg::empty(const char* tag, std::initializer_list<Attr> attrs) {
  start(tag, attrs);
  out_ += "/>";
  return *this;
}

Svg& Svg::text(const char* tag, std::initializer_list<Attr> attrs, std::string_view text) {
  start(tag, attrs);
  out_ += '>';
  out_ += xml_escape(text);
  out_ += "</";
  out_ += tag;
  out_ += '>';
  return *this;
}

Svg& Svg::raw(std::string_view markup) {
  out_ += markup;
  return *this;
}

}  // namespace kb::plot
