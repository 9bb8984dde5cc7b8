// Shared vocabulary of the kernels: matrix types, the random-number helpers
// every seeded kernel uses, and input checks that turn bad input into an
// error message.
//
// Contract:
// - Data is an Eigen Matrix with one row per sample and one column per
//   feature; targets are a Vector (regression) or Labels (classification,
//   integer class ids, any values, e.g. 0/1 or 3/7/9).
// - Randomness comes only from an Rng (std::mt19937_64) seeded by the caller.
//   The helpers below turn its output into numbers with our own arithmetic,
//   not the <random> distributions, whose results the C++ standard leaves to
//   each library: the same seed gives the same numbers with every compiler.
// - The check_* functions return an empty string when the input is fine and
//   otherwise a message naming what is wrong; they never throw.
// Thread safety: pure functions; an Rng must not be shared between threads.
#pragma once

#include <Eigen/Dense>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace kb::kernels {

using Matrix = Eigen::MatrixXd;  // rows are samples, columns are features
using Vector = Eigen::VectorXd;
using Labels = std::vector<int>;
using Rng = std::mt19937_64;

// Uniform double in [0, 1) from the top 53 bits of one draw.
double uniform01(Rng& rng);
// Uniform integer in [0, n), unbiased (rejection sampling); n must be > 0.
int uniform_index(Rng& rng, int n);
// Standard normal draw (Box–Muller, one uniform pair per draw, no cached state).
double standard_normal(Rng& rng);
// Fisher–Yates shuffle driven by uniform_index (std::shuffle is
// implementation-defined).
void shuffle(std::vector<int>& v, Rng& rng);
// 0, 1, ..., n-1.
std::vector<int> iota_indices(int n);

// A number as a short human string: 3, 0.25, 1e-06.
std::string num(double v);

// x non-empty (rows and columns) and every entry finite. `what` names it.
std::string check_matrix(const Matrix& x, const std::string& what);
// v non-empty and every entry finite.
std::string check_vector(const Vector& v, const std::string& what);
// rows == n; message "x has 10 rows but y has 9 values".
std::string check_same_length(long rows, const std::string& what_rows, long n,
                              const std::string& what_n);

// Every label is 0 or 1 and both occur; `what` names the labels in the message.
std::string check_binary_labels(const Labels& labels, const std::string& what);

// Distinct labels in ascending order.
std::vector<int> distinct_labels(const Labels& labels);
// Index of each label in `classes` (which must contain it).
std::vector<int> class_indices(const Labels& labels, const std::vector<int>& classes);

// Rows of x picked by idx, in that order.
Matrix take_rows(const Matrix& x, const std::vector<int>& idx);
Vector take(const Vector& v, const std::vector<int>& idx);
Labels take(const Labels& v, const std::vector<int>& idx);

// Squared Euclidean distance between row i of a and row j of b.
double squared_distance(const Matrix& a, int i, const Matrix& b, int j);

}  // namespace kb::kernels
