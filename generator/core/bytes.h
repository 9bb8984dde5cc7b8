// Bytes: a little-endian binary writer and reader for kb's own cache files
// (search entries, parsed notes). Not a portable format: only the kb that
// wrote a file reads it (cache keys carry kb's binary hash).
//
// Contract: ByteWriter appends; ByteReader never reads past its input: a
// short or damaged input sets ok() to false and yields zeros and empty
// strings from then on. Header-only.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace kb::bytes {

class ByteWriter {
 public:
  void u64(uint64_t v) { put_le(v, 8); }
  void u32(uint32_t v) { put_le(v, 4); }
  void i32(int v) { u32(static_cast<uint32_t>(v)); }
  void flag(bool v) { out_ += v ? '\1' : '\0'; }
  // Unsigned LEB128: small numbers (counts, ids, deltas) in few bytes.
  void var(uint64_t v) {
    while (v >= 0x80) {
      out_ += static_cast<char>((v & 0x7F) | 0x80);
      v >>= 7;
    }
    out_ += static_cast<char>(v);
  }
  void f64(double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, 8);
    u64(bits);
  }
  void str(std::string_view s) {
    u32(static_cast<uint32_t>(s.size()));
    out_.append(s);
  }
  void strs(const std::vector<std::string>& list) {
    u32(static_cast<uint32_t>(list.size()));
    for (const auto& s : list) str(s);
  }
  std::string& bytes() { return out_; }

 private:
  void put_le(uint64_t v, int n) {
    for (int i = 0; i < n; ++i) out_ += static_cast<char>(v >> (8 * i));
  }
  std::string out_;
};

// One unsigned LEB128 number at `p` (ByteWriter::var()), `p` moved past it;
// false, `p` unmoved, when the input ends first or the number runs past 64
// bits. Inline: a search index decodes millions.
inline bool decode_var(const char*& p, const char* end, uint64_t& v) {
  uint64_t x = 0;
  const char* q = p;
  for (int shift = 0; shift < 64 && q < end; shift += 7) {
    const unsigned char c = static_cast<unsigned char>(*q++);
    x |= static_cast<uint64_t>(c & 0x7F) << shift;
    if (!(c & 0x80)) {
      v = x;
      p = q;
      return true;
    }
  }
  return false;
}

class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool done() const { return in_.empty(); }
  uint64_t u64() { return get_le(8); }
  uint32_t u32() { return static_cast<uint32_t>(get_le(4)); }
  int i32() { return static_cast<int>(u32()); }
  uint64_t var() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (!need(1)) return 0;
      unsigned char c = static_cast<unsigned char>(in_[0]);
      in_.remove_prefix(1);
      v |= static_cast<uint64_t>(c & 0x7F) << shift;
      if (!(c & 0x80)) return v;
    }
    ok_ = false;
    in_ = {};
    return 0;
  }
  bool flag() {
    if (!need(1)) return false;
    bool v = in_[0] != 0;
    in_.remove_prefix(1);
    return v;
  }
  double f64() {
    uint64_t bits = u64();
    double v;
    std::memcpy(&v, &bits, 8);
    return v;
  }
  std::string str() { return std::string(view()); }
  // A string as a view of the input: valid while the input is.
  std::string_view view() {
    uint32_t n = u32();
    if (!need(n)) return {};
    std::string_view s = in_.substr(0, n);
    in_.remove_prefix(n);
    return s;
  }
  std::vector<std::string> strs() {
    uint32_t n = u32();
    std::vector<std::string> out;
    for (uint32_t i = 0; ok_ && i < n; ++i) out.push_back(str());
    return out;
  }
  // What is left to read, and a step past `n` bytes of it: for a caller that
  // decodes a long run of numbers itself (decode_var()).
  std::string_view rest() const { return in_; }
  void skip(size_t n) {
    if (need(n)) in_.remove_prefix(n);
  }
  // A count of items still to read, checked against what is left (each item
  // takes at least `min_bytes`), so damage cannot ask for a huge allocation.
  uint32_t count(size_t min_bytes) {
    uint32_t n = u32();
    if (static_cast<uint64_t>(n) * min_bytes > in_.size()) ok_ = false;
    return ok_ ? n : 0;
  }

 private:
  uint64_t get_le(int n) {
    if (!need(static_cast<size_t>(n))) return 0;
    uint64_t v = 0;
    for (int i = 0; i < n; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(in_[i])) << (8 * i);
    in_.remove_prefix(static_cast<size_t>(n));
    return v;
  }
  bool need(size_t n) {
    if (ok_ && in_.size() >= n) return true;
    ok_ = false;
    in_ = {};
    return false;
  }
  std::string_view in_;
  bool ok_ = true;
};

}  // namespace kb::bytes
