#include "links/page_anchors.h"

#include <map>
#include <regex>
#include <set>

#include "core/text.h"

namespace kb {
namespace {

// The line with its `code spans` blanked (a run of n backticks closes at the
// next run of exactly n; an unclosed run is text).
std::string without_code_spans(std::string_view line) {
  std::string out(line);
  for (size_t i = 0; i < out.size();) {
    if (out[i] != '`') { ++i; continue; }
    size_t run = out.find_first_not_of('`', i);
    if (run == std::string::npos) break;
    size_t n = run - i, close = run;
    for (;;) {
      close = out.find('`', close);
      if (close == std::string::npos) break;
      size_t end = out.find_first_not_of('`', close);
      if (end == std::string::npos) end = out.size();
      if (end - close == n) break;
      close = end;
    }
    if (close == std::string::npos) { i = run; continue; }
    for (size_t k = i; k < close + n; ++k) out[k] = ' ';
    i = close + n;
  }
  return out;
}

// "label" of a footnote reference "[^label]" starting at `at`, or "".
std::string footnote_label(const std::string& line, size_t at) {
  size_t close = line.find(']', at + 2);
  if (close == std::string::npos || close == at + 2) return "";
  std::string label = line.substr(at + 2, close - at - 2);
  if (label.find_first_of(" \t[^") != std::string::npos) return "";
  return label;
}

}  // namespace

std::vector<std::string> page_anchors(std::string_view markdown) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  auto add = [&](const std::string& id) {
    if (!id.empty() && seen.insert(id).second) out.push_back(id);
  };
  std::map<std::string, std::string> defined;  // lowercase label -> label as defined
  std::vector<std::string> refs;               // lowercase labels, in document order
  static const std::regex tag(R"(<([A-Za-z][A-Za-z0-9-]*)((?:\s[^<>]*)?)>)");
  static const std::regex attr(R"re((?:^|\s)(id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))re",
                               std::regex::icase);

  char fence = 0;
  size_t fence_len = 0;
  for (size_t pos = 0; pos <= markdown.size();) {
    size_t eol = markdown.find('\n', pos);
    if (eol == std::string_view::npos) eol = markdown.size();
    std::string_view raw = markdown.substr(pos, eol - pos);
    pos = eol + 1;
    size_t indent = raw.find_first_not_of(' ');
    if (indent == std::string_view::npos) continue;
    std::string_view rest = raw.substr(indent);
    if (indent <= 3 && (rest.rfind("```", 0) == 0 || rest.rfind("~~~", 0) == 0)) {
      size_t run = rest.find_first_not_of(rest[0]);
      if (run == std::string_view::npos) run = rest.size();
      if (!fence) {
        fence = rest[0];
        fence_len = run;
        continue;
      }
      if (rest[0] == fence && run >= fence_len && rest.substr(run).find_first_not_of(" \t\r") == std::string_view::npos) {
        fence = 0;
        continue;
      }
    }
    if (fence) continue;

    std::string line = without_code_spans(raw);
    size_t from = 0;
    if (indent <= 3 && line.compare(indent, 2, "[^") == 0) {  // a definition "[^label]: text"
      std::string label = footnote_label(line, indent);
      size_t colon = indent + label.size() + 3;
      if (!label.empty() && colon < line.size() && line[colon] == ':') {
        defined.emplace(text::to_lower(label), label);
        from = colon + 1;
      }
    }
    for (size_t at = line.find("[^", from); at != std::string::npos; at = line.find("[^", at + 2)) {
      std::string label = footnote_label(line, at);
      if (!label.empty()) refs.push_back(text::to_lower(label));
    }
    for (auto t = std::sregex_iterator(line.begin(), line.end(), tag); t != std::sregex_iterator(); ++t) {
      std::string name = text::to_lower((*t)[1].str()), attrs = (*t)[2].str();
      for (auto a = std::sregex_iterator(attrs.begin(), attrs.end(), attr); a != std::sregex_iterator(); ++a) {
        bool is_id = text::to_lower((*a)[1].str()) == "id";
        if (!is_id && name != "a") continue;
        add((*a)[2].matched ? (*a)[2].str() : (*a)[3].matched ? (*a)[3].str() : (*a)[4].str());
      }
    }
  }

  std::map<std::string, int> count;
  for (const auto& key : refs) {
    auto def = defined.find(key);
    if (def == defined.end()) continue;
    int n = ++count[key];
    if (n == 1) add("fn-" + def->second);
    add("fnref-" + def->second + (n == 1 ? "" : "-" + std::to_string(n)));
  }
  return out;
}

}  // namespace kb
