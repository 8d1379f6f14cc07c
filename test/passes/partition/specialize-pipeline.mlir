// RUN: tessera-opt %s --tessera-specialize-ranks=microbatches=2 -split-input-file | FileCheck %s
// RUN: tessera-opt %s --tessera-specialize-ranks=microbatches=1 -split-input-file | FileCheck %s --check-prefix=ONE

// tessera-specialize-ranks on a pipeline (passes/partition/SpecializeRanks.cpp):
// each rank runs its stage once per microbatch; values cross to the next
// stage by texec.send / texec.recv in definition order; the last stage
// sends the outputs to rank 0, which joins the microbatches; the model's
// signature is the whole batch.

// CHECK-LABEL: func.func private @two(tensor<4x4xf32>) -> tensor<4x4xf32>
// Rank 0 (stage 0): microbatch 0 is rows 0-1 of the input.
// CHECK-LABEL: func.func @two_rank0(
// CHECK-SAME: %[[X:.*]]: tensor<4x4xf32>) -> tensor<4x4xf32> attributes {dist.rank = 0 : i64}
// CHECK: %[[X0:.*]] = tessera.slice %[[X]] starts = [0, 0] limits = [2, 4] steps = [1, 1] {dist.microbatch = 0 : i64}
// CHECK: %[[A0:.*]] = tessera.relu %[[X0]] {dist.microbatch = 0 : i64, dist.stage = 0 : i64}
// CHECK: %[[B0:.*]] = tessera.neg %[[A0]] {dist.microbatch = 0 : i64, dist.stage = 0 : i64}
// CHECK: texec.send %[[A0]] peer = 1 {dist.microbatch = 0 : i64, dist.stage = 0 : i64}
// CHECK: texec.send %[[B0]] peer = 1 {dist.microbatch = 0 : i64, dist.stage = 0 : i64}
// CHECK: %[[X1:.*]] = tessera.slice %[[X]] starts = [2, 0] limits = [4, 4]
// CHECK: texec.send %{{.*}} peer = 1 {dist.microbatch = 1 : i64, dist.stage = 0 : i64}
// CHECK: texec.send %{{.*}} peer = 1 {dist.microbatch = 1 : i64, dist.stage = 0 : i64}
// CHECK: %[[Y0:.*]] = texec.recv peer = 1 {dist.microbatch = 0 : i64} : tensor<2x4xf32>
// CHECK: %[[Y1:.*]] = texec.recv peer = 1 {dist.microbatch = 1 : i64} : tensor<2x4xf32>
// CHECK: %[[Y:.*]] = tessera.concat %[[Y0]], %[[Y1]] axis = 0
// CHECK: return %[[Y]] : tensor<4x4xf32>
// Rank 1 (stage 1): receives what it needs in definition order, sends the
// output to rank 0, returns nothing.
// CHECK-LABEL: func.func @two_rank1(
// CHECK-SAME: %{{.*}}: tensor<4x4xf32>) attributes {dist.rank = 1 : i64}
// CHECK: %[[RA:.*]] = texec.recv peer = 0 {dist.microbatch = 0 : i64, dist.stage = 1 : i64} : tensor<2x4xf32>
// CHECK: %[[RB:.*]] = texec.recv peer = 0 {dist.microbatch = 0 : i64, dist.stage = 1 : i64} : tensor<2x4xf32>
// CHECK: %[[C:.*]] = tessera.add %[[RA]], %[[RB]] {dist.microbatch = 0 : i64, dist.stage = 1 : i64}
// CHECK: texec.send %[[C]] peer = 0 {dist.microbatch = 0 : i64, dist.stage = 1 : i64}
// CHECK: texec.recv peer = 0 {dist.microbatch = 1 : i64, dist.stage = 1 : i64}
// CHECK: return{{$}}
// One microbatch: no slicing, no joining.
// ONE-LABEL: func.func @two_rank0(
// ONE-NOT: tessera.slice
// ONE-NOT: tessera.concat
// ONE: return
module attributes {dist.mesh = #dist.mesh<["pp" = 2]>} {
func.func @two(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %a = tessera.relu %x {dist.stage = 0 : i64} : tensor<2x4xf32>
  %b = tessera.neg %a {dist.stage = 0 : i64} : tensor<2x4xf32>
  %c = tessera.add %a, %b {dist.stage = 1 : i64} : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return %c : tensor<2x4xf32>
}
}

// -----

// Three stages, stage 2 uses a value of stage 0: stage 1 relays it, so
// every rank talks only to its neighbours.
// CHECK-LABEL: func.func @relay_rank1(
// CHECK: %[[A:.*]] = texec.recv peer = 0 {dist.microbatch = 0 : i64, dist.stage = 1 : i64}
// CHECK: %[[B:.*]] = tessera.neg %[[A]]
// CHECK: texec.send %[[A]] peer = 2 {dist.microbatch = 0 : i64, dist.stage = 1 : i64}
// CHECK: texec.send %[[B]] peer = 2 {dist.microbatch = 0 : i64, dist.stage = 1 : i64}
// CHECK-LABEL: func.func @relay_rank2(
// CHECK: texec.recv peer = 1
// CHECK: texec.recv peer = 1
// CHECK: tessera.add
// CHECK-NOT: peer = 0 {{.*}}stage = 0
// CHECK: texec.send %{{.*}} peer = 0
module attributes {dist.mesh = #dist.mesh<["pp" = 3]>} {
func.func @relay(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %a = tessera.relu %x {dist.stage = 0 : i64} : tensor<2x4xf32>
  %b = tessera.neg %a {dist.stage = 1 : i64} : tensor<2x4xf32>
  %c = tessera.add %a, %b {dist.stage = 2 : i64} : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return %c : tensor<2x4xf32>
}
}
