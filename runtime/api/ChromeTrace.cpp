//===- ChromeTrace.cpp - Chrome trace event files -------------------------===//
//
// Part of Tessera.
//
//===----------------------------------------------------------------------===//

#include "runtime/api/ChromeTrace.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace tessera::runtime {
namespace {

std::string escape(const std::string &text) {
  std::string out;
  for (char c : text) {
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20) {
        char code[8];
        std::snprintf(code, sizeof(code), "\\u%04x", c);
        out += code;
      } else {
        out += c;
      }
    }
  }
  return out;
}

std::string microseconds(int64_t ns) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.3f", double(ns) / 1000.0);
  return text;
}

} // namespace

int ChromeTrace::lane(const std::string &device, uint32_t rank) {
  auto found = lanes_.find(device);
  if (found != lanes_.end())
    return found->second;
  int id = int(laneNames_.size());
  lanes_[device] = id;
  laneNames_.push_back(device + " (rank " + std::to_string(rank) + ")");
  return id;
}

void ChromeTrace::onCommand(const CommandEvent &event) {
  std::lock_guard<std::mutex> lock(mutex_);
  Event e;
  e.name = event.label;
  e.category = event.kind;
  e.lane = lane(event.device, event.rank);
  e.startNs = event.startNs;
  e.durationNs = event.durationNs;
  e.command = event.command;
  e.run = event.run;
  events_.push_back(std::move(e));
  ++commands_;
}

void ChromeTrace::onRun(const RunEvent &event) {
  std::lock_guard<std::mutex> lock(mutex_);
  Event e;
  e.name = "run " + std::to_string(event.run);
  e.category = "Run";
  e.lane = lane(event.device, event.rank);
  e.startNs = event.startNs;
  e.durationNs = event.durationNs;
  e.run = event.run;
  events_.push_back(std::move(e));
}

size_t ChromeTrace::commandEvents() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return commands_;
}

std::string ChromeTrace::json() const {
  std::lock_guard<std::mutex> lock(mutex_);
  int64_t origin = 0;
  if (!events_.empty())
    origin = std::min_element(events_.begin(), events_.end(),
                              [](const Event &a, const Event &b) {
                                return a.startNs < b.startNs;
                              })
                 ->startNs;
  std::string out = "{\"displayTimeUnit\": \"ms\", \"traceEvents\": [\n";
  out += "{\"name\": \"process_name\", \"ph\": \"M\", \"pid\": 0, \"tid\": 0, "
         "\"args\": {\"name\": \"tessera\"}}";
  for (size_t i = 0; i < laneNames_.size(); ++i)
    out += ",\n{\"name\": \"thread_name\", \"ph\": \"M\", \"pid\": 0, "
           "\"tid\": " +
           std::to_string(i) + ", \"args\": {\"name\": \"" +
           escape(laneNames_[i]) + "\"}}";
  for (const Event &e : events_) {
    out += ",\n{\"name\": \"" + escape(e.name) + "\", \"cat\": \"" +
           escape(e.category) + "\", \"ph\": \"X\", \"pid\": 0, \"tid\": " +
           std::to_string(e.lane) + ", \"ts\": " +
           microseconds(e.startNs - origin) +
           ", \"dur\": " + microseconds(e.durationNs) + ", \"args\": {";
    if (e.command >= 0)
      out += "\"command\": " + std::to_string(e.command) + ", ";
    out += "\"run\": " + std::to_string(e.run) + "}}";
  }
  out += "\n]}\n";
  return out;
}

Status ChromeTrace::write(const std::string &path) const {
  std::string text = json();
  std::FILE *file = std::fopen(path.c_str(), "w");
  if (!file)
    return Status(StatusCode::kInvalidArgument,
                  "cannot write the trace to '" + path +
                      "': " + std::strerror(errno));
  bool ok = std::fwrite(text.data(), 1, text.size(), file) == text.size();
  ok = std::fclose(file) == 0 && ok;
  if (!ok)
    return Status(StatusCode::kInvalidArgument,
                  "cannot write the trace to '" + path + "'");
  return Status::ok();
}

} // namespace tessera::runtime
