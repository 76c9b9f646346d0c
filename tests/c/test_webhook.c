/*
 * Tencent webhooks from C: meetctl_tencent_webhook_handle over requests built here (the vendor's
 * worked example of its signature page as a known answer, a participant event, the URL check, a
 * duplicate, refusals), and meetctl_tencent_receiver over loopback (signed POSTs sent with a tiny
 * socket client, next / next_for, a timeout, close then free). Then end to end with the emulator
 * (its base URL is the first argument, as scripts/test-c.sh passes it) acting as Tencent Meeting: it
 * checks the receiver's URL when subscribed, then pushes a meeting's start, joins, leaves and end,
 * which the receiver delivers exactly once each, in order (as crates/meetctl/tests/events.rs); and
 * with the receiver restarted on the same port in the middle, the vendor's retry of what it missed
 * reaches the new one (at least once: a delivery seen twice has the same id).
 *
 * C has no SHA-1: the requests are the vendor's worked example (its data and signature, from
 * "签名校验", cloud.tencent.com/document/product/1095/51612, as in crates/meetctl/src/tencent/
 * webhook.rs's tests) and events signed beforehand with the same token, timestamp and nonce; every
 * webhook here has the age check off (MEETCTL_TENCENT_WEBHOOK_NO_AGE_CHECK), as those timestamps
 * are from 2020. The signed constants below were made with:
 *
 *   python3 - '<plain JSON or text>' <<'EOF'
 *   import base64, hashlib, sys
 *   token, ts, nonce = "bVPU6F8Htxl5XkAbp3jGV2xWp", "1609239040864", "14964161"
 *   data = base64.b64encode(sys.argv[1].encode()).decode()
 *   print(data)
 *   print(hashlib.sha1("".join(sorted([token, ts, nonce, data])).encode()).hexdigest())
 *   EOF
 *
 * with the plain text given next to each constant.
 *
 * Usage: test_webhook [BASE_URL] [CASE...]   (only the named cases when some are given)
 */
#define _POSIX_C_SOURCE 200809L

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../common/emulator.h"
#include "meetctl.h"

/* ------------------------------------------------------------------ signed requests */

#define TOKEN "bVPU6F8Htxl5XkAbp3jGV2xWp"
#define TIMESTAMP "1609239040864"
#define NONCE "14964161"

/* The worked example: a meeting.created event (base64 without padding) and its signature. */
#define PAGE_DATA                                                                                             \
  "eyJldmVudCI6Im1lZXRpbmcuY3JlYXRlZCIsInVuaXF1ZV9zZXF1ZW5jZSI6ImYyMDA5NmVlLThhYzgtNGRmMi1hN2RlLTA1NzQ2NDlm" \
  "MjExYiIsInBheWxvYWQiOlt7Im9wZXJhdGVfdGltZSI6IjIwMjAtMTItMjkgMTc6NDE6MDYiLCJvcGVyYXRvciI6eyJ1c2VyaWQiOiJ0" \
  "ZXN0ZXIwMDAwNmJhNWJhYjMzOTg1OGMxM2M5MzBjY2E5NTY4NCJ9LCJtZWV0aW5nX2luZm8iOnsibWVldGluZ19pZCI6IjYwNTg4OTAz" \
  "ODU0ODA5MjEwNTIiLCJtZWV0aW5nX2NvZGUiOiI1MzA4MTI0NTIiLCJzdWJqZWN0IjoibWVkaWEgdGVzdGVyIG1lZXRpbmciLCJjcmVh" \
  "dG9yX2lkIjoidGVzdGVyMDAwMDZiYTViYWIzMzk4NThjMTNjOTMwY2NhOTU2ODQiLCJob3N0cyI6WyJ0ZXN0ZXIwMDAwNmJhNWJhYjMz" \
  "OTg1OGMxM2M5MzBjY2E5NTY4NCJdLCJtZWV0aW5nX3R5cGUiOjAsInN0YXJ0X3RpbWUiOiIyMDIwLTEyLTI5IDE3OjQxOjA0IiwiZW5k" \
  "X3RpbWUiOiIyMDIwLTEyLTI5IDE4OjAxOjA0In19XX0"
#define PAGE_SIGNATURE "b11e507817336a91d7df0c8536ee2aca18bbbae8"

/* {"event":"meeting.participant-joined","trace_id":"c-joined-1","payload":[{"operate_time":1609239041000,
 *  "operator":{"ms_open_id":"ms-alice","instance_id":"4"},"meeting_info":{"meeting_id":"1242152152161",
 *  "meeting_code":"806724161","sub_meeting_id":"s-1"}}]}   (one line, no spaces) */
#define JOINED_DATA                                                                                           \
  "eyJldmVudCI6Im1lZXRpbmcucGFydGljaXBhbnQtam9pbmVkIiwidHJhY2VfaWQiOiJjLWpvaW5lZC0xIiwicGF5bG9hZCI6W3sib3Bl" \
  "cmF0ZV90aW1lIjoxNjA5MjM5MDQxMDAwLCJvcGVyYXRvciI6eyJtc19vcGVuX2lkIjoibXMtYWxpY2UiLCJpbnN0YW5jZV9pZCI6IjQi" \
  "fSwibWVldGluZ19pbmZvIjp7Im1lZXRpbmdfaWQiOiIxMjQyMTUyMTUyMTYxIiwibWVldGluZ19jb2RlIjoiODA2NzI0MTYxIiwic3Vi" \
  "X21lZXRpbmdfaWQiOiJzLTEifX1dfQ=="
#define JOINED_SIGNATURE "30f4c7302ed344edf21e174d817e68432515abc5"

/* {"event":"meeting.started","trace_id":"c-started-2","payload":[{"operate_time":1609239042000,
 *  "meeting_info":{"meeting_id":"1242152153003","meeting_code":"806724162"}}]}   (one line, no spaces) */
#define STARTED_DATA                                                                                          \
  "eyJldmVudCI6Im1lZXRpbmcuc3RhcnRlZCIsInRyYWNlX2lkIjoiYy1zdGFydGVkLTIiLCJwYXlsb2FkIjpbeyJvcGVyYXRlX3RpbWUi" \
  "OjE2MDkyMzkwNDIwMDAsIm1lZXRpbmdfaW5mbyI6eyJtZWV0aW5nX2lkIjoiMTI0MjE1MjE1MzAwMyIsIm1lZXRpbmdfY29kZSI6Ijgw" \
  "NjcyNDE2MiJ9fV19"
#define STARTED_SIGNATURE "e445161a93215abaa494d3c795dae834244c9879"

/* The URL check: check_str is base64 of `hello meetctl` (URL-encoded in the target). */
#define CHECK_TARGET "/hook?check_str=aGVsbG8gbWVldGN0bA%3D%3D"
#define CHECK_SIGNATURE "e0983af6e3139554ab78586496e7fe406a5e576a"

#define WRONG_SIGNATURE "0000000000000000000000000000000000000000"
#define ACK "successfully received callback"

/* ------------------------------------------------------------------ helpers */

static void expect_err(int line, meetctl_status st, meetctl_error *err, meetctl_status want_status,
                       const char *want_field) {
  const char *field = meetctl_error_get_field(err);
  int ok = st == want_status && err != NULL && meetctl_error_get_status(err) == want_status &&
           meetctl_error_get_kind(err) == MEETCTL_ERROR_KIND_INVALID_ARGUMENT && field &&
           strcmp(field, want_field) == 0;
  if (!ok) {
    fprintf(stderr, "  CHECK FAILED line %d: status %d (want %d), field %s (want %s): %s\n", line, (int)st,
            (int)want_status, field ? field : "-", want_field, err ? meetctl_error_get_description(err) : "(none)");
    t_case_failed = 1;
  }
  meetctl_error_free(err);
}
#define EXPECT_ERR(call, err, want_status, want_field)         \
  do {                                                         \
    meetctl_status st_ = (call);                               \
    expect_err(__LINE__, st_, (err), (want_status), (want_field)); \
    (err) = NULL;                                              \
  } while (0)

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static meetctl_tencent_webhook *webhook(uint32_t max_age_ms) {
  meetctl_tencent_webhook *w = NULL;
  meetctl_error *err = NULL;
  meetctl_status st = meetctl_tencent_webhook_new(TOKEN, NULL, max_age_ms, &w, &err);
  CHECK(st == MEETCTL_STATUS_OK && w != NULL);
  meetctl_error_free(err);
  return w;
}

/* `{"data":"<data>"}`, malloc'd. */
static char *data_body(const char *data) {
  char *body = (char *)malloc(strlen(data) + 16);
  if (body) sprintf(body, "{\"data\":\"%s\"}", data);
  return body;
}

/* Handles a request with the worked example's timestamp and nonce and `signature` (NULL: no
 * headers at all); the answer (NULL when the call failed). */
static meetctl_webhook_answer *handle(const meetctl_tencent_webhook *w, const char *method, const char *target,
                                      const char *signature, const char *body, size_t body_len) {
  /* Names in any case, and an unrelated header the handler ignores. */
  const meetctl_header headers[] = {
      {"Content-Type", "application/json"},
      {"Timestamp", TIMESTAMP},
      {"NONCE", NONCE},
      {"signature", signature},
  };
  meetctl_webhook_answer *a = NULL;
  meetctl_error *err = NULL;
  meetctl_status st = meetctl_tencent_webhook_handle(w, method, target, signature ? headers : NULL,
                                                     signature ? 4 : 0, (const uint8_t *)body, body_len, &a, &err);
  if (st != MEETCTL_STATUS_OK) {
    fprintf(stderr, "  handle: status %d: %s\n", (int)st, meetctl_error_get_description(err));
    t_case_failed = 1;
  }
  meetctl_error_free(err);
  return a;
}

static meetctl_webhook_answer *post(const meetctl_tencent_webhook *w, const char *data, const char *signature) {
  char *body = data_body(data);
  meetctl_webhook_answer *a = handle(w, "POST", "/hook", signature, body, body ? strlen(body) : 0);
  free(body);
  return a;
}

/* Whether the answer's body is exactly `want`. */
static int body_is(const meetctl_webhook_answer *a, const char *want) {
  size_t len = 99;
  const uint8_t *body = meetctl_webhook_answer_get_body(a, &len);
  return body != NULL && len == strlen(want) && memcmp(body, want, len) == 0;
}

/* Takes the answer's event (NULL when none), checking the call. */
static meetctl_tencent_event *take(meetctl_webhook_answer *a) {
  meetctl_tencent_event *e = (meetctl_tencent_event *)&e; /* must be overwritten */
  CHECK(meetctl_webhook_answer_take_event(a, &e, NULL) == MEETCTL_STATUS_OK);
  return e;
}

/* A refusal: the status, the generic body, a reason for the log, and no event. */
static void expect_refused(meetctl_webhook_answer *a, uint16_t status, const char *reason_part) {
  const char *why = meetctl_webhook_answer_get_refusal(a);
  CHECK(a != NULL);
  CHECK(meetctl_webhook_answer_get_status(a) == status);
  CHECK(body_is(a, "refused"));
  CHECK(why != NULL && strstr(why, reason_part) != NULL);
  if (why && strstr(why, TOKEN)) CHECK(!"the refusal holds the token");
  CHECK(!meetctl_webhook_answer_is_duplicate(a));
  CHECK(!meetctl_webhook_answer_has_event(a));
  CHECK(take(a) == NULL);
  meetctl_webhook_answer_free(a);
}

/* One POST over loopback to the receiver on `port`; the HTTP status (0 when nothing answered), and
 * the body in *body_out when it is not NULL (malloc'd). */
static int http_post(uint16_t port, const char *target, const char *data, const char *signature, char **body_out) {
  char url[128], headers[256];
  char *body = data_body(data);
  emu_response r;
  snprintf(url, sizeof url, "http://127.0.0.1:%u%s", (unsigned)port, target);
  snprintf(headers, sizeof headers, "Content-Type: application/json\r\ntimestamp: %s\r\nnonce: %s\r\nsignature: %s\r\n",
           TIMESTAMP, NONCE, signature);
  if (!body || emu_http("POST", url, headers, body, strlen(body), &r) != 0) r.status = 0;
  free(body);
  if (body_out) {
    *body_out = r.status ? r.body : NULL;
  } else if (r.status) {
    free(r.body);
  }
  return r.status;
}

static meetctl_tencent_receiver *start(const meetctl_tencent_webhook *w, const char *addr,
                                       const meetctl_tencent_receiver_options *options) {
  meetctl_tencent_receiver *r = NULL;
  meetctl_error *err = NULL;
  meetctl_status st = meetctl_tencent_receiver_start(w, addr, options, &r, &err);
  if (st != MEETCTL_STATUS_OK) {
    fprintf(stderr, "  start: status %d: %s\n", (int)st, meetctl_error_get_description(err));
    t_case_failed = 1;
  }
  meetctl_error_free(err);
  return r;
}

static meetctl_tencent_event *next(const meetctl_tencent_receiver *r, uint32_t timeout_ms) {
  meetctl_tencent_event *e = (meetctl_tencent_event *)&e; /* must be overwritten */
  CHECK(meetctl_tencent_receiver_next(r, timeout_ms, &e, NULL) == MEETCTL_STATUS_OK);
  return e;
}

static meetctl_tencent_event *next_for(const meetctl_tencent_receiver *r, const char *meeting, uint32_t timeout_ms) {
  meetctl_tencent_event *e = (meetctl_tencent_event *)&e; /* must be overwritten */
  CHECK(meetctl_tencent_receiver_next_for(r, meeting, timeout_ms, &e, NULL) == MEETCTL_STATUS_OK);
  return e;
}

/* The worked example's event, every getter. */
static void expect_page_event(const meetctl_tencent_event *e) {
  meetctl_tencent_user u = {99, NULL, 99};
  const meetctl_value *raw = meetctl_tencent_event_get_raw(e);
  CHECK(e != NULL);
  CHECK_STR(meetctl_tencent_event_get_name(e), "meeting.created");
  CHECK(meetctl_tencent_event_get_kind(e) == MEETCTL_TENCENT_EVENT_KIND_MEETING_CREATED);
  CHECK_STR(meetctl_tencent_event_get_id(e), "f20096ee-8ac8-4df2-a7de-0574649f211b");
  CHECK_STR(meetctl_tencent_event_get_meeting_id(e), "6058890385480921052");
  CHECK_STR(meetctl_tencent_event_get_meeting_code(e), "530812452");
  CHECK(meetctl_tencent_event_get_occurrence(e) == NULL);
  /* "2020-12-29 17:41:06" Beijing time (UTC+8): `date -u -d '2020-12-29 09:41:06' +%s` = 1609234866. */
  CHECK(meetctl_tencent_event_get_time_ms(e) == INT64_C(1609234866000));
  CHECK(!meetctl_tencent_event_get_participant(e, &u));
  CHECK(u.id_kind == 99 && u.id == NULL && u.instance == 99);
  CHECK(meetctl_value_get_kind(raw) == MEETCTL_VALUE_KIND_RECORD);
  CHECK_STR(meetctl_value_text(meetctl_value_get(raw, "unique_sequence")), "f20096ee-8ac8-4df2-a7de-0574649f211b");
  CHECK_STR(meetctl_value_text(meetctl_value_get(meetctl_value_get(meetctl_value_at(meetctl_value_get(raw, "payload"), 0),
                                                                   "meeting_info"),
                                                 "subject")),
            "media tester meeting");
  meetctl_value_free((meetctl_value *)raw); /* borrowed: ignored */
}

/* ------------------------------------------------------------------ handle */

static void the_worked_example_gives_its_event(void) {
  meetctl_tencent_webhook *w = webhook(MEETCTL_TENCENT_WEBHOOK_NO_AGE_CHECK);
  meetctl_webhook_answer *a = post(w, PAGE_DATA, PAGE_SIGNATURE);
  meetctl_tencent_event *e;
  CHECK(meetctl_webhook_answer_get_status(a) == 200);
  CHECK(body_is(a, ACK));
  CHECK(meetctl_webhook_answer_get_refusal(a) == NULL);
  CHECK(!meetctl_webhook_answer_is_duplicate(a));
  CHECK(meetctl_webhook_answer_has_event(a));
  e = take(a);
  CHECK(!meetctl_webhook_answer_has_event(a));
  CHECK(take(a) == NULL); /* taken once */
  meetctl_webhook_answer_free(a);
  expect_page_event(e); /* the event outlives the answer */
  meetctl_tencent_event_free(e);
  meetctl_tencent_webhook_free(w);
}

static void a_duplicate_is_acknowledged_and_not_delivered(void) {
  meetctl_tencent_webhook *w = webhook(MEETCTL_TENCENT_WEBHOOK_NO_AGE_CHECK);
  meetctl_webhook_answer *first = post(w, PAGE_DATA, PAGE_SIGNATURE);
  meetctl_webhook_answer *again = post(w, PAGE_DATA, PAGE_SIGNATURE);
  CHECK(meetctl_webhook_answer_has_event(first));
  CHECK(meetctl_webhook_answer_get_status(again) == 200);
  CHECK(body_is(again, ACK));
  CHECK(meetctl_webhook_answer_is_duplicate(again));
  CHECK(meetctl_webhook_answer_get_refusal(again) == NULL);
  CHECK(!meetctl_webhook_answer_has_event(again));
  CHECK(take(again) == NULL);
  meetctl_webhook_answer_free(first);
  meetctl_webhook_answer_free(again);
  meetctl_tencent_webhook_free(w);
}

static void a_participant_event_names_the_participant(void) {
  meetctl_tencent_webhook *w = webhook(MEETCTL_TENCENT_WEBHOOK_NO_AGE_CHECK);
  meetctl_webhook_answer *a = post(w, JOINED_DATA, JOINED_SIGNATURE);
  meetctl_tencent_event *e = take(a);
  meetctl_tencent_user u = {0, NULL, 0};
  meetctl_webhook_answer_free(a);
  CHECK(e != NULL);
  CHECK(meetctl_tencent_event_get_kind(e) == MEETCTL_TENCENT_EVENT_KIND_PARTICIPANT_JOINED);
  CHECK_STR(meetctl_tencent_event_get_name(e), "meeting.participant-joined");
  CHECK_STR(meetctl_tencent_event_get_id(e), "c-joined-1");
  CHECK_STR(meetctl_tencent_event_get_meeting_id(e), "1242152152161");
  CHECK_STR(meetctl_tencent_event_get_meeting_code(e), "806724161");
  CHECK_STR(meetctl_tencent_event_get_occurrence(e), "s-1");
  CHECK(meetctl_tencent_event_get_time_ms(e) == INT64_C(1609239041000));
  CHECK(meetctl_tencent_event_get_participant(e, &u));
  CHECK(u.id_kind == MEETCTL_ID_KIND_MS_OPEN_ID);
  CHECK_STR(u.id, "ms-alice");
  CHECK(u.instance == MEETCTL_INSTANCE_IOS);
  CHECK(!meetctl_tencent_event_get_participant(e, NULL));
  meetctl_tencent_event_free(e);
  meetctl_tencent_webhook_free(w);
}

static void the_url_check_answers_the_plaintext_only(void) {
  meetctl_tencent_webhook *w = webhook(MEETCTL_TENCENT_WEBHOOK_NO_AGE_CHECK);
  meetctl_webhook_answer *a = handle(w, "GET", CHECK_TARGET, CHECK_SIGNATURE, NULL, 0);
  CHECK(meetctl_webhook_answer_get_status(a) == 200);
  CHECK(body_is(a, "hello meetctl"));
  CHECK(!meetctl_webhook_answer_has_event(a));
  CHECK(take(a) == NULL);
  meetctl_webhook_answer_free(a);
  meetctl_tencent_webhook_free(w);
}

static void refusals_say_nothing_to_the_sender(void) {
  meetctl_tencent_webhook *w = webhook(MEETCTL_TENCENT_WEBHOOK_NO_AGE_CHECK);
  meetctl_tencent_webhook *aged = webhook(MEETCTL_TENCENT_WEBHOOK_DEFAULT_MAX_AGE);
  meetctl_tencent_webhook *other = NULL;
  static const char not_json[] = "not json";
  const meetctl_header bad_bytes[] = {{"timestamp", TIMESTAMP}, {"nonce", "\xff\xfe"}, {"signature", PAGE_SIGNATURE}};
  meetctl_webhook_answer *a = NULL;
  char *body = data_body(PAGE_DATA);

  expect_refused(post(w, PAGE_DATA, WRONG_SIGNATURE), 401, "signature");
  expect_refused(post(w, PAGE_DATA, NULL), 400, "timestamp is missing");
  expect_refused(handle(w, "POST", "/hook", PAGE_SIGNATURE, not_json, sizeof not_json - 1), 400, "base64");
  expect_refused(handle(w, "POST", "/hook", PAGE_SIGNATURE, "{\"other\":1}", 11), 400, "data is missing");
  expect_refused(handle(w, "PUT", "/hook", PAGE_SIGNATURE, body, strlen(body)), 405, "method");
  expect_refused(handle(w, "GET", "/hook", CHECK_SIGNATURE, NULL, 0), 400, "check_str is missing");
  /* The default age check: the example is from 2020. */
  expect_refused(post(aged, PAGE_DATA, PAGE_SIGNATURE), 401, "older than max_age");
  /* Another token: the signature no longer matches. */
  CHECK(meetctl_tencent_webhook_new("anotherTokenOf25Characters", NULL, MEETCTL_TENCENT_WEBHOOK_NO_AGE_CHECK, &other,
                                    NULL) == MEETCTL_STATUS_OK);
  expect_refused(post(other, PAGE_DATA, PAGE_SIGNATURE), 401, "signature");
  /* Bytes that are not UTF-8 in what the sender controls are answered (refused), not an error. */
  CHECK(meetctl_tencent_webhook_handle(w, "POST", "/hook\xff", bad_bytes, 3, (const uint8_t *)body, strlen(body), &a,
                                       NULL) == MEETCTL_STATUS_OK);
  expect_refused(a, 401, "signature");
  /* Nothing was delivered by any of those: the real one still is. */
  a = post(w, PAGE_DATA, PAGE_SIGNATURE);
  CHECK(meetctl_webhook_answer_has_event(a) && !meetctl_webhook_answer_is_duplicate(a));
  meetctl_webhook_answer_free(a);
  free(body);
  meetctl_tencent_webhook_free(other);
  meetctl_tencent_webhook_free(aged);
  meetctl_tencent_webhook_free(w);
}

static void bad_arguments_name_the_parameter(void) {
  meetctl_tencent_webhook *w = webhook(MEETCTL_TENCENT_WEBHOOK_NO_AGE_CHECK);
  meetctl_tencent_webhook *no_w = (meetctl_tencent_webhook *)&w; /* must stay as it is */
  meetctl_webhook_answer *a = (meetctl_webhook_answer *)&w;
  meetctl_tencent_receiver *r = (meetctl_tencent_receiver *)&w;
  meetctl_tencent_event *e = (meetctl_tencent_event *)&w;
  meetctl_error *err = NULL;
  const meetctl_header null_value[] = {{"timestamp", TIMESTAMP}, {"nonce", NULL}};
  const meetctl_header null_name[] = {{NULL, TIMESTAMP}};
  const uint8_t body[] = "{}";
  meetctl_tencent_user u = {7, NULL, 7};
  size_t len = 5;

  EXPECT_ERR(meetctl_tencent_webhook_new(NULL, NULL, 0, &no_w, &err), err, MEETCTL_STATUS_NULL_ARGUMENT, "token");
  EXPECT_ERR(meetctl_tencent_webhook_new("tok\xff", NULL, 0, &no_w, &err), err, MEETCTL_STATUS_INVALID_UTF8, "token");
  EXPECT_ERR(meetctl_tencent_webhook_new("", NULL, 0, &no_w, &err), err, MEETCTL_STATUS_INVALID_ARGUMENT, "token");
  EXPECT_ERR(meetctl_tencent_webhook_new("a token with spaces", NULL, 0, &no_w, &err), err,
             MEETCTL_STATUS_INVALID_ARGUMENT, "token");
  EXPECT_ERR(meetctl_tencent_webhook_new(TOKEN, "short", 0, &no_w, &err), err, MEETCTL_STATUS_INVALID_ARGUMENT,
             "aes_key");
  EXPECT_ERR(meetctl_tencent_webhook_new(TOKEN, "\xff", 0, &no_w, &err), err, MEETCTL_STATUS_INVALID_UTF8, "aes_key");
  EXPECT_ERR(meetctl_tencent_webhook_new(TOKEN, NULL, 0, NULL, &err), err, MEETCTL_STATUS_NULL_ARGUMENT, "webhook_out");
  CHECK(no_w == (meetctl_tencent_webhook *)&w);
  /* A secret is never in an error. */
  CHECK(meetctl_tencent_webhook_new("secret token", NULL, 0, &no_w, &err) == MEETCTL_STATUS_INVALID_ARGUMENT);
  CHECK(strstr(meetctl_error_get_description(err), "secret") == NULL);
  meetctl_error_free(err);
  err = NULL;

  EXPECT_ERR(meetctl_tencent_webhook_handle(NULL, "POST", "/", NULL, 0, body, 2, &a, &err), err,
             MEETCTL_STATUS_NULL_ARGUMENT, "webhook");
  EXPECT_ERR(meetctl_tencent_webhook_handle(w, NULL, "/", NULL, 0, body, 2, &a, &err), err,
             MEETCTL_STATUS_NULL_ARGUMENT, "method");
  EXPECT_ERR(meetctl_tencent_webhook_handle(w, "POST", NULL, NULL, 0, body, 2, &a, &err), err,
             MEETCTL_STATUS_NULL_ARGUMENT, "target");
  EXPECT_ERR(meetctl_tencent_webhook_handle(w, "POST", "/", NULL, 1, body, 2, &a, &err), err,
             MEETCTL_STATUS_NULL_ARGUMENT, "headers");
  EXPECT_ERR(meetctl_tencent_webhook_handle(w, "POST", "/", null_value, 2, body, 2, &a, &err), err,
             MEETCTL_STATUS_NULL_ARGUMENT, "headers[1].value");
  EXPECT_ERR(meetctl_tencent_webhook_handle(w, "POST", "/", null_name, 1, body, 2, &a, &err), err,
             MEETCTL_STATUS_NULL_ARGUMENT, "headers[0].name");
  EXPECT_ERR(meetctl_tencent_webhook_handle(w, "POST", "/", NULL, 0, NULL, 2, &a, &err), err,
             MEETCTL_STATUS_NULL_ARGUMENT, "body");
  EXPECT_ERR(meetctl_tencent_webhook_handle(w, "POST", "/", NULL, (size_t)-1, body, 2, &a, &err), err,
             MEETCTL_STATUS_INVALID_ARGUMENT, "headers_len");
  EXPECT_ERR(meetctl_tencent_webhook_handle(w, "POST", "/", NULL, 0, body, (size_t)-1, &a, &err), err,
             MEETCTL_STATUS_INVALID_ARGUMENT, "body_len");
  EXPECT_ERR(meetctl_tencent_webhook_handle(w, "POST", "/", NULL, 0, body, 2, NULL, &err), err,
             MEETCTL_STATUS_NULL_ARGUMENT, "answer_out");
  EXPECT_ERR(meetctl_webhook_answer_take_event(NULL, &e, &err), err, MEETCTL_STATUS_NULL_ARGUMENT, "answer");
  CHECK(a == (meetctl_webhook_answer *)&w);

  EXPECT_ERR(meetctl_tencent_receiver_start(NULL, NULL, NULL, &r, &err), err, MEETCTL_STATUS_NULL_ARGUMENT, "webhook");
  EXPECT_ERR(meetctl_tencent_receiver_start(w, "localhost:8080", NULL, &r, &err), err,
             MEETCTL_STATUS_INVALID_ARGUMENT, "addr");
  EXPECT_ERR(meetctl_tencent_receiver_start(w, "127.0.0.1:\xff", NULL, &r, &err), err, MEETCTL_STATUS_INVALID_UTF8,
             "addr");
  EXPECT_ERR(meetctl_tencent_receiver_start(w, NULL, NULL, NULL, &err), err, MEETCTL_STATUS_NULL_ARGUMENT,
             "receiver_out");
  CHECK(r == (meetctl_tencent_receiver *)&w);
  EXPECT_ERR(meetctl_tencent_receiver_next(NULL, 0, &e, &err), err, MEETCTL_STATUS_NULL_ARGUMENT, "receiver");
  EXPECT_ERR(meetctl_tencent_receiver_next_for(NULL, "1", 0, &e, &err), err, MEETCTL_STATUS_NULL_ARGUMENT, "receiver");
  r = start(w, NULL, NULL);
  EXPECT_ERR(meetctl_tencent_receiver_next(r, 0, NULL, &err), err, MEETCTL_STATUS_NULL_ARGUMENT, "event_out");
  EXPECT_ERR(meetctl_tencent_receiver_next_for(r, NULL, 0, &e, &err), err, MEETCTL_STATUS_NULL_ARGUMENT, "meeting_id");
  EXPECT_ERR(meetctl_tencent_receiver_next_for(r, "12\xff", 0, &e, &err), err, MEETCTL_STATUS_INVALID_UTF8,
             "meeting_id");
  CHECK(e == (meetctl_tencent_event *)&w);
  meetctl_tencent_receiver_free(r);

  /* Getters on NULL answer something harmless; frees of NULL are no-ops. */
  CHECK(meetctl_webhook_answer_get_status(NULL) == 0);
  CHECK(meetctl_webhook_answer_get_body(NULL, &len) == NULL && len == 0);
  CHECK(meetctl_webhook_answer_get_refusal(NULL) == NULL);
  CHECK(!meetctl_webhook_answer_is_duplicate(NULL) && !meetctl_webhook_answer_has_event(NULL));
  CHECK(meetctl_tencent_event_get_name(NULL) == NULL && meetctl_tencent_event_get_id(NULL) == NULL);
  CHECK(meetctl_tencent_event_get_kind(NULL) == MEETCTL_TENCENT_EVENT_KIND_OTHER);
  CHECK(meetctl_tencent_event_get_time_ms(NULL) == -1);
  CHECK(meetctl_tencent_event_get_meeting_id(NULL) == NULL && meetctl_tencent_event_get_raw(NULL) == NULL);
  CHECK(!meetctl_tencent_event_get_participant(NULL, &u) && u.id_kind == 7);
  CHECK(meetctl_tencent_receiver_get_port(NULL) == 0 && meetctl_tencent_receiver_get_address(NULL) == NULL);
  CHECK(meetctl_tencent_receiver_pending(NULL) == 0);
  meetctl_tencent_receiver_close(NULL);
  meetctl_tencent_receiver_free(NULL);
  meetctl_tencent_event_free(NULL);
  meetctl_webhook_answer_free(NULL);
  meetctl_tencent_webhook_free(NULL);
  meetctl_tencent_webhook_free(w);
}

/* ------------------------------------------------------------------ the receiver */

static void the_receiver_delivers_a_signed_post_once(void) {
  meetctl_tencent_webhook *w = webhook(MEETCTL_TENCENT_WEBHOOK_NO_AGE_CHECK);
  meetctl_tencent_receiver_options options;
  meetctl_tencent_receiver *r;
  meetctl_tencent_event *e;
  const char *address;
  char *body = NULL;
  uint16_t port;
  double started;

  memset(&options, 0, sizeof options);
  options.queue = 8;
  r = start(w, NULL, &options); /* 127.0.0.1, a free port */
  meetctl_tencent_webhook_free(w); /* the receiver keeps what it needs */
  port = meetctl_tencent_receiver_get_port(r);
  address = meetctl_tencent_receiver_get_address(r);
  CHECK(port != 0);
  CHECK(address != NULL && strncmp(address, "127.0.0.1:", 10) == 0 && (uint16_t)atoi(address + 10) == port);

  CHECK(http_post(port, "/hook", PAGE_DATA, PAGE_SIGNATURE, &body) == 200);
  CHECK(body != NULL && strcmp(body, ACK) == 0);
  free(body);
  CHECK(meetctl_tencent_receiver_pending(r) == 1);
  e = next(r, 10000);
  expect_page_event(e);
  meetctl_tencent_event_free(e);

  /* Nothing more: a timeout returns nothing, after waiting. */
  started = now_s();
  e = next(r, 300);
  CHECK(e == NULL);
  CHECK(now_s() - started >= 0.25);
  /* The same delivery again is acknowledged and not delivered. */
  CHECK(http_post(port, "/hook", PAGE_DATA, PAGE_SIGNATURE, NULL) == 200);
  CHECK(next(r, 200) == NULL);
  /* A wrong signature is refused, with the generic body. */
  CHECK(http_post(port, "/hook", PAGE_DATA, WRONG_SIGNATURE, &body) == 401);
  CHECK(body != NULL && strcmp(body, "refused") == 0);
  free(body);
  CHECK(next(r, 0) == NULL);
  CHECK(meetctl_tencent_receiver_pending(r) == 0);

  meetctl_tencent_receiver_close(r);
  meetctl_tencent_receiver_close(r); /* again: a no-op */
  CHECK(http_post(port, "/hook", JOINED_DATA, JOINED_SIGNATURE, NULL) == 0); /* nothing listens */
  started = now_s();
  CHECK(next(r, 5000) == NULL); /* closed and empty: at once */
  CHECK(now_s() - started < 1.0);
  meetctl_tencent_receiver_free(r);
}

static void the_receiver_gives_one_meetings_events_and_keeps_the_rest(void) {
  meetctl_tencent_webhook *w = webhook(MEETCTL_TENCENT_WEBHOOK_NO_AGE_CHECK);
  meetctl_tencent_receiver *r = start(w, "127.0.0.1:0", NULL);
  const uint16_t port = meetctl_tencent_receiver_get_port(r);
  meetctl_tencent_event *e;
  emu_response check;
  char url[128], headers[160];

  /* The URL check over HTTP. */
  snprintf(url, sizeof url, "http://127.0.0.1:%u%s", (unsigned)port, CHECK_TARGET);
  snprintf(headers, sizeof headers, "timestamp: %s\r\nnonce: %s\r\nsignature: %s\r\n", TIMESTAMP, NONCE,
           CHECK_SIGNATURE);
  CHECK(emu_http("GET", url, headers, NULL, 0, &check) == 0);
  CHECK(check.status == 200 && check.body != NULL && strcmp(check.body, "hello meetctl") == 0);
  free(check.body);

  CHECK(http_post(port, "/hook", STARTED_DATA, STARTED_SIGNATURE, NULL) == 200);
  CHECK(http_post(port, "/hook", JOINED_DATA, JOINED_SIGNATURE, NULL) == 200);
  CHECK(meetctl_tencent_receiver_pending(r) == 2);
  CHECK(next_for(r, "1000000000001", 100) == NULL); /* no such meeting's events */
  e = next_for(r, "1242152152161", 5000);           /* the second queued, the first for this meeting */
  CHECK_STR(meetctl_tencent_event_get_id(e), "c-joined-1");
  CHECK(meetctl_tencent_event_get_kind(e) == MEETCTL_TENCENT_EVENT_KIND_PARTICIPANT_JOINED);
  meetctl_tencent_event_free(e);
  CHECK(meetctl_tencent_receiver_pending(r) == 1);
  /* Closing keeps what was acknowledged: it can still be taken. */
  meetctl_tencent_receiver_close(r);
  e = next(r, 0);
  CHECK_STR(meetctl_tencent_event_get_id(e), "c-started-2");
  CHECK_STR(meetctl_tencent_event_get_meeting_id(e), "1242152153003");
  CHECK(meetctl_tencent_event_get_kind(e) == MEETCTL_TENCENT_EVENT_KIND_MEETING_STARTED);
  CHECK(meetctl_tencent_event_get_time_ms(e) == INT64_C(1609239042000));
  meetctl_tencent_event_free(e);
  CHECK(next(r, 0) == NULL);
  meetctl_tencent_receiver_free(r);
  meetctl_tencent_webhook_free(w);
}

static void a_receiver_freed_with_events_queued_frees_them(void) {
  meetctl_tencent_webhook *w = webhook(MEETCTL_TENCENT_WEBHOOK_NO_AGE_CHECK);
  meetctl_tencent_receiver *r = start(w, NULL, NULL);
  CHECK(http_post(meetctl_tencent_receiver_get_port(r), "/hook", JOINED_DATA, JOINED_SIGNATURE, NULL) == 200);
  CHECK(meetctl_tencent_receiver_pending(r) == 1);
  meetctl_tencent_receiver_free(r); /* closes, and frees the queued event (valgrind / LSan check) */
  meetctl_tencent_webhook_free(w);
}

/* ------------------------------------------------------------------ the emulator as the vendor */

#define APP "210000001"
/* A scheduled meeting of the demo scenario: nothing happens in it unless this case makes it. */
#define MEETING "1242152153005"

/* Drives `meeting` through an admin route; checks that the answer says `want` ("joined"). */
/* A self-signed certificate for 127.0.0.1 and its key, made for this test with
 * `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500
 *  -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout key.pem -out cert.pem`.
 * The handshake itself is tested from Rust and Python (with a TLS client); here, that C starts,
 * reloads and refuses as documented. */
static const char TEST_CERT_PEM[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBkDCCATagAwIBAgIUMeEmNOqXUaWuLg/JwKk/cbdZDS8wCgYIKoZIzj0EAwIw\n"
  "FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTIwNzE2MDcwNFoYDzIxMjYxMTEz\n"
  "MTYwNzA0WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO\n"
  "PQMBBwNCAARDnXmOdMSKOlSiQlFWQY01EkbpFMr6H5JnlrYD6MkfgLgk9Ii/UoUx\n"
  "Q/BN3OuB6x+kZY/ZFgHIjerJcqh9rj8ho2QwYjAdBgNVHQ4EFgQUaxyfvN8J9JSr\n"
  "yoAkypruVxQEQP0wHwYDVR0jBBgwFoAUaxyfvN8J9JSryoAkypruVxQEQP0wDwYD\n"
  "VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0gAMEUC\n"
  "IQD0t7W9FHLaVpdGqbjOYYN/HArrD8HeTZslT7bi0vBifwIgCoZ5xQG6nYJ/XnPv\n"
  "z8Upxbqs2ElmixlWmEyMbavfyus=\n"
  "-----END CERTIFICATE-----\n";
static const char TEST_KEY_PEM[] =
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgY613nmOsy1IiYn3m\n"
  "ivc9+m+nnbEzzWWipGDFAcILBMihRANCAARDnXmOdMSKOlSiQlFWQY01EkbpFMr6\n"
  "H5JnlrYD6MkfgLgk9Ii/UoUxQ/BN3OuB6x+kZY/ZFgHIjerJcqh9rj8h\n"
  "-----END PRIVATE KEY-----\n";

static void the_receiver_serves_https_and_reloads_its_certificate(void) {
  meetctl_tencent_webhook *w = webhook(MEETCTL_TENCENT_WEBHOOK_NO_AGE_CHECK);
  meetctl_tencent_receiver *r = NULL, *no_r = NULL, *plain = NULL;
  meetctl_error *err = NULL;
  CHECK(meetctl_tencent_receiver_start_tls(w, NULL, NULL, TEST_CERT_PEM, TEST_KEY_PEM, &r, &err) == MEETCTL_STATUS_OK);
  CHECK(r != NULL && meetctl_tencent_receiver_get_port(r) != 0);
  CHECK(meetctl_tencent_receiver_reload_tls(r, TEST_CERT_PEM, TEST_KEY_PEM, &err) == MEETCTL_STATUS_OK);
  EXPECT_ERR(meetctl_tencent_receiver_reload_tls(r, "not a pem", TEST_KEY_PEM, &err), err,
             MEETCTL_STATUS_INVALID_ARGUMENT, "tls.cert_chain");
  EXPECT_ERR(meetctl_tencent_receiver_reload_tls(r, NULL, TEST_KEY_PEM, &err), err, MEETCTL_STATUS_NULL_ARGUMENT,
             "cert_pem");
  EXPECT_ERR(meetctl_tencent_receiver_start_tls(w, NULL, NULL, TEST_CERT_PEM, "nor a key", &no_r, &err), err,
             MEETCTL_STATUS_INVALID_ARGUMENT, "tls.key");
  CHECK(no_r == NULL);
  CHECK(meetctl_tencent_receiver_start(w, NULL, NULL, &plain, &err) == MEETCTL_STATUS_OK);
  EXPECT_ERR(meetctl_tencent_receiver_reload_tls(plain, TEST_CERT_PEM, TEST_KEY_PEM, &err), err,
             MEETCTL_STATUS_INVALID_ARGUMENT, "tls");
  meetctl_tencent_receiver_free(plain);
  meetctl_tencent_receiver_free(r);
  meetctl_tencent_webhook_free(w);
}

static void drive_meeting(const char *meeting, const char *route, const char *json, const char *want) {
  char path[128], *body;
  snprintf(path, sizeof path, "/_emulator/tencent/meetings/%s/%s", meeting, route);
  body = emu_admin("POST", path, json);
  CHECK(body != NULL);
  if (body) {
    char *got = emu_json_get(body, want);
    CHECK_STR(got, "true");
    free(got);
  }
  free(body);
}

static void drive(const char *route, const char *json, const char *want) { drive_meeting(MEETING, route, json, want); }

/* Subscribes APP's webhook to the receiver on `port` with `retry_delays` (a JSON array); checks that
 * the emulator's URL check passed. */
static void subscribe(uint16_t port, const char *retry_delays) {
  char subscription[256], *answer, *verified;
  snprintf(subscription, sizeof subscription,
           "{\"url\":\"http://127.0.0.1:%u/hook\",\"token\":\"" TOKEN "\",\"retry_delays_ms\":%s}", (unsigned)port,
           retry_delays);
  answer = emu_admin("PUT", "/_emulator/tencent/apps/" APP "/webhook", subscription);
  CHECK(answer != NULL);
  verified = answer ? emu_json_get(answer, "subscription.verified") : NULL;
  if (!verified || strcmp(verified, "true") != 0) fprintf(stderr, "  subscription: %s\n", answer ? answer : "-");
  CHECK_STR(verified, "true");
  free(verified);
  free(answer);
}

/* The event taken next is `kind`, named `name`, about MEETING, and (for a participant event) about
 * `ms_open_id`, whose device is `instance`; its id is kept in ids[i]. */
static void expect_event(meetctl_tencent_event *e, meetctl_tencent_event_kind kind, const char *name,
                         const char *ms_open_id, meetctl_instance instance, char **ids, size_t i) {
  meetctl_tencent_user u = {0, NULL, 0};
  const char *id;
  CHECK(e != NULL);
  if (!e) return;
  CHECK(meetctl_tencent_event_get_kind(e) == kind);
  CHECK_STR(meetctl_tencent_event_get_name(e), name);
  CHECK_STR(meetctl_tencent_event_get_meeting_id(e), MEETING);
  if (ms_open_id) {
    CHECK(meetctl_tencent_event_get_participant(e, &u));
    CHECK(u.id_kind == MEETCTL_ID_KIND_MS_OPEN_ID);
    CHECK_STR(u.id, ms_open_id);
    CHECK(u.instance == (int32_t)instance);
  } else {
    CHECK(!meetctl_tencent_event_get_participant(e, &u));
  }
  id = meetctl_tencent_event_get_id(e);
  CHECK(id != NULL && *id != '\0');
  if (id) {
    ids[i] = (char *)malloc(strlen(id) + 1);
    if (ids[i]) strcpy(ids[i], id);
  }
}

static void the_emulator_pushes_a_meeting_to_the_receiver_once_each(void) {
  /* The default age check: the emulator signs with the current time. */
  meetctl_tencent_webhook *w = webhook(MEETCTL_TENCENT_WEBHOOK_DEFAULT_MAX_AGE);
  meetctl_tencent_receiver *r = start(w, "127.0.0.1:0", NULL);
  meetctl_tencent_event *events[16];
  char *ids[16];
  char *idle;
  size_t n = 0, i, j;

  meetctl_tencent_webhook_free(w);
  if (!r) return;
  memset(ids, 0, sizeof ids);

  /* Subscribe: the emulator runs the URL check against the receiver and says whether it passed. */
  subscribe(meetctl_tencent_receiver_get_port(r), "[200,400]");

  drive("join", "{\"userid\":\"zoe\",\"ms_open_id\":\"ms-zoe\",\"instanceid\":1,\"name\":\"Zoe\"}", "joined");
  drive("join", "{\"userid\":\"yan\",\"ms_open_id\":\"ms-yan\",\"instanceid\":2,\"name\":\"Yan\"}", "joined");
  drive("leave", "{\"ms_open_id\":\"ms-yan\"}", "left");
  drive("end", NULL, "ended");
  idle = emu_admin("GET", "/_emulator/tencent/webhook/idle?timeout_ms=20000", NULL);
  CHECK(idle != NULL); /* (a 504 at the timeout gives NULL) */
  free(idle);

  /* Everything that came, until nothing more does. */
  while (n < sizeof events / sizeof *events && (events[n] = next(r, 1000)) != NULL) n++;
  CHECK(n == 6);
  if (n == 6) {
    expect_event(events[0], MEETCTL_TENCENT_EVENT_KIND_MEETING_STARTED, "meeting.started", NULL, 0, ids, 0);
    expect_event(events[1], MEETCTL_TENCENT_EVENT_KIND_PARTICIPANT_JOINED, "meeting.participant-joined", "ms-zoe",
                 MEETCTL_INSTANCE_PC, ids, 1);
    expect_event(events[2], MEETCTL_TENCENT_EVENT_KIND_PARTICIPANT_JOINED, "meeting.participant-joined", "ms-yan",
                 MEETCTL_INSTANCE_MAC, ids, 2);
    expect_event(events[3], MEETCTL_TENCENT_EVENT_KIND_PARTICIPANT_LEFT, "meeting.participant-left", "ms-yan",
                 MEETCTL_INSTANCE_MAC, ids, 3);
    expect_event(events[4], MEETCTL_TENCENT_EVENT_KIND_PARTICIPANT_LEFT, "meeting.participant-left", "ms-zoe",
                 MEETCTL_INSTANCE_PC, ids, 4);
    expect_event(events[5], MEETCTL_TENCENT_EVENT_KIND_MEETING_ENDED, "meeting.end", NULL, 0, ids, 5);
    for (i = 0; i < n; i++)
      for (j = i + 1; j < n; j++) CHECK(ids[i] == NULL || ids[j] == NULL || strcmp(ids[i], ids[j]) != 0);
  } else {
    for (i = 0; i < n; i++)
      fprintf(stderr, "  event %lu: %s\n", (unsigned long)i, meetctl_tencent_event_get_name(events[i]));
  }
  CHECK(meetctl_tencent_receiver_pending(r) == 0);

  for (i = 0; i < n; i++) {
    meetctl_tencent_event_free(events[i]);
    free(ids[i]);
  }
  meetctl_tencent_receiver_free(r);
}

/* Another scheduled meeting of the demo scenario, used by no other case here. */
#define RESTART_MEETING "1242152153001"

static void a_receiver_restarted_in_the_middle_gets_the_retries(void) {
  meetctl_tencent_webhook *w = webhook(MEETCTL_TENCENT_WEBHOOK_DEFAULT_MAX_AGE);
  meetctl_tencent_receiver *first = start(w, "127.0.0.1:0", NULL), *second;
  meetctl_tencent_event *events[32];
  const size_t cap = sizeof events / sizeof *events;
  char addr[32], *idle;
  size_t n = 0, i, j;
  int left = 0;
  uint16_t port;

  meetctl_tencent_webhook_free(w);
  if (!first) return;
  port = meetctl_tencent_receiver_get_port(first);
  snprintf(addr, sizeof addr, "127.0.0.1:%u", (unsigned)port);
  /* Retries long enough to span the restart (this replaces the subscription of any earlier case). */
  subscribe(port, "[300,600,1200,2400]");
  drive_meeting(RESTART_MEETING, "join", "{\"userid\":\"zoe\",\"ms_open_id\":\"ms-zoe\",\"instanceid\":1}", "joined");
  while (n < 2 && (events[n] = next(first, 10000)) != NULL) n++; /* started, joined */
  CHECK(n == 2);

  /* The receiver goes away... */
  meetctl_tencent_receiver_close(first);
  meetctl_tencent_receiver_free(first);
  /* ...while the vendor pushes (the delivery fails; it retries)... */
  drive_meeting(RESTART_MEETING, "leave", "{\"ms_open_id\":\"ms-zoe\"}", "left");
  {
    const struct timespec pause = {0, 100 * 1000 * 1000};
    nanosleep(&pause, NULL);
  }
  /* ...and comes back on the same address, with a webhook that remembers nothing. */
  w = webhook(MEETCTL_TENCENT_WEBHOOK_DEFAULT_MAX_AGE);
  second = start(w, addr, NULL);
  meetctl_tencent_webhook_free(w);
  CHECK(second != NULL);
  if (second) {
    CHECK(meetctl_tencent_receiver_get_port(second) == port);
    drive_meeting(RESTART_MEETING, "end", NULL, "ended");
    idle = emu_admin("GET", "/_emulator/tencent/webhook/idle?timeout_ms=30000", NULL);
    CHECK(idle != NULL); /* (a 504 at the timeout gives NULL) */
    free(idle);
    while (n < cap && (events[n] = next(second, 1000)) != NULL) n++;
  }

  /* The retried leave arrived, and the end came last. */
  for (i = 0; i < n; i++) {
    meetctl_tencent_user u = {0, NULL, 0};
    if (meetctl_tencent_event_get_kind(events[i]) == MEETCTL_TENCENT_EVENT_KIND_PARTICIPANT_LEFT &&
        meetctl_tencent_event_get_participant(events[i], &u) && u.id_kind == MEETCTL_ID_KIND_MS_OPEN_ID && u.id &&
        strcmp(u.id, "ms-zoe") == 0)
      left = 1;
    CHECK_STR(meetctl_tencent_event_get_meeting_id(events[i]), RESTART_MEETING);
    CHECK(meetctl_tencent_event_get_id(events[i]) != NULL && *meetctl_tencent_event_get_id(events[i]) != '\0');
  }
  CHECK(left);
  CHECK(n >= 4 && n < cap);
  if (n >= 1) {
    CHECK(meetctl_tencent_event_get_kind(events[n - 1]) == MEETCTL_TENCENT_EVENT_KIND_MEETING_ENDED);
    CHECK_STR(meetctl_tencent_event_get_name(events[n - 1]), "meeting.end");
  }
  /* At least once: a delivery seen twice has the same id, so the app can tell. Same id, same
   * delivery: the same event, about the same participant. */
  for (i = 0; i < n; i++)
    for (j = i + 1; j < n; j++) {
      const char *a = meetctl_tencent_event_get_id(events[i]), *b = meetctl_tencent_event_get_id(events[j]);
      if (a && b && strcmp(a, b) == 0) {
        meetctl_tencent_user ua = {0, NULL, 0}, ub = {0, NULL, 0};
        CHECK(meetctl_tencent_event_get_kind(events[i]) == meetctl_tencent_event_get_kind(events[j]));
        CHECK(meetctl_tencent_event_get_participant(events[i], &ua) ==
              meetctl_tencent_event_get_participant(events[j], &ub));
        CHECK((ua.id == NULL) == (ub.id == NULL));
        if (ua.id && ub.id) CHECK_STR(ua.id, ub.id);
      }
    }
  if (!left || n < 4 || (n >= 1 && meetctl_tencent_event_get_kind(events[n - 1]) != MEETCTL_TENCENT_EVENT_KIND_MEETING_ENDED))
    for (i = 0; i < n; i++)
      fprintf(stderr, "  event %lu: %s %s\n", (unsigned long)i, meetctl_tencent_event_get_name(events[i]),
              meetctl_tencent_event_get_id(events[i]));
  if (second) {
    CHECK(meetctl_tencent_receiver_pending(second) == 0);
    meetctl_tencent_receiver_free(second);
  }
  for (i = 0; i < n; i++) meetctl_tencent_event_free(events[i]);
}

/* ------------------------------------------------------------------ main */

int main(int argc, char **argv) {
  /* The emulator's base URL (only the last case needs it) is the first argument when given. */
  emu_base = argc > 1 ? argv[1] : "";
  t_only = (const char *const *)argv + (argc > 1 ? 2 : 1);
  t_only_count = argc > 1 ? argc - 2 : 0;
  RUN(the_worked_example_gives_its_event);
  RUN(a_duplicate_is_acknowledged_and_not_delivered);
  RUN(a_participant_event_names_the_participant);
  RUN(the_url_check_answers_the_plaintext_only);
  RUN(refusals_say_nothing_to_the_sender);
  RUN(bad_arguments_name_the_parameter);
  RUN(the_receiver_delivers_a_signed_post_once);
  RUN(the_receiver_gives_one_meetings_events_and_keeps_the_rest);
  RUN(a_receiver_freed_with_events_queued_frees_them);
  RUN(the_receiver_serves_https_and_reloads_its_certificate);
  RUN(the_emulator_pushes_a_meeting_to_the_receiver_once_each);
  RUN(a_receiver_restarted_in_the_middle_gets_the_retries);
  return report(argv[0]);
}
