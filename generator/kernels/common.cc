#include "kernels/common.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace kb::kernels {

double uniform01(Rng& rng) {
  return static_cast<double>(rng() >> 11) * (1.0 / 9007199254740992.0);  // 2^-53
}

int uniform_index(Rng& rng, int n) {
  const uint64_t range = static_cast<uint64_t>(n);
  const uint64_t limit = UINT64_MAX - UINT64_MAX % range;  // reject the ragged top
  uint64_t r;
  do {
    r = rng();
  } while (r >= limit);
  return static_cast<int>(r % range);
}

double standard_normal(Rng& rng) {
  const double u1 = 1.0 - uniform01(rng);  // (0, 1]: log is finite
  const double u2 = uniform01(rng);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

void shuffle(std::vector<int>& v, Rng& rng) {
  for (int i = static_cast<int>(v.size()) - 1; i > 0; --i) {
    std::swap(v[i], v[uniform_index(rng, i + 1)]);
  }
}

std::vector<int> iota_indices(int n) {
  std::vector<int> v(std::max(n, 0));
  std::iota(v.begin(), v.end(), 0);
  return v;
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string check_matrix(const Matrix& x, const std::string& what) {
  if (x.rows() == 0) return what + " is empty (no rows)";
  if (x.cols() == 0) return what + " has no columns";
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
      if (!std::isfinite(x(i, j))) {
        return what + " row " + std::to_string(i + 1) + ", column " + std::to_string(j + 1) +
               " is " + (std::isnan(x(i, j)) ? "missing (NaN)" : "infinite");
      }
    }
  }
  return {};
}

std::string check_vector(const Vector& v, const std::string& what) {
  if (v.size() == 0) return what + " is empty";
  for (Eigen::Index i = 0; i < v.size(); ++i) {
    if (!std::isfinite(v[i])) {
      return what + " value " + std::to_string(i + 1) + " is " +
             (std::isnan(v[i]) ? "missing (NaN)" : "infinite");
    }
  }
  return {};
}

std::string check_same_length(long rows, const std::string& what_rows, long n,
                              const std::string& what_n) {
  if (rows == n) return {};
  return what_rows + " has " + std::to_string(rows) + " rows but " + what_n + " has " +
         std::to_string(n) + " values";
}

std::string check_binary_labels(const Labels& labels, const std::string& what) {
  if (labels.empty()) return what + " is empty";
  bool zero = false, one = false;
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] == 0) zero = true;
    else if (labels[i] == 1) one = true;
    else return what + " must be 0 or 1; value " + std::to_string(i + 1) + " is " + std::to_string(labels[i]);
  }
  if (!zero || !one) return what + " must contain both classes 0 and 1; all are " + std::to_string(labels[0]);
  return {};
}

std::vector<int> distinct_labels(const Labels& labels) {
  std::vector<int> c(labels.begin(), labels.end());
  std::sort(c.begin(), c.end());
  c.erase(std::unique(c.begin(), c.end()), c.end());
  return c;
}

std::vector<int> class_indices(const Labels& labels, const std::vector<int>& classes) {
  std::vector<int> out(labels.size());
  for (size_t i = 0; i < labels.size(); ++i) {
    out[i] = static_cast<int>(std::lower_bound(classes.begin(), classes.end(), labels[i]) -
                              classes.begin());
  }
  return out;
}

Matrix take_rows(const Matrix& x, const std::vector<int>& idx) {
  Matrix out(static_cast<Eigen::Index>(idx.size()), x.cols());
  for (size_t r = 0; r < idx.size(); ++r) out.row(static_cast<Eigen::Index>(r)) = x.row(idx[r]);
  return out;
}

Vector take(const Vector& v, const std::vector<int>& idx) {
  Vector out(static_cast<Eigen::Index>(idx.size()));
  for (size_t r = 0; r < idx.size(); ++r) out[static_cast<Eigen::Index>(r)] = v[idx[r]];
  return out;
}

Labels take(const Labels& v, const std::vector<int>& idx) {
  Labels out(idx.size());
  for (size_t r = 0; r < idx.size(); ++r) out[r] = v[idx[r]];
  return out;
}

double squared_distance(const Matrix& a, int i, const Matrix& b, int j) {
  return (a.row(i) - b.row(j)).squaredNorm();
}

}  // namespace kb::kernels
