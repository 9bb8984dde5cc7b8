#include "kernels/data_generators.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace kb::kernels;
using Catch::Matchers::Contains;

TEST_CASE("blobs: sizes, balance, spread around the centers, determinism") {
  auto d = make_blobs({301, 3, 2, 0.5, 10, 1});
  REQUIRE(d.ok());
  CHECK(d->x.rows() == 301);
  CHECK(std::count(d->labels.begin(), d->labels.end(), 0) == 101);
  CHECK(std::count(d->labels.begin(), d->labels.end(), 2) == 100);
  double sq = 0;
  for (int i = 0; i < 301; ++i) sq += (d->x.row(i) - d->centers.row(d->labels[i])).squaredNorm();
  CHECK(std::sqrt(sq / (2 * 301)) == Approx(0.5).margin(0.05));
  CHECK(make_blobs({301, 3, 2, 0.5, 10, 1})->x == d->x);
  CHECK(make_blobs({301, 3, 2, 0.5, 10, 2})->x != d->x);
  CHECK_THAT(make_blobs({2, 3, 2, 1, 10, 1}).error, Contains("centers (3) is larger than n (2)"));
  CHECK_THAT(make_blobs({10, 2, 2, -1, 10, 1}).error, Contains("cluster_std"));
}

TEST_CASE("moons, linear, imbalanced, scores and classifications") {
  auto m = make_moons({101, 0.0, 1});
  REQUIRE(m.ok());
  CHECK(m->x(0, 0) == Approx(1));  // cos 0
  CHECK(m->x(50, 0) == Approx(-1));  // cos π: last of the 51 outer points
  CHECK(std::count(m->labels.begin(), m->labels.end(), 1) == 50);
  auto l = make_linear({50, 2, {1, -1}, 3, 0.0, 0, 1, 1});
  REQUIRE(l.ok());
  for (int i = 0; i < 50; ++i) CHECK(l->y[i] == Approx(3 + l->x(i, 0) - l->x(i, 1)));
  CHECK_THAT(make_linear({50, 2, {1}, 3, 0, 0, 1, 1}).error, Contains("coefficients has 1 values"));
  auto im = make_imbalanced({100, 0.05, 3, 2, 1});
  CHECK(std::count(im->labels.begin(), im->labels.end(), 1) == 5);
  CHECK_THAT(make_imbalanced({100, 0.7, 3, 2, 1}).error, Contains("minority_fraction"));
  auto s = make_scores({10, 0.3, 2, 1});
  CHECK(std::count(s->labels.begin(), s->labels.end(), 1) == 3);
  auto c = make_classifications({2000, 3, 0.7, 1});
  int right = 0;
  for (int i = 0; i < 2000; ++i) right += c->predicted[i] == c->actual[i];
  CHECK(right / 2000.0 == Approx(0.7).margin(0.03));
  auto sk = make_skewed({100, 1, 0.5, 1});
  for (double v : *sk) CHECK(v > 0);
}

TEST_CASE("time series: parts add up (additive) or multiply (multiplicative), anomalies injected") {
  TimeSeriesOptions o;
  o.anomalies = 3;
  auto a = make_time_series(o);
  REQUIRE(a.ok());
  CHECK(a->values.size() == 120);
  CHECK(a->anomaly_times.size() == 3);
  for (int t = 0; t < 120; ++t) {
    const bool spike = std::count(a->anomaly_times.begin(), a->anomaly_times.end(), t) > 0;
    const double clean = a->trend[t] + a->seasonal[t] + a->noise[t];
    CHECK(std::abs(a->values[t] - clean) == Approx(spike ? o.anomaly_size : 0).margin(1e-9));
  }
  CHECK(a->seasonal[3] == Approx(2.0));  // sin(2π·3/12) = 1
  o.model = SeasonalModel::kMultiplicative;
  o.anomalies = 0;
  auto m = make_time_series(o);
  REQUIRE(m.ok());
  for (int t = 0; t < 120; ++t) CHECK(m->values[t] == Approx(m->trend[t] * m->seasonal[t] * m->noise[t]));
  CHECK(m->seasonal[3] == Approx(1.2));
  o.amplitude = 20;
  CHECK_THAT(make_time_series(o).error, Contains("amplitude < level"));
  o = {};
  o.period = 1;
  CHECK_FALSE(make_time_series(o).ok());
}

TEST_CASE("corpus: documents per topic, stop words mixed in, deterministic") {
  auto c = make_corpus({});
  REQUIRE(c.ok());
  CHECK(c->documents.size() == 12);
  CHECK(c->topic_of_document[4] == 1);
  CHECK(c->topic_names.size() == 3);
  CHECK(make_corpus({})->documents == c->documents);
  CHECK_THAT(make_corpus({4, 10, 5, 0.9, 0.3, 1}).error, Contains("topics must be in [1, 4]"));
}
