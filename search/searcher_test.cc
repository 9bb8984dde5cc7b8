// The index and the query side together, on a small corpus built here.
#include <unistd.h>

#include <filesystem>
#include <thread>

#include <catch2/catch.hpp>
#include <xapian.h>

#include "search/indexer.h"
#include "search/schema.h"
#include "search/searcher.h"

namespace fs = std::filesystem;
using kb::search::IndexEntry;
using kb::search::Searcher;
using kb::search::SearchOptions;

namespace {

IndexEntry entry(std::string id, std::string title, std::string text, std::string domain, std::string kind,
                 std::vector<std::string> tags = {}, std::vector<std::string> aliases = {}) {
  IndexEntry e;
  e.id = id;
  e.url = id.substr(0, id.size() - 3) + ".html";
  e.title = std::move(title);
  e.text = std::move(text);
  e.domain = std::move(domain);
  e.kind = std::move(kind);
  e.tags = std::move(tags);
  e.aliases = std::move(aliases);
  e.summary = e.text.substr(0, 40);
  return e;
}

const fs::path& index_dir() {
  static fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("kb-search-test-" + std::to_string(::getpid())) / kb::search::kIndexDir;
    fs::remove_all(d.parent_path());
    kb::Diagnostics diags;
    auto syn = kb::search::parse_synonyms(
        "auc = [\"area under the curve\"]\nrcf = [\"random cut forest\"]\nrecall = [\"sensitivity\"]\n", "s.toml", diags);
    std::string error;
    auto w = kb::search::IndexWriter::create(d, *syn, error);
    REQUIRE(w);
    w->add(entry("metrics/roc.md", "ROC curve", "The area under the curve summarises the ROC curve.", "modeling",
                 "formula", {"metrics"}));
    w->add(entry("metrics/pr.md", "Precision and recall", "Recall is TP over TP plus FN. Precision is TP over TP plus FP.",
                 "modeling", "formula", {"metrics", "classification"}));
    w->add(entry("algos/rcf.md", "Random Cut Forest", "An anomaly detector built from random trees.", "modeling",
                 "algorithm", {"anomaly"}));
    w->add(entry("de/kinesis.md", "Amazon Kinesis Data Streams", "Shards carry records in real time.",
                 "data-engineering", "service", {"streaming"}, {"KDS"}));
    w->add(entry("de/firehose.md", "Amazon Data Firehose", "Delivers streams to S3 and converts them to Parquet.",
                 "data-engineering", "service", {"streaming"}, {"Kinesis Data Firehose"}));
    w->add(entry("de/glue.md", "AWS Glue", "Crawlers fill the catalog; jobs convert CSV to Parquet. Random forests not here.",
                 "data-engineering", "service", {"etl"}));
    REQUIRE(w->finish(error));
    return d;
  }();
  return dir;
}

kb::search::SearchResponse run(const std::string& q, size_t limit = 10) {
  std::string error;
  auto s = Searcher::open(index_dir(), error);
  REQUIRE(s);
  SearchOptions o;
  o.query = q;
  o.limit = limit;
  return s->search(o);
}

std::vector<std::string> titles(const kb::search::SearchResponse& r) {
  std::vector<std::string> out;
  for (const auto& x : r.results) out.push_back(x.title);
  return out;
}

}  // namespace

TEST_CASE("words find pages, title first") {
  auto r = run("firehose");
  REQUIRE(!r.results.empty());
  CHECK(r.results[0].title == "Amazon Data Firehose");
  CHECK(r.results[0].url == "de/firehose.html");
  CHECK(r.results[0].path == "de/firehose.md");
  CHECK(r.results[0].score > 0);
  auto parquet = run("parquet");
  CHECK(parquet.total == 2);
}

TEST_CASE("phrases match stemmed forms, and only in order") {
  auto r = run("\"random cut forest\"");
  CHECK(titles(r) == std::vector<std::string>{"Random Cut Forest"});
  auto r2 = run("\"random forests\"");  // Glue's body: "Random forests not here."
  CHECK(titles(r2) == std::vector<std::string>{"AWS Glue"});
  CHECK(run("\"forest random\"").total == 0);
}

TEST_CASE("boolean operators, prefixes and fields") {
  CHECK(run("parquet AND crawlers").total == 1);
  CHECK(run("parquet NOT crawlers").total == 1);
  CHECK(run("kines*").total >= 2);
  auto t = run("title:firehose");
  CHECK(titles(t) == std::vector<std::string>{"Amazon Data Firehose"});
  CHECK(run("tag:streaming").total == 2);
  CHECK(run("domain:data-engineering").total == 3);
  CHECK(run("kind:algorithm").total == 1);
  CHECK(run("Kinesis").total == run("kinesis").total);
}

TEST_CASE("synonyms: auc, sensitivity, rcf") {
  CHECK(titles(run("auc")).at(0) == "ROC curve");
  CHECK(titles(run("sensitivity")).at(0) == "Precision and recall");
  CHECK(titles(run("rcf")).at(0) == "Random Cut Forest");
  CHECK(titles(run("RCF")).at(0) == "Random Cut Forest");
}

TEST_CASE("did you mean, with the corrected query's results") {
  auto r = run("kinesys");
  REQUIRE(r.corrected);
  CHECK(*r.corrected == "kinesis");
  CHECK(!r.results.empty());
  auto ok = run("kinesis");
  CHECK(!ok.corrected);
}

TEST_CASE("facets count every match by domain and kind") {
  auto r = run("streams OR parquet OR anomaly", 1);
  CHECK(r.results.size() == 1);
  CHECK(r.facets["domain"]["data-engineering"] == 3);
  CHECK(r.facets["domain"]["modeling"] == 1);
  CHECK(r.facets["kind"]["service"] == 3);
}

TEST_CASE("filters by domain and tag") {
  std::string error;
  auto s = Searcher::open(index_dir(), error);
  SearchOptions o;
  o.query = "tp OR parquet OR random";
  o.domains = {"data-engineering"};
  auto r = s->search(o);
  for (const auto& x : r.results) CHECK(x.path.rfind("de/", 0) == 0);
  o.domains.clear();
  o.tags = {"metrics", "classification"};
  CHECK(titles(s->search(o)) == std::vector<std::string>{"Precision and recall"});
}

TEST_CASE("bad queries never crash") {
  for (std::string q : {std::string("\"unbalanced quote"), std::string(10000, 'x'), std::string("a\x01\x02\x7f b"),
                        std::string("the of and"), std::string(""), std::string("((("), std::string("AND OR NOT"),
                        std::string("title:"), std::string("\xff\xfe\x80"), std::string("*"), std::string("-"),
                        std::string(5000, '"'), std::string("kinesis\"")}) {
    INFO(q.substr(0, 40));
    auto r = run(q);
    CHECK(r.error.empty());
    auto j = kb::search::to_json(r);
    CHECK(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).size() > 0);
  }
  CHECK(run("the").total >= 1);  // only stop words: they are searched after all
}

TEST_CASE("a missing index is a clear error") {
  std::string error;
  CHECK_FALSE(Searcher::open("/nonexistent/.kb-index", error));
  CHECK(error.find("kb build") != std::string::npos);
}

TEST_CASE("JSON has the documented shape") {
  auto j = kb::search::to_json(run("parquet"));
  for (const char* key : {"query", "corrected", "total", "results", "facets"}) CHECK(j.contains(key));
  CHECK(j["corrected"].is_null());
  REQUIRE(j["results"].size() >= 1);
  for (const char* key : {"title", "url", "path", "score", "snippet"}) CHECK(j["results"][0].contains(key));
  CHECK(j["results"][0]["snippet"].get<std::string>().find("<mark>") != std::string::npos);
  CHECK(j["facets"].contains("domain"));
  CHECK(j["facets"].contains("kind"));
}

TEST_CASE("one changed page is re-indexed alone with replace_document") {
  fs::path copy = index_dir().parent_path() / "copy";
  fs::remove_all(copy);
  fs::copy(index_dir(), copy);
  {
    Xapian::WritableDatabase db(copy.string());
    kb::search::Synonyms none;
    kb::search::DocumentBuilder b(&none);
    auto e = entry("de/glue.md", "AWS Glue", "Now about zeppelins.", "data-engineering", "service");
    db.replace_document(std::string(kb::search::kPrefixId) + e.id, b.build(e));
    db.commit();
  }
  std::string error;
  auto s = Searcher::open(copy, error);
  REQUIRE(s);
  SearchOptions o;
  o.query = "zeppelins";
  CHECK(s->search(o).total == 1);
  o.query = "crawlers";
  CHECK(s->search(o).total == 0);
  o.query = "glue";
  CHECK(s->search(o).total == 1);
}

TEST_CASE("pages added with their ids keep them, whichever thread adds which", "[search][indexer]") {
  fs::path d = fs::temp_directory_path() / ("kb-search-ids-" + std::to_string(::getpid())) / kb::search::kIndexDir;
  fs::remove_all(d.parent_path());
  std::string error;
  const size_t n = 64;
  auto w = kb::search::IndexWriter::create(d, kb::search::Synonyms{}, error, n);
  REQUIRE(w);
  // Out of order, from several threads at once.
  std::vector<std::thread> threads;
  for (size_t t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (size_t i = n - t; i >= 1; i = i > 4 ? i - 4 : 0)
        w->add(entry("p" + std::to_string(i) + ".md", "Page " + std::to_string(i), "words of page " + std::to_string(i),
                     "modeling", "note"),
               static_cast<Xapian::docid>(i));
    });
  for (auto& t : threads) t.join();
  REQUIRE(w->finish(error));
  Xapian::Database db(d.string());
  CHECK(db.get_doccount() == n);
  CHECK(db.get_lastdocid() == n);
  for (Xapian::docid id = 1; id <= n; ++id) {
    INFO(id);
    auto term = db.allterms_begin("Qp" + std::to_string(id) + ".md");
    REQUIRE(term != db.allterms_end("Qp" + std::to_string(id) + ".md"));
    CHECK(*db.postlist_begin(*term) == id);
  }
  fs::remove_all(d.parent_path());
}

TEST_CASE("normalize_query: joined words side by side, fields and operators kept, sentence punctuation as spaces") {
  using kb::search::normalize_query;
  CHECK(normalize_query("x-recordio-protobuf a/b iam:passrole") == "x recordio protobuf a b iam passrole");
  CHECK(normalize_query("domain:data-engineering title:k-fold") == "domain:data-engineering title:k-fold");
  CHECK(normalize_query("\"k-fold cross\" NEAR/3 x") == "\"k-fold cross \" NEAR/3 x");
  CHECK(normalize_query("auditing: which, really? 3.14 -noise +must") == "auditing  which  really  3.14 -noise +must");
}

TEST_CASE("a page titled exactly as the query comes first, whatever its weight and rank") {
  fs::path d = fs::temp_directory_path() / ("kb-search-title-" + std::to_string(::getpid())) / "db";
  fs::remove_all(d.parent_path());
  std::string error;
  auto w = kb::search::IndexWriter::create(d, {}, error);
  REQUIRE(w);
  std::string often;
  for (int i = 0; i < 40; ++i) often += "A fireball spell burns. ";
  for (int i = 0; i < 30; ++i)  // more than a page of results above it
    w->add(entry("spells/s" + std::to_string(i) + ".md", "Spell list " + std::to_string(i), often, "", "note", {"list"}));
  w->add(entry("spells/fireball.md", "Fireball", "A long paragraph about evocation, damage, saving throws, range, "
               "components and the history of the spell in many editions, with fireball said once.", "", "note"));
  REQUIRE(w->finish(error));
  auto s = Searcher::open(d, error);
  REQUIRE(s);
  SearchOptions o;
  o.query = "fireball";
  o.limit = 3;
  auto r = s->search(o);
  REQUIRE(r.results.size() == 3);
  CHECK(r.results[0].title == "Fireball");
  CHECK(r.results[0].score < r.results[1].score);  // first by its title, not its weight
  CHECK(r.total == 31);
  o.limit = 40;
  r = s->search(o);
  REQUIRE(r.results.size() == 31);  // once, not again at its own rank
  CHECK(r.results[0].title == "Fireball");
  CHECK(r.results[30].title != "Fireball");
  o.limit = 3;
  o.query = "FIREBALL!";  // case and punctuation aside
  CHECK(s->search(o).results[0].title == "Fireball");
  o.query = "firebal";  // corrected: the corrected query's title
  r = s->search(o);
  CHECK(r.corrected == std::optional<std::string>("fireball"));
  CHECK(r.results[0].title == "Fireball");
  o.query = "fireball";
  o.tags = {"list"};  // filtered out: not shown
  r = s->search(o);
  CHECK(r.total == 30);
  for (const auto& hit : r.results) CHECK(hit.title != "Fireball");
  o.tags.clear();
  o.query = "fireball spell";
  CHECK(s->search(o).results[0].title != "Fireball");
  fs::remove_all(d.parent_path());
}

TEST_CASE("a phrase with a synonym keeps its words' weight: the page of that name comes first") {
  // A phrase that is a synonym key ("area under the curve", group auc): its
  // words are weighed as words and the group's term is added, so a common
  // word of it ("the", "data") does not make the whole phrase weigh nothing.
  auto r = run("amazon kinesis data streams");
  REQUIRE(!r.results.empty());
  CHECK(r.results[0].title == "Amazon Kinesis Data Streams");
  auto auc = run("area under the curve");
  REQUIRE(!auc.results.empty());
  CHECK(auc.results[0].title == "ROC curve");
}
