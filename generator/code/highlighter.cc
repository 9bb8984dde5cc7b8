#include "code/highlighter.h"

#include <chrono>
#include <optional>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "code/highlight_dist.h"
#include "math/node_batch.h"

namespace kb::code {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Bumped when the batch's options or output change, so old results miss.
constexpr int kFormat = 1;

std::string cache_key(const CodeRequest& b, std::string_view version) {
  return "highlight.js " + std::string(version) + " format " + std::to_string(kFormat) + "\n" + b.language + "\n" +
         b.code;
}

// A result from node's answer or the cache: false if it is neither form.
bool read_result(const json& j, HighlightedCode& out) {
  if (j.value("plain", false)) {
    out.plain = true;
    return true;
  }
  if (!j.contains("html") || !j["html"].is_string()) return false;
  out.html = j["html"].get<std::string>();
  return true;
}

json to_json(const HighlightedCode& r) {
  if (r.plain) return {{"plain", true}};
  return {{"html", r.html}};
}

}  // namespace

HighlightBatch highlight_code(const std::vector<CodeRequest>& blocks, const HighlightOptions& options) {
  auto start = std::chrono::steady_clock::now();
  HighlightBatch batch;
  auto finish = [&]() -> HighlightBatch {
    batch.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return std::move(batch);
  };
  const HighlightDist& dist = highlight_dist();
  std::vector<size_t> slot(blocks.size());
  std::vector<std::string> keys;
  std::vector<const CodeRequest*> distinct;
  {
    std::unordered_map<std::string, size_t> seen;
    for (size_t i = 0; i < blocks.size(); ++i) {
      auto [it, fresh] = seen.emplace(cache_key(blocks[i], dist.version), keys.size());
      if (fresh) {
        keys.push_back(it->first);
        distinct.push_back(&blocks[i]);
      }
      slot[i] = it->second;
    }
  }
  batch.unique = distinct.size();
  std::vector<HighlightedCode> results(distinct.size());
  std::vector<size_t> misses;
  for (size_t k = 0; k < distinct.size(); ++k) {
    if (distinct[k]->language.empty()) {  // nothing to ask highlight.js
      results[k].plain = true;
      continue;
    }
    std::optional<json> cached;
    if (!options.cache_dir.empty() && !dist.version.empty())
      cached = math::read_cached(math::cache_file(options.cache_dir, "highlight", keys[k]), keys[k]);
    if (cached && read_result(*cached, results[k]))
      ++batch.cache_hits;
    else
      misses.push_back(k);
  }
  if (!misses.empty()) {
    if (dist.version.empty()) {
      batch.problem = "kb was built without highlight.js (node_modules was missing: run npm ci, then rebuild kb)";
      return finish();
    }
    json input = {{"scripts", json::array()}, {"blocks", json::array()}};
    for (auto s : dist.scripts) input["scripts"].push_back(std::string(s));
    for (size_t k : misses) input["blocks"].push_back({{"language", distinct[k]->language}, {"code", distinct[k]->code}});
    ++batch.node_runs;
    math::NodeBatchRun run = math::run_node_batch(options.node, dist.batch_script, input, misses.size(),
                                                  options.timeout_seconds, "highlight.js");
    if (!run.ok) {
      batch.problem = run.problem;
      return finish();
    }
    for (size_t m = 0; m < misses.size(); ++m)
      if (!read_result(run.results[m], results[misses[m]])) results[misses[m]].plain = true;
    if (!options.cache_dir.empty())
      for (size_t k : misses)
        math::write_cached(math::cache_file(options.cache_dir, "highlight", keys[k]), keys[k], to_json(results[k]));
  }
  batch.highlighted = true;
  batch.results.reserve(blocks.size());
  for (size_t i = 0; i < blocks.size(); ++i) batch.results.push_back(results[slot[i]]);
  return finish();
}

}  // namespace kb::code
