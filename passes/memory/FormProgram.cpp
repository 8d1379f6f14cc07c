//===- FormProgram.cpp - Kernels, buffers and the arena plan --------------===//
//
// Part of Tessera. See Passes.td. The pass reads the function top to
// bottom once: every op is a command (a kernel group or a library call), a
// view (reshape, cast), a weight, or something a kernel absorbs (tensor
// initializers, scalar constants). Positions in that order give each buffer
// its lifetime for the arena plan.
//
//===----------------------------------------------------------------------===//

#include "dialects/dist/DistOps.h"
#include "dialects/exec/ExecOps.h"
#include "dialects/tessera/TesseraOps.h"
#include "passes/memory/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringMap.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_FORMPROGRAMPASS
#include "passes/memory/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using namespace mlir::tessera;

namespace {

/// Buffers are aligned to this many bytes in the arena.
constexpr int64_t kAlignment = 64;

/// Dense constants up to this many elements are compiled into the kernels
/// that use them instead of being passed as buffers.
constexpr int64_t kMaxKernelConstantElements = 4096;

int64_t alignTo(int64_t value) {
  return (value + kAlignment - 1) / kAlignment * kAlignment;
}

int64_t byteSize(Type type) {
  auto shaped = cast<ShapedType>(type);
  return shaped.getNumElements() *
         ((shaped.getElementTypeBitWidth() + 7) / 8);
}

MemRefType memrefFor(Type tensorType) {
  auto type = cast<RankedTensorType>(tensorType);
  return MemRefType::get(type.getShape(), type.getElementType());
}

/// Ops a kernel recomputes instead of reading: tensor initializers and
/// scalar or small constants.
bool isAbsorbed(Operation *op) {
  if (isa<tensor::EmptyOp, arith::ConstantOp>(op))
    return true;
  if (auto fill = dyn_cast<linalg::FillOp>(op))
    return fill.hasPureTensorSemantics() &&
           llvm::all_of(fill.getDpsInits(), [](Value init) {
             return init.getDefiningOp<tensor::EmptyOp>() != nullptr;
           });
  if (auto constant = dyn_cast<ConstantOp>(op)) {
    auto dense = dyn_cast<DenseElementsAttr>(constant.getValue());
    return dense && (dense.isSplat() ||
                     dense.getNumElements() <= kMaxKernelConstantElements);
  }
  return false;
}

/// Ops whose result is the bytes of their operand seen with another type.
bool isView(Operation *op) {
  if (isa<ReshapeOp>(op))
    return true;
  if (auto cast = dyn_cast<UnrealizedConversionCastOp>(op))
    return cast->getNumOperands() == 1 && cast->getNumResults() == 1 &&
           isa<RankedTensorType>(cast.getOperand(0).getType()) &&
           isa<RankedTensorType>(cast.getResult(0).getType()) &&
           byteSize(cast.getOperand(0).getType()) ==
               byteSize(cast.getResult(0).getType());
  return false;
}

/// Commands that are neither kernels nor views: library calls,
/// collectives, sends and receives, on tensors until here.
bool isLibraryCall(Operation *op) {
  return isa<exec::MatmulOp, exec::Conv2dOp, exec::Pool2dOp,
             exec::AllReduceOp, exec::AllGatherOp, exec::ReduceScatterOp,
             exec::AllToAllOp, exec::CollectivePermuteOp, exec::SendOp,
             exec::RecvOp>(op);
}

/// Where the bytes of a tensor are.
struct Storage {
  enum Kind { Input, Constant, Arena };
  explicit Storage(Kind kind) : kind(kind) {}
  Kind kind;
  int64_t index = 0;       // input index
  ElementsAttr constant;   // Constant
  int64_t size = 0;        // bytes (Arena)
  int64_t defined = -1;    // position of the writer (Arena)
  int64_t lastUse = -1;    // position of the last reader
  int64_t offset = 0;      // Arena, once planned
  std::optional<int64_t> output; // written straight into this output
};

/// A kernel: the ops of one group, what it reads and what it writes.
struct KernelGroup {
  Operation *root;
  SmallVector<Operation *> ops; // in program order, root last
  SmallVector<Value> inputs;    // tensors defined outside the group
  SmallVector<Value> outputs;   // results of the root
};

/// What the programs of all ranks share: one executable, whose identical
/// kernels are emitted once.
struct SharedKernels {
  exec::ExecutableOp executable;
  llvm::StringMap<StringAttr> kernelByBody;
  int64_t nextKernel = 0;
};

class ProgramFormer {
public:
  /// Forms the program of `rank` from `function`; with `writesOutputs`
  /// false (ranks other than 0 of a mesh) results stay in the arena.
  ProgramFormer(ModuleOp module, func::FuncOp function, SharedKernels &shared,
                int64_t rank, bool writesOutputs)
      : module(module), function(function), shared(shared), rank(rank),
        writesOutputs(writesOutputs),
        exeName(shared.executable.getSymName().str()) {}

  LogicalResult run();

private:
  LogicalResult classify();
  KernelGroup collectGroup(Operation *root);
  void planArena();
  StringAttr outlineKernel(const KernelGroup &group, int64_t index);
  void emitProgram();

  /// The buffer (root storage) a tensor value lives in.
  Value rootOf(Value value) {
    auto it = viewRoot.find(value);
    return it == viewRoot.end() ? value : it->second;
  }

  ModuleOp module;
  func::FuncOp function;
  SharedKernels &shared;
  int64_t rank;
  bool writesOutputs;
  std::string exeName;

  /// Program order of the top-level ops.
  DenseMap<Operation *, int64_t> position;
  /// Commands, in order: kernel groups or library calls.
  SmallVector<std::variant<KernelGroup, Operation *>> commands;
  llvm::MapVector<Value, Storage> storage;
  DenseMap<Value, Value> viewRoot;
  int64_t arenaSize = 0;
};

KernelGroup ProgramFormer::collectGroup(Operation *root) {
  KernelGroup group;
  group.root = root;
  // The absorbed producers of the root's operands (initializers, small
  // constants), found transitively.
  SetVector<Operation *> members;
  SmallVector<Operation *> worklist = {root};
  while (!worklist.empty()) {
    Operation *op = worklist.pop_back_val();
    if (!members.insert(op))
      continue;
    auto visit = [&](Value value) {
      Operation *producer = value.getDefiningOp();
      if (producer && producer->getBlock() == root->getBlock() &&
          isAbsorbed(producer))
        worklist.push_back(producer);
    };
    for (Value operand : op->getOperands())
      visit(operand);
    // Values that region bodies capture (gathers, pads, windows).
    for (Region &region : op->getRegions()) {
      SetVector<Value> captured;
      getUsedValuesDefinedAbove(region, captured);
      for (Value value : captured)
        visit(value);
    }
  }
  group.ops.assign(members.begin(), members.end());
  llvm::sort(group.ops, [&](Operation *a, Operation *b) {
    return position.lookup(a) < position.lookup(b);
  });
  // Inputs: tensors used inside the group and defined outside it.
  SetVector<Value> inputs;
  auto consider = [&](Value value) {
    if (!isa<RankedTensorType>(value.getType()))
      return;
    Operation *producer = value.getDefiningOp();
    if (producer && members.contains(producer))
      return;
    inputs.insert(value);
  };
  for (Operation *op : group.ops) {
    for (Value operand : op->getOperands())
      consider(operand);
    for (Region &region : op->getRegions()) {
      SetVector<Value> captured;
      getUsedValuesDefinedAbove(region, captured);
      for (Value value : captured)
        consider(value);
    }
  }
  group.inputs = inputs.takeVector();
  group.outputs.assign(root->getResults().begin(), root->getResults().end());
  return group;
}

LogicalResult ProgramFormer::classify() {
  Block &body = function.getBody().front();
  int64_t next = 0;
  for (Operation &op : body)
    position[&op] = next++;

  for (auto [index, arg] : llvm::enumerate(body.getArguments())) {
    if (!isa<RankedTensorType>(arg.getType()))
      return function.emitError("argument #")
             << index << " is not a ranked tensor";
    Storage s(Storage::Input);
    s.index = index;
    storage.insert({arg, s});
  }

  for (Operation &op : body) {
    if (isa<func::ReturnOp>(op))
      continue;
    // Weights always have a buffer; one used only by kernels is compiled
    // into them and never declared.
    if (auto constant = dyn_cast<ConstantOp>(op)) {
      Storage s(Storage::Constant);
      s.constant = constant.getValue();
      storage.insert({constant.getResult(), s});
      continue;
    }
    // Initializers and scalar constants are recomputed by the kernels that
    // read them; anything else that reads them needs them materialized.
    if (isAbsorbed(&op) && llvm::all_of(op.getUsers(), [](Operation *user) {
          return !isLibraryCall(user) && !isView(user) &&
                 !isa<func::ReturnOp>(user);
        }))
      continue;
    if (isView(&op)) {
      viewRoot[op.getResult(0)] = rootOf(op.getOperand(0));
      continue;
    }
    if (isLibraryCall(&op)) {
      commands.push_back(&op);
    } else if (isa<linalg::LinalgOp>(op) ||
               isa<tensor::ConcatOp, tensor::ExtractSliceOp, tensor::PadOp,
                   tensor::InsertSliceOp, tensor::EmptyOp, arith::ConstantOp>(
                   op)) {
      commands.push_back(collectGroup(&op));
    } else {
      return op.emitOpError("cannot be placed in a program: it is neither a "
                            "kernel, a library call, a view nor a constant");
    }
    for (Value result : op.getResults()) {
      Storage s(Storage::Arena);
      s.size = byteSize(result.getType());
      s.defined = position[&op];
      storage.insert({result, s});
    }
  }

  // Lifetimes: a buffer is read by every command that uses it or a view of
  // it; the results are read at the end.
  int64_t end = next;
  auto use = [&](Value value, int64_t at) {
    Value root = rootOf(value);
    auto it = storage.find(root);
    if (it != storage.end())
      it->second.lastUse = std::max(it->second.lastUse, at);
  };
  for (auto &command : commands) {
    if (auto *group = std::get_if<KernelGroup>(&command)) {
      for (Value input : group->inputs)
        use(input, position[group->root]);
    } else {
      Operation *call = std::get<Operation *>(command);
      for (Value operand : call->getOperands())
        use(operand, position[call]);
    }
  }
  auto ret = cast<func::ReturnOp>(body.getTerminator());
  for (auto [index, value] : llvm::enumerate(ret.getOperands())) {
    use(value, end);
    // A result that is an arena buffer, or a view of one (a reshape, the
    // same bytes), not already an output, is written straight into the
    // output.
    auto it = storage.find(rootOf(value));
    if (writesOutputs && it != storage.end() &&
        it->second.kind == Storage::Arena && !it->second.output)
      it->second.output = index;
  }
  return success();
}

void ProgramFormer::planArena() {
  // First fit over lifetimes, in order of definition: a buffer takes the
  // lowest offset that no live buffer overlaps.
  struct Placed {
    int64_t offset, size, lastUse;
  };
  SmallVector<Placed> live;
  SmallVector<Storage *> order;
  for (auto &[value, s] : storage)
    if (s.kind == Storage::Arena && !s.output && s.size > 0)
      order.push_back(&s);
  llvm::sort(order, [](Storage *a, Storage *b) {
    if (a->defined != b->defined)
      return a->defined < b->defined;
    return a < b;
  });
  for (Storage *s : order) {
    // Buffers whose last reader ran before this writer are free; a buffer
    // read by the writer itself is still live (kernels read and write
    // distinct buffers).
    llvm::erase_if(live, [&](const Placed &p) { return p.lastUse < s->defined; });
    llvm::sort(live, [](const Placed &a, const Placed &b) {
      return a.offset < b.offset;
    });
    int64_t size = alignTo(s->size);
    int64_t offset = 0;
    for (const Placed &p : live) {
      if (offset + size <= p.offset)
        break;
      offset = std::max(offset, p.offset + alignTo(p.size));
    }
    s->offset = offset;
    live.push_back({offset, s->size, std::max(s->lastUse, s->defined)});
    arenaSize = std::max(arenaSize, offset + size);
  }
}

/// A stable text of a kernel's body, to emit identical kernels once.
std::string kernelKey(func::FuncOp kernel) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << kernel.getFunctionType();
  OpPrintingFlags flags;
  flags.printGenericOpForm().useLocalScope().elideLargeElementsAttrs(
      std::numeric_limits<int64_t>::max());
  for (Operation &op : kernel.getBody().front())
    op.print(os, flags);
  return text;
}

StringAttr ProgramFormer::outlineKernel(const KernelGroup &group,
                                        int64_t index) {
  Location loc = group.root->getLoc();
  SmallVector<Type> argTypes;
  for (Value input : group.inputs)
    argTypes.push_back(memrefFor(input.getType()));
  for (Value output : group.outputs)
    argTypes.push_back(memrefFor(output.getType()));

  OpBuilder builder(shared.executable.getBody());
  builder.setInsertionPointToEnd(&shared.executable.getBody().front());
  std::string name = "k" + std::to_string(index) + "_" +
                     group.root->getName().stripDialect().str();
  std::replace(name.begin(), name.end(), '.', '_');
  auto kernel = func::FuncOp::create(
      builder, loc, name, builder.getFunctionType(argTypes, {}));
  Block *entry = kernel.addEntryBlock();
  OpBuilder kb = OpBuilder::atBlockBegin(entry);

  IRMapping mapping;
  for (auto [i, input] : llvm::enumerate(group.inputs)) {
    Value tensor = bufferization::ToTensorOp::create(
        kb, loc, input.getType(), entry->getArgument(i), /*restrict=*/true);
    mapping.map(input, tensor);
  }
  for (Operation *op : group.ops) {
    // Small weights become constants of the kernel.
    if (auto constant = dyn_cast<ConstantOp>(op)) {
      Value value = arith::ConstantOp::create(
          kb, constant.getLoc(), cast<TypedAttr>(constant.getValue()));
      mapping.map(constant.getResult(), value);
      continue;
    }
    kb.clone(*op, mapping);
  }
  for (auto [j, output] : llvm::enumerate(group.outputs)) {
    auto materialize = bufferization::MaterializeInDestinationOp::create(
        kb, loc, mapping.lookup(output),
        entry->getArgument(group.inputs.size() + j));
    materialize.setRestrict(true);
    materialize.setWritable(true);
  }
  func::ReturnOp::create(kb, loc);

  std::string key = kernelKey(kernel);
  auto [it, isNew] =
      shared.kernelByBody.try_emplace(key, kernel.getSymNameAttr());
  if (!isNew) {
    kernel.erase();
    return it->second;
  }
  return kernel.getSymNameAttr();
}

void ProgramFormer::emitProgram() {
  OpBuilder builder(module.getBodyRegion());
  builder.setInsertionPointToEnd(module.getBody());
  Location loc = function.getLoc();
  auto program = exec::ProgramOp::create(
      builder, loc, "rank" + std::to_string(rank), rank, arenaSize);
  OpBuilder pb = OpBuilder::atBlockBegin(&program.getBody().front());

  // Buffer declarations, created on first use.
  DenseMap<Value, Value> buffers;
  std::function<Value(Value)> bufferOf = [&](Value value) -> Value {
    if (Value existing = buffers.lookup(value))
      return existing;
    MemRefType type = memrefFor(value.getType());
    Value root = rootOf(value);
    auto found = storage.find(root);
    assert(found != storage.end() && "every value a command uses has storage");
    const Storage &s = found->second;
    exec::BufferOp buffer;
    switch (s.kind) {
    case Storage::Input:
      buffer = exec::BufferOp::create(pb, loc, type, exec::StorageKind::Input,
                                      pb.getI64IntegerAttr(s.index),
                                      IntegerAttr(), ElementsAttr());
      break;
    case Storage::Constant:
      buffer = exec::BufferOp::create(pb, loc, type,
                                      exec::StorageKind::Constant,
                                      IntegerAttr(), IntegerAttr(), s.constant);
      break;
    case Storage::Arena:
      if (s.output)
        buffer = exec::BufferOp::create(
            pb, loc, type, exec::StorageKind::Output,
            pb.getI64IntegerAttr(*s.output), IntegerAttr(), ElementsAttr());
      else
        buffer = exec::BufferOp::create(
            pb, loc, type, exec::StorageKind::Arena, IntegerAttr(),
            pb.getI64IntegerAttr(s.offset), ElementsAttr());
      break;
    }
    buffers[value] = buffer.getResult();
    return buffer.getResult();
  };

  for (auto &command : commands) {
    if (auto *group = std::get_if<KernelGroup>(&command)) {
      StringAttr kernel = outlineKernel(*group, shared.nextKernel++);
      SmallVector<Value> args;
      for (Value input : group->inputs)
        args.push_back(bufferOf(input));
      for (Value output : group->outputs)
        args.push_back(bufferOf(output));
      exec::DispatchOp::create(
          pb, group->root->getLoc(),
          SymbolRefAttr::get(pb.getStringAttr(exeName),
                             {FlatSymbolRefAttr::get(kernel)}),
          args);
      continue;
    }
    Operation *call = std::get<Operation *>(command);
    // The buffer form: operands mapped to buffers, the result (a send has
    // none) into `outs`.
    OperationState state(call->getLoc(), call->getName());
    for (Value operand : call->getOperands())
      state.addOperands(bufferOf(operand));
    if (call->getNumResults() == 1)
      state.addOperands(bufferOf(call->getResult(0)));
    state.addAttributes(call->getAttrs());
    // One more operand (outs) in the segment sizes.
    if (auto segments = call->getAttrOfType<DenseI32ArrayAttr>(
            "operandSegmentSizes")) {
      SmallVector<int32_t> sizes(segments.asArrayRef());
      sizes.back() = 1;
      state.addAttribute("operandSegmentSizes",
                         pb.getDenseI32ArrayAttr(sizes));
    }
    pb.create(state);
  }

  // Results that could not be written in place are copied.
  if (!writesOutputs)
    return;
  auto ret = cast<func::ReturnOp>(function.getBody().front().getTerminator());
  for (auto [index, value] : llvm::enumerate(ret.getOperands())) {
    auto it = storage.find(rootOf(value));
    if (it != storage.end() && it->second.output == int64_t(index)) {
      bufferOf(value); // declared even when nothing writes it (empty tensors)
      continue;
    }
    Value target = exec::BufferOp::create(
        pb, loc, memrefFor(value.getType()), exec::StorageKind::Output,
        pb.getI64IntegerAttr(index), IntegerAttr(), ElementsAttr());
    exec::CopyOp::create(pb, loc, bufferOf(value), target);
  }
}

LogicalResult ProgramFormer::run() {
  if (failed(classify()))
    return failure();
  planArena();

  emitProgram();

  // A rank's copy goes; the model's own function stays as a declaration,
  // which keeps the signature (argument and result names).
  if (function->hasAttr(dist::DistDialect::kRankAttrName)) {
    function.erase();
    return success();
  }
  function.getBody().getBlocks().clear();
  function.setPrivate();
  return success();
}

struct FormProgramPass
    : mlir::tessera::impl::FormProgramPassBase<FormProgramPass> {
  using FormProgramPassBase::FormProgramPassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<func::FuncOp> functions;
    for (auto function : module.getOps<func::FuncOp>())
      if (!function.isDeclaration())
        functions.push_back(function);
    // One function, or one per rank (made by tessera-specialize-ranks).
    bool perRank = llvm::all_of(functions, [](func::FuncOp f) {
      return f->hasAttr(dist::DistDialect::kRankAttrName);
    });
    if (functions.empty() || (functions.size() != 1 && !perRank)) {
      module.emitError("expects one function with a body, or one per rank, "
                       "found ")
          << functions.size();
      return signalPassFailure();
    }
    OpBuilder builder(module.getBodyRegion());
    builder.setInsertionPointToEnd(module.getBody());
    SharedKernels shared;
    shared.executable = exec::ExecutableOp::create(
        builder, functions.front().getLoc(), executableName, format, target);
    for (func::FuncOp function : functions) {
      int64_t rank = 0;
      if (auto attr = function->getAttrOfType<IntegerAttr>(
              dist::DistDialect::kRankAttrName))
        rank = attr.getInt();
      ProgramFormer former(module, function, shared, rank,
                           /*writesOutputs=*/rank == 0);
      if (failed(former.run()))
        return signalPassFailure();
    }
  }
};

} // namespace
