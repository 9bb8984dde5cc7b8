#include "math/mathml_core.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/text.h"

namespace kb::math {
namespace {

// ---- Unicode's mathematical alphanumerics (U+1D400 block) -----------------

struct Variant {
  std::string_view name;
  uint32_t upper = 0, lower = 0;  // A and a; 0: no Latin letters
  uint32_t digits = 0;            // 0; 0: none
  uint32_t greek = 0;             // capital Alpha; 0: none
};

constexpr Variant kVariants[] = {
    {"bold", 0x1D400, 0x1D41A, 0x1D7CE, 0x1D6A8},
    {"italic", 0x1D434, 0x1D44E, 0, 0x1D6E2},
    {"bold-italic", 0x1D468, 0x1D482, 0, 0x1D71C},
    {"script", 0x1D49C, 0x1D4B6, 0, 0},
    {"bold-script", 0x1D4D0, 0x1D4EA, 0, 0},
    {"fraktur", 0x1D504, 0x1D51E, 0, 0},
    {"double-struck", 0x1D538, 0x1D552, 0x1D7D8, 0},
    {"bold-fraktur", 0x1D56C, 0x1D586, 0, 0},
    {"sans-serif", 0x1D5A0, 0x1D5BA, 0x1D7E2, 0},
    {"bold-sans-serif", 0x1D5D4, 0x1D5EE, 0x1D7EC, 0x1D756},
    {"sans-serif-italic", 0x1D608, 0x1D622, 0, 0},
    {"sans-serif-bold-italic", 0x1D63C, 0x1D656, 0, 0x1D790},
    {"monospace", 0x1D670, 0x1D68A, 0x1D7F6, 0},
};

// Letters Unicode had encoded before the block (Letterlike Symbols), left as
// holes in it.
struct Hole {
  std::string_view variant;
  char letter;
  uint32_t code;
};
constexpr Hole kHoles[] = {
    {"italic", 'h', 0x210E},        {"script", 'B', 0x212C},        {"script", 'E', 0x2130},
    {"script", 'F', 0x2131},        {"script", 'H', 0x210B},        {"script", 'I', 0x2110},
    {"script", 'L', 0x2112},        {"script", 'M', 0x2133},        {"script", 'R', 0x211B},
    {"script", 'e', 0x212F},        {"script", 'g', 0x210A},        {"script", 'o', 0x2134},
    {"fraktur", 'C', 0x212D},       {"fraktur", 'H', 0x210C},       {"fraktur", 'I', 0x2111},
    {"fraktur", 'R', 0x211C},       {"fraktur", 'Z', 0x2128},       {"double-struck", 'C', 0x2102},
    {"double-struck", 'H', 0x210D}, {"double-struck", 'N', 0x2115}, {"double-struck", 'P', 0x2119},
    {"double-struck", 'Q', 0x211A}, {"double-struck", 'R', 0x211D}, {"double-struck", 'Z', 0x2124},
};

// Where `c` sits in a Greek run of the block: capitals (ϴ in the slot after
// Ρ), ∇, small letters, then ∂ ϵ ϑ ϰ ϕ ϱ ϖ.
std::optional<uint32_t> greek_slot(uint32_t c) {
  if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c - 0x391;
  if (c == 0x3F4) return 17;
  if (c == 0x2207) return 25;
  if (c >= 0x3B1 && c <= 0x3C9) return 26 + (c - 0x3B1);
  constexpr uint32_t tail[] = {0x2202, 0x3F5, 0x3D1, 0x3F0, 0x3D5, 0x3F1, 0x3D6};
  for (uint32_t k = 0; k < 7; ++k)
    if (c == tail[k]) return 51 + k;
  return std::nullopt;
}

std::optional<uint32_t> styled(const Variant& v, uint32_t c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
    for (const Hole& h : kHoles)
      if (h.variant == v.name && static_cast<uint32_t>(h.letter) == c) return h.code;
    return c <= 'Z' ? v.upper + (c - 'A') : v.lower + (c - 'a');
  }
  if (c >= '0' && c <= '9') return v.digits ? std::optional<uint32_t>(v.digits + (c - '0')) : std::nullopt;
  if (v.greek)
    if (auto slot = greek_slot(c)) return v.greek + *slot;
  return std::nullopt;
}

// `text` in `variant`'s characters; nullopt when one of them has none (or
// the text holds markup or an entity).
std::optional<std::string> restyle(std::string_view variant, std::string_view text) {
  const Variant* v = nullptr;
  for (const Variant& candidate : kVariants)
    if (candidate.name == variant) v = &candidate;
  if (!v || text.empty() || text.find_first_of("<&") != std::string_view::npos) return std::nullopt;
  std::string out;
  for (size_t i = 0; i < text.size();) {
    auto c = styled(*v, text::next_code_point(text, i));
    if (!c) return std::nullopt;
    text::append_utf8(*c, out);
  }
  return out;
}

// ---- TeX's atom classes, as far as an <mo> shows them ---------------------

enum class Cls { None, Ord, Open, Close, Bin, Op };

Cls operator_class(std::string_view text) {
  if (text == "&lt;" || text == "&gt;" || text == "&amp;") return Cls::Op;
  size_t i = 0;
  if (text.empty()) return Cls::Op;
  uint32_t c = text::next_code_point(text, i);
  if (i != text.size()) return Cls::Op;  // lim, max, …
  switch (c) {
    case '+': case '*': case 0x2212: case 0xB1: case 0x2213: case 0xD7: case 0xF7: case 0x22C5: case 0xB7:
    case 0x2217: case 0x2218: case 0x2219: case 0x2229: case 0x222A: case 0x2295: case 0x2296: case 0x2297:
    case 0x2298: case 0x2299: case 0x2227: case 0x2228: case 0x2216: case 0x22C6: case 0x22C4: case 0x228E:
    case 0x2293: case 0x2294: case 0x2020: case 0x2021: case 0x2240: case 0x2A3F: case 0x22B2: case 0x22B3:
    case 0x22BB: case 0x22BC: case 0x229E: case 0x229F: case 0x22A0: case 0x22A1: case 0x22C9: case 0x22CA:
      return Cls::Bin;
    case '(': case '[': case '{': case 0x27E8: case 0x2308: case 0x230A: case 0x27E6: case 0x27EE: case 0x23B0:
    case 0x2983: case 0x27EA: case 0x231C: case 0x231E:
      return Cls::Open;
    // Closing fences, and what TeX treats as an ordinary symbol or a closing
    // one after which a sign is still an operator: bars, factorial, primes,
    // dots (\cdots is an inner atom: "+ \cdots + x").
    case ')': case ']': case '}': case 0x27E9: case 0x2309: case 0x230B: case 0x27E7: case 0x27EF: case 0x23B1:
    case 0x2984: case 0x27EB: case 0x231D: case 0x231F: case '|': case 0x2016: case 0x2223: case 0x2225:
    case '!': case 0x2032: case 0x2033: case 0x2034: case '\'': case '.': case '/': case 0x2026: case 0x22EF:
    case 0x22EE: case 0x22F1:
      return Cls::Close;
    default:
      return Cls::Op;
  }
}

bool is_script(std::string_view name) {
  return name == "msub" || name == "msup" || name == "msubsup" || name == "munder" || name == "mover" ||
         name == "munderover" || name == "mmultiscripts";
}

// The value of attribute `name` in a start tag's attribute text.
std::optional<std::string_view> attribute(std::string_view attrs, std::string_view name) {
  for (size_t at = attrs.find(name); at != std::string_view::npos; at = attrs.find(name, at + 1)) {
    bool starts = at == 0 || attrs[at - 1] == ' ';
    size_t eq = at + name.size();
    if (!starts || attrs.compare(eq, 2, "=\"") != 0) continue;
    size_t end = attrs.find('"', eq + 2);
    if (end == std::string_view::npos) return std::nullopt;
    return attrs.substr(eq + 2, end - eq - 2);
  }
  return std::nullopt;
}

// `attrs` less attribute `name` (and the space before it).
std::string without(std::string_view attrs, std::string_view name, std::string_view value) {
  std::string whole = " " + std::string(name) + "=\"" + std::string(value) + "\"";
  std::string out(attrs);
  if (size_t at = out.find(whole); at != std::string::npos) out.erase(at, whole.size());
  return out;
}

struct Frame {
  explicit Frame(std::string_view n) : name(n) {}
  std::string_view name;
  Cls prev = Cls::None;   // class of the last child that counts (mspace does not)
  Cls first = Cls::None;  // class of the first child
  std::vector<std::string_view> align;  // mtable: columnalign's words
  size_t column = 0;                    // mtr: cells so far
  size_t children = 0;
  bool first_fn = false;    // its first child ends with a function application
  bool ends_fn = false;     // its last child does
  bool space_next = false;  // a function name with scripts came last (\log_2 x): space before what follows
  size_t at = 0;            // where its start tag is in the output
  bool prime_last = false;  // its last child is a prime (′ ″ ‴)
};

constexpr std::string_view kApply = "\xE2\x81\xA1";  // U+2061, after a function's name
constexpr std::string_view kThinSpace = "<mspace width=\"0.1667em\"></mspace>";

// One token element holding only text (<mo>, <mi>, <mn>, <mtext>), adapted:
// its attributes and text as written out, and its class for what follows.
struct Token {
  std::string attrs;
  std::string text;
  Cls cls = Cls::Ord;
};

// `before`: the class of the previous sibling; `next`: the input after the
// element's end tag (its next sibling, if it has one).
Token adapt_token(std::string_view name, std::string_view attrs, std::string_view text, Cls before,
                  std::string_view next) {
  Token t{std::string(attrs), std::string(text), Cls::Ord};
  // TeX's | and \| are the vertical bars, an ordinary symbol or a fence;
  // KaTeX writes them as the relations ∣ and ∥ (divides, parallel), which a
  // math font draws with a relation's wide margins. As a fence (\lvert,
  // \left|) a bar opens or closes: no space (MathML would space it in a row).
  const bool fence = name == "mo" && (attribute(attrs, "stretchy") || attribute(attrs, "fence"));
  if (name == "mi" || fence) {
    if (text == "\xE2\x88\xA3") t.text = "|";
    else if (text == "\xE2\x88\xA5") t.text = "\xE2\x80\x96";  // ‖
    if (fence && t.text != text && !attribute(attrs, "lspace") && !attribute(attrs, "rspace"))
      t.attrs += " lspace=\"0em\" rspace=\"0em\"";
  }
  if (name == "mo") {
    t.cls = operator_class(t.text);
    const bool sign = t.cls == Cls::Bin && (before == Cls::Open || before == Cls::Bin || before == Cls::Op);
    const bool spaced = attribute(attrs, "lspace") || attribute(attrs, "rspace");
    if (sign && !spaced) {
      t.attrs += " lspace=\"0em\" rspace=\"0em\"";
      t.cls = Cls::Ord;
    }
    // A function's name before its argument (\ln 0.5, \log x): TeX's thin
    // space, which the invisible function application lacks; not before a
    // parenthesis (\log(x)), nor at the end of a group.
    if (text == kApply && !spaced) {
      bool sibling = !next.empty() && next[0] == '<' && next.compare(0, 2, "</") != 0;
      if (sibling && next.compare(0, 3, "<mo") == 0) {
        size_t gt = next.find('>'), lt = gt == std::string_view::npos ? gt : next.find('<', gt);
        if (lt != std::string_view::npos && operator_class(next.substr(gt + 1, lt - gt - 1)) == Cls::Open)
          sibling = false;
      }
      if (sibling) t.attrs += " rspace=\"0.1667em\"";
    }
  } else if (auto variant = attribute(attrs, "mathvariant"); variant && *variant != "normal") {
    if (name == "mtext") {
      const char* css = *variant == "bold" ? "font-weight:bold"
                        : *variant == "italic" ? "font-style:italic"
                        : *variant == "bold-italic" ? "font-weight:bold;font-style:italic"
                                                    : nullptr;
      if (css && !attribute(attrs, "style"))
        t.attrs = without(attrs, "mathvariant", *variant) + " style=\"" + css + "\"";
    } else if (auto restyled = restyle(*variant, text)) {
      t.attrs = without(attrs, "mathvariant", *variant);
      t.text = std::move(*restyled);
    }
  }
  return t;
}

}  // namespace

std::string adapt_to_mathml_core(std::string_view in) {
  std::string out;
  out.reserve(in.size() + in.size() / 16);
  // The open elements, under a root for text that starts mid-formula.
  std::vector<Frame> stack{Frame("")};
  // A child closed in the current element: what it means for the next one.
  auto closed = [&](Cls cls, bool fn) {
    Frame& parent = stack.back();
    if (parent.first == Cls::None) parent.first = cls;
    if (parent.children++ == 0) parent.first_fn = fn;
    parent.prev = cls;
    parent.ends_fn = fn;
    parent.prime_last = false;
  };
  // Before a child of the current element: the space a function name with
  // scripts is owed, unless the child is an opening fence (\log_2(x)).
  auto before_child = [&](std::string_view name, std::string_view text) {
    Frame& parent = stack.back();
    if (!parent.space_next) return;
    parent.space_next = false;
    if (!(name == "mo" && operator_class(text) == Cls::Open)) out += kThinSpace;
  };
  size_t i = 0;
  while (i < in.size()) {
    size_t lt = in.find('<', i);
    if (lt == std::string_view::npos) lt = in.size();
    out.append(in.substr(i, lt - i));
    if (lt == in.size()) break;
    size_t gt = in.find('>', lt);
    if (gt == std::string_view::npos) {
      out.append(in.substr(lt));
      break;
    }
    const std::string_view tag = in.substr(lt, gt + 1 - lt);
    i = gt + 1;
    if (tag.size() > 2 && tag[1] == '/') {  // end tag
      std::string_view name = tag.substr(2, tag.size() - 3);
      out.append(tag);
      // Pop to the matching element (well-formed input pops exactly one).
      size_t depth = stack.size();
      while (depth > 1 && stack[depth - 1].name != name) --depth;
      if (depth <= 1) continue;
      Frame done = std::move(stack[depth - 1]);
      stack.erase(stack.begin() + static_cast<std::ptrdiff_t>(depth - 1), stack.end());
      if (done.name == "mspace") continue;
      // x' is <msup> x ′: a prime glyph already sits high, and MathML would
      // raise it again as a superscript; a row draws it as TeX does.
      if (done.name == "msup" && done.children == 2 && done.prime_last && out.compare(done.at, 5, "<msup") == 0) {
        out.replace(done.at + 1, 4, "mrow");
        out.replace(out.size() - 5, 4, "mrow");
      }
      const bool fn = (done.name == "mrow" && done.ends_fn) || (is_script(done.name) && done.first_fn);
      closed(is_script(done.name) ? done.first : Cls::Ord, fn);
      if (fn && is_script(done.name)) stack.back().space_next = true;
      continue;
    }
    if (tag.size() < 3 || tag[1] == '!' || tag[1] == '?') {
      out.append(tag);
      continue;
    }
    const bool self_closing = tag[tag.size() - 2] == '/';
    std::string_view body = tag.substr(1, tag.size() - (self_closing ? 3 : 2));
    size_t space = body.find(' ');
    const std::string_view name = body.substr(0, space);
    const std::string_view attrs = space == std::string_view::npos ? std::string_view() : body.substr(space);

    // Token elements holding only text: judged with their text.
    if (!self_closing && (name == "mo" || name == "mi" || name == "mn" || name == "mtext")) {
      std::string close = "</" + std::string(name) + ">";
      size_t end = in.find(close, i);
      std::string_view text = end == std::string_view::npos ? std::string_view() : in.substr(i, end - i);
      if (end != std::string_view::npos && text.find('<') == std::string_view::npos) {
        before_child(name, text);
        Token t = adapt_token(name, attrs, text, stack.back().prev, in.substr(end + close.size()));
        out += '<';
        out.append(name);
        out += t.attrs;
        out += '>';
        out += t.text;
        out += close;
        i = end + close.size();
        closed(t.cls, name == "mo" && text == kApply);
        stack.back().prime_last = name == "mo" && (text == "\xE2\x80\xB2" || text == "\xE2\x80\xB3" || text == "\xE2\x80\xB4");
        continue;
      }
    }

    // A table cell takes its column's alignment as a style.
    std::string aligned;
    if (name == "mtd" && stack.size() >= 2 && stack.back().name == "mtr" && stack[stack.size() - 2].name == "mtable" &&
        !attribute(attrs, "columnalign") && !attribute(attrs, "style")) {
      // A column past the list takes its last value (MathML 3).
      const auto& align = stack[stack.size() - 2].align;
      size_t column = stack.back().column++;
      std::string_view a = align.empty() ? std::string_view() : align[std::min(column, align.size() - 1)];
      if (a == "left" || a == "right")
        aligned = "<mtd" + std::string(attrs) + " style=\"text-align:" + std::string(a) + (self_closing ? "\"/>" : "\">");
    }
    if (name != "mspace") before_child(name, {});
    const size_t at = out.size();
    if (aligned.empty()) out.append(tag);
    else out += aligned;
    if (self_closing) {
      if (name != "mspace") closed(Cls::Ord, false);
      continue;
    }
    Frame f(name);
    f.at = at;
    if (name == "mtable")
      if (auto a = attribute(attrs, "columnalign"))
        for (size_t s = 0; s <= a->size();) {
          size_t e = a->find(' ', s);
          if (e == std::string_view::npos) e = a->size();
          if (e > s) f.align.push_back(a->substr(s, e - s));
          s = e + 1;
        }
    stack.push_back(std::move(f));
  }
  return out;
}

}  // namespace kb::math
