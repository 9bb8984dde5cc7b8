// Raw HTML end to end on tests/sites/ok/raw-html: by default nothing of what
// the sanitizer refuses (html_sanitizer.h) reaches a page, a feed or a search
// index, and a note's HTML cannot close the page's own elements; with
// allow_html = true the author's HTML passes as written. (The pages
// themselves are compared with golden/ by golden_sites_test.cc.)
#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "run_kb.h"

namespace fs = std::filesystem;
using kb::testing::count;
using kb::testing::Run;
using kb::testing::slurp;

namespace {

const fs::path kFixture = fs::path(KB_SOURCE_DIR) / "tests/sites/ok/raw-html";

// The note's own HTML in a page: between the note body's opening and the
// navigation after it (the theme around it has its own forms and svg).
std::string note_body(const std::string& page) {
  size_t from = page.find("<div class=\"note-body\">");
  size_t to = page.find("<nav class=\"prev-next\"", from);
  return from == std::string::npos || to == std::string::npos ? std::string() : page.substr(from, to - from);
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

TEST_CASE("raw HTML: nothing refused reaches the built site") {
  fs::path out = kb::testing::scratch_path("kb-raw-html", "site");
  Run build = kb::testing::run_kb(kFixture, "build --strict --out '" + out.string() + "'");
  INFO(build.output);
  REQUIRE(build.status == 0);
  // "EVIL" is written only inside what must be dropped with its element.
  for (const auto& e : fs::recursive_directory_iterator(out)) {
    if (!e.is_regular_file() || e.path().string().find(".kb-index") != std::string::npos) continue;
    INFO(e.path().string());
    CHECK(slurp(e.path()).find("EVIL") == std::string::npos);
  }
  for (const char* name : {"raw-html.html", "hostile-html.html"}) {
    std::string page = slurp(out / name);
    std::string body = lower(note_body(page));
    INFO(name << "\n" << body);
    REQUIRE(!body.empty());
    // Text may show `<` escaped; every tag of the note is looked at.
    for (size_t at = body.find('<'); at != std::string::npos; at = body.find('<', at + 1)) {
      std::string tag = body.substr(at, body.find('>', at) - at);
      for (const char* bad : {" on", "javascript:", "vbscript:", "data:text", "srcdoc", "expression(", "url(",
                              "<script", "<style", "<iframe", "<object", "<embed", "<svg", "<math", "<form",
                              "<input", "<button", "<meta", "<link", "<base", "<!--"}) {
        INFO(tag);
        CHECK(tag.find(bad) == std::string::npos);
      }
    }
    // The page's own structure survives the note's stray and unclosed tags.
    CHECK(count(page, "<div") == count(page, "</div>"));
    CHECK(count(page, "</main>") == 1);
    CHECK(count(page, "</article>") == 1);
  }
  std::string hostile = slurp(out / "hostile-html.html");
  CHECK(hostile.find("<b>bold stays</b>") != std::string::npos);
  CHECK(hostile.find("<div class=\"open-box\">\nAn unclosed box ends with the note.\n</div>") != std::string::npos);
  CHECK(hostile.find("&lt;img src=x onerror=alert(14)// tag stays text") != std::string::npos);
  std::string raw = slurp(out / "raw-html.html");
  CHECK(raw.find("<span class=\"flair\">flair</span>") != std::string::npos);
  CHECK(raw.find("<td>1 MB/s in<br>2 MB/s out</td>") != std::string::npos);
  CHECK(raw.find("<details>\n<summary>Answer</summary>") != std::string::npos);
  Run search = kb::testing::run_kb(kFixture, "search --site '" + out.string() + "' --json evil");
  INFO(search.output);
  REQUIRE(search.status == 0);
  auto j = nlohmann::json::parse(search.output, nullptr, false);
  REQUIRE(j.is_object());
  CHECK(j["total"].get<size_t>() == 0);
}

TEST_CASE("raw HTML: allow_html = true passes the author's HTML as written") {
  fs::path src = kb::testing::scratch_path("kb-raw-html", "allowed-src");
  fs::create_directories(src);
  fs::copy(kFixture / "notes", src / "notes", fs::copy_options::recursive);
  std::ofstream(src / "site.toml") << "allow_html = true\n";
  fs::path out = src / "_site";
  Run build = kb::testing::run_kb(src, "build");
  INFO(build.output);
  REQUIRE(build.status == 0);
  std::string raw = slurp(out / "raw-html.html");
  CHECK(raw.find("<div class=\"note-box\" onclick=\"steal()\">") != std::string::npos);
  CHECK(raw.find("<span class='flair'>flair</span>") != std::string::npos);
  std::string hostile = slurp(out / "hostile-html.html");
  CHECK(hostile.find("<b onmouseover=\"alert(6)\">") != std::string::npos);
  // GFM's tag filter still applies.
  CHECK(hostile.find("<script>alert(1)") == std::string::npos);
  CHECK(hostile.find("&lt;script>alert(1)") != std::string::npos);
}
