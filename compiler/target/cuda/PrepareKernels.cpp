//===- PrepareKernels.cpp - Kernels on tensors, ready for the GPU ---------===//
//
// Part of Tessera. See Passes.td.
//
//===----------------------------------------------------------------------===//

#include "compiler/target/cuda/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_CUDAPREPAREKERNELSPASS
#include "compiler/target/cuda/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using namespace mlir::tessera;

namespace {

/// Puts the parallel loops of a generic first, in their order, then the
/// reductions in theirs.
struct ParallelLoopsFirst : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(linalg::GenericOp op,
                                PatternRewriter &rewriter) const override {
    SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
    SmallVector<unsigned> order;
    for (auto [i, kind] : llvm::enumerate(iterators))
      if (kind == utils::IteratorType::parallel)
        order.push_back(i);
    for (auto [i, kind] : llvm::enumerate(iterators))
      if (kind != utils::IteratorType::parallel)
        order.push_back(i);
    bool identity = llvm::all_of(llvm::enumerate(order), [](auto entry) {
      return entry.index() == entry.value();
    });
    if (identity)
      return failure();
    // In place: the op keeps its operands and results.
    return linalg::interchangeGenericOp(rewriter, op, order);
  }
};

struct CudaPrepareKernelsPass
    : mlir::tessera::impl::CudaPrepareKernelsPassBase<CudaPrepareKernelsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    tensor::populateDecomposeTensorConcatPatterns(patterns);
    linalg::populateDecomposePadPatterns(patterns);
    patterns.add<ParallelLoopsFirst>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
