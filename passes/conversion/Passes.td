//===- Passes.td - Conversions between levels --------------*- tablegen -*-===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_PASSES_CONVERSION
#define TESSERA_PASSES_CONVERSION

include "mlir/Pass/PassBase.td"

def TesseraToLinalgPass : Pass<"tessera-to-linalg"> {
  let summary = "Lowers tessera ops to linalg, tensor, arith and math";
  let description = [{
    Rewrites every computing tessera op into `linalg.generic` ops on tensors
    (elementwise ops with broadcasting maps, reductions, transposes, strided
    slices, gathers, pads, pooling windows, matrix products), or into
    `tensor.concat` / `tensor.extract_slice`, so that upstream elementwise
    fusion can merge chains of them. Left alone: `tessera.constant` and
    `tessera.reshape` (views of their operand's bytes), and the texec
    library calls already formed. Composite ops (softmax, the
    normalizations, global pooling, batch_norm) must have been decomposed
    by `tessera-decompose`; the pass fails on any tessera op it cannot
    lower, naming it.

    Integer division by zero gives 0 and INT_MIN / -1 gives INT_MIN instead
    of trapping; gather indices out of range are clamped into range.

    Example:

    ```mlir
    %y = tessera.add %x, %b : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
    // becomes
    %e = tensor.empty() : tensor<4x8xf32>
    %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>,
                                          affine_map<(d0, d1) -> (d1)>,
                                          affine_map<(d0, d1) -> (d0, d1)>],
                         iterator_types = ["parallel", "parallel"]}
        ins(%x, %b : tensor<4x8xf32>, tensor<8xf32>) outs(%e : tensor<4x8xf32>) {
    ^bb0(%a: f32, %c: f32, %out: f32):
      %s = arith.addf %a, %c : f32
      linalg.yield %s : f32
    } -> tensor<4x8xf32>
    ```
  }];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::math::MathDialect",
  ];
}

def DistToExecPass : Pass<"tessera-lower-collectives", "::mlir::ModuleOp"> {
  let summary = "Lowers dist collectives to texec collectives between ranks";
  let description = [{
    In every function specialized for a rank (`dist.rank`, made by
    `tessera-specialize-ranks`), rewrites each collective over mesh axes
    into the `texec` collective among the ranks of its group, which the
    artifact and the runtime know: the ranks are listed, in group order,
    and sizes are flat. A gather, scatter or all-to-all along a dimension
    with non-unit dimensions before it is rewritten around a flat one with
    `tessera.reshape` and `tessera.transpose` that put the group's
    dimension first.

    Example, rank 1 of a mesh `dp = 2, tp = 2`:

    ```mlir
    %g = dist.all_gather %x axes = ["tp"] dim = 1 : (tensor<4x8xf32>) -> tensor<4x16xf32>
    // becomes
    %f = texec.all_gather %x ranks = [0, 1] : (tensor<4x8xf32>) -> tensor<2x4x8xf32>
    %t = tessera.transpose %f permutation = [1, 0, 2] : (tensor<2x4x8xf32>) -> tensor<4x2x8xf32>
    %g = tessera.reshape %t : (tensor<4x2x8xf32>) -> tensor<4x16xf32>
    ```
  }];
  let dependentDialects = ["::mlir::tessera::TesseraDialect",
                           "::mlir::tessera::exec::ExecDialect"];
}

#endif // TESSERA_PASSES_CONVERSION
