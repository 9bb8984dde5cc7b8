#include "math/note_macros.h"

#include <map>
#include <optional>
#include <set>

namespace kb::math {
namespace {

bool letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

struct Reader {
  std::string_view s;
  size_t i = 0;

  void blanks() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  }
  // A control sequence: "\name" (letters) or "\" and one other character.
  std::optional<std::string> control() {
    if (i >= s.size() || s[i] != '\\' || i + 1 >= s.size()) return std::nullopt;
    size_t b = i++;
    if (letter(s[i])) {
      while (i < s.size() && letter(s[i])) ++i;
    } else {
      ++i;
    }
    return std::string(s.substr(b, i - b));
  }
  // A balanced {group}: its inside.
  std::optional<std::string> group() {
    blanks();
    if (i >= s.size() || s[i] != '{') return std::nullopt;
    size_t b = ++i;
    for (int depth = 1; i < s.size(); ++i) {
      if (s[i] == '\\') { ++i; continue; }
      if (s[i] == '{') ++depth;
      if (s[i] == '}' && --depth == 0) return std::string(s.substr(b, i++ - b));
    }
    return std::nullopt;
  }
  // The name of \newcommand's first argument: {\name} or \name.
  std::optional<std::string> defined_name() {
    blanks();
    if (i < s.size() && s[i] == '{') {
      auto g = group();
      if (!g) return std::nullopt;
      Reader inner{*g};
      inner.blanks();
      auto name = inner.control();
      inner.blanks();
      return name && inner.i == g->size() ? name : std::nullopt;
    }
    return control();
  }
};

struct Definition {
  std::string name;
  std::string def;           // as a \def
  size_t begin = 0, end = 0; // where it is written
};

// Every macro `tex` defines, in order.
std::vector<Definition> definitions(std::string_view tex) {
  std::vector<Definition> out;
  Reader r{tex};
  while (r.i < tex.size()) {
    size_t begin = r.i;
    auto cs = r.control();
    if (!cs) { ++r.i; continue; }
    if (*cs == "\\newcommand" || *cs == "\\renewcommand" || *cs == "\\providecommand") {
      if (r.i < tex.size() && tex[r.i] == '*') ++r.i;
      auto name = r.defined_name();
      if (!name) continue;
      r.blanks();
      int args = 0;
      if (r.i < tex.size() && tex[r.i] == '[') {
        size_t close = tex.find(']', r.i);
        if (close == std::string_view::npos) continue;
        std::string n(tex.substr(r.i + 1, close - r.i - 1));
        if (n.size() != 1 || n[0] < '0' || n[0] > '9') continue;
        args = n[0] - '0';
        r.i = close + 1;
        r.blanks();
        if (r.i < tex.size() && tex[r.i] == '[') continue;  // a default argument: not read
      }
      auto body = r.group();
      if (!body) continue;
      std::string params;
      for (int k = 1; k <= args; ++k) params += "#" + std::to_string(k);
      out.push_back({*name, "\\def" + *name + params + "{" + *body + "}", begin, r.i});
    } else if (*cs == "\\def" || *cs == "\\gdef") {
      auto name = r.control();
      if (!name) continue;
      size_t params_at = r.i;
      while (r.i < tex.size() && tex[r.i] != '{') ++r.i;
      std::string params(tex.substr(params_at, r.i - params_at));
      auto body = r.group();
      if (!body) continue;
      out.push_back({*name, "\\def" + *name + params + "{" + *body + "}", begin, r.i});
    } else if (*cs == "\\DeclareMathOperator") {
      bool limits = r.i < tex.size() && tex[r.i] == '*';
      if (limits) ++r.i;
      auto name = r.defined_name();
      if (!name) continue;
      auto body = r.group();
      if (!body) continue;
      out.push_back({*name, "\\def" + *name + "{\\operatorname" + (limits ? "*" : "") + "{" + *body + "}}", begin, r.i});
    }
  }
  return out;
}

// Whether `tex` uses control sequence `name` ("\R" in "\R^n", not in "\Rho").
bool uses(std::string_view tex, const std::string& name) {
  for (size_t at = tex.find(name); at != std::string_view::npos; at = tex.find(name, at + 1)) {
    size_t end = at + name.size();
    if (!letter(name.back()) || end >= tex.size() || !letter(tex[end])) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> note_macro_prefixes(const std::vector<std::string_view>& formulas) {
  std::vector<std::string> out(formulas.size());
  std::map<std::string, std::string> known;  // name -> \def, from earlier formulas
  for (size_t k = 0; k < formulas.size(); ++k) {
    auto own = definitions(formulas[k]);
    if (!known.empty()) {
      std::set<std::string> defined_here;
      for (const auto& d : own) defined_here.insert(d.name);
      // A macro may use another: take what the used ones use too.
      std::set<std::string> needed;
      std::vector<std::string> todo;
      for (const auto& [name, def] : known)
        if (!defined_here.count(name) && uses(formulas[k], name)) todo.push_back(name);
      while (!todo.empty()) {
        std::string name = todo.back();
        todo.pop_back();
        if (!needed.insert(name).second) continue;
        for (const auto& [other, def] : known)
          if (!needed.count(other) && !defined_here.count(other) && uses(known[name], other)) todo.push_back(other);
      }
      for (const auto& name : needed) out[k] += known[name];
    }
    for (auto& d : own) known[d.name] = std::move(d.def);
  }
  return out;
}

std::string definitions_as_def(std::string_view tex) {
  if (tex.find('\\') == std::string_view::npos) return std::string(tex);
  std::string out;
  size_t at = 0;
  for (const auto& d : definitions(tex)) {
    out.append(tex.substr(at, d.begin - at));
    out += d.def;
    at = d.end;
  }
  out.append(tex.substr(at));
  return out;
}

}  // namespace kb::math
