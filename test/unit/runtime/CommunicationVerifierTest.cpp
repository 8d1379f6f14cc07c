//===- CommunicationVerifierTest.cpp - The loader's communication rules ---===//
//
// Part of Tessera. Schema version 2's commands: every per-command rule
// (buffers, groups, peers, sizes, element types, writable results,
// overlaps) and the cross-rank matching (the same collectives in the same
// order on every member, Sends and Recvs paired, no deadlock), each broken
// once; plus what a valid mesh decodes to and per-rank checksums.
//
//===----------------------------------------------------------------------===//

#include "ArtifactBuilder.h"

#include "runtime/artifact/Artifact.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace tessera::runtime;
using namespace tessera::test;
using ::testing::HasSubstr;

namespace {

StatusOr<std::unique_ptr<Artifact>> load(const ArtifactBuilder &builder,
                                         LoadOptions options = {}) {
  std::vector<uint8_t> bytes = builder.build();
  return Artifact::fromBytes(bytes.data(), bytes.size(), options, "m.tsr");
}

std::string rejection(const ArtifactBuilder &builder) {
  auto result = load(builder);
  EXPECT_FALSE(result.isOk());
  if (result.isOk())
    return "<loaded>";
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArtifact);
  return result.status().message();
}

/// buffer indices of meshWithBuffers()
enum : uint32_t { kA8 = 0, kB16, kC4, kD8Half, kE32, kIn, kConst };

/// A dp:2 x tp:2 mesh; every rank has the same buffers: a f32[8] @0,
/// b f32[16] @64, c f32[4] @192, d f16[8] @256, e f32[32] @320, in (its
/// row of input x f32[4,8]), a constant f32[8].
ArtifactBuilder meshWithBuffers() {
  ArtifactBuilder b = makeMesh({{"dp", 2}, {"tp", 2}}, 1024);
  uint32_t x = b.addInput("x", TypeSpec(DType::F32, {4, 8}));
  uint32_t w = b.addFloatSegment(std::vector<float>(8, 1.f));
  for (uint32_t r = 0; r < 4; ++r) {
    RankSpec &rank = b.rank(r);
    rank.addBuffer(Buf::arena(0, TypeSpec(DType::F32, {8})));
    rank.addBuffer(Buf::arena(64, TypeSpec(DType::F32, {16})));
    rank.addBuffer(Buf::arena(192, TypeSpec(DType::F32, {4})));
    rank.addBuffer(Buf::arena(256, TypeSpec(DType::F16, {8})));
    rank.addBuffer(Buf::arena(320, TypeSpec(DType::F32, {32})));
    rank.addBuffer(Buf::input(x, TypeSpec(DType::F32, {8}), 32 * r));
    rank.addBuffer(Buf::constant(w, 0, TypeSpec(DType::F32, {8})));
  }
  return b;
}

/// Adds `command` to every rank.
ArtifactBuilder everyRank(CommandSpec command) {
  ArtifactBuilder b = meshWithBuffers();
  for (uint32_t r = 0; r < 4; ++r)
    b.rank(r).add(command);
  return b;
}

const std::vector<uint32_t> kAll = {0, 1, 2, 3};

TEST(CommunicationVerifierTest, DecodesEveryCommand) {
  ArtifactBuilder b = makeCollectiveModel();
  b.outputShardings[0] = "[{}]";
  auto artifact = load(b);
  ASSERT_TRUE(artifact.isOk()) << artifact.status().toString();
  const ModelInfo &info = (*artifact)->info();
  EXPECT_EQ(info.inputs[0].sharding, "[{\"dp\", \"tp\"}, {}]");
  EXPECT_EQ(info.outputs[0].sharding, "[{}]");
  EXPECT_EQ(info.outputs[1].sharding, "");
  const RankProgram &rank3 = info.ranks[3];
  EXPECT_TRUE(rank3.communicates);
  ASSERT_EQ(rank3.commands.size(), 7u);
  EXPECT_EQ(rank3.buffers[0].offset, 96u); // its row of x
  const auto &reduce = std::get<AllReduceCommand>(rank3.commands[0]);
  EXPECT_EQ(reduce.ranks, (std::vector<uint32_t>{2, 3}));
  EXPECT_EQ(reduce.op, ReduceOp::Sum);
  EXPECT_EQ(reduce.count, 8u);
  EXPECT_EQ(std::get<AllGatherCommand>(rank3.commands[1]).count, 8u);
  const auto &scatter = std::get<ReduceScatterCommand>(rank3.commands[2]);
  EXPECT_EQ(scatter.op, ReduceOp::Max);
  EXPECT_EQ(scatter.count, 4u);
  EXPECT_EQ(std::get<AllToAllCommand>(rank3.commands[3]).count, 1u);
  const auto &permute = std::get<CollectivePermuteCommand>(rank3.commands[4]);
  EXPECT_EQ(permute.sendTo, 0);
  EXPECT_EQ(permute.recvFrom, 2);
  EXPECT_EQ(std::get<SendCommand>(rank3.commands[5]).peer, 0u);
  EXPECT_STREQ(commandKindName(info.ranks[0].commands[5]), "Recv");
  EXPECT_EQ(describeCommunication(rank3.commands[0]),
            "AllReduce (sum) of f32 x 8 over ranks [2,3]");
  EXPECT_EQ(
      describeCommunication(rank3.commands[4]),
      "CollectivePermute of f32 x 4 (send to rank 0, receive from rank 2)");
  EXPECT_EQ(describeCommunication(rank3.commands[5]),
            "Send of f32 x 4 to rank 0");
  EXPECT_EQ(describeCommunication(info.ranks[0].commands[5]),
            "Recv of f32 x 4 from rank 3");
}

TEST(CommunicationVerifierTest, GroupsAndOperands) {
  EXPECT_TRUE(load(everyRank(AllReduceSpec{kA8, kA8, kAll, 0})).isOk());
  EXPECT_THAT(rejection(everyRank(AllReduceSpec{99, kA8, kAll, 0})),
              HasSubstr("rank 0 command 0 (AllReduce): input is buffer 99, but "
                        "the rank has 7 buffers"));
  EXPECT_THAT(
      rejection(everyRank(AllReduceSpec{kA8, kA8, {}, 0})),
      HasSubstr("rank 0 command 0 (AllReduce): ranks is empty; it lists "
                "the group's members, this rank (0) among them"));
  EXPECT_THAT(rejection(everyRank(AllReduceSpec{kA8, kA8, {0, 7}, 0})),
              HasSubstr("ranks[1] is 7, but the mesh has 4 ranks"));
  EXPECT_THAT(rejection(everyRank(AllReduceSpec{kA8, kA8, {0, 1, 0}, 0})),
              HasSubstr("ranks[2] is rank 0 again; a group's members are "
                        "distinct"));
  EXPECT_THAT(rejection(everyRank(AllReduceSpec{kA8, kA8, {1, 2}, 0})),
              HasSubstr("rank 0 command 0 (AllReduce): ranks [1,2] does not "
                        "include this rank (0)"));
  EXPECT_THAT(rejection(everyRank(AllReduceSpec{kA8, kA8, {0, 1, 2, 3, 0}, 0})),
              HasSubstr("ranks has 5 entries, but the mesh has 4 ranks"));
  EXPECT_THAT(rejection(everyRank(AllReduceSpec{kA8, kA8, kAll, 4})),
              HasSubstr("op 4 is not a known ReduceOp"));
  EXPECT_THAT(rejection(everyRank(AllReduceSpec{kA8, kD8Half, kAll, 0})),
              HasSubstr("input buffer 0 (Arena, f32[8]) and result buffer 3 "
                        "(Arena, f16[8]) have different element types"));
  EXPECT_THAT(rejection(everyRank(AllReduceSpec{kA8, kIn, kAll, 0})),
              HasSubstr("result is buffer 5 (Input, f32[8]), which is "
                        "read-only"));
  EXPECT_THAT(rejection(everyRank(AllReduceSpec{kA8, kConst, kAll, 0})),
              HasSubstr("which is read-only"));
  // Reading an input or a constant is fine.
  EXPECT_TRUE(load(everyRank(AllReduceSpec{kIn, kA8, kAll, 1})).isOk());
  EXPECT_TRUE(load(everyRank(AllReduceSpec{kConst, kA8, kAll, 2})).isOk());
}

TEST(CommunicationVerifierTest, SizesAndOverlaps) {
  EXPECT_THAT(rejection(everyRank(AllReduceSpec{kA8, kC4, kAll, 0})),
              HasSubstr("(AllReduce): result buffer 2 (Arena, f32[4]) has 4 "
                        "elements, input buffer 0 (Arena, f32[8]) has 8; they "
                        "must be equal"));
  {
    // A view of part of a's bytes: a partial overlap.
    ArtifactBuilder b = meshWithBuffers();
    for (uint32_t r = 0; r < 4; ++r) {
      uint32_t part =
          b.rank(r).addBuffer(Buf::arena(16, TypeSpec(DType::F32, {8})));
      b.rank(r).add(AllReduceSpec{kA8, part, kAll, 0});
    }
    EXPECT_THAT(rejection(b), HasSubstr("result buffer 7 (Arena, f32[8]) "
                                        "partially overlaps input buffer 0"));
  }
  // AllGather: result = n x input.
  EXPECT_TRUE(load(everyRank(AllGatherSpec{kC4, kB16, kAll})).isOk());
  EXPECT_TRUE(load(everyRank(AllGatherSpec{kA8, kE32, {3, 1, 2, 0}})).isOk());
  EXPECT_THAT(
      rejection(everyRank(AllGatherSpec{kA8, kB16, kAll})),
      HasSubstr("(AllGather): result buffer 1 (Arena, f32[16]) has 16 "
                "elements; gathering input buffer 0 (Arena, f32[8]) over "
                "4 ranks needs 32"));
  {
    ArtifactBuilder b = meshWithBuffers();
    for (uint32_t r = 0; r < 4; ++r) {
      uint32_t inside =
          b.rank(r).addBuffer(Buf::arena(64, TypeSpec(DType::F32, {4})));
      b.rank(r).add(AllGatherSpec{inside, kB16, kAll});
    }
    EXPECT_THAT(rejection(b), HasSubstr("(AllGather): result buffer 1 (Arena, "
                                        "f32[16]) overlaps input buffer 7"));
  }
  // ReduceScatter: input = n x result.
  EXPECT_TRUE(load(everyRank(ReduceScatterSpec{kB16, kC4, kAll, 3})).isOk());
  EXPECT_THAT(
      rejection(everyRank(ReduceScatterSpec{kB16, kA8, kAll, 0})),
      HasSubstr("(ReduceScatter): input buffer 1 (Arena, f32[16]) has "
                "16 elements; scattering result buffer 0 (Arena, f32[8]) "
                "over 4 ranks needs 32"));
  // AllToAll: equal, in n chunks.
  EXPECT_TRUE(load(everyRank(AllToAllSpec{kIn, kA8, kAll})).isOk());
  EXPECT_THAT(rejection(everyRank(AllToAllSpec{kA8, kB16, kAll})),
              HasSubstr("(AllToAll): result buffer 1 (Arena, f32[16]) has 16 "
                        "elements, input buffer 0 (Arena, f32[8]) has 8; they "
                        "must be equal"));
  {
    ArtifactBuilder b = meshWithBuffers();
    for (uint32_t r = 0; r < 4; ++r) {
      RankSpec &rank = b.rank(r);
      uint32_t six = rank.addBuffer(Buf::arena(512, TypeSpec(DType::F32, {6})));
      uint32_t six2 =
          rank.addBuffer(Buf::arena(576, TypeSpec(DType::F32, {6})));
      rank.add(AllToAllSpec{six, six2, kAll});
    }
    EXPECT_THAT(rejection(b), HasSubstr("(AllToAll): 6 elements do not split "
                                        "into 4 equal chunks, one per rank"));
  }
  EXPECT_THAT(rejection(everyRank(AllToAllSpec{kB16, kB16, kAll})),
              HasSubstr("(AllToAll): result buffer 1 (Arena, f32[16]) overlaps "
                        "input buffer 1"));
}

TEST(CommunicationVerifierTest, PermutesSendsAndRecvs) {
  auto broken = [](PermuteSpec spec) { return everyRank(spec); };
  EXPECT_THAT(
      rejection(broken(PermuteSpec{kA8, kB16, 1, 1})),
      HasSubstr("(CollectivePermute): result buffer 1 (Arena, f32[16]) "
                "has 16 elements, input buffer 0 (Arena, f32[8]) has 8"));
  EXPECT_THAT(
      rejection(broken(PermuteSpec{kA8, kA8, 1, 1})),
      HasSubstr("result buffer 0 (Arena, f32[8]) overlaps input buffer 0"));
  EXPECT_THAT(rejection(broken(PermuteSpec{kA8, kConst, 1, 1})),
              HasSubstr("which is read-only"));
  EXPECT_THAT(rejection(broken(PermuteSpec{kA8, kB16, 4, -1})),
              HasSubstr("(CollectivePermute): send_to is 4; it must be a rank "
                        "of the mesh (0 to 3) or -1"));
  EXPECT_THAT(rejection(broken(PermuteSpec{kA8, kB16, -1, -2})),
              HasSubstr("recv_from is -2; it must be a rank of the mesh"));

  ArtifactBuilder self = meshWithBuffers();
  self.rank(0).add(SendSpec{kA8, 0});
  EXPECT_THAT(rejection(self),
              HasSubstr("rank 0 command 0 (Send): peer is this "
                        "rank (0); a rank does not send to "
                        "itself"));
  ArtifactBuilder far = meshWithBuffers();
  far.rank(1).add(RecvSpec{kA8, 9});
  EXPECT_THAT(rejection(far),
              HasSubstr("rank 1 command 0 (Recv): peer 9 is not "
                        "a rank of the mesh (it has 4 ranks)"));
  ArtifactBuilder readOnly = meshWithBuffers();
  readOnly.rank(1).add(RecvSpec{kIn, 0});
  EXPECT_THAT(rejection(readOnly), HasSubstr("rank 1 command 0 (Recv): result "
                                             "is buffer 5 (Input, f32[8]), "
                                             "which is read-only"));
}

TEST(CommunicationVerifierTest, MembersMeetTheSameCollectives) {
  // The same collective everywhere, along each axis of the mesh.
  ArtifactBuilder axes = meshWithBuffers();
  for (uint32_t r = 0; r < 4; ++r) {
    axes.rank(r).add(AllReduceSpec{kA8, kA8, {r / 2 * 2, r / 2 * 2 + 1}, 0});
    axes.rank(r).add(AllGatherSpec{kA8, kB16, {r % 2, r % 2 + 2}});
  }
  EXPECT_TRUE(load(axes).isOk()) << load(axes).status().toString();

  // Rank 1 sends fewer elements.
  ArtifactBuilder sizes = everyRank(AllReduceSpec{kA8, kA8, kAll, 0});
  sizes.rank(1).commands[0] = AllReduceSpec{kC4, kC4, kAll, 0};
  EXPECT_THAT(
      rejection(sizes),
      HasSubstr("rank 1 command 0 (AllReduce (sum) of f32 x 4 over "
                "ranks [0,1,2,3]) does not match rank 0 command 0 "
                "(AllReduce (sum) of f32 x 8 over ranks [0,1,2,3]): the "
                "members of a group must meet its collectives in the "
                "same order with the same kind, element type and sizes"));
  // Another reduction.
  ArtifactBuilder op = everyRank(AllReduceSpec{kA8, kA8, kAll, 0});
  op.rank(2).commands[0] = AllReduceSpec{kA8, kA8, kAll, 1};
  EXPECT_THAT(rejection(op), HasSubstr("rank 2 command 0 (AllReduce (max) of "
                                       "f32 x 8 over ranks [0,1,2,3]) does not "
                                       "match rank 0 command 0"));
  // Another kind.
  ArtifactBuilder kind = everyRank(AllReduceSpec{kA8, kA8, kAll, 0});
  kind.rank(3).commands[0] = AllGatherSpec{kC4, kB16, kAll};
  EXPECT_THAT(rejection(kind), HasSubstr("rank 3 command 0 (AllGather of f32 x "
                                         "4 over ranks [0,1,2,3]) does not "
                                         "match rank 0 command 0"));
  // Another element type.
  ArtifactBuilder dtype = everyRank(AllReduceSpec{kA8, kA8, kAll, 0});
  dtype.rank(1).commands[0] = AllReduceSpec{kD8Half, kD8Half, kAll, 0};
  EXPECT_THAT(rejection(dtype),
              HasSubstr("rank 1 command 0 (AllReduce (sum) of "
                        "f16 x 8"));
  // Rank 2 skips it.
  ArtifactBuilder skip = everyRank(AllReduceSpec{kA8, kA8, kAll, 0});
  skip.rank(2).commands.clear();
  EXPECT_THAT(rejection(skip),
              HasSubstr("rank 0 command 0 (AllReduce (sum) of f32 x 8 over "
                        "ranks [0,1,2,3]) never completes: rank 2 does not "
                        "communicate (a deadlock)"));
  // Two groups in opposite orders on ranks 0 and 1.
  ArtifactBuilder order = meshWithBuffers();
  for (uint32_t r = 0; r < 4; ++r) {
    order.rank(r).add(AllReduceSpec{kA8, kA8, kAll, 0});
    if (r < 2)
      order.rank(r).add(AllReduceSpec{kC4, kC4, {0, 1}, 0});
  }
  std::swap(order.rank(1).commands[0], order.rank(1).commands[1]);
  EXPECT_THAT(
      rejection(order),
      HasSubstr("rank 0 command 0 (AllReduce (sum) of f32 x 8 over "
                "ranks [0,1,2,3]) never completes: rank 1 waits at its "
                "command 0 (AllReduce (sum) of f32 x 4 over ranks [0,1])"));
  // The same members in another order are another group.
  ArtifactBuilder listed = everyRank(AllReduceSpec{kA8, kA8, kAll, 0});
  listed.rank(3).commands[0] = AllReduceSpec{kA8, kA8, {3, 2, 1, 0}, 0};
  EXPECT_THAT(rejection(listed),
              HasSubstr("never completes: rank 3 waits at its "
                        "command 0 (AllReduce (sum) of f32 x "
                        "8 over ranks [3,2,1,0])"));
}

TEST(CommunicationVerifierTest, SendsAndRecvsPairInOrder) {
  // Both ranks send first, then receive: Sends do not wait.
  ArtifactBuilder both = meshWithBuffers();
  both.rank(0).add(SendSpec{kA8, 1});
  both.rank(0).add(SendSpec{kC4, 1});
  both.rank(0).add(RecvSpec{kB16, 1});
  both.rank(1).add(SendSpec{kB16, 0});
  both.rank(1).add(RecvSpec{kA8, 0});
  both.rank(1).add(RecvSpec{kC4, 0});
  EXPECT_TRUE(load(both).isOk()) << load(both).status().toString();

  // Received in the other order: the sizes do not match.
  ArtifactBuilder swapped = both;
  std::swap(swapped.rank(1).commands[1], swapped.rank(1).commands[2]);
  EXPECT_THAT(
      rejection(swapped),
      HasSubstr("rank 1 command 1 (Recv of f32 x 4 from rank 0) does "
                "not match rank 0 command 0 (Send of f32 x 8 to rank 1): "
                "the element type and count must be equal"));
  // A Send nobody receives.
  ArtifactBuilder lost = meshWithBuffers();
  lost.rank(2).add(SendSpec{kA8, 3});
  EXPECT_THAT(rejection(lost),
              HasSubstr("rank 2 command 0 (Send of f32 x 8 to "
                        "rank 3) is never received: rank 3 has "
                        "no matching Recv from rank 2"));
  // A Recv nobody sends to.
  ArtifactBuilder waiting = meshWithBuffers();
  waiting.rank(3).add(RecvSpec{kA8, 2});
  EXPECT_THAT(
      rejection(waiting),
      HasSubstr("rank 3 command 0 (Recv of f32 x 8 from rank 2) never "
                "completes: rank 2 does not communicate, without a Send "
                "to rank 3 (a deadlock)"));
  // A Recv waiting for a Send that comes after a collective the receiver
  // must join first.
  ArtifactBuilder cycle = meshWithBuffers();
  cycle.rank(0).add(RecvSpec{kA8, 1});
  cycle.rank(0).add(AllReduceSpec{kC4, kC4, {0, 1}, 0});
  cycle.rank(1).add(AllReduceSpec{kC4, kC4, {0, 1}, 0});
  cycle.rank(1).add(SendSpec{kA8, 0});
  EXPECT_THAT(rejection(cycle),
              HasSubstr("rank 0 command 0 (Recv of f32 x 8 from rank 1) never "
                        "completes: rank 1 waits at its command 0 (AllReduce "
                        "(sum) of f32 x 4 over ranks [0,1])"));
}

TEST(CommunicationVerifierTest, PermutesPairSendersWithReceivers) {
  ArtifactBuilder ring = meshWithBuffers();
  for (uint32_t r = 0; r < 4; ++r)
    ring.rank(r).add(
        PermuteSpec{kA8, 7, int32_t((r + 1) % 4), int32_t((r + 3) % 4)});
  for (uint32_t r = 0; r < 4; ++r)
    ring.rank(r).buffers.push_back(Buf::arena(512, TypeSpec(DType::F32, {8})));
  EXPECT_TRUE(load(ring).isOk()) << load(ring).status().toString();

  // Rank 1 expects its data from rank 2, which sends to rank 3.
  ArtifactBuilder wrong = ring;
  std::get<PermuteSpec>(wrong.rank(1).commands[0]).recvFrom = 2;
  EXPECT_THAT(
      rejection(wrong),
      HasSubstr("rank 0 command 0 (CollectivePermute of f32 x 8 (send "
                "to rank 1, receive from rank 3)) never completes: rank "
                "1 does not receive its input (rank 1 waits at its "
                "command 0 (CollectivePermute of f32 x 8 (send to rank "
                "2, receive from rank 2)))"));
  // Only some ranks take part; a rank that receives nothing is fine.
  ArtifactBuilder partial = meshWithBuffers();
  partial.rank(0).add(PermuteSpec{kA8, 7, 1, -1});
  partial.rank(1).add(PermuteSpec{kA8, 7, -1, 0});
  for (uint32_t r = 0; r < 4; ++r)
    partial.rank(r).buffers.push_back(
        Buf::arena(512, TypeSpec(DType::F32, {8})));
  EXPECT_TRUE(load(partial).isOk()) << load(partial).status().toString();
  // The receiver's buffer is smaller.
  ArtifactBuilder small = partial;
  small.rank(1).buffers[7] = Buf::arena(512, TypeSpec(DType::F32, {4}));
  small.rank(1).commands[0] = PermuteSpec{kC4, 7, -1, 0};
  EXPECT_THAT(rejection(small), HasSubstr("rank 1 command 0 (CollectivePermute "
                                          "of f32 x 4 (send nothing, receive "
                                          "from rank 0)) does not match rank 0 "
                                          "command 0"));
}

TEST(CommunicationVerifierTest, OutputsOnlyOnRankZero) {
  ArtifactBuilder b = makeCollectiveModel();
  b.rank(2).buffers.push_back(Buf::output(0, TypeSpec(DType::F32, {16})));
  EXPECT_THAT(rejection(b), HasSubstr("rank 2 buffer 7 (Output): only rank 0 "
                                      "writes outputs when the mesh has more "
                                      "than one rank (it has 4)"));
}

TEST(CommunicationVerifierTest, TheMatchingCheckCanBeTurnedOff) {
  ArtifactBuilder skip = makeSkippedCollectiveModel();
  EXPECT_FALSE(load(skip).isOk());
  LoadOptions options;
  options.checkCommunication = false;
  EXPECT_TRUE(load(skip, options).isOk());
  // Per-command rules still hold.
  ArtifactBuilder bad = everyRank(AllReduceSpec{kA8, kA8, {}, 0});
  EXPECT_FALSE(load(bad, options).isOk());
}

TEST(CommunicationVerifierTest, EachRankVerifiesItsOwnSegments) {
  // Rank 0 reads segment 0 and rank 1 segment 1; segment 0 is corrupt.
  ArtifactBuilder b = makeMesh({{"dp", 2}}, 64);
  uint32_t y = b.addOutput("y", TypeSpec(DType::F32, {2}));
  uint32_t s0 = b.addFloatSegment({1, 2});
  uint32_t s1 = b.addFloatSegment({3, 4});
  b.rank(0).addBuffer(Buf::constant(s0, 0, TypeSpec(DType::F32, {2})));
  b.rank(0).addBuffer(Buf::output(y, TypeSpec(DType::F32, {2})));
  b.rank(0).add(CopySpec{0, 1});
  b.rank(1).addBuffer(Buf::constant(s1, 0, TypeSpec(DType::F32, {2})));
  b.rank(1).addBuffer(Buf::arena(0, TypeSpec(DType::F32, {2})));
  b.rank(1).add(CopySpec{0, 1});
  b.adjustSegments = [](std::vector<SegmentEntry> &table) {
    table[0].checksum ^= 1;
  };
  EXPECT_THAT(rejection(b), HasSubstr("segment 0 "));
  LoadOptions rank1;
  rank1.checksumRanks = {1};
  auto artifact = load(b, rank1);
  ASSERT_TRUE(artifact.isOk()) << artifact.status().toString();
  EXPECT_EQ((*artifact)->info().ranks[0].segmentsUsed,
            (std::vector<uint32_t>{0}));
  EXPECT_EQ((*artifact)->info().ranks[1].segmentsUsed,
            (std::vector<uint32_t>{1}));
  EXPECT_TRUE((*artifact)->verifyChecksums({1}).isOk());
  EXPECT_THAT((*artifact)->verifyChecksums({0}).message(),
              HasSubstr("m.tsr: segment 0 "));
  EXPECT_FALSE((*artifact)->verifyChecksums({}).isOk());
}

} // namespace
