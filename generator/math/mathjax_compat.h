// MathJax compatibility: what notes written for Obsidian (which typesets with
// MathJax) use and KaTeX rejects, mapped to what KaTeX draws the same way.
//
// - Macros (mathjax_compat_macros()), under the site's own [math] macros,
//   which win: \mbox{…} as \text{…}; \textbackslash as \backslash;
//   \require{…} (MathJax's extension loader), \label{…} dropped; \eqref{x}
//   as (x) and \ref{x} as x, since a static page numbers no equations.
// - Environments (mathjax_compat_tex()): in inline math, where KaTeX takes
//   only the inner forms, align/align* become aligned, gather/gather*
//   become gathered, and equation/equation* are dropped (their body kept).
//   In any math, `\verb |x|` loses the spaces before its delimiter, which
//   TeX and MathJax skip and KaTeX would take as the delimiter.
// - A note's own \newcommand/\def/\DeclareMathOperator carry to its later
//   formulas, and may redefine what KaTeX predefines (note_macros.h).
// A formula KaTeX still rejects is the caller's warning (site/site_math.h).
// Pure; thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace kb::math {

const std::map<std::string, std::string>& mathjax_compat_macros();

// `latex` with the environments KaTeX allows only in display math rewritten
// for inline math (display formulas keep them), and \verb's gap closed.
std::string mathjax_compat_tex(std::string_view latex, bool display);

}  // namespace kb::math
