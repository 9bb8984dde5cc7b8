// `kb demo`: runs one kernel of the registry (generator/kernels/registry.h)
// from the command line and prints its result as a readable summary or JSON;
// also lists the kernels and describes one kernel's parameters and outputs.
//
// Contract: run_demo writes results to `out` and problems to `err` as
// `kb demo: error: message`, returning 0 on success and 1 on any bad input
// (unknown kernel or parameter, a --set without '=', a missing or unreadable
// --input file, a CSV that is empty or has a non-numeric cell, data the
// kernel rejects such as k larger than n). It never throws on bad input.
// Thread safety: reentrant (the registry is immutable).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kb::cli {

struct DemoCommand {
  std::string kernel;             // empty: list the kernels
  std::string input;              // --input FILE.csv; empty: generated data
  std::vector<std::string> sets;  // --set key=value (repeatable; a later one wins)
  bool json = false;              // --json: print the result as JSON
  bool list = false;              // --list: list the kernels
  bool describe = false;          // --describe: print the kernel's parameters and outputs
};

int run_demo(const DemoCommand& command, std::ostream& out, std::ostream& err);

// The readable summary of a kernel result (what `kb demo` prints without --json).
std::string summarize_result(const nlohmann::json& result);

}  // namespace kb::cli
