// tessera-opt registers the tessera dialect, the upstream dialects the
// compiler lowers through, and every Tessera pass and pipeline.

// RUN: tessera-opt --show-dialects | FileCheck %s --check-prefix=DIALECTS
// DIALECTS: Available Dialects:
// DIALECTS-SAME: arith
// DIALECTS-SAME: linalg
// DIALECTS-SAME: nvvm
// DIALECTS-SAME: tensor
// DIALECTS-SAME: tessera

// RUN: tessera-opt --help | FileCheck %s --check-prefix=PASSES
// PASSES-DAG: --tessera-decompose
// PASSES-DAG: --tessera-shard-data
// PASSES-DAG: --tessera-shard-megatron
// PASSES-DAG: --tessera-apply-shard-rules
// PASSES-DAG: --tessera-propagate-sharding
// PASSES-DAG: --tessera-sharding-pipeline
// PASSES-DAG: --tessera-graph-optimize
// PASSES-DAG: --tessera-print-cost
// PASSES-DAG: --tessera-test-sharding-rules
// PASSES-DAG: --tessera-test-cost-model
// PASSES-DAG: --canonicalize

// An unknown op of the tessera dialect is an error, not a crash.
// RUN: not tessera-opt %s 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: error: custom op 'tessera.frobnicate' is unknown
func.func @f(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = tessera.frobnicate %x : tensor<2xf32>
  return %0 : tensor<2xf32>
}
