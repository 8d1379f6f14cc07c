// Verifier tests of the tessera dialect: every diagnostic its shape rules and
// verifiers emit, and representative ODS-generated ones.

// RUN: tessera-opt %s -split-input-file -verify-diagnostics

func.func @add_no_broadcast(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>) {
  // expected-error @+2 {{shapes 2x3, 4x3 do not broadcast}}
  // expected-error @+1 {{'tessera.add' op failed to infer returned types}}
  %0 = tessera.add %a, %b : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @where_no_broadcast(%c: tensor<2x3xi1>, %a: tensor<3x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+2 {{shapes 2x3, 3x3, 3 do not broadcast}}
  // expected-error @+1 {{'tessera.where' op failed to infer returned types}}
  %0 = tessera.where %c, %a, %b : (tensor<2x3xi1>, tensor<3x3xf32>, tensor<3xf32>) -> tensor<3x3xf32>
  return
}

// -----

func.func @compare_no_broadcast(%a: tensor<2xi64>, %b: tensor<3xi64>) {
  // expected-error @+2 {{shapes 2, 3 do not broadcast}}
  // expected-error @+1 {{'tessera.compare' op failed to infer returned types}}
  %0 = tessera.compare eq, %a, %b : (tensor<2xi64>, tensor<3xi64>) -> tensor<3xi1>
  return
}

// -----

func.func @matmul_batch_no_broadcast(%a: tensor<3x4x8xf32>, %b: tensor<5x8x2xf32>) {
  // expected-error @+2 {{shapes 3, 5 do not broadcast}}
  // expected-error @+1 {{'tessera.matmul' op failed to infer returned types}}
  %0 = tessera.matmul %a, %b : (tensor<3x4x8xf32>, tensor<5x8x2xf32>) -> tensor<3x4x2xf32>
  return
}

// -----

func.func @matmul_scalar(%a: tensor<f32>, %b: tensor<3x4xf32>) {
  // expected-error @+2 {{expects operands of rank 2 or more, got scalar and 3x4}}
  // expected-error @+1 {{'tessera.matmul' op failed to infer returned types}}
  %0 = tessera.matmul %a, %b : (tensor<f32>, tensor<3x4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @matmul_rank1(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+2 {{expects operands of rank 2 or more, got 2x3 and 3}}
  // expected-error @+1 {{'tessera.matmul' op failed to infer returned types}}
  %0 = tessera.matmul %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @matmul_k(%a: tensor<2x4x8xf16>, %b: tensor<6x3xf16>) {
  // expected-error @+2 {{contracting dimensions differ: lhs 2x4x8 has K = 8, rhs 6x3 has K = 6}}
  // expected-error @+1 {{'tessera.matmul' op failed to infer returned types}}
  %0 = tessera.matmul %a, %b : (tensor<2x4x8xf16>, tensor<6x3xf16>) -> tensor<2x4x3xf16>
  return
}

// -----

func.func @conv_window_height(%x: tensor<1x1x2x8xf32>, %w: tensor<1x1x3x3xf32>) {
  // expected-error @+2 {{window of extent 3 does not fit the padded height dimension of size 2}}
  // expected-error @+1 {{'tessera.conv2d' op failed to infer returned types}}
  %0 = tessera.conv2d %x, %w strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x1x2x8xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x1x6xf32>
  return
}

// -----

func.func @pool_window_width(%x: tensor<1x1x8x4xf32>) {
  // expected-error @+2 {{window of extent 5 does not fit the padded width dimension of size 4}}
  // expected-error @+1 {{'tessera.max_pool2d' op failed to infer returned types}}
  %0 = tessera.max_pool2d %x kernel = [2, 2] strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 4] : (tensor<1x1x8x4xf32>) -> tensor<1x1x7x1xf32>
  return
}

// -----

func.func @pool_window_count(%x: tensor<1x1x8x8xf32>) {
  // expected-error @+2 {{expects 2 kernel values, got 3}}
  // expected-error @+1 {{'tessera.max_pool2d' op failed to infer returned types}}
  %0 = tessera.max_pool2d %x kernel = [2, 2, 2] strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x1x8x8xf32>) -> tensor<1x1x7x7xf32>
  return
}

// -----

func.func @pool_window_positive(%x: tensor<1x1x8x8xf32>) {
  // expected-error @+2 {{expects kernel to be positive, got [0, 2]}}
  // expected-error @+1 {{'tessera.avg_pool2d' op failed to infer returned types}}
  %0 = tessera.avg_pool2d %x kernel = [0, 2] strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x1x8x8xf32>) -> tensor<1x1x9x7xf32>
  return
}

// -----

// The window of conv2d is the spatial part of the weight shape.
func.func @conv_window_positive(%x: tensor<1x1x8x8xf32>, %w: tensor<1x1x3x0xf32>) {
  // expected-error @+2 {{expects kernel to be positive, got [3, 0]}}
  // expected-error @+1 {{'tessera.conv2d' op failed to infer returned types}}
  %0 = tessera.conv2d %x, %w strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x1x8x8xf32>, tensor<1x1x3x0xf32>) -> tensor<1x1x6x9xf32>
  return
}

// -----

func.func @conv_strides_count(%x: tensor<1x1x8x8xf32>, %w: tensor<1x1x3x3xf32>) {
  // expected-error @+2 {{expects 2 strides values, got 1}}
  // expected-error @+1 {{'tessera.conv2d' op failed to infer returned types}}
  %0 = tessera.conv2d %x, %w strides = [1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x1x8x8xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x6x6xf32>
  return
}

// -----

func.func @pool_strides_positive(%x: tensor<1x1x8x8xf32>) {
  // expected-error @+2 {{expects strides to be positive, got [1, 0]}}
  // expected-error @+1 {{'tessera.avg_pool2d' op failed to infer returned types}}
  %0 = tessera.avg_pool2d %x kernel = [2, 2] strides = [1, 0] padding = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x1x8x8xf32>) -> tensor<1x1x7x7xf32>
  return
}

// -----

func.func @pool_padding_count(%x: tensor<1x1x8x8xf32>) {
  // expected-error @+2 {{expects 4 padding values, got 2}}
  // expected-error @+1 {{'tessera.max_pool2d' op failed to infer returned types}}
  %0 = tessera.max_pool2d %x kernel = [2, 2] strides = [1, 1] padding = [1, 1] dilations = [1, 1] : (tensor<1x1x8x8xf32>) -> tensor<1x1x9x9xf32>
  return
}

// -----

func.func @conv_padding_negative(%x: tensor<1x1x8x8xf32>, %w: tensor<1x1x3x3xf32>) {
  // expected-error @+2 {{expects padding to be non-negative, got [0, -1, 0, 0]}}
  // expected-error @+1 {{'tessera.conv2d' op failed to infer returned types}}
  %0 = tessera.conv2d %x, %w strides = [1, 1] padding = [0, -1, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x1x8x8xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x6x5xf32>
  return
}

// -----

func.func @conv_dilations_count(%x: tensor<1x1x8x8xf32>, %w: tensor<1x1x3x3xf32>) {
  // expected-error @+2 {{expects 2 dilations values, got 3}}
  // expected-error @+1 {{'tessera.conv2d' op failed to infer returned types}}
  %0 = tessera.conv2d %x, %w strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1, 1] groups = 1 : (tensor<1x1x8x8xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x6x6xf32>
  return
}

// -----

func.func @pool_dilations_positive(%x: tensor<1x1x8x8xi32>) {
  // expected-error @+2 {{expects dilations to be positive, got [-1, 1]}}
  // expected-error @+1 {{'tessera.max_pool2d' op failed to infer returned types}}
  %0 = tessera.max_pool2d %x kernel = [2, 2] strides = [1, 1] padding = [0, 0, 0, 0] dilations = [-1, 1] : (tensor<1x1x8x8xi32>) -> tensor<1x1x7x7xi32>
  return
}

// -----

func.func @conv_input_rank(%x: tensor<3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{expects input of rank 4 (N, C, H, W), got 3x8x8}}
  // expected-error @+1 {{'tessera.conv2d' op failed to infer returned types}}
  %0 = tessera.conv2d %x, %w strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_weight_rank(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3xf32>) {
  // expected-error @+2 {{expects weight of rank 4 (F, C / groups, KH, KW), got 4x3x3}}
  // expected-error @+1 {{'tessera.conv2d' op failed to infer returned types}}
  %0 = tessera.conv2d %x, %w strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x3x8x8xf32>, tensor<4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_groups_zero(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{expects groups to be positive, got 0}}
  // expected-error @+1 {{'tessera.conv2d' op failed to infer returned types}}
  %0 = tessera.conv2d %x, %w strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 0 : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_groups_negative(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{expects groups to be positive, got -3}}
  // expected-error @+1 {{'tessera.conv2d' op failed to infer returned types}}
  %0 = tessera.conv2d %x, %w strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = -3 : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_channels(%x: tensor<1x6x8x8xf32>, %w: tensor<4x4x3x3xf32>) {
  // expected-error @+2 {{input has 6 channels but weight expects 4 x 1 groups = 4}}
  // expected-error @+1 {{'tessera.conv2d' op failed to infer returned types}}
  %0 = tessera.conv2d %x, %w strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x6x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_grouped_channels(%x: tensor<1x6x8x8xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error @+2 {{input has 6 channels but weight expects 2 x 2 groups = 4}}
  // expected-error @+1 {{'tessera.conv2d' op failed to infer returned types}}
  %0 = tessera.conv2d %x, %w strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 2 : (tensor<1x6x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_filters_groups(%x: tensor<1x4x8x8xf32>, %w: tensor<5x2x3x3xf32>) {
  // expected-error @+2 {{expects the 5 filters to be a multiple of groups = 2}}
  // expected-error @+1 {{'tessera.conv2d' op failed to infer returned types}}
  %0 = tessera.conv2d %x, %w strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 2 : (tensor<1x4x8x8xf32>, tensor<5x2x3x3xf32>) -> tensor<1x5x6x6xf32>
  return
}

// -----

func.func @conv_bias_shape(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<5xf32>) {
  // expected-error @+1 {{expects bias of shape 4, got 5}}
  %0 = tessera.conv2d %x, %w, %b strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<5xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_bias_rank(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<1x4xf32>) {
  // expected-error @+1 {{expects bias of shape 4, got 1x4}}
  %0 = tessera.conv2d %x, %w, %b strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<1x4xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @max_pool_padding_kernel(%x: tensor<1x1x8x8xf32>) {
  // expected-error @+2 {{expects padding smaller than the kernel, got padding [0, 0, 2, 0] for kernel [2, 2]}}
  // expected-error @+1 {{'tessera.max_pool2d' op failed to infer returned types}}
  %0 = tessera.max_pool2d %x kernel = [2, 2] strides = [1, 1] padding = [0, 0, 2, 0] dilations = [1, 1] : (tensor<1x1x8x8xf32>) -> tensor<1x1x9x7xf32>
  return
}

// -----

func.func @avg_pool_padding_kernel(%x: tensor<1x1x8x8xf32>) {
  // expected-error @+2 {{expects padding smaller than the kernel, got padding [0, 1, 0, 0] for kernel [3, 1]}}
  // expected-error @+1 {{'tessera.avg_pool2d' op failed to infer returned types}}
  %0 = tessera.avg_pool2d %x kernel = [3, 1] strides = [1, 1] padding = [0, 1, 0, 0] dilations = [1, 1] : (tensor<1x1x8x8xf32>) -> tensor<1x1x6x9xf32>
  return
}

// -----

func.func @max_pool_input_rank(%x: tensor<1x8x8xf32>) {
  // expected-error @+2 {{expects input of rank 4 (N, C, H, W), got 1x8x8}}
  // expected-error @+1 {{'tessera.max_pool2d' op failed to infer returned types}}
  %0 = tessera.max_pool2d %x kernel = [2, 2] strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x8x8xf32>) -> tensor<1x7x7xf32>
  return
}

// -----

func.func @avg_pool_input_rank(%x: tensor<1x1x1x8x8xf32>) {
  // expected-error @+2 {{expects input of rank 4 (N, C, H, W), got 1x1x1x8x8}}
  // expected-error @+1 {{'tessera.avg_pool2d' op failed to infer returned types}}
  %0 = tessera.avg_pool2d %x kernel = [2, 2] strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x1x1x8x8xf32>) -> tensor<1x1x7x7xf32>
  return
}

// -----

func.func @global_avg_pool_rank(%x: tensor<1x512x7xf32>) {
  // expected-error @+2 {{expects input of rank 4 (N, C, H, W), got 1x512x7}}
  // expected-error @+1 {{'tessera.global_avg_pool2d' op failed to infer returned types}}
  %0 = tessera.global_avg_pool2d %x : (tensor<1x512x7xf32>) -> tensor<1x512x1x1xf32>
  return
}

// -----

func.func @global_max_pool_rank(%x: tensor<i32>) {
  // expected-error @+2 {{expects input of rank 4 (N, C, H, W), got scalar}}
  // expected-error @+1 {{'tessera.global_max_pool2d' op failed to infer returned types}}
  %0 = tessera.global_max_pool2d %x : (tensor<i32>) -> tensor<1x1x1x1xi32>
  return
}

// -----

func.func @softmax_axis(%x: tensor<2x3x4xf32>) {
  // expected-error @+1 {{axis 3 is out of range for rank 3}}
  %0 = tessera.softmax %x axis = 3 : tensor<2x3x4xf32>
  return
}

// -----

func.func @softmax_negative_axis(%x: tensor<2x3x4xf32>) {
  // expected-error @+1 {{axis -1 is out of range for rank 3}}
  %0 = tessera.softmax %x axis = -1 : tensor<2x3x4xf32>
  return
}

// -----

func.func @reduce_axis(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{axis 2 is out of range for rank 2}}
  // expected-error @+1 {{'tessera.reduce_sum' op failed to infer returned types}}
  %0 = tessera.reduce_sum %x axes = [0, 2] : (tensor<2x3xf32>) -> tensor<f32>
  return
}

// -----

func.func @reduce_no_axes(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{expects at least one axis}}
  // expected-error @+1 {{'tessera.reduce_mean' op failed to infer returned types}}
  %0 = tessera.reduce_mean %x axes = [] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @reduce_unsorted(%x: tensor<2x3xi32>) {
  // expected-error @+2 {{expects sorted, distinct axes, got [1, 0]}}
  // expected-error @+1 {{'tessera.reduce_max' op failed to infer returned types}}
  %0 = tessera.reduce_max %x axes = [1, 0] : (tensor<2x3xi32>) -> tensor<i32>
  return
}

// -----

func.func @reduce_duplicate(%x: tensor<2x3xi32>) {
  // expected-error @+2 {{expects sorted, distinct axes, got [1, 1]}}
  // expected-error @+1 {{'tessera.reduce_min' op failed to infer returned types}}
  %0 = tessera.reduce_min %x axes = [1, 1] keepdims : (tensor<2x3xi32>) -> tensor<2x1xi32>
  return
}

// -----

func.func @transpose_duplicate(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{permutation [0, 0] is not a permutation of the 2 dimensions}}
  // expected-error @+1 {{'tessera.transpose' op failed to infer returned types}}
  %0 = tessera.transpose %x permutation = [0, 0] : (tensor<2x3xf32>) -> tensor<2x2xf32>
  return
}

// -----

func.func @transpose_length(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{permutation [1, 0, 2] is not a permutation of the 2 dimensions}}
  // expected-error @+1 {{'tessera.transpose' op failed to infer returned types}}
  %0 = tessera.transpose %x permutation = [1, 0, 2] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return
}

// -----

func.func @transpose_range(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{permutation [0, 2] is not a permutation of the 2 dimensions}}
  // expected-error @+1 {{'tessera.transpose' op failed to infer returned types}}
  %0 = tessera.transpose %x permutation = [0, 2] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @concat_axis(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{axis 2 is out of range for rank 2}}
  // expected-error @+1 {{'tessera.concat' op failed to infer returned types}}
  %0 = tessera.concat %a, %a axis = 2 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  return
}

// -----

func.func @concat_mismatch(%a: tensor<2x3xf32>, %b: tensor<2x5xf32>, %c: tensor<3x4xf32>) {
  // expected-error @+2 {{input #2 of shape 3x4 does not match input #0 of shape 2x3 outside axis 1}}
  // expected-error @+1 {{'tessera.concat' op failed to infer returned types}}
  %0 = tessera.concat %a, %b, %c axis = 1 : (tensor<2x3xf32>, tensor<2x5xf32>, tensor<3x4xf32>) -> tensor<2x12xf32>
  return
}

// -----

func.func @concat_rank(%a: tensor<2x3xf32>, %b: tensor<2x3x1xf32>) {
  // expected-error @+2 {{input #1 of shape 2x3x1 does not match input #0 of shape 2x3 outside axis 0}}
  // expected-error @+1 {{'tessera.concat' op failed to infer returned types}}
  %0 = tessera.concat %a, %b axis = 0 : (tensor<2x3xf32>, tensor<2x3x1xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @split_axis(%a: tensor<4xf32>) {
  // expected-error @+2 {{axis 1 is out of range for rank 1}}
  // expected-error @+1 {{'tessera.split' op failed to infer returned types}}
  %0:2 = tessera.split %a axis = 1 sizes = [2, 2] : (tensor<4xf32>) -> (tensor<2xf32>, tensor<2xf32>)
  return
}

// -----

func.func @split_negative(%a: tensor<4xf32>) {
  // expected-error @+2 {{expects non-negative sizes, got [5, -1]}}
  // expected-error @+1 {{'tessera.split' op failed to infer returned types}}
  %0:2 = tessera.split %a axis = 0 sizes = [5, -1] : (tensor<4xf32>) -> (tensor<5xf32>, tensor<4xf32>)
  return
}

// -----

func.func @split_sum(%a: tensor<6x2xf32>) {
  // expected-error @+2 {{sizes [2, 3] do not add up to dimension 0 of size 6}}
  // expected-error @+1 {{'tessera.split' op failed to infer returned types}}
  %0:2 = tessera.split %a axis = 0 sizes = [2, 3] : (tensor<6x2xf32>) -> (tensor<2x2xf32>, tensor<3x2xf32>)
  return
}

// -----

// With no sizes the op has no results; here one result is given so that the
// shape rule, not ODS, is what rejects it.
func.func @split_empty(%a: tensor<6xf32>) {
  // expected-error @+2 {{sizes [] do not add up to dimension 0 of size 6}}
  // expected-error @+1 {{'tessera.split' op failed to infer returned types}}
  %0 = tessera.split %a axis = 0 sizes = [] : (tensor<6xf32>) -> tensor<6xf32>
  return
}

// -----

func.func @slice_count(%a: tensor<4x8xf32>) {
  // expected-error @+2 {{expects 2 starts, limits and steps (one per dimension), got 1, 2 and 2}}
  // expected-error @+1 {{'tessera.slice' op failed to infer returned types}}
  %0 = tessera.slice %a starts = [0] limits = [4, 8] steps = [1, 1] : (tensor<4x8xf32>) -> tensor<4x8xf32>
  return
}

// -----

func.func @slice_limit(%a: tensor<4x8xf32>) {
  // expected-error @+2 {{slice 0:5:1 of dimension 0 (size 4) is out of range}}
  // expected-error @+1 {{'tessera.slice' op failed to infer returned types}}
  %0 = tessera.slice %a starts = [0, 0] limits = [5, 8] steps = [1, 1] : (tensor<4x8xf32>) -> tensor<5x8xf32>
  return
}

// -----

func.func @slice_start_after_limit(%a: tensor<4x8xf32>) {
  // expected-error @+2 {{slice 6:2:1 of dimension 1 (size 8) is out of range}}
  // expected-error @+1 {{'tessera.slice' op failed to infer returned types}}
  %0 = tessera.slice %a starts = [0, 6] limits = [4, 2] steps = [1, 1] : (tensor<4x8xf32>) -> tensor<4x0xf32>
  return
}

// -----

func.func @slice_zero_step(%a: tensor<4x8xf32>) {
  // expected-error @+2 {{slice 0:8:0 of dimension 1 (size 8) is out of range}}
  // expected-error @+1 {{'tessera.slice' op failed to infer returned types}}
  %0 = tessera.slice %a starts = [0, 0] limits = [4, 8] steps = [1, 0] : (tensor<4x8xf32>) -> tensor<4x8xf32>
  return
}

// -----

func.func @slice_negative_step_start(%a: tensor<4x8xf32>) {
  // expected-error @+2 {{slice 4:-1:-1 of dimension 0 (size 4) is out of range}}
  // expected-error @+1 {{'tessera.slice' op failed to infer returned types}}
  %0 = tessera.slice %a starts = [4, 0] limits = [-1, 8] steps = [-1, 1] : (tensor<4x8xf32>) -> tensor<5x8xf32>
  return
}

// -----

func.func @slice_negative_step_limit(%a: tensor<4x8xf32>) {
  // expected-error @+2 {{slice 3:-2:-1 of dimension 0 (size 4) is out of range}}
  // expected-error @+1 {{'tessera.slice' op failed to infer returned types}}
  %0 = tessera.slice %a starts = [3, 0] limits = [-2, 8] steps = [-1, 1] : (tensor<4x8xf32>) -> tensor<5x8xf32>
  return
}

// -----

func.func @gather_axis(%a: tensor<4x8xf32>, %i: tensor<3xi64>) {
  // expected-error @+2 {{axis 2 is out of range for rank 2}}
  // expected-error @+1 {{'tessera.gather' op failed to infer returned types}}
  %0 = tessera.gather %a, %i axis = 2 : (tensor<4x8xf32>, tensor<3xi64>) -> tensor<4x8x3xf32>
  return
}

// -----

func.func @pad_count(%a: tensor<4x8xf32>) {
  // expected-error @+2 {{expects 2 low and high pads (one per dimension), got 1 and 2}}
  // expected-error @+1 {{'tessera.pad' op failed to infer returned types}}
  %0 = tessera.pad %a low = [1] high = [1, 1] mode = constant value = 0.0 : (tensor<4x8xf32>) -> tensor<6x10xf32>
  return
}

// -----

func.func @pad_negative(%a: tensor<4x8xf32>) {
  // expected-error @+2 {{expects non-negative pads, got low [0, -1] high [0, 0]}}
  // expected-error @+1 {{'tessera.pad' op failed to infer returned types}}
  %0 = tessera.pad %a low = [0, -1] high = [0, 0] mode = constant value = 0.0 : (tensor<4x8xf32>) -> tensor<4x7xf32>
  return
}

// -----

func.func @pad_reflect(%a: tensor<4x3xf32>) {
  // expected-error @+2 {{reflect pads of dimension 1 must be smaller than its size 3}}
  // expected-error @+1 {{'tessera.pad' op failed to infer returned types}}
  %0 = tessera.pad %a low = [1, 0] high = [1, 3] mode = reflect value = 0.0 : (tensor<4x3xf32>) -> tensor<6x6xf32>
  return
}

// -----

func.func @pad_edge(%a: tensor<0x3xf32>) {
  // expected-error @+2 {{edge padding of dimension 0 has no element to repeat}}
  // expected-error @+1 {{'tessera.pad' op failed to infer returned types}}
  %0 = tessera.pad %a low = [1, 0] high = [0, 0] mode = edge value = 0.0 : (tensor<0x3xf32>) -> tensor<1x3xf32>
  return
}

// -----

func.func @batch_norm_rank(%x: tensor<4xf32>, %p: tensor<4xf32>) {
  // expected-error @+1 {{'tessera.batch_norm' op expects input of rank 2 or more (N, C, ...), got 4}}
  %0 = tessera.batch_norm %x, %p, %p, %p, %p epsilon = 1.0e-05 : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @batch_norm_scalar(%x: tensor<f32>, %p: tensor<1xf32>) {
  // expected-error @+1 {{'tessera.batch_norm' op expects input of rank 2 or more (N, C, ...), got scalar}}
  %0 = tessera.batch_norm %x, %p, %p, %p, %p epsilon = 1.0e-05 : (tensor<f32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<f32>
  return
}

// -----

func.func @batch_norm_scale(%x: tensor<2x3x4x4xf32>, %p: tensor<3xf32>, %q: tensor<4xf32>) {
  // expected-error @+1 {{expects scale of shape 3, got 4}}
  %0 = tessera.batch_norm %x, %q, %p, %p, %p epsilon = 1.0e-05 : (tensor<2x3x4x4xf32>, tensor<4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4x4xf32>
  return
}

// -----

func.func @batch_norm_bias(%x: tensor<2x3x4x4xf32>, %p: tensor<3xf32>, %q: tensor<1x3xf32>) {
  // expected-error @+1 {{expects bias of shape 3, got 1x3}}
  %0 = tessera.batch_norm %x, %p, %q, %p, %p epsilon = 1.0e-05 : (tensor<2x3x4x4xf32>, tensor<3xf32>, tensor<1x3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4x4xf32>
  return
}

// -----

func.func @batch_norm_mean(%x: tensor<2x3x4x4xf32>, %p: tensor<3xf32>, %q: tensor<f32>) {
  // expected-error @+1 {{expects mean of shape 3, got scalar}}
  %0 = tessera.batch_norm %x, %p, %p, %q, %p epsilon = 1.0e-05 : (tensor<2x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<f32>, tensor<3xf32>) -> tensor<2x3x4x4xf32>
  return
}

// -----

func.func @batch_norm_variance(%x: tensor<2x3x4x4xf32>, %p: tensor<3xf32>, %q: tensor<2xf32>) {
  // expected-error @+1 {{expects variance of shape 3, got 2}}
  %0 = tessera.batch_norm %x, %p, %p, %p, %q epsilon = 1.0e-05 : (tensor<2x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<2xf32>) -> tensor<2x3x4x4xf32>
  return
}

// -----

func.func @layer_norm_axis(%x: tensor<2x8xf32>, %s: tensor<8xf32>) {
  // expected-error @+1 {{axis 2 is out of range for rank 2}}
  %0 = tessera.layer_norm %x, %s axis = 2 epsilon = 1.0e-05 : (tensor<2x8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  return
}

// -----

func.func @layer_norm_scale(%x: tensor<2x4x8xf32>, %s: tensor<8xf32>) {
  // expected-error @+1 {{expects scale of shape 4x8, got 8}}
  %0 = tessera.layer_norm %x, %s axis = 1 epsilon = 1.0e-05 : (tensor<2x4x8xf32>, tensor<8xf32>) -> tensor<2x4x8xf32>
  return
}

// -----

func.func @layer_norm_bias(%x: tensor<2x4x8xf32>, %s: tensor<8xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{expects bias of shape 8, got 4}}
  %0 = tessera.layer_norm %x, %s, %b axis = 2 epsilon = 1.0e-05 : (tensor<2x4x8xf32>, tensor<8xf32>, tensor<4xf32>) -> tensor<2x4x8xf32>
  return
}

// -----

func.func @layer_norm_bias_type(%x: tensor<2x4x8xf32>, %s: tensor<8xf32>, %b: tensor<8xf16>) {
  // expected-error @+1 {{'tessera.layer_norm' op expects bias of element type 'f32', got 'f16'}}
  %0 = tessera.layer_norm %x, %s, %b axis = 2 epsilon = 1.0e-05 : (tensor<2x4x8xf32>, tensor<8xf32>, tensor<8xf16>) -> tensor<2x4x8xf32>
  return
}

// -----

func.func @rms_norm_axis(%x: tensor<2x8xf16>, %s: tensor<8xf16>) {
  // expected-error @+1 {{axis -1 is out of range for rank 2}}
  %0 = tessera.rms_norm %x, %s axis = -1 epsilon = 1.0e-05 : (tensor<2x8xf16>, tensor<8xf16>) -> tensor<2x8xf16>
  return
}

// -----

func.func @rms_norm_scale(%x: tensor<2x8xf16>, %s: tensor<2x8xf16>) {
  // expected-error @+1 {{expects scale of shape 8, got 2x8}}
  %0 = tessera.rms_norm %x, %s axis = 1 epsilon = 1.0e-05 : (tensor<2x8xf16>, tensor<2x8xf16>) -> tensor<2x8xf16>
  return
}

// -----

func.func @clip_min_max(%x: tensor<4xf32>) {
  // expected-error @+1 {{'tessera.clip' op min 6.000000e+00 is greater than max 5.000000e-01}}
  %0 = tessera.clip %x min = 6.0 max = 0.5 : tensor<4xf32>
  return
}

// -----

func.func @reshape_count(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'tessera.reshape' op cannot reshape 2x3 (6 elements) to 4x2 (8 elements)}}
  %0 = tessera.reshape %x : (tensor<2x3xf32>) -> tensor<4x2xf32>
  return
}

// -----

func.func @broadcast_dim(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'tessera.broadcast' op cannot broadcast 2x3 to 4x3}}
  %0 = tessera.broadcast %x : (tensor<2x3xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @broadcast_rank(%x: tensor<1x3xf32>) {
  // expected-error @+1 {{'tessera.broadcast' op cannot broadcast 1x3 to 3}}
  %0 = tessera.broadcast %x : (tensor<1x3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @exp_integer(%a: tensor<3xi32>) {
  // expected-error @+1 {{'tessera.exp' op operand #0 must be statically shaped tensor of floating-point values, but got 'tensor<3xi32>'}}
  %0 = tessera.exp %a : tensor<3xi32>
  return
}

// -----

func.func @dynamic_shape(%a: tensor<?xf32>) {
  // expected-error @+1 {{'tessera.relu' op operand #0 must be statically shaped tensor of numeric values, but got 'tensor<?xf32>'}}
  %0 = tessera.relu %a : tensor<?xf32>
  return
}

// -----

// ODS rejects an unranked operand before type inference could (so the
// dialect's own "expects ranked tensor operands" is never reached).
func.func @unranked(%a: tensor<*xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{'tessera.add' op operand #0 must be statically shaped tensor of numeric values, but got 'tensor<*xf32>'}}
  %0 = tessera.add %a, %b : (tensor<*xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @unsupported_element(%a: tensor<3xf8E4M3FN>) {
  // expected-error @+1 {{'tessera.neg' op operand #0 must be statically shaped tensor of numeric values, but got 'tensor<3xf8E4M3FN>'}}
  %0 = tessera.neg %a : tensor<3xf8E4M3FN>
  return
}

// -----

func.func @neg_bool(%a: tensor<3xi1>) {
  // expected-error @+1 {{'tessera.neg' op operand #0 must be statically shaped tensor of numeric values, but got 'tensor<3xi1>'}}
  %0 = tessera.neg %a : tensor<3xi1>
  return
}

// -----

func.func @logical_not_float(%a: tensor<3xf32>) {
  // expected-error @+1 {{'tessera.logical_not' op operand #0 must be statically shaped tensor of bool values, but got 'tensor<3xf32>'}}
  %0 = tessera.logical_not %a : tensor<3xf32>
  return
}

// -----

func.func @mismatched_elements(%a: tensor<2x3xf32>, %b: tensor<3xf16>) {
  // expected-error @+1 {{'tessera.mul' op failed to verify that all of {lhs, rhs, result} have same element type}}
  %0 = tessera.mul %a, %b : (tensor<2x3xf32>, tensor<3xf16>) -> tensor<2x3xf32>
  return
}

// -----

func.func @result_shape(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+2 {{'tessera.sub' op inferred type(s) 'tensor<2x3xf32>' are incompatible with return type(s) of operation 'tensor<3x3xf32>'}}
  // expected-error @+1 {{'tessera.sub' op failed to infer returned types}}
  %0 = tessera.sub %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<3x3xf32>
  return
}

// -----

func.func @result_element(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) {
  // expected-error @+1 {{'tessera.div' op failed to verify that all of {lhs, rhs, result} have same element type}}
  %0 = tessera.div %a, %b : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf16>
  return
}

// -----

func.func @logical_and_float(%a: tensor<3xf32>) {
  // expected-error @+1 {{'tessera.logical_and' op operand #0 must be statically shaped tensor of bool values, but got 'tensor<3xf32>'}}
  %0 = tessera.logical_and %a, %a : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @compare_result(%a: tensor<3xf32>) {
  // expected-error @+1 {{'tessera.compare' op result #0 must be statically shaped tensor of bool values, but got 'tensor<3xf32>'}}
  %0 = tessera.compare ge, %a, %a : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @compare_elements(%a: tensor<3xf32>, %b: tensor<3xi32>) {
  // expected-error @+1 {{'tessera.compare' op failed to verify that all of {lhs, rhs} have same element type}}
  %0 = tessera.compare ne, %a, %b : (tensor<3xf32>, tensor<3xi32>) -> tensor<3xi1>
  return
}

// -----

func.func @compare_direction(%a: tensor<3xf32>) {
  // expected-error @+1 {{custom op 'tessera.compare' expected string or keyword containing one of the following enum values for attribute 'direction' [eq, ne, lt, le, gt, ge]}}
  %0 = tessera.compare gte, %a, %a : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi1>
  return
}

// -----

func.func @where_condition(%c: tensor<3xi32>, %a: tensor<3xf32>) {
  // expected-error @+1 {{'tessera.where' op operand #0 must be statically shaped tensor of bool values, but got 'tensor<3xi32>'}}
  %0 = tessera.where %c, %a, %a : (tensor<3xi32>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @where_elements(%c: tensor<3xi1>, %a: tensor<3xf32>, %b: tensor<3xi64>) {
  // expected-error @+1 {{'tessera.where' op failed to verify that all of {true_value, false_value, result} have same element type}}
  %0 = tessera.where %c, %a, %b : (tensor<3xi1>, tensor<3xf32>, tensor<3xi64>) -> tensor<3xf32>
  return
}

// -----

func.func @cast_shape(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'tessera.cast' op requires the same shape for all operands and results}}
  %0 = tessera.cast %a : tensor<2x3xf32> to tensor<3x2xf16>
  return
}

// -----

func.func @gelu_approximation(%a: tensor<3xf32>) {
  // expected-error @+1 {{custom op 'tessera.gelu' expected string or keyword containing one of the following enum values for attribute 'approximate' [none, tanh]}}
  %0 = tessera.gelu %a approximate = erf : tensor<3xf32>
  return
}

// -----

func.func @constant_type() {
  // expected-error @+1 {{'tessera.constant' op failed to verify that all of {value, result} have same type}}
  %0 = "tessera.constant"() <{value = dense<1.0> : tensor<2xf32>}> : () -> tensor<3xf32>
  return
}

// -----

func.func @constant_element() {
  // expected-error @+1 {{'tessera.constant' op result #0 must be statically shaped tensor of tessera element values, but got 'tensor<2xi4>'}}
  %0 = tessera.constant dense<1> : tensor<2xi4>
  return
}

// -----

func.func @matmul_elements(%a: tensor<2x3xf32>, %b: tensor<3x4xf16>) {
  // expected-error @+1 {{'tessera.matmul' op failed to verify that all of {lhs, rhs, result} have same element type}}
  %0 = tessera.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf16>) -> tensor<2x4xf32>
  return
}

// -----

func.func @matmul_result(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) {
  // expected-error @+2 {{'tessera.matmul' op inferred type(s) 'tensor<2x4xf32>' are incompatible with return type(s) of operation 'tensor<2x3xf32>'}}
  // expected-error @+1 {{'tessera.matmul' op failed to infer returned types}}
  %0 = tessera.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @conv_integer(%x: tensor<1x1x4x4xi32>, %w: tensor<1x1x1x1xi32>) {
  // expected-error @+1 {{'tessera.conv2d' op operand #0 must be statically shaped tensor of floating-point values, but got 'tensor<1x1x4x4xi32>'}}
  %0 = tessera.conv2d %x, %w strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x1x4x4xi32>, tensor<1x1x1x1xi32>) -> tensor<1x1x4x4xi32>
  return
}

// -----

func.func @conv_result(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{'tessera.conv2d' op inferred type(s) 'tensor<1x4x8x8xf32>' are incompatible with return type(s) of operation 'tensor<1x4x6x6xf32>'}}
  // expected-error @+1 {{'tessera.conv2d' op failed to infer returned types}}
  %0 = tessera.conv2d %x, %w strides = [1, 1] padding = [1, 1, 1, 1] dilations = [1, 1] groups = 1 : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @max_pool_ceil_result(%x: tensor<1x2x6x6xf32>) {
  // expected-error @+2 {{'tessera.max_pool2d' op inferred type(s) 'tensor<1x2x2x2xf32>' are incompatible with return type(s) of operation 'tensor<1x2x3x3xf32>'}}
  // expected-error @+1 {{'tessera.max_pool2d' op failed to infer returned types}}
  %0 = tessera.max_pool2d %x kernel = [3, 3] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x2x6x6xf32>) -> tensor<1x2x3x3xf32>
  return
}

// -----

func.func @avg_pool_integer(%x: tensor<1x1x4x4xi32>) {
  // expected-error @+1 {{'tessera.avg_pool2d' op operand #0 must be statically shaped tensor of floating-point values, but got 'tensor<1x1x4x4xi32>'}}
  %0 = tessera.avg_pool2d %x kernel = [2, 2] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x1x4x4xi32>) -> tensor<1x1x2x2xi32>
  return
}

// -----

func.func @global_avg_pool_integer(%x: tensor<1x2x4x4xi64>) {
  // expected-error @+1 {{'tessera.global_avg_pool2d' op operand #0 must be statically shaped tensor of floating-point values, but got 'tensor<1x2x4x4xi64>'}}
  %0 = tessera.global_avg_pool2d %x : (tensor<1x2x4x4xi64>) -> tensor<1x2x1x1xi64>
  return
}

// -----

func.func @global_max_pool_result(%x: tensor<1x2x4x4xf32>) {
  // expected-error @+2 {{'tessera.global_max_pool2d' op inferred type(s) 'tensor<1x2x1x1xf32>' are incompatible with return type(s) of operation 'tensor<1x2xf32>'}}
  // expected-error @+1 {{'tessera.global_max_pool2d' op failed to infer returned types}}
  %0 = tessera.global_max_pool2d %x : (tensor<1x2x4x4xf32>) -> tensor<1x2xf32>
  return
}

// -----

func.func @batch_norm_elements(%x: tensor<2x3xf32>, %p: tensor<3xf32>, %q: tensor<3xf16>) {
  // expected-error @+1 {{'tessera.batch_norm' op failed to verify that all of {input, scale, bias, mean, variance} have same element type}}
  %0 = tessera.batch_norm %x, %p, %p, %q, %p epsilon = 1.0e-05 : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf16>, tensor<3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @batch_norm_result(%x: tensor<2x3xf32>, %p: tensor<3xf32>) {
  // expected-error @+1 {{'tessera.batch_norm' op failed to verify that all of {input, result} have same type}}
  %0 = tessera.batch_norm %x, %p, %p, %p, %p epsilon = 1.0e-05 : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<3x2xf32>
  return
}

// -----

func.func @layer_norm_scale_element(%x: tensor<2x8xf32>, %s: tensor<8xbf16>) {
  // expected-error @+1 {{'tessera.layer_norm' op failed to verify that all of {input, scale, result} have same element type}}
  %0 = tessera.layer_norm %x, %s axis = 1 epsilon = 1.0e-05 : (tensor<2x8xf32>, tensor<8xbf16>) -> tensor<2x8xf32>
  return
}

// -----

func.func @rms_norm_result(%x: tensor<2x8xf32>, %s: tensor<8xf32>) {
  // expected-error @+1 {{'tessera.rms_norm' op failed to verify that all of {input, scale, result} have same element type}}
  %0 = tessera.rms_norm %x, %s axis = 1 epsilon = 1.0e-05 : (tensor<2x8xf32>, tensor<8xf32>) -> tensor<2x8xf16>
  return
}

// -----

func.func @softmax_integer(%x: tensor<2x8xi32>) {
  // expected-error @+1 {{'tessera.softmax' op operand #0 must be statically shaped tensor of floating-point values, but got 'tensor<2x8xi32>'}}
  %0 = tessera.softmax %x axis = 1 : tensor<2x8xi32>
  return
}

// -----

func.func @softmax_axis_type(%x: tensor<2x8xf32>) {
  // expected-error @+1 {{'tessera.softmax' op attribute 'axis' failed to satisfy constraint: 64-bit integer attribute}}
  %0 = "tessera.softmax"(%x) <{axis = 1 : i32}> : (tensor<2x8xf32>) -> tensor<2x8xf32>
  return
}

// -----

func.func @reduce_mean_integer(%x: tensor<2x8xi32>) {
  // expected-error @+1 {{'tessera.reduce_mean' op operand #0 must be statically shaped tensor of floating-point values, but got 'tensor<2x8xi32>'}}
  %0 = tessera.reduce_mean %x axes = [1] : (tensor<2x8xi32>) -> tensor<2xi32>
  return
}

// -----

func.func @reduce_keepdims_result(%x: tensor<2x8xf32>) {
  // expected-error @+2 {{'tessera.reduce_sum' op inferred type(s) 'tensor<2xf32>' are incompatible with return type(s) of operation 'tensor<2x1xf32>'}}
  // expected-error @+1 {{'tessera.reduce_sum' op failed to infer returned types}}
  %0 = tessera.reduce_sum %x axes = [1] : (tensor<2x8xf32>) -> tensor<2x1xf32>
  return
}

// -----

func.func @reshape_element(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'tessera.reshape' op failed to verify that all of {input, result} have same element type}}
  %0 = tessera.reshape %x : (tensor<2x3xf32>) -> tensor<6xf16>
  return
}

// -----

func.func @transpose_result(%x: tensor<2x3x4xf32>) {
  // expected-error @+2 {{'tessera.transpose' op inferred type(s) 'tensor<4x2x3xf32>' are incompatible with return type(s) of operation 'tensor<4x3x2xf32>'}}
  // expected-error @+1 {{'tessera.transpose' op failed to infer returned types}}
  %0 = tessera.transpose %x permutation = [2, 0, 1] : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
  return
}

// -----

func.func @broadcast_element(%x: tensor<3xf32>) {
  // expected-error @+1 {{'tessera.broadcast' op failed to verify that all of {input, result} have same element type}}
  %0 = tessera.broadcast %x : (tensor<3xf32>) -> tensor<2x3xi32>
  return
}

// -----

func.func @concat_elements(%a: tensor<2xf32>, %b: tensor<2xf16>) {
  // expected-error @+1 {{'tessera.concat' op requires the same element type for all operands}}
  %0 = tessera.concat %a, %b axis = 0 : (tensor<2xf32>, tensor<2xf16>) -> tensor<4xf32>
  return
}

// -----

// ODS rejects an empty concat before type inference could (so the dialect's own
// "expects at least one input" is never reached).
func.func @concat_no_inputs() {
  // expected-error @+1 {{'tessera.concat' op expected 1 or more operands, but found 0}}
  %0 = tessera.concat axis = 0 : () -> tensor<0xf32>
  return
}

// -----

func.func @split_result_count(%a: tensor<4xf32>) {
  // expected-error @+2 {{'tessera.split' op inferred type(s) 'tensor<2xf32>', 'tensor<2xf32>' are incompatible with return type(s) of operation 'tensor<4xf32>'}}
  // expected-error @+1 {{'tessera.split' op failed to infer returned types}}
  %0 = tessera.split %a axis = 0 sizes = [2, 2] : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @split_no_results(%a: tensor<4xf32>) {
  // expected-error @+1 {{'tessera.split' op expected 1 or more results}}
  tessera.split %a axis = 0 sizes = [] : (tensor<4xf32>) -> ()
  return
}

// -----

func.func @slice_result(%a: tensor<4x8xf32>) {
  // expected-error @+2 {{'tessera.slice' op inferred type(s) 'tensor<4x4xf32>' are incompatible with return type(s) of operation 'tensor<4x3xf32>'}}
  // expected-error @+1 {{'tessera.slice' op failed to infer returned types}}
  %0 = tessera.slice %a starts = [0, 1] limits = [4, 8] steps = [1, 2] : (tensor<4x8xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @gather_index_type(%a: tensor<4x8xf32>, %i: tensor<3xi8>) {
  // expected-error @+1 {{'tessera.gather' op operand #1 must be statically shaped tensor of 32-bit signless integer or 64-bit signless integer values, but got 'tensor<3xi8>'}}
  %0 = tessera.gather %a, %i axis = 0 : (tensor<4x8xf32>, tensor<3xi8>) -> tensor<3x8xf32>
  return
}

// -----

func.func @gather_result(%a: tensor<4x8xf32>, %i: tensor<3xi64>) {
  // expected-error @+2 {{'tessera.gather' op inferred type(s) 'tensor<4x3xf32>' are incompatible with return type(s) of operation 'tensor<3x8xf32>'}}
  // expected-error @+1 {{'tessera.gather' op failed to infer returned types}}
  %0 = tessera.gather %a, %i axis = 1 : (tensor<4x8xf32>, tensor<3xi64>) -> tensor<3x8xf32>
  return
}

// -----

func.func @pad_mode(%a: tensor<4xf32>) {
  // expected-error @+1 {{custom op 'tessera.pad' expected string or keyword containing one of the following enum values for attribute 'mode' [constant, reflect, edge]}}
  %0 = tessera.pad %a low = [1] high = [1] mode = wrap value = 0.0 : (tensor<4xf32>) -> tensor<6xf32>
  return
}

// -----

func.func @pad_result(%a: tensor<4xf32>) {
  // expected-error @+2 {{'tessera.pad' op inferred type(s) 'tensor<7xf32>' are incompatible with return type(s) of operation 'tensor<6xf32>'}}
  // expected-error @+1 {{'tessera.pad' op failed to infer returned types}}
  %0 = tessera.pad %a low = [1] high = [2] mode = constant value = 0.0 : (tensor<4xf32>) -> tensor<6xf32>
  return
}

// -----

func.func @missing_attribute(%x: tensor<2x8xf32>) {
  // expected-error @+1 {{'tessera.softmax' op requires attribute 'axis'}}
  %0 = "tessera.softmax"(%x) : (tensor<2x8xf32>) -> tensor<2x8xf32>
  return
}

// -----

// Attributes of untrusted models must not overflow the shape arithmetic.
func.func @pool_dilation_overflows(%x: tensor<1x1x5x5xf32>) {
  // expected-error @+2 {{window, dilation or padding of the height dimension is too large}}
  // expected-error @+1 {{'tessera.max_pool2d' op failed to infer returned types}}
  %0 = tessera.max_pool2d %x kernel = [2, 2] strides = [1, 1] padding = [0, 0, 0, 0] dilations = [9223372036854775807, 1] : (tensor<1x1x5x5xf32>) -> tensor<1x1x1x4xf32>
  return
}

// -----

func.func @pad_overflows(%x: tensor<4xf32>) {
  // expected-error @+2 {{pads of dimension 0 are too large}}
  // expected-error @+1 {{'tessera.pad' op failed to infer returned types}}
  %0 = tessera.pad %x low = [9223372036854775807] high = [1] mode = constant value = 0.0 : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @conv_groups_overflow(%x: tensor<1x4x4x4xf32>, %w: tensor<4x2x1x1xf32>) {
  // expected-error @+2 {{input has 4 channels but weight expects 2 x 4611686018427387904 groups (overflows)}}
  // expected-error @+1 {{'tessera.conv2d' op failed to infer returned types}}
  %0 = tessera.conv2d %x, %w strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 4611686018427387904 : (tensor<1x4x4x4xf32>, tensor<4x2x1x1xf32>) -> tensor<1x4x4x4xf32>
  return
}

// -----

func.func @conv_bias_element_type(%x: tensor<1x4x1x1xf32>, %w: tensor<2x4x1x1xf32>, %b: tensor<2xf16>) {
  // expected-error @+1 {{'tessera.conv2d' op expects bias of element type 'f32', got 'f16'}}
  %0 = tessera.conv2d %x, %w, %b strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 1 : (tensor<1x4x1x1xf32>, tensor<2x4x1x1xf32>, tensor<2xf16>) -> tensor<1x2x1x1xf32>
  return
}

// -----

func.func @clip_nan(%x: tensor<4xf32>) {
  // expected-error @+1 {{'tessera.clip' op bounds must not be NaN}}
  %0 = tessera.clip %x min = 0x7FF8000000000000 : tensor<4xf32>
  return
}

// -----

// With a negative step the start must be an element of the dimension.
func.func @slice_negative_step_start(%x: tensor<4xf32>) {
  // expected-error @+2 {{slice -1:-1:-1 of dimension 0 (size 4) is out of range}}
  // expected-error @+1 {{'tessera.slice' op failed to infer returned types}}
  %0 = tessera.slice %x starts = [-1] limits = [-1] steps = [-1] : (tensor<4xf32>) -> tensor<0xf32>
  return
}
