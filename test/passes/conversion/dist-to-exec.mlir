// RUN: tessera-opt %s --tessera-lower-collectives -split-input-file -verify-diagnostics | FileCheck %s

// tessera-lower-collectives (passes/conversion/DistToExec): each dist
// collective of a rank's function becomes the texec collective among the
// ranks of its group, in group order; collectives along a dimension with
// non-unit dimensions before it go through a flat one with the group's
// dimension first.

// Rank 1 of dp:2 x tp:2 is (dp 0, tp 1): its tp group is [0, 1], its dp
// group [1, 3]. Each texec collective keeps its mesh axes (dist.axes) for
// the compiler's report.
// CHECK-LABEL: func.func @rank1(
// CHECK-SAME: %[[X:.*]]: tensor<4x8xf32>, %[[Y:.*]]: tensor<1x8xf32>
// CHECK: texec.all_reduce %[[X]] ranks = [0, 1] kind = max {dist.axes = ["tp"]} : (tensor<4x8xf32>) -> tensor<4x8xf32>
// Along dimension 0: flat.
// CHECK: texec.all_gather %[[X]] ranks = [1, 3] {dist.axes = ["dp"]} : (tensor<4x8xf32>) -> tensor<8x8xf32>
// Along dimension 1 of [1, 8]: still flat (the dimension before is 1).
// CHECK: texec.all_gather %[[Y]] ranks = [0, 1] {dist.axes = ["tp"]} : (tensor<1x8xf32>) -> tensor<1x16xf32>
// Along dimension 1 of [4, 8]: gather [2, 4, 8], move the ranks next to
// dimension 1, merge.
// CHECK: %[[G:.*]] = texec.all_gather %[[X]] ranks = [0, 1] {dist.axes = ["tp"]} : (tensor<4x8xf32>) -> tensor<2x4x8xf32>
// CHECK: %[[GT:.*]] = tessera.transpose %[[G]] permutation = [1, 0, 2] : (tensor<2x4x8xf32>) -> tensor<4x2x8xf32>
// CHECK: tessera.reshape %[[GT]] : (tensor<4x2x8xf32>) -> tensor<4x16xf32>
// Scatter along dimension 1: split it, ranks first, flat scatter.
// CHECK: %[[SP:.*]] = tessera.reshape %[[X]] : (tensor<4x8xf32>) -> tensor<4x2x4xf32>
// CHECK: %[[ST:.*]] = tessera.transpose %[[SP]] permutation = [1, 0, 2] : (tensor<4x2x4xf32>) -> tensor<2x4x4xf32>
// CHECK: texec.reduce_scatter %[[ST]] ranks = [0, 1] kind = sum {dist.axes = ["tp"]} : (tensor<2x4x4xf32>) -> tensor<4x4xf32>
// All-to-all from dimension 1 to 0: parts major, then received parts
// merged into dimension 0.
// CHECK: %[[AP:.*]] = tessera.reshape %[[X]] : (tensor<4x8xf32>) -> tensor<4x2x4xf32>
// CHECK: %[[AT:.*]] = tessera.transpose %[[AP]] permutation = [1, 0, 2]
// CHECK: %[[AR:.*]] = texec.all_to_all %[[AT]] ranks = [0, 1] {dist.axes = ["tp"]} : (tensor<2x4x4xf32>) -> tensor<2x4x4xf32>
// CHECK: tessera.reshape %[[AR]] : (tensor<2x4x4xf32>) -> tensor<8x4xf32>
// Permute over dp with pairs 0 -> 1: rank 1 (dp index 0) sends to rank 3.
// CHECK: texec.collective_permute %[[X]] send_to = 3 recv_from = -1
module attributes {dist.mesh = #dist.mesh<["dp" = 2, "tp" = 2]>} {
func.func @rank1(%x: tensor<4x8xf32>, %y: tensor<1x8xf32>) -> (tensor<4x8xf32>, tensor<8x8xf32>, tensor<1x16xf32>, tensor<4x16xf32>, tensor<4x4xf32>, tensor<8x4xf32>, tensor<4x8xf32>) attributes {dist.rank = 1 : i64} {
  %0 = dist.all_reduce %x axes = ["tp"] kind = max : tensor<4x8xf32>
  %1 = dist.all_gather %x axes = ["dp"] dim = 0 : (tensor<4x8xf32>) -> tensor<8x8xf32>
  %2 = dist.all_gather %y axes = ["tp"] dim = 1 : (tensor<1x8xf32>) -> tensor<1x16xf32>
  %3 = dist.all_gather %x axes = ["tp"] dim = 1 : (tensor<4x8xf32>) -> tensor<4x16xf32>
  %4 = dist.reduce_scatter %x axes = ["tp"] dim = 1 kind = sum : (tensor<4x8xf32>) -> tensor<4x4xf32>
  %5 = dist.all_to_all %x axes = ["tp"] split_dim = 1 concat_dim = 0 : (tensor<4x8xf32>) -> tensor<8x4xf32>
  %6 = dist.collective_permute %x axes = ["dp"] pairs = [0, 1] : tensor<4x8xf32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<4x8xf32>, tensor<8x8xf32>, tensor<1x16xf32>, tensor<4x16xf32>, tensor<4x4xf32>, tensor<8x4xf32>, tensor<4x8xf32>
}
}

// -----

// Rank 3 receives from rank 1 what rank 1 sends.
// CHECK-LABEL: func.func @rank3(
// CHECK: texec.collective_permute %{{.*}} send_to = -1 recv_from = 1
module attributes {dist.mesh = #dist.mesh<["dp" = 2, "tp" = 2]>} {
func.func @rank3(%x: tensor<4x8xf32>) -> tensor<4x8xf32> attributes {dist.rank = 3 : i64} {
  %0 = dist.collective_permute %x axes = ["dp"] pairs = [0, 1] : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}
}

// -----

// Collectives of a function not specialized for a rank cannot be lowered.
module attributes {dist.mesh = #dist.mesh<["tp" = 2]>} {
func.func @spmd(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{is in a function not specialized for a rank (run tessera-specialize-ranks first)}}
  %0 = dist.all_reduce %x axes = ["tp"] kind = sum : tensor<4xf32>
  return %0 : tensor<4xf32>
}
}
