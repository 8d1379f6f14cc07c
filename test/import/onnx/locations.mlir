// Tests the locations the importer gives ops: every op made from a node
// carries loc("<node name> (<OpType>)"("model.onnx":<node index + 1>:1)), an
// unnamed node is called <OpType>_<index>, and an initializer's constant is
// named after the initializer (at "model.onnx":0:0, as are the arguments).
// The op that defines a node's outputs wraps that location with their
// names, one per result: loc(fused<["out", ...]>[<node loc>]).

// RUN: %python %S/op_models.py locations %t.onnx
// RUN: tessera-compile %t.onnx --emit=imported --mlir-print-debuginfo | FileCheck %s

// CHECK: #[[MODEL:loc[0-9]*]] = loc("[[FILE:.+\.onnx]]":0:0)
// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[X:.*]]: tensor<2xf32> {tessera.name = "x"} loc("[[FILE]]":0:0)
// CHECK-NEXT: %[[RELU:.*]] = tessera.relu %[[X]] : tensor<2xf32> loc(#[[RELU_LOC:loc[0-9]+]])
// CHECK-NEXT: %[[NEG:.*]] = tessera.neg %[[RELU]] : tensor<2xf32> loc(#[[NEG_LOC:loc[0-9]+]])
// CHECK-NEXT: %[[BIAS:.*]] = tessera.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32> loc(#[[BIAS_LOC:loc[0-9]+]])
// CHECK-NEXT: %[[ADD:.*]] = tessera.add %[[NEG]], %[[BIAS]] : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32> loc(#[[ADD_LOC:loc[0-9]+]])
// CHECK-NEXT: return %[[ADD]] : tensor<2xf32> loc(#[[MODEL]])
// CHECK: #[[NODE0:loc[0-9]+]] = loc("[[FILE]]":1:1)
// CHECK-NEXT: #[[NODE1:loc[0-9]+]] = loc("[[FILE]]":2:1)
// CHECK-NEXT: #[[NODE2:loc[0-9]+]] = loc("[[FILE]]":3:1)
// CHECK-NEXT: #[[RELU_NODE:loc[0-9]+]] = loc("act/relu (Relu)"(#[[NODE0]]))
// CHECK-NEXT: #[[NEG_NODE:loc[0-9]+]] = loc("Neg_1 (Neg)"(#[[NODE1]]))
// CHECK-NEXT: #[[BIAS_LOC]] = loc("bias"(#[[MODEL]]))
// CHECK-NEXT: #[[ADD_NODE:loc[0-9]+]] = loc("add (Add)"(#[[NODE2]]))
// CHECK-NEXT: #[[RELU_LOC]] = loc(fused<["r"]>[#[[RELU_NODE]]])
// CHECK-NEXT: #[[NEG_LOC]] = loc(fused<["n"]>[#[[NEG_NODE]]])
// CHECK-NEXT: #[[ADD_LOC]] = loc(fused<["y"]>[#[[ADD_NODE]]])

// A node with two outputs names both results of its op; an Identity's
// output is the value the Split made, which keeps the Split's names.
// RUN: %python %S/op_models.py locations_outputs %t.outputs.onnx
// RUN: tessera-compile %t.outputs.onnx --emit=imported --mlir-print-debuginfo | FileCheck %s --check-prefix=OUTPUTS
// OUTPUTS: %[[SPLIT:.*]]:2 = tessera.split {{.*}} loc(#[[SPLIT_LOC:loc[0-9]+]])
// OUTPUTS-NEXT: return %[[SPLIT]]#0, %[[SPLIT]]#1
// OUTPUTS: #[[SPLIT_NODE:loc[0-9]+]] = loc("split (Split)"(#{{loc[0-9]+}}))
// OUTPUTS-NEXT: #[[SPLIT_LOC]] = loc(fused<["lo", "hi"]>[#[[SPLIT_NODE]]])

// Errors point at the node the same way: the message names the node and its
// op type, at line <node index + 1>.
// RUN: %python %S/op_models.py bad_broadcast %t.bad.onnx
// RUN: not tessera-compile %t.bad.onnx --emit=imported 2>&1 | FileCheck %s --check-prefix=ERR
// ERR: {{.*}}.bad.onnx:1:1: error: node 'add_mismatch' (Add): shapes 2x3, 4 do not broadcast
