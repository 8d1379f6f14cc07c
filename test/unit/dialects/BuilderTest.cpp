//===- BuilderTest.cpp - Building tessera ops from C++ --------------------===//
//
// Part of Tessera. Passes and the importer build ops with OpTy::create and
// rely on result type inference; these tests pin that down.
//
//===----------------------------------------------------------------------===//

#include "dialects/tessera/TesseraOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Verifier.h"

#include <gtest/gtest.h>

using namespace mlir;
using namespace mlir::tessera;

namespace {

class BuilderTest : public ::testing::Test {
protected:
  BuilderTest() : builder(&context) {
    context.loadDialect<TesseraDialect, func::FuncDialect>();
    module = ModuleOp::create(builder.getUnknownLoc());
    builder.setInsertionPointToEnd(module->getBody());
  }

  /// A function whose arguments have `types`, with the builder inside it.
  Block *function(ArrayRef<Type> types) {
    auto fn = func::FuncOp::create(builder, builder.getUnknownLoc(), "f",
                                   builder.getFunctionType(types, {}));
    Block *body = fn.addEntryBlock();
    builder.setInsertionPointToEnd(body);
    return body;
  }

  RankedTensorType f32(ArrayRef<int64_t> shape) {
    return RankedTensorType::get(shape, builder.getF32Type());
  }

  MLIRContext context;
  OpBuilder builder;
  OwningOpRef<ModuleOp> module;
};

TEST_F(BuilderTest, BinaryOpInfersTheBroadcastType) {
  Block *body = function({f32({4, 1, 8}), f32({3, 1})});
  auto add = AddOp::create(builder, builder.getUnknownLoc(),
                           body->getArgument(0), body->getArgument(1));
  EXPECT_EQ(add.getType(), f32({4, 3, 8}));
  func::ReturnOp::create(builder, builder.getUnknownLoc());
  EXPECT_TRUE(succeeded(verify(*module)));
}

TEST_F(BuilderTest, MatmulAndReduceInferTheirShapes) {
  Block *body = function({f32({2, 128, 768}), f32({768, 3072})});
  Location loc = builder.getUnknownLoc();
  auto matmul = MatmulOp::create(builder, loc, body->getArgument(0),
                                 body->getArgument(1));
  EXPECT_EQ(matmul.getType(), f32({2, 128, 3072}));
  auto sum = ReduceSumOp::create(builder, loc, matmul.getResult(),
                                 ArrayRef<int64_t>{2}, /*keepdims=*/false);
  EXPECT_EQ(sum.getType(), f32({2, 128}));
  func::ReturnOp::create(builder, loc);
  EXPECT_TRUE(succeeded(verify(*module)));
}

TEST_F(BuilderTest, CompareGivesBooleans) {
  Block *body = function({f32({4}), f32({})});
  auto compare =
      CompareOp::create(builder, builder.getUnknownLoc(), CompareDirection::LT,
                        body->getArgument(0), body->getArgument(1));
  EXPECT_EQ(compare.getType(),
            RankedTensorType::get({4}, builder.getI1Type()));
}

TEST_F(BuilderTest, InvalidShapesAreRejectedByTheVerifier) {
  Block *body = function({f32({4, 3}), f32({4, 7})});
  Location loc = builder.getUnknownLoc();
  // Build with an explicit (wrong) result type: verification must catch it.
  OperationState state(loc, MatmulOp::getOperationName());
  state.addOperands({body->getArgument(0), body->getArgument(1)});
  state.addTypes({f32({4, 7})});
  builder.create(state);
  func::ReturnOp::create(builder, loc);
  std::string messages;
  ScopedDiagnosticHandler capture(&context, [&](Diagnostic &diag) {
    messages += diag.str() + "\n";
    return success();
  });
  EXPECT_TRUE(failed(verify(*module)));
  EXPECT_NE(messages.find("contracting dimensions differ"), std::string::npos)
      << messages;
}

} // namespace
