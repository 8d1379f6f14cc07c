//===- Passes.td - Optimizations of collectives ------------*- tablegen -*-===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_PASSES_COLLECTIVES
#define TESSERA_PASSES_COLLECTIVES

include "mlir/Pass/PassBase.td"

def OptimizeCollectivesPass : Pass<"tessera-optimize-collectives"> {
  let summary = "Removes, merges and cheapens the collectives of a partitioned graph";
  let description = [{
    Runs on the SPMD function that `tessera-partition` makes, before rank
    specialization:

    - an `all_reduce` whose only use takes this device's block of the sum
      (`local_shard` splitting one dimension over some of the reduced axes)
      becomes a `reduce_scatter` over those axes, which moves 1/n of the
      bytes, followed by an `all_reduce` over the remaining axes if any;
    - a reshard that undoes itself disappears: `local_shard` of an
      `all_gather` along the same dimension over the same axes is the
      gathered value, and `all_gather` of a `local_shard` is the whole
      value;
    - independent `all_reduce`s of the same axes, kind and element type
      whose tensors are smaller than `combine-bytes` are combined into one,
      on a flat concatenation, placed after the last of their operands and
      before the first use of any of their results.

    Example:

    ```mlir
    %r = dist.all_reduce %p axes = ["tp"] kind = sum : tensor<8x16xf32>
    %s = dist.local_shard %r to <{"tp"}, {}> : (tensor<8x16xf32>) -> tensor<4x16xf32>
    // becomes
    %s = dist.reduce_scatter %p axes = ["tp"] dim = 0 kind = sum : (tensor<8x16xf32>) -> tensor<4x16xf32>
    ```
  }];
  let options = [
    Option<"combineBytes", "combine-bytes", "int64_t", "1 << 16",
           "Combine all_reduces of tensors up to this many bytes (0: never)">
  ];
  let dependentDialects = ["::mlir::tessera::TesseraDialect",
                           "::mlir::tessera::dist::DistDialect"];
}

#endif // TESSERA_PASSES_COLLECTIVES
