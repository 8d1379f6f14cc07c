//===- Passes.td - SPMD partitioning and rank specialization -*- tablegen -*-===//
//
// Part of Tessera. See docs/design/0003-distribution.md.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_PASSES_PARTITION
#define TESSERA_PASSES_PARTITION

include "mlir/Pass/PassBase.td"

def PartitionPass : Pass<"tessera-partition", "::mlir::ModuleOp"> {
  let summary = "Rewrites a sharded function into one device's program (SPMD)";
  let description = [{
    Takes a function whose values carry shardings (`dist.sharding` on
    arguments and results, `dist.shardings` on ops, `dist.shard`
    annotations; what sharding propagation produces) and rewrites it into
    the program every device runs on its own block of each tensor:

    - every op is rewritten on local shapes; the factors of its sharding
      rule say which axes each operand must be split over, and operands
      that are split otherwise are resharded: `dist.all_gather` to remove
      an axis from a dimension, `dist.local_shard` to add one (no
      communication), `dist.all_to_all` to move one between dimensions;
    - an op whose reduction factors are split leaves partial results, which
      a `dist.all_reduce` combines (a sum, max, min or mean, as the rule
      says);
    - a gather from a table whose rows are split (a vocab-parallel
      embedding) looks up only this device's rows, with the others masked
      to zero, and all-reduces;
    - arguments stay whole (every rank reads the whole input) and are
      narrowed with `dist.local_shard`; results are made whole, as their
      sharding (replicated by default) says; constants become
      `dist.local_shard` of the whole constant, for rank specialization to
      cut.

    An op whose shardings do not map onto its rule (an axis that would
    split a factor that must stay whole, factors that disagree) is computed
    whole and its result narrowed: always correct, never the fastest.

    Example, a row-parallel matmul on a mesh `tp = 2`:

    ```mlir
    %y = tessera.matmul %x, %w {dist.shardings = [#dist.sharding<{}, {}>]}
        : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
    // with %x split <{}, {"tp"}> and %w split <{"tp"}, {}> becomes
    %p = tessera.matmul %x_local, %w_local
        : (tensor<4x4xf32>, tensor<4x16xf32>) -> tensor<4x16xf32>
    %y = dist.all_reduce %p axes = ["tp"] kind = sum : tensor<4x16xf32>
    ```
  }];
  let dependentDialects = ["::mlir::tessera::TesseraDialect",
                           "::mlir::tessera::dist::DistDialect"];
}

def SpecializeRanksPass : Pass<"tessera-specialize-ranks", "::mlir::ModuleOp"> {
  let summary = "Makes one function per rank out of a partitioned one";
  let description = [{
    Clones the partitioned function once per device of the module's mesh
    (`@main_rank<r>`, with `dist.rank = r`) and resolves what differs
    between ranks: `dist.axis_index` becomes a constant, `dist.local_shard`
    of a constant becomes the constant's block (a new weight holding only
    that block, shared by the ranks that hold the same block), and of any
    other value a `tessera.slice`. The original function stays as a
    declaration that keeps the model's signature. A module without a mesh
    or with one device is left alone.

    On a mesh with a pipeline axis of more than one device, a rank's
    function holds only the ops of its pipeline stages (`dist.stage`, from
    `tessera-pipeline-stages`), once per microbatch, in the order of the
    schedule (`docs/design/0005-pipelines.md`): values from another rank's
    stage arrive by `texec.recv`, values another rank's stage needs leave by
    `texec.send` (buffered: a stage never waits for its receiver), each
    microbatch reads its block of the inputs (the function computes one
    microbatch, so the model's signature is `microbatches` times larger
    along the first dimension), and rank 0 receives the outputs and joins
    the microbatches. Every op carries its `dist.stage` and
    `dist.microbatch`, for traces.

    Example, rank 1 of a mesh `tp = 2`:

    ```mlir
    %w = tessera.constant dense_resource<fc.weight> : tensor<8x16xf32>
    %l = dist.local_shard %w to <{}, {"tp"}> : (tensor<8x16xf32>) -> tensor<8x8xf32>
    // becomes, in @main_rank1
    %l = tessera.constant dense_resource<fc.weight.shard_0_8> : tensor<8x8xf32>
    ```
  }];
  let options = [
    Option<"pipelineAxis", "pipeline-axis", "std::string", "\"pp\"",
           "The mesh axis pipeline stages are laid out along">,
    Option<"microbatches", "microbatches", "int64_t", "1",
           "Microbatches each pipeline stage runs (the function computes one)">,
    Option<"schedule", "schedule", "std::string", "\"gpipe\"",
           "The order a device runs its (stage, microbatch) items in: "
           "gpipe, 1f1b or interleaved">
  ];
  let dependentDialects = ["::mlir::tessera::TesseraDialect",
                           "::mlir::tessera::dist::DistDialect",
                           "::mlir::tessera::exec::ExecDialect"];
}

#endif // TESSERA_PASSES_PARTITION
