//===- Launch.cpp - Processes started by mpirun or srun -------------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "runtime/collectives/Launch.h"

#include <cstdlib>

namespace tessera::runtime {

#if TESSERA_HAVE_NCCL
// nccl/NcclCommunicator.cpp
StatusOr<std::shared_ptr<Communicator>>
connectNcclImpl(std::shared_ptr<Communicator> bootstrap, int cudaDevice,
                double timeoutSeconds, void *stream);
Status ncclLibraryStatusImpl();
#endif
#if TESSERA_HAVE_MPI
// mpi/MpiCommunicator.cpp
StatusOr<std::shared_ptr<Communicator>> connectMpiImpl(const LaunchInfo &launch,
                                                       double timeoutSeconds);
std::string mpiLibraryVersionImpl();
#endif

namespace {

/// A non-negative decimal below 2^31, or nothing.
bool parseCount(const char *text, uint32_t &out) {
  if (!text || !*text)
    return false;
  uint64_t value = 0;
  for (const char *p = text; *p; ++p) {
    if (*p < '0' || *p > '9')
      return false;
    value = value * 10 + uint64_t(*p - '0');
    if (value > (uint64_t(1) << 31))
      return false;
  }
  out = uint32_t(value);
  return true;
}

} // namespace

StatusOr<LaunchInfo>
detectLaunch(const std::function<const char *(const char *)> &getenvFn) {
  auto get = [&](const char *name) -> const char * {
    return getenvFn ? getenvFn(name) : std::getenv(name);
  };
  LaunchInfo info;
  const char *sizeName = nullptr, *rankName = nullptr, *localName = nullptr,
             *localRankName = nullptr;
  std::string launcher;
  if (get("OMPI_COMM_WORLD_SIZE")) {
    sizeName = "OMPI_COMM_WORLD_SIZE";
    rankName = "OMPI_COMM_WORLD_RANK";
    localName = "OMPI_COMM_WORLD_LOCAL_SIZE";
    localRankName = "OMPI_COMM_WORLD_LOCAL_RANK";
    launcher = "mpirun";
  } else if (get("PMI_SIZE")) {
    sizeName = "PMI_SIZE";
    rankName = "PMI_RANK";
    localName = "MPI_LOCALNRANKS";
    localRankName = "MPI_LOCALRANKID";
    launcher = "the MPI launcher";
  } else if (get("PMIX_RANK") &&
             (get("SLURM_STEP_NUM_TASKS") || get("SLURM_NTASKS"))) {
    sizeName =
        get("SLURM_STEP_NUM_TASKS") ? "SLURM_STEP_NUM_TASKS" : "SLURM_NTASKS";
    rankName = "PMIX_RANK";
    localName = "SLURM_NTASKS_PER_NODE";
    localRankName = "SLURM_LOCALID";
    launcher = "srun";
  } else if (get("SLURM_PROCID") &&
             (get("SLURM_STEP_NUM_TASKS") ||
              (get("SLURM_NTASKS") && get("SLURM_STEP_ID")))) {
    sizeName =
        get("SLURM_STEP_NUM_TASKS") ? "SLURM_STEP_NUM_TASKS" : "SLURM_NTASKS";
    rankName = "SLURM_PROCID";
    localName = "SLURM_NTASKS_PER_NODE";
    localRankName = "SLURM_LOCALID";
    launcher = "srun";
  } else {
    return info;
  }
  const char *sizeText = get(sizeName), *rankText = get(rankName);
  if (!parseCount(sizeText, info.worldSize) || info.worldSize == 0)
    return Status(StatusCode::kInvalidArgument,
                  std::string(sizeName) + "='" + (sizeText ? sizeText : "") +
                      "' is not a number of processes");
  if (!rankText)
    return Status(StatusCode::kInvalidArgument, std::string(sizeName) +
                                                    " is set but " + rankName +
                                                    " is not");
  if (!parseCount(rankText, info.rank) || info.rank >= info.worldSize)
    return Status(StatusCode::kInvalidArgument,
                  std::string(rankName) + "='" + rankText +
                      "' is not a rank below " + sizeName + "=" + sizeText);
  uint32_t local = 0;
  if (parseCount(get(localName), local))
    info.localSize = local;
  uint32_t localRank = 0;
  if (parseCount(get(localRankName), localRank) && localRank < (1u << 31))
    info.localRank = int32_t(localRank);
  info.launched = true;
  info.source = launcher + " (" + sizeName + "=" + sizeText + ")";
  return info;
}

bool haveMpi() {
#if TESSERA_HAVE_MPI
  return true;
#else
  return false;
#endif
}

std::string mpiLibraryVersion() {
#if TESSERA_HAVE_MPI
  return mpiLibraryVersionImpl();
#else
  return "";
#endif
}

StatusOr<std::shared_ptr<Communicator>> connectMpi(const LaunchInfo &launch,
                                                   double timeoutSeconds) {
#if TESSERA_HAVE_MPI
  return connectMpiImpl(launch, timeoutSeconds);
#else
  return Status(StatusCode::kUnavailable,
                "this process was started by " + launch.source + " as rank " +
                    std::to_string(launch.rank) + " of " +
                    std::to_string(launch.worldSize) +
                    ", but this build of the runtime has no MPI (install "
                    "libopenmpi-dev and rebuild), so it cannot talk to the "
                    "other processes; run the ranks in one process with "
                    "--devices instead");
#endif
}

bool haveNccl() {
#if TESSERA_HAVE_NCCL
  return true;
#else
  return false;
#endif
}

Status ncclLibraryStatus() {
#if TESSERA_HAVE_NCCL
  return ncclLibraryStatusImpl();
#else
  return Status(StatusCode::kUnavailable,
                "this build of the runtime has no nccl communicator (the NCCL "
                "header was not found when it was built)");
#endif
}

StatusOr<std::shared_ptr<Communicator>>
connectNccl(std::shared_ptr<Communicator> bootstrap, int cudaDevice,
            double timeoutSeconds, void *stream) {
#if TESSERA_HAVE_NCCL
  return connectNcclImpl(std::move(bootstrap), cudaDevice, timeoutSeconds,
                         stream);
#else
  return Status(StatusCode::kUnavailable,
                "this build of the runtime has no nccl communicator (the NCCL "
                "header was not found when it was built)");
#endif
}

} // namespace tessera::runtime
