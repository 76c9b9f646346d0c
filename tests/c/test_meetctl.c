/*
 * The C API of libmeetctl against the emulator (demo scenario): every operation of both vendors,
 * every error kind, NULL and non-UTF-8 arguments, _free(NULL), and 8 threads sharing a client.
 *
 * Usage: test_meetctl BASE_URL   (MEETCTL_EXPECTED_VERSION may hold Cargo.toml's version)
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
  meetctl_tencent_user op = {MEETCTL_ID_KIND_OPENID, "oauth-open-id-1", MEETCTL_INSTANCE_PC};
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
  CHECK(meetctl_tencent_client_prepare_close_video(c, SDK_MEETING, &quinn, &ruth, &p, NULL) == MEETCTL_STATUS_OK);
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
  CHECK(meetctl_tencent_client_prepare_set_cohost(c, MEETING, &HOST, &BOB_T, &p, NULL) == MEETCTL_STATUS_OK);
  CHECK(emu_count("request_count") == before); /* prepare sends nothing */
  snprintf(url, sizeof url, "%s/v1/real-control/meetings/" MEETING "/cohosts", emu_base);
  CHECK_STR(meetctl_prepared_get_method(p), "PUT");
  CHECK_STR(meetctl_prepared_get_url(p), url);
  CHECK_STR(meetctl_prepared_get_header(p, "X-TC-Key"), SECRET_ID);
  CHECK_STR(meetctl_prepared_get_header(p, "AppId"), APP_ID);
  CHECK(meetctl_prepared_get_header(p, "X-TC-Signature") != NULL &&
        strlen(meetctl_prepared_get_header(p, "X-TC-Signature")) == 88);
  CHECK(meetctl_prepared_get_header(p, "SdkId") == NULL);
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
  /* Good for one send only: the same nonce again is a replay. */
  CHECK(send_prepared(p, &body) == 400);
  CHECK(body && strstr(body, "190301") != NULL);
  free(body);
  meetctl_prepared_free(p);

  p = NULL;
  CHECK(meetctl_tencent_client_prepare_revoke_cohost(c, MEETING, &HOST, &BOB_T, &p, NULL) == MEETCTL_STATUS_OK);
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
    CHECK(meetctl_huawei_conference_prepare_apply_host(conf, BOB, HOST_PWD, &p, NULL) == MEETCTL_STATUS_OK);
    snprintf(url, sizeof url, "%s" ROLE_PATH "?conferenceID=" CONF "&participantID=" BOB, emu_base);
    CHECK_STR(meetctl_prepared_get_method(p), "PUT");
    CHECK_STR(meetctl_prepared_get_url(p), url);
    CHECK_STR(meetctl_prepared_get_header(p, "X-Conference-Authorization"), token);
    CHECK(meetctl_prepared_get_body_len(p) == strlen("{\"applyChair\":1,\"chairmanPwd\":\"157599\"}"));
    meetctl_prepared_free(p);
    p = NULL;
    CHECK(meetctl_huawei_conference_prepare_relinquish_host(conf, BOB, &p, NULL) == MEETCTL_STATUS_OK);
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
  meetctl_huawei_conference *conf = by_password(hw, CONF, GUEST_PWD);
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
             MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "user.instanceid", NULL);
  err = NULL;
  EXPECT_ERR(meetctl_tencent_client_close_video(c, MEETING, &bad_kind, &BOB_T, &err), err,
             MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "operator.id_kind", NULL);
  err = NULL;
  EXPECT_ERR(meetctl_tencent_client_close_video(c, MEETING, &HOST, &zeroed, &err), err,
             MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "user.id_kind", NULL);
  err = NULL;
  EXPECT_ERR(meetctl_tencent_client_close_video(c, MEETING, &linux_ms, &BOB_T, &err), err,
             MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "operator.instanceid", NULL);
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
    } cases[] = {{"base_url", 0}, {"timeout", 1}, {"proxy", 2}, {"extra_ca_pem", 3}};
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
      meetctl_config *bad = config();
      if (cases[i].which == 0) meetctl_config_set_base_url(bad, "ftp://x", NULL);
      if (cases[i].which == 1) meetctl_config_set_timeout_ms(bad, 0, NULL);
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
  meetctl_tencent_client *c = enterprise();
  meetctl_huawei_client *hw = huawei();
  meetctl_huawei_conference *conf = by_password(hw, CONF, HOST_PWD);
  meetctl_error *err = NULL;
  meetctl_status st;
  CHECK(emu_fault("{\"kind\":\"rate_limit\",\"retry_after\":3}") == 0);
  st = meetctl_tencent_client_set_cohost(c, MEETING, &HOST, &BOB_T, &err);
  CHECK(meetctl_error_get_http_status(err) == 429);
  CHECK(meetctl_error_get_retry_after_ms(err) == 3000);
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
  meetctl_tencent_client *c = enterprise();
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
  meetctl_tencent_client *c = enterprise();
  meetctl_huawei_client *hw = huawei();
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
  EXPECT_NULL(meetctl_tencent_client_prepare_set_cohost(c, MEETING, &HOST, &BOB_T, NULL, &err), "prepared_out");
  EXPECT_NULL(meetctl_tencent_client_prepare_close_video(NULL, MEETING, &HOST, &BOB_T, &p, &err), "client");
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
  EXPECT_NULL(meetctl_huawei_conference_prepare_relinquish_host(conf, NULL, &p, &err), "participant_id");
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

/* ------------------------------------------------------------------ main */

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s EMULATOR_BASE_URL\n", argv[0]);
    return 2;
  }
  emu_base = argv[1];
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
  RUN(eight_threads_share_one_tencent_client);
  RUN(eight_threads_share_one_conference_and_one_token_refresh);
  return report(argv[0]);
}
