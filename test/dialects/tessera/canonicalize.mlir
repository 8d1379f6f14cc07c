// RUN: tessera-opt %s -canonicalize -split-input-file | FileCheck %s

// The folders and canonicalization patterns of the tessera dialect
// (dialects/tessera/TesseraFolds.cpp):
//  - identity ops that disappear, and the cases where they must not (a float
//    x + (+0.0), or an operand of another type than the result because it
//    broadcasts);
//  - chains that collapse (neg of neg, reshape of reshape, transpose of
//    transpose, concat of concat, ...);
//  - constant folding of small dense constants: every elementwise op, casts,
//    reductions and the data movement ops, in particular the shape-computing
//    subgraphs of exported ONNX models;
//  - the size limit: no fold creates a non-splat constant of more than 65536
//    elements, and dense_resource weights are never folded, while splats fold
//    at any size.
// Every expected constant is derived from the op semantics, not copied from
// the output.

//===----------------------------------------------------------------------===//
// Identities of the elementwise binary ops
//===----------------------------------------------------------------------===//

// x + (-0.0) is exactly x for every float x, also with the constant on the
// left (add is commutative).
// CHECK-LABEL: func.func @add_neg_zero_float
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4xf32>)
// CHECK-NOT: tessera.add
// CHECK: return %[[X]], %[[X]]
func.func @add_neg_zero_float(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %zero = tessera.constant dense<-0.0> : tensor<4xf32>
  %0 = tessera.add %x, %zero : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = tessera.add %zero, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// x + (+0.0) is not x for x = -0.0 (-0.0 + 0.0 = +0.0): it must stay.
// CHECK-LABEL: func.func @add_pos_zero_float_kept
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4xf32>)
// CHECK: %[[ZERO:.*]] = tessera.constant dense<0.000000e+00> : tensor<4xf32>
// CHECK: %[[SUM:.*]] = tessera.add %[[X]], %[[ZERO]]
// CHECK: return %[[SUM]]
func.func @add_pos_zero_float_kept(%x: tensor<4xf32>) -> tensor<4xf32> {
  %zero = tessera.constant dense<0.0> : tensor<4xf32>
  %0 = tessera.add %x, %zero : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// x + 0 is x for integers, signed or unsigned, on either side.
// CHECK-LABEL: func.func @add_zero_int
// CHECK-SAME: (%[[I:[^:]*]]: tensor<4xi32>, %[[U:[^:]*]]: tensor<2x3xui8>)
// CHECK-NOT: tessera.add
// CHECK: return %[[I]], %[[I]], %[[U]]
func.func @add_zero_int(%i: tensor<4xi32>, %u: tensor<2x3xui8>) -> (tensor<4xi32>, tensor<4xi32>, tensor<2x3xui8>) {
  %zi = tessera.constant dense<0> : tensor<4xi32>
  %zu = tessera.constant dense<0> : tensor<2x3xui8>
  %0 = tessera.add %i, %zi : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %1 = tessera.add %zi, %i : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %2 = tessera.add %u, %zu : (tensor<2x3xui8>, tensor<2x3xui8>) -> tensor<2x3xui8>
  return %0, %1, %2 : tensor<4xi32>, tensor<4xi32>, tensor<2x3xui8>
}

// -----

// A rank-0 zero broadcasts to the operand's shape: the result still has the
// type of x, so the add is still an identity.
// CHECK-LABEL: func.func @add_zero_scalar
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x4xf32>, %[[I:[^:]*]]: tensor<2x4xi64>)
// CHECK-NOT: tessera.add
// CHECK: return %[[X]], %[[I]]
func.func @add_zero_scalar(%x: tensor<2x4xf32>, %i: tensor<2x4xi64>) -> (tensor<2x4xf32>, tensor<2x4xi64>) {
  %zf = tessera.constant dense<-0.0> : tensor<f32>
  %zi = tessera.constant dense<0> : tensor<i64>
  %0 = tessera.add %x, %zf : (tensor<2x4xf32>, tensor<f32>) -> tensor<2x4xf32>
  %1 = tessera.add %i, %zi : (tensor<2x4xi64>, tensor<i64>) -> tensor<2x4xi64>
  return %0, %1 : tensor<2x4xf32>, tensor<2x4xi64>
}

// -----

// x - (+0.0) is exactly x (also for x = -0.0) and x - 0 for integers; but
// x - (-0.0) = x + 0.0 is not x for x = -0.0 and stays.
// CHECK-LABEL: func.func @sub_zero
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4xf32>, %[[I:[^:]*]]: tensor<4xi32>)
// CHECK: %[[NZ:.*]] = tessera.constant dense<-0.000000e+00> : tensor<4xf32>
// CHECK: %[[D:.*]] = tessera.sub %[[X]], %[[NZ]]
// CHECK-NOT: tessera.sub
// CHECK: return %[[X]], %[[I]], %[[D]]
func.func @sub_zero(%x: tensor<4xf32>, %i: tensor<4xi32>) -> (tensor<4xf32>, tensor<4xi32>, tensor<4xf32>) {
  %z = tessera.constant dense<0.0> : tensor<4xf32>
  %nz = tessera.constant dense<-0.0> : tensor<4xf32>
  %zi = tessera.constant dense<0> : tensor<4xi32>
  %0 = tessera.sub %x, %z : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = tessera.sub %i, %zi : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %2 = tessera.sub %x, %nz : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1, %2 : tensor<4xf32>, tensor<4xi32>, tensor<4xf32>
}

// -----

// 0 - x is not x: sub is not commutative.
// CHECK-LABEL: func.func @zero_sub_kept
// CHECK-SAME: (%[[I:[^:]*]]: tensor<4xi32>)
// CHECK: %[[Z:.*]] = tessera.constant dense<0> : tensor<4xi32>
// CHECK: %[[D:.*]] = tessera.sub %[[Z]], %[[I]]
// CHECK: return %[[D]]
func.func @zero_sub_kept(%i: tensor<4xi32>) -> tensor<4xi32> {
  %zi = tessera.constant dense<0> : tensor<4xi32>
  %0 = tessera.sub %zi, %i : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// x * 1 and 1 * x for floats and integers.
// CHECK-LABEL: func.func @mul_one
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4xf16>, %[[I:[^:]*]]: tensor<4xui32>)
// CHECK-NOT: tessera.mul
// CHECK: return %[[X]], %[[X]], %[[I]]
func.func @mul_one(%x: tensor<4xf16>, %i: tensor<4xui32>) -> (tensor<4xf16>, tensor<4xf16>, tensor<4xui32>) {
  %one = tessera.constant dense<1.0> : tensor<4xf16>
  %onei = tessera.constant dense<1> : tensor<4xui32>
  %0 = tessera.mul %x, %one : (tensor<4xf16>, tensor<4xf16>) -> tensor<4xf16>
  %1 = tessera.mul %one, %x : (tensor<4xf16>, tensor<4xf16>) -> tensor<4xf16>
  %2 = tessera.mul %i, %onei : (tensor<4xui32>, tensor<4xui32>) -> tensor<4xui32>
  return %0, %1, %2 : tensor<4xf16>, tensor<4xf16>, tensor<4xui32>
}

// -----

// x / 1 for floats and integers; 1 / x is not x.
// CHECK-LABEL: func.func @div_one
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4xbf16>, %[[I:[^:]*]]: tensor<4xi8>)
// CHECK: %[[ONE:.*]] = tessera.constant dense<1.000000e+00> : tensor<4xbf16>
// CHECK: %[[INV:.*]] = tessera.div %[[ONE]], %[[X]]
// CHECK-NOT: tessera.div
// CHECK: return %[[X]], %[[I]], %[[INV]]
func.func @div_one(%x: tensor<4xbf16>, %i: tensor<4xi8>) -> (tensor<4xbf16>, tensor<4xi8>, tensor<4xbf16>) {
  %one = tessera.constant dense<1.0> : tensor<4xbf16>
  %onei = tessera.constant dense<1> : tensor<4xi8>
  %0 = tessera.div %x, %one : (tensor<4xbf16>, tensor<4xbf16>) -> tensor<4xbf16>
  %1 = tessera.div %i, %onei : (tensor<4xi8>, tensor<4xi8>) -> tensor<4xi8>
  %2 = tessera.div %one, %x : (tensor<4xbf16>, tensor<4xbf16>) -> tensor<4xbf16>
  return %0, %1, %2 : tensor<4xbf16>, tensor<4xi8>, tensor<4xbf16>
}

// -----

// pow(x, 1) = x, for floats and integers.
// CHECK-LABEL: func.func @pow_one
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4xf32>, %[[I:[^:]*]]: tensor<4xi32>)
// CHECK-NOT: tessera.pow
// CHECK: return %[[X]], %[[I]]
func.func @pow_one(%x: tensor<4xf32>, %i: tensor<4xi32>) -> (tensor<4xf32>, tensor<4xi32>) {
  %one = tessera.constant dense<1.0> : tensor<f32>
  %onei = tessera.constant dense<1> : tensor<4xi32>
  %0 = tessera.pow %x, %one : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %1 = tessera.pow %i, %onei : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0, %1 : tensor<4xf32>, tensor<4xi32>
}

// -----

// max(x, x) = min(x, x) = x.
// CHECK-LABEL: func.func @max_min_same
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4xf32>, %[[I:[^:]*]]: tensor<4xui8>)
// CHECK-NOT: tessera.max
// CHECK-NOT: tessera.min
// CHECK: return %[[X]], %[[X]], %[[I]], %[[I]]
func.func @max_min_same(%x: tensor<4xf32>, %i: tensor<4xui8>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xui8>, tensor<4xui8>) {
  %0 = tessera.max %x, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = tessera.min %x, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %2 = tessera.max %i, %i : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  %3 = tessera.min %i, %i : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  return %0, %1, %2, %3 : tensor<4xf32>, tensor<4xf32>, tensor<4xui8>, tensor<4xui8>
}

// -----

// x and x, x and true, x or x, x or false, x xor false are x (true and false
// on either side). x xor x is not x.
// CHECK-LABEL: func.func @logical_identities
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4xi1>)
// CHECK: %[[XX:.*]] = tessera.logical_xor %[[X]], %[[X]]
// CHECK-NOT: tessera.logical_and
// CHECK-NOT: tessera.logical_or
// CHECK: return %[[X]], %[[X]], %[[X]], %[[X]], %[[X]], %[[X]], %[[XX]]
func.func @logical_identities(%x: tensor<4xi1>) -> (tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>) {
  %t = tessera.constant dense<true> : tensor<4xi1>
  %f = tessera.constant dense<false> : tensor<4xi1>
  %0 = tessera.logical_and %x, %x : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %1 = tessera.logical_and %x, %t : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %2 = tessera.logical_and %t, %x : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %3 = tessera.logical_or %x, %x : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %4 = tessera.logical_or %f, %x : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %5 = tessera.logical_xor %x, %f : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %6 = tessera.logical_xor %x, %x : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>
}

// -----

// x and false, x or true are not x.
// CHECK-LABEL: func.func @logical_not_identities
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4xi1>)
// CHECK-DAG: %[[T:.*]] = tessera.constant dense<true> : tensor<4xi1>
// CHECK-DAG: %[[F:.*]] = tessera.constant dense<false> : tensor<4xi1>
// CHECK-DAG: %[[AND:.*]] = tessera.logical_and %[[X]], %[[F]]
// CHECK-DAG: %[[OR:.*]] = tessera.logical_or %[[X]], %[[T]]
// CHECK: return %[[AND]], %[[OR]]
func.func @logical_not_identities(%x: tensor<4xi1>) -> (tensor<4xi1>, tensor<4xi1>) {
  %t = tessera.constant dense<true> : tensor<4xi1>
  %f = tessera.constant dense<false> : tensor<4xi1>
  %0 = tessera.logical_and %x, %f : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %1 = tessera.logical_or %x, %t : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  return %0, %1 : tensor<4xi1>, tensor<4xi1>
}

// -----

// where(c, x, x) = x; where(true, x, y) = x; where(false, x, y) = y.
// CHECK-LABEL: func.func @where_identities
// CHECK-SAME: (%[[C:[^:]*]]: tensor<4xi1>, %[[X:[^:]*]]: tensor<4xf32>, %[[Y:[^:]*]]: tensor<4xf32>)
// CHECK-NOT: tessera.where
// CHECK: return %[[X]], %[[X]], %[[Y]]
func.func @where_identities(%c: tensor<4xi1>, %x: tensor<4xf32>, %y: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %t = tessera.constant dense<true> : tensor<4xi1>
  %f = tessera.constant dense<false> : tensor<i1>
  %0 = tessera.where %c, %x, %x : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = tessera.where %t, %x, %y : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %2 = tessera.where %f, %x, %y : (tensor<i1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1, %2 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// A cast to the same type and a clip without bounds are identities.
// CHECK-LABEL: func.func @cast_clip_identities
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4xf32>, %[[I:[^:]*]]: tensor<4xi8>)
// CHECK-NOT: tessera.cast
// CHECK-NOT: tessera.clip
// CHECK: return %[[X]], %[[X]], %[[I]]
func.func @cast_clip_identities(%x: tensor<4xf32>, %i: tensor<4xi8>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xi8>) {
  %0 = tessera.cast %x : tensor<4xf32> to tensor<4xf32>
  %1 = tessera.clip %x : tensor<4xf32>
  %2 = tessera.clip %i : tensor<4xi8>
  return %0, %1, %2 : tensor<4xf32>, tensor<4xf32>, tensor<4xi8>
}

// -----

// A cast to another element type and a clip with a bound stay.
// CHECK-LABEL: func.func @cast_clip_kept
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4xf32>)
// CHECK: %[[CAST:.*]] = tessera.cast %[[X]] : tensor<4xf32> to tensor<4xf16>
// CHECK: %[[CLIP:.*]] = tessera.clip %[[X]] max = 6.000000e+00 : tensor<4xf32>
// CHECK: return %[[CAST]], %[[CLIP]]
func.func @cast_clip_kept(%x: tensor<4xf32>) -> (tensor<4xf16>, tensor<4xf32>) {
  %0 = tessera.cast %x : tensor<4xf32> to tensor<4xf16>
  %1 = tessera.clip %x max = 6.0 : tensor<4xf32>
  return %0, %1 : tensor<4xf16>, tensor<4xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Identities of pooling and reductions
//===----------------------------------------------------------------------===//

// 1x1 pooling windows moving by one without padding copy their input (the
// dilation of a 1x1 window does not matter); global pooling of a 1x1 image
// too.
// CHECK-LABEL: func.func @pool_identities
// CHECK-SAME: (%[[X:[^:]*]]: tensor<1x3x8x8xf32>, %[[Y:[^:]*]]: tensor<2x3x1x1xf32>, %[[I:[^:]*]]: tensor<2x3x1x1xi8>)
// CHECK-NOT: pool2d
// CHECK: return %[[X]], %[[X]], %[[X]], %[[Y]], %[[Y]], %[[I]]
func.func @pool_identities(%x: tensor<1x3x8x8xf32>, %y: tensor<2x3x1x1xf32>, %i: tensor<2x3x1x1xi8>) -> (tensor<1x3x8x8xf32>, tensor<1x3x8x8xf32>, tensor<1x3x8x8xf32>, tensor<2x3x1x1xf32>, tensor<2x3x1x1xf32>, tensor<2x3x1x1xi8>) {
  %0 = tessera.max_pool2d %x kernel = [1, 1] strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  %1 = tessera.max_pool2d %x kernel = [1, 1] strides = [1, 1] padding = [0, 0, 0, 0] dilations = [2, 2] ceil_mode : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  %2 = tessera.avg_pool2d %x kernel = [1, 1] strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] count_include_pad : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  %3 = tessera.global_avg_pool2d %y : (tensor<2x3x1x1xf32>) -> tensor<2x3x1x1xf32>
  %4 = tessera.global_max_pool2d %y : (tensor<2x3x1x1xf32>) -> tensor<2x3x1x1xf32>
  %5 = tessera.global_max_pool2d %i : (tensor<2x3x1x1xi8>) -> tensor<2x3x1x1xi8>
  return %0, %1, %2, %3, %4, %5 : tensor<1x3x8x8xf32>, tensor<1x3x8x8xf32>, tensor<1x3x8x8xf32>, tensor<2x3x1x1xf32>, tensor<2x3x1x1xf32>, tensor<2x3x1x1xi8>
}

// -----

// Pools that do work stay: 1x1 windows with a stride of 2, a 2x2 window,
// global pooling of a 4x4 image.
// CHECK-LABEL: func.func @pool_kept
// CHECK-SAME: (%[[X:[^:]*]]: tensor<1x3x8x8xf32>, %[[Y:[^:]*]]: tensor<1x3x4x4xf32>)
// CHECK: %[[P0:.*]] = tessera.max_pool2d %[[X]] kernel = [1, 1] strides = [2, 2]
// CHECK: %[[P1:.*]] = tessera.avg_pool2d %[[X]] kernel = [1, 1] strides = [1, 2]
// CHECK: %[[P2:.*]] = tessera.avg_pool2d %[[X]] kernel = [2, 2] strides = [1, 1]
// CHECK: %[[P3:.*]] = tessera.global_avg_pool2d %[[Y]]
// CHECK: %[[P4:.*]] = tessera.global_max_pool2d %[[Y]]
// CHECK: return %[[P0]], %[[P1]], %[[P2]], %[[P3]], %[[P4]]
func.func @pool_kept(%x: tensor<1x3x8x8xf32>, %y: tensor<1x3x4x4xf32>) -> (tensor<1x3x4x4xf32>, tensor<1x3x8x4xf32>, tensor<1x3x7x7xf32>, tensor<1x3x1x1xf32>, tensor<1x3x1x1xf32>) {
  %0 = tessera.max_pool2d %x kernel = [1, 1] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  %1 = tessera.avg_pool2d %x kernel = [1, 1] strides = [1, 2] padding = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x4xf32>
  %2 = tessera.avg_pool2d %x kernel = [2, 2] strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x3x8x8xf32>) -> tensor<1x3x7x7xf32>
  %3 = tessera.global_avg_pool2d %y : (tensor<1x3x4x4xf32>) -> tensor<1x3x1x1xf32>
  %4 = tessera.global_max_pool2d %y : (tensor<1x3x4x4xf32>) -> tensor<1x3x1x1xf32>
  return %0, %1, %2, %3, %4 : tensor<1x3x4x4xf32>, tensor<1x3x8x4xf32>, tensor<1x3x7x7xf32>, tensor<1x3x1x1xf32>, tensor<1x3x1x1xf32>
}

// -----

// A reduction over dimensions of size 1 changes no value: with keepdims it
// is removed, without it becomes a reshape.
// CHECK-LABEL: func.func @reduce_unit_dims
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4x1x8x1xf32>, %[[I:[^:]*]]: tensor<1x5xi32>)
// CHECK-NOT: tessera.reduce
// CHECK-DAG: %[[R0:.*]] = tessera.reshape %[[X]] : (tensor<4x1x8x1xf32>) -> tensor<4x8xf32>
// CHECK-DAG: %[[R1:.*]] = tessera.reshape %[[X]] : (tensor<4x1x8x1xf32>) -> tensor<4x8x1xf32>
// CHECK-DAG: %[[R2:.*]] = tessera.reshape %[[X]] : (tensor<4x1x8x1xf32>) -> tensor<4x1x8xf32>
// CHECK-DAG: %[[R3:.*]] = tessera.reshape %[[I]] : (tensor<1x5xi32>) -> tensor<5xi32>
// CHECK-NOT: tessera.reduce
// CHECK: return %[[X]], %[[X]], %[[X]], %[[I]], %[[R0]], %[[R1]], %[[R2]], %[[R3]]
func.func @reduce_unit_dims(%x: tensor<4x1x8x1xf32>, %i: tensor<1x5xi32>) -> (tensor<4x1x8x1xf32>, tensor<4x1x8x1xf32>, tensor<4x1x8x1xf32>, tensor<1x5xi32>, tensor<4x8xf32>, tensor<4x8x1xf32>, tensor<4x1x8xf32>, tensor<5xi32>) {
  %0 = tessera.reduce_sum %x axes = [1, 3] keepdims : (tensor<4x1x8x1xf32>) -> tensor<4x1x8x1xf32>
  %1 = tessera.reduce_mean %x axes = [1] keepdims : (tensor<4x1x8x1xf32>) -> tensor<4x1x8x1xf32>
  %2 = tessera.reduce_max %x axes = [3] keepdims : (tensor<4x1x8x1xf32>) -> tensor<4x1x8x1xf32>
  %3 = tessera.reduce_min %i axes = [0] keepdims : (tensor<1x5xi32>) -> tensor<1x5xi32>
  %4 = tessera.reduce_sum %x axes = [1, 3] : (tensor<4x1x8x1xf32>) -> tensor<4x8xf32>
  %5 = tessera.reduce_mean %x axes = [1] : (tensor<4x1x8x1xf32>) -> tensor<4x8x1xf32>
  %6 = tessera.reduce_max %x axes = [3] : (tensor<4x1x8x1xf32>) -> tensor<4x1x8xf32>
  %7 = tessera.reduce_min %i axes = [0] : (tensor<1x5xi32>) -> tensor<5xi32>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<4x1x8x1xf32>, tensor<4x1x8x1xf32>, tensor<4x1x8x1xf32>, tensor<1x5xi32>, tensor<4x8xf32>, tensor<4x8x1xf32>, tensor<4x1x8xf32>, tensor<5xi32>
}

// -----

// A reduction over a dimension of size > 1 stays, also when it reduces unit
// dimensions as well.
// CHECK-LABEL: func.func @reduce_kept
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4x1x8xf32>)
// CHECK: %[[S:.*]] = tessera.reduce_sum %[[X]] axes = [1, 2] keepdims : (tensor<4x1x8xf32>) -> tensor<4x1x1xf32>
// CHECK: %[[M:.*]] = tessera.reduce_max %[[X]] axes = [0, 1] : (tensor<4x1x8xf32>) -> tensor<8xf32>
// CHECK: return %[[S]], %[[M]]
func.func @reduce_kept(%x: tensor<4x1x8xf32>) -> (tensor<4x1x1xf32>, tensor<8xf32>) {
  %0 = tessera.reduce_sum %x axes = [1, 2] keepdims : (tensor<4x1x8xf32>) -> tensor<4x1x1xf32>
  %1 = tessera.reduce_max %x axes = [0, 1] : (tensor<4x1x8xf32>) -> tensor<8xf32>
  return %0, %1 : tensor<4x1x1xf32>, tensor<8xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Identities and chains of the shape ops
//===----------------------------------------------------------------------===//

// reshape to the same type is removed; reshape(reshape(x)) is one reshape of
// x, and none when it comes back to x's type.
// CHECK-LABEL: func.func @reshape_chains
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x3x4xf32>)
// CHECK: %[[R:.*]] = tessera.reshape %[[X]] : (tensor<2x3x4xf32>) -> tensor<4x6xf32>
// CHECK-NOT: tessera.reshape
// CHECK: return %[[X]], %[[R]], %[[X]]
func.func @reshape_chains(%x: tensor<2x3x4xf32>) -> (tensor<2x3x4xf32>, tensor<4x6xf32>, tensor<2x3x4xf32>) {
  %0 = tessera.reshape %x : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %1 = tessera.reshape %x : (tensor<2x3x4xf32>) -> tensor<24xf32>
  %2 = tessera.reshape %1 : (tensor<24xf32>) -> tensor<4x6xf32>
  %3 = tessera.reshape %x : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  %4 = tessera.reshape %3 : (tensor<6x4xf32>) -> tensor<2x3x4xf32>
  return %0, %2, %4 : tensor<2x3x4xf32>, tensor<4x6xf32>, tensor<2x3x4xf32>
}

// -----

// The identity permutation is removed. transpose(transpose(x, p1), p2) is
// transpose(x, q) with q[i] = p1[p2[i]]: [1, 0, 2] then [0, 2, 1] gives
// [1, 2, 0] (2x3x4 -> 3x4x2); [1, 2, 0] then [2, 0, 1] gives [0, 1, 2], the
// identity.
// CHECK-LABEL: func.func @transpose_chains
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x3x4xf32>)
// CHECK: %[[T:.*]] = tessera.transpose %[[X]] permutation = [1, 2, 0] : (tensor<2x3x4xf32>) -> tensor<3x4x2xf32>
// CHECK-NOT: tessera.transpose
// CHECK: return %[[X]], %[[T]], %[[X]]
func.func @transpose_chains(%x: tensor<2x3x4xf32>) -> (tensor<2x3x4xf32>, tensor<3x4x2xf32>, tensor<2x3x4xf32>) {
  %0 = tessera.transpose %x permutation = [0, 1, 2] : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %1 = tessera.transpose %x permutation = [1, 0, 2] : (tensor<2x3x4xf32>) -> tensor<3x2x4xf32>
  %2 = tessera.transpose %1 permutation = [0, 2, 1] : (tensor<3x2x4xf32>) -> tensor<3x4x2xf32>
  %3 = tessera.transpose %x permutation = [1, 2, 0] : (tensor<2x3x4xf32>) -> tensor<3x4x2xf32>
  %4 = tessera.transpose %3 permutation = [2, 0, 1] : (tensor<3x4x2xf32>) -> tensor<2x3x4xf32>
  return %0, %2, %4 : tensor<2x3x4xf32>, tensor<3x4x2xf32>, tensor<2x3x4xf32>
}

// -----

// A non-identity permutation of a non-constant stays.
// CHECK-LABEL: func.func @transpose_kept
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x3xf32>)
// CHECK: %[[T:.*]] = tessera.transpose %[[X]] permutation = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
// CHECK: return %[[T]]
func.func @transpose_kept(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %0 = tessera.transpose %x permutation = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// broadcast to the same type is removed; broadcast(broadcast(x)) is one
// broadcast of x.
// CHECK-LABEL: func.func @broadcast_chains
// CHECK-SAME: (%[[X:[^:]*]]: tensor<1x8xf32>)
// CHECK: %[[B:.*]] = tessera.broadcast %[[X]] : (tensor<1x8xf32>) -> tensor<2x4x8xf32>
// CHECK-NOT: tessera.broadcast
// CHECK: return %[[X]], %[[B]]
func.func @broadcast_chains(%x: tensor<1x8xf32>) -> (tensor<1x8xf32>, tensor<2x4x8xf32>) {
  %0 = tessera.broadcast %x : (tensor<1x8xf32>) -> tensor<1x8xf32>
  %1 = tessera.broadcast %x : (tensor<1x8xf32>) -> tensor<4x8xf32>
  %2 = tessera.broadcast %1 : (tensor<4x8xf32>) -> tensor<2x4x8xf32>
  return %0, %2 : tensor<1x8xf32>, tensor<2x4x8xf32>
}

// -----

// concat of one input is that input.
// CHECK-LABEL: func.func @concat_single
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x3xf32>)
// CHECK-NOT: tessera.concat
// CHECK: return %[[X]]
func.func @concat_single(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = tessera.concat %x axis = 1 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// concat(a, concat(b, c), d) along the same axis is concat(a, b, c, d);
// nested concats along another axis stay.
// CHECK-LABEL: func.func @concat_flatten
// CHECK-SAME: (%[[A:[^:]*]]: tensor<2x1xf32>, %[[B:[^:]*]]: tensor<2x2xf32>, %[[C:[^:]*]]: tensor<2x3xf32>, %[[D:[^:]*]]: tensor<2x4xf32>)
// CHECK: %[[FLAT:.*]] = tessera.concat %[[A]], %[[B]], %[[C]], %[[D]] axis = 1 : (tensor<2x1xf32>, tensor<2x2xf32>, tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<2x10xf32>
// CHECK: %[[INNER:.*]] = tessera.concat %[[B]], %[[B]] axis = 0 : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<4x2xf32>
// CHECK: %[[OUTER:.*]] = tessera.concat %[[INNER]], %[[INNER]] axis = 1 : (tensor<4x2xf32>, tensor<4x2xf32>) -> tensor<4x4xf32>
// CHECK: return %[[FLAT]], %[[OUTER]]
func.func @concat_flatten(%a: tensor<2x1xf32>, %b: tensor<2x2xf32>, %c: tensor<2x3xf32>, %d: tensor<2x4xf32>) -> (tensor<2x10xf32>, tensor<4x4xf32>) {
  %bc = tessera.concat %b, %c axis = 1 : (tensor<2x2xf32>, tensor<2x3xf32>) -> tensor<2x5xf32>
  %0 = tessera.concat %a, %bc, %d axis = 1 : (tensor<2x1xf32>, tensor<2x5xf32>, tensor<2x4xf32>) -> tensor<2x10xf32>
  %bb = tessera.concat %b, %b axis = 0 : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<4x2xf32>
  %1 = tessera.concat %bb, %bb axis = 1 : (tensor<4x2xf32>, tensor<4x2xf32>) -> tensor<4x4xf32>
  return %0, %1 : tensor<2x10xf32>, tensor<4x4xf32>
}

// -----

// Inputs of size 0 along the axis are dropped; when one input is left the
// concat disappears.
// CHECK-LABEL: func.func @concat_drop_empty
// CHECK-SAME: (%[[A:[^:]*]]: tensor<2x0xf32>, %[[B:[^:]*]]: tensor<2x3xf32>, %[[C:[^:]*]]: tensor<2x4xf32>)
// CHECK: %[[BC:.*]] = tessera.concat %[[B]], %[[C]] axis = 1 : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<2x7xf32>
// CHECK-NOT: tessera.concat
// CHECK: return %[[BC]], %[[B]]
func.func @concat_drop_empty(%a: tensor<2x0xf32>, %b: tensor<2x3xf32>, %c: tensor<2x4xf32>) -> (tensor<2x7xf32>, tensor<2x3xf32>) {
  %0 = tessera.concat %a, %b, %a, %c axis = 1 : (tensor<2x0xf32>, tensor<2x3xf32>, tensor<2x0xf32>, tensor<2x4xf32>) -> tensor<2x7xf32>
  %1 = tessera.concat %b, %a axis = 1 : (tensor<2x3xf32>, tensor<2x0xf32>) -> tensor<2x3xf32>
  return %0, %1 : tensor<2x7xf32>, tensor<2x3xf32>
}

// -----

// A split into one piece, a full slice with unit steps and a zero pad are
// identities.
// CHECK-LABEL: func.func @split_slice_pad_identities
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x3xf32>)
// CHECK-NOT: tessera.split
// CHECK-NOT: tessera.slice
// CHECK-NOT: tessera.pad
// CHECK: return %[[X]], %[[X]], %[[X]], %[[X]]
func.func @split_slice_pad_identities(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  %0 = tessera.split %x axis = 1 sizes = [3] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = tessera.slice %x starts = [0, 0] limits = [2, 3] steps = [1, 1] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = tessera.pad %x low = [0, 0] high = [0, 0] mode = constant value = 1.0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %3 = tessera.pad %x low = [0, 0] high = [0, 0] mode = edge value = 0.0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0, %1, %2, %3 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}

// -----

// A reversing slice keeps the type but is not the identity; nor is a pad.
// CHECK-LABEL: func.func @slice_pad_kept
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x3xf32>)
// CHECK: %[[REV:.*]] = tessera.slice %[[X]] starts = [0, 2] limits = [2, -1] steps = [1, -1]
// CHECK: %[[PAD:.*]] = tessera.pad %[[X]] low = [0, 1] high = [0, 0]
// CHECK: return %[[REV]], %[[PAD]]
func.func @slice_pad_kept(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x4xf32>) {
  %0 = tessera.slice %x starts = [0, 2] limits = [2, -1] steps = [1, -1] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = tessera.pad %x low = [0, 1] high = [0, 0] mode = constant value = 0.0 : (tensor<2x3xf32>) -> tensor<2x4xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<2x4xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Unary chains
//===----------------------------------------------------------------------===//

// neg(neg x) = x and not(not x) = x; abs, relu are idempotent:
// abs(abs x) = abs x, relu(relu x) = relu x. neg(neg(neg x)) = neg x.
// CHECK-LABEL: func.func @unary_chains
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4xf32>, %[[I:[^:]*]]: tensor<4xi32>, %[[B:[^:]*]]: tensor<4xi1>)
// CHECK-DAG: %[[ABS:.*]] = tessera.abs %[[X]] : tensor<4xf32>
// CHECK-DAG: %[[RELU:.*]] = tessera.relu %[[I]] : tensor<4xi32>
// CHECK-DAG: %[[NEG:.*]] = tessera.neg %[[X]] : tensor<4xf32>
// CHECK-NOT: tessera.abs
// CHECK-NOT: tessera.relu
// CHECK-NOT: tessera.neg
// CHECK-NOT: tessera.logical_not
// CHECK: return %[[X]], %[[I]], %[[B]], %[[ABS]], %[[RELU]], %[[NEG]]
func.func @unary_chains(%x: tensor<4xf32>, %i: tensor<4xi32>, %b: tensor<4xi1>) -> (tensor<4xf32>, tensor<4xi32>, tensor<4xi1>, tensor<4xf32>, tensor<4xi32>, tensor<4xf32>) {
  %n1 = tessera.neg %x : tensor<4xf32>
  %0 = tessera.neg %n1 : tensor<4xf32>
  %ni = tessera.neg %i : tensor<4xi32>
  %1 = tessera.neg %ni : tensor<4xi32>
  %nb = tessera.logical_not %b : tensor<4xi1>
  %2 = tessera.logical_not %nb : tensor<4xi1>
  %a1 = tessera.abs %x : tensor<4xf32>
  %3 = tessera.abs %a1 : tensor<4xf32>
  %r1 = tessera.relu %i : tensor<4xi32>
  %4 = tessera.relu %r1 : tensor<4xi32>
  %m1 = tessera.neg %x : tensor<4xf32>
  %m2 = tessera.neg %m1 : tensor<4xf32>
  %5 = tessera.neg %m2 : tensor<4xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<4xf32>, tensor<4xi32>, tensor<4xi1>, tensor<4xf32>, tensor<4xi32>, tensor<4xf32>
}

// -----

// Different unary ops do not collapse: abs(neg x) and relu(abs x) stay.
// CHECK-LABEL: func.func @unary_mixed_kept
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4xf32>)
// CHECK: %[[N:.*]] = tessera.neg %[[X]]
// CHECK: %[[A:.*]] = tessera.abs %[[N]]
// CHECK: %[[R:.*]] = tessera.relu %[[A]]
// CHECK: return %[[R]]
func.func @unary_mixed_kept(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = tessera.neg %x : tensor<4xf32>
  %1 = tessera.abs %0 : tensor<4xf32>
  %2 = tessera.relu %1 : tensor<4xf32>
  return %2 : tensor<4xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Identities that must not fire: the operand broadcasts to a larger result
//===----------------------------------------------------------------------===//

// In every case the constant has the identity value, but the result is larger
// than x, so replacing the op by x would change the type.
// CHECK-LABEL: func.func @identity_needs_same_type
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4xf32>, %[[I:[^:]*]]: tensor<4xi32>, %[[B:[^:]*]]: tensor<4xi1>, %[[C:[^:]*]]: tensor<2x4xi1>)
// CHECK-DAG: %[[ADD:.*]] = tessera.add %[[X]], %{{.*}} : (tensor<4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
// CHECK-DAG: %[[SUB:.*]] = tessera.sub %[[I]], %{{.*}} : (tensor<4xi32>, tensor<3x4xi32>) -> tensor<3x4xi32>
// CHECK-DAG: %[[MUL:.*]] = tessera.mul %[[X]], %{{.*}} : (tensor<4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
// CHECK-DAG: %[[DIV:.*]] = tessera.div %[[X]], %{{.*}} : (tensor<4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
// CHECK-DAG: %[[POW:.*]] = tessera.pow %[[X]], %{{.*}} : (tensor<4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
// CHECK-DAG: %[[AND:.*]] = tessera.logical_and %[[B]], %{{.*}} : (tensor<4xi1>, tensor<2x4xi1>) -> tensor<2x4xi1>
// CHECK-DAG: %[[OR:.*]] = tessera.logical_or %[[B]], %{{.*}} : (tensor<4xi1>, tensor<2x4xi1>) -> tensor<2x4xi1>
// CHECK-DAG: %[[XOR:.*]] = tessera.logical_xor %[[B]], %{{.*}} : (tensor<4xi1>, tensor<2x4xi1>) -> tensor<2x4xi1>
// CHECK-DAG: %[[W1:.*]] = tessera.where %[[C]], %[[X]], %[[X]] : (tensor<2x4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
// CHECK-DAG: %[[W2:.*]] = tessera.where %{{.*}}, %[[X]], %{{.*}} : (tensor<4xi1>, tensor<4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
// CHECK: return %[[ADD]], %[[SUB]], %[[MUL]], %[[DIV]], %[[POW]], %[[AND]], %[[OR]], %[[XOR]], %[[W1]], %[[W2]]
func.func @identity_needs_same_type(%x: tensor<4xf32>, %i: tensor<4xi32>, %b: tensor<4xi1>, %c: tensor<2x4xi1>) -> (tensor<2x4xf32>, tensor<3x4xi32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xi1>, tensor<2x4xi1>, tensor<2x4xi1>, tensor<2x4xf32>, tensor<2x4xf32>) {
  %nz = tessera.constant dense<-0.0> : tensor<2x4xf32>
  %zi = tessera.constant dense<0> : tensor<3x4xi32>
  %one = tessera.constant dense<1.0> : tensor<2x4xf32>
  %t = tessera.constant dense<true> : tensor<2x4xi1>
  %f = tessera.constant dense<false> : tensor<2x4xi1>
  %t4 = tessera.constant dense<true> : tensor<4xi1>
  %y = tessera.constant dense<2.0> : tensor<2x4xf32>
  %0 = tessera.add %x, %nz : (tensor<4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %1 = tessera.sub %i, %zi : (tensor<4xi32>, tensor<3x4xi32>) -> tensor<3x4xi32>
  %2 = tessera.mul %x, %one : (tensor<4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %3 = tessera.div %x, %one : (tensor<4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %4 = tessera.pow %x, %one : (tensor<4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %5 = tessera.logical_and %b, %t : (tensor<4xi1>, tensor<2x4xi1>) -> tensor<2x4xi1>
  %6 = tessera.logical_or %b, %f : (tensor<4xi1>, tensor<2x4xi1>) -> tensor<2x4xi1>
  %7 = tessera.logical_xor %b, %f : (tensor<4xi1>, tensor<2x4xi1>) -> tensor<2x4xi1>
  %8 = tessera.where %c, %x, %x : (tensor<2x4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %9 = tessera.where %t4, %x, %y : (tensor<4xi1>, tensor<4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9 : tensor<2x4xf32>, tensor<3x4xi32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xi1>, tensor<2x4xi1>, tensor<2x4xi1>, tensor<2x4xf32>, tensor<2x4xf32>
}

// -----

// 1 * x and x and true where x is the smaller operand ([1] broadcast to [4])
// change the type and stay, whichever side the constant is on.
// CHECK-LABEL: func.func @identity_scalar_operand_kept
// CHECK-SAME: (%[[X:[^:]*]]: tensor<1xf32>, %[[B:[^:]*]]: tensor<1xi1>)
// CHECK-DAG: %[[M:.*]] = tessera.mul %[[X]], %{{.*}} : (tensor<1xf32>, tensor<4xf32>) -> tensor<4xf32>
// CHECK-DAG: %[[A:.*]] = tessera.logical_and %[[B]], %{{.*}} : (tensor<1xi1>, tensor<4xi1>) -> tensor<4xi1>
// CHECK: return %[[M]], %[[A]]
func.func @identity_scalar_operand_kept(%x: tensor<1xf32>, %b: tensor<1xi1>) -> (tensor<4xf32>, tensor<4xi1>) {
  %one = tessera.constant dense<1.0> : tensor<4xf32>
  %t = tessera.constant dense<true> : tensor<4xi1>
  %0 = tessera.mul %one, %x : (tensor<4xf32>, tensor<1xf32>) -> tensor<4xf32>
  %1 = tessera.logical_and %b, %t : (tensor<1xi1>, tensor<4xi1>) -> tensor<4xi1>
  return %0, %1 : tensor<4xf32>, tensor<4xi1>
}

// -----

//===----------------------------------------------------------------------===//
// Constant folding: unary ops
//===----------------------------------------------------------------------===//

// neg, abs, relu on floats and integers, incl. -0.0 and NaN (0x7FC00000):
// neg(0.0) = -0.0, abs(-0.0) = 0.0, relu(-0.0) = 0.0, relu(NaN) = NaN,
// relu(-inf) = 0.0. abs and relu of unsigned integers change nothing (200 is
// not negative in ui8).
// CHECK-LABEL: func.func @fold_neg_abs_relu
// CHECK-DAG: %[[NEG:.*]] = tessera.constant dense<[2.000000e+00, 5.000000e-01, -0.000000e+00, -1.500000e+00]> : tensor<4xf32>
// CHECK-DAG: %[[ABS:.*]] = tessera.constant dense<[2.000000e+00, 0.000000e+00, 3.000000e+00, 0x7F800000]> : tensor<4xf32>
// CHECK-DAG: %[[RELU:.*]] = tessera.constant dense<[0.000000e+00, 0.000000e+00, 3.000000e+00, 0x7FC00000, 0.000000e+00]> : tensor<5xf32>
// CHECK-DAG: %[[NEGI:.*]] = tessera.constant dense<[-1, 2, 0]> : tensor<3xi32>
// CHECK-DAG: %[[ABSI:.*]] = tessera.constant dense<[3, 4, 0]> : tensor<3xi32>
// CHECK-DAG: %[[RELUI:.*]] = tessera.constant dense<[0, 4, 0]> : tensor<3xi32>
// CHECK-DAG: %[[U:.*]] = tessera.constant dense<[200, 3]> : tensor<2xui8>
// CHECK-NOT: tessera.neg
// CHECK-NOT: tessera.abs
// CHECK-NOT: tessera.relu
// CHECK: return %[[NEG]], %[[ABS]], %[[RELU]], %[[NEGI]], %[[ABSI]], %[[RELUI]], %[[U]], %[[U]]
func.func @fold_neg_abs_relu() -> (tensor<4xf32>, tensor<4xf32>, tensor<5xf32>, tensor<3xi32>, tensor<3xi32>, tensor<3xi32>, tensor<2xui8>, tensor<2xui8>) {
  %f = tessera.constant dense<[-2.0, -0.5, 0.0, 1.5]> : tensor<4xf32>
  %g = tessera.constant dense<[-2.0, -0.0, 3.0, 0xFF800000]> : tensor<4xf32>
  %h = tessera.constant dense<[-2.0, -0.0, 3.0, 0x7FC00000, 0xFF800000]> : tensor<5xf32>
  %i = tessera.constant dense<[1, -2, 0]> : tensor<3xi32>
  %j = tessera.constant dense<[-3, 4, 0]> : tensor<3xi32>
  %u = tessera.constant dense<[200, 3]> : tensor<2xui8>
  %0 = tessera.neg %f : tensor<4xf32>
  %1 = tessera.abs %g : tensor<4xf32>
  %2 = tessera.relu %h : tensor<5xf32>
  %3 = tessera.neg %i : tensor<3xi32>
  %4 = tessera.abs %j : tensor<3xi32>
  %5 = tessera.relu %j : tensor<3xi32>
  %6 = tessera.abs %u : tensor<2xui8>
  %7 = tessera.relu %u : tensor<2xui8>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<4xf32>, tensor<4xf32>, tensor<5xf32>, tensor<3xi32>, tensor<3xi32>, tensor<3xi32>, tensor<2xui8>, tensor<2xui8>
}

// -----

// Splats stay splats.
// CHECK-LABEL: func.func @fold_unary_splat
// CHECK-DAG: %[[A:.*]] = tessera.constant dense<-2.500000e+00> : tensor<3x4xf32>
// CHECK-DAG: %[[B:.*]] = tessera.constant dense<7> : tensor<8xi16>
// CHECK-DAG: %[[C:.*]] = tessera.constant dense<false> : tensor<2x2xi1>
// CHECK-NOT: tessera.neg
// CHECK-NOT: tessera.abs
// CHECK-NOT: tessera.logical_not
// CHECK: return %[[A]], %[[B]], %[[C]]
func.func @fold_unary_splat() -> (tensor<3x4xf32>, tensor<8xi16>, tensor<2x2xi1>) {
  %a = tessera.constant dense<2.5> : tensor<3x4xf32>
  %b = tessera.constant dense<-7> : tensor<8xi16>
  %c = tessera.constant dense<true> : tensor<2x2xi1>
  %0 = tessera.neg %a : tensor<3x4xf32>
  %1 = tessera.abs %b : tensor<8xi16>
  %2 = tessera.logical_not %c : tensor<2x2xi1>
  return %0, %1, %2 : tensor<3x4xf32>, tensor<8xi16>, tensor<2x2xi1>
}

// -----

// Transcendental functions in f32 (the nearest f32 of the exact value):
//   exp(0) = 1, exp(1) = e = 2.71828175, exp(-1) = 0.36787945
//   log(1) = 0, log(4) = 1.38629436, log(0) = -inf (0xFF800000)
//   sqrt(4) = 2, sqrt(2) = 1.41421354, sqrt(0) = 0
//   rsqrt(4) = 0.5, rsqrt(0.25) = 2
//   tanh(0) = 0, tanh(1) = 0.761594176, tanh(-1) = -0.761594176
//   erf(0) = 0, erf(1) = 0.842700779, erf(-1) = -0.842700779
//   sigmoid(0) = 0.5, sigmoid(2) = 1 / (1 + e^-2) = 0.880797088
//   silu(0) = 0, silu(1) = 1 / (1 + e^-1) = 0.731058597,
//     silu(-1) = -1 / (1 + e) = -0.268941432
// CHECK-LABEL: func.func @fold_transcendental_f32
// CHECK-DAG: %[[EXP:.*]] = tessera.constant dense<[1.000000e+00, 2.71828175, 0.36787945]> : tensor<3xf32>
// CHECK-DAG: %[[LOG:.*]] = tessera.constant dense<[0.000000e+00, 1.38629436, 0xFF800000]> : tensor<3xf32>
// CHECK-DAG: %[[SQRT:.*]] = tessera.constant dense<[2.000000e+00, 1.41421354, 0.000000e+00]> : tensor<3xf32>
// CHECK-DAG: %[[RSQRT:.*]] = tessera.constant dense<[5.000000e-01, 2.000000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[TANH:.*]] = tessera.constant dense<[0.000000e+00, 0.761594176, -0.761594176]> : tensor<3xf32>
// CHECK-DAG: %[[ERF:.*]] = tessera.constant dense<[0.000000e+00, 0.842700779, -0.842700779]> : tensor<3xf32>
// CHECK-DAG: %[[SIG:.*]] = tessera.constant dense<[5.000000e-01, 0.880797088]> : tensor<2xf32>
// CHECK-DAG: %[[SILU:.*]] = tessera.constant dense<[0.000000e+00, 0.731058597, -0.268941432]> : tensor<3xf32>
// CHECK-NOT: tessera.exp
// CHECK-NOT: tessera.log
// CHECK-NOT: tessera.sqrt
// CHECK-NOT: tessera.rsqrt
// CHECK-NOT: tessera.tanh
// CHECK-NOT: tessera.erf
// CHECK-NOT: tessera.sigmoid
// CHECK-NOT: tessera.silu
// CHECK: return %[[EXP]], %[[LOG]], %[[SQRT]], %[[RSQRT]], %[[TANH]], %[[ERF]], %[[SIG]], %[[SILU]]
func.func @fold_transcendental_f32() -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<2xf32>, tensor<3xf32>, tensor<3xf32>, tensor<2xf32>, tensor<3xf32>) {
  %a = tessera.constant dense<[0.0, 1.0, -1.0]> : tensor<3xf32>
  %b = tessera.constant dense<[1.0, 4.0, 0.0]> : tensor<3xf32>
  %c = tessera.constant dense<[4.0, 2.0, 0.0]> : tensor<3xf32>
  %d = tessera.constant dense<[4.0, 0.25]> : tensor<2xf32>
  %e = tessera.constant dense<[0.0, 2.0]> : tensor<2xf32>
  %0 = tessera.exp %a : tensor<3xf32>
  %1 = tessera.log %b : tensor<3xf32>
  %2 = tessera.sqrt %c : tensor<3xf32>
  %3 = tessera.rsqrt %d : tensor<2xf32>
  %4 = tessera.tanh %a : tensor<3xf32>
  %5 = tessera.erf %a : tensor<3xf32>
  %6 = tessera.sigmoid %e : tensor<2xf32>
  %7 = tessera.silu %a : tensor<3xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<2xf32>, tensor<3xf32>, tensor<3xf32>, tensor<2xf32>, tensor<3xf32>
}

// -----

// gelu(x) = 0.5 x (1 + erf(x / sqrt 2)):
//   gelu(0) = 0, gelu(1) = 0.8413447461, gelu(-1) = -0.1586552539.
// With approximate = tanh, 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))):
//   gelu(1) = 0.5 (1 + tanh(0.7978845608 * 1.044715)) = 0.8411919906,
//   gelu(-1) = -0.1588080094.
// (Printed as the nearest f32, with as many digits as the printer needs.)
// CHECK-LABEL: func.func @fold_gelu
// CHECK-DAG: %[[ERF:.*]] = tessera.constant dense<[0.000000e+00, 0.841344773, -0.158655256]> : tensor<3xf32>
// CHECK-DAG: %[[TANH:.*]] = tessera.constant dense<[0.000000e+00, 8.411920e-01, -0.158808008]> : tensor<3xf32>
// CHECK-NOT: tessera.gelu
// CHECK: return %[[ERF]], %[[TANH]]
func.func @fold_gelu() -> (tensor<3xf32>, tensor<3xf32>) {
  %a = tessera.constant dense<[0.0, 1.0, -1.0]> : tensor<3xf32>
  %0 = tessera.gelu %a : tensor<3xf32>
  %1 = tessera.gelu %a approximate = tanh : tensor<3xf32>
  return %0, %1 : tensor<3xf32>, tensor<3xf32>
}

// -----

// Results are rounded to f16 / bf16:
//   exp(1) = 2.71828: f16 (step 2^-9 in [2, 4)) 2.71875, bf16 (step 2^-6)
//   2.71875; exp(12) = 162754.79 overflows f16 (max 65504) to +inf (0x7C00)
//   but not bf16 (step 2^10 in [2^17, 2^18)): 159 * 1024 = 162816;
//   sqrt(2) = 1.41421: f16 (step 2^-10) and bf16 (step 2^-7) 1.4140625;
//   rsqrt(4) = 0.5; rsqrt(2) = 0.7071068: bf16 (step 2^-8) 0.70703125;
//   neg(-0.0) = 0.0; relu(-1.5) = 0; log(1) = 0 (a splat).
// CHECK-LABEL: func.func @fold_unary_f16_bf16
// CHECK-DAG: %[[EH:.*]] = tessera.constant dense<[2.718750e+00, 0x7C00]> : tensor<2xf16>
// CHECK-DAG: %[[EB:.*]] = tessera.constant dense<[2.718750e+00, 1.628160e+05]> : tensor<2xbf16>
// CHECK-DAG: %[[SH:.*]] = tessera.constant dense<[1.414060e+00, 2.000000e+00]> : tensor<2xf16>
// CHECK-DAG: %[[SB:.*]] = tessera.constant dense<[1.414060e+00, 2.000000e+00]> : tensor<2xbf16>
// CHECK-DAG: %[[RB:.*]] = tessera.constant dense<[5.000000e-01, 7.070310e-01]> : tensor<2xbf16>
// CHECK-DAG: %[[NH:.*]] = tessera.constant dense<[-1.000000e+00, 0.000000e+00]> : tensor<2xf16>
// CHECK-DAG: %[[RL:.*]] = tessera.constant dense<[0.000000e+00, 2.500000e+00]> : tensor<2xbf16>
// CHECK-DAG: %[[LB:.*]] = tessera.constant dense<0.000000e+00> : tensor<4xbf16>
// CHECK-NOT: tessera.exp
// CHECK-NOT: tessera.sqrt
// CHECK-NOT: tessera.rsqrt
// CHECK-NOT: tessera.neg
// CHECK-NOT: tessera.relu
// CHECK-NOT: tessera.log
// CHECK: return %[[EH]], %[[EB]], %[[SH]], %[[SB]], %[[RB]], %[[NH]], %[[RL]], %[[LB]]
func.func @fold_unary_f16_bf16() -> (tensor<2xf16>, tensor<2xbf16>, tensor<2xf16>, tensor<2xbf16>, tensor<2xbf16>, tensor<2xf16>, tensor<2xbf16>, tensor<4xbf16>) {
  %h = tessera.constant dense<[1.0, 12.0]> : tensor<2xf16>
  %b = tessera.constant dense<[1.0, 12.0]> : tensor<2xbf16>
  %h2 = tessera.constant dense<[2.0, 4.0]> : tensor<2xf16>
  %b2 = tessera.constant dense<[2.0, 4.0]> : tensor<2xbf16>
  %b3 = tessera.constant dense<[4.0, 2.0]> : tensor<2xbf16>
  %hn = tessera.constant dense<[1.0, -0.0]> : tensor<2xf16>
  %br = tessera.constant dense<[-1.5, 2.5]> : tensor<2xbf16>
  %ones = tessera.constant dense<1.0> : tensor<4xbf16>
  %0 = tessera.exp %h : tensor<2xf16>
  %1 = tessera.exp %b : tensor<2xbf16>
  %2 = tessera.sqrt %h2 : tensor<2xf16>
  %3 = tessera.sqrt %b2 : tensor<2xbf16>
  %4 = tessera.rsqrt %b3 : tensor<2xbf16>
  %5 = tessera.neg %hn : tensor<2xf16>
  %6 = tessera.relu %br : tensor<2xbf16>
  %7 = tessera.log %ones : tensor<4xbf16>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<2xf16>, tensor<2xbf16>, tensor<2xf16>, tensor<2xbf16>, tensor<2xbf16>, tensor<2xf16>, tensor<2xbf16>, tensor<4xbf16>
}

// -----

// More transcendental functions rounded to f16 and bf16 (value * 2^k rounded
// to the nearest integer, k given by the binade):
//   f16:  sigmoid(1) = 0.7310586 -> 1497 / 2048 = 0.73095703
//         erf(0.5) = 0.5204999 -> 1066 / 2048 = 0.52050781
//         silu(2) = 1.7615942 -> 1804 / 1024 = 1.76171875
//         tanh(0.5) = 0.4621172 -> 1893 / 4096 = 0.46215820
//   bf16: gelu(1) = 0.8413447 -> 215 / 256 = 0.83984375, and the tanh form
//         0.8411920 -> 215 / 256 as well
//         tanh(0.5) -> 237 / 512 = 0.46289063
//         log(2) = 0.6931472 -> 177 / 256 = 0.69140625
//         sigmoid(1) -> 187 / 256 = 0.73046875
// CHECK-LABEL: func.func @fold_transcendental_f16_bf16
// CHECK-DAG: %[[H:.*]] = tessera.constant dense<[7.309570e-01, 5.205080e-01, 1.761720e+00, 4.621580e-01]> : tensor<4xf16>
// CHECK-DAG: %[[B:.*]] = tessera.constant dense<[8.398430e-01, 8.398430e-01, 4.628910e-01, 6.914060e-01, 7.304680e-01]> : tensor<5xbf16>
// CHECK-NOT: tessera.sigmoid
// CHECK-NOT: tessera.erf
// CHECK-NOT: tessera.silu
// CHECK-NOT: tessera.tanh
// CHECK-NOT: tessera.gelu
// CHECK-NOT: tessera.log
// CHECK-NOT: tessera.concat
// CHECK: return %[[H]], %[[B]]
func.func @fold_transcendental_f16_bf16() -> (tensor<4xf16>, tensor<5xbf16>) {
  %h1 = tessera.constant dense<1.0> : tensor<1xf16>
  %h05 = tessera.constant dense<0.5> : tensor<1xf16>
  %h2 = tessera.constant dense<2.0> : tensor<1xf16>
  %b1 = tessera.constant dense<1.0> : tensor<1xbf16>
  %b05 = tessera.constant dense<0.5> : tensor<1xbf16>
  %b2 = tessera.constant dense<2.0> : tensor<1xbf16>
  %0 = tessera.sigmoid %h1 : tensor<1xf16>
  %1 = tessera.erf %h05 : tensor<1xf16>
  %2 = tessera.silu %h2 : tensor<1xf16>
  %3 = tessera.tanh %h05 : tensor<1xf16>
  %h = tessera.concat %0, %1, %2, %3 axis = 0 : (tensor<1xf16>, tensor<1xf16>, tensor<1xf16>, tensor<1xf16>) -> tensor<4xf16>
  %4 = tessera.gelu %b1 : tensor<1xbf16>
  %5 = tessera.gelu %b1 approximate = tanh : tensor<1xbf16>
  %6 = tessera.tanh %b05 : tensor<1xbf16>
  %7 = tessera.log %b2 : tensor<1xbf16>
  %8 = tessera.sigmoid %b1 : tensor<1xbf16>
  %b = tessera.concat %4, %5, %6, %7, %8 axis = 0 : (tensor<1xbf16>, tensor<1xbf16>, tensor<1xbf16>, tensor<1xbf16>, tensor<1xbf16>) -> tensor<5xbf16>
  return %h, %b : tensor<4xf16>, tensor<5xbf16>
}

// -----

//===----------------------------------------------------------------------===//
// Constant folding: clip and logical_not
//===----------------------------------------------------------------------===//

// clip(x) = min(max(x, min), max), NaN stays NaN; with one bound the other
// side is open. Integer clips compare in the integer's own signedness.
// CHECK-LABEL: func.func @fold_clip
// CHECK-DAG: %[[F:.*]] = tessera.constant dense<[0.000000e+00, 3.000000e+00, 6.000000e+00, 0x7FC00000, 5.000000e-01]> : tensor<5xf32>
// CHECK-DAG: %[[LO:.*]] = tessera.constant dense<[-1.000000e+00, 3.000000e+00, 7.000000e+00]> : tensor<3xf32>
// CHECK-DAG: %[[HI:.*]] = tessera.constant dense<[-5.000000e+00, 2.000000e+00, 2.000000e+00]> : tensor<3xf16>
// CHECK-DAG: %[[I:.*]] = tessera.constant dense<[0, 3, 6]> : tensor<3xi32>
// CHECK-DAG: %[[U:.*]] = tessera.constant dense<[100, 150, 150]> : tensor<3xui8>
// CHECK-NOT: tessera.clip
// CHECK: return %[[F]], %[[LO]], %[[HI]], %[[I]], %[[U]]
func.func @fold_clip() -> (tensor<5xf32>, tensor<3xf32>, tensor<3xf16>, tensor<3xi32>, tensor<3xui8>) {
  %f = tessera.constant dense<[-1.0, 3.0, 7.0, 0x7FC00000, 0.5]> : tensor<5xf32>
  %g = tessera.constant dense<[-5.0, 3.0, 7.0]> : tensor<3xf32>
  %h = tessera.constant dense<[-5.0, 2.0, 7.0]> : tensor<3xf16>
  %i = tessera.constant dense<[-5, 3, 10]> : tensor<3xi32>
  %u = tessera.constant dense<[20, 150, 250]> : tensor<3xui8>
  %0 = tessera.clip %f min = 0.0 max = 6.0 : tensor<5xf32>
  %1 = tessera.clip %g min = -1.0 : tensor<3xf32>
  %2 = tessera.clip %h max = 2.0 : tensor<3xf16>
  %3 = tessera.clip %i min = 0.0 max = 6.0 : tensor<3xi32>
  // 250 is above 150 as an unsigned byte (as a signed one it would be -6).
  %4 = tessera.clip %u min = 100.0 max = 150.0 : tensor<3xui8>
  return %0, %1, %2, %3, %4 : tensor<5xf32>, tensor<3xf32>, tensor<3xf16>, tensor<3xi32>, tensor<3xui8>
}

// -----

// A bound outside the integer type's range converts to the type by
// saturation: clipping a ui8 to max = -1 gives 0 (not
// 255), clipping an i8 to min = 200 gives 127 (not 200 wrapped to -56).
// CHECK-LABEL: func.func @fold_clip_int_bound_out_of_range
// CHECK-DAG: %[[U:.*]] = tessera.constant dense<0> : tensor<2xui8>
// CHECK-DAG: %[[I:.*]] = tessera.constant dense<127> : tensor<2xi8>
// CHECK-NOT: tessera.clip
// CHECK: return %[[U]], %[[I]]
func.func @fold_clip_int_bound_out_of_range() -> (tensor<2xui8>, tensor<2xi8>) {
  %u = tessera.constant dense<[5, 200]> : tensor<2xui8>
  %i = tessera.constant dense<[5, -100]> : tensor<2xi8>
  %0 = tessera.clip %u max = -1.0 : tensor<2xui8>
  %1 = tessera.clip %i min = 200.0 : tensor<2xi8>
  return %0, %1 : tensor<2xui8>, tensor<2xi8>
}

// -----

// A fractional bound on an integer element type rounds inward so that the
// clip keeps exactly the integers in [min, max]: min = 2.5 acts as 3 and
// max = -2.5 as -3 (tessera-decompose uses the same bounds).
// CHECK-LABEL: func.func @fold_clip_int_fractional_bound
// CHECK-DAG: %[[LO:.*]] = tessera.constant dense<[3, 3, 5]> : tensor<3xi32>
// CHECK-DAG: %[[HI:.*]] = tessera.constant dense<[-5, -3, -3]> : tensor<3xi32>
// CHECK-NOT: tessera.clip
// CHECK: return %[[LO]], %[[HI]]
func.func @fold_clip_int_fractional_bound() -> (tensor<3xi32>, tensor<3xi32>) {
  %a = tessera.constant dense<[1, 2, 5]> : tensor<3xi32>
  %b = tessera.constant dense<[-5, -2, 0]> : tensor<3xi32>
  %0 = tessera.clip %a min = 2.5 : tensor<3xi32>
  %1 = tessera.clip %b max = -2.5 : tensor<3xi32>
  return %0, %1 : tensor<3xi32>, tensor<3xi32>
}

// -----

// logical_not of a non-splat constant.
// CHECK-LABEL: func.func @fold_logical_not
// CHECK: %[[C:.*]] = tessera.constant dense<[false, true, true]> : tensor<3xi1>
// CHECK-NOT: tessera.logical_not
// CHECK: return %[[C]]
func.func @fold_logical_not() -> tensor<3xi1> {
  %c = tessera.constant dense<[true, false, false]> : tensor<3xi1>
  %0 = tessera.logical_not %c : tensor<3xi1>
  return %0 : tensor<3xi1>
}

// -----

//===----------------------------------------------------------------------===//
// Constant folding: binary ops with broadcasting
//===----------------------------------------------------------------------===//

// a = [[1], [2]] (2x1) with b = [10, 20, 30] (3) broadcasts to 2x3:
//   a + b = [[11, 21, 31], [12, 22, 32]]
//   a - b = [[-9, -19, -29], [-8, -18, -28]]
//   a * b = [[10, 20, 30], [20, 40, 60]]
//   b / a = [[10, 20, 30], [5, 10, 15]]
//   max(a, c), min(a, c) with c = [1.5, 0.5, 3]:
//     [[1.5, 1, 3], [2, 2, 3]] and [[1, 0.5, 1], [1.5, 0.5, 2]]
//   pow(d, e) with d = [[4], [9]], e = [0, 1, 2, 0.5]:
//     [[1, 4, 16, 2], [1, 9, 81, 3]]
// CHECK-LABEL: func.func @fold_binary_float
// CHECK-DAG: %[[ADD:.*]] = tessera.constant dense<{{\[}}[1.100000e+01, 2.100000e+01, 3.100000e+01], [1.200000e+01, 2.200000e+01, 3.200000e+01]]> : tensor<2x3xf32>
// CHECK-DAG: %[[SUB:.*]] = tessera.constant dense<{{\[}}[-9.000000e+00, -1.900000e+01, -2.900000e+01], [-8.000000e+00, -1.800000e+01, -2.800000e+01]]> : tensor<2x3xf32>
// CHECK-DAG: %[[MUL:.*]] = tessera.constant dense<{{\[}}[1.000000e+01, 2.000000e+01, 3.000000e+01], [2.000000e+01, 4.000000e+01, 6.000000e+01]]> : tensor<2x3xf32>
// CHECK-DAG: %[[DIV:.*]] = tessera.constant dense<{{\[}}[1.000000e+01, 2.000000e+01, 3.000000e+01], [5.000000e+00, 1.000000e+01, 1.500000e+01]]> : tensor<2x3xf32>
// CHECK-DAG: %[[MAX:.*]] = tessera.constant dense<{{\[}}[1.500000e+00, 1.000000e+00, 3.000000e+00], [2.000000e+00, 2.000000e+00, 3.000000e+00]]> : tensor<2x3xf32>
// CHECK-DAG: %[[MIN:.*]] = tessera.constant dense<{{\[}}[1.000000e+00, 5.000000e-01, 1.000000e+00], [1.500000e+00, 5.000000e-01, 2.000000e+00]]> : tensor<2x3xf32>
// CHECK-DAG: %[[POW:.*]] = tessera.constant dense<{{\[}}[1.000000e+00, 4.000000e+00, 1.600000e+01, 2.000000e+00], [1.000000e+00, 9.000000e+00, 8.100000e+01, 3.000000e+00]]> : tensor<2x4xf32>
// CHECK-NOT: tessera.add
// CHECK-NOT: tessera.sub
// CHECK-NOT: tessera.mul
// CHECK-NOT: tessera.div
// CHECK-NOT: tessera.max
// CHECK-NOT: tessera.min
// CHECK-NOT: tessera.pow
// CHECK: return %[[ADD]], %[[SUB]], %[[MUL]], %[[DIV]], %[[MAX]], %[[MIN]], %[[POW]]
func.func @fold_binary_float() -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x4xf32>) {
  %a = tessera.constant dense<[[1.0], [2.0]]> : tensor<2x1xf32>
  %b = tessera.constant dense<[10.0, 20.0, 30.0]> : tensor<3xf32>
  %c = tessera.constant dense<[1.5, 0.5, 3.0]> : tensor<3xf32>
  %d = tessera.constant dense<[[4.0], [9.0]]> : tensor<2x1xf32>
  %e = tessera.constant dense<[0.0, 1.0, 2.0, 0.5]> : tensor<4xf32>
  %0 = tessera.add %a, %b : (tensor<2x1xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = tessera.sub %a, %b : (tensor<2x1xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %2 = tessera.mul %a, %b : (tensor<2x1xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %3 = tessera.div %b, %a : (tensor<3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
  %4 = tessera.max %a, %c : (tensor<2x1xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %5 = tessera.min %a, %c : (tensor<2x1xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %6 = tessera.pow %d, %e : (tensor<2x1xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x4xf32>
}

// -----

// IEEE special cases fold: x / 0 is +-inf or NaN (0 / 0); max and min
// propagate NaN and order -0.0 below +0.0; f16 arithmetic rounds to f16
// (2048 + 1 = 2049 is a tie between 2048 and 2050, to even: 2048); splats
// with a rank-0 operand give splats.
// CHECK-LABEL: func.func @fold_binary_float_special
// CHECK-DAG: %[[DIV:.*]] = tessera.constant dense<[0x7F800000, 0xFF800000, 0x7FC00000]> : tensor<3xf32>
// CHECK-DAG: %[[MAX:.*]] = tessera.constant dense<[0x7FC00000, 0.000000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[MIN:.*]] = tessera.constant dense<[0x7FC00000, -0.000000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[H:.*]] = tessera.constant dense<[2.048000e+03, 2.050000e+03]> : tensor<2xf16>
// CHECK-DAG: %[[S:.*]] = tessera.constant dense<7.500000e-01> : tensor<2x2xbf16>
// CHECK-NOT: tessera.div
// CHECK-NOT: tessera.max
// CHECK-NOT: tessera.min
// CHECK-NOT: tessera.add
// CHECK-NOT: tessera.mul
// CHECK: return %[[DIV]], %[[MAX]], %[[MIN]], %[[H]], %[[S]]
func.func @fold_binary_float_special() -> (tensor<3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf16>, tensor<2x2xbf16>) {
  %n = tessera.constant dense<[1.0, -1.0, 0.0]> : tensor<3xf32>
  %z = tessera.constant dense<0.0> : tensor<f32>
  %p = tessera.constant dense<[0x7FC00000, -0.0]> : tensor<2xf32>
  %q = tessera.constant dense<[1.0, 0.0]> : tensor<2xf32>
  %h = tessera.constant dense<2048.0> : tensor<2xf16>
  %k = tessera.constant dense<[1.0, 2.0]> : tensor<2xf16>
  %b = tessera.constant dense<1.5> : tensor<2x2xbf16>
  %c = tessera.constant dense<0.5> : tensor<bf16>
  %0 = tessera.div %n, %z : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  %1 = tessera.max %p, %q : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %2 = tessera.min %p, %q : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %3 = tessera.add %h, %k : (tensor<2xf16>, tensor<2xf16>) -> tensor<2xf16>
  %4 = tessera.mul %b, %c : (tensor<2x2xbf16>, tensor<bf16>) -> tensor<2x2xbf16>
  return %0, %1, %2, %3, %4 : tensor<3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf16>, tensor<2x2xbf16>
}

// -----

// Signed integers: a = [[7], [-7]] (2x1), b = [2, -2, 3]:
//   a + b = [[9, 5, 10], [-5, -9, -4]]
//   a - b = [[5, 9, 4], [-9, -5, -10]]
//   a * b = [[14, -14, 21], [-14, 14, -21]]
//   a / b truncates toward zero: [[3, -3, 2], [-3, 3, -2]]
//   max(a, b) = [[7, 7, 7], [2, -2, 3]], min(a, b) = [[2, -2, 3], [-7, -7, -7]]
// CHECK-LABEL: func.func @fold_binary_int
// CHECK-DAG: %[[ADD:.*]] = tessera.constant dense<{{\[}}[9, 5, 10], [-5, -9, -4]]> : tensor<2x3xi32>
// CHECK-DAG: %[[SUB:.*]] = tessera.constant dense<{{\[}}[5, 9, 4], [-9, -5, -10]]> : tensor<2x3xi32>
// CHECK-DAG: %[[MUL:.*]] = tessera.constant dense<{{\[}}[14, -14, 21], [-14, 14, -21]]> : tensor<2x3xi32>
// CHECK-DAG: %[[DIV:.*]] = tessera.constant dense<{{\[}}[3, -3, 2], [-3, 3, -2]]> : tensor<2x3xi32>
// CHECK-DAG: %[[MAX:.*]] = tessera.constant dense<{{\[}}[7, 7, 7], [2, -2, 3]]> : tensor<2x3xi32>
// CHECK-DAG: %[[MIN:.*]] = tessera.constant dense<{{\[}}[2, -2, 3], [-7, -7, -7]]> : tensor<2x3xi32>
// CHECK-NOT: tessera.add
// CHECK-NOT: tessera.sub
// CHECK-NOT: tessera.mul
// CHECK-NOT: tessera.div
// CHECK-NOT: tessera.max
// CHECK-NOT: tessera.min
// CHECK: return %[[ADD]], %[[SUB]], %[[MUL]], %[[DIV]], %[[MAX]], %[[MIN]]
func.func @fold_binary_int() -> (tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>) {
  %a = tessera.constant dense<[[7], [-7]]> : tensor<2x1xi32>
  %b = tessera.constant dense<[2, -2, 3]> : tensor<3xi32>
  %0 = tessera.add %a, %b : (tensor<2x1xi32>, tensor<3xi32>) -> tensor<2x3xi32>
  %1 = tessera.sub %a, %b : (tensor<2x1xi32>, tensor<3xi32>) -> tensor<2x3xi32>
  %2 = tessera.mul %a, %b : (tensor<2x1xi32>, tensor<3xi32>) -> tensor<2x3xi32>
  %3 = tessera.div %a, %b : (tensor<2x1xi32>, tensor<3xi32>) -> tensor<2x3xi32>
  %4 = tessera.max %a, %b : (tensor<2x1xi32>, tensor<3xi32>) -> tensor<2x3xi32>
  %5 = tessera.min %a, %b : (tensor<2x1xi32>, tensor<3xi32>) -> tensor<2x3xi32>
  return %0, %1, %2, %3, %4, %5 : tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>
}

// -----

// Integer division by zero (in any element) and INT_MIN / -1 are left to run
// time.
// CHECK-LABEL: func.func @fold_int_div_by_zero
// CHECK-DAG: %[[A:.*]] = tessera.constant dense<[6, 8]> : tensor<2xi32>
// CHECK-DAG: %[[B:.*]] = tessera.constant dense<[3, 0]> : tensor<2xi32>
// CHECK-DAG: %[[Z:.*]] = tessera.constant dense<0> : tensor<ui8>
// CHECK-DAG: %[[U:.*]] = tessera.constant dense<[1, 2]> : tensor<2xui8>
// CHECK-DAG: %[[MIN:.*]] = tessera.constant dense<-2147483648> : tensor<i32>
// CHECK-DAG: %[[M1:.*]] = tessera.constant dense<-1> : tensor<i32>
// CHECK: %[[D0:.*]] = tessera.div %[[A]], %[[B]] : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
// CHECK: %[[D1:.*]] = tessera.div %[[U]], %[[Z]] : (tensor<2xui8>, tensor<ui8>) -> tensor<2xui8>
// CHECK: %[[D2:.*]] = tessera.div %[[MIN]], %[[M1]] : (tensor<i32>, tensor<i32>) -> tensor<i32>
// CHECK: return %[[D0]], %[[D1]], %[[D2]]
func.func @fold_int_div_by_zero() -> (tensor<2xi32>, tensor<2xui8>, tensor<i32>) {
  %a = tessera.constant dense<[6, 8]> : tensor<2xi32>
  %b = tessera.constant dense<[3, 0]> : tensor<2xi32>
  %u = tessera.constant dense<[1, 2]> : tensor<2xui8>
  %z = tessera.constant dense<0> : tensor<ui8>
  %min = tessera.constant dense<-2147483648> : tensor<i32>
  %m1 = tessera.constant dense<-1> : tensor<i32>
  %0 = tessera.div %a, %b : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  %1 = tessera.div %u, %z : (tensor<2xui8>, tensor<ui8>) -> tensor<2xui8>
  %2 = tessera.div %min, %m1 : (tensor<i32>, tensor<i32>) -> tensor<i32>
  return %0, %1, %2 : tensor<2xi32>, tensor<2xui8>, tensor<i32>
}

// -----

// Unsigned integers are compared and divided as unsigned: as ui8, 200 is
// 200 (as i8 it would be -56):
//   200 / 3 = 66 (signed: -56 / 3 = -18, i.e. 238), 10 / 3 = 3
//   max([200, 10], [100, 20]) = [200, 20], min = [100, 10]
//   as ui32, 4000000000 / 3 = 1333333333 (signed it would be negative)
// while the same bits as i8 compare as signed numbers:
//   max([-56, 10], [100, 20]) = [100, 20], -56 / 3 = -18.
// CHECK-LABEL: func.func @fold_unsigned
// CHECK-DAG: %[[DIV:.*]] = tessera.constant dense<[66, 3]> : tensor<2xui8>
// CHECK-DAG: %[[MAX:.*]] = tessera.constant dense<[200, 20]> : tensor<2xui8>
// CHECK-DAG: %[[MIN:.*]] = tessera.constant dense<[100, 10]> : tensor<2xui8>
// CHECK-DAG: %[[DIV32:.*]] = tessera.constant dense<1333333333> : tensor<1xui32>
// CHECK-DAG: %[[SMAX:.*]] = tessera.constant dense<[100, 20]> : tensor<2xi8>
// CHECK-DAG: %[[SDIV:.*]] = tessera.constant dense<[-18, 3]> : tensor<2xi8>
// CHECK-NOT: tessera.div
// CHECK-NOT: tessera.max
// CHECK-NOT: tessera.min
// CHECK: return %[[DIV]], %[[MAX]], %[[MIN]], %[[DIV32]], %[[SMAX]], %[[SDIV]]
func.func @fold_unsigned() -> (tensor<2xui8>, tensor<2xui8>, tensor<2xui8>, tensor<1xui32>, tensor<2xi8>, tensor<2xi8>) {
  %a = tessera.constant dense<[200, 10]> : tensor<2xui8>
  %b = tessera.constant dense<[100, 20]> : tensor<2xui8>
  %three = tessera.constant dense<3> : tensor<ui8>
  %big = tessera.constant dense<4000000000> : tensor<1xui32>
  %three32 = tessera.constant dense<3> : tensor<1xui32>
  %sa = tessera.constant dense<[-56, 10]> : tensor<2xi8>
  %sb = tessera.constant dense<[100, 20]> : tensor<2xi8>
  %sthree = tessera.constant dense<3> : tensor<i8>
  %0 = tessera.div %a, %three : (tensor<2xui8>, tensor<ui8>) -> tensor<2xui8>
  %1 = tessera.max %a, %b : (tensor<2xui8>, tensor<2xui8>) -> tensor<2xui8>
  %2 = tessera.min %a, %b : (tensor<2xui8>, tensor<2xui8>) -> tensor<2xui8>
  %3 = tessera.div %big, %three32 : (tensor<1xui32>, tensor<1xui32>) -> tensor<1xui32>
  %4 = tessera.max %sa, %sb : (tensor<2xi8>, tensor<2xi8>) -> tensor<2xi8>
  %5 = tessera.div %sa, %sthree : (tensor<2xi8>, tensor<i8>) -> tensor<2xi8>
  return %0, %1, %2, %3, %4, %5 : tensor<2xui8>, tensor<2xui8>, tensor<2xui8>, tensor<1xui32>, tensor<2xi8>, tensor<2xi8>
}

// -----

// Logical ops with broadcasting: a = [[true], [false]], b = [true, false]:
//   and = [[true, false], [false, false]], or = [[true, true], [true, false]],
//   xor = [[false, true], [true, false]].
// CHECK-LABEL: func.func @fold_logical
// CHECK-DAG: %[[AND:.*]] = tessera.constant dense<{{\[}}[true, false], [false, false]]> : tensor<2x2xi1>
// CHECK-DAG: %[[OR:.*]] = tessera.constant dense<{{\[}}[true, true], [true, false]]> : tensor<2x2xi1>
// CHECK-DAG: %[[XOR:.*]] = tessera.constant dense<{{\[}}[false, true], [true, false]]> : tensor<2x2xi1>
// CHECK-NOT: tessera.logical
// CHECK: return %[[AND]], %[[OR]], %[[XOR]]
func.func @fold_logical() -> (tensor<2x2xi1>, tensor<2x2xi1>, tensor<2x2xi1>) {
  %a = tessera.constant dense<[[true], [false]]> : tensor<2x1xi1>
  %b = tessera.constant dense<[true, false]> : tensor<2xi1>
  %0 = tessera.logical_and %a, %b : (tensor<2x1xi1>, tensor<2xi1>) -> tensor<2x2xi1>
  %1 = tessera.logical_or %a, %b : (tensor<2x1xi1>, tensor<2xi1>) -> tensor<2x2xi1>
  %2 = tessera.logical_xor %a, %b : (tensor<2x1xi1>, tensor<2xi1>) -> tensor<2x2xi1>
  return %0, %1, %2 : tensor<2x2xi1>, tensor<2x2xi1>, tensor<2x2xi1>
}

// -----

// Float comparisons are ordered: with NaN every direction is false but ne;
// -0.0 equals 0.0. lhs [1, 2, NaN, -0.0, 3, 5], rhs [2, 2, NaN, 0.0, NaN, 4]:
//   eq [F, T, F, T, F, F], ne [T, F, T, F, T, T], lt [T, F, F, F, F, F],
//   le [T, T, F, T, F, F], gt [F, F, F, F, F, T], ge [F, T, F, T, F, T].
// CHECK-LABEL: func.func @fold_compare_float
// CHECK-DAG: %[[EQ:.*]] = tessera.constant dense<[false, true, false, true, false, false]> : tensor<6xi1>
// CHECK-DAG: %[[NE:.*]] = tessera.constant dense<[true, false, true, false, true, true]> : tensor<6xi1>
// CHECK-DAG: %[[LT:.*]] = tessera.constant dense<[true, false, false, false, false, false]> : tensor<6xi1>
// CHECK-DAG: %[[LE:.*]] = tessera.constant dense<[true, true, false, true, false, false]> : tensor<6xi1>
// CHECK-DAG: %[[GT:.*]] = tessera.constant dense<[false, false, false, false, false, true]> : tensor<6xi1>
// CHECK-DAG: %[[GE:.*]] = tessera.constant dense<[false, true, false, true, false, true]> : tensor<6xi1>
// CHECK-NOT: tessera.compare
// CHECK: return %[[EQ]], %[[NE]], %[[LT]], %[[LE]], %[[GT]], %[[GE]]
func.func @fold_compare_float() -> (tensor<6xi1>, tensor<6xi1>, tensor<6xi1>, tensor<6xi1>, tensor<6xi1>, tensor<6xi1>) {
  %a = tessera.constant dense<[1.0, 2.0, 0x7FC00000, -0.0, 3.0, 5.0]> : tensor<6xf32>
  %b = tessera.constant dense<[2.0, 2.0, 0x7FC00000, 0.0, 0x7FC00000, 4.0]> : tensor<6xf32>
  %0 = tessera.compare eq, %a, %b : (tensor<6xf32>, tensor<6xf32>) -> tensor<6xi1>
  %1 = tessera.compare ne, %a, %b : (tensor<6xf32>, tensor<6xf32>) -> tensor<6xi1>
  %2 = tessera.compare lt, %a, %b : (tensor<6xf32>, tensor<6xf32>) -> tensor<6xi1>
  %3 = tessera.compare le, %a, %b : (tensor<6xf32>, tensor<6xf32>) -> tensor<6xi1>
  %4 = tessera.compare gt, %a, %b : (tensor<6xf32>, tensor<6xf32>) -> tensor<6xi1>
  %5 = tessera.compare ge, %a, %b : (tensor<6xf32>, tensor<6xf32>) -> tensor<6xi1>
  return %0, %1, %2, %3, %4, %5 : tensor<6xi1>, tensor<6xi1>, tensor<6xi1>, tensor<6xi1>, tensor<6xi1>, tensor<6xi1>
}

// -----

// Integer comparisons with broadcasting, signed and unsigned, and splats:
//   [[1], [3]] lt [2, 3, 4] = [[T, T, T], [F, F, T]] (i64)
//   ui8 [200, 5] gt [100, 5] = [T, F]; i8 [-56, 5] gt [100, 5] = [F, F]
//   ui32 4000000000 ge 1 = T
//   splat 1.0 (4xf32) lt splat 2.0 (rank 0) = splat true
// CHECK-LABEL: func.func @fold_compare_int
// CHECK-DAG: %[[LT:.*]] = tessera.constant dense<{{\[}}[true, true, true], [false, false, true]]> : tensor<2x3xi1>
// CHECK-DAG: %[[UGT:.*]] = tessera.constant dense<[true, false]> : tensor<2xi1>
// CHECK-DAG: %[[SGT:.*]] = tessera.constant dense<false> : tensor<2xi1>
// CHECK-DAG: %[[UGE:.*]] = tessera.constant dense<true> : tensor<i1>
// CHECK-DAG: %[[SPLAT:.*]] = tessera.constant dense<true> : tensor<4xi1>
// CHECK-NOT: tessera.compare
// CHECK: return %[[LT]], %[[UGT]], %[[SGT]], %[[UGE]], %[[SPLAT]]
func.func @fold_compare_int() -> (tensor<2x3xi1>, tensor<2xi1>, tensor<2xi1>, tensor<i1>, tensor<4xi1>) {
  %a = tessera.constant dense<[[1], [3]]> : tensor<2x1xi64>
  %b = tessera.constant dense<[2, 3, 4]> : tensor<3xi64>
  %u = tessera.constant dense<[200, 5]> : tensor<2xui8>
  %v = tessera.constant dense<[100, 5]> : tensor<2xui8>
  %s = tessera.constant dense<[-56, 5]> : tensor<2xi8>
  %t = tessera.constant dense<[100, 5]> : tensor<2xi8>
  %big = tessera.constant dense<4000000000> : tensor<ui32>
  %one = tessera.constant dense<1> : tensor<ui32>
  %f1 = tessera.constant dense<1.0> : tensor<4xf32>
  %f2 = tessera.constant dense<2.0> : tensor<f32>
  %0 = tessera.compare lt, %a, %b : (tensor<2x1xi64>, tensor<3xi64>) -> tensor<2x3xi1>
  %1 = tessera.compare gt, %u, %v : (tensor<2xui8>, tensor<2xui8>) -> tensor<2xi1>
  %2 = tessera.compare gt, %s, %t : (tensor<2xi8>, tensor<2xi8>) -> tensor<2xi1>
  %3 = tessera.compare ge, %big, %one : (tensor<ui32>, tensor<ui32>) -> tensor<i1>
  %4 = tessera.compare lt, %f1, %f2 : (tensor<4xf32>, tensor<f32>) -> tensor<4xi1>
  return %0, %1, %2, %3, %4 : tensor<2x3xi1>, tensor<2xi1>, tensor<2xi1>, tensor<i1>, tensor<4xi1>
}

// -----

// where with constant operands and broadcasting:
//   where([[T], [F]], [1, 2, 3], 0.0) = [[1, 2, 3], [0, 0, 0]]
//   where([T, F, T], [1, 2, 3], [-1, -2, -3]) = [1, -2, 3]
// and not folded with a non-constant condition.
// CHECK-LABEL: func.func @fold_where
// CHECK-SAME: (%[[C:[^:]*]]: tensor<3xi1>)
// CHECK-DAG: %[[W0:.*]] = tessera.constant dense<{{\[}}[1.000000e+00, 2.000000e+00, 3.000000e+00], [0.000000e+00, 0.000000e+00, 0.000000e+00]]> : tensor<2x3xf32>
// CHECK-DAG: %[[W1:.*]] = tessera.constant dense<[1, -2, 3]> : tensor<3xi32>
// CHECK-DAG: %[[T:.*]] = tessera.constant dense<[1, 2, 3]> : tensor<3xi32>
// CHECK-DAG: %[[F:.*]] = tessera.constant dense<[-1, -2, -3]> : tensor<3xi32>
// CHECK: %[[W2:.*]] = tessera.where %[[C]], %[[T]], %[[F]]
// CHECK: return %[[W0]], %[[W1]], %[[W2]]
func.func @fold_where(%c: tensor<3xi1>) -> (tensor<2x3xf32>, tensor<3xi32>, tensor<3xi32>) {
  %c0 = tessera.constant dense<[[true], [false]]> : tensor<2x1xi1>
  %t0 = tessera.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %f0 = tessera.constant dense<0.0> : tensor<f32>
  %c1 = tessera.constant dense<[true, false, true]> : tensor<3xi1>
  %t1 = tessera.constant dense<[1, 2, 3]> : tensor<3xi32>
  %f1 = tessera.constant dense<[-1, -2, -3]> : tensor<3xi32>
  %0 = tessera.where %c0, %t0, %f0 : (tensor<2x1xi1>, tensor<3xf32>, tensor<f32>) -> tensor<2x3xf32>
  %1 = tessera.where %c1, %t1, %f1 : (tensor<3xi1>, tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  %2 = tessera.where %c, %t1, %f1 : (tensor<3xi1>, tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  return %0, %1, %2 : tensor<2x3xf32>, tensor<3xi32>, tensor<3xi32>
}

// -----

//===----------------------------------------------------------------------===//
// Constant folding: cast
//===----------------------------------------------------------------------===//

// float -> int truncates toward zero (-0.5 -> 0 fits an unsigned type);
// float -> i1 and int -> i1 are x != 0 (NaN != 0); i1 -> int/float is 0 or 1;
// unsigned integers zero-extend, signed ones sign-extend; float -> float
// rounds to the nearest:
//   0.1f32 -> f16 0.0999755859 (1638 * 2^-14), -> bf16 0.100097656 (205 * 2^-11)
//   3.14159274f32 -> f16 3.140625 (1608 * 2^-9), -> bf16 3.140625 (201 * 2^-6)
//   0.1f32 -> f64 0.100000001490116119384765625 exactly
// CHECK-LABEL: func.func @fold_cast
// CHECK-DAG: %[[I8:.*]] = tessera.constant dense<[2, -2, 0, 127]> : tensor<4xi8>
// CHECK-DAG: %[[U8:.*]] = tessera.constant dense<[255, 0, 0]> : tensor<3xui8>
// CHECK-DAG: %[[FB:.*]] = tessera.constant dense<[false, false, true, true, true]> : tensor<5xi1>
// CHECK-DAG: %[[BF:.*]] = tessera.constant dense<[1.000000e+00, 0.000000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[BI:.*]] = tessera.constant dense<[1, 0]> : tensor<2xi32>
// CHECK-DAG: %[[BU:.*]] = tessera.constant dense<[1, 0]> : tensor<2xui8>
// CHECK-DAG: %[[IB:.*]] = tessera.constant dense<[false, true, true]> : tensor<3xi1>
// CHECK-DAG: %[[IH:.*]] = tessera.constant dense<[-3.000000e+00, 7.000000e+00, 0.000000e+00]> : tensor<3xf16>
// CHECK-DAG: %[[FH:.*]] = tessera.constant dense<[9.997550e-02, 3.140630e+00]> : tensor<2xf16>
// CHECK-DAG: %[[FBF:.*]] = tessera.constant dense<[1.000980e-01, 3.140630e+00]> : tensor<2xbf16>
// CHECK-DAG: %[[FD:.*]] = tessera.constant dense<[0.10000000149011612, 3.1415927410125732]> : tensor<2xf64>
// CHECK-DAG: %[[UI:.*]] = tessera.constant dense<[200, 0]> : tensor<2xi32>
// CHECK-DAG: %[[SI:.*]] = tessera.constant dense<[-56, 1]> : tensor<2xi64>
// CHECK-DAG: %[[UF:.*]] = tessera.constant dense<[4.000000e+09, 1.000000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[SPLAT:.*]] = tessera.constant dense<-2> : tensor<4x4xi32>
// CHECK-NOT: tessera.cast
// CHECK: return %[[I8]], %[[U8]], %[[FB]], %[[BF]], %[[BI]], %[[BU]], %[[IB]], %[[IH]], %[[FH]], %[[FBF]], %[[FD]], %[[UI]], %[[SI]], %[[UF]], %[[SPLAT]]
func.func @fold_cast() -> (tensor<4xi8>, tensor<3xui8>, tensor<5xi1>, tensor<2xf32>, tensor<2xi32>, tensor<2xui8>, tensor<3xi1>, tensor<3xf16>, tensor<2xf16>, tensor<2xbf16>, tensor<2xf64>, tensor<2xi32>, tensor<2xi64>, tensor<2xf32>, tensor<4x4xi32>) {
  %f = tessera.constant dense<[2.7, -2.7, 0.0, 127.9]> : tensor<4xf32>
  %g = tessera.constant dense<[255.9, 0.5, -0.5]> : tensor<3xf32>
  %h = tessera.constant dense<[0.0, -0.0, 0.5, 0x7FC00000, -3.0]> : tensor<5xf32>
  %b = tessera.constant dense<[true, false]> : tensor<2xi1>
  %i = tessera.constant dense<[0, 5, -3]> : tensor<3xi32>
  %j = tessera.constant dense<[-3, 7, 0]> : tensor<3xi32>
  %k = tessera.constant dense<[0.1, 3.14159274]> : tensor<2xf32>
  %u = tessera.constant dense<[200, 0]> : tensor<2xui8>
  %s = tessera.constant dense<[-56, 1]> : tensor<2xi8>
  %v = tessera.constant dense<[4000000000, 1]> : tensor<2xui32>
  %w = tessera.constant dense<-2.9> : tensor<4x4xf32>
  %0 = tessera.cast %f : tensor<4xf32> to tensor<4xi8>
  %1 = tessera.cast %g : tensor<3xf32> to tensor<3xui8>
  %2 = tessera.cast %h : tensor<5xf32> to tensor<5xi1>
  %3 = tessera.cast %b : tensor<2xi1> to tensor<2xf32>
  %4 = tessera.cast %b : tensor<2xi1> to tensor<2xi32>
  %5 = tessera.cast %b : tensor<2xi1> to tensor<2xui8>
  %6 = tessera.cast %i : tensor<3xi32> to tensor<3xi1>
  %7 = tessera.cast %j : tensor<3xi32> to tensor<3xf16>
  %8 = tessera.cast %k : tensor<2xf32> to tensor<2xf16>
  %9 = tessera.cast %k : tensor<2xf32> to tensor<2xbf16>
  %10 = tessera.cast %k : tensor<2xf32> to tensor<2xf64>
  %11 = tessera.cast %u : tensor<2xui8> to tensor<2xi32>
  %12 = tessera.cast %s : tensor<2xi8> to tensor<2xi64>
  %13 = tessera.cast %v : tensor<2xui32> to tensor<2xf32>
  %14 = tessera.cast %w : tensor<4x4xf32> to tensor<4x4xi32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14 : tensor<4xi8>, tensor<3xui8>, tensor<5xi1>, tensor<2xf32>, tensor<2xi32>, tensor<2xui8>, tensor<3xi1>, tensor<3xf16>, tensor<2xf16>, tensor<2xbf16>, tensor<2xf64>, tensor<2xi32>, tensor<2xi64>, tensor<2xf32>, tensor<4x4xi32>
}

// -----

// float -> int where a value does not fit (300 and -1 in ui8, 128 in i8,
// 3e9 in i32, NaN, inf) is left to run time.
// CHECK-LABEL: func.func @fold_cast_out_of_range
// CHECK-COUNT-6: tessera.cast
// CHECK: return
func.func @fold_cast_out_of_range() -> (tensor<2xui8>, tensor<ui8>, tensor<i8>, tensor<i32>, tensor<2xi32>, tensor<i64>) {
  %a = tessera.constant dense<[1.0, 300.0]> : tensor<2xf32>
  %b = tessera.constant dense<-1.0> : tensor<f32>
  %c = tessera.constant dense<128.0> : tensor<f32>
  %d = tessera.constant dense<3.0e9> : tensor<f32>
  %e = tessera.constant dense<[1.0, 0x7FC00000]> : tensor<2xf32>
  %f = tessera.constant dense<0x7F800000> : tensor<f32>
  %0 = tessera.cast %a : tensor<2xf32> to tensor<2xui8>
  %1 = tessera.cast %b : tensor<f32> to tensor<ui8>
  %2 = tessera.cast %c : tensor<f32> to tensor<i8>
  %3 = tessera.cast %d : tensor<f32> to tensor<i32>
  %4 = tessera.cast %e : tensor<2xf32> to tensor<2xi32>
  %5 = tessera.cast %f : tensor<f32> to tensor<i64>
  return %0, %1, %2, %3, %4, %5 : tensor<2xui8>, tensor<ui8>, tensor<i8>, tensor<i32>, tensor<2xi32>, tensor<i64>
}

// -----

//===----------------------------------------------------------------------===//
// Constant folding: reductions
//===----------------------------------------------------------------------===//

// a = [[1, 2, 3], [4, 5, 6]]:
//   sum over [1] = [6, 15]; sum over [0] keepdims = [[5, 7, 9]];
//   mean over [0, 1] = 21 / 6 = 3.5; mean over [1] keepdims = [[2], [5]];
//   max over [0] = [4, 5, 6]; min over [1] = [1, 4].
// A splat 2.0 of 4x8 summed over [1] is a splat 16.0.
// CHECK-LABEL: func.func @fold_reduce_float
// CHECK-DAG: %[[S1:.*]] = tessera.constant dense<[6.000000e+00, 1.500000e+01]> : tensor<2xf32>
// CHECK-DAG: %[[S0:.*]] = tessera.constant dense<{{\[}}[5.000000e+00, 7.000000e+00, 9.000000e+00]]> : tensor<1x3xf32>
// CHECK-DAG: %[[M01:.*]] = tessera.constant dense<3.500000e+00> : tensor<f32>
// CHECK-DAG: %[[M1:.*]] = tessera.constant dense<{{\[}}[2.000000e+00], [5.000000e+00]]> : tensor<2x1xf32>
// CHECK-DAG: %[[MAX:.*]] = tessera.constant dense<[4.000000e+00, 5.000000e+00, 6.000000e+00]> : tensor<3xf32>
// CHECK-DAG: %[[MIN:.*]] = tessera.constant dense<[1.000000e+00, 4.000000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[SPLAT:.*]] = tessera.constant dense<1.600000e+01> : tensor<4xf32>
// CHECK-NOT: tessera.reduce
// CHECK: return %[[S1]], %[[S0]], %[[M01]], %[[M1]], %[[MAX]], %[[MIN]], %[[SPLAT]]
func.func @fold_reduce_float() -> (tensor<2xf32>, tensor<1x3xf32>, tensor<f32>, tensor<2x1xf32>, tensor<3xf32>, tensor<2xf32>, tensor<4xf32>) {
  %a = tessera.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %s = tessera.constant dense<2.0> : tensor<4x8xf32>
  %0 = tessera.reduce_sum %a axes = [1] : (tensor<2x3xf32>) -> tensor<2xf32>
  %1 = tessera.reduce_sum %a axes = [0] keepdims : (tensor<2x3xf32>) -> tensor<1x3xf32>
  %2 = tessera.reduce_mean %a axes = [0, 1] : (tensor<2x3xf32>) -> tensor<f32>
  %3 = tessera.reduce_mean %a axes = [1] keepdims : (tensor<2x3xf32>) -> tensor<2x1xf32>
  %4 = tessera.reduce_max %a axes = [0] : (tensor<2x3xf32>) -> tensor<3xf32>
  %5 = tessera.reduce_min %a axes = [1] : (tensor<2x3xf32>) -> tensor<2xf32>
  %6 = tessera.reduce_sum %s axes = [1] : (tensor<4x8xf32>) -> tensor<4xf32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<2xf32>, tensor<1x3xf32>, tensor<f32>, tensor<2x1xf32>, tensor<3xf32>, tensor<2xf32>, tensor<4xf32>
}

// -----

// b = [[[1, 2], [3, 4]], [[5, 6], [7, 8]]] (i32):
//   sum over [1] = [[1+3, 2+4], [5+7, 6+8]] = [[4, 6], [12, 14]]
//   max over [0, 2] keepdims = [[[max(1,2,5,6)], [max(3,4,7,8)]]] = [[[6], [8]]]
//   min over [2] = [[1, 3], [5, 7]]
//   sum over all keepdims = [[[36]]]
// u = [[200, 10], [5, 100]] as ui8: max over [1] = [200, 100], min = [10, 5]
// (as i8, 200 is -56: max over [1] of [[-56, 10], [5, 100]] = [10, 100]).
// CHECK-LABEL: func.func @fold_reduce_int
// CHECK-DAG: %[[SUM:.*]] = tessera.constant dense<{{\[}}[4, 6], [12, 14]]> : tensor<2x2xi32>
// CHECK-DAG: %[[MAX:.*]] = tessera.constant dense<{{\[}}{{\[}}[6], [8]]]> : tensor<1x2x1xi32>
// CHECK-DAG: %[[MIN:.*]] = tessera.constant dense<{{\[}}[1, 3], [5, 7]]> : tensor<2x2xi32>
// CHECK-DAG: %[[ALL:.*]] = tessera.constant dense<36> : tensor<1x1x1xi32>
// CHECK-DAG: %[[UMAX:.*]] = tessera.constant dense<[200, 100]> : tensor<2xui8>
// CHECK-DAG: %[[UMIN:.*]] = tessera.constant dense<[10, 5]> : tensor<2xui8>
// CHECK-DAG: %[[SMAX:.*]] = tessera.constant dense<[10, 100]> : tensor<2xi8>
// CHECK-NOT: tessera.reduce
// CHECK: return %[[SUM]], %[[MAX]], %[[MIN]], %[[ALL]], %[[UMAX]], %[[UMIN]], %[[SMAX]]
func.func @fold_reduce_int() -> (tensor<2x2xi32>, tensor<1x2x1xi32>, tensor<2x2xi32>, tensor<1x1x1xi32>, tensor<2xui8>, tensor<2xui8>, tensor<2xi8>) {
  %b = tessera.constant dense<[[[1, 2], [3, 4]], [[5, 6], [7, 8]]]> : tensor<2x2x2xi32>
  %u = tessera.constant dense<[[200, 10], [5, 100]]> : tensor<2x2xui8>
  %s = tessera.constant dense<[[-56, 10], [5, 100]]> : tensor<2x2xi8>
  %0 = tessera.reduce_sum %b axes = [1] : (tensor<2x2x2xi32>) -> tensor<2x2xi32>
  %1 = tessera.reduce_max %b axes = [0, 2] keepdims : (tensor<2x2x2xi32>) -> tensor<1x2x1xi32>
  %2 = tessera.reduce_min %b axes = [2] : (tensor<2x2x2xi32>) -> tensor<2x2xi32>
  %3 = tessera.reduce_sum %b axes = [0, 1, 2] keepdims : (tensor<2x2x2xi32>) -> tensor<1x1x1xi32>
  %4 = tessera.reduce_max %u axes = [1] : (tensor<2x2xui8>) -> tensor<2xui8>
  %5 = tessera.reduce_min %u axes = [1] : (tensor<2x2xui8>) -> tensor<2xui8>
  %6 = tessera.reduce_max %s axes = [1] : (tensor<2x2xi8>) -> tensor<2xi8>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<2x2xi32>, tensor<1x2x1xi32>, tensor<2x2xi32>, tensor<1x1x1xi32>, tensor<2xui8>, tensor<2xui8>, tensor<2xi8>
}

// -----

// Reductions of f16 / bf16 constants give the sum or mean rounded once to the
// element type, as a kernel accumulating in f32 would:
//   mean([60000, 60000]) = 60000 (representable in f16; an f16 running sum
//   would overflow to inf at 120000);
//   sum of 4096 ones = 4096 (representable in f16; an f16 running sum stops
//   at 2048, where 2048 + 1 rounds back to 2048);
//   mean of 512 ones = 1 in bf16 (a bf16 running sum stops at 256).
// CHECK-LABEL: func.func @fold_reduce_low_precision
// CHECK-DAG: %[[MEAN:.*]] = tessera.constant dense<6.000000e+04> : tensor<f16>
// CHECK-DAG: %[[SUM:.*]] = tessera.constant dense<4.096000e+03> : tensor<f16>
// CHECK-DAG: %[[BMEAN:.*]] = tessera.constant dense<1.000000e+00> : tensor<bf16>
// CHECK-NOT: tessera.reduce
// CHECK: return %[[MEAN]], %[[SUM]], %[[BMEAN]]
func.func @fold_reduce_low_precision() -> (tensor<f16>, tensor<f16>, tensor<bf16>) {
  %a = tessera.constant dense<60000.0> : tensor<2xf16>
  %b = tessera.constant dense<1.0> : tensor<4096xf16>
  %c = tessera.constant dense<1.0> : tensor<512xbf16>
  %0 = tessera.reduce_mean %a axes = [0] : (tensor<2xf16>) -> tensor<f16>
  %1 = tessera.reduce_sum %b axes = [0] : (tensor<4096xf16>) -> tensor<f16>
  %2 = tessera.reduce_mean %c axes = [0] : (tensor<512xbf16>) -> tensor<bf16>
  return %0, %1, %2 : tensor<f16>, tensor<f16>, tensor<bf16>
}

// -----

//===----------------------------------------------------------------------===//
// Constant folding: data movement
//===----------------------------------------------------------------------===//

// transpose [[1, 2, 3], [4, 5, 6]] by [1, 0] = [[1, 4], [2, 5], [3, 6]];
// c[i][j][k] = 6i + 3j + k (2x2x3) by [2, 0, 1] gives r[k][i][j] = 6i + 3j + k:
//   [[[0, 3], [6, 9]], [[1, 4], [7, 10]], [[2, 5], [8, 11]]];
// a splat stays a splat.
// CHECK-LABEL: func.func @fold_transpose
// CHECK-DAG: %[[T2:.*]] = tessera.constant dense<{{\[}}[1.000000e+00, 4.000000e+00], [2.000000e+00, 5.000000e+00], [3.000000e+00, 6.000000e+00]]> : tensor<3x2xf32>
// CHECK-DAG: %[[T3:.*]] = tessera.constant dense<{{\[}}{{\[}}[0, 3], [6, 9]], {{\[}}[1, 4], [7, 10]], {{\[}}[2, 5], [8, 11]]]> : tensor<3x2x2xi32>
// CHECK-DAG: %[[TS:.*]] = tessera.constant dense<true> : tensor<5x2xi1>
// CHECK-NOT: tessera.transpose
// CHECK: return %[[T2]], %[[T3]], %[[TS]]
func.func @fold_transpose() -> (tensor<3x2xf32>, tensor<3x2x2xi32>, tensor<5x2xi1>) {
  %a = tessera.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %c = tessera.constant dense<[[[0, 1, 2], [3, 4, 5]], [[6, 7, 8], [9, 10, 11]]]> : tensor<2x2x3xi32>
  %s = tessera.constant dense<true> : tensor<2x5xi1>
  %0 = tessera.transpose %a permutation = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %1 = tessera.transpose %c permutation = [2, 0, 1] : (tensor<2x2x3xi32>) -> tensor<3x2x2xi32>
  %2 = tessera.transpose %s permutation = [1, 0] : (tensor<2x5xi1>) -> tensor<5x2xi1>
  return %0, %1, %2 : tensor<3x2xf32>, tensor<3x2x2xi32>, tensor<5x2xi1>
}

// -----

// broadcast [1, 2, 3] to 2x3 = [[1, 2, 3], [1, 2, 3]];
// broadcast [[1], [2]] to 2x2x3 = [[[1, 1, 1], [2, 2, 2]], [[1, 1, 1], [2, 2, 2]]];
// reshape [[1, 2, 3], [4, 5, 6]] to 3x2 = [[1, 2], [3, 4], [5, 6]] and to 6;
// reshape of a rank-0 constant to 1 element.
// CHECK-LABEL: func.func @fold_broadcast_reshape
// CHECK-DAG: %[[B0:.*]] = tessera.constant dense<{{\[}}[1, 2, 3], [1, 2, 3]]> : tensor<2x3xi32>
// CHECK-DAG: %[[B1:.*]] = tessera.constant dense<{{\[}}{{\[}}[1, 1, 1], [2, 2, 2]], {{\[}}[1, 1, 1], [2, 2, 2]]]> : tensor<2x2x3xi32>
// CHECK-DAG: %[[R0:.*]] = tessera.constant dense<{{\[}}[1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00], [5.000000e+00, 6.000000e+00]]> : tensor<3x2xf32>
// CHECK-DAG: %[[R1:.*]] = tessera.constant dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00, 5.000000e+00, 6.000000e+00]> : tensor<6xf32>
// CHECK-DAG: %[[R2:.*]] = tessera.constant dense<768> : tensor<1xi64>
// CHECK-NOT: tessera.broadcast
// CHECK-NOT: tessera.reshape
// CHECK: return %[[B0]], %[[B1]], %[[R0]], %[[R1]], %[[R2]]
func.func @fold_broadcast_reshape() -> (tensor<2x3xi32>, tensor<2x2x3xi32>, tensor<3x2xf32>, tensor<6xf32>, tensor<1xi64>) {
  %v = tessera.constant dense<[1, 2, 3]> : tensor<3xi32>
  %c = tessera.constant dense<[[1], [2]]> : tensor<2x1xi32>
  %a = tessera.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %s = tessera.constant dense<768> : tensor<i64>
  %0 = tessera.broadcast %v : (tensor<3xi32>) -> tensor<2x3xi32>
  %1 = tessera.broadcast %c : (tensor<2x1xi32>) -> tensor<2x2x3xi32>
  %2 = tessera.reshape %a : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %3 = tessera.reshape %a : (tensor<2x3xf32>) -> tensor<6xf32>
  %4 = tessera.reshape %s : (tensor<i64>) -> tensor<1xi64>
  return %0, %1, %2, %3, %4 : tensor<2x3xi32>, tensor<2x2x3xi32>, tensor<3x2xf32>, tensor<6xf32>, tensor<1xi64>
}

// -----

// concat along 0: [[1, 2]] ++ [[3, 4], [5, 6]] = [[1, 2], [3, 4], [5, 6]];
// along 1: [[1], [2]] ++ [[3, 4], [5, 6]] = [[1, 3, 4], [2, 5, 6]];
// equal splats give a splat; a non-constant input prevents the fold.
// CHECK-LABEL: func.func @fold_concat
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2xi64>)
// CHECK-DAG: %[[C0:.*]] = tessera.constant dense<{{\[}}[1, 2], [3, 4], [5, 6]]> : tensor<3x2xi32>
// CHECK-DAG: %[[C1:.*]] = tessera.constant dense<{{\[}}[1.000000e+00, 3.000000e+00, 4.000000e+00], [2.000000e+00, 5.000000e+00, 6.000000e+00]]> : tensor<2x3xf32>
// CHECK-DAG: %[[C2:.*]] = tessera.constant dense<7> : tensor<5xi64>
// CHECK-DAG: %[[K:.*]] = tessera.constant dense<7> : tensor<2xi64>
// CHECK: %[[C3:.*]] = tessera.concat %[[K]], %[[X]] axis = 0
// CHECK: return %[[C0]], %[[C1]], %[[C2]], %[[C3]]
func.func @fold_concat(%x: tensor<2xi64>) -> (tensor<3x2xi32>, tensor<2x3xf32>, tensor<5xi64>, tensor<4xi64>) {
  %a = tessera.constant dense<[[1, 2]]> : tensor<1x2xi32>
  %b = tessera.constant dense<[[3, 4], [5, 6]]> : tensor<2x2xi32>
  %c = tessera.constant dense<[[1.0], [2.0]]> : tensor<2x1xf32>
  %d = tessera.constant dense<[[3.0, 4.0], [5.0, 6.0]]> : tensor<2x2xf32>
  %e = tessera.constant dense<7> : tensor<2xi64>
  %f = tessera.constant dense<7> : tensor<3xi64>
  %0 = tessera.concat %a, %b axis = 0 : (tensor<1x2xi32>, tensor<2x2xi32>) -> tensor<3x2xi32>
  %1 = tessera.concat %c, %d axis = 1 : (tensor<2x1xf32>, tensor<2x2xf32>) -> tensor<2x3xf32>
  %2 = tessera.concat %e, %f axis = 0 : (tensor<2xi64>, tensor<3xi64>) -> tensor<5xi64>
  %3 = tessera.concat %e, %x axis = 0 : (tensor<2xi64>, tensor<2xi64>) -> tensor<4xi64>
  return %0, %1, %2, %3 : tensor<3x2xi32>, tensor<2x3xf32>, tensor<5xi64>, tensor<4xi64>
}

// -----

// split [0, 1, 2, 3, 4, 5] into [2, 4] = [0, 1] and [2, 3, 4, 5];
// split [[1, 2, 3], [4, 5, 6]] along 1 into [1, 2] = [[1], [4]] and
// [[2, 3], [5, 6]]; a splat splits into splats.
// CHECK-LABEL: func.func @fold_split
// CHECK-DAG: %[[A0:.*]] = tessera.constant dense<[0, 1]> : tensor<2xi64>
// CHECK-DAG: %[[A1:.*]] = tessera.constant dense<[2, 3, 4, 5]> : tensor<4xi64>
// CHECK-DAG: %[[B0:.*]] = tessera.constant dense<{{\[}}[1.000000e+00], [4.000000e+00]]> : tensor<2x1xf32>
// CHECK-DAG: %[[B1:.*]] = tessera.constant dense<{{\[}}[2.000000e+00, 3.000000e+00], [5.000000e+00, 6.000000e+00]]> : tensor<2x2xf32>
// CHECK-DAG: %[[S0:.*]] = tessera.constant dense<5> : tensor<3x1xi8>
// CHECK-DAG: %[[S1:.*]] = tessera.constant dense<5> : tensor<3x3xi8>
// CHECK-NOT: tessera.split
// CHECK: return %[[A0]], %[[A1]], %[[B0]], %[[B1]], %[[S0]], %[[S1]]
func.func @fold_split() -> (tensor<2xi64>, tensor<4xi64>, tensor<2x1xf32>, tensor<2x2xf32>, tensor<3x1xi8>, tensor<3x3xi8>) {
  %a = tessera.constant dense<[0, 1, 2, 3, 4, 5]> : tensor<6xi64>
  %b = tessera.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %s = tessera.constant dense<5> : tensor<3x4xi8>
  %0:2 = tessera.split %a axis = 0 sizes = [2, 4] : (tensor<6xi64>) -> (tensor<2xi64>, tensor<4xi64>)
  %1:2 = tessera.split %b axis = 1 sizes = [1, 2] : (tensor<2x3xf32>) -> (tensor<2x1xf32>, tensor<2x2xf32>)
  %2:2 = tessera.split %s axis = 1 sizes = [1, 3] : (tensor<3x4xi8>) -> (tensor<3x1xi8>, tensor<3x3xi8>)
  return %0#0, %0#1, %1#0, %1#1, %2#0, %2#1 : tensor<2xi64>, tensor<4xi64>, tensor<2x1xf32>, tensor<2x2xf32>, tensor<3x1xi8>, tensor<3x3xi8>
}

// -----

// On v = [0, 1, ..., 7]:
//   [1:7:2] = [1, 3, 5]; [6:-1:-2] = [6, 4, 2, 0] (limit -1 is past the first
//   element); [7:-1:-1] = [7, 6, ..., 0]; [3:3:1] is empty.
// On m = [[1, 2, 3], [4, 5, 6]]: rows [1:-1:-1] = 1, 0 and columns [2:-1:-2]
//   = 2, 0 give [[6, 4], [3, 1]].
// CHECK-LABEL: func.func @fold_slice
// CHECK-DAG: %[[S0:.*]] = tessera.constant dense<[1, 3, 5]> : tensor<3xi32>
// CHECK-DAG: %[[S1:.*]] = tessera.constant dense<[6, 4, 2, 0]> : tensor<4xi32>
// CHECK-DAG: %[[S2:.*]] = tessera.constant dense<[7, 6, 5, 4, 3, 2, 1, 0]> : tensor<8xi32>
// CHECK-DAG: %[[S3:.*]] = tessera.constant dense<> : tensor<0xi32>
// CHECK-DAG: %[[S4:.*]] = tessera.constant dense<{{\[}}[6.000000e+00, 4.000000e+00], [3.000000e+00, 1.000000e+00]]> : tensor<2x2xf32>
// CHECK-NOT: tessera.slice
// CHECK: return %[[S0]], %[[S1]], %[[S2]], %[[S3]], %[[S4]]
func.func @fold_slice() -> (tensor<3xi32>, tensor<4xi32>, tensor<8xi32>, tensor<0xi32>, tensor<2x2xf32>) {
  %v = tessera.constant dense<[0, 1, 2, 3, 4, 5, 6, 7]> : tensor<8xi32>
  %m = tessera.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %0 = tessera.slice %v starts = [1] limits = [7] steps = [2] : (tensor<8xi32>) -> tensor<3xi32>
  %1 = tessera.slice %v starts = [6] limits = [-1] steps = [-2] : (tensor<8xi32>) -> tensor<4xi32>
  %2 = tessera.slice %v starts = [7] limits = [-1] steps = [-1] : (tensor<8xi32>) -> tensor<8xi32>
  %3 = tessera.slice %v starts = [3] limits = [3] steps = [1] : (tensor<8xi32>) -> tensor<0xi32>
  %4 = tessera.slice %m starts = [1, 2] limits = [-1, -1] steps = [-1, -2] : (tensor<2x3xf32>) -> tensor<2x2xf32>
  return %0, %1, %2, %3, %4 : tensor<3xi32>, tensor<4xi32>, tensor<8xi32>, tensor<0xi32>, tensor<2x2xf32>
}

// -----

// gather [10, 20, 30, 40] at [3, -1, 0, -4] = [40, 40, 10, 10] (negative
// indices count from the end);
// gather [[1, 2, 3], [4, 5, 6]] along 1 at [[2, 0]] (shape 2 + 1x2) =
//   [[[3, 1]], [[6, 4]]];
// gather [[1, 2], [3, 4], [5, 6]] along 0 at [2, 0] = [[5, 6], [1, 2]];
// gather with a rank-0 index drops the axis: [10, 20, 30, 40] at 1 = 20.
// CHECK-LABEL: func.func @fold_gather
// CHECK-DAG: %[[G0:.*]] = tessera.constant dense<[40, 40, 10, 10]> : tensor<4xi32>
// CHECK-DAG: %[[G1:.*]] = tessera.constant dense<{{\[}}{{\[}}[3.000000e+00, 1.000000e+00]], {{\[}}[6.000000e+00, 4.000000e+00]]]> : tensor<2x1x2xf32>
// CHECK-DAG: %[[G2:.*]] = tessera.constant dense<{{\[}}[5, 6], [1, 2]]> : tensor<2x2xi8>
// CHECK-DAG: %[[G3:.*]] = tessera.constant dense<20> : tensor<i32>
// CHECK-NOT: tessera.gather
// CHECK: return %[[G0]], %[[G1]], %[[G2]], %[[G3]]
func.func @fold_gather() -> (tensor<4xi32>, tensor<2x1x2xf32>, tensor<2x2xi8>, tensor<i32>) {
  %v = tessera.constant dense<[10, 20, 30, 40]> : tensor<4xi32>
  %i = tessera.constant dense<[3, -1, 0, -4]> : tensor<4xi64>
  %m = tessera.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %j = tessera.constant dense<[[2, 0]]> : tensor<1x2xi32>
  %r = tessera.constant dense<[[1, 2], [3, 4], [5, 6]]> : tensor<3x2xi8>
  %k = tessera.constant dense<[2, 0]> : tensor<2xi64>
  %one = tessera.constant dense<1> : tensor<i64>
  %0 = tessera.gather %v, %i axis = 0 : (tensor<4xi32>, tensor<4xi64>) -> tensor<4xi32>
  %1 = tessera.gather %m, %j axis = 1 : (tensor<2x3xf32>, tensor<1x2xi32>) -> tensor<2x1x2xf32>
  %2 = tessera.gather %r, %k axis = 0 : (tensor<3x2xi8>, tensor<2xi64>) -> tensor<2x2xi8>
  %3 = tessera.gather %v, %one axis = 0 : (tensor<4xi32>, tensor<i64>) -> tensor<i32>
  return %0, %1, %2, %3 : tensor<4xi32>, tensor<2x1x2xf32>, tensor<2x2xi8>, tensor<i32>
}

// -----

// An index out of range (4 or -5 for 4 entries) is a run-time error: not
// folded.
// CHECK-LABEL: func.func @fold_gather_out_of_range
// CHECK-DAG: %[[V:.*]] = tessera.constant dense<[10, 20, 30, 40]> : tensor<4xi32>
// CHECK-DAG: %[[I:.*]] = tessera.constant dense<[0, 4]> : tensor<2xi64>
// CHECK-DAG: %[[J:.*]] = tessera.constant dense<-5> : tensor<i64>
// CHECK: %[[G0:.*]] = tessera.gather %[[V]], %[[I]] axis = 0
// CHECK: %[[G1:.*]] = tessera.gather %[[V]], %[[J]] axis = 0
// CHECK: return %[[G0]], %[[G1]]
func.func @fold_gather_out_of_range() -> (tensor<2xi32>, tensor<i32>) {
  %v = tessera.constant dense<[10, 20, 30, 40]> : tensor<4xi32>
  %i = tessera.constant dense<[0, 4]> : tensor<2xi64>
  %j = tessera.constant dense<-5> : tensor<i64>
  %0 = tessera.gather %v, %i axis = 0 : (tensor<4xi32>, tensor<2xi64>) -> tensor<2xi32>
  %1 = tessera.gather %v, %j axis = 0 : (tensor<4xi32>, tensor<i64>) -> tensor<i32>
  return %0, %1 : tensor<2xi32>, tensor<i32>
}

// -----

// The shape computation of an exported attention layer (Shape -> Gather ->
// Div -> Slice -> Concat -> Cast), all on the constant shape [2, 128, 768]:
//   batch = shape[0] = 2 (rank 0), as [2]; seq = shape[1:2] = [128];
//   hidden = shape[-1] = [768]; head_dim = hidden / [12] = [64];
//   split_heads = [2, 128, 12, 64]; tokens = batch * seq = [256];
//   flat = [256, 768]; merged = [batch, seq, 12 * 64] = [2, 128, 768];
//   split_heads as i32.
// CHECK-LABEL: func.func @fold_onnx_shape_computation
// CHECK-DAG: %[[HEADS:.*]] = tessera.constant dense<[2, 128, 12, 64]> : tensor<4xi64>
// CHECK-DAG: %[[FLAT:.*]] = tessera.constant dense<[256, 768]> : tensor<2xi64>
// CHECK-DAG: %[[MERGED:.*]] = tessera.constant dense<[2, 128, 768]> : tensor<3xi64>
// CHECK-DAG: %[[I32:.*]] = tessera.constant dense<[2, 128, 12, 64]> : tensor<4xi32>
// CHECK-DAG: %[[BATCH:.*]] = tessera.constant dense<2> : tensor<i64>
// CHECK-NOT: tessera.gather
// CHECK-NOT: tessera.slice
// CHECK-NOT: tessera.div
// CHECK-NOT: tessera.mul
// CHECK-NOT: tessera.concat
// CHECK-NOT: tessera.reshape
// CHECK-NOT: tessera.cast
// CHECK: return %[[HEADS]], %[[FLAT]], %[[MERGED]], %[[I32]], %[[BATCH]]
func.func @fold_onnx_shape_computation() -> (tensor<4xi64>, tensor<2xi64>, tensor<3xi64>, tensor<4xi32>, tensor<i64>) {
  %shape = tessera.constant dense<[2, 128, 768]> : tensor<3xi64>
  %zero = tessera.constant dense<0> : tensor<i64>
  %last = tessera.constant dense<[-1]> : tensor<1xi64>
  %heads = tessera.constant dense<[12]> : tensor<1xi64>
  %batch = tessera.gather %shape, %zero axis = 0 : (tensor<3xi64>, tensor<i64>) -> tensor<i64>
  %batch1 = tessera.reshape %batch : (tensor<i64>) -> tensor<1xi64>
  %seq = tessera.slice %shape starts = [1] limits = [2] steps = [1] : (tensor<3xi64>) -> tensor<1xi64>
  %hidden = tessera.gather %shape, %last axis = 0 : (tensor<3xi64>, tensor<1xi64>) -> tensor<1xi64>
  %head_dim = tessera.div %hidden, %heads : (tensor<1xi64>, tensor<1xi64>) -> tensor<1xi64>
  %split_heads = tessera.concat %batch1, %seq, %heads, %head_dim axis = 0 : (tensor<1xi64>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<4xi64>
  %tokens = tessera.mul %batch1, %seq : (tensor<1xi64>, tensor<1xi64>) -> tensor<1xi64>
  %flat = tessera.concat %tokens, %hidden axis = 0 : (tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
  %width = tessera.mul %heads, %head_dim : (tensor<1xi64>, tensor<1xi64>) -> tensor<1xi64>
  %prefix = tessera.slice %split_heads starts = [0] limits = [2] steps = [1] : (tensor<4xi64>) -> tensor<2xi64>
  %merged = tessera.concat %prefix, %width axis = 0 : (tensor<2xi64>, tensor<1xi64>) -> tensor<3xi64>
  %as_i32 = tessera.cast %split_heads : tensor<4xi64> to tensor<4xi32>
  return %split_heads, %flat, %merged, %as_i32, %batch : tensor<4xi64>, tensor<2xi64>, tensor<3xi64>, tensor<4xi32>, tensor<i64>
}

// -----

//===----------------------------------------------------------------------===//
// The size limit of constant folding
//===----------------------------------------------------------------------===//

// Broadcasting [1, 2] to 40000x2 would create a non-splat constant of 80000
// elements (more than 65536): not folded, nor is the add that would produce
// one. Splats fold at any size (1000x1000 = 10^6 elements).
// CHECK-LABEL: func.func @fold_size_limit
// CHECK-DAG: %[[V:.*]] = tessera.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[Z:.*]] = tessera.constant dense<3.000000e+00> : tensor<40000x2xf32>
// CHECK-DAG: %[[SPLAT_B:.*]] = tessera.constant dense<1.500000e+00> : tensor<1000x1000xf32>
// CHECK-DAG: %[[SPLAT_E:.*]] = tessera.constant dense<1.000000e+00> : tensor<1000x1000xf32>
// CHECK-DAG: %[[SPLAT_A:.*]] = tessera.constant dense<4.500000e+00> : tensor<1000x1000xf32>
// CHECK-DAG: %[[B:.*]] = tessera.broadcast %[[V]] : (tensor<2xf32>) -> tensor<40000x2xf32>
// CHECK-DAG: %[[A:.*]] = tessera.add %[[V]], %[[Z]] : (tensor<2xf32>, tensor<40000x2xf32>) -> tensor<40000x2xf32>
// CHECK: return %[[B]], %[[A]], %[[SPLAT_B]], %[[SPLAT_E]], %[[SPLAT_A]]
func.func @fold_size_limit() -> (tensor<40000x2xf32>, tensor<40000x2xf32>, tensor<1000x1000xf32>, tensor<1000x1000xf32>, tensor<1000x1000xf32>) {
  %v = tessera.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %z = tessera.constant dense<3.0> : tensor<40000x2xf32>
  %s = tessera.constant dense<1.5> : tensor<f32>
  %zero = tessera.constant dense<0.0> : tensor<1000x1000xf32>
  %three = tessera.constant dense<3.0> : tensor<1000x1000xf32>
  %0 = tessera.broadcast %v : (tensor<2xf32>) -> tensor<40000x2xf32>
  %1 = tessera.add %v, %z : (tensor<2xf32>, tensor<40000x2xf32>) -> tensor<40000x2xf32>
  %2 = tessera.broadcast %s : (tensor<f32>) -> tensor<1000x1000xf32>
  %3 = tessera.exp %zero : tensor<1000x1000xf32>
  %4 = tessera.add %s, %three : (tensor<f32>, tensor<1000x1000xf32>) -> tensor<1000x1000xf32>
  return %0, %1, %2, %3, %4 : tensor<40000x2xf32>, tensor<40000x2xf32>, tensor<1000x1000xf32>, tensor<1000x1000xf32>, tensor<1000x1000xf32>
}

// -----

// Exactly 65536 elements may still be created: [1, 2] broadcast to 32768x2.
// CHECK-LABEL: func.func @fold_size_limit_boundary
// CHECK: %[[C:.*]] = tessera.constant dense<"0x{{(01020102)+}}"> : tensor<32768x2xi8>
// CHECK-NOT: tessera.broadcast
// CHECK: return %[[C]]
func.func @fold_size_limit_boundary() -> tensor<32768x2xi8> {
  %v = tessera.constant dense<[1, 2]> : tensor<2xi8>
  %0 = tessera.broadcast %v : (tensor<2xi8>) -> tensor<32768x2xi8>
  return %0 : tensor<32768x2xi8>
}

// -----

// dense_resource weights are never folded into inline constants; identities
// on them still apply (w + -0.0 = w, reshape to the same type).
// CHECK-LABEL: func.func @fold_dense_resource
// CHECK: %[[W:.*]] = tessera.constant dense_resource<weight> : tensor<300x300xf32>
// CHECK: %[[NEG:.*]] = tessera.neg %[[W]]
// CHECK: %[[T:.*]] = tessera.transpose %[[W]] permutation = [1, 0]
// CHECK: %[[R:.*]] = tessera.reshape %[[W]] : (tensor<300x300xf32>) -> tensor<90000xf32>
// CHECK: %[[S:.*]] = tessera.reduce_sum %[[W]] axes = [1]
// CHECK: %[[M:.*]] = tessera.mul %[[W]], %{{.*}} : (tensor<300x300xf32>, tensor<f32>) -> tensor<300x300xf32>
// CHECK-NOT: tessera.add
// CHECK: return %[[NEG]], %[[T]], %[[R]], %[[S]], %[[M]], %[[W]]
func.func @fold_dense_resource() -> (tensor<300x300xf32>, tensor<300x300xf32>, tensor<90000xf32>, tensor<300xf32>, tensor<300x300xf32>, tensor<300x300xf32>) {
  %w = tessera.constant dense_resource<weight> : tensor<300x300xf32>
  %two = tessera.constant dense<2.0> : tensor<f32>
  %nz = tessera.constant dense<-0.0> : tensor<f32>
  %0 = tessera.neg %w : tensor<300x300xf32>
  %1 = tessera.transpose %w permutation = [1, 0] : (tensor<300x300xf32>) -> tensor<300x300xf32>
  %2 = tessera.reshape %w : (tensor<300x300xf32>) -> tensor<90000xf32>
  %3 = tessera.reduce_sum %w axes = [1] : (tensor<300x300xf32>) -> tensor<300xf32>
  %4 = tessera.mul %w, %two : (tensor<300x300xf32>, tensor<f32>) -> tensor<300x300xf32>
  %5 = tessera.add %w, %nz : (tensor<300x300xf32>, tensor<f32>) -> tensor<300x300xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<300x300xf32>, tensor<300x300xf32>, tensor<90000xf32>, tensor<300xf32>, tensor<300x300xf32>, tensor<300x300xf32>
}

// -----

// A small dense_resource is not folded either (only DenseElementsAttr is).
// CHECK-LABEL: func.func @fold_small_dense_resource
// CHECK: %[[W:.*]] = tessera.constant dense_resource<small> : tensor<2xi32>
// CHECK: %[[G:.*]] = tessera.gather %[[W]], %{{.*}} axis = 0
// CHECK: return %[[G]]
func.func @fold_small_dense_resource() -> tensor<i32> {
  %w = tessera.constant dense_resource<small> : tensor<2xi32>
  %i = tessera.constant dense<1> : tensor<i64>
  %0 = tessera.gather %w, %i axis = 0 : (tensor<2xi32>, tensor<i64>) -> tensor<i32>
  return %0 : tensor<i32>
}

{-#
  dialect_resources: {
    builtin: {
      small: "0x040000000700000009000000"
    }
  }
#-}

// -----

// A reduction of a splat is a splat, at any size: sum multiplies by the
// group size (100000 * 0.5 = 50000, 2^20 * 3 = 3145728), the others keep it.
// CHECK-LABEL: func.func @fold_reduce_large_splat
// CHECK-DAG: %[[S:.*]] = tessera.constant dense<5.000000e+04> : tensor<2xf32>
// CHECK-DAG: %[[M:.*]] = tessera.constant dense<5.000000e-01> : tensor<2x1xf32>
// CHECK-DAG: %[[I:.*]] = tessera.constant dense<3145728> : tensor<i64>
// CHECK-NOT: tessera.reduce
// CHECK: return %[[S]], %[[M]], %[[I]]
func.func @fold_reduce_large_splat() -> (tensor<2xf32>, tensor<2x1xf32>, tensor<i64>) {
  %x = tessera.constant dense<0.5> : tensor<2x100000xf32>
  %i = tessera.constant dense<3> : tensor<1024x1024xi64>
  %0 = tessera.reduce_sum %x axes = [1] : (tensor<2x100000xf32>) -> tensor<2xf32>
  %1 = tessera.reduce_max %x axes = [1] keepdims : (tensor<2x100000xf32>) -> tensor<2x1xf32>
  %2 = tessera.reduce_sum %i axes = [0, 1] : (tensor<1024x1024xi64>) -> tensor<i64>
  return %0, %1, %2 : tensor<2xf32>, tensor<2x1xf32>, tensor<i64>
}
