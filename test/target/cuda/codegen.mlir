// RUN: tessera-opt %s --tessera-cuda-codegen | FileCheck %s
// RUN: tessera-opt %s --tessera-cuda-codegen="chip=sm_90 index-bitwidth=32" | FileCheck %s --check-prefix=OPTS

// The tessera-cuda-codegen pipeline (compiler/target/cuda/CudaTarget.cpp)
// on kernels as tessera-form-program outlines them: bufferized, mapped to
// launches, lowered to NVVM with the bare-pointer calling convention
// (each memref one !llvm.ptr), in a gpu.module with an NVVM target of the
// lowest architecture; gpu-module-to-binary then makes the PTX.

// CHECK-LABEL: func.func @k0_generic
// CHECK-SAME: (%[[X:.*]]: memref<4x64xf32>, %[[B:.*]]: memref<64xf32>, %[[OUT:.*]]: memref<4x64xf32>)
// CHECK: gpu.launch_func @kernels::@k0_generic_0 blocks in (%{{.*}}) threads in (%{{.*}}) args(%[[X]] : memref<4x64xf32>, %[[B]] : memref<64xf32>, %[[OUT]] : memref<4x64xf32>)
// CHECK-LABEL: func.func @k1_generic
// CHECK: gpu.launch_func @kernels::@k1_generic_0
// CHECK: gpu.module @kernels [#nvvm.target<O = 3, chip = "sm_80">]
// CHECK: llvm.func @__nv_tanhf(f32) -> f32
// CHECK: llvm.func @k0_generic_0(%{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias})
// CHECK-SAME: gpu.kernel
// CHECK-SAME: nvvm.kernel
// CHECK-SAME: nvvm.maxntid = array<i32: 256, 1, 1>
// CHECK: nvvm.read.ptx.sreg.ctaid.x
// CHECK: nvvm.read.ptx.sreg.tid.x
// CHECK: llvm.call @__nv_tanhf
// CHECK: llvm.func @k1_generic_0(%{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias})
// CHECK-SAME: nvvm.maxntid = array<i32: 32, 4, 1>
// CHECK: nvvm.shfl.sync bfly
// With 32-bit indices, the index arithmetic and the addresses' offsets
// are i32.
// OPTS: gpu.module @kernels [#nvvm.target<O = 3, chip = "sm_90">]
// OPTS: llvm.func @k0_generic_0
// OPTS: %[[BID:.*]] = nvvm.read.ptx.sreg.ctaid.x {{.*}}: i32
// OPTS: %[[TID:.*]] = nvvm.read.ptx.sreg.tid.x {{.*}}: i32
// OPTS: %[[BASE:.*]] = llvm.mul %[[BID]], %{{.*}} : i32
// OPTS: %[[I:.*]] = llvm.add %[[BASE]], %[[TID]] : i32
// OPTS: llvm.getelementptr {{.*}} : (!llvm.ptr, i32) -> !llvm.ptr, f32
module {
  func.func @k0_generic(%arg0: memref<4x64xf32>, %arg1: memref<64xf32>, %arg2: memref<4x64xf32>) {
    %0 = bufferization.to_tensor %arg0 restrict : memref<4x64xf32> to tensor<4x64xf32>
    %1 = bufferization.to_tensor %arg1 restrict : memref<64xf32> to tensor<64xf32>
    %2 = tensor.empty() : tensor<4x64xf32>
    %3 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%0, %1 : tensor<4x64xf32>, tensor<64xf32>) outs(%2 : tensor<4x64xf32>) {
    ^bb0(%in: f32, %in_0: f32, %out: f32):
      %4 = arith.addf %in, %in_0 : f32
      %5 = math.tanh %4 : f32
      linalg.yield %5 : f32
    } -> tensor<4x64xf32>
    bufferization.materialize_in_destination %3 in restrict writable %arg2 : (tensor<4x64xf32>, memref<4x64xf32>) -> ()
    return
  }
  func.func @k1_generic(%arg0: memref<4x64xf32>, %arg1: memref<4x1xf32>) {
    %0 = bufferization.to_tensor %arg0 restrict : memref<4x64xf32> to tensor<4x64xf32>
    %cst = arith.constant 0.000000e+00 : f32
    %1 = tensor.empty() : tensor<4x1xf32>
    %2 = linalg.fill ins(%cst : f32) outs(%1 : tensor<4x1xf32>) -> tensor<4x1xf32>
    %3 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>], iterator_types = ["parallel", "reduction"]} ins(%0 : tensor<4x64xf32>) outs(%2 : tensor<4x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %4 = arith.addf %out, %in : f32
      linalg.yield %4 : f32
    } -> tensor<4x1xf32>
    bufferization.materialize_in_destination %3 in restrict writable %arg1 : (tensor<4x1xf32>, memref<4x1xf32>) -> ()
    return
  }
}
