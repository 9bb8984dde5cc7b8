// Fuzz target: the TOML of a ```demo block (demo/block.h). parse_block() of
// any bytes never throws; a block without errors gives a grid of at most
// kMaxVariants variants, whose default is one of them.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "demo/block.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  kb::demo::ParsedBlock block = kb::demo::parse_block(text);
  for (const auto& e : block.errors) KB_FUZZ_CHECK(e.place.line >= 0 && e.place.column >= 0);
  const auto& spec = block.spec;
  for (const auto& p : spec.params) (void)kb::demo::param_words(p.name);
  (void)kb::demo::grid_params(spec);
  if (block.ok()) {
    auto variants = kb::demo::variants(spec);
    KB_FUZZ_CHECK(!variants.empty() && variants.size() <= kb::demo::kMaxVariants);
    KB_FUZZ_CHECK(kb::demo::default_variant(spec) < variants.size());
  }
  // A kernel's error message naming a parameter: the input's tail as one.
  (void)kb::demo::place_of_error(spec, text.substr(text.size() / 2));
  return 0;
}
