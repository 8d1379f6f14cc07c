// RUN: tessera-opt %s --tessera-propagate-sharding -split-input-file -verify-diagnostics

// Propagation needs a mesh.
// expected-error @below {{tessera-propagate-sharding needs a device mesh: a dist.mesh attribute on the module (tessera-compile --mesh=...)}}
module {
  func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
    return %x : tensor<4xf32>
  }
}
