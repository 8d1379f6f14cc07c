// RUN: tessera-opt %s --tessera-cpu-pipeline -mlir-print-local-scope | FileCheck %s
// RUN: tessera-opt %s --tessera-cpu-pipeline=cpu=x86-64-v4 | FileCheck %s --check-prefix=V4

// The tessera-cpu-pipeline (passes/pipelines/Pipelines.cpp), end to end on a
// small graph: graph optimization, library calls with fused epilogues,
// decomposition, lowering to linalg, elementwise fusion and program
// formation. The matmul, its bias add and its tanh gelu become one library
// call writing output 0; the elementwise chain x * 2 + gelu, tanh becomes
// one fused kernel (with the scalar 2 inside it) that reads input 0 and
// output 0 and writes output 1; nothing needs the arena. The cpu option
// sets the executable's target (V4).

// CHECK-LABEL: func.func private @block(tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<4x8xf32>)
// CHECK-NEXT: texec.executable @cpu format "cpu_so" target "x86-64-v3" {
// CHECK-NEXT: func.func @k0_generic(%[[A0:.*]]: memref<4x8xf32>, %[[A1:.*]]: memref<4x8xf32>, %[[OUT:.*]]: memref<4x8xf32>) {
// CHECK-NEXT: %[[X:.*]] = bufferization.to_tensor %[[A0]] restrict : memref<4x8xf32> to tensor<4x8xf32>
// CHECK-NEXT: %[[G:.*]] = bufferization.to_tensor %[[A1]] restrict : memref<4x8xf32> to tensor<4x8xf32>
// CHECK-NEXT: %[[TWO:.*]] = arith.constant 2.000000e+00 : f32
// CHECK-NEXT: %[[E:.*]] = tensor.empty() : tensor<4x8xf32>
// CHECK-NEXT: %[[R:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%[[X]], %[[G]] : tensor<4x8xf32>, tensor<4x8xf32>) outs(%[[E]] : tensor<4x8xf32>) {
// CHECK-NEXT: ^bb0(%[[XI:.*]]: f32, %[[GI:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[S:.*]] = arith.mulf %[[XI]], %[[TWO]] : f32
// CHECK-NEXT: %[[T:.*]] = arith.addf %[[S]], %[[GI]] : f32
// CHECK-NEXT: %[[U:.*]] = math.tanh %[[T]] : f32
// CHECK-NEXT: linalg.yield %[[U]] : f32
// CHECK-NEXT: } -> tensor<4x8xf32>
// CHECK-NEXT: bufferization.materialize_in_destination %[[R]] in restrict writable %[[OUT]] : (tensor<4x8xf32>, memref<4x8xf32>) -> ()
// CHECK-NEXT: return
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: texec.program @rank0 rank 0 arena 0 {
// CHECK-NEXT: %[[XB:.*]] = texec.buffer input 0 : memref<4x8xf32>
// CHECK-NEXT: %[[WB:.*]] = texec.buffer constant value dense<5.000000e-01> : tensor<8x8xf32> : memref<8x8xf32>
// CHECK-NEXT: %[[BB:.*]] = texec.buffer constant value dense<2.500000e-01> : tensor<8xf32> : memref<8xf32>
// CHECK-NEXT: %[[Y0:.*]] = texec.buffer output 0 : memref<4x8xf32>
// CHECK-NEXT: texec.matmul %[[XB]], %[[WB]] bias %[[BB]] activation gelu_tanh outs %[[Y0]] : (memref<4x8xf32>, memref<8x8xf32>, memref<8xf32>, memref<4x8xf32>) -> ()
// CHECK-NEXT: %[[Y1:.*]] = texec.buffer output 1 : memref<4x8xf32>
// CHECK-NEXT: texec.dispatch @cpu::@k0_generic(%[[XB]], %[[Y0]], %[[Y1]]) : memref<4x8xf32>, memref<4x8xf32>, memref<4x8xf32>
// CHECK-NEXT: }
// CHECK-NOT: tessera.
// V4: texec.executable @cpu format "cpu_so" target "x86-64-v4"
func.func @block(%x: tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<4x8xf32>) {
  %w = tessera.constant dense<0.5> : tensor<8x8xf32>
  %b = tessera.constant dense<0.25> : tensor<8xf32>
  %two = tessera.constant dense<2.0> : tensor<f32>
  %m = tessera.matmul %x, %w : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  %a = tessera.add %m, %b : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  %g = tessera.gelu %a approximate = tanh : tensor<4x8xf32>
  %s = tessera.mul %x, %two : (tensor<4x8xf32>, tensor<f32>) -> tensor<4x8xf32>
  %t = tessera.add %s, %g : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %u = tessera.tanh %t : tensor<4x8xf32>
  return %g, %u : tensor<4x8xf32>, tensor<4x8xf32>
}
