//===- TestUtil.h - Helpers of the runtime tests ------------------*- C++ -*-===//
//
// Part of Tessera (tests only).
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_TEST_UNIT_RUNTIME_TESTUTIL_H
#define TESSERA_TEST_UNIT_RUNTIME_TESTUTIL_H

#include "runtime/base/HostTensor.h"
#include "runtime/devices/cpu/LibraryCalls.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>

namespace tessera::test {

/// The label the cpu device gives a library call `name` ("matmul"): the
/// name with oneDNN, "matmul (reference)" in a build without it, where the
/// reference loops run every call. A name that already says "(reference)"
/// (a call oneDNN does not take) is the same in both.
inline std::string cpuCallLabel(const std::string &name) {
  static const std::string reference = " (reference)";
  bool oneDnn = runtime::libraryDescription().rfind("oneDNN", 0) == 0;
  bool already = name.size() >= reference.size() &&
                 name.compare(name.size() - reference.size(), reference.size(),
                              reference) == 0;
  return oneDnn || already ? name : name + reference;
}

/// Uniform values in [-1, 1), from a fixed seed.
inline runtime::HostTensor randomTensor(std::vector<int64_t> shape,
                                        unsigned seed) {
  auto tensor = runtime::HostTensor::allocate(runtime::DType::F32, shape);
  EXPECT_TRUE(tensor.isOk());
  std::mt19937 generator(seed);
  std::uniform_real_distribution<float> uniform(-1.f, 1.f);
  for (int64_t i = 0; i < tensor->numElements(); ++i)
    tensor->data<float>()[i] = uniform(generator);
  return std::move(tensor).value();
}

/// Every element within atol + rtol * |expected|.
inline ::testing::AssertionResult
allClose(const runtime::HostTensor &actual, const runtime::HostTensor &expected,
         float atol = 1e-4f, float rtol = 1e-4f) {
  if (actual.type() != expected.type())
    return ::testing::AssertionFailure()
           << "types differ: " << actual.type().toString() << " vs "
           << expected.type().toString();
  const float *a = actual.data<float>(), *e = expected.data<float>();
  for (int64_t i = 0; i < actual.numElements(); ++i)
    if (!(std::fabs(a[i] - e[i]) <= atol + rtol * std::fabs(e[i])))
      return ::testing::AssertionFailure()
             << "element " << i << ": " << a[i] << " vs expected " << e[i];
  return ::testing::AssertionSuccess();
}

/// A temporary directory removed at the end of the test.
class TempDir {
public:
  TempDir() {
    char templ[] = "/tmp/tessera-test-XXXXXX";
    path_ = mkdtemp(templ);
  }
  ~TempDir() { std::system(("rm -rf '" + path_ + "'").c_str()); }
  std::string file(const std::string &name) const { return path_ + "/" + name; }
  const std::string &path() const { return path_; }

private:
  std::string path_;
};

} // namespace tessera::test

#endif // TESSERA_TEST_UNIT_RUNTIME_TESTUTIL_H
