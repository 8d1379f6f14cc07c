//===- Npy.cpp - NumPy .npy files -----------------------------------------===//
//
// Part of Tessera. The format: "\x93NUMPY", major and minor version bytes, a
// little-endian header length (2 bytes in 1.0, 4 in 2.0 and 3.0), then the
// header, a Python dict literal such as
//   {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
// padded with spaces and ending in '\n', then the raw data.
//
//===----------------------------------------------------------------------===//

#include "runtime/base/Npy.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>

namespace tessera::runtime {
namespace {

constexpr unsigned char kMagic[6] = {0x93, 'N', 'U', 'M', 'P', 'Y'};
/// No sane header comes near this; it bounds what a hostile file makes us read.
constexpr uint32_t kMaxHeaderLength = 1 << 20;

Status malformed(const std::string &name, const std::string &what) {
  return Status(StatusCode::kInvalidArgument,
                name + ": not a valid .npy file: " + what);
}

/// A value of the header dict.
struct Value {
  enum Kind { String, Bool, Tuple } kind = String;
  std::string text;
  bool flag = false;
  std::vector<int64_t> items;
};

/// Parses the restricted Python literal numpy writes (and np.load accepts
/// through ast.literal_eval): a dict of string keys whose values are
/// strings, True/False or tuples of non-negative integers.
class HeaderParser {
public:
  explicit HeaderParser(const std::string &text) : s_(text) {}

  Status parse(std::map<std::string, Value> &out) {
    skipSpace();
    if (!consume('{'))
      return error("expected '{'");
    skipSpace();
    while (!peek('}')) {
      std::string key;
      TESSERA_RETURN_IF_ERROR(parseString(key));
      skipSpace();
      if (!consume(':'))
        return error("expected ':' after '" + key + "'");
      skipSpace();
      Value value;
      TESSERA_RETURN_IF_ERROR(parseValue(value));
      if (out.count(key))
        return error("key '" + key + "' appears twice");
      out[key] = value;
      skipSpace();
      if (consume(',')) {
        skipSpace();
        continue;
      }
      if (!peek('}'))
        return error("expected ',' or '}'");
    }
    consume('}');
    skipSpace();
    if (pos_ != s_.size())
      return error("unexpected text after the header dict");
    return Status::ok();
  }

private:
  Status error(const std::string &what) const {
    return Status(StatusCode::kInvalidArgument,
                  "header " + what + " at character " + std::to_string(pos_));
  }
  void skipSpace() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' ||
                                s_[pos_] == '\n' || s_[pos_] == '\r'))
      ++pos_;
  }
  bool peek(char c) const { return pos_ < s_.size() && s_[pos_] == c; }
  bool consume(char c) {
    if (!peek(c))
      return false;
    ++pos_;
    return true;
  }
  Status parseString(std::string &out) {
    if (!peek('\'') && !peek('"'))
      return error("expected a quoted string");
    char quote = s_[pos_++];
    size_t end = s_.find(quote, pos_);
    if (end == std::string::npos)
      return error("unterminated string");
    out = s_.substr(pos_, end - pos_);
    if (out.find('\\') != std::string::npos)
      return error("escapes in strings are not supported");
    pos_ = end + 1;
    return Status::ok();
  }
  Status parseValue(Value &value) {
    if (peek('\'') || peek('"')) {
      value.kind = Value::String;
      return parseString(value.text);
    }
    if (s_.compare(pos_, 4, "True") == 0) {
      value.kind = Value::Bool;
      value.flag = true;
      pos_ += 4;
      return Status::ok();
    }
    if (s_.compare(pos_, 5, "False") == 0) {
      value.kind = Value::Bool;
      value.flag = false;
      pos_ += 5;
      return Status::ok();
    }
    if (consume('(')) {
      value.kind = Value::Tuple;
      skipSpace();
      while (!peek(')')) {
        int64_t number = 0;
        size_t start = pos_;
        while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') {
          if (number > (INT64_MAX - 9) / 10)
            return error("dimension too large");
          number = number * 10 + (s_[pos_] - '0');
          ++pos_;
        }
        // Python 2 era files may spell dimensions as longs: (2L, 3L).
        if (pos_ < s_.size() && s_[pos_] == 'L')
          ++pos_;
        if (pos_ == start)
          return error("expected a non-negative integer in the shape");
        value.items.push_back(number);
        skipSpace();
        if (consume(',')) {
          skipSpace();
          continue;
        }
        if (!peek(')'))
          return error("expected ',' or ')' in the shape");
      }
      consume(')');
      return Status::ok();
    }
    return error("expected a string, True, False or a tuple");
  }

  const std::string &s_;
  size_t pos_ = 0;
};

Status descrToDType(const std::string &descr, DType &dtype) {
  if (descr.size() < 2)
    return Status(StatusCode::kInvalidArgument, "unknown descr '" + descr + "'");
  char order = descr[0];
  std::string kind = descr.substr(1);
  struct Entry {
    const char *code;
    DType dtype;
  };
  static const Entry kEntries[] = {
      {"f4", DType::F32}, {"f2", DType::F16}, {"f8", DType::F64},
      {"i1", DType::I8},  {"i2", DType::I16}, {"i4", DType::I32},
      {"i8", DType::I64}, {"u1", DType::U8},  {"u2", DType::U16},
      {"u4", DType::U32}, {"u8", DType::U64}, {"b1", DType::Bool},
      {"V2", DType::BF16},
  };
  for (const Entry &entry : kEntries) {
    if (kind != entry.code)
      continue;
    bool oneByte = dtypeSize(entry.dtype) == 1;
    // V2 holds opaque bytes: '|' and '<' both mean "as stored", which for
    // ml_dtypes' bfloat16 is little-endian on every machine that writes it.
    bool byteOrderFree = oneByte || entry.dtype == DType::BF16;
    if (order == '>' && !byteOrderFree)
      return Status(StatusCode::kInvalidArgument,
                    "big-endian data ('" + descr +
                        "') is not supported; save it little-endian "
                        "(arr.astype(arr.dtype.newbyteorder('<')))");
    if (order == '<' || order == '=' || (order == '|' && byteOrderFree) ||
        (order == '>' && byteOrderFree)) {
      dtype = entry.dtype;
      return Status::ok();
    }
  }
  return Status(StatusCode::kInvalidArgument,
                "unsupported element type descr '" + descr +
                    "' (supported: f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1, and "
                    "V2 for bfloat16)");
}

/// The header, decoded: the type and the number of bytes before the data.
struct NpyHeader {
  TensorType type;
  size_t dataOffset = 0;
};

/// Decodes the header from the first bytes of a file; `available` bytes are
/// at `data`. Sets `needed` and returns ok with needed > available when more
/// bytes are needed to decide.
Status parseHeader(const unsigned char *data, size_t available,
                   const std::string &name, NpyHeader &header, size_t &needed) {
  needed = 10;
  if (available < needed)
    return malformed(name, "file is " + std::to_string(available) +
                               " bytes, shorter than a .npy preamble");
  if (std::memcmp(data, kMagic, 6) != 0)
    return malformed(name, "missing the \\x93NUMPY magic string");
  unsigned major = data[6], minor = data[7];
  if ((major != 1 && major != 2 && major != 3) || minor != 0)
    return malformed(name, "unsupported format version " +
                               std::to_string(major) + "." +
                               std::to_string(minor) +
                               " (1.0, 2.0 and 3.0 are)");
  size_t lengthBytes = major == 1 ? 2 : 4;
  needed = 8 + lengthBytes;
  if (available < needed)
    return malformed(name, "truncated header length");
  uint32_t headerLength = data[8] | (uint32_t(data[9]) << 8);
  if (lengthBytes == 4)
    headerLength |= (uint32_t(data[10]) << 16) | (uint32_t(data[11]) << 24);
  if (headerLength > kMaxHeaderLength)
    return malformed(name, "header length " + std::to_string(headerLength) +
                               " is implausibly large");
  needed = 8 + lengthBytes + headerLength;
  if (available < needed)
    return Status::ok(); // the caller reads more
  std::string text(reinterpret_cast<const char *>(data) + 8 + lengthBytes,
                   headerLength);
  if (text.find('\0') != std::string::npos)
    return malformed(name, "header contains a NUL byte");

  std::map<std::string, Value> dict;
  Status parsed = HeaderParser(text).parse(dict);
  if (!parsed.isOk())
    return malformed(name, parsed.message());
  for (const auto &entry : dict)
    if (entry.first != "descr" && entry.first != "fortran_order" &&
        entry.first != "shape")
      return malformed(name, "unexpected header key '" + entry.first + "'");
  auto descr = dict.find("descr");
  auto fortran = dict.find("fortran_order");
  auto shape = dict.find("shape");
  if (descr == dict.end() || descr->second.kind != Value::String)
    return malformed(name, "header has no 'descr' string");
  if (fortran == dict.end() || fortran->second.kind != Value::Bool)
    return malformed(name, "header has no 'fortran_order' True/False");
  if (shape == dict.end() || shape->second.kind != Value::Tuple)
    return malformed(name, "header has no 'shape' tuple");
  Status dtypeStatus = descrToDType(descr->second.text, header.type.dtype);
  if (!dtypeStatus.isOk())
    return Status(StatusCode::kInvalidArgument,
                  name + ": " + dtypeStatus.message());
  header.type.shape = shape->second.items;
  // One-dimensional and scalar arrays are the same in either order.
  int nonTrivial = 0;
  for (int64_t dim : header.type.shape)
    nonTrivial += dim > 1;
  if (fortran->second.flag && nonTrivial > 1)
    return Status(StatusCode::kInvalidArgument,
                  name + ": Fortran-order arrays are not supported; save a "
                         "C-order array (np.ascontiguousarray)");
  StatusOr<int64_t> count =
      checkedNumElements(header.type.shape, header.type.dtype);
  if (!count.isOk())
    return malformed(name, count.status().message());
  header.dataOffset = needed;
  return Status::ok();
}

} // namespace

const char *npyDescr(DType dtype) {
  switch (dtype) {
  case DType::F32:
    return "<f4";
  case DType::F16:
    return "<f2";
  case DType::BF16:
    return "<V2";
  case DType::F64:
    return "<f8";
  case DType::I8:
    return "|i1";
  case DType::I16:
    return "<i2";
  case DType::I32:
    return "<i4";
  case DType::I64:
    return "<i8";
  case DType::U8:
    return "|u1";
  case DType::U16:
    return "<u2";
  case DType::U32:
    return "<u4";
  case DType::U64:
    return "<u8";
  case DType::Bool:
    return "|b1";
  }
  return "?";
}

StatusOr<HostTensor> parseNpy(const void *data, size_t size,
                              const std::string &name) {
  const auto *bytes = static_cast<const unsigned char *>(data);
  NpyHeader header;
  size_t needed = 0;
  TESSERA_RETURN_IF_ERROR(parseHeader(bytes, size, name, header, needed));
  if (needed > size)
    return malformed(name, "truncated header (" + std::to_string(size) +
                               " bytes, the header needs " +
                               std::to_string(needed) + ")");
  size_t dataSize = header.type.byteSize();
  size_t have = size - header.dataOffset;
  if (have != dataSize)
    return malformed(name, header.type.toString() + " needs " +
                               std::to_string(dataSize) +
                               " bytes of data, the file has " +
                               std::to_string(have));
  TESSERA_ASSIGN_OR_RETURN(HostTensor tensor, HostTensor::allocate(header.type));
  if (dataSize)
    std::memcpy(tensor.data(), bytes + header.dataOffset, dataSize);
  return tensor;
}

StatusOr<HostTensor> readNpy(const std::string &path) {
  std::FILE *file = std::fopen(path.c_str(), "rb");
  if (!file)
    return Status(StatusCode::kNotFound,
                  "cannot open '" + path + "': " + std::strerror(errno));
  struct Closer {
    std::FILE *f;
    ~Closer() { std::fclose(f); }
  } closer{file};
  if (std::fseek(file, 0, SEEK_END) != 0)
    return Status(StatusCode::kInvalidArgument,
                  "cannot read '" + path + "': not a regular file");
  long fileSize = std::ftell(file);
  if (fileSize < 0)
    return Status(StatusCode::kInvalidArgument,
                  "cannot read '" + path + "': not a regular file");
  std::rewind(file);

  // Read the preamble, then the whole header, then the data straight into
  // the tensor.
  std::vector<unsigned char> head(12);
  size_t got = std::fread(head.data(), 1, head.size(), file);
  NpyHeader header;
  size_t needed = 0;
  TESSERA_RETURN_IF_ERROR(parseHeader(head.data(), got, path, header, needed));
  if (needed > got) {
    if (needed > size_t(fileSize))
      return malformed(path, "truncated header (the file is " +
                                 std::to_string(fileSize) +
                                 " bytes, the header needs " +
                                 std::to_string(needed) + ")");
    head.resize(needed);
    got += std::fread(head.data() + got, 1, needed - got, file);
    TESSERA_RETURN_IF_ERROR(
        parseHeader(head.data(), got, path, header, needed));
    if (needed > got)
      return malformed(path, "truncated header");
  }
  size_t dataSize = header.type.byteSize();
  size_t have = size_t(fileSize) - header.dataOffset;
  if (have != dataSize)
    return malformed(path, header.type.toString() + " needs " +
                               std::to_string(dataSize) +
                               " bytes of data, the file has " +
                               std::to_string(have));
  TESSERA_ASSIGN_OR_RETURN(HostTensor tensor, HostTensor::allocate(header.type));
  if (std::fseek(file, long(header.dataOffset), SEEK_SET) != 0 ||
      std::fread(tensor.data(), 1, dataSize, file) != dataSize)
    return Status(StatusCode::kInvalidArgument,
                  "cannot read the data of '" + path + "'");
  return tensor;
}

namespace {
/// The preamble and header of a tensor's .npy file.
std::vector<unsigned char> npyHeaderBytes(const HostTensor &tensor) {
  std::string dict = std::string("{'descr': '") + npyDescr(tensor.dtype()) +
                     "', 'fortran_order': False, 'shape': (";
  const std::vector<int64_t> &shape = tensor.shape();
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      dict += ", ";
    dict += std::to_string(shape[i]);
  }
  dict += shape.size() == 1 ? ",), }" : "), }";
  // As np.save does (byte for byte): room for the first dimension to grow
  // to 21 digits, then padding so that the data starts at a multiple of 64,
  // ending in '\n'.
  if (!shape.empty())
    dict += std::string(21 - std::to_string(shape[0]).size(), ' ');
  size_t lengthBytes = 2;
  int major = 1;
  size_t total = 8 + lengthBytes + dict.size() + 1;
  if ((total + 63) / 64 * 64 - 8 - lengthBytes > 0xffff) {
    major = 2;
    lengthBytes = 4;
    total = 8 + lengthBytes + dict.size() + 1;
  }
  size_t padded = (total + 63) / 64 * 64;
  std::string header = dict + std::string(padded - total, ' ') + "\n";
  uint32_t headerLength = uint32_t(header.size());

  std::vector<unsigned char> out(kMagic, kMagic + 6);
  out.push_back(static_cast<unsigned char>(major));
  out.push_back(0);
  for (size_t i = 0; i < lengthBytes; ++i)
    out.push_back(static_cast<unsigned char>(headerLength >> (8 * i)));
  out.insert(out.end(), header.begin(), header.end());
  return out;
}
} // namespace

std::vector<unsigned char> serializeNpy(const HostTensor &tensor) {
  std::vector<unsigned char> out = npyHeaderBytes(tensor);
  const auto *data = static_cast<const unsigned char *>(tensor.data());
  out.insert(out.end(), data, data + tensor.byteSize());
  return out;
}

Status writeNpy(const std::string &path, const HostTensor &tensor) {
  std::vector<unsigned char> header = npyHeaderBytes(tensor);
  std::FILE *file = std::fopen(path.c_str(), "wb");
  if (!file)
    return Status(StatusCode::kInvalidArgument,
                  "cannot write '" + path + "': " + std::strerror(errno));
  bool ok = std::fwrite(header.data(), 1, header.size(), file) == header.size();
  if (ok && tensor.byteSize())
    ok = std::fwrite(tensor.data(), 1, tensor.byteSize(), file) ==
         tensor.byteSize();
  int closed = std::fclose(file);
  if (!ok || closed != 0)
    return Status(StatusCode::kInvalidArgument,
                  "cannot write '" + path + "': " + std::strerror(errno));
  return Status::ok();
}

} // namespace tessera::runtime
