#include "search/browser_index.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <map>
#include <random>
#include <set>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "search/index_update.h"
#include "search/schema.h"
#include "search/tokenizer.h"

namespace fs = std::filesystem;
using kb::search::BrowserIndex;
using kb::search::DocumentBuilder;
using kb::search::IndexEntry;

namespace {

IndexEntry page(int i, const std::string& extra = "") {
  IndexEntry e;
  e.id = "notes/p" + std::to_string(100 + i) + ".md";
  e.url = "p" + std::to_string(100 + i) + ".html";
  e.title = "Page " + std::to_string(i) + (i % 3 == 0 ? " Kinesis Firehose" : " metrics");
  if (i % 4 == 0) e.aliases = {"Alias " + std::to_string(i)};
  e.headings = {"Overview", "Exam traps " + std::to_string(i % 4)};
  e.tags = {i % 2 ? "streaming" : "metrics"};
  e.domain = i % 2 ? "data-engineering" : "modeling";
  e.text = "Shards carry 1000 records " + std::to_string(i) + " times; the area under the curve of model " +
           std::to_string(i % 5) + " ünïcode ß. " + extra;
  e.summary = e.text.substr(0, 30);
  e.index_summary = i % 5 == 0;
  e.breadcrumb = "Folder \u203A Sub";
  return e;
}

kb::search::Synonyms synonyms() {
  kb::Diagnostics diags;
  return *kb::search::parse_synonyms("auc = [\"area under the curve\"]\nrcf = [\"random cut forest\"]\n", "s.toml",
                                     diags);
}

using Files = std::map<std::string, std::string>;

Files files_of(BrowserIndex::Export&& e) {
  Files out;
  for (auto& f : e.files) out[f.url] = std::move(f.content);
  return out;
}

// Positions files of 16 pages, so that the tests' sites have several ranges.
constexpr uint32_t kTestPositionsPages = 16;

BrowserIndex index_of(const std::vector<IndexEntry>& pages, const kb::search::Synonyms& syn,
                      uint32_t positions_pages = kTestPositionsPages) {
  BrowserIndex index;
  index.set_positions_pages(positions_pages);
  DocumentBuilder builder(&syn);
  std::vector<DocumentBuilder::Terms> terms;
  for (const auto& p : pages) terms.push_back(builder.terms(p));
  std::vector<uint32_t> table;
  index.intern(builder, table);
  for (size_t i = 0; i < pages.size(); ++i)
    index.set(static_cast<uint32_t>(i + 1), pages[i].id, terms[i], table, kb::search::card_of(pages[i]));
  return index;
}

// The postings a Xapian database of the same pages holds, in the browser
// files' encoding: every searched term's (docid delta, wdf) varints.
std::map<std::string, std::string> database_postings(const fs::path& dir) {
  Xapian::Database db(dir.string());
  std::map<std::string, std::string> out;
  for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
    const std::string term = *t;
    bool upper = term[0] >= 'A' && term[0] <= 'Z';
    bool stem = term[0] == 'Z' && term.size() > 1 && !(term[1] >= 'A' && term[1] <= 'Z');
    if ((upper && !stem && term.rfind("XS", 0) != 0 && term.rfind("XE", 0) != 0) ||
        (!upper && kb::search::should_stem(term)))
      continue;
    std::string p;
    Xapian::docid prev = 0;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
      kb::search::append_varint(p, *it - prev);
      kb::search::append_varint(p, it.get_wdf());
      prev = *it;
    }
    out[term] = p;
  }
  return out;
}

// The positions the database holds of the terms that have them (not
// synonym groups), in p/*.js's encoding: for each page of the term's
// postings, the count, then the first and each one's distance from the one
// before.
std::map<std::string, std::string> database_positions(const fs::path& dir) {
  Xapian::Database db(dir.string());
  std::map<std::string, std::string> out;
  for (const auto& [term, postings] : database_postings(dir)) {
    if (term.rfind("XS", 0) == 0 || term.rfind("XE", 0) == 0) continue;
    std::string p;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
      std::vector<Xapian::termpos> at(db.positionlist_begin(*it, term), db.positionlist_end(*it, term));
      kb::search::append_varint(p, at.size());
      Xapian::termpos prev = 0;
      for (Xapian::termpos pos : at) {
        kb::search::append_varint(p, pos - prev);
        prev = pos;
      }
    }
    out[term] = p;
  }
  return out;
}

// What a browser file holds: `field` of t/*.js ("p": {term: postings}), or
// all of p/*.js ({term: positions}) when `field` is empty, a term's ranges
// (p/<key>-<range>.js) joined in range order.
std::map<std::string, std::string> file_terms(const Files& files, const std::string& folder, const std::string& field) {
  std::map<std::string, std::map<long, std::string>> parts;  // term -> range -> its string
  for (const auto& [url, content] : files) {
    if (url.rfind(folder, 0) != 0) continue;
    const size_t dash = url.rfind('-');
    const long range = field.empty() ? std::stol(url.substr(dash + 1)) : 0;
    auto start = content.find(',') + 1;
    auto json = nlohmann::json::parse(content.substr(start, content.rfind(')') - start));
    for (const auto& [term, p] : (field.empty() ? json : json.at(field)).items())
      parts[term][range] = p.get<std::string>();
  }
  std::map<std::string, std::string> out;
  for (const auto& [term, ranges] : parts)
    for (const auto& [range, p] : ranges) out[term] += p;
  return out;
}

std::map<std::string, std::string> file_postings(const Files& files) { return file_terms(files, "search/t/", "p"); }

}  // namespace

TEST_CASE("the browser index holds the postings a Xapian database of the same pages holds") {
  auto syn = synonyms();
  std::vector<IndexEntry> pages;
  for (int i = 0; i < 50; ++i) pages.push_back(page(i));
  fs::path dir = fs::temp_directory_path() / ("kb-browser-index-" + std::to_string(::getpid()));
  std::string error;
  auto writer = kb::search::IndexWriter::create(dir, syn, error, pages.size());
  REQUIRE(writer);
  for (size_t i = 0; i < pages.size(); ++i) writer->add(pages[i], static_cast<Xapian::docid>(i + 1));
  REQUIRE(writer->finish(error));

  BrowserIndex index = index_of(pages, syn);
  Files files = files_of(index.export_files(syn));
  auto expected = database_postings(dir);
  CHECK(expected.count("Zfirehos"));
  CHECK(expected.count("XSauc"));
  CHECK(expected.count("1000"));
  CHECK(expected.count("XEpage 3 kinesis firehose"));  // exact titles, for a result titled as the query
  CHECK(file_postings(files) == expected);
  // Positions too, for phrases: each stem's and number's on each page.
  auto positions = database_positions(dir);
  CHECK(positions.count("Zfirehos"));
  CHECK(positions.count("1000"));
  CHECK(!positions.count("XSauc"));
  CHECK(file_terms(files, "search/p/", "") == positions);
  CHECK(files.count("search/p/fi-0.js"));  // 50 pages, 16 to a file
  CHECK(files.count("search/p/fi-3.js"));
  CHECK_FALSE(files.count("search/p/fi-4.js"));
  CHECK(files.at("search/meta.js").find("\"positions_pages\":16") != std::string::npos);
  // One range for all, as a site of a few pages has.
  CHECK(file_terms(files_of(index_of(pages, syn, 1024).export_files(syn)), "search/p/", "") == positions);

  // Lengths and totals as Xapian counts them.
  Xapian::Database db(dir.string());
  std::string dl;
  for (Xapian::docid d = 1; d <= pages.size(); ++d) kb::search::append_varint(dl, db.get_doclength(d));
  const std::string& meta = files.at("search/meta.js");
  CHECK(meta.find("\"dl\":\"" + dl + "\"") != std::string::npos);
  CHECK(meta.find("\"total\":" + std::to_string(db.get_total_length()) + ",") != std::string::npos);
  CHECK(meta.find("\"n\":50,") != std::string::npos);
  CHECK(meta.find("\"auc\":[\"XSauc\"]") != std::string::npos);
  // The words with a stem are listed for completion, not given postings.
  CHECK(files.at("search/t/fi.js").find("\"firehose\":") != std::string::npos);
  CHECK(files.count("search/d/3.js"));
  CHECK(files.at("search/d/0.js").find("\"title\":\"Page 1 metrics\"") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("a browser index patched page by page exports what a new one does") {
  auto syn = synonyms();
  std::mt19937 rng(7);
  std::vector<IndexEntry> pages;
  for (int i = 0; i < 60; ++i) pages.push_back(page(i));
  BrowserIndex kept = index_of(pages, syn);
  Files site = files_of(kept.export_files(syn));
  int next = 1000;
  for (int step = 0; step < 12; ++step) {
    INFO("step " << step);
    // Some pages change, one goes, one comes (in the middle of the order).
    std::vector<size_t> changed;
    for (int k = 0; k < 3; ++k) {
      size_t i = rng() % pages.size();
      pages[i].text = "Now about random cut forest " + std::to_string(rng() % 50) + " and shards " +
                      std::to_string(step);
      if (k == 0) pages[i].title = "Retitled " + std::to_string(step);
      changed.push_back(i);
    }
    if (step % 3 == 1) {
      size_t gone = rng() % pages.size();
      pages.erase(pages.begin() + static_cast<long>(gone));
      for (auto& c : changed) c = c > gone ? c - 1 : (c == gone ? SIZE_MAX : c);
      IndexEntry fresh = page(next++, "brand new words zyzzyva");
      size_t at = rng() % pages.size();
      pages.insert(pages.begin() + static_cast<long>(at), fresh);
      for (auto& c : changed)
        if (c != SIZE_MAX && c >= at) ++c;
      changed.push_back(at);
    }
    // Through the cache now and then, as builds in separate processes do.
    if (step % 4 == 2) {
      auto back = BrowserIndex::parse(kept.serialize());
      REQUIRE(back);
      kept = std::move(*back);
    }
    std::vector<std::string> ids;
    for (const auto& p : pages) ids.push_back(p.id);
    kept.reorder(ids);
    DocumentBuilder builder(&syn);
    std::vector<uint32_t> table;
    for (size_t c : changed) {
      if (c == SIZE_MAX) continue;
      auto terms = builder.terms(pages[c]);
      kept.intern(builder, table);
      kept.set(static_cast<uint32_t>(c + 1), pages[c].id, terms, table, kb::search::card_of(pages[c]));
    }
    auto patch = kept.export_files(syn);
    Files now;
    for (const auto& url : patch.urls) now[url] = site.count(url) ? site[url] : "";
    for (auto& f : patch.files) now[f.url] = std::move(f.content);
    Files fresh = files_of(index_of(pages, syn).export_files(syn));
    REQUIRE(now.size() == fresh.size());
    for (const auto& [url, content] : fresh) {
      INFO(url);
      CHECK(now[url] == content);
    }
    site = now;
  }
}

TEST_CASE("damaged browser index bytes are refused") {
  auto syn = synonyms();
  std::vector<IndexEntry> pages{page(1), page(2)};
  std::string bytes = index_of(pages, syn).serialize();
  CHECK(BrowserIndex::parse(bytes));
  CHECK_FALSE(BrowserIndex::parse(bytes.substr(0, bytes.size() / 2)));
  CHECK_FALSE(BrowserIndex::parse(bytes + "x"));
  CHECK_FALSE(BrowserIndex::parse(""));
  // The last page's positions end the bytes: one that is not a varint's.
  std::string bad = bytes;
  bad.back() = '!';
  CHECK_FALSE(BrowserIndex::parse(bad));
}

TEST_CASE("a journal replayed on the parsed postings gives what a whole write would") {
  auto syn = synonyms();
  std::mt19937 rng(77);
  std::vector<IndexEntry> pages;
  for (int i = 0; i < 40; ++i) pages.push_back(page(i));
  const std::string whole = index_of(pages, syn).serialize();
  std::vector<std::string> journal;  // frames, as builds append them
  for (int step = 0; step < 8; ++step) {
    INFO("step " << step);
    // A build in a new process: the postings as the cache has them...
    auto kept = BrowserIndex::parse(whole);
    REQUIRE(kept);
    for (const auto& frame : journal) REQUIRE(kept->apply_journal(frame));
    // ...and some pages edited, with new words now and then.
    std::vector<size_t> changed;
    for (int k = 0; k < 2; ++k) {
      size_t i = rng() % pages.size();
      pages[i].text = "edited " + std::to_string(step) + (k ? " novelword" + std::to_string(step) : " shards");
      pages[i].title = "Title " + std::to_string(rng() % 1000);
      changed.push_back(i);
    }
    DocumentBuilder builder(&syn);
    std::vector<uint32_t> table;
    for (size_t c : changed) {
      auto terms = builder.terms(pages[c]);
      kept->intern(builder, table);
      kept->set(static_cast<uint32_t>(c + 1), pages[c].id, terms, table, kb::search::card_of(pages[c]));
    }
    auto frame = kept->journal();
    REQUIRE(frame);
    journal.push_back(*frame);
    // The whole file and every frame so far, replayed: the index a build from
    // nothing makes, file for file.
    auto replayed = BrowserIndex::parse(whole);
    REQUIRE(replayed);
    for (const auto& f : journal) REQUIRE(replayed->apply_journal(f));
    replayed->touch_all();
    Files got = files_of(replayed->export_files(syn));
    Files fresh = files_of(index_of(pages, syn).export_files(syn));
    REQUIRE(got.size() == fresh.size());
    for (const auto& [url, content] : fresh) {
      INFO(url);
      CHECK(got[url] == content);
    }
  }
  // A reorder renumbers pages: no journal, the whole file instead.
  auto kept = BrowserIndex::parse(whole);
  REQUIRE(kept);
  std::vector<std::string> ids;
  for (auto it = pages.rbegin(); it != pages.rend(); ++it) ids.push_back(it->id);
  kept->reorder(ids);
  CHECK_FALSE(kept->journal());
  // Not parsed: nothing to journal against.
  CHECK_FALSE(index_of(pages, syn).journal());
  // A damaged frame leaves the index unusable, never half replayed silently.
  REQUIRE(!journal.empty());
  auto damaged = BrowserIndex::parse(whole);
  REQUIRE(damaged);
  CHECK_FALSE(damaged->apply_journal(journal[0].substr(0, journal[0].size() / 2)));
  CHECK_FALSE(BrowserIndex::parse(whole)->apply_journal(journal[0] + "x"));
}

TEST_CASE("the pages per positions file are kept in the cache, and a change rewrites every positions file") {
  auto syn = synonyms();
  std::vector<IndexEntry> pages;
  for (int i = 0; i < 40; ++i) pages.push_back(page(i));
  auto kept = BrowserIndex::parse(index_of(pages, syn, 8).serialize());
  REQUIRE(kept);
  CHECK(kept->positions_pages() == 8);
  kept->set_positions_pages(8);
  CHECK(kept->export_files(syn).files.size() == 1);  // meta.js alone: nothing changed
  kept->set_positions_pages(16);
  CHECK_FALSE(kept->journal());  // the cache is written whole
  Files got = files_of(kept->export_files(syn));
  Files fresh = files_of(index_of(pages, syn, 16).export_files(syn));
  CHECK(got == fresh);
  CHECK(got.count("search/p/fi-2.js"));
  CHECK_FALSE(got.count("search/p/fi-3.js"));
}

TEST_CASE("an index exported again and again finds an edit's postings by term, and exports what a new one would") {
  auto syn = synonyms();
  std::mt19937 rng(99);
  std::vector<IndexEntry> pages;
  for (int i = 0; i < 200; ++i) pages.push_back(page(i));
  BrowserIndex kept = index_of(pages, syn);
  Files site = files_of(kept.export_files(syn));
  size_t by_term = 0;
  size_t alone = 0;  // the page that has the one word of shard "qx"
  for (int step = 0; step < 30; ++step) {
    INFO("step " << step);
    // One page edited, as an author saves: a word of its own, now and then
    // one it shares, a word taken away.
    size_t i = rng() % pages.size();
    if (step == 11 && i == alone) i = (i + 1) % pages.size();  // it keeps the word until step 12
    if (step == 10) {
      alone = i;
      pages[i].text += " qxjolt";  // a shard that was not there
    } else if (step == 12) {
      i = alone;
      pages[i].text.erase(pages[i].text.find(" qxjolt"), 7);  // and is gone again
    } else if (step % 5 == 4) {  // words moved, none added or taken: only positions change
      std::string& t = pages[i].text;
      t = t.rfind("Shards carry", 0) == 0 ? "carry Shards" + t.substr(12) : "Shards carry" + t.substr(12);
    } else if (step % 4 == 3 && pages[i].text.find(" quokka") != std::string::npos) {
      pages[i].text.erase(pages[i].text.find(" quokka"));  // words taken away
    } else {
      pages[i].text += " quokka" + std::to_string(step) + (step % 3 ? " zebu" : "");
    }
    DocumentBuilder builder(&syn);
    std::vector<uint32_t> table;
    auto terms = builder.terms(pages[i]);
    kept.intern(builder, table);
    kept.set(static_cast<uint32_t>(i + 1), pages[i].id, terms, table, kb::search::card_of(pages[i]));
    auto patch = kept.export_files(syn);
    by_term += patch.pages_read == 0;
    if (step % 5 == 4) {  // words moved: no shard, only positions files of the page's range
      CHECK_FALSE(patch.files.empty());
      for (const auto& f : patch.files) {
        INFO(f.url);
        CHECK(f.url.rfind("search/t/", 0) != 0);
        if (f.url.rfind("search/p/", 0) == 0)
          CHECK(f.url.substr(f.url.rfind('-')) == "-" + std::to_string(i / kTestPositionsPages) + ".js");
      }
    }
    for (auto& f : patch.files) site[f.url] = std::move(f.content);
    Files fresh = files_of(index_of(pages, syn).export_files(syn));
    std::set<std::string> listed(patch.urls.begin(), patch.urls.end()), made;
    for (const auto& [url, content] : fresh) made.insert(url);
    CHECK(listed == made);  // a shard that appears or goes is listed as it does
    CHECK(listed.count("search/t/qx.js") == (step >= 10 && step < 12));
    for (const auto& [url, content] : fresh) {
      INFO(url);
      CHECK(site[url] == content);
    }
  }
  CHECK(by_term > 20);  // most edits read no page but the edited one's terms
}
