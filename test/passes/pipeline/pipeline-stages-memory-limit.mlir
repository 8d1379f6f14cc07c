// RUN: tessera-opt %s --tessera-pipeline-stages 2>&1 | FileCheck %s --check-prefix=FREE
// RUN: tessera-opt %s --tessera-pipeline-stages=memory-limit=1070000 2>&1 | FileCheck %s --check-prefix=LIMITED

// An embedding table of 1 MiB is cheap to use (a gather touches 8 rows)
// but heavy to hold. Without a limit, the cut balances cost: the gather
// and two layers on stage 0 (1 MiB + 32 KiB of weights), two layers on
// stage 1. With 1070000 bytes per stage, stage 0 can hold the table and one
// layer's weight only, so the cut moves up and stage 1 takes three layers,
// the cheapest cut that fits.
// FREE: remark: pipeline stage 0: 5 ops from here, cost 193600, activations in 0 bytes, out 2048 bytes, weights 1081344 bytes
// FREE: remark: pipeline stage 1: 4 ops from here, cost 197632, activations in 2048 bytes, out 2048 bytes, weights 32768 bytes
// LIMITED: remark: pipeline stage 0: 3 ops from here, cost 102976, activations in 0 bytes, out 2048 bytes, weights 1064960 bytes
// LIMITED: remark: pipeline stage 1: 6 ops from here, cost 288256, activations in 2048 bytes, out 2048 bytes, weights 49152 bytes
// LIMITED: tessera.matmul %{{.*}} {dist.stage = 0 : i64}
// LIMITED-NEXT: tessera.relu %{{.*}} {dist.stage = 0 : i64}
// LIMITED-NEXT: tessera.matmul %{{.*}} {dist.stage = 1 : i64}

module attributes {dist.mesh = #dist.mesh<["pp" = 2]>} {
func.func @embedded(%ids: tensor<8xi64>) -> tensor<8x64xf32> {
  %table = tessera.constant dense<0.25> : tensor<4096x64xf32>
  %w1 = tessera.constant dense<0.5> : tensor<64x64xf32>
  %w2 = tessera.constant dense<0.5> : tensor<64x64xf32>
  %w3 = tessera.constant dense<0.5> : tensor<64x64xf32>
  %w4 = tessera.constant dense<0.5> : tensor<64x64xf32>
  %x = tessera.gather %table, %ids axis = 0 : (tensor<4096x64xf32>, tensor<8xi64>) -> tensor<8x64xf32>
  %a = tessera.matmul %x, %w1 : (tensor<8x64xf32>, tensor<64x64xf32>) -> tensor<8x64xf32>
  %b = tessera.relu %a : tensor<8x64xf32>
  %c = tessera.matmul %b, %w2 : (tensor<8x64xf32>, tensor<64x64xf32>) -> tensor<8x64xf32>
  %d = tessera.relu %c : tensor<8x64xf32>
  %e = tessera.matmul %d, %w3 : (tensor<8x64xf32>, tensor<64x64xf32>) -> tensor<8x64xf32>
  %f = tessera.relu %e : tensor<8x64xf32>
  %g = tessera.matmul %f, %w4 : (tensor<8x64xf32>, tensor<64x64xf32>) -> tensor<8x64xf32>
  %h = tessera.relu %g : tensor<8x64xf32>
  return %h : tensor<8x64xf32>
}
}
