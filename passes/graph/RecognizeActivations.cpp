//===- RecognizeActivations.cpp - GELU and SiLU from their arithmetic -----===//
//
// Part of Tessera. See Passes.td. Each pattern anchors on the op that
// produces the activation's value (the outermost multiplication) and checks
// the chain below it; every intermediate value must have no other user, so
// nothing computed elsewhere is lost.
//
//===----------------------------------------------------------------------===//

#include "dialects/tessera/TesseraOps.h"
#include "passes/graph/Passes.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <algorithm>
#include <cmath>

namespace mlir::tessera {
#define GEN_PASS_DEF_RECOGNIZEACTIVATIONSPASS
#include "passes/graph/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using namespace mlir::tessera;

namespace {

/// Whether `value` is a splat float constant equal to `number` to within
/// 1e-6 relative, or two units in the last place of the constant's type,
/// whichever is looser: an exporter writing in bf16 rounds 0.044715 to
/// 0.0446777.
bool isConstant(Value value, double number) {
  DenseElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)) || !attr.isSplat() ||
      !isa<FloatType>(attr.getElementType()))
    return false;
  APFloat splat = attr.getSplatValue<APFloat>();
  int precision = llvm::APFloatBase::semanticsPrecision(splat.getSemantics());
  double tolerance = std::max(1e-6, std::ldexp(1.0, 2 - precision));
  return std::abs(splat.convertToDouble() - number) <=
         tolerance * std::abs(number);
}

/// Whether `value` is produced by an op of type OpTy used only once.
template <typename OpTy>
OpTy singleUse(Value value) {
  auto op = value.getDefiningOp<OpTy>();
  if (!op || !op->getResult(0).hasOneUse())
    return nullptr;
  return op;
}

/// The factors of a product: the leaves of a tree of single-use muls whose
/// root is `root` (itself included whatever its uses), at most `depth`
/// levels down.
void collectFactors(Value value, bool isRoot, int depth,
                    SmallVectorImpl<Value> &factors,
                    SmallVectorImpl<Operation *> &muls) {
  auto mul = isRoot ? value.getDefiningOp<MulOp>() : singleUse<MulOp>(value);
  if (!mul || depth == 0) {
    factors.push_back(value);
    return;
  }
  muls.push_back(mul);
  collectFactors(mul.getLhs(), false, depth - 1, factors, muls);
  collectFactors(mul.getRhs(), false, depth - 1, factors, muls);
}

/// `1 + f(...)`: the other operand of a single-use add with 1.
template <typename FnOpTy>
FnOpTy onePlus(Value value) {
  auto add = singleUse<AddOp>(value);
  if (!add)
    return nullptr;
  for (auto [a, b] : {std::pair{add.getLhs(), add.getRhs()},
                      std::pair{add.getRhs(), add.getLhs()}})
    if (isConstant(a, 1.0))
      if (auto fn = singleUse<FnOpTy>(b))
        return fn;
  return nullptr;
}

/// Whether `value` is `x * c` or `x / (1/c)` for the constant c.
bool isScaled(Value value, Value x, double c) {
  if (auto mul = singleUse<MulOp>(value))
    return (mul.getLhs() == x && isConstant(mul.getRhs(), c)) ||
           (mul.getRhs() == x && isConstant(mul.getLhs(), c));
  if (auto div = singleUse<DivOp>(value))
    return div.getLhs() == x && isConstant(div.getRhs(), 1.0 / c);
  return false;
}

/// Whether `value` is x^3, as pow(x, 3) or x * x * x.
bool isCube(Value value, Value x) {
  if (auto pow = singleUse<PowOp>(value))
    return pow.getLhs() == x && isConstant(pow.getRhs(), 3.0);
  SmallVector<Value> factors;
  SmallVector<Operation *> muls;
  auto mul = singleUse<MulOp>(value);
  if (!mul)
    return false;
  collectFactors(value, /*isRoot=*/true, 2, factors, muls);
  return factors.size() == 3 &&
         llvm::all_of(factors, [&](Value f) { return f == x; });
}

/// The argument of tanh in gelu_new: sqrt(2/pi) * (x + 0.044715 * x^3).
bool isGeluTanhArgument(Value value, Value x) {
  auto mul = singleUse<MulOp>(value);
  if (!mul)
    return false;
  Value inner;
  if (isConstant(mul.getLhs(), std::sqrt(2.0 / M_PI)))
    inner = mul.getRhs();
  else if (isConstant(mul.getRhs(), std::sqrt(2.0 / M_PI)))
    inner = mul.getLhs();
  else
    return false;
  auto add = singleUse<AddOp>(inner);
  if (!add)
    return false;
  for (auto [a, b] : {std::pair{add.getLhs(), add.getRhs()},
                      std::pair{add.getRhs(), add.getLhs()}}) {
    if (a != x)
      continue;
    auto scaled = singleUse<MulOp>(b);
    if (!scaled)
      continue;
    for (auto [c, cube] : {std::pair{scaled.getLhs(), scaled.getRhs()},
                           std::pair{scaled.getRhs(), scaled.getLhs()}})
      if (isConstant(c, 0.044715) && isCube(cube, x))
        return true;
  }
  return false;
}

struct RecognizeGelu : OpRewritePattern<MulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MulOp op,
                                PatternRewriter &rewriter) const override {
    if (!isa<FloatType>(op.getType().getElementType()))
      return failure();
    SmallVector<Value> factors;
    SmallVector<Operation *> muls;
    collectFactors(op.getResult(), /*isRoot=*/true, 2, factors, muls);
    if (factors.size() != 3)
      return failure();
    // One factor is 0.5, one is 1 + f(...), the remaining one is x.
    for (int half = 0; half < 3; ++half) {
      if (!isConstant(factors[half], 0.5))
        continue;
      for (int gate = 0; gate < 3; ++gate) {
        if (gate == half)
          continue;
        Value x = factors[3 - half - gate];
        if (x.getType() != op.getType())
          continue;
        if (auto erf = onePlus<ErfOp>(factors[gate]);
            erf && isScaled(erf.getInput(), x, M_SQRT1_2)) {
          rewriter.replaceOpWithNewOp<GeluOp>(op, x, GeluApproximation::None);
          return success();
        }
        if (auto tanh = onePlus<TanhOp>(factors[gate]);
            tanh && isGeluTanhArgument(tanh.getInput(), x)) {
          rewriter.replaceOpWithNewOp<GeluOp>(op, x, GeluApproximation::Tanh);
          return success();
        }
      }
    }
    return failure();
  }
};

struct RecognizeSilu : OpRewritePattern<MulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MulOp op,
                                PatternRewriter &rewriter) const override {
    for (auto [x, gate] : {std::pair{op.getLhs(), op.getRhs()},
                           std::pair{op.getRhs(), op.getLhs()}}) {
      auto sigmoid = singleUse<SigmoidOp>(gate);
      if (sigmoid && sigmoid.getInput() == x && x.getType() == op.getType()) {
        rewriter.replaceOpWithNewOp<SiluOp>(op, x);
        return success();
      }
    }
    return failure();
  }
};

struct RecognizeActivationsPass
    : mlir::tessera::impl::RecognizeActivationsPassBase<
          RecognizeActivationsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<RecognizeGelu, RecognizeSilu>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
