// Watching a meeting through the C++17 wrapper (meetctl.hpp): meetctl::Meeting::watch() / events(),
// meetctl::MeetingWatch (next() as std::optional, roster(), finished(), close() from a std::thread)
// and meetctl::MeetingEvent, against the emulator (its base URL is the first argument, as
// scripts/test-c.sh passes it; demo scenario), as tests/c/test_watch.c does from C:
//
// - the Tencent meeting 1242152152161 (operator alice) polled every 100 ms: the initial joins, Zoe
//   joins, is muted through meetctl::Meeting::mute() on the event's participant, leaves, and the
//   meeting ends: joined, changed (audio_muted), left, ended, then finished; the roster matches;
// - close() from a std::thread ends a blocked next() promptly; the destructor of a moved-to watch;
// - bad arguments throw meetctl::Error naming the field (options, timeout, moved-from objects);
// - the Huawei conference 914083136: the initial joins, then a mute seen as a change (skipped with
//   a message if watch() throws meetctl::Unsupported for Huawei, as builds before its watch did).
//
// The cases share one emulator and run in order; the last one ends the Tencent meeting.
//
// Usage: test_watch_cpp BASE_URL [CASE...]   (only the named cases when some are given)
#define _POSIX_C_SOURCE 200809L

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "../common/emulator.h"
#include "meetctl.hpp"

namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

const std::string MEETING = "1242152152161";
const std::string CONF = "914083136";
const std::string HOST_PWD = "157599";
const std::string ZOE_JOINS = R"({"userid":"zoe","ms_open_id":"ms-zoe","instanceid":1,"name":"Zoe"})";
// Long enough for a run under valgrind.
const auto WAIT = std::chrono::seconds(20);

template <typename Fn>
void expect_error(int line, Fn fn, meetctl_status status, const std::string &field) {
  try {
    fn();
  } catch (const meetctl::Error &e) {
    if (e.status() != status || e.kind() != MEETCTL_ERROR_KIND_INVALID_ARGUMENT || e.field() != field) {
      std::cerr << "  CHECK FAILED line " << line << ": got status " << e.status() << " field '" << e.field()
                << "': " << e.what() << "\n";
      t_case_failed = 1;
    }
    return;
  }
  std::cerr << "  CHECK FAILED line " << line << ": no exception\n";
  t_case_failed = 1;
}
#define EXPECT_ERROR(expr, status, field) expect_error(__LINE__, [&] { (void)(expr); }, (status), (field))
#define EXPECT_INVALID(expr, field) EXPECT_ERROR(expr, MEETCTL_STATUS_INVALID_ARGUMENT, field)

meetctl::Config config() {
  meetctl::Config c;
  c.base_url(emu_base).no_proxy().timeout(std::chrono::seconds(10));
  return c;
}

meetctl::Meeting tencent() {
  const auto client = meetctl::TencentClient::enterprise(config(), "210000001", "AKIDdemo0001", "demo-secret-key-0001");
  return meetctl::Meeting::tencent(client, MEETING, meetctl::TencentUser::userid("alice", MEETCTL_INSTANCE_IOS));
}

meetctl::Meeting huawei() {
  const auto client = meetctl::HuaweiClient::without_account(config());
  return meetctl::Meeting::huawei(client.conference_with_password(CONF, HOST_PWD));
}

meetctl::WatchOptions polling() {
  meetctl::WatchOptions o;
  o.poll_interval = milliseconds(100);
  return o;
}

std::string who(const meetctl::MeetingEvent &e) {
  const auto p = e.participant();
  return p && p->name ? *p->name : std::string();
}

// The next event of `kind` about `name` (anyone when empty) within WAIT; a gap before it fails.
std::optional<meetctl::MeetingEvent> take_until(const meetctl::MeetingWatch &w, meetctl_meeting_event_kind kind,
                                                const std::string &name = std::string()) {
  const auto deadline = Clock::now() + WAIT;
  while (Clock::now() < deadline) {
    auto e = w.next(milliseconds(200));
    if (!e) {
      if (w.finished()) break;
      continue;
    }
    if (e->kind() == kind && (name.empty() || who(*e) == name)) return e;
    if (e->kind() == MEETCTL_MEETING_EVENT_KIND_GAP) {
      std::cerr << "  unexpected gap: " << e->json() << "\n";
      t_case_failed = 1;
    }
  }
  std::cerr << "  no " << meetctl_meeting_event_kind_name(kind) << " event about " << (name.empty() ? "anyone" : name)
            << " came\n";
  t_case_failed = 1;
  return std::nullopt;
}

void drive(const std::string &route, const char *json, const char *want) {
  char *body = emu_admin("POST", ("/_emulator/tencent/meetings/" + MEETING + "/" + route).c_str(), json);
  CHECK(body != nullptr);
  char *got = body ? emu_json_get(body, want) : nullptr;
  CHECK_STR(got, "true");
  free(got);
  free(body);
}

const meetctl::Participant *find(const std::vector<meetctl::Participant> &people, const std::string &id) {
  const auto it = std::find_if(people.begin(), people.end(), [&](const meetctl::Participant &p) { return p.id() == id; });
  return it == people.end() ? nullptr : &*it;
}

// ------------------------------------------------------------------ cases

void bad_arguments_name_the_field() {
  const auto m = tencent();
  meetctl::WatchOptions o;
  o.poll_interval = milliseconds(10);
  EXPECT_INVALID(m.watch(o), "options.poll_interval_ms");
  o.poll_interval = milliseconds(-1);
  EXPECT_INVALID(m.watch(o), "options.poll_interval_ms");
  o = meetctl::WatchOptions();
  o.queue = 5;
  EXPECT_INVALID(m.watch(o), "options.queue");
  o.queue = std::uint64_t{1} << 40;
  EXPECT_INVALID(m.watch(o), "options.queue");
  EXPECT_INVALID(m.events(meetctl::WatchOptions()), "options.tencent_receiver");
  o = meetctl::WatchOptions();
  o.poll = false;
  EXPECT_INVALID(m.watch(o), "options.tencent_receiver");

  auto w = m.watch(polling());
  EXPECT_INVALID(w.next(milliseconds(-1)), "timeout_ms");
  EXPECT_INVALID(w.next(std::chrono::hours(24 * 365)), "timeout_ms");
  // Moved-from objects: the C library's NULL refusals, never a crash.
  auto moved = std::move(w);
  EXPECT_ERROR(w.next(milliseconds(0)), MEETCTL_STATUS_NULL_ARGUMENT, "watch");
  EXPECT_ERROR(w.roster(), MEETCTL_STATUS_NULL_ARGUMENT, "watch");
  EXPECT_ERROR(w.close(), MEETCTL_STATUS_NULL_ARGUMENT, "watch");
  auto e = moved.next(milliseconds(0));
  CHECK(e.has_value());
  if (e) {
    auto taken = std::move(*e);
    EXPECT_ERROR(e->kind(), MEETCTL_STATUS_NULL_ARGUMENT, "event");
    CHECK(taken.kind() == MEETCTL_MEETING_EVENT_KIND_JOINED);
    CHECK(taken.kind_name() == "joined");
  }
  auto m2 = tencent();
  auto gone = std::move(m2);
  EXPECT_ERROR(m2.watch(), MEETCTL_STATUS_NULL_ARGUMENT, "meeting");
}

void close_from_another_thread_ends_a_blocked_next() {
  const auto m = tencent();
  const auto w = m.watch(polling());
  int joins = 0;
  while (w.next(milliseconds(0))) joins++;
  CHECK(joins == 6);
  Clock::time_point closed_at{};
  std::thread closer([&] {
    std::this_thread::sleep_for(milliseconds(300));
    closed_at = Clock::now();
    w.close();
  });
  const auto started = Clock::now();
  const auto e = w.next(std::chrono::seconds(60));
  const auto ended = Clock::now();
  closer.join();
  CHECK(!e);
  CHECK(ended - closed_at < std::chrono::seconds(2));
  CHECK(ended - started < std::chrono::seconds(10));
  CHECK(w.finished());
  const auto again = Clock::now();
  CHECK(!w.next(std::chrono::seconds(5)));
  CHECK(Clock::now() - again < std::chrono::seconds(1));
  w.close();
}

// HUAWEI WATCH: the conference 914083136 watched through its WebSocket: the initial roster as
// joins, then a mute seen as a change of audio_muted. Skipped (with a message) when watch() throws
// meetctl::Unsupported for Huawei, as it did before the Huawei watch was in.
void huawei_watch_sees_the_roster_and_a_mute() {
  const auto m = huawei();
  std::optional<meetctl::MeetingWatch> w;
  try {
    w.emplace(m.watch());
  } catch (const meetctl::Unsupported &e) {
    std::cout << "  skip: Huawei watch: watch() throws meetctl::Unsupported (" << e.what() << ")\n";
    CHECK(e.vendor() == MEETCTL_VENDOR_HUAWEI);
    return;
  }
  std::vector<meetctl::Participant> roster;
  const auto deadline = Clock::now() + WAIT;
  while ((roster = w->roster()).empty() && Clock::now() < deadline) std::this_thread::sleep_for(milliseconds(50));
  CHECK(!roster.empty());
  for (std::size_t i = 0; i < roster.size(); ++i) {
    const auto e = take_until(*w, MEETCTL_MEETING_EVENT_KIND_JOINED);
    if (!e) break;
    CHECK(e->participant() && e->participant()->vendor() == MEETCTL_VENDOR_HUAWEI);
  }
  const auto target = std::find_if(roster.begin(), roster.end(), [](const meetctl::Participant &p) {
    return p.audio_muted == std::optional<bool>(false);
  });
  if (target == roster.end()) return;
  m.mute(*target);
  bool seen = false;
  while (!seen) {
    const auto e = take_until(*w, MEETCTL_MEETING_EVENT_KIND_CHANGED);
    if (!e) break;
    const auto changed = e->changed();
    seen = e->participant()->id() == target->id() &&
           std::find(changed.begin(), changed.end(), MEETCTL_PARTICIPANT_FIELD_AUDIO_MUTED) != changed.end();
  }
  CHECK(seen);
  w->close();
}

void polling_sees_join_mute_leave_and_end() {
  const auto m = tencent();
  const auto w = m.watch(polling());
  const auto roster = w.roster();
  const auto listed = m.participants();
  CHECK(roster.size() == 6 && listed.size() == roster.size());
  for (std::size_t i = 0; i < roster.size() && i < listed.size(); ++i) {
    CHECK(roster[i].id() == listed[i].id());
    const auto e = w.next(milliseconds(0));
    CHECK(e.has_value());
    if (!e) break;
    CHECK(e->kind() == MEETCTL_MEETING_EVENT_KIND_JOINED);
    CHECK(e->origin() == MEETCTL_EVENT_ORIGIN_INITIAL);
    CHECK(e->participant() && e->participant()->id() == roster[i].id());
    CHECK(!e->before() && e->changed().empty());
  }

  drive("join", ZOE_JOINS.c_str(), "joined");
  std::string zoe_id;
  {
    auto joined = take_until(w, MEETCTL_MEETING_EVENT_KIND_JOINED, "Zoe");
    CHECK(joined.has_value());
    if (!joined) return;
    // The participant outlives the event it came from, and is what the controls take.
    const meetctl::Participant zoe = *joined->participant();
    joined.reset();
    zoe_id = zoe.id();
    CHECK(zoe.audio_muted == std::optional<bool>(false) && zoe.controllable);
    CHECK(find(w.roster(), zoe_id) != nullptr);
    m.mute(zoe);
  }

  const auto change = take_until(w, MEETCTL_MEETING_EVENT_KIND_CHANGED, "Zoe");
  if (change) {
    CHECK(change->origin() == MEETCTL_EVENT_ORIGIN_POLLED);
    CHECK(change->changed() == std::vector<meetctl_participant_field>{MEETCTL_PARTICIPANT_FIELD_AUDIO_MUTED});
    CHECK(change->before() && change->before()->audio_muted == std::optional<bool>(false));
    CHECK(change->participant()->audio_muted == std::optional<bool>(true));
    CHECK(change->participant()->id() == zoe_id);
    CHECK(change->json().find("\"changed\":[\"audio_muted\"]") != std::string::npos);
    CHECK(change->raw_json() == "null" && !change->reason() && !change->name());
    const auto now = w.roster();
    const auto *in_roster = find(now, zoe_id);
    CHECK(in_roster && in_roster->audio_muted == std::optional<bool>(true));
  }

  drive("leave", R"({"ms_open_id":"ms-zoe"})", "left");
  const auto left = take_until(w, MEETCTL_MEETING_EVENT_KIND_LEFT, "Zoe");
  CHECK(left && left->participant()->id() == zoe_id && left->origin() == MEETCTL_EVENT_ORIGIN_POLLED);
  CHECK(find(w.roster(), zoe_id) == nullptr && w.roster().size() == 6);

  CHECK(!w.finished());
  drive("end", nullptr, "ended");
  CHECK(take_until(w, MEETCTL_MEETING_EVENT_KIND_ENDED).has_value());
  CHECK(!w.next(milliseconds(50)));
  CHECK(w.finished());
  CHECK(w.roster().empty());
}

}  // namespace

int main(int argc, char **argv) {
  emu_base = argc > 1 ? argv[1] : "";
  t_only = argv + (argc > 1 ? 2 : 1);
  t_only_count = argc > 1 ? argc - 2 : 0;
  RUN_GUARDED(bad_arguments_name_the_field);
  RUN_GUARDED(close_from_another_thread_ends_a_blocked_next);
  RUN_GUARDED(huawei_watch_sees_the_roster_and_a_mute);
  // Last: it ends the Tencent meeting.
  RUN_GUARDED(polling_sees_join_mute_leave_and_end);
  return report(argv[0]);
}
