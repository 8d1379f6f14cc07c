// RUN: tessera-opt %s --tessera-recognize-activations -split-input-file | FileCheck %s

// The tessera-recognize-activations pass (passes/graph/RecognizeActivations.cpp)
// turns GELU and SiLU written out as arithmetic, the way exporters write
// them, back into tessera.gelu and tessera.silu, and leaves alone every chain
// that differs from the formula or whose intermediate values are used
// elsewhere.

// BERT's GELU: x * 0.5 * (1 + erf(x / sqrt(2))), the division by sqrt(2).
// CHECK-LABEL: func.func @gelu_erf_div
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x8xf32>)
// CHECK-NEXT: %[[Y:.*]] = tessera.gelu %[[X]] : tensor<2x8xf32>
// CHECK-NEXT: return %[[Y]]
func.func @gelu_erf_div(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %sqrt2 = tessera.constant dense<1.41421354> : tensor<f32>
  %one = tessera.constant dense<1.0> : tensor<f32>
  %half = tessera.constant dense<0.5> : tensor<f32>
  %d = tessera.div %x, %sqrt2 : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  %e = tessera.erf %d : tensor<2x8xf32>
  %a = tessera.add %e, %one : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  %m = tessera.mul %x, %a : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %y = tessera.mul %m, %half : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

// PyTorch's GELU: (0.5 * x) * (1 + erf(x * (1/sqrt(2)))), factors in
// another order and the constants on the left.
// CHECK-LABEL: func.func @gelu_erf_mul
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4xf32>)
// CHECK-NEXT: %[[Y:.*]] = tessera.gelu %[[X]] : tensor<4xf32>
// CHECK-NEXT: return %[[Y]]
func.func @gelu_erf_mul(%x: tensor<4xf32>) -> tensor<4xf32> {
  %rsqrt2 = tessera.constant dense<0.707106769> : tensor<f32>
  %one = tessera.constant dense<1.0> : tensor<f32>
  %half = tessera.constant dense<0.5> : tensor<f32>
  %hx = tessera.mul %half, %x : (tensor<f32>, tensor<4xf32>) -> tensor<4xf32>
  %d = tessera.mul %rsqrt2, %x : (tensor<f32>, tensor<4xf32>) -> tensor<4xf32>
  %e = tessera.erf %d : tensor<4xf32>
  %a = tessera.add %one, %e : (tensor<f32>, tensor<4xf32>) -> tensor<4xf32>
  %y = tessera.mul %a, %hx : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// GPT-2's gelu_new: 0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x^3))),
// with x^3 as pow(x, 3).
// CHECK-LABEL: func.func @gelu_tanh_pow
// CHECK-SAME: (%[[X:[^:]*]]: tensor<1x16x256xf32>)
// CHECK-NEXT: %[[Y:.*]] = tessera.gelu %[[X]] approximate = tanh : tensor<1x16x256xf32>
// CHECK-NEXT: return %[[Y]]
func.func @gelu_tanh_pow(%x: tensor<1x16x256xf32>) -> tensor<1x16x256xf32> {
  %half = tessera.constant dense<5.000000e-01> : tensor<f32>
  %three = tessera.constant dense<3.000000e+00> : tensor<f32>
  %c = tessera.constant dense<4.471500e-02> : tensor<f32>
  %k = tessera.constant dense<0.797884583> : tensor<f32>
  %one = tessera.constant dense<1.000000e+00> : tensor<f32>
  %hx = tessera.mul %x, %half : (tensor<1x16x256xf32>, tensor<f32>) -> tensor<1x16x256xf32>
  %cube = tessera.pow %x, %three : (tensor<1x16x256xf32>, tensor<f32>) -> tensor<1x16x256xf32>
  %ccube = tessera.mul %cube, %c : (tensor<1x16x256xf32>, tensor<f32>) -> tensor<1x16x256xf32>
  %inner = tessera.add %x, %ccube : (tensor<1x16x256xf32>, tensor<1x16x256xf32>) -> tensor<1x16x256xf32>
  %arg = tessera.mul %inner, %k : (tensor<1x16x256xf32>, tensor<f32>) -> tensor<1x16x256xf32>
  %t = tessera.tanh %arg : tensor<1x16x256xf32>
  %a = tessera.add %t, %one : (tensor<1x16x256xf32>, tensor<f32>) -> tensor<1x16x256xf32>
  %y = tessera.mul %hx, %a : (tensor<1x16x256xf32>, tensor<1x16x256xf32>) -> tensor<1x16x256xf32>
  return %y : tensor<1x16x256xf32>
}

// -----

// gelu_new with x^3 as x * x * x, in bf16.
// CHECK-LABEL: func.func @gelu_tanh_cube
// CHECK-SAME: (%[[X:[^:]*]]: tensor<8xbf16>)
// CHECK-NEXT: %[[Y:.*]] = tessera.gelu %[[X]] approximate = tanh : tensor<8xbf16>
// CHECK-NEXT: return %[[Y]]
func.func @gelu_tanh_cube(%x: tensor<8xbf16>) -> tensor<8xbf16> {
  %half = tessera.constant dense<5.000000e-01> : tensor<bf16>
  %c = tessera.constant dense<4.471500e-02> : tensor<bf16>
  %k = tessera.constant dense<0.797884583> : tensor<bf16>
  %one = tessera.constant dense<1.000000e+00> : tensor<bf16>
  %xx = tessera.mul %x, %x : (tensor<8xbf16>, tensor<8xbf16>) -> tensor<8xbf16>
  %cube = tessera.mul %xx, %x : (tensor<8xbf16>, tensor<8xbf16>) -> tensor<8xbf16>
  %ccube = tessera.mul %c, %cube : (tensor<bf16>, tensor<8xbf16>) -> tensor<8xbf16>
  %inner = tessera.add %ccube, %x : (tensor<8xbf16>, tensor<8xbf16>) -> tensor<8xbf16>
  %arg = tessera.mul %k, %inner : (tensor<bf16>, tensor<8xbf16>) -> tensor<8xbf16>
  %t = tessera.tanh %arg : tensor<8xbf16>
  %a = tessera.add %one, %t : (tensor<bf16>, tensor<8xbf16>) -> tensor<8xbf16>
  %m = tessera.mul %x, %a : (tensor<8xbf16>, tensor<8xbf16>) -> tensor<8xbf16>
  %y = tessera.mul %half, %m : (tensor<bf16>, tensor<8xbf16>) -> tensor<8xbf16>
  return %y : tensor<8xbf16>
}

// -----

// LLaMA's SiLU: x * sigmoid(x), either order.
// CHECK-LABEL: func.func @silu
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x8xf32>)
// CHECK-NEXT: %[[Y:.*]] = tessera.silu %[[X]] : tensor<2x8xf32>
// CHECK-NEXT: %[[Z:.*]] = tessera.silu %[[X]] : tensor<2x8xf32>
// CHECK-NEXT: return %[[Y]], %[[Z]]
func.func @silu(%x: tensor<2x8xf32>) -> (tensor<2x8xf32>, tensor<2x8xf32>) {
  %s = tessera.sigmoid %x : tensor<2x8xf32>
  %y = tessera.mul %x, %s : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %s2 = tessera.sigmoid %x : tensor<2x8xf32>
  %z = tessera.mul %s2, %x : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  return %y, %z : tensor<2x8xf32>, tensor<2x8xf32>
}

// -----

// Not recognized: the sigmoid's value is also returned, so replacing the
// product would still compute the sigmoid; and sigmoid of another value.
// CHECK-LABEL: func.func @silu_not
// CHECK-NOT: tessera.silu
// CHECK: return
func.func @silu_not(%x: tensor<4xf32>, %w: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %s = tessera.sigmoid %x : tensor<4xf32>
  %y = tessera.mul %x, %s : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %s2 = tessera.sigmoid %w : tensor<4xf32>
  %z = tessera.mul %x, %s2 : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %y, %s, %z : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// Not recognized: erf's argument is scaled by the wrong constant (0.8 is
// not 1/sqrt(2)).
// CHECK-LABEL: func.func @gelu_wrong_constant
// CHECK-NOT: tessera.gelu
// CHECK: tessera.erf
// CHECK-NOT: tessera.gelu
// CHECK: return
func.func @gelu_wrong_constant(%x: tensor<4xf32>) -> tensor<4xf32> {
  %k = tessera.constant dense<0.8> : tensor<f32>
  %one = tessera.constant dense<1.0> : tensor<f32>
  %half = tessera.constant dense<0.5> : tensor<f32>
  %d = tessera.mul %x, %k : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %e = tessera.erf %d : tensor<4xf32>
  %a = tessera.add %e, %one : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %m = tessera.mul %x, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %y = tessera.mul %m, %half : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// Not recognized: the intermediate erf result is returned as well.
// CHECK-LABEL: func.func @gelu_shared_intermediate
// CHECK-NOT: tessera.gelu
// CHECK: return
func.func @gelu_shared_intermediate(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %rsqrt2 = tessera.constant dense<0.707106769> : tensor<f32>
  %one = tessera.constant dense<1.0> : tensor<f32>
  %half = tessera.constant dense<0.5> : tensor<f32>
  %d = tessera.mul %x, %rsqrt2 : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %e = tessera.erf %d : tensor<4xf32>
  %a = tessera.add %e, %one : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %m = tessera.mul %x, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %y = tessera.mul %m, %half : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %y, %e : tensor<4xf32>, tensor<4xf32>
}

// -----

// Not recognized: the gate multiplies a different value than erf's
// argument, and a GELU of a broadcast operand would change the shape.
// CHECK-LABEL: func.func @gelu_other_value
// CHECK-NOT: tessera.gelu
// CHECK: return
func.func @gelu_other_value(%x: tensor<4xf32>, %w: tensor<4xf32>) -> tensor<4xf32> {
  %rsqrt2 = tessera.constant dense<0.707106769> : tensor<f32>
  %one = tessera.constant dense<1.0> : tensor<f32>
  %half = tessera.constant dense<0.5> : tensor<f32>
  %d = tessera.mul %x, %rsqrt2 : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %e = tessera.erf %d : tensor<4xf32>
  %a = tessera.add %e, %one : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %m = tessera.mul %w, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %y = tessera.mul %m, %half : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}
