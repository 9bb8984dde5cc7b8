#include "search/snippet.h"

#include <algorithm>
#include <array>
#include <bitset>
#include <cctype>
#include <cmath>
#include <map>
#include <unordered_map>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/text.h"

namespace kb::search {

namespace {

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

unsigned char lowered(unsigned char x) { return x >= 'A' && x <= 'Z' ? x + 32 : x; }

struct Match {
  size_t begin, end;
  size_t term;
};

// Xapian's is_wordchar for ASCII: letters, digits, '_'.
const std::array<bool, 256> kAsciiWord = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 128; ++c) t[c] = std::isalnum(c) || c == '_';
  return t;
}();

// The code point at `at` of `text` (not ASCII) and its length in bytes; a
// byte that starts no valid sequence reads as itself (as Latin-1), as
// Xapian's Utf8Iterator reads it.
unsigned code_point(std::string_view text, size_t at, size_t& len) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data()) + at;
  const size_t left = text.size() - at;
  const unsigned c = p[0];
  const size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 1;
  len = 1;
  if (need == 1 || need > left || c > 0xF4) return c;
  unsigned ch = c & (0x7F >> need);
  for (size_t k = 1; k < need; ++k) {
    if ((p[k] & 0xC0) != 0x80) return c;
    ch = (ch << 6) | (p[k] & 0x3F);
  }
  // Overlong forms and surrogates are not valid either.
  if ((need == 3 && ch < 0x800) || (need == 4 && (ch < 0x10000 || ch > 0x10FFFF)) || (ch >= 0xD800 && ch < 0xE000))
    return c;
  len = need;
  return ch;
}

bool word_char_at(std::string_view text, size_t at, size_t& len) {
  const unsigned char c = static_cast<unsigned char>(text[at]);
  if (c < 0x80) {
    len = 1;
    return kAsciiWord[c];
  }
  return Xapian::Unicode::is_wordchar(code_point(text, at, len));
}

// Whether a word starts at byte `at` of `text` (a word character there,
// none just before).
bool starts_word(std::string_view text, size_t at) {
  size_t len = 1;
  if (!word_char_at(text, at, len)) return false;
  if (at == 0) return true;
  size_t prev = at - 1;
  // Back to the start of the character before (at most 3 continuation bytes).
  while (prev > 0 && at - prev < 4 && (static_cast<unsigned char>(text[prev]) & 0xC0) == 0x80) --prev;
  return !(word_char_at(text, prev, len) && prev + len == at);
}

// Where the word that starts at `at` ends; `ascii` false when it holds a
// character beyond ASCII.
size_t word_end(std::string_view text, size_t at, bool& ascii) {
  size_t len = 1;
  while (at < text.size() && word_char_at(text, at, len)) {
    if (len > 1 || static_cast<unsigned char>(text[at]) >= 0x80) ascii = false;
    at += len;
  }
  return at;
}

// How a word's first bytes may start a term's (terms of ASCII): its first
// byte either case (`first`), and its first two lowered (`pair`), or its
// first alone when a term's start is one letter (`one_letter`).
struct Starts {
  std::array<bool, 256> first{}, one_letter{};
  std::bitset<65536> pair;
  bool may_start(const unsigned char* p, size_t b, size_t n) const {
    const unsigned char c = lowered(p[b]);
    return one_letter[c] || (b + 1 < n && pair[c << 8 | lowered(p[b + 1])]);
  }
};

// Calls on_start(b) for each byte b of p[0, n) that is an ASCII word
// character after a byte that is not one (or at 0), and whose first two
// bytes may start a term (`starts`). With SSE2, sixteen bytes at a time:
// this pass reads every byte of ten results' text for each search.
template <class OnStart>
void ascii_word_starts(const unsigned char* p, size_t n, const Starts& starts_like, OnStart&& on_start) {
  const std::array<bool, 256>& first = starts_like.first;
  size_t i = 0;
  bool in_word = false;  // the byte before i is an ASCII word character
#if defined(__SSE2__)
  // The marked bytes, each in all sixteen lanes (letters in lower case,
  // compared with the bytes lowered; digits and '_' with the bytes).
  __m128i letters[128], others[128];
  size_t n_letters = 0, n_others = 0;
  for (unsigned c = 0; c < 128; ++c) {
    if (!first[c] || (c >= 'A' && c <= 'Z')) continue;
    const __m128i all = _mm_set1_epi8(static_cast<char>(c));
    if (c >= 'a' && c <= 'z') letters[n_letters++] = all;
    else others[n_others++] = all;
  }
  const __m128i case_bit = _mm_set1_epi8(0x20);
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i lower = _mm_or_si128(v, case_bit);  // ASCII letters in lower case (other bytes too: unused)
    // Signed compares on shifted ranges: a-z, 0-9, '_' (bytes >= 0x80 are none).
    const __m128i letter = _mm_cmplt_epi8(_mm_sub_epi8(lower, _mm_set1_epi8(static_cast<char>('a' + 128))),
                                          _mm_set1_epi8(static_cast<char>(-128 + 26)));
    const __m128i digit = _mm_cmplt_epi8(_mm_sub_epi8(v, _mm_set1_epi8(static_cast<char>('0' + 128))),
                                         _mm_set1_epi8(static_cast<char>(-128 + 10)));
    const __m128i underscore = _mm_cmpeq_epi8(v, _mm_set1_epi8('_'));
    const unsigned word =
        static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), underscore)));
    unsigned starts = word & ~((word << 1) | (in_word ? 1u : 0u)) & 0xFFFFu;
    in_word = (word >> 15) & 1u;
    if (!starts) continue;
    __m128i wanted = _mm_setzero_si128();
    for (size_t k = 0; k < n_letters; ++k) wanted = _mm_or_si128(wanted, _mm_cmpeq_epi8(lower, letters[k]));
    for (size_t k = 0; k < n_others; ++k) wanted = _mm_or_si128(wanted, _mm_cmpeq_epi8(v, others[k]));
    // (a byte >= 0x80 whose case bit makes it match is no word byte: not in `starts`)
    starts &= static_cast<unsigned>(_mm_movemask_epi8(wanted));
    while (starts) {
      const size_t b = i + static_cast<size_t>(__builtin_ctz(starts));
      if (starts_like.may_start(p, b, n)) on_start(b);
      starts &= starts - 1;
    }
  }
#endif
  for (; i < n; ++i) {
    const unsigned char c = p[i];
    const bool word_byte = kAsciiWord[c];
    if (word_byte && !in_word && first[c] && starts_like.may_start(p, i, n)) on_start(i);
    in_word = word_byte;
  }
}

// Calls on_word(begin, end, ascii) for each word of `text` (a run of
// Xapian's word characters) that may start like a term: an ASCII word
// whose first byte, lowered, is `wanted`, and every word with a character
// beyond ASCII (`ascii` false: the caller lowercases it and looks again).
// Stops when on_word returns false. Only for terms beyond ASCII: others
// take ascii_word_starts(), which does not read every word.
template <class OnWord>
void for_words(std::string_view text, const std::array<bool, 256>& wanted, OnWord&& on_word) {
  size_t i = 0;
  while (i < text.size()) {
    size_t len = 1;
    if (!word_char_at(text, i, len)) {
      i += len;
      continue;
    }
    const size_t b = i;
    bool ascii = true;
    i = word_end(text, b, ascii);
    if (ascii && !wanted[lowered(static_cast<unsigned char>(text[b]))]) continue;
    if (!on_word(b, i, ascii)) return;
  }
}

}  // namespace

std::vector<SnippetTerm> snippet_terms(const Xapian::Query& query, const Xapian::Database& db,
                                       const Xapian::Stem& stem) {
  std::map<std::string, double> weights;
  const double n = std::max<double>(1, db.get_doccount());
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    const std::string& t = *it;
    std::string word;
    if (t.size() > 1 && t[0] == 'Z') {
      // "Z" + stem, or "Z" + a field's prefix + stem (title: "ZS...").
      size_t b = 1;
      while (b < t.size() && t[b] >= 'A' && t[b] <= 'Z') ++b;
      if (b > 1 && t.compare(1, b - 1, "S") != 0) continue;  // only the title's words are text
      word = t.substr(b);
    } else if (!t.empty() && !(t[0] >= 'A' && t[0] <= 'Z')) {
      word = stem(t);
    } else if (t.size() > 1 && t[0] == 'S' && !(t[1] >= 'A' && t[1] <= 'Z')) {
      word = stem(t.substr(1));
    } else {
      continue;
    }
    if (word.empty()) continue;
    double w = std::log(1 + n / std::max<double>(1, db.get_termfreq(t)));
    auto& kept = weights[word];
    kept = std::max(kept, w);
  }
  std::vector<SnippetTerm> out;
  for (auto& [s, w] : weights) out.push_back({s, w});
  return out;
}

namespace {

// The start a word must have to match term `t`: the whole of a prefix or a
// one-letter stem, else all but the stem's last character (Porter2 changes
// a final y to i, "happy" -> "happi"; a few irregular words, "dying" ->
// "die", are missed).
size_t head_of(const SnippetTerm& t) { return t.prefix || t.stem.size() == 1 ? t.stem.size() : t.stem.size() - 1; }

// The words of `text` that match `terms`, in text order (the first
// kMaxMatches). Only a word that starts like a term is stemmed.
std::vector<Match> find_matches(std::string_view text, const std::vector<SnippetTerm>& terms, const Xapian::Stem& stem) {
  std::vector<Match> matches;
  std::unordered_map<std::string, std::string> stems;  // of the words that could match
  // The terms by their first byte: a word is compared with those alone.
  std::vector<std::vector<size_t>> by_first(256);
  for (size_t i = 0; i < terms.size(); ++i)
    if (!terms[i].stem.empty()) by_first[static_cast<unsigned char>(terms[i].stem[0])].push_back(i);
  std::string word;
  // The word [b, e) lowercased into `word`, then matched.
  auto consider = [&](size_t b, size_t e, bool ascii) {
    if (ascii) {
      word.assign(text.data() + b, e - b);
      for (char& x : word) x = static_cast<char>(lowered(static_cast<unsigned char>(x)));
    } else {
      word.clear();
      for (Xapian::Utf8Iterator it(text.data() + b, e - b); it != Xapian::Utf8Iterator(); ++it)
        Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(*it));
      if (word.empty()) return;
    }
    const std::string* s = nullptr;
    for (size_t i : by_first[static_cast<unsigned char>(word[0])]) {
      const std::string& t = terms[i].stem;
      const size_t head = head_of(terms[i]);
      if (word.size() < head || word.compare(0, head, t, 0, head) != 0) continue;
      if (terms[i].prefix) {
        matches.push_back({b, e, i});
        return;
      }
      if (!s) {
        auto it = stems.find(word);
        if (it == stems.end()) it = stems.emplace(word, stem(word)).first;
        s = &it->second;
      }
      if (*s == t) {
        matches.push_back({b, e, i});
        return;
      }
    }
  };
  const bool ascii_terms = std::all_of(terms.begin(), terms.end(), [](const SnippetTerm& t) {
    return std::all_of(t.stem.begin(), t.stem.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  });
  if (!ascii_terms) {  // every word read, and lowercased when it may start like a term
    std::array<bool, 256> wanted{};
    for (size_t c = 0; c < 256; ++c) wanted[c] = !by_first[c].empty();
    for_words(text, wanted, [&](size_t b, size_t e, bool ascii) {
      consider(b, e, ascii);
      return matches.size() < kMaxMatches;
    });
    return matches;
  }
  // Terms of ASCII (nearly always): only a word whose first two letters
  // start a term is looked at, found sixteen bytes at a time (reading every
  // word through for_words(), a byte and a branch at a time, was a third of
  // a served search's time).
  Starts starts_like;
  for (size_t c = 0; c < 128; ++c) starts_like.first[c] = !by_first[lowered(static_cast<unsigned char>(c))].empty();
  for (const SnippetTerm& t : terms) {
    if (t.stem.empty()) continue;
    const auto a = static_cast<unsigned char>(t.stem[0]);
    if (head_of(t) < 2) starts_like.one_letter[a] = true;
    else starts_like.pair.set(a << 8 | static_cast<unsigned char>(t.stem[1]));
  }
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  std::vector<size_t> starts;
  ascii_word_starts(p, n, starts_like, [&](size_t b) {
    // (An ASCII letter after one beyond ASCII is inside a word.)
    if (b > 0 && p[b - 1] >= 0x80 && !starts_word(text, b)) return;
    const auto& candidates = by_first[lowered(p[b])];
    const bool starts_like_one = std::any_of(candidates.begin(), candidates.end(), [&](size_t i) {
      const std::string& t = terms[i].stem;
      const size_t head = head_of(terms[i]);
      if (n - b < head) return false;
      for (size_t k = 1; k < head; ++k)
        if (lowered(p[b + k]) != static_cast<unsigned char>(t[k])) return false;
      return true;
    });
    if (starts_like_one) starts.push_back(b);
  });
  for (size_t b : starts) {
    if (matches.size() >= kMaxMatches) break;
    bool ascii = true;
    const size_t e = word_end(text, b, ascii);
    consider(b, e, ascii);
  }
  return matches;
}

}  // namespace

std::string snippet(std::string_view text, const std::vector<SnippetTerm>& terms, const Xapian::Stem& stem,
                    size_t bytes) {
  if (terms.empty() || text.empty() || bytes == 0) return "";
  const std::vector<Match> matches = find_matches(text, terms, stem);
  if (matches.empty()) return "";

  // The window [matches[i].begin, matches[j-1].end] within `bytes` whose
  // distinct terms weigh most.
  std::vector<int> seen(terms.size(), 0);
  double best = -1, score = 0;
  size_t best_i = 0, best_j = 1, j = 0;
  for (size_t i = 0; i < matches.size(); ++i) {
    while (j < matches.size() && matches[j].end - matches[i].begin <= bytes) {
      if (seen[matches[j].term]++ == 0) score += terms[matches[j].term].weight;
      ++j;
    }
    if (j > i && score > best + 1e-9) { best = score; best_i = i; best_j = j; }
    if (j > i && --seen[matches[i].term] == 0) score -= terms[matches[i].term].weight;
    if (j == i) ++j;  // a match longer than the window: skip it
  }
  // Start a little before the first match, at a word boundary.
  const size_t span = matches[best_j - 1].end - matches[best_i].begin;
  size_t lead = std::min<size_t>(bytes > span ? (bytes - span) / 2 : 0, 60);
  size_t start = matches[best_i].begin > lead ? matches[best_i].begin - lead : 0;
  if (start > 0) {
    size_t space = text.find_first_of(" \n\t", start);
    start = space != std::string_view::npos && space < matches[best_i].begin ? space + 1 : matches[best_i].begin;
  }
  size_t end = std::min(text.size(), start + bytes);
  end = std::max(end, matches[best_i].end);
  if (end < text.size()) {
    size_t cut = end;
    while (cut > matches[best_j - 1].end && !is_space(text[cut])) --cut;
    if (cut > matches[best_i].end) end = cut;
  }
  while (start < end && is_space(text[start])) ++start;
  while (end > start && is_space(text[end - 1])) --end;

  std::string out;
  if (start > 0) out += "\u2026";
  size_t at = start;
  for (size_t k = best_i; k < matches.size() && matches[k].end <= end; ++k) {
    if (matches[k].begin < at) continue;
    out += text::html_escape(text.substr(at, matches[k].begin - at));
    out += "<mark>";
    out += text::html_escape(text.substr(matches[k].begin, matches[k].end - matches[k].begin));
    out += "</mark>";
    at = matches[k].end;
  }
  out += text::html_escape(text.substr(at, end - at));
  if (end < text.size()) out += "\u2026";
  return out;
}

}  // namespace kb::search
