//===- ArtifactBuilder.cpp - Hand-built artifacts for tests ---------------===//
//
// Part of Tessera (tests only).
//
//===----------------------------------------------------------------------===//

#include "ArtifactBuilder.h"

#include "runtime/base/Hash.h"
#include "runtime/schemas/SchemaVersion.h"
#include "runtime/schemas/tessera_artifact_generated.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace tessera::test {
namespace fb = ::tessera::artifact;
using flatbuffers::FlatBufferBuilder;
using flatbuffers::Offset;

ArtifactBuilder::ArtifactBuilder() : schemaVersion(artifact::kSchemaVersion) {}

uint32_t ArtifactBuilder::addFloatSegment(const std::vector<float> &values) {
  std::vector<uint8_t> bytes(values.size() * sizeof(float));
  if (!bytes.empty())
    std::memcpy(bytes.data(), values.data(), bytes.size());
  return addSegment(std::move(bytes));
}

uint32_t
ArtifactBuilder::addCudaExecutable(const std::string &ptx,
                                   const std::string &arch,
                                   std::vector<KernelSpec> kernels,
                                   const std::vector<std::string> &cubinArchs) {
  ExecutableSpec spec;
  spec.format = 1; // CudaPtx
  spec.target = arch;
  spec.segment = addSegment(std::vector<uint8_t>(ptx.begin(), ptx.end()));
  spec.kernels = std::move(kernels);
  for (const std::string &cubinArch : cubinArchs) {
    std::string fake = "\x7f"
                       "ELF fake cubin for " +
                       cubinArch;
    spec.cubins.push_back({cubinArch, addSegment(std::vector<uint8_t>(
                                          fake.begin(), fake.end()))});
  }
  return addExecutable(std::move(spec));
}

RankSpec &ArtifactBuilder::rank(uint32_t r) {
  for (RankSpec &spec : ranks)
    if (spec.rank == r)
      return spec;
  ranks.push_back(RankSpec{});
  ranks.back().rank = r;
  return ranks.back();
}

namespace {

Offset<fb::TensorType> makeType(FlatBufferBuilder &b, const TypeSpec &type) {
  return fb::CreateTensorType(b, fb::DType(type.dtype),
                              b.CreateVector(type.shape));
}

Offset<flatbuffers::Vector<int64_t>>
optionalVector(FlatBufferBuilder &b,
               const std::optional<std::vector<int64_t>> &values) {
  return values ? b.CreateVector(*values) : 0;
}

Offset<fb::CommandEntry> makeCommand(FlatBufferBuilder &b,
                                     const CommandSpec &spec,
                                     PlaceSpec place) {
  int32_t microbatch = place.microbatch, stage = place.stage;
  if (const auto *d = std::get_if<DispatchSpec>(&spec)) {
    auto args = b.CreateVector(d->args);
    auto table = fb::CreateDispatch(b, d->executable, d->kernel, args);
    return fb::CreateCommandEntry(b, fb::Command::Dispatch, table.Union(),
                                  microbatch, stage);
  }
  if (const auto *m = std::get_if<MatMulSpec>(&spec)) {
    auto table = fb::CreateMatMulCall(
        b, m->lhs, m->rhs, m->result, m->transposeLhs, m->transposeRhs, m->bias,
        m->residual, fb::Activation(m->activation));
    return fb::CreateCommandEntry(b, fb::Command::MatMulCall, table.Union(),
                                  microbatch, stage);
  }
  if (const auto *c = std::get_if<Conv2dSpec>(&spec)) {
    auto strides = optionalVector(b, c->strides);
    auto padding = optionalVector(b, c->padding);
    auto dilations = optionalVector(b, c->dilations);
    auto table = fb::CreateConv2dCall(
        b, c->input, c->weight, c->bias, c->residual, c->result, strides,
        padding, dilations, c->groups, fb::Activation(c->activation));
    return fb::CreateCommandEntry(b, fb::Command::Conv2dCall, table.Union(),
                                  microbatch, stage);
  }
  if (const auto *p = std::get_if<Pool2dSpec>(&spec)) {
    auto kernel = optionalVector(b, p->kernel);
    auto strides = optionalVector(b, p->strides);
    auto padding = optionalVector(b, p->padding);
    auto dilations = optionalVector(b, p->dilations);
    auto table = fb::CreatePool2dCall(b, fb::PoolKind(p->kind), p->input,
                                      p->result, kernel, strides, padding,
                                      dilations, p->countIncludePad);
    return fb::CreateCommandEntry(b, fb::Command::Pool2dCall, table.Union(),
                                  microbatch, stage);
  }
  if (const auto *c = std::get_if<CopySpec>(&spec)) {
    auto table = fb::CreateCopy(b, c->source, c->target);
    return fb::CreateCommandEntry(b, fb::Command::Copy, table.Union(),
                                  microbatch, stage);
  }
  if (const auto *c = std::get_if<AllReduceSpec>(&spec)) {
    auto ranks = b.CreateVector(c->ranks);
    auto table =
        fb::CreateAllReduce(b, c->input, c->result, ranks, fb::ReduceOp(c->op));
    return fb::CreateCommandEntry(b, fb::Command::AllReduce, table.Union(),
                                  microbatch, stage);
  }
  if (const auto *c = std::get_if<AllGatherSpec>(&spec)) {
    auto ranks = b.CreateVector(c->ranks);
    auto table = fb::CreateAllGather(b, c->input, c->result, ranks);
    return fb::CreateCommandEntry(b, fb::Command::AllGather, table.Union(),
                                  microbatch, stage);
  }
  if (const auto *c = std::get_if<ReduceScatterSpec>(&spec)) {
    auto ranks = b.CreateVector(c->ranks);
    auto table = fb::CreateReduceScatter(b, c->input, c->result, ranks,
                                         fb::ReduceOp(c->op));
    return fb::CreateCommandEntry(b, fb::Command::ReduceScatter, table.Union(),
                                  microbatch, stage);
  }
  if (const auto *c = std::get_if<AllToAllSpec>(&spec)) {
    auto ranks = b.CreateVector(c->ranks);
    auto table = fb::CreateAllToAll(b, c->input, c->result, ranks);
    return fb::CreateCommandEntry(b, fb::Command::AllToAll, table.Union(),
                                  microbatch, stage);
  }
  if (const auto *c = std::get_if<PermuteSpec>(&spec)) {
    auto table = fb::CreateCollectivePermute(b, c->input, c->result, c->sendTo,
                                             c->recvFrom);
    return fb::CreateCommandEntry(b, fb::Command::CollectivePermute,
                                  table.Union(), microbatch, stage);
  }
  if (const auto *c = std::get_if<SendSpec>(&spec)) {
    auto table = fb::CreateSend(b, c->input, c->peer);
    return fb::CreateCommandEntry(b, fb::Command::Send, table.Union(),
                                  microbatch, stage);
  }
  if (const auto *c = std::get_if<RecvSpec>(&spec)) {
    auto table = fb::CreateRecv(b, c->result, c->peer);
    return fb::CreateCommandEntry(b, fb::Command::Recv, table.Union(),
                                  microbatch, stage);
  }
  const auto &raw = std::get<RawCommandSpec>(spec);
  return fb::CreateCommandEntry(b, fb::Command(raw.type), 0, microbatch, stage);
}

} // namespace

std::vector<uint8_t>
ArtifactBuilder::buildFlatBuffer(const std::vector<SegmentEntry> &table) const {
  FlatBufferBuilder b(1024);
  auto signatures =
      [&](const std::vector<std::pair<std::string, TypeSpec>> &list,
          const std::map<uint32_t, std::string> &shardings) {
        std::vector<Offset<fb::TensorSignature>> out;
        for (uint32_t i = 0; i < list.size(); ++i) {
          auto n = b.CreateString(list[i].first);
          auto t = makeType(b, list[i].second);
          auto found = shardings.find(i);
          Offset<flatbuffers::String> sharding =
              found == shardings.end() ? 0 : b.CreateString(found->second);
          out.push_back(fb::CreateTensorSignature(b, n, t, sharding));
        }
        return b.CreateVector(out);
      };
  auto inputsVector = signatures(inputs, inputShardings);
  auto outputsVector = signatures(outputs, outputShardings);

  std::vector<Offset<fb::MeshAxis>> axes;
  for (const auto &[name, size] : mesh)
    axes.push_back(fb::CreateMeshAxis(b, b.CreateString(name), size));
  auto meshTable = fb::CreateMesh(b, b.CreateVector(axes));

  std::vector<fb::Segment> segmentStructs;
  for (const SegmentEntry &entry : table)
    segmentStructs.emplace_back(entry.offset, entry.size, entry.checksum);
  auto segmentsVector = b.CreateVectorOfStructs(segmentStructs);

  std::vector<Offset<fb::Executable>> executableTables;
  for (const ExecutableSpec &e : executables) {
    std::vector<Offset<fb::Kernel>> kernels;
    for (const KernelSpec &k : e.kernels) {
      std::vector<Offset<fb::Launch>> launches;
      for (const LaunchSpec &l : k.launches) {
        auto function = b.CreateString(l.function);
        auto grid = l.grid ? b.CreateVector(*l.grid) : 0;
        auto block = l.block ? b.CreateVector(*l.block) : 0;
        launches.push_back(
            fb::CreateLaunch(b, function, grid, block, l.sharedMemory));
      }
      auto name = b.CreateString(k.name);
      auto launchesVector = launches.empty() ? 0 : b.CreateVector(launches);
      kernels.push_back(fb::CreateKernel(b, name, k.numArgs, launchesVector));
    }
    std::vector<Offset<fb::CudaBinary>> cubins;
    for (const CubinSpec &c : e.cubins)
      cubins.push_back(
          fb::CreateCudaBinary(b, b.CreateString(c.arch), c.segment));
    auto target = b.CreateString(e.target);
    auto kernelsVector = b.CreateVector(kernels);
    auto cubinsVector = cubins.empty() ? 0 : b.CreateVector(cubins);
    executableTables.push_back(
        fb::CreateExecutable(b, fb::ExecutableFormat(e.format), target,
                             e.segment, kernelsVector, cubinsVector));
  }
  auto executablesVector = b.CreateVector(executableTables);

  std::vector<Offset<fb::RankProgram>> rankTables;
  for (const RankSpec &r : ranks) {
    std::vector<Offset<fb::Buffer>> buffers;
    for (const Buf &buffer : r.buffers) {
      Offset<fb::TensorType> type = buffer.type ? makeType(b, *buffer.type) : 0;
      buffers.push_back(fb::CreateBuffer(b, fb::StorageKind(buffer.storage),
                                         buffer.index, buffer.offset, type));
    }
    std::vector<Offset<fb::CommandEntry>> commands;
    for (size_t i = 0; i < r.commands.size(); ++i)
      commands.push_back(
          makeCommand(b, r.commands[i],
                      i < r.places.size() ? r.places[i] : PlaceSpec()));
    auto buffersVector = b.CreateVector(buffers);
    auto commandsVector = b.CreateVector(commands);
    rankTables.push_back(fb::CreateRankProgram(b, r.rank, r.arenaSize,
                                               buffersVector, commandsVector));
  }
  auto ranksVector = b.CreateVector(rankTables);

  auto model = fb::CreateModel(
      b, schemaVersion, b.CreateString(compilerVersion),
      b.CreateString(compileOptions), meshTable, inputsVector, outputsVector,
      segmentsVector, executablesVector, ranksVector);
  fb::FinishSizePrefixedModelBuffer(b, model);
  return std::vector<uint8_t>(b.GetBufferPointer(),
                              b.GetBufferPointer() + b.GetSize());
}

std::vector<uint8_t> ArtifactBuilder::build() const {
  // The segment table has a fixed size whatever its values, so a first
  // build tells where the segments can start.
  std::vector<SegmentEntry> table(segments.size());
  uint64_t flatbufferSize = buildFlatBuffer(table).size();
  uint64_t offset = (flatbufferSize + 63) / 64 * 64 + extraGap;
  offset = (offset + 63) / 64 * 64;
  for (size_t i = 0; i < segments.size(); ++i) {
    table[i].offset = offset;
    table[i].size = segments[i].size();
    table[i].checksum = runtime::xxh64(segments[i].data(), segments[i].size());
    offset = (offset + segments[i].size() + 63) / 64 * 64;
  }
  std::vector<SegmentEntry> laidOut = table;
  if (adjustSegments)
    adjustSegments(table);
  std::vector<uint8_t> file = buildFlatBuffer(table);
  // Segments go where the original layout put them; a test that moved an
  // entry made the table lie about them.
  uint64_t end = file.size();
  for (const SegmentEntry &entry : laidOut)
    end = std::max(end, entry.offset + entry.size);
  file.resize(end, 0);
  for (size_t i = 0; i < segments.size(); ++i)
    if (!segments[i].empty())
      std::memcpy(file.data() + laidOut[i].offset, segments[i].data(),
                  segments[i].size());
  if (adjustFile)
    adjustFile(file);
  return file;
}

runtime::Status ArtifactBuilder::writeTo(const std::string &path) const {
  std::vector<uint8_t> bytes = build();
  std::FILE *f = std::fopen(path.c_str(), "wb");
  if (!f)
    return runtime::Status(runtime::StatusCode::kInvalidArgument,
                           "cannot write " + path);
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  ok = std::fclose(f) == 0 && ok;
  if (!ok)
    return runtime::Status(runtime::StatusCode::kInvalidArgument,
                           "cannot write " + path);
  return runtime::Status::ok();
}

ArtifactBuilder makeSmallModel() {
  ArtifactBuilder b;
  b.compileOptions = "--target=cpu";
  uint32_t x = b.addInput("x", TypeSpec(DType::F32, {2, 4}));
  uint32_t y = b.addOutput("y", TypeSpec(DType::F32, {2, 3}));
  uint32_t z = b.addOutput("z", TypeSpec(DType::F32, {1, 1, 1, 3}));
  std::vector<float> weights, bias = {0.5f, -1.f, 0.25f};
  for (int i = 0; i < 12; ++i)
    weights.push_back(float(i % 5) - 2.f);
  uint32_t wSeg = b.addFloatSegment(weights);
  uint32_t bSeg = b.addFloatSegment(bias);

  RankSpec &r = b.rank(0);
  r.arenaSize = 128;
  uint32_t xb = r.addBuffer(Buf::input(x, TypeSpec(DType::F32, {2, 4})));
  uint32_t wb =
      r.addBuffer(Buf::constant(wSeg, 0, TypeSpec(DType::F32, {4, 3})));
  uint32_t bb = r.addBuffer(Buf::constant(bSeg, 0, TypeSpec(DType::F32, {3})));
  uint32_t t = r.addBuffer(Buf::arena(0, TypeSpec(DType::F32, {2, 3})));
  uint32_t yb = r.addBuffer(Buf::output(y, TypeSpec(DType::F32, {2, 3})));
  uint32_t t4 = r.addBuffer(Buf::arena(0, TypeSpec(DType::F32, {1, 1, 2, 3})));
  uint32_t zb = r.addBuffer(Buf::output(z, TypeSpec(DType::F32, {1, 1, 1, 3})));
  MatMulSpec mm;
  mm.lhs = xb;
  mm.rhs = wb;
  mm.result = t;
  mm.bias = int32_t(bb);
  mm.activation = 1; // relu
  r.add(mm);
  r.add(CopySpec{t, yb});
  Pool2dSpec pool;
  pool.input = t4;
  pool.result = zb;
  pool.kernel = std::vector<int64_t>{2, 1};
  r.add(pool);
  return b;
}

} // namespace tessera::test

namespace tessera::test {

const char *const kScale2Ptx = R"(//
// scale2: out[i] = 2 * in[i] for i < 6 (hand-written for the runtime's tests)
//
.version 7.0
.target sm_75
.address_size 64

.visible .entry scale2(
    .param .u64 scale2_param_0,
    .param .u64 scale2_param_1
)
{
    .reg .pred %p<2>;
    .reg .b32 %r<2>;
    .reg .f32 %f<3>;
    .reg .b64 %rd<8>;

    ld.param.u64 %rd1, [scale2_param_0];
    ld.param.u64 %rd2, [scale2_param_1];
    cvta.to.global.u64 %rd3, %rd1;
    cvta.to.global.u64 %rd4, %rd2;
    mov.u32 %r1, %tid.x;
    setp.ge.u32 %p1, %r1, 6;
    @%p1 bra DONE;
    mul.wide.u32 %rd5, %r1, 4;
    add.s64 %rd6, %rd3, %rd5;
    ld.global.f32 %f1, [%rd6];
    add.f32 %f2, %f1, %f1;
    add.s64 %rd7, %rd4, %rd5;
    st.global.f32 [%rd7], %f2;
DONE:
    ret;
}
)";

ArtifactBuilder makeCudaModel(bool fakeCubins) {
  ArtifactBuilder b;
  b.compileOptions = "--target=cuda:sm_80,sm_90 (hand-built)";
  uint32_t x = b.addInput("x", TypeSpec(DType::F32, {2, 4}));
  uint32_t y2 = b.addOutput("y2", TypeSpec(DType::F32, {2, 3}));
  uint32_t z = b.addOutput("z", TypeSpec(DType::F32, {2, 3}));
  std::vector<float> weights, bias = {0.5f, -1.f, 0.25f};
  for (int i = 0; i < 12; ++i)
    weights.push_back(float(i % 5) - 2.f);
  uint32_t wSeg = b.addFloatSegment(weights);
  uint32_t bSeg = b.addFloatSegment(bias);
  LaunchSpec launch;
  launch.function = "scale2";
  launch.block = std::vector<uint32_t>{6, 1, 1};
  uint32_t exe = b.addCudaExecutable(
      kScale2Ptx, "sm_80", {KernelSpec{"scale2", 2, {launch}}},
      fakeCubins ? std::vector<std::string>{"sm_80", "sm_90"}
                 : std::vector<std::string>{});

  RankSpec &r = b.rank(0);
  r.arenaSize = 64;
  uint32_t xb = r.addBuffer(Buf::input(x, TypeSpec(DType::F32, {2, 4})));
  uint32_t wb =
      r.addBuffer(Buf::constant(wSeg, 0, TypeSpec(DType::F32, {4, 3})));
  uint32_t bb = r.addBuffer(Buf::constant(bSeg, 0, TypeSpec(DType::F32, {3})));
  uint32_t t = r.addBuffer(Buf::arena(0, TypeSpec(DType::F32, {2, 3})));
  uint32_t y2b = r.addBuffer(Buf::output(y2, TypeSpec(DType::F32, {2, 3})));
  uint32_t zb = r.addBuffer(Buf::output(z, TypeSpec(DType::F32, {2, 3})));
  MatMulSpec mm;
  mm.lhs = xb;
  mm.rhs = wb;
  mm.result = t;
  mm.bias = int32_t(bb);
  mm.activation = 1; // relu
  r.add(mm);
  r.add(DispatchSpec{exe, 0, {t, y2b}});
  r.add(CopySpec{t, zb});
  return b;
}

ArtifactBuilder makeCollectiveModel() {
  ArtifactBuilder b = makeMesh({{"dp", 2}, {"tp", 2}}, 1024);
  b.compileOptions = "--target=cpu --mesh=dp:2,tp:2 (hand-built collectives)";
  uint32_t x = b.addInput("x", TypeSpec(DType::F32, {4, 8}));
  uint32_t y = b.addOutput("y", TypeSpec(DType::F32, {16}));
  uint32_t z = b.addOutput("z", TypeSpec(DType::F32, {4}));
  b.inputShardings[x] = "[{\"dp\", \"tp\"}, {}]";
  for (uint32_t r = 0; r < 4; ++r) {
    RankSpec &rank = b.rank(r);
    uint32_t dp = r / 2, tp = r % 2;
    uint32_t xr =
        rank.addBuffer(Buf::input(x, TypeSpec(DType::F32, {8}), 32 * r));
    uint32_t a = rank.addBuffer(Buf::arena(0, TypeSpec(DType::F32, {8})));
    uint32_t g = rank.addBuffer(Buf::arena(64, TypeSpec(DType::F32, {16})));
    uint32_t sb = rank.addBuffer(Buf::arena(192, TypeSpec(DType::F32, {4})));
    uint32_t t = rank.addBuffer(Buf::arena(256, TypeSpec(DType::F32, {4})));
    uint32_t p = rank.addBuffer(Buf::arena(320, TypeSpec(DType::F32, {4})));
    uint32_t yb =
        rank.addBuffer(r == 0 ? Buf::output(y, TypeSpec(DType::F32, {16}))
                              : Buf::arena(384, TypeSpec(DType::F32, {16})));
    rank.add(AllReduceSpec{xr, a, {2 * dp, 2 * dp + 1}, 0});
    rank.add(AllGatherSpec{a, g, {tp, 2 + tp}});
    rank.add(ReduceScatterSpec{g, sb, {0, 1, 2, 3}, 1});
    rank.add(AllToAllSpec{sb, t, {3, 2, 1, 0}});
    rank.add(PermuteSpec{t, p, int32_t((r + 1) % 4), int32_t((r + 3) % 4)});
    if (r == 3)
      rank.add(SendSpec{sb, 0});
    if (r == 0) {
      uint32_t zb = rank.addBuffer(Buf::output(z, TypeSpec(DType::F32, {4})));
      rank.add(RecvSpec{zb, 3});
    }
    rank.add(AllGatherSpec{p, yb, {0, 1, 2, 3}});
  }
  return b;
}

std::pair<std::vector<float>, std::vector<float>>
collectiveModelReference(const std::vector<float> &x) {
  using Row = std::vector<float>;
  std::vector<Row> a(4, Row(8)), g(4, Row(16)), s(4, Row(4)), t(4, Row(4)),
      p(4, Row(4));
  for (uint32_t r = 0; r < 4; ++r)
    for (int i = 0; i < 8; ++i)
      a[r][i] = x[(r / 2 * 2) * 8 + i] + x[(r / 2 * 2 + 1) * 8 + i];
  for (uint32_t r = 0; r < 4; ++r)
    for (uint32_t j = 0; j < 2; ++j) // members tp, 2 + tp
      for (int i = 0; i < 8; ++i)
        g[r][j * 8 + i] = a[r % 2 + 2 * j][i];
  for (uint32_t r = 0; r < 4; ++r)
    for (int i = 0; i < 4; ++i) {
      float m = g[0][r * 4 + i];
      for (uint32_t k = 1; k < 4; ++k)
        m = std::max(m, g[k][r * 4 + i]);
      s[r][i] = m;
    }
  // Over [3,2,1,0]: member j is rank 3 - j, rank r is member 3 - r.
  for (uint32_t r = 0; r < 4; ++r)
    for (uint32_t i = 0; i < 4; ++i)
      t[r][i] = s[3 - i][3 - r];
  for (uint32_t r = 0; r < 4; ++r)
    p[r] = t[(r + 3) % 4];
  Row y;
  for (uint32_t r = 0; r < 4; ++r)
    y.insert(y.end(), p[r].begin(), p[r].end());
  return {y, s[3]};
}

ArtifactBuilder makeSkippedCollectiveModel() {
  ArtifactBuilder b = makeMesh({{"dp", 2}}, 64);
  uint32_t x = b.addInput("x", TypeSpec(DType::F32, {2}));
  uint32_t y = b.addOutput("y", TypeSpec(DType::F32, {2}));
  RankSpec &rank = b.rank(0);
  uint32_t xb = rank.addBuffer(Buf::input(x, TypeSpec(DType::F32, {2})));
  uint32_t yb = rank.addBuffer(Buf::output(y, TypeSpec(DType::F32, {2})));
  rank.add(AllReduceSpec{xb, yb, {0, 1}, 0});
  return b;
}

ArtifactBuilder makeMesh(std::vector<std::pair<std::string, uint32_t>> axes,
                         uint64_t arena) {
  ArtifactBuilder b;
  b.compileOptions = "--target=cpu (hand-built mesh)";
  uint32_t ranks = 1;
  for (const auto &axis : axes)
    ranks *= axis.second;
  b.mesh = std::move(axes);
  for (uint32_t r = 0; r < ranks; ++r)
    b.rank(r).arenaSize = arena;
  return b;
}

} // namespace tessera::test
