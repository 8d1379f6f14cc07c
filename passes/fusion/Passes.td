//===- Passes.td - Fusion passes ----------------------------*- tablegen -*-===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_PASSES_FUSION
#define TESSERA_PASSES_FUSION

include "mlir/Pass/PassBase.td"

def FormLibraryCallsPass : Pass<"tessera-form-library-calls"> {
  let summary = "Turns matmuls, convolutions and pooling into library calls "
                "with fused epilogues";
  let description = [{
    Rewrites the ops a tuned library runs best into texec library calls on
    tensors, folding into each call what the library can apply on the fly:

    - `tessera.matmul` on f32: a transpose of the last two dimensions of
      either operand becomes a flag; a following add of a vector of the
      result's last dimension becomes the bias; an add of a tensor of the
      result's shape becomes the residual; a following relu, gelu, sigmoid
      or silu becomes the activation;
    - `tessera.conv2d` on f32: its bias, a residual add and a relu;
    - `tessera.max_pool2d` and `tessera.avg_pool2d` on f32, with ceil-mode
      rounding turned into extra padding (except average pooling that
      counts padding and rounds up, whose divisor the library computes
      differently; it stays for code generation).

    Everything else is left for `tessera-to-linalg` and code generation.

    With `target=cuda` the library is cuBLASLt (docs/design/0004-cuda.md):
    only matmuls become calls, and their epilogues are only what cuBLASLt
    applies: the bias, the residual (as C with beta = 1), relu and the tanh
    form of gelu. Sigmoid, SiLU and erf-gelu stay for generated kernels, and
    convolutions and pooling are generated kernels too.

    Example:

    ```mlir
    %t = tessera.transpose %w permutation = [1, 0] : ...
    %m = tessera.matmul %x, %t : ...
    %a = tessera.add %m, %b : (tensor<8x3072xf32>, tensor<3072xf32>) -> ...
    %y = tessera.gelu %a approximate = tanh : tensor<8x3072xf32>
    // becomes
    %y = texec.matmul %x, %w transpose_rhs bias %b activation gelu_tanh : ...
    ```
  }];
  let dependentDialects = ["::mlir::tessera::exec::ExecDialect"];
  let options = [
    Option<"target", "target", "std::string", /*default=*/"\"cpu\"",
           "The library the calls go to: cpu (oneDNN) or cuda (cuBLASLt)">,
  ];
}

#endif // TESSERA_PASSES_FUSION
