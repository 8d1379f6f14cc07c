//===- SpecializeRanks.cpp - One function per rank
//-------------------------===//
//
// Part of Tessera. See Passes.td.
//
//===----------------------------------------------------------------------===//

#include "dialects/dist/DistOps.h"
#include "dialects/exec/ExecOps.h"
#include "dialects/tessera/ConstantData.h"
#include "dialects/tessera/TesseraOps.h"
#include "passes/partition/Passes.h"
#include "passes/pipeline/Schedule.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringMap.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_SPECIALIZERANKSPASS
#include "passes/partition/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::dist;

namespace {

/// The name of a constant's block: the constant's name (its resource, or
/// its location) and where the block starts.
std::string blockName(ConstantOp constant, ArrayRef<int64_t> offsets) {
  std::string name;
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(constant.getValue()))
    name = resource.getRawHandle().getKey().str();
  else if (auto loc = dyn_cast<NameLoc>(constant.getLoc()))
    name = loc.getName().str();
  else
    name = "constant";
  name += ".block";
  for (int64_t offset : offsets)
    name += "_" + std::to_string(offset);
  return name;
}

class Specializer {
public:
  Specializer(ModuleOp module, func::FuncOp function, MeshAttr mesh,
              StringRef pipelineAxis, int64_t microbatches, StringRef schedule)
      : module(module), function(function), mesh(mesh),
        pipelineAxis(pipelineAxis), microbatches(microbatches),
        schedule(schedule) {}

  LogicalResult run() {
    OpBuilder builder(module.getContext());
    builder.setInsertionPointAfter(function);
    bool pipelined = mesh.getAxisSize(pipelineAxis) > 1;
    if (!pipelined && microbatches > 1)
      return function.emitError("microbatches need a pipeline: a mesh axis '")
             << pipelineAxis << "' of more than one device";
    if (pipelined && failed(classifyStages()))
      return failure();
    for (int64_t rank = 0; rank < mesh.getNumDevices(); ++rank) {
      func::FuncOp clone;
      if (pipelined) {
        FailureOr<func::FuncOp> made = buildPipelineRank(builder, rank);
        if (failed(made))
          return failure();
        clone = *made;
      } else {
        clone = cast<func::FuncOp>(builder.clone(*function));
      }
      clone.setName(function.getName().str() + "_rank" + std::to_string(rank));
      clone->setAttr(DistDialect::kRankAttrName,
                     builder.getI64IntegerAttr(rank));
      if (failed(specialize(clone, rank)))
        return failure();
    }
    // The signature stays, as a declaration: the whole batch when the
    // function computes one microbatch of it.
    if (microbatches > 1)
      function.setType(FunctionType::get(module.getContext(),
                                         batched(function.getArgumentTypes()),
                                         batched(function.getResultTypes())));
    function.getBody().getBlocks().clear();
    function.setPrivate();
    return success();
  }

private:
  /// `types` with the first dimension `microbatches` times larger.
  SmallVector<Type> batched(TypeRange types) {
    SmallVector<Type> out;
    for (Type type : types) {
      auto tensor = cast<RankedTensorType>(type);
      SmallVector<int64_t> shape(tensor.getShape());
      shape[0] *= microbatches;
      out.push_back(RankedTensorType::get(shape, tensor.getElementType()));
    }
    return out;
  }

  /// The stage of every op: its dist.stage, else that of its latest
  /// operand; -1 for what only constants and inputs feed (computed where
  /// needed). A collective or other side effect is always on a stage.
  LogicalResult classifyStages() {
    Block &body = function.getBody().front();
    for (Operation &op : body.without_terminator()) {
      int64_t stage = -1;
      if (auto attr =
              op.getAttrOfType<IntegerAttr>(DistDialect::kStageAttrName))
        stage = attr.getInt();
      else
        for (Value operand : op.getOperands())
          if (Operation *def = operand.getDefiningOp())
            stage = std::max(stage, stageOf.lookup(def));
      if (stage < 0 && !isMemoryEffectFree(&op))
        stage = 0;
      stageOf[&op] = stage;
      maxStage = std::max(maxStage, stage);
    }
    for (Type type : llvm::concat<const Type>(function.getArgumentTypes(),
                                              function.getResultTypes())) {
      auto tensor = dyn_cast<RankedTensorType>(type);
      if (microbatches > 1 && (!tensor || tensor.getRank() == 0))
        return function.emitError("microbatches split the first dimension "
                                  "of every input and output; ")
               << type << " has none";
    }
    int64_t devices = mesh.getAxisSize(pipelineAxis);
    if ((maxStage + 1) % devices != 0)
      return function.emitError("the function has ")
             << (maxStage + 1) << " pipeline stages, not a multiple of the "
             << devices << " devices of mesh axis '" << pipelineAxis << "'";
    if (!isPipelineSchedule(schedule))
      return function.emitError("unknown pipeline schedule '")
             << schedule << "': gpipe, 1f1b or interleaved";
    if (schedule != "interleaved" && maxStage + 1 != devices)
      return function.emitError("the ")
             << schedule << " schedule runs one stage per device; "
             << (maxStage + 1) / devices
             << " virtual stages per device need --schedule=interleaved";
    return success();
  }

  /// The rank that runs `stage` among the ranks that share `rank`'s other
  /// coordinates.
  int64_t rankOfStage(int64_t rank, int64_t stage) {
    int64_t axis = mesh.getAxisIndex(pipelineAxis);
    SmallVector<int64_t> coordinates = mesh.getCoordinates(rank);
    coordinates[axis] = stage % mesh.getSizes()[axis];
    int64_t result = 0;
    for (auto [c, size] : llvm::zip_equal(coordinates, mesh.getSizes()))
      result = result * size + c;
    return result;
  }

  FailureOr<func::FuncOp> buildPipelineRank(OpBuilder &builder, int64_t rank);

  ModuleOp module;
  func::FuncOp function;
  MeshAttr mesh;
  std::string pipelineAxis;
  int64_t microbatches;
  std::string schedule;
  DenseMap<Operation *, int64_t> stageOf;
  int64_t maxStage = -1;
  llvm::StringMap<ElementsAttr> blocks;

  LogicalResult specialize(func::FuncOp clone, int64_t rank) {
    SmallVector<Operation *> ops;
    clone.walk([&](Operation *op) {
      if (isa<AxisIndexOp, LocalShardOp>(op))
        ops.push_back(op);
    });
    for (Operation *op : ops) {
      OpBuilder b(op);
      if (auto index = dyn_cast<AxisIndexOp>(op)) {
        int64_t value = mesh.getGroupIndex(rank, getAxisNames(index.getAxes()));
        auto constant = ConstantOp::create(
            b, op->getLoc(),
            DenseElementsAttr::get(index.getType(),
                                   b.getI64IntegerAttr(value)));
        index.replaceAllUsesWith(constant.getResult());
        op->erase();
        continue;
      }
      auto shard = cast<LocalShardOp>(op);
      RankedTensorType whole = shard.getInput().getType();
      SmallVector<int64_t> offsets =
          shard.getSharding().getLocalOffsets(whole.getShape(), mesh, rank);
      ArrayRef<int64_t> shape = shard.getType().getShape();
      Value block;
      if (auto constant = shard.getInput().getDefiningOp<ConstantOp>()) {
        FailureOr<ElementsAttr> value = cut(constant, offsets, shape);
        if (failed(value))
          return constant.emitError("cannot read the constant to cut its "
                                    "blocks (its data is missing or not the "
                                    "size of its type)");
        block = ConstantOp::create(b, constant.getLoc(), *value);
      } else {
        SmallVector<int64_t> limits;
        for (auto [offset, size] : llvm::zip_equal(offsets, shape))
          limits.push_back(offset + size);
        block = SliceOp::create(
            b, op->getLoc(), shard.getInput(), b.getDenseI64ArrayAttr(offsets),
            b.getDenseI64ArrayAttr(limits),
            b.getDenseI64ArrayAttr(SmallVector<int64_t>(offsets.size(), 1)));
      }
      shard.replaceAllUsesWith(block);
      op->erase();
    }
    // Whole constants whose blocks were all cut are no longer used.
    SmallVector<ConstantOp> unused;
    clone.walk([&](ConstantOp constant) {
      if (constant->use_empty())
        unused.push_back(constant);
    });
    for (ConstantOp constant : unused)
      constant.erase();
    return success();
  }

  /// The block of `constant` at `offsets` of `shape`: one weight per
  /// distinct block, shared by the ranks that hold it.
  FailureOr<ElementsAttr> cut(ConstantOp constant, ArrayRef<int64_t> offsets,
                              ArrayRef<int64_t> shape) {
    auto type = cast<RankedTensorType>(constant.getType());
    auto blockType = RankedTensorType::get(shape, type.getElementType());
    if (auto dense = dyn_cast<DenseElementsAttr>(constant.getValue());
        dense && dense.isSplat())
      return ElementsAttr(dense.resizeSplat(blockType));
    std::string name = blockName(constant, offsets);
    auto it = blocks.find(name);
    if (it != blocks.end() && it->second.getType() == blockType)
      return it->second;
    FailureOr<std::string> bytes = getConstantBytes(constant.getValue());
    Type element = type.getElementType();
    int64_t elementBytes = (element.getIntOrFloatBitWidth() + 7) / 8;
    if (failed(bytes) ||
        int64_t(bytes->size()) != type.getNumElements() * elementBytes)
      return failure();
    std::string cutBytes =
        sliceBytes(*bytes, type.getShape(), elementBytes, offsets, shape);
    ElementsAttr value = makeConstant(blockType, cutBytes, name);
    blocks[name] = value;
    return value;
  }
};

FailureOr<func::FuncOp> Specializer::buildPipelineRank(OpBuilder &builder,
                                                       int64_t rank) {
  MLIRContext *context = module.getContext();
  Block &body = function.getBody().front();
  auto ret = cast<func::ReturnOp>(body.getTerminator());
  int64_t devices = mesh.getAxisSize(pipelineAxis);
  int64_t device = mesh.getCoordinates(rank)[mesh.getAxisIndex(pipelineAxis)];
  int64_t stages = maxStage + 1;
  int64_t virtualStages = stages / devices;
  bool writesOutputs = rank == 0;

  // Values cross stages only between neighbours, in the order they are
  // defined: stage s receives need[s] from stage s - 1 and sends
  // need[s + 1] to stage s + 1 (relaying what a later stage or an output
  // needs), so that sends and receives between two ranks always pair up in
  // order. The last stage sends the outputs to rank 0.
  DenseMap<Operation *, int64_t> position;
  for (auto [i, op] : llvm::enumerate(body.without_terminator()))
    position[&op] = int64_t(i);
  SmallVector<SmallVector<Value>> need(stages + 1);
  for (Operation &op : body.without_terminator()) {
    int64_t from = stageOf.lookup(&op);
    if (from < 0)
      continue;
    for (Value result : op.getResults()) {
      int64_t last = from;
      for (Operation *user : result.getUsers()) {
        if (user == ret.getOperation())
          last = stages - 1;
        else
          last =
              std::max(last, stageOf.lookup(body.findAncestorOpInBlock(*user)));
      }
      for (int64_t s = from + 1; s <= last; ++s)
        need[s].push_back(result);
    }
  }

  SmallVector<Type> resultTypes;
  if (writesOutputs)
    resultTypes = batched(function.getResultTypes());
  auto clone = func::FuncOp::create(
      builder, function.getLoc(), function.getName(),
      FunctionType::get(context, batched(function.getArgumentTypes()),
                        resultTypes));
  Block *entry = clone.addEntryBlock();
  OpBuilder b = OpBuilder::atBlockEnd(entry);

  // Per microbatch: what each value of the original function is here.
  SmallVector<IRMapping> mapping(microbatches);
  auto tag = [&](Operation *op, int64_t stage, int64_t m) {
    setPipelinePlace(op, {stage, m});
  };

  // The value `v` of microbatch `m`: already here, or computed here from
  // constants and inputs.
  std::function<Value(Value, int64_t)> valueOf = [&](Value v,
                                                     int64_t m) -> Value {
    if (Value known = mapping[m].lookupOrNull(v))
      return known;
    if (auto arg = dyn_cast<BlockArgument>(v)) {
      // This microbatch's block of the whole batch.
      Value whole = entry->getArgument(arg.getArgNumber());
      Value block = whole;
      if (microbatches > 1) {
        auto type = cast<RankedTensorType>(v.getType());
        SmallVector<int64_t> starts(type.getRank(), 0), limits(type.getShape());
        starts[0] = m * type.getDimSize(0);
        limits[0] = starts[0] + type.getDimSize(0);
        block = SliceOp::create(
            b, v.getLoc(), whole, b.getDenseI64ArrayAttr(starts),
            b.getDenseI64ArrayAttr(limits),
            b.getDenseI64ArrayAttr(SmallVector<int64_t>(type.getRank(), 1)));
        tag(block.getDefiningOp(), -1, m);
      }
      mapping[m].map(v, block);
      return block;
    }
    Operation *def = v.getDefiningOp();
    assert(stageOf.lookup(def) < 0 && "a staged value arrives by its stage");
    SmallVector<Value> operands;
    for (Value operand : def->getOperands())
      operands.push_back(valueOf(operand, m));
    IRMapping local;
    local.map(def->getOperands(), operands);
    Operation *copy = b.clone(*def, local);
    tag(copy, -1, m);
    mapping[m].map(def->getResults(), copy->getResults());
    return mapping[m].lookup(v);
  };

  // Rank 0 receives microbatch m's outputs (from the last stage's rank in
  // its column), in the order that rank sends them.
  auto receiveOutputs = [&](int64_t m) {
    if (!writesOutputs)
      return;
    int64_t from = rankOfStage(rank, stages - 1);
    for (Value v : ret.getOperands()) {
      Operation *def = v.getDefiningOp();
      if (!def || stageOf.lookup(def) < 0)
        continue;
      auto recv = exec::RecvOp::create(b, v.getLoc(), v.getType(), Value(),
                                       b.getI64IntegerAttr(from));
      tag(recv, -1, m);
      mapping[m].map(v, recv.getResult());
    }
  };

  SmallVector<ScheduleItem> items =
      buildSchedule(schedule, devices, virtualStages, microbatches, device);
  for (auto [index, item] : llvm::enumerate(items)) {
    int64_t s = item.stage, m = item.microbatch;
    if (s > 0)
      for (Value v : need[s]) {
        auto recv =
            exec::RecvOp::create(b, v.getLoc(), v.getType(), Value(),
                                 b.getI64IntegerAttr(rankOfStage(rank, s - 1)));
        tag(recv, s, m);
        mapping[m].map(v, recv.getResult());
      }
    for (Operation &op : body.without_terminator()) {
      if (stageOf.lookup(&op) != s)
        continue;
      SmallVector<Value> operands;
      for (Value operand : op.getOperands())
        operands.push_back(valueOf(operand, m));
      IRMapping local;
      local.map(op.getOperands(), operands);
      Operation *copy = b.clone(op, local);
      tag(copy, s, m);
      mapping[m].map(op.getResults(), copy->getResults());
    }
    if (s + 1 < stages) {
      for (Value v : need[s + 1]) {
        auto send =
            exec::SendOp::create(b, v.getLoc(), mapping[m].lookup(v),
                                 b.getI64IntegerAttr(rankOfStage(rank, s + 1)));
        tag(send, s, m);
      }
    } else if (!writesOutputs && rankOfStage(0, s) == rankOfStage(rank, s)) {
      for (Value v : ret.getOperands()) {
        Operation *def = v.getDefiningOp();
        if (!def || stageOf.lookup(def) < 0)
          continue;
        auto send = exec::SendOp::create(b, v.getLoc(), mapping[m].lookup(v),
                                         b.getI64IntegerAttr(0));
        tag(send, s, m);
      }
    }
    // With interleaving the last stage finishes a group of microbatches
    // before the next group's activations come: rank 0 takes that group's
    // outputs when it has run its own part of the group.
    bool groupEnds = index + 1 == items.size() ||
                     (schedule == "interleaved" &&
                      items[index + 1].microbatch / devices != m / devices);
    if (groupEnds) {
      int64_t first = schedule == "interleaved" ? m / devices * devices : 0;
      for (int64_t g = first; g <= std::min(m, microbatches - 1); ++g)
        receiveOutputs(g);
      if (schedule != "interleaved")
        for (int64_t g = m + 1; g < microbatches; ++g)
          receiveOutputs(g);
    }
  }

  // Rank 0 joins the microbatches' outputs.
  SmallVector<Value> results;
  if (writesOutputs) {
    for (Value v : ret.getOperands()) {
      SmallVector<Value> parts;
      for (int64_t m = 0; m < microbatches; ++m)
        parts.push_back(valueOf(v, m));
      results.push_back(
          parts.size() == 1
              ? parts.front()
              : ConcatOp::create(b, ret.getLoc(), parts, 0).getResult());
    }
  }
  func::ReturnOp::create(b, ret.getLoc(), results);
  for (unsigned i = 0; i < function.getNumArguments(); ++i)
    clone.setArgAttrs(i, function.getArgAttrDict(i));
  return clone;
}

struct SpecializeRanksPass
    : mlir::tessera::impl::SpecializeRanksPassBase<SpecializeRanksPass> {
  using SpecializeRanksPassBase::SpecializeRanksPassBase;
  void runOnOperation() override {
    ModuleOp module = getOperation();
    MeshAttr mesh = module->getAttrOfType<MeshAttr>(DistDialect::kMeshAttrName);
    if (!mesh || mesh.getNumDevices() == 1)
      return;
    SmallVector<func::FuncOp> functions;
    for (auto function : module.getOps<func::FuncOp>())
      if (!function.isDeclaration() &&
          !function->hasAttr(DistDialect::kRankAttrName))
        functions.push_back(function);
    for (func::FuncOp function : functions) {
      Specializer specializer(module, function, mesh, pipelineAxis,
                              microbatches, schedule);
      if (failed(specializer.run()))
        return signalPassFailure();
    }
  }
};

} // namespace
