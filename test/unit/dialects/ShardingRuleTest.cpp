//===- ShardingRuleTest.cpp - Tests of sharding rules and their builder ---===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "dialects/interfaces/ShardingRule.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

using namespace mlir;
using namespace mlir::tessera;

namespace {

class ShardingRuleTest : public ::testing::Test {
protected:
  Type tensor(ArrayRef<int64_t> shape) {
    return RankedTensorType::get(shape, Float32Type::get(&context));
  }
  MLIRContext context;
};

TEST_F(ShardingRuleTest, PrintsShardyNotation) {
  ShardingRuleBuilder builder(TypeRange{tensor({4, 8}), tensor({8, 16})},
                              TypeRange{tensor({4, 16})});
  builder.addFactor({0, kNoDim}, {0}, 4);
  builder.addFactor({kNoDim, 1}, {1}, 16);
  builder.addFactor({1, 0}, {kNoDim}, 8, FactorKind::Reduction);
  ShardingRule rule = builder.build();
  EXPECT_EQ(rule.str(),
            "([i, k], [k, j]) -> ([i, j]) {i=4, j=16, k=8} reduction={k}");
  EXPECT_EQ(rule.getNumFactors(), 3);
  EXPECT_EQ(rule.getFactorKind(2), FactorKind::Reduction);
}

TEST_F(ShardingRuleTest, FactorsOfADimensionAreMajorToMinor) {
  // [6] -> [2, 3]: the input dimension is made of factors 2 then 3.
  ShardingRuleBuilder builder(TypeRange{tensor({6})},
                              TypeRange{tensor({2, 3})});
  builder.addFactor({0}, {0}, 2);
  builder.addFactor({0}, {1}, 3);
  ShardingRule rule = builder.build();
  EXPECT_EQ(rule.str(), "([ij]) -> ([i, j]) {i=2, j=3}");
  ASSERT_EQ(rule.getOperandFactors()[0][0].size(), 2u);
  EXPECT_EQ(rule.getOperandFactors()[0][0][0], 0);
  EXPECT_EQ(rule.getOperandFactors()[0][0][1], 1);
}

TEST_F(ShardingRuleTest, PointwiseSkipsBroadcastDimensions) {
  ShardingRuleBuilder builder(TypeRange{tensor({4, 1, 8}), tensor({3, 1})},
                              TypeRange{tensor({4, 3, 8})});
  builder.addPointwiseFactors();
  EXPECT_EQ(builder.build().str(),
            "([i, 1, k], [j, 1]) -> ([i, j, k]) {i=4, j=3, k=8}");
}

TEST_F(ShardingRuleTest, UnmappedDimensionsAreReplicated) {
  ShardingRuleBuilder builder(TypeRange{tensor({2, 5})},
                              TypeRange{tensor({2, 7})});
  builder.addFactor({0}, {0}, 2);
  builder.replicateUnmappedDims();
  EXPECT_EQ(builder.build().str(),
            "([i, j]) -> ([i, k]) {i=2, j=5, k=7} need_replication={j, k}");
}

TEST_F(ShardingRuleTest, FactorNamesContinuePastZ) {
  EXPECT_EQ(ShardingRule::getFactorName(0), "i");
  EXPECT_EQ(ShardingRule::getFactorName(17), "z");
  EXPECT_EQ(ShardingRule::getFactorName(18), "z_1");
}

TEST_F(ShardingRuleTest, VerifyRejectsFactorsThatDoNotMultiplyToTheDimension) {
  OpBuilder b(&context);
  OperationState state(b.getUnknownLoc(), "test.op");
  state.addTypes({tensor({4, 16})});
  Operation *op = Operation::create(state);
  ScopedDiagnosticHandler silence(&context, [](Diagnostic &) {
    return success();
  });

  ShardingRuleBuilder good(op);
  good.addFactor({}, {0}, 4);
  good.addFactor({}, {1}, 16);
  EXPECT_TRUE(succeeded(good.build().verify(op)));

  ShardingRuleBuilder bad(op);
  bad.addFactor({}, {0}, 4);
  bad.addFactor({}, {1}, 8);
  EXPECT_TRUE(failed(bad.build().verify(op)));

  op->destroy();
}

} // namespace
