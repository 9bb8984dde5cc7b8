#include "math/katex_assets.h"

#include <cctype>
#include <set>

#include <nlohmann/json.hpp>

namespace kb::math {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// One block of the stylesheet: `prelude { body }`, or text outside blocks.
struct Block {
  std::string_view prelude;  // selectors or "@font-face"; trimmed
  std::string_view body;     // between the braces
  std::string_view text;     // the whole block as written
  bool nested = false;       // body holds blocks itself (@media ...)
};

// Top-level blocks, comments kept in `text` of the following block.
std::vector<Block> blocks_of(std::string_view css) {
  std::vector<Block> out;
  size_t begin = 0, i = 0;
  while (i < css.size()) {
    if (css.compare(i, 2, "/*") == 0) {
      size_t end = css.find("*/", i + 2);
      i = end == std::string_view::npos ? css.size() : end + 2;
      continue;
    }
    if (css[i] != '{') {
      ++i;
      continue;
    }
    size_t open = i;
    int depth = 0;
    bool nested = false;
    for (; i < css.size(); ++i) {
      if (css[i] == '{' && ++depth > 1) nested = true;
      else if (css[i] == '}' && --depth == 0) break;
    }
    size_t close = std::min(i, css.size());
    Block b;
    b.text = css.substr(begin, std::min(close + 1, css.size()) - begin);
    std::string_view prelude = css.substr(begin, open - begin);
    if (size_t c = prelude.rfind("*/"); c != std::string_view::npos) prelude.remove_prefix(c + 2);
    b.prelude = trim(prelude);
    b.body = css.substr(open + 1, close - open - 1);
    b.nested = nested;
    out.push_back(b);
    i = close + 1;
    begin = i;
  }
  if (begin < css.size()) out.push_back(Block{"", "", css.substr(begin), false});
  return out;
}

// One `name: value` of a declaration block; `text` is all of it as written.
struct Declaration {
  std::string_view name;   // trimmed; empty when there is no colon
  std::string_view value;  // after the colon, untrimmed
  std::string_view text;
};

// The declarations of a block ("a:1;b:2"), in order, empty ones included.
std::vector<Declaration> declarations(std::string_view body) {
  std::vector<Declaration> out;
  for (size_t start = 0; start < body.size();) {
    size_t end = body.find(';', start);
    if (end == std::string_view::npos) end = body.size();
    Declaration d;
    d.text = body.substr(start, end - start);
    if (size_t colon = d.text.find(':'); colon != std::string_view::npos) {
      d.name = trim(d.text.substr(0, colon));
      d.value = d.text.substr(colon + 1);
    }
    out.push_back(d);
    start = end + 1;
  }
  return out;
}

// Values of property `name` in a declaration block ("font-family", "src").
std::vector<std::string_view> values_of(std::string_view body, std::string_view name) {
  std::vector<std::string_view> out;
  for (const Declaration& d : declarations(body))
    if (d.name == name) out.push_back(trim(d.value));
  return out;
}

// The words of a font value: "normal 1.21em KaTeX_Main,math" -> normal, 1.21em, KaTeX_Main, math.
std::vector<std::string> words(std::string_view value) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : value) {
    if (c == ',' || is_space(c)) {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else if (c != '"' && c != '\'') {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

std::string family_of_face(std::string_view body) {
  auto v = values_of(body, "font-family");
  if (v.empty()) return "";
  auto w = words(v.front());
  return w.empty() ? "" : w.front();
}

// "src:url(a.woff2) format("woff2"),url(a.woff) format("woff")" keeps the
// woff2 source only (all of them if there is none).
std::string woff2_only(std::string_view body, std::string* font_file) {
  std::string out;
  for (const Declaration& d : declarations(body)) {
    if (d.name == "src") {
      std::string_view value = d.value;
      std::string kept;
      size_t s = 0;
      while (s <= value.size()) {
        size_t comma = value.find(',', s);
        if (comma == std::string_view::npos) comma = value.size();
        std::string_view source = trim(value.substr(s, comma - s));
        if (source.find(".woff2") != std::string_view::npos) {
          kept = std::string(source);
          size_t u = source.find("url(");
          size_t close = source.find(')', u);
          if (font_file && u != std::string_view::npos && close != std::string_view::npos) {
            std::string_view url = trim(source.substr(u + 4, close - u - 4));
            if (!url.empty() && (url.front() == '"' || url.front() == '\'')) url = url.substr(1, url.size() - 2);
            *font_file = std::string(url);
          }
          break;
        }
        s = comma + 1;
      }
      if (!out.empty()) out += ';';
      out += kept.empty() ? std::string(d.text) : "src:" + kept;
    } else if (!trim(d.text).empty()) {
      if (!out.empty()) out += ';';
      out += d.text;
    }
  }
  return out;
}

// The class names of each selector of a selector list.
std::vector<std::vector<std::string>> selector_classes(std::string_view prelude) {
  std::vector<std::vector<std::string>> out;
  size_t s = 0;
  while (s <= prelude.size()) {
    size_t comma = prelude.find(',', s);
    if (comma == std::string_view::npos) comma = prelude.size();
    std::string_view sel = prelude.substr(s, comma - s);
    std::vector<std::string> classes;
    for (size_t i = 0; i < sel.size(); ++i) {
      if (sel[i] != '.') continue;
      size_t j = i + 1;
      while (j < sel.size() && (std::isalnum(static_cast<unsigned char>(sel[j])) || sel[j] == '-' || sel[j] == '_')) ++j;
      if (j > i + 1) classes.emplace_back(sel.substr(i + 1, j - i - 1));
      i = j - 1;
    }
    out.push_back(std::move(classes));
    s = comma + 1;
  }
  return out;
}

// Families the rules of `blocks` can give the HTML whose classes are `used`.
void families_in_use(const std::vector<Block>& blocks, const std::set<std::string>& faces,
                     const std::set<std::string>& used, std::set<std::string>& families) {
  for (const Block& b : blocks) {
    if (b.nested) {
      families_in_use(blocks_of(b.body), faces, used, families);
      continue;
    }
    if (b.prelude.empty() || b.prelude[0] == '@') continue;
    std::vector<std::string> set;
    for (const char* prop : {"font-family", "font"})
      for (std::string_view v : values_of(b.body, prop))
        for (const std::string& w : words(v))
          if (faces.count(w)) set.push_back(w);
    if (set.empty()) continue;
    bool matches = false;
    for (const auto& classes : selector_classes(b.prelude)) {
      bool all = true;
      for (const auto& c : classes)
        if (!used.count(c)) all = false;
      if (all) matches = true;
    }
    if (matches) families.insert(set.begin(), set.end());
  }
}

std::string_view font_named(const KatexDist& katex, std::string_view file) {
  for (const auto& [name, bytes] : katex.fonts)
    if (name == file) return bytes;
  return {};
}

}  // namespace

void collect_classes(std::string_view html, std::vector<std::string>& out) {
  for (size_t at = html.find("class=\""); at != std::string_view::npos; at = html.find("class=\"", at)) {
    at += 7;
    size_t end = html.find('"', at);
    if (end == std::string_view::npos) break;
    for (const std::string& w : words(html.substr(at, end - at))) out.push_back(w);
    at = end;
  }
}

std::vector<SiteFile> katex_site_files(const KatexDist& katex, bool in_browser,
                                       const std::vector<std::string_view>& typeset_html,
                                       const std::map<std::string, std::string>& macros) {
  std::vector<SiteFile> files;
  if (katex.version.empty() || katex.css.empty()) return files;
  const std::vector<Block> blocks = blocks_of(katex.css);
  std::set<std::string> faces;
  for (const Block& b : blocks)
    if (b.prelude == "@font-face") faces.insert(family_of_face(b.body));

  std::set<std::string> families;
  if (in_browser) {
    families = faces;
  } else {
    std::vector<std::string> list;
    for (std::string_view html : typeset_html) collect_classes(html, list);
    std::set<std::string> used(list.begin(), list.end());
    used.insert("katex");
    families_in_use(blocks, faces, used, families);
  }

  std::string css;
  std::vector<std::string> fonts;
  for (const Block& b : blocks) {
    if (b.prelude != "@font-face") {
      css += b.text;
      continue;
    }
    if (!families.count(family_of_face(b.body))) continue;
    std::string file;
    std::string body = woff2_only(b.body, &file);
    css += "@font-face{" + body + "}";
    if (!file.empty()) fonts.push_back(file);
  }
  files.push_back({kKatexCssUrl, css});
  for (const std::string& f : fonts) {
    std::string_view name = f;
    if (name.substr(0, 6) == "fonts/") name.remove_prefix(6);
    std::string_view bytes = font_named(katex, name);
    if (!bytes.empty()) files.push_back({"assets/katex/fonts/" + std::string(name), std::string(bytes)});
  }
  if (in_browser) {
    files.push_back({kKatexJsUrl, std::string(katex.js)});
    nlohmann::json m = nlohmann::json::object();
    for (const auto& [name, body] : macros) m[name] = body;
    std::string script = "window.kbMathMacros = " +
                         m.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace) + ";\n";
    script += katex.browser_script;
    files.push_back({kKatexBrowserScriptUrl, std::move(script)});
  }
  return files;
}

}  // namespace kb::math
