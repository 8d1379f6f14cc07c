// --shard=megatron on LLaMA as torch exports it (llama_tiny: 2 layers, d 64,
// 4 heads, SwiGLU MLP of 176, RMSNorm and rotary embeddings written out as
// arithmetic, untied LM head), on tp = 4: q, k, v column-parallel and o
// row-parallel; gate and up column-parallel and down row-parallel; the
// embedding and the LM head vocab-parallel. The rotary embedding's slices
// and concatenation of the head dimension keep the heads split; RMSNorm's
// mean over the hidden size sees it whole.

// RUN: %python %tessera_src_root/test/models/build_models.py llama_tiny --out %t
// RUN: tessera-compile %t/llama_tiny.onnx --mesh=tp:4 --shard=megatron --emit=sharded -o %t/sharded.mlir 2> %t/remarks.txt
// RUN: FileCheck %s --input-file=%t/sharded.mlir
// RUN: FileCheck %s --input-file=%t/remarks.txt --check-prefix=REMARK
// RUN: tessera-opt %t/sharded.mlir --tessera-partition | FileCheck %s --check-prefix=COLL \
// RUN:   --implicit-check-not=dist.all_reduce --implicit-check-not=dist.all_gather \
// RUN:   --implicit-check-not=dist.all_to_all --implicit-check-not=dist.reduce_scatter

// CHECK-LABEL: func.func @main(
// CHECK-SAME: attributes {dist.reshard_decisions = [{bytes = 64000 : i64, from = #dist.sharding<{}, {}, {"tp"}>, to = #dist.sharding<{}, {}, {}>, user = "the function's outputs", value = "'logits'"}]}
// Layer 0: q, k, v (onnx::MatMul_102..104) by columns, o (111) by rows;
// gate and up (112, 113) by columns, down (114) by rows. Layer 1: 115..121.
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{"tp"}, {}>]} dense_resource<model.embed_tokens.weight> : tensor<1000x64xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{}, {"tp"}>]} dense_resource<onnx__MatMul_102> : tensor<64x64xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{}, {"tp"}>]} dense_resource<onnx__MatMul_103> : tensor<64x64xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{}, {"tp"}>]} dense_resource<onnx__MatMul_104> : tensor<64x64xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{"tp"}, {}>]} dense_resource<onnx__MatMul_111> : tensor<64x64xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{}, {"tp"}>]} dense_resource<onnx__MatMul_112> : tensor<64x176xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{}, {"tp"}>]} dense_resource<onnx__MatMul_113> : tensor<64x176xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{"tp"}, {}>]} dense_resource<onnx__MatMul_114> : tensor<176x64xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{}, {"tp"}>]} dense_resource<onnx__MatMul_115> : tensor<64x64xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{}, {"tp"}>]} dense_resource<onnx__MatMul_116> : tensor<64x64xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{}, {"tp"}>]} dense_resource<onnx__MatMul_117> : tensor<64x64xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{"tp"}, {}>]} dense_resource<onnx__MatMul_118> : tensor<64x64xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{}, {"tp"}>]} dense_resource<onnx__MatMul_119> : tensor<64x176xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{}, {"tp"}>]} dense_resource<onnx__MatMul_120> : tensor<64x176xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{"tp"}, {}>]} dense_resource<onnx__MatMul_121> : tensor<176x64xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{}, {"tp"}>]} dense_resource<onnx__MatMul_122> : tensor<64x1000xf32>
// The rotary tables stay whole.
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{}, {}>]} dense_resource<model.layers.0.self_attn.rotary_emb.cos_cached> : tensor<128x16xf32>

// RMSNorm of the whole hidden state.
// CHECK: tessera.reduce_mean {{.*}} axes = [2] keepdims {dist.shardings = [#dist.sharding<{}, {}, {}>]}
// Rotary embedding: the head dimension (3) is sliced and concatenated,
// the heads (1) stay split.
// CHECK: tessera.slice {{.*}} starts = [0, 0, 0, 0] limits = [1, 4, 16, 8] {{.*}} {dist.shardings = [#dist.sharding<{}, {"tp"}, {}, {}>]}
// CHECK: tessera.concat {{.*}} axis = 3 {dist.shardings = [#dist.sharding<{}, {"tp"}, {}, {}>]}
// CHECK: tessera.softmax {{.*}} axis = 3 {dist.shardings = [#dist.sharding<{}, {"tp"}, {}, {}>]}
// CHECK: tessera.matmul {{.*}} {dist.shardings = [#dist.sharding<{}, {}, {}>]} : (tensor<1x16x64xf32>, tensor<64x64xf32>) -> tensor<1x16x64xf32>
// SwiGLU: gate and up split, silu and the product split, down whole.
// CHECK: tessera.matmul {{.*}} {dist.shardings = [#dist.sharding<{}, {}, {"tp"}>]} : (tensor<1x16x64xf32>, tensor<64x176xf32>) -> tensor<1x16x176xf32>
// CHECK: tessera.silu {{.*}} {dist.shardings = [#dist.sharding<{}, {}, {"tp"}>]}
// CHECK: tessera.matmul {{.*}} {dist.shardings = [#dist.sharding<{}, {}, {"tp"}>]} : (tensor<1x16x64xf32>, tensor<64x176xf32>) -> tensor<1x16x176xf32>
// CHECK: tessera.mul {{.*}} {dist.shardings = [#dist.sharding<{}, {}, {"tp"}>]} : (tensor<1x16x176xf32>, tensor<1x16x176xf32>) -> tensor<1x16x176xf32>
// CHECK: tessera.matmul {{.*}} {dist.shardings = [#dist.sharding<{}, {}, {}>]} : (tensor<1x16x176xf32>, tensor<176x64xf32>) -> tensor<1x16x64xf32>
// CHECK: %[[LOGITS:.*]] = tessera.matmul {{.*}} {dist.shardings = [#dist.sharding<{}, {}, {"tp"}>]} : (tensor<1x16x64xf32>, tensor<64x1000xf32>) -> tensor<1x16x1000xf32>
// CHECK: %[[OUT:.*]] = dist.shard %[[LOGITS]] to <{}, {}, {}>
// CHECK: return %[[OUT]]

// REMARK: remark: tessera-shard-megatron: attention block: column-parallel '/model/layers.0/self_attn/q_proj/MatMul (MatMul)' (weight 'onnx::MatMul_102'), '/model/layers.0/self_attn/k_proj/MatMul (MatMul)' (weight 'onnx::MatMul_103'), '/model/layers.0/self_attn/v_proj/MatMul (MatMul)' (weight 'onnx::MatMul_104'); row-parallel '/model/layers.0/self_attn/o_proj/MatMul (MatMul)' (weight 'onnx::MatMul_111')
// REMARK: remark: tessera-shard-megatron: MLP block: column-parallel '/model/layers.0/mlp/gate_proj/MatMul (MatMul)' (weight 'onnx::MatMul_112'), '/model/layers.0/mlp/up_proj/MatMul (MatMul)' (weight 'onnx::MatMul_113'); row-parallel '/model/layers.0/mlp/down_proj/MatMul (MatMul)' (weight 'onnx::MatMul_114')
// REMARK: remark: tessera-shard-megatron: attention block: {{.*}} row-parallel '/model/layers.1/self_attn/o_proj/MatMul (MatMul)'
// REMARK: remark: tessera-shard-megatron: MLP block: {{.*}} row-parallel '/model/layers.1/mlp/down_proj/MatMul (MatMul)'
// REMARK: remark: tessera-shard-megatron: vocab-parallel embedding: the 1000 rows of 'model.embed_tokens.weight' split over tp
// REMARK: remark: tessera-shard-megatron: vocab-parallel LM head '/lm_head/MatMul (MatMul)' (weight 'onnx::MatMul_122')
// REMARK: remark: tessera-shard-megatron: tp = 4: 2 attention and 2 MLP blocks, a vocab-parallel embedding, 1 vocab-parallel LM head; 0 linears left replicated
// REMARK: remark: resharding 'logits'
// REMARK-NOT: remark

// COLL-COUNT-5: dist.all_reduce %{{.*}} axes = ["tp"] kind = sum : tensor<1x16x64xf32>
// COLL: dist.all_gather %{{.*}} axes = ["tp"] dim = 2 : (tensor<1x16x250xf32>) -> tensor<1x16x1000xf32>
