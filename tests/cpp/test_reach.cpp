// Reaching people outside a Tencent meeting through the C++17 wrapper (meetctl.hpp), against the
// emulator (demo scenario): TencentClient::room_call() / room_call_info() / cancel_room_call() with
// meetctl::TencentRoom, phone_callout() / cancel_phone_callout() with meetctl::TencentPhoneCall /
// TencentPhoneNumber, release_rooms(); their effect in the emulator's state; bad arguments
// refused as meetctl::Error naming the field with nothing sent; and a call-out, which rings
// phones, not repeated on a gateway timeout while a cancel is. Also the meeting's layouts through
// the generated add_layouts() / add_advanced_layouts() / apply_layout() with the nested item
// structs (TencentLayout, TencentLayoutPage, TencentLayoutSeat, TencentAdvancedLayout, ...,
// TencentPolling, TencentLayoutUser), and kick-out by open_id.
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

// ------------------------------------------------------------------ layouts

const std::string LAYOUTS = "/v1/meetings/1242152152161/layouts";
const auto CAROL = meetctl::TencentUser::ms_open_id("msopenid-carol", MEETCTL_INSTANCE_PC);  // a co-host

meetctl::TencentLayout basic() {
  meetctl::TencentLayoutSeat bob{"1", 1, std::string("bob"), std::nullopt, std::nullopt, std::string("Bob"), std::nullopt};
  meetctl::TencentLayoutSeat screen{"2", 2, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
  return meetctl::TencentLayout{{meetctl::TencentLayoutPage{"2", std::vector<meetctl::TencentLayoutSeat>{bob, screen}}}};
}

meetctl::TencentAdvancedLayout advanced() {
  std::vector<meetctl::TencentSeatUser> users{{std::nullopt, std::string("agaqwwgdkkddd"), std::nullopt},
                                              {std::string("carol"), std::nullopt, std::nullopt}};
  meetctl::TencentAdvancedSeat seat{"1", 1, 3, users};
  meetctl::TencentAdvancedPage page{"3", true, meetctl::TencentPolling{1, 10, false, true}, {seat}};
  return meetctl::TencentAdvancedLayout{std::string("rotation"), {page}};
}

// The text at `path` of the emulator's state, quotes and all ("" when absent).
std::string state_at(const std::string &path) {
  char *state = emu_state();
  char *value = state ? emu_json_get(state, path.c_str()) : nullptr;
  std::string out = value ? value : "";
  std::free(value);
  std::free(state);
  return out;
}

void layouts_are_added_and_applied_and_checked() {
  const auto c = tencent();
  const long before = emu_count("request_count");
  meetctl::TencentLayout bad = basic();
  bad.page_list[0].user_seat_list->at(1).grid_type = 7;
  EXPECT_ERROR(c.add_layouts(MEETING, ALICE, {basic(), bad}), invalid, "layout_list[1].page_list[0].user_seat_list[1].grid_type");
  meetctl::TencentAdvancedLayout bad_polling = advanced();
  bad_polling.page_list[0].polling_setting->polling_interval = 0;
  EXPECT_ERROR(c.add_advanced_layouts(MEETING, ALICE, {bad_polling}), invalid,
               "layout_list[0].page_list[0].polling_setting.polling_interval");
  EXPECT_ERROR(c.apply_layout(MEETING, ALICE, "l", std::vector<meetctl::TencentLayoutUser>{{"m", 5}}), invalid,
               "user_list[0].instanceid");
  CHECK(emu_count("request_count") == before);

  // A gateway timeout on an add: not sent again (it could add the layouts twice).
  CHECK(emu_fault(("{\"kind\":\"status\",\"status\":504,\"path_prefix\":\"" + LAYOUTS + "\"}").c_str()) == 0);
  try {
    c.add_layouts(MEETING, ALICE, {basic()});
    CHECK(!"the add succeeded");
  } catch (const meetctl::Error &e) {
    CHECK(e.http_status() == 504 && e.attempts() == 1);
  }
  CHECK(state_is(M1 + ".layouts.layout_list", "[]"));

  c.add_layouts(MEETING, ALICE, {basic(), basic()}, 2);
  const std::string second = state_at(M1 + ".layouts.layout_list[1].layout_id");
  CHECK(!second.empty() && state_is(M1 + ".layouts.selected_layout_id", second));
  CHECK(state_is(M1 + ".layouts.layout_list[0].page_list[0].user_seat_list[0].userid", "\"bob\""));
  c.add_advanced_layouts(MEETING, CAROL, {advanced()});
  CHECK(state_is(M1 + ".layouts.layout_list[2].page_list[0].polling_setting.polling_interval", "10"));
  CHECK(state_is(M1 + ".layouts.layout_list[2].page_list[0].user_seat_list[0].user_list[1].userid", "\"carol\""));
  const std::string rotation = state_at(M1 + ".layouts.layout_list[2].layout_id");
  const std::string rotation_id = rotation.size() >= 2 ? rotation.substr(1, rotation.size() - 2) : "";
  c.apply_layout(MEETING, CAROL, rotation_id, std::vector<meetctl::TencentLayoutUser>{{"agaqwwgdkkddd", 2}});
  CHECK(state_is(M1 + ".layouts.user_layouts.agaqwwgdkkddd", rotation));
  CHECK(state_is(M1 + ".layouts.selected_layout_id", second));
  c.apply_layout(MEETING, CAROL, rotation_id);
  CHECK(state_is(M1 + ".layouts.selected_layout_id", rotation));
  EXPECT_ERROR(c.apply_layout(MEETING, ALICE, "layout-nope"), MEETCTL_ERROR_KIND_API, "", "20012");
  EXPECT_ERROR(c.add_layouts(MEETING, BOB, {basic()}), MEETCTL_ERROR_KIND_PERMISSION_DENIED, "", "9042");

  // Kick-out by open_id.
  const auto dave = meetctl::TencentUser::open_id("openid-dave", MEETCTL_INSTANCE_ANDROID);
  c.kick_out(MEETING, CAROL, {dave});
  CHECK(state_is(M1 + ".participants[userid=dave].removed", "true"));
}

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
  RUN_GUARDED(layouts_are_added_and_applied_and_checked);
  return report(argv[0]);
}
