// RUN: tessera-opt %s --tessera-specialize-ranks -split-input-file -verify-diagnostics | FileCheck %s

// tessera-specialize-ranks (passes/partition/SpecializeRanks.cpp): one
// function per rank of the mesh, in which axis_index is the rank's index in
// its group, local_shard of a constant is the constant's block (the same
// block shared by ranks that hold it), and local_shard of an argument is a
// slice; the original stays as a declaration for the signature.

// CHECK-LABEL: func.func private @f(tensor<4x6xf32>) -> (tensor<i64>, tensor<2x3xf32>, tensor<2x6xf32>)
// Rank 0 = (dp 0, tp 0), rank 1 = (dp 0, tp 1), rank 2 = (dp 1, tp 0).
// CHECK-LABEL: func.func @f_rank0(
// CHECK-SAME: attributes {dist.rank = 0 : i64}
// CHECK-DAG: %[[I0:.*]] = tessera.constant dense<0> : tensor<i64>
// CHECK-DAG: %[[W0:.*]] = tessera.constant dense<{{\[\[}}0.000000e+00, 1.000000e+00, 2.000000e+00], [6.000000e+00, 7.000000e+00, 8.000000e+00]]> : tensor<2x3xf32>
// CHECK-DAG: %[[X0:.*]] = tessera.slice %arg0 starts = [0, 0] limits = [2, 6] steps = [1, 1]
// CHECK: return %[[I0]], %[[W0]], %[[X0]]
// CHECK-LABEL: func.func @f_rank1(
// CHECK-DAG: tessera.constant dense<1> : tensor<i64>
// CHECK-DAG: tessera.constant dense<{{\[\[}}3.000000e+00, 4.000000e+00, 5.000000e+00], [9.000000e+00, 1.000000e+01, 1.100000e+01]]> : tensor<2x3xf32>
// CHECK-DAG: tessera.slice %arg0 starts = [0, 0] limits = [2, 6]
// CHECK-LABEL: func.func @f_rank2(
// CHECK-DAG: tessera.constant dense<0> : tensor<i64>
// CHECK-DAG: tessera.constant dense<{{\[\[}}0.000000e+00, 1.000000e+00, 2.000000e+00], [6.000000e+00, 7.000000e+00, 8.000000e+00]]> : tensor<2x3xf32>
// CHECK-DAG: tessera.slice %arg0 starts = [2, 0] limits = [4, 6]
// CHECK-LABEL: func.func @f_rank3(
// CHECK-NOT: func.func
// CHECK: // -----
module attributes {dist.mesh = #dist.mesh<["dp" = 2, "tp" = 2]>} {
func.func @f(%x: tensor<4x6xf32>) -> (tensor<i64>, tensor<2x3xf32>, tensor<2x6xf32>) {
  %i = dist.axis_index axes = ["tp"] : tensor<i64>
  %w = tessera.constant dense<[[0.0, 1.0, 2.0, 3.0, 4.0, 5.0], [6.0, 7.0, 8.0, 9.0, 10.0, 11.0]]> : tensor<2x6xf32>
  %b = dist.local_shard %w to <{}, {"tp"}> : (tensor<2x6xf32>) -> tensor<2x3xf32>
  %xl = dist.local_shard %x to <{"dp"}, {}> : (tensor<4x6xf32>) -> tensor<2x6xf32>
  return %i, %b, %xl : tensor<i64>, tensor<2x3xf32>, tensor<2x6xf32>
}
}

// -----

// A weight held as a dense_resource: each block is a new resource named
// after the weight and the block's offsets; ranks with the same block
// share it.
// CHECK-LABEL: func.func @g_rank0(
// CHECK: tessera.constant dense_resource<w.block_0_0> : tensor<2x40xf32>
// CHECK-LABEL: func.func @g_rank1(
// CHECK: tessera.constant dense_resource<w.block_0_40> : tensor<2x40xf32>
// Rank 0's block: 0 ... 39, then 80 ... 119 (0x42A00000 = 80.0); rank 1's
// 40 ... 79, then 120 ... 159.
// CHECK: {-#
// CHECK: w.block_0_0: "0x40000000000000000000803F{{.*}}00001C420000A042{{.*}}0000EE42"
// CHECK: w.block_0_40: "0x4000000000002042{{.*}}00001F43"
module attributes {dist.mesh = #dist.mesh<["tp" = 2]>} {
func.func @g() -> tensor<2x40xf32> {
  %w = tessera.constant dense_resource<w> : tensor<2x80xf32>
  %b = dist.local_shard %w to <{}, {"tp"}> : (tensor<2x80xf32>) -> tensor<2x40xf32>
  return %b : tensor<2x40xf32>
}
}
{-#
  dialect_resources: {
    builtin: {
      w: "0x40000000000000000000803F0000004000004040000080400000A0400000C0400000E0400000004100001041000020410000304100004041000050410000604100007041000080410000884100009041000098410000A0410000A8410000B0410000B8410000C0410000C8410000D0410000D8410000E0410000E8410000F0410000F84100000042000004420000084200000C4200001042000014420000184200001C4200002042000024420000284200002C4200003042000034420000384200003C4200004042000044420000484200004C4200005042000054420000584200005C4200006042000064420000684200006C4200007042000074420000784200007C42000080420000824200008442000086420000884200008A4200008C4200008E42000090420000924200009442000096420000984200009A4200009C4200009E420000A0420000A2420000A4420000A6420000A8420000AA420000AC420000AE420000B0420000B2420000B4420000B6420000B8420000BA420000BC420000BE420000C0420000C2420000C4420000C6420000C8420000CA420000CC420000CE420000D0420000D2420000D4420000D6420000D8420000DA420000DC420000DE420000E0420000E2420000E4420000E6420000E8420000EA420000EC420000EE420000F0420000F2420000F4420000F6420000F8420000FA420000FC420000FE420000004300000143000002430000034300000443000005430000064300000743000008430000094300000A4300000B4300000C4300000D4300000E4300000F430000104300001143000012430000134300001443000015430000164300001743000018430000194300001A4300001B4300001C4300001D4300001E4300001F43"
    }
  }
#-}

// -----

// No mesh, or one device: nothing to specialize.
// CHECK-LABEL: func.func @one(
// CHECK-NOT: rank
func.func @one(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}

// -----

// A resource whose data does not fill its type is refused, not read past.
module attributes {dist.mesh = #dist.mesh<["tp" = 2]>} {
func.func @short() -> tensor<2x2xf32> {
  // expected-error @+1 {{cannot read the constant to cut its blocks (its data is missing or not the size of its type)}}
  %w = tessera.constant dense_resource<short> : tensor<2x4xf32>
  %b = dist.local_shard %w to <{}, {"tp"}> : (tensor<2x4xf32>) -> tensor<2x2xf32>
  return %b : tensor<2x2xf32>
}
}
{-#
  dialect_resources: {
    builtin: {
      short: "0x400000000000803F"
    }
  }
#-}
