#include "math/mathjax_compat.h"

#include <array>
#include <utility>

namespace kb::math {

const std::map<std::string, std::string>& mathjax_compat_macros() {
  // KaTeX's own \@secondoftwo swallows an argument.
  static const std::map<std::string, std::string> macros = {
      {"\\mbox", "\\text{#1}"},
      {"\\textbackslash", "\\backslash"},
      {"\\require", "\\@secondoftwo{#1}{}"},
      {"\\label", "\\@secondoftwo{#1}{}"},
      {"\\eqref", "(\\text{#1})"},
      {"\\ref", "\\text{#1}"},
  };
  return macros;
}

namespace {

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// `\verb |ls -l|`: TeX and MathJax skip the spaces after the control word
// and take `|` as the delimiter; KaTeX takes the space, so the text ends at
// the next space (or never: an error). The spaces go.
void close_verb_gaps(std::string& tex) {
  for (size_t at = tex.find("\\verb"); at != std::string::npos; at = tex.find("\\verb", at + 5)) {
    size_t after = at + 5;
    if (after < tex.size() && is_letter(tex[after])) continue;  // \verbatim..., another macro
    if (after < tex.size() && tex[after] == '*') ++after;
    size_t end = after;
    while (end < tex.size() && (tex[end] == ' ' || tex[end] == '\t')) ++end;
    if (end > after && end < tex.size()) tex.erase(after, end - after);
  }
}

}  // namespace

std::string mathjax_compat_tex(std::string_view latex, bool display) {
  std::string out(latex);
  if (out.find("\\verb") != std::string::npos) close_verb_gaps(out);
  if (display || out.find("\\begin{") == std::string::npos) return out;
  static const std::array<std::pair<std::string_view, std::string_view>, 12> swaps = {{
      {"\\begin{align*}", "\\begin{aligned}"}, {"\\end{align*}", "\\end{aligned}"},
      {"\\begin{align}", "\\begin{aligned}"},  {"\\end{align}", "\\end{aligned}"},
      {"\\begin{gather*}", "\\begin{gathered}"}, {"\\end{gather*}", "\\end{gathered}"},
      {"\\begin{gather}", "\\begin{gathered}"},  {"\\end{gather}", "\\end{gathered}"},
      {"\\begin{equation*}", ""}, {"\\end{equation*}", ""},
      {"\\begin{equation}", ""},  {"\\end{equation}", ""},
  }};
  for (const auto& [from, to] : swaps)
    for (size_t at = out.find(from); at != std::string::npos; at = out.find(from, at + to.size()))
      out.replace(at, from.size(), to);
  return out;
}

}  // namespace kb::math
