// EfficientNet-B0-style blocks: SiLU exported as Sigmoid * x, depthwise
// convolutions, and squeeze-excitation (global pooling, two 1x1
// convolutions, a sigmoid gate multiplied back onto the channels).

// RUN: %python %tessera_src_root/test/models/build_models.py efficientnet_tiny --out %t
// RUN: tessera-compile %t/efficientnet_tiny.onnx --emit=imported \
// RUN:   --mlir-elide-resource-strings-if-larger=1 | FileCheck %s

// CHECK-LABEL: func.func @main(
// CHECK-SAME: tensor<1x3x64x64xf32> {tessera.name = "input"}) -> (tensor<1x10xf32> {tessera.name = "output"})
// Stem: conv, then SiLU as x * sigmoid(x).
// CHECK: %[[STEM:.*]] = tessera.conv2d %{{.*}} strides = [2, 2]
// CHECK-NEXT: %[[GATE:.*]] = tessera.sigmoid %[[STEM]]
// CHECK-NEXT: tessera.mul %[[STEM]], %[[GATE]]
// A squeeze-excitation block after the first depthwise convolution.
// CHECK: %[[DW:.*]] = tessera.conv2d %{{.*}} groups = 8 : (tensor<1x8x32x32xf32>, tensor<8x1x3x3xf32>, tensor<8xf32>) -> tensor<1x8x32x32xf32>
// CHECK: %[[ACT:.*]] = tessera.mul %[[DW]], %{{.*}} : (tensor<1x8x32x32xf32>, tensor<1x8x32x32xf32>)
// CHECK: %[[SQUEEZED:.*]] = tessera.global_avg_pool2d %[[ACT]] : (tensor<1x8x32x32xf32>) -> tensor<1x8x1x1xf32>
// CHECK: tessera.conv2d %[[SQUEEZED]], {{.*}} -> tensor<1x2x1x1xf32>
// CHECK: tessera.conv2d {{.*}} -> tensor<1x8x1x1xf32>
// CHECK: %[[SE:.*]] = tessera.sigmoid %{{.*}} : tensor<1x8x1x1xf32>
// CHECK: tessera.mul %[[SE]], %[[ACT]] : (tensor<1x8x1x1xf32>, tensor<1x8x32x32xf32>) -> tensor<1x8x32x32xf32>
// CHECK: tessera.matmul %{{.*}} -> tensor<1x10xf32>
