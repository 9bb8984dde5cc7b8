#include "core/bytes.h"

#include <catch2/catch.hpp>

#include <random>

using kb::bytes::ByteReader;
using kb::bytes::ByteWriter;
using kb::bytes::decode_var;

TEST_CASE("bytes: decode_var reads what ByteWriter::var wrote, as ByteReader::var does") {
  std::mt19937_64 rng(5);
  std::vector<uint64_t> values{0, 1, 127, 128, 16383, 16384, UINT32_MAX, UINT64_MAX};
  for (int i = 0; i < 1000; ++i) values.push_back(rng() >> (rng() % 64));
  ByteWriter w;
  for (uint64_t v : values) w.var(v);
  const std::string bytes = w.bytes();
  const char *p = bytes.data(), *end = p + bytes.size();
  ByteReader r(bytes);
  for (uint64_t v : values) {
    uint64_t got = 0;
    REQUIRE(decode_var(p, end, got));
    CHECK(got == v);
    CHECK(r.var() == v);
  }
  CHECK(p == end);
  CHECK(r.done());
}

TEST_CASE("bytes: a number cut short or too long is refused and nothing is consumed") {
  ByteWriter w;
  w.var(UINT64_MAX);  // ten bytes
  std::string bytes = w.bytes();
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    const char *p = bytes.data(), *end = p + cut;
    uint64_t v = 7;
    CHECK_FALSE(decode_var(p, end, v));
    CHECK(p == bytes.data());
    CHECK(v == 7);
  }
  const std::string endless(12, '\x80');  // continuation bytes past 64 bits
  const char *p = endless.data(), *end = p + endless.size();
  uint64_t v = 0;
  CHECK_FALSE(decode_var(p, end, v));
}

TEST_CASE("bytes: rest and skip let a caller read a run itself") {
  ByteWriter w;
  w.u32(5);
  w.var(300);
  w.u32(9);
  ByteReader r(w.bytes());
  CHECK(r.u32() == 5);
  std::string_view rest = r.rest();
  const char* p = rest.data();
  uint64_t v = 0;
  REQUIRE(decode_var(p, rest.data() + rest.size(), v));
  CHECK(v == 300);
  r.skip(static_cast<size_t>(p - rest.data()));
  CHECK(r.u32() == 9);
  CHECK(r.done());
  r.skip(1);  // past the end: not ok, as any short read
  CHECK_FALSE(r.ok());
}
