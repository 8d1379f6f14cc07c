//===- Npy.h - NumPy .npy files -----------------------------------*- C++ -*-===//
//
// Part of Tessera. Model inputs and outputs are .npy files. Read: format
// versions 1.0, 2.0 and 3.0, little-endian (or byte-order-free) data in C
// order, of the element types
//
//   <f4 f32   <f2 f16   <f8 f64   |i1 i8   <i2 i16   <i4 i32   <i8 i64
//   |u1 u8    <u2 u16   <u4 u32   <u8 u64  |b1 bool
//   <V2 / |V2 bf16 (how ml_dtypes' bfloat16 is saved: numpy has no
//                   bfloat16, so the bytes go out as 2-byte voids)
//
// ('=' is accepted for '<', and '<' or '|' either way for one-byte types.)
// Write: format 1.0 (2.0 when the header needs it) with the spellings above,
// the header padded to a multiple of 64 bytes as numpy does. bf16 is written
// as '<V2': np.load(...).view(ml_dtypes.bfloat16) gives the values back.
// A malformed file is an error that names the file and what is wrong.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_BASE_NPY_H
#define TESSERA_RUNTIME_BASE_NPY_H

#include "runtime/base/HostTensor.h"
#include "runtime/base/Status.h"

#include <string>
#include <vector>

namespace tessera::runtime {

/// Reads a .npy file. Errors: kNotFound when the file cannot be opened,
/// kInvalidArgument when it is not a .npy file this reader accepts.
StatusOr<HostTensor> readNpy(const std::string &path);

/// Parses .npy bytes in memory; `name` is used in messages.
StatusOr<HostTensor> parseNpy(const void *data, size_t size,
                              const std::string &name = "<memory>");

/// The .npy bytes of a tensor.
std::vector<unsigned char> serializeNpy(const HostTensor &tensor);

/// Writes a tensor to a .npy file (kInvalidArgument when it cannot).
Status writeNpy(const std::string &path, const HostTensor &tensor);

/// The descr a .npy header uses for a dtype ("<f4", "<V2" for bf16).
const char *npyDescr(DType dtype);

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_BASE_NPY_H
