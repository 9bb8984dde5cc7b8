#include "demo/cache.h"

#include "core/file.h"
#include "core/text.h"

namespace kb::demo {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {
// Bumped when the file layout changes.
constexpr int kFormat = 1;

}  // namespace

std::string key_of(const std::string& version_tag, const std::map<std::string, std::string>& params,
                   const std::string& input_bytes) {
  std::string key = "demo format " + std::to_string(kFormat) + "\n" + version_tag + "\n";
  for (const auto& [name, value] : params) key += name + "=" + value + "\n";
  if (!input_bytes.empty())
    key += "input " + text::hex16(text::fnv1a64(input_bytes)) + " " + std::to_string(input_bytes.size()) + "\n";
  return key;
}

fs::path Cache::file_of(const std::string& key) const {
  std::string h = text::hex16(text::fnv1a64(key));
  return dir_ / "demos" / h.substr(0, 2) / (h + ".json");
}

std::optional<json> Cache::get(const std::string& key) const {
  if (dir_.empty()) return std::nullopt;
  auto text = file::read_file(file_of(key));
  if (!text) return std::nullopt;
  json j = json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("key") || j["key"] != key || !j.contains("result"))
    return std::nullopt;
  return std::move(j["result"]);
}

void Cache::put(const std::string& key, const json& result) const {
  if (dir_.empty()) return;
  file::write_file_atomically(
      file_of(key), json{{"key", key}, {"result", result}}.dump(-1, ' ', false, json::error_handler_t::replace));
}

}  // namespace kb::demo
