// Benchmark (not a test): one `kb build` of a notes folder through the
// library, printing where the time goes, the search index's share above all.
//   kb_bench_build NOTES OUT [--no-search]
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "config/config.h"
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
    std::printf("index_xapian_s %.3f   (add_document on every shard + merge; spread over the render threads)\n",
                stats.index_writer_seconds);
    std::printf("index_finish_s %.3f   (after the last page: commit, merge shards)\n", stats.index_finish_seconds);
    std::printf("static_export_s %.3f\nstatic_bytes %zu\n", stats.static_index_seconds, stats.static_index_bytes);
  }
  return 0;
}
