//===- TesseraBase.td - The tessera dialect, types and enums -*- tablegen -*-===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_BASE
#define TESSERA_BASE

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "dialects/interfaces/ShardingRuleOpInterface.td"
include "dialects/interfaces/CostModelOpInterface.td"

//===----------------------------------------------------------------------===//
// Dialect
//===----------------------------------------------------------------------===//

def Tessera_Dialect : Dialect {
  let name = "tessera";
  let cppNamespace = "::mlir::tessera";
  let summary = "Model-level ops on statically shaped tensors";
  let description = [{
    The `tessera` dialect is the model level of the Tessera compiler: what an
    ONNX model is imported into and what the graph, compression and
    distribution passes work on. Its ops take and produce ranked tensors with
    static shapes (dynamic dimensions are fixed at import) of the element
    types `f16`, `bf16`, `f32`, `f64`, signless integers `i8`-`i64` (read as
    signed), unsigned integers `ui8`-`ui64` and `i1` for booleans.

    Every op infers its result type from its operands and attributes, except
    the three whose result type is their parameter: `reshape`, `broadcast` and
    `cast`. Elementwise binary ops broadcast their operands as NumPy does.
    Axes, permutations and index attributes are normalized: non-negative and
    in range.

    Every op implements the project's two op interfaces:
    `ShardingRuleOpInterface` (how each dimension is made of factors that can
    be sharded over a device mesh) and `CostModelOpInterface` (FLOPs and bytes
    moved). Weights are `dense_resource` constants, never giant inline
    attributes.
  }];
  let hasConstantMaterializer = 1;
}

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def Tessera_Float : AnyTypeOf<[F16, BF16, F32, F64], "floating-point">;
def Tessera_Int : AnyTypeOf<[I8, I16, I32, I64, UI8, UI16, UI32, UI64],
                            "integer">;
def Tessera_Bool : TypeAlias<I1, "bool">;
def Tessera_Numeric : AnyTypeOf<[Tessera_Float, Tessera_Int], "numeric">;
def Tessera_Element : AnyTypeOf<[Tessera_Float, Tessera_Int, Tessera_Bool],
                                "tessera element">;

def Tessera_Tensor : StaticShapeTensorOf<[Tessera_Element]>;
def Tessera_FloatTensor : StaticShapeTensorOf<[Tessera_Float]>;
def Tessera_NumericTensor : StaticShapeTensorOf<[Tessera_Numeric]>;
def Tessera_BoolTensor : StaticShapeTensorOf<[Tessera_Bool]>;
def Tessera_IndexTensor : StaticShapeTensorOf<[I32, I64]>;

//===----------------------------------------------------------------------===//
// Attribute constraints
//===----------------------------------------------------------------------===//

// An i64 attribute read as a signed int64_t (upstream I64Attr gives uint64_t,
// which turns axis arithmetic and range checks into traps).
def Tessera_I64Attr : TypedSignlessIntegerAttrBase<I64, "int64_t",
                                                   "64-bit integer attribute"> {
  let convertFromStorage = "$_self.getValue().getSExtValue()";
}

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def Tessera_CompareDirection : I32EnumAttr<"CompareDirection",
    "how tessera.compare compares", [
      I32EnumAttrCase<"EQ", 0, "eq">,
      I32EnumAttrCase<"NE", 1, "ne">,
      I32EnumAttrCase<"LT", 2, "lt">,
      I32EnumAttrCase<"LE", 3, "le">,
      I32EnumAttrCase<"GT", 4, "gt">,
      I32EnumAttrCase<"GE", 5, "ge">
    ]> {
  let cppNamespace = "::mlir::tessera";
}

def Tessera_GeluApproximation : I32EnumAttr<"GeluApproximation",
    "how tessera.gelu computes the Gaussian CDF", [
      I32EnumAttrCase<"None", 0, "none">,
      I32EnumAttrCase<"Tanh", 1, "tanh">
    ]> {
  let cppNamespace = "::mlir::tessera";
}

def Tessera_PadMode : I32EnumAttr<"PadMode", "what tessera.pad fills with", [
      I32EnumAttrCase<"Constant", 0, "constant">,
      I32EnumAttrCase<"Reflect", 1, "reflect">,
      I32EnumAttrCase<"Edge", 2, "edge">
    ]> {
  let cppNamespace = "::mlir::tessera";
}

//===----------------------------------------------------------------------===//
// Op base classes
//===----------------------------------------------------------------------===//

// Every tessera op implements both project interfaces. By default it defines
// every interface method itself (in TesseraShardingRules.cpp and
// TesseraCostModel.cpp); an op that is well served by an interface's default
// implementation passes an empty list for it.
class Tessera_Op<string mnemonic, list<Trait> traits = [],
                 list<string> ownShardingMethods = ["getShardingRule"],
                 list<string> ownCostMethods = ["getFlops", "getBytesAccessed"]>
    : Op<Tessera_Dialect, mnemonic, !listconcat(traits, [
        DeclareOpInterfaceMethods<ShardingRuleOpInterface, ownShardingMethods>,
        DeclareOpInterfaceMethods<CostModelOpInterface, ownCostMethods>])>;

// An elementwise op with NumPy broadcasting: the pointwise sharding rule, and
// `flopsPerElement` operations per result element (transcendental functions
// count as several).
class Tessera_PointwiseOp<string mnemonic, int flopsPerElement = 1,
                          list<Trait> traits = []>
    : Tessera_Op<mnemonic, !listconcat(traits, [Pure]), ["getShardingRule"],
                 ["getFlops"]> {
  code pointwiseDefinition = [{
    ::mlir::tessera::ShardingRule $cppClass::getShardingRule() {
      return ::mlir::tessera::getPointwiseShardingRule(getOperation());
    }
    int64_t $cppClass::getFlops() {
      return }] # flopsPerElement # [{ *
          ::mlir::tessera::getNumElements(getOperation()->getResult(0).getType());
    }
  }];
  let extraClassDefinition = pointwiseDefinition;
}

#endif // TESSERA_BASE
