#include "demo/html.h"

#include <catch2/catch.hpp>

using namespace kb::demo;

namespace {
kb::present::Presentation one(const std::string& fact) {
  kb::present::Presentation p;
  p.facts.push_back({"Inertia", fact});
  p.figures.push_back({"<svg xmlns=\"http://www.w3.org/2000/svg\"><title>t</title></svg>", "a <caption>"});
  kb::present::Table t;
  t.caption = "Centroids";
  t.columns = {"Cluster", "x"};
  t.rows = {{"0", "1.5"}};
  p.tables.push_back(t);
  return p;
}
size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}
}  // namespace

TEST_CASE("a grid demo has one variant per point, the default shown, controls hidden", "[demo][html]") {
  auto b = parse_block("kernel = \"kmeans\"\ntitle = \"k & blobs\"\nk = [2, 3, 4]\ndefault = { k = 3 }\n");
  REQUIRE(b.ok());
  auto vs = variants(b.spec);
  std::string html = demo_html(b.spec, vs, default_variant(b.spec), {one("1"), one("2"), one("3")}, 2);
  CHECK(html.find("<figure class=\"demo\" data-demo=\"kmeans\" id=\"demo-2\">") == 0);
  CHECK(html.find("k &amp; blobs") != std::string::npos);
  CHECK(html.find("<div class=\"demo-controls\" hidden>") != std::string::npos);
  CHECK(count(html, "class=\"demo-variant\"") == 3);
  CHECK(count(html, "\" hidden aria-label=") == 2);
  // The default (k = 3) is the one not hidden.
  CHECK(html.find("data-variant=\"[&quot;3&quot;]\" aria-label=\"k = 3\"") != std::string::npos);
  CHECK(html.find("type=\"range\"") != std::string::npos);
  CHECK(html.find("value=\"1\"") != std::string::npos);
  CHECK(html.find("data-values=\"[&quot;2&quot;,&quot;3&quot;,&quot;4&quot;]\"") != std::string::npos);
  CHECK(html.find("a &lt;caption&gt;") != std::string::npos);
  CHECK(html.find("<th scope=\"row\">0</th><td class=\"num\">1.5</td>") != std::string::npos);
  CHECK(html.find("<details class=\"demo-table\" open>") != std::string::npos);
}

TEST_CASE("words choose with a select, no grid means no controls", "[demo][html]") {
  auto b = parse_block("kernel = \"kmeans\"\ninit = [\"random\", \"kmeans++\"]\n");
  REQUIRE(b.ok());
  std::string html = demo_html(b.spec, variants(b.spec), 0, {one("1"), one("2")}, 1);
  CHECK(html.find("<select id=\"demo-1-init\" data-param=\"init\"><option selected>random</option>") !=
        std::string::npos);

  auto fixed = parse_block("kernel = \"kmeans\"\nk = 3\ncaption = \"Look.\"\n");
  std::string single = demo_html(fixed.spec, variants(fixed.spec), 0, {one("1")}, 1);
  CHECK(single.find("demo-controls") == std::string::npos);
  CHECK(count(single, "class=\"demo-variant\"") == 1);
  CHECK(single.find("<p class=\"demo-caption\">Look.</p>") != std::string::npos);
}

TEST_CASE("long tables start collapsed", "[demo][html]") {
  auto b = parse_block("kernel = \"kmeans\"\n");
  auto p = one("1");
  p.tables[0].rows.assign(40, {"1", "2"});
  std::string html = demo_html(b.spec, variants(b.spec), 0, {p}, 1);
  CHECK(html.find("<details class=\"demo-table\"><summary>Centroids (40 rows)</summary>") != std::string::npos);
}

TEST_CASE("without a title the kernel's summary names the demo", "[demo][html]") {
  auto b = parse_block("kernel = \"kmeans\"\n");
  CHECK(default_title(b.spec) == "k-means clustering (Lloyd's algorithm)");
}
