// RUN: tessera-opt %s --tessera-test-cost-model -split-input-file -verify-diagnostics -o /dev/null

// Tests the CostModelOpInterface of every tessera op: the test pass prints
// each op's FLOPs and bytes as a remark, and -verify-diagnostics fails on any
// missing or unexpected remark, so every op in this file must have one.
//
// Conventions (CostModel.h, TesseraCostModel.cpp, TesseraOps.td):
//  - pointwise ops: flopsPerElement (from TesseraOps.td) per result element:
//    1 for neg, abs, relu, logical_*, add, sub, mul, div, max, min, compare,
//    where, cast; 2 for sqrt, rsqrt, clip; 4 for exp, log; 6 for tanh, erf,
//    sigmoid; 7 for silu; 8 for pow; 10 for gelu;
//  - a multiply-add is 2 operations; an add, a comparison or a max is 1;
//  - bytes: every operand read once and every result written once, with
//    element sizes f16/bf16 2, f32 4, f64 8, i1/i8/ui8 1, i16 2, i32/ui32 4,
//    i64 8; except constants (0: their consumers read them), reshape (0: a
//    view), slice and gather (read only the elements they keep).
//
// Every expectation is `expected-remark-re` ending in `{{$}}` so that it
// matches the whole message: a plain substring match would accept
// `bytes = 480` for `bytes = 48`.
//
// The expected numbers were derived by hand, not copied from the tool.

//===----------------------------------------------------------------------===//
// Elementwise unary ops on 2x3 (6 elements): bytes = 2 * 6 * element size.
//===----------------------------------------------------------------------===//

func.func @unary(%i8: tensor<2x3xi8>, %i64: tensor<2x3xi64>,
                 %f16: tensor<2x3xf16>, %bf16: tensor<2x3xbf16>,
                 %f64: tensor<2x3xf64>, %f: tensor<2x3xf32>,
                 %u8: tensor<2x3xui8>, %b: tensor<2x3xi1>,
                 %i16: tensor<2x3xi16>, %s: tensor<f32>) {
  // 1*6; (6+6)*1
  // expected-remark-re @below {{cost: flops = 6, bytes = 12{{$}}}}
  %0 = tessera.neg %i8 : tensor<2x3xi8>
  // 1*6; (6+6)*8
  // expected-remark-re @below {{cost: flops = 6, bytes = 96{{$}}}}
  %1 = tessera.abs %i64 : tensor<2x3xi64>
  // 4*6; (6+6)*2
  // expected-remark-re @below {{cost: flops = 24, bytes = 24{{$}}}}
  %2 = tessera.exp %f16 : tensor<2x3xf16>
  // 4*6; (6+6)*2
  // expected-remark-re @below {{cost: flops = 24, bytes = 24{{$}}}}
  %3 = tessera.log %bf16 : tensor<2x3xbf16>
  // 2*6; (6+6)*8
  // expected-remark-re @below {{cost: flops = 12, bytes = 96{{$}}}}
  %4 = tessera.sqrt %f64 : tensor<2x3xf64>
  // 2*6; (6+6)*4
  // expected-remark-re @below {{cost: flops = 12, bytes = 48{{$}}}}
  %5 = tessera.rsqrt %f : tensor<2x3xf32>
  // 6*6; 48
  // expected-remark-re @below {{cost: flops = 36, bytes = 48{{$}}}}
  %6 = tessera.tanh %f : tensor<2x3xf32>
  // expected-remark-re @below {{cost: flops = 36, bytes = 48{{$}}}}
  %7 = tessera.erf %f : tensor<2x3xf32>
  // expected-remark-re @below {{cost: flops = 36, bytes = 48{{$}}}}
  %8 = tessera.sigmoid %f : tensor<2x3xf32>
  // 1*6; (6+6)*1
  // expected-remark-re @below {{cost: flops = 6, bytes = 12{{$}}}}
  %9 = tessera.relu %u8 : tensor<2x3xui8>
  // 7*6; 48
  // expected-remark-re @below {{cost: flops = 42, bytes = 48{{$}}}}
  %10 = tessera.silu %f : tensor<2x3xf32>
  // 1*6; i1 counts one byte: 6+6
  // expected-remark-re @below {{cost: flops = 6, bytes = 12{{$}}}}
  %11 = tessera.logical_not %b : tensor<2x3xi1>
  // 10*6; 48 (either approximation)
  // expected-remark-re @below {{cost: flops = 60, bytes = 48{{$}}}}
  %12 = tessera.gelu %f : tensor<2x3xf32>
  // expected-remark-re @below {{cost: flops = 60, bytes = 48{{$}}}}
  %13 = tessera.gelu %f approximate = tanh : tensor<2x3xf32>
  // 2*6; (6+6)*2
  // expected-remark-re @below {{cost: flops = 12, bytes = 24{{$}}}}
  %14 = tessera.clip %i16 min = 0.0 max = 6.0 : tensor<2x3xi16>
  // Rank 0: 1 element. 4*1; (1+1)*4
  // expected-remark-re @below {{cost: flops = 4, bytes = 8{{$}}}}
  %15 = tessera.exp %s : tensor<f32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Elementwise binary ops: flops count result elements (after broadcasting);
// bytes count each operand at its own (unbroadcast) size.
//===----------------------------------------------------------------------===//

func.func @binary(%a48: tensor<4x8xf32>, %a8: tensor<8xf32>,
                  %a418: tensor<4x1x8xf32>, %a31: tensor<3x1xf32>,
                  %u23: tensor<2x3xui32>, %s: tensor<f32>,
                  %a23: tensor<2x3xf32>, %a15: tensor<1x5xf32>,
                  %i23: tensor<2x3xi32>, %i31: tensor<3x1xi16>,
                  %i14: tensor<1x4xi16>, %b23: tensor<2x3xi1>,
                  %b41: tensor<4x1xi1>, %b4: tensor<4xi1>) {
  // 32 results; (32+8+32)*4 = 288
  // expected-remark-re @below {{cost: flops = 32, bytes = 288{{$}}}}
  %0 = tessera.add %a48, %a8 : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  // 4x3x8 = 96 results; (32+3+96)*4 = 524
  // expected-remark-re @below {{cost: flops = 96, bytes = 524{{$}}}}
  %1 = tessera.sub %a418, %a31 : (tensor<4x1x8xf32>, tensor<3x1xf32>) -> tensor<4x3x8xf32>
  // 6; (6+6+6)*4 = 72
  // expected-remark-re @below {{cost: flops = 6, bytes = 72{{$}}}}
  %2 = tessera.mul %u23, %u23 : (tensor<2x3xui32>, tensor<2x3xui32>) -> tensor<2x3xui32>
  // 6; (1+6+6)*4 = 52
  // expected-remark-re @below {{cost: flops = 6, bytes = 52{{$}}}}
  %3 = tessera.div %s, %a23 : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  // 8*5 = 40; (5+5+5)*4 = 60
  // expected-remark-re @below {{cost: flops = 40, bytes = 60{{$}}}}
  %4 = tessera.pow %a15, %a15 : (tensor<1x5xf32>, tensor<1x5xf32>) -> tensor<1x5xf32>
  // 6; (6+6+6)*4 = 72
  // expected-remark-re @below {{cost: flops = 6, bytes = 72{{$}}}}
  %5 = tessera.max %i23, %i23 : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32>
  // 3x4 = 12; (3+4+12)*2 = 38
  // expected-remark-re @below {{cost: flops = 12, bytes = 38{{$}}}}
  %6 = tessera.min %i31, %i14 : (tensor<3x1xi16>, tensor<1x4xi16>) -> tensor<3x4xi16>
  // 6; 6+6+6 = 18
  // expected-remark-re @below {{cost: flops = 6, bytes = 18{{$}}}}
  %7 = tessera.logical_and %b23, %b23 : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
  // 4x4 = 16; 4+4+16 = 24
  // expected-remark-re @below {{cost: flops = 16, bytes = 24{{$}}}}
  %8 = tessera.logical_or %b41, %b4 : (tensor<4x1xi1>, tensor<4xi1>) -> tensor<4x4xi1>
  // expected-remark-re @below {{cost: flops = 6, bytes = 18{{$}}}}
  %9 = tessera.logical_xor %b23, %b23 : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
  return
}

// -----

//===----------------------------------------------------------------------===//
// compare, where, cast.
//===----------------------------------------------------------------------===//

func.func @compare_where_cast(%x: tensor<4x8xf32>, %y: tensor<1x8xf32>,
                              %l: tensor<2x3xi64>, %c: tensor<1x1x5x6xi1>,
                              %t: tensor<2x3x5x6xf32>, %f: tensor<f32>,
                              %a: tensor<2x3xf32>, %b: tensor<2x3xi1>) {
  // 32; 32*4 + 8*4 + 32*1 (i1 result) = 192
  // expected-remark-re @below {{cost: flops = 32, bytes = 192{{$}}}}
  %0 = tessera.compare lt, %x, %y : (tensor<4x8xf32>, tensor<1x8xf32>) -> tensor<4x8xi1>
  // 6; 6*8 + 6*8 + 6*1 = 102
  // expected-remark-re @below {{cost: flops = 6, bytes = 102{{$}}}}
  %1 = tessera.compare eq, %l, %l : (tensor<2x3xi64>, tensor<2x3xi64>) -> tensor<2x3xi1>
  // 2*3*5*6 = 180; 30*1 + 180*4 + 1*4 + 180*4 = 1474
  // expected-remark-re @below {{cost: flops = 180, bytes = 1474{{$}}}}
  %2 = tessera.where %c, %t, %f : (tensor<1x1x5x6xi1>, tensor<2x3x5x6xf32>, tensor<f32>) -> tensor<2x3x5x6xf32>
  // 6; 6*4 + 6*2 = 36
  // expected-remark-re @below {{cost: flops = 6, bytes = 36{{$}}}}
  %3 = tessera.cast %a : tensor<2x3xf32> to tensor<2x3xf16>
  // 6; 6*4 + 6*1 = 30
  // expected-remark-re @below {{cost: flops = 6, bytes = 30{{$}}}}
  %4 = tessera.cast %a : tensor<2x3xf32> to tensor<2x3xi1>
  // 6; 6*1 + 6*8 = 54
  // expected-remark-re @below {{cost: flops = 6, bytes = 54{{$}}}}
  %5 = tessera.cast %b : tensor<2x3xi1> to tensor<2x3xf64>
  return
}

// -----

//===----------------------------------------------------------------------===//
// constant: free (its consumers read it).
//===----------------------------------------------------------------------===//

func.func @constant() {
  // expected-remark-re @below {{cost: flops = 0, bytes = 0{{$}}}}
  %0 = tessera.constant dense<1.0> : tensor<2x3xf32>
  // expected-remark-re @below {{cost: flops = 0, bytes = 0{{$}}}}
  %1 = tessera.constant dense<1.0e-05> : tensor<f32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// matmul: one multiply-add (2) per output element and K.
//===----------------------------------------------------------------------===//

func.func @matmul(%a23: tensor<2x3xf32>, %b34: tensor<3x4xf32>,
                  %a523: tensor<5x2x3xf32>, %b534: tensor<5x3x4xf32>,
                  %a6123: tensor<6x1x2x3xf16>, %b534h: tensor<5x3x4xf16>,
                  %c23: tensor<2x3xi8>, %c34: tensor<3x4xi8>) {
  // 2*M*N*K = 2*2*4*3 = 48; bytes = (6+12+8)*4 = 104
  // expected-remark-re @below {{cost: flops = 48, bytes = 104{{$}}}}
  %0 = tessera.matmul %a23, %b34 : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  // 2*B*M*N*K = 2*5*2*4*3 = 240; (30+60+40)*4 = 520
  // expected-remark-re @below {{cost: flops = 240, bytes = 520{{$}}}}
  %1 = tessera.matmul %a523, %b534 : (tensor<5x2x3xf32>, tensor<5x3x4xf32>) -> tensor<5x2x4xf32>
  // Broadcast batch 6x5: 2*(6*5*2*4)*3 = 1440; (36+60+240)*2 = 672
  // expected-remark-re @below {{cost: flops = 1440, bytes = 672{{$}}}}
  %2 = tessera.matmul %a6123, %b534h : (tensor<6x1x2x3xf16>, tensor<5x3x4xf16>) -> tensor<6x5x2x4xf16>
  // Rank-2 lhs, batched rhs: 2*(5*2*4)*3 = 240; (6+60+40)*4 = 424
  // expected-remark-re @below {{cost: flops = 240, bytes = 424{{$}}}}
  %3 = tessera.matmul %a23, %b534 : (tensor<2x3xf32>, tensor<5x3x4xf32>) -> tensor<5x2x4xf32>
  // Integer: 48; (6+12+8)*1 = 26
  // expected-remark-re @below {{cost: flops = 48, bytes = 26{{$}}}}
  %4 = tessera.matmul %c23, %c34 : (tensor<2x3xi8>, tensor<3x4xi8>) -> tensor<2x4xi8>
  return
}

// -----

//===----------------------------------------------------------------------===//
// conv2d: each output sums C/groups * KH * KW products (2 each), plus one
// add per output for the bias.
//===----------------------------------------------------------------------===//

func.func @conv2d(%x: tensor<2x3x10x8xf32>, %w: tensor<4x3x3x2xf32>,
                  %b: tensor<4xf32>, %xg: tensor<1x4x5x4xf32>,
                  %wg: tensor<6x2x3x2xf32>, %bg: tensor<6xf32>,
                  %xd: tensor<2x3x6x6xf32>, %wd: tensor<3x1x3x3xf32>,
                  %xs: tensor<1x3x8x8xf32>, %ws: tensor<2x3x3x3xf32>,
                  %wm: tensor<6x1x3x3xf32>, %bm: tensor<6xf32>) {
  // Output 2x4x8x7 = 448; 2*448*(3*3*2) + 448 = 16128 + 448 = 16576;
  // bytes = (480 + 72 + 4 + 448)*4 = 4016
  // expected-remark-re @below {{cost: flops = 16576, bytes = 4016{{$}}}}
  %0 = tessera.conv2d %x, %w, %b strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<2x3x10x8xf32>, tensor<4x3x3x2xf32>, tensor<4xf32>) -> tensor<2x4x8x7xf32>
  // No bias: 16128; (480 + 72 + 448)*4 = 4000
  // expected-remark-re @below {{cost: flops = 16128, bytes = 4000{{$}}}}
  %1 = tessera.conv2d %x, %w strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<2x3x10x8xf32>, tensor<4x3x3x2xf32>) -> tensor<2x4x8x7xf32>
  // groups = 2: output 1x6x3x3 = 54, C/groups = 2: 2*54*(2*3*2) + 54 = 1350;
  // (80 + 72 + 6 + 54)*4 = 848
  // expected-remark-re @below {{cost: flops = 1350, bytes = 848{{$}}}}
  %2 = tessera.conv2d %xg, %wg, %bg strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 2 : (tensor<1x4x5x4xf32>, tensor<6x2x3x2xf32>, tensor<6xf32>) -> tensor<1x6x3x3xf32>
  // Depthwise: output 2x3x4x4 = 96; 2*96*(1*3*3) = 1728;
  // (216 + 27 + 96)*4 = 1356
  // expected-remark-re @below {{cost: flops = 1728, bytes = 1356{{$}}}}
  %3 = tessera.conv2d %xd, %wd strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 3 : (tensor<2x3x6x6xf32>, tensor<3x1x3x3xf32>) -> tensor<2x3x4x4xf32>
  // Depthwise with channel multiplier 2 and bias, stride 2: output
  // 2x6x2x2 = 48, C/groups = 1: 2*48*(1*3*3) + 48 = 912;
  // (216 + 54 + 6 + 48)*4 = 1296
  // expected-remark-re @below {{cost: flops = 912, bytes = 1296{{$}}}}
  %5 = tessera.conv2d %xd, %wm, %bm strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 3 : (tensor<2x3x6x6xf32>, tensor<6x1x3x3xf32>, tensor<6xf32>) -> tensor<2x6x2x2xf32>
  // Strided and padded: HO = WO = (8+2-3)/2+1 = 4, output 1x2x4x4 = 32;
  // 2*32*27 = 1728; (192 + 54 + 32)*4 = 1112
  // expected-remark-re @below {{cost: flops = 1728, bytes = 1112{{$}}}}
  %4 = tessera.conv2d %xs, %ws strides = [2, 2] padding = [1, 1, 1, 1] dilations = [1, 1] groups = 1 : (tensor<1x3x8x8xf32>, tensor<2x3x3x3xf32>) -> tensor<1x2x4x4xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Pooling: one operation per window element per output (the average adds a
// division per output); global pooling one per input element (the average
// one division per output).
//===----------------------------------------------------------------------===//

func.func @pool(%x: tensor<2x3x8x6xf32>, %y: tensor<1x4x7x5xf32>,
                %g: tensor<2x3x5x4xf32>, %gi: tensor<2x3x5x4xi32>) {
  // Output 2x3x4x3 = 72, kernel 3*2 = 6: 432; (288 + 72)*4 = 1440
  // expected-remark-re @below {{cost: flops = 432, bytes = 1440{{$}}}}
  %0 = tessera.max_pool2d %x kernel = [3, 2] strides = [1, 2] padding = [0, 0, 0, 0] dilations = [2, 1] : (tensor<2x3x8x6xf32>) -> tensor<2x3x4x3xf32>
  // Output 1x4x4x3 = 48: 48*(9+1) = 480; (140 + 48)*4 = 752
  // expected-remark-re @below {{cost: flops = 480, bytes = 752{{$}}}}
  %1 = tessera.avg_pool2d %y kernel = [3, 3] strides = [2, 2] padding = [1, 1, 1, 1] dilations = [1, 1] : (tensor<1x4x7x5xf32>) -> tensor<1x4x4x3xf32>
  // 120 + 6 = 126; (120 + 6)*4 = 504
  // expected-remark-re @below {{cost: flops = 126, bytes = 504{{$}}}}
  %2 = tessera.global_avg_pool2d %g : (tensor<2x3x5x4xf32>) -> tensor<2x3x1x1xf32>
  // 120; (120 + 6)*4 = 504
  // expected-remark-re @below {{cost: flops = 120, bytes = 504{{$}}}}
  %3 = tessera.global_max_pool2d %gi : (tensor<2x3x5x4xi32>) -> tensor<2x3x1x1xi32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Normalization.
//===----------------------------------------------------------------------===//

func.func @norm(%x: tensor<2x3x4x5xf32>, %p: tensor<3xf32>,
                %y: tensor<2x3x4xf32>, %s34: tensor<3x4xf32>, %s4: tensor<4xf32>,
                %h: tensor<2x3x4xf16>, %h4: tensor<4xf16>) {
  // batch_norm: y = x*a + b is 2 per element (120); per channel (3),
  // a = scale * rsqrt(var + eps) is add 1 + rsqrt 2 + mul 1 and
  // b = bias - mean*a is 2: 2*120 + 6*3 = 258; (120 + 4*3 + 120)*4 = 1008
  // expected-remark-re @below {{cost: flops = 258, bytes = 1008{{$}}}}
  %0 = tessera.batch_norm %x, %p, %p, %p, %p epsilon = 1.0e-05 : (tensor<2x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4x5xf32>
  // layer_norm with bias: 7 per element: 7*24 = 168; (24+12+12+24)*4 = 288
  // expected-remark-re @below {{cost: flops = 168, bytes = 288{{$}}}}
  %1 = tessera.layer_norm %y, %s34, %s34 axis = 1 epsilon = 1.0e-05 : (tensor<2x3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<2x3x4xf32>
  // Without bias: 6*24 = 144; (24+4+24)*4 = 208
  // expected-remark-re @below {{cost: flops = 144, bytes = 208{{$}}}}
  %2 = tessera.layer_norm %y, %s4 axis = 2 epsilon = 1.0e-05 : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  // rms_norm: 4 per element: 96; (24+4+24)*2 = 104
  // expected-remark-re @below {{cost: flops = 96, bytes = 104{{$}}}}
  %3 = tessera.rms_norm %h, %h4 axis = 2 epsilon = 1.0e-06 : (tensor<2x3x4xf16>, tensor<4xf16>) -> tensor<2x3x4xf16>
  // softmax: max 1 + sub 1 + exp 4 + sum 1 + div 1 = 8 per element: 192;
  // (24+24)*4 = 192
  // expected-remark-re @below {{cost: flops = 192, bytes = 192{{$}}}}
  %4 = tessera.softmax %y axis = 1 : tensor<2x3x4xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Reductions: one operation per input element; the mean one division more
// per output element. keepdims changes no count.
//===----------------------------------------------------------------------===//

func.func @reduce(%x: tensor<2x3x4xf32>, %xi: tensor<2x3x4xi32>) {
  // 24; (24 + 8)*4 = 128
  // expected-remark-re @below {{cost: flops = 24, bytes = 128{{$}}}}
  %0 = tessera.reduce_sum %x axes = [1] : (tensor<2x3x4xf32>) -> tensor<2x4xf32>
  // expected-remark-re @below {{cost: flops = 24, bytes = 128{{$}}}}
  %1 = tessera.reduce_sum %x axes = [1] keepdims : (tensor<2x3x4xf32>) -> tensor<2x1x4xf32>
  // 24 + 3 = 27; (24 + 3)*4 = 108
  // expected-remark-re @below {{cost: flops = 27, bytes = 108{{$}}}}
  %2 = tessera.reduce_mean %x axes = [0, 2] : (tensor<2x3x4xf32>) -> tensor<3xf32>
  // expected-remark-re @below {{cost: flops = 27, bytes = 108{{$}}}}
  %3 = tessera.reduce_mean %x axes = [0, 2] keepdims : (tensor<2x3x4xf32>) -> tensor<1x3x1xf32>
  // 24; (24 + 6)*4 = 120
  // expected-remark-re @below {{cost: flops = 24, bytes = 120{{$}}}}
  %4 = tessera.reduce_max %x axes = [2] : (tensor<2x3x4xf32>) -> tensor<2x3xf32>
  // expected-remark-re @below {{cost: flops = 24, bytes = 120{{$}}}}
  %5 = tessera.reduce_max %x axes = [2] keepdims : (tensor<2x3x4xf32>) -> tensor<2x3x1xf32>
  // 24; (24 + 1)*4 = 100
  // expected-remark-re @below {{cost: flops = 24, bytes = 100{{$}}}}
  %6 = tessera.reduce_min %xi axes = [0, 1, 2] : (tensor<2x3x4xi32>) -> tensor<i32>
  // expected-remark-re @below {{cost: flops = 24, bytes = 100{{$}}}}
  %7 = tessera.reduce_min %xi axes = [0, 1, 2] keepdims : (tensor<2x3x4xi32>) -> tensor<1x1x1xi32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Data movement: no arithmetic. reshape is a view (no bytes).
//===----------------------------------------------------------------------===//

func.func @reshape(%a: tensor<2x3x4xf32>, %b: tensor<6x4xf32>,
                   %d: tensor<2x3xf32>) {
  // expected-remark-re @below {{cost: flops = 0, bytes = 0{{$}}}}
  %0 = tessera.reshape %a : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  // expected-remark-re @below {{cost: flops = 0, bytes = 0{{$}}}}
  %1 = tessera.reshape %b : (tensor<6x4xf32>) -> tensor<2x3x4xf32>
  // expected-remark-re @below {{cost: flops = 0, bytes = 0{{$}}}}
  %2 = tessera.reshape %d : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return
}

// -----

func.func @transpose_broadcast(%a: tensor<2x3x4xf32>, %b: tensor<3xf32>,
                               %c: tensor<1x3xf32>) {
  // (24 + 24)*4 = 192
  // expected-remark-re @below {{cost: flops = 0, bytes = 192{{$}}}}
  %0 = tessera.transpose %a permutation = [2, 0, 1] : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  // (3 + 6)*4 = 36
  // expected-remark-re @below {{cost: flops = 0, bytes = 36{{$}}}}
  %1 = tessera.broadcast %b : (tensor<3xf32>) -> tensor<2x3xf32>
  // (3 + 12)*4 = 60
  // expected-remark-re @below {{cost: flops = 0, bytes = 60{{$}}}}
  %2 = tessera.broadcast %c : (tensor<1x3xf32>) -> tensor<4x3xf32>
  // (3 + 24)*4 = 108
  // expected-remark-re @below {{cost: flops = 0, bytes = 108{{$}}}}
  %3 = tessera.broadcast %c : (tensor<1x3xf32>) -> tensor<2x4x3xf32>
  return
}

// -----

func.func @concat_split(%a: tensor<2x3xf32>, %b: tensor<2x5xf32>,
                        %p: tensor<1x4xf32>, %q: tensor<2x4xf32>,
                        %r: tensor<3x4xf32>, %x: tensor<2x6x4xf32>) {
  // (6 + 10 + 16)*4 = 128
  // expected-remark-re @below {{cost: flops = 0, bytes = 128{{$}}}}
  %0 = tessera.concat %a, %b axis = 1 : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
  // (4 + 8 + 12 + 24)*4 = 192
  // expected-remark-re @below {{cost: flops = 0, bytes = 192{{$}}}}
  %1 = tessera.concat %p, %q, %r axis = 0 : (tensor<1x4xf32>, tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<6x4xf32>
  // (48 + 8 + 16 + 24)*4 = 384
  // expected-remark-re @below {{cost: flops = 0, bytes = 384{{$}}}}
  %2:3 = tessera.split %x axis = 1 sizes = [1, 2, 3] : (tensor<2x6x4xf32>) -> (tensor<2x1x4xf32>, tensor<2x2x4xf32>, tensor<2x3x4xf32>)
  return
}

// -----

//===----------------------------------------------------------------------===//
// slice reads only the elements it keeps: bytes = 2 * result bytes.
//===----------------------------------------------------------------------===//

func.func @slice(%x: tensor<4x8xf32>, %y: tensor<3x5xf32>) {
  // 2*32*4 = 256
  // expected-remark-re @below {{cost: flops = 0, bytes = 256{{$}}}}
  %0 = tessera.slice %x starts = [0, 0] limits = [4, 8] steps = [1, 1] : (tensor<4x8xf32>) -> tensor<4x8xf32>
  // 2*16*4 = 128
  // expected-remark-re @below {{cost: flops = 0, bytes = 128{{$}}}}
  %1 = tessera.slice %x starts = [0, 1] limits = [4, 8] steps = [1, 2] : (tensor<4x8xf32>) -> tensor<4x4xf32>
  // 2*15*4 = 120
  // expected-remark-re @below {{cost: flops = 0, bytes = 120{{$}}}}
  %2 = tessera.slice %y starts = [2, 0] limits = [-1, 5] steps = [-1, 1] : (tensor<3x5xf32>) -> tensor<3x5xf32>
  // 2*5*4 = 40
  // expected-remark-re @below {{cost: flops = 0, bytes = 40{{$}}}}
  %3 = tessera.slice %y starts = [0, 0] limits = [1, 5] steps = [1, 1] : (tensor<3x5xf32>) -> tensor<1x5xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// gather reads the indices and only the rows it picks:
// bytes = indices bytes + 2 * result bytes.
//===----------------------------------------------------------------------===//

func.func @gather(%t: tensor<10x6xf32>, %ids: tensor<2x3xi64>,
                  %d: tensor<4x10x6xf32>, %ids5: tensor<5xi32>,
                  %m: tensor<4x10xf32>, %id: tensor<i64>) {
  // 6*8 + 2*36*4 = 48 + 288 = 336
  // expected-remark-re @below {{cost: flops = 0, bytes = 336{{$}}}}
  %0 = tessera.gather %t, %ids axis = 0 : (tensor<10x6xf32>, tensor<2x3xi64>) -> tensor<2x3x6xf32>
  // 5*4 + 2*120*4 = 20 + 960 = 980
  // expected-remark-re @below {{cost: flops = 0, bytes = 980{{$}}}}
  %1 = tessera.gather %d, %ids5 axis = 1 : (tensor<4x10x6xf32>, tensor<5xi32>) -> tensor<4x5x6xf32>
  // 8 + 2*4*4 = 40
  // expected-remark-re @below {{cost: flops = 0, bytes = 40{{$}}}}
  %2 = tessera.gather %m, %id axis = 1 : (tensor<4x10xf32>, tensor<i64>) -> tensor<4xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// pad reads its input and writes its result.
//===----------------------------------------------------------------------===//

func.func @pad(%x: tensor<2x3xf32>, %y: tensor<1x3x8x6xf32>, %z: tensor<4x5xf32>) {
  // (6 + 6)*4 = 48
  // expected-remark-re @below {{cost: flops = 0, bytes = 48{{$}}}}
  %0 = tessera.pad %x low = [0, 0] high = [0, 0] mode = constant value = 0.0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // (144 + 240)*4 = 1536
  // expected-remark-re @below {{cost: flops = 0, bytes = 1536{{$}}}}
  %1 = tessera.pad %y low = [0, 0, 1, 0] high = [0, 0, 1, 2] mode = reflect value = 0.0 : (tensor<1x3x8x6xf32>) -> tensor<1x3x10x8xf32>
  // (20 + 30)*4 = 200
  // expected-remark-re @below {{cost: flops = 0, bytes = 200{{$}}}}
  %2 = tessera.pad %z low = [2, 0] high = [0, 0] mode = edge value = 0.0 : (tensor<4x5xf32>) -> tensor<6x5xf32>
  // (20 + 35)*4 = 220
  // expected-remark-re @below {{cost: flops = 0, bytes = 220{{$}}}}
  %3 = tessera.pad %z low = [1, 0] high = [2, 0] mode = constant value = 1.5 : (tensor<4x5xf32>) -> tensor<7x5xf32>
  return
}
