#include "kernels/text.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

#include "core/text.h"

namespace kb::kernels {
namespace {

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

// Porter (1980), "An algorithm for suffix stripping". Follows the structure
// of Porter's reference C implementation but the published rules (ABLI ->
// ABLE; no LOGI rule). b[0..k] is the word being stemmed; j marks the end of
// the stem once ends() has matched a suffix.
class PorterStemmer {
 public:
  explicit PorterStemmer(std::string_view word) : b_(word), k_(static_cast<int>(word.size()) - 1) {}

  std::string run() {
    if (k_ <= 1) return b_;  // words of one or two letters are left alone
    step1ab();
    if (k_ > 0) {
      step1c();
      step2();
      step3();
      step4();
      step5();
    }
    return b_.substr(0, k_ + 1);
  }

 private:
  bool cons(int i) const {
    switch (b_[i]) {
      case 'a': case 'e': case 'i': case 'o': case 'u': return false;
      case 'y': return i == 0 ? true : !cons(i - 1);
      default: return true;
    }
  }

  // Number of VC sequences in b[0..j].
  int m() const {
    int n = 0, i = 0;
    while (true) {
      if (i > j_) return n;
      if (!cons(i)) break;
      ++i;
    }
    ++i;
    while (true) {
      while (true) {
        if (i > j_) return n;
        if (cons(i)) break;
        ++i;
      }
      ++i;
      ++n;
      while (true) {
        if (i > j_) return n;
        if (!cons(i)) break;
        ++i;
      }
      ++i;
    }
  }

  bool vowel_in_stem() const {
    for (int i = 0; i <= j_; ++i) {
      if (!cons(i)) return true;
    }
    return false;
  }

  bool double_consonant(int i) const { return i >= 1 && b_[i] == b_[i - 1] && cons(i); }

  // consonant-vowel-consonant ending at i, the last not w, x or y.
  bool cvc(int i) const {
    if (i < 2 || !cons(i) || cons(i - 1) || !cons(i - 2)) return false;
    return b_[i] != 'w' && b_[i] != 'x' && b_[i] != 'y';
  }

  bool ends(const char* s) {
    const int len = static_cast<int>(std::strlen(s));
    if (len > k_ + 1) return false;
    if (b_.compare(k_ - len + 1, len, s) != 0) return false;
    j_ = k_ - len;
    return true;
  }

  void set_to(const char* s) {
    b_.replace(j_ + 1, std::string::npos, s);
    k_ = j_ + static_cast<int>(std::strlen(s));
  }

  void replace_if_measure(const char* s) {
    if (m() > 0) set_to(s);
  }

  void step1ab() {
    if (b_[k_] == 's') {
      if (ends("sses")) k_ -= 2;
      else if (ends("ies")) set_to("i");
      else if (b_[k_ - 1] != 's') --k_;
    }
    if (ends("eed")) {
      if (m() > 0) --k_;
    } else if ((ends("ed") || ends("ing")) && vowel_in_stem()) {
      k_ = j_;
      if (ends("at")) set_to("ate");
      else if (ends("bl")) set_to("ble");
      else if (ends("iz")) set_to("ize");
      else if (double_consonant(k_)) {
        --k_;
        const char ch = b_[k_];
        if (ch == 'l' || ch == 's' || ch == 'z') ++k_;
      } else if (m() == 1 && cvc(k_)) {
        set_to("e");
      }
    }
  }

  void step1c() {
    if (ends("y") && vowel_in_stem()) b_[k_] = 'i';
  }

  // Tries (suffix, replacement) pairs in order; the first suffix that
  // matches decides, whether or not its measure condition holds.
  void replace_first(std::initializer_list<std::pair<const char*, const char*>> rules) {
    for (const auto& [suffix, replacement] : rules) {
      if (ends(suffix)) {
        replace_if_measure(replacement);
        return;
      }
    }
  }

  void step2() {
    switch (b_[k_ - 1]) {
      case 'a': replace_first({{"ational", "ate"}, {"tional", "tion"}}); break;
      case 'c': replace_first({{"enci", "ence"}, {"anci", "ance"}}); break;
      case 'e': replace_first({{"izer", "ize"}}); break;
      case 'l':
        replace_first({{"abli", "able"}, {"alli", "al"}, {"entli", "ent"}, {"eli", "e"}, {"ousli", "ous"}});
        break;
      case 'o': replace_first({{"ization", "ize"}, {"ation", "ate"}, {"ator", "ate"}}); break;
      case 's':
        replace_first({{"alism", "al"}, {"iveness", "ive"}, {"fulness", "ful"}, {"ousness", "ous"}});
        break;
      case 't': replace_first({{"aliti", "al"}, {"iviti", "ive"}, {"biliti", "ble"}}); break;
      default: break;
    }
  }

  void step3() {
    switch (b_[k_]) {
      case 'e': replace_first({{"icate", "ic"}, {"ative", ""}, {"alize", "al"}}); break;
      case 'i': replace_first({{"iciti", "ic"}}); break;
      case 'l': replace_first({{"ical", "ic"}, {"ful", ""}}); break;
      case 's': replace_first({{"ness", ""}}); break;
      default: break;
    }
  }

  void step4() {
    auto first = [&](std::initializer_list<const char*> suffixes) {
      for (const char* s : suffixes) {
        if (ends(s)) return true;
      }
      return false;
    };
    bool found = false;
    switch (b_[k_ - 1]) {
      case 'a': found = first({"al"}); break;
      case 'c': found = first({"ance", "ence"}); break;
      case 'e': found = first({"er"}); break;
      case 'i': found = first({"ic"}); break;
      case 'l': found = first({"able", "ible"}); break;
      case 'n': found = first({"ant", "ement", "ment", "ent"}); break;
      case 'o':
        found = (ends("ion") && j_ >= 0 && (b_[j_] == 's' || b_[j_] == 't')) || ends("ou");
        break;
      case 's': found = first({"ism"}); break;
      case 't': found = first({"ate", "iti"}); break;
      case 'u': found = first({"ous"}); break;
      case 'v': found = first({"ive"}); break;
      case 'z': found = first({"ize"}); break;
      default: break;
    }
    if (found && m() > 1) k_ = j_;
  }

  void step5() {
    j_ = k_;
    if (b_[k_] == 'e') {
      const int a = m();
      if (a > 1 || (a == 1 && !cvc(k_ - 1))) --k_;
    }
    if (b_[k_] == 'l' && double_consonant(k_) && m() > 1) --k_;
  }

  std::string b_;
  int k_;
  int j_ = 0;
};

}  // namespace

std::vector<std::string> tokenize(std::string_view text, const TokenizeOptions& o) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    if (!is_word_byte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    std::string token;
    while (i < text.size()) {
      const unsigned char c = static_cast<unsigned char>(text[i]);
      if (is_word_byte(c)) {
        token += (o.lowercase && c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
        ++i;
      } else if (c == '\'' && i + 1 < text.size() && is_word_byte(static_cast<unsigned char>(text[i + 1]))) {
        token += '\'';  // inner apostrophe: don't, o'clock
        ++i;
      } else {
        break;
      }
    }
    const bool numeric = std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
    if ((numeric && !o.keep_numbers) || static_cast<int>(token.size()) < o.min_length) continue;
    out.push_back(std::move(token));
  }
  return out;
}

std::vector<std::string> remove_stop_words(const std::vector<std::string>& tokens,
                                           const std::vector<std::string>& stop_words) {
  std::vector<std::string> sorted = stop_words;
  std::sort(sorted.begin(), sorted.end());
  std::vector<std::string> out;
  for (const std::string& t : tokens) {
    if (!std::binary_search(sorted.begin(), sorted.end(), t)) out.push_back(t);
  }
  return out;
}

std::string porter_stem(std::string_view word) {
  for (char c : word) {
    if (c < 'a' || c > 'z') return std::string(word);  // only lower-case ASCII words are stemmed
  }
  return PorterStemmer(word).run();
}

Result<std::vector<std::string>> ngrams(const std::vector<std::string>& tokens, int n) {
  if (n < 1) return fail("n must be at least 1, got " + std::to_string(n));
  std::vector<std::string> out;
  for (size_t i = 0; i + n <= tokens.size(); ++i) {
    std::string g = tokens[i];
    for (int j = 1; j < n; ++j) g += ' ' + tokens[i + j];
    out.push_back(std::move(g));
  }
  return out;
}

Result<TextPipeline> process_text(std::string_view text, const TextPipelineOptions& o) {
  if (o.tokenize.min_length < 1) return fail("min_length must be at least 1");
  TextPipeline p;
  p.tokens = tokenize(text, o.tokenize);
  p.without_stop = o.remove_stop_words ? remove_stop_words(p.tokens) : p.tokens;
  if (o.stem) {
    for (const std::string& t : p.without_stop) p.stems.push_back(porter_stem(t));
  } else {
    p.stems = p.without_stop;
  }
  auto grams = ngrams(p.stems, o.ngram);
  if (!grams) return fail(grams.error);
  p.terms = std::move(*grams);
  return p;
}

Vocabulary vocabulary_of(const std::vector<std::vector<std::string>>& documents) {
  Vocabulary v;
  for (const auto& doc : documents)
    for (const std::string& t : doc) v.index.emplace(t, 0);
  for (auto& [term, id] : v.index) {  // a std::map: terms come out sorted
    id = static_cast<int>(v.terms.size());
    v.terms.push_back(term);
  }
  return v;
}

Result<Tfidf> tfidf(const std::vector<std::vector<std::string>>& documents, const TfidfOptions& o) {
  if (documents.empty()) return fail("no documents");
  Vocabulary vocabulary = vocabulary_of(documents);
  if (vocabulary.terms.empty()) return fail("the documents contain no terms");
  std::map<std::string, int>& index = vocabulary.index;
  Tfidf r;
  r.terms = std::move(vocabulary.terms);
  const Eigen::Index v = static_cast<Eigen::Index>(r.terms.size());
  const Eigen::Index n = static_cast<Eigen::Index>(documents.size());
  Matrix counts = Matrix::Zero(n, v);
  for (Eigen::Index d = 0; d < n; ++d) {
    for (const std::string& t : documents[d]) counts(d, index[t]) += 1;
  }
  r.matrix = Matrix::Zero(n, v);
  for (Eigen::Index t = 0; t < v; ++t) {
    const int df = static_cast<int>((counts.col(t).array() > 0).count());
    r.document_frequency.push_back(df);
    const double idf = o.smooth_idf ? std::log((1.0 + n) / (1.0 + df)) + 1
                                    : std::log(static_cast<double>(n) / df) + 1;
    r.idf.push_back(idf);
    for (Eigen::Index d = 0; d < n; ++d) {
      const double c = counts(d, t);
      if (c > 0) r.matrix(d, t) = (o.sublinear_tf ? 1 + std::log(c) : c) * idf;
    }
  }
  if (o.normalize) {
    for (Eigen::Index d = 0; d < n; ++d) {
      const double norm = r.matrix.row(d).norm();
      if (norm > 0) r.matrix.row(d) /= norm;
    }
  }
  return r;
}

}  // namespace kb::kernels
