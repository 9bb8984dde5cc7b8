// KeyHasher: fields into one 64-bit hash, for cache keys and digests (the
// build cache's page keys, site/build_keys.h; the link memo's page digests,
// links/link_memo.h).
//
// Contract: every field is length-prefixed, so ("ab","c") and ("a","bc")
// differ; streaming: each field is hashed and mixed into the state as it
// comes (no buffer: keys are made for every page of every build). Not a
// cryptographic hash; stable within one kb binary (std::hash), which is all
// its users need (their keys carry kb's own). Header-only.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

namespace kb {

class KeyHasher {
 public:
  KeyHasher& add(std::string_view s) {
    state_ = mix(mix(state_, s.size()), std::hash<std::string_view>{}(s));
    return *this;
  }
  KeyHasher& add(uint64_t v) {
    state_ = mix(state_, v);
    return *this;
  }
  KeyHasher& add(const char* s) { return add(std::string_view(s)); }  // not add(bool)
  KeyHasher& add(bool b) { return add(static_cast<uint64_t>(b)); }
  uint64_t value() const { return state_; }

 private:
  // CityHash's Hash128to64: every bit of each input reaches every bit of the
  // result.
  static uint64_t mix(uint64_t state, uint64_t v) {
    constexpr uint64_t kMul = 0x9ddfea08eb382d69ull;
    uint64_t a = (state ^ v) * kMul;
    a ^= a >> 47;
    uint64_t b = (v ^ a) * kMul;
    b ^= b >> 47;
    return b * kMul;
  }
  uint64_t state_ = 0x9E3779B97F4A7C15ull;
};

}  // namespace kb
