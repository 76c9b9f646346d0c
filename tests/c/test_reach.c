/*
 * Reaching people outside a Tencent meeting, from C, against the emulator (demo scenario):
 * every reach operation (MEETCTL_TENCENT_OPERATION_ROOM_CALL .. RELEASE_ROOMS) through
 * meetctl_tencent_client_control, its answer and its effect in the emulator's state (a meeting
 * room rings, is answered through the admin API, joins and is released; a SIP call is cancelled
 * while it rings; phones are called and cancelled); bad arguments refused naming the field with
 * nothing sent; and a call-out, which rings phones, not repeated on a gateway timeout while a
 * cancel is. Also the meeting's layouts (ADD_LAYOUTS, ADD_ADVANCED_LAYOUTS, APPLY_LAYOUT: nested JSON
 * arguments checked against the same declaration, bad nested fields named by their path, an add
 * not repeated on a gateway timeout while an apply is) and kick-out / the waiting room by open_id.
 *
 * Usage: test_reach BASE_URL [CASE...]   (only the named cases when some are given)
 */
#define _POSIX_C_SOURCE 200809L

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/emulator.h"
#include "meetctl.h"

#define MEETING "1242152152161"
#define M1 "tencent.meetings[meeting_id=" MEETING "]"
#define CALLOUT "/v1/meeting/" MEETING "/phone/callout"
#define CANCELCALL "/v1/meeting/" MEETING "/phone/cancelcall"
#define LAYOUTS "/v1/meetings/" MEETING "/layouts"
#define APPLYING "/v1/meetings/" MEETING "/applying-layout"
#define BASIC_LAYOUT                                                                                          \
  "{\"page_list\":[{\"layout_template_id\":\"2\",\"user_seat_list\":[{\"grid_id\":\"1\",\"grid_type\":1," \
  "\"userid\":\"bob\"},{\"grid_id\":\"2\",\"grid_type\":2}]}]}"

/* alice, the creator, by userid: the reach APIs take the operator by userid. */
static const meetctl_tencent_user ALICE = {MEETCTL_ID_KIND_USERID, "alice", MEETCTL_INSTANCE_IOS};
static const meetctl_tencent_user CAROL = {MEETCTL_ID_KIND_MS_OPEN_ID, "msopenid-carol", MEETCTL_INSTANCE_PC};

static meetctl_tencent_client *tencent(void) {
  meetctl_config *cfg = meetctl_config_new();
  meetctl_tencent_client *c = NULL;
  CHECK(meetctl_config_set_base_url(cfg, emu_base, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_config_disable_proxy(cfg, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_config_set_timeout_ms(cfg, 10000, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_tencent_client_new_enterprise(cfg, "210000001", "AKIDdemo0001", "demo-secret-key-0001", NULL, &c,
                                              NULL) == MEETCTL_STATUS_OK);
  meetctl_config_free(cfg);
  return c;
}

/* `operation` by `op` with `args` on MEETING; the answer JSON (free with meetctl_string_free), or
 * NULL after reporting the error. */
static char *control(const meetctl_tencent_client *c, meetctl_tencent_operation operation,
                     const meetctl_tencent_user *op, const char *args) {
  char *answer = NULL;
  meetctl_error *err = NULL;
  if (meetctl_tencent_client_control(c, (uint32_t)operation, MEETING, op, NULL, 0, args, &answer, &err) !=
      MEETCTL_STATUS_OK) {
    fprintf(stderr, "  operation %d: %s\n", (int)operation, meetctl_error_get_description(err));
    t_case_failed = 1;
  }
  meetctl_error_free(err);
  return answer;
}

/* The operation's error (free with meetctl_error_free), or NULL (a failed check) when it succeeded. */
static meetctl_error *refused(const meetctl_tencent_client *c, meetctl_tencent_operation operation,
                              const meetctl_tencent_user *op, const char *args) {
  meetctl_error *err = NULL;
  if (meetctl_tencent_client_control(c, (uint32_t)operation, MEETING, op, NULL, 0, args, NULL, &err) ==
      MEETCTL_STATUS_OK) {
    fprintf(stderr, "  operation %d with %s succeeded\n", (int)operation, args ? args : "(no args)");
    t_case_failed = 1;
  }
  return err;
}

/* The text of "invite_id" in a room-call answer, as a new string (free with free()). */
static char *invite_id_of(const char *answer) {
  char *quoted = answer ? emu_json_get(answer, "invite_id") : NULL;
  char *id = NULL;
  size_t n;
  if (quoted && (n = strlen(quoted)) >= 2) {
    id = (char *)malloc(n - 1);
    if (id) {
      memcpy(id, quoted + 1, n - 2);
      id[n - 2] = '\0';
    }
  }
  free(quoted);
  return id;
}

static void answer_call(const char *call_id, bool joins) {
  char body[256];
  char *r;
  snprintf(body, sizeof body, "{\"call_id\":\"%s\",\"joins\":%s}", call_id, joins ? "true" : "false");
  r = emu_admin("POST", "/_emulator/tencent/meetings/" MEETING "/calls/answer", body);
  CHECK(r != NULL);
  free(r);
}

/* ------------------------------------------------------------------ cases */

static void every_reach_operation_end_to_end(void) {
  meetctl_tencent_client *c = tencent();
  unsigned long covered = 0;
  char *answer, *invite;

  /* A meeting room: not called, rings, answered, in the meeting (listed), released (left). */
  answer = control(c, MEETCTL_TENCENT_OPERATION_ROOM_CALL_INFO, &ALICE, "{\"meeting_room_id\":\"mr-101\"}");
  CHECK(answer && strstr(answer, "\"status\":1") != NULL);
  meetctl_string_free(answer);
  answer = control(c, MEETCTL_TENCENT_OPERATION_ROOM_CALL, &ALICE, "{\"meeting_room_id\":\"mr-101\"}");
  invite = invite_id_of(answer);
  CHECK(invite != NULL);
  meetctl_string_free(answer);
  CHECK(emu_state_is(M1 ".calls[-1].state", "\"ringing\""));
  answer = control(c, MEETCTL_TENCENT_OPERATION_ROOM_CALL_INFO, &ALICE, "{\"meeting_room_id\":\"mr-101\"}");
  CHECK(answer && strstr(answer, "\"status\":4") != NULL);
  meetctl_string_free(answer);
  if (invite) answer_call(invite, true);
  answer = control(c, MEETCTL_TENCENT_OPERATION_ROOM_CALL_INFO, &ALICE, "{\"meeting_room_id\":\"mr-101\"}");
  CHECK(answer && strstr(answer, "\"status\":2") != NULL);
  meetctl_string_free(answer);
  CHECK(emu_state_is(M1 ".participants[name=Lobby room 101].removed", "false"));
  meetctl_string_free(control(c, MEETCTL_TENCENT_OPERATION_RELEASE_ROOMS, &ALICE, "{\"meeting_room_ids\":[\"mr-101\"]}"));
  CHECK(emu_state_is(M1 ".released_rooms", "[\"mr-101\"]"));
  CHECK(emu_state_is(M1 ".participants[name=Lobby room 101].removed", "true"));
  free(invite);
  covered |= (1UL << MEETCTL_TENCENT_OPERATION_ROOM_CALL) | (1UL << MEETCTL_TENCENT_OPERATION_ROOM_CALL_INFO) |
             (1UL << MEETCTL_TENCENT_OPERATION_RELEASE_ROOMS);

  /* A SIP device, cancelled while it rings. */
  answer = control(c, MEETCTL_TENCENT_OPERATION_ROOM_CALL, &ALICE, "{\"sip_address\":\"sip:room@example.com\"}");
  invite = invite_id_of(answer);
  meetctl_string_free(answer);
  if (invite) {
    char args[256];
    snprintf(args, sizeof args, "{\"invite_id\":\"%s\",\"sip_address\":\"sip:room@example.com\"}", invite);
    meetctl_string_free(control(c, MEETCTL_TENCENT_OPERATION_CANCEL_ROOM_CALL, &ALICE, args));
  }
  CHECK(emu_state_is(M1 ".calls[-1].state", "\"cancelled\""));
  CHECK(emu_state_is(M1 ".calls[-1].target.kind", "\"sip\""));
  free(invite);
  covered |= (1UL << MEETCTL_TENCENT_OPERATION_CANCEL_ROOM_CALL);

  /* Phones: called (by a co-host's ms_open_id), one answers, the other is cancelled. */
  meetctl_string_free(control(c, MEETCTL_TENCENT_OPERATION_PHONE_CALLOUT, &CAROL,
                              "{\"phone_numbers\":[{\"area\":86,\"phone\":\"13800000009\",\"nick_name\":\"Hana\"},"
                              "{\"area\":86,\"phone\":\"01012345678\",\"extension_number\":\"12\"}]}"));
  CHECK(emu_state_is(M1 ".calls[call_id=86-01012345678-12].state", "\"ringing\""));
  answer_call("86-13800000009", true);
  CHECK(emu_state_is(M1 ".participants[name=Hana].instanceid", "0"));
  meetctl_string_free(control(c, MEETCTL_TENCENT_OPERATION_CANCEL_PHONE_CALLOUT, &ALICE,
                              "{\"phone_numbers\":[{\"area\":86,\"phone\":\"01012345678\",\"extension_number\":\"12\"}]}"));
  CHECK(emu_state_is(M1 ".calls[call_id=86-01012345678-12].state", "\"cancelled\""));
  CHECK(emu_state_is(M1 ".calls[call_id=86-13800000009].state", "\"joined\""));
  covered |= (1UL << MEETCTL_TENCENT_OPERATION_PHONE_CALLOUT) | (1UL << MEETCTL_TENCENT_OPERATION_CANCEL_PHONE_CALLOUT);

  /* Every reach operation of the enum has a case here. */
  CHECK(covered == ((1UL << (MEETCTL_TENCENT_OPERATION_RELEASE_ROOMS + 1)) - (1UL << MEETCTL_TENCENT_OPERATION_ROOM_CALL)));
  meetctl_tencent_client_free(c);
}

static void vendor_refusals(void) {
  meetctl_tencent_client *c = tencent();
  const meetctl_tencent_user bob = {MEETCTL_ID_KIND_USERID, "bob", MEETCTL_INSTANCE_MAC};
  meetctl_error *err;
  /* An attendee may not call an address, nor phones. */
  err = refused(c, MEETCTL_TENCENT_OPERATION_ROOM_CALL, &bob, "{\"h323_address\":\"10.1.2.3\"}");
  CHECK_STR(err ? meetctl_error_get_code(err) : NULL, "9042");
  meetctl_error_free(err);
  err = refused(c, MEETCTL_TENCENT_OPERATION_PHONE_CALLOUT, &bob, "{\"phone_numbers\":[{\"area\":86,\"phone\":\"138\"}]}");
  CHECK_STR(err ? meetctl_error_get_code(err) : NULL, "9042");
  meetctl_error_free(err);
  /* A room not booked for the meeting. */
  err = refused(c, MEETCTL_TENCENT_OPERATION_RELEASE_ROOMS, &ALICE, "{\"meeting_room_ids\":[\"mr-999\"]}");
  CHECK_STR(err ? meetctl_error_get_code(err) : NULL, "190004");
  meetctl_error_free(err);
  meetctl_tencent_client_free(c);
}

static void bad_arguments_name_the_field_and_send_nothing(void) {
  static const struct {
    meetctl_tencent_operation operation;
    int by_carol;
    const char *args;
    const char *field;
  } cases[] = {
      {MEETCTL_TENCENT_OPERATION_ROOM_CALL, 0, NULL, "meeting_room_id"},
      {MEETCTL_TENCENT_OPERATION_ROOM_CALL, 0, "{\"meeting_room_id\":\"mr-101\",\"sip_address\":\"sip:a@b\"}",
       "sip_address"},
      {MEETCTL_TENCENT_OPERATION_ROOM_CALL, 1, "{\"meeting_room_id\":\"mr-101\"}", "operator.id"},
      {MEETCTL_TENCENT_OPERATION_ROOM_CALL_INFO, 0, "{\"h323_address\":\"\"}", "h323_address"},
      {MEETCTL_TENCENT_OPERATION_CANCEL_ROOM_CALL, 0, "{\"meeting_room_id\":\"mr-101\"}", "invite_id"},
      {MEETCTL_TENCENT_OPERATION_PHONE_CALLOUT, 0, "{\"phone_numbers\":[]}", "phone_numbers"},
      {MEETCTL_TENCENT_OPERATION_PHONE_CALLOUT, 0, "{\"phone_numbers\":[{\"area\":86,\"phone\":\"+86\"}]}",
       "phone_numbers[0].phone"},
      {MEETCTL_TENCENT_OPERATION_CANCEL_PHONE_CALLOUT, 1, "{\"phone_numbers\":[{\"area\":86,\"phone\":\"138\"}]}",
       "operator.id"},
      {MEETCTL_TENCENT_OPERATION_CANCEL_PHONE_CALLOUT, 0,
       "{\"phone_numbers\":[{\"area\":86,\"phone\":\"138\",\"nick_name\":\"x\"}]}", "phone_numbers[0].nick_name"},
      {MEETCTL_TENCENT_OPERATION_RELEASE_ROOMS, 0, "{\"meeting_room_ids\":[\"mr-101\",7]}", "meeting_room_ids[1]"},
      {MEETCTL_TENCENT_OPERATION_RELEASE_ROOMS, 0, "{\"meeting_room_ids\":\"mr-101\"}", "meeting_room_ids"},
  };
  meetctl_tencent_client *c = tencent();
  const long before = emu_count("request_count");
  size_t i;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    meetctl_error *err = refused(c, cases[i].operation, cases[i].by_carol ? &CAROL : &ALICE, cases[i].args);
    CHECK(err && meetctl_error_get_status(err) == MEETCTL_STATUS_INVALID_ARGUMENT);
    CHECK_STR(err ? meetctl_error_get_field(err) : NULL, cases[i].field);
    meetctl_error_free(err);
  }
  CHECK(emu_count("request_count") == before);
  meetctl_tencent_client_free(c);
}

static void a_call_out_is_not_repeated_on_a_gateway_timeout_and_a_cancel_is(void) {
  meetctl_tencent_client *c = tencent();
  const char *phone = "{\"phone_numbers\":[{\"area\":86,\"phone\":\"13800000009\"}]}";
  meetctl_error *err;
  CHECK(emu_fault("{\"kind\":\"status\",\"status\":504,\"path_prefix\":\"" CALLOUT "\"}") == 0);
  err = refused(c, MEETCTL_TENCENT_OPERATION_PHONE_CALLOUT, &ALICE, phone);
  CHECK(err && meetctl_error_get_http_status(err) == 504 && meetctl_error_get_attempts(err) == 1);
  meetctl_error_free(err);
  CHECK(emu_state_is(M1 ".calls", "[]"));
  meetctl_string_free(control(c, MEETCTL_TENCENT_OPERATION_PHONE_CALLOUT, &ALICE, phone));
  CHECK(emu_fault("{\"kind\":\"status\",\"status\":504,\"path_prefix\":\"" CANCELCALL "\"}") == 0);
  meetctl_string_free(control(c, MEETCTL_TENCENT_OPERATION_CANCEL_PHONE_CALLOUT, &ALICE, phone));
  CHECK(emu_state_is(M1 ".calls[0].state", "\"cancelled\""));
  meetctl_tencent_client_free(c);
}

/* ------------------------------------------------------------------ layouts */

/* The quoted text at `path` of `json` without its quotes, as a new string (free with free()). */
static char *text_at(const char *json, const char *path) {
  char *quoted = json ? emu_json_get(json, path) : NULL;
  char *text = NULL;
  size_t n;
  if (quoted && (n = strlen(quoted)) >= 2 && quoted[0] == '"') {
    text = (char *)malloc(n - 1);
    if (text) {
      memcpy(text, quoted + 1, n - 2);
      text[n - 2] = '\0';
    }
  }
  free(quoted);
  return text;
}

static void adding_a_layout_is_not_repeated_on_a_gateway_timeout_and_applying_is(void) {
  meetctl_tencent_client *c = tencent();
  meetctl_error *err;
  char *answer, *id, args[256];
  CHECK(emu_fault("{\"kind\":\"status\",\"status\":504,\"path_prefix\":\"" LAYOUTS "\"}") == 0);
  err = refused(c, MEETCTL_TENCENT_OPERATION_ADD_LAYOUTS, &ALICE, "{\"layout_list\":[" BASIC_LAYOUT "]}");
  CHECK(err && meetctl_error_get_http_status(err) == 504 && meetctl_error_get_attempts(err) == 1);
  meetctl_error_free(err);
  CHECK(emu_state_is(M1 ".layouts.layout_list", "[]"));
  answer = control(c, MEETCTL_TENCENT_OPERATION_ADD_LAYOUTS, &ALICE,
                   "{\"layout_list\":[" BASIC_LAYOUT "," BASIC_LAYOUT "],\"default_layout_order\":2}");
  id = text_at(answer, "layout_list[1].layout_id");
  CHECK(id != NULL);
  meetctl_string_free(answer);
  CHECK(emu_fault("{\"kind\":\"status\",\"status\":504,\"path_prefix\":\"" APPLYING "\"}") == 0);
  snprintf(args, sizeof args, "{\"layout_id\":\"%s\"}", id ? id : "");
  meetctl_string_free(control(c, MEETCTL_TENCENT_OPERATION_APPLY_LAYOUT, &ALICE, args));
  snprintf(args, sizeof args, "\"%s\"", id ? id : "");
  CHECK(emu_state_is(M1 ".layouts.selected_layout_id", args));
  free(id);
  meetctl_tencent_client_free(c);
}

static void layouts_are_added_and_applied(void) {
  meetctl_tencent_client *c = tencent();
  const meetctl_tencent_user bob = {MEETCTL_ID_KIND_MS_OPEN_ID, "agaqwwgdkkddd", MEETCTL_INSTANCE_MAC};
  meetctl_error *err;
  char *answer, *id, *state, *selected, args[512], want[128];
  /* An advanced layout by a co-host's ms_open_id: a page cycling through two users. */
  answer = control(c, MEETCTL_TENCENT_OPERATION_ADD_ADVANCED_LAYOUTS, &CAROL,
                   "{\"layout_list\":[{\"layout_name\":\"rotation\",\"page_list\":[{\"layout_template_id\":\"3\","
                   "\"enable_polling\":true,\"polling_setting\":{\"polling_interval_unit\":1,\"polling_interval\":10,"
                   "\"ignore_user_novideo\":false,\"ignore_user_absence\":true},\"user_seat_list\":[{\"grid_id\":\"1\","
                   "\"grid_type\":1,\"video_type\":3,\"user_list\":[{\"ms_open_id\":\"agaqwwgdkkddd\"},{\"userid\":"
                   "\"carol\"}]}]}]}]}");
  id = text_at(answer, "layout_list[0].layout_id");
  CHECK(id != NULL);
  meetctl_string_free(answer);
  snprintf(want, sizeof want, "\"%s\"", id ? id : "");
  CHECK(emu_state_is(M1 ".layouts.layout_list[layout_name=rotation].layout_id", want));
  CHECK(emu_state_is(M1 ".layouts.layout_list[layout_name=rotation].page_list[0].polling_setting.polling_interval",
                     "10"));
  /* Applied to bob alone: the meeting's own layout is unchanged. */
  state = emu_state();
  selected = state ? emu_json_get(state, M1 ".layouts.selected_layout_id") : NULL;
  free(state);
  CHECK(selected != NULL);
  snprintf(args, sizeof args, "{\"layout_id\":\"%s\",\"user_list\":[{\"ms_open_id\":\"agaqwwgdkkddd\",\"instanceid\":2}]}",
           id ? id : "");
  meetctl_string_free(control(c, MEETCTL_TENCENT_OPERATION_APPLY_LAYOUT, &ALICE, args));
  CHECK(emu_state_is(M1 ".layouts.user_layouts.agaqwwgdkkddd", want));
  CHECK(selected && emu_state_is(M1 ".layouts.selected_layout_id", selected));
  free(selected);
  /* An attendee may not; an unknown layout is the vendor's 20012. */
  err = refused(c, MEETCTL_TENCENT_OPERATION_APPLY_LAYOUT, &bob, args);
  CHECK_STR(err ? meetctl_error_get_code(err) : NULL, "9042");
  meetctl_error_free(err);
  err = refused(c, MEETCTL_TENCENT_OPERATION_APPLY_LAYOUT, &ALICE, "{\"layout_id\":\"layout-nope\"}");
  CHECK_STR(err ? meetctl_error_get_code(err) : NULL, "20012");
  meetctl_error_free(err);
  free(id);
  meetctl_tencent_client_free(c);
}

static void layout_arguments_name_the_nested_field_and_send_nothing(void) {
  static const struct {
    meetctl_tencent_operation operation;
    int by_carol;
    const char *args;
    const char *field;
  } cases[] = {
      {MEETCTL_TENCENT_OPERATION_ADD_LAYOUTS, 0, "{\"layout_list\":[]}", "layout_list"},
      {MEETCTL_TENCENT_OPERATION_ADD_LAYOUTS, 0,
       "{\"layout_list\":[" BASIC_LAYOUT ",{\"page_list\":[{\"layout_template_id\":\"2\",\"user_seat_list\":[{"
       "\"grid_id\":\"1\",\"grid_type\":1},{\"grid_id\":\"\",\"grid_type\":1}]}]}]}",
       "layout_list[1].page_list[0].user_seat_list[1].grid_id"},
      {MEETCTL_TENCENT_OPERATION_ADD_LAYOUTS, 1, "{\"layout_list\":[" BASIC_LAYOUT "]}", "operator.id"},
      {MEETCTL_TENCENT_OPERATION_ADD_ADVANCED_LAYOUTS, 0,
       "{\"layout_list\":[{\"page_list\":[{\"layout_template_id\":\"3\",\"user_seat_list\":[{\"grid_id\":\"1\","
       "\"grid_type\":1}],\"polling_setting\":{\"polling_interval_unit\":1,\"polling_interval\":0,"
       "\"ignore_user_novideo\":true,\"ignore_user_absence\":true}}]}]}",
       "layout_list[0].page_list[0].polling_setting.polling_interval"},
      {MEETCTL_TENCENT_OPERATION_ADD_ADVANCED_LAYOUTS, 0,
       "{\"layout_list\":[{\"page_list\":[{\"layout_template_id\":\"3\",\"user_seat_list\":[{\"grid_id\":\"1\","
       "\"grid_type\":1,\"user_list\":[{\"ms_open_id\":7}]}]}]}]}",
       "layout_list[0].page_list[0].user_seat_list[0].user_list[0].ms_open_id"},
      {MEETCTL_TENCENT_OPERATION_APPLY_LAYOUT, 0, "{}", "layout_id"},
      {MEETCTL_TENCENT_OPERATION_APPLY_LAYOUT, 0, "{\"layout_id\":\"l\",\"user_list\":[{\"ms_open_id\":\"m\"}]}",
       "user_list[0].instanceid"},
  };
  meetctl_tencent_client *c = tencent();
  const long before = emu_count("request_count");
  size_t i;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    meetctl_error *err = refused(c, cases[i].operation, cases[i].by_carol ? &CAROL : &ALICE, cases[i].args);
    CHECK(err && meetctl_error_get_status(err) == MEETCTL_STATUS_INVALID_ARGUMENT);
    CHECK_STR(err ? meetctl_error_get_field(err) : NULL, cases[i].field);
    meetctl_error_free(err);
  }
  CHECK(emu_count("request_count") == before);
  meetctl_tencent_client_free(c);
}

static void kick_out_and_the_waiting_room_by_open_id(void) {
  meetctl_tencent_client *c = tencent();
  const meetctl_tencent_user frank = {MEETCTL_ID_KIND_OPEN_ID, "openid-frank", MEETCTL_INSTANCE_PC};
  const meetctl_tencent_user dave = {MEETCTL_ID_KIND_OPEN_ID, "openid-dave", MEETCTL_INSTANCE_ANDROID};
  meetctl_error *err = NULL;
  char *answer = NULL;
  CHECK(meetctl_tencent_client_control(c, MEETCTL_TENCENT_OPERATION_ADMIT_FROM_WAITING_ROOM, MEETING, &CAROL, &frank,
                                       1, NULL, &answer, &err) == MEETCTL_STATUS_OK);
  meetctl_string_free(answer);
  meetctl_error_free(err);
  CHECK(emu_state_is(M1 ".participants[userid=frank].in_waiting_room", "false"));
  err = NULL;
  answer = NULL;
  CHECK(meetctl_tencent_client_control(c, MEETCTL_TENCENT_OPERATION_KICK_OUT, MEETING, &CAROL, &dave, 1, NULL,
                                       &answer, &err) == MEETCTL_STATUS_OK);
  meetctl_string_free(answer);
  meetctl_error_free(err);
  CHECK(emu_state_is(M1 ".participants[userid=dave].removed", "true"));
  /* Mute still takes an ms_open_id only: refused before anything is sent. */
  err = NULL;
  CHECK(meetctl_tencent_client_control(c, MEETCTL_TENCENT_OPERATION_MUTE, MEETING, &CAROL, &dave, 1, NULL, NULL,
                                       &err) == MEETCTL_STATUS_INVALID_ARGUMENT);
  CHECK_STR(err ? meetctl_error_get_field(err) : NULL, "user.id");
  meetctl_error_free(err);
  meetctl_tencent_client_free(c);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s EMULATOR_BASE_URL [CASE...]\n", argv[0]);
    return 2;
  }
  emu_base = argv[1];
  t_only = (const char *const *)argv + 2;
  t_only_count = argc - 2;
  /* Each case leaves the meeting changed: they run in this order against one emulator. */
  RUN(bad_arguments_name_the_field_and_send_nothing);
  RUN(a_call_out_is_not_repeated_on_a_gateway_timeout_and_a_cancel_is);
  RUN(vendor_refusals);
  RUN(every_reach_operation_end_to_end);
  RUN(layout_arguments_name_the_nested_field_and_send_nothing);
  RUN(adding_a_layout_is_not_repeated_on_a_gateway_timeout_and_applying_is);
  RUN(layouts_are_added_and_applied);
  RUN(kick_out_and_the_waiting_room_by_open_id);
  return report(argv[0]);
}
