#include "plot/format.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace kb::plot;

TEST_CASE("format_number is compact and never shows binary noise") {
  CHECK(format_number(0.1 + 0.2) == "0.3");
  CHECK(format_number(1.0 / 3) == "0.3333");
  CHECK(format_number(2.0 / 3, 2) == "0.67");
  CHECK(format_number(12345) == "12345");
  CHECK(format_number(-2.5) == "-2.5");
  CHECK(format_number(100) == "100");
  CHECK(format_number(0) == "0");
  CHECK(format_number(-0.0) == "0");
  CHECK(format_number(-1e-9, 2) == "-1e-9");
  CHECK(format_number(0.000123456) == "0.0001235");
  CHECK(format_number(1e-6) == "1e-6");
  CHECK(format_number(2.5e9) == "2.5e9");
  CHECK(format_number(1234567) == "1.235e6");
  CHECK(format_number(std::nan("")) == "NaN");
  CHECK(format_number(std::numeric_limits<double>::infinity()) == "∞");
  CHECK(format_number(-std::numeric_limits<double>::infinity()) == "-∞");
  CHECK(format_number(0.99999, 3) == "1");
}

TEST_CASE("format_tick gives every tick of an axis the same decimals") {
  CHECK(format_tick(0, 0.2) == "0.0");
  CHECK(format_tick(0.6000000000000001, 0.2) == "0.6");
  CHECK(format_tick(1, 0.2) == "1.0");
  CHECK(format_tick(40, 20) == "40");
  CHECK(format_tick(-4, 2) == "-4");
  CHECK(format_tick(0.05, 0.05) == "0.05");
  CHECK(format_tick(1e-17, 0.1) == "0.0");     // k·step that should be 0
  CHECK(format_tick(-1e-17, 0.1) == "0.0");    // and never "-0.0"
  CHECK(format_tick(2e-5, 1e-5) == "2e-5");    // tiny steps: exponents
  CHECK(format_tick(3e6, 1e6) == "3e6");       // huge values: exponents
  CHECK(format_tick(2.5e6, 5e5) == "2.5e6");
  CHECK(format_tick(7, 0) == "7");             // no step: format_number
}

TEST_CASE("format_coord rounds to a tenth") {
  CHECK(format_coord(12.345) == "12.3");
  CHECK(format_coord(300.0) == "300");
  CHECK(format_coord(-0.04) == "0");
  CHECK(format_coord(-0.26) == "-0.3");
  CHECK(format_coord(std::nan("")) == "0");
}
