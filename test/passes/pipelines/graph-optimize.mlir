// RUN: tessera-opt %s --tessera-graph-optimize -split-input-file | FileCheck %s
// RUN: tessera-opt %s --tessera-graph-optimize=decompose=false -split-input-file | FileCheck %s
// RUN: tessera-opt %s --tessera-graph-optimize=decompose=true -split-input-file | FileCheck %s --check-prefix=DEC

// The tessera-graph-optimize pipeline (passes/pipelines/Pipelines.cpp):
// canonicalize + CSE, and with decompose=true then tessera-decompose,
// canonicalize and CSE again. Checked on small graphs: the shape computation
// of an exported model folds to one constant, identities and reshape chains
// disappear, duplicate subexpressions are merged (also those that only
// become equal after folding, and those the decomposition creates), and
// composite ops are decomposed only with decompose=true (the default is
// false).

// An attention-score block:
//  - the shape [2, 8, 64] gathered, sliced, divided and concatenated gives
//    [2, 8, 4, 16];
//  - q and k are the same matmul: one is left, so the scores use it twice;
//  - s + (-0.0) is s, so the two softmaxes become one and the sum adds it to
//    itself;
//  - reshape(reshape(q)) back to q's type is q, so both gelus read q.
// CHECK-LABEL: func.func @attention
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x8x64xf32>, %[[W:[^:]*]]: tensor<64x64xf32>)
// CHECK-DAG: %[[SHAPE:.*]] = tessera.constant dense<[2, 8, 4, 16]> : tensor<4xi64>
// CHECK-DAG: %[[Q:.*]] = tessera.matmul %[[X]], %[[W]] : (tensor<2x8x64xf32>, tensor<64x64xf32>) -> tensor<2x8x64xf32>
// CHECK-NOT: tessera.matmul %[[X]]
// CHECK: %[[KT:.*]] = tessera.transpose %[[Q]] permutation = [0, 2, 1]
// CHECK: %[[S:.*]] = tessera.matmul %[[Q]], %[[KT]] : (tensor<2x8x64xf32>, tensor<2x64x8xf32>) -> tensor<2x8x8xf32>
// CHECK: %[[P:.*]] = tessera.softmax %[[S]] axis = 2 : tensor<2x8x8xf32>
// CHECK-NOT: tessera.softmax
// CHECK: %[[SUM:.*]] = tessera.add %[[P]], %[[P]]
// CHECK-NOT: tessera.reshape
// CHECK: %[[Y:.*]] = tessera.gelu %[[Q]] : tensor<2x8x64xf32>
// CHECK: %[[Y2:.*]] = tessera.gelu %[[Q]] approximate = tanh : tensor<2x8x64xf32>
// CHECK-NOT: tessera.
// CHECK: return %[[SUM]], %[[SHAPE]], %[[Y]], %[[Y2]]

// With decompose=true the softmax and both gelus are decomposed after CSE;
// the x * 0.5 and + 1.0 parts the two gelus share are computed once.
// DEC-LABEL: func.func @attention
// DEC-SAME: (%[[X:[^:]*]]: tensor<2x8x64xf32>, %[[W:[^:]*]]: tensor<64x64xf32>)
// DEC-DAG: %[[SQRT2PI:.*]] = tessera.constant dense<0.797884583> : tensor<f32>
// DEC-DAG: %[[C:.*]] = tessera.constant dense<4.471500e-02> : tensor<f32>
// DEC-DAG: %[[ONE:.*]] = tessera.constant dense<1.000000e+00> : tensor<f32>
// DEC-DAG: %[[HALF:.*]] = tessera.constant dense<5.000000e-01> : tensor<f32>
// DEC-DAG: %[[RSQRT2:.*]] = tessera.constant dense<0.707106769> : tensor<f32>
// DEC-DAG: %[[SHAPE:.*]] = tessera.constant dense<[2, 8, 4, 16]> : tensor<4xi64>
// DEC: %[[Q:.*]] = tessera.matmul %[[X]], %[[W]]
// DEC: %[[KT:.*]] = tessera.transpose %[[Q]] permutation = [0, 2, 1]
// DEC: %[[S:.*]] = tessera.matmul %[[Q]], %[[KT]]
// DEC: %[[MAX:.*]] = tessera.reduce_max %[[S]] axes = [2] keepdims : (tensor<2x8x8xf32>) -> tensor<2x8x1xf32>
// DEC: %[[SH:.*]] = tessera.sub %[[S]], %[[MAX]]
// DEC: %[[E:.*]] = tessera.exp %[[SH]]
// DEC: %[[Z:.*]] = tessera.reduce_sum %[[E]] axes = [2] keepdims
// DEC: %[[P:.*]] = tessera.div %[[E]], %[[Z]]
// DEC-NOT: tessera.exp
// DEC: %[[SUM:.*]] = tessera.add %[[P]], %[[P]]
// DEC: %[[A:.*]] = tessera.mul %[[Q]], %[[RSQRT2]]
// DEC: %[[ERF:.*]] = tessera.erf %[[A]]
// DEC-DAG: %[[HQ:.*]] = tessera.mul %[[Q]], %[[HALF]]
// DEC-DAG: %[[ONEP:.*]] = tessera.add %[[ERF]], %[[ONE]]
// DEC: %[[Y:.*]] = tessera.mul %[[HQ]], %[[ONEP]]
// DEC: %[[SQ:.*]] = tessera.mul %[[Q]], %[[Q]]
// DEC: %[[CUBE:.*]] = tessera.mul %[[SQ]], %[[Q]]
// DEC: %[[CC:.*]] = tessera.mul %[[CUBE]], %[[C]]
// DEC: %[[POLY:.*]] = tessera.add %[[Q]], %[[CC]]
// DEC: %[[ARG:.*]] = tessera.mul %[[POLY]], %[[SQRT2PI]]
// DEC: %[[TANH:.*]] = tessera.tanh %[[ARG]]
// DEC: %[[ONEP2:.*]] = tessera.add %[[TANH]], %[[ONE]]
// DEC: %[[Y2:.*]] = tessera.mul %[[HQ]], %[[ONEP2]]
// DEC-NOT: tessera.softmax
// DEC-NOT: tessera.gelu
// DEC-NOT: tessera.reshape
// DEC: return %[[SUM]], %[[SHAPE]], %[[Y]], %[[Y2]]
func.func @attention(%x: tensor<2x8x64xf32>, %w: tensor<64x64xf32>) -> (tensor<2x8x8xf32>, tensor<4xi64>, tensor<2x8x64xf32>, tensor<2x8x64xf32>) {
  %shape = tessera.constant dense<[2, 8, 64]> : tensor<3xi64>
  %first = tessera.constant dense<[0]> : tensor<1xi64>
  %last = tessera.constant dense<[-1]> : tensor<1xi64>
  %heads = tessera.constant dense<[4]> : tensor<1xi64>
  %batch = tessera.gather %shape, %first axis = 0 : (tensor<3xi64>, tensor<1xi64>) -> tensor<1xi64>
  %seq = tessera.slice %shape starts = [1] limits = [2] steps = [1] : (tensor<3xi64>) -> tensor<1xi64>
  %hidden = tessera.gather %shape, %last axis = 0 : (tensor<3xi64>, tensor<1xi64>) -> tensor<1xi64>
  %head_dim = tessera.div %hidden, %heads : (tensor<1xi64>, tensor<1xi64>) -> tensor<1xi64>
  %new_shape = tessera.concat %batch, %seq, %heads, %head_dim axis = 0 : (tensor<1xi64>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<4xi64>
  %q = tessera.matmul %x, %w : (tensor<2x8x64xf32>, tensor<64x64xf32>) -> tensor<2x8x64xf32>
  %k = tessera.matmul %x, %w : (tensor<2x8x64xf32>, tensor<64x64xf32>) -> tensor<2x8x64xf32>
  %kt = tessera.transpose %k permutation = [0, 2, 1] : (tensor<2x8x64xf32>) -> tensor<2x64x8xf32>
  %s = tessera.matmul %q, %kt : (tensor<2x8x64xf32>, tensor<2x64x8xf32>) -> tensor<2x8x8xf32>
  %nz = tessera.constant dense<-0.0> : tensor<f32>
  %s2 = tessera.add %s, %nz : (tensor<2x8x8xf32>, tensor<f32>) -> tensor<2x8x8xf32>
  %p = tessera.softmax %s2 axis = 2 : tensor<2x8x8xf32>
  %p2 = tessera.softmax %s axis = 2 : tensor<2x8x8xf32>
  %sum = tessera.add %p, %p2 : (tensor<2x8x8xf32>, tensor<2x8x8xf32>) -> tensor<2x8x8xf32>
  %r1 = tessera.reshape %q : (tensor<2x8x64xf32>) -> tensor<16x64xf32>
  %r2 = tessera.reshape %r1 : (tensor<16x64xf32>) -> tensor<2x8x64xf32>
  %y = tessera.gelu %r2 : tensor<2x8x64xf32>
  %y2 = tessera.gelu %q approximate = tanh : tensor<2x8x64xf32>
  return %sum, %new_shape, %y, %y2 : tensor<2x8x8xf32>, tensor<4xi64>, tensor<2x8x64xf32>, tensor<2x8x64xf32>
}

// -----

// A convolution head with constant batch-norm statistics. Without
// decomposition batch_norm and the global pool stay. With it the statistics
// fold: scale [2, 4], bias [1, 1], mean [1, 2], var [3, 15], eps 1 give
//   k = scale / sqrt(var + 1) = [2 / 2, 4 / 4] = [1, 1] (a splat of 1, so
//   x * k is x and disappears),
//   b = bias - mean * k = [0, -1],
// and y = x + b; the pool becomes reduce_mean over H and W; the two equal
// relu6 clips are merged by CSE before being decomposed.
// CHECK-LABEL: func.func @conv_head
// CHECK-SAME: (%[[X:[^:]*]]: tensor<1x2x4x4xf32>)
// CHECK: %[[BN:.*]] = tessera.batch_norm %[[X]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} epsilon = 1.000000e+00
// CHECK: %[[C:.*]] = tessera.clip %[[BN]] min = 0.000000e+00 max = 6.000000e+00
// CHECK-NOT: tessera.clip
// CHECK: %[[POOL:.*]] = tessera.global_avg_pool2d %[[C]]
// CHECK: return %[[POOL]], %[[C]]
// DEC-LABEL: func.func @conv_head
// DEC-SAME: (%[[X:[^:]*]]: tensor<1x2x4x4xf32>)
// DEC-DAG: %[[B:.*]] = tessera.constant dense<{{\[}}{{\[}}[0.000000e+00]], {{\[}}[-1.000000e+00]]]> : tensor<2x1x1xf32>
// DEC-DAG: %[[ZERO:.*]] = tessera.constant dense<0.000000e+00> : tensor<f32>
// DEC-DAG: %[[SIX:.*]] = tessera.constant dense<6.000000e+00> : tensor<f32>
// DEC-NOT: tessera.mul
// DEC: %[[Y:.*]] = tessera.add %[[X]], %[[B]] : (tensor<1x2x4x4xf32>, tensor<2x1x1xf32>) -> tensor<1x2x4x4xf32>
// DEC: %[[LO:.*]] = tessera.max %[[Y]], %[[ZERO]]
// DEC: %[[HI:.*]] = tessera.min %[[LO]], %[[SIX]]
// DEC-NOT: tessera.max
// DEC: %[[POOL:.*]] = tessera.reduce_mean %[[HI]] axes = [2, 3] keepdims : (tensor<1x2x4x4xf32>) -> tensor<1x2x1x1xf32>
// DEC-NOT: tessera.batch_norm
// DEC-NOT: tessera.rsqrt
// DEC-NOT: tessera.reshape
// DEC: return %[[POOL]], %[[HI]]
func.func @conv_head(%x: tensor<1x2x4x4xf32>) -> (tensor<1x2x1x1xf32>, tensor<1x2x4x4xf32>) {
  %scale = tessera.constant dense<[2.0, 4.0]> : tensor<2xf32>
  %bias = tessera.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %mean = tessera.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %var = tessera.constant dense<[3.0, 15.0]> : tensor<2xf32>
  %bn = tessera.batch_norm %x, %scale, %bias, %mean, %var epsilon = 1.0 : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %c1 = tessera.clip %bn min = 0.0 max = 6.0 : tensor<1x2x4x4xf32>
  %c2 = tessera.clip %bn min = 0.0 max = 6.0 : tensor<1x2x4x4xf32>
  %pool = tessera.global_avg_pool2d %c1 : (tensor<1x2x4x4xf32>) -> tensor<1x2x1x1xf32>
  return %pool, %c2 : tensor<1x2x1x1xf32>, tensor<1x2x4x4xf32>
}
