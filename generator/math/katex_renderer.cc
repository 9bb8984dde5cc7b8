#include "math/katex_renderer.h"

#include <chrono>
#include <cstdlib>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "math/katex_dist.h"
#include "math/mathml_core.h"
#include "math/node_batch.h"

namespace kb::math {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Bumped when the batch's options or output change, so old results miss.
constexpr int kFormat = 3;  // 3: KaTeX's MathML alone, as KaTeX wrote it

// Everything a result depends on, as one string.
std::string cache_key(const FormulaRequest& f, std::string_view version, const std::string& macros_json) {
  std::string key = "katex " + std::string(version) + " format " + std::to_string(kFormat) + "\n";
  key += f.display ? "display\n" : "inline\n";
  key += macros_json;
  key += "\n";
  key += f.latex;
  return key;
}

// A result from node's answer or the cache: false if it is neither form.
bool read_result(const json& j, TypesetFormula& out) {
  if (j.contains("html") && j["html"].is_string()) {
    out.html = j["html"].get<std::string>();
    return true;
  }
  if (j.contains("error") && j["error"].is_string()) {
    out.error = j["error"].get<std::string>();
    out.position = j.contains("position") && j["position"].is_number_integer() ? j["position"].get<int>() : 0;
    return true;
  }
  return false;
}

json to_json(const TypesetFormula& r) {
  if (r.ok()) return {{"html", r.html}};
  return {{"error", r.error}, {"position", r.position}};
}

}  // namespace

fs::path default_cache_dir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/') return fs::path(xdg) / "kb";
  if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".cache" / "kb";
  return {};
}

std::string default_node() {
  if (const char* node = std::getenv("KB_NODE"); node && *node) return node;
  return "node";
}

KatexBatch render_with_katex(const std::vector<FormulaRequest>& formulas, const KatexOptions& options) {
  auto start = std::chrono::steady_clock::now();
  KatexBatch batch;
  auto finish = [&]() -> KatexBatch {
    batch.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return std::move(batch);
  };
  const KatexDist& katex = katex_dist();
  json macros = json::object();
  for (const auto& [name, body] : options.macros) macros[name] = body;
  const std::string macros_json = dump_json(macros);

  // Distinct formulas, each with its key; `slot[i]` is formula i's.
  std::vector<size_t> slot(formulas.size());
  std::vector<std::string> keys;
  std::vector<const FormulaRequest*> distinct;
  {
    std::unordered_map<std::string, size_t> seen;
    for (size_t i = 0; i < formulas.size(); ++i) {
      std::string key = cache_key(formulas[i], katex.version, macros_json);
      auto [it, fresh] = seen.emplace(std::move(key), keys.size());
      if (fresh) {
        keys.push_back(it->first);
        distinct.push_back(&formulas[i]);
      }
      slot[i] = it->second;
    }
  }
  batch.unique = distinct.size();
  std::vector<TypesetFormula> results(distinct.size());
  std::vector<size_t> misses;
  for (size_t k = 0; k < distinct.size(); ++k) {
    std::optional<json> cached;
    if (!options.cache_dir.empty() && !katex.version.empty())
      cached = read_cached(cache_file(options.cache_dir, "katex", keys[k]), keys[k]);
    if (cached && read_result(*cached, results[k]))
      ++batch.cache_hits;
    else
      misses.push_back(k);
  }

  if (!misses.empty()) {
    if (katex.version.empty() || katex.js.empty() || katex.batch_script.empty()) {
      batch.problem = "kb was built without KaTeX (node_modules/katex was missing: run npm ci, then rebuild kb)";
      return finish();
    }
    json input = {{"katex", std::string(katex.js)}, {"macros", macros}, {"formulas", json::array()}};
    for (size_t k : misses)
      input["formulas"].push_back({{"latex", distinct[k]->latex}, {"display", distinct[k]->display}});
    ++batch.node_runs;
    NodeBatchRun run = run_node_batch(options.node, katex.batch_script, input, misses.size(),
                                      options.timeout_seconds, "KaTeX");
    if (!run.ok) {
      batch.problem = run.problem;
      return finish();
    }
    for (size_t m = 0; m < misses.size(); ++m) {
      TypesetFormula& t = results[misses[m]];
      const json& r = run.results[m];
      // An answer without HTML is a failure, with KaTeX's message if it gave one.
      if (!read_result(r, t) || (!r.contains("html") && t.error.empty())) t.error = "KaTeX failed";
    }
    if (!options.cache_dir.empty())
      for (size_t k : misses) write_cached(cache_file(options.cache_dir, "katex", keys[k]), keys[k], to_json(results[k]));
  }

  // The cache keeps KaTeX's own output, so a change to the adaptation
  // needs no new cache format.
  for (TypesetFormula& r : results)
    if (r.ok()) r.html = adapt_to_mathml_core(r.html);
  batch.typeset = true;
  batch.distinct = std::move(results);
  batch.of.assign(slot.begin(), slot.end());
  return finish();
}

}  // namespace kb::math
