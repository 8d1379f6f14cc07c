//===- Pipelines.cpp - Tessera's pass pipelines ---------------------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "passes/pipelines/Pipelines.h"
#include "passes/sharding/Passes.h"

#include "passes/collectives/Passes.h"
#include "passes/conversion/Passes.h"
#include "passes/fusion/Passes.h"
#include "passes/graph/Passes.h"
#include "passes/memory/Passes.h"
#include "passes/partition/Passes.h"
#include "passes/pipeline/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::tessera;

void mlir::tessera::buildGraphOptimizationPipeline(
    OpPassManager &pm, const GraphOptimizationOptions &options) {
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addPass(createRecognizeActivationsPass());
  if (options.decompose) {
    pm.addPass(createDecomposePass());
    pm.addPass(createCanonicalizerPass());
    pm.addPass(createCSEPass());
  }
}

void mlir::tessera::buildSpmdLoweringPipeline(
    OpPassManager &pm, const SpmdLoweringOptions &options) {
  pm.addPass(createPartitionPass());
  pm.addPass(createOptimizeCollectivesPass());
  SpecializeRanksPassOptions specialize;
  specialize.microbatches = options.microbatches;
  specialize.schedule = options.schedule;
  specialize.pipelineAxis = options.pipelineAxis;
  pm.addPass(createSpecializeRanksPass(specialize));
  pm.addPass(createDistToExecPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

void mlir::tessera::buildCpuPipeline(OpPassManager &pm,
                                     const CpuPipelineOptions &options) {
  buildGraphOptimizationPipeline(pm, GraphOptimizationOptions());
  buildSpmdLoweringPipeline(pm);
  buildCpuLoweringPipeline(pm, options);
}

void mlir::tessera::buildCpuLoweringPipeline(
    OpPassManager &pm, const CpuPipelineOptions &options) {
  pm.addPass(createFormLibraryCallsPass());
  // The library fuses gelu, silu and sigmoid epilogues; what it did not
  // take is lowered elementwise, and clip stays one op.
  DecomposePassOptions decompose;
  decompose.keep = {"gelu", "silu", "clip"};
  pm.addPass(createDecomposePass(decompose));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addPass(createTesseraToLinalgPass());
  pm.addPass(createLinalgElementwiseOpFusionPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  FormProgramPassOptions program;
  program.target = options.cpu;
  pm.addPass(createFormProgramPass(program));
}

void mlir::tessera::buildCudaPipeline(OpPassManager &pm,
                                      const CudaPipelineOptions &options) {
  buildGraphOptimizationPipeline(pm, GraphOptimizationOptions());
  buildSpmdLoweringPipeline(pm);
  buildCudaLoweringPipeline(pm, options);
}

void mlir::tessera::buildCudaLoweringPipeline(
    OpPassManager &pm, const CudaPipelineOptions &options) {
  FormLibraryCallsPassOptions library;
  library.target = "cuda";
  pm.addPass(createFormLibraryCallsPass(library));
  // gelu, silu and clip lower elementwise as they are; the rest of the
  // composite ops decompose.
  DecomposePassOptions decompose;
  decompose.keep = {"gelu", "silu", "clip"};
  pm.addPass(createDecomposePass(decompose));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addPass(createTesseraToLinalgPass());
  pm.addPass(createLinalgElementwiseOpFusionPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  FormProgramPassOptions program;
  program.executableName = "cuda";
  program.format = "cuda_ptx";
  program.target = options.arch;
  pm.addPass(createFormProgramPass(program));
}

bool mlir::tessera::isShardingStrategy(StringRef shard) {
  return shard == "none" || shard == "data" || shard == "megatron";
}

void mlir::tessera::buildShardingPipeline(
    OpPassManager &pm, const ShardingPipelineOptions &options) {
  if (options.shard == "data")
    pm.addPass(createShardDataPass());
  else if (options.shard == "megatron")
    pm.addPass(createShardMegatronPass());
  if (!options.rules.empty()) {
    ApplyShardRulesPassOptions rules;
    rules.file = options.rules;
    pm.addPass(createApplyShardRulesPass(rules));
  }
  pm.addPass(createPropagateShardingPass());
}

void mlir::tessera::registerPipelines() {
  PassPipelineRegistration<ShardingPipelineOptions>(
      "tessera-sharding-pipeline",
      "Annotate a tessera graph on a mesh (strategy, then rules file) and "
      "propagate: every value gets a sharding",
      [](OpPassManager &pm, const ShardingPipelineOptions &options) {
        buildShardingPipeline(pm, options);
      });
  PassPipelineRegistration<CpuPipelineOptions>(
      "tessera-cpu-pipeline",
      "From a tessera graph to the executable level (kernels, buffers, "
      "commands) for one CPU device",
      buildCpuPipeline);
  PassPipelineRegistration<CudaPipelineOptions>(
      "tessera-cuda-pipeline",
      "From a tessera graph to the executable level (kernels, buffers, "
      "commands) for one CUDA device",
      buildCudaPipeline);
  PassPipelineRegistration<>(
      "tessera-spmd-lowering",
      "From a sharded tessera graph to one function per rank: SPMD "
      "partitioning, rank specialization, texec collectives",
      [](OpPassManager &pm) { buildSpmdLoweringPipeline(pm); });
  PassPipelineRegistration<GraphOptimizationOptions>(
      "tessera-graph-optimize",
      "Simplify a tessera graph: fold, canonicalize, CSE, optionally "
      "decompose composite ops",
      buildGraphOptimizationPipeline);
}
