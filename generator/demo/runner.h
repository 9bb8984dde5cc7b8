// The demo runner: every variant of every demo of a build, computed by the
// kernels in parallel, with the disk cache in front.
//
// Contract:
// - run() takes the demos (parsed specs, each with its input table's bytes
//   when it reads a CSV) and returns, per demo, one Outcome per variant of
//   variants(spec), in that order. A variant is looked up in the cache by
//   key_of(version tag, parameters, input bytes); a miss runs
//   kernels::run_kernel and stores the result. Failures (a bad parameter
//   value, k larger than n, an unreadable CSV) are Outcome::error, the
//   kernel's message; nothing throws.
// - Variants run in parallel (TBB) across all demos; results do not depend
//   on the schedule (kernels are pure and seeded).
// Thread safety: run() is reentrant, and builds running at once may share a
// cache directory (cache.h).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "demo/block.h"
#include "demo/cache.h"

namespace kb::demo {

struct Job {
  const DemoSpec* spec = nullptr;
  std::string input_bytes;   // the CSV's text; "" = generated data
  std::string input_name;    // how messages name the CSV ("data/points.csv")
};

struct Outcome {
  nlohmann::json result;  // run_kernel's JSON, when ok
  std::string error;      // the kernel's message, when not
  bool cached = false;    // found in the disk cache
  bool ok() const { return error.empty(); }
};

struct RunStats {
  size_t demos = 0;
  size_t variants = 0;
  size_t cache_hits = 0;
  size_t computed = 0;
  double seconds = 0;  // wall time of run()
};

std::vector<std::vector<Outcome>> run(const std::vector<Job>& jobs, const Cache& cache, RunStats& stats);

}  // namespace kb::demo
