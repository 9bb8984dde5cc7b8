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

// One character reference at s[at] == '&', as a browser reads it in an
// attribute: numeric ones (with or without the ';') and the named ones that
// matter for URL schemes and quoting. Returns the bytes it spans (0 if it is
// not one of those) and appends what it stands for to `out`. `unknown` is set
// when a named reference it does not know starts there.
size_t decode_reference(std::string_view s, size_t at, std::string& out, bool& unknown) {
  static const std::array<std::pair<std::string_view, std::string_view>, 14> named = {{
      {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", "\xC2\xA0"},
      {"Tab", "\t"}, {"NewLine", "\n"}, {"colon", ":"}, {"sol", "/"}, {"lpar", "("}, {"rpar", ")"},
      {"period", "."}, {"num", "#"}}};
  size_t j = at + 1;
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
    if (digits == 0) return 0;
    if (j < s.size() && s[j] == ';') ++j;
    // A browser reads these as U+FFFD; so do we.
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    text::append_utf8(cp, out);
    return j - at;
  }
  size_t k = j;
  while (k < s.size() && is_alnum(s[k])) ++k;
  std::string_view name = s.substr(j, k - j);
  for (const auto& [n, v] : named)
    if (n == name) {
      out += v;
      return ((k < s.size() && s[k] == ';') ? k + 1 : k) - at;
    }
  if (!name.empty()) unknown = true;
  return 0;
}

// An attribute value with its character references decoded; `unknown` tells
// whether it holds a named reference left as written (see decode_reference).
std::string decode_references(std::string_view s, bool& unknown) {
  std::string out;
  unknown = false;
  for (size_t i = 0; i < s.size();) {
    size_t n = s[i] == '&' ? decode_reference(s, i, out, unknown) : 0;
    if (n) i += n;
    else out += s[i++];
  }
  return out;
}

void append_escaped(std::string_view s, std::string& out) {
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c;
    }
  }
}

// An attribute value as written, ready to go between double quotes: what a
// known reference stands for (what was checked) is escaped afresh; a named
// reference kb does not know (`&copy;`) stays as written, for the browser to
// read as it would have; any other '&' is escaped.
std::string requoted_value(std::string_view raw) {
  std::string out;
  bool unknown = false;
  for (size_t i = 0; i < raw.size();) {
    if (raw[i] != '&') {
      append_escaped(raw.substr(i, 1), out);
      ++i;
      continue;
    }
    std::string decoded;
    if (size_t n = decode_reference(raw, i, decoded, unknown)) {
      append_escaped(decoded, out);
      i += n;
      continue;
    }
    size_t k = i + 1;
    while (k < raw.size() && is_alnum(raw[k])) ++k;
    if (k > i + 1 && k < raw.size() && raw[k] == ';') {
      out.append(raw.substr(i, k + 1 - i));
      i = k + 1;
    } else {
      out += "&amp;";
      ++i;
    }
  }
  return out;
}

// Checked as written: a style needs no character reference, so any '&' (which
// could spell `url&lpar;`) refuses it, and so do CSS escapes and comments
// (`u\\72l(`, `exp/**/ression(`).
bool safe_style(std::string_view value) {
  std::string v = text::to_lower(value);
  for (std::string_view bad : {"expression", "url(", "image(", "image-set(", "src(", "javascript", "vbscript", "@import",
                               "behavior", "binding", "\\", "<", "&", "/*"})
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

// Reads the tags of one fragment the way HTML's tokenizer would. A '<' that
// does not start a tag is text, and the scan goes on from the next byte, so
// a fragment full of broken tags (`<a x="<a x="…`) would be read again and
// again from every '<': the scanner remembers where scans failed (from a
// given position after a tag name the outcome is always the same) and where
// the current run of tag-name bytes ends, so a fragment is read in time
// linear in its length.
class Scanner {
 public:
  explicit Scanner(std::string_view html) : html_(html) {}

  // Reads a tag at html[at] == '<'; false when the '<' does not start one
  // (then it is text).
  bool read_tag(size_t at, Tag& tag) {
    size_t i = at + 1;
    if (i < html_.size() && html_[i] == '/') { tag.end = true; ++i; }
    if (i >= html_.size() || !is_alpha(html_[i])) return false;
    size_t start = i;
    i = name_end(start);
    if (failed(i)) return false;  // before the name is copied: a run can be long
    tag.name = text::to_lower(html_.substr(start, i - start));
    visited_.clear();
    for (;;) {
      if (failed(i)) return fail();
      visited_.push_back(i);
      while (i < html_.size() && (is_space(html_[i]) || html_[i] == '/')) ++i;
      if (i >= html_.size()) return fail();  // never closed: not a tag
      if (html_[i] == '>') { tag.length = i + 1 - at; return true; }
      size_t name_start = i;
      ++i;  // an attribute name may start with '=' or a quote, as in HTML
      while (i < html_.size() && !is_space(html_[i]) && html_[i] != '/' && html_[i] != '>' && html_[i] != '=') ++i;
      Attribute attr{text::to_lower(html_.substr(name_start, i - name_start)), ""};
      size_t j = i;
      while (j < html_.size() && is_space(html_[j])) ++j;
      if (j < html_.size() && html_[j] == '=') {
        ++j;
        while (j < html_.size() && is_space(html_[j])) ++j;
        if (j < html_.size() && (html_[j] == '"' || html_[j] == '\'')) {
          char q = html_[j];
          size_t close = html_.find(q, j + 1);
          if (close == std::string_view::npos) return fail();
          attr.value = std::string(html_.substr(j + 1, close - j - 1));
          i = close + 1;
        } else {
          size_t v = j;
          while (j < html_.size() && !is_space(html_[j]) && html_[j] != '>') ++j;
          attr.value = std::string(html_.substr(v, j - v));
          i = j;
        }
      }
      if (!tag.end) tag.attributes.push_back(std::move(attr));
    }
  }

 private:
  // Where the tag name starting at `start` ends (white space, '/', '>' or
  // the end); cached for the run it lies in.
  size_t name_end(size_t start) {
    if (start < run_start_ || start > run_end_) {
      run_start_ = start;
      run_end_ = start;
      while (run_end_ < html_.size() && !is_space(html_[run_end_]) && html_[run_end_] != '/' && html_[run_end_] != '>')
        ++run_end_;
    }
    return run_end_;
  }
  bool failed(size_t i) const { return !failed_.empty() && failed_[i]; }
  bool fail() {
    if (failed_.empty()) failed_.assign(html_.size() + 1, false);
    for (size_t v : visited_) failed_[v] = true;
    return false;
  }

  std::string_view html_;
  size_t run_start_ = 1, run_end_ = 0;  // an empty cache
  std::vector<bool> failed_;            // positions after a tag name known to lead nowhere
  std::vector<size_t> visited_;         // such positions of the current scan
};

void emit_start_tag(const Tag& tag, std::string& out) {
  out += '<';
  out += tag.name;
  bool target = false;
  for (const auto& a : tag.attributes) {
    if (a.name.rfind("on", 0) == 0 || !allowed_attribute(tag.name, a.name)) continue;
    if (url_attribute(a.name) && !safe_url(a.value, tag.name, a.name)) continue;
    if (a.name == "style" && !safe_style(a.value)) continue;
    if (a.name == "target") {
      bool unknown = false;
      std::string value = text::to_lower(decode_references(a.value, unknown));
      if (value != "_blank" && value != "_self") continue;
      target = true;
    }
    out += ' ';
    out += a.name;
    out += "=\"";
    out += requoted_value(a.value);
    out += '"';
  }
  // A link opening a new window must not hand it this page (reverse tabnabbing).
  if (target && tag.name == "a") out += " rel=\"noopener noreferrer\"";
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

// safe_url() once the references are read; `unknown`: the value held a named
// reference that was left as written.
bool safe_decoded_url(std::string_view decoded, bool unknown, std::string_view element, std::string_view attribute) {
  std::string url;
  for (char c : decoded)
    if (static_cast<unsigned char>(c) > 0x20 && c != 0x7F) url += lower(c);  // browsers ignore these in schemes
  size_t colon = url.find(':');
  size_t stop = url.find_first_of("/?#");
  if (colon == std::string::npos || (stop != std::string::npos && stop < colon)) {
    // Relative; an unknown reference could hide a scheme a browser would see.
    return !(unknown && colon != std::string::npos);
  }
  if (unknown && url.find('&') < colon) return false;
  std::string scheme = url.substr(0, colon);
  if (scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "tel") return true;
  if (scheme == "data" && attribute == "src" && (element == "img" || element == "source")) {
    for (std::string_view type : {"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/jpg", "data:image/webp"})
      if (url.rfind(type, 0) == 0 && (url.size() == type.size() || url[type.size()] == ';' || url[type.size()] == ','))
        return true;
  }
  return false;
}

// Elements whose end tag HTML lets the author leave out: the browser closes
// them where it must, and a closing tag written for one already closed would
// open an empty paragraph (`</p>`), so kb writes none.
bool optional_end_tag(std::string_view name) {
  return in(name, {"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "rt", "rp"});
}

constexpr size_t kMaxOpen = 256;  // elements open at once (see the header)

// An end tag: closes the innermost open element of its name and everything
// opened inside it; an end tag with nothing to close is dropped.
void close_element(const std::string& name, SanitizeState& state, std::string& out) {
  auto it = std::find(state.open.rbegin(), state.open.rend(), name);
  if (it == state.open.rend()) return;
  size_t keep = static_cast<size_t>(state.open.rend() - it) - 1;
  for (size_t k = state.open.size() - 1; k > keep; --k)
    if (!optional_end_tag(state.open[k])) out += "</" + state.open[k] + ">";
  out += "</" + name + ">";
  state.open.resize(keep);
}

}  // namespace

bool allowed_element(std::string_view name) {
  return std::find(std::begin(kAllowedElements), std::end(kAllowedElements), name) != std::end(kAllowedElements);
}

bool safe_url(std::string_view url_in, std::string_view element, std::string_view attribute) {
  bool unknown = false;
  std::string decoded = decode_references(url_in, unknown);
  if (attribute == "srcset") {
    // Every candidate's URL must be safe: "a.png 1x, b.png 2x", split where
    // a browser splits it, after the references are read (`&#44;` is a comma).
    size_t start = 0;
    while (start < decoded.size()) {
      size_t comma = decoded.find(',', start);
      std::string_view candidate(decoded);
      candidate = candidate.substr(start, comma == std::string::npos ? std::string_view::npos : comma - start);
      while (!candidate.empty() && is_space(candidate.front())) candidate.remove_prefix(1);
      size_t sp = 0;
      while (sp < candidate.size() && !is_space(candidate[sp])) ++sp;
      if (sp > 0 && !safe_decoded_url(candidate.substr(0, sp), unknown, element, "src")) return false;
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    return true;
  }
  return safe_decoded_url(decoded, unknown, element, attribute);
}

std::string sanitize_html(std::string_view html, SanitizeState& state) {
  std::string out;
  out.reserve(html.size());
  Scanner scanner(html);
  size_t i = 0;
  while (i < html.size()) {
    if (!state.dropping.empty()) {
      // Inside script/style/...: everything up to the matching end tag goes.
      // An end tag that never closes (`</script x="…`) takes the rest along,
      // as in a browser.
      std::string_view name = state.dropping;
      size_t at = i;
      for (; (at = html.find("</", at)) != std::string_view::npos; at += 2) {
        size_t after = at + 2 + name.size();
        if (after > html.size() || text::to_lower(html.substr(at + 2, name.size())) != name) continue;
        if (after < html.size() && !is_space(html[after]) && html[after] != '/' && html[after] != '>') continue;
        break;
      }
      Tag tag;
      if (at == std::string_view::npos || !scanner.read_tag(at, tag)) return out;
      i = at + tag.length;
      state.dropping.clear();
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
    if (!scanner.read_tag(i, tag)) {
      out += "&lt;";
      ++i;
      continue;
    }
    i += tag.length;
    if (tag.end) {
      if (allowed_element(tag.name) && !void_element(tag.name)) close_element(tag.name, state, out);
      continue;
    }
    if (drops_content(tag.name)) {
      state.dropping = tag.name;
      continue;
    }
    if (!allowed_element(tag.name)) continue;
    if (void_element(tag.name)) {
      emit_start_tag(tag, out);
    } else if (state.open.size() < kMaxOpen) {
      emit_start_tag(tag, out);
      state.open.push_back(tag.name);
    }
  }
  return out;
}

std::string close_open_elements(SanitizeState& state) {
  std::string out;
  for (auto it = state.open.rbegin(); it != state.open.rend(); ++it)
    if (!optional_end_tag(*it)) out += "</" + *it + ">";
  state.open.clear();
  return out;
}

std::string sanitize_html(std::string_view html) {
  SanitizeState state;
  return sanitize_html(html, state);
}

}  // namespace kb::markdown
