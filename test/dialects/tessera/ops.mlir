// Round-trip tests of every tessera op: each is parsed from its custom syntax,
// printed, and parsed again, also through the generic form.

// RUN: tessera-opt %s | FileCheck %s
// RUN: tessera-opt %s | tessera-opt | FileCheck %s
// RUN: tessera-opt %s --mlir-print-op-generic | tessera-opt | FileCheck %s

// Unary ops on floating-point tensors, over f32, f16, bf16 and f64 (rank 0 too).
// CHECK-LABEL: func.func @unary_float(
// CHECK-SAME:      %[[A:arg[0-9]+]]: tensor<2x3xf32>, %[[B:arg[0-9]+]]: tensor<4xf16>, %[[C:arg[0-9]+]]: tensor<5xbf16>, %[[D:arg[0-9]+]]: tensor<f64>) {
// CHECK-NEXT:    %[[EXP:.*]] = tessera.exp %[[A]] : tensor<2x3xf32>{{$}}
// CHECK-NEXT:    %[[LOG:.*]] = tessera.log %[[B]] : tensor<4xf16>{{$}}
// CHECK-NEXT:    %[[SQRT:.*]] = tessera.sqrt %[[C]] : tensor<5xbf16>{{$}}
// CHECK-NEXT:    %[[RSQRT:.*]] = tessera.rsqrt %[[D]] : tensor<f64>{{$}}
// CHECK-NEXT:    %[[TANH:.*]] = tessera.tanh %[[A]] : tensor<2x3xf32>{{$}}
// CHECK-NEXT:    %[[ERF:.*]] = tessera.erf %[[B]] : tensor<4xf16>{{$}}
// CHECK-NEXT:    %[[SIGMOID:.*]] = tessera.sigmoid %[[C]] : tensor<5xbf16>{{$}}
// CHECK-NEXT:    %[[SILU:.*]] = tessera.silu %[[A]] : tensor<2x3xf32>{{$}}
// CHECK-NEXT:    return{{$}}
func.func @unary_float(%a: tensor<2x3xf32>, %b: tensor<4xf16>, %c: tensor<5xbf16>, %d: tensor<f64>) {
  %0 = tessera.exp %a : tensor<2x3xf32>
  %1 = tessera.log %b : tensor<4xf16>
  %2 = tessera.sqrt %c : tensor<5xbf16>
  %3 = tessera.rsqrt %d : tensor<f64>
  %4 = tessera.tanh %a : tensor<2x3xf32>
  %5 = tessera.erf %b : tensor<4xf16>
  %6 = tessera.sigmoid %c : tensor<5xbf16>
  %7 = tessera.silu %a : tensor<2x3xf32>
  return
}

// Unary ops on numeric tensors (float and integer), and logical_not on i1.
// CHECK-LABEL: func.func @unary_numeric(
// CHECK-SAME:      %[[A:arg[0-9]+]]: tensor<2x3xf32>, %[[B:arg[0-9]+]]: tensor<4xi64>, %[[C:arg[0-9]+]]: tensor<5xi32>, %[[D:arg[0-9]+]]: tensor<3xui8>, %[[E:arg[0-9]+]]: tensor<2x2xi1>) {
// CHECK-NEXT:    %[[NEG:.*]] = tessera.neg %[[A]] : tensor<2x3xf32>{{$}}
// CHECK-NEXT:    %[[NEG2:.*]] = tessera.neg %[[C]] : tensor<5xi32>{{$}}
// CHECK-NEXT:    %[[ABS:.*]] = tessera.abs %[[B]] : tensor<4xi64>{{$}}
// CHECK-NEXT:    %[[ABS2:.*]] = tessera.abs %[[A]] : tensor<2x3xf32>{{$}}
// CHECK-NEXT:    %[[RELU:.*]] = tessera.relu %[[D]] : tensor<3xui8>{{$}}
// CHECK-NEXT:    %[[RELU2:.*]] = tessera.relu %[[A]] : tensor<2x3xf32>{{$}}
// CHECK-NEXT:    %[[LOGICAL_NOT:.*]] = tessera.logical_not %[[E]] : tensor<2x2xi1>{{$}}
// CHECK-NEXT:    return{{$}}
func.func @unary_numeric(%a: tensor<2x3xf32>, %b: tensor<4xi64>, %c: tensor<5xi32>, %d: tensor<3xui8>, %e: tensor<2x2xi1>) {
  %0 = tessera.neg %a : tensor<2x3xf32>
  %1 = tessera.neg %c : tensor<5xi32>
  %2 = tessera.abs %b : tensor<4xi64>
  %3 = tessera.abs %a : tensor<2x3xf32>
  %4 = tessera.relu %d : tensor<3xui8>
  %5 = tessera.relu %a : tensor<2x3xf32>
  %6 = tessera.logical_not %e : tensor<2x2xi1>
  return
}

// gelu: the default approximation (none) is elided when printed; tanh is kept.
// CHECK-LABEL: func.func @gelu(
// CHECK-SAME:      %[[A:arg[0-9]+]]: tensor<2x8xf32>, %[[B:arg[0-9]+]]: tensor<4xbf16>) {
// CHECK-NEXT:    %[[GELU:.*]] = tessera.gelu %[[A]] : tensor<2x8xf32>{{$}}
// CHECK-NEXT:    %[[GELU2:.*]] = tessera.gelu %[[A]] : tensor<2x8xf32>{{$}}
// CHECK-NEXT:    %[[GELU3:.*]] = tessera.gelu %[[B]] approximate = tanh : tensor<4xbf16>{{$}}
// CHECK-NEXT:    return{{$}}
func.func @gelu(%a: tensor<2x8xf32>, %b: tensor<4xbf16>) {
  %0 = tessera.gelu %a : tensor<2x8xf32>
  %1 = tessera.gelu %a approximate = none : tensor<2x8xf32>
  %2 = tessera.gelu %b approximate = tanh : tensor<4xbf16>
  return
}

// clip with both bounds, only min, only max, equal bounds and no bound;
// the bounds print as f64 literals.
// CHECK-LABEL: func.func @clip(
// CHECK-SAME:      %[[A:arg[0-9]+]]: tensor<2x8xf32>, %[[B:arg[0-9]+]]: tensor<4xi64>, %[[C:arg[0-9]+]]: tensor<3xui8>, %[[D:arg[0-9]+]]: tensor<2xf16>) {
// CHECK-NEXT:    %[[CLIP:.*]] = tessera.clip %[[A]] min = 0.000000e+00 max = 6.000000e+00 : tensor<2x8xf32>{{$}}
// CHECK-NEXT:    %[[CLIP2:.*]] = tessera.clip %[[B]] min = -3.000000e+00 : tensor<4xi64>{{$}}
// CHECK-NEXT:    %[[CLIP3:.*]] = tessera.clip %[[C]] max = 2.000000e+02 : tensor<3xui8>{{$}}
// CHECK-NEXT:    %[[CLIP4:.*]] = tessera.clip %[[D]] min = 1.500000e+00 max = 1.500000e+00 : tensor<2xf16>{{$}}
// CHECK-NEXT:    %[[CLIP5:.*]] = tessera.clip %[[A]] : tensor<2x8xf32>{{$}}
// CHECK-NEXT:    return{{$}}
func.func @clip(%a: tensor<2x8xf32>, %b: tensor<4xi64>, %c: tensor<3xui8>, %d: tensor<2xf16>) {
  %0 = tessera.clip %a min = 0.0 max = 6.0 : tensor<2x8xf32>
  %1 = tessera.clip %b min = -3.0 : tensor<4xi64>
  %2 = tessera.clip %c max = 200.0 : tensor<3xui8>
  %3 = tessera.clip %d min = 1.5 max = 1.5 : tensor<2xf16>
  %4 = tessera.clip %a : tensor<2x8xf32>
  return
}

// Binary arithmetic with NumPy broadcasting of the operand shapes.
// CHECK-LABEL: func.func @arith(
// CHECK-SAME:      %[[A:arg[0-9]+]]: tensor<4x8xf32>, %[[B:arg[0-9]+]]: tensor<8xf32>, %[[C:arg[0-9]+]]: tensor<2x1x3xi64>, %[[D:arg[0-9]+]]: tensor<4x1xi64>, %[[E:arg[0-9]+]]: tensor<f16>, %[[F:arg[0-9]+]]: tensor<2x3xf16>, %[[G:arg[0-9]+]]: tensor<3xi32>, %[[H:arg[0-9]+]]: tensor<3x1xbf16>, %[[I:arg[0-9]+]]: tensor<1x5xbf16>, %[[J:arg[0-9]+]]: tensor<2x4xui8>) {
// CHECK-NEXT:    %[[ADD:.*]] = tessera.add %[[A]], %[[B]] : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>{{$}}
// CHECK-NEXT:    %[[SUB:.*]] = tessera.sub %[[C]], %[[D]] : (tensor<2x1x3xi64>, tensor<4x1xi64>) -> tensor<2x4x3xi64>{{$}}
// CHECK-NEXT:    %[[MUL:.*]] = tessera.mul %[[E]], %[[F]] : (tensor<f16>, tensor<2x3xf16>) -> tensor<2x3xf16>{{$}}
// CHECK-NEXT:    %[[DIV:.*]] = tessera.div %[[G]], %[[G]] : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>{{$}}
// CHECK-NEXT:    %[[POW:.*]] = tessera.pow %[[H]], %[[I]] : (tensor<3x1xbf16>, tensor<1x5xbf16>) -> tensor<3x5xbf16>{{$}}
// CHECK-NEXT:    %[[MAX:.*]] = tessera.max %[[J]], %[[J]] : (tensor<2x4xui8>, tensor<2x4xui8>) -> tensor<2x4xui8>{{$}}
// CHECK-NEXT:    %[[MIN:.*]] = tessera.min %[[B]], %[[A]] : (tensor<8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>{{$}}
// CHECK-NEXT:    return{{$}}
func.func @arith(%a: tensor<4x8xf32>, %b: tensor<8xf32>, %c: tensor<2x1x3xi64>, %d: tensor<4x1xi64>, %e: tensor<f16>, %f: tensor<2x3xf16>, %g: tensor<3xi32>, %h: tensor<3x1xbf16>, %i: tensor<1x5xbf16>, %j: tensor<2x4xui8>) {
  %0 = tessera.add %a, %b : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  %1 = tessera.sub %c, %d : (tensor<2x1x3xi64>, tensor<4x1xi64>) -> tensor<2x4x3xi64>
  %2 = tessera.mul %e, %f : (tensor<f16>, tensor<2x3xf16>) -> tensor<2x3xf16>
  %3 = tessera.div %g, %g : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  %4 = tessera.pow %h, %i : (tensor<3x1xbf16>, tensor<1x5xbf16>) -> tensor<3x5xbf16>
  %5 = tessera.max %j, %j : (tensor<2x4xui8>, tensor<2x4xui8>) -> tensor<2x4xui8>
  %6 = tessera.min %b, %a : (tensor<8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  return
}

// Logical ops on i1 tensors, with broadcasting.
// CHECK-LABEL: func.func @logical(
// CHECK-SAME:      %[[A:arg[0-9]+]]: tensor<2x1xi1>, %[[B:arg[0-9]+]]: tensor<3xi1>, %[[C:arg[0-9]+]]: tensor<i1>) {
// CHECK-NEXT:    %[[LOGICAL_AND:.*]] = tessera.logical_and %[[A]], %[[B]] : (tensor<2x1xi1>, tensor<3xi1>) -> tensor<2x3xi1>{{$}}
// CHECK-NEXT:    %[[LOGICAL_OR:.*]] = tessera.logical_or %[[C]], %[[B]] : (tensor<i1>, tensor<3xi1>) -> tensor<3xi1>{{$}}
// CHECK-NEXT:    %[[LOGICAL_XOR:.*]] = tessera.logical_xor %[[A]], %[[A]] : (tensor<2x1xi1>, tensor<2x1xi1>) -> tensor<2x1xi1>{{$}}
// CHECK-NEXT:    return{{$}}
func.func @logical(%a: tensor<2x1xi1>, %b: tensor<3xi1>, %c: tensor<i1>) {
  %0 = tessera.logical_and %a, %b : (tensor<2x1xi1>, tensor<3xi1>) -> tensor<2x3xi1>
  %1 = tessera.logical_or %c, %b : (tensor<i1>, tensor<3xi1>) -> tensor<3xi1>
  %2 = tessera.logical_xor %a, %a : (tensor<2x1xi1>, tensor<2x1xi1>) -> tensor<2x1xi1>
  return
}

// compare in all six directions; the result is i1 in the broadcast shape.
// CHECK-LABEL: func.func @compare(
// CHECK-SAME:      %[[A:arg[0-9]+]]: tensor<4x8xf32>, %[[B:arg[0-9]+]]: tensor<1x8xf32>, %[[C:arg[0-9]+]]: tensor<3xi64>, %[[D:arg[0-9]+]]: tensor<ui8>, %[[E:arg[0-9]+]]: tensor<2xui8>, %[[F:arg[0-9]+]]: tensor<2xi1>) {
// CHECK-NEXT:    %[[COMPARE:.*]] = tessera.compare eq, %[[A]], %[[B]] : (tensor<4x8xf32>, tensor<1x8xf32>) -> tensor<4x8xi1>{{$}}
// CHECK-NEXT:    %[[COMPARE2:.*]] = tessera.compare ne, %[[C]], %[[C]] : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi1>{{$}}
// CHECK-NEXT:    %[[COMPARE3:.*]] = tessera.compare lt, %[[D]], %[[E]] : (tensor<ui8>, tensor<2xui8>) -> tensor<2xi1>{{$}}
// CHECK-NEXT:    %[[COMPARE4:.*]] = tessera.compare le, %[[B]], %[[A]] : (tensor<1x8xf32>, tensor<4x8xf32>) -> tensor<4x8xi1>{{$}}
// CHECK-NEXT:    %[[COMPARE5:.*]] = tessera.compare gt, %[[F]], %[[F]] : (tensor<2xi1>, tensor<2xi1>) -> tensor<2xi1>{{$}}
// CHECK-NEXT:    %[[COMPARE6:.*]] = tessera.compare ge, %[[C]], %[[C]] : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi1>{{$}}
// CHECK-NEXT:    return{{$}}
func.func @compare(%a: tensor<4x8xf32>, %b: tensor<1x8xf32>, %c: tensor<3xi64>, %d: tensor<ui8>, %e: tensor<2xui8>, %f: tensor<2xi1>) {
  %0 = tessera.compare eq, %a, %b : (tensor<4x8xf32>, tensor<1x8xf32>) -> tensor<4x8xi1>
  %1 = tessera.compare ne, %c, %c : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi1>
  %2 = tessera.compare lt, %d, %e : (tensor<ui8>, tensor<2xui8>) -> tensor<2xi1>
  %3 = tessera.compare le, %b, %a : (tensor<1x8xf32>, tensor<4x8xf32>) -> tensor<4x8xi1>
  %4 = tessera.compare gt, %f, %f : (tensor<2xi1>, tensor<2xi1>) -> tensor<2xi1>
  %5 = tessera.compare ge, %c, %c : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi1>
  return
}

// where: condition, true and false values broadcast together; the result
// takes the element type of the values.
// CHECK-LABEL: func.func @where(
// CHECK-SAME:      %[[M:arg[0-9]+]]: tensor<1x1x8x8xi1>, %[[X:arg[0-9]+]]: tensor<2x4x8x8xf32>, %[[Y:arg[0-9]+]]: tensor<f32>, %[[C:arg[0-9]+]]: tensor<3xi1>, %[[I:arg[0-9]+]]: tensor<2x1xi64>, %[[J:arg[0-9]+]]: tensor<3xi64>) {
// CHECK-NEXT:    %[[WHERE:.*]] = tessera.where %[[M]], %[[X]], %[[Y]] : (tensor<1x1x8x8xi1>, tensor<2x4x8x8xf32>, tensor<f32>) -> tensor<2x4x8x8xf32>{{$}}
// CHECK-NEXT:    %[[WHERE2:.*]] = tessera.where %[[C]], %[[I]], %[[J]] : (tensor<3xi1>, tensor<2x1xi64>, tensor<3xi64>) -> tensor<2x3xi64>{{$}}
// CHECK-NEXT:    %[[WHERE3:.*]] = tessera.where %[[C]], %[[C]], %[[C]] : (tensor<3xi1>, tensor<3xi1>, tensor<3xi1>) -> tensor<3xi1>{{$}}
// CHECK-NEXT:    return{{$}}
func.func @where(%m: tensor<1x1x8x8xi1>, %x: tensor<2x4x8x8xf32>, %y: tensor<f32>, %c: tensor<3xi1>, %i: tensor<2x1xi64>, %j: tensor<3xi64>) {
  %0 = tessera.where %m, %x, %y : (tensor<1x1x8x8xi1>, tensor<2x4x8x8xf32>, tensor<f32>) -> tensor<2x4x8x8xf32>
  %1 = tessera.where %c, %i, %j : (tensor<3xi1>, tensor<2x1xi64>, tensor<3xi64>) -> tensor<2x3xi64>
  %2 = tessera.where %c, %c, %c : (tensor<3xi1>, tensor<3xi1>, tensor<3xi1>) -> tensor<3xi1>
  return
}

// cast between float, integer, unsigned and i1 element types.
// CHECK-LABEL: func.func @cast(
// CHECK-SAME:      %[[A:arg[0-9]+]]: tensor<2x8xf32>, %[[B:arg[0-9]+]]: tensor<3xi64>, %[[C:arg[0-9]+]]: tensor<3xi1>, %[[D:arg[0-9]+]]: tensor<ui8>) {
// CHECK-NEXT:    %[[CAST:.*]] = tessera.cast %[[A]] : tensor<2x8xf32> to tensor<2x8xf16>{{$}}
// CHECK-NEXT:    %[[CAST2:.*]] = tessera.cast %[[A]] : tensor<2x8xf32> to tensor<2x8xbf16>{{$}}
// CHECK-NEXT:    %[[CAST3:.*]] = tessera.cast %[[B]] : tensor<3xi64> to tensor<3xf32>{{$}}
// CHECK-NEXT:    %[[CAST4:.*]] = tessera.cast %[[B]] : tensor<3xi64> to tensor<3xi1>{{$}}
// CHECK-NEXT:    %[[CAST5:.*]] = tessera.cast %[[C]] : tensor<3xi1> to tensor<3xi32>{{$}}
// CHECK-NEXT:    %[[CAST6:.*]] = tessera.cast %[[D]] : tensor<ui8> to tensor<f64>{{$}}
// CHECK-NEXT:    %[[CAST7:.*]] = tessera.cast %[[A]] : tensor<2x8xf32> to tensor<2x8xf32>{{$}}
// CHECK-NEXT:    return{{$}}
func.func @cast(%a: tensor<2x8xf32>, %b: tensor<3xi64>, %c: tensor<3xi1>, %d: tensor<ui8>) {
  %0 = tessera.cast %a : tensor<2x8xf32> to tensor<2x8xf16>
  %1 = tessera.cast %a : tensor<2x8xf32> to tensor<2x8xbf16>
  %2 = tessera.cast %b : tensor<3xi64> to tensor<3xf32>
  %3 = tessera.cast %b : tensor<3xi64> to tensor<3xi1>
  %4 = tessera.cast %c : tensor<3xi1> to tensor<3xi32>
  %5 = tessera.cast %d : tensor<ui8> to tensor<f64>
  %6 = tessera.cast %a : tensor<2x8xf32> to tensor<2x8xf32>
  return
}

// constant: inline dense literals of several element types and dense_resource
// blobs (defined in the dialect_resources section at the end of the file).
// CHECK-LABEL: func.func @constant(
// CHECK-SAME:      ) {
// CHECK-NEXT:    %[[CONSTANT:.*]] = tessera.constant dense<9.99999974E-6> : tensor<f32>{{$}}
// CHECK-NEXT:    %[[CONSTANT2:.*]] = tessera.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00], [3.000000e+00, 4.500000e+00]]> : tensor<2x2xf16>{{$}}
// CHECK-NEXT:    %[[CONSTANT3:.*]] = tessera.constant dense<[1, -2, 3]> : tensor<3xi64>{{$}}
// CHECK-NEXT:    %[[CONSTANT4:.*]] = tessera.constant dense<[true, false]> : tensor<2xi1>{{$}}
// CHECK-NEXT:    %[[CONSTANT5:.*]] = tessera.constant dense<255> : tensor<4xui8>{{$}}
// CHECK-NEXT:    %[[CONSTANT6:.*]] = tessera.constant dense<-5> : tensor<2x3xi32>{{$}}
// CHECK-NEXT:    %[[CONSTANT7:.*]] = tessera.constant dense<5.000000e-01> : tensor<8xbf16>{{$}}
// CHECK-NEXT:    %[[CONSTANT8:.*]] = tessera.constant dense_resource<fc1_weight> : tensor<2x2xf32>{{$}}
// CHECK-NEXT:    %[[CONSTANT9:.*]] = tessera.constant dense_resource<ids> : tensor<2xi64>{{$}}
// CHECK-NEXT:    return{{$}}
func.func @constant() {
  %0 = tessera.constant dense<1.0e-05> : tensor<f32>
  %1 = tessera.constant dense<[[1.0, 2.0], [3.0, 4.5]]> : tensor<2x2xf16>
  %2 = tessera.constant dense<[1, -2, 3]> : tensor<3xi64>
  %3 = tessera.constant dense<[true, false]> : tensor<2xi1>
  %4 = tessera.constant dense<255> : tensor<4xui8>
  %5 = tessera.constant dense<-5> : tensor<2x3xi32>
  %6 = tessera.constant dense<0.5> : tensor<8xbf16>
  %7 = tessera.constant dense_resource<fc1_weight> : tensor<2x2xf32>
  %8 = tessera.constant dense_resource<ids> : tensor<2xi64>
  return
}

// matmul: 2-D, batched 3-D x 2-D, broadcasting batch dimensions.
// CHECK-LABEL: func.func @matmul(
// CHECK-SAME:      %[[A:arg[0-9]+]]: tensor<4x8xf32>, %[[B:arg[0-9]+]]: tensor<8x16xf32>, %[[C:arg[0-9]+]]: tensor<2x4x8xf32>, %[[D:arg[0-9]+]]: tensor<3x1x4x8xf16>, %[[E:arg[0-9]+]]: tensor<5x8x2xf16>, %[[F:arg[0-9]+]]: tensor<2x3xi64>, %[[G:arg[0-9]+]]: tensor<3x3xi64>, %[[H:arg[0-9]+]]: tensor<1x3x5xbf16>, %[[I:arg[0-9]+]]: tensor<2x5x1xbf16>) {
// CHECK-NEXT:    %[[MATMUL:.*]] = tessera.matmul %[[A]], %[[B]] : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>{{$}}
// CHECK-NEXT:    %[[MATMUL2:.*]] = tessera.matmul %[[C]], %[[B]] : (tensor<2x4x8xf32>, tensor<8x16xf32>) -> tensor<2x4x16xf32>{{$}}
// CHECK-NEXT:    %[[MATMUL3:.*]] = tessera.matmul %[[D]], %[[E]] : (tensor<3x1x4x8xf16>, tensor<5x8x2xf16>) -> tensor<3x5x4x2xf16>{{$}}
// CHECK-NEXT:    %[[MATMUL4:.*]] = tessera.matmul %[[F]], %[[G]] : (tensor<2x3xi64>, tensor<3x3xi64>) -> tensor<2x3xi64>{{$}}
// CHECK-NEXT:    %[[MATMUL5:.*]] = tessera.matmul %[[H]], %[[I]] : (tensor<1x3x5xbf16>, tensor<2x5x1xbf16>) -> tensor<2x3x1xbf16>{{$}}
// CHECK-NEXT:    return{{$}}
func.func @matmul(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>, %c: tensor<2x4x8xf32>, %d: tensor<3x1x4x8xf16>, %e: tensor<5x8x2xf16>, %f: tensor<2x3xi64>, %g: tensor<3x3xi64>, %h: tensor<1x3x5xbf16>, %i: tensor<2x5x1xbf16>) {
  %0 = tessera.matmul %a, %b : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  %1 = tessera.matmul %c, %b : (tensor<2x4x8xf32>, tensor<8x16xf32>) -> tensor<2x4x16xf32>
  %2 = tessera.matmul %d, %e : (tensor<3x1x4x8xf16>, tensor<5x8x2xf16>) -> tensor<3x5x4x2xf16>
  %3 = tessera.matmul %f, %g : (tensor<2x3xi64>, tensor<3x3xi64>) -> tensor<2x3xi64>
  %4 = tessera.matmul %h, %i : (tensor<1x3x5xbf16>, tensor<2x5x1xbf16>) -> tensor<2x3x1xbf16>
  return
}

// conv2d with and without bias, asymmetric padding ([top, left, bottom,
// right]), strides, dilations and groups (grouped and depthwise).
// CHECK-LABEL: func.func @conv2d(
// CHECK-SAME:      %[[X:arg[0-9]+]]: tensor<1x3x8x8xf32>, %[[W:arg[0-9]+]]: tensor<4x3x3x3xf32>, %[[B:arg[0-9]+]]: tensor<4xf32>, %[[X2:arg[0-9]+]]: tensor<1x3x9x9xf32>, %[[X3:arg[0-9]+]]: tensor<2x6x5x5xf16>, %[[W3:arg[0-9]+]]: tensor<9x2x3x3xf16>, %[[B3:arg[0-9]+]]: tensor<9xf16>, %[[X4:arg[0-9]+]]: tensor<1x4x6x6xbf16>, %[[W4:arg[0-9]+]]: tensor<4x1x3x3xbf16>) {
// CHECK-NEXT:    %[[CONV2D:.*]] = tessera.conv2d %[[X]], %[[W]], %[[B]] strides = [1, 1] padding = [1, 1, 1, 1] dilations = [1, 1] groups = 1 : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>{{$}}
// CHECK-NEXT:    %[[CONV2D2:.*]] = tessera.conv2d %[[X2]], %[[W]] strides = [2, 2] padding = [1, 0, 2, 0] dilations = [2, 2] groups = 1 : (tensor<1x3x9x9xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x4x3xf32>{{$}}
// CHECK-NEXT:    %[[CONV2D3:.*]] = tessera.conv2d %[[X3]], %[[W3]], %[[B3]] strides = [1, 2] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 3 : (tensor<2x6x5x5xf16>, tensor<9x2x3x3xf16>, tensor<9xf16>) -> tensor<2x9x3x2xf16>{{$}}
// CHECK-NEXT:    %[[CONV2D4:.*]] = tessera.conv2d %[[X4]], %[[W4]] strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 4 : (tensor<1x4x6x6xbf16>, tensor<4x1x3x3xbf16>) -> tensor<1x4x4x4xbf16>{{$}}
// CHECK-NEXT:    return{{$}}
func.func @conv2d(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>, %x2: tensor<1x3x9x9xf32>, %x3: tensor<2x6x5x5xf16>, %w3: tensor<9x2x3x3xf16>, %b3: tensor<9xf16>, %x4: tensor<1x4x6x6xbf16>, %w4: tensor<4x1x3x3xbf16>) {
  %0 = tessera.conv2d %x, %w, %b strides = [1, 1] padding = [1, 1, 1, 1] dilations = [1, 1] groups = 1 : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  %1 = tessera.conv2d %x2, %w strides = [2, 2] padding = [1, 0, 2, 0] dilations = [2, 2] groups = 1 : (tensor<1x3x9x9xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x4x3xf32>
  %2 = tessera.conv2d %x3, %w3, %b3 strides = [1, 2] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 3 : (tensor<2x6x5x5xf16>, tensor<9x2x3x3xf16>, tensor<9xf16>) -> tensor<2x9x3x2xf16>
  %3 = tessera.conv2d %x4, %w4 strides = [1, 1] padding = [0, 0, 0, 0] dilations = [1, 1] groups = 4 : (tensor<1x4x6x6xbf16>, tensor<4x1x3x3xbf16>) -> tensor<1x4x4x4xbf16>
  return
}

// max_pool2d: padding, ceil_mode (which drops a last window starting in the
// high padding), dilations, integer element types.
// CHECK-LABEL: func.func @max_pool2d(
// CHECK-SAME:      %[[A:arg[0-9]+]]: tensor<1x2x7x7xf32>, %[[B:arg[0-9]+]]: tensor<1x2x6x6xf32>, %[[C:arg[0-9]+]]: tensor<1x1x5x6xi32>, %[[D:arg[0-9]+]]: tensor<1x1x8x8xui8>) {
// CHECK-NEXT:    %[[MAX_POOL2D:.*]] = tessera.max_pool2d %[[A]] kernel = [3, 3] strides = [2, 2] padding = [1, 1, 1, 1] dilations = [1, 1] : (tensor<1x2x7x7xf32>) -> tensor<1x2x4x4xf32>{{$}}
// CHECK-NEXT:    %[[MAX_POOL2D2:.*]] = tessera.max_pool2d %[[B]] kernel = [3, 3] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x2x6x6xf32>) -> tensor<1x2x2x2xf32>{{$}}
// CHECK-NEXT:    %[[MAX_POOL2D3:.*]] = tessera.max_pool2d %[[B]] kernel = [3, 3] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] ceil_mode : (tensor<1x2x6x6xf32>) -> tensor<1x2x3x3xf32>{{$}}
// CHECK-NEXT:    %[[MAX_POOL2D4:.*]] = tessera.max_pool2d %[[C]] kernel = [2, 3] strides = [2, 2] padding = [1, 0, 1, 0] dilations = [1, 1] ceil_mode : (tensor<1x1x5x6xi32>) -> tensor<1x1x3x3xi32>{{$}}
// CHECK-NEXT:    %[[MAX_POOL2D5:.*]] = tessera.max_pool2d %[[D]] kernel = [2, 2] strides = [1, 1] padding = [0, 0, 0, 0] dilations = [2, 2] : (tensor<1x1x8x8xui8>) -> tensor<1x1x6x6xui8>{{$}}
// CHECK-NEXT:    return{{$}}
func.func @max_pool2d(%a: tensor<1x2x7x7xf32>, %b: tensor<1x2x6x6xf32>, %c: tensor<1x1x5x6xi32>, %d: tensor<1x1x8x8xui8>) {
  %0 = tessera.max_pool2d %a kernel = [3, 3] strides = [2, 2] padding = [1, 1, 1, 1] dilations = [1, 1] : (tensor<1x2x7x7xf32>) -> tensor<1x2x4x4xf32>
  %1 = tessera.max_pool2d %b kernel = [3, 3] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x2x6x6xf32>) -> tensor<1x2x2x2xf32>
  %2 = tessera.max_pool2d %b kernel = [3, 3] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] ceil_mode : (tensor<1x2x6x6xf32>) -> tensor<1x2x3x3xf32>
  %3 = tessera.max_pool2d %c kernel = [2, 3] strides = [2, 2] padding = [1, 0, 1, 0] dilations = [1, 1] ceil_mode : (tensor<1x1x5x6xi32>) -> tensor<1x1x3x3xi32>
  %4 = tessera.max_pool2d %d kernel = [2, 2] strides = [1, 1] padding = [0, 0, 0, 0] dilations = [2, 2] : (tensor<1x1x8x8xui8>) -> tensor<1x1x6x6xui8>
  return
}

// avg_pool2d with ceil_mode and count_include_pad, alone and together.
// CHECK-LABEL: func.func @avg_pool2d(
// CHECK-SAME:      %[[A:arg[0-9]+]]: tensor<1x3x4x4xf32>, %[[B:arg[0-9]+]]: tensor<1x3x4x4xf16>, %[[C:arg[0-9]+]]: tensor<1x1x6x6xbf16>) {
// CHECK-NEXT:    %[[AVG_POOL2D:.*]] = tessera.avg_pool2d %[[A]] kernel = [2, 2] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x3x4x4xf32>) -> tensor<1x3x2x2xf32>{{$}}
// CHECK-NEXT:    %[[AVG_POOL2D2:.*]] = tessera.avg_pool2d %[[B]] kernel = [3, 3] strides = [1, 1] padding = [1, 1, 1, 1] dilations = [1, 1] count_include_pad : (tensor<1x3x4x4xf16>) -> tensor<1x3x4x4xf16>{{$}}
// CHECK-NEXT:    %[[AVG_POOL2D3:.*]] = tessera.avg_pool2d %[[C]] kernel = [3, 3] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] ceil_mode : (tensor<1x1x6x6xbf16>) -> tensor<1x1x3x3xbf16>{{$}}
// CHECK-NEXT:    %[[AVG_POOL2D4:.*]] = tessera.avg_pool2d %[[C]] kernel = [2, 3] strides = [2, 2] padding = [1, 0, 1, 2] dilations = [1, 1] ceil_mode count_include_pad : (tensor<1x1x6x6xbf16>) -> tensor<1x1x4x3xbf16>{{$}}
// CHECK-NEXT:    return{{$}}
func.func @avg_pool2d(%a: tensor<1x3x4x4xf32>, %b: tensor<1x3x4x4xf16>, %c: tensor<1x1x6x6xbf16>) {
  %0 = tessera.avg_pool2d %a kernel = [2, 2] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] : (tensor<1x3x4x4xf32>) -> tensor<1x3x2x2xf32>
  %1 = tessera.avg_pool2d %b kernel = [3, 3] strides = [1, 1] padding = [1, 1, 1, 1] dilations = [1, 1] count_include_pad : (tensor<1x3x4x4xf16>) -> tensor<1x3x4x4xf16>
  %2 = tessera.avg_pool2d %c kernel = [3, 3] strides = [2, 2] padding = [0, 0, 0, 0] dilations = [1, 1] ceil_mode : (tensor<1x1x6x6xbf16>) -> tensor<1x1x3x3xbf16>
  %3 = tessera.avg_pool2d %c kernel = [2, 3] strides = [2, 2] padding = [1, 0, 1, 2] dilations = [1, 1] ceil_mode count_include_pad : (tensor<1x1x6x6xbf16>) -> tensor<1x1x4x3xbf16>
  return
}

// Global pooling gives [N, C, 1, 1].
// CHECK-LABEL: func.func @global_pool(
// CHECK-SAME:      %[[A:arg[0-9]+]]: tensor<1x512x7x7xf32>, %[[B:arg[0-9]+]]: tensor<2x3x4x5xf16>, %[[C:arg[0-9]+]]: tensor<2x3x4x5xi64>, %[[D:arg[0-9]+]]: tensor<1x8x1x1xui8>) {
// CHECK-NEXT:    %[[GLOBAL_AVG_POOL2D:.*]] = tessera.global_avg_pool2d %[[A]] : (tensor<1x512x7x7xf32>) -> tensor<1x512x1x1xf32>{{$}}
// CHECK-NEXT:    %[[GLOBAL_AVG_POOL2D2:.*]] = tessera.global_avg_pool2d %[[B]] : (tensor<2x3x4x5xf16>) -> tensor<2x3x1x1xf16>{{$}}
// CHECK-NEXT:    %[[GLOBAL_MAX_POOL2D:.*]] = tessera.global_max_pool2d %[[C]] : (tensor<2x3x4x5xi64>) -> tensor<2x3x1x1xi64>{{$}}
// CHECK-NEXT:    %[[GLOBAL_MAX_POOL2D2:.*]] = tessera.global_max_pool2d %[[D]] : (tensor<1x8x1x1xui8>) -> tensor<1x8x1x1xui8>{{$}}
// CHECK-NEXT:    return{{$}}
func.func @global_pool(%a: tensor<1x512x7x7xf32>, %b: tensor<2x3x4x5xf16>, %c: tensor<2x3x4x5xi64>, %d: tensor<1x8x1x1xui8>) {
  %0 = tessera.global_avg_pool2d %a : (tensor<1x512x7x7xf32>) -> tensor<1x512x1x1xf32>
  %1 = tessera.global_avg_pool2d %b : (tensor<2x3x4x5xf16>) -> tensor<2x3x1x1xf16>
  %2 = tessera.global_max_pool2d %c : (tensor<2x3x4x5xi64>) -> tensor<2x3x1x1xi64>
  %3 = tessera.global_max_pool2d %d : (tensor<1x8x1x1xui8>) -> tensor<1x8x1x1xui8>
  return
}

// batch_norm over rank-4 and rank-2 inputs; epsilon is printed as an f32.
// CHECK-LABEL: func.func @batch_norm(
// CHECK-SAME:      %[[X:arg[0-9]+]]: tensor<2x3x4x4xf32>, %[[P:arg[0-9]+]]: tensor<3xf32>, %[[Y:arg[0-9]+]]: tensor<4x6xbf16>, %[[Q:arg[0-9]+]]: tensor<6xbf16>) {
// CHECK-NEXT:    %[[BATCH_NORM:.*]] = tessera.batch_norm %[[X]], %[[P]], %[[P]], %[[P]], %[[P]] epsilon = 1.000000e-05 : (tensor<2x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4x4xf32>{{$}}
// CHECK-NEXT:    %[[BATCH_NORM2:.*]] = tessera.batch_norm %[[Y]], %[[Q]], %[[Q]], %[[Q]], %[[Q]] epsilon = 1.000000e-03 : (tensor<4x6xbf16>, tensor<6xbf16>, tensor<6xbf16>, tensor<6xbf16>, tensor<6xbf16>) -> tensor<4x6xbf16>{{$}}
// CHECK-NEXT:    return{{$}}
func.func @batch_norm(%x: tensor<2x3x4x4xf32>, %p: tensor<3xf32>, %y: tensor<4x6xbf16>, %q: tensor<6xbf16>) {
  %0 = tessera.batch_norm %x, %p, %p, %p, %p epsilon = 1.0e-05 : (tensor<2x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4x4xf32>
  %1 = tessera.batch_norm %y, %q, %q, %q, %q epsilon = 1.0e-03 : (tensor<4x6xbf16>, tensor<6xbf16>, tensor<6xbf16>, tensor<6xbf16>, tensor<6xbf16>) -> tensor<4x6xbf16>
  return
}

// layer_norm with and without bias, over one or more trailing dimensions.
// CHECK-LABEL: func.func @layer_norm(
// CHECK-SAME:      %[[X:arg[0-9]+]]: tensor<2x4x8xf32>, %[[S:arg[0-9]+]]: tensor<8xf32>, %[[B:arg[0-9]+]]: tensor<8xf32>, %[[Y:arg[0-9]+]]: tensor<2x4x8xf16>, %[[T:arg[0-9]+]]: tensor<4x8xf16>, %[[Z:arg[0-9]+]]: tensor<5xbf16>) {
// CHECK-NEXT:    %[[LAYER_NORM:.*]] = tessera.layer_norm %[[X]], %[[S]], %[[B]] axis = 2 epsilon = 1.000000e-05 : (tensor<2x4x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x4x8xf32>{{$}}
// CHECK-NEXT:    %[[LAYER_NORM2:.*]] = tessera.layer_norm %[[Y]], %[[T]] axis = 1 epsilon = 9.9999999999999995E-7 : (tensor<2x4x8xf16>, tensor<4x8xf16>) -> tensor<2x4x8xf16>{{$}}
// CHECK-NEXT:    %[[LAYER_NORM3:.*]] = tessera.layer_norm %[[Z]], %[[Z]], %[[Z]] axis = 0 epsilon = 0.000000e+00 : (tensor<5xbf16>, tensor<5xbf16>, tensor<5xbf16>) -> tensor<5xbf16>{{$}}
// CHECK-NEXT:    return{{$}}
func.func @layer_norm(%x: tensor<2x4x8xf32>, %s: tensor<8xf32>, %b: tensor<8xf32>, %y: tensor<2x4x8xf16>, %t: tensor<4x8xf16>, %z: tensor<5xbf16>) {
  %0 = tessera.layer_norm %x, %s, %b axis = 2 epsilon = 1.0e-05 : (tensor<2x4x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x4x8xf32>
  %1 = tessera.layer_norm %y, %t axis = 1 epsilon = 1.0e-06 : (tensor<2x4x8xf16>, tensor<4x8xf16>) -> tensor<2x4x8xf16>
  %2 = tessera.layer_norm %z, %z, %z axis = 0 epsilon = 0.0 : (tensor<5xbf16>, tensor<5xbf16>, tensor<5xbf16>) -> tensor<5xbf16>
  return
}

// rms_norm over one or more trailing dimensions.
// CHECK-LABEL: func.func @rms_norm(
// CHECK-SAME:      %[[X:arg[0-9]+]]: tensor<1x4x16xbf16>, %[[S:arg[0-9]+]]: tensor<16xbf16>, %[[Y:arg[0-9]+]]: tensor<3x5xf32>, %[[T:arg[0-9]+]]: tensor<3x5xf32>) {
// CHECK-NEXT:    %[[RMS_NORM:.*]] = tessera.rms_norm %[[X]], %[[S]] axis = 2 epsilon = 9.9999999999999995E-7 : (tensor<1x4x16xbf16>, tensor<16xbf16>) -> tensor<1x4x16xbf16>{{$}}
// CHECK-NEXT:    %[[RMS_NORM2:.*]] = tessera.rms_norm %[[Y]], %[[T]] axis = 0 epsilon = 1.000000e-05 : (tensor<3x5xf32>, tensor<3x5xf32>) -> tensor<3x5xf32>{{$}}
// CHECK-NEXT:    return{{$}}
func.func @rms_norm(%x: tensor<1x4x16xbf16>, %s: tensor<16xbf16>, %y: tensor<3x5xf32>, %t: tensor<3x5xf32>) {
  %0 = tessera.rms_norm %x, %s axis = 2 epsilon = 1.0e-06 : (tensor<1x4x16xbf16>, tensor<16xbf16>) -> tensor<1x4x16xbf16>
  %1 = tessera.rms_norm %y, %t axis = 0 epsilon = 1.0e-05 : (tensor<3x5xf32>, tensor<3x5xf32>) -> tensor<3x5xf32>
  return
}

// softmax along the last, the first and the only axis.
// CHECK-LABEL: func.func @softmax(
// CHECK-SAME:      %[[A:arg[0-9]+]]: tensor<2x12x128x128xf32>, %[[B:arg[0-9]+]]: tensor<4xf16>) {
// CHECK-NEXT:    %[[SOFTMAX:.*]] = tessera.softmax %[[A]] axis = 3 : tensor<2x12x128x128xf32>{{$}}
// CHECK-NEXT:    %[[SOFTMAX2:.*]] = tessera.softmax %[[A]] axis = 0 : tensor<2x12x128x128xf32>{{$}}
// CHECK-NEXT:    %[[SOFTMAX3:.*]] = tessera.softmax %[[B]] axis = 0 : tensor<4xf16>{{$}}
// CHECK-NEXT:    return{{$}}
func.func @softmax(%a: tensor<2x12x128x128xf32>, %b: tensor<4xf16>) {
  %0 = tessera.softmax %a axis = 3 : tensor<2x12x128x128xf32>
  %1 = tessera.softmax %a axis = 0 : tensor<2x12x128x128xf32>
  %2 = tessera.softmax %b axis = 0 : tensor<4xf16>
  return
}

// Reductions with and without keepdims, down to a rank-0 result.
// CHECK-LABEL: func.func @reduce(
// CHECK-SAME:      %[[A:arg[0-9]+]]: tensor<2x3x4xf32>, %[[B:arg[0-9]+]]: tensor<2x3x4xf16>, %[[C:arg[0-9]+]]: tensor<5x6xi32>, %[[D:arg[0-9]+]]: tensor<5x6xui8>, %[[E:arg[0-9]+]]: tensor<7xi64>) {
// CHECK-NEXT:    %[[REDUCE_SUM:.*]] = tessera.reduce_sum %[[A]] axes = [1] : (tensor<2x3x4xf32>) -> tensor<2x4xf32>{{$}}
// CHECK-NEXT:    %[[REDUCE_SUM2:.*]] = tessera.reduce_sum %[[A]] axes = [0, 2] keepdims : (tensor<2x3x4xf32>) -> tensor<1x3x1xf32>{{$}}
// CHECK-NEXT:    %[[REDUCE_SUM3:.*]] = tessera.reduce_sum %[[E]] axes = [0] : (tensor<7xi64>) -> tensor<i64>{{$}}
// CHECK-NEXT:    %[[REDUCE_MEAN:.*]] = tessera.reduce_mean %[[B]] axes = [0, 1, 2] : (tensor<2x3x4xf16>) -> tensor<f16>{{$}}
// CHECK-NEXT:    %[[REDUCE_MEAN2:.*]] = tessera.reduce_mean %[[B]] axes = [2] keepdims : (tensor<2x3x4xf16>) -> tensor<2x3x1xf16>{{$}}
// CHECK-NEXT:    %[[REDUCE_MAX:.*]] = tessera.reduce_max %[[C]] axes = [1] keepdims : (tensor<5x6xi32>) -> tensor<5x1xi32>{{$}}
// CHECK-NEXT:    %[[REDUCE_MAX2:.*]] = tessera.reduce_max %[[A]] axes = [0] : (tensor<2x3x4xf32>) -> tensor<3x4xf32>{{$}}
// CHECK-NEXT:    %[[REDUCE_MIN:.*]] = tessera.reduce_min %[[D]] axes = [0] : (tensor<5x6xui8>) -> tensor<6xui8>{{$}}
// CHECK-NEXT:    %[[REDUCE_MIN2:.*]] = tessera.reduce_min %[[D]] axes = [0, 1] keepdims : (tensor<5x6xui8>) -> tensor<1x1xui8>{{$}}
// CHECK-NEXT:    return{{$}}
func.func @reduce(%a: tensor<2x3x4xf32>, %b: tensor<2x3x4xf16>, %c: tensor<5x6xi32>, %d: tensor<5x6xui8>, %e: tensor<7xi64>) {
  %0 = tessera.reduce_sum %a axes = [1] : (tensor<2x3x4xf32>) -> tensor<2x4xf32>
  %1 = tessera.reduce_sum %a axes = [0, 2] keepdims : (tensor<2x3x4xf32>) -> tensor<1x3x1xf32>
  %2 = tessera.reduce_sum %e axes = [0] : (tensor<7xi64>) -> tensor<i64>
  %3 = tessera.reduce_mean %b axes = [0, 1, 2] : (tensor<2x3x4xf16>) -> tensor<f16>
  %4 = tessera.reduce_mean %b axes = [2] keepdims : (tensor<2x3x4xf16>) -> tensor<2x3x1xf16>
  %5 = tessera.reduce_max %c axes = [1] keepdims : (tensor<5x6xi32>) -> tensor<5x1xi32>
  %6 = tessera.reduce_max %a axes = [0] : (tensor<2x3x4xf32>) -> tensor<3x4xf32>
  %7 = tessera.reduce_min %d axes = [0] : (tensor<5x6xui8>) -> tensor<6xui8>
  %8 = tessera.reduce_min %d axes = [0, 1] keepdims : (tensor<5x6xui8>) -> tensor<1x1xui8>
  return
}

// reshape: the target shape is the result type.
// CHECK-LABEL: func.func @reshape(
// CHECK-SAME:      %[[A:arg[0-9]+]]: tensor<2x128x768xf32>, %[[B:arg[0-9]+]]: tensor<2x3x4xi64>, %[[C:arg[0-9]+]]: tensor<1x1xf16>, %[[D:arg[0-9]+]]: tensor<6xi1>) {
// CHECK-NEXT:    %[[RESHAPE:.*]] = tessera.reshape %[[A]] : (tensor<2x128x768xf32>) -> tensor<2x128x12x64xf32>{{$}}
// CHECK-NEXT:    %[[RESHAPE2:.*]] = tessera.reshape %[[B]] : (tensor<2x3x4xi64>) -> tensor<24xi64>{{$}}
// CHECK-NEXT:    %[[RESHAPE3:.*]] = tessera.reshape %[[C]] : (tensor<1x1xf16>) -> tensor<f16>{{$}}
// CHECK-NEXT:    %[[RESHAPE4:.*]] = tessera.reshape %[[D]] : (tensor<6xi1>) -> tensor<3x2xi1>{{$}}
// CHECK-NEXT:    return{{$}}
func.func @reshape(%a: tensor<2x128x768xf32>, %b: tensor<2x3x4xi64>, %c: tensor<1x1xf16>, %d: tensor<6xi1>) {
  %0 = tessera.reshape %a : (tensor<2x128x768xf32>) -> tensor<2x128x12x64xf32>
  %1 = tessera.reshape %b : (tensor<2x3x4xi64>) -> tensor<24xi64>
  %2 = tessera.reshape %c : (tensor<1x1xf16>) -> tensor<f16>
  %3 = tessera.reshape %d : (tensor<6xi1>) -> tensor<3x2xi1>
  return
}

// transpose: result dimension i is input dimension permutation[i].
// CHECK-LABEL: func.func @transpose(
// CHECK-SAME:      %[[A:arg[0-9]+]]: tensor<2x128x12x64xf32>, %[[B:arg[0-9]+]]: tensor<2x3x4xi32>, %[[C:arg[0-9]+]]: tensor<3x5xi1>) {
// CHECK-NEXT:    %[[TRANSPOSE:.*]] = tessera.transpose %[[A]] permutation = [0, 2, 1, 3] : (tensor<2x128x12x64xf32>) -> tensor<2x12x128x64xf32>{{$}}
// CHECK-NEXT:    %[[TRANSPOSE2:.*]] = tessera.transpose %[[B]] permutation = [2, 0, 1] : (tensor<2x3x4xi32>) -> tensor<4x2x3xi32>{{$}}
// CHECK-NEXT:    %[[TRANSPOSE3:.*]] = tessera.transpose %[[C]] permutation = [1, 0] : (tensor<3x5xi1>) -> tensor<5x3xi1>{{$}}
// CHECK-NEXT:    return{{$}}
func.func @transpose(%a: tensor<2x128x12x64xf32>, %b: tensor<2x3x4xi32>, %c: tensor<3x5xi1>) {
  %0 = tessera.transpose %a permutation = [0, 2, 1, 3] : (tensor<2x128x12x64xf32>) -> tensor<2x12x128x64xf32>
  %1 = tessera.transpose %b permutation = [2, 0, 1] : (tensor<2x3x4xi32>) -> tensor<4x2x3xi32>
  %2 = tessera.transpose %c permutation = [1, 0] : (tensor<3x5xi1>) -> tensor<5x3xi1>
  return
}

// broadcast: the target shape is the result type (also the identity).
// CHECK-LABEL: func.func @broadcast(
// CHECK-SAME:      %[[A:arg[0-9]+]]: tensor<1x8xf32>, %[[B:arg[0-9]+]]: tensor<i64>, %[[C:arg[0-9]+]]: tensor<3x1xi1>) {
// CHECK-NEXT:    %[[BROADCAST:.*]] = tessera.broadcast %[[A]] : (tensor<1x8xf32>) -> tensor<4x4x8xf32>{{$}}
// CHECK-NEXT:    %[[BROADCAST2:.*]] = tessera.broadcast %[[B]] : (tensor<i64>) -> tensor<2x2xi64>{{$}}
// CHECK-NEXT:    %[[BROADCAST3:.*]] = tessera.broadcast %[[C]] : (tensor<3x1xi1>) -> tensor<3x5xi1>{{$}}
// CHECK-NEXT:    %[[BROADCAST4:.*]] = tessera.broadcast %[[A]] : (tensor<1x8xf32>) -> tensor<1x8xf32>{{$}}
// CHECK-NEXT:    return{{$}}
func.func @broadcast(%a: tensor<1x8xf32>, %b: tensor<i64>, %c: tensor<3x1xi1>) {
  %0 = tessera.broadcast %a : (tensor<1x8xf32>) -> tensor<4x4x8xf32>
  %1 = tessera.broadcast %b : (tensor<i64>) -> tensor<2x2xi64>
  %2 = tessera.broadcast %c : (tensor<3x1xi1>) -> tensor<3x5xi1>
  %3 = tessera.broadcast %a : (tensor<1x8xf32>) -> tensor<1x8xf32>
  return
}

// concat of two, three and one input(s).
// CHECK-LABEL: func.func @concat(
// CHECK-SAME:      %[[A:arg[0-9]+]]: tensor<2x3xf32>, %[[B:arg[0-9]+]]: tensor<2x5xf32>, %[[C:arg[0-9]+]]: tensor<1x4xi32>, %[[D:arg[0-9]+]]: tensor<3x4xi32>, %[[E:arg[0-9]+]]: tensor<7xbf16>) {
// CHECK-NEXT:    %[[CONCAT:.*]] = tessera.concat %[[A]], %[[B]] axis = 1 : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>{{$}}
// CHECK-NEXT:    %[[CONCAT2:.*]] = tessera.concat %[[C]], %[[D]], %[[C]] axis = 0 : (tensor<1x4xi32>, tensor<3x4xi32>, tensor<1x4xi32>) -> tensor<5x4xi32>{{$}}
// CHECK-NEXT:    %[[CONCAT3:.*]] = tessera.concat %[[E]] axis = 0 : (tensor<7xbf16>) -> tensor<7xbf16>{{$}}
// CHECK-NEXT:    return{{$}}
func.func @concat(%a: tensor<2x3xf32>, %b: tensor<2x5xf32>, %c: tensor<1x4xi32>, %d: tensor<3x4xi32>, %e: tensor<7xbf16>) {
  %0 = tessera.concat %a, %b axis = 1 : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
  %1 = tessera.concat %c, %d, %c axis = 0 : (tensor<1x4xi32>, tensor<3x4xi32>, tensor<1x4xi32>) -> tensor<5x4xi32>
  %2 = tessera.concat %e axis = 0 : (tensor<7xbf16>) -> tensor<7xbf16>
  return
}

// split into several pieces (printed as a multi-result op), one piece,
// and an empty piece.
// CHECK-LABEL: func.func @split(
// CHECK-SAME:      %[[A:arg[0-9]+]]: tensor<2x128x2304xf32>, %[[B:arg[0-9]+]]: tensor<2x9xi64>, %[[C:arg[0-9]+]]: tensor<4xui8>) {
// CHECK-NEXT:    %[[SPLIT:.*]]:3 = tessera.split %[[A]] axis = 2 sizes = [768, 768, 768] : (tensor<2x128x2304xf32>) -> (tensor<2x128x768xf32>, tensor<2x128x768xf32>, tensor<2x128x768xf32>){{$}}
// CHECK-NEXT:    %[[SPLIT2:.*]]:3 = tessera.split %[[B]] axis = 1 sizes = [2, 3, 4] : (tensor<2x9xi64>) -> (tensor<2x2xi64>, tensor<2x3xi64>, tensor<2x4xi64>){{$}}
// CHECK-NEXT:    %[[SPLIT3:.*]] = tessera.split %[[C]] axis = 0 sizes = [4] : (tensor<4xui8>) -> tensor<4xui8>{{$}}
// CHECK-NEXT:    %[[SPLIT4:.*]]:2 = tessera.split %[[C]] axis = 0 sizes = [4, 0] : (tensor<4xui8>) -> (tensor<4xui8>, tensor<0xui8>){{$}}
// CHECK-NEXT:    return{{$}}
func.func @split(%a: tensor<2x128x2304xf32>, %b: tensor<2x9xi64>, %c: tensor<4xui8>) {
  %0:3 = tessera.split %a axis = 2 sizes = [768, 768, 768] : (tensor<2x128x2304xf32>) -> (tensor<2x128x768xf32>, tensor<2x128x768xf32>, tensor<2x128x768xf32>)
  %1:3 = tessera.split %b axis = 1 sizes = [2, 3, 4] : (tensor<2x9xi64>) -> (tensor<2x2xi64>, tensor<2x3xi64>, tensor<2x4xi64>)
  %2 = tessera.split %c axis = 0 sizes = [4] : (tensor<4xui8>) -> tensor<4xui8>
  %3:2 = tessera.split %c axis = 0 sizes = [4, 0] : (tensor<4xui8>) -> (tensor<4xui8>, tensor<0xui8>)
  return
}

// slice with positive and negative steps, an empty slice, and a limit of -1
// ("past the first element") with a negative step.
// CHECK-LABEL: func.func @slice(
// CHECK-SAME:      %[[A:arg[0-9]+]]: tensor<4x8xf32>, %[[B:arg[0-9]+]]: tensor<5xi64>, %[[C:arg[0-9]+]]: tensor<3x3xf16>) {
// CHECK-NEXT:    %[[SLICE:.*]] = tessera.slice %[[A]] starts = [0, 1] limits = [4, 8] steps = [1, 2] : (tensor<4x8xf32>) -> tensor<4x4xf32>{{$}}
// CHECK-NEXT:    %[[SLICE2:.*]] = tessera.slice %[[A]] starts = [3, 7] limits = [-1, 0] steps = [-1, -3] : (tensor<4x8xf32>) -> tensor<4x3xf32>{{$}}
// CHECK-NEXT:    %[[SLICE3:.*]] = tessera.slice %[[B]] starts = [1] limits = [4] steps = [2] : (tensor<5xi64>) -> tensor<2xi64>{{$}}
// CHECK-NEXT:    %[[SLICE4:.*]] = tessera.slice %[[B]] starts = [2] limits = [2] steps = [1] : (tensor<5xi64>) -> tensor<0xi64>{{$}}
// CHECK-NEXT:    %[[SLICE5:.*]] = tessera.slice %[[C]] starts = [2, 0] limits = [0, 3] steps = [-2, 5] : (tensor<3x3xf16>) -> tensor<1x1xf16>{{$}}
// CHECK-NEXT:    return{{$}}
func.func @slice(%a: tensor<4x8xf32>, %b: tensor<5xi64>, %c: tensor<3x3xf16>) {
  %0 = tessera.slice %a starts = [0, 1] limits = [4, 8] steps = [1, 2] : (tensor<4x8xf32>) -> tensor<4x4xf32>
  %1 = tessera.slice %a starts = [3, 7] limits = [-1, 0] steps = [-1, -3] : (tensor<4x8xf32>) -> tensor<4x3xf32>
  %2 = tessera.slice %b starts = [1] limits = [4] steps = [2] : (tensor<5xi64>) -> tensor<2xi64>
  %3 = tessera.slice %b starts = [2] limits = [2] steps = [1] : (tensor<5xi64>) -> tensor<0xi64>
  %4 = tessera.slice %c starts = [2, 0] limits = [0, 3] steps = [-2, 5] : (tensor<3x3xf16>) -> tensor<1x1xf16>
  return
}

// gather along the first, a middle and the last axis, with i64, i32 and
// rank-0 indices.
// CHECK-LABEL: func.func @gather(
// CHECK-SAME:      %[[T:arg[0-9]+]]: tensor<50257x768xf32>, %[[IDS:arg[0-9]+]]: tensor<2x128xi64>, %[[D:arg[0-9]+]]: tensor<5x6x7xf16>, %[[I:arg[0-9]+]]: tensor<3xi32>, %[[S:arg[0-9]+]]: tensor<i64>, %[[U:arg[0-9]+]]: tensor<4x2xui8>) {
// CHECK-NEXT:    %[[GATHER:.*]] = tessera.gather %[[T]], %[[IDS]] axis = 0 : (tensor<50257x768xf32>, tensor<2x128xi64>) -> tensor<2x128x768xf32>{{$}}
// CHECK-NEXT:    %[[GATHER2:.*]] = tessera.gather %[[D]], %[[I]] axis = 1 : (tensor<5x6x7xf16>, tensor<3xi32>) -> tensor<5x3x7xf16>{{$}}
// CHECK-NEXT:    %[[GATHER3:.*]] = tessera.gather %[[D]], %[[S]] axis = 2 : (tensor<5x6x7xf16>, tensor<i64>) -> tensor<5x6xf16>{{$}}
// CHECK-NEXT:    %[[GATHER4:.*]] = tessera.gather %[[U]], %[[IDS]] axis = 1 : (tensor<4x2xui8>, tensor<2x128xi64>) -> tensor<4x2x128xui8>{{$}}
// CHECK-NEXT:    return{{$}}
func.func @gather(%t: tensor<50257x768xf32>, %ids: tensor<2x128xi64>, %d: tensor<5x6x7xf16>, %i: tensor<3xi32>, %s: tensor<i64>, %u: tensor<4x2xui8>) {
  %0 = tessera.gather %t, %ids axis = 0 : (tensor<50257x768xf32>, tensor<2x128xi64>) -> tensor<2x128x768xf32>
  %1 = tessera.gather %d, %i axis = 1 : (tensor<5x6x7xf16>, tensor<3xi32>) -> tensor<5x3x7xf16>
  %2 = tessera.gather %d, %s axis = 2 : (tensor<5x6x7xf16>, tensor<i64>) -> tensor<5x6xf16>
  %3 = tessera.gather %u, %ids axis = 1 : (tensor<4x2xui8>, tensor<2x128xi64>) -> tensor<4x2x128xui8>
  return
}

// pad in all three modes; value is printed as an f64 literal. Empty
// dimensions need no element when they are not padded.
// CHECK-LABEL: func.func @pad(
// CHECK-SAME:      %[[A:arg[0-9]+]]: tensor<1x3x8x8xf32>, %[[B:arg[0-9]+]]: tensor<4x5xi32>, %[[C:arg[0-9]+]]: tensor<2x3xui8>, %[[D:arg[0-9]+]]: tensor<3xi64>, %[[E:arg[0-9]+]]: tensor<0x2xf16>) {
// CHECK-NEXT:    %[[PAD:.*]] = tessera.pad %[[A]] low = [0, 0, 1, 1] high = [0, 0, 1, 1] mode = constant value = 0.000000e+00 : (tensor<1x3x8x8xf32>) -> tensor<1x3x10x10xf32>{{$}}
// CHECK-NEXT:    %[[PAD2:.*]] = tessera.pad %[[D]] low = [2] high = [0] mode = constant value = -1.500000e+00 : (tensor<3xi64>) -> tensor<5xi64>{{$}}
// CHECK-NEXT:    %[[PAD3:.*]] = tessera.pad %[[B]] low = [1, 2] high = [3, 4] mode = reflect value = 0.000000e+00 : (tensor<4x5xi32>) -> tensor<8x11xi32>{{$}}
// CHECK-NEXT:    %[[PAD4:.*]] = tessera.pad %[[C]] low = [5, 0] high = [0, 7] mode = edge value = 0.000000e+00 : (tensor<2x3xui8>) -> tensor<7x10xui8>{{$}}
// CHECK-NEXT:    %[[PAD5:.*]] = tessera.pad %[[E]] low = [0, 1] high = [0, 1] mode = edge value = 0.000000e+00 : (tensor<0x2xf16>) -> tensor<0x4xf16>{{$}}
// CHECK-NEXT:    %[[PAD6:.*]] = tessera.pad %[[E]] low = [0, 1] high = [0, 0] mode = reflect value = 0.000000e+00 : (tensor<0x2xf16>) -> tensor<0x3xf16>{{$}}
// CHECK-NEXT:    return{{$}}
func.func @pad(%a: tensor<1x3x8x8xf32>, %b: tensor<4x5xi32>, %c: tensor<2x3xui8>, %d: tensor<3xi64>, %e: tensor<0x2xf16>) {
  %0 = tessera.pad %a low = [0, 0, 1, 1] high = [0, 0, 1, 1] mode = constant value = 0.0 : (tensor<1x3x8x8xf32>) -> tensor<1x3x10x10xf32>
  %1 = tessera.pad %d low = [2] high = [0] mode = constant value = -1.5 : (tensor<3xi64>) -> tensor<5xi64>
  %2 = tessera.pad %b low = [1, 2] high = [3, 4] mode = reflect value = 0.0 : (tensor<4x5xi32>) -> tensor<8x11xi32>
  %3 = tessera.pad %c low = [5, 0] high = [0, 7] mode = edge value = 0.0 : (tensor<2x3xui8>) -> tensor<7x10xui8>
  %4 = tessera.pad %e low = [0, 1] high = [0, 1] mode = edge value = 0.0 : (tensor<0x2xf16>) -> tensor<0x4xf16>
  %5 = tessera.pad %e low = [0, 1] high = [0, 0] mode = reflect value = 0.0 : (tensor<0x2xf16>) -> tensor<0x3xf16>
  return
}

// The blobs of the dense_resource constants are printed back at the end.
// CHECK:      {-#
// CHECK-NEXT:   dialect_resources: {
// CHECK-NEXT:     builtin: {
// CHECK-NEXT:       fc1_weight: "0x040000000000803F000000400000404000008040",
// CHECK-NEXT:       ids: "0x0800000001000000000000000200000000000000"
// CHECK-NEXT:     }
// CHECK-NEXT:   }
// CHECK-NEXT: #-}

{-#
  dialect_resources: {
    builtin: {
      fc1_weight: "0x040000000000803F000000400000404000008040",
      ids: "0x0800000001000000000000000200000000000000"
    }
  }
#-}
