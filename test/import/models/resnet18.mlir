// A torchvision ResNet-18, as torch.onnx.export writes it (batch norm folded
// into the convolutions), imports into 20 convolutions with the stem, the
// max pool, the residual adds and the classifier of the real network.

// RUN: %python %tessera_src_root/test/models/build_models.py resnet18 --out %t
// RUN: tessera-compile %t/resnet18.onnx --emit=imported \
// RUN:   --mlir-elide-resource-strings-if-larger=1 | FileCheck %s

// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x224x224xf32> {tessera.name = "input"}) -> (tensor<1x1000xf32> {tessera.name = "output"})
// CHECK: tessera.conv2d %[[X]], %{{.*}}, %{{.*}} strides = [2, 2] padding = [3, 3, 3, 3] dilations = [1, 1] groups = 1 : ({{.*}}) -> tensor<1x64x112x112xf32>
// CHECK: tessera.max_pool2d %{{.*}} kernel = [3, 3] strides = [2, 2] padding = [1, 1, 1, 1] dilations = [1, 1] : (tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32>
// CHECK-COUNT-19: tessera.conv2d
// CHECK-NOT: tessera.conv2d
// CHECK: tessera.global_avg_pool2d %{{.*}} : (tensor<1x512x7x7xf32>) -> tensor<1x512x1x1xf32>
// CHECK: tessera.reshape %{{.*}} : (tensor<1x512x1x1xf32>) -> tensor<1x512xf32>
// CHECK: tessera.matmul %{{.*}}, %{{.*}} : (tensor<1x512xf32>, tensor<512x1000xf32>) -> tensor<1x1000xf32>

// RUN: tessera-compile %t/resnet18.onnx --emit=imported \
// RUN:   --mlir-elide-resource-strings-if-larger=1 | FileCheck %s --check-prefix=COUNTS
// COUNTS-COUNT-8: tessera.add %{{.*}} : (tensor<1x{{64x56x56|128x28x28|256x14x14|512x7x7}}xf32>, tensor<1x{{64x56x56|128x28x28|256x14x14|512x7x7}}xf32>)
// COUNTS-NOT: tessera.gather
