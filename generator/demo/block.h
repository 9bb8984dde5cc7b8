// A ```demo block: the TOML a note writes to have a kernel run at build time,
// parsed and checked against the kernel registry.
//
// Syntax (every key but `kernel` optional):
//
//   ```demo
//   kernel  = "kmeans"              # a kernel of `kb demo --list`
//   title   = "k-means on 4 blobs"  # heading of the demo; default: from the kernel
//   caption = "Watch the centroids…"# a sentence under it
//   view    = "scatter"             # one of the kernel's views (present.h); default: the kernel's first
//   overlay = true                  # draw every variant in ONE figure (distributions, loss curves)
//   input   = "data/points.csv"     # a CSV beside the note instead of generated data
//   default = { k = 4 }             # the variant shown first (and without JS); default: first values
//   k = [2, 3, 4, 5]                # a kernel parameter; a list is a grid: one variant per value
//   seed = 7
//   data.centers = 4                # a data-generator parameter ("data.<name>", see kb demo --describe)
//   ```
//
// Contract:
// - parse_block() never throws. Every problem is a BlockError with a place
//   relative to the block's content: line 1 is the first line after the
//   opening fence, columns are 1-based bytes. TOML syntax errors carry
//   toml++'s place; an unknown kernel, parameter or view, a bad `default`, a
//   list inside a list, a grid over 64 variants are each reported at the key
//   (or value) that is wrong, with "did you mean" where one is close.
// - Parameter values become the strings kernels::run_kernel() takes: integers
//   and booleans as written, reals in their shortest round-trip form, strings
//   as they are (a list-valued kernel parameter is written as a string:
//   hidden = "16,16"). The values themselves are checked when the kernel runs;
//   place_of_error() finds the key a kernel's error message names.
// - variants() is the full grid: the cartesian product of the list values,
//   the first grid parameter varying slowest, in the order written.
// Thread safety: plain data and pure functions.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kb::demo {

struct Place {
  int line = 0;    // 1-based within the block's content
  int column = 0;  // 1-based byte column; 0: the whole line
};

struct BlockError {
  std::string message;
  Place place;
};

struct Param {
  std::string name;                 // "k", "data.centers"
  std::vector<std::string> values;  // one for a fixed value; several for a grid
  bool grid = false;                // written as a list (even of one value)
  Place place;                      // of the key
};

struct DemoSpec {
  std::string kernel;
  std::string title;
  std::string caption;
  std::string view;     // "" = the kernel's default view
  bool overlay = false;
  std::string input;    // CSV path as written, relative to the note's folder; "" = generated data
  std::vector<Param> params;  // in the order written
  std::map<std::string, std::string> defaults;  // grid parameter -> the value shown first
  Place kernel_place;   // of the `kernel` key (errors without a better place)
  Place input_place;
};

// One point of the grid: every parameter's value.
struct Variant {
  std::map<std::string, std::string> params;  // what run_kernel takes
  std::vector<std::string> grid_values;       // the grid parameters' values, in order
  std::string label;                          // "k = 3", "k = 3, seed = 2"; "" without a grid
};

struct ParsedBlock {
  DemoSpec spec;
  std::vector<BlockError> errors;  // empty: spec is valid
  bool ok() const { return errors.empty(); }
};

constexpr size_t kMaxVariants = 64;

ParsedBlock parse_block(std::string_view toml);

// The grid parameters of spec, in order.
std::vector<const Param*> grid_params(const DemoSpec& spec);
// A parameter's name as a reader sees it in labels and legends: the key
// without its "data." prefix, underscores as spaces ("data.cluster_std" ->
// "cluster std", "learning_rate" -> "learning rate").
std::string param_words(std::string_view name);

// Every variant; one (with an empty label) when nothing is a grid.
std::vector<Variant> variants(const DemoSpec& spec);
// Index in variants(spec) of the variant shown first.
size_t default_variant(const DemoSpec& spec);

// The place of the parameter a kernel's error message names (`"k"` quoted in
// it), else of the kernel key.
Place place_of_error(const DemoSpec& spec, std::string_view message);

}  // namespace kb::demo
