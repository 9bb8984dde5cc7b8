// kb_serve_bench: load on a running `kb serve`, as wrk would put it, with
// kb's own client (no wrk on a fresh Debian): keep-alive connections, each
// on its own thread, asking in turn for what a reader's browser asks.
//
//   kb_serve_bench --port P [--pid PID] [--seconds S] [--connections C]
//                  [--held H] [--queries FILE] [--soak N]
//
// Prints, for /api/search (the evaluation set's queries in turn, one in
// eight malformed: unbalanced quotes, control bytes, 2 KB of words) and for
// static pages: requests per second, p50/p99/max latency and errors; then,
// with H connections held open and half-finished (a request line, no end
// of headers), the time a normal request takes; with --pid, the server's
// resident memory before and after; with --soak N (and --pid), N more
// searches and the server's memory at each tenth of them, to show whether
// it grows with the number of requests. A program that prints figures, not a
// test: the machine is shared, so compare runs made together.
#include <signal.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "serve/httplib_abi.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Phase {
  std::atomic<size_t> done{0}, errors{0};
  std::vector<std::vector<double>> latencies;  // per thread, ms
};

long rss_kb(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

std::string url_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (isalnum(c) || c == '-' || c == '_' || c == '.') out += static_cast<char>(c);
    else out += '%', out += hex[c >> 4], out += hex[c & 15];
  }
  return out;
}

// One kept-alive connection asking for `paths` in turn (each thread from
// its own place in the list) while more() says so; done(ms, ok) after each.
void client(int port, int t, const std::vector<std::string>& paths, const std::function<bool()>& more,
            const std::function<void(double, bool)>& done) {
  httplib::Client cli("127.0.0.1", port);
  cli.set_keep_alive(true);
  cli.set_read_timeout(10, 0);
  size_t i = static_cast<size_t>(t) * 7;
  while (more()) {
    auto t0 = Clock::now();
    auto res = cli.Get(paths[i++ % paths.size()]);
    done(std::chrono::duration<double, std::milli>(Clock::now() - t0).count(), res && res->status < 500);
  }
}

void run_phase(const char* name, int port, int connections, double seconds,
               const std::vector<std::string>& paths) {
  Phase p;
  p.latencies.resize(connections);
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  auto start = Clock::now();
  for (int t = 0; t < connections; ++t)
    threads.emplace_back(client, port, t, std::cref(paths), [&] { return !stop.load(std::memory_order_relaxed); },
                         [&, t](double ms, bool ok) {
                           if (!ok) ++p.errors;
                           p.latencies[t].push_back(ms);
                           ++p.done;
                         });
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& th : threads) th.join();
  double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double> all;
  for (auto& l : p.latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  auto pct = [&](double q) { return all.empty() ? 0.0 : all[std::min(all.size() - 1, size_t(q * all.size()))]; };
  std::printf("%-14s %5d conns  %8.0f req/s  p50 %7.2f ms  p99 %7.2f ms  max %8.2f ms  errors %zu of %zu\n", name,
              connections, p.done / elapsed, pct(0.5), pct(0.99), all.empty() ? 0.0 : all.back(), p.errors.load(),
              p.done.load());
}

// N searches over `connections`, the server's resident memory sampled at
// each tenth of them.
void run_soak(int port, int connections, size_t n, int pid, const std::vector<std::string>& paths) {
  std::atomic<size_t> done{0}, errors{0};
  std::vector<std::thread> threads;
  auto start = Clock::now();
  for (int t = 0; t < connections; ++t)
    threads.emplace_back(client, port, t, std::cref(paths), [&] { return done.fetch_add(1) < n; },
                         [&](double, bool ok) { if (!ok) ++errors; });
  std::vector<long> samples;
  for (size_t next = n / 10; next <= n && samples.size() < 10;) {
    if (done.load() >= next) {
      samples.push_back(rss_kb(pid));
      next += n / 10;
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  for (auto& th : threads) th.join();
  double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("soak: %zu searches in %.0f s, errors %zu; server memory (KB) at each tenth:", n, elapsed, errors.load());
  for (long kb : samples) std::printf(" %ld", kb);
  if (samples.size() >= 2)
    std::printf("\nsoak: growth from the first tenth to the last: %+ld KB (%+.1f%%)", samples.back() - samples.front(),
                100.0 * (samples.back() - samples.front()) / std::max(1L, samples.front()));
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  int port = 0, pid = 0, connections = 64, held = 200;
  size_t soak = 0;
  double seconds = 10;
  std::string queries_file = "tests/search/eval/queries.jsonl";
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--port") port = std::atoi(argv[i + 1]);
    else if (a == "--pid") pid = std::atoi(argv[i + 1]);
    else if (a == "--seconds") seconds = std::atof(argv[i + 1]);
    else if (a == "--connections") connections = std::atoi(argv[i + 1]);
    else if (a == "--held") held = std::atoi(argv[i + 1]);
    else if (a == "--queries") queries_file = argv[i + 1];
    else if (a == "--soak") soak = std::strtoul(argv[i + 1], nullptr, 10);
  }
  if (port <= 0) {
    std::fprintf(stderr, "usage: kb_serve_bench --port P [--pid PID] [--seconds S] [--connections C] [--held H] [--queries FILE] [--soak N]\n");
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  // Queries: the "q" of each line of the evaluation set; one in eight malformed.
  std::vector<std::string> search;
  std::ifstream in(queries_file);
  for (std::string line; std::getline(in, line);) {
    size_t q = line.find("\"q\": \"");
    if (q == std::string::npos) continue;
    size_t end = line.find('"', q + 6);
    search.push_back("/api/search?q=" + url_encode(line.substr(q + 6, end - q - 6)) + "&limit=8&prefix=1");
    if (search.size() % 8 == 0) {
      static const char* bad[] = {"\"unbalanced quote", "a\x01\x02 control", "NOT", "((((", "*"};
      search.push_back("/api/search?q=" + url_encode(bad[search.size() / 8 % 5]));
      search.push_back("/api/search?q=" + url_encode(std::string(2000, 'w') + " words"));
    }
  }
  if (search.empty()) search.push_back("/api/search?q=kinesis");
  const std::vector<std::string> pages = {"/", "/all-notes.html", "/search.html", "/assets/style.css",
                                          "/assets/kb.js", "/tags/index.html"};

  long before = pid ? rss_kb(pid) : -1;
  run_phase("/api/search", port, connections, seconds, search);
  run_phase("static pages", port, connections, seconds, pages);
  long after = pid ? rss_kb(pid) : -1;

  // Half-open connections: a request line and one header, never finished.
  std::vector<int> open;
  for (int i = 0; i < held; ++i) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) { ::close(fd); continue; }
    const char* partial = "GET / HTTP/1.1\r\nHost: x\r\n";
    (void)!::send(fd, partial, std::strlen(partial), 0);
    open.push_back(fd);
  }
  httplib::Client cli("127.0.0.1", port);
  cli.set_read_timeout(15, 0);
  auto t0 = Clock::now();
  auto res = cli.Get("/");
  double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  std::printf("with %zu half-open connections held: a page in %.1f ms (%s)\n", open.size(), ms,
              res && res->status == 200 ? "200" : "no answer");
  for (int fd : open) ::close(fd);
  if (pid) std::printf("server memory: %ld KB before, %ld KB after the load\n", before, after);
  if (soak >= 10 && pid) run_soak(port, connections, soak, pid, search);
  return 0;
}
