#include "serve/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>
#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstring>
#include <csignal>
#include <fstream>
#include <mutex>
#include <thread>

#include "serve/httplib_abi.h"

namespace fs = std::filesystem;
using kb::serve::Resolution;
using kb::serve::ServeOptions;
using kb::serve::StaticServer;

namespace {

// A fresh folder under the system temp dir, removed with everything in it.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "kb-serve-test-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = fs::canonical(pattern);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

void write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

// outside/secret.txt and a site in site/ with pages, a folder, a 404 page and
// symlinks that lead out of the site and within it.
struct Fixture {
  TempDir tmp;
  fs::path site = tmp.path / "site";
  fs::path outside = tmp.path / "outside";
  Fixture() {
    write(outside / "secret.txt", "TOP SECRET");
    write(site / "index.html", "<h1>home</h1>");
    write(site / "style.css", "body{}");
    write(site / "404.html", "<h1>custom not found</h1>");
    write(site / "modeling" / "index.html", "<h1>modeling</h1>");
    write(site / "modeling" / "f1-score.html", "<h1>F1</h1>");
    write(site / "with space" / "a b.txt", "spaced");
    write(site / "evil" / "index.html", "evil folder");
    fs::create_directories(site / "empty-dir");
    fs::create_symlink(outside / "secret.txt", site / "leak.txt");
    fs::create_directory_symlink(outside, site / "leakdir");
    fs::create_symlink(site / "style.css", site / "alias.css");
  }
};

// A StaticServer on an ephemeral port, running on its own thread.
struct Running {
  StaticServer server;
  std::thread thread;
  std::mutex log_mutex;
  std::vector<std::string> log_lines;

  explicit Running(ServeOptions options, std::function<void(StaticServer&)> setup = {})
      : server([&] {
          options.port = 0;
          options.log = [this](const std::string& line) {
            std::lock_guard<std::mutex> lock(log_mutex);
            log_lines.push_back(line);
          };
          return options;
        }()) {
    if (setup) setup(server);
    auto error = server.bind();
    REQUIRE_FALSE(error);
    REQUIRE(server.port() > 0);
    thread = std::thread([this] { server.run(); });
  }
  ~Running() {
    server.stop();
    thread.join();
  }
  httplib::Client client() {
    httplib::Client c("127.0.0.1", server.port());
    c.set_url_encode(false);  // send test paths byte for byte
    c.set_follow_location(false);
    return c;
  }
  // httplib logs after the response is sent, so the client can be faster
  // than the log: wait (briefly) for `count` lines.
  std::vector<std::string> lines(size_t count = 0) {
    for (int i = 0; i < 200; ++i) {
      {
        std::lock_guard<std::mutex> lock(log_mutex);
        if (log_lines.size() >= count) return log_lines;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::lock_guard<std::mutex> lock(log_mutex);
    return log_lines;
  }
};

ServeOptions options_for(const fs::path& root) {
  ServeOptions o;
  o.root = root;
  return o;
}

}  // namespace

TEST_CASE("content types carry charset on text only", "[serve]") {
  using kb::serve::content_type_for;
  CHECK(content_type_for("index.html") == "text/html; charset=utf-8");
  CHECK(content_type_for("a/b/STYLE.CSS") == "text/css; charset=utf-8");
  CHECK(content_type_for("kb.js") == "text/javascript; charset=utf-8");
  CHECK(content_type_for("search.mjs") == "text/javascript; charset=utf-8");
  CHECK(content_type_for("index.json") == "application/json; charset=utf-8");
  CHECK(content_type_for("icon.svg") == "image/svg+xml; charset=utf-8");
  CHECK(content_type_for("roc.png") == "image/png");
  CHECK(content_type_for("photo.JPG") == "image/jpeg");
  CHECK(content_type_for("anim.gif") == "image/gif");
  CHECK(content_type_for("pic.webp") == "image/webp");
  CHECK(content_type_for("favicon.ico") == "image/x-icon");
  CHECK(content_type_for("katex.woff") == "font/woff");
  CHECK(content_type_for("katex.woff2") == "font/woff2");
  CHECK(content_type_for("katex.ttf") == "font/ttf");
  CHECK(content_type_for("robots.txt") == "text/plain; charset=utf-8");
  CHECK(content_type_for("sitemap.xml") == "application/xml; charset=utf-8");
  CHECK(content_type_for("paper.pdf") == "application/pdf");
  CHECK(content_type_for("kernel.wasm") == "application/wasm");
  CHECK(content_type_for("README") == "application/octet-stream");
  CHECK(content_type_for("dir.d/README") == "application/octet-stream");
  CHECK(content_type_for("data.bin") == "application/octet-stream");
}

TEST_CASE("request paths resolve inside the root only", "[serve]") {
  Fixture f;
  fs::path root = fs::canonical(f.site);
  auto resolve = [&](std::string_view p) { return kb::serve::resolve_request_path(root, p); };
  using Kind = Resolution::Kind;

  SECTION("files and folder indexes") {
    CHECK(resolve("/").kind == Kind::kFile);
    CHECK(resolve("/").file == root / "index.html");
    CHECK(resolve("/modeling/").file == root / "modeling" / "index.html");
    CHECK(resolve("/modeling/f1-score.html").file == root / "modeling" / "f1-score.html");
    CHECK(resolve("/with%20space/a%20b.txt").file == root / "with space" / "a b.txt");
    CHECK(resolve("//modeling//./f1-score.html").kind == Kind::kFile);
  }
  SECTION("a folder without its slash redirects, built from clean segments") {
    auto r = resolve("/modeling");
    CHECK(r.kind == Kind::kRedirect);
    CHECK(r.location == "/modeling/");
    CHECK(resolve("//evil").location == "/evil/");
    CHECK(resolve("/with%20space").location == "/with%20space/");
  }
  SECTION("traversal is refused before any lookup") {
    CHECK(resolve("/../etc/passwd").kind == Kind::kForbidden);
    CHECK(resolve("/%2e%2e/%2e%2e/etc/passwd").kind == Kind::kForbidden);
    CHECK(resolve("/..%2f..%2fetc/passwd").kind == Kind::kForbidden);
    CHECK(resolve("/modeling/../../x").kind == Kind::kForbidden);
    CHECK(resolve("/a%00b").kind == Kind::kForbidden);
    CHECK(resolve("/..%5c..%5cetc").kind == Kind::kForbidden);
    CHECK(resolve("/a\\b").kind == Kind::kForbidden);
  }
  SECTION("decoded once: a double-encoded dot-dot is just a missing name") {
    CHECK(resolve("/%252e%252e/etc/passwd").kind == Kind::kNotFound);
  }
  SECTION("malformed requests") {
    CHECK(resolve("/%zz").kind == Kind::kBadRequest);
    CHECK(resolve("/%4").kind == Kind::kBadRequest);
    CHECK(resolve("index.html").kind == Kind::kBadRequest);
    CHECK(resolve("").kind == Kind::kBadRequest);
  }
  SECTION("symlinks leading out of the root are not found; inside ones work") {
    CHECK(resolve("/leak.txt").kind == Kind::kNotFound);
    CHECK(resolve("/leakdir/secret.txt").kind == Kind::kNotFound);
    CHECK(resolve("/leakdir/").kind == Kind::kNotFound);
    CHECK(resolve("/leakdir").kind == Kind::kNotFound);
    CHECK(resolve("/alias.css").file == root / "style.css");
  }
  SECTION("missing things") {
    CHECK(resolve("/nope.html").kind == Kind::kNotFound);
    CHECK(resolve("/empty-dir/").kind == Kind::kNotFound);
    CHECK(resolve("/style.css/").kind == Kind::kNotFound);
  }
}

TEST_CASE("the server answers real HTTP requests", "[serve]") {
  Fixture f;
  Running r(options_for(f.site));
  auto cli = r.client();

  SECTION("home page, with no-cache and a charset") {
    auto res = cli.Get("/");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->body == "<h1>home</h1>");
    CHECK(res->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(res->get_header_value("Cache-Control") == "no-cache");
  }
  SECTION("HEAD gives headers without a body") {
    auto res = cli.Head("/style.css");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->body.empty());
    CHECK(res->get_header_value("Content-Type") == "text/css; charset=utf-8");
    CHECK(res->get_header_value("Content-Length") == "6");
  }
  SECTION("folders") {
    auto res = cli.Get("/modeling/");
    REQUIRE(res);
    CHECK(res->body == "<h1>modeling</h1>");
    res = cli.Get("/modeling");
    REQUIRE(res);
    CHECK(res->status == 301);
    CHECK(res->get_header_value("Location") == "/modeling/");
    res = cli.Get("/modeling?x=1");
    REQUIRE(res);
    CHECK(res->get_header_value("Location") == "/modeling/?x=1");
    res = cli.Get("//evil");
    REQUIRE(res);
    CHECK(res->get_header_value("Location") == "/evil/");
  }
  SECTION("a query string does not change the file") {
    auto res = cli.Get("/modeling/f1-score.html?highlight=f1");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->body == "<h1>F1</h1>");
  }
  SECTION("the site's 404 page") {
    auto res = cli.Get("/missing.html");
    REQUIRE(res);
    CHECK(res->status == 404);
    CHECK(res->body == "<h1>custom not found</h1>");
    CHECK(res->get_header_value("Content-Type") == "text/html; charset=utf-8");
  }
  SECTION("nothing outside the root is ever served") {
    for (const char* path : {"/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc/passwd",
                             "/../outside/secret.txt", "/..%2foutside%2fsecret.txt", "/leak.txt",
                             "/leakdir/secret.txt", "/a%00b", "/..%5coutside%5csecret.txt"}) {
      CAPTURE(path);
      auto res = cli.Get(path);
      REQUIRE(res);
      CHECK((res->status == 403 || res->status == 404));
      CHECK(res->body.find("root:") == std::string::npos);
      CHECK(res->body.find("TOP SECRET") == std::string::npos);
    }
  }
  SECTION("malformed escapes are bad requests") {
    auto res = cli.Get("/%zz.html");
    REQUIRE(res);
    CHECK(res->status == 400);
  }
  SECTION("only GET and HEAD") {
    auto res = cli.Post("/index.html", "x", "text/plain");
    REQUIRE(res);
    CHECK(res->status == 405);
    CHECK(res->get_header_value("Allow") == "GET, HEAD");
    res = cli.Delete("/index.html");
    REQUIRE(res);
    CHECK(res->status == 405);
    CHECK(fs::exists(f.site / "index.html"));
  }
  SECTION("one log line per request") {
    REQUIRE(cli.Get("/"));
    REQUIRE(cli.Get("/missing.html"));
    REQUIRE(cli.Get("/a%0Ab"));
    auto lines = r.lines(3);
    // Workers log as they finish, so the order is not guaranteed.
    std::sort(lines.begin(), lines.end());
    CHECK(lines == std::vector<std::string>{"GET / 200", "GET /a%0Ab 404", "GET /missing.html 404"});
  }
}

TEST_CASE("without a 404.html the server answers in text", "[serve]") {
  Fixture f;
  fs::remove(f.site / "404.html");
  Running r(options_for(f.site));
  auto res = r.client().Get("/missing.html");
  REQUIRE(res);
  CHECK(res->status == 404);
  CHECK(res->get_header_value("Content-Type") == "text/plain; charset=utf-8");
  CHECK(res->body.find("/missing.html") != std::string::npos);
}

TEST_CASE("quiet servers log nothing", "[serve]") {
  Fixture f;
  ServeOptions o = options_for(f.site);
  o.quiet = true;
  Running r(o);
  REQUIRE(r.client().Get("/"));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(r.lines().empty());
}

TEST_CASE("extra GET routes answer before files", "[serve]") {
  Fixture f;
  write(f.site / "api" / "search", "a file that the route hides");
  Running r(options_for(f.site), [](StaticServer& s) {
    s.add_get("/api/search", [](const kb::serve::HttpRequest& req, kb::serve::HttpResponse& res) {
      res.content_type = "application/json";
      res.body = "{\"q\":\"" + req.param("q") + "\"}";
      res.headers.emplace_back("X-Kb", "search");
    });
    s.add_get("/api/boom", [](const kb::serve::HttpRequest&, kb::serve::HttpResponse&) {
      throw std::runtime_error("index missing");
    });
  });
  auto cli = r.client();
  auto res = cli.Get("/api/search?q=kinesis+firehose");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->body == "{\"q\":\"kinesis firehose\"}");
  CHECK(res->get_header_value("Content-Type") == "application/json");
  CHECK(res->get_header_value("X-Kb") == "search");
  CHECK(res->get_header_value("Cache-Control") == "no-cache");
  res = cli.Get("/api/boom");
  REQUIRE(res);
  CHECK(res->status == 500);
  CHECK(res->body.find("index missing") != std::string::npos);
  res = cli.Get("/index.html");
  REQUIRE(res);
  CHECK(res->status == 200);
}

TEST_CASE("html pages pass through the filter and streams write as they go", "[serve]") {
  Fixture f;
  ServeOptions o = options_for(f.site);
  o.html_filter = [](std::string html) { return html + "<!--filtered-->"; };
  std::atomic<int> produced{0};
  Running r(o, [&](StaticServer& s) {
    s.add_stream("/events", "text/event-stream", [&]() -> kb::serve::StreamNext {
      return [&, n = 0](std::string& chunk) mutable {
        if (n == 3) return false;  // the stream ends
        chunk = n == 1 ? "" : "data: " + std::to_string(n) + "\n\n";  // "" is "nothing yet"
        ++n;
        ++produced;
        return true;
      };
    });
  });
  auto cli = r.client();
  auto res = cli.Get("/modeling/f1-score.html");
  REQUIRE(res);
  CHECK(res->body == "<h1>F1</h1><!--filtered-->");
  res = cli.Get("/style.css");
  REQUIRE(res);
  CHECK(res->body == "body{}");  // not HTML: untouched
  res = cli.Get("/missing.html");
  REQUIRE(res);
  CHECK(res->status == 404);
  CHECK(res->body == "<h1>custom not found</h1><!--filtered-->");
  res = cli.Get("/events");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->get_header_value("Content-Type") == "text/event-stream");
  CHECK(res->body == "data: 0\n\ndata: 2\n\n");
  CHECK(produced == 3);
}

TEST_CASE("stop() ends an open stream", "[serve]") {
  Fixture f;
  std::atomic<bool> streaming{false};
  auto r = std::make_unique<Running>(options_for(f.site), [&](StaticServer& s) {
    s.add_stream("/events", "text/event-stream", [&]() -> kb::serve::StreamNext {
      return [&](std::string& chunk) {
        streaming = true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        chunk.clear();
        return true;  // forever, until the server stops
      };
    });
  });
  std::thread client([port = r->server.port()] {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(30, 0);
    c.Get("/events");
  });
  for (int i = 0; i < 200 && !streaming; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  REQUIRE(streaming);
  auto t0 = std::chrono::steady_clock::now();
  r.reset();  // stop() and join run()
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5));
  client.join();
}

TEST_CASE("bind explains what went wrong", "[serve]") {
  Fixture f;
  SECTION("a port in use, even by another kb server") {
    Running first(options_for(f.site));
    ServeOptions o = options_for(f.site);
    o.port = first.server.port();
    StaticServer second(o);
    auto error = second.bind();
    REQUIRE(error);
    CHECK(*error == "port " + std::to_string(o.port) + " is already in use; choose another with --port");
  }
  SECTION("a host that does not resolve") {
    ServeOptions o = options_for(f.site);
    o.host = "no-such-host.invalid";
    o.port = 0;
    StaticServer s(o);
    auto error = s.bind();
    REQUIRE(error);
    CHECK(error->find("no-such-host.invalid") != std::string::npos);
    CHECK(error->find("--host") != std::string::npos);
  }
  SECTION("an address that is not this machine's") {
    ServeOptions o = options_for(f.site);
    o.host = "192.0.2.1";  // TEST-NET-1, never assigned to a local interface
    o.port = 0;
    StaticServer s(o);
    auto error = s.bind();
    REQUIRE(error);
    CHECK(error->find("not an address of this machine") != std::string::npos);
  }
  SECTION("a missing site folder") {
    StaticServer s(options_for(f.tmp.path / "no-site"));
    auto error = s.bind();
    REQUIRE(error);
    CHECK(error->find("no-site") != std::string::npos);
    CHECK(error->find("kb build") != std::string::npos);
  }
  SECTION("a port out of range") {
    ServeOptions o = options_for(f.site);
    o.port = 70000;
    auto error = StaticServer(o).bind();
    REQUIRE(error);
    CHECK(error->find("70000") != std::string::npos);
  }
  SECTION("run() without bind() fails at once") {
    StaticServer s(options_for(f.site));
    CHECK_FALSE(s.run());
  }
}

TEST_CASE("stop() before run() makes run() return at once", "[serve]") {
  Fixture f;
  ServeOptions o = options_for(f.site);
  o.port = 0;
  StaticServer s(o);
  REQUIRE_FALSE(s.bind());
  s.stop();
  s.stop();  // idempotent
  // A run() that blocked would hang here until ctest's timeout fails it; no
  // wall-clock bound of our own (the machine is shared).
  s.run();
  CHECK_FALSE(s.is_running());
}

TEST_CASE("run_until_interrupted stops on SIGTERM", "[serve]") {
  Fixture f;
  ServeOptions o = options_for(f.site);
  o.port = 0;
  o.quiet = true;
  StaticServer s(o);
  REQUIRE_FALSE(s.bind());
  pthread_t self = pthread_self();
  // The signal is aimed at this thread, which blocks it inside
  // run_until_interrupted, so no other thread of the test can take it.
  // Catch2 assertions are not thread-safe: the sender only records.
  std::atomic<int> status{0};
  std::thread sender([&] {
    for (int i = 0; i < 500 && !s.is_running(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    httplib::Client c("127.0.0.1", s.port());
    if (auto res = c.Get("/")) status = res->status;
    pthread_kill(self, SIGTERM);
  });
  CHECK(kb::serve::run_until_interrupted(s));
  sender.join();
  CHECK(status == 200);
  CHECK_FALSE(s.is_running());
}

namespace {

// A raw TCP connection to the server on loopback.
int connect_to(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

}  // namespace

TEST_CASE("hidden files and folders are not served (the search database among them)", "[serve]") {
  Fixture f;
  write(f.site / ".kb-index" / "iamglass", "xapian");
  write(f.site / ".kb-site", "marker");
  Running r(options_for(f.site));
  auto cli = r.client();
  for (const char* path : {"/.kb-index/iamglass", "/.kb-site", "/modeling/../.kb-site", "/%2ekb-index/iamglass"}) {
    auto res = cli.Get(path);
    REQUIRE(res);
    CHECK(res->status != 200);
    CHECK(res->body.find("xapian") == std::string::npos);
  }
}

TEST_CASE("stalled connections do not starve a reader, and kept-alive responses come at once and uncompressed on loopback", "[serve]") {
  Fixture f;
  write(f.site / "big.html", std::string(50000, 'x'));
  Running r(options_for(f.site));
  // 200 connections that send a request line and never finish their headers.
  std::vector<int> stalled;
  for (int i = 0; i < 200; ++i) {
    int fd = connect_to(r.server.port());
    REQUIRE(fd >= 0);
    const char* partial = "GET / HTTP/1.1\r\nHost: x\r\n";
    CHECK(::send(fd, partial, std::strlen(partial), 0) > 0);
    stalled.push_back(fd);
  }
  auto cli = r.client();
  cli.set_keep_alive(true);
  cli.set_default_headers({{"Accept-Encoding", "gzip, deflate, br"}});
  auto start = std::chrono::steady_clock::now();
  auto res = cli.Get("/big.html");
  double first = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(first < 1.0);
  CHECK(res->get_header_value("Content-Encoding").empty());  // loopback: sent as it is
  // Ten more on the same connection, each without the ~40 ms of Nagle's delay.
  start = std::chrono::steady_clock::now();
  for (int i = 0; i < 10; ++i) REQUIRE(cli.Get("/big.html"));
  double ten = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(ten < 0.3);
  for (int fd : stalled) ::close(fd);
}

namespace {
std::atomic<int> connections_done{0};
thread_local bool on_a_worker = false;  // set by the route, read by the hook: the same thread
std::atomic<int> done_on_worker{0};
}  // namespace

TEST_CASE("a worker runs the worker-done hook on its own thread after each connection", "[serve]") {
  Fixture f;
  kb::serve::set_worker_done_hook([] {
    ++connections_done;
    if (on_a_worker) ++done_on_worker;
    on_a_worker = false;
  });
  {
    Running r(options_for(f.site), [](StaticServer& s) {
      s.add_get("/api/mark", [](const kb::serve::HttpRequest&, kb::serve::HttpResponse& res) {
        on_a_worker = true;
        res.body = "ok";
      });
    });
    for (int i = 0; i < 3; ++i) {
      auto cli = r.client();  // a connection each, two requests on it
      cli.set_keep_alive(true);
      REQUIRE(cli.Get("/api/mark"));
      REQUIRE(cli.Get("/index.html"));
      cli.stop();
    }
    for (int i = 0; i < 100 && connections_done.load() < 3; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kb::serve::set_worker_done_hook(nullptr);
  CHECK(connections_done.load() >= 3);  // once a connection, not once a request
  CHECK(connections_done.load() < 6);
  CHECK(done_on_worker.load() >= 3);    // on the thread that served it
}
