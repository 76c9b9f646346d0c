// Lookups and find through the C++17 wrapper (meetctl.hpp) against the emulator (demo scenario):
// every Tencent and Huawei lookup as a meetctl::Value (several pages where the lookup pages,
// counted in the emulator's requests), meetctl::ValueView's accessors on missing fields, wrong
// kinds and moved-from values, TencentClient::find() by typed code and link, meetctl::Ambiguous
// with its candidates, NotFound, Meeting::find_tencent() with details(), occurrence() and
// participants(), Meeting::find_huawei_by_number() / find_huawei_by_conference_id(), and bad input
// (unknown lookup numbers, bad args JSON, embedded NULs, a password and a token together,
// moved-from handles) refused naming the parameter with nothing sent.
//
// Reads only (but for one saved layout, which nothing else reads): the cases may run in any order
// against one emulator.
//
// Usage: test_lookup_cpp BASE_URL [CASE...]   (only the named cases when some are given)
#define _POSIX_C_SOURCE 200809L

#include <chrono>
#include <cstdint>
#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "../common/emulator.h"
#include "meetctl.hpp"

namespace {

const std::string DEMO = "1242152152161";
const std::string STANDUP = "1242152153003";
const std::string CONF = "914083136";
const std::string CONF_SCHEDULED = "914083137";
const std::string CONF_BOARDROOM = "914083139";
const std::string BOARDROOM_SIP = "sip:boardroom-8f@meeting.example.com";
const std::string LOBBY_SIP = "sip:lobby-2f@meeting.example.com";

const meetctl::TencentUser ALICE = meetctl::TencentUser::userid("alice", MEETCTL_INSTANCE_IOS);
const meetctl::TencentUser KATE = meetctl::TencentUser::userid("kate", MEETCTL_INSTANCE_PC);

meetctl::Config config() {
  meetctl::Config c;
  c.base_url(emu_base).no_proxy().timeout(std::chrono::seconds(10));
  return c;
}

meetctl::TencentClient tencent() {
  return meetctl::TencentClient::enterprise(config(), "210000001", "AKIDdemo0001", "demo-secret-key-0001");
}

// An App ID client whose access token is already fetched: a lookup's requests are its pages.
meetctl::HuaweiClient huawei() {
  auto c = meetctl::HuaweiClient::app_id(config(), "demoappid0001", "demo-app-key-0001");
  CHECK(c.access_token().has_value());
  return c;
}

long requests() { return emu_count("request_count"); }

// The first entry of `list` whose text `field` is `want` (an empty view when none).
meetctl::ValueView with(meetctl::ValueView list, const std::string &field, const std::string &want) {
  for (const meetctl::ValueView entry : list) {
    if (entry[field].text() == want) return entry;
  }
  return meetctl::ValueView();
}

// Runs `fn`, expecting a meetctl::Error of `status`/`kind` (and `field` when not empty).
template <typename Fn>
void expect_error(int line, Fn fn, meetctl_status status, meetctl_error_kind kind, const std::string &field = "") {
  try {
    fn();
  } catch (const meetctl::Error &e) {
    if (e.status() != status || e.kind() != kind || (!field.empty() && e.field() != field)) {
      std::cerr << "  CHECK FAILED line " << line << ": got status " << e.status() << " kind " << e.kind()
                << " field '" << e.field() << "': " << e.what() << "\n";
      t_case_failed = 1;
    }
    return;
  }
  std::cerr << "  CHECK FAILED line " << line << ": no exception\n";
  t_case_failed = 1;
}

#define EXPECT_ERROR(fn, ...) expect_error(__LINE__, [&] { fn; }, __VA_ARGS__)
#define EXPECT_INVALID(fn, field) \
  expect_error(__LINE__, [&] { fn; }, MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, field)

// ------------------------------------------------------------------ Tencent

void tencent_every_lookup() {
  const auto c = tencent();

  const meetctl::Value by_code =
      c.lookup(MEETCTL_TENCENT_LOOKUP_MEETINGS_BY_CODE, ALICE, meetctl::Args().set("meeting_code", "806724161"));
  CHECK(by_code.kind() == MEETCTL_VALUE_KIND_LIST && by_code.size() == 2);
  CHECK(with(by_code, "meeting_id", DEMO)["in_progress"].as_bool() == true);
  CHECK(with(by_code, "meeting_id", "1242152152100")["in_progress"].as_bool() == false);
  CHECK(with(by_code, "meeting_id", DEMO)["subject"].text() == "Demo: weekly product review");

  const meetctl::Value meeting = c.lookup(MEETCTL_TENCENT_LOOKUP_MEETING, ALICE, meetctl::Args().set("meeting_id", STANDUP));
  CHECK(meeting.kind() == MEETCTL_VALUE_KIND_RECORD);
  CHECK(meeting["recurring"].as_bool() == true);
  CHECK(meeting["current_occurrence"].text() == "1700300002");
  CHECK(meeting["occurrences"].size() == 3);
  CHECK(meeting["hosts"].at(0).text() == "kate");

  long before = requests();
  const meetctl::Value rooms = c.lookup(MEETCTL_TENCENT_LOOKUP_ROOM_MEETINGS,
                                        meetctl::Args().set("room_id", "rooms-lobby-1").set("page_size", 1));
  CHECK(requests() - before == 2);
  CHECK(rooms.size() == 2);
  CHECK(with(rooms, "meeting_id", "1242152153005")["subject"].text() == "Customer demo");

  before = requests();
  const meetctl::Value waiting =
      c.lookup(MEETCTL_TENCENT_LOOKUP_WAITING_ROOM, ALICE, meetctl::Args().set("meeting_id", DEMO).set("page_size", 1));
  CHECK(requests() - before == 2);
  CHECK(waiting.size() == 2);
  CHECK(with(waiting, "userid", "gina")["user_name"].text() == "Gina");
  CHECK(with(waiting, "userid", "gina")["instanceid"].as_int() == 5);

  before = requests();
  const meetctl::Value attendance =
      c.lookup(MEETCTL_TENCENT_LOOKUP_ATTENDANCE, ALICE, meetctl::Args().set("meeting_id", DEMO).set("page_size", 2));
  CHECK(requests() - before == 5);  // 9 records, 2 a page
  CHECK(attendance.size() == 9);
  const auto ivy = with(attendance, "userid", "ivy");
  CHECK(ivy["left_time"].as_int().value_or(0) > ivy["join_time"].as_int().value_or(0));
  CHECK(with(attendance, "userid", "alice")["left_time"].is_null());  // still in
  CHECK(with(attendance, "userid", "alice")["left_time"].exists());

  const meetctl::Value standup = c.lookup(MEETCTL_TENCENT_LOOKUP_ATTENDANCE, KATE,
                                          meetctl::Args().set("meeting_id", STANDUP).set("occurrence", "1700300001"));
  CHECK(standup.size() == 2);
}

void find_by_code_and_link() {
  const auto c = tencent();
  const meetctl::Candidate demo = c.find("806 724 161", ALICE);
  CHECK(demo.meeting_id == DEMO && demo.in_progress && !demo.occurrence);
  CHECK(demo.subject == std::optional<std::string>("Demo: weekly product review"));
  CHECK(demo.start_time && demo.end_time && *demo.start_time < *demo.end_time);
  CHECK(demo.json.find("\"meeting_id\":\"" + DEMO + "\"") != std::string::npos);
  CHECK(c.find("https://meeting.tencent.com/p/300100500", ALICE).meeting_id == "1242152153005");
  const meetctl::Candidate standup = c.find("300-100-300", ALICE);
  CHECK(standup.meeting_id == STANDUP && standup.occurrence == std::optional<std::string>("1700300002"));
}

void ambiguous_codes_throw_with_candidates() {
  const auto c = tencent();
  try {
    c.find("300100200", ALICE);
    std::cerr << "  CHECK FAILED line " << __LINE__ << ": no exception\n";
    t_case_failed = 1;
  } catch (const meetctl::Ambiguous &e) {
    CHECK(e.status() == MEETCTL_STATUS_AMBIGUOUS && e.kind() == MEETCTL_ERROR_KIND_AMBIGUOUS);
    CHECK(e.candidates().size() == 2);
    bool tomorrow = false, later = false;
    for (const auto &cand : e.candidates()) {
      tomorrow = tomorrow || (cand.meeting_id == "1242152153001" && cand.subject == std::string("Design review (tomorrow)"));
      later = later || cand.meeting_id == "1242152153002";
      CHECK(!cand.in_progress && cand.start_time.has_value());
    }
    CHECK(tomorrow && later);
    const meetctl::Ambiguous copy = e;  // exceptions are copied: the candidates go along
    CHECK(copy.candidates().size() == 2 && copy.field().empty());
  }
  // A recurring meeting with no occurrence now, through Meeting; caught as a meetctl::Error too.
  try {
    meetctl::Meeting::find_tencent(c, "300100400", ALICE);
    std::cerr << "  CHECK FAILED line " << __LINE__ << ": no exception\n";
    t_case_failed = 1;
  } catch (const meetctl::Error &e) {
    CHECK(e.status() == MEETCTL_STATUS_AMBIGUOUS);
    const auto *ambiguous = dynamic_cast<const meetctl::Ambiguous *>(&e);
    CHECK(ambiguous != nullptr);
    if (ambiguous) {
      CHECK(ambiguous->candidates().size() == 2);
      for (const auto &cand : ambiguous->candidates()) {
        CHECK(cand.meeting_id == "1242152153004" && cand.occurrence.has_value());
      }
    }
  }
}

void unknown_codes_are_not_found() {
  const auto c = tencent();
  EXPECT_ERROR(c.find("999 999 999", ALICE), MEETCTL_STATUS_NOT_FOUND, MEETCTL_ERROR_KIND_NOT_FOUND);
  EXPECT_ERROR(c.find("300100600", ALICE), MEETCTL_STATUS_NOT_FOUND, MEETCTL_ERROR_KIND_NOT_FOUND);
  EXPECT_ERROR(meetctl::Meeting::find_tencent(c, "999999999", ALICE), MEETCTL_STATUS_NOT_FOUND,
               MEETCTL_ERROR_KIND_NOT_FOUND);
}

void meetings_found_by_code() {
  const auto c = tencent();
  const auto demo = meetctl::Meeting::find_tencent(c, "806724161", ALICE);
  CHECK(demo.id() == DEMO && demo.vendor() == MEETCTL_VENDOR_TENCENT && !demo.occurrence());
  const meetctl::Value d = demo.details();
  CHECK(d["vendor"].text() == "tencent" && d["code"].text() == "806724161" && d["in_progress"].as_bool() == true);
  CHECK(demo.participants().size() == 6);

  const auto standup = meetctl::Meeting::find_tencent(c, "300 100 300", KATE);
  CHECK(standup.occurrence() == std::optional<std::string>("1700300002"));
  const meetctl::Value sd = standup.details();
  CHECK(sd["occurrence"].text() == "1700300002" && sd["recurring"].as_bool() == true);
  CHECK(sd["occurrences"].size() == 3);
  CHECK(standup.participants().size() == 2);
  CHECK(c.participants(STANDUP, KATE, std::string("1700300002")).size() == 2);
  CHECK(c.participants(DEMO, ALICE).size() == 6);
  EXPECT_INVALID(c.participants(STANDUP, KATE, std::string("")), "occurrence");

  const auto past = meetctl::Meeting::tencent_occurrence(c, STANDUP, std::string("1700300001"), KATE);
  CHECK(past.occurrence() == std::optional<std::string>("1700300001"));
  EXPECT_INVALID(meetctl::Meeting::tencent_occurrence(c, STANDUP, std::string("a/../b"), KATE), "occurrence");
}

// ------------------------------------------------------------------ Huawei

void huawei_every_lookup() {
  const auto hw = huawei();
  long before = requests();
  const meetctl::Value online = hw.lookup(MEETCTL_HUAWEI_LOOKUP_ONLINE_CONFERENCES, meetctl::Args().set("page_size", 1));
  CHECK(requests() - before == 3);
  CHECK(online.size() == 3);
  CHECK(!with(online, "conference_id", CONF_SCHEDULED).exists());

  const meetctl::Value boardroom =
      hw.lookup(MEETCTL_HUAWEI_LOOKUP_ONLINE_CONFERENCES, meetctl::Args().set("search_key", "Boardroom"));
  CHECK(boardroom.size() == 1 && boardroom.at(0)["conference_id"].text() == CONF_BOARDROOM);
  CHECK(boardroom.at(0)["vmr_conference_id"].text() == "989083139");

  before = requests();
  const meetctl::Value not_ended = hw.lookup(MEETCTL_HUAWEI_LOOKUP_CONFERENCES, meetctl::Args().set("page_size", 3));
  CHECK(requests() - before == 2);
  CHECK(not_ended.size() == 4);
  CHECK(with(not_ended, "conference_id", CONF_SCHEDULED)["in_progress"].as_bool() == false);

  const meetctl::Value details =
      hw.lookup(MEETCTL_HUAWEI_LOOKUP_ONLINE_CONFERENCE_DETAILS, meetctl::Args().set("conference_id", CONF));
  CHECK(details["conference"]["subject"].text() == "Demo conference");
  CHECK(details["invitees"].size() == 5);

  const meetctl::Value scheduled =
      hw.lookup(MEETCTL_HUAWEI_LOOKUP_CONFERENCE_DETAILS, meetctl::Args().set("conference_id", CONF_SCHEDULED));
  CHECK(scheduled["conference"]["in_progress"].as_bool() == false);
  CHECK(with(scheduled["invitees"], "name", "Zoe").exists());

  before = requests();
  const meetctl::Value attendees =
      hw.lookup(MEETCTL_HUAWEI_LOOKUP_ONLINE_ATTENDEES, meetctl::Args().set("conference_id", CONF).set("page_size", 2));
  CHECK(requests() - before == 3);
  CHECK(attendees.size() == 5);
  CHECK(with(attendees, "name", "Dora")["participant_id"].text() == "p-dora");

  const meetctl::Value in_conf =
      hw.lookup(MEETCTL_HUAWEI_LOOKUP_CALL_NUMBER_STATUS, meetctl::Args().set("call_number", BOARDROOM_SIP));
  CHECK(in_conf["in_conference"].as_bool() == true && in_conf["conference_id"].text() == CONF_BOARDROOM);
  const meetctl::Value not_in =
      hw.lookup(MEETCTL_HUAWEI_LOOKUP_CALL_NUMBER_STATUS, meetctl::Args().set("call_number", LOBBY_SIP));
  CHECK(not_in["in_conference"].as_bool() == false && !not_in["conference_id"].text());

  const auto conf = hw.conference_with_password(CONF, "157599");
  const meetctl::Value ws = conf.lookup(MEETCTL_HUAWEI_LOOKUP_WS_TOKEN);
  CHECK(ws["token"].text().value_or("").size() == 48);
  CHECK(conf.lookup(MEETCTL_HUAWEI_LOOKUP_ONLINE_ATTENDEES).size() == 5);  // conference_id from the handle

  // The saved layouts, through the conference handle (one saved through the admin API).
  std::free(emu_admin("POST", ("/_emulator/huawei/conferences/" + CONF + "/layouts").c_str(),
                      R"({"uuid":"cpp-lookup-layout","layOutName":"cpp","imageType":"Two","picNum":2,)"
                      R"("subscriberInPics":[{"index":1,"id":["+991"],"share":0},{"index":2,"id":["+992"],"share":1}]})"));
  const meetctl::Value layouts = conf.lookup(MEETCTL_HUAWEI_LOOKUP_LAYOUTS);
  CHECK(layouts.kind() == MEETCTL_VALUE_KIND_LIST);
  const auto layout = with(layouts, "layout_id", "cpp-lookup-layout");
  CHECK(layout["name"].text() == "cpp" && layout["image_type"].text() == "Two");
  CHECK(layout["picture_count"].as_int() == 2 && !layout["switch_seconds"].as_int());
  CHECK(layout["pictures"].size() == 2 && layout["pictures"].at(1)["numbers"].at(0).text() == "+992");
  CHECK(layout["pictures"].at(1)["auxiliary_stream"].as_bool() == true);

  // The management site's status: no token, so a client without an account asks it.
  const meetctl::Value site =
      meetctl::HuaweiClient::without_account(config()).lookup(MEETCTL_HUAWEI_LOOKUP_MANAGEMENT_SITE_STATUS);
  CHECK(site.kind() == MEETCTL_VALUE_KIND_RECORD && site["status"].text() == "NORMAL");
  CHECK(!site["redirect_join_url"].text());
  CHECK(conf.lookup(MEETCTL_HUAWEI_LOOKUP_MANAGEMENT_SITE_STATUS)["status"].text() == "NORMAL");
}

void huawei_meetings_found_by_number_and_id() {
  const auto hw = huawei();
  const auto room = meetctl::Meeting::find_huawei_by_number(hw, BOARDROOM_SIP);
  CHECK(room.id() == CONF_BOARDROOM && room.vendor() == MEETCTL_VENDOR_HUAWEI && !room.occurrence());
  const meetctl::Value d = room.details();
  CHECK(d["vendor"].text() == "huawei" && d["code"].text() == "989083139");
  CHECK(d["subject"].text() == "Boardroom 8F check-in");
  CHECK(room.participants().size() == 2);
  CHECK(meetctl::Meeting::find_huawei_by_number(hw, BOARDROOM_SIP, std::string("555555")).id() == CONF_BOARDROOM);
  const auto token = hw.conference_with_password(CONF, "157599").control_token();
  const auto demo = meetctl::Meeting::find_huawei_by_conference_id(hw, CONF, std::nullopt, token);
  CHECK(demo.participants().size() == 5);
  EXPECT_ERROR(meetctl::Meeting::find_huawei_by_number(hw, LOBBY_SIP), MEETCTL_STATUS_NOT_FOUND,
               MEETCTL_ERROR_KIND_NOT_FOUND);
}

// ------------------------------------------------------------------ meetctl::Value

void value_views_never_throw() {
  const auto c = tencent();
  meetctl::Value v = c.lookup(MEETCTL_TENCENT_LOOKUP_MEETING, ALICE, meetctl::Args().set("meeting_id", DEMO));
  CHECK(v.exists() && !v.is_null());
  // Missing fields, wrong kinds and indexes out of range: empty views and std::nullopt.
  CHECK(!v["no_such_field"].exists() && v["no_such_field"].is_null());
  CHECK(!v["no_such_field"]["deeper"].at(3).text());
  CHECK(!v["meeting_id"].as_int() && !v["meeting_id"].as_bool() && v["meeting_id"].size() == 0);
  CHECK(!v["start_time"].text() && v["start_time"].as_int().has_value());
  CHECK(!v.at(1000).exists() && !v.key(1000));
  CHECK(!v[std::string("meeting_id\0x", 12)].exists());  // an embedded NUL names no field
  CHECK(v.json().find("\"meeting_id\":\"" + DEMO + "\"") != std::string::npos);
  CHECK(meetctl::ValueView().json() == "null" && meetctl::ValueView().size() == 0);
  // Fields by index and by name agree; names in order; range-for over the values.
  const auto keys = v.keys();
  CHECK(keys.size() == v.size() && keys.size() >= 10);
  std::size_t i = 0;
  for (const meetctl::ValueView field : v) {
    CHECK(field.get() == v[keys[i]].get());
    if (i > 0) CHECK(keys[i - 1] < keys[i]);
    ++i;
  }
  CHECK(i == keys.size());
  // Moved: the new owner has it, the old one is empty (and frees nothing).
  meetctl::Value moved = std::move(v);
  CHECK(moved["meeting_id"].text() == DEMO);
  CHECK(!v.exists() && v.size() == 0 && v.json() == "null");  // NOLINT(bugprone-use-after-move)
  v = std::move(moved);
  CHECK(v["meeting_id"].text() == DEMO && !moved.exists());  // NOLINT(bugprone-use-after-move)
}

// ------------------------------------------------------------------ bad input

void bad_input_names_the_parameter_and_sends_nothing() {
  auto c = tencent();
  const auto hw = huawei();
  const auto conf = hw.conference_with_password(CONF, "157599");
  const auto code = meetctl::Args().set("meeting_code", "806724161");
  const long before = requests();

  EXPECT_INVALID(c.lookup(static_cast<meetctl_tencent_lookup>(0), ALICE, code), "lookup");
  EXPECT_INVALID(c.lookup(static_cast<meetctl_tencent_lookup>(99), ALICE, code), "lookup");
  EXPECT_INVALID(c.lookup(MEETCTL_TENCENT_LOOKUP_MEETINGS_BY_CODE, code), "operator");
  EXPECT_INVALID(c.lookup(MEETCTL_TENCENT_LOOKUP_ROOM_MEETINGS, ALICE, meetctl::Args().set("room_id", "r")), "operator");
  EXPECT_INVALID(c.lookup(MEETCTL_TENCENT_LOOKUP_MEETINGS_BY_CODE, ALICE, meetctl::Args::from_json("{oops")), "args");
  EXPECT_INVALID(c.lookup(MEETCTL_TENCENT_LOOKUP_MEETINGS_BY_CODE, ALICE, meetctl::Args::from_json("[]")), "args");
  EXPECT_INVALID(c.lookup(MEETCTL_TENCENT_LOOKUP_MEETINGS_BY_CODE, ALICE, meetctl::Args().set("meeting_code", 806724161)),
                 "meeting_code");
  EXPECT_INVALID(c.lookup(MEETCTL_TENCENT_LOOKUP_ATTENDANCE, ALICE,
                          meetctl::Args().set("meeting_id", DEMO).set("page_size", 0)),
                 "page_size");
  EXPECT_INVALID(c.lookup(MEETCTL_TENCENT_LOOKUP_MEETINGS_BY_CODE,
                          meetctl::TencentUser::ms_open_id("afagsagwags", MEETCTL_INSTANCE_IOS), code),
                 "operator.id");
  EXPECT_INVALID(c.lookup(MEETCTL_TENCENT_LOOKUP_MEETINGS_BY_CODE, ALICE, meetctl::Args::from_json(std::string("{}\0x", 4))),
                 "args");
  EXPECT_ERROR(c.lookup(MEETCTL_TENCENT_LOOKUP_MEETINGS_BY_CODE, ALICE, meetctl::Args().set("meeting_code", "\xff")),
               MEETCTL_STATUS_INVALID_UTF8, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "args");
  EXPECT_INVALID(c.find("80672416x", ALICE), "code");
  EXPECT_INVALID(c.find(std::string("806724161\0" "1", 11), ALICE), "code_or_link");
  EXPECT_ERROR(c.find("806\xff", ALICE), MEETCTL_STATUS_INVALID_UTF8, MEETCTL_ERROR_KIND_INVALID_ARGUMENT,
               "code_or_link");
  EXPECT_INVALID(meetctl::Meeting::find_tencent(c, "https://meeting.tencent.com/dm/AbCdEf", ALICE), "code");

  EXPECT_INVALID(hw.lookup(static_cast<meetctl_huawei_lookup>(99)), "lookup");
  EXPECT_INVALID(hw.lookup(MEETCTL_HUAWEI_LOOKUP_WS_TOKEN), "lookup");
  EXPECT_INVALID(hw.lookup(MEETCTL_HUAWEI_LOOKUP_LAYOUTS), "lookup");
  EXPECT_INVALID(hw.lookup(MEETCTL_HUAWEI_LOOKUP_MANAGEMENT_SITE_STATUS, meetctl::Args().set("conference_id", CONF)),
                 "conference_id");
  EXPECT_INVALID(hw.lookup(MEETCTL_HUAWEI_LOOKUP_CALL_NUMBER_STATUS), "call_number");
  EXPECT_INVALID(hw.lookup(MEETCTL_HUAWEI_LOOKUP_ONLINE_ATTENDEES, meetctl::Args().set("conference_id", CONF).set("x", 1)),
                 "x");
  EXPECT_INVALID(conf.lookup(static_cast<meetctl_huawei_lookup>(0)), "lookup");
  EXPECT_INVALID(conf.lookup(MEETCTL_HUAWEI_LOOKUP_WS_TOKEN, meetctl::Args::from_json("nope")), "args");
  EXPECT_INVALID(meetctl::HuaweiClient::without_account(config()).lookup(MEETCTL_HUAWEI_LOOKUP_ONLINE_CONFERENCES),
                 "auth");
  EXPECT_INVALID(meetctl::Meeting::find_huawei_by_number(hw, BOARDROOM_SIP, std::string("1"), std::string("t")),
                 "control_token");
  EXPECT_INVALID(meetctl::Meeting::find_huawei_by_number(hw, std::string("sip:a\0b", 7)), "sip_number");
  EXPECT_INVALID(meetctl::Meeting::find_huawei_by_conference_id(hw, CONF, std::string("1\0", 2)), "password");

  // A moved-from client: the library refuses its NULL handle, naming it.
  const auto taken = std::move(c);
  EXPECT_ERROR(c.lookup(MEETCTL_TENCENT_LOOKUP_MEETINGS_BY_CODE, ALICE, code), MEETCTL_STATUS_NULL_ARGUMENT,  // NOLINT
               MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "client");
  EXPECT_ERROR(c.find("806724161", ALICE), MEETCTL_STATUS_NULL_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT,  // NOLINT
               "client");
  CHECK(requests() == before);
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
  RUN_GUARDED(tencent_every_lookup);
  RUN_GUARDED(find_by_code_and_link);
  RUN_GUARDED(ambiguous_codes_throw_with_candidates);
  RUN_GUARDED(unknown_codes_are_not_found);
  RUN_GUARDED(meetings_found_by_code);
  RUN_GUARDED(huawei_every_lookup);
  RUN_GUARDED(huawei_meetings_found_by_number_and_id);
  RUN_GUARDED(value_views_never_throw);
  RUN_GUARDED(bad_input_names_the_parameter_and_sends_nothing);
  return report(argv[0]);
}
