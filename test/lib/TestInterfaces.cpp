//===- TestInterfaces.cpp - Print the op interfaces for lit tests --------===//
//
// Part of Tessera. Test passes that make the sharding rule and the cost
// model of every op visible as remarks, so lit tests can check them with
// -verify-diagnostics (an unexpected or missing remark fails the test).
//
//===----------------------------------------------------------------------===//

#include "test/lib/TestPasses.h"

#include "dialects/interfaces/CostModelOpInterface.h"
#include "dialects/interfaces/ShardingRuleOpInterface.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassRegistry.h"

using namespace mlir;
using namespace mlir::tessera;

namespace {

struct TestShardingRulesPass
    : PassWrapper<TestShardingRulesPass, OperationPass<>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(TestShardingRulesPass)

  StringRef getArgument() const final { return "tessera-test-sharding-rules"; }
  StringRef getDescription() const final {
    return "Report the sharding rule of every op as a remark";
  }

  void runOnOperation() override {
    getOperation()->walk([&](ShardingRuleOpInterface op) {
      ShardingRule rule = op.getShardingRule();
      // A rule that does not describe the op is a bug in the op.
      if (failed(rule.verify(op)))
        return signalPassFailure();
      op->emitRemark() << "sharding rule: " << rule.str();
    });
  }
};

struct TestCostModelPass : PassWrapper<TestCostModelPass, OperationPass<>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(TestCostModelPass)

  StringRef getArgument() const final { return "tessera-test-cost-model"; }
  StringRef getDescription() const final {
    return "Report the FLOPs and bytes of every op as a remark";
  }

  void runOnOperation() override {
    getOperation()->walk([&](CostModelOpInterface op) {
      op->emitRemark() << "cost: flops = " << op.getFlops()
                       << ", bytes = " << op.getBytesAccessed();
    });
  }
};

} // namespace

void mlir::tessera::test::registerTestPasses() {
  PassRegistration<TestShardingRulesPass>();
  PassRegistration<TestCostModelPass>();
}
