#include "cli/demo_command.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/core.h>

#include "kernels/registry.h"
#include "present/present.h"
#include "kernels/table.h"

namespace kb::cli {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string number_text(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  if (v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{}", static_cast<long long>(v));
  return fmt::format("{:.6g}", v);
}

std::string scalar_text(const json& v) {
  if (v.is_number()) return number_text(v.get<double>());
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_null()) return "null";
  return v.dump();
}

bool all_scalars(const json& a) {
  for (const json& x : a)
    if (x.is_structured()) return false;
  return true;
}

bool is_matrix(const json& a) {
  if (!a.is_array() || a.empty()) return false;
  for (const json& row : a)
    if (!row.is_array() || !all_scalars(row)) return false;
  return true;
}

std::string list_text(const json& a, size_t max_items = 8) {
  std::string s = "[";
  size_t shown = std::min(a.size(), max_items);
  for (size_t i = 0; i < shown; ++i) s += (i ? ", " : "") + scalar_text(a[i]);
  if (a.size() > shown) s += fmt::format(", … ({} values)", a.size());
  return s + "]";
}

std::string compact(const json& v, size_t max_chars = 100) {
  std::string s = v.dump();
  if (s.size() > max_chars) s = s.substr(0, max_chars) + "…";
  return s;
}

// One field of a result, indented by `indent`.
void print_field(std::ostream& out, const std::string& name, const json& v, int indent) {
  std::string pad(static_cast<size_t>(indent), ' ');
  if (!v.is_structured()) {
    out << pad << name << ": " << scalar_text(v) << "\n";
  } else if (v.is_array() && all_scalars(v)) {
    out << pad << name << ": " << list_text(v) << "\n";
  } else if (is_matrix(v)) {
    size_t cols = 0;
    for (const json& row : v) cols = std::max(cols, row.size());
    out << pad << name << ": " << v.size() << " × " << cols << "\n";
    size_t shown = std::min<size_t>(v.size(), 6);
    for (size_t i = 0; i < shown; ++i) out << pad << "  " << list_text(v[i]) << "\n";
    if (v.size() > shown) out << pad << "  … (" << v.size() - shown << " more rows)\n";
  } else if (v.is_array()) {
    out << pad << name << ": " << v.size() << (v.size() == 1 ? " item" : " items") << "\n";
    size_t shown = std::min<size_t>(v.size(), 3);
    for (size_t i = 0; i < shown; ++i) out << pad << "  " << compact(v[i]) << "\n";
    if (v.size() > shown) out << pad << "  …\n";
  } else if (indent >= 4) {
    out << pad << name << ": " << compact(v) << "\n";
  } else {
    out << pad << name << ":\n";
    for (const auto& [k, x] : v.items()) print_field(out, k, x, indent + 2);
  }
}

void print_list(std::ostream& out) {
  std::string family;
  size_t width = 0;
  for (const auto& s : kernels::kernel_specs()) width = std::max(width, s.name.size());
  for (const auto& s : kernels::kernel_specs()) {
    if (s.family != family) {
      out << (family.empty() ? "" : "\n") << s.family << ":\n";
      family = s.family;
    }
    out << fmt::format("  {:<{}}  {}\n", s.name, width, s.summary);
  }
  out << "\nRun `kb demo KERNEL --describe` for a kernel's parameters and outputs.\n";
}

void print_describe(std::ostream& out, const kernels::KernelSpec& s) {
  json d = kernels::describe(s);
  out << s.name << " (version " << s.version << ", " << s.family << "): " << s.summary << "\n";
  if (!s.input.empty()) out << "input: " << s.input << "\n";
  if (!s.data_generators.empty()) {
    out << "data.generator: ";
    for (size_t i = 0; i < s.data_generators.size(); ++i) out << (i ? ", " : "") << s.data_generators[i];
    out << " (default " << s.data_generators.front() << "; set its parameters as data.NAME=VALUE)\n";
  }
  out << "parameters:\n";
  if (s.params.empty()) out << "  (none)\n";
  for (const json& p : d["params"]) {
    std::string allowed;
    if (p.contains("choices")) {
      for (const json& c : p["choices"]) allowed += (allowed.empty() ? "" : "|") + c.get<std::string>();
    } else if (p.contains("min") || p.contains("max")) {
      allowed = fmt::format("{} to {}", p.contains("min") ? number_text(p["min"].get<double>()) : "-inf",
                            p.contains("max") ? number_text(p["max"].get<double>()) : "inf");
    }
    out << fmt::format("  {} ({}", p["name"].get<std::string>(), p["type"].get<std::string>());
    if (!allowed.empty()) out << ", " << allowed;
    out << fmt::format(", default \"{}\"): {}\n", p["default"].get<std::string>(),
                       p["description"].get<std::string>());
  }
  out << "outputs:\n";
  for (const auto& o : s.outputs) out << "  " << o.name << ": " << o.description << "\n";
  // What a ```demo block can show (view = "…"; overlay = true for the second list).
  auto list = [](const std::vector<std::string>& names) {
    std::string text;
    for (const auto& n : names) text += (text.empty() ? "" : ", ") + n;
    return text.empty() ? std::string("none") : text;
  };
  out << "views in demo blocks: " << list(present::views_of(s.name)) << " (the first is the default)\n";
  out << "views that overlay variants: " << list(present::overlay_views(s.name)) << "\n";
}

}  // namespace

std::string summarize_result(const json& result) {
  std::ostringstream out;
  std::string name = result.value("kernel", std::string());
  out << name;
  if (result.contains("version")) out << " (version " << scalar_text(result["version"]) << ")";
  out << "\n";
  if (result.contains("params") && result["params"].is_object() && !result["params"].empty()) {
    std::string line;
    for (const auto& [k, v] : result["params"].items())
      line += (line.empty() ? "" : ", ") + k + "=" + (v.is_array() ? list_text(v) : scalar_text(v));
    out << "params: " << line << "\n";
  }
  std::set<std::string> done = {"kernel", "version", "params"};
  if (const auto* spec = kernels::find_kernel(name)) {
    for (const auto& o : spec->outputs) {
      if (!result.contains(o.name) || done.count(o.name)) continue;
      if (o.name == "data" && result[o.name].is_object()) {
        const json& d = result[o.name];
        std::string text = compact(d, 60);
        if (d.contains("x") && d["x"].is_array()) {
          text = std::to_string(d["x"].size()) + " rows";
          if (d.contains("columns") && d["columns"].is_array()) text += ", columns " + list_text(d["columns"]);
          if (d.value("generated", false)) text += " (generated)";
        }
        out << "data: " << text << "\n";
      } else {
        print_field(out, o.name, result[o.name], 0);
      }
      done.insert(o.name);
    }
  }
  for (const auto& [k, v] : result.items())
    if (!done.count(k)) print_field(out, k, v, 0);
  return out.str();
}

int run_demo(const DemoCommand& command, std::ostream& out, std::ostream& err) {
  auto error = [&](const std::string& message) {
    err << "kb demo: error: " << message << "\n";
    return 1;
  };
  if (command.kernel.empty()) {
    if (command.describe) return error("--describe needs a kernel name (run `kb demo --list` to see them)");
    if (command.list || (command.input.empty() && command.sets.empty())) {
      print_list(out);
      return 0;
    }
    return error("no kernel given (run `kb demo --list` to see them)");
  }
  if (command.list) {
    print_list(out);
    return 0;
  }
  const kernels::KernelSpec* spec = kernels::find_kernel(command.kernel);
  if (!spec) {
    // run_kernel names the unknown kernel and suggests the nearest one.
    auto r = kernels::run_kernel(command.kernel, {});
    return error(r.ok() ? "unknown kernel '" + command.kernel + "'" : r.error);
  }
  if (command.describe) {
    if (command.json) out << kernels::describe(*spec).dump(2) << "\n";
    else print_describe(out, *spec);
    return 0;
  }

  kernels::Params params;
  for (const std::string& set : command.sets) {
    size_t eq = set.find('=');
    if (eq == std::string::npos || eq == 0)
      return error("--set '" + set + "' is not key=value (e.g. --set k=3)");
    params[set.substr(0, eq)] = set.substr(eq + 1);
  }

  std::optional<kernels::Table> table;
  if (!command.input.empty()) {
    std::error_code ec;
    if (!fs::exists(command.input, ec)) return error("input file not found: " + command.input);
    if (fs::is_directory(command.input, ec)) return error("input is a folder, not a CSV file: " + command.input);
    std::ifstream in(command.input, std::ios::binary);
    if (!in) return error("cannot read input file: " + command.input);
    std::string text{std::istreambuf_iterator<char>(in), {}};
    auto parsed = kernels::parse_numeric_csv(text, command.input);
    if (!parsed) return error(parsed.error);
    table = std::move(*parsed);
  }

  auto result = kernels::run_kernel(command.kernel, params, table ? &*table : nullptr);
  if (!result) return error(result.error);
  if (command.json) out << result->dump(2) << "\n";
  else out << summarize_result(*result);
  return 0;
}

}  // namespace kb::cli
