// Benchmark (not a test): one `kb build` of a notes folder through the
// library, printing where the time goes, the search index's share above all,
// then what building the Xapian database `kb search` would need costs.
//   kb_bench_build NOTES OUT [--no-search]
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "config/config.h"
#include "site/search_location.h"
#include "search/schema.h"
#include "search/site_search.h"
#include "site/site.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s NOTES OUT [--no-search]\n", argv[0]);
    return 2;
  }
  kb::Config config = kb::config::defaults(".");
  config.notes_dir = argv[1];
  config.output_dir = argv[2];
  kb::site::BuildOptions options{config, false, true};
  options.search = !(argc > 3 && std::strcmp(argv[3], "--no-search") == 0);
  kb::Diagnostics diags;
  kb::site::BuildStats stats;
  bool ok = kb::site::build(options, diags, stats);
  if (!ok) {
    std::fputs(diags.report().c_str(), stderr);
    return 1;
  }
  std::printf("pages %zu\nbuild_s %.3f\nsearch %s\n", stats.pages, stats.seconds, options.search ? "on" : "off");
  if (options.search) {
    std::printf("search_after_pages_s %.3f   (browser index and page list, after the last page)\nstatic_bytes %zu\n",
                stats.static_index_seconds, stats.static_index_bytes);
    auto t0 = std::chrono::steady_clock::now();
    std::string error;
    bool rebuilt = false;
    if (!kb::search::sync_database(kb::site::search_index_dir(config.output_dir), error, &rebuilt)) {
      std::fprintf(stderr, "%s\n", error.c_str());
      return 1;
    }
    std::printf("database_s %.3f   (the Xapian database kb search builds on first use%s)\n",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
                rebuilt ? "" : "; it was up to date");
  }
  return 0;
}
