/*
 * The C API of libmeetctl against the emulator (demo scenario): every operation of both vendors
 * through the generic control call (effect checked in the emulator's state or the answer), the
 * participant list and conference info with their getters, prepare against what control sends,
 * validation before I/O, every error kind, NULL and non-UTF-8 arguments, _free(NULL), lengths and
 * numbers out of range, plain http only to loopback, retries and their attempt count, 8
 * threads sharing a client, and a call blocked on a silent server cancelled from another thread
 * (meetctl_cancel).
 *
 * Usage: test_meetctl BASE_URL [CASE...]   (only the named cases when some are given)
 *   (MEETCTL_EXPECTED_VERSION may hold Cargo.toml's version)
 */
#define _POSIX_C_SOURCE 200809L

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../common/emulator.h"
#include "meetctl.h"

/* ------------------------------------------------------------------ demo scenario */

#define MEETING "1242152152161"
#define OAUTH_MEETING "1242152152162"
#define SDK_MEETING "1242152152163"
#define APP_ID "210000001"
#define SECRET_ID "AKIDdemo0001"
#define SECRET_KEY "demo-secret-key-0001"
#define CONF "914083136"
#define CONF_NOT_STARTED "914083137"
#define HOST_PWD "157599"
#define GUEST_PWD "246810"
#define ALICE "d2c3ae64216e11eabc510dc9b62e3a80"
#define BOB "a1b2c3d4e5f611eabc510dc9b62e3a81"
#define CAROL "c3d4e5f6a7b811eabc510dc9b62e3a82"
#define ROLE_PATH "/v1/mmc/control/conferences/participants/role"
#define MUTE_PATH "/v1/mmc/control/conferences/participants/mute"
#define TOKEN_PATH "/v1/mmc/control/conferences/token"

static const meetctl_tencent_user HOST = {MEETCTL_ID_KIND_MS_OPEN_ID, "afagsagwags", MEETCTL_INSTANCE_IOS};
static const meetctl_tencent_user BOB_T = {MEETCTL_ID_KIND_MS_OPEN_ID, "agaqwwgdkkddd", MEETCTL_INSTANCE_MAC};

/* ------------------------------------------------------------------ helpers */

static meetctl_config *config(void) {
  meetctl_config *cfg = meetctl_config_new();
  CHECK(meetctl_config_set_base_url(cfg, emu_base, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_config_disable_proxy(cfg, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_config_set_timeout_ms(cfg, 10000, NULL) == MEETCTL_STATUS_OK);
  return cfg;
}

static meetctl_tencent_client *enterprise_with(const char *app_id, const char *secret_id, const char *key,
                                               const char *sdk_id) {
  meetctl_config *cfg = config();
  meetctl_tencent_client *c = NULL;
  meetctl_error *err = NULL;
  meetctl_status st = meetctl_tencent_client_new_enterprise(cfg, app_id, secret_id, key, sdk_id, &c, &err);
  CHECK(st == MEETCTL_STATUS_OK);
  if (err) fprintf(stderr, "  %s\n", meetctl_error_get_description(err));
  meetctl_error_free(err);
  meetctl_config_free(cfg);
  return c;
}

static meetctl_tencent_client *enterprise(void) { return enterprise_with(APP_ID, SECRET_ID, SECRET_KEY, NULL); }

/* A client that makes `attempts` attempts per exchange (1: no retries, the server's answer as it
 * came; the error tests use it to see each fault once). */
static meetctl_tencent_client *enterprise_attempts(uint32_t attempts) {
  meetctl_config *cfg = config();
  meetctl_tencent_client *c = NULL;
  CHECK(meetctl_config_set_max_attempts(cfg, attempts, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_tencent_client_new_enterprise(cfg, APP_ID, SECRET_ID, SECRET_KEY, NULL, &c, NULL) ==
        MEETCTL_STATUS_OK);
  meetctl_config_free(cfg);
  return c;
}

static meetctl_huawei_client *huawei_attempts(uint32_t attempts) {
  meetctl_config *cfg = config();
  meetctl_huawei_client *c = NULL;
  CHECK(meetctl_config_set_max_attempts(cfg, attempts, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_huawei_client_new(cfg, &c, NULL) == MEETCTL_STATUS_OK);
  meetctl_config_free(cfg);
  return c;
}

static meetctl_huawei_client *huawei(void) {
  meetctl_config *cfg = config();
  meetctl_huawei_client *c = NULL;
  CHECK(meetctl_huawei_client_new(cfg, &c, NULL) == MEETCTL_STATUS_OK);
  meetctl_config_free(cfg);
  return c;
}

static meetctl_huawei_conference *by_password(const meetctl_huawei_client *hw, const char *conf, const char *pwd) {
  meetctl_huawei_conference *h = NULL;
  CHECK(meetctl_huawei_conference_new_with_password(hw, conf, pwd, &h, NULL) == MEETCTL_STATUS_OK);
  return h;
}

/* Checks a failure: status, kind, and (when not NULL) field and vendor code; frees err. */
#define EXPECT_ERR(call, err, want_status, want_kind, want_field, want_code)                 \
  do {                                                                                    \
    meetctl_status st_ = (call); /* before reading err, which the call sets */           \
    expect_err(__LINE__, st_, (err), (want_status), (want_kind), (want_field), (want_code)); \
  } while (0)

static void expect_err(int line, meetctl_status st, meetctl_error *err, meetctl_status want_status,
                       meetctl_error_kind want_kind, const char *want_field, const char *want_code) {
  const char *field = meetctl_error_get_field(err), *code = meetctl_error_get_code(err);
  int ok = st == want_status && err != NULL && meetctl_error_get_status(err) == want_status &&
           meetctl_error_get_kind(err) == want_kind && meetctl_error_get_message(err) != NULL &&
           meetctl_error_get_description(err) != NULL;
  if (want_field) ok = ok && field && strcmp(field, want_field) == 0;
  if (want_code) ok = ok && code && strcmp(code, want_code) == 0;
  if (!ok) {
    fprintf(stderr, "  CHECK FAILED line %d: status %d (want %d), kind %d (want %d), field %s (want %s), code %s (want %s): %s\n",
            line, (int)st, (int)want_status, (int)meetctl_error_get_kind(err), (int)want_kind, field ? field : "-",
            want_field ? want_field : "-", code ? code : "-", want_code ? want_code : "-",
            err ? meetctl_error_get_description(err) : "(no error object)");
    t_case_failed = 1;
  }
  meetctl_error_free(err);
}

/* ------------------------------------------------------------------ version and config */

static void version_macros_match_the_library_and_cargo_toml(void) {
  char macros[64];
  const char *expected = getenv("MEETCTL_EXPECTED_VERSION");
  snprintf(macros, sizeof macros, "%d.%d.%d", MEETCTL_VERSION_MAJOR, MEETCTL_VERSION_MINOR, MEETCTL_VERSION_PATCH);
  CHECK_STR(meetctl_version(), macros);
  if (expected) CHECK_STR(macros, expected);
}

static void config_setters(void) {
  meetctl_config *cfg = meetctl_config_new();
  meetctl_error *err = NULL;
  static const char pem[] = "-----BEGIN CERTIFICATE-----\nnot really\n-----END CERTIFICATE-----\n";
  CHECK(cfg != NULL);
  CHECK(meetctl_config_set_base_url(cfg, "https://meeting.example.invalid/", &err) == MEETCTL_STATUS_OK);
  CHECK(meetctl_config_set_region(cfg, "ap-southeast-1", &err) == MEETCTL_STATUS_OK);
  CHECK(meetctl_config_set_timeout_ms(cfg, 5000, &err) == MEETCTL_STATUS_OK);
  CHECK(meetctl_config_set_connect_timeout_ms(cfg, 1000, &err) == MEETCTL_STATUS_OK);
  CHECK(meetctl_config_set_read_timeout_ms(cfg, 2000, &err) == MEETCTL_STATUS_OK);
  CHECK(meetctl_config_set_proxy(cfg, "http://127.0.0.1:3128", &err) == MEETCTL_STATUS_OK);
  CHECK(meetctl_config_proxy_from_environment(cfg, &err) == MEETCTL_STATUS_OK);
  CHECK(meetctl_config_disable_proxy(cfg, &err) == MEETCTL_STATUS_OK);
  CHECK(meetctl_config_set_max_response_bytes(cfg, 4096, &err) == MEETCTL_STATUS_OK);
  CHECK(meetctl_config_set_extra_ca_pem(cfg, (const uint8_t *)pem, sizeof pem - 1, &err) == MEETCTL_STATUS_OK);
  CHECK(err == NULL);
  /* A bad region is refused at once and leaves the config as it was. */
  EXPECT_ERR(meetctl_config_set_region(cfg, "eu-west-0", &err), err, MEETCTL_STATUS_INVALID_ARGUMENT,
             MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "region", NULL);
  err = NULL;
  meetctl_config_free(cfg);

  /* The region picks the endpoint when no base URL is set. */
  cfg = meetctl_config_new();
  CHECK(meetctl_config_set_region(cfg, "ap-southeast-1", NULL) == MEETCTL_STATUS_OK);
  {
    meetctl_huawei_client *hw = NULL;
    CHECK(meetctl_huawei_client_new(cfg, &hw, NULL) == MEETCTL_STATUS_OK);
    CHECK_STR(meetctl_huawei_client_get_base_url(hw), "https://api-intl.meeting.huaweicloud.com");
    CHECK_STR(meetctl_huawei_client_get_region(hw), "ap-southeast-1");
    meetctl_huawei_client_free(hw);
  }
  meetctl_config_free(cfg);
  {
    meetctl_huawei_client *hw = NULL;
    meetctl_tencent_client *tc = NULL;
    CHECK(meetctl_huawei_client_new(NULL, &hw, NULL) == MEETCTL_STATUS_OK); /* NULL config = defaults */
    CHECK_STR(meetctl_huawei_client_get_base_url(hw), "https://api.meeting.huaweicloud.com");
    CHECK_STR(meetctl_huawei_client_get_region(hw), "cn-north-4");
    CHECK(meetctl_tencent_client_new_oauth(NULL, "o", "t", &tc, NULL) == MEETCTL_STATUS_OK);
    CHECK_STR(meetctl_tencent_client_get_base_url(tc), "https://api.meeting.qq.com");
    meetctl_huawei_client_free(hw);
    meetctl_tencent_client_free(tc);
  }
}

/* ------------------------------------------------------------------ Tencent operations */

static void tencent_set_and_revoke_cohost_by_ms_open_id(void) {
  meetctl_tencent_client *c = enterprise();
  CHECK(meetctl_tencent_client_set_cohost(c, MEETING, &HOST, &BOB_T, NULL) == MEETCTL_STATUS_OK);
  CHECK(emu_object_has("\"ms_open_id\":\"agaqwwgdkkddd\"", "\"role\":\"cohost\""));
  CHECK(meetctl_tencent_client_revoke_cohost(c, MEETING, &HOST, &BOB_T, NULL) == MEETCTL_STATUS_OK);
  CHECK(emu_object_has("\"ms_open_id\":\"agaqwwgdkkddd\"", "\"role\":\"attendee\""));
  CHECK_STR(meetctl_tencent_client_get_base_url(c), emu_base);
  meetctl_tencent_client_free(c);
}

static void tencent_set_cohost_by_uuid(void) {
  meetctl_tencent_client *c = enterprise();
  meetctl_tencent_user op = {MEETCTL_ID_KIND_UUID, "uuid-alice", MEETCTL_INSTANCE_IOS};
  meetctl_tencent_user rooms = {MEETCTL_ID_KIND_UUID, "uuid-rooms-1", MEETCTL_INSTANCE_ROOMS_TOUCH_WINDOWS};
  CHECK(meetctl_tencent_client_set_cohost(c, MEETING, &op, &rooms, NULL) == MEETCTL_STATUS_OK);
  CHECK(emu_object_has("\"uuid\":\"uuid-rooms-1\"", "\"role\":\"cohost\""));
  CHECK(meetctl_tencent_client_revoke_cohost(c, MEETING, &op, &rooms, NULL) == MEETCTL_STATUS_OK);
  CHECK(emu_object_has("\"uuid\":\"uuid-rooms-1\"", "\"role\":\"attendee\""));
  meetctl_tencent_client_free(c);
}

static void tencent_close_video(void) {
  meetctl_tencent_client *c = enterprise();
  meetctl_tencent_user dave = {MEETCTL_ID_KIND_MS_OPEN_ID, "msopenid-dave", MEETCTL_INSTANCE_ANDROID};
  CHECK(emu_object_has("\"ms_open_id\":\"msopenid-dave\"", "\"video\":true"));
  CHECK(meetctl_tencent_client_close_video(c, MEETING, &HOST, &dave, NULL) == MEETCTL_STATUS_OK);
  CHECK(emu_object_has("\"ms_open_id\":\"msopenid-dave\"", "\"video\":false"));
  CHECK(emu_object_has("\"ms_open_id\":\"msopenid-carol\"", "\"video\":true"));
  meetctl_tencent_client_free(c);
}

static void tencent_close_video_with_oauth_and_own_openid(void) {
  meetctl_config *cfg = config();
  meetctl_tencent_client *c = NULL;
  meetctl_tencent_user op = {MEETCTL_ID_KIND_OPEN_ID, "oauth-open-id-1", MEETCTL_INSTANCE_PC};
  meetctl_tencent_user pete = {MEETCTL_ID_KIND_MS_OPEN_ID, "msopenid-pete", MEETCTL_INSTANCE_WEB};
  CHECK(meetctl_tencent_client_new_oauth(cfg, "oauth-open-id-1", "demo-oauth-token-1", &c, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_tencent_client_close_video(c, OAUTH_MEETING, &op, &pete, NULL) == MEETCTL_STATUS_OK);
  CHECK(emu_object_has("\"ms_open_id\":\"msopenid-pete\"", "\"video\":false"));
  meetctl_tencent_client_free(c);
  meetctl_config_free(cfg);
}

static void tencent_sdk_id_is_sent_when_assigned(void) {
  meetctl_tencent_client *c = enterprise_with("210000002", "AKIDdemo0002", "demo-secret-key-0002", "20002");
  meetctl_tencent_user quinn = {MEETCTL_ID_KIND_MS_OPEN_ID, "msopenid-quinn", MEETCTL_INSTANCE_PC};
  meetctl_tencent_user ruth = {MEETCTL_ID_KIND_MS_OPEN_ID, "msopenid-ruth", MEETCTL_INSTANCE_MAC};
  meetctl_prepared *p = NULL;
  CHECK(meetctl_tencent_client_prepare(c, MEETCTL_TENCENT_OPERATION_CLOSE_VIDEO, SDK_MEETING, &quinn, &ruth, 1,
                                       NULL, &p, NULL) == MEETCTL_STATUS_OK);
  CHECK_STR(meetctl_prepared_get_header(p, "sdkid"), "20002");
  meetctl_prepared_free(p);
  CHECK(meetctl_tencent_client_close_video(c, SDK_MEETING, &quinn, &ruth, NULL) == MEETCTL_STATUS_OK);
  CHECK(emu_object_has("\"ms_open_id\":\"msopenid-ruth\"", "\"video\":false"));
  meetctl_tencent_client_free(c);
}

static void tencent_generic_request(void) {
  meetctl_tencent_client *c = enterprise();
  meetctl_query_param q[2] = {{"userid", "alice"}, {"instanceid", "1"}};
  char *answer = NULL;
  const char *mute =
      "{\"operator_id\":\"afagsagwags\",\"operator_id_type\":4,\"instanceid\":4,\"mute\":true,"
      "\"user\":{\"to_operator_id\":\"agaqwwgdkkddd\",\"to_operator_id_type\":4,\"instanceid\":2}}";
  CHECK(meetctl_tencent_client_request(c, "GET", "/v1/meetings/" MEETING, q, 2, NULL, &answer, NULL) ==
        MEETCTL_STATUS_OK);
  CHECK(answer && strstr(answer, "\"meeting_id\":\"" MEETING "\"") != NULL);
  CHECK(answer && strstr(answer, "\"participant_count\":6") != NULL);
  meetctl_string_free(answer);
  answer = NULL;
  CHECK(meetctl_tencent_client_request(c, "put", "/v1/real-control/meetings/" MEETING "/mutes", NULL, 0, mute,
                                       &answer, NULL) == MEETCTL_STATUS_OK);
  CHECK_STR(answer, "{}");
  meetctl_string_free(answer);
  CHECK(emu_object_has("\"ms_open_id\":\"agaqwwgdkkddd\"", "\"muted\":true"));
  meetctl_tencent_client_free(c);
}

/* Whether the (not NUL-terminated) body of `p` contains `needle`. */
static int body_contains(const meetctl_prepared *p, const char *needle) {
  size_t len = meetctl_prepared_get_body_len(p);
  char *copy = (char *)malloc(len + 1);
  int found;
  if (!copy) return 0;
  if (len) memcpy(copy, meetctl_prepared_get_body(p), len);
  copy[len] = '\0';
  found = strstr(copy, needle) != NULL;
  free(copy);
  return found;
}

/* Sends a prepared request with the test's own HTTP code; returns the status, body in *body. */
static int send_prepared(const meetctl_prepared *p, char **body) {
  char headers[4096] = "";
  size_t i, n = meetctl_prepared_get_header_count(p);
  emu_response r;
  for (i = 0; i < n; i++) {
    size_t used = strlen(headers);
    snprintf(headers + used, sizeof headers - used, "%s: %s\r\n", meetctl_prepared_get_header_name(p, i),
             meetctl_prepared_get_header_value(p, i));
  }
  if (emu_http(meetctl_prepared_get_method(p), meetctl_prepared_get_url(p), headers, meetctl_prepared_get_body(p),
               meetctl_prepared_get_body_len(p), &r) != 0)
    return -1;
  *body = r.body;
  return r.status;
}

static void tencent_prepared_request_sent_by_another_http_stack(void) {
  meetctl_tencent_client *c = enterprise();
  meetctl_prepared *p = NULL;
  char url[512], *body = NULL;
  long before = emu_count("request_count");
  CHECK(meetctl_tencent_client_prepare(c, MEETCTL_TENCENT_OPERATION_SET_COHOST, MEETING, &HOST, &BOB_T, 1, NULL,
                                       &p, NULL) == MEETCTL_STATUS_OK);
  CHECK(emu_count("request_count") == before); /* prepare sends nothing */
  snprintf(url, sizeof url, "%s/v1/real-control/meetings/" MEETING "/cohosts", emu_base);
  CHECK_STR(meetctl_prepared_get_method(p), "PUT");
  CHECK_STR(meetctl_prepared_get_url(p), url);
  CHECK_STR(meetctl_prepared_get_header(p, "X-TC-Key"), SECRET_ID);
  CHECK_STR(meetctl_prepared_get_header(p, "AppId"), APP_ID);
  CHECK(meetctl_prepared_get_header(p, "X-TC-Signature") != NULL &&
        strlen(meetctl_prepared_get_header(p, "X-TC-Signature")) == 88);
  CHECK(meetctl_prepared_get_header(p, "SdkId") == NULL);
  CHECK(meetctl_prepared_get_safe_to_repeat(p)); /* setting a co-host twice does no more than once */
  CHECK(meetctl_prepared_get_header_name(p, meetctl_prepared_get_header_count(p)) == NULL);
  CHECK(meetctl_prepared_get_header_value(p, 1000) == NULL);
  {
    const char *want =
        "{\"operator_id\":\"afagsagwags\",\"operator_id_type\":4,\"instanceid\":4,\"action\":true,"
        "\"user\":{\"to_operator_id\":\"agaqwwgdkkddd\",\"to_operator_id_type\":4,\"instanceid\":2}}";
    CHECK(meetctl_prepared_get_body_len(p) == strlen(want));
    CHECK(memcmp(meetctl_prepared_get_body(p), want, strlen(want)) == 0);
  }
  CHECK(send_prepared(p, &body) == 200);
  free(body);
  body = NULL;
  CHECK(emu_object_has("\"ms_open_id\":\"agaqwwgdkkddd\"", "\"role\":\"cohost\""));
  {
    meetctl_prepared *kick = NULL;
    CHECK(meetctl_tencent_client_prepare(c, MEETCTL_TENCENT_OPERATION_KICK_OUT, MEETING, &HOST, &BOB_T, 1, NULL,
                                         &kick, NULL) == MEETCTL_STATUS_OK);
    CHECK(!meetctl_prepared_get_safe_to_repeat(kick)); /* removing someone is not */
    meetctl_prepared_free(kick);
  }
  /* Good for one send only: the same nonce again is a replay. */
  CHECK(send_prepared(p, &body) == 400);
  CHECK(body && strstr(body, "190301") != NULL);
  free(body);
  meetctl_prepared_free(p);

  p = NULL;
  CHECK(meetctl_tencent_client_prepare(c, MEETCTL_TENCENT_OPERATION_REVOKE_COHOST, MEETING, &HOST, &BOB_T, 1, NULL,
                                       &p, NULL) == MEETCTL_STATUS_OK);
  CHECK(body_contains(p, "\"action\":false"));
  body = NULL;
  CHECK(send_prepared(p, &body) == 200);
  free(body);
  meetctl_prepared_free(p);
  CHECK(emu_object_has("\"ms_open_id\":\"agaqwwgdkkddd\"", "\"role\":\"attendee\""));

  p = NULL;
  {
    meetctl_query_param q[2] = {{"userid", "alice"}, {"instanceid", "1"}};
    CHECK(meetctl_tencent_client_prepare_request(c, "GET", "/v1/meetings/" MEETING, q, 2, NULL, &p, NULL) ==
          MEETCTL_STATUS_OK);
    snprintf(url, sizeof url, "%s/v1/meetings/" MEETING "?userid=alice&instanceid=1", emu_base);
    CHECK_STR(meetctl_prepared_get_url(p), url);
    CHECK_STR(meetctl_prepared_get_method(p), "GET");
    CHECK(meetctl_prepared_get_body(p) == NULL && meetctl_prepared_get_body_len(p) == 0);
    body = NULL;
    CHECK(send_prepared(p, &body) == 200);
    CHECK(body && strstr(body, "meeting_info_list") != NULL);
    free(body);
    meetctl_prepared_free(p);
  }
  meetctl_tencent_client_free(c);
}

/* ------------------------------------------------------------------ Huawei operations */

static void huawei_apply_and_relinquish_with_a_given_token(void) {
  meetctl_huawei_client *hw = huawei();
  meetctl_huawei_conference *guest = by_password(hw, CONF, GUEST_PWD), *conf = NULL;
  char *token = NULL;
  long issued = emu_count("control_tokens_issued");
  CHECK(meetctl_huawei_conference_control_token(guest, &token, NULL) == MEETCTL_STATUS_OK);
  CHECK(token && strncmp(token, "stb", 3) == 0);
  CHECK(meetctl_huawei_conference_new_with_token(hw, CONF, token, &conf, NULL) == MEETCTL_STATUS_OK);
  CHECK_STR(meetctl_huawei_conference_get_id(conf), CONF);
  CHECK(meetctl_huawei_conference_apply_host(conf, BOB, HOST_PWD, NULL) == MEETCTL_STATUS_OK);
  CHECK(emu_huawei_host_is(CONF, "\"" BOB "\""));
  CHECK(emu_object_has("\"participant_id\":\"" ALICE "\"", "\"role\":\"participant\""));
  CHECK(meetctl_huawei_conference_relinquish_host(conf, BOB, NULL) == MEETCTL_STATUS_OK);
  CHECK(emu_huawei_host_is(CONF, "null"));
  CHECK(emu_count("control_tokens_issued") == issued + 1); /* a given token is used as is */

  {
    meetctl_prepared *p = NULL;
    char url[512];
    const char *bob_ids[1] = {BOB};
    CHECK(meetctl_huawei_conference_prepare(conf, MEETCTL_HUAWEI_OPERATION_APPLY_HOST, bob_ids, 1,
                                            "{\"chairman_password\":\"" HOST_PWD "\"}", &p, NULL) == MEETCTL_STATUS_OK);
    snprintf(url, sizeof url, "%s" ROLE_PATH "?conferenceID=" CONF "&participantID=" BOB, emu_base);
    CHECK_STR(meetctl_prepared_get_method(p), "PUT");
    CHECK_STR(meetctl_prepared_get_url(p), url);
    CHECK_STR(meetctl_prepared_get_header(p, "X-Conference-Authorization"), token);
    CHECK(meetctl_prepared_get_body_len(p) == strlen("{\"applyChair\":1,\"chairmanPwd\":\"157599\"}"));
    meetctl_prepared_free(p);
    p = NULL;
    CHECK(meetctl_huawei_conference_prepare(conf, MEETCTL_HUAWEI_OPERATION_RELINQUISH_HOST, bob_ids, 1, NULL, &p,
                                            NULL) == MEETCTL_STATUS_OK);
    CHECK(meetctl_prepared_get_body_len(p) == strlen("{\"applyChair\":0}"));
    meetctl_prepared_free(p);
    p = NULL;
    CHECK(meetctl_huawei_conference_prepare_request(conf, "PUT", MUTE_PATH, NULL, 0, "{\"isMute\":0}", &p, NULL) ==
          MEETCTL_STATUS_OK);
    CHECK(strstr(meetctl_prepared_get_url(p), "conferenceID=" CONF) != NULL);
    meetctl_prepared_free(p);
  }
  meetctl_string_free(token);
  meetctl_huawei_conference_free(conf);
  meetctl_huawei_conference_free(guest);
  meetctl_huawei_client_free(hw);
}

static void huawei_password_handle_fetches_and_caches_its_token(void) {
  meetctl_huawei_client *hw = huawei();
  meetctl_huawei_conference *conf = by_password(hw, CONF, HOST_PWD);
  long issued = emu_count("control_tokens_issued");
  meetctl_huawei_client_free(hw); /* the handle keeps what it needs */
  CHECK(meetctl_huawei_conference_apply_host(conf, CAROL, HOST_PWD, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_huawei_conference_relinquish_host(conf, CAROL, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_huawei_conference_apply_host(conf, ALICE, HOST_PWD, NULL) == MEETCTL_STATUS_OK);
  CHECK(emu_huawei_host_is(CONF, "\"" ALICE "\""));
  CHECK(emu_count("control_tokens_issued") == issued + 1);
  meetctl_huawei_conference_free(conf);
}

static void huawei_generic_request(void) {
  meetctl_huawei_client *hw = huawei();
  /* Muting someone is a chair API: the host password's token (docs/emulator.md). */
  meetctl_huawei_conference *conf = by_password(hw, CONF, HOST_PWD);
  meetctl_query_param q[1] = {{"participantID", BOB}};
  char *answer = NULL;
  CHECK(meetctl_huawei_conference_request(conf, "PUT", MUTE_PATH, q, 1, "{\"isMute\":1}", &answer, NULL) ==
        MEETCTL_STATUS_OK);
  CHECK_STR(answer, "null");
  meetctl_string_free(answer);
  CHECK(emu_object_has("\"participant_id\":\"" BOB "\"", "\"muted\":true"));
  meetctl_huawei_conference_free(conf);
  meetctl_huawei_client_free(hw);
}

static void huawei_app_id_auth_single_and_multi_tenant(void) {
  long issued = emu_count("access_tokens_issued");
  const char *corps[2] = {NULL, "corp-9"};
  int i;
  for (i = 0; i < 2; i++) {
    meetctl_config *cfg = config();
    meetctl_huawei_client *hw = NULL;
    meetctl_huawei_conference *conf;
    char *first = NULL, *second = NULL;
    CHECK(meetctl_huawei_client_new_app_id(cfg, "demoappid0001", "demo-app-key-0001", "bob", corps[i], &hw, NULL) ==
          MEETCTL_STATUS_OK);
    CHECK(meetctl_huawei_client_access_token(hw, &first, NULL) == MEETCTL_STATUS_OK);
    CHECK(meetctl_huawei_client_access_token(hw, &second, NULL) == MEETCTL_STATUS_OK);
    CHECK(first && second && strcmp(first, second) == 0); /* cached */
    conf = by_password(hw, CONF, HOST_PWD);
    CHECK(meetctl_huawei_conference_apply_host(conf, ALICE, HOST_PWD, NULL) == MEETCTL_STATUS_OK);
    meetctl_string_free(first);
    meetctl_string_free(second);
    meetctl_huawei_conference_free(conf);
    meetctl_huawei_client_free(hw);
    meetctl_config_free(cfg);
  }
  CHECK(emu_count("access_tokens_issued") == issued + 2);
}

static void huawei_account_auth(void) {
  meetctl_config *cfg = config();
  meetctl_huawei_client *hw = NULL, *none = huawei();
  meetctl_huawei_conference *conf;
  char *token = (char *)"untouched";
  long issued = emu_count("access_tokens_issued");
  CHECK(meetctl_huawei_client_new_account(cfg, "demo-account", "Demo@Passw0rd", &hw, NULL) == MEETCTL_STATUS_OK);
  conf = by_password(hw, CONF, HOST_PWD);
  CHECK(meetctl_huawei_conference_apply_host(conf, ALICE, HOST_PWD, NULL) == MEETCTL_STATUS_OK);
  CHECK(emu_count("access_tokens_issued") == issued + 1);
  /* Without account authentication there is no access token: success, and NULL. */
  CHECK(meetctl_huawei_client_access_token(none, &token, NULL) == MEETCTL_STATUS_OK);
  CHECK(token == NULL);
  meetctl_huawei_conference_free(conf);
  meetctl_huawei_client_free(hw);
  meetctl_huawei_client_free(none);
  meetctl_config_free(cfg);
}

/* ------------------------------------------------------------------ errors, one per kind */

static void invalid_arguments_name_the_field_and_send_nothing(void) {
  meetctl_tencent_client *c = enterprise(), *oauth = NULL;
  meetctl_huawei_client *hw = huawei();
  meetctl_huawei_conference *conf = NULL;
  meetctl_error *err = NULL;
  meetctl_config *cfg = config();
  meetctl_tencent_user userid_op = {MEETCTL_ID_KIND_USERID, "alice", MEETCTL_INSTANCE_PC};
  meetctl_tencent_user bad_device = {MEETCTL_ID_KIND_MS_OPEN_ID, "x", 11};
  meetctl_tencent_user bad_kind = {7, "x", MEETCTL_INSTANCE_PC};
  meetctl_tencent_user zeroed = {0, "x", 0};
  meetctl_tencent_user linux_ms = {MEETCTL_ID_KIND_MS_OPEN_ID, "x", MEETCTL_INSTANCE_LINUX};
  meetctl_tencent_client *never = (meetctl_tencent_client *)&err; /* must stay untouched */
  long before = emu_count("request_count");
  char *answer = (char *)"untouched";

  EXPECT_ERR(meetctl_tencent_client_set_cohost(c, "", &HOST, &BOB_T, &err), err, MEETCTL_STATUS_INVALID_ARGUMENT,
             MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "meeting_id", NULL);
  err = NULL;
  EXPECT_ERR(meetctl_tencent_client_set_cohost(c, "12/../../admin", &HOST, &BOB_T, &err), err,
             MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "meeting_id", NULL);
  err = NULL;
  EXPECT_ERR(meetctl_tencent_client_set_cohost(c, MEETING, &userid_op, &BOB_T, &err), err,
             MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "operator.id", NULL);
  err = NULL;
  EXPECT_ERR(meetctl_tencent_client_close_video(c, MEETING, &HOST, &bad_device, &err), err,
             MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "user.instance", NULL);
  err = NULL;
  EXPECT_ERR(meetctl_tencent_client_close_video(c, MEETING, &bad_kind, &BOB_T, &err), err,
             MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "operator.id_kind", NULL);
  err = NULL;
  EXPECT_ERR(meetctl_tencent_client_close_video(c, MEETING, &HOST, &zeroed, &err), err,
             MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "user.id_kind", NULL);
  err = NULL;
  EXPECT_ERR(meetctl_tencent_client_close_video(c, MEETING, &linux_ms, &BOB_T, &err), err,
             MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "operator.instance", NULL);
  err = NULL;
  EXPECT_ERR(meetctl_tencent_client_request(c, "GET", "/v1/meetings/../admin", NULL, 0, NULL, &answer, &err), err,
             MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "path", NULL);
  err = NULL;
  EXPECT_ERR(meetctl_tencent_client_request(c, "TRACE", "/v1/meetings", NULL, 0, NULL, &answer, &err), err,
             MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "method", NULL);
  err = NULL;
  EXPECT_ERR(meetctl_tencent_client_request(c, "PUT", "/v1/x", NULL, 0, "{not json", &answer, &err), err,
             MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "body_json", NULL);
  err = NULL;
  CHECK(answer != NULL && strcmp(answer, "untouched") == 0);

  CHECK(meetctl_tencent_client_new_oauth(cfg, "oauth-open-id-1", "demo-oauth-token-1", &oauth, NULL) ==
        MEETCTL_STATUS_OK);
  EXPECT_ERR(meetctl_tencent_client_set_cohost(oauth, OAUTH_MEETING, &HOST, &BOB_T, &err), err,
             MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "credentials", NULL);
  err = NULL;

  /* Construction checks credentials and config. */
  EXPECT_ERR(meetctl_tencent_client_new_enterprise(cfg, "", SECRET_ID, SECRET_KEY, NULL, &never, &err), err,
             MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "app_id", NULL);
  err = NULL;
  EXPECT_ERR(meetctl_tencent_client_new_enterprise(cfg, APP_ID, SECRET_ID, SECRET_KEY, "", &never, &err), err,
             MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "sdk_id", NULL);
  err = NULL;
  {
    struct {
      const char *field;
      int which;
    } cases[] = {{"base_url", 0}, {"base_url", 1}, {"proxy", 2}, {"extra_ca_pem", 3}};
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
      meetctl_config *bad = config();
      if (cases[i].which == 0) meetctl_config_set_base_url(bad, "ftp://x", NULL);
      if (cases[i].which == 1) meetctl_config_set_base_url(bad, "http://meeting.example.invalid", NULL);
      if (cases[i].which == 2) meetctl_config_set_proxy(bad, "not a url", NULL);
      if (cases[i].which == 3) meetctl_config_set_extra_ca_pem(bad, (const uint8_t *)"garbage", 7, NULL);
      EXPECT_ERR(meetctl_tencent_client_new_oauth(bad, "o", "t", &never, &err), err, MEETCTL_STATUS_INVALID_ARGUMENT,
                 MEETCTL_ERROR_KIND_INVALID_ARGUMENT, cases[i].field, NULL);
      err = NULL;
      meetctl_config_free(bad);
    }
  }
  CHECK(never == (meetctl_tencent_client *)&err);

  /* Huawei. */
  EXPECT_ERR(meetctl_huawei_client_new_account(cfg, "a:b", "pw", NULL, &err), err, MEETCTL_STATUS_NULL_ARGUMENT,
             MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "client_out", NULL);
  err = NULL;
  {
    meetctl_huawei_client *h2 = NULL;
    EXPECT_ERR(meetctl_huawei_client_new_account(cfg, "a:b", "pw", &h2, &err), err, MEETCTL_STATUS_INVALID_ARGUMENT,
               MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "account", NULL);
    err = NULL;
    EXPECT_ERR(meetctl_huawei_client_new_app_id(cfg, "demoappid0001", "", NULL, NULL, &h2, &err), err,
               MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "app_key", NULL);
    err = NULL;
    CHECK(h2 == NULL);
  }
  EXPECT_ERR(meetctl_huawei_conference_new_with_password(hw, "", HOST_PWD, &conf, &err), err,
             MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "conference_id", NULL);
  err = NULL;
  EXPECT_ERR(meetctl_huawei_conference_new_with_token(hw, CONF, "", &conf, &err), err,
             MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "control_token", NULL);
  err = NULL;
  CHECK(conf == NULL);
  conf = by_password(hw, CONF, HOST_PWD);
  EXPECT_ERR(meetctl_huawei_conference_apply_host(conf, BOB, "", &err), err, MEETCTL_STATUS_INVALID_ARGUMENT,
             MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "chairman_password", NULL);
  err = NULL;
  EXPECT_ERR(meetctl_huawei_conference_relinquish_host(conf, "a\nb", &err), err, MEETCTL_STATUS_INVALID_ARGUMENT,
             MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "participant_id", NULL);
  err = NULL;
  {
    meetctl_query_param q[1] = {{"conferenceID", "1"}};
    EXPECT_ERR(meetctl_huawei_conference_request(conf, "PUT", MUTE_PATH, q, 1, NULL, &answer, &err), err,
               MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "query", NULL);
    err = NULL;
  }
  CHECK(emu_count("request_count") == before); /* nothing reached the server */
  CHECK(emu_object_has("\"ms_open_id\":\"agaqwwgdkkddd\"", "\"role\":\"attendee\""));

  meetctl_huawei_conference_free(conf);
  meetctl_huawei_client_free(hw);
  meetctl_tencent_client_free(oauth);
  meetctl_tencent_client_free(c);
  meetctl_config_free(cfg);
}

static void auth_errors(void) {
  meetctl_tencent_client *bad_key = enterprise_with(APP_ID, SECRET_ID, "not-the-key", NULL);
  meetctl_huawei_client *hw = huawei();
  meetctl_huawei_conference *conf = by_password(hw, CONF, "000000");
  meetctl_error *err = NULL;
  meetctl_status st = meetctl_tencent_client_set_cohost(bad_key, MEETING, &HOST, &BOB_T, &err);
  CHECK(meetctl_error_get_vendor(err) == MEETCTL_VENDOR_TENCENT);
  CHECK(meetctl_error_get_http_status(err) == 400);
  CHECK_STR(meetctl_error_get_new_code(err), "200200003");
  EXPECT_ERR(st, err, MEETCTL_STATUS_AUTH, MEETCTL_ERROR_KIND_AUTH, NULL, "200003");
  err = NULL;
  st = meetctl_huawei_conference_apply_host(conf, BOB, HOST_PWD, &err);
  CHECK(meetctl_error_get_vendor(err) == MEETCTL_VENDOR_HUAWEI);
  CHECK(meetctl_error_get_request_id(err) != NULL);
  EXPECT_ERR(st, err, MEETCTL_STATUS_AUTH, MEETCTL_ERROR_KIND_AUTH, NULL, "MMC.111072065");
  err = NULL;
  {
    meetctl_config *cfg = config();
    meetctl_huawei_client *app = NULL;
    char *token = (char *)"untouched";
    CHECK(meetctl_huawei_client_new_app_id(cfg, "demoappid0001", "wrong-key", "bob", NULL, &app, NULL) ==
          MEETCTL_STATUS_OK);
    st = meetctl_huawei_client_access_token(app, &token, &err);
    CHECK(st == MEETCTL_STATUS_AUTH && meetctl_error_get_code(err) &&
          strncmp(meetctl_error_get_code(err), "USG.", 4) == 0);
    CHECK(token != NULL && strcmp(token, "untouched") == 0);
    meetctl_error_free(err);
    err = NULL;
    meetctl_huawei_client_free(app);
    meetctl_config_free(cfg);
  }
  meetctl_huawei_conference_free(conf);
  meetctl_huawei_client_free(hw);
  meetctl_tencent_client_free(bad_key);
}

static void permission_denied(void) {
  meetctl_tencent_client *c = enterprise();
  meetctl_huawei_client *hw = huawei();
  meetctl_huawei_conference *conf = by_password(hw, CONF, GUEST_PWD);
  meetctl_tencent_user attendee_op = {MEETCTL_ID_KIND_MS_OPEN_ID, "msopenid-dave", MEETCTL_INSTANCE_ANDROID};
  meetctl_error *err = NULL;
  meetctl_status st = meetctl_tencent_client_set_cohost(c, MEETING, &attendee_op, &BOB_T, &err);
  CHECK(meetctl_error_get_request_id(err) != NULL && strlen(meetctl_error_get_request_id(err)) > 0);
  CHECK(meetctl_error_get_retry_after_ms(err) == -1);
  EXPECT_ERR(st, err, MEETCTL_STATUS_PERMISSION_DENIED, MEETCTL_ERROR_KIND_PERMISSION_DENIED, NULL, "9042");
  err = NULL;
  CHECK(emu_object_has("\"ms_open_id\":\"agaqwwgdkkddd\"", "\"role\":\"attendee\""));
  EXPECT_ERR(meetctl_huawei_conference_apply_host(conf, BOB, "999999", &err), err,
             MEETCTL_STATUS_PERMISSION_DENIED, MEETCTL_ERROR_KIND_PERMISSION_DENIED, NULL, "MMC.111070002");
  meetctl_huawei_conference_free(conf);
  meetctl_huawei_client_free(hw);
  meetctl_tencent_client_free(c);
}

static void not_found(void) {
  meetctl_tencent_client *c = enterprise();
  meetctl_huawei_client *hw = huawei();
  meetctl_huawei_conference *conf = NULL;
  meetctl_error *err = NULL;
  meetctl_status st = meetctl_tencent_client_close_video(c, "999999999", &HOST, &BOB_T, &err);
  CHECK(meetctl_error_get_new_code(err) == NULL); /* 9xxx codes come without new_error_code */
  EXPECT_ERR(st, err, MEETCTL_STATUS_NOT_FOUND, MEETCTL_ERROR_KIND_NOT_FOUND, NULL, "9003");
  err = NULL;
  CHECK(meetctl_huawei_conference_new_with_token(hw, "123456789", "stbx", &conf, NULL) == MEETCTL_STATUS_OK);
  EXPECT_ERR(meetctl_huawei_conference_apply_host(conf, BOB, HOST_PWD, &err), err, MEETCTL_STATUS_NOT_FOUND,
             MEETCTL_ERROR_KIND_NOT_FOUND, NULL, "MMC.111070005");
  meetctl_huawei_conference_free(conf);
  meetctl_huawei_client_free(hw);
  meetctl_tencent_client_free(c);
}

static void rate_limited_with_retry_after(void) {
  /* One attempt: with retries, a Retry-After of 3 s would be waited for and the call repeated. */
  meetctl_tencent_client *c = enterprise_attempts(1);
  meetctl_huawei_client *hw = huawei_attempts(1);
  meetctl_huawei_conference *conf = by_password(hw, CONF, HOST_PWD);
  meetctl_error *err = NULL;
  meetctl_status st;
  CHECK(emu_fault("{\"kind\":\"rate_limit\",\"retry_after\":3}") == 0);
  st = meetctl_tencent_client_set_cohost(c, MEETING, &HOST, &BOB_T, &err);
  CHECK(meetctl_error_get_http_status(err) == 429);
  CHECK(meetctl_error_get_retry_after_ms(err) == 3000);
  CHECK(meetctl_error_get_attempts(err) == 1);
  CHECK_STR(meetctl_error_get_new_code(err), "200190310");
  EXPECT_ERR(st, err, MEETCTL_STATUS_RATE_LIMITED, MEETCTL_ERROR_KIND_RATE_LIMITED, NULL, "190310");
  err = NULL;
  CHECK(emu_fault("{\"kind\":\"rate_limit\",\"retry_after\":7,\"path_prefix\":\"" ROLE_PATH "\"}") == 0);
  st = meetctl_huawei_conference_apply_host(conf, BOB, HOST_PWD, &err);
  CHECK(meetctl_error_get_retry_after_ms(err) == 7000);
  EXPECT_ERR(st, err, MEETCTL_STATUS_RATE_LIMITED, MEETCTL_ERROR_KIND_RATE_LIMITED, NULL, "100000429");
  meetctl_huawei_conference_free(conf);
  meetctl_huawei_client_free(hw);
  meetctl_tencent_client_free(c);
}

static void api_errors(void) {
  meetctl_tencent_client *c = enterprise_attempts(1); /* a 503 would be retried */
  meetctl_huawei_client *hw = huawei();
  meetctl_huawei_conference *conf = by_password(hw, CONF_NOT_STARTED, "111111");
  meetctl_tencent_user erin = {MEETCTL_ID_KIND_MS_OPEN_ID, "msopenid-erin", MEETCTL_INSTANCE_PC};
  meetctl_error *err = NULL;
  meetctl_status st;
  EXPECT_ERR(meetctl_tencent_client_close_video(c, MEETING, &HOST, &erin, &err), err, MEETCTL_STATUS_API,
             MEETCTL_ERROR_KIND_API, NULL, "9104");
  err = NULL;
  CHECK(emu_fault("{\"kind\":\"status\",\"status\":503}") == 0);
  st = meetctl_tencent_client_set_cohost(c, MEETING, &HOST, &BOB_T, &err);
  CHECK(meetctl_error_get_http_status(err) == 503);
  CHECK(meetctl_error_get_attempts(err) == 1);
  EXPECT_ERR(st, err, MEETCTL_STATUS_API, MEETCTL_ERROR_KIND_API, NULL, NULL);
  err = NULL;
  /* The fault was one-shot. */
  CHECK(meetctl_tencent_client_revoke_cohost(c, MEETING, &HOST, &BOB_T, NULL) == MEETCTL_STATUS_OK);
  EXPECT_ERR(meetctl_huawei_conference_apply_host(conf, "p-zoe", "111111", &err), err, MEETCTL_STATUS_API,
             MEETCTL_ERROR_KIND_API, NULL, "MMC.111070006");
  meetctl_huawei_conference_free(conf);
  meetctl_huawei_client_free(hw);
  meetctl_tencent_client_free(c);
}

static void timeouts(void) {
  meetctl_config *cfg = config();
  meetctl_tencent_client *c = NULL;
  meetctl_error *err = NULL;
  CHECK(meetctl_config_set_timeout_ms(cfg, 300, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_tencent_client_new_enterprise(cfg, APP_ID, SECRET_ID, SECRET_KEY, NULL, &c, NULL) ==
        MEETCTL_STATUS_OK);
  CHECK(emu_fault("{\"kind\":\"delay\",\"ms\":1500}") == 0);
  EXPECT_ERR(meetctl_tencent_client_set_cohost(c, MEETING, &HOST, &BOB_T, &err), err, MEETCTL_STATUS_TIMEOUT,
             MEETCTL_ERROR_KIND_TIMEOUT, NULL, NULL);
  meetctl_tencent_client_free(c);
  meetctl_config_free(cfg);
}

static void connection_errors(void) {
  /* One attempt: a connection that could not be made, or a lost GET, would be retried. */
  meetctl_tencent_client *c = enterprise_attempts(1);
  meetctl_huawei_client *hw = huawei_attempts(1);
  meetctl_huawei_conference *conf = by_password(hw, CONF, HOST_PWD);
  meetctl_error *err = NULL;
  CHECK(emu_fault("{\"kind\":\"reset\"}") == 0);
  EXPECT_ERR(meetctl_tencent_client_set_cohost(c, MEETING, &HOST, &BOB_T, &err), err, MEETCTL_STATUS_CONNECTION,
             MEETCTL_ERROR_KIND_CONNECTION, NULL, NULL);
  err = NULL;
  CHECK(emu_fault("{\"kind\":\"reset\",\"path_prefix\":\"" TOKEN_PATH "\"}") == 0);
  EXPECT_ERR(meetctl_huawei_conference_relinquish_host(conf, BOB, &err), err, MEETCTL_STATUS_CONNECTION,
             MEETCTL_ERROR_KIND_CONNECTION, NULL, NULL);
  err = NULL;
  {
    /* Nothing listening: port 1 on loopback. */
    meetctl_config *cfg = meetctl_config_new();
    meetctl_tencent_client *nowhere = NULL;
    meetctl_config_set_base_url(cfg, "http://127.0.0.1:1", NULL);
    meetctl_config_disable_proxy(cfg, NULL);
    meetctl_config_set_max_attempts(cfg, 1, NULL);
    CHECK(meetctl_tencent_client_new_enterprise(cfg, APP_ID, SECRET_ID, SECRET_KEY, NULL, &nowhere, NULL) ==
          MEETCTL_STATUS_OK);
    EXPECT_ERR(meetctl_tencent_client_set_cohost(nowhere, MEETING, &HOST, &BOB_T, &err), err,
               MEETCTL_STATUS_CONNECTION, MEETCTL_ERROR_KIND_CONNECTION, NULL, NULL);
    meetctl_tencent_client_free(nowhere);
    meetctl_config_free(cfg);
  }
  meetctl_huawei_conference_free(conf);
  meetctl_huawei_client_free(hw);
  meetctl_tencent_client_free(c);
}

static void malformed_responses(void) {
  meetctl_tencent_client *c = enterprise();
  meetctl_config *cfg = config();
  meetctl_tencent_client *small = NULL;
  meetctl_huawei_client *hw = huawei();
  meetctl_huawei_conference *conf = by_password(hw, CONF, HOST_PWD);
  meetctl_query_param q[2] = {{"userid", "alice"}, {"instanceid", "1"}};
  meetctl_error *err = NULL;
  char *answer = NULL;
  CHECK(emu_fault("{\"kind\":\"malformed\"}") == 0);
  EXPECT_ERR(meetctl_tencent_client_set_cohost(c, MEETING, &HOST, &BOB_T, &err), err,
             MEETCTL_STATUS_MALFORMED_RESPONSE, MEETCTL_ERROR_KIND_MALFORMED_RESPONSE, NULL, NULL);
  err = NULL;
  CHECK(emu_fault("{\"kind\":\"malformed\",\"path_prefix\":\"" TOKEN_PATH "\"}") == 0);
  EXPECT_ERR(meetctl_huawei_conference_apply_host(conf, BOB, HOST_PWD, &err), err,
             MEETCTL_STATUS_MALFORMED_RESPONSE, MEETCTL_ERROR_KIND_MALFORMED_RESPONSE, NULL, NULL);
  err = NULL;
  CHECK(meetctl_config_set_max_response_bytes(cfg, 8, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_tencent_client_new_enterprise(cfg, APP_ID, SECRET_ID, SECRET_KEY, NULL, &small, NULL) ==
        MEETCTL_STATUS_OK);
  EXPECT_ERR(meetctl_tencent_client_request(small, "GET", "/v1/meetings/" MEETING, q, 2, NULL, &answer, &err), err,
             MEETCTL_STATUS_MALFORMED_RESPONSE, MEETCTL_ERROR_KIND_MALFORMED_RESPONSE, NULL, NULL);
  CHECK(answer == NULL);
  meetctl_huawei_conference_free(conf);
  meetctl_huawei_client_free(hw);
  meetctl_tencent_client_free(small);
  meetctl_config_free(cfg);
  meetctl_tencent_client_free(c);
}

/* Reads a whole file; NULL when it cannot. */
static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf = NULL;
  long n;
  if (!f) return NULL;
  if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
    buf = (char *)malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
      free(buf);
      buf = NULL;
    }
    if (buf) {
      buf[n] = '\0';
      *len = (size_t)n;
    }
  }
  fclose(f);
  return buf;
}

static void tls_untrusted_certificate_and_extra_ca(void) {
  /* tests/tls_server.py: HTTPS on loopback with a certificate from a throwaway test CA. */
  const char *url = getenv("MEETCTL_TEST_TLS_URL"), *ca_path = getenv("MEETCTL_TEST_TLS_CA");
  meetctl_config *cfg;
  meetctl_tencent_client *c = NULL;
  meetctl_error *err = NULL;
  char *pem, *answer = NULL;
  size_t pem_len = 0;
  CHECK(url != NULL && ca_path != NULL);
  if (!url || !ca_path) return;
  pem = read_file(ca_path, &pem_len);
  CHECK(pem != NULL);
  if (!pem) return;
  cfg = meetctl_config_new();
  meetctl_config_set_base_url(cfg, url, NULL);
  meetctl_config_disable_proxy(cfg, NULL);
  meetctl_config_set_timeout_ms(cfg, 10000, NULL);
  /* Not trusted: only the bundled roots. */
  CHECK(meetctl_tencent_client_new_enterprise(cfg, APP_ID, SECRET_ID, SECRET_KEY, NULL, &c, NULL) ==
        MEETCTL_STATUS_OK);
  {
    meetctl_status st = meetctl_tencent_client_request(c, "GET", "/v1/tls-check", NULL, 0, NULL, &answer, &err);
    CHECK(st == MEETCTL_STATUS_TLS);
    CHECK(meetctl_error_get_kind(err) == (meetctl_error_kind)st && meetctl_error_get_http_status(err) == 0);
    CHECK(answer == NULL);
    meetctl_error_free(err);
    err = NULL;
  }
  meetctl_tencent_client_free(c);
  c = NULL;
  /* Trusted through the extra CA. */
  CHECK(meetctl_config_set_extra_ca_pem(cfg, (const uint8_t *)pem, pem_len, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_tencent_client_new_enterprise(cfg, APP_ID, SECRET_ID, SECRET_KEY, NULL, &c, NULL) ==
        MEETCTL_STATUS_OK);
  CHECK(meetctl_tencent_client_request(c, "GET", "/v1/tls-check", NULL, 0, NULL, &answer, NULL) ==
        MEETCTL_STATUS_OK);
  CHECK_STR(answer, "{}");
  meetctl_string_free(answer);
  meetctl_tencent_client_free(c);
  meetctl_config_free(cfg);
  free(pem);
}

/* ------------------------------------------------------------------ NULL, UTF-8, free(NULL) */

static void null_arguments(void) {
  meetctl_tencent_client *c = enterprise();
  meetctl_huawei_client *hw = huawei();
  meetctl_huawei_conference *conf = by_password(hw, CONF, HOST_PWD);
  meetctl_error *err = NULL;
  meetctl_tencent_user null_id = {MEETCTL_ID_KIND_UUID, NULL, MEETCTL_INSTANCE_PC};
  meetctl_query_param q[1] = {{NULL, "x"}};
  const char *null_ids[1] = {NULL};
  meetctl_tencent_client *tc = NULL;
  meetctl_huawei_client *hc = NULL;
  meetctl_huawei_conference *hconf = NULL;
  meetctl_prepared *p = NULL;
  char *answer = NULL;
  long before = emu_count("request_count");

#define EXPECT_NULL(call, field)                                                                            \
  do {                                                                                                      \
    err = NULL;                                                                                             \
    EXPECT_ERR((call), err, MEETCTL_STATUS_NULL_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, field, NULL); \
  } while (0)

  EXPECT_NULL(meetctl_tencent_client_set_cohost(NULL, MEETING, &HOST, &BOB_T, &err), "client");
  EXPECT_NULL(meetctl_tencent_client_set_cohost(c, NULL, &HOST, &BOB_T, &err), "meeting_id");
  EXPECT_NULL(meetctl_tencent_client_revoke_cohost(c, MEETING, NULL, &BOB_T, &err), "operator");
  EXPECT_NULL(meetctl_tencent_client_close_video(c, MEETING, &HOST, NULL, &err), "user");
  EXPECT_NULL(meetctl_tencent_client_close_video(c, MEETING, &HOST, &null_id, &err), "user.id");
  EXPECT_NULL(meetctl_tencent_client_request(c, NULL, "/v1/x", NULL, 0, NULL, &answer, &err), "method");
  EXPECT_NULL(meetctl_tencent_client_request(c, "GET", NULL, NULL, 0, NULL, &answer, &err), "path");
  EXPECT_NULL(meetctl_tencent_client_request(c, "GET", "/v1/x", NULL, 2, NULL, &answer, &err), "query");
  EXPECT_NULL(meetctl_tencent_client_request(c, "GET", "/v1/x", q, 1, NULL, &answer, &err), "query[0].name");
  EXPECT_NULL(meetctl_tencent_client_request(c, "GET", "/v1/x", NULL, 0, NULL, NULL, &err), "answer_out");
  EXPECT_NULL(meetctl_tencent_client_prepare(c, MEETCTL_TENCENT_OPERATION_SET_COHOST, MEETING, &HOST, &BOB_T, 1, NULL,
                                             NULL, &err),
              "prepared_out");
  EXPECT_NULL(meetctl_tencent_client_prepare(NULL, MEETCTL_TENCENT_OPERATION_CLOSE_VIDEO, MEETING, &HOST, &BOB_T, 1,
                                             NULL, &p, &err),
              "client");
  EXPECT_NULL(meetctl_tencent_client_new_enterprise(NULL, APP_ID, NULL, SECRET_KEY, NULL, &tc, &err), "secret_id");
  EXPECT_NULL(meetctl_tencent_client_new_oauth(NULL, "o", NULL, &tc, &err), "access_token");
  EXPECT_NULL(meetctl_tencent_client_new_oauth(NULL, "o", "t", NULL, &err), "client_out");
  EXPECT_NULL(meetctl_config_set_base_url(NULL, "http://x", &err), "config");
  EXPECT_NULL(meetctl_config_set_timeout_ms(NULL, 1, &err), "config");
  EXPECT_NULL(meetctl_config_set_extra_ca_pem(NULL, NULL, 0, &err), "config");
  EXPECT_NULL(meetctl_huawei_client_new(NULL, NULL, &err), "client_out");
  EXPECT_NULL(meetctl_huawei_client_new_app_id(NULL, NULL, "k", NULL, NULL, &hc, &err), "app_id");
  EXPECT_NULL(meetctl_huawei_client_access_token(NULL, &answer, &err), "client");
  EXPECT_NULL(meetctl_huawei_conference_new_with_password(hw, CONF, NULL, &hconf, &err), "password");
  EXPECT_NULL(meetctl_huawei_conference_new_with_token(NULL, CONF, "t", &hconf, &err), "client");
  EXPECT_NULL(meetctl_huawei_conference_apply_host(conf, BOB, NULL, &err), "chairman_password");
  EXPECT_NULL(meetctl_huawei_conference_relinquish_host(NULL, BOB, &err), "conference");
  EXPECT_NULL(meetctl_huawei_conference_request(conf, "PUT", MUTE_PATH, NULL, 0, NULL, NULL, &err), "answer_out");
  EXPECT_NULL(meetctl_huawei_conference_control_token(conf, NULL, &err), "token_out");
  EXPECT_NULL(meetctl_huawei_conference_prepare(conf, MEETCTL_HUAWEI_OPERATION_RELINQUISH_HOST, null_ids, 1, NULL,
                                                &p, &err),
              "participant_ids[0]");
  CHECK(tc == NULL && hc == NULL && hconf == NULL && p == NULL && answer == NULL);

  /* err_out itself may be NULL: the status alone is returned. */
  CHECK(meetctl_tencent_client_set_cohost(NULL, NULL, NULL, NULL, NULL) == MEETCTL_STATUS_NULL_ARGUMENT);
  CHECK(emu_count("request_count") == before);

  meetctl_huawei_conference_free(conf);
  meetctl_huawei_client_free(hw);
  meetctl_tencent_client_free(c);
#undef EXPECT_NULL
}

static void invalid_utf8_arguments(void) {
  meetctl_tencent_client *c = enterprise();
  meetctl_huawei_client *hw = huawei();
  meetctl_huawei_conference *conf = by_password(hw, CONF, HOST_PWD);
  meetctl_error *err = NULL;
  meetctl_tencent_client *tc = NULL;
  meetctl_huawei_client *hc = NULL;
  meetctl_huawei_conference *hconf = NULL;
  meetctl_tencent_user bad_id = {MEETCTL_ID_KIND_MS_OPEN_ID, "\xc3\x28", MEETCTL_INSTANCE_IOS};
  meetctl_query_param q[1] = {{"ok", "\xff"}};
  meetctl_config *cfg = meetctl_config_new();
  char *answer = NULL;
  long before = emu_count("request_count");

#define EXPECT_UTF8(call, field)                                                                            \
  do {                                                                                                      \
    err = NULL;                                                                                             \
    EXPECT_ERR((call), err, MEETCTL_STATUS_INVALID_UTF8, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, field, NULL); \
  } while (0)

  EXPECT_UTF8(meetctl_tencent_client_set_cohost(c, "\xff\xfe", &HOST, &BOB_T, &err), "meeting_id");
  EXPECT_UTF8(meetctl_tencent_client_set_cohost(c, MEETING, &bad_id, &BOB_T, &err), "operator.id");
  EXPECT_UTF8(meetctl_tencent_client_new_enterprise(NULL, APP_ID, SECRET_ID, "k\xe2\x82", NULL, &tc, &err),
              "secret_key");
  EXPECT_UTF8(meetctl_tencent_client_request(c, "GET", "/v1/x", q, 1, NULL, &answer, &err), "query[0].value");
  EXPECT_UTF8(meetctl_tencent_client_request(c, "PUT", "/v1/x", NULL, 0, "{\"a\":\"\xff\"}", &answer, &err),
              "body_json");
  EXPECT_UTF8(meetctl_config_set_base_url(cfg, "http://\xff", &err), "base_url");
  EXPECT_UTF8(meetctl_config_set_region(cfg, "\xff", &err), "region");
  EXPECT_UTF8(meetctl_huawei_conference_apply_host(conf, "\x80", HOST_PWD, &err), "participant_id");
  EXPECT_UTF8(meetctl_huawei_conference_new_with_password(hw, "\xfe", HOST_PWD, &hconf, &err), "conference_id");
  EXPECT_UTF8(meetctl_huawei_client_new_account(NULL, "acct", "\xc0\xaf", &hc, &err),
              "password");
  CHECK(tc == NULL && hc == NULL && hconf == NULL && answer == NULL);
  CHECK(emu_count("request_count") == before);
  meetctl_config_free(cfg);
  meetctl_huawei_conference_free(conf);
  meetctl_huawei_client_free(hw);
  meetctl_tencent_client_free(c);
#undef EXPECT_UTF8
}

/* ------------------------------------------------------------------ lengths and numbers out of range */

/* Defect 11: a length is checked before anything is read. A real one-entry array with a length of
 * SIZE_MAX used to be read as SIZE_MAX entries (a crash), and SIZE_MAX bytes of PEM were a
 * "capacity overflow" panic (MEETCTL_STATUS_PANIC). Now: MEETCTL_STATUS_INVALID_ARGUMENT naming the
 * length parameter, nothing sent. */
static void lengths_are_checked_before_anything_is_read(void) {
  meetctl_tencent_client *c = enterprise();
  meetctl_huawei_client *hw = huawei();
  meetctl_huawei_conference *conf = by_password(hw, CONF, HOST_PWD);
  meetctl_config *cfg = meetctl_config_new();
  meetctl_query_param q[2] = {{"userid", "alice"}, {"instanceid", "1"}};
  const char *ids[1] = {BOB};
  static const char pem[] = "-----BEGIN CERTIFICATE-----\n";
  meetctl_error *err = NULL;
  meetctl_prepared *p = NULL;
  meetctl_participant_list *list = NULL;
  char *answer = NULL;
  const size_t huge[3] = {SIZE_MAX, (size_t)PTRDIFF_MAX + 1, (size_t)1 << 20 | 1};
  long before = emu_count("request_count");
  size_t i;

#define EXPECT_LEN(call, field)                                                                                 \
  do {                                                                                                          \
    err = NULL;                                                                                                 \
    EXPECT_ERR((call), err, MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, field, NULL); \
  } while (0)

  for (i = 0; i < 3; i++) {
    const size_t n = huge[i];
    EXPECT_LEN(meetctl_tencent_client_request(c, "GET", "/v1/meetings/" MEETING, q, n, NULL, &answer, &err),
               "query_len");
    EXPECT_LEN(meetctl_tencent_client_prepare_request(c, "GET", "/v1/meetings/" MEETING, q, n, NULL, &p, &err),
               "query_len");
    EXPECT_LEN(meetctl_huawei_conference_request(conf, "PUT", MUTE_PATH, q, n, "{\"isMute\":1}", &answer, &err),
               "query_len");
    EXPECT_LEN(meetctl_huawei_conference_prepare_request(conf, "PUT", MUTE_PATH, q, n, NULL, &p, &err),
               "query_len");
    EXPECT_LEN(meetctl_tencent_client_control(c, MEETCTL_TENCENT_OPERATION_MUTE, MEETING, &HOST, &BOB_T, n, NULL,
                                              &answer, &err),
               "targets_len");
    EXPECT_LEN(meetctl_tencent_client_prepare(c, MEETCTL_TENCENT_OPERATION_MUTE, MEETING, &HOST, &BOB_T, n, NULL, &p,
                                              &err),
               "targets_len");
    EXPECT_LEN(meetctl_huawei_conference_control(conf, MEETCTL_HUAWEI_OPERATION_MUTE, ids, n, NULL, &answer, &err),
               "participant_ids_len");
    EXPECT_LEN(meetctl_huawei_conference_prepare(conf, MEETCTL_HUAWEI_OPERATION_MUTE, ids, n, NULL, &p, &err),
               "participant_ids_len");
    EXPECT_LEN(meetctl_participant_list_from_ids(ids, n, &list, &err), "len");
    /* Even with NULL for the array: the length is what is wrong. */
    EXPECT_LEN(meetctl_tencent_client_request(c, "GET", "/v1/x", NULL, n, NULL, &answer, &err), "query_len");
    EXPECT_LEN(meetctl_config_set_extra_ca_pem(cfg, (const uint8_t *)pem, n, &err), "pem_len");
  }
  /* PEM text is capped at 1 MiB. */
  EXPECT_LEN(meetctl_config_set_extra_ca_pem(cfg, (const uint8_t *)pem, (1u << 20) + 1, &err), "pem_len");
  CHECK(meetctl_config_set_extra_ca_pem(cfg, (const uint8_t *)pem, sizeof pem - 1, NULL) == MEETCTL_STATUS_OK);
  CHECK(p == NULL && list == NULL && answer == NULL);
  CHECK(emu_count("request_count") == before);
  /* The real lengths still work. */
  CHECK(meetctl_tencent_client_request(c, "GET", "/v1/meetings/" MEETING, q, 2, NULL, &answer, NULL) ==
        MEETCTL_STATUS_OK);
  meetctl_string_free(answer);
  meetctl_config_free(cfg);
  meetctl_huawei_conference_free(conf);
  meetctl_huawei_client_free(hw);
  meetctl_tencent_client_free(c);
#undef EXPECT_LEN
}

/* Defect 3: numbers out of range are refused by their setter, naming the field, and leave the
 * config as it was: UINT64_MAX milliseconds (which used to reach the core as 584 million years),
 * 0, just over an hour; response caps of 0 or over 64 MiB; 0 or 11 attempts. */
static void config_numbers_out_of_range_are_refused_naming_the_field(void) {
  meetctl_config *cfg = config(); /* the emulator, 10 s */
  meetctl_tencent_client *c = NULL;
  meetctl_error *err = NULL;
  const uint64_t bad_ms[4] = {UINT64_MAX, 0, 3600001, (uint64_t)-1000};
  const uint64_t bad_bytes[3] = {0, (64u << 20) + 1, UINT64_MAX};
  const uint32_t bad_attempts[3] = {0, 11, UINT32_MAX};
  size_t i;

#define EXPECT_RANGE(call, field)                                                                               \
  do {                                                                                                          \
    err = NULL;                                                                                                 \
    EXPECT_ERR((call), err, MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, field, NULL); \
  } while (0)

  for (i = 0; i < 4; i++) {
    EXPECT_RANGE(meetctl_config_set_timeout_ms(cfg, bad_ms[i], &err), "timeout");
    EXPECT_RANGE(meetctl_config_set_connect_timeout_ms(cfg, bad_ms[i], &err), "connect_timeout");
    EXPECT_RANGE(meetctl_config_set_read_timeout_ms(cfg, bad_ms[i], &err), "read_timeout");
  }
  for (i = 0; i < 3; i++) {
    EXPECT_RANGE(meetctl_config_set_max_response_bytes(cfg, bad_bytes[i], &err), "max_response_bytes");
    EXPECT_RANGE(meetctl_config_set_max_attempts(cfg, bad_attempts[i], &err), "max_attempts");
  }
  err = NULL;
  EXPECT_ERR(meetctl_config_set_max_attempts(NULL, 2, &err), err, MEETCTL_STATUS_NULL_ARGUMENT,
             MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "config", NULL);
  err = NULL;
  EXPECT_ERR(meetctl_config_set_allow_insecure_http(NULL, true, &err), err, MEETCTL_STATUS_NULL_ARGUMENT,
             MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "config", NULL);
  /* The limits themselves are accepted. */
  CHECK(meetctl_config_set_connect_timeout_ms(cfg, 3600000, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_config_set_read_timeout_ms(cfg, 3600000, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_config_set_max_response_bytes(cfg, 64u << 20, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_config_set_max_attempts(cfg, 10, NULL) == MEETCTL_STATUS_OK);
  /* Nothing refused reached the config: a client made from it works, with its 10 s timeout. */
  CHECK(meetctl_tencent_client_new_enterprise(cfg, APP_ID, SECRET_ID, SECRET_KEY, NULL, &c, NULL) ==
        MEETCTL_STATUS_OK);
  CHECK(meetctl_tencent_client_set_cohost(c, MEETING, &HOST, &BOB_T, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_tencent_client_revoke_cohost(c, MEETING, &HOST, &BOB_T, NULL) == MEETCTL_STATUS_OK);
  meetctl_tencent_client_free(c);
  meetctl_config_free(cfg);
#undef EXPECT_RANGE
}

/* Plain http:// only to loopback unless allowed: the emulator (127.0.0.1) is always reachable;
 * another host is refused when the client is made (field base_url), nothing sent, unless
 * meetctl_config_set_allow_insecure_http. */
static void plain_http_only_to_loopback_unless_allowed(void) {
  meetctl_config *cfg = config();
  meetctl_tencent_client *c = NULL;
  meetctl_huawei_client *hw = NULL;
  meetctl_error *err = NULL;
  char localhost[256];
  const char *port = strrchr(emu_base, ':');
  long before = emu_count("request_count");

  /* Loopback, by address and by name, with the default (false) and with true. */
  CHECK(meetctl_tencent_client_new_enterprise(cfg, APP_ID, SECRET_ID, SECRET_KEY, NULL, &c, NULL) ==
        MEETCTL_STATUS_OK);
  CHECK(meetctl_tencent_client_set_cohost(c, MEETING, &HOST, &BOB_T, NULL) == MEETCTL_STATUS_OK);
  meetctl_tencent_client_free(c);
  c = NULL;
  CHECK(port != NULL);
  snprintf(localhost, sizeof localhost, "http://localhost%s", port ? port : ":1");
  CHECK(meetctl_config_set_base_url(cfg, localhost, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_config_set_allow_insecure_http(cfg, true, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_tencent_client_new_enterprise(cfg, APP_ID, SECRET_ID, SECRET_KEY, NULL, &c, NULL) ==
        MEETCTL_STATUS_OK);
  CHECK(meetctl_tencent_client_revoke_cohost(c, MEETING, &HOST, &BOB_T, NULL) == MEETCTL_STATUS_OK);
  meetctl_tencent_client_free(c);
  c = NULL;
  CHECK(emu_count("request_count") == before + 2);

  /* Another host over plain http: refused for both vendors unless allowed. */
  CHECK(meetctl_config_set_allow_insecure_http(cfg, false, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_config_set_base_url(cfg, "http://10.255.255.1:8080", NULL) == MEETCTL_STATUS_OK);
  EXPECT_ERR(meetctl_tencent_client_new_enterprise(cfg, APP_ID, SECRET_ID, SECRET_KEY, NULL, &c, &err), err,
             MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "base_url", NULL);
  err = NULL;
  EXPECT_ERR(meetctl_huawei_client_new(cfg, &hw, &err), err, MEETCTL_STATUS_INVALID_ARGUMENT,
             MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "base_url", NULL);
  err = NULL;
  CHECK(c == NULL && hw == NULL);
  CHECK(meetctl_config_set_allow_insecure_http(cfg, true, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_tencent_client_new_enterprise(cfg, APP_ID, SECRET_ID, SECRET_KEY, NULL, &c, NULL) ==
        MEETCTL_STATUS_OK);
  CHECK(meetctl_huawei_client_new(cfg, &hw, NULL) == MEETCTL_STATUS_OK);
  CHECK_STR(meetctl_tencent_client_get_base_url(c), "http://10.255.255.1:8080");
  CHECK(emu_count("request_count") == before + 2);
  meetctl_huawei_client_free(hw);
  meetctl_tencent_client_free(c);
  meetctl_config_free(cfg);
}

/* The retry policy: an operation safe to repeat is tried again after a 503 or 502, up to
 * max_attempts times, each attempt a request of its own; the error says how many were made. */
static void retries_and_attempts(void) {
  meetctl_tencent_client *dflt = enterprise(); /* the default: 3 attempts */
  meetctl_tencent_client *two = enterprise_attempts(2);
  meetctl_tencent_client *once = enterprise_attempts(1);
  meetctl_huawei_client *hw = huawei_attempts(3);
  meetctl_huawei_conference *conf = by_password(hw, CONF, HOST_PWD);
  meetctl_query_param q[1] = {{"participantID", CAROL}};
  meetctl_error *err = NULL;
  char *answer = NULL;
  long before;
  meetctl_status st;

  /* Two 503s, then success: one call, three requests. */
  before = emu_count("request_count");
  CHECK(emu_fault("{\"kind\":\"status\",\"status\":503,\"times\":2}") == 0);
  CHECK(meetctl_tencent_client_set_cohost(dflt, MEETING, &HOST, &BOB_T, NULL) == MEETCTL_STATUS_OK);
  CHECK(emu_count("request_count") == before + 3);
  CHECK(emu_object_has("\"ms_open_id\":\"agaqwwgdkkddd\"", "\"role\":\"cohost\""));

  /* Out of attempts: the last answer, and how many attempts were made. */
  before = emu_count("request_count");
  CHECK(emu_fault("{\"kind\":\"status\",\"status\":503,\"times\":2}") == 0);
  st = meetctl_tencent_client_revoke_cohost(two, MEETING, &HOST, &BOB_T, &err);
  CHECK(meetctl_error_get_attempts(err) == 2);
  CHECK(meetctl_error_get_http_status(err) == 503);
  EXPECT_ERR(st, err, MEETCTL_STATUS_API, MEETCTL_ERROR_KIND_API, NULL, NULL);
  err = NULL;
  CHECK(emu_count("request_count") == before + 2);

  CHECK(emu_fault("{\"kind\":\"status\",\"status\":503}") == 0);
  st = meetctl_tencent_client_revoke_cohost(once, MEETING, &HOST, &BOB_T, &err);
  CHECK(meetctl_error_get_attempts(err) == 1);
  EXPECT_ERR(st, err, MEETCTL_STATUS_API, MEETCTL_ERROR_KIND_API, NULL, NULL);
  err = NULL;

  /* A business error is never retried; an invalid argument sends nothing (0 attempts). */
  before = emu_count("request_count");
  {
    meetctl_tencent_user erin = {MEETCTL_ID_KIND_MS_OPEN_ID, "msopenid-erin", MEETCTL_INSTANCE_PC};
    st = meetctl_tencent_client_close_video(dflt, MEETING, &HOST, &erin, &err);
    CHECK(meetctl_error_get_attempts(err) == 1);
    EXPECT_ERR(st, err, MEETCTL_STATUS_API, MEETCTL_ERROR_KIND_API, NULL, "9104");
    err = NULL;
  }
  CHECK(emu_count("request_count") == before + 1);
  st = meetctl_tencent_client_set_cohost(dflt, "", &HOST, &BOB_T, &err);
  CHECK(meetctl_error_get_attempts(err) == 0);
  EXPECT_ERR(st, err, MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "meeting_id", NULL);
  err = NULL;

  /* Huawei, three attempts, three 502s. */
  CHECK(meetctl_huawei_conference_control_token(conf, &answer, NULL) == MEETCTL_STATUS_OK); /* the token first */
  meetctl_string_free(answer);
  answer = NULL;
  before = emu_count("request_count");
  CHECK(emu_fault("{\"kind\":\"status\",\"status\":502,\"times\":3,\"path_prefix\":\"" MUTE_PATH "\"}") == 0);
  {
    const char *carol[1] = {CAROL};
    st = meetctl_huawei_conference_control(conf, MEETCTL_HUAWEI_OPERATION_UNMUTE, carol, 1, NULL, &answer, &err);
  }
  CHECK(meetctl_error_get_attempts(err) == 3 && meetctl_error_get_http_status(err) == 502);
  CHECK(meetctl_error_get_vendor(err) == MEETCTL_VENDOR_HUAWEI);
  EXPECT_ERR(st, err, MEETCTL_STATUS_API, MEETCTL_ERROR_KIND_API, NULL, NULL);
  err = NULL;
  CHECK(answer == NULL);
  CHECK(emu_count("request_count") == before + 3);

  /* An endpoint meetctl has no row for is repeated after a 502 only when it is a GET: a PUT of
   * unknown effect may have been acted on. */
  before = emu_count("request_count");
  CHECK(emu_fault("{\"kind\":\"status\",\"status\":502,\"path_prefix\":\"" MUTE_PATH "\"}") == 0);
  st = meetctl_huawei_conference_request(conf, "PUT", MUTE_PATH, q, 1, "{\"isMute\":0}", &answer, &err);
  CHECK(meetctl_error_get_attempts(err) == 1 && meetctl_error_get_http_status(err) == 502);
  EXPECT_ERR(st, err, MEETCTL_STATUS_API, MEETCTL_ERROR_KIND_API, NULL, NULL);
  CHECK(answer == NULL);
  CHECK(emu_count("request_count") == before + 1);
  meetctl_huawei_conference_free(conf);
  meetctl_huawei_client_free(hw);
  meetctl_tencent_client_free(once);
  meetctl_tencent_client_free(two);
  meetctl_tencent_client_free(dflt);
}

static void free_null_and_null_accessors(void) {
  meetctl_config_free(NULL);
  meetctl_error_free(NULL);
  meetctl_string_free(NULL);
  meetctl_prepared_free(NULL);
  meetctl_tencent_client_free(NULL);
  meetctl_huawei_client_free(NULL);
  meetctl_huawei_conference_free(NULL);
  CHECK(meetctl_error_get_message(NULL) == NULL);
  CHECK(meetctl_error_get_description(NULL) == NULL);
  CHECK(meetctl_error_get_field(NULL) == NULL);
  CHECK(meetctl_error_get_code(NULL) == NULL);
  CHECK(meetctl_error_get_new_code(NULL) == NULL);
  CHECK(meetctl_error_get_request_id(NULL) == NULL);
  CHECK(meetctl_error_get_http_status(NULL) == 0);
  CHECK(meetctl_error_get_retry_after_ms(NULL) == -1);
  CHECK(meetctl_error_get_vendor(NULL) == MEETCTL_VENDOR_NONE);
  CHECK(meetctl_prepared_get_method(NULL) == NULL);
  CHECK(meetctl_prepared_get_url(NULL) == NULL);
  CHECK(meetctl_prepared_get_header_count(NULL) == 0);
  CHECK(meetctl_prepared_get_header_name(NULL, 0) == NULL);
  CHECK(meetctl_prepared_get_header_value(NULL, 0) == NULL);
  CHECK(meetctl_prepared_get_header(NULL, "x") == NULL);
  CHECK(meetctl_prepared_get_body(NULL) == NULL);
  CHECK(meetctl_prepared_get_body_len(NULL) == 0);
  CHECK(!meetctl_prepared_get_safe_to_repeat(NULL));
  CHECK(meetctl_tencent_client_get_base_url(NULL) == NULL);
  CHECK(meetctl_huawei_client_get_base_url(NULL) == NULL);
  CHECK(meetctl_huawei_client_get_region(NULL) == NULL);
  CHECK(meetctl_huawei_conference_get_id(NULL) == NULL);
}

/* ------------------------------------------------------------------ threads */

#define THREADS 8
#define CALLS_PER_THREAD 5

struct tencent_job {
  const meetctl_tencent_client *client;
  int index;
  int failures;
};

static void *tencent_worker(void *arg) {
  struct tencent_job *job = (struct tencent_job *)arg;
  int i;
  for (i = 0; i < CALLS_PER_THREAD; i++) {
    meetctl_error *err = NULL;
    meetctl_status st = job->index % 2 == 0
                            ? meetctl_tencent_client_set_cohost(job->client, MEETING, &HOST, &BOB_T, &err)
                            : meetctl_tencent_client_close_video(job->client, MEETING, &HOST, &BOB_T, &err);
    if (st != MEETCTL_STATUS_OK) {
      fprintf(stderr, "  thread %d: %s\n", job->index, meetctl_error_get_description(err));
      job->failures++;
    }
    meetctl_error_free(err);
  }
  return NULL;
}

static void eight_threads_share_one_tencent_client(void) {
  meetctl_tencent_client *c = enterprise();
  pthread_t threads[THREADS];
  struct tencent_job jobs[THREADS];
  long before = emu_count("request_count");
  int i;
  for (i = 0; i < THREADS; i++) {
    jobs[i].client = c;
    jobs[i].index = i;
    jobs[i].failures = 0;
    CHECK(pthread_create(&threads[i], NULL, tencent_worker, &jobs[i]) == 0);
  }
  for (i = 0; i < THREADS; i++) {
    CHECK(pthread_join(threads[i], NULL) == 0);
    CHECK(jobs[i].failures == 0);
  }
  CHECK(emu_count("request_count") == before + THREADS * CALLS_PER_THREAD);
  CHECK(emu_object_has("\"ms_open_id\":\"agaqwwgdkkddd\"", "\"role\":\"cohost\""));
  CHECK(emu_object_has("\"ms_open_id\":\"agaqwwgdkkddd\"", "\"video\":false"));
  meetctl_tencent_client_free(c);
}

struct huawei_job {
  const meetctl_huawei_conference *conference;
  int ok;
};

static void *huawei_worker(void *arg) {
  struct huawei_job *job = (struct huawei_job *)arg;
  meetctl_query_param q[1] = {{"participantID", CAROL}};
  char *answer = NULL;
  job->ok = meetctl_huawei_conference_request(job->conference, "PUT", MUTE_PATH, q, 1, "{\"isMute\":0}", &answer,
                                              NULL) == MEETCTL_STATUS_OK;
  meetctl_string_free(answer);
  return NULL;
}

static void eight_threads_share_one_conference_and_one_token_refresh(void) {
  meetctl_huawei_client *hw = huawei();
  meetctl_huawei_conference *conf = by_password(hw, CONF, HOST_PWD);
  pthread_t threads[THREADS];
  struct huawei_job jobs[THREADS];
  long issued = emu_count("control_tokens_issued");
  int i;
  CHECK(emu_fault("{\"kind\":\"delay\",\"ms\":300,\"path_prefix\":\"" TOKEN_PATH "\"}") == 0);
  for (i = 0; i < THREADS; i++) {
    jobs[i].conference = conf;
    jobs[i].ok = 0;
    CHECK(pthread_create(&threads[i], NULL, huawei_worker, &jobs[i]) == 0);
  }
  for (i = 0; i < THREADS; i++) {
    CHECK(pthread_join(threads[i], NULL) == 0);
    CHECK(jobs[i].ok);
  }
  CHECK(emu_count("control_tokens_issued") == issued + 1);
  CHECK(emu_object_has("\"participant_id\":\"" CAROL "\"", "\"muted\":false"));
  meetctl_huawei_conference_free(conf);
  meetctl_huawei_client_free(hw);
}

/* ------------------------------------------------------------------ cancelling a call */

/* A TCP server on 127.0.0.1 that accepts connections and reads what comes, and never answers: a
 * call to it waits for an answer until its timeout, or until it is cancelled. Stopped through a
 * pipe, so that its thread never blocks where it cannot be woken. */
#define SILENT_MAX_CONNS 8

struct silent_server {
  int listen_fd;
  int stop[2]; /* a pipe: a byte written to stop[1] ends the thread */
  int port;
  int accepted; /* connections accepted; read after the thread is joined */
  pthread_t thread;
};

static void *silent_server_run(void *arg) {
  struct silent_server *s = (struct silent_server *)arg;
  int conns[SILENT_MAX_CONNS];
  int n = 0, i;
  char buf[4096];
  for (;;) {
    struct pollfd fds[2 + SILENT_MAX_CONNS];
    fds[0].fd = s->stop[0];
    fds[0].events = POLLIN;
    fds[1].fd = s->listen_fd;
    fds[1].events = POLLIN;
    for (i = 0; i < n; i++) {
      fds[2 + i].fd = conns[i];
      fds[2 + i].events = POLLIN;
    }
    if (poll(fds, (nfds_t)(2 + n), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[0].revents) break;
    for (i = n - 1; i >= 0; i--) { /* read and drop; a closed connection is forgotten */
      if (fds[2 + i].revents && read(conns[i], buf, sizeof buf) <= 0) {
        close(conns[i]);
        conns[i] = conns[--n];
      }
    }
    if (fds[1].revents & POLLIN) {
      int c = accept(s->listen_fd, NULL, NULL);
      if (c >= 0) {
        s->accepted++;
        if (n < SILENT_MAX_CONNS) {
          conns[n++] = c;
        } else {
          close(c);
        }
      }
    }
  }
  for (i = 0; i < n; i++) close(conns[i]);
  return NULL;
}

/* Starts the server on an ephemeral port. 0 on success. */
static int silent_server_start(struct silent_server *s) {
  struct sockaddr_in addr;
  socklen_t len = sizeof addr;
  memset(s, 0, sizeof *s);
  s->listen_fd = socket(AF_INET, SOCK_STREAM, 0);
  if (s->listen_fd < 0) return -1;
  memset(&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (bind(s->listen_fd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(s->listen_fd, 8) != 0 ||
      getsockname(s->listen_fd, (struct sockaddr *)&addr, &len) != 0 || pipe(s->stop) != 0) {
    close(s->listen_fd);
    return -1;
  }
  s->port = ntohs(addr.sin_port);
  if (pthread_create(&s->thread, NULL, silent_server_run, s) != 0) {
    close(s->stop[0]);
    close(s->stop[1]);
    close(s->listen_fd);
    return -1;
  }
  return 0;
}

static void silent_server_stop(struct silent_server *s) {
  CHECK(write(s->stop[1], "x", 1) == 1);
  CHECK(pthread_join(s->thread, NULL) == 0);
  close(s->stop[0]);
  close(s->stop[1]);
  close(s->listen_fd);
}

/* Monotonic milliseconds. */
static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* The thread that fires: sleeps `delay_ms`, notes the time, fires. */
struct firing {
  const meetctl_cancel *handle;
  long delay_ms;
  double fired_at_ms;
};

static void *fire_later(void *arg) {
  struct firing *f = (struct firing *)arg;
  struct timespec delay;
  delay.tv_sec = f->delay_ms / 1000;
  delay.tv_nsec = (f->delay_ms % 1000) * 1000000L;
  while (nanosleep(&delay, &delay) != 0 && errno == EINTR) {
  }
  f->fired_at_ms = now_ms();
  meetctl_cancel_fire(f->handle);
  return NULL;
}

/* A call on another thread, which no handle is bound to: against the emulator, it succeeds. */
static void *set_cohost_on_the_emulator(void *arg) {
  int *ok = (int *)arg;
  meetctl_tencent_client *c = enterprise();
  *ok = meetctl_tencent_client_set_cohost(c, MEETING, &HOST, &BOB_T, NULL) == MEETCTL_STATUS_OK;
  meetctl_tencent_client_free(c);
  return NULL;
}

/* A call blocked on a server that never answers (30 s timeout, no retries) ends soon after a fire
 * from another thread: MEETCTL_STATUS_CANCELLED, the request may have been sent. The handle stays
 * fired: the next call of the thread fails at once, nothing sent. Other threads are not bound;
 * once unbound, this thread's calls go through again. */
static void cancel_a_call_blocked_on_a_silent_server(void) {
  struct silent_server server;
  meetctl_config *cfg;
  meetctl_tencent_client *silent = NULL, *emu = NULL;
  meetctl_cancel *cancel;
  meetctl_error *err = NULL;
  meetctl_status st;
  struct firing firing;
  pthread_t firing_thread, other_thread;
  char url[64];
  double started, returned;
  int other_ok = 0;

  if (silent_server_start(&server) != 0) {
    CHECK(!"the silent server could not start");
    return;
  }
  snprintf(url, sizeof url, "http://127.0.0.1:%d", server.port);
  cfg = meetctl_config_new();
  CHECK(meetctl_config_set_base_url(cfg, url, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_config_disable_proxy(cfg, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_config_set_timeout_ms(cfg, 30000, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_config_set_max_attempts(cfg, 1, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_tencent_client_new_enterprise(cfg, APP_ID, SECRET_ID, SECRET_KEY, NULL, &silent, NULL) ==
        MEETCTL_STATUS_OK);
  meetctl_config_free(cfg);

  cancel = meetctl_cancel_new();
  CHECK(cancel != NULL && !meetctl_cancel_is_fired(cancel));
  CHECK(meetctl_cancel_bind(cancel, &err) == MEETCTL_STATUS_OK && err == NULL);

  firing.handle = cancel;
  firing.delay_ms = 200;
  firing.fired_at_ms = 0;
  CHECK(pthread_create(&firing_thread, NULL, fire_later, &firing) == 0);
  started = now_ms();
  st = meetctl_tencent_client_set_cohost(silent, MEETING, &HOST, &BOB_T, &err);
  returned = now_ms();
  CHECK(pthread_join(firing_thread, NULL) == 0);
  CHECK(meetctl_error_get_request_may_have_been_sent(err) == 1);
  EXPECT_ERR(st, err, MEETCTL_STATUS_CANCELLED, MEETCTL_ERROR_KIND_CANCELLED, NULL, NULL);
  err = NULL;
  CHECK(returned - started < 1000.0);          /* not the 30 s timeout */
  CHECK(returned >= firing.fired_at_ms);       /* it waited for the fire */
  CHECK(returned - firing.fired_at_ms < 500.0); /* a 50 ms slice, and returning */
  CHECK(meetctl_cancel_is_fired(cancel));
  printf("cancel: call returned %.0f ms after the fire (%.0f ms in all)\n", returned - firing.fired_at_ms,
         returned - started);

  /* Fired stays fired: at once, before anything is sent. */
  started = now_ms();
  st = meetctl_tencent_client_set_cohost(silent, MEETING, &HOST, &BOB_T, &err);
  returned = now_ms();
  CHECK(meetctl_error_get_request_may_have_been_sent(err) == 0);
  CHECK(meetctl_error_get_attempts(err) == 0);
  EXPECT_ERR(st, err, MEETCTL_STATUS_CANCELLED, MEETCTL_ERROR_KIND_CANCELLED, NULL, NULL);
  err = NULL;
  CHECK(returned - started < 1000.0); /* at once: no slice waited (generous for valgrind) */

  /* The binding is this thread's: another thread's call goes through meanwhile. */
  CHECK(pthread_create(&other_thread, NULL, set_cohost_on_the_emulator, &other_ok) == 0);
  CHECK(pthread_join(other_thread, NULL) == 0);
  CHECK(other_ok);

  /* Unbound: this thread's calls go through again (the handle stays fired). */
  meetctl_cancel_unbind();
  emu = enterprise();
  CHECK(meetctl_tencent_client_set_cohost(emu, MEETING, &HOST, &BOB_T, &err) == MEETCTL_STATUS_OK && err == NULL);
  CHECK(emu_object_has("\"ms_open_id\":\"agaqwwgdkkddd\"", "\"role\":\"cohost\""));
  CHECK(meetctl_cancel_is_fired(cancel));
  meetctl_cancel_unbind(); /* nothing bound: a no-op */

  silent_server_stop(&server);
  CHECK(server.accepted == 1); /* the second call did not even connect */
  meetctl_cancel_free(cancel);
  meetctl_tencent_client_free(emu);
  meetctl_tencent_client_free(silent);
}

/* A handle may be freed while bound (the binding keeps its own reference); binding another
 * replaces it; NULL is refused or harmless. */
static void cancel_handle_lifetime_and_null(void) {
  meetctl_tencent_client *c = enterprise();
  meetctl_cancel *a = meetctl_cancel_new(), *b = meetctl_cancel_new();
  meetctl_error *err = NULL;
  meetctl_status st;
  long before;

  /* Freed while bound, not fired: calls go through. */
  CHECK(meetctl_cancel_bind(a, NULL) == MEETCTL_STATUS_OK);
  meetctl_cancel_free(a);
  CHECK(meetctl_tencent_client_set_cohost(c, MEETING, &HOST, &BOB_T, NULL) == MEETCTL_STATUS_OK);

  /* Binding a fired handle replaces it: calls fail at once, nothing sent. */
  meetctl_cancel_fire(b);
  meetctl_cancel_fire(b); /* any number of times */
  CHECK(meetctl_cancel_bind(b, NULL) == MEETCTL_STATUS_OK);
  meetctl_cancel_free(b);
  before = emu_count("request_count");
  EXPECT_ERR(meetctl_tencent_client_revoke_cohost(c, MEETING, &HOST, &BOB_T, &err), err, MEETCTL_STATUS_CANCELLED,
             MEETCTL_ERROR_KIND_CANCELLED, NULL, NULL);
  err = NULL;
  CHECK(emu_count("request_count") == before);
  meetctl_cancel_unbind();
  CHECK(meetctl_tencent_client_revoke_cohost(c, MEETING, &HOST, &BOB_T, NULL) == MEETCTL_STATUS_OK);

  /* NULL. */
  st = meetctl_cancel_bind(NULL, &err);
  CHECK(meetctl_error_get_request_may_have_been_sent(err) == -1); /* not a cancelled call */
  EXPECT_ERR(st, err, MEETCTL_STATUS_NULL_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "handle", NULL);
  err = NULL;
  CHECK(meetctl_cancel_bind(NULL, NULL) == MEETCTL_STATUS_NULL_ARGUMENT);
  meetctl_cancel_fire(NULL);
  CHECK(!meetctl_cancel_is_fired(NULL));
  meetctl_cancel_free(NULL);
  CHECK(meetctl_error_get_request_may_have_been_sent(NULL) == -1);
  meetctl_tencent_client_free(c);
}

/* ------------------------------------------------------------------ every operation, generic call */

#define M1 "tencent.meetings[meeting_id=" MEETING "]"
#define M3 "tencent.meetings[meeting_id=" SDK_MEETING "]"
#define IN_M1(ms_open_id) M1 ".participants[ms_open_id=" ms_open_id "]"
#define IN_M3(ms_open_id) M3 ".participants[ms_open_id=" ms_open_id "]"

static const meetctl_tencent_user ALICE_BY_USERID = {MEETCTL_ID_KIND_USERID, "alice", MEETCTL_INSTANCE_IOS};
static const meetctl_tencent_user BOB_BY_USERID = {MEETCTL_ID_KIND_USERID, "bob", MEETCTL_INSTANCE_MAC};
static const meetctl_tencent_user QUINN = {MEETCTL_ID_KIND_MS_OPEN_ID, "msopenid-quinn", MEETCTL_INSTANCE_PC};
static const meetctl_tencent_user QUINN_BY_USERID = {MEETCTL_ID_KIND_USERID, "quinn", MEETCTL_INSTANCE_PC};
static const meetctl_tencent_user CAROL_T = {MEETCTL_ID_KIND_MS_OPEN_ID, "msopenid-carol", MEETCTL_INSTANCE_PC};
static const meetctl_tencent_user DAVE_T = {MEETCTL_ID_KIND_MS_OPEN_ID, "msopenid-dave", MEETCTL_INSTANCE_ANDROID};
static const meetctl_tencent_user ERIN_T = {MEETCTL_ID_KIND_MS_OPEN_ID, "msopenid-erin", MEETCTL_INSTANCE_PC};
static const meetctl_tencent_user FRANK_T = {MEETCTL_ID_KIND_MS_OPEN_ID, "msopenid-frank", MEETCTL_INSTANCE_PC};
static const meetctl_tencent_user GINA_T = {MEETCTL_ID_KIND_MS_OPEN_ID, "msopenid-gina", MEETCTL_INSTANCE_WEB};
static const meetctl_tencent_user SAM_T = {MEETCTL_ID_KIND_MS_OPEN_ID, "msopenid-sam", MEETCTL_INSTANCE_ANDROID};
static const meetctl_tencent_user ROOM_301 = {MEETCTL_ID_KIND_UUID, "uuid-room-301", MEETCTL_INSTANCE_VOIP_SIP};

static meetctl_tencent_client *sdk_app(void) {
  return enterprise_with("210000002", "AKIDdemo0002", "demo-secret-key-0002", "20002");
}

/* One operation through meetctl_tencent_client_control, and where its effect shows: the JSON text
 * at `path` in the emulator's state, or (path NULL) a substring of the answer. */
struct tencent_op_case {
  meetctl_tencent_operation operation;
  int sdk_meeting; /* 1: meeting SDK_MEETING with the app that has an SdkId; 0: MEETING */
  const meetctl_tencent_user *op;
  const meetctl_tencent_user *targets[2];
  const char *args_json;
  const char *path;
  const char *want;
};

static void tencent_every_operation_end_to_end(void) {
  static const struct tencent_op_case cases[] = {
      {MEETCTL_TENCENT_OPERATION_MUTE, 0, &HOST, {&CAROL_T, NULL}, NULL, IN_M1("msopenid-carol") ".muted", "true"},
      {MEETCTL_TENCENT_OPERATION_UNMUTE, 0, &HOST, {&DAVE_T, NULL}, NULL, IN_M1("msopenid-dave") ".muted", "false"},
      {MEETCTL_TENCENT_OPERATION_SET_COHOST, 0, &HOST, {&BOB_T, NULL}, NULL, IN_M1("agaqwwgdkkddd") ".role",
       "\"cohost\""},
      {MEETCTL_TENCENT_OPERATION_REVOKE_COHOST, 0, &HOST, {&BOB_T, NULL}, NULL, IN_M1("agaqwwgdkkddd") ".role",
       "\"attendee\""},
      {MEETCTL_TENCENT_OPERATION_CLOSE_VIDEO, 0, &HOST, {&CAROL_T, NULL}, NULL, IN_M1("msopenid-carol") ".video",
       "false"},
      {MEETCTL_TENCENT_OPERATION_OPEN_VIDEO, 1, &QUINN, {&ROOM_301, NULL}, NULL,
       M3 ".participants[uuid=uuid-room-301].video", "true"},
      {MEETCTL_TENCENT_OPERATION_STOP_SCREEN_SHARE, 1, &QUINN, {&SAM_T, NULL}, NULL,
       IN_M3("msopenid-sam") ".sharing_screen", "false"},
      {MEETCTL_TENCENT_OPERATION_RENAME, 0, &HOST, {&BOB_T, NULL}, "{\"nick_name\":\"Bob \\\"B\\\" \xe6\x9d\x8e\"}",
       IN_M1("agaqwwgdkkddd") ".name", "\"Bob \\\"B\\\" \xe6\x9d\x8e\""},
      {MEETCTL_TENCENT_OPERATION_ADMIT_FROM_WAITING_ROOM, 0, &HOST, {&FRANK_T, NULL}, NULL,
       IN_M1("msopenid-frank") ".in_waiting_room", "false"},
      {MEETCTL_TENCENT_OPERATION_MOVE_TO_WAITING_ROOM, 0, &HOST, {&DAVE_T, NULL}, NULL,
       IN_M1("msopenid-dave") ".in_waiting_room", "true"},
      {MEETCTL_TENCENT_OPERATION_REMOVE_FROM_WAITING_ROOM, 0, &HOST, {&GINA_T, NULL}, "{\"allow_rejoin\":false}",
       IN_M1("msopenid-gina") ".removed", "true"},
      {MEETCTL_TENCENT_OPERATION_KICK_OUT, 0, &HOST, {&FRANK_T, &CAROL_T}, "{\"allow_rejoin\":false,\"reason\":\"spam\"}",
       IN_M1("msopenid-frank") ".allow_rejoin", "false"},
      {MEETCTL_TENCENT_OPERATION_SET_MEETING_STATUS, 0, &HOST, {NULL, NULL}, "{\"meeting_locked\":true,\"allow_chat\":2}",
       M1 ".settings.meeting_locked", "true"},
      {MEETCTL_TENCENT_OPERATION_SET_DOC_UPLOAD, 0, &HOST, {NULL, NULL}, "{\"enable\":false}",
       M1 ".settings.enable_upload_doc", "false"},
      {MEETCTL_TENCENT_OPERATION_SET_TRANSCRIPTION, 0, &ALICE_BY_USERID, {NULL, NULL}, "{\"enable\":true}",
       M1 ".settings.transcription", "true"},
      {MEETCTL_TENCENT_OPERATION_PARTICIPANTS, 0, &ALICE_BY_USERID, {NULL, NULL}, "{\"page\":2,\"page_size\":2}", NULL,
       "\"current_page\":2"},
      {MEETCTL_TENCENT_OPERATION_MS_OPEN_ID, 0, &BOB_BY_USERID, {NULL, NULL}, NULL, NULL,
       "\"ms_open_id\":\"agaqwwgdkkddd\""},
      {MEETCTL_TENCENT_OPERATION_END_MEETING, 1, &QUINN, {NULL, NULL}, "{\"reason_code\":2,\"reason_detail\":\"done\"}",
       M3 ".ended", "true"},
  };
  meetctl_tencent_client *clients[2];
  unsigned long covered = 0;
  size_t i;
  clients[0] = enterprise();
  clients[1] = sdk_app();
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const struct tencent_op_case *k = &cases[i];
    meetctl_tencent_user targets[2];
    size_t n = 0;
    char *answer = NULL;
    meetctl_error *err = NULL;
    meetctl_status st;
    while (n < 2 && k->targets[n]) {
      targets[n] = *k->targets[n];
      n++;
    }
    st = meetctl_tencent_client_control(clients[k->sdk_meeting], (uint32_t)k->operation,
                                        k->sdk_meeting ? SDK_MEETING : MEETING, k->op, n ? targets : NULL, n,
                                        k->args_json, k->path ? NULL : &answer, &err);
    if (st != MEETCTL_STATUS_OK) {
      fprintf(stderr, "  operation %d: %s\n", (int)k->operation, meetctl_error_get_description(err));
      t_case_failed = 1;
    } else if (k->path) {
      CHECK(emu_state_is(k->path, k->want));
    } else {
      CHECK(answer && strstr(answer, k->want) != NULL);
    }
    meetctl_error_free(err);
    meetctl_string_free(answer);
    covered |= 1UL << k->operation;
  }
  /* The kick-out removed both targets; the settings call changed only what it was given. */
  CHECK(emu_state_is(IN_M1("msopenid-carol") ".removed", "true"));
  CHECK(emu_state_is(M1 ".settings.allow_chat", "2"));
  CHECK(emu_state_is(M1 ".settings.mute_all", "false"));
  CHECK(emu_state_is(M3 ".dismissal.reason_code", "2"));
  /* Every operation of the enum has a case. */
  CHECK(covered == ((1UL << (MEETCTL_TENCENT_OPERATION_MS_OPEN_ID + 1)) - 2));
  meetctl_tencent_client_free(clients[0]);
  meetctl_tencent_client_free(clients[1]);
}

/* Index of the entry whose ms_open_id is `id` in `list`, or the length when none. */
static size_t find_participant(const meetctl_tencent_participant_list *list, const char *id) {
  size_t i, n = meetctl_tencent_participant_list_len(list);
  for (i = 0; i < n; i++) {
    const char *m = meetctl_tencent_participant_list_get_ms_open_id(list, i);
    if (m && strcmp(m, id) == 0) break;
  }
  return i;
}

static void tencent_participants_listing_and_ms_open_id(void) {
  meetctl_tencent_client *c = sdk_app();
  meetctl_tencent_participant_list *list = NULL;
  meetctl_tencent_user tina, untouched = {9, NULL, 9};
  meetctl_error *err = NULL;
  char *id = NULL;
  size_t n, t, s, q, room;
  CHECK(meetctl_tencent_client_participants(c, SDK_MEETING, &QUINN_BY_USERID, &list, NULL) == MEETCTL_STATUS_OK);
  n = meetctl_tencent_participant_list_len(list);
  CHECK(n == 5); /* quinn, ruth, sam, tina, Room 301; uma waits */
  t = find_participant(list, "msopenid-tina");
  s = find_participant(list, "msopenid-sam");
  q = find_participant(list, "msopenid-quinn");
  CHECK(t < n && s < n && q < n);
  CHECK_STR(meetctl_tencent_participant_list_get_user_name(list, t), "Tina \xe6\x9d\x8e"); /* decoded base64 */
  CHECK_STR(meetctl_tencent_participant_list_get_userid(list, t), "tina");
  CHECK(meetctl_tencent_participant_list_get_role(list, t) == MEETCTL_TENCENT_ROLE_COHOST);
  CHECK(meetctl_tencent_participant_list_get_role(list, q) == MEETCTL_TENCENT_ROLE_HOST);
  CHECK(meetctl_tencent_participant_list_get_instanceid(list, t) == MEETCTL_INSTANCE_IOS);
  CHECK(meetctl_tencent_participant_list_get_audio_muted(list, t) == 1);
  CHECK(meetctl_tencent_participant_list_get_video_on(list, t) == 1);
  CHECK(meetctl_tencent_participant_list_get_sharing_screen(list, s) == 1);
  CHECK(meetctl_tencent_participant_list_get_sharing_screen(list, t) == 0);
  CHECK(strstr(meetctl_tencent_participant_list_get_raw_json(list, t), "\"user_role\":6") != NULL);
  /* The MRA device has no ms_open_id: it cannot be named as a target from the list. */
  for (room = 0; room < n && meetctl_tencent_participant_list_get_ms_open_id(list, room); room++) {
  }
  CHECK(room < n);
  CHECK(meetctl_tencent_participant_list_get_instanceid(list, room) == MEETCTL_INSTANCE_VOIP_SIP);
  CHECK(meetctl_tencent_participant_list_get_video_on(list, room) == 0);
  CHECK_STR(meetctl_tencent_participant_list_get_user_name(list, room), "Room 301");
  EXPECT_ERR(meetctl_tencent_participant_list_get_user(list, room, &untouched, &err), err,
             MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "index", NULL);
  err = NULL;
  /* Out of range: NULL and -1, an error naming the index, never a crash. */
  CHECK(meetctl_tencent_participant_list_get_ms_open_id(list, n) == NULL);
  CHECK(meetctl_tencent_participant_list_get_raw_json(list, n) == NULL);
  CHECK(meetctl_tencent_participant_list_get_user_name(list, (size_t)-1) == NULL);
  CHECK(meetctl_tencent_participant_list_get_instanceid(list, n) == -1);
  CHECK(meetctl_tencent_participant_list_get_role(list, n) == -1);
  CHECK(meetctl_tencent_participant_list_get_audio_muted(list, n) == -1);
  EXPECT_ERR(meetctl_tencent_participant_list_get_user(list, n, &untouched, &err), err,
             MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "index", NULL);
  err = NULL;
  EXPECT_ERR(meetctl_tencent_participant_list_get_user(list, t, NULL, &err), err, MEETCTL_STATUS_NULL_ARGUMENT,
             MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "user_out", NULL);
  err = NULL;
  CHECK(untouched.id_kind == 9 && untouched.id == NULL);
  /* An entry passed back as a target. */
  CHECK(meetctl_tencent_participant_list_get_user(list, t, &tina, NULL) == MEETCTL_STATUS_OK);
  CHECK(tina.id_kind == MEETCTL_ID_KIND_MS_OPEN_ID && tina.instance == MEETCTL_INSTANCE_IOS);
  CHECK_STR(tina.id, "msopenid-tina");
  CHECK(meetctl_tencent_client_control(c, MEETCTL_TENCENT_OPERATION_UNMUTE, SDK_MEETING, &QUINN, &tina, 1, NULL, NULL,
                                       NULL) == MEETCTL_STATUS_OK);
  meetctl_tencent_participant_list_free(list);
  list = NULL;
  CHECK(emu_state_is(IN_M3("msopenid-tina") ".muted", "false"));
  CHECK(meetctl_tencent_client_participants(c, SDK_MEETING, &QUINN_BY_USERID, &list, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_tencent_participant_list_get_audio_muted(list, find_participant(list, "msopenid-tina")) == 0);
  meetctl_tencent_participant_list_free(list);

  CHECK(meetctl_tencent_client_ms_open_id(c, SDK_MEETING, &(meetctl_tencent_user){MEETCTL_ID_KIND_USERID, "uma",
                                                                                 MEETCTL_INSTANCE_PC},
                                          &id, NULL) == MEETCTL_STATUS_OK);
  CHECK_STR(id, "msopenid-uma"); /* waiting-room members have one too */
  meetctl_string_free(id);
  /* NULL and nothing-listed handles are harmless. */
  CHECK(meetctl_tencent_participant_list_len(NULL) == 0);
  CHECK(meetctl_tencent_participant_list_get_userid(NULL, 0) == NULL);
  meetctl_tencent_participant_list_free(NULL);
  meetctl_tencent_client_free(c);
}

/* The URL `p` was prepared for, and the last request the emulator logged, agree (method, path,
 * query). */
static int prepared_is_last_request(const meetctl_prepared *p) {
  char *state = emu_state();
  char *method = emu_json_get(state, "requests[-1].method"), *path = emu_json_get(state, "requests[-1].path");
  char *query = emu_json_get(state, "requests[-1].query");
  char want_method[32], want_url[1024];
  int ok = method && path && query;
  if (ok) {
    size_t ql = strlen(query);
    snprintf(want_method, sizeof want_method, "\"%s\"", meetctl_prepared_get_method(p));
    /* path and query are JSON strings: strip the quotes. */
    path[strlen(path) - 1] = '\0';
    query[ql - 1] = '\0';
    snprintf(want_url, sizeof want_url, "%s%s%s%s", emu_base, path + 1, ql > 2 ? "?" : "", query + 1);
    ok = strcmp(method, want_method) == 0 && strcmp(meetctl_prepared_get_url(p), want_url) == 0;
    if (!ok)
      fprintf(stderr, "  prepared %s %s, sent %s %s\n", meetctl_prepared_get_method(p), meetctl_prepared_get_url(p),
              method, want_url);
  }
  free(method);
  free(path);
  free(query);
  free(state);
  return ok;
}

/* The (not NUL-terminated) body of `p` is exactly `want`. */
static int body_is(const meetctl_prepared *p, const char *want) {
  size_t len = meetctl_prepared_get_body_len(p);
  int ok = len == strlen(want) && (len == 0 || memcmp(meetctl_prepared_get_body(p), want, len) == 0);
  if (!ok) fprintf(stderr, "  body is %.*s, expected %s\n", (int)len, (const char *)meetctl_prepared_get_body(p), want);
  return ok;
}

static void tencent_prepare_is_what_control_sends(void) {
  static const struct {
    meetctl_tencent_operation operation;
    const meetctl_tencent_user *op;
    const meetctl_tencent_user *target;
    const char *args_json;
    const char *body;
  } cases[] = {
      {MEETCTL_TENCENT_OPERATION_MUTE, &HOST, &BOB_T, NULL,
       "{\"operator_id\":\"afagsagwags\",\"operator_id_type\":4,\"instanceid\":4,\"mute\":true,"
       "\"user\":{\"to_operator_id\":\"agaqwwgdkkddd\",\"to_operator_id_type\":4,\"instanceid\":2}}"},
      {MEETCTL_TENCENT_OPERATION_KICK_OUT, &HOST, &ERIN_T, "{\"reason\":\"r\\u00e9\"}",
       "{\"operator_id\":\"afagsagwags\",\"operator_id_type\":4,\"instanceid\":4,"
       "\"users\":[{\"to_operator_id\":\"msopenid-erin\",\"to_operator_id_type\":4,\"instanceid\":1}],"
       "\"allow_rejoin\":true,\"reason\":\"r\xc3\xa9\"}"},
      {MEETCTL_TENCENT_OPERATION_SET_MEETING_STATUS, &ALICE_BY_USERID, NULL, "{\"share_screen\":true}",
       "{\"operator_id\":\"alice\",\"operator_id_type\":1,\"instanceid\":4,\"share_screen\":true}"},
      {MEETCTL_TENCENT_OPERATION_PARTICIPANTS, &ALICE_BY_USERID, NULL, "{\"page_size\":3}", ""},
  };
  meetctl_tencent_client *c = enterprise();
  size_t i;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    meetctl_prepared *p = NULL;
    long before = emu_count("request_count");
    const size_t n = cases[i].target ? 1 : 0;
    CHECK(meetctl_tencent_client_prepare(c, (uint32_t)cases[i].operation, MEETING, cases[i].op, cases[i].target, n,
                                         cases[i].args_json, &p, NULL) == MEETCTL_STATUS_OK);
    CHECK(emu_count("request_count") == before); /* nothing sent */
    CHECK(body_is(p, cases[i].body));
    CHECK(meetctl_tencent_client_control(c, (uint32_t)cases[i].operation, MEETING, cases[i].op, cases[i].target, n,
                                         cases[i].args_json, NULL, NULL) == MEETCTL_STATUS_OK);
    CHECK(prepared_is_last_request(p));
    meetctl_prepared_free(p);
  }
  CHECK(emu_state_is(IN_M1("msopenid-erin") ".removed", "true"));
  {
    /* A prepared unmute, sent with the test's own HTTP code, has the same effect. */
    meetctl_prepared *p = NULL;
    char *body = NULL;
    CHECK(meetctl_tencent_client_prepare(c, MEETCTL_TENCENT_OPERATION_UNMUTE, MEETING, &HOST, &BOB_T, 1, NULL, &p,
                                         NULL) == MEETCTL_STATUS_OK);
    CHECK(send_prepared(p, &body) == 200);
    CHECK_STR(body, "{}");
    free(body);
    meetctl_prepared_free(p);
    CHECK(emu_state_is(IN_M1("agaqwwgdkkddd") ".muted", "false"));
  }
  meetctl_tencent_client_free(c);
}

/* Checks a validation failure of the generic calls: nothing was sent, *answer_out untouched. */
#define EXPECT_INVALID(call, status, field)                                                                  \
  do {                                                                                                       \
    err = NULL;                                                                                              \
    EXPECT_ERR((call), err, (status), MEETCTL_ERROR_KIND_INVALID_ARGUMENT, (field), NULL);                   \
  } while (0)

static void tencent_control_validation_before_io(void) {
  meetctl_tencent_client *c = enterprise();
  meetctl_error *err = NULL;
  char *answer = (char *)"untouched";
  meetctl_prepared *p = NULL;
  meetctl_tencent_participant_list *list = NULL;
  meetctl_tencent_user two[2], null_id = {MEETCTL_ID_KIND_MS_OPEN_ID, NULL, MEETCTL_INSTANCE_PC};
  meetctl_tencent_user bad_kind = {3, "x", MEETCTL_INSTANCE_PC}, bad_device = {MEETCTL_ID_KIND_MS_OPEN_ID, "x", 11};
  meetctl_tencent_user uuid = {MEETCTL_ID_KIND_UUID, "uuid-bob", MEETCTL_INSTANCE_MAC};
  const long before = emu_count("request_count");
  const meetctl_status INVALID = MEETCTL_STATUS_INVALID_ARGUMENT;
  const uint32_t mute = MEETCTL_TENCENT_OPERATION_MUTE, kick = MEETCTL_TENCENT_OPERATION_KICK_OUT;
  two[0] = BOB_T;
  two[1] = CAROL_T;

#define CONTROL(operation, op, targets, n, args) \
  meetctl_tencent_client_control(c, (operation), MEETING, (op), (targets), (n), (args), &answer, &err)

  /* The operation number. */
  EXPECT_INVALID(CONTROL(0, &HOST, &BOB_T, 1, NULL), INVALID, "operation");
  /* One past the last operation (numbers are never reused). */
  EXPECT_INVALID(CONTROL(MEETCTL_TENCENT_OPERATION_APPLY_LAYOUT + 1, &HOST, &BOB_T, 1, NULL), INVALID, "operation");
  EXPECT_INVALID(CONTROL(0xffffffffu, &HOST, &BOB_T, 1, NULL), INVALID, "operation");
  EXPECT_INVALID(meetctl_tencent_client_prepare(c, 1000, MEETING, &HOST, &BOB_T, 1, NULL, &p, &err), INVALID,
                 "operation");
  /* NULL pointers. */
  EXPECT_INVALID(meetctl_tencent_client_control(NULL, mute, MEETING, &HOST, &BOB_T, 1, NULL, &answer, &err),
                 MEETCTL_STATUS_NULL_ARGUMENT, "client");
  EXPECT_INVALID(meetctl_tencent_client_control(c, mute, NULL, &HOST, &BOB_T, 1, NULL, &answer, &err),
                 MEETCTL_STATUS_NULL_ARGUMENT, "meeting_id");
  EXPECT_INVALID(CONTROL(mute, NULL, &BOB_T, 1, NULL), MEETCTL_STATUS_NULL_ARGUMENT, "operator");
  EXPECT_INVALID(CONTROL(mute, &HOST, NULL, 1, NULL), MEETCTL_STATUS_NULL_ARGUMENT, "targets");
  EXPECT_INVALID(CONTROL(mute, &HOST, &null_id, 1, NULL), MEETCTL_STATUS_NULL_ARGUMENT, "targets[0].id");
  EXPECT_INVALID(meetctl_tencent_client_prepare(c, mute, MEETING, &HOST, &BOB_T, 1, NULL, NULL, &err),
                 MEETCTL_STATUS_NULL_ARGUMENT, "prepared_out");
  /* Targets: their fields, their number, their id kinds. */
  two[1] = bad_kind;
  EXPECT_INVALID(CONTROL(kick, &HOST, two, 2, NULL), INVALID, "targets[1].id_kind");
  two[1] = bad_device;
  EXPECT_INVALID(CONTROL(kick, &HOST, two, 2, NULL), INVALID, "targets[1].instance");
  two[1] = CAROL_T;
  EXPECT_INVALID(CONTROL(mute, &HOST, NULL, 0, NULL), INVALID, "user");
  EXPECT_INVALID(CONTROL(mute, &HOST, two, 2, NULL), INVALID, "user");
  EXPECT_INVALID(CONTROL(kick, &HOST, NULL, 0, NULL), INVALID, "targets");
  EXPECT_INVALID(CONTROL(MEETCTL_TENCENT_OPERATION_END_MEETING, &HOST, &BOB_T, 1, NULL), INVALID, "targets");
  EXPECT_INVALID(CONTROL(mute, &HOST, &uuid, 1, NULL), INVALID, "user.id");
  EXPECT_INVALID(CONTROL(MEETCTL_TENCENT_OPERATION_SET_TRANSCRIPTION, &HOST, NULL, 0, "{\"enable\":true}"), INVALID,
                 "operator.id");
  /* Arguments: the JSON, unknown, missing, wrongly typed, out of range, at least one. */
  EXPECT_INVALID(CONTROL(mute, &HOST, &BOB_T, 1, "{oops"), INVALID, "args");
  EXPECT_INVALID(CONTROL(mute, &HOST, &BOB_T, 1, "[1,2]"), INVALID, "args");
  EXPECT_INVALID(CONTROL(mute, &HOST, &BOB_T, 1, "{\"a\":\"\xff\"}"), MEETCTL_STATUS_INVALID_UTF8, "args");
  EXPECT_INVALID(CONTROL(mute, &HOST, &BOB_T, 1, "{\"mute\":false}"), INVALID, "mute");
  EXPECT_INVALID(CONTROL(kick, &HOST, &BOB_T, 1, "{\"allow_rejoin\":\"no\"}"), INVALID, "allow_rejoin");
  EXPECT_INVALID(CONTROL(MEETCTL_TENCENT_OPERATION_RENAME, &HOST, &BOB_T, 1, NULL), INVALID, "nick_name");
  EXPECT_INVALID(CONTROL(MEETCTL_TENCENT_OPERATION_RENAME, &HOST, &BOB_T, 1, "{\"nick_name\":\"123456789012345678901\"}"),
                 INVALID, "nick_name");
  EXPECT_INVALID(CONTROL(MEETCTL_TENCENT_OPERATION_SET_DOC_UPLOAD, &HOST, NULL, 0, "{}"), INVALID, "enable");
  EXPECT_INVALID(CONTROL(MEETCTL_TENCENT_OPERATION_SET_MEETING_STATUS, &HOST, NULL, 0, NULL), INVALID, "args");
  EXPECT_INVALID(CONTROL(MEETCTL_TENCENT_OPERATION_SET_MEETING_STATUS, &HOST, NULL, 0, "{\"allow_chat\":5}"), INVALID,
                 "allow_chat");
  EXPECT_INVALID(CONTROL(MEETCTL_TENCENT_OPERATION_PARTICIPANTS, &ALICE_BY_USERID, NULL, 0, "{\"page_size\":51}"),
                 INVALID, "page_size");
  EXPECT_INVALID(meetctl_tencent_client_prepare(c, mute, "1/2", &HOST, &BOB_T, 1, NULL, &p, &err), INVALID,
                 "meeting_id");
  /* The listing and the lookup. */
  EXPECT_INVALID(meetctl_tencent_client_participants(c, MEETING, &HOST, &list, &err), INVALID, "operator.id");
  EXPECT_INVALID(meetctl_tencent_client_participants(c, MEETING, NULL, &list, &err), MEETCTL_STATUS_NULL_ARGUMENT,
                 "operator");
  EXPECT_INVALID(meetctl_tencent_client_participants(c, MEETING, &ALICE_BY_USERID, NULL, &err),
                 MEETCTL_STATUS_NULL_ARGUMENT, "list_out");
  EXPECT_INVALID(meetctl_tencent_client_ms_open_id(c, MEETING, NULL, &answer, &err), MEETCTL_STATUS_NULL_ARGUMENT,
                 "user");
  EXPECT_INVALID(meetctl_tencent_client_ms_open_id(c, MEETING, &uuid, &answer, &err), INVALID, "user.id");
  EXPECT_INVALID(meetctl_tencent_client_ms_open_id(c, MEETING, &BOB_BY_USERID, NULL, &err),
                 MEETCTL_STATUS_NULL_ARGUMENT, "ms_open_id_out");
  CHECK(strcmp(answer, "untouched") == 0 && p == NULL && list == NULL);
  CHECK(emu_count("request_count") == before);
  meetctl_tencent_client_free(c);
#undef CONTROL
}

#define C1 "huawei.conferences[conference_id=" CONF "]"
#define HW(pid) C1 ".participants[participant_id=" pid "]"

/* One operation through meetctl_huawei_conference_control and where its effect shows (as for
 * Tencent). */
struct huawei_op_case {
  meetctl_huawei_operation operation;
  const char *ids[2];
  const char *args_json;
  const char *path;
  const char *want;
};

static void huawei_every_operation_end_to_end(void) {
  static const struct huawei_op_case cases[] = {
      /* Screen and voice first, while Evan's hand is up and Alice (a hardware terminal) is host. */
      {MEETCTL_HUAWEI_OPERATION_BROADCAST, {BOB, NULL}, NULL, C1 ".broadcast", "\"" BOB "\""},
      {MEETCTL_HUAWEI_OPERATION_CANCEL_BROADCAST, {NULL, NULL}, NULL, C1 ".mode", "\"FREE\""},
      {MEETCTL_HUAWEI_OPERATION_ROLL_CALL, {BOB, NULL}, NULL, HW("p-dora") ".muted", "true"},
      {MEETCTL_HUAWEI_OPERATION_LOWER_HANDS, {"p-evan", BOB}, NULL, HW("p-evan") ".hand_raised", "false"},
      {MEETCTL_HUAWEI_OPERATION_HOST_VIEW, {BOB, NULL}, NULL, C1 ".host_view.participant_id", "\"" BOB "\""},
      {MEETCTL_HUAWEI_OPERATION_HOST_VIEW_MULTI_PICTURE, {NULL, NULL}, NULL, C1 ".host_view.type",
       "\"multi_picture\""},
      {MEETCTL_HUAWEI_OPERATION_START_HOST_POLLING, {NULL, NULL}, "{\"switch_seconds\":30}",
       C1 ".host_view.switch_seconds", "30"},
      {MEETCTL_HUAWEI_OPERATION_STOP_HOST_POLLING, {NULL, NULL}, NULL, C1 ".host_view", "null"},
      {MEETCTL_HUAWEI_OPERATION_PARTICIPANT_VIEW, {ALICE, NULL}, "{\"watched_id\":\"p-dora\"}", HW(ALICE) ".watching",
       "\"p-dora\""},
      {MEETCTL_HUAWEI_OPERATION_LOCK_VIEW, {ALICE, NULL}, "{\"source_id\":\"" BOB "\"}", HW(ALICE) ".locked_source",
       "\"" BOB "\""},
      {MEETCTL_HUAWEI_OPERATION_UNLOCK_VIEW, {ALICE, NULL}, "{\"source_id\":\"" BOB "\"}",
       HW(ALICE) ".locked_source", "null"},
      {MEETCTL_HUAWEI_OPERATION_PAUSE, {NULL, NULL}, NULL, C1 ".paused", "true"},
      {MEETCTL_HUAWEI_OPERATION_RESUME, {NULL, NULL}, NULL, C1 ".paused", "false"},
      {MEETCTL_HUAWEI_OPERATION_ALLOW_AUDIENCE, {NULL, NULL}, NULL, C1 ".allow_audience", "true"},
      {MEETCTL_HUAWEI_OPERATION_ALLOW_CLIENT_RECORD, {BOB, NULL}, "{\"allow\":true}", HW(BOB) ".client_record", "true"},
      /* Recording and live streaming: MMR recording runs, pauses, runs again and stops. */
      {MEETCTL_HUAWEI_OPERATION_START_MMR_RECORDING, {NULL, NULL}, NULL, C1 ".mmr_recording", "\"recording\""},
      {MEETCTL_HUAWEI_OPERATION_PAUSE_MMR_RECORDING, {NULL, NULL}, NULL, C1 ".mmr_recording", "\"paused\""},
      {MEETCTL_HUAWEI_OPERATION_STOP_MMR_RECORDING, {NULL, NULL}, NULL, C1 ".mmr_recording", "\"stopped\""},
      {MEETCTL_HUAWEI_OPERATION_START_MMR_LIVE, {NULL, NULL}, NULL, C1 ".mmr_live", "true"},
      {MEETCTL_HUAWEI_OPERATION_STOP_MMR_LIVE, {NULL, NULL}, NULL, C1 ".mmr_live", "false"},
      {MEETCTL_HUAWEI_OPERATION_START_LIVE, {NULL, NULL}, NULL, C1 ".live", "true"},
      {MEETCTL_HUAWEI_OPERATION_STOP_LIVE, {NULL, NULL}, NULL, C1 ".live", "false"},
      {MEETCTL_HUAWEI_OPERATION_INVITE_TO_SHARE, {BOB, NULL}, NULL, HW(BOB) ".share_invited", "true"},
      {MEETCTL_HUAWEI_OPERATION_CANCEL_SHARE_INVITATION, {BOB, NULL}, NULL, HW(BOB) ".share_invited", "false"},
      /* Display and interpretation: layout "c-layout-1" was saved through the admin API. */
      {MEETCTL_HUAWEI_OPERATION_SWITCH_DISPLAY_MODE, {NULL, NULL}, "{\"mode\":\"VAS\",\"multi_picture\":false}",
       C1 ".display_mode.switch_mode", "\"VAS\""},
      {MEETCTL_HUAWEI_OPERATION_DELETE_LAYOUT, {NULL, NULL}, "{\"layout_id\":\"c-layout-1\"}", C1 ".layouts", "[]"},
      {MEETCTL_HUAWEI_OPERATION_START_INTERPRETATION, {NULL, NULL}, NULL, C1 ".interpretation", "true"},
      {MEETCTL_HUAWEI_OPERATION_STOP_INTERPRETATION, {NULL, NULL}, NULL, C1 ".interpretation", "false"},
      {MEETCTL_HUAWEI_OPERATION_SET_LANGUAGE_CHANNEL, {BOB, NULL}, "{\"channel\":\"en\"}",
       HW(BOB) ".language_channel", "\"en\""},
      /* Nested bodies: lists and objects inside the arguments, as JSON. */
      {MEETCTL_HUAWEI_OPERATION_SET_CUSTOM_MULTI_PICTURE, {NULL, NULL},
       "{\"manual\":true,\"image_type\":\"Two\",\"pictures\":[{\"index\":1,\"numbers\":[\"+8613800000002\"]},"
       "{\"index\":2,\"numbers\":[\"+8613800000003\"],\"auxiliary_stream\":true}]}",
       C1 ".multi_picture.subscriberInPics[index=2].isAssistStream", "1"},
      {MEETCTL_HUAWEI_OPERATION_SAVE_LAYOUT, {NULL, NULL},
       "{\"layout\":{\"layout_id\":\"c-layout-2\",\"name\":\"c2\",\"pictures\":[{\"index\":1,\"numbers\":[\"+99\"]}]}}",
       C1 ".layouts[uuid=c-layout-2].layOutName", "\"c2\""},
      {MEETCTL_HUAWEI_OPERATION_SET_INTERPRETER_GROUPS, {NULL, NULL},
       "{\"groups\":[{\"group_id\":\"g1\",\"first_language\":\"zh\",\"second_language\":\"en\","
       "\"interpreters\":[{\"login_account\":\"ivy@example.com\"}]}]}",
       C1 ".interpreter_groups[groupID=g1].secondLanguage", "\"en\""},
      /* No control token: the guest password in the body; the number joins as a hardware terminal. */
      {MEETCTL_HUAWEI_OPERATION_INVITE_WITH_PASSWORD, {NULL, NULL},
       "{\"number\":\"sip:room-5f@example.com\",\"conference_password\":\"" GUEST_PWD "\"}",
       C1 ".participants[number=sip:room-5f@example.com].terminal", "true"},
      {MEETCTL_HUAWEI_OPERATION_UNMUTE, {BOB, NULL}, NULL, HW(BOB) ".muted", "false"},
      {MEETCTL_HUAWEI_OPERATION_MUTE, {CAROL, NULL}, NULL, HW(CAROL) ".muted", "true"},
      {MEETCTL_HUAWEI_OPERATION_MUTE_ALL, {NULL, NULL}, "{\"allow_unmute_by_self\":false}",
       C1 ".settings.allowUnmuteByOneself", "0"},
      {MEETCTL_HUAWEI_OPERATION_UNMUTE_ALL, {NULL, NULL}, NULL, HW("p-dora") ".muted", "false"},
      {MEETCTL_HUAWEI_OPERATION_SET_COHOST, {BOB, NULL}, NULL, HW(BOB) ".role", "\"cohost\""},
      {MEETCTL_HUAWEI_OPERATION_REVOKE_COHOST, {BOB, NULL}, NULL, HW(BOB) ".role", "\"participant\""},
      {MEETCTL_HUAWEI_OPERATION_LOCK, {NULL, NULL}, NULL, C1 ".settings.isLock", "1"},
      {MEETCTL_HUAWEI_OPERATION_UNLOCK, {NULL, NULL}, NULL, C1 ".settings.isLock", "0"},
      {MEETCTL_HUAWEI_OPERATION_STOP_VIDEO, {BOB, NULL}, NULL, HW(BOB) ".video", "false"},
      {MEETCTL_HUAWEI_OPERATION_REQUEST_VIDEO, {"p-evan", NULL}, NULL, HW("p-evan") ".video", "true"},
      {MEETCTL_HUAWEI_OPERATION_RENAME, {"p-dora", NULL},
       "{\"number\":\"+8613800000004\",\"new_name\":\"Dora \\\"D\\\" \xe6\x9d\x8e\"}", HW("p-dora") ".name",
       "\"Dora \\\"D\\\" \xe6\x9d\x8e\""},
      {MEETCTL_HUAWEI_OPERATION_LOWER_HAND, {"p-evan", NULL}, NULL, HW("p-evan") ".hand_raised", "false"},
      {MEETCTL_HUAWEI_OPERATION_ADMIT_FROM_WAITING_ROOM, {"p-fay", NULL}, NULL, HW("p-fay") ".in_waiting_room",
       "false"},
      {MEETCTL_HUAWEI_OPERATION_ADMIT_FROM_WAITING_ROOM, {NULL, NULL}, "{\"admit_all\":true}",
       HW("p-gus") ".in_waiting_room", "false"},
      {MEETCTL_HUAWEI_OPERATION_MOVE_TO_WAITING_ROOM, {"p-fay", NULL}, NULL, HW("p-fay") ".in_waiting_room", "true"},
      {MEETCTL_HUAWEI_OPERATION_HANG_UP, {"p-gus", CAROL}, NULL, HW("p-gus") ".removed", "true"},
      /* 5 minutes were added by huawei_prepare_is_what_control_sends. */
      {MEETCTL_HUAWEI_OPERATION_EXTEND, {NULL, NULL}, "{\"minutes\":30}", C1 ".extended_minutes", "35"},
      {MEETCTL_HUAWEI_OPERATION_ALLOW_UNMUTE_BY_SELF, {NULL, NULL}, "{\"allow\":false}",
       C1 ".settings.allowUnmuteByOneself", "0"},
      {MEETCTL_HUAWEI_OPERATION_START_RECORDING, {NULL, NULL}, NULL, C1 ".settings.isRecord", "1"},
      {MEETCTL_HUAWEI_OPERATION_STOP_RECORDING, {NULL, NULL}, NULL, C1 ".settings.isRecord", "0"},
      {MEETCTL_HUAWEI_OPERATION_UPDATE_SETTINGS, {NULL, NULL}, "{\"chat_permission\":2,\"allow_rename\":false}",
       C1 ".settings.chatPermission", "2"},
      {MEETCTL_HUAWEI_OPERATION_APPLY_HOST, {BOB, NULL}, "{\"chairman_password\":\"" HOST_PWD "\"}", C1 ".host",
       "\"" BOB "\""},
      {MEETCTL_HUAWEI_OPERATION_RELINQUISH_HOST, {BOB, NULL}, NULL, C1 ".host", "null"},
      {MEETCTL_HUAWEI_OPERATION_INFO, {NULL, NULL}, NULL, NULL, "\"coHosts\":[\"p-dora\"]"},
      /* A list argument, as JSON: Hana is called and joins (the emulator answers at once). */
      {MEETCTL_HUAWEI_OPERATION_INVITE, {NULL, NULL},
       "{\"attendees\":[{\"name\":\"Hana\",\"number\":\"+8613800000009\",\"terminal_type\":\"mobile\"}]}",
       C1 ".participants[number=+8613800000009].name", "\"Hana\""},
      {MEETCTL_HUAWEI_OPERATION_MOVE_ONE_TO_WAITING_ROOM, {"p-evan", NULL}, NULL, HW("p-evan") ".in_waiting_room",
       "true"},
      /* Dora has joined: her number and her participant id take her off the list and out. */
      {MEETCTL_HUAWEI_OPERATION_REMOVE_ATTENDEES, {NULL, NULL},
       "{\"attendees\":[{\"number\":\"+8613800000004\",\"participant_id\":\"p-dora\"}]}", HW("p-dora") ".removed",
       "true"},
      {MEETCTL_HUAWEI_OPERATION_END, {NULL, NULL}, NULL, C1 ".ended", "true"},
  };
  meetctl_huawei_client *hw = huawei();
  meetctl_huawei_conference *conf = by_password(hw, CONF, HOST_PWD);
  unsigned long long covered = 0;
  char *saved = emu_admin("POST", "/_emulator/huawei/conferences/" CONF "/layouts",
                          "{\"uuid\":\"c-layout-1\",\"layOutName\":\"c\",\"imageType\":\"Single\"}");
  CHECK(saved && strstr(saved, "c-layout-1") != NULL);
  free(saved);
  size_t i;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const struct huawei_op_case *k = &cases[i];
    const size_t n = k->ids[0] ? (k->ids[1] ? 2 : 1) : 0;
    char *answer = NULL;
    meetctl_error *err = NULL;
    meetctl_status st = meetctl_huawei_conference_control(conf, (uint32_t)k->operation, n ? k->ids : NULL, n,
                                                          k->args_json, k->path ? NULL : &answer, &err);
    if (st != MEETCTL_STATUS_OK) {
      fprintf(stderr, "  operation %d: %s\n", (int)k->operation, meetctl_error_get_description(err));
      t_case_failed = 1;
    } else if (k->path) {
      CHECK(emu_state_is(k->path, k->want));
    } else {
      CHECK(answer && strstr(answer, k->want) != NULL);
    }
    meetctl_error_free(err);
    meetctl_string_free(answer);
    covered |= 1ULL << k->operation;
  }
  /* Mute-all left the host alone, and only what update_settings was given changed. */
  CHECK(emu_state_is(C1 ".settings.allowRename", "0"));
  CHECK(emu_state_is(C1 ".settings.isLock", "0"));
  CHECK(emu_state_is(HW(CAROL) ".removed", "true"));
  CHECK(covered == ((1ULL << (MEETCTL_HUAWEI_OPERATION_SET_INTERPRETER_GROUPS + 1)) - 2));
  meetctl_huawei_conference_free(conf);
  meetctl_huawei_client_free(hw);
}

/* Index of participant `pid` in `info`, or the count when absent. */
static size_t find_pid(const meetctl_huawei_conference_info *info, const char *pid) {
  size_t i, n = meetctl_huawei_conference_info_get_participant_count(info);
  for (i = 0; i < n && strcmp(meetctl_huawei_conference_info_get_participant_id(info, i), pid) != 0; i++) {
  }
  return i;
}

static void huawei_info_and_the_inverted_video_flag(void) {
  meetctl_huawei_client *hw = huawei();
  meetctl_huawei_conference *conf = by_password(hw, CONF, HOST_PWD);
  meetctl_huawei_conference_info *info = NULL;
  meetctl_prepared *p = NULL;
  const char *bob[1] = {BOB};
  size_t n, a, b, d, e;
  CHECK(meetctl_huawei_conference_fetch_info(conf, &info, NULL) == MEETCTL_STATUS_OK);
  n = meetctl_huawei_conference_info_get_participant_count(info);
  CHECK(n == 5); /* Alice, Bob, Carol, Dora, Evan; Fay and Gus wait */
  a = find_pid(info, ALICE);
  b = find_pid(info, BOB);
  d = find_pid(info, "p-dora");
  e = find_pid(info, "p-evan");
  CHECK(a < n && b < n && d < n && e < n);
  CHECK_STR(meetctl_huawei_conference_info_get_host_id(info), ALICE);
  CHECK(meetctl_huawei_conference_info_get_cohost_count(info) == 1);
  CHECK_STR(meetctl_huawei_conference_info_get_cohost_id(info, 0), "p-dora");
  CHECK(meetctl_huawei_conference_info_get_cohost_id(info, 1) == NULL);
  CHECK(meetctl_huawei_conference_info_get_participant_role(info, a) == MEETCTL_HUAWEI_ROLE_HOST);
  CHECK(meetctl_huawei_conference_info_get_participant_role(info, d) == MEETCTL_HUAWEI_ROLE_COHOST);
  CHECK(meetctl_huawei_conference_info_get_participant_role(info, e) == MEETCTL_HUAWEI_ROLE_ATTENDEE);
  CHECK_STR(meetctl_huawei_conference_info_get_participant_name(info, e), "Evan");
  CHECK_STR(meetctl_huawei_conference_info_get_participant_number(info, e), "+8613800000005");
  {
    /* The number as the scenario has it (a JSON null there: not reported, NULL here). */
    char *state = emu_state(), *want = emu_json_get(state, HW(ALICE) ".number");
    const char *got = meetctl_huawei_conference_info_get_participant_number(info, a);
    if (want && strcmp(want, "null") == 0) {
      CHECK(got == NULL);
    } else {
      CHECK(got && want && strlen(want) == strlen(got) + 2 && strncmp(want + 1, got, strlen(got)) == 0);
    }
    free(want);
    free(state);
  }
  CHECK(meetctl_huawei_conference_info_get_participant_hand_raised(info, e) == 1);
  CHECK(meetctl_huawei_conference_info_get_participant_video_on(info, e) == 0);
  CHECK(meetctl_huawei_conference_info_get_participant_audio_muted(info, b) == 1); /* muted by huawei_generic_request */
  CHECK(meetctl_huawei_conference_info_get_participant_video_on(info, b) == 1);
  CHECK(strstr(meetctl_huawei_conference_info_get_participant_raw_json(info, e), "\"hand\":1") != NULL);
  CHECK(strstr(meetctl_huawei_conference_info_get_raw_json(info), "\"confInfo\"") != NULL);
  /* Out of range: NULL and -1. */
  CHECK(meetctl_huawei_conference_info_get_participant_id(info, n) == NULL);
  CHECK(meetctl_huawei_conference_info_get_participant_name(info, (size_t)-1) == NULL);
  CHECK(meetctl_huawei_conference_info_get_participant_raw_json(info, n) == NULL);
  CHECK(meetctl_huawei_conference_info_get_participant_audio_muted(info, n) == -1);
  CHECK(meetctl_huawei_conference_info_get_participant_video_on(info, n) == -1);
  CHECK(meetctl_huawei_conference_info_get_participant_hand_raised(info, n) == -1);
  CHECK(meetctl_huawei_conference_info_get_participant_role(info, n) == -1);
  meetctl_huawei_conference_info_free(info);
  info = NULL;

  /* stop_video is `status: 1` (the vendor's flag is inverted), and the video goes off. */
  CHECK(meetctl_huawei_conference_prepare(conf, MEETCTL_HUAWEI_OPERATION_STOP_VIDEO, bob, 1, NULL, &p, NULL) ==
        MEETCTL_STATUS_OK);
  CHECK(body_is(p, "{\"status\":1}"));
  meetctl_prepared_free(p);
  p = NULL;
  CHECK(meetctl_huawei_conference_prepare(conf, MEETCTL_HUAWEI_OPERATION_REQUEST_VIDEO, bob, 1, NULL, &p, NULL) ==
        MEETCTL_STATUS_OK);
  CHECK(body_is(p, "{\"status\":0}"));
  meetctl_prepared_free(p);
  CHECK(meetctl_huawei_conference_control(conf, MEETCTL_HUAWEI_OPERATION_STOP_VIDEO, bob, 1, NULL, NULL, NULL) ==
        MEETCTL_STATUS_OK);
  CHECK(emu_state_is(HW(BOB) ".video", "false"));
  CHECK(meetctl_huawei_conference_fetch_info(conf, &info, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_huawei_conference_info_get_participant_video_on(info, find_pid(info, BOB)) == 0);
  meetctl_huawei_conference_info_free(info);
  info = NULL;
  CHECK(meetctl_huawei_conference_control(conf, MEETCTL_HUAWEI_OPERATION_REQUEST_VIDEO, bob, 1, NULL, NULL, NULL) ==
        MEETCTL_STATUS_OK);
  CHECK(meetctl_huawei_conference_fetch_info(conf, &info, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_huawei_conference_info_get_participant_video_on(info, find_pid(info, BOB)) == 1);
  meetctl_huawei_conference_info_free(info);
  /* NULL handles are harmless. */
  CHECK(meetctl_huawei_conference_info_get_host_id(NULL) == NULL && meetctl_huawei_conference_info_get_raw_json(NULL) == NULL);
  CHECK(meetctl_huawei_conference_info_get_participant_count(NULL) == 0 && meetctl_huawei_conference_info_get_cohost_count(NULL) == 0);
  meetctl_huawei_conference_info_free(NULL);
  meetctl_huawei_conference_free(conf);
  meetctl_huawei_client_free(hw);
}

/* The old names of docs/naming.md's "Deprecated" table, kept for one release: the type
 * meetctl_huawei_info and its functions, the call meetctl_huawei_conference_info(conf, ...) (a macro
 * now: the name is the type's), the Tencent getters audio_on (the opposite of audio_muted) and
 * screen_sharing, and MEETCTL_ID_KIND_OPENID. Written as code of the previous release would be, they
 * compile and answer as the new names do. */
static void deprecated_names_keep_working(void) {
  meetctl_huawei_client *hw = huawei();
  meetctl_huawei_conference *conf = by_password(hw, CONF, HOST_PWD);
  meetctl_huawei_info *old = NULL;
  meetctl_huawei_conference_info *info = NULL;
  meetctl_tencent_client *c = sdk_app();
  meetctl_tencent_participant_list *list = NULL;
  meetctl_config *cfg = config();
  meetctl_tencent_client *oauth = NULL;
  meetctl_tencent_user me = {MEETCTL_ID_KIND_OPENID, "oauth-open-id-1", MEETCTL_INSTANCE_PC};
  char *ms_open_id = NULL;
  size_t i, n;

  CHECK(MEETCTL_ID_KIND_OPENID == MEETCTL_ID_KIND_OPEN_ID && MEETCTL_ID_KIND_OPEN_ID == 2);
  CHECK(meetctl_huawei_conference_info(conf, &old, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_huawei_conference_fetch_info(conf, &info, NULL) == MEETCTL_STATUS_OK);
  n = meetctl_huawei_info_get_participant_count(old);
  CHECK(n == 5 && n == meetctl_huawei_conference_info_get_participant_count(info));
  CHECK_STR(meetctl_huawei_info_get_host_id(old), ALICE);
  CHECK(meetctl_huawei_info_get_cohost_count(old) == 1);
  CHECK_STR(meetctl_huawei_info_get_cohost_id(old, 0), "p-dora");
  CHECK(strstr(meetctl_huawei_info_get_raw_json(old), "\"confInfo\"") != NULL);
  for (i = 0; i <= n; i++) {
    const char *id = meetctl_huawei_info_get_participant_id(old, i);
    const char *name = meetctl_huawei_info_get_participant_name(old, i);
    const char *number = meetctl_huawei_info_get_participant_number(old, i);
    CHECK((id == NULL) == (i == n));
    if (id) CHECK_STR(id, meetctl_huawei_conference_info_get_participant_id(info, i));
    if (name) CHECK_STR(name, meetctl_huawei_conference_info_get_participant_name(info, i));
    if (number) CHECK_STR(number, meetctl_huawei_conference_info_get_participant_number(info, i));
    CHECK((meetctl_huawei_info_get_participant_raw_json(old, i) == NULL) == (i == n));
    CHECK(meetctl_huawei_info_get_participant_muted(old, i) ==
          meetctl_huawei_conference_info_get_participant_audio_muted(info, i));
    CHECK(meetctl_huawei_info_get_participant_video(old, i) ==
          meetctl_huawei_conference_info_get_participant_video_on(info, i));
    CHECK(meetctl_huawei_info_get_participant_hand_raised(old, i) ==
          meetctl_huawei_conference_info_get_participant_hand_raised(info, i));
    CHECK(meetctl_huawei_info_get_participant_role(old, i) == meetctl_huawei_conference_info_get_participant_role(info, i));
  }
  CHECK(meetctl_huawei_info_get_participant_muted(old, find_pid(old, BOB)) == 1); /* huawei_generic_request */
  CHECK(meetctl_huawei_info_get_participant_video(old, find_pid(old, "p-evan")) == 0);
  meetctl_huawei_info_free(old);
  meetctl_huawei_info_free(NULL);
  meetctl_huawei_conference_info_free(info);

  CHECK(meetctl_tencent_client_participants(c, SDK_MEETING, &QUINN_BY_USERID, &list, NULL) == MEETCTL_STATUS_OK);
  n = meetctl_tencent_participant_list_len(list);
  for (i = 0; i <= n; i++) {
    const int muted = meetctl_tencent_participant_list_get_audio_muted(list, i);
    CHECK(meetctl_tencent_participant_list_get_audio_on(list, i) == (muted == -1 ? -1 : !muted));
    CHECK(meetctl_tencent_participant_list_get_screen_sharing(list, i) ==
          meetctl_tencent_participant_list_get_sharing_screen(list, i));
  }
  CHECK(meetctl_tencent_participant_list_get_audio_on(list, find_participant(list, "msopenid-tina")) == 0);
  CHECK(meetctl_tencent_participant_list_get_screen_sharing(list, find_participant(list, "msopenid-sam")) == 1);
  meetctl_tencent_participant_list_free(list);

  CHECK(meetctl_tencent_client_new_oauth(cfg, "oauth-open-id-1", "demo-oauth-token-1", &oauth, NULL) == MEETCTL_STATUS_OK);
  CHECK(meetctl_tencent_client_ms_open_id(oauth, OAUTH_MEETING, &me, &ms_open_id, NULL) == MEETCTL_STATUS_OK);
  CHECK_STR(ms_open_id, "msopenid-olivia");
  meetctl_string_free(ms_open_id);
  meetctl_tencent_client_free(oauth);
  meetctl_config_free(cfg);
  meetctl_tencent_client_free(c);
  meetctl_huawei_conference_free(conf);
  meetctl_huawei_client_free(hw);
}

static void huawei_prepare_is_what_control_sends(void) {
  static const struct {
    meetctl_huawei_operation operation;
    const char *id;
    const char *args_json;
    const char *body;
  } cases[] = {
      {MEETCTL_HUAWEI_OPERATION_UNMUTE, CAROL, NULL, "{\"isMute\":0}"},
      {MEETCTL_HUAWEI_OPERATION_EXTEND, NULL, "{\"minutes\":5}", "{\"auto\":0,\"duration\":5}"},
      {MEETCTL_HUAWEI_OPERATION_UPDATE_SETTINGS, NULL, "{\"is_lock\":false,\"chat_permission\":4}",
       "{\"chatPermission\":4,\"isLock\":0}"},
      {MEETCTL_HUAWEI_OPERATION_MUTE_ALL, NULL, NULL, "{\"isMute\":1,\"allowUnmuteByOneself\":1}"},
      {MEETCTL_HUAWEI_OPERATION_UNMUTE_ALL, NULL, NULL, "{\"isMute\":0}"},
      {MEETCTL_HUAWEI_OPERATION_INFO, NULL, NULL, ""},
  };
  meetctl_huawei_client *hw = huawei();
  meetctl_huawei_conference *conf = by_password(hw, CONF, HOST_PWD);
  char *token = NULL;
  size_t i;
  CHECK(meetctl_huawei_conference_control_token(conf, &token, NULL) == MEETCTL_STATUS_OK);
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    meetctl_prepared *p = NULL;
    const char *ids[1];
    const size_t n = cases[i].id ? 1 : 0;
    ids[0] = cases[i].id;
    CHECK(meetctl_huawei_conference_prepare(conf, (uint32_t)cases[i].operation, n ? ids : NULL, n,
                                            cases[i].args_json, &p, NULL) == MEETCTL_STATUS_OK);
    CHECK(body_is(p, cases[i].body));
    CHECK_STR(meetctl_prepared_get_header(p, "X-Conference-Authorization"), token);
    CHECK(meetctl_huawei_conference_control(conf, (uint32_t)cases[i].operation, n ? ids : NULL, n,
                                            cases[i].args_json, NULL, NULL) == MEETCTL_STATUS_OK);
    CHECK(prepared_is_last_request(p));
    meetctl_prepared_free(p);
  }
  {
    /* A prepared mute, sent with the test's own HTTP code, has the same effect. */
    meetctl_prepared *p = NULL;
    const char *ids[1] = {"p-evan"};
    char *body = NULL;
    CHECK(meetctl_huawei_conference_prepare(conf, MEETCTL_HUAWEI_OPERATION_MUTE, ids, 1, NULL, &p, NULL) ==
          MEETCTL_STATUS_OK);
    CHECK(send_prepared(p, &body) == 200);
    free(body);
    meetctl_prepared_free(p);
    CHECK(emu_state_is(HW("p-evan") ".muted", "true"));
  }
  meetctl_string_free(token);
  meetctl_huawei_conference_free(conf);
  meetctl_huawei_client_free(hw);
}

static void huawei_control_validation_before_io(void) {
  meetctl_huawei_client *hw = huawei();
  meetctl_huawei_conference *conf = by_password(hw, CONF, HOST_PWD); /* fetches its token lazily */
  meetctl_error *err = NULL;
  meetctl_prepared *p = NULL;
  meetctl_huawei_conference_info *info = NULL;
  char *answer = (char *)"untouched";
  const char *one[1] = {BOB}, *two[2] = {BOB, CAROL}, *null_id[1] = {NULL}, *bad_utf8[1] = {"\xff"};
  const long before = emu_count("request_count");
  const meetctl_status INVALID = MEETCTL_STATUS_INVALID_ARGUMENT;

#define HCONTROL(operation, ids, n, args) \
  meetctl_huawei_conference_control(conf, (operation), (ids), (n), (args), &answer, &err)

  EXPECT_INVALID(HCONTROL(0, one, 1, NULL), INVALID, "operation");
  EXPECT_INVALID(HCONTROL(1000, one, 1, NULL), INVALID, "operation");
  EXPECT_INVALID(meetctl_huawei_conference_prepare(conf, 99, NULL, 0, NULL, &p, &err), INVALID, "operation");
  EXPECT_INVALID(meetctl_huawei_conference_control(NULL, MEETCTL_HUAWEI_OPERATION_LOCK, NULL, 0, NULL, &answer, &err),
                 MEETCTL_STATUS_NULL_ARGUMENT, "conference");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_MUTE, NULL, 1, NULL), MEETCTL_STATUS_NULL_ARGUMENT,
                 "participant_ids");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_MUTE, null_id, 1, NULL), MEETCTL_STATUS_NULL_ARGUMENT,
                 "participant_ids[0]");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_MUTE, bad_utf8, 1, NULL), MEETCTL_STATUS_INVALID_UTF8,
                 "participant_ids[0]");
  EXPECT_INVALID(meetctl_huawei_conference_prepare(conf, MEETCTL_HUAWEI_OPERATION_LOCK, NULL, 0, NULL, NULL, &err),
                 MEETCTL_STATUS_NULL_ARGUMENT, "prepared_out");
  EXPECT_INVALID(meetctl_huawei_conference_fetch_info(conf, NULL, &err), MEETCTL_STATUS_NULL_ARGUMENT, "info_out");
  EXPECT_INVALID(meetctl_huawei_conference_info(NULL, &info, &err), MEETCTL_STATUS_NULL_ARGUMENT, "conference");
  /* How many participants. */
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_MUTE, NULL, 0, NULL), INVALID, "participant_id");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_STOP_VIDEO, two, 2, NULL), INVALID, "participant_id");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_LOCK, one, 1, NULL), INVALID, "participant_id");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_HANG_UP, NULL, 0, NULL), INVALID, "participant_ids");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_ADMIT_FROM_WAITING_ROOM, NULL, 0, NULL), INVALID,
                 "participant_id");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_ADMIT_FROM_WAITING_ROOM, one, 1, "{\"admit_all\":true}"), INVALID,
                 "admit_all");
  /* Arguments. */
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_LOCK, NULL, 0, "{oops"), INVALID, "args");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_LOCK, NULL, 0, "\"x\""), INVALID, "args");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_LOCK, NULL, 0, "{\"isLock\":1}"), INVALID, "isLock");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_EXTEND, NULL, 0, NULL), INVALID, "minutes");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_EXTEND, NULL, 0, "{\"minutes\":0}"), INVALID, "minutes");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_EXTEND, NULL, 0, "{\"minutes\":\"30\"}"), INVALID, "minutes");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_UPDATE_SETTINGS, NULL, 0, "{}"), INVALID, "args");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_UPDATE_SETTINGS, NULL, 0, "{\"chat_permission\":9}"), INVALID,
                 "chat_permission");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_APPLY_HOST, one, 1, NULL), INVALID, "chairman_password");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_RENAME, one, 1, "{\"number\":\"1\"}"), INVALID, "new_name");
  /* Screen and voice. */
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_BROADCAST, NULL, 0, NULL), INVALID, "participant_id");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_ROLL_CALL, two, 2, NULL), INVALID, "participant_id");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_CANCEL_BROADCAST, one, 1, NULL), INVALID, "participant_id");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_LOWER_HANDS, NULL, 0, NULL), INVALID, "participant_ids");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_START_HOST_POLLING, NULL, 0, "{\"switch_seconds\":9}"), INVALID,
                 "switch_seconds");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_PARTICIPANT_VIEW, one, 1, NULL), INVALID, "watched_id");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_LOCK_VIEW, one, 1, "{\"source_id\":\"\"}"), INVALID, "source_id");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_MOVE_ONE_TO_WAITING_ROOM, NULL, 0, NULL), INVALID,
                 "participant_id");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_ALLOW_CLIENT_RECORD, one, 1, NULL), INVALID, "allow");
  /* Recording and live streaming take no participant and no argument. */
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_PAUSE_MMR_RECORDING, one, 1, NULL), INVALID, "participant_id");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_START_LIVE, NULL, 0, "{\"isLive\":1}"), INVALID, "isLive");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_STOP_MMR_LIVE, NULL, 0, "{\"liveState\":0}"), INVALID,
                 "liveState");
  /* The invitation list and the share invitation. */
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_REMOVE_ATTENDEES, NULL, 0, NULL), INVALID, "attendees");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_REMOVE_ATTENDEES, NULL, 0, "{\"attendees\":[{}]}"), INVALID,
                 "attendees[0].number");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_INVITE_TO_SHARE, NULL, 0, NULL), INVALID, "participant_id");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_INVITE_WITH_PASSWORD, NULL, 0, "{\"number\":\"+9911\"}"), INVALID,
                 "conference_password");
  /* Display and interpretation. */
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_SWITCH_DISPLAY_MODE, NULL, 0, "{\"mode\":\"vas\",\"multi_picture\":true}"),
                 INVALID, "mode");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_SWITCH_DISPLAY_MODE, NULL, 0, "{\"mode\":\"VAS\"}"), INVALID,
                 "multi_picture");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_DELETE_LAYOUT, NULL, 0, NULL), INVALID, "layout_id");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_START_INTERPRETATION, NULL, 0, "{\"simultaneousInterpretation\":1}"),
                 INVALID, "simultaneousInterpretation");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_SET_LANGUAGE_CHANNEL, NULL, 0, "{\"channel\":\"en\"}"), INVALID,
                 "participant_ids");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_SET_LANGUAGE_CHANNEL, one, 1, NULL), INVALID, "channel");
  /* Nested arguments: errors name the whole path. */
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_SET_CUSTOM_MULTI_PICTURE, NULL, 0,
                          "{\"manual\":true,\"pictures\":[{\"index\":0}]}"),
                 INVALID, "pictures[0].index");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_SAVE_LAYOUT, NULL, 0, "{\"layout\":{\"pictures\":[{\"numbers\":[\"\"]}]}}"),
                 INVALID, "layout.pictures[0].numbers[0]");
  EXPECT_INVALID(HCONTROL(MEETCTL_HUAWEI_OPERATION_SET_INTERPRETER_GROUPS, NULL, 0,
                          "{\"groups\":[{\"group_id\":\"g\",\"first_language\":\"zh\"}]}"),
                 INVALID, "groups[0].second_language");
  CHECK(strcmp(answer, "untouched") == 0 && p == NULL && info == NULL);
  CHECK(emu_count("request_count") == before); /* not even the control token was fetched */
  meetctl_huawei_conference_free(conf);
  meetctl_huawei_client_free(hw);
#undef HCONTROL
}
#undef EXPECT_INVALID

/* ------------------------------------------------------------------ main */

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s EMULATOR_BASE_URL [CASE...]\n", argv[0]);
    return 2;
  }
  emu_base = argv[1];
  t_only = (const char *const *)argv + 2;
  t_only_count = argc - 2;
  RUN(version_macros_match_the_library_and_cargo_toml);
  RUN(config_setters);
  RUN(tencent_set_and_revoke_cohost_by_ms_open_id);
  RUN(tencent_set_cohost_by_uuid);
  RUN(tencent_close_video);
  RUN(tencent_close_video_with_oauth_and_own_openid);
  RUN(tencent_sdk_id_is_sent_when_assigned);
  RUN(tencent_generic_request);
  RUN(tencent_prepared_request_sent_by_another_http_stack);
  RUN(huawei_apply_and_relinquish_with_a_given_token);
  RUN(huawei_password_handle_fetches_and_caches_its_token);
  RUN(huawei_generic_request);
  RUN(huawei_app_id_auth_single_and_multi_tenant);
  RUN(huawei_account_auth);
  RUN(invalid_arguments_name_the_field_and_send_nothing);
  RUN(auth_errors);
  RUN(permission_denied);
  RUN(not_found);
  RUN(rate_limited_with_retry_after);
  RUN(api_errors);
  RUN(timeouts);
  RUN(connection_errors);
  RUN(malformed_responses);
  RUN(tls_untrusted_certificate_and_extra_ca);
  RUN(null_arguments);
  RUN(invalid_utf8_arguments);
  RUN(free_null_and_null_accessors);
  RUN(lengths_are_checked_before_anything_is_read);
  RUN(config_numbers_out_of_range_are_refused_naming_the_field);
  RUN(plain_http_only_to_loopback_unless_allowed);
  RUN(retries_and_attempts);
  RUN(eight_threads_share_one_tencent_client);
  RUN(eight_threads_share_one_conference_and_one_token_refresh);
  RUN(cancel_a_call_blocked_on_a_silent_server);
  RUN(cancel_handle_lifetime_and_null);
  RUN(deprecated_names_keep_working); /* reads only: before the end-to-end runs change the meetings */
  RUN(tencent_participants_listing_and_ms_open_id);
  RUN(tencent_prepare_is_what_control_sends);
  RUN(tencent_control_validation_before_io);
  RUN(tencent_every_operation_end_to_end);
  RUN(huawei_info_and_the_inverted_video_flag);
  RUN(huawei_prepare_is_what_control_sends);
  RUN(huawei_control_validation_before_io);
  RUN(huawei_every_operation_end_to_end);
  return report(argv[0]);
}
