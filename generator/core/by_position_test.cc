#include "core/by_position.h"

#include <catch2/catch.hpp>

namespace {
struct Rec {
  std::string name;
  int value = 0;
};
}  // namespace

TEST_CASE("by position: a record at the page's place, else by name, else none") {
  const std::vector<Rec> was{{"a", 1}, {"b", 2}, {"c", 3}};
  kb::ByPosition<Rec, &Rec::name> finder(was);
  CHECK(finder.find(1, "b") == &was[1]);
  CHECK(finder.find(0, "c") == &was[2]);  // moved: found by name
  CHECK(finder.find(2, "d") == nullptr);  // new
  CHECK(finder.find(5, "a") == &was[0]);  // past the end
  CHECK(finder.same_order({"a", "b", "c"}));
  CHECK_FALSE(finder.same_order({"a", "c", "b"}));
  CHECK_FALSE(finder.same_order({"a", "b"}));
}
