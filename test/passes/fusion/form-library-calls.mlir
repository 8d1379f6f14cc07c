// RUN: tessera-opt %s --tessera-form-library-calls -split-input-file | FileCheck %s

// The tessera-form-library-calls pass (passes/fusion/FormLibraryCalls.cpp):
// f32 matmuls, convolutions and poolings become texec library calls on
// tensors, with what follows them folded in:
//  - matmul: a transpose of the last two dimensions of either operand
//    becomes transpose_lhs / transpose_rhs; an add of a vector along the
//    last dimension (possibly with unit dimensions, reshaped to a vector)
//    the bias, then an add of a tensor of the result's shape the residual;
//    a following relu, gelu (erf or tanh), sigmoid or silu the activation;
//  - conv2d: its own bias or a per-channel add, a residual add and an
//    activation;
//  - max and average pooling, with ceil-mode rounding turned into extra
//    high padding.
// And what it must leave: an epilogue op whose input has other users (it
// stays and reads the call), adds that broadcast the result to a larger
// shape or add a column, a bias after a residual, other transposes, non-f32
// types, and average pooling that counts padding when ceil mode adds some.

// CHECK-LABEL: func.func @matmul_plain
// CHECK-SAME: (%[[X:[^:]*]]: tensor<8x16xf32>, %[[W:[^:]*]]: tensor<16x32xf32>)
// CHECK-NEXT: %[[Y:.*]] = texec.matmul %[[X]], %[[W]] : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32>
// CHECK-NEXT: return %[[Y]]
func.func @matmul_plain(%x: tensor<8x16xf32>, %w: tensor<16x32xf32>) -> tensor<8x32xf32> {
  %m = tessera.matmul %x, %w : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32>
  return %m : tensor<8x32xf32>
}

// -----

// Everything at once, as in a transformer's MLP: the weight stored
// transposed, a bias, a residual (here on the left of its add) and a tanh
// gelu; the transpose and the adds disappear.
// CHECK-LABEL: func.func @matmul_full_epilogue
// CHECK-SAME: (%[[X:[^:]*]]: tensor<8x16xf32>, %[[W:[^:]*]]: tensor<32x16xf32>, %[[B:[^:]*]]: tensor<32xf32>, %[[R:[^:]*]]: tensor<8x32xf32>)
// CHECK-NEXT: %[[Y:.*]] = texec.matmul %[[X]], %[[W]] transpose_rhs bias %[[B]] residual %[[R]] activation gelu_tanh : (tensor<8x16xf32>, tensor<32x16xf32>, tensor<32xf32>, tensor<8x32xf32>) -> tensor<8x32xf32>
// CHECK-NEXT: return %[[Y]]
func.func @matmul_full_epilogue(%x: tensor<8x16xf32>, %w: tensor<32x16xf32>, %b: tensor<32xf32>, %r: tensor<8x32xf32>) -> tensor<8x32xf32> {
  %t = tessera.transpose %w permutation = [1, 0] : (tensor<32x16xf32>) -> tensor<16x32xf32>
  %m = tessera.matmul %x, %t : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32>
  %a = tessera.add %m, %b : (tensor<8x32xf32>, tensor<32xf32>) -> tensor<8x32xf32>
  %a2 = tessera.add %r, %a : (tensor<8x32xf32>, tensor<8x32xf32>) -> tensor<8x32xf32>
  %y = tessera.gelu %a2 approximate = tanh : tensor<8x32xf32>
  return %y : tensor<8x32xf32>
}

// -----

// A batched lhs transposed in its last two dimensions; a 1x32 bias on the
// left of the add is reshaped to the vector the library wants; sigmoid.
// CHECK-LABEL: func.func @matmul_transpose_lhs
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x16x8xf32>, %[[W:[^:]*]]: tensor<16x32xf32>, %[[B:[^:]*]]: tensor<1x32xf32>)
// CHECK-NEXT: %[[BV:.*]] = tessera.reshape %[[B]] : (tensor<1x32xf32>) -> tensor<32xf32>
// CHECK-NEXT: %[[Y:.*]] = texec.matmul %[[X]], %[[W]] transpose_lhs bias %[[BV]] activation sigmoid : (tensor<2x16x8xf32>, tensor<16x32xf32>, tensor<32xf32>) -> tensor<2x8x32xf32>
// CHECK-NEXT: return %[[Y]]
func.func @matmul_transpose_lhs(%x: tensor<2x16x8xf32>, %w: tensor<16x32xf32>, %b: tensor<1x32xf32>) -> tensor<2x8x32xf32> {
  %t = tessera.transpose %x permutation = [0, 2, 1] : (tensor<2x16x8xf32>) -> tensor<2x8x16xf32>
  %m = tessera.matmul %t, %w : (tensor<2x8x16xf32>, tensor<16x32xf32>) -> tensor<2x8x32xf32>
  %a = tessera.add %b, %m : (tensor<1x32xf32>, tensor<2x8x32xf32>) -> tensor<2x8x32xf32>
  %y = tessera.sigmoid %a : tensor<2x8x32xf32>
  return %y : tensor<2x8x32xf32>
}

// -----

// An activation straight after the product: relu, erf gelu, silu; an
// activation the library does not have (tanh) stays.
// CHECK-LABEL: func.func @matmul_activations
// CHECK-SAME: (%[[X:[^:]*]]: tensor<8x16xf32>, %[[W:[^:]*]]: tensor<16x32xf32>)
// CHECK-NEXT: %[[Y0:.*]] = texec.matmul %[[X]], %[[W]] activation relu : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32>
// CHECK-NEXT: %[[Y1:.*]] = texec.matmul %[[X]], %[[W]] activation gelu_erf : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32>
// CHECK-NEXT: %[[Y2:.*]] = texec.matmul %[[X]], %[[W]] activation silu : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32>
// CHECK-NEXT: %[[M3:.*]] = texec.matmul %[[X]], %[[W]] : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32>
// CHECK-NEXT: %[[Y3:.*]] = tessera.tanh %[[M3]] : tensor<8x32xf32>
// CHECK-NEXT: return %[[Y0]], %[[Y1]], %[[Y2]], %[[Y3]]
func.func @matmul_activations(%x: tensor<8x16xf32>, %w: tensor<16x32xf32>) -> (tensor<8x32xf32>, tensor<8x32xf32>, tensor<8x32xf32>, tensor<8x32xf32>) {
  %m0 = tessera.matmul %x, %w : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32>
  %y0 = tessera.relu %m0 : tensor<8x32xf32>
  %m1 = tessera.matmul %x, %w : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32>
  %y1 = tessera.gelu %m1 : tensor<8x32xf32>
  %m2 = tessera.matmul %x, %w : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32>
  %y2 = tessera.silu %m2 : tensor<8x32xf32>
  %m3 = tessera.matmul %x, %w : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32>
  %y3 = tessera.tanh %m3 : tensor<8x32xf32>
  return %y0, %y1, %y2, %y3 : tensor<8x32xf32>, tensor<8x32xf32>, tensor<8x32xf32>, tensor<8x32xf32>
}

// -----

// The library adds the bias before the residual: a bias add after the
// residual add is not folded, and neither is the relu behind it.
// CHECK-LABEL: func.func @matmul_residual_then_bias
// CHECK-SAME: (%[[X:[^:]*]]: tensor<8x16xf32>, %[[W:[^:]*]]: tensor<16x32xf32>, %[[R:[^:]*]]: tensor<8x32xf32>, %[[B:[^:]*]]: tensor<32xf32>)
// CHECK-NEXT: %[[M:.*]] = texec.matmul %[[X]], %[[W]] residual %[[R]] : (tensor<8x16xf32>, tensor<16x32xf32>, tensor<8x32xf32>) -> tensor<8x32xf32>
// CHECK-NEXT: %[[A:.*]] = tessera.add %[[M]], %[[B]] : (tensor<8x32xf32>, tensor<32xf32>) -> tensor<8x32xf32>
// CHECK-NEXT: %[[Y:.*]] = tessera.relu %[[A]] : tensor<8x32xf32>
// CHECK-NEXT: return %[[Y]]
func.func @matmul_residual_then_bias(%x: tensor<8x16xf32>, %w: tensor<16x32xf32>, %r: tensor<8x32xf32>, %b: tensor<32xf32>) -> tensor<8x32xf32> {
  %m = tessera.matmul %x, %w : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32>
  %a = tessera.add %m, %r : (tensor<8x32xf32>, tensor<8x32xf32>) -> tensor<8x32xf32>
  %a2 = tessera.add %a, %b : (tensor<8x32xf32>, tensor<32xf32>) -> tensor<8x32xf32>
  %y = tessera.relu %a2 : tensor<8x32xf32>
  return %y : tensor<8x32xf32>
}

// -----

// The biased value is also returned: the bias is folded (the call computes
// exactly that value) but the relu is not, it reads the call.
// CHECK-LABEL: func.func @matmul_epilogue_shared
// CHECK-SAME: (%[[X:[^:]*]]: tensor<8x16xf32>, %[[W:[^:]*]]: tensor<16x32xf32>, %[[B:[^:]*]]: tensor<32xf32>)
// CHECK-NEXT: %[[M:.*]] = texec.matmul %[[X]], %[[W]] bias %[[B]] : (tensor<8x16xf32>, tensor<16x32xf32>, tensor<32xf32>) -> tensor<8x32xf32>
// CHECK-NEXT: %[[Y:.*]] = tessera.relu %[[M]] : tensor<8x32xf32>
// CHECK-NEXT: return %[[Y]], %[[M]]
func.func @matmul_epilogue_shared(%x: tensor<8x16xf32>, %w: tensor<16x32xf32>, %b: tensor<32xf32>) -> (tensor<8x32xf32>, tensor<8x32xf32>) {
  %m = tessera.matmul %x, %w : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32>
  %a = tessera.add %m, %b : (tensor<8x32xf32>, tensor<32xf32>) -> tensor<8x32xf32>
  %y = tessera.relu %a : tensor<8x32xf32>
  return %y, %a : tensor<8x32xf32>, tensor<8x32xf32>
}

// -----

// The product itself has another user: nothing is folded.
// CHECK-LABEL: func.func @matmul_result_shared
// CHECK-SAME: (%[[X:[^:]*]]: tensor<8x16xf32>, %[[W:[^:]*]]: tensor<16x32xf32>, %[[B:[^:]*]]: tensor<32xf32>)
// CHECK-NEXT: %[[M:.*]] = texec.matmul %[[X]], %[[W]] : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32>
// CHECK-NEXT: %[[A:.*]] = tessera.add %[[M]], %[[B]] : (tensor<8x32xf32>, tensor<32xf32>) -> tensor<8x32xf32>
// CHECK-NEXT: return %[[A]], %[[M]]
func.func @matmul_result_shared(%x: tensor<8x16xf32>, %w: tensor<16x32xf32>, %b: tensor<32xf32>) -> (tensor<8x32xf32>, tensor<8x32xf32>) {
  %m = tessera.matmul %x, %w : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32>
  %a = tessera.add %m, %b : (tensor<8x32xf32>, tensor<32xf32>) -> tensor<8x32xf32>
  return %a, %m : tensor<8x32xf32>, tensor<8x32xf32>
}

// -----

// m + m reads the product twice: not a residual.
// CHECK-LABEL: func.func @matmul_add_self
// CHECK-SAME: (%[[X:[^:]*]]: tensor<8x8xf32>)
// CHECK-NEXT: %[[M:.*]] = texec.matmul %[[X]], %[[X]] : (tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
// CHECK-NEXT: %[[A:.*]] = tessera.add %[[M]], %[[M]]
// CHECK-NEXT: return %[[A]]
func.func @matmul_add_self(%x: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %m = tessera.matmul %x, %x : (tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
  %a = tessera.add %m, %m : (tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
  return %a : tensor<8x8xf32>
}

// -----

// An add that broadcasts the product to a larger shape, and an add of a
// column (one value per row, not per output feature), are neither bias nor
// residual.
// CHECK-LABEL: func.func @matmul_adds_not_fused
// CHECK-SAME: (%[[X:[^:]*]]: tensor<8x16xf32>, %[[W:[^:]*]]: tensor<16x32xf32>, %[[BIG:[^:]*]]: tensor<4x1x32xf32>, %[[COL:[^:]*]]: tensor<8x1xf32>)
// CHECK-NEXT: %[[M:.*]] = texec.matmul %[[X]], %[[W]] : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32>
// CHECK-NEXT: %[[A:.*]] = tessera.add %[[M]], %[[BIG]] : (tensor<8x32xf32>, tensor<4x1x32xf32>) -> tensor<4x8x32xf32>
// CHECK-NEXT: %[[M2:.*]] = texec.matmul %[[X]], %[[W]] : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32>
// CHECK-NEXT: %[[A2:.*]] = tessera.add %[[M2]], %[[COL]] : (tensor<8x32xf32>, tensor<8x1xf32>) -> tensor<8x32xf32>
// CHECK-NEXT: return %[[A]], %[[A2]]
func.func @matmul_adds_not_fused(%x: tensor<8x16xf32>, %w: tensor<16x32xf32>, %big: tensor<4x1x32xf32>, %col: tensor<8x1xf32>) -> (tensor<4x8x32xf32>, tensor<8x32xf32>) {
  %m = tessera.matmul %x, %w : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32>
  %a = tessera.add %m, %big : (tensor<8x32xf32>, tensor<4x1x32xf32>) -> tensor<4x8x32xf32>
  %m2 = tessera.matmul %x, %w : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32>
  %a2 = tessera.add %m2, %col : (tensor<8x32xf32>, tensor<8x1xf32>) -> tensor<8x32xf32>
  return %a, %a2 : tensor<4x8x32xf32>, tensor<8x32xf32>
}

// -----

// f16 is left for tessera-to-linalg, epilogue included.
// CHECK-LABEL: func.func @matmul_f16
// CHECK-SAME: (%[[X:[^:]*]]: tensor<8x16xf16>, %[[W:[^:]*]]: tensor<16x32xf16>, %[[B:[^:]*]]: tensor<32xf16>)
// CHECK-NEXT: %[[M:.*]] = tessera.matmul %[[X]], %[[W]] : (tensor<8x16xf16>, tensor<16x32xf16>) -> tensor<8x32xf16>
// CHECK-NEXT: %[[A:.*]] = tessera.add %[[M]], %[[B]]
// CHECK-NEXT: %[[Y:.*]] = tessera.relu %[[A]]
// CHECK-NEXT: return %[[Y]]
// CHECK-NOT: texec
func.func @matmul_f16(%x: tensor<8x16xf16>, %w: tensor<16x32xf16>, %b: tensor<32xf16>) -> tensor<8x32xf16> {
  %m = tessera.matmul %x, %w : (tensor<8x16xf16>, tensor<16x32xf16>) -> tensor<8x32xf16>
  %a = tessera.add %m, %b : (tensor<8x32xf16>, tensor<32xf16>) -> tensor<8x32xf16>
  %y = tessera.relu %a : tensor<8x32xf16>
  return %y : tensor<8x32xf16>
}

// -----

// A transpose that moves a batch dimension is not a flag (here it is the
// residual); a transpose with another user still becomes a flag, and stays
// for that user.
// CHECK-LABEL: func.func @matmul_transposes_kept
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4x8x16xf32>, %[[W:[^:]*]]: tensor<8x4x32xf32>, %[[V:[^:]*]]: tensor<16x8xf32>)
// CHECK-DAG: %[[C:.*]] = tessera.constant dense<1.000000e+00> : tensor<4x16x32xf32>
// CHECK-DAG: %[[T:.*]] = tessera.transpose %[[W]] permutation = [1, 0, 2]
// CHECK: %[[M:.*]] = texec.matmul %[[X]], %[[C]] residual %[[T]] : (tensor<4x8x16xf32>, tensor<4x16x32xf32>, tensor<4x8x32xf32>) -> tensor<4x8x32xf32>
// CHECK-NEXT: %[[VT:.*]] = tessera.transpose %[[V]] permutation = [1, 0]
// CHECK-NEXT: %[[M2:.*]] = texec.matmul %[[V]], %[[V]] transpose_lhs : (tensor<16x8xf32>, tensor<16x8xf32>) -> tensor<8x8xf32>
// CHECK-NEXT: return %[[M]], %[[M2]], %[[VT]]
func.func @matmul_transposes_kept(%x: tensor<4x8x16xf32>, %w: tensor<8x4x32xf32>, %v: tensor<16x8xf32>) -> (tensor<4x8x32xf32>, tensor<8x8xf32>, tensor<8x16xf32>) {
  %t = tessera.transpose %w permutation = [1, 0, 2] : (tensor<8x4x32xf32>) -> tensor<4x8x32xf32>
  %w2 = tessera.constant dense<1.0> : tensor<4x16x32xf32>
  %m = tessera.matmul %x, %w2 : (tensor<4x8x16xf32>, tensor<4x16x32xf32>) -> tensor<4x8x32xf32>
  %s = tessera.add %m, %t : (tensor<4x8x32xf32>, tensor<4x8x32xf32>) -> tensor<4x8x32xf32>
  %vt = tessera.transpose %v permutation = [1, 0] : (tensor<16x8xf32>) -> tensor<8x16xf32>
  %m2 = tessera.matmul %vt, %v : (tensor<8x16xf32>, tensor<16x8xf32>) -> tensor<8x8xf32>
  return %s, %m2, %vt : tensor<4x8x32xf32>, tensor<8x8xf32>, tensor<8x16xf32>
}

// -----

// A convolution with its own bias, a residual and a relu; the attributes
// are carried over.
// CHECK-LABEL: func.func @conv_bias_residual_relu
// CHECK-SAME: (%[[X:[^:]*]]: tensor<1x2x5x5xf32>, %[[W:[^:]*]]: tensor<4x2x3x3xf32>, %[[B:[^:]*]]: tensor<4xf32>, %[[R:[^:]*]]: tensor<1x4x3x1xf32>)
// CHECK-NEXT: %[[Y:.*]] = texec.conv2d %[[X]], %[[W]] bias %[[B]] residual %[[R]] strides = [2, 1] padding = [1, 0, 1, 0] dilations = [1, 2] groups = 1 activation relu : (tensor<1x2x5x5xf32>, tensor<4x2x3x3xf32>, tensor<4xf32>, tensor<1x4x3x1xf32>) -> tensor<1x4x3x1xf32>
// CHECK-NEXT: return %[[Y]]
func.func @conv_bias_residual_relu(%x: tensor<1x2x5x5xf32>, %w: tensor<4x2x3x3xf32>, %b: tensor<4xf32>, %r: tensor<1x4x3x1xf32>) -> tensor<1x4x3x1xf32> {
  %c = tessera.conv2d %x, %w, %b strides = [2, 1] padding = [1, 0, 1, 0] dilations = [1, 2] groups = 1 : (tensor<1x2x5x5xf32>, tensor<4x2x3x3xf32>, tensor<4xf32>) -> tensor<1x4x3x1xf32>
  %a = tessera.add %r, %c : (tensor<1x4x3x1xf32>, tensor<1x4x3x1xf32>) -> tensor<1x4x3x1xf32>
  %y = tessera.relu %a : tensor<1x4x3x1xf32>
  return %y : tensor<1x4x3x1xf32>
}

// -----

// Without a bias operand, an add of one value per channel (4x1x1) is the
// bias, reshaped to a vector; the silu is folded too.
// CHECK-LABEL: func.func @conv_channel_add
// CHECK-SAME: (%[[X:[^:]*]]: tensor<1x2x5x5xf32>, %[[W:[^:]*]]: tensor<4x2x3x3xf32>, %[[B:[^:]*]]: tensor<4x1x1xf32>)
// CHECK-NEXT: %[[BV:.*]] = tessera.reshape %[[B]] : (tensor<4x1x1xf32>) -> tensor<4xf32>
// CHECK-NEXT: %[[Y:.*]] = texec.conv2d %[[X]], %[[W]] bias %[[BV]] strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 activation silu : (tensor<1x2x5x5xf32>, tensor<4x2x3x3xf32>, tensor<4xf32>) -> tensor<1x4x3x3xf32>
// CHECK-NEXT: return %[[Y]]
func.func @conv_channel_add(%x: tensor<1x2x5x5xf32>, %w: tensor<4x2x3x3xf32>, %b: tensor<4x1x1xf32>) -> tensor<1x4x3x3xf32> {
  %c = tessera.conv2d %x, %w strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x2x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x3x3xf32>
  %a = tessera.add %c, %b : (tensor<1x4x3x3xf32>, tensor<4x1x1xf32>) -> tensor<1x4x3x3xf32>
  %y = tessera.silu %a : tensor<1x4x3x3xf32>
  return %y : tensor<1x4x3x3xf32>
}

// -----

// A convolution that has a bias takes no second one: the per-channel add
// stays. A per-row vector (the last dimension, as for matmul) is not a
// channel bias either.
// CHECK-LABEL: func.func @conv_adds_not_fused
// CHECK-SAME: (%[[X:[^:]*]]: tensor<1x2x5x5xf32>, %[[W:[^:]*]]: tensor<4x2x3x3xf32>, %[[B:[^:]*]]: tensor<4xf32>, %[[B2:[^:]*]]: tensor<1x4x1x1xf32>, %[[ROW:[^:]*]]: tensor<3xf32>)
// CHECK-NEXT: %[[C:.*]] = texec.conv2d %[[X]], %[[W]] bias %[[B]] strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x2x5x5xf32>, tensor<4x2x3x3xf32>, tensor<4xf32>) -> tensor<1x4x3x3xf32>
// CHECK-NEXT: %[[A:.*]] = tessera.add %[[C]], %[[B2]]
// CHECK-NEXT: %[[C2:.*]] = texec.conv2d %[[X]], %[[W]] strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x2x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x3x3xf32>
// CHECK-NEXT: %[[A2:.*]] = tessera.add %[[C2]], %[[ROW]]
// CHECK-NEXT: return %[[A]], %[[A2]]
func.func @conv_adds_not_fused(%x: tensor<1x2x5x5xf32>, %w: tensor<4x2x3x3xf32>, %b: tensor<4xf32>, %b2: tensor<1x4x1x1xf32>, %row: tensor<3xf32>) -> (tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>) {
  %c = tessera.conv2d %x, %w, %b strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x2x5x5xf32>, tensor<4x2x3x3xf32>, tensor<4xf32>) -> tensor<1x4x3x3xf32>
  %a = tessera.add %c, %b2 : (tensor<1x4x3x3xf32>, tensor<1x4x1x1xf32>) -> tensor<1x4x3x3xf32>
  %c2 = tessera.conv2d %x, %w strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x2x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x3x3xf32>
  %a2 = tessera.add %c2, %row : (tensor<1x4x3x3xf32>, tensor<3xf32>) -> tensor<1x4x3x3xf32>
  return %a, %a2 : tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>
}

// -----

// CHECK-LABEL: func.func @conv_f16
// CHECK-NEXT: %[[C:.*]] = tessera.conv2d
// CHECK-NEXT: %[[Y:.*]] = tessera.relu %[[C]] : tensor<1x4x3x3xf16>
// CHECK-NEXT: return %[[Y]]
func.func @conv_f16(%x: tensor<1x2x5x5xf16>, %w: tensor<4x2x3x3xf16>) -> tensor<1x4x3x3xf16> {
  %c = tessera.conv2d %x, %w strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x2x5x5xf16>, tensor<4x2x3x3xf16>) -> tensor<1x4x3x3xf16>
  %y = tessera.relu %c : tensor<1x4x3x3xf16>
  return %y : tensor<1x4x3x3xf16>
}

// -----

// Pooling: floor mode as is; ceil mode's extra output row and column
// become high padding so that the floor formula gives them:
//  - max, 5 with kernel 2, stride 2: 3 outputs need (3 - 1) * 2 + 2 = 6
//    positions, one more at the end;
//  - average without count_include_pad, 5 + 1 low with kernel 3, stride 2:
//    3 outputs need 7 positions, one more (never counted);
//  - average counting padding where ceil mode adds nothing (5 + 1 + 1 with
//    kernel 3, stride 2 already gives 3): formed with count_include_pad.
// CHECK-LABEL: func.func @pools
// CHECK-SAME: (%[[X:[^:]*]]: tensor<1x2x5x5xf32>)
// CHECK-NEXT: %[[P0:.*]] = texec.pool2d max %[[X]] kernel = [2, 2] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x2x5x5xf32>) -> tensor<1x2x2x2xf32>
// CHECK-NEXT: %[[P1:.*]] = texec.pool2d max %[[X]] kernel = [2, 2] strides = [2, 2] padding = [0, 0, 1, 1] dilations = [1, 1] : (tensor<1x2x5x5xf32>) -> tensor<1x2x3x3xf32>
// CHECK-NEXT: %[[P2:.*]] = texec.pool2d average %[[X]] kernel = [3, 3] strides = [2, 2] padding = [1, 1, 1, 1] dilations = [1, 1] : (tensor<1x2x5x5xf32>) -> tensor<1x2x3x3xf32>
// CHECK-NEXT: %[[P3:.*]] = texec.pool2d average %[[X]] kernel = [3, 3] strides = [2, 2] padding = [1, 1, 1, 1] dilations = [1, 1] count_include_pad : (tensor<1x2x5x5xf32>) -> tensor<1x2x3x3xf32>
// CHECK-NEXT: return %[[P0]], %[[P1]], %[[P2]], %[[P3]]
func.func @pools(%x: tensor<1x2x5x5xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) {
  %0 = tessera.max_pool2d %x kernel = [2, 2] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x2x5x5xf32>) -> tensor<1x2x2x2xf32>
  %1 = tessera.max_pool2d %x kernel = [2, 2] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] ceil_mode : (tensor<1x2x5x5xf32>) -> tensor<1x2x3x3xf32>
  %2 = tessera.avg_pool2d %x kernel = [3, 3] strides = [2, 2] padding = [1, 1, 0, 0] dilations = [1, 1] ceil_mode : (tensor<1x2x5x5xf32>) -> tensor<1x2x3x3xf32>
  %3 = tessera.avg_pool2d %x kernel = [3, 3] strides = [2, 2] padding = [1, 1, 1, 1] dilations = [1, 1] ceil_mode count_include_pad : (tensor<1x2x5x5xf32>) -> tensor<1x2x3x3xf32>
  return %0, %1, %2, %3 : tensor<1x2x2x2xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>
}

// -----

// Average pooling that counts padding, where ceil mode adds some: the
// library would count the added padding too, so it stays for code
// generation; so does an integer max pool.
// CHECK-LABEL: func.func @pools_not_formed
// CHECK-SAME: (%[[X:[^:]*]]: tensor<1x2x5x5xf32>, %[[I:[^:]*]]: tensor<1x2x5x5xi8>)
// CHECK-NEXT: %[[P0:.*]] = tessera.avg_pool2d %[[X]] kernel = [2, 2] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] ceil_mode count_include_pad
// CHECK-NEXT: %[[P1:.*]] = tessera.max_pool2d %[[I]] kernel = [2, 2] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] ceil_mode
// CHECK-NEXT: return %[[P0]], %[[P1]]
func.func @pools_not_formed(%x: tensor<1x2x5x5xf32>, %i: tensor<1x2x5x5xi8>) -> (tensor<1x2x3x3xf32>, tensor<1x2x3x3xi8>) {
  %0 = tessera.avg_pool2d %x kernel = [2, 2] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] ceil_mode count_include_pad : (tensor<1x2x5x5xf32>) -> tensor<1x2x3x3xf32>
  %1 = tessera.max_pool2d %i kernel = [2, 2] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] ceil_mode : (tensor<1x2x5x5xi8>) -> tensor<1x2x3x3xi8>
  return %0, %1 : tensor<1x2x3x3xf32>, tensor<1x2x3x3xi8>
}
