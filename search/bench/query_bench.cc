// Benchmark (not a test): `kb search` latency inside one process. Opens a
// built site's index once, runs N queries (words drawn from the index's own
// vocabulary, 1 to 3 per query, a fixed seed) and prints p50/p90/p99/max.
//   kb_bench_query SITE [N=1000] [LIMIT=10] [QUERIES.jsonl]
// With QUERIES (tests/search/eval/queries.jsonl), its "q"s are run in turn
// instead, N in all: the questions learners type, long and often misspelt.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "search/schema.h"
#include "site/search_location.h"
#include "search/searcher.h"
#include "search/site_search.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s SITE [N] [LIMIT]\n", argv[0]);
    return 2;
  }
  std::string index = kb::site::search_index_dir(argv[1]).string();  // kept in kb's cache
  size_t n = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 1000;
  size_t limit = argc > 3 ? std::strtoul(argv[3], nullptr, 10) : 10;

  // Query words: the spelling vocabulary (real words of the notes). The
  // database is made first if the build left it to be made.
  std::string error;
  if (!kb::search::sync_database(index, error)) { std::fprintf(stderr, "%s\n", error.c_str()); return 1; }
  std::vector<std::string> words;
  {
    Xapian::Database db(index + "/db");
    for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it)
      if ((*it).size() >= 3) words.push_back(*it);
  }
  if (words.empty()) { std::fprintf(stderr, "no vocabulary\n"); return 1; }
  std::mt19937 rng(42);
  std::vector<std::string> queries;
  if (argc > 4) {
    std::ifstream in(argv[4]);
    std::vector<std::string> asked;
    for (std::string line; std::getline(in, line);) {
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_object() && j.contains("q")) asked.push_back(j.value("q", ""));
    }
    if (asked.empty()) { std::fprintf(stderr, "no queries in %s\n", argv[4]); return 1; }
    for (size_t i = 0; i < n; ++i) queries.push_back(asked[i % asked.size()]);
  }
  for (size_t i = 0; queries.size() < n; ++i) {
    size_t k = 1 + rng() % 3;
    std::string q;
    for (size_t j = 0; j < k; ++j) q += (j ? " " : "") + words[rng() % words.size()];
    queries.push_back(q);
  }

  auto t0 = std::chrono::steady_clock::now();
  auto searcher = kb::search::open_site_search(index, error);
  if (!searcher) { std::fprintf(stderr, "%s\n", error.c_str()); return 1; }
  double open_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();

  std::vector<double> ms;
  size_t results = 0;
  for (const auto& q : queries) {
    kb::search::SearchOptions o;
    o.query = q;
    o.limit = limit;
    auto a = std::chrono::steady_clock::now();
    auto r = searcher->search(o);
    std::string json = kb::search::to_json(r).dump();  // as `kb search --json` would print
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - a).count());
    results += r.results.size() + (json.empty() ? 1 : 0);
  }
  std::sort(ms.begin(), ms.end());
  auto pct = [&](double p) { return ms[std::min(ms.size() - 1, static_cast<size_t>(p * ms.size()))]; };
  std::printf("queries %zu (limit %zu, vocabulary %zu words)\nopen_ms %.3f\np50_ms %.3f\np90_ms %.3f\np99_ms %.3f\nmax_ms %.3f\nresults %zu\n",
              n, limit, words.size(), open_ms, pct(0.5), pct(0.9), pct(0.99), ms.back(), results);
  return 0;
}
