//===- CollectiveConformance.h - Every collective, checked ------*- C++ -*-===//
//
// Part of Tessera (tests only). One conformance suite for every host
// communicator: the local one runs it on threads (CollectivesTest), the mpi
// one in processes under mpirun (collectives-conformance, MpiTest). Every
// rank of the world calls runCollectiveConformance at once; it runs every
// operation of the Communicator interface for several element types,
// reductions, counts (zero, not divisible by the group, large) and groups
// (the world, the world reversed, a 2x2 mesh's rows and columns, a rank
// alone), in place and not, and compares each result byte for byte with
// what this rank computes itself: inputs are a function of the sending
// rank and the element index, so every rank knows what every rank sent.
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_TEST_UNIT_RUNTIME_COLLECTIVECONFORMANCE_H
#define TESSERA_TEST_UNIT_RUNTIME_COLLECTIVECONFORMANCE_H

#include "runtime/collectives/Communicator.h"

namespace tessera::test {

/// The first difference (kInternal, naming the operation, dtype and
/// element) or the communicator's own error; `checks` counts the results
/// compared.
runtime::Status runCollectiveConformance(runtime::Communicator &c,
                                         uint64_t *checks = nullptr);

} // namespace tessera::test

#endif // TESSERA_TEST_UNIT_RUNTIME_COLLECTIVECONFORMANCE_H
