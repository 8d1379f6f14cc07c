//===- ReferenceCalls.h - Naive library calls ---------------------*- C++
//-*-===//
//
// Part of Tessera. The definition of what MatMulCall, Conv2dCall and
// Pool2dCall compute, as plain loops over f32 (accumulating in double).
// Unit tests check the fast oneDNN implementations against these; the cpu
// device also uses them for shapes oneDNN does not take (an empty
// dimension). Pointers follow the row-major layouts of Program.h; a
// residual may be the result itself.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_DEVICES_CPU_REFERENCECALLS_H
#define TESSERA_RUNTIME_DEVICES_CPU_REFERENCECALLS_H

#include "runtime/artifact/Program.h"
#include "runtime/devices/Device.h"

#include <memory>
#include <string>

namespace tessera::runtime {

float applyActivation(Activation activation, float x);

/// result = act(op(lhs) x op(rhs) + bias + residual); bias and residual
/// may be null.
void referenceMatMul(const MatMulGeometry &g, const float *lhs,
                     const float *rhs, const float *bias, const float *residual,
                     Activation activation, float *result);

void referenceConv2d(const Conv2dGeometry &g, const float *input,
                     const float *weight, const float *bias,
                     const float *residual, Activation activation,
                     float *result);

/// Max: the largest element of the window inside the input (padding never
/// wins). Average: the sum over the window's input elements divided by
/// kernel_h * kernel_w with count_include_pad, else by their count.
void referencePool2d(const Pool2dGeometry &g, PoolKind kind,
                     bool countIncludePad, const float *input, float *result);

/// The trace label of a library call: "matmul", "conv2d", "maxpool2d",
/// "avgpool2d"; null for any other command.
const char *libraryCallLabel(const Command &command);

/// A library call (MatMul, Conv2d or Pool2d) run by the loops above, labelled
/// "<label> (reference)": what the cpu device runs where oneDNN does not
/// (a build without it, an empty dimension).
std::unique_ptr<PreparedCommand> makeReferenceCall(const Command &command,
                                                   const std::string &label);

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_DEVICES_CPU_REFERENCECALLS_H
