// tessera-compile refuses bad flags, bad input and unwritable outputs with
// one clear message and exit code 1 (`not` fails on a crash too), before
// the long work where it can; and it writes the same bytes for the same
// model and flags.

// An unknown target, an unknown cpu level (a CPU name is not a level: the
// runtime could not check it before running the code), an unknown --emit.
// RUN: not tessera-compile %s --target=gpu -o %t.tsr 2>&1 | FileCheck %s --check-prefix=TARGET
// TARGET: error: --target must be cpu, cpu:<x86-64 level> or cuda:<architectures> (e.g. cuda:sm_80,sm_90), got 'gpu'
// RUN: not tessera-compile %s --target=cpu:skylake -o %t.tsr 2>&1 | FileCheck %s --check-prefix=LEVEL
// LEVEL: error: --target=cpu:skylake: unknown cpu level 'skylake': expected x86-64, x86-64-v2, x86-64-v3, x86-64-v4 or native
// LEVEL-NOT: LLVM ERROR
// RUN: not tessera-compile %s --emit=object 2>&1 | FileCheck %s --check-prefix=EMIT
// EMIT: Cannot find option named 'object'

// CUDA architecture lists: none, an empty entry, not an architecture, too
// old for CUDA 13's ptxas, unknown; and the --emit kinds of the other
// target.
// RUN: not tessera-compile %s --target=cuda -o %t.tsr 2>&1 | FileCheck %s --check-prefix=NO-ARCH
// NO-ARCH: error: --target=cuda needs the GPU architectures, e.g. --target=cuda:sm_80,sm_90
// RUN: not tessera-compile %s --target=cuda:sm_80, -o %t.tsr 2>&1 | FileCheck %s --check-prefix=ARCH-LIST
// ARCH-LIST: error: --target=cuda:sm_80,: give the architectures as a list, e.g. cuda:sm_80,sm_90
// RUN: not tessera-compile %s --target=cuda:ampere -o %t.tsr 2>&1 | FileCheck %s --check-prefix=ARCH-NAME
// ARCH-NAME: error: --target=cuda:ampere: 'ampere' is not a CUDA architecture (sm_80, sm_90, ...)
// RUN: not tessera-compile %s --target=cuda:sm_70,sm_80 -o %t.tsr 2>&1 | FileCheck %s --check-prefix=ARCH-OLD
// ARCH-OLD: error: --target=cuda:sm_70,sm_80: 'sm_70' is older than sm_75, the oldest CUDA 13's ptxas compiles for
// RUN: not tessera-compile %s --target=cuda:sm_81 -o %t.tsr 2>&1 | FileCheck %s --check-prefix=ARCH-UNKNOWN
// ARCH-UNKNOWN: error: --target=cuda:sm_81: unknown CUDA architecture 'sm_81': expected one of sm_75, sm_80, sm_86, sm_87, sm_88, sm_89, sm_90, sm_100, sm_103, sm_110, sm_120, sm_121
// RUN: not tessera-compile %s --target=cuda:sm_80 --emit=llvm -o %t.ll 2>&1 | FileCheck %s --check-prefix=EMIT-LLVM
// EMIT-LLVM: error: --emit=llvm is the CPU kernels' LLVM IR; for --target=cuda use --emit=ptx
// RUN: not tessera-compile %s --emit=ptx -o %t.ptx 2>&1 | FileCheck %s --check-prefix=EMIT-PTX
// EMIT-PTX: error: --emit=ptx needs --target=cuda:<architectures>

// An output in a directory that does not exist: refused before compiling,
// in one line, without the IR.
// RUN: not tessera-compile %s -o %t.missing-dir/out.tsr 2>&1 | FileCheck %s --check-prefix=OUTPUT
// OUTPUT: error: cannot write the output '{{.*}}missing-dir/out.tsr': '{{.*}}missing-dir' is not a writable directory
// OUTPUT-NOT: see current operation

// Input that does not parse, and a missing file.
// RUN: echo 'func.func @main() { tessera.bogus }' > %t.bad.mlir
// RUN: not tessera-compile %t.bad.mlir -o %t.tsr 2>&1 | FileCheck %s --check-prefix=PARSE
// PARSE: bad.mlir:1:21: error: custom op 'tessera.bogus' is unknown
// RUN: not tessera-compile %t.nothing.mlir -o %t.tsr 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: nothing.mlir:0:0: error: cannot open input file '{{.*}}nothing.mlir': No such file or directory

// Determinism: two compilations of the same model with the same flags
// give identical artifacts (the output path is part of the recorded
// command line, so both use the same one).
// RUN: tessera-compile %s -o %t.same.tsr && cp %t.same.tsr %t.first.tsr
// RUN: tessera-compile %s -o %t.same.tsr && cmp %t.first.tsr %t.same.tsr

func.func @main(%x: tensor<4x64xf32>, %w: tensor<64x32xf32>) -> tensor<4x32xf32> {
  %m = tessera.matmul %x, %w : (tensor<4x64xf32>, tensor<64x32xf32>) -> tensor<4x32xf32>
  %s = tessera.softmax %m axis = 1 : tensor<4x32xf32>
  return %s : tensor<4x32xf32>
}
