// Tests the importer's neural-network converters (ConvertNeuralNet.cpp): Gemm,
// MatMul with vector operands and batch broadcasting, Conv (pads, strides,
// dilations, groups, auto_pad, 1-D), pooling (ceil_mode, count_include_pad,
// dilations, 1-D, global), BatchNormalization, LayerNormalization, Softmax, the
// Reduce ops at opsets 17 and 18, and Flatten. The expected shapes agree with
// onnxruntime (op_models.py --verify).

// Gemm with no C, alpha = beta = 1, no transposition: one matmul.
// RUN: %python %S/op_models.py gemm_default %t.gemm_default.onnx && tessera-compile %t.gemm_default.onnx --emit=imported | FileCheck %s --check-prefix=NN-GEMM
// NN-GEMM-LABEL: func.func @main(
// NN-GEMM-SAME: %[[A:.*]]: tensor<2x3xf32> {tessera.name = "a"}, %[[B:.*]]: tensor<3x4xf32> {tessera.name = "b"}) -> (tensor<2x4xf32> {tessera.name = "y"}) {
// NN-GEMM-NEXT: %[[MATMUL:.*]] = tessera.matmul %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
// NN-GEMM-NEXT: return %[[MATMUL]] : tensor<2x4xf32>

// Gemm(transA, transB, alpha = 0.5, beta = 2) with C [4]:
// Y = 0.5 * (A^T B^T) + 2 * C, with A [3,2] and B [4,3] transposed first.
// RUN: %python %S/op_models.py gemm_trans %t.gemm_trans.onnx && tessera-compile %t.gemm_trans.onnx --emit=imported | FileCheck %s --check-prefix=NN-GEMMT
// NN-GEMMT-LABEL: func.func @main(
// NN-GEMMT-SAME: %[[A:.*]]: tensor<3x2xf32> {tessera.name = "a"}, %[[B:.*]]: tensor<4x3xf32> {tessera.name = "b"}, %[[C:.*]]: tensor<4xf32> {tessera.name = "c"}) -> (tensor<2x4xf32> {tessera.name = "y"}) {
// NN-GEMMT-NEXT: %[[TRANSPOSE:.*]] = tessera.transpose %[[A]] permutation = [1, 0] : (tensor<3x2xf32>) -> tensor<2x3xf32>
// NN-GEMMT-NEXT: %[[TRANSPOSE2:.*]] = tessera.transpose %[[B]] permutation = [1, 0] : (tensor<4x3xf32>) -> tensor<3x4xf32>
// NN-GEMMT-NEXT: %[[MATMUL:.*]] = tessera.matmul %[[TRANSPOSE]], %[[TRANSPOSE2]] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
// NN-GEMMT-NEXT: %[[CST:.*]] = tessera.constant dense<5.000000e-01> : tensor<f32>
// NN-GEMMT-NEXT: %[[MUL:.*]] = tessera.mul %[[MATMUL]], %[[CST]] : (tensor<2x4xf32>, tensor<f32>) -> tensor<2x4xf32>
// NN-GEMMT-NEXT: %[[CST2:.*]] = tessera.constant dense<2.000000e+00> : tensor<f32>
// NN-GEMMT-NEXT: %[[MUL2:.*]] = tessera.mul %[[C]], %[[CST2]] : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
// NN-GEMMT-NEXT: %[[ADD:.*]] = tessera.add %[[MUL]], %[[MUL2]] : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
// NN-GEMMT-NEXT: return %[[ADD]] : tensor<2x4xf32>

// Gemm with transB and a C [2,1] that broadcasts; beta = 1 adds C as is.
// RUN: %python %S/op_models.py gemm_bias_default_beta %t.gemm_bias_default_beta.onnx && tessera-compile %t.gemm_bias_default_beta.onnx --emit=imported | FileCheck %s --check-prefix=NN-GEMMC
// NN-GEMMC-LABEL: func.func @main(
// NN-GEMMC-SAME: %[[A:.*]]: tensor<2x3xf32> {tessera.name = "a"}, %[[B:.*]]: tensor<4x3xf32> {tessera.name = "b"}, %[[C:.*]]: tensor<2x1xf32> {tessera.name = "c"}) -> (tensor<2x4xf32> {tessera.name = "y"}) {
// NN-GEMMC-NEXT: %[[TRANSPOSE:.*]] = tessera.transpose %[[B]] permutation = [1, 0] : (tensor<4x3xf32>) -> tensor<3x4xf32>
// NN-GEMMC-NEXT: %[[MATMUL:.*]] = tessera.matmul %[[A]], %[[TRANSPOSE]] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
// NN-GEMMC-NEXT: %[[ADD:.*]] = tessera.add %[[MATMUL]], %[[C]] : (tensor<2x4xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
// NN-GEMMC-NEXT: return %[[ADD]] : tensor<2x4xf32>

// MatMul of two matrices.
// RUN: %python %S/op_models.py matmul_2d %t.matmul_2d.onnx && tessera-compile %t.matmul_2d.onnx --emit=imported | FileCheck %s --check-prefix=NN-MM
// NN-MM-LABEL: func.func @main(
// NN-MM-SAME: %[[A:.*]]: tensor<2x3xf32> {tessera.name = "a"}, %[[B:.*]]: tensor<3x4xf32> {tessera.name = "b"}) -> (tensor<2x4xf32> {tessera.name = "y"}) {
// NN-MM-NEXT: %[[MATMUL:.*]] = tessera.matmul %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
// NN-MM-NEXT: return %[[MATMUL]] : tensor<2x4xf32>

// MatMul [3] x [5,3,4]: the vector becomes [1,3], the product [5,1,4] and
// the unit dimension is dropped: [5,4] (numpy.matmul).
// RUN: %python %S/op_models.py matmul_vec_lhs %t.matmul_vec_lhs.onnx && tessera-compile %t.matmul_vec_lhs.onnx --emit=imported | FileCheck %s --check-prefix=NN-MMVL
// NN-MMVL-LABEL: func.func @main(
// NN-MMVL-SAME: %[[A:.*]]: tensor<3xf32> {tessera.name = "a"}, %[[B:.*]]: tensor<5x3x4xf32> {tessera.name = "b"}) -> (tensor<5x4xf32> {tessera.name = "y"}) {
// NN-MMVL-NEXT: %[[RESHAPE:.*]] = tessera.reshape %[[A]] : (tensor<3xf32>) -> tensor<1x3xf32>
// NN-MMVL-NEXT: %[[MATMUL:.*]] = tessera.matmul %[[RESHAPE]], %[[B]] : (tensor<1x3xf32>, tensor<5x3x4xf32>) -> tensor<5x1x4xf32>
// NN-MMVL-NEXT: %[[RESHAPE2:.*]] = tessera.reshape %[[MATMUL]] : (tensor<5x1x4xf32>) -> tensor<5x4xf32>
// NN-MMVL-NEXT: return %[[RESHAPE2]] : tensor<5x4xf32>

// MatMul [5,2,3] x [3]: the vector becomes [3,1], the product [5,2,1] -> [5,2].
// RUN: %python %S/op_models.py matmul_vec_rhs %t.matmul_vec_rhs.onnx && tessera-compile %t.matmul_vec_rhs.onnx --emit=imported | FileCheck %s --check-prefix=NN-MMVR
// NN-MMVR-LABEL: func.func @main(
// NN-MMVR-SAME: %[[A:.*]]: tensor<5x2x3xf32> {tessera.name = "a"}, %[[B:.*]]: tensor<3xf32> {tessera.name = "b"}) -> (tensor<5x2xf32> {tessera.name = "y"}) {
// NN-MMVR-NEXT: %[[RESHAPE:.*]] = tessera.reshape %[[B]] : (tensor<3xf32>) -> tensor<3x1xf32>
// NN-MMVR-NEXT: %[[MATMUL:.*]] = tessera.matmul %[[A]], %[[RESHAPE]] : (tensor<5x2x3xf32>, tensor<3x1xf32>) -> tensor<5x2x1xf32>
// NN-MMVR-NEXT: %[[RESHAPE2:.*]] = tessera.reshape %[[MATMUL]] : (tensor<5x2x1xf32>) -> tensor<5x2xf32>
// NN-MMVR-NEXT: return %[[RESHAPE2]] : tensor<5x2xf32>

// MatMul [3] x [3] is a dot product: a scalar.
// RUN: %python %S/op_models.py matmul_vec_vec %t.matmul_vec_vec.onnx && tessera-compile %t.matmul_vec_vec.onnx --emit=imported | FileCheck %s --check-prefix=NN-MMVV
// NN-MMVV-LABEL: func.func @main(
// NN-MMVV-SAME: %[[A:.*]]: tensor<3xf32> {tessera.name = "a"}, %[[B:.*]]: tensor<3xf32> {tessera.name = "b"}) -> (tensor<f32> {tessera.name = "y"}) {
// NN-MMVV-NEXT: %[[RESHAPE:.*]] = tessera.reshape %[[A]] : (tensor<3xf32>) -> tensor<1x3xf32>
// NN-MMVV-NEXT: %[[RESHAPE2:.*]] = tessera.reshape %[[B]] : (tensor<3xf32>) -> tensor<3x1xf32>
// NN-MMVV-NEXT: %[[MATMUL:.*]] = tessera.matmul %[[RESHAPE]], %[[RESHAPE2]] : (tensor<1x3xf32>, tensor<3x1xf32>) -> tensor<1x1xf32>
// NN-MMVV-NEXT: %[[RESHAPE3:.*]] = tessera.reshape %[[MATMUL]] : (tensor<1x1xf32>) -> tensor<f32>
// NN-MMVV-NEXT: return %[[RESHAPE3]] : tensor<f32>

// MatMul broadcasts batch dimensions: [2,1,3,4] x [5,4,6] -> [2,5,3,6].
// RUN: %python %S/op_models.py matmul_batched %t.matmul_batched.onnx && tessera-compile %t.matmul_batched.onnx --emit=imported | FileCheck %s --check-prefix=NN-MMB
// NN-MMB-LABEL: func.func @main(
// NN-MMB-SAME: %[[A:.*]]: tensor<2x1x3x4xf32> {tessera.name = "a"}, %[[B:.*]]: tensor<5x4x6xf32> {tessera.name = "b"}) -> (tensor<2x5x3x6xf32> {tessera.name = "y"}) {
// NN-MMB-NEXT: %[[MATMUL:.*]] = tessera.matmul %[[A]], %[[B]] : (tensor<2x1x3x4xf32>, tensor<5x4x6xf32>) -> tensor<2x5x3x6xf32>
// NN-MMB-NEXT: return %[[MATMUL]] : tensor<2x5x3x6xf32>

// Conv with bias, pads [1,1,1,1], strides 2, kernel_shape given: 8x8 -> 4x4.
// RUN: %python %S/op_models.py conv_basic %t.conv_basic.onnx && tessera-compile %t.conv_basic.onnx --emit=imported | FileCheck %s --check-prefix=NN-CONV
// NN-CONV-LABEL: func.func @main(
// NN-CONV-SAME: %[[X:.*]]: tensor<1x3x8x8xf32> {tessera.name = "x"}, %[[W:.*]]: tensor<4x3x3x3xf32> {tessera.name = "w"}, %[[B:.*]]: tensor<4xf32> {tessera.name = "b"}) -> (tensor<1x4x4x4xf32> {tessera.name = "y"}) {
// NN-CONV-NEXT: %[[CONV2D:.*]] = tessera.conv2d %[[X]], %[[W]], %[[B]] strides = [2, 2] padding = [1, 1, 1, 1] dilations = [1, 1] groups = 1 : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
// NN-CONV-NEXT: return %[[CONV2D]] : tensor<1x4x4x4xf32>

// Conv without bias; ONNX pads [H begin, W begin, H end, W end] = [0,1,2,3]
// map to padding [top, left, bottom, right] = [0,1,2,3]: 5x5 -> 5x7.
// RUN: %python %S/op_models.py conv_asym_pads %t.conv_asym_pads.onnx && tessera-compile %t.conv_asym_pads.onnx --emit=imported | FileCheck %s --check-prefix=NN-CONVP
// NN-CONVP-LABEL: func.func @main(
// NN-CONVP-SAME: %[[X:.*]]: tensor<1x2x5x5xf32> {tessera.name = "x"}, %[[W:.*]]: tensor<3x2x3x3xf32> {tessera.name = "w"}) -> (tensor<1x3x5x7xf32> {tessera.name = "y"}) {
// NN-CONVP-NEXT: %[[CONV2D:.*]] = tessera.conv2d %[[X]], %[[W]] strides = [1, 1] padding = [0, 1, 2, 3] dilations = [1, 1] groups = 1 : (tensor<1x2x5x5xf32>, tensor<3x2x3x3xf32>) -> tensor<1x3x5x7xf32>
// NN-CONVP-NEXT: return %[[CONV2D]] : tensor<1x3x5x7xf32>

// Conv with group 2 and dilations [2,1]: 9x9 -> 5x7.
// RUN: %python %S/op_models.py conv_group_dilation %t.conv_group_dilation.onnx && tessera-compile %t.conv_group_dilation.onnx --emit=imported | FileCheck %s --check-prefix=NN-CONVG
// NN-CONVG-LABEL: func.func @main(
// NN-CONVG-SAME: %[[X:.*]]: tensor<1x4x9x9xf32> {tessera.name = "x"}, %[[W:.*]]: tensor<4x2x3x3xf32> {tessera.name = "w"}, %[[B:.*]]: tensor<4xf32> {tessera.name = "b"}) -> (tensor<1x4x5x7xf32> {tessera.name = "y"}) {
// NN-CONVG-NEXT: %[[CONV2D:.*]] = tessera.conv2d %[[X]], %[[W]], %[[B]] strides = [1, 1] padding = [0, 0, 0, 0] dilations = [2, 1] groups = 2 : (tensor<1x4x9x9xf32>, tensor<4x2x3x3xf32>, tensor<4xf32>) -> tensor<1x4x5x7xf32>
// NN-CONVG-NEXT: return %[[CONV2D]] : tensor<1x4x5x7xf32>

// Depthwise Conv whose weights are initializers: the 72-element weight is a
// dense_resource blob, the 8-element bias an inline dense constant. The blob
// holds the weight's bytes after the 64-byte alignment word: 0.0, 1.0, 2.0, ...
// (0x00000000, 0x3F800000, 0x40000000 little-endian).
// RUN: %python %S/op_models.py conv_depthwise_weights %t.conv_depthwise_weights.onnx && tessera-compile %t.conv_depthwise_weights.onnx --emit=imported | FileCheck %s --check-prefix=NN-CONVW
// NN-CONVW-LABEL: func.func @main(
// NN-CONVW-SAME: %[[X:.*]]: tensor<1x8x6x6xf32> {tessera.name = "x"}) -> (tensor<1x8x6x6xf32> {tessera.name = "y"}) {
// NN-CONVW-NEXT: %[[CST:.*]] = tessera.constant dense_resource<w> : tensor<8x1x3x3xf32>
// NN-CONVW-NEXT: %[[CST2:.*]] = tessera.constant dense<[0.000000e+00, 1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00, 5.000000e+00, 6.000000e+00, 7.000000e+00]> : tensor<8xf32>
// NN-CONVW-NEXT: %[[CONV2D:.*]] = tessera.conv2d %[[X]], %[[CST]], %[[CST2]] strides = [1, 1] padding = [1, 1, 1, 1] dilations = [1, 1] groups = 8 : (tensor<1x8x6x6xf32>, tensor<8x1x3x3xf32>, tensor<8xf32>) -> tensor<1x8x6x6xf32>
// NN-CONVW-NEXT: return %[[CONV2D]] : tensor<1x8x6x6xf32>
// NN-CONVW: dialect_resources: {
// NN-CONVW-NEXT: builtin: {
// NN-CONVW-NEXT: w: "0x40000000000000000000803F000000400000404000008040

// auto_pad SAME_UPPER: in 7, stride 2 -> out 4; total padding
// (4-1)*2 + 4 - 7 = 3, the odd one at the end: [1,1,2,2].
// RUN: %python %S/op_models.py conv_same_upper %t.conv_same_upper.onnx && tessera-compile %t.conv_same_upper.onnx --emit=imported | FileCheck %s --check-prefix=NN-SAMEU
// NN-SAMEU-LABEL: func.func @main(
// NN-SAMEU-SAME: %[[X:.*]]: tensor<1x1x7x7xf32> {tessera.name = "x"}, %[[W:.*]]: tensor<1x1x4x4xf32> {tessera.name = "w"}) -> (tensor<1x1x4x4xf32> {tessera.name = "y"}) {
// NN-SAMEU-NEXT: %[[CONV2D:.*]] = tessera.conv2d %[[X]], %[[W]] strides = [2, 2] padding = [1, 1, 2, 2] dilations = [1, 1] groups = 1 : (tensor<1x1x7x7xf32>, tensor<1x1x4x4xf32>) -> tensor<1x1x4x4xf32>
// NN-SAMEU-NEXT: return %[[CONV2D]] : tensor<1x1x4x4xf32>

// auto_pad SAME_LOWER: the same 3, the odd one at the beginning: [2,2,1,1].
// RUN: %python %S/op_models.py conv_same_lower %t.conv_same_lower.onnx && tessera-compile %t.conv_same_lower.onnx --emit=imported | FileCheck %s --check-prefix=NN-SAMEL
// NN-SAMEL-LABEL: func.func @main(
// NN-SAMEL-SAME: %[[X:.*]]: tensor<1x1x7x7xf32> {tessera.name = "x"}, %[[W:.*]]: tensor<1x1x4x4xf32> {tessera.name = "w"}) -> (tensor<1x1x4x4xf32> {tessera.name = "y"}) {
// NN-SAMEL-NEXT: %[[CONV2D:.*]] = tessera.conv2d %[[X]], %[[W]] strides = [2, 2] padding = [2, 2, 1, 1] dilations = [1, 1] groups = 1 : (tensor<1x1x7x7xf32>, tensor<1x1x4x4xf32>) -> tensor<1x1x4x4xf32>
// NN-SAMEL-NEXT: return %[[CONV2D]] : tensor<1x1x4x4xf32>

// auto_pad VALID: no padding; strides [2,1] on 7x5 with 3x3 -> 3x3.
// RUN: %python %S/op_models.py conv_valid %t.conv_valid.onnx && tessera-compile %t.conv_valid.onnx --emit=imported | FileCheck %s --check-prefix=NN-VALID
// NN-VALID-LABEL: func.func @main(
// NN-VALID-SAME: %[[X:.*]]: tensor<1x1x7x5xf32> {tessera.name = "x"}, %[[W:.*]]: tensor<2x1x3x3xf32> {tessera.name = "w"}) -> (tensor<1x2x3x3xf32> {tessera.name = "y"}) {
// NN-VALID-NEXT: %[[CONV2D:.*]] = tessera.conv2d %[[X]], %[[W]] strides = [2, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x1x7x5xf32>, tensor<2x1x3x3xf32>) -> tensor<1x2x3x3xf32>
// NN-VALID-NEXT: return %[[CONV2D]] : tensor<1x2x3x3xf32>

// 1-D Conv is lifted to 2-D over a height of 1: x [1,2,10] -> [1,2,1,10],
// w [4,2,3] -> [4,2,1,3], pads [1,2] -> padding [0,1,0,2], strides [1,2]; the
// result [1,4,1,6] drops the height again: (10+1+2-3)/2+1 = 6.
// RUN: %python %S/op_models.py conv_1d %t.conv_1d.onnx && tessera-compile %t.conv_1d.onnx --emit=imported | FileCheck %s --check-prefix=NN-CONV1D
// NN-CONV1D-LABEL: func.func @main(
// NN-CONV1D-SAME: %[[X:.*]]: tensor<1x2x10xf32> {tessera.name = "x"}, %[[W:.*]]: tensor<4x2x3xf32> {tessera.name = "w"}, %[[B:.*]]: tensor<4xf32> {tessera.name = "b"}) -> (tensor<1x4x6xf32> {tessera.name = "y"}) {
// NN-CONV1D-NEXT: %[[RESHAPE:.*]] = tessera.reshape %[[X]] : (tensor<1x2x10xf32>) -> tensor<1x2x1x10xf32>
// NN-CONV1D-NEXT: %[[RESHAPE2:.*]] = tessera.reshape %[[W]] : (tensor<4x2x3xf32>) -> tensor<4x2x1x3xf32>
// NN-CONV1D-NEXT: %[[CONV2D:.*]] = tessera.conv2d %[[RESHAPE]], %[[RESHAPE2]], %[[B]] strides = [1, 2] padding = [0, 1, 0, 2] dilations = [1, 1] groups = 1 : (tensor<1x2x1x10xf32>, tensor<4x2x1x3xf32>, tensor<4xf32>) -> tensor<1x4x1x6xf32>
// NN-CONV1D-NEXT: %[[RESHAPE3:.*]] = tessera.reshape %[[CONV2D]] : (tensor<1x4x1x6xf32>) -> tensor<1x4x6xf32>
// NN-CONV1D-NEXT: return %[[RESHAPE3]] : tensor<1x4x6xf32>

// MaxPool kernel 3, stride 2, pads 1: 9 -> 5.
// RUN: %python %S/op_models.py maxpool_basic %t.maxpool_basic.onnx && tessera-compile %t.maxpool_basic.onnx --emit=imported | FileCheck %s --check-prefix=NN-MAXP
// NN-MAXP-LABEL: func.func @main(
// NN-MAXP-SAME: %[[X:.*]]: tensor<1x2x9x9xf32> {tessera.name = "x"}) -> (tensor<1x2x5x5xf32> {tessera.name = "y"}) {
// NN-MAXP-NEXT: %[[MAX_POOL2D:.*]] = tessera.max_pool2d %[[X]] kernel = [3, 3] strides = [2, 2] padding = [1, 1, 1, 1] dilations = [1, 1] : (tensor<1x2x9x9xf32>) -> tensor<1x2x5x5xf32>
// NN-MAXP-NEXT: return %[[MAX_POOL2D]] : tensor<1x2x5x5xf32>

// MaxPool ceil_mode: kernel 2, stride 2 on 5 -> 3 (floor would give 2).
// RUN: %python %S/op_models.py maxpool_ceil %t.maxpool_ceil.onnx && tessera-compile %t.maxpool_ceil.onnx --emit=imported | FileCheck %s --check-prefix=NN-MAXPC
// NN-MAXPC-LABEL: func.func @main(
// NN-MAXPC-SAME: %[[X:.*]]: tensor<1x1x5x5xf32> {tessera.name = "x"}) -> (tensor<1x1x3x3xf32> {tessera.name = "y"}) {
// NN-MAXPC-NEXT: %[[MAX_POOL2D:.*]] = tessera.max_pool2d %[[X]] kernel = [2, 2] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] ceil_mode : (tensor<1x1x5x5xf32>) -> tensor<1x1x3x3xf32>
// NN-MAXPC-NEXT: return %[[MAX_POOL2D]] : tensor<1x1x3x3xf32>

// MaxPool dilations 2: kernel 2 spans 3, 6 -> 4.
// RUN: %python %S/op_models.py maxpool_dilations %t.maxpool_dilations.onnx && tessera-compile %t.maxpool_dilations.onnx --emit=imported | FileCheck %s --check-prefix=NN-MAXPD
// NN-MAXPD-LABEL: func.func @main(
// NN-MAXPD-SAME: %[[X:.*]]: tensor<1x1x6x6xf32> {tessera.name = "x"}) -> (tensor<1x1x4x4xf32> {tessera.name = "y"}) {
// NN-MAXPD-NEXT: %[[MAX_POOL2D:.*]] = tessera.max_pool2d %[[X]] kernel = [2, 2] strides = [1, 1] padding = [0, 0, 0, 0] dilations = [2, 2] : (tensor<1x1x6x6xf32>) -> tensor<1x1x4x4xf32>
// NN-MAXPD-NEXT: return %[[MAX_POOL2D]] : tensor<1x1x4x4xf32>

// 1-D MaxPool lifted to 2-D: kernel [1,3], padding [0,1,0,1].
// RUN: %python %S/op_models.py maxpool_1d %t.maxpool_1d.onnx && tessera-compile %t.maxpool_1d.onnx --emit=imported | FileCheck %s --check-prefix=NN-MAXP1D
// NN-MAXP1D-LABEL: func.func @main(
// NN-MAXP1D-SAME: %[[X:.*]]: tensor<2x3x8xf32> {tessera.name = "x"}) -> (tensor<2x3x8xf32> {tessera.name = "y"}) {
// NN-MAXP1D-NEXT: %[[RESHAPE:.*]] = tessera.reshape %[[X]] : (tensor<2x3x8xf32>) -> tensor<2x3x1x8xf32>
// NN-MAXP1D-NEXT: %[[MAX_POOL2D:.*]] = tessera.max_pool2d %[[RESHAPE]] kernel = [1, 3] strides = [1, 1] padding = [0, 1, 0, 1] dilations = [1, 1] : (tensor<2x3x1x8xf32>) -> tensor<2x3x1x8xf32>
// NN-MAXP1D-NEXT: %[[RESHAPE2:.*]] = tessera.reshape %[[MAX_POOL2D]] : (tensor<2x3x1x8xf32>) -> tensor<2x3x8xf32>
// NN-MAXP1D-NEXT: return %[[RESHAPE2]] : tensor<2x3x8xf32>

// MaxPool SAME_UPPER: in 5, stride 2 -> 3; total padding 1, at the end.
// RUN: %python %S/op_models.py maxpool_same_upper %t.maxpool_same_upper.onnx && tessera-compile %t.maxpool_same_upper.onnx --emit=imported | FileCheck %s --check-prefix=NN-MAXPS
// NN-MAXPS-LABEL: func.func @main(
// NN-MAXPS-SAME: %[[X:.*]]: tensor<1x1x5x5xf32> {tessera.name = "x"}) -> (tensor<1x1x3x3xf32> {tessera.name = "y"}) {
// NN-MAXPS-NEXT: %[[MAX_POOL2D:.*]] = tessera.max_pool2d %[[X]] kernel = [2, 2] strides = [2, 2] padding = [0, 0, 1, 1] dilations = [1, 1] : (tensor<1x1x5x5xf32>) -> tensor<1x1x3x3xf32>
// NN-MAXPS-NEXT: return %[[MAX_POOL2D]] : tensor<1x1x3x3xf32>

// AveragePool with count_include_pad.
// RUN: %python %S/op_models.py avgpool_count_include_pad %t.avgpool_count_include_pad.onnx && tessera-compile %t.avgpool_count_include_pad.onnx --emit=imported | FileCheck %s --check-prefix=NN-AVGP
// NN-AVGP-LABEL: func.func @main(
// NN-AVGP-SAME: %[[X:.*]]: tensor<1x2x4x4xf32> {tessera.name = "x"}) -> (tensor<1x2x4x4xf32> {tessera.name = "y"}) {
// NN-AVGP-NEXT: %[[AVG_POOL2D:.*]] = tessera.avg_pool2d %[[X]] kernel = [3, 3] strides = [1, 1] padding = [1, 1, 1, 1] dilations = [1, 1] count_include_pad : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
// NN-AVGP-NEXT: return %[[AVG_POOL2D]] : tensor<1x2x4x4xf32>

// AveragePool ceil_mode: kernel 3, stride 2 on 6 -> 3 (the last window starts at 4).
// RUN: %python %S/op_models.py avgpool_ceil %t.avgpool_ceil.onnx && tessera-compile %t.avgpool_ceil.onnx --emit=imported | FileCheck %s --check-prefix=NN-AVGPC
// NN-AVGPC-LABEL: func.func @main(
// NN-AVGPC-SAME: %[[X:.*]]: tensor<1x1x6x6xf32> {tessera.name = "x"}) -> (tensor<1x1x3x3xf32> {tessera.name = "y"}) {
// NN-AVGPC-NEXT: %[[AVG_POOL2D:.*]] = tessera.avg_pool2d %[[X]] kernel = [3, 3] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] ceil_mode : (tensor<1x1x6x6xf32>) -> tensor<1x1x3x3xf32>
// NN-AVGPC-NEXT: return %[[AVG_POOL2D]] : tensor<1x1x3x3xf32>

// 1-D AveragePool lifted to 2-D: kernel 2, stride 2 on 7 -> 3.
// RUN: %python %S/op_models.py avgpool_1d %t.avgpool_1d.onnx && tessera-compile %t.avgpool_1d.onnx --emit=imported | FileCheck %s --check-prefix=NN-AVGP1D
// NN-AVGP1D-LABEL: func.func @main(
// NN-AVGP1D-SAME: %[[X:.*]]: tensor<1x3x7xf32> {tessera.name = "x"}) -> (tensor<1x3x3xf32> {tessera.name = "y"}) {
// NN-AVGP1D-NEXT: %[[RESHAPE:.*]] = tessera.reshape %[[X]] : (tensor<1x3x7xf32>) -> tensor<1x3x1x7xf32>
// NN-AVGP1D-NEXT: %[[AVG_POOL2D:.*]] = tessera.avg_pool2d %[[RESHAPE]] kernel = [1, 2] strides = [1, 2] padding = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x3x1x7xf32>) -> tensor<1x3x1x3xf32>
// NN-AVGP1D-NEXT: %[[RESHAPE2:.*]] = tessera.reshape %[[AVG_POOL2D]] : (tensor<1x3x1x3xf32>) -> tensor<1x3x3xf32>
// NN-AVGP1D-NEXT: return %[[RESHAPE2]] : tensor<1x3x3xf32>

// AveragePool dilations exist from opset 19: kernel 2, dilation 3, 8 -> 5.
// RUN: %python %S/op_models.py avgpool_dilations_opset19 %t.avgpool_dilations_opset19.onnx && tessera-compile %t.avgpool_dilations_opset19.onnx --emit=imported | FileCheck %s --check-prefix=NN-AVGPD
// NN-AVGPD-LABEL: func.func @main(
// NN-AVGPD-SAME: %[[X:.*]]: tensor<1x1x8x8xf32> {tessera.name = "x"}) -> (tensor<1x1x5x5xf32> {tessera.name = "y"}) {
// NN-AVGPD-NEXT: %[[AVG_POOL2D:.*]] = tessera.avg_pool2d %[[X]] kernel = [2, 2] strides = [1, 1] padding = [0, 0, 0, 0] dilations = [3, 3] : (tensor<1x1x8x8xf32>) -> tensor<1x1x5x5xf32>
// NN-AVGPD-NEXT: return %[[AVG_POOL2D]] : tensor<1x1x5x5xf32>

// GlobalAveragePool on NCHW is global_avg_pool2d.
// RUN: %python %S/op_models.py global_avg_pool %t.global_avg_pool.onnx && tessera-compile %t.global_avg_pool.onnx --emit=imported | FileCheck %s --check-prefix=NN-GAP
// NN-GAP-LABEL: func.func @main(
// NN-GAP-SAME: %[[X:.*]]: tensor<2x3x5x7xf32> {tessera.name = "x"}) -> (tensor<2x3x1x1xf32> {tessera.name = "y"}) {
// NN-GAP-NEXT: %[[GLOBAL_AVG_POOL2D:.*]] = tessera.global_avg_pool2d %[[X]] : (tensor<2x3x5x7xf32>) -> tensor<2x3x1x1xf32>
// NN-GAP-NEXT: return %[[GLOBAL_AVG_POOL2D]] : tensor<2x3x1x1xf32>

// GlobalMaxPool on [N,C,L] is a reduce_max over axis 2, kept.
// RUN: %python %S/op_models.py global_max_pool_1d %t.global_max_pool_1d.onnx && tessera-compile %t.global_max_pool_1d.onnx --emit=imported | FileCheck %s --check-prefix=NN-GMP1D
// NN-GMP1D-LABEL: func.func @main(
// NN-GMP1D-SAME: %[[X:.*]]: tensor<2x3x5xf32> {tessera.name = "x"}) -> (tensor<2x3x1xf32> {tessera.name = "y"}) {
// NN-GMP1D-NEXT: %[[REDUCE_MAX:.*]] = tessera.reduce_max %[[X]] axes = [2] keepdims : (tensor<2x3x5xf32>) -> tensor<2x3x1xf32>
// NN-GMP1D-NEXT: return %[[REDUCE_MAX]] : tensor<2x3x1xf32>

// GlobalAveragePool on [N,C,D,H,W] is a reduce_mean over axes 2, 3, 4, kept.
// RUN: %python %S/op_models.py global_avg_pool_3d %t.global_avg_pool_3d.onnx && tessera-compile %t.global_avg_pool_3d.onnx --emit=imported | FileCheck %s --check-prefix=NN-GAP3D
// NN-GAP3D-LABEL: func.func @main(
// NN-GAP3D-SAME: %[[X:.*]]: tensor<1x2x3x4x5xf32> {tessera.name = "x"}) -> (tensor<1x2x1x1x1xf32> {tessera.name = "y"}) {
// NN-GAP3D-NEXT: %[[REDUCE_MEAN:.*]] = tessera.reduce_mean %[[X]] axes = [2, 3, 4] keepdims : (tensor<1x2x3x4x5xf32>) -> tensor<1x2x1x1x1xf32>
// NN-GAP3D-NEXT: return %[[REDUCE_MEAN]] : tensor<1x2x1x1x1xf32>

// BatchNormalization (inference) with epsilon 1e-3 (an f32 attribute).
// RUN: %python %S/op_models.py batchnorm %t.batchnorm.onnx && tessera-compile %t.batchnorm.onnx --emit=imported | FileCheck %s --check-prefix=NN-BN
// NN-BN-LABEL: func.func @main(
// NN-BN-SAME: %[[X:.*]]: tensor<2x3x4x4xf32> {tessera.name = "x"}, %[[SCALE:.*]]: tensor<3xf32> {tessera.name = "scale"}, %[[BIAS:.*]]: tensor<3xf32> {tessera.name = "bias"}, %[[MEAN:.*]]: tensor<3xf32> {tessera.name = "mean"}, %[[VAR:.*]]: tensor<3xf32> {tessera.name = "var"}) -> (tensor<2x3x4x4xf32> {tessera.name = "y"}) {
// NN-BN-NEXT: %[[BATCH_NORM:.*]] = tessera.batch_norm %[[X]], %[[SCALE]], %[[BIAS]], %[[MEAN]], %[[VAR]] epsilon = 0.0010000000474974513 : (tensor<2x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4x4xf32>
// NN-BN-NEXT: return %[[BATCH_NORM]] : tensor<2x3x4x4xf32>

// LayerNormalization (opset 17) defaults: axis -1 -> 2, epsilon 1e-5.
// RUN: %python %S/op_models.py layernorm_default %t.layernorm_default.onnx && tessera-compile %t.layernorm_default.onnx --emit=imported | FileCheck %s --check-prefix=NN-LN
// NN-LN-LABEL: func.func @main(
// NN-LN-SAME: %[[X:.*]]: tensor<2x3x8xf32> {tessera.name = "x"}, %[[S:.*]]: tensor<8xf32> {tessera.name = "s"}, %[[B:.*]]: tensor<8xf32> {tessera.name = "b"}) -> (tensor<2x3x8xf32> {tessera.name = "y"}) {
// NN-LN-NEXT: %[[LAYER_NORM:.*]] = tessera.layer_norm %[[X]], %[[S]], %[[B]] axis = 2 epsilon = 9.9999997473787516E-6 : (tensor<2x3x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x3x8xf32>
// NN-LN-NEXT: return %[[LAYER_NORM]] : tensor<2x3x8xf32>

// LayerNormalization axis -2 of [2,3,4]: axis 1, normalized shape [3,4]; the
// scale [4] broadcasts to it (as the ONNX reference computes, numpy
// broadcasting). The Mean and InvStdDev outputs are [2,1,1] in the stash type
// (f32): mean(x), and rsqrt(mean((x - mean)^2) + epsilon).
// RUN: %python %S/op_models.py layernorm_axis_stats %t.layernorm_axis_stats.onnx && tessera-compile %t.layernorm_axis_stats.onnx --emit=imported | FileCheck %s --check-prefix=NN-LNS
// NN-LNS-LABEL: func.func @main(
// NN-LNS-SAME: %[[X:.*]]: tensor<2x3x4xf32> {tessera.name = "x"}, %[[S:.*]]: tensor<4xf32> {tessera.name = "s"}) -> (tensor<2x3x4xf32> {tessera.name = "y"}, tensor<2x1x1xf32> {tessera.name = "mean"}, tensor<2x1x1xf32> {tessera.name = "inv"}) {
// NN-LNS-NEXT: %[[BROADCAST:.*]] = tessera.broadcast %[[S]] : (tensor<4xf32>) -> tensor<3x4xf32>
// NN-LNS-NEXT: %[[LAYER_NORM:.*]] = tessera.layer_norm %[[X]], %[[BROADCAST]] axis = 1 epsilon = 0.0010000000474974513 : (tensor<2x3x4xf32>, tensor<3x4xf32>) -> tensor<2x3x4xf32>
// NN-LNS-NEXT: %[[REDUCE_MEAN:.*]] = tessera.reduce_mean %[[X]] axes = [1, 2] keepdims : (tensor<2x3x4xf32>) -> tensor<2x1x1xf32>
// NN-LNS-NEXT: %[[SUB:.*]] = tessera.sub %[[X]], %[[REDUCE_MEAN]] : (tensor<2x3x4xf32>, tensor<2x1x1xf32>) -> tensor<2x3x4xf32>
// NN-LNS-NEXT: %[[MUL:.*]] = tessera.mul %[[SUB]], %[[SUB]] : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
// NN-LNS-NEXT: %[[REDUCE_MEAN2:.*]] = tessera.reduce_mean %[[MUL]] axes = [1, 2] keepdims : (tensor<2x3x4xf32>) -> tensor<2x1x1xf32>
// NN-LNS-NEXT: %[[CST:.*]] = tessera.constant dense<1.000000e-03> : tensor<f32>
// NN-LNS-NEXT: %[[ADD:.*]] = tessera.add %[[REDUCE_MEAN2]], %[[CST]] : (tensor<2x1x1xf32>, tensor<f32>) -> tensor<2x1x1xf32>
// NN-LNS-NEXT: %[[RSQRT:.*]] = tessera.rsqrt %[[ADD]] : tensor<2x1x1xf32>
// NN-LNS-NEXT: return %[[LAYER_NORM]], %[[REDUCE_MEAN]], %[[RSQRT]] : tensor<2x3x4xf32>, tensor<2x1x1xf32>, tensor<2x1x1xf32>

// LayerNormalization of f16 data with only InvStdDev used: the statistics are
// computed and returned in the stash type (f32 by default), from a cast of x.
// RUN: %python %S/op_models.py layernorm_f16_stats %t.layernorm_f16_stats.onnx && tessera-compile %t.layernorm_f16_stats.onnx --emit=imported | FileCheck %s --check-prefix=NN-LNH
// NN-LNH-LABEL: func.func @main(
// NN-LNH-SAME: %[[X:.*]]: tensor<2x4xf16> {tessera.name = "x"}, %[[S:.*]]: tensor<4xf16> {tessera.name = "s"}, %[[B:.*]]: tensor<4xf16> {tessera.name = "b"}) -> (tensor<2x4xf16> {tessera.name = "y"}, tensor<2x1xf32> {tessera.name = "inv"}) {
// NN-LNH-NEXT: %[[LAYER_NORM:.*]] = tessera.layer_norm %[[X]], %[[S]], %[[B]] axis = 1 epsilon = 9.9999997473787516E-6 : (tensor<2x4xf16>, tensor<4xf16>, tensor<4xf16>) -> tensor<2x4xf16>
// NN-LNH-NEXT: %[[CAST:.*]] = tessera.cast %[[X]] : tensor<2x4xf16> to tensor<2x4xf32>
// NN-LNH-NEXT: %[[REDUCE_MEAN:.*]] = tessera.reduce_mean %[[CAST]] axes = [1] keepdims : (tensor<2x4xf32>) -> tensor<2x1xf32>
// NN-LNH-NEXT: %[[SUB:.*]] = tessera.sub %[[CAST]], %[[REDUCE_MEAN]] : (tensor<2x4xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
// NN-LNH-NEXT: %[[MUL:.*]] = tessera.mul %[[SUB]], %[[SUB]] : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
// NN-LNH-NEXT: %[[REDUCE_MEAN2:.*]] = tessera.reduce_mean %[[MUL]] axes = [1] keepdims : (tensor<2x4xf32>) -> tensor<2x1xf32>
// NN-LNH-NEXT: %[[CST:.*]] = tessera.constant dense<9.99999974E-6> : tensor<f32>
// NN-LNH-NEXT: %[[ADD:.*]] = tessera.add %[[REDUCE_MEAN2]], %[[CST]] : (tensor<2x1xf32>, tensor<f32>) -> tensor<2x1xf32>
// NN-LNH-NEXT: %[[RSQRT:.*]] = tessera.rsqrt %[[ADD]] : tensor<2x1xf32>
// NN-LNH-NEXT: return %[[LAYER_NORM]], %[[RSQRT]] : tensor<2x4xf16>, tensor<2x1xf32>

// Softmax axis -2 of a rank-3 tensor is axis 1.
// RUN: %python %S/op_models.py softmax_neg_axis %t.softmax_neg_axis.onnx && tessera-compile %t.softmax_neg_axis.onnx --emit=imported | FileCheck %s --check-prefix=NN-SMN
// NN-SMN-LABEL: func.func @main(
// NN-SMN-SAME: %[[X:.*]]: tensor<2x3x4xf32> {tessera.name = "x"}) -> (tensor<2x3x4xf32> {tessera.name = "y"}) {
// NN-SMN-NEXT: %[[SOFTMAX:.*]] = tessera.softmax %[[X]] axis = 1 : tensor<2x3x4xf32>
// NN-SMN-NEXT: return %[[SOFTMAX]] : tensor<2x3x4xf32>

// Softmax's default axis (opset 13+) is -1.
// RUN: %python %S/op_models.py softmax_default %t.softmax_default.onnx && tessera-compile %t.softmax_default.onnx --emit=imported | FileCheck %s --check-prefix=NN-SM
// NN-SM-LABEL: func.func @main(
// NN-SM-SAME: %[[X:.*]]: tensor<2x3x4xf32> {tessera.name = "x"}) -> (tensor<2x3x4xf32> {tessera.name = "y"}) {
// NN-SM-NEXT: %[[SOFTMAX:.*]] = tessera.softmax %[[X]] axis = 2 : tensor<2x3x4xf32>
// NN-SM-NEXT: return %[[SOFTMAX]] : tensor<2x3x4xf32>

// ReduceSum with the axes input [-1, 0] and keepdims 0: axes [0, 2], sorted.
// RUN: %python %S/op_models.py reducesum_axes %t.reducesum_axes.onnx && tessera-compile %t.reducesum_axes.onnx --emit=imported | FileCheck %s --check-prefix=NN-RSUM
// NN-RSUM-LABEL: func.func @main(
// NN-RSUM-SAME: %[[X:.*]]: tensor<2x3x4xf32> {tessera.name = "x"}) -> (tensor<3xf32> {tessera.name = "y"}) {
// NN-RSUM-NEXT: %[[REDUCE_SUM:.*]] = tessera.reduce_sum %[[X]] axes = [0, 2] : (tensor<2x3x4xf32>) -> tensor<3xf32>
// NN-RSUM-NEXT: return %[[REDUCE_SUM]] : tensor<3xf32>

// ReduceSum without axes reduces every axis; keepdims defaults to 1.
// RUN: %python %S/op_models.py reducesum_no_axes %t.reducesum_no_axes.onnx && tessera-compile %t.reducesum_no_axes.onnx --emit=imported | FileCheck %s --check-prefix=NN-RSUMALL
// NN-RSUMALL-LABEL: func.func @main(
// NN-RSUMALL-SAME: %[[X:.*]]: tensor<2x3x4xf32> {tessera.name = "x"}) -> (tensor<1x1x1xf32> {tessera.name = "y"}) {
// NN-RSUMALL-NEXT: %[[REDUCE_SUM:.*]] = tessera.reduce_sum %[[X]] axes = [0, 1, 2] keepdims : (tensor<2x3x4xf32>) -> tensor<1x1x1xf32>
// NN-RSUMALL-NEXT: return %[[REDUCE_SUM]] : tensor<1x1x1xf32>

// An empty axes input also reduces every axis (keepdims 0: a scalar).
// RUN: %python %S/op_models.py reducesum_empty_axes %t.reducesum_empty_axes.onnx && tessera-compile %t.reducesum_empty_axes.onnx --emit=imported | FileCheck %s --check-prefix=NN-RSUMEMPTY
// NN-RSUMEMPTY-LABEL: func.func @main(
// NN-RSUMEMPTY-SAME: %[[X:.*]]: tensor<2x3xf32> {tessera.name = "x"}) -> (tensor<f32> {tessera.name = "y"}) {
// NN-RSUMEMPTY-NEXT: %[[REDUCE_SUM:.*]] = tessera.reduce_sum %[[X]] axes = [0, 1] : (tensor<2x3xf32>) -> tensor<f32>
// NN-RSUMEMPTY-NEXT: return %[[REDUCE_SUM]] : tensor<f32>

// noop_with_empty_axes with empty axes: the input itself.
// RUN: %python %S/op_models.py reducesum_noop %t.reducesum_noop.onnx && tessera-compile %t.reducesum_noop.onnx --emit=imported | FileCheck %s --check-prefix=NN-RSUMNOOP
// NN-RSUMNOOP-LABEL: func.func @main(
// NN-RSUMNOOP-SAME: %[[X:.*]]: tensor<2x3xf32> {tessera.name = "x"}) -> (tensor<2x3xf32> {tessera.name = "y"}) {
// NN-RSUMNOOP-NEXT: return %[[X]] : tensor<2x3xf32>

// ReduceMean at opset 17 takes the axes attribute [-1, 1] -> [1, 2].
// RUN: %python %S/op_models.py reducemean_opset17 %t.reducemean_opset17.onnx && tessera-compile %t.reducemean_opset17.onnx --emit=imported | FileCheck %s --check-prefix=NN-RMEAN17
// NN-RMEAN17-LABEL: func.func @main(
// NN-RMEAN17-SAME: %[[X:.*]]: tensor<2x3x4xf32> {tessera.name = "x"}) -> (tensor<2x1x1xf32> {tessera.name = "y"}) {
// NN-RMEAN17-NEXT: %[[REDUCE_MEAN:.*]] = tessera.reduce_mean %[[X]] axes = [1, 2] keepdims : (tensor<2x3x4xf32>) -> tensor<2x1x1xf32>
// NN-RMEAN17-NEXT: return %[[REDUCE_MEAN]] : tensor<2x1x1xf32>

// ReduceMean at opset 18 takes the axes input.
// RUN: %python %S/op_models.py reducemean_opset18 %t.reducemean_opset18.onnx && tessera-compile %t.reducemean_opset18.onnx --emit=imported | FileCheck %s --check-prefix=NN-RMEAN18
// NN-RMEAN18-LABEL: func.func @main(
// NN-RMEAN18-SAME: %[[X:.*]]: tensor<2x3x4xf32> {tessera.name = "x"}) -> (tensor<2x4xf32> {tessera.name = "y"}) {
// NN-RMEAN18-NEXT: %[[REDUCE_MEAN:.*]] = tessera.reduce_mean %[[X]] axes = [1] : (tensor<2x3x4xf32>) -> tensor<2x4xf32>
// NN-RMEAN18-NEXT: return %[[REDUCE_MEAN]] : tensor<2x4xf32>

// ReduceMax with axes input [-2]; ReduceMin of every axis, keepdims 0.
// RUN: %python %S/op_models.py reducemax_min %t.reducemax_min.onnx && tessera-compile %t.reducemax_min.onnx --emit=imported | FileCheck %s --check-prefix=NN-RMAXMIN
// NN-RMAXMIN-LABEL: func.func @main(
// NN-RMAXMIN-SAME: %[[X:.*]]: tensor<2x3x4xf32> {tessera.name = "x"}) -> (tensor<2x1x4xf32> {tessera.name = "max"}, tensor<f32> {tessera.name = "min"}) {
// NN-RMAXMIN-NEXT: %[[REDUCE_MAX:.*]] = tessera.reduce_max %[[X]] axes = [1] keepdims : (tensor<2x3x4xf32>) -> tensor<2x1x4xf32>
// NN-RMAXMIN-NEXT: %[[REDUCE_MIN:.*]] = tessera.reduce_min %[[X]] axes = [0, 1, 2] : (tensor<2x3x4xf32>) -> tensor<f32>
// NN-RMAXMIN-NEXT: return %[[REDUCE_MAX]], %[[REDUCE_MIN]] : tensor<2x1x4xf32>, tensor<f32>

// Flatten at axis 2, 0, -1 (= 3) and the default 1 of [2,3,4,5].
// RUN: %python %S/op_models.py flatten %t.flatten.onnx && tessera-compile %t.flatten.onnx --emit=imported | FileCheck %s --check-prefix=NN-FLAT
// NN-FLAT-LABEL: func.func @main(
// NN-FLAT-SAME: %[[X:.*]]: tensor<2x3x4x5xf32> {tessera.name = "x"}) -> (tensor<6x20xf32> {tessera.name = "f2"}, tensor<1x120xf32> {tessera.name = "f0"}, tensor<24x5xf32> {tessera.name = "fneg"}, tensor<2x60xf32> {tessera.name = "fdefault"}) {
// NN-FLAT-NEXT: %[[RESHAPE:.*]] = tessera.reshape %[[X]] : (tensor<2x3x4x5xf32>) -> tensor<6x20xf32>
// NN-FLAT-NEXT: %[[RESHAPE2:.*]] = tessera.reshape %[[X]] : (tensor<2x3x4x5xf32>) -> tensor<1x120xf32>
// NN-FLAT-NEXT: %[[RESHAPE3:.*]] = tessera.reshape %[[X]] : (tensor<2x3x4x5xf32>) -> tensor<24x5xf32>
// NN-FLAT-NEXT: %[[RESHAPE4:.*]] = tessera.reshape %[[X]] : (tensor<2x3x4x5xf32>) -> tensor<2x60xf32>
// NN-FLAT-NEXT: return %[[RESHAPE]], %[[RESHAPE2]], %[[RESHAPE3]], %[[RESHAPE4]] : tensor<6x20xf32>, tensor<1x120xf32>, tensor<24x5xf32>, tensor<2x60xf32>
