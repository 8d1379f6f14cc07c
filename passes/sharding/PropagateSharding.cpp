//===- PropagateSharding.cpp - Every value gets a sharding ----------------===//
//
// Part of Tessera. See Passes.td and docs/sharding.md.
//
// Written once against ShardingRuleOpInterface. Two phases per function:
//
// 1. Propagation to a fixed point. Every tensor value has a state: the axes
//    of each dimension, and whether it is fixed (a dist.shard result, an
//    argument with dist.sharding). At each op the tensors' axes are
//    projected onto the factors of its rule, each factor takes the
//    candidate that costs least to agree on (see combine), and the factor
//    axes are projected back. A value that is not fixed takes the new
//    sharding only when it refines its own (every dimension keeps its axes
//    and may add more), so the process is monotone and ends. Forward and
//    backward walks alternate until nothing changes.
//
// 2. Materialization, in program order. Each op's factor axes are computed
//    once more from its operands' final shardings and its results' states;
//    the results take their projection (written to dist.shardings) and an
//    operand whose sharding differs from what the op needs is resharded by
//    a dist.shard just before the op. So after the pass, the shardings of
//    every op's operands and results are one assignment of axes to the
//    factors of its rule -- the contract partitioning relies on -- and
//    dist.shard ops are the only places where data moves between layouts.
//
//===----------------------------------------------------------------------===//

#include "dialects/dist/DistOps.h"
#include "dialects/interfaces/CostModel.h"
#include "dialects/interfaces/ShardingRuleOpInterface.h"
#include "passes/sharding/Passes.h"
#include "passes/sharding/ShardingUtils.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_PROPAGATESHARDINGPASS
#include "passes/sharding/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::dist;

namespace {

/// A tensor's sharding during propagation.
struct State {
  SmallVector<AxisList, 4> dims;
  /// Annotated: never changes.
  bool fixed = false;
};

bool isPrefix(ArrayRef<StringAttr> prefix, ArrayRef<StringAttr> axes) {
  return prefix.size() <= axes.size() &&
         llvm::equal(prefix, axes.take_front(prefix.size()));
}

/// Whether `to` keeps every axis of `from` in place, possibly adding more:
/// reaching it takes no communication (a local slice at most).
bool refines(ArrayRef<AxisList> from, ArrayRef<AxisList> to) {
  if (from.size() != to.size())
    return false;
  for (auto [a, b] : llvm::zip_equal(from, to))
    if (!isPrefix(a, b))
      return false;
  return true;
}

/// One operand or result of the op being combined.
struct TensorView {
  Value value;
  /// The operand; null for a result.
  OpOperand *use;
  ArrayRef<ShardingRule::DimFactors> factors;
  SmallVector<AxisList, 4> dims;
  int64_t bytes;
  bool fixed;
};

class Propagator {
public:
  Propagator(func::FuncOp function, MeshAttr mesh)
      : function(function), mesh(mesh), context(function.getContext()) {}

  LogicalResult run();

private:
  int64_t axisSize(StringAttr axis) const {
    return mesh.getAxisSize(axis.getValue());
  }
  int64_t groupSize(ArrayRef<StringAttr> axes) const {
    int64_t size = 1;
    for (StringAttr axis : axes)
      size *= axisSize(axis);
    return size;
  }
  int64_t devices(ArrayRef<AxisList> dims) const {
    int64_t size = 1;
    for (const AxisList &axes : dims)
      size *= groupSize(axes);
    return size;
  }
  /// The bytes a device receives to go from `from` to `to` (at most its
  /// block of the target): none when `to` refines `from`.
  int64_t reshardBytes(Value value, ArrayRef<AxisList> from,
                       ArrayRef<AxisList> to) const {
    if (refines(from, to))
      return 0;
    return getSizeInBytes(value.getType()) / devices(to);
  }

  State *stateOf(Value value) {
    auto found = states.find(value);
    return found == states.end() ? nullptr : &found->second;
  }
  SmallVector<TensorView> getViews(Operation *op, const ShardingRule &rule);
  SmallVector<AxisList> combine(const ShardingRule &rule,
                                ArrayRef<TensorView> tensors,
                                const TensorView *keep = nullptr);
  SmallVector<AxisList, 4> project(const TensorView &tensor,
                                   const ShardingRule &rule,
                                   ArrayRef<AxisList> factorAxes) const {
    SmallVector<AxisList, 4> dims;
    for (const ShardingRule::DimFactors &factors : tensor.factors)
      dims.push_back(getDimAxesOfFactors(factors, factorAxes, rule, mesh));
    return dims;
  }

  LogicalResult initialize();
  bool propagate(Operation *op);
  LogicalResult materialize(Operation *op);
  /// Makes `use` read `value` resharded to `to`; records the decision.
  void reshard(OpOperand &use, ArrayRef<AxisList> to, int64_t alternative,
               StringRef reason);

  ShardingAttr toAttr(ArrayRef<AxisList> dims) {
    return makeSharding(context, SmallVector<AxisList>(dims));
  }

  func::FuncOp function;
  MeshAttr mesh;
  MLIRContext *context;
  DenseMap<Value, State> states;
  SmallVector<Attribute> decisions;
  /// Reshards made in materialization, reused by later uses.
  DenseMap<std::pair<Value, Attribute>, Value> reshards;
};

SmallVector<TensorView> Propagator::getViews(Operation *op,
                                             const ShardingRule &rule) {
  SmallVector<TensorView> views;
  auto add = [&](Value value, OpOperand *use,
                 ArrayRef<ShardingRule::DimFactors> factors) {
    State *state = stateOf(value);
    if (!state)
      return;
    views.push_back({value, use, factors, state->dims,
                     getSizeInBytes(value.getType()), state->fixed});
  };
  for (auto [use, factors] :
       llvm::zip_equal(op->getOpOperands(), rule.getOperandFactors()))
    add(use.get(), &use, factors);
  for (auto [result, factors] :
       llvm::zip_equal(op->getResults(), rule.getResultFactors()))
    add(result, nullptr, factors);
  return views;
}

/// The axes of each factor. For each factor, every tensor that has it
/// proposes the axes its sharding gives the factor; the proposal kept is the
/// one that costs least: a tensor whose axes are a prefix of it only
/// refines (no communication), any other must be resharded, which costs its
/// bytes over the target's devices. Ties go to an annotation's proposal,
/// then to the longer one (more parallel), then to the first tensor's.
/// Need-replication factors get no axes. An axis may split one factor only:
/// factors are settled annotations first, then in order of what leaving
/// them whole would move, and a later one stops before an axis taken.
/// Finally a factor that follows one not split whole in some dimension gets
/// no axes, so that every tensor can express the assignment.
SmallVector<AxisList> Propagator::combine(const ShardingRule &rule,
                                          ArrayRef<TensorView> tensors,
                                          const TensorView *keep) {
  int64_t numFactors = rule.getNumFactors();
  // What each tensor says about each factor.
  SmallVector<SmallVector<AxisList>> proposals;
  SmallVector<SmallVector<bool>> hasFactor;
  for (const TensorView &tensor : tensors) {
    SmallVector<AxisList> axes(numFactors);
    SmallVector<bool> has(numFactors, false);
    for (auto [d, factors] : llvm::enumerate(tensor.factors)) {
      projectDimOntoFactors(tensor.dims[d], factors, rule, mesh, axes);
      for (int64_t f : factors)
        has[f] = true;
    }
    proposals.push_back(std::move(axes));
    hasFactor.push_back(std::move(has));
  }

  SmallVector<AxisList> chosen(numFactors);
  SmallVector<int64_t> saved(numFactors, 0);
  SmallVector<bool> fromFixed(numFactors, false);
  for (int64_t f = 0; f < numFactors; ++f) {
    if (rule.getFactorKind(f) == FactorKind::NeedReplication)
      continue;
    auto cost = [&](ArrayRef<StringAttr> candidate) {
      int64_t total = 0;
      for (auto [t, tensor] : llvm::enumerate(tensors))
        if (hasFactor[t][f] && !isPrefix(proposals[t][f], candidate))
          total += tensor.bytes / std::max<int64_t>(1, groupSize(candidate));
      return total;
    };
    std::optional<AxisList> best;
    int64_t bestCost = 0;
    bool bestFixed = false;
    for (auto [t, tensor] : llvm::enumerate(tensors)) {
      if (!hasFactor[t][f])
        continue;
      const AxisList &candidate = proposals[t][f];
      int64_t c = cost(candidate);
      // Cheaper, else what an annotation says, else more parallel.
      auto rank = [](int64_t c, bool fixed, size_t length) {
        return std::make_tuple(-c, fixed, length);
      };
      if (!best || rank(c, tensor.fixed, candidate.size()) >
                       rank(bestCost, bestFixed, best->size())) {
        best = candidate;
        bestCost = c;
        bestFixed = tensor.fixed;
      }
    }
    if (best) {
      chosen[f] = *best;
      // What losing its axes would cost: the bytes moved to leave the
      // factor whole, over those of the choice.
      saved[f] = cost({}) - bestCost + int64_t(best->size());
      fromFixed[f] = bestFixed && !best->empty();
    }
  }
  // `keep`'s sharding imposed on its factors: the other choice, reported
  // with a reshard.
  if (keep) {
    SmallVector<AxisList> own(numFactors);
    for (auto [d, factors] : llvm::enumerate(keep->factors)) {
      projectDimOntoFactors(keep->dims[d], factors, rule, mesh, own);
      for (int64_t f : factors) {
        if (rule.getFactorKind(f) == FactorKind::NeedReplication)
          continue;
        chosen[f] = own[f];
        saved[f] = std::numeric_limits<int64_t>::max();
        fromFixed[f] = true;
      }
    }
  }

  // One factor per axis.
  SmallVector<int64_t> order = llvm::to_vector(llvm::seq<int64_t>(0, numFactors));
  llvm::stable_sort(order, [&](int64_t a, int64_t b) {
    return std::make_pair(fromFixed[a], saved[a]) >
           std::make_pair(fromFixed[b], saved[b]);
  });
  llvm::SmallDenseSet<StringAttr> taken;
  for (int64_t f : order) {
    AxisList kept;
    for (StringAttr axis : chosen[f]) {
      if (taken.contains(axis))
        break;
      kept.push_back(axis);
    }
    chosen[f] = kept;
    taken.insert(kept.begin(), kept.end());
  }

  // Expressible by every tensor: in a dimension of several factors, a
  // factor after one not split whole gets nothing.
  auto splitWhole = [&](int64_t f) {
    return groupSize(chosen[f]) == rule.getFactorSize(f);
  };
  for (bool changed = true; changed;) {
    changed = false;
    auto clip = [&](ArrayRef<ShardingRule::TensorFactors> tensorsFactors) {
      for (const ShardingRule::TensorFactors &dims : tensorsFactors)
        for (const ShardingRule::DimFactors &factors : dims)
          for (size_t i = 0; i + 1 < factors.size(); ++i)
            if (!splitWhole(factors[i]))
              for (size_t j = i + 1; j < factors.size(); ++j)
                if (!chosen[factors[j]].empty()) {
                  chosen[factors[j]].clear();
                  changed = true;
                }
    };
    clip(rule.getOperandFactors());
    clip(rule.getResultFactors());
  }
  return chosen;
}

LogicalResult Propagator::initialize() {
  for (BlockArgument arg : function.getArguments()) {
    auto type = dyn_cast<RankedTensorType>(arg.getType());
    if (!type)
      continue;
    State state;
    state.dims.resize(type.getRank());
    if (auto sharding = function.getArgAttrOfType<ShardingAttr>(
            arg.getArgNumber(), DistDialect::kShardingAttrName)) {
      if (failed(checkSharding(function.getLoc(), arg, sharding, mesh,
                               "input annotation")))
        return failure();
      state.dims = getDimAxes(sharding);
      state.fixed = true;
    }
    states[arg] = std::move(state);
  }
  WalkResult walk = function.walk([&](Operation *op) {
    bool known = isa<ShardingRuleOpInterface>(op);
    for (Value result : op->getResults()) {
      auto type = dyn_cast<RankedTensorType>(result.getType());
      if (!type)
        continue;
      State state;
      state.dims.resize(type.getRank());
      if (auto shard = dyn_cast<ShardOp>(op)) {
        if (failed(checkSharding(op->getLoc(), shard.getInput(),
                                 shard.getSharding(), mesh, "annotation")))
          return WalkResult::interrupt();
        state.dims = getDimAxes(shard.getSharding());
        state.fixed = true;
      }
      // An op without a rule computes whole tensors.
      state.fixed |= !known;
      states[result] = std::move(state);
    }
    return WalkResult::advance();
  });
  return failure(walk.wasInterrupted());
}

bool Propagator::propagate(Operation *op) {
  auto ruled = dyn_cast<ShardingRuleOpInterface>(op);
  if (!ruled)
    return false;
  ShardingRule rule = ruled.getShardingRule();
  SmallVector<TensorView> views = getViews(op, rule);
  SmallVector<AxisList> factorAxes = combine(rule, views);
  bool changed = false;
  for (const TensorView &view : views) {
    State *state = stateOf(view.value);
    if (state->fixed)
      continue;
    SmallVector<AxisList, 4> dims = project(view, rule, factorAxes);
    if (dims != state->dims && refines(state->dims, dims)) {
      state->dims = std::move(dims);
      changed = true;
    }
  }
  return changed;
}

void Propagator::reshard(OpOperand &use, ArrayRef<AxisList> to,
                         int64_t alternative, StringRef reason) {
  Value value = use.get();
  ShardingAttr target = toAttr(to);
  auto key = std::make_pair(value, Attribute(target));
  if (Value existing = reshards.lookup(key)) {
    use.set(existing);
    return;
  }
  SmallVector<AxisList, 4> from = stateOf(value)->dims;
  int64_t bytes = reshardBytes(value, from, to);
  Operation *user = use.getOwner();
  OpBuilder builder(user);
  auto shard = ShardOp::create(builder, user->getLoc(), value, target);
  shard->setAttr(DistDialect::kShardingsAttrName,
                 builder.getArrayAttr({target}));
  use.set(shard.getResult());
  reshards[key] = shard.getResult();
  State state;
  state.dims.assign(to.begin(), to.end());
  state.fixed = true;
  states[shard.getResult()] = std::move(state);

  std::string userName = isa<func::ReturnOp>(user)
                             ? std::string("the function's outputs")
                             : describeOp(user);
  InFlightDiagnostic remark = emitRemark(user->getLoc());
  remark << "resharding " << describeValue(value) << " from " << toAttr(from)
         << " to " << target << " for " << userName << " (" << reason
         << "): " << bytes << " bytes";
  if (alternative >= 0)
    remark << "; keeping " << toAttr(from) << " there would move "
           << alternative << " bytes";
  SmallVector<NamedAttribute> fields = {
      builder.getNamedAttr("value",
                           builder.getStringAttr(describeValue(value))),
      builder.getNamedAttr("user", builder.getStringAttr(userName)),
      builder.getNamedAttr("from", toAttr(from)),
      builder.getNamedAttr("to", target),
      builder.getNamedAttr("bytes", builder.getI64IntegerAttr(bytes)),
  };
  if (alternative >= 0)
    fields.push_back(builder.getNamedAttr(
        "alternative_bytes", builder.getI64IntegerAttr(alternative)));
  decisions.push_back(builder.getDictionaryAttr(fields));
}

LogicalResult Propagator::materialize(Operation *op) {
  if (auto shard = dyn_cast<ShardOp>(op)) {
    op->setAttr(DistDialect::kShardingsAttrName,
                ArrayAttr::get(context, {shard.getSharding()}));
    return success();
  }
  auto setResults = [&]() {
    if (op->getNumResults() == 0 ||
        !llvm::all_of(op->getResultTypes(), llvm::IsaPred<RankedTensorType>))
      return;
    SmallVector<Attribute> shardings;
    for (Value result : op->getResults())
      shardings.push_back(toAttr(stateOf(result)->dims));
    op->setAttr(DistDialect::kShardingsAttrName,
                ArrayAttr::get(context, shardings));
  };

  auto ruled = dyn_cast<ShardingRuleOpInterface>(op);
  if (!ruled) {
    // Whole operands in, whole results out.
    for (OpOperand &use : op->getOpOperands()) {
      State *state = stateOf(use.get());
      if (!state)
        continue;
      SmallVector<AxisList, 4> whole(state->dims.size());
      if (state->dims != whole)
        reshard(use, whole, -1,
                isa<func::ReturnOp>(op)
                    ? "outputs are replicated: every device computes them"
                    : "the op has no sharding rule and needs whole tensors");
    }
    setResults();
    return success();
  }

  ShardingRule rule = ruled.getShardingRule();
  SmallVector<TensorView> views = getViews(op, rule);
  SmallVector<AxisList> factorAxes = combine(rule, views);
  // Results: what the factors give.
  for (const TensorView &view : views)
    if (!view.use)
      stateOf(view.value)->dims = project(view, rule, factorAxes);
  setResults();

  // Operands that are not what the factors need.
  for (const TensorView &view : views) {
    if (!view.use)
      continue;
    SmallVector<AxisList, 4> needed = project(view, rule, factorAxes);
    if (needed == view.dims)
      continue;
    bool needsWhole = false, expressible = true;
    SmallVector<AxisList> own(rule.getNumFactors());
    for (auto [d, factors] : llvm::enumerate(view.factors)) {
      for (int64_t f : factors)
        needsWhole |= rule.getFactorKind(f) == FactorKind::NeedReplication &&
                      !view.dims[d].empty() && needed[d].empty();
      expressible &= projectDimOntoFactors(view.dims[d], factors, rule, mesh,
                                           own) == view.dims[d].size();
    }
    // The other choice, when there is one: this operand keeps its sharding
    // and the op follows it; what would its other operands move then?
    int64_t alternative = -1;
    if (!needsWhole && expressible) {
      SmallVector<AxisList> alternativeAxes = combine(rule, views, &view);
      alternative = 0;
      for (const TensorView &other : views)
        if (other.use && &other != &view)
          alternative += reshardBytes(other.value, other.dims,
                                      project(other, rule, alternativeAxes));
    }
    StringRef reason =
        needsWhole      ? "it needs a split dimension whole"
        : !expressible  ? "its sharding does not map onto the op's factors"
        : refines(view.dims, needed)
            ? "the op splits it further: each device slices its block"
            : "the shardings of its operands and results conflict";
    reshard(*view.use, needed, alternative, reason);
  }
  return success();
}

LogicalResult Propagator::run() {
  if (failed(initialize()))
    return failure();
  Block &body = function.getBody().front();
  SmallVector<Operation *> ops;
  for (Operation &op : body)
    ops.push_back(&op);

  // Phase 1: to a fixed point. Each change adds an axis to a value, so the
  // number of rounds is bounded by the number of values times the axes.
  constexpr int kMaxRounds = 1000;
  bool changed = true;
  for (int round = 0; changed && round < kMaxRounds; ++round) {
    changed = false;
    for (Operation *op : ops)
      changed |= propagate(op);
    for (Operation *op : llvm::reverse(ops))
      changed |= propagate(op);
  }

  // Phase 2: in program order, results settle and operands are resharded
  // where their users need another sharding.
  for (Operation *op : ops)
    if (failed(materialize(op)))
      return failure();

  for (BlockArgument arg : function.getArguments())
    if (State *state = stateOf(arg))
      function.setArgAttr(arg.getArgNumber(), DistDialect::kShardingAttrName,
                          toAttr(state->dims));
  for (auto [i, type] : llvm::enumerate(function.getResultTypes()))
    if (auto tensor = dyn_cast<RankedTensorType>(type))
      function.setResultAttr(
          i, DistDialect::kShardingAttrName,
          ShardingAttr::getReplicated(context, tensor.getRank()));
  // Added to what an earlier run decided (running twice loses nothing).
  if (!decisions.empty()) {
    SmallVector<Attribute> all;
    if (auto earlier =
            function->getAttrOfType<ArrayAttr>(kReshardDecisionsAttrName))
      llvm::append_range(all, earlier.getValue());
    llvm::append_range(all, decisions);
    function->setAttr(kReshardDecisionsAttrName, ArrayAttr::get(context, all));
  }
  return success();
}

struct PropagateShardingPass
    : mlir::tessera::impl::PropagateShardingPassBase<PropagateShardingPass> {
  using PropagateShardingPassBase::PropagateShardingPassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<MeshAttr> mesh =
        requireMesh(module, "tessera-propagate-sharding");
    if (failed(mesh))
      return signalPassFailure();
    for (auto function : module.getOps<func::FuncOp>()) {
      if (function.isDeclaration())
        continue;
      if (!function.getBody().hasOneBlock()) {
        function.emitError("tessera-propagate-sharding handles functions of "
                           "one block");
        return signalPassFailure();
      }
      Propagator propagator(function, *mesh);
      if (failed(propagator.run()))
        return signalPassFailure();
    }
  }
};

} // namespace
