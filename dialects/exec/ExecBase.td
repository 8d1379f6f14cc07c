//===- ExecBase.td - The texec dialect and its enums -------*- tablegen -*-===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_EXEC_BASE
#define TESSERA_EXEC_BASE

include "mlir/IR/OpBase.td"
include "mlir/IR/EnumAttr.td"

def Exec_Dialect : Dialect {
  let name = "texec";
  let cppNamespace = "::mlir::tessera::exec";
  let summary = "The executable level: kernels, buffers and command lists";
  let description = [{
    The last level before the artifact, mapping one-to-one onto its schema
    (runtime/schemas/tessera_artifact.fbs) so that serialization is a plain
    translation:

    - `texec.executable` holds the generated kernels of one target;
    - `texec.program` is what one rank does: buffers (`texec.buffer`, each
      in the arena, a weight, an input or an output) and, in order, the
      commands that run on them: `texec.dispatch` of a kernel, library calls
      (`texec.matmul`, `texec.conv2d`, `texec.pool2d`) and `texec.copy`.

    The library calls also exist on tensors (no `outs` operand, one result),
    between the graph passes that form them, with their epilogues fused, and
    the pass that assigns buffers.
  }];
}

// Mirrors tessera.artifact.Activation.
def Exec_Activation : I32EnumAttr<"Activation",
    "an elementwise function applied to a library call's result", [
      I32EnumAttrCase<"None", 0, "none">,
      I32EnumAttrCase<"Relu", 1, "relu">,
      I32EnumAttrCase<"GeluErf", 2, "gelu_erf">,
      I32EnumAttrCase<"GeluTanh", 3, "gelu_tanh">,
      I32EnumAttrCase<"Sigmoid", 4, "sigmoid">,
      I32EnumAttrCase<"Silu", 5, "silu">
    ]> {
  let cppNamespace = "::mlir::tessera::exec";
}

// Mirrors tessera.artifact.PoolKind.
def Exec_PoolKind : I32EnumAttr<"PoolKind", "the reduction of a pooling", [
      I32EnumAttrCase<"Max", 0, "max">,
      I32EnumAttrCase<"Average", 1, "average">
    ]> {
  let cppNamespace = "::mlir::tessera::exec";
}

// Mirrors tessera.artifact.ReduceOp.
def Exec_ReduceKind : I32EnumAttr<"ReduceKind",
    "how a collective combines the ranks' values", [
      I32EnumAttrCase<"Sum", 0, "sum">,
      I32EnumAttrCase<"Max", 1, "max">,
      I32EnumAttrCase<"Min", 2, "min">,
      I32EnumAttrCase<"Prod", 3, "prod">
    ]> {
  let cppNamespace = "::mlir::tessera::exec";
}

// Mirrors tessera.artifact.StorageKind.
def Exec_StorageKind : I32EnumAttr<"StorageKind", "where a buffer lives", [
      I32EnumAttrCase<"Arena", 0, "arena">,
      I32EnumAttrCase<"Constant", 1, "constant">,
      I32EnumAttrCase<"Input", 2, "input">,
      I32EnumAttrCase<"Output", 3, "output">
    ]> {
  let cppNamespace = "::mlir::tessera::exec";
}

class Exec_Op<string mnemonic, list<Trait> traits = []>
    : Op<Exec_Dialect, mnemonic, traits>;

#endif // TESSERA_EXEC_BASE
