//===- PipelineStages.cpp - Cost-balanced pipeline stages ------------------===//
//
// Part of Tessera. See Passes.td.
//
//===----------------------------------------------------------------------===//

#include "dialects/dist/DistOps.h"
#include "dialects/interfaces/CostModel.h"
#include "dialects/interfaces/CostModelOpInterface.h"
#include "dialects/tessera/TesseraOps.h"
#include "passes/pipeline/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include <limits>

namespace mlir::tessera {
#define GEN_PASS_DEF_PIPELINESTAGESPASS
#include "passes/pipeline/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::dist;

namespace {

/// What the dynamic program decided for one stage.
struct Stage {
  int64_t begin = 0, end = 0; // positions in the staged ops
  double cost = 0;
  int64_t bytesIn = 0, bytesOut = 0, weightBytes = 0;
};

class StageCutter {
public:
  StageCutter(func::FuncOp function, int64_t stages, double transferCost,
              int64_t memoryLimit)
      : function(function), stages(stages), transferCost(transferCost),
        memoryLimit(memoryLimit) {}

  LogicalResult run();

private:
  /// Constants and what only constants feed: every stage that needs them
  /// has its own copy, so they are on no stage.
  bool isStageFree(Operation *op) {
    if (isa<ConstantOp>(op))
      return true;
    if (!isMemoryEffectFree(op) || op->getNumOperands() == 0)
      return false;
    return llvm::all_of(op->getOperands(), [&](Value v) {
      Operation *def = v.getDefiningOp();
      return def && stageFree.contains(def);
    });
  }

  func::FuncOp function;
  int64_t stages;
  double transferCost;
  int64_t memoryLimit;
  llvm::DenseSet<Operation *> stageFree;
};

LogicalResult StageCutter::run() {
  Block &body = function.getBody().front();
  SmallVector<Operation *> staged;
  DenseMap<Operation *, int64_t> position;
  for (Operation &op : body.without_terminator()) {
    if (isStageFree(&op)) {
      stageFree.insert(&op);
      continue;
    }
    position[&op] = staged.size();
    staged.push_back(&op);
  }
  int64_t n = staged.size();
  if (n < stages)
    return function.emitError("cannot cut ")
           << n << " ops into " << stages << " pipeline stages";

  // Work of the first k ops; weights first used by them.
  SmallVector<double> work(n + 1, 0);
  SmallVector<int64_t> weights(n + 1, 0);
  for (auto [i, op] : llvm::enumerate(staged)) {
    double cost = 0;
    if (auto model = dyn_cast<CostModelOpInterface>(op))
      cost = double(model.getFlops()) + double(model.getBytesAccessed());
    else
      cost = double(getDefaultFlops(op) + getDefaultBytesAccessed(op));
    work[i + 1] = work[i] + cost;
  }
  llvm::DenseSet<Operation *> counted;
  for (auto [i, op] : llvm::enumerate(staged)) {
    int64_t bytes = 0;
    for (Value operand : op->getOperands())
      if (Operation *def = operand.getDefiningOp())
        if (stageFree.contains(def) && isa<ConstantOp>(def) &&
            counted.insert(def).second)
          bytes += getSizeInBytes(operand.getType());
    weights[i + 1] = weights[i] + bytes;
  }

  // Bytes live across the cut before position k: defined before it, used
  // at or after it (the return uses at position n).
  SmallVector<int64_t> live(n + 2, 0);
  auto ret = body.getTerminator();
  for (auto [i, op] : llvm::enumerate(staged)) {
    for (Value result : op->getResults()) {
      int64_t last = int64_t(i);
      for (Operation *user : result.getUsers()) {
        Operation *top = body.findAncestorOpInBlock(*user);
        if (top == ret)
          last = n;
        else if (auto it = position.find(top); it != position.end())
          last = std::max(last, it->second);
      }
      if (last > int64_t(i)) {
        int64_t bytes = getSizeInBytes(result.getType());
        live[i + 1] += bytes;
        live[last + 1] -= bytes;
      }
    }
  }
  for (int64_t k = 1; k <= n + 1; ++k)
    live[k] += live[k - 1];
  // live[k] now holds the bytes crossing the cut before position k.

  auto segmentCost = [&](int64_t j, int64_t k) {
    return work[k] - work[j] + transferCost * double(live[j] + live[k]);
  };
  auto fits = [&](int64_t j, int64_t k) {
    return memoryLimit <= 0 || weights[k] - weights[j] <= memoryLimit;
  };

  // best[s][k]: the least possible slowest stage when s stages hold the
  // first k ops; from[s][k] the cut that achieves it.
  constexpr double kInfinity = std::numeric_limits<double>::infinity();
  SmallVector<SmallVector<double>> best(stages + 1,
                                        SmallVector<double>(n + 1, kInfinity));
  SmallVector<SmallVector<int64_t>> from(stages + 1,
                                         SmallVector<int64_t>(n + 1, -1));
  best[0][0] = 0;
  for (int64_t s = 1; s <= stages; ++s)
    for (int64_t k = s; k <= n - (stages - s); ++k)
      for (int64_t j = s - 1; j < k; ++j) {
        if (best[s - 1][j] == kInfinity || !fits(j, k))
          continue;
        double slowest = std::max(best[s - 1][j], segmentCost(j, k));
        if (slowest < best[s][k]) {
          best[s][k] = slowest;
          from[s][k] = j;
        }
      }
  if (best[stages][n] == kInfinity)
    return function.emitError("no cut into ")
           << stages << " pipeline stages keeps every stage's weights within "
           << memoryLimit << " bytes";

  SmallVector<Stage> cut(stages);
  for (int64_t s = stages, k = n; s > 0; --s) {
    int64_t j = from[s][k];
    cut[s - 1] = {j, k, segmentCost(j, k), live[j], live[k],
                  weights[k] - weights[j]};
    k = j;
  }

  MLIRContext *context = function.getContext();
  Builder b(context);
  SmallVector<Attribute> summary;
  for (auto [s, stage] : llvm::enumerate(cut)) {
    for (int64_t i = stage.begin; i < stage.end; ++i)
      staged[i]->setAttr(DistDialect::kStageAttrName,
                         b.getI64IntegerAttr(int64_t(s)));
    summary.push_back(b.getDictionaryAttr({
        b.getNamedAttr("stage", b.getI64IntegerAttr(int64_t(s))),
        b.getNamedAttr("cost", b.getI64IntegerAttr(int64_t(stage.cost))),
        b.getNamedAttr("ops", b.getI64IntegerAttr(stage.end - stage.begin)),
        b.getNamedAttr("activation_bytes_in",
                       b.getI64IntegerAttr(stage.bytesIn)),
        b.getNamedAttr("activation_bytes_out",
                       b.getI64IntegerAttr(stage.bytesOut)),
        b.getNamedAttr("weight_bytes", b.getI64IntegerAttr(stage.weightBytes)),
    }));
    InFlightDiagnostic remark = mlir::emitRemark(staged[stage.begin]->getLoc());
    remark << "pipeline stage " << s << ": " << (stage.end - stage.begin)
           << " ops from here, cost " << int64_t(stage.cost)
           << ", activations in " << stage.bytesIn << " bytes, out "
           << stage.bytesOut << " bytes, weights " << stage.weightBytes
           << " bytes";
  }
  function->setAttr(DistDialect::kStageCostsAttrName,
                    ArrayAttr::get(context, summary));
  return success();
}

struct PipelineStagesPass
    : mlir::tessera::impl::PipelineStagesPassBase<PipelineStagesPass> {
  using PipelineStagesPassBase::PipelineStagesPassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto mesh = module->getAttrOfType<MeshAttr>(DistDialect::kMeshAttrName);
    int64_t devices = mesh ? mesh.getAxisSize(axis) : 1;
    if (devices <= 1)
      return;
    if (virtualStages < 1) {
      module.emitError("virtual-stages must be positive");
      return signalPassFailure();
    }
    for (auto function : module.getOps<func::FuncOp>()) {
      if (function.isDeclaration())
        continue;
      StageCutter cutter(function, devices * virtualStages, transferCost,
                         memoryLimit);
      if (failed(cutter.run()))
        return signalPassFailure();
    }
  }
};

} // namespace
