// What each --emit of tessera-compile produces from a model in the tessera
// dialect, the JSON report, and that the CPU kernels compute their
// transcendental functions inline in vector registers rather than through
// calls to libm (which do not vectorize).

// RUN: tessera-compile %s --emit=imported | FileCheck %s --check-prefix=IMPORTED
// IMPORTED: func.func @main
// IMPORTED: tessera.softmax
// IMPORTED-NOT: texec

// RUN: tessera-compile %s --emit=mlir | FileCheck %s --check-prefix=MLIR
// MLIR: texec.executable @cpu format "cpu_so" target "x86-64-v3"
// MLIR: texec.program @rank0 rank 0 arena
// MLIR: texec.dispatch @cpu::@k0_

// RUN: tessera-compile %s --emit=llvm | FileCheck %s --check-prefix=LLVM
// LLVM: ; executable @cpu
// LLVM: define void @k0_generic(ptr
// LLVM-NOT: @expf
// LLVM-NOT: @tanhf
// LLVM: fma.v8f32
// LLVM-NOT: @expf
// LLVM-NOT: @tanhf

// RUN: tessera-compile %s -o %t.tsr --report=%t.json && FileCheck %s --input-file=%t.json --check-prefix=REPORT
// REPORT: "kernels": 4
// REPORT: "devices": 1
// REPORT: "dispatch": 4
// REPORT: "peak_memory_bytes": 1088

// The artifact loads: tessera-inspect verifies it, checksums included.
// RUN: tessera-inspect %t.tsr | FileCheck %s --check-prefix=INSPECT
// INSPECT: schema version: 3
// INSPECT: inputs:
// INSPECT-NEXT: 0 input_0: f32[4,64]
// INSPECT: rank 0: arena 1.1 KiB

// The level is recorded in the artifact, for the runtime to check.
// RUN: tessera-compile %s --target=cpu:x86-64-v4 -o %t.v4.tsr
// RUN: tessera-inspect %t.v4.tsr | FileCheck %s --check-prefix=LEVEL
// LEVEL: CpuSharedObject x86-64-v4, segment 0

func.func @main(%x: tensor<4x64xf32>) -> tensor<4x64xf32> {
  %s = tessera.softmax %x axis = 1 : tensor<4x64xf32>
  %t = tessera.tanh %s : tensor<4x64xf32>
  %g = tessera.sigmoid %t : tensor<4x64xf32>
  return %g : tensor<4x64xf32>
}
