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

std::string mathjax_compat_tex(std::string_view latex, bool display) {
  std::string out(latex);
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
