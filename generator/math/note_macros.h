// A note's own TeX macros, as MathJax (Obsidian) keeps them: a
// \newcommand, \renewcommand, \providecommand, \def or \DeclareMathOperator
// written in one formula applies to the note's later formulas too. KaTeX
// typesets each formula on its own, so kb gives each formula the
// definitions it needs from earlier ones.
//
// Contract: note_macro_prefixes(formulas) returns one string per formula, in
// order: the definitions (as `\def`s, which KaTeX accepts again and again)
// of every macro defined in an earlier formula of the note that this formula
// uses and does not define itself, or "" (most formulas). Later definitions
// of a name replace earlier ones. A definition kb cannot read (an optional
// argument with a default, an unbalanced brace) is left to the formula that
// writes it. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kb::math {

std::vector<std::string> note_macro_prefixes(const std::vector<std::string_view>& formulas);

// `tex` with each definition kb can read written as a \def: KaTeX refuses to
// \newcommand a name it already has (\R, \C, \N, ...), MathJax does not.
std::string definitions_as_def(std::string_view tex);

}  // namespace kb::math
