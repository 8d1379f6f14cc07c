//===- ShardData.cpp - Data parallelism -----------------------------------===//
//
// Part of Tessera. See Passes.td.
//
//===----------------------------------------------------------------------===//

#include "passes/sharding/Passes.h"
#include "passes/sharding/ShardingUtils.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_SHARDDATAPASS
#include "passes/sharding/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using namespace mlir::tessera;

namespace {

struct ShardDataPass
    : mlir::tessera::impl::ShardDataPassBase<ShardDataPass> {
  using ShardDataPassBase::ShardDataPassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<dist::MeshAttr> mesh =
        requireMesh(module, "tessera-shard-data", {axis});
    if (failed(mesh) || failed(shardInputsAlongBatch(module, *mesh, axis)))
      return signalPassFailure();
  }
};

} // namespace
