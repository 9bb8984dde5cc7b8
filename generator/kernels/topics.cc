#include "kernels/topics.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "kernels/text.h"

namespace kb::kernels {

Result<LdaResult> lda(const std::vector<std::vector<std::string>>& documents, const LdaOptions& o) {
  if (documents.empty()) return fail("no documents");
  if (o.topics < 1) return fail("topics must be at least 1, got " + std::to_string(o.topics));
  if (!(o.alpha > 0) || !std::isfinite(o.alpha)) return fail("alpha must be > 0, got " + num(o.alpha));
  if (!(o.beta > 0) || !std::isfinite(o.beta)) return fail("beta must be > 0, got " + num(o.beta));
  if (o.iterations < 1) return fail("iterations must be at least 1, got " + std::to_string(o.iterations));
  if (o.top_words < 1) return fail("top_words must be at least 1, got " + std::to_string(o.top_words));
  Vocabulary vocabulary = vocabulary_of(documents);
  if (vocabulary.terms.empty()) return fail("the documents contain no terms");
  std::map<std::string, int>& index = vocabulary.index;
  LdaResult r;
  r.vocabulary = std::move(vocabulary.terms);
  const int K = o.topics, V = static_cast<int>(r.vocabulary.size());
  const int D = static_cast<int>(documents.size());
  std::vector<std::vector<int>> words(D), z(D);
  std::vector<std::vector<int>> n_dk(D, std::vector<int>(K, 0)), n_kw(K, std::vector<int>(V, 0));
  std::vector<int> n_k(K, 0);
  Rng rng(o.seed);
  for (int d = 0; d < D; ++d) {
    for (const std::string& t : documents[d]) {
      const int w = index[t], k = uniform_index(rng, K);
      words[d].push_back(w);
      z[d].push_back(k);
      ++n_dk[d][k];
      ++n_kw[k][w];
      ++n_k[k];
    }
  }
  const double vbeta = V * o.beta;
  std::vector<double> p(K);
  for (int it = 0; it < o.iterations; ++it) {
    for (int d = 0; d < D; ++d) {
      for (size_t i = 0; i < words[d].size(); ++i) {
        const int w = words[d][i];
        int k = z[d][i];
        --n_dk[d][k];
        --n_kw[k][w];
        --n_k[k];
        double total = 0;
        for (int t = 0; t < K; ++t) {
          total += (n_dk[d][t] + o.alpha) * (n_kw[t][w] + o.beta) / (n_k[t] + vbeta);
          p[t] = total;
        }
        const double u = uniform01(rng) * total;
        k = 0;
        while (k + 1 < K && p[k] <= u) ++k;
        z[d][i] = k;
        ++n_dk[d][k];
        ++n_kw[k][w];
        ++n_k[k];
      }
    }
    double ll = K * (std::lgamma(vbeta) - V * std::lgamma(o.beta));
    for (int k = 0; k < K; ++k) {
      for (int w = 0; w < V; ++w) ll += std::lgamma(n_kw[k][w] + o.beta);
      ll -= std::lgamma(n_k[k] + vbeta);
    }
    r.log_likelihood.push_back(ll);
  }
  r.topic_word.resize(K, V);
  for (int k = 0; k < K; ++k) {
    for (int w = 0; w < V; ++w) r.topic_word(k, w) = (n_kw[k][w] + o.beta) / (n_k[k] + vbeta);
  }
  r.document_topic.resize(D, K);
  for (int d = 0; d < D; ++d) {
    const double len = static_cast<double>(words[d].size());
    for (int k = 0; k < K; ++k) r.document_topic(d, k) = (n_dk[d][k] + o.alpha) / (len + K * o.alpha);
  }
  const int top = std::min(o.top_words, V);
  for (int k = 0; k < K; ++k) {
    std::vector<int> order = iota_indices(V);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return r.topic_word(k, a) > r.topic_word(k, b); });
    r.top_words.emplace_back();
    r.top_weights.emplace_back();
    for (int i = 0; i < top; ++i) {
      r.top_words.back().push_back(r.vocabulary[order[i]]);
      r.top_weights.back().push_back(r.topic_word(k, order[i]));
    }
  }
  return r;
}

}  // namespace kb::kernels
