// Fuzz target: the search query path (search/searcher.h). Once per process,
// LLVMFuzzerInitialize() indexes the search fixture's notes
// (tests/sites/ok/search: parsed by kb's note parser, written by
// IndexWriter with the fixture's synonyms) into a temp folder; each input is
// then a query run through Searcher::search().
//
// Input: the first byte chooses the options (prefix_last, limit, snippet
// length); the first line of the rest is the query; later lines "d:<x>" and
// "t:<x>" add domain and tag filters. Checks, besides ASan/UBSan: search()
// never throws, gives at most `limit` results and no more than `total`;
// normalize_query() keeps its contract (no control bytes, at most
// kMaxQueryBytes).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "config/config.h"
#include "content/loader.h"
#include "core/diagnostic.h"
#include "core/file.h"
#include "fuzz_util.h"
#include "markdown/markdown.h"
#include "search/indexer.h"
#include "search/searcher.h"
#include "search/synonyms.h"

namespace fs = std::filesystem;

namespace {

std::unique_ptr<kb::search::Searcher> searcher;

std::string read_all(const fs::path& p) {
  std::string out;
  FILE* f = std::fopen(p.c_str(), "rb");
  KB_FUZZ_CHECK(f);
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  std::fclose(f);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const fs::path site = fs::path(KB_SOURCE_DIR) / "tests/sites/ok/search";
  const fs::path notes = site / "notes";
  kb::Diagnostics diags;
  auto config = kb::config::load(site / "site.toml", diags);
  KB_FUZZ_CHECK(config);
  auto synonyms = kb::search::load_synonyms(notes / "data/synonyms.toml", diags);
  KB_FUZZ_CHECK(synonyms);
  const fs::path dir = kb::fuzz::temp_dir() / ".kb-index";
  std::string error;
  auto writer = kb::search::IndexWriter::create(dir, *synonyms, error);
  KB_FUZZ_CHECK(writer);
  size_t added = 0;
  for (const auto& e : fs::recursive_directory_iterator(notes)) {
    if (e.path().extension() != ".md") continue;
    const std::string source = fs::relative(e.path(), notes).generic_string();
    auto page = kb::content::parse_note(read_all(e.path()), source, e.path(), *config, diags);
    KB_FUZZ_CHECK(page);
    kb::search::IndexEntry entry;
    entry.id = source;
    entry.url = page->url;
    entry.title = page->title;
    entry.aliases = page->meta.aliases;
    for (const auto& h : page->headings) entry.headings.push_back(h.text);
    entry.tags = page->meta.tags;
    entry.domain = page->domain.empty() ? page->meta.domain : page->domain;
    entry.kind = page->meta.kind;
    entry.summary = page->summary;
    entry.index_summary = !page->meta.summary.empty();
    entry.breadcrumb = page->folder;
    entry.text = kb::markdown::Document::parse(page->body, {}).plain_text();
    writer->add(entry);
    ++added;
  }
  KB_FUZZ_CHECK(added >= 10);
  KB_FUZZ_CHECK(writer->finish(error));
  writer.reset();
  searcher = kb::search::Searcher::open(dir, error);
  if (!searcher) std::fprintf(stderr, "%s\n", error.c_str());
  KB_FUZZ_CHECK(searcher);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  const unsigned flags = kb::fuzz::take_flags(in);
  kb::search::SearchOptions o;
  size_t nl = in.find('\n');
  o.query = std::string(in.substr(0, nl));
  while (nl != std::string_view::npos) {
    in.remove_prefix(nl + 1);
    nl = in.find('\n');
    std::string_view line = in.substr(0, nl);
    if (line.size() >= 2 && line.substr(0, 2) == "d:") o.domains.emplace_back(line.substr(2));
    if (line.size() >= 2 && line.substr(0, 2) == "t:") o.tags.emplace_back(line.substr(2));
  }
  o.prefix_last = flags & 1;
  static const size_t kLimits[] = {10, 1, 0, 100};
  o.limit = kLimits[(flags >> 1) & 3];
  static const size_t kSnippets[] = {200, 0, 1, 40};
  o.snippet_bytes = kSnippets[(flags >> 3) & 3];

  const std::string normalized = kb::search::normalize_query(o.query);
  KB_FUZZ_CHECK(normalized.size() <= kb::search::kMaxQueryBytes);
  for (unsigned char c : normalized) KB_FUZZ_CHECK(c >= 0x20 && c != 0x7f);

  kb::search::SearchResponse r = searcher->search(o);
  KB_FUZZ_CHECK(r.results.size() <= o.limit || o.limit == 0);
  if (r.error.empty()) KB_FUZZ_CHECK(r.results.size() <= r.total);
  (void)kb::search::to_json(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return 0;
}
