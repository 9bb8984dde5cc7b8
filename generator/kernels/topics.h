// Latent Dirichlet allocation by collapsed Gibbs sampling (Griffiths &
// Steyvers 2004), sized for the tiny demo corpus.
//
// Contract: documents are lists of terms (e.g. TextPipeline::terms); at
// least one term overall; 1 <= topics; alpha, beta > 0. Word assignments
// start uniformly at random and are resampled `iterations` times; the
// estimates come from the final sample. Same seed, same topics. Cost
// O(iterations · tokens · topics) time, O(topics · vocabulary) memory.
// Thread safety: pure function.
#pragma once

#include "kernels/common.h"
#include "kernels/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kb::kernels {

struct LdaOptions {
  int topics = 3;          // number of topics K, >= 1
  double alpha = 0.1;      // Dirichlet prior on each document's topic mix, > 0 (small: documents keep to few topics)
  double beta = 0.01;      // Dirichlet prior on each topic's word mix, > 0 (small: topics keep to few words)
  int iterations = 300;    // Gibbs sweeps over every token, >= 1
  int top_words = 8;       // words listed per topic, >= 1
  uint64_t seed = 42;      // random seed
};

struct LdaResult {
  std::vector<std::string> vocabulary;         // sorted
  Matrix topic_word;                           // K × V, rows sum to 1: φ = (n_kw + β) / (n_k + Vβ)
  Matrix document_topic;                       // D × K, rows sum to 1: θ = (n_dk + α) / (n_d + Kα)
  std::vector<std::vector<std::string>> top_words;     // per topic, most probable first
  std::vector<std::vector<double>> top_weights;        // their probabilities
  std::vector<double> log_likelihood;          // log p(words | assignments) after each sweep
};

Result<LdaResult> lda(const std::vector<std::vector<std::string>>& documents,
                      const LdaOptions& options = {});

}  // namespace kb::kernels
