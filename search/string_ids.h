// Interned strings: each distinct string gets the next id (0, 1, 2, ...).
//
// Why: the indexer looks up every word of every page it indexes (about 6
// million lookups for 10,000 notes); std::unordered_map follows a node
// pointer per lookup and hashes through a bucket array. Here the table is
// one array of (hash bits, id) slots, probed linearly, and a string is
// compared only when its hash bits match.
//
// Contract: ids are dense and never change; name(id) is the string as
// interned. Not thread-safe (one per builder, as the builders are).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kb::search {

class StringIds {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // The id of `s`, or kNone.
  uint32_t find(std::string_view s) const;
  // The id of `s`, given the next id when `s` is new.
  uint32_t intern(std::string_view s);

  const std::string& name(uint32_t id) const { return names_[id]; }
  size_t size() const { return names_.size(); }

 private:
  struct Slot {
    uint32_t check = 0;  // high bits of the hash
    uint32_t id = 0;     // id + 1; 0: empty
  };
  // Where `s` (with hash `h`) is, or the empty slot it would take.
  size_t probe(std::string_view s, uint64_t h) const;
  void grow();

  std::vector<std::string> names_;
  std::vector<Slot> slots_;  // a power of two, at most half full
};

}  // namespace kb::search
