//===- StatusTest.cpp - Tests of the runtime's Status ---------------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "runtime/base/Status.h"

#include <gtest/gtest.h>

using namespace tessera::runtime;

namespace {

TEST(StatusTest, DefaultIsOk) {
  Status status;
  EXPECT_TRUE(status.isOk());
  EXPECT_EQ(status.toString(), "ok");
  EXPECT_EQ(status.exitCode(), 0);
}

TEST(StatusTest, ErrorCarriesCodeAndMessage) {
  Status status(StatusCode::kNotFound, "no such file 'x.npy'");
  EXPECT_FALSE(status.isOk());
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(status.toString(), "not found: no such file 'x.npy'");
}

TEST(StatusTest, ContextIsPrefixed) {
  Status status = Status(StatusCode::kInvalidArtifact, "bad identifier")
                      .withContext("loading model.tsr");
  EXPECT_EQ(status.message(), "loading model.tsr: bad identifier");
  EXPECT_EQ(status.code(), StatusCode::kInvalidArtifact);
  EXPECT_TRUE(Status::ok().withContext("anything").isOk());
}

TEST(StatusTest, ExitCodesFollowTheToolContract) {
  EXPECT_EQ(Status(StatusCode::kInvalidArgument, "x").exitCode(), 1);
  EXPECT_EQ(Status(StatusCode::kNotFound, "x").exitCode(), 1);
  EXPECT_EQ(Status(StatusCode::kInvalidArtifact, "x").exitCode(), 2);
  EXPECT_EQ(Status(StatusCode::kDeadlineExceeded, "x").exitCode(), 3);
  EXPECT_EQ(Status(StatusCode::kUnavailable, "x").exitCode(), 3);
  EXPECT_EQ(Status(StatusCode::kInternal, "x").exitCode(), 3);
}

TEST(StatusTest, SourcePositionNamesTheFileOnly) {
  Status status = makeStatusAt(StatusCode::kUnavailable, "cuInit failed",
                               "/long/build/path/runtime/devices/Cuda.cpp", 42);
  EXPECT_EQ(status.message(), "cuInit failed (at Cuda.cpp:42)");
}

StatusOr<int> parsePositive(int value) {
  if (value <= 0)
    return Status(StatusCode::kInvalidArgument, "expected a positive value");
  return value;
}

Status doubleIt(int value, int &out) {
  TESSERA_ASSIGN_OR_RETURN(int parsed, parsePositive(value));
  out = 2 * parsed;
  return Status::ok();
}

Status checkBoth(int a, int b) {
  TESSERA_RETURN_IF_ERROR(parsePositive(a).status());
  TESSERA_RETURN_IF_ERROR(parsePositive(b).status().withContext("second"));
  return Status::ok();
}

TEST(StatusTest, StatusOrHoldsValueOrError) {
  StatusOr<int> good = parsePositive(3);
  ASSERT_TRUE(good.isOk());
  EXPECT_EQ(*good, 3);
  StatusOr<int> bad = parsePositive(-1);
  ASSERT_FALSE(bad.isOk());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
}

TEST(StatusTest, MacrosPropagateErrors) {
  int out = 0;
  EXPECT_TRUE(doubleIt(4, out).isOk());
  EXPECT_EQ(out, 8);
  Status failed = doubleIt(0, out);
  EXPECT_EQ(failed.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(out, 8);
  EXPECT_TRUE(checkBoth(1, 2).isOk());
  EXPECT_EQ(checkBoth(1, -2).message(), "second: expected a positive value");
}

} // namespace
