// The demo cache: kernel results kept on disk between builds, so a demo whose
// kernel version, parameters and data did not change is not recomputed.
//
// Contract:
// - key_of() is everything a result depends on, as one string: the kernel's
//   version tag (kernels::version_tag: kernel and data generator versions),
//   the parameters in sorted order, and a hash of the input file's bytes when
//   there is one. Equal keys mean equal results (kernels are pure).
// - A result lives in <dir>/demos/<2 hex>/<16 hex>.json, named by a 64-bit
//   FNV-1a hash of its key; the key is stored in the file and checked on
//   reading, so a collision or a stale file is a miss, never a wrong result.
// - put() writes a temporary file and renames it, so builds running at once
//   may share the cache; a cache that cannot be written only costs time. An
//   empty dir disables the cache. Deleting the folder is always safe.
// Thread safety: get() and put() may be called from many threads.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace kb::demo {

std::string key_of(const std::string& version_tag, const std::map<std::string, std::string>& params,
                   const std::string& input_bytes);

class Cache {
 public:
  explicit Cache(std::filesystem::path dir) : dir_(std::move(dir)) {}
  std::optional<nlohmann::json> get(const std::string& key) const;
  void put(const std::string& key, const nlohmann::json& result) const;
  bool enabled() const { return !dir_.empty(); }

 private:
  std::filesystem::path file_of(const std::string& key) const;
  std::filesystem::path dir_;
};

}  // namespace kb::demo
