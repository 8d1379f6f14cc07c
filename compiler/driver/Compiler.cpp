//===- Compiler.cpp - One compilation, as tessera-compile runs it ---------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "compiler/driver/Compiler.h"

#include "compiler/artifact/ArtifactWriter.h"
#include "compiler/registration/Registration.h"
#include "compiler/target/cpu/CpuTarget.h"
#include "dialects/exec/ExecOps.h"
#include "passes/pipelines/Pipelines.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace mlir;
using namespace mlir::tessera;

#ifndef TESSERA_VERSION
#define TESSERA_VERSION "0.1.0"
#endif

void mlir::tessera::registerCompilerDialects(DialectRegistry &registry) {
  registerAllDialects(registry);
}

OwningOpRef<ModuleOp> mlir::tessera::loadModel(MLIRContext &context,
                                               const CompileOptions &options) {
  StringRef path = options.inputPath;
  if (path.ends_with(".mlir")) {
    if (!options.import.inputShapes.empty()) {
      emitError(FileLineColLoc::get(&context, path, 0, 0))
          << "--input-shape applies to ONNX models; an .mlir input has "
             "static shapes already";
      return nullptr;
    }
    llvm::SourceMgr sourceMgr;
    std::string error;
    std::unique_ptr<llvm::MemoryBuffer> file = openInputFile(path, &error);
    if (!file) {
      emitError(FileLineColLoc::get(&context, path, 0, 0)) << error;
      return nullptr;
    }
    sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
    return parseSourceFile<ModuleOp>(sourceMgr, &context);
  }
  return importOnnxFile(&context, path, options.import);
}

/// Writes `module` as text to `path`.
static LogicalResult printModule(ModuleOp module, StringRef path) {
  std::string error;
  std::unique_ptr<llvm::ToolOutputFile> output = openOutputFile(path, &error);
  if (!output)
    return emitError(module.getLoc(), error);
  module.print(output->os());
  output->os() << "\n";
  output->keep();
  return success();
}

/// The report of what the compiler decided (`--report=FILE.json`).
static LogicalResult writeReport(ModuleOp module, StringRef path) {
  llvm::json::Array ranks;
  int64_t kernels = 0;
  for (auto executable : module.getOps<exec::ExecutableOp>())
    kernels += llvm::range_size(executable.getBody().getOps());
  for (auto program : module.getOps<exec::ProgramOp>()) {
    llvm::StringMap<int64_t> commands;
    for (Operation &op : program.getBody().front())
      if (!isa<exec::BufferOp>(op))
        ++commands[op.getName().stripDialect()];
    llvm::json::Object counts;
    for (auto &entry : commands)
      counts[entry.getKey().str()] = entry.getValue();
    ranks.push_back(llvm::json::Object{
        {"rank", program.getRank()},
        {"peak_memory_bytes", program.getArenaSize()},
        {"commands", std::move(counts)},
    });
  }
  llvm::json::Object report{
      {"mesh", llvm::json::Object{{"axes", llvm::json::Array{}},
                                  {"devices", 1}}},
      {"kernels", kernels},
      {"ranks", std::move(ranks)},
      {"collectives", llvm::json::Array{}},
  };
  std::string error;
  std::unique_ptr<llvm::ToolOutputFile> output = openOutputFile(path, &error);
  if (!output)
    return emitError(module.getLoc(), error);
  output->os() << llvm::formatv("{0:2}", llvm::json::Value(std::move(report)))
               << "\n";
  output->keep();
  return success();
}

LogicalResult mlir::tessera::compile(MLIRContext &context,
                                     const CompileOptions &options) {
  Location fileLoc = FileLineColLoc::get(&context, options.inputPath, 0, 0);
  StringRef target = options.target;
  CpuPipelineOptions cpu;
  if (target == "cpu") {
    cpu.cpu = "x86-64-v3";
  } else if (target.consume_front("cpu:")) {
    std::string error;
    FailureOr<std::string> level = resolveCpuLevel(target, error);
    if (failed(level))
      return emitError(fileLoc) << "--target=" << options.target << ": "
                                << error;
    cpu.cpu = *level;
  } else {
    return emitError(fileLoc)
           << "--target must be cpu or cpu:<x86-64 level>, got '"
           << options.target << "'";
  }

  // Refuse an output that cannot be written before the long work.
  if (options.outputPath != "-") {
    StringRef parent = llvm::sys::path::parent_path(options.outputPath);
    if (parent.empty())
      parent = ".";
    if (!llvm::sys::fs::is_directory(parent) ||
        llvm::sys::fs::access(parent, llvm::sys::fs::AccessMode::Write))
      return emitError(fileLoc) << "cannot write the output '"
                                << options.outputPath << "': '" << parent
                                << "' is not a writable directory";
  }

  OwningOpRef<ModuleOp> module = loadModel(context, options);
  if (!module)
    return failure();
  if (options.emit == EmitKind::Imported)
    return printModule(*module, options.outputPath);

  PassManager pm(&context);
  if (options.configurePassManager &&
      failed(options.configurePassManager(pm)))
    return failure();
  buildCpuPipeline(pm, cpu);
  if (failed(pm.run(*module)))
    return failure();
  if (!options.reportPath.empty() &&
      failed(writeReport(*module, options.reportPath)))
    return failure();
  if (options.emit == EmitKind::Mlir)
    return printModule(*module, options.outputPath);

  llvm::StringMap<ExecutableBinary> binaries;
  std::string llvmIR;
  for (auto executable : module->getOps<exec::ExecutableOp>()) {
    CpuTargetOptions targetOptions;
    targetOptions.cpu = executable.getTarget().str();
    targetOptions.llvmIROnly = options.emit == EmitKind::Llvm;
    FailureOr<CpuBinary> binary =
        compileCpuExecutable(executable, targetOptions);
    if (failed(binary))
      return failure();
    if (options.emit == EmitKind::Llvm) {
      llvmIR += "; executable @" + executable.getSymName().str() + "\n" +
                binary->llvmIR;
      continue;
    }
    binaries[executable.getSymName()] = {std::move(binary->sharedObject),
                                         std::move(binary->kernelNames),
                                         std::move(binary->kernelArgCounts)};
  }
  if (options.emit == EmitKind::Llvm) {
    std::string error;
    std::unique_ptr<llvm::ToolOutputFile> output =
        openOutputFile(options.outputPath, &error);
    if (!output)
      return emitError(module->getLoc(), error);
    output->os() << llvmIR;
    output->keep();
    return success();
  }

  ArtifactMetadata metadata;
  metadata.compilerVersion = "tessera " TESSERA_VERSION;
  metadata.compileOptions = options.commandLine;
  return writeArtifact(*module, binaries, metadata, options.outputPath);
}
