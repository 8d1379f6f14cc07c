//===- DistBase.td - The dist dialect, attributes, enums ---*- tablegen -*-===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_DIST_BASE
#define TESSERA_DIST_BASE

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "dialects/interfaces/ShardingRuleOpInterface.td"
include "dialects/interfaces/CostModelOpInterface.td"

def Dist_Dialect : Dialect {
  let name = "dist";
  let cppNamespace = "::mlir::tessera::dist";
  let summary = "The distribution level: device meshes, shardings, collectives";
  let description = [{
    How a model is spread over devices (docs/design/0003-distribution.md):

    - `#dist.mesh` names the axes of the device mesh and their sizes; the
      module carries it as `dist.mesh`;
    - `#dist.sharding` says, per tensor dimension, which mesh axes split it;
      `dist.shard` pins a value's sharding, functions carry
      `dist.sharding` on arguments and results, and after propagation every
      op carries `dist.shardings` (one per result);
    - after SPMD partitioning, tensors are local (one device's block) and
      the collectives (`dist.all_reduce`, `dist.all_gather`,
      `dist.reduce_scatter`, `dist.all_to_all`, `dist.collective_permute`)
      move data between the devices of a group of mesh axes;
      `dist.axis_index` and `dist.local_shard` are what differs between
      ranks, until rank specialization makes them constants.

    A group over `axes` is every device with the same coordinates on the
    other mesh axes; a member's index in it is the row-major index of its
    coordinates on `axes`, in the order they are listed. Ranks number the
    devices row-major over the mesh axes.
  }];
  let useDefaultAttributePrinterParser = 1;
  let hasOperationAttrVerify = 1;
  let hasRegionArgAttrVerify = 1;
  let hasRegionResultAttrVerify = 1;
  let extraClassDeclaration = [{
    /// The discardable attributes the dialect defines.
    static constexpr ::llvm::StringLiteral kMeshAttrName = "dist.mesh";
    static constexpr ::llvm::StringLiteral kShardingAttrName = "dist.sharding";
    static constexpr ::llvm::StringLiteral kShardingsAttrName =
        "dist.shardings";
    /// On a function specialized for one rank: that rank.
    static constexpr ::llvm::StringLiteral kRankAttrName = "dist.rank";
    /// On a texec collective: the mesh axes of its group, for reports.
    static constexpr ::llvm::StringLiteral kAxesAttrName = "dist.axes";
    /// On an op of a pipelined model: its pipeline stage (a virtual stage
    /// with interleaving).
    static constexpr ::llvm::StringLiteral kStageAttrName = "dist.stage";
    /// On a pipelined function: what each stage costs (for the report).
    static constexpr ::llvm::StringLiteral kStageCostsAttrName =
        "dist.stage_costs";
    /// On an op of a rank's pipeline program: the microbatch it works on.
    static constexpr ::llvm::StringLiteral kMicrobatchAttrName =
        "dist.microbatch";
    /// On a function: the reshards sharding propagation decided, one
    /// dictionary each {value, user, from, to, bytes[, alternative_bytes]}.
    static constexpr ::llvm::StringLiteral kReshardDecisionsAttrName =
        "dist.reshard_decisions";
  }];
}

class Dist_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<Dist_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

def Dist_MeshAttr : Dist_Attr<"Mesh", "mesh"> {
  let summary = "A device mesh: named axes and their sizes, major to minor";
  let description = [{
    ```mlir
    module attributes {dist.mesh = #dist.mesh<["dp" = 2, "tp" = 4]>} { ... }
    ```

    Eight devices; rank `dp_coordinate * 4 + tp_coordinate`. Axis names are
    unique and sizes positive.
  }];
  let parameters = (ins ArrayRefParameter<"::mlir::StringAttr">:$axes,
                        ArrayRefParameter<"int64_t">:$sizes);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// The number of devices: the product of the sizes.
    int64_t getNumDevices() const;
    /// The index of `axis`, or -1.
    int64_t getAxisIndex(::llvm::StringRef axis) const;
    /// The size of `axis` (1 for an axis the mesh does not have).
    int64_t getAxisSize(::llvm::StringRef axis) const;
    /// The product of the sizes of `axes`.
    int64_t getGroupSize(::llvm::ArrayRef<::mlir::StringAttr> axes) const;
    /// The coordinates of `rank`, one per axis.
    ::llvm::SmallVector<int64_t> getCoordinates(int64_t rank) const;
    /// The members of the group of `axes` that `rank` belongs to, in group
    /// order.
    ::llvm::SmallVector<int64_t>
    getGroup(int64_t rank, ::llvm::ArrayRef<::mlir::StringAttr> axes) const;
    /// The index of `rank` in its group of `axes`.
    int64_t getGroupIndex(int64_t rank,
                          ::llvm::ArrayRef<::mlir::StringAttr> axes) const;
  }];
}

def Dist_ShardingAttr : Dist_Attr<"Sharding", "sharding"> {
  let summary = "Which mesh axes split each dimension of a tensor";
  let description = [{
    One list of mesh axes per dimension, major to minor; `{}` leaves the
    dimension whole. Axes not mentioned replicate the tensor.

    ```mlir
    #dist.sharding<{"dp"}, {}, {"tp"}>   // batch over dp, hidden over tp
    #dist.sharding<{"dp", "tp"}>         // one dimension over dp x tp
    ```

    An axis appears at most once. A dimension split over axes of total size n
    must divide by n (checked against the tensor where the sharding is
    used).
  }];
  let parameters = (ins ArrayRefParameter<"::mlir::ArrayAttr">:$dims);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let builders = [
    AttrBuilder<(ins "::llvm::ArrayRef<::llvm::SmallVector<::mlir::StringAttr>>":$dims)>
  ];
  let extraClassDeclaration = [{
    int64_t getRank() const { return getDims().size(); }
    /// The axes of dimension `dim`, major to minor.
    ::llvm::SmallVector<::mlir::StringAttr> getAxes(int64_t dim) const;
    /// Every axis used, in dimension order.
    ::llvm::SmallVector<::mlir::StringAttr> getUsedAxes() const;
    /// Whether no dimension is split.
    bool isReplicated() const;
    /// The replicated sharding of a tensor of rank `rank`.
    static ShardingAttr getReplicated(::mlir::MLIRContext *context,
                                      int64_t rank);
    /// Checks the sharding against a tensor type and mesh: the rank, the
    /// axes, the divisibility. Returns an empty string or the problem.
    std::string check(::mlir::RankedTensorType type, MeshAttr mesh) const;
    /// The shape of one device's block of a tensor of `shape` (which must
    /// pass `check`).
    ::llvm::SmallVector<int64_t> getLocalShape(::llvm::ArrayRef<int64_t> shape,
                                               MeshAttr mesh) const;
    /// The offset of `rank`'s block along each dimension.
    ::llvm::SmallVector<int64_t> getLocalOffsets(::llvm::ArrayRef<int64_t> shape,
                                                 MeshAttr mesh,
                                                 int64_t rank) const;
  }];
}

def Dist_ReduceKind : I32EnumAttr<"ReduceKind",
    "how a collective combines the members' values", [
      I32EnumAttrCase<"Sum", 0, "sum">,
      I32EnumAttrCase<"Max", 1, "max">,
      I32EnumAttrCase<"Min", 2, "min">,
      I32EnumAttrCase<"Prod", 3, "prod">
    ]> {
  let cppNamespace = "::mlir::tessera::dist";
}

class Dist_Op<string mnemonic, list<Trait> traits = [],
              list<string> ownShardingMethods = [],
              list<string> ownCostMethods = ["getFlops", "getBytesAccessed"]>
    : Op<Dist_Dialect, mnemonic, !listconcat(traits, [
        DeclareOpInterfaceMethods<ShardingRuleOpInterface, ownShardingMethods>,
        DeclareOpInterfaceMethods<CostModelOpInterface, ownCostMethods>])>;

#endif // TESSERA_DIST_BASE
