// A torchvision MobileNetV2 imports with its depthwise convolutions
// (groups = channels), ReLU6 as clip to [0, 6] (exported as Clip with
// constant min and max inputs) and the residual adds of its inverted
// residual blocks.

// RUN: %python %tessera_src_root/test/models/build_models.py mobilenetv2 --out %t
// RUN: tessera-compile %t/mobilenetv2.onnx --emit=imported \
// RUN:   --mlir-elide-resource-strings-if-larger=1 | FileCheck %s

// CHECK-LABEL: func.func @main(
// CHECK-SAME: tensor<1x3x224x224xf32> {tessera.name = "input"}) -> (tensor<1x1000xf32> {tessera.name = "output"})
// CHECK: tessera.conv2d %{{.*}} strides = [2, 2] padding = [1, 1, 1, 1] dilations = [1, 1] groups = 1 : ({{.*}}) -> tensor<1x32x112x112xf32>
// CHECK-NEXT: tessera.clip %{{.*}} min = 0.000000e+00 max = 6.000000e+00 : tensor<1x32x112x112xf32>
// CHECK: tessera.conv2d %{{.*}} groups = 32 : (tensor<1x32x112x112xf32>, tensor<32x1x3x3xf32>, tensor<32xf32>) -> tensor<1x32x112x112xf32>
// CHECK: tessera.global_avg_pool2d %{{.*}} : (tensor<1x1280x7x7xf32>) -> tensor<1x1280x1x1xf32>
// CHECK: tessera.matmul %{{.*}} : (tensor<1x1280xf32>, tensor<1280x1000xf32>) -> tensor<1x1000xf32>

// 52 convolutions, 17 of them depthwise; 35 ReLU6; 10 residual adds.
// RUN: tessera-compile %t/mobilenetv2.onnx --emit=imported \
// RUN:   --mlir-elide-resource-strings-if-larger=1 > %t/mobilenetv2.mlir
// RUN: grep -c "tessera.conv2d" %t/mobilenetv2.mlir | FileCheck %s --check-prefix=CONVS
// CONVS: 52
// RUN: grep "tessera.conv2d" %t/mobilenetv2.mlir | grep -vc "groups = 1 " | FileCheck %s --check-prefix=DEPTHWISE
// DEPTHWISE: 17
// RUN: grep -c "tessera.clip" %t/mobilenetv2.mlir | FileCheck %s --check-prefix=CLIPS
// CLIPS: 35
