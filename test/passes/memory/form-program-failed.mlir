// RUN: tessera-opt %s --tessera-form-program -split-input-file -verify-diagnostics

// The ways tessera-form-program fails: a module that does not hold exactly
// one function with a body, an argument that is not a ranked tensor, and an
// op that is no kernel, library call, view or constant (here a tessera op
// that tessera-to-linalg should have lowered).

// expected-error @+1 {{expects one function with a body, or one per rank, found 2}}
module {
  func.func @a(%x: tensor<4xf32>) -> tensor<4xf32> {
    return %x : tensor<4xf32>
  }
  func.func @b(%x: tensor<4xf32>) -> tensor<4xf32> {
    return %x : tensor<4xf32>
  }
}

// -----

// Declarations do not count.
// expected-error @+1 {{expects one function with a body, or one per rank, found 0}}
module {
  func.func private @decl(%x: tensor<4xf32>) -> tensor<4xf32>
}

// -----

// expected-error @+1 {{argument #0 is not a ranked tensor}}
func.func @scalar(%x: f32, %y: tensor<4xf32>) -> tensor<4xf32> {
  return %y : tensor<4xf32>
}

// -----

func.func @not_lowered(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tessera.neg' op cannot be placed in a program: it is neither a kernel, a library call, a view nor a constant}}
  %0 = tessera.neg %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
