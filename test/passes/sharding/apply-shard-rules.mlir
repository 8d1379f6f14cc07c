// --shard-rules (tessera-apply-shard-rules): the user's sharding rules,
// matched by ONNX name -- initializers, graph inputs, node outputs -- with
// glob patterns, applied in order (a later rule wins) and over the
// strategy's annotations. Inputs/rules*.json are the rules files.

// RUN: %python %tessera_src_root/test/models/build_models.py mlp --set batch=2 --out %t

// Inputs/rules.json: 'input' batch over dp (the argument's attribute);
// 'fc1.weight' rows over tp; 'fc?.bias' matches the three biases; the node
// output '/relu/Relu_output_0' [dp, tp]; 'fc3.weight' first split, then
// whole (the later rule wins).
// RUN: tessera-compile %t/mlp.onnx --mesh=dp:2,tp:2 --shard-rules=%S/Inputs/rules.json --emit=sharded -o - 2>/dev/null | FileCheck %s
// CHECK-LABEL: func.func @main(
// CHECK-SAME: tensor<2x784xf32> {dist.sharding = #dist.sharding<{"dp"}, {}>, tessera.name = "input"}
// CHECK-DAG: %[[B3:.*]] = tessera.constant {{.*}} : tensor<10xf32>
// CHECK-DAG: dist.shard %[[B3]] to <{"tp"}> {{.*}} : tensor<10xf32>
// CHECK-DAG: %[[W3:.*]] = tessera.constant {{.*}} dense_resource<fc3.weight>
// CHECK-DAG: dist.shard %[[W3]] to <{}, {}> {{.*}} : tensor<10x128xf32>
// CHECK-DAG: %[[B2:.*]] = tessera.constant {{.*}} dense_resource<fc2.bias>
// CHECK-DAG: dist.shard %[[B2]] to <{"tp"}> {{.*}} : tensor<128xf32>
// CHECK-DAG: %[[B1:.*]] = tessera.constant {{.*}} dense_resource<fc1.bias>
// CHECK-DAG: dist.shard %[[B1]] to <{"tp"}> {{.*}} : tensor<256xf32>
// CHECK-DAG: %[[W1:.*]] = tessera.constant {dist.shardings = [#dist.sharding<{"tp"}, {}>]} dense_resource<fc1.weight>
// CHECK-DAG: %[[W1S:.*]] = dist.shard %[[W1]] to <{"tp"}, {}> {{.*}} : tensor<256x784xf32>
// CHECK-DAG: %[[W2:.*]] = tessera.constant {{.*}} dense_resource<fc2.weight>
// CHECK-NOT: dist.shard %[[W2]]
// The transposed fc1 weight is split by columns, so fc1 is column-parallel.
// CHECK: tessera.transpose %[[W1S]] permutation = [1, 0] {dist.shardings = [#dist.sharding<{}, {"tp"}>]}
// CHECK: %[[RELU:.*]] = tessera.relu {{.*}} : tensor<2x256xf32>
// CHECK-NEXT: dist.shard %[[RELU]] to <{"dp"}, {"tp"}> {{.*}} : tensor<2x256xf32>

// A rule wins over the strategy: Megatron makes fc2 row-parallel with its
// weight split, the rule keeps the weight whole (each device slices it).
// RUN: tessera-compile %t/mlp.onnx --mesh=tp:2 --shard=megatron --shard-rules=%S/Inputs/rules-over-strategy.json --emit=sharded -o - 2>/dev/null | FileCheck %s --check-prefix=OVER
// OVER: %[[W2:.*]] = tessera.constant {dist.shardings = [#dist.sharding<{}, {}>]} dense_resource<fc2.weight> : tensor<128x256xf32>
// OVER-NEXT: dist.shard %[[W2]] to <{}, {}>
// OVER-NOT: dist.shard %[[W2]] to <{}, {"tp"}>
// The other weight keeps the strategy's annotation.
// OVER: %[[W1:.*]] = tessera.constant {{.*}} dense_resource<fc1.weight>
// OVER-NEXT: dist.shard %[[W1]] to <{"tp"}, {}>

// Errors name the rule and the tensor.
// RUN: not tessera-compile %t/mlp.onnx --mesh=dp:2,tp:4 --shard-rules=%S/Inputs/rules-no-match.json -o %t/out.tsr 2>&1 | FileCheck %s --check-prefix=NOMATCH
// NOMATCH: mlp.onnx:0:0: error: sharding rule #1 ("transformer.h.*.mlp.c_fc.weight") matches no initializer, input or node output of the model
// RUN: not tessera-compile %t/mlp.onnx --mesh=dp:2,tp:4 --shard-rules=%S/Inputs/rules-misfit.json -o %t/out.tsr 2>&1 | FileCheck %s --check-prefix=MISFIT
// MISFIT: error: sharding rule #0 ("fc3.weight"): sharding #dist.sharding<{"tp"}, {}> does not fit 'fc3.weight' (tensor<10x128xf32>): dimension 0 of size 10 does not divide into 4 parts (tp)
// RUN: not tessera-compile %t/mlp.onnx --mesh=dp:2,tp:4 --shard-rules=%S/Inputs/rules-rank.json -o %t/out.tsr 2>&1 | FileCheck %s --check-prefix=RANK
// RANK: error: sharding rule #0 ("fc*.bias"): sharding #dist.sharding<{}, {"tp"}> does not fit 'fc{{[123]}}.bias' (tensor<{{[0-9]+}}xf32>): the sharding has 2 dimensions, the tensor 1
// RUN: not tessera-compile %t/mlp.onnx --mesh=dp:2,tp:4 --shard-rules=%S/Inputs/rules-axis.json -o %t/out.tsr 2>&1 | FileCheck %s --check-prefix=AXIS
// AXIS: error: sharding rule #0 ("fc1.weight"): sharding #dist.sharding<{"pp"}, {}> does not fit 'fc1.weight' (tensor<256x784xf32>): mesh axis "pp" is not in the mesh

// Malformed files.
// RUN: not tessera-compile %t/mlp.onnx --mesh=dp:2 --shard-rules=%S/Inputs/rules-bad-json.json -o %t/out.tsr 2>&1 | FileCheck %s --check-prefix=JSON
// JSON: error: sharding rules file '{{.*}}rules-bad-json.json': not valid JSON: [2:0, byte=61]: Expected , or ] after array element
// RUN: not tessera-compile %t/mlp.onnx --mesh=dp:2 --shard-rules=%S/Inputs/rules-bad-sharding.json -o %t/out.tsr 2>&1 | FileCheck %s --check-prefix=SHARDING
// SHARDING: error: sharding rules file '{{.*}}rules-bad-sharding.json': rule #0 ("fc1.weight"): each dimension of "sharding" must be a list of mesh axis names
// RUN: not tessera-compile %t/mlp.onnx --mesh=dp:2 --shard-rules=%S/Inputs/rules-bad-key.json -o %t/out.tsr 2>&1 | FileCheck %s --check-prefix=KEY
// KEY: error: sharding rules file '{{.*}}rules-bad-key.json': rule #0: unknown key "shard" (a rule has "match" and "sharding")
// RUN: not tessera-compile %t/mlp.onnx --mesh=dp:2,tp:2 --shard-rules=%S/Inputs/rules-twice.json -o %t/out.tsr 2>&1 | FileCheck %s --check-prefix=TWICE
// TWICE: error: sharding rules file '{{.*}}rules-twice.json': rule #0 ("fc1.weight"): mesh axis 'tp' splits more than one dimension
// RUN: not tessera-compile %t/mlp.onnx --mesh=dp:2 --shard-rules=%t/missing.json -o %t/out.tsr 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: error: sharding rules file '{{.*}}missing.json': cannot read it: No such file or directory
// RUN: echo '{"rules": {}}' > %t/not-a-list.json
// RUN: not tessera-compile %t/mlp.onnx --mesh=dp:2 --shard-rules=%t/not-a-list.json -o %t/out.tsr 2>&1 | FileCheck %s --check-prefix=TOP
// TOP: error: sharding rules file '{{.*}}not-a-list.json': expected an object with a "rules" array

// tessera-opt runs the pass on its own, on IR that carries the importer's
// names (here written by hand): the rule needs the file option.
// RUN: not tessera-opt %s --tessera-apply-shard-rules 2>&1 | FileCheck %s --check-prefix=NOFILE
// NOFILE: error: tessera-apply-shard-rules needs a rules file (file=PATH)
// RUN: tessera-opt %s --tessera-apply-shard-rules=file=%S/Inputs/rules-opt.json | FileCheck %s --check-prefix=OPT
// OPT-LABEL: func.func @main(
// OPT-SAME: {dist.sharding = #dist.sharding<{"dp"}, {}>, tessera.name = "x"}
// OPT: %[[W:.*]] = tessera.constant dense<1.000000e+00> : tensor<4x8xf32>
// OPT-NEXT: %[[WS:.*]] = dist.shard %[[W]] to <{}, {"dp"}> : tensor<4x8xf32>
// OPT-NEXT: %[[Y:.*]]:2 = tessera.split %{{.*}} axis = 1 sizes = [4, 4]
// The second output of the split, by its node output name.
// OPT-NEXT: %[[HI:.*]] = dist.shard %[[Y]]#1 to <{"dp"}, {}> : tensor<2x4xf32>
// OPT-NEXT: return %[[Y]]#0, %[[HI]], %[[WS]]
module attributes {dist.mesh = #dist.mesh<["dp" = 2]>} {
  func.func @main(%x: tensor<2x8xf32> {tessera.name = "x"}) -> (tensor<2x4xf32>, tensor<2x4xf32>, tensor<4x8xf32>) {
    %w = tessera.constant dense<1.0> : tensor<4x8xf32> loc("w"("model.onnx":0:0))
    %y:2 = tessera.split %x axis = 1 sizes = [4, 4] : (tensor<2x8xf32>) -> (tensor<2x4xf32>, tensor<2x4xf32>) loc(fused<["lo", "hi"]>["split (Split)"("model.onnx":1:1)])
    return %y#0, %y#1, %w : tensor<2x4xf32>, tensor<2x4xf32>, tensor<4x8xf32>
  }
}
