//===- TesseraShardingRules.cpp - Sharding rules of tessera ops -----------===//
//
// Part of Tessera. The ShardingRuleOpInterface of every tessera op that is
// not pointwise (pointwise ops share getPointwiseShardingRule through their
// ODS base class). Dimensions that cannot be sharded without moving data
// between devices (a softmax axis, convolution windows, sliced or padded
// dimensions) get need-replication factors.
//
//===----------------------------------------------------------------------===//

#include "dialects/tessera/TesseraOps.h"

using namespace mlir;
using namespace mlir::tessera;

namespace {

/// One dimension index per operand (kNoDim by default), for addFactor.
SmallVector<int64_t> noDims(size_t count) {
  return SmallVector<int64_t>(count, kNoDim);
}

/// The rule of an op whose single operand and single result have the same
/// shape, where the dimensions in `replicated` must not be sharded.
ShardingRule getSameShapeRule(Operation *op, ArrayRef<int64_t> shape,
                              function_ref<bool(int64_t)> replicated) {
  ShardingRuleBuilder builder(op);
  for (auto [d, size] : llvm::enumerate(shape)) {
    int64_t dim = d;
    builder.addFactor({dim}, {dim}, size,
                      replicated(dim) ? FactorKind::NeedReplication
                                      : FactorKind::Parallel);
  }
  return builder.build();
}

/// Normalizations over the trailing dimensions from `axis`: leading
/// dimensions are parallel; normalized ones are shared with the parameters
/// (operands 1...) and must stay whole, since each output needs statistics of
/// the entire normalized slice.
ShardingRule getTrailingNormRule(Operation *op, int64_t axis) {
  ShardingRuleBuilder builder(op);
  size_t numOperands = op->getNumOperands();
  ArrayRef<int64_t> shape = builder.getOperandShape(0);
  for (auto [d, size] : llvm::enumerate(shape)) {
    int64_t dim = d;
    SmallVector<int64_t> operandDims = noDims(numOperands);
    operandDims[0] = dim;
    if (dim >= axis)
      for (size_t p = 1; p < numOperands; ++p)
        operandDims[p] = dim - axis;
    builder.addFactor(operandDims, {dim}, size,
                      dim < axis ? FactorKind::Parallel
                                 : FactorKind::NeedReplication);
  }
  return builder.build();
}

/// Reductions: kept dimensions are parallel; reduced ones are reduction
/// factors (with keepdims their size-1 result dimension has no factor).
ShardingRule getReduceRule(Operation *op, ArrayRef<int64_t> axes,
                           bool keepDims,
                           PartialReduction partial = PartialReduction::Sum) {
  ShardingRuleBuilder builder(op);
  builder.setPartialReduction(partial);
  int64_t resultDim = 0;
  for (auto [d, size] : llvm::enumerate(builder.getOperandShape(0))) {
    int64_t dim = d;
    if (llvm::is_contained(axes, dim)) {
      builder.addFactor({dim}, {kNoDim}, size, FactorKind::Reduction);
      if (keepDims)
        ++resultDim;
      continue;
    }
    builder.addFactor({dim}, {resultDim++}, size);
  }
  return builder.build();
}

/// Pooling over [N, C, H, W]: batch and channels are parallel, windows need
/// whole spatial dimensions.
ShardingRule getPoolRule(Operation *op) {
  ShardingRuleBuilder builder(op);
  ArrayRef<int64_t> shape = builder.getOperandShape(0);
  builder.addFactor({0}, {0}, shape[0]);
  builder.addFactor({1}, {1}, shape[1]);
  builder.replicateUnmappedDims();
  return builder.build();
}

/// Global pooling: the spatial dimensions are reduced.
ShardingRule getGlobalPoolRule(Operation *op, PartialReduction partial) {
  ShardingRuleBuilder builder(op);
  builder.setPartialReduction(partial);
  ArrayRef<int64_t> shape = builder.getOperandShape(0);
  builder.addFactor({0}, {0}, shape[0]);
  builder.addFactor({1}, {1}, shape[1]);
  builder.addFactor({2}, {kNoDim}, shape[2], FactorKind::Reduction);
  builder.addFactor({3}, {kNoDim}, shape[3], FactorKind::Reduction);
  return builder.build();
}

/// Concat and split: every dimension but `axis` is shared by all tensors;
/// the axis of each tensor needs replication.
ShardingRule getJoinRule(Operation *op, int64_t axis) {
  ShardingRuleBuilder builder(op);
  ArrayRef<int64_t> shape = builder.getOperandShape(0);
  for (auto [d, size] : llvm::enumerate(shape)) {
    int64_t dim = d;
    if (dim == axis)
      continue;
    builder.addFactor(SmallVector<int64_t>(op->getNumOperands(), dim),
                      SmallVector<int64_t>(op->getNumResults(), dim), size);
  }
  builder.replicateUnmappedDims();
  return builder.build();
}

} // namespace

ShardingRule ConstantOp::getShardingRule() {
  ShardingRuleBuilder builder(*this);
  for (auto [d, size] : llvm::enumerate(getType().getShape()))
    builder.addFactor({}, {static_cast<int64_t>(d)}, size);
  return builder.build();
}

ShardingRule MatmulOp::getShardingRule() {
  ShardingRuleBuilder builder(*this);
  ArrayRef<int64_t> lhs = getLhs().getType().getShape();
  ArrayRef<int64_t> rhs = getRhs().getType().getShape();
  ArrayRef<int64_t> result = getType().getShape();
  int64_t rank = result.size(), lhsRank = lhs.size(), rhsRank = rhs.size();
  // Batch dimensions broadcast: an operand of size 1 there has no factor.
  for (int64_t d = 0; d < rank - 2; ++d) {
    auto aligned = [&](ArrayRef<int64_t> shape) -> int64_t {
      int64_t dim = d - (rank - static_cast<int64_t>(shape.size()));
      return dim >= 0 && shape[dim] == result[d] ? dim : kNoDim;
    };
    builder.addFactor({aligned(lhs), aligned(rhs)}, {d}, result[d]);
  }
  builder.addFactor({lhsRank - 2, kNoDim}, {rank - 2}, result[rank - 2]);
  builder.addFactor({kNoDim, rhsRank - 1}, {rank - 1}, result[rank - 1]);
  builder.addFactor({lhsRank - 1, rhsRank - 2}, {kNoDim}, lhs.back(),
                    FactorKind::Reduction);
  return builder.build();
}

ShardingRule Conv2dOp::getShardingRule() {
  ShardingRuleBuilder builder(*this);
  ArrayRef<int64_t> input = getInput().getType().getShape();
  ArrayRef<int64_t> weight = getWeight().getType().getShape();
  int64_t groups = getGroups();
  bool hasBias = getBias() != nullptr;
  auto dims = [&](int64_t in, int64_t w, int64_t bias) {
    SmallVector<int64_t> operandDims = {in, w};
    if (hasBias)
      operandDims.push_back(bias);
    return operandDims;
  };
  builder.addFactor(dims(0, kNoDim, kNoDim), {0}, input[0]);
  // Channels are [groups, C / groups] and filters [groups, F / groups]:
  // groups are independent; within a group input channels are summed.
  if (groups > 1)
    builder.addFactor(dims(1, 0, 0), {1}, groups);
  builder.addFactor(dims(kNoDim, 0, 0), {1}, weight[0] / groups);
  builder.addFactor(dims(1, 1, kNoDim), {kNoDim}, weight[1],
                    FactorKind::Reduction);
  // A 1x1 window moving by one over unpadded input maps each output pixel to
  // its own input pixel: those spatial dimensions are parallel. Any other
  // window needs neighbouring pixels (a halo), so it stays replicated.
  ArrayRef<int64_t> strides = getStrides(), padding = getPadding();
  for (int64_t d = 0; d < 2; ++d)
    if (weight[d + 2] == 1 && strides[d] == 1 && padding[d] == 0 &&
        padding[d + 2] == 0)
      builder.addFactor(dims(d + 2, kNoDim, kNoDim), {d + 2}, input[d + 2]);
  builder.replicateUnmappedDims();
  return builder.build();
}

ShardingRule MaxPool2dOp::getShardingRule() { return getPoolRule(*this); }
ShardingRule AvgPool2dOp::getShardingRule() { return getPoolRule(*this); }
ShardingRule GlobalAvgPool2dOp::getShardingRule() {
  return getGlobalPoolRule(*this, PartialReduction::Mean);
}
ShardingRule GlobalMaxPool2dOp::getShardingRule() {
  return getGlobalPoolRule(*this, PartialReduction::Max);
}

ShardingRule BatchNormOp::getShardingRule() {
  ShardingRuleBuilder builder(*this);
  ArrayRef<int64_t> shape = getInput().getType().getShape();
  for (auto [d, size] : llvm::enumerate(shape)) {
    int64_t dim = d;
    int64_t param = dim == 1 ? 0 : kNoDim;
    builder.addFactor({dim, param, param, param, param}, {dim}, size);
  }
  return builder.build();
}

ShardingRule LayerNormOp::getShardingRule() {
  return getTrailingNormRule(*this, getAxis());
}

ShardingRule RmsNormOp::getShardingRule() {
  return getTrailingNormRule(*this, getAxis());
}

ShardingRule SoftmaxOp::getShardingRule() {
  int64_t axis = getAxis();
  return getSameShapeRule(*this, getType().getShape(),
                          [axis](int64_t d) { return d == axis; });
}

ShardingRule ReduceSumOp::getShardingRule() {
  return getReduceRule(*this, getAxes(), getKeepdims());
}
ShardingRule ReduceMeanOp::getShardingRule() {
  return getReduceRule(*this, getAxes(), getKeepdims(),
                       PartialReduction::Mean);
}
ShardingRule ReduceMaxOp::getShardingRule() {
  return getReduceRule(*this, getAxes(), getKeepdims(), PartialReduction::Max);
}
ShardingRule ReduceMinOp::getShardingRule() {
  return getReduceRule(*this, getAxes(), getKeepdims(), PartialReduction::Min);
}

ShardingRule ReshapeOp::getShardingRule() {
  // Dimensions split into groups whose sizes multiply to the same number on
  // both sides; within a group, factors are found by walking both shapes
  // major to minor ([6] -> [2, 3] gives the input dimension factors 2 and 3).
  // A group that does not factor ([2, 3] -> [3, 2]) is replicated.
  ShardingRuleBuilder builder(*this);
  ArrayRef<int64_t> in = getInput().getType().getShape();
  ArrayRef<int64_t> out = getType().getShape();
  if (llvm::is_contained(in, 0)) {
    builder.replicateUnmappedDims();
    return builder.build();
  }
  SmallVector<int64_t> inDims, outDims; // dimensions of size other than 1
  for (auto [d, size] : llvm::enumerate(in))
    if (size != 1)
      inDims.push_back(d);
  for (auto [d, size] : llvm::enumerate(out))
    if (size != 1)
      outDims.push_back(d);

  size_t i = 0, j = 0;
  while (i < inDims.size() && j < outDims.size()) {
    // The next group: the fewest dimensions whose sizes multiply to the same
    // number on both sides.
    SmallVector<int64_t> groupIn = {inDims[i]}, groupOut = {outDims[j]};
    int64_t inProduct = in[inDims[i]], outProduct = out[outDims[j]];
    while (inProduct != outProduct) {
      if (inProduct < outProduct && ++i < inDims.size()) {
        groupIn.push_back(inDims[i]);
        inProduct *= in[inDims[i]];
      } else if (inProduct > outProduct && ++j < outDims.size()) {
        groupOut.push_back(outDims[j]);
        outProduct *= out[outDims[j]];
      } else {
        break; // Unreachable for a verified reshape.
      }
    }
    ++i;
    ++j;
    if (inProduct != outProduct)
      break;

    // Factor the group; each step takes the smaller remaining size when it
    // divides the larger.
    struct Factor {
      int64_t inDim, outDim, size;
    };
    SmallVector<Factor> factors;
    size_t a = 0, b = 0;
    int64_t inLeft = in[groupIn[0]], outLeft = out[groupOut[0]];
    bool factorable = true;
    while (a < groupIn.size() && b < groupOut.size()) {
      if (inLeft % outLeft != 0 && outLeft % inLeft != 0) {
        factorable = false;
        break;
      }
      int64_t size = std::min(inLeft, outLeft);
      factors.push_back({groupIn[a], groupOut[b], size});
      inLeft /= size;
      outLeft /= size;
      if (inLeft == 1 && ++a < groupIn.size())
        inLeft = in[groupIn[a]];
      if (outLeft == 1 && ++b < groupOut.size())
        outLeft = out[groupOut[b]];
    }
    if (factorable)
      for (const Factor &f : factors)
        builder.addFactor({f.inDim}, {f.outDim}, f.size);
  }
  builder.replicateUnmappedDims();
  return builder.build();
}

ShardingRule TransposeOp::getShardingRule() {
  ShardingRuleBuilder builder(*this);
  ArrayRef<int64_t> shape = getType().getShape();
  for (auto [d, p] : llvm::enumerate(getPermutation()))
    builder.addFactor({p}, {static_cast<int64_t>(d)}, shape[d]);
  return builder.build();
}

ShardingRule BroadcastOp::getShardingRule() {
  return getPointwiseShardingRule(*this);
}

ShardingRule ConcatOp::getShardingRule() {
  return getJoinRule(*this, getAxis());
}

ShardingRule SplitOp::getShardingRule() {
  return getJoinRule(*this, getAxis());
}

ShardingRule SliceOp::getShardingRule() {
  ArrayRef<int64_t> shape = getInput().getType().getShape();
  ArrayRef<int64_t> starts = getStarts(), limits = getLimits(),
                    steps = getSteps();
  ShardingRuleBuilder builder(*this);
  for (auto [d, size] : llvm::enumerate(shape)) {
    if (starts[d] == 0 && limits[d] == size && steps[d] == 1) {
      int64_t dim = d;
      builder.addFactor({dim}, {dim}, size);
    }
  }
  builder.replicateUnmappedDims();
  return builder.build();
}

ShardingRule GatherOp::getShardingRule() {
  ShardingRuleBuilder builder(*this);
  ArrayRef<int64_t> data = getData().getType().getShape();
  ArrayRef<int64_t> indices = getIndices().getType().getShape();
  int64_t axis = getAxis();
  int64_t rank = indices.size();
  for (int64_t d = 0; d < axis; ++d)
    builder.addFactor({d, kNoDim}, {d}, data[d]);
  for (int64_t e = 0; e < rank; ++e)
    builder.addFactor({kNoDim, e}, {axis + e}, indices[e]);
  for (int64_t d = axis + 1, e = data.size(); d < e; ++d)
    builder.addFactor({d, kNoDim}, {d - 1 + rank}, data[d]);
  // The gathered axis is a reduction: a gather is the sum over the table's
  // rows of (row == index) * row, so a table split along it gives each
  // device a partial result (its own rows looked up, zeros for the others)
  // that a sum completes. This is Megatron's vocab-parallel embedding; the
  // partitioner computes the masked local lookup.
  if (data[axis] != 1)
    builder.addFactor({axis, kNoDim}, {kNoDim}, data[axis],
                      FactorKind::Reduction);
  return builder.build();
}

ShardingRule PadOp::getShardingRule() {
  ArrayRef<int64_t> low = getLow(), high = getHigh();
  ShardingRuleBuilder builder(*this);
  for (auto [d, size] : llvm::enumerate(getInput().getType().getShape())) {
    if (low[d] == 0 && high[d] == 0) {
      int64_t dim = d;
      builder.addFactor({dim}, {dim}, size);
    }
  }
  builder.replicateUnmappedDims();
  return builder.build();
}
