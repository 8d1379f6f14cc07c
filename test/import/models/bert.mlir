// A BERT encoder as the Hugging Face export writes it (2 layers, d 64, 4
// heads): three embeddings, the extended attention mask computed from the
// attention_mask input (unsqueeze, cast, 1 - m, times the lowest float),
// separate Q/K/V projections, erf GELU and the tanh pooler over token 0.

// RUN: %python %tessera_src_root/test/models/build_models.py bert_tiny --out %t
// RUN: tessera-compile %t/bert_tiny.onnx --emit=imported \
// RUN:   --mlir-elide-resource-strings-if-larger=1 | FileCheck %s \
// RUN:   --implicit-check-not=tessera.concat --implicit-check-not=tessera.slice

// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[IDS:[^:]*]]: tensor<1x16xi64> {tessera.name = "input_ids"}, %[[MASK:[^:]*]]: tensor<1x16xi64> {tessera.name = "attention_mask"}, %[[TYPES:[^:]*]]: tensor<1x16xi64> {tessera.name = "token_type_ids"})
// CHECK-SAME: -> (tensor<1x16x64xf32> {tessera.name = "last_hidden_state"}, tensor<1x64xf32> {tessera.name = "pooler_output"})
// The additive mask: (1 - mask) * lowest, broadcast over heads and queries.
// CHECK: %[[M4:.*]] = tessera.reshape %[[MASK]] : (tensor<1x16xi64>) -> tensor<1x1x1x16xi64>
// CHECK: %[[MF:.*]] = tessera.cast %[[M4]] : tensor<1x1x1x16xi64> to tensor<1x1x1x16xf32>
// CHECK: %[[INV:.*]] = tessera.sub %{{.*}}, %[[MF]] : (tensor<f32>, tensor<1x1x1x16xf32>) -> tensor<1x1x1x16xf32>
// CHECK: %[[ADDMASK:.*]] = tessera.mul %[[INV]], %{{.*}} : (tensor<1x1x1x16xf32>, tensor<f32>) -> tensor<1x1x1x16xf32>
// CHECK: tessera.gather %{{.*}}, %[[IDS]] axis = 0 : (tensor<1000x64xf32>, tensor<1x16xi64>) -> tensor<1x16x64xf32>
// CHECK: tessera.gather %{{.*}}, %[[TYPES]] axis = 0 : (tensor<2x64xf32>, tensor<1x16xi64>) -> tensor<1x16x64xf32>
// CHECK: tessera.layer_norm
// CHECK-COUNT-3: tessera.matmul %{{.*}}, %{{.*}} : (tensor<1x16x64xf32>, tensor<64x64xf32>) -> tensor<1x16x64xf32>
// CHECK: %[[SCORES:.*]] = tessera.div %{{.*}}, %{{.*}} : (tensor<1x4x16x16xf32>, tensor<f32>) -> tensor<1x4x16x16xf32>
// CHECK: tessera.add %[[SCORES]], %[[ADDMASK]] : (tensor<1x4x16x16xf32>, tensor<1x1x1x16xf32>) -> tensor<1x4x16x16xf32>
// CHECK: tessera.softmax %{{.*}} axis = 3
// CHECK: tessera.erf %{{.*}} : tensor<1x16x128xf32>
// Pooler: token 0 of every sequence, dense, tanh.
// CHECK: tessera.gather %{{.*}}, %{{.*}} axis = 1 : (tensor<1x16x64xf32>, tensor<i64>) -> tensor<1x64xf32>
// CHECK: tessera.tanh %{{.*}} : tensor<1x64xf32>
// CHECK: return
