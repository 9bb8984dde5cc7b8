// Benchmark (a program, not a test): parse + kb's passes + render +
// plain_text of a synthetic note, repeated; prints the median and the best
// of several batches in microseconds per note.
//
//   kb_markdown_bench [--bytes 5000] [--batches 15] [--rounds 20]
//
// Wall-clock bounds do not belong in tests (a shared machine makes them
// flaky); compare these figures against a run of the previous build instead.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "markdown/markdown.h"

using namespace kb::markdown;

int main(int argc, char** argv) {
  size_t bytes = 5000;
  int batches = 15, rounds = 20;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--bytes")) bytes = std::strtoul(argv[i + 1], nullptr, 10);
    else if (!std::strcmp(argv[i], "--batches")) batches = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--rounds")) rounds = std::atoi(argv[i + 1]);
    else { std::fprintf(stderr, "usage: kb_markdown_bench [--bytes N] [--batches N] [--rounds N]\n"); return 2; }
  }
  std::string md = "# Title\n\n";
  while (md.size() < bytes)
    md += "Some text with [[a link]] and *emphasis* and a [rel](other.md#x) link, `code` too.\n"
          "Another line with [[F1 score#Formula|F1]] and ![[img.png]].\n\n## Heading\n\n- item one\n- item two\n\n";
  Options options;
  options.drop_leading_h1 = true;
  auto resolve = [](const LinkRef& ref) {
    ResolvedLink r;
    r.href = ref.target + ".html";
    return r;
  };
  std::vector<double> per_note;
  size_t sink = 0;
  for (int b = 0; b < batches; ++b) {
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < rounds; ++i) {
      auto doc = Document::parse(md, options);
      sink += doc.render_html(resolve).html.size() + doc.plain_text().size();
    }
    per_note.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() /
                       rounds);
  }
  std::sort(per_note.begin(), per_note.end());
  std::printf("markdown: %zu-byte note, parse + passes + render + plain_text: median %.0f us, best %.0f us, worst %.0f us (%d batches of %d; %zu bytes out)\n",
              md.size(), per_note[per_note.size() / 2], per_note.front(), per_note.back(), batches, rounds, sink);
}
