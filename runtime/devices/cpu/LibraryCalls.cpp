//===- LibraryCalls.cpp - MatMul, Conv2d, Pool2d on the CPU ---------------===//
//
// Part of Tessera. oneDNN's C++ API reports errors with exceptions
// (dnnl::error); every call into it is inside a try block here, and errors
// leave as Status values.
//
//===----------------------------------------------------------------------===//

#include "runtime/devices/cpu/LibraryCalls.h"

#include "runtime/devices/cpu/ReferenceCalls.h"

#include <oneapi/dnnl/dnnl.hpp>

#include <cstring>
#include <dlfcn.h>

namespace tessera::runtime {

using dnnl::memory;
using Dims = memory::dims;
using Tag = memory::format_tag;
constexpr auto kF32 = memory::data_type::f32;

struct LibraryContext::Impl {
  dnnl::engine engine;
  dnnl::stream stream;
};

namespace {

Status libraryError(const char *what, const dnnl::error &error) {
  return Status(StatusCode::kInternal,
                std::string("oneDNN ") + what + " failed: " + error.what());
}

/// Row-major strides of a shape.
Dims contiguousStrides(const Dims &shape) {
  Dims strides(shape.size(), 1);
  for (size_t i = shape.size(); i-- > 1;)
    strides[i - 1] = strides[i] * std::max<int64_t>(shape[i], 1);
  return strides;
}

float *pointer(void *const *buffers, int64_t index) {
  return index < 0 ? nullptr : static_cast<float *>(buffers[index]);
}

dnnl::primitive_attr makeAttributes(bool residual, Activation activation) {
  dnnl::post_ops ops;
  if (residual)
    ops.append_sum(1.f);
  switch (activation) {
  case Activation::None:
    break;
  case Activation::Relu:
    ops.append_eltwise(1.f, dnnl::algorithm::eltwise_relu, 0.f, 0.f);
    break;
  case Activation::GeluErf:
    ops.append_eltwise(1.f, dnnl::algorithm::eltwise_gelu_erf, 0.f, 0.f);
    break;
  case Activation::GeluTanh:
    ops.append_eltwise(1.f, dnnl::algorithm::eltwise_gelu_tanh, 0.f, 0.f);
    break;
  case Activation::Sigmoid:
    ops.append_eltwise(1.f, dnnl::algorithm::eltwise_logistic, 0.f, 0.f);
    break;
  case Activation::Silu:
    ops.append_eltwise(1.f, dnnl::algorithm::eltwise_swish, 1.f, 0.f);
    break;
  }
  dnnl::primitive_attr attributes;
  attributes.set_post_ops(ops);
  return attributes;
}

//===----------------------------------------------------------------------===//
// MatMul
//===----------------------------------------------------------------------===//

class OneDnnMatMul final : public PreparedCommand {
public:
  OneDnnMatMul(LibraryContext::Impl &context, const MatMulCommand &command,
               uint64_t resultBytes)
      : context_(context), command_(command), resultBytes_(resultBytes) {}

  /// Creates the primitive; false (with no error) when oneDNN cannot.
  bool create(const PrepareContext &prepare) {
    const MatMulGeometry &g = command_.geometry;
    const RankProgram &program = *prepare.program;
    bool rhsBroadcastOnly = g.batchCount() == 1 || [&] {
      for (int64_t d : g.rhsBatch)
        if (d != 1)
          return false;
      return true;
    }();
    // [B..., M, K] x [K, N]: fold the batch into M, one 2-D product.
    bool fold = rhsBroadcastOnly && !g.transposeLhs;
    bool constantWeights =
        program.buffers[command_.rhs].storage == StorageKind::Constant;
    try {
      if (fold) {
        int64_t rows = g.batchCount() * g.m;
        if (build({rows, g.k}, {g.k, 1}, weightDims2d(), weightStrides2d(),
                  {rows, g.n}, constantWeights, prepare))
          return true;
      } else if (g.batch.size() + 2 <= DNNL_MAX_NDIMS) {
        // Native n-D with broadcasting.
        Dims lhsDims = g.lhsBatch, rhsDims = g.rhsBatch, dstDims = g.batch;
        Dims lhsStorage = g.lhsBatch, rhsStorage = g.rhsBatch;
        lhsDims.insert(lhsDims.end(), {g.m, g.k});
        rhsDims.insert(rhsDims.end(), {g.k, g.n});
        dstDims.insert(dstDims.end(), {g.m, g.n});
        if (g.transposeLhs)
          lhsStorage.insert(lhsStorage.end(), {g.k, g.m});
        else
          lhsStorage.insert(lhsStorage.end(), {g.m, g.k});
        if (g.transposeRhs)
          rhsStorage.insert(rhsStorage.end(), {g.n, g.k});
        else
          rhsStorage.insert(rhsStorage.end(), {g.k, g.n});
        Dims lhsStrides = contiguousStrides(lhsStorage);
        Dims rhsStrides = contiguousStrides(rhsStorage);
        if (g.transposeLhs)
          std::swap(lhsStrides[lhsStrides.size() - 1],
                    lhsStrides[lhsStrides.size() - 2]);
        if (g.transposeRhs)
          std::swap(rhsStrides[rhsStrides.size() - 1],
                    rhsStrides[rhsStrides.size() - 2]);
        if (build(lhsDims, lhsStrides, rhsDims, rhsStrides, dstDims,
                  /*packWeights=*/false, prepare))
          return true;
      }
      // A loop over the batch of 2-D products.
      loop_ = true;
      return build({g.m, g.k}, g.transposeLhs ? Dims{1, g.m} : Dims{g.k, 1},
                   weightDims2d(), weightStrides2d(), {g.m, g.n},
                   /*packWeights=*/false, prepare);
    } catch (const dnnl::error &) {
      return false;
    }
  }

  Status run(void *const *buffers) override {
    const MatMulGeometry &g = command_.geometry;
    float *result = pointer(buffers, command_.result);
    const float *residual = pointer(buffers, command_.residual);
    // The sum post-op adds what the result holds.
    if (residual && residual != result)
      std::memcpy(result, residual, resultBytes_);
    try {
      if (command_.bias >= 0)
        bias_.set_data_handle(buffers[command_.bias]);
      if (!packed_)
        weights_.set_data_handle(buffers[command_.rhs]);
      if (!loop_) {
        source_.set_data_handle(buffers[command_.lhs]);
        destination_.set_data_handle(result);
        primitive_.execute(context_.stream, arguments());
      } else {
        const float *lhs = pointer(buffers, command_.lhs);
        const float *rhs = pointer(buffers, command_.rhs);
        const size_t rank = g.batch.size();
        std::vector<int64_t> index(rank, 0);
        for (int64_t b = 0; b < g.batchCount(); ++b) {
          int64_t lhsBatch = 0, rhsBatch = 0;
          for (size_t d = 0; d < rank; ++d) {
            lhsBatch =
                lhsBatch * g.lhsBatch[d] + (g.lhsBatch[d] == 1 ? 0 : index[d]);
            rhsBatch =
                rhsBatch * g.rhsBatch[d] + (g.rhsBatch[d] == 1 ? 0 : index[d]);
          }
          source_.set_data_handle(
              const_cast<float *>(lhs + lhsBatch * g.m * g.k));
          weights_.set_data_handle(
              const_cast<float *>(rhs + rhsBatch * g.k * g.n));
          destination_.set_data_handle(result + b * g.m * g.n);
          primitive_.execute(context_.stream, arguments());
          for (size_t d = rank; d-- > 0;) {
            if (++index[d] < g.batch[d])
              break;
            index[d] = 0;
          }
        }
      }
      context_.stream.wait();
    } catch (const dnnl::error &error) {
      return libraryError("matmul", error);
    }
    return Status::ok();
  }

  std::string label() const override { return "matmul"; }

private:
  Dims weightDims2d() const {
    return {command_.geometry.k, command_.geometry.n};
  }
  Dims weightStrides2d() const {
    return command_.geometry.transposeRhs ? Dims{1, command_.geometry.k}
                                          : Dims{command_.geometry.n, 1};
  }

  bool build(const Dims &srcDims, const Dims &srcStrides, const Dims &weiDims,
             const Dims &weiStrides, const Dims &dstDims, bool packWeights,
             const PrepareContext &prepare) {
    memory::desc src(srcDims, kF32, srcStrides);
    memory::desc weiUser(weiDims, kF32, weiStrides);
    memory::desc wei =
        packWeights ? memory::desc(weiDims, kF32, Tag::any) : weiUser;
    memory::desc dst(dstDims, kF32, contiguousStrides(dstDims));
    Dims biasDims(dstDims.size(), 1);
    biasDims.back() = command_.geometry.n;
    memory::desc bias(biasDims, kF32, contiguousStrides(biasDims));
    dnnl::primitive_attr attributes =
        makeAttributes(command_.residual >= 0, command_.activation);
    std::unique_ptr<dnnl::matmul::desc> desc;
    if (command_.bias >= 0)
      desc = std::make_unique<dnnl::matmul::desc>(src, wei, bias, dst);
    else
      desc = std::make_unique<dnnl::matmul::desc>(src, wei, dst);
    dnnl::matmul::primitive_desc pd;
    try {
      pd = dnnl::matmul::primitive_desc(*desc, attributes, context_.engine);
    } catch (const dnnl::error &) {
      return false;
    }
    primitive_ = dnnl::matmul(pd);
    source_ = memory(src, context_.engine, DNNL_MEMORY_NONE);
    destination_ = memory(dst, context_.engine, DNNL_MEMORY_NONE);
    if (command_.bias >= 0)
      bias_ = memory(bias, context_.engine, DNNL_MEMORY_NONE);
    if (packWeights) {
      // Reorder the constant weights once into oneDNN's layout.
      void *constant = (*prepare.staticBuffers)[command_.rhs];
      memory user(weiUser, context_.engine, constant);
      weights_ = memory(pd.weights_desc(), context_.engine);
      dnnl::reorder(user, weights_).execute(context_.stream, user, weights_);
      context_.stream.wait();
      packed_ = true;
    } else {
      weights_ = memory(wei, context_.engine, DNNL_MEMORY_NONE);
    }
    return true;
  }

  std::unordered_map<int, memory> arguments() const {
    std::unordered_map<int, memory> args = {{DNNL_ARG_SRC, source_},
                                            {DNNL_ARG_WEIGHTS, weights_},
                                            {DNNL_ARG_DST, destination_}};
    if (command_.bias >= 0)
      args[DNNL_ARG_BIAS] = bias_;
    return args;
  }

  LibraryContext::Impl &context_;
  MatMulCommand command_;
  uint64_t resultBytes_;
  dnnl::matmul primitive_;
  memory source_, weights_, destination_, bias_;
  bool packed_ = false;
  bool loop_ = false;
};

//===----------------------------------------------------------------------===//
// Conv2d
//===----------------------------------------------------------------------===//

class OneDnnConv2d final : public PreparedCommand {
public:
  OneDnnConv2d(LibraryContext::Impl &context, const Conv2dCommand &command,
               uint64_t resultBytes)
      : context_(context), command_(command), resultBytes_(resultBytes) {}

  bool create(const PrepareContext &prepare) {
    const Conv2dGeometry &g = command_.geometry;
    const Window2d &win = g.window;
    const RankProgram &program = *prepare.program;
    try {
      Dims srcDims = {g.n, g.c, g.h, g.w};
      Dims dstDims = {g.n, g.f, g.oh, g.ow};
      Dims weiDims = g.groups == 1
                         ? Dims{g.f, g.c, win.kernel[0], win.kernel[1]}
                         : Dims{g.groups, g.f / g.groups, g.c / g.groups,
                                win.kernel[0], win.kernel[1]};
      memory::desc srcUser(srcDims, kF32, Tag::nchw);
      memory::desc dstUser(dstDims, kF32, Tag::nchw);
      memory::desc weiUser(weiDims, kF32,
                           g.groups == 1 ? Tag::oihw : Tag::goihw);
      memory::desc srcAny(srcDims, kF32, Tag::any);
      memory::desc dstAny(dstDims, kF32, Tag::any);
      memory::desc weiAny(weiDims, kF32, Tag::any);
      memory::desc bias({g.f}, kF32, Tag::x);
      Dims strides = {win.strides[0], win.strides[1]};
      Dims dilations = {win.dilations[0] - 1, win.dilations[1] - 1};
      Dims padBegin = {win.padBegin(0), win.padBegin(1)};
      Dims padEnd = {win.padEnd(0), win.padEnd(1)};
      std::unique_ptr<dnnl::convolution_forward::desc> desc;
      if (command_.bias >= 0)
        desc = std::make_unique<dnnl::convolution_forward::desc>(
            dnnl::prop_kind::forward_inference,
            dnnl::algorithm::convolution_direct, srcAny, weiAny, bias, dstAny,
            strides, dilations, padBegin, padEnd);
      else
        desc = std::make_unique<dnnl::convolution_forward::desc>(
            dnnl::prop_kind::forward_inference,
            dnnl::algorithm::convolution_direct, srcAny, weiAny, dstAny,
            strides, dilations, padBegin, padEnd);
      dnnl::primitive_attr attributes =
          makeAttributes(command_.residual >= 0, command_.activation);
      dnnl::convolution_forward::primitive_desc pd(*desc, attributes,
                                                   context_.engine);
      primitive_ = dnnl::convolution_forward(pd);
      const dnnl::engine &engine = context_.engine;

      sourceUser_ = memory(srcUser, engine, DNNL_MEMORY_NONE);
      reorderSource_ = pd.src_desc() != srcUser;
      if (reorderSource_) {
        source_ = memory(pd.src_desc(), engine);
        sourceReorder_ = dnnl::reorder(sourceUser_, source_);
      } else {
        source_ = sourceUser_;
      }

      destinationUser_ = memory(dstUser, engine, DNNL_MEMORY_NONE);
      reorderDestination_ = pd.dst_desc() != dstUser;
      if (reorderDestination_) {
        destination_ = memory(pd.dst_desc(), engine);
        destinationReorder_ = dnnl::reorder(destination_, destinationUser_);
        if (command_.residual >= 0) {
          residualUser_ = memory(dstUser, engine, DNNL_MEMORY_NONE);
          residualReorder_ = dnnl::reorder(residualUser_, destination_);
        }
      } else {
        destination_ = destinationUser_;
      }

      weightsUser_ = memory(weiUser, engine, DNNL_MEMORY_NONE);
      bool constant =
          program.buffers[command_.weight].storage == StorageKind::Constant;
      if (pd.weights_desc() == weiUser) {
        weights_ = weightsUser_;
        if (constant) {
          weights_.set_data_handle((*prepare.staticBuffers)[command_.weight]);
          weightsFixed_ = true;
        }
      } else {
        weights_ = memory(pd.weights_desc(), engine);
        if (constant) {
          // Reorder the constant weights once.
          weightsUser_.set_data_handle(
              (*prepare.staticBuffers)[command_.weight]);
          dnnl::reorder(weightsUser_, weights_)
              .execute(context_.stream, weightsUser_, weights_);
          context_.stream.wait();
          weightsFixed_ = true;
        } else {
          weightsReorder_ = dnnl::reorder(weightsUser_, weights_);
          reorderWeights_ = true;
        }
      }
      if (command_.bias >= 0)
        bias_ = memory(bias, engine, DNNL_MEMORY_NONE);
      return true;
    } catch (const dnnl::error &) {
      return false;
    }
  }

  Status run(void *const *buffers) override {
    float *result = pointer(buffers, command_.result);
    float *residual = pointer(buffers, command_.residual);
    dnnl::stream &stream = context_.stream;
    try {
      sourceUser_.set_data_handle(buffers[command_.input]);
      if (reorderSource_)
        sourceReorder_.execute(stream, sourceUser_, source_);
      if (!weightsFixed_) {
        weightsUser_.set_data_handle(buffers[command_.weight]);
        if (reorderWeights_)
          weightsReorder_.execute(stream, weightsUser_, weights_);
      }
      destinationUser_.set_data_handle(result);
      if (residual) {
        if (reorderDestination_) {
          residualUser_.set_data_handle(residual);
          residualReorder_.execute(stream, residualUser_, destination_);
        } else if (residual != result) {
          std::memcpy(result, residual, resultBytes_);
        }
      }
      std::unordered_map<int, memory> args = {{DNNL_ARG_SRC, source_},
                                              {DNNL_ARG_WEIGHTS, weights_},
                                              {DNNL_ARG_DST, destination_}};
      if (command_.bias >= 0) {
        bias_.set_data_handle(buffers[command_.bias]);
        args[DNNL_ARG_BIAS] = bias_;
      }
      primitive_.execute(stream, args);
      if (reorderDestination_)
        destinationReorder_.execute(stream, destination_, destinationUser_);
      stream.wait();
    } catch (const dnnl::error &error) {
      return libraryError("conv2d", error);
    }
    return Status::ok();
  }

  std::string label() const override { return "conv2d"; }

private:
  LibraryContext::Impl &context_;
  Conv2dCommand command_;
  uint64_t resultBytes_;
  dnnl::convolution_forward primitive_;
  memory sourceUser_, source_, destinationUser_, destination_, residualUser_;
  memory weightsUser_, weights_, bias_;
  dnnl::reorder sourceReorder_, destinationReorder_, residualReorder_,
      weightsReorder_;
  bool reorderSource_ = false, reorderDestination_ = false,
       reorderWeights_ = false, weightsFixed_ = false;
};

//===----------------------------------------------------------------------===//
// Pool2d
//===----------------------------------------------------------------------===//

class OneDnnPool2d final : public PreparedCommand {
public:
  OneDnnPool2d(LibraryContext::Impl &context, const Pool2dCommand &command)
      : context_(context), command_(command) {}

  bool create() {
    const Pool2dGeometry &g = command_.geometry;
    const Window2d &win = g.window;
    try {
      memory::desc src({g.n, g.c, g.h, g.w}, kF32, Tag::nchw);
      memory::desc dst({g.n, g.c, g.oh, g.ow}, kF32, Tag::nchw);
      dnnl::algorithm algorithm =
          command_.kind == PoolKind::Max ? dnnl::algorithm::pooling_max
          : command_.countIncludePad
              ? dnnl::algorithm::pooling_avg_include_padding
              : dnnl::algorithm::pooling_avg_exclude_padding;
      dnnl::pooling_v2_forward::desc desc(
          dnnl::prop_kind::forward_inference, algorithm, src, dst,
          {win.strides[0], win.strides[1]}, {win.kernel[0], win.kernel[1]},
          {win.dilations[0] - 1, win.dilations[1] - 1},
          {win.padBegin(0), win.padBegin(1)}, {win.padEnd(0), win.padEnd(1)});
      dnnl::pooling_v2_forward::primitive_desc pd(desc, context_.engine);
      primitive_ = dnnl::pooling_v2_forward(pd);
      source_ = memory(src, context_.engine, DNNL_MEMORY_NONE);
      destination_ = memory(dst, context_.engine, DNNL_MEMORY_NONE);
      return true;
    } catch (const dnnl::error &) {
      return false;
    }
  }

  Status run(void *const *buffers) override {
    try {
      source_.set_data_handle(buffers[command_.input]);
      destination_.set_data_handle(buffers[command_.result]);
      primitive_.execute(context_.stream, {{DNNL_ARG_SRC, source_},
                                           {DNNL_ARG_DST, destination_}});
      context_.stream.wait();
    } catch (const dnnl::error &error) {
      return libraryError("pool2d", error);
    }
    return Status::ok();
  }

  std::string label() const override {
    return command_.kind == PoolKind::Max ? "maxpool2d" : "avgpool2d";
  }

private:
  LibraryContext::Impl &context_;
  Pool2dCommand command_;
  dnnl::pooling_v2_forward primitive_;
  memory source_, destination_;
};

bool hasEmptyDimension(const Command &command) {
  if (const auto *m = std::get_if<MatMulCommand>(&command)) {
    const MatMulGeometry &g = m->geometry;
    return g.m == 0 || g.n == 0 || g.k == 0 || g.batchCount() == 0;
  }
  if (const auto *c = std::get_if<Conv2dCommand>(&command)) {
    const Conv2dGeometry &g = c->geometry;
    return g.n == 0 || g.c == 0 || g.f == 0 || g.h == 0 || g.w == 0 ||
           g.oh == 0 || g.ow == 0;
  }
  if (const auto *p = std::get_if<Pool2dCommand>(&command)) {
    const Pool2dGeometry &g = p->geometry;
    return g.n == 0 || g.c == 0 || g.h == 0 || g.w == 0 || g.oh == 0 ||
           g.ow == 0;
  }
  return false;
}

} // namespace

LibraryContext::~LibraryContext() = default;

StatusOr<std::unique_ptr<LibraryContext>> LibraryContext::create() {
  std::unique_ptr<LibraryContext> context(new LibraryContext());
  try {
    context->impl_ = std::make_unique<Impl>();
    context->impl_->engine = dnnl::engine(dnnl::engine::kind::cpu, 0);
    context->impl_->stream = dnnl::stream(context->impl_->engine);
  } catch (const dnnl::error &error) {
    return libraryError("engine creation", error);
  }
  return context;
}

StatusOr<std::unique_ptr<PreparedCommand>>
LibraryContext::prepare(const Command &command, const PrepareContext &context,
                        bool useReference) {
  const char *label = libraryCallLabel(command);
  if (!label)
    return Status(StatusCode::kInternal, "not a library call");
  if (!useReference && !hasEmptyDimension(command)) {
    const RankProgram &program = *context.program;
    if (const auto *m = std::get_if<MatMulCommand>(&command)) {
      auto call = std::make_unique<OneDnnMatMul>(
          *impl_, *m, program.buffers[m->result].byteSize);
      if (call->create(context))
        return std::unique_ptr<PreparedCommand>(std::move(call));
    } else if (const auto *c = std::get_if<Conv2dCommand>(&command)) {
      auto call = std::make_unique<OneDnnConv2d>(
          *impl_, *c, program.buffers[c->result].byteSize);
      if (call->create(context))
        return std::unique_ptr<PreparedCommand>(std::move(call));
    } else if (const auto *p = std::get_if<Pool2dCommand>(&command)) {
      auto call = std::make_unique<OneDnnPool2d>(*impl_, *p);
      if (call->create())
        return std::unique_ptr<PreparedCommand>(std::move(call));
    }
  }
  return makeReferenceCall(command, label);
}

void setLibraryThreads(int threads) {
  // oneDNN here is built on GNU OpenMP; its omp_set_num_threads applies to
  // parallel regions the calling thread starts. Looked up at run time so
  // that nothing links an OpenMP runtime of its own.
  using SetThreads = void (*)(int);
  static SetThreads set =
      reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "omp_set_num_threads"));
  if (set && threads > 0)
    set(threads);
}

int libraryDefaultThreads() {
  using GetThreads = int (*)();
  static GetThreads get =
      reinterpret_cast<GetThreads>(dlsym(RTLD_DEFAULT, "omp_get_max_threads"));
  return get ? get() : 1;
}

std::string libraryDescription() {
  const dnnl_version_t *version = dnnl_version();
  std::string runtime = version->cpu_runtime == DNNL_RUNTIME_OMP   ? "OpenMP"
                        : version->cpu_runtime == DNNL_RUNTIME_TBB ? "TBB"
                        : version->cpu_runtime == DNNL_RUNTIME_SEQ
                            ? "sequential"
                            : "threadpool";
  return "oneDNN " + std::to_string(version->major) + "." +
         std::to_string(version->minor) + "." + std::to_string(version->patch) +
         " (" + runtime + ")";
}

} // namespace tessera::runtime
