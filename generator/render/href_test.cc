#include "render/href.h"

#include <catch2/catch.hpp>

#include "core/text.h"

namespace kb::render {
namespace {

TEST_CASE("Hrefs agrees with text::relative_url on site paths") {
  const char* paths[] = {"index.html", "a.html", "a/index.html", "a/b.html", "a/b/c.html",
                         "a/b/index.html", "ab/c.html", "a/bc/d.html", "tags/x.html",
                         "a/b/c.html#frag", "a/", "a/b/", "x/y/z/w.html", "assets/style.css"};
  for (const char* from : paths) {
    if (std::string_view(from).find('#') != std::string_view::npos) continue;
    Hrefs h(from);
    for (const char* to : paths) {
      INFO(from << " -> " << to);
      CHECK(h(to) == text::relative_url(from, to));
    }
  }
}

TEST_CASE("Hrefs: root, folders and fragments") {
  Hrefs h("modeling/metrics/f1.html");
  CHECK(h.root() == "../../");
  CHECK(h("index.html") == "../../index.html");
  CHECK(h("modeling/metrics/precision.html#x") == "precision.html#x");
  CHECK(h("modeling/xgboost.html") == "../xgboost.html");
  CHECK(h("modeling/metrics-old/a.html") == "../metrics-old/a.html");
  CHECK(h("modeling/") == "../index.html");
  CHECK(h("") == "../../index.html");
  CHECK(Hrefs("index.html").root().empty());
  CHECK(Hrefs("index.html")("a/b.html") == "a/b.html");
}

}  // namespace
}  // namespace kb::render
