#include "search/tokenizer.h"

#include <limits>

#include <xapian.h>

namespace kb::search {
namespace {

namespace U = Xapian::Unicode;

constexpr unsigned kIgnore = std::numeric_limits<unsigned>::max();
constexpr unsigned kEnd = std::numeric_limits<unsigned>::max() - 1;  // past the text

// A cursor over UTF-8 with Xapian's decoding (Utf8Iterator), fast on ASCII.
struct Cursor {
  const char* p;
  const char* end;
  unsigned at(const char* q, const char** next) const {
    if (q >= end) { *next = end; return kEnd; }
    unsigned char c = static_cast<unsigned char>(*q);
    if (c < 0x80) { *next = q + 1; return c; }
    Xapian::Utf8Iterator it(q, static_cast<size_t>(end - q));
    unsigned ch = *it;
    ++it;
    *next = it == Xapian::Utf8Iterator() ? end : it.raw();
    return ch;
  }
};

inline bool is_wordchar(unsigned ch) {
  if (ch == kEnd) return false;
  if (ch < 0x80) return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
  return U::is_wordchar(ch);
}

inline unsigned lower(unsigned ch) {
  if (ch < 0x80) return (ch >= 'A' && ch <= 'Z') ? ch + 32 : ch;
  return U::tolower(ch);
}

inline unsigned check_wordchar(unsigned ch) { return is_wordchar(ch) ? lower(ch) : 0; }

inline bool ascii_upper(unsigned ch) { return ch >= 'A' && ch <= 'Z'; }

inline bool is_digit(unsigned ch) {
  if (ch == kEnd) return false;
  if (ch < 0x80) return ch >= '0' && ch <= '9';
  return U::get_category(ch) == U::DECIMAL_DIGIT_NUMBER;
}

inline unsigned check_infix(unsigned ch) {
  if (ch == '\'' || ch == '&' || ch == 0xb7 || ch == 0x5f4 || ch == 0x2027) return ch;
  if (ch == 0x2019 || ch == 0x201b) return '\'';
  if (ch >= 0x200b && (ch <= 0x200d || ch == 0x2060 || ch == 0xfeff)) return kIgnore;
  return 0;
}

inline unsigned check_infix_digit(unsigned ch) {
  switch (ch) {
    case ',': case '.': case ';': case 0x037e: case 0x0589: case 0x060D: case 0x07F8:
    case 0x2044: case 0xFE10: case 0xFE13: case 0xFE14:
      return ch;
  }
  if (ch >= 0x200b && (ch <= 0x200d || ch == 0x2060 || ch == 0xfeff)) return kIgnore;
  return 0;
}

inline unsigned check_suffix(unsigned ch) { return (ch == '+' || ch == '#') ? ch : 0; }

inline void append(std::string& s, unsigned ch) {
  if (ch < 0x80) s.push_back(static_cast<char>(ch));
  else U::append_utf8(s, ch);
}

}  // namespace

bool should_stem(std::string_view term) {
  if (term.empty()) return false;
  unsigned char c = static_cast<unsigned char>(term[0]);
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  Xapian::Utf8Iterator it(term.data(), term.size());
  constexpr unsigned kMask = (1u << U::LOWERCASE_LETTER) | (1u << U::TITLECASE_LETTER) |
                             (1u << U::MODIFIER_LETTER) | (1u << U::OTHER_LETTER);
  return (kMask >> U::get_category(*it)) & 1;
}

// A port of parse_terms() in Xapian's termgenerator_internal.cc (without CJK).
void for_each_term(std::string_view text,
                   const std::function<void(const std::string&, size_t, size_t)>& fn) {
  Cursor c{text.data(), text.data() + text.size()};
  const char* itor = c.p;
  std::string term;
  while (true) {
    unsigned ch = 0;
    const char* next = nullptr;
    while (true) {
      if (itor >= c.end) return;
      unsigned raw = c.at(itor, &next);
      ch = check_wordchar(raw);
      if (ch) break;
      itor = next;
    }
    const char* start = itor;
    term.clear();
    {
      unsigned raw = c.at(itor, &next);
      if (ascii_upper(raw)) {
        // Initials separated by '.' (P.T.O., U.N.C.L.E), trailing '.' or not.
        const char* p = itor;
        const char* q;
        unsigned pc;
        while (true) {
          pc = c.at(p, &q);
          append(term, lower(pc));
          p = q;
          if (p >= c.end) break;
          if (*p != '.') break;
          ++p;
          if (p >= c.end) break;
          if (!ascii_upper(c.at(p, &q))) break;
        }
        if (term.size() > 1) {
          const char* q2;
          if (p >= c.end || !is_wordchar(c.at(p, &q2))) {
            itor = p;
            goto endofterm;
          }
        }
        term.clear();
      }
    }
    while (true) {
      unsigned prevch;
      do {
        append(term, ch);
        prevch = ch;
        c.at(itor, &next);
        itor = next;
        if (itor >= c.end) goto endofterm;
        ch = check_wordchar(c.at(itor, &next));
      } while (ch);
      // itor is at a non-word character; look one past it.
      const char* after_infix;
      unsigned infix_raw = c.at(itor, &after_infix);
      if (after_infix >= c.end) break;
      const char* after_next;
      unsigned next_raw = c.at(after_infix, &after_next);
      unsigned nextch = check_wordchar(next_raw);
      if (!nextch) break;
      unsigned infix_ch = (is_digit(prevch) && is_digit(next_raw)) ? check_infix_digit(infix_raw)
                                                                    : check_infix(infix_raw);
      if (!infix_ch) break;
      if (infix_ch != kIgnore) append(term, infix_ch);
      ch = nextch;
      itor = after_infix;
    }
    {
      size_t len = term.size();
      unsigned count = 0;
      while (true) {
        unsigned sc = check_suffix(c.at(itor, &next));
        if (!sc) break;
        if (++count > 3) { term.resize(len); break; }
        append(term, sc);
        itor = next;
        if (itor >= c.end) goto endofterm;
      }
      // Don't index fish+chips as fish+ chips.
      if (is_wordchar(c.at(itor, &next))) term.resize(len);
    }
  endofterm:
    if (!term.empty() && term.size() <= kMaxTermBytes)
      fn(term, static_cast<size_t>(start - c.p), static_cast<size_t>(itor - c.p));
  }
}

std::string title_key(std::string_view s) {
  std::string out;
  bool gap = false;
  for (Xapian::Utf8Iterator it(s.data(), s.size()); it != Xapian::Utf8Iterator(); ++it) {
    unsigned ch = *it;
    if (!U::is_wordchar(ch)) {
      gap = !out.empty();
      continue;
    }
    if (gap) out += ' ';
    gap = false;
    U::append_utf8(out, U::tolower(ch));
  }
  return out;
}

}  // namespace kb::search
