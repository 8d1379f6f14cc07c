// A GPT-2 decoder as the Hugging Face export writes it (2 layers, d 64,
// 4 heads): the Shape -> Gather -> Unsqueeze -> Concat -> Reshape chains of
// x.view(...) and the sliced causal-mask buffer fold away at import, leaving
// the attention and MLP blocks with static shapes.

// RUN: %python %tessera_src_root/test/models/build_models.py gpt2_tiny --out %t
// RUN: tessera-compile %t/gpt2_tiny.onnx --emit=imported \
// RUN:   --mlir-elide-resource-strings-if-larger=1 | FileCheck %s \
// RUN:   --implicit-check-not=tessera.concat --implicit-check-not=tessera.slice \
// RUN:   --implicit-check-not=tessera.cast

// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[IDS:.*]]: tensor<1x16xi64> {tessera.name = "input_ids"}) -> (tensor<1x16x1000xf32> {tessera.name = "logits"})
// Token and position embeddings; the position ids are a folded Range.
// CHECK: %[[POS:.*]] = tessera.constant dense<{{\[\[}}0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]]> : tensor<1x16xi64>
// CHECK: tessera.gather %{{.*}}, %[[IDS]] axis = 0 : (tensor<1000x64xf32>, tensor<1x16xi64>) -> tensor<1x16x64xf32>
// CHECK: tessera.gather %{{.*}}, %[[POS]] axis = 0 : (tensor<64x64xf32>, tensor<1x16xi64>) -> tensor<1x16x64xf32>

// First block: fused QKV projection, heads split by static reshapes.
// CHECK: tessera.layer_norm {{.*}} axis = 2
// CHECK: tessera.matmul %{{.*}}, %{{.*}} : (tensor<1x16x64xf32>, tensor<64x192xf32>) -> tensor<1x16x192xf32>
// CHECK: %[[QKV:.*]]:3 = tessera.split %{{.*}} axis = 2 sizes = [64, 64, 64]
// CHECK: tessera.reshape %[[QKV]]#0 : (tensor<1x16x64xf32>) -> tensor<1x16x4x16xf32>
// CHECK: %[[SCORES:.*]] = tessera.matmul %{{.*}}, %{{.*}} : (tensor<1x4x16x16xf32>, tensor<1x4x16x16xf32>) -> tensor<1x4x16x16xf32>
// CHECK: %[[SCALED:.*]] = tessera.div %[[SCORES]], %{{.*}} : (tensor<1x4x16x16xf32>, tensor<f32>)
// The causal mask: a constant lower-triangular slice of the bias buffer.
// CHECK: %[[MASK:.*]] = tessera.constant dense<"0x0100030007000F001F003F007F00FF00FF01FF03FF07FF0FFF1FFF3FFF7FFFFF"> : tensor<1x1x16x16xi1>
// CHECK: tessera.where %[[MASK]], %[[SCALED]], %{{.*}} : (tensor<1x1x16x16xi1>, tensor<1x4x16x16xf32>, tensor<f32>) -> tensor<1x4x16x16xf32>
// CHECK: tessera.softmax %{{.*}} axis = 3 : tensor<1x4x16x16xf32>
// CHECK: tessera.reshape %{{.*}} : (tensor<1x16x4x16xf32>) -> tensor<1x16x64xf32>
// gelu_new, exported as its tanh formula.
// CHECK: tessera.pow
// CHECK: tessera.tanh
// Second block, final norm and the tied LM head.
// CHECK: tessera.split
// CHECK: tessera.tanh
// CHECK: tessera.layer_norm
// CHECK: tessera.matmul %{{.*}}, %{{.*}} : (tensor<1x16x64xf32>, tensor<64x1000xf32>) -> tensor<1x16x1000xf32>
// CHECK: return

// Exported with symbolic batch and sequence, the model needs both fixed.
// RUN: %python %tessera_src_root/test/models/build_models.py gpt2_tiny --dynamic --out %t/dynamic
// RUN: not tessera-compile %t/dynamic/gpt2_tiny.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=SYMBOLIC
// SYMBOLIC: error: input 'input_ids' has symbolic dimensions [batch, sequence]: fix them with --input-shape=input_ids:<dims>
// RUN: tessera-compile %t/dynamic/gpt2_tiny.onnx --emit=imported --input-shape=input_ids:2x8 \
// RUN:   --mlir-elide-resource-strings-if-larger=1 | FileCheck %s --check-prefix=FIXED
// FIXED: func.func @main(%{{.*}}: tensor<2x8xi64> {tessera.name = "input_ids"}) -> (tensor<2x8x1000xf32> {tessera.name = "logits"})
// FIXED: tessera.constant {{.*}} : tensor<1x1x8x8xi1>
// FIXED: tessera.softmax %{{.*}} axis = 3 : tensor<2x4x8x8xf32>
