// Fuzz target: the C++ readers of the static (browser) search index
// (search/browser_index.h, layout in search/static_export.h). The shards the
// site ships (search/meta.js, t/*.js, d/*.js) are read only by the browser's
// JavaScript client (assets/search/engine.js), which libFuzzer cannot run;
// what C++ reads back is the index kept in the build cache
// (BrowserIndex::serialize()/parse() and its journal, apply_journal()) and
// the pages' entries (search/index_update.h parse_entry()), all from bytes
// on disk that may be damaged. Exports of what was read exercise the shard
// writer (shard_key(), varints) on those values.
//
// Input: the first byte chooses the reader:
//   0 BrowserIndex::parse(); when it takes the bytes, serialize() of the
//     result parses again to the same bytes, and export/journal run on it;
//   1 apply_journal() of the bytes on a valid index made in
//     LLVMFuzzerInitialize() (then export);
//   2 parse_entry(); an entry read re-serializes to bytes that read the same;
//   3 shard_key() and append_varint() of the bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <string>

#include "core/diagnostic.h"
#include "fuzz_util.h"
#include "search/browser_index.h"
#include "search/index_update.h"
#include "search/indexer.h"
#include "search/static_export.h"
#include "search/synonyms.h"

using kb::search::BrowserIndex;

namespace {

kb::search::Synonyms synonyms;
std::string valid_index;  // BrowserIndex::serialize() of a few pages

kb::search::IndexEntry page(int i) {
  static const char* const kTexts[] = {
      "The area under the curve summarises the ROC curve. AUC 0.5 is chance.",
      "Random cut forest finds anomalies in streams; rcf scores each point.",
      "Kinesis Data Firehose buffers records and converts JSON to Parquet on the way to S3.",
      "Precision is TP over TP plus FP; recall is TP over TP plus FN. 42 1e3 café naïve",
  };
  kb::search::IndexEntry e;
  e.id = "n/" + std::to_string(i) + ".md";
  e.url = "n/" + std::to_string(i) + ".html";
  e.title = "Page " + std::to_string(i);
  e.aliases = {"alias " + std::to_string(i)};
  e.headings = {"Worked example"};
  e.tags = {"metrics"};
  e.domain = "modeling";
  e.kind = i % 2 ? "formula" : "note";
  e.summary = "Summary of page " + std::to_string(i);
  e.breadcrumb = "N";
  e.text = kTexts[i % 4];
  return e;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  kb::Diagnostics diags;
  synonyms = *kb::search::parse_synonyms(
      "auc = [\"area under the curve\"]\nrcf = [\"random cut forest\"]\n", "synonyms.toml", diags);
  BrowserIndex index;
  kb::search::DocumentBuilder builder(&synonyms);
  std::vector<kb::search::DocumentBuilder::Terms> terms;
  for (int i = 0; i < 20; ++i) terms.push_back(builder.terms(page(i)));
  std::vector<uint32_t> table;
  index.intern(builder, table);
  for (int i = 0; i < 20; ++i)
    index.set(static_cast<uint32_t>(i + 1), page(i).id, terms[i], table, kb::search::card_of(page(i)));
  (void)index.export_files(synonyms);
  valid_index = index.serialize();
  KB_FUZZ_CHECK(BrowserIndex::parse(valid_index));
  // fuzz/seed.sh: valid inputs for every mode, written into that folder.
  if (const char* dir = std::getenv("KB_FUZZ_WRITE_SEEDS")) {
    auto write = [&](const std::string& name, char mode, const std::string& bytes) {
      std::ofstream(std::string(dir) + "/" + name, std::ios::binary) << mode << bytes;
    };
    write("index", 0, valid_index);
    // A journal: two pages edited, one with a word the index has not seen.
    auto kept = BrowserIndex::parse(valid_index);
    kb::search::DocumentBuilder edits(&synonyms);
    std::vector<uint32_t> edit_table;
    for (int i : {3, 17}) {
      kb::search::IndexEntry e = page(i);
      e.text += " novelword edited shards";
      auto t = edits.terms(e);
      kept->intern(edits, edit_table);
      kept->set(static_cast<uint32_t>(i + 1), e.id, t, edit_table, kb::search::card_of(e));
    }
    write("journal", 1, *kept->journal());
    write("empty-journal", 1, std::string(1, '\0'));
    for (int i = 0; i < 4; ++i) write("entry" + std::to_string(i), 2, kb::search::serialize_entry(page(i)));
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  const unsigned mode = kb::fuzz::take_flags(in) % 4;
  switch (mode) {
    case 0: {
      auto index = BrowserIndex::parse(in);
      if (!index) return 0;
      const std::string once = index->serialize();
      auto again = BrowserIndex::parse(once);
      KB_FUZZ_CHECK(again);
      KB_FUZZ_CHECK(again->serialize() == once);
      KB_FUZZ_CHECK(index->journal() && *index->journal() == std::string(1, '\0'));
      index->touch_all();
      auto e = index->export_files(synonyms);
      KB_FUZZ_CHECK(e.files.size() == e.urls.size());
      break;
    }
    case 1: {
      auto index = BrowserIndex::parse(valid_index);
      KB_FUZZ_CHECK(index);
      if (!index->apply_journal(in)) return 0;
      auto journal = index->journal();
      KB_FUZZ_CHECK(journal);
      index->touch_all();
      (void)index->export_files(synonyms);
      (void)index->serialize();
      break;
    }
    case 2: {
      kb::search::IndexEntry entry;
      if (!kb::search::parse_entry(in, entry)) return 0;
      const std::string bytes = kb::search::serialize_entry(entry);
      kb::search::IndexEntry back;
      KB_FUZZ_CHECK(kb::search::parse_entry(bytes, back));
      KB_FUZZ_CHECK(kb::search::serialize_entry(back) == bytes);
      break;
    }
    default: {
      const std::string key = kb::search::shard_key(in);
      for (unsigned char c : key) KB_FUZZ_CHECK((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
      std::string out;
      for (size_t i = 0; i + 8 <= in.size() && i < 64; i += 8) {
        uint64_t v;
        std::memcpy(&v, in.data() + i, 8);
        kb::search::append_varint(out, v);
      }
      for (char c : out) KB_FUZZ_CHECK(std::strchr(kb::search::kVarintAlphabet, c) && c != '\0');
      break;
    }
  }
  return 0;
}
