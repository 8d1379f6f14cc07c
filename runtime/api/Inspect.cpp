//===- Inspect.cpp - Describing an artifact -------------------------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "runtime/api/Inspect.h"

#include "runtime/base/Strings.h"

#include <cstdio>
#include <map>

namespace tessera::runtime {
namespace {

std::string hex64(uint64_t value) {
  char text[24];
  std::snprintf(text, sizeof(text), "0x%016llx",
                static_cast<unsigned long long>(value));
  return text;
}

/// Counts in a fixed order, so output is stable.
struct Counts {
  std::vector<std::pair<std::string, uint64_t>> entries;
  void add(const std::string &key) {
    for (auto &entry : entries)
      if (entry.first == key) {
        ++entry.second;
        return;
      }
    entries.emplace_back(key, 1);
  }
};

Counts bufferCounts(const RankProgram &rank) {
  Counts counts;
  for (const char *kind : {"Arena", "Constant", "Input", "Output"})
    for (const BufferInfo &buffer : rank.buffers)
      if (std::string(storageKindName(buffer.storage)) == kind)
        counts.add(kind);
  return counts;
}

Counts commandCounts(const RankProgram &rank) {
  Counts counts;
  for (const char *kind : commandKindNames())
    for (const Command &command : rank.commands)
      if (std::string(commandKindName(command)) == kind)
        counts.add(kind);
  return counts;
}

std::string countsText(const Counts &counts) {
  std::string out;
  for (const auto &[key, count] : counts.entries)
    out += (out.empty() ? "" : ", ") + key + " " + std::to_string(count);
  return out;
}

std::string countsJson(const Counts &counts) {
  std::string out = "{";
  for (const auto &[key, count] : counts.entries)
    out += (out.size() > 1 ? ", " : "") + jsonString(key) + ": " +
           std::to_string(count);
  return out + "}";
}

uint64_t segmentBytes(const ModelInfo &info) {
  uint64_t total = 0;
  for (const SegmentInfo &segment : info.segments)
    total += segment.size;
  return total;
}

std::string shapeJson(const std::vector<int64_t> &shape) {
  std::string out = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    out += (i ? ", " : "") + std::to_string(shape[i]);
  return out + "]";
}

std::string signaturesJson(const std::vector<TensorSignature> &list) {
  std::string out = "[";
  for (size_t i = 0; i < list.size(); ++i)
    out += std::string(i ? ", " : "") + "{\"name\": " + jsonString(list[i].name) +
           ", \"dtype\": " + jsonString(dtypeName(list[i].type.dtype)) +
           ", \"shape\": " + shapeJson(list[i].type.shape) +
           (list[i].sharding.empty()
                ? std::string()
                : ", \"sharding\": " + jsonString(list[i].sharding)) +
           "}";
  return out + "]";
}

/// "[4,1,1]"
std::string dimsText(const std::array<uint32_t, 3> &dims) {
  return "[" + std::to_string(dims[0]) + "," + std::to_string(dims[1]) + "," +
         std::to_string(dims[2]) + "]";
}

/// "[4, 1, 1]"
std::string dimsJson(const std::array<uint32_t, 3> &dims) {
  return "[" + std::to_string(dims[0]) + ", " + std::to_string(dims[1]) +
         ", " + std::to_string(dims[2]) + "]";
}

} // namespace

std::string describeArtifact(const Artifact &artifact) {
  const ModelInfo &info = artifact.info();
  std::string out;
  out += "artifact: " + artifact.name() + " (" +
         formatBytes(artifact.fileSize()) + ")\n";
  out += "schema version: " + std::to_string(info.schemaVersion) + "\n";
  out += "compiler: " +
         (info.compilerVersion.empty() ? "(unknown)" : info.compilerVersion) +
         "\n";
  out += "options: " +
         (info.compileOptions.empty() ? "(none)" : info.compileOptions) + "\n";
  out += "mesh: " + info.meshString() + " (" +
         std::to_string(info.numRanks()) +
         (info.numRanks() == 1 ? " rank)\n" : " ranks)\n");
  auto signatures = [&](const char *title,
                        const std::vector<TensorSignature> &list) {
    out += std::string(title) + ":";
    if (list.empty())
      out += " none";
    out += "\n";
    for (size_t i = 0; i < list.size(); ++i)
      out += "  " + std::to_string(i) + " " + list[i].name + ": " +
             list[i].type.toString() +
             (list[i].sharding.empty() ? "" : " sharded " + list[i].sharding) +
             "\n";
  };
  signatures("inputs", info.inputs);
  signatures("outputs", info.outputs);
  for (const RankProgram &rank : info.ranks) {
    out += "rank " + std::to_string(rank.rank) + ": arena " +
           formatBytes(rank.arenaSize) + ", " +
           std::to_string(rank.buffers.size()) + " buffers";
    Counts buffers = bufferCounts(rank);
    if (!buffers.entries.empty())
      out += " (" + countsText(buffers) + ")";
    out += ", " + std::to_string(rank.commands.size()) + " commands";
    Counts commands = commandCounts(rank);
    if (!commands.entries.empty())
      out += " (" + countsText(commands) + ")";
    out += "\n";
  }
  out += "executables: " + std::to_string(info.executables.size()) + "\n";
  for (size_t i = 0; i < info.executables.size(); ++i) {
    const ExecutableInfo &executable = info.executables[i];
    out += "  " + std::to_string(i) + ": " +
           executableFormatName(executable.format) + " " +
           (executable.target.empty() ? "(no target)" : executable.target) +
           ", segment " + std::to_string(executable.segment) + " (" +
           formatBytes(info.segments[executable.segment].size) + "), " +
           std::to_string(executable.kernels.size()) +
           (executable.kernels.size() == 1 ? " kernel" : " kernels");
    for (size_t k = 0; k < executable.kernels.size(); ++k)
      out += std::string(k ? ", " : ": ") + executable.kernels[k].name + "(" +
             std::to_string(executable.kernels[k].numArgs) + ")";
    out += "\n";
    // CUDA: the cubins' architectures, then each kernel's launches.
    if (!executable.cubins.empty()) {
      out += "    cubins";
      for (size_t c = 0; c < executable.cubins.size(); ++c) {
        const CudaBinaryInfo &cubin = executable.cubins[c];
        out += std::string(c ? ", " : " ") + cubin.arch + " (segment " +
               std::to_string(cubin.segment) + ", " +
               formatBytes(info.segments[cubin.segment].size) + ")";
      }
      out += "\n";
    }
    for (const KernelInfo &kernel : executable.kernels) {
      if (kernel.launches.empty())
        continue;
      out += "    " + kernel.name + "(" + std::to_string(kernel.numArgs) +
             "): " + std::to_string(kernel.launches.size()) +
             (kernel.launches.size() == 1 ? " launch" : " launches");
      for (size_t l = 0; l < kernel.launches.size(); ++l) {
        const KernelLaunch &launch = kernel.launches[l];
        out += std::string(l ? "; " : ": ") + launch.function + " grid " +
               dimsText(launch.grid) + " block " + dimsText(launch.block);
        if (launch.sharedMemory)
          out += " shared " + std::to_string(launch.sharedMemory) + " B";
      }
      out += "\n";
    }
  }
  out += "segments: " + std::to_string(info.segments.size()) + ", " +
         formatBytes(segmentBytes(info)) + "\n";
  for (size_t i = 0; i < info.segments.size(); ++i) {
    const SegmentInfo &segment = info.segments[i];
    out += "  " + std::to_string(i) + ": offset " +
           std::to_string(segment.offset) + ", " +
           formatBytes(segment.size) + ", xxh64 " + hex64(segment.checksum) +
           "\n";
  }
  return out;
}

std::string describeArtifactJson(const Artifact &artifact) {
  const ModelInfo &info = artifact.info();
  std::string out = "{\n";
  out += "  \"artifact\": " + jsonString(artifact.name()) + ",\n";
  out += "  \"file_bytes\": " + std::to_string(artifact.fileSize()) + ",\n";
  out += "  \"schema_version\": " + std::to_string(info.schemaVersion) + ",\n";
  out += "  \"compiler_version\": " + jsonString(info.compilerVersion) + ",\n";
  out += "  \"compile_options\": " + jsonString(info.compileOptions) + ",\n";
  out += "  \"mesh\": {\"axes\": [";
  for (size_t i = 0; i < info.mesh.size(); ++i)
    out += std::string(i ? ", " : "") + "{\"name\": " +
           jsonString(info.mesh[i].name) +
           ", \"size\": " + std::to_string(info.mesh[i].size) + "}";
  out += "], \"ranks\": " + std::to_string(info.numRanks()) + "},\n";
  out += "  \"inputs\": " + signaturesJson(info.inputs) + ",\n";
  out += "  \"outputs\": " + signaturesJson(info.outputs) + ",\n";
  out += "  \"ranks\": [";
  for (size_t r = 0; r < info.ranks.size(); ++r) {
    const RankProgram &rank = info.ranks[r];
    out += std::string(r ? ",\n    " : "\n    ") +
           "{\"rank\": " + std::to_string(rank.rank) +
           ", \"arena_bytes\": " + std::to_string(rank.arenaSize) +
           ", \"buffers\": " + std::to_string(rank.buffers.size()) +
           ", \"buffers_by_storage\": " + countsJson(bufferCounts(rank)) +
           ", \"commands\": " + std::to_string(rank.commands.size()) +
           ", \"commands_by_kind\": " + countsJson(commandCounts(rank)) + "}";
  }
  out += info.ranks.empty() ? "],\n" : "\n  ],\n";
  out += "  \"executables\": [";
  for (size_t i = 0; i < info.executables.size(); ++i) {
    const ExecutableInfo &executable = info.executables[i];
    out += std::string(i ? ",\n    " : "\n    ") +
           "{\"format\": " + jsonString(executableFormatName(executable.format)) +
           ", \"target\": " + jsonString(executable.target) +
           ", \"segment\": " + std::to_string(executable.segment) +
           ", \"bytes\": " +
           std::to_string(info.segments[executable.segment].size) +
           ", \"kernels\": [";
    for (size_t k = 0; k < executable.kernels.size(); ++k) {
      const KernelInfo &kernel = executable.kernels[k];
      out += std::string(k ? ", " : "") + "{\"name\": " +
             jsonString(kernel.name) +
             ", \"num_args\": " + std::to_string(kernel.numArgs);
      if (!kernel.launches.empty()) {
        out += ", \"launches\": [";
        for (size_t l = 0; l < kernel.launches.size(); ++l) {
          const KernelLaunch &launch = kernel.launches[l];
          out += std::string(l ? ", " : "") + "{\"function\": " +
                 jsonString(launch.function) +
                 ", \"grid\": " + dimsJson(launch.grid) +
                 ", \"block\": " + dimsJson(launch.block) +
                 ", \"shared_memory\": " +
                 std::to_string(launch.sharedMemory) + "}";
        }
        out += "]";
      }
      out += "}";
    }
    out += "]";
    if (!executable.cubins.empty()) {
      out += ", \"cubins\": [";
      for (size_t c = 0; c < executable.cubins.size(); ++c) {
        const CudaBinaryInfo &cubin = executable.cubins[c];
        out += std::string(c ? ", " : "") + "{\"arch\": " +
               jsonString(cubin.arch) +
               ", \"segment\": " + std::to_string(cubin.segment) +
               ", \"bytes\": " +
               std::to_string(info.segments[cubin.segment].size) + "}";
      }
      out += "]";
    }
    out += "}";
  }
  out += info.executables.empty() ? "],\n" : "\n  ],\n";
  out += "  \"segments\": {\"count\": " + std::to_string(info.segments.size()) +
         ", \"bytes\": " + std::to_string(segmentBytes(info)) + ", \"list\": [";
  for (size_t i = 0; i < info.segments.size(); ++i)
    out += std::string(i ? ", " : "") +
           "{\"offset\": " + std::to_string(info.segments[i].offset) +
           ", \"bytes\": " + std::to_string(info.segments[i].size) +
           ", \"xxh64\": " + jsonString(hex64(info.segments[i].checksum)) + "}";
  out += "]}\n}\n";
  return out;
}

} // namespace tessera::runtime
