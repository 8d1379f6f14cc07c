//===- ShapeInferenceTest.cpp - Tests of the tessera shape rules ----------===//
//
// Part of Tessera. The shape functions are shared by type inference, the
// verifiers and the importer, so their edge cases are tested directly here;
// the lit tests cover them through the ops.
//
//===----------------------------------------------------------------------===//

#include "dialects/tessera/ShapeInference.h"

#include <gtest/gtest.h>

using namespace mlir;
using namespace mlir::tessera;

namespace {

Shape broadcast(std::initializer_list<llvm::ArrayRef<int64_t>> shapes) {
  FailureOr<Shape> result = inferBroadcastShape(std::nullopt, shapes);
  EXPECT_TRUE(succeeded(result));
  return succeeded(result) ? *result : Shape{};
}

TEST(ShapeInferenceTest, BroadcastAlignsTrailingDimensions) {
  EXPECT_EQ(broadcast({{4, 1, 8}, {3, 1}}), (Shape{4, 3, 8}));
  EXPECT_EQ(broadcast({{}, {2, 3}}), (Shape{2, 3}));
  EXPECT_EQ(broadcast({{1}, {1}}), (Shape{1}));
  // A zero-size dimension broadcasts against 1 but not against 2.
  EXPECT_EQ(broadcast({{0, 3}, {1, 3}}), (Shape{0, 3}));
  EXPECT_TRUE(failed(inferBroadcastShape(std::nullopt, {{0}, {2}})));
  EXPECT_TRUE(failed(inferBroadcastShape(std::nullopt, {{2, 3}, {3, 2}})));
}

TEST(ShapeInferenceTest, BroadcastableTo) {
  EXPECT_TRUE(isBroadcastableTo({1, 8}, {4, 4, 8}));
  EXPECT_TRUE(isBroadcastableTo({}, {4}));
  EXPECT_FALSE(isBroadcastableTo({2, 8}, {4, 8}));
  EXPECT_FALSE(isBroadcastableTo({4, 4, 8}, {4, 8}));
}

TEST(ShapeInferenceTest, MatmulBroadcastsBatchDimensions) {
  FailureOr<Shape> shape = inferMatmulShape(std::nullopt, {2, 1, 5, 3}, {4, 3, 7});
  ASSERT_TRUE(succeeded(shape));
  EXPECT_EQ(*shape, (Shape{2, 4, 5, 7}));
  EXPECT_TRUE(failed(inferMatmulShape(std::nullopt, {5, 3}, {4, 7})));
  EXPECT_TRUE(failed(inferMatmulShape(std::nullopt, {3}, {3, 7})));
}

TEST(ShapeInferenceTest, WindowedDimensionsRoundLikeOnnx) {
  auto dim = [](int64_t size, int64_t window, int64_t stride, int64_t pad,
                bool ceil) {
    FailureOr<int64_t> out = inferWindowedDim(std::nullopt, size, window,
                                              stride, 1, pad, pad, ceil, "h");
    return succeeded(out) ? *out : -1;
  };
  EXPECT_EQ(dim(224, 7, 2, 3, false), 112); // ResNet stem
  EXPECT_EQ(dim(112, 3, 2, 1, false), 56);  // ResNet max pool
  EXPECT_EQ(dim(5, 2, 2, 0, false), 2);
  EXPECT_EQ(dim(5, 2, 2, 0, true), 3);
  // The last window would start in the padding: ceil mode drops it.
  EXPECT_EQ(dim(4, 2, 2, 1, true), 3);
  EXPECT_EQ(dim(2, 3, 1, 0, false), -1);
  // A huge stride gives one window, rounding up or not.
  EXPECT_EQ(dim(5, 2, INT64_MAX, 0, true), 1);
  EXPECT_EQ(dim(5, 2, INT64_MAX, 0, false), 1);
}

TEST(ShapeInferenceTest, SliceSizesFollowPython) {
  EXPECT_EQ(getSliceSize(0, 8, 1), 8);
  EXPECT_EQ(getSliceSize(1, 8, 2), 4);
  EXPECT_EQ(getSliceSize(3, 3, 1), 0);
  EXPECT_EQ(getSliceSize(7, -1, -1), 8); // x[::-1]
  EXPECT_EQ(getSliceSize(7, 0, -3), 3);  // 7, 4, 1
  // Steps from untrusted models may be huge: no overflow.
  EXPECT_EQ(getSliceSize(0, 5, INT64_MAX), 1);
  EXPECT_EQ(getSliceSize(4, -1, INT64_MIN), 1);
  EXPECT_EQ(getSliceSize(4, -1, INT64_MIN + 1), 1);
  FailureOr<Shape> shape =
      inferSliceShape(std::nullopt, {4, 8}, {0, 7}, {4, -1}, {2, -2});
  ASSERT_TRUE(succeeded(shape));
  EXPECT_EQ(*shape, (Shape{2, 4}));
  EXPECT_TRUE(failed(inferSliceShape(std::nullopt, {4}, {0}, {5}, {1})));
  EXPECT_TRUE(failed(inferSliceShape(std::nullopt, {4}, {0}, {4}, {0})));
}

TEST(ShapeInferenceTest, ReduceKeepsOrDropsAxes) {
  FailureOr<Shape> kept = inferReduceShape(std::nullopt, {2, 3, 4}, {0, 2}, true);
  ASSERT_TRUE(succeeded(kept));
  EXPECT_EQ(*kept, (Shape{1, 3, 1}));
  FailureOr<Shape> dropped =
      inferReduceShape(std::nullopt, {2, 3, 4}, {0, 2}, false);
  ASSERT_TRUE(succeeded(dropped));
  EXPECT_EQ(*dropped, (Shape{3}));
  EXPECT_TRUE(failed(inferReduceShape(std::nullopt, {2, 3}, {1, 0}, false)));
  EXPECT_TRUE(failed(inferReduceShape(std::nullopt, {2, 3}, {}, false)));
}

TEST(ShapeInferenceTest, GatherReplacesTheAxisWithTheIndexShape) {
  FailureOr<Shape> shape = inferGatherShape(std::nullopt, {50257, 768}, {2, 128}, 0);
  ASSERT_TRUE(succeeded(shape));
  EXPECT_EQ(*shape, (Shape{2, 128, 768}));
  FailureOr<Shape> scalarIndex = inferGatherShape(std::nullopt, {3, 4, 5}, {}, 1);
  ASSERT_TRUE(succeeded(scalarIndex));
  EXPECT_EQ(*scalarIndex, (Shape{3, 5}));
}

TEST(ShapeInferenceTest, ConvAndPool) {
  FailureOr<Shape> conv = inferConv2dShape(std::nullopt, {1, 32, 56, 56},
                                           {32, 1, 3, 3}, {1, 1}, {1, 1, 1, 1},
                                           {1, 1}, 32);
  ASSERT_TRUE(succeeded(conv));
  EXPECT_EQ(*conv, (Shape{1, 32, 56, 56}));
  // 64 input channels cannot feed weights of 3 channels in one group.
  EXPECT_TRUE(failed(inferConv2dShape(std::nullopt, {1, 64, 8, 8},
                                      {16, 3, 3, 3}, {1, 1}, {0, 0, 0, 0},
                                      {1, 1}, 1)));
  FailureOr<Shape> pool = inferPool2dShape(std::nullopt, {1, 64, 112, 112},
                                           {3, 3}, {2, 2}, {1, 1, 1, 1},
                                           {1, 1}, false);
  ASSERT_TRUE(succeeded(pool));
  EXPECT_EQ(*pool, (Shape{1, 64, 56, 56}));
}

TEST(ShapeInferenceTest, SplitConcatTransposePad) {
  FailureOr<llvm::SmallVector<Shape>> pieces =
      inferSplitShapes(std::nullopt, {2, 9}, 1, {3, 6});
  ASSERT_TRUE(succeeded(pieces));
  EXPECT_EQ((*pieces)[1], (Shape{2, 6}));
  EXPECT_TRUE(failed(inferSplitShapes(std::nullopt, {2, 9}, 1, {3, 3})));

  FailureOr<Shape> joined =
      inferConcatShape(std::nullopt, {{2, 3}, {2, 5}}, 1);
  ASSERT_TRUE(succeeded(joined));
  EXPECT_EQ(*joined, (Shape{2, 8}));

  FailureOr<Shape> transposed =
      inferTransposeShape(std::nullopt, {2, 3, 4}, {2, 0, 1});
  ASSERT_TRUE(succeeded(transposed));
  EXPECT_EQ(*transposed, (Shape{4, 2, 3}));
  EXPECT_TRUE(failed(inferTransposeShape(std::nullopt, {2, 3}, {0, 0})));

  FailureOr<Shape> padded =
      inferPadShape(std::nullopt, {3, 4}, {1, 0}, {1, 2}, true, false);
  ASSERT_TRUE(succeeded(padded));
  EXPECT_EQ(*padded, (Shape{5, 6}));
  EXPECT_TRUE(failed(inferPadShape(std::nullopt, {3}, {3}, {0}, true, false)));
}

} // namespace
