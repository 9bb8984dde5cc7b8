#include "search/static_export.h"

#include "search/schema.h"

namespace kb::search {
namespace {

// The number of leading code points of `s` to key a shard on.
size_t prefix_bytes(std::string_view s, size_t code_points) {
  size_t i = 0;
  while (i < s.size() && code_points > 0) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    --code_points;
  }
  return i;
}

}  // namespace

void append_varint(std::string& out, uint64_t v) {
  while (v >= 32) {
    out += kVarintAlphabet[32 + (v & 31)];
    v >>= 5;
  }
  out += kVarintAlphabet[v];
}

std::string shard_key(std::string_view term) {
  if (term.size() > 1 && term[0] == 'Z') term.remove_prefix(1);
  else if (term.rfind(kPrefixSynonym, 0) == 0) term.remove_prefix(2);
  std::string_view head = term.substr(0, prefix_bytes(term, 2));
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
