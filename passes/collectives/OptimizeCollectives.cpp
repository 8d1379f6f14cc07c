//===- OptimizeCollectives.cpp - Fewer and cheaper collectives -------------===//
//
// Part of Tessera. See Passes.td.
//
//===----------------------------------------------------------------------===//

#include "dialects/dist/DistOps.h"
#include "dialects/tessera/TesseraOps.h"
#include "passes/collectives/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_OPTIMIZECOLLECTIVESPASS
#include "passes/collectives/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::dist;

namespace {

/// The one dimension a sharding splits, or -1 (none, or several).
int64_t onlySplitDim(ShardingAttr sharding) {
  int64_t found = -1;
  for (int64_t d = 0; d < sharding.getRank(); ++d) {
    if (sharding.getDims()[d].empty())
      continue;
    if (found >= 0)
      return -1;
    found = d;
  }
  return found;
}

/// all_reduce, then this device's block of one dimension over some of the
/// reduced axes: a reduce_scatter over those, an all_reduce over the rest.
struct AllReduceThenShard : OpRewritePattern<LocalShardOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(LocalShardOp shard,
                                PatternRewriter &rewriter) const override {
    auto reduce = shard.getInput().getDefiningOp<AllReduceOp>();
    if (!reduce || !reduce->hasOneUse())
      return failure();
    int64_t dim = onlySplitDim(shard.getSharding());
    if (dim < 0)
      return failure();
    SmallVector<StringAttr> scattered = shard.getSharding().getAxes(dim);
    SmallVector<StringAttr> reduced = getAxisNames(reduce.getAxes());
    if (!llvm::all_of(scattered, [&](StringAttr a) {
          return llvm::is_contained(reduced, a);
        }))
      return failure();
    SmallVector<StringRef> scatterNames, restNames;
    for (StringAttr a : scattered)
      scatterNames.push_back(a.getValue());
    for (StringAttr a : reduced)
      if (!llvm::is_contained(scattered, a))
        restNames.push_back(a.getValue());
    Value value = ReduceScatterOp::create(
        rewriter, reduce.getLoc(), shard.getType(), reduce.getInput(),
        rewriter.getStrArrayAttr(scatterNames),
        rewriter.getI64IntegerAttr(dim), reduce.getKindAttr());
    if (!restNames.empty())
      value = AllReduceOp::create(rewriter, reduce.getLoc(), value,
                                  rewriter.getStrArrayAttr(restNames),
                                  reduce.getKind());
    rewriter.replaceOp(shard, value);
    rewriter.eraseOp(reduce);
    return success();
  }
};

/// Whether `sharding` splits exactly dimension `dim` over exactly `axes`.
bool splitsOnly(ShardingAttr sharding, int64_t dim, ArrayAttr axes) {
  return onlySplitDim(sharding) == dim &&
         sharding.getAxes(dim) == getAxisNames(axes);
}

/// This device's block of what was just gathered: the block itself.
struct ShardOfGather : OpRewritePattern<LocalShardOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(LocalShardOp shard,
                                PatternRewriter &rewriter) const override {
    auto gather = shard.getInput().getDefiningOp<AllGatherOp>();
    if (!gather || gather.getInput().getType() != shard.getType() ||
        !splitsOnly(shard.getSharding(), gather.getDim(), gather.getAxes()))
      return failure();
    rewriter.replaceOp(shard, gather.getInput());
    if (gather->use_empty())
      rewriter.eraseOp(gather);
    return success();
  }
};

/// Gathering every device's block of a value every device holds: the value.
struct GatherOfShard : OpRewritePattern<AllGatherOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AllGatherOp gather,
                                PatternRewriter &rewriter) const override {
    auto shard = gather.getInput().getDefiningOp<LocalShardOp>();
    if (!shard || shard.getInput().getType() != gather.getType() ||
        !splitsOnly(shard.getSharding(), gather.getDim(), gather.getAxes()))
      return failure();
    rewriter.replaceOp(gather, shard.getInput());
    return success();
  }
};

/// Combines small independent all_reduces of one kind over the same axes
/// into one over their flattened concatenation.
void combineAllReduces(Block &block, int64_t maxBytes) {
  if (maxBytes <= 0)
    return;
  DominanceInfo dominance(block.getParentOp());
  auto bytesOf = [](AllReduceOp op) {
    auto type = op.getType();
    return type.getNumElements() *
           int64_t((type.getElementTypeBitWidth() + 7) / 8);
  };
  auto firstUse = [&](ArrayRef<AllReduceOp> group) -> Operation * {
    Operation *first = nullptr;
    for (AllReduceOp op : group)
      for (Operation *user : op->getUsers()) {
        Operation *top = block.findAncestorOpInBlock(*user);
        if (top && (!first || top->isBeforeInBlock(first)))
          first = top;
      }
    return first;
  };

  SmallVector<AllReduceOp> candidates;
  for (auto op : block.getOps<AllReduceOp>())
    if (bytesOf(op) <= maxBytes)
      candidates.push_back(op);
  llvm::DenseSet<Operation *> taken;
  for (AllReduceOp lead : candidates) {
    if (taken.contains(lead))
      continue;
    SmallVector<AllReduceOp> group = {lead};
    // The latest operand definition so far: the combined op goes after it.
    Operation *after = lead.getInput().getDefiningOp();
    for (AllReduceOp other : candidates) {
      if (other == lead || taken.contains(other) ||
          other.getAxes() != lead.getAxes() ||
          other.getKind() != lead.getKind() ||
          other.getType().getElementType() != lead.getType().getElementType())
        continue;
      Operation *def = other.getInput().getDefiningOp();
      Operation *later = after;
      if (def && (!later || later->isBeforeInBlock(def)))
        later = def;
      SmallVector<AllReduceOp> extended(group);
      extended.push_back(other);
      Operation *use = firstUse(extended);
      // Every operand must be ready before any result is needed, and no
      // operand may depend on a result of the group.
      if (use && later && !later->isBeforeInBlock(use))
        continue;
      bool dependent = llvm::any_of(extended, [&](AllReduceOp a) {
        return llvm::any_of(extended, [&](AllReduceOp b) {
          Operation *def = b.getInput().getDefiningOp();
          return a != b && def && a->isBeforeInBlock(def) &&
                 (def == a.getOperation() ||
                  dominance.properlyDominates(a.getOperation(), def));
        });
      });
      if (dependent)
        continue;
      group = std::move(extended);
      after = later;
    }
    if (group.size() < 2)
      continue;
    for (AllReduceOp op : group)
      taken.insert(op);

    OpBuilder b(block.getParentOp()->getContext());
    if (after && after->getBlock() == &block)
      b.setInsertionPointAfter(after);
    else
      b.setInsertionPointToStart(&block);
    Location loc = lead.getLoc();
    Type element = lead.getType().getElementType();
    SmallVector<Value> flat;
    for (AllReduceOp op : group) {
      int64_t count = op.getType().getNumElements();
      flat.push_back(ReshapeOp::create(
          b, loc, RankedTensorType::get({count}, element), op.getInput()));
    }
    Value joined = ConcatOp::create(b, loc, flat, 0);
    Value reduced = AllReduceOp::create(b, loc, joined, lead.getAxes(),
                                        lead.getKind());
    int64_t offset = 0;
    for (AllReduceOp op : group) {
      int64_t count = op.getType().getNumElements();
      Value part = SliceOp::create(b, loc, reduced,
                                   b.getDenseI64ArrayAttr({offset}),
                                   b.getDenseI64ArrayAttr({offset + count}),
                                   b.getDenseI64ArrayAttr({1}));
      offset += count;
      Value shaped = ReshapeOp::create(b, loc, op.getType(), part);
      op.getResult().replaceAllUsesWith(shaped);
    }
    // Erased last: the builder may insert right before one of them.
    for (AllReduceOp op : group)
      op.erase();
  }
}

struct OptimizeCollectivesPass
    : mlir::tessera::impl::OptimizeCollectivesPassBase<
          OptimizeCollectivesPass> {
  using OptimizeCollectivesPassBase::OptimizeCollectivesPassBase;
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<AllReduceThenShard, ShardOfGather, GatherOfShard>(
        &getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
    getOperation()->walk([&](Block *block) {
      if (!block->getOps<AllReduceOp>().empty())
        combineAllReduces(*block, combineBytes);
    });
  }
};

} // namespace
