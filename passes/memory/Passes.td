//===- Passes.td - Buffers and memory planning --------------*- tablegen -*-===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_PASSES_MEMORY
#define TESSERA_PASSES_MEMORY

include "mlir/Pass/PassBase.td"

def FormProgramPass : Pass<"tessera-form-program", "::mlir::ModuleOp"> {
  let summary = "Outlines kernels, assigns buffers and plans the arena";
  let description = [{
    Turns the tensor-level function (linalg ops, tensor ops, texec library
    calls on tensors, tessera constants and reshapes) into the executable
    level:

    - each computing op (a linalg op with the `tensor.empty` and
      `linalg.fill` that initialize it, a `tensor.concat`, a
      `tensor.extract_slice`) becomes a kernel `func.func` on memrefs in a
      `texec.executable`; identical kernels are emitted once; small dense
      constants are copied into the kernels that use them;
    - every tensor gets a buffer: inputs and weights where they are,
      reshapes as views of their operand's bytes, everything else in one
      arena;
    - static memory planning: each arena buffer lives from the command that
      writes it to the last that reads it, and buffers whose lifetimes do
      not overlap share bytes (first fit, 64-byte aligned); the arena's size
      is the peak;
    - the results of the function are written straight into the output
      buffers when they can be, copied otherwise;
    - a `texec.program` lists the buffers and, in order, the dispatches and
      library calls (now on buffers).

    The function keeps its signature as a declaration (argument and result
    names for the artifact).
  }];
  let dependentDialects = [
    "::mlir::tessera::exec::ExecDialect",
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::func::FuncDialect",
    "::mlir::arith::ArithDialect",
  ];
  let options = [
    Option<"executableName", "executable", "std::string", /*default=*/"\"cpu\"",
           "Symbol of the executable that receives the kernels">,
    Option<"format", "format", "std::string", /*default=*/"\"cpu_so\"",
           "Format of that executable">,
    Option<"target", "target", "std::string", /*default=*/"\"x86-64-v3\"",
           "Target of that executable">,
  ];
}

#endif // TESSERA_PASSES_MEMORY
