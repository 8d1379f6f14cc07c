//===- ArtifactBuilder.h - Hand-built artifacts for tests ---------*- C++
//-*-===//
//
// Part of Tessera (tests only). Builds .tsr files with the generated
// FlatBuffers builder, the way the compiler's writer does, but from plain
// structs whose fields may hold any value, valid or not, so tests can make
// every kind of corrupt artifact. build() lays segments out after the
// FlatBuffer at multiples of 64 and fills in their checksums; the hooks
// let a test change any of that afterwards.
//
//   ArtifactBuilder b;
//   uint32_t x = b.addInput("x", {DType::F32, {2, 3}});
//   auto &rank = b.rank(0);
//   rank.arenaSize = 64;
//   uint32_t in = rank.addBuffer(Buf::input(x, {DType::F32, {2, 3}}));
//   ...
//   std::vector<uint8_t> bytes = b.build();
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_TEST_UNIT_RUNTIME_ARTIFACTBUILDER_H
#define TESSERA_TEST_UNIT_RUNTIME_ARTIFACTBUILDER_H

#include "runtime/base/DType.h"
#include "runtime/base/Status.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace tessera::test {

using runtime::DType;
using runtime::TensorType;

/// Enum fields are raw numbers so tests can write unknown values.
struct TypeSpec {
  uint8_t dtype = 0;
  std::vector<int64_t> shape;
  TypeSpec() = default;
  TypeSpec(const TensorType &type)
      : dtype(uint8_t(type.dtype)), shape(type.shape) {}
  TypeSpec(DType dtype, std::vector<int64_t> shape)
      : dtype(uint8_t(dtype)), shape(std::move(shape)) {}
};

struct Buf {
  uint8_t storage = 0; // StorageKind
  uint32_t index = 0;
  uint64_t offset = 0;
  std::optional<TypeSpec> type;

  static Buf arena(uint64_t offset, TypeSpec type) {
    return {0, 0, offset, std::move(type)};
  }
  static Buf constant(uint32_t segment, uint64_t offset, TypeSpec type) {
    return {1, segment, offset, std::move(type)};
  }
  /// `offset` bytes into the input: a rank's block of it.
  static Buf input(uint32_t index, TypeSpec type, uint64_t offset = 0) {
    return {2, index, offset, std::move(type)};
  }
  static Buf output(uint32_t index, TypeSpec type) {
    return {3, index, 0, std::move(type)};
  }
};

struct DispatchSpec {
  uint32_t executable = 0, kernel = 0;
  std::vector<uint32_t> args;
};
struct MatMulSpec {
  uint32_t lhs = 0, rhs = 0, result = 0;
  bool transposeLhs = false, transposeRhs = false;
  int32_t bias = -1, residual = -1;
  uint8_t activation = 0;
};
struct Conv2dSpec {
  uint32_t input = 0, weight = 0, result = 0;
  int32_t bias = -1, residual = -1;
  std::optional<std::vector<int64_t>> strides, padding, dilations;
  int64_t groups = 1;
  uint8_t activation = 0;
};
struct Pool2dSpec {
  uint8_t kind = 0; // 0 max, 1 average
  uint32_t input = 0, result = 0;
  std::optional<std::vector<int64_t>> kernel, strides, padding, dilations;
  bool countIncludePad = false;
};
struct CopySpec {
  uint32_t source = 0, target = 0;
};
/// Communication (schema version 2); `op` is the ReduceOp's number.
struct AllReduceSpec {
  uint32_t input = 0, result = 0;
  std::vector<uint32_t> ranks;
  uint8_t op = 0;
};
struct AllGatherSpec {
  uint32_t input = 0, result = 0;
  std::vector<uint32_t> ranks;
};
struct ReduceScatterSpec {
  uint32_t input = 0, result = 0;
  std::vector<uint32_t> ranks;
  uint8_t op = 0;
};
struct AllToAllSpec {
  uint32_t input = 0, result = 0;
  std::vector<uint32_t> ranks;
};
struct PermuteSpec {
  uint32_t input = 0, result = 0;
  int32_t sendTo = -1, recvFrom = -1;
};
struct SendSpec {
  uint32_t input = 0, peer = 0;
};
struct RecvSpec {
  uint32_t result = 0, peer = 0;
};
/// A CommandEntry with this union type and no table (unknown kinds).
struct RawCommandSpec {
  uint8_t type = 0;
};
/// A command's CommandEntry.microbatch and stage.
struct PlaceSpec {
  int32_t microbatch = -1, stage = -1;
};
using CommandSpec =
    std::variant<DispatchSpec, MatMulSpec, Conv2dSpec, Pool2dSpec, CopySpec,
                 AllReduceSpec, AllGatherSpec, ReduceScatterSpec, AllToAllSpec,
                 PermuteSpec, SendSpec, RecvSpec, RawCommandSpec>;

struct RankSpec {
  uint32_t rank = 0;
  uint64_t arenaSize = 0;
  std::vector<Buf> buffers;
  std::vector<CommandSpec> commands;
  /// The commands' pipeline places (CommandEntry.microbatch and stage), as
  /// many as given; the rest have none.
  std::vector<PlaceSpec> places;

  uint32_t addBuffer(Buf buffer) {
    buffers.push_back(std::move(buffer));
    return uint32_t(buffers.size() - 1);
  }
  void add(CommandSpec command) { commands.push_back(std::move(command)); }
};

/// A GPU launch of a CUDA kernel (schema version 3); absent grid or block
/// vectors are written as none.
struct LaunchSpec {
  std::string function;
  std::optional<std::vector<uint32_t>> grid;
  std::optional<std::vector<uint32_t>> block;
  uint32_t sharedMemory = 0;

  LaunchSpec(
      std::string function = "",
      std::optional<std::vector<uint32_t>> grid = std::vector<uint32_t>{1, 1,
                                                                        1},
      std::optional<std::vector<uint32_t>> block = std::vector<uint32_t>{1, 1,
                                                                         1},
      uint32_t sharedMemory = 0)
      : function(std::move(function)), grid(std::move(grid)),
        block(std::move(block)), sharedMemory(sharedMemory) {}
};
struct KernelSpec {
  std::string name;
  uint32_t numArgs = 0;
  /// CUDA kernels only.
  std::vector<LaunchSpec> launches;

  KernelSpec(std::string name = "", uint32_t numArgs = 0,
             std::vector<LaunchSpec> launches = {})
      : name(std::move(name)), numArgs(numArgs), launches(std::move(launches)) {
  }
};
/// A cubin of a CudaPtx executable.
struct CubinSpec {
  std::string arch;
  uint32_t segment = 0;
};
struct ExecutableSpec {
  uint8_t format = 0; // 0 CpuSharedObject, 1 CudaPtx, 2 CudaCubin
  std::string target = "x86_64";
  uint32_t segment = 0;
  std::vector<KernelSpec> kernels;
  std::vector<CubinSpec> cubins;
};

/// A segment as written into the FlatBuffer.
struct SegmentEntry {
  uint64_t offset = 0, size = 0, checksum = 0;
};

class ArtifactBuilder {
public:
  uint32_t schemaVersion;
  std::string compilerVersion = "tessera test builder";
  std::string compileOptions = "";
  std::vector<std::pair<std::string, uint32_t>> mesh;
  std::vector<std::pair<std::string, TypeSpec>> inputs, outputs;
  /// TensorSignature.sharding by input or output index (absent: none).
  std::map<uint32_t, std::string> inputShardings, outputShardings;
  std::vector<std::vector<uint8_t>> segments;
  std::vector<ExecutableSpec> executables;
  std::vector<RankSpec> ranks;

  /// Called with the laid-out segment table before it is written (to
  /// misplace segments or break checksums).
  std::function<void(std::vector<SegmentEntry> &)> adjustSegments;
  /// Called with the finished file (to truncate or flip bytes).
  std::function<void(std::vector<uint8_t> &)> adjustFile;
  /// Bytes of zeros between the FlatBuffer and the first segment beyond
  /// what alignment needs.
  uint64_t extraGap = 0;

  ArtifactBuilder();

  uint32_t addInput(const std::string &name, TypeSpec type) {
    inputs.emplace_back(name, std::move(type));
    return uint32_t(inputs.size() - 1);
  }
  uint32_t addOutput(const std::string &name, TypeSpec type) {
    outputs.emplace_back(name, std::move(type));
    return uint32_t(outputs.size() - 1);
  }
  uint32_t addSegment(std::vector<uint8_t> bytes) {
    segments.push_back(std::move(bytes));
    return uint32_t(segments.size() - 1);
  }
  /// A segment holding float values.
  uint32_t addFloatSegment(const std::vector<float> &values);
  uint32_t addExecutable(ExecutableSpec executable) {
    executables.push_back(std::move(executable));
    return uint32_t(executables.size() - 1);
  }
  /// A CudaPtx executable for `arch` ("sm_80") whose PTX is `ptx` (fake
  /// text will do for the verifier), with one cubin segment per entry of
  /// `cubinArchs` (fake bytes). Kernels take their launches as given.
  uint32_t addCudaExecutable(const std::string &ptx, const std::string &arch,
                             std::vector<KernelSpec> kernels,
                             const std::vector<std::string> &cubinArchs = {});
  /// The program of rank `r`, created (with rank = r) on first use.
  RankSpec &rank(uint32_t r);

  /// The FlatBuffer alone (size-prefixed), with the given segment table.
  std::vector<uint8_t>
  buildFlatBuffer(const std::vector<SegmentEntry> &table) const;
  /// The whole file.
  std::vector<uint8_t> build() const;
  /// build() written to `path`.
  runtime::Status writeTo(const std::string &path) const;
};

/// A small valid artifact: y = relu(x @ W + b) with W, b constants, then
/// z = maxpool(y viewed as NCHW): exercises buffers of every storage kind,
/// a MatMulCall, a Copy and a Pool2dCall. Inputs: x f32[2,4]. Outputs:
/// y f32[2,3], z f32[1,1,1,3].
ArtifactBuilder makeSmallModel();

/// Every collective on a dp:2 x tp:2 mesh (rank r = 2 dp + tp), f32:
///   xr = x[r]                     an Input buffer at offset 32 r, f32[8]
///   a  = AllReduce(sum) of xr     over the tp group [2dp, 2dp+1]
///   g  = AllGather of a           over the dp group [tp, 2+tp], f32[16]
///   s  = ReduceScatter(max) of g  over [0,1,2,3], f32[4]
///   t  = AllToAll of s            over [3,2,1,0] (one element per member)
///   p  = CollectivePermute of t   to rank r+1, from rank r-1 (mod 4)
///   rank 3 Sends s to rank 0, which Receives it into output z f32[4]
///   y  = AllGather of p           over [0,1,2,3], rank 0's into output y
/// Input x f32[4,8]; outputs y f32[16], z f32[4].
ArtifactBuilder makeCollectiveModel();
/// What makeCollectiveModel computes, for x (32 floats): {y, z}.
std::pair<std::vector<float>, std::vector<float>>
collectiveModelReference(const std::vector<float> &x);

/// dp:2, input x f32[2]: rank 0 AllReduces x over [0,1] into output y; rank
/// 1 does nothing. The verifier refuses it (rank 0's AllReduce never
/// completes); loaded without that check, rank 0 times out naming rank 1.
ArtifactBuilder makeSkippedCollectiveModel();

/// The CUDA form of makeSmallModel's first half: x f32[2,4] -> y = relu(x W
/// + b) f32[2,3], as a MatMulCall (bias, Relu) followed by a Dispatch of a
/// CudaPtx kernel "scale2" (y2 = 2 y, one launch of one block of 6
/// threads) with fake PTX and sm_80/sm_90 cubins, and a Copy into output
/// z. Outputs: y2 f32[2,3], z f32[2,3] (a copy of y). Valid for the
/// verifier; only a GPU with the real kernel could run it.
/// With `fakeCubins` false there are no cubins: the device JIT-compiles
/// the PTX (which is real: kScale2Ptx).
ArtifactBuilder makeCudaModel(bool fakeCubins = true);
/// The PTX of makeCudaModel's kernel: `scale2(const float *in, float *out)`
/// doubles in[0..5] into out, one thread per element (PTX ISA 7.0, sm_75).
extern const char *const kScale2Ptx;

/// A mesh of `ranks` ranks (axes as given, e.g. {{"dp", 2}, {"tp", 2}}),
/// every rank program present and empty, with `arena` bytes of arena each.
ArtifactBuilder makeMesh(std::vector<std::pair<std::string, uint32_t>> axes,
                         uint64_t arena = 4096);

} // namespace tessera::test

#endif // TESSERA_TEST_UNIT_RUNTIME_ARTIFACTBUILDER_H
