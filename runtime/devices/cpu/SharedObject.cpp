//===- SharedObject.cpp - Loading kernel code from memory -----------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "runtime/devices/cpu/SharedObject.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <link.h>
#include <elf.h>
#include <sys/mman.h>
#include <unistd.h>
#include <vector>

namespace tessera::runtime {
namespace {

Status checkElfHeader(const uint8_t *bytes, size_t size,
                      const std::string &what) {
  auto fail = [&](const std::string &why) {
    return Status(StatusCode::kInvalidArtifact,
                  what + " is not an x86-64 ELF shared object: " + why);
  };
  if (size < sizeof(Elf64_Ehdr))
    return fail("it is only " + std::to_string(size) + " bytes");
  Elf64_Ehdr header;
  std::memcpy(&header, bytes, sizeof(header));
  if (std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0)
    return fail("no ELF magic");
  if (header.e_ident[EI_CLASS] != ELFCLASS64)
    return fail("not a 64-bit ELF file");
  if (header.e_ident[EI_DATA] != ELFDATA2LSB)
    return fail("not little-endian");
  if (header.e_type != ET_DYN)
    return fail("ELF type " + std::to_string(header.e_type) +
                " is not a shared object (ET_DYN)");
  if (header.e_machine != EM_X86_64)
    return fail("machine " + std::to_string(header.e_machine) +
                " is not x86-64 (" + std::to_string(EM_X86_64) + ")");
  return Status::ok();
}

bool writeAll(int fd, const uint8_t *bytes, size_t size) {
  while (size > 0) {
    ssize_t written = ::write(fd, bytes, size);
    if (written < 0) {
      if (errno == EINTR)
        continue;
      return false;
    }
    bytes += written;
    size -= size_t(written);
  }
  return true;
}

} // namespace

StatusOr<std::unique_ptr<SharedObject>>
SharedObject::load(const uint8_t *bytes, size_t size, const std::string &what) {
#if !defined(__x86_64__)
  return Status(StatusCode::kFailedPrecondition,
                what + " is x86-64 code and this machine is not x86-64");
#endif
  TESSERA_RETURN_IF_ERROR(checkElfHeader(bytes, size, what));
  std::unique_ptr<SharedObject> object(new SharedObject());
  object->what_ = what;

  std::string path;
  int fd = memfd_create("tessera-executable", MFD_CLOEXEC);
  bool temporary = false;
  if (fd >= 0) {
    path = "/proc/self/fd/" + std::to_string(fd);
  } else {
    // memfd_create can be forbidden (seccomp); a deleted temporary file
    // does as well.
    const char *dir = std::getenv("TMPDIR");
    std::string templ = std::string(dir && *dir ? dir : "/tmp") +
                        "/tessera-executable-XXXXXX";
    std::vector<char> name(templ.begin(), templ.end());
    name.push_back('\0');
    fd = mkstemp(name.data());
    if (fd < 0)
      return Status(StatusCode::kFailedPrecondition,
                    "cannot create a file to load " + what + " from: " +
                        std::strerror(errno));
    path = name.data();
    temporary = true;
  }
  object->fd_ = fd;
  if (!writeAll(fd, bytes, size)) {
    int error = errno;
    if (temporary)
      ::unlink(path.c_str());
    return Status(StatusCode::kResourceExhausted,
                  "cannot write " + what + " to load it: " +
                      std::strerror(error));
  }
  object->handle_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (temporary)
    ::unlink(path.c_str());
  if (!object->handle_) {
    const char *error = dlerror();
    return Status(StatusCode::kFailedPrecondition,
                  "cannot load " + what + ": " +
                      (error ? error : "dlopen failed"));
  }
  return object;
}

SharedObject::~SharedObject() {
  if (handle_)
    dlclose(handle_);
  if (fd_ >= 0)
    ::close(fd_);
}

StatusOr<void *> SharedObject::symbol(const std::string &name) const {
  dlerror();
  void *address = dlsym(handle_, name.c_str());
  if (!address)
    return Status(StatusCode::kInvalidArtifact,
                  what_ + " does not export kernel '" + name + "'");
  // dlsym also searches the object's dependencies: a kernel named like a
  // libc function must not resolve to libc.
  struct link_map *own = nullptr, *found = nullptr;
  Dl_info info;
  if (dlinfo(handle_, RTLD_DI_LINKMAP, &own) != 0 ||
      !dladdr1(address, &info, reinterpret_cast<void **>(&found),
               RTLD_DL_LINKMAP) ||
      found != own)
    return Status(StatusCode::kInvalidArtifact,
                  what_ + " does not define kernel '" + name +
                      "' itself (the symbol comes from " +
                      (found && found->l_name && *found->l_name
                           ? found->l_name
                           : "another library") +
                      ")");
  return address;
}

} // namespace tessera::runtime
