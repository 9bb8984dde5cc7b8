// Text processing for the demos: tokenising, stop words, Porter stemming,
// n-grams and TF-IDF.
//
// Contract: input is UTF-8. Tokens are runs of ASCII letters and digits
// (bytes >= 0x80 count as letters, so "café" stays one token) with inner
// apostrophes kept ("don't"); ASCII is lower-cased, nothing else is touched
// (no locale). The Porter stemmer is the published 1980 algorithm for
// lower-case English words; other input passes through unchanged. TF-IDF
// rejects an empty corpus and documents with no terms are allowed (their row
// is zero). Cost: linear in the text; TF-IDF O(documents · vocabulary) memory.
// Thread safety: pure functions.
#pragma once

#include "core/text.h"
#include "kernels/common.h"
#include "kernels/result.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kb::kernels {

struct TokenizeOptions {
  bool lowercase = true;      // fold ASCII A-Z to a-z
  bool keep_numbers = true;   // keep tokens made only of digits
  int min_length = 1;         // drop tokens shorter than this (bytes), >= 1
};
std::vector<std::string> tokenize(std::string_view text, const TokenizeOptions& options = {});

// Tokens that are not stop words (compared as they are: tokenise lower-case
// first); by default the English list (core/text.h english_stop_words()).
std::vector<std::string> remove_stop_words(const std::vector<std::string>& tokens,
                                           const std::vector<std::string>& stop_words = text::english_stop_words());

// Porter stem of one lower-case word: "relational" -> "relat", "ponies" -> "poni".
std::string porter_stem(std::string_view word);

// Consecutive n-token phrases joined by a space; empty when tokens < n. n >= 1.
Result<std::vector<std::string>> ngrams(const std::vector<std::string>& tokens, int n);

// The steps shown by the text demo, in order.
struct TextPipelineOptions {
  TokenizeOptions tokenize;   // step 1
  bool remove_stop_words = true;  // step 2
  bool stem = true;           // step 3: Porter
  int ngram = 1;              // step 4: 1 = single terms, 2 = bigrams, ..., >= 1
};
struct TextPipeline {
  std::vector<std::string> tokens;        // after tokenising
  std::vector<std::string> without_stop;  // after stop-word removal (= tokens if off)
  std::vector<std::string> stems;         // after stemming (= without_stop if off)
  std::vector<std::string> terms;         // the n-grams of stems
};
Result<TextPipeline> process_text(std::string_view text, const TextPipelineOptions& options = {});

// The distinct terms of `documents`, sorted, and each term's position in
// that list: the columns of a document-term matrix (TF-IDF, LDA).
struct Vocabulary {
  std::vector<std::string> terms;
  std::map<std::string, int> index;
};
Vocabulary vocabulary_of(const std::vector<std::vector<std::string>>& documents);

struct TfidfOptions {
  bool smooth_idf = true;     // idf = ln((1 + N) / (1 + df)) + 1; false: ln(N / df) + 1
  bool sublinear_tf = false;  // tf = 1 + ln(count) instead of count
  bool normalize = true;      // scale each document's row to unit Euclidean length
};
struct Tfidf {
  std::vector<std::string> terms;         // vocabulary, sorted
  std::vector<int> document_frequency;    // documents containing each term
  std::vector<double> idf;                // per term
  Matrix matrix;                          // documents × terms
};
// Documents are given as lists of terms (e.g. TextPipeline::terms). This is
// scikit-learn's TfidfVectorizer weighting with the defaults above.
Result<Tfidf> tfidf(const std::vector<std::vector<std::string>>& documents,
                    const TfidfOptions& options = {});

}  // namespace kb::kernels
