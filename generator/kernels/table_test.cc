#include "kernels/table.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace kb::kernels;
using Catch::Matchers::Contains;

TEST_CASE("CSV with a header row parses into named numeric columns") {
  auto t = parse_numeric_csv("\xEF\xBB\xBFx1, x2 ,label\r\n1,2.5,0\r\n-3, 4e2 ,1\n\n");
  REQUIRE(t.ok());
  CHECK(t->columns == std::vector<std::string>{"x1", "x2", "label"});
  REQUIRE(t->values.rows() == 2);
  CHECK(t->values(1, 1) == 400);
  CHECK(t->values(1, 0) == -3);
  auto quoted = parse_numeric_csv("\"a, b\",c\n\"1\",2\n");
  REQUIRE(quoted.ok());
  CHECK(quoted->columns[0] == "a, b");
  auto missing = parse_numeric_csv("a,b\n1,\n");
  REQUIRE(missing.ok());
  CHECK(std::isnan(missing->values(0, 1)));
}

TEST_CASE("CSV errors name the line, the column and the cell") {
  CHECK_THAT(parse_numeric_csv("", "pts.csv").error, Contains("pts.csv") && Contains("empty"));
  CHECK_THAT(parse_numeric_csv("a,b\n").error, Contains("no data rows"));
  CHECK_THAT(parse_numeric_csv("a,b\n1,2\n3,abc\n", "pts.csv").error,
             Contains("pts.csv:3:") && Contains("column \"b\"") && Contains("\"abc\""));
  CHECK_THAT(parse_numeric_csv("a,b\n1,2,3\n").error, Contains("3 cells") && Contains("2 columns"));
  CHECK_THAT(parse_numeric_csv("a,b\n1,inf\n").error, Contains("not a finite number"));
  CHECK_THAT(parse_numeric_csv("a,\n1,2\n").error, Contains("header cell 2 is empty"));
  CHECK_THAT(parse_numeric_csv("a\n\"1\n").error, Contains("unterminated"));
}
