//===- SpecializeRanks.cpp - One function per rank -------------------------===//
//
// Part of Tessera. See Passes.td.
//
//===----------------------------------------------------------------------===//

#include "dialects/dist/DistOps.h"
#include "dialects/tessera/ConstantData.h"
#include "dialects/tessera/TesseraOps.h"
#include "passes/partition/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/SymbolTable.h"
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
  Specializer(ModuleOp module, func::FuncOp function, MeshAttr mesh)
      : module(module), function(function), mesh(mesh) {}

  LogicalResult run() {
    OpBuilder builder(module.getContext());
    builder.setInsertionPointAfter(function);
    for (int64_t rank = 0; rank < mesh.getNumDevices(); ++rank) {
      auto clone = cast<func::FuncOp>(builder.clone(*function));
      clone.setName(function.getName().str() + "_rank" + std::to_string(rank));
      clone->setAttr(DistDialect::kRankAttrName,
                     builder.getI64IntegerAttr(rank));
      if (failed(specialize(clone, rank)))
        return failure();
    }
    // The signature stays, as a declaration.
    function.getBody().getBlocks().clear();
    function.setPrivate();
    return success();
  }

private:
  LogicalResult specialize(func::FuncOp clone, int64_t rank) {
    SmallVector<Operation *> ops;
    clone.walk([&](Operation *op) {
      if (isa<AxisIndexOp, LocalShardOp>(op))
        ops.push_back(op);
    });
    for (Operation *op : ops) {
      OpBuilder b(op);
      if (auto index = dyn_cast<AxisIndexOp>(op)) {
        int64_t value =
            mesh.getGroupIndex(rank, getAxisNames(index.getAxes()));
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
        block = SliceOp::create(b, op->getLoc(), shard.getInput(),
                                b.getDenseI64ArrayAttr(offsets),
                                b.getDenseI64ArrayAttr(limits),
                                b.getDenseI64ArrayAttr(SmallVector<int64_t>(
                                    offsets.size(), 1)));
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

  ModuleOp module;
  func::FuncOp function;
  MeshAttr mesh;
  llvm::StringMap<ElementsAttr> blocks;
};

struct SpecializeRanksPass
    : mlir::tessera::impl::SpecializeRanksPassBase<SpecializeRanksPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    MeshAttr mesh =
        module->getAttrOfType<MeshAttr>(DistDialect::kMeshAttrName);
    if (!mesh || mesh.getNumDevices() == 1)
      return;
    SmallVector<func::FuncOp> functions;
    for (auto function : module.getOps<func::FuncOp>())
      if (!function.isDeclaration() &&
          !function->hasAttr(DistDialect::kRankAttrName))
        functions.push_back(function);
    for (func::FuncOp function : functions) {
      Specializer specializer(module, function, mesh);
      if (failed(specializer.run()))
        return signalPassFailure();
    }
  }
};

} // namespace
