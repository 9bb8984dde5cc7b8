#include "markdown/link_target.h"

#include <catch2/catch.hpp>

using namespace kb::markdown;

TEST_CASE("relative URLs", "[link_target]") {
  for (const char* url : {"f1.md", "../metrics/f1.md#x", "#frag", "img/roc.png", "a b.md", "?q", "./x", "a/b:c", "/abs.md"})
    CHECK(is_relative_url(url));
  for (const char* url : {"", "/", "//host/x", "http://x.org", "HTTPS://x", "mailto:a@b.c", "C:x",
                          "tel:+1", "git+ssh:x", "javascript:alert(1)"})
    CHECK_FALSE(is_relative_url(url));
}

TEST_CASE("splitting a URL", "[link_target]") {
  UrlParts p = split_url("F1%20score.md#Worked%20example");
  CHECK(p.target == "F1 score.md");
  CHECK(p.fragment == "Worked example");
  p = split_url("#only");
  CHECK(p.target.empty());
  CHECK(p.fragment == "only");
  p = split_url("a.md#b#c");
  CHECK(p.target == "a.md");
  CHECK(p.fragment == "b#c");
  p = split_url("bad%zz.md");
  CHECK(p.target == "bad%zz.md");  // kept as written
  CHECK(p.fragment.empty());
}

TEST_CASE("dangerous URLs, as cmark-gfm's safe mode sees them", "[link_target]") {
  for (const char* url : {"javascript:x", "JavaScript:x", "vbscript:x", "file:///etc/passwd", "data:text/html,x"})
    CHECK(is_dangerous_url(url));
  for (const char* url : {"data:image/png;base64,x", "DATA:IMAGE/GIF;x", "data:image/jpeg,x", "data:image/webp,x",
                          "http://x", "a.md", "javascript", ""})
    CHECK_FALSE(is_dangerous_url(url));
}
