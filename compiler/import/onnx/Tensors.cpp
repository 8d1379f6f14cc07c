//===- Tensors.cpp - ONNX tensors into MLIR attributes --------------------===//
//
// Part of Tessera. Initializers and Constant values, in any of the forms
// ONNX stores them (raw bytes, typed repeated fields, external files),
// become MLIR attributes with their data copied exactly once. External data
// is confined to the model's directory (the line of ONNX CVE-2022-25882 and
// CVE-2024-27318): absolute paths, `..`, and links that lead elsewhere are
// refused.
//
//===----------------------------------------------------------------------===//

#include "compiler/import/onnx/ImporterImpl.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <fstream>
#include <sys/stat.h>

using namespace mlir;
using namespace mlir::tessera;
using namespace mlir::tessera::onnx_import;

Type onnx_import::convertElementType(MLIRContext *context, int32_t onnxType) {
  Builder b(context);
  switch (onnxType) {
  case onnx::TensorProto::FLOAT:
    return b.getF32Type();
  case onnx::TensorProto::DOUBLE:
    return b.getF64Type();
  case onnx::TensorProto::FLOAT16:
    return b.getF16Type();
  case onnx::TensorProto::BFLOAT16:
    return b.getBF16Type();
  case onnx::TensorProto::INT8:
    return b.getIntegerType(8);
  case onnx::TensorProto::INT16:
    return b.getIntegerType(16);
  case onnx::TensorProto::INT32:
    return b.getIntegerType(32);
  case onnx::TensorProto::INT64:
    return b.getIntegerType(64);
  case onnx::TensorProto::UINT8:
    return b.getIntegerType(8, /*isSigned=*/false);
  case onnx::TensorProto::UINT16:
    return b.getIntegerType(16, false);
  case onnx::TensorProto::UINT32:
    return b.getIntegerType(32, false);
  case onnx::TensorProto::UINT64:
    return b.getIntegerType(64, false);
  case onnx::TensorProto::BOOL:
    return b.getI1Type();
  default:
    return nullptr;
  }
}

std::string onnx_import::onnxTypeName(int32_t onnxType) {
  if (onnx::TensorProto::DataType_IsValid(onnxType))
    return onnx::TensorProto::DataType_Name(
        static_cast<onnx::TensorProto::DataType>(onnxType));
  // Types newer than the ONNX library Tessera is built with (1.12).
  static const char *const newer[] = {
      "FLOAT8E4M3FN", "FLOAT8E4M3FNUZ", "FLOAT8E5M2", "FLOAT8E5M2FNUZ",
      "UINT4",        "INT4",           "FLOAT4E2M1", "FLOAT8E8M0"};
  if (onnxType >= 17 && onnxType < 17 + static_cast<int32_t>(std::size(newer)))
    return newer[onnxType - 17];
  return "data type " + std::to_string(onnxType);
}

//===----------------------------------------------------------------------===//
// External data
//===----------------------------------------------------------------------===//

FailureOr<std::string>
ExternalDataReader::resolve(Location loc, StringRef tensorName,
                            StringRef location, uint64_t offset,
                            uint64_t size) const {
  auto refuse = [&](const Twine &why) -> FailureOr<std::string> {
    emitError(loc) << "external data of tensor '" << tensorName
                   << "' is refused: " << why;
    return failure();
  };
  if (location.empty())
    return refuse("it names no file");
  if (llvm::sys::path::is_absolute(location) ||
      llvm::sys::path::has_root_name(location))
    return refuse("the path '" + location + "' is absolute");
  for (StringRef part : llvm::make_range(llvm::sys::path::begin(location),
                                         llvm::sys::path::end(location)))
    if (part == "..")
      return refuse("the path '" + location + "' leaves the model's directory");

  // Resolve links: the real file must still be inside the real directory.
  SmallString<256> realBase, realFile, joined(baseDir);
  llvm::sys::path::append(joined, location);
  if (llvm::sys::fs::real_path(baseDir, realBase))
    return refuse("the model's directory '" + baseDir + "' cannot be resolved");
  if (llvm::sys::fs::real_path(joined, realFile))
    return refuse("the file '" + joined + "' does not exist");
  StringRef prefix = realBase.str();
  StringRef resolved = realFile.str();
  // Inside: below the directory, at a separator (or the directory is the
  // root, whose real path already ends in one).
  bool inside = resolved.starts_with(prefix) &&
                resolved.size() > prefix.size() &&
                (llvm::sys::path::is_separator(prefix.back()) ||
                 llvm::sys::path::is_separator(resolved[prefix.size()]));
  if (!inside)
    return refuse("'" + location + "' resolves to '" + resolved +
                  "', outside the model's directory");
  struct stat info;
  if (::stat(realFile.c_str(), &info) != 0 || !S_ISREG(info.st_mode))
    return refuse("'" + location + "' is not a regular file");
  // A hard link may give the same data another name anywhere on the disk.
  if (info.st_nlink > 1)
    return refuse("'" + location + "' is a hard link");
  uint64_t fileSize = static_cast<uint64_t>(info.st_size);
  if (offset > fileSize || size > fileSize - offset)
    return refuse("bytes " + Twine(offset) + " to " + Twine(offset + size) +
                  " lie beyond the end of '" + location + "' (" +
                  Twine(fileSize) + " bytes)");

  return std::string(realFile.str());
}

LogicalResult ExternalDataReader::read(Location loc, StringRef tensorName,
                                       StringRef path, uint64_t offset,
                                       MutableArrayRef<char> into) const {
  std::ifstream file(path.str(), std::ios::binary);
  file.seekg(static_cast<std::streamoff>(offset));
  file.read(into.data(), static_cast<std::streamsize>(into.size()));
  if (!file)
    return emitError(loc) << "cannot read external data of tensor '"
                          << tensorName << "' from '" << path << "'";
  return success();
}

//===----------------------------------------------------------------------===//
// Tensor data
//===----------------------------------------------------------------------===//

namespace {

/// The number of values in the typed repeated field that holds a tensor of
/// `element` (ONNX stores every type of 32 bits or fewer in int32_data).
int64_t typedFieldSize(const onnx::TensorProto &tensor, Type element) {
  switch (tensor.data_type()) {
  case onnx::TensorProto::FLOAT:
    return tensor.float_data_size();
  case onnx::TensorProto::DOUBLE:
    return tensor.double_data_size();
  case onnx::TensorProto::INT64:
    return tensor.int64_data_size();
  case onnx::TensorProto::UINT32:
  case onnx::TensorProto::UINT64:
    return tensor.uint64_data_size();
  default:
    return tensor.int32_data_size();
  }
}

/// Copies the typed repeated field of a TensorProto into `out` (the element
/// type's little-endian bytes). Returns false when the field holds the
/// wrong number of values.
bool copyTypedField(const onnx::TensorProto &tensor, Type element,
                    int64_t count, MutableArrayRef<char> out) {
  auto store = [&](auto values, auto convert) {
    if (values.size() != count)
      return false;
    using T = decltype(convert(*values.begin()));
    T *dst = reinterpret_cast<T *>(out.data());
    for (auto value : values)
      *dst++ = convert(value);
    return true;
  };
  unsigned width = element.getIntOrFloatBitWidth();
  switch (tensor.data_type()) {
  case onnx::TensorProto::FLOAT:
    return store(tensor.float_data(), [](float v) { return v; });
  case onnx::TensorProto::DOUBLE:
    return store(tensor.double_data(), [](double v) { return v; });
  case onnx::TensorProto::INT64:
    return store(tensor.int64_data(), [](int64_t v) { return v; });
  case onnx::TensorProto::UINT32:
  case onnx::TensorProto::UINT64:
    if (width == 32)
      return store(tensor.uint64_data(),
                   [](uint64_t v) { return static_cast<uint32_t>(v); });
    return store(tensor.uint64_data(), [](uint64_t v) { return v; });
  default:
    // int32_data holds every type of 32 bits or fewer (f16/bf16 as bits).
    if (width == 32)
      return store(tensor.int32_data(), [](int32_t v) { return v; });
    if (width == 16)
      return store(tensor.int32_data(),
                   [](int32_t v) { return static_cast<uint16_t>(v); });
    return store(tensor.int32_data(),
                 [](int32_t v) { return static_cast<uint8_t>(v); });
  }
}

/// A name MLIR accepts as a resource key.
std::string blobName(StringRef name) {
  std::string key;
  for (char c : name)
    key.push_back(llvm::isAlnum(c) || c == '_' || c == '.' ? c : '_');
  if (key.empty() || llvm::isDigit(key.front()))
    key.insert(key.begin(), '_');
  return key;
}

} // namespace

FailureOr<ElementsAttr>
onnx_import::importTensor(const onnx::TensorProto &tensor, StringRef name,
                          Location loc, const ExternalDataReader &externalData) {
  MLIRContext *context = loc.getContext();
  Type element = convertElementType(context, tensor.data_type());
  if (!element)
    return emitError(loc) << "tensor '" << name << "' has element type "
                          << onnxTypeName(tensor.data_type())
                          << ", which Tessera does not support";
  if (tensor.has_segment())
    return emitError(loc) << "tensor '" << name
                          << "' is segmented, which ONNX has deprecated";
  SmallVector<int64_t> shape;
  int64_t count = 1;
  for (int64_t dim : tensor.dims()) {
    if (dim < 0)
      return emitError(loc) << "tensor '" << name << "' has dimension "
                            << shape.size() << " of negative size " << dim;
    if (dim > 0 && count > kMaxTensorElements / dim)
      return emitError(loc) << "tensor '" << name
                            << "' has an absurd shape (more than 2^40 "
                               "elements)";
    shape.push_back(dim);
    count *= dim;
  }
  auto type = RankedTensorType::get(shape, element);
  // i1 is stored one byte per element, like ONNX's BOOL.
  int64_t elementBytes = (element.getIntOrFloatBitWidth() + 7) / 8;
  uint64_t bytes = static_cast<uint64_t>(count) * elementBytes;

  // Where the data lives, checked before anything is allocated: a shape may
  // claim terabytes that the file does not hold.
  bool isExternal = tensor.data_location() == onnx::TensorProto::EXTERNAL;
  if (!isExternal) {
    uint64_t held = tensor.has_raw_data()
                        ? tensor.raw_data().size()
                        : static_cast<uint64_t>(typedFieldSize(tensor, element)) *
                              elementBytes;
    if (held != bytes)
      return emitError(loc) << "tensor '" << name << "' holds " << held
                            << " bytes of data, but " << type << " needs "
                            << bytes;
  }

  // One buffer, filled once from wherever the data lives.
  constexpr size_t kAlignment = 64;
  std::optional<AsmResourceBlob> blob;
  auto allocate = [&]() -> MutableArrayRef<char> {
    blob = HeapAsmResourceBlob::allocate(bytes, kAlignment,
                                         /*dataIsMutable=*/true);
    return blob->getMutableData();
  };

  MutableArrayRef<char> data;
  if (isExternal) {
    std::string location;
    uint64_t offset = 0;
    std::optional<uint64_t> length;
    for (const onnx::StringStringEntryProto &entry : tensor.external_data()) {
      uint64_t value = 0;
      bool isNumber = !StringRef(entry.value()).getAsInteger(10, value);
      if (entry.key() == "location")
        location = entry.value();
      else if (entry.key() == "offset" && isNumber)
        offset = value;
      else if (entry.key() == "length" && isNumber)
        length = value;
      else if (entry.key() == "offset" || entry.key() == "length")
        return emitError(loc) << "external data of tensor '" << name
                              << "' has a malformed " << entry.key();
    }
    if (length && *length != bytes)
      return emitError(loc) << "external data of tensor '" << name << "' is "
                            << *length << " bytes, but " << type
                            << " needs " << bytes;
    FailureOr<std::string> path =
        externalData.resolve(loc, name, location, offset, bytes);
    if (failed(path))
      return failure();
    data = allocate();
    if (failed(externalData.read(loc, name, *path, offset, data)))
      return failure();
  } else if (tensor.has_raw_data()) {
    data = allocate();
    std::memcpy(data.data(), tensor.raw_data().data(), bytes);
  } else if (!copyTypedField(tensor, element, count, data = allocate())) {
    return emitError(loc) << "tensor '" << name
                          << "' does not hold the " << count
                          << " values its shape " << type << " needs";
  }

  // Small tensors (shapes, scalars) stay inline so that folding sees them;
  // booleans too, since dense_resource has no i1 layout.
  if (count <= kMaxInlineElements || element.isInteger(1)) {
    if (element.isInteger(1)) {
      SmallVector<bool> values;
      for (char byte : data)
        values.push_back(byte != 0);
      return ElementsAttr(DenseElementsAttr::get(type, values));
    }
    bool isSplat = false;
    if (!DenseElementsAttr::isValidRawBuffer(type, data, isSplat))
      return emitError(loc) << "tensor '" << name << "' cannot be represented";
    return ElementsAttr(DenseElementsAttr::getFromRawBuffer(type, data));
  }
  return ElementsAttr(DenseResourceElementsAttr::get(
      type, blobName(name), std::move(*blob)));
}
