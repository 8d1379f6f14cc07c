// Tests the importer's data-movement converters (ConvertShape.cpp): Reshape (0,
// -1, allowzero), Unsqueeze, Squeeze, Expand, Concat, Split (split input,
// num_outputs, equal), Slice (negative starts and ends, clamping, axes subsets,
// negative steps), Transpose, Gather, Pad (constant, reflect, edge, negative
// pads, axes) and Trilu. Each checks the tessera op and its normalized
// attributes; the shapes agree with onnxruntime (op_models.py --verify).

// Reshape [0, -1, 2] of [2,3,4]: 0 copies dimension 0 (2), -1 is 24 / (2*2) = 6.
// RUN: %python %S/op_models.py reshape_zero_neg1 %t.reshape_zero_neg1.onnx && tessera-compile %t.reshape_zero_neg1.onnx --emit=imported | FileCheck %s --check-prefix=SH-RESHAPE
// SH-RESHAPE-LABEL: func.func @main(
// SH-RESHAPE-SAME: %[[X:.*]]: tensor<2x3x4xf32> {tessera.name = "x"}) -> (tensor<2x6x2xf32> {tessera.name = "y"}) {
// SH-RESHAPE-NEXT: %[[RESHAPE:.*]] = tessera.reshape %[[X]] : (tensor<2x3x4xf32>) -> tensor<2x6x2xf32>
// SH-RESHAPE-NEXT: return %[[RESHAPE]] : tensor<2x6x2xf32>

// Reshape with allowzero: [3, 0] is a literal zero-sized dimension, [0,3] -> [3,0].
// RUN: %python %S/op_models.py reshape_allowzero %t.reshape_allowzero.onnx && tessera-compile %t.reshape_allowzero.onnx --emit=imported | FileCheck %s --check-prefix=SH-ALLOWZERO
// SH-ALLOWZERO-LABEL: func.func @main(
// SH-ALLOWZERO-SAME: %[[X:.*]]: tensor<0x3xf32> {tessera.name = "x"}) -> (tensor<3x0xf32> {tessera.name = "y"}) {
// SH-ALLOWZERO-NEXT: %[[RESHAPE:.*]] = tessera.reshape %[[X]] : (tensor<0x3xf32>) -> tensor<3x0xf32>
// SH-ALLOWZERO-NEXT: return %[[RESHAPE]] : tensor<3x0xf32>

// Unsqueeze axes [0, -1] (normalized against the output rank 4): [3,4] -> [1,3,4,1].
// RUN: %python %S/op_models.py unsqueeze %t.unsqueeze.onnx && tessera-compile %t.unsqueeze.onnx --emit=imported | FileCheck %s --check-prefix=SH-UNSQ
// SH-UNSQ-LABEL: func.func @main(
// SH-UNSQ-SAME: %[[X:.*]]: tensor<3x4xf32> {tessera.name = "x"}) -> (tensor<1x3x4x1xf32> {tessera.name = "y"}) {
// SH-UNSQ-NEXT: %[[RESHAPE:.*]] = tessera.reshape %[[X]] : (tensor<3x4xf32>) -> tensor<1x3x4x1xf32>
// SH-UNSQ-NEXT: return %[[RESHAPE]] : tensor<1x3x4x1xf32>

// Squeeze axes [-1, 0] of [1,3,1,4,1] -> [3,1,4] (the middle 1 stays).
// RUN: %python %S/op_models.py squeeze_axes %t.squeeze_axes.onnx && tessera-compile %t.squeeze_axes.onnx --emit=imported | FileCheck %s --check-prefix=SH-SQ
// SH-SQ-LABEL: func.func @main(
// SH-SQ-SAME: %[[X:.*]]: tensor<1x3x1x4x1xf32> {tessera.name = "x"}) -> (tensor<3x1x4xf32> {tessera.name = "y"}) {
// SH-SQ-NEXT: %[[RESHAPE:.*]] = tessera.reshape %[[X]] : (tensor<1x3x1x4x1xf32>) -> tensor<3x1x4xf32>
// SH-SQ-NEXT: return %[[RESHAPE]] : tensor<3x1x4xf32>

// Squeeze without axes removes every dimension of size 1: [3,4].
// RUN: %python %S/op_models.py squeeze_all %t.squeeze_all.onnx && tessera-compile %t.squeeze_all.onnx --emit=imported | FileCheck %s --check-prefix=SH-SQALL
// SH-SQALL-LABEL: func.func @main(
// SH-SQALL-SAME: %[[X:.*]]: tensor<1x3x1x4x1xf32> {tessera.name = "x"}) -> (tensor<3x4xf32> {tessera.name = "y"}) {
// SH-SQALL-NEXT: %[[RESHAPE:.*]] = tessera.reshape %[[X]] : (tensor<1x3x1x4x1xf32>) -> tensor<3x4xf32>
// SH-SQALL-NEXT: return %[[RESHAPE]] : tensor<3x4xf32>

// Expand broadcasts both ways: [3,1] with shape [2,1,4] -> [2,3,4] (the 1 of
// the shape keeps the input's 3).
// RUN: %python %S/op_models.py expand_bidirectional %t.expand_bidirectional.onnx && tessera-compile %t.expand_bidirectional.onnx --emit=imported | FileCheck %s --check-prefix=SH-EXPAND
// SH-EXPAND-LABEL: func.func @main(
// SH-EXPAND-SAME: %[[X:.*]]: tensor<3x1xf32> {tessera.name = "x"}) -> (tensor<2x3x4xf32> {tessera.name = "y"}) {
// SH-EXPAND-NEXT: %[[BROADCAST:.*]] = tessera.broadcast %[[X]] : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
// SH-EXPAND-NEXT: return %[[BROADCAST]] : tensor<2x3x4xf32>

// Concat axis -1 of rank 2 is axis 1: 1 + 3 + 2 = 6.
// RUN: %python %S/op_models.py concat %t.concat.onnx && tessera-compile %t.concat.onnx --emit=imported | FileCheck %s --check-prefix=SH-CONCAT
// SH-CONCAT-LABEL: func.func @main(
// SH-CONCAT-SAME: %[[A:.*]]: tensor<2x1xf32> {tessera.name = "a"}, %[[B:.*]]: tensor<2x3xf32> {tessera.name = "b"}, %[[C:.*]]: tensor<2x2xf32> {tessera.name = "c"}) -> (tensor<2x6xf32> {tessera.name = "y"}) {
// SH-CONCAT-NEXT: %[[CONCAT:.*]] = tessera.concat %[[A]], %[[B]], %[[C]] axis = 1 : (tensor<2x1xf32>, tensor<2x3xf32>, tensor<2x2xf32>) -> tensor<2x6xf32>
// SH-CONCAT-NEXT: return %[[CONCAT]] : tensor<2x6xf32>

// Split with the split input [2, 4] along axis 1.
// RUN: %python %S/op_models.py split_input %t.split_input.onnx && tessera-compile %t.split_input.onnx --emit=imported | FileCheck %s --check-prefix=SH-SPLIT
// SH-SPLIT-LABEL: func.func @main(
// SH-SPLIT-SAME: %[[X:.*]]: tensor<2x6xf32> {tessera.name = "x"}) -> (tensor<2x2xf32> {tessera.name = "a"}, tensor<2x4xf32> {tessera.name = "b"}) {
// SH-SPLIT-NEXT: %[[SPLIT:.*]]:2 = tessera.split %[[X]] axis = 1 sizes = [2, 4] : (tensor<2x6xf32>) -> (tensor<2x2xf32>, tensor<2x4xf32>)
// SH-SPLIT-NEXT: return %[[SPLIT]]#0, %[[SPLIT]]#1 : tensor<2x2xf32>, tensor<2x4xf32>

// Split (opset 18) num_outputs 3 along axis -1 of size 7: pieces of
// ceil(7/3) = 3, the last one smaller: [3, 3, 1].
// RUN: %python %S/op_models.py split_num_outputs %t.split_num_outputs.onnx && tessera-compile %t.split_num_outputs.onnx --emit=imported | FileCheck %s --check-prefix=SH-SPLITN
// SH-SPLITN-LABEL: func.func @main(
// SH-SPLITN-SAME: %[[X:.*]]: tensor<2x7xf32> {tessera.name = "x"}) -> (tensor<2x3xf32> {tessera.name = "a"}, tensor<2x3xf32> {tessera.name = "b"}, tensor<2x1xf32> {tessera.name = "c"}) {
// SH-SPLITN-NEXT: %[[SPLIT:.*]]:3 = tessera.split %[[X]] axis = 1 sizes = [3, 3, 1] : (tensor<2x7xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x1xf32>)
// SH-SPLITN-NEXT: return %[[SPLIT]]#0, %[[SPLIT]]#1, %[[SPLIT]]#2 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x1xf32>

// Split (opset 13) without split input: equal pieces, one per output.
// RUN: %python %S/op_models.py split_equal_opset13 %t.split_equal_opset13.onnx && tessera-compile %t.split_equal_opset13.onnx --emit=imported | FileCheck %s --check-prefix=SH-SPLIT13
// SH-SPLIT13-LABEL: func.func @main(
// SH-SPLIT13-SAME: %[[X:.*]]: tensor<6x2xf32> {tessera.name = "x"}) -> (tensor<2x2xf32> {tessera.name = "a"}, tensor<2x2xf32> {tessera.name = "b"}, tensor<2x2xf32> {tessera.name = "c"}) {
// SH-SPLIT13-NEXT: %[[SPLIT:.*]]:3 = tessera.split %[[X]] axis = 0 sizes = [2, 2, 2] : (tensor<6x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>)
// SH-SPLIT13-NEXT: return %[[SPLIT]]#0, %[[SPLIT]]#1, %[[SPLIT]]#2 : tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>

// Slice [-3:-1] of axis 0 (size 5) is [2:4]; axis 1 is taken whole.
// RUN: %python %S/op_models.py slice_negative %t.slice_negative.onnx && tessera-compile %t.slice_negative.onnx --emit=imported | FileCheck %s --check-prefix=SH-SLICEN
// SH-SLICEN-LABEL: func.func @main(
// SH-SLICEN-SAME: %[[X:.*]]: tensor<5x4xf32> {tessera.name = "x"}) -> (tensor<2x4xf32> {tessera.name = "y"}) {
// SH-SLICEN-NEXT: %[[SLICE:.*]] = tessera.slice %[[X]] starts = [2, 0] limits = [4, 4] steps = [1, 1] : (tensor<5x4xf32>) -> tensor<2x4xf32>
// SH-SLICEN-NEXT: return %[[SLICE]] : tensor<2x4xf32>

// Slice starts [-100, 1] ends [2^62, 1000] clamp to [0:5] and [1:4].
// RUN: %python %S/op_models.py slice_clamp %t.slice_clamp.onnx && tessera-compile %t.slice_clamp.onnx --emit=imported | FileCheck %s --check-prefix=SH-SLICEC
// SH-SLICEC-LABEL: func.func @main(
// SH-SLICEC-SAME: %[[X:.*]]: tensor<5x4xf32> {tessera.name = "x"}) -> (tensor<5x3xf32> {tessera.name = "y"}) {
// SH-SLICEC-NEXT: %[[SLICE:.*]] = tessera.slice %[[X]] starts = [0, 1] limits = [5, 4] steps = [1, 1] : (tensor<5x4xf32>) -> tensor<5x3xf32>
// SH-SLICEC-NEXT: return %[[SLICE]] : tensor<5x3xf32>

// Slice of axis -1 only, [1:4:2]: two elements; other axes whole.
// RUN: %python %S/op_models.py slice_axes_subset %t.slice_axes_subset.onnx && tessera-compile %t.slice_axes_subset.onnx --emit=imported | FileCheck %s --check-prefix=SH-SLICEA
// SH-SLICEA-LABEL: func.func @main(
// SH-SLICEA-SAME: %[[X:.*]]: tensor<2x3x5xf32> {tessera.name = "x"}) -> (tensor<2x3x2xf32> {tessera.name = "y"}) {
// SH-SLICEA-NEXT: %[[SLICE:.*]] = tessera.slice %[[X]] starts = [0, 0, 1] limits = [2, 3, 4] steps = [1, 1, 2] : (tensor<2x3x5xf32>) -> tensor<2x3x2xf32>
// SH-SLICEA-NEXT: return %[[SLICE]] : tensor<2x3x2xf32>

// Slice with negative steps: axis 0 from INT64_MAX to INT64_MIN step -1 is
// [3:-1:-1] (all 4, reversed: the limit -1 means past the first element);
// axis 1 [3:0:-2] takes elements 3 and 1.
// RUN: %python %S/op_models.py slice_negative_steps %t.slice_negative_steps.onnx && tessera-compile %t.slice_negative_steps.onnx --emit=imported | FileCheck %s --check-prefix=SH-SLICER
// SH-SLICER-LABEL: func.func @main(
// SH-SLICER-SAME: %[[X:.*]]: tensor<4x5xf32> {tessera.name = "x"}) -> (tensor<4x2xf32> {tessera.name = "y"}) {
// SH-SLICER-NEXT: %[[SLICE:.*]] = tessera.slice %[[X]] starts = [3, 3] limits = [-1, 0] steps = [-1, -2] : (tensor<4x5xf32>) -> tensor<4x2xf32>
// SH-SLICER-NEXT: return %[[SLICE]] : tensor<4x2xf32>

// Transpose without perm reverses the dimensions.
// RUN: %python %S/op_models.py transpose_default %t.transpose_default.onnx && tessera-compile %t.transpose_default.onnx --emit=imported | FileCheck %s --check-prefix=SH-TRANSD
// SH-TRANSD-LABEL: func.func @main(
// SH-TRANSD-SAME: %[[X:.*]]: tensor<2x3x4xf32> {tessera.name = "x"}) -> (tensor<4x3x2xf32> {tessera.name = "y"}) {
// SH-TRANSD-NEXT: %[[TRANSPOSE:.*]] = tessera.transpose %[[X]] permutation = [2, 1, 0] : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
// SH-TRANSD-NEXT: return %[[TRANSPOSE]] : tensor<4x3x2xf32>

// Transpose perm [1, 2, 0].
// RUN: %python %S/op_models.py transpose_perm %t.transpose_perm.onnx && tessera-compile %t.transpose_perm.onnx --emit=imported | FileCheck %s --check-prefix=SH-TRANSP
// SH-TRANSP-LABEL: func.func @main(
// SH-TRANSP-SAME: %[[X:.*]]: tensor<2x3x4xf32> {tessera.name = "x"}) -> (tensor<3x4x2xf32> {tessera.name = "y"}) {
// SH-TRANSP-NEXT: %[[TRANSPOSE:.*]] = tessera.transpose %[[X]] permutation = [1, 2, 0] : (tensor<2x3x4xf32>) -> tensor<3x4x2xf32>
// SH-TRANSP-NEXT: return %[[TRANSPOSE]] : tensor<3x4x2xf32>

// Gather axis -1 of [2,3,4] with indices [2,2]: axis 2, result [2,3,2,2].
// RUN: %python %S/op_models.py gather_negative_axis %t.gather_negative_axis.onnx && tessera-compile %t.gather_negative_axis.onnx --emit=imported | FileCheck %s --check-prefix=SH-GATHER
// SH-GATHER-LABEL: func.func @main(
// SH-GATHER-SAME: %[[X:.*]]: tensor<2x3x4xf32> {tessera.name = "x"}, %[[I:.*]]: tensor<2x2xi64> {tessera.name = "i"}) -> (tensor<2x3x2x2xf32> {tessera.name = "y"}) {
// SH-GATHER-NEXT: %[[GATHER:.*]] = tessera.gather %[[X]], %[[I]] axis = 2 : (tensor<2x3x4xf32>, tensor<2x2xi64>) -> tensor<2x3x2x2xf32>
// SH-GATHER-NEXT: return %[[GATHER]] : tensor<2x3x2x2xf32>

// Gather with a scalar index (-1) removes the axis: [2,3,4] axis 1 -> [2,4].
// RUN: %python %S/op_models.py gather_scalar_index %t.gather_scalar_index.onnx && tessera-compile %t.gather_scalar_index.onnx --emit=imported | FileCheck %s --check-prefix=SH-GATHERS
// SH-GATHERS-LABEL: func.func @main(
// SH-GATHERS-SAME: %[[X:.*]]: tensor<2x3x4xf32> {tessera.name = "x"}) -> (tensor<2x4xf32> {tessera.name = "y"}) {
// SH-GATHERS-NEXT: %[[CST:.*]] = tessera.constant dense<-1> : tensor<i64>
// SH-GATHERS-NEXT: %[[GATHER:.*]] = tessera.gather %[[X]], %[[CST]] axis = 1 : (tensor<2x3x4xf32>, tensor<i64>) -> tensor<2x4xf32>
// SH-GATHERS-NEXT: return %[[GATHER]] : tensor<2x4xf32>

// Pad (constant, value 1.5) with pads [1, 0, 2, 3] of [2,3]: ONNX lists all
// beginnings then all ends, so low [1, 0], high [2, 3] -> [5,6].
// RUN: %python %S/op_models.py pad_constant %t.pad_constant.onnx && tessera-compile %t.pad_constant.onnx --emit=imported | FileCheck %s --check-prefix=SH-PADC
// SH-PADC-LABEL: func.func @main(
// SH-PADC-SAME: %[[X:.*]]: tensor<2x3xf32> {tessera.name = "x"}) -> (tensor<5x6xf32> {tessera.name = "y"}) {
// SH-PADC-NEXT: %[[PAD:.*]] = tessera.pad %[[X]] low = [1, 0] high = [2, 3] mode = constant value = 1.500000e+00 : (tensor<2x3xf32>) -> tensor<5x6xf32>
// SH-PADC-NEXT: return %[[PAD]] : tensor<5x6xf32>

// Pad reflect, pads [0, 2, 1, 3]: low [0, 2], high [1, 3]; [3,4] -> [4,9].
// RUN: %python %S/op_models.py pad_reflect %t.pad_reflect.onnx && tessera-compile %t.pad_reflect.onnx --emit=imported | FileCheck %s --check-prefix=SH-PADR
// SH-PADR-LABEL: func.func @main(
// SH-PADR-SAME: %[[X:.*]]: tensor<3x4xf32> {tessera.name = "x"}) -> (tensor<4x9xf32> {tessera.name = "y"}) {
// SH-PADR-NEXT: %[[PAD:.*]] = tessera.pad %[[X]] low = [0, 2] high = [1, 3] mode = reflect value = 0.000000e+00 : (tensor<3x4xf32>) -> tensor<4x9xf32>
// SH-PADR-NEXT: return %[[PAD]] : tensor<4x9xf32>

// Pad edge, pads [2, 0, 0, 1]: low [2, 0], high [0, 1]; [3,4] -> [5,5].
// RUN: %python %S/op_models.py pad_edge %t.pad_edge.onnx && tessera-compile %t.pad_edge.onnx --emit=imported | FileCheck %s --check-prefix=SH-PADE
// SH-PADE-LABEL: func.func @main(
// SH-PADE-SAME: %[[X:.*]]: tensor<3x4xf32> {tessera.name = "x"}) -> (tensor<5x5xf32> {tessera.name = "y"}) {
// SH-PADE-NEXT: %[[PAD:.*]] = tessera.pad %[[X]] low = [2, 0] high = [0, 1] mode = edge value = 0.000000e+00 : (tensor<3x4xf32>) -> tensor<5x5xf32>
// SH-PADE-NEXT: return %[[PAD]] : tensor<5x5xf32>

// Negative pads crop: pads [-1, 1, 0, -2] of [4,5] drop row 0 and the last
// two columns (slice [1:4, 0:3]), then pad one column at the left: [3,4].
// RUN: %python %S/op_models.py pad_negative %t.pad_negative.onnx && tessera-compile %t.pad_negative.onnx --emit=imported | FileCheck %s --check-prefix=SH-PADNEG
// SH-PADNEG-LABEL: func.func @main(
// SH-PADNEG-SAME: %[[X:.*]]: tensor<4x5xf32> {tessera.name = "x"}) -> (tensor<3x4xf32> {tessera.name = "y"}) {
// SH-PADNEG-NEXT: %[[SLICE:.*]] = tessera.slice %[[X]] starts = [1, 0] limits = [4, 3] steps = [1, 1] : (tensor<4x5xf32>) -> tensor<3x3xf32>
// SH-PADNEG-NEXT: %[[PAD:.*]] = tessera.pad %[[SLICE]] low = [0, 1] high = [0, 0] mode = constant value = 0.000000e+00 : (tensor<3x3xf32>) -> tensor<3x4xf32>
// SH-PADNEG-NEXT: return %[[PAD]] : tensor<3x4xf32>

// Pad (opset 18) with axes [-1]: pads [1, 2] apply to axis 2 only.
// RUN: %python %S/op_models.py pad_axes %t.pad_axes.onnx && tessera-compile %t.pad_axes.onnx --emit=imported | FileCheck %s --check-prefix=SH-PADAX
// SH-PADAX-LABEL: func.func @main(
// SH-PADAX-SAME: %[[X:.*]]: tensor<2x3x4xf32> {tessera.name = "x"}) -> (tensor<2x3x7xf32> {tessera.name = "y"}) {
// SH-PADAX-NEXT: %[[PAD:.*]] = tessera.pad %[[X]] low = [0, 0, 1] high = [0, 0, 2] mode = constant value = 0.000000e+00 : (tensor<2x3x4xf32>) -> tensor<2x3x7xf32>
// SH-PADAX-NEXT: return %[[PAD]] : tensor<2x3x7xf32>

// Pad at opset 13: pads and constant value inputs, no axes; value defaults to 0.
// RUN: %python %S/op_models.py pad_opset13 %t.pad_opset13.onnx && tessera-compile %t.pad_opset13.onnx --emit=imported | FileCheck %s --check-prefix=SH-PAD13
// SH-PAD13-LABEL: func.func @main(
// SH-PAD13-SAME: %[[X:.*]]: tensor<2x3xf32> {tessera.name = "x"}) -> (tensor<2x5xf32> {tessera.name = "y"}) {
// SH-PAD13-NEXT: %[[PAD:.*]] = tessera.pad %[[X]] low = [0, 1] high = [0, 1] mode = constant value = 0.000000e+00 : (tensor<2x3xf32>) -> tensor<2x5xf32>
// SH-PAD13-NEXT: return %[[PAD]] : tensor<2x5xf32>

// Trilu (upper, k = 0) of [2,3,4] keeps j - i >= 0: a constant [3,4] mask
// selects x or 0 (broadcast over the batch).
// RUN: %python %S/op_models.py trilu_upper %t.trilu_upper.onnx && tessera-compile %t.trilu_upper.onnx --emit=imported | FileCheck %s --check-prefix=SH-TRIU
// SH-TRIU-LABEL: func.func @main(
// SH-TRIU-SAME: %[[X:.*]]: tensor<2x3x4xf32> {tessera.name = "x"}) -> (tensor<2x3x4xf32> {tessera.name = "y"}) {
// SH-TRIU-NEXT: %[[CST:.*]] = tessera.constant dense<{{\[\[}}true, true, true, true], [false, true, true, true], [false, false, true, true]]> : tensor<3x4xi1>
// SH-TRIU-NEXT: %[[CST2:.*]] = tessera.constant dense<0.000000e+00> : tensor<f32>
// SH-TRIU-NEXT: %[[WHERE:.*]] = tessera.where %[[CST]], %[[X]], %[[CST2]] : (tensor<3x4xi1>, tensor<2x3x4xf32>, tensor<f32>) -> tensor<2x3x4xf32>
// SH-TRIU-NEXT: return %[[WHERE]] : tensor<2x3x4xf32>

// Trilu lower with k = -1 keeps j - i <= -1 (strictly below the diagonal).
// RUN: %python %S/op_models.py trilu_lower_k %t.trilu_lower_k.onnx && tessera-compile %t.trilu_lower_k.onnx --emit=imported | FileCheck %s --check-prefix=SH-TRILK
// SH-TRILK-LABEL: func.func @main(
// SH-TRILK-SAME: %[[X:.*]]: tensor<3x4xf32> {tessera.name = "x"}) -> (tensor<3x4xf32> {tessera.name = "y"}) {
// SH-TRILK-NEXT: %[[CST:.*]] = tessera.constant dense<{{\[\[}}false, false, false, false], [true, false, false, false], [true, true, false, false]]> : tensor<3x4xi1>
// SH-TRILK-NEXT: %[[CST2:.*]] = tessera.constant dense<0.000000e+00> : tensor<f32>
// SH-TRILK-NEXT: %[[WHERE:.*]] = tessera.where %[[CST]], %[[X]], %[[CST2]] : (tensor<3x4xi1>, tensor<3x4xf32>, tensor<f32>) -> tensor<3x4xf32>
// SH-TRILK-NEXT: return %[[WHERE]] : tensor<3x4xf32>
