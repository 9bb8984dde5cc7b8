#include "markdown/code_block.h"

#include "core/text.h"

namespace kb::markdown {

std::string code_language(std::string_view info) {
  info = text::trim(info);
  if (!info.empty() && info.front() == '{') info.remove_prefix(1);
  while (!info.empty() && (info.front() == '.' || info.front() == ' ')) info.remove_prefix(1);
  size_t end = info.find_first_of(" \t{},=");
  std::string lang = text::to_lower(info.substr(0, end));
  if (lang == "python3" || lang == "py3") return "python";
  if (lang == "zsh" || lang == "shell-session") return "bash";
  return lang;
}

std::string code_block_html(const std::string& language, const std::string& tokens) {
  return "<pre class=\"code\"><code class=\"language-" + text::html_escape(language) + " hljs\">" + tokens +
         "</code></pre>\n";
}

std::string mermaid_html(std::string_view source) {
  return "<pre class=\"mermaid\">" + text::html_escape(source) + "</pre>\n";
}

}  // namespace kb::markdown
