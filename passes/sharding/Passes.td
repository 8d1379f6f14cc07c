//===- Passes.td - Sharding strategies, rules and propagation -*- tablegen -*-===//
//
// Part of Tessera. Everything before SPMD partitioning
// (docs/design/0003-distribution.md): a strategy annotates, a rules file
// adds the user's annotations, propagation gives every value a sharding.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_PASSES_SHARDING
#define TESSERA_PASSES_SHARDING

include "mlir/Pass/PassBase.td"

def ShardDataPass : Pass<"tessera-shard-data", "::mlir::ModuleOp"> {
  let summary = "Data parallelism: every input split along its first dimension";
  let description = [{
    Gives every tensor argument of every function of rank one or more the
    sharding `<{"dp"}, {}, ...>` (as its `dist.sharding` argument
    attribute): each device of the `dp` axis gets a slice of the batch.
    Weights are left alone, so propagation keeps them replicated and
    derives the sharding of everything else. The module must have a mesh
    with the axis; a first dimension the axis size does not divide is an
    error naming the input.

    Example, on a mesh `dp = 2`:

    ```mlir
    func.func @main(%x: tensor<8x784xf32> {tessera.name = "input"}) -> ...
    // becomes
    func.func @main(%x: tensor<8x784xf32> {dist.sharding = #dist.sharding<{"dp"}, {}>,
                                           tessera.name = "input"}) -> ...
    ```
  }];
  let dependentDialects = ["::mlir::tessera::dist::DistDialect"];
  let options = [
    Option<"axis", "axis", "std::string", /*default=*/"\"dp\"",
           "The mesh axis that splits the batch">,
  ];
}

def ShardMegatronPass : Pass<"tessera-shard-megatron", "::mlir::ModuleOp"> {
  let summary = "Tensor parallelism over transformer blocks, as Megatron-LM";
  let description = [{
    Recognizes the blocks of a transformer by the shape of the graph (never
    by names) and annotates their weights with `dist.shard` so that
    propagation and partitioning give Megatron-LM's tensor parallelism over
    the `tp` axis, with two all-reduces of the hidden state per layer:

    - a *linear* is a `tessera.matmul` whose right operand is a weight (a
      constant, or the transpose of one), optionally followed by the
      addition of a constant bias;
    - a *block* is a linear B (row-parallel: weight `<{"tp"}, {}>`) whose
      input's feature dimension, followed backward through the ops'
      sharding rules as a parallel factor (through elementwise ops,
      reshapes that split it into heads, transposes, batched matmuls,
      softmax over another axis, ...), comes from the output features of
      linears A1..An only (column-parallel: weight `<{}, {"tp"}>`, bias
      `<{"tp"}>`), and whose values are used nowhere else. This covers
      attention (q, k, v projections -> heads -> attention -> output
      projection, with or without rotary embeddings) and the MLP (one
      linear and an activation, or gate and up projections), whatever the
      activation is spelled as;
    - a fused QKV projection (one linear `[h, 3h]` whose output is split
      into q, k and v) is rewritten into three linears with the weight and
      bias sliced at compile time, each column-parallel, so that each
      device holds its own heads of q, k and v and nothing is gathered;
    - the token embedding (the gather from the largest constant table
      indexed by a function input) is vocab-parallel (`<{"tp"}, {}>`), and
      a linear whose output features are that vocabulary (the LM head,
      tied to the embedding or not) is column-parallel; its logits are
      gathered at the output.

    When the mesh also has the `dp` axis, every input's first dimension is
    split over it as with `tessera-shard-data`. Each recognized block and
    each linear left replicated (with the reason) is reported as a remark,
    and one remark on the function sums them up. A block whose sizes `tp`
    does not divide (heads, features, vocabulary) is left replicated.

    Example (an MLP block, `tp = 2`):

    ```mlir
    %h = tessera.matmul %x, %w1 : (tensor<4x8xf32>, tensor<8x32xf32>) -> tensor<4x32xf32>
    %a = tessera.gelu %h : tensor<4x32xf32>
    %y = tessera.matmul %a, %w2 : (tensor<4x32xf32>, tensor<32x8xf32>) -> tensor<4x8xf32>
    // becomes
    %w1s = dist.shard %w1 to <{}, {"tp"}> : tensor<8x32xf32>
    %h = tessera.matmul %x, %w1s : ...
    %a = tessera.gelu %h : tensor<4x32xf32>
    %w2s = dist.shard %w2 to <{"tp"}, {}> : tensor<32x8xf32>
    %y = tessera.matmul %a, %w2s : ...
    ```
  }];
  let dependentDialects = ["::mlir::tessera::TesseraDialect",
                           "::mlir::tessera::dist::DistDialect"];
  let options = [
    Option<"tpAxis", "tp-axis", "std::string", /*default=*/"\"tp\"",
           "The mesh axis of tensor parallelism">,
    Option<"dpAxis", "dp-axis", "std::string", /*default=*/"\"dp\"",
           "The mesh axis that splits the batch, when the mesh has it">,
  ];
}

def ApplyShardRulesPass
    : Pass<"tessera-apply-shard-rules", "::mlir::ModuleOp"> {
  let summary = "Annotates tensors named in a JSON rules file";
  let description = [{
    Reads the user's sharding rules from `file`:

    ```json
    {"rules": [
      {"match": "transformer.h.*.mlp.c_fc.weight", "sharding": [[], ["tp"]]},
      {"match": "input_ids", "sharding": [["dp"], []]}
    ]}
    ```

    `match` is a tensor name of the ONNX model or a glob pattern (`*`, `?`,
    `[...]`), compared with initializer names (a constant's location),
    graph input names (the `tessera.name` argument attribute) and node
    output names (the importer's `fused<["name"]>` locations).
    `sharding` lists, per dimension, the mesh axes that split it. Every
    matching tensor gets the sharding: an input as its `dist.sharding`
    attribute, any other value through a `dist.shard` that all its uses
    read. Rules are applied in order (a later one wins) and win over
    strategies: a strategy's `dist.shard` on the same value is replaced. A
    rule that matches nothing, or a sharding that does not fit a tensor
    (rank, unknown axis, a size that does not divide), is an error naming
    the rule and the tensor.
  }];
  let dependentDialects = ["::mlir::tessera::dist::DistDialect"];
  let options = [
    Option<"file", "file", "std::string", /*default=*/"",
           "The JSON rules file">,
  ];
}

def PropagateShardingPass
    : Pass<"tessera-propagate-sharding", "::mlir::ModuleOp"> {
  let summary = "Gives every tensor value a sharding";
  let description = [{
    Propagates the annotations (`dist.shard`, `dist.sharding` on arguments)
    through every function over the ops' `ShardingRuleOpInterface`: each
    value's sharding is projected onto the factors of the ops that define
    and use it, a factor takes the mesh axes the tensors agree on (never
    for a need-replication factor; a reduction factor may be split, leaving
    partial results), and the result is projected back; forward and
    backward, to a fixed point. Annotated values never change. A dimension
    made of several factors (a reshape from `[b, s, h]` to
    `[b, s, heads, d]`) carries an axis to its major factor when the axis
    size divides it.

    Afterwards every op with tensor results has `dist.shardings` (one
    `#dist.sharding` per result), every argument and result of a function
    has `dist.sharding` (results replicated: every device computes every
    output), and for every op the shardings of its operands and results are
    one assignment of axes to the factors of its rule. Where an operand's
    sharding is not what its user needs, a `dist.shard` in between marks the
    reshard: when two uses (or the tensors of one op) want different
    shardings, the one whose resharding moves fewer bytes is kept, a remark
    names the value and both shardings, and the function's
    `dist.reshard_decisions` attribute records it (value, user, from, to,
    bytes moved, bytes the other choice would have moved). Outputs that are
    not replicated are gathered the same way.

    Example, on a mesh `dp = 2`:

    ```mlir
    func.func @f(%x: tensor<8x4xf32> {dist.sharding = #dist.sharding<{"dp"}, {}>},
                 %w: tensor<4x2xf32>) -> tensor<8x2xf32> {
      %y = tessera.matmul %x, %w : (tensor<8x4xf32>, tensor<4x2xf32>) -> tensor<8x2xf32>
      return %y : tensor<8x2xf32>
    }
    // becomes
    func.func @f(%x: ... {dist.sharding = #dist.sharding<{"dp"}, {}>},
                 %w: ... {dist.sharding = #dist.sharding<{}, {}>})
        -> (tensor<8x2xf32> {dist.sharding = #dist.sharding<{}, {}>}) {
      %y = tessera.matmul %x, %w {dist.shardings = [#dist.sharding<{"dp"}, {}>]} : ...
      %r = dist.shard %y to <{}, {}> {dist.shardings = [#dist.sharding<{}, {}>]} : tensor<8x2xf32>
      return %r : tensor<8x2xf32>
    }
    ```
  }];
  let dependentDialects = ["::mlir::tessera::dist::DistDialect"];
}

#endif // TESSERA_PASSES_SHARDING
