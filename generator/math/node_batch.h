// What kb's build-time node batches share (KaTeX's formulas, highlight.js's
// code): one node process fed JSON on stdin, answering {"results": [...]},
// and a disk cache of one JSON file per item.
//
// Contract:
// - run_node_batch() runs `node -e script` with `input` on stdin and returns
//   the "results" array when it has `expected` entries; otherwise `problem`
//   says why in one sentence, naming `what` ("KaTeX", "highlight.js"): node
//   not found, failing (its exit status and first line of stderr), timing
//   out, or answering something else.
// - cache_file() is dir/<kind>/<2 hex>/<16 hex>.json for a key's hash;
//   read_cached() returns the stored object only when its "key" is `key`
//   (a collision or a damaged file is a miss); write_cached() stores `value`
//   with the key, atomically, best effort (a cache that cannot be written
//   only costs time next build).
// - Never throws. Thread-compatible.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace kb::math {

struct NodeBatchRun {
  bool ok = false;
  std::string problem;
  nlohmann::json results;  // an array of `expected` entries when ok
};

NodeBatchRun run_node_batch(const std::string& node, std::string_view script, const nlohmann::json& input,
                            size_t expected, double timeout_seconds, const std::string& what);

std::filesystem::path cache_file(const std::filesystem::path& dir, std::string_view kind, const std::string& key);
std::optional<nlohmann::json> read_cached(const std::filesystem::path& path, const std::string& key);
void write_cached(const std::filesystem::path& path, const std::string& key, nlohmann::json value);

// JSON as kb writes it: compact, invalid UTF-8 replaced.
std::string dump_json(const nlohmann::json& j);

}  // namespace kb::math
