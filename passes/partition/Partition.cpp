//===- Partition.cpp - SPMD partitioning over sharding rules ---------------===//
//
// Part of Tessera. See Passes.td and docs/design/0003-distribution.md.
//
// Every value of the function has a sharding (what propagation decided, or
// replicated). Ops are rewritten in order onto local values: each global
// value maps to the local block this device holds and the sharding that
// block is of. Nothing here knows an op by name except the two whose
// attributes hold sizes of sharded dimensions (slice limits, conv groups)
// and the vocab-parallel gather; everything else goes through the sharding
// rule.
//
//===----------------------------------------------------------------------===//

#include "dialects/dist/DistOps.h"
#include "dialects/interfaces/ShardingRule.h"
#include "dialects/interfaces/ShardingRuleOpInterface.h"
#include "dialects/tessera/TesseraOps.h"
#include "passes/partition/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Verifier.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_PARTITIONPASS
#include "passes/partition/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::dist;

namespace {

using Axes = SmallVector<StringAttr>;

/// Tags every op the partitioner creates for an op of a pipeline stage
/// with that stage, so that rank specialization puts them on it.
struct StageTagger : OpBuilder::Listener {
  void notifyOperationInserted(Operation *op,
                               OpBuilder::InsertPoint) override {
    if (stage && !isa<ConstantOp>(op))
      op->setAttr(DistDialect::kStageAttrName, stage);
  }
  IntegerAttr stage;
};

Axes axesOf(ShardingAttr sharding, int64_t dim) {
  return sharding ? sharding.getAxes(dim) : Axes();
}

ShardingAttr makeSharding(MLIRContext *context, ArrayRef<Axes> dims) {
  return ShardingAttr::get(context, SmallVector<SmallVector<StringAttr>>(
                                        dims.begin(), dims.end()));
}

/// A local value and the sharding of the global value it is a block of.
struct Local {
  Value value;
  ShardingAttr sharding;
};

class Partitioner {
public:
  Partitioner(func::FuncOp function, MeshAttr mesh)
      : function(function), mesh(mesh), context(function.getContext()),
        builder(context) {
    builder.setListener(&tagger);
  }

  LogicalResult run();

private:
  /// The sharding `value` was given (replicated when none).
  ShardingAttr declaredSharding(Value value);
  ShardingAttr replicated(Type type) {
    return ShardingAttr::getReplicated(
        context, cast<RankedTensorType>(type).getRank());
  }
  RankedTensorType localType(RankedTensorType global, ShardingAttr sharding) {
    return RankedTensorType::get(sharding.getLocalShape(global.getShape(), mesh),
                                 global.getElementType());
  }

  /// Moves `local` (a block of a value of type `global` under its
  /// sharding) to the block under `target`.
  FailureOr<Value> reshard(Location loc, Local local, RankedTensorType global,
                           ShardingAttr target);

  LogicalResult partition(Operation *op);
  LogicalResult partitionByRule(Operation *op, ShardingRule &rule);
  LogicalResult partitionReplicated(Operation *op);
  LogicalResult partitionVocabGather(GatherOp op);
  /// Combines partial results over `axes` as the rule says.
  Value combinePartial(Location loc, Value partial, ArrayRef<StringAttr> axes,
                       PartialReduction kind);

  /// Assigns the axes of one dimension to its factors, major to minor.
  /// Fails when the axes cannot be expressed as whole blocks of the factors.
  static LogicalResult assignAxes(ArrayRef<StringAttr> axes,
                                  ArrayRef<int64_t> factors,
                                  const ShardingRule &rule, MeshAttr mesh,
                                  SmallVectorImpl<Axes> &factorAxes);

  func::FuncOp function;
  MeshAttr mesh;
  MLIRContext *context;
  OpBuilder builder;
  StageTagger tagger;
  DenseMap<Value, Local> locals;
};

ShardingAttr Partitioner::declaredSharding(Value value) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type)
    return {};
  if (auto arg = dyn_cast<BlockArgument>(value)) {
    if (auto sharding = function.getArgAttrOfType<ShardingAttr>(
            arg.getArgNumber(), DistDialect::kShardingAttrName))
      return sharding;
    return replicated(type);
  }
  Operation *op = value.getDefiningOp();
  if (auto shard = dyn_cast<ShardOp>(op))
    return shard.getSharding();
  if (auto shardings =
          op->getAttrOfType<ArrayAttr>(DistDialect::kShardingsAttrName))
    if (auto sharding = dyn_cast<ShardingAttr>(
            shardings[cast<OpResult>(value).getResultNumber()]))
      return sharding;
  return replicated(type);
}

FailureOr<Value> Partitioner::reshard(Location loc, Local local,
                                      RankedTensorType global,
                                      ShardingAttr target) {
  if (local.sharding == target)
    return local.value;
  std::string problem = target.check(global, mesh);
  if (!problem.empty())
    return emitError(loc) << "cannot split " << global << " as " << target
                          << ": " << problem;
  int64_t rank = global.getRank();
  SmallVector<Axes> current, wanted;
  for (int64_t d = 0; d < rank; ++d) {
    current.push_back(axesOf(local.sharding, d));
    wanted.push_back(axesOf(target, d));
  }
  auto commonPrefix = [&](int64_t d) {
    size_t n = 0;
    while (n < current[d].size() && n < wanted[d].size() &&
           current[d][n] == wanted[d][n])
      ++n;
    return n;
  };
  Value value = local.value;
  auto typeNow = [&]() { return cast<RankedTensorType>(value.getType()); };

  // One axis moving from one dimension to another: an all_to_all.
  for (int64_t from = 0; from < rank; ++from) {
    size_t keepFrom = commonPrefix(from);
    if (current[from].size() != keepFrom + 1 || wanted[from].size() != keepFrom)
      continue;
    StringAttr axis = current[from].back();
    for (int64_t to = 0; to < rank; ++to) {
      if (to == from)
        continue;
      size_t keepTo = commonPrefix(to);
      if (keepTo != current[to].size() || wanted[to].size() != keepTo + 1 ||
          wanted[to].back() != axis)
        continue;
      int64_t n = mesh.getAxisSize(axis.getValue());
      SmallVector<int64_t> shape(typeNow().getShape());
      if (shape[to] % n != 0)
        continue;
      shape[to] /= n;
      shape[from] *= n;
      value = AllToAllOp::create(
          builder, loc,
          RankedTensorType::get(shape, typeNow().getElementType()), value,
          builder.getStrArrayAttr({axis.getValue()}),
          builder.getI64IntegerAttr(to), builder.getI64IntegerAttr(from));
      current[from].pop_back();
      current[to].push_back(axis);
    }
  }

  // Axes to remove: gather them.
  for (int64_t d = 0; d < rank; ++d) {
    size_t keep = commonPrefix(d);
    if (keep == current[d].size())
      continue;
    ArrayRef<StringAttr> gathered = ArrayRef(current[d]).drop_front(keep);
    SmallVector<StringRef> names;
    for (StringAttr axis : gathered)
      names.push_back(axis.getValue());
    SmallVector<int64_t> shape(typeNow().getShape());
    shape[d] *= mesh.getGroupSize(gathered);
    value = AllGatherOp::create(
        builder, loc, RankedTensorType::get(shape, typeNow().getElementType()),
        value, builder.getStrArrayAttr(names), builder.getI64IntegerAttr(d));
    current[d].resize(keep);
  }

  // Axes to add: take this device's block, no communication.
  SmallVector<Axes> added(rank);
  bool adds = false;
  for (int64_t d = 0; d < rank; ++d) {
    for (size_t i = current[d].size(); i < wanted[d].size(); ++i)
      added[d].push_back(wanted[d][i]);
    adds |= !added[d].empty();
  }
  if (adds) {
    ShardingAttr block = makeSharding(context, added);
    RankedTensorType now = typeNow();
    RankedTensorType type = RankedTensorType::get(
        block.getLocalShape(now.getShape(), mesh), now.getElementType());
    value = LocalShardOp::create(builder, loc, type, value, block);
  }
  return value;
}

LogicalResult Partitioner::assignAxes(ArrayRef<StringAttr> axes,
                                      ArrayRef<int64_t> factors,
                                      const ShardingRule &rule, MeshAttr mesh,
                                      SmallVectorImpl<Axes> &factorAxes) {
  size_t next = 0;
  for (int64_t factor : factors) {
    int64_t left = rule.getFactorSize(factor);
    while (next < axes.size()) {
      int64_t size = mesh.getAxisSize(axes[next].getValue());
      if (left % size != 0)
        break;
      factorAxes[factor].push_back(axes[next++]);
      left /= size;
    }
    // Axes left over may shard a more minor factor only once this one is
    // split completely.
    if (next < axes.size() && left != 1)
      return failure();
  }
  return success(next == axes.size());
}

Value Partitioner::combinePartial(Location loc, Value partial,
                                  ArrayRef<StringAttr> axes,
                                  PartialReduction kind) {
  SmallVector<StringRef> names;
  for (StringAttr axis : axes)
    names.push_back(axis.getValue());
  ReduceKind reduce = kind == PartialReduction::Max   ? ReduceKind::Max
                      : kind == PartialReduction::Min ? ReduceKind::Min
                                                      : ReduceKind::Sum;
  Value reduced = AllReduceOp::create(builder, loc, partial,
                                      builder.getStrArrayAttr(names), reduce);
  if (kind != PartialReduction::Mean)
    return reduced;
  // The mean of equal-sized parts: the sum of their means over their count.
  auto type = cast<RankedTensorType>(partial.getType());
  auto scalarType = RankedTensorType::get({}, type.getElementType());
  double parts = double(mesh.getGroupSize(axes));
  Attribute inverse =
      isa<FloatType>(type.getElementType())
          ? Attribute(FloatAttr::get(type.getElementType(), 1.0 / parts))
          : Attribute();
  if (!inverse) {
    Value count = ConstantOp::create(
        builder, loc,
        DenseElementsAttr::get(
            scalarType, IntegerAttr::get(type.getElementType(),
                                         int64_t(parts))));
    return DivOp::create(builder, loc, reduced, count);
  }
  Value scale = ConstantOp::create(
      builder, loc, DenseElementsAttr::get(scalarType, inverse));
  return MulOp::create(builder, loc, reduced, scale);
}

LogicalResult Partitioner::partitionReplicated(Operation *op) {
  builder.setInsertionPoint(op);
  SmallVector<Value> operands;
  for (Value operand : op->getOperands()) {
    auto type = dyn_cast<RankedTensorType>(operand.getType());
    Local local = locals.lookup(operand);
    if (!type || !local.value) {
      operands.push_back(local.value ? local.value : operand);
      continue;
    }
    FailureOr<Value> whole =
        reshard(op->getLoc(), local, type, replicated(type));
    if (failed(whole))
      return failure();
    operands.push_back(*whole);
  }
  Operation *clone = builder.clone(*op);
  clone->setOperands(operands);
  clone->removeAttr(DistDialect::kShardingsAttrName);
  for (auto [result, global] :
       llvm::zip_equal(clone->getResults(), op->getResults())) {
    auto type = dyn_cast<RankedTensorType>(global.getType());
    if (!type) {
      locals[global] = {result, {}};
      continue;
    }
    ShardingAttr target = declaredSharding(global);
    FailureOr<Value> block =
        reshard(op->getLoc(), {result, replicated(type)}, type, target);
    if (failed(block))
      return failure();
    locals[global] = {*block, target};
  }
  return success();
}

LogicalResult Partitioner::partitionVocabGather(GatherOp op) {
  // Each device holds rows [first, first + rows) of the table: look those
  // up, zero the others, and sum over the devices.
  Location loc = op.getLoc();
  Local data = locals.lookup(op.getData());
  Local indices = locals.lookup(op.getIndices());
  RankedTensorType indicesType = op.getIndices().getType();
  Axes rowAxes = data.sharding.getAxes(0);
  // Everything but the rows whole, indices whole.
  SmallVector<Axes> dataDims(op.getData().getType().getRank());
  dataDims[0] = rowAxes;
  FailureOr<Value> table = reshard(loc, data, op.getData().getType(),
                                   makeSharding(context, dataDims));
  // The indices keep their split (a batch over dp stays split), less any
  // axis that splits the table's rows.
  SmallVector<Axes> idDims;
  for (int64_t d = 0; d < indicesType.getRank(); ++d) {
    Axes axes;
    for (StringAttr axis : axesOf(indices.sharding, d))
      if (!llvm::is_contained(rowAxes, axis))
        axes.push_back(axis);
    idDims.push_back(axes);
  }
  ShardingAttr idSharding = makeSharding(context, idDims);
  FailureOr<Value> ids = reshard(loc, indices, indicesType, idSharding);
  if (failed(table) || failed(ids))
    return failure();
  auto localIds = cast<RankedTensorType>(ids->getType());
  int64_t rows = cast<RankedTensorType>(table->getType()).getDimSize(0);
  Type indexType = indicesType.getElementType();
  auto scalar = RankedTensorType::get({}, indexType);
  SmallVector<StringRef> names;
  for (StringAttr axis : rowAxes)
    names.push_back(axis.getValue());
  Value position = AxisIndexOp::create(
      builder, loc, RankedTensorType::get({}, builder.getI64Type()),
      builder.getStrArrayAttr(names));
  if (indexType != builder.getI64Type())
    position = CastOp::create(builder, loc, scalar, position);
  auto constant = [&](int64_t v) -> Value {
    return ConstantOp::create(
        builder, loc,
        DenseElementsAttr::get(scalar, IntegerAttr::get(indexType, v)));
  };
  Value first = MulOp::create(builder, loc, position, constant(rows));
  Value local = SubOp::create(builder, loc, *ids, first);
  Value zero = constant(0);
  Value inside = LogicalAndOp::create(
      builder, loc,
      CompareOp::create(builder, loc, CompareDirection::GE, local, zero),
      CompareOp::create(builder, loc, CompareDirection::LT, local,
                        constant(rows)));
  Value safe = WhereOp::create(builder, loc, inside, local, zero);
  Value rowsFound = GatherOp::create(builder, loc, *table, safe, 0);
  // The mask, with a unit dimension for each dimension of a row.
  auto found = cast<RankedTensorType>(rowsFound.getType());
  SmallVector<int64_t> maskShape(localIds.getShape());
  maskShape.append(found.getRank() - localIds.getRank(), 1);
  Value mask = ReshapeOp::create(
      builder, loc, RankedTensorType::get(maskShape, builder.getI1Type()),
      inside);
  Value zeroRow = ConstantOp::create(
      builder, loc,
      DenseElementsAttr::get(RankedTensorType::get({}, found.getElementType()),
                             builder.getZeroAttr(found.getElementType())));
  Value masked = WhereOp::create(builder, loc, mask, rowsFound, zeroRow);
  Value summed = combinePartial(loc, masked, rowAxes, PartialReduction::Sum);
  // Split as the indices are, whole along the rows' own dimensions.
  SmallVector<Axes> resultDims(idDims);
  resultDims.append(op.getType().getRank() - indicesType.getRank(), Axes());
  ShardingAttr target = declaredSharding(op.getResult());
  FailureOr<Value> result =
      reshard(loc, {summed, makeSharding(context, resultDims)}, op.getType(),
              target);
  if (failed(result))
    return failure();
  locals[op.getResult()] = {*result, target};
  return success();
}

LogicalResult Partitioner::partitionByRule(Operation *op, ShardingRule &rule) {
  // Factor axes from the results' shardings.
  SmallVector<Axes> factorAxes(rule.getNumFactors());
  SmallVector<ShardingAttr> resultShardings;
  for (auto [i, result] : llvm::enumerate(op->getResults())) {
    ShardingAttr sharding = declaredSharding(result);
    resultShardings.push_back(sharding);
    SmallVector<Axes> fromThis(rule.getNumFactors());
    for (auto [d, factors] : llvm::enumerate(rule.getResultFactors()[i]))
      if (failed(assignAxes(axesOf(sharding, d), factors, rule, mesh,
                            fromThis)))
        return partitionReplicated(op);
    for (int64_t f = 0; f < rule.getNumFactors(); ++f) {
      if (fromThis[f].empty())
        continue;
      if (!factorAxes[f].empty() && factorAxes[f] != fromThis[f])
        return partitionReplicated(op);
      factorAxes[f] = fromThis[f];
    }
  }
  // Reduction factors (absent from the results): from the operands, the
  // first that splits them; the others are narrowed to match, for free.
  // Not a gather's: its local computation is the masked lookup of
  // partitionVocabGather, not the op itself on a block of the table.
  llvm::SmallDenseSet<StringAttr> used;
  for (const Axes &axes : factorAxes)
    used.insert(axes.begin(), axes.end());
  for (auto [i, operand] : llvm::enumerate(op->getOperands())) {
    if (isa<GatherOp>(op))
      break;
    Local local = locals.lookup(operand);
    if (!local.sharding)
      continue;
    SmallVector<Axes> fromThis(rule.getNumFactors());
    bool mapped = true;
    for (auto [d, factors] : llvm::enumerate(rule.getOperandFactors()[i]))
      mapped &= succeeded(assignAxes(axesOf(local.sharding, d), factors, rule,
                                     mesh, fromThis));
    if (!mapped)
      continue;
    for (int64_t f = 0; f < rule.getNumFactors(); ++f) {
      if (rule.getFactorKind(f) != FactorKind::Reduction ||
          !factorAxes[f].empty() || fromThis[f].empty())
        continue;
      if (llvm::any_of(fromThis[f], [&](StringAttr a) { return used.count(a); }))
        continue;
      factorAxes[f] = fromThis[f];
      used.insert(fromThis[f].begin(), fromThis[f].end());
    }
  }
  for (int64_t f = 0; f < rule.getNumFactors(); ++f)
    if (rule.getFactorKind(f) == FactorKind::NeedReplication &&
        !factorAxes[f].empty())
      return partitionReplicated(op);
  // An axis may split one factor only.
  llvm::SmallDenseSet<StringAttr> seen;
  for (const Axes &axes : factorAxes)
    for (StringAttr axis : axes)
      if (!seen.insert(axis).second)
        return partitionReplicated(op);

  // Operands, resharded to what the factors say.
  builder.setInsertionPoint(op);
  SmallVector<Value> operands;
  for (auto [i, operand] : llvm::enumerate(op->getOperands())) {
    auto type = dyn_cast<RankedTensorType>(operand.getType());
    Local local = locals.lookup(operand);
    if (!type || !local.value) {
      operands.push_back(local.value ? local.value : operand);
      continue;
    }
    SmallVector<Axes> dims;
    for (const ShardingRule::DimFactors &factors : rule.getOperandFactors()[i]) {
      Axes axes;
      for (int64_t f : factors)
        llvm::append_range(axes, factorAxes[f]);
      dims.push_back(axes);
    }
    ShardingAttr wanted = makeSharding(context, dims);
    if (!wanted.check(type, mesh).empty())
      return partitionReplicated(op);
    FailureOr<Value> value = reshard(op->getLoc(), local, type, wanted);
    if (failed(value))
      return failure();
    operands.push_back(*value);
  }

  // The op on local shapes.
  SmallVector<Type> resultTypes;
  for (auto [result, sharding] :
       llvm::zip_equal(op->getResults(), resultShardings)) {
    auto type = dyn_cast<RankedTensorType>(result.getType());
    resultTypes.push_back(type ? localType(type, sharding) : result.getType());
  }
  OperationState state(op->getLoc(), op->getName());
  state.addOperands(operands);
  state.addTypes(resultTypes);
  for (NamedAttribute attr : op->getAttrs())
    if (attr.getName() != DistDialect::kShardingsAttrName)
      state.addAttribute(attr.getName(), attr.getValue());
  // Attributes that hold sizes of split dimensions.
  if (auto slice = dyn_cast<SliceOp>(op)) {
    SmallVector<int64_t> limits(slice.getLimits());
    auto local = cast<RankedTensorType>(operands[0].getType());
    for (auto [d, limit] : llvm::enumerate(limits))
      if (limit == slice.getInput().getType().getDimSize(d) &&
          slice.getStarts()[d] == 0 && slice.getSteps()[d] == 1)
        limit = local.getDimSize(d);
    state.attributes.set(slice.getLimitsAttrName(),
                         builder.getDenseI64ArrayAttr(limits));
  }
  if (auto conv = dyn_cast<Conv2dOp>(op)) {
    int64_t groups = conv.getGroups();
    int64_t channels = conv.getInput().getType().getDimSize(1);
    int64_t localChannels =
        cast<RankedTensorType>(operands[0].getType()).getDimSize(1);
    if (groups > 1)
      state.attributes.set(conv.getGroupsAttrName(),
                           builder.getI64IntegerAttr(groups * localChannels /
                                                     channels));
  }
  Operation *localOp = builder.create(state);

  // Partial results.
  Axes reduced;
  for (int64_t f = 0; f < rule.getNumFactors(); ++f)
    if (rule.getFactorKind(f) == FactorKind::Reduction)
      llvm::append_range(reduced, factorAxes[f]);
  for (auto [result, global, sharding] :
       llvm::zip_equal(localOp->getResults(), op->getResults(),
                       resultShardings)) {
    Value value = result;
    if (!reduced.empty() && isa<RankedTensorType>(value.getType()))
      value = combinePartial(op->getLoc(), value, reduced,
                             rule.getPartialReduction());
    locals[global] = {value, sharding};
  }
  return success();
}

LogicalResult Partitioner::partition(Operation *op) {
  builder.setInsertionPoint(op);
  if (auto shard = dyn_cast<ShardOp>(op)) {
    // A reshard for the function's outputs is named after the output.
    Location loc = op->getLoc();
    for (OpOperand &use : shard->getUses())
      if (isa<func::ReturnOp>(use.getOwner())) {
        unsigned i = use.getOperandNumber();
        auto name = function.getResultAttrOfType<StringAttr>(i, "tessera.name");
        loc = NameLoc::get(
            builder.getStringAttr("output '" +
                                  (name ? name.str() : std::to_string(i)) +
                                  "'"),
            loc);
        break;
      }
    FailureOr<Value> value = reshard(loc, locals.lookup(shard.getInput()),
                                     shard.getType(), shard.getSharding());
    if (failed(value))
      return failure();
    locals[shard.getResult()] = {*value, shard.getSharding()};
    return success();
  }
  if (auto constant = dyn_cast<ConstantOp>(op)) {
    // The whole constant; rank specialization cuts the blocks.
    Operation *clone = builder.clone(*op);
    clone->removeAttr(DistDialect::kShardingsAttrName);
    FailureOr<Value> block =
        reshard(op->getLoc(), {clone->getResult(0), replicated(constant.getType())},
                constant.getType(), declaredSharding(constant.getResult()));
    if (failed(block))
      return failure();
    locals[constant.getResult()] = {*block,
                                    declaredSharding(constant.getResult())};
    return success();
  }
  if (auto gather = dyn_cast<GatherOp>(op)) {
    Local data = locals.lookup(gather.getData());
    if (gather.getAxis() == 0 && data.sharding &&
        !data.sharding.getAxes(0).empty())
      return partitionVocabGather(gather);
  }
  if (auto ruled = dyn_cast<ShardingRuleOpInterface>(op)) {
    ShardingRule rule = ruled.getShardingRule();
    return partitionByRule(op, rule);
  }
  return partitionReplicated(op);
}

LogicalResult Partitioner::run() {
  Block &body = function.getBody().front();
  // The original ops, before any local op is added.
  SmallVector<Operation *> ops;
  for (Operation &op : body.without_terminator())
    ops.push_back(&op);
  builder.setInsertionPointToStart(&body);
  // Arguments: every rank has the whole input and keeps its block.
  for (BlockArgument arg : body.getArguments()) {
    auto type = dyn_cast<RankedTensorType>(arg.getType());
    if (!type) {
      locals[arg] = {arg, {}};
      continue;
    }
    ShardingAttr sharding = declaredSharding(arg);
    FailureOr<Value> block =
        reshard(function.getLoc(), {arg, replicated(type)}, type, sharding);
    if (failed(block))
      return failure();
    locals[arg] = {*block, sharding};
  }

  for (Operation *op : ops) {
    tagger.stage = op->getAttrOfType<IntegerAttr>(DistDialect::kStageAttrName);
    if (failed(partition(op)))
      return failure();
  }

  // Results: as their sharding says, replicated by default.
  auto ret = cast<func::ReturnOp>(body.getTerminator());
  builder.setInsertionPoint(ret);
  SmallVector<Value> results;
  for (auto [i, operand] : llvm::enumerate(ret.getOperands())) {
    auto type = dyn_cast<RankedTensorType>(operand.getType());
    Local local = locals.lookup(operand);
    if (!type) {
      results.push_back(local.value);
      continue;
    }
    ShardingAttr target = function.getResultAttrOfType<ShardingAttr>(
        i, DistDialect::kShardingAttrName);
    if (!target)
      target = replicated(type);
    // Named after the output, for reports and errors.
    auto name = function.getResultAttrOfType<StringAttr>(i, "tessera.name");
    Location loc = NameLoc::get(
        builder.getStringAttr("output '" +
                              (name ? name.str() : std::to_string(i)) + "'"),
        ret.getLoc());
    // On the stage that computes the output.
    Operation *producer = operand.getDefiningOp();
    tagger.stage = producer ? producer->getAttrOfType<IntegerAttr>(
                                  DistDialect::kStageAttrName)
                            : IntegerAttr();
    FailureOr<Value> value = reshard(loc, local, type, target);
    if (failed(value))
      return failure();
    results.push_back(*value);
  }
  ret->setOperands(results);
  for (Operation *op : llvm::reverse(ops)) {
    op->dropAllUses();
    op->erase();
  }
  function.setType(FunctionType::get(context, body.getArgumentTypes(),
                                     ValueRange(results).getTypes()));
  for (unsigned i = 0; i < function.getNumArguments(); ++i)
    function.removeArgAttr(i, DistDialect::kShardingAttrName);
  for (unsigned i = 0; i < function.getNumResults(); ++i)
    function.removeResultAttr(
        i, StringAttr::get(context, DistDialect::kShardingAttrName));
  return verify(function);
}

struct PartitionPass
    : mlir::tessera::impl::PartitionPassBase<PartitionPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    MeshAttr mesh =
        module->getAttrOfType<MeshAttr>(DistDialect::kMeshAttrName);
    if (!mesh || mesh.getNumDevices() == 1) {
      // One device: annotations say nothing; drop them.
      module.walk([](Operation *op) {
        op->removeAttr(DistDialect::kShardingsAttrName);
        if (auto shard = dyn_cast<ShardOp>(op)) {
          shard.replaceAllUsesWith(shard.getInput());
          shard.erase();
        }
      });
      return;
    }
    for (auto function : module.getOps<func::FuncOp>()) {
      if (function.isDeclaration())
        continue;
      Partitioner partitioner(function, mesh);
      if (failed(partitioner.run()))
        return signalPassFailure();
    }
  }
};

} // namespace
