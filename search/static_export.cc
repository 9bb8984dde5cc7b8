#include "search/static_export.h"

#include <cstdint>

#include "core/text.h"
#include "search/schema.h"

namespace kb::search {

void append_varint(std::string& out, uint64_t v) {
  while (v >= 32) {
    out += kVarintAlphabet[32 + (v & 31)];
    v >>= 5;
  }
  out += kVarintAlphabet[v];
}

namespace {

// kVarintAlphabet's characters' values; -1 for any other byte.
struct Digits {
  int8_t of[256];
  Digits() {
    for (auto& d : of) d = -1;
    for (int i = 0; kVarintAlphabet[i]; ++i) of[static_cast<unsigned char>(kVarintAlphabet[i])] = static_cast<int8_t>(i);
  }
};
const Digits kDigits;

}  // namespace

bool read_varint(std::string_view s, size_t& at, uint64_t& value) {
  value = 0;
  for (unsigned shift = 0; at < s.size() && shift < 64; shift += 5) {
    const int d = kDigits.of[static_cast<unsigned char>(s[at++])];
    if (d < 0) return false;
    if (d < 32) {
      value += static_cast<uint64_t>(d) << shift;
      return true;
    }
    value += static_cast<uint64_t>(d - 32) << shift;
  }
  return false;
}

bool skip_varints(std::string_view s, size_t& at, uint64_t count) {
  for (; count > 0; ++at) {
    if (at >= s.size()) return false;
    const int d = kDigits.of[static_cast<unsigned char>(s[at])];
    if (d < 0) return false;
    if (d < 32) --count;
  }
  return true;
}

std::string shard_key(std::string_view term) {
  if (term.size() > 1 && term[0] == 'Z') term.remove_prefix(1);
  else if (term.rfind(kPrefixSynonym, 0) == 0 || term.rfind(kPrefixExactTitle, 0) == 0) term.remove_prefix(2);
  std::string_view head = term.substr(0, text::utf8_prefix_bytes(term, 2));
  static const char* hex = "0123456789abcdef";
  std::string key;
  for (unsigned char c : head) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      key += static_cast<char>(c);
    } else {
      key += '_';
      key += hex[c >> 4];
      key += hex[c & 15];
    }
  }
  return key.empty() ? "_" : key;
}

}  // namespace kb::search
