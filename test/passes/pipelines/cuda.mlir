// RUN: tessera-opt %s --tessera-cuda-pipeline -split-input-file | FileCheck %s
// RUN: tessera-opt %s --tessera-cuda-pipeline=arch=sm_90 -split-input-file | FileCheck %s --check-prefix=ARCH

// The tessera-cuda-pipeline (passes/pipelines/Pipelines.cpp): as the CPU
// pipeline, but for cuBLASLt and generated kernels
// (docs/design/0004-cuda.md). Matmuls become texec.matmul with only the
// epilogues cuBLASLt has (bias, residual, relu, tanh gelu); an erf gelu, a
// sigmoid or a silu after a matmul is a kernel of its own; convolutions and
// pooling are kernels. The kernels go into a cuda_ptx executable for the
// lowest architecture (the arch option).

// CHECK-LABEL: func.func private @mlp
// CHECK: texec.executable @cuda format "cuda_ptx" target "sm_80"
// CHECK: func.func @[[GELU:k[0-9]+_generic]]
// CHECK: math.erf
// CHECK: texec.program @rank0
// CHECK: texec.matmul %{{.*}}, %{{.*}} bias %{{.*}} activation gelu_tanh outs
// CHECK: texec.matmul %{{.*}}, %{{.*}} residual %{{.*}} activation relu outs
// CHECK: texec.matmul %{{.*}}, %{{.*}} outs %[[M:.*]] :
// CHECK: texec.dispatch @cuda::@[[GELU]](%[[M]], %{{.*}})
// ARCH: texec.executable @cuda format "cuda_ptx" target "sm_90"
func.func @mlp(%x: tensor<4x8xf32>, %r: tensor<4x8xf32>, %w0: tensor<8x8xf32>, %w1: tensor<8x8xf32>, %w2: tensor<8x8xf32>, %b: tensor<8xf32>) -> (tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>) {
  %m0 = tessera.matmul %x, %w0 : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  %a0 = tessera.add %m0, %b : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  %y0 = tessera.gelu %a0 approximate = tanh : tensor<4x8xf32>
  %m1 = tessera.matmul %x, %w1 : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  %a1 = tessera.add %m1, %r : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %y1 = tessera.relu %a1 : tensor<4x8xf32>
  %m2 = tessera.matmul %x, %w2 : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  %y2 = tessera.gelu %m2 : tensor<4x8xf32>
  return %y0, %y1, %y2 : tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>
}

// -----

// A convolution with a bias and a relu, then a max pooling: kernels (the
// convolution's sum, its bias and relu fused after it, the pooling), no
// library call.
// CHECK-LABEL: func.func private @conv
// CHECK: texec.executable @cuda format "cuda_ptx" target "sm_80"
// CHECK: func.func @[[CONV:k[0-9]+_generic]](%{{.*}}: memref<4x3x3x3xf32>, %{{.*}}: memref<1x3x8x8xf32>, %{{.*}}: memref<1x4x8x8xf32>)
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]
// CHECK: func.func @[[BIAS:k[0-9]+_generic]](%{{.*}}: memref<1x4x8x8xf32>, %{{.*}}: memref<4xf32>, %{{.*}}: memref<1x4x8x8xf32>)
// CHECK: arith.addf
// CHECK: arith.maximumf
// CHECK: func.func @[[POOL:k[0-9]+_generic]]
// CHECK: texec.program @rank0
// CHECK-NOT: texec.conv2d
// CHECK-NOT: texec.pool2d
// CHECK: texec.dispatch @cuda::@[[CONV]]
// CHECK: texec.dispatch @cuda::@[[BIAS]]
// CHECK: texec.dispatch @cuda::@[[POOL]]
func.func @conv(%img: tensor<1x3x8x8xf32>, %k: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x4x4xf32> {
  %c = tessera.conv2d %img, %k, %b strides = [1, 1] padding = [1, 1, 1, 1] dilations = [1, 1] groups = 1 : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  %r = tessera.relu %c : tensor<1x4x8x8xf32>
  %p = tessera.max_pool2d %r kernel = [2, 2] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x4x8x8xf32>) -> tensor<1x4x4x4xf32>
  return %p : tensor<1x4x4x4xf32>
}
