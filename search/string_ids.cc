#include "search/string_ids.h"

#include <functional>

namespace kb::search {
namespace {

uint64_t hash_of(std::string_view s) { return std::hash<std::string_view>{}(s); }

}  // namespace

size_t StringIds::probe(std::string_view s, uint64_t h) const {
  const size_t mask = slots_.size() - 1;
  const uint32_t check = static_cast<uint32_t>(h >> 32);
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.id == 0 || (slot.check == check && names_[slot.id - 1] == s)) return i;
  }
}

uint32_t StringIds::find(std::string_view s) const {
  if (slots_.empty()) return kNone;
  const Slot& slot = slots_[probe(s, hash_of(s))];
  return slot.id == 0 ? kNone : slot.id - 1;
}

uint32_t StringIds::intern(std::string_view s) {
  if ((names_.size() + 1) * 2 > slots_.size()) grow();
  const uint64_t h = hash_of(s);
  Slot& slot = slots_[probe(s, h)];
  if (slot.id != 0) return slot.id - 1;
  names_.emplace_back(s);
  slot.check = static_cast<uint32_t>(h >> 32);
  slot.id = static_cast<uint32_t>(names_.size());
  return slot.id - 1;
}

void StringIds::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.id == 0) continue;
    size_t i = hash_of(names_[s.id - 1]) & mask;
    while (slots_[i].id != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

}  // namespace kb::search
