// RUN: tessera-opt %s --tessera-form-library-calls=target=cuda -split-input-file | FileCheck %s
// RUN: not tessera-opt %s --tessera-form-library-calls=target=tpu -split-input-file 2>&1 | FileCheck %s --check-prefix=TARGET

// tessera-form-library-calls for the cuda target (cuBLASLt): matmuls with
// the epilogues cuBLASLt has (bias, residual as C with beta = 1, relu, tanh
// gelu); sigmoid, silu and erf gelu stay ops of their own (kernels later);
// convolutions and pooling are not library calls.

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

// relu fuses; erf gelu, sigmoid and silu stay after the call (with its bias).
// CHECK-LABEL: func.func @matmul_activations
// CHECK-SAME: (%[[X:[^:]*]]: tensor<8x16xf32>, %[[W:[^:]*]]: tensor<16x32xf32>, %[[B:[^:]*]]: tensor<32xf32>)
// CHECK-NEXT: %[[Y0:.*]] = texec.matmul %[[X]], %[[W]] activation relu :
// CHECK-NEXT: %[[M1:.*]] = texec.matmul %[[X]], %[[W]] bias %[[B]] :
// CHECK-NEXT: %[[Y1:.*]] = tessera.gelu %[[M1]] : tensor<8x32xf32>
// CHECK-NEXT: %[[M2:.*]] = texec.matmul %[[X]], %[[W]] :
// CHECK-NEXT: %[[Y2:.*]] = tessera.sigmoid %[[M2]] : tensor<8x32xf32>
// CHECK-NEXT: %[[M3:.*]] = texec.matmul %[[X]], %[[W]] :
// CHECK-NEXT: %[[Y3:.*]] = tessera.silu %[[M3]] : tensor<8x32xf32>
// CHECK-NEXT: return %[[Y0]], %[[Y1]], %[[Y2]], %[[Y3]]
func.func @matmul_activations(%x: tensor<8x16xf32>, %w: tensor<16x32xf32>, %b: tensor<32xf32>) -> (tensor<8x32xf32>, tensor<8x32xf32>, tensor<8x32xf32>, tensor<8x32xf32>) {
  %m0 = tessera.matmul %x, %w : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32>
  %y0 = tessera.relu %m0 : tensor<8x32xf32>
  %m1 = tessera.matmul %x, %w : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32>
  %a1 = tessera.add %m1, %b : (tensor<8x32xf32>, tensor<32xf32>) -> tensor<8x32xf32>
  %y1 = tessera.gelu %a1 : tensor<8x32xf32>
  %m2 = tessera.matmul %x, %w : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32>
  %y2 = tessera.sigmoid %m2 : tensor<8x32xf32>
  %m3 = tessera.matmul %x, %w : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32>
  %y3 = tessera.silu %m3 : tensor<8x32xf32>
  return %y0, %y1, %y2, %y3 : tensor<8x32xf32>, tensor<8x32xf32>, tensor<8x32xf32>, tensor<8x32xf32>
}

// -----

// Convolutions and pooling stay for code generation; so do non-f32
// matmuls, as on the cpu target.
// CHECK-LABEL: func.func @not_library_calls
// CHECK-NEXT: tessera.conv2d
// CHECK-NEXT: tessera.relu
// CHECK-NEXT: tessera.max_pool2d
// CHECK-NEXT: tessera.avg_pool2d
// CHECK-NEXT: tessera.matmul
// CHECK-NOT: texec.
func.func @not_library_calls(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %a: tensor<4x8xf16>, %b: tensor<8x4xf16>) -> (tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>, tensor<4x4xf16>) {
  %c = tessera.conv2d %x, %w strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  %r = tessera.relu %c : tensor<1x4x6x6xf32>
  %p = tessera.max_pool2d %r kernel = [2, 2] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x4x6x6xf32>) -> tensor<1x4x3x3xf32>
  %q = tessera.avg_pool2d %r kernel = [2, 2] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x4x6x6xf32>) -> tensor<1x4x3x3xf32>
  %m = tessera.matmul %a, %b : (tensor<4x8xf16>, tensor<8x4xf16>) -> tensor<4x4xf16>
  return %p, %q, %m : tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>, tensor<4x4xf16>
}

// TARGET: error: tessera-form-library-calls: unknown target 'tpu' (expected cpu or cuda)
