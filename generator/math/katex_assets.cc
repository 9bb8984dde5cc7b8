#include "math/katex_assets.h"

#include <algorithm>

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
    for (; i < css.size(); ++i) {
      if (css[i] == '{') ++depth;
      else if (css[i] == '}' && --depth == 0) break;
    }
    size_t close = std::min(i, css.size());
    Block b;
    b.text = css.substr(begin, std::min(close + 1, css.size()) - begin);
    std::string_view prelude = css.substr(begin, open - begin);
    if (size_t c = prelude.rfind("*/"); c != std::string_view::npos) prelude.remove_prefix(c + 2);
    b.prelude = trim(prelude);
    b.body = css.substr(open + 1, close - open - 1);
    out.push_back(b);
    i = close + 1;
    begin = i;
  }
  if (begin < css.size()) out.push_back(Block{"", "", css.substr(begin)});
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

std::string_view font_named(const KatexDist& katex, std::string_view file) {
  for (const auto& [name, bytes] : katex.fonts)
    if (name == file) return bytes;
  return {};
}

}  // namespace

std::vector<SiteFile> katex_site_files(const KatexDist& katex, bool in_browser,
                                       const std::map<std::string, std::string>& macros) {
  std::vector<SiteFile> files;
  if (katex.version.empty() || katex.css.empty()) return files;
  if (!in_browser) {
    // A kb built before the font was in node_modules ships the CSS alone:
    // browsers then draw MathML in their own math font.
    files.push_back({kMathCssUrl, std::string(katex.math_css)});
    if (!katex.math_font.empty()) {
      files.push_back({kMathFontUrl, std::string(katex.math_font)});
      files.push_back({kMathFontLicenseUrl, std::string(katex.math_font_license)});
    }
    return files;
  }
  const std::vector<Block> blocks = blocks_of(katex.css);
  std::string css;
  std::vector<std::string> fonts;
  for (const Block& b : blocks) {
    if (b.prelude != "@font-face") {
      css += b.text;
      continue;
    }
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
  files.push_back({kKatexJsUrl, std::string(katex.js)});
  nlohmann::json m = nlohmann::json::object();
  for (const auto& [name, body] : macros) m[name] = body;
  std::string script = "window.kbMathMacros = " +
                       m.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace) + ";\n";
  script += katex.browser_script;
  files.push_back({kKatexBrowserScriptUrl, std::move(script)});
  return files;
}

}  // namespace kb::math
