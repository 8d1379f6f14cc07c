//===- Verifier.cpp - Checking an untrusted artifact ----------------------===//
//
// Part of Tessera. See Verifier.h for what is checked, in which order.
// Nothing here trusts a number from the file: sizes are compared without
// overflowing, and an index is checked before it is used.
//
//===----------------------------------------------------------------------===//

#include "runtime/artifact/Verifier.h"

#include "runtime/base/Hash.h"
#include "runtime/schemas/SchemaVersion.h"
#include "runtime/schemas/tessera_artifact_generated.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <deque>
#include <map>
#include <set>
#include <type_traits>

namespace tessera::runtime {
namespace fb = ::tessera::artifact;

// The runtime's enums are the schema's, value for value.
static_assert(unsigned(DType::Bool) == unsigned(fb::DType::Bool));
static_assert(unsigned(DType::BF16) == unsigned(fb::DType::BF16));
static_assert(unsigned(StorageKind::Output) ==
              unsigned(fb::StorageKind::Output));
static_assert(unsigned(ExecutableFormat::CudaCubin) ==
              unsigned(fb::ExecutableFormat::CudaCubin));
static_assert(unsigned(Activation::Silu) == unsigned(fb::Activation::Silu));
static_assert(unsigned(PoolKind::Average) == unsigned(fb::PoolKind::Average));
static_assert(unsigned(ReduceOp::Prod) == unsigned(fb::ReduceOp::Prod));
// Command's alternatives follow the union: alternative i is union value i+1.
static_assert(std::variant_size_v<Command> == size_t(fb::Command::MAX));
static_assert(
    std::is_same_v<
        std::variant_alternative_t<size_t(fb::Command::Recv) - 1, Command>,
        RecvCommand>);
static_assert(
    std::is_same_v<
        std::variant_alternative_t<size_t(fb::Command::AllReduce) - 1, Command>,
        AllReduceCommand>);

const char *executableFormatName(ExecutableFormat format) {
  switch (format) {
  case ExecutableFormat::CpuSharedObject:
    return "CpuSharedObject";
  case ExecutableFormat::CudaPtx:
    return "CudaPtx";
  case ExecutableFormat::CudaCubin:
    return "CudaCubin";
  }
  return "?";
}

bool parseCudaArch(const std::string &name, CudaArch &out) {
  if (name.size() < 5 || name.compare(0, 3, "sm_") != 0)
    return false;
  size_t end = name.size();
  char suffix = 0;
  if (name.back() == 'a' || name.back() == 'f') {
    suffix = name.back();
    --end;
  }
  size_t digits = end - 3;
  if (digits < 2 || digits > 3)
    return false;
  int value = 0;
  for (size_t i = 3; i < end; ++i) {
    if (name[i] < '0' || name[i] > '9')
      return false;
    value = value * 10 + (name[i] - '0');
  }
  if (name[3] == '0')
    return false;
  out.major = value / 10;
  out.minor = value % 10;
  out.suffix = suffix;
  return true;
}

const char *storageKindName(StorageKind kind) {
  switch (kind) {
  case StorageKind::Arena:
    return "Arena";
  case StorageKind::Constant:
    return "Constant";
  case StorageKind::Input:
    return "Input";
  case StorageKind::Output:
    return "Output";
  }
  return "?";
}

const char *activationName(Activation activation) {
  switch (activation) {
  case Activation::None:
    return "None";
  case Activation::Relu:
    return "Relu";
  case Activation::GeluErf:
    return "GeluErf";
  case Activation::GeluTanh:
    return "GeluTanh";
  case Activation::Sigmoid:
    return "Sigmoid";
  case Activation::Silu:
    return "Silu";
  }
  return "?";
}

const std::vector<const char *> &commandKindNames() {
  static const std::vector<const char *> kNames = {
      "Dispatch", "MatMulCall",        "Conv2dCall", "Pool2dCall",
      "Copy",     "AllReduce",         "AllGather",  "ReduceScatter",
      "AllToAll", "CollectivePermute", "Send",       "Recv"};
  return kNames;
}

const char *commandKindName(const Command &command) {
  return commandKindNames()[command.index()];
}

namespace {
std::string ranksText(const std::vector<uint32_t> &ranks) {
  std::string out = "[";
  for (size_t i = 0; i < ranks.size(); ++i)
    out += (i ? "," : "") + std::to_string(ranks[i]);
  return out + "]";
}
std::string elements(DType dtype, uint64_t count) {
  return std::string(dtypeName(dtype)) + " x " + std::to_string(count);
}
} // namespace

std::string describeCommunication(const Command &command) {
  std::string kind = commandKindName(command);
  if (const auto *c = std::get_if<AllReduceCommand>(&command))
    return kind + " (" + reduceOpName(c->op) + ") of " +
           elements(c->dtype, c->count) + " over ranks " + ranksText(c->ranks);
  if (const auto *c = std::get_if<AllGatherCommand>(&command))
    return kind + " of " + elements(c->dtype, c->count) + " over ranks " +
           ranksText(c->ranks);
  if (const auto *c = std::get_if<ReduceScatterCommand>(&command))
    return kind + " (" + reduceOpName(c->op) + ") to " +
           elements(c->dtype, c->count) + " over ranks " + ranksText(c->ranks);
  if (const auto *c = std::get_if<AllToAllCommand>(&command))
    return kind + " of " + elements(c->dtype, c->count) +
           " per rank over ranks " + ranksText(c->ranks);
  if (const auto *c = std::get_if<CollectivePermuteCommand>(&command)) {
    std::string out = kind + " of " + elements(c->dtype, c->count) + " (";
    out += c->sendTo >= 0 ? "send to rank " + std::to_string(c->sendTo)
                          : std::string("send nothing");
    out += c->recvFrom >= 0
               ? ", receive from rank " + std::to_string(c->recvFrom)
               : std::string(", receive nothing");
    return out + ")";
  }
  if (const auto *c = std::get_if<SendCommand>(&command))
    return kind + " of " + elements(c->dtype, c->count) + " to rank " +
           std::to_string(c->peer);
  if (const auto *c = std::get_if<RecvCommand>(&command))
    return kind + " of " + elements(c->dtype, c->count) + " from rank " +
           std::to_string(c->peer);
  return kind;
}

std::string ModelInfo::meshString() const {
  if (mesh.empty())
    return "1 device";
  std::string out;
  for (const MeshAxis &axis : mesh) {
    if (!out.empty())
      out += ",";
    out += axis.name + ":" + std::to_string(axis.size);
  }
  return out;
}

namespace {

constexpr size_t kMaxRank = 64;
/// Bound on strides, dilations, padding and pool kernels.
constexpr int64_t kMaxWindowParameter = int64_t(1) << 32;
constexpr uint64_t kMaxBytes = uint64_t(1) << 62;
constexpr uint32_t kMaxKernelArgs = 1u << 16;
/// Bound on the GPU launches of one kernel.
constexpr uint32_t kMaxLaunches = 1u << 16;

Status invalid(const std::string &message) {
  return Status(StatusCode::kInvalidArtifact, message);
}

std::string str(const flatbuffers::String *s) { return s ? s->str() : ""; }

/// The FlatBuffers verifier checks a vector's length field for 4-byte
/// alignment only; a vector of 8-byte elements must be 8-byte aligned to be
/// read (the builder writes it so, except an empty one, which is never read).
template <typename T>
bool elementsAligned(const flatbuffers::Vector<T> *vector) {
  using Element = std::remove_pointer_t<std::remove_cv_t<T>>;
  return !vector || vector->size() == 0 ||
         reinterpret_cast<uintptr_t>(vector->Data()) % alignof(Element) == 0;
}

Status misaligned(const std::string &what) {
  return invalid(what + " is misaligned (the FlatBuffer is malformed)");
}

/// "[100, 164)"
std::string range(uint64_t begin, uint64_t size) {
  return "[" + std::to_string(begin) + ", " + std::to_string(begin + size) +
         ")";
}

std::string hex(uint64_t value) {
  char text[32];
  std::snprintf(text, sizeof(text), "0x%016llx",
                static_cast<unsigned long long>(value));
  return text;
}

std::string plural(uint64_t n, const char *word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

bool isCIdentifier(const std::string &name) {
  if (name.empty() || name.size() > 1024)
    return false;
  if (!(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_'))
    return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_'))
      return false;
  return true;
}

/// A PTX identifier as the compilers write entry names: letters, digits,
/// '_' and '$', not starting with a digit.
bool isPtxIdentifier(const std::string &name) {
  if (name.empty() || name.size() > 1024 ||
      std::isdigit(static_cast<unsigned char>(name[0])))
    return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'))
      return false;
  return true;
}

bool overlaps(const BufferInfo &a, const BufferInfo &b) {
  if (a.storage != b.storage)
    return false;
  if (a.storage != StorageKind::Arena && a.index != b.index)
    return false;
  if (a.byteSize == 0 || b.byteSize == 0)
    return false;
  return a.offset < b.offset + b.byteSize && b.offset < a.offset + a.byteSize;
}

bool sameRegion(const BufferInfo &a, const BufferInfo &b) {
  return a.storage == b.storage &&
         (a.storage == StorageKind::Arena || a.index == b.index) &&
         a.offset == b.offset && a.byteSize == b.byteSize;
}

/// The segments whose checksums to verify: those `ranks` use, or all.
std::vector<uint32_t> segmentsToCheck(const ModelInfo &info,
                                      const std::vector<uint32_t> &ranks) {
  std::vector<uint32_t> out;
  if (ranks.empty()) {
    for (uint32_t i = 0; i < info.segments.size(); ++i)
      out.push_back(i);
    return out;
  }
  std::set<uint32_t> used;
  for (uint32_t rank : ranks)
    if (rank < info.ranks.size())
      used.insert(info.ranks[rank].segmentsUsed.begin(),
                  info.ranks[rank].segmentsUsed.end());
  return std::vector<uint32_t>(used.begin(), used.end());
}

class Decoder {
public:
  Decoder(const fb::Model &model, const uint8_t *file, uint64_t fileSize,
          uint64_t flatbufferEnd)
      : model_(model), file_(file), fileSize_(fileSize),
        flatbufferEnd_(flatbufferEnd) {}

  StatusOr<ModelInfo> decode(const VerifyOptions &options) {
    info_.schemaVersion = model_.schema_version();
    info_.compilerVersion = str(model_.compiler_version());
    info_.compileOptions = str(model_.compile_options());
    TESSERA_RETURN_IF_ERROR(decodeMesh());
    TESSERA_RETURN_IF_ERROR(
        decodeSignatures(model_.inputs(), "input", info_.inputs));
    TESSERA_RETURN_IF_ERROR(
        decodeSignatures(model_.outputs(), "output", info_.outputs));
    TESSERA_RETURN_IF_ERROR(decodeSegments());
    TESSERA_RETURN_IF_ERROR(decodeExecutables());
    TESSERA_RETURN_IF_ERROR(decodeRanks());
    if (options.checkCommunication)
      TESSERA_RETURN_IF_ERROR(checkCommunication());
    if (options.verifyChecksums)
      TESSERA_RETURN_IF_ERROR(verifySegmentChecksums(
          file_, info_, segmentsToCheck(info_, options.checksumRanks)));
    return std::move(info_);
  }

private:
  //===--------------------------------------------------------------------===//
  // Types, mesh, signatures, segments, executables
  //===--------------------------------------------------------------------===//

  Status decodeType(const fb::TensorType *type, const std::string &what,
                    TensorType &out) {
    if (!type)
      return invalid(what + " has no type");
    unsigned dtype = unsigned(type->dtype());
    if (!isValidDType(dtype))
      return invalid(what + ": dtype " + std::to_string(dtype) +
                     " is not a known DType");
    out.dtype = DType(dtype);
    out.shape.clear();
    if (const auto *shape = type->shape()) {
      if (!elementsAligned(shape))
        return misaligned(what + ": the shape vector");
      if (shape->size() > kMaxRank)
        return invalid(what + " has " + std::to_string(shape->size()) +
                       " dimensions; at most " + std::to_string(kMaxRank) +
                       " are supported");
      out.shape.assign(shape->begin(), shape->end());
    }
    StatusOr<int64_t> count = checkedNumElements(out.shape, out.dtype);
    if (!count.isOk())
      return invalid(what + ": " + count.status().message());
    return Status::ok();
  }

  Status decodeMesh() {
    uint64_t ranks = 1;
    if (const auto *mesh = model_.mesh()) {
      if (const auto *axes = mesh->axes()) {
        std::set<std::string> names;
        for (uint32_t i = 0; i < axes->size(); ++i) {
          const fb::MeshAxis *axis = axes->Get(i);
          std::string where = "mesh axis " + std::to_string(i);
          MeshAxis decoded;
          decoded.name = str(axis->name());
          decoded.size = axis->size();
          if (decoded.name.empty())
            return invalid(where + " has no name");
          if (!names.insert(decoded.name).second)
            return invalid(where + ": the name '" + decoded.name +
                           "' is used twice");
          if (decoded.size == 0)
            return invalid(where + " ('" + decoded.name + "') has size 0");
          ranks *= decoded.size;
          if (ranks > kMaxRanks)
            return invalid("the mesh has more than " +
                           std::to_string(kMaxRanks) + " devices");
          info_.mesh.push_back(std::move(decoded));
        }
      }
    }
    numRanks_ = uint32_t(ranks);
    return Status::ok();
  }

  Status decodeSignatures(
      const flatbuffers::Vector<flatbuffers::Offset<fb::TensorSignature>> *list,
      const char *kind, std::vector<TensorSignature> &out) {
    if (!list)
      return Status::ok();
    std::set<std::string> names;
    for (uint32_t i = 0; i < list->size(); ++i) {
      const fb::TensorSignature *signature = list->Get(i);
      std::string where = std::string(kind) + " " + std::to_string(i);
      TensorSignature decoded;
      decoded.name = str(signature->name());
      decoded.sharding = str(signature->sharding());
      if (decoded.name.empty())
        return invalid(where + " has no name");
      if (!names.insert(decoded.name).second)
        return invalid(where + ": the name '" + decoded.name +
                       "' is used by another " + kind);
      TESSERA_RETURN_IF_ERROR(decodeType(signature->type(),
                                         where + " ('" + decoded.name + "')",
                                         decoded.type));
      out.push_back(std::move(decoded));
    }
    return Status::ok();
  }

  Status decodeSegments() {
    const auto *segments = model_.segments();
    if (!segments)
      return Status::ok();
    if (!elementsAligned(segments))
      return misaligned("the segment table");
    for (uint32_t i = 0; i < segments->size(); ++i) {
      const fb::Segment *segment = segments->Get(i);
      std::string where = "segment " + std::to_string(i);
      SegmentInfo decoded{segment->offset(), segment->size(),
                          segment->checksum()};
      if (decoded.offset % artifact::kSegmentAlignment != 0)
        return invalid(where + ": offset " + std::to_string(decoded.offset) +
                       " is not a multiple of 64");
      if (decoded.offset < flatbufferEnd_)
        return invalid(where + ": offset " + std::to_string(decoded.offset) +
                       " lies inside the FlatBuffer, which ends at byte " +
                       std::to_string(flatbufferEnd_));
      if (decoded.offset > fileSize_ ||
          decoded.size > fileSize_ - decoded.offset)
        return invalid(where + ": offset " + std::to_string(decoded.offset) +
                       " + size " + std::to_string(decoded.size) +
                       " runs past the end of the file (" +
                       std::to_string(fileSize_) + " bytes)");
      info_.segments.push_back(decoded);
    }
    // Overlaps: sort by offset and compare neighbours.
    std::vector<uint32_t> order(info_.segments.size());
    for (uint32_t i = 0; i < order.size(); ++i)
      order[i] = i;
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
      return info_.segments[a].offset < info_.segments[b].offset;
    });
    int64_t previous = -1;
    for (uint32_t index : order) {
      const SegmentInfo &segment = info_.segments[index];
      if (segment.size == 0)
        continue;
      if (previous >= 0) {
        const SegmentInfo &before = info_.segments[size_t(previous)];
        if (before.offset + before.size > segment.offset)
          return invalid("segment " + std::to_string(index) + " " +
                         range(segment.offset, segment.size) +
                         " overlaps segment " + std::to_string(previous) + " " +
                         range(before.offset, before.size));
      }
      previous = index;
    }
    return Status::ok();
  }

  Status decodeExecutables() {
    const auto *executables = model_.executables();
    if (!executables)
      return Status::ok();
    for (uint32_t i = 0; i < executables->size(); ++i) {
      const fb::Executable *executable = executables->Get(i);
      std::string where = "executable " + std::to_string(i);
      ExecutableInfo decoded;
      unsigned format = unsigned(executable->format());
      if (format > unsigned(ExecutableFormat::CudaCubin))
        return invalid(where + ": format " + std::to_string(format) +
                       " is not a known ExecutableFormat");
      decoded.format = ExecutableFormat(format);
      decoded.target = str(executable->target());
      decoded.segment = executable->segment();
      if (decoded.segment >= info_.segments.size())
        return invalid(where + ": segment " + std::to_string(decoded.segment) +
                       " does not exist (the artifact has " +
                       plural(info_.segments.size(), "segment") + ")");
      bool cuda = decoded.format != ExecutableFormat::CpuSharedObject;
      std::string formatName = executableFormatName(decoded.format);
      CudaArch arch;
      if (cuda && !parseCudaArch(decoded.target, arch))
        return invalid(where + " (" + formatName + "): target '" +
                       decoded.target +
                       "' is not a CUDA architecture such as sm_80");
      std::set<std::string> names;
      if (const auto *kernels = executable->kernels()) {
        for (uint32_t k = 0; k < kernels->size(); ++k) {
          const fb::Kernel *kernel = kernels->Get(k);
          std::string kernelWhere = where + " kernel " + std::to_string(k);
          KernelInfo info{str(kernel->name()), kernel->num_args(), {}};
          if (!isCIdentifier(info.name))
            return invalid(kernelWhere + ": name '" + info.name +
                           "' is not a C identifier");
          if (!names.insert(info.name).second)
            return invalid(kernelWhere + ": the name '" + info.name +
                           "' is used twice");
          if (info.numArgs > kMaxKernelArgs)
            return invalid(kernelWhere + " ('" + info.name + "') takes " +
                           std::to_string(info.numArgs) +
                           " arguments; at most " +
                           std::to_string(kMaxKernelArgs) + " are supported");
          kernelWhere += " ('" + info.name + "')";
          uint32_t launches =
              kernel->launches() ? kernel->launches()->size() : 0;
          if (!cuda && launches)
            return invalid(kernelWhere + " has " +
                           plural(launches, "GPU launch") +
                           ", but a CpuSharedObject kernel is a function "
                           "called on the host and has none");
          if (cuda && !launches)
            return invalid(kernelWhere + " has no launches: a " + formatName +
                           " kernel is the GPU launches that make it up");
          if (launches > kMaxLaunches)
            return invalid(kernelWhere + " has " + std::to_string(launches) +
                           " launches; at most " +
                           std::to_string(kMaxLaunches) + " are supported");
          for (uint32_t l = 0; l < launches; ++l) {
            KernelLaunch launch;
            TESSERA_RETURN_IF_ERROR(decodeLaunch(
                *kernel->launches()->Get(l),
                kernelWhere + " launch " + std::to_string(l), launch));
            info.launches.push_back(std::move(launch));
          }
          decoded.kernels.push_back(std::move(info));
        }
      }
      if (const auto *cubins = executable->cubins()) {
        if (cubins->size() && decoded.format != ExecutableFormat::CudaPtx)
          return invalid(where + " (" + formatName + ") lists " +
                         plural(cubins->size(), "cubin") +
                         "; only a CudaPtx executable has cubins");
        std::set<std::string> archs;
        for (uint32_t c = 0; c < cubins->size(); ++c) {
          const fb::CudaBinary *cubin = cubins->Get(c);
          std::string cubinWhere = where + " cubin " + std::to_string(c);
          CudaBinaryInfo binary{str(cubin->arch()), cubin->segment()};
          CudaArch cubinArch;
          if (!parseCudaArch(binary.arch, cubinArch))
            return invalid(cubinWhere + ": arch '" + binary.arch +
                           "' is not a CUDA architecture such as sm_90");
          if (!archs.insert(binary.arch).second)
            return invalid(cubinWhere + ": arch '" + binary.arch +
                           "' has another cubin in the same executable");
          if (binary.segment >= info_.segments.size())
            return invalid(cubinWhere + " (" + binary.arch + "): segment " +
                           std::to_string(binary.segment) +
                           " does not exist (the artifact has " +
                           plural(info_.segments.size(), "segment") + ")");
          decoded.cubins.push_back(std::move(binary));
        }
      }
      info_.executables.push_back(std::move(decoded));
    }
    return Status::ok();
  }

  /// A launch's sizes against CUDA's limits for every GPU (Program.h).
  Status decodeLaunch(const fb::Launch &launch, const std::string &where,
                      KernelLaunch &out) {
    out.function = str(launch.function());
    if (!isPtxIdentifier(out.function))
      return invalid(where + ": function '" + out.function +
                     "' is not a PTX entry name (letters, digits, _ and $, "
                     "not starting with a digit)");
    std::string named = where + " ('" + out.function + "')";
    auto dims = [&](const flatbuffers::Vector<uint32_t> *values,
                    const char *what, std::array<uint32_t, 3> &dim) -> Status {
      if (!values || values->size() != 3)
        return invalid(named + ": " + what + " has " +
                       std::to_string(values ? values->size() : 0) +
                       " sizes; it must have three (x, y, z)");
      for (uint32_t d = 0; d < 3; ++d) {
        dim[d] = values->Get(d);
        if (dim[d] == 0)
          return invalid(named + ": " + what + " " + dimsText(dim, d + 1) +
                         " has a zero size; every size must be positive");
      }
      return Status::ok();
    };
    TESSERA_RETURN_IF_ERROR(dims(launch.grid(), "grid", out.grid));
    TESSERA_RETURN_IF_ERROR(dims(launch.block(), "block", out.block));
    if (out.grid[0] > kMaxGridX || out.grid[1] > kMaxGridYZ ||
        out.grid[2] > kMaxGridYZ)
      return invalid(named + ": grid " + dimsText(out.grid, 3) +
                     " exceeds CUDA's limits (x below 2^31, y and z at most "
                     "65535)");
    if (out.block[0] > kMaxBlockXY || out.block[1] > kMaxBlockXY ||
        out.block[2] > kMaxBlockZ)
      return invalid(named + ": block " + dimsText(out.block, 3) +
                     " exceeds CUDA's limits (x and y at most 1024, z at "
                     "most 64)");
    uint64_t threads =
        uint64_t(out.block[0]) * out.block[1] * uint64_t(out.block[2]);
    if (threads > kMaxThreadsPerBlock)
      return invalid(named + ": block " + dimsText(out.block, 3) + " has " +
                     std::to_string(threads) +
                     " threads; a block has at most 1024");
    out.sharedMemory = launch.shared_memory();
    if (out.sharedMemory > kMaxSharedMemoryBytes)
      return invalid(named + ": " + std::to_string(out.sharedMemory) +
                     " bytes of dynamic shared memory; no GPU gives a block "
                     "more than " +
                     std::to_string(kMaxSharedMemoryBytes) + " (227 KiB)");
    return Status::ok();
  }

  static std::string dimsText(const std::array<uint32_t, 3> &dims,
                              size_t count) {
    std::string out = "[";
    for (size_t d = 0; d < count; ++d)
      out += (d ? ", " : "") + std::to_string(dims[d]);
    return out + "]";
  }

  //===--------------------------------------------------------------------===//
  // Rank programs
  //===--------------------------------------------------------------------===//

  Status decodeRanks() {
    const auto *ranks = model_.ranks();
    uint32_t count = ranks ? ranks->size() : 0;
    if (count != numRanks_)
      return invalid("the mesh (" + meshName() + ") has " +
                     plural(numRanks_, "rank") + ", but the artifact has " +
                     plural(count, "rank program"));
    info_.ranks.resize(numRanks_);
    std::vector<int64_t> seenAt(numRanks_, -1);
    for (uint32_t i = 0; i < count; ++i) {
      const fb::RankProgram *program = ranks->Get(i);
      uint32_t rank = program->rank();
      if (rank >= numRanks_)
        return invalid("ranks[" + std::to_string(i) + "]: rank " +
                       std::to_string(rank) + " is outside the mesh (" +
                       meshName() + ", " + plural(numRanks_, "rank") + ")");
      if (seenAt[rank] >= 0)
        return invalid("rank " + std::to_string(rank) +
                       " appears twice (ranks[" + std::to_string(seenAt[rank]) +
                       "] and ranks[" + std::to_string(i) + "])");
      seenAt[rank] = i;
      TESSERA_RETURN_IF_ERROR(decodeRank(*program, info_.ranks[rank]));
    }
    return Status::ok();
  }

  std::string meshName() const {
    return info_.mesh.empty() ? "no axes" : info_.meshString();
  }

  Status decodeRank(const fb::RankProgram &program, RankProgram &out) {
    out.rank = program.rank();
    out.arenaSize = program.arena_size();
    std::string rankName = "rank " + std::to_string(out.rank);
    if (out.arenaSize > kMaxBytes)
      return invalid(rankName + ": arena_size " +
                     std::to_string(out.arenaSize) + " exceeds 2^62 bytes");
    std::set<uint32_t> segmentsUsed;
    if (const auto *buffers = program.buffers()) {
      for (uint32_t i = 0; i < buffers->size(); ++i) {
        BufferInfo buffer;
        TESSERA_RETURN_IF_ERROR(decodeBuffer(
            *buffers->Get(i), rankName + " buffer " + std::to_string(i),
            out.rank, out.arenaSize, buffer));
        if (buffer.storage == StorageKind::Constant)
          segmentsUsed.insert(buffer.index);
        out.buffers.push_back(std::move(buffer));
      }
    }
    if (const auto *commands = program.commands()) {
      for (uint32_t i = 0; i < commands->size(); ++i) {
        Command command;
        TESSERA_RETURN_IF_ERROR(decodeCommand(
            *commands->Get(i), rankName + " command " + std::to_string(i), out,
            command));
        if (const auto *dispatch = std::get_if<DispatchCommand>(&command)) {
          const ExecutableInfo &code = info_.executables[dispatch->executable];
          segmentsUsed.insert(code.segment);
          for (const CudaBinaryInfo &cubin : code.cubins)
            segmentsUsed.insert(cubin.segment);
        }
        out.communicates |= isCommunication(command);
        out.commands.push_back(std::move(command));
        const fb::CommandEntry &entry = *commands->Get(i);
        if (entry.microbatch() < -1 || entry.stage() < -1)
          return invalid(rankName + " command " + std::to_string(i) +
                         ": microbatch " + std::to_string(entry.microbatch()) +
                         " and stage " + std::to_string(entry.stage()) +
                         " must be -1 (no pipeline) or more");
        out.places.push_back({entry.microbatch(), entry.stage()});
      }
    }
    out.segmentsUsed.assign(segmentsUsed.begin(), segmentsUsed.end());
    return Status::ok();
  }

  Status decodeBuffer(const fb::Buffer &buffer, const std::string &name,
                      uint32_t rank, uint64_t arenaSize, BufferInfo &out) {
    unsigned storage = unsigned(buffer.storage());
    if (storage > unsigned(StorageKind::Output))
      return invalid(name + ": storage kind " + std::to_string(storage) +
                     " is not a known StorageKind");
    out.storage = StorageKind(storage);
    out.index = buffer.index();
    out.offset = buffer.offset();
    std::string where = name + " (" + storageKindName(out.storage) + ")";
    TESSERA_RETURN_IF_ERROR(decodeType(buffer.type(), where, out.type));
    out.byteSize = out.type.byteSize();
    uint64_t elementSize = dtypeSize(out.type.dtype);
    switch (out.storage) {
    case StorageKind::Arena:
      if (out.index != 0)
        return invalid(where + ": index must be 0 for an Arena buffer, it is " +
                       std::to_string(out.index));
      if (out.offset > arenaSize || out.byteSize > arenaSize - out.offset)
        return invalid(where + ": bytes " + range(out.offset, out.byteSize) +
                       " of " + out.type.toString() + " exceed the arena of " +
                       std::to_string(arenaSize) + " bytes");
      break;
    case StorageKind::Constant: {
      if (out.index >= info_.segments.size())
        return invalid(where + ": segment " + std::to_string(out.index) +
                       " does not exist (the artifact has " +
                       plural(info_.segments.size(), "segment") + ")");
      uint64_t segmentSize = info_.segments[out.index].size;
      if (out.offset > segmentSize || out.byteSize > segmentSize - out.offset)
        return invalid(where + ": bytes " + range(out.offset, out.byteSize) +
                       " of " + out.type.toString() + " exceed segment " +
                       std::to_string(out.index) + " (" +
                       std::to_string(segmentSize) + " bytes)");
      break;
    }
    case StorageKind::Input:
    case StorageKind::Output: {
      bool isInput = out.storage == StorageKind::Input;
      const std::vector<TensorSignature> &signatures =
          isInput ? info_.inputs : info_.outputs;
      const char *kind = isInput ? "input" : "output";
      if (!isInput && out.offset != 0)
        return invalid(where + ": offset must be 0 for an " +
                       storageKindName(out.storage) + " buffer, it is " +
                       std::to_string(out.offset));
      if (!isInput && numRanks_ > 1 && rank != 0)
        return invalid(where +
                       ": only rank 0 writes outputs when the mesh "
                       "has more than one rank (it has " +
                       std::to_string(numRanks_) + ")");
      if (out.index >= signatures.size())
        return invalid(where + ": " + kind + " " + std::to_string(out.index) +
                       " does not exist (the model has " +
                       plural(signatures.size(), kind) + ")");
      // A buffer may view an input or output with another shape (a
      // reshape costs nothing) and integers with another signedness (the
      // compiler computes on signless integers), never with another size or
      // kind of element. An input buffer may also view a part of its input
      // (a rank's block of a sharded input).
      const TensorSignature &signature = signatures[out.index];
      DType have = out.type.dtype, want = signature.type.dtype;
      bool sameElements =
          have == want || (!isFloatingPoint(have) && !isFloatingPoint(want) &&
                           have != DType::Bool && want != DType::Bool &&
                           dtypeSize(have) == dtypeSize(want));
      std::string viewed = std::string(kind) + " " + std::to_string(out.index) +
                           " ('" + signature.name + "') " +
                           signature.type.toString();
      if (!sameElements)
        return invalid(where + ": type " + out.type.toString() +
                       " does not view " + viewed +
                       " (the element type must match)");
      if (isInput) {
        uint64_t inputBytes = signature.type.byteSize();
        if (out.offset > inputBytes || out.byteSize > inputBytes - out.offset)
          return invalid(where + ": bytes " + range(out.offset, out.byteSize) +
                         " of " + out.type.toString() + " exceed " + viewed +
                         " (" + plural(inputBytes, "byte") + ")");
      } else if (out.type.numElements() != signature.type.numElements()) {
        return invalid(where + ": type " + out.type.toString() +
                       " does not view " + viewed +
                       " (the element type and count must match)");
      }
      break;
    }
    }
    if (out.offset % elementSize != 0)
      return invalid(where + ": offset " + std::to_string(out.offset) +
                     " is not a multiple of the " + dtypeName(out.type.dtype) +
                     " element size (" + std::to_string(elementSize) + ")");
    return Status::ok();
  }

  //===--------------------------------------------------------------------===//
  // Commands
  //===--------------------------------------------------------------------===//

  /// Checks a buffer operand index.
  Status operand(const RankProgram &rank, uint64_t index,
                 const std::string &where, const std::string &role,
                 uint32_t &out) {
    if (index >= rank.buffers.size())
      return invalid(where + ": " + role + " is buffer " +
                     std::to_string(index) + ", but the rank has " +
                     plural(rank.buffers.size(), "buffer"));
    out = uint32_t(index);
    return Status::ok();
  }

  /// Checks an optional (-1) buffer operand.
  Status optionalOperand(const RankProgram &rank, int32_t index,
                         const std::string &where, const std::string &role,
                         OptionalBuffer &out) {
    out = -1;
    if (index == -1)
      return Status::ok();
    if (index < -1)
      return invalid(where + ": " + role + " is " + std::to_string(index) +
                     "; it must be a buffer index or -1");
    uint32_t checked;
    TESSERA_RETURN_IF_ERROR(
        operand(rank, uint64_t(index), where, role, checked));
    out = checked;
    return Status::ok();
  }

  static std::string describe(const RankProgram &rank, uint32_t index) {
    const BufferInfo &buffer = rank.buffers[index];
    return "buffer " + std::to_string(index) + " (" +
           storageKindName(buffer.storage) + ", " + buffer.type.toString() +
           ")";
  }

  Status writable(const RankProgram &rank, uint32_t index,
                  const std::string &where, const std::string &role) {
    StorageKind kind = rank.buffers[index].storage;
    if (kind == StorageKind::Constant || kind == StorageKind::Input)
      return invalid(where + ": " + role + " is " + describe(rank, index) +
                     ", which is read-only");
    return Status::ok();
  }

  Status requireF32(const RankProgram &rank, uint32_t index,
                    const std::string &where, const std::string &role,
                    const char *call) {
    if (rank.buffers[index].type.dtype != DType::F32)
      return invalid(where + ": " + call + " supports f32 only; " + role +
                     " is " + describe(rank, index));
    return Status::ok();
  }

  Status requireShape(const RankProgram &rank, uint32_t index,
                      const std::vector<int64_t> &shape,
                      const std::string &where, const std::string &role,
                      const std::string &because) {
    if (rank.buffers[index].type.shape != shape)
      return invalid(where + ": " + role + " is " + describe(rank, index) +
                     ", expected shape " + shapeToString(shape) + because);
    return Status::ok();
  }

  /// The result must not share bytes with a read operand; the residual may
  /// be the result itself (accumulating in place) but not overlap it
  /// partially.
  Status noAliasing(const RankProgram &rank, uint32_t result,
                    const std::vector<std::pair<int64_t, const char *>> &reads,
                    OptionalBuffer residual, const std::string &where) {
    const BufferInfo &out = rank.buffers[result];
    for (const auto &[index, role] : reads) {
      if (index < 0)
        continue;
      if (overlaps(out, rank.buffers[size_t(index)]))
        return invalid(where + ": result " + describe(rank, result) +
                       " overlaps " + role + " " +
                       describe(rank, uint32_t(index)));
    }
    if (residual >= 0) {
      const BufferInfo &r = rank.buffers[size_t(residual)];
      if (overlaps(out, r) && !sameRegion(out, r))
        return invalid(where + ": residual " +
                       describe(rank, uint32_t(residual)) +
                       " partially overlaps result " + describe(rank, result));
    }
    return Status::ok();
  }

  Status decodeCommand(const fb::CommandEntry &entry, const std::string &name,
                       const RankProgram &rank, Command &out) {
    fb::Command type = entry.command_type();
    unsigned kind = unsigned(type);
    if (type == fb::Command::NONE || kind > unsigned(fb::Command::MAX))
      return invalid(name + ": command kind " + std::to_string(kind) +
                     " is not a known Command");
    std::string where = name + " (" + fb::EnumNameCommand(type) + ")";
    if (!entry.command())
      return invalid(where + ": the command table is missing");
    switch (type) {
    case fb::Command::Dispatch:
      return decodeDispatch(*entry.command_as_Dispatch(), where, rank, out);
    case fb::Command::MatMulCall:
      return decodeMatMul(*entry.command_as_MatMulCall(), where, rank, out);
    case fb::Command::Conv2dCall:
      return decodeConv2d(*entry.command_as_Conv2dCall(), where, rank, out);
    case fb::Command::Pool2dCall:
      return decodePool2d(*entry.command_as_Pool2dCall(), where, rank, out);
    case fb::Command::Copy:
      return decodeCopy(*entry.command_as_Copy(), where, rank, out);
    case fb::Command::AllReduce:
      return decodeAllReduce(*entry.command_as_AllReduce(), where, rank, out);
    case fb::Command::AllGather:
      return decodeAllGather(*entry.command_as_AllGather(), where, rank, out);
    case fb::Command::ReduceScatter:
      return decodeReduceScatter(*entry.command_as_ReduceScatter(), where, rank,
                                 out);
    case fb::Command::AllToAll:
      return decodeAllToAll(*entry.command_as_AllToAll(), where, rank, out);
    case fb::Command::CollectivePermute:
      return decodePermute(*entry.command_as_CollectivePermute(), where, rank,
                           out);
    case fb::Command::Send:
      return decodeSend(*entry.command_as_Send(), where, rank, out);
    case fb::Command::Recv:
      return decodeRecv(*entry.command_as_Recv(), where, rank, out);
    default:
      break;
    }
    return invalid(where + ": unknown command");
  }

  Status decodeDispatch(const fb::Dispatch &dispatch, const std::string &where,
                        const RankProgram &rank, Command &out) {
    DispatchCommand command;
    command.executable = dispatch.executable();
    command.kernel = dispatch.kernel();
    if (command.executable >= info_.executables.size())
      return invalid(where + ": executable " +
                     std::to_string(command.executable) +
                     " does not exist (the artifact has " +
                     plural(info_.executables.size(), "executable") + ")");
    const ExecutableInfo &executable = info_.executables[command.executable];
    if (command.kernel >= executable.kernels.size())
      return invalid(where + ": kernel " + std::to_string(command.kernel) +
                     " does not exist (executable " +
                     std::to_string(command.executable) + " has " +
                     plural(executable.kernels.size(), "kernel") + ")");
    const KernelInfo &kernel = executable.kernels[command.kernel];
    uint32_t numArgs = dispatch.args() ? dispatch.args()->size() : 0;
    if (numArgs != kernel.numArgs)
      return invalid(where + ": kernel '" + kernel.name + "' takes " +
                     plural(kernel.numArgs, "argument") +
                     ", the dispatch passes " + std::to_string(numArgs));
    for (uint32_t i = 0; i < numArgs; ++i) {
      uint32_t arg;
      TESSERA_RETURN_IF_ERROR(operand(rank, dispatch.args()->Get(i), where,
                                      "argument " + std::to_string(i), arg));
      command.args.push_back(arg);
    }
    out = std::move(command);
    return Status::ok();
  }

  Status decodeActivation(fb::Activation activation, const std::string &where,
                          Activation &out) {
    unsigned value = unsigned(activation);
    if (value > unsigned(Activation::Silu))
      return invalid(where + ": activation " + std::to_string(value) +
                     " is not a known Activation");
    out = Activation(value);
    return Status::ok();
  }

  Status decodeMatMul(const fb::MatMulCall &call, const std::string &where,
                      const RankProgram &rank, Command &out) {
    MatMulCommand command;
    TESSERA_RETURN_IF_ERROR(
        operand(rank, call.lhs(), where, "lhs", command.lhs));
    TESSERA_RETURN_IF_ERROR(
        operand(rank, call.rhs(), where, "rhs", command.rhs));
    TESSERA_RETURN_IF_ERROR(
        operand(rank, call.result(), where, "result", command.result));
    TESSERA_RETURN_IF_ERROR(
        optionalOperand(rank, call.bias(), where, "bias", command.bias));
    TESSERA_RETURN_IF_ERROR(optionalOperand(rank, call.residual(), where,
                                            "residual", command.residual));
    TESSERA_RETURN_IF_ERROR(
        decodeActivation(call.activation(), where, command.activation));
    const char *op = "MatMulCall";
    TESSERA_RETURN_IF_ERROR(requireF32(rank, command.lhs, where, "lhs", op));
    TESSERA_RETURN_IF_ERROR(requireF32(rank, command.rhs, where, "rhs", op));
    TESSERA_RETURN_IF_ERROR(
        requireF32(rank, command.result, where, "result", op));
    const TensorType &lhs = rank.buffers[command.lhs].type;
    const TensorType &rhs = rank.buffers[command.rhs].type;
    StatusOr<MatMulGeometry> geometry = inferMatMul(
        lhs.shape, rhs.shape, call.transpose_lhs(), call.transpose_rhs());
    if (!geometry.isOk())
      return invalid(where + ": " + geometry.status().message());
    command.geometry = std::move(geometry).value();
    std::string because = " for lhs " + lhs.toString() +
                          (call.transpose_lhs() ? "^T" : "") + " x rhs " +
                          rhs.toString() + (call.transpose_rhs() ? "^T" : "");
    TESSERA_RETURN_IF_ERROR(requireShape(rank, command.result,
                                         command.geometry.resultShape(), where,
                                         "result", because));
    if (command.bias >= 0) {
      uint32_t bias = uint32_t(command.bias);
      TESSERA_RETURN_IF_ERROR(requireF32(rank, bias, where, "bias", op));
      TESSERA_RETURN_IF_ERROR(requireShape(rank, bias, {command.geometry.n},
                                           where, "bias",
                                           " (the result's last dimension)"));
    }
    if (command.residual >= 0) {
      uint32_t residual = uint32_t(command.residual);
      TESSERA_RETURN_IF_ERROR(
          requireF32(rank, residual, where, "residual", op));
      TESSERA_RETURN_IF_ERROR(
          requireShape(rank, residual, command.geometry.resultShape(), where,
                       "residual", " (the result's shape)"));
    }
    TESSERA_RETURN_IF_ERROR(writable(rank, command.result, where, "result"));
    TESSERA_RETURN_IF_ERROR(noAliasing(
        rank, command.result,
        {{command.lhs, "lhs"}, {command.rhs, "rhs"}, {command.bias, "bias"}},
        command.residual, where));
    out = std::move(command);
    return Status::ok();
  }

  /// Reads an optional [long] attribute of `count` entries into `out`
  /// (left at its default when absent).
  template <size_t N>
  Status windowAttribute(const flatbuffers::Vector<int64_t> *values,
                         const char *name, int64_t minimum,
                         const std::string &where, std::array<int64_t, N> &out,
                         bool required = false) {
    if (!values) {
      if (required)
        return invalid(where + ": " + name + " is missing");
      return Status::ok();
    }
    if (!elementsAligned(values))
      return misaligned(where + ": " + name);
    if (values->size() != N)
      return invalid(where + ": " + name + " has " +
                     std::to_string(values->size()) + " entries, expected " +
                     std::to_string(N));
    for (uint32_t i = 0; i < N; ++i) {
      int64_t value = values->Get(i);
      if (value < minimum || value > kMaxWindowParameter)
        return invalid(where + ": " + name + "[" + std::to_string(i) + "] is " +
                       std::to_string(value) + "; it must be in [" +
                       std::to_string(minimum) + ", 2^32]");
      out[i] = value;
    }
    return Status::ok();
  }

  Status decodeConv2d(const fb::Conv2dCall &call, const std::string &where,
                      const RankProgram &rank, Command &out) {
    Conv2dCommand command;
    TESSERA_RETURN_IF_ERROR(
        operand(rank, call.input(), where, "input", command.input));
    TESSERA_RETURN_IF_ERROR(
        operand(rank, call.weight(), where, "weight", command.weight));
    TESSERA_RETURN_IF_ERROR(
        operand(rank, call.result(), where, "result", command.result));
    TESSERA_RETURN_IF_ERROR(
        optionalOperand(rank, call.bias(), where, "bias", command.bias));
    TESSERA_RETURN_IF_ERROR(optionalOperand(rank, call.residual(), where,
                                            "residual", command.residual));
    TESSERA_RETURN_IF_ERROR(
        decodeActivation(call.activation(), where, command.activation));
    const char *op = "Conv2dCall";
    TESSERA_RETURN_IF_ERROR(
        requireF32(rank, command.input, where, "input", op));
    TESSERA_RETURN_IF_ERROR(
        requireF32(rank, command.weight, where, "weight", op));
    TESSERA_RETURN_IF_ERROR(
        requireF32(rank, command.result, where, "result", op));
    Window2d window;
    TESSERA_RETURN_IF_ERROR(
        windowAttribute(call.strides(), "strides", 1, where, window.strides));
    TESSERA_RETURN_IF_ERROR(
        windowAttribute(call.padding(), "padding", 0, where, window.padding));
    TESSERA_RETURN_IF_ERROR(windowAttribute(call.dilations(), "dilations", 1,
                                            where, window.dilations));
    const TensorType &input = rank.buffers[command.input].type;
    const TensorType &weight = rank.buffers[command.weight].type;
    StatusOr<Conv2dGeometry> geometry =
        inferConv2d(input.shape, weight.shape, window, call.groups());
    if (!geometry.isOk())
      return invalid(where + ": " + geometry.status().message());
    command.geometry = std::move(geometry).value();
    const Conv2dGeometry &g = command.geometry;
    std::vector<int64_t> resultShape = {g.n, g.f, g.oh, g.ow};
    std::string because = " for input " + input.toString() + ", weight " +
                          weight.toString() + ", strides [" +
                          std::to_string(window.strides[0]) + "," +
                          std::to_string(window.strides[1]) + "], padding [" +
                          std::to_string(window.padding[0]) + "," +
                          std::to_string(window.padding[1]) + "," +
                          std::to_string(window.padding[2]) + "," +
                          std::to_string(window.padding[3]) + "], dilations [" +
                          std::to_string(window.dilations[0]) + "," +
                          std::to_string(window.dilations[1]) + "]";
    TESSERA_RETURN_IF_ERROR(requireShape(rank, command.result, resultShape,
                                         where, "result", because));
    if (command.bias >= 0) {
      uint32_t bias = uint32_t(command.bias);
      TESSERA_RETURN_IF_ERROR(requireF32(rank, bias, where, "bias", op));
      TESSERA_RETURN_IF_ERROR(requireShape(rank, bias, {g.f}, where, "bias",
                                           " (the output channels)"));
    }
    if (command.residual >= 0) {
      uint32_t residual = uint32_t(command.residual);
      TESSERA_RETURN_IF_ERROR(
          requireF32(rank, residual, where, "residual", op));
      TESSERA_RETURN_IF_ERROR(requireShape(rank, residual, resultShape, where,
                                           "residual",
                                           " (the result's shape)"));
    }
    TESSERA_RETURN_IF_ERROR(writable(rank, command.result, where, "result"));
    TESSERA_RETURN_IF_ERROR(noAliasing(rank, command.result,
                                       {{command.input, "input"},
                                        {command.weight, "weight"},
                                        {command.bias, "bias"}},
                                       command.residual, where));
    out = std::move(command);
    return Status::ok();
  }

  Status decodePool2d(const fb::Pool2dCall &call, const std::string &where,
                      const RankProgram &rank, Command &out) {
    Pool2dCommand command;
    unsigned kind = unsigned(call.kind());
    if (kind > unsigned(PoolKind::Average))
      return invalid(where + ": pool kind " + std::to_string(kind) +
                     " is not a known PoolKind");
    command.kind = PoolKind(kind);
    command.countIncludePad = call.count_include_pad();
    TESSERA_RETURN_IF_ERROR(
        operand(rank, call.input(), where, "input", command.input));
    TESSERA_RETURN_IF_ERROR(
        operand(rank, call.result(), where, "result", command.result));
    const char *op = "Pool2dCall";
    TESSERA_RETURN_IF_ERROR(
        requireF32(rank, command.input, where, "input", op));
    TESSERA_RETURN_IF_ERROR(
        requireF32(rank, command.result, where, "result", op));
    Window2d window;
    TESSERA_RETURN_IF_ERROR(windowAttribute(call.kernel(), "kernel", 1, where,
                                            window.kernel, /*required=*/true));
    TESSERA_RETURN_IF_ERROR(
        windowAttribute(call.strides(), "strides", 1, where, window.strides));
    TESSERA_RETURN_IF_ERROR(
        windowAttribute(call.padding(), "padding", 0, where, window.padding));
    TESSERA_RETURN_IF_ERROR(windowAttribute(call.dilations(), "dilations", 1,
                                            where, window.dilations));
    const TensorType &input = rank.buffers[command.input].type;
    StatusOr<Pool2dGeometry> geometry = inferPool2d(input.shape, window);
    if (!geometry.isOk())
      return invalid(where + ": " + geometry.status().message());
    command.geometry = std::move(geometry).value();
    const Pool2dGeometry &g = command.geometry;
    TESSERA_RETURN_IF_ERROR(requireShape(
        rank, command.result, {g.n, g.c, g.oh, g.ow}, where, "result",
        " for input " + input.toString() + ", kernel [" +
            std::to_string(window.kernel[0]) + "," +
            std::to_string(window.kernel[1]) + "], strides [" +
            std::to_string(window.strides[0]) + "," +
            std::to_string(window.strides[1]) + "], padding [" +
            std::to_string(window.padding[0]) + "," +
            std::to_string(window.padding[1]) + "," +
            std::to_string(window.padding[2]) + "," +
            std::to_string(window.padding[3]) + "], dilations [" +
            std::to_string(window.dilations[0]) + "," +
            std::to_string(window.dilations[1]) + "]"));
    TESSERA_RETURN_IF_ERROR(writable(rank, command.result, where, "result"));
    TESSERA_RETURN_IF_ERROR(noAliasing(rank, command.result,
                                       {{command.input, "input"}}, -1, where));
    out = std::move(command);
    return Status::ok();
  }

  Status decodeCopy(const fb::Copy &copy, const std::string &where,
                    const RankProgram &rank, Command &out) {
    CopyCommand command;
    TESSERA_RETURN_IF_ERROR(
        operand(rank, copy.source(), where, "source", command.source));
    TESSERA_RETURN_IF_ERROR(
        operand(rank, copy.target(), where, "target", command.target));
    uint64_t sourceBytes = rank.buffers[command.source].byteSize;
    uint64_t targetBytes = rank.buffers[command.target].byteSize;
    if (sourceBytes != targetBytes)
      return invalid(where + ": source " + describe(rank, command.source) +
                     " has " + plural(sourceBytes, "byte") + " but target " +
                     describe(rank, command.target) + " has " +
                     std::to_string(targetBytes));
    TESSERA_RETURN_IF_ERROR(writable(rank, command.target, where, "target"));
    command.bytes = sourceBytes;
    out = command;
    return Status::ok();
  }

  //===--------------------------------------------------------------------===//
  // Communication commands
  //===--------------------------------------------------------------------===//

  /// Checks a group: distinct ranks of the mesh, this rank among them.
  Status decodeGroup(const flatbuffers::Vector<uint32_t> *ranks,
                     const RankProgram &rank, const std::string &where,
                     std::vector<uint32_t> &out) {
    if (!ranks || ranks->size() == 0)
      return invalid(where +
                     ": ranks is empty; it lists the group's members, "
                     "this rank (" +
                     std::to_string(rank.rank) + ") among them");
    if (ranks->size() > numRanks_)
      return invalid(where + ": ranks has " + std::to_string(ranks->size()) +
                     " entries, but the mesh has " + plural(numRanks_, "rank"));
    std::set<uint32_t> seen;
    for (uint32_t i = 0; i < ranks->size(); ++i) {
      uint32_t member = ranks->Get(i);
      if (member >= numRanks_)
        return invalid(where + ": ranks[" + std::to_string(i) + "] is " +
                       std::to_string(member) + ", but the mesh has " +
                       plural(numRanks_, "rank"));
      if (!seen.insert(member).second)
        return invalid(where + ": ranks[" + std::to_string(i) + "] is rank " +
                       std::to_string(member) +
                       " again; a group's members are distinct");
      out.push_back(member);
    }
    if (!seen.count(rank.rank))
      return invalid(where + ": ranks " + ranksText(out) +
                     " does not include this rank (" +
                     std::to_string(rank.rank) + ")");
    return Status::ok();
  }

  Status decodeReduceOp(fb::ReduceOp op, const std::string &where,
                        ReduceOp &out) {
    unsigned value = unsigned(op);
    if (value > unsigned(ReduceOp::Prod))
      return invalid(where + ": op " + std::to_string(value) +
                     " is not a known ReduceOp");
    out = ReduceOp(value);
    return Status::ok();
  }

  /// input and result have the same element type.
  Status sameDType(const RankProgram &rank, uint32_t input, uint32_t result,
                   const std::string &where) {
    if (rank.buffers[input].type.dtype != rank.buffers[result].type.dtype)
      return invalid(where + ": input " + describe(rank, input) +
                     " and result " + describe(rank, result) +
                     " have different element types");
    return Status::ok();
  }

  Status noOverlap(const RankProgram &rank, uint32_t input, uint32_t result,
                   const std::string &where, bool inPlaceAllowed) {
    const BufferInfo &a = rank.buffers[input], &b = rank.buffers[result];
    if (!overlaps(a, b) || (inPlaceAllowed && sameRegion(a, b)))
      return Status::ok();
    return invalid(
        where + ": result " + describe(rank, result) +
        (inPlaceAllowed ? " partially overlaps input " : " overlaps input ") +
        describe(rank, input));
  }

  static uint64_t elementCount(const RankProgram &rank, uint32_t index) {
    return uint64_t(rank.buffers[index].type.numElements());
  }

  /// Operands, group and element types of the four group collectives.
  template <typename Table>
  Status collectiveOperands(const Table &table, const std::string &where,
                            const RankProgram &rank, uint32_t &input,
                            uint32_t &result, std::vector<uint32_t> &ranks) {
    TESSERA_RETURN_IF_ERROR(
        operand(rank, table.input(), where, "input", input));
    TESSERA_RETURN_IF_ERROR(
        operand(rank, table.result(), where, "result", result));
    TESSERA_RETURN_IF_ERROR(decodeGroup(table.ranks(), rank, where, ranks));
    TESSERA_RETURN_IF_ERROR(sameDType(rank, input, result, where));
    return writable(rank, result, where, "result");
  }

  Status decodeAllReduce(const fb::AllReduce &table, const std::string &where,
                         const RankProgram &rank, Command &out) {
    AllReduceCommand command;
    TESSERA_RETURN_IF_ERROR(collectiveOperands(
        table, where, rank, command.input, command.result, command.ranks));
    TESSERA_RETURN_IF_ERROR(decodeReduceOp(table.op(), where, command.op));
    uint64_t in = elementCount(rank, command.input);
    uint64_t res = elementCount(rank, command.result);
    if (in != res)
      return invalid(where + ": result " + describe(rank, command.result) +
                     " has " + plural(res, "element") + ", input " +
                     describe(rank, command.input) + " has " +
                     std::to_string(in) + "; they must be equal");
    TESSERA_RETURN_IF_ERROR(noOverlap(rank, command.input, command.result,
                                      where, /*inPlaceAllowed=*/true));
    command.dtype = rank.buffers[command.input].type.dtype;
    command.count = in;
    out = std::move(command);
    return Status::ok();
  }

  Status decodeAllGather(const fb::AllGather &table, const std::string &where,
                         const RankProgram &rank, Command &out) {
    AllGatherCommand command;
    TESSERA_RETURN_IF_ERROR(collectiveOperands(
        table, where, rank, command.input, command.result, command.ranks));
    uint64_t in = elementCount(rank, command.input);
    uint64_t res = elementCount(rank, command.result);
    uint64_t n = command.ranks.size();
    if (res != in * n) // no overflow: both are below 2^62, n below 2^17
      return invalid(where + ": result " + describe(rank, command.result) +
                     " has " + plural(res, "element") + "; gathering input " +
                     describe(rank, command.input) + " over " +
                     plural(n, "rank") + " needs " + std::to_string(in * n));
    TESSERA_RETURN_IF_ERROR(
        noOverlap(rank, command.input, command.result, where, false));
    command.dtype = rank.buffers[command.input].type.dtype;
    command.count = in;
    out = std::move(command);
    return Status::ok();
  }

  Status decodeReduceScatter(const fb::ReduceScatter &table,
                             const std::string &where, const RankProgram &rank,
                             Command &out) {
    ReduceScatterCommand command;
    TESSERA_RETURN_IF_ERROR(collectiveOperands(
        table, where, rank, command.input, command.result, command.ranks));
    TESSERA_RETURN_IF_ERROR(decodeReduceOp(table.op(), where, command.op));
    uint64_t in = elementCount(rank, command.input);
    uint64_t res = elementCount(rank, command.result);
    uint64_t n = command.ranks.size();
    if (in != res * n)
      return invalid(where + ": input " + describe(rank, command.input) +
                     " has " + plural(in, "element") + "; scattering result " +
                     describe(rank, command.result) + " over " +
                     plural(n, "rank") + " needs " + std::to_string(res * n));
    TESSERA_RETURN_IF_ERROR(
        noOverlap(rank, command.input, command.result, where, false));
    command.dtype = rank.buffers[command.input].type.dtype;
    command.count = res;
    out = std::move(command);
    return Status::ok();
  }

  Status decodeAllToAll(const fb::AllToAll &table, const std::string &where,
                        const RankProgram &rank, Command &out) {
    AllToAllCommand command;
    TESSERA_RETURN_IF_ERROR(collectiveOperands(
        table, where, rank, command.input, command.result, command.ranks));
    uint64_t in = elementCount(rank, command.input);
    uint64_t res = elementCount(rank, command.result);
    uint64_t n = command.ranks.size();
    if (in != res)
      return invalid(where + ": result " + describe(rank, command.result) +
                     " has " + plural(res, "element") + ", input " +
                     describe(rank, command.input) + " has " +
                     std::to_string(in) + "; they must be equal");
    if (in % n != 0)
      return invalid(where + ": " + plural(in, "element") +
                     " do not split into " + std::to_string(n) +
                     " equal chunks, one per rank");
    TESSERA_RETURN_IF_ERROR(
        noOverlap(rank, command.input, command.result, where, false));
    command.dtype = rank.buffers[command.input].type.dtype;
    command.count = in / n;
    out = std::move(command);
    return Status::ok();
  }

  /// send_to, recv_from: a rank of the mesh or -1.
  Status peerOrNone(int32_t value, const char *name, const std::string &where,
                    int64_t &out) {
    if (value < -1 || (value >= 0 && uint32_t(value) >= numRanks_))
      return invalid(where + ": " + name + " is " + std::to_string(value) +
                     "; it must be a rank of the mesh (0 to " +
                     std::to_string(numRanks_ - 1) + ") or -1");
    out = value;
    return Status::ok();
  }

  Status decodePermute(const fb::CollectivePermute &table,
                       const std::string &where, const RankProgram &rank,
                       Command &out) {
    CollectivePermuteCommand command;
    TESSERA_RETURN_IF_ERROR(
        operand(rank, table.input(), where, "input", command.input));
    TESSERA_RETURN_IF_ERROR(
        operand(rank, table.result(), where, "result", command.result));
    TESSERA_RETURN_IF_ERROR(
        peerOrNone(table.send_to(), "send_to", where, command.sendTo));
    TESSERA_RETURN_IF_ERROR(
        peerOrNone(table.recv_from(), "recv_from", where, command.recvFrom));
    TESSERA_RETURN_IF_ERROR(
        sameDType(rank, command.input, command.result, where));
    TESSERA_RETURN_IF_ERROR(writable(rank, command.result, where, "result"));
    uint64_t in = elementCount(rank, command.input);
    uint64_t res = elementCount(rank, command.result);
    if (in != res)
      return invalid(where + ": result " + describe(rank, command.result) +
                     " has " + plural(res, "element") + ", input " +
                     describe(rank, command.input) + " has " +
                     std::to_string(in) + "; they must be equal");
    TESSERA_RETURN_IF_ERROR(
        noOverlap(rank, command.input, command.result, where, false));
    command.dtype = rank.buffers[command.input].type.dtype;
    command.count = in;
    out = std::move(command);
    return Status::ok();
  }

  Status peer(uint32_t value, const std::string &where, const RankProgram &rank,
              uint32_t &out) {
    if (value >= numRanks_)
      return invalid(where + ": peer " + std::to_string(value) +
                     " is not a rank of the mesh (it has " +
                     plural(numRanks_, "rank") + ")");
    if (value == rank.rank)
      return invalid(where + ": peer is this rank (" + std::to_string(value) +
                     "); a rank does not send to itself");
    out = value;
    return Status::ok();
  }

  Status decodeSend(const fb::Send &table, const std::string &where,
                    const RankProgram &rank, Command &out) {
    SendCommand command;
    TESSERA_RETURN_IF_ERROR(
        operand(rank, table.input(), where, "input", command.input));
    TESSERA_RETURN_IF_ERROR(peer(table.peer(), where, rank, command.peer));
    command.dtype = rank.buffers[command.input].type.dtype;
    command.count = elementCount(rank, command.input);
    out = command;
    return Status::ok();
  }

  Status decodeRecv(const fb::Recv &table, const std::string &where,
                    const RankProgram &rank, Command &out) {
    RecvCommand command;
    TESSERA_RETURN_IF_ERROR(
        operand(rank, table.result(), where, "result", command.result));
    TESSERA_RETURN_IF_ERROR(peer(table.peer(), where, rank, command.peer));
    TESSERA_RETURN_IF_ERROR(writable(rank, command.result, where, "result"));
    command.dtype = rank.buffers[command.result].type.dtype;
    command.count = elementCount(rank, command.result);
    out = command;
    return Status::ok();
  }

  //===--------------------------------------------------------------------===//
  // Cross-rank matching
  //===--------------------------------------------------------------------===//

  /// Runs every rank's communication commands against each other, as the
  /// runtime will: a group collective completes when every member reaches
  /// one on the same group (ranks in the same order); a Send is buffered
  /// (it never waits); a Recv waits for the next Send from its peer to this
  /// rank; a CollectivePermute posts its send, then waits until its input
  /// was received and its result arrived. Members must agree on the kind,
  /// reduction, element type and sizes. Anything left waiting when nothing
  /// can move is a deadlock; a Send nobody receives is an error too.
  Status checkCommunication() {
    Simulation simulation(info_);
    return simulation.run();
  }

  class Simulation {
  public:
    explicit Simulation(const ModelInfo &info)
        : info_(info), n_(info.numRanks()), ops_(n_), pc_(n_, 0),
          arrived_(n_, false), posted_(n_, false), sendPending_(n_, false),
          received_(n_, false) {
      for (uint32_t r = 0; r < n_; ++r) {
        const RankProgram &program = info.ranks[r];
        if (!program.communicates)
          continue;
        for (uint32_t i = 0; i < program.commands.size(); ++i)
          if (isCommunication(program.commands[i]))
            ops_[r].push_back(i);
      }
    }

    Status run() {
      for (uint32_t r = 0; r < n_; ++r)
        if (!ops_[r].empty())
          work_.push_back(r);
      while (!work_.empty()) {
        uint32_t r = work_.front();
        work_.pop_front();
        TESSERA_RETURN_IF_ERROR(advance(r));
      }
      for (uint32_t r = 0; r < n_; ++r)
        if (pc_[r] < ops_[r].size())
          return invalid(stuck(r));
      for (const auto &[channel, queue] : sends_)
        if (!queue.empty()) {
          const Message &m = queue.front();
          return invalid(at(m.rank, m.command) + " is never received: rank " +
                         std::to_string(channel.second) +
                         " has no matching Recv from rank " +
                         std::to_string(channel.first));
        }
      return Status::ok();
    }

  private:
    struct Message {
      uint32_t rank = 0, command = 0;
      DType dtype = DType::F32;
      uint64_t count = 0;
    };
    using Channel = std::pair<uint32_t, uint32_t>; // (from, to)

    const Command &command(uint32_t rank, uint32_t index) const {
      return info_.ranks[rank].commands[index];
    }
    /// "rank 1 command 4 (AllReduce (sum) of f32 x 8 over ranks [0,1])"
    std::string at(uint32_t rank, uint32_t index) const {
      return "rank " + std::to_string(rank) + " command " +
             std::to_string(index) + " (" +
             describeCommunication(command(rank, index)) + ")";
    }
    const Command &current(uint32_t rank) const {
      return command(rank, ops_[rank][pc_[rank]]);
    }
    static const std::vector<uint32_t> *groupOf(const Command &c) {
      if (const auto *x = std::get_if<AllReduceCommand>(&c))
        return &x->ranks;
      if (const auto *x = std::get_if<AllGatherCommand>(&c))
        return &x->ranks;
      if (const auto *x = std::get_if<ReduceScatterCommand>(&c))
        return &x->ranks;
      if (const auto *x = std::get_if<AllToAllCommand>(&c))
        return &x->ranks;
      return nullptr;
    }
    /// What members must agree on: kind, reduction, element type, count.
    static std::tuple<size_t, int, DType, uint64_t>
    signature(const Command &c) {
      return std::visit(
          [&](const auto &x) -> std::tuple<size_t, int, DType, uint64_t> {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, AllReduceCommand> ||
                          std::is_same_v<T, ReduceScatterCommand>)
              return {c.index(), int(x.op), x.dtype, x.count};
            else if constexpr (std::is_same_v<T, AllGatherCommand> ||
                               std::is_same_v<T, AllToAllCommand>)
              return {c.index(), -1, x.dtype, x.count};
            else
              return {c.index(), -1, DType::F32, 0};
          },
          c);
    }

    void next(uint32_t rank) {
      ++pc_[rank];
      arrived_[rank] = posted_[rank] = sendPending_[rank] = received_[rank] =
          false;
    }

    Status complete(const std::vector<uint32_t> &group) {
      uint32_t first = group[0];
      const Command &reference = current(first);
      for (uint32_t member : group)
        if (signature(current(member)) != signature(reference))
          return invalid(at(member, ops_[member][pc_[member]]) +
                         " does not match " +
                         at(first, ops_[first][pc_[first]]) +
                         ": the members of a group must meet its collectives "
                         "in the same order with the same kind, element type "
                         "and sizes");
      for (uint32_t member : group) {
        next(member);
        work_.push_back(member);
      }
      return Status::ok();
    }

    Status checkMessage(const Message &m, uint32_t rank, DType dtype,
                        uint64_t count) {
      if (m.dtype != dtype || m.count != count)
        return invalid(at(rank, ops_[rank][pc_[rank]]) + " does not match " +
                       at(m.rank, m.command) +
                       ": the element type and count must be equal");
      return Status::ok();
    }

    Status advance(uint32_t r) {
      while (pc_[r] < ops_[r].size()) {
        uint32_t index = ops_[r][pc_[r]];
        const Command &c = command(r, index);
        if (const std::vector<uint32_t> *group = groupOf(c)) {
          if (arrived_[r])
            return Status::ok();
          arrived_[r] = true;
          if (++arrivals_[*group] < group->size())
            return Status::ok();
          arrivals_[*group] = 0;
          return complete(*group);
        }
        if (const auto *send = std::get_if<SendCommand>(&c)) {
          sends_[{r, send->peer}].push_back(
              {r, index, send->dtype, send->count});
          work_.push_back(send->peer);
          next(r);
          continue;
        }
        if (const auto *recv = std::get_if<RecvCommand>(&c)) {
          auto &queue = sends_[{recv->peer, r}];
          if (queue.empty())
            return Status::ok();
          TESSERA_RETURN_IF_ERROR(
              checkMessage(queue.front(), r, recv->dtype, recv->count));
          queue.pop_front();
          next(r);
          continue;
        }
        const auto &permute = std::get<CollectivePermuteCommand>(c);
        if (!posted_[r]) {
          posted_[r] = true;
          if (permute.sendTo >= 0) {
            uint32_t to = uint32_t(permute.sendTo);
            permutes_[{r, to}].push_back(
                {r, index, permute.dtype, permute.count});
            sendPending_[r] = true;
            if (to != r)
              work_.push_back(to);
          }
          received_[r] = permute.recvFrom < 0;
        }
        if (!received_[r]) {
          uint32_t from = uint32_t(permute.recvFrom);
          auto &queue = permutes_[{from, r}];
          if (queue.empty())
            return Status::ok();
          TESSERA_RETURN_IF_ERROR(
              checkMessage(queue.front(), r, permute.dtype, permute.count));
          queue.pop_front();
          received_[r] = true;
          sendPending_[from] = false;
          if (from != r)
            work_.push_back(from);
        }
        if (sendPending_[r])
          return Status::ok();
        next(r);
      }
      return Status::ok();
    }

    /// What rank `other` is doing, for a deadlock message.
    std::string state(uint32_t other) const {
      if (pc_[other] >= ops_[other].size())
        return "rank " + std::to_string(other) +
               (ops_[other].empty() ? " does not communicate"
                                    : " has finished communicating");
      return "rank " + std::to_string(other) + " waits at its command " +
             std::to_string(ops_[other][pc_[other]]) + " (" +
             describeCommunication(current(other)) + ")";
    }

    std::string stuck(uint32_t r) const {
      const Command &c = current(r);
      std::string what = at(r, ops_[r][pc_[r]]) + " never completes: ";
      std::vector<std::string> reasons;
      if (const std::vector<uint32_t> *group = groupOf(c)) {
        for (uint32_t member : *group) {
          if (member == r)
            continue;
          bool there = pc_[member] < ops_[member].size() &&
                       groupOf(current(member)) &&
                       *groupOf(current(member)) == *group;
          if (!there)
            reasons.push_back(state(member));
        }
      } else if (const auto *recv = std::get_if<RecvCommand>(&c)) {
        reasons.push_back(state(recv->peer) + ", without a Send to rank " +
                          std::to_string(r));
      } else {
        const auto &permute = std::get<CollectivePermuteCommand>(c);
        if (!received_[r])
          reasons.push_back("nothing arrives from rank " +
                            std::to_string(permute.recvFrom) + " (" +
                            state(uint32_t(permute.recvFrom)) + ")");
        if (sendPending_[r])
          reasons.push_back("rank " + std::to_string(permute.sendTo) +
                            " does not receive its input (" +
                            state(uint32_t(permute.sendTo)) + ")");
      }
      for (size_t i = 0; i < reasons.size() && i < 4; ++i)
        what += (i ? "; " : "") + reasons[i];
      if (reasons.size() > 4)
        what += "; and " + std::to_string(reasons.size() - 4) + " more";
      return what + " (a deadlock)";
    }

    const ModelInfo &info_;
    uint32_t n_;
    /// Per rank: indices of its communication commands.
    std::vector<std::vector<uint32_t>> ops_;
    std::vector<size_t> pc_;
    /// Per rank, for its current command.
    std::vector<bool> arrived_, posted_, sendPending_, received_;
    std::map<std::vector<uint32_t>, size_t> arrivals_;
    std::map<Channel, std::deque<Message>> sends_, permutes_;
    std::deque<uint32_t> work_;
  };

  const fb::Model &model_;
  const uint8_t *file_;
  uint64_t fileSize_;
  uint64_t flatbufferEnd_;
  uint32_t numRanks_ = 1;
  ModelInfo info_;
};

} // namespace

Status verifySegmentChecksums(const uint8_t *file, const ModelInfo &info,
                              const std::vector<uint32_t> &segments) {
  for (uint32_t i : segments) {
    if (i >= info.segments.size())
      return Status(StatusCode::kInternal,
                    "segment " + std::to_string(i) + " does not exist");
    const SegmentInfo &segment = info.segments[i];
    uint64_t actual = xxh64(file + segment.offset, segment.size);
    if (actual != segment.checksum)
      return invalid("segment " + std::to_string(i) + " " +
                     range(segment.offset, segment.size) +
                     ": checksum mismatch: the bytes hash to " + hex(actual) +
                     ", the artifact records " + hex(segment.checksum) +
                     " (the file is corrupt)");
  }
  return Status::ok();
}

std::vector<uint32_t> segmentsUsedBy(const ModelInfo &info,
                                     const std::vector<uint32_t> &ranks) {
  return segmentsToCheck(info, ranks);
}

StatusOr<ModelInfo> verifyArtifact(const uint8_t *file, uint64_t size,
                                   const VerifyOptions &options) {
  if (size < 12)
    return invalid("the file is " + plural(size, "byte") +
                   ", too short to be an artifact");
  // The identifier first: a file that is not an artifact at all should be
  // told so, not that its first bytes make a strange size.
  if (!fb::SizePrefixedModelBufferHasIdentifier(file)) {
    std::string found;
    for (int i = 8; i < 12; ++i) {
      char c = char(file[i]);
      found +=
          std::isprint(static_cast<unsigned char>(c)) ? std::string(1, c) : "?";
    }
    return invalid("the file identifier is '" + found + "', not '" +
                   artifact::kFileIdentifier + "': not a Tessera artifact");
  }
  uint32_t prefix;
  std::memcpy(&prefix, file, 4);
  if (prefix < 8)
    return invalid("the size prefix (" + std::to_string(prefix) +
                   ") is too small for a FlatBuffer");
  if (prefix > size - 4)
    return invalid("the size prefix says the FlatBuffer has " +
                   plural(prefix, "byte") + ", but only " +
                   std::to_string(size - 4) +
                   " follow it (the file is truncated)");
  if (uint64_t(prefix) + 4 >= FLATBUFFERS_MAX_BUFFER_SIZE)
    return invalid("the FlatBuffer is larger than 2 GiB");
  flatbuffers::Verifier::Options verifierOptions;
  verifierOptions.max_depth = 64;
  verifierOptions.max_tables = 1u << 24;
  flatbuffers::Verifier verifier(file, size_t(prefix) + 4, verifierOptions);
  if (!fb::VerifySizePrefixedModelBuffer(verifier))
    return invalid("the FlatBuffer is malformed (rejected by the FlatBuffers "
                   "verifier)");
  const fb::Model *model = fb::GetSizePrefixedModel(file);
  if (model->schema_version() != artifact::kSchemaVersion)
    return invalid("schema version " + std::to_string(model->schema_version()) +
                   " is not supported: this runtime reads version " +
                   std::to_string(artifact::kSchemaVersion));
  return Decoder(*model, file, size, uint64_t(prefix) + 4).decode(options);
}

} // namespace tessera::runtime
