#include "math/note_macros.h"

#include <catch2/catch.hpp>

using kb::math::note_macro_prefixes;

TEST_CASE("a note's macros carry to its later formulas", "[math][note_macros]") {
  auto p = note_macro_prefixes({"\\newcommand{\\R}{\\mathbb{R}}", "x \\in \\R^n", "\\Rho + y", "z"});
  REQUIRE(p.size() == 4);
  CHECK(p[0].empty());
  CHECK(p[1] == "\\def\\R{\\mathbb{R}}");
  CHECK(p[2].empty());  // \Rho is another name
  CHECK(p[3].empty());
}

TEST_CASE("arguments, def and operators", "[math][note_macros]") {
  auto p = note_macro_prefixes({"\\newcommand\\norm[1]{\\lVert #1 \\rVert} \\def\\pair#1#2{(#1,#2)}",
                                "\\DeclareMathOperator*{\\argmax}{arg\\,max}", "\\norm{x} + \\pair{a}{b}",
                                "\\argmax_x f(x)"});
  CHECK(p[2] == "\\def\\norm#1{\\lVert #1 \\rVert}\\def\\pair#1#2{(#1,#2)}");
  CHECK(p[3] == "\\def\\argmax{\\operatorname*{arg\\,max}}");
}

TEST_CASE("later definitions win and a formula's own definition is its own", "[math][note_macros]") {
  auto p = note_macro_prefixes({"\\newcommand{\\v}{\\mathbf{v}}", "\\renewcommand{\\v}{\\vec{v}} \\v", "\\v"});
  CHECK(p[1].empty());
  CHECK(p[2] == "\\def\\v{\\vec{v}}");
}

TEST_CASE("a macro used by a carried macro is carried too", "[math][note_macros]") {
  auto p = note_macro_prefixes({"\\def\\x{\\mathbf{x}}", "\\def\\xx{\\x^\\top\\x}", "\\xx"});
  CHECK(p[2] == "\\def\\x{\\mathbf{x}}\\def\\xx{\\x^\\top\\x}");
}

TEST_CASE("what cannot be read is left to KaTeX", "[math][note_macros]") {
  auto p = note_macro_prefixes({"\\newcommand{\\f}[1][x]{#1}", "\\newcommand{\\g}{\\frac{1}{2}", "\\f \\g"});
  CHECK(p[2].empty());
  CHECK(note_macro_prefixes({}).empty());
}

TEST_CASE("a formula's own definitions become def, which may redefine KaTeX's", "[math][note_macros]") {
  using kb::math::definitions_as_def;
  CHECK(definitions_as_def("\\newcommand{\\R}{\\mathbb{R}} x \\in \\R") == "\\def\\R{\\mathbb{R}} x \\in \\R");
  CHECK(definitions_as_def("a + b") == "a + b");
  CHECK(definitions_as_def("\\newcommand{\\f}[1][x]{#1} \\f") == "\\newcommand{\\f}[1][x]{#1} \\f");
}
