//===- ShardMegatron.cpp - Megatron-LM tensor parallelism -----------------===//
//
// Part of Tessera. See Passes.td.
//
// Blocks are recognized by following the feature dimension of a linear's
// input backward through the ops' sharding rules: the same rules that
// propagation uses, so what is recognized here is exactly what propagation
// will carry over `tp` without communication. The annotations are few --
// the weights of the linears, the embedding table, the LM head -- and
// propagation derives the rest (the heads of the attention, the
// activations between the two linears of a block).
//
// With the first linear of each block column-parallel and the second
// row-parallel, a block's only communication is the all-reduce of the
// row-parallel linear's partial output ([b, s, h]); the embedding's
// masked lookup adds one all-reduce and the LM head's logits are gathered
// at the output. So a model of L layers does 2L + 1 all-reduces of b*s*h
// elements and one all-gather of the logits.
//
//===----------------------------------------------------------------------===//

#include "dialects/tessera/TesseraOps.h"
#include "dialects/interfaces/ShardingRuleOpInterface.h"
#include "passes/sharding/Passes.h"
#include "passes/sharding/ShardingUtils.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringExtras.h"

namespace mlir::tessera {
#define GEN_PASS_DEF_SHARDMEGATRONPASS
#include "passes/sharding/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::dist;

namespace {

//===----------------------------------------------------------------------===//
// Linears
//===----------------------------------------------------------------------===//

/// Whether `value` is a weight: a 2-D constant, or the transpose of one (a
/// Gemm with transB, a tied embedding).
bool isWeight(Value value) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || type.getRank() != 2)
    return false;
  Operation *op = value.getDefiningOp();
  if (auto transpose = dyn_cast_or_null<TransposeOp>(op))
    op = transpose.getInput().getDefiningOp();
  return isa_and_nonnull<ConstantOp>(op);
}

/// x @ W (+ b): a matmul by a weight, and the bias added to its output.
struct Linear {
  MatmulOp matmul;
  AddOp biasAdd;

  Value getWeight() { return matmul.getRhs(); }
  Value getOutput() {
    return biasAdd ? biasAdd.getResult() : matmul.getResult();
  }
  int64_t getOutFeatures() { return matmul.getType().getShape().back(); }
  OpOperand &getBiasUse() {
    return biasAdd.getLhs() == matmul.getResult() ? biasAdd->getOpOperand(1)
                                                  : biasAdd->getOpOperand(0);
  }
  Value getBias() { return biasAdd ? getBiasUse().get() : Value(); }
};

std::optional<Linear> getLinear(MatmulOp matmul) {
  if (matmul.getLhs().getType().getRank() < 2 || !isWeight(matmul.getRhs()))
    return std::nullopt;
  Linear linear{matmul, {}};
  if (matmul->hasOneUse())
    if (auto add = dyn_cast<AddOp>(*matmul->user_begin())) {
      Value other =
          add.getLhs() == matmul.getResult() ? add.getRhs() : add.getLhs();
      auto type = dyn_cast<RankedTensorType>(other.getType());
      if (type && type.getRank() == 1 &&
          type.getDimSize(0) == linear.getOutFeatures() &&
          isa_and_nonnull<ConstantOp>(other.getDefiningOp()) &&
          add.getType() == matmul.getType())
        linear.biasAdd = add;
    }
  return linear;
}

//===----------------------------------------------------------------------===//
// Constants sliced at compile time
//===----------------------------------------------------------------------===//

/// The bytes of a constant with whole-byte elements, row-major.
std::optional<ArrayRef<char>> getRawBytes(ElementsAttr value,
                                          std::string &storage) {
  Type element = value.getShapedType().getElementType();
  if (!element.isIntOrFloat() || element.getIntOrFloatBitWidth() % 8 != 0)
    return std::nullopt;
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(value)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob)
      return std::nullopt;
    return blob->getData();
  }
  auto dense = dyn_cast<DenseElementsAttr>(value);
  if (!dense)
    return std::nullopt;
  if (!dense.isSplat())
    return dense.getRawData();
  // Expand a splat.
  ArrayRef<char> one = dense.getRawData();
  int64_t count = dense.getNumElements();
  storage.reserve(one.size() * count);
  for (int64_t i = 0; i < count; ++i)
    storage.append(one.begin(), one.end());
  return ArrayRef<char>(storage.data(), storage.size());
}

/// Elements [start, start + size) of dimension `dim` of a constant, as a new
/// constant: a dense_resource blob (named after the original with `suffix`)
/// when the original is one, inline otherwise.
std::optional<ElementsAttr> sliceConstant(ElementsAttr value, int64_t dim,
                                          int64_t start, int64_t size,
                                          StringRef suffix) {
  std::string storage;
  std::optional<ArrayRef<char>> bytes = getRawBytes(value, storage);
  if (!bytes)
    return std::nullopt;
  ShapedType type = value.getShapedType();
  ArrayRef<int64_t> shape = type.getShape();
  int64_t elementBytes = type.getElementType().getIntOrFloatBitWidth() / 8;
  int64_t outer = 1, inner = elementBytes;
  for (int64_t d = 0; d < dim; ++d)
    outer *= shape[d];
  for (int64_t d = dim + 1, e = shape.size(); d < e; ++d)
    inner *= shape[d];
  SmallVector<int64_t> sliceShape(shape);
  sliceShape[dim] = size;
  auto sliceType = RankedTensorType::get(sliceShape, type.getElementType());
  constexpr size_t kAlignment = 64;
  AsmResourceBlob blob =
      HeapAsmResourceBlob::allocate(outer * size * inner, kAlignment);
  MutableArrayRef<char> out = blob.getMutableData();
  for (int64_t o = 0; o < outer; ++o)
    std::memcpy(out.data() + o * size * inner,
                bytes->data() + (o * shape[dim] + start) * inner,
                size * inner);
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(value))
    return ElementsAttr(DenseResourceElementsAttr::get(
        sliceType, (resource.getRawHandle().getKey() + suffix).str(),
        std::move(blob)));
  bool isSplat = false;
  ArrayRef<char> data(out.data(), out.size());
  if (!DenseElementsAttr::isValidRawBuffer(sliceType, data, isSplat))
    return std::nullopt;
  return ElementsAttr(DenseElementsAttr::getFromRawBuffer(sliceType, data));
}

/// `loc` renamed for part `index`: an initializer's NameLoc gets ":index"
/// appended; a node's output names keep only the name of result `index`.
Location partLoc(Location loc, int64_t index, bool initializer) {
  MLIRContext *context = loc.getContext();
  if (auto name = dyn_cast<NameLoc>(loc); name && initializer)
    return NameLoc::get(
        StringAttr::get(context, name.getName().str() + ":" +
                                     std::to_string(index)),
        name.getChildLoc());
  if (auto fused = dyn_cast<FusedLoc>(loc))
    if (auto names = dyn_cast_or_null<ArrayAttr>(fused.getMetadata());
        names && index < int64_t(names.size()))
      return FusedLoc::get(context, fused.getLocations(),
                           ArrayAttr::get(context, {names[index]}));
  return loc;
}

//===----------------------------------------------------------------------===//
// Blocks
//===----------------------------------------------------------------------===//

enum class Role { None, Column, Row, LmHead };

/// What following a row-parallel candidate's input features back found.
struct Block {
  Operation *row = nullptr;
  /// The column-parallel linears (their matmuls), in the order found.
  llvm::SetVector<Operation *> columns;
  /// Values that carry the split dimension, and which dimension.
  llvm::MapVector<Value, int64_t> traced;
  /// The ops that compute them.
  llvm::SetVector<Operation *> ops;
  /// Splits of a fused projection's output: split op -> the linear.
  llvm::MapVector<Operation *, Operation *> fusedSplits;
  bool isAttention = false;
};

class Recognizer {
public:
  Recognizer(func::FuncOp function, MeshAttr mesh, StringAttr tp)
      : function(function), mesh(mesh), tp(tp),
        tpSize(mesh.getAxisSize(tp.getValue())) {}

  void run();

private:
  void collectLinears();
  LogicalResult trace(Block &block, Value value, int64_t dim,
                      std::string &why);
  LogicalResult recognize(Operation *row, Block &block, std::string &why);
  /// Rewrites the fused linear `linearOp` whose output `split` divides into
  /// equal parts into one linear per part; false if it cannot.
  bool splitFused(Operation *linearOp, SplitOp split);
  void annotateWeight(Value weight, OpOperand &use, bool column);

  /// A linear for a remark: its node and, when it has one, its weight's
  /// name (what a rules file would match).
  std::string describeLinear(Operation *matmul) {
    std::string text = describeOp(matmul);
    Value weight = cast<MatmulOp>(matmul).getRhs();
    if (auto shard = weight.getDefiningOp<ShardOp>())
      weight = shard.getInput();
    if (auto transpose = weight.getDefiningOp<TransposeOp>())
      weight = transpose.getInput();
    if (std::string name = getOnnxName(weight); !name.empty())
      text += " (weight '" + name + "')";
    return text;
  }

  func::FuncOp function;
  MeshAttr mesh;
  StringAttr tp;
  int64_t tpSize;
  /// Linears by matmul, in program order.
  llvm::MapVector<Operation *, Linear> linears;
  /// The linear whose output each value is.
  DenseMap<Value, Operation *> linearOutputs;
  DenseMap<Operation *, Role> roles;
};

void Recognizer::collectLinears() {
  linears.clear();
  linearOutputs.clear();
  function.walk([&](MatmulOp matmul) {
    if (std::optional<Linear> linear = getLinear(matmul)) {
      linears.insert({matmul, *linear});
      linearOutputs[linear->getOutput()] = matmul;
    }
  });
}

/// Follows dimension `dim` of `value` back to the output features of
/// linears, as a parallel factor of every op on the way.
LogicalResult Recognizer::trace(Block &block, Value value, int64_t dim,
                                std::string &why) {
  if (auto found = block.traced.find(value); found != block.traced.end()) {
    if (found->second == dim)
      return success();
    why = describeValue(value) + " is reached along two dimensions";
    return failure();
  }
  block.traced.insert({value, dim});
  auto type = cast<RankedTensorType>(value.getType());

  if (Operation *linear = linearOutputs.lookup(value)) {
    if (dim != type.getRank() - 1) {
      why = "it reaches the linear " + describeLinear(linear) +
            " along another dimension than its output features";
      return failure();
    }
    if (roles.lookup(linear) != Role::None) {
      why = "it reaches " + describeLinear(linear) +
            ", which another block already uses";
      return failure();
    }
    if (type.getDimSize(dim) % tpSize != 0) {
      why = "tp (" + std::to_string(tpSize) + ") does not divide the " +
            std::to_string(type.getDimSize(dim)) + " output features of " +
            describeLinear(linear);
      return failure();
    }
    block.columns.insert(linear);
    return success();
  }
  if (isa<BlockArgument>(value)) {
    why = "it comes from the input " + describeValue(value);
    return failure();
  }
  Operation *op = value.getDefiningOp();
  if (isa<ConstantOp>(op))
    return success();

  // A fused projection: its output split into equal parts along the
  // features, each part a column-parallel projection once split apart.
  if (auto split = dyn_cast<SplitOp>(op); split && split.getAxis() == dim) {
    Operation *linear = linearOutputs.lookup(split.getInput());
    ArrayRef<int64_t> sizes = split.getSizes();
    if (!linear || roles.lookup(linear) != Role::None ||
        dim != type.getRank() - 1 || !split.getInput().hasOneUse()) {
      why = "it reaches the split " + describeOp(op) +
            " of a value that is not a free linear's output features";
      return failure();
    }
    if (!llvm::all_equal(sizes) || sizes.front() % tpSize != 0) {
      why = "the split " + describeOp(op) +
            " does not divide into parts of a size tp (" +
            std::to_string(tpSize) + ") divides";
      return failure();
    }
    block.fusedSplits.insert({split, linear});
    return success();
  }

  auto ruled = dyn_cast<ShardingRuleOpInterface>(op);
  if (!ruled || op->getNumRegions() != 0) {
    why = "it reaches " + describeOp(op) + ", which has no sharding rule";
    return failure();
  }
  ShardingRule rule = ruled.getShardingRule();
  unsigned resultNumber = cast<OpResult>(value).getResultNumber();
  const ShardingRule::DimFactors &factors =
      rule.getResultFactors()[resultNumber][dim];
  if (factors.empty()) {
    why = "it reaches a dimension of size 1 of " + describeOp(op);
    return failure();
  }
  int64_t factor = factors.front();
  switch (rule.getFactorKind(factor)) {
  case FactorKind::NeedReplication:
    why = "it reaches " + describeOp(op) + ", which needs dimension " +
          std::to_string(dim) + " whole";
    return failure();
  case FactorKind::Reduction:
    why = "it reaches " + describeOp(op) + ", which reduces over it";
    return failure();
  case FactorKind::Parallel:
    break;
  }
  if (rule.getFactorSize(factor) % tpSize != 0) {
    why = "tp (" + std::to_string(tpSize) + ") does not divide the " +
          std::to_string(rule.getFactorSize(factor)) + " of dimension " +
          std::to_string(dim) + " of " + describeOp(op) +
          " (heads, features)";
    return failure();
  }
  block.ops.insert(op);
  block.isAttention |= isa<SoftmaxOp>(op);
  // Other results of the op that the factor splits too.
  for (auto [r, dims] : llvm::enumerate(rule.getResultFactors())) {
    if (r == resultNumber)
      continue;
    for (auto [d, dimFactors] : llvm::enumerate(dims))
      if (llvm::is_contained(dimFactors, factor))
        block.traced.insert({op->getResult(r), int64_t(d)});
  }
  for (auto [operand, dims] :
       llvm::zip_equal(op->getOperands(), rule.getOperandFactors())) {
    for (auto [d, dimFactors] : llvm::enumerate(dims)) {
      if (!llvm::is_contained(dimFactors, factor))
        continue;
      if (dimFactors.front() != factor) {
        why = "in " + describeOp(op) + " the dimension is not the major " +
              "part of its operand's dimension " + std::to_string(d);
        return failure();
      }
      if (failed(trace(block, operand, d, why)))
        return failure();
    }
  }
  return success();
}

LogicalResult Recognizer::recognize(Operation *row, Block &block,
                                    std::string &why) {
  Linear &linear = linears.find(row)->second;
  TypedValue<RankedTensorType> input = linear.matmul.getLhs();
  int64_t features = input.getType().getRank() - 1;
  block.row = row;
  if (input.getType().getDimSize(features) % tpSize != 0) {
    why = "tp (" + std::to_string(tpSize) + ") does not divide its " +
          std::to_string(input.getType().getDimSize(features)) +
          " input features";
    return failure();
  }
  if (failed(trace(block, input, features, why)))
    return failure();
  if (block.columns.empty() && block.fusedSplits.empty()) {
    why = "no linear's output features reach its input";
    return failure();
  }
  // A fused projection is split apart only when all its parts are here.
  for (auto [split, fused] : block.fusedSplits)
    for (Value part : split->getResults())
      if (!block.traced.count(part)) {
        why = "only some parts of the fused projection " +
              describeLinear(fused) + " feed it";
        return failure();
      }
  // Nothing that carries the split dimension may be used outside the
  // block: it would need the whole tensor.
  llvm::SmallPtrSet<Operation *, 16> inside(block.ops.begin(),
                                            block.ops.end());
  inside.insert(row);
  for (auto [split, fused] : block.fusedSplits)
    inside.insert(split);
  for (auto [value, dim] : block.traced) {
    // A constant can be whole elsewhere: resharding it moves nothing.
    if (isa_and_nonnull<ConstantOp>(value.getDefiningOp()))
      continue;
    for (Operation *user : value.getUsers())
      if (!inside.contains(user)) {
        why = describeValue(value) + " is also used by " + describeOp(user) +
              " outside the block";
        return failure();
      }
  }
  return success();
}

bool Recognizer::splitFused(Operation *linearOp, SplitOp split) {
  Linear linear = linears.find(linearOp)->second;
  int64_t parts = split.getNumResults();
  int64_t size = split.getSizes().front();
  Value weight = linear.getWeight();
  auto transpose = weight.getDefiningOp<TransposeOp>();
  auto weightConst = (transpose ? transpose.getInput() : weight)
                         .getDefiningOp<ConstantOp>();
  // The weight's output features: columns of W, rows of W^T's constant.
  int64_t weightDim = transpose ? 0 : 1;
  ConstantOp biasConst =
      linear.biasAdd ? linear.getBias().getDefiningOp<ConstantOp>()
                     : ConstantOp();

  OpBuilder builder(split);
  SmallVector<Value> replacements;
  for (int64_t k = 0; k < parts; ++k) {
    std::string suffix = "_" + std::to_string(k);
    std::optional<ElementsAttr> w = sliceConstant(
        weightConst.getValue(), weightDim, k * size, size, suffix);
    if (!w)
      return false;
    Value partWeight = ConstantOp::create(
        builder, partLoc(weightConst.getLoc(), k, /*initializer=*/true), *w);
    if (transpose)
      partWeight = TransposeOp::create(builder, transpose.getLoc(), partWeight,
                                       transpose.getPermutation());
    Value x = linear.matmul.getLhs();
    SmallVector<int64_t> shape(linear.matmul.getType().getShape());
    shape.back() = size;
    auto partType =
        RankedTensorType::get(shape, linear.matmul.getType().getElementType());
    Value out = MatmulOp::create(builder, linear.matmul.getLoc(), partType, x,
                                 partWeight);
    if (biasConst) {
      std::optional<ElementsAttr> b =
          sliceConstant(biasConst.getValue(), 0, k * size, size, suffix);
      if (!b)
        return false;
      Value partBias = ConstantOp::create(
          builder, partLoc(biasConst.getLoc(), k, /*initializer=*/true), *b);
      out = AddOp::create(builder, linear.biasAdd.getLoc(), partType, out,
                          partBias);
    }
    out.getDefiningOp()->setLoc(partLoc(split.getLoc(), k, false));
    replacements.push_back(out);
  }
  for (auto [result, replacement] :
       llvm::zip_equal(split->getResults(), replacements))
    result.replaceAllUsesWith(replacement);
  emitRemark(split->getLoc()) << "tessera-shard-megatron: the fused projection "
                      << describeLinear(linearOp) << " is split into "
                      << parts << " linears, its weight"
                      << (biasConst ? " and bias" : "")
                      << " sliced at compile time, so that each device "
                      << "holds its own heads of every part";
  split->erase();
  if (linear.biasAdd)
    linear.biasAdd->erase();
  linear.matmul->erase();
  if (transpose && transpose->use_empty())
    transpose->erase();
  if (weightConst->use_empty())
    weightConst->erase();
  if (biasConst && biasConst->use_empty())
    biasConst->erase();
  return true;
}

void Recognizer::annotateWeight(Value weight, OpOperand &use, bool column) {
  MLIRContext *context = function.getContext();
  SmallVector<AxisList> dims(2);
  dims[column ? 1 : 0].push_back(tp);
  // A transposed weight (a Gemm's transB) used by this linear only: the
  // annotation goes on the initializer itself, transposed, so that a rules
  // file naming the initializer replaces it.
  auto transpose = weight.getDefiningOp<TransposeOp>();
  if (transpose && transpose->hasOneUse() &&
      transpose.getInput().getDefiningOp<ConstantOp>()) {
    std::swap(dims[0], dims[1]);
    annotate(transpose.getInput(), makeSharding(context, dims),
             {&transpose->getOpOperand(0)});
    return;
  }
  annotate(weight, makeSharding(context, dims), {&use});
}

void Recognizer::run() {
  MLIRContext *context = function.getContext();
  collectLinears();
  DenseMap<Operation *, std::string> reasons;
  int attentionBlocks = 0, mlpBlocks = 0;

  // Row-parallel candidates in program order; each claims its columns.
  SmallVector<Operation *> candidates;
  for (auto &entry : linears)
    candidates.push_back(entry.first);
  for (Operation *row : candidates) {
    if (!linears.count(row) || roles.lookup(row) != Role::None)
      continue;
    Block block;
    std::string why;
    if (failed(recognize(row, block, why))) {
      reasons[row] = why;
      continue;
    }
    if (!block.fusedSplits.empty()) {
      bool split = true;
      for (auto [splitOp, fused] : block.fusedSplits) {
        reasons.erase(fused);
        split &= splitFused(fused, cast<SplitOp>(splitOp));
      }
      collectLinears();
      block = Block();
      if (!split || failed(recognize(row, block, why)) ||
          !block.fusedSplits.empty()) {
        reasons[row] = split ? why : "a fused projection's constants cannot "
                                     "be sliced";
        continue;
      }
    }
    roles[row] = Role::Row;
    for (Operation *column : block.columns)
      roles[column] = Role::Column;
    (block.isAttention ? attentionBlocks : mlpBlocks)++;

    // Column-parallel: weights split by output features, biases with them;
    // row-parallel: weight split by input features.
    SmallVector<std::string> names;
    for (Operation *columnOp : block.columns) {
      Linear &column = linears.find(columnOp)->second;
      annotateWeight(column.getWeight(), column.matmul->getOpOperand(1),
                     /*column=*/true);
      if (column.biasAdd)
        annotate(column.getBias(),
                 makeSharding(context, SmallVector<AxisList>{{tp}}),
                 {&column.getBiasUse()});
      names.push_back(describeLinear(columnOp));
    }
    Linear &rowLinear = linears.find(row)->second;
    annotateWeight(rowLinear.getWeight(), rowLinear.matmul->getOpOperand(1),
                   /*column=*/false);
    emitRemark(row->getLoc()) << "tessera-shard-megatron: "
                      << (block.isAttention ? "attention" : "MLP")
                      << " block: column-parallel " << llvm::join(names, ", ")
                      << "; row-parallel " << describeLinear(row);
  }

  // The token embedding: the gather from the largest 2-D constant table
  // indexed by something computed from the inputs.
  GatherOp embedding;
  int64_t vocab = 0, hidden = 0;
  function.walk([&](GatherOp gather) {
    auto table = gather.getData().getDefiningOp<ConstantOp>();
    if (!table || gather.getAxis() != 0 ||
        gather.getData().getType().getRank() != 2 ||
        gather.getIndices().getDefiningOp<ConstantOp>())
      return;
    int64_t rows = gather.getData().getType().getDimSize(0);
    if (rows > vocab) {
      embedding = gather;
      vocab = rows;
      hidden = gather.getData().getType().getDimSize(1);
    }
  });
  bool vocabParallel = false;
  if (embedding) {
    if (vocab % tpSize != 0) {
      emitRemark(embedding->getLoc())
          << "tessera-shard-megatron: the embedding (table "
          << describeValue(embedding.getData()) << ") stays replicated: tp ("
          << tpSize << ") does not divide its " << vocab << " rows";
    } else {
      emitRemark(embedding->getLoc())
          << "tessera-shard-megatron: vocab-parallel embedding: the "
          << vocab << " rows of " << describeValue(embedding.getData())
          << " split over tp";
      SmallVector<AxisList> dims(2);
      dims[0].push_back(tp);
      annotate(embedding.getData(), makeSharding(context, dims),
               {&embedding->getOpOperand(0)});
      vocabParallel = true;
    }
  }

  // The LM head: a free linear from the embedding's width to its
  // vocabulary (tied to the table or not).
  int heads = 0;
  if (vocabParallel) {
    for (auto &[op, linear] : linears) {
      auto weightType = cast<RankedTensorType>(linear.getWeight().getType());
      if (roles.lookup(op) != Role::None ||
          weightType.getShape() != ArrayRef<int64_t>{hidden, vocab})
        continue;
      roles[op] = Role::LmHead;
      reasons.erase(op);
      ++heads;
      annotateWeight(linear.getWeight(), linear.matmul->getOpOperand(1),
                     /*column=*/true);
      if (linear.biasAdd)
        annotate(linear.getBias(),
                 makeSharding(context, SmallVector<AxisList>{{tp}}),
                 {&linear.getBiasUse()});
      emitRemark(op->getLoc()) << "tessera-shard-megatron: vocab-parallel LM head "
                       << describeLinear(op) << ": its " << vocab
                       << " output features split over tp; the logits are "
                       << "gathered at the output";
    }
  }

  int replicated = 0;
  for (auto &[op, linear] : linears) {
    if (roles.lookup(op) != Role::None)
      continue;
    ++replicated;
    std::string why = reasons.lookup(op);
    emitRemark(op->getLoc()) << "tessera-shard-megatron: " << describeLinear(op)
                     << " is in no recognized block and stays replicated"
                     << (why.empty() ? std::string()
                                     : ": following its input's features "
                                       "back, " +
                                           why);
  }
  emitRemark(function->getLoc()) << "tessera-shard-megatron: tp = " << tpSize << ": "
                         << attentionBlocks << " attention and " << mlpBlocks
                         << " MLP blocks, "
                         << (vocabParallel ? "a vocab-parallel embedding"
                                           : "no vocab-parallel embedding")
                         << ", " << heads << " vocab-parallel LM head"
                         << (heads == 1 ? "" : "s") << "; " << replicated
                         << " linear" << (replicated == 1 ? "" : "s")
                         << " left replicated";
}

struct ShardMegatronPass
    : mlir::tessera::impl::ShardMegatronPassBase<ShardMegatronPass> {
  using ShardMegatronPassBase::ShardMegatronPassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<MeshAttr> mesh =
        requireMesh(module, "tessera-shard-megatron", {tpAxis});
    if (failed(mesh))
      return signalPassFailure();
    if (mesh->getAxisIndex(dpAxis) >= 0 &&
        failed(shardInputsAlongBatch(module, *mesh, dpAxis)))
      return signalPassFailure();
    StringAttr tp = StringAttr::get(&getContext(), tpAxis);
    for (auto function : module.getOps<func::FuncOp>())
      if (!function.isDeclaration())
        Recognizer(function, *mesh, tp).run();
  }
};

} // namespace
