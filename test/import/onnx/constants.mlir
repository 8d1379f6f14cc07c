// Tests constants and shape computations in the importer: Constant in each of
// its forms, Shape, Size, ConstantOfShape and Range become constants, and the
// shape subgraphs that exporters emit (Shape -> Gather -> Concat -> Reshape)
// fold while they are imported, leaving only the ops on data.

// Constant with a value tensor (int32 [2,3]).
// RUN: %python %S/op_models.py constant_value %t.constant_value.onnx && tessera-compile %t.constant_value.onnx --emit=imported | FileCheck %s --check-prefix=CST-VALUE
// CST-VALUE-LABEL: func.func @main(
// CST-VALUE-SAME: ) -> (tensor<2x3xi32> {tessera.name = "c"}) {
// CST-VALUE-NEXT: %[[CST:.*]] = tessera.constant dense<{{\[\[}}1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>
// CST-VALUE-NEXT: return %[[CST]] : tensor<2x3xi32>

// Constant value_float, value_floats (f32), value_int, value_ints (i64).
// RUN: %python %S/op_models.py constant_scalars %t.constant_scalars.onnx && tessera-compile %t.constant_scalars.onnx --emit=imported | FileCheck %s --check-prefix=CST-SCALARS
// CST-SCALARS-LABEL: func.func @main(
// CST-SCALARS-SAME: ) -> (tensor<f32> {tessera.name = "f"}, tensor<2xf32> {tessera.name = "fs"}, tensor<i64> {tessera.name = "i"}, tensor<3xi64> {tessera.name = "is"}) {
// CST-SCALARS-NEXT: %[[CST:.*]] = tessera.constant dense<2.500000e+00> : tensor<f32>
// CST-SCALARS-NEXT: %[[CST2:.*]] = tessera.constant dense<[1.000000e+00, -2.000000e+00]> : tensor<2xf32>
// CST-SCALARS-NEXT: %[[CST3:.*]] = tessera.constant dense<-7> : tensor<i64>
// CST-SCALARS-NEXT: %[[CST4:.*]] = tessera.constant dense<[3, 4, 5]> : tensor<3xi64>
// CST-SCALARS-NEXT: return %[[CST]], %[[CST2]], %[[CST3]], %[[CST4]] : tensor<f32>, tensor<2xf32>, tensor<i64>, tensor<3xi64>

// A Constant of more than 64 elements becomes a dense_resource blob named after
// its node; the 100 floats 0..99 start 0x00000000, 0x3F800000, 0x40000000.
// RUN: %python %S/op_models.py constant_large %t.constant_large.onnx && tessera-compile %t.constant_large.onnx --emit=imported | FileCheck %s --check-prefix=CST-LARGE
// CST-LARGE-LABEL: func.func @main(
// CST-LARGE-SAME: %[[X:.*]]: tensor<100xf32> {tessera.name = "x"}) -> (tensor<100xf32> {tessera.name = "y"}) {
// CST-LARGE-NEXT: %[[CST:.*]] = tessera.constant dense_resource<big_const> : tensor<100xf32>
// CST-LARGE-NEXT: %[[ADD:.*]] = tessera.add %[[X]], %[[CST]] : (tensor<100xf32>, tensor<100xf32>) -> tensor<100xf32>
// CST-LARGE-NEXT: return %[[ADD]] : tensor<100xf32>
// CST-LARGE: dialect_resources: {
// CST-LARGE-NEXT: builtin: {
// CST-LARGE-NEXT: big_const: "0x40000000000000000000803F00000040

// Shape of [2,3,4,5] with start/end: all; [1:-1] = [3,4]; [-2:] = [4,5];
// [-10:10] clamps to all; [3:1] is empty. Each is a constant.
// RUN: %python %S/op_models.py shape_start_end %t.shape_start_end.onnx && tessera-compile %t.shape_start_end.onnx --emit=imported | FileCheck %s --check-prefix=CST-SHAPE
// CST-SHAPE-LABEL: func.func @main(
// CST-SHAPE-SAME: %[[X:.*]]: tensor<2x3x4x5xf32> {tessera.name = "x"}) -> (tensor<4xi64> {tessera.name = "all"}, tensor<2xi64> {tessera.name = "mid"}, tensor<2xi64> {tessera.name = "tail"}, tensor<4xi64> {tessera.name = "clamped"}, tensor<0xi64> {tessera.name = "empty"}) {
// CST-SHAPE-NEXT: %[[CST:.*]] = tessera.constant dense<[2, 3, 4, 5]> : tensor<4xi64>
// CST-SHAPE-NEXT: %[[CST2:.*]] = tessera.constant dense<[3, 4]> : tensor<2xi64>
// CST-SHAPE-NEXT: %[[CST3:.*]] = tessera.constant dense<[4, 5]> : tensor<2xi64>
// CST-SHAPE-NEXT: %[[CST4:.*]] = tessera.constant dense<[2, 3, 4, 5]> : tensor<4xi64>
// CST-SHAPE-NEXT: %[[CST5:.*]] = tessera.constant dense<> : tensor<0xi64>
// CST-SHAPE-NEXT: return %[[CST]], %[[CST2]], %[[CST3]], %[[CST4]], %[[CST5]] : tensor<4xi64>, tensor<2xi64>, tensor<2xi64>, tensor<4xi64>, tensor<0xi64>

// Size is the element count, an i64 scalar constant.
// RUN: %python %S/op_models.py size %t.size.onnx && tessera-compile %t.size.onnx --emit=imported | FileCheck %s --check-prefix=CST-SIZE
// CST-SIZE-LABEL: func.func @main(
// CST-SIZE-SAME: %[[X:.*]]: tensor<2x3x4xf32> {tessera.name = "x"}) -> (tensor<i64> {tessera.name = "n"}) {
// CST-SIZE-NEXT: %[[CST:.*]] = tessera.constant dense<24> : tensor<i64>
// CST-SIZE-NEXT: return %[[CST]] : tensor<i64>

// ConstantOfShape(Shape(x)) with an int64 value 7, and with the default (f32
// zero), a splat constant that the Add takes as is.
// RUN: %python %S/op_models.py constant_of_shape %t.constant_of_shape.onnx && tessera-compile %t.constant_of_shape.onnx --emit=imported | FileCheck %s --check-prefix=CST-COS
// CST-COS-LABEL: func.func @main(
// CST-COS-SAME: %[[X:.*]]: tensor<2x3xf32> {tessera.name = "x"}) -> (tensor<2x3xi64> {tessera.name = "ones"}, tensor<2x3xf32> {tessera.name = "y"}) {
// CST-COS-NEXT: %[[CST:.*]] = tessera.constant dense<7> : tensor<2x3xi64>
// CST-COS-NEXT: %[[CST2:.*]] = tessera.constant dense<0.000000e+00> : tensor<2x3xf32>
// CST-COS-NEXT: %[[ADD:.*]] = tessera.add %[[X]], %[[CST2]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CST-COS-NEXT: return %[[CST]], %[[ADD]] : tensor<2x3xi64>, tensor<2x3xf32>

// ConstantOfShape of an empty shape is a scalar.
// RUN: %python %S/op_models.py constant_of_shape_scalar %t.constant_of_shape_scalar.onnx && tessera-compile %t.constant_of_shape_scalar.onnx --emit=imported | FileCheck %s --check-prefix=CST-COS0
// CST-COS0-LABEL: func.func @main(
// CST-COS0-SAME: ) -> (tensor<f32> {tessera.name = "c"}) {
// CST-COS0-NEXT: %[[CST:.*]] = tessera.constant dense<1.500000e+00> : tensor<f32>
// CST-COS0-NEXT: return %[[CST]] : tensor<f32>

// Range(10, 1, -3) = [10, 7, 4].
// RUN: %python %S/op_models.py range_int %t.range_int.onnx && tessera-compile %t.range_int.onnx --emit=imported | FileCheck %s --check-prefix=CST-RANGE
// CST-RANGE-LABEL: func.func @main(
// CST-RANGE-SAME: ) -> (tensor<3xi64> {tessera.name = "r"}) {
// CST-RANGE-NEXT: %[[CST:.*]] = tessera.constant dense<[10, 7, 4]> : tensor<3xi64>
// CST-RANGE-NEXT: return %[[CST]] : tensor<3xi64>

// Range computed exactly at the ends of int64: Range(max - 2, max, 1) =
// [max - 2, max - 1]; Range(max, max, 1) is empty.
// RUN: %python %S/op_models.py range_int_extremes %t.range_int_extremes.onnx && tessera-compile %t.range_int_extremes.onnx --emit=imported | FileCheck %s --check-prefix=CST-RANGEX
// CST-RANGEX-LABEL: func.func @main(
// CST-RANGEX-SAME: ) -> (tensor<2xi64> {tessera.name = "r"}, tensor<0xi64> {tessera.name = "e"}) {
// CST-RANGEX-NEXT: %[[CST:.*]] = tessera.constant dense<[9223372036854775805, 9223372036854775806]> : tensor<2xi64>
// CST-RANGEX-NEXT: %[[CST2:.*]] = tessera.constant dense<> : tensor<0xi64>
// CST-RANGEX-NEXT: return %[[CST]], %[[CST2]] : tensor<2xi64>, tensor<0xi64>

// Range(0.5, 2.0, 0.5) = [0.5, 1.0, 1.5] (f32), added to x.
// RUN: %python %S/op_models.py range_float %t.range_float.onnx && tessera-compile %t.range_float.onnx --emit=imported | FileCheck %s --check-prefix=CST-RANGEF
// CST-RANGEF-LABEL: func.func @main(
// CST-RANGEF-SAME: %[[X:.*]]: tensor<2x3xf32> {tessera.name = "x"}) -> (tensor<2x3xf32> {tessera.name = "y"}) {
// CST-RANGEF-NEXT: %[[CST:.*]] = tessera.constant dense<[5.000000e-01, 1.000000e+00, 1.500000e+00]> : tensor<3xf32>
// CST-RANGEF-NEXT: %[[ADD:.*]] = tessera.add %[[X]], %[[CST]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CST-RANGEF-NEXT: return %[[ADD]] : tensor<2x3xf32>

// Range(5, 1, 1) has no elements.
// RUN: %python %S/op_models.py range_empty %t.range_empty.onnx && tessera-compile %t.range_empty.onnx --emit=imported | FileCheck %s --check-prefix=CST-RANGE0
// CST-RANGE0-LABEL: func.func @main(
// CST-RANGE0-SAME: ) -> (tensor<0xi64> {tessera.name = "r"}) {
// CST-RANGE0-NEXT: %[[CST:.*]] = tessera.constant dense<> : tensor<0xi64>
// CST-RANGE0-NEXT: return %[[CST]] : tensor<0xi64>

// Gather of constants folds, negative index included: [10,20,30][[-1, 0]] = [30, 10].
// RUN: %python %S/op_models.py gather_constant %t.gather_constant.onnx && tessera-compile %t.gather_constant.onnx --emit=imported | FileCheck %s --check-prefix=CST-GATHER
// CST-GATHER-LABEL: func.func @main(
// CST-GATHER-SAME: ) -> (tensor<2xi64> {tessera.name = "y"}) {
// CST-GATHER-NEXT: %[[CST:.*]] = tessera.constant dense<[30, 10]> : tensor<2xi64>
// CST-GATHER-NEXT: return %[[CST]] : tensor<2xi64>

// Trilu (upper, k = 1) of a constant 3x3 of ones folds.
// RUN: %python %S/op_models.py trilu_constant %t.trilu_constant.onnx && tessera-compile %t.trilu_constant.onnx --emit=imported | FileCheck %s --check-prefix=CST-TRIU
// CST-TRIU-LABEL: func.func @main(
// CST-TRIU-SAME: ) -> (tensor<3x3xf32> {tessera.name = "y"}) {
// CST-TRIU-NEXT: %[[CST:.*]] = tessera.constant dense<{{\[\[}}0.000000e+00, 1.000000e+00, 1.000000e+00], [0.000000e+00, 0.000000e+00, 1.000000e+00], [0.000000e+00, 0.000000e+00, 0.000000e+00]]> : tensor<3x3xf32>
// CST-TRIU-NEXT: return %[[CST]] : tensor<3x3xf32>

// Pow of constants folds: int32 [4, 9, 2] ^ 0.5 = [2, 3, 1] (onnxruntime agrees).
// RUN: %python %S/op_models.py pow_int_base_float_exponent_const %t.pow_int_base_float_exponent_const.onnx && tessera-compile %t.pow_int_base_float_exponent_const.onnx --emit=imported | FileCheck %s --check-prefix=CST-POW
// CST-POW-LABEL: func.func @main(
// CST-POW-SAME: ) -> (tensor<3xi32> {tessera.name = "y"}) {
// CST-POW-NEXT: %[[CST:.*]] = tessera.constant dense<[2, 3, 1]> : tensor<3xi32>
// CST-POW-NEXT: return %[[CST]] : tensor<3xi32>

// x.reshape(x.shape[0], -1) as exporters write it: Shape -> Gather ->
// Unsqueeze -> Concat -> Reshape folds to one reshape of x [2,3,4] -> [2,12].
// RUN: %python %S/op_models.py shape_subgraph %t.shape_subgraph.onnx && tessera-compile %t.shape_subgraph.onnx --emit=imported | FileCheck %s --check-prefix=CST-SUB
// CST-SUB-LABEL: func.func @main(
// CST-SUB-SAME: %[[X:.*]]: tensor<2x3x4xf32> {tessera.name = "x"}) -> (tensor<2x12xf32> {tessera.name = "y"}) {
// CST-SUB-NEXT: %[[RESHAPE:.*]] = tessera.reshape %[[X]] : (tensor<2x3x4xf32>) -> tensor<2x12xf32>
// CST-SUB-NEXT: return %[[RESHAPE]] : tensor<2x12xf32>
// RUN: tessera-compile %t.shape_subgraph.onnx --emit=imported | FileCheck %s --check-prefix=CST-SUB-NOT
// CST-SUB-NOT-NOT: tessera.constant
// CST-SUB-NOT-NOT: tessera.gather
// CST-SUB-NOT-NOT: tessera.concat

// Attention's shape arithmetic on x [2,8,16]: Reshape(x, Concat(Shape(x)[0:2],
// [4,4])), a division by Sqrt(Cast(Shape(x)[2] / 4)) = 2.0, and an Expand of
// the bias to Shape of the reshaped tensor. Only the data ops remain.
// RUN: %python %S/op_models.py shape_subgraph_attention %t.shape_subgraph_attention.onnx && tessera-compile %t.shape_subgraph_attention.onnx --emit=imported | FileCheck %s --check-prefix=CST-SUBATT
// CST-SUBATT-LABEL: func.func @main(
// CST-SUBATT-SAME: %[[X:.*]]: tensor<2x8x16xf32> {tessera.name = "x"}, %[[BIAS:.*]]: tensor<4xf32> {tessera.name = "bias"}) -> (tensor<2x8x4x4xf32> {tessera.name = "y"}) {
// CST-SUBATT-NEXT: %[[RESHAPE:.*]] = tessera.reshape %[[X]] : (tensor<2x8x16xf32>) -> tensor<2x8x4x4xf32>
// CST-SUBATT-NEXT: %[[CST:.*]] = tessera.constant dense<2.000000e+00> : tensor<f32>
// CST-SUBATT-NEXT: %[[DIV:.*]] = tessera.div %[[RESHAPE]], %[[CST]] : (tensor<2x8x4x4xf32>, tensor<f32>) -> tensor<2x8x4x4xf32>
// CST-SUBATT-NEXT: %[[BROADCAST:.*]] = tessera.broadcast %[[BIAS]] : (tensor<4xf32>) -> tensor<2x8x4x4xf32>
// CST-SUBATT-NEXT: %[[ADD:.*]] = tessera.add %[[DIV]], %[[BROADCAST]] : (tensor<2x8x4x4xf32>, tensor<2x8x4x4xf32>) -> tensor<2x8x4x4xf32>
// CST-SUBATT-NEXT: return %[[ADD]] : tensor<2x8x4x4xf32>
