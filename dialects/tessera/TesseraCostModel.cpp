//===- TesseraCostModel.cpp - FLOPs and bytes of tessera ops --------------===//
//
// Part of Tessera. The CostModelOpInterface of every tessera op that is not
// pointwise (pointwise ops count `flopsPerElement` per result element, from
// their ODS definition). Counting conventions:
//  - a multiply-add is 2 operations; a comparison, an add or a max is 1;
//  - transcendental functions count as several (see TesseraOps.td);
//  - views move no bytes (reshape); other data movement reads what it needs
//    and writes its result; constants cost nothing (their consumers read
//    them).
//
//===----------------------------------------------------------------------===//

#include "dialects/tessera/TesseraOps.h"

using namespace mlir;
using namespace mlir::tessera;

static int64_t numElementsOf(Value value) {
  return getNumElements(value.getType());
}

static int64_t product(ArrayRef<int64_t> values) {
  int64_t result = 1;
  for (int64_t v : values)
    result *= v;
  return result;
}

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

int64_t ConstantOp::getFlops() { return 0; }
int64_t ConstantOp::getBytesAccessed() { return 0; }

//===----------------------------------------------------------------------===//
// Matmul and convolution
//===----------------------------------------------------------------------===//

int64_t MatmulOp::getFlops() {
  // One multiply-add per (output element, K).
  return 2 * numElementsOf(getResult()) * getLhs().getType().getShape().back();
}
int64_t MatmulOp::getBytesAccessed() {
  return getDefaultBytesAccessed(*this);
}

int64_t Conv2dOp::getFlops() {
  ArrayRef<int64_t> weight = getWeight().getType().getShape();
  int64_t outputs = numElementsOf(getResult());
  // Each output sums C/groups * KH * KW products, plus the bias.
  return 2 * outputs * product(weight.drop_front()) + (getBias() ? outputs : 0);
}
int64_t Conv2dOp::getBytesAccessed() {
  return getDefaultBytesAccessed(*this);
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

int64_t MaxPool2dOp::getFlops() {
  return numElementsOf(getResult()) * product(getKernel());
}
int64_t MaxPool2dOp::getBytesAccessed() {
  return getDefaultBytesAccessed(*this);
}

int64_t AvgPool2dOp::getFlops() {
  // The window's adds and one division per output.
  return numElementsOf(getResult()) * (product(getKernel()) + 1);
}
int64_t AvgPool2dOp::getBytesAccessed() {
  return getDefaultBytesAccessed(*this);
}

int64_t GlobalAvgPool2dOp::getFlops() {
  return numElementsOf(getInput()) + numElementsOf(getResult());
}
int64_t GlobalAvgPool2dOp::getBytesAccessed() {
  return getDefaultBytesAccessed(*this);
}

int64_t GlobalMaxPool2dOp::getFlops() { return numElementsOf(getInput()); }
int64_t GlobalMaxPool2dOp::getBytesAccessed() {
  return getDefaultBytesAccessed(*this);
}

//===----------------------------------------------------------------------===//
// Normalization
//===----------------------------------------------------------------------===//

int64_t BatchNormOp::getFlops() {
  // y = x * a + b per element, with a = scale * rsqrt(var + eps) (add 1,
  // rsqrt 2, multiply 1) and b = bias - mean * a (2) once per channel.
  return 2 * numElementsOf(getInput()) + 6 * numElementsOf(getScale());
}
int64_t BatchNormOp::getBytesAccessed() {
  return getDefaultBytesAccessed(*this);
}

int64_t LayerNormOp::getFlops() {
  // Mean (1), centre (1), square and sum (2), normalize (1), scale (1) and
  // shift (1) per element; the per-row rsqrt is negligible.
  return (getBias() ? 7 : 6) * numElementsOf(getInput());
}
int64_t LayerNormOp::getBytesAccessed() {
  return getDefaultBytesAccessed(*this);
}

int64_t RmsNormOp::getFlops() {
  // Square and sum (2), normalize (1), scale (1) per element.
  return 4 * numElementsOf(getInput());
}
int64_t RmsNormOp::getBytesAccessed() {
  return getDefaultBytesAccessed(*this);
}

int64_t SoftmaxOp::getFlops() {
  // Max (1), subtract (1), exp (4, as tessera.exp), sum (1), divide (1).
  return 8 * numElementsOf(getInput());
}
int64_t SoftmaxOp::getBytesAccessed() {
  return getDefaultBytesAccessed(*this);
}

//===----------------------------------------------------------------------===//
// Reductions: one operation per input element (the mean divides once more
// per output).
//===----------------------------------------------------------------------===//

int64_t ReduceSumOp::getFlops() { return numElementsOf(getInput()); }
int64_t ReduceSumOp::getBytesAccessed() {
  return getDefaultBytesAccessed(*this);
}
int64_t ReduceMeanOp::getFlops() {
  return numElementsOf(getInput()) + numElementsOf(getResult());
}
int64_t ReduceMeanOp::getBytesAccessed() {
  return getDefaultBytesAccessed(*this);
}
int64_t ReduceMaxOp::getFlops() { return numElementsOf(getInput()); }
int64_t ReduceMaxOp::getBytesAccessed() {
  return getDefaultBytesAccessed(*this);
}
int64_t ReduceMinOp::getFlops() { return numElementsOf(getInput()); }
int64_t ReduceMinOp::getBytesAccessed() {
  return getDefaultBytesAccessed(*this);
}

//===----------------------------------------------------------------------===//
// Shape and data movement: no arithmetic.
//===----------------------------------------------------------------------===//

int64_t ReshapeOp::getFlops() { return 0; }
int64_t ReshapeOp::getBytesAccessed() { return 0; } // A view of its input.

int64_t TransposeOp::getFlops() { return 0; }
int64_t TransposeOp::getBytesAccessed() {
  return getDefaultBytesAccessed(*this);
}

int64_t BroadcastOp::getFlops() { return 0; }
int64_t BroadcastOp::getBytesAccessed() {
  return getDefaultBytesAccessed(*this);
}

int64_t ConcatOp::getFlops() { return 0; }
int64_t ConcatOp::getBytesAccessed() {
  return getDefaultBytesAccessed(*this);
}

int64_t SplitOp::getFlops() { return 0; }
int64_t SplitOp::getBytesAccessed() { return getDefaultBytesAccessed(*this); }

int64_t SliceOp::getFlops() { return 0; }
int64_t SliceOp::getBytesAccessed() {
  // Reads only the elements it keeps.
  return 2 * getSizeInBytes(getType());
}

int64_t GatherOp::getFlops() { return 0; }
int64_t GatherOp::getBytesAccessed() {
  // Reads the indices and only the rows it picks.
  return getSizeInBytes(getIndices().getType()) + 2 * getSizeInBytes(getType());
}

int64_t PadOp::getFlops() { return 0; }
int64_t PadOp::getBytesAccessed() { return getDefaultBytesAccessed(*this); }
