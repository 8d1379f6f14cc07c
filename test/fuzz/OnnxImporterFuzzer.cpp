//===- OnnxImporterFuzzer.cpp - libFuzzer target for the ONNX importer ----===//
//
// Part of Tessera. Feeds arbitrary bytes to the importer as a model. Every
// input must end in a module or an error: a crash, a sanitizer report, a
// hang or an out-of-memory abort is a bug. External data is disabled (its
// directory does not exist), so inputs cannot make the importer read files.
//
//===----------------------------------------------------------------------===//

#include "compiler/import/onnx/OnnxImporter.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"

#include <cstddef>
#include <cstdint>

using namespace mlir;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static DialectRegistry *registry = [] {
    auto *r = new DialectRegistry();
    tessera::registerOnnxImportDialects(*r);
    return r;
  }();
  MLIRContext context(*registry, MLIRContext::Threading::DISABLED);
  ScopedDiagnosticHandler silence(&context,
                                  [](Diagnostic &) { return success(); });
  tessera::OnnxImportOptions options;
  options.externalDataDir = "/nonexistent/tessera-fuzz";
  (void)tessera::importOnnxBuffer(
      &context, StringRef(reinterpret_cast<const char *>(data), size),
      "fuzz.onnx", options);
  return 0;
}
