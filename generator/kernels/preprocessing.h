// Data preparation: imputation of missing values, label and one-hot
// encoding, quantile binning, standardisation and min-max scaling, SMOTE
// oversampling, k-fold cross-validation and train/validation/test splits.
//
// Contract:
// - Missing values are NaN; only impute accepts them, every other function
//   rejects non-finite input with an error naming the row and column.
// - Scalers and imputers return the fitted parameters (means, scales, fill
//   values) with the transformed data, so the same transform can be applied
//   to new data.
// - Bad input (empty data, k < 2 folds, more folds than rows, fractions
//   outside [0, 1) or summing to 1 or more, fewer than two minority samples
//   for SMOTE, k not below their number) gives an error, never a crash.
// - Costs: scaling and encoding O(n d); mean/median imputation O(n d log n);
//   KNN imputation O(missing · n · d); SMOTE O(m² d) for m minority rows.
// Thread safety: pure functions.
#pragma once

#include "kernels/common.h"
#include "kernels/result.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace kb::kernels {

// ---- imputation ----
enum class ImputeStrategy { kMean, kMedian, kKnn };
struct ImputeOptions {
  ImputeStrategy strategy = ImputeStrategy::kMean;  // what fills a gap
  int k = 5;  // kKnn: neighbours averaged (rows that have the column), >= 1
};
struct Imputation {
  Matrix filled;                            // x with every NaN replaced
  std::vector<double> fill_values;          // kMean/kMedian: the value used per column; kKnn: NaN
  std::vector<std::pair<int, int>> cells;   // (row, column) of each filled cell, row-major order
  int knn_fallbacks = 0;                    // kKnn: cells with no usable neighbour, filled with the column mean
};
// kKnn measures distance over the columns both rows have ("nan-Euclidean":
// sqrt(d / present · Σ present squared differences)), among rows that have
// the missing column; ties go to the lower row. A column with no observed
// value at all is an error.
Result<Imputation> impute(const Matrix& x, const ImputeOptions& options = {});

// Knocks out a share of the cells of x (set to NaN) at random, for demos.
Result<Matrix> knock_out(const Matrix& x, double fraction, uint64_t seed);

// ---- encoding ----
struct LabelEncoding {
  std::vector<std::string> categories;  // distinct values, sorted (byte order)
  std::vector<int> codes;               // index into categories, per value
};
Result<LabelEncoding> label_encode(const std::vector<std::string>& values);

struct OneHotEncoding {
  std::vector<std::string> categories;  // column names, sorted; without the first when drop_first
  Matrix matrix;                        // values × categories of 0/1
};
// drop_first leaves out the first category's column (to avoid collinearity in linear models).
Result<OneHotEncoding> one_hot_encode(const std::vector<std::string>& values, bool drop_first = false);

// ---- binning ----
enum class BinStrategy { kQuantile, kUniform };
struct BinningOptions {
  int bins = 4;                                 // bins requested, >= 1
  BinStrategy strategy = BinStrategy::kQuantile;  // equal counts (quantiles) or equal widths
};
struct Binning {
  std::vector<double> edges;  // ascending, bins + 1 values (fewer when repeated values make quantiles coincide)
  std::vector<int> bins;      // bin of each value, 0-based: edges[b] <= v < edges[b + 1] (the last bin includes its top)
  std::vector<int> counts;    // values per bin
};
// Quantiles use linear interpolation between order statistics (type 7).
Result<Binning> bin_values(const std::vector<double>& values, const BinningOptions& options = {});

// ---- scaling ----
struct Scaling {
  Matrix scaled;                // the transformed data
  std::vector<double> offsets;  // subtracted per column (standardize: mean; min-max: min)
  std::vector<double> scales;   // then divided per column (standardize: sd; min-max: max - min); 1 for a constant column
};
// (x - mean) / population standard deviation; a constant column becomes 0.
Result<Scaling> standardize(const Matrix& x);
// lo + (x - min) / (max - min) · (hi - lo); a constant column becomes lo. Needs lo < hi.
Result<Scaling> min_max_scale(const Matrix& x, double lo = 0.0, double hi = 1.0);

// ---- SMOTE ----
struct SmoteOptions {
  int k = 5;               // minority neighbours to interpolate towards, 1..(minority count - 1)
  int minority_class = -1; // label to oversample; -1 = the rarest (ties: lower label)
  int synthetic = 0;       // new points to make; 0 = enough to match the largest class
  uint64_t seed = 42;      // random seed
};
struct Smote {
  int minority_class = 0;         // the label oversampled
  Matrix synthetic;               // new points, one per row
  std::vector<int> base;          // row of x each synthetic point starts from
  std::vector<int> neighbor;      // row of x it moves towards (one of base's k nearest minority rows)
  std::vector<double> gap;        // position on that segment, in [0, 1)
  Matrix x_resampled;             // x followed by the synthetic points
  Labels labels_resampled;        // labels followed by minority_class for each
};
Result<Smote> smote(const Matrix& x, const Labels& labels, const SmoteOptions& options = {});

// ---- cross-validation and splits ----
struct KFoldOptions {
  int k = 5;            // folds, 2..n
  bool shuffle = true;  // shuffle the rows before cutting folds (else consecutive blocks)
  uint64_t seed = 42;   // random seed for the shuffle
};
struct Fold {
  std::vector<int> train;  // ascending
  std::vector<int> test;   // ascending
};
struct KFold {
  std::vector<Fold> folds;   // k folds; the test sets partition 0..n-1, sizes differ by at most 1
  std::vector<int> fold_of;  // the fold whose test set holds each row
};
Result<KFold> k_fold(int n, const KFoldOptions& options = {});

struct SplitOptions {
  double validation = 0.15;  // share of rows for validation, in [0, 1)
  double test = 0.15;        // share for test, in [0, 1); validation + test < 1
  bool shuffle = true;       // shuffle first (else the first rows train, the last test)
  uint64_t seed = 42;        // random seed
};
struct Split {
  std::vector<int> train, validation, test;  // each ascending; together 0..n-1 once each
};
// Sizes are round(n · share) for validation and test; train keeps the rest and is never empty.
Result<Split> train_validation_test_split(int n, const SplitOptions& options = {});

}  // namespace kb::kernels
