// --shard=megatron on GPT-2 as torch exports it (gpt2_tiny: 2 layers, d 64,
// 4 heads, MLP 256, vocab 1000; the LM head a separate [64, 1000]
// initializer), on tp = 4: each layer's fused c_attn becomes three
// column-parallel linears with sliced weights and biases, c_proj and the
// MLP's c_proj are row-parallel, c_fc column-parallel; the token embedding
// and the LM head are vocab-parallel. Propagation then splits the heads and
// the MLP's 256 features over tp, keeps the residual stream whole, and
// gathers only the logits. Partitioning gives the issue's acceptance: 2
// all-reduces of b*s*h (1x16x64) per layer, one for the embedding, and one
// all-gather of the output.

// RUN: %python %tessera_src_root/test/models/build_models.py gpt2_tiny --out %t
// RUN: tessera-compile %t/gpt2_tiny.onnx --mesh=tp:4 --shard=megatron --emit=sharded -o %t/sharded.mlir 2> %t/remarks.txt
// RUN: FileCheck %s --input-file=%t/sharded.mlir --implicit-check-not=tessera.split '--implicit-check-not=c_attn.weight>' '--implicit-check-not=c_attn.bias>'
// RUN: FileCheck %s --input-file=%t/remarks.txt --check-prefix=REMARK
// RUN: tessera-opt %t/sharded.mlir --tessera-partition | FileCheck %s --check-prefix=COLL \
// RUN:   --implicit-check-not=dist.all_reduce --implicit-check-not=dist.all_gather \
// RUN:   --implicit-check-not=dist.all_to_all --implicit-check-not=dist.reduce_scatter

// The input stays whole (no dp axis); the output is replicated, and the only
// reshard propagation decided is the gather of the logits (16x1000 f32).
// CHECK-LABEL: func.func @main(
// CHECK-SAME: %{{[^:]*}}: tensor<1x16xi64> {dist.sharding = #dist.sharding<{}, {}>, tessera.name = "input_ids"}
// CHECK-SAME: -> (tensor<1x16x1000xf32> {dist.sharding = #dist.sharding<{}, {}, {}>, tessera.name = "logits"})
// CHECK-SAME: attributes {dist.reshard_decisions = [{bytes = 64000 : i64, from = #dist.sharding<{}, {}, {"tp"}>, to = #dist.sharding<{}, {}, {}>, user = "the function's outputs", value = "'logits'"}]}

// Every weight: its sharding as a constant, and the annotation the
// strategy put on it.
// CHECK-DAG: %[[WTE:.*]] = tessera.constant {dist.shardings = [#dist.sharding<{"tp"}, {}>]} dense_resource<transformer.wte.weight> : tensor<1000x64xf32>
// CHECK-DAG: %[[WTES:.*]] = dist.shard %[[WTE]] to <{"tp"}, {}>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{}, {}>]} dense_resource<transformer.wpe.weight> : tensor<64x64xf32>
// CHECK-DAG: %[[HEAD:.*]] = tessera.constant {dist.shardings = [#dist.sharding<{}, {"tp"}>]} dense_resource<onnx__MatMul_109> : tensor<64x1000xf32>
// CHECK-DAG: %[[HEADS:.*]] = dist.shard %[[HEAD]] to <{}, {"tp"}>
// CHECK-DAG: %[[FC0:.*]] = tessera.constant {dist.shardings = [#dist.sharding<{}, {"tp"}>]} dense_resource<transformer.h.0.mlp.c_fc.weight> : tensor<64x256xf32>
// CHECK-DAG: dist.shard %[[FC0]] to <{}, {"tp"}>
// CHECK-DAG: %[[FCB0:.*]] = tessera.constant {dist.shardings = [#dist.sharding<{"tp"}>]} dense_resource<transformer.h.0.mlp.c_fc.bias> : tensor<256xf32>
// CHECK-DAG: dist.shard %[[FCB0]] to <{"tp"}>
// CHECK-DAG: %[[MP0:.*]] = tessera.constant {dist.shardings = [#dist.sharding<{"tp"}, {}>]} dense_resource<transformer.h.0.mlp.c_proj.weight> : tensor<256x64xf32>
// CHECK-DAG: dist.shard %[[MP0]] to <{"tp"}, {}>
// CHECK-DAG: %[[AP0:.*]] = tessera.constant {dist.shardings = [#dist.sharding<{"tp"}, {}>]} dense_resource<transformer.h.0.attn.c_proj.weight> : tensor<64x64xf32>
// CHECK-DAG: dist.shard %[[AP0]] to <{"tp"}, {}>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{}, {"tp"}>]} dense_resource<transformer.h.1.mlp.c_fc.weight> : tensor<64x256xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{"tp"}>]} dense_resource<transformer.h.1.mlp.c_fc.bias> : tensor<256xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{"tp"}, {}>]} dense_resource<transformer.h.1.mlp.c_proj.weight> : tensor<256x64xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{"tp"}, {}>]} dense_resource<transformer.h.1.attn.c_proj.weight> : tensor<64x64xf32>

// The vocab-parallel lookup: partial, whole rows.
// CHECK: %[[EMB:.*]] = tessera.gather %[[WTES]], %{{.*}} axis = 0 {dist.shardings = [#dist.sharding<{}, {}, {}>]} : (tensor<1000x64xf32>, tensor<1x16xi64>) -> tensor<1x16x64xf32>
// CHECK: %[[LN:.*]] = tessera.layer_norm {{.*}} {dist.shardings = [#dist.sharding<{}, {}, {}>]}

// Layer 0: c_attn split into q, k, v, each a 64x64 column-parallel linear
// with its own slice of the weight and the bias.
// CHECK: %[[WQ:.*]] = tessera.constant {dist.shardings = [#dist.sharding<{}, {"tp"}>]} dense_resource<transformer.h.0.attn.c_attn.weight_0> : tensor<64x64xf32>
// CHECK: %[[WQS:.*]] = dist.shard %[[WQ]] to <{}, {"tp"}>
// CHECK: %[[Q:.*]] = tessera.matmul %[[LN]], %[[WQS]] {dist.shardings = [#dist.sharding<{}, {}, {"tp"}>]} : (tensor<1x16x64xf32>, tensor<64x64xf32>) -> tensor<1x16x64xf32>
// CHECK: tessera.constant {dist.shardings = [#dist.sharding<{"tp"}>]} dense_resource<transformer.h.0.attn.c_attn.bias_0> : tensor<64xf32>
// CHECK: %[[QB:.*]] = tessera.add %[[Q]], %{{.*}} {dist.shardings = [#dist.sharding<{}, {}, {"tp"}>]}
// CHECK: tessera.constant {dist.shardings = [#dist.sharding<{}, {"tp"}>]} dense_resource<transformer.h.0.attn.c_attn.weight_1> : tensor<64x64xf32>
// CHECK: tessera.matmul %[[LN]], {{.*}} {dist.shardings = [#dist.sharding<{}, {}, {"tp"}>]}
// CHECK: tessera.constant {dist.shardings = [#dist.sharding<{"tp"}>]} dense_resource<transformer.h.0.attn.c_attn.bias_1> : tensor<64xf32>
// CHECK: tessera.constant {dist.shardings = [#dist.sharding<{}, {"tp"}>]} dense_resource<transformer.h.0.attn.c_attn.weight_2> : tensor<64x64xf32>
// CHECK: tessera.matmul %[[LN]], {{.*}} {dist.shardings = [#dist.sharding<{}, {}, {"tp"}>]}
// CHECK: tessera.constant {dist.shardings = [#dist.sharding<{"tp"}>]} dense_resource<transformer.h.0.attn.c_attn.bias_2> : tensor<64xf32>
// The 4 heads of 16 split over tp through the attention.
// CHECK: tessera.reshape %[[QB]] {dist.shardings = [#dist.sharding<{}, {}, {"tp"}, {}>]} : (tensor<1x16x64xf32>) -> tensor<1x16x4x16xf32>
// CHECK: tessera.matmul {{.*}} {dist.shardings = [#dist.sharding<{}, {"tp"}, {}, {}>]} : (tensor<1x4x16x16xf32>, tensor<1x4x16x16xf32>) -> tensor<1x4x16x16xf32>
// CHECK: tessera.softmax {{.*}} axis = 3 {dist.shardings = [#dist.sharding<{}, {"tp"}, {}, {}>]}
// CHECK: tessera.reshape {{.*}} {dist.shardings = [#dist.sharding<{}, {}, {"tp"}>]} : (tensor<1x16x4x16xf32>) -> tensor<1x16x64xf32>
// c_proj: row-parallel, its result whole (partial sums).
// CHECK: tessera.matmul {{.*}} {dist.shardings = [#dist.sharding<{}, {}, {}>]} : (tensor<1x16x64xf32>, tensor<64x64xf32>) -> tensor<1x16x64xf32>
// The MLP: 256 features over tp, gelu included.
// CHECK: tessera.matmul {{.*}} {dist.shardings = [#dist.sharding<{}, {}, {"tp"}>]} : (tensor<1x16x64xf32>, tensor<64x256xf32>) -> tensor<1x16x256xf32>
// CHECK: tessera.gelu {{.*}} {dist.shardings = [#dist.sharding<{}, {}, {"tp"}>]}
// CHECK: tessera.matmul {{.*}} {dist.shardings = [#dist.sharding<{}, {}, {}>]} : (tensor<1x16x256xf32>, tensor<256x64xf32>) -> tensor<1x16x64xf32>

// Layer 1 the same.
// CHECK: dense_resource<transformer.h.1.attn.c_attn.weight_0>
// CHECK: dense_resource<transformer.h.1.attn.c_attn.bias_0>
// CHECK: dense_resource<transformer.h.1.attn.c_attn.weight_1>
// CHECK: dense_resource<transformer.h.1.attn.c_attn.bias_1>
// CHECK: dense_resource<transformer.h.1.attn.c_attn.weight_2>
// CHECK: dense_resource<transformer.h.1.attn.c_attn.bias_2>
// CHECK: tessera.softmax {{.*}} {dist.shardings = [#dist.sharding<{}, {"tp"}, {}, {}>]}
// CHECK: tessera.gelu {{.*}} {dist.shardings = [#dist.sharding<{}, {}, {"tp"}>]}

// The LM head splits the vocabulary; the logits are gathered for the
// output.
// CHECK: %[[LOGITS:.*]] = tessera.matmul %{{.*}}, %[[HEADS]] {dist.shardings = [#dist.sharding<{}, {}, {"tp"}>]} : (tensor<1x16x64xf32>, tensor<64x1000xf32>) -> tensor<1x16x1000xf32>
// CHECK: %[[OUT:.*]] = dist.shard %[[LOGITS]] to <{}, {}, {}>
// CHECK: return %[[OUT]]

// What the strategy recognized, in the model's names.
// REMARK: remark: tessera-shard-megatron: the fused projection '/transformer/h.0/attn/c_attn/MatMul (MatMul)' (weight 'transformer.h.0.attn.c_attn.weight') is split into 3 linears, its weight and bias sliced at compile time
// REMARK: remark: tessera-shard-megatron: attention block: column-parallel '/transformer/h.0/attn/c_attn/MatMul (MatMul)' (weight 'transformer.h.0.attn.c_attn.weight:0'), '/transformer/h.0/attn/c_attn/MatMul (MatMul)' (weight 'transformer.h.0.attn.c_attn.weight:1'), '/transformer/h.0/attn/c_attn/MatMul (MatMul)' (weight 'transformer.h.0.attn.c_attn.weight:2'); row-parallel '/transformer/h.0/attn/c_proj/MatMul (MatMul)' (weight 'transformer.h.0.attn.c_proj.weight')
// REMARK: remark: tessera-shard-megatron: MLP block: column-parallel '/transformer/h.0/mlp/c_fc/MatMul (MatMul)' (weight 'transformer.h.0.mlp.c_fc.weight'); row-parallel '/transformer/h.0/mlp/c_proj/MatMul (MatMul)' (weight 'transformer.h.0.mlp.c_proj.weight')
// REMARK: remark: tessera-shard-megatron: the fused projection '/transformer/h.1/attn/c_attn/MatMul (MatMul)'
// REMARK: remark: tessera-shard-megatron: attention block: {{.*}} row-parallel '/transformer/h.1/attn/c_proj/MatMul (MatMul)'
// REMARK: remark: tessera-shard-megatron: MLP block: {{.*}} row-parallel '/transformer/h.1/mlp/c_proj/MatMul (MatMul)'
// REMARK: remark: tessera-shard-megatron: vocab-parallel embedding: the 1000 rows of 'transformer.wte.weight' split over tp
// REMARK: remark: tessera-shard-megatron: vocab-parallel LM head '/lm_head/MatMul (MatMul)' (weight 'onnx::MatMul_109'): its 1000 output features split over tp; the logits are gathered at the output
// REMARK: remark: tessera-shard-megatron: tp = 4: 2 attention and 2 MLP blocks, a vocab-parallel embedding, 1 vocab-parallel LM head; 0 linears left replicated
// REMARK: remark: resharding 'logits' from #dist.sharding<{}, {}, {"tp"}> to #dist.sharding<{}, {}, {}> for the function's outputs (outputs are replicated: every device computes them): 64000 bytes
// REMARK-NOT: remark

// After partitioning: the embedding's all-reduce, then two per layer, all
// of one device's whole hidden state (1x16x64); the logits' all-gather.
// COLL-COUNT-5: dist.all_reduce %{{.*}} axes = ["tp"] kind = sum : tensor<1x16x64xf32>
// COLL: dist.all_gather %{{.*}} axes = ["tp"] dim = 2 : (tensor<1x16x250xf32>) -> tensor<1x16x1000xf32>
