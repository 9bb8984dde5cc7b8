// Internals shared by registry.cc (parsing, validation, dispatch) and
// registry_kernels.cc (the table of kernels and their runners). Not part of
// the public API.
#pragma once

#include "kernels/common.h"
#include "kernels/registry.h"

#include <functional>
#include <memory>
#include <set>

namespace kb::kernels::registry_detail {

using nlohmann::json;

// One parsed parameter value.
struct Value {
  long long integer = 0;
  double real = 0;
  bool flag = false;
  std::string text;  // kString, kChoice
  std::vector<double> list;
};

struct KernelEntry;

// The parsed parameters of one run, plus where its data comes from.
class Args {
 public:
  long long integer(const std::string& name) const { return get(name).integer; }
  int int32(const std::string& name) const { return static_cast<int>(get(name).integer); }
  double real(const std::string& name) const { return get(name).real; }
  bool flag(const std::string& name) const { return get(name).flag; }
  const std::string& text(const std::string& name) const { return get(name).text; }
  const std::vector<double>& list(const std::string& name) const { return get(name).list; }
  std::vector<int> int_list(const std::string& name) const {
    std::vector<int> out;
    for (double v : get(name).list) out.push_back(static_cast<int>(v));
    return out;
  }
  uint64_t seed(const std::string& name = "seed") const { return static_cast<uint64_t>(get(name).integer); }
  bool given(const std::string& name) const { return explicit_.count(name) > 0; }

  std::map<std::string, Value> values;
  std::set<std::string> explicit_;   // names the caller set
  json effective;                    // typed values, for the output's "params"
  const Table* input = nullptr;      // the caller's table, if any
  const KernelEntry* generator = nullptr;     // without input: the data generator
  std::shared_ptr<Args> generator_args;       // and its parsed parameters

 private:
  const Value& get(const std::string& name) const;
};

// What a numeric data generator makes: a table whose last column is the
// label or target when `supervised`, plus generator-specific truths
// (centers, true coefficients, the clean series...).
struct Generated {
  Table table;
  bool supervised = false;
  json truth = json::object();
};

struct KernelEntry {
  KernelSpec spec;
  std::function<Result<json>(const Args&)> run;
  std::function<Result<Generated>(const Args&)> generate;  // numeric data generators only
};

// Every kernel (registry_kernels.cc).
const std::vector<KernelEntry>& entries();

// ---- helpers for runners (registry.cc) ----

// How a runner reads its data.
struct Data {
  std::vector<std::string> feature_names;
  Matrix x;                  // features
  std::string target_name;   // empty when there is no target
  Vector y;                  // target or label column
  bool generated = false;
  json truth = json::object();  // generator truths (generated only)
};
enum class DataRole {
  kFeatures,        // every column is a feature (generated data keeps its labels in y for colouring)
  kSupervised,      // features, then the label or target in the last column
  kAllowMissing,    // like kFeatures, but empty cells (NaN) are allowed
};
Result<Data> load_data(const Args& args, DataRole role);
// The raw table (input or generated) and the generator's truths.
Result<Generated> load_table(const Args& args);

// y as class labels: every value must be a whole number.
Result<Labels> to_labels(const Vector& y, const std::string& column);

// JSON conversions; NaN and infinities become null.
json number(double v);
json to_json(const Vector& v);
json to_json(const std::vector<double>& v);
json to_json(const Matrix& m);  // array of rows
json data_json(const Data& d);  // {"columns", "x", "y"}

// Rows for training and testing: test_fraction of them (rounded) are held
// out at random (seeded); 0 keeps every row for training.
struct RowSplit {
  std::vector<int> train, test;
};
Result<RowSplit> split_rows(int n, double test_fraction, uint64_t seed);

// Predictions over a resolution × resolution grid spanning the two features
// (padded by 5%): {"x": [...], "y": [...], "predictions": [[row for y0], ...]}.
// Null when there are not exactly two features or resolution is 0.
json decision_grid(const Matrix& x, int resolution, const std::function<std::vector<double>(const Matrix&)>& predict);

// Documents for the text kernels: the "text" parameter split into lines, or
// the generated corpus.
Result<std::vector<std::string>> load_documents(const Args& args, json* truth);

}  // namespace kb::kernels::registry_detail
