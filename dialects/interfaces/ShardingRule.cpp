//===- ShardingRule.cpp - Factor-based sharding rules ---------------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "dialects/interfaces/ShardingRule.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace mlir::tessera;

StringRef mlir::tessera::stringifyFactorKind(FactorKind kind) {
  switch (kind) {
  case FactorKind::Parallel:
    return "parallel";
  case FactorKind::Reduction:
    return "reduction";
  case FactorKind::NeedReplication:
    return "need_replication";
  }
  llvm_unreachable("unknown factor kind");
}

//===----------------------------------------------------------------------===//
// ShardingRule
//===----------------------------------------------------------------------===//

std::string ShardingRule::getFactorName(int64_t factor) {
  constexpr int64_t kLetters = 'z' - 'i' + 1;
  if (factor < kLetters)
    return std::string(1, static_cast<char>('i' + factor));
  return "z_" + std::to_string(factor - kLetters + 1);
}

LogicalResult ShardingRule::verify(Operation *op) const {
  SmallVector<bool> used(getNumFactors(), false);
  auto checkTensors = [&](ArrayRef<TensorFactors> tensors, TypeRange types,
                          StringRef what) -> LogicalResult {
    if (tensors.size() != types.size())
      return op->emitError() << "sharding rule describes " << tensors.size()
                             << " " << what << "s but the op has "
                             << types.size();
    for (auto [index, factors, type] : llvm::enumerate(tensors, types)) {
      auto shaped = dyn_cast<ShapedType>(type);
      int64_t rank = shaped ? shaped.getRank() : 0;
      if (static_cast<int64_t>(factors.size()) != rank)
        return op->emitError()
               << "sharding rule gives " << factors.size() << " dimensions to "
               << what << " #" << index << " of rank " << rank;
      for (auto [dim, dimFactors] : llvm::enumerate(factors)) {
        int64_t product = 1;
        for (int64_t f : dimFactors) {
          product *= factorSizes[f];
          used[f] = true;
        }
        if (product != shaped.getDimSize(dim))
          return op->emitError()
                 << "sharding rule factors of " << what << " #" << index
                 << " dimension " << dim << " multiply to " << product
                 << " but the dimension has size " << shaped.getDimSize(dim);
      }
    }
    return success();
  };
  if (failed(checkTensors(operands, op->getOperandTypes(), "operand")) ||
      failed(checkTensors(results, op->getResultTypes(), "result")))
    return failure();
  for (auto [factor, isUsed] : llvm::enumerate(used))
    if (!isUsed)
      return op->emitError() << "sharding rule factor "
                             << getFactorName(factor) << " is not used";
  return success();
}

void ShardingRule::print(raw_ostream &os) const {
  auto printTensors = [&](ArrayRef<TensorFactors> tensors) {
    os << '(';
    llvm::interleaveComma(tensors, os, [&](const TensorFactors &tensor) {
      os << '[';
      llvm::interleaveComma(tensor, os, [&](const DimFactors &dim) {
        if (dim.empty())
          os << '1';
        for (int64_t f : dim)
          os << getFactorName(f);
      });
      os << ']';
    });
    os << ')';
  };
  printTensors(operands);
  os << " -> ";
  printTensors(results);
  os << " {";
  llvm::interleaveComma(llvm::seq<int64_t>(0, getNumFactors()), os,
                        [&](int64_t f) {
                          os << getFactorName(f) << '=' << factorSizes[f];
                        });
  os << '}';
  for (FactorKind kind : {FactorKind::Reduction, FactorKind::NeedReplication}) {
    SmallVector<int64_t> ofKind;
    for (int64_t f : llvm::seq<int64_t>(0, getNumFactors()))
      if (factorKinds[f] == kind)
        ofKind.push_back(f);
    if (ofKind.empty())
      continue;
    os << ' ' << stringifyFactorKind(kind) << "={";
    llvm::interleaveComma(ofKind, os,
                          [&](int64_t f) { os << getFactorName(f); });
    os << '}';
  }
  bool reduces = llvm::is_contained(factorKinds, FactorKind::Reduction);
  if (reduces && partialReduction != PartialReduction::Sum)
    os << " partial="
       << (partialReduction == PartialReduction::Max   ? "max"
           : partialReduction == PartialReduction::Min ? "min"
                                                       : "mean");
}

std::string ShardingRule::str() const {
  std::string text;
  llvm::raw_string_ostream os(text);
  print(os);
  return text;
}

//===----------------------------------------------------------------------===//
// ShardingRuleBuilder
//===----------------------------------------------------------------------===//

static SmallVector<int64_t, 4> getShapeOrScalar(Type type) {
  if (auto shaped = dyn_cast<ShapedType>(type); shaped && shaped.hasRank())
    return SmallVector<int64_t, 4>(shaped.getShape());
  return {};
}

ShardingRuleBuilder::ShardingRuleBuilder(Operation *op)
    : ShardingRuleBuilder(op->getOperandTypes(), op->getResultTypes()) {}

ShardingRuleBuilder::ShardingRuleBuilder(TypeRange operandTypes,
                                         TypeRange resultTypes) {
  for (Type type : operandTypes) {
    operandShapes.push_back(getShapeOrScalar(type));
    rule.operands.emplace_back(operandShapes.back().size());
  }
  for (Type type : resultTypes) {
    resultShapes.push_back(getShapeOrScalar(type));
    rule.results.emplace_back(resultShapes.back().size());
  }
}

int64_t ShardingRuleBuilder::addFactor(ArrayRef<int64_t> operandDims,
                                       ArrayRef<int64_t> resultDims,
                                       int64_t size, FactorKind kind) {
  assert(operandDims.size() == rule.operands.size() &&
         resultDims.size() == rule.results.size() &&
         "one dimension (or kNoDim) per operand and result");
  int64_t factor = rule.getNumFactors();
  rule.factorSizes.push_back(size);
  rule.factorKinds.push_back(kind);
  for (auto [tensor, dim] : llvm::zip_equal(rule.operands, operandDims))
    if (dim != kNoDim)
      tensor[dim].push_back(factor);
  for (auto [tensor, dim] : llvm::zip_equal(rule.results, resultDims))
    if (dim != kNoDim)
      tensor[dim].push_back(factor);
  return factor;
}

void ShardingRuleBuilder::addPointwiseFactors() {
  assert(!resultShapes.empty() && "pointwise ops have a result");
  ArrayRef<int64_t> resultShape = resultShapes.front();
  int64_t rank = resultShape.size();
  for (int64_t dim = 0; dim < rank; ++dim) {
    int64_t size = resultShape[dim];
    auto alignedDim = [&](ArrayRef<int64_t> shape) -> int64_t {
      int64_t aligned = dim - (rank - static_cast<int64_t>(shape.size()));
      if (aligned < 0 || shape[aligned] != size)
        return kNoDim;
      return aligned;
    };
    SmallVector<int64_t> operandDims, resultDims;
    for (ArrayRef<int64_t> shape : operandShapes)
      operandDims.push_back(alignedDim(shape));
    for (ArrayRef<int64_t> shape : resultShapes)
      resultDims.push_back(alignedDim(shape));
    addFactor(operandDims, resultDims, size);
  }
}

void ShardingRuleBuilder::replicateUnmappedDims() {
  auto replicate = [&](bool isOperand, int64_t index) {
    ArrayRef<int64_t> shape =
        isOperand ? operandShapes[index] : resultShapes[index];
    for (auto [dim, size] : llvm::enumerate(shape)) {
      const ShardingRule::TensorFactors &factors =
          isOperand ? rule.operands[index] : rule.results[index];
      if (size == 1 || !factors[dim].empty())
        continue;
      SmallVector<int64_t> operandDims(operandShapes.size(), kNoDim);
      SmallVector<int64_t> resultDims(resultShapes.size(), kNoDim);
      (isOperand ? operandDims : resultDims)[index] = dim;
      addFactor(operandDims, resultDims, size, FactorKind::NeedReplication);
    }
  };
  for (int64_t i = 0, e = operandShapes.size(); i < e; ++i)
    replicate(/*isOperand=*/true, i);
  for (int64_t i = 0, e = resultShapes.size(); i < e; ++i)
    replicate(/*isOperand=*/false, i);
}

ShardingRule ShardingRuleBuilder::build() { return std::move(rule); }

ShardingRule mlir::tessera::getReplicatedShardingRule(Operation *op) {
  ShardingRuleBuilder builder(op);
  builder.replicateUnmappedDims();
  return builder.build();
}

ShardingRule mlir::tessera::getPointwiseShardingRule(Operation *op) {
  ShardingRuleBuilder builder(op);
  builder.addPointwiseFactors();
  return builder.build();
}
