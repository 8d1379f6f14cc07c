// RUN: tessera-opt %s --tessera-cuda-map-to-gpu -split-input-file -verify-diagnostics
// RUN: not tessera-opt %s --tessera-cuda-map-to-gpu=block-size=48 -split-input-file 2>&1 | FileCheck %s --check-prefix=BLOCK

// What tessera-cuda-map-to-gpu refuses: a temporary buffer inside a kernel
// (a launch has only the kernel's buffers), and kernel arguments that are
// not one device pointer each.

func.func @temporary(%a: memref<4xf32>, %out: memref<4xf32>) {
  // expected-error @+1 {{'memref.alloc' op is a temporary buffer inside a kernel, which the cuda target cannot place}}
  %tmp = memref.alloc() : memref<4xf32>
  memref.copy %a, %tmp : memref<4xf32> to memref<4xf32>
  memref.copy %tmp, %out : memref<4xf32> to memref<4xf32>
  return
}

// -----

// expected-error @+1 {{'func.func' op must take statically shaped memrefs with the identity layout (one device pointer each)}}
func.func @strided(%a: memref<4xf32, strided<[2]>>, %out: memref<4xf32>) {
  memref.copy %a, %out : memref<4xf32, strided<[2]>> to memref<4xf32>
  return
}

// BLOCK: error: tessera-cuda-map-to-gpu: block-size must be a multiple of 32 from 32 to 1024, got 48
