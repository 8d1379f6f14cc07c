//===- TesseraOps.td - The tessera dialect's ops ------------*- tablegen -*-===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_OPS
#define TESSERA_OPS

include "dialects/tessera/TesseraBase.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"

//===----------------------------------------------------------------------===//
// Elementwise unary ops
//===----------------------------------------------------------------------===//

class Tessera_UnaryOp<string mnemonic, Type tensorType, string formula,
                      int flopsPerElement = 1, list<Trait> traits = []>
    : Tessera_PointwiseOp<mnemonic, flopsPerElement, !listconcat(traits,
        [SameOperandsAndResultType, InferTypeOpInterface])> {
  let summary = "Elementwise " # formula;
  let description = [{
    Computes `}] # formula # [{` for every element of `input`.

    Example:

    ```mlir
    %y = tessera.}] # mnemonic # [{ %x : tensor<2x8xf32>
    ```
  }];
  let arguments = (ins tensorType:$input);
  let results = (outs tensorType:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
  let hasFolder = 1;
}

def Tessera_NegOp : Tessera_UnaryOp<"neg", Tessera_NumericTensor, "-x">;
def Tessera_AbsOp : Tessera_UnaryOp<"abs", Tessera_NumericTensor, "|x|">;
def Tessera_ExpOp : Tessera_UnaryOp<"exp", Tessera_FloatTensor, "e^x", 4>;
def Tessera_LogOp : Tessera_UnaryOp<"log", Tessera_FloatTensor, "ln(x)", 4>;
def Tessera_SqrtOp : Tessera_UnaryOp<"sqrt", Tessera_FloatTensor, "sqrt(x)", 2>;
def Tessera_RsqrtOp
    : Tessera_UnaryOp<"rsqrt", Tessera_FloatTensor, "1 / sqrt(x)", 2>;
def Tessera_TanhOp : Tessera_UnaryOp<"tanh", Tessera_FloatTensor, "tanh(x)", 6>;
def Tessera_ErfOp : Tessera_UnaryOp<"erf", Tessera_FloatTensor, "erf(x)", 6>;
def Tessera_SigmoidOp
    : Tessera_UnaryOp<"sigmoid", Tessera_FloatTensor, "1 / (1 + e^-x)", 6>;
def Tessera_ReluOp : Tessera_UnaryOp<"relu", Tessera_NumericTensor, "max(x, 0)">;
def Tessera_SiluOp
    : Tessera_UnaryOp<"silu", Tessera_FloatTensor, "x * sigmoid(x)", 7>;
def Tessera_LogicalNotOp
    : Tessera_UnaryOp<"logical_not", Tessera_BoolTensor, "!x">;

def Tessera_GeluOp : Tessera_UnaryOp<"gelu", Tessera_FloatTensor,
    "x * Phi(x)", 10> {
  let description = [{
    The Gaussian error linear unit, `x * Phi(x)` where `Phi` is the standard
    normal CDF: `0.5 * x * (1 + erf(x / sqrt(2)))`, or with
    `approximate = tanh` the approximation
    `0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))`.

    Example:

    ```mlir
    %y = tessera.gelu %x : tensor<2x8xf32>
    %z = tessera.gelu %x approximate = tanh : tensor<2x8xf32>
    ```
  }];
  let arguments = (ins Tessera_FloatTensor:$input,
      DefaultValuedAttr<Tessera_GeluApproximation,
                        "GeluApproximation::None">:$approximate);
  let assemblyFormat = [{
    $input (`approximate` `=` $approximate^)? attr-dict `:` type($result)
  }];
}

def Tessera_ClipOp : Tessera_UnaryOp<"clip", Tessera_NumericTensor,
    "min(max(x, min), max)", 2> {
  let description = [{
    Clamps every element of `input` to `[min, max]`. Either bound may be left
    out; `min` must not exceed `max`, and neither may be NaN. For integer
    element types a bound is first brought into the type: a bound beyond the
    type's range saturates to it, and a fractional bound rounds inward (`min`
    up, `max` down), so the clip keeps exactly the integers in `[min, max]`.

    Example:

    ```mlir
    %relu6 = tessera.clip %x min = 0.0 max = 6.0 : tensor<2x8xf32>
    ```
  }];
  let arguments = (ins Tessera_NumericTensor:$input,
      OptionalAttr<F64Attr>:$min, OptionalAttr<F64Attr>:$max);
  let extraClassDeclaration = [{
    /// For an integer element type: the lower (`isMin`) or upper bound as a
    /// value of the element type, saturated and rounded inward; nothing when
    /// that bound is absent.
    std::optional<::llvm::APInt> getIntegerBound(bool isMin);
  }];
  let assemblyFormat = [{
    $input (`min` `=` $min^)? (`max` `=` $max^)? attr-dict `:` type($result)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Elementwise binary ops (NumPy broadcasting)
//===----------------------------------------------------------------------===//

class Tessera_BroadcastingOp<string mnemonic, int flopsPerElement = 1,
                             list<Trait> traits = []>
    : Tessera_PointwiseOp<mnemonic, flopsPerElement,
                          !listconcat(traits, [InferTypeOpAdaptor])> {
  // The result has the broadcast shape of all operands and the element type
  // of `resultElementTypeFrom` (an operand index), or i1 when it is -1.
  int resultElementTypeFrom = 0;
  let extraClassDefinition = pointwiseDefinition # [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *context, ::std::optional<::mlir::Location> location,
        Adaptor adaptor, ::llvm::SmallVectorImpl<::mlir::Type> &inferredTypes) {
      return ::mlir::tessera::inferBroadcastResultType(location,
          adaptor.getOperands(), }] # resultElementTypeFrom # [{, inferredTypes);
    }
  }];
}

class Tessera_BinaryOp<string mnemonic, Type tensorType, string formula,
                       int flopsPerElement = 1, list<Trait> traits = []>
    : Tessera_BroadcastingOp<mnemonic, flopsPerElement, !listconcat(traits,
        [AllElementTypesMatch<["lhs", "rhs", "result"]>])> {
  let summary = "Elementwise " # formula # " with broadcasting";
  let description = [{
    Computes `}] # formula # [{` elementwise. The operands broadcast as in
    NumPy: shapes are aligned at their last dimension and each pair of
    dimensions must be equal or one of them 1.

    Example:

    ```mlir
    %z = tessera.}] # mnemonic # [{ %x, %y
        : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
    ```
  }];
  let arguments = (ins tensorType:$lhs, tensorType:$rhs);
  let results = (outs tensorType:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasFolder = 1;
}

def Tessera_AddOp : Tessera_BinaryOp<"add", Tessera_NumericTensor, "lhs + rhs",
    1, [Commutative]>;
def Tessera_SubOp : Tessera_BinaryOp<"sub", Tessera_NumericTensor, "lhs - rhs">;
def Tessera_MulOp : Tessera_BinaryOp<"mul", Tessera_NumericTensor, "lhs * rhs",
    1, [Commutative]>;
def Tessera_DivOp : Tessera_BinaryOp<"div", Tessera_NumericTensor, "lhs / rhs"> {
  let description = [{
    Computes `lhs / rhs` elementwise with NumPy broadcasting. Integer division
    truncates toward zero.

    Example:

    ```mlir
    %z = tessera.div %x, %y
        : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
    ```
  }];
}
def Tessera_PowOp : Tessera_BinaryOp<"pow", Tessera_NumericTensor, "lhs ^ rhs",
    8>;
def Tessera_MaxOp : Tessera_BinaryOp<"max", Tessera_NumericTensor,
    "max(lhs, rhs)", 1, [Commutative]>;
def Tessera_MinOp : Tessera_BinaryOp<"min", Tessera_NumericTensor,
    "min(lhs, rhs)", 1, [Commutative]>;
def Tessera_LogicalAndOp : Tessera_BinaryOp<"logical_and", Tessera_BoolTensor,
    "lhs and rhs", 1, [Commutative]>;
def Tessera_LogicalOrOp : Tessera_BinaryOp<"logical_or", Tessera_BoolTensor,
    "lhs or rhs", 1, [Commutative]>;
def Tessera_LogicalXorOp : Tessera_BinaryOp<"logical_xor", Tessera_BoolTensor,
    "lhs xor rhs", 1, [Commutative]>;

def Tessera_CompareOp : Tessera_BroadcastingOp<"compare", 1,
    [AllElementTypesMatch<["lhs", "rhs"]>]> {
  let resultElementTypeFrom = -1;
  let summary = "Elementwise comparison with broadcasting";
  let description = [{
    Compares `lhs` with `rhs` elementwise (`eq`, `ne`, `lt`, `le`, `gt`,
    `ge`), broadcasting as NumPy does, and gives a boolean tensor. Floating
    point comparisons are ordered: any comparison with NaN is false except
    `ne`.

    Example:

    ```mlir
    %mask = tessera.compare lt, %x, %y
        : (tensor<4x8xf32>, tensor<1x8xf32>) -> tensor<4x8xi1>
    ```
  }];
  let arguments = (ins Tessera_CompareDirection:$direction,
                       Tessera_Tensor:$lhs, Tessera_Tensor:$rhs);
  let results = (outs Tessera_BoolTensor:$result);
  let assemblyFormat = [{
    $direction `,` $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasFolder = 1;
}

def Tessera_WhereOp : Tessera_BroadcastingOp<"where", 1,
    [AllElementTypesMatch<["true_value", "false_value", "result"]>]> {
  let resultElementTypeFrom = 1;
  let summary = "Elementwise selection with broadcasting";
  let description = [{
    Takes `true_value` where `condition` is true and `false_value` elsewhere;
    the three operands broadcast as in NumPy.

    Example:

    ```mlir
    %y = tessera.where %mask, %x, %neg_inf
        : (tensor<1x1x8x8xi1>, tensor<2x4x8x8xf32>, tensor<f32>)
        -> tensor<2x4x8x8xf32>
    ```
  }];
  let arguments = (ins Tessera_BoolTensor:$condition,
                       Tessera_Tensor:$true_value, Tessera_Tensor:$false_value);
  let results = (outs Tessera_Tensor:$result);
  let assemblyFormat = [{
    $condition `,` $true_value `,` $false_value attr-dict `:`
    functional-type(operands, results)
  }];
  let hasFolder = 1;
}

def Tessera_CastOp : Tessera_PointwiseOp<"cast", 1,
    [SameOperandsAndResultShape]> {
  let summary = "Elementwise conversion to another element type";
  let description = [{
    Converts every element to the result's element type. Floats convert to
    integers by truncation toward zero (saturating at the integer's range);
    integers and floats convert to `i1` as `x != 0`; `i1` converts to 0 or 1.
    The result type is the op's parameter, so it is written out.

    Example:

    ```mlir
    %y = tessera.cast %x : tensor<2x8xf32> to tensor<2x8xf16>
    ```
  }];
  let arguments = (ins Tessera_Tensor:$input);
  let results = (outs Tessera_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `to` type($result)";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

def Tessera_ConstantOp : Tessera_Op<"constant",
    [ConstantLike, Pure, AllTypesMatch<["value", "result"]>,
     DeclareOpInterfaceMethods<InferTypeOpInterface>]> {
  let summary = "A constant tensor: a weight or a literal";
  let description = [{
    A tensor known at compile time. Weights are `dense_resource` blobs, kept
    out of line so that large models print, parse and serialize without giant
    attributes; small literals may be `dense`.

    Example:

    ```mlir
    %w = tessera.constant dense_resource<fc1_weight> : tensor<768x3072xf32>
    %eps = tessera.constant dense<1.0e-05> : tensor<f32>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs Tessera_Tensor:$result);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Linear algebra and convolution
//===----------------------------------------------------------------------===//

def Tessera_MatmulOp : Tessera_Op<"matmul",
    [Pure, InferTypeOpAdaptor, AllElementTypesMatch<["lhs", "rhs", "result"]>]> {
  let summary = "Batched matrix product with broadcasting batch dimensions";
  let description = [{
    Multiplies the matrices in the last two dimensions of `lhs`
    (`[..., M, K]`) and `rhs` (`[..., K, N]`); the leading (batch) dimensions
    broadcast as in NumPy. Both operands have rank 2 or more (the importer
    turns ONNX's vector operands into matrices).

    Example:

    ```mlir
    %y = tessera.matmul %x, %w
        : (tensor<2x128x768xf32>, tensor<768x3072xf32>) -> tensor<2x128x3072xf32>
    ```
  }];
  let arguments = (ins Tessera_NumericTensor:$lhs, Tessera_NumericTensor:$rhs);
  let results = (outs Tessera_NumericTensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
}

def Tessera_Conv2dOp : Tessera_Op<"conv2d", [Pure, InferTypeOpAdaptor,
    AllElementTypesMatch<["input", "weight", "result"]>]> {
  let summary = "2-D convolution (NCHW) with strides, padding, dilation, groups";
  let description = [{
    Convolves `input` (`[N, C, H, W]`) with `weight` (`[F, C / groups, KH,
    KW]`) and adds the optional `bias` (`[F]`), giving `[N, F, HO, WO]` with

    ```
    HO = (H + pad_top + pad_bottom - dilation_h * (KH - 1) - 1) / stride_h + 1
    ```

    and likewise for `WO`. `padding` is `[top, left, bottom, right]`; `C` and
    `F` are multiples of `groups` (depthwise convolution: `groups = C`).

    Example:

    ```mlir
    %y = tessera.conv2d %x, %w, %b strides = [2, 2] padding = [3, 3, 3, 3]
        dilations = [1, 1] groups = 1
        : (tensor<1x3x224x224xf32>, tensor<64x3x7x7xf32>, tensor<64xf32>)
        -> tensor<1x64x112x112xf32>
    ```
  }];
  let arguments = (ins Tessera_FloatTensor:$input, Tessera_FloatTensor:$weight,
      Optional<Tessera_FloatTensor>:$bias, DenseI64ArrayAttr:$strides,
      DenseI64ArrayAttr:$padding, DenseI64ArrayAttr:$dilations,
      Tessera_I64Attr:$groups);
  let results = (outs Tessera_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? `strides` `=` $strides `padding` `=`
    $padding `dilations` `=` $dilations `groups` `=` $groups attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

def Tessera_MaxPool2dOp : Tessera_Op<"max_pool2d",
    [Pure, InferTypeOpAdaptor, AllElementTypesMatch<["input", "result"]>]> {
  let summary = "2-D max pooling (NCHW)";
  let description = [{
    The maximum over each `kernel` window of `input` (`[N, C, H, W]`), moved
    by `strides`, with `dilations` between window elements. Padding
    (`[top, left, bottom, right]`) never wins the maximum. The output size is
    rounded down, or up with `ceil_mode` (a window that would start in the
    bottom or right padding is dropped, as in ONNX and PyTorch).

    Example:

    ```mlir
    %y = tessera.max_pool2d %x kernel = [3, 3] strides = [2, 2]
        padding = [1, 1, 1, 1] dilations = [1, 1]
        : (tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32>
    ```
  }];
  let arguments = (ins Tessera_NumericTensor:$input,
      DenseI64ArrayAttr:$kernel, DenseI64ArrayAttr:$strides,
      DenseI64ArrayAttr:$padding, DenseI64ArrayAttr:$dilations,
      UnitAttr:$ceil_mode);
  let results = (outs Tessera_NumericTensor:$result);
  let assemblyFormat = [{
    $input `kernel` `=` $kernel `strides` `=` $strides `padding` `=` $padding
    `dilations` `=` $dilations (`ceil_mode` $ceil_mode^)? attr-dict `:`
    functional-type(operands, results)
  }];
  let hasFolder = 1;
}

def Tessera_AvgPool2dOp : Tessera_Op<"avg_pool2d",
    [Pure, InferTypeOpAdaptor, AllElementTypesMatch<["input", "result"]>]> {
  let summary = "2-D average pooling (NCHW)";
  let description = [{
    The mean over each `kernel` window of `input` (`[N, C, H, W]`), moved by
    `strides`, with `dilations` between window elements. Padded positions
    count in the divisor only with `count_include_pad`. Output sizes round as
    for `tessera.max_pool2d`.

    Example:

    ```mlir
    %y = tessera.avg_pool2d %x kernel = [2, 2] strides = [2, 2]
        padding = [0, 0, 0, 0] dilations = [1, 1]
        : (tensor<1x8x8x8xf32>) -> tensor<1x8x4x4xf32>
    ```
  }];
  let arguments = (ins Tessera_FloatTensor:$input,
      DenseI64ArrayAttr:$kernel, DenseI64ArrayAttr:$strides,
      DenseI64ArrayAttr:$padding, DenseI64ArrayAttr:$dilations,
      UnitAttr:$ceil_mode, UnitAttr:$count_include_pad);
  let results = (outs Tessera_FloatTensor:$result);
  let assemblyFormat = [{
    $input `kernel` `=` $kernel `strides` `=` $strides `padding` `=` $padding
    `dilations` `=` $dilations (`ceil_mode` $ceil_mode^)?
    (`count_include_pad` $count_include_pad^)? attr-dict `:`
    functional-type(operands, results)
  }];
  let hasFolder = 1;
}

class Tessera_GlobalPoolOp<string mnemonic, string what, Type tensorType>
    : Tessera_Op<mnemonic, [Pure, InferTypeOpAdaptor,
                            AllElementTypesMatch<["input", "result"]>]> {
  let summary = "Global " # what # " pooling over H and W (NCHW)";
  let description = [{
    The }] # what # [{ over the spatial dimensions of `input`
    (`[N, C, H, W]`), giving `[N, C, 1, 1]`.

    Example:

    ```mlir
    %y = tessera.}] # mnemonic # [{ %x
        : (tensor<1x512x7x7xf32>) -> tensor<1x512x1x1xf32>
    ```
  }];
  let arguments = (ins tensorType:$input);
  let results = (outs tensorType:$result);
  let assemblyFormat = [{
    $input attr-dict `:` functional-type(operands, results)
  }];
  let hasFolder = 1;
}

def Tessera_GlobalAvgPool2dOp
    : Tessera_GlobalPoolOp<"global_avg_pool2d", "average", Tessera_FloatTensor>;
def Tessera_GlobalMaxPool2dOp
    : Tessera_GlobalPoolOp<"global_max_pool2d", "maximum",
                           Tessera_NumericTensor>;

//===----------------------------------------------------------------------===//
// Normalization
//===----------------------------------------------------------------------===//

def Tessera_BatchNormOp : Tessera_Op<"batch_norm", [Pure,
    AllTypesMatch<["input", "result"]>,
    DeclareOpInterfaceMethods<InferTypeOpInterface>,
    AllElementTypesMatch<["input", "scale", "bias", "mean", "variance"]>]> {
  let summary = "Batch normalization for inference";
  let description = [{
    Normalizes each channel of `input` (`[N, C, ...]`) with the stored
    statistics, all of shape `[C]`:
    `scale * (x - mean) / sqrt(variance + epsilon) + bias`.

    Example:

    ```mlir
    %y = tessera.batch_norm %x, %gamma, %beta, %mean, %var epsilon = 1.0e-05
        : (tensor<1x64x56x56xf32>, tensor<64xf32>, tensor<64xf32>,
           tensor<64xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32>
    ```
  }];
  let arguments = (ins Tessera_FloatTensor:$input, Tessera_FloatTensor:$scale,
      Tessera_FloatTensor:$bias, Tessera_FloatTensor:$mean,
      Tessera_FloatTensor:$variance, F64Attr:$epsilon);
  let results = (outs Tessera_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $scale `,` $bias `,` $mean `,` $variance `epsilon` `=` $epsilon
    attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

class Tessera_NormOp<string mnemonic, list<Trait> traits = []>
    : Tessera_Op<mnemonic, !listconcat(traits, [Pure,
        AllTypesMatch<["input", "result"]>,
        DeclareOpInterfaceMethods<InferTypeOpInterface>])> {
  let results = (outs Tessera_FloatTensor:$result);
  let hasVerifier = 1;
}

def Tessera_LayerNormOp : Tessera_NormOp<"layer_norm",
    [AllElementTypesMatch<["input", "scale", "result"]>]> {
  let summary = "Layer normalization over the trailing dimensions";
  let description = [{
    Normalizes `input` over dimensions `axis` and beyond to zero mean and
    unit variance, then scales and shifts:
    `(x - mean) / sqrt(var + epsilon) * scale + bias`. `scale` and the
    optional `bias` have the shape of the normalized dimensions.

    Example:

    ```mlir
    %y = tessera.layer_norm %x, %gamma, %beta axis = 2 epsilon = 1.0e-05
        : (tensor<2x128x768xf32>, tensor<768xf32>, tensor<768xf32>)
        -> tensor<2x128x768xf32>
    ```
  }];
  let arguments = (ins Tessera_FloatTensor:$input, Tessera_FloatTensor:$scale,
      Optional<Tessera_FloatTensor>:$bias, Tessera_I64Attr:$axis, F64Attr:$epsilon);
  let assemblyFormat = [{
    $input `,` $scale (`,` $bias^)? `axis` `=` $axis `epsilon` `=` $epsilon
    attr-dict `:` functional-type(operands, results)
  }];
}

def Tessera_RmsNormOp : Tessera_NormOp<"rms_norm",
    [AllElementTypesMatch<["input", "scale", "result"]>]> {
  let summary = "Root-mean-square normalization over the trailing dimensions";
  let description = [{
    Divides `input` by the root mean square of its dimensions `axis` and
    beyond, then scales: `x / sqrt(mean(x^2) + epsilon) * scale` (as in
    LLaMA). `scale` has the shape of the normalized dimensions.

    Example:

    ```mlir
    %y = tessera.rms_norm %x, %gamma axis = 2 epsilon = 1.0e-06
        : (tensor<1x64x4096xf16>, tensor<4096xf16>) -> tensor<1x64x4096xf16>
    ```
  }];
  let arguments = (ins Tessera_FloatTensor:$input, Tessera_FloatTensor:$scale,
      Tessera_I64Attr:$axis, F64Attr:$epsilon);
  let assemblyFormat = [{
    $input `,` $scale `axis` `=` $axis `epsilon` `=` $epsilon attr-dict `:`
    functional-type(operands, results)
  }];
}

def Tessera_SoftmaxOp : Tessera_Op<"softmax",
    [Pure, SameOperandsAndResultType, InferTypeOpInterface]> {
  let summary = "Softmax along one axis";
  let description = [{
    `exp(x - max(x)) / sum(exp(x - max(x)))` along `axis`.

    Example:

    ```mlir
    %p = tessera.softmax %scores axis = 3 : tensor<2x12x128x128xf32>
    ```
  }];
  let arguments = (ins Tessera_FloatTensor:$input, Tessera_I64Attr:$axis);
  let results = (outs Tessera_FloatTensor:$result);
  let assemblyFormat = "$input `axis` `=` $axis attr-dict `:` type($result)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

class Tessera_ReduceOp<string mnemonic, string what, Type tensorType>
    : Tessera_Op<mnemonic, [Pure, InferTypeOpAdaptor,
                            AllElementTypesMatch<["input", "result"]>]> {
  let summary = "The " # what # " over some axes";
  let description = [{
    Reduces `input` to its }] # what # [{ over `axes` (sorted, distinct,
    non-empty). With `keepdims` the reduced dimensions stay, with size 1;
    otherwise they are removed.

    Example:

    ```mlir
    %y = tessera.}] # mnemonic # [{ %x axes = [1] keepdims
        : (tensor<4x8xf32>) -> tensor<4x1xf32>
    ```
  }];
  let arguments = (ins tensorType:$input, DenseI64ArrayAttr:$axes,
                       UnitAttr:$keepdims);
  let results = (outs tensorType:$result);
  let assemblyFormat = [{
    $input `axes` `=` $axes (`keepdims` $keepdims^)? attr-dict `:`
    functional-type(operands, results)
  }];
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Tessera_ReduceSumOp
    : Tessera_ReduceOp<"reduce_sum", "sum", Tessera_NumericTensor>;
def Tessera_ReduceMeanOp
    : Tessera_ReduceOp<"reduce_mean", "mean", Tessera_FloatTensor>;
def Tessera_ReduceMaxOp
    : Tessera_ReduceOp<"reduce_max", "maximum", Tessera_NumericTensor>;
def Tessera_ReduceMinOp
    : Tessera_ReduceOp<"reduce_min", "minimum", Tessera_NumericTensor>;

//===----------------------------------------------------------------------===//
// Shape and data movement
//===----------------------------------------------------------------------===//

def Tessera_ReshapeOp : Tessera_Op<"reshape",
    [Pure, AllElementTypesMatch<["input", "result"]>]> {
  let summary = "The same elements in another shape";
  let description = [{
    Reinterprets `input` with the result's shape (the same number of
    elements, in row-major order). The target shape is the result type.

    Example:

    ```mlir
    %y = tessera.reshape %x : (tensor<2x128x768xf32>) -> tensor<2x128x12x64xf32>
    ```
  }];
  let arguments = (ins Tessera_Tensor:$input);
  let results = (outs Tessera_Tensor:$result);
  let assemblyFormat = [{
    $input attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Tessera_TransposeOp : Tessera_Op<"transpose",
    [Pure, InferTypeOpAdaptor, AllElementTypesMatch<["input", "result"]>]> {
  let summary = "Permutes the dimensions";
  let description = [{
    Result dimension `i` is input dimension `permutation[i]`.

    Example:

    ```mlir
    %y = tessera.transpose %x permutation = [0, 2, 1, 3]
        : (tensor<2x128x12x64xf32>) -> tensor<2x12x128x64xf32>
    ```
  }];
  let arguments = (ins Tessera_Tensor:$input, DenseI64ArrayAttr:$permutation);
  let results = (outs Tessera_Tensor:$result);
  let assemblyFormat = [{
    $input `permutation` `=` $permutation attr-dict `:`
    functional-type(operands, results)
  }];
  let hasFolder = 1;
}

def Tessera_BroadcastOp : Tessera_Op<"broadcast",
    [Pure, AllElementTypesMatch<["input", "result"]>]> {
  let summary = "Broadcasts a tensor to a larger shape, as NumPy does";
  let description = [{
    Repeats `input` along the dimensions where it has size 1, and prepends
    dimensions, to reach the result's shape (ONNX `Expand`). The target shape
    is the result type.

    Example:

    ```mlir
    %y = tessera.broadcast %x : (tensor<1x8xf32>) -> tensor<4x4x8xf32>
    ```
  }];
  let arguments = (ins Tessera_Tensor:$input);
  let results = (outs Tessera_Tensor:$result);
  let assemblyFormat = [{
    $input attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Tessera_ConcatOp : Tessera_Op<"concat",
    [Pure, InferTypeOpAdaptor, SameOperandsElementType,
     SameOperandsAndResultElementType]> {
  let summary = "Joins tensors along one axis";
  let description = [{
    Concatenates `inputs` along `axis`; every other dimension must agree.

    Example:

    ```mlir
    %y = tessera.concat %a, %b axis = 1
        : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
    ```
  }];
  let arguments = (ins Variadic<Tessera_Tensor>:$inputs, Tessera_I64Attr:$axis);
  let results = (outs Tessera_Tensor:$result);
  let assemblyFormat = [{
    $inputs `axis` `=` $axis attr-dict `:` functional-type(operands, results)
  }];
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Tessera_SplitOp : Tessera_Op<"split",
    [Pure, InferTypeOpAdaptor, SameOperandsAndResultElementType]> {
  let summary = "Cuts a tensor into pieces along one axis";
  let description = [{
    Cuts `input` along `axis` into consecutive pieces of the given `sizes`,
    which add up to the dimension.

    Example:

    ```mlir
    %q, %k, %v = tessera.split %qkv axis = 2 sizes = [768, 768, 768]
        : (tensor<2x128x2304xf32>)
        -> (tensor<2x128x768xf32>, tensor<2x128x768xf32>, tensor<2x128x768xf32>)
    ```
  }];
  let arguments = (ins Tessera_Tensor:$input, Tessera_I64Attr:$axis,
                       DenseI64ArrayAttr:$sizes);
  let results = (outs Variadic<Tessera_Tensor>:$results);
  let assemblyFormat = [{
    $input `axis` `=` $axis `sizes` `=` $sizes attr-dict `:`
    functional-type(operands, results)
  }];
  let hasFolder = 1;
}

def Tessera_SliceOp : Tessera_Op<"slice",
    [Pure, InferTypeOpAdaptor, AllElementTypesMatch<["input", "result"]>]> {
  let summary = "A strided window of a tensor";
  let description = [{
    Takes, in every dimension `d`, the elements `starts[d]`,
    `starts[d] + steps[d]`, ... up to but excluding `limits[d]`, as Python
    slicing does. Steps are non-zero; with a positive step
    `0 <= start <= limit <= size`, with a negative step (reversed order)
    `-1 <= limit <= start` and `0 <= start < size`, where a limit of -1
    means "past the first element".

    Example:

    ```mlir
    %y = tessera.slice %x starts = [0, 1] limits = [4, 8] steps = [1, 2]
        : (tensor<4x8xf32>) -> tensor<4x4xf32>
    ```
  }];
  let arguments = (ins Tessera_Tensor:$input, DenseI64ArrayAttr:$starts,
      DenseI64ArrayAttr:$limits, DenseI64ArrayAttr:$steps);
  let results = (outs Tessera_Tensor:$result);
  let assemblyFormat = [{
    $input `starts` `=` $starts `limits` `=` $limits `steps` `=` $steps
    attr-dict `:` functional-type(operands, results)
  }];
  let hasFolder = 1;
}

def Tessera_GatherOp : Tessera_Op<"gather",
    [Pure, InferTypeOpAdaptor, AllElementTypesMatch<["data", "result"]>]> {
  let summary = "Takes entries of one axis by index (embedding lookup)";
  let description = [{
    Picks entries of `data` along `axis` with `indices` (ONNX `Gather`): the
    result shape is `data.shape[:axis] + indices.shape +
    data.shape[axis+1:]`. A negative index counts from the end; an index out
    of range is an error at run time.

    Example:

    ```mlir
    %emb = tessera.gather %table, %ids axis = 0
        : (tensor<50257x768xf32>, tensor<2x128xi64>) -> tensor<2x128x768xf32>
    ```
  }];
  let arguments = (ins Tessera_Tensor:$data, Tessera_IndexTensor:$indices,
                       Tessera_I64Attr:$axis);
  let results = (outs Tessera_Tensor:$result);
  let assemblyFormat = [{
    $data `,` $indices `axis` `=` $axis attr-dict `:`
    functional-type(operands, results)
  }];
  let hasFolder = 1;
}

def Tessera_PadOp : Tessera_Op<"pad",
    [Pure, InferTypeOpAdaptor, AllElementTypesMatch<["input", "result"]>]> {
  let summary = "Pads a tensor with a constant, a reflection or its edges";
  let description = [{
    Adds `low[d]` elements before and `high[d]` after dimension `d`. With
    `mode = constant` they hold `value` (converted to the element type); with
    `reflect` they mirror the input without repeating the edge (a pad must be
    smaller than its dimension); with `edge` they repeat the edge element.

    Example:

    ```mlir
    %y = tessera.pad %x low = [0, 0, 1, 1] high = [0, 0, 1, 1] mode = constant
        value = 0.0 : (tensor<1x3x8x8xf32>) -> tensor<1x3x10x10xf32>
    ```
  }];
  let arguments = (ins Tessera_Tensor:$input, DenseI64ArrayAttr:$low,
      DenseI64ArrayAttr:$high, Tessera_PadMode:$mode, F64Attr:$value);
  let results = (outs Tessera_Tensor:$result);
  let assemblyFormat = [{
    $input `low` `=` $low `high` `=` $high `mode` `=` $mode `value` `=` $value
    attr-dict `:` functional-type(operands, results)
  }];
  let hasFolder = 1;
}

#endif // TESSERA_OPS
