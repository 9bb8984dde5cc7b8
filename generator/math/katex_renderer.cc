#include "math/katex_renderer.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/file.h"
#include "core/text.h"
#include "math/katex_dist.h"
#include "math/subprocess.h"

namespace kb::math {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Bumped when the batch's options or output change, so old results miss.
constexpr int kFormat = 1;

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// Everything a result depends on, as one string.
std::string cache_key(const FormulaRequest& f, std::string_view version, const std::string& macros_json) {
  std::string key = "katex " + std::string(version) + " format " + std::to_string(kFormat) + "\n";
  key += f.display ? "display\n" : "inline\n";
  key += macros_json;
  key += "\n";
  key += f.latex;
  return key;
}

fs::path cache_file(const fs::path& dir, const std::string& key) {
  std::string h = text::hex16(text::fnv1a64(key));
  return dir / "katex" / h.substr(0, 2) / (h + ".json");
}

bool read_cached(const fs::path& path, const std::string& key, TypesetFormula& out) {
  auto text = file::read_file(path);
  if (!text) return false;
  json j = json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("key", std::string()) != key) return false;
  if (j.contains("html") && j["html"].is_string()) {
    out.html = j["html"].get<std::string>();
    return true;
  }
  if (j.contains("error") && j["error"].is_string()) {
    out.error = j["error"].get<std::string>();
    out.position = j.value("position", 0);
    return true;
  }
  return false;
}

// Best effort: a cache that cannot be written only costs time next build.
void write_cached(const fs::path& path, const std::string& key, const TypesetFormula& r) {
  json j = {{"key", key}};
  if (r.ok()) j["html"] = r.html;
  else {
    j["error"] = r.error;
    j["position"] = r.position;
  }
  file::write_file_atomically(path, dump(j));
}

std::string first_line(std::string_view s) {
  while (!s.empty() && (s.front() == '\n' || s.front() == ' ')) s.remove_prefix(1);
  size_t nl = s.find('\n');
  return std::string(s.substr(0, nl == std::string_view::npos ? std::min<size_t>(s.size(), 300) : std::min<size_t>(nl, 300)));
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
  const std::string macros_json = dump(macros);

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
    if (!options.cache_dir.empty() && !katex.version.empty() &&
        read_cached(cache_file(options.cache_dir, keys[k]), keys[k], results[k]))
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
    ProcessResult run_result =
        run({options.node, "-e", std::string(katex.batch_script)}, dump(input), options.timeout_seconds);
    if (!run_result.started) {
      batch.problem = "node was not found (" + run_result.error + "; install Node.js, or set KB_NODE)";
      return finish();
    }
    if (run_result.timed_out || run_result.exit_code != 0) {
      batch.problem = "node failed to run KaTeX (" +
                      (run_result.timed_out ? run_result.error : "exit status " + std::to_string(run_result.exit_code)) +
                      (run_result.err.empty() ? std::string() : ": " + first_line(run_result.err)) + ")";
      return finish();
    }
    json output = json::parse(run_result.out, nullptr, false);
    if (output.is_discarded() || !output.is_object() || !output.contains("results") ||
        !output["results"].is_array() || output["results"].size() != misses.size()) {
      batch.problem = "node's KaTeX run gave an unexpected answer (" + first_line(run_result.out) + ")";
      return finish();
    }
    for (size_t m = 0; m < misses.size(); ++m) {
      const json& r = output["results"][m];
      TypesetFormula& t = results[misses[m]];
      if (r.contains("html") && r["html"].is_string()) {
        t.html = r["html"].get<std::string>();
      } else {
        t.error = r.contains("error") && r["error"].is_string() ? r["error"].get<std::string>() : "KaTeX failed";
        if (t.error.empty()) t.error = "KaTeX failed";
        t.position = r.contains("position") && r["position"].is_number_integer() ? r["position"].get<int>() : 0;
      }
    }
    if (!options.cache_dir.empty())
      for (size_t k : misses) write_cached(cache_file(options.cache_dir, keys[k]), keys[k], results[k]);
  }

  batch.typeset = true;
  batch.results.reserve(formulas.size());
  for (size_t i = 0; i < formulas.size(); ++i) batch.results.push_back(results[slot[i]]);
  return finish();
}

}  // namespace kb::math
