//===- MapToGpu.cpp - Bufferized kernels to GPU kernels and launches ------===//
//
// Part of Tessera. See Passes.td. Each texec kernel becomes a list of
// launches, one per computing op at its top level, each launch a gpu.func
// built here directly from the linalg op (not through gpu.launch and
// gpu-kernel-outlining): its parameters must be all the kernel's buffers in
// order whatever it uses, its grid and block are decided here and must be
// static, and everything else it reads (constants, views, globals) is
// recomputed or copied inside it.
//
// Strategies, per top-level op:
//   linalg.fill, elementwise generics   one thread per element
//   generics with reductions            one thread per output element, the
//                                       reduction in a register; or one
//                                       warp per output element (shuffles)
//   anything else (0-d loads/stores,    one thread, in program order
//   loops, generics whose writes could
//   collide)
//
//===----------------------------------------------------------------------===//

#include "compiler/target/cuda/Passes.h"

#include "mlir/Dialect/Affine/Utils.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/TypeSwitch.h"

#include <limits>

namespace mlir::tessera {
#define GEN_PASS_DEF_CUDAMAPTOGPUPASS
#include "compiler/target/cuda/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using namespace mlir::tessera;

namespace {

constexpr int64_t kWarpSize = 32;
/// CUDA's limit on gridDim.x.
constexpr int64_t kMaxGridX = (int64_t(1) << 31) - 1;
constexpr llvm::StringLiteral kGpuModuleName = "kernels";

/// Ops a launch recomputes instead of receiving: constants, index
/// arithmetic, views, get_global.
bool isRecomputable(Operation *op) {
  return op->getNumRegions() == 0 && op->getNumResults() > 0 &&
         isMemoryEffectFree(op);
}

int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

/// Whether `alloc` only gives generics the shape of an input they never
/// read (a pooling window): no launch needs its bytes.
bool isShapeOnly(memref::AllocOp alloc) {
  return llvm::all_of(alloc->getUses(), [](OpOperand &use) {
    auto generic = dyn_cast<linalg::GenericOp>(use.getOwner());
    return generic && generic.isDpsInput(&use) &&
           generic.getMatchingBlockArgument(&use).use_empty();
  });
}

/// The static trip counts of `op`'s loops, or failure.
FailureOr<SmallVector<int64_t>> staticLoopSizes(linalg::LinalgOp op) {
  SmallVector<int64_t> sizes = op.getStaticLoopRanges();
  if (llvm::any_of(sizes, ShapedType::isDynamic))
    return failure();
  return sizes;
}

/// Whether each point of `op`'s parallel loops writes its own elements of
/// every output, and all of them: every output index is a distinct
/// parallel loop, or 0 along a dimension of size 1, and every parallel
/// loop of more than one iteration indexes each output. Then the points
/// may run at once, and together write the whole outputs.
bool writesDistinctElements(linalg::GenericOp op, unsigned numParallel,
                            ArrayRef<int64_t> sizes) {
  for (OpOperand &init : op.getDpsInitsMutable()) {
    AffineMap map = op.getMatchingIndexingMap(&init);
    ArrayRef<int64_t> shape = cast<MemRefType>(init.get().getType()).getShape();
    llvm::SmallBitVector seen(numParallel);
    for (auto [d, expr] : llvm::enumerate(map.getResults())) {
      if (auto constant = dyn_cast<AffineConstantExpr>(expr)) {
        if (constant.getValue() != 0 || shape[d] != 1)
          return false;
        continue;
      }
      auto dim = dyn_cast<AffineDimExpr>(expr);
      if (!dim || dim.getPosition() >= numParallel ||
          seen.test(dim.getPosition()))
        return false;
      seen.set(dim.getPosition());
    }
    for (unsigned d = 0; d < numParallel; ++d)
      if (!seen.test(d) && sizes[d] != 1)
        return false;
  }
  return true;
}

/// Splits `linear` into indices of `sizes` (the last fastest).
SmallVector<Value> delinearize(OpBuilder &b, Location loc, Value linear,
                               ArrayRef<int64_t> sizes) {
  SmallVector<Value> indices(sizes.size());
  Value rest = linear;
  for (int64_t d = static_cast<int64_t>(sizes.size()) - 1; d >= 0; --d) {
    if (sizes[d] == 1) {
      indices[d] = arith::ConstantIndexOp::create(b, loc, 0);
      continue;
    }
    if (d == 0) {
      indices[d] = rest;
      break;
    }
    Value size = arith::ConstantIndexOp::create(b, loc, sizes[d]);
    indices[d] = arith::RemUIOp::create(b, loc, rest, size);
    rest = arith::DivUIOp::create(b, loc, rest, size);
  }
  return indices;
}

/// The combiner of a reduction generic with one output whose body is
/// `yield combine(out, f(inputs))` (either operand order), and its
/// identity; null when it is not one a warp can split.
struct Combiner {
  Operation *op = nullptr;
  /// Operand index of the accumulator in `op`.
  unsigned accumulatorOperand = 0;
  TypedAttr identity;
};

Combiner matchCombiner(linalg::GenericOp op) {
  Combiner none;
  if (op.getNumDpsInits() != 1)
    return none;
  Block &body = op.getRegion().front();
  BlockArgument out = body.getArgument(op.getNumDpsInputs());
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  Operation *combine = yield.getOperand(0).getDefiningOp();
  if (!combine || combine->getBlock() != &body ||
      combine->getNumOperands() != 2 || !out.hasOneUse() ||
      *out.getUsers().begin() != combine)
    return none;
  Type type = out.getType();
  if (!type.isF32() && !type.isInteger(32))
    return none;
  Builder b(op.getContext());
  auto fp = [&](double value) -> TypedAttr {
    return b.getFloatAttr(type, value);
  };
  auto inf = [&](bool negative) -> TypedAttr {
    return b.getFloatAttr(type,
                          APFloat::getInf(APFloat::IEEEsingle(), negative));
  };
  auto integer = [&](APInt value) -> TypedAttr {
    return b.getIntegerAttr(type, value);
  };
  TypedAttr identity =
      llvm::TypeSwitch<Operation *, TypedAttr>(combine)
          .Case<arith::AddFOp>([&](auto) { return fp(0.0); })
          .Case<arith::MulFOp>([&](auto) { return fp(1.0); })
          .Case<arith::MaximumFOp, arith::MaxNumFOp>(
              [&](auto) { return inf(true); })
          .Case<arith::MinimumFOp, arith::MinNumFOp>(
              [&](auto) { return inf(false); })
          .Case<arith::AddIOp, arith::OrIOp, arith::XOrIOp, arith::MaxUIOp>(
              [&](auto) { return integer(APInt::getZero(32)); })
          .Case<arith::MulIOp>([&](auto) { return integer(APInt(32, 1)); })
          .Case<arith::AndIOp, arith::MinUIOp>(
              [&](auto) { return integer(APInt::getAllOnes(32)); })
          .Case<arith::MaxSIOp>(
              [&](auto) { return integer(APInt::getSignedMinValue(32)); })
          .Case<arith::MinSIOp>(
              [&](auto) { return integer(APInt::getSignedMaxValue(32)); })
          .Default([](Operation *) { return TypedAttr(); });
  if (!identity)
    return none;
  // Float sums and products are reassociated: the lanes' partial results
  // are combined in another order than one thread would.
  Combiner result;
  result.op = combine;
  result.accumulatorOperand = combine->getOperand(0) == out ? 0 : 1;
  result.identity = identity;
  return result;
}

/// A kernel's launches, as they are formed.
struct Launch {
  enum Kind {
    /// One thread per point of the op's parallel loops (fills, elementwise
    /// generics, reductions in a register).
    PerThread,
    /// One warp per point of the parallel loops, for a reduction.
    PerWarp,
    /// The ops in order on one thread.
    Serial,
  };
  Kind kind = Serial;
  SmallVector<Operation *> ops;
  /// PerThread/PerWarp: the op, and the fill it absorbed (its value is the
  /// reduction's initial value), if any.
  Operation *root = nullptr;
  linalg::FillOp fill;
  Combiner combiner;
};

class KernelMapper {
public:
  KernelMapper(ModuleOp module, gpu::GPUModuleOp gpuModule, func::FuncOp kernel,
               unsigned blockSize, unsigned warpReductionSize,
               bool emulateWarps)
      : module(module), gpuModule(gpuModule), kernel(kernel),
        blockSize(blockSize), warpReductionSize(warpReductionSize),
        emulateWarps(emulateWarps) {}

  LogicalResult run();

private:
  LogicalResult prepare();
  LogicalResult formLaunches();
  LogicalResult buildLaunch(const Launch &launch, unsigned index);
  void cloneRecomputed(OpBuilder &b, ArrayRef<Operation *> roots,
                       IRMapping &mapping);
  void emitGeneric(OpBuilder &b, Location loc, linalg::GenericOp op,
                   ArrayRef<Value> parallelIvs, const Launch &launch,
                   Value lane, IRMapping &mapping);
  void emitFill(OpBuilder &b, Location loc, linalg::FillOp op,
                ArrayRef<Value> ivs, IRMapping &mapping);

  ModuleOp module;
  gpu::GPUModuleOp gpuModule;
  func::FuncOp kernel;
  unsigned blockSize;
  unsigned warpReductionSize;
  bool emulateWarps;
  SmallVector<Launch> launches;
  /// Host side: the launches' gpu.funcs and sizes, in order.
  struct Built {
    gpu::GPUFuncOp function;
    std::array<int64_t, 3> grid, block;
  };
  SmallVector<Built> built;
};

/// memref.copy becomes linalg.copy, and named linalg ops generics (fills
/// stay: their value may become a reduction's initial value).
LogicalResult KernelMapper::prepare() {
  IRRewriter rewriter(kernel.getContext());
  SmallVector<Operation *> ops;
  kernel.walk([&](Operation *op) {
    if (isa<memref::CopyOp>(op) ||
        (isa<linalg::LinalgOp>(op) &&
         !isa<linalg::GenericOp, linalg::FillOp>(op)))
      ops.push_back(op);
  });
  for (Operation *op : ops) {
    rewriter.setInsertionPoint(op);
    if (auto copy = dyn_cast<memref::CopyOp>(op)) {
      if (copy.getSource() != copy.getTarget()) {
        auto linalgCopy = linalg::CopyOp::create(
            rewriter, copy.getLoc(), copy.getSource(), copy.getTarget());
        rewriter.eraseOp(copy);
        if (failed(linalg::generalizeNamedOp(rewriter, linalgCopy)))
          return linalgCopy.emitOpError("cannot be generalized");
      } else {
        rewriter.eraseOp(copy);
      }
      continue;
    }
    if (failed(linalg::generalizeNamedOp(rewriter, cast<linalg::LinalgOp>(op))))
      return op->emitOpError("cannot be generalized for the GPU");
  }
  return success();
}

LogicalResult KernelMapper::formLaunches() {
  Block &body = kernel.getBody().front();
  for (Operation &op : body.without_terminator()) {
    if (isRecomputable(&op))
      continue;
    if (auto alloc = dyn_cast<memref::AllocOp>(op); alloc && isShapeOnly(alloc))
      continue;
    if (isa<memref::AllocOp, memref::AllocaOp, memref::DeallocOp>(op))
      return op.emitOpError(
          "is a temporary buffer inside a kernel, which the cuda target "
          "cannot place");
    if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op)) {
      if (!linalgOp.hasPureBufferSemantics())
        return op.emitOpError("is not bufferized");
      FailureOr<SmallVector<int64_t>> sizes = staticLoopSizes(linalgOp);
      if (failed(sizes))
        return op.emitOpError("has dynamic sizes");
      // Nothing to do for an empty iteration space.
      if (llvm::is_contained(*sizes, 0))
        continue;
      Launch launch;
      launch.root = &op;
      launch.ops.push_back(&op);
      if (isa<linalg::FillOp>(op)) {
        launch.kind = Launch::PerThread;
        launches.push_back(launch);
        continue;
      }
      auto generic = cast<linalg::GenericOp>(op);
      unsigned numParallel = generic.getNumParallelLoops();
      bool parallelFirst = llvm::all_of(
          llvm::enumerate(generic.getIteratorTypesArray()), [&](auto entry) {
            return (entry.value() == utils::IteratorType::parallel) ==
                   (entry.index() < numParallel);
          });
      if (!parallelFirst ||
          !writesDistinctElements(generic, numParallel, *sizes)) {
        // The points might write the same elements: one thread.
        launch.kind = Launch::Serial;
        launches.push_back(launch);
        continue;
      }
      launch.kind = Launch::PerThread;
      if (numParallel < generic.getNumLoops()) {
        // A reduction: its initial value from the fill just before, which
        // then needs no launch of its own, when the fill writes exactly
        // the reduction's output.
        Value init = generic.getDpsInits()[0];
        if (generic.getNumDpsInits() == 1 && !launches.empty() &&
            launches.back().root && launches.back().ops.size() == 1) {
          auto fill = dyn_cast<linalg::FillOp>(launches.back().root);
          if (fill && fill.getDpsInits()[0] == init &&
              (!fill.value().getDefiningOp() ||
               isRecomputable(fill.value().getDefiningOp()) ||
               isa<BlockArgument>(fill.value()))) {
            launch.fill = fill;
            launches.pop_back();
          }
        }
        int64_t reduced = 1;
        for (int64_t size : ArrayRef<int64_t>(*sizes).drop_front(numParallel))
          reduced *= size;
        Combiner combiner = matchCombiner(generic);
        if (combiner.op && warpReductionSize > 0 &&
            reduced >= warpReductionSize) {
          launch.kind = Launch::PerWarp;
          launch.combiner = combiner;
        }
      }
      launches.push_back(launch);
      continue;
    }
    // Anything else runs on one thread, with its neighbours.
    if (launches.empty() || launches.back().kind != Launch::Serial ||
        launches.back().root) {
      launches.emplace_back();
      launches.back().kind = Launch::Serial;
    }
    launches.back().ops.push_back(&op);
  }

  // A value computed by one launch and used by another cannot travel
  // between them (only buffers do): then everything runs in one serial
  // launch.
  DenseMap<Operation *, unsigned> launchOf;
  for (auto [i, launch] : llvm::enumerate(launches)) {
    for (Operation *op : launch.ops)
      launchOf[op] = i;
    if (launch.fill)
      launchOf[launch.fill] = i;
  }
  bool crosses = false;
  for (auto [i, launch] : llvm::enumerate(launches))
    for (Operation *op : launch.ops)
      for (Value result : op->getResults())
        for (Operation *user : result.getUsers()) {
          Operation *top = body.findAncestorOpInBlock(*user);
          auto it = launchOf.find(top);
          if (top && !isa<func::ReturnOp>(top) &&
              (it == launchOf.end() || it->second != i))
            crosses = true;
        }
  if (crosses) {
    Launch serial;
    serial.kind = Launch::Serial;
    for (Operation &op : body.without_terminator())
      serial.ops.push_back(&op);
    launches.assign({serial});
  }
  return success();
}

void KernelMapper::cloneRecomputed(OpBuilder &b, ArrayRef<Operation *> roots,
                                   IRMapping &mapping) {
  Block &body = kernel.getBody().front();
  llvm::SmallPtrSet<Operation *, 8> own(roots.begin(), roots.end());
  SetVector<Operation *> needed;
  SmallVector<Value> worklist;
  auto visitOp = [&](Operation *op) {
    for (Value operand : op->getOperands())
      worklist.push_back(operand);
    for (Region &region : op->getRegions()) {
      SetVector<Value> captured;
      getUsedValuesDefinedAbove(region, captured);
      worklist.append(captured.begin(), captured.end());
    }
  };
  for (Operation *root : roots)
    visitOp(root);
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    Operation *def = value.getDefiningOp();
    if (!def || def->getBlock() != &body || !isRecomputable(def) ||
        own.contains(def))
      continue;
    if (needed.insert(def))
      visitOp(def);
  }
  SmallVector<Operation *> ordered(needed.begin(), needed.end());
  llvm::sort(ordered,
             [](Operation *a, Operation *c) { return a->isBeforeInBlock(c); });
  for (Operation *op : ordered)
    b.clone(*op, mapping);
}

void KernelMapper::emitFill(OpBuilder &b, Location loc, linalg::FillOp op,
                            ArrayRef<Value> ivs, IRMapping &mapping) {
  Value value = mapping.lookupOrDefault(op.value());
  Value out = mapping.lookupOrDefault(op.getDpsInits()[0]);
  memref::StoreOp::create(b, loc, value, out, ivs);
}

/// The body of one point of `op`'s parallel loops: with `lane` (a warp's
/// lane) the reduction is split over the warp.
void KernelMapper::emitGeneric(OpBuilder &b, Location loc, linalg::GenericOp op,
                               ArrayRef<Value> parallelIvs,
                               const Launch &launch, Value lane,
                               IRMapping &mapping) {
  SmallVector<int64_t> sizes = *staticLoopSizes(op);
  unsigned numParallel = parallelIvs.size();
  ArrayRef<int64_t> reductionSizes =
      ArrayRef<int64_t>(sizes).drop_front(numParallel);
  Block &body = op.getRegion().front();
  unsigned numInputs = op.getNumDpsInputs();

  // The indices of an operand at a point; a point of the parallel loops
  // alone (for the outputs, which do not depend on the reduction loops)
  // is completed with zeros.
  auto indicesAt = [&](OpBuilder &nb, OpOperand &operand, ArrayRef<Value> ivs) {
    AffineMap map = op.getMatchingIndexingMap(&operand);
    SmallVector<Value> dims(ivs);
    while (dims.size() < map.getNumDims())
      dims.push_back(arith::ConstantIndexOp::create(nb, loc, 0));
    return *affine::expandAffineMap(nb, loc, map, dims);
  };
  // Loads an operand at the point `ivs`.
  auto load = [&](OpBuilder &nb, OpOperand &operand,
                  ArrayRef<Value> ivs) -> Value {
    Value source = mapping.lookupOrDefault(operand.get());
    if (!isa<MemRefType>(source.getType()))
      return source; // a scalar operand
    return memref::LoadOp::create(nb, loc, source, indicesAt(nb, operand, ivs));
  };
  // The body at the point `ivs`, the outputs' block arguments bound to
  // `accumulators`; returns the yielded values.
  auto emitBody = [&](OpBuilder &nb, ArrayRef<Value> ivs,
                      ValueRange accumulators,
                      Operation *stopAt) -> SmallVector<Value> {
    IRMapping local = mapping;
    for (OpOperand *input : op.getDpsInputOperands()) {
      BlockArgument arg = body.getArgument(input->getOperandNumber());
      if (!arg.use_empty())
        local.map(arg, load(nb, *input, ivs));
    }
    for (auto [i, acc] : llvm::enumerate(accumulators))
      if (acc)
        local.map(body.getArgument(numInputs + i), acc);
    for (Operation &inner : body.without_terminator()) {
      if (&inner == stopAt)
        break;
      if (auto index = dyn_cast<linalg::IndexOp>(inner)) {
        local.map(index.getResult(), ivs[index.getDim()]);
        continue;
      }
      nb.clone(inner, local);
    }
    SmallVector<Value> results;
    if (stopAt) {
      // The value the combiner folds in.
      results.push_back(local.lookupOrDefault(
          stopAt->getOperand(1 - launch.combiner.accumulatorOperand)));
      return results;
    }
    for (Value yielded : body.getTerminator()->getOperands())
      results.push_back(local.lookupOrDefault(yielded));
    return results;
  };
  // Stores the outputs at the point.
  auto store = [&](OpBuilder &nb, ValueRange values, ArrayRef<Value> ivs) {
    for (auto [init, value] : llvm::zip_equal(op.getDpsInitsMutable(), values))
      memref::StoreOp::create(nb, loc, value,
                              mapping.lookupOrDefault(init.get()),
                              indicesAt(nb, init, ivs));
  };
  // The outputs' initial values: the absorbed fill's, or what is there.
  auto initialValues = [&](OpBuilder &nb) {
    SmallVector<Value> values;
    for (OpOperand &init : op.getDpsInitsMutable()) {
      if (launch.fill)
        values.push_back(
            mapping.lookupOrDefault(linalg::FillOp(launch.fill).value()));
      else
        values.push_back(load(nb, init, parallelIvs));
    }
    return values;
  };

  // Elementwise: one body.
  if (reductionSizes.empty()) {
    SmallVector<Value> accumulators;
    for (OpOperand &init : op.getDpsInitsMutable()) {
      BlockArgument arg = body.getArgument(init.getOperandNumber());
      accumulators.push_back(arg.use_empty() ? Value()
                                             : load(b, init, parallelIvs));
    }
    store(b, emitBody(b, parallelIvs, accumulators, nullptr), parallelIvs);
    return;
  }

  int64_t reduced = 1;
  for (int64_t size : reductionSizes)
    reduced *= size;
  auto reductionIvs = [&](OpBuilder &nb, Value linear) {
    SmallVector<Value> ivs(parallelIvs);
    llvm::append_range(ivs, delinearize(nb, loc, linear, reductionSizes));
    return ivs;
  };

  if (!lane) {
    // One thread: the outputs in registers through the whole reduction.
    SmallVector<Value> init = initialValues(b);
    Value zero = arith::ConstantIndexOp::create(b, loc, 0);
    Value count = arith::ConstantIndexOp::create(b, loc, reduced);
    Value one = arith::ConstantIndexOp::create(b, loc, 1);
    auto loop = scf::ForOp::create(
        b, loc, zero, count, one, init,
        [&](OpBuilder &nb, Location, Value r, ValueRange accumulators) {
          SmallVector<Value> next =
              emitBody(nb, reductionIvs(nb, r), accumulators, nullptr);
          scf::YieldOp::create(nb, loc, next);
        });
    store(b, loop.getResults(), parallelIvs);
    return;
  }

  // One warp: lane l combines the elements l, l + 32, ... from the
  // identity, the lanes combine by butterfly shuffles, lane 0 adds the
  // initial value and stores.
  const Combiner &combiner = launch.combiner;
  auto combine = [&](OpBuilder &nb, Value acc, Value value) -> Value {
    SmallVector<Value> operands(2);
    operands[combiner.accumulatorOperand] = acc;
    operands[1 - combiner.accumulatorOperand] = value;
    OperationState state(loc, combiner.op->getName(), operands,
                         combiner.op->getResultTypes(),
                         combiner.op->getAttrs());
    return nb.create(state)->getResult(0);
  };
  Value identity = arith::ConstantOp::create(b, loc, combiner.identity);
  Value count = arith::ConstantIndexOp::create(b, loc, reduced);
  Value step = arith::ConstantIndexOp::create(b, loc, kWarpSize);
  // The lane's share: the elements lane, lane + 32, ...
  auto lanePartial = [&](OpBuilder &nb, Value laneId) {
    auto loop = scf::ForOp::create(
        nb, loc, laneId, count, step, ValueRange{identity},
        [&](OpBuilder &lb, Location, Value r, ValueRange accumulators) {
          SmallVector<Value> value =
              emitBody(lb, reductionIvs(lb, r), {}, combiner.op);
          scf::YieldOp::create(lb, loc, combine(lb, accumulators[0], value[0]));
        });
    return loop.getResult(0);
  };
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value partial;
  if (!emulateWarps) {
    partial = lanePartial(b, lane);
    for (int32_t offset = kWarpSize / 2; offset > 0; offset /= 2) {
      auto shuffle = gpu::ShuffleOp::create(b, loc, partial, offset, kWarpSize,
                                            gpu::ShuffleMode::XOR);
      partial = combine(b, partial, shuffle.getShuffleResult());
    }
  } else {
    // The same computation on one thread: every lane's share into an
    // array, then each butterfly step as all lanes would take it (lane l
    // combines its value with lane l ^ offset's, in that order).
    Type type = identity.getType();
    auto lanesType = MemRefType::get({kWarpSize}, type);
    Value lanes = memref::AllocaOp::create(b, loc, lanesType);
    Value next = memref::AllocaOp::create(b, loc, lanesType);
    Value one = arith::ConstantIndexOp::create(b, loc, 1);
    Value warp = arith::ConstantIndexOp::create(b, loc, kWarpSize);
    scf::ForOp::create(b, loc, zero, warp, one, ValueRange{},
                       [&](OpBuilder &nb, Location, Value l, ValueRange) {
                         memref::StoreOp::create(nb, loc, lanePartial(nb, l),
                                                 lanes, ValueRange{l});
                         scf::YieldOp::create(nb, loc);
                       });
    for (int32_t offset = kWarpSize / 2; offset > 0; offset /= 2) {
      Value mask = arith::ConstantIndexOp::create(b, loc, offset);
      scf::ForOp::create(
          b, loc, zero, warp, one, ValueRange{},
          [&](OpBuilder &nb, Location, Value l, ValueRange) {
            Value mine = memref::LoadOp::create(nb, loc, lanes, ValueRange{l});
            Value partner = arith::XOrIOp::create(nb, loc, l, mask);
            Value other =
                memref::LoadOp::create(nb, loc, lanes, ValueRange{partner});
            memref::StoreOp::create(nb, loc, combine(nb, mine, other), next,
                                    ValueRange{l});
            scf::YieldOp::create(nb, loc);
          });
      memref::CopyOp::create(b, loc, next, lanes);
    }
    partial = memref::LoadOp::create(b, loc, lanes, ValueRange{zero});
  }
  Value first =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, lane, zero);
  auto ifOp = scf::IfOp::create(b, loc, first, /*withElseRegion=*/false);
  OpBuilder tb = ifOp.getThenBodyBuilder();
  Value init = initialValues(tb)[0];
  store(tb, {combine(tb, init, partial)}, parallelIvs);
}

LogicalResult KernelMapper::buildLaunch(const Launch &launch, unsigned index) {
  MLIRContext *context = kernel.getContext();
  Location loc = launch.ops.empty() ? kernel.getLoc() : launch.ops[0]->getLoc();
  OpBuilder mb = OpBuilder::atBlockEnd(gpuModule.getBody());
  std::string name = (kernel.getSymName() + "_" + Twine(index)).str();
  auto function =
      gpu::GPUFuncOp::create(mb, loc, name, kernel.getFunctionType());
  function->setAttr(gpu::GPUDialect::getKernelFuncAttrName(),
                    UnitAttr::get(context));
  // Kernels read and write distinct buffers.
  for (unsigned i = 0, e = function.getNumArguments(); i < e; ++i)
    function.setArgAttr(i, "llvm.noalias", UnitAttr::get(context));
  Block &entry = function.getBody().front();
  OpBuilder b = OpBuilder::atBlockBegin(&entry);
  IRMapping mapping;
  for (auto [from, to] :
       llvm::zip_equal(kernel.getArguments(), function.getArguments()))
    mapping.map(from, to);
  SmallVector<Operation *> roots(launch.ops);
  if (launch.fill)
    roots.push_back(launch.fill);
  cloneRecomputed(b, roots, mapping);

  std::array<int64_t, 3> grid = {1, 1, 1}, block = {1, 1, 1};
  if (launch.kind == Launch::Serial) {
    IRRewriter rewriter(context);
    for (Operation *op : launch.ops) {
      Operation *copy = b.clone(*op, mapping);
      // Linalg ops become loops here, on the copy.
      if (auto linalgOp = dyn_cast<linalg::LinalgOp>(copy)) {
        rewriter.setInsertionPoint(copy);
        if (failed(linalg::linalgOpToLoops(rewriter, linalgOp)))
          return op->emitOpError("cannot be lowered to loops");
        rewriter.eraseOp(copy);
      }
    }
  } else {
    auto linalgOp = cast<linalg::LinalgOp>(launch.root);
    SmallVector<int64_t> sizes = *staticLoopSizes(linalgOp);
    SmallVector<int64_t> parallelSizes(
        ArrayRef<int64_t>(sizes).take_front(linalgOp.getNumParallelLoops()));
    int64_t points = 1;
    for (int64_t size : parallelSizes)
      points *= size;
    int64_t perBlock;
    Value point, lane;
    Value blockId = gpu::BlockIdOp::create(b, loc, gpu::Dimension::x);
    if (launch.kind == Launch::PerThread) {
      // A block of blockSize threads, or fewer (a multiple of the warp)
      // when there are fewer points.
      perBlock =
          std::min<int64_t>(blockSize, ceilDiv(points, kWarpSize) * kWarpSize);
      block = {perBlock, 1, 1};
      Value thread = gpu::ThreadIdOp::create(b, loc, gpu::Dimension::x);
      point = arith::AddIOp::create(
          b, loc,
          arith::MulIOp::create(
              b, loc, blockId,
              arith::ConstantIndexOp::create(b, loc, perBlock)),
          thread);
    } else {
      // Warps of 32 lanes along x, blockSize / 32 of them along y (one
      // thread doing a warp's work when warps are emulated).
      perBlock = std::min<int64_t>(std::max<int64_t>(blockSize / kWarpSize, 1),
                                   points);
      block = {emulateWarps ? 1 : kWarpSize, perBlock, 1};
      lane = gpu::ThreadIdOp::create(b, loc, gpu::Dimension::x);
      Value warp = gpu::ThreadIdOp::create(b, loc, gpu::Dimension::y);
      point = arith::AddIOp::create(
          b, loc,
          arith::MulIOp::create(
              b, loc, blockId,
              arith::ConstantIndexOp::create(b, loc, perBlock)),
          warp);
    }
    grid[0] = ceilDiv(points, perBlock);
    if (grid[0] > kMaxGridX)
      return launch.root->emitOpError("needs ")
             << grid[0] << " blocks, more than CUDA's " << kMaxGridX;
    OpBuilder inner = b;
    if (points % perBlock != 0) {
      // The last block's extra threads (or warps: the condition is the
      // same for a whole warp, so its shuffles see every lane) do nothing.
      Value inRange =
          arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, point,
                                arith::ConstantIndexOp::create(b, loc, points));
      auto ifOp = scf::IfOp::create(b, loc, inRange, /*withElseRegion=*/false);
      inner = ifOp.getThenBodyBuilder();
    }
    SmallVector<Value> ivs = delinearize(inner, loc, point, parallelSizes);
    if (auto fill = dyn_cast<linalg::FillOp>(launch.root))
      emitFill(inner, loc, fill, ivs, mapping);
    else
      emitGeneric(inner, loc, cast<linalg::GenericOp>(launch.root), ivs, launch,
                  lane, mapping);
  }
  gpu::ReturnOp::create(b, loc);
  function.setKnownBlockSizeAttr(DenseI32ArrayAttr::get(
      context, {int32_t(block[0]), int32_t(block[1]), int32_t(block[2])}));
  function.setKnownGridSizeAttr(DenseI32ArrayAttr::get(
      context, {int32_t(grid[0]), int32_t(grid[1]), int32_t(grid[2])}));
  built.push_back({function, grid, block});
  return success();
}

LogicalResult KernelMapper::run() {
  if (!llvm::all_of(kernel.getArgumentTypes(), [](Type type) {
        auto memref = dyn_cast<MemRefType>(type);
        return memref && memref.hasStaticShape() &&
               memref.getLayout().isIdentity();
      }))
    return kernel.emitOpError(
        "must take statically shaped memrefs with the identity layout (one "
        "device pointer each)");
  if (kernel.getNumResults() != 0)
    return kernel.emitOpError("must return nothing");
  if (failed(prepare()) || failed(formLaunches()))
    return failure();
  for (auto [i, launch] : llvm::enumerate(launches))
    if (failed(buildLaunch(launch, i)))
      return failure();
  // A kernel with nothing to do is still one launch, so that every
  // dispatch launches something.
  if (launches.empty()) {
    Launch empty;
    empty.kind = Launch::Serial;
    if (failed(buildLaunch(empty, 0)))
      return failure();
  }

  // The host side: the launches in order, each with every buffer.
  Block &body = kernel.getBody().front();
  Operation *terminator = body.getTerminator();
  SmallVector<Operation *> old;
  for (Operation &op : body.without_terminator())
    old.push_back(&op);
  for (Operation *op : llvm::reverse(old)) {
    op->dropAllUses();
    op->erase();
  }
  OpBuilder b(terminator);
  Location loc = kernel.getLoc();
  DenseMap<int64_t, Value> constants;
  auto constant = [&](int64_t value) {
    Value &slot = constants[value];
    if (!slot)
      slot = arith::ConstantIndexOp::create(b, loc, value);
    return slot;
  };
  auto dim3 = [&](std::array<int64_t, 3> sizes) {
    return gpu::KernelDim3{constant(sizes[0]), constant(sizes[1]),
                           constant(sizes[2])};
  };
  // The sizes first, so that the launches follow each other.
  for (const Built &launch : built) {
    dim3(launch.grid);
    dim3(launch.block);
  }
  for (const Built &launch : built)
    gpu::LaunchFuncOp::create(
        b, loc, launch.function, dim3(launch.grid), dim3(launch.block),
        /*dynamicSharedMemorySize=*/Value(), kernel.getArguments());
  return success();
}

/// Copies into the gpu.module the module-level symbols (constant globals,
/// helper functions) its kernels use.
LogicalResult copySymbols(ModuleOp module, gpu::GPUModuleOp gpuModule) {
  SymbolTable moduleSymbols(module);
  SymbolTable gpuSymbols(gpuModule);
  SmallVector<Operation *> worklist;
  for (Operation &op : gpuModule.getBody()->getOperations())
    worklist.push_back(&op);
  while (!worklist.empty()) {
    Operation *op = worklist.pop_back_val();
    SmallVector<StringAttr> names;
    op->walk([&](Operation *inner) {
      inner->getAttrDictionary().walk(
          [&](FlatSymbolRefAttr ref) { names.push_back(ref.getAttr()); });
    });
    for (StringAttr name : names) {
      if (gpuSymbols.lookup(name))
        continue;
      Operation *symbol = moduleSymbols.lookup(name);
      if (!symbol)
        continue;
      Operation *copy = symbol->clone();
      gpuSymbols.insert(copy, gpuModule.getBody()->begin());
      worklist.push_back(copy);
    }
  }
  return success();
}

struct CudaMapToGpuPass
    : mlir::tessera::impl::CudaMapToGpuPassBase<CudaMapToGpuPass> {
  using CudaMapToGpuPassBase::CudaMapToGpuPassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *context = &getContext();
    if (blockSize < kWarpSize || blockSize > 1024 || blockSize % kWarpSize) {
      module.emitError("tessera-cuda-map-to-gpu: block-size must be a "
                       "multiple of 32 from 32 to 1024, got ")
          << static_cast<unsigned>(blockSize);
      return signalPassFailure();
    }
    SmallVector<func::FuncOp> kernels;
    for (auto function : module.getOps<func::FuncOp>())
      if (!function.isDeclaration() && function.isPublic())
        kernels.push_back(function);
    // The module exists even without kernels, so that there is PTX.
    module->setAttr(gpu::GPUDialect::getContainerModuleAttrName(),
                    UnitAttr::get(context));
    OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
    auto gpuModule =
        gpu::GPUModuleOp::create(b, module.getLoc(), kGpuModuleName);
    for (func::FuncOp kernel : kernels) {
      KernelMapper mapper(module, gpuModule, kernel, blockSize,
                          warpReductionSize, emulateWarps);
      if (failed(mapper.run()))
        return signalPassFailure();
    }
    if (failed(copySymbols(module, gpuModule)))
      return signalPassFailure();
  }
};

} // namespace
