//===- OnnxImporter.h - ONNX models into the tessera dialect ------*- C++ -*-===//
//
// Part of Tessera. The front door of the compiler: reads an ONNX model
// (ModelProto, default-domain opsets 13 to 24) and produces a module with one
// function of tessera ops on statically shaped tensors. Every op carries a
// location naming its ONNX node; weights become dense_resource constants.
//
// The model is untrusted input: a malformed file, a dangling name, a wrong
// attribute type, an absurd shape or external data that points outside the
// model's directory is an error, never a crash.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_COMPILER_IMPORT_ONNX_ONNXIMPORTER_H
#define TESSERA_COMPILER_IMPORT_ONNX_ONNXIMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"

#include <string>

namespace mlir::tessera {

/// The default-domain opsets the importer accepts. Opset 13 moved the axes
/// of Split, Squeeze, Unsqueeze and ReduceSum to inputs and changed Softmax;
/// older models are refused. Opsets 22 to 24 changed only the element types
/// the supported ops accept (bfloat16, 4- and 8-bit floats), not what they
/// compute, so they import the same way.
inline constexpr int64_t kMinOnnxOpset = 13;
inline constexpr int64_t kMaxOnnxOpset = 24;

struct OnnxImportOptions {
  /// Static shapes for model inputs, by input name: fixes symbolic
  /// dimensions (`--input-shape=input_ids:1x128`).
  llvm::StringMap<llvm::SmallVector<int64_t, 4>> inputShapes;
  /// The directory external data files are read from and confined to. Empty:
  /// the directory of the model file (the current directory for a buffer).
  std::string externalDataDir;
  /// The name of the imported function.
  std::string functionName = "main";
  /// Whether `inputShapes` may also change dimensions the model fixes: how
  /// the compiler imports a model at its microbatch size. It works when the
  /// model computes its shapes (Shape, Reshape with -1) rather than baking
  /// the batch into constants; where it does not, an op's shape check
  /// fails, naming the node.
  bool overrideFixedShapes = false;
};

/// Parses one `NAME:DIMxDIMx...` specification (a scalar is `NAME:`) into
/// `options`. On failure returns false and sets `error`.
bool parseInputShapeSpec(llvm::StringRef spec, OnnxImportOptions &options,
                         std::string &error);

/// Imports the ONNX model stored in the file `path`. Errors go to the
/// context's diagnostic handler; the result is null when import failed.
OwningOpRef<ModuleOp> importOnnxFile(MLIRContext *context,
                                     llvm::StringRef path,
                                     const OnnxImportOptions &options);

/// Imports a serialized ONNX model held in memory; `displayName` names it in
/// locations and messages.
OwningOpRef<ModuleOp> importOnnxBuffer(MLIRContext *context,
                                       llvm::StringRef bytes,
                                       llvm::StringRef displayName,
                                       const OnnxImportOptions &options);

/// Registers the dialects the importer creates ops of.
void registerOnnxImportDialects(DialectRegistry &registry);

} // namespace mlir::tessera

#endif // TESSERA_COMPILER_IMPORT_ONNX_ONNXIMPORTER_H
