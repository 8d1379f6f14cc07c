//===- Pipelines.h - Tessera's pass pipelines ---------------------*- C++ -*-===//
//
// Part of Tessera. Every pipeline is a build*Pipeline function with an
// options struct; tessera-opt registers it under a name and
// tessera-compile calls the same function, so the two never drift apart.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_PASSES_PIPELINES_PIPELINES_H
#define TESSERA_PASSES_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace mlir::tessera {

/// Options of the graph optimization pipeline.
struct GraphOptimizationOptions
    : public PassPipelineOptions<GraphOptimizationOptions> {
  Option<bool> decompose{
      *this, "decompose",
      llvm::cl::desc("Rewrite composite ops (gelu, softmax, norms, ...) into "
                     "primitive ones"),
      llvm::cl::init(false)};
};

/// Graph-level simplification on the tessera dialect: canonicalization
/// (folding, identity removal, constant folding of shape computations),
/// common subexpression elimination, activations recognized from their
/// arithmetic, optionally composite ops decomposed.
void buildGraphOptimizationPipeline(OpPassManager &pm,
                                    const GraphOptimizationOptions &options);

/// Options of the sharding pipeline.
struct ShardingPipelineOptions
    : public PassPipelineOptions<ShardingPipelineOptions> {
  Option<std::string> shard{
      *this, "shard",
      llvm::cl::desc("The strategy that annotates the graph: none, data "
                     "(inputs split over dp) or megatron (transformer "
                     "blocks over tp, batch over dp)"),
      llvm::cl::init("none")};
  Option<std::string> rules{
      *this, "rules",
      llvm::cl::desc("A JSON file of sharding rules (docs/sharding.md), "
                     "applied after the strategy; empty: none"),
      llvm::cl::init("")};
};

/// Whether `shard` names a strategy of the sharding pipeline.
bool isShardingStrategy(llvm::StringRef shard);

/// Everything before SPMD partitioning, on a module with a mesh: the
/// strategy (tessera-shard-data or tessera-shard-megatron), the user's
/// rules (tessera-apply-shard-rules), then propagation
/// (tessera-propagate-sharding), after which every value has a sharding.
void buildShardingPipeline(OpPassManager &pm,
                           const ShardingPipelineOptions &options);

/// Options of the CPU compilation pipeline.
struct CpuPipelineOptions : public PassPipelineOptions<CpuPipelineOptions> {
  Option<std::string> cpu{
      *this, "cpu",
      llvm::cl::desc("x86-64 level the kernels may use: x86-64, x86-64-v2, "
                     "x86-64-v3 or x86-64-v4 (recorded in the executable)"),
      llvm::cl::init("x86-64-v3")};
};

/// How ranks run a pipelined model (docs/design/0005-pipelines.md).
struct SpmdLoweringOptions {
  /// Microbatches per run; the function computes one.
  int64_t microbatches = 1;
  /// gpipe, 1f1b or interleaved.
  std::string schedule = "gpipe";
  /// The mesh axis pipeline stages are laid out along.
  std::string pipelineAxis = "pp";
};

/// From a graph whose values carry shardings (after sharding propagation)
/// and pipeline stages to one function per rank with texec collectives,
/// sends and receives: SPMD partitioning, collective optimization, rank
/// specialization (stages and microbatches), collective lowering. Nothing
/// happens without a mesh of more than one device.
void buildSpmdLoweringPipeline(
    OpPassManager &pm, const SpmdLoweringOptions &options = SpmdLoweringOptions());

/// From the functions of a tessera graph (one, or one per rank) to the
/// executable level for the CPU: library calls with fused epilogues,
/// decomposition, lowering to linalg, elementwise fusion, and program
/// formation (kernel outlining, buffers, the arena plan of each rank).
/// Code generation and serialization follow in compiler/target/cpu and
/// compiler/artifact.
void buildCpuLoweringPipeline(OpPassManager &pm,
                              const CpuPipelineOptions &options);

/// Options of the CUDA compilation pipeline.
struct CudaPipelineOptions : public PassPipelineOptions<CudaPipelineOptions> {
  Option<std::string> arch{
      *this, "arch",
      llvm::cl::desc("The architecture the PTX is for, the lowest of the "
                     "requested ones (recorded in the executable)"),
      llvm::cl::init("sm_80")};
};

/// From the functions of a tessera graph (one, or one per rank) to the
/// executable level for CUDA (docs/design/0004-cuda.md): matmuls become
/// cuBLASLt calls with the epilogues cuBLASLt has (bias, residual, relu,
/// tanh gelu); everything else, convolutions and pooling included, is
/// lowered to linalg, fused and outlined into the kernels of a `cuda_ptx`
/// executable. Code generation follows in compiler/target/cuda.
void buildCudaLoweringPipeline(OpPassManager &pm,
                               const CudaPipelineOptions &options);

/// Graph optimization, SPMD lowering and CUDA lowering.
void buildCudaPipeline(OpPassManager &pm, const CudaPipelineOptions &options);

/// Graph optimization, SPMD lowering and CPU lowering: from an imported
/// (and, for a mesh, sharded) tessera graph to the executable level.
void buildCpuPipeline(OpPassManager &pm, const CpuPipelineOptions &options);

/// Registers every pipeline with the pass registry (tessera-opt's
/// --tessera-graph-optimize and so on).
void registerPipelines();

} // namespace mlir::tessera

#endif // TESSERA_PASSES_PIPELINES_PIPELINES_H
