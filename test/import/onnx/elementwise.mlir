// Tests the importer's elementwise converters (ConvertElementwise.cpp): each
// RUN builds a small model with op_models.py, imports it, and checks the tessera
// ops, their attributes and their result types. Graph inputs (not
// initializers) feed the ops so that nothing folds away.

// Add broadcasts NumPy-style: [2,3,4] + [3,1] -> [2,3,4].
// RUN: %python %S/op_models.py add_bcast %t.add_bcast.onnx && tessera-compile %t.add_bcast.onnx --emit=imported | FileCheck %s --check-prefix=EW-ADD
// EW-ADD-LABEL: func.func @main(
// EW-ADD-SAME: %[[X:.*]]: tensor<2x3x4xf32> {tessera.name = "x"}, %[[Y:.*]]: tensor<3x1xf32> {tessera.name = "y"}) -> (tensor<2x3x4xf32> {tessera.name = "z"}) {
// EW-ADD-NEXT: %[[ADD:.*]] = tessera.add %[[X]], %[[Y]] : (tensor<2x3x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
// EW-ADD-NEXT: return %[[ADD]] : tensor<2x3x4xf32>

// A rank-0 initializer stays an inline constant operand.
// RUN: %python %S/op_models.py add_scalar_init %t.add_scalar_init.onnx && tessera-compile %t.add_scalar_init.onnx --emit=imported | FileCheck %s --check-prefix=EW-ADDC
// EW-ADDC-LABEL: func.func @main(
// EW-ADDC-SAME: %[[X:.*]]: tensor<2x3xf32> {tessera.name = "x"}) -> (tensor<2x3xf32> {tessera.name = "z"}) {
// EW-ADDC-NEXT: %[[CST:.*]] = tessera.constant dense<1.500000e+00> : tensor<f32>
// EW-ADDC-NEXT: %[[ADD:.*]] = tessera.add %[[X]], %[[CST]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// EW-ADDC-NEXT: return %[[ADD]] : tensor<2x3xf32>

// Sub, Mul, Div, operands in node order (Div is y / x).
// RUN: %python %S/op_models.py arith %t.arith.onnx && tessera-compile %t.arith.onnx --emit=imported | FileCheck %s --check-prefix=EW-ARITH
// EW-ARITH-LABEL: func.func @main(
// EW-ARITH-SAME: %[[X:.*]]: tensor<2x3xf32> {tessera.name = "x"}, %[[Y:.*]]: tensor<1x3xf32> {tessera.name = "y"}) -> (tensor<2x3xf32> {tessera.name = "sub"}, tensor<2x3xf32> {tessera.name = "mul"}, tensor<2x3xf32> {tessera.name = "div"}) {
// EW-ARITH-NEXT: %[[SUB:.*]] = tessera.sub %[[X]], %[[Y]] : (tensor<2x3xf32>, tensor<1x3xf32>) -> tensor<2x3xf32>
// EW-ARITH-NEXT: %[[MUL:.*]] = tessera.mul %[[X]], %[[Y]] : (tensor<2x3xf32>, tensor<1x3xf32>) -> tensor<2x3xf32>
// EW-ARITH-NEXT: %[[DIV:.*]] = tessera.div %[[Y]], %[[X]] : (tensor<1x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// EW-ARITH-NEXT: return %[[SUB]], %[[MUL]], %[[DIV]] : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>

// Integer arithmetic keeps the integer element type.
// RUN: %python %S/op_models.py int_arith %t.int_arith.onnx && tessera-compile %t.int_arith.onnx --emit=imported | FileCheck %s --check-prefix=EW-INTARITH
// EW-INTARITH-LABEL: func.func @main(
// EW-INTARITH-SAME: %[[A:.*]]: tensor<4xi32> {tessera.name = "a"}, %[[B:.*]]: tensor<i32> {tessera.name = "b"}) -> (tensor<4xi32> {tessera.name = "d"}) {
// EW-INTARITH-NEXT: %[[ADD:.*]] = tessera.add %[[A]], %[[B]] : (tensor<4xi32>, tensor<i32>) -> tensor<4xi32>
// EW-INTARITH-NEXT: %[[DIV:.*]] = tessera.div %[[ADD]], %[[B]] : (tensor<4xi32>, tensor<i32>) -> tensor<4xi32>
// EW-INTARITH-NEXT: return %[[DIV]] : tensor<4xi32>

// Pow with an int64 exponent: the exponent is cast to the base's type.
// RUN: %python %S/op_models.py pow_int_exponent %t.pow_int_exponent.onnx && tessera-compile %t.pow_int_exponent.onnx --emit=imported | FileCheck %s --check-prefix=EW-POWI
// EW-POWI-LABEL: func.func @main(
// EW-POWI-SAME: %[[X:.*]]: tensor<2x3xf32> {tessera.name = "x"}, %[[E:.*]]: tensor<3xi64> {tessera.name = "e"}) -> (tensor<2x3xf32> {tessera.name = "y"}) {
// EW-POWI-NEXT: %[[CAST:.*]] = tessera.cast %[[E]] : tensor<3xi64> to tensor<3xf32>
// EW-POWI-NEXT: %[[POW:.*]] = tessera.pow %[[X]], %[[CAST]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// EW-POWI-NEXT: return %[[POW]] : tensor<2x3xf32>

// A constant int64 exponent is cast when imported: dense<2.0> : f32.
// RUN: %python %S/op_models.py pow_const_exponent %t.pow_const_exponent.onnx && tessera-compile %t.pow_const_exponent.onnx --emit=imported | FileCheck %s --check-prefix=EW-POWC
// EW-POWC-LABEL: func.func @main(
// EW-POWC-SAME: %[[X:.*]]: tensor<2x3xf32> {tessera.name = "x"}) -> (tensor<2x3xf32> {tessera.name = "y"}) {
// EW-POWC-NEXT: %[[CST:.*]] = tessera.constant dense<2.000000e+00> : tensor<f32>
// EW-POWC-NEXT: %[[POW:.*]] = tessera.pow %[[X]], %[[CST]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// EW-POWC-NEXT: return %[[POW]] : tensor<2x3xf32>

// An int32 base with a float exponent is raised in f64 and truncated back,
// as onnxruntime does (4 ^ 0.5 = 2); casting the exponent to i32 would give
// 4 ^ 0 = 1.
// RUN: %python %S/op_models.py pow_int_base_float_exponent %t.pow_int_base_float_exponent.onnx && tessera-compile %t.pow_int_base_float_exponent.onnx --emit=imported | FileCheck %s --check-prefix=EW-POWIF
// EW-POWIF-LABEL: func.func @main(
// EW-POWIF-SAME: %[[X:.*]]: tensor<3xi32> {tessera.name = "x"}, %[[E:.*]]: tensor<f32> {tessera.name = "e"}) -> (tensor<3xi32> {tessera.name = "y"}) {
// EW-POWIF-NEXT: %[[CAST:.*]] = tessera.cast %[[X]] : tensor<3xi32> to tensor<3xf64>
// EW-POWIF-NEXT: %[[CAST2:.*]] = tessera.cast %[[E]] : tensor<f32> to tensor<f64>
// EW-POWIF-NEXT: %[[POW:.*]] = tessera.pow %[[CAST]], %[[CAST2]] : (tensor<3xf64>, tensor<f64>) -> tensor<3xf64>
// EW-POWIF-NEXT: %[[CAST3:.*]] = tessera.cast %[[POW]] : tensor<3xf64> to tensor<3xi32>
// EW-POWIF-NEXT: return %[[CAST3]] : tensor<3xi32>

// The same with constants folds: [4, 9, 2] ^ 0.5 = [2, 3, 1] (onnxruntime agrees).
// RUN: %python %S/op_models.py pow_int_base_float_exponent_const %t.pow_int_base_float_exponent_const.onnx && tessera-compile %t.pow_int_base_float_exponent_const.onnx --emit=imported | FileCheck %s --check-prefix=EW-POWIFC
// EW-POWIFC-LABEL: func.func @main(
// EW-POWIFC-SAME: ) -> (tensor<3xi32> {tessera.name = "y"}) {
// EW-POWIFC-NEXT: %[[CST:.*]] = tessera.constant dense<[2, 3, 1]> : tensor<3xi32>
// EW-POWIFC-NEXT: return %[[CST]] : tensor<3xi32>

// Sum, Mean, Max, Min of three inputs ([2,3], [3], [2,1]) combine pairwise
// with broadcasting; Mean divides the sum by 3.
// RUN: %python %S/op_models.py variadic3 %t.variadic3.onnx && tessera-compile %t.variadic3.onnx --emit=imported | FileCheck %s --check-prefix=EW-VAR3
// EW-VAR3-LABEL: func.func @main(
// EW-VAR3-SAME: %[[A:.*]]: tensor<2x3xf32> {tessera.name = "a"}, %[[B:.*]]: tensor<3xf32> {tessera.name = "b"}, %[[C:.*]]: tensor<2x1xf32> {tessera.name = "c"}) -> (tensor<2x3xf32> {tessera.name = "sum"}, tensor<2x3xf32> {tessera.name = "mean"}, tensor<2x3xf32> {tessera.name = "max"}, tensor<2x3xf32> {tessera.name = "min"}) {
// EW-VAR3-NEXT: %[[ADD:.*]] = tessera.add %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// EW-VAR3-NEXT: %[[ADD2:.*]] = tessera.add %[[ADD]], %[[C]] : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
// EW-VAR3-NEXT: %[[ADD3:.*]] = tessera.add %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// EW-VAR3-NEXT: %[[ADD4:.*]] = tessera.add %[[ADD3]], %[[C]] : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
// EW-VAR3-NEXT: %[[CST:.*]] = tessera.constant dense<3.000000e+00> : tensor<f32>
// EW-VAR3-NEXT: %[[DIV:.*]] = tessera.div %[[ADD4]], %[[CST]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// EW-VAR3-NEXT: %[[MAX:.*]] = tessera.max %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// EW-VAR3-NEXT: %[[MAX2:.*]] = tessera.max %[[MAX]], %[[C]] : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
// EW-VAR3-NEXT: %[[MIN:.*]] = tessera.min %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// EW-VAR3-NEXT: %[[MIN2:.*]] = tessera.min %[[MIN]], %[[C]] : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
// EW-VAR3-NEXT: return %[[ADD2]], %[[DIV]], %[[MAX2]], %[[MIN2]] : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>

// Sum and Max of one input are that input.
// RUN: %python %S/op_models.py variadic1 %t.variadic1.onnx && tessera-compile %t.variadic1.onnx --emit=imported | FileCheck %s --check-prefix=EW-VAR1
// EW-VAR1-LABEL: func.func @main(
// EW-VAR1-SAME: %[[A:.*]]: tensor<2x3xf32> {tessera.name = "a"}) -> (tensor<2x3xf32> {tessera.name = "sum"}, tensor<2x3xf32> {tessera.name = "max"}) {
// EW-VAR1-NEXT: return %[[A]], %[[A]] : tensor<2x3xf32>, tensor<2x3xf32>

// And, Or, Xor broadcast; Not is unary.
// RUN: %python %S/op_models.py logic %t.logic.onnx && tessera-compile %t.logic.onnx --emit=imported | FileCheck %s --check-prefix=EW-LOGIC
// EW-LOGIC-LABEL: func.func @main(
// EW-LOGIC-SAME: %[[P:.*]]: tensor<2x3xi1> {tessera.name = "p"}, %[[Q:.*]]: tensor<3xi1> {tessera.name = "q"}) -> (tensor<2x3xi1> {tessera.name = "and"}, tensor<2x3xi1> {tessera.name = "or"}, tensor<2x3xi1> {tessera.name = "xor"}, tensor<2x3xi1> {tessera.name = "not"}) {
// EW-LOGIC-NEXT: %[[LOGICAL_AND:.*]] = tessera.logical_and %[[P]], %[[Q]] : (tensor<2x3xi1>, tensor<3xi1>) -> tensor<2x3xi1>
// EW-LOGIC-NEXT: %[[LOGICAL_OR:.*]] = tessera.logical_or %[[P]], %[[Q]] : (tensor<2x3xi1>, tensor<3xi1>) -> tensor<2x3xi1>
// EW-LOGIC-NEXT: %[[LOGICAL_XOR:.*]] = tessera.logical_xor %[[P]], %[[Q]] : (tensor<2x3xi1>, tensor<3xi1>) -> tensor<2x3xi1>
// EW-LOGIC-NEXT: %[[LOGICAL_NOT:.*]] = tessera.logical_not %[[P]] : tensor<2x3xi1>
// EW-LOGIC-NEXT: return %[[LOGICAL_AND]], %[[LOGICAL_OR]], %[[LOGICAL_XOR]], %[[LOGICAL_NOT]] : tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>

// The five comparisons broadcast and give i1.
// RUN: %python %S/op_models.py compare %t.compare.onnx && tessera-compile %t.compare.onnx --emit=imported | FileCheck %s --check-prefix=EW-CMP
// EW-CMP-LABEL: func.func @main(
// EW-CMP-SAME: %[[X:.*]]: tensor<2x3xf32> {tessera.name = "x"}, %[[Y:.*]]: tensor<2x1xf32> {tessera.name = "y"}) -> (tensor<2x3xi1> {tessera.name = "eq"}, tensor<2x3xi1> {tessera.name = "lt"}, tensor<2x3xi1> {tessera.name = "le"}, tensor<2x3xi1> {tessera.name = "gt"}, tensor<2x3xi1> {tessera.name = "ge"}) {
// EW-CMP-NEXT: %[[COMPARE:.*]] = tessera.compare eq, %[[X]], %[[Y]] : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xi1>
// EW-CMP-NEXT: %[[COMPARE2:.*]] = tessera.compare lt, %[[X]], %[[Y]] : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xi1>
// EW-CMP-NEXT: %[[COMPARE3:.*]] = tessera.compare le, %[[X]], %[[Y]] : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xi1>
// EW-CMP-NEXT: %[[COMPARE4:.*]] = tessera.compare gt, %[[X]], %[[Y]] : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xi1>
// EW-CMP-NEXT: %[[COMPARE5:.*]] = tessera.compare ge, %[[X]], %[[Y]] : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xi1>
// EW-CMP-NEXT: return %[[COMPARE]], %[[COMPARE2]], %[[COMPARE3]], %[[COMPARE4]], %[[COMPARE5]] : tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>

// Equal on int64 against a scalar.
// RUN: %python %S/op_models.py compare_int %t.compare_int.onnx && tessera-compile %t.compare_int.onnx --emit=imported | FileCheck %s --check-prefix=EW-CMPI
// EW-CMPI-LABEL: func.func @main(
// EW-CMPI-SAME: %[[I:.*]]: tensor<4xi64> {tessera.name = "i"}, %[[J:.*]]: tensor<i64> {tessera.name = "j"}) -> (tensor<4xi1> {tessera.name = "eq"}) {
// EW-CMPI-NEXT: %[[COMPARE:.*]] = tessera.compare eq, %[[I]], %[[J]] : (tensor<4xi64>, tensor<i64>) -> tensor<4xi1>
// EW-CMPI-NEXT: return %[[COMPARE]] : tensor<4xi1>

// Where broadcasts all three operands: [2,1], [2,3], [] -> [2,3].
// RUN: %python %S/op_models.py where %t.where.onnx && tessera-compile %t.where.onnx --emit=imported | FileCheck %s --check-prefix=EW-WHERE
// EW-WHERE-LABEL: func.func @main(
// EW-WHERE-SAME: %[[C:.*]]: tensor<2x1xi1> {tessera.name = "c"}, %[[X:.*]]: tensor<2x3xf32> {tessera.name = "x"}, %[[Y:.*]]: tensor<f32> {tessera.name = "y"}) -> (tensor<2x3xf32> {tessera.name = "z"}) {
// EW-WHERE-NEXT: %[[WHERE:.*]] = tessera.where %[[C]], %[[X]], %[[Y]] : (tensor<2x1xi1>, tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// EW-WHERE-NEXT: return %[[WHERE]] : tensor<2x3xf32>

// One op per unary converter; Reciprocal is 1 / x.
// RUN: %python %S/op_models.py unary_math %t.unary_math.onnx && tessera-compile %t.unary_math.onnx --emit=imported | FileCheck %s --check-prefix=EW-UNARY
// EW-UNARY-LABEL: func.func @main(
// EW-UNARY-SAME: %[[X:.*]]: tensor<2x3xf32> {tessera.name = "x"}) -> (tensor<2x3xf32> {tessera.name = "neg"}, tensor<2x3xf32> {tessera.name = "abs"}, tensor<2x3xf32> {tessera.name = "exp"}, tensor<2x3xf32> {tessera.name = "log"}, tensor<2x3xf32> {tessera.name = "sqrt"}, tensor<2x3xf32> {tessera.name = "reciprocal"}, tensor<2x3xf32> {tessera.name = "tanh"}, tensor<2x3xf32> {tessera.name = "erf"}, tensor<2x3xf32> {tessera.name = "sigmoid"}, tensor<2x3xf32> {tessera.name = "relu"}) {
// EW-UNARY-NEXT: %[[NEG:.*]] = tessera.neg %[[X]] : tensor<2x3xf32>
// EW-UNARY-NEXT: %[[ABS:.*]] = tessera.abs %[[X]] : tensor<2x3xf32>
// EW-UNARY-NEXT: %[[EXP:.*]] = tessera.exp %[[X]] : tensor<2x3xf32>
// EW-UNARY-NEXT: %[[LOG:.*]] = tessera.log %[[X]] : tensor<2x3xf32>
// EW-UNARY-NEXT: %[[SQRT:.*]] = tessera.sqrt %[[X]] : tensor<2x3xf32>
// EW-UNARY-NEXT: %[[CST:.*]] = tessera.constant dense<1.000000e+00> : tensor<f32>
// EW-UNARY-NEXT: %[[DIV:.*]] = tessera.div %[[CST]], %[[X]] : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// EW-UNARY-NEXT: %[[TANH:.*]] = tessera.tanh %[[X]] : tensor<2x3xf32>
// EW-UNARY-NEXT: %[[ERF:.*]] = tessera.erf %[[X]] : tensor<2x3xf32>
// EW-UNARY-NEXT: %[[SIGMOID:.*]] = tessera.sigmoid %[[X]] : tensor<2x3xf32>
// EW-UNARY-NEXT: %[[RELU:.*]] = tessera.relu %[[X]] : tensor<2x3xf32>
// EW-UNARY-NEXT: return %[[NEG]], %[[ABS]], %[[EXP]], %[[LOG]], %[[SQRT]], %[[DIV]], %[[TANH]], %[[ERF]], %[[SIGMOID]], %[[RELU]] : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>

// LeakyRelu(alpha = 0.25) is where(x < 0, x * 0.25, x).
// RUN: %python %S/op_models.py leaky_relu %t.leaky_relu.onnx && tessera-compile %t.leaky_relu.onnx --emit=imported | FileCheck %s --check-prefix=EW-LEAKY
// EW-LEAKY-LABEL: func.func @main(
// EW-LEAKY-SAME: %[[X:.*]]: tensor<2x3xf32> {tessera.name = "x"}) -> (tensor<2x3xf32> {tessera.name = "y"}) {
// EW-LEAKY-NEXT: %[[CST:.*]] = tessera.constant dense<0.000000e+00> : tensor<f32>
// EW-LEAKY-NEXT: %[[COMPARE:.*]] = tessera.compare lt, %[[X]], %[[CST]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xi1>
// EW-LEAKY-NEXT: %[[CST2:.*]] = tessera.constant dense<2.500000e-01> : tensor<f32>
// EW-LEAKY-NEXT: %[[MUL:.*]] = tessera.mul %[[X]], %[[CST2]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// EW-LEAKY-NEXT: %[[WHERE:.*]] = tessera.where %[[COMPARE]], %[[MUL]], %[[X]] : (tensor<2x3xi1>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// EW-LEAKY-NEXT: return %[[WHERE]] : tensor<2x3xf32>

// LeakyRelu's default alpha is 0.01.
// RUN: %python %S/op_models.py leaky_relu_default %t.leaky_relu_default.onnx && tessera-compile %t.leaky_relu_default.onnx --emit=imported | FileCheck %s --check-prefix=EW-LEAKYD
// EW-LEAKYD-LABEL: func.func @main(
// EW-LEAKYD-SAME: %[[X:.*]]: tensor<2x3xf32> {tessera.name = "x"}) -> (tensor<2x3xf32> {tessera.name = "y"}) {
// EW-LEAKYD-NEXT: %[[CST:.*]] = tessera.constant dense<0.000000e+00> : tensor<f32>
// EW-LEAKYD-NEXT: %[[COMPARE:.*]] = tessera.compare lt, %[[X]], %[[CST]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xi1>
// EW-LEAKYD-NEXT: %[[CST2:.*]] = tessera.constant dense<0.00999999977> : tensor<f32>
// EW-LEAKYD-NEXT: %[[MUL:.*]] = tessera.mul %[[X]], %[[CST2]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// EW-LEAKYD-NEXT: %[[WHERE:.*]] = tessera.where %[[COMPARE]], %[[MUL]], %[[X]] : (tensor<2x3xi1>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// EW-LEAKYD-NEXT: return %[[WHERE]] : tensor<2x3xf32>

// HardSigmoid(alpha = 0.5, beta = 0.25) is clip(0.5 * x + 0.25, 0, 1).
// RUN: %python %S/op_models.py hard_sigmoid %t.hard_sigmoid.onnx && tessera-compile %t.hard_sigmoid.onnx --emit=imported | FileCheck %s --check-prefix=EW-HSIG
// EW-HSIG-LABEL: func.func @main(
// EW-HSIG-SAME: %[[X:.*]]: tensor<2x3xf32> {tessera.name = "x"}) -> (tensor<2x3xf32> {tessera.name = "y"}) {
// EW-HSIG-NEXT: %[[CST:.*]] = tessera.constant dense<5.000000e-01> : tensor<f32>
// EW-HSIG-NEXT: %[[MUL:.*]] = tessera.mul %[[X]], %[[CST]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// EW-HSIG-NEXT: %[[CST2:.*]] = tessera.constant dense<2.500000e-01> : tensor<f32>
// EW-HSIG-NEXT: %[[ADD:.*]] = tessera.add %[[MUL]], %[[CST2]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// EW-HSIG-NEXT: %[[CLIP:.*]] = tessera.clip %[[ADD]] min = 0.000000e+00 max = 1.000000e+00 : tensor<2x3xf32>
// EW-HSIG-NEXT: return %[[CLIP]] : tensor<2x3xf32>

// HardSigmoid's defaults: alpha = 0.2, beta = 0.5.
// RUN: %python %S/op_models.py hard_sigmoid_default %t.hard_sigmoid_default.onnx && tessera-compile %t.hard_sigmoid_default.onnx --emit=imported | FileCheck %s --check-prefix=EW-HSIGD
// EW-HSIGD-LABEL: func.func @main(
// EW-HSIGD-SAME: %[[X:.*]]: tensor<2x3xf32> {tessera.name = "x"}) -> (tensor<2x3xf32> {tessera.name = "y"}) {
// EW-HSIGD-NEXT: %[[CST:.*]] = tessera.constant dense<2.000000e-01> : tensor<f32>
// EW-HSIGD-NEXT: %[[MUL:.*]] = tessera.mul %[[X]], %[[CST]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// EW-HSIGD-NEXT: %[[CST2:.*]] = tessera.constant dense<5.000000e-01> : tensor<f32>
// EW-HSIGD-NEXT: %[[ADD:.*]] = tessera.add %[[MUL]], %[[CST2]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// EW-HSIGD-NEXT: %[[CLIP:.*]] = tessera.clip %[[ADD]] min = 0.000000e+00 max = 1.000000e+00 : tensor<2x3xf32>
// EW-HSIGD-NEXT: return %[[CLIP]] : tensor<2x3xf32>

// HardSwish is x * HardSigmoid(x) with alpha = 1/6, beta = 0.5.
// RUN: %python %S/op_models.py hard_swish %t.hard_swish.onnx && tessera-compile %t.hard_swish.onnx --emit=imported | FileCheck %s --check-prefix=EW-HSWISH
// EW-HSWISH-LABEL: func.func @main(
// EW-HSWISH-SAME: %[[X:.*]]: tensor<2x3xf32> {tessera.name = "x"}) -> (tensor<2x3xf32> {tessera.name = "y"}) {
// EW-HSWISH-NEXT: %[[CST:.*]] = tessera.constant dense<0.166666672> : tensor<f32>
// EW-HSWISH-NEXT: %[[MUL:.*]] = tessera.mul %[[X]], %[[CST]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// EW-HSWISH-NEXT: %[[CST2:.*]] = tessera.constant dense<5.000000e-01> : tensor<f32>
// EW-HSWISH-NEXT: %[[ADD:.*]] = tessera.add %[[MUL]], %[[CST2]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// EW-HSWISH-NEXT: %[[CLIP:.*]] = tessera.clip %[[ADD]] min = 0.000000e+00 max = 1.000000e+00 : tensor<2x3xf32>
// EW-HSWISH-NEXT: %[[MUL2:.*]] = tessera.mul %[[X]], %[[CLIP]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// EW-HSWISH-NEXT: return %[[MUL2]] : tensor<2x3xf32>

// Gelu (opset 20), approximate = none (the default).
// RUN: %python %S/op_models.py gelu_none %t.gelu_none.onnx && tessera-compile %t.gelu_none.onnx --emit=imported | FileCheck %s --check-prefix=EW-GELU
// EW-GELU-LABEL: func.func @main(
// EW-GELU-SAME: %[[X:.*]]: tensor<2x3xf32> {tessera.name = "x"}) -> (tensor<2x3xf32> {tessera.name = "y"}) {
// EW-GELU-NEXT: %[[GELU:.*]] = tessera.gelu %[[X]] : tensor<2x3xf32>
// EW-GELU-NEXT: return %[[GELU]] : tensor<2x3xf32>

// Gelu (opset 20), approximate = tanh.
// RUN: %python %S/op_models.py gelu_tanh %t.gelu_tanh.onnx && tessera-compile %t.gelu_tanh.onnx --emit=imported | FileCheck %s --check-prefix=EW-GELUT
// EW-GELUT-LABEL: func.func @main(
// EW-GELUT-SAME: %[[X:.*]]: tensor<2x3xf32> {tessera.name = "x"}) -> (tensor<2x3xf32> {tessera.name = "y"}) {
// EW-GELUT-NEXT: %[[GELU:.*]] = tessera.gelu %[[X]] approximate = tanh : tensor<2x3xf32>
// EW-GELUT-NEXT: return %[[GELU]] : tensor<2x3xf32>

// Clip with constant min and max inputs: both become attributes.
// RUN: %python %S/op_models.py clip_min_max %t.clip_min_max.onnx && tessera-compile %t.clip_min_max.onnx --emit=imported | FileCheck %s --check-prefix=EW-CLIP
// EW-CLIP-LABEL: func.func @main(
// EW-CLIP-SAME: %[[X:.*]]: tensor<2x3xf32> {tessera.name = "x"}) -> (tensor<2x3xf32> {tessera.name = "y"}) {
// EW-CLIP-NEXT: %[[CLIP:.*]] = tessera.clip %[[X]] min = -1.000000e+00 max = 6.000000e+00 : tensor<2x3xf32>
// EW-CLIP-NEXT: return %[[CLIP]] : tensor<2x3xf32>

// Clip whose min input is the empty name: only max.
// RUN: %python %S/op_models.py clip_max_only %t.clip_max_only.onnx && tessera-compile %t.clip_max_only.onnx --emit=imported | FileCheck %s --check-prefix=EW-CLIPMAX
// EW-CLIPMAX-LABEL: func.func @main(
// EW-CLIPMAX-SAME: %[[X:.*]]: tensor<2x3xf32> {tessera.name = "x"}) -> (tensor<2x3xf32> {tessera.name = "y"}) {
// EW-CLIPMAX-NEXT: %[[CLIP:.*]] = tessera.clip %[[X]] max = 6.000000e+00 : tensor<2x3xf32>
// EW-CLIPMAX-NEXT: return %[[CLIP]] : tensor<2x3xf32>

// Clip with only the min input.
// RUN: %python %S/op_models.py clip_min_only %t.clip_min_only.onnx && tessera-compile %t.clip_min_only.onnx --emit=imported | FileCheck %s --check-prefix=EW-CLIPMIN
// EW-CLIPMIN-LABEL: func.func @main(
// EW-CLIPMIN-SAME: %[[X:.*]]: tensor<2x3xf32> {tessera.name = "x"}) -> (tensor<2x3xf32> {tessera.name = "y"}) {
// EW-CLIPMIN-NEXT: %[[CLIP:.*]] = tessera.clip %[[X]] min = 0.000000e+00 : tensor<2x3xf32>
// EW-CLIPMIN-NEXT: return %[[CLIP]] : tensor<2x3xf32>

// Clip without bounds is the identity.
// RUN: %python %S/op_models.py clip_none %t.clip_none.onnx && tessera-compile %t.clip_none.onnx --emit=imported | FileCheck %s --check-prefix=EW-CLIPNONE
// EW-CLIPNONE-LABEL: func.func @main(
// EW-CLIPNONE-SAME: %[[X:.*]]: tensor<2x3xf32> {tessera.name = "x"}) -> (tensor<2x3xf32> {tessera.name = "y"}) {
// EW-CLIPNONE-NEXT: return %[[X]] : tensor<2x3xf32>

// Clip of an int32 tensor with int32 bounds.
// RUN: %python %S/op_models.py clip_int %t.clip_int.onnx && tessera-compile %t.clip_int.onnx --emit=imported | FileCheck %s --check-prefix=EW-CLIPINT
// EW-CLIPINT-LABEL: func.func @main(
// EW-CLIPINT-SAME: %[[X:.*]]: tensor<4xi32> {tessera.name = "x"}) -> (tensor<4xi32> {tessera.name = "y"}) {
// EW-CLIPINT-NEXT: %[[CLIP:.*]] = tessera.clip %[[X]] min = -5.000000e+00 max = 5.000000e+00 : tensor<4xi32>
// EW-CLIPINT-NEXT: return %[[CLIP]] : tensor<4xi32>

// min (2) > max (1): every element becomes max, as numpy.clip and
// onnxruntime compute it; the importer clips to [max, max].
// RUN: %python %S/op_models.py clip_min_above_max %t.clip_min_above_max.onnx && tessera-compile %t.clip_min_above_max.onnx --emit=imported | FileCheck %s --check-prefix=EW-CLIPSWAP
// EW-CLIPSWAP-LABEL: func.func @main(
// EW-CLIPSWAP-SAME: %[[X:.*]]: tensor<4xf32> {tessera.name = "x"}) -> (tensor<4xf32> {tessera.name = "y"}) {
// EW-CLIPSWAP-NEXT: %[[CLIP:.*]] = tessera.clip %[[X]] min = 1.000000e+00 max = 1.000000e+00 : tensor<4xf32>
// EW-CLIPSWAP-NEXT: return %[[CLIP]] : tensor<4xf32>

// Cast to f16, i32 and bool; a Cast to the same type is the identity.
// RUN: %python %S/op_models.py cast %t.cast.onnx && tessera-compile %t.cast.onnx --emit=imported | FileCheck %s --check-prefix=EW-CAST
// EW-CAST-LABEL: func.func @main(
// EW-CAST-SAME: %[[X:.*]]: tensor<2x3xf32> {tessera.name = "x"}) -> (tensor<2x3xf16> {tessera.name = "h"}, tensor<2x3xi32> {tessera.name = "i"}, tensor<2x3xi1> {tessera.name = "b"}, tensor<2x3xf32> {tessera.name = "same"}) {
// EW-CAST-NEXT: %[[CAST:.*]] = tessera.cast %[[X]] : tensor<2x3xf32> to tensor<2x3xf16>
// EW-CAST-NEXT: %[[CAST2:.*]] = tessera.cast %[[X]] : tensor<2x3xf32> to tensor<2x3xi32>
// EW-CAST-NEXT: %[[CAST3:.*]] = tessera.cast %[[X]] : tensor<2x3xf32> to tensor<2x3xi1>
// EW-CAST-NEXT: return %[[CAST]], %[[CAST2]], %[[CAST3]], %[[X]] : tensor<2x3xf16>, tensor<2x3xi32>, tensor<2x3xi1>, tensor<2x3xf32>

// CastLike (opset 15) takes the element type of its second input.
// RUN: %python %S/op_models.py cast_like %t.cast_like.onnx && tessera-compile %t.cast_like.onnx --emit=imported | FileCheck %s --check-prefix=EW-CASTLIKE
// EW-CASTLIKE-LABEL: func.func @main(
// EW-CASTLIKE-SAME: %[[X:.*]]: tensor<2x3xi64> {tessera.name = "x"}, %[[T:.*]]: tensor<1xf16> {tessera.name = "t"}) -> (tensor<2x3xf16> {tessera.name = "y"}) {
// EW-CASTLIKE-NEXT: %[[CAST:.*]] = tessera.cast %[[X]] : tensor<2x3xi64> to tensor<2x3xf16>
// EW-CASTLIKE-NEXT: return %[[CAST]] : tensor<2x3xf16>

// Identity forwards its input (also as a graph output).
// RUN: %python %S/op_models.py identity %t.identity.onnx && tessera-compile %t.identity.onnx --emit=imported | FileCheck %s --check-prefix=EW-IDENTITY
// EW-IDENTITY-LABEL: func.func @main(
// EW-IDENTITY-SAME: %[[X:.*]]: tensor<2x3xf32> {tessera.name = "x"}) -> (tensor<2x3xf32> {tessera.name = "y"}, tensor<2x3xf32> {tessera.name = "z"}) {
// EW-IDENTITY-NEXT: %[[RELU:.*]] = tessera.relu %[[X]] : tensor<2x3xf32>
// EW-IDENTITY-NEXT: return %[[X]], %[[RELU]] : tensor<2x3xf32>, tensor<2x3xf32>

// Dropout at inference: the data passes through and the mask output is a
// constant all-true i1 tensor of the data's shape.
// RUN: %python %S/op_models.py dropout_mask %t.dropout_mask.onnx && tessera-compile %t.dropout_mask.onnx --emit=imported | FileCheck %s --check-prefix=EW-DROPOUT
// EW-DROPOUT-LABEL: func.func @main(
// EW-DROPOUT-SAME: %[[X:.*]]: tensor<2x3xf32> {tessera.name = "x"}) -> (tensor<2x3xf32> {tessera.name = "y"}, tensor<2x3xi1> {tessera.name = "mask"}) {
// EW-DROPOUT-NEXT: %[[CST:.*]] = tessera.constant dense<true> : tensor<2x3xi1>
// EW-DROPOUT-NEXT: return %[[X]], %[[CST]] : tensor<2x3xf32>, tensor<2x3xi1>
