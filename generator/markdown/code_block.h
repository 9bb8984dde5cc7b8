// Fenced code blocks kb draws at build time: highlighted code and mermaid
// diagrams.
//
// - code_language() reads the language of a fence's info string as authors
//   write it: the first word ("python title=x.py" -> "python"), pandoc's
//   attribute form ("{.python .numberLines}" -> "python"), lowercased; a few
//   spellings highlight.js does not know are mapped (python3, py3 -> python;
//   zsh, shell-session -> bash). "" for none.
// - code_block_html() is the block for highlighted tokens (highlight.js's
//   HTML, already escaped): <pre class="code"><code class="language-x hljs">.
// - mermaid_html() is a ```mermaid block: its source, escaped, in
//   <pre class="mermaid">, which reads as the diagram's source without
//   JavaScript and which mermaid (loaded only by pages that have one) turns
//   into an SVG.
// Contract: pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace kb::markdown {

std::string code_language(std::string_view info);

std::string code_block_html(const std::string& language, const std::string& tokens);

std::string mermaid_html(std::string_view source);

}  // namespace kb::markdown
