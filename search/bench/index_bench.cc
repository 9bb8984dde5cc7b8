// Benchmark (not a test): the search index alone, on one thread, step by
// step, against Xapian's own TermGenerator on the same text.
//   kb_bench_index NOTES DBDIR
// Loads and parses the notes (not timed), then times: building kb's
// documents (tokenize, stem, postings), adding them to one database
// (Xapian's add_document + commit), and, for comparison, a plain
// TermGenerator pass (STEM_SOME_FULL_POS) over the same text.
#include <chrono>
#include <cstdio>
#include <filesystem>

#include <xapian.h>

#include "config/config.h"
#include "content/loader.h"
#include "search/indexer.h"

namespace {
double since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s NOTES DBDIR\n", argv[0]);
    return 2;
  }
  kb::Config config = kb::config::defaults(".");
  config.notes_dir = argv[1];
  kb::Diagnostics diags;
  kb::Corpus corpus = kb::content::load(config, diags);
  std::vector<kb::search::IndexEntry> entries;
  for (const auto& page : corpus.pages) {
    kb::search::IndexEntry e;
    e.id = page.source;
    e.url = page.url;
    e.title = page.title;
    e.aliases = page.meta.aliases;
    for (const auto& h : page.headings) e.headings.push_back(h.text);
    e.tags = page.meta.tags;
    e.kind = page.meta.kind;
    e.summary = page.summary;
    kb::markdown::Options md;
    e.text = kb::markdown::Document::parse(page.body, md).plain_text();
    entries.push_back(std::move(e));
  }
  size_t bytes = 0;
  for (const auto& e : entries) bytes += e.text.size();
  std::printf("pages %zu, text %.1f MB\n", entries.size(), bytes / 1e6);

  kb::search::Synonyms none;
  kb::search::DocumentBuilder builder(&none);
  std::vector<Xapian::Document> docs;
  docs.reserve(entries.size());
  auto t0 = std::chrono::steady_clock::now();
  for (const auto& e : entries) docs.push_back(builder.build(e, nullptr));
  std::printf("kb documents (tokenize, stem, postings): %.3f s\n", since(t0));

  std::filesystem::remove_all(argv[2]);
  t0 = std::chrono::steady_clock::now();
  {
    Xapian::WritableDatabase db(argv[2], Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
    size_t n = 0;
    for (auto& d : docs) {
      db.add_document(d);
      if (++n % 500 == 0) db.commit();
    }
    db.commit();
  }
  std::printf("xapian add_document + commit (one thread): %.3f s\n", since(t0));

  docs.clear();
  std::filesystem::remove_all(argv[2]);
  t0 = std::chrono::steady_clock::now();
  {
    Xapian::WritableDatabase db(argv[2], Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME_FULL_POS);
    size_t n = 0;
    for (const auto& e : entries) {
      Xapian::Document d;
      tg.set_document(d);
      tg.index_text(e.title, 5);
      tg.increase_termpos(100);
      tg.index_text(e.text);
      d.set_data(e.text);
      db.add_document(d);
      if (++n % 500 == 0) db.commit();
    }
    db.commit();
  }
  std::printf("for comparison, TermGenerator + add_document (one thread): %.3f s\n", since(t0));
  std::filesystem::remove_all(argv[2]);
  return 0;
}
