//===- ArtifactWriter.cpp - The executable level into a .tsr file ---------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "compiler/artifact/ArtifactWriter.h"

#include "dialects/dist/DistOps.h"
#include "dialects/exec/ExecOps.h"
#include "dialects/tessera/ConstantData.h"
#include "runtime/base/Hash.h"
#include "runtime/schemas/SchemaVersion.h"
// The generated code has a `default:` in switches over every enum value.
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wcovered-switch-default"
#include "runtime/schemas/tessera_artifact_generated.h"
#pragma clang diagnostic pop

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace mlir;
using namespace mlir::tessera;
namespace fb = ::tessera::artifact;

namespace {

constexpr uint64_t kSegmentAlignment = 64;

uint64_t alignUp(uint64_t value) {
  return (value + kSegmentAlignment - 1) / kSegmentAlignment *
         kSegmentAlignment;
}

FailureOr<fb::DType> convertDType(Type type) {
  if (type.isF32())
    return fb::DType::F32;
  if (type.isF16())
    return fb::DType::F16;
  if (type.isBF16())
    return fb::DType::BF16;
  if (type.isF64())
    return fb::DType::F64;
  if (type.isInteger(1))
    return fb::DType::Bool;
  auto integer = dyn_cast<IntegerType>(type);
  if (!integer)
    return failure();
  bool isUnsigned = integer.isUnsigned();
  switch (integer.getWidth()) {
  case 8:
    return isUnsigned ? fb::DType::U8 : fb::DType::I8;
  case 16:
    return isUnsigned ? fb::DType::U16 : fb::DType::I16;
  case 32:
    return isUnsigned ? fb::DType::U32 : fb::DType::I32;
  case 64:
    return isUnsigned ? fb::DType::U64 : fb::DType::I64;
  default:
    return failure();
  }
}


class Writer {
public:
  Writer(ModuleOp module, const llvm::StringMap<ExecutableBinary> &binaries,
         const ArtifactMetadata &metadata)
      : module(module), binaries(binaries), metadata(metadata) {}

  LogicalResult collect();
  std::string buildFlatBuffer(ArrayRef<fb::Segment> segments);
  LogicalResult write(StringRef path);

private:
  flatbuffers::Offset<fb::TensorType>
  tensorType(flatbuffers::FlatBufferBuilder &b, ShapedType type) {
    std::vector<int64_t> shape(type.getShape().begin(), type.getShape().end());
    return fb::CreateTensorTypeDirect(b, *convertDType(type.getElementType()),
                                      &shape);
  }
  flatbuffers::Offset<fb::RankProgram>
  buildProgram(flatbuffers::FlatBufferBuilder &b, exec::ProgramOp program);

  ModuleOp module;
  const llvm::StringMap<ExecutableBinary> &binaries;
  const ArtifactMetadata &metadata;

  func::FuncOp signature;
  SmallVector<exec::ExecutableOp> executables;
  SmallVector<exec::ProgramOp> programs;
  /// Segment contents in file order: executables, then weights.
  std::vector<std::string> segmentData;
  DenseMap<Attribute, unsigned> constantSegment;
  llvm::StringMap<unsigned> executableIndex;
  /// Per executable, its cubins' architectures and segments.
  llvm::StringMap<std::vector<std::pair<std::string, unsigned>>> cubinSegments;
};

LogicalResult Writer::collect() {
  for (Operation &op : module.getBody()->getOperations()) {
    if (auto function = dyn_cast<func::FuncOp>(op)) {
      if (signature)
        return module.emitError("expects one function signature");
      signature = function;
    } else if (auto executable = dyn_cast<exec::ExecutableOp>(op)) {
      executableIndex[executable.getSymName()] = executables.size();
      executables.push_back(executable);
    } else if (auto program = dyn_cast<exec::ProgramOp>(op)) {
      programs.push_back(program);
    }
  }
  if (!signature || programs.empty())
    return module.emitError("expects a function signature and a texec.program "
                            "(run tessera-form-program first)");
  for (Type type : llvm::concat<const Type>(signature.getArgumentTypes(),
                                            signature.getResultTypes())) {
    auto shaped = dyn_cast<RankedTensorType>(type);
    if (!shaped || failed(convertDType(shaped.getElementType())))
      return module.emitError("the signature type ")
             << type << " has no artifact element type";
  }
  for (exec::ExecutableOp executable : executables) {
    auto it = binaries.find(executable.getSymName());
    if (it == binaries.end())
      return executable.emitError("was not compiled");
    segmentData.push_back(it->second.bytes);
  }
  // The cubins of the CUDA executables follow their code.
  for (exec::ExecutableOp executable : executables) {
    const ExecutableBinary &binary =
        binaries.find(executable.getSymName())->second;
    auto &list = cubinSegments[executable.getSymName()];
    for (const auto &[arch, cubin] : binary.cubins) {
      list.emplace_back(arch, segmentData.size());
      segmentData.push_back(cubin);
    }
  }
  for (exec::ProgramOp program : programs) {
    for (auto buffer : program.getBody().getOps<exec::BufferOp>()) {
      if (buffer.getStorage() != exec::StorageKind::Constant)
        continue;
      Attribute value = *buffer.getValue();
      if (constantSegment.count(value))
        continue;
      FailureOr<std::string> bytes = getConstantBytes(*buffer.getValue());
      if (failed(bytes))
        return buffer.emitOpError("has a constant whose bytes are unavailable");
      constantSegment[value] = segmentData.size();
      segmentData.push_back(std::move(*bytes));
    }
  }
  return success();
}

flatbuffers::Offset<fb::RankProgram>
Writer::buildProgram(flatbuffers::FlatBufferBuilder &b,
                     exec::ProgramOp program) {
  DenseMap<Value, unsigned> bufferIndex;
  std::vector<flatbuffers::Offset<fb::Buffer>> buffers;
  std::vector<flatbuffers::Offset<fb::CommandEntry>> commands;
  auto index = [&](Value value) { return bufferIndex.lookup(value); };
  auto optionalIndex = [&](Value value) -> int32_t {
    return value ? static_cast<int32_t>(index(value)) : -1;
  };
  auto activation = [](exec::Activation a) {
    return static_cast<fb::Activation>(static_cast<uint8_t>(a));
  };
  auto vec = [&](ArrayRef<int64_t> values) {
    return b.CreateVector(std::vector<int64_t>(values.begin(), values.end()));
  };
  auto ranks = [](ArrayRef<int64_t> values) {
    return std::vector<uint32_t>(values.begin(), values.end());
  };
  auto reduceOp = [](exec::ReduceKind kind) {
    return static_cast<fb::ReduceOp>(static_cast<uint8_t>(kind));
  };
  // The op being written: its pipeline microbatch and stage, if any.
  Operation *current = nullptr;
  auto entry = [&](fb::Command kind, flatbuffers::Offset<void> command) {
    dist::PipelinePlace place = dist::getPipelinePlace(current);
    commands.push_back(fb::CreateCommandEntry(
        b, kind, command, int32_t(place.microbatch), int32_t(place.stage)));
  };

  for (Operation &op : program.getBody().front()) {
    current = &op;
    if (auto buffer = dyn_cast<exec::BufferOp>(op)) {
      fb::StorageKind storage;
      uint32_t slot = 0;
      uint64_t offset = buffer.getOffset().value_or(0);
      switch (buffer.getStorage()) {
      case exec::StorageKind::Arena:
        storage = fb::StorageKind::Arena;
        break;
      case exec::StorageKind::Constant:
        storage = fb::StorageKind::Constant;
        slot = constantSegment.lookup(*buffer.getValue());
        offset = 0;
        break;
      case exec::StorageKind::Input:
        storage = fb::StorageKind::Input;
        slot = *buffer.getIndex();
        break;
      case exec::StorageKind::Output:
        storage = fb::StorageKind::Output;
        slot = *buffer.getIndex();
        break;
      }
      bufferIndex[buffer.getResult()] = buffers.size();
      buffers.push_back(fb::CreateBuffer(b, storage, slot, offset,
                                         tensorType(b, buffer.getType())));
    } else if (auto dispatch = dyn_cast<exec::DispatchOp>(op)) {
      SymbolRefAttr kernel = dispatch.getKernel();
      unsigned exe = executableIndex.lookup(kernel.getRootReference());
      const ExecutableBinary &binary =
          binaries.find(kernel.getRootReference())->second;
      StringRef name = kernel.getLeafReference();
      unsigned kernelIndex =
          std::find(binary.kernelNames.begin(), binary.kernelNames.end(),
                    name.str()) -
          binary.kernelNames.begin();
      std::vector<uint32_t> args;
      for (Value arg : dispatch.getArgs())
        args.push_back(index(arg));
      entry(fb::Command::Dispatch,
            fb::CreateDispatchDirect(b, exe, kernelIndex, &args).Union());
    } else if (auto matmul = dyn_cast<exec::MatmulOp>(op)) {
      entry(fb::Command::MatMulCall,
            fb::CreateMatMulCall(b, index(matmul.getLhs()),
                                 index(matmul.getRhs()), index(matmul.getOut()),
                                 matmul.getTransposeLhs(),
                                 matmul.getTransposeRhs(),
                                 optionalIndex(matmul.getBias()),
                                 optionalIndex(matmul.getResidual()),
                                 activation(matmul.getActivation()))
                .Union());
    } else if (auto conv = dyn_cast<exec::Conv2dOp>(op)) {
      entry(fb::Command::Conv2dCall,
            fb::CreateConv2dCall(
                b, index(conv.getInput()), index(conv.getWeight()),
                optionalIndex(conv.getBias()), optionalIndex(conv.getResidual()),
                index(conv.getOut()), vec(conv.getStrides()),
                vec(conv.getPadding()), vec(conv.getDilations()),
                conv.getGroups(), activation(conv.getActivation()))
                .Union());
    } else if (auto pool = dyn_cast<exec::Pool2dOp>(op)) {
      entry(fb::Command::Pool2dCall,
            fb::CreatePool2dCall(
                b,
                pool.getKind() == exec::PoolKind::Max ? fb::PoolKind::Max
                                                      : fb::PoolKind::Average,
                index(pool.getInput()), index(pool.getOut()),
                vec(pool.getKernel()), vec(pool.getStrides()),
                vec(pool.getPadding()), vec(pool.getDilations()),
                pool.getCountIncludePad())
                .Union());
    } else if (auto reduce = dyn_cast<exec::AllReduceOp>(op)) {
      std::vector<uint32_t> members = ranks(reduce.getRanks());
      entry(fb::Command::AllReduce,
            fb::CreateAllReduceDirect(b, index(reduce.getInput()),
                                      index(reduce.getOut()), &members,
                                      reduceOp(reduce.getKind()))
                .Union());
    } else if (auto gather = dyn_cast<exec::AllGatherOp>(op)) {
      std::vector<uint32_t> members = ranks(gather.getRanks());
      entry(fb::Command::AllGather,
            fb::CreateAllGatherDirect(b, index(gather.getInput()),
                                      index(gather.getOut()), &members)
                .Union());
    } else if (auto scatter = dyn_cast<exec::ReduceScatterOp>(op)) {
      std::vector<uint32_t> members = ranks(scatter.getRanks());
      entry(fb::Command::ReduceScatter,
            fb::CreateReduceScatterDirect(b, index(scatter.getInput()),
                                          index(scatter.getOut()), &members,
                                          reduceOp(scatter.getKind()))
                .Union());
    } else if (auto toAll = dyn_cast<exec::AllToAllOp>(op)) {
      std::vector<uint32_t> members = ranks(toAll.getRanks());
      entry(fb::Command::AllToAll,
            fb::CreateAllToAllDirect(b, index(toAll.getInput()),
                                     index(toAll.getOut()), &members)
                .Union());
    } else if (auto permute = dyn_cast<exec::CollectivePermuteOp>(op)) {
      entry(fb::Command::CollectivePermute,
            fb::CreateCollectivePermute(
                b, index(permute.getInput()), index(permute.getOut()),
                int32_t(permute.getSendToAttr().getInt()),
                int32_t(permute.getRecvFromAttr().getInt()))
                .Union());
    } else if (auto send = dyn_cast<exec::SendOp>(op)) {
      entry(fb::Command::Send,
            fb::CreateSend(b, index(send.getInput()),
                           uint32_t(send.getPeerAttr().getInt()))
                .Union());
    } else if (auto recv = dyn_cast<exec::RecvOp>(op)) {
      entry(fb::Command::Recv,
            fb::CreateRecv(b, index(recv.getOut()),
                           uint32_t(recv.getPeerAttr().getInt()))
                .Union());
    } else if (auto copy = dyn_cast<exec::CopyOp>(op)) {
      entry(fb::Command::Copy,
            fb::CreateCopy(b, index(copy.getSource()), index(copy.getTarget()))
                .Union());
    }
  }
  return fb::CreateRankProgramDirect(b, program.getRank(),
                                     program.getArenaSize(), &buffers,
                                     &commands);
}

std::string Writer::buildFlatBuffer(ArrayRef<fb::Segment> segments) {
  flatbuffers::FlatBufferBuilder b(1 << 16);
  b.ForceDefaults(false);

  auto signatures = [&](TypeRange types, bool inputs) {
    std::vector<flatbuffers::Offset<fb::TensorSignature>> list;
    for (auto [i, type] : llvm::enumerate(types)) {
      auto name = inputs ? signature.getArgAttrOfType<StringAttr>(
                               i, "tessera.name")
                         : signature.getResultAttrOfType<StringAttr>(
                               i, "tessera.name");
      std::string text = name ? name.str()
                              : (inputs ? "input_" : "output_") +
                                    std::to_string(i);
      list.push_back(fb::CreateTensorSignatureDirect(
          b, text.c_str(), tensorType(b, cast<ShapedType>(type))));
    }
    return list;
  };
  auto inputs = signatures(signature.getArgumentTypes(), true);
  auto outputs = signatures(signature.getResultTypes(), false);

  std::vector<flatbuffers::Offset<fb::MeshAxis>> axes;
  if (auto meshAttr = module->getAttrOfType<dist::MeshAttr>(
          dist::DistDialect::kMeshAttrName))
    for (auto [name, size] :
         llvm::zip_equal(meshAttr.getAxes(), meshAttr.getSizes()))
      axes.push_back(
          fb::CreateMeshAxisDirect(b, name.str().c_str(), uint32_t(size)));
  auto mesh = fb::CreateMeshDirect(b, &axes);

  std::vector<flatbuffers::Offset<fb::Executable>> exes;
  for (auto [i, executable] : llvm::enumerate(executables)) {
    const ExecutableBinary &binary =
        binaries.find(executable.getSymName())->second;
    fb::ExecutableFormat format = fb::ExecutableFormat::CpuSharedObject;
    if (executable.getFormat() == "cuda_ptx")
      format = fb::ExecutableFormat::CudaPtx;
    else if (executable.getFormat() == "cuda_cubin")
      format = fb::ExecutableFormat::CudaCubin;
    bool cuda = format != fb::ExecutableFormat::CpuSharedObject;
    std::vector<flatbuffers::Offset<fb::Kernel>> kernels;
    for (auto [k, name, args] :
         llvm::enumerate(binary.kernelNames, binary.kernelArgCounts)) {
      // CPU kernels have no launches (and no launches field).
      if (!cuda) {
        kernels.push_back(fb::CreateKernelDirect(b, name.c_str(), args));
        continue;
      }
      std::vector<flatbuffers::Offset<fb::Launch>> launches;
      if (k < binary.kernelLaunches.size())
        for (const KernelLaunch &launch : binary.kernelLaunches[k]) {
          std::vector<uint32_t> grid(launch.grid.begin(), launch.grid.end());
          std::vector<uint32_t> block(launch.block.begin(), launch.block.end());
          launches.push_back(fb::CreateLaunchDirect(
              b, launch.function.c_str(), &grid, &block, launch.sharedMemory));
        }
      kernels.push_back(
          fb::CreateKernelDirect(b, name.c_str(), args, &launches));
    }
    std::vector<flatbuffers::Offset<fb::CudaBinary>> cubins;
    for (const auto &[arch, segment] :
         cubinSegments.lookup(executable.getSymName()))
      cubins.push_back(fb::CreateCudaBinaryDirect(b, arch.c_str(), segment));
    exes.push_back(fb::CreateExecutableDirect(
        b, format, executable.getTarget().str().c_str(), i, &kernels,
        cuda ? &cubins : nullptr));
  }

  std::vector<flatbuffers::Offset<fb::RankProgram>> ranks;
  for (exec::ProgramOp program : programs)
    ranks.push_back(buildProgram(b, program));

  std::vector<fb::Segment> segmentList(segments.begin(), segments.end());
  auto model = fb::CreateModelDirect(
      b, ::tessera::artifact::kSchemaVersion, metadata.compilerVersion.c_str(),
      metadata.compileOptions.c_str(), mesh, &inputs, &outputs, &segmentList,
      &exes, &ranks);
  fb::FinishSizePrefixedModelBuffer(b, model);
  return std::string(reinterpret_cast<const char *>(b.GetBufferPointer()),
                     b.GetSize());
}

LogicalResult Writer::write(StringRef path) {
  // The FlatBuffer's size does not depend on the segment offsets (fixed-size
  // structs), so a first build with zeros tells where the segments start.
  std::vector<fb::Segment> segments;
  for (const std::string &data : segmentData)
    segments.emplace_back(0, data.size(),
                          ::tessera::runtime::xxh64(data.data(), data.size()));
  std::string header = buildFlatBuffer(segments);
  uint64_t offset = alignUp(header.size());
  for (auto [segment, data] : llvm::zip_equal(segments, segmentData)) {
    segment = fb::Segment(offset, data.size(), segment.checksum());
    offset = alignUp(offset + data.size());
  }
  std::string final = buildFlatBuffer(segments);
  if (final.size() != header.size())
    return module.emitError("the artifact header changed size between builds");

  std::string error;
  std::unique_ptr<llvm::ToolOutputFile> output = openOutputFile(path, &error);
  if (!output)
    return emitError(module.getLoc(), error);
  llvm::raw_fd_ostream &os = output->os();
  uint64_t written = 0;
  auto pad = [&](uint64_t to) {
    for (; written < to; ++written)
      os << '\0';
  };
  os << final;
  written = final.size();
  for (auto [segment, data] : llvm::zip_equal(segments, segmentData)) {
    pad(segment.offset());
    os << data;
    written += data.size();
  }
  if (os.has_error()) {
    std::string reason = os.error().message();
    // A pending stream error would abort in raw_fd_ostream's destructor.
    os.clear_error();
    return emitError(module.getLoc(), "writing ")
           << path << " failed: " << reason;
  }
  output->keep();
  return success();
}

} // namespace

LogicalResult
mlir::tessera::writeArtifact(ModuleOp module,
                             const llvm::StringMap<ExecutableBinary> &binaries,
                             const ArtifactMetadata &metadata, StringRef path) {
  Writer writer(module, binaries, metadata);
  if (failed(writer.collect()))
    return failure();
  return writer.write(path);
}
