//===- Program.h - A verified artifact, decoded -------------------*- C++
//-*-===//
//
// Part of Tessera. The verifier turns the untrusted FlatBuffer into these
// plain structs, checking every index, size and shape on the way; devices
// and the executor only ever see this form, so they never re-check nor
// touch the FlatBuffer. Every buffer index, executable index and segment
// index in here is in range, every library call's shapes fit, and every
// buffer a call or copy writes is writable (Arena or Output).
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_ARTIFACT_PROGRAM_H
#define TESSERA_RUNTIME_ARTIFACT_PROGRAM_H

#include "runtime/artifact/Geometry.h"
#include "runtime/base/DType.h"
#include "runtime/base/Reduce.h"

#include <array>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace tessera::runtime {

/// A named model input or output.
struct TensorSignature {
  std::string name;
  /// The global (unsharded) type.
  TensorType type;
  /// How the compiler split it over the mesh, as text; empty: replicated.
  std::string sharding;
};

struct MeshAxis {
  std::string name;
  uint32_t size = 1;
};

/// A byte range of the file after the FlatBuffer.
struct SegmentInfo {
  uint64_t offset = 0;
  uint64_t size = 0;
  uint64_t checksum = 0;
};

/// Numbered as the schema's ExecutableFormat.
enum class ExecutableFormat : uint8_t {
  CpuSharedObject = 0,
  CudaPtx,
  CudaCubin
};
const char *executableFormatName(ExecutableFormat format);

/// One GPU launch of a CUDA kernel (schema version 3). The verifier has
/// checked the sizes against CUDA's limits for every GPU (kMaxGrid...
/// below); a device checks them against its own attributes too.
struct KernelLaunch {
  /// The entry point in the PTX or cubin.
  std::string function;
  /// [x, y, z] blocks and threads per block, each positive.
  std::array<uint32_t, 3> grid{1, 1, 1};
  std::array<uint32_t, 3> block{1, 1, 1};
  /// Bytes of dynamic shared memory.
  uint32_t sharedMemory = 0;
};

/// CUDA's limits on any GPU the runtime supports (compute capability 7.5 and
/// newer): grid x below 2^31, y and z at most 65535; block x and y at most
/// 1024, z at most 64, at most 1024 threads in all; dynamic shared memory
/// at most 227 KiB (the largest any GPU allows a block, Hopper's and
/// Blackwell's opt-in maximum).
inline constexpr uint32_t kMaxGridX = 0x7fffffffu;
inline constexpr uint32_t kMaxGridYZ = 65535;
inline constexpr uint32_t kMaxBlockXY = 1024;
inline constexpr uint32_t kMaxBlockZ = 64;
inline constexpr uint32_t kMaxThreadsPerBlock = 1024;
inline constexpr uint32_t kMaxSharedMemoryBytes = 227 * 1024;

struct KernelInfo {
  std::string name;
  uint32_t numArgs = 0;
  /// CUDA kernels: the launches that make it up, run in order, each taking
  /// one device pointer per argument. Empty for CPU kernels.
  std::vector<KernelLaunch> launches;
};

/// A cubin of a CudaPtx executable for one architecture.
struct CudaBinaryInfo {
  /// "sm_90" (checked: "sm_" and a number, maybe an "a" or "f" suffix).
  std::string arch;
  uint32_t segment = 0;
};

/// A CUDA architecture name taken apart: "sm_90" is 9.0, "sm_100" 10.0,
/// "sm_90a" 9.0 with the suffix 'a' (architecture-specific features: runs
/// on exactly that GPU), "sm_100f" 10.0 with 'f' (family-specific).
struct CudaArch {
  int major = 0, minor = 0;
  /// 0, 'a' or 'f'.
  char suffix = 0;
};
/// "sm_" followed by two or three digits and an optional 'a' or 'f', or
/// false.
bool parseCudaArch(const std::string &name, CudaArch &out);

struct ExecutableInfo {
  ExecutableFormat format = ExecutableFormat::CpuSharedObject;
  /// "x86-64-v3", or for CUDA code its architecture ("sm_80").
  std::string target;
  /// The segment of the code: the shared object, the PTX text, the cubin.
  uint32_t segment = 0;
  std::vector<KernelInfo> kernels;
  /// CudaPtx: cubins of the same kernels, one per architecture.
  std::vector<CudaBinaryInfo> cubins;
};

/// Numbered as the schema's StorageKind.
enum class StorageKind : uint8_t { Arena = 0, Constant, Input, Output };
const char *storageKindName(StorageKind kind);

struct BufferInfo {
  StorageKind storage = StorageKind::Arena;
  /// Segment (Constant) or signature (Input, Output) index.
  uint32_t index = 0;
  /// Byte offset in the arena (Arena), the segment (Constant) or the input
  /// (Input); 0 for Output.
  uint64_t offset = 0;
  TensorType type;
  uint64_t byteSize = 0;
};

/// Numbered as the schema's Activation.
enum class Activation : uint8_t {
  None = 0,
  Relu,
  GeluErf,
  GeluTanh,
  Sigmoid,
  Silu
};
const char *activationName(Activation activation);

enum class PoolKind : uint8_t { Max = 0, Average };

/// A buffer index, or -1 for "none" (bias, residual).
using OptionalBuffer = int64_t;

struct DispatchCommand {
  uint32_t executable = 0;
  uint32_t kernel = 0;
  std::vector<uint32_t> args;
};

struct MatMulCommand {
  uint32_t lhs = 0, rhs = 0, result = 0;
  OptionalBuffer bias = -1, residual = -1;
  Activation activation = Activation::None;
  MatMulGeometry geometry; // holds the transposes
};

struct Conv2dCommand {
  uint32_t input = 0, weight = 0, result = 0;
  OptionalBuffer bias = -1, residual = -1;
  Activation activation = Activation::None;
  Conv2dGeometry geometry;
};

struct Pool2dCommand {
  PoolKind kind = PoolKind::Max;
  uint32_t input = 0, result = 0;
  bool countIncludePad = false;
  Pool2dGeometry geometry;
};

struct CopyCommand {
  uint32_t source = 0, target = 0;
  uint64_t bytes = 0;
};

//===----------------------------------------------------------------------===//
// Communication (schema version 2). Counts are elements of `dtype`; groups
// list distinct ranks of the mesh, this rank among them; the verifier has
// checked every size and the cross-rank matching (Verifier.h).
//===----------------------------------------------------------------------===//

struct AllReduceCommand {
  uint32_t input = 0, result = 0;
  std::vector<uint32_t> ranks;
  ReduceOp op = ReduceOp::Sum;
  DType dtype = DType::F32;
  /// Elements of input and of result.
  uint64_t count = 0;
};

struct AllGatherCommand {
  uint32_t input = 0, result = 0;
  std::vector<uint32_t> ranks;
  DType dtype = DType::F32;
  /// Elements of input; result has ranks.size() times as many.
  uint64_t count = 0;
};

struct ReduceScatterCommand {
  uint32_t input = 0, result = 0;
  std::vector<uint32_t> ranks;
  ReduceOp op = ReduceOp::Sum;
  DType dtype = DType::F32;
  /// Elements of result; input has ranks.size() times as many.
  uint64_t count = 0;
};

struct AllToAllCommand {
  uint32_t input = 0, result = 0;
  std::vector<uint32_t> ranks;
  DType dtype = DType::F32;
  /// Elements of one chunk; input and result have ranks.size() chunks.
  uint64_t count = 0;
};

struct CollectivePermuteCommand {
  uint32_t input = 0, result = 0;
  /// A rank of the mesh, or -1: none.
  int64_t sendTo = -1, recvFrom = -1;
  DType dtype = DType::F32;
  /// Elements of input and of result.
  uint64_t count = 0;
};

struct SendCommand {
  uint32_t input = 0;
  /// Another rank.
  uint32_t peer = 0;
  DType dtype = DType::F32;
  uint64_t count = 0;
};

struct RecvCommand {
  uint32_t result = 0;
  /// Another rank.
  uint32_t peer = 0;
  DType dtype = DType::F32;
  uint64_t count = 0;
};

/// In the order of the schema's Command union (its value minus one).
using Command =
    std::variant<DispatchCommand, MatMulCommand, Conv2dCommand, Pool2dCommand,
                 CopyCommand, AllReduceCommand, AllGatherCommand,
                 ReduceScatterCommand, AllToAllCommand,
                 CollectivePermuteCommand, SendCommand, RecvCommand>;

/// The schema's name of a command's kind: "Dispatch", "MatMulCall",
/// "Conv2dCall", "Pool2dCall", "Copy", "AllReduce", "AllGather",
/// "ReduceScatter", "AllToAll", "CollectivePermute", "Send", "Recv".
const char *commandKindName(const Command &command);
/// Every kind name, in union order.
const std::vector<const char *> &commandKindNames();

/// Whether the command talks to other ranks (AllReduce ... Recv).
inline bool isCommunication(const Command &command) {
  return command.index() >= 5;
}

/// "AllReduce (sum) of f32 x 1024 over ranks [0,1]", "Send of f32 x 8 to
/// rank 3": what messages say about a communication command.
std::string describeCommunication(const Command &command);

/// Where a command of a pipeline stage's program belongs: the microbatch
/// and the (virtual) stage it works on, or -1 outside pipelines. Only
/// traces use it; it changes nothing about how the command runs.
struct PipelinePlace {
  int32_t microbatch = -1;
  int32_t stage = -1;
};

/// What one rank does for one run of the model.
struct RankProgram {
  uint32_t rank = 0;
  uint64_t arenaSize = 0;
  std::vector<BufferInfo> buffers;
  std::vector<Command> commands;
  /// One per command.
  std::vector<PipelinePlace> places;
  /// The segments this rank reads (constants and its executables' code),
  /// ascending.
  std::vector<uint32_t> segmentsUsed;
  /// Whether any command talks to other ranks.
  bool communicates = false;
};

/// Everything in an artifact besides the segments' bytes.
struct ModelInfo {
  uint32_t schemaVersion = 0;
  std::string compilerVersion;
  std::string compileOptions;
  std::vector<MeshAxis> mesh;
  std::vector<TensorSignature> inputs;
  std::vector<TensorSignature> outputs;
  std::vector<SegmentInfo> segments;
  std::vector<ExecutableInfo> executables;
  /// Indexed by rank (ranks[r].rank == r).
  std::vector<RankProgram> ranks;

  uint32_t numRanks() const { return uint32_t(ranks.size()); }
  /// "dp:2,tp:4", or "1 device" for an empty mesh.
  std::string meshString() const;
};

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_ARTIFACT_PROGRAM_H
