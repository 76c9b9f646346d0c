/*
 * Huawei enterprise webhooks from C: meetctl_huawei_webhook_handle over requests built here (the
 * meeting.verify handshake answered with its nonce, a signed meeting.join, a duplicate, refusals,
 * bad arguments), meetctl_huawei_receiver closed from another thread while one waits, and end to
 * end with the emulator (its base URL is the first argument, as scripts/test-c.sh passes it)
 * acting as Huawei Cloud Meeting: configured with PUT /_emulator/huawei/webhook, it POSTs
 * conference 914083136's meeting.join, meeting.left and meeting.end to the receiver, which
 * delivers each once, with the participant id and display name; with the wrong key every delivery
 * is refused (401) and nothing is delivered.
 *
 * C has no HMAC-SHA256: the signatures below were made with Python's hmac module,
 *
 *   python3 - <<'EOF'
 *   import hmac, hashlib
 *   app, key, ts, nonce = "meetctl-sub", "s3cr3t-subscriber-key", "1700000000000", "n0nce-1"
 *   info = '<the eventInfo text, exactly as below>'
 *   print(hmac.new(key.encode(), (app + ts + nonce + info).encode(), hashlib.sha256).hexdigest())
 *   EOF
 *
 * over appID + timestamp + nonce + the exact bytes of eventInfo (note the space after each colon:
 * the verifier must sign the bytes as received, not a re-serialisation). Those webhooks have the
 * age check off (MEETCTL_HUAWEI_WEBHOOK_NO_AGE_CHECK), as the timestamp is from 2023.
 *
 * Usage: test_huawei_webhook [BASE_URL] [CASE...]   (only the named cases when some are given)
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../common/emulator.h"
#include "meetctl.h"

/* ------------------------------------------------------------------ signed requests */

#define APP_ID "meetctl-sub"
#define KEY "s3cr3t-subscriber-key"
#define TIMESTAMP "1700000000000"
#define NONCE "n0nce-1"

#define VERIFY_INFO "{\"event\": \"meeting.verify\", \"timestamp\": 1700000000000}"
#define VERIFY_SIGNATURE "5ba2ce59a9f419ded3f446ef682574e88cb240b39d208aaf3fe49d5e1854a91d"

#define JOIN_INFO                                                                                             \
  "{\"event\": \"meeting.join\", \"timestamp\": 1700000001000, \"payload\": {\"meetingInfo\": {\"meetingID\": " \
  "\"914083136\", \"meetingUUID\": \"u-1\"}, \"attendeeInfo\": {\"participantID\": \"p-9\", \"displayName\": "   \
  "\"Zoe\", \"role\": 0, \"joinTime\": 1700000001000}}}"
#define JOIN_SIGNATURE "206d62faaa1b39ae22c08718cb02e7942d3df1f4c55d0571bb5e1cd2c6ce9380"

#define WRONG_SIGNATURE "0000000000000000000000000000000000000000000000000000000000000000"

/* The emulator's demo conference. */
#define CONFERENCE "914083136"

/* ------------------------------------------------------------------ helpers */

/* Whether a failed call's status is `want`, its error names `field` and holds no key; frees it. */
static int err_is(meetctl_status st, meetctl_error *err, meetctl_status want, const char *field) {
  const char *f = meetctl_error_get_field(err), *m = meetctl_error_get_description(err);
  const int ok = st == want && f && strcmp(f, field) == 0 && !(m && strstr(m, KEY));
  if (!ok) fprintf(stderr, "  status %d (want %d), field %s (want %s): %s\n", (int)st, (int)want, f ? f : "-", field, m ? m : "-");
  meetctl_error_free(err);
  return ok;
}
/* `call` (which writes `err`) fails with `want`, naming `field`. */
#define EXPECT_ERR(call, want, field)            \
  do {                                           \
    const meetctl_status st_ = (call);           \
    CHECK(err_is(st_, err, (want), (field)));    \
    err = NULL;                                  \
  } while (0)

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  nanosleep(&ts, NULL);
}

static meetctl_huawei_webhook *webhook(const char *key, uint32_t max_age_ms) {
  meetctl_huawei_webhook *w = NULL;
  meetctl_error *err = NULL;
  meetctl_status st = meetctl_huawei_webhook_new(APP_ID, key, max_age_ms, &w, &err);
  CHECK(st == MEETCTL_STATUS_OK && w != NULL);
  meetctl_error_free(err);
  return w;
}

/* Handles `method` with the vendor's envelope around `info`, signed `signature` by `app_id`. */
static meetctl_webhook_answer *handle(const meetctl_huawei_webhook *w, const char *method, const char *app_id,
                                      const char *info, const char *signature) {
  char body[1024];
  meetctl_webhook_answer *a = NULL;
  meetctl_error *err = NULL;
  meetctl_status st;
  snprintf(body, sizeof body,
           "{\"appID\":\"%s\",\"timestamp\":" TIMESTAMP ",\"nonce\":\"" NONCE "\",\"signature\":\"%s\",\"eventInfo\":%s}",
           app_id, signature, info);
  st = meetctl_huawei_webhook_handle(w, method, "/hook", NULL, 0, (const uint8_t *)body, strlen(body), &a, &err);
  if (st != MEETCTL_STATUS_OK) fprintf(stderr, "  handle: %s\n", meetctl_error_get_description(err));
  CHECK(st == MEETCTL_STATUS_OK && a != NULL);
  meetctl_error_free(err);
  return a;
}

static int body_is(const meetctl_webhook_answer *a, const char *want) {
  size_t len = 99;
  const uint8_t *b = meetctl_webhook_answer_get_body(a, &len);
  if (len == strlen(want) && (len == 0 || memcmp(b, want, len) == 0)) return 1;
  fprintf(stderr, "  body is \"%.*s\", expected \"%s\"\n", (int)len, b ? (const char *)b : "", want);
  return 0;
}

static meetctl_huawei_event *take(meetctl_webhook_answer *a) {
  meetctl_huawei_event *e = (meetctl_huawei_event *)&e; /* must be overwritten */
  CHECK(meetctl_webhook_answer_take_huawei_event(a, &e, NULL) == MEETCTL_STATUS_OK);
  return e;
}

static void expect_refused(meetctl_webhook_answer *a, uint16_t status, const char *reason_part) {
  const char *reason = meetctl_webhook_answer_get_refusal(a);
  CHECK(meetctl_webhook_answer_get_status(a) == status);
  CHECK(body_is(a, "refused"));
  CHECK(reason != NULL && strstr(reason, reason_part) != NULL);
  if (reason && !strstr(reason, reason_part)) fprintf(stderr, "  refusal: %s\n", reason);
  CHECK(!meetctl_webhook_answer_has_event(a));
  CHECK(take(a) == NULL);
  meetctl_webhook_answer_free(a);
}

static meetctl_huawei_receiver *start(const meetctl_huawei_webhook *w) {
  meetctl_huawei_receiver *r = NULL;
  meetctl_error *err = NULL;
  meetctl_huawei_receiver_options options = {0};
  meetctl_status st;
  options.queue = 64;
  st = meetctl_huawei_receiver_start(w, "127.0.0.1:0", &options, &r, &err);
  if (st != MEETCTL_STATUS_OK) fprintf(stderr, "  start: status %d: %s\n", (int)st, meetctl_error_get_description(err));
  CHECK(st == MEETCTL_STATUS_OK && r != NULL);
  meetctl_error_free(err);
  return r;
}

static meetctl_huawei_event *next_for(const meetctl_huawei_receiver *r, const char *meeting, uint32_t timeout_ms) {
  meetctl_huawei_event *e = (meetctl_huawei_event *)&e; /* must be overwritten */
  CHECK(meetctl_huawei_receiver_next_for(r, meeting, timeout_ms, &e, NULL) == MEETCTL_STATUS_OK);
  return e;
}

/* ------------------------------------------------------------------ handle */

static void verify_is_answered_with_its_nonce_and_not_delivered(void) {
  meetctl_huawei_webhook *w = webhook(KEY, MEETCTL_HUAWEI_WEBHOOK_NO_AGE_CHECK);
  meetctl_webhook_answer *a = handle(w, "POST", APP_ID, VERIFY_INFO, VERIFY_SIGNATURE);
  CHECK(meetctl_webhook_answer_get_status(a) == 200);
  CHECK(body_is(a, "{\"event\":\"meeting.verify\",\"nonce\":\"" NONCE "\"}"));
  CHECK(meetctl_webhook_answer_get_refusal(a) == NULL);
  CHECK(!meetctl_webhook_answer_is_duplicate(a));
  CHECK(!meetctl_webhook_answer_has_event(a));
  CHECK(take(a) == NULL);
  meetctl_webhook_answer_free(a);
  meetctl_huawei_webhook_free(w);
}

static void a_signed_join_gives_its_event_once(void) {
  meetctl_huawei_webhook *w = webhook(KEY, MEETCTL_HUAWEI_WEBHOOK_NO_AGE_CHECK);
  meetctl_webhook_answer *a = handle(w, "POST", APP_ID, JOIN_INFO, JOIN_SIGNATURE), *again;
  meetctl_tencent_event *wrong = NULL;
  meetctl_error *err = NULL;
  meetctl_huawei_event *e;
  const meetctl_value *raw;
  CHECK(meetctl_webhook_answer_get_status(a) == 200);
  CHECK(body_is(a, ""));
  CHECK(meetctl_webhook_answer_has_event(a));
  /* Not a Tencent event: refused naming the answer, and the event stays. */
  EXPECT_ERR(meetctl_webhook_answer_take_event(a, &wrong, &err), MEETCTL_STATUS_INVALID_ARGUMENT, "answer");
  CHECK(wrong == NULL);
  CHECK(meetctl_webhook_answer_has_event(a));
  e = take(a);
  CHECK(e != NULL && !meetctl_webhook_answer_has_event(a));
  meetctl_webhook_answer_free(a); /* the event outlives its answer */
  CHECK_STR(meetctl_huawei_event_get_name(e), "meeting.join");
  CHECK(meetctl_huawei_event_get_kind(e) == MEETCTL_HUAWEI_EVENT_KIND_ATTENDEE_JOINED);
  CHECK(meetctl_huawei_event_get_id(e) != NULL && strlen(meetctl_huawei_event_get_id(e)) == 64);
  CHECK(meetctl_huawei_event_get_time_ms(e) == INT64_C(1700000001000));
  CHECK_STR(meetctl_huawei_event_get_meeting_id(e), CONFERENCE);
  CHECK_STR(meetctl_huawei_event_get_meeting_uuid(e), "u-1");
  CHECK(meetctl_huawei_event_get_occurrence(e) == NULL);
  CHECK_STR(meetctl_huawei_event_get_participant_id(e), "p-9");
  CHECK_STR(meetctl_huawei_event_get_display_name(e), "Zoe");
  CHECK_STR(meetctl_huawei_event_get_role(e), "0");
  CHECK(meetctl_huawei_event_get_user_uuid(e) == NULL);
  CHECK(meetctl_huawei_event_get_user_agent(e) == NULL);
  CHECK(meetctl_huawei_event_get_account(e) == NULL);
  CHECK(meetctl_huawei_event_get_call_number(e) == NULL);
  CHECK(meetctl_huawei_event_get_join_time_ms(e) == INT64_C(1700000001000));
  CHECK(meetctl_huawei_event_get_left_time_ms(e) == -1);
  CHECK_STR(meetctl_huawei_event_get_raw_json(e), JOIN_INFO);
  raw = meetctl_huawei_event_get_raw(e);
  CHECK_STR(meetctl_value_text(meetctl_value_get(meetctl_value_get(meetctl_value_get(raw, "payload"), "attendeeInfo"),
                                                 "displayName")),
            "Zoe");
  meetctl_value_free((meetctl_value *)raw); /* borrowed: ignored */
  meetctl_huawei_event_free(e);

  again = handle(w, "POST", APP_ID, JOIN_INFO, JOIN_SIGNATURE);
  CHECK(meetctl_webhook_answer_get_status(again) == 200);
  CHECK(meetctl_webhook_answer_is_duplicate(again));
  CHECK(take(again) == NULL);
  meetctl_webhook_answer_free(again);
  meetctl_huawei_webhook_free(w);

  /* NULL event: every getter says nothing. */
  CHECK(meetctl_huawei_event_get_name(NULL) == NULL);
  CHECK(meetctl_huawei_event_get_kind(NULL) == MEETCTL_HUAWEI_EVENT_KIND_OTHER);
  CHECK(meetctl_huawei_event_get_time_ms(NULL) == -1);
  CHECK(meetctl_huawei_event_get_raw(NULL) == NULL);
  meetctl_huawei_event_free(NULL);
}

static void refusals_say_nothing_to_the_sender(void) {
  meetctl_huawei_webhook *w = webhook(KEY, MEETCTL_HUAWEI_WEBHOOK_NO_AGE_CHECK);
  meetctl_huawei_webhook *fresh = webhook(KEY, MEETCTL_HUAWEI_WEBHOOK_DEFAULT_MAX_AGE);
  meetctl_huawei_webhook *other_key = webhook("another-key", MEETCTL_HUAWEI_WEBHOOK_NO_AGE_CHECK);
  expect_refused(handle(w, "POST", APP_ID, JOIN_INFO, WRONG_SIGNATURE), 401, "signature");
  expect_refused(handle(other_key, "POST", APP_ID, JOIN_INFO, JOIN_SIGNATURE), 401, "signature");
  expect_refused(handle(w, "POST", "someone-else", JOIN_INFO, JOIN_SIGNATURE), 401, "appID");
  expect_refused(handle(fresh, "POST", APP_ID, JOIN_INFO, JOIN_SIGNATURE), 401, "timestamp");
  expect_refused(handle(w, "GET", APP_ID, JOIN_INFO, JOIN_SIGNATURE), 405, "method");
  meetctl_huawei_webhook_free(w);
  meetctl_huawei_webhook_free(fresh);
  meetctl_huawei_webhook_free(other_key);
}

static void bad_arguments_name_the_field(void) {
  meetctl_huawei_webhook *w = NULL;
  meetctl_huawei_receiver *r = NULL;
  meetctl_webhook_answer *a = NULL;
  meetctl_huawei_event *e = NULL;
  meetctl_error *err = NULL;
  EXPECT_ERR(meetctl_huawei_webhook_new(NULL, KEY, 0, &w, &err), MEETCTL_STATUS_NULL_ARGUMENT, "subscriber_id");
  EXPECT_ERR(meetctl_huawei_webhook_new(APP_ID, NULL, 0, &w, &err), MEETCTL_STATUS_NULL_ARGUMENT,
             "subscriber_key");
  EXPECT_ERR(meetctl_huawei_webhook_new("", KEY, 0, &w, &err), MEETCTL_STATUS_INVALID_ARGUMENT, "subscriber_id");
  EXPECT_ERR(meetctl_huawei_webhook_new(APP_ID, KEY "\n", 0, &w, &err), MEETCTL_STATUS_INVALID_ARGUMENT,
             "subscriber_key");
  EXPECT_ERR(meetctl_huawei_webhook_new(APP_ID, "\xff", 0, &w, &err), MEETCTL_STATUS_INVALID_UTF8,
             "subscriber_key");
  EXPECT_ERR(meetctl_huawei_webhook_new(APP_ID, KEY, 0, NULL, &err), MEETCTL_STATUS_NULL_ARGUMENT, "webhook_out");
  CHECK(w == NULL);
  w = webhook(KEY, 0);
  EXPECT_ERR(meetctl_huawei_webhook_handle(NULL, "POST", "/", NULL, 0, NULL, 0, &a, &err),
             MEETCTL_STATUS_NULL_ARGUMENT, "webhook");
  EXPECT_ERR(meetctl_huawei_webhook_handle(w, NULL, "/", NULL, 0, NULL, 0, &a, &err),
             MEETCTL_STATUS_NULL_ARGUMENT, "method");
  EXPECT_ERR(meetctl_huawei_webhook_handle(w, "POST", "/", NULL, 2, NULL, 0, &a, &err),
             MEETCTL_STATUS_NULL_ARGUMENT, "headers");
  EXPECT_ERR(meetctl_huawei_webhook_handle(w, "POST", "/", NULL, 0, NULL, 0, NULL, &err),
             MEETCTL_STATUS_NULL_ARGUMENT, "answer_out");
  CHECK(a == NULL);
  EXPECT_ERR(meetctl_webhook_answer_take_huawei_event(NULL, &e, &err), MEETCTL_STATUS_NULL_ARGUMENT, "answer");
  EXPECT_ERR(meetctl_huawei_receiver_start(w, "localhost", NULL, &r, &err), MEETCTL_STATUS_INVALID_ARGUMENT,
             "addr");
  EXPECT_ERR(meetctl_huawei_receiver_start(NULL, NULL, NULL, &r, &err), MEETCTL_STATUS_NULL_ARGUMENT, "webhook");
  CHECK(r == NULL);
  EXPECT_ERR(meetctl_huawei_receiver_next(NULL, 0, &e, &err), MEETCTL_STATUS_NULL_ARGUMENT, "receiver");
  r = start(w);
  EXPECT_ERR(meetctl_huawei_receiver_next_for(r, NULL, 0, &e, &err), MEETCTL_STATUS_NULL_ARGUMENT, "meeting_id");
  EXPECT_ERR(meetctl_huawei_receiver_next(r, 0, NULL, &err), MEETCTL_STATUS_NULL_ARGUMENT, "event_out");
  EXPECT_ERR(meetctl_huawei_receiver_reload_tls(r, "x", "y", &err), MEETCTL_STATUS_INVALID_ARGUMENT,
             "tls.cert_chain");
  CHECK(e == NULL);
  CHECK(meetctl_huawei_receiver_get_port(NULL) == 0);
  CHECK(meetctl_huawei_receiver_get_address(NULL) == NULL);
  CHECK(meetctl_huawei_receiver_pending(NULL) == 0);
  meetctl_huawei_receiver_close(NULL);
  meetctl_huawei_receiver_free(NULL);
  meetctl_huawei_webhook_free(NULL);
  meetctl_huawei_receiver_free(r);
  meetctl_huawei_webhook_free(w);
}

/* ------------------------------------------------------------------ the receiver */

static void *close_later(void *receiver) {
  sleep_ms(200);
  meetctl_huawei_receiver_close((const meetctl_huawei_receiver *)receiver);
  return NULL;
}

static void close_from_another_thread_ends_a_wait(void) {
  meetctl_huawei_webhook *w = webhook(KEY, 0);
  meetctl_huawei_receiver *r = start(w);
  meetctl_huawei_event *e = (meetctl_huawei_event *)&e;
  pthread_t closer;
  double started;
  meetctl_huawei_webhook_free(w); /* the receiver keeps what it needs */
  if (!r) return;
  CHECK(meetctl_huawei_receiver_get_port(r) != 0);
  CHECK(strncmp(meetctl_huawei_receiver_get_address(r), "127.0.0.1:", 10) == 0);
  CHECK(pthread_create(&closer, NULL, close_later, r) == 0);
  started = now_s();
  CHECK(meetctl_huawei_receiver_next(r, 60000, &e, NULL) == MEETCTL_STATUS_OK);
  CHECK(e == NULL);
  CHECK(now_s() - started < 5.0);
  pthread_join(closer, NULL);
  meetctl_huawei_receiver_close(r); /* again: a no-op */
  meetctl_huawei_receiver_free(r);
}

/* ------------------------------------------------------------------ the emulator as the vendor */

/* Points the emulator's enterprise webhook at the receiver on `port`, signing with `key`. */
static void configure(uint16_t port, const char *key) {
  char json[256], *answer;
  snprintf(json, sizeof json,
           "{\"url\":\"http://127.0.0.1:%u/hook\",\"subscriber_id\":\"" APP_ID "\",\"subscriber_key\":\"%s\"}",
           (unsigned)port, key);
  answer = emu_admin("PUT", "/_emulator/huawei/webhook", json);
  CHECK(answer != NULL);
  free(answer);
}

/* POST /_emulator/huawei/conferences/CONFERENCE/<route> with `json`; the answer's `pid` when
 * `pid_out` is not NULL (malloc'd). */
static void conference(const char *route, const char *json, char **pid_out) {
  char path[128], *answer;
  snprintf(path, sizeof path, "/_emulator/huawei/conferences/" CONFERENCE "/%s", route);
  answer = emu_admin("POST", path, json);
  CHECK(answer != NULL);
  if (pid_out) {
    char *quoted = answer ? emu_json_get(answer, "pid") : NULL;
    size_t n = quoted ? strlen(quoted) : 0;
    *pid_out = NULL;
    if (n >= 2) {
      *pid_out = (char *)malloc(n - 1);
      if (*pid_out) {
        memcpy(*pid_out, quoted + 1, n - 2);
        (*pid_out)[n - 2] = '\0';
      }
    }
    CHECK(*pid_out != NULL);
    free(quoted);
  }
  free(answer);
}

static void wait_idle(void) {
  char *idle = emu_admin("GET", "/_emulator/huawei/webhook/idle?timeout_ms=30000", NULL);
  CHECK(idle != NULL); /* (a 504 at the timeout gives NULL) */
  free(idle);
}

static void the_emulator_delivers_join_left_and_end_once_each(void) {
  /* The default age check: the emulator signs with the current time. */
  meetctl_huawei_webhook *w = webhook(KEY, MEETCTL_HUAWEI_WEBHOOK_DEFAULT_MAX_AGE);
  meetctl_huawei_receiver *r = start(w);
  meetctl_huawei_event *e;
  char json[128], *pid = NULL;
  int joined = 0, left = 0, ended = 0;
  meetctl_huawei_webhook_free(w);
  if (!r) return;
  configure(meetctl_huawei_receiver_get_port(r), KEY);
  conference("join", "{\"name\":\"Zoe\"}", &pid);
  if (!pid) {
    meetctl_huawei_receiver_free(r);
    return;
  }
  snprintf(json, sizeof json, "{\"pid\":\"%s\"}", pid);
  conference("leave", json, NULL);
  conference("end", "{}", NULL);
  wait_idle();

  /* Everything of the conference that came, until nothing more does. */
  while ((e = next_for(r, CONFERENCE, 1000)) != NULL) {
    const meetctl_huawei_event_kind kind = meetctl_huawei_event_get_kind(e);
    const char *who = meetctl_huawei_event_get_participant_id(e);
    CHECK_STR(meetctl_huawei_event_get_meeting_id(e), CONFERENCE);
    if (kind == MEETCTL_HUAWEI_EVENT_KIND_ATTENDEE_JOINED || kind == MEETCTL_HUAWEI_EVENT_KIND_ATTENDEE_LEFT) {
      if (who && strcmp(who, pid) == 0) {
        CHECK_STR(meetctl_huawei_event_get_display_name(e), "Zoe");
        if (kind == MEETCTL_HUAWEI_EVENT_KIND_ATTENDEE_JOINED) {
          CHECK_STR(meetctl_huawei_event_get_name(e), "meeting.join");
          CHECK(left == 0 && ended == 0);
          joined++;
        } else {
          CHECK_STR(meetctl_huawei_event_get_name(e), "meeting.left");
          CHECK(joined == 1 && ended == 0);
          CHECK(meetctl_huawei_event_get_left_time_ms(e) > 0);
          left++;
        }
      }
    } else if (kind == MEETCTL_HUAWEI_EVENT_KIND_MEETING_ENDED) {
      CHECK_STR(meetctl_huawei_event_get_name(e), "meeting.end");
      CHECK(meetctl_huawei_event_get_participant_id(e) == NULL);
      ended++;
    }
    meetctl_huawei_event_free(e);
  }
  if (joined != 1 || left != 1 || ended != 1) fprintf(stderr, "  joined %d, left %d, ended %d\n", joined, left, ended);
  CHECK(joined == 1 && left == 1 && ended == 1);
  CHECK(meetctl_huawei_receiver_pending(r) == 0);
  free(pid);
  meetctl_huawei_receiver_free(r);
}

static void a_wrong_key_is_refused_and_delivers_nothing(void) {
  meetctl_huawei_webhook *w = webhook("not-the-key", MEETCTL_HUAWEI_WEBHOOK_DEFAULT_MAX_AGE);
  meetctl_huawei_receiver *r = start(w);
  meetctl_huawei_event *e = (meetctl_huawei_event *)&e;
  char *pid = NULL;
  int refused = 0, i;
  meetctl_huawei_webhook_free(w);
  if (!r) return;
  configure(meetctl_huawei_receiver_get_port(r), KEY);
  conference("join", "{\"name\":\"Xu\"}", &pid);
  /* The first attempt's answer (the emulator retries after 1, 2 and 4 s; not waited for). */
  for (i = 0; i < 100 && !refused; i++) {
    char *state = emu_state();
    char *status = state ? emu_json_get(state, "huawei.webhook.deliveries[0].status") : NULL;
    refused = status && strcmp(status, "401") == 0;
    free(status);
    free(state);
    if (!refused) sleep_ms(100);
  }
  CHECK(emu_state_is("huawei.webhook.deliveries[0].status", "401"));
  CHECK(meetctl_huawei_receiver_next(r, 500, &e, NULL) == MEETCTL_STATUS_OK);
  CHECK(e == NULL);
  CHECK(meetctl_huawei_receiver_pending(r) == 0);
  free(pid);
  meetctl_huawei_receiver_free(r);
}

/* ------------------------------------------------------------------ main */

int main(int argc, char **argv) {
  /* The emulator's base URL (only the last cases need it) is the first argument when given. */
  emu_base = argc > 1 ? argv[1] : "";
  t_only = (const char *const *)argv + (argc > 1 ? 2 : 1);
  t_only_count = argc > 1 ? argc - 2 : 0;
  RUN(verify_is_answered_with_its_nonce_and_not_delivered);
  RUN(a_signed_join_gives_its_event_once);
  RUN(refusals_say_nothing_to_the_sender);
  RUN(bad_arguments_name_the_field);
  RUN(close_from_another_thread_ends_a_wait);
  if (*emu_base) {
    RUN(a_wrong_key_is_refused_and_delivers_nothing);
    RUN(the_emulator_delivers_join_left_and_end_once_each);
  }
  return report(argv[0]);
}
