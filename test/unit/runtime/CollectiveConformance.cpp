//===- CollectiveConformance.cpp - Every collective, checked --------------===//
//
// Part of Tessera (tests only). Values are small integers (-5..5), exact in
// every element type and in every partial sum and product (|x| <= 5^4), so
// the expected result does not depend on the order of combination, and a
// reduction of f16 or bf16 rounds once, like the communicators do.
//
//===----------------------------------------------------------------------===//

#include "CollectiveConformance.h"

#include "runtime/base/HostTensor.h"

#include <cstring>
#include <functional>

namespace tessera::test {
using namespace runtime;

namespace {

const DType kAllTypes[] = {DType::F32, DType::F16, DType::BF16, DType::F64,
                           DType::I8,  DType::I16, DType::I32,  DType::I64,
                           DType::U8,  DType::U16, DType::U32,  DType::U64,
                           DType::Bool};
const ReduceOp kAllOps[] = {ReduceOp::Sum, ReduceOp::Max, ReduceOp::Min,
                            ReduceOp::Prod};

/// What rank `rank` sends at element `index` of step `salt`.
int64_t value(uint32_t rank, uint64_t index, uint64_t salt) {
  return int64_t((rank * 7 + index * 3 + salt) % 11) - 5;
}

/// Writes v as element i of a `dtype` buffer.
void store(DType dtype, void *data, uint64_t i, int64_t v) {
  char *p = static_cast<char *>(data) + i * dtypeSize(dtype);
  auto put = [p](auto x) { std::memcpy(p, &x, sizeof(x)); };
  switch (dtype) {
  case DType::F32:
    return put(float(v));
  case DType::F64:
    return put(double(v));
  case DType::F16:
    return put(floatToHalf(float(v)));
  case DType::BF16:
    return put(floatToBfloat16(float(v)));
  case DType::I8:
    return put(int8_t(uint64_t(v)));
  case DType::I16:
    return put(int16_t(uint64_t(v)));
  case DType::I32:
    return put(int32_t(uint64_t(v)));
  case DType::I64:
    return put(int64_t(v));
  case DType::U8:
    return put(uint8_t(uint64_t(v)));
  case DType::U16:
    return put(uint16_t(uint64_t(v)));
  case DType::U32:
    return put(uint32_t(uint64_t(v)));
  case DType::U64:
    return put(uint64_t(v));
  case DType::Bool:
    return put(uint8_t(v > 0));
  }
}

/// Element values in the type's own domain: floats exactly, signed and
/// unsigned integers as stored, bool as 0/1.
struct Element {
  double f = 0;
  int64_t s = 0;
  uint64_t u = 0;
};

Element load(DType dtype, const void *data, uint64_t i) {
  const char *p = static_cast<const char *>(data) + i * dtypeSize(dtype);
  auto get = [p](auto zero) {
    decltype(zero) x;
    std::memcpy(&x, p, sizeof(x));
    return x;
  };
  Element e;
  switch (dtype) {
  case DType::F32:
    e.f = get(float());
    break;
  case DType::F64:
    e.f = get(double());
    break;
  case DType::F16:
    e.f = halfToFloat(get(uint16_t()));
    break;
  case DType::BF16:
    e.f = bfloat16ToFloat(get(uint16_t()));
    break;
  case DType::I8:
    e.s = get(int8_t());
    break;
  case DType::I16:
    e.s = get(int16_t());
    break;
  case DType::I32:
    e.s = get(int32_t());
    break;
  case DType::I64:
    e.s = get(int64_t());
    break;
  case DType::U8:
    e.u = get(uint8_t());
    break;
  case DType::U16:
    e.u = get(uint16_t());
    break;
  case DType::U32:
    e.u = get(uint32_t());
    break;
  case DType::U64:
    e.u = get(uint64_t());
    break;
  case DType::Bool:
    e.u = get(uint8_t()) != 0;
    break;
  }
  return e;
}

/// Stores the combination of `elements` (in order) as element i.
void storeReduced(DType dtype, ReduceOp op, void *data, uint64_t i,
                  const std::vector<Element> &elements) {
  char *p = static_cast<char *>(data) + i * dtypeSize(dtype);
  if (isFloatingPoint(dtype)) {
    double acc = elements[0].f;
    for (size_t k = 1; k < elements.size(); ++k) {
      double x = elements[k].f;
      acc = op == ReduceOp::Sum    ? acc + x
            : op == ReduceOp::Prod ? acc * x
            : op == ReduceOp::Max  ? std::max(acc, x)
                                   : std::min(acc, x);
    }
    // Through the element type itself, so that -0 stays -0.
    auto put = [p](auto x) { std::memcpy(p, &x, sizeof(x)); };
    switch (dtype) {
    case DType::F32:
      put(float(acc));
      break;
    case DType::F64:
      put(double(acc));
      break;
    case DType::F16:
      put(floatToHalf(float(acc)));
      break;
    default:
      put(floatToBfloat16(float(acc)));
      break;
    }
    return;
  }
  if (dtype == DType::Bool) {
    bool acc = elements[0].u != 0;
    for (size_t k = 1; k < elements.size(); ++k)
      acc = (op == ReduceOp::Sum || op == ReduceOp::Max)
                ? (acc || elements[k].u)
                : (acc && elements[k].u);
    uint8_t b = acc;
    std::memcpy(p, &b, 1);
    return;
  }
  bool isSigned = dtype == DType::I8 || dtype == DType::I16 ||
                  dtype == DType::I32 || dtype == DType::I64;
  if (isSigned) {
    int64_t acc = elements[0].s;
    for (size_t k = 1; k < elements.size(); ++k) {
      int64_t x = elements[k].s;
      acc = op == ReduceOp::Sum    ? int64_t(uint64_t(acc) + uint64_t(x))
            : op == ReduceOp::Prod ? int64_t(uint64_t(acc) * uint64_t(x))
            : op == ReduceOp::Max  ? std::max(acc, x)
                                   : std::min(acc, x);
    }
    store(dtype, data, i, acc);
    return;
  }
  uint64_t acc = elements[0].u;
  for (size_t k = 1; k < elements.size(); ++k) {
    uint64_t x = elements[k].u;
    acc = op == ReduceOp::Sum    ? acc + x
          : op == ReduceOp::Prod ? acc * x
          : op == ReduceOp::Max  ? std::max(acc, x)
                                 : std::min(acc, x);
  }
  store(dtype, data, i, int64_t(acc));
}

class Conformance {
public:
  explicit Conformance(Communicator &c) : c_(c), r_(c.rank()), w_(c.size()) {}

  Status run(uint64_t *checks) {
    std::vector<std::vector<uint32_t>> groups;
    std::vector<uint32_t> all, reversed;
    for (uint32_t i = 0; i < w_; ++i)
      all.push_back(i);
    reversed.assign(all.rbegin(), all.rend());
    groups.push_back(all);
    if (w_ > 1)
      groups.push_back(reversed);
    if (w_ == 4) {
      // A 2x2 mesh: this rank's row and column.
      groups.push_back(r_ < 2 ? std::vector<uint32_t>{0, 1}
                              : std::vector<uint32_t>{2, 3});
      groups.push_back(r_ % 2 == 0 ? std::vector<uint32_t>{0, 2}
                                   : std::vector<uint32_t>{1, 3});
    }
    groups.push_back({r_});
    for (const auto &group : groups) {
      for (DType dtype : kAllTypes)
        for (ReduceOp op : kAllOps) {
          TESSERA_RETURN_IF_ERROR(allReduce(group, dtype, op, 7, false));
          TESSERA_RETURN_IF_ERROR(allReduce(group, dtype, op, 1, true));
        }
      TESSERA_RETURN_IF_ERROR(
          allReduce(group, DType::F32, ReduceOp::Sum, 0, false));
      TESSERA_RETURN_IF_ERROR(
          allReduce(group, DType::F32, ReduceOp::Sum, 100003, true));
      TESSERA_RETURN_IF_ERROR(
          allReduce(group, DType::BF16, ReduceOp::Max, 40000, false));
      for (DType dtype :
           {DType::F32, DType::F16, DType::I64, DType::Bool, DType::U8})
        TESSERA_RETURN_IF_ERROR(allGather(group, dtype, 5));
      TESSERA_RETURN_IF_ERROR(allGather(group, DType::F64, 0));
      for (DType dtype :
           {DType::F32, DType::BF16, DType::I32, DType::U8, DType::Bool})
        for (ReduceOp op : kAllOps)
          TESSERA_RETURN_IF_ERROR(reduceScatter(group, dtype, op, 3));
      for (DType dtype : {DType::F64, DType::I16, DType::F32})
        TESSERA_RETURN_IF_ERROR(allToAll(group, dtype, 2));
    }
    TESSERA_RETURN_IF_ERROR(permute(
        int64_t((r_ + 1) % w_), int64_t((r_ + w_ - 1) % w_), DType::F32, 6));
    // Even ranks send to the next; odd ranks receive from the previous.
    {
      bool even = r_ % 2 == 0;
      int64_t to = even && r_ + 1 < w_ ? int64_t(r_ + 1) : -1;
      int64_t from = !even ? int64_t(r_ - 1) : -1;
      TESSERA_RETURN_IF_ERROR(permute(to, from, DType::I32, 4));
    }
    TESSERA_RETURN_IF_ERROR(permute(r_, r_, DType::U16, 3));
    if (w_ > 1)
      TESSERA_RETURN_IF_ERROR(pointToPoint());
    TESSERA_RETURN_IF_ERROR(c_.barrier());
    if (checks)
      *checks = checks_;
    return Status::ok();
  }

private:
  StatusOr<HostTensor> filled(DType dtype, uint64_t count, uint32_t rank,
                              uint64_t salt) {
    TESSERA_ASSIGN_OR_RETURN(HostTensor t,
                             HostTensor::allocate(dtype, {int64_t(count)}));
    for (uint64_t i = 0; i < count; ++i)
      store(dtype, t.data(), i, value(rank, i, salt));
    return t;
  }

  Status compare(const std::string &what, DType dtype, const HostTensor &actual,
                 const HostTensor &expected) {
    ++checks_;
    size_t es = dtypeSize(dtype);
    const char *a = static_cast<const char *>(actual.data());
    const char *e = static_cast<const char *>(expected.data());
    for (int64_t i = 0; i < expected.numElements(); ++i)
      if (std::memcmp(a + size_t(i) * es, e + size_t(i) * es, es) != 0)
        return Status(StatusCode::kInternal,
                      "rank " + std::to_string(r_) + ": " + what + " of " +
                          dtypeName(dtype) + ": element " + std::to_string(i) +
                          " is " + std::to_string(elementAsDouble(actual, i)) +
                          ", expected " +
                          std::to_string(elementAsDouble(expected, i)));
    return Status::ok();
  }

  Status allReduce(const std::vector<uint32_t> &group, DType dtype, ReduceOp op,
                   uint64_t count, bool inPlace) {
    uint64_t salt = ++step_;
    std::string what =
        operationText("AllReduce", reduceOpName(op), dtype, count, group) +
        (inPlace ? " in place" : "");
    TESSERA_ASSIGN_OR_RETURN(HostTensor input, filled(dtype, count, r_, salt));
    TESSERA_ASSIGN_OR_RETURN(HostTensor result,
                             HostTensor::allocate(dtype, {int64_t(count)}));
    TESSERA_ASSIGN_OR_RETURN(HostTensor expected,
                             HostTensor::allocate(dtype, {int64_t(count)}));
    std::vector<HostTensor> members;
    for (uint32_t m : group) {
      TESSERA_ASSIGN_OR_RETURN(HostTensor t, filled(dtype, count, m, salt));
      members.push_back(std::move(t));
    }
    for (uint64_t i = 0; i < count; ++i) {
      std::vector<Element> elements;
      for (const HostTensor &t : members)
        elements.push_back(load(dtype, t.data(), i));
      storeReduced(dtype, op, expected.data(), i, elements);
    }
    HostTensor &out = inPlace ? input : result;
    TESSERA_RETURN_IF_ERROR(
        c_.allReduce(input.data(), out.data(), count, dtype, op, group)
            .withContext(what));
    return compare(what, dtype, out, expected);
  }

  Status allGather(const std::vector<uint32_t> &group, DType dtype,
                   uint64_t count) {
    uint64_t salt = ++step_;
    std::string what = operationText("AllGather", nullptr, dtype, count, group);
    uint64_t n = group.size();
    TESSERA_ASSIGN_OR_RETURN(HostTensor input, filled(dtype, count, r_, salt));
    TESSERA_ASSIGN_OR_RETURN(HostTensor result,
                             HostTensor::allocate(dtype, {int64_t(n * count)}));
    TESSERA_ASSIGN_OR_RETURN(HostTensor expected,
                             HostTensor::allocate(dtype, {int64_t(n * count)}));
    for (uint64_t j = 0; j < n; ++j)
      for (uint64_t i = 0; i < count; ++i)
        store(dtype, expected.data(), j * count + i, value(group[j], i, salt));
    TESSERA_RETURN_IF_ERROR(
        c_.allGather(input.data(), result.data(), count, dtype, group)
            .withContext(what));
    return compare(what, dtype, result, expected);
  }

  Status reduceScatter(const std::vector<uint32_t> &group, DType dtype,
                       ReduceOp op, uint64_t count) {
    uint64_t salt = ++step_;
    std::string what =
        operationText("ReduceScatter", reduceOpName(op), dtype, count, group);
    uint64_t n = group.size(), g = uint64_t(indexInGroup(group, r_));
    TESSERA_ASSIGN_OR_RETURN(HostTensor input,
                             filled(dtype, n * count, r_, salt));
    TESSERA_ASSIGN_OR_RETURN(HostTensor result,
                             HostTensor::allocate(dtype, {int64_t(count)}));
    TESSERA_ASSIGN_OR_RETURN(HostTensor expected,
                             HostTensor::allocate(dtype, {int64_t(count)}));
    std::vector<HostTensor> members;
    for (uint32_t m : group) {
      TESSERA_ASSIGN_OR_RETURN(HostTensor t, filled(dtype, n * count, m, salt));
      members.push_back(std::move(t));
    }
    for (uint64_t i = 0; i < count; ++i) {
      std::vector<Element> elements;
      for (const HostTensor &t : members)
        elements.push_back(load(dtype, t.data(), g * count + i));
      storeReduced(dtype, op, expected.data(), i, elements);
    }
    TESSERA_RETURN_IF_ERROR(
        c_.reduceScatter(input.data(), result.data(), count, dtype, op, group)
            .withContext(what));
    return compare(what, dtype, result, expected);
  }

  Status allToAll(const std::vector<uint32_t> &group, DType dtype,
                  uint64_t count) {
    uint64_t salt = ++step_;
    std::string what = operationText("AllToAll", nullptr, dtype, count, group);
    uint64_t n = group.size(), g = uint64_t(indexInGroup(group, r_));
    TESSERA_ASSIGN_OR_RETURN(HostTensor input,
                             filled(dtype, n * count, r_, salt));
    TESSERA_ASSIGN_OR_RETURN(HostTensor result,
                             HostTensor::allocate(dtype, {int64_t(n * count)}));
    TESSERA_ASSIGN_OR_RETURN(HostTensor expected,
                             HostTensor::allocate(dtype, {int64_t(n * count)}));
    for (uint64_t i = 0; i < n; ++i)
      for (uint64_t k = 0; k < count; ++k)
        store(dtype, expected.data(), i * count + k,
              value(group[i], g * count + k, salt));
    TESSERA_RETURN_IF_ERROR(
        c_.allToAll(input.data(), result.data(), count, dtype, group)
            .withContext(what));
    return compare(what, dtype, result, expected);
  }

  Status permute(int64_t to, int64_t from, DType dtype, uint64_t count) {
    uint64_t salt = ++step_;
    std::string what = "CollectivePermute of " + std::string(dtypeName(dtype)) +
                       " (send to " + std::to_string(to) + ", receive from " +
                       std::to_string(from) + ")";
    TESSERA_ASSIGN_OR_RETURN(HostTensor input, filled(dtype, count, r_, salt));
    TESSERA_ASSIGN_OR_RETURN(HostTensor result, filled(dtype, count, 99, salt));
    TESSERA_ASSIGN_OR_RETURN(HostTensor expected,
                             HostTensor::allocate(dtype, {int64_t(count)}));
    if (from >= 0)
      for (uint64_t i = 0; i < count; ++i)
        store(dtype, expected.data(), i, value(uint32_t(from), i, salt));
    TESSERA_RETURN_IF_ERROR(c_.collectivePermute(input.data(), result.data(),
                                                 count, dtype, to, from)
                                .withContext(what));
    return compare(what, dtype, result, expected);
  }

  /// Two Sends to the next rank, then two Recvs from the previous: Sends
  /// do not wait for their receiver, so a ring of them cannot deadlock.
  Status pointToPoint() {
    uint64_t salt = ++step_;
    uint32_t next = (r_ + 1) % w_, previous = (r_ + w_ - 1) % w_;
    TESSERA_ASSIGN_OR_RETURN(HostTensor a, filled(DType::F32, 3, r_, salt));
    TESSERA_ASSIGN_OR_RETURN(HostTensor b, filled(DType::I32, 2, r_, salt + 1));
    TESSERA_RETURN_IF_ERROR(c_.send(a.data(), 3, DType::F32, next));
    // The buffer may change once send() returned.
    store(DType::F32, a.data(), 0, 100);
    TESSERA_RETURN_IF_ERROR(c_.send(b.data(), 2, DType::I32, next));
    TESSERA_ASSIGN_OR_RETURN(HostTensor ra,
                             HostTensor::allocate(DType::F32, {3}));
    TESSERA_ASSIGN_OR_RETURN(HostTensor rb,
                             HostTensor::allocate(DType::I32, {2}));
    TESSERA_RETURN_IF_ERROR(c_.recv(ra.data(), 3, DType::F32, previous));
    TESSERA_RETURN_IF_ERROR(c_.recv(rb.data(), 2, DType::I32, previous));
    TESSERA_ASSIGN_OR_RETURN(HostTensor ea,
                             filled(DType::F32, 3, previous, salt));
    TESSERA_ASSIGN_OR_RETURN(HostTensor eb,
                             filled(DType::I32, 2, previous, salt + 1));
    TESSERA_RETURN_IF_ERROR(compare("Send/Recv", DType::F32, ra, ea));
    return compare("Send/Recv", DType::I32, rb, eb);
  }

  Communicator &c_;
  uint32_t r_, w_;
  uint64_t step_ = 0, checks_ = 0;
};

} // namespace

Status runCollectiveConformance(Communicator &c, uint64_t *checks) {
  return Conformance(c).run(checks);
}

} // namespace tessera::test
