//===- NpyTest.cpp - .npy reading and writing -----------------------------===//
//
// Part of Tessera. The expected bytes are what numpy 2.3 and ml_dtypes 0.6
// write (np.save), copied here so the test needs no Python.
//
//===----------------------------------------------------------------------===//

#include "runtime/base/Npy.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <unistd.h>

using namespace tessera::runtime;

namespace {

std::vector<unsigned char> bytesOf(const std::string &s) {
  return std::vector<unsigned char>(s.begin(), s.end());
}

/// A .npy file in version 1.0 with the given header dict text and data.
std::string npyV1(const std::string &dict, const std::string &data) {
  std::string header = dict;
  size_t total = 10 + header.size() + 1;
  header += std::string((total + 63) / 64 * 64 - total, ' ') + "\n";
  std::string out("\x93NUMPY\x01\x00", 8);
  out.push_back(char(header.size() & 0xff));
  out.push_back(char(header.size() >> 8));
  return out + header + data;
}

StatusOr<HostTensor> parse(const std::string &bytes) {
  return parseNpy(bytes.data(), bytes.size(), "x.npy");
}

std::string errorOf(const std::string &bytes) {
  StatusOr<HostTensor> result = parse(bytes);
  EXPECT_FALSE(result.isOk());
  if (result.isOk())
    return "";
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  return result.status().message();
}

class TempDir {
public:
  TempDir() {
    char templ[] = "/tmp/tessera-npy-XXXXXX";
    path_ = mkdtemp(templ);
  }
  ~TempDir() { std::system(("rm -rf '" + path_ + "'").c_str()); }
  std::string file(const std::string &name) const { return path_ + "/" + name; }

private:
  std::string path_;
};

TEST(NpyTest, WritesWhatNumpyWrites) {
  HostTensor tensor = HostTensor::fromVector<float>({2, 3}, {0, 1, 2, 3, 4, 5});
  std::vector<unsigned char> bytes = serializeNpy(tensor);
  std::string expectedHeader =
      std::string("\x93NUMPY\x01\x00v\x00", 10) +
      "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }" +
      std::string(58, ' ') + "\n";
  ASSERT_EQ(bytes.size(), 128u + 24u);
  EXPECT_EQ(std::string(bytes.begin(), bytes.begin() + 128), expectedHeader);

  HostTensor vector = HostTensor::fromVector<int64_t>({3}, {1, 2, 3});
  bytes = serializeNpy(vector);
  EXPECT_EQ(std::string(bytes.begin() + 10, bytes.begin() + 128),
            "{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }" +
                std::string(60, ' ') + "\n");

  HostTensor scalar = HostTensor::fromVector<bool>({}, {true});
  bytes = serializeNpy(scalar);
  EXPECT_EQ(std::string(bytes.begin() + 10, bytes.begin() + 128),
            "{'descr': '|b1', 'fortran_order': False, 'shape': (), }" +
                std::string(62, ' ') + "\n");
  EXPECT_EQ(bytes.size(), 129u);
}

template <typename T>
void roundTrip(DType dtype, const std::vector<T> &values,
               const std::vector<int64_t> &shape) {
  StatusOr<HostTensor> made = HostTensor::allocate(dtype, shape);
  ASSERT_TRUE(made.isOk());
  HostTensor tensor = std::move(made).value();
  ASSERT_EQ(tensor.byteSize(), values.size() * sizeof(T));
  if (!values.empty())
    std::memcpy(tensor.data(), values.data(), tensor.byteSize());

  std::vector<unsigned char> bytes = serializeNpy(tensor);
  StatusOr<HostTensor> back = parseNpy(bytes.data(), bytes.size());
  ASSERT_TRUE(back.isOk()) << back.status().toString();
  EXPECT_EQ(back->type(), tensor.type()) << dtypeName(dtype);
  EXPECT_EQ(back->toVector<T>(), values) << dtypeName(dtype);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(back->data()) % kHostAlignment, 0u);

  TempDir dir;
  std::string path = dir.file("t.npy");
  ASSERT_TRUE(writeNpy(path, tensor).isOk());
  StatusOr<HostTensor> read = readNpy(path);
  ASSERT_TRUE(read.isOk()) << read.status().toString();
  EXPECT_EQ(read->type(), tensor.type());
  EXPECT_EQ(read->toVector<T>(), values);
}

TEST(NpyTest, RoundTripsEveryDType) {
  roundTrip<float>(DType::F32, {1.5f, -2.f, 3.25f, 0.f, 1e30f, -0.f}, {2, 3});
  roundTrip<uint16_t>(DType::F16, {0x3c00, 0xc000, 0x7bff}, {3});
  roundTrip<uint16_t>(DType::BF16, {0x3f80, 0xc000, 0x7f80, 0x0001}, {2, 2});
  roundTrip<double>(DType::F64, {1.0 / 3.0, -1e300}, {1, 2});
  roundTrip<int8_t>(DType::I8, {-128, 127, 0, 5}, {4});
  roundTrip<int16_t>(DType::I16, {-32768, 32767}, {2, 1});
  roundTrip<int32_t>(DType::I32, {INT32_MIN, 7, INT32_MAX}, {3});
  roundTrip<int64_t>(DType::I64, {INT64_MIN, INT64_MAX}, {2});
  roundTrip<uint8_t>(DType::U8, {0, 255, 17}, {3, 1});
  roundTrip<uint16_t>(DType::U16, {0, 65535}, {2});
  roundTrip<uint32_t>(DType::U32, {0, 4000000000u}, {2});
  roundTrip<uint64_t>(DType::U64, {0, UINT64_MAX}, {1, 1, 2});
  roundTrip<uint8_t>(DType::Bool, {1, 0, 1}, {3});
  roundTrip<float>(DType::F32, {42.f}, {});
  roundTrip<float>(DType::F32, {}, {2, 0, 3});
}

TEST(NpyTest, ReadsMlDtypesBfloat16) {
  // np.save of np.array([1, -2], ml_dtypes.bfloat16): the descr is '<V2'.
  std::string file = npyV1(
      "{'descr': '<V2', 'fortran_order': False, 'shape': (2,), }" +
          std::string(20, ' '),
      std::string("\x80\x3f\x00\xc0", 4));
  StatusOr<HostTensor> tensor = parse(file);
  ASSERT_TRUE(tensor.isOk()) << tensor.status().toString();
  EXPECT_EQ(tensor->type().toString(), "bf16[2]");
  EXPECT_EQ(elementAsDouble(*tensor, 0), 1.0);
  EXPECT_EQ(elementAsDouble(*tensor, 1), -2.0);
  // '|V2' as well.
  file = npyV1("{'descr': '|V2', 'fortran_order': False, 'shape': (1,), }",
               std::string("\x80\x3f", 2));
  ASSERT_TRUE(parse(file).isOk());
  EXPECT_EQ(std::string(npyDescr(DType::BF16)), "<V2");
}

TEST(NpyTest, ReadsVersions2And3) {
  // np.lib.format.write_array(f, np.arange(3, dtype=np.int16), version=(3, 0))
  std::string header =
      "{'descr': '<i2', 'fortran_order': False, 'shape': (3,), }" +
      std::string(58, ' ') + "\n";
  for (char major : {'\x02', '\x03'}) {
    std::string file = std::string("\x93NUMPY", 6) + major + '\0' +
                       std::string("t\0\0\0", 4) + header +
                       std::string("\0\0\x01\0\x02\0", 6);
    StatusOr<HostTensor> tensor = parse(file);
    ASSERT_TRUE(tensor.isOk()) << tensor.status().toString();
    EXPECT_EQ(tensor->toVector<int16_t>(), (std::vector<int16_t>{0, 1, 2}));
  }
}

TEST(NpyTest, AcceptsHeaderVariations) {
  // Key order, double quotes, no trailing comma, '=' byte order, 1-D
  // Fortran order (the same bytes as C order), Python 2 longs.
  std::string data(8, '\0');
  EXPECT_TRUE(parse(npyV1("{\"shape\": (2,), \"fortran_order\": True, "
                          "\"descr\": \"=f4\"}",
                          data))
                  .isOk());
  EXPECT_TRUE(
      parse(npyV1("{'descr': '<i4', 'fortran_order': False, 'shape': (1L, 2L)}",
                  data))
          .isOk());
  EXPECT_TRUE(
      parse(npyV1("{'descr': '<u1', 'fortran_order': False, 'shape': (8,)}",
                  data))
          .isOk());
}

TEST(NpyTest, RejectsMalformedFiles) {
  std::string good = npyV1(
      "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", "12345678");
  ASSERT_TRUE(parse(good).isOk());

  EXPECT_NE(errorOf("").find("shorter than a .npy preamble"), std::string::npos);
  EXPECT_NE(errorOf("\x93NUMPX" + good.substr(6)).find("magic"),
            std::string::npos);
  std::string badVersion = good;
  badVersion[6] = 4;
  EXPECT_NE(errorOf(badVersion).find("unsupported format version 4.0"),
            std::string::npos);
  EXPECT_NE(errorOf(good.substr(0, 40)).find("truncated header"),
            std::string::npos);
  EXPECT_NE(errorOf(good.substr(0, good.size() - 1))
                .find("f32[2] needs 8 bytes of data, the file has 7"),
            std::string::npos);
  EXPECT_NE(errorOf(good + "x").find("the file has 9"), std::string::npos);

  auto withDict = [](const std::string &dict) {
    return npyV1(dict, "12345678");
  };
  EXPECT_NE(errorOf(withDict("{'descr': '<f4', 'shape': (2,), }"))
                .find("no 'fortran_order'"),
            std::string::npos);
  EXPECT_NE(errorOf(withDict("{'descr': '<f4', 'fortran_order': False, "
                             "'shape': (2,), 'extra': 1}"))
                .find("expected a string, True, False or a tuple"),
            std::string::npos);
  EXPECT_NE(errorOf(withDict("{'descr': '<f4', 'fortran_order': False, "
                             "'shape': (2,), 'extra': 'x'}"))
                .find("unexpected header key 'extra'"),
            std::string::npos);
  EXPECT_NE(errorOf(withDict("{'descr': '<c8', 'fortran_order': False, "
                             "'shape': (1,), }"))
                .find("unsupported element type descr '<c8'"),
            std::string::npos);
  EXPECT_NE(errorOf(withDict("{'descr': '>f4', 'fortran_order': False, "
                             "'shape': (2,), }"))
                .find("big-endian"),
            std::string::npos);
  EXPECT_NE(errorOf(withDict("{'descr': '<f4', 'fortran_order': True, "
                             "'shape': (2, 1, 2), }"))
                .find("Fortran-order"),
            std::string::npos);
  EXPECT_NE(errorOf(withDict("{'descr': '<f4', 'fortran_order': False, "
                             "'shape': (-2,), }"))
                .find("non-negative integer"),
            std::string::npos);
  EXPECT_NE(errorOf(withDict("{'descr': '<f4', 'fortran_order': False, "
                             "'shape': (4294967296, 4294967296), }"))
                .find("exceeds 2^62 bytes"),
            std::string::npos);
  EXPECT_NE(errorOf(withDict("['descr', '<f4']")).find("expected '{'"),
            std::string::npos);
  EXPECT_NE(errorOf(withDict("{'descr': [('a', '<f4')], 'fortran_order': "
                             "False, 'shape': (2,), }"))
                .find("header"),
            std::string::npos);
  EXPECT_NE(errorOf(withDict("{'descr': '<f4', 'descr': '<f4', "
                             "'fortran_order': False, 'shape': (2,), }"))
                .find("appears twice"),
            std::string::npos);
  // Every message names the file.
  EXPECT_EQ(errorOf(withDict("{}")).rfind("x.npy: ", 0), 0u);
}

TEST(NpyTest, EveryTruncationIsAnErrorNotACrash) {
  std::string good = npyV1(
      "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }",
      std::string(32, '\x01'));
  for (size_t length = 0; length < good.size(); ++length)
    EXPECT_FALSE(parse(good.substr(0, length)).isOk()) << length;
}

TEST(NpyTest, FileErrors) {
  StatusOr<HostTensor> missing = readNpy("/nonexistent/dir/x.npy");
  ASSERT_FALSE(missing.isOk());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("/nonexistent/dir/x.npy"),
            std::string::npos);

  TempDir dir;
  std::string path = dir.file("bad.npy");
  std::FILE *f = std::fopen(path.c_str(), "wb");
  std::fputs("not numpy at all", f);
  std::fclose(f);
  StatusOr<HostTensor> bad = readNpy(path);
  ASSERT_FALSE(bad.isOk());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("bad.npy: not a valid .npy file"),
            std::string::npos);

  // A truncated file on disk.
  std::vector<unsigned char> bytes =
      serializeNpy(HostTensor::fromVector<float>({4}, {1, 2, 3, 4}));
  f = std::fopen(path.c_str(), "wb");
  std::fwrite(bytes.data(), 1, bytes.size() - 3, f);
  std::fclose(f);
  bad = readNpy(path);
  ASSERT_FALSE(bad.isOk());
  EXPECT_NE(bad.status().message().find("needs 16 bytes of data, the file has 13"),
            std::string::npos);

  EXPECT_FALSE(writeNpy("/nonexistent/dir/y.npy", HostTensor()).isOk());
}

TEST(NpyTest, HalfPrecisionConversions) {
  EXPECT_EQ(floatToHalf(1.0f), 0x3c00);
  EXPECT_EQ(floatToHalf(-2.0f), 0xc000);
  EXPECT_EQ(floatToHalf(65504.0f), 0x7bff);
  EXPECT_EQ(floatToHalf(1e6f), 0x7c00);
  EXPECT_EQ(floatToHalf(5.96046448e-8f), 0x0001); // smallest subnormal
  EXPECT_EQ(halfToFloat(0x0001), 5.96046448e-8f);
  EXPECT_EQ(halfToFloat(0x3555), 0.333251953125f);
  for (uint32_t bits = 0; bits < 0x7c00; ++bits)
    ASSERT_EQ(floatToHalf(halfToFloat(uint16_t(bits))), bits);
  EXPECT_EQ(floatToBfloat16(1.0f), 0x3f80);
  EXPECT_EQ(bfloat16ToFloat(0xc000), -2.0f);
  // Round to nearest even: 1 + 2^-8 is halfway between two bf16 values.
  EXPECT_EQ(floatToBfloat16(1.00390625f), 0x3f80);
  EXPECT_EQ(floatToBfloat16(1.01171875f), 0x3f82);
}

} // namespace
