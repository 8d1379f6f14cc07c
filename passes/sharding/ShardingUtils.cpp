//===- ShardingUtils.cpp - Helpers of the sharding passes -----------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "passes/sharding/ShardingUtils.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::dist;

//===----------------------------------------------------------------------===//
// Names
//===----------------------------------------------------------------------===//

namespace {

/// The output names of the importer's fused<["name", ...]> location inside
/// `loc`, or null.
ArrayAttr findOutputNames(Location loc) {
  ArrayAttr found;
  loc->walk([&](Location inner) {
    auto fused = dyn_cast<FusedLoc>(inner);
    auto names = fused ? dyn_cast_or_null<ArrayAttr>(fused.getMetadata())
                       : ArrayAttr();
    if (!names || !llvm::all_of(names, llvm::IsaPred<StringAttr>))
      return WalkResult::advance();
    found = names;
    return WalkResult::interrupt();
  });
  return found;
}

/// The first NameLoc inside `loc` whose child is a file location on line
/// `line` (0: an initializer or input; >= 1 when `node`: a node).
StringAttr findName(Location loc, bool node) {
  StringAttr found;
  loc->walk([&](Location inner) {
    auto name = dyn_cast<NameLoc>(inner);
    auto file = name ? dyn_cast<FileLineColLoc>(name.getChildLoc())
                     : FileLineColLoc();
    if (!file || (file.getLine() != 0) != node)
      return WalkResult::advance();
    found = name.getName();
    return WalkResult::interrupt();
  });
  return found;
}

} // namespace

std::string mlir::tessera::getOnnxName(Value value) {
  if (auto arg = dyn_cast<BlockArgument>(value)) {
    auto function = dyn_cast_or_null<FunctionOpInterface>(
        arg.getOwner()->getParentOp());
    if (!function || arg.getOwner() != &function.getFunctionBody().front())
      return "";
    if (auto name = function.getArgAttrOfType<StringAttr>(arg.getArgNumber(),
                                                          "tessera.name"))
      return name.str();
    return "";
  }
  auto result = cast<OpResult>(value);
  Operation *op = result.getOwner();
  // An annotation is the value it annotates.
  if (auto shard = dyn_cast<ShardOp>(op))
    return getOnnxName(shard.getInput());
  if (ArrayAttr names = findOutputNames(op->getLoc())) {
    if (result.getResultNumber() < names.size()) {
      StringRef name =
          cast<StringAttr>(names[result.getResultNumber()]).getValue();
      if (!name.empty())
        return name.str();
    }
  }
  // An initializer: a single-result op named at the model's line 0.
  if (op->getNumResults() == 1)
    if (StringAttr name = findName(op->getLoc(), /*node=*/false))
      return name.str();
  return "";
}

std::string mlir::tessera::getNodeName(Operation *op) {
  StringAttr name = findName(op->getLoc(), /*node=*/true);
  return name ? name.str() : "";
}

std::string mlir::tessera::typeString(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  type.print(os);
  return text;
}

std::string mlir::tessera::describeOp(Operation *op) {
  std::string node = getNodeName(op);
  return "'" + (node.empty() ? op->getName().getStringRef().str() : node) +
         "'";
}

std::string mlir::tessera::describeValue(Value value) {
  std::string name = getOnnxName(value);
  if (!name.empty())
    return "'" + name + "'";
  if (auto arg = dyn_cast<BlockArgument>(value))
    return "argument #" + std::to_string(arg.getArgNumber());
  auto result = cast<OpResult>(value);
  Operation *op = result.getOwner();
  std::string where = describeOp(op);
  if (op->getNumResults() == 1)
    return "the result of " + where;
  return "result #" + std::to_string(result.getResultNumber()) + " of " +
         where;
}

//===----------------------------------------------------------------------===//
// Annotations
//===----------------------------------------------------------------------===//

FailureOr<MeshAttr> mlir::tessera::requireMesh(ModuleOp module, StringRef pass,
                                               ArrayRef<StringRef> axes) {
  auto mesh = module->getAttrOfType<MeshAttr>(DistDialect::kMeshAttrName);
  if (!mesh)
    return emitError(module.getLoc())
           << pass << " needs a device mesh: a dist.mesh attribute on the "
           << "module (tessera-compile --mesh=...)";
  for (StringRef axis : axes)
    if (mesh.getAxisIndex(axis) < 0)
      return emitError(module.getLoc())
             << pass << " needs the mesh axis '" << axis
                                << "', which the mesh " << mesh
                                << " does not have";
  return mesh;
}

LogicalResult mlir::tessera::checkSharding(Location loc, Value value,
                                           ShardingAttr sharding,
                                           MeshAttr mesh, const Twine &what) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type)
    return emitError(loc) << what << ": " << describeValue(value)
                          << " is not a ranked tensor";
  std::string problem = sharding.check(type, mesh);
  if (problem.empty())
    return success();
  return emitError(loc) << what << ": sharding " << sharding
                        << " does not fit " << describeValue(value) << " ("
                        << typeString(type) << "): " << problem;
}

ShardingAttr mlir::tessera::makeSharding(MLIRContext *context,
                                         ArrayRef<AxisList> dims) {
  SmallVector<SmallVector<StringAttr>> axes;
  for (const AxisList &dim : dims)
    axes.emplace_back(dim.begin(), dim.end());
  return ShardingAttr::get(context, axes);
}

SmallVector<AxisList> mlir::tessera::getDimAxes(ShardingAttr sharding) {
  SmallVector<AxisList> dims;
  for (int64_t d = 0; d < sharding.getRank(); ++d) {
    SmallVector<StringAttr> axes = sharding.getAxes(d);
    dims.emplace_back(axes.begin(), axes.end());
  }
  return dims;
}

ShardOp mlir::tessera::annotate(Value value, ShardingAttr sharding,
                                ArrayRef<OpOperand *> uses) {
  OpBuilder builder(value.getContext());
  if (auto arg = dyn_cast<BlockArgument>(value))
    builder.setInsertionPointToStart(arg.getOwner());
  else
    builder.setInsertionPointAfter(value.getDefiningOp());
  SmallVector<OpOperand *> targets(uses.begin(), uses.end());
  if (targets.empty())
    for (OpOperand &use : value.getUses())
      targets.push_back(&use);
  auto shard = ShardOp::create(builder, value.getLoc(), value, sharding);
  for (OpOperand *use : targets)
    use->set(shard.getResult());
  return shard;
}

LogicalResult mlir::tessera::shardInputsAlongBatch(ModuleOp module,
                                                   MeshAttr mesh,
                                                   StringRef axis) {
  MLIRContext *context = module.getContext();
  // Splitting over one device changes nothing (and would only annotate
  // batch dimensions of size 1 that no op can carry the axis through).
  if (mesh.getAxisSize(axis) == 1)
    return success();
  for (auto function : module.getOps<func::FuncOp>()) {
    if (function.isDeclaration())
      continue;
    for (BlockArgument arg : function.getArguments()) {
      auto type = dyn_cast<RankedTensorType>(arg.getType());
      if (!type || type.getRank() == 0 ||
          function.getArgAttr(arg.getArgNumber(),
                              DistDialect::kShardingAttrName))
        continue;
      SmallVector<AxisList> dims(type.getRank());
      dims[0].push_back(StringAttr::get(context, axis));
      ShardingAttr sharding = makeSharding(context, dims);
      std::string problem = sharding.check(type, mesh);
      if (!problem.empty())
        return emitError(function.getLoc())
               << "cannot split the batch of input " << describeValue(arg)
               << " (" << typeString(type) << ") over '" << axis
               << "': " << problem;
      function.setArgAttr(arg.getArgNumber(), DistDialect::kShardingAttrName,
                          sharding);
    }
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Reading what propagation decided
//===----------------------------------------------------------------------===//

ShardingAttr mlir::tessera::getValueSharding(Value value) {
  if (auto arg = dyn_cast<BlockArgument>(value)) {
    auto function = dyn_cast_or_null<FunctionOpInterface>(
        arg.getOwner()->getParentOp());
    if (!function)
      return {};
    return function.getArgAttrOfType<ShardingAttr>(
        arg.getArgNumber(), DistDialect::kShardingAttrName);
  }
  auto result = cast<OpResult>(value);
  Operation *op = result.getOwner();
  if (auto shard = dyn_cast<ShardOp>(op))
    return shard.getSharding();
  auto shardings =
      op->getAttrOfType<ArrayAttr>(DistDialect::kShardingsAttrName);
  if (!shardings || shardings.size() != op->getNumResults())
    return {};
  return dyn_cast<ShardingAttr>(shardings[result.getResultNumber()]);
}

size_t mlir::tessera::projectDimOntoFactors(ArrayRef<StringAttr> axes,
                                            ArrayRef<int64_t> factors,
                                            const ShardingRule &rule,
                                            MeshAttr mesh,
                                            MutableArrayRef<AxisList> factorAxes) {
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
    if (left != 1)
      break;
  }
  return next;
}

AxisList mlir::tessera::getDimAxesOfFactors(ArrayRef<int64_t> factors,
                                            ArrayRef<AxisList> factorAxes,
                                            const ShardingRule &rule,
                                            MeshAttr mesh) {
  AxisList axes;
  for (int64_t factor : factors) {
    llvm::append_range(axes, factorAxes[factor]);
    int64_t split = 1;
    for (StringAttr axis : factorAxes[factor])
      split *= mesh.getAxisSize(axis.getValue());
    if (split != rule.getFactorSize(factor))
      break;
  }
  return axes;
}

FailureOr<SmallVector<AxisList>>
mlir::tessera::getFactorShardings(Operation *op, const ShardingRule &rule,
                                  MeshAttr mesh) {
  SmallVector<AxisList> factorAxes(rule.getNumFactors());
  SmallVector<bool> seen(rule.getNumFactors(), false);
  auto read = [&](Value value,
                  ArrayRef<ShardingRule::DimFactors> dims) -> LogicalResult {
    if (dims.empty())
      return success();
    ShardingAttr sharding = getValueSharding(value);
    if (!sharding || sharding.getRank() != int64_t(dims.size()))
      return failure();
    SmallVector<AxisList> fromThis(rule.getNumFactors());
    for (auto [d, factors] : llvm::enumerate(dims)) {
      SmallVector<StringAttr> axes = sharding.getAxes(d);
      if (projectDimOntoFactors(axes, factors, rule, mesh, fromThis) !=
          axes.size())
        return failure();
    }
    for (auto [d, factors] : llvm::enumerate(dims))
      for (int64_t f : factors) {
        if (seen[f] && factorAxes[f] != fromThis[f])
          return failure();
        seen[f] = true;
        factorAxes[f] = fromThis[f];
      }
    return success();
  };
  for (auto [operand, dims] :
       llvm::zip_equal(op->getOperands(), rule.getOperandFactors()))
    if (failed(read(operand, dims)))
      return failure();
  for (auto [result, dims] :
       llvm::zip_equal(op->getResults(), rule.getResultFactors()))
    if (failed(read(result, dims)))
      return failure();
  return factorAxes;
}
