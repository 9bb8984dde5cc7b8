#include "kernels/neural.h"

#include "kernels/data_generators.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace kb::kernels;
using Catch::Matchers::Contains;

TEST_CASE("activation derivatives match central differences") {
  for (Activation a : {Activation::kSigmoid, Activation::kTanh, Activation::kRelu, Activation::kLeakyRelu,
                       Activation::kIdentity}) {
    for (double z : {-3.0, -0.7, 0.4, 2.5}) {
      const double h = 1e-6;
      const double numeric = (activate(a, z + h) - activate(a, z - h)) / (2 * h);
      CHECK(activation_derivative(a, z) == Approx(numeric).margin(1e-6));
    }
  }
  CHECK(activate(Activation::kSigmoid, 0) == 0.5);
  CHECK(activation_derivative(Activation::kSigmoid, 0) == 0.25);
  CHECK(activate(Activation::kRelu, -2) == 0);
  CHECK(activate(Activation::kLeakyRelu, -2) == Approx(-0.02));
  CHECK(activate(Activation::kSigmoid, -800) == 0);  // no overflow
  auto c = activation_curve(Activation::kTanh, -2, 2, 5);
  REQUIRE(c.ok());
  CHECK(c->x == std::vector<double>{-2, -1, 0, 1, 2});
  CHECK(c->derivative[2] == 1);
  CHECK_FALSE(activation_curve(Activation::kTanh, 2, -2, 5).ok());
}

TEST_CASE("MLP gradient check: backpropagation agrees with numerical gradients to 1e-6") {
  auto moons = make_moons({30, 0.2, 1});
  REQUIRE(moons.ok());
  Vector y(30);
  for (int i = 0; i < 30; ++i) y[i] = moons->labels[i];
  for (Activation a : {Activation::kTanh, Activation::kSigmoid}) {
    auto net = init_mlp({2, 5, 4, 1}, a, OutputKind::kBinary, WeightInit::kAuto, 7);
    REQUIRE(net.ok());
    auto g = gradient_check(*net, moons->x, y);
    REQUIRE(g.ok());
    CHECK(g->relative_error < 1e-6);
    CHECK(g->parameters == 2 * 5 + 5 + 5 * 4 + 4 + 4 + 1);
  }
  // Regression output (identity + squared error) too.
  Vector target = moons->x.col(0).array().square();
  auto reg = init_mlp({2, 6, 1}, Activation::kTanh, OutputKind::kRegression, WeightInit::kAuto, 3);
  auto g = gradient_check(*reg, moons->x, target);
  REQUIRE(g.ok());
  CHECK(g->relative_error < 1e-6);
  // The loss backprop reports is the loss.
  auto grads = mlp_gradients(*reg, moons->x, target);
  CHECK(grads->loss == Approx(mlp_loss(*reg, moons->x, target)));
}

TEST_CASE("vanishing gradients: per-layer norms shrink with sigmoid depth and do not with ReLU") {
  VanishingOptions o;
  o.depth = 10;
  o.activation = Activation::kSigmoid;
  auto s = vanishing_gradients(o);
  REQUIRE(s.ok());
  REQUIRE(s->gradient_norms.size() == 11);
  // Input-side layers get far smaller gradients than output-side ones.
  CHECK(s->gradient_norms[0] < 1e-3 * s->gradient_norms[9]);
  for (int l = 1; l < 10; ++l) CHECK(s->gradient_norms[l - 1] < s->gradient_norms[l]);
  o.activation = Activation::kRelu;
  auto r = vanishing_gradients(o);
  REQUIRE(r.ok());
  const double ratio = r->gradient_norms[0] / r->gradient_norms[9];
  CHECK(ratio > 0.1);
  CHECK(ratio < 10);
  CHECK(r->saturation.size() == 10);
  CHECK_FALSE(vanishing_gradients({0, 16, Activation::kRelu, WeightInit::kAuto, 16, 1}).ok());
}

TEST_CASE("MLP learns the moons") {
  auto moons = make_moons({200, 0.1, 2});
  Vector y(200);
  for (int i = 0; i < 200; ++i) y[i] = moons->labels[i];
  MlpOptions o;
  o.hidden = {16};
  o.learning_rate = 0.5;
  o.epochs = 2000;
  auto t = train_mlp(moons->x, y, o);
  REQUIRE(t.ok());
  CHECK(t->accuracy > 0.95);
  CHECK(t->loss_curve.back() < 0.5 * t->loss_curve.front());
  CHECK(t->gradient_norms.size() == 2000);
  CHECK(t->gradient_norms[0].size() == 2);
  o.batch_size = 32;
  o.epochs = 300;
  auto mini = train_mlp(moons->x, y, o);
  REQUIRE(mini.ok());
  CHECK(mini->accuracy > 0.95);
}

TEST_CASE("MLP rejects bad input") {
  Matrix x(3, 2);
  x << 0, 0, 1, 1, 2, 2;
  Vector y(3);
  y << 0, 1, 2;
  CHECK_THAT(train_mlp(x, y).error, Contains("0 or 1"));
  y << 0, 1, 1;
  MlpOptions o;
  o.learning_rate = 0;
  CHECK_THAT(train_mlp(x, y, o).error, Contains("learning_rate"));
  o = {};
  o.hidden = {0};
  CHECK_THAT(train_mlp(x, y, o).error, Contains("units"));
  CHECK_THAT(init_mlp({2, 3, 2}, Activation::kTanh, OutputKind::kBinary, WeightInit::kAuto, 1).error,
             Contains("output layer must have 1 unit"));
  auto net = init_mlp({3, 1}, Activation::kTanh, OutputKind::kBinary, WeightInit::kAuto, 1);
  CHECK_THAT(gradient_check(*net, x, y).error, Contains("network takes 3 inputs"));
}
