// RUN: tessera-opt %s --tessera-propagate-sharding -split-input-file -verify-diagnostics | FileCheck %s
// Propagating again changes nothing and keeps the decisions.
// RUN: tessera-opt %s --tessera-propagate-sharding --tessera-propagate-sharding -split-input-file 2>/dev/null | FileCheck %s --check-prefix=TWICE
// TWICE-LABEL: func.func @cheaper(
// TWICE-SAME: dist.reshard_decisions = [{alternative_bytes = 4096 : i64, bytes = 256 : i64, {{[^]]*}}}, {bytes = 16384 : i64, {{[^]]*}}}]
// TWICE-NEXT: dist.shard %arg1 to <{}>
// TWICE-NEXT: tessera.add
// TWICE-NEXT: dist.shard %{{.*}} to <{}, {}>
// TWICE-NEXT: return

// Conflicts: where the tensors of an op want different shardings, the one
// whose resharding moves fewer bytes is kept, a dist.shard reshards the
// other, a remark names the value and both shardings, and the function's
// dist.reshard_decisions records it (value, user, from, to, bytes moved,
// bytes the other choice would have moved). Bytes are what a device
// receives: the tensor's size over the devices of the target sharding.

module attributes {dist.mesh = #dist.mesh<["dp" = 2, "tp" = 4]>} {

// A 64x64 matrix split by rows and a 64 vector split over tp, added with
// broadcasting: tp can split only one of the two factors. Moving the
// vector (256 bytes, whole) is cheaper than moving the matrix to column
// blocks (16 KiB over 4 devices), so the matrix keeps its rows.
// CHECK-LABEL: func.func @cheaper(
// CHECK-SAME: dist.reshard_decisions = [{alternative_bytes = 4096 : i64, bytes = 256 : i64, from = #dist.sharding<{"tp"}>, to = #dist.sharding<{}>, user = "'tessera.add'", value = "argument #1"}
// CHECK: %[[Y:.*]] = dist.shard %arg1 to <{}> {dist.shardings = [#dist.sharding<{}>]} : tensor<64xf32>
// CHECK: tessera.add %arg0, %[[Y]] {dist.shardings = [#dist.sharding<{"tp"}, {}>]}
func.func @cheaper(%x: tensor<64x64xf32> {dist.sharding = #dist.sharding<{"tp"}, {}>},
                   %y: tensor<64xf32> {dist.sharding = #dist.sharding<{"tp"}>}) -> tensor<64x64xf32> {
  // expected-remark @below {{resharding argument #1 from #dist.sharding<{"tp"}> to #dist.sharding<{}> for 'tessera.add' (the shardings of its operands and results conflict): 256 bytes; keeping #dist.sharding<{"tp"}> there would move 4096 bytes}}
  %a = tessera.add %x, %y : (tensor<64x64xf32>, tensor<64xf32>) -> tensor<64x64xf32>
  // expected-remark @below {{resharding the result of 'tessera.add' from #dist.sharding<{"tp"}, {}> to #dist.sharding<{}, {}> for the function's outputs}}
  return %a : tensor<64x64xf32>
}

// Two uses of one value want it split differently: the matmul (weight
// split by rows) wants its columns over tp, the add (other operand split
// by rows) its rows. The value keeps the sharding its first use gave it;
// the second use reshards it (128 bytes; keeping it would move the other
// operand, as much).
// CHECK-LABEL: func.func @two_uses(
// CHECK: %[[V:.*]] = tessera.relu %arg0 {dist.shardings = [#dist.sharding<{}, {"tp"}>]}
// CHECK: tessera.matmul %[[V]], %arg2 {dist.shardings = [#dist.sharding<{}, {}>]}
// CHECK: %[[R:.*]] = dist.shard %[[V]] to <{"tp"}, {}>
// CHECK: tessera.add %[[R]], %arg1 {dist.shardings = [#dist.sharding<{"tp"}, {}>]}
func.func @two_uses(%a: tensor<8x16xf32>, %p: tensor<8x16xf32> {dist.sharding = #dist.sharding<{"tp"}, {}>},
                    %w: tensor<16x32xf32> {dist.sharding = #dist.sharding<{"tp"}, {}>}) -> (tensor<8x16xf32>, tensor<8x32xf32>) {
  %v = tessera.relu %a : tensor<8x16xf32>
  %m = tessera.matmul %v, %w : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32>
  // expected-remark @below {{resharding the result of 'tessera.relu' from #dist.sharding<{}, {"tp"}> to #dist.sharding<{"tp"}, {}> for 'tessera.add' (the shardings of its operands and results conflict): 128 bytes; keeping #dist.sharding<{}, {"tp"}> there would move 128 bytes}}
  %s = tessera.add %v, %p : (tensor<8x16xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
  // expected-remark @below {{resharding the result of 'tessera.add'}}
  return %s, %m : tensor<8x16xf32>, tensor<8x32xf32>
}
}

// -----

module attributes {dist.mesh = #dist.mesh<["dp" = 2, "tp" = 4]>} {

// Annotations are fixed: the input keeps dp and the dist.shard keeps its
// sharding; propagation flows backward through the annotation (the relu
// computes [dp, tp], slicing its input locally: no bytes) and forward from
// it (the neg computes [-, tp]); the annotation itself is where the data
// moves.
// CHECK-LABEL: func.func @fixed(
// CHECK-SAME: %arg0: tensor<8x16xf32> {dist.sharding = #dist.sharding<{"dp"}, {}>}
// CHECK: %[[S:.*]] = dist.shard %arg0 to <{"dp"}, {"tp"}>
// CHECK: %[[Y:.*]] = tessera.relu %[[S]] {dist.shardings = [#dist.sharding<{"dp"}, {"tp"}>]}
// CHECK: %[[Z:.*]] = dist.shard %[[Y]] to <{}, {"tp"}> {dist.shardings = [#dist.sharding<{}, {"tp"}>]}
// CHECK: tessera.neg %[[Z]] {dist.shardings = [#dist.sharding<{}, {"tp"}>]}
func.func @fixed(%x: tensor<8x16xf32> {dist.sharding = #dist.sharding<{"dp"}, {}>}) -> tensor<8x16xf32> {
  // expected-remark @below {{resharding argument #0 from #dist.sharding<{"dp"}, {}> to #dist.sharding<{"dp"}, {"tp"}> for 'tessera.relu' (the op splits it further: each device slices its block): 0 bytes}}
  %y = tessera.relu %x : tensor<8x16xf32>
  %z = dist.shard %y to <{}, {"tp"}> : tensor<8x16xf32>
  %w = tessera.neg %z : tensor<8x16xf32>
  // expected-remark @below {{resharding the result of 'tessera.neg' from #dist.sharding<{}, {"tp"}> to #dist.sharding<{}, {}> for the function's outputs (outputs are replicated: every device computes them): 512 bytes}}
  return %w : tensor<8x16xf32>
}
}
