//===- Strings.h - Small text helpers -----------------------------*- C++ -*-===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_BASE_STRINGS_H
#define TESSERA_RUNTIME_BASE_STRINGS_H

#include <cstdint>
#include <string>

namespace tessera::runtime {

/// `text` as a JSON string literal, quotes included.
std::string jsonString(const std::string &text);

/// "512 bytes", "1.5 KiB", "3.2 GiB"
std::string formatBytes(uint64_t bytes);

/// A number in the shortest form that reads back as the same double
/// ("0.1", "1e+30", "nan").
std::string formatNumber(double value);

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_BASE_STRINGS_H
