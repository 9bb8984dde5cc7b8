#include "search/static_export.h"

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

std::string shard_key(std::string_view term) {
  if (term.size() > 1 && term[0] == 'Z') term.remove_prefix(1);
  else if (term.rfind(kPrefixSynonym, 0) == 0) term.remove_prefix(2);
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
