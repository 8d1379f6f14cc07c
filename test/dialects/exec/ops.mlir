// Round-trip tests of every texec op (dialects/exec/ExecOps.td): each is
// parsed from its custom syntax, printed, and parsed again, also through the
// generic form, with every optional part present and absent: the executable
// and its kernels, a program with buffers of each storage kind (arena,
// constant inline and dense_resource, input, output), dispatch and copy, and
// the library calls (matmul, conv2d, pool2d) on tensors and on buffers
// (`outs`), with transpose flags, bias, residual and each activation.

// RUN: tessera-opt %s | FileCheck %s
// RUN: tessera-opt %s | tessera-opt | FileCheck %s
// RUN: tessera-opt %s --mlir-print-op-generic | tessera-opt | FileCheck %s

// An executable holds kernels on memrefs; format and target are strings.
// CHECK-LABEL: texec.executable @cpu format "cpu_so" target "x86-64-v3" {
// CHECK-NEXT:    func.func @relu_0(%[[A:arg[0-9]+]]: memref<4x8xf32>, %[[B:arg[0-9]+]]: memref<4x8xf32>) {
// CHECK-NEXT:      return
// CHECK-NEXT:    }
// CHECK-NEXT:    func.func @add_1(%{{.*}}: memref<4x8xf32>, %{{.*}}: memref<8xf32>, %{{.*}}: memref<4x8xf32>) {
// CHECK-NEXT:      return
// CHECK-NEXT:    }
// CHECK-NEXT:  }
texec.executable @cpu format "cpu_so" target "x86-64-v3" {
  func.func @relu_0(%a: memref<4x8xf32>, %b: memref<4x8xf32>) {
    return
  }
  func.func @add_1(%a: memref<4x8xf32>, %b: memref<8xf32>, %c: memref<4x8xf32>) {
    return
  }
}

// An executable with extra attributes (attr-dict-with-keyword) and no
// kernels.
// CHECK-LABEL: texec.executable @other format "cpu_so" target "x86-64-v4" attributes {note = "empty"} {
// CHECK-NEXT:  }
texec.executable @other format "cpu_so" target "x86-64-v4" attributes {note = "empty"} {
}

// A program: buffers of every storage kind, dispatches (nested symbol
// references into the executable) and a copy, in order.
// CHECK-LABEL: texec.program @rank0 rank 0 arena 4096 {
// CHECK-NEXT:    %[[X:.*]] = texec.buffer input 0 : memref<4x8xf32>
// CHECK-NEXT:    %[[B:.*]] = texec.buffer constant value dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00, 5.000000e+00, 6.000000e+00, 7.000000e+00, 8.000000e+00]> : tensor<8xf32> : memref<8xf32>
// CHECK-NEXT:    %[[W:.*]] = texec.buffer constant value dense_resource<fc1> : tensor<2x2xf32> : memref<4xf32>
// CHECK-NEXT:    %[[S:.*]] = texec.buffer constant value dense<5.000000e-01> : tensor<8x8xf32> : memref<8x8xf32>
// CHECK-NEXT:    %[[T:.*]] = texec.buffer arena offset 0 : memref<4x8xf32>
// CHECK-NEXT:    %[[U:.*]] = texec.buffer arena offset 128 : memref<4x8xf32>
// CHECK-NEXT:    %[[Y:.*]] = texec.buffer output 0 : memref<4x8xf32>
// CHECK-NEXT:    %[[Z:.*]] = texec.buffer output 1 : memref<32xf32>
// CHECK-NEXT:    texec.dispatch @cpu::@relu_0(%[[X]], %[[T]]) : memref<4x8xf32>, memref<4x8xf32>
// CHECK-NEXT:    texec.dispatch @cpu::@add_1(%[[T]], %[[B]], %[[U]]) : memref<4x8xf32>, memref<8xf32>, memref<4x8xf32>
// CHECK-NEXT:    texec.matmul %[[U]], %[[S]] transpose_rhs activation silu outs %[[Y]] : (memref<4x8xf32>, memref<8x8xf32>, memref<4x8xf32>) -> ()
// CHECK-NEXT:    texec.copy %[[U]], %[[Z]] : memref<4x8xf32>, memref<32xf32>
// CHECK-NEXT:  }
texec.program @rank0 rank 0 arena 4096 {
  %x = texec.buffer input 0 : memref<4x8xf32>
  %b = texec.buffer constant value dense<[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]> : tensor<8xf32> : memref<8xf32>
  %w = texec.buffer constant value dense_resource<fc1> : tensor<2x2xf32> : memref<4xf32>
  %s = texec.buffer constant value dense<0.5> : tensor<8x8xf32> : memref<8x8xf32>
  %t = texec.buffer arena offset 0 : memref<4x8xf32>
  %u = texec.buffer arena offset 128 : memref<4x8xf32>
  %y = texec.buffer output 0 : memref<4x8xf32>
  %z = texec.buffer output 1 : memref<32xf32>
  texec.dispatch @cpu::@relu_0(%x, %t) : memref<4x8xf32>, memref<4x8xf32>
  texec.dispatch @cpu::@add_1(%t, %b, %u) : memref<4x8xf32>, memref<8xf32>, memref<4x8xf32>
  texec.matmul %u, %s transpose_rhs activation silu outs %y : (memref<4x8xf32>, memref<8x8xf32>, memref<4x8xf32>) -> ()
  texec.copy %u, %z : memref<4x8xf32>, memref<32xf32>
}

// An empty program of another rank, with no arena and extra attributes.
// CHECK-LABEL: texec.program @rank1 rank 1 arena 0 attributes {note = "idle"} {
// CHECK-NEXT:  }
texec.program @rank1 rank 1 arena 0 attributes {note = "idle"} {
}

// Library calls on tensors: one result, no `outs`. Matmul with no epilogue,
// each transpose flag, bias, residual, and each activation; the default
// activation (none) is not printed.
// CHECK-LABEL: func.func @matmul_tensors(
// CHECK-SAME:      %[[X:arg[0-9]+]]: tensor<8x16xf32>, %[[W:arg[0-9]+]]: tensor<32x16xf32>, %[[XT:arg[0-9]+]]: tensor<16x8xf32>, %[[B:arg[0-9]+]]: tensor<32xf32>, %[[R:arg[0-9]+]]: tensor<8x32xf32>, %[[V:arg[0-9]+]]: tensor<2x1x8x16xf32>, %[[M:arg[0-9]+]]: tensor<3x16x32xf32>)
// CHECK-NEXT:    %{{.*}} = texec.matmul %[[X]], %[[XT]] : (tensor<8x16xf32>, tensor<16x8xf32>) -> tensor<8x8xf32>{{$}}
// CHECK-NEXT:    %{{.*}} = texec.matmul %[[X]], %[[W]] transpose_rhs : (tensor<8x16xf32>, tensor<32x16xf32>) -> tensor<8x32xf32>{{$}}
// CHECK-NEXT:    %{{.*}} = texec.matmul %[[XT]], %[[W]] transpose_lhs transpose_rhs bias %[[B]] residual %[[R]] activation relu : (tensor<16x8xf32>, tensor<32x16xf32>, tensor<32xf32>, tensor<8x32xf32>) -> tensor<8x32xf32>{{$}}
// CHECK-NEXT:    %{{.*}} = texec.matmul %[[X]], %[[W]] transpose_rhs bias %[[B]] activation gelu_erf : (tensor<8x16xf32>, tensor<32x16xf32>, tensor<32xf32>) -> tensor<8x32xf32>{{$}}
// CHECK-NEXT:    %{{.*}} = texec.matmul %[[X]], %[[W]] transpose_rhs residual %[[R]] activation gelu_tanh : (tensor<8x16xf32>, tensor<32x16xf32>, tensor<8x32xf32>) -> tensor<8x32xf32>{{$}}
// CHECK-NEXT:    %{{.*}} = texec.matmul %[[X]], %[[W]] transpose_rhs activation sigmoid : (tensor<8x16xf32>, tensor<32x16xf32>) -> tensor<8x32xf32>{{$}}
// CHECK-NEXT:    %{{.*}} = texec.matmul %[[X]], %[[W]] transpose_rhs activation silu : (tensor<8x16xf32>, tensor<32x16xf32>) -> tensor<8x32xf32>{{$}}
// CHECK-NEXT:    %{{.*}} = texec.matmul %[[V]], %[[M]] bias %[[B]] : (tensor<2x1x8x16xf32>, tensor<3x16x32xf32>, tensor<32xf32>) -> tensor<2x3x8x32xf32>{{$}}
// CHECK-NEXT:    return
func.func @matmul_tensors(%x: tensor<8x16xf32>, %w: tensor<32x16xf32>, %xt: tensor<16x8xf32>, %b: tensor<32xf32>, %r: tensor<8x32xf32>, %v: tensor<2x1x8x16xf32>, %m: tensor<3x16x32xf32>) {
  %0 = texec.matmul %x, %xt : (tensor<8x16xf32>, tensor<16x8xf32>) -> tensor<8x8xf32>
  %1 = texec.matmul %x, %w transpose_rhs activation none : (tensor<8x16xf32>, tensor<32x16xf32>) -> tensor<8x32xf32>
  %2 = texec.matmul %xt, %w transpose_lhs transpose_rhs bias %b residual %r activation relu : (tensor<16x8xf32>, tensor<32x16xf32>, tensor<32xf32>, tensor<8x32xf32>) -> tensor<8x32xf32>
  %3 = texec.matmul %x, %w transpose_rhs bias %b activation gelu_erf : (tensor<8x16xf32>, tensor<32x16xf32>, tensor<32xf32>) -> tensor<8x32xf32>
  %4 = texec.matmul %x, %w transpose_rhs residual %r activation gelu_tanh : (tensor<8x16xf32>, tensor<32x16xf32>, tensor<8x32xf32>) -> tensor<8x32xf32>
  %5 = texec.matmul %x, %w transpose_rhs activation sigmoid : (tensor<8x16xf32>, tensor<32x16xf32>) -> tensor<8x32xf32>
  %6 = texec.matmul %x, %w transpose_rhs activation silu : (tensor<8x16xf32>, tensor<32x16xf32>) -> tensor<8x32xf32>
  %7 = texec.matmul %v, %m bias %b : (tensor<2x1x8x16xf32>, tensor<3x16x32xf32>, tensor<32xf32>) -> tensor<2x3x8x32xf32>
  return
}

// The same on buffers: `outs` and no result.
// CHECK-LABEL: func.func @matmul_buffers(
// CHECK-SAME:      %[[X:arg[0-9]+]]: memref<8x16xf32>, %[[W:arg[0-9]+]]: memref<32x16xf32>, %[[B:arg[0-9]+]]: memref<32xf32>, %[[R:arg[0-9]+]]: memref<8x32xf32>, %[[O:arg[0-9]+]]: memref<8x32xf32>)
// CHECK-NEXT:    texec.matmul %[[X]], %[[W]] transpose_rhs outs %[[O]] : (memref<8x16xf32>, memref<32x16xf32>, memref<8x32xf32>) -> (){{$}}
// CHECK-NEXT:    texec.matmul %[[X]], %[[W]] transpose_rhs bias %[[B]] residual %[[R]] activation gelu_tanh outs %[[O]] : (memref<8x16xf32>, memref<32x16xf32>, memref<32xf32>, memref<8x32xf32>, memref<8x32xf32>) -> (){{$}}
// CHECK-NEXT:    return
func.func @matmul_buffers(%x: memref<8x16xf32>, %w: memref<32x16xf32>, %b: memref<32xf32>, %r: memref<8x32xf32>, %o: memref<8x32xf32>) {
  texec.matmul %x, %w transpose_rhs outs %o : (memref<8x16xf32>, memref<32x16xf32>, memref<8x32xf32>) -> ()
  texec.matmul %x, %w transpose_rhs bias %b residual %r activation gelu_tanh outs %o : (memref<8x16xf32>, memref<32x16xf32>, memref<32xf32>, memref<8x32xf32>, memref<8x32xf32>) -> ()
  return
}

// Convolutions: plain, grouped with stride, padding and dilation, with a
// bias (one value per filter), a residual and an activation; on tensors and
// on buffers.
// CHECK-LABEL: func.func @conv2d(
// CHECK-SAME:      %[[X:arg[0-9]+]]: tensor<1x4x8x8xf32>, %[[W:arg[0-9]+]]: tensor<6x4x3x3xf32>, %[[WG:arg[0-9]+]]: tensor<6x2x3x3xf32>, %[[B:arg[0-9]+]]: tensor<6xf32>, %[[R:arg[0-9]+]]: tensor<1x6x6x6xf32>, %[[XB:arg[0-9]+]]: memref<1x4x8x8xf32>, %[[WB:arg[0-9]+]]: memref<6x4x3x3xf32>, %[[BB:arg[0-9]+]]: memref<6xf32>, %[[OB:arg[0-9]+]]: memref<1x6x6x6xf32>)
// CHECK-NEXT:    %{{.*}} = texec.conv2d %[[X]], %[[W]] strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>{{$}}
// CHECK-NEXT:    %{{.*}} = texec.conv2d %[[X]], %[[WG]] bias %[[B]] strides = [2, 1] padding = [1, 2, 1, 0] dilations = [1, 2] groups = 2 activation sigmoid : (tensor<1x4x8x8xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>) -> tensor<1x6x4x6xf32>{{$}}
// CHECK-NEXT:    %{{.*}} = texec.conv2d %[[X]], %[[W]] bias %[[B]] residual %[[R]] strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 activation relu : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>, tensor<6xf32>, tensor<1x6x6x6xf32>) -> tensor<1x6x6x6xf32>{{$}}
// CHECK-NEXT:    texec.conv2d %[[XB]], %[[WB]] bias %[[BB]] strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 activation gelu_erf outs %[[OB]] : (memref<1x4x8x8xf32>, memref<6x4x3x3xf32>, memref<6xf32>, memref<1x6x6x6xf32>) -> (){{$}}
// CHECK-NEXT:    return
func.func @conv2d(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>, %wg: tensor<6x2x3x3xf32>, %b: tensor<6xf32>, %r: tensor<1x6x6x6xf32>, %xb: memref<1x4x8x8xf32>, %wb: memref<6x4x3x3xf32>, %bb: memref<6xf32>, %ob: memref<1x6x6x6xf32>) {
  %0 = texec.conv2d %x, %w strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x6x6xf32>
  %1 = texec.conv2d %x, %wg bias %b strides = [2, 1] padding = [1, 2, 1, 0] dilations = [1, 2] groups = 2 activation sigmoid : (tensor<1x4x8x8xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>) -> tensor<1x6x4x6xf32>
  %2 = texec.conv2d %x, %w bias %b residual %r strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 activation relu : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>, tensor<6xf32>, tensor<1x6x6x6xf32>) -> tensor<1x6x6x6xf32>
  texec.conv2d %xb, %wb bias %bb strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 activation gelu_erf outs %ob : (memref<1x4x8x8xf32>, memref<6x4x3x3xf32>, memref<6xf32>, memref<1x6x6x6xf32>) -> ()
  return
}

// Pooling: max and average, with and without count_include_pad, on tensors
// and on buffers.
// CHECK-LABEL: func.func @pool2d(
// CHECK-SAME:      %[[X:arg[0-9]+]]: tensor<1x2x7x7xf32>, %[[XB:arg[0-9]+]]: memref<1x2x7x7xf32>, %[[OB:arg[0-9]+]]: memref<1x2x4x4xf32>)
// CHECK-NEXT:    %{{.*}} = texec.pool2d max %[[X]] kernel = [3, 3] strides = [2, 2] padding = [1, 1, 1, 1] dilations = [1, 1] : (tensor<1x2x7x7xf32>) -> tensor<1x2x4x4xf32>{{$}}
// CHECK-NEXT:    %{{.*}} = texec.pool2d average %[[X]] kernel = [2, 3] strides = [1, 2] padding = [0, 1, 1, 0] dilations = [2, 1] count_include_pad : (tensor<1x2x7x7xf32>) -> tensor<1x2x6x3xf32>{{$}}
// CHECK-NEXT:    texec.pool2d average %[[XB]] kernel = [3, 3] strides = [2, 2] padding = [1, 1, 1, 1] dilations = [1, 1] outs %[[OB]] : (memref<1x2x7x7xf32>, memref<1x2x4x4xf32>) -> (){{$}}
// CHECK-NEXT:    return
func.func @pool2d(%x: tensor<1x2x7x7xf32>, %xb: memref<1x2x7x7xf32>, %ob: memref<1x2x4x4xf32>) {
  %0 = texec.pool2d max %x kernel = [3, 3] strides = [2, 2] padding = [1, 1, 1, 1] dilations = [1, 1] : (tensor<1x2x7x7xf32>) -> tensor<1x2x4x4xf32>
  %1 = texec.pool2d average %x kernel = [2, 3] strides = [1, 2] padding = [0, 1, 1, 0] dilations = [2, 1] count_include_pad : (tensor<1x2x7x7xf32>) -> tensor<1x2x6x3xf32>
  texec.pool2d average %xb kernel = [3, 3] strides = [2, 2] padding = [1, 1, 1, 1] dilations = [1, 1] outs %ob : (memref<1x2x7x7xf32>, memref<1x2x4x4xf32>) -> ()
  return
}

{-#
  dialect_resources: {
    builtin: {
      fc1: "0x040000000000803F000000400000404000008040"
    }
  }
#-}
