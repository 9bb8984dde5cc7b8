#include "search/index_update.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <map>

#include "search/schema.h"
#include "search/searcher.h"
#include "search/static_export.h"

namespace fs = std::filesystem;
using kb::search::EntryChange;
using kb::search::IndexEntry;

namespace {

IndexEntry page(int i, const std::string& extra = "") {
  IndexEntry e;
  e.id = "p" + std::to_string(100 + i) + ".md";
  e.url = "p" + std::to_string(100 + i) + ".html";
  e.title = "Page " + std::to_string(i) + (i % 3 == 0 ? " kinesis" : "");
  e.headings = {"Overview", "Exam traps " + std::to_string(i % 4)};
  e.tags = {i % 2 ? "streaming" : "metrics"};
  e.domain = i % 2 ? "data-engineering" : "modeling";
  e.kind = "note";
  e.text = "Shards carry records " + std::to_string(i) + " times; precision and recall of model " +
           std::to_string(i % 5) + ". " + extra;
  e.summary = e.text.substr(0, 30);
  e.breadcrumb = "Folder";
  return e;
}

kb::search::Synonyms synonyms() {
  kb::Diagnostics diags;
  return *kb::search::parse_synonyms("auc = [\"area under the curve\"]\n", "s.toml", diags);
}

fs::path write_index(const fs::path& dir, const std::vector<IndexEntry>& entries) {
  fs::remove_all(dir);
  std::string error;
  auto w = kb::search::IndexWriter::create(dir, synonyms(), error, entries.size());
  REQUIRE(w);
  for (size_t i = 0; i < entries.size(); ++i) w->add(entries[i], static_cast<Xapian::docid>(i + 1));
  REQUIRE(w->finish(error));
  return dir;
}

std::map<std::string, std::string> exported(const fs::path& dir) {
  std::vector<kb::search::StaticFile> files;
  kb::search::StaticExportStats stats;
  std::string error;
  REQUIRE(kb::search::export_static_index(dir, files, stats, error));
  std::map<std::string, std::string> out;
  for (auto& f : files) out[f.url] = std::move(f.content);
  return out;
}

}  // namespace

TEST_CASE("an entry survives serialization") {
  IndexEntry e = page(7, "with \"quotes\" and ünïcode");
  e.aliases = {"Seven", ""};
  e.index_summary = true;
  IndexEntry back;
  REQUIRE(kb::search::parse_entry(kb::search::serialize_entry(e), back));
  CHECK(kb::search::serialize_entry(back) == kb::search::serialize_entry(e));
  CHECK(back.aliases == e.aliases);
  CHECK(back.text == e.text);
  CHECK_FALSE(kb::search::parse_entry(kb::search::serialize_entry(e).substr(0, 20), back));
}

TEST_CASE("an index updated in place exports exactly as one written anew") {
  fs::path root = fs::temp_directory_path() / ("kb-index-update-" + std::to_string(::getpid()));
  std::vector<IndexEntry> before;
  for (int i = 0; i < 40; ++i) before.push_back(page(i));
  fs::path updated = write_index(root / "updated", before);

  std::vector<IndexEntry> after = before;
  after[3].text += " Firehose converts records to Parquet.";  // new words
  after[10].title = "Renamed page";                            // words gone from the title
  after[17].text = "Only this now.";                           // most words gone
  after[17].summary = "Only";
  after[25].tags = {"etl"};
  after[25].headings.clear();
  std::vector<EntryChange> changes;
  for (size_t i : {3, 10, 17, 25}) changes.push_back({static_cast<Xapian::docid>(i + 1), &before[i], &after[i]});
  std::string error;
  REQUIRE(kb::search::update_index(updated, synonyms(), changes, error));

  fs::path fresh = write_index(root / "fresh", after);
  auto a = exported(updated);
  auto b = exported(fresh);
  REQUIRE(a.size() == b.size());
  for (const auto& [url, content] : b) {
    INFO(url);
    CHECK(a[url] == content);
  }
  // And kb search finds the new words, and corrects towards them.
  auto s = kb::search::Searcher::open(updated, error);
  REQUIRE(s);
  kb::search::SearchOptions o;
  o.query = "parquet";
  auto r = s->search(o);
  REQUIRE(r.results.size() == 1);
  CHECK(r.results[0].title == "Page 3 kinesis");
  o.query = "parqet";
  CHECK(s->search(o).corrected.value_or("") == "parquet");
  fs::remove_all(root);
}
