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
  int id = int(rank);
  if (!lanes_.count(id))
    lanes_[id] = device + " (rank " + std::to_string(rank) + ")";
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
  e.microbatch = event.microbatch;
  e.stage = event.stage;
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
  e.idleNs = addPipelineSpans(e.lane, e.run, event.startNs,
                              event.startNs + event.durationNs);
  int runLane = e.lane;
  events_.push_back(std::move(e));
  laneRunsEnd_[runLane] = events_.size();
}

int64_t ChromeTrace::addPipelineSpans(int lane, uint64_t run, int64_t startNs,
                                      int64_t endNs) {
  // The run's commands in program order. A receive belongs to no span: it
  // is waiting for another stage, which is the idle time the trace shows.
  // Only events after the lane's previous run can be this run's, so a long
  // traced benchmark does not rescan every earlier run.
  auto previous = laneRunsEnd_.find(lane);
  std::vector<const Event *> commands;
  for (size_t i = previous == laneRunsEnd_.end() ? 0 : previous->second;
       i < events_.size(); ++i) {
    const Event &e = events_[i];
    if (e.lane == lane && e.run == run && e.command >= 0 &&
        e.category != "Recv")
      commands.push_back(&e);
  }
  std::sort(
      commands.begin(), commands.end(),
      [](const Event *a, const Event *b) { return a->command < b->command; });
  bool pipelined = false;
  for (const Event *e : commands)
    pipelined |= e->microbatch >= 0;
  if (!pipelined)
    return -1;

  // Spans: maximal stretches of consecutive commands of one (microbatch,
  // stage); a command outside pipelines (rank 0 joining the outputs) is in
  // no span and counts as work, not idle time.
  struct Span {
    int32_t microbatch, stage;
    int64_t startNs, endNs;
  };
  std::vector<Span> spans;
  std::vector<std::pair<int64_t, int64_t>> busy;
  for (const Event *e : commands) {
    int64_t end = e->startNs + e->durationNs;
    if (e->microbatch < 0) {
      busy.push_back({e->startNs, end});
      continue;
    }
    // Work of a microbatch on no stage (slicing it from the batch) joins
    // the span of that microbatch's stage next to it.
    if (!spans.empty() && spans.back().microbatch == e->microbatch &&
        (spans.back().stage == e->stage || spans.back().stage < 0 ||
         e->stage < 0)) {
      spans.back().endNs = std::max(spans.back().endNs, end);
      spans.back().stage = std::max(spans.back().stage, e->stage);
      continue;
    }
    spans.push_back({e->microbatch, e->stage, e->startNs, end});
  }
  std::vector<Event> added;
  for (const Span &span : spans) {
    busy.push_back({span.startNs, span.endNs});
    Event e;
    e.name = "microbatch " + std::to_string(span.microbatch);
    if (span.stage >= 0)
      e.name += " (stage " + std::to_string(span.stage) + ")";
    e.category = "Microbatch";
    e.lane = lane;
    e.run = run;
    e.startNs = span.startNs;
    e.durationNs = span.endNs - span.startNs;
    e.microbatch = span.microbatch;
    e.stage = span.stage;
    added.push_back(std::move(e));
  }
  // Idle: the run's time outside every span and every command of no
  // microbatch (so not the few hundred nanoseconds between two commands).
  std::sort(busy.begin(), busy.end());
  int64_t idle = 0, at = startNs;
  auto addIdle = [&](int64_t from, int64_t to) {
    if (to <= from)
      return;
    idle += to - from;
    Event e;
    e.name = "idle";
    e.category = "Idle";
    e.lane = lane;
    e.run = run;
    e.startNs = from;
    e.durationNs = to - from;
    added.push_back(std::move(e));
  };
  for (const auto &[from, to] : busy) {
    addIdle(at, from);
    at = std::max(at, to);
  }
  addIdle(at, endNs);
  for (Event &e : added)
    events_.push_back(std::move(e));
  return idle;
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
  for (const auto &[id, name] : lanes_)
    out += ",\n{\"name\": \"thread_name\", \"ph\": \"M\", \"pid\": 0, "
           "\"tid\": " +
           std::to_string(id) + ", \"args\": {\"name\": \"" + escape(name) +
           "\"}}";
  for (const Event &e : events_) {
    out += ",\n{\"name\": \"" + escape(e.name) + "\", \"cat\": \"" +
           escape(e.category) +
           "\", \"ph\": \"X\", \"pid\": 0, \"tid\": " + std::to_string(e.lane) +
           ", \"ts\": " + microseconds(e.startNs - origin) +
           ", \"dur\": " + microseconds(e.durationNs) + ", \"args\": {";
    if (e.command >= 0)
      out += "\"command\": " + std::to_string(e.command) + ", ";
    if (e.microbatch >= 0)
      out += "\"microbatch\": " + std::to_string(e.microbatch) + ", ";
    if (e.stage >= 0)
      out += "\"stage\": " + std::to_string(e.stage) + ", ";
    if (e.idleNs >= 0)
      out += "\"idle_us\": " + microseconds(e.idleNs) + ", ";
    out += "\"run\": " + std::to_string(e.run) + "}}";
  }
  out += "\n]}\n";
  return out;
}

namespace {
/// Tabs and newlines separate the exported fields and events.
std::string field(const std::string &text) {
  std::string out = text;
  for (char &c : out)
    if (c == '\t' || c == '\n')
      c = ' ';
  return out;
}
} // namespace

std::string ChromeTrace::exportEvents() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string out;
  for (const auto &[id, name] : lanes_)
    out += "L\t" + std::to_string(id) + "\t" + field(name) + "\n";
  for (const Event &e : events_)
    out += "E\t" + std::to_string(e.lane) + "\t" + std::to_string(e.startNs) +
           "\t" + std::to_string(e.durationNs) + "\t" +
           std::to_string(e.command) + "\t" + std::to_string(e.run) + "\t" +
           std::to_string(e.microbatch) + "\t" + std::to_string(e.stage) +
           "\t" + std::to_string(e.idleNs) + "\t" + field(e.category) + "\t" +
           field(e.name) + "\n";
  return out;
}

Status ChromeTrace::importEvents(const std::string &text) {
  std::vector<Event> events;
  std::map<int, std::string> lanes;
  size_t commands = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos)
      end = text.size();
    std::vector<std::string> parts;
    size_t at = start;
    for (;;) {
      size_t tab = text.find('\t', at);
      if (tab == std::string::npos || tab > end) {
        parts.push_back(text.substr(at, end - at));
        break;
      }
      parts.push_back(text.substr(at, tab - at));
      at = tab + 1;
    }
    start = end + 1;
    try {
      if (parts.size() == 3 && parts[0] == "L") {
        lanes[std::stoi(parts[1])] = parts[2];
      } else if (parts.size() == 11 && parts[0] == "E") {
        Event e;
        e.lane = std::stoi(parts[1]);
        e.startNs = std::stoll(parts[2]);
        e.durationNs = std::stoll(parts[3]);
        e.command = std::stoll(parts[4]);
        e.run = std::stoull(parts[5]);
        e.microbatch = std::stoi(parts[6]);
        e.stage = std::stoi(parts[7]);
        e.idleNs = std::stoll(parts[8]);
        e.category = parts[9];
        e.name = parts[10];
        commands += e.command >= 0;
        events.push_back(std::move(e));
      } else {
        return Status(StatusCode::kInvalidArgument, "malformed trace events");
      }
    } catch (const std::exception &) {
      return Status(StatusCode::kInvalidArgument, "malformed trace events");
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto &[id, name] : lanes)
    lanes_[id] = name;
  for (Event &e : events)
    events_.push_back(std::move(e));
  commands_ += commands;
  return Status::ok();
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
