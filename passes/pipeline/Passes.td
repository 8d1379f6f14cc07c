//===- Passes.td - Pipeline parallelism --------------------*- tablegen -*-===//
//
// Part of Tessera. See docs/design/0005-pipelines.md.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_PASSES_PIPELINE
#define TESSERA_PASSES_PIPELINE

include "mlir/Pass/PassBase.td"

def PipelineStagesPass : Pass<"tessera-pipeline-stages", "::mlir::ModuleOp"> {
  let summary = "Cuts the model into cost-balanced pipeline stages";
  let description = [{
    On a module whose mesh has a pipeline axis (`axis`, "pp" by default)
    of size p, cuts the function's ops, in program order, into p * v
    stages (v virtual stages per device, for interleaved schedules) and
    marks every computing op with `dist.stage`. The cut minimizes the cost
    of the slowest stage, a stage's cost being the cost model's work of its
    ops plus `transfer-cost` per byte of the activations it receives and
    sends (the values live across its two cuts): a dynamic program over all
    cut positions, at op granularity, so a stage may end inside a
    transformer block when that balances better. With `memory-limit`, a
    stage's weights must fit in that many bytes.

    Constants and what is computed from constants and inputs alone carry no
    stage: every stage that uses them computes (or holds) its own copy.

    The function gets `dist.stage_costs` (each stage's cost, ops and
    activation bytes in and out) for the compiler's report, and one remark
    per stage.

    Example, two linears on a mesh `pp = 2`:

    ```mlir
    %h = tessera.matmul %x, %w1 : ...   // {dist.stage = 0}
    %y = tessera.matmul %h, %w2 : ...   // {dist.stage = 1}
    ```
  }];
  let options = [
    Option<"axis", "axis", "std::string", "\"pp\"",
           "The mesh axis pipeline stages are laid out along">,
    Option<"virtualStages", "virtual-stages", "int64_t", "1",
           "Stages per device (more than 1 for interleaved schedules)">,
    Option<"memoryLimit", "memory-limit", "int64_t", "0",
           "Largest weight bytes of one stage (0: no limit)">,
    Option<"transferCost", "transfer-cost", "double", "4.0",
           "Cost of moving one byte between stages, in FLOPs">
  ];
  let dependentDialects = ["::mlir::tessera::dist::DistDialect"];
}

#endif // TESSERA_PASSES_PIPELINE
