// Reaching people outside a Tencent meeting through the C++17 wrapper (meetctl.hpp), against the
// emulator (demo scenario): TencentClient::room_call() / room_call_info() / cancel_room_call() with
// meetctl::TencentRoom, phone_callout() / cancel_phone_callout() with meetctl::TencentPhoneCall /
// TencentPhoneNumber, release_rooms(); their effect in the emulator's state; bad arguments
// refused as meetctl::Error naming the field with nothing sent; and a call-out, which rings
// phones, not repeated on a gateway timeout while a cancel is.
//
// Usage: test_reach_cpp BASE_URL [CASE...]   (only the named cases when some are given)
#define _POSIX_C_SOURCE 200809L

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "../common/emulator.h"
#include "meetctl.hpp"

namespace {

const std::string MEETING = "1242152152161";
const std::string M1 = "tencent.meetings[meeting_id=1242152152161]";
const std::string CALLOUT = "/v1/meeting/1242152152161/phone/callout";
const std::string CANCELCALL = "/v1/meeting/1242152152161/phone/cancelcall";
const meetctl::TencentUser ALICE = meetctl::TencentUser::userid("alice", MEETCTL_INSTANCE_IOS);  // the creator
const meetctl::TencentUser BOB = meetctl::TencentUser::userid("bob", MEETCTL_INSTANCE_MAC);      // an attendee

meetctl::TencentClient tencent() {
  meetctl::Config c;
  c.base_url(emu_base).no_proxy().timeout(std::chrono::seconds(10));
  return meetctl::TencentClient::enterprise(c, "210000001", "AKIDdemo0001", "demo-secret-key-0001");
}

bool state_is(const std::string &path, const std::string &want) { return emu_state_is(path.c_str(), want.c_str()) != 0; }

void answer_call(const std::string &call_id, bool joins) {
  const std::string body = "{\"call_id\":\"" + call_id + "\",\"joins\":" + (joins ? "true" : "false") + "}";
  char *r = emu_admin("POST", ("/_emulator/tencent/meetings/" + MEETING + "/calls/answer").c_str(), body.c_str());
  CHECK(r != nullptr);
  std::free(r);
}

bool listed(const meetctl::TencentClient &c, const std::string &name) {
  for (const auto &p : c.participants(MEETING, ALICE)) {
    if (p.user_name == name) return true;
  }
  return false;
}

// Runs `fn`, expecting a meetctl::Error of `kind` (and `field`, or vendor `code`, when not empty).
template <typename Fn>
void expect_error(int line, Fn fn, meetctl_error_kind kind, const std::string &field, const std::string &code = "") {
  try {
    fn();
  } catch (const meetctl::Error &e) {
    if (e.kind() != kind || (!field.empty() && e.field() != field) || (!code.empty() && e.code() != code)) {
      std::cerr << "  CHECK FAILED line " << line << ": kind " << e.kind() << " field '" << e.field() << "' code '"
                << e.code() << "': " << e.what() << "\n";
      t_case_failed = 1;
    }
    return;
  }
  std::cerr << "  CHECK FAILED line " << line << ": no exception\n";
  t_case_failed = 1;
}
#define EXPECT_ERROR(fn, ...) expect_error(__LINE__, [&] { fn; }, __VA_ARGS__)

const meetctl_error_kind invalid = MEETCTL_ERROR_KIND_INVALID_ARGUMENT;

// ------------------------------------------------------------------ cases

void bad_arguments_name_the_field_and_send_nothing() {
  const auto c = tencent();
  const long before = emu_count("request_count");
  const auto carol = meetctl::TencentUser::ms_open_id("msopenid-carol", MEETCTL_INSTANCE_PC);
  EXPECT_ERROR(c.room_call(MEETING, ALICE, meetctl::TencentRoom{}), invalid, "meeting_room_id");
  meetctl::TencentRoom two = meetctl::TencentRoom::meeting_room("mr-101");
  two.h323_address = "10.0.0.1";
  EXPECT_ERROR(c.room_call(MEETING, ALICE, two), invalid, "h323_address");
  EXPECT_ERROR(c.room_call(MEETING, carol, meetctl::TencentRoom::meeting_room("mr-101")), invalid, "operator.id");
  EXPECT_ERROR(c.room_call_info(MEETING, ALICE, meetctl::TencentRoom::sip("")), invalid, "sip_address");
  EXPECT_ERROR(c.cancel_room_call(MEETING, ALICE, "", meetctl::TencentRoom::sip("sip:a@b")), invalid, "invite_id");
  EXPECT_ERROR(c.phone_callout(MEETING, ALICE, {}), invalid, "phone_numbers");
  EXPECT_ERROR(c.phone_callout(MEETING, ALICE, {{86, "13800000009", std::nullopt, std::nullopt}, {0, "1380", std::nullopt, std::nullopt}}),
               invalid, "phone_numbers[1].area");
  EXPECT_ERROR(c.cancel_phone_callout(MEETING, carol, {{86, "13800000009", std::nullopt}}), invalid, "operator.id");
  EXPECT_ERROR(c.release_rooms(MEETING, ALICE, {}), invalid, "meeting_room_ids");
  EXPECT_ERROR(c.release_rooms(MEETING, ALICE, {"mr-101", ""}), invalid, "meeting_room_ids[1]");
  CHECK(emu_count("request_count") == before);
}

void a_call_out_is_not_repeated_on_a_gateway_timeout_and_a_cancel_is() {
  const auto c = tencent();
  CHECK(emu_fault(("{\"kind\":\"status\",\"status\":504,\"path_prefix\":\"" + CALLOUT + "\"}").c_str()) == 0);
  try {
    c.phone_callout(MEETING, ALICE, {{86, "13800000009", std::nullopt, std::nullopt}});
    CHECK(!"the call-out succeeded");
  } catch (const meetctl::Error &e) {
    CHECK(e.http_status() == 504 && e.attempts() == 1);
  }
  CHECK(state_is(M1 + ".calls", "[]"));
  c.phone_callout(MEETING, ALICE, {{86, "13800000009", std::nullopt, std::nullopt}});
  CHECK(emu_fault(("{\"kind\":\"status\",\"status\":504,\"path_prefix\":\"" + CANCELCALL + "\"}").c_str()) == 0);
  c.cancel_phone_callout(MEETING, ALICE, {{86, "13800000009", std::nullopt}});
  CHECK(state_is(M1 + ".calls[0].state", "\"cancelled\""));
}

void every_reach_operation_end_to_end() {
  const auto c = tencent();
  const auto lobby = meetctl::TencentRoom::meeting_room("mr-101");
  CHECK(c.room_call_info(MEETING, ALICE, lobby).status == 1);
  const std::string invite = c.room_call(MEETING, ALICE, lobby);
  CHECK(!invite.empty());
  const auto ringing = c.room_call_info(MEETING, ALICE, lobby);
  CHECK(ringing.status == 4 && ringing.response_time.empty());
  answer_call(invite, true);
  const auto in = c.room_call_info(MEETING, ALICE, lobby);
  CHECK(in.status == 2 && in.response_time.size() == 19);
  CHECK(listed(c, "Lobby room 101"));
  c.release_rooms(MEETING, ALICE, {"mr-101"});
  CHECK(state_is(M1 + ".released_rooms", "[\"mr-101\"]"));
  CHECK(!listed(c, "Lobby room 101"));
  CHECK(c.room_call_info(MEETING, ALICE, lobby).status == 6);

  const auto sip = meetctl::TencentRoom::sip("sip:room@example.com");
  const std::string sip_invite = c.room_call(MEETING, ALICE, sip);
  c.cancel_room_call(MEETING, ALICE, sip_invite, sip);
  CHECK(state_is(M1 + ".calls[-1].state", "\"cancelled\""));
  c.cancel_room_call(MEETING, ALICE, sip_invite, sip);  // safe to repeat
  EXPECT_ERROR(c.room_call(MEETING, BOB, meetctl::TencentRoom::h323("10.1.2.3")), MEETCTL_ERROR_KIND_PERMISSION_DENIED, "",
               "9042");

  c.phone_callout(MEETING, ALICE, {{86, "13800000009", std::nullopt, std::string("Hana")}, {86, "01012345678", std::string("12"), std::nullopt}});
  answer_call("86-13800000009", true);
  CHECK(listed(c, "Hana"));
  c.cancel_phone_callout(MEETING, ALICE, {{86, "01012345678", std::string("12")}});
  CHECK(state_is(M1 + ".calls[call_id=86-01012345678-12].state", "\"cancelled\""));
  CHECK(state_is(M1 + ".calls[call_id=86-13800000009].state", "\"joined\""));
}

template <void (*Fn)()>
void guarded() {
  try {
    Fn();
  } catch (const std::exception &e) {
    std::cerr << "  unexpected exception: " << e.what() << "\n";
    t_case_failed = 1;
  }
}
#define RUN_GUARDED(fn) run_case(#fn, guarded<fn>)

}  // namespace

int main(int argc, char **argv) {
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " EMULATOR_BASE_URL [CASE...]\n";
    return 2;
  }
  emu_base = argv[1];
  t_only = argv + 2;
  t_only_count = argc - 2;
  // Each case leaves the meeting changed: they run in this order against one emulator.
  RUN_GUARDED(bad_arguments_name_the_field_and_send_nothing);
  RUN_GUARDED(a_call_out_is_not_repeated_on_a_gateway_timeout_and_a_cancel_is);
  RUN_GUARDED(every_reach_operation_end_to_end);
  return report(argv[0]);
}
