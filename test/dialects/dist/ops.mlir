// RUN: tessera-opt %s | tessera-opt | FileCheck %s
// RUN: tessera-opt %s --mlir-print-op-generic | tessera-opt | FileCheck %s

// Every dist attribute and op parses, prints and parses back: the mesh on the
// module, shardings on arguments, results and ops, the annotation, the
// collectives with every attribute, the rank-dependent ops.

// CHECK: module attributes {dist.mesh = #dist.mesh<["dp" = 2, "tp" = 4]>}
module attributes {dist.mesh = #dist.mesh<["dp" = 2, "tp" = 4]>} {

// CHECK-LABEL: func.func @annotations(
// CHECK-SAME: %{{.*}}: tensor<8x16xf32> {dist.sharding = #dist.sharding<{"dp"}, {}>}
// CHECK-SAME: -> (tensor<8x16xf32> {dist.sharding = #dist.sharding<{}, {}>})
// CHECK: dist.shard %{{.*}} to <{"dp"}, {"tp"}> : tensor<8x16xf32>
// CHECK: dist.shard %{{.*}} to <{"dp", "tp"}, {}> : tensor<8x16xf32>
// CHECK: tessera.relu {{.*}} {dist.shardings = [#dist.sharding<{}, {"tp"}>]}
// CHECK: dist.shard %{{.*}} to <> : tensor<f32>
func.func @annotations(%x: tensor<8x16xf32> {dist.sharding = #dist.sharding<{"dp"}, {}>},
                       %s: tensor<f32>)
    -> (tensor<8x16xf32> {dist.sharding = #dist.sharding<{}, {}>}) {
  %0 = dist.shard %x to <{"dp"}, {"tp"}> : tensor<8x16xf32>
  %1 = dist.shard %0 to <{"dp", "tp"}, {}> : tensor<8x16xf32>
  %2 = tessera.relu %1 {dist.shardings = [#dist.sharding<{}, {"tp"}>]} : tensor<8x16xf32>
  %3 = dist.shard %s to <> : tensor<f32>
  return %2 : tensor<8x16xf32>
}

// CHECK-LABEL: func.func @collectives(
// CHECK: dist.all_reduce %{{.*}} axes = ["tp"] kind = sum : tensor<2x4xf32>
// CHECK: dist.all_reduce %{{.*}} axes = ["dp", "tp"] kind = max : tensor<2x4xf32>
// CHECK: dist.all_gather %{{.*}} axes = ["tp"] dim = 1 : (tensor<2x4xf32>) -> tensor<2x16xf32>
// CHECK: dist.reduce_scatter %{{.*}} axes = ["tp"] dim = 1 kind = sum : (tensor<2x4xf32>) -> tensor<2x1xf32>
// CHECK: dist.all_to_all %{{.*}} axes = ["tp"] split_dim = 1 concat_dim = 0 : (tensor<2x4xf32>) -> tensor<8x1xf32>
// CHECK: dist.collective_permute %{{.*}} axes = ["tp"] pairs = [0, 1, 1, 2, 2, 3, 3, 0] : tensor<2x4xf32>
// CHECK: dist.axis_index axes = ["dp", "tp"] : tensor<i64>
// CHECK: dist.local_shard %{{.*}} to <{}, {"tp"}> : (tensor<2x16xf32>) -> tensor<2x4xf32>
func.func @collectives(%x: tensor<2x4xf32>, %w: tensor<2x16xf32>) {
  %0 = dist.all_reduce %x axes = ["tp"] kind = sum : tensor<2x4xf32>
  %1 = dist.all_reduce %x axes = ["dp", "tp"] kind = max : tensor<2x4xf32>
  %2 = dist.all_gather %x axes = ["tp"] dim = 1 : (tensor<2x4xf32>) -> tensor<2x16xf32>
  %3 = dist.reduce_scatter %x axes = ["tp"] dim = 1 kind = sum : (tensor<2x4xf32>) -> tensor<2x1xf32>
  %4 = dist.all_to_all %x axes = ["tp"] split_dim = 1 concat_dim = 0 : (tensor<2x4xf32>) -> tensor<8x1xf32>
  %5 = dist.collective_permute %x axes = ["tp"] pairs = [0, 1, 1, 2, 2, 3, 3, 0] : tensor<2x4xf32>
  %6 = dist.axis_index axes = ["dp", "tp"] : tensor<i64>
  %7 = dist.local_shard %w to <{}, {"tp"}> : (tensor<2x16xf32>) -> tensor<2x4xf32>
  return
}

}
