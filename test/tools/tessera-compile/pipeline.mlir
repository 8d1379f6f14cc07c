// tessera-compile's pipeline flags: what they need and how they fail.

// RUN: not tessera-compile %s --microbatches=2 -o %t.tsr 2>&1 | FileCheck %s --check-prefix=NOT-ONNX
// NOT-ONNX: error: --microbatches re-imports the model at the microbatch size: it needs an ONNX model

// RUN: not tessera-compile %s --mesh=tp:2 --microbatches=0 -o %t.tsr 2>&1 | FileCheck %s --check-prefix=ZERO
// ZERO: error: --microbatches and --virtual-stages must be positive

// RUN: not tessera-compile %s --mesh=pp:2 --schedule=zigzag -o %t.tsr 2>&1 | FileCheck %s --check-prefix=SCHEDULE
// SCHEDULE: error: --schedule must be gpipe, 1f1b or interleaved, got 'zigzag'

// RUN: not tessera-compile %s --mesh=pp:2 --virtual-stages=2 -o %t.tsr 2>&1 | FileCheck %s --check-prefix=VIRTUAL
// VIRTUAL: error: --virtual-stages=2 needs --schedule=interleaved

// An MLIR model on pp:2 compiles: two stages, one program each, a send and
// a receive between them, the report's pipeline.
// RUN: tessera-compile %s --mesh=pp:2 -o %t.pp.tsr --report=%t.json 2>/dev/null
// RUN: tessera-inspect %t.pp.tsr | FileCheck %s --check-prefix=INSPECT
// INSPECT: mesh: pp:2 (2 ranks)
// INSPECT: rank 0: {{.*}}Send 1, Recv 1
// INSPECT: rank 1: {{.*}}Send 1, Recv 1
// RUN: FileCheck %s --input-file=%t.json --check-prefix=REPORT
// REPORT: "pipeline": {
// REPORT: "devices": 2,
// REPORT: "microbatches": 1,
// REPORT: "predicted_bubble_fraction":
// REPORT: "schedule": "gpipe",
// REPORT: "stages": [
// REPORT: "ranks": [
// REPORT-NEXT: 0
// REPORT: "stage": 0,
// REPORT: "ranks": [
// REPORT-NEXT: 1
// REPORT: "stage": 1,

func.func @main(%x: tensor<4x64xf32>, %w: tensor<64x64xf32>) -> tensor<4x64xf32> {
  %a = tessera.matmul %x, %w : (tensor<4x64xf32>, tensor<64x64xf32>) -> tensor<4x64xf32>
  %b = tessera.relu %a : tensor<4x64xf32>
  %c = tessera.matmul %b, %w : (tensor<4x64xf32>, tensor<64x64xf32>) -> tensor<4x64xf32>
  %d = tessera.relu %c : tensor<4x64xf32>
  return %d : tensor<4x64xf32>
}
