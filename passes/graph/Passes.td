//===- Passes.td - Graph-level passes on the tessera dialect -*- tablegen -*-===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_PASSES_GRAPH
#define TESSERA_PASSES_GRAPH

include "mlir/Pass/PassBase.td"

def DecomposePass : Pass<"tessera-decompose"> {
  let summary = "Rewrites composite tessera ops into primitive ones";
  let description = [{
    Expresses the composite ops through simpler tessera ops so that later
    stages (fusion, lowering) need fewer special cases:

    - `gelu` into `erf` (or `tanh`) arithmetic, `silu` into `x * sigmoid(x)`,
      `clip` into `max`/`min`;
    - `softmax` into the numerically stable `exp(x - max) / sum`;
    - `layer_norm`, `rms_norm` and `batch_norm` into reductions and
      elementwise arithmetic (`batch_norm` as `x * a + b` per channel);
    - global pooling into `reduce_mean` / `reduce_max`.

    Ops named in `keep` are left as they are, for targets that have a fused
    kernel for them.

    Example:

    ```mlir
    %y = tessera.silu %x : tensor<4xf32>
    // becomes
    %s = tessera.sigmoid %x : tensor<4xf32>
    %y = tessera.mul %x, %s : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    ```
  }];
  let dependentDialects = ["::mlir::tessera::TesseraDialect"];
  let options = [
    ListOption<"keep", "keep", "std::string",
               "Op names (without the dialect prefix, e.g. softmax) to keep">,
  ];
}

def RecognizeActivationsPass : Pass<"tessera-recognize-activations"> {
  let summary = "Finds activations that exporters spell out as arithmetic";
  let description = [{
    Exporters write some activations as chains of elementwise ops; this
    pass turns them back into the single op, so that later passes can fuse
    them into a library call's epilogue or a single kernel:

    - `0.5 * x * (1 + erf(x / sqrt(2)))` (PyTorch's and BERT's GELU, with
      the division also written as a multiplication by `1/sqrt(2)`, and the
      factors in any order) becomes `tessera.gelu`;
    - `0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x^3)))` (GPT-2's
      `gelu_new`, `x^3` as `pow(x, 3)` or `x * x * x`) becomes
      `tessera.gelu approximate = tanh`;
    - `x * sigmoid(x)` becomes `tessera.silu`.

    Constants are matched to within 1e-6 relative, or two units in the last
    place of their element type where that is looser (bf16, f16).

    Example:

    ```mlir
    %d = tessera.div %x, %c1_41421 : ...
    %e = tessera.erf %d : ...
    %a = tessera.add %e, %c1 : ...
    %m = tessera.mul %x, %a : ...
    %y = tessera.mul %m, %c0_5 : ...
    // becomes
    %y = tessera.gelu %x : ...
    ```
  }];
  let dependentDialects = ["::mlir::tessera::TesseraDialect"];
}

def PrintCostPass : Pass<"tessera-print-cost", "::mlir::ModuleOp"> {
  let summary = "Prints the FLOPs and bytes of each function";
  let description = [{
    Sums the cost model (`CostModelOpInterface`) over every function and
    prints, per function, the number of ops, total FLOPs and bytes moved, and
    the ops that do the most work. The IR is not changed.

    Example output:

    ```
    func @mlp: 10 ops, 13028160 FLOPs (13.03 MFLOP), 1117480 bytes (1.12 MB)
      tessera.matmul                  3 ops   12.94 MFLOP  ( 99.3%)
      tessera.add                     3 ops   67.60 KFLOP  (  0.5%)
    ```
  }];
  let options = [
    Option<"top", "top", "unsigned", /*default=*/"5",
           "How many op kinds to list per function">,
  ];
}

#endif // TESSERA_PASSES_GRAPH
