//===- FormLibraryCalls.cpp - Library calls with fused epilogues ----------===//
//
// Part of Tessera. See Passes.td.
//
//===----------------------------------------------------------------------===//

#include "dialects/exec/ExecOps.h"
#include "dialects/tessera/TesseraOps.h"
#include "passes/fusion/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_FORMLIBRARYCALLSPASS
#include "passes/fusion/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using namespace mlir::tessera;

namespace {

bool isF32(Value value) {
  return cast<RankedTensorType>(value.getType()).getElementType().isF32();
}

ArrayRef<int64_t> shapeOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getShape();
}

/// The input of `value`'s producer when it is a transpose that swaps the
/// last two dimensions and keeps the others.
Value swappedLastTwo(Value value) {
  auto transpose = value.getDefiningOp<TransposeOp>();
  if (!transpose)
    return nullptr;
  ArrayRef<int64_t> perm = transpose.getPermutation();
  int64_t rank = perm.size();
  if (rank < 2)
    return nullptr;
  for (int64_t d = 0; d < rank - 2; ++d)
    if (perm[d] != d)
      return nullptr;
  if (perm[rank - 2] != rank - 1 || perm[rank - 1] != rank - 2)
    return nullptr;
  return transpose.getInput();
}

/// What follows a library op and can run inside it.
struct Epilogue {
  Value bias;     // already shaped as the library wants it
  Value residual;
  exec::Activation activation = exec::Activation::None;
  /// The last op folded in: the call replaces its result.
  Operation *last = nullptr;
  SmallVector<Operation *> folded;
};

/// The only user of `value`, or null.
Operation *soleUser(Value value) {
  if (!value.hasOneUse())
    return nullptr;
  return *value.getUsers().begin();
}

/// The activations a library applies after its op.
enum class Activations {
  /// oneDNN: relu, erf and tanh gelu, sigmoid, silu.
  All,
  /// cuBLASLt: relu and tanh gelu.
  CublasLt,
};

/// Collects what can be fused after `result`: an optional bias add (when
/// `biasShape` is given and an operand of the add has that many elements
/// laid out along `biasDim`), an optional residual add, an optional
/// activation among `activations`.
Epilogue collectEpilogue(PatternRewriter &rewriter, Value result,
                         std::optional<int64_t> biasDim,
                         Activations activations) {
  bool all = activations == Activations::All;
  Epilogue epilogue;
  Value current = result;
  ArrayRef<int64_t> shape = shapeOf(result);
  auto otherOperand = [&](Operation *add) {
    return add->getOperand(0) == current ? add->getOperand(1)
                                         : add->getOperand(0);
  };
  for (int step = 0; step < 2; ++step) {
    auto add = dyn_cast_or_null<AddOp>(soleUser(current));
    if (!add || add.getType() != current.getType())
      break;
    Value other = otherOperand(add);
    if (other == current)
      break;
    ArrayRef<int64_t> otherShape = shapeOf(other);
    bool isBias = false;
    if (biasDim && !epilogue.bias && !epilogue.residual) {
      // A vector along biasDim, possibly with unit dims around it.
      int64_t rank = shape.size();
      int64_t offset = rank - static_cast<int64_t>(otherShape.size());
      isBias = offset >= 0;
      for (int64_t d = 0; isBias && d < static_cast<int64_t>(otherShape.size());
           ++d) {
        int64_t resultDim = d + offset;
        int64_t expected = resultDim == *biasDim ? shape[resultDim] : 1;
        isBias = otherShape[d] == expected;
      }
      isBias = isBias && *biasDim >= offset;
    }
    if (isBias) {
      int64_t size = shape[*biasDim];
      Value bias = other;
      if (otherShape.size() != 1) {
        rewriter.setInsertionPointAfterValue(other);
        bias = ReshapeOp::create(
            rewriter, add.getLoc(),
            RankedTensorType::get({size}, getElementTypeOrSelf(other)),
            other);
      }
      epilogue.bias = bias;
    } else if (otherShape == shape && !epilogue.residual) {
      epilogue.residual = other;
    } else {
      break;
    }
    epilogue.folded.push_back(add);
    current = add.getResult();
  }
  Operation *user = soleUser(current);
  if (user && user->getResult(0).getType() == current.getType()) {
    exec::Activation activation = exec::Activation::None;
    if (isa<ReluOp>(user))
      activation = exec::Activation::Relu;
    else if (isa<SigmoidOp>(user) && all)
      activation = exec::Activation::Sigmoid;
    else if (isa<SiluOp>(user) && all)
      activation = exec::Activation::Silu;
    else if (auto gelu = dyn_cast<GeluOp>(user))
      activation = gelu.getApproximate() == GeluApproximation::Tanh
                       ? exec::Activation::GeluTanh
                   : all ? exec::Activation::GeluErf
                         : exec::Activation::None;
    if (activation != exec::Activation::None) {
      epilogue.activation = activation;
      epilogue.folded.push_back(user);
    }
  }
  epilogue.last =
      epilogue.folded.empty() ? result.getDefiningOp() : epilogue.folded.back();
  return epilogue;
}

/// Replaces the last op of `epilogue` (or `root`) with `call` and erases
/// the rest.
void replaceWithCall(PatternRewriter &rewriter, Operation *root,
                     const Epilogue &epilogue, Value call) {
  rewriter.replaceOp(epilogue.last, call);
  for (Operation *op : llvm::reverse(epilogue.folded))
    if (op != epilogue.last)
      rewriter.eraseOp(op);
  if (root != epilogue.last)
    rewriter.eraseOp(root);
}

struct MatmulToLibrary : OpRewritePattern<MatmulOp> {
  MatmulToLibrary(MLIRContext *context, Activations activations)
      : OpRewritePattern(context), activations(activations) {}
  Activations activations;
  LogicalResult matchAndRewrite(MatmulOp op,
                                PatternRewriter &rewriter) const override {
    if (!isF32(op.getResult()))
      return failure();
    Value lhs = op.getLhs(), rhs = op.getRhs();
    bool transposeLhs = false, transposeRhs = false;
    if (Value input = swappedLastTwo(lhs)) {
      lhs = input;
      transposeLhs = true;
    }
    if (Value input = swappedLastTwo(rhs)) {
      rhs = input;
      transposeRhs = true;
    }
    Epilogue epilogue =
        collectEpilogue(rewriter, op.getResult(),
                        shapeOf(op.getResult()).size() - 1, activations);
    rewriter.setInsertionPoint(epilogue.last);
    auto call = exec::MatmulOp::create(
        rewriter, op.getLoc(), op.getType(), lhs, rhs, epilogue.bias,
        epilogue.residual, /*out=*/Value(), transposeLhs, transposeRhs,
        epilogue.activation);
    replaceWithCall(rewriter, op, epilogue, call.getResult());
    return success();
  }
};

struct Conv2dToLibrary : OpRewritePattern<Conv2dOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(Conv2dOp op,
                                PatternRewriter &rewriter) const override {
    if (!isF32(op.getResult()))
      return failure();
    // The convolution's own bias operand is the bias; a following add of a
    // per-channel vector is one too when there is none.
    std::optional<int64_t> biasDim;
    if (!op.getBias())
      biasDim = 1;
    Epilogue epilogue =
        collectEpilogue(rewriter, op.getResult(), biasDim, Activations::All);
    Value bias = op.getBias() ? op.getBias() : epilogue.bias;
    rewriter.setInsertionPoint(epilogue.last);
    auto call = exec::Conv2dOp::create(
        rewriter, op.getLoc(), op.getType(), op.getInput(), op.getWeight(),
        bias, epilogue.residual, /*out=*/Value(), op.getStrides(),
        op.getPadding(), op.getDilations(), op.getGroups(),
        epilogue.activation);
    replaceWithCall(rewriter, op, epilogue, call.getResult());
    return success();
  }
};

/// The padding that makes the floor formula give `out` outputs.
SmallVector<int64_t> paddingFor(ArrayRef<int64_t> inShape,
                                ArrayRef<int64_t> outShape,
                                ArrayRef<int64_t> kernel,
                                ArrayRef<int64_t> strides,
                                ArrayRef<int64_t> padding,
                                ArrayRef<int64_t> dilations) {
  SmallVector<int64_t> result(padding);
  for (int d = 0; d < 2; ++d) {
    int64_t needed = (outShape[2 + d] - 1) * strides[d] +
                     dilations[d] * (kernel[d] - 1) + 1 - inShape[2 + d] -
                     padding[d];
    result[d + 2] = std::max(result[d + 2], needed);
  }
  return result;
}

template <typename PoolOpTy>
struct PoolToLibrary : OpRewritePattern<PoolOpTy> {
  using OpRewritePattern<PoolOpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(PoolOpTy op,
                                PatternRewriter &rewriter) const override {
    constexpr bool isMax = std::is_same_v<PoolOpTy, MaxPool2dOp>;
    if (!isF32(op.getResult()))
      return failure();
    ArrayRef<int64_t> dilations = op.getDilations();
    SmallVector<int64_t> padding =
        paddingFor(shapeOf(op.getInput()), shapeOf(op.getResult()),
                   op.getKernel(), op.getStrides(), op.getPadding(), dilations);
    bool countIncludePad = false;
    if constexpr (!isMax) {
      countIncludePad = op.getCountIncludePad();
      // The library would count the padding that ceil mode adds.
      if (countIncludePad && ArrayRef<int64_t>(padding) != op.getPadding())
        return failure();
    }
    rewriter.replaceOpWithNewOp<exec::Pool2dOp>(
        op, op.getType(), op.getInput(), /*out=*/Value(),
        isMax ? exec::PoolKind::Max : exec::PoolKind::Average, op.getKernel(),
        op.getStrides(), padding, dilations, countIncludePad);
    return success();
  }
};

struct FormLibraryCallsPass
    : mlir::tessera::impl::FormLibraryCallsPassBase<FormLibraryCallsPass> {
  using FormLibraryCallsPassBase::FormLibraryCallsPassBase;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    if (target == "cuda") {
      // cuBLASLt takes matmuls; convolutions and pooling are generated
      // kernels on the cuda target.
      patterns.add<MatmulToLibrary>(&getContext(), Activations::CublasLt);
    } else if (target == "cpu") {
      patterns.add<MatmulToLibrary>(&getContext(), Activations::All);
      patterns.add<Conv2dToLibrary, PoolToLibrary<MaxPool2dOp>,
                   PoolToLibrary<AvgPool2dOp>>(&getContext());
    } else {
      getOperation()->emitError("tessera-form-library-calls: unknown target '")
          << target << "' (expected cpu or cuda)";
      return signalPassFailure();
    }
    // Top-down, so each root sees its epilogue before another pattern
    // could take it.
    GreedyRewriteConfig config;
    config.setUseTopDownTraversal(true);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns),
                                     config)))
      signalPassFailure();
  }
};

} // namespace
