// tessera-compile's distribution flags: --mesh (named axes and sizes),
// --shard=none|data|megatron, --shard-rules=FILE. Bad values are refused
// with one clear message before any work; on a mesh the sharded IR is what
// --emit=sharded prints.

// --mesh takes name:size pairs, comma separated; each mistake says what is
// wrong.
// RUN: not tessera-compile %s --mesh= -o %t.tsr 2>&1 | FileCheck %s --check-prefix=EMPTY
// EMPTY: error: --mesh=: give the mesh axes as NAME:SIZE,... (e.g. dp:2,tp:4)
// RUN: not tessera-compile %s --mesh=dp -o %t.tsr 2>&1 | FileCheck %s --check-prefix=FORM
// FORM: error: --mesh=dp: 'dp' is not NAME:SIZE
// RUN: not tessera-compile %s --mesh=dp:2, -o %t.tsr 2>&1 | FileCheck %s --check-prefix=TRAILING
// TRAILING: error: --mesh=dp:2,: '' is not NAME:SIZE
// RUN: not tessera-compile %s --mesh=dp:0 -o %t.tsr 2>&1 | FileCheck %s --check-prefix=ZERO
// ZERO: error: --mesh=dp:0: axis 'dp' has size '0'; sizes are positive integers
// RUN: not tessera-compile %s --mesh=dp:two -o %t.tsr 2>&1 | FileCheck %s --check-prefix=SIZE
// SIZE: error: --mesh=dp:two: axis 'dp' has size 'two'; sizes are positive integers
// RUN: not tessera-compile %s --mesh=tp:2,tp:4 -o %t.tsr 2>&1 | FileCheck %s --check-prefix=TWICE
// TWICE: error: --mesh=tp:2,tp:4: axis 'tp' appears twice
// RUN: not tessera-compile %s --mesh=2d:4 -o %t.tsr 2>&1 | FileCheck %s --check-prefix=BADNAME
// BADNAME: error: --mesh=2d:4: '2d' is not an axis name (a letter or _, then letters, digits or _)
// RUN: not tessera-compile %s --mesh=dp:1024,tp:2048 -o %t.tsr 2>&1 | FileCheck %s --check-prefix=HUGE
// HUGE: error: --mesh=dp:1024,tp:2048: more than 1048576 devices

// --shard: one of the strategies, whose axis the mesh must have.
// RUN: not tessera-compile %s --mesh=dp:2 --shard=auto -o %t.tsr 2>&1 | FileCheck %s --check-prefix=STRATEGY
// STRATEGY: error: --shard must be none, data or megatron, got 'auto'
// RUN: not tessera-compile %s --mesh=tp:2 --shard=data -o %t.tsr 2>&1 | FileCheck %s --check-prefix=NODP
// NODP: error: --shard=data needs a mesh axis 'dp', which #dist.mesh<["tp" = 2]> does not have (e.g. --mesh=dp:2)
// RUN: not tessera-compile %s --mesh=dp:2 --shard=megatron -o %t.tsr 2>&1 | FileCheck %s --check-prefix=NOTP
// NOTP: error: --shard=megatron needs a mesh axis 'tp', which #dist.mesh<["dp" = 2]> does not have (e.g. --mesh=dp:2,tp:4)

// On one device, a strategy or rules file does nothing, and says so.
// RUN: tessera-compile %s --shard=data --emit=sharded -o %t.one.mlir 2>&1 | FileCheck %s --check-prefix=ONE
// ONE: warning: --shard=data does nothing on one device: give a mesh of several, e.g. --mesh=dp:2,tp:4
// RUN: tessera-compile %s --mesh=dp:1,tp:1 --shard-rules=%t.none.json --emit=sharded -o %t.one.mlir 2>&1 | FileCheck %s --check-prefix=ONERULES
// ONERULES: warning: --shard-rules does nothing on one device

// --mesh sets the module's mesh; the strategy, then propagation, run on it.
// Both inputs of this function get their first dimension over dp (the
// weight is an input here), which the matmul cannot honour at once: dp
// splits either its rows or its reduction. Moving x to columns (4x64 f32
// over 2 devices, 512 bytes) is cheaper than moving w (8192 bytes): the
// remark says so, the matmul sums partial products over dp.
// RUN: tessera-compile %s --mesh=dp:2,tp:2 --shard=data --emit=sharded -o %t.sharded.mlir 2> %t.remarks
// RUN: FileCheck %s --check-prefix=SHARDED --input-file=%t.sharded.mlir
// RUN: FileCheck %s --check-prefix=REMARK --input-file=%t.remarks
// SHARDED: module attributes {dist.mesh = #dist.mesh<["dp" = 2, "tp" = 2]>}
// SHARDED: func.func @main(%[[X:[^:]*]]: tensor<4x64xf32> {dist.sharding = #dist.sharding<{"dp"}, {}>}, %[[W:[^:]*]]: tensor<64x32xf32> {dist.sharding = #dist.sharding<{"dp"}, {}>})
// SHARDED: %[[XC:.*]] = dist.shard %[[X]] to <{}, {"dp"}>
// SHARDED: tessera.matmul %[[XC]], %[[W]] {dist.shardings = [#dist.sharding<{}, {}>]}
// SHARDED: tessera.softmax {{.*}} {dist.shardings = [#dist.sharding<{}, {}>]}
// REMARK: sharding.mlir:{{[0-9]+}}:8: remark: resharding argument #0 from #dist.sharding<{"dp"}, {}> to #dist.sharding<{}, {"dp"}> for 'tessera.matmul' (the shardings of its operands and results conflict): 512 bytes; keeping #dist.sharding<{"dp"}, {}> there would move 8192 bytes

// An annotation in the input must fit the mesh it is compiled for.
// RUN: echo 'module attributes {dist.mesh = #dist.mesh<["tp" = 2]>} { func.func @main(%%x: tensor<6x4xf32>) -> tensor<6x4xf32> { %%y = dist.shard %%x to <{"tp"}, {}> : tensor<6x4xf32> return %%y : tensor<6x4xf32> } }' > %t.annotated.mlir
// RUN: not tessera-compile %t.annotated.mlir --mesh=tp:4 --emit=sharded -o %t.out.mlir 2>&1 | FileCheck %s --check-prefix=FIT
// FIT: error: 'dist.shard' op cannot shard 'tensor<6x4xf32>' as #dist.sharding<{"tp"}, {}>: dimension 0 of size 6 does not divide into 4 parts (tp)

func.func @main(%x: tensor<4x64xf32>, %w: tensor<64x32xf32>) -> tensor<4x32xf32> {
  %m = tessera.matmul %x, %w : (tensor<4x64xf32>, tensor<64x32xf32>) -> tensor<4x32xf32>
  %s = tessera.softmax %m axis = 1 : tensor<4x32xf32>
  return %s : tensor<4x32xf32>
}
