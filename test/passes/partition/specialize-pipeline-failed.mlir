// RUN: tessera-opt %s --tessera-specialize-ranks=microbatches=2 -split-input-file -verify-diagnostics
// RUN: not tessera-opt %s --split-input-file --tessera-specialize-ranks=schedule=zigzag 2>&1 | FileCheck %s --check-prefix=SCHEDULE

// The ways rank specialization refuses a pipeline.

module attributes {dist.mesh = #dist.mesh<["tp" = 2]>} {
// expected-error @+1 {{microbatches need a pipeline: a mesh axis 'pp' of more than one device}}
func.func @no_pipeline(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  return %x : tensor<2x4xf32>
}
}

// -----

module attributes {dist.mesh = #dist.mesh<["pp" = 2]>} {
// expected-error @+1 {{the function has 3 pipeline stages, not a multiple of the 2 devices of mesh axis 'pp'}}
func.func @stages(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %a = tessera.relu %x {dist.stage = 0 : i64} : tensor<2x4xf32>
  %b = tessera.neg %a {dist.stage = 1 : i64} : tensor<2x4xf32>
  %c = tessera.abs %b {dist.stage = 2 : i64} : tensor<2x4xf32>
  return %c : tensor<2x4xf32>
}
}

// -----

module attributes {dist.mesh = #dist.mesh<["pp" = 2]>} {
// expected-error @+1 {{the gpipe schedule runs one stage per device; 2 virtual stages per device need --schedule=interleaved}}
func.func @virtual(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %a = tessera.relu %x {dist.stage = 0 : i64} : tensor<2x4xf32>
  %b = tessera.neg %a {dist.stage = 1 : i64} : tensor<2x4xf32>
  %c = tessera.abs %b {dist.stage = 2 : i64} : tensor<2x4xf32>
  %d = tessera.relu %c {dist.stage = 3 : i64} : tensor<2x4xf32>
  return %d : tensor<2x4xf32>
}
}

// -----

module attributes {dist.mesh = #dist.mesh<["pp" = 2]>} {
// expected-error @+1 {{microbatches split the first dimension of every input and output; 'tensor<f32>' has none}}
func.func @scalar(%x: tensor<f32>) -> tensor<f32> {
  %a = tessera.relu %x {dist.stage = 0 : i64} : tensor<f32>
  %b = tessera.neg %a {dist.stage = 1 : i64} : tensor<f32>
  return %b : tensor<f32>
}
}
// SCHEDULE: unknown pipeline schedule 'zigzag': gpipe, 1f1b or interleaved
