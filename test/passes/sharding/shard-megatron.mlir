// RUN: tessera-opt %s --tessera-shard-megatron -split-input-file -verify-diagnostics | FileCheck %s
// RUN: tessera-opt %s --tessera-shard-megatron --tessera-propagate-sharding -split-input-file | FileCheck %s --check-prefix=PROP

// tessera-shard-megatron on small hand-written blocks. A block is a linear
// whose input features, followed back through the sharding rules, come
// from other linears' output features only: those are column-parallel
// (weight <{}, {"tp"}>, bias <{"tp"}>), it is row-parallel (weight
// <{"tp"}, {}>). Propagation then splits everything in between over tp and
// leaves the block's output partial (one all-reduce), and nothing else.

module attributes {dist.mesh = #dist.mesh<["dp" = 2, "tp" = 2]>} {
// An MLP block: matmul + bias, gelu, matmul. With dp in the mesh, the
// input's batch is split over dp too.
// CHECK-LABEL: func.func @mlp(
// CHECK-SAME: {dist.sharding = #dist.sharding<{"dp"}, {}>}
// Each annotation follows its constant and is read only by the linear.
// CHECK: %[[W1:.*]] = tessera.constant dense<5.000000e-01> : tensor<8x16xf32>
// CHECK-NEXT: %[[W1S:.*]] = dist.shard %[[W1]] to <{}, {"tp"}> : tensor<8x16xf32>
// CHECK-NEXT: %[[B1:.*]] = tessera.constant dense<1.000000e-01> : tensor<16xf32>
// CHECK-NEXT: %[[B1S:.*]] = dist.shard %[[B1]] to <{"tp"}> : tensor<16xf32>
// CHECK-NEXT: %[[W2:.*]] = tessera.constant dense<2.500000e-01> : tensor<16x8xf32>
// CHECK-NEXT: %[[W2S:.*]] = dist.shard %[[W2]] to <{"tp"}, {}> : tensor<16x8xf32>
// CHECK-NEXT: %[[H:.*]] = tessera.matmul %{{.*}}, %[[W1S]]
// CHECK-NEXT: %[[HB:.*]] = tessera.add %[[H]], %[[B1S]]
// CHECK: %[[A:.*]] = tessera.gelu %[[HB]]
// CHECK: tessera.matmul %[[A]], %[[W2S]]
// After propagation: [dp, tp] between the two linears, the output split by
// dp only (partial over tp).
// PROP-LABEL: func.func @mlp(
// PROP: tessera.matmul {{.*}} {dist.shardings = [#dist.sharding<{"dp"}, {"tp"}>]}
// PROP: tessera.add {{.*}} {dist.shardings = [#dist.sharding<{"dp"}, {"tp"}>]}
// PROP: tessera.gelu {{.*}} {dist.shardings = [#dist.sharding<{"dp"}, {"tp"}>]}
// PROP: tessera.matmul {{.*}} {dist.shardings = [#dist.sharding<{"dp"}, {}>]}
// expected-remark @below {{tessera-shard-megatron: tp = 2: 0 attention and 1 MLP blocks, no vocab-parallel embedding, 0 vocab-parallel LM heads; 0 linears left replicated}}
func.func @mlp(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %w1 = tessera.constant dense<0.5> : tensor<8x16xf32>
  %b1 = tessera.constant dense<0.1> : tensor<16xf32>
  %w2 = tessera.constant dense<0.25> : tensor<16x8xf32>
  %h = tessera.matmul %x, %w1 : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  %hb = tessera.add %h, %b1 : (tensor<4x16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  %a = tessera.gelu %hb : tensor<4x16xf32>
  // expected-remark @below {{tessera-shard-megatron: MLP block: column-parallel 'tessera.matmul'; row-parallel 'tessera.matmul'}}
  %y = tessera.matmul %a, %w2 : (tensor<4x16xf32>, tensor<16x8xf32>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}
}

// -----

module attributes {dist.mesh = #dist.mesh<["tp" = 2]>} {
// Attention with a fused QKV projection (GPT-2's c_attn): x @ W[4, 12] + b
// split into q, k, v of 4 features = 2 heads of 2. The split would need the
// fused dimension whole; instead the projection becomes three linears, the
// weight's columns 0-3, 4-7, 8-11 and the bias's elements likewise sliced
// into new constants, each column-parallel, so each device holds its own
// head of q, k and v.
// CHECK-LABEL: func.func @fused_qkv(
// CHECK-NOT: tessera.split
// CHECK: %[[WO:.*]] = tessera.constant dense<1.000000e+00> : tensor<4x4xf32>
// CHECK-NEXT: %[[WOS:.*]] = dist.shard %[[WO]] to <{"tp"}, {}> : tensor<4x4xf32>
// CHECK: %[[WQ:.*]] = tessera.constant dense<{{\[\[}}0.000000e+00, 1.000000e+00, 2.000000e+00, 3.000000e+00], [1.200000e+01, 1.300000e+01, 1.400000e+01, 1.500000e+01], [2.400000e+01, 2.500000e+01, 2.600000e+01, 2.700000e+01], [3.600000e+01, 3.700000e+01, 3.800000e+01, 3.900000e+01]]> : tensor<4x4xf32>
// CHECK: %[[WQS:.*]] = dist.shard %[[WQ]] to <{}, {"tp"}> : tensor<4x4xf32>
// CHECK: %[[Q:.*]] = tessera.matmul %[[X:.*]], %[[WQS]] : (tensor<1x2x4xf32>, tensor<4x4xf32>) -> tensor<1x2x4xf32>
// CHECK: %[[BQ:.*]] = tessera.constant dense<[0.000000e+00, 1.000000e+00, 2.000000e+00, 3.000000e+00]> : tensor<4xf32>
// CHECK: %[[BQS:.*]] = dist.shard %[[BQ]] to <{"tp"}> : tensor<4xf32>
// CHECK: %[[QB:.*]] = tessera.add %[[Q]], %[[BQS]]
// CHECK: %[[WK:.*]] = tessera.constant dense<{{\[\[}}4.000000e+00, 5.000000e+00, 6.000000e+00, 7.000000e+00], [1.600000e+01, {{.*}}]]> : tensor<4x4xf32>
// CHECK: dist.shard %[[WK]] to <{}, {"tp"}>
// CHECK: %[[K:.*]] = tessera.matmul %[[X]], %{{.*}} : (tensor<1x2x4xf32>, tensor<4x4xf32>) -> tensor<1x2x4xf32>
// CHECK: tessera.constant dense<[4.000000e+00, 5.000000e+00, 6.000000e+00, 7.000000e+00]> : tensor<4xf32>
// CHECK: %[[KB:.*]] = tessera.add %[[K]], %{{.*}}
// CHECK: %[[WV:.*]] = tessera.constant dense<{{\[\[}}8.000000e+00, 9.000000e+00, 1.000000e+01, 1.100000e+01], [2.000000e+01, {{.*}}, 4.700000e+01]]> : tensor<4x4xf32>
// CHECK: dist.shard %[[WV]] to <{}, {"tp"}>
// CHECK: %[[V:.*]] = tessera.matmul %[[X]], %{{.*}}
// CHECK: tessera.constant dense<[8.000000e+00, 9.000000e+00, 1.000000e+01, 1.100000e+01]> : tensor<4xf32>
// CHECK: %[[VB:.*]] = tessera.add %[[V]], %{{.*}}
// CHECK: tessera.reshape %[[QB]] : (tensor<1x2x4xf32>) -> tensor<1x2x2x2xf32>
// CHECK: tessera.reshape %[[KB]]
// CHECK: tessera.reshape %[[VB]]
// CHECK: tessera.matmul %{{.*}}, %[[WOS]]
// CHECK-NOT: tessera.split
// The heads (dimension 1 after the transposes) are split over tp all the
// way; the output projection's result is partial and whole.
// PROP-LABEL: func.func @fused_qkv(
// PROP: tessera.reshape {{.*}} {dist.shardings = [#dist.sharding<{}, {}, {"tp"}, {}>]} : (tensor<1x2x4xf32>) -> tensor<1x2x2x2xf32>
// PROP: tessera.softmax {{.*}} {dist.shardings = [#dist.sharding<{}, {"tp"}, {}, {}>]}
// PROP: tessera.reshape {{.*}} {dist.shardings = [#dist.sharding<{}, {}, {"tp"}>]} : (tensor<1x2x2x2xf32>) -> tensor<1x2x4xf32>
// PROP: tessera.matmul {{.*}} {dist.shardings = [#dist.sharding<{}, {}, {}>]} : (tensor<1x2x4xf32>, tensor<4x4xf32>) -> tensor<1x2x4xf32>
// PROP-NEXT: return
// expected-remark @below {{tessera-shard-megatron: tp = 2: 1 attention and 0 MLP blocks}}
func.func @fused_qkv(%x: tensor<1x2x4xf32>) -> tensor<1x2x4xf32> {
  %w = tessera.constant dense<[[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0], [12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 19.0, 20.0, 21.0, 22.0, 23.0], [24.0, 25.0, 26.0, 27.0, 28.0, 29.0, 30.0, 31.0, 32.0, 33.0, 34.0, 35.0], [36.0, 37.0, 38.0, 39.0, 40.0, 41.0, 42.0, 43.0, 44.0, 45.0, 46.0, 47.0]]> : tensor<4x12xf32>
  %b = tessera.constant dense<[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0]> : tensor<12xf32>
  %wo = tessera.constant dense<1.0> : tensor<4x4xf32>
  %qkv = tessera.matmul %x, %w : (tensor<1x2x4xf32>, tensor<4x12xf32>) -> tensor<1x2x12xf32>
  %qkvb = tessera.add %qkv, %b : (tensor<1x2x12xf32>, tensor<12xf32>) -> tensor<1x2x12xf32>
  // expected-remark @below {{tessera-shard-megatron: the fused projection 'tessera.matmul' is split into 3 linears, its weight and bias sliced at compile time, so that each device holds its own heads of every part}}
  %parts:3 = tessera.split %qkvb axis = 2 sizes = [4, 4, 4] : (tensor<1x2x12xf32>) -> (tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  %q = tessera.reshape %parts#0 : (tensor<1x2x4xf32>) -> tensor<1x2x2x2xf32>
  %k = tessera.reshape %parts#1 : (tensor<1x2x4xf32>) -> tensor<1x2x2x2xf32>
  %v = tessera.reshape %parts#2 : (tensor<1x2x4xf32>) -> tensor<1x2x2x2xf32>
  %qt = tessera.transpose %q permutation = [0, 2, 1, 3] : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %kt = tessera.transpose %k permutation = [0, 2, 3, 1] : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %vt = tessera.transpose %v permutation = [0, 2, 1, 3] : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %s = tessera.matmul %qt, %kt : (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %p = tessera.softmax %s axis = 3 : tensor<1x2x2x2xf32>
  %o = tessera.matmul %p, %vt : (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %ot = tessera.transpose %o permutation = [0, 2, 1, 3] : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %m = tessera.reshape %ot : (tensor<1x2x2x2xf32>) -> tensor<1x2x4xf32>
  // expected-remark @below {{tessera-shard-megatron: attention block: column-parallel 'tessera.matmul', 'tessera.matmul', 'tessera.matmul'; row-parallel 'tessera.matmul'}}
  %y = tessera.matmul %m, %wo : (tensor<1x2x4xf32>, tensor<4x4xf32>) -> tensor<1x2x4xf32>
  return %y : tensor<1x2x4xf32>
}
}

// -----

module attributes {dist.mesh = #dist.mesh<["tp" = 4]>} {
// Not blocks, with the reason. A layer_norm between two linears needs the
// features whole; 2 heads cannot be split 4 ways; an activation that is
// also an output would be needed whole. Nothing is annotated.
// CHECK-LABEL: func.func @not_blocks(
// CHECK-NOT: dist.shard
// CHECK: return
// expected-remark @below {{tessera-shard-megatron: tp = 4: 0 attention and 0 MLP blocks, no vocab-parallel embedding, 0 vocab-parallel LM heads; 6 linears left replicated}}
func.func @not_blocks(%x: tensor<2x8xf32>, %g: tensor<8xf32>, %b: tensor<8xf32>,
                      %z: tensor<1x2x4xf32>) -> (tensor<2x8xf32>, tensor<1x2x4xf32>, tensor<2x8xf32>, tensor<2x8xf32>) {
  %w = tessera.constant dense<0.5> : tensor<8x8xf32>
  // expected-remark @below {{tessera-shard-megatron: 'tessera.matmul' is in no recognized block and stays replicated: following its input's features back, it comes from the input argument #0}}
  %h = tessera.matmul %x, %w : (tensor<2x8xf32>, tensor<8x8xf32>) -> tensor<2x8xf32>
  %n = tessera.layer_norm %h, %g, %b axis = 1 epsilon = 1.0e-5 : (tensor<2x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  // expected-remark @below {{tessera-shard-megatron: 'tessera.matmul' is in no recognized block and stays replicated: following its input's features back, it reaches 'tessera.layer_norm', which needs dimension 1 whole}}
  %y = tessera.matmul %n, %w : (tensor<2x8xf32>, tensor<8x8xf32>) -> tensor<2x8xf32>

  %wq = tessera.constant dense<0.5> : tensor<4x4xf32>
  // expected-remark @below {{tessera-shard-megatron: 'tessera.matmul' is in no recognized block and stays replicated: following its input's features back, it comes from the input argument #3}}
  %q = tessera.matmul %z, %wq : (tensor<1x2x4xf32>, tensor<4x4xf32>) -> tensor<1x2x4xf32>
  %heads = tessera.reshape %q : (tensor<1x2x4xf32>) -> tensor<1x2x2x2xf32>
  %merged = tessera.reshape %heads : (tensor<1x2x2x2xf32>) -> tensor<1x2x4xf32>
  // expected-remark @below {{tessera-shard-megatron: 'tessera.matmul' is in no recognized block and stays replicated: following its input's features back, tp (4) does not divide the 2 of dimension 2 of 'tessera.reshape' (heads, features)}}
  %o = tessera.matmul %merged, %wq : (tensor<1x2x4xf32>, tensor<4x4xf32>) -> tensor<1x2x4xf32>

  // expected-remark @below {{tessera-shard-megatron: 'tessera.matmul' is in no recognized block and stays replicated: following its input's features back, it comes from the input argument #0}}
  %u = tessera.matmul %x, %w : (tensor<2x8xf32>, tensor<8x8xf32>) -> tensor<2x8xf32>
  %r = tessera.relu %u : tensor<2x8xf32>
  // expected-remark @below {{tessera-shard-megatron: 'tessera.matmul' is in no recognized block and stays replicated: following its input's features back, the result of 'tessera.relu' is also used by 'func.return' outside the block}}
  %d = tessera.matmul %r, %w : (tensor<2x8xf32>, tensor<8x8xf32>) -> tensor<2x8xf32>
  return %y, %o, %d, %r : tensor<2x8xf32>, tensor<1x2x4xf32>, tensor<2x8xf32>, tensor<2x8xf32>
}
}

// -----

module attributes {dist.mesh = #dist.mesh<["tp" = 2]>} {
// The embedding is the gather from the largest table indexed by something
// computed from the inputs (not the position table, indexed by a constant);
// its rows are split over tp. The LM head is the linear from the table's
// width to its vocabulary, here through the transpose of the same table (a
// tied embedding): column-parallel on the transpose is the same split of
// the table's rows, which is what annotates the transpose's operand (so
// that a rules file naming the initializer replaces it).
// CHECK-LABEL: func.func @embedding(
// CHECK: %[[TABLE:.*]] = tessera.constant dense<1.000000e+00> : tensor<10x4xf32>
// CHECK-NEXT: %[[FORHEAD:.*]] = dist.shard %[[TABLE]] to <{"tp"}, {}> : tensor<10x4xf32>
// CHECK-NEXT: %[[TS:.*]] = dist.shard %[[TABLE]] to <{"tp"}, {}> : tensor<10x4xf32>
// CHECK-NEXT: tessera.gather %[[TS]], %{{.*}} axis = 0
// CHECK: %[[POS:.*]] = tessera.constant dense<2.000000e+00> : tensor<3x4xf32>
// CHECK-NOT: dist.shard %[[POS]]
// CHECK: %[[TT:.*]] = tessera.transpose %[[FORHEAD]]
// CHECK-NEXT: tessera.matmul %{{.*}}, %[[TT]]
// PROP-LABEL: func.func @embedding(
// PROP: tessera.constant {dist.shardings = [#dist.sharding<{"tp"}, {}>]} dense<1.000000e+00> : tensor<10x4xf32>
// PROP: tessera.gather {{.*}} {dist.shardings = [#dist.sharding<{}, {}, {}>]}
// PROP: tessera.transpose {{.*}} {dist.shardings = [#dist.sharding<{}, {"tp"}>]}
// PROP: %[[LOGITS:.*]] = tessera.matmul {{.*}} {dist.shardings = [#dist.sharding<{}, {}, {"tp"}>]}
// PROP: %[[GATHERED:.*]] = dist.shard %[[LOGITS]] to <{}, {}, {}>
// PROP: return %[[GATHERED]]
// expected-remark @below {{tessera-shard-megatron: tp = 2: 0 attention and 0 MLP blocks, a vocab-parallel embedding, 1 vocab-parallel LM head; 0 linears left replicated}}
func.func @embedding(%ids: tensor<1x3xi64>) -> tensor<1x3x10xf32> {
  %table = tessera.constant dense<1.0> : tensor<10x4xf32>
  // expected-remark @below {{tessera-shard-megatron: vocab-parallel embedding: the 10 rows of the result of 'tessera.constant' split over tp}}
  %e = tessera.gather %table, %ids axis = 0 : (tensor<10x4xf32>, tensor<1x3xi64>) -> tensor<1x3x4xf32>
  %pos = tessera.constant dense<2.0> : tensor<3x4xf32>
  %posIds = tessera.constant dense<[[0, 1, 2]]> : tensor<1x3xi64>
  %p = tessera.gather %pos, %posIds axis = 0 : (tensor<3x4xf32>, tensor<1x3xi64>) -> tensor<1x3x4xf32>
  %s = tessera.add %e, %p : (tensor<1x3x4xf32>, tensor<1x3x4xf32>) -> tensor<1x3x4xf32>
  %head = tessera.transpose %table permutation = [1, 0] : (tensor<10x4xf32>) -> tensor<4x10xf32>
  // expected-remark @below {{tessera-shard-megatron: vocab-parallel LM head 'tessera.matmul': its 10 output features split over tp; the logits are gathered at the output}}
  %logits = tessera.matmul %s, %head : (tensor<1x3x4xf32>, tensor<4x10xf32>) -> tensor<1x3x10xf32>
  return %logits : tensor<1x3x10xf32>
}
}

// -----

// A table whose rows tp does not divide stays replicated (no LM head then).
module attributes {dist.mesh = #dist.mesh<["tp" = 4]>} {
// CHECK-LABEL: func.func @vocab_indivisible(
// CHECK-NOT: dist.shard
// expected-remark @below {{0 attention and 0 MLP blocks, no vocab-parallel embedding}}
func.func @vocab_indivisible(%ids: tensor<1x3xi64>) -> tensor<1x3x4xf32> {
  %table = tessera.constant dense<1.0> : tensor<10x4xf32>
  // expected-remark @below {{tessera-shard-megatron: the embedding (table the result of 'tessera.constant') stays replicated: tp (4) does not divide its 10 rows}}
  %e = tessera.gather %table, %ids axis = 0 : (tensor<10x4xf32>, tensor<1x3xi64>) -> tensor<1x3x4xf32>
  return %e : tensor<1x3x4xf32>
}
}
