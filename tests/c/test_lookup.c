/*
 * Lookups and find from C against the emulator (demo scenario): every Tencent lookup
 * (meetings by code, one meeting, a Rooms device's meetings, the waiting room, attendance over
 * several pages) and every Huawei lookup (online conferences with and without search_key, those
 * not yet ended, online and scheduled conference details, online attendees, call-number status, the WebSocket
 * token and the saved layouts through a conference handle, the management site's status with no account), read through meetctl_value; find by a typed code and a
 * join link, the ambiguous code with its candidates, unknown and other-app codes; a meeting found
 * by code, its details, occurrence and participants (also a recurring one); a Huawei meeting found
 * by a room's SIP number and by conference id; meetctl_value's accessors on every kind of input;
 * and bad input (NULL, bad UTF-8, unknown lookup numbers, bad args JSON) refused naming the
 * parameter with nothing sent.
 *
 * Reads only (but for one saved layout, which nothing else reads): the cases may run in any order
 * against one emulator.
 *
 * Usage: test_lookup BASE_URL [CASE...]   (only the named cases when some are given)
 */
#define _POSIX_C_SOURCE 200809L

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/emulator.h"
#include "meetctl.h"

/* ------------------------------------------------------------------ demo scenario */

#define DEMO "1242152152161"
#define DEMO_LAST_WEEK "1242152152100"
#define STANDUP "1242152153003"
#define CONF "914083136"
#define CONF_SCHEDULED "914083137"
#define CONF_BOARDROOM "914083139"
#define BOARDROOM_SIP "sip:boardroom-8f@meeting.example.com"
#define LOBBY_SIP "sip:lobby-2f@meeting.example.com"

static const meetctl_tencent_user ALICE = {MEETCTL_ID_KIND_USERID, "alice", MEETCTL_INSTANCE_IOS};
static const meetctl_tencent_user KATE = {MEETCTL_ID_KIND_USERID, "kate", MEETCTL_INSTANCE_PC};

/* ------------------------------------------------------------------ helpers */

static meetctl_config *config(void) {
  meetctl_config *cfg = meetctl_config_new();
  CHECK(meetctl_config_set_base_url(cfg, emu_base, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_config_disable_proxy(cfg, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_config_set_timeout_ms(cfg, 10000, NULL) == MEETCTL_STATUS_OK);
  return cfg;
}

static meetctl_tencent_client *tencent(void) {
  meetctl_config *cfg = config();
  meetctl_tencent_client *c = NULL;
  CHECK(meetctl_tencent_client_new_enterprise(cfg, "210000001", "AKIDdemo0001", "demo-secret-key-0001", NULL, &c,
                                              NULL) == MEETCTL_STATUS_OK);
  meetctl_config_free(cfg);
  return c;
}

/* An App ID client whose access token is already fetched: a lookup's requests are its pages. */
static meetctl_huawei_client *huawei(void) {
  meetctl_config *cfg = config();
  meetctl_huawei_client *c = NULL;
  char *token = NULL;
  CHECK(meetctl_huawei_client_new_app_id(cfg, "demoappid0001", "demo-app-key-0001", NULL, NULL, &c, NULL) ==
        MEETCTL_STATUS_OK);
  CHECK(meetctl_huawei_client_access_token(c, &token, NULL) == MEETCTL_STATUS_OK && token != NULL);
  meetctl_string_free(token);
  meetctl_config_free(cfg);
  return c;
}

static void report_error(const char *what, meetctl_status st, meetctl_error *err) {
  if (st != MEETCTL_STATUS_OK) {
    fprintf(stderr, "  %s: status %d: %s\n", what, (int)st, err ? meetctl_error_get_description(err) : "-");
    t_case_failed = 1;
  }
  meetctl_error_free(err);
}

static meetctl_value *tencent_lookup(const meetctl_tencent_client *c, meetctl_tencent_lookup lookup,
                                     const meetctl_tencent_user *op, const char *args) {
  meetctl_value *v = NULL;
  meetctl_error *err = NULL;
  report_error("tencent lookup", meetctl_tencent_client_lookup(c, (uint32_t)lookup, op, args, &v, &err), err);
  return v;
}

static meetctl_value *huawei_lookup(const meetctl_huawei_client *c, meetctl_huawei_lookup lookup, const char *args) {
  meetctl_value *v = NULL;
  meetctl_error *err = NULL;
  report_error("huawei lookup", meetctl_huawei_client_lookup(c, (uint32_t)lookup, args, &v, &err), err);
  return v;
}

/* A record's text field (NULL when missing, null or not text). */
static const char *text_of(const meetctl_value *v, const char *field) {
  return meetctl_value_text(meetctl_value_get(v, field));
}

/* A record's integer field; INT64_MIN when missing, null or not an integer. */
static int64_t int_of(const meetctl_value *v, const char *field) {
  int64_t n = INT64_MIN;
  if (!meetctl_value_int(meetctl_value_get(v, field), &n)) return INT64_MIN;
  return n;
}

/* A record's flag: 1, 0, or -1 when missing, null or not a flag. */
static int bool_of(const meetctl_value *v, const char *field) {
  bool b = false;
  if (!meetctl_value_bool(meetctl_value_get(v, field), &b)) return -1;
  return b ? 1 : 0;
}

/* The index of the first record of `list` whose text `field` is `want`; -1 when none. */
static long index_of(const meetctl_value *list, const char *field, const char *want) {
  size_t i, n = meetctl_value_len(list);
  for (i = 0; i < n; i++) {
    const char *t = text_of(meetctl_value_at(list, i), field);
    if (t && strcmp(t, want) == 0) return (long)i;
  }
  return -1;
}

/* The record of `list` whose `field` is `want` (NULL when none). */
static const meetctl_value *record_with(const meetctl_value *list, const char *field, const char *want) {
  const long i = index_of(list, field, want);
  return i < 0 ? NULL : meetctl_value_at(list, (size_t)i);
}

/* Whether the last request the emulator logged whose path ends with `path_end` had `pair` in its
 * query (the state lists requests oldest first, keys sorted: "path" before "query"). */
static int sent_query_has(const char *path_end, const char *pair) {
  char *state = emu_state();
  char needle[256];
  const char *at = NULL, *p = state, *query;
  int found = 0;
  snprintf(needle, sizeof needle, "%s\"", path_end);
  while ((p = strstr(p, needle)) != NULL) at = p++;
  if (at && (query = strstr(at, "\"query\":\"")) != NULL) {
    const char *end = strchr(query + 9, '"');
    const char *hit = strstr(query, pair);
    found = hit != NULL && end != NULL && hit < end;
  }
  free(state);
  return found;
}

/* Checks a failure's status, kind and field (when want_field is not NULL); frees err. */
static void expect_err(int line, meetctl_status st, meetctl_error *err, meetctl_status want_status,
                       meetctl_error_kind want_kind, const char *want_field) {
  const char *field = meetctl_error_get_field(err);
  int ok = st == want_status && err != NULL && meetctl_error_get_status(err) == want_status &&
           meetctl_error_get_kind(err) == want_kind;
  if (want_field) ok = ok && field && strcmp(field, want_field) == 0;
  if (!ok) {
    fprintf(stderr, "  CHECK FAILED line %d: status %d (want %d), kind %d (want %d), field %s (want %s): %s\n", line,
            (int)st, (int)want_status, (int)meetctl_error_get_kind(err), (int)want_kind, field ? field : "-",
            want_field ? want_field : "-", err ? meetctl_error_get_description(err) : "(no error object)");
    t_case_failed = 1;
  }
  meetctl_error_free(err);
}
#define EXPECT_ERR(call, err, want_status, want_kind, want_field)                  \
  do {                                                                            \
    meetctl_status st_ = (call);                                                  \
    expect_err(__LINE__, st_, (err), (want_status), (want_kind), (want_field));   \
    (err) = NULL;                                                                 \
  } while (0)
#define EXPECT_INVALID(call, err, want_field) \
  EXPECT_ERR(call, err, MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, want_field)

/* ------------------------------------------------------------------ Tencent lookups */

static void tencent_meetings_by_code_lists_the_reused_code(void) {
  meetctl_tencent_client *c = tencent();
  meetctl_value *v = tencent_lookup(c, MEETCTL_TENCENT_LOOKUP_MEETINGS_BY_CODE, &ALICE, "{\"meeting_code\":\"806724161\"}");
  const meetctl_value *now = record_with(v, "meeting_id", DEMO), *old = record_with(v, "meeting_id", DEMO_LAST_WEEK);
  CHECK(meetctl_value_get_kind(v) == MEETCTL_VALUE_KIND_LIST);
  CHECK(meetctl_value_len(v) == 2);
  CHECK(meetctl_value_get_kind(now) == MEETCTL_VALUE_KIND_RECORD);
  CHECK_STR(text_of(now, "meeting_code"), "806724161");
  CHECK_STR(text_of(now, "subject"), "Demo: weekly product review");
  CHECK(bool_of(now, "in_progress") == 1);
  CHECK(bool_of(old, "in_progress") == 0);
  CHECK(int_of(old, "start_time") != INT64_MIN && int_of(old, "start_time") < int_of(now, "start_time"));
  CHECK_STR(text_of(meetctl_value_at(meetctl_value_get(now, "hosts"), 0), "x"), NULL); /* a text has no fields */
  meetctl_value_free(v);
  meetctl_tencent_client_free(c);
}

static void tencent_meeting_of_a_recurring_meeting(void) {
  meetctl_tencent_client *c = tencent();
  meetctl_value *v = tencent_lookup(c, MEETCTL_TENCENT_LOOKUP_MEETING, &ALICE, "{\"meeting_id\":\"" STANDUP "\"}");
  const meetctl_value *occurrences = meetctl_value_get(v, "occurrences");
  CHECK(meetctl_value_get_kind(v) == MEETCTL_VALUE_KIND_RECORD);
  CHECK_STR(text_of(v, "meeting_id"), STANDUP);
  CHECK_STR(text_of(v, "meeting_code"), "300100300");
  CHECK_STR(text_of(v, "subject"), "Daily stand-up");
  CHECK(bool_of(v, "recurring") == 1 && bool_of(v, "in_progress") == 1);
  CHECK_STR(text_of(v, "current_occurrence"), "1700300002");
  CHECK_STR(meetctl_value_text(meetctl_value_at(meetctl_value_get(v, "hosts"), 0)), "kate");
  CHECK(meetctl_value_len(occurrences) == 3);
  CHECK(index_of(occurrences, "sub_meeting_id", "1700300001") >= 0);
  CHECK(index_of(occurrences, "sub_meeting_id", "1700300003") >= 0);
  meetctl_value_free(v);

  { /* One meeting that is not there: NotFound. */
    meetctl_value *none = (meetctl_value *)&c; /* must stay untouched */
    meetctl_error *err = NULL;
    EXPECT_ERR(meetctl_tencent_client_lookup(c, MEETCTL_TENCENT_LOOKUP_MEETING, &ALICE,
                                             "{\"meeting_id\":\"1000000000001\"}", &none, &err),
               err, MEETCTL_STATUS_NOT_FOUND, MEETCTL_ERROR_KIND_NOT_FOUND, NULL);
    CHECK(none == (meetctl_value *)&c);
  }
  meetctl_tencent_client_free(c);
}

static void tencent_room_meetings_every_page(void) {
  meetctl_tencent_client *c = tencent();
  long before = emu_count("request_count");
  meetctl_value *v = tencent_lookup(c, MEETCTL_TENCENT_LOOKUP_ROOM_MEETINGS, NULL,
                                    "{\"room_id\":\"rooms-lobby-1\",\"page_size\":1}");
  CHECK(emu_count("request_count") - before == 2); /* one meeting a page */
  CHECK(meetctl_value_len(v) == 2);
  CHECK(index_of(v, "meeting_id", DEMO) >= 0);
  CHECK(index_of(v, "meeting_id", "1242152153005") >= 0);
  CHECK(bool_of(record_with(v, "meeting_id", DEMO), "in_progress") == 1);
  meetctl_value_free(v);
  /* The same room by its meeting_room_id. */
  v = tencent_lookup(c, MEETCTL_TENCENT_LOOKUP_ROOM_MEETINGS, NULL, "{\"room_id\":\"mr-101\",\"room_id_type\":5}");
  CHECK(meetctl_value_len(v) == 2);
  CHECK_STR(text_of(record_with(v, "meeting_id", "1242152153005"), "subject"), "Customer demo");
  meetctl_value_free(v);
  meetctl_tencent_client_free(c);
}

static void tencent_waiting_room_every_page(void) {
  meetctl_tencent_client *c = tencent();
  long before = emu_count("request_count");
  meetctl_value *v = tencent_lookup(c, MEETCTL_TENCENT_LOOKUP_WAITING_ROOM, &ALICE,
                                    "{\"meeting_id\":\"" DEMO "\",\"page_size\":1}");
  const meetctl_value *frank = record_with(v, "userid", "frank");
  CHECK(emu_count("request_count") - before == 2);
  CHECK(meetctl_value_len(v) == 2);
  CHECK_STR(text_of(frank, "ms_open_id"), "msopenid-frank");
  CHECK_STR(text_of(frank, "user_name"), "Frank");
  CHECK(int_of(frank, "instanceid") == 1);
  CHECK(index_of(v, "userid", "gina") >= 0);
  meetctl_value_free(v);
  meetctl_tencent_client_free(c);
}

static void tencent_attendance_over_several_pages(void) {
  meetctl_tencent_client *c = tencent();
  long before = emu_count("request_count");
  meetctl_value *v = tencent_lookup(c, MEETCTL_TENCENT_LOOKUP_ATTENDANCE, &ALICE,
                                    "{\"meeting_id\":\"" DEMO "\",\"page_size\":2}");
  const meetctl_value *harry = record_with(v, "userid", "harry"), *alice = record_with(v, "userid", "alice");
  size_t i, bob_stays = 0;
  CHECK(emu_count("request_count") - before == 5); /* 9 records, 2 a page */
  CHECK(meetctl_value_len(v) == 9);
  for (i = 0; i < meetctl_value_len(v); i++) {
    const char *u = text_of(meetctl_value_at(v, i), "userid");
    if (u && strcmp(u, "bob") == 0) bob_stays++;
  }
  CHECK(bob_stays == 2); /* he left and came back */
  CHECK_STR(text_of(harry, "user_name"), "Harry");
  CHECK(int_of(harry, "join_time") != INT64_MIN && int_of(harry, "left_time") > int_of(harry, "join_time"));
  CHECK(meetctl_value_get(alice, "left_time") != NULL); /* the field is there ... */
  CHECK(meetctl_value_get_kind(meetctl_value_get(alice, "left_time")) == MEETCTL_VALUE_KIND_NULL); /* ... still in */
  meetctl_value_free(v);

  /* A recurring meeting's occurrence, asked by its creator. */
  v = tencent_lookup(c, MEETCTL_TENCENT_LOOKUP_ATTENDANCE, &KATE,
                     "{\"meeting_id\":\"" STANDUP "\",\"occurrence\":\"1700300001\"}");
  CHECK(meetctl_value_len(v) == 2);
  CHECK(index_of(v, "userid", "kate") >= 0 && index_of(v, "userid", "leo") >= 0);
  CHECK(int_of(record_with(v, "userid", "leo"), "left_time") != INT64_MIN);
  meetctl_value_free(v);
  meetctl_tencent_client_free(c);
}

/* ------------------------------------------------------------------ find */

static void find_by_typed_code_and_by_link(void) {
  meetctl_tencent_client *c = tencent();
  meetctl_value *v = NULL;
  meetctl_error *err = NULL;
  report_error("find", meetctl_tencent_client_find(c, "806 724 161", &ALICE, &v, &err), err);
  CHECK(meetctl_value_get_kind(v) == MEETCTL_VALUE_KIND_RECORD);
  CHECK_STR(text_of(v, "meeting_id"), DEMO); /* in progress: not last week's */
  CHECK(bool_of(v, "in_progress") == 1);
  CHECK(meetctl_value_get_kind(meetctl_value_get(v, "occurrence")) == MEETCTL_VALUE_KIND_NULL);
  CHECK_STR(text_of(v, "subject"), "Demo: weekly product review");
  meetctl_value_free(v);

  v = NULL;
  err = NULL;
  report_error("find link", meetctl_tencent_client_find(c, "https://meeting.tencent.com/p/300100500", &ALICE, &v, &err),
               err);
  CHECK_STR(text_of(v, "meeting_id"), "1242152153005");
  CHECK(bool_of(v, "in_progress") == 0);
  meetctl_value_free(v);

  v = NULL;
  err = NULL;
  report_error("find recurring", meetctl_tencent_client_find(c, "300-100-300", &ALICE, &v, &err), err);
  CHECK_STR(text_of(v, "meeting_id"), STANDUP);
  CHECK_STR(text_of(v, "occurrence"), "1700300002");
  meetctl_value_free(v);
  meetctl_tencent_client_free(c);
}

static void an_ambiguous_code_lists_its_candidates(void) {
  meetctl_tencent_client *c = tencent();
  meetctl_value *untouched = (meetctl_value *)&c;
  meetctl_meeting *no_meeting = (meetctl_meeting *)&c;
  meetctl_error *err = NULL;
  meetctl_status st = meetctl_tencent_client_find(c, "300 100 200", &ALICE, &untouched, &err);
  const meetctl_value *candidates = meetctl_error_get_candidates(err);
  CHECK(st == MEETCTL_STATUS_AMBIGUOUS);
  CHECK(meetctl_error_get_status(err) == MEETCTL_STATUS_AMBIGUOUS);
  CHECK(meetctl_error_get_kind(err) == MEETCTL_ERROR_KIND_AMBIGUOUS);
  CHECK(untouched == (meetctl_value *)&c);
  CHECK(meetctl_value_get_kind(candidates) == MEETCTL_VALUE_KIND_LIST);
  CHECK(meetctl_value_len(candidates) == 2);
  CHECK_STR(text_of(record_with(candidates, "meeting_id", "1242152153001"), "subject"), "Design review (tomorrow)");
  CHECK_STR(text_of(record_with(candidates, "meeting_id", "1242152153002"), "subject"), "Design review (in two days)");
  CHECK(bool_of(meetctl_value_at(candidates, 0), "in_progress") == 0);
  CHECK(int_of(meetctl_value_at(candidates, 0), "start_time") != INT64_MIN);
  CHECK(strstr(meetctl_value_json(candidates), "\"meeting_id\":\"1242152153001\"") != NULL);
  CHECK(strstr(meetctl_error_get_message(err), "1242152153002") != NULL);
  meetctl_value_free((meetctl_value *)candidates); /* borrowed: a no-op, the error frees it */
  CHECK(meetctl_value_len(meetctl_error_get_candidates(err)) == 2);
  meetctl_error_free(err);

  /* A recurring meeting with no occurrence now: its occurrences are the candidates. */
  err = NULL;
  st = meetctl_meeting_find_tencent(c, "300100400", &ALICE, &no_meeting, &err);
  candidates = meetctl_error_get_candidates(err);
  CHECK(st == MEETCTL_STATUS_AMBIGUOUS);
  CHECK(no_meeting == (meetctl_meeting *)&c);
  CHECK(meetctl_value_len(candidates) == 2);
  CHECK(index_of(candidates, "occurrence", "1700400001") >= 0);
  CHECK(index_of(candidates, "occurrence", "1700400002") >= 0);
  CHECK_STR(text_of(meetctl_value_at(candidates, 1), "meeting_id"), "1242152153004");
  meetctl_error_free(err);
  meetctl_tencent_client_free(c);
}

static void unknown_and_other_app_codes_are_not_found(void) {
  meetctl_tencent_client *c = tencent();
  meetctl_value *v = NULL;
  meetctl_meeting *m = NULL;
  meetctl_error *err = NULL;
  meetctl_status st = meetctl_tencent_client_find(c, "999 999 999", &ALICE, &v, &err);
  CHECK(st == MEETCTL_STATUS_NOT_FOUND && v == NULL);
  CHECK(meetctl_error_get_candidates(err) == NULL);
  EXPECT_ERR(st, err, MEETCTL_STATUS_NOT_FOUND, MEETCTL_ERROR_KIND_NOT_FOUND, NULL);
  EXPECT_ERR(meetctl_tencent_client_find(c, "300100600", &ALICE, &v, &err), err, MEETCTL_STATUS_NOT_FOUND,
             MEETCTL_ERROR_KIND_NOT_FOUND, NULL);
  EXPECT_ERR(meetctl_meeting_find_tencent(c, "999999999", &ALICE, &m, &err), err, MEETCTL_STATUS_NOT_FOUND,
             MEETCTL_ERROR_KIND_NOT_FOUND, NULL);
  CHECK(v == NULL && m == NULL);
  meetctl_tencent_client_free(c);
}

static void a_meeting_found_by_code_has_details_and_participants(void) {
  meetctl_tencent_client *c = tencent();
  meetctl_meeting *m = NULL;
  meetctl_value *d = NULL;
  meetctl_participant_list *list = NULL;
  meetctl_error *err = NULL;
  report_error("find meeting", meetctl_meeting_find_tencent(c, "806-724-161", &ALICE, &m, &err), err);
  meetctl_tencent_client_free(c); /* the meeting keeps what it needs */
  CHECK_STR(meetctl_meeting_get_id(m), DEMO);
  CHECK(meetctl_meeting_get_vendor(m) == MEETCTL_VENDOR_TENCENT);
  CHECK(meetctl_meeting_get_occurrence(m) == NULL);
  err = NULL;
  report_error("details", meetctl_meeting_details(m, &d, &err), err);
  CHECK_STR(text_of(d, "vendor"), "tencent");
  CHECK_STR(text_of(d, "meeting_id"), DEMO);
  CHECK_STR(text_of(d, "code"), "806724161");
  CHECK_STR(text_of(d, "subject"), "Demo: weekly product review");
  CHECK(bool_of(d, "in_progress") == 1 && bool_of(d, "recurring") == 0);
  CHECK(meetctl_value_get_kind(meetctl_value_get(d, "occurrences")) == MEETCTL_VALUE_KIND_LIST);
  CHECK(meetctl_value_len(meetctl_value_get(d, "occurrences")) == 0);
  CHECK(int_of(d, "end_time") > int_of(d, "start_time"));
  meetctl_value_free(d);
  err = NULL;
  report_error("participants", meetctl_meeting_participants(m, &list, &err), err);
  CHECK(meetctl_participant_list_len(list) == 6);
  meetctl_participant_list_free(list);
  meetctl_meeting_free(m);
}

static void a_recurring_meeting_found_by_code_acts_on_its_occurrence(void) {
  meetctl_tencent_client *c = tencent();
  meetctl_meeting *m = NULL, *past = NULL;
  meetctl_value *d = NULL;
  meetctl_participant_list *list = NULL;
  meetctl_error *err = NULL;
  report_error("find stand-up", meetctl_meeting_find_tencent(c, "300 100 300", &KATE, &m, &err), err);
  CHECK_STR(meetctl_meeting_get_id(m), STANDUP);
  CHECK_STR(meetctl_meeting_get_occurrence(m), "1700300002");
  err = NULL;
  report_error("details", meetctl_meeting_details(m, &d, &err), err);
  CHECK_STR(text_of(d, "occurrence"), "1700300002");
  CHECK(bool_of(d, "recurring") == 1);
  CHECK(meetctl_value_len(meetctl_value_get(d, "occurrences")) == 3);
  CHECK(index_of(meetctl_value_get(d, "occurrences"), "occurrence", "1700300003") >= 0);
  CHECK_STR(meetctl_value_text(meetctl_value_at(meetctl_value_get(d, "hosts"), 0)), "kate");
  meetctl_value_free(d);
  err = NULL;
  report_error("participants", meetctl_meeting_participants(m, &list, &err), err);
  CHECK(meetctl_participant_list_len(list) == 2); /* kate and leo; mia waits */
  meetctl_participant_list_free(list);
  CHECK(sent_query_has("/real-time-participants", "sub_meeting_id=1700300002"));
  { /* The same through the client, for a given occurrence. */
    meetctl_tencent_participant_list *tl = NULL;
    err = NULL;
    report_error("participants_of",
                 meetctl_tencent_client_participants_of(c, STANDUP, "1700300002", &KATE, &tl, &err), err);
    CHECK(meetctl_tencent_participant_list_len(tl) == 2);
    CHECK(sent_query_has("/real-time-participants", "sub_meeting_id=1700300002"));
    meetctl_tencent_participant_list_free(tl);
    tl = NULL;
    EXPECT_INVALID(meetctl_tencent_client_participants_of(c, STANDUP, "", &KATE, &tl, &err), err, "occurrence");
    EXPECT_ERR(meetctl_tencent_client_participants_of(c, STANDUP, "\xff", &KATE, &tl, &err), err,
               MEETCTL_STATUS_INVALID_UTF8, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "occurrence");
    CHECK(tl == NULL);
  }

  /* A given occurrence; a bad one is refused naming `occurrence`, nothing made. */
  err = NULL;
  report_error("occurrence", meetctl_meeting_new_tencent_occurrence(c, STANDUP, "1700300001", &KATE, &past, &err), err);
  CHECK_STR(meetctl_meeting_get_occurrence(past), "1700300001");
  meetctl_meeting_free(past);
  past = NULL;
  EXPECT_INVALID(meetctl_meeting_new_tencent_occurrence(c, STANDUP, "17/../x", &KATE, &past, &err), err, "occurrence");
  CHECK(past == NULL);
  report_error("no occurrence", meetctl_meeting_new_tencent_occurrence(c, DEMO, NULL, &ALICE, &past, &err), err);
  CHECK(past != NULL && meetctl_meeting_get_occurrence(past) == NULL);
  meetctl_meeting_free(past);
  CHECK(meetctl_meeting_get_occurrence(NULL) == NULL);
  meetctl_meeting_free(m);
  meetctl_tencent_client_free(c);
}

/* ------------------------------------------------------------------ Huawei lookups */

static void huawei_online_and_not_yet_ended_conferences(void) {
  meetctl_huawei_client *hw = huawei();
  long before = emu_count("request_count");
  meetctl_value *v = huawei_lookup(hw, MEETCTL_HUAWEI_LOOKUP_ONLINE_CONFERENCES, "{\"page_size\":1}");
  CHECK(emu_count("request_count") - before == 3); /* three in progress, one a page */
  CHECK(meetctl_value_len(v) == 3);
  CHECK(index_of(v, "conference_id", CONF) >= 0 && index_of(v, "conference_id", "914083138") >= 0);
  CHECK(index_of(v, "conference_id", CONF_SCHEDULED) < 0);
  CHECK(bool_of(record_with(v, "conference_id", CONF), "in_progress") == 1);
  meetctl_value_free(v);

  v = huawei_lookup(hw, MEETCTL_HUAWEI_LOOKUP_ONLINE_CONFERENCES, "{\"search_key\":\"boardroom\"}");
  CHECK(meetctl_value_len(v) == 1);
  CHECK_STR(text_of(meetctl_value_at(v, 0), "conference_id"), CONF_BOARDROOM);
  CHECK_STR(text_of(meetctl_value_at(v, 0), "subject"), "Boardroom 8F check-in");
  CHECK_STR(text_of(meetctl_value_at(v, 0), "vmr_conference_id"), "989083139");
  CHECK_STR(text_of(meetctl_value_at(v, 0), "scheduler_name"), "hal");
  meetctl_value_free(v);

  /* Not yet ended: the scheduled one too. */
  before = emu_count("request_count");
  v = huawei_lookup(hw, MEETCTL_HUAWEI_LOOKUP_CONFERENCES, "{\"page_size\":3}");
  CHECK(emu_count("request_count") - before == 2);
  CHECK(meetctl_value_len(v) == 4);
  CHECK(bool_of(record_with(v, "conference_id", CONF_SCHEDULED), "in_progress") == 0);
  CHECK(bool_of(record_with(v, "conference_id", CONF), "in_progress") == 1);
  meetctl_value_free(v);
  meetctl_huawei_client_free(hw);
}

static void huawei_conference_details_online_and_scheduled(void) {
  meetctl_huawei_client *hw = huawei();
  meetctl_value *v = huawei_lookup(hw, MEETCTL_HUAWEI_LOOKUP_ONLINE_CONFERENCE_DETAILS, "{\"conference_id\":\"" CONF "\"}");
  const meetctl_value *conf = meetctl_value_get(v, "conference"), *invitees = meetctl_value_get(v, "invitees");
  meetctl_value *none = NULL;
  meetctl_error *err = NULL;
  CHECK(meetctl_value_get_kind(v) == MEETCTL_VALUE_KIND_RECORD);
  CHECK_STR(text_of(conf, "conference_id"), CONF);
  CHECK_STR(text_of(conf, "subject"), "Demo conference");
  CHECK(bool_of(conf, "in_progress") == 1);
  CHECK(meetctl_value_len(invitees) == 5); /* those in it; the waiting room is not */
  CHECK_STR(text_of(record_with(invitees, "name", "Dora"), "participant_id"), "+8613800000004");
  CHECK(meetctl_value_json(v) != NULL && strstr(meetctl_value_json(v), "157599") == NULL); /* no password */
  meetctl_value_free(v);

  v = huawei_lookup(hw, MEETCTL_HUAWEI_LOOKUP_CONFERENCE_DETAILS, "{\"conference_id\":\"" CONF_SCHEDULED "\"}");
  conf = meetctl_value_get(v, "conference");
  CHECK_STR(text_of(conf, "conference_id"), CONF_SCHEDULED);
  CHECK(bool_of(conf, "in_progress") == 0);
  CHECK(meetctl_value_len(meetctl_value_get(v, "invitees")) == 2);
  CHECK(index_of(meetctl_value_get(v, "invitees"), "name", "Zoe") >= 0);
  meetctl_value_free(v);

  /* Not in progress: the online details do not know it. */
  err = NULL;
  CHECK(meetctl_huawei_client_lookup(hw, MEETCTL_HUAWEI_LOOKUP_ONLINE_CONFERENCE_DETAILS,
                                     "{\"conference_id\":\"" CONF_SCHEDULED "\"}", &none, &err) != MEETCTL_STATUS_OK);
  CHECK(none == NULL && meetctl_error_get_http_status(err) == 400);
  meetctl_error_free(err);
  meetctl_huawei_client_free(hw);
}

static void huawei_online_attendees_every_page(void) {
  meetctl_huawei_client *hw = huawei();
  long before = emu_count("request_count");
  meetctl_value *v = huawei_lookup(hw, MEETCTL_HUAWEI_LOOKUP_ONLINE_ATTENDEES,
                                   "{\"conference_id\":\"" CONF "\",\"page_size\":2}");
  const meetctl_value *evan = record_with(v, "name", "Evan");
  CHECK(emu_count("request_count") - before == 3); /* 5 online, 2 a page */
  CHECK(meetctl_value_len(v) == 5);
  CHECK_STR(text_of(evan, "participant_id"), "p-evan");
  CHECK_STR(text_of(evan, "number"), "+8613800000005");
  CHECK(index_of(v, "name", "Fay") < 0); /* waiting room */
  meetctl_value_free(v);
  meetctl_huawei_client_free(hw);
}

static void huawei_call_number_status(void) {
  meetctl_huawei_client *hw = huawei();
  meetctl_value *v = huawei_lookup(hw, MEETCTL_HUAWEI_LOOKUP_CALL_NUMBER_STATUS, "{\"call_number\":\"" BOARDROOM_SIP "\"}");
  CHECK(bool_of(v, "in_conference") == 1);
  CHECK_STR(text_of(v, "conference_id"), CONF_BOARDROOM);
  meetctl_value_free(v);
  v = huawei_lookup(hw, MEETCTL_HUAWEI_LOOKUP_CALL_NUMBER_STATUS, "{\"call_number\":\"" LOBBY_SIP "\"}");
  CHECK(bool_of(v, "in_conference") == 0);
  CHECK(meetctl_value_get_kind(meetctl_value_get(v, "conference_id")) == MEETCTL_VALUE_KIND_NULL);
  meetctl_value_free(v);
  meetctl_huawei_client_free(hw);
}

static void huawei_ws_token_and_lookups_through_a_conference(void) {
  meetctl_huawei_client *hw = huawei();
  meetctl_huawei_conference *conf = NULL;
  meetctl_value *v = NULL;
  meetctl_error *err = NULL;
  const char *token;
  CHECK(meetctl_huawei_conference_new_with_password(hw, CONF, "157599", &conf, NULL) == MEETCTL_STATUS_OK);
  report_error("ws token", meetctl_huawei_conference_lookup(conf, MEETCTL_HUAWEI_LOOKUP_WS_TOKEN, NULL, &v, &err), err);
  token = text_of(v, "token");
  CHECK(meetctl_value_get_kind(v) == MEETCTL_VALUE_KIND_RECORD);
  CHECK(token != NULL && strlen(token) == 48);
  meetctl_value_free(v);

  /* An account lookup through the handle: conference_id is the handle's. */
  v = NULL;
  err = NULL;
  report_error("attendees", meetctl_huawei_conference_lookup(conf, MEETCTL_HUAWEI_LOOKUP_ONLINE_ATTENDEES, NULL, &v, &err),
               err);
  CHECK(meetctl_value_len(v) == 5);
  meetctl_value_free(v);

  /* The WebSocket token is the conference's, never the client's. */
  v = NULL;
  EXPECT_INVALID(meetctl_huawei_client_lookup(hw, MEETCTL_HUAWEI_LOOKUP_WS_TOKEN, NULL, &v, &err), err, "lookup");
  CHECK(v == NULL);
  meetctl_huawei_conference_free(conf);
  meetctl_huawei_client_free(hw);
}

static void huawei_layouts_through_a_conference_and_the_site_status_without_an_account(void) {
  meetctl_huawei_client *hw = huawei(), *no_account = NULL;
  meetctl_huawei_conference *conf = NULL;
  meetctl_config *cfg = config();
  meetctl_value *v = NULL;
  const meetctl_value *layout, *pictures;
  meetctl_error *err = NULL;
  long at, before;
  char *saved = emu_admin("POST", "/_emulator/huawei/conferences/" CONF "/layouts",
                          "{\"uuid\":\"c-lookup-layout\",\"layOutName\":\"two up\",\"imageType\":\"Two\","
                          "\"picNum\":2,\"switchTime\":20,\"subscriberInPics\":[{\"index\":1,\"id\":[\"+991\"],"
                          "\"share\":0},{\"index\":2,\"id\":[\"+992\",\"+993\"],\"share\":1}]}");
  CHECK(saved && strstr(saved, "c-lookup-layout") != NULL);
  free(saved);
  CHECK(meetctl_huawei_conference_new_with_password(hw, CONF, "157599", &conf, NULL) == MEETCTL_STATUS_OK);
  report_error("layouts", meetctl_huawei_conference_lookup(conf, MEETCTL_HUAWEI_LOOKUP_LAYOUTS, NULL, &v, &err), err);
  CHECK(meetctl_value_get_kind(v) == MEETCTL_VALUE_KIND_LIST);
  at = index_of(v, "layout_id", "c-lookup-layout");
  CHECK(at >= 0);
  layout = meetctl_value_at(v, (size_t)(at < 0 ? 0 : at));
  CHECK_STR(text_of(layout, "name"), "two up");
  CHECK_STR(text_of(layout, "image_type"), "Two");
  CHECK(int_of(layout, "picture_count") == 2 && int_of(layout, "switch_seconds") == 20);
  pictures = meetctl_value_get(layout, "pictures");
  CHECK(meetctl_value_len(pictures) == 2);
  CHECK(int_of(meetctl_value_at(pictures, 1), "index") == 2 && bool_of(meetctl_value_at(pictures, 1), "auxiliary_stream") == 1);
  CHECK(meetctl_value_len(meetctl_value_get(meetctl_value_at(pictures, 1), "numbers")) == 2);
  CHECK_STR(meetctl_value_text(meetctl_value_at(meetctl_value_get(meetctl_value_at(pictures, 1), "numbers"), 1)), "+993");
  meetctl_value_free(v);
  v = NULL;

  /* The layouts are the conference's, never the client's; they take no arguments. */
  before = emu_count("request_count");
  EXPECT_INVALID(meetctl_huawei_client_lookup(hw, MEETCTL_HUAWEI_LOOKUP_LAYOUTS, NULL, &v, &err), err, "lookup");
  EXPECT_INVALID(meetctl_huawei_conference_lookup(conf, MEETCTL_HUAWEI_LOOKUP_LAYOUTS, "{\"uuID\":\"x\"}", &v, &err), err,
                 "uuID");
  CHECK(v == NULL && emu_count("request_count") == before);

  /* The management site's status: no token, so a client with no account asks it. */
  CHECK(meetctl_huawei_client_new(cfg, &no_account, NULL) == MEETCTL_STATUS_OK);
  report_error("site status",
               meetctl_huawei_client_lookup(no_account, MEETCTL_HUAWEI_LOOKUP_MANAGEMENT_SITE_STATUS, NULL, &v, &err), err);
  CHECK(meetctl_value_get_kind(v) == MEETCTL_VALUE_KIND_RECORD);
  CHECK_STR(text_of(v, "status"), "NORMAL");
  CHECK(meetctl_value_get_kind(meetctl_value_get(v, "redirect_join_url")) == MEETCTL_VALUE_KIND_NULL);
  meetctl_value_free(v);
  v = NULL;
  /* Through a conference handle it is the client's lookup. */
  report_error("site status by conference",
               meetctl_huawei_conference_lookup(conf, MEETCTL_HUAWEI_LOOKUP_MANAGEMENT_SITE_STATUS, NULL, &v, &err), err);
  CHECK_STR(text_of(v, "status"), "NORMAL");
  meetctl_value_free(v);
  v = NULL;
  EXPECT_INVALID(meetctl_huawei_client_lookup(no_account, MEETCTL_HUAWEI_LOOKUP_MANAGEMENT_SITE_STATUS,
                                              "{\"conference_id\":\"" CONF "\"}", &v, &err),
                 err, "conference_id");
  meetctl_huawei_client_free(no_account);
  meetctl_config_free(cfg);
  meetctl_huawei_conference_free(conf);
  meetctl_huawei_client_free(hw);
}

static void huawei_meeting_found_by_sip_number_and_by_conference_id(void) {
  meetctl_huawei_client *hw = huawei();
  meetctl_meeting *m = NULL;
  meetctl_value *d = NULL;
  meetctl_participant_list *list = NULL;
  meetctl_error *err = NULL;
  /* No password given: the host password the details show this account. */
  report_error("find by number", meetctl_meeting_find_huawei_by_number(hw, BOARDROOM_SIP, NULL, NULL, &m, &err), err);
  CHECK_STR(meetctl_meeting_get_id(m), CONF_BOARDROOM);
  CHECK(meetctl_meeting_get_vendor(m) == MEETCTL_VENDOR_HUAWEI);
  CHECK(meetctl_meeting_get_occurrence(m) == NULL);
  err = NULL;
  report_error("details", meetctl_meeting_details(m, &d, &err), err);
  CHECK_STR(text_of(d, "vendor"), "huawei");
  CHECK_STR(text_of(d, "meeting_id"), CONF_BOARDROOM);
  CHECK_STR(text_of(d, "code"), "989083139");
  CHECK_STR(text_of(d, "subject"), "Boardroom 8F check-in");
  CHECK(bool_of(d, "in_progress") == 1);
  meetctl_value_free(d);
  err = NULL;
  report_error("participants", meetctl_meeting_participants(m, &list, &err), err); /* needs the control token */
  CHECK(meetctl_participant_list_len(list) == 2);
  meetctl_participant_list_free(list);
  meetctl_meeting_free(m);

  /* With the password given, and by conference id. */
  m = NULL;
  err = NULL;
  report_error("find by number with password",
               meetctl_meeting_find_huawei_by_number(hw, BOARDROOM_SIP, "555555", NULL, &m, &err), err);
  CHECK_STR(meetctl_meeting_get_id(m), CONF_BOARDROOM);
  meetctl_meeting_free(m);
  m = NULL;
  err = NULL;
  report_error("find by id", meetctl_meeting_find_huawei_by_conference_id(hw, CONF_SCHEDULED, NULL, NULL, &m, &err),
               err);
  CHECK_STR(meetctl_meeting_get_id(m), CONF_SCHEDULED);
  meetctl_meeting_free(m);

  /* A number in no conference now. */
  m = NULL;
  EXPECT_ERR(meetctl_meeting_find_huawei_by_number(hw, LOBBY_SIP, NULL, NULL, &m, &err), err, MEETCTL_STATUS_NOT_FOUND,
             MEETCTL_ERROR_KIND_NOT_FOUND, NULL);
  CHECK(m == NULL);
  meetctl_huawei_client_free(hw);
}

/* ------------------------------------------------------------------ meetctl_value */

static void value_accessors_never_crash(void) {
  meetctl_tencent_client *c = tencent();
  meetctl_value *v = tencent_lookup(c, MEETCTL_TENCENT_LOOKUP_MEETING, &ALICE, "{\"meeting_id\":\"" DEMO "\"}");
  const meetctl_value *id = meetctl_value_get(v, "meeting_id");
  int64_t n = 42;
  bool b = true;
  size_t i, fields = meetctl_value_len(v);
  /* Every field by index, with its name; the same as by name. */
  CHECK(fields >= 10);
  for (i = 0; i < fields; i++) {
    const char *key = meetctl_value_key_at(v, i);
    CHECK(key != NULL && meetctl_value_get(v, key) == meetctl_value_at(v, i));
    if (i > 0) CHECK(strcmp(meetctl_value_key_at(v, i - 1), key) < 0); /* name order */
  }
  CHECK(meetctl_value_key_at(v, fields) == NULL && meetctl_value_at(v, fields) == NULL);
  CHECK(meetctl_value_at(v, (size_t)-1) == NULL);
  /* Wrong kinds answer nothing and write nothing. */
  CHECK(!meetctl_value_int(id, &n) && n == 42);
  CHECK(!meetctl_value_bool(id, &b) && b);
  CHECK(meetctl_value_text(v) == NULL);
  CHECK(meetctl_value_len(id) == 0 && meetctl_value_at(id, 0) == NULL && meetctl_value_key_at(id, 0) == NULL);
  CHECK(meetctl_value_get(id, "x") == NULL);
  CHECK(meetctl_value_int(meetctl_value_get(v, "start_time"), NULL)); /* a kind check alone */
  /* Missing fields, NULL names and non-UTF-8 names: NULL, which every accessor takes. */
  CHECK(meetctl_value_get(v, "no_such_field") == NULL);
  CHECK(meetctl_value_get(v, NULL) == NULL);
  CHECK(meetctl_value_get(v, "\xff\xfe") == NULL);
  CHECK(meetctl_value_get_kind(NULL) == MEETCTL_VALUE_KIND_NULL);
  CHECK(meetctl_value_len(NULL) == 0 && meetctl_value_at(NULL, 0) == NULL && meetctl_value_key_at(NULL, 0) == NULL);
  CHECK(meetctl_value_text(NULL) == NULL && meetctl_value_json(NULL) == NULL && meetctl_value_get(NULL, "x") == NULL);
  CHECK(!meetctl_value_int(NULL, &n) && !meetctl_value_bool(NULL, &b) && n == 42);
  /* JSON of the whole and of a part. */
  CHECK_STR(meetctl_value_json(id), "\"" DEMO "\"");
  CHECK(meetctl_value_json(v)[0] == '{' && strstr(meetctl_value_json(v), "\"meeting_id\":\"" DEMO "\"") != NULL);
  CHECK(meetctl_value_json(v) == meetctl_value_json(v)); /* made once, then lent */
  CHECK_STR(meetctl_value_json(meetctl_value_get(v, "join_url")), meetctl_value_json(meetctl_value_get(v, "join_url")));
  /* Borrowed entries are not the caller's to free. */
  meetctl_value_free((meetctl_value *)id);
  CHECK_STR(meetctl_value_text(id), DEMO);
  meetctl_value_free(v);
  meetctl_value_free(NULL);
  meetctl_tencent_client_free(c);
}

/* ------------------------------------------------------------------ bad input */

static void bad_input_names_the_parameter_and_sends_nothing(void) {
  meetctl_tencent_client *c = tencent();
  meetctl_huawei_client *hw = huawei();
  meetctl_huawei_client *no_account = NULL;
  meetctl_huawei_conference *conf = NULL;
  meetctl_config *cfg = config();
  meetctl_value *v = NULL;
  meetctl_meeting *m = NULL;
  meetctl_error *err = NULL;
  const meetctl_tencent_user ms = {MEETCTL_ID_KIND_MS_OPEN_ID, "afagsagwags", MEETCTL_INSTANCE_IOS};
  const meetctl_tencent_user bad_utf8 = {MEETCTL_ID_KIND_USERID, "\xc3\x28", MEETCTL_INSTANCE_IOS};
  const char *code = "{\"meeting_code\":\"806724161\"}";
  long before;
  CHECK(meetctl_huawei_client_new(cfg, &no_account, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_huawei_conference_new_with_password(hw, CONF, "157599", &conf, NULL) == MEETCTL_STATUS_OK);
  before = emu_count("request_count");

  /* Tencent lookups. */
  EXPECT_ERR(meetctl_tencent_client_lookup(NULL, 1, &ALICE, code, &v, &err), err, MEETCTL_STATUS_NULL_ARGUMENT,
             MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "client");
  EXPECT_ERR(meetctl_tencent_client_lookup(c, 1, &ALICE, code, NULL, &err), err, MEETCTL_STATUS_NULL_ARGUMENT,
             MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "value_out");
  EXPECT_INVALID(meetctl_tencent_client_lookup(c, 0, &ALICE, code, &v, &err), err, "lookup");
  EXPECT_INVALID(meetctl_tencent_client_lookup(c, 99, &ALICE, code, &v, &err), err, "lookup");
  EXPECT_INVALID(meetctl_tencent_client_lookup(c, UINT32_MAX, &ALICE, code, &v, &err), err, "lookup");
  EXPECT_INVALID(meetctl_tencent_client_lookup(c, MEETCTL_TENCENT_LOOKUP_MEETINGS_BY_CODE, NULL, code, &v, &err), err,
                 "operator");
  EXPECT_INVALID(meetctl_tencent_client_lookup(c, MEETCTL_TENCENT_LOOKUP_MEETINGS_BY_CODE, &ms, code, &v, &err), err,
                 "operator.id");
  EXPECT_ERR(meetctl_tencent_client_lookup(c, MEETCTL_TENCENT_LOOKUP_MEETINGS_BY_CODE, &bad_utf8, code, &v, &err), err,
             MEETCTL_STATUS_INVALID_UTF8, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "operator.id");
  EXPECT_INVALID(meetctl_tencent_client_lookup(c, MEETCTL_TENCENT_LOOKUP_ROOM_MEETINGS, &ALICE,
                                               "{\"room_id\":\"rooms-lobby-1\"}", &v, &err),
                 err, "operator");
  EXPECT_INVALID(meetctl_tencent_client_lookup(c, MEETCTL_TENCENT_LOOKUP_MEETINGS_BY_CODE, &ALICE, "{not json", &v, &err),
                 err, "args");
  EXPECT_INVALID(meetctl_tencent_client_lookup(c, MEETCTL_TENCENT_LOOKUP_MEETINGS_BY_CODE, &ALICE, "[1,2]", &v, &err),
                 err, "args");
  EXPECT_ERR(meetctl_tencent_client_lookup(c, MEETCTL_TENCENT_LOOKUP_MEETINGS_BY_CODE, &ALICE, "{\"a\":\"\xff\"}", &v,
                                           &err),
             err, MEETCTL_STATUS_INVALID_UTF8, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "args");
  EXPECT_INVALID(meetctl_tencent_client_lookup(c, MEETCTL_TENCENT_LOOKUP_MEETINGS_BY_CODE, &ALICE, NULL, &v, &err), err,
                 "meeting_code");
  EXPECT_INVALID(meetctl_tencent_client_lookup(c, MEETCTL_TENCENT_LOOKUP_MEETINGS_BY_CODE, &ALICE,
                                               "{\"meeting_code\":806724161}", &v, &err),
                 err, "meeting_code");
  EXPECT_INVALID(meetctl_tencent_client_lookup(c, MEETCTL_TENCENT_LOOKUP_ATTENDANCE, &ALICE,
                                               "{\"meeting_id\":\"" DEMO "\",\"page_size\":101}", &v, &err),
                 err, "page_size");
  EXPECT_INVALID(meetctl_tencent_client_lookup(c, MEETCTL_TENCENT_LOOKUP_MEETING, &ALICE,
                                               "{\"meeting_id\":\"" DEMO "\",\"colour\":\"red\"}", &v, &err),
                 err, "colour");
  EXPECT_INVALID(meetctl_tencent_client_lookup(c, MEETCTL_TENCENT_LOOKUP_MEETING, &ALICE, "{\"meeting_id\":\"../x\"}",
                                               &v, &err),
                 err, "meeting_id");

  /* Huawei lookups. */
  EXPECT_ERR(meetctl_huawei_client_lookup(NULL, 1, NULL, &v, &err), err, MEETCTL_STATUS_NULL_ARGUMENT,
             MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "client");
  EXPECT_ERR(meetctl_huawei_client_lookup(hw, 1, NULL, NULL, &err), err, MEETCTL_STATUS_NULL_ARGUMENT,
             MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "value_out");
  EXPECT_INVALID(meetctl_huawei_client_lookup(hw, 0, NULL, &v, &err), err, "lookup");
  EXPECT_INVALID(meetctl_huawei_client_lookup(hw, 99, NULL, &v, &err), err, "lookup");
  EXPECT_INVALID(meetctl_huawei_client_lookup(hw, MEETCTL_HUAWEI_LOOKUP_ONLINE_CONFERENCES, "{\"search_key\":", &v, &err),
                 err, "args");
  EXPECT_INVALID(meetctl_huawei_client_lookup(hw, MEETCTL_HUAWEI_LOOKUP_ONLINE_CONFERENCES, "{\"search_key\":\"\"}", &v,
                                              &err),
                 err, "search_key");
  EXPECT_INVALID(meetctl_huawei_client_lookup(hw, MEETCTL_HUAWEI_LOOKUP_CALL_NUMBER_STATUS, NULL, &v, &err), err,
                 "call_number");
  EXPECT_INVALID(meetctl_huawei_client_lookup(no_account, MEETCTL_HUAWEI_LOOKUP_ONLINE_CONFERENCES, NULL, &v, &err), err,
                 "auth");
  EXPECT_ERR(meetctl_huawei_conference_lookup(NULL, MEETCTL_HUAWEI_LOOKUP_WS_TOKEN, NULL, &v, &err), err,
             MEETCTL_STATUS_NULL_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "conference");
  EXPECT_INVALID(meetctl_huawei_conference_lookup(conf, 42, NULL, &v, &err), err, "lookup");
  EXPECT_ERR(meetctl_huawei_conference_lookup(conf, MEETCTL_HUAWEI_LOOKUP_WS_TOKEN, "\"\xff\"", &v, &err), err,
             MEETCTL_STATUS_INVALID_UTF8, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "args");
  EXPECT_INVALID(meetctl_huawei_conference_lookup(conf, MEETCTL_HUAWEI_LOOKUP_WS_TOKEN, "{\"x\":1}", &v, &err), err,
                 "x");

  /* Find. */
  EXPECT_ERR(meetctl_tencent_client_find(c, NULL, &ALICE, &v, &err), err, MEETCTL_STATUS_NULL_ARGUMENT,
             MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "code_or_link");
  EXPECT_ERR(meetctl_tencent_client_find(c, "806\xff", &ALICE, &v, &err), err, MEETCTL_STATUS_INVALID_UTF8,
             MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "code_or_link");
  EXPECT_ERR(meetctl_tencent_client_find(c, "806724161", NULL, &v, &err), err, MEETCTL_STATUS_NULL_ARGUMENT,
             MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "operator");
  EXPECT_ERR(meetctl_tencent_client_find(c, "806724161", &ALICE, NULL, &err), err, MEETCTL_STATUS_NULL_ARGUMENT,
             MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "candidate_out");
  EXPECT_INVALID(meetctl_tencent_client_find(c, "80672416x", &ALICE, &v, &err), err, "code");
  EXPECT_INVALID(meetctl_tencent_client_find(c, "12345", &ALICE, &v, &err), err, "code");
  EXPECT_INVALID(meetctl_tencent_client_find(c, "https://meeting.tencent.com/dm/AbCdEf", &ALICE, &v, &err), err, "code");
  EXPECT_INVALID(meetctl_tencent_client_find(c, "806724161", &ms, &v, &err), err, "operator.id");
  EXPECT_ERR(meetctl_meeting_find_tencent(NULL, "806724161", &ALICE, &m, &err), err, MEETCTL_STATUS_NULL_ARGUMENT,
             MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "client");
  EXPECT_ERR(meetctl_meeting_find_tencent(c, "806724161", &ALICE, NULL, &err), err, MEETCTL_STATUS_NULL_ARGUMENT,
             MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "meeting_out");
  EXPECT_INVALID(meetctl_meeting_find_tencent(c, "code 806724161", &ALICE, &m, &err), err, "code");
  EXPECT_ERR(meetctl_meeting_find_huawei_by_number(hw, NULL, NULL, NULL, &m, &err), err, MEETCTL_STATUS_NULL_ARGUMENT,
             MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "sip_number");
  EXPECT_ERR(meetctl_meeting_find_huawei_by_number(hw, "sip:\xff", NULL, NULL, &m, &err), err, MEETCTL_STATUS_INVALID_UTF8,
             MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "sip_number");
  EXPECT_INVALID(meetctl_meeting_find_huawei_by_number(hw, BOARDROOM_SIP, "555555", "token", &m, &err), err,
                 "control_token");
  EXPECT_ERR(meetctl_meeting_find_huawei_by_conference_id(hw, CONF, "\xff", NULL, &m, &err), err,
             MEETCTL_STATUS_INVALID_UTF8, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "password");
  EXPECT_ERR(meetctl_meeting_find_huawei_by_conference_id(NULL, CONF, NULL, NULL, &m, &err), err,
             MEETCTL_STATUS_NULL_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "client");
  EXPECT_ERR(meetctl_meeting_details(NULL, &v, &err), err, MEETCTL_STATUS_NULL_ARGUMENT,
             MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "meeting");
  EXPECT_INVALID(meetctl_meeting_find_huawei_by_conference_id(no_account, CONF, NULL, NULL, &m, &err), err, "auth");

  CHECK(v == NULL && m == NULL);
  CHECK(emu_count("request_count") == before);
  CHECK(meetctl_error_get_candidates(NULL) == NULL);
  meetctl_huawei_conference_free(conf);
  meetctl_huawei_client_free(no_account);
  meetctl_huawei_client_free(hw);
  meetctl_tencent_client_free(c);
  meetctl_config_free(cfg);
}

/* ------------------------------------------------------------------ main */

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s EMULATOR_BASE_URL [CASE...]\n", argv[0]);
    return 2;
  }
  emu_base = argv[1];
  t_only = (const char *const *)argv + 2;
  t_only_count = argc - 2;
  RUN(tencent_meetings_by_code_lists_the_reused_code);
  RUN(tencent_meeting_of_a_recurring_meeting);
  RUN(tencent_room_meetings_every_page);
  RUN(tencent_waiting_room_every_page);
  RUN(tencent_attendance_over_several_pages);
  RUN(find_by_typed_code_and_by_link);
  RUN(an_ambiguous_code_lists_its_candidates);
  RUN(unknown_and_other_app_codes_are_not_found);
  RUN(a_meeting_found_by_code_has_details_and_participants);
  RUN(a_recurring_meeting_found_by_code_acts_on_its_occurrence);
  RUN(huawei_online_and_not_yet_ended_conferences);
  RUN(huawei_conference_details_online_and_scheduled);
  RUN(huawei_online_attendees_every_page);
  RUN(huawei_call_number_status);
  RUN(huawei_ws_token_and_lookups_through_a_conference);
  RUN(huawei_layouts_through_a_conference_and_the_site_status_without_an_account);
  RUN(huawei_meeting_found_by_sip_number_and_by_conference_id);
  RUN(value_accessors_never_crash);
  RUN(bad_input_names_the_parameter_and_sends_nothing);
  return report(argv[0]);
}
