//===- Compiler.h - One compilation, as tessera-compile runs it ---*- C++ -*-===//
//
// Part of Tessera. The options of a compilation and the function that runs
// it: load the model (ONNX or MLIR), run the pipelines up to what was asked
// for, write the result. tessera-compile is a thin command line over this;
// tests call it directly.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_COMPILER_DRIVER_COMPILER_H
#define TESSERA_COMPILER_DRIVER_COMPILER_H

#include "compiler/import/onnx/OnnxImporter.h"
#include "dialects/dist/DistOps.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "mlir/Pass/PassManager.h"

#include <functional>
#include <optional>
#include <string>

namespace mlir::tessera {

/// What a compilation produces.
enum class EmitKind {
  /// The FlatBuffers artifact that tessera-run executes.
  Artifact,
  /// The IR right after import, before any pass.
  Imported,
  /// The IR after graph optimization and, on a mesh, sharding propagation:
  /// every value's sharding, before partitioning.
  Sharded,
  /// The IR after the compiler's passes, before code generation.
  Mlir,
  /// The LLVM IR of the CPU kernels after LLVM's optimizations.
  Llvm,
  /// The PTX of the CUDA kernels (for the lowest requested architecture).
  Ptx,
};

struct CompileOptions {
  /// The model: an .onnx file, or an .mlir file in the tessera dialect.
  std::string inputPath;
  /// Where the result goes ("-" for standard output).
  std::string outputPath = "-";
  EmitKind emit = EmitKind::Artifact;
  /// "cpu" (x86-64-v3), or "cpu:<level>" ("cpu:x86-64-v4", "cpu:native";
  /// see resolveCpuLevel), or "cuda:<architectures>" ("cuda:sm_80,sm_90";
  /// see parseCudaArchs).
  std::string target = "cpu";
  /// For testing CUDA code generation without a GPU (--target=cuda:...):
  /// the kernels are mapped to launches as for the GPU, then each launch
  /// runs as loops on the CPU, so the artifact runs with tessera-run on the
  /// cpu device (docs/cuda.md).
  bool cudaEmulation = false;
  /// Where to write the JSON report of what the compiler decided; empty:
  /// none.
  std::string reportPath;
  /// The command line, recorded in the artifact.
  std::string commandLine;
  /// Import options: fixed input shapes.
  OnnxImportOptions import;
  /// The device mesh, "dp:2,tp:4" (named axes and sizes, major to minor);
  /// none: the model's own dist.mesh, else one device.
  std::optional<std::string> mesh;
  /// The sharding strategy: "none", "data" or "megatron".
  std::string shard = "none";
  /// A JSON file of sharding rules (docs/sharding.md); empty: none.
  std::string shardRules;
  /// Pipelines (a mesh axis "pp"): microbatches per run, the schedule
  /// (gpipe, 1f1b, interleaved), stages per device, and the most weight
  /// bytes one stage may hold (0: no limit).
  int64_t microbatches = 1;
  std::string schedule = "gpipe";
  int64_t virtualStages = 1;
  int64_t stageMemoryLimit = 0;
  /// Applies command-line pass manager options (timing, IR printing).
  std::function<LogicalResult(PassManager &)> configurePassManager;
};

/// Parses a --mesh value, "dp:2,tp:4", into a mesh; on failure returns null
/// and says why in `error`.
dist::MeshAttr parseMeshSpec(MLIRContext *context, llvm::StringRef spec,
                             std::string &error);

/// Loads the model of `options.inputPath` into `context`: imports ONNX,
/// parses MLIR. Errors go to the context's diagnostic handler.
OwningOpRef<ModuleOp> loadModel(MLIRContext &context,
                                const CompileOptions &options);

/// Runs one compilation and writes its result. Errors go to the context's
/// diagnostic handler.
LogicalResult compile(MLIRContext &context, const CompileOptions &options);

/// Registers every dialect a compilation can meet.
void registerCompilerDialects(DialectRegistry &registry);

} // namespace mlir::tessera

#endif // TESSERA_COMPILER_DRIVER_COMPILER_H
