/*
 * Watching a meeting from C: meetctl_meeting_watch / meetctl_meeting_events, meetctl_watch_next,
 * meetctl_meeting_event and meetctl_watch_close, against the emulator (its base URL is the first
 * argument, as scripts/test-c.sh passes it; demo scenario).
 *
 * - The Tencent meeting 1242152152161 (app 210000001, operator alice by userid) watched by polling
 *   only, every 100 ms: the roster's initial joins, then Zoe joins (emulator admin), is muted
 *   through meetctl_meeting_control (on the event's own participant list), leaves, and the meeting
 *   ends: joined, changed (audio_muted), left, ended, then finished; the roster matches along the
 *   way (as crates/meetctl/tests/watch_tencent.rs).
 * - meetctl_watch_close from a second thread ends a next() blocked there promptly.
 * - A receiver given in the options: meetctl_meeting_events (push only) delivers the pushed join
 *   and leave; freeing the receiver ends that watch with MEETCTL_STATUS_CONNECTION, once.
 * - NULL and bad arguments: the invalid-argument statuses naming the field; nothing written.
 * - The Huawei conference 914083136: initial joins, a mute seen as a change (skipped with a
 *   message if meetctl_meeting_watch answers MEETCTL_STATUS_UNSUPPORTED for Huawei, as builds
 *   before its watch did).
 * - The Huawei conference over its WebSocket, the whole meeting: the initial joins (origin INITIAL)
 *   are the roster, which is the listing; Zoe joins (emulator admin; a PUSHED join) and is muted
 *   through meetctl_meeting_control with the event's own participant (a change naming audio_muted
 *   only), raises her hand (hand_raised only), leaves, and the conference ends: ENDED, then next()
 *   gives OK with NULL, the watch is finished and its roster empty. The conference's own notices
 *   (OTHER) are skipped; nothing else may come in between.
 * - The Huawei socket dropped mid-meeting (ws/refuse 2, ws/drop): Yan joins, Zoe raises her hand,
 *   Xu joins and leaves meanwhile; a GAP with a reason comes first, then only RESYNC events, among
 *   them Yan's join and Zoe's hand; Xu is never seen; the emulator accepted two sockets or more.
 *   Every wait of the Huawei cases fails after 10 s.
 *
 * The cases share one emulator and run in order; the last Huawei case ends the conference, the
 * last case the Tencent meeting.
 *
 * Usage: test_watch BASE_URL [CASE...]   (only the named cases when some are given)
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../common/emulator.h"
#include "meetctl.h"

#define TENCENT_MEETING "1242152152161"
#define APP "210000001"
#define TOKEN "bVPU6F8Htxl5XkAbp3jGV2xWp"
#define CONF "914083136"
#define HOST_PWD "157599"

/* Long enough for a run under valgrind. */
#define WAIT_S 20.0

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
#define EXPECT_ERR(call, err, want_status, want_field)             \
  do {                                                             \
    meetctl_status st_ = (call);                                   \
    expect_err(__LINE__, st_, (err), (want_status), (want_field)); \
    (err) = NULL;                                                  \
  } while (0)

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static meetctl_config *config(void) {
  meetctl_config *cfg = meetctl_config_new();
  CHECK(meetctl_config_set_base_url(cfg, emu_base, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_config_disable_proxy(cfg, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_config_set_timeout_ms(cfg, 10000, NULL) == MEETCTL_STATUS_OK);
  return cfg;
}

/* The demo's Tencent meeting, operated by alice (by userid, on iOS). */
static meetctl_meeting *tencent_meeting(void) {
  const meetctl_tencent_user alice = {MEETCTL_ID_KIND_USERID, "alice", MEETCTL_INSTANCE_IOS};
  meetctl_config *cfg = config();
  meetctl_tencent_client *c = NULL;
  meetctl_meeting *m = NULL;
  CHECK(meetctl_tencent_client_new_enterprise(cfg, APP, "AKIDdemo0001", "demo-secret-key-0001", NULL, &c, NULL) ==
        MEETCTL_STATUS_OK);
  CHECK(meetctl_meeting_new_tencent(c, TENCENT_MEETING, &alice, &m, NULL) == MEETCTL_STATUS_OK);
  meetctl_tencent_client_free(c);
  meetctl_config_free(cfg);
  return m;
}

/* The demo's Huawei conference, opened with the host password. */
static meetctl_meeting *huawei_meeting(void) {
  meetctl_config *cfg = config();
  meetctl_huawei_client *c = NULL;
  meetctl_huawei_conference *conf = NULL;
  meetctl_meeting *m = NULL;
  CHECK(meetctl_huawei_client_new(cfg, &c, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_huawei_conference_new_with_password(c, CONF, HOST_PWD, &conf, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_meeting_new_huawei(conf, &m, NULL) == MEETCTL_STATUS_OK);
  meetctl_huawei_conference_free(conf);
  meetctl_huawei_client_free(c);
  meetctl_config_free(cfg);
  return m;
}

/* A watch of `m` polling every 100 ms (NULL when it could not start; the error printed). */
static meetctl_watch *watch_polling(const meetctl_meeting *m) {
  meetctl_watch_options o;
  meetctl_watch *w = NULL;
  meetctl_error *err = NULL;
  memset(&o, 0, sizeof o);
  o.poll_interval_ms = 100;
  if (meetctl_meeting_watch(m, &o, &w, &err) != MEETCTL_STATUS_OK) {
    fprintf(stderr, "  watch: %s\n", meetctl_error_get_description(err));
    t_case_failed = 1;
  }
  meetctl_error_free(err);
  return w;
}

/* The display name of the event's participant ("" when none). */
static const char *who(const meetctl_meeting_event *e) {
  const char *name = meetctl_participant_list_get_name(meetctl_meeting_event_get_participant(e), 0);
  return name ? name : "";
}

/* The next event of kind `kind` about `name` (any participant when NULL), within WAIT_S; the
 * events before it are freed, and a gap among them fails the case. NULL on a timeout (printed). */
static meetctl_meeting_event *take_until(const meetctl_watch *w, meetctl_meeting_event_kind kind, const char *name) {
  const double deadline = now_s() + WAIT_S;
  while (now_s() < deadline) {
    meetctl_meeting_event *e = NULL;
    meetctl_error *err = NULL;
    meetctl_status st = meetctl_watch_next(w, 200, &e, &err);
    if (st != MEETCTL_STATUS_OK) {
      fprintf(stderr, "  next: %s\n", meetctl_error_get_description(err));
      meetctl_error_free(err);
      t_case_failed = 1;
      return NULL;
    }
    if (!e) {
      if (meetctl_watch_is_finished(w)) break;
      continue;
    }
    if (meetctl_meeting_event_get_kind(e) == kind && (!name || strcmp(who(e), name) == 0)) return e;
    if (meetctl_meeting_event_get_kind(e) == MEETCTL_MEETING_EVENT_KIND_GAP) {
      fprintf(stderr, "  unexpected gap: %s\n", meetctl_meeting_event_get_json(e));
      t_case_failed = 1;
    }
    meetctl_meeting_event_free(e);
  }
  fprintf(stderr, "  no %s event about %s came\n", meetctl_meeting_event_kind_name((uint32_t)kind),
          name ? name : "anyone");
  t_case_failed = 1;
  return NULL;
}

/* Index of participant `id` in `list`, or -1. */
static long index_of(const meetctl_participant_list *list, const char *id) {
  size_t i;
  for (i = 0; i < meetctl_participant_list_len(list); i++) {
    if (id && strcmp(meetctl_participant_list_get_id(list, i), id) == 0) return (long)i;
  }
  return -1;
}

/* An emulator admin call on the Tencent meeting (`route`: join, leave, end) answering `want`: true. */
static void drive(const char *route, const char *json, const char *want) {
  char path[128], *body, *got;
  snprintf(path, sizeof path, "/_emulator/tencent/meetings/%s/%s", TENCENT_MEETING, route);
  body = emu_admin("POST", path, json);
  CHECK(body != NULL);
  got = body ? emu_json_get(body, want) : NULL;
  CHECK_STR(got, "true");
  free(got);
  free(body);
}

#define ZOE_JOINS "{\"userid\":\"zoe\",\"ms_open_id\":\"ms-zoe\",\"instanceid\":1,\"name\":\"Zoe\"}"

/* ------------------------------------------------------------------ cases */

static void bad_arguments_name_the_field(void) {
  meetctl_meeting *m = tencent_meeting();
  meetctl_watch *w = NULL;
  meetctl_watch *untouched = (meetctl_watch *)&untouched;
  meetctl_meeting_event *e = NULL;
  meetctl_participant_list *list = NULL;
  meetctl_error *err = NULL;
  meetctl_watch_options o;
  const meetctl_status NUL = MEETCTL_STATUS_NULL_ARGUMENT, INVALID = MEETCTL_STATUS_INVALID_ARGUMENT;

  EXPECT_ERR(meetctl_meeting_watch(NULL, NULL, &untouched, &err), err, NUL, "meeting");
  EXPECT_ERR(meetctl_meeting_events(NULL, NULL, &untouched, &err), err, NUL, "meeting");
  EXPECT_ERR(meetctl_meeting_watch(m, NULL, NULL, &err), err, NUL, "watch_out");
  memset(&o, 0, sizeof o);
  o.poll_interval_ms = 10;
  EXPECT_ERR(meetctl_meeting_watch(m, &o, &untouched, &err), err, INVALID, "options.poll_interval_ms");
  o.poll_interval_ms = 300001;
  EXPECT_ERR(meetctl_meeting_watch(m, &o, &untouched, &err), err, INVALID, "options.poll_interval_ms");
  memset(&o, 0, sizeof o);
  o.queue = 5;
  EXPECT_ERR(meetctl_meeting_watch(m, &o, &untouched, &err), err, INVALID, "options.queue");
  /* Push only with nothing to push from. */
  EXPECT_ERR(meetctl_meeting_events(m, NULL, &untouched, &err), err, INVALID, "options.tencent_receiver");
  memset(&o, 0, sizeof o);
  o.no_poll = true;
  EXPECT_ERR(meetctl_meeting_watch(m, &o, &untouched, &err), err, INVALID, "options.tencent_receiver");
  CHECK(untouched == (meetctl_watch *)&untouched);

  EXPECT_ERR(meetctl_watch_next(NULL, 0, &e, &err), err, NUL, "watch");
  EXPECT_ERR(meetctl_watch_roster(NULL, &list, &err), err, NUL, "watch");
  w = watch_polling(m);
  if (w) {
    EXPECT_ERR(meetctl_watch_next(w, 0, NULL, &err), err, NUL, "event_out");
    EXPECT_ERR(meetctl_watch_roster(w, NULL, &err), err, NUL, "list_out");
  }
  CHECK(e == NULL && list == NULL);

  /* Getters and frees take NULL. */
  CHECK(!meetctl_watch_is_finished(NULL));
  meetctl_watch_close(NULL);
  meetctl_watch_free(NULL);
  CHECK(meetctl_meeting_event_get_kind(NULL) == MEETCTL_MEETING_EVENT_KIND_NONE);
  CHECK(meetctl_meeting_event_get_origin(NULL) == MEETCTL_EVENT_ORIGIN_NONE);
  CHECK(meetctl_meeting_event_get_participant(NULL) == NULL && meetctl_meeting_event_get_before(NULL) == NULL);
  CHECK(meetctl_meeting_event_changed_len(NULL) == 0 && meetctl_meeting_event_get_changed(NULL, 0) == -1);
  CHECK(meetctl_meeting_event_get_reason(NULL) == NULL && meetctl_meeting_event_get_name(NULL) == NULL);
  CHECK(meetctl_meeting_event_get_raw_json(NULL) == NULL && meetctl_meeting_event_get_json(NULL) == NULL);
  meetctl_meeting_event_free(NULL);
  CHECK_STR(meetctl_meeting_event_kind_name(MEETCTL_MEETING_EVENT_KIND_CHANGED), "changed");
  CHECK(meetctl_meeting_event_kind_name(0) == NULL && meetctl_meeting_event_kind_name(99) == NULL);
  CHECK_STR(meetctl_participant_field_name(MEETCTL_PARTICIPANT_FIELD_AUDIO_MUTED), "audio_muted");
  CHECK(meetctl_participant_field_name(0) == NULL);

  meetctl_watch_free(w);
  meetctl_meeting_free(m);
}

/* The closer: sleeps, then closes the watch from this second thread. */
struct closer_job {
  const meetctl_watch *watch;
  double closed_at;
};

static void *close_later(void *arg) {
  struct closer_job *job = (struct closer_job *)arg;
  const struct timespec pause = {0, 300 * 1000 * 1000};
  nanosleep(&pause, NULL);
  job->closed_at = now_s();
  meetctl_watch_close(job->watch);
  return NULL;
}

static void close_from_another_thread_ends_a_blocked_next(void) {
  meetctl_meeting *m = tencent_meeting();
  meetctl_watch *w = m ? watch_polling(m) : NULL;
  meetctl_meeting_event *e = NULL;
  struct closer_job job;
  pthread_t thread;
  double started, ended;
  int joins = 0;

  if (!w) {
    meetctl_meeting_free(m);
    return;
  }
  /* The initial joins are queued already; then nothing happens in the meeting. */
  while (meetctl_watch_next(w, 0, &e, NULL) == MEETCTL_STATUS_OK && e) {
    joins++;
    meetctl_meeting_event_free(e);
    e = NULL;
  }
  CHECK(joins == 6);
  job.watch = w;
  job.closed_at = 0;
  CHECK(pthread_create(&thread, NULL, close_later, &job) == 0);
  started = now_s();
  e = (meetctl_meeting_event *)&e; /* must be overwritten with NULL */
  CHECK(meetctl_watch_next(w, 60000, &e, NULL) == MEETCTL_STATUS_OK);
  ended = now_s();
  CHECK(e == NULL);
  CHECK(pthread_join(thread, NULL) == 0);
  /* Promptly: well within a second of the close, and long before the timeout. */
  CHECK(job.closed_at > 0 && ended - job.closed_at < 2.0);
  CHECK(ended - started < 10.0);
  CHECK(meetctl_watch_is_finished(w));
  /* Later calls return at once, with nothing; closing again is a no-op. */
  started = now_s();
  CHECK(meetctl_watch_next(w, 5000, &e, NULL) == MEETCTL_STATUS_OK && e == NULL);
  CHECK(now_s() - started < 1.0);
  meetctl_watch_close(w);
  meetctl_watch_free(w);
  meetctl_meeting_free(m);
}

/* A receiver in the options: meetctl_meeting_events (push only) delivers Zoe's pushed join and
 * leave; freeing the receiver before the watch is safe (the watch keeps its own reference) and ends
 * the push-only watch with a connection error, once. */
static void a_receiver_in_the_options_pushes_joins(void) {
  meetctl_meeting *m = tencent_meeting();
  meetctl_tencent_webhook *hook = NULL;
  meetctl_tencent_receiver *r = NULL;
  meetctl_watch *w = NULL;
  meetctl_meeting_event *e;
  meetctl_watch_options o;
  meetctl_error *err = NULL;
  char subscription[256], *answer, *verified;

  CHECK(meetctl_tencent_webhook_new(TOKEN, NULL, MEETCTL_TENCENT_WEBHOOK_DEFAULT_MAX_AGE, &hook, NULL) ==
        MEETCTL_STATUS_OK);
  CHECK(meetctl_tencent_receiver_start(hook, NULL, NULL, &r, NULL) == MEETCTL_STATUS_OK);
  meetctl_tencent_webhook_free(hook);
  if (!r || !m) {
    meetctl_tencent_receiver_free(r);
    meetctl_meeting_free(m);
    return;
  }
  /* No retries: after this case the receiver is gone. */
  snprintf(subscription, sizeof subscription,
           "{\"url\":\"http://127.0.0.1:%u/hook\",\"token\":\"" TOKEN "\",\"retry_delays_ms\":[]}",
           (unsigned)meetctl_tencent_receiver_get_port(r));
  answer = emu_admin("PUT", "/_emulator/tencent/apps/" APP "/webhook", subscription);
  verified = answer ? emu_json_get(answer, "subscription.verified") : NULL;
  CHECK_STR(verified, "true");
  free(verified);
  free(answer);

  memset(&o, 0, sizeof o);
  o.tencent_receiver = r;
  if (meetctl_meeting_events(m, &o, &w, &err) != MEETCTL_STATUS_OK) {
    fprintf(stderr, "  events: %s\n", meetctl_error_get_description(err));
    t_case_failed = 1;
  }
  meetctl_error_free(err);
  if (w) {
    drive("join", ZOE_JOINS, "joined");
    e = take_until(w, MEETCTL_MEETING_EVENT_KIND_JOINED, "Zoe");
    if (!e) e = take_until(w, MEETCTL_MEETING_EVENT_KIND_JOINED, NULL); /* (a pushed join may carry no name) */
    CHECK(e != NULL);
    if (e) {
      const meetctl_participant_list *p = meetctl_meeting_event_get_participant(e);
      CHECK(meetctl_meeting_event_get_origin(e) == MEETCTL_EVENT_ORIGIN_PUSHED);
      CHECK(meetctl_participant_list_len(p) == 1);
      CHECK(meetctl_participant_list_get_vendor(p, 0) == MEETCTL_VENDOR_TENCENT);
      CHECK(meetctl_meeting_event_get_json(e) != NULL && meetctl_meeting_event_get_raw_json(e) != NULL);
      meetctl_meeting_event_free(e);
    }
    drive("leave", "{\"ms_open_id\":\"ms-zoe\"}", "left");
    e = take_until(w, MEETCTL_MEETING_EVENT_KIND_LEFT, NULL);
    CHECK(e != NULL && meetctl_meeting_event_get_origin(e) == MEETCTL_EVENT_ORIGIN_PUSHED);
    meetctl_meeting_event_free(e);
  }
  /* The receiver first (that closes it), then the watch: a watch that only reads pushes ends with
   * MEETCTL_STATUS_CONNECTION, given once, and is finished after it. */
  meetctl_tencent_receiver_free(r);
  if (w) {
    const double deadline = now_s() + WAIT_S;
    meetctl_status st = MEETCTL_STATUS_OK;
    int failures = 0;
    while (now_s() < deadline && !meetctl_watch_is_finished(w)) {
      e = NULL;
      err = NULL;
      st = meetctl_watch_next(w, 200, &e, &err);
      if (st != MEETCTL_STATUS_OK) {
        failures++;
        CHECK(st == MEETCTL_STATUS_CONNECTION && err != NULL && e == NULL);
        CHECK(meetctl_error_get_kind(err) == MEETCTL_ERROR_KIND_CONNECTION);
      }
      meetctl_error_free(err);
      meetctl_meeting_event_free(e);
    }
    CHECK(failures == 1);
    CHECK(meetctl_watch_is_finished(w));
    e = (meetctl_meeting_event *)&e;
    CHECK(meetctl_watch_next(w, 0, &e, NULL) == MEETCTL_STATUS_OK && e == NULL);
  }
  meetctl_watch_free(w);
  meetctl_meeting_free(m);
  /* Unsubscribe, so that the emulator pushes nothing to the port any more. */
  answer = emu_admin("DELETE", "/_emulator/tencent/apps/" APP "/webhook", NULL);
  free(answer);
}

/* The whole story by polling only: initial joins, join, mute, leave, end, finished. */
static void polling_sees_join_mute_leave_and_end(void) {
  meetctl_meeting *m = tencent_meeting();
  meetctl_watch *w = m ? watch_polling(m) : NULL;
  meetctl_participant_list *roster = NULL, *now = NULL, *listed = NULL;
  meetctl_meeting_event *e = NULL, *joined = NULL;
  meetctl_error *err = NULL;
  char *zoe_id = NULL;
  size_t i, n;

  if (!w) {
    meetctl_meeting_free(m);
    return;
  }
  /* The roster the watch starts from is read before it returns, and arrives as joins, in order. */
  CHECK(meetctl_watch_roster(w, &roster, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_meeting_participants(m, &listed, NULL) == MEETCTL_STATUS_OK);
  n = meetctl_participant_list_len(roster);
  CHECK(n == 6);
  CHECK(meetctl_participant_list_len(listed) == n);
  for (i = 0; i < n; i++) {
    const meetctl_participant_list *p;
    CHECK_STR(meetctl_participant_list_get_id(listed, i), meetctl_participant_list_get_id(roster, i));
    e = NULL;
    CHECK(meetctl_watch_next(w, 0, &e, NULL) == MEETCTL_STATUS_OK && e != NULL);
    if (!e) break;
    p = meetctl_meeting_event_get_participant(e);
    CHECK(meetctl_meeting_event_get_kind(e) == MEETCTL_MEETING_EVENT_KIND_JOINED);
    CHECK(meetctl_meeting_event_get_origin(e) == MEETCTL_EVENT_ORIGIN_INITIAL);
    CHECK(meetctl_meeting_event_get_before(e) == NULL && meetctl_meeting_event_changed_len(e) == 0);
    CHECK_STR(meetctl_participant_list_get_id(p, 0), meetctl_participant_list_get_id(roster, i));
    CHECK(meetctl_participant_list_get_id(p, 1) == NULL);
    CHECK_STR(meetctl_meeting_event_get_raw_json(e), "null");
    meetctl_meeting_event_free(e);
  }
  meetctl_participant_list_free(listed);
  meetctl_participant_list_free(roster);

  /* Zoe joins. */
  drive("join", ZOE_JOINS, "joined");
  joined = take_until(w, MEETCTL_MEETING_EVENT_KIND_JOINED, "Zoe");
  if (joined) {
    const meetctl_participant_list *zoe = meetctl_meeting_event_get_participant(joined);
    const char *id = meetctl_participant_list_get_id(zoe, 0);
    CHECK(meetctl_participant_list_get_audio_muted(zoe, 0) == 0);
    CHECK(meetctl_participant_list_get_controllable(zoe, 0) == 1);
    CHECK(strstr(meetctl_meeting_event_get_json(joined), "\"kind\":\"joined\"") != NULL);
    zoe_id = id ? strdup(id) : NULL;
    CHECK(meetctl_watch_roster(w, &now, NULL) == MEETCTL_STATUS_OK);
    CHECK(index_of(now, zoe_id) >= 0);
    meetctl_participant_list_free(now);
    now = NULL;
    /* Muted through the event's own participant: the one the controls take. */
    if (meetctl_meeting_control(m, MEETCTL_MEETING_OPERATION_MUTE, zoe, 0, NULL, &err) != MEETCTL_STATUS_OK) {
      fprintf(stderr, "  mute: %s\n", meetctl_error_get_description(err));
      t_case_failed = 1;
    }
    meetctl_error_free(err);
    err = NULL;
    meetctl_meeting_event_free(joined);
  }

  /* The mute is polled as a change of audio_muted. */
  e = take_until(w, MEETCTL_MEETING_EVENT_KIND_CHANGED, "Zoe");
  if (e) {
    const meetctl_participant_list *after = meetctl_meeting_event_get_participant(e);
    const meetctl_participant_list *before = meetctl_meeting_event_get_before(e);
    const char *json = meetctl_meeting_event_get_json(e);
    CHECK(meetctl_meeting_event_get_origin(e) == MEETCTL_EVENT_ORIGIN_POLLED);
    CHECK(meetctl_meeting_event_changed_len(e) == 1);
    CHECK(meetctl_meeting_event_get_changed(e, 0) == MEETCTL_PARTICIPANT_FIELD_AUDIO_MUTED);
    CHECK(meetctl_meeting_event_get_changed(e, 1) == -1);
    CHECK(before != NULL && after != NULL);
    CHECK(meetctl_participant_list_get_audio_muted(before, 0) == 0);
    CHECK(meetctl_participant_list_get_audio_muted(after, 0) == 1);
    CHECK_STR(meetctl_participant_list_get_id(before, 0), zoe_id);
    CHECK_STR(meetctl_participant_list_get_id(after, 0), zoe_id);
    CHECK(json && strstr(json, "\"changed\":[\"audio_muted\"]") != NULL);
    CHECK(meetctl_meeting_event_get_reason(e) == NULL && meetctl_meeting_event_get_name(e) == NULL);
    meetctl_meeting_event_free(e);
    /* The roster has her muted. */
    CHECK(meetctl_watch_roster(w, &now, NULL) == MEETCTL_STATUS_OK);
    if (now && index_of(now, zoe_id) >= 0)
      CHECK(meetctl_participant_list_get_audio_muted(now, (size_t)index_of(now, zoe_id)) == 1);
    else
      CHECK(!"Zoe is in the roster");
    meetctl_participant_list_free(now);
    now = NULL;
  }

  /* She leaves. */
  drive("leave", "{\"ms_open_id\":\"ms-zoe\"}", "left");
  e = take_until(w, MEETCTL_MEETING_EVENT_KIND_LEFT, "Zoe");
  if (e) {
    CHECK_STR(meetctl_participant_list_get_id(meetctl_meeting_event_get_participant(e), 0), zoe_id);
    CHECK(meetctl_meeting_event_get_origin(e) == MEETCTL_EVENT_ORIGIN_POLLED);
    meetctl_meeting_event_free(e);
  }
  CHECK(meetctl_watch_roster(w, &now, NULL) == MEETCTL_STATUS_OK);
  CHECK(index_of(now, zoe_id) < 0 && meetctl_participant_list_len(now) == 6);
  meetctl_participant_list_free(now);
  now = NULL;

  /* The meeting ends: the end, then the watch is finished with an empty roster. */
  CHECK(!meetctl_watch_is_finished(w));
  drive("end", NULL, "ended");
  e = take_until(w, MEETCTL_MEETING_EVENT_KIND_ENDED, NULL);
  CHECK(e != NULL);
  meetctl_meeting_event_free(e);
  e = (meetctl_meeting_event *)&e;
  CHECK(meetctl_watch_next(w, 50, &e, NULL) == MEETCTL_STATUS_OK && e == NULL);
  CHECK(meetctl_watch_is_finished(w));
  CHECK(meetctl_watch_roster(w, &now, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_participant_list_len(now) == 0);
  meetctl_participant_list_free(now);

  free(zoe_id);
  meetctl_watch_free(w);
  meetctl_meeting_free(m);
}

/* ------------------------------------------------------------------ Huawei */

/* HUAWEI WATCH: the conference 914083136 watched through its WebSocket: the initial roster as
 * joins, then a mute through meetctl_meeting_control seen as a change of audio_muted. Skipped (with
 * a message) when meetctl_meeting_watch answers MEETCTL_STATUS_UNSUPPORTED for Huawei, as it did
 * before the Huawei watch was in. */
static void huawei_watch_sees_the_roster_and_a_mute(void) {
  meetctl_meeting *m = huawei_meeting();
  meetctl_watch *w = NULL;
  meetctl_participant_list *roster = NULL;
  meetctl_meeting_event *e = NULL;
  meetctl_error *err = NULL;
  meetctl_status st;
  char *target = NULL;
  size_t i, n;

  if (!m) return;
  st = meetctl_meeting_watch(m, NULL, &w, &err);
  if (st == MEETCTL_STATUS_UNSUPPORTED) {
    printf("  skip: Huawei watch: meetctl_meeting_watch answers MEETCTL_STATUS_UNSUPPORTED (%s)\n",
           meetctl_error_get_description(err));
    CHECK(w == NULL);
    CHECK(meetctl_error_get_vendor(err) == MEETCTL_VENDOR_HUAWEI);
    meetctl_error_free(err);
    meetctl_meeting_free(m);
    return;
  }
  if (st != MEETCTL_STATUS_OK) {
    fprintf(stderr, "  huawei watch: %s\n", meetctl_error_get_description(err));
    t_case_failed = 1;
    meetctl_error_free(err);
    meetctl_meeting_free(m);
    return;
  }
  /* Wait for the initial roster, then each one's join. */
  {
    const double deadline = now_s() + WAIT_S;
    do {
      meetctl_participant_list_free(roster);
      roster = NULL;
      CHECK(meetctl_watch_roster(w, &roster, NULL) == MEETCTL_STATUS_OK);
    } while (meetctl_participant_list_len(roster) == 0 && now_s() < deadline);
  }
  n = meetctl_participant_list_len(roster);
  CHECK(n > 0);
  for (i = 0; i < n; i++) {
    e = take_until(w, MEETCTL_MEETING_EVENT_KIND_JOINED, NULL);
    if (!e) break;
    CHECK(meetctl_participant_list_get_vendor(meetctl_meeting_event_get_participant(e), 0) == MEETCTL_VENDOR_HUAWEI);
    meetctl_meeting_event_free(e);
  }
  /* Mute the first participant not yet muted, and see it. */
  for (i = 0; i < n && !target; i++) {
    if (meetctl_participant_list_get_audio_muted(roster, i) == 0) {
      target = strdup(meetctl_participant_list_get_id(roster, i));
      CHECK(meetctl_meeting_control(m, MEETCTL_MEETING_OPERATION_MUTE, roster, i, NULL, NULL) == MEETCTL_STATUS_OK);
    }
  }
  if (target) {
    const double deadline = now_s() + WAIT_S;
    int seen = 0;
    while (!seen && now_s() < deadline) {
      e = take_until(w, MEETCTL_MEETING_EVENT_KIND_CHANGED, NULL);
      if (!e) break;
      if (strcmp(meetctl_participant_list_get_id(meetctl_meeting_event_get_participant(e), 0), target) == 0) {
        size_t k;
        for (k = 0; k < meetctl_meeting_event_changed_len(e); k++)
          if (meetctl_meeting_event_get_changed(e, k) == MEETCTL_PARTICIPANT_FIELD_AUDIO_MUTED) seen = 1;
      }
      meetctl_meeting_event_free(e);
    }
    CHECK(seen);
  }
  free(target);
  meetctl_participant_list_free(roster);
  meetctl_watch_close(w);
  meetctl_watch_free(w);
  meetctl_meeting_free(m);
}

/* ------------------------------------------------------------------ Huawei: the whole meeting */

/* Every wait of the Huawei cases below fails after this long rather than hang. */
#define HW_WAIT_S 10.0

/* An emulator admin call on the conference (`route` under /_emulator/huawei/conferences/CONF/):
 * the JSON text of member `key` of its answer (free it); NULL, the case failed, when the call failed
 * or the answer has no such member. */
static char *hw_admin(const char *method, const char *route, const char *json, const char *key) {
  char path[160], *body, *got;
  snprintf(path, sizeof path, "/_emulator/huawei/conferences/%s/%s", CONF, route);
  body = emu_admin(method, path, json);
  got = body ? emu_json_get(body, key) : NULL;
  if (!got) {
    fprintf(stderr, "  admin %s %s: no \"%s\" in %s\n", method, path, key, body ? body : "(no answer)");
    t_case_failed = 1;
  }
  free(body);
  return got;
}

/* A POST on the conference whose answer's `key` is the JSON text `want`. */
static void hw_drive(const char *route, const char *json, const char *key, const char *want) {
  char *got = hw_admin("POST", route, json, key);
  CHECK_STR(got, want);
  free(got);
}

/* `name` joins the conference (emulator admin): the participant's id as the library gives it,
 * "huawei:<pid>" (free it; the pid is what follows "huawei:"); NULL, the case failed, on a failure. */
static char *hw_join(const char *name) {
  char json[128], *pid, *id = NULL;
  size_t n;
  snprintf(json, sizeof json, "{\"name\":\"%s\"}", name);
  pid = hw_admin("POST", "join", json, "pid");
  n = pid ? strlen(pid) : 0;
  CHECK(n > 2 && pid[0] == '"' && pid[n - 1] == '"');
  if (n > 2 && pid[0] == '"' && pid[n - 1] == '"') {
    id = (char *)malloc(n + 8);
    if (id) snprintf(id, n + 8, "huawei:%.*s", (int)(n - 2), pid + 1);
  }
  free(pid);
  return id;
}

/* Raises or lowers the hand of the participant `id` ("huawei:<pid>"). */
static void hw_hand(const char *id, int raised) {
  char json[160];
  snprintf(json, sizeof json, "{\"pid\":\"%s\",\"raised\":%s}", id ? id + 7 : "", raised ? "true" : "false");
  hw_drive("hand", json, "ok", "true");
}

/* The participant `id` ("huawei:<pid>") leaves. */
static void hw_leave(const char *id) {
  char json[128];
  snprintf(json, sizeof json, "{\"pid\":\"%s\"}", id ? id + 7 : "");
  hw_drive("leave", json, "left", "true");
}

/* The id of the event's participant (NULL when it is about no one). */
static const char *event_id(const meetctl_meeting_event *e) {
  return meetctl_participant_list_get_id(meetctl_meeting_event_get_participant(e), 0);
}

static int same(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

/* Whether `field` is the one and only field the CHANGED event `e` names. */
static int changed_only(const meetctl_meeting_event *e, meetctl_participant_field field) {
  return meetctl_meeting_event_changed_len(e) == 1 && meetctl_meeting_event_get_changed(e, 0) == (int32_t)field &&
         meetctl_meeting_event_get_changed(e, 1) == -1;
}

/* The next event that is not one of the conference's own notices (kind OTHER, skipped: each has a
 * name), waiting until `deadline` (now_s()); NULL, the case failed (what was awaited printed), when
 * none came by then, the watch finished first, or next() failed. */
static meetctl_meeting_event *hw_next(const meetctl_watch *w, double deadline, const char *awaited) {
  while (now_s() < deadline) {
    meetctl_meeting_event *e = NULL;
    meetctl_error *err = NULL;
    if (meetctl_watch_next(w, 200, &e, &err) != MEETCTL_STATUS_OK) {
      fprintf(stderr, "  next (awaiting %s): %s\n", awaited, meetctl_error_get_description(err));
      meetctl_error_free(err);
      t_case_failed = 1;
      return NULL;
    }
    if (!e) {
      if (meetctl_watch_is_finished(w)) {
        fprintf(stderr, "  the watch finished while awaiting %s\n", awaited);
        t_case_failed = 1;
        return NULL;
      }
      continue;
    }
    if (meetctl_meeting_event_get_kind(e) != MEETCTL_MEETING_EVENT_KIND_OTHER) return e;
    CHECK(meetctl_meeting_event_get_name(e) != NULL);
    meetctl_meeting_event_free(e);
  }
  fprintf(stderr, "  no %s within %.0f s\n", awaited, HW_WAIT_S);
  t_case_failed = 1;
  return NULL;
}

/* The next event (OTHER skipped), which must be of `kind` and `origin` about the participant `id`
 * (anyone when NULL), within HW_WAIT_S: it, or NULL (the case failed; a wrong event printed, freed). */
static meetctl_meeting_event *hw_expect(const meetctl_watch *w, meetctl_meeting_event_kind kind,
                                        meetctl_event_origin origin, const char *id) {
  char awaited[160];
  meetctl_meeting_event *e;
  snprintf(awaited, sizeof awaited, "%s event about %s", meetctl_meeting_event_kind_name((uint32_t)kind),
           id ? id : "anyone");
  e = hw_next(w, now_s() + HW_WAIT_S, awaited);
  if (e && (meetctl_meeting_event_get_kind(e) != kind || meetctl_meeting_event_get_origin(e) != origin ||
            (id && !same(event_id(e), id)))) {
    fprintf(stderr, "  awaiting a %s (origin %d), came: %s\n", awaited, (int)origin, meetctl_meeting_event_get_json(e));
    t_case_failed = 1;
    meetctl_meeting_event_free(e);
    e = NULL;
  }
  return e;
}

/* A watch of the conference (default options) with its initial joins taken: the roster it starts
 * from is the conference's listing (same ids), and the first events (OTHER skipped) are one join
 * per roster entry, in the roster's order, each with origin INITIAL. NULL, the case failed, when the
 * watch could not start. */
static meetctl_watch *hw_watch_started(const meetctl_meeting *m) {
  meetctl_watch *w = NULL;
  meetctl_participant_list *roster = NULL, *listed = NULL;
  meetctl_error *err = NULL;
  size_t i, n;

  if (meetctl_meeting_watch(m, NULL, &w, &err) != MEETCTL_STATUS_OK) {
    fprintf(stderr, "  huawei watch: %s\n", meetctl_error_get_description(err));
    meetctl_error_free(err);
    t_case_failed = 1;
    return NULL;
  }
  CHECK(!meetctl_watch_is_finished(w));
  CHECK(meetctl_watch_roster(w, &roster, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_meeting_participants(m, &listed, NULL) == MEETCTL_STATUS_OK);
  n = meetctl_participant_list_len(roster);
  CHECK(n > 0);
  CHECK(meetctl_participant_list_len(listed) == n);
  for (i = 0; i < meetctl_participant_list_len(listed); i++)
    CHECK(index_of(roster, meetctl_participant_list_get_id(listed, i)) >= 0);
  for (i = 0; i < n; i++) {
    const char *id = meetctl_participant_list_get_id(roster, i);
    meetctl_meeting_event *e = hw_expect(w, MEETCTL_MEETING_EVENT_KIND_JOINED, MEETCTL_EVENT_ORIGIN_INITIAL, id);
    const meetctl_participant_list *p;
    if (!e) break;
    p = meetctl_meeting_event_get_participant(e);
    CHECK(meetctl_participant_list_len(p) == 1);
    CHECK(meetctl_participant_list_get_vendor(p, 0) == MEETCTL_VENDOR_HUAWEI);
    CHECK(strncmp(meetctl_participant_list_get_id(p, 0), "huawei:", 7) == 0);
    CHECK(meetctl_meeting_event_get_before(e) == NULL && meetctl_meeting_event_changed_len(e) == 0);
    meetctl_meeting_event_free(e);
  }
  meetctl_participant_list_free(listed);
  meetctl_participant_list_free(roster);
  return w;
}

/* HUAWEI WATCH, the whole meeting: the initial joins; Zoe joins (pushed) and is muted through
 * meetctl_meeting_control with the event's own participant (a change of audio_muted); she raises
 * her hand (a change of hand_raised); she leaves; the conference ends: ENDED, then nothing, the
 * watch finished and the roster empty. No gap on the way. Ends the conference. */
static void huawei_watch_join_mute_hand_leave_end(void) {
  meetctl_meeting *m = huawei_meeting();
  meetctl_watch *w = m ? hw_watch_started(m) : NULL;
  meetctl_participant_list *now = NULL;
  meetctl_meeting_event *e;
  meetctl_error *err = NULL;
  char *zoe = NULL;
  long at;

  if (!w) {
    meetctl_meeting_free(m);
    return;
  }

  /* Zoe joins: pushed, with her name; muted through the event's own participant list. */
  zoe = hw_join("Zoe");
  e = zoe ? hw_expect(w, MEETCTL_MEETING_EVENT_KIND_JOINED, MEETCTL_EVENT_ORIGIN_PUSHED, zoe) : NULL;
  if (e) {
    const meetctl_participant_list *p = meetctl_meeting_event_get_participant(e);
    CHECK_STR(meetctl_participant_list_get_name(p, 0), "Zoe");
    CHECK(meetctl_participant_list_get_vendor(p, 0) == MEETCTL_VENDOR_HUAWEI);
    CHECK(meetctl_participant_list_get_audio_muted(p, 0) == 0);
    CHECK(meetctl_participant_list_get_hand_raised(p, 0) == 0);
    CHECK(meetctl_meeting_event_get_before(e) == NULL && meetctl_meeting_event_changed_len(e) == 0);
    CHECK(strstr(meetctl_meeting_event_get_json(e), "\"kind\":\"joined\"") != NULL);
    CHECK(meetctl_watch_roster(w, &now, NULL) == MEETCTL_STATUS_OK);
    CHECK(index_of(now, zoe) >= 0);
    meetctl_participant_list_free(now);
    now = NULL;
    if (meetctl_meeting_control(m, MEETCTL_MEETING_OPERATION_MUTE, p, 0, NULL, &err) != MEETCTL_STATUS_OK) {
      fprintf(stderr, "  mute: %s\n", meetctl_error_get_description(err));
      t_case_failed = 1;
    }
    meetctl_error_free(err);
    err = NULL;
    meetctl_meeting_event_free(e);

    /* The mute: a change naming audio_muted only, before unmuted, after muted. */
    e = hw_expect(w, MEETCTL_MEETING_EVENT_KIND_CHANGED, MEETCTL_EVENT_ORIGIN_PUSHED, zoe);
    if (e) {
      const meetctl_participant_list *before = meetctl_meeting_event_get_before(e);
      const char *json = meetctl_meeting_event_get_json(e);
      CHECK(changed_only(e, MEETCTL_PARTICIPANT_FIELD_AUDIO_MUTED));
      CHECK(before != NULL && meetctl_participant_list_get_audio_muted(before, 0) == 0);
      CHECK_STR(meetctl_participant_list_get_id(before, 0), zoe);
      CHECK(meetctl_participant_list_get_audio_muted(meetctl_meeting_event_get_participant(e), 0) == 1);
      CHECK(json && strstr(json, "\"changed\":[\"audio_muted\"]") != NULL);
      CHECK(meetctl_meeting_event_get_raw_json(e) != NULL);
      meetctl_meeting_event_free(e);
    }

    /* Her hand: a change naming hand_raised only. */
    hw_hand(zoe, 1);
    e = hw_expect(w, MEETCTL_MEETING_EVENT_KIND_CHANGED, MEETCTL_EVENT_ORIGIN_PUSHED, zoe);
    if (e) {
      const meetctl_participant_list *before = meetctl_meeting_event_get_before(e);
      const char *json = meetctl_meeting_event_get_json(e);
      CHECK(changed_only(e, MEETCTL_PARTICIPANT_FIELD_HAND_RAISED));
      CHECK(before != NULL && meetctl_participant_list_get_hand_raised(before, 0) == 0);
      CHECK(meetctl_participant_list_get_hand_raised(meetctl_meeting_event_get_participant(e), 0) == 1);
      CHECK(json && strstr(json, "\"changed\":[\"hand_raised\"]") != NULL);
      meetctl_meeting_event_free(e);
    }
    /* The roster has her muted, her hand raised. */
    CHECK(meetctl_watch_roster(w, &now, NULL) == MEETCTL_STATUS_OK);
    at = index_of(now, zoe);
    CHECK(at >= 0);
    if (at >= 0) {
      CHECK(meetctl_participant_list_get_audio_muted(now, (size_t)at) == 1);
      CHECK(meetctl_participant_list_get_hand_raised(now, (size_t)at) == 1);
    }
    meetctl_participant_list_free(now);
    now = NULL;

    /* She leaves. */
    hw_leave(zoe);
    e = hw_expect(w, MEETCTL_MEETING_EVENT_KIND_LEFT, MEETCTL_EVENT_ORIGIN_PUSHED, zoe);
    meetctl_meeting_event_free(e);
    CHECK(meetctl_watch_roster(w, &now, NULL) == MEETCTL_STATUS_OK);
    CHECK(index_of(now, zoe) < 0);
    meetctl_participant_list_free(now);
    now = NULL;
  }

  /* The conference ends: ENDED, then nothing (OK, NULL), finished, the roster empty. */
  CHECK(!meetctl_watch_is_finished(w));
  hw_drive("end", "{}", "ended", "true");
  e = hw_expect(w, MEETCTL_MEETING_EVENT_KIND_ENDED, MEETCTL_EVENT_ORIGIN_PUSHED, NULL);
  CHECK(e != NULL && meetctl_meeting_event_get_participant(e) == NULL);
  meetctl_meeting_event_free(e);
  {
    const double started = now_s();
    meetctl_status st;
    e = (meetctl_meeting_event *)&e; /* must be overwritten with NULL */
    st = meetctl_watch_next(w, 2000, &e, &err);
    CHECK(st == MEETCTL_STATUS_OK && e == NULL && err == NULL);
    if (st == MEETCTL_STATUS_OK && e != NULL && e != (meetctl_meeting_event *)&e) {
      fprintf(stderr, "  after the end came: %s\n", meetctl_meeting_event_get_json(e));
      meetctl_meeting_event_free(e);
    }
    meetctl_error_free(err);
    err = NULL;
    CHECK(now_s() - started < HW_WAIT_S);
  }
  CHECK(meetctl_watch_is_finished(w));
  CHECK(meetctl_watch_roster(w, &now, NULL) == MEETCTL_STATUS_OK);
  CHECK(now != NULL && meetctl_participant_list_len(now) == 0);
  meetctl_participant_list_free(now);

  free(zoe);
  meetctl_watch_free(w);
  meetctl_meeting_free(m);
}

/* HUAWEI WATCH, the socket dropped mid-meeting: after the initial joins and Zoe's join, the next two
 * connection attempts are refused and every socket dropped; meanwhile Yan joins, Zoe raises her
 * hand, and Xu joins and leaves. Read until Yan's join and Zoe's hand change are both seen: a GAP
 * (with a reason) comes first, every event after it has origin RESYNC, Xu appears nowhere (events
 * or roster), and the emulator accepted at least two sockets. */
static void huawei_watch_socket_dropped_mid_meeting(void) {
  meetctl_meeting *m = huawei_meeting();
  meetctl_watch *w = m ? hw_watch_started(m) : NULL;
  meetctl_participant_list *now = NULL;
  meetctl_meeting_event *e;
  char *zoe = NULL, *yan = NULL, *xu = NULL, *connections;
  int joined, gaps = 0, saw_yan = 0, saw_hand = 0, events = 0;
  double deadline;

  if (!w) {
    meetctl_meeting_free(m);
    return;
  }
  zoe = hw_join("Zoe");
  e = zoe ? hw_expect(w, MEETCTL_MEETING_EVENT_KIND_JOINED, MEETCTL_EVENT_ORIGIN_PUSHED, zoe) : NULL;
  joined = e != NULL;
  meetctl_meeting_event_free(e);
  if (!joined) {
    free(zoe);
    meetctl_watch_free(w);
    meetctl_meeting_free(m);
    return;
  }

  /* The socket drops, the next two reconnections are refused; meanwhile the conference goes on. */
  hw_drive("ws/refuse", "{\"count\":2}", "refuse", "2");
  hw_drive("ws/drop", "{}", "ok", "true");
  yan = hw_join("Yan");
  hw_hand(zoe, 1);
  xu = hw_join("Xu");
  hw_leave(xu);

  deadline = now_s() + HW_WAIT_S;
  while (!(saw_yan && saw_hand) && (e = hw_next(w, deadline, "Yan's join and Zoe's hand after the drop")) != NULL) {
    const meetctl_meeting_event_kind kind = meetctl_meeting_event_get_kind(e);
    const char *id = event_id(e);
    events++;
    if (events == 1) {
      /* The gap first, saying why. */
      const char *reason = meetctl_meeting_event_get_reason(e);
      if (kind != MEETCTL_MEETING_EVENT_KIND_GAP) {
        fprintf(stderr, "  the first event after the drop is not a gap: %s\n", meetctl_meeting_event_get_json(e));
        t_case_failed = 1;
      }
      CHECK(reason != NULL && reason[0] != '\0');
      CHECK(meetctl_meeting_event_get_participant(e) == NULL);
    } else if (meetctl_meeting_event_get_origin(e) != MEETCTL_EVENT_ORIGIN_RESYNC) {
      fprintf(stderr, "  after the gap, not a resync: %s\n", meetctl_meeting_event_get_json(e));
      t_case_failed = 1;
    }
    if (kind == MEETCTL_MEETING_EVENT_KIND_GAP) gaps++;
    if (same(id, xu)) {
      fprintf(stderr, "  Xu, who came and went while the socket was down, was seen: %s\n",
              meetctl_meeting_event_get_json(e));
      t_case_failed = 1;
    }
    if (kind == MEETCTL_MEETING_EVENT_KIND_JOINED && same(id, yan)) {
      CHECK_STR(meetctl_participant_list_get_name(meetctl_meeting_event_get_participant(e), 0), "Yan");
      saw_yan = 1;
    }
    if (kind == MEETCTL_MEETING_EVENT_KIND_CHANGED && same(id, zoe)) {
      CHECK(changed_only(e, MEETCTL_PARTICIPANT_FIELD_HAND_RAISED));
      CHECK(meetctl_participant_list_get_hand_raised(meetctl_meeting_event_get_participant(e), 0) == 1);
      CHECK(meetctl_participant_list_get_hand_raised(meetctl_meeting_event_get_before(e), 0) == 0);
      saw_hand = 1;
    }
    meetctl_meeting_event_free(e);
  }
  CHECK(saw_yan && saw_hand);
  CHECK(gaps == 1);

  /* The roster: Yan in, Xu not, Zoe with her hand up. */
  CHECK(meetctl_watch_roster(w, &now, NULL) == MEETCTL_STATUS_OK);
  CHECK(index_of(now, yan) >= 0);
  CHECK(index_of(now, xu) < 0);
  if (index_of(now, zoe) >= 0)
    CHECK(meetctl_participant_list_get_hand_raised(now, (size_t)index_of(now, zoe)) == 1);
  else
    CHECK(!"Zoe is in the roster");
  meetctl_participant_list_free(now);

  /* The watch reconnected: the emulator accepted a second socket at least. */
  connections = hw_admin("GET", "ws", NULL, "connections");
  CHECK(connections != NULL && strtol(connections, NULL, 10) >= 2);
  if (connections && strtol(connections, NULL, 10) < 2) fprintf(stderr, "  ws connections: %s\n", connections);
  free(connections);

  free(zoe);
  free(yan);
  free(xu);
  meetctl_watch_free(w);
  meetctl_meeting_free(m);
}

/* ------------------------------------------------------------------ main */

int main(int argc, char **argv) {
  emu_base = argc > 1 ? argv[1] : "";
  t_only = (const char *const *)argv + (argc > 1 ? 2 : 1);
  t_only_count = argc > 1 ? argc - 2 : 0;
  RUN(bad_arguments_name_the_field);
  RUN(close_from_another_thread_ends_a_blocked_next);
  RUN(a_receiver_in_the_options_pushes_joins);
  RUN(huawei_watch_sees_the_roster_and_a_mute);
  RUN(huawei_watch_socket_dropped_mid_meeting);
  /* After the other Huawei cases: it ends the conference. */
  RUN(huawei_watch_join_mute_hand_leave_end);
  /* Last: it ends the Tencent meeting. */
  RUN(polling_sees_join_mute_leave_and_end);
  return report(argv[0]);
}
