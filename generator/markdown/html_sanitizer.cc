#include "markdown/html_sanitizer.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <vector>

#include "core/text.h"

namespace kb::markdown {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_alpha(c) || (c >= '0' && c <= '9'); }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

bool in(std::string_view name, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), name) != set.end();
}

// Elements that pass: text-level and block structure, tables, lists,
// disclosure, images. Chosen like GitHub's and Obsidian's rendering of notes.
constexpr std::string_view kAllowedElements[] = {
    "a", "abbr", "address", "article", "aside", "b", "bdi", "bdo", "blockquote", "br", "caption", "center",
    "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption",
    "figure", "font", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd",
    "li", "mark", "nav", "ol", "p", "picture", "pre", "q", "rp", "rt", "ruby", "s", "samp", "section", "small",
    "source", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "time", "tr", "tt", "u", "ul", "var", "wbr"};

// Elements whose content goes with them.
bool drops_content(std::string_view name) {
  return in(name, {"script", "style", "iframe", "object", "template", "svg", "math", "noscript", "textarea",
                   "select", "title", "xmp", "noembed", "noframes", "plaintext", "applet", "frameset"});
}

bool void_element(std::string_view name) {
  return in(name, {"br", "hr", "img", "source", "col", "wbr"});
}

bool allowed_attribute(std::string_view element, std::string_view attr) {
  if (in(attr, {"class", "id", "title", "lang", "dir", "align", "valign", "width", "height", "style", "role",
                "aria-label", "aria-hidden", "aria-describedby", "aria-labelledby"}))
    return true;
  if (element == "a") return in(attr, {"href", "name", "target", "hreflang"});
  if (element == "img") return in(attr, {"src", "srcset", "alt", "loading", "decoding", "sizes"});
  if (element == "source") return in(attr, {"src", "srcset", "type", "media", "sizes"});
  if (element == "ol") return in(attr, {"start", "type", "reversed"});
  if (element == "ul") return attr == "type";
  if (element == "li") return attr == "value";
  if (element == "td" || element == "th") return in(attr, {"colspan", "rowspan", "scope", "headers", "abbr"});
  if (element == "col" || element == "colgroup") return attr == "span";
  if (element == "details") return attr == "open";
  if (element == "font") return in(attr, {"color", "face", "size"});
  if (element == "q" || element == "blockquote" || element == "del" || element == "ins") return attr == "cite";
  if (element == "time") return attr == "datetime";
  if (element == "abbr" || element == "dfn") return attr == "title";
  return false;
}

bool url_attribute(std::string_view attr) { return in(attr, {"href", "src", "srcset", "cite", "poster"}); }

// Character references as a browser reads them in an attribute: numeric
// ones (with or without the ';') and the named ones that matter for URL
// schemes and quoting. An unknown named reference is left as written and
// reported, so a URL holding one can be refused.
std::string decode_references(std::string_view s, bool& unknown) {
  static const std::array<std::pair<std::string_view, std::string_view>, 14> named = {{
      {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", "\xC2\xA0"},
      {"Tab", "\t"}, {"NewLine", "\n"}, {"colon", ":"}, {"sol", "/"}, {"lpar", "("}, {"rpar", ")"},
      {"period", "."}, {"num", "#"}}};
  std::string out;
  unknown = false;
  for (size_t i = 0; i < s.size();) {
    if (s[i] != '&') { out += s[i++]; continue; }
    size_t j = i + 1;
    if (j < s.size() && s[j] == '#') {
      ++j;
      bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
      if (hex) ++j;
      uint32_t cp = 0;
      size_t digits = 0;
      for (; j < s.size(); ++j, ++digits) {
        char c = s[j];
        int d = (c >= '0' && c <= '9') ? c - '0'
                : (hex && c >= 'a' && c <= 'f') ? c - 'a' + 10
                : (hex && c >= 'A' && c <= 'F') ? c - 'A' + 10
                                                  : -1;
        if (d < 0) break;
        cp = std::min<uint32_t>(cp * (hex ? 16 : 10) + static_cast<uint32_t>(d), 0x110000);
      }
      if (digits == 0) { out += s[i++]; continue; }
      if (j < s.size() && s[j] == ';') ++j;
      // A browser reads these as U+FFFD; so do we.
      if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
      text::append_utf8(cp, out);
      i = j;
      continue;
    }
    size_t k = j;
    while (k < s.size() && is_alnum(s[k])) ++k;
    std::string_view name = s.substr(j, k - j);
    bool found = false;
    for (const auto& [n, v] : named)
      if (n == name) {
        out += v;
        i = (k < s.size() && s[k] == ';') ? k + 1 : k;
        found = true;
        break;
      }
    if (found) continue;
    if (!name.empty()) unknown = true;
    out += s[i++];
  }
  return out;
}

std::string escape_attribute(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c;
    }
  }
  return out;
}

bool safe_style(std::string_view value) {
  std::string v = lowered(value);
  for (std::string_view bad : {"expression", "url(", "javascript", "vbscript", "@import", "behavior", "-moz-binding",
                               "\\", "<", "&#"})
    if (v.find(bad) != std::string::npos) return false;
  return true;
}

struct Attribute {
  std::string name;   // lower case
  std::string value;  // as written, without its quotes
};

struct Tag {
  bool end = false;
  std::string name;  // lower case
  std::vector<Attribute> attributes;
  size_t length = 0;  // bytes from '<' to '>' inclusive
};

// Reads a tag at html[at] == '<' the way HTML's tokenizer would; nullopt when
// the '<' does not start one (then it is text).
bool read_tag(std::string_view html, size_t at, Tag& tag) {
  size_t i = at + 1;
  if (i < html.size() && html[i] == '/') { tag.end = true; ++i; }
  if (i >= html.size() || !is_alpha(html[i])) return false;
  size_t start = i;
  while (i < html.size() && !is_space(html[i]) && html[i] != '/' && html[i] != '>') ++i;
  tag.name = lowered(html.substr(start, i - start));
  for (;;) {
    while (i < html.size() && (is_space(html[i]) || html[i] == '/')) ++i;
    if (i >= html.size()) return false;  // never closed: not a tag
    if (html[i] == '>') { tag.length = i + 1 - at; return true; }
    size_t name_start = i;
    ++i;  // an attribute name may start with '=' or a quote, as in HTML
    while (i < html.size() && !is_space(html[i]) && html[i] != '/' && html[i] != '>' && html[i] != '=') ++i;
    Attribute attr{lowered(html.substr(name_start, i - name_start)), ""};
    size_t j = i;
    while (j < html.size() && is_space(html[j])) ++j;
    if (j < html.size() && html[j] == '=') {
      ++j;
      while (j < html.size() && is_space(html[j])) ++j;
      if (j < html.size() && (html[j] == '"' || html[j] == '\'')) {
        char q = html[j];
        size_t close = html.find(q, j + 1);
        if (close == std::string_view::npos) return false;
        attr.value = std::string(html.substr(j + 1, close - j - 1));
        i = close + 1;
      } else {
        size_t v = j;
        while (j < html.size() && !is_space(html[j]) && html[j] != '>') ++j;
        attr.value = std::string(html.substr(v, j - v));
        i = j;
      }
    }
    if (!tag.end) tag.attributes.push_back(std::move(attr));
  }
}

void emit_start_tag(const Tag& tag, std::string& out) {
  out += '<';
  out += tag.name;
  for (const auto& a : tag.attributes) {
    if (a.name.rfind("on", 0) == 0 || !allowed_attribute(tag.name, a.name)) continue;
    if (url_attribute(a.name) && !safe_url(a.value, tag.name, a.name)) continue;
    bool unknown = false;
    std::string value = decode_references(a.value, unknown);
    if (a.name == "style" && !safe_style(a.value)) continue;
    if (a.name == "target" && value != "_blank" && value != "_self") continue;
    out += ' ';
    out += a.name;
    out += "=\"";
    out += escape_attribute(value);
    out += '"';
  }
  if (tag.name == "a") {
    // A link opening a new window must not hand it this page (reverse tabnabbing).
    for (const auto& a : tag.attributes)
      if (a.name == "target") { out += " rel=\"noopener noreferrer\""; break; }
  }
  out += '>';
}

// Skips what is not a tag at html[at] == '<' and returns its length: a
// comment, a declaration, a processing instruction or CDATA; 0 if none.
size_t skip_markup_declaration(std::string_view html, size_t at) {
  std::string_view rest = html.substr(at);
  auto until = [&](std::string_view end) {
    size_t e = rest.find(end, 2);
    return e == std::string_view::npos ? rest.size() : e + end.size();
  };
  if (rest.rfind("<!--", 0) == 0) return until("-->");
  if (rest.rfind("<![CDATA[", 0) == 0) return until("]]>");
  if (rest.rfind("<!", 0) == 0 && rest.size() > 2 && is_alpha(rest[2])) return until(">");
  if (rest.rfind("<?", 0) == 0) return until(">");
  return 0;
}

}  // namespace

bool allowed_element(std::string_view name) {
  return std::find(std::begin(kAllowedElements), std::end(kAllowedElements), name) != std::end(kAllowedElements);
}

bool safe_url(std::string_view url_in, std::string_view element, std::string_view attribute) {
  bool unknown = false;
  std::string decoded = decode_references(url_in, unknown);
  std::string url;
  for (char c : decoded)
    if (static_cast<unsigned char>(c) > 0x20 && c != 0x7F) url += lower(c);  // browsers ignore these in schemes
  if (attribute == "srcset") {
    // Every candidate's URL must be safe: "a.png 1x, b.png 2x".
    size_t start = 0;
    while (start < url_in.size()) {
      size_t comma = url_in.find(',', start);
      std::string_view candidate = url_in.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
      while (!candidate.empty() && is_space(candidate.front())) candidate.remove_prefix(1);
      size_t sp = 0;
      while (sp < candidate.size() && !is_space(candidate[sp])) ++sp;
      if (sp > 0 && !safe_url(candidate.substr(0, sp), element, "src")) return false;
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    return true;
  }
  size_t colon = url.find(':');
  size_t stop = url.find_first_of("/?#");
  if (colon == std::string::npos || (stop != std::string::npos && stop < colon)) {
    // Relative; an unknown reference could hide a scheme a browser would see.
    return !(unknown && colon != std::string::npos);
  }
  std::string scheme = url.substr(0, colon);
  if (unknown && url_in.find('&') < url_in.find(':')) return false;
  if (scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "tel") return true;
  if (scheme == "data" && attribute == "src" && (element == "img" || element == "source")) {
    for (std::string_view type : {"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/jpg", "data:image/webp"})
      if (url.rfind(type, 0) == 0 && (url.size() == type.size() || url[type.size()] == ';' || url[type.size()] == ','))
        return true;
  }
  return false;
}

std::string sanitize_html(std::string_view html, SanitizeState& state) {
  std::string out;
  out.reserve(html.size());
  size_t i = 0;
  while (i < html.size()) {
    if (!state.dropping.empty()) {
      // Inside script/style/...: everything up to the matching end tag goes.
      size_t at = i;
      bool closed = false;
      while ((at = html.find('<', at)) != std::string_view::npos) {
        Tag tag;
        if (read_tag(html, at, tag) && tag.end && tag.name == state.dropping) {
          i = at + tag.length;
          state.dropping.clear();
          closed = true;
          break;
        }
        ++at;
      }
      if (!closed) return out;
      continue;
    }
    char c = html[i];
    if (c != '<') {
      out += c;
      ++i;
      continue;
    }
    if (size_t skip = skip_markup_declaration(html, i)) {
      i += skip;
      continue;
    }
    Tag tag;
    if (!read_tag(html, i, tag)) {
      out += "&lt;";
      ++i;
      continue;
    }
    i += tag.length;
    if (tag.end) {
      if (allowed_element(tag.name) && !void_element(tag.name)) out += "</" + tag.name + ">";
      continue;
    }
    if (drops_content(tag.name)) {
      state.dropping = tag.name;
      continue;
    }
    if (allowed_element(tag.name)) emit_start_tag(tag, out);
  }
  return out;
}

std::string sanitize_html(std::string_view html) {
  SanitizeState state;
  return sanitize_html(html, state);
}

}  // namespace kb::markdown
