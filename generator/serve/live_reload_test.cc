#include "serve/live_reload.h"

#include <catch2/catch.hpp>
#include <thread>

using kb::serve::inject_live_script;
using kb::serve::LiveState;
using kb::serve::sse_event;
using namespace std::chrono_literals;

TEST_CASE("live reload: the script goes before the last closing body tag") {
  std::string page = "<html><body><pre>&lt;/body&gt; </body> quoted</pre></BODY></html>";
  std::string out = inject_live_script(page, 7);
  size_t script = out.find("<script src=\"/__kb/live.js\" data-version=\"7\" defer></script>");
  REQUIRE(script != std::string::npos);
  CHECK(out.substr(script).find("</script></BODY></html>") != std::string::npos);
  CHECK(inject_live_script("<p>fragment", 1).rfind("<p>fragment<script", 0) == 0);
}

TEST_CASE("live reload: server-sent events put every line of the data on its own data line") {
  CHECK(sse_event("reload", "{}") == "event: reload\ndata: {}\n\n");
  CHECK(sse_event("problem", "a\nb") == "event: problem\ndata: a\ndata: b\n\n");
}

TEST_CASE("live reload: a stream greets then reports each build outcome") {
  LiveState live;
  LiveState::Cursor cursor;
  bool closed = false;
  std::string hello = live.next_event(cursor, 10ms, closed);
  CHECK(hello.find("event: hello") == 0);
  CHECK(hello.find("\"version\":1") != std::string::npos);
  CHECK(live.next_event(cursor, 10ms, closed).empty());  // nothing happened
  live.built(false);
  CHECK(live.next_event(cursor, 10ms, closed).find("event: reload\ndata: {\"css\":false,\"version\":2}") == 0);
  live.failed("a.md:3:1: error: invalid YAML front matter");
  std::string problem = live.next_event(cursor, 10ms, closed);
  CHECK(problem.find("event: problem") == 0);
  CHECK(problem.find("a.md:3:1: error") != std::string::npos);
  // A page opened now sees the problem at once.
  LiveState::Cursor late;
  std::string greeting = live.next_event(late, 10ms, closed);
  CHECK(greeting.find("\"problem\":true") != std::string::npos);
  CHECK(greeting.find("event: problem") != std::string::npos);
  // After a failure even a stylesheet change reloads the whole page.
  live.built(true);
  CHECK(live.next_event(cursor, 10ms, closed).find("\"css\":false") != std::string::npos);
  live.built(true);
  CHECK(live.next_event(cursor, 10ms, closed).find("\"css\":true") != std::string::npos);
  CHECK_FALSE(closed);
}

TEST_CASE("live reload: close wakes a waiting stream at once") {
  LiveState live;
  LiveState::Cursor cursor;
  bool closed = false;
  live.next_event(cursor, 10ms, closed);
  std::thread closer([&] {
    std::this_thread::sleep_for(50ms);
    live.close();
  });
  auto t0 = std::chrono::steady_clock::now();
  CHECK(live.next_event(cursor, 10s, closed).empty());
  closer.join();
  CHECK(closed);
  CHECK(std::chrono::steady_clock::now() - t0 < 5s);
}
