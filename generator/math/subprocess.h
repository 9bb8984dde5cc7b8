// Running one helper program (node) with some input and reading its output.
//
// Contract: run() never throws. It starts `argv[0]` (searched in PATH when
// it holds no '/'), writes `input` to its stdin, closes it, and collects its
// stdout and stderr until it exits; writing and reading are interleaved
// (poll), so neither side blocks on a full pipe. A child that outlives
// `timeout_seconds` is killed. Safe to call from several threads at once
// (each call has its own pipes; fds are close-on-exec).
#pragma once

#include <string>
#include <vector>

namespace kb::math {

struct ProcessResult {
  bool started = false;    // false: the program could not be run (`error` says why)
  int exit_code = -1;      // its exit status, or 128 + signal
  bool timed_out = false;
  std::string out;         // everything it wrote to stdout
  std::string err;         // ... and to stderr
  std::string error;       // why it did not start or was stopped; "" otherwise
};

ProcessResult run(const std::vector<std::string>& argv, const std::string& input, double timeout_seconds);

}  // namespace kb::math
