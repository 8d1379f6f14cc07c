// RUN: tessera-opt %s --tessera-propagate-sharding -split-input-file -verify-diagnostics | FileCheck %s

// tessera-propagate-sharding: every tensor value gets a sharding through
// the ops' sharding rules. Each case derives the expected shardings from
// the rule of each op (docs/interfaces.md), and checks that the shardings
// of every op's operands and results agree on its factors; where they
// cannot, a dist.shard reshards and a remark says so. Outputs are
// replicated: a split output is gathered before the return.

module attributes {dist.mesh = #dist.mesh<["dp" = 2, "tp" = 4]>} {

// A column-parallel then a row-parallel matmul, batch over dp. The first
// matmul's j factor takes tp from its weight, its i factor dp from the
// input; the bias and relu keep [dp, tp]; the second matmul's reduction
// factor k is split over tp by both operands, so its result has only dp
// (partial sums, for the partitioner to all-reduce). The weights, given
// through dist.shard, get the same sharding backward.
// CHECK-LABEL: func.func @mlp(
// CHECK-SAME: %[[X:[^:]*]]: tensor<8x16xf32> {dist.sharding = #dist.sharding<{"dp"}, {}>}
// CHECK-SAME: %[[W1:[^:]*]]: tensor<16x32xf32> {dist.sharding = #dist.sharding<{}, {"tp"}>}
// CHECK-SAME: %[[B1:[^:]*]]: tensor<32xf32> {dist.sharding = #dist.sharding<{"tp"}>}
// CHECK-SAME: %[[W2:[^:]*]]: tensor<32x16xf32> {dist.sharding = #dist.sharding<{"tp"}, {}>}
// CHECK-SAME: -> (tensor<8x16xf32> {dist.sharding = #dist.sharding<{}, {}>})
// CHECK-SAME: attributes {dist.reshard_decisions = [{bytes = 512 : i64, from = #dist.sharding<{"dp"}, {}>, to = #dist.sharding<{}, {}>, user = "the function's outputs", value = "the result of 'tessera.matmul'"}]}
// CHECK: %[[W1S:.*]] = dist.shard %[[W1]] to <{}, {"tp"}> {dist.shardings = [#dist.sharding<{}, {"tp"}>]}
// CHECK: %[[H:.*]] = tessera.matmul %[[X]], %[[W1S]] {dist.shardings = [#dist.sharding<{"dp"}, {"tp"}>]}
// CHECK: %[[HB:.*]] = tessera.add %[[H]], %[[B1]] {dist.shardings = [#dist.sharding<{"dp"}, {"tp"}>]}
// CHECK: %[[A:.*]] = tessera.relu %[[HB]] {dist.shardings = [#dist.sharding<{"dp"}, {"tp"}>]}
// CHECK: %[[W2S:.*]] = dist.shard %[[W2]] to <{"tp"}, {}>
// CHECK: %[[Y:.*]] = tessera.matmul %[[A]], %[[W2S]] {dist.shardings = [#dist.sharding<{"dp"}, {}>]}
// The output is gathered over dp: 8x16 f32 = 512 bytes.
// CHECK: %[[R:.*]] = dist.shard %[[Y]] to <{}, {}> {dist.shardings = [#dist.sharding<{}, {}>]}
// CHECK: return %[[R]]
func.func @mlp(%x: tensor<8x16xf32> {dist.sharding = #dist.sharding<{"dp"}, {}>},
               %w1: tensor<16x32xf32>, %b1: tensor<32xf32>,
               %w2: tensor<32x16xf32>) -> tensor<8x16xf32> {
  %w1s = dist.shard %w1 to <{}, {"tp"}> : tensor<16x32xf32>
  %h = tessera.matmul %x, %w1s : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32>
  %hb = tessera.add %h, %b1 : (tensor<8x32xf32>, tensor<32xf32>) -> tensor<8x32xf32>
  %a = tessera.relu %hb : tensor<8x32xf32>
  %w2s = dist.shard %w2 to <{"tp"}, {}> : tensor<32x16xf32>
  %y = tessera.matmul %a, %w2s : (tensor<8x32xf32>, tensor<32x16xf32>) -> tensor<8x16xf32>
  // expected-remark @below {{resharding the result of 'tessera.matmul' from #dist.sharding<{"dp"}, {}> to #dist.sharding<{}, {}> for the function's outputs (outputs are replicated: every device computes them): 512 bytes}}
  return %y : tensor<8x16xf32>
}
}

// -----

module attributes {dist.mesh = #dist.mesh<["tp" = 4]>} {

// Reshape rules with multi-factor dimensions: [2, 4, 64] -> [2, 4, 8, 8]
// splits 64 into 8 x 8, and tp (4) divides the major factor (8 heads), so
// the heads dimension takes it; the transpose moves it to dimension 1;
// softmax over the last axis keeps it; the way back merges heads into 64,
// split over tp again. No reshard inside.
// CHECK-LABEL: func.func @heads(
// CHECK-SAME: {dist.sharding = #dist.sharding<{}, {}, {"tp"}>}
// CHECK: %[[R:.*]] = tessera.reshape %{{.*}} {dist.shardings = [#dist.sharding<{}, {}, {"tp"}, {}>]} : (tensor<2x4x64xf32>) -> tensor<2x4x8x8xf32>
// CHECK: %[[T:.*]] = tessera.transpose %[[R]] permutation = [0, 2, 1, 3] {dist.shardings = [#dist.sharding<{}, {"tp"}, {}, {}>]}
// CHECK: %[[S:.*]] = tessera.softmax %[[T]] axis = 3 {dist.shardings = [#dist.sharding<{}, {"tp"}, {}, {}>]}
// CHECK: %[[B:.*]] = tessera.transpose %[[S]] permutation = [0, 2, 1, 3] {dist.shardings = [#dist.sharding<{}, {}, {"tp"}, {}>]}
// CHECK: %[[M:.*]] = tessera.reshape %[[B]] {dist.shardings = [#dist.sharding<{}, {}, {"tp"}>]} : (tensor<2x4x8x8xf32>) -> tensor<2x4x64xf32>
// CHECK-NOT: dist.shard %
// CHECK: dist.shard %[[M]] to <{}, {}, {}>
func.func @heads(%x: tensor<2x4x64xf32> {dist.sharding = #dist.sharding<{}, {}, {"tp"}>}) -> tensor<2x4x64xf32> {
  %r = tessera.reshape %x : (tensor<2x4x64xf32>) -> tensor<2x4x8x8xf32>
  %t = tessera.transpose %r permutation = [0, 2, 1, 3] : (tensor<2x4x8x8xf32>) -> tensor<2x8x4x8xf32>
  %s = tessera.softmax %t axis = 3 : tensor<2x8x4x8xf32>
  %b = tessera.transpose %s permutation = [0, 2, 1, 3] : (tensor<2x8x4x8xf32>) -> tensor<2x4x8x8xf32>
  %m = tessera.reshape %b : (tensor<2x4x8x8xf32>) -> tensor<2x4x64xf32>
  // expected-remark @below {{resharding the result of 'tessera.reshape' from #dist.sharding<{}, {}, {"tp"}> to #dist.sharding<{}, {}, {}> for the function's outputs}}
  return %m : tensor<2x4x64xf32>
}

// The major factor of 12 = 2 x 6 is 2, which tp (4) does not divide: the
// split dimension cannot carry tp to the result, which stays whole, and
// the input is gathered first. Backward, the same.
// CHECK-LABEL: func.func @heads_indivisible(
// CHECK: %[[G:.*]] = dist.shard %{{.*}} to <{}, {}> {dist.shardings = [#dist.sharding<{}, {}>]}
// CHECK: tessera.reshape %[[G]] {dist.shardings = [#dist.sharding<{}, {}, {}>]} : (tensor<3x12xf32>) -> tensor<3x2x6xf32>
func.func @heads_indivisible(%x: tensor<3x12xf32> {dist.sharding = #dist.sharding<{}, {"tp"}>}) -> tensor<3x2x6xf32> {
  // expected-remark @below {{resharding argument #0 from #dist.sharding<{}, {"tp"}> to #dist.sharding<{}, {}> for 'tessera.reshape' (its sharding does not map onto the op's factors): 144 bytes}}
  %r = tessera.reshape %x : (tensor<3x12xf32>) -> tensor<3x2x6xf32>
  return %r : tensor<3x2x6xf32>
}

// Merging dimensions: [4, 2, 8] -> [4, 16], the 2 x 8 merged dimension
// takes tp from its major factor (2 of size 2 cannot take tp of 4, so the
// minor factor cannot either): only dimension 0 carries an axis.
// CHECK-LABEL: func.func @merge(
// CHECK: tessera.reshape %{{.*}} {dist.shardings = [#dist.sharding<{"tp"}, {}>]} : (tensor<4x2x8xf32>) -> tensor<4x16xf32>
func.func @merge(%x: tensor<4x2x8xf32> {dist.sharding = #dist.sharding<{"tp"}, {}, {}>}) -> tensor<4x16xf32> {
  %r = tessera.reshape %x : (tensor<4x2x8xf32>) -> tensor<4x16xf32>
  // expected-remark @below {{resharding the result of 'tessera.reshape' from #dist.sharding<{"tp"}, {}> to #dist.sharding<{}, {}> for the function's outputs}}
  return %r : tensor<4x16xf32>
}
}

// -----

module attributes {dist.mesh = #dist.mesh<["dp" = 2, "tp" = 2]>} {

// Backward: a constraint on a result reaches the inputs. The elementwise
// add with a [16] bias broadcast over dimension 0 gives the bias the
// sharding of dimension 1 only; the unannotated input takes both axes.
// CHECK-LABEL: func.func @broadcast(
// CHECK-SAME: %{{[^:]*}}: tensor<8x16xf32> {dist.sharding = #dist.sharding<{"dp"}, {"tp"}>}
// CHECK-SAME: %{{[^:]*}}: tensor<16xf32> {dist.sharding = #dist.sharding<{"tp"}>}
// CHECK: %[[A:.*]] = tessera.add %{{.*}}, %{{.*}} {dist.shardings = [#dist.sharding<{"dp"}, {"tp"}>]} : (tensor<8x16xf32>, tensor<16xf32>) -> tensor<8x16xf32>
// CHECK: %[[C:.*]] = dist.shard %[[A]] to <{"dp"}, {"tp"}>
// CHECK: dist.shard %[[C]] to <{}, {}>
func.func @broadcast(%x: tensor<8x16xf32>, %b: tensor<16xf32>) -> tensor<8x16xf32> {
  %a = tessera.add %x, %b : (tensor<8x16xf32>, tensor<16xf32>) -> tensor<8x16xf32>
  %c = dist.shard %a to <{"dp"}, {"tp"}> : tensor<8x16xf32>
  // expected-remark @below {{resharding the result of 'dist.shard' from #dist.sharding<{"dp"}, {"tp"}> to #dist.sharding<{}, {}> for the function's outputs}}
  return %c : tensor<8x16xf32>
}

// Softmax needs its axis whole: a split axis is gathered before it (a
// need-replication factor is never split); the other dimension keeps dp.
// CHECK-LABEL: func.func @softmax(
// CHECK: %[[G:.*]] = dist.shard %{{.*}} to <{"dp"}, {}> {dist.shardings = [#dist.sharding<{"dp"}, {}>]}
// CHECK: tessera.softmax %[[G]] axis = 1 {dist.shardings = [#dist.sharding<{"dp"}, {}>]}
func.func @softmax(%x: tensor<4x8xf32> {dist.sharding = #dist.sharding<{"dp"}, {"tp"}>}) -> tensor<4x8xf32> {
  // expected-remark @below {{resharding argument #0 from #dist.sharding<{"dp"}, {"tp"}> to #dist.sharding<{"dp"}, {}> for 'tessera.softmax' (it needs a split dimension whole): 64 bytes}}
  %s = tessera.softmax %x axis = 1 : tensor<4x8xf32>
  // expected-remark @below {{resharding the result of 'tessera.softmax'}}
  return %s : tensor<4x8xf32>
}

// layer_norm over the last axis: leading dimensions parallel, the
// normalized one and its parameters whole.
// CHECK-LABEL: func.func @layer_norm(
// CHECK-SAME: {dist.sharding = #dist.sharding<{"dp"}, {}, {}>}
// CHECK-SAME: %{{[^:]*}}: tensor<16xf32> {dist.sharding = #dist.sharding<{}>}
// CHECK-SAME: %{{[^:]*}}: tensor<16xf32> {dist.sharding = #dist.sharding<{}>}
// CHECK: tessera.layer_norm {{.*}} {dist.shardings = [#dist.sharding<{"dp"}, {}, {}>]}
func.func @layer_norm(%x: tensor<2x4x16xf32> {dist.sharding = #dist.sharding<{"dp"}, {}, {}>},
                      %g: tensor<16xf32>, %b: tensor<16xf32>) -> tensor<2x4x16xf32> {
  %y = tessera.layer_norm %x, %g, %b axis = 2 epsilon = 1.0e-5 : (tensor<2x4x16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<2x4x16xf32>
  // expected-remark @below {{resharding the result of 'tessera.layer_norm'}}
  return %y : tensor<2x4x16xf32>
}

// A transpose moves each dimension's axes with it.
// CHECK-LABEL: func.func @transpose(
// CHECK: tessera.transpose %{{.*}} permutation = [1, 0] {dist.shardings = [#dist.sharding<{"tp"}, {"dp"}>]}
func.func @transpose(%x: tensor<4x8xf32> {dist.sharding = #dist.sharding<{"dp"}, {"tp"}>}) -> tensor<8x4xf32> {
  %t = tessera.transpose %x permutation = [1, 0] : (tensor<4x8xf32>) -> tensor<8x4xf32>
  // expected-remark @below {{resharding the result of 'tessera.transpose'}}
  return %t : tensor<8x4xf32>
}
}

// -----

module attributes {dist.mesh = #dist.mesh<["dp" = 2, "tp" = 2]>} {

// Gather: a table split along its rows (a vocab-parallel embedding) splits
// the gathered axis, a reduction factor: the lookup's result is partial
// (each device finds its rows) and not split by tp; the indices' batch
// keeps dp. The table's other dimension and the indices are parallel.
// CHECK-LABEL: func.func @embedding(
// CHECK-SAME: %[[IDS:[^:]*]]: tensor<2x3xi64> {dist.sharding = #dist.sharding<{"dp"}, {}>}
// CHECK-SAME: %[[T:[^:]*]]: tensor<10x6xf32> {dist.sharding = #dist.sharding<{"tp"}, {}>}
// CHECK: %[[TS:.*]] = dist.shard %[[T]] to <{"tp"}, {}>
// CHECK: tessera.gather %[[TS]], %[[IDS]] axis = 0 {dist.shardings = [#dist.sharding<{"dp"}, {}, {}>]} : (tensor<10x6xf32>, tensor<2x3xi64>) -> tensor<2x3x6xf32>
// CHECK-NOT: dist.shard %[[TS]]
func.func @embedding(%ids: tensor<2x3xi64> {dist.sharding = #dist.sharding<{"dp"}, {}>},
                     %table: tensor<10x6xf32>) -> tensor<2x3x6xf32> {
  %t = dist.shard %table to <{"tp"}, {}> : tensor<10x6xf32>
  %e = tessera.gather %t, %ids axis = 0 : (tensor<10x6xf32>, tensor<2x3xi64>) -> tensor<2x3x6xf32>
  // expected-remark @below {{resharding the result of 'tessera.gather'}}
  return %e : tensor<2x3x6xf32>
}

// A convolution is data parallel: the batch takes dp; the 3x3 window needs
// the spatial dimensions whole and the weight stays replicated.
// CHECK-LABEL: func.func @conv(
// CHECK-SAME: %{{[^:]*}}: tensor<8x4x3x3xf32> {dist.sharding = #dist.sharding<{}, {}, {}, {}>}
// CHECK: tessera.conv2d {{.*}} {dist.shardings = [#dist.sharding<{"dp"}, {}, {}, {}>]}
// CHECK: tessera.relu {{.*}} {dist.shardings = [#dist.sharding<{"dp"}, {}, {}, {}>]}
func.func @conv(%x: tensor<2x4x8x8xf32> {dist.sharding = #dist.sharding<{"dp"}, {}, {}, {}>},
                %w: tensor<8x4x3x3xf32>) -> tensor<2x8x8x8xf32> {
  %c = tessera.conv2d %x, %w strides = [1, 1] padding = [1, 1, 1, 1] dilations = [1, 1] groups = 1 : (tensor<2x4x8x8xf32>, tensor<8x4x3x3xf32>) -> tensor<2x8x8x8xf32>
  %r = tessera.relu %c : tensor<2x8x8x8xf32>
  // expected-remark @below {{resharding the result of 'tessera.relu'}}
  return %r : tensor<2x8x8x8xf32>
}

// A constant takes the sharding its user wants (no reshard: rank
// specialization cuts it).
// CHECK-LABEL: func.func @constant(
// CHECK: tessera.constant {dist.shardings = [#dist.sharding<{"dp"}, {}>]} dense<1.000000e+00> : tensor<4x4xf32>
func.func @constant(%x: tensor<4x4xf32> {dist.sharding = #dist.sharding<{"dp"}, {}>}) -> tensor<4x4xf32> {
  %c = tessera.constant dense<1.0> : tensor<4x4xf32>
  %y = tessera.add %x, %c : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
  // expected-remark @below {{resharding the result of 'tessera.add'}}
  return %y : tensor<4x4xf32>
}

// A replicated output needs no reshard and no decision.
// CHECK-LABEL: func.func @replicated(
// CHECK-NOT: dist.reshard_decisions
// CHECK: tessera.exp %{{.*}} {dist.shardings = [#dist.sharding<{}>]}
// CHECK-NEXT: return
func.func @replicated(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = tessera.exp %x : tensor<4xf32>
  return %y : tensor<4xf32>
}
}
