//===- LibraryCallsTest.cpp - cpu library calls against the reference -----===//
//
// Part of Tessera. The reference loops are checked on small cases computed
// by hand; then each oneDNN path (plain and packed constant weights, folded,
// n-D broadcast and looped batches, bias, residual separate and in place,
// every activation; convolutions with stride, padding, dilation, groups,
// depthwise; max and average pooling with padding, dilation and
// count_include_pad) is checked against them on random data through a
// Session, with the reference loops forced in a second Session.
//
//===----------------------------------------------------------------------===//

#include "ArtifactBuilder.h"
#include "TestUtil.h"

#include "runtime/api/Session.h"
#include "runtime/devices/cpu/ReferenceCalls.h"

#include <gtest/gtest.h>

using namespace tessera::runtime;
using namespace tessera::test;

namespace {

//===----------------------------------------------------------------------===//
// The reference itself
//===----------------------------------------------------------------------===//

TEST(ReferenceCallsTest, MatMulByHand) {
  // [[1,2],[3,4]] x [[5,6],[7,8]] = [[19,22],[43,50]]
  MatMulGeometry g = inferMatMul({2, 2}, {2, 2}, false, false).value();
  float a[] = {1, 2, 3, 4}, b[] = {5, 6, 7, 8}, out[4];
  referenceMatMul(g, a, b, nullptr, nullptr, Activation::None, out);
  EXPECT_EQ(std::vector<float>(out, out + 4), (std::vector<float>{19, 22, 43, 50}));
  // aᵀ x bᵀ = [[23,31],[34,46]], + bias [1,-100], relu
  g = inferMatMul({2, 2}, {2, 2}, true, true).value();
  float bias[] = {1, -100};
  referenceMatMul(g, a, b, bias, nullptr, Activation::Relu, out);
  EXPECT_EQ(std::vector<float>(out, out + 4), (std::vector<float>{24, 0, 35, 0}));
  // Broadcast: lhs [2,1,2] x rhs [2,1] -> [2,1,1]
  g = inferMatMul({2, 1, 2}, {2, 1}, false, false).value();
  float c[] = {1, 2, 3, 4}, d[] = {10, 1};
  float residual[] = {0.5f, -0.5f};
  referenceMatMul(g, c, d, nullptr, residual, Activation::None, out);
  EXPECT_EQ(out[0], 12.5f);
  EXPECT_EQ(out[1], 33.5f);
}

TEST(ReferenceCallsTest, ActivationsByDefinition) {
  EXPECT_EQ(applyActivation(Activation::Relu, -2.f), 0.f);
  EXPECT_NEAR(applyActivation(Activation::GeluErf, 1.f), 0.8413447f, 1e-6);
  EXPECT_NEAR(applyActivation(Activation::GeluTanh, 1.f), 0.8411920f, 1e-6);
  EXPECT_NEAR(applyActivation(Activation::Sigmoid, 0.f), 0.5f, 1e-7);
  EXPECT_NEAR(applyActivation(Activation::Silu, 2.f), 1.7615942f, 1e-6);
}

TEST(ReferenceCallsTest, Conv2dByHand) {
  // 1x1x3x3 input 1..9, 2x2 kernel of ones, stride 1, pad 0: window sums.
  Window2d window;
  Conv2dGeometry g = inferConv2d({1, 1, 3, 3}, {1, 1, 2, 2}, window, 1).value();
  float input[9], weight[4] = {1, 1, 1, 1}, out[4];
  for (int i = 0; i < 9; ++i)
    input[i] = float(i + 1);
  referenceConv2d(g, input, weight, nullptr, nullptr, Activation::None, out);
  EXPECT_EQ(std::vector<float>(out, out + 4), (std::vector<float>{12, 16, 24, 28}));
  // Padding 1 on the top/left only, stride 2: windows at (-1,-1), (-1,1),
  // (1,-1), (1,1).
  window.padding = {1, 1, 0, 0};
  window.strides = {2, 2};
  g = inferConv2d({1, 1, 3, 3}, {1, 1, 2, 2}, window, 1).value();
  ASSERT_EQ(g.oh, 2);
  referenceConv2d(g, input, weight, nullptr, nullptr, Activation::None, out);
  EXPECT_EQ(std::vector<float>(out, out + 4), (std::vector<float>{1, 5, 11, 28}));
}

TEST(ReferenceCallsTest, Pool2dByHand) {
  float input[9];
  for (int i = 0; i < 9; ++i)
    input[i] = float(i + 1);
  Window2d window;
  window.kernel = {2, 2};
  window.padding = {1, 1, 1, 1};
  window.strides = {2, 2};
  Pool2dGeometry g = inferPool2d({1, 1, 3, 3}, window).value();
  ASSERT_EQ(g.oh, 2);
  float out[4];
  referencePool2d(g, PoolKind::Max, false, input, out);
  EXPECT_EQ(std::vector<float>(out, out + 4), (std::vector<float>{1, 3, 7, 9}));
  referencePool2d(g, PoolKind::Average, false, input, out);
  EXPECT_EQ(std::vector<float>(out, out + 4), (std::vector<float>{1, 2.5, 5.5, 7}));
  referencePool2d(g, PoolKind::Average, true, input, out);
  EXPECT_EQ(std::vector<float>(out, out + 4),
            (std::vector<float>{0.25, 1.25, 2.75, 7}));
}

//===----------------------------------------------------------------------===//
// oneDNN against the reference
//===----------------------------------------------------------------------===//

/// Runs the builder's artifact with oneDNN and with the reference loops and
/// checks the outputs agree.
void expectMatchesReference(const ArtifactBuilder &builder,
                            const std::vector<HostTensor> &inputs,
                            const std::string &what,
                            const std::string &expectedLabel = "") {
  std::vector<uint8_t> bytes = builder.build();
  std::vector<HostTensor> results[2];
  for (int reference = 0; reference < 2; ++reference) {
    auto artifact = Artifact::fromBytes(bytes.data(), bytes.size());
    ASSERT_TRUE(artifact.isOk()) << what << ": " << artifact.status().toString();
    SessionOptions options;
    options.referenceCalls = reference;
    options.threads = 2;
    auto session = Session::create(std::move(artifact).value(), options);
    ASSERT_TRUE(session.isOk()) << what << ": " << session.status().toString();
    if (!reference && !expectedLabel.empty()) {
      std::vector<std::string> labels = (*session)->commandLabels();
      EXPECT_EQ(labels.back(), cpuCallLabel(expectedLabel)) << what;
    }
    auto outputs = (*session)->run(inputs);
    ASSERT_TRUE(outputs.isOk()) << what << ": " << outputs.status().toString();
    results[reference] = std::move(outputs).value();
    // A second run gives the same (prepared state is reusable).
    auto again = (*session)->run(inputs);
    ASSERT_TRUE(again.isOk());
    for (size_t i = 0; i < again->size(); ++i)
      EXPECT_TRUE(allClose((*again)[i], results[reference][i], 0, 0)) << what;
  }
  ASSERT_EQ(results[0].size(), results[1].size());
  for (size_t i = 0; i < results[0].size(); ++i)
    EXPECT_TRUE(allClose(results[0][i], results[1][i], 2e-4f, 2e-4f))
        << what << " output " << i;
}

enum class Residual { None, Separate, InPlace };

struct MatMulCase {
  std::vector<int64_t> lhs, rhs;
  bool transposeLhs = false, transposeRhs = false;
  bool bias = false;
  Residual residual = Residual::None;
  Activation activation = Activation::None;
  bool constantRhs = false;
};

std::string describe(const MatMulCase &c) {
  return shapeToString(c.lhs) + (c.transposeLhs ? "T" : "") + " x " +
         shapeToString(c.rhs) + (c.transposeRhs ? "T" : "") +
         (c.bias ? " +bias" : "") +
         (c.residual == Residual::Separate  ? " +residual"
          : c.residual == Residual::InPlace ? " +residual(in place)"
                                            : "") +
         " " + activationName(c.activation) +
         (c.constantRhs ? " (constant rhs)" : "");
}

void checkMatMul(const MatMulCase &c) {
  MatMulGeometry g =
      inferMatMul(c.lhs, c.rhs, c.transposeLhs, c.transposeRhs).value();
  std::vector<int64_t> resultShape = g.resultShape();
  ArtifactBuilder b;
  std::vector<HostTensor> inputs;
  RankSpec &r = b.rank(0);
  r.arenaSize = 0;
  unsigned seed = 1;
  auto addInput = [&](const std::string &name, std::vector<int64_t> shape) {
    uint32_t index = b.addInput(name, TypeSpec(DType::F32, shape));
    inputs.push_back(randomTensor(shape, seed++));
    return r.addBuffer(Buf::input(index, TypeSpec(DType::F32, shape)));
  };
  MatMulSpec spec;
  spec.lhs = addInput("lhs", c.lhs);
  if (c.constantRhs) {
    HostTensor values = randomTensor(c.rhs, 99);
    uint32_t segment = b.addFloatSegment(values.toVector<float>());
    spec.rhs = r.addBuffer(Buf::constant(segment, 0, TypeSpec(DType::F32, c.rhs)));
  } else {
    spec.rhs = addInput("rhs", c.rhs);
  }
  if (c.bias)
    spec.bias = int32_t(addInput("bias", {g.n}));
  uint32_t out = b.addOutput("result", TypeSpec(DType::F32, resultShape));
  spec.result = r.addBuffer(Buf::output(out, TypeSpec(DType::F32, resultShape)));
  if (c.residual == Residual::Separate) {
    spec.residual = int32_t(addInput("residual", resultShape));
  } else if (c.residual == Residual::InPlace) {
    uint32_t residual = addInput("residual", resultShape);
    r.add(CopySpec{residual, spec.result});
    spec.residual = int32_t(spec.result);
  }
  spec.transposeLhs = c.transposeLhs;
  spec.transposeRhs = c.transposeRhs;
  spec.activation = uint8_t(c.activation);
  r.add(spec);
  bool empty = g.m == 0 || g.n == 0 || g.k == 0 || g.batchCount() == 0;
  expectMatchesReference(b, inputs, describe(c),
                         empty ? "matmul (reference)" : "matmul");
}

TEST(LibraryCallsTest, MatMulTransposes) {
  for (bool tl : {false, true})
    for (bool tr : {false, true}) {
      MatMulCase c;
      c.lhs = tl ? std::vector<int64_t>{33, 17} : std::vector<int64_t>{17, 33};
      c.rhs = tr ? std::vector<int64_t>{21, 33} : std::vector<int64_t>{33, 21};
      c.transposeLhs = tl;
      c.transposeRhs = tr;
      checkMatMul(c);
      c.constantRhs = true;
      checkMatMul(c);
    }
}

TEST(LibraryCallsTest, MatMulBatchBroadcasting) {
  MatMulCase c;
  // Batched lhs, 2-D weights: folded into one product.
  c.lhs = {2, 3, 5, 8};
  c.rhs = {8, 6};
  checkMatMul(c);
  c.constantRhs = true;
  checkMatMul(c);
  // Both batched, broadcast both ways.
  c = MatMulCase();
  c.lhs = {2, 1, 4, 8};
  c.rhs = {3, 8, 5};
  checkMatMul(c);
  c.transposeLhs = true;
  c.lhs = {2, 1, 8, 4};
  c.transposeRhs = true;
  c.rhs = {1, 3, 5, 8};
  checkMatMul(c);
  // Attention-shaped: [b, h, s, d] x [b, h, s, d]^T
  c = MatMulCase();
  c.lhs = {2, 4, 7, 16};
  c.rhs = {2, 4, 7, 16};
  c.transposeRhs = true;
  checkMatMul(c);
  // rhs batched, lhs 2-D.
  c = MatMulCase();
  c.lhs = {4, 8};
  c.rhs = {3, 8, 5};
  checkMatMul(c);
  // More batch dimensions than oneDNN takes: the batch loop.
  c = MatMulCase();
  c.lhs = std::vector<int64_t>(11, 1);
  c.lhs[0] = 2;
  c.lhs.push_back(3);
  c.lhs.push_back(4);
  c.rhs = std::vector<int64_t>(11, 1);
  c.rhs[10] = 2;
  c.rhs.push_back(4);
  c.rhs.push_back(5);
  checkMatMul(c);
}

TEST(LibraryCallsTest, MatMulBiasResidualActivations) {
  for (Activation activation :
       {Activation::None, Activation::Relu, Activation::GeluErf,
        Activation::GeluTanh, Activation::Sigmoid, Activation::Silu}) {
    for (Residual residual :
         {Residual::None, Residual::Separate, Residual::InPlace}) {
      MatMulCase c;
      c.lhs = {2, 9, 12};
      c.rhs = {12, 10};
      c.bias = true;
      c.residual = residual;
      c.activation = activation;
      c.constantRhs = residual == Residual::Separate;
      checkMatMul(c);
    }
  }
  MatMulCase c; // batched rhs with everything
  c.lhs = {3, 4, 6};
  c.rhs = {3, 6, 5};
  c.bias = true;
  c.residual = Residual::InPlace;
  c.activation = Activation::GeluErf;
  checkMatMul(c);
}

TEST(LibraryCallsTest, MatMulEmptyDimensionsUseTheReference) {
  MatMulCase c;
  c.lhs = {3, 0};
  c.rhs = {0, 4};
  c.bias = true;
  checkMatMul(c); // K = 0: bias only
  c.lhs = {0, 5};
  c.rhs = {5, 4};
  checkMatMul(c);
}

struct ConvCase {
  std::vector<int64_t> input, weight;
  std::array<int64_t, 2> strides{1, 1}, dilations{1, 1};
  std::array<int64_t, 4> padding{0, 0, 0, 0};
  int64_t groups = 1;
  bool bias = false;
  Residual residual = Residual::None;
  Activation activation = Activation::None;
  bool constantWeight = true;
};

void checkConv(const ConvCase &c) {
  Window2d window;
  window.strides = c.strides;
  window.dilations = c.dilations;
  window.padding = c.padding;
  Conv2dGeometry g = inferConv2d(c.input, c.weight, window, c.groups).value();
  std::vector<int64_t> resultShape = {g.n, g.f, g.oh, g.ow};
  ArtifactBuilder b;
  std::vector<HostTensor> inputs;
  RankSpec &r = b.rank(0);
  unsigned seed = 7;
  auto addInput = [&](const std::string &name, std::vector<int64_t> shape) {
    uint32_t index = b.addInput(name, TypeSpec(DType::F32, shape));
    inputs.push_back(randomTensor(shape, seed++));
    return r.addBuffer(Buf::input(index, TypeSpec(DType::F32, shape)));
  };
  Conv2dSpec spec;
  spec.input = addInput("input", c.input);
  if (c.constantWeight) {
    HostTensor values = randomTensor(c.weight, 42);
    uint32_t segment = b.addFloatSegment(values.toVector<float>());
    spec.weight =
        r.addBuffer(Buf::constant(segment, 0, TypeSpec(DType::F32, c.weight)));
  } else {
    spec.weight = addInput("weight", c.weight);
  }
  if (c.bias)
    spec.bias = int32_t(addInput("bias", {g.f}));
  uint32_t out = b.addOutput("result", TypeSpec(DType::F32, resultShape));
  spec.result = r.addBuffer(Buf::output(out, TypeSpec(DType::F32, resultShape)));
  if (c.residual == Residual::Separate) {
    spec.residual = int32_t(addInput("residual", resultShape));
  } else if (c.residual == Residual::InPlace) {
    uint32_t residual = addInput("residual", resultShape);
    r.add(CopySpec{residual, spec.result});
    spec.residual = int32_t(spec.result);
  }
  spec.strides = std::vector<int64_t>(c.strides.begin(), c.strides.end());
  spec.padding = std::vector<int64_t>(c.padding.begin(), c.padding.end());
  spec.dilations = std::vector<int64_t>(c.dilations.begin(), c.dilations.end());
  spec.groups = c.groups;
  spec.activation = uint8_t(c.activation);
  r.add(spec);
  expectMatchesReference(b, inputs,
                         "conv " + shapeToString(c.input) + " * " +
                             shapeToString(c.weight),
                         "conv2d");
}

TEST(LibraryCallsTest, Conv2dStridePaddingDilation) {
  ConvCase c;
  c.input = {2, 8, 13, 11};
  c.weight = {16, 8, 3, 3};
  checkConv(c);
  c.strides = {2, 1};
  c.padding = {1, 2, 0, 1};
  checkConv(c);
  c.dilations = {2, 3};
  c.constantWeight = false;
  checkConv(c);
  // The first layer of a CNN: 3 channels, 7x7 stride 2.
  c = ConvCase();
  c.input = {1, 3, 32, 32};
  c.weight = {16, 3, 7, 7};
  c.strides = {2, 2};
  c.padding = {3, 3, 3, 3};
  c.bias = true;
  checkConv(c);
}

TEST(LibraryCallsTest, Conv2dGroupsAndDepthwise) {
  ConvCase c;
  c.input = {1, 8, 9, 9};
  c.weight = {12, 2, 3, 3};
  c.groups = 4;
  c.padding = {1, 1, 1, 1};
  checkConv(c);
  c.weight = {8, 1, 3, 3}; // depthwise
  c.groups = 8;
  c.strides = {2, 2};
  c.bias = true;
  c.activation = Activation::Relu;
  checkConv(c);
  c.constantWeight = false;
  checkConv(c);
}

TEST(LibraryCallsTest, Conv2dBiasResidualRelu) {
  for (Residual residual :
       {Residual::None, Residual::Separate, Residual::InPlace}) {
    for (Activation activation : {Activation::None, Activation::Relu,
                                  Activation::Silu}) {
      ConvCase c;
      c.input = {2, 16, 8, 8};
      c.weight = {16, 16, 1, 1};
      c.bias = true;
      c.residual = residual;
      c.activation = activation;
      checkConv(c);
      c.weight = {16, 16, 3, 3};
      c.padding = {1, 1, 1, 1};
      checkConv(c);
    }
  }
}

struct PoolCase {
  std::vector<int64_t> input;
  std::array<int64_t, 2> kernel{2, 2}, strides{1, 1}, dilations{1, 1};
  std::array<int64_t, 4> padding{0, 0, 0, 0};
  PoolKind kind = PoolKind::Max;
  bool countIncludePad = false;
};

void checkPool(const PoolCase &c) {
  Window2d window;
  window.kernel = c.kernel;
  window.strides = c.strides;
  window.dilations = c.dilations;
  window.padding = c.padding;
  Pool2dGeometry g = inferPool2d(c.input, window).value();
  std::vector<int64_t> resultShape = {g.n, g.c, g.oh, g.ow};
  ArtifactBuilder b;
  RankSpec &r = b.rank(0);
  uint32_t in = b.addInput("input", TypeSpec(DType::F32, c.input));
  uint32_t out = b.addOutput("result", TypeSpec(DType::F32, resultShape));
  Pool2dSpec spec;
  spec.kind = uint8_t(c.kind);
  spec.input = r.addBuffer(Buf::input(in, TypeSpec(DType::F32, c.input)));
  spec.result = r.addBuffer(Buf::output(out, TypeSpec(DType::F32, resultShape)));
  spec.kernel = std::vector<int64_t>(c.kernel.begin(), c.kernel.end());
  spec.strides = std::vector<int64_t>(c.strides.begin(), c.strides.end());
  spec.padding = std::vector<int64_t>(c.padding.begin(), c.padding.end());
  spec.dilations = std::vector<int64_t>(c.dilations.begin(), c.dilations.end());
  spec.countIncludePad = c.countIncludePad;
  r.add(spec);
  expectMatchesReference(b, {randomTensor(c.input, 5)},
                         std::string(c.kind == PoolKind::Max ? "max" : "avg") +
                             "pool " + shapeToString(c.input),
                         c.kind == PoolKind::Max ? "maxpool2d" : "avgpool2d");
}

TEST(LibraryCallsTest, Pool2d) {
  for (PoolKind kind : {PoolKind::Max, PoolKind::Average}) {
    for (bool include : {false, true}) {
      PoolCase c;
      c.kind = kind;
      c.countIncludePad = include;
      c.input = {2, 5, 12, 10};
      checkPool(c);
      c.kernel = {3, 3};
      c.strides = {2, 2};
      c.padding = {1, 1, 1, 1};
      checkPool(c);
      // Ceil mode as extra bottom/right padding.
      c.padding = {1, 1, 2, 2};
      checkPool(c);
      c.dilations = {2, 2};
      c.padding = {2, 1, 2, 1};
      checkPool(c);
      // Global pooling.
      c = PoolCase();
      c.kind = kind;
      c.countIncludePad = include;
      c.input = {1, 7, 6, 6};
      c.kernel = {6, 6};
      checkPool(c);
    }
  }
}

} // namespace
