//===- SchemaVersion.h - The artifact schema version --------------*- C++ -*-===//
//
// Part of Tessera. Model.schema_version of every artifact the compiler writes,
// and the only version the runtime reads. Bump it on any change to
// tessera_artifact.fbs that an older runtime cannot read (a new command
// kind, a changed meaning), and say what changed in docs/artifact-format.md.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_SCHEMAS_SCHEMAVERSION_H
#define TESSERA_RUNTIME_SCHEMAS_SCHEMAVERSION_H

#include <cstdint>

namespace tessera::artifact {

inline constexpr uint32_t kSchemaVersion = 3;

/// The FlatBuffers file identifier (also in the schema).
inline constexpr const char kFileIdentifier[] = "TSRA";

/// Segments start at multiples of this many bytes from the start of the file.
inline constexpr uint64_t kSegmentAlignment = 64;

} // namespace tessera::artifact

#endif // TESSERA_RUNTIME_SCHEMAS_SCHEMAVERSION_H
