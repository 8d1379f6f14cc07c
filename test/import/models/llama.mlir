// A LLaMA-style decoder (transformers 4.36 export, 2 layers): RMSNorm as
// Pow, ReduceMean, Add, Sqrt, Div, Mul; rotary embeddings with rotate_half
// as Slice, Neg, Concat; SwiGLU; the causal mask built from Range and a
// comparison folds to a constant at import.

// RUN: %python %tessera_src_root/test/models/build_models.py llama_tiny --out %t
// RUN: tessera-compile %t/llama_tiny.onnx --emit=imported \
// RUN:   --mlir-elide-resource-strings-if-larger=1 | FileCheck %s \
// RUN:   --implicit-check-not=tessera.where --implicit-check-not=tessera.compare

// CHECK-LABEL: func.func @main(
// CHECK-SAME: tensor<1x16xi64> {tessera.name = "input_ids"}) -> (tensor<1x16x1000xf32> {tessera.name = "logits"})
// The additive causal mask is a constant.
// CHECK: %[[CAUSAL:.*]] = tessera.constant dense<{{.*}}> : tensor<1x1x16x16xf32>
// RMSNorm.
// CHECK: tessera.reduce_mean %{{.*}} axes = [2] keepdims : (tensor<1x16x64xf32>) -> tensor<1x16x1xf32>
// CHECK: tessera.sqrt %{{.*}} : tensor<1x16x1xf32>
// rotate_half: the two halves of the head dimension, the second negated.
// CHECK: %[[LO:.*]] = tessera.slice %{{.*}} starts = [0, 0, 0, 0] limits = [1, 4, 16, 8] steps = [1, 1, 1, 1]
// CHECK: %[[HI:.*]] = tessera.slice %{{.*}} starts = [0, 0, 0, 8] limits = [1, 4, 16, 16] steps = [1, 1, 1, 1]
// CHECK: %[[NEG:.*]] = tessera.neg %[[HI]] : tensor<1x4x16x8xf32>
// CHECK: tessera.concat %[[NEG]], %[[LO]] axis = 3
// CHECK: tessera.add %{{.*}}, %[[CAUSAL]] : (tensor<1x4x16x16xf32>, tensor<1x1x16x16xf32>)
// CHECK: tessera.softmax %{{.*}} axis = 3
// SwiGLU: silu(gate) * up, then down.
// CHECK: tessera.sigmoid %{{.*}} : tensor<1x16x176xf32>
// CHECK: tessera.matmul %{{.*}}, %{{.*}} : (tensor<1x16x176xf32>, tensor<176x64xf32>) -> tensor<1x16x64xf32>
// CHECK: tessera.matmul %{{.*}}, %{{.*}} : (tensor<1x16x64xf32>, tensor<64x1000xf32>) -> tensor<1x16x1000xf32>
// CHECK: return
