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
// A long-lived process (kb serve --watch) keeps one ParseCache across builds
// with keep_in_memory(): it also holds each note as parsed, with the identity
// of its file (device, inode, size, change time, as git's index does), so a
// file that did not change is not even read. begin_build() starts each
// build after the first.
//
// Contract: find(), find_held(), put() and hold() may be called from many
// threads; save() keeps the records found or put since load() or
// begin_build() (the notes of this build), written atomically. A missing or
// damaged file is an empty cache, never an error.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "content/note_parser.h"
#include "core/diagnostic.h"
#include "core/file.h"

namespace kb::content {

class ParseCache {
 public:
  static ParseCache load(const std::filesystem::path& file, uint64_t key);
  ParseCache() = default;
  ParseCache(ParseCache&& other) noexcept;

  // The note parsed from `text` (the file's bytes, whose hash is `hash`)
  // at `source`, with its diagnostics; false if not cached, `text` as it
  // was. Found, the note's body takes `text`'s buffer (no copy of every
  // note's bytes) and `text` is left empty.
  bool find(const std::string& source, uint64_t hash, std::string& text, ParsedNote& note,
            std::vector<Diagnostic>& diags) const;
  void put(const std::string& source, uint64_t hash, const ParsedNote& note, const std::vector<Diagnostic>& diags);
  bool save(const std::filesystem::path& file) const;

  // The in-memory layer (see above); files known by file::identify().
  using FileId = file::FileId;
  void keep_in_memory(bool on) { memory_ = on; }
  bool in_memory() const { return memory_; }
  bool find_held(const std::string& source, const FileId& id, ParsedNote& note, std::vector<Diagnostic>& diags) const;
  void hold(const std::string& source, const FileId& id, const ParsedNote& note, const std::vector<Diagnostic>& diags);
  void begin_build();
  // The note held for `source` as the last build read it, with its
  // diagnostics; false if none.
  bool held(const std::string& source, const ParsedNote*& note, const std::vector<Diagnostic>*& diags) const;
  // This build reads only the notes that changed (content::reload_notes):
  // every note held stays as used as the ones it reads.
  void keep_held();

  uint64_t key() const { return key_; }
  const std::filesystem::path& file() const { return file_; }
  void reset(uint64_t key);  // empty, for another key
  // reset(), then the records of `file` (none if empty or unreadable).
  void reload(const std::filesystem::path& file, uint64_t key);
  size_t hits() const { return hits_; }
  size_t misses() const { return misses_; }
  bool changed() const;  // save() would write something new
  // Whether a build should pay for save(): it rewrites every record (24 MB
  // for 10,000 notes, about 0.1 s), while a record that is stale or missing
  // costs only its note's parse at the next build (about 0.3 ms). So a build
  // that parsed, or left unused, fewer than max(32, 1/200 of the records)
  // and under a quarter of its notes keeps the file as it is; the next one
  // parses those few again and saves once enough of them have gathered.
  bool worth_saving() const;

 private:
  // A record read from the file is a view of `file_bytes_` (not 24 MB of
  // copies on a 10,000-note site); one put() by this process owns its bytes.
  struct Record {
    uint64_t hash = 0;
    std::string owned;
    std::string_view view;
    std::string_view bytes() const { return owned.empty() ? view : std::string_view(owned); }
  };
  uint64_t key_ = 0;
  // Hashed, not ordered: a build looks up every note (save() sorts).
  std::unordered_map<std::string, Record> records_;  // loaded
  mutable std::mutex mutex_;
  mutable std::unordered_set<std::string> used_;
  bool all_held_used_ = false;  // keep_held(): every note held counts as used
  // (With mutex_ held.) Whether this build used `source`; every source it used.
  bool is_used(const std::string& source) const;
  std::vector<std::string_view> used_sources() const;
  std::unordered_map<std::string, Record> added_;  // put() this build (save() sorts)
  mutable size_t hits_ = 0;
  size_t misses_ = 0;
  struct Held {
    FileId id;
    ParsedNote note;
    std::vector<Diagnostic> diags;
  };
  bool memory_ = false;
  std::map<std::string, Held> held_;       // read during a build
  std::map<std::string, Held> held_new_;   // written during a build, merged by begin_build()
  std::filesystem::path file_;             // what load() or reload() read
  std::shared_ptr<const file::MappedFile> file_bytes_;  // its bytes, mapped, which records view
};

}  // namespace kb::content
