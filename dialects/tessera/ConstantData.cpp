//===- ConstantData.cpp - The bytes of constants ---------------------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "dialects/tessera/ConstantData.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectResourceBlobManager.h"

using namespace mlir;
using namespace mlir::tessera;

FailureOr<std::string> mlir::tessera::getConstantBytes(ElementsAttr value) {
  auto type = cast<ShapedType>(value.getType());
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(value)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob)
      return failure();
    ArrayRef<char> data = blob->getData();
    return std::string(data.data(), data.size());
  }
  auto dense = dyn_cast<DenseElementsAttr>(value);
  if (!dense)
    return failure();
  Type element = type.getElementType();
  unsigned bytes = (element.getIntOrFloatBitWidth() + 7) / 8;
  std::string out;
  out.reserve(type.getNumElements() * bytes);
  auto append = [&](const APInt &bits) {
    for (unsigned i = 0; i < bytes; ++i)
      out.push_back(static_cast<char>(bits.extractBitsAsZExtValue(8, 8 * i)));
  };
  if (isa<FloatType>(element)) {
    for (const APFloat &v : dense.getValues<APFloat>())
      append(v.bitcastToAPInt());
  } else if (element.isInteger(1)) {
    for (bool v : dense.getValues<bool>())
      out.push_back(v ? 1 : 0);
  } else {
    for (const APInt &v : dense.getValues<APInt>())
      append(v);
  }
  return out;
}

ElementsAttr mlir::tessera::makeConstant(ShapedType type, StringRef bytes,
                                         StringRef name) {
  // As the importer decides: small tensors inline, so folding sees them.
  constexpr int64_t kMaxInlineElements = 64;
  Type element = type.getElementType();
  if (element.isInteger(1)) {
    SmallVector<bool> values;
    for (char byte : bytes)
      values.push_back(byte != 0);
    return DenseElementsAttr::get(type, values);
  }
  if (type.getNumElements() <= kMaxInlineElements) {
    ArrayRef<char> raw(bytes.data(), bytes.size());
    bool isSplat = false;
    if (DenseElementsAttr::isValidRawBuffer(type, raw, isSplat))
      return DenseElementsAttr::getFromRawBuffer(type, raw);
  }
  AsmResourceBlob blob = HeapAsmResourceBlob::allocateAndCopyWithAlign(
      ArrayRef<char>(bytes.data(), bytes.size()), /*align=*/64);
  return DenseResourceElementsAttr::get(type, name, std::move(blob));
}

std::string mlir::tessera::sliceBytes(StringRef bytes, ArrayRef<int64_t> shape,
                                      int64_t elementBytes,
                                      ArrayRef<int64_t> offsets,
                                      ArrayRef<int64_t> blockShape) {
  int64_t rank = shape.size();
  int64_t count = 1;
  for (int64_t size : blockShape)
    count *= size;
  std::string out;
  if (count == 0)
    return out;
  out.reserve(count * elementBytes);
  // Row-major strides of the whole tensor.
  SmallVector<int64_t> strides(rank, 1);
  for (int64_t d = rank - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * shape[d + 1];
  // Copy contiguous runs of the innermost dimension.
  int64_t run = rank ? blockShape.back() : 1;
  SmallVector<int64_t> index(rank, 0);
  for (int64_t done = 0; done < count; done += run) {
    int64_t element = 0;
    for (int64_t d = 0; d < rank; ++d)
      element += (offsets[d] + index[d]) * strides[d];
    out.append(bytes.data() + element * elementBytes, run * elementBytes);
    for (int64_t d = rank - 2; d >= 0; --d) {
      if (++index[d] < blockShape[d])
        break;
      index[d] = 0;
    }
  }
  return out;
}
