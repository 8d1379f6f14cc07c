// RUN: tessera-opt %s --tessera-cuda-map-to-gpu -split-input-file | FileCheck %s
// RUN: tessera-opt %s --tessera-cuda-map-to-gpu="block-size=128 warp-reduction-size=0" -split-input-file | FileCheck %s --check-prefix=OPTS

// The tessera-cuda-map-to-gpu pass (compiler/target/cuda/MapToGpu.cpp) on
// bufferized kernels: every computing op at the top of a kernel is one
// launch, a gpu.func in gpu.module @kernels that takes all the kernel's
// buffers in order; the kernel's own function keeps only the launches,
// with static grid and block sizes.

// An elementwise generic over 2x512 elements: 4 blocks of 256 threads, one
// element each; the linear index splits with the last dimension fastest.
// No bounds check: the blocks cover the elements exactly.
// CHECK-LABEL: func.func @elementwise
// CHECK-SAME: (%[[A:.*]]: memref<2x512xf32>, %[[B:.*]]: memref<512xf32>, %[[OUT:.*]]: memref<2x512xf32>)
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C4:.*]] = arith.constant 4 : index
// CHECK-DAG: %[[C256:.*]] = arith.constant 256 : index
// CHECK: gpu.launch_func @kernels::@elementwise_0 blocks in (%[[C4]], %[[C1]], %[[C1]]) threads in (%[[C256]], %[[C1]], %[[C1]]) args(%[[A]] : memref<2x512xf32>, %[[B]] : memref<512xf32>, %[[OUT]] : memref<2x512xf32>)
// CHECK-NEXT: return
// CHECK: gpu.module @kernels
// CHECK: gpu.func @elementwise_0(%[[KA:.*]]: memref<2x512xf32> {llvm.noalias}, %[[KB:.*]]: memref<512xf32> {llvm.noalias}, %[[KOUT:.*]]: memref<2x512xf32> {llvm.noalias}) kernel
// CHECK-SAME: known_block_size = array<i32: 256, 1, 1>, known_grid_size = array<i32: 4, 1, 1>
// CHECK: %[[BID:.*]] = gpu.block_id x
// CHECK: %[[TID:.*]] = gpu.thread_id x
// CHECK: %[[BASE:.*]] = arith.muli %[[BID]], %{{.*}} : index
// CHECK: %[[I:.*]] = arith.addi %[[BASE]], %[[TID]] : index
// CHECK-NOT: scf.if
// CHECK: %[[COL:.*]] = arith.remui %[[I]], %{{.*}} : index
// CHECK: %[[ROW:.*]] = arith.divui %[[I]], %{{.*}} : index
// CHECK: %[[X:.*]] = memref.load %[[KA]][%[[ROW]], %[[COL]]]
// CHECK: %[[Y:.*]] = memref.load %[[KB]][%[[COL]]]
// CHECK: %[[S:.*]] = arith.addf %[[X]], %[[Y]] : f32
// CHECK: memref.store %[[S]], %[[KOUT]][%[[ROW]], %[[COL]]]
// CHECK: gpu.return
// OPTS-LABEL: func.func @elementwise
// OPTS: gpu.launch_func @kernels::@elementwise_0 blocks in (%c8, %c1, %c1) threads in (%c128, %c1, %c1)
func.func @elementwise(%a: memref<2x512xf32>, %b: memref<512xf32>, %out: memref<2x512xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%a, %b : memref<2x512xf32>, memref<512xf32>) outs(%out : memref<2x512xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// 40 elements: one block of 64 threads (the elements rounded up to a
// warp), and the threads past the end do nothing.
// CHECK-LABEL: func.func @small
// CHECK: gpu.launch_func @kernels::@small_0 blocks in (%c1, %c1, %c1) threads in (%c64, %c1, %c1)
// CHECK: gpu.func @small_0
// CHECK-SAME: known_block_size = array<i32: 64, 1, 1>, known_grid_size = array<i32: 1, 1, 1>
// CHECK: %[[I:.*]] = arith.addi
// CHECK: %[[IN:.*]] = arith.cmpi ult, %[[I]], %c40 : index
// CHECK: scf.if %[[IN]] {
// CHECK: math.exp
// CHECK: memref.store
// CHECK: }
// CHECK: gpu.return
func.func @small(%a: memref<40xf32>, %out: memref<40xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%a : memref<40xf32>) outs(%out : memref<40xf32>) {
  ^bb0(%x: f32, %o: f32):
    %e = math.exp %x : f32
    linalg.yield %e : f32
  }
  return
}

// -----

// A sum over the last dimension of 32 elements (fewer than
// warp-reduction-size): one thread per output element, the sum in a
// register from the fill's value (the fill then needs no launch of its
// own), one store.
// CHECK-LABEL: func.func @row_sum
// CHECK-DAG: %[[C128:.*]] = arith.constant 128 : index
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK: gpu.launch_func @kernels::@row_sum_0 blocks in (%[[C1]], %[[C1]], %[[C1]]) threads in (%[[C128]], %[[C1]], %[[C1]])
// CHECK-NEXT: return
// CHECK: gpu.func @row_sum_0(%[[X:.*]]: memref<128x32xf32> {llvm.noalias}, %[[OUT:.*]]: memref<128x1xf32> {llvm.noalias})
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[ROW:.*]] = arith.addi
// CHECK: %[[SUM:.*]] = scf.for %[[R:.*]] = %{{.*}} to %c32 step %{{.*}} iter_args(%[[ACC:.*]] = %[[ZERO]]) -> (f32) {
// CHECK: %[[V:.*]] = memref.load %[[X]][%[[ROW]], %[[R]]]
// CHECK: %[[NEXT:.*]] = arith.addf %[[ACC]], %[[V]] : f32
// CHECK: scf.yield %[[NEXT]] : f32
// CHECK: }
// CHECK: memref.store %[[SUM]], %[[OUT]][%[[ROW]], %{{.*}}]
// CHECK-NOT: memref.store
// CHECK: gpu.return
func.func @row_sum(%x: memref<128x32xf32>, %out: memref<128x1xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%out : memref<128x1xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>], iterator_types = ["parallel", "reduction"]} ins(%x : memref<128x32xf32>) outs(%out : memref<128x1xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %acc, %in : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A max over rows of 1024: one warp per row, 8 warps (rows) per block.
// Lane l takes the elements l, l + 32, ... from -inf, the lanes combine
// with five butterfly shuffles, lane 0 folds in the fill's value and
// stores. 10 rows: 2 blocks, the second block's last warps do nothing.
// With warp-reduction-size=0, one thread per row instead.
// CHECK-LABEL: func.func @row_max
// CHECK: gpu.launch_func @kernels::@row_max_0 blocks in (%c2, %c1, %c1) threads in (%c32, %c8, %c1)
// CHECK: gpu.func @row_max_0(%[[X:.*]]: memref<10x1024xf32> {llvm.noalias}, %[[OUT:.*]]: memref<10xf32> {llvm.noalias})
// CHECK-SAME: known_block_size = array<i32: 32, 8, 1>, known_grid_size = array<i32: 2, 1, 1>
// CHECK: %[[INIT:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[LANE:.*]] = gpu.thread_id x
// CHECK: %[[WARP:.*]] = gpu.thread_id y
// CHECK: %[[ROW:.*]] = arith.addi %{{.*}}, %[[WARP]] : index
// CHECK: %[[IN:.*]] = arith.cmpi ult, %[[ROW]], %c10 : index
// CHECK: scf.if %[[IN]] {
// CHECK: %[[ID:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[PART:.*]] = scf.for %[[R:.*]] = %[[LANE]] to %c1024 step %c32 iter_args(%[[ACC:.*]] = %[[ID]]) -> (f32) {
// CHECK: %[[V:.*]] = memref.load %[[X]][%[[ROW]], %[[R]]]
// CHECK: %[[M:.*]] = arith.maximumf %[[ACC]], %[[V]] : f32
// CHECK: scf.yield %[[M]]
// CHECK: %[[S16:.*]], %{{.*}} = gpu.shuffle xor %[[PART]], %c16_i32, %c32_i32{{.*}} : f32
// CHECK: %[[M16:.*]] = arith.maximumf %[[PART]], %[[S16]] : f32
// CHECK: gpu.shuffle xor %[[M16]], %c8_i32, %c32_i32
// CHECK: gpu.shuffle xor %{{.*}}, %c4_i32, %c32_i32
// CHECK: gpu.shuffle xor %{{.*}}, %c2_i32, %c32_i32
// CHECK: %[[S1:.*]], %{{.*}} = gpu.shuffle xor %[[M2:[^,]*]], %c1_i32, %c32_i32{{.*}} : f32
// CHECK: %[[ALL:.*]] = arith.maximumf %[[M2]], %[[S1]] : f32
// CHECK: %[[FIRST:.*]] = arith.cmpi eq, %[[LANE]], %{{.*}} : index
// CHECK: scf.if %[[FIRST]] {
// CHECK: %[[RES:.*]] = arith.maximumf %[[INIT]], %[[ALL]] : f32
// CHECK: memref.store %[[RES]], %[[OUT]][%[[ROW]]]
// OPTS-LABEL: func.func @row_max
// OPTS: gpu.launch_func @kernels::@row_max_0 blocks in (%c1, %c1, %c1) threads in (%c32, %c1, %c1)
// OPTS: gpu.func @row_max_0
// OPTS-NOT: gpu.shuffle
// OPTS: scf.for {{.*}} to %c1024
func.func @row_max(%x: memref<10x1024xf32>, %out: memref<10xf32>) {
  %ninf = arith.constant 0xFF800000 : f32
  linalg.fill ins(%ninf : f32) outs(%out : memref<10xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%x : memref<10x1024xf32>) outs(%out : memref<10xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %m = arith.maximumf %acc, %in : f32
    linalg.yield %m : f32
  }
  return
}

// -----

// A reduction whose body is not one combiner (a mean's select under a
// mask) stays one thread per output, whatever its size; the output is
// read first when no fill precedes it.
// CHECK-LABEL: func.func @masked_sum
// CHECK: gpu.launch_func @kernels::@masked_sum_0 blocks in (%c1, %c1, %c1) threads in (%c32, %c1, %c1)
// CHECK: gpu.func @masked_sum_0
// CHECK-NOT: gpu.shuffle
// CHECK: %[[INIT:.*]] = memref.load %{{.*}}[%{{.*}}] : memref<4xf32>
// CHECK: scf.for {{.*}} iter_args(%{{.*}} = %[[INIT]])
// CHECK: arith.select
func.func @masked_sum(%x: memref<4x4096xf32>, %m: memref<4x4096xi1>, %out: memref<4xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%x, %m : memref<4x4096xf32>, memref<4x4096xi1>) outs(%out : memref<4xf32>) {
  ^bb0(%in: f32, %keep: i1, %acc: f32):
    %s = arith.addf %acc, %in : f32
    %r = arith.select %keep, %s, %acc : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// Several launches in one kernel, in order, each with all the buffers: a
// fill the next op does not reduce into, a copy into a view of the output
// (a slice), a 0-d computation (one point: one warp, of which one thread
// works). The view and the constants are recomputed inside the launches
// that use them.
// CHECK-LABEL: func.func @several
// CHECK-SAME: (%[[A:.*]]: memref<4x8xf32>, %[[S:.*]]: memref<f32>, %[[OUT:.*]]: memref<4x16xf32>, %[[T:.*]]: memref<f32>)
// CHECK: gpu.launch_func @kernels::@several_0 blocks in (%c1, %c1, %c1) threads in (%c64, %c1, %c1) args(%[[A]] : memref<4x8xf32>, %[[S]] : memref<f32>, %[[OUT]] : memref<4x16xf32>, %[[T]] : memref<f32>)
// CHECK-NEXT: gpu.launch_func @kernels::@several_1 blocks in (%c1, %c1, %c1) threads in (%c32, %c1, %c1) args(%[[A]] : memref<4x8xf32>, %[[S]] : memref<f32>, %[[OUT]] : memref<4x16xf32>, %[[T]] : memref<f32>)
// CHECK-NEXT: gpu.launch_func @kernels::@several_2 blocks in (%c1, %c1, %c1) threads in (%c32, %c1, %c1) args(%[[A]] : memref<4x8xf32>, %[[S]] : memref<f32>, %[[OUT]] : memref<4x16xf32>, %[[T]] : memref<f32>)
// CHECK-NEXT: return
// CHECK: gpu.func @several_0
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: memref.store %[[ZERO]]
// CHECK: gpu.func @several_1(%{{.*}}: memref<4x8xf32> {llvm.noalias}, %{{.*}}: memref<f32> {llvm.noalias}, %[[KOUT:.*]]: memref<4x16xf32> {llvm.noalias}, %{{.*}}: memref<f32> {llvm.noalias})
// CHECK: %[[VIEW:.*]] = memref.subview %[[KOUT]][0, 8] [4, 8] [1, 1]
// CHECK: memref.store %{{.*}}, %[[VIEW]]
// CHECK: gpu.func @several_2(%{{.*}}: memref<4x8xf32> {llvm.noalias}, %[[KS:.*]]: memref<f32> {llvm.noalias}, %{{.*}}: memref<4x16xf32> {llvm.noalias}, %[[KT:.*]]: memref<f32> {llvm.noalias})
// CHECK: scf.if
// CHECK: %[[V:.*]] = memref.load %[[KS]][]
// CHECK: math.sqrt %[[V]]
// CHECK: memref.store %{{.*}}, %[[KT]][]
func.func @several(%a: memref<4x8xf32>, %s: memref<f32>, %out: memref<4x16xf32>, %t: memref<f32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%out : memref<4x16xf32>)
  %view = memref.subview %out[0, 8] [4, 8] [1, 1] : memref<4x16xf32> to memref<4x8xf32, strided<[16, 1], offset: 8>>
  memref.copy %a, %view : memref<4x8xf32> to memref<4x8xf32, strided<[16, 1], offset: 8>>
  linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%s : memref<f32>) outs(%t : memref<f32>) {
  ^bb0(%x: f32, %o: f32):
    %r = math.sqrt %x : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// A generic whose points could write the same element (the output does
// not depend on a parallel loop) runs on one thread, as loops; so does a
// store at the top of a kernel. Small constants become globals of the
// gpu.module.
// CHECK-LABEL: func.func @serial
// CHECK: gpu.launch_func @kernels::@serial_0 blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1)
// CHECK-NEXT: gpu.launch_func @kernels::@serial_1 blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1)
// CHECK: gpu.module @kernels
// CHECK: memref.global "private" constant @table : memref<4xf32> = dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]>
// CHECK: gpu.func @serial_0
// CHECK-SAME: known_block_size = array<i32: 1, 1, 1>
// CHECK: scf.for
// CHECK: scf.for
// CHECK: gpu.func @serial_1
// CHECK: memref.get_global @table
// CHECK: memref.store
memref.global "private" constant @table : memref<4xf32> = dense<[1.0, 2.0, 3.0, 4.0]>
func.func @serial(%a: memref<4x8xf32>, %out: memref<8xf32>, %t: memref<f32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>], iterator_types = ["parallel", "parallel"]} ins(%a : memref<4x8xf32>) outs(%out : memref<8xf32>) {
  ^bb0(%x: f32, %o: f32):
    linalg.yield %x : f32
  }
  %table = memref.get_global @table : memref<4xf32>
  %c2 = arith.constant 2 : index
  %v = memref.load %table[%c2] : memref<4xf32>
  memref.store %v, %t[] : memref<f32>
  return
}

// -----

// A kernel with nothing to do (an output that is never written) is still
// one launch.
// CHECK-LABEL: func.func @nothing
// CHECK: gpu.launch_func @kernels::@nothing_0 blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1)
// CHECK: gpu.func @nothing_0
// CHECK-NEXT: gpu.return
func.func @nothing(%out: memref<4xf32>) {
  return
}
