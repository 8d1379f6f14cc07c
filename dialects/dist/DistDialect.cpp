//===- DistDialect.cpp - The dist dialect and its attributes --------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "dialects/dist/DistOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallSet.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::dist;

#include "dialects/dist/DistDialect.cpp.inc"
#include "dialects/dist/DistEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/dist/DistAttrs.cpp.inc"

void DistDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "dialects/dist/DistAttrs.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "dialects/dist/DistOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// MeshAttr
//===----------------------------------------------------------------------===//

Attribute MeshAttr::parse(AsmParser &parser, Type) {
  SmallVector<StringAttr> axes;
  SmallVector<int64_t> sizes;
  auto parseAxis = [&]() -> ParseResult {
    std::string name;
    int64_t size;
    if (parser.parseString(&name) || parser.parseEqual() ||
        parser.parseInteger(size))
      return failure();
    axes.push_back(StringAttr::get(parser.getContext(), name));
    sizes.push_back(size);
    return success();
  };
  if (parser.parseLess() ||
      parser.parseCommaSeparatedList(AsmParser::Delimiter::Square, parseAxis) ||
      parser.parseGreater())
    return {};
  return parser.getChecked<MeshAttr>(parser.getContext(), axes, sizes);
}

void MeshAttr::print(AsmPrinter &printer) const {
  printer << "<[";
  llvm::interleaveComma(
      llvm::zip_equal(getAxes(), getSizes()), printer, [&](auto axis) {
        printer << std::get<0>(axis) << " = " << std::get<1>(axis);
      });
  printer << "]>";
}

LogicalResult MeshAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                               ArrayRef<StringAttr> axes,
                               ArrayRef<int64_t> sizes) {
  if (axes.size() != sizes.size())
    return emitError() << "a mesh needs one size per axis";
  llvm::SmallSet<StringRef, 4> seen;
  for (auto [axis, size] : llvm::zip_equal(axes, sizes)) {
    if (axis.getValue().empty())
      return emitError() << "a mesh axis needs a name";
    if (!seen.insert(axis.getValue()).second)
      return emitError() << "mesh axis \"" << axis.getValue()
                         << "\" appears twice";
    if (size < 1)
      return emitError() << "mesh axis \"" << axis.getValue() << "\" has size "
                         << size << "; sizes are positive";
  }
  return success();
}

int64_t MeshAttr::getNumDevices() const {
  int64_t devices = 1;
  for (int64_t size : getSizes())
    devices *= size;
  return devices;
}

int64_t MeshAttr::getAxisIndex(StringRef axis) const {
  for (auto [i, name] : llvm::enumerate(getAxes()))
    if (name.getValue() == axis)
      return int64_t(i);
  return -1;
}

int64_t MeshAttr::getAxisSize(StringRef axis) const {
  int64_t index = getAxisIndex(axis);
  return index < 0 ? 1 : getSizes()[index];
}

int64_t MeshAttr::getGroupSize(ArrayRef<StringAttr> axes) const {
  int64_t size = 1;
  for (StringAttr axis : axes)
    size *= getAxisSize(axis.getValue());
  return size;
}

SmallVector<int64_t> MeshAttr::getCoordinates(int64_t rank) const {
  SmallVector<int64_t> coordinates(getSizes().size());
  for (int64_t i = int64_t(getSizes().size()) - 1; i >= 0; --i) {
    coordinates[i] = rank % getSizes()[i];
    rank /= getSizes()[i];
  }
  return coordinates;
}

SmallVector<int64_t> MeshAttr::getGroup(int64_t rank,
                                        ArrayRef<StringAttr> axes) const {
  SmallVector<int64_t> base = getCoordinates(rank);
  SmallVector<int64_t> indices;
  for (StringAttr axis : axes)
    indices.push_back(getAxisIndex(axis.getValue()));
  SmallVector<int64_t> members;
  int64_t count = getGroupSize(axes);
  for (int64_t member = 0; member < count; ++member) {
    // Member `member`'s coordinates on `axes`, row-major in their order.
    SmallVector<int64_t> coordinates = base;
    int64_t rest = member;
    for (int64_t i = int64_t(indices.size()) - 1; i >= 0; --i) {
      int64_t size = getSizes()[indices[i]];
      coordinates[indices[i]] = rest % size;
      rest /= size;
    }
    int64_t memberRank = 0;
    for (auto [coordinate, size] : llvm::zip_equal(coordinates, getSizes()))
      memberRank = memberRank * size + coordinate;
    members.push_back(memberRank);
  }
  return members;
}

int64_t MeshAttr::getGroupIndex(int64_t rank, ArrayRef<StringAttr> axes) const {
  SmallVector<int64_t> coordinates = getCoordinates(rank);
  int64_t index = 0;
  for (StringAttr axis : axes) {
    int64_t i = getAxisIndex(axis.getValue());
    index = index * getSizes()[i] + coordinates[i];
  }
  return index;
}

//===----------------------------------------------------------------------===//
// ShardingAttr
//===----------------------------------------------------------------------===//

ShardingAttr ShardingAttr::get(MLIRContext *context,
                               ArrayRef<SmallVector<StringAttr>> dims) {
  SmallVector<ArrayAttr> arrays;
  for (const SmallVector<StringAttr> &axes : dims)
    arrays.push_back(ArrayAttr::get(
        context, SmallVector<Attribute>(axes.begin(), axes.end())));
  return get(context, arrays);
}

ShardingAttr ShardingAttr::getReplicated(MLIRContext *context, int64_t rank) {
  return get(context, SmallVector<SmallVector<StringAttr>>(rank));
}

Attribute ShardingAttr::parse(AsmParser &parser, Type) {
  SmallVector<ArrayAttr> dims;
  auto parseDim = [&]() -> ParseResult {
    SmallVector<Attribute> axes;
    if (parser.parseCommaSeparatedList(
            AsmParser::Delimiter::Braces, [&]() -> ParseResult {
              std::string name;
              if (parser.parseString(&name))
                return failure();
              axes.push_back(StringAttr::get(parser.getContext(), name));
              return success();
            }))
      return failure();
    dims.push_back(ArrayAttr::get(parser.getContext(), axes));
    return success();
  };
  // <{"dp"}, {}, {"tp"}>; <> for a scalar.
  if (parser.parseLess())
    return {};
  if (failed(parser.parseOptionalGreater()) &&
      (parser.parseCommaSeparatedList(parseDim) || parser.parseGreater()))
    return {};
  return parser.getChecked<ShardingAttr>(parser.getContext(), dims);
}

void ShardingAttr::print(AsmPrinter &printer) const {
  printer << "<";
  llvm::interleaveComma(getDims(), printer, [&](ArrayAttr axes) {
    printer << "{";
    llvm::interleaveComma(axes, printer, [&](Attribute axis) {
      printer << cast<StringAttr>(axis);
    });
    printer << "}";
  });
  printer << ">";
}

LogicalResult ShardingAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                   ArrayRef<ArrayAttr> dims) {
  llvm::SmallSet<StringRef, 4> seen;
  for (ArrayAttr axes : dims)
    for (Attribute axis : axes) {
      auto name = dyn_cast<StringAttr>(axis);
      if (!name || name.getValue().empty())
        return emitError() << "a sharding lists mesh axes by name";
      if (!seen.insert(name.getValue()).second)
        return emitError() << "mesh axis \"" << name.getValue()
                           << "\" shards more than one dimension";
    }
  return success();
}

SmallVector<StringAttr> ShardingAttr::getAxes(int64_t dim) const {
  return getAxisNames(getDims()[dim]);
}

SmallVector<StringAttr> ShardingAttr::getUsedAxes() const {
  SmallVector<StringAttr> axes;
  for (ArrayAttr dim : getDims())
    llvm::append_range(axes, getAxisNames(dim));
  return axes;
}

bool ShardingAttr::isReplicated() const {
  return llvm::all_of(getDims(), [](ArrayAttr axes) { return axes.empty(); });
}

std::string ShardingAttr::check(RankedTensorType type, MeshAttr mesh) const {
  std::string problem;
  llvm::raw_string_ostream os(problem);
  if (getRank() != type.getRank()) {
    os << "the sharding has " << getRank() << " dimensions, the tensor "
       << type.getRank();
    return problem;
  }
  for (int64_t dim = 0; dim < getRank(); ++dim) {
    SmallVector<StringAttr> axes = getAxes(dim);
    for (StringAttr axis : axes)
      if (!mesh || mesh.getAxisIndex(axis.getValue()) < 0) {
        os << "mesh axis \"" << axis.getValue() << "\" is not in the mesh";
        return problem;
      }
    int64_t parts = mesh ? mesh.getGroupSize(axes) : 1;
    if (type.getDimSize(dim) % parts != 0) {
      os << "dimension " << dim << " of size " << type.getDimSize(dim)
         << " does not divide into " << parts << " parts (";
      llvm::interleave(
          axes, os, [&](StringAttr a) { os << a.getValue(); }, "x");
      os << ")";
      return problem;
    }
  }
  return problem;
}

SmallVector<int64_t> ShardingAttr::getLocalShape(ArrayRef<int64_t> shape,
                                                 MeshAttr mesh) const {
  SmallVector<int64_t> local(shape);
  for (int64_t dim = 0; dim < getRank(); ++dim)
    local[dim] /= mesh.getGroupSize(getAxes(dim));
  return local;
}

SmallVector<int64_t> ShardingAttr::getLocalOffsets(ArrayRef<int64_t> shape,
                                                   MeshAttr mesh,
                                                   int64_t rank) const {
  SmallVector<int64_t> local = getLocalShape(shape, mesh);
  SmallVector<int64_t> offsets(shape.size(), 0);
  for (int64_t dim = 0; dim < getRank(); ++dim)
    offsets[dim] = mesh.getGroupIndex(rank, getAxes(dim)) * local[dim];
  return offsets;
}

//===----------------------------------------------------------------------===//
// Discardable attributes
//===----------------------------------------------------------------------===//

namespace {
LogicalResult verifyValueSharding(Operation *op, Type type, Attribute attr,
                                  StringRef what) {
  auto sharding = dyn_cast<ShardingAttr>(attr);
  if (!sharding)
    return op->emitOpError() << what << " must be a #dist.sharding";
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor)
    return op->emitOpError() << what << " shards a value that is not a "
                             << "ranked tensor";
  std::string problem = sharding.check(tensor, getMesh(op));
  if (!problem.empty())
    return op->emitOpError() << what << " " << sharding << ": " << problem;
  return success();
}
} // namespace

LogicalResult DistDialect::verifyOperationAttribute(Operation *op,
                                                    NamedAttribute attribute) {
  StringRef name = attribute.getName().getValue();
  if (name == kMeshAttrName) {
    if (!isa<MeshAttr>(attribute.getValue()))
      return op->emitOpError() << "'" << name << "' must be a #dist.mesh";
    if (!isa<ModuleOp>(op))
      return op->emitOpError() << "'" << name << "' belongs on a module";
    return success();
  }
  if (name == kRankAttrName) {
    auto rank = dyn_cast<IntegerAttr>(attribute.getValue());
    MeshAttr mesh = getMesh(op);
    if (!rank || rank.getInt() < 0 ||
        (mesh && rank.getInt() >= mesh.getNumDevices()))
      return op->emitOpError()
             << "'" << name << "' must be a rank of the module's mesh";
    return success();
  }
  if (name == kStageAttrName || name == kMicrobatchAttrName) {
    auto index = dyn_cast<IntegerAttr>(attribute.getValue());
    if (!index || index.getInt() < 0)
      return op->emitOpError()
             << "'" << name << "' must be a non-negative integer";
    return success();
  }
  if (name == kStageCostsAttrName) {
    if (!isa<ArrayAttr>(attribute.getValue()))
      return op->emitOpError() << "'" << name << "' must be an array";
    return success();
  }
  if (name == kAxesAttrName) {
    auto axes = dyn_cast<ArrayAttr>(attribute.getValue());
    if (!axes ||
        !llvm::all_of(axes, [](Attribute a) { return isa<StringAttr>(a); }))
      return op->emitOpError()
             << "'" << name << "' must be an array of mesh axis names";
    return success();
  }
  if (name == kReshardDecisionsAttrName) {
    auto decisions = dyn_cast<ArrayAttr>(attribute.getValue());
    if (!decisions || !llvm::all_of(decisions, [](Attribute decision) {
          auto fields = dyn_cast<DictionaryAttr>(decision);
          return fields && isa_and_nonnull<ShardingAttr>(fields.get("from")) &&
                 isa_and_nonnull<ShardingAttr>(fields.get("to")) &&
                 isa_and_nonnull<IntegerAttr>(fields.get("bytes"));
        }))
      return op->emitOpError()
             << "'" << name << "' must be an array of dictionaries with "
             << "'from' and 'to' shardings and 'bytes'";
    return success();
  }
  if (name == kShardingsAttrName) {
    auto shardings = dyn_cast<ArrayAttr>(attribute.getValue());
    if (!shardings || shardings.size() != op->getNumResults())
      return op->emitOpError()
             << "'" << name << "' needs one #dist.sharding per result";
    for (auto [result, sharding] : llvm::zip_equal(op->getResults(), shardings))
      if (failed(verifyValueSharding(op, result.getType(), sharding,
                                     "the sharding of a result")))
        return failure();
    return success();
  }
  return op->emitOpError() << "unknown dist attribute '" << name << "'";
}

LogicalResult DistDialect::verifyRegionArgAttribute(Operation *op, unsigned,
                                                    unsigned argIndex,
                                                    NamedAttribute attribute) {
  if (attribute.getName().getValue() != kShardingAttrName)
    return op->emitOpError() << "unknown dist argument attribute '"
                             << attribute.getName().getValue() << "'";
  if (op->getNumRegions() == 0 || op->getRegion(0).empty())
    return success();
  Type type = op->getRegion(0).getArgument(argIndex).getType();
  return verifyValueSharding(op, type, attribute.getValue(),
                             "the sharding of argument " +
                                 std::to_string(argIndex));
}

LogicalResult DistDialect::verifyRegionResultAttribute(
    Operation *op, unsigned, unsigned resultIndex, NamedAttribute attribute) {
  if (attribute.getName().getValue() != kShardingAttrName)
    return op->emitOpError() << "unknown dist result attribute '"
                             << attribute.getName().getValue() << "'";
  return success();
}

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

MeshAttr dist::getMesh(Operation *op) {
  for (Operation *parent = op; parent; parent = parent->getParentOp())
    if (auto mesh = parent->getAttrOfType<MeshAttr>(DistDialect::kMeshAttrName))
      return mesh;
  return {};
}

SmallVector<StringAttr> dist::getAxisNames(ArrayAttr axes) {
  SmallVector<StringAttr> names;
  for (Attribute axis : axes)
    names.push_back(cast<StringAttr>(axis));
  return names;
}

FailureOr<MeshAttr> dist::verifyAxes(Operation *op, ArrayRef<Attribute> axes) {
  MeshAttr mesh = getMesh(op);
  if (!mesh)
    return op->emitOpError("needs a mesh: a dist.mesh attribute on the "
                           "enclosing module");
  llvm::SmallSet<StringRef, 4> seen;
  for (Attribute axis : axes) {
    StringRef name = cast<StringAttr>(axis).getValue();
    if (mesh.getAxisIndex(name) < 0)
      return op->emitOpError()
             << "mesh axis \"" << name << "\" is not in the mesh " << mesh;
    if (!seen.insert(name).second)
      return op->emitOpError() << "mesh axis \"" << name << "\" appears twice";
  }
  return mesh;
}

void dist::setPipelinePlace(Operation *op, PipelinePlace place) {
  Builder b(op->getContext());
  SmallVector<NamedAttribute> entries;
  if (place.stage >= 0) {
    op->setAttr(DistDialect::kStageAttrName, b.getI64IntegerAttr(place.stage));
    entries.push_back(b.getNamedAttr(DistDialect::kStageAttrName,
                                     b.getI64IntegerAttr(place.stage)));
  }
  if (place.microbatch >= 0) {
    op->setAttr(DistDialect::kMicrobatchAttrName,
                b.getI64IntegerAttr(place.microbatch));
    entries.push_back(b.getNamedAttr(DistDialect::kMicrobatchAttrName,
                                     b.getI64IntegerAttr(place.microbatch)));
  }
  if (entries.empty())
    return;
  op->setLoc(FusedLoc::get(op->getContext(), {op->getLoc()},
                           b.getDictionaryAttr(entries)));
}

PipelinePlace dist::getPipelinePlace(Operation *op) {
  PipelinePlace place;
  auto read = [&](Attribute attr, int64_t &to) {
    if (auto value = dyn_cast_or_null<IntegerAttr>(attr))
      to = value.getInt();
  };
  read(op->getAttr(DistDialect::kStageAttrName), place.stage);
  read(op->getAttr(DistDialect::kMicrobatchAttrName), place.microbatch);
  if (place.stage >= 0 || place.microbatch >= 0)
    return place;
  op->getLoc()->walk([&](Location loc) {
    auto fused = dyn_cast<FusedLoc>(loc);
    auto metadata =
        fused ? dyn_cast_or_null<DictionaryAttr>(fused.getMetadata()) : nullptr;
    if (!metadata || !metadata.contains(DistDialect::kMicrobatchAttrName))
      return WalkResult::advance();
    read(metadata.get(DistDialect::kStageAttrName), place.stage);
    read(metadata.get(DistDialect::kMicrobatchAttrName), place.microbatch);
    return WalkResult::interrupt();
  });
  return place;
}
