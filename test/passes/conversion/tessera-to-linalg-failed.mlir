// RUN: tessera-opt %s --tessera-to-linalg -split-input-file -verify-diagnostics

// tessera-to-linalg fails on every tessera op it has no lowering for,
// naming the op: composite ops that tessera-decompose should have removed.

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
func.func @relu_then_softmax(%x: tensor<2x3xf16>) -> tensor<2x3xf16> {
  %r = tessera.relu %x : tensor<2x3xf16>
  // expected-error @+1 {{failed to legalize operation 'tessera.softmax' that was explicitly marked illegal}}
  %y = tessera.softmax %r axis = 1 : tensor<2x3xf16>
  return %y : tensor<2x3xf16>
}
