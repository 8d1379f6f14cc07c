// RUN: tessera-opt %s --tessera-to-linalg -split-input-file -mlir-print-local-scope | FileCheck %s

// The tessera-to-linalg pass (passes/conversion/TesseraToLinalg): every
// computing tessera op becomes one linalg.generic on tensors (or a
// tensor.concat / tensor.extract_slice), checked map by map and operand by
// operand:
//  - elementwise ops: NumPy broadcasting as indexing maps (a missing leading
//    dimension is dropped from the map, a unit dimension that broadcasts
//    reads index 0), the scalar semantics of each op (float and integer
//    arithmetic, comparisons, logical ops, where, the activations' formulas,
//    clip with float and integer bounds);
//  - integers: unsigned tensors become signless ones of the same width
//    behind unrealized_conversion_casts, and the unsignedness picks the ops
//    (divui, maxui, cmpi uge, uitofp, extui); integer division never traps
//    (x / 0 = 0, INT_MIN / -1 = INT_MIN);
//  - f16 and bf16 are computed in f32 and rounded once per op; reductions
//    and matmuls accumulate them in f32;
//  - casts: float to integer saturates (NaN gives 0), to i1 is x != 0;
//  - reductions with their identities (0, -inf, 0 for unsigned max,
//    INT_MAX for signed min), keepdims, the mean's single division;
//  - data movement: transpose, broadcast, strided and reversed slices, empty
//    slices, concat without its empty inputs, split, gather (negative
//    indices wrap, the rest is clamped), pad in constant, reflect and edge
//    modes;
//  - matmul with batch broadcasting, convolution and pooling as windows;
//  - what stays: tessera.constant and tessera.reshape (retyped when
//    unsigned), texec library calls.
// Ops the pass cannot lower are in tessera-to-linalg-failed.mlir.

// A vector along the last dimension: its map keeps only d1.
// CHECK-LABEL: func.func @add_vector
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4x8xf32>, %[[B:[^:]*]]: tensor<8xf32>)
// CHECK-NEXT: %[[E:.*]] = tensor.empty() : tensor<4x8xf32>
// CHECK-NEXT: %[[Y:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%[[X]], %[[B]] : tensor<4x8xf32>, tensor<8xf32>) outs(%[[E]] : tensor<4x8xf32>) {
// CHECK-NEXT: ^bb0(%[[A0:.*]]: f32, %[[A1:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[A0]], %[[A1]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
// CHECK-NEXT: } -> tensor<4x8xf32>
// CHECK-NEXT: return %[[Y]]
func.func @add_vector(%x: tensor<4x8xf32>, %b: tensor<8xf32>) -> tensor<4x8xf32> {
  %0 = tessera.add %x, %b : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// Unit dimensions that broadcast read index 0; a rank-0 operand has the
// empty map; operand order is kept (s / x, not x / s).
// CHECK-LABEL: func.func @broadcast_unit_dims
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4x1xf32>, %[[Y:[^:]*]]: tensor<1x8xf32>, %[[S:[^:]*]]: tensor<f32>)
// CHECK: %[[SUB:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, 0)>, affine_map<(d0, d1) -> (0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%[[X]], %[[Y]] : tensor<4x1xf32>, tensor<1x8xf32>) outs(%{{.*}} : tensor<4x8xf32>)
// CHECK-NEXT: ^bb0(%[[A0:.*]]: f32, %[[A1:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[R:.*]] = arith.subf %[[A0]], %[[A1]] : f32
// CHECK-NEXT: linalg.yield %[[R]]
// A dimension of size 1 in both the operand and the result is not a
// broadcast: it keeps d1.
// CHECK: %[[DIV:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> ()>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%[[S]], %[[X]] : tensor<f32>, tensor<4x1xf32>) outs(%{{.*}} : tensor<4x1xf32>)
// CHECK-NEXT: ^bb0(%[[A0:.*]]: f32, %[[A1:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[R:.*]] = arith.divf %[[A0]], %[[A1]] : f32
// CHECK-NEXT: linalg.yield %[[R]]
// CHECK: return %[[SUB]], %[[DIV]]
func.func @broadcast_unit_dims(%x: tensor<4x1xf32>, %y: tensor<1x8xf32>, %s: tensor<f32>) -> (tensor<4x8xf32>, tensor<4x1xf32>) {
  %0 = tessera.sub %x, %y : (tensor<4x1xf32>, tensor<1x8xf32>) -> tensor<4x8xf32>
  %1 = tessera.div %s, %x : (tensor<f32>, tensor<4x1xf32>) -> tensor<4x1xf32>
  return %0, %1 : tensor<4x8xf32>, tensor<4x1xf32>
}

// -----

// f64 stays f64; max and min propagate NaN (maximumf / minimumf).
// CHECK-LABEL: func.func @float_binary
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4xf64>, %[[Y:[^:]*]]: tensor<4xf64>)
// CHECK: linalg.generic {{.*}} ins(%[[X]], %[[Y]] : tensor<4xf64>, tensor<4xf64>)
// CHECK-NEXT: ^bb0(%[[A0:.*]]: f64, %[[A1:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT: %[[R:.*]] = arith.mulf %[[A0]], %[[A1]] : f64
// CHECK-NEXT: linalg.yield %[[R]] : f64
// CHECK: linalg.generic {{.*}} ins(%[[X]], %[[Y]] : tensor<4xf64>, tensor<4xf64>)
// CHECK-NEXT: ^bb0(%[[A0:.*]]: f64, %[[A1:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT: %[[R:.*]] = math.powf %[[A0]], %[[A1]] : f64
// CHECK-NEXT: linalg.yield %[[R]] : f64
// CHECK: linalg.generic {{.*}} ins(%[[X]], %[[Y]] : tensor<4xf64>, tensor<4xf64>)
// CHECK-NEXT: ^bb0(%[[A0:.*]]: f64, %[[A1:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT: %[[R:.*]] = arith.maximumf %[[A0]], %[[A1]] : f64
// CHECK-NEXT: linalg.yield %[[R]] : f64
// CHECK: linalg.generic {{.*}} ins(%[[X]], %[[Y]] : tensor<4xf64>, tensor<4xf64>)
// CHECK-NEXT: ^bb0(%[[A0:.*]]: f64, %[[A1:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT: %[[R:.*]] = arith.minimumf %[[A0]], %[[A1]] : f64
// CHECK-NEXT: linalg.yield %[[R]] : f64
func.func @float_binary(%x: tensor<4xf64>, %y: tensor<4xf64>) -> (tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>) {
  %0 = tessera.mul %x, %y : (tensor<4xf64>, tensor<4xf64>) -> tensor<4xf64>
  %1 = tessera.pow %x, %y : (tensor<4xf64>, tensor<4xf64>) -> tensor<4xf64>
  %2 = tessera.max %x, %y : (tensor<4xf64>, tensor<4xf64>) -> tensor<4xf64>
  %3 = tessera.min %x, %y : (tensor<4xf64>, tensor<4xf64>) -> tensor<4xf64>
  return %0, %1, %2, %3 : tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>
}

// -----

// CHECK-LABEL: func.func @float_unary
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4xf32>)
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%[[X]] : tensor<4xf32>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[R:.*]] = arith.negf %[[A]] : f32
// CHECK-NEXT: linalg.yield %[[R]]
// CHECK: ^bb0(%[[A:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[R:.*]] = math.absf %[[A]] : f32
// CHECK-NEXT: linalg.yield %[[R]]
// CHECK: ^bb0(%[[A:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[R:.*]] = math.exp %[[A]] : f32
// CHECK-NEXT: linalg.yield %[[R]]
// CHECK: ^bb0(%[[A:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[R:.*]] = math.log %[[A]] : f32
// CHECK-NEXT: linalg.yield %[[R]]
// CHECK: ^bb0(%[[A:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[R:.*]] = math.sqrt %[[A]] : f32
// CHECK-NEXT: linalg.yield %[[R]]
// CHECK: ^bb0(%[[A:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[R:.*]] = math.rsqrt %[[A]] : f32
// CHECK-NEXT: linalg.yield %[[R]]
// CHECK: ^bb0(%[[A:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[R:.*]] = math.tanh %[[A]] : f32
// CHECK-NEXT: linalg.yield %[[R]]
// CHECK: ^bb0(%[[A:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[R:.*]] = math.erf %[[A]] : f32
// CHECK-NEXT: linalg.yield %[[R]]
// relu(x) = max(x, 0).
// CHECK: ^bb0(%[[A:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[R:.*]] = arith.maximumf %[[A]], %[[ZERO]] : f32
// CHECK-NEXT: linalg.yield %[[R]]
func.func @float_unary(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %0 = tessera.neg %x : tensor<4xf32>
  %1 = tessera.abs %x : tensor<4xf32>
  %2 = tessera.exp %x : tensor<4xf32>
  %3 = tessera.log %x : tensor<4xf32>
  %4 = tessera.sqrt %x : tensor<4xf32>
  %5 = tessera.rsqrt %x : tensor<4xf32>
  %6 = tessera.tanh %x : tensor<4xf32>
  %7 = tessera.erf %x : tensor<4xf32>
  %8 = tessera.relu %x : tensor<4xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// sigmoid(x) = 1 / (1 + exp(-x)); silu(x) = x * sigmoid(x);
// gelu(x) = 0.5 x (1 + erf(x / sqrt 2)), 1 / sqrt 2 = 0.707106769 in f32;
// tanh form: 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))),
// sqrt(2 / pi) = 0.797884583 in f32.
// CHECK-LABEL: func.func @activations
// CHECK: ^bb0(%[[A:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[NEG:.*]] = arith.negf %[[A]] : f32
// CHECK-NEXT: %[[EXP:.*]] = math.exp %[[NEG]] : f32
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[DEN:.*]] = arith.addf %[[ONE]], %[[EXP]] : f32
// CHECK-NEXT: %[[SIG:.*]] = arith.divf %[[ONE]], %[[DEN]] : f32
// CHECK-NEXT: linalg.yield %[[SIG]] : f32
// CHECK: ^bb0(%[[A:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[NEG:.*]] = arith.negf %[[A]] : f32
// CHECK-NEXT: %[[EXP:.*]] = math.exp %[[NEG]] : f32
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[DEN:.*]] = arith.addf %[[ONE]], %[[EXP]] : f32
// CHECK-NEXT: %[[SIG:.*]] = arith.divf %[[ONE]], %[[DEN]] : f32
// CHECK-NEXT: %[[SILU:.*]] = arith.mulf %[[A]], %[[SIG]] : f32
// CHECK-NEXT: linalg.yield %[[SILU]] : f32
// CHECK: ^bb0(%[[A:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[RSQRT2:.*]] = arith.constant 0.707106769 : f32
// CHECK-NEXT: %[[SCALED:.*]] = arith.mulf %[[A]], %[[RSQRT2]] : f32
// CHECK-NEXT: %[[ERF:.*]] = math.erf %[[SCALED]] : f32
// CHECK-NEXT: %[[HALF:.*]] = arith.constant 5.000000e-01 : f32
// CHECK-NEXT: %[[HX:.*]] = arith.mulf %[[HALF]], %[[A]] : f32
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[ONEP:.*]] = arith.addf %[[ONE]], %[[ERF]] : f32
// CHECK-NEXT: %[[G:.*]] = arith.mulf %[[HX]], %[[ONEP]] : f32
// CHECK-NEXT: linalg.yield %[[G]] : f32
// CHECK: ^bb0(%[[A:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[SQ:.*]] = arith.mulf %[[A]], %[[A]] : f32
// CHECK-NEXT: %[[CUBE:.*]] = arith.mulf %[[SQ]], %[[A]] : f32
// CHECK-NEXT: %[[C:.*]] = arith.constant 4.471500e-02 : f32
// CHECK-NEXT: %[[CC:.*]] = arith.mulf %[[C]], %[[CUBE]] : f32
// CHECK-NEXT: %[[POLY:.*]] = arith.addf %[[A]], %[[CC]] : f32
// CHECK-NEXT: %[[K:.*]] = arith.constant 0.797884583 : f32
// CHECK-NEXT: %[[ARG:.*]] = arith.mulf %[[K]], %[[POLY]] : f32
// CHECK-NEXT: %[[TANH:.*]] = math.tanh %[[ARG]] : f32
// CHECK-NEXT: %[[HALF:.*]] = arith.constant 5.000000e-01 : f32
// CHECK-NEXT: %[[HX:.*]] = arith.mulf %[[HALF]], %[[A]] : f32
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[ONEP:.*]] = arith.addf %[[ONE]], %[[TANH]] : f32
// CHECK-NEXT: %[[G:.*]] = arith.mulf %[[HX]], %[[ONEP]] : f32
// CHECK-NEXT: linalg.yield %[[G]] : f32
func.func @activations(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %0 = tessera.sigmoid %x : tensor<4xf32>
  %1 = tessera.silu %x : tensor<4xf32>
  %2 = tessera.gelu %x : tensor<4xf32>
  %3 = tessera.gelu %x approximate = tanh : tensor<4xf32>
  return %0, %1, %2, %3 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// clip: max with the lower bound, then min with the upper one; an absent
// bound is no op.
// CHECK-LABEL: func.func @clip_float
// CHECK: ^bb0(%[[A:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[LO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[M:.*]] = arith.maximumf %[[A]], %[[LO]] : f32
// CHECK-NEXT: %[[HI:.*]] = arith.constant 6.000000e+00 : f32
// CHECK-NEXT: %[[R:.*]] = arith.minimumf %[[M]], %[[HI]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
// CHECK: ^bb0(%[[A:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[HI:.*]] = arith.constant 1.500000e+00 : f32
// CHECK-NEXT: %[[R:.*]] = arith.minimumf %[[A]], %[[HI]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @clip_float(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = tessera.clip %x min = 0.0 max = 6.0 : tensor<4xf32>
  %1 = tessera.clip %x max = 1.5 : tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// Signed division: a zero divisor or INT_MIN / -1 divides by 1 instead;
// the quotient is then INT_MIN for the overflow and 0 for the zero divisor.
// CHECK-LABEL: func.func @signed_div
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4xi32>, %[[Y:[^:]*]]: tensor<4xi32>)
// CHECK: linalg.generic {{.*}} ins(%[[X]], %[[Y]] : tensor<4xi32>, tensor<4xi32>) outs(%{{.*}} : tensor<4xi32>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: i32, %[[B:.*]]: i32, %{{.*}}: i32):
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1 : i32
// CHECK-NEXT: %[[BYZERO:.*]] = arith.cmpi eq, %[[B]], %[[ZERO]] : i32
// CHECK-NEXT: %[[MIN:.*]] = arith.constant -2147483648 : i32
// CHECK-NEXT: %[[M1:.*]] = arith.constant -1 : i32
// CHECK-NEXT: %[[ISMIN:.*]] = arith.cmpi eq, %[[A]], %[[MIN]] : i32
// CHECK-NEXT: %[[ISM1:.*]] = arith.cmpi eq, %[[B]], %[[M1]] : i32
// CHECK-NEXT: %[[OVF:.*]] = arith.andi %[[ISMIN]], %[[ISM1]] : i1
// CHECK-NEXT: %[[BAD:.*]] = arith.ori %[[BYZERO]], %[[OVF]] : i1
// CHECK-NEXT: %[[SAFE:.*]] = arith.select %[[BAD]], %[[ONE]], %[[B]] : i32
// CHECK-NEXT: %[[Q:.*]] = arith.divsi %[[A]], %[[SAFE]] : i32
// CHECK-NEXT: %[[Q1:.*]] = arith.select %[[OVF]], %[[MIN]], %[[Q]] : i32
// CHECK-NEXT: %[[Q2:.*]] = arith.select %[[BYZERO]], %[[ZERO]], %[[Q1]] : i32
// CHECK-NEXT: linalg.yield %[[Q2]] : i32
func.func @signed_div(%x: tensor<4xi32>, %y: tensor<4xi32>) -> tensor<4xi32> {
  %0 = tessera.div %x, %y : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// ui16 is computed as i16 behind casts, with divui; only a zero divisor
// needs care.
// CHECK-LABEL: func.func @unsigned_div
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4xui16>, %[[Y:[^:]*]]: tensor<ui16>)
// CHECK-DAG: %[[YS:.*]] = builtin.unrealized_conversion_cast %[[Y]] : tensor<ui16> to tensor<i16>
// CHECK-DAG: %[[XS:.*]] = builtin.unrealized_conversion_cast %[[X]] : tensor<4xui16> to tensor<4xi16>
// CHECK: %[[D:.*]] = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%[[XS]], %[[YS]] : tensor<4xi16>, tensor<i16>) outs(%{{.*}} : tensor<4xi16>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: i16, %[[B:.*]]: i16, %{{.*}}: i16):
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0 : i16
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1 : i16
// CHECK-NEXT: %[[BYZERO:.*]] = arith.cmpi eq, %[[B]], %[[ZERO]] : i16
// CHECK-NEXT: %[[SAFE:.*]] = arith.select %[[BYZERO]], %[[ONE]], %[[B]] : i16
// CHECK-NEXT: %[[Q:.*]] = arith.divui %[[A]], %[[SAFE]] : i16
// CHECK-NEXT: %[[Q1:.*]] = arith.select %[[BYZERO]], %[[ZERO]], %[[Q]] : i16
// CHECK-NEXT: linalg.yield %[[Q1]] : i16
// CHECK: %[[U:.*]] = builtin.unrealized_conversion_cast %[[D]] : tensor<4xi16> to tensor<4xui16>
// CHECK-NEXT: return %[[U]] : tensor<4xui16>
func.func @unsigned_div(%x: tensor<4xui16>, %y: tensor<ui16>) -> tensor<4xui16> {
  %0 = tessera.div %x, %y : (tensor<4xui16>, tensor<ui16>) -> tensor<4xui16>
  return %0 : tensor<4xui16>
}

// -----

// Signed integers: i-ops, ipowi, signed max/min, 0 - x, absi, relu as
// max(x, 0).
// CHECK-LABEL: func.func @integer_ops
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4xi64>, %[[Y:[^:]*]]: tensor<4xi64>)
// CHECK: ins(%[[X]], %[[Y]] : tensor<4xi64>, tensor<4xi64>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: i64, %[[B:.*]]: i64, %{{.*}}: i64):
// CHECK-NEXT: arith.addi %[[A]], %[[B]] : i64
// CHECK: ^bb0(%[[A:.*]]: i64, %[[B:.*]]: i64, %{{.*}}: i64):
// CHECK-NEXT: arith.subi %[[A]], %[[B]] : i64
// CHECK: ^bb0(%[[A:.*]]: i64, %[[B:.*]]: i64, %{{.*}}: i64):
// CHECK-NEXT: arith.muli %[[A]], %[[B]] : i64
// CHECK: ^bb0(%[[A:.*]]: i64, %[[B:.*]]: i64, %{{.*}}: i64):
// CHECK-NEXT: math.ipowi %[[A]], %[[B]] : i64
// CHECK: ^bb0(%[[A:.*]]: i64, %[[B:.*]]: i64, %{{.*}}: i64):
// CHECK-NEXT: arith.maxsi %[[A]], %[[B]] : i64
// CHECK: ^bb0(%[[A:.*]]: i64, %[[B:.*]]: i64, %{{.*}}: i64):
// CHECK-NEXT: arith.minsi %[[A]], %[[B]] : i64
// CHECK: ^bb0(%[[A:.*]]: i64, %{{.*}}: i64):
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK-NEXT: arith.subi %[[ZERO]], %[[A]] : i64
// CHECK: ^bb0(%[[A:.*]]: i64, %{{.*}}: i64):
// CHECK-NEXT: math.absi %[[A]] : i64
// CHECK: ^bb0(%[[A:.*]]: i64, %{{.*}}: i64):
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK-NEXT: arith.maxsi %[[A]], %[[ZERO]] : i64
func.func @integer_ops(%a: tensor<4xi64>, %b: tensor<4xi64>) -> (tensor<4xi64>, tensor<4xi64>, tensor<4xi64>, tensor<4xi64>, tensor<4xi64>, tensor<4xi64>, tensor<4xi64>, tensor<4xi64>, tensor<4xi64>) {
  %0 = tessera.add %a, %b : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  %1 = tessera.sub %a, %b : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  %2 = tessera.mul %a, %b : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  %3 = tessera.pow %a, %b : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  %4 = tessera.max %a, %b : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  %5 = tessera.min %a, %b : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  %6 = tessera.neg %a : tensor<4xi64>
  %7 = tessera.abs %a : tensor<4xi64>
  %8 = tessera.relu %a : tensor<4xi64>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8 : tensor<4xi64>, tensor<4xi64>, tensor<4xi64>, tensor<4xi64>, tensor<4xi64>, tensor<4xi64>, tensor<4xi64>, tensor<4xi64>, tensor<4xi64>
}

// -----

// Unsigned integers: maxui/minui, abs and relu are the identity, compares
// are unsigned, clip bounds are rounded inward (2.5 -> 3) and saturated
// (300 -> 255, printed as the i8 -1); each result goes back to ui8 through
// a cast, the compare's i1 result does not.
// CHECK-LABEL: func.func @unsigned_ops
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4xui8>, %[[Y:[^:]*]]: tensor<4xui8>)
// CHECK-DAG: %[[YS:.*]] = builtin.unrealized_conversion_cast %[[Y]] : tensor<4xui8> to tensor<4xi8>
// CHECK-DAG: %[[XS:.*]] = builtin.unrealized_conversion_cast %[[X]] : tensor<4xui8> to tensor<4xi8>
// CHECK: %[[MAX:.*]] = linalg.generic {{.*}} ins(%[[XS]], %[[YS]] : tensor<4xi8>, tensor<4xi8>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: i8, %[[B:.*]]: i8, %{{.*}}: i8):
// CHECK-NEXT: arith.maxui %[[A]], %[[B]] : i8
// CHECK: %[[MAXU:.*]] = builtin.unrealized_conversion_cast %[[MAX]] : tensor<4xi8> to tensor<4xui8>
// CHECK: %[[MIN:.*]] = linalg.generic {{.*}} ins(%[[XS]], %[[YS]] : tensor<4xi8>, tensor<4xi8>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: i8, %[[B:.*]]: i8, %{{.*}}: i8):
// CHECK-NEXT: arith.minui %[[A]], %[[B]] : i8
// CHECK: %[[MINU:.*]] = builtin.unrealized_conversion_cast %[[MIN]] : tensor<4xi8> to tensor<4xui8>
// CHECK: %[[ABS:.*]] = linalg.generic {{.*}} ins(%[[XS]] : tensor<4xi8>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: i8, %{{.*}}: i8):
// CHECK-NEXT: linalg.yield %[[A]] : i8
// CHECK: %[[ABSU:.*]] = builtin.unrealized_conversion_cast %[[ABS]] : tensor<4xi8> to tensor<4xui8>
// CHECK: %[[RELU:.*]] = linalg.generic {{.*}} ins(%[[XS]] : tensor<4xi8>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: i8, %{{.*}}: i8):
// CHECK-NEXT: linalg.yield %[[A]] : i8
// CHECK: %[[RELUU:.*]] = builtin.unrealized_conversion_cast %[[RELU]] : tensor<4xi8> to tensor<4xui8>
// CHECK: %[[GE:.*]] = linalg.generic {{.*}} ins(%[[XS]], %[[YS]] : tensor<4xi8>, tensor<4xi8>) outs(%{{.*}} : tensor<4xi1>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: i8, %[[B:.*]]: i8, %{{.*}}: i1):
// CHECK-NEXT: %[[C:.*]] = arith.cmpi uge, %[[A]], %[[B]] : i8
// CHECK-NEXT: linalg.yield %[[C]] : i1
// CHECK: %[[CLIP:.*]] = linalg.generic {{.*}} ins(%[[XS]] : tensor<4xi8>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: i8, %{{.*}}: i8):
// CHECK-NEXT: %[[LO:.*]] = arith.constant 3 : i8
// CHECK-NEXT: %[[M:.*]] = arith.maxui %[[A]], %[[LO]] : i8
// CHECK-NEXT: %[[HI:.*]] = arith.constant -1 : i8
// CHECK-NEXT: %[[R:.*]] = arith.minui %[[M]], %[[HI]] : i8
// CHECK-NEXT: linalg.yield %[[R]] : i8
// CHECK: %[[CLIPU:.*]] = builtin.unrealized_conversion_cast %[[CLIP]] : tensor<4xi8> to tensor<4xui8>
// CHECK: return %[[MAXU]], %[[MINU]], %[[ABSU]], %[[RELUU]], %[[GE]], %[[CLIPU]]
func.func @unsigned_ops(%a: tensor<4xui8>, %b: tensor<4xui8>) -> (tensor<4xui8>, tensor<4xui8>, tensor<4xui8>, tensor<4xui8>, tensor<4xi1>, tensor<4xui8>) {
  %0 = tessera.max %a, %b : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  %1 = tessera.min %a, %b : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  %2 = tessera.abs %a : tensor<4xui8>
  %3 = tessera.relu %a : tensor<4xui8>
  %4 = tessera.compare ge, %a, %b : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xi1>
  %5 = tessera.clip %a min = 2.5 max = 300.0 : tensor<4xui8>
  return %0, %1, %2, %3, %4, %5 : tensor<4xui8>, tensor<4xui8>, tensor<4xui8>, tensor<4xui8>, tensor<4xi1>, tensor<4xui8>
}

// -----

// Signed i8: a signed compare; clip rounds -1.5 inward to -1 and saturates
// 300 to 127.
// CHECK-LABEL: func.func @signed_compare_clip
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4xi8>, %[[Y:[^:]*]]: tensor<4xi8>)
// CHECK-NOT: unrealized_conversion_cast
// CHECK: ins(%[[X]], %[[Y]] : tensor<4xi8>, tensor<4xi8>) outs(%{{.*}} : tensor<4xi1>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: i8, %[[B:.*]]: i8, %{{.*}}: i1):
// CHECK-NEXT: arith.cmpi slt, %[[A]], %[[B]] : i8
// CHECK: ^bb0(%[[A:.*]]: i8, %{{.*}}: i8):
// CHECK-NEXT: %[[LO:.*]] = arith.constant -1 : i8
// CHECK-NEXT: %[[M:.*]] = arith.maxsi %[[A]], %[[LO]] : i8
// CHECK-NEXT: %[[HI:.*]] = arith.constant 127 : i8
// CHECK-NEXT: %[[R:.*]] = arith.minsi %[[M]], %[[HI]] : i8
// CHECK-NEXT: linalg.yield %[[R]] : i8
// CHECK-NOT: unrealized_conversion_cast
func.func @signed_compare_clip(%a: tensor<4xi8>, %b: tensor<4xi8>) -> (tensor<4xi1>, tensor<4xi8>) {
  %0 = tessera.compare lt, %a, %b : (tensor<4xi8>, tensor<4xi8>) -> tensor<4xi1>
  %1 = tessera.clip %a min = -1.5 max = 300.0 : tensor<4xi8>
  return %0, %1 : tensor<4xi1>, tensor<4xi8>
}

// -----

// Float compares are ordered, except ne, which is true for NaN.
// CHECK-LABEL: func.func @float_compare
// CHECK: ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %{{.*}}: i1):
// CHECK-NEXT: arith.cmpf oeq, %[[A]], %[[B]] : f32
// CHECK: ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %{{.*}}: i1):
// CHECK-NEXT: arith.cmpf une, %[[A]], %[[B]] : f32
// CHECK: ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %{{.*}}: i1):
// CHECK-NEXT: arith.cmpf olt, %[[A]], %[[B]] : f32
// CHECK: ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %{{.*}}: i1):
// CHECK-NEXT: arith.cmpf ole, %[[A]], %[[B]] : f32
// CHECK: ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %{{.*}}: i1):
// CHECK-NEXT: arith.cmpf ogt, %[[A]], %[[B]] : f32
// CHECK: ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %{{.*}}: i1):
// CHECK-NEXT: arith.cmpf oge, %[[A]], %[[B]] : f32
func.func @float_compare(%x: tensor<4xf32>, %y: tensor<4xf32>) -> (tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>) {
  %0 = tessera.compare eq, %x, %y : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %1 = tessera.compare ne, %x, %y : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %2 = tessera.compare lt, %x, %y : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %3 = tessera.compare le, %x, %y : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %4 = tessera.compare gt, %x, %y : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %5 = tessera.compare ge, %x, %y : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %0, %1, %2, %3, %4, %5 : tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>
}

// -----

// CHECK-LABEL: func.func @logical
// CHECK: ^bb0(%[[A:.*]]: i1, %[[B:.*]]: i1, %{{.*}}: i1):
// CHECK-NEXT: arith.andi %[[A]], %[[B]] : i1
// CHECK: ^bb0(%[[A:.*]]: i1, %[[B:.*]]: i1, %{{.*}}: i1):
// CHECK-NEXT: arith.ori %[[A]], %[[B]] : i1
// CHECK: ^bb0(%[[A:.*]]: i1, %[[B:.*]]: i1, %{{.*}}: i1):
// CHECK-NEXT: arith.xori %[[A]], %[[B]] : i1
// CHECK: ^bb0(%[[A:.*]]: i1, %{{.*}}: i1):
// CHECK-NEXT: %[[TRUE:.*]] = arith.constant true
// CHECK-NEXT: arith.xori %[[A]], %[[TRUE]] : i1
func.func @logical(%p: tensor<4xi1>, %q: tensor<4xi1>) -> (tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>) {
  %0 = tessera.logical_and %p, %q : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %1 = tessera.logical_or %p, %q : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %2 = tessera.logical_xor %p, %q : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %3 = tessera.logical_not %p : tensor<4xi1>
  return %0, %1, %2, %3 : tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>
}

// -----

// where broadcasts its three operands; the f16 values are selected in f32
// and rounded back, the i1 condition is read as is.
// CHECK-LABEL: func.func @where_f16
// CHECK-SAME: (%[[C:[^:]*]]: tensor<4xi1>, %[[X:[^:]*]]: tensor<4xf16>, %[[Y:[^:]*]]: tensor<f16>)
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%[[C]], %[[X]], %[[Y]] : tensor<4xi1>, tensor<4xf16>, tensor<f16>) outs(%{{.*}} : tensor<4xf16>)
// CHECK-NEXT: ^bb0(%[[P:.*]]: i1, %[[A:.*]]: f16, %[[B:.*]]: f16, %{{.*}}: f16):
// CHECK-NEXT: %[[AW:.*]] = arith.extf %[[A]] : f16 to f32
// CHECK-NEXT: %[[BW:.*]] = arith.extf %[[B]] : f16 to f32
// CHECK-NEXT: %[[S:.*]] = arith.select %[[P]], %[[AW]], %[[BW]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.truncf %[[S]] : f32 to f16
// CHECK-NEXT: linalg.yield %[[R]] : f16
func.func @where_f16(%c: tensor<4xi1>, %x: tensor<4xf16>, %y: tensor<f16>) -> tensor<4xf16> {
  %0 = tessera.where %c, %x, %y : (tensor<4xi1>, tensor<4xf16>, tensor<f16>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

// f16 and bf16: every operand extended to f32, the whole formula in f32
// (constants too), one truncf at the end; a compare has nothing to round.
// CHECK-LABEL: func.func @low_precision
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4xf16>, %[[Y:[^:]*]]: tensor<4xf16>, %[[Z:[^:]*]]: tensor<4xbf16>)
// CHECK: ins(%[[X]], %[[Y]] : tensor<4xf16>, tensor<4xf16>) outs(%{{.*}} : tensor<4xf16>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: f16, %[[B:.*]]: f16, %{{.*}}: f16):
// CHECK-NEXT: %[[AW:.*]] = arith.extf %[[A]] : f16 to f32
// CHECK-NEXT: %[[BW:.*]] = arith.extf %[[B]] : f16 to f32
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[AW]], %[[BW]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.truncf %[[S]] : f32 to f16
// CHECK-NEXT: linalg.yield %[[R]] : f16
// CHECK: ins(%[[Z]] : tensor<4xbf16>) outs(%{{.*}} : tensor<4xbf16>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: bf16, %{{.*}}: bf16):
// CHECK-NEXT: %[[AW:.*]] = arith.extf %[[A]] : bf16 to f32
// CHECK-NEXT: %[[RSQRT2:.*]] = arith.constant 0.707106769 : f32
// CHECK-NEXT: %[[SCALED:.*]] = arith.mulf %[[AW]], %[[RSQRT2]] : f32
// CHECK-NEXT: %[[ERF:.*]] = math.erf %[[SCALED]] : f32
// CHECK-NEXT: %[[HALF:.*]] = arith.constant 5.000000e-01 : f32
// CHECK-NEXT: %[[HX:.*]] = arith.mulf %[[HALF]], %[[AW]] : f32
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[ONEP:.*]] = arith.addf %[[ONE]], %[[ERF]] : f32
// CHECK-NEXT: %[[G:.*]] = arith.mulf %[[HX]], %[[ONEP]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.truncf %[[G]] : f32 to bf16
// CHECK-NEXT: linalg.yield %[[R]] : bf16
// CHECK: ins(%[[X]], %[[Y]] : tensor<4xf16>, tensor<4xf16>) outs(%{{.*}} : tensor<4xi1>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: f16, %[[B:.*]]: f16, %{{.*}}: i1):
// CHECK-NEXT: %[[AW:.*]] = arith.extf %[[A]] : f16 to f32
// CHECK-NEXT: %[[BW:.*]] = arith.extf %[[B]] : f16 to f32
// CHECK-NEXT: %[[C:.*]] = arith.cmpf ogt, %[[AW]], %[[BW]] : f32
// CHECK-NEXT: linalg.yield %[[C]] : i1
func.func @low_precision(%x: tensor<4xf16>, %y: tensor<4xf16>, %z: tensor<4xbf16>) -> (tensor<4xf16>, tensor<4xbf16>, tensor<4xi1>) {
  %0 = tessera.add %x, %y : (tensor<4xf16>, tensor<4xf16>) -> tensor<4xf16>
  %1 = tessera.gelu %z : tensor<4xbf16>
  %2 = tessera.compare gt, %x, %y : (tensor<4xf16>, tensor<4xf16>) -> tensor<4xi1>
  return %0, %1, %2 : tensor<4xf16>, tensor<4xbf16>, tensor<4xi1>
}

// -----

// Float to integer saturates: clamp in f64 to the integer's range, convert,
// pin values at or above the top (its f64 rounding may overflow), NaN
// gives 0. ui8 uses [0, 255] and fptoui.
// CHECK-LABEL: func.func @cast_float_to_int
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4xf32>)
// CHECK: %[[I8:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<4xf32>) outs(%{{.*}} : tensor<4xi8>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: f32, %{{.*}}: i8):
// CHECK-NEXT: %[[W:.*]] = arith.extf %[[A]] : f32 to f64
// CHECK-NEXT: %[[NAN:.*]] = arith.cmpf uno, %[[W]], %[[W]] : f64
// CHECK-NEXT: %[[LO:.*]] = arith.constant -1.280000e+02 : f64
// CHECK-NEXT: %[[C1:.*]] = arith.maximumf %[[W]], %[[LO]] : f64
// CHECK-NEXT: %[[HI:.*]] = arith.constant 1.270000e+02 : f64
// CHECK-NEXT: %[[C2:.*]] = arith.minimumf %[[C1]], %[[HI]] : f64
// CHECK-NEXT: %[[I:.*]] = arith.fptosi %[[C2]] : f64 to i8
// CHECK-NEXT: %[[HI2:.*]] = arith.constant 1.270000e+02 : f64
// CHECK-NEXT: %[[TOP:.*]] = arith.cmpf oge, %[[W]], %[[HI2]] : f64
// CHECK-NEXT: %[[MAX:.*]] = arith.constant 127 : i8
// CHECK-NEXT: %[[I1:.*]] = arith.select %[[TOP]], %[[MAX]], %[[I]] : i8
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0 : i8
// CHECK-NEXT: %[[I2:.*]] = arith.select %[[NAN]], %[[ZERO]], %[[I1]] : i8
// CHECK-NEXT: linalg.yield %[[I2]] : i8
// CHECK: %[[U8:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<4xf32>) outs(%{{.*}} : tensor<4xi8>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: f32, %{{.*}}: i8):
// CHECK-NEXT: %[[W:.*]] = arith.extf %[[A]] : f32 to f64
// CHECK-NEXT: %[[NAN:.*]] = arith.cmpf uno, %[[W]], %[[W]] : f64
// CHECK-NEXT: %[[LO:.*]] = arith.constant 0.000000e+00 : f64
// CHECK-NEXT: %[[C1:.*]] = arith.maximumf %[[W]], %[[LO]] : f64
// CHECK-NEXT: %[[HI:.*]] = arith.constant 2.550000e+02 : f64
// CHECK-NEXT: %[[C2:.*]] = arith.minimumf %[[C1]], %[[HI]] : f64
// CHECK-NEXT: %[[I:.*]] = arith.fptoui %[[C2]] : f64 to i8
// CHECK-NEXT: %[[HI2:.*]] = arith.constant 2.550000e+02 : f64
// CHECK-NEXT: %[[TOP:.*]] = arith.cmpf oge, %[[W]], %[[HI2]] : f64
// CHECK-NEXT: %[[MAX:.*]] = arith.constant -1 : i8
// CHECK-NEXT: %[[I1:.*]] = arith.select %[[TOP]], %[[MAX]], %[[I]] : i8
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0 : i8
// CHECK-NEXT: %[[I2:.*]] = arith.select %[[NAN]], %[[ZERO]], %[[I1]] : i8
// CHECK-NEXT: linalg.yield %[[I2]] : i8
// CHECK: %[[U8U:.*]] = builtin.unrealized_conversion_cast %[[U8]] : tensor<4xi8> to tensor<4xui8>
// CHECK: return %[[I8]], %[[U8U]]
func.func @cast_float_to_int(%x: tensor<4xf32>) -> (tensor<4xi8>, tensor<4xui8>) {
  %0 = tessera.cast %x : tensor<4xf32> to tensor<4xi8>
  %1 = tessera.cast %x : tensor<4xf32> to tensor<4xui8>
  return %0, %1 : tensor<4xi8>, tensor<4xui8>
}

// -----

// The other conversions: unsigned to float is uitofp, anything to i1 is
// x != 0, widening follows the source's signedness (extsi, extui),
// narrowing truncates, f16 to bf16 goes through f32, i1 to float is 0 or 1,
// signed to float is sitofp.
// CHECK-LABEL: func.func @cast_other
// CHECK-SAME: (%[[F:[^:]*]]: tensor<4xf32>, %[[U:[^:]*]]: tensor<4xui8>, %[[I:[^:]*]]: tensor<4xi32>, %[[H:[^:]*]]: tensor<4xf16>, %[[B:[^:]*]]: tensor<4xi1>)
// CHECK: %[[US:.*]] = builtin.unrealized_conversion_cast %[[U]] : tensor<4xui8> to tensor<4xi8>
// CHECK: ins(%[[US]] : tensor<4xi8>) outs(%{{.*}} : tensor<4xf16>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: i8, %{{.*}}: f16):
// CHECK-NEXT: arith.uitofp %[[A]] : i8 to f16
// CHECK: ins(%[[F]] : tensor<4xf32>) outs(%{{.*}} : tensor<4xi1>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: f32, %{{.*}}: i1):
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: arith.cmpf une, %[[A]], %[[ZERO]] : f32
// CHECK: ins(%[[I]] : tensor<4xi32>) outs(%{{.*}} : tensor<4xi64>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: i32, %{{.*}}: i64):
// CHECK-NEXT: arith.extsi %[[A]] : i32 to i64
// CHECK: %[[U64:.*]] = linalg.generic {{.*}} ins(%[[US]] : tensor<4xi8>) outs(%{{.*}} : tensor<4xi64>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: i8, %{{.*}}: i64):
// CHECK-NEXT: arith.extui %[[A]] : i8 to i64
// CHECK: builtin.unrealized_conversion_cast %[[U64]] : tensor<4xi64> to tensor<4xui64>
// CHECK: ins(%[[I]] : tensor<4xi32>) outs(%{{.*}} : tensor<4xi8>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: i32, %{{.*}}: i8):
// CHECK-NEXT: arith.trunci %[[A]] : i32 to i8
// CHECK: ins(%[[H]] : tensor<4xf16>) outs(%{{.*}} : tensor<4xbf16>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: f16, %{{.*}}: bf16):
// CHECK-NEXT: %[[W:.*]] = arith.extf %[[A]] : f16 to f32
// CHECK-NEXT: arith.truncf %[[W]] : f32 to bf16
// CHECK: ins(%[[B]] : tensor<4xi1>) outs(%{{.*}} : tensor<4xf32>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: i1, %{{.*}}: f32):
// CHECK-NEXT: arith.uitofp %[[A]] : i1 to f32
// CHECK: ins(%[[I]] : tensor<4xi32>) outs(%{{.*}} : tensor<4xf64>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: i32, %{{.*}}: f64):
// CHECK-NEXT: arith.sitofp %[[A]] : i32 to f64
func.func @cast_other(%x: tensor<4xf32>, %u: tensor<4xui8>, %i: tensor<4xi32>, %h: tensor<4xf16>, %b: tensor<4xi1>) -> (tensor<4xf16>, tensor<4xi1>, tensor<4xi64>, tensor<4xui64>, tensor<4xi8>, tensor<4xbf16>, tensor<4xf32>, tensor<4xf64>) {
  %0 = tessera.cast %u : tensor<4xui8> to tensor<4xf16>
  %1 = tessera.cast %x : tensor<4xf32> to tensor<4xi1>
  %2 = tessera.cast %i : tensor<4xi32> to tensor<4xi64>
  %3 = tessera.cast %u : tensor<4xui8> to tensor<4xui64>
  %4 = tessera.cast %i : tensor<4xi32> to tensor<4xi8>
  %5 = tessera.cast %h : tensor<4xf16> to tensor<4xbf16>
  %6 = tessera.cast %b : tensor<4xi1> to tensor<4xf32>
  %7 = tessera.cast %i : tensor<4xi32> to tensor<4xf64>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<4xf16>, tensor<4xi1>, tensor<4xi64>, tensor<4xui64>, tensor<4xi8>, tensor<4xbf16>, tensor<4xf32>, tensor<4xf64>
}

// -----

// Reductions: the accumulator starts at the identity (linalg.fill), the
// reduced dimensions are reduction iterators and leave the output map.
// CHECK-LABEL: func.func @reduce_sum
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x3x4xf32>)
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[E:.*]] = tensor.empty() : tensor<3xf32>
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E]] : tensor<3xf32>) -> tensor<3xf32>
// CHECK: %[[S:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d1)>], iterator_types = ["reduction", "parallel", "reduction"]} ins(%[[X]] : tensor<2x3x4xf32>) outs(%[[INIT]] : tensor<3xf32>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT: %[[R:.*]] = arith.addf %[[ACC]], %[[A]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
// CHECK: return %[[S]]
func.func @reduce_sum(%x: tensor<2x3x4xf32>) -> tensor<3xf32> {
  %0 = tessera.reduce_sum %x axes = [0, 2] : (tensor<2x3x4xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// The mean of f16: summed in f32 (a kept dimension reads index 0), then one
// elementwise op divides by the count (8) and rounds to f16.
// CHECK-LABEL: func.func @reduce_mean_f16
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4x8xf16>)
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[E:.*]] = tensor.empty() : tensor<4x1xf32>
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E]] : tensor<4x1xf32>)
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>], iterator_types = ["parallel", "reduction"]} ins(%[[X]] : tensor<4x8xf16>) outs(%[[INIT]] : tensor<4x1xf32>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: f16, %[[ACC:.*]]: f32):
// CHECK-NEXT: %[[AW:.*]] = arith.extf %[[A]] : f16 to f32
// CHECK-NEXT: %[[R:.*]] = arith.addf %[[ACC]], %[[AW]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
// CHECK: %[[MEAN:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%[[SUM]] : tensor<4x1xf32>) outs(%{{.*}} : tensor<4x1xf16>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: f32, %{{.*}}: f16):
// CHECK-NEXT: %[[N:.*]] = arith.constant 8.000000e+00 : f32
// CHECK-NEXT: %[[D:.*]] = arith.divf %[[A]], %[[N]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.truncf %[[D]] : f32 to f16
// CHECK-NEXT: linalg.yield %[[R]] : f16
// CHECK: return %[[MEAN]]
func.func @reduce_mean_f16(%x: tensor<4x8xf16>) -> tensor<4x1xf16> {
  %0 = tessera.reduce_mean %x axes = [1] keepdims : (tensor<4x8xf16>) -> tensor<4x1xf16>
  return %0 : tensor<4x1xf16>
}

// -----

// Identities: -inf for a float max, 0 for an unsigned max (with maxui), the
// largest i32 for a signed min.
// CHECK-LABEL: func.func @reduce_max_min
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4x8xf32>, %[[U:[^:]*]]: tensor<4x8xui8>, %[[I:[^:]*]]: tensor<4x8xi32>)
// CHECK: %[[US:.*]] = builtin.unrealized_conversion_cast %[[U]] : tensor<4x8xui8> to tensor<4x8xi8>
// CHECK: %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[NINF]] : f32) outs(%{{.*}} : tensor<8xf32>)
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>], iterator_types = ["reduction", "parallel"]} ins(%[[X]] : tensor<4x8xf32>) outs(%[[INIT]] : tensor<8xf32>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT: arith.maximumf %[[ACC]], %[[A]] : f32
// CHECK: %[[ZERO:.*]] = arith.constant 0 : i8
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : i8) outs(%{{.*}} : tensor<4xi8>)
// CHECK: %[[UMAX:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%[[US]] : tensor<4x8xi8>) outs(%[[INIT]] : tensor<4xi8>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: i8, %[[ACC:.*]]: i8):
// CHECK-NEXT: arith.maxui %[[ACC]], %[[A]] : i8
// CHECK: builtin.unrealized_conversion_cast %[[UMAX]] : tensor<4xi8> to tensor<4xui8>
// CHECK: %[[IMAX:.*]] = arith.constant 2147483647 : i32
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[IMAX]] : i32) outs(%{{.*}} : tensor<4xi32>)
// CHECK: linalg.generic {{.*}} ins(%[[I]] : tensor<4x8xi32>) outs(%[[INIT]] : tensor<4xi32>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: i32, %[[ACC:.*]]: i32):
// CHECK-NEXT: arith.minsi %[[ACC]], %[[A]] : i32
func.func @reduce_max_min(%x: tensor<4x8xf32>, %u: tensor<4x8xui8>, %i: tensor<4x8xi32>) -> (tensor<8xf32>, tensor<4xui8>, tensor<4xi32>) {
  %0 = tessera.reduce_max %x axes = [0] : (tensor<4x8xf32>) -> tensor<8xf32>
  %1 = tessera.reduce_max %u axes = [1] : (tensor<4x8xui8>) -> tensor<4xui8>
  %2 = tessera.reduce_min %i axes = [1] : (tensor<4x8xi32>) -> tensor<4xi32>
  return %0, %1, %2 : tensor<8xf32>, tensor<4xui8>, tensor<4xi32>
}

// -----

// Result dimension i reads input dimension permutation[i]: input (a, b, c)
// is read at (d1, d2, d0).
// CHECK-LABEL: func.func @transpose
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x3x4xf32>)
// CHECK-NEXT: %[[E:.*]] = tensor.empty() : tensor<4x2x3xf32>
// CHECK-NEXT: %[[T:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d1, d2, d0)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[X]] : tensor<2x3x4xf32>) outs(%[[E]] : tensor<4x2x3xf32>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: linalg.yield %[[A]] : f32
// CHECK: return %[[T]]
func.func @transpose(%x: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  %0 = tessera.transpose %x permutation = [2, 0, 1] : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  return %0 : tensor<4x2x3xf32>
}

// -----

// CHECK-LABEL: func.func @broadcast
// CHECK-SAME: (%[[X:[^:]*]]: tensor<3x1xi64>)
// CHECK-NEXT: %[[E:.*]] = tensor.empty() : tensor<2x3x4xi64>
// CHECK-NEXT: %[[B:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d1, 0)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[X]] : tensor<3x1xi64>) outs(%[[E]] : tensor<2x3x4xi64>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: i64, %{{.*}}: i64):
// CHECK-NEXT: linalg.yield %[[A]] : i64
// CHECK: return %[[B]]
func.func @broadcast(%x: tensor<3x1xi64>) -> tensor<2x3x4xi64> {
  %0 = tessera.broadcast %x : (tensor<3x1xi64>) -> tensor<2x3x4xi64>
  return %0 : tensor<2x3x4xi64>
}

// -----

// Positive steps: a strided extract_slice. A negative step: a generic that
// reads element start + i * step (7, 5, 3, 1). An empty result: just
// tensor.empty, nothing is read.
// CHECK-LABEL: func.func @slice
// CHECK-SAME: (%[[X:[^:]*]]: tensor<8x6xf32>)
// CHECK-NEXT: %[[S0:.*]] = tensor.extract_slice %[[X]][1, 0] [3, 2] [2, 3] : tensor<8x6xf32> to tensor<3x2xf32>
// CHECK-NEXT: %[[E:.*]] = tensor.empty() : tensor<4x6xf32>
// CHECK-NEXT: %[[S1:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%[[E]] : tensor<4x6xf32>)
// CHECK-NEXT: ^bb0(%{{.*}}: f32):
// CHECK-NEXT: %[[I:.*]] = linalg.index 0 : index
// CHECK-NEXT: %[[J:.*]] = linalg.index 1 : index
// CHECK-NEXT: %[[STEP0:.*]] = arith.constant -2 : index
// CHECK-NEXT: %[[M0:.*]] = arith.muli %[[I]], %[[STEP0]] : index
// CHECK-NEXT: %[[START0:.*]] = arith.constant 7 : index
// CHECK-NEXT: %[[R:.*]] = arith.addi %[[M0]], %[[START0]] : index
// CHECK-NEXT: %[[STEP1:.*]] = arith.constant 1 : index
// CHECK-NEXT: %[[M1:.*]] = arith.muli %[[J]], %[[STEP1]] : index
// CHECK-NEXT: %[[START1:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[C:.*]] = arith.addi %[[M1]], %[[START1]] : index
// CHECK-NEXT: %[[V:.*]] = tensor.extract %[[X]][%[[R]], %[[C]]] : tensor<8x6xf32>
// CHECK-NEXT: linalg.yield %[[V]] : f32
// CHECK: %[[S2:.*]] = tensor.empty() : tensor<0x6xf32>
// CHECK-NEXT: return %[[S0]], %[[S1]], %[[S2]]
func.func @slice(%x: tensor<8x6xf32>) -> (tensor<3x2xf32>, tensor<4x6xf32>, tensor<0x6xf32>) {
  %0 = tessera.slice %x starts = [1, 0] limits = [7, 6] steps = [2, 3] : (tensor<8x6xf32>) -> tensor<3x2xf32>
  %1 = tessera.slice %x starts = [7, 0] limits = [-1, 6] steps = [-2, 1] : (tensor<8x6xf32>) -> tensor<4x6xf32>
  %2 = tessera.slice %x starts = [8, 0] limits = [8, 6] steps = [1, 1] : (tensor<8x6xf32>) -> tensor<0x6xf32>
  return %0, %1, %2 : tensor<3x2xf32>, tensor<4x6xf32>, tensor<0x6xf32>
}

// -----

// Empty inputs are dropped from tensor.concat; with one input left the
// concat is that input.
// CHECK-LABEL: func.func @concat
// CHECK-SAME: (%[[A:[^:]*]]: tensor<2x3xf32>, %[[B:[^:]*]]: tensor<2x0xf32>, %[[C:[^:]*]]: tensor<2x5xf32>)
// CHECK-NEXT: %[[CAT:.*]] = tensor.concat dim(1) %[[A]], %[[C]] : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
// CHECK-NEXT: return %[[CAT]], %[[A]]
func.func @concat(%a: tensor<2x3xf32>, %b: tensor<2x0xf32>, %c: tensor<2x5xf32>) -> (tensor<2x8xf32>, tensor<2x3xf32>) {
  %0 = tessera.concat %a, %b, %c axis = 1 : (tensor<2x3xf32>, tensor<2x0xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
  %1 = tessera.concat %b, %a axis = 1 : (tensor<2x0xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0, %1 : tensor<2x8xf32>, tensor<2x3xf32>
}

// -----

// One extract_slice per piece at the running offset; an empty piece is a
// tensor.empty and does not move the offset.
// CHECK-LABEL: func.func @split
// CHECK-SAME: (%[[X:[^:]*]]: tensor<6x2xf32>)
// CHECK-NEXT: %[[P0:.*]] = tensor.extract_slice %[[X]][0, 0] [2, 2] [1, 1] : tensor<6x2xf32> to tensor<2x2xf32>
// CHECK-NEXT: %[[P1:.*]] = tensor.empty() : tensor<0x2xf32>
// CHECK-NEXT: %[[P2:.*]] = tensor.extract_slice %[[X]][2, 0] [4, 2] [1, 1] : tensor<6x2xf32> to tensor<4x2xf32>
// CHECK-NEXT: return %[[P0]], %[[P1]], %[[P2]]
func.func @split(%x: tensor<6x2xf32>) -> (tensor<2x2xf32>, tensor<0x2xf32>, tensor<4x2xf32>) {
  %0:3 = tessera.split %x axis = 0 sizes = [2, 0, 4] : (tensor<6x2xf32>) -> (tensor<2x2xf32>, tensor<0x2xf32>, tensor<4x2xf32>)
  return %0#0, %0#1, %0#2 : tensor<2x2xf32>, tensor<0x2xf32>, tensor<4x2xf32>
}

// -----

// Result (i, j, k) reads data (i, indices[j, k]); a negative index adds the
// axis size (4), then the index is clamped into [0, 3].
// CHECK-LABEL: func.func @gather
// CHECK-SAME: (%[[D:[^:]*]]: tensor<5x4xf32>, %[[IDX:[^:]*]]: tensor<2x3xi64>)
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} outs(%{{.*}} : tensor<5x2x3xf32>)
// CHECK-NEXT: ^bb0(%{{.*}}: f32):
// CHECK-NEXT: %[[I:.*]] = linalg.index 0 : index
// CHECK-NEXT: %[[J:.*]] = linalg.index 1 : index
// CHECK-NEXT: %[[K:.*]] = linalg.index 2 : index
// CHECK-NEXT: %[[RAW:.*]] = tensor.extract %[[IDX]][%[[J]], %[[K]]] : tensor<2x3xi64>
// CHECK-NEXT: %[[N:.*]] = arith.index_cast %[[RAW]] : i64 to index
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[NEG:.*]] = arith.cmpi slt, %[[N]], %[[ZERO]] : index
// CHECK-NEXT: %[[SIZE:.*]] = arith.constant 4 : index
// CHECK-NEXT: %[[WRAPPED:.*]] = arith.addi %[[N]], %[[SIZE]] : index
// CHECK-NEXT: %[[N1:.*]] = arith.select %[[NEG]], %[[WRAPPED]], %[[N]] : index
// CHECK-NEXT: %[[ZERO2:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[LAST:.*]] = arith.constant 3 : index
// CHECK-NEXT: %[[N2:.*]] = arith.maxsi %[[N1]], %[[ZERO2]] : index
// CHECK-NEXT: %[[N3:.*]] = arith.minsi %[[N2]], %[[LAST]] : index
// CHECK-NEXT: %[[V:.*]] = tensor.extract %[[D]][%[[I]], %[[N3]]] : tensor<5x4xf32>
// CHECK-NEXT: linalg.yield %[[V]] : f32
func.func @gather(%d: tensor<5x4xf32>, %i: tensor<2x3xi64>) -> tensor<5x2x3xf32> {
  %0 = tessera.gather %d, %i axis = 1 : (tensor<5x4xf32>, tensor<2x3xi64>) -> tensor<5x2x3xf32>
  return %0 : tensor<5x2x3xf32>
}

// -----

// Constant padding: j = i - low per dimension, inside when 0 <= j < size
// in every dimension; the read is clamped so that it never leaves the
// input, and the pad value is selected outside.
// CHECK-LABEL: func.func @pad_constant
// CHECK-SAME: (%[[X:[^:]*]]: tensor<3x4xf32>)
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%{{.*}} : tensor<5x7xf32>)
// CHECK-NEXT: ^bb0(%{{.*}}: f32):
// CHECK-NEXT: %[[I:.*]] = linalg.index 0 : index
// CHECK-NEXT: %[[J:.*]] = linalg.index 1 : index
// CHECK-NEXT: %[[LOW0:.*]] = arith.constant 1 : index
// CHECK-NEXT: %[[I1:.*]] = arith.subi %[[I]], %[[LOW0]] : index
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[GE0:.*]] = arith.cmpi sge, %[[I1]], %[[Z]] : index
// CHECK-NEXT: %[[S0:.*]] = arith.constant 3 : index
// CHECK-NEXT: %[[LT0:.*]] = arith.cmpi slt, %[[I1]], %[[S0]] : index
// CHECK-NEXT: %[[IN0:.*]] = arith.andi %[[GE0]], %[[LT0]] : i1
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[L0:.*]] = arith.constant 2 : index
// CHECK-NEXT: %[[CI0:.*]] = arith.maxsi %[[I1]], %[[Z]] : index
// CHECK-NEXT: %[[CI1:.*]] = arith.minsi %[[CI0]], %[[L0]] : index
// CHECK-NEXT: %[[LOW1:.*]] = arith.constant 2 : index
// CHECK-NEXT: %[[J1:.*]] = arith.subi %[[J]], %[[LOW1]] : index
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[GE1:.*]] = arith.cmpi sge, %[[J1]], %[[Z]] : index
// CHECK-NEXT: %[[S1:.*]] = arith.constant 4 : index
// CHECK-NEXT: %[[LT1:.*]] = arith.cmpi slt, %[[J1]], %[[S1]] : index
// CHECK-NEXT: %[[IN1:.*]] = arith.andi %[[GE1]], %[[LT1]] : i1
// CHECK-NEXT: %[[IN:.*]] = arith.andi %[[IN0]], %[[IN1]] : i1
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[L1:.*]] = arith.constant 3 : index
// CHECK-NEXT: %[[CJ0:.*]] = arith.maxsi %[[J1]], %[[Z]] : index
// CHECK-NEXT: %[[CJ1:.*]] = arith.minsi %[[CJ0]], %[[L1]] : index
// CHECK-NEXT: %[[V:.*]] = tensor.extract %[[X]][%[[CI1]], %[[CJ1]]] : tensor<3x4xf32>
// CHECK-NEXT: %[[PAD:.*]] = arith.constant 1.500000e+00 : f32
// CHECK-NEXT: %[[R:.*]] = arith.select %[[IN]], %[[V]], %[[PAD]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @pad_constant(%x: tensor<3x4xf32>) -> tensor<5x7xf32> {
  %0 = tessera.pad %x low = [1, 2] high = [1, 1] mode = constant value = 1.5 : (tensor<3x4xf32>) -> tensor<5x7xf32>
  return %0 : tensor<5x7xf32>
}

// -----

// An integer pad value is converted like a cast: 1000 saturates to 127.
// CHECK-LABEL: func.func @pad_integer_constant
// CHECK: %[[V:.*]] = tensor.extract
// CHECK-NEXT: %[[PAD:.*]] = arith.constant 1.000000e+03 : f64
// CHECK-NEXT: %[[NAN:.*]] = arith.cmpf uno, %[[PAD]], %[[PAD]] : f64
// CHECK-NEXT: %[[LO:.*]] = arith.constant -1.280000e+02 : f64
// CHECK-NEXT: %[[C1:.*]] = arith.maximumf %[[PAD]], %[[LO]] : f64
// CHECK-NEXT: %[[HI:.*]] = arith.constant 1.270000e+02 : f64
// CHECK-NEXT: %[[C2:.*]] = arith.minimumf %[[C1]], %[[HI]] : f64
// CHECK-NEXT: %[[I:.*]] = arith.fptosi %[[C2]] : f64 to i8
// CHECK-NEXT: %[[HI2:.*]] = arith.constant 1.270000e+02 : f64
// CHECK-NEXT: %[[TOP:.*]] = arith.cmpf oge, %[[PAD]], %[[HI2]] : f64
// CHECK-NEXT: %[[MAX:.*]] = arith.constant 127 : i8
// CHECK-NEXT: %[[I1:.*]] = arith.select %[[TOP]], %[[MAX]], %[[I]] : i8
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0 : i8
// CHECK-NEXT: %[[FILL:.*]] = arith.select %[[NAN]], %[[ZERO]], %[[I1]] : i8
// CHECK-NEXT: %[[R:.*]] = arith.select %{{.*}}, %[[V]], %[[FILL]] : i8
// CHECK-NEXT: linalg.yield %[[R]] : i8
func.func @pad_integer_constant(%x: tensor<3xi8>) -> tensor<5xi8> {
  %0 = tessera.pad %x low = [1] high = [1] mode = constant value = 1000.0 : (tensor<3xi8>) -> tensor<5xi8>
  return %0 : tensor<5xi8>
}

// -----

// Reflect mirrors without repeating the edge: -j before the start,
// 2 (size - 1) - j = 4 - j past the end; edge mode only clamps. Neither
// selects a pad value.
// CHECK-LABEL: func.func @pad_reflect_edge
// CHECK-SAME: (%[[X:[^:]*]]: tensor<3xi32>)
// CHECK: outs(%{{.*}} : tensor<6xi32>)
// CHECK-NEXT: ^bb0(%{{.*}}: i32):
// CHECK-NEXT: %[[I:.*]] = linalg.index 0 : index
// CHECK-NEXT: %[[LOW:.*]] = arith.constant 2 : index
// CHECK-NEXT: %[[J:.*]] = arith.subi %[[I]], %[[LOW]] : index
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[BEFORE:.*]] = arith.cmpi slt, %[[J]], %[[Z]] : index
// CHECK-NEXT: %[[Z2:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[NJ:.*]] = arith.subi %[[Z2]], %[[J]] : index
// CHECK-NEXT: %[[J1:.*]] = arith.select %[[BEFORE]], %[[NJ]], %[[J]] : index
// CHECK-NEXT: %[[SIZE:.*]] = arith.constant 3 : index
// CHECK-NEXT: %[[AFTER:.*]] = arith.cmpi sge, %[[J1]], %[[SIZE]] : index
// CHECK-NEXT: %[[FOUR:.*]] = arith.constant 4 : index
// CHECK-NEXT: %[[MJ:.*]] = arith.subi %[[FOUR]], %[[J1]] : index
// CHECK-NEXT: %[[J2:.*]] = arith.select %[[AFTER]], %[[MJ]], %[[J1]] : index
// CHECK-NEXT: %[[Z3:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[LAST:.*]] = arith.constant 2 : index
// CHECK-NEXT: %[[J3:.*]] = arith.maxsi %[[J2]], %[[Z3]] : index
// CHECK-NEXT: %[[J4:.*]] = arith.minsi %[[J3]], %[[LAST]] : index
// CHECK-NEXT: %[[V:.*]] = tensor.extract %[[X]][%[[J4]]] : tensor<3xi32>
// CHECK-NEXT: linalg.yield %[[V]] : i32
// CHECK: outs(%{{.*}} : tensor<7xi32>)
// CHECK-NEXT: ^bb0(%{{.*}}: i32):
// CHECK-NEXT: %[[I:.*]] = linalg.index 0 : index
// CHECK-NEXT: %[[LOW:.*]] = arith.constant 2 : index
// CHECK-NEXT: %[[J:.*]] = arith.subi %[[I]], %[[LOW]] : index
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[LAST:.*]] = arith.constant 2 : index
// CHECK-NEXT: %[[J1:.*]] = arith.maxsi %[[J]], %[[Z]] : index
// CHECK-NEXT: %[[J2:.*]] = arith.minsi %[[J1]], %[[LAST]] : index
// CHECK-NEXT: %[[V:.*]] = tensor.extract %[[X]][%[[J2]]] : tensor<3xi32>
// CHECK-NEXT: linalg.yield %[[V]] : i32
func.func @pad_reflect_edge(%x: tensor<3xi32>) -> (tensor<6xi32>, tensor<7xi32>) {
  %0 = tessera.pad %x low = [2] high = [1] mode = reflect value = 0.0 : (tensor<3xi32>) -> tensor<6xi32>
  %1 = tessera.pad %x low = [2] high = [2] mode = edge value = 0.0 : (tensor<3xi32>) -> tensor<7xi32>
  return %0, %1 : tensor<6xi32>, tensor<7xi32>
}

// -----

// Loops (d0, d1, d2, d3) over the result, d4 over K. The lhs batch dims
// 2x1 meet the result's 2x3: the unit one reads index 0; the rank-3 rhs
// aligns its batch dim with d1.
// CHECK-LABEL: func.func @matmul_batched
// CHECK-SAME: (%[[A:[^:]*]]: tensor<2x1x4x8xf32>, %[[B:[^:]*]]: tensor<3x8x5xf32>)
// CHECK-NEXT: %[[E:.*]] = tensor.empty() : tensor<2x3x4x5xf32>
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E]] : tensor<2x3x4x5xf32>)
// CHECK-NEXT: %[[M:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4) -> (d0, 0, d2, d4)>, affine_map<(d0, d1, d2, d3, d4) -> (d1, d4, d3)>, affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[A]], %[[B]] : tensor<2x1x4x8xf32>, tensor<3x8x5xf32>) outs(%[[INIT]] : tensor<2x3x4x5xf32>)
// CHECK-NEXT: ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT: %[[P:.*]] = arith.mulf %[[X]], %[[Y]] : f32
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[ACC]], %[[P]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
// CHECK: return %[[M]]
func.func @matmul_batched(%a: tensor<2x1x4x8xf32>, %b: tensor<3x8x5xf32>) -> tensor<2x3x4x5xf32> {
  %0 = tessera.matmul %a, %b : (tensor<2x1x4x8xf32>, tensor<3x8x5xf32>) -> tensor<2x3x4x5xf32>
  return %0 : tensor<2x3x4x5xf32>
}

// -----

// f16 products are accumulated in f32 and rounded once at the end.
// CHECK-LABEL: func.func @matmul_f16
// CHECK-SAME: (%[[A:[^:]*]]: tensor<4x8xf16>, %[[B:[^:]*]]: tensor<8x5xf16>)
// CHECK-NEXT: %[[E:.*]] = tensor.empty() : tensor<4x5xf32>
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E]] : tensor<4x5xf32>)
// CHECK-NEXT: %[[M:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[A]], %[[B]] : tensor<4x8xf16>, tensor<8x5xf16>) outs(%[[INIT]] : tensor<4x5xf32>)
// CHECK-NEXT: ^bb0(%[[X:.*]]: f16, %[[Y:.*]]: f16, %[[ACC:.*]]: f32):
// CHECK-NEXT: %[[XW:.*]] = arith.extf %[[X]] : f16 to f32
// CHECK-NEXT: %[[YW:.*]] = arith.extf %[[Y]] : f16 to f32
// CHECK-NEXT: %[[P:.*]] = arith.mulf %[[XW]], %[[YW]] : f32
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[ACC]], %[[P]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
// CHECK: %[[R:.*]] = linalg.generic {{.*}} ins(%[[M]] : tensor<4x5xf32>) outs(%{{.*}} : tensor<4x5xf16>)
// CHECK-NEXT: ^bb0(%[[X:.*]]: f32, %{{.*}}: f16):
// CHECK-NEXT: %[[T:.*]] = arith.truncf %[[X]] : f32 to f16
// CHECK-NEXT: linalg.yield %[[T]] : f16
// CHECK: return %[[R]]
func.func @matmul_f16(%a: tensor<4x8xf16>, %b: tensor<8x5xf16>) -> tensor<4x5xf16> {
  %0 = tessera.matmul %a, %b : (tensor<4x8xf16>, tensor<8x5xf16>) -> tensor<4x5xf16>
  return %0 : tensor<4x5xf16>
}

// -----

// CHECK-LABEL: func.func @matmul_i32
// CHECK-SAME: (%[[A:[^:]*]]: tensor<4x8xi32>, %[[B:[^:]*]]: tensor<8x5xi32>)
// CHECK: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : i32) outs(%{{.*}} : tensor<4x5xi32>)
// CHECK: %[[M:.*]] = linalg.generic {{.*}} ins(%[[A]], %[[B]] : tensor<4x8xi32>, tensor<8x5xi32>) outs(%[[INIT]] : tensor<4x5xi32>)
// CHECK-NEXT: ^bb0(%[[X:.*]]: i32, %[[Y:.*]]: i32, %[[ACC:.*]]: i32):
// CHECK-NEXT: %[[P:.*]] = arith.muli %[[X]], %[[Y]] : i32
// CHECK-NEXT: %[[S:.*]] = arith.addi %[[ACC]], %[[P]] : i32
// CHECK-NEXT: linalg.yield %[[S]] : i32
// CHECK: return %[[M]]
func.func @matmul_i32(%a: tensor<4x8xi32>, %b: tensor<8x5xi32>) -> tensor<4x5xi32> {
  %0 = tessera.matmul %a, %b : (tensor<4x8xi32>, tensor<8x5xi32>) -> tensor<4x5xi32>
  return %0 : tensor<4x5xi32>
}

// -----

// Pooling: loops n, c, oh, ow (parallel) and kh, kw (reduction, ranged by
// an unused kernel-shaped input); input row oh * 2 + kh * 1 - 0, and the
// same for columns; window positions outside the input (here the ceil-mode
// row and column 5) keep the accumulator. An i8 max starts at -128 and
// uses maxsi.
// CHECK-LABEL: func.func @max_pool_i8
// CHECK-SAME: (%[[X:[^:]*]]: tensor<1x2x5x5xi8>)
// CHECK-NEXT: %[[WIN:.*]] = tensor.empty() : tensor<2x2xi8>
// CHECK-NEXT: %[[MIN:.*]] = arith.constant -128 : i8
// CHECK-NEXT: %[[E:.*]] = tensor.empty() : tensor<1x2x3x3xi8>
// CHECK-NEXT: %[[INIT:.*]] = linalg.fill ins(%[[MIN]] : i8) outs(%[[E]] : tensor<1x2x3x3xi8>)
// CHECK-NEXT: %[[P:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d5)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]} ins(%[[WIN]] : tensor<2x2xi8>) outs(%[[INIT]] : tensor<1x2x3x3xi8>)
// CHECK-NEXT: ^bb0(%{{.*}}: i8, %[[ACC:.*]]: i8):
// CHECK-NEXT: %[[N:.*]] = linalg.index 0 : index
// CHECK-NEXT: %[[C:.*]] = linalg.index 1 : index
// CHECK-NEXT: %[[OH:.*]] = linalg.index 2 : index
// CHECK-NEXT: %[[OW:.*]] = linalg.index 3 : index
// CHECK-NEXT: %[[KH:.*]] = linalg.index 4 : index
// CHECK-NEXT: %[[KW:.*]] = linalg.index 5 : index
// CHECK-NEXT: %[[SH:.*]] = arith.constant 2 : index
// CHECK-NEXT: %[[H0:.*]] = arith.muli %[[OH]], %[[SH]] : index
// CHECK-NEXT: %[[DH:.*]] = arith.constant 1 : index
// CHECK-NEXT: %[[H1:.*]] = arith.muli %[[KH]], %[[DH]] : index
// CHECK-NEXT: %[[H2:.*]] = arith.addi %[[H0]], %[[H1]] : index
// CHECK-NEXT: %[[PH:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[H:.*]] = arith.subi %[[H2]], %[[PH]] : index
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[HGE:.*]] = arith.cmpi sge, %[[H]], %[[Z]] : index
// CHECK-NEXT: %[[HS:.*]] = arith.constant 5 : index
// CHECK-NEXT: %[[HLT:.*]] = arith.cmpi slt, %[[H]], %[[HS]] : index
// CHECK-NEXT: %[[HIN:.*]] = arith.andi %[[HGE]], %[[HLT]] : i1
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[HL:.*]] = arith.constant 4 : index
// CHECK-NEXT: %[[HC0:.*]] = arith.maxsi %[[H]], %[[Z]] : index
// CHECK-NEXT: %[[HC:.*]] = arith.minsi %[[HC0]], %[[HL]] : index
// CHECK-NEXT: %[[SW:.*]] = arith.constant 2 : index
// CHECK-NEXT: %[[W0:.*]] = arith.muli %[[OW]], %[[SW]] : index
// CHECK-NEXT: %[[DW:.*]] = arith.constant 1 : index
// CHECK-NEXT: %[[W1:.*]] = arith.muli %[[KW]], %[[DW]] : index
// CHECK-NEXT: %[[W2:.*]] = arith.addi %[[W0]], %[[W1]] : index
// CHECK-NEXT: %[[PW:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[W:.*]] = arith.subi %[[W2]], %[[PW]] : index
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[WGE:.*]] = arith.cmpi sge, %[[W]], %[[Z]] : index
// CHECK-NEXT: %[[WS:.*]] = arith.constant 5 : index
// CHECK-NEXT: %[[WLT:.*]] = arith.cmpi slt, %[[W]], %[[WS]] : index
// CHECK-NEXT: %[[WIN2:.*]] = arith.andi %[[WGE]], %[[WLT]] : i1
// CHECK-NEXT: %[[IN:.*]] = arith.andi %[[HIN]], %[[WIN2]] : i1
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[WL:.*]] = arith.constant 4 : index
// CHECK-NEXT: %[[WC0:.*]] = arith.maxsi %[[W]], %[[Z]] : index
// CHECK-NEXT: %[[WC:.*]] = arith.minsi %[[WC0]], %[[WL]] : index
// CHECK-NEXT: %[[V:.*]] = tensor.extract %[[X]][%[[N]], %[[C]], %[[HC]], %[[WC]]] : tensor<1x2x5x5xi8>
// CHECK-NEXT: %[[MAX:.*]] = arith.maxsi %[[ACC]], %[[V]] : i8
// CHECK-NEXT: %[[R:.*]] = arith.select %[[IN]], %[[MAX]], %[[ACC]] : i8
// CHECK-NEXT: linalg.yield %[[R]] : i8
// CHECK: return %[[P]]
func.func @max_pool_i8(%x: tensor<1x2x5x5xi8>) -> tensor<1x2x3x3xi8> {
  %0 = tessera.max_pool2d %x kernel = [2, 2] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] ceil_mode : (tensor<1x2x5x5xi8>) -> tensor<1x2x3x3xi8>
  return %0 : tensor<1x2x3x3xi8>
}

// -----

// Average pooling sums what is inside the input, then divides each output
// by its own count: with count_include_pad, window positions in
// [-pad_begin, size + pad_end) = [-1, 4) count, and the extra reach of ceil
// mode (position 4) does not. The count is the product of the rows' and
// columns' counts, each a sum over the kernel (k = 0, 1) of
// start + k * dilation in range, start = o * stride - pad_begin.
// CHECK-LABEL: func.func @avg_pool
// CHECK-SAME: (%[[X:[^:]*]]: tensor<1x1x4x4xf32>)
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<1x1x3x3xf32>)
// CHECK: %[[SUM:.*]] = linalg.generic {{.*}} outs(%[[INIT]] : tensor<1x1x3x3xf32>)
// CHECK-NEXT: ^bb0(%{{.*}}: i8, %[[ACC:.*]]: f32):
// CHECK: %[[H2:.*]] = arith.addi %{{.*}}, %{{.*}} : index
// CHECK-NEXT: %[[PH:.*]] = arith.constant 1 : index
// CHECK-NEXT: %[[H:.*]] = arith.subi %[[H2]], %[[PH]] : index
// CHECK: %[[V:.*]] = tensor.extract %[[X]]
// CHECK-NEXT: %[[ADD:.*]] = arith.addf %[[ACC]], %[[V]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.select %{{.*}}, %[[ADD]], %[[ACC]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
// CHECK: %[[MEAN:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[SUM]] : tensor<1x1x3x3xf32>) outs(%{{.*}} : tensor<1x1x3x3xf32>)
// CHECK-NEXT: ^bb0(%[[S:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: linalg.index 0
// CHECK-NEXT: linalg.index 1
// CHECK-NEXT: %[[OH:.*]] = linalg.index 2 : index
// CHECK-NEXT: %[[OW:.*]] = linalg.index 3 : index
// CHECK-NEXT: %[[SH:.*]] = arith.constant 2 : index
// CHECK-NEXT: %[[H0:.*]] = arith.muli %[[OH]], %[[SH]] : index
// CHECK-NEXT: %[[PH:.*]] = arith.constant 1 : index
// CHECK-NEXT: %[[START:.*]] = arith.subi %[[H0]], %[[PH]] : index
// CHECK-NEXT: %[[N0:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[K0:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[POS0:.*]] = arith.addi %[[START]], %[[K0]] : index
// CHECK-NEXT: %[[LO:.*]] = arith.constant -1 : index
// CHECK-NEXT: %[[GE:.*]] = arith.cmpi sge, %[[POS0]], %[[LO]] : index
// CHECK-NEXT: %[[HI:.*]] = arith.constant 4 : index
// CHECK-NEXT: %[[LT:.*]] = arith.cmpi slt, %[[POS0]], %[[HI]] : index
// CHECK-NEXT: %[[OK:.*]] = arith.andi %[[GE]], %[[LT]] : i1
// CHECK-NEXT: %[[OK64:.*]] = arith.extui %[[OK]] : i1 to i64
// CHECK-NEXT: %[[OKI:.*]] = arith.index_cast %[[OK64]] : i64 to index
// CHECK-NEXT: %[[N1:.*]] = arith.addi %[[N0]], %[[OKI]] : index
// CHECK-NEXT: %[[K1:.*]] = arith.constant 1 : index
// CHECK-NEXT: %[[POS1:.*]] = arith.addi %[[START]], %[[K1]] : index
// CHECK-NEXT: %[[LO:.*]] = arith.constant -1 : index
// CHECK-NEXT: %[[GE:.*]] = arith.cmpi sge, %[[POS1]], %[[LO]] : index
// CHECK-NEXT: %[[HI:.*]] = arith.constant 4 : index
// CHECK-NEXT: %[[LT:.*]] = arith.cmpi slt, %[[POS1]], %[[HI]] : index
// CHECK-NEXT: %[[OK:.*]] = arith.andi %[[GE]], %[[LT]] : i1
// CHECK-NEXT: %[[OK64:.*]] = arith.extui %[[OK]] : i1 to i64
// CHECK-NEXT: %[[OKI:.*]] = arith.index_cast %[[OK64]] : i64 to index
// CHECK-NEXT: %[[ROWS:.*]] = arith.addi %[[N1]], %[[OKI]] : index
// The columns' count is computed the same way.
// CHECK: %[[COUNT:.*]] = arith.muli %[[ROWS]], %{{.*}} : index
// CHECK-NEXT: %[[C64:.*]] = arith.index_cast %[[COUNT]] : index to i64
// CHECK-NEXT: %[[CF:.*]] = arith.sitofp %[[C64]] : i64 to f32
// CHECK-NEXT: %[[M:.*]] = arith.divf %[[S]], %[[CF]] : f32
// CHECK-NEXT: linalg.yield %[[M]] : f32
// CHECK: return %[[MEAN]]
func.func @avg_pool(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x3x3xf32> {
  %0 = tessera.avg_pool2d %x kernel = [2, 2] strides = [2, 2] padding = [1, 1, 0, 0] dilations = [1, 1] ceil_mode count_include_pad : (tensor<1x1x4x4xf32>) -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// -----

// A convolution (every type: the library takes only f32 on the cpu
// target, nothing on the cuda target) is one generic over n, f, oh, ow
// (parallel) and c, kh, kw (reduction): the weight through its map, the
// input by tensor.extract at oh * stride + kh * dilation - pad, clamped,
// adding nothing outside the input. Groups: the input channel is
// f / (F / groups) * (C / groups) + c. f16 accumulates in f32; the bias is
// added and the sum rounded in one elementwise generic.
// CHECK-LABEL: func.func @conv2d_f16_groups
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x5x5xf16>, %[[W:.*]]: tensor<6x2x3x3xf16>, %[[B:.*]]: tensor<6xf16>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x6x2x2xf32>
// CHECK: %[[Z:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[E]] : tensor<1x6x2x2xf32>)
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d1, d4, d5, d6)>, affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]} ins(%[[W]] : tensor<6x2x3x3xf16>) outs(%[[Z]] : tensor<1x6x2x2xf32>) {
// CHECK-NEXT: ^bb0(%[[WI:.*]]: f16, %[[ACC:.*]]: f32):
// CHECK-DAG: %[[N:.*]] = linalg.index 0 : index
// CHECK-DAG: %[[F:.*]] = linalg.index 1 : index
// CHECK-DAG: %[[OH:.*]] = linalg.index 2 : index
// CHECK-DAG: %[[OW:.*]] = linalg.index 3 : index
// CHECK-DAG: %[[C:.*]] = linalg.index 4 : index
// CHECK-DAG: %[[KH:.*]] = linalg.index 5 : index
// CHECK-DAG: %[[KW:.*]] = linalg.index 6 : index
// CHECK: %[[G:.*]] = arith.divui %[[F]], %c3 : index
// CHECK: %[[G2:.*]] = arith.muli %[[G]], %c2 : index
// CHECK: %[[CH:.*]] = arith.addi %[[G2]], %[[C]] : index
// CHECK: %[[SH:.*]] = arith.muli %[[OH]], %c2{{.*}} : index
// CHECK: %[[DH:.*]] = arith.muli %[[KH]], %c2{{.*}} : index
// CHECK: %[[AH:.*]] = arith.addi %[[SH]], %[[DH]] : index
// CHECK: %[[IH:.*]] = arith.subi %[[AH]], %c1{{.*}} : index
// CHECK: arith.cmpi sge, %[[IH]]
// CHECK: arith.cmpi slt, %[[IH]], %c5
// CHECK: %[[IW:.*]] = arith.subi %{{.*}}, %c0{{.*}} : index
// CHECK: %[[INW:.*]] = arith.andi
// CHECK: %[[INSIDE:.*]] = arith.andi %{{.*}}, %[[INW]] : i1
// CHECK: %[[XV:.*]] = tensor.extract %[[X]][%[[N]], %[[CH]], %{{.*}}, %{{.*}}] : tensor<1x4x5x5xf16>
// CHECK: %[[XF:.*]] = arith.extf %[[XV]] : f16 to f32
// CHECK: %[[WF:.*]] = arith.extf %[[WI]] : f16 to f32
// CHECK: %[[P:.*]] = arith.mulf %[[XF]], %[[WF]] : f32
// CHECK: %[[S:.*]] = arith.addf %[[ACC]], %[[P]] : f32
// CHECK: %[[R:.*]] = arith.select %[[INSIDE]], %[[S]], %[[ACC]] : f32
// CHECK: linalg.yield %[[R]] : f32
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d1)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[SUM]], %[[B]] : tensor<1x6x2x2xf32>, tensor<6xf16>)
// CHECK-NEXT: ^bb0(%[[SI:.*]]: f32, %[[BI:.*]]: f16, %{{.*}}: f16):
// CHECK-NEXT: %[[BF:.*]] = arith.extf %[[BI]] : f16 to f32
// CHECK-NEXT: %[[T:.*]] = arith.addf %[[SI]], %[[BF]] : f32
// CHECK-NEXT: %[[H:.*]] = arith.truncf %[[T]] : f32 to f16
// CHECK-NEXT: linalg.yield %[[H]] : f16
// CHECK: return %[[Y]]
func.func @conv2d_f16_groups(%x: tensor<1x4x5x5xf16>, %w: tensor<6x2x3x3xf16>, %b: tensor<6xf16>) -> tensor<1x6x2x2xf16> {
  %y = tessera.conv2d %x, %w, %b strides = [2, 2] padding = [1, 0, 1, 1] dilations = [2, 1] groups = 2 : (tensor<1x4x5x5xf16>, tensor<6x2x3x3xf16>, tensor<6xf16>) -> tensor<1x6x2x2xf16>
  return %y : tensor<1x6x2x2xf16>
}

// -----

// An f32 convolution without a bias and one group: the generic alone.
// CHECK-LABEL: func.func @conv2d_f32
// CHECK: %[[SUM:.*]] = linalg.generic
// CHECK-NOT: arith.divui
// CHECK: tensor.extract
// CHECK-NOT: arith.extf
// CHECK: linalg.yield
// CHECK-NOT: linalg.generic
// CHECK: return %[[SUM]]
func.func @conv2d_f32(%x: tensor<1x3x4x4xf32>, %w: tensor<2x3x3x3xf32>) -> tensor<1x2x2x2xf32> {
  %y = tessera.conv2d %x, %w strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x3x4x4xf32>, tensor<2x3x3x3xf32>) -> tensor<1x2x2x2xf32>
  return %y : tensor<1x2x2x2xf32>
}

// -----

// Constants and reshapes stay tessera ops; an unsigned constant is
// reinterpreted as signless (200 -> -56, 255 -> -1), an unsigned reshape is
// retyped, and the ui8 result is cast back.
// CHECK-LABEL: func.func @unsigned_views
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x2xui8>)
// CHECK-NEXT: %[[XS:.*]] = builtin.unrealized_conversion_cast %[[X]] : tensor<2x2xui8> to tensor<2x2xi8>
// CHECK-NEXT: %[[C:.*]] = tessera.constant dense<{{\[\[}}1, -56], [3, -1]]> : tensor<2x2xi8>
// CHECK-NEXT: tensor.empty
// CHECK-NEXT: %[[A:.*]] = linalg.generic {{.*}} ins(%[[XS]], %[[C]] : tensor<2x2xi8>, tensor<2x2xi8>)
// CHECK-NEXT: ^bb0(%[[P:.*]]: i8, %[[Q:.*]]: i8, %{{.*}}: i8):
// CHECK-NEXT: %[[S:.*]] = arith.addi %[[P]], %[[Q]] : i8
// CHECK: %[[R:.*]] = tessera.reshape %[[A]] : (tensor<2x2xi8>) -> tensor<4xi8>
// CHECK-NEXT: %[[RU:.*]] = builtin.unrealized_conversion_cast %[[R]] : tensor<4xi8> to tensor<4xui8>
// CHECK-NEXT: return %[[RU]] : tensor<4xui8>
func.func @unsigned_views(%x: tensor<2x2xui8>) -> tensor<4xui8> {
  %c = tessera.constant dense<[[1, 200], [3, 255]]> : tensor<2x2xui8>
  %a = tessera.add %x, %c : (tensor<2x2xui8>, tensor<2x2xui8>) -> tensor<2x2xui8>
  %r = tessera.reshape %a : (tensor<2x2xui8>) -> tensor<4xui8>
  return %r : tensor<4xui8>
}

// -----

// Library calls formed earlier, f32 constants and reshapes are left as
// they are.
// CHECK-LABEL: func.func @left_alone
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x3xf32>, %[[W:[^:]*]]: tensor<3x4xf32>)
// CHECK-NEXT: %[[B:.*]] = tessera.constant dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]> : tensor<4xf32>
// CHECK-NEXT: %[[M:.*]] = texec.matmul %[[X]], %[[W]] bias %[[B]] activation relu : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
// CHECK-NEXT: %[[R:.*]] = tessera.reshape %[[M]] : (tensor<2x4xf32>) -> tensor<8xf32>
// CHECK-NEXT: return %[[R]]
func.func @left_alone(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>) -> tensor<8xf32> {
  %b = tessera.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %m = texec.matmul %x, %w bias %b activation relu : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %r = tessera.reshape %m : (tensor<2x4xf32>) -> tensor<8xf32>
  return %r : tensor<8xf32>
}
