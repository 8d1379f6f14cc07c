// --shard=megatron on BERT as torch exports it (bert_tiny: 2 layers, d 64,
// 4 heads, FFN 128; separate query/key/value Linears exported as
// MatMul + Add, the attention mask from an input, a Gemm pooler). Each
// layer: query, key, value column-parallel (with their biases), the
// attention output dense row-parallel, the intermediate dense
// column-parallel (gelu written out as erf arithmetic between) and the
// output dense row-parallel. The word embedding is vocab-parallel; the
// pooler, after a layer norm, is not in a block and stays replicated.

// RUN: %python %tessera_src_root/test/models/build_models.py bert_tiny --out %t
// RUN: tessera-compile %t/bert_tiny.onnx --mesh=tp:2 --shard=megatron --emit=sharded -o %t/tp.mlir 2> %t/remarks.txt
// RUN: FileCheck %s --input-file=%t/tp.mlir
// RUN: FileCheck %s --input-file=%t/tp.mlir --check-prefix=BIAS
// RUN: FileCheck %s --input-file=%t/remarks.txt --check-prefix=REMARK
// RUN: tessera-opt %t/tp.mlir --tessera-partition | FileCheck %s --check-prefix=COLL \
// RUN:   --implicit-check-not=dist.all_reduce --implicit-check-not=dist.all_gather \
// RUN:   --implicit-check-not=dist.all_to_all --implicit-check-not=dist.reduce_scatter
// With dp as well (a batch of 2): every input's batch over dp, through the
// attention mask to the scores, and the outputs gathered over dp.
// RUN: %python %tessera_src_root/test/models/build_models.py bert_tiny --set batch=2 --out %t/b2
// RUN: tessera-compile %t/b2/bert_tiny.onnx --mesh=dp:2,tp:2 --shard=megatron --emit=sharded -o %t/dptp.mlir 2>/dev/null
// RUN: FileCheck %s --input-file=%t/dptp.mlir --check-prefix=DP

// No output needs a gather on tp: both are whole hidden states.
// CHECK-LABEL: func.func @main(
// CHECK-NOT: dist.reshard_decisions
// Layer 0: query, key, value (onnx::MatMul_103, 104, 107), attention output
// (109), intermediate (110, and its bias), output (111); layer 1: 112..117.
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{"tp"}, {}>]} dense_resource<embeddings.word_embeddings.weight> : tensor<1000x64xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{}, {}>]} dense_resource<embeddings.token_type_embeddings.weight> : tensor<2x64xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{}, {}>]} dense_resource<embeddings.position_embeddings.weight> : tensor<64x64xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{}, {"tp"}>]} dense_resource<onnx__MatMul_103> : tensor<64x64xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{}, {"tp"}>]} dense_resource<onnx__MatMul_104> : tensor<64x64xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{}, {"tp"}>]} dense_resource<onnx__MatMul_107> : tensor<64x64xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{"tp"}, {}>]} dense_resource<onnx__MatMul_109> : tensor<64x64xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{}, {"tp"}>]} dense_resource<onnx__MatMul_110> : tensor<64x128xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{"tp"}>]} dense_resource<encoder.layer.0.intermediate.dense.bias> : tensor<128xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{"tp"}, {}>]} dense_resource<onnx__MatMul_111> : tensor<128x64xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{}, {"tp"}>]} dense_resource<onnx__MatMul_112> : tensor<64x64xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{}, {"tp"}>]} dense_resource<onnx__MatMul_113> : tensor<64x64xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{}, {"tp"}>]} dense_resource<onnx__MatMul_114> : tensor<64x64xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{"tp"}, {}>]} dense_resource<onnx__MatMul_115> : tensor<64x64xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{}, {"tp"}>]} dense_resource<onnx__MatMul_116> : tensor<64x128xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{"tp"}>]} dense_resource<encoder.layer.1.intermediate.dense.bias> : tensor<128xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{"tp"}, {}>]} dense_resource<onnx__MatMul_117> : tensor<128x64xf32>
// CHECK-DAG: tessera.constant {dist.shardings = [#dist.sharding<{}, {}>]} dense_resource<pooler.dense.weight> : tensor<64x64xf32>
// The heads split, the hidden state whole after each row-parallel dense.
// CHECK: tessera.softmax {{.*}} axis = 3 {dist.shardings = [#dist.sharding<{}, {"tp"}, {}, {}>]}
// CHECK: tessera.matmul {{.*}} {dist.shardings = [#dist.sharding<{}, {}, {}>]} : (tensor<1x16x64xf32>, tensor<64x64xf32>) -> tensor<1x16x64xf32>
// CHECK: tessera.gelu {{.*}} {dist.shardings = [#dist.sharding<{}, {}, {"tp"}>]} : tensor<1x16x128xf32>
// CHECK: tessera.matmul {{.*}} {dist.shardings = [#dist.sharding<{}, {}, {}>]} : (tensor<1x16x128xf32>, tensor<128x64xf32>) -> tensor<1x16x64xf32>
// CHECK: tessera.tanh {{.*}} {dist.shardings = [#dist.sharding<{}, {}>]}

// The query, key and value biases (64 values, inline) are split with their
// linears: three per layer.
// BIAS-COUNT-6: tessera.constant {dist.shardings = [#dist.sharding<{"tp"}>]} dense<[
// BIAS-NOT: tessera.constant {dist.shardings = [#dist.sharding<{"tp"}>]} dense<[

// REMARK: remark: tessera-shard-megatron: attention block: column-parallel '/encoder/layer.0/attention/self/query/MatMul (MatMul)' (weight 'onnx::MatMul_103'), '/encoder/layer.0/attention/self/key/MatMul (MatMul)' (weight 'onnx::MatMul_104'), '/encoder/layer.0/attention/self/value/MatMul (MatMul)' (weight 'onnx::MatMul_107'); row-parallel '/encoder/layer.0/attention/output/dense/MatMul (MatMul)' (weight 'onnx::MatMul_109')
// REMARK: remark: tessera-shard-megatron: MLP block: column-parallel '/encoder/layer.0/intermediate/dense/MatMul (MatMul)' (weight 'onnx::MatMul_110'); row-parallel '/encoder/layer.0/output/dense/MatMul (MatMul)' (weight 'onnx::MatMul_111')
// REMARK: remark: tessera-shard-megatron: attention block: {{.*}} row-parallel '/encoder/layer.1/attention/output/dense/MatMul (MatMul)'
// REMARK: remark: tessera-shard-megatron: MLP block: {{.*}} row-parallel '/encoder/layer.1/output/dense/MatMul (MatMul)'
// REMARK: remark: tessera-shard-megatron: vocab-parallel embedding: the 1000 rows of 'embeddings.word_embeddings.weight' split over tp
// REMARK: remark: tessera-shard-megatron: '/pooler/dense/Gemm (Gemm)' (weight 'pooler.dense.weight') is in no recognized block and stays replicated: following its input's features back, it reaches '/encoder/layer.1/output/LayerNorm/LayerNormalization (LayerNormalization)', which needs dimension 2 whole
// REMARK: remark: tessera-shard-megatron: tp = 2: 2 attention and 2 MLP blocks, a vocab-parallel embedding, 0 vocab-parallel LM heads; 1 linear left replicated
// REMARK-NOT: remark

// Four row-parallel all-reduces and the embedding's; nothing to gather.
// COLL-COUNT-5: dist.all_reduce %{{.*}} axes = ["tp"] kind = sum : tensor<1x16x64xf32>

// DP-LABEL: func.func @main(
// DP-SAME: tensor<2x16xi64> {dist.sharding = #dist.sharding<{"dp"}, {}>, tessera.name = "input_ids"}
// DP-SAME: tensor<2x16xi64> {dist.sharding = #dist.sharding<{"dp"}, {}>, tessera.name = "attention_mask"}
// DP-SAME: tensor<2x16xi64> {dist.sharding = #dist.sharding<{"dp"}, {}>, tessera.name = "token_type_ids"}
// DP-SAME: dist.reshard_decisions = [{bytes = 8192 : i64, from = #dist.sharding<{"dp"}, {}, {}>, to = #dist.sharding<{}, {}, {}>, user = "the function's outputs", value = "'last_hidden_state'"}, {bytes = 512 : i64, from = #dist.sharding<{"dp"}, {}>, to = #dist.sharding<{}, {}>, user = "the function's outputs", value = "'pooler_output'"}]
// DP: tessera.gather %{{.*}}, %arg0 axis = 0 {dist.shardings = [#dist.sharding<{"dp"}, {}, {}>]} : (tensor<1000x64xf32>, tensor<2x16xi64>)
// DP: tessera.softmax {{.*}} {dist.shardings = [#dist.sharding<{"dp"}, {"tp"}, {}, {}>]} : tensor<2x4x16x16xf32>
// DP: tessera.tanh {{.*}} {dist.shardings = [#dist.sharding<{"dp"}, {}>]} : tensor<2x64xf32>
