#include "code/highlighter.h"

#include <chrono>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "code/highlight_dist.h"
#include "core/file.h"
#include "core/text.h"
#include "math/subprocess.h"

namespace kb::code {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Bumped when the batch's options or output change, so old results miss.
constexpr int kFormat = 1;

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string cache_key(const CodeRequest& b, std::string_view version) {
  return "highlight.js " + std::string(version) + " format " + std::to_string(kFormat) + "\n" + b.language + "\n" +
         b.code;
}

fs::path cache_file(const fs::path& dir, const std::string& key) {
  std::string h = text::hex16(text::fnv1a64(key));
  return dir / "highlight" / h.substr(0, 2) / (h + ".json");
}

bool read_cached(const fs::path& path, const std::string& key, HighlightedCode& out) {
  auto text = file::read_file(path);
  if (!text) return false;
  json j = json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("key", std::string()) != key) return false;
  if (j.value("plain", false)) {
    out.plain = true;
    return true;
  }
  if (!j.contains("html") || !j["html"].is_string()) return false;
  out.html = j["html"].get<std::string>();
  return true;
}

void write_cached(const fs::path& path, const std::string& key, const HighlightedCode& r) {
  json j = {{"key", key}};
  if (r.plain) j["plain"] = true;
  else j["html"] = r.html;
  file::write_file_atomically(path, dump(j));
}

std::string first_line(std::string_view s) {
  size_t nl = s.find('\n');
  return std::string(s.substr(0, std::min<size_t>(nl == std::string_view::npos ? s.size() : nl, 300)));
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
    if (!options.cache_dir.empty() && !dist.version.empty() &&
        read_cached(cache_file(options.cache_dir, keys[k]), keys[k], results[k]))
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
    math::ProcessResult run =
        math::run({options.node, "-e", std::string(dist.batch_script)}, dump(input), options.timeout_seconds);
    if (!run.started) {
      batch.problem = "node was not found (" + run.error + "; install Node.js, or set KB_NODE)";
      return finish();
    }
    if (run.timed_out || run.exit_code != 0) {
      batch.problem = "node failed to run highlight.js (" +
                      (run.timed_out ? run.error : "exit status " + std::to_string(run.exit_code)) +
                      (run.err.empty() ? std::string() : ": " + first_line(run.err)) + ")";
      return finish();
    }
    json output = json::parse(run.out, nullptr, false);
    if (output.is_discarded() || !output.is_object() || !output.contains("results") ||
        !output["results"].is_array() || output["results"].size() != misses.size()) {
      batch.problem = "node's highlight.js run gave an unexpected answer (" + first_line(run.out) + ")";
      return finish();
    }
    for (size_t m = 0; m < misses.size(); ++m) {
      const json& r = output["results"][m];
      HighlightedCode& h = results[misses[m]];
      if (r.contains("html") && r["html"].is_string()) h.html = r["html"].get<std::string>();
      else h.plain = true;
    }
    if (!options.cache_dir.empty())
      for (size_t k : misses) write_cached(cache_file(options.cache_dir, keys[k]), keys[k], results[k]);
  }
  batch.highlighted = true;
  batch.results.reserve(blocks.size());
  for (size_t i = 0; i < blocks.size(); ++i) batch.results.push_back(results[slot[i]]);
  return finish();
}

}  // namespace kb::code
