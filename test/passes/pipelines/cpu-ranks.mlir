// RUN: tessera-opt %s --tessera-cpu-pipeline | FileCheck %s

// A sharded MLP over dp:2 x tp:2 through the whole CPU pipeline: SPMD
// partitioning, rank specialization, texec collectives, and one program per
// rank sharing one executable. Only rank 0 writes the output.

// CHECK: func.func private @mlp(tensor<4x8xf32>) -> tensor<4x8xf32>
// CHECK: texec.executable @cpu
// CHECK-LABEL: texec.program @rank0 rank 0
// CHECK: %[[IN:.*]] = texec.buffer input 0 : memref<4x8xf32>
// CHECK: texec.dispatch @cpu::@[[SLICE0:k[0-9]+_extract_slice]](%[[IN]], %[[XL:.*]]) : memref<4x8xf32>, memref<2x8xf32>
// CHECK: texec.buffer constant value dense<1.000000e+00> : tensor<8x8xf32> : memref<8x8xf32>
// CHECK: texec.matmul %[[XL]], %{{.*}} activation relu outs %[[H:.*]] :
// CHECK: texec.matmul %[[H]], %{{.*}} outs %[[P:.*]] :
// CHECK: texec.all_reduce %[[P]] ranks = [0, 1] kind = sum outs %[[S:.*]] {dist.axes = ["tp"]} :
// CHECK: %[[OUT:.*]] = texec.buffer output 0 : memref<4x8xf32>
// CHECK: texec.all_gather %[[S]] ranks = [0, 2] outs %[[OUT]] {dist.axes = ["dp"]} :
// CHECK-LABEL: texec.program @rank1 rank 1
// CHECK: texec.dispatch @cpu::@[[SLICE0]](
// CHECK: texec.all_reduce %{{.*}} ranks = [0, 1] kind = sum outs %{{.*}} {dist.axes = ["tp"]}
// CHECK: texec.all_gather %{{.*}} ranks = [1, 3] outs %{{.*}} {dist.axes = ["dp"]}
// CHECK-NOT: texec.buffer output
// CHECK-LABEL: texec.program @rank2 rank 2
// CHECK: texec.dispatch @cpu::@[[SLICE2:k[0-9]+_extract_slice]](
// CHECK: texec.all_reduce %{{.*}} ranks = [2, 3] kind = sum outs %{{.*}} {dist.axes = ["tp"]}
// CHECK: texec.all_gather %{{.*}} ranks = [0, 2] outs %{{.*}} {dist.axes = ["dp"]}
// CHECK-LABEL: texec.program @rank3 rank 3
// CHECK: texec.all_gather %{{.*}} ranks = [1, 3] outs %{{.*}} {dist.axes = ["dp"]}
// CHECK-NOT: texec.buffer output
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
