// RUN: tessera-opt %s --tessera-to-linalg -split-input-file -verify-diagnostics

// tessera-to-linalg fails on every tessera op it has no lowering for,
// naming the op: composite ops that tessera-decompose should have removed,
// and a convolution the library did not take (only f32 convolutions become
// texec.conv2d; there is no linalg lowering of tessera.conv2d).

func.func @softmax(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{failed to legalize operation 'tessera.softmax' that was explicitly marked illegal}}
  %y = tessera.softmax %x axis = 1 : tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @layer_norm(%x: tensor<2x4xf32>, %g: tensor<4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{failed to legalize operation 'tessera.layer_norm' that was explicitly marked illegal}}
  %y = tessera.layer_norm %x, %g axis = 1 epsilon = 1.0e-05 : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

func.func @global_avg_pool(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x1x1xf32> {
  // expected-error @+1 {{failed to legalize operation 'tessera.global_avg_pool2d' that was explicitly marked illegal}}
  %y = tessera.global_avg_pool2d %x : (tensor<1x2x4x4xf32>) -> tensor<1x2x1x1xf32>
  return %y : tensor<1x2x1x1xf32>
}

// -----

// The lowered ops before the failure do not hide it.
func.func @conv2d_f16(%x: tensor<1x1x4x4xf16>, %w: tensor<1x1x3x3xf16>) -> tensor<1x1x2x2xf16> {
  %r = tessera.relu %x : tensor<1x1x4x4xf16>
  // expected-error @+1 {{failed to legalize operation 'tessera.conv2d' that was explicitly marked illegal}}
  %y = tessera.conv2d %r, %w strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x1x4x4xf16>, tensor<1x1x3x3xf16>) -> tensor<1x1x2x2xf16>
  return %y : tensor<1x1x2x2xf16>
}
