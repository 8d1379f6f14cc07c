//===- Decompose.cpp - Composite tessera ops into primitive ones ----------===//
//
// Part of Tessera. See Passes.td for what each op becomes.
//
//===----------------------------------------------------------------------===//

#include "dialects/tessera/TesseraOps.h"
#include "passes/graph/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/StringSet.h"

#include <cmath>

namespace mlir::tessera {
#define GEN_PASS_DEF_DECOMPOSEPASS
#include "passes/graph/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using namespace mlir::tessera;

namespace {

/// A rank-0 constant of `elementType` holding `value`; broadcasting makes it
/// apply to every element.
Value scalar(PatternRewriter &rewriter, Location loc, Type elementType,
             double value) {
  auto type = RankedTensorType::get({}, elementType);
  Attribute element =
      isa<FloatType>(elementType)
          ? Attribute(rewriter.getFloatAttr(elementType, value))
          : Attribute(rewriter.getIntegerAttr(elementType,
                                              static_cast<int64_t>(value)));
  return ConstantOp::create(rewriter, loc,
                            DenseElementsAttr::get(type, element));
}

Type elementTypeOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getElementType();
}

/// Builds elementwise arithmetic with a terse syntax at one location.
struct Arith {
  PatternRewriter &rewriter;
  Location loc;
  Type elementType;

  Value constant(double value) {
    return scalar(rewriter, loc, elementType, value);
  }
  Value add(Value a, Value b) { return AddOp::create(rewriter, loc, a, b); }
  Value sub(Value a, Value b) { return SubOp::create(rewriter, loc, a, b); }
  Value mul(Value a, Value b) { return MulOp::create(rewriter, loc, a, b); }
  Value div(Value a, Value b) { return DivOp::create(rewriter, loc, a, b); }
};

/// The base of every decomposition: skips ops the user asked to keep.
template <typename OpTy>
struct DecomposePattern : OpRewritePattern<OpTy> {
  DecomposePattern(MLIRContext *context, const llvm::StringSet<> &keep)
      : OpRewritePattern<OpTy>(context), keep(keep) {}

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const final {
    if (keep.contains(op->getName().stripDialect()))
      return rewriter.notifyMatchFailure(op, "kept by the keep option");
    Arith arith{rewriter, op.getLoc(), elementTypeOf(op->getResult(0))};
    Value replacement = decompose(op, arith);
    if (!replacement)
      return failure();
    rewriter.replaceOp(op, replacement);
    return success();
  }

  virtual Value decompose(OpTy op, Arith &arith) const = 0;

  const llvm::StringSet<> &keep;
};

struct DecomposeGelu : DecomposePattern<GeluOp> {
  using DecomposePattern::DecomposePattern;
  Value decompose(GeluOp op, Arith &a) const override {
    Value x = op.getInput();
    Value inner;
    if (op.getApproximate() == GeluApproximation::Tanh) {
      // tanh(sqrt(2 / pi) * (x + 0.044715 * x^3))
      Value cube = a.mul(a.mul(x, x), x);
      Value poly = a.add(x, a.mul(a.constant(0.044715), cube));
      inner = TanhOp::create(a.rewriter, a.loc,
                             a.mul(a.constant(std::sqrt(2.0 / M_PI)), poly));
    } else {
      // erf(x / sqrt(2))
      inner = ErfOp::create(a.rewriter, a.loc, a.mul(x, a.constant(M_SQRT1_2)));
    }
    // 0.5 * x * (1 + inner)
    return a.mul(a.mul(a.constant(0.5), x), a.add(a.constant(1.0), inner));
  }
};

struct DecomposeSilu : DecomposePattern<SiluOp> {
  using DecomposePattern::DecomposePattern;
  Value decompose(SiluOp op, Arith &a) const override {
    Value x = op.getInput();
    return a.mul(x, SigmoidOp::create(a.rewriter, a.loc, x));
  }
};

struct DecomposeClip : DecomposePattern<ClipOp> {
  using DecomposePattern::DecomposePattern;
  Value decompose(ClipOp op, Arith &a) const override {
    // Integer bounds are saturated and rounded inward by the op itself.
    auto bound = [&](bool isMin) -> Value {
      auto type = RankedTensorType::get({}, a.elementType);
      if (std::optional<APInt> value = op.getIntegerBound(isMin))
        return ConstantOp::create(a.rewriter, a.loc,
                                  DenseElementsAttr::get(type, *value));
      std::optional<APFloat> value = isMin ? op.getMin() : op.getMax();
      return value ? a.constant(value->convertToDouble()) : Value();
    };
    Value y = op.getInput();
    if (Value lo = bound(/*isMin=*/true))
      y = MaxOp::create(a.rewriter, a.loc, y, lo);
    if (Value hi = bound(/*isMin=*/false))
      y = MinOp::create(a.rewriter, a.loc, y, hi);
    return y;
  }
};

struct DecomposeSoftmax : DecomposePattern<SoftmaxOp> {
  using DecomposePattern::DecomposePattern;
  Value decompose(SoftmaxOp op, Arith &a) const override {
    Value x = op.getInput();
    SmallVector<int64_t> axes = {op.getAxis()};
    Value max = ReduceMaxOp::create(a.rewriter, a.loc, x, axes,
                                    /*keepdims=*/true);
    Value e = ExpOp::create(a.rewriter, a.loc, a.sub(x, max));
    Value sum = ReduceSumOp::create(a.rewriter, a.loc, e, axes,
                                    /*keepdims=*/true);
    return a.div(e, sum);
  }
};

/// The axes from `axis` to the end of a tensor of `rank`.
SmallVector<int64_t> trailingAxes(int64_t axis, int64_t rank) {
  return llvm::to_vector(llvm::seq<int64_t>(axis, rank));
}

struct DecomposeLayerNorm : DecomposePattern<LayerNormOp> {
  using DecomposePattern::DecomposePattern;
  Value decompose(LayerNormOp op, Arith &a) const override {
    Value x = op.getInput();
    SmallVector<int64_t> axes =
        trailingAxes(op.getAxis(), op.getType().getRank());
    Value mean = ReduceMeanOp::create(a.rewriter, a.loc, x, axes, true);
    Value centred = a.sub(x, mean);
    Value variance = ReduceMeanOp::create(a.rewriter, a.loc,
                                          a.mul(centred, centred), axes, true);
    Value inverse = RsqrtOp::create(
        a.rewriter, a.loc,
        a.add(variance, a.constant(op.getEpsilon().convertToDouble())));
    Value y = a.mul(a.mul(centred, inverse), op.getScale());
    if (Value bias = op.getBias())
      y = a.add(y, bias);
    return y;
  }
};

struct DecomposeRmsNorm : DecomposePattern<RmsNormOp> {
  using DecomposePattern::DecomposePattern;
  Value decompose(RmsNormOp op, Arith &a) const override {
    Value x = op.getInput();
    SmallVector<int64_t> axes =
        trailingAxes(op.getAxis(), op.getType().getRank());
    Value meanSquare =
        ReduceMeanOp::create(a.rewriter, a.loc, a.mul(x, x), axes, true);
    Value inverse = RsqrtOp::create(
        a.rewriter, a.loc,
        a.add(meanSquare, a.constant(op.getEpsilon().convertToDouble())));
    return a.mul(a.mul(x, inverse), op.getScale());
  }
};

struct DecomposeBatchNorm : DecomposePattern<BatchNormOp> {
  using DecomposePattern::DecomposePattern;
  Value decompose(BatchNormOp op, Arith &a) const override {
    // y = x * k + b with k = scale / sqrt(var + eps), b = bias - mean * k,
    // per channel; with constant statistics both fold to constants.
    Value k = a.mul(op.getScale(),
                    RsqrtOp::create(a.rewriter, a.loc,
                                    a.add(op.getVariance(),
                                          a.constant(op.getEpsilon()
                                                         .convertToDouble()))));
    Value b = a.sub(op.getBias(), a.mul(op.getMean(), k));
    // [C] -> [C, 1, ..., 1] so that it broadcasts along dimension 1.
    ArrayRef<int64_t> shape = op.getType().getShape();
    SmallVector<int64_t> channelShape(shape.size() - 1, 1);
    channelShape[0] = shape[1];
    auto channelType = RankedTensorType::get(channelShape, a.elementType);
    Value kc = ReshapeOp::create(a.rewriter, a.loc, channelType, k);
    Value bc = ReshapeOp::create(a.rewriter, a.loc, channelType, b);
    return a.add(a.mul(op.getInput(), kc), bc);
  }
};

struct DecomposeGlobalAvgPool : DecomposePattern<GlobalAvgPool2dOp> {
  using DecomposePattern::DecomposePattern;
  Value decompose(GlobalAvgPool2dOp op, Arith &a) const override {
    return ReduceMeanOp::create(a.rewriter, a.loc, op.getInput(),
                                ArrayRef<int64_t>{2, 3}, true);
  }
};

struct DecomposeGlobalMaxPool : DecomposePattern<GlobalMaxPool2dOp> {
  using DecomposePattern::DecomposePattern;
  Value decompose(GlobalMaxPool2dOp op, Arith &a) const override {
    return ReduceMaxOp::create(a.rewriter, a.loc, op.getInput(),
                               ArrayRef<int64_t>{2, 3}, true);
  }
};

struct DecomposePass : mlir::tessera::impl::DecomposePassBase<DecomposePass> {
  using DecomposePassBase::DecomposePassBase;

  LogicalResult initialize(MLIRContext *context) override {
    for (const std::string &name : keep)
      keepSet.insert(name);
    RewritePatternSet set(context);
    set.add<DecomposeGelu, DecomposeSilu, DecomposeClip, DecomposeSoftmax,
            DecomposeLayerNorm, DecomposeRmsNorm, DecomposeBatchNorm,
            DecomposeGlobalAvgPool, DecomposeGlobalMaxPool>(context, keepSet);
    patterns = std::move(set);
    return success();
  }

  void runOnOperation() override {
    if (failed(applyPatternsGreedily(getOperation(), patterns)))
      signalPassFailure();
  }

  llvm::StringSet<> keepSet;
  FrozenRewritePatternSet patterns;
};

} // namespace
