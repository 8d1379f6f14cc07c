//===- ShardingRule.h - Factor-based sharding rules ---------------*- C++ -*-===//
//
// Part of Tessera. A sharding rule says, for one op, how every dimension of
// every operand and result is made of shared *factors*, after Shardy's
// OpShardingRule. Sharding propagation and SPMD partitioning are written once
// against rules, never per op:
//
//   matmul  tensor<4x8xf32>, tensor<8x16xf32> -> tensor<4x16xf32>
//   rule    ([i, k], [k, j]) -> ([i, j]) {i=4, j=16, k=8} reduction={k}
//
// A factor sharded along a mesh axis shards every dimension it appears in.
// Parallel factors need no communication; sharding a reduction factor leaves
// partial results that must be all-reduced; need-replication factors must not
// be sharded (for example a softmax axis). A dimension made of several factors
// (a reshape that merges dimensions) lists them major to minor; a dimension of
// size 1 may have none.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_DIALECTS_INTERFACES_SHARDINGRULE_H
#define TESSERA_DIALECTS_INTERFACES_SHARDINGRULE_H

#include "mlir/IR/Operation.h"
#include "mlir/IR/TypeRange.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir::tessera {

/// How sharding a factor affects the op.
enum class FactorKind {
  /// Every shard of the factor is computed independently.
  Parallel,
  /// The op sums (or otherwise reduces) over the factor: a sharded reduction
  /// factor leaves partial results on each shard.
  Reduction,
  /// The factor must stay whole on every device.
  NeedReplication,
};

llvm::StringRef stringifyFactorKind(FactorKind kind);

/// How the partial results of sharded reduction factors combine: a matmul's
/// or a sum's partial sums add, a max's partial maxima take the max, a
/// mean's partial means add and divide by the number of parts.
enum class PartialReduction { Sum, Max, Min, Mean };

/// Marks "this tensor has no dimension for the factor" in
/// ShardingRuleBuilder::addFactor.
inline constexpr int64_t kNoDim = -1;

/// The sharding rule of one op. Built with ShardingRuleBuilder.
class ShardingRule {
public:
  /// Factor indices of one dimension, major to minor.
  using DimFactors = llvm::SmallVector<int64_t, 2>;
  /// Factors of each dimension of one tensor.
  using TensorFactors = llvm::SmallVector<DimFactors, 4>;

  int64_t getNumFactors() const { return factorSizes.size(); }
  int64_t getFactorSize(int64_t factor) const { return factorSizes[factor]; }
  FactorKind getFactorKind(int64_t factor) const { return factorKinds[factor]; }
  llvm::ArrayRef<TensorFactors> getOperandFactors() const { return operands; }
  llvm::ArrayRef<TensorFactors> getResultFactors() const { return results; }
  /// How partial results over sharded reduction factors combine.
  PartialReduction getPartialReduction() const { return partialReduction; }

  /// Checks that every dimension's size equals the product of its factor
  /// sizes and that every factor is used; reports failures on `op`.
  LogicalResult verify(Operation *op) const;

  /// Prints the rule in the notation of the file comment. Factors are named
  /// i, j, k, ... z, then z_1, z_2, ...
  void print(llvm::raw_ostream &os) const;
  std::string str() const;

  /// The name `print` gives to a factor.
  static std::string getFactorName(int64_t factor);

private:
  friend class ShardingRuleBuilder;
  llvm::SmallVector<int64_t> factorSizes;
  llvm::SmallVector<FactorKind> factorKinds;
  llvm::SmallVector<TensorFactors> operands;
  llvm::SmallVector<TensorFactors> results;
  PartialReduction partialReduction = PartialReduction::Sum;
};

/// Builds a ShardingRule factor by factor:
///
///   ShardingRuleBuilder b(op);
///   b.addFactor({0, kNoDim}, {0}, m);                        // i
///   b.addFactor({kNoDim, 1}, {1}, n);                        // j
///   b.addFactor({1, 0}, {kNoDim}, k, FactorKind::Reduction); // k
///   return b.build();
class ShardingRuleBuilder {
public:
  /// Starts a rule for `op` with no factors. Non-tensor operands and results
  /// are treated as rank 0.
  explicit ShardingRuleBuilder(Operation *op);
  ShardingRuleBuilder(TypeRange operandTypes, TypeRange resultTypes);

  /// Adds a factor of `size` that is the next (more minor) factor of
  /// dimension operandDims[i] of operand i and resultDims[j] of result j;
  /// kNoDim where a tensor has no dimension for it. Returns the factor index.
  int64_t addFactor(llvm::ArrayRef<int64_t> operandDims,
                    llvm::ArrayRef<int64_t> resultDims, int64_t size,
                    FactorKind kind = FactorKind::Parallel);

  /// Adds one factor per dimension of result 0 for an elementwise op with
  /// NumPy broadcasting: the factor of result dimension d maps to the
  /// right-aligned dimension of each operand whose size equals the result's,
  /// and to nothing in an operand that broadcasts there.
  void addPointwiseFactors();

  /// Gives every dimension (of size other than 1) that has no factor yet a
  /// need-replication factor of its own.
  void replicateUnmappedDims();

  /// Sets how partial results combine (the default is a sum).
  void setPartialReduction(PartialReduction kind) {
    rule.partialReduction = kind;
  }

  ShardingRule build();

  llvm::ArrayRef<int64_t> getOperandShape(int64_t i) const {
    return operandShapes[i];
  }
  llvm::ArrayRef<int64_t> getResultShape(int64_t i) const {
    return resultShapes[i];
  }

private:
  ShardingRule rule;
  llvm::SmallVector<llvm::SmallVector<int64_t, 4>> operandShapes;
  llvm::SmallVector<llvm::SmallVector<int64_t, 4>> resultShapes;
};

/// The conservative rule: every dimension of every operand and result is its
/// own need-replication factor. Always correct; never shards anything.
ShardingRule getReplicatedShardingRule(Operation *op);

/// The rule of an elementwise op with NumPy broadcasting (see
/// ShardingRuleBuilder::addPointwiseFactors).
ShardingRule getPointwiseShardingRule(Operation *op);

inline llvm::raw_ostream &operator<<(llvm::raw_ostream &os,
                                     const ShardingRule &rule) {
  rule.print(os);
  return os;
}

} // namespace mlir::tessera

#endif // TESSERA_DIALECTS_INTERFACES_SHARDINGRULE_H
