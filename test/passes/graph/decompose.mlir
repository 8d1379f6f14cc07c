// RUN: tessera-opt %s --tessera-decompose=keep=softmax,gelu -split-input-file | FileCheck %s --check-prefix=KEEP
// RUN: tessera-opt %s --tessera-decompose -split-input-file | FileCheck %s

// The tessera-decompose pass (passes/graph/Decompose.cpp): every composite op
// becomes the primitive tessera ops of its formula, checked operand by
// operand: gelu (erf and tanh forms), silu, clip, softmax, layer_norm (with
// and without bias), rms_norm, batch_norm, global_avg_pool2d and
// global_max_pool2d. The KEEP RUN line keeps softmax and gelu (keep=...) and
// checks that exactly those stay while the others are still decomposed (it
// runs first so that it is checked even when the full decomposition fails).
// Scalars are rank-0 constants of the element type; the pattern driver folds
// as it goes, so constants end up at the top of the function and on the right
// of commutative ops.

// gelu(x) = (x * 0.5) * (erf(x * (1 / sqrt 2)) + 1).
// 1 / sqrt(2) = 0.70710678 is 0.707106769 as an f32.
// CHECK-LABEL: func.func @gelu_erf
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x8xf32>)
// CHECK-DAG: %[[HALF:.*]] = tessera.constant dense<5.000000e-01> : tensor<f32>
// CHECK-DAG: %[[ONE:.*]] = tessera.constant dense<1.000000e+00> : tensor<f32>
// CHECK-DAG: %[[RSQRT2:.*]] = tessera.constant dense<0.707106769> : tensor<f32>
// CHECK: %[[SCALED:.*]] = tessera.mul %[[X]], %[[RSQRT2]] : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
// CHECK: %[[ERF:.*]] = tessera.erf %[[SCALED]] : tensor<2x8xf32>
// CHECK-DAG: %[[HX:.*]] = tessera.mul %[[X]], %[[HALF]] : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
// CHECK-DAG: %[[ONEP:.*]] = tessera.add %[[ERF]], %[[ONE]] : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
// CHECK: %[[Y:.*]] = tessera.mul %[[HX]], %[[ONEP]] : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
// CHECK-NOT: tessera.gelu
// CHECK: return %[[Y]]
// KEEP-LABEL: func.func @gelu_erf
// KEEP-SAME: (%[[X:[^:]*]]: tensor<2x8xf32>)
// KEEP-NEXT: %[[Y:.*]] = tessera.gelu %[[X]] : tensor<2x8xf32>
// KEEP-NEXT: return %[[Y]]
func.func @gelu_erf(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %0 = tessera.gelu %x : tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

// gelu with approximate = tanh:
//   (x * 0.5) * (tanh((x + ((x * x) * x) * 0.044715) * sqrt(2 / pi)) + 1),
// sqrt(2 / pi) = 0.79788456 is 0.797884583 as an f32.
// CHECK-LABEL: func.func @gelu_tanh
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x8xf32>)
// CHECK-DAG: %[[HALF:.*]] = tessera.constant dense<5.000000e-01> : tensor<f32>
// CHECK-DAG: %[[ONE:.*]] = tessera.constant dense<1.000000e+00> : tensor<f32>
// CHECK-DAG: %[[C:.*]] = tessera.constant dense<4.471500e-02> : tensor<f32>
// CHECK-DAG: %[[S:.*]] = tessera.constant dense<0.797884583> : tensor<f32>
// CHECK: %[[SQ:.*]] = tessera.mul %[[X]], %[[X]] : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
// CHECK: %[[CUBE:.*]] = tessera.mul %[[SQ]], %[[X]] : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
// CHECK: %[[CC:.*]] = tessera.mul %[[CUBE]], %[[C]] : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
// CHECK: %[[POLY:.*]] = tessera.add %[[X]], %[[CC]] : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
// CHECK: %[[ARG:.*]] = tessera.mul %[[POLY]], %[[S]] : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
// CHECK: %[[TANH:.*]] = tessera.tanh %[[ARG]] : tensor<2x8xf32>
// CHECK-DAG: %[[HX:.*]] = tessera.mul %[[X]], %[[HALF]] : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
// CHECK-DAG: %[[ONEP:.*]] = tessera.add %[[TANH]], %[[ONE]] : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
// CHECK: %[[Y:.*]] = tessera.mul %[[HX]], %[[ONEP]] : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
// CHECK-NOT: tessera.gelu
// CHECK-NOT: tessera.erf
// CHECK: return %[[Y]]
// KEEP-LABEL: func.func @gelu_tanh
// KEEP-SAME: (%[[X:[^:]*]]: tensor<2x8xf32>)
// KEEP-NEXT: %[[Y:.*]] = tessera.gelu %[[X]] approximate = tanh : tensor<2x8xf32>
// KEEP-NEXT: return %[[Y]]
func.func @gelu_tanh(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %0 = tessera.gelu %x approximate = tanh : tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

// silu(x) = x * sigmoid(x), also in f16; it is not in keep.
// CHECK-LABEL: func.func @silu
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4xf16>)
// CHECK: %[[SIG:.*]] = tessera.sigmoid %[[X]] : tensor<4xf16>
// CHECK: %[[Y:.*]] = tessera.mul %[[X]], %[[SIG]] : (tensor<4xf16>, tensor<4xf16>) -> tensor<4xf16>
// CHECK-NOT: tessera.silu
// CHECK: return %[[Y]]
// KEEP-LABEL: func.func @silu
// KEEP-SAME: (%[[X:[^:]*]]: tensor<4xf16>)
// KEEP: %[[SIG:.*]] = tessera.sigmoid %[[X]] : tensor<4xf16>
// KEEP: %[[Y:.*]] = tessera.mul %[[X]], %[[SIG]]
// KEEP-NOT: tessera.silu
// KEEP: return %[[Y]]
func.func @silu(%x: tensor<4xf16>) -> tensor<4xf16> {
  %0 = tessera.silu %x : tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

// clip(x, lo, hi) = min(max(x, lo), hi), with a missing bound left out; the
// bounds become rank-0 constants of the element type.
// CHECK-LABEL: func.func @clip
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4xf16>, %[[I:[^:]*]]: tensor<4xi32>)
// CHECK-DAG: %[[ZERO:.*]] = tessera.constant dense<0.000000e+00> : tensor<f16>
// CHECK-DAG: %[[SIX:.*]] = tessera.constant dense<6.000000e+00> : tensor<f16>
// CHECK-DAG: %[[ONE:.*]] = tessera.constant dense<1.000000e+00> : tensor<f16>
// CHECK-DAG: %[[MINUS3:.*]] = tessera.constant dense<-3> : tensor<i32>
// CHECK-DAG: %[[LO:.*]] = tessera.max %[[X]], %[[ZERO]] : (tensor<4xf16>, tensor<f16>) -> tensor<4xf16>
// CHECK-DAG: %[[RELU6:.*]] = tessera.min %[[LO]], %[[SIX]] : (tensor<4xf16>, tensor<f16>) -> tensor<4xf16>
// CHECK-DAG: %[[HI:.*]] = tessera.min %[[X]], %[[ONE]] : (tensor<4xf16>, tensor<f16>) -> tensor<4xf16>
// CHECK-DAG: %[[ILO:.*]] = tessera.max %[[I]], %[[MINUS3]] : (tensor<4xi32>, tensor<i32>) -> tensor<4xi32>
// CHECK-NOT: tessera.clip
// CHECK: return %[[RELU6]], %[[HI]], %[[ILO]]
func.func @clip(%x: tensor<4xf16>, %i: tensor<4xi32>) -> (tensor<4xf16>, tensor<4xf16>, tensor<4xi32>) {
  %0 = tessera.clip %x min = 0.0 max = 6.0 : tensor<4xf16>
  %1 = tessera.clip %x max = 1.0 : tensor<4xf16>
  %2 = tessera.clip %i min = -3.0 : tensor<4xi32>
  return %0, %1, %2 : tensor<4xf16>, tensor<4xf16>, tensor<4xi32>
}

// -----

// A bound outside an integer type's range converts by saturation, as
// tessera.cast converts floats to integers: min = 200 on i8 is 127, not 200
// wrapped to -56 (max(x, -56) would let 5 through unchanged).
// CHECK-LABEL: func.func @clip_int_bound_out_of_range
// CHECK-SAME: (%[[I:[^:]*]]: tensor<4xi8>)
// CHECK: %[[LO:.*]] = tessera.constant dense<127> : tensor<i8>
// CHECK: %[[Y:.*]] = tessera.max %[[I]], %[[LO]] : (tensor<4xi8>, tensor<i8>) -> tensor<4xi8>
// CHECK: return %[[Y]]
func.func @clip_int_bound_out_of_range(%i: tensor<4xi8>) -> tensor<4xi8> {
  %0 = tessera.clip %i min = 200.0 : tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

// softmax(x) along 3 = e / sum(e) with e = exp(x - max(x)), max and sum kept
// as 2x12x8x1 so that they broadcast back.
// CHECK-LABEL: func.func @softmax
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x12x8x8xf32>)
// CHECK: %[[MAX:.*]] = tessera.reduce_max %[[X]] axes = [3] keepdims : (tensor<2x12x8x8xf32>) -> tensor<2x12x8x1xf32>
// CHECK: %[[SHIFTED:.*]] = tessera.sub %[[X]], %[[MAX]] : (tensor<2x12x8x8xf32>, tensor<2x12x8x1xf32>) -> tensor<2x12x8x8xf32>
// CHECK: %[[E:.*]] = tessera.exp %[[SHIFTED]] : tensor<2x12x8x8xf32>
// CHECK: %[[SUM:.*]] = tessera.reduce_sum %[[E]] axes = [3] keepdims : (tensor<2x12x8x8xf32>) -> tensor<2x12x8x1xf32>
// CHECK: %[[Y:.*]] = tessera.div %[[E]], %[[SUM]] : (tensor<2x12x8x8xf32>, tensor<2x12x8x1xf32>) -> tensor<2x12x8x8xf32>
// CHECK-NOT: tessera.softmax
// CHECK: return %[[Y]]
// KEEP-LABEL: func.func @softmax
// KEEP-SAME: (%[[X:[^:]*]]: tensor<2x12x8x8xf32>)
// KEEP-NEXT: %[[Y:.*]] = tessera.softmax %[[X]] axis = 3 : tensor<2x12x8x8xf32>
// KEEP-NEXT: return %[[Y]]
func.func @softmax(%x: tensor<2x12x8x8xf32>) -> tensor<2x12x8x8xf32> {
  %0 = tessera.softmax %x axis = 3 : tensor<2x12x8x8xf32>
  return %0 : tensor<2x12x8x8xf32>
}

// -----

// softmax along a leading axis reduces that axis.
// CHECK-LABEL: func.func @softmax_axis0
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4x3xf32>)
// CHECK: %[[MAX:.*]] = tessera.reduce_max %[[X]] axes = [0] keepdims : (tensor<4x3xf32>) -> tensor<1x3xf32>
// CHECK: %[[SHIFTED:.*]] = tessera.sub %[[X]], %[[MAX]]
// CHECK: %[[E:.*]] = tessera.exp %[[SHIFTED]]
// CHECK: %[[SUM:.*]] = tessera.reduce_sum %[[E]] axes = [0] keepdims : (tensor<4x3xf32>) -> tensor<1x3xf32>
// CHECK: %[[Y:.*]] = tessera.div %[[E]], %[[SUM]]
// CHECK: return %[[Y]]
// KEEP-LABEL: func.func @softmax_axis0
// KEEP: tessera.softmax
func.func @softmax_axis0(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %0 = tessera.softmax %x axis = 0 : tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// layer_norm over axis 2 with bias:
//   c = x - mean(x); y = (c * rsqrt(mean(c * c) + eps)) * scale + bias,
// eps = 1e-5 (9.99999974E-6 as an f32).
// CHECK-LABEL: func.func @layer_norm
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x4x8xf32>, %[[G:[^:]*]]: tensor<8xf32>, %[[B:[^:]*]]: tensor<8xf32>)
// CHECK: %[[EPS:.*]] = tessera.constant dense<9.99999974E-6> : tensor<f32>
// CHECK: %[[MEAN:.*]] = tessera.reduce_mean %[[X]] axes = [2] keepdims : (tensor<2x4x8xf32>) -> tensor<2x4x1xf32>
// CHECK: %[[C:.*]] = tessera.sub %[[X]], %[[MEAN]] : (tensor<2x4x8xf32>, tensor<2x4x1xf32>) -> tensor<2x4x8xf32>
// CHECK: %[[SQ:.*]] = tessera.mul %[[C]], %[[C]] : (tensor<2x4x8xf32>, tensor<2x4x8xf32>) -> tensor<2x4x8xf32>
// CHECK: %[[VAR:.*]] = tessera.reduce_mean %[[SQ]] axes = [2] keepdims : (tensor<2x4x8xf32>) -> tensor<2x4x1xf32>
// CHECK: %[[VEPS:.*]] = tessera.add %[[VAR]], %[[EPS]] : (tensor<2x4x1xf32>, tensor<f32>) -> tensor<2x4x1xf32>
// CHECK: %[[INV:.*]] = tessera.rsqrt %[[VEPS]] : tensor<2x4x1xf32>
// CHECK: %[[NORM:.*]] = tessera.mul %[[C]], %[[INV]] : (tensor<2x4x8xf32>, tensor<2x4x1xf32>) -> tensor<2x4x8xf32>
// CHECK: %[[SCALED:.*]] = tessera.mul %[[NORM]], %[[G]] : (tensor<2x4x8xf32>, tensor<8xf32>) -> tensor<2x4x8xf32>
// CHECK: %[[Y:.*]] = tessera.add %[[SCALED]], %[[B]] : (tensor<2x4x8xf32>, tensor<8xf32>) -> tensor<2x4x8xf32>
// CHECK-NOT: tessera.layer_norm
// CHECK: return %[[Y]]
// KEEP-LABEL: func.func @layer_norm
// KEEP-NOT: tessera.layer_norm
// KEEP: tessera.rsqrt
// KEEP-NOT: tessera.layer_norm
// KEEP: return
func.func @layer_norm(%x: tensor<2x4x8xf32>, %g: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<2x4x8xf32> {
  %0 = tessera.layer_norm %x, %g, %b axis = 2 epsilon = 1.0e-05 : (tensor<2x4x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x4x8xf32>
  return %0 : tensor<2x4x8xf32>
}

// -----

// layer_norm over axes 1 and 2 (axis = 1) without bias: no final add.
// CHECK-LABEL: func.func @layer_norm_no_bias
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x4x8xf32>, %[[G:[^:]*]]: tensor<4x8xf32>)
// CHECK: %[[EPS:.*]] = tessera.constant dense<9.99999974E-6> : tensor<f32>
// CHECK: %[[MEAN:.*]] = tessera.reduce_mean %[[X]] axes = [1, 2] keepdims : (tensor<2x4x8xf32>) -> tensor<2x1x1xf32>
// CHECK: %[[C:.*]] = tessera.sub %[[X]], %[[MEAN]] : (tensor<2x4x8xf32>, tensor<2x1x1xf32>) -> tensor<2x4x8xf32>
// CHECK: %[[SQ:.*]] = tessera.mul %[[C]], %[[C]]
// CHECK: %[[VAR:.*]] = tessera.reduce_mean %[[SQ]] axes = [1, 2] keepdims : (tensor<2x4x8xf32>) -> tensor<2x1x1xf32>
// CHECK: %[[VEPS:.*]] = tessera.add %[[VAR]], %[[EPS]]
// CHECK: %[[INV:.*]] = tessera.rsqrt %[[VEPS]] : tensor<2x1x1xf32>
// CHECK: %[[NORM:.*]] = tessera.mul %[[C]], %[[INV]]
// CHECK: %[[Y:.*]] = tessera.mul %[[NORM]], %[[G]] : (tensor<2x4x8xf32>, tensor<4x8xf32>) -> tensor<2x4x8xf32>
// CHECK-NOT: tessera.add
// CHECK-NOT: tessera.layer_norm
// CHECK: return %[[Y]]
func.func @layer_norm_no_bias(%x: tensor<2x4x8xf32>, %g: tensor<4x8xf32>) -> tensor<2x4x8xf32> {
  %0 = tessera.layer_norm %x, %g axis = 1 epsilon = 1.0e-05 : (tensor<2x4x8xf32>, tensor<4x8xf32>) -> tensor<2x4x8xf32>
  return %0 : tensor<2x4x8xf32>
}

// -----

// rms_norm: y = (x * rsqrt(mean(x * x) + eps)) * scale, eps = 1e-6
// (9.99999997E-7 as an f32); no mean is subtracted.
// CHECK-LABEL: func.func @rms_norm
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x4x8xf32>, %[[G:[^:]*]]: tensor<8xf32>)
// CHECK: %[[EPS:.*]] = tessera.constant dense<9.99999997E-7> : tensor<f32>
// CHECK: %[[SQ:.*]] = tessera.mul %[[X]], %[[X]] : (tensor<2x4x8xf32>, tensor<2x4x8xf32>) -> tensor<2x4x8xf32>
// CHECK: %[[MS:.*]] = tessera.reduce_mean %[[SQ]] axes = [2] keepdims : (tensor<2x4x8xf32>) -> tensor<2x4x1xf32>
// CHECK: %[[MSEPS:.*]] = tessera.add %[[MS]], %[[EPS]] : (tensor<2x4x1xf32>, tensor<f32>) -> tensor<2x4x1xf32>
// CHECK: %[[INV:.*]] = tessera.rsqrt %[[MSEPS]] : tensor<2x4x1xf32>
// CHECK: %[[NORM:.*]] = tessera.mul %[[X]], %[[INV]] : (tensor<2x4x8xf32>, tensor<2x4x1xf32>) -> tensor<2x4x8xf32>
// CHECK: %[[Y:.*]] = tessera.mul %[[NORM]], %[[G]] : (tensor<2x4x8xf32>, tensor<8xf32>) -> tensor<2x4x8xf32>
// CHECK-NOT: tessera.sub
// CHECK-NOT: tessera.rms_norm
// CHECK: return %[[Y]]
// KEEP-LABEL: func.func @rms_norm
// KEEP-NOT: tessera.rms_norm
// KEEP: return
func.func @rms_norm(%x: tensor<2x4x8xf32>, %g: tensor<8xf32>) -> tensor<2x4x8xf32> {
  %0 = tessera.rms_norm %x, %g axis = 2 epsilon = 1.0e-06 : (tensor<2x4x8xf32>, tensor<8xf32>) -> tensor<2x4x8xf32>
  return %0 : tensor<2x4x8xf32>
}

// -----

// batch_norm: k = scale * rsqrt(var + eps), b = bias - mean * k, both [C]
// reshaped to [C, 1, 1] to broadcast along dimension 1 of NCHW; y = x * k + b.
// CHECK-LABEL: func.func @batch_norm
// CHECK-SAME: (%[[X:[^:]*]]: tensor<1x3x4x4xf32>, %[[S:[^:]*]]: tensor<3xf32>, %[[B:[^:]*]]: tensor<3xf32>, %[[M:[^:]*]]: tensor<3xf32>, %[[V:[^:]*]]: tensor<3xf32>)
// CHECK: %[[EPS:.*]] = tessera.constant dense<9.99999974E-6> : tensor<f32>
// CHECK: %[[VEPS:.*]] = tessera.add %[[V]], %[[EPS]] : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
// CHECK: %[[INV:.*]] = tessera.rsqrt %[[VEPS]] : tensor<3xf32>
// CHECK: %[[K:.*]] = tessera.mul %[[S]], %[[INV]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK: %[[MK:.*]] = tessera.mul %[[M]], %[[K]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK: %[[BIAS:.*]] = tessera.sub %[[B]], %[[MK]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-DAG: %[[KC:.*]] = tessera.reshape %[[K]] : (tensor<3xf32>) -> tensor<3x1x1xf32>
// CHECK-DAG: %[[BC:.*]] = tessera.reshape %[[BIAS]] : (tensor<3xf32>) -> tensor<3x1x1xf32>
// CHECK: %[[XK:.*]] = tessera.mul %[[X]], %[[KC]] : (tensor<1x3x4x4xf32>, tensor<3x1x1xf32>) -> tensor<1x3x4x4xf32>
// CHECK: %[[Y:.*]] = tessera.add %[[XK]], %[[BC]] : (tensor<1x3x4x4xf32>, tensor<3x1x1xf32>) -> tensor<1x3x4x4xf32>
// CHECK-NOT: tessera.batch_norm
// CHECK: return %[[Y]]
// KEEP-LABEL: func.func @batch_norm
// KEEP-NOT: tessera.batch_norm
// KEEP: return
func.func @batch_norm(%x: tensor<1x3x4x4xf32>, %s: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<1x3x4x4xf32> {
  %0 = tessera.batch_norm %x, %s, %b, %m, %v epsilon = 1.0e-05 : (tensor<1x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

// batch_norm of an [N, C] input: the per-channel vectors already broadcast
// along dimension 1, the reshape to [C] is an identity and disappears.
// CHECK-LABEL: func.func @batch_norm_rank2
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x3xf32>, %[[S:[^:]*]]: tensor<3xf32>, %[[B:[^:]*]]: tensor<3xf32>, %[[M:[^:]*]]: tensor<3xf32>, %[[V:[^:]*]]: tensor<3xf32>)
// CHECK: %[[K:.*]] = tessera.mul %[[S]], %{{.*}} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK: %[[MK:.*]] = tessera.mul %[[M]], %[[K]]
// CHECK: %[[BIAS:.*]] = tessera.sub %[[B]], %[[MK]]
// CHECK-NOT: tessera.reshape
// CHECK: %[[XK:.*]] = tessera.mul %[[X]], %[[K]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK: %[[Y:.*]] = tessera.add %[[XK]], %[[BIAS]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK: return %[[Y]]
func.func @batch_norm_rank2(%x: tensor<2x3xf32>, %s: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = tessera.batch_norm %x, %s, %b, %m, %v epsilon = 1.0e-05 : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// With constant statistics k and b fold to constants while decomposing:
// scale [3, 4], bias [1, 2], mean [2, 4], var [3, 15], eps 1:
//   k = scale / sqrt(var + 1) = [3 / 2, 4 / 4] = [1.5, 1]
//   b = bias - mean * k = [1 - 3, 2 - 4] = [-2, -2] (a splat)
// CHECK-LABEL: func.func @batch_norm_constant_statistics
// CHECK-SAME: (%[[X:[^:]*]]: tensor<1x2x2x2xf32>)
// CHECK-DAG: %[[K:.*]] = tessera.constant dense<{{\[}}{{\[}}[1.500000e+00]], {{\[}}[1.000000e+00]]]> : tensor<2x1x1xf32>
// CHECK-DAG: %[[B:.*]] = tessera.constant dense<-2.000000e+00> : tensor<2x1x1xf32>
// CHECK: %[[XK:.*]] = tessera.mul %[[X]], %[[K]] : (tensor<1x2x2x2xf32>, tensor<2x1x1xf32>) -> tensor<1x2x2x2xf32>
// CHECK: %[[Y:.*]] = tessera.add %[[XK]], %[[B]] : (tensor<1x2x2x2xf32>, tensor<2x1x1xf32>) -> tensor<1x2x2x2xf32>
// CHECK-NOT: tessera.rsqrt
// CHECK-NOT: tessera.reshape
// CHECK: return %[[Y]]
func.func @batch_norm_constant_statistics(%x: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %s = tessera.constant dense<[3.0, 4.0]> : tensor<2xf32>
  %b = tessera.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %m = tessera.constant dense<[2.0, 4.0]> : tensor<2xf32>
  %v = tessera.constant dense<[3.0, 15.0]> : tensor<2xf32>
  %0 = tessera.batch_norm %x, %s, %b, %m, %v epsilon = 1.0 : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  return %0 : tensor<1x2x2x2xf32>
}

// -----

// Global pooling is a reduction over H and W (axes 2, 3) keeping the dims.
// CHECK-LABEL: func.func @global_pools
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x3x4x5xf32>, %[[I:[^:]*]]: tensor<1x8x7x7xi8>)
// CHECK: %[[AVG:.*]] = tessera.reduce_mean %[[X]] axes = [2, 3] keepdims : (tensor<2x3x4x5xf32>) -> tensor<2x3x1x1xf32>
// CHECK: %[[MAX:.*]] = tessera.reduce_max %[[X]] axes = [2, 3] keepdims : (tensor<2x3x4x5xf32>) -> tensor<2x3x1x1xf32>
// CHECK: %[[IMAX:.*]] = tessera.reduce_max %[[I]] axes = [2, 3] keepdims : (tensor<1x8x7x7xi8>) -> tensor<1x8x1x1xi8>
// CHECK-NOT: pool2d
// CHECK: return %[[AVG]], %[[MAX]], %[[IMAX]]
// KEEP-LABEL: func.func @global_pools
// KEEP: tessera.reduce_mean
// KEEP: tessera.reduce_max
// KEEP-NOT: pool2d
// KEEP: return
func.func @global_pools(%x: tensor<2x3x4x5xf32>, %i: tensor<1x8x7x7xi8>) -> (tensor<2x3x1x1xf32>, tensor<2x3x1x1xf32>, tensor<1x8x1x1xi8>) {
  %0 = tessera.global_avg_pool2d %x : (tensor<2x3x4x5xf32>) -> tensor<2x3x1x1xf32>
  %1 = tessera.global_max_pool2d %x : (tensor<2x3x4x5xf32>) -> tensor<2x3x1x1xf32>
  %2 = tessera.global_max_pool2d %i : (tensor<1x8x7x7xi8>) -> tensor<1x8x1x1xi8>
  return %0, %1, %2 : tensor<2x3x1x1xf32>, tensor<2x3x1x1xf32>, tensor<1x8x1x1xi8>
}

// -----

// Primitive ops are left alone.
// CHECK-LABEL: func.func @primitives_untouched
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4x8xf32>, %[[W:[^:]*]]: tensor<8x2xf32>)
// CHECK: %[[MM:.*]] = tessera.matmul %[[X]], %[[W]]
// CHECK: %[[E:.*]] = tessera.exp %[[MM]]
// CHECK: %[[S:.*]] = tessera.sigmoid %[[E]]
// CHECK: return %[[S]]
func.func @primitives_untouched(%x: tensor<4x8xf32>, %w: tensor<8x2xf32>) -> tensor<4x2xf32> {
  %0 = tessera.matmul %x, %w : (tensor<4x8xf32>, tensor<8x2xf32>) -> tensor<4x2xf32>
  %1 = tessera.exp %0 : tensor<4x2xf32>
  %2 = tessera.sigmoid %1 : tensor<4x2xf32>
  return %2 : tensor<4x2xf32>
}
