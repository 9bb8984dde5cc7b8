// Parse cache: notes as earlier builds parsed them, by path and bytes, so a
// build parses only the notes that changed (the rest of loading, the title
// rule and URLs, still runs over every note).
//
// One file (the build cache's parsed.bin, site/build_cache.h) of records:
// source path, hash of the file's bytes, the ParsedNote (without its body,
// a suffix of the file cut again from the bytes read) and the diagnostics
// its parse gave, replayed so a cached note warns as a parsed one does.
// A `key` covers what else a parse depends on (kb's binary, the markdown
// options, the folder paths are shown from); records of another key are
// dropped.
//
// Contract: find() and put() may be called from many threads; save() keeps
// the records found or put since load() (the notes of this build), written
// atomically. A missing or damaged file is an empty cache, never an error.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "content/note_parser.h"
#include "core/diagnostic.h"

namespace kb::content {

class ParseCache {
 public:
  static ParseCache load(const std::filesystem::path& file, uint64_t key);
  ParseCache() = default;
  ParseCache(ParseCache&& other) noexcept;

  // The note parsed from `text` (the file's bytes, whose hash is `hash`)
  // at `source`, with its diagnostics; false if not cached.
  bool find(const std::string& source, uint64_t hash, std::string_view text, ParsedNote& note,
            std::vector<Diagnostic>& diags) const;
  void put(const std::string& source, uint64_t hash, const ParsedNote& note, const std::vector<Diagnostic>& diags);
  bool save(const std::filesystem::path& file) const;

  size_t hits() const { return hits_; }
  size_t misses() const { return misses_; }
  bool changed() const;  // save() would write something new

 private:
  struct Record {
    uint64_t hash = 0;
    std::string bytes;
  };
  uint64_t key_ = 0;
  std::map<std::string, Record> records_;  // loaded
  mutable std::mutex mutex_;
  mutable std::set<std::string> used_;
  std::map<std::string, Record> added_;
  mutable size_t hits_ = 0;
  size_t misses_ = 0;
};

}  // namespace kb::content
