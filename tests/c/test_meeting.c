/*
 * One meeting, either vendor: the vendor-neutral C API (meetctl_meeting, meetctl_participant_list,
 * meetctl_meeting_control) against the emulator (demo scenario). One behavioural suite, written
 * once and run on both vendors — the Tencent meeting 1242152152161 of app 210000001 operated by
 * its creator "alice" (by userid, on iOS) and the Huawei conference 914083136 opened with the host
 * password — proving that the same calls have the same effect in the emulator's state; then what
 * differs (capabilities, MAKE_HOST), the participant id round trip (also after a Tencent rejoin on
 * another device), validation before any I/O, and 8 threads sharing one meeting.
 *
 * The cases share one emulator and run in order; the last one ends both meetings.
 *
 * Usage: test_meeting BASE_URL
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/emulator.h"
#include "meetctl.h"

#define TENCENT_MEETING "1242152152161"
#define CONF "914083136"
#define HOST_PWD "157599"
#define ALICE_PID "d2c3ae64216e11eabc510dc9b62e3a80"
#define BOB_MS_OPEN_ID "agaqwwgdkkddd"

/* Every operation's bit in a capability mask: bits 1 to CANCEL_INVITE, the last. */
#define LAST_OPERATION MEETCTL_MEETING_OPERATION_CANCEL_INVITE
#define ALL_OPERATIONS ((1u << (LAST_OPERATION + 1)) - 2u)
/* What Tencent cannot do: hand over the host role, broadcast, lower hands. */
#define HUAWEI_ONLY                                                                                      \
  ((1u << MEETCTL_MEETING_OPERATION_MAKE_HOST) | (1u << MEETCTL_MEETING_OPERATION_BROADCAST) |           \
   (1u << MEETCTL_MEETING_OPERATION_CANCEL_BROADCAST) | (1u << MEETCTL_MEETING_OPERATION_LOWER_ALL_HANDS))

static const meetctl_vendor VENDORS[2] = {MEETCTL_VENDOR_TENCENT, MEETCTL_VENDOR_HUAWEI};

static const char *vendor_name(meetctl_vendor v) { return v == MEETCTL_VENDOR_TENCENT ? "Tencent" : "Huawei"; }

/* ------------------------------------------------------------------ meetings */

static meetctl_config *config(void) {
  meetctl_config *cfg = meetctl_config_new();
  CHECK(meetctl_config_set_base_url(cfg, emu_base, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_config_disable_proxy(cfg, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_config_set_timeout_ms(cfg, 10000, NULL) == MEETCTL_STATUS_OK);
  return cfg;
}

/* The demo's meeting of `vendor`. The client and the conference handle it is made from are freed
 * at once: the meeting keeps what it needs. */
static meetctl_meeting *open_meeting(meetctl_vendor vendor) {
  meetctl_config *cfg = config();
  meetctl_meeting *m = NULL;
  meetctl_error *err = NULL;
  if (vendor == MEETCTL_VENDOR_TENCENT) {
    const meetctl_tencent_user alice = {MEETCTL_ID_KIND_USERID, "alice", MEETCTL_INSTANCE_IOS};
    meetctl_tencent_client *c = NULL;
    CHECK(meetctl_tencent_client_new_enterprise(cfg, "210000001", "AKIDdemo0001", "demo-secret-key-0001", NULL, &c,
                                                NULL) == MEETCTL_STATUS_OK);
    CHECK(meetctl_meeting_new_tencent(c, TENCENT_MEETING, &alice, &m, &err) == MEETCTL_STATUS_OK);
    meetctl_tencent_client_free(c);
  } else {
    meetctl_huawei_client *c = NULL;
    meetctl_huawei_conference *conf = NULL;
    CHECK(meetctl_huawei_client_new(cfg, &c, NULL) == MEETCTL_STATUS_OK);
    CHECK(meetctl_huawei_conference_new_with_password(c, CONF, HOST_PWD, &conf, NULL) == MEETCTL_STATUS_OK);
    CHECK(meetctl_meeting_new_huawei(conf, &m, &err) == MEETCTL_STATUS_OK);
    meetctl_huawei_conference_free(conf);
    meetctl_huawei_client_free(c);
  }
  if (err) fprintf(stderr, "  %s\n", meetctl_error_get_description(err));
  meetctl_error_free(err);
  meetctl_config_free(cfg);
  return m;
}

static meetctl_participant_list *list_of(const meetctl_meeting *m) {
  meetctl_participant_list *list = NULL;
  meetctl_error *err = NULL;
  if (meetctl_meeting_participants(m, &list, &err) != MEETCTL_STATUS_OK) {
    fprintf(stderr, "  participants: %s\n", meetctl_error_get_description(err));
    t_case_failed = 1;
  }
  meetctl_error_free(err);
  return list;
}

/* Performs `op` on entry `index` of `list` (NULL: none); reports a failure. */
static int control(const meetctl_meeting *m, meetctl_meeting_operation op, const meetctl_participant_list *list,
                   size_t index, const char *args_json) {
  meetctl_error *err = NULL;
  const meetctl_status st = meetctl_meeting_control(m, (uint32_t)op, list, index, args_json, &err);
  if (st != MEETCTL_STATUS_OK) {
    fprintf(stderr, "  %s %s: %s\n", vendor_name(meetctl_meeting_get_vendor(m)), meetctl_meeting_operation_name(op),
            meetctl_error_get_description(err));
    t_case_failed = 1;
  }
  meetctl_error_free(err);
  return st == MEETCTL_STATUS_OK;
}

/* The first attendee whose microphone is on and who can be controlled; the length when none. */
static size_t an_attendee(const meetctl_participant_list *list) {
  size_t i, n = meetctl_participant_list_len(list);
  for (i = 0; i < n; i++) {
    if (meetctl_participant_list_get_role(list, i) == MEETCTL_ROLE_ATTENDEE &&
        meetctl_participant_list_get_audio_muted(list, i) == 0 && meetctl_participant_list_get_controllable(list, i) == 1)
      break;
  }
  return i;
}

/* The entry whose vendor entry (raw JSON) holds `needle`; the length when none. */
static size_t find_raw(const meetctl_participant_list *list, const char *needle) {
  size_t i, n = meetctl_participant_list_len(list);
  for (i = 0; i < n && !strstr(meetctl_participant_list_get_raw_json(list, i), needle); i++) {
  }
  return i;
}

/* The entry whose id is `id`; the length when none. */
static size_t find_id(const meetctl_participant_list *list, const char *id) {
  size_t i, n = meetctl_participant_list_len(list);
  for (i = 0; i < n && strcmp(meetctl_participant_list_get_id(list, i), id) != 0; i++) {
  }
  return i;
}

static char *copy(const char *s) {
  char *c = (char *)malloc(strlen(s) + 1);
  if (c) strcpy(c, s);
  return c;
}

/* ------------------------------------------------------------------ the emulator's state */

static const char *meeting_path(meetctl_vendor vendor) {
  return vendor == MEETCTL_VENDOR_TENCENT ? "tencent.meetings[meeting_id=" TENCENT_MEETING "]"
                                          : "huawei.conferences[conference_id=" CONF "]";
}

/* Whether `field` of the emulator's record of the participant with meetctl id `id` is the JSON
 * text `want`. The record is found by the vendor id inside the id, as the Rust suite does: the
 * ms_open_id after "tencent:<device>:", the participant id after "huawei:". */
static int participant_is(meetctl_vendor vendor, const char *id, const char *field, const char *want) {
  char path[512];
  if (vendor == MEETCTL_VENDOR_TENCENT) {
    const char *device = strchr(id, ':'), *ms_open_id = device ? strchr(device + 1, ':') : NULL;
    if (!ms_open_id) return 0;
    snprintf(path, sizeof path, "%s.participants[ms_open_id=%s].%s", meeting_path(vendor), ms_open_id + 1, field);
  } else {
    const char *pid = strchr(id, ':');
    if (!pid) return 0;
    snprintf(path, sizeof path, "%s.participants[participant_id=%s].%s", meeting_path(vendor), pid + 1, field);
  }
  return emu_state_is(path, want);
}

static int meeting_is(meetctl_vendor vendor, const char *field, const char *want) {
  char path[256];
  snprintf(path, sizeof path, "%s.%s", meeting_path(vendor), field);
  return emu_state_is(path, want);
}

static int locked(meetctl_vendor vendor, int yes) {
  return vendor == MEETCTL_VENDOR_TENCENT ? meeting_is(vendor, "settings.meeting_locked", yes ? "true" : "false")
                                          : meeting_is(vendor, "settings.isLock", yes ? "1" : "0");
}

/* How many requests the emulator logged whose path ends with `suffix`. */
static int requests_to(const char *suffix) {
  char *s = emu_state();
  const char *p = emu_json_path(s, "requests");
  const size_t n = strlen(suffix);
  int count = 0;
  while (p && (p = strstr(p, "\"path\":\"")) != NULL) {
    const char *end = strchr(p + 8, '"');
    if (end && (size_t)(end - p - 8) >= n && strncmp(end - n, suffix, n) == 0) count++;
    p += 8;
  }
  free(s);
  return count;
}

/* Checks a failure of `call`, which writes its error to `&err_`: status, kind, field (when not
 * NULL); frees the error. */
#define EXPECT_ERR(call, want_status, want_kind, want_field)                      \
  do {                                                                            \
    meetctl_error *err_ = NULL;                                                   \
    meetctl_status st_ = (call);                                                  \
    expect_err(__LINE__, st_, err_, (want_status), (want_kind), (want_field));    \
  } while (0)

static void expect_err(int line, meetctl_status st, meetctl_error *err, meetctl_status want_status,
                       meetctl_error_kind want_kind, const char *want_field) {
  const char *field = meetctl_error_get_field(err);
  int ok = st == want_status && err != NULL && meetctl_error_get_status(err) == want_status &&
           meetctl_error_get_kind(err) == want_kind && meetctl_error_get_description(err) != NULL;
  if (want_field) ok = ok && field && strcmp(field, want_field) == 0;
  if (!ok) {
    fprintf(stderr, "  CHECK FAILED line %d: status %d (want %d), kind %d (want %d), field %s (want %s): %s\n", line,
            (int)st, (int)want_status, (int)meetctl_error_get_kind(err), (int)want_kind, field ? field : "-",
            want_field ? want_field : "-", err ? meetctl_error_get_description(err) : "(no error object)");
    t_case_failed = 1;
  }
  meetctl_error_free(err);
}

/* ------------------------------------------------------------------ cases */

static void capabilities_and_getters(void) {
  const long before = emu_count("request_count");
  size_t v;
  uint32_t op;
  for (v = 0; v < 2; v++) {
    meetctl_meeting *m = open_meeting(VENDORS[v]);
    const uint32_t mask = meetctl_meeting_capabilities(m);
    CHECK(meetctl_meeting_get_vendor(m) == VENDORS[v]);
    CHECK_STR(meetctl_meeting_get_id(m), VENDORS[v] == MEETCTL_VENDOR_TENCENT ? TENCENT_MEETING : CONF);
    if (VENDORS[v] == MEETCTL_VENDOR_TENCENT) {
      CHECK(mask == (ALL_OPERATIONS & ~HUAWEI_ONLY));
    } else {
      CHECK(mask == ALL_OPERATIONS);
    }
    for (op = 0; op < 32; op++) CHECK((unsigned)meetctl_meeting_supports(m, op) == ((mask >> op) & 1u));
    CHECK(!meetctl_meeting_supports(m, 0xffffffffu));
    meetctl_meeting_free(m);
  }
  CHECK_STR(meetctl_meeting_operation_name(MEETCTL_MEETING_OPERATION_MUTE_ALL), "mute_all");
  CHECK_STR(meetctl_meeting_operation_name(MEETCTL_MEETING_OPERATION_MAKE_HOST), "make_host");
  CHECK(meetctl_meeting_operation_name(0) == NULL);
  CHECK_STR(meetctl_meeting_operation_name(MEETCTL_MEETING_OPERATION_BROADCAST), "broadcast");
  CHECK_STR(meetctl_meeting_operation_name(MEETCTL_MEETING_OPERATION_CANCEL_BROADCAST), "cancel_broadcast");
  CHECK_STR(meetctl_meeting_operation_name(MEETCTL_MEETING_OPERATION_LOWER_ALL_HANDS), "lower_all_hands");
  CHECK_STR(meetctl_meeting_operation_name(MEETCTL_MEETING_OPERATION_INVITE), "invite");
  CHECK_STR(meetctl_meeting_operation_name(LAST_OPERATION), "cancel_invite");
  CHECK(meetctl_meeting_operation_name(LAST_OPERATION + 1) == NULL);
  /* NULL handles are harmless. */
  CHECK(meetctl_meeting_get_vendor(NULL) == MEETCTL_VENDOR_NONE && meetctl_meeting_get_id(NULL) == NULL);
  CHECK(meetctl_meeting_capabilities(NULL) == 0 && !meetctl_meeting_supports(NULL, MEETCTL_MEETING_OPERATION_MUTE));
  meetctl_meeting_free(NULL);
  CHECK(emu_count("request_count") == before); /* making meetings sends nothing */
}

static void listing_reads_both_vendors_the_same_way(void) {
  size_t v;
  for (v = 0; v < 2; v++) {
    const meetctl_vendor vendor = VENDORS[v];
    meetctl_meeting *m = open_meeting(vendor);
    meetctl_participant_list *list = list_of(m);
    const size_t n = meetctl_participant_list_len(list);
    size_t i, j, hosts = 0, bob;
    CHECK(n >= 5);
    for (i = 0; i < n; i++) {
      const char *id = meetctl_participant_list_get_id(list, i);
      CHECK(id != NULL && meetctl_participant_list_get_raw_json(list, i) != NULL);
      CHECK(meetctl_participant_list_get_vendor(list, i) == vendor);
      CHECK(strncmp(id, vendor == MEETCTL_VENDOR_TENCENT ? "tencent:" : "huawei:", vendor == MEETCTL_VENDOR_TENCENT ? 8 : 7) == 0);
      for (j = 0; j < i; j++) CHECK(strcmp(id, meetctl_participant_list_get_id(list, j)) != 0); /* unique */
      if (meetctl_participant_list_get_role(list, i) == MEETCTL_ROLE_HOST) hosts++;
    }
    CHECK(hosts == 1);
    bob = find_raw(list, vendor == MEETCTL_VENDOR_TENCENT ? "\"userid\":\"bob\"" : "\"Bob\"");
    CHECK(bob < n);
    CHECK(meetctl_participant_list_get_role(list, bob) == MEETCTL_ROLE_ATTENDEE);
    CHECK(meetctl_participant_list_get_audio_muted(list, bob) == 0);
    CHECK(meetctl_participant_list_get_video_on(list, bob) == 1);
    CHECK(meetctl_participant_list_get_controllable(list, bob) == 1);
    if (vendor == MEETCTL_VENDOR_TENCENT) {
      size_t rooms = find_raw(list, "\"instanceid\":20");
      CHECK_STR(meetctl_participant_list_get_device(list, bob), "mac");
      CHECK(meetctl_participant_list_get_sharing_screen(list, bob) == 0);
      CHECK(meetctl_participant_list_get_hand_raised(list, bob) == -1); /* Tencent lists no hands */
      /* A Rooms device has no ms_open_id the control endpoints take: listed, not controllable. */
      CHECK(rooms < n && meetctl_participant_list_get_controllable(list, rooms) == 0);
    } else {
      size_t evan = find_raw(list, "\"Evan\"");
      CHECK_STR(meetctl_participant_list_get_name(list, bob), "Bob");
      CHECK(meetctl_participant_list_get_device(list, bob) == NULL);
      CHECK(meetctl_participant_list_get_sharing_screen(list, bob) == -1); /* Huawei lists no sharing */
      CHECK(evan < n && meetctl_participant_list_get_hand_raised(list, evan) == 1);
      CHECK(meetctl_participant_list_get_video_on(list, evan) == 0);
      CHECK(strcmp(meetctl_participant_list_get_id(list, find_raw(list, "\"Alice\"")), "huawei:" ALICE_PID) == 0);
    }
    /* Out of range: NULL, -1 and NONE, never a crash. */
    CHECK(meetctl_participant_list_get_id(list, n) == NULL && meetctl_participant_list_get_name(list, (size_t)-1) == NULL);
    CHECK(meetctl_participant_list_get_raw_json(list, n) == NULL && meetctl_participant_list_get_device(list, n) == NULL);
    CHECK(meetctl_participant_list_get_role(list, n) == -1 && meetctl_participant_list_get_controllable(list, n) == -1);
    CHECK(meetctl_participant_list_get_audio_muted(list, n) == -1 && meetctl_participant_list_get_video_on(list, n) == -1);
    CHECK(meetctl_participant_list_get_hand_raised(list, n) == -1);
    CHECK(meetctl_participant_list_get_sharing_screen(list, n) == -1);
    CHECK(meetctl_participant_list_get_vendor(list, n) == MEETCTL_VENDOR_NONE);
    meetctl_participant_list_free(list);
    meetctl_meeting_free(m);
  }
  CHECK(meetctl_participant_list_len(NULL) == 0 && meetctl_participant_list_get_id(NULL, 0) == NULL);
  meetctl_participant_list_free(NULL);
}

static void validation_before_io(void) {
  meetctl_meeting *tencent = open_meeting(MEETCTL_VENDOR_TENCENT), *huawei = open_meeting(MEETCTL_VENDOR_HUAWEI);
  meetctl_participant_list *tc = list_of(tencent), *hw = list_of(huawei), *untouched = (meetctl_participant_list *)&tc;
  meetctl_meeting *no_meeting = (meetctl_meeting *)&tc;
  const size_t tc_bob = an_attendee(tc), hw_bob = an_attendee(hw), rooms = find_raw(tc, "\"instanceid\":20");
  const size_t tc_n = meetctl_participant_list_len(tc);
  const char *bad_ids[2] = {"huawei:" ALICE_PID, "zoom:1"}, *null_ids[1] = {NULL}, *bad_utf8[1] = {"huawei:\xff"};
  const meetctl_tencent_user alice = {MEETCTL_ID_KIND_USERID, "alice", MEETCTL_INSTANCE_IOS};
  const meetctl_tencent_user bad_kind = {3, "alice", MEETCTL_INSTANCE_IOS};
  const meetctl_tencent_user host_by_ms_open_id = {MEETCTL_ID_KIND_MS_OPEN_ID, "afagsagwags", MEETCTL_INSTANCE_IOS};
  const meetctl_status INVALID = MEETCTL_STATUS_INVALID_ARGUMENT, NUL = MEETCTL_STATUS_NULL_ARGUMENT;
  const meetctl_error_kind KIND = MEETCTL_ERROR_KIND_INVALID_ARGUMENT;
  const uint32_t MUTE = MEETCTL_MEETING_OPERATION_MUTE, LOCK = MEETCTL_MEETING_OPERATION_LOCK;
  const uint32_t RENAME = MEETCTL_MEETING_OPERATION_RENAME;
  long before;
  CHECK(tc_bob < tc_n && hw_bob < meetctl_participant_list_len(hw) && rooms < tc_n);
  /* Warm up what the handles look up once (Tencent: the operator's ms_open_id; Huawei: the
   * control token), so that only what each call itself would send is counted. */
  CHECK(control(tencent, MEETCTL_MEETING_OPERATION_UNMUTE, tc, tc_bob, NULL));
  CHECK(control(huawei, MEETCTL_MEETING_OPERATION_UNMUTE, hw, hw_bob, NULL));
  before = emu_count("request_count");

#define CONTROL(m, op, list, index, args) meetctl_meeting_control((m), (op), (list), (index), (args), &err_)

  /* In the order of the parameters: the meeting, the operation, the list and index, the args. */
  EXPECT_ERR(CONTROL(NULL, MUTE, tc, tc_bob, NULL), NUL, KIND, "meeting");
  EXPECT_ERR(CONTROL(tencent, 0, tc, tc_bob, NULL), INVALID, KIND, "operation");
  EXPECT_ERR(CONTROL(tencent, LAST_OPERATION + 1, tc, tc_bob, NULL), INVALID, KIND, "operation");
  EXPECT_ERR(CONTROL(huawei, MEETCTL_MEETING_OPERATION_BROADCAST, NULL, 0, NULL), NUL, KIND, "list");
  EXPECT_ERR(CONTROL(huawei, MEETCTL_MEETING_OPERATION_LOWER_ALL_HANDS, hw, hw_bob, NULL), INVALID, KIND, "list");
  EXPECT_ERR(CONTROL(huawei, 0xffffffffu, NULL, 0, NULL), INVALID, KIND, "operation");
  EXPECT_ERR(CONTROL(huawei, MEETCTL_MEETING_OPERATION_PARTICIPANTS, NULL, 0, NULL), INVALID, KIND, "operation");
  EXPECT_ERR(CONTROL(tencent, MUTE, NULL, 0, NULL), NUL, KIND, "list");
  EXPECT_ERR(CONTROL(huawei, MEETCTL_MEETING_OPERATION_RENAME, NULL, 0, "{\"name\":\"x\"}"), NUL, KIND, "list");
  EXPECT_ERR(CONTROL(tencent, LOCK, tc, tc_bob, NULL), INVALID, KIND, "list");
  EXPECT_ERR(CONTROL(huawei, MEETCTL_MEETING_OPERATION_END, hw, 0, NULL), INVALID, KIND, "list");
  EXPECT_ERR(CONTROL(tencent, MUTE, tc, tc_n, NULL), INVALID, KIND, "index");
  EXPECT_ERR(CONTROL(huawei, MUTE, hw, (size_t)-1, NULL), INVALID, KIND, "index");
  EXPECT_ERR(CONTROL(tencent, MUTE, tc, tc_bob, "{oops"), INVALID, KIND, "args");
  EXPECT_ERR(CONTROL(huawei, LOCK, NULL, 0, "[true]"), INVALID, KIND, "args");
  EXPECT_ERR(CONTROL(huawei, LOCK, NULL, 0, "{\"a\":\"\xff\"}"), MEETCTL_STATUS_INVALID_UTF8, KIND, "args");
  /* Then the operation against the meeting. */
  EXPECT_ERR(CONTROL(tencent, MUTE, hw, hw_bob, NULL), INVALID, KIND, "participant"); /* the other vendor's */
  EXPECT_ERR(CONTROL(huawei, MUTE, tc, tc_bob, NULL), INVALID, KIND, "participant");
  EXPECT_ERR(CONTROL(tencent, MUTE, tc, rooms, NULL), INVALID, KIND, "participant"); /* not controllable */
  EXPECT_ERR(CONTROL(tencent, MUTE, tc, tc_bob, "{\"name\":\"x\"}"), INVALID, KIND, "name"); /* not its argument */
  EXPECT_ERR(CONTROL(huawei, LOCK, NULL, 0, "{\"allow_unmute_by_self\":true}"), INVALID, KIND,
             "allow_unmute_by_self");
  EXPECT_ERR(CONTROL(huawei, MEETCTL_MEETING_OPERATION_MUTE_ALL, NULL, 0, "{\"allow_unmute_by_self\":1}"), INVALID,
             KIND, "allow_unmute_by_self");
  EXPECT_ERR(CONTROL(tencent, RENAME, tc, tc_bob, NULL), INVALID, KIND, "name");
  EXPECT_ERR(CONTROL(huawei, RENAME, hw, hw_bob, "{}"), INVALID, KIND, "name");
  EXPECT_ERR(CONTROL(tencent, RENAME, tc, tc_bob, "{\"name\":\"a name well over twenty characters\"}"), INVALID,
             KIND, "name");
  EXPECT_ERR(CONTROL(tencent, MEETCTL_MEETING_OPERATION_MAKE_HOST, NULL, 0, NULL), NUL, KIND, "list");
#undef CONTROL

  /* Lists from ids: every id is read, the bad one named; the out-parameter stays untouched. */
  EXPECT_ERR(meetctl_participant_list_from_ids(bad_ids, 2, &untouched, &err_), INVALID, KIND, "ids[1]");
  EXPECT_ERR(meetctl_participant_list_from_ids(null_ids, 1, &untouched, &err_), NUL, KIND, "ids[0]");
  EXPECT_ERR(meetctl_participant_list_from_ids(bad_utf8, 1, &untouched, &err_), MEETCTL_STATUS_INVALID_UTF8, KIND,
             "ids[0]");
  EXPECT_ERR(meetctl_participant_list_from_ids(NULL, 1, &untouched, &err_), NUL, KIND, "ids");
  EXPECT_ERR(meetctl_participant_list_from_ids(bad_ids, 1, NULL, &err_), NUL, KIND, "list_out");
  CHECK(untouched == (meetctl_participant_list *)&tc);
  /* The listing, and the constructors. */
  EXPECT_ERR(meetctl_meeting_participants(NULL, &untouched, &err_), NUL, KIND, "meeting");
  EXPECT_ERR(meetctl_meeting_participants(tencent, NULL, &err_), NUL, KIND, "list_out");
  EXPECT_ERR(meetctl_meeting_new_tencent(NULL, TENCENT_MEETING, &alice, &no_meeting, &err_), NUL, KIND, "client");
  EXPECT_ERR(meetctl_meeting_new_huawei(NULL, &no_meeting, &err_), NUL, KIND, "conference");
  {
    meetctl_tencent_client *c = NULL;
    meetctl_meeting *by_ms_open_id = NULL;
    CHECK(meetctl_tencent_client_new_oauth(NULL, "o", "t", &c, NULL) == MEETCTL_STATUS_OK);
    EXPECT_ERR(meetctl_meeting_new_tencent(c, NULL, &alice, &no_meeting, &err_), NUL, KIND, "meeting_id");
    EXPECT_ERR(meetctl_meeting_new_tencent(c, "1/2", &alice, &no_meeting, &err_), INVALID, KIND, "meeting_id");
    EXPECT_ERR(meetctl_meeting_new_tencent(c, TENCENT_MEETING, NULL, &no_meeting, &err_), NUL, KIND, "operator");
    EXPECT_ERR(meetctl_meeting_new_tencent(c, TENCENT_MEETING, &bad_kind, &no_meeting, &err_), INVALID, KIND,
               "operator.id_kind");
    EXPECT_ERR(meetctl_meeting_new_tencent(c, TENCENT_MEETING, &alice, NULL, &err_), NUL, KIND, "meeting_out");
    /* An operator by ms_open_id can act, not list. */
    CHECK(meetctl_meeting_new_tencent(c, TENCENT_MEETING, &host_by_ms_open_id, &by_ms_open_id, NULL) ==
          MEETCTL_STATUS_OK);
    EXPECT_ERR(meetctl_meeting_participants(by_ms_open_id, &untouched, &err_), INVALID, KIND, "operator");
    meetctl_meeting_free(by_ms_open_id);
    meetctl_tencent_client_free(c);
  }
  CHECK(no_meeting == (meetctl_meeting *)&tc && untouched == (meetctl_participant_list *)&tc);
  CHECK(emu_count("request_count") == before); /* nothing was sent */
  meetctl_participant_list_free(tc);
  meetctl_participant_list_free(hw);
  meetctl_meeting_free(tencent);
  meetctl_meeting_free(huawei);
}

static void make_host_is_huawei_only(void) {
  meetctl_meeting *tencent = open_meeting(MEETCTL_VENDOR_TENCENT), *huawei = open_meeting(MEETCTL_VENDOR_HUAWEI);
  meetctl_participant_list *tc = list_of(tencent), *hw = list_of(huawei);
  const size_t tc_bob = an_attendee(tc), hw_bob = an_attendee(hw), hw_alice = find_raw(hw, "\"Alice\"");
  const long before = emu_count("request_count");
  meetctl_error *err = NULL;
  char want[128];
  CHECK(!meetctl_meeting_supports(tencent, MEETCTL_MEETING_OPERATION_MAKE_HOST));
  CHECK(meetctl_meeting_control(tencent, MEETCTL_MEETING_OPERATION_MAKE_HOST, tc, tc_bob, NULL, &err) ==
        MEETCTL_STATUS_UNSUPPORTED);
  CHECK(meetctl_error_get_status(err) == MEETCTL_STATUS_UNSUPPORTED);
  CHECK(meetctl_error_get_kind(err) == MEETCTL_ERROR_KIND_UNSUPPORTED);
  CHECK(meetctl_error_get_vendor(err) == MEETCTL_VENDOR_TENCENT); /* the vendor that cannot */
  CHECK(meetctl_error_get_http_status(err) == 0 && meetctl_error_get_code(err) == NULL);
  meetctl_error_free(err);
  CHECK(emu_count("request_count") == before); /* no request was sent */

  CHECK(meetctl_meeting_supports(huawei, MEETCTL_MEETING_OPERATION_MAKE_HOST));
  CHECK(control(huawei, MEETCTL_MEETING_OPERATION_MAKE_HOST, hw, hw_bob, NULL));
  snprintf(want, sizeof want, "\"%s\"", meetctl_participant_list_get_id(hw, hw_bob) + strlen("huawei:"));
  CHECK(meeting_is(MEETCTL_VENDOR_HUAWEI, "host", want));
  /* And back to Alice, for the cases that follow. */
  CHECK(control(huawei, MEETCTL_MEETING_OPERATION_MAKE_HOST, hw, hw_alice, NULL));
  CHECK(meeting_is(MEETCTL_VENDOR_HUAWEI, "host", "\"" ALICE_PID "\""));
  meetctl_participant_list_free(tc);
  meetctl_participant_list_free(hw);
  meetctl_meeting_free(tencent);
  meetctl_meeting_free(huawei);
}

/* Broadcast, cancel it and lower every hand: Huawei's endpoints; Tencent refuses before sending. */
static void broadcast_and_hands_are_huawei_only(void) {
  meetctl_meeting *tencent = open_meeting(MEETCTL_VENDOR_TENCENT), *huawei = open_meeting(MEETCTL_VENDOR_HUAWEI);
  meetctl_participant_list *tc = list_of(tencent), *hw = list_of(huawei);
  const size_t tc_bob = an_attendee(tc), hw_bob = an_attendee(hw);
  const uint32_t ops[3] = {MEETCTL_MEETING_OPERATION_BROADCAST, MEETCTL_MEETING_OPERATION_CANCEL_BROADCAST,
                           MEETCTL_MEETING_OPERATION_LOWER_ALL_HANDS};
  const long before = emu_count("request_count");
  char want[128];
  size_t i;
  for (i = 0; i < 3; i++) {
    meetctl_error *err = NULL;
    const int with_bob = ops[i] == MEETCTL_MEETING_OPERATION_BROADCAST;
    CHECK(!meetctl_meeting_supports(tencent, ops[i]) && meetctl_meeting_supports(huawei, ops[i]));
    CHECK(meetctl_meeting_control(tencent, ops[i], with_bob ? tc : NULL, with_bob ? tc_bob : 0, NULL, &err) ==
          MEETCTL_STATUS_UNSUPPORTED);
    CHECK(meetctl_error_get_vendor(err) == MEETCTL_VENDOR_TENCENT);
    meetctl_error_free(err);
  }
  CHECK(emu_count("request_count") == before); /* no request was sent */

  CHECK(control(huawei, MEETCTL_MEETING_OPERATION_BROADCAST, hw, hw_bob, NULL));
  snprintf(want, sizeof want, "\"%s\"", meetctl_participant_list_get_id(hw, hw_bob) + strlen("huawei:"));
  CHECK(meeting_is(MEETCTL_VENDOR_HUAWEI, "broadcast", want));
  CHECK(meeting_is(MEETCTL_VENDOR_HUAWEI, "mode", "\"BROADCAST\""));
  CHECK(control(huawei, MEETCTL_MEETING_OPERATION_CANCEL_BROADCAST, NULL, 0, NULL));
  CHECK(meeting_is(MEETCTL_VENDOR_HUAWEI, "mode", "\"FREE\""));
  CHECK(control(huawei, MEETCTL_MEETING_OPERATION_LOWER_ALL_HANDS, NULL, 0, NULL));
  CHECK(meeting_is(MEETCTL_VENDOR_HUAWEI, "participants[participant_id=p-evan].hand_raised", "false"));
  meetctl_participant_list_free(tc);
  meetctl_participant_list_free(hw);
  meetctl_meeting_free(tencent);
  meetctl_meeting_free(huawei);
}

/* Invite a phone and a SIP device and stop the calls: the same JSON arguments on both vendors. */
static void invite_and_cancel_on_both_vendors(void) {
  size_t v;
  for (v = 0; v < 2; v++) {
    const meetctl_vendor vendor = VENDORS[v];
    const int tencent = vendor == MEETCTL_VENDOR_TENCENT;
    meetctl_meeting *m = open_meeting(vendor);
    const long before = emu_count("request_count");
    meetctl_error *err = NULL;
    /* Exactly one address: none, or two, is refused before anything is sent, naming the field. */
    CHECK(meetctl_meeting_control(m, MEETCTL_MEETING_OPERATION_INVITE, NULL, 0, "{}", &err) ==
          MEETCTL_STATUS_INVALID_ARGUMENT);
    CHECK_STR(meetctl_error_get_field(err), "phone");
    meetctl_error_free(err);
    err = NULL;
    CHECK(meetctl_meeting_control(m, MEETCTL_MEETING_OPERATION_INVITE, NULL, 0,
                                  "{\"phone\":\"13800000009\",\"sip_address\":\"sip:a@b\"}",
                                  &err) == MEETCTL_STATUS_INVALID_ARGUMENT);
    CHECK_STR(meetctl_error_get_field(err), "sip_address");
    meetctl_error_free(err);
    CHECK(emu_count("request_count") == before);

    CHECK(control(m, MEETCTL_MEETING_OPERATION_INVITE, NULL, 0, "{\"phone\":\"13800000009\",\"name\":\"Hana\"}"));
    CHECK(tencent ? meeting_is(vendor, "calls[call_id=86-13800000009].state", "\"ringing\"")
                  : meeting_is(vendor, "participants[number=+8613800000009].name", "\"Hana\""));
    CHECK(control(m, MEETCTL_MEETING_OPERATION_CANCEL_INVITE, NULL, 0, "{\"phone\":\"13800000009\"}"));
    CHECK(tencent ? meeting_is(vendor, "calls[call_id=86-13800000009].state", "\"cancelled\"")
                  : meeting_is(vendor, "removed_attendees[-1]", "\"+8613800000009\""));
    CHECK(control(m, MEETCTL_MEETING_OPERATION_INVITE, NULL, 0, "{\"sip_address\":\"sip:room@example.com\"}"));
    CHECK(tencent ? meeting_is(vendor, "calls[-1].target.dial_string", "\"sip:room@example.com\"")
                  : meeting_is(vendor, "participants[number=sip:room@example.com].terminal", "true"));
    CHECK(control(m, MEETCTL_MEETING_OPERATION_CANCEL_INVITE, NULL, 0, "{\"sip_address\":\"sip:room@example.com\"}"));
    CHECK(tencent ? meeting_is(vendor, "calls[-1].state", "\"cancelled\"")
                  : meeting_is(vendor, "removed_attendees[-1]", "\"sip:room@example.com\""));
    meetctl_meeting_free(m);
  }
}

static void a_kept_id_reaches_the_same_person(void) {
  size_t v;
  for (v = 0; v < 2; v++) {
    const meetctl_vendor vendor = VENDORS[v];
    meetctl_meeting *m = open_meeting(vendor);
    meetctl_participant_list *list = list_of(m), *kept = NULL;
    const size_t bob = an_attendee(list);
    char *id = bob < meetctl_participant_list_len(list) ? copy(meetctl_participant_list_get_id(list, bob)) : NULL;
    const char *ids[1];
    CHECK(id != NULL);
    meetctl_participant_list_free(list); /* only the id text is kept */
    if (!id) {
      meetctl_meeting_free(m);
      continue;
    }
    ids[0] = id;
    CHECK(meetctl_participant_list_from_ids(ids, 1, &kept, NULL) == MEETCTL_STATUS_OK);
    CHECK(meetctl_participant_list_len(kept) == 1);
    CHECK_STR(meetctl_participant_list_get_id(kept, 0), id);
    CHECK(meetctl_participant_list_get_vendor(kept, 0) == vendor);
    CHECK(meetctl_participant_list_get_role(kept, 0) == MEETCTL_ROLE_OTHER);
    CHECK(meetctl_participant_list_get_controllable(kept, 0) == 1);
    CHECK(meetctl_participant_list_get_audio_muted(kept, 0) == -1 && meetctl_participant_list_get_name(kept, 0) == NULL);
    CHECK_STR(meetctl_participant_list_get_raw_json(kept, 0), "null");
    CHECK(control(m, MEETCTL_MEETING_OPERATION_MUTE, kept, 0, NULL));
    CHECK(participant_is(vendor, id, "muted", "true"));
    CHECK(control(m, MEETCTL_MEETING_OPERATION_UNMUTE, kept, 0, NULL));
    CHECK(participant_is(vendor, id, "muted", "false"));
    /* Huawei renames by number: for a kept id it is looked up first. */
    CHECK(control(m, MEETCTL_MEETING_OPERATION_RENAME, kept, 0, "{\"name\":\"Kept \\\"K\\\" \xe6\x9d\x8e\"}"));
    CHECK(participant_is(vendor, id, "name", "\"Kept \\\"K\\\" \xe6\x9d\x8e\""));
    meetctl_participant_list_free(kept);
    free(id);
    meetctl_meeting_free(m);
  }
}

static void a_tencent_rejoin_on_another_device_gives_a_new_id_that_reaches_them(void) {
  meetctl_meeting *m = open_meeting(MEETCTL_VENDOR_TENCENT);
  meetctl_participant_list *list = list_of(m), *again = NULL, *old = NULL;
  size_t i = find_raw(list, "\"userid\":\"bob\""), j;
  char *old_id = i < meetctl_participant_list_len(list) ? copy(meetctl_participant_list_get_id(list, i)) : NULL;
  const char *ids[1];
  char *answer;
  CHECK(old_id != NULL);
  if (!old_id) goto done;
  CHECK_STR(meetctl_participant_list_get_device(list, i), "mac");
  CHECK(control(m, MEETCTL_MEETING_OPERATION_MUTE, list, i, NULL));
  CHECK(participant_is(MEETCTL_VENDOR_TENCENT, old_id, "muted", "true"));

  /* Bob leaves and joins again from his iPhone: the ms_open_id stays (it is per meeting), the
   * device changes (it is per join), so the listing gives him a new id, and that id reaches him. */
  answer = emu_admin("POST", "/_emulator/tencent/rejoin",
                     "{\"meeting_id\":\"" TENCENT_MEETING "\",\"ms_open_id\":\"" BOB_MS_OPEN_ID "\",\"instanceid\":4}");
  CHECK(answer && strstr(answer, "\"rejoined\":true"));
  free(answer);
  again = list_of(m);
  j = find_raw(again, "\"userid\":\"bob\"");
  CHECK(j < meetctl_participant_list_len(again));
  if (j >= meetctl_participant_list_len(again)) goto done;
  CHECK(strcmp(meetctl_participant_list_get_id(again, j), old_id) != 0);
  CHECK_STR(meetctl_participant_list_get_device(again, j), "ios");
  CHECK(control(m, MEETCTL_MEETING_OPERATION_UNMUTE, again, j, NULL));
  CHECK(participant_is(MEETCTL_VENDOR_TENCENT, meetctl_participant_list_get_id(again, j), "muted", "false"));
  /* The old id names his old device: the vendor answers success without effect. */
  ids[0] = old_id;
  CHECK(meetctl_participant_list_from_ids(ids, 1, &old, NULL) == MEETCTL_STATUS_OK);
  CHECK(control(m, MEETCTL_MEETING_OPERATION_MUTE, old, 0, NULL));
  CHECK(participant_is(MEETCTL_VENDOR_TENCENT, meetctl_participant_list_get_id(again, j), "muted", "false"));
done:
  free(old_id);
  meetctl_participant_list_free(old);
  meetctl_participant_list_free(again);
  meetctl_participant_list_free(list);
  meetctl_meeting_free(m);
}

/* 8 threads share one fresh meeting per vendor: list, mute and unmute at once. */
struct worker {
  const meetctl_meeting *meeting;
  int ok;
};

static void *worker(void *arg) {
  struct worker *w = (struct worker *)arg;
  int round;
  w->ok = 1;
  for (round = 0; round < 3; round++) {
    meetctl_participant_list *list = NULL;
    size_t i;
    if (meetctl_meeting_participants(w->meeting, &list, NULL) != MEETCTL_STATUS_OK) {
      w->ok = 0;
      break;
    }
    i = find_raw(list, meetctl_meeting_get_vendor(w->meeting) == MEETCTL_VENDOR_TENCENT ? "\"userid\":\"erin\""
                                                                                         : "\"Evan\"");
    if (meetctl_meeting_control(w->meeting, MEETCTL_MEETING_OPERATION_MUTE, list, i, NULL, NULL) != MEETCTL_STATUS_OK ||
        meetctl_meeting_control(w->meeting, MEETCTL_MEETING_OPERATION_UNMUTE, list, i, NULL, NULL) != MEETCTL_STATUS_OK)
      w->ok = 0;
    meetctl_participant_list_free(list);
  }
  return NULL;
}

static void eight_threads_share_one_meeting(void) {
  meetctl_meeting *meetings[2];
  pthread_t threads[8];
  struct worker workers[8];
  const int lookups = requests_to("/ms-open-id");
  size_t i;
  meetings[0] = open_meeting(MEETCTL_VENDOR_TENCENT);
  meetings[1] = open_meeting(MEETCTL_VENDOR_HUAWEI);
  for (i = 0; i < 8; i++) {
    workers[i].meeting = meetings[i % 2];
    CHECK(pthread_create(&threads[i], NULL, worker, &workers[i]) == 0);
  }
  for (i = 0; i < 8; i++) {
    CHECK(pthread_join(threads[i], NULL) == 0);
    CHECK(workers[i].ok);
  }
  /* The Tencent operator's ms_open_id was looked up once for the four threads. */
  CHECK(requests_to("/ms-open-id") == lookups + 1);
  meetctl_meeting_free(meetings[0]);
  meetctl_meeting_free(meetings[1]);
}

/* The behavioural suite, written once: the same calls, the same effect, on both vendors. */
static void the_same_calls_have_the_same_effect_on_both_vendors(void) {
  size_t v;
  for (v = 0; v < 2; v++) {
    const meetctl_vendor vendor = VENDORS[v];
    meetctl_meeting *m = open_meeting(vendor);
    meetctl_participant_list *list = list_of(m), *after = NULL;
    const size_t bob = an_attendee(list);
    const char *id;
    size_t i;
    fprintf(stderr, "  -- %s\n", vendor_name(vendor));
    CHECK(bob < meetctl_participant_list_len(list));
    if (bob >= meetctl_participant_list_len(list)) {
      meetctl_participant_list_free(list);
      meetctl_meeting_free(m);
      continue;
    }
    id = meetctl_participant_list_get_id(list, bob);

    CHECK(control(m, MEETCTL_MEETING_OPERATION_MUTE, list, bob, NULL));
    CHECK(participant_is(vendor, id, "muted", "true"));
    CHECK(control(m, MEETCTL_MEETING_OPERATION_UNMUTE, list, bob, NULL));
    CHECK(participant_is(vendor, id, "muted", "false"));
    CHECK(control(m, MEETCTL_MEETING_OPERATION_SET_COHOST, list, bob, NULL));
    CHECK(participant_is(vendor, id, "role", "\"cohost\""));
    CHECK(control(m, MEETCTL_MEETING_OPERATION_REVOKE_COHOST, list, bob, NULL));
    CHECK(participant_is(vendor, id, "role", vendor == MEETCTL_VENDOR_TENCENT ? "\"attendee\"" : "\"participant\""));
    CHECK(control(m, MEETCTL_MEETING_OPERATION_STOP_VIDEO, list, bob, NULL));
    CHECK(participant_is(vendor, id, "video", "false"));
    CHECK(control(m, MEETCTL_MEETING_OPERATION_RENAME, list, bob, "{\"name\":\"Renamed\"}"));
    CHECK(participant_is(vendor, id, "name", "\"Renamed\""));

    CHECK(control(m, MEETCTL_MEETING_OPERATION_LOCK, NULL, 0, NULL));
    CHECK(locked(vendor, 1));
    CHECK(control(m, MEETCTL_MEETING_OPERATION_UNLOCK, NULL, 0, NULL));
    CHECK(locked(vendor, 0));

    /* Mute all leaves the host alone; every attendee is muted. */
    CHECK(control(m, MEETCTL_MEETING_OPERATION_MUTE_ALL, NULL, 0, "{\"allow_unmute_by_self\":true}"));
    after = list_of(m);
    for (i = 0; i < meetctl_participant_list_len(after); i++) {
      const int role = meetctl_participant_list_get_role(after, i);
      if (role == MEETCTL_ROLE_ATTENDEE) CHECK(meetctl_participant_list_get_audio_muted(after, i) == 1);
      if (role == MEETCTL_ROLE_HOST) CHECK(meetctl_participant_list_get_audio_muted(after, i) == 0);
    }
    meetctl_participant_list_free(after);
    CHECK(control(m, MEETCTL_MEETING_OPERATION_UNMUTE_ALL, NULL, 0, NULL));
    CHECK(participant_is(vendor, id, "muted", "false"));

    CHECK(control(m, MEETCTL_MEETING_OPERATION_REMOVE, list, bob, NULL));
    CHECK(participant_is(vendor, id, "removed", "true"));
    after = list_of(m);
    CHECK(find_id(after, id) == meetctl_participant_list_len(after)); /* gone from the listing */
    meetctl_participant_list_free(after);

    CHECK(control(m, MEETCTL_MEETING_OPERATION_END, NULL, 0, NULL));
    CHECK(meeting_is(vendor, "ended", "true"));
    meetctl_participant_list_free(list);
    meetctl_meeting_free(m);
  }
}

/* ------------------------------------------------------------------ main */

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s EMULATOR_BASE_URL\n", argv[0]);
    return 2;
  }
  emu_base = argv[1];
  RUN(capabilities_and_getters);
  RUN(listing_reads_both_vendors_the_same_way);
  RUN(validation_before_io);
  RUN(make_host_is_huawei_only);
  RUN(broadcast_and_hands_are_huawei_only);
  RUN(invite_and_cancel_on_both_vendors);
  RUN(a_kept_id_reaches_the_same_person);
  RUN(a_tencent_rejoin_on_another_device_gives_a_new_id_that_reaches_them);
  RUN(eight_threads_share_one_meeting);
  RUN(the_same_calls_have_the_same_effect_on_both_vendors); /* ends both meetings: last */
  return report(argv[0]);
}
