// RUN: tessera-opt %s --tessera-partition -split-input-file | FileCheck %s

// The tessera-partition pass (passes/partition/Partition.cpp): each op on
// local shapes from its sharding rule, operands resharded (all_gather to
// drop an axis, local_shard to add one, all_to_all to move one), partial
// results of split reduction factors all-reduced with the rule's kind,
// the vocab-parallel gather, replicated results, and the fallback for
// shardings the rule cannot express.

// Megatron's MLP over dp x tp: batch over dp, the first matmul
// column-parallel, the second row-parallel; one all_reduce over tp, and
// the result gathered over dp.
// CHECK-LABEL: func.func @mlp(
// CHECK-SAME: %[[X:.*]]: tensor<4x8xf32>) -> tensor<4x8xf32>
// CHECK: %[[XL:.*]] = dist.local_shard %[[X]] to <{"dp"}, {}> : (tensor<4x8xf32>) -> tensor<2x8xf32>
// CHECK: %[[W1:.*]] = tessera.constant dense<1.000000e+00> : tensor<8x16xf32>
// CHECK: %[[W1L:.*]] = dist.local_shard %[[W1]] to <{}, {"tp"}> : (tensor<8x16xf32>) -> tensor<8x8xf32>
// CHECK: %[[H:.*]] = tessera.matmul %[[XL]], %[[W1L]] : (tensor<2x8xf32>, tensor<8x8xf32>) -> tensor<2x8xf32>
// CHECK: %[[R:.*]] = tessera.relu %[[H]] : tensor<2x8xf32>
// CHECK: %[[W2L:.*]] = dist.local_shard %{{.*}} to <{"tp"}, {}> : (tensor<16x8xf32>) -> tensor<8x8xf32>
// CHECK: %[[P:.*]] = tessera.matmul %[[R]], %[[W2L]] : (tensor<2x8xf32>, tensor<8x8xf32>) -> tensor<2x8xf32>
// CHECK: %[[S:.*]] = dist.all_reduce %[[P]] axes = ["tp"] kind = sum : tensor<2x8xf32>
// CHECK: %[[Y:.*]] = dist.all_gather %[[S]] axes = ["dp"] dim = 0 : (tensor<2x8xf32>) -> tensor<4x8xf32>
// CHECK: return %[[Y]] : tensor<4x8xf32>
// CHECK-NOT: dist.shardings
module attributes {dist.mesh = #dist.mesh<["dp" = 2, "tp" = 2]>} {
func.func @mlp(%x: tensor<4x8xf32> {dist.sharding = #dist.sharding<{"dp"}, {}>}) -> tensor<4x8xf32> {
  %w1 = tessera.constant {dist.shardings = [#dist.sharding<{}, {"tp"}>]} dense<1.0> : tensor<8x16xf32>
  %h = tessera.matmul %x, %w1 {dist.shardings = [#dist.sharding<{"dp"}, {"tp"}>]} : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  %r = tessera.relu %h {dist.shardings = [#dist.sharding<{"dp"}, {"tp"}>]} : tensor<4x16xf32>
  %w2 = tessera.constant {dist.shardings = [#dist.sharding<{"tp"}, {}>]} dense<2.0> : tensor<16x8xf32>
  %y = tessera.matmul %r, %w2 {dist.shardings = [#dist.sharding<{"dp"}, {}>]} : (tensor<4x16xf32>, tensor<16x8xf32>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}
}

// -----

// The partial kind comes from the rule: a max over a split axis is
// combined with a max, a mean with a sum and a division by the parts.
// CHECK-LABEL: func.func @reductions(
// CHECK: %[[MAX:.*]] = tessera.reduce_max %{{.*}} axes = [1] : (tensor<4x4xf32>) -> tensor<4xf32>
// CHECK: dist.all_reduce %[[MAX]] axes = ["tp"] kind = max : tensor<4xf32>
// CHECK: %[[MEAN:.*]] = tessera.reduce_mean %{{.*}} axes = [1] : (tensor<4x4xf32>) -> tensor<4xf32>
// CHECK: %[[SUM:.*]] = dist.all_reduce %[[MEAN]] axes = ["tp"] kind = sum : tensor<4xf32>
// CHECK: %[[HALF:.*]] = tessera.constant dense<5.000000e-01> : tensor<f32>
// CHECK: tessera.mul %[[SUM]], %[[HALF]]
module attributes {dist.mesh = #dist.mesh<["tp" = 2]>} {
func.func @reductions(%x: tensor<4x8xf32> {dist.sharding = #dist.sharding<{}, {"tp"}>}) -> (tensor<4xf32>, tensor<4xf32>) {
  %m = tessera.reduce_max %x axes = [1] {dist.shardings = [#dist.sharding<{}>]} : (tensor<4x8xf32>) -> tensor<4xf32>
  %a = tessera.reduce_mean %x axes = [1] {dist.shardings = [#dist.sharding<{}>]} : (tensor<4x8xf32>) -> tensor<4xf32>
  return %m, %a : tensor<4xf32>, tensor<4xf32>
}
}

// -----

// A softmax over a split axis cannot be computed in parts: its operand is
// gathered first (the axis needs replication).
// CHECK-LABEL: func.func @softmax(
// CHECK: %[[XL:.*]] = dist.local_shard %{{.*}} to <{}, {"tp"}>
// CHECK: %[[G:.*]] = dist.all_gather %[[XL]] axes = ["tp"] dim = 1 : (tensor<4x4xf32>) -> tensor<4x8xf32>
// CHECK: %[[S:.*]] = tessera.softmax %[[G]] axis = 1 : tensor<4x8xf32>
// CHECK: return %[[S]]
module attributes {dist.mesh = #dist.mesh<["tp" = 2]>} {
func.func @softmax(%x: tensor<4x8xf32> {dist.sharding = #dist.sharding<{}, {"tp"}>}) -> tensor<4x8xf32> {
  %s = tessera.softmax %x axis = 1 {dist.shardings = [#dist.sharding<{}, {}>]} : tensor<4x8xf32>
  return %s : tensor<4x8xf32>
}
}

// -----

// Moving an axis from one dimension to another is one all_to_all; a
// dist.shard annotation is where the move happens.
// CHECK-LABEL: func.func @move(
// CHECK: %[[XL:.*]] = dist.local_shard %{{.*}} to <{"tp"}, {}> : (tensor<8x8xf32>) -> tensor<4x8xf32>
// CHECK: %[[T:.*]] = dist.all_to_all %[[XL]] axes = ["tp"] split_dim = 1 concat_dim = 0 : (tensor<4x8xf32>) -> tensor<8x4xf32>
// CHECK: tessera.relu %[[T]] : tensor<8x4xf32>
module attributes {dist.mesh = #dist.mesh<["tp" = 2]>} {
func.func @move(%x: tensor<8x8xf32> {dist.sharding = #dist.sharding<{"tp"}, {}>}) -> tensor<8x8xf32> {
  %m = dist.shard %x to <{}, {"tp"}> : tensor<8x8xf32>
  %r = tessera.relu %m {dist.shardings = [#dist.sharding<{}, {"tp"}>]} : tensor<8x8xf32>
  return %r : tensor<8x8xf32>
}
}

// -----

// Heads: a reshape carries the split of the hidden dimension to the heads
// dimension ([16] -> [4, 4], tp on the major factor), a transpose keeps it.
// CHECK-LABEL: func.func @heads(
// CHECK: tessera.reshape %{{.*}} : (tensor<2x8xf32>) -> tensor<2x2x4xf32>
// CHECK: tessera.transpose %{{.*}} permutation = [1, 0, 2] : (tensor<2x2x4xf32>) -> tensor<2x2x4xf32>
// CHECK-NOT: dist.all_gather
// CHECK: dist.all_gather %{{.*}} axes = ["tp"] dim = 0 : (tensor<2x2x4xf32>) -> tensor<4x2x4xf32>
module attributes {dist.mesh = #dist.mesh<["tp" = 2]>} {
func.func @heads(%x: tensor<2x16xf32> {dist.sharding = #dist.sharding<{}, {"tp"}>}) -> tensor<4x2x4xf32> {
  %r = tessera.reshape %x {dist.shardings = [#dist.sharding<{}, {"tp"}, {}>]} : (tensor<2x16xf32>) -> tensor<2x4x4xf32>
  %t = tessera.transpose %r permutation = [1, 0, 2] {dist.shardings = [#dist.sharding<{"tp"}, {}, {}>]} : (tensor<2x4x4xf32>) -> tensor<4x2x4xf32>
  return %t : tensor<4x2x4xf32>
}
}

// -----

// A vocab-parallel embedding: each device looks up its rows, the others
// are zero, and the sum over tp is the lookup.
// CHECK-LABEL: func.func @embedding(
// CHECK-SAME: %[[IDS:.*]]: tensor<2x3xi64>
// CHECK: %[[T:.*]] = dist.local_shard %{{.*}} to <{"tp"}, {}> : (tensor<10x4xf32>) -> tensor<5x4xf32>
// CHECK: %[[I:.*]] = dist.axis_index axes = ["tp"] : tensor<i64>
// CHECK: %[[FIRST:.*]] = tessera.mul %[[I]], %{{.*}} : (tensor<i64>, tensor<i64>) -> tensor<i64>
// CHECK: %[[LOCAL:.*]] = tessera.sub %[[IDS]], %[[FIRST]]
// CHECK: %[[IN:.*]] = tessera.logical_and
// CHECK: %[[SAFE:.*]] = tessera.where %[[IN]], %[[LOCAL]], %{{.*}}
// CHECK: %[[ROWS:.*]] = tessera.gather %[[T]], %[[SAFE]] axis = 0 : (tensor<5x4xf32>, tensor<2x3xi64>) -> tensor<2x3x4xf32>
// CHECK: %[[MASK:.*]] = tessera.reshape %[[IN]] : (tensor<2x3xi1>) -> tensor<2x3x1xi1>
// CHECK: %[[MASKED:.*]] = tessera.where %[[MASK]], %[[ROWS]], %{{.*}}
// CHECK: %[[SUM:.*]] = dist.all_reduce %[[MASKED]] axes = ["tp"] kind = sum : tensor<2x3x4xf32>
// CHECK: return %[[SUM]]
module attributes {dist.mesh = #dist.mesh<["tp" = 2]>} {
func.func @embedding(%ids: tensor<2x3xi64>) -> tensor<2x3x4xf32> {
  %table = tessera.constant {dist.shardings = [#dist.sharding<{"tp"}, {}>]} dense<1.0> : tensor<10x4xf32>
  %e = tessera.gather %table, %ids axis = 0 {dist.shardings = [#dist.sharding<{}, {}, {}>]} : (tensor<10x4xf32>, tensor<2x3xi64>) -> tensor<2x3x4xf32>
  return %e : tensor<2x3x4xf32>
}
}

// -----

// On dp x tp, the indices keep their batch split over dp: each device looks
// up its own half of the batch, and only that half is all-reduced over tp.
// CHECK-LABEL: func.func @embedding_dp(
// CHECK: %[[IDS:.*]] = dist.local_shard %{{.*}} to <{"dp"}, {}> : (tensor<2x3xi64>) -> tensor<1x3xi64>
// CHECK-NOT: dist.all_gather
// CHECK: tessera.gather %{{.*}}, %{{.*}} axis = 0 : (tensor<5x4xf32>, tensor<1x3xi64>) -> tensor<1x3x4xf32>
// CHECK: %[[SUM:.*]] = dist.all_reduce %{{.*}} axes = ["tp"] kind = sum : tensor<1x3x4xf32>
// CHECK: dist.all_gather %[[SUM]] axes = ["dp"] dim = 0 : (tensor<1x3x4xf32>) -> tensor<2x3x4xf32>
module attributes {dist.mesh = #dist.mesh<["dp" = 2, "tp" = 2]>} {
func.func @embedding_dp(%ids: tensor<2x3xi64> {dist.sharding = #dist.sharding<{"dp"}, {}>}) -> tensor<2x3x4xf32> {
  %table = tessera.constant {dist.shardings = [#dist.sharding<{"tp"}, {}>]} dense<1.0> : tensor<10x4xf32>
  %e = tessera.gather %table, %ids axis = 0 {dist.shardings = [#dist.sharding<{"dp"}, {}, {}>]} : (tensor<10x4xf32>, tensor<2x3xi64>) -> tensor<2x3x4xf32>
  return %e : tensor<2x3x4xf32>
}
}

// -----

// A gather along another axis of a table split along it: the table is
// gathered first (no masked lookup there), the gather runs whole.
// CHECK-LABEL: func.func @gather_axis1(
// CHECK: %[[T:.*]] = dist.local_shard %{{.*}} to <{}, {"tp"}> : (tensor<4x10xf32>) -> tensor<4x5xf32>
// CHECK: %[[W:.*]] = dist.all_gather %[[T]] axes = ["tp"] dim = 1 : (tensor<4x5xf32>) -> tensor<4x10xf32>
// CHECK: %[[G:.*]] = tessera.gather %[[W]], %{{.*}} axis = 1 : (tensor<4x10xf32>, tensor<3xi64>) -> tensor<4x3xf32>
// CHECK-NOT: dist.all_reduce
// CHECK: return %[[G]]
module attributes {dist.mesh = #dist.mesh<["tp" = 2]>} {
func.func @gather_axis1(%ids: tensor<3xi64>) -> tensor<4x3xf32> {
  %table = tessera.constant {dist.shardings = [#dist.sharding<{}, {"tp"}>]} dense<1.0> : tensor<4x10xf32>
  %e = tessera.gather %table, %ids axis = 1 {dist.shardings = [#dist.sharding<{}, {}>]} : (tensor<4x10xf32>, tensor<3xi64>) -> tensor<4x3xf32>
  return %e : tensor<4x3xf32>
}
}

// -----

// Slice limits and conv groups hold sizes of split dimensions: they are
// made local.
// CHECK-LABEL: func.func @local_attributes(
// CHECK: tessera.slice %{{.*}} starts = [0, 1] limits = [2, 3] steps = [1, 1] : (tensor<2x4xf32>) -> tensor<2x2xf32>
// CHECK: tessera.conv2d %{{.*}}, %{{.*}} strides = [1, 1] padding = [1, 1, 1, 1] dilations = [1, 1] groups = 2 : (tensor<1x2x4x4xf32>, tensor<2x1x3x3xf32>) -> tensor<1x2x4x4xf32>
module attributes {dist.mesh = #dist.mesh<["tp" = 2]>} {
func.func @local_attributes(%x: tensor<4x4xf32> {dist.sharding = #dist.sharding<{"tp"}, {}>},
                            %img: tensor<1x4x4x4xf32> {dist.sharding = #dist.sharding<{}, {"tp"}, {}, {}>},
                            %w: tensor<4x1x3x3xf32> {dist.sharding = #dist.sharding<{"tp"}, {}, {}, {}>})
    -> (tensor<4x2xf32>, tensor<1x4x4x4xf32>) {
  %s = tessera.slice %x starts = [0, 1] limits = [4, 3] steps = [1, 1] {dist.shardings = [#dist.sharding<{"tp"}, {}>]} : (tensor<4x4xf32>) -> tensor<4x2xf32>
  %c = tessera.conv2d %img, %w strides = [1, 1] padding = [1, 1, 1, 1] dilations = [1, 1] groups = 4 {dist.shardings = [#dist.sharding<{}, {"tp"}, {}, {}>]} : (tensor<1x4x4x4xf32>, tensor<4x1x3x3xf32>) -> tensor<1x4x4x4xf32>
  return %s, %c : tensor<4x2xf32>, tensor<1x4x4x4xf32>
}
}

// -----

// One device: annotations are dropped, nothing else changes.
// CHECK-LABEL: func.func @single(
// CHECK-NEXT: %[[R:.*]] = tessera.relu %{{.*}} : tensor<4xf32>
// CHECK-NEXT: return %[[R]]
module attributes {dist.mesh = #dist.mesh<["tp" = 1]>} {
func.func @single(%x: tensor<4xf32>) -> tensor<4xf32> {
  %s = dist.shard %x to <{"tp"}> : tensor<4xf32>
  %r = tessera.relu %s {dist.shardings = [#dist.sharding<{"tp"}>]} : tensor<4xf32>
  return %r : tensor<4xf32>
}
}
