//===- ArtifactLoaderTest.cpp - The loader rejects every corruption -------===//
//
// Part of Tessera. Each test builds a valid artifact with ArtifactBuilder,
// breaks one thing, and checks that loading fails with kInvalidArtifact and
// a message that names the offending field.
//
//===----------------------------------------------------------------------===//

#include "ArtifactBuilder.h"

#include "runtime/artifact/Artifact.h"
#include "runtime/base/Hash.h"
#include "runtime/schemas/SchemaVersion.h"
#include "runtime/schemas/tessera_artifact_generated.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

using namespace tessera::runtime;
using namespace tessera::test;
using ::testing::HasSubstr;

namespace {

StatusOr<std::unique_ptr<Artifact>> load(const std::vector<uint8_t> &bytes,
                                         bool checksums = true) {
  LoadOptions options;
  options.verifyChecksums = checksums;
  return Artifact::fromBytes(bytes.data(), bytes.size(), options, "m.tsr");
}

/// The message of a load that must fail with kInvalidArtifact.
std::string rejection(const ArtifactBuilder &builder) {
  StatusOr<std::unique_ptr<Artifact>> result = load(builder.build());
  EXPECT_FALSE(result.isOk());
  if (result.isOk())
    return "<loaded>";
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArtifact)
      << result.status().toString();
  EXPECT_THAT(result.status().message(), ::testing::StartsWith("m.tsr: "));
  return result.status().message();
}

std::string rejection(const std::vector<uint8_t> &bytes) {
  StatusOr<std::unique_ptr<Artifact>> result = load(bytes);
  EXPECT_FALSE(result.isOk());
  if (result.isOk())
    return "<loaded>";
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArtifact);
  return result.status().message();
}

TEST(ArtifactLoaderTest, LoadsAndDecodesAValidArtifact) {
  ArtifactBuilder builder = makeSmallModel();
  builder.mesh = {{"dp", 1}};
  auto artifact = load(builder.build());
  ASSERT_TRUE(artifact.isOk()) << artifact.status().toString();
  const ModelInfo &info = (*artifact)->info();
  EXPECT_EQ(info.schemaVersion, tessera::artifact::kSchemaVersion);
  EXPECT_EQ(info.compilerVersion, "tessera test builder");
  EXPECT_EQ(info.compileOptions, "--target=cpu");
  EXPECT_EQ(info.meshString(), "dp:1");
  ASSERT_EQ(info.inputs.size(), 1u);
  EXPECT_EQ(info.inputs[0].name, "x");
  EXPECT_EQ(info.inputs[0].type.toString(), "f32[2,4]");
  ASSERT_EQ(info.outputs.size(), 2u);
  EXPECT_EQ(info.outputs[1].type.toString(), "f32[1,1,1,3]");
  ASSERT_EQ(info.segments.size(), 2u);
  EXPECT_EQ(info.segments[0].offset % 64, 0u);
  EXPECT_GE(info.segments[0].offset, (*artifact)->flatbufferSize());
  EXPECT_EQ(info.segments[1].size, 12u);
  float bias[3];
  std::memcpy(bias, (*artifact)->segmentData(1), 12);
  EXPECT_EQ(bias[1], -1.f);
  ASSERT_EQ(info.ranks.size(), 1u);
  const RankProgram &rank = info.ranks[0];
  EXPECT_EQ(rank.arenaSize, 128u);
  EXPECT_EQ(rank.buffers.size(), 7u);
  ASSERT_EQ(rank.commands.size(), 3u);
  EXPECT_STREQ(commandKindName(rank.commands[0]), "MatMulCall");
  const auto &mm = std::get<MatMulCommand>(rank.commands[0]);
  EXPECT_EQ(mm.geometry.m, 2);
  EXPECT_EQ(mm.geometry.k, 4);
  EXPECT_EQ(mm.geometry.n, 3);
  EXPECT_EQ(mm.bias, 2);
  EXPECT_EQ(mm.activation, Activation::Relu);
  EXPECT_EQ(std::get<CopyCommand>(rank.commands[1]).bytes, 24u);
  const auto &pool = std::get<Pool2dCommand>(rank.commands[2]);
  EXPECT_EQ(pool.geometry.oh, 1);
  EXPECT_EQ(pool.geometry.ow, 3);
  EXPECT_EQ(rank.segmentsUsed, (std::vector<uint32_t>{0, 1}));
}

TEST(ArtifactLoaderTest, FileErrors) {
  auto missing = Artifact::open("/nonexistent/model.tsr");
  ASSERT_FALSE(missing.isOk());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(), HasSubstr("/nonexistent/model.tsr"));
  auto directory = Artifact::open("/tmp");
  ASSERT_FALSE(directory.isOk());
  EXPECT_THAT(directory.status().message(), HasSubstr("not a regular file"));
}

TEST(ArtifactLoaderTest, RejectsShortAndTruncatedFiles) {
  EXPECT_THAT(rejection(std::vector<uint8_t>{}), HasSubstr("0 bytes, too short"));
  EXPECT_THAT(rejection(std::vector<uint8_t>(11, 0)), HasSubstr("too short"));
  std::vector<uint8_t> good = makeSmallModel().build();
  uint32_t prefix;
  std::memcpy(&prefix, good.data(), 4);
  std::vector<uint8_t> cut(good.begin(), good.begin() + prefix);
  EXPECT_THAT(rejection(cut), HasSubstr("(the file is truncated)"));
  // Every truncation fails cleanly; ones inside the segments fail on their
  // bounds.
  for (size_t length = 0; length < good.size(); ++length) {
    std::vector<uint8_t> part(good.begin(), good.begin() + length);
    ASSERT_FALSE(load(part).isOk()) << length;
  }
  std::vector<uint8_t> lastByteMissing(good.begin(), good.end() - 1);
  EXPECT_THAT(rejection(lastByteMissing),
              HasSubstr("segment 1: offset "));
  EXPECT_THAT(rejection(lastByteMissing),
              HasSubstr(" + size 12 runs past the end of the file"));
}

TEST(ArtifactLoaderTest, RejectsWrongIdentifierAndVersion) {
  ArtifactBuilder builder = makeSmallModel();
  builder.adjustFile = [](std::vector<uint8_t> &file) {
    std::memcpy(file.data() + 8, "ONNX", 4);
  };
  EXPECT_THAT(rejection(builder),
              HasSubstr("the file identifier is 'ONNX', not 'TSRA': not a "
                        "Tessera artifact"));

  ArtifactBuilder version = makeSmallModel();
  version.schemaVersion = 2;
  EXPECT_THAT(rejection(version),
              HasSubstr("schema version 2 is not supported: this runtime "
                        "reads version 3"));
  version.schemaVersion = 4;
  EXPECT_THAT(rejection(version),
              HasSubstr("schema version 4 is not supported: this runtime "
                        "reads version 3"));

  ArtifactBuilder prefix = makeSmallModel();
  prefix.adjustFile = [](std::vector<uint8_t> &file) {
    uint32_t huge = 0xfffffff0;
    std::memcpy(file.data(), &huge, 4);
  };
  EXPECT_THAT(rejection(prefix), HasSubstr("the size prefix says"));
  prefix.adjustFile = [](std::vector<uint8_t> &file) {
    uint32_t tiny = 4;
    std::memcpy(file.data(), &tiny, 4);
  };
  EXPECT_THAT(rejection(prefix), HasSubstr("too small for a FlatBuffer"));
}

TEST(ArtifactLoaderTest, FlatBuffersVerifierCatchesBrokenOffsets) {
  ArtifactBuilder builder = makeSmallModel();
  builder.adjustFile = [](std::vector<uint8_t> &file) {
    // The root offset points past the buffer.
    uint32_t root = 0x7ffffff0;
    std::memcpy(file.data() + 4, &root, 4);
  };
  EXPECT_THAT(rejection(builder), HasSubstr("rejected by the FlatBuffers verifier"));
}

TEST(ArtifactLoaderTest, ByteFlipsNeverCrash) {
  std::vector<uint8_t> good = makeSmallModel().build();
  uint32_t prefix;
  std::memcpy(&prefix, good.data(), 4);
  // Every byte of the FlatBuffer, with a few values each.
  for (size_t i = 0; i < prefix + 4; ++i) {
    for (uint8_t value : {uint8_t(0x00), uint8_t(0xff), uint8_t(0x7f),
                          uint8_t(good[i] ^ 0x01), uint8_t(good[i] + 64)}) {
      std::vector<uint8_t> bad = good;
      bad[i] = value;
      auto result = load(bad);
      if (!result.isOk())
        EXPECT_EQ(result.status().code(), StatusCode::kInvalidArtifact);
    }
  }
}

TEST(ArtifactLoaderTest, RejectsMisalignedVectors) {
  // The FlatBuffers verifier checks vectors for 4-byte alignment only; a
  // [long] shape written 4-byte aligned (the fuzzer's first finding) must
  // be refused, not read misaligned. One of the two paddings misaligns it.
  namespace fb = tessera::artifact;
  int rejected = 0, loaded = 0;
  for (int pad = 0; pad < 2; ++pad) {
    flatbuffers::FlatBufferBuilder b;
    b.StartVector(4, sizeof(uint32_t));
    for (uint32_t word : {0u, 3u, 0u, 2u}) // int64 [2, 3], built backwards
      b.PushElement<uint32_t>(word);
    // The length field counts int64 elements.
    flatbuffers::Offset<flatbuffers::Vector<int64_t>> shape(b.EndVector(2));
    if (pad)
      b.PushElement<uint32_t>(0);
    auto type = fb::CreateTensorType(b, fb::DType::F32, shape);
    auto input = fb::CreateTensorSignature(b, b.CreateString("x"), type);
    auto inputs = b.CreateVector(std::vector<decltype(input)>{input});
    auto rank = fb::CreateRankProgram(b, 0, 0);
    auto ranks = b.CreateVector(std::vector<decltype(rank)>{rank});
    auto model = fb::CreateModel(b, tessera::artifact::kSchemaVersion, 0, 0, 0,
                                 inputs, 0, 0, 0, ranks);
    fb::FinishSizePrefixedModelBuffer(b, model);
    std::vector<uint8_t> bytes(b.GetBufferPointer(),
                               b.GetBufferPointer() + b.GetSize());
    auto result = load(bytes);
    if (result.isOk()) {
      ++loaded;
      EXPECT_EQ((*result)->info().inputs[0].type.toString(), "f32[2,3]");
    } else {
      ++rejected;
      EXPECT_THAT(result.status().message(),
                  HasSubstr("input 0 ('x'): the shape vector is misaligned"));
    }
  }
  EXPECT_EQ(rejected, 1);
  EXPECT_EQ(loaded, 1);
}

//===----------------------------------------------------------------------===//
// Segments
//===----------------------------------------------------------------------===//

TEST(ArtifactLoaderTest, RejectsMisplacedSegments) {
  ArtifactBuilder builder = makeSmallModel();
  builder.adjustSegments = [](std::vector<SegmentEntry> &table) {
    table[1].offset += 8;
  };
  EXPECT_THAT(rejection(builder),
              HasSubstr("segment 1: offset " ) );
  EXPECT_THAT(rejection(builder), HasSubstr("is not a multiple of 64"));

  builder.adjustSegments = [](std::vector<SegmentEntry> &table) {
    table[1].offset = table[0].offset;
  };
  EXPECT_THAT(rejection(builder), HasSubstr("overlaps segment"));

  builder.adjustSegments = [](std::vector<SegmentEntry> &table) {
    table[0].size = 70; // runs into segment 1
  };
  EXPECT_THAT(rejection(builder), HasSubstr("segment 1 ["));
  EXPECT_THAT(rejection(builder), HasSubstr("overlaps segment 0 ["));

  builder.adjustSegments = [](std::vector<SegmentEntry> &table) {
    table[0].offset = 0;
  };
  EXPECT_THAT(rejection(builder),
              HasSubstr("segment 0: offset 0 lies inside the FlatBuffer"));

  builder.adjustSegments = [](std::vector<SegmentEntry> &table) {
    table[1].size = UINT64_MAX - 10; // offset + size overflows
  };
  EXPECT_THAT(rejection(builder), HasSubstr("runs past the end of the file"));

  builder.adjustSegments = [](std::vector<SegmentEntry> &table) {
    table[1].offset = UINT64_MAX - 63;
  };
  EXPECT_THAT(rejection(builder), HasSubstr("runs past the end of the file"));
}

TEST(ArtifactLoaderTest, VerifiesChecksumsUnlessDisabled) {
  ArtifactBuilder builder = makeSmallModel();
  builder.adjustSegments = [](std::vector<SegmentEntry> &table) {
    table[0].checksum ^= 1;
  };
  EXPECT_THAT(rejection(builder), HasSubstr("segment 0 ["));
  EXPECT_THAT(rejection(builder), HasSubstr("checksum mismatch"));
  EXPECT_TRUE(load(builder.build(), /*checksums=*/false).isOk());

  // A flipped weight byte.
  ArtifactBuilder flipped = makeSmallModel();
  flipped.adjustFile = [](std::vector<uint8_t> &file) { file.back() ^= 0x40; };
  EXPECT_THAT(rejection(flipped), HasSubstr("segment 1 "));
}

TEST(ArtifactLoaderTest, EmptySegmentsAreFine) {
  ArtifactBuilder builder = makeSmallModel();
  builder.addSegment({});
  builder.addSegment({});
  EXPECT_TRUE(load(builder.build()).isOk());
}

//===----------------------------------------------------------------------===//
// Mesh and signatures
//===----------------------------------------------------------------------===//

TEST(ArtifactLoaderTest, RejectsBadMeshes) {
  ArtifactBuilder builder = makeSmallModel();
  builder.mesh = {{"dp", 2}, {"tp", 2}};
  EXPECT_THAT(rejection(builder),
              HasSubstr("the mesh (dp:2,tp:2) has 4 ranks, but the artifact "
                        "has 1 rank program"));
  builder.mesh = {{"dp", 2}};
  builder.ranks.push_back(builder.ranks[0]);
  EXPECT_THAT(rejection(builder),
              HasSubstr("rank 0 appears twice (ranks[0] and ranks[1])"));
  builder.ranks[1].rank = 5;
  EXPECT_THAT(rejection(builder),
              HasSubstr("ranks[1]: rank 5 is outside the mesh (dp:2, 2 ranks)"));
  builder.ranks[1].rank = 1;
  EXPECT_THAT(rejection(builder),
              HasSubstr("rank 1 buffer 4 (Output): only rank 0 writes outputs "
                        "when the mesh has more than one rank (it has 2)"));
  // Rank 1 computes the same into its arena.
  builder.ranks[1].buffers[4] = Buf::arena(64, TypeSpec(DType::F32, {2, 3}));
  builder.ranks[1].buffers[6] = Buf::arena(96, TypeSpec(DType::F32, {1, 1, 1, 3}));
  EXPECT_TRUE(load(builder.build()).isOk());

  builder.mesh = {{"dp", 0}};
  EXPECT_THAT(rejection(builder), HasSubstr("mesh axis 0 ('dp') has size 0"));
  builder.mesh = {{"dp", 1}, {"dp", 2}};
  EXPECT_THAT(rejection(builder),
              HasSubstr("mesh axis 1: the name 'dp' is used twice"));
  builder.mesh = {{"", 2}};
  EXPECT_THAT(rejection(builder), HasSubstr("mesh axis 0 has no name"));
  builder.mesh = {{"a", 65536}, {"b", 65536}};
  EXPECT_THAT(rejection(builder), HasSubstr("more than 65536 devices"));
}

TEST(ArtifactLoaderTest, RejectsBadSignatures) {
  ArtifactBuilder builder = makeSmallModel();
  builder.inputs[0].first = "";
  EXPECT_THAT(rejection(builder), HasSubstr("input 0 has no name"));
  builder = makeSmallModel();
  builder.outputs[1].first = "y";
  EXPECT_THAT(rejection(builder),
              HasSubstr("output 1: the name 'y' is used by another output"));
  builder = makeSmallModel();
  builder.inputs[0].second.dtype = 77;
  EXPECT_THAT(rejection(builder),
              HasSubstr("input 0 ('x'): dtype 77 is not a known DType"));
  builder = makeSmallModel();
  builder.inputs[0].second.shape = {2, -4};
  EXPECT_THAT(rejection(builder),
              HasSubstr("input 0 ('x'): dimension 1 is negative (-4)"));
  builder = makeSmallModel();
  builder.inputs[0].second.shape = {1 << 30, 1 << 30, 1 << 30};
  EXPECT_THAT(rejection(builder), HasSubstr("exceeds 2^62 bytes"));
}

//===----------------------------------------------------------------------===//
// Buffers
//===----------------------------------------------------------------------===//

TEST(ArtifactLoaderTest, RejectsBadBuffers) {
  auto broken = [](std::function<void(RankSpec &)> change) {
    ArtifactBuilder builder = makeSmallModel();
    change(builder.rank(0));
    return rejection(builder);
  };
  EXPECT_THAT(broken([](RankSpec &r) { r.buffers[3].storage = 9; }),
              HasSubstr("rank 0 buffer 3: storage kind 9 is not a known "
                        "StorageKind"));
  EXPECT_THAT(broken([](RankSpec &r) { r.buffers[3].type.reset(); }),
              HasSubstr("rank 0 buffer 3 (Arena) has no type"));
  EXPECT_THAT(broken([](RankSpec &r) { r.buffers[3].offset = 120; }),
              HasSubstr("rank 0 buffer 3 (Arena): bytes [120, 144) of "
                        "f32[2,3] exceed the arena of 128 bytes"));
  EXPECT_THAT(broken([](RankSpec &r) { r.buffers[3].offset = UINT64_MAX - 3; }),
              HasSubstr("exceed the arena of 128 bytes"));
  EXPECT_THAT(broken([](RankSpec &r) { r.buffers[3].offset = 2; }),
              HasSubstr("rank 0 buffer 3 (Arena): offset 2 is not a multiple "
                        "of the f32 element size (4)"));
  EXPECT_THAT(broken([](RankSpec &r) { r.buffers[3].index = 1; }),
              HasSubstr("index must be 0 for an Arena buffer, it is 1"));
  EXPECT_THAT(broken([](RankSpec &r) { r.arenaSize = uint64_t(1) << 63; }),
              HasSubstr("rank 0: arena_size 9223372036854775808 exceeds 2^62"));
  EXPECT_THAT(broken([](RankSpec &r) { r.buffers[1].index = 7; }),
              HasSubstr("rank 0 buffer 1 (Constant): segment 7 does not exist "
                        "(the artifact has 2 segments)"));
  EXPECT_THAT(broken([](RankSpec &r) { r.buffers[2].offset = 4; }),
              HasSubstr("rank 0 buffer 2 (Constant): bytes [4, 16) of f32[3] "
                        "exceed segment 1 (12 bytes)"));
  EXPECT_THAT(broken([](RankSpec &r) { r.buffers[0].index = 1; }),
              HasSubstr("rank 0 buffer 0 (Input): input 1 does not exist (the "
                        "model has 1 input)"));
  // A buffer may view a part of an input, never bytes outside it.
  EXPECT_THAT(broken([](RankSpec &r) {
                r.buffers[0].type = TypeSpec(DType::F32, {4, 4});
              }),
              HasSubstr("rank 0 buffer 0 (Input): bytes [0, 64) of f32[4,4] "
                        "exceed input 0 ('x') f32[2,4] (32 bytes)"));
  EXPECT_THAT(broken([](RankSpec &r) { r.buffers[0].offset = 4; }),
              HasSubstr("rank 0 buffer 0 (Input): bytes [4, 36) of f32[2,4] "
                        "exceed input 0 ('x') f32[2,4] (32 bytes)"));
  EXPECT_THAT(broken([](RankSpec &r) {
                r.buffers[0].type = TypeSpec(DType::I32, {2, 4});
              }),
              HasSubstr("rank 0 buffer 0 (Input): type i32[2,4] does not view "
                        "input 0 ('x') f32[2,4] (the element type must match)"));
  EXPECT_THAT(broken([](RankSpec &r) {
                r.buffers[0].type = TypeSpec(DType::F32, {2});
                r.buffers[0].offset = 18;
              }),
              HasSubstr("offset 18 is not a multiple of the f32 element size"));
  EXPECT_THAT(broken([](RankSpec &r) {
                r.buffers[4].type = TypeSpec(DType::F64, {2, 3});
              }),
              HasSubstr("rank 0 buffer 4 (Output): type f64[2,3] does not view "
                        "output 0 ('y') f32[2,3]"));
  EXPECT_THAT(broken([](RankSpec &r) { r.buffers[4].offset = 4; }),
              HasSubstr("offset must be 0 for an Output buffer, it is 4"));
  EXPECT_THAT(broken([](RankSpec &r) {
                r.buffers[4].type = TypeSpec(DType::F32, {3});
              }),
              HasSubstr("rank 0 buffer 4 (Output): type f32[3] does not view "
                        "output 0 ('y') f32[2,3] (the element type and count "
                        "must match)"));
  EXPECT_THAT(broken([](RankSpec &r) { r.buffers[3].type->dtype = 13; }),
              HasSubstr("rank 0 buffer 3 (Arena): dtype 13 is not a known DType"));
  EXPECT_THAT(broken([](RankSpec &r) {
                r.buffers[3].type->shape = std::vector<int64_t>(65, 1);
              }),
              HasSubstr("has 65 dimensions; at most 64"));
}

//===----------------------------------------------------------------------===//
// Commands
//===----------------------------------------------------------------------===//

/// The small model plus an executable with kernel "k" of 2 arguments and a
/// dispatch of it as command 3.
ArtifactBuilder withDispatch() {
  ArtifactBuilder builder = makeSmallModel();
  uint32_t code = builder.addSegment(std::vector<uint8_t>(16, 0x90));
  ExecutableSpec executable;
  executable.segment = code;
  executable.kernels = {{"other", 0}, {"k", 2}};
  builder.addExecutable(executable);
  builder.rank(0).add(DispatchSpec{0, 1, {3, 4}});
  return builder;
}

TEST(ArtifactLoaderTest, RejectsBadDispatches) {
  ASSERT_TRUE(load(withDispatch().build()).isOk());
  auto broken = [](std::function<void(ArtifactBuilder &, DispatchSpec &)> change) {
    ArtifactBuilder builder = withDispatch();
    change(builder, std::get<DispatchSpec>(builder.rank(0).commands[3]));
    return rejection(builder);
  };
  EXPECT_THAT(broken([](ArtifactBuilder &, DispatchSpec &d) { d.args[1] = 99; }),
              HasSubstr("rank 0 command 3 (Dispatch): argument 1 is buffer 99, "
                        "but the rank has 7 buffers"));
  EXPECT_THAT(broken([](ArtifactBuilder &, DispatchSpec &d) { d.args.pop_back(); }),
              HasSubstr("rank 0 command 3 (Dispatch): kernel 'k' takes 2 "
                        "arguments, the dispatch passes 1"));
  EXPECT_THAT(broken([](ArtifactBuilder &, DispatchSpec &d) { d.executable = 4; }),
              HasSubstr("rank 0 command 3 (Dispatch): executable 4 does not "
                        "exist (the artifact has 1 executable)"));
  EXPECT_THAT(broken([](ArtifactBuilder &, DispatchSpec &d) { d.kernel = 2; }),
              HasSubstr("rank 0 command 3 (Dispatch): kernel 2 does not exist "
                        "(executable 0 has 2 kernels)"));
  EXPECT_THAT(broken([](ArtifactBuilder &b, DispatchSpec &) {
                b.executables[0].segment = 3;
              }),
              HasSubstr("executable 0: segment 3 does not exist (the artifact "
                        "has 3 segments)"));
  EXPECT_THAT(broken([](ArtifactBuilder &b, DispatchSpec &) {
                b.executables[0].format = 3;
              }),
              HasSubstr("executable 0: format 3 is not a known ExecutableFormat"));
  EXPECT_THAT(broken([](ArtifactBuilder &b, DispatchSpec &) {
                b.executables[0].kernels[0].name = "bad name";
              }),
              HasSubstr("executable 0 kernel 0: name 'bad name' is not a C "
                        "identifier"));
  EXPECT_THAT(broken([](ArtifactBuilder &b, DispatchSpec &) {
                b.executables[0].kernels[0].name = "k";
              }),
              HasSubstr("executable 0 kernel 1: the name 'k' is used twice"));
  EXPECT_THAT(broken([](ArtifactBuilder &b, DispatchSpec &) {
                b.executables[0].kernels[0].numArgs = 1u << 20;
              }),
              HasSubstr("takes 1048576 arguments; at most 65536"));
}

TEST(ArtifactLoaderTest, RejectsUnknownCommands) {
  ArtifactBuilder builder = makeSmallModel();
  // Recv (12) is the last kind of schema version 2.
  builder.rank(0).add(RawCommandSpec{13});
  EXPECT_THAT(rejection(builder),
              HasSubstr("rank 0 command 3: command kind 13 is not a known Command"));
  builder.rank(0).commands.back() = RawCommandSpec{9};
  EXPECT_THAT(rejection(builder),
              HasSubstr("rank 0 command 3 (AllToAll): the command table is "
                        "missing"));
  builder.rank(0).commands.back() = RawCommandSpec{0};
  EXPECT_THAT(rejection(builder),
              HasSubstr("rank 0 command 3: command kind 0 is not a known Command"));
  builder.rank(0).commands.back() = RawCommandSpec{2};
  EXPECT_THAT(rejection(builder),
              HasSubstr("rank 0 command 3 (MatMulCall): the command table is "
                        "missing"));
}

/// A rank with an f32 arena large enough for the shapes the tests use and
/// the given buffers at disjoint offsets.
struct CallFixture {
  ArtifactBuilder builder;
  RankSpec *rank;
  uint64_t next = 0;
  CallFixture() {
    rank = &builder.rank(0);
    rank->arenaSize = 1 << 20;
  }
  uint32_t arena(std::vector<int64_t> shape, DType dtype = DType::F32) {
    uint32_t index = rank->addBuffer(Buf::arena(next, TypeSpec(dtype, shape)));
    int64_t bytes = int64_t(dtypeSize(dtype));
    for (int64_t d : shape)
      bytes *= d;
    next += (uint64_t(bytes) + 63) / 64 * 64;
    return index;
  }
  std::string reject(CommandSpec command) {
    rank->add(std::move(command));
    return rejection(builder);
  }
  bool accepts(CommandSpec command) {
    rank->add(std::move(command));
    auto result = load(builder.build());
    if (!result.isOk())
      ADD_FAILURE() << result.status().toString();
    return result.isOk();
  }
};

MatMulSpec matmul(uint32_t lhs, uint32_t rhs, uint32_t result) {
  MatMulSpec m;
  m.lhs = lhs;
  m.rhs = rhs;
  m.result = result;
  return m;
}

TEST(ArtifactLoaderTest, MatMulShapes) {
  {
    CallFixture f;
    EXPECT_TRUE(f.accepts(matmul(f.arena({2, 3}), f.arena({3, 4}), f.arena({2, 4}))));
  }
  {
    CallFixture f;
    uint32_t a = f.arena({2, 3}), b = f.arena({5, 4}), c = f.arena({2, 4});
    EXPECT_THAT(f.reject(matmul(a, b, c)),
                HasSubstr("rank 0 command 0 (MatMulCall): contracted dimensions "
                          "differ: lhs [2,3] has K = 3, rhs [5,4] has K = 5"));
  }
  {
    CallFixture f; // transposes
    MatMulSpec m = matmul(f.arena({3, 2}), f.arena({4, 3}), f.arena({2, 4}));
    m.transposeLhs = m.transposeRhs = true;
    EXPECT_TRUE(f.accepts(m));
  }
  {
    CallFixture f; // batch broadcasting
    EXPECT_TRUE(f.accepts(matmul(f.arena({2, 1, 2, 3}), f.arena({5, 3, 4}),
                                 f.arena({2, 5, 2, 4}))));
  }
  {
    CallFixture f;
    uint32_t a = f.arena({2, 2, 3}), b = f.arena({3, 3, 4}), c = f.arena({3, 2, 4});
    EXPECT_THAT(f.reject(matmul(a, b, c)),
                HasSubstr("batch dimensions of lhs [2,2,3] and rhs [3,3,4] do "
                          "not broadcast (2 vs 3)"));
  }
  {
    CallFixture f;
    uint32_t a = f.arena({2, 3}), b = f.arena({3, 4}), c = f.arena({2, 5});
    EXPECT_THAT(f.reject(matmul(a, b, c)),
                HasSubstr("result is buffer 2 (Arena, f32[2,5]), expected shape "
                          "[2,4] for lhs f32[2,3] x rhs f32[3,4]"));
  }
  {
    CallFixture f;
    uint32_t a = f.arena({3}), b = f.arena({3, 4}), c = f.arena({4});
    EXPECT_THAT(f.reject(matmul(a, b, c)),
                HasSubstr("lhs must have at least 2 dimensions, it is [3]"));
  }
  {
    CallFixture f;
    MatMulSpec m = matmul(f.arena({2, 3}), f.arena({3, 4}), f.arena({2, 4}));
    m.bias = int32_t(f.arena({2}));
    EXPECT_THAT(f.reject(m), HasSubstr("bias is buffer 3 (Arena, f32[2]), "
                                       "expected shape [4] (the result's last "
                                       "dimension)"));
  }
  {
    CallFixture f;
    MatMulSpec m = matmul(f.arena({2, 3}), f.arena({3, 4}), f.arena({2, 4}));
    m.residual = int32_t(f.arena({4}));
    EXPECT_THAT(f.reject(m), HasSubstr("residual is buffer 3 (Arena, f32[4]), "
                                       "expected shape [2,4]"));
  }
  {
    CallFixture f;
    MatMulSpec m = matmul(f.arena({2, 3}), f.arena({3, 4}), f.arena({2, 4}));
    m.bias = -7;
    EXPECT_THAT(f.reject(m), HasSubstr("bias is -7; it must be a buffer index or -1"));
  }
  {
    CallFixture f;
    MatMulSpec m = matmul(f.arena({2, 3}), f.arena({3, 4}), f.arena({2, 4}));
    m.residual = 40;
    EXPECT_THAT(f.reject(m), HasSubstr("residual is buffer 40, but the rank has "
                                       "3 buffers"));
  }
  {
    CallFixture f;
    MatMulSpec m = matmul(f.arena({2, 3}), 17, f.arena({2, 4}));
    EXPECT_THAT(f.reject(m), HasSubstr("rank 0 command 0 (MatMulCall): rhs is "
                                       "buffer 17, but the rank has 2 buffers"));
  }
  {
    CallFixture f;
    MatMulSpec m = matmul(f.arena({2, 3}, DType::I32), f.arena({3, 4}),
                          f.arena({2, 4}));
    EXPECT_THAT(f.reject(m), HasSubstr("MatMulCall supports f32 only; lhs is "
                                       "buffer 0 (Arena, i32[2,3])"));
  }
  {
    CallFixture f;
    MatMulSpec m = matmul(f.arena({2, 3}), f.arena({3, 4}), f.arena({2, 4}));
    m.activation = 6;
    EXPECT_THAT(f.reject(m), HasSubstr("activation 6 is not a known Activation"));
  }
}

TEST(ArtifactLoaderTest, WritesOnlyToWritableBuffersWithoutAliasing) {
  {
    ArtifactBuilder builder = makeSmallModel();
    std::get<MatMulSpec>(builder.rank(0).commands[0]).result = 0; // the input
    builder.rank(0).buffers[0].type = TypeSpec(DType::F32, {2, 4});
    EXPECT_THAT(rejection(builder), HasSubstr("(MatMulCall): result is buffer 0"));
  }
  {
    ArtifactBuilder builder = makeSmallModel();
    // Copy into a constant.
    uint32_t weights = builder.rank(0).addBuffer(
        Buf::constant(0, 0, TypeSpec(DType::F32, {2, 3})));
    std::get<CopySpec>(builder.rank(0).commands[1]).target = weights;
    EXPECT_THAT(rejection(builder),
                HasSubstr("rank 0 command 1 (Copy): target is buffer 7 "
                          "(Constant, f32[2,3]), which is read-only"));
  }
  {
    CallFixture f;
    uint32_t a = f.arena({2, 3});
    uint32_t b = f.arena({3, 2});
    uint32_t c = f.rank->addBuffer(Buf::arena(16, TypeSpec(DType::F32, {2, 2})));
    EXPECT_THAT(f.reject(matmul(a, b, c)),
                HasSubstr("result buffer 2 (Arena, f32[2,2]) overlaps lhs "
                          "buffer 0 (Arena, f32[2,3])"));
  }
  {
    CallFixture f; // in-place residual is fine, a partial overlap is not
    MatMulSpec m = matmul(f.arena({2, 3}), f.arena({3, 4}), f.arena({2, 4}));
    m.residual = int32_t(m.result);
    EXPECT_TRUE(f.accepts(m));
    CallFixture g;
    MatMulSpec n = matmul(g.arena({2, 3}), g.arena({3, 4}), g.arena({2, 4}));
    n.residual = int32_t(g.rank->addBuffer(
        Buf::arena(g.rank->buffers[2].offset + 4, TypeSpec(DType::F32, {2, 4}))));
    EXPECT_THAT(g.reject(n), HasSubstr("residual buffer 3 (Arena, f32[2,4]) "
                                       "partially overlaps result"));
  }
}

Conv2dSpec conv(uint32_t input, uint32_t weight, uint32_t result) {
  Conv2dSpec c;
  c.input = input;
  c.weight = weight;
  c.result = result;
  return c;
}

TEST(ArtifactLoaderTest, Conv2dShapes) {
  {
    CallFixture f; // 3x3, stride 2, pad 1, dilation 1: 7 -> 4
    Conv2dSpec c = conv(f.arena({1, 4, 7, 7}), f.arena({8, 4, 3, 3}),
                        f.arena({1, 8, 4, 4}));
    c.strides = std::vector<int64_t>{2, 2};
    c.padding = std::vector<int64_t>{1, 1, 1, 1};
    c.bias = int32_t(f.arena({8}));
    EXPECT_TRUE(f.accepts(c));
  }
  {
    CallFixture f; // depthwise with dilation 2 and asymmetric padding
    Conv2dSpec c = conv(f.arena({2, 6, 9, 8}), f.arena({6, 1, 3, 3}),
                        f.arena({2, 6, 7, 6}));
    c.groups = 6;
    c.dilations = std::vector<int64_t>{2, 2};
    c.padding = std::vector<int64_t>{1, 0, 1, 2};
    EXPECT_TRUE(f.accepts(c));
  }
  {
    CallFixture f;
    uint32_t i = f.arena({1, 4, 7, 7}), w = f.arena({8, 4, 3, 3}),
             r = f.arena({1, 8, 4, 4});
    EXPECT_THAT(f.reject(conv(i, w, r)),
                HasSubstr("result is buffer 2 (Arena, f32[1,8,4,4]), expected "
                          "shape [1,8,5,5] for input f32[1,4,7,7], weight "
                          "f32[8,4,3,3], strides [1,1], padding [0,0,0,0], "
                          "dilations [1,1]"));
  }
  {
    CallFixture f;
    uint32_t i = f.arena({1, 4, 7, 7}), w = f.arena({8, 3, 3, 3}),
             r = f.arena({1, 8, 5, 5});
    EXPECT_THAT(f.reject(conv(i, w, r)),
                HasSubstr("weight [8,3,3,3] must have C/groups = 4 input "
                          "channels, it has 3"));
  }
  {
    CallFixture f;
    Conv2dSpec c = conv(f.arena({1, 4, 7, 7}), f.arena({6, 1, 3, 3}),
                        f.arena({1, 6, 5, 5}));
    c.groups = 4;
    EXPECT_THAT(f.reject(c), HasSubstr("output channels (6) are not divisible "
                                       "by groups (4)"));
  }
  {
    CallFixture f;
    Conv2dSpec c = conv(f.arena({1, 4, 7, 7}), f.arena({8, 4, 3, 3}),
                        f.arena({1, 8, 5, 5}));
    c.strides = std::vector<int64_t>{1, 0};
    EXPECT_THAT(f.reject(c), HasSubstr("(Conv2dCall): strides[1] is 0; it must "
                                       "be in [1, 2^32]"));
  }
  {
    CallFixture f;
    Conv2dSpec c = conv(f.arena({1, 4, 7, 7}), f.arena({8, 4, 3, 3}),
                        f.arena({1, 8, 5, 5}));
    c.padding = std::vector<int64_t>{1, 1};
    EXPECT_THAT(f.reject(c), HasSubstr("padding has 2 entries, expected 4"));
  }
  {
    CallFixture f;
    Conv2dSpec c = conv(f.arena({1, 4, 2, 2}), f.arena({8, 4, 3, 3}),
                        f.arena({1, 8, 1, 1}));
    EXPECT_THAT(f.reject(c), HasSubstr("the dilated kernel height (3) exceeds "
                                       "the padded input height (2)"));
  }
  {
    CallFixture f;
    Conv2dSpec c = conv(f.arena({1, 4, 7, 7}), f.arena({8, 4, 3, 3}),
                        f.arena({1, 8, 5, 5}));
    c.groups = 0;
    EXPECT_THAT(f.reject(c), HasSubstr("groups must be positive, it is 0"));
  }
  {
    CallFixture f;
    Conv2dSpec c = conv(f.arena({1, 4, 7, 7}), f.arena({8, 4, 3, 3}),
                        f.arena({1, 8, 5, 5}));
    c.bias = int32_t(f.arena({4}));
    EXPECT_THAT(f.reject(c), HasSubstr("expected shape [8] (the output channels)"));
  }
  {
    CallFixture f; // huge dilation: no overflow, just an error
    Conv2dSpec c = conv(f.arena({1, 4, 7, 7}), f.arena({8, 4, 3, 3}),
                        f.arena({1, 8, 5, 5}));
    c.dilations = std::vector<int64_t>{int64_t(1) << 32, 1};
    EXPECT_THAT(f.reject(c), HasSubstr("exceeds the padded input height"));
  }
}

Pool2dSpec pool(uint32_t input, uint32_t result, std::vector<int64_t> kernel) {
  Pool2dSpec p;
  p.input = input;
  p.result = result;
  p.kernel = kernel;
  return p;
}

TEST(ArtifactLoaderTest, Pool2dShapes) {
  {
    CallFixture f;
    Pool2dSpec p = pool(f.arena({1, 3, 8, 8}), f.arena({1, 3, 4, 4}), {3, 3});
    p.strides = std::vector<int64_t>{2, 2};
    p.padding = std::vector<int64_t>{1, 1, 1, 1};
    EXPECT_TRUE(f.accepts(p));
  }
  {
    CallFixture f;
    Pool2dSpec p = pool(f.arena({1, 3, 8, 8}), f.arena({1, 3, 4, 4}), {3, 3});
    p.kernel.reset();
    EXPECT_THAT(f.reject(p), HasSubstr("(Pool2dCall): kernel is missing"));
  }
  {
    CallFixture f;
    Pool2dSpec p = pool(f.arena({1, 3, 8, 8}), f.arena({1, 3, 4, 4}), {2, 2});
    EXPECT_THAT(f.reject(p), HasSubstr("expected shape [1,3,7,7] for input "
                                       "f32[1,3,8,8], kernel [2,2]"));
  }
  {
    CallFixture f; // a window of padding only
    Pool2dSpec p = pool(f.arena({1, 1, 4, 4}), f.arena({1, 1, 5, 3}), {2, 2});
    p.padding = std::vector<int64_t>{2, 0, 1, 0};
    EXPECT_THAT(f.reject(p), HasSubstr("output row 0 pools over padding only"));
  }
  {
    CallFixture f;
    Pool2dSpec p = pool(f.arena({1, 1, 4, 4}), f.arena({1, 1, 3, 3}), {2, 2});
    p.kind = 2;
    EXPECT_THAT(f.reject(p), HasSubstr("pool kind 2 is not a known PoolKind"));
  }
  {
    CallFixture f;
    Pool2dSpec p = pool(f.arena({1, 1, 4, 4}), f.arena({1, 1, 3, 3}), {2, 2});
    p.result = p.input;
    EXPECT_THAT(f.reject(p), HasSubstr("expected shape [1,1,3,3]"));
  }
}

TEST(ArtifactLoaderTest, CopySizes) {
  CallFixture f;
  uint32_t a = f.arena({2, 3}), b = f.arena({7});
  EXPECT_THAT(f.reject(CopySpec{a, b}),
              HasSubstr("rank 0 command 0 (Copy): source buffer 0 (Arena, "
                        "f32[2,3]) has 24 bytes but target buffer 1 (Arena, "
                        "f32[7]) has 28"));
  CallFixture g; // same bytes, another type: a reshape or bitcast
  uint32_t c = g.arena({2, 3}), d = g.arena({6}, DType::I32);
  EXPECT_TRUE(g.accepts(CopySpec{c, d}));
}

TEST(ArtifactLoaderTest, PipelinePlaces) {
  CallFixture f;
  uint32_t a = f.arena({4}), b = f.arena({4});
  f.rank->places = {{3, 1}};
  f.rank->add(CopySpec{a, b});
  f.rank->add(CopySpec{b, a}); // no place: -1, -1
  auto loaded = load(f.builder.build());
  ASSERT_TRUE(loaded.isOk()) << loaded.status().toString();
  const RankProgram &program = (*loaded)->info().ranks[0];
  ASSERT_EQ(program.places.size(), 2u);
  EXPECT_EQ(program.places[0].microbatch, 3);
  EXPECT_EQ(program.places[0].stage, 1);
  EXPECT_EQ(program.places[1].microbatch, -1);
  EXPECT_EQ(program.places[1].stage, -1);

  CallFixture g;
  uint32_t c = g.arena({4}), d = g.arena({4});
  g.rank->places = {{0, -2}};
  EXPECT_THAT(g.reject(CopySpec{c, d}),
              HasSubstr("rank 0 command 0: microbatch 0 and stage -2 must be "
                        "-1 (no pipeline) or more"));
}

//===----------------------------------------------------------------------===//
// Big files
//===----------------------------------------------------------------------===//

TEST(ArtifactLoaderTest, SegmentsPast2GiBLoadAndRead) {
  // A sparse file: the FlatBuffer, a hole, and an 8-byte weight at 3 GiB.
  ArtifactBuilder builder;
  uint32_t y = builder.addOutput("y", TypeSpec(DType::F32, {2}));
  builder.segments.push_back(std::vector<uint8_t>(8));
  std::vector<float> values = {3.5f, -7.25f};
  std::memcpy(builder.segments[0].data(), values.data(), 8);
  RankSpec &rank = builder.rank(0);
  uint32_t w = rank.addBuffer(Buf::constant(0, 0, TypeSpec(DType::F32, {2})));
  uint32_t out = rank.addBuffer(Buf::output(y, TypeSpec(DType::F32, {2})));
  rank.add(CopySpec{w, out});
  const uint64_t offset = uint64_t(3) << 30;
  std::vector<SegmentEntry> table = {
      {offset, 8, xxh64(values.data(), 8)}};
  std::vector<uint8_t> flatbuffer = builder.buildFlatBuffer(table);

  char path[] = "/tmp/tessera-big-XXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(write(fd, flatbuffer.data(), flatbuffer.size()),
            ssize_t(flatbuffer.size()));
  ASSERT_EQ(ftruncate(fd, off_t(offset + 8)), 0);
  ASSERT_EQ(pwrite(fd, values.data(), 8, off_t(offset)), 8);
  close(fd);

  auto artifact = Artifact::open(path);
  unlink(path);
  ASSERT_TRUE(artifact.isOk()) << artifact.status().toString();
  EXPECT_EQ((*artifact)->fileSize(), offset + 8);
  EXPECT_EQ((*artifact)->info().segments[0].offset, offset);
  float read[2];
  std::memcpy(read, (*artifact)->segmentData(0), 8);
  EXPECT_EQ(read[0], 3.5f);
  EXPECT_EQ(read[1], -7.25f);
}

} // namespace
