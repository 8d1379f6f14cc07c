// tessera-compile refuses bad flags, bad input and unwritable outputs with
// one clear message and exit code 1 (`not` fails on a crash too), before
// the long work where it can; and it writes the same bytes for the same
// model and flags.

// An unknown target, an unknown cpu level (a CPU name is not a level: the
// runtime could not check it before running the code), an unknown --emit.
// RUN: not tessera-compile %s --target=gpu -o %t.tsr 2>&1 | FileCheck %s --check-prefix=TARGET
// TARGET: error: --target must be cpu or cpu:<x86-64 level>, got 'gpu'
// RUN: not tessera-compile %s --target=cpu:skylake -o %t.tsr 2>&1 | FileCheck %s --check-prefix=LEVEL
// LEVEL: error: --target=cpu:skylake: unknown cpu level 'skylake': expected x86-64, x86-64-v2, x86-64-v3, x86-64-v4 or native
// LEVEL-NOT: LLVM ERROR
// RUN: not tessera-compile %s --emit=object 2>&1 | FileCheck %s --check-prefix=EMIT
// EMIT: Cannot find option named 'object'

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
