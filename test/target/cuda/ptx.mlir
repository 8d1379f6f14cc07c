// REQUIRES: ptxas
// The PTX of --target=cuda:sm_80,sm_90 is for sm_80, the lowest, and ptxas
// assembles it for both; a list starting at sm_75 gives PTX for sm_75 that
// ptxas takes too (f16 and bf16 included), and sm_90 alone PTX for sm_90.
// RUN: tessera-compile %s --target=cuda:sm_90,sm_80 --emit=ptx -o %t.ptx
// RUN: FileCheck %s < %t.ptx
// RUN: %ptxas -arch=sm_80 %t.ptx -o %t.sm_80.cubin
// RUN: %ptxas -arch=sm_90 %t.ptx -o %t.sm_90.cubin
// RUN: tessera-compile %s --target=cuda:sm_75,sm_80 --emit=ptx -o %t.75.ptx
// RUN: FileCheck %s --check-prefix=SM75 < %t.75.ptx
// RUN: %ptxas -arch=sm_75 %t.75.ptx -o %t.sm_75.cubin
// RUN: tessera-compile %s --target=cuda:sm_90 --emit=ptx -o %t.90.ptx
// RUN: FileCheck %s --check-prefix=SM90 < %t.90.ptx
// RUN: %ptxas -arch=sm_90 %t.90.ptx -o %t.90.cubin

// CHECK: .target sm_80
// CHECK: .address_size 64
// Every launch is an entry point whose parameters are the kernel's buffers,
// one 64-bit device pointer each.
// CHECK: .visible .entry [[K:k[0-9]+_[a-z_]+_0]](
// CHECK-NEXT: .param .u64 .ptr .align 1 [[K]]_param_0,
// CHECK: .maxntid
// SM75: .target sm_75
// SM90: .target sm_90

// A transformer-like block in f32 (matmuls go to cuBLASLt; erf-gelu,
// layer norm and softmax are kernels), then f16 and bf16 arithmetic, a
// convolution and a pooling (generated kernels on the cuda target).
func.func @main(%x: tensor<8x64xf32>, %w: tensor<64x64xf32>, %g: tensor<64xf32>,
                %h: tensor<8x64xf16>, %b: tensor<8x64xbf16>,
                %img: tensor<1x3x8x8xf32>, %k: tensor<4x3x3x3xf32>)
    -> (tensor<8x64xf32>, tensor<8x64xf16>, tensor<8x64xbf16>, tensor<1x4x3x3xf32>) {
  %m = tessera.matmul %x, %w : (tensor<8x64xf32>, tensor<64x64xf32>) -> tensor<8x64xf32>
  %a = tessera.gelu %m : tensor<8x64xf32>
  %n = tessera.layer_norm %a, %g axis = 1 epsilon = 1.0e-05 : (tensor<8x64xf32>, tensor<64xf32>) -> tensor<8x64xf32>
  %s = tessera.softmax %n axis = 1 : tensor<8x64xf32>
  %he = tessera.exp %h : tensor<8x64xf16>
  %hs = tessera.add %he, %h : (tensor<8x64xf16>, tensor<8x64xf16>) -> tensor<8x64xf16>
  %bt = tessera.tanh %b : tensor<8x64xbf16>
  %bm = tessera.mul %bt, %b : (tensor<8x64xbf16>, tensor<8x64xbf16>) -> tensor<8x64xbf16>
  %c = tessera.conv2d %img, %k strides = [1, 1] padding = [1, 1, 1, 1] dilations = [1, 1] groups = 1 : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32>
  %r = tessera.relu %c : tensor<1x4x8x8xf32>
  %p = tessera.max_pool2d %r kernel = [3, 3] strides = [3, 3] padding = [0, 0, 1, 1] dilations = [1, 1] : (tensor<1x4x8x8xf32>) -> tensor<1x4x3x3xf32>
  return %s, %hs, %bm, %p : tensor<8x64xf32>, tensor<8x64xf16>, tensor<8x64xbf16>, tensor<1x4x3x3xf32>
}
