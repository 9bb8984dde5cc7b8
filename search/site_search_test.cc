#include "search/site_search.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>

namespace fs = std::filesystem;
using kb::search::IndexEntry;

namespace {

IndexEntry page(int i, const std::string& text = "") {
  IndexEntry e;
  e.id = "p" + std::to_string(i) + ".md";
  e.url = "p" + std::to_string(i) + ".html";
  e.title = "Page " + std::to_string(i);
  e.text = text.empty() ? "Shards carry records " + std::to_string(i) : text;
  return e;
}

kb::search::Synonyms synonyms() {
  kb::Diagnostics diags;
  return *kb::search::parse_synonyms("auc = [\"area under the curve\"]\n", "s.toml", diags);
}

struct Site {
  fs::path dir = fs::temp_directory_path() / ("kb-site-search-" + std::to_string(::getpid())) / ".kb-index";
  std::vector<IndexEntry> pages;
  Site() {
    fs::remove_all(dir.parent_path());
    for (int i = 0; i < 30; ++i) pages.push_back(page(i));
  }
  ~Site() { fs::remove_all(dir.parent_path()); }
  std::vector<std::string> ids() const {
    std::vector<std::string> out;
    for (const auto& p : pages) out.push_back(p.id);
    return out;
  }
  std::vector<std::string> bytes() const {
    std::vector<std::string> out;
    for (const auto& p : pages) out.push_back(kb::search::serialize_entry(p));
    return out;
  }
  std::vector<std::string> titles(const std::string& query) {
    std::string error;
    auto s = kb::search::open_site_search(dir, error);
    INFO(error);
    REQUIRE(s);
    kb::search::SearchOptions o;
    o.query = query;
    std::vector<std::string> out;
    for (const auto& r : s->search(o).results) out.push_back(r.title);
    return out;
  }
};

}  // namespace

TEST_CASE("site search: the database is made from the pages when first needed, once") {
  Site site;
  std::string error;
  REQUIRE(kb::search::write_pages(site.dir, synonyms(), site.ids(), site.bytes(), error));
  CHECK_FALSE(fs::exists(site.dir / "db"));
  CHECK_FALSE(kb::search::database_is_current(site.dir));
  bool rebuilt = false;
  REQUIRE(kb::search::sync_database(site.dir, error, &rebuilt));
  CHECK(rebuilt);
  CHECK(kb::search::database_is_current(site.dir));
  REQUIRE(kb::search::sync_database(site.dir, error, &rebuilt));
  CHECK_FALSE(rebuilt);
  CHECK(site.titles("records 7").at(0) == "Page 7");
  CHECK(site.titles("\"area under the curve\"").empty());
}

TEST_CASE("site search: a build in place updates a database that holds the previous pages") {
  Site site;
  std::string error;
  REQUIRE(kb::search::write_pages(site.dir, synonyms(), site.ids(), site.bytes(), error));
  REQUIRE(kb::search::sync_database(site.dir, error));
  auto previous = kb::search::read_pages(site.dir);
  REQUIRE(previous);

  // Page 3 changes, page 5 goes, page 99 comes.
  std::vector<IndexEntry> before = site.pages;
  site.pages[3].text = "Firehose writes Parquet";
  site.pages.erase(site.pages.begin() + 5);
  site.pages.push_back(page(99, "A new page about Parquet"));
  auto bytes = site.bytes();
  std::vector<const std::string*> fresh(site.pages.size(), nullptr);
  fresh[3] = &bytes[3];
  fresh.back() = &bytes.back();
  auto next = kb::search::next_pages(*previous, synonyms(), site.ids(), fresh);
  std::vector<kb::search::EntryChange> changes{
      {&before[3], &site.pages[3]}, {&before[5], nullptr}, {nullptr, &site.pages.back()}};
  REQUIRE(kb::search::update_database(site.dir, *previous, next, changes, error));
  kb::search::PageList written;
  REQUIRE(kb::search::append_pages(site.dir, *previous, synonyms(), site.ids(), fresh, written, error));
  CHECK(kb::search::pages_stamp(written) == kb::search::pages_stamp(next));
  bool rebuilt = true;
  REQUIRE(kb::search::sync_database(site.dir, error, &rebuilt));
  CHECK_FALSE(rebuilt);  // it was brought up to date in place
  auto found = site.titles("parquet");
  std::sort(found.begin(), found.end());
  CHECK(found == std::vector<std::string>{"Page 3", "Page 99"});
  for (const auto& t : site.titles("records 5")) CHECK(t != "Page 5");

  // A database that does not hold the previous pages is left alone, and the
  // next search makes it anew.
  auto now = kb::search::read_pages(site.dir);
  REQUIRE(now);
  CHECK_FALSE(kb::search::update_database(site.dir, *previous, next, changes, error));
  site.pages[0].text = "Only zyzzyva";
  bytes = site.bytes();
  std::vector<const std::string*> one(site.pages.size(), nullptr);
  one[0] = &bytes[0];
  REQUIRE(kb::search::append_pages(site.dir, *now, synonyms(), site.ids(), one, written, error));
  REQUIRE(kb::search::sync_database(site.dir, error, &rebuilt));
  CHECK(rebuilt);
  CHECK(site.titles("zyzzyva") == std::vector<std::string>{"Page 0"});
}

TEST_CASE("site search: the entry log is compacted and every entry stays readable") {
  Site site;
  std::string error;
  REQUIRE(kb::search::write_pages(site.dir, synonyms(), site.ids(), site.bytes(), error));
  for (int round = 0; round < 40; ++round) {
    auto previous = kb::search::read_pages(site.dir);
    REQUIRE(previous);
    site.pages[round % 3].text = std::string(100000, 'a' + round % 26) + " round " + std::to_string(round);
    auto bytes = site.bytes();
    std::vector<const std::string*> fresh(site.pages.size(), nullptr);
    fresh[round % 3] = &bytes[round % 3];
    kb::search::PageList written;
    REQUIRE(kb::search::append_pages(site.dir, *previous, synonyms(), site.ids(), fresh, written, error));
  }
  // Three live entries of 100 KB: far less than the 40 written.
  CHECK(fs::file_size(site.dir / "pages.bin") < 2 * 300000 + (1u << 20) + 200000);
  auto list = kb::search::read_pages(site.dir);
  REQUIRE(list);
  for (size_t i = 0; i < list->pages.size(); ++i) {
    auto e = kb::search::read_entry(site.dir, list->pages[i]);
    REQUIRE(e);
    CHECK(e->text == site.pages[i].text);
  }
}

TEST_CASE("site search: a missing or damaged page list says to build") {
  Site site;
  std::string error;
  CHECK_FALSE(kb::search::sync_database(site.dir, error));
  CHECK(error.find("run kb build") != std::string::npos);
  REQUIRE(kb::search::write_pages(site.dir, synonyms(), site.ids(), site.bytes(), error));
  std::ofstream(site.dir / "pages.idx", std::ios::app) << "x";
  CHECK_FALSE(kb::search::read_pages(site.dir));
  error.clear();
  CHECK_FALSE(kb::search::open_site_search(site.dir, error));
  CHECK(error.find("run kb build") != std::string::npos);
}
