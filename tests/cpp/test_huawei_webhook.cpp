// Huawei enterprise webhooks through the C++17 wrapper (meetctl.hpp): meetctl::HuaweiWebhook::
// handle() over the meeting.verify handshake (answered with its nonce, nothing delivered), a signed
// meeting.join (every getter of meetctl::HuaweiEvent), a duplicate and refusals; what the wrapper
// and the library refuse, naming the parameter, with the key in no message; a HuaweiReceiver
// closed from another thread while one waits. Then end to end with the emulator (its base URL is
// the first argument, as scripts/test-c.sh passes it) acting as Huawei Cloud Meeting: conference
// 914083136's meeting.join, meeting.left and meeting.end reach the receiver once each, with the
// participant id and display name.
//
// The signed constants are those of tests/c/test_huawei_webhook.c, made with Python's hmac module
// as its header comment says (HMAC-SHA256 over appID + timestamp + nonce + the eventInfo bytes,
// keyed with the subscriber key). The age check is off for them: the timestamp is from 2023.
//
// Usage: test_huawei_webhook_cpp [BASE_URL] [CASE...]   (only the named cases when some are given)
#define _POSIX_C_SOURCE 200809L

#include <chrono>
#include <cstdint>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "../common/emulator.h"
#include "meetctl.hpp"

namespace {

const std::string APP_ID = "meetctl-sub";
const std::string KEY = "s3cr3t-subscriber-key";
const std::string NONCE = "n0nce-1";

const std::string VERIFY_INFO = R"({"event": "meeting.verify", "timestamp": 1700000000000})";
const std::string VERIFY_SIGNATURE = "5ba2ce59a9f419ded3f446ef682574e88cb240b39d208aaf3fe49d5e1854a91d";
const std::string JOIN_INFO =
    R"({"event": "meeting.join", "timestamp": 1700000001000, "payload": {"meetingInfo": {"meetingID": "914083136", )"
    R"("meetingUUID": "u-1"}, "attendeeInfo": {"participantID": "p-9", "displayName": "Zoe", "role": 0, )"
    R"("joinTime": 1700000001000}}})";
const std::string JOIN_SIGNATURE = "206d62faaa1b39ae22c08718cb02e7942d3df1f4c55d0571bb5e1cd2c6ce9380";

const std::string CONFERENCE = "914083136";

std::string envelope(const std::string &app_id, const std::string &info, const std::string &signature) {
  return "{\"appID\":\"" + app_id + "\",\"timestamp\":1700000000000,\"nonce\":\"" + NONCE + "\",\"signature\":\"" +
         signature + "\",\"eventInfo\":" + info + "}";
}

meetctl::WebhookAnswer post(const meetctl::HuaweiWebhook &hook, const std::string &info, const std::string &signature,
                            const std::string &app_id = APP_ID) {
  return hook.handle("POST", "/hook", {}, envelope(app_id, info, signature));
}

template <typename Fn>
void expect_error(int line, Fn fn, meetctl_status status, const std::string &field) {
  try {
    fn();
  } catch (const meetctl::Error &e) {
    const std::string what = e.what();
    if (e.status() != status || e.field() != field || what.find(KEY) != std::string::npos) {
      std::cerr << "  CHECK FAILED line " << line << ": got status " << e.status() << " field '" << e.field()
                << "': " << what << "\n";
      t_case_failed = 1;
    }
    return;
  }
  std::cerr << "  CHECK FAILED line " << line << ": no exception\n";
  t_case_failed = 1;
}
#define EXPECT_ERROR(expr, status, field) expect_error(__LINE__, [&] { (void)(expr); }, (status), (field))

void the_verify_handshake_is_answered_with_its_nonce() {
  const auto hook = meetctl::HuaweiWebhook::without_age_check(APP_ID, KEY);
  auto a = post(hook, VERIFY_INFO, VERIFY_SIGNATURE);
  CHECK(a.status() == 200);
  CHECK(a.body() == "{\"event\":\"meeting.verify\",\"nonce\":\"" + NONCE + "\"}");
  CHECK(!a.refusal() && !a.duplicate() && !a.has_event());
  CHECK(!a.take_huawei_event());
}

void a_signed_join_gives_its_event_once() {
  const auto hook = meetctl::HuaweiWebhook::without_age_check(APP_ID, KEY);
  auto a = post(hook, JOIN_INFO, JOIN_SIGNATURE);
  CHECK(a.status() == 200 && a.body().empty());
  EXPECT_ERROR(a.take_event(), MEETCTL_STATUS_INVALID_ARGUMENT, "answer");  // not a Tencent event
  auto e = a.take_huawei_event();
  CHECK(e.has_value() && !a.has_event());
  if (!e) return;
  CHECK(e->name() == "meeting.join");
  CHECK(e->kind() == MEETCTL_HUAWEI_EVENT_KIND_ATTENDEE_JOINED);
  CHECK(e->id().size() == 64);
  CHECK(e->time_ms() == std::optional<std::int64_t>(1700000001000));
  CHECK(e->meeting_id() == CONFERENCE);
  CHECK(e->meeting_uuid() == std::string("u-1"));
  CHECK(!e->occurrence() && !e->user_uuid() && !e->user_agent() && !e->account() && !e->call_number());
  CHECK(e->participant_id() == std::string("p-9"));
  CHECK(e->display_name() == std::string("Zoe"));
  CHECK(e->role() == std::string("0"));
  CHECK(e->join_time_ms() == std::optional<std::int64_t>(1700000001000));
  CHECK(!e->left_time_ms());
  CHECK(e->raw_json() == JOIN_INFO);
  CHECK(e->raw()["payload"]["attendeeInfo"]["displayName"].text() == std::string("Zoe"));
  auto again = post(hook, JOIN_INFO, JOIN_SIGNATURE);
  CHECK(again.status() == 200 && again.duplicate() && !again.take_huawei_event());
}

void refusals_say_nothing_to_the_sender() {
  const auto hook = meetctl::HuaweiWebhook::without_age_check(APP_ID, KEY);
  const meetctl::HuaweiWebhook fresh(APP_ID, KEY);  // the default age check: 2023 is too old
  const auto other = meetctl::HuaweiWebhook::without_age_check(APP_ID, "another-key");
  const std::pair<meetctl::WebhookAnswer, std::string> refused[] = {
      {post(hook, JOIN_INFO, std::string(64, '0')), "signature"},
      {post(other, JOIN_INFO, JOIN_SIGNATURE), "signature"},
      {post(hook, JOIN_INFO, JOIN_SIGNATURE, "someone-else"), "appID"},
      {post(fresh, JOIN_INFO, JOIN_SIGNATURE), "timestamp"},
  };
  for (const auto &r : refused) {
    CHECK(r.first.status() == 401);
    CHECK(r.first.body() == "refused");
    CHECK(r.first.refusal() && r.first.refusal()->find(r.second) != std::string::npos);
    CHECK(!r.first.has_event());
  }
  auto get = hook.handle("GET", "/hook", {}, "");
  CHECK(get.status() == 405);
}

void bad_input_names_the_field() {
  EXPECT_ERROR(meetctl::HuaweiWebhook("", KEY), MEETCTL_STATUS_INVALID_ARGUMENT, "subscriber_id");
  EXPECT_ERROR(meetctl::HuaweiWebhook(APP_ID, KEY + "\n"), MEETCTL_STATUS_INVALID_ARGUMENT, "subscriber_key");
  EXPECT_ERROR(meetctl::HuaweiWebhook(APP_ID, std::string("k\0ey", 4)), MEETCTL_STATUS_INVALID_ARGUMENT,
               "subscriber_key");
  EXPECT_ERROR(meetctl::HuaweiWebhook(APP_ID, KEY, std::chrono::milliseconds(0)), MEETCTL_STATUS_INVALID_ARGUMENT,
               "max_age_ms");
  const meetctl::HuaweiWebhook hook(APP_ID, KEY);
  EXPECT_ERROR(hook.handle("POST", "/", {{"a", std::string("b\0", 2)}}, ""), MEETCTL_STATUS_INVALID_ARGUMENT,
               "headers[0].value");
  EXPECT_ERROR(meetctl::HuaweiReceiver::start(hook, std::string("localhost")), MEETCTL_STATUS_INVALID_ARGUMENT, "addr");
  meetctl::ReceiverOptions options;
  options.queue = UINT64_C(1) << 40;
  EXPECT_ERROR(meetctl::HuaweiReceiver::start(hook, std::nullopt, options), MEETCTL_STATUS_INVALID_ARGUMENT,
               "options.queue");
  auto receiver = meetctl::HuaweiReceiver::start(hook);
  EXPECT_ERROR(receiver.next(std::chrono::milliseconds(-1)), MEETCTL_STATUS_INVALID_ARGUMENT, "timeout_ms");
  auto moved = std::move(receiver);
  EXPECT_ERROR(receiver.pending(), MEETCTL_STATUS_NULL_ARGUMENT, "receiver");  // NOLINT(bugprone-use-after-move)
  CHECK(moved.port() != 0);
}

void close_from_another_thread_ends_a_wait() {
  auto receiver = meetctl::HuaweiReceiver::start(meetctl::HuaweiWebhook(APP_ID, KEY));
  CHECK(receiver.address().rfind("127.0.0.1:", 0) == 0);
  std::thread closer([&receiver] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    receiver.close();
  });
  const auto started = std::chrono::steady_clock::now();
  CHECK(!receiver.next(std::chrono::seconds(60)));
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
  closer.join();
}

std::string admin(const std::string &method, const std::string &path, const std::string &json) {
  char *answer = emu_admin(method.c_str(), path.c_str(), json.c_str());
  CHECK(answer != nullptr);
  std::string out = answer ? answer : "";
  free(answer);
  return out;
}

void the_emulator_delivers_join_left_and_end_once_each() {
  auto receiver = meetctl::HuaweiReceiver::start(meetctl::HuaweiWebhook(APP_ID, KEY));
  admin("PUT", "/_emulator/huawei/webhook",
        "{\"url\":\"http://127.0.0.1:" + std::to_string(receiver.port()) + "/hook\",\"subscriber_id\":\"" + APP_ID +
            "\",\"subscriber_key\":\"" + KEY + "\"}");
  const std::string base = "/_emulator/huawei/conferences/" + CONFERENCE + "/";
  const std::string joined = admin("POST", base + "join", "{\"name\":\"Zoe\"}");
  char *quoted = emu_json_get(joined.c_str(), "pid");
  const std::string pid = quoted && std::string(quoted).size() >= 2 ? std::string(quoted + 1, std::string(quoted).size() - 2) : "";
  free(quoted);
  CHECK(!pid.empty());
  admin("POST", base + "leave", "{\"pid\":\"" + pid + "\"}");
  admin("POST", base + "end", "{}");
  admin("GET", "/_emulator/huawei/webhook/idle?timeout_ms=30000", "");
  int join = 0, left = 0, end = 0;
  while (auto e = receiver.next_for(CONFERENCE, std::chrono::seconds(1))) {
    CHECK(e->meeting_id() == CONFERENCE);
    if (e->participant_id() == pid) {
      CHECK(e->display_name() == std::string("Zoe"));
      if (e->kind() == MEETCTL_HUAWEI_EVENT_KIND_ATTENDEE_JOINED) join++;
      if (e->kind() == MEETCTL_HUAWEI_EVENT_KIND_ATTENDEE_LEFT) left += join;  // after the join
    }
    if (e->kind() == MEETCTL_HUAWEI_EVENT_KIND_MEETING_ENDED) end += left;  // after the leave
  }
  if (join != 1 || left != 1 || end != 1) std::cerr << "  join " << join << ", left " << left << ", end " << end << "\n";
  CHECK(join == 1 && left == 1 && end == 1);
  CHECK(receiver.pending() == 0);
}

// An exception escaping a case fails it (run_case alone would end the program).
void failed_by(const std::exception &e) {
  std::cerr << "  exception: " << e.what() << "\n";
  t_case_failed = 1;
}
#define CASE(fn)                          \
  run_case(#fn, [] {                      \
    try {                                 \
      fn();                               \
    } catch (const std::exception &e) {   \
      failed_by(e);                       \
    }                                     \
  })

}  // namespace

int main(int argc, char **argv) {
  emu_base = argc > 1 ? argv[1] : "";
  t_only = argv + (argc > 1 ? 2 : 1);
  t_only_count = argc > 1 ? argc - 2 : 0;
  CASE(the_verify_handshake_is_answered_with_its_nonce);
  CASE(a_signed_join_gives_its_event_once);
  CASE(refusals_say_nothing_to_the_sender);
  CASE(bad_input_names_the_field);
  CASE(close_from_another_thread_ends_a_wait);
  if (*emu_base) CASE(the_emulator_delivers_join_left_and_end_once_each);
  return report(argv[0]);
}
