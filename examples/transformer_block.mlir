// A GPT-2-style decoder block in the tessera dialect, as the ONNX importer
// produces it: batch 1, sequence 8, model width 32, 2 heads of 16, MLP 128.
// Weights are function arguments here to keep the file readable; imported
// models carry them as dense_resource constants.
//
// It still holds what exporters leave behind: the causal mask and the
// attention scale are computed from constants, and one reshape feeds
// another. `make demo` runs the graph optimization pipeline on it.
func.func @decoder_block(
    %x: tensor<1x8x32xf32>,
    %ln1_g: tensor<32xf32>, %ln1_b: tensor<32xf32>,
    %w_qkv: tensor<32x96xf32>, %b_qkv: tensor<96xf32>,
    %w_proj: tensor<32x32xf32>, %b_proj: tensor<32xf32>,
    %ln2_g: tensor<32xf32>, %ln2_b: tensor<32xf32>,
    %w_fc: tensor<32x128xf32>, %b_fc: tensor<128xf32>,
    %w_out: tensor<128x32xf32>, %b_out: tensor<32xf32>) -> tensor<1x8x32xf32> {
  // Attention.
  %h = tessera.layer_norm %x, %ln1_g, %ln1_b axis = 2 epsilon = 1.0e-05
      : (tensor<1x8x32xf32>, tensor<32xf32>, tensor<32xf32>) -> tensor<1x8x32xf32>
  %qkv0 = tessera.matmul %h, %w_qkv
      : (tensor<1x8x32xf32>, tensor<32x96xf32>) -> tensor<1x8x96xf32>
  %qkv = tessera.add %qkv0, %b_qkv
      : (tensor<1x8x96xf32>, tensor<96xf32>) -> tensor<1x8x96xf32>
  %q0, %k0, %v0 = tessera.split %qkv axis = 2 sizes = [32, 32, 32]
      : (tensor<1x8x96xf32>)
      -> (tensor<1x8x32xf32>, tensor<1x8x32xf32>, tensor<1x8x32xf32>)
  %q1 = tessera.reshape %q0 : (tensor<1x8x32xf32>) -> tensor<1x8x2x16xf32>
  %q = tessera.transpose %q1 permutation = [0, 2, 1, 3]
      : (tensor<1x8x2x16xf32>) -> tensor<1x2x8x16xf32>
  %k1 = tessera.reshape %k0 : (tensor<1x8x32xf32>) -> tensor<1x8x2x16xf32>
  %kt = tessera.transpose %k1 permutation = [0, 2, 3, 1]
      : (tensor<1x8x2x16xf32>) -> tensor<1x2x16x8xf32>
  %v1 = tessera.reshape %v0 : (tensor<1x8x32xf32>) -> tensor<1x8x2x16xf32>
  %v = tessera.transpose %v1 permutation = [0, 2, 1, 3]
      : (tensor<1x8x2x16xf32>) -> tensor<1x2x8x16xf32>
  %scores0 = tessera.matmul %q, %kt
      : (tensor<1x2x8x16xf32>, tensor<1x2x16x8xf32>) -> tensor<1x2x8x8xf32>
  // scale = 1 / sqrt(head_dim), computed from a constant.
  %head_dim = tessera.constant dense<16.0> : tensor<f32>
  %scale = tessera.rsqrt %head_dim : tensor<f32>
  %scores1 = tessera.mul %scores0, %scale
      : (tensor<1x2x8x8xf32>, tensor<f32>) -> tensor<1x2x8x8xf32>
  // Causal mask: key position <= query position.
  %rows = tessera.constant dense<[[0], [1], [2], [3], [4], [5], [6], [7]]>
      : tensor<8x1xi64>
  %cols = tessera.constant dense<[0, 1, 2, 3, 4, 5, 6, 7]> : tensor<8xi64>
  %mask = tessera.compare le, %cols, %rows
      : (tensor<8xi64>, tensor<8x1xi64>) -> tensor<8x8xi1>
  %neg_inf = tessera.constant dense<-1.0e+09> : tensor<f32>
  %scores = tessera.where %mask, %scores1, %neg_inf
      : (tensor<8x8xi1>, tensor<1x2x8x8xf32>, tensor<f32>) -> tensor<1x2x8x8xf32>
  %probs = tessera.softmax %scores axis = 3 : tensor<1x2x8x8xf32>
  %ctx0 = tessera.matmul %probs, %v
      : (tensor<1x2x8x8xf32>, tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32>
  %ctx1 = tessera.transpose %ctx0 permutation = [0, 2, 1, 3]
      : (tensor<1x2x8x16xf32>) -> tensor<1x8x2x16xf32>
  %ctx2 = tessera.reshape %ctx1 : (tensor<1x8x2x16xf32>) -> tensor<8x32xf32>
  %ctx = tessera.reshape %ctx2 : (tensor<8x32xf32>) -> tensor<1x8x32xf32>
  %attn0 = tessera.matmul %ctx, %w_proj
      : (tensor<1x8x32xf32>, tensor<32x32xf32>) -> tensor<1x8x32xf32>
  %attn = tessera.add %attn0, %b_proj
      : (tensor<1x8x32xf32>, tensor<32xf32>) -> tensor<1x8x32xf32>
  %x1 = tessera.add %x, %attn
      : (tensor<1x8x32xf32>, tensor<1x8x32xf32>) -> tensor<1x8x32xf32>

  // MLP.
  %h2 = tessera.layer_norm %x1, %ln2_g, %ln2_b axis = 2 epsilon = 1.0e-05
      : (tensor<1x8x32xf32>, tensor<32xf32>, tensor<32xf32>) -> tensor<1x8x32xf32>
  %fc0 = tessera.matmul %h2, %w_fc
      : (tensor<1x8x32xf32>, tensor<32x128xf32>) -> tensor<1x8x128xf32>
  %fc = tessera.add %fc0, %b_fc
      : (tensor<1x8x128xf32>, tensor<128xf32>) -> tensor<1x8x128xf32>
  %act = tessera.gelu %fc approximate = tanh : tensor<1x8x128xf32>
  %out0 = tessera.matmul %act, %w_out
      : (tensor<1x8x128xf32>, tensor<128x32xf32>) -> tensor<1x8x32xf32>
  %out = tessera.add %out0, %b_out
      : (tensor<1x8x32xf32>, tensor<32xf32>) -> tensor<1x8x32xf32>
  %y = tessera.add %x1, %out
      : (tensor<1x8x32xf32>, tensor<1x8x32xf32>) -> tensor<1x8x32xf32>
  return %y : tensor<1x8x32xf32>
}
