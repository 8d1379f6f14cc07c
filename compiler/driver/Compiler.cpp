//===- Compiler.cpp - One compilation, as tessera-compile runs it ---------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "compiler/driver/Compiler.h"

#include "compiler/registration/Registration.h"
#include "passes/pipelines/Pipelines.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace mlir;
using namespace mlir::tessera;

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

LogicalResult mlir::tessera::compile(MLIRContext &context,
                                     const CompileOptions &options) {
  Location fileLoc = FileLineColLoc::get(&context, options.inputPath, 0, 0);
  if (options.emit == EmitKind::Artifact)
    return emitError(fileLoc)
           << "--emit=artifact needs the code generator, which this build of "
              "tessera-compile does not have; use --emit=imported or "
              "--emit=mlir";

  OwningOpRef<ModuleOp> module = loadModel(context, options);
  if (!module)
    return failure();

  if (options.emit == EmitKind::Mlir) {
    PassManager pm(&context);
    if (options.configurePassManager &&
        failed(options.configurePassManager(pm)))
      return failure();
    buildGraphOptimizationPipeline(pm, GraphOptimizationOptions());
    if (failed(pm.run(*module)))
      return failure();
  }

  std::string error;
  std::unique_ptr<llvm::ToolOutputFile> output =
      openOutputFile(options.outputPath, &error);
  if (!output)
    return emitError(fileLoc) << error;
  module->print(output->os());
  output->os() << "\n";
  output->keep();
  return success();
}
