#include "markdown/html_sanitizer.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using kb::markdown::close_open_elements;
using kb::markdown::safe_url;
using kb::markdown::sanitize_html;
using kb::markdown::SanitizeState;

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// What must never survive in a tag, whatever the spelling. (Text between
// tags is shown, not run: the sanitizer's output escapes every '<' of it, so
// only the output's own tags are looked at.)
bool inert(const std::string& html) {
  std::string l = lower(html);
  for (size_t at = l.find('<'); at != std::string::npos; at = l.find('<', at + 1)) {
    std::string tag = l.substr(at, l.find('>', at) - at);
    for (const char* bad : {"<script", "javascript:", "vbscript:", " on", "<iframe", "srcdoc", "<svg", "<math",
                            "<object", "<embed", "<style", "expression(", "data:", "<body", "<meta", "<link",
                            "<base", "<form", "<input", "<!--"})
      if (tag.find(bad) != std::string::npos) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("the classic XSS vectors are neutralised", "[markdown][html][sanitizer]") {
  const char* vectors[] = {
      "<script>alert(1)</script>",
      "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
      "<img src=x onerror=alert(1)>",
      "<img src=\"x\" ONERROR=\"alert(1)\">",
      "<img src=x onerror=alert(1)//",
      "<a href=\"javascript:alert(1)\">x</a>",
      "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
      "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
      "<a href=\"jav&Tab;ascript:alert(1)\">x</a>",
      "<a href=\"&#106;avascript:alert(1)\">x</a>",
      "<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)\">x</a>",
      "<a href=\" javascript:alert(1)\">x</a>",
      "<a href=\"java\nscript:alert(1)\">x</a>",
      "<a href=\"javascript&colon;alert(1)\">x</a>",
      "<a href=\"vbscript:msgbox(1)\">x</a>",
      "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
      "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
      "<svg><script>alert(1)</script></svg>",
      "<svg onload=alert(1)>",
      "<svg/onload=alert(1)>",
      "<math><mtext><script>alert(1)</script></mtext></math>",
      "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
      "<iframe src=\"https://evil.example\"></iframe>",
      "<object data=\"javascript:alert(1)\"></object>",
      "<embed src=\"javascript:alert(1)\">",
      "<div style=\"background:url(javascript:alert(1))\">x</div>",
      "<div style=\"width: expression(alert(1))\">x</div>",
      "<div style=\"behavior: url(x.htc)\">x</div>",
      "<div style=\"background:u\\72l(x)\">x</div>",
      "<style>body{background:url(javascript:alert(1))}</style>",
      "<body onload=alert(1)>",
      "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
      "<link rel=stylesheet href=\"javascript:alert(1)\">",
      "<base href=\"javascript:alert(1)//\">",
      "<form action=\"javascript:alert(1)\"><input type=submit></form>",
      "<<script>script>alert(1)<</script>/script>",
      "<a href=javascript:alert(1)>x</a>",
      "<img src=`x` onerror=alert(1)>",
      "<details open ontoggle=alert(1)>",
      "<img srcset=\"javascript:alert(1) 1x\">",
      "<a/href=\"javascript:alert(1)\">x</a>",
      "<!--<img src=x onerror=alert(1)>-->",
      "<a href=\"https://ok.example\" onmouseover=\"alert(1)\">x</a>",
  };
  for (const char* v : vectors) {
    std::string out = sanitize_html(v);
    INFO(v << "\n  -> " << out);
    CHECK(inert(out));
  }
}

TEST_CASE("what scripts, frames, svg and math hold goes with them", "[markdown][html][sanitizer]") {
  const char* vectors[] = {
      "<script>alert(1)</script>",
      "<ScRiPt >alert(1)</sCrIpT >",
      "<svg><script>alert(1)</script></svg>",
      "<svg><a title=\"</svg>\"><script>alert(1)</script></a></svg>",
      "<math><mtext><script>alert(1)</script></mtext></math>",
      "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
      "<iframe src=\"https://evil.example\">alert(1)</iframe>",
      "<object data=\"x\">alert(1)</object>",
      "<template><img src=x onerror=alert(1)></template>",
      "<style>@import 'alert(1)';</style>",
      "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
      "<textarea><script>alert(1)</script></textarea>",
      "<script>alert(1)</script x=\"never closed",
      "<<script>script>alert(1)<</script>/script>",
  };
  for (const char* v : vectors) {
    std::string out = sanitize_html(v);
    INFO(v << "\n  -> " << out);
    CHECK(inert(out));
    if (std::string(v).find("onerror") == std::string::npos) CHECK(out.find("alert") == std::string::npos);
    else CHECK(out.find("onerror") == std::string::npos);
  }
  CHECK(sanitize_html("<iframe src=\"https://evil.example\"></iframe>after") == "after");
  CHECK(sanitize_html("<script>x</scripty></script>after") == "after");
}

TEST_CASE("references are read before URLs and styles are judged", "[markdown][html][sanitizer]") {
  // A comma written as a reference still splits srcset, as in a browser.
  CHECK(sanitize_html("<img srcset=\"a.png 1x&#44;javascript:alert(1) 2x\">") == "<img>");
  CHECK(sanitize_html("<img srcset=\"a.png 1x, b.png 2x\" alt=x>") == "<img srcset=\"a.png 1x, b.png 2x\" alt=\"x\">");
  // A style needs no references, comments or escapes: any of them refuses it.
  CHECK(sanitize_html("<div style=\"background:url&lpar;https://evil.example/t.png)\">") == "<div>");
  CHECK(sanitize_html("<div style=\"width:exp/**/ression(alert(1))\">") == "<div>");
  CHECK(sanitize_html("<div style=\"background-image:image-set('x.png' 1x)\">") == "<div>");
  CHECK(sanitize_html("<div style=\"text-align: center; color: #c00\">") ==
        "<div style=\"text-align: center; color: #c00\">");
}

TEST_CASE("attribute values are re-quoted and escaped", "[markdown][html][sanitizer]") {
  CHECK(sanitize_html("<p title='a\"b'>") == "<p title=\"a&quot;b\">");
  CHECK(sanitize_html("<p title=a<b>") == "<p title=\"a&lt;b\">");
  // Known references are read and written afresh; a named one kb does not
  // know stays for the browser to read; a bare '&' is escaped.
  CHECK(sanitize_html("<span title=\"&copy; 2020 &#169; &amp; a&b &lt;\">") ==
        "<span title=\"&copy; 2020 \xC2\xA9 &amp; a&amp;b &lt;\">");
  CHECK(sanitize_html("<a href=x target=_top>") == "<a href=\"x\">");
  CHECK(sanitize_html("<IMG SRC=\"pic.png\" ALT=Pic>") == "<img src=\"pic.png\" alt=\"Pic\">");
}

TEST_CASE("end tags balance within a container", "[markdown][html][sanitizer]") {
  // A stray end tag closes nothing of the page around the note.
  CHECK(sanitize_html("x</div></main></body>y") == "xy");
  // An end tag closes what was opened inside its element too.
  CHECK(sanitize_html("<div><b><i>x</div>y</b>") == "<div><b><i>x</i></b></div>y");
  // Left open, the container's end closes it, innermost first; end tags
  // HTML makes optional are left to the browser.
  SanitizeState state;
  CHECK(sanitize_html("<table><tr><td><span>x", state) == "<table><tr><td><span>x");
  CHECK(sanitize_html("</span>y", state) == "</span>y");
  CHECK(state.open == std::vector<std::string>{"table", "tr", "td"});
  CHECK(close_open_elements(state) == "</table>");
  CHECK(state.open.empty());
  CHECK(sanitize_html("<ul><li>a<li>b</ul><p>c") == "<ul><li>a<li>b</ul><p>c");
  // Void elements open nothing; a script opens nothing either.
  SanitizeState voids;
  sanitize_html("<br><img src=x><hr><wbr><script></script>", voids);
  CHECK(voids.open.empty());
  // At most 256 elements are open at once.
  std::string deep;
  for (int i = 0; i < 300; ++i) deep += "<span>";
  SanitizeState deep_state;
  std::string out = sanitize_html(deep + "x", deep_state);
  CHECK(deep_state.open.size() == 256);
  CHECK(out == std::string(deep.data(), 256 * 6) + "x");
}

TEST_CASE("broken tags cost no rescans", "[markdown][html][sanitizer]") {
  // Each '<' here starts a tag that never ends; read again from every one of
  // them the megabyte would take minutes. The result is all text.
  for (std::string unit : {"<a<a", "<a x=\"", "<a b ", "<a x='\"", "</a "}) {
    std::string html;
    while (html.size() < (1u << 20)) html += unit;
    std::string out = sanitize_html(html);
    INFO(unit);
    CHECK(out.find('<') == std::string::npos);
    CHECK(out.size() > html.size());
  }
}

TEST_CASE("safe HTML passes, normalised", "[markdown][html][sanitizer]") {
  CHECK(sanitize_html("<span class='flair'>") == "<span class=\"flair\">");
  CHECK(sanitize_html("<span class='flair'>x</span>") == "<span class=\"flair\">x</span>");
  CHECK(sanitize_html("<BR>") == "<br>");
  CHECK(sanitize_html("<br/>") == "<br>");
  CHECK(sanitize_html("<kbd>Ctrl</kbd>") == "<kbd>Ctrl</kbd>");
  CHECK(sanitize_html("<details open><summary>More</summary>x</details>") ==
        "<details open=\"\"><summary>More</summary>x</details>");
  CHECK(sanitize_html("<img src=\"a b.png\" alt=\"A &amp; B\" width=20>") ==
        "<img src=\"a b.png\" alt=\"A &amp; B\" width=\"20\">");
  CHECK(sanitize_html("<a href=\"https://x.example/?a=1&amp;b=2\" target=\"_blank\">") ==
        "<a href=\"https://x.example/?a=1&amp;b=2\" target=\"_blank\" rel=\"noopener noreferrer\">");
  CHECK(sanitize_html("<span style=\"color: red\">") == "<span style=\"color: red\">");
  CHECK(sanitize_html("<td colspan=2 onclick=x>") == "<td colspan=\"2\">");
  CHECK(sanitize_html("<img src=\"data:image/png;base64,iVBORw0KGgo=\">") ==
        "<img src=\"data:image/png;base64,iVBORw0KGgo=\">");
}

TEST_CASE("what is not a tag stays text", "[markdown][html][sanitizer]") {
  CHECK(sanitize_html("a < b and c<d") == "a &lt; b and c&lt;d");
  CHECK(sanitize_html("<img src=x onerror=alert(1)//") == "&lt;img src=x onerror=alert(1)//");
  CHECK(sanitize_html("x &amp; y &copy;") == "x &amp; y &copy;");
}

TEST_CASE("disallowed tags go but their text stays, dangerous ones take their content", "[markdown][html][sanitizer]") {
  CHECK(sanitize_html("<form><b>bold</b></form>") == "<b>bold</b>");
  CHECK(sanitize_html("<my-widget>text</my-widget>") == "text");
  CHECK(sanitize_html("before<script>alert(1)</script>after") == "beforeafter");
  CHECK(sanitize_html("<!-- a private remark -->shown") == "shown");
  CHECK(sanitize_html("<!DOCTYPE html><p>x</p>") == "<p>x</p>");
}

TEST_CASE("a dropped element's content is dropped across fragments", "[markdown][html][sanitizer]") {
  SanitizeState state;
  CHECK(sanitize_html("<script>", state).empty());
  CHECK(state.dropping == "script");
  CHECK(sanitize_html("alert(1)", state).empty());
  CHECK(sanitize_html("</script>after", state) == "after");
  CHECK(state.dropping.empty());
}

TEST_CASE("URL policy", "[markdown][html][sanitizer]") {
  CHECK(safe_url("https://x.example", "a", "href"));
  CHECK(safe_url("mailto:me@x.example", "a", "href"));
  CHECK(safe_url("../notes/a b.md#x", "a", "href"));
  CHECK(safe_url("#top", "a", "href"));
  CHECK(safe_url("img/a.png?x=1:2", "img", "src"));  // a colon after '?' is no scheme
  CHECK_FALSE(safe_url("javascript:x", "a", "href"));
  CHECK_FALSE(safe_url("data:image/png;base64,AAAA", "a", "href"));  // data: only as an image source
  CHECK(safe_url("data:image/png;base64,AAAA", "img", "src"));
  CHECK_FALSE(safe_url("data:image/svg+xml,<svg/>", "img", "src"));
  CHECK_FALSE(safe_url("ftp://x.example", "a", "href"));
  CHECK_FALSE(safe_url("j&unknown;avascript:x", "a", "href"));
}
