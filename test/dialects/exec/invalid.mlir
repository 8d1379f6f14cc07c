// Verifier tests of the texec dialect (dialects/exec/ExecOps.cpp): every
// diagnostic its verifiers emit (programs, buffers, dispatch, copy, and the
// library calls in both forms with their shape rules and epilogues), and
// representative ODS-generated ones.

// RUN: tessera-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// texec.program
//===----------------------------------------------------------------------===//

texec.program @rank0 rank 0 arena 64 {
  // expected-error @+1 {{'arith.constant' op is not a command or a buffer of a texec.program}}
  %c = arith.constant 0 : i32
}

// -----

// 16 floats at offset 0 fit 64 bytes exactly; the second buffer ends at
// 64 + 4 bytes.
texec.program @rank0 rank 0 arena 64 {
  %a = texec.buffer arena offset 0 : memref<16xf32>
  // expected-error @+1 {{'texec.buffer' op lies beyond the arena of 64 bytes}}
  %b = texec.buffer arena offset 64 : memref<1xf32>
}

// -----

// An arena buffer with no offset, or a negative one, inside a program: the
// buffer's own error, not a check of the arena against an offset that is
// not there.
texec.program @rank0 rank 0 arena 64 {
  // expected-error @+1 {{'texec.buffer' op in the arena needs an offset that is a non-negative multiple of 64}}
  %t = texec.buffer arena : memref<32xf32>
}

// -----

texec.program @rank0 rank 0 arena 64 {
  // expected-error @+1 {{'texec.buffer' op in the arena needs an offset that is a non-negative multiple of 64}}
  %t = texec.buffer arena offset -64 : memref<4xf32>
}

// -----

// A library call on tensors inside a program: its tensor result cannot feed
// another command.
texec.program @rank0 rank 0 arena 0 {
  %x = texec.buffer input 0 : memref<1x1x4x4xf32>
  // expected-error @+1 {{'texec.pool2d' op mixes tensors and buffers}}
  %t = texec.pool2d max %x kernel = [2, 2] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] : (memref<1x1x4x4xf32>) -> tensor<1x1x2x2xf32>
}

// -----

// A command that reads a tensor: only buffers are declared in a program, so
// the tensor can only come from a library call left on tensors.
texec.program @rank0 rank 0 arena 0 {
  %x = texec.buffer input 0 : memref<1x1x4x4xf32>
  %t = texec.pool2d max %x kernel = [2, 2] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] : (memref<1x1x4x4xf32>) -> tensor<1x1x2x2xf32>
  // expected-error @+1 {{'texec.pool2d' op of a program must work on buffers}}
  %u = texec.pool2d max %t kernel = [2, 2] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x1x2x2xf32>) -> tensor<1x1x1x1xf32>
}

// -----

// expected-error @+1 {{'texec.program' op region should have no arguments}}
texec.program @rank0 rank 0 arena 0 {
^bb0(%a: memref<4xf32>):
}

// -----

//===----------------------------------------------------------------------===//
// texec.executable
//===----------------------------------------------------------------------===//

// expected-error @+1 {{'texec.executable' op region should have no arguments}}
texec.executable @cpu format "cpu_so" target "x86-64-v3" {
^bb0(%a: memref<4xf32>):
}

// -----

//===----------------------------------------------------------------------===//
// texec.buffer
//===----------------------------------------------------------------------===//

func.func @arena_without_offset() {
  // expected-error @+1 {{'texec.buffer' op in the arena needs an offset that is a non-negative multiple of 64}}
  %t = texec.buffer arena : memref<4xf32>
  return
}

// -----

func.func @arena_negative_offset() {
  // expected-error @+1 {{'texec.buffer' op in the arena needs an offset that is a non-negative multiple of 64}}
  %t = texec.buffer arena offset -64 : memref<4xf32>
  return
}

// -----

func.func @arena_unaligned_offset() {
  // expected-error @+1 {{'texec.buffer' op in the arena needs an offset that is a non-negative multiple of 64}}
  %t = texec.buffer arena offset 32 : memref<4xf32>
  return
}

// -----

func.func @constant_without_value() {
  // expected-error @+1 {{'texec.buffer' op of a constant needs its value}}
  %w = texec.buffer constant : memref<4xf32>
  return
}

// -----

func.func @constant_element_type() {
  // expected-error @+1 {{'texec.buffer' op of type 'memref<4xf32>' cannot hold a constant of type 'tensor<4xi32>'}}
  %w = texec.buffer constant value dense<1> : tensor<4xi32> : memref<4xf32>
  return
}

// -----

func.func @constant_element_count() {
  // expected-error @+1 {{'texec.buffer' op of type 'memref<2x2xf32>' cannot hold a constant of type 'tensor<5xf32>'}}
  %w = texec.buffer constant value dense<1.0> : tensor<5xf32> : memref<2x2xf32>
  return
}

// -----

func.func @input_without_index() {
  // expected-error @+1 {{'texec.buffer' op of an input or output needs its index}}
  %x = texec.buffer input : memref<4xf32>
  return
}

// -----

func.func @output_negative_index() {
  // expected-error @+1 {{'texec.buffer' op of an input or output needs its index}}
  %y = texec.buffer output -1 : memref<4xf32>
  return
}

// -----

func.func @dynamic_buffer() {
  // expected-error @+1 {{'texec.buffer' op result #0 must be statically shaped memref of any type values, but got 'memref<?xf32>'}}
  %y = texec.buffer output 0 : memref<?xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// texec.dispatch and texec.copy
//===----------------------------------------------------------------------===//

texec.executable @cpu format "cpu_so" target "x86-64-v3" {
  func.func @k(%a: memref<4xf32>, %b: memref<4xf32>) {
    return
  }
}
texec.program @rank0 rank 0 arena 64 {
  %a = texec.buffer input 0 : memref<4xf32>
  %b = texec.buffer arena offset 0 : memref<4xf32>
  // expected-error @+1 {{'texec.dispatch' op refers to no kernel function @cpu::@missing}}
  texec.dispatch @cpu::@missing(%a, %b) : memref<4xf32>, memref<4xf32>
}

// -----

// The executable itself is not a kernel function.
texec.executable @cpu format "cpu_so" target "x86-64-v3" {
}
texec.program @rank0 rank 0 arena 64 {
  %a = texec.buffer input 0 : memref<4xf32>
  // expected-error @+1 {{'texec.dispatch' op refers to no kernel function @cpu}}
  texec.dispatch @cpu(%a) : memref<4xf32>
}

// -----

texec.executable @cpu format "cpu_so" target "x86-64-v3" {
  func.func @k(%a: memref<4xf32>, %b: memref<4xf32>) {
    return
  }
}
texec.program @rank0 rank 0 arena 64 {
  %a = texec.buffer input 0 : memref<4xf32>
  %b = texec.buffer arena offset 0 : memref<2x2xf32>
  // expected-error @+1 {{'texec.dispatch' op passes 'memref<4xf32>', 'memref<2x2xf32>' to a kernel of type '(memref<4xf32>, memref<4xf32>) -> ()'}}
  texec.dispatch @cpu::@k(%a, %b) : memref<4xf32>, memref<2x2xf32>
}

// -----

// One argument too few.
texec.executable @cpu format "cpu_so" target "x86-64-v3" {
  func.func @k(%a: memref<4xf32>, %b: memref<4xf32>) {
    return
  }
}
texec.program @rank0 rank 0 arena 64 {
  %a = texec.buffer input 0 : memref<4xf32>
  // expected-error @+1 {{'texec.dispatch' op passes 'memref<4xf32>' to a kernel of type '(memref<4xf32>, memref<4xf32>) -> ()'}}
  texec.dispatch @cpu::@k(%a) : memref<4xf32>
}

// -----

// A kernel writes its arguments and returns nothing.
texec.executable @cpu format "cpu_so" target "x86-64-v3" {
  func.func @k(%a: memref<4xf32>) -> memref<4xf32> {
    return %a : memref<4xf32>
  }
}
texec.program @rank0 rank 0 arena 64 {
  %a = texec.buffer input 0 : memref<4xf32>
  // expected-error @+1 {{'texec.dispatch' op passes 'memref<4xf32>' to a kernel of type '(memref<4xf32>) -> memref<4xf32>'}}
  texec.dispatch @cpu::@k(%a) : memref<4xf32>
}

// -----

func.func @copy_sizes(%a: memref<4xf32>, %b: memref<4xf16>) {
  // expected-error @+1 {{'texec.copy' op copies between buffers of different sizes}}
  texec.copy %a, %b : memref<4xf32>, memref<4xf16>
  return
}

// -----

//===----------------------------------------------------------------------===//
// texec.matmul
//===----------------------------------------------------------------------===//

func.func @matmul_result_and_outs(%x: memref<2x3xf32>, %w: memref<3x4xf32>, %o: memref<2x4xf32>) {
  // expected-error @+1 {{'texec.matmul' op has either a result (on tensors) or `outs` (on buffers), not both or neither}}
  %y = texec.matmul %x, %w outs %o : (memref<2x3xf32>, memref<3x4xf32>, memref<2x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @matmul_neither(%x: memref<2x3xf32>, %w: memref<3x4xf32>) {
  // expected-error @+1 {{'texec.matmul' op has either a result (on tensors) or `outs` (on buffers), not both or neither}}
  texec.matmul %x, %w : (memref<2x3xf32>, memref<3x4xf32>) -> ()
  return
}

// -----

func.func @matmul_tensor_and_buffer(%x: tensor<2x3xf32>, %w: memref<3x4xf32>) {
  // expected-error @+1 {{'texec.matmul' op mixes tensors and buffers}}
  %y = texec.matmul %x, %w : (tensor<2x3xf32>, memref<3x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @matmul_tensor_bias_on_buffers(%x: memref<2x3xf32>, %w: memref<3x4xf32>, %b: tensor<4xf32>, %o: memref<2x4xf32>) {
  // expected-error @+1 {{'texec.matmul' op mixes tensors and buffers}}
  texec.matmul %x, %w bias %b outs %o : (memref<2x3xf32>, memref<3x4xf32>, tensor<4xf32>, memref<2x4xf32>) -> ()
  return
}

// -----

func.func @matmul_outs_tensor(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>, %o: tensor<2x4xf32>) {
  // expected-error @+1 {{'texec.matmul' op operand #2 must be statically shaped memref of any type values, but got 'tensor<2x4xf32>'}}
  texec.matmul %x, %w outs %o : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<2x4xf32>) -> ()
  return
}

// -----

func.func @matmul_result_shape(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>) {
  // expected-error @+1 {{'texec.matmul' op computes 2x4 but its result is 4x2}}
  %y = texec.matmul %x, %w : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<4x2xf32>
  return
}

// -----

func.func @matmul_outs_shape(%x: memref<2x3xf32>, %w: memref<3x4xf32>, %o: memref<2x5xf32>) {
  // expected-error @+1 {{'texec.matmul' op computes 2x4 but its result is 2x5}}
  texec.matmul %x, %w outs %o : (memref<2x3xf32>, memref<3x4xf32>, memref<2x5xf32>) -> ()
  return
}

// -----

// Without the flag the operands fit (3x4 x 4x3); transposed, K differs.
func.func @matmul_transpose_rhs_k(%x: tensor<3x4xf32>, %w: tensor<4x3xf32>) {
  // expected-error @+1 {{contracting dimensions differ: lhs 3x4 has K = 4, rhs 3x4 has K = 3}}
  %y = texec.matmul %x, %w transpose_rhs : (tensor<3x4xf32>, tensor<4x3xf32>) -> tensor<3x3xf32>
  return
}

// -----

// transpose_lhs swaps the last two dimensions of lhs only: 2x5x3 is read as
// 2x3x5, so the result is 2x3x4, not 2x5x4.
func.func @matmul_transpose_lhs_shape(%x: tensor<2x5x3xf32>, %w: tensor<5x4xf32>) {
  // expected-error @+1 {{'texec.matmul' op computes 2x3x4 but its result is 2x5x4}}
  %y = texec.matmul %x, %w transpose_lhs : (tensor<2x5x3xf32>, tensor<5x4xf32>) -> tensor<2x5x4xf32>
  return
}

// -----

func.func @matmul_rank1(%x: tensor<3xf32>, %w: tensor<3x4xf32>) {
  // expected-error @+1 {{expects operands of rank 2 or more, got 3 and 3x4}}
  %y = texec.matmul %x, %w : (tensor<3xf32>, tensor<3x4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @matmul_batch(%x: tensor<2x2x3xf32>, %w: tensor<3x3x4xf32>) {
  // expected-error @+1 {{shapes 2, 3 do not broadcast}}
  %y = texec.matmul %x, %w : (tensor<2x2x3xf32>, tensor<3x3x4xf32>) -> tensor<3x2x4xf32>
  return
}

// -----

func.func @matmul_bias_shape(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>, %b: tensor<2xf32>) {
  // expected-error @+1 {{'texec.matmul' op expects a bias of shape 4, got 2}}
  %y = texec.matmul %x, %w bias %b : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<2xf32>) -> tensor<2x4xf32>
  return
}

// -----

// The bias is a vector: a 1x4 bias is not accepted even though it would
// broadcast.
func.func @matmul_bias_rank(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>, %b: tensor<1x4xf32>) {
  // expected-error @+1 {{'texec.matmul' op expects a bias of shape 4, got 1x4}}
  %y = texec.matmul %x, %w bias %b : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<1x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @matmul_residual_shape(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>, %r: tensor<1x4xf32>) {
  // expected-error @+1 {{'texec.matmul' op expects a residual of the result's shape 2x4}}
  %y = texec.matmul %x, %w residual %r : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<1x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @matmul_residual_shape_buffers(%x: memref<2x3xf32>, %w: memref<3x4xf32>, %r: memref<4x2xf32>, %o: memref<2x4xf32>) {
  // expected-error @+1 {{'texec.matmul' op expects a residual of the result's shape 2x4}}
  texec.matmul %x, %w residual %r outs %o : (memref<2x3xf32>, memref<3x4xf32>, memref<4x2xf32>, memref<2x4xf32>) -> ()
  return
}

// -----

func.func @matmul_dynamic(%x: tensor<?x3xf32>, %w: tensor<3x4xf32>) {
  // expected-error @+1 {{'texec.matmul' op operand #0 must be statically shaped tensor of any type values or statically shaped memref of any type values, but got 'tensor<?x3xf32>'}}
  %y = texec.matmul %x, %w : (tensor<?x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @matmul_activation(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>) {
  // expected-error @+1 {{custom op 'texec.matmul' expected string or keyword containing one of the following enum values for attribute 'activation' [none, relu, gelu_erf, gelu_tanh, sigmoid, silu]}}
  %y = texec.matmul %x, %w activation tanh : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// texec.conv2d
//===----------------------------------------------------------------------===//

func.func @conv2d_neither(%x: memref<1x2x5x5xf32>, %w: memref<4x2x3x3xf32>) {
  // expected-error @+1 {{'texec.conv2d' op has either a result (on tensors) or `outs` (on buffers), not both or neither}}
  texec.conv2d %x, %w strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (memref<1x2x5x5xf32>, memref<4x2x3x3xf32>) -> ()
  return
}

// -----

func.func @conv2d_mixed(%x: tensor<1x2x5x5xf32>, %w: tensor<4x2x3x3xf32>, %o: memref<1x4x3x3xf32>) {
  // expected-error @+1 {{'texec.conv2d' op mixes tensors and buffers}}
  texec.conv2d %x, %w strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 outs %o : (tensor<1x2x5x5xf32>, tensor<4x2x3x3xf32>, memref<1x4x3x3xf32>) -> ()
  return
}

// -----

// Stride 2 gives 2x2, not 3x3.
func.func @conv2d_result_shape(%x: tensor<1x2x5x5xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error @+1 {{'texec.conv2d' op computes 1x4x2x2 but its result is 1x4x3x3}}
  %y = texec.conv2d %x, %w strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x2x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x3x3xf32>
  return
}

// -----

func.func @conv2d_channels(%x: tensor<1x3x5x5xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error @+1 {{input has 3 channels but weight expects 2 x 1 groups = 2}}
  %y = texec.conv2d %x, %w strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x3x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x3x3xf32>
  return
}

// -----

func.func @conv2d_groups(%x: tensor<1x4x5x5xf32>, %w: tensor<3x2x3x3xf32>) {
  // expected-error @+1 {{expects the 3 filters to be a multiple of groups = 2}}
  %y = texec.conv2d %x, %w strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 2 : (tensor<1x4x5x5xf32>, tensor<3x2x3x3xf32>) -> tensor<1x3x3x3xf32>
  return
}

// -----

func.func @conv2d_rank(%x: tensor<2x5x5xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error @+1 {{expects input of rank 4 (N, C, H, W), got 2x5x5}}
  %y = texec.conv2d %x, %w strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<2x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x3x3xf32>
  return
}

// -----

func.func @conv2d_window(%x: tensor<1x2x2x2xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error @+1 {{window of extent 3 does not fit the padded height dimension of size 2}}
  %y = texec.conv2d %x, %w strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x2x2x2xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x1x1xf32>
  return
}

// -----

// The bias has one value per filter (dimension 1 of the result).
func.func @conv2d_bias_shape(%x: tensor<1x2x5x5xf32>, %w: tensor<4x2x3x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{'texec.conv2d' op expects a bias of shape 4, got 3}}
  %y = texec.conv2d %x, %w bias %b strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x2x5x5xf32>, tensor<4x2x3x3xf32>, tensor<3xf32>) -> tensor<1x4x3x3xf32>
  return
}

// -----

func.func @conv2d_bias_per_channel(%x: tensor<1x2x5x5xf32>, %w: tensor<4x2x3x3xf32>, %b: tensor<4x1x1xf32>) {
  // expected-error @+1 {{'texec.conv2d' op expects a bias of shape 4, got 4x1x1}}
  %y = texec.conv2d %x, %w bias %b strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x2x5x5xf32>, tensor<4x2x3x3xf32>, tensor<4x1x1xf32>) -> tensor<1x4x3x3xf32>
  return
}

// -----

func.func @conv2d_residual_shape(%x: tensor<1x2x5x5xf32>, %w: tensor<4x2x3x3xf32>, %r: tensor<1x4x1x1xf32>) {
  // expected-error @+1 {{'texec.conv2d' op expects a residual of the result's shape 1x4x3x3}}
  %y = texec.conv2d %x, %w residual %r strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x2x5x5xf32>, tensor<4x2x3x3xf32>, tensor<1x4x1x1xf32>) -> tensor<1x4x3x3xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// texec.pool2d
//===----------------------------------------------------------------------===//

func.func @pool2d_both(%x: memref<1x1x4x4xf32>, %o: memref<1x1x2x2xf32>) {
  // expected-error @+1 {{'texec.pool2d' op has either a result (on tensors) or `outs` (on buffers), not both or neither}}
  %y = texec.pool2d max %x kernel = [2, 2] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] outs %o : (memref<1x1x4x4xf32>, memref<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
  return
}

// -----

func.func @pool2d_mixed(%x: tensor<1x1x4x4xf32>, %o: memref<1x1x2x2xf32>) {
  // expected-error @+1 {{'texec.pool2d' op mixes tensors and buffers}}
  texec.pool2d max %x kernel = [2, 2] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] outs %o : (tensor<1x1x4x4xf32>, memref<1x1x2x2xf32>) -> ()
  return
}

// -----

// The result follows the floor formula: padding already holds what ceil
// mode would add, 5x5 with kernel 2 and stride 2 gives 2x2.
func.func @pool2d_result_shape(%x: tensor<1x1x5x5xf32>) {
  // expected-error @+1 {{'texec.pool2d' op computes 1x1x2x2 but its result is 1x1x3x3}}
  %y = texec.pool2d max %x kernel = [2, 2] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x1x5x5xf32>) -> tensor<1x1x3x3xf32>
  return
}

// -----

func.func @pool2d_outs_shape(%x: memref<1x1x4x4xf32>, %o: memref<1x2x2x2xf32>) {
  // expected-error @+1 {{'texec.pool2d' op computes 1x1x2x2 but its result is 1x2x2x2}}
  texec.pool2d average %x kernel = [2, 2] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] outs %o : (memref<1x1x4x4xf32>, memref<1x2x2x2xf32>) -> ()
  return
}

// -----

func.func @pool2d_padding(%x: tensor<1x1x4x4xf32>) {
  // expected-error @+1 {{expects padding smaller than the kernel, got padding [0, 0, 2, 0] for kernel [2, 2]}}
  %y = texec.pool2d max %x kernel = [2, 2] strides = [2, 2] padding = [0, 0, 2, 0] dilations = [1, 1] : (tensor<1x1x4x4xf32>) -> tensor<1x1x3x2xf32>
  return
}

// -----

func.func @pool2d_kernel_count(%x: tensor<1x1x4x4xf32>) {
  // expected-error @+1 {{expects 2 kernel values, got 1}}
  %y = texec.pool2d max %x kernel = [2] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32>
  return
}

// -----

func.func @pool2d_rank(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{expects input of rank 4 (N, C, H, W), got 4x4}}
  %y = texec.pool2d max %x kernel = [2, 2] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] : (tensor<4x4xf32>) -> tensor<2x2xf32>
  return
}

// -----

func.func @pool2d_kind(%x: tensor<1x1x4x4xf32>) {
  // expected-error @+1 {{custom op 'texec.pool2d' expected string or keyword containing one of the following enum values for attribute 'kind' [max, average]}}
  %y = texec.pool2d min %x kernel = [2, 2] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32>
  return
}
