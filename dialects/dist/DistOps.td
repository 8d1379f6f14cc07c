//===- DistOps.td - The dist dialect's ops -----------------*- tablegen -*-===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_DIST_OPS
#define TESSERA_DIST_OPS

include "dialects/dist/DistBase.td"

def Dist_Tensor : StaticShapeTensorOf<[AnyType]>;
def Dist_AxesAttr : TypedArrayAttrBase<StrAttr, "mesh axis names">;

//===----------------------------------------------------------------------===//
// Annotations
//===----------------------------------------------------------------------===//

def Dist_ShardOp : Dist_Op<"shard", [Pure, SameOperandsAndResultType],
                           ["getShardingRule"], ["getFlops"]> {
  let summary = "Pins the sharding of a value";
  let description = [{
    The value has `sharding` from here on (Shardy's sharding constraint).
    Strategies (`--shard=data|megatron`), rules files and users insert it;
    propagation never changes it and reshards around it; partitioning
    removes it.

    ```mlir
    %w1 = dist.shard %w to <{}, {"tp"}> : tensor<768x3072xf32>
    ```
  }];
  let arguments = (ins Dist_Tensor:$input, Dist_ShardingAttr:$sharding);
  let results = (outs Dist_Tensor:$result);
  let assemblyFormat = "$input `to` $sharding attr-dict `:` type($result)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Collectives, on local tensors
//===----------------------------------------------------------------------===//

class Dist_CollectiveOp<string mnemonic, list<Trait> traits = []>
    : Dist_Op<mnemonic, traits> {
  code collectiveDeclaration = [{
    /// The group size: the product of the sizes of `axes`.
    int64_t getGroupSize();
  }];
  let extraClassDeclaration = collectiveDeclaration;
  let hasVerifier = 1;
}

def Dist_AllReduceOp : Dist_CollectiveOp<"all_reduce",
                                         [SameOperandsAndResultType]> {
  let summary = "Combines the group's tensors elementwise";
  let description = [{
    Every member gets the elementwise `kind` (sum, max, min, prod) of the
    members' tensors.

    ```mlir
    %r = dist.all_reduce %partial axes = ["tp"] kind = sum : tensor<1x128x768xf32>
    ```
  }];
  let arguments = (ins Dist_Tensor:$input, Dist_AxesAttr:$axes,
                       Dist_ReduceKind:$kind);
  let results = (outs Dist_Tensor:$result);
  let assemblyFormat = [{
    $input `axes` `=` $axes `kind` `=` $kind attr-dict `:` type($result)
  }];
}

def Dist_AllGatherOp : Dist_CollectiveOp<"all_gather"> {
  let summary = "Concatenates the group's tensors along a dimension";
  let description = [{
    Every member gets the members' tensors concatenated along `dim` in group
    order: the result's `dim` is the group size times the operand's.

    ```mlir
    %g = dist.all_gather %x axes = ["tp"] dim = 2 : (tensor<1x16x250xf32>) -> tensor<1x16x1000xf32>
    ```
  }];
  let arguments = (ins Dist_Tensor:$input, Dist_AxesAttr:$axes,
                       I64Attr:$dim);
  let results = (outs Dist_Tensor:$result);
  let assemblyFormat = [{
    $input `axes` `=` $axes `dim` `=` $dim attr-dict `:` functional-type($input, $result)
  }];
}

def Dist_ReduceScatterOp : Dist_CollectiveOp<"reduce_scatter"> {
  let summary = "Combines the group's tensors and splits the result";
  let description = [{
    The elementwise `kind` of the members' tensors, split along `dim` into
    group-size parts; member g keeps part g.

    ```mlir
    %s = dist.reduce_scatter %x axes = ["tp"] dim = 0 kind = sum : (tensor<8x4xf32>) -> tensor<2x4xf32>
    ```
  }];
  let arguments = (ins Dist_Tensor:$input, Dist_AxesAttr:$axes, I64Attr:$dim,
                       Dist_ReduceKind:$kind);
  let results = (outs Dist_Tensor:$result);
  let assemblyFormat = [{
    $input `axes` `=` $axes `dim` `=` $dim `kind` `=` $kind attr-dict `:`
    functional-type($input, $result)
  }];
}

def Dist_AllToAllOp : Dist_CollectiveOp<"all_to_all"> {
  let summary = "Moves a split from one dimension to another";
  let description = [{
    Each member splits its tensor along `split_dim` into group-size parts and
    sends part j to member j; the parts it receives are concatenated along
    `concat_dim` in group order.

    ```mlir
    %t = dist.all_to_all %x axes = ["tp"] split_dim = 1 concat_dim = 0 : (tensor<2x8xf32>) -> tensor<8x2xf32>
    ```
  }];
  let arguments = (ins Dist_Tensor:$input, Dist_AxesAttr:$axes,
                       I64Attr:$split_dim, I64Attr:$concat_dim);
  let results = (outs Dist_Tensor:$result);
  let assemblyFormat = [{
    $input `axes` `=` $axes `split_dim` `=` $split_dim `concat_dim` `=`
    $concat_dim attr-dict `:` functional-type($input, $result)
  }];
}

def Dist_CollectivePermuteOp : Dist_CollectiveOp<"collective_permute",
                                                 [SameOperandsAndResultType]> {
  let summary = "Sends each member's tensor to another member";
  let description = [{
    `pairs` lists (source, target) group indices, flattened: the target
    receives the source's tensor; a member no pair targets gets zeros.
    Sources and targets are each unique.

    ```mlir
    // 0 -> 1, 1 -> 2, 2 -> 3
    %p = dist.collective_permute %x axes = ["pp"] pairs = [0, 1, 1, 2, 2, 3] : tensor<4x16xf32>
    ```
  }];
  let arguments = (ins Dist_Tensor:$input, Dist_AxesAttr:$axes,
                       DenseI64ArrayAttr:$pairs);
  let results = (outs Dist_Tensor:$result);
  let assemblyFormat = [{
    $input `axes` `=` $axes `pairs` `=` $pairs attr-dict `:` type($result)
  }];
}

//===----------------------------------------------------------------------===//
// What differs between ranks
//===----------------------------------------------------------------------===//

def Dist_AxisIndexOp : Dist_Op<"axis_index", [Pure], [],
                               ["getFlops", "getBytesAccessed"]> {
  let summary = "This rank's index in the group of some mesh axes";
  let description = [{
    A scalar: the row-major index of this rank's coordinates on `axes`.
    Rank specialization replaces it with a constant.

    ```mlir
    %i = dist.axis_index axes = ["tp"] : tensor<i64>
    ```
  }];
  let arguments = (ins Dist_AxesAttr:$axes);
  let results = (outs 0DTensorOf<[I64]>:$result);
  let assemblyFormat = "`axes` `=` $axes attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def Dist_LocalShardOp : Dist_Op<"local_shard", [Pure], [],
                                ["getFlops"]> {
  let summary = "This rank's block of a value every rank holds whole";
  let description = [{
    No communication: each rank takes its block of `input` under
    `sharding`. On a constant, rank specialization makes it the block itself
    (each rank holds only its shard of a weight); on a function argument, a
    slice (a view when only the major dimension is split).

    ```mlir
    %w = dist.local_shard %weight to <{}, {"tp"}> : (tensor<768x3072xf32>) -> tensor<768x768xf32>
    ```
  }];
  let arguments = (ins Dist_Tensor:$input, Dist_ShardingAttr:$sharding);
  let results = (outs Dist_Tensor:$result);
  let assemblyFormat = [{
    $input `to` $sharding attr-dict `:` functional-type($input, $result)
  }];
  let hasVerifier = 1;
}

#endif // TESSERA_DIST_OPS
