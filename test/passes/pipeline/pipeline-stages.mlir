// RUN: tessera-opt %s --tessera-pipeline-stages -split-input-file -verify-diagnostics | FileCheck %s

// tessera-pipeline-stages (passes/pipeline/PipelineStages.cpp): the ops are
// cut in program order into stages of balanced cost; constants carry no
// stage; the function records each stage's cost, ops and activation bytes.

// Four equal matmul + relu layers on pp = 2: two layers per stage, the cut
// between the second and the third layer, where one 8x64 activation
// (2 KiB) crosses.
// CHECK-LABEL: func.func @layers(
// The weight counts on the stage that uses it first (16 KiB).
// CHECK-SAME: dist.stage_costs = [{activation_bytes_in = 0 : i64, activation_bytes_out = 2048 : i64, cost = {{[0-9]+}} : i64, ops = 4 : i64, stage = 0 : i64, weight_bytes = 16384 : i64}, {activation_bytes_in = 2048 : i64, activation_bytes_out = 2048 : i64, cost = {{[0-9]+}} : i64, ops = 4 : i64, stage = 1 : i64, weight_bytes = 0 : i64}]
// CHECK: %[[W:.*]] = tessera.constant
// CHECK-NOT: dist.stage
// CHECK-SAME: tensor<64x64xf32>
// CHECK: tessera.matmul {{.*}}dist.stage = 0
// CHECK: tessera.relu {{.*}}dist.stage = 0
// CHECK: tessera.matmul {{.*}}dist.stage = 0
// CHECK: tessera.relu {{.*}}dist.stage = 0
// CHECK: tessera.matmul {{.*}}dist.stage = 1
// CHECK: tessera.relu {{.*}}dist.stage = 1
// CHECK: tessera.matmul {{.*}}dist.stage = 1
// CHECK: tessera.relu {{.*}}dist.stage = 1
module attributes {dist.mesh = #dist.mesh<["pp" = 2]>} {
func.func @layers(%x: tensor<8x64xf32>) -> tensor<8x64xf32> {
  %w = tessera.constant dense<0.5> : tensor<64x64xf32>
  // expected-remark @+1 {{pipeline stage 0: 4 ops from here, cost 189440, activations in 0 bytes, out 2048 bytes, weights 16384 bytes}}
  %a = tessera.matmul %x, %w : (tensor<8x64xf32>, tensor<64x64xf32>) -> tensor<8x64xf32>
  %b = tessera.relu %a : tensor<8x64xf32>
  %c = tessera.matmul %b, %w : (tensor<8x64xf32>, tensor<64x64xf32>) -> tensor<8x64xf32>
  %d = tessera.relu %c : tensor<8x64xf32>
  // expected-remark @+1 {{pipeline stage 1: 4 ops from here, cost 197632, activations in 2048 bytes, out 2048 bytes, weights 0 bytes}}
  %e = tessera.matmul %d, %w : (tensor<8x64xf32>, tensor<64x64xf32>) -> tensor<8x64xf32>
  %f = tessera.relu %e : tensor<8x64xf32>
  %g = tessera.matmul %f, %w : (tensor<8x64xf32>, tensor<64x64xf32>) -> tensor<8x64xf32>
  %h = tessera.relu %g : tensor<8x64xf32>
  return %h : tensor<8x64xf32>
}
}

// -----

// One heavy op and many light ones: the heavy one gets a stage of its own
// (op granularity), not half of the ops.
// CHECK-LABEL: func.func @uneven(
// CHECK: tessera.matmul {{.*}}dist.stage = 0 {{.*}}-> tensor<64x256xf32>
// CHECK: tessera.relu {{.*}}dist.stage = 1
// CHECK: tessera.neg {{.*}}dist.stage = 1
// CHECK: tessera.abs {{.*}}dist.stage = 1
module attributes {dist.mesh = #dist.mesh<["pp" = 2]>} {
func.func @uneven(%x: tensor<64x256xf32>, %w: tensor<256x256xf32>) -> tensor<64x256xf32> {
  // expected-remark @+1 {{pipeline stage 0: 1 ops from here}}
  %a = tessera.matmul %x, %w : (tensor<64x256xf32>, tensor<256x256xf32>) -> tensor<64x256xf32>
  // expected-remark @+1 {{pipeline stage 1: 3 ops from here}}
  %b = tessera.relu %a : tensor<64x256xf32>
  %c = tessera.neg %b : tensor<64x256xf32>
  %d = tessera.abs %c : tensor<64x256xf32>
  return %d : tensor<64x256xf32>
}
}

// -----

// More stages than ops.
module attributes {dist.mesh = #dist.mesh<["pp" = 4]>} {
// expected-error @+1 {{cannot cut 2 ops into 4 pipeline stages}}
func.func @too_few(%x: tensor<4xf32>) -> tensor<4xf32> {
  %a = tessera.relu %x : tensor<4xf32>
  %b = tessera.neg %a : tensor<4xf32>
  return %b : tensor<4xf32>
}
}

// -----

// No pipeline axis: nothing happens.
// CHECK-LABEL: func.func @no_pipeline(
// CHECK-NOT: dist.stage
module attributes {dist.mesh = #dist.mesh<["tp" = 2]>} {
func.func @no_pipeline(%x: tensor<4xf32>) -> tensor<4xf32> {
  %a = tessera.relu %x : tensor<4xf32>
  return %a : tensor<4xf32>
}
}
