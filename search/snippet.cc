#include "search/snippet.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <map>
#include <unordered_map>

#include "core/text.h"

namespace kb::search {

namespace {

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

struct Match {
  size_t begin, end;
  size_t term;
};

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

std::string snippet(std::string_view text, const std::vector<SnippetTerm>& terms, const Xapian::Stem& stem,
                    size_t bytes) {
  if (terms.empty() || text.empty() || bytes == 0) return "";
  // A word can only stem to `s` when it starts with all but the last
  // character of `s` (Porter2 changes a final y to i, "happy" -> "happi",
  // and a few irregular words, "dying" -> "die", are missed), so only such
  // words are stemmed.
  std::vector<Match> matches;
  std::unordered_map<std::string, std::string> stems;  // of the words that could match
  // The terms by their first byte: a word is compared with those alone.
  std::vector<std::vector<size_t>> by_first(256);
  for (size_t i = 0; i < terms.size(); ++i)
    if (!terms[i].stem.empty()) by_first[static_cast<unsigned char>(terms[i].stem[0])].push_back(i);
  auto consider = [&](const std::string& word, size_t b, size_t e) {
    const std::string* s = nullptr;
    for (size_t i : by_first[static_cast<unsigned char>(word[0])]) {
      const std::string& t = terms[i].stem;
      if (terms[i].prefix) {
        if (word.compare(0, t.size(), t) == 0) { matches.push_back({b, e, i}); return; }
        continue;
      }
      size_t head = t.size() > 1 ? t.size() - 1 : t.size();
      if (word.size() < head || word.compare(0, head, t, 0, head) != 0) continue;
      if (!s) {
        auto it = stems.find(word);
        if (it == stems.end()) it = stems.emplace(word, stem(word)).first;
        s = &it->second;
      }
      if (*s == t) { matches.push_back({b, e, i}); return; }
    }
  };
  // Words: runs of word characters (Xapian's is_wordchar; ASCII read
  // without decoding), lowercased only when their first letter could start
  // a term. Most words of a page are passed over without a copy; the
  // index's own tokenizer (tokenizer.h) took half of a search's time here.
  static const auto ascii_word = [] {
    std::array<bool, 128> t{};
    for (int c = 0; c < 128; ++c) t[c] = std::isalnum(c) || c == '_';
    return t;
  }();
  // The code point at `at` and its length (ASCII read without decoding).
  auto char_at = [&](size_t at, size_t& len) -> unsigned {
    unsigned char c = static_cast<unsigned char>(text[at]);
    if (c < 0x80) { len = 1; return c; }
    Xapian::Utf8Iterator it(text.data() + at, text.size() - at);
    unsigned ch = *it;
    ++it;
    len = it == Xapian::Utf8Iterator() ? text.size() - at : static_cast<size_t>(it.raw() - (text.data() + at));
    return ch;
  };
  auto wordchar = [&](unsigned ch) { return ch < 0x80 ? ascii_word[ch] : Xapian::Unicode::is_wordchar(ch); };
  std::string word;
  const size_t n = text.size();
  for (size_t i = 0; i < n && matches.size() < kMaxMatches;) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80 && !ascii_word[c]) { ++i; continue; }  // the common case: one table lookup
    size_t len = 1;
    unsigned ch = char_at(i, len);
    if (!wordchar(ch)) { i += len; continue; }
    const size_t b = i;
    bool ascii = ch < 0x80;
    i += len;
    while (i < n) {
      unsigned char d = static_cast<unsigned char>(text[i]);
      if (d < 0x80) {
        if (!ascii_word[d]) break;
        ++i;
        continue;
      }
      ch = char_at(i, len);
      if (!wordchar(ch)) break;
      ascii = false;
      i += len;
    }
    const unsigned char first = static_cast<unsigned char>(text[b]);
    if (ascii) {
      const unsigned char lower_first = first >= 'A' && first <= 'Z' ? first + 32 : first;
      if (by_first[lower_first].empty()) continue;
      word.assign(text.data() + b, i - b);
      for (char& x : word)
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    } else {
      word.clear();
      for (Xapian::Utf8Iterator it(text.data() + b, i - b); it != Xapian::Utf8Iterator(); ++it)
        Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(*it));
      if (word.empty() || by_first[static_cast<unsigned char>(word[0])].empty()) continue;
    }
    consider(word, b, i);
  }
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
