// The strategies on the MLP and the CNN as torch exports them (batch 2).

// --shard=data on the MLP (784-256-128-10, Gemm with transB): the input's
// batch over dp, every activation after it too, the weights whole, the
// output gathered (2x10 f32).
// RUN: %python %tessera_src_root/test/models/build_models.py mlp resnet_tiny --set batch=2 --out %t
// RUN: tessera-compile %t/mlp.onnx --mesh=dp:2 --shard=data --emit=sharded -o - 2>/dev/null | FileCheck %s --check-prefix=MLP
// MLP-LABEL: func.func @main(
// MLP-SAME: %{{[^:]*}}: tensor<2x784xf32> {dist.sharding = #dist.sharding<{"dp"}, {}>, tessera.name = "input"}
// MLP-SAME: -> (tensor<2x10xf32> {dist.sharding = #dist.sharding<{}, {}>, tessera.name = "output"})
// MLP-SAME: dist.reshard_decisions = [{bytes = 80 : i64, from = #dist.sharding<{"dp"}, {}>, to = #dist.sharding<{}, {}>, user = "the function's outputs", value = "'output'"}]
// MLP-DAG: tessera.constant {dist.shardings = [#dist.sharding<{}, {}>]} dense_resource<fc1.weight> : tensor<256x784xf32>
// MLP-DAG: tessera.constant {dist.shardings = [#dist.sharding<{}, {}>]} dense_resource<fc2.weight> : tensor<128x256xf32>
// MLP-DAG: tessera.constant {dist.shardings = [#dist.sharding<{}, {}>]} dense_resource<fc3.weight> : tensor<10x128xf32>
// MLP: tessera.matmul {{.*}} {dist.shardings = [#dist.sharding<{"dp"}, {}>]} : (tensor<2x784xf32>, tensor<784x256xf32>)
// MLP: tessera.relu {{.*}} {dist.shardings = [#dist.sharding<{"dp"}, {}>]}
// MLP: tessera.matmul {{.*}} {dist.shardings = [#dist.sharding<{"dp"}, {}>]} : (tensor<2x256xf32>, tensor<256x128xf32>)
// MLP: tessera.matmul {{.*}} {dist.shardings = [#dist.sharding<{"dp"}, {}>]} : (tensor<2x128xf32>, tensor<128x10xf32>)
// MLP: %[[Y:.*]] = tessera.add {{.*}} {dist.shardings = [#dist.sharding<{"dp"}, {}>]}
// MLP: %[[OUT:.*]] = dist.shard %[[Y]] to <{}, {}>
// MLP: return %[[OUT]]

// --shard=data on the ResNet: every convolution and pooling splits the
// batch only (windows need the image whole, filters are whole).
// RUN: tessera-compile %t/resnet_tiny.onnx --mesh=dp:2 --shard=data --emit=sharded -o - 2>/dev/null \
// RUN:   | FileCheck %s --check-prefix=CNN --implicit-check-not='tessera.conv2d {{.*}} {dist.shardings = [#dist.sharding<{}'
// CNN-LABEL: func.func @main(
// CNN-SAME: tensor<2x3x32x32xf32> {dist.sharding = #dist.sharding<{"dp"}, {}, {}, {}>, tessera.name = "input"}
// CNN: tessera.conv2d {{.*}} {dist.shardings = [#dist.sharding<{"dp"}, {}, {}, {}>]} : (tensor<2x3x32x32xf32>
// CNN: tessera.max_pool2d {{.*}} {dist.shardings = [#dist.sharding<{"dp"}, {}, {}, {}>]}
// CNN-COUNT-19: tessera.conv2d {{.*}} {dist.shardings = [#dist.sharding<{"dp"}, {}, {}, {}>]}
// CNN: tessera.reshape {{.*}} {dist.shardings = [#dist.sharding<{"dp"}, {}>]} : (tensor<2x64x1x1xf32>) -> tensor<2x64xf32>
// CNN: tessera.matmul {{.*}} {dist.shardings = [#dist.sharding<{"dp"}, {}>]}
// CNN: dist.shard %{{.*}} to <{}, {}>

// --shard=megatron on the same MLP. fc1 (its transposed Gemm weight split by
// output features) and fc2 make a block; fc3 would need fc2's output split
// again and stays replicated.
// RUN: tessera-compile %t/mlp.onnx --mesh=tp:2 --shard=megatron --emit=sharded -o %t/mlp-tp.mlir 2> %t/mlp-tp.txt
// RUN: FileCheck %s --input-file=%t/mlp-tp.mlir --check-prefix=MLPTP
// RUN: FileCheck %s --input-file=%t/mlp-tp.txt --check-prefix=MLPTP-REMARK
// MLPTP-DAG: tessera.constant {dist.shardings = [#dist.sharding<{"tp"}, {}>]} dense_resource<fc1.weight> : tensor<256x784xf32>
// MLPTP-DAG: tessera.constant {dist.shardings = [#dist.sharding<{}, {"tp"}>]} dense_resource<fc2.weight> : tensor<128x256xf32>
// MLPTP-DAG: tessera.constant {dist.shardings = [#dist.sharding<{}, {}>]} dense_resource<fc3.weight> : tensor<10x128xf32>
// MLPTP: tessera.transpose {{.*}} {dist.shardings = [#dist.sharding<{}, {"tp"}>]} : (tensor<256x784xf32>) -> tensor<784x256xf32>
// MLPTP: tessera.relu {{.*}} {dist.shardings = [#dist.sharding<{}, {"tp"}>]} : tensor<2x256xf32>
// MLPTP: tessera.transpose {{.*}} {dist.shardings = [#dist.sharding<{"tp"}, {}>]} : (tensor<128x256xf32>) -> tensor<256x128xf32>
// MLPTP: tessera.matmul {{.*}} {dist.shardings = [#dist.sharding<{}, {}>]} : (tensor<2x256xf32>, tensor<256x128xf32>)
// MLPTP-REMARK: remark: tessera-shard-megatron: MLP block: column-parallel '/fc1/Gemm (Gemm)' (weight 'fc1.weight'); row-parallel '/fc2/Gemm (Gemm)' (weight 'fc2.weight')
// MLPTP-REMARK: remark: tessera-shard-megatron: '/fc3/Gemm (Gemm)' (weight 'fc3.weight') is in no recognized block and stays replicated: following its input's features back, it reaches '/fc2/Gemm (Gemm)' (weight 'fc2.weight'), which another block already uses
