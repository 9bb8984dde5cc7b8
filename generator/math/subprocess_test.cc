#include "math/subprocess.h"

#include <catch2/catch.hpp>

#include <string>

using kb::math::run;

TEST_CASE("a program gets its input and gives its output", "[math][subprocess]") {
  auto r = run({"sh", "-c", "tr a-z A-Z; echo oops >&2; exit 3"}, "hello", 30);
  CHECK(r.started);
  CHECK(r.exit_code == 3);
  CHECK(r.out == "HELLO");
  CHECK(r.err == "oops\n");
}

TEST_CASE("large input and output in both directions do not deadlock", "[math][subprocess]") {
  std::string big(3 << 20, 'x');
  auto r = run({"cat"}, big, 60);
  CHECK(r.exit_code == 0);
  CHECK(r.out.size() == big.size());
}

TEST_CASE("a child that ignores its input does not kill us", "[math][subprocess]") {
  std::string big(1 << 20, 'x');
  auto r = run({"true"}, big, 30);
  CHECK(r.started);
  CHECK(r.exit_code == 0);
}

TEST_CASE("a missing program is reported, not run", "[math][subprocess]") {
  auto r = run({"/nonexistent/program"}, "", 30);
  CHECK_FALSE(r.started);
  CHECK(r.error.find("/nonexistent/program") != std::string::npos);
  auto p = run({"no-such-program-kb-test"}, "", 30);
  CHECK_FALSE(p.started);
}

TEST_CASE("a child that runs too long is stopped", "[math][subprocess]") {
  auto r = run({"sleep", "20"}, "", 0.5);
  CHECK(r.timed_out);
  CHECK(r.exit_code == 128 + 9);
}
