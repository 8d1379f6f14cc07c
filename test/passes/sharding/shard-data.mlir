// RUN: tessera-opt %s --tessera-shard-data -split-input-file -verify-diagnostics | FileCheck %s
// RUN: echo 'module attributes {dist.mesh = #dist.mesh<["batch" = 4]>} { func.func @other_axis(%%x: tensor<4xf32>) -> tensor<4xf32> { return %%x : tensor<4xf32> } }' \
// RUN:   | tessera-opt --tessera-shard-data=axis=batch | FileCheck %s --check-prefix=AXIS

// tessera-shard-data splits the first dimension of every tensor input of
// rank one or more over dp (an argument attribute); weights, scalars and
// inputs that already have a sharding are left alone.

module attributes {dist.mesh = #dist.mesh<["dp" = 2, "tp" = 2]>} {
// CHECK-LABEL: func.func @inputs(
// CHECK-SAME: %{{[^:]*}}: tensor<4x8xf32> {dist.sharding = #dist.sharding<{"dp"}, {}>, tessera.name = "x"}
// CHECK-SAME: %{{[^:]*}}: tensor<6xi64> {dist.sharding = #dist.sharding<{"dp"}>}
// CHECK-SAME: %{{[^:]*}}: tensor<f32>,
// CHECK-SAME: %{{[^:]*}}: tensor<4x8xf32> {dist.sharding = #dist.sharding<{}, {"tp"}>})
// The weight stays a constant without annotation.
// CHECK-NOT: dist.shard
func.func @inputs(%x: tensor<4x8xf32> {tessera.name = "x"}, %ids: tensor<6xi64>, %s: tensor<f32>,
                  %given: tensor<4x8xf32> {dist.sharding = #dist.sharding<{}, {"tp"}>}) -> tensor<4x8xf32> {
  %w = tessera.constant dense<1.0> : tensor<8x8xf32>
  %y = tessera.matmul %x, %w : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}
}

// -----

// A batch the dp axis does not divide is an error naming the input.
module attributes {dist.mesh = #dist.mesh<["dp" = 2]>} {
  // expected-error @below {{cannot split the batch of input 'input' (tensor<3x8xf32>) over 'dp': dimension 0 of size 3 does not divide into 2 parts (dp)}}
  func.func @odd(%x: tensor<3x8xf32> {tessera.name = "input"}) -> tensor<3x8xf32> {
    return %x : tensor<3x8xf32>
  }
}

// -----

// The mesh must have the axis.
// expected-error @below {{tessera-shard-data needs the mesh axis 'dp', which the mesh #dist.mesh<["tp" = 2]> does not have}}
module attributes {dist.mesh = #dist.mesh<["tp" = 2]>} {
  func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
    return %x : tensor<4xf32>
  }
}

// The axis is an option (the second RUN line).
// AXIS: func.func @other_axis(%{{[^:]*}}: tensor<4xf32> {dist.sharding = #dist.sharding<{"batch"}>})
