// RUN: tessera-opt %s --tessera-pipeline-stages=virtual-stages=2 2>/dev/null | FileCheck %s
// RUN: not tessera-opt %s --tessera-pipeline-stages=memory-limit=1000 2>&1 | FileCheck %s --check-prefix=LIMIT

// Two virtual stages per device on pp = 2: four stages of one layer each.
// CHECK-LABEL: func.func @layers(
// CHECK: tessera.matmul {{.*}}dist.stage = 0
// CHECK: tessera.matmul {{.*}}dist.stage = 1
// CHECK: tessera.matmul {{.*}}dist.stage = 2
// CHECK: tessera.matmul {{.*}}dist.stage = 3

// A weight larger than the limit fits on no stage.
// LIMIT: error: no cut into 2 pipeline stages keeps every stage's weights within 1000 bytes

module attributes {dist.mesh = #dist.mesh<["pp" = 2]>} {
func.func @layers(%x: tensor<8x64xf32>) -> tensor<8x64xf32> {
  %w = tessera.constant dense<0.5> : tensor<64x64xf32>
  %a = tessera.matmul %x, %w : (tensor<8x64xf32>, tensor<64x64xf32>) -> tensor<8x64xf32>
  %b = tessera.relu %a : tensor<8x64xf32>
  %c = tessera.matmul %b, %w : (tensor<8x64xf32>, tensor<64x64xf32>) -> tensor<8x64xf32>
  %d = tessera.relu %c : tensor<8x64xf32>
  %e = tessera.matmul %d, %w : (tensor<8x64xf32>, tensor<64x64xf32>) -> tensor<8x64xf32>
  %f = tessera.relu %e : tensor<8x64xf32>
  %g = tessera.matmul %f, %w : (tensor<8x64xf32>, tensor<64x64xf32>) -> tensor<8x64xf32>
  %h = tessera.relu %g : tensor<8x64xf32>
  return %h : tensor<8x64xf32>
}
}
