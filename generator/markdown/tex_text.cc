#include "markdown/tex_text.h"

#include <cctype>
#include <string_view>
#include <unordered_map>

namespace kb::markdown {

namespace {

// Commands that stand for a character or a word.
const std::unordered_map<std::string_view, std::string_view>& symbols() {
  static const std::unordered_map<std::string_view, std::string_view> table = {
      {"alpha", "α"}, {"beta", "β"}, {"gamma", "γ"}, {"delta", "δ"}, {"epsilon", "ε"}, {"varepsilon", "ε"},
      {"zeta", "ζ"}, {"eta", "η"}, {"theta", "θ"}, {"vartheta", "ϑ"}, {"iota", "ι"}, {"kappa", "κ"},
      {"lambda", "λ"}, {"mu", "μ"}, {"nu", "ν"}, {"xi", "ξ"}, {"pi", "π"}, {"rho", "ρ"}, {"sigma", "σ"},
      {"tau", "τ"}, {"upsilon", "υ"}, {"phi", "φ"}, {"varphi", "φ"}, {"chi", "χ"}, {"psi", "ψ"},
      {"omega", "ω"}, {"Gamma", "Γ"}, {"Delta", "Δ"}, {"Theta", "Θ"}, {"Lambda", "Λ"}, {"Xi", "Ξ"},
      {"Pi", "Π"}, {"Sigma", "Σ"}, {"Upsilon", "Υ"}, {"Phi", "Φ"}, {"Psi", "Ψ"}, {"Omega", "Ω"},
      {"times", "×"}, {"cdot", "·"}, {"div", "÷"}, {"pm", "±"}, {"mp", "∓"}, {"approx", "≈"},
      {"le", "≤"}, {"leq", "≤"}, {"ge", "≥"}, {"geq", "≥"}, {"ne", "≠"}, {"neq", "≠"}, {"equiv", "≡"},
      {"sim", "∼"}, {"simeq", "≃"}, {"propto", "∝"}, {"ll", "≪"}, {"gg", "≫"}, {"in", "∈"},
      {"notin", "∉"}, {"subset", "⊂"}, {"subseteq", "⊆"}, {"cup", "∪"}, {"cap", "∩"}, {"emptyset", "∅"},
      {"forall", "∀"}, {"exists", "∃"}, {"neg", "¬"}, {"land", "∧"}, {"lor", "∨"}, {"sum", "∑"},
      {"prod", "∏"}, {"int", "∫"}, {"oint", "∮"}, {"partial", "∂"}, {"nabla", "∇"}, {"infty", "∞"},
      {"to", "→"}, {"rightarrow", "→"}, {"leftarrow", "←"}, {"gets", "←"}, {"Rightarrow", "⇒"},
      {"Leftarrow", "⇐"}, {"leftrightarrow", "↔"}, {"iff", "⇔"}, {"implies", "⇒"}, {"mapsto", "↦"},
      {"mid", "|"}, {"vert", "|"}, {"lvert", "|"}, {"rvert", "|"}, {"Vert", "‖"}, {"lVert", "‖"},
      {"rVert", "‖"}, {"langle", "⟨"}, {"rangle", "⟩"}, {"lfloor", "⌊"}, {"rfloor", "⌋"}, {"lceil", "⌈"},
      {"rceil", "⌉"}, {"dots", "…"}, {"ldots", "…"}, {"cdots", "⋯"}, {"vdots", "⋮"}, {"ddots", "⋱"},
      {"ell", "ℓ"}, {"top", "⊤"}, {"perp", "⊥"}, {"circ", "∘"}, {"star", "⋆"}, {"ast", "∗"},
      {"bullet", "•"}, {"odot", "⊙"}, {"oplus", "⊕"}, {"otimes", "⊗"}, {"prime", "′"}, {"degree", "°"},
      {"lbrace", "{"}, {"rbrace", "}"}, {"backslash", "\\"}, {"hbar", "ℏ"},
  };
  return table;
}

// Commands that take one argument and give its content as it is.
bool is_text_command(std::string_view name) {
  static const std::string_view names[] = {"text", "textrm", "textit", "textbf", "texttt", "textsf", "mathrm",
                                           "mathit", "mathbf", "mathsf", "mathtt", "mathcal", "mathfrak",
                                           "boldsymbol", "bm", "operatorname", "emph", "mbox", "hbox",
                                           "underline", "overline", "pmb"};
  for (auto n : names)
    if (n == name) return true;
  return false;
}

// Commands read as nothing (their delimiter, if any, follows as text).
bool is_silent(std::string_view name) {
  static const std::string_view names[] = {"left", "right", "middle", "big", "Big", "bigg", "Bigg",
                                           "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl",
                                           "Biggr", "limits", "nolimits", "displaystyle", "textstyle",
                                           "scriptstyle", "nonumber", "notag", "label", "tag"};
  for (auto n : names)
    if (n == name) return true;
  return false;
}

std::string_view accent_of(std::string_view name) {
  if (name == "hat" || name == "widehat") return "\u0302";
  if (name == "bar") return "\u0304";
  if (name == "tilde" || name == "widetilde") return "\u0303";
  if (name == "vec") return "\u20D7";
  if (name == "dot") return "\u0307";
  if (name == "ddot") return "\u0308";
  return {};
}

std::string_view script_char(char c, bool super) {
  static const char* const sup_digits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  static const char* const sub_digits[] = {"₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"};
  if (c >= '0' && c <= '9') return super ? sup_digits[c - '0'] : sub_digits[c - '0'];
  switch (c) {
    case '+': return super ? "⁺" : "₊";
    case '-': return super ? "⁻" : "₋";
    case '=': return super ? "⁼" : "₌";
    case '(': return super ? "⁽" : "₍";
    case ')': return super ? "⁾" : "₎";
    default: break;
  }
  if (super) {
    switch (c) {
      case 'n': return "ⁿ";
      case 'i': return "ⁱ";
      case 'T': return "ᵀ";
      case 't': return "ᵗ";
      case 'k': return "ᵏ";
      case 'x': return "ˣ";
      case 'd': return "ᵈ";
      default: return {};
    }
  }
  switch (c) {
    case 'a': return "ₐ";
    case 'e': return "ₑ";
    case 'h': return "ₕ";
    case 'i': return "ᵢ";
    case 'j': return "ⱼ";
    case 'k': return "ₖ";
    case 'l': return "ₗ";
    case 'm': return "ₘ";
    case 'n': return "ₙ";
    case 'o': return "ₒ";
    case 'p': return "ₚ";
    case 'r': return "ᵣ";
    case 's': return "ₛ";
    case 't': return "ₜ";
    case 'u': return "ᵤ";
    case 'v': return "ᵥ";
    case 'x': return "ₓ";
    default: return {};
  }
}

class Reader {
 public:
  explicit Reader(std::string_view tex) : s_(tex) {}

  std::string all() {
    std::string out;
    while (i_ < s_.size()) item(out, 0);
    return out;
  }

 private:
  static constexpr int kMaxDepth = 64;

  // One item (a command with its arguments, a group, a script or a
  // character) appended to `out`.
  void item(std::string& out, int depth) {
    char c = s_[i_];
    if (c == '\\') return command(out, depth);
    if (c == '{') {
      ++i_;
      if (depth >= kMaxDepth) return;  // flat from here: the brace is dropped
      group_until_close(out, depth + 1);
      return;
    }
    if (c == '}') { ++i_; return; }  // unbalanced: dropped
    if (c == '^' || c == '_') {
      ++i_;
      std::string arg = argument(depth);
      script(out, arg, c == '^');
      return;
    }
    if (c == '&' || c == '~') { out += ' '; ++i_; return; }
    if (std::isspace(static_cast<unsigned char>(c))) { space(out); ++i_; return; }
    out += c;
    ++i_;
  }

  void group_until_close(std::string& out, int depth) {
    while (i_ < s_.size() && s_[i_] != '}') item(out, depth);
    if (i_ < s_.size()) ++i_;
  }

  // The next argument: a {group}, a command, or one character (a whole
  // UTF-8 sequence); leading spaces skipped.
  std::string argument(int depth) {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
    std::string out;
    if (i_ >= s_.size()) return out;
    if (s_[i_] == '{') {
      ++i_;
      if (depth < kMaxDepth) group_until_close(out, depth + 1);
      return trim(out);
    }
    if (s_[i_] == '\\') {
      command(out, depth + 1 > kMaxDepth ? kMaxDepth : depth + 1);
      return trim(out);
    }
    size_t n = 1;
    while (i_ + n < s_.size() && (static_cast<unsigned char>(s_[i_ + n]) & 0xC0) == 0x80) ++n;
    out.assign(s_.substr(i_, n));
    i_ += n;
    return out;
  }

  // An optional [argument] (of \sqrt), or "".
  std::string optional_argument(int depth) {
    if (i_ >= s_.size() || s_[i_] != '[') return "";
    size_t close = s_.find(']', i_);
    if (close == std::string_view::npos) return "";
    std::string inner = Reader(s_.substr(i_ + 1, close - i_ - 1)).all();
    i_ = close + 1;
    return inner;
  }

  void command(std::string& out, int depth) {
    ++i_;  // the backslash
    if (i_ >= s_.size()) return;
    if (!std::isalpha(static_cast<unsigned char>(s_[i_]))) {
      char c = s_[i_++];
      if (c == '\\') out += "; ";
      else if (c == ',' || c == ';' || c == ':' || c == ' ' || c == '>') space(out);
      else if (c == '!') {}
      else if (c == '|') out += "‖";
      else out += c;  // \{ \} \% \$ \_ \# \&
      return;
    }
    size_t b = i_;
    while (i_ < s_.size() && std::isalpha(static_cast<unsigned char>(s_[i_]))) ++i_;
    std::string_view name = s_.substr(b, i_ - b);
    if (depth >= kMaxDepth) { out += name; return; }
    if (name == "frac" || name == "tfrac" || name == "dfrac" || name == "cfrac") {
      std::string a = argument(depth), d = argument(depth);
      out += wrap(a);
      out += '/';
      out += wrap(d);
      return;
    }
    if (name == "binom" || name == "tbinom" || name == "dbinom") {
      std::string n = argument(depth), k = argument(depth);
      out += "(" + n + " choose " + k + ")";
      return;
    }
    if (name == "sqrt") {
      std::string root = optional_argument(depth);
      std::string x = argument(depth);
      if (!root.empty()) script(out, root, true);
      out += "√";
      out += wrap(x);
      return;
    }
    if (name == "begin" || name == "end") {
      argument(depth);  // the environment's name
      space(out);
      return;
    }
    if (name == "quad" || name == "qquad") { space(out); return; }
    if (name == "mathbb") {
      std::string x = argument(depth);
      static const std::unordered_map<std::string, std::string_view> blackboard = {
          {"R", "ℝ"}, {"N", "ℕ"}, {"Z", "ℤ"}, {"Q", "ℚ"}, {"C", "ℂ"}, {"E", "𝔼"}, {"P", "ℙ"}};
      auto it = blackboard.find(x);
      out += it == blackboard.end() ? x : std::string(it->second);
      return;
    }
    if (is_text_command(name)) { out += argument(depth); return; }
    if (auto accent = accent_of(name); !accent.empty()) {
      std::string x = argument(depth);
      out += x;
      if (!x.empty() && x.size() <= 4 && x.find(' ') == std::string::npos && one_character(x)) out += accent;
      return;
    }
    if (is_silent(name)) {
      if (name == "label" || name == "tag") argument(depth);
      // \left. and \right. stand for no delimiter.
      if ((name == "left" || name == "right") && i_ < s_.size() && s_[i_] == '.') ++i_;
      return;
    }
    auto it = symbols().find(name);
    out += it == symbols().end() ? name : it->second;
  }

  void script(std::string& out, const std::string& arg, bool super) {
    if (arg.empty()) return;
    std::string mapped;
    bool all = !arg.empty();
    for (char c : arg) {
      auto m = script_char(c, super);
      if (m.empty()) { all = false; break; }
      mapped += m;
    }
    if (all) { out += mapped; return; }
    // "′" (\prime) as a superscript is just the prime.
    if (super && arg == "′") { out += arg; return; }
    out += super ? '^' : '_';
    bool bracketed = arg.size() >= 2 && arg.front() == '(' && arg.back() == ')';
    out += one_character(arg) || bracketed ? arg : "(" + arg + ")";
  }

  static bool one_character(const std::string& s) {
    if (s.empty()) return false;
    size_t n = 1;
    while (n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) ++n;
    return n == s.size();
  }

  // A fraction's side: parenthesised when it is more than one word or number.
  static std::string wrap(const std::string& s) {
    if (s.empty() || one_character(s)) return s;
    bool simple = true;
    for (unsigned char c : s)
      if (!(std::isalnum(c) || c == '.' || c >= 0x80)) { simple = false; break; }
    return simple ? s : "(" + s + ")";
  }

  static void space(std::string& out) {
    if (!out.empty() && out.back() != ' ') out += ' ';
  }

  static std::string trim(std::string s) {
    while (!s.empty() && s.back() == ' ') s.pop_back();
    size_t b = 0;
    while (b < s.size() && s[b] == ' ') ++b;
    return s.substr(b);
  }

  std::string_view s_;
  size_t i_ = 0;
};

}  // namespace

std::string tex_text(std::string_view tex) {
  std::string out = Reader(tex).all();
  // Collapse and trim white space.
  std::string clean;
  clean.reserve(out.size());
  for (char c : out) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      if (!clean.empty() && clean.back() != ' ') clean += ' ';
    } else {
      clean += c;
    }
  }
  while (!clean.empty() && clean.back() == ' ') clean.pop_back();
  return clean;
}

}  // namespace kb::markdown
