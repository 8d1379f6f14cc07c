// RUN: tessera-opt %s --tessera-optimize-collectives -split-input-file | FileCheck %s
// RUN: tessera-opt %s --tessera-optimize-collectives=combine-bytes=0 -split-input-file | FileCheck %s --check-prefix=NOCOMBINE

// tessera-optimize-collectives (passes/collectives): all_reduce then a
// block of the sum is a reduce_scatter; reshards that undo themselves go;
// small independent all_reduces are combined.

// CHECK-LABEL: func.func @reduce_scatter(
// CHECK-SAME: %[[P:.*]]: tensor<8x16xf32>
// CHECK-NEXT: %[[S:.*]] = dist.reduce_scatter %[[P]] axes = ["tp"] dim = 0 kind = sum : (tensor<8x16xf32>) -> tensor<4x16xf32>
// CHECK-NEXT: return %[[S]]
module attributes {dist.mesh = #dist.mesh<["dp" = 2, "tp" = 2]>} {
func.func @reduce_scatter(%p: tensor<8x16xf32>) -> tensor<4x16xf32> {
  %r = dist.all_reduce %p axes = ["tp"] kind = sum : tensor<8x16xf32>
  %s = dist.local_shard %r to <{"tp"}, {}> : (tensor<8x16xf32>) -> tensor<4x16xf32>
  return %s : tensor<4x16xf32>
}
}

// -----

// Reduced over dp and tp, kept block over tp: scatter over tp, then the
// smaller all_reduce over dp.
// CHECK-LABEL: func.func @scatter_then_reduce(
// CHECK: %[[S:.*]] = dist.reduce_scatter %{{.*}} axes = ["tp"] dim = 1 kind = max : (tensor<8x16xf32>) -> tensor<8x8xf32>
// CHECK: dist.all_reduce %[[S]] axes = ["dp"] kind = max : tensor<8x8xf32>
module attributes {dist.mesh = #dist.mesh<["dp" = 2, "tp" = 2]>} {
func.func @scatter_then_reduce(%p: tensor<8x16xf32>) -> tensor<8x8xf32> {
  %r = dist.all_reduce %p axes = ["dp", "tp"] kind = max : tensor<8x16xf32>
  %s = dist.local_shard %r to <{}, {"tp"}> : (tensor<8x16xf32>) -> tensor<8x8xf32>
  return %s : tensor<8x8xf32>
}
}

// -----

// Not when the sum is used elsewhere too, nor for a block over an axis that
// was not reduced (and these are too large to combine).
// CHECK-LABEL: func.func @kept(
// CHECK: dist.all_reduce
// CHECK: dist.local_shard
// CHECK: dist.all_reduce
// CHECK: dist.local_shard
// CHECK-NOT: reduce_scatter
module attributes {dist.mesh = #dist.mesh<["dp" = 2, "tp" = 2]>} {
func.func @kept(%p: tensor<128x256xf32>) -> (tensor<64x256xf32>, tensor<128x256xf32>, tensor<64x256xf32>) {
  %r = dist.all_reduce %p axes = ["tp"] kind = sum : tensor<128x256xf32>
  %s = dist.local_shard %r to <{"tp"}, {}> : (tensor<128x256xf32>) -> tensor<64x256xf32>
  %r2 = dist.all_reduce %p axes = ["tp"] kind = sum : tensor<128x256xf32>
  %s2 = dist.local_shard %r2 to <{"dp"}, {}> : (tensor<128x256xf32>) -> tensor<64x256xf32>
  return %s, %r, %s2 : tensor<64x256xf32>, tensor<128x256xf32>, tensor<64x256xf32>
}
}

// -----

// A gather and a block of it over the same axes cancel, both ways.
// CHECK-LABEL: func.func @cancel(
// CHECK-SAME: %[[X:.*]]: tensor<4x8xf32>, %[[W:.*]]: tensor<8x8xf32>
// CHECK-NOT: dist.
// CHECK: return %[[X]], %[[W]]
module attributes {dist.mesh = #dist.mesh<["tp" = 2]>} {
func.func @cancel(%x: tensor<4x8xf32>, %w: tensor<8x8xf32>) -> (tensor<4x8xf32>, tensor<8x8xf32>) {
  %g = dist.all_gather %x axes = ["tp"] dim = 1 : (tensor<4x8xf32>) -> tensor<4x16xf32>
  %s = dist.local_shard %g to <{}, {"tp"}> : (tensor<4x16xf32>) -> tensor<4x8xf32>
  %b = dist.local_shard %w to <{"tp"}, {}> : (tensor<8x8xf32>) -> tensor<4x8xf32>
  %w2 = dist.all_gather %b axes = ["tp"] dim = 0 : (tensor<4x8xf32>) -> tensor<8x8xf32>
  return %s, %w2 : tensor<4x8xf32>, tensor<8x8xf32>
}
}

// -----

// Not when the block is along another dimension.
// CHECK-LABEL: func.func @no_cancel(
// CHECK: dist.all_gather
// CHECK: dist.local_shard
module attributes {dist.mesh = #dist.mesh<["tp" = 2]>} {
func.func @no_cancel(%x: tensor<4x8xf32>) -> tensor<2x16xf32> {
  %g = dist.all_gather %x axes = ["tp"] dim = 1 : (tensor<4x8xf32>) -> tensor<4x16xf32>
  %s = dist.local_shard %g to <{"tp"}, {}> : (tensor<4x16xf32>) -> tensor<2x16xf32>
  return %s : tensor<2x16xf32>
}
}

// -----

// Two small independent all_reduces over tp become one over their flat
// concatenation, after both operands and before the first use; the one
// over another axis and the one that depends on them stay apart.
// CHECK-LABEL: func.func @combine(
// CHECK-SAME: %[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<4xf32>
// CHECK: %[[FA:.*]] = tessera.reshape %[[A]] : (tensor<2x3xf32>) -> tensor<6xf32>
// CHECK: %[[FB:.*]] = tessera.reshape %[[B]] : (tensor<4xf32>) -> tensor<4xf32>
// CHECK: %[[J:.*]] = tessera.concat %[[FA]], %[[FB]] axis = 0
// CHECK: %[[R:.*]] = dist.all_reduce %[[J]] axes = ["tp"] kind = sum : tensor<10xf32>
// CHECK: tessera.slice %[[R]] starts = [0] limits = [6] steps = [1]
// CHECK: tessera.slice %[[R]] starts = [6] limits = [10] steps = [1]
// CHECK: dist.all_reduce %{{.*}} axes = ["dp"]
// CHECK: dist.all_reduce %{{.*}} axes = ["tp"]
// CHECK-NOT: dist.all_reduce
// NOCOMBINE-LABEL: func.func @combine(
// NOCOMBINE-COUNT-4: dist.all_reduce
// NOCOMBINE-NOT: tessera.concat
module attributes {dist.mesh = #dist.mesh<["dp" = 2, "tp" = 2]>} {
func.func @combine(%a: tensor<2x3xf32>, %b: tensor<4xf32>) -> (tensor<2x3xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %ra = dist.all_reduce %a axes = ["tp"] kind = sum : tensor<2x3xf32>
  %rb = dist.all_reduce %b axes = ["tp"] kind = sum : tensor<4xf32>
  %rc = dist.all_reduce %b axes = ["dp"] kind = sum : tensor<4xf32>
  %rd = dist.all_reduce %rb axes = ["tp"] kind = sum : tensor<4xf32>
  return %ra, %rb, %rc, %rd : tensor<2x3xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}
}
