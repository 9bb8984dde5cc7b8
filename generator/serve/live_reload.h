// Live reload for `kb serve --watch`: what the browser is told after each
// rebuild, and the script that listens.
//
// The server keeps one LiveState. Every rebuild ends in built() (the new
// site is in place: pages reload, or with `css_only` swap their stylesheets)
// or failed() (the last good site stays; pages show the report in an
// overlay until a build succeeds). Each such outcome is a new version.
//
// Pages served by --watch get inject_live_script(): a <script> that loads
// kLiveScriptPath, which opens an EventSource on kEventsPath. The stream
// (next_event()) starts with a "hello" naming the current version (a page
// built before it reloads: it missed an edit while disconnected) and, while
// the last build failed, the "problem"; then one event per outcome. Built
// sites never contain the script: only the server adds it, to responses.
//
// Contract: LiveState is thread-safe; next_event() blocks at most `timeout`
// and returns "" when nothing happened (the caller writes a keep-alive), so a
// stopping server never waits long for a stream to end.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

namespace kb::serve {

inline constexpr const char* kEventsPath = "/__kb/events";
inline constexpr const char* kLiveScriptPath = "/__kb/live.js";

// The client script (served at kLiveScriptPath).
std::string_view live_script();

// `html` with the live-reload <script> before its last </body> (at the end
// when there is none). `version`: the build the page comes from.
std::string inject_live_script(std::string html, uint64_t version);

// One server-sent event: "event: NAME\ndata: ...\n\n", a data line per line.
std::string sse_event(std::string_view name, std::string_view data);

class LiveState {
 public:
  void built(bool css_only);
  void failed(std::string report);
  uint64_t version() const;
  void close();  // wake every stream and end them (the server stops)

  // A stream's cursor: 0 before its first event.
  struct Cursor {
    uint64_t seen = 0;
    bool greeted = false;
  };
  // The next event text for a stream at `cursor` (advanced), "" after
  // `timeout` with nothing new; `closed` set when the server stops.
  std::string next_event(Cursor& cursor, std::chrono::milliseconds timeout, bool& closed);

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  uint64_t version_ = 1;
  bool css_only_ = false;     // what the last version changed
  std::string problem_;       // the last build's report when it failed, else ""
  bool closed_ = false;
};

}  // namespace kb::serve
