#include "search/string_ids.h"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <unordered_map>

using kb::search::StringIds;

TEST_CASE("interned strings get dense ids that never change", "[search][string_ids]") {
  StringIds ids;
  CHECK(ids.find("a") == StringIds::kNone);
  CHECK(ids.intern("alpha") == 0);
  CHECK(ids.intern("beta") == 1);
  CHECK(ids.intern("alpha") == 0);
  CHECK(ids.intern("") == 2);
  CHECK(ids.find("beta") == 1);
  CHECK(ids.find("") == 2);
  CHECK(ids.find("gamma") == StringIds::kNone);
  CHECK(ids.name(1) == "beta");
  CHECK(ids.size() == 3);
}

TEST_CASE("string ids agree with a std::unordered_map through many growths", "[search][string_ids]") {
  StringIds ids;
  std::unordered_map<std::string, uint32_t> reference;
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> len(0, 12), ch('a', 'f');
  for (int n = 0; n < 200000; ++n) {
    std::string s;
    for (int k = len(rng); k > 0; --k) s += static_cast<char>(ch(rng));
    auto [it, fresh] = reference.emplace(s, static_cast<uint32_t>(reference.size()));
    REQUIRE(ids.intern(s) == it->second);
    (void)fresh;
  }
  REQUIRE(ids.size() == reference.size());
  for (const auto& [s, id] : reference) {
    REQUIRE(ids.find(s) == id);
    REQUIRE(ids.name(id) == s);
  }
}
