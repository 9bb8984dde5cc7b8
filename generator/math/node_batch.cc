#include "math/node_batch.h"

#include "core/file.h"
#include "core/text.h"
#include "math/subprocess.h"

namespace kb::math {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string first_line(std::string_view s) {
  while (!s.empty() && (s.front() == '\n' || s.front() == ' ')) s.remove_prefix(1);
  size_t nl = s.find('\n');
  return std::string(s.substr(0, std::min<size_t>(nl == std::string_view::npos ? s.size() : nl, 300)));
}

}  // namespace

std::string dump_json(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

NodeBatchRun run_node_batch(const std::string& node, std::string_view script, const json& input, size_t expected,
                            double timeout_seconds, const std::string& what) {
  NodeBatchRun out;
  ProcessResult r = run({node, "-e", std::string(script)}, dump_json(input), timeout_seconds);
  if (!r.started) {
    out.problem = "node was not found (" + r.error + "; install Node.js, or set KB_NODE)";
    return out;
  }
  if (r.timed_out || r.exit_code != 0) {
    out.problem = "node failed to run " + what + " (" +
                  (r.timed_out ? r.error : "exit status " + std::to_string(r.exit_code)) +
                  (r.err.empty() ? std::string() : ": " + first_line(r.err)) + ")";
    return out;
  }
  json answer = json::parse(r.out, nullptr, false);
  if (answer.is_discarded() || !answer.is_object() || !answer.contains("results") || !answer["results"].is_array() ||
      answer["results"].size() != expected) {
    out.problem = "node's " + what + " run gave an unexpected answer (" + first_line(r.out) + ")";
    return out;
  }
  out.ok = true;
  out.results = std::move(answer["results"]);
  return out;
}

fs::path cache_file(const fs::path& dir, std::string_view kind, const std::string& key) {
  std::string h = text::hex16(text::fnv1a64(key));
  return dir / std::string(kind) / h.substr(0, 2) / (h + ".json");
}

std::optional<json> read_cached(const fs::path& path, const std::string& key) {
  auto text = file::read_file(path);
  if (!text) return std::nullopt;
  json j = json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("key", std::string()) != key) return std::nullopt;
  return j;
}

void write_cached(const fs::path& path, const std::string& key, json value) {
  value["key"] = key;
  file::write_file_atomically(path, dump_json(value));
}

}  // namespace kb::math
