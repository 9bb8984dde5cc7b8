#include "demo/runner.h"

#include <atomic>
#include <chrono>
#include <optional>

#include <tbb/parallel_for.h>

#include "kernels/registry.h"
#include "kernels/table.h"

namespace kb::demo {

std::vector<std::vector<Outcome>> run(const std::vector<Job>& jobs, const Cache& cache, RunStats& stats) {
  const auto start = std::chrono::steady_clock::now();
  struct Task {
    size_t job, variant;
    std::map<std::string, std::string> params;
  };
  std::vector<std::vector<Outcome>> out(jobs.size());
  std::vector<Task> tasks;
  // Each CSV is parsed once per demo, not once per variant.
  std::vector<std::optional<kernels::Result<kernels::Table>>> tables(jobs.size());
  for (size_t j = 0; j < jobs.size(); ++j) {
    std::vector<Variant> vs = variants(*jobs[j].spec);
    out[j].resize(vs.size());
    for (size_t v = 0; v < vs.size(); ++v) tasks.push_back({j, v, std::move(vs[v].params)});
    if (!jobs[j].spec->input.empty())
      tables[j].emplace(kernels::parse_numeric_csv(jobs[j].input_bytes, jobs[j].input_name));
  }
  std::atomic<size_t> hits{0}, computed{0};
  tbb::parallel_for(size_t(0), tasks.size(), [&](size_t t) {
    const Task& task = tasks[t];
    const Job& job = jobs[task.job];
    Outcome& o = out[task.job][task.variant];
    const kernels::Table* input = nullptr;
    if (tables[task.job]) {
      const auto& table = *tables[task.job];
      if (!table) {
        o.error = table.error;
        return;
      }
      input = &*table;
    }
    auto tag = kernels::version_tag(job.spec->kernel, task.params, input != nullptr);
    if (!tag) {
      o.error = tag.error;
      return;
    }
    const std::string key = key_of(*tag, task.params, job.input_bytes);
    if (auto hit = cache.get(key)) {
      o.result = std::move(*hit);
      o.cached = true;
      ++hits;
      return;
    }
    auto result = kernels::run_kernel(job.spec->kernel, task.params, input);
    ++computed;
    if (!result) {
      o.error = result.error;
      return;
    }
    cache.put(key, *result);
    o.result = std::move(*result);
  });
  stats.demos += jobs.size();
  stats.variants += tasks.size();
  stats.cache_hits += hits;
  stats.computed += computed;
  stats.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace kb::demo
