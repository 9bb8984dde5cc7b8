// Every "#fragment" kb writes into a page lands: built from each fixture
// under tests/sites/ok/, every link to a page of the site (same-page links
// included) names an id that page really has. This is the end-to-end side of
// the link graph's promise (link_graph.h): a fragment is checked against the
// ids the rendered page has, so a clean `kb check` means no dead anchors.
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "run_kb.h"

namespace fs = std::filesystem;
using kb::testing::Run;
using kb::testing::slurp;

namespace {

std::string percent_decode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string unescape_html(std::string s) {
  for (auto [from, to] : {std::pair{"&quot;", "\""}, {"&#39;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}})
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + 1)) s.replace(at, strlen(from), to);
  return s;
}

// Every id (and <a name>) of a page, as the browser reads them.
std::set<std::string> ids_of(const std::string& html) {
  static const std::regex id(R"re(\s(?:id|name)="([^"]*)")re");
  std::set<std::string> out;
  for (auto m = std::sregex_iterator(html.begin(), html.end(), id); m != std::sregex_iterator(); ++m)
    out.insert(unescape_html((*m)[1].str()));
  return out;
}

// The golden.txt "args:" of a fixture, else "build".
std::string args_of(const fs::path& site) {
  std::ifstream in(site / "golden.txt");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("args: ", 0) == 0) return line.substr(6);
  return "build";
}

}  // namespace

TEST_CASE("every fragment in every fixture site's pages names an id its target page has") {
  fs::path root = fs::path(KB_SOURCE_DIR) / "tests/sites/ok";
  static const std::regex href(R"re(<a\s[^>]*href="([^"]*#[^"]*)")re");
  size_t checked = 0;
  for (const auto& entry : fs::directory_iterator(root)) {
    fs::path site = entry.path();
    if (!fs::exists(site / "notes")) continue;
    std::string name = site.filename().string();
    fs::path copy = kb::testing::scratch_path("kb-anchors", name + "-src");
    fs::copy(site, copy, fs::copy_options::recursive);
    fs::path out = kb::testing::scratch_path("kb-anchors", name + "-out");
    Run run = kb::testing::run_kb(copy, args_of(site) + " -q --out '" + out.string() + "'");
    INFO("fixture " << name << "\n" << run.output);
    if (run.status != 0) continue;  // fixtures that fail on purpose are the golden test's business
    std::map<fs::path, std::set<std::string>> ids;
    auto ids_at = [&](const fs::path& page) -> const std::set<std::string>& {
      auto it = ids.find(page);
      if (it == ids.end()) it = ids.emplace(page, ids_of(slurp(page))).first;
      return it->second;
    };
    for (const auto& f : fs::recursive_directory_iterator(out)) {
      if (f.path().extension() != ".html") continue;
      std::string html = slurp(f.path());
      for (auto m = std::sregex_iterator(html.begin(), html.end(), href); m != std::sregex_iterator(); ++m) {
        std::string url = unescape_html((*m)[1].str());
        if (url.find("://") != std::string::npos || url.rfind("//", 0) == 0) continue;
        size_t hash = url.find('#');
        std::string target = url.substr(0, hash), fragment = url.substr(hash + 1);
        if (fragment.empty()) continue;  // "#": the menu's close button
        fs::path page = target.empty() ? f.path() : (f.path().parent_path() / percent_decode(target)).lexically_normal();
        if (page.extension() != ".html" || !fs::exists(page)) continue;  // other checks own missing pages
        const auto& have = ids_at(page);
        INFO(fs::relative(f.path(), out).string() << " links " << url);
        CHECK((have.count(fragment) || have.count(percent_decode(fragment))));
        ++checked;
      }
    }
  }
  CHECK(checked > 50);
}
