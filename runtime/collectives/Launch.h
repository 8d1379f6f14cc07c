//===- Launch.h - Processes started by mpirun or srun -----------*- C++ -*-===//
//
// Part of Tessera. Multi-node runs use an existing launcher: each process
// runs the rank the launcher gives it. detectLaunch reads the launcher's
// environment, before anything is initialized, so that a launch whose size
// differs from the artifact's mesh is refused before any work:
//
//   OpenMPI mpirun      OMPI_COMM_WORLD_SIZE, OMPI_COMM_WORLD_RANK
//                       (OMPI_COMM_WORLD_LOCAL_SIZE and _LOCAL_RANK: ranks
//                       on this node, and this one among them)
//   MPICH, Slurm PMI-2  PMI_SIZE, PMI_RANK (MPI_LOCALNRANKS, MPI_LOCALRANKID)
//   PMIx (srun --mpi=pmix)  PMIX_RANK, the size from Slurm below
//   srun                SLURM_PROCID with SLURM_STEP_NUM_TASKS, or with
//                       SLURM_NTASKS inside a job step (SLURM_STEP_ID set):
//                       a batch script itself also has SLURM_NTASKS and
//                       SLURM_PROCID=0 but is not one of the tasks
//                       (SLURM_NTASKS_PER_NODE: ranks on this node;
//                       SLURM_LOCALID: this one among them)
//
// connectMpi then connects the processes with MPI (when this build has it).
//
//===----------------------------------------------------------------------===//

#ifndef TESSERA_RUNTIME_COLLECTIVES_LAUNCH_H
#define TESSERA_RUNTIME_COLLECTIVES_LAUNCH_H

#include "runtime/collectives/Communicator.h"

#include <functional>
#include <memory>
#include <string>

namespace tessera::runtime {

struct LaunchInfo {
  /// Whether a launcher started this process (even as the only rank).
  bool launched = false;
  /// The number of processes, and this one's rank.
  uint32_t worldSize = 1, rank = 0;
  /// Processes on this node, 0 when the launcher does not say.
  uint32_t localSize = 0;
  /// This process's rank among those of its node
  /// (OMPI_COMM_WORLD_LOCAL_RANK, MPI_LOCALRANKID, SLURM_LOCALID), -1 when
  /// the launcher does not say: a cuda device uses GPU localRank % count.
  int32_t localRank = -1;
  /// Which variables said so, for messages: "mpirun
  /// (OMPI_COMM_WORLD_SIZE=4)".
  std::string source;
};

/// Reads the launcher's environment through `getenv` (::getenv by
/// default). kInvalidArgument when a variable is malformed (not a number, a
/// rank outside the size).
StatusOr<LaunchInfo>
detectLaunch(const std::function<const char *(const char *)> &getenv = {});

/// Whether this build can connect processes (MPI was found when it was
/// built).
bool haveMpi();
/// "Open MPI v4.1.4, ..." (the library's version string), or "" without MPI.
std::string mpiLibraryVersion();

/// Connects this process to the others of `launch` with MPI (MPI_Init, a
/// communicator over MPI_COMM_WORLD) and checks that MPI agrees with the
/// launcher's environment. kUnavailable when the build has no MPI.
StatusOr<std::shared_ptr<Communicator>> connectMpi(const LaunchInfo &launch,
                                                   double timeoutSeconds);

/// Whether this build has the nccl communicator (the NCCL header was found;
/// the library itself is loaded at run time).
bool haveNccl();

/// Whether NCCL can be used here: ok when this build has the nccl
/// communicator and libnccl.so.2 loads with every function it needs;
/// kUnavailable saying why not.
Status ncclLibraryStatus();

/// The nccl communicator of this rank, on CUDA device `cudaDevice`: one
/// per rank of `bootstrap`'s world, which carries NCCL's unique id (MPI
/// across processes, local for GPUs of one process) and failure notices.
/// Its buffers are device memory. Its operations run on `stream` (a
/// CUstream of the device's primary context: the cuda device's
/// communication stream), or on a stream of its own when null. Creating
/// it is collective: every rank of the world calls it at once (ranks of
/// one process from their own threads). kUnavailable, saying plainly why,
/// when there is no NVIDIA driver, no GPU or no NCCL library.
StatusOr<std::shared_ptr<Communicator>>
connectNccl(std::shared_ptr<Communicator> bootstrap, int cudaDevice,
            double timeoutSeconds, void *stream = nullptr);

} // namespace tessera::runtime

#endif // TESSERA_RUNTIME_COLLECTIVES_LAUNCH_H
