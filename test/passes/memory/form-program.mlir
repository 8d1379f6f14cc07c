// RUN: tessera-opt %s --tessera-form-program -split-input-file -mlir-print-local-scope | FileCheck %s
// RUN: tessera-opt %s --tessera-form-program="executable=host format=cpu_so target=x86-64-v4" -split-input-file -mlir-print-local-scope | FileCheck %s --check-prefix=OPTS

// The tessera-form-program pass (passes/memory/FormProgram.cpp) turns the
// tensor-level function into an executable and a program:
//  - each computing op becomes a kernel on memrefs (to_tensor of its
//    inputs, the op with the tensor.empty / linalg.fill / scalar and small
//    constants it reads, materialize_in_destination into its outputs),
//    named k<n>_<op>; identical kernels are emitted once;
//  - library calls move to buffers (`outs`);
//  - inputs, weights, views (reshape, unrealized casts) and arena buffers,
//    results written straight into the output buffers, copies for results
//    that cannot be (inputs, constants, views, a value returned twice);
//  - the arena plan: first fit in definition order over lifetimes, 64-byte
//    aligned, freed space reused, the arena size the peak;
//  - the function stays as a private declaration; the options name the
//    executable, its format and target (OPTS).
// Its failures are in form-program-failed.mlir.

// A library call, two kernels with the same body (one kernel, dispatched
// twice), one that differs only in a constant (a kernel of its own; the
// kernel number counts commands, so it is k2), and a last library call
// writing the output. The arena: the first matmul's result (128 bytes) at
// 0, the first relu's at 128 (the matmul result is still read by it), the
// second relu's back at 0 (the matmul result is dead by then), the third
// at 128; 256 bytes in all.
// CHECK-LABEL: func.func private @dedup_and_reuse(tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
// CHECK-NEXT: texec.executable @cpu format "cpu_so" target "x86-64-v3" {
// CHECK-NEXT: func.func @k0_generic(%[[IN:.*]]: memref<4x8xf32>, %[[OUT:.*]]: memref<4x8xf32>) {
// CHECK-NEXT: %[[T:.*]] = bufferization.to_tensor %[[IN]] restrict : memref<4x8xf32> to tensor<4x8xf32>
// CHECK-NEXT: %[[E:.*]] = tensor.empty() : tensor<4x8xf32>
// CHECK-NEXT: %[[G:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%[[T]] : tensor<4x8xf32>) outs(%[[E]] : tensor<4x8xf32>) {
// CHECK: arith.constant 0.000000e+00 : f32
// CHECK: } -> tensor<4x8xf32>
// CHECK-NEXT: bufferization.materialize_in_destination %[[G]] in restrict writable %[[OUT]] : (tensor<4x8xf32>, memref<4x8xf32>) -> ()
// CHECK-NEXT: return
// CHECK-NEXT: }
// CHECK-NEXT: func.func @k2_generic(%{{.*}}: memref<4x8xf32>, %{{.*}}: memref<4x8xf32>) {
// CHECK: arith.constant 1.000000e+00 : f32
// CHECK: return
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: texec.program @rank0 rank 0 arena 256 {
// CHECK-NEXT: %[[X:.*]] = texec.buffer input 0 : memref<4x8xf32>
// CHECK-NEXT: %[[W:.*]] = texec.buffer input 1 : memref<8x8xf32>
// CHECK-NEXT: %[[M:.*]] = texec.buffer arena offset 0 : memref<4x8xf32>
// CHECK-NEXT: texec.matmul %[[X]], %[[W]] outs %[[M]] : (memref<4x8xf32>, memref<8x8xf32>, memref<4x8xf32>) -> ()
// CHECK-NEXT: %[[R1:.*]] = texec.buffer arena offset 128 : memref<4x8xf32>
// CHECK-NEXT: texec.dispatch @cpu::@k0_generic(%[[M]], %[[R1]]) : memref<4x8xf32>, memref<4x8xf32>
// CHECK-NEXT: %[[R2:.*]] = texec.buffer arena offset 0 : memref<4x8xf32>
// CHECK-NEXT: texec.dispatch @cpu::@k0_generic(%[[R1]], %[[R2]]) : memref<4x8xf32>, memref<4x8xf32>
// CHECK-NEXT: %[[R3:.*]] = texec.buffer arena offset 128 : memref<4x8xf32>
// CHECK-NEXT: texec.dispatch @cpu::@k2_generic(%[[R2]], %[[R3]]) : memref<4x8xf32>, memref<4x8xf32>
// CHECK-NEXT: %[[Y:.*]] = texec.buffer output 0 : memref<4x8xf32>
// CHECK-NEXT: texec.matmul %[[R3]], %[[W]] outs %[[Y]] : (memref<4x8xf32>, memref<8x8xf32>, memref<4x8xf32>) -> ()
// CHECK-NEXT: }
// OPTS-LABEL: func.func private @dedup_and_reuse
// OPTS-NEXT: texec.executable @host format "cpu_so" target "x86-64-v4" {
// OPTS: texec.dispatch @host::@k0_generic
// OPTS: texec.dispatch @host::@k0_generic
// OPTS: texec.dispatch @host::@k2_generic
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @dedup_and_reuse(%x: tensor<4x8xf32>, %w: tensor<8x8xf32>) -> tensor<4x8xf32> {
  %m = texec.matmul %x, %w : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  %e = tensor.empty() : tensor<4x8xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%m : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %c = arith.constant 0.0 : f32
    %y = arith.maximumf %in, %c : f32
    linalg.yield %y : f32
  } -> tensor<4x8xf32>
  %e2 = tensor.empty() : tensor<4x8xf32>
  %r2 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%r : tensor<4x8xf32>) outs(%e2 : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %c = arith.constant 0.0 : f32
    %y = arith.maximumf %in, %c : f32
    linalg.yield %y : f32
  } -> tensor<4x8xf32>
  %e3 = tensor.empty() : tensor<4x8xf32>
  %r3 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%r2 : tensor<4x8xf32>) outs(%e3 : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %c = arith.constant 1.0 : f32
    %y = arith.maximumf %in, %c : f32
    linalg.yield %y : f32
  } -> tensor<4x8xf32>
  %m2 = texec.matmul %r3, %w : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  return %m2 : tensor<4x8xf32>
}

// -----

// First fit with buffers of different sizes (f32: 64 -> 256 bytes, 16 ->
// 64, 32 -> 128):
//   a (256 B) at 0;
//   b (64 B) at 256, a being read by b's writer;
//   c (128 B) at 0: a is dead, and [0, 128) fits below b;
//   d (256 B) at 320: c (0..128) and b (256..320) are read by d's writer,
//     the gap 128..256 is too small;
//   e is the result, written into the output buffer.
// The arena is 320 + 256 = 576 bytes. The last kernel is the first one
// again.
// CHECK-LABEL: func.func private @first_fit(tensor<64xf32>) -> tensor<64xf32>
// CHECK: func.func @k0_generic(%{{.*}}: memref<64xf32>, %{{.*}}: memref<64xf32>)
// CHECK: func.func @k1_extract_slice(%[[IN:.*]]: memref<64xf32>, %[[OUT:.*]]: memref<16xf32>)
// CHECK-NEXT: %[[T:.*]] = bufferization.to_tensor %[[IN]] restrict : memref<64xf32> to tensor<64xf32>
// CHECK-NEXT: %[[S:.*]] = tensor.extract_slice %[[T]][0] [16] [1] : tensor<64xf32> to tensor<16xf32>
// CHECK-NEXT: bufferization.materialize_in_destination %[[S]] in restrict writable %[[OUT]] : (tensor<16xf32>, memref<16xf32>) -> ()
// The same input twice is one argument.
// CHECK: func.func @k2_concat(%[[IN:.*]]: memref<16xf32>, %[[OUT:.*]]: memref<32xf32>)
// CHECK-NEXT: %[[T:.*]] = bufferization.to_tensor %[[IN]] restrict : memref<16xf32> to tensor<16xf32>
// CHECK-NEXT: %[[C:.*]] = tensor.concat dim(0) %[[T]], %[[T]] : (tensor<16xf32>, tensor<16xf32>) -> tensor<32xf32>
// CHECK-NEXT: bufferization.materialize_in_destination %[[C]] in restrict writable %[[OUT]]
// CHECK: func.func @k3_concat(%{{.*}}: memref<32xf32>, %{{.*}}: memref<16xf32>, %{{.*}}: memref<64xf32>)
// CHECK-NOT: func.func
// CHECK: texec.program @rank0 rank 0 arena 576 {
// CHECK-NEXT: %[[X:.*]] = texec.buffer input 0 : memref<64xf32>
// CHECK-NEXT: %[[A:.*]] = texec.buffer arena offset 0 : memref<64xf32>
// CHECK-NEXT: texec.dispatch @cpu::@k0_generic(%[[X]], %[[A]])
// CHECK-NEXT: %[[B:.*]] = texec.buffer arena offset 256 : memref<16xf32>
// CHECK-NEXT: texec.dispatch @cpu::@k1_extract_slice(%[[A]], %[[B]])
// CHECK-NEXT: %[[C:.*]] = texec.buffer arena offset 0 : memref<32xf32>
// CHECK-NEXT: texec.dispatch @cpu::@k2_concat(%[[B]], %[[C]])
// CHECK-NEXT: %[[D:.*]] = texec.buffer arena offset 320 : memref<64xf32>
// CHECK-NEXT: texec.dispatch @cpu::@k3_concat(%[[C]], %[[B]], %[[D]])
// CHECK-NEXT: %[[E:.*]] = texec.buffer output 0 : memref<64xf32>
// CHECK-NEXT: texec.dispatch @cpu::@k0_generic(%[[D]], %[[E]])
// CHECK-NEXT: }
#id = affine_map<(d0) -> (d0)>
func.func @first_fit(%x: tensor<64xf32>) -> tensor<64xf32> {
  %e0 = tensor.empty() : tensor<64xf32>
  %a = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%x : tensor<64xf32>) outs(%e0 : tensor<64xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  } -> tensor<64xf32>
  %b = tensor.extract_slice %a[0] [16] [1] : tensor<64xf32> to tensor<16xf32>
  %c = tensor.concat dim(0) %b, %b : (tensor<16xf32>, tensor<16xf32>) -> tensor<32xf32>
  %d = tensor.concat dim(0) %c, %b, %b : (tensor<32xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<64xf32>
  %e1 = tensor.empty() : tensor<64xf32>
  %e = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%d : tensor<64xf32>) outs(%e1 : tensor<64xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  } -> tensor<64xf32>
  return %e : tensor<64xf32>
}

// -----

// A library call with every operand: the bias is a view of input 2
// (reshape), the residual a linalg.fill that a library call reads, so it
// gets a kernel of its own (no inputs) and an arena buffer. A reduction
// kernel absorbs its own fill, empty and scalar constant. Both results are
// written in place: the matmul into output 0, which the reduction then
// reads.
// CHECK-LABEL: func.func private @library_operands
// CHECK: func.func @k0_fill(%[[OUT:.*]]: memref<4x8xf32>) {
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[E:.*]] = tensor.empty() : tensor<4x8xf32>
// CHECK-NEXT: %[[F:.*]] = linalg.fill ins(%[[Z]] : f32) outs(%[[E]] : tensor<4x8xf32>) -> tensor<4x8xf32>
// CHECK-NEXT: bufferization.materialize_in_destination %[[F]] in restrict writable %[[OUT]]
// CHECK: func.func @k1_generic(%[[IN:.*]]: memref<4x8xf32>, %[[OUT:.*]]: memref<4xf32>) {
// CHECK-NEXT: %[[T:.*]] = bufferization.to_tensor %[[IN]] restrict
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[E:.*]] = tensor.empty() : tensor<4xf32>
// CHECK-NEXT: %[[F:.*]] = linalg.fill ins(%[[Z]] : f32) outs(%[[E]] : tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT: %[[S:.*]] = linalg.generic {{.*}} ins(%[[T]] : tensor<4x8xf32>) outs(%[[F]] : tensor<4xf32>)
// CHECK: bufferization.materialize_in_destination %[[S]] in restrict writable %[[OUT]]
// CHECK: texec.program @rank0 rank 0 arena 128 {
// CHECK-NEXT: %[[R:.*]] = texec.buffer arena offset 0 : memref<4x8xf32>
// CHECK-NEXT: texec.dispatch @cpu::@k0_fill(%[[R]]) : memref<4x8xf32>
// CHECK-NEXT: %[[X:.*]] = texec.buffer input 0 : memref<4x8xf32>
// CHECK-NEXT: %[[W:.*]] = texec.buffer input 1 : memref<8x8xf32>
// CHECK-NEXT: %[[B:.*]] = texec.buffer input 2 : memref<8xf32>
// CHECK-NEXT: %[[Y:.*]] = texec.buffer output 0 : memref<4x8xf32>
// CHECK-NEXT: texec.matmul %[[X]], %[[W]] transpose_rhs bias %[[B]] residual %[[R]] activation relu outs %[[Y]] : (memref<4x8xf32>, memref<8x8xf32>, memref<8xf32>, memref<4x8xf32>, memref<4x8xf32>) -> ()
// CHECK-NEXT: %[[Y1:.*]] = texec.buffer output 1 : memref<4xf32>
// CHECK-NEXT: texec.dispatch @cpu::@k1_generic(%[[Y]], %[[Y1]]) : memref<4x8xf32>, memref<4xf32>
// CHECK-NEXT: }
func.func @library_operands(%x: tensor<4x8xf32>, %w: tensor<8x8xf32>, %b: tensor<1x8xf32>) -> (tensor<4x8xf32>, tensor<4xf32>) {
  %bv = tessera.reshape %b : (tensor<1x8xf32>) -> tensor<8xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x8xf32>
  %r = linalg.fill ins(%zero : f32) outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
  %m = texec.matmul %x, %w transpose_rhs bias %bv residual %r activation relu : (tensor<4x8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %s0 = tensor.empty() : tensor<4xf32>
  %s1 = linalg.fill ins(%zero : f32) outs(%s0 : tensor<4xf32>) -> tensor<4xf32>
  %s = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%m : tensor<4x8xf32>) outs(%s1 : tensor<4xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %a = arith.addf %acc, %in : f32
    linalg.yield %a : f32
  } -> tensor<4xf32>
  return %m, %s : tensor<4x8xf32>, tensor<4xf32>
}

// -----

// Weights: a dense_resource weight and a small dense bias read by a library
// call are constant buffers; conv2d and pool2d move to buffers with their
// attributes. No kernel, so the executable is empty. The conv result
// (1x4x6x6 f32 = 576 bytes) is the only arena buffer.
// CHECK-LABEL: func.func private @conv_pool
// CHECK-NEXT: texec.executable @cpu format "cpu_so" target "x86-64-v3" {
// CHECK-NEXT: }
// CHECK-NEXT: texec.program @rank0 rank 0 arena 576 {
// CHECK-NEXT: %[[X:.*]] = texec.buffer input 0 : memref<1x2x6x6xf32>
// CHECK-NEXT: %[[W:.*]] = texec.buffer constant value dense_resource<conv_w> : tensor<4x2x1x1xf32> : memref<4x2x1x1xf32>
// CHECK-NEXT: %[[B:.*]] = texec.buffer constant value dense<[5.000000e-01, 1.000000e+00, 1.500000e+00, 2.000000e+00]> : tensor<4xf32> : memref<4xf32>
// CHECK-NEXT: %[[C:.*]] = texec.buffer arena offset 0 : memref<1x4x6x6xf32>
// CHECK-NEXT: texec.conv2d %[[X]], %[[W]] bias %[[B]] strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 activation relu outs %[[C]] : (memref<1x2x6x6xf32>, memref<4x2x1x1xf32>, memref<4xf32>, memref<1x4x6x6xf32>) -> ()
// CHECK-NEXT: %[[Y:.*]] = texec.buffer output 0 : memref<1x4x2x2xf32>
// CHECK-NEXT: texec.pool2d max %[[C]] kernel = [3, 3] strides = [3, 3] padding = [0, 0, 0, 0] dilations = [1, 1] outs %[[Y]] : (memref<1x4x6x6xf32>, memref<1x4x2x2xf32>) -> ()
// CHECK-NEXT: }
func.func @conv_pool(%x: tensor<1x2x6x6xf32>) -> tensor<1x4x2x2xf32> {
  %w = tessera.constant dense_resource<conv_w> : tensor<4x2x1x1xf32>
  %b = tessera.constant dense<[0.5, 1.0, 1.5, 2.0]> : tensor<4xf32>
  %c = texec.conv2d %x, %w bias %b strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 activation relu : (tensor<1x2x6x6xf32>, tensor<4x2x1x1xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  %p = texec.pool2d max %c kernel = [3, 3] strides = [3, 3] padding = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x4x6x6xf32>) -> tensor<1x4x2x2xf32>
  return %p : tensor<1x4x2x2xf32>
}
{-#
  dialect_resources: {
    builtin: {
      conv_w: "0x040000000000803F0000004000004040000080400000A0400000C0400000E04000000041"
    }
  }
#-}

// -----

// Constants read by a kernel: a small dense one is compiled into the kernel
// (arith.constant, no buffer), a dense_resource weight is a constant
// buffer. A reshape of input 1 is a view: the kernel reads input 1 with the
// view's type. The concat writes the output directly; the 2x4 sum (32
// bytes) takes one 64-byte slot.
// CHECK-LABEL: func.func private @constants_and_views(tensor<2x4xf32>, tensor<8xf32>) -> tensor<4x4xf32>
// CHECK: func.func @k0_generic(%[[A0:.*]]: memref<2x4xf32>, %[[A1:.*]]: memref<2x4xf32>, %[[OUT:.*]]: memref<2x4xf32>) {
// CHECK-NEXT: %[[T0:.*]] = bufferization.to_tensor %[[A0]] restrict : memref<2x4xf32> to tensor<2x4xf32>
// CHECK-NEXT: %[[T1:.*]] = bufferization.to_tensor %[[A1]] restrict : memref<2x4xf32> to tensor<2x4xf32>
// CHECK-NEXT: %[[C:.*]] = arith.constant dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]> : tensor<4xf32>
// CHECK-NEXT: %[[E:.*]] = tensor.empty() : tensor<2x4xf32>
// CHECK-NEXT: %[[G:.*]] = linalg.generic {{.*}} ins(%[[T0]], %[[C]], %[[T1]] : tensor<2x4xf32>, tensor<4xf32>, tensor<2x4xf32>) outs(%[[E]] : tensor<2x4xf32>)
// CHECK: bufferization.materialize_in_destination %[[G]] in restrict writable %[[OUT]]
// CHECK: func.func @k1_concat(%{{.*}}: memref<2x4xf32>, %{{.*}}: memref<2x4xf32>, %{{.*}}: memref<4x4xf32>)
// CHECK: texec.program @rank0 rank 0 arena 64 {
// CHECK-NEXT: %[[X:.*]] = texec.buffer input 0 : memref<2x4xf32>
// CHECK-NEXT: %[[V:.*]] = texec.buffer input 1 : memref<2x4xf32>
// CHECK-NEXT: %[[S:.*]] = texec.buffer arena offset 0 : memref<2x4xf32>
// CHECK-NEXT: texec.dispatch @cpu::@k0_generic(%[[X]], %[[V]], %[[S]]) : memref<2x4xf32>, memref<2x4xf32>, memref<2x4xf32>
// CHECK-NEXT: %[[BIG:.*]] = texec.buffer constant value dense_resource<blob> : tensor<2x4xf32> : memref<2x4xf32>
// CHECK-NEXT: %[[Y:.*]] = texec.buffer output 0 : memref<4x4xf32>
// CHECK-NEXT: texec.dispatch @cpu::@k1_concat(%[[S]], %[[BIG]], %[[Y]]) : memref<2x4xf32>, memref<2x4xf32>, memref<4x4xf32>
// CHECK-NEXT: }
func.func @constants_and_views(%x: tensor<2x4xf32>, %y: tensor<8xf32>) -> tensor<4x4xf32> {
  %c = tessera.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %big = tessera.constant dense_resource<blob> : tensor<2x4xf32>
  %v = tessera.reshape %y : (tensor<8xf32>) -> tensor<2x4xf32>
  %e = tensor.empty() : tensor<2x4xf32>
  %a = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x, %c, %v : tensor<2x4xf32>, tensor<4xf32>, tensor<2x4xf32>) outs(%e : tensor<2x4xf32>) {
  ^bb0(%i: f32, %j: f32, %k: f32, %out: f32):
    %s = arith.addf %i, %j : f32
    %t = arith.addf %s, %k : f32
    linalg.yield %t : f32
  } -> tensor<2x4xf32>
  %cat = tensor.concat dim(0) %a, %big : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<4x4xf32>
  return %cat : tensor<4x4xf32>
}
{-#
  dialect_resources: {
    builtin: {
      blob: "0x040000000000803F0000004000004040000080400000A0400000C0400000E04000000041"
    }
  }
#-}

// -----

// Results: the first return of a value is written in place (output 0); the
// same value returned again is copied from output 0; a reshape of it is
// output 0 seen as 4x4, copied; an input and a constant returned are copied
// from their buffers. Nothing is left in the arena.
// CHECK-LABEL: func.func private @results(tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>, tensor<4x4xf32>, tensor<16xf32>, tensor<2xf32>)
// CHECK: texec.program @rank0 rank 0 arena 0 {
// CHECK-NEXT: %[[X:.*]] = texec.buffer input 0 : memref<16xf32>
// CHECK-NEXT: %[[Y0:.*]] = texec.buffer output 0 : memref<16xf32>
// CHECK-NEXT: texec.dispatch @cpu::@k0_generic(%[[X]], %[[Y0]]) : memref<16xf32>, memref<16xf32>
// CHECK-NEXT: %[[Y1:.*]] = texec.buffer output 1 : memref<16xf32>
// CHECK-NEXT: texec.copy %[[Y0]], %[[Y1]] : memref<16xf32>, memref<16xf32>
// CHECK-NEXT: %[[Y2:.*]] = texec.buffer output 2 : memref<4x4xf32>
// CHECK-NEXT: %[[V:.*]] = texec.buffer output 0 : memref<4x4xf32>
// CHECK-NEXT: texec.copy %[[V]], %[[Y2]] : memref<4x4xf32>, memref<4x4xf32>
// CHECK-NEXT: %[[Y3:.*]] = texec.buffer output 3 : memref<16xf32>
// CHECK-NEXT: texec.copy %[[X]], %[[Y3]] : memref<16xf32>, memref<16xf32>
// CHECK-NEXT: %[[Y4:.*]] = texec.buffer output 4 : memref<2xf32>
// CHECK-NEXT: %[[C:.*]] = texec.buffer constant value dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32> : memref<2xf32>
// CHECK-NEXT: texec.copy %[[C]], %[[Y4]] : memref<2xf32>, memref<2xf32>
// CHECK-NEXT: }
func.func @results(%x: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>, tensor<4x4xf32>, tensor<16xf32>, tensor<2xf32>) {
  %e = tensor.empty() : tensor<16xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<16xf32>) outs(%e : tensor<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %y = arith.negf %in : f32
    linalg.yield %y : f32
  } -> tensor<16xf32>
  %v = tessera.reshape %r : (tensor<16xf32>) -> tensor<4x4xf32>
  %c = tessera.constant dense<[1.0, 2.0]> : tensor<2xf32>
  return %r, %r, %v, %x, %c : tensor<16xf32>, tensor<16xf32>, tensor<4x4xf32>, tensor<16xf32>, tensor<2xf32>
}

// -----

// Unsigned values after tessera-to-linalg: the cast of input 0 is a view
// (the kernel reads input 0 as i8); the result is a cast (a view) of what
// the kernel computes, so the kernel writes straight into the ui8 output,
// seen as i8: no arena, no copy.
// CHECK-LABEL: func.func private @unsigned_casts(tensor<4xui8>) -> tensor<4xui8>
// CHECK: func.func @k0_generic(%{{.*}}: memref<4xi8>, %{{.*}}: memref<4xi8>)
// CHECK: texec.program @rank0 rank 0 arena 0 {
// CHECK-NEXT: %[[X:.*]] = texec.buffer input 0 : memref<4xi8>
// CHECK-NEXT: %[[Y:.*]] = texec.buffer output 0 : memref<4xi8>
// CHECK-NEXT: texec.dispatch @cpu::@k0_generic(%[[X]], %[[Y]]) : memref<4xi8>, memref<4xi8>
// CHECK-NEXT: texec.buffer output 0 : memref<4xui8>
// CHECK-NEXT: }
func.func @unsigned_casts(%x: tensor<4xui8>) -> tensor<4xui8> {
  %0 = builtin.unrealized_conversion_cast %x : tensor<4xui8> to tensor<4xi8>
  %e = tensor.empty() : tensor<4xi8>
  %1 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%0 : tensor<4xi8>) outs(%e : tensor<4xi8>) {
  ^bb0(%in: i8, %out: i8):
    %c = arith.constant 1 : i8
    %a = arith.addi %in, %c : i8
    linalg.yield %a : i8
  } -> tensor<4xi8>
  %2 = builtin.unrealized_conversion_cast %1 : tensor<4xi8> to tensor<4xui8>
  return %2 : tensor<4xui8>
}
