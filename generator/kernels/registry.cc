#include "kernels/registry.h"

#include "core/text.h"
#include "kernels/preprocessing.h"
#include "kernels/registry_internal.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <exception>

namespace kb::kernels {
namespace detail = registry_detail;
using nlohmann::json;

namespace registry_detail {

const Value& Args::get(const std::string& name) const {
  auto it = values.find(name);
  if (it == values.end()) {
    // A runner asked for a parameter its spec does not declare: a bug in the
    // table, caught by run_kernel and reported as an internal error.
    throw std::logic_error("parameter \"" + name + "\" is not declared");
  }
  return it->second;
}

json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json to_json(const Vector& v) {
  json a = json::array();
  for (Eigen::Index i = 0; i < v.size(); ++i) a.push_back(number(v[i]));
  return a;
}

json to_json(const std::vector<double>& v) {
  json a = json::array();
  for (double x : v) a.push_back(number(x));
  return a;
}

json to_json(const Matrix& m) {
  json rows = json::array();
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    json row = json::array();
    for (Eigen::Index j = 0; j < m.cols(); ++j) row.push_back(number(m(i, j)));
    rows.push_back(std::move(row));
  }
  return rows;
}

json data_json(const Data& d) {
  json j;
  std::vector<std::string> columns = d.feature_names;
  if (!d.target_name.empty()) columns.push_back(d.target_name);
  j["columns"] = columns;
  j["x"] = to_json(d.x);
  j["y"] = d.y.size() ? to_json(d.y) : json(nullptr);
  j["generated"] = d.generated;
  if (d.generated && !d.truth.empty()) j["truth"] = d.truth;
  return j;
}

Result<Labels> to_labels(const Vector& y, const std::string& column) {
  Labels out;
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    if (y[i] != std::floor(y[i]) || std::abs(y[i]) > 1e9) {
      return fail("column \"" + column + "\" row " + std::to_string(i + 1) + " holds " + num(y[i]) +
                  "; class labels must be whole numbers");
    }
    out.push_back(static_cast<int>(y[i]));
  }
  return out;
}

Result<Generated> load_table(const Args& args) {
  if (args.input) {
    Generated g;
    g.table = *args.input;
    return g;
  }
  if (!args.generator || !args.generator->generate) return fail("this kernel needs input data");
  auto g = args.generator->generate(*args.generator_args);
  if (!g) return fail("data generator " + args.generator->spec.name + ": " + g.error);
  return g;
}

Result<Data> load_data(const Args& args, DataRole role) {
  auto loaded = load_table(args);
  if (!loaded) return fail(loaded.error);
  const Table& t = loaded->table;
  const Eigen::Index cols = t.values.cols(), rows = t.values.rows();
  if (rows == 0 || cols == 0) return fail("the data is empty");
  for (Eigen::Index i = 0; i < rows && role != DataRole::kAllowMissing; ++i) {
    for (Eigen::Index j = 0; j < cols; ++j) {
      if (std::isnan(t.values(i, j))) {
        return fail("data row " + std::to_string(i + 1) + ", column \"" + t.columns[j] +
                    "\" is empty; only the impute kernel accepts missing values");
      }
    }
  }
  Data d;
  d.generated = !args.input;
  d.truth = loaded->truth;
  // Generated supervised tables keep their label as y even for unsupervised
  // kernels (to colour points by their true class); input tables are read
  // as the role says.
  const bool split_last = role == DataRole::kSupervised || (d.generated && loaded->supervised);
  if (role == DataRole::kSupervised && cols < 2) {
    return fail("this kernel needs at least 2 columns (features, then the label or target last); the data has " +
                std::to_string(cols));
  }
  if (role == DataRole::kSupervised && d.generated && !loaded->supervised) {
    return fail("the generated data has no label or target column; pick a generator with one");
  }
  const Eigen::Index features = split_last ? cols - 1 : cols;
  d.feature_names.assign(t.columns.begin(), t.columns.begin() + features);
  d.x = t.values.leftCols(features);
  if (split_last) {
    d.target_name = t.columns.back();
    d.y = t.values.col(cols - 1);
  }
  return d;
}

Result<RowSplit> split_rows(int n, double test_fraction, uint64_t seed) {
  RowSplit s;
  if (test_fraction <= 0) {
    s.train = iota_indices(n);
    return s;
  }
  auto split = train_validation_test_split(n, {0.0, test_fraction, true, seed});
  if (!split) return fail(split.error);
  if (split->test.empty()) {
    return fail("test_fraction " + num(test_fraction) + " of " + std::to_string(n) + " rows holds out none");
  }
  s.train = split->train;
  s.test = split->test;
  return s;
}

json decision_grid(const Matrix& x, int resolution,
                   const std::function<std::vector<double>(const Matrix&)>& predict) {
  if (x.cols() != 2 || resolution <= 0) return nullptr;
  std::vector<double> axis[2];
  for (int j = 0; j < 2; ++j) {
    double lo = x.col(j).minCoeff(), hi = x.col(j).maxCoeff();
    const double pad = hi > lo ? 0.05 * (hi - lo) : 0.5;
    lo -= pad;
    hi += pad;
    for (int i = 0; i < resolution; ++i) {
      axis[j].push_back(resolution == 1 ? (lo + hi) / 2 : lo + (hi - lo) * i / (resolution - 1));
    }
  }
  Matrix points(resolution * resolution, 2);
  for (int r = 0; r < resolution; ++r) {
    for (int c = 0; c < resolution; ++c) points.row(r * resolution + c) << axis[0][c], axis[1][r];
  }
  const std::vector<double> p = predict(points);
  json rows = json::array();
  for (int r = 0; r < resolution; ++r) {
    json row = json::array();
    for (int c = 0; c < resolution; ++c) row.push_back(number(p[r * resolution + c]));
    rows.push_back(std::move(row));
  }
  return {{"x", axis[0]}, {"y", axis[1]}, {"predictions", rows}};
}

Result<std::vector<std::string>> load_documents(const Args& args, json* truth) {
  const std::string& text = args.text("text");
  std::vector<std::string> docs;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    const std::string_view line = kb::text::trim(std::string_view(text).substr(pos, end - pos));
    if (!line.empty()) docs.emplace_back(line);
    pos = end + 1;
  }
  if (!docs.empty()) return docs;
  if (!args.generator) return fail("no text given");
  auto corpus = args.generator->run(*args.generator_args);
  if (!corpus) return fail(corpus.error);
  if (truth) {
    *truth = {{"topics", (*corpus)["topics"]}, {"topic_names", (*corpus)["topic_names"]}};
  }
  return (*corpus)["documents"].get<std::vector<std::string>>();
}

}  // namespace registry_detail

namespace {

const detail::KernelEntry* find_entry(std::string_view name) {
  for (const auto& e : detail::entries()) {
    if (e.spec.name == name) return &e;
  }
  return nullptr;
}

std::string join(const std::vector<std::string>& items, const std::string& prefix = "") {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + prefix + items[i];
  return out;
}

// " (did you mean "x"?)" for the closest candidate within a small edit distance, else "".
std::string suggestion(std::string_view wrong, const std::vector<std::string>& candidates,
                       const std::string& prefix = "") {
  std::string best;
  size_t best_distance = 3;
  for (const std::string& c : candidates) {
    const size_t d = kb::text::edit_distance(wrong, prefix + c, best_distance);
    if (d < best_distance) {
      best_distance = d;
      best = prefix + c;
    }
  }
  return best.empty() ? "" : " (did you mean \"" + best + "\"?)";
}

std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

bool parse_integer(std::string_view text, long long& out) {
  const std::string s(kb::text::trim(text));
  if (s.empty()) return false;
  errno = 0;
  char* end = nullptr;
  out = std::strtoll(s.c_str(), &end, 10);
  if (errno == 0 && *end == '\0') return true;
  // Accept whole numbers written as reals ("3.0", "1e3").
  errno = 0;
  const double d = std::strtod(s.c_str(), &end);
  if (errno != 0 || *end != '\0' || !std::isfinite(d) || d != std::floor(d) || std::abs(d) > 9.0e15) {
    return false;
  }
  out = static_cast<long long>(d);
  return true;
}

bool parse_real(std::string_view text, double& out) {
  const std::string s(kb::text::trim(text));
  if (s.empty()) return false;
  errno = 0;
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return errno == 0 && *end == '\0' && std::isfinite(out);
}

std::string range_text(const ParamSpec& p) {
  const bool whole = p.type == ParamType::kInt || p.type == ParamType::kIntList;
  auto text = [&](double v) { return whole ? std::to_string(static_cast<long long>(v)) : num(v); };
  const bool lo = std::isfinite(p.min), hi = std::isfinite(p.max);
  if (lo && hi) return "[" + text(p.min) + ", " + text(p.max) + "]";
  if (lo) return ">= " + text(p.min);
  if (hi) return "<= " + text(p.max);
  return "any value";
}

// Parses `raw` for parameter p into v; returns an error message or "".
std::string parse_value(const std::string& kernel, const ParamSpec& p, const std::string& raw, detail::Value& v,
                        json& typed) {
  const std::string where = "parameter \"" + p.name + "\" of " + kernel + ": ";
  auto in_range = [&](double x) { return x >= p.min && x <= p.max; };
  switch (p.type) {
    case ParamType::kInt: {
      long long x;
      if (!parse_integer(raw, x)) return where + "expected a whole number, got \"" + raw + "\"";
      if (!in_range(static_cast<double>(x))) {
        return where + std::to_string(x) + " is out of range (allowed: " + range_text(p) + ")";
      }
      v.integer = x;
      v.real = static_cast<double>(x);
      typed = x;
      return {};
    }
    case ParamType::kReal: {
      double x;
      if (!parse_real(raw, x)) return where + "expected a number, got \"" + raw + "\"";
      if (!in_range(x)) return where + num(x) + " is out of range (allowed: " + range_text(p) + ")";
      v.real = x;
      typed = x;
      return {};
    }
    case ParamType::kBool: {
      const std::string s = lower(std::string(kb::text::trim(raw)));
      if (s == "true" || s == "yes" || s == "on" || s == "1") v.flag = true;
      else if (s == "false" || s == "no" || s == "off" || s == "0") v.flag = false;
      else return where + "expected true or false, got \"" + raw + "\"";
      typed = v.flag;
      return {};
    }
    case ParamType::kChoice: {
      const std::string s(kb::text::trim(raw));
      if (std::find(p.choices.begin(), p.choices.end(), s) == p.choices.end()) {
        return where + "\"" + raw + "\" is not one of " + join(p.choices) + suggestion(s, p.choices);
      }
      v.text = s;
      typed = s;
      return {};
    }
    case ParamType::kString:
      v.text = raw;
      typed = raw;
      return {};
    case ParamType::kIntList:
    case ParamType::kRealList: {
      std::string_view s = kb::text::trim(raw);
      if (!s.empty() && s.front() == '[' && s.back() == ']') s = s.substr(1, s.size() - 2);
      typed = json::array();
      if (kb::text::trim(s).empty()) return {};
      size_t pos = 0;
      while (pos <= s.size()) {
        size_t end = s.find(',', pos);
        if (end == std::string_view::npos) end = s.size();
        const std::string_view item = s.substr(pos, end - pos);
        pos = end + 1;
        if (p.type == ParamType::kIntList) {
          long long x;
          if (!parse_integer(item, x)) {
            return where + "expected comma-separated whole numbers, got \"" + std::string(item) + "\" in \"" + raw + "\"";
          }
          if (!in_range(static_cast<double>(x))) {
            return where + "item " + std::to_string(x) + " is out of range (allowed: " + range_text(p) + ")";
          }
          v.list.push_back(static_cast<double>(x));
          typed.push_back(x);
        } else {
          double x;
          if (!parse_real(item, x)) {
            return where + "expected comma-separated numbers, got \"" + std::string(item) + "\" in \"" + raw + "\"";
          }
          if (!in_range(x)) return where + "item " + num(x) + " is out of range (allowed: " + range_text(p) + ")";
          v.list.push_back(x);
          typed.push_back(x);
        }
      }
      return {};
    }
  }
  return where + "unknown type";
}

std::vector<std::string> param_names(const KernelSpec& spec) {
  std::vector<std::string> names;
  for (const ParamSpec& p : spec.params) names.push_back(p.name);
  return names;
}

// Parses `given` against `spec` (defaults for the rest) into args.
std::string parse_params(const KernelSpec& spec, const Params& given, const std::string& label,
                         const std::string& prefix, detail::Args& args) {
  for (const auto& [name, value] : given) {
    const bool known = std::any_of(spec.params.begin(), spec.params.end(),
                                   [&name = name](const ParamSpec& p) { return p.name == name; });
    if (!known) {
      const std::vector<std::string> names = param_names(spec);
      return "unknown parameter \"" + prefix + name + "\" for " + label + suggestion(prefix + name, names, prefix) +
             "; valid parameters: " + (names.empty() ? std::string("none") : join(names, prefix));
    }
  }
  args.effective = json::object();
  for (const ParamSpec& p : spec.params) {
    auto it = given.find(p.name);
    const std::string& raw = it != given.end() ? it->second : p.default_value;
    detail::Value v;
    json typed;
    if (auto e = parse_value(label, p, raw, v, typed); !e.empty()) {
      if (prefix.empty()) return e;
      return "parameter \"" + prefix + p.name + "\" (" + label + ")" + e.substr(e.find(": "));
    }
    if (it != given.end()) args.explicit_.insert(p.name);
    args.values[p.name] = std::move(v);
    args.effective[p.name] = std::move(typed);
  }
  return {};
}

std::vector<std::string> kernel_names() {
  std::vector<std::string> names;
  for (const auto& e : detail::entries()) names.push_back(e.spec.name);
  return names;
}

std::string unknown_kernel(std::string_view name) {
  const std::vector<std::string> names = kernel_names();
  return "unknown kernel \"" + std::string(name) + "\"" + suggestion(name, names) + "; valid kernels: " +
         join(names);
}

// Splits params into the kernel's own and the data generator's ("data." prefix).
struct SplitParams {
  Params own, data;
  std::string generator;  // chosen generator name ("" when none applies)
};

Result<SplitParams> split_params(const KernelSpec& spec, const Params& params, bool has_input) {
  SplitParams s;
  for (const auto& [name, value] : params) {
    if (name.rfind("data.", 0) == 0) {
      s.data[name.substr(5)] = value;
    } else {
      s.own[name] = value;
    }
  }
  if (!s.data.empty()) {
    if (spec.data_generators.empty()) {
      return fail("kernel " + spec.name + " takes no data parameters, got \"data." + s.data.begin()->first + "\"");
    }
    if (has_input) {
      return fail("data parameters (\"data." + s.data.begin()->first +
                  "\") only apply to generated data, but input data was given");
    }
  }
  if (!spec.data_generators.empty() && !has_input) {
    s.generator = spec.data_generators.front();
    auto it = s.data.find("generator");
    if (it != s.data.end()) {
      const std::string chosen(kb::text::trim(it->second));
      if (std::find(spec.data_generators.begin(), spec.data_generators.end(), chosen) ==
          spec.data_generators.end()) {
        return fail("parameter \"data.generator\" of " + spec.name + ": \"" + chosen + "\" is not one of " +
                    join(spec.data_generators) + suggestion(chosen, spec.data_generators));
      }
      s.generator = chosen;
      s.data.erase(it);
    }
  }
  return s;
}

}  // namespace

const char* type_name(ParamType type) {
  switch (type) {
    case ParamType::kInt: return "int";
    case ParamType::kReal: return "real";
    case ParamType::kBool: return "bool";
    case ParamType::kChoice: return "choice";
    case ParamType::kString: return "string";
    case ParamType::kIntList: return "int list";
    case ParamType::kRealList: return "real list";
  }
  return "?";
}

const std::vector<KernelSpec>& kernel_specs() {
  static const std::vector<KernelSpec> specs = [] {
    std::vector<KernelSpec> s;
    for (const auto& e : detail::entries()) s.push_back(e.spec);
    return s;
  }();
  return specs;
}

const KernelSpec* find_kernel(std::string_view name) {
  const detail::KernelEntry* e = find_entry(name);
  return e ? &e->spec : nullptr;
}

Result<std::string> version_tag(std::string_view name, const Params& params, bool has_input) {
  const detail::KernelEntry* entry = find_entry(name);
  if (!entry) return fail(unknown_kernel(name));
  auto split = split_params(entry->spec, params, has_input);
  if (!split) return fail(split.error);
  std::string tag = entry->spec.name + "@" + std::to_string(entry->spec.version);
  if (!split->generator.empty()) {
    const detail::KernelEntry* g = find_entry(split->generator);
    if (!g) return fail("internal error: generator " + split->generator + " is not registered");
    tag += "+" + g->spec.name + "@" + std::to_string(g->spec.version);
  }
  return tag;
}

Result<json> run_kernel(std::string_view name, const Params& params, const Table* input) {
  const detail::KernelEntry* entry = find_entry(name);
  if (!entry) return fail(unknown_kernel(name));
  const KernelSpec& spec = entry->spec;
  if (input && spec.input.empty()) {
    return fail("kernel " + spec.name + " takes no input data (it is computed from its parameters)");
  }
  auto split = split_params(spec, params, input != nullptr);
  if (!split) return fail(split.error);
  detail::Args args;
  if (auto e = parse_params(spec, split->own, "kernel " + spec.name, "", args); !e.empty()) return fail(e);
  args.input = input;
  json data_params = nullptr;
  if (!split->generator.empty()) {
    const detail::KernelEntry* g = find_entry(split->generator);
    if (!g) return fail("internal error: generator " + split->generator + " is not registered");
    // The kernel's data defaults may cover several generators; keep those the
    // chosen one has.
    Params gp;
    for (const auto& [k, v] : spec.data_defaults) {
      if (std::any_of(g->spec.params.begin(), g->spec.params.end(), [&k = k](const ParamSpec& p) { return p.name == k; })) {
        gp[k] = v;
      }
    }
    for (const auto& [gen_param, own_param] : spec.data_follow) {
      auto it = split->own.find(own_param);
      if (it != split->own.end()) gp[gen_param] = it->second;
    }
    for (const auto& [k, v] : split->data) gp[k] = v;
    auto gargs = std::make_shared<detail::Args>();
    if (auto e = parse_params(g->spec, gp, "generator " + g->spec.name, "data.", *gargs); !e.empty()) {
      return fail(e);
    }
    args.generator = g;
    data_params = gargs->effective;
    data_params["generator"] = g->spec.name;
    args.generator_args = std::move(gargs);
  }
  Result<json> out = fail("kernel " + spec.name + " did not run");
  try {
    out = entry->run(args);
  } catch (const std::exception& e) {
    return fail("internal error in kernel " + spec.name + ": " + e.what());
  }
  if (!out) return fail("kernel " + spec.name + ": " + out.error);
  json& j = *out;
  j["kernel"] = spec.name;
  j["version"] = spec.version;
  j["params"] = args.effective;
  if (!data_params.is_null()) j["params"]["data"] = data_params;
  return out;
}

json describe(const KernelSpec& spec) {
  json params = json::array();
  for (const ParamSpec& p : spec.params) {
    json jp = {{"name", p.name}, {"type", type_name(p.type)}, {"default", p.default_value},
               {"description", p.description}};
    if (std::isfinite(p.min)) jp["min"] = p.min;
    if (std::isfinite(p.max)) jp["max"] = p.max;
    if (!p.choices.empty()) jp["choices"] = p.choices;
    params.push_back(std::move(jp));
  }
  json outputs = json::array();
  for (const OutputSpec& o : spec.outputs) outputs.push_back({{"name", o.name}, {"description", o.description}});
  return {{"name", spec.name}, {"version", spec.version}, {"family", spec.family}, {"summary", spec.summary},
          {"input", spec.input}, {"data_generators", spec.data_generators},
          {"data_defaults", spec.data_defaults}, {"params", params}, {"outputs", outputs}};
}

std::string reference_markdown() {
  std::string md = "# Demo kernels\n\n";
  std::string family;
  for (const KernelSpec& s : kernel_specs()) {
    if (s.family != family) {
      family = s.family;
      md += "## " + family + "\n\n";
    }
    md += "### `" + s.name + "` (version " + std::to_string(s.version) + ")\n\n" + s.summary + "\n\n";
    if (!s.input.empty()) md += "Input: " + s.input + "\n\n";
    if (!s.data_generators.empty()) {
      md += "Without input, data comes from `data.generator` = " + join(s.data_generators) +
            " (default " + s.data_generators.front() + ")";
      if (!s.data_defaults.empty()) {
        md += ", with";
        bool first = true;
        for (const auto& [k, v] : s.data_defaults) {
          md += std::string(first ? " " : ", ") + "`data." + k + "=" + v + "`";
          first = false;
        }
      }
      md += ".\n\n";
    }
    if (!s.params.empty()) {
      md += "| parameter | type | default | allowed | meaning |\n|---|---|---|---|---|\n";
      for (const ParamSpec& p : s.params) {
        const std::string allowed = p.type == ParamType::kChoice ? join(p.choices)
                                    : (p.type == ParamType::kBool || p.type == ParamType::kString) ? ""
                                                                                                     : range_text(p);
        md += "| `" + p.name + "` | " + type_name(p.type) + " | `" + p.default_value + "` | " + allowed + " | " +
              p.description + " |\n";
      }
      md += "\n";
    }
    md += "Output fields:\n\n";
    for (const OutputSpec& o : s.outputs) md += "- `" + o.name + "`: " + o.description + "\n";
    md += "\n";
  }
  return md;
}

}  // namespace kb::kernels
