//===- EmulateLaunches.cpp - GPU launches as loops, for testing -----------===//
//
// Part of Tessera. See Passes.td.
//
//===----------------------------------------------------------------------===//

#include "compiler/target/cuda/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/IRMapping.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_CUDAEMULATELAUNCHESPASS
#include "compiler/target/cuda/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using namespace mlir::tessera;

namespace {

/// The value of a constant index operand, or failure.
FailureOr<int64_t> constantOf(Value value) {
  if (auto constant = value.getDefiningOp<arith::ConstantIndexOp>())
    return constant.value();
  return failure();
}

LogicalResult emulate(gpu::LaunchFuncOp launch, gpu::GPUFuncOp kernel) {
  Location loc = launch.getLoc();
  std::array<int64_t, 3> grid, block;
  std::array<Value, 3> gridValues = {
      launch.getGridSizeX(), launch.getGridSizeY(), launch.getGridSizeZ()};
  std::array<Value, 3> blockValues = {
      launch.getBlockSizeX(), launch.getBlockSizeY(), launch.getBlockSizeZ()};
  for (int d = 0; d < 3; ++d) {
    FailureOr<int64_t> g = constantOf(gridValues[d]);
    FailureOr<int64_t> t = constantOf(blockValues[d]);
    if (failed(g) || failed(t))
      return launch.emitOpError("has sizes that are not constants");
    grid[d] = *g;
    block[d] = *t;
  }
  OpBuilder b(launch);
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  // Loops over blocks (z, y, x) and threads (z, y, x), x innermost.
  std::array<Value, 3> blockIds, threadIds;
  auto nest = [&](std::array<int64_t, 3> sizes, std::array<Value, 3> &ids) {
    for (int d = 2; d >= 0; --d) {
      auto loop = scf::ForOp::create(
          b, loc, zero, arith::ConstantIndexOp::create(b, loc, sizes[d]), one);
      ids[d] = loop.getInductionVar();
      b.setInsertionPointToStart(loop.getBody());
    }
  };
  nest(grid, blockIds);
  nest(block, threadIds);

  IRMapping mapping;
  for (auto [arg, operand] :
       llvm::zip_equal(kernel.getArguments(), launch.getKernelOperands()))
    mapping.map(arg, operand);
  Block &body = kernel.getBody().front();
  for (Operation &op : body.without_terminator()) {
    if (auto id = dyn_cast<gpu::BlockIdOp>(op)) {
      mapping.map(id.getResult(), blockIds[unsigned(id.getDimension())]);
      continue;
    }
    if (auto id = dyn_cast<gpu::ThreadIdOp>(op)) {
      mapping.map(id.getResult(), threadIds[unsigned(id.getDimension())]);
      continue;
    }
    if (auto dim = dyn_cast<gpu::BlockDimOp>(op)) {
      mapping.map(dim.getResult(),
                  arith::ConstantIndexOp::create(
                      b, loc, block[unsigned(dim.getDimension())]));
      continue;
    }
    if (auto dim = dyn_cast<gpu::GridDimOp>(op)) {
      mapping.map(dim.getResult(),
                  arith::ConstantIndexOp::create(
                      b, loc, grid[unsigned(dim.getDimension())]));
      continue;
    }
    bool unsupported = false;
    op.walk([&](Operation *inner) {
      if (isa<gpu::GPUDialect>(inner->getDialect()) &&
          !isa<gpu::BlockIdOp, gpu::ThreadIdOp, gpu::BlockDimOp,
               gpu::GridDimOp>(inner))
        unsupported = true;
    });
    if (unsupported)
      return op.emitOpError("cannot run on one thread (map the kernels with "
                            "emulate-warps)");
    b.clone(op, mapping);
  }
  launch.erase();
  return success();
}

struct CudaEmulateLaunchesPass
    : mlir::tessera::impl::CudaEmulateLaunchesPassBase<
          CudaEmulateLaunchesPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<gpu::LaunchFuncOp> launches;
    module.walk([&](gpu::LaunchFuncOp launch) { launches.push_back(launch); });
    for (gpu::LaunchFuncOp launch : launches) {
      auto kernel = SymbolTable::lookupNearestSymbolFrom<gpu::GPUFuncOp>(
          launch, launch.getKernel());
      if (!kernel) {
        launch.emitOpError("launches an unknown kernel");
        return signalPassFailure();
      }
      if (failed(emulate(launch, kernel)))
        return signalPassFailure();
    }
    // The globals and functions the kernels use are at the top of the
    // module as well; the gpu.modules go.
    for (auto gpuModule :
         llvm::make_early_inc_range(module.getOps<gpu::GPUModuleOp>()))
      gpuModule.erase();
    module->removeAttr(gpu::GPUDialect::getContainerModuleAttrName());
  }
};

} // namespace
