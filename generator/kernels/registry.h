// The kernel registry: every kernel by name, with its parameters and output
// fields, and one entry point that runs a kernel from string parameters.
// This is what `kb demo KERNEL` and the ```demo blocks call.
//
// Contract:
// - kernel_specs() lists every kernel once, in a stable order (data
//   generators first, then by family). Each has a version: bump it whenever
//   its output for the same parameters changes, so cached results are
//   recomputed (version_tag() folds in the data generator's version too).
// - run_kernel(name, params, input) parses every parameter by its spec (a
//   missing one takes its default), runs the kernel and returns its result
//   as JSON: the kernel's output fields plus "kernel", "version" and
//   "params" (every parameter with its effective, typed value).
// - Parameter values are strings as a user types them: integers, reals
//   ("0.01", "1e-3"), booleans (true/false, yes/no, 1/0), one of a fixed set
//   of choices, free text, or lists given as one comma-separated string
//   ("16,16"; brackets allowed: "[16, 16]"). In a TOML demo block a list of
//   values is a parameter grid, so a list-valued parameter is written as a
//   string there.
// - Data: kernels that learn from data read `input` when given (the columns
//   each kernel expects are in its spec's `input`; supervised kernels take
//   the label or target from the last column). Without input they generate
//   data: "data.generator" picks one of the spec's data_generators (the
//   first is the default) and "data.<name>" sets that generator's
//   parameters (e.g. data.n=300, data.centers=4). Text kernels read
//   documents from their "text" parameter (one per line) or generate the
//   tiny corpus.
// - Errors are messages, never exceptions or crashes: an unknown kernel or
//   parameter names it and lists the valid ones (with a "did you mean"),
//   a bad value names the parameter, the value and what was expected, and
//   bad data (k larger than n, a non-integer class label, a missing cell)
//   says which.
// Thread safety: the table is immutable after first use; run_kernel is
// reentrant.
#pragma once

#include "kernels/result.h"
#include "kernels/table.h"

#include <nlohmann/json.hpp>

#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kb::kernels {

enum class ParamType {
  kInt,       // whole number within [min, max]
  kReal,      // finite number within [min, max]
  kBool,      // true/false, yes/no, on/off, 1/0
  kChoice,    // one of `choices`
  kString,    // free text
  kIntList,   // comma-separated whole numbers, each within [min, max]
  kRealList,  // comma-separated numbers, each within [min, max]
};

// "int", "real", "bool", "choice", "string", "int list", "real list".
const char* type_name(ParamType type);

struct ParamSpec {
  std::string name;           // as written in params ("k", "learning_rate")
  ParamType type = ParamType::kReal;  // how the value is parsed
  std::string default_value;  // as a user would write it ("" for an empty list or text)
  double min = -std::numeric_limits<double>::infinity();  // inclusive bounds for numbers and list items
  double max = std::numeric_limits<double>::infinity();
  std::vector<std::string> choices;  // kChoice only
  std::string description;           // one line for the reference
};

struct OutputSpec {
  std::string name;         // key in the result JSON
  std::string description;  // what it holds
};

struct KernelSpec {
  std::string name;     // what run_kernel and ```demo blocks call it
  int version = 1;      // bumped whenever the output for the same parameters changes
  std::string family;   // data, supervised, unsupervised, preparation, evaluation, text, distributions, time series, neural
  std::string summary;  // one line
  std::string input;    // how an input table is read; empty: the kernel takes none
  std::vector<std::string> data_generators;  // allowed values of data.generator, default first; empty: none
  std::map<std::string, std::string> data_defaults;  // generator parameters this kernel changes (applied to whichever generator has them)
  // Generator parameter <- this kernel's parameter: unless data.<name> is
  // set, the generated data follows the kernel (decomposition's period and
  // model shape the series it decomposes).
  std::map<std::string, std::string> data_follow;
  std::vector<ParamSpec> params;
  std::vector<OutputSpec> outputs;
};

// Every kernel, data generators first.
const std::vector<KernelSpec>& kernel_specs();
// The kernel called `name`, or nullptr.
const KernelSpec* find_kernel(std::string_view name);

using Params = std::map<std::string, std::string>;

// Runs kernel `name`. `input` (optional) is the data table; see the contract above.
Result<nlohmann::json> run_kernel(std::string_view name, const Params& params,
                                  const Table* input = nullptr);

// "kmeans@1" or, when the data is generated, "kmeans@1+blobs@1": a cache key
// component that changes whenever a kernel that affects the result changes.
// Fails like run_kernel on an unknown kernel or generator.
Result<std::string> version_tag(std::string_view name, const Params& params, bool has_input);

// One kernel's spec as JSON (name, version, family, summary, input,
// data_generators, params with type/default/min/max/choices/description, outputs).
nlohmann::json describe(const KernelSpec& spec);
// The reference of every kernel as Markdown (a section per kernel with a
// parameter table and the output fields), for the documentation.
std::string reference_markdown();

}  // namespace kb::kernels
