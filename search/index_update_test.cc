#include "search/index_update.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <map>

#include "search/schema.h"
#include "search/searcher.h"

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

// What a database holds, by page id (document ids aside): every page's
// terms with wdf and positions, the spelling data and the synonym table.
std::map<std::string, std::string> dump(const fs::path& dir) {
  Xapian::Database db(dir.string());
  std::map<std::string, std::string> out;
  for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d) {
    std::string id, terms;
    for (auto t = db.termlist_begin(*d); t != db.termlist_end(*d); ++t) {
      if ((*t).rfind("Q", 0) == 0) id = *t;
      terms += *t + ":" + std::to_string(t.get_wdf()) + "@";
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) terms += std::to_string(*p) + ",";
      terms += " ";
    }
    out[id] = terms + "len " + std::to_string(db.get_doclength(*d));
  }
  for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w)
    out["spelling " + *w] = std::to_string(w.get_termfreq());
  for (auto k = db.synonym_keys_begin(); k != db.synonym_keys_end(); ++k)
    for (auto v = db.synonyms_begin(*k); v != db.synonyms_end(*k); ++v) out["synonym " + *k] += *v + " ";
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

TEST_CASE("an index updated in place holds what one written anew does") {
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
  after.erase(after.begin() + 30);                           // a page gone
  after.push_back(page(77, "A brand new page about Parquet."));   // and a new one
  std::vector<EntryChange> changes;
  for (size_t i : {3, 10, 17, 25}) changes.push_back({&before[i], &after[i]});
  changes.push_back({&before[30], nullptr});
  changes.push_back({nullptr, &after.back()});
  std::string error;
  REQUIRE(kb::search::update_index(updated, synonyms(), changes, {{"kb:pages", "stamp"}}, error));

  fs::path fresh = write_index(root / "fresh", after);
  auto a = dump(updated);
  auto b = dump(fresh);
  CHECK(a.size() == b.size());
  for (const auto& [key, value] : b) {
    INFO(key);
    CHECK(a[key] == value);
  }
  CHECK(Xapian::Database(updated.string()).get_metadata("kb:pages") == "stamp");
  // And kb search finds the new words, and corrects towards them.
  auto s = kb::search::Searcher::open(updated, error);
  REQUIRE(s);
  kb::search::SearchOptions o;
  o.query = "parquet";
  auto r = s->search(o);
  REQUIRE(r.results.size() == 2);
  CHECK((r.results[0].title + "|" + r.results[1].title).find("Page 3 kinesis") != std::string::npos);
  o.query = "parqet";
  CHECK(s->search(o).corrected.value_or("") == "parquet");
  fs::remove_all(root);
}
