// RUN: tessera-opt %s --tessera-print-cost=top=2 -o /dev/null 2>&1 | FileCheck %s --check-prefix=TOP2
// RUN: tessera-opt %s --tessera-print-cost -o /dev/null 2>&1 | FileCheck %s

// The tessera-print-cost pass (passes/graph/PrintCost.cpp): per function, the
// op count (constants included), total FLOPs and bytes, then the op kinds by
// decreasing FLOPs (ties by name), at most `top` of them (5 by default; the
// TOP2 run lists 2), with their share of the FLOPs. Every number is derived
// by hand from the cost model (TesseraCostModel.cpp, flopsPerElement in
// TesseraOps.td): matmul 2 * M * N * K, pointwise ops flopsPerElement per
// result element, softmax 8 per element, layer_norm 7 per element with a
// bias, reduce_mean one per input element plus one per result element; bytes
// read plus written (f32 is 4 bytes), constants and reshapes cost nothing.
// Counts of 1000 and more print with a decimal SI prefix and two decimals.

// A 2-layer MLP, 32x784 -> 256 -> 10:
//   matmul 1: 2 * 32 * 256 * 784 = 12845056 FLOPs,
//             (32*784 + 784*256 + 32*256) * 4 = 935936 bytes
//   add 1:    32 * 256 = 8192 FLOPs, (8192 + 256 + 8192) * 4 = 66560 bytes
//   relu:     8192 FLOPs, 8192 * 2 * 4 = 65536 bytes
//   matmul 2: 2 * 32 * 10 * 256 = 163840 FLOPs,
//             (32*256 + 256*10 + 32*10) * 4 = 44288 bytes
//   add 2:    320 FLOPs, (320 + 10 + 320) * 4 = 2600 bytes
//   softmax:  8 * 320 = 2560 FLOPs, 320 * 2 * 4 = 2560 bytes
//   4 constants: 0 FLOPs, 0 bytes
// Total: 10 ops, 13028160 FLOPs (13.03 M), 1117480 bytes (1.12 M).
// By kind: matmul 13008896 (99.85%), add 8512 (0.07%), relu 8192 (0.06%),
// softmax 2560 (0.02%), constant 0.
// CHECK-LABEL: func @mlp: 10 ops, 13028160 FLOPs (13.03 MFLOP), 1117480 bytes (1.12 MB)
// CHECK-NEXT: {{^}}  tessera.matmul                  2 ops   13.01 MFLOP  ( 99.9%)
// CHECK-NEXT: {{^}}  tessera.add                     2 ops    8.51 KFLOP  (  0.1%)
// CHECK-NEXT: {{^}}  tessera.relu                    1 ops    8.19 KFLOP  (  0.1%)
// CHECK-NEXT: {{^}}  tessera.softmax                 1 ops    2.56 KFLOP  (  0.0%)
// CHECK-NEXT: {{^}}  tessera.constant                4 ops        0 FLOP  (  0.0%)
// CHECK-NOT: tessera.
// TOP2-LABEL: func @mlp: 10 ops, 13028160 FLOPs (13.03 MFLOP), 1117480 bytes (1.12 MB)
// TOP2-NEXT: {{^}}  tessera.matmul                  2 ops   13.01 MFLOP  ( 99.9%)
// TOP2-NEXT: {{^}}  tessera.add                     2 ops    8.51 KFLOP  (  0.1%)
// TOP2-NOT: tessera.
func.func @mlp(%x: tensor<32x784xf32>) -> tensor<32x10xf32> {
  %w1 = tessera.constant dense_resource<fc1_weight> : tensor<784x256xf32>
  %b1 = tessera.constant dense_resource<fc1_bias> : tensor<256xf32>
  %w2 = tessera.constant dense_resource<fc2_weight> : tensor<256x10xf32>
  %b2 = tessera.constant dense_resource<fc2_bias> : tensor<10xf32>
  %0 = tessera.matmul %x, %w1 : (tensor<32x784xf32>, tensor<784x256xf32>) -> tensor<32x256xf32>
  %1 = tessera.add %0, %b1 : (tensor<32x256xf32>, tensor<256xf32>) -> tensor<32x256xf32>
  %2 = tessera.relu %1 : tensor<32x256xf32>
  %3 = tessera.matmul %2, %w2 : (tensor<32x256xf32>, tensor<256x10xf32>) -> tensor<32x10xf32>
  %4 = tessera.add %3, %b2 : (tensor<32x10xf32>, tensor<10xf32>) -> tensor<32x10xf32>
  %5 = tessera.softmax %4 axis = 1 : tensor<32x10xf32>
  return %5 : tensor<32x10xf32>
}

// A transformer-style block on 2x16x64 (2048 elements, 8192 bytes):
//   layer_norm (bias): 7 * 2048 = 14336 FLOPs, 8192 + 256 + 256 + 8192 = 16896 bytes
//   gelu:              10 * 2048 = 20480 FLOPs, 8192 * 2 = 16384 bytes
//   reduce_mean [2]:   2048 + 32 = 2080 FLOPs, 8192 + 128 = 8320 bytes
//   sub:               2048 FLOPs, 8192 + 128 + 8192 = 16512 bytes
//   transpose:         0 FLOPs, 16384 bytes
//   reshape:           0 FLOPs, 0 bytes (a view)
// Total: 6 ops, 38944 FLOPs (38.94 K), 74496 bytes (74.50 K). The sixth
// kind (transpose, after reshape by name among the zero-FLOP kinds) is not
// listed.
// CHECK-LABEL: func @block: 6 ops, 38944 FLOPs (38.94 KFLOP), 74496 bytes (74.50 KB)
// CHECK-NEXT: {{^}}  tessera.gelu                    1 ops   20.48 KFLOP  ( 52.6%)
// CHECK-NEXT: {{^}}  tessera.layer_norm              1 ops   14.34 KFLOP  ( 36.8%)
// CHECK-NEXT: {{^}}  tessera.reduce_mean             1 ops    2.08 KFLOP  (  5.3%)
// CHECK-NEXT: {{^}}  tessera.sub                     1 ops    2.05 KFLOP  (  5.3%)
// CHECK-NEXT: {{^}}  tessera.reshape                 1 ops        0 FLOP  (  0.0%)
// CHECK-NOT: tessera.
// TOP2-LABEL: func @block: 6 ops, 38944 FLOPs (38.94 KFLOP), 74496 bytes (74.50 KB)
// TOP2-NEXT: {{^}}  tessera.gelu                    1 ops   20.48 KFLOP  ( 52.6%)
// TOP2-NEXT: {{^}}  tessera.layer_norm              1 ops   14.34 KFLOP  ( 36.8%)
// TOP2-NOT: tessera.
func.func @block(%x: tensor<2x16x64xf32>, %g: tensor<64xf32>, %b: tensor<64xf32>) -> tensor<2x1024xf32> {
  %0 = tessera.layer_norm %x, %g, %b axis = 2 epsilon = 1.0e-05 : (tensor<2x16x64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<2x16x64xf32>
  %1 = tessera.gelu %0 : tensor<2x16x64xf32>
  %2 = tessera.reduce_mean %1 axes = [2] keepdims : (tensor<2x16x64xf32>) -> tensor<2x16x1xf32>
  %3 = tessera.sub %1, %2 : (tensor<2x16x64xf32>, tensor<2x16x1xf32>) -> tensor<2x16x64xf32>
  %4 = tessera.transpose %3 permutation = [0, 2, 1] : (tensor<2x16x64xf32>) -> tensor<2x64x16xf32>
  %5 = tessera.reshape %4 : (tensor<2x64x16xf32>) -> tensor<2x1024xf32>
  return %5 : tensor<2x1024xf32>
}

// Small counts print without a prefix; a function without tessera ops has 0
// of everything and lists nothing.
//   exp of 10 f32: 4 * 10 = 40 FLOPs, 80 bytes.
// CHECK-LABEL: func @small: 1 ops, 40 FLOPs (40 FLOP), 80 bytes (80 B)
// TOP2-LABEL: func @small: 1 ops, 40 FLOPs (40 FLOP), 80 bytes (80 B)
// CHECK-NEXT: {{^}}  tessera.exp                     1 ops       40 FLOP  (100.0%)
// CHECK-NOT: tessera.
// CHECK-LABEL: func @empty: 0 ops, 0 FLOPs (0 FLOP), 0 bytes (0 B)
// CHECK-NOT: tessera.
func.func @small(%x: tensor<10xf32>) -> tensor<10xf32> {
  %0 = tessera.exp %x : tensor<10xf32>
  return %0 : tensor<10xf32>
}

func.func @empty(%x: tensor<10xf32>) -> tensor<10xf32> {
  return %x : tensor<10xf32>
}

// 999999 FLOPs are 999.999 K, which rounds to 1.00 M at two decimals: the
// prefix is chosen after rounding, never "1000.00 K".
//   neg of 999999 f32: 999999 FLOPs, 7999992 bytes (8.00 M)
// CHECK-LABEL: func @almost_mega: 1 ops, 999999 FLOPs (1.00 MFLOP), 7999992 bytes (8.00 MB)
// CHECK-NEXT: {{^}}  tessera.neg                     1 ops    1.00 MFLOP  (100.0%)
// CHECK-NOT: tessera.
func.func @almost_mega(%x: tensor<999999xf32>) -> tensor<999999xf32> {
  %0 = tessera.neg %x : tensor<999999xf32>
  return %0 : tensor<999999xf32>
}
