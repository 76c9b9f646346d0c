// The C++17 wrapper (meetctl.hpp) against the emulator (demo scenario): every operation of both
// vendors through its named helper (effect checked in the emulator's state), the participant list
// and conference info, prepare() against what control() sends, escaped arguments, validation
// before I/O, every error kind as a meetctl::Error, NULL and non-UTF-8 arguments (through the C
// API from C++ and through the wrapper), what the wrapper refuses before calling C (embedded NULs,
// moved-from objects, durations out of range), retries and plain-http policy, RAII ownership,
// 8 std::threads sharing one client, and a call blocked on a silent server cancelled from another
// thread (CancelHandle, CancelScope, meetctl::Cancelled).
//
// Usage: test_meetctl_cpp BASE_URL [CASE...]   (MEETCTL_TEST_TLS_URL / MEETCTL_TEST_TLS_CA for the
// TLS case; only the named cases when some are given)
#define _POSIX_C_SOURCE 200809L

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <limits>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "../common/emulator.h"
#include "meetctl.hpp"

namespace {

const std::string MEETING = "1242152152161";
const std::string OAUTH_MEETING = "1242152152162";
const std::string APP_ID = "210000001";
const std::string SECRET_ID = "AKIDdemo0001";
const std::string SECRET_KEY = "demo-secret-key-0001";
const std::string CONF = "914083136";
const std::string HOST_PWD = "157599";
const std::string GUEST_PWD = "246810";
const std::string ALICE = "d2c3ae64216e11eabc510dc9b62e3a80";
const std::string BOB = "a1b2c3d4e5f611eabc510dc9b62e3a81";
const std::string CAROL = "c3d4e5f6a7b811eabc510dc9b62e3a82";
const std::string MUTE_PATH = "/v1/mmc/control/conferences/participants/mute";
const std::string ROLE_PATH = "/v1/mmc/control/conferences/participants/role";
const std::string TOKEN_PATH = "/v1/mmc/control/conferences/token";

const meetctl::TencentUser HOST = meetctl::TencentUser::ms_open_id("afagsagwags", MEETCTL_INSTANCE_IOS);
const meetctl::TencentUser BOB_T = meetctl::TencentUser::ms_open_id("agaqwwgdkkddd", MEETCTL_INSTANCE_MAC);

meetctl::Config config() {
  meetctl::Config c;
  c.base_url(emu_base).no_proxy().timeout(std::chrono::seconds(10));
  return c;
}

meetctl::TencentClient enterprise() { return meetctl::TencentClient::enterprise(config(), APP_ID, SECRET_ID, SECRET_KEY); }

meetctl::HuaweiClient huawei() { return meetctl::HuaweiClient::without_account(config()); }

// One attempt per exchange: the server's answer as it came (the error tests see each fault once).
meetctl::Config config_once() {
  meetctl::Config c = config();
  c.max_attempts(1);
  return c;
}

bool has(const std::string &needle, const std::string &property) {
  return emu_object_has(needle.c_str(), property.c_str()) != 0;
}

bool fault(const std::string &json) { return emu_fault(json.c_str()) == 0; }

// Runs `fn`, expecting a meetctl::Error of `status`/`kind`; returns it (or a dummy on failure).
template <typename Fn>
std::optional<meetctl::Error> expect_error(int line, Fn fn, meetctl_status status, meetctl_error_kind kind,
                                           const std::string &field = "", const std::string &code = "") {
  try {
    fn();
  } catch (const meetctl::Error &e) {
    bool ok = e.status() == status && e.kind() == kind && (field.empty() || e.field() == field) &&
              (code.empty() || e.code() == code) && std::string(e.what()).size() > 0;
    if (!ok) {
      std::cerr << "  CHECK FAILED line " << line << ": got status " << e.status() << " kind " << e.kind()
                << " field '" << e.field() << "' code '" << e.code() << "': " << e.what() << "\n";
      t_case_failed = 1;
    }
    return e;
  }
  std::cerr << "  CHECK FAILED line " << line << ": no exception\n";
  t_case_failed = 1;
  return std::nullopt;
}

#define EXPECT_ERROR(fn, ...) expect_error(__LINE__, [&] { fn; }, __VA_ARGS__)

// ------------------------------------------------------------------ version and config

void version_and_config() {
  std::ostringstream macros;
  macros << MEETCTL_VERSION_MAJOR << "." << MEETCTL_VERSION_MINOR << "." << MEETCTL_VERSION_PATCH;
  CHECK(meetctl::version() == macros.str());
  if (const char *expected = std::getenv("MEETCTL_EXPECTED_VERSION")) CHECK(macros.str() == expected);

  meetctl::Config c;
  c.base_url("https://meeting.example.invalid")
      .region("ap-southeast-1")
      .timeout(std::chrono::seconds(5))
      .connect_timeout(std::chrono::milliseconds(500))
      .read_timeout(std::chrono::seconds(2))
      .proxy("http://127.0.0.1:3128")
      .proxy_from_environment()
      .no_proxy()
      .max_response_bytes(4096)
      .allow_insecure_http(false)
      .max_attempts(5);
  EXPECT_ERROR(c.region("mars-1"), MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "region");
  meetctl::Config intl;
  intl.region("ap-southeast-1");
  auto hw = meetctl::HuaweiClient::without_account(intl);
  CHECK(hw.base_url() == "https://api-intl.meeting.huaweicloud.com");
  CHECK(hw.region() == "ap-southeast-1");
}

// ------------------------------------------------------------------ Tencent

void tencent_operations() {
  const auto client = enterprise();
  CHECK(client.base_url() == emu_base);
  client.set_cohost(MEETING, HOST, BOB_T);
  CHECK(has("\"ms_open_id\":\"agaqwwgdkkddd\"", "\"role\":\"cohost\""));
  client.revoke_cohost(MEETING, HOST, BOB_T);
  CHECK(has("\"ms_open_id\":\"agaqwwgdkkddd\"", "\"role\":\"attendee\""));

  const auto op = meetctl::TencentUser::uuid("uuid-alice", MEETCTL_INSTANCE_IOS);
  const auto rooms = meetctl::TencentUser::uuid("uuid-rooms-1", MEETCTL_INSTANCE_ROOMS_TOUCH_WINDOWS);
  client.set_cohost(MEETING, op, rooms);
  CHECK(has("\"uuid\":\"uuid-rooms-1\"", "\"role\":\"cohost\""));
  client.revoke_cohost(MEETING, op, rooms);

  client.close_video(MEETING, HOST, meetctl::TencentUser::ms_open_id("msopenid-dave", MEETCTL_INSTANCE_ANDROID));
  CHECK(has("\"ms_open_id\":\"msopenid-dave\"", "\"video\":false"));

  const auto oauth = meetctl::TencentClient::oauth(config(), "oauth-open-id-1", "demo-oauth-token-1");
  oauth.close_video(OAUTH_MEETING, meetctl::TencentUser::open_id("oauth-open-id-1", MEETCTL_INSTANCE_PC),
                    meetctl::TencentUser::ms_open_id("msopenid-pete", MEETCTL_INSTANCE_WEB));
  CHECK(has("\"ms_open_id\":\"msopenid-pete\"", "\"video\":false"));

  const auto sdk =
      meetctl::TencentClient::enterprise(config(), "210000002", "AKIDdemo0002", "demo-secret-key-0002", "20002");
  const auto quinn = meetctl::TencentUser::ms_open_id("msopenid-quinn", MEETCTL_INSTANCE_PC);
  const auto ruth = meetctl::TencentUser::ms_open_id("msopenid-ruth", MEETCTL_INSTANCE_MAC);
  CHECK(sdk.prepare(MEETCTL_TENCENT_OPERATION_CLOSE_VIDEO, "1242152152163", quinn, {ruth}).header("SdkId") == std::optional<std::string>("20002"));
  sdk.close_video("1242152152163", quinn, ruth);
  CHECK(has("\"ms_open_id\":\"msopenid-ruth\"", "\"video\":false"));
}

void tencent_generic_and_prepared() {
  const auto client = enterprise();
  const std::string info = client.request("GET", "/v1/meetings/" + MEETING, {{"userid", "alice"}, {"instanceid", "1"}});
  CHECK(info.find("\"meeting_id\":\"" + MEETING + "\"") != std::string::npos);
  const std::string mute =
      R"({"operator_id":"afagsagwags","operator_id_type":4,"instanceid":4,"mute":true,)"
      R"("user":{"to_operator_id":"agaqwwgdkkddd","to_operator_id_type":4,"instanceid":2}})";
  CHECK(client.request("PUT", "/v1/real-control/meetings/" + MEETING + "/mutes", {}, mute) == "{}");
  CHECK(has("\"ms_open_id\":\"agaqwwgdkkddd\"", "\"muted\":true"));

  const long before = emu_count("request_count");
  const meetctl::PreparedRequest p = client.prepare(MEETCTL_TENCENT_OPERATION_SET_COHOST, MEETING, HOST, {BOB_T});
  CHECK(emu_count("request_count") == before);
  CHECK(p.method() == "PUT");
  CHECK(p.url() == std::string(emu_base) + "/v1/real-control/meetings/" + MEETING + "/cohosts");
  CHECK(p.header("x-tc-key") == std::optional<std::string>(SECRET_ID));
  CHECK(p.body().find("\"action\":true") != std::string::npos);
  // Send it with the test's own HTTP code.
  std::string headers;
  for (const auto &h : p.headers()) headers += h.first + ": " + h.second + "\r\n";
  emu_response r;
  CHECK(emu_http(p.method().c_str(), p.url().c_str(), headers.c_str(), p.body().data(), p.body().size(), &r) == 0);
  CHECK(r.status == 200);
  free(r.body);
  CHECK(has("\"ms_open_id\":\"agaqwwgdkkddd\"", "\"role\":\"cohost\""));
  CHECK(client.prepare(MEETCTL_TENCENT_OPERATION_REVOKE_COHOST, MEETING, HOST, {BOB_T}).body().find("\"action\":false") != std::string::npos);
  CHECK(client.prepare(MEETCTL_TENCENT_OPERATION_CLOSE_VIDEO, MEETING, HOST, {BOB_T}).url().find("/video") != std::string::npos);
  const auto get = client.prepare_request("GET", "/v1/meetings/" + MEETING, {{"userid", "a b"}});
  CHECK(get.url() == std::string(emu_base) + "/v1/meetings/" + MEETING + "?userid=a%20b");
  CHECK(get.body().empty());
  CHECK(get.safe_to_repeat());  // a GET of an endpoint meetctl has no row for: a lookup
  CHECK(!client.prepare_request("PUT", "/v1/x").safe_to_repeat());  // of unknown effect: not
  client.revoke_cohost(MEETING, HOST, BOB_T);
}

// ------------------------------------------------------------------ Huawei

void huawei_operations() {
  const auto hw = huawei();
  const long issued = emu_count("control_tokens_issued");
  const std::string token = hw.conference_with_password(CONF, GUEST_PWD).control_token();
  const auto conf = hw.conference_with_token(CONF, token);
  CHECK(conf.id() == CONF);
  conf.apply_host(BOB, HOST_PWD);
  CHECK(emu_huawei_host_is(CONF.c_str(), ("\"" + BOB + "\"").c_str()));
  conf.relinquish_host(BOB);
  CHECK(emu_huawei_host_is(CONF.c_str(), "null"));
  CHECK(emu_count("control_tokens_issued") == issued + 1);
  const auto p = conf.prepare(MEETCTL_HUAWEI_OPERATION_APPLY_HOST, {BOB}, meetctl::Args().set("chairman_password", HOST_PWD));
  CHECK(p.body() == R"({"applyChair":1,"chairmanPwd":"157599"})");
  CHECK(p.header("X-Conference-Authorization") == std::optional<std::string>(token));
  CHECK(conf.prepare(MEETCTL_HUAWEI_OPERATION_RELINQUISH_HOST, {BOB}).body() == R"({"applyChair":0})");
  CHECK(p.safe_to_repeat() && !conf.prepare(MEETCTL_HUAWEI_OPERATION_HANG_UP, {BOB}).safe_to_repeat());
  CHECK(conf.prepare_request("PUT", MUTE_PATH, {{"participantID", BOB}}, R"({"isMute":1})").url() ==
        std::string(emu_base) + MUTE_PATH + "?conferenceID=" + CONF + "&participantID=" + BOB);

  const auto by_password = hw.conference_with_password(CONF, HOST_PWD);
  by_password.apply_host(ALICE, HOST_PWD);
  CHECK(emu_huawei_host_is(CONF.c_str(), ("\"" + ALICE + "\"").c_str()));
  CHECK(by_password.request("PUT", MUTE_PATH, {{"participantID", BOB}}, R"({"isMute":1})") == "null");
  CHECK(has("\"participant_id\":\"" + BOB + "\"", "\"muted\":true"));
  CHECK(!hw.access_token().has_value());

  const long access = emu_count("access_tokens_issued");
  const auto app = meetctl::HuaweiClient::app_id(config(), "demoappid0001", "demo-app-key-0001", "bob");
  const auto first = app.access_token();
  CHECK(first.has_value() && app.access_token() == first);
  app.conference_with_password(CONF, HOST_PWD).apply_host(ALICE, HOST_PWD);
  const auto multi = meetctl::HuaweiClient::app_id(config(), "demoappid0001", "demo-app-key-0001", "bob", "corp-9");
  CHECK(multi.access_token().has_value());
  const auto account = meetctl::HuaweiClient::account(config(), "demo-account", "Demo@Passw0rd");
  account.conference_with_password(CONF, HOST_PWD).apply_host(ALICE, HOST_PWD);
  CHECK(emu_count("access_tokens_issued") == access + 3);
}

// ------------------------------------------------------------------ errors

void every_error_kind() {
  const auto client = meetctl::TencentClient::enterprise(config_once(), APP_ID, SECRET_ID, SECRET_KEY);
  const auto hw = meetctl::HuaweiClient::without_account(config_once());
  const long before = emu_count("request_count");

  // Invalid arguments, with the field, before anything is sent.
  EXPECT_ERROR(client.set_cohost("", HOST, BOB_T), MEETCTL_STATUS_INVALID_ARGUMENT,
               MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "meeting_id");
  EXPECT_ERROR(client.set_cohost(MEETING, meetctl::TencentUser::userid("alice", MEETCTL_INSTANCE_PC), BOB_T),
               MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "operator.id");
  EXPECT_ERROR(client.request("GET", "/v1/../admin"), MEETCTL_STATUS_INVALID_ARGUMENT,
               MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "path");
  EXPECT_ERROR(client.request("PUT", "/v1/x", {}, std::string("{oops")), MEETCTL_STATUS_INVALID_ARGUMENT,
               MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "body_json");
  EXPECT_ERROR(meetctl::TencentClient::enterprise(config(), "", SECRET_ID, SECRET_KEY),
               MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "app_id");
  EXPECT_ERROR(hw.conference_with_password(CONF, HOST_PWD).apply_host(BOB, ""), MEETCTL_STATUS_INVALID_ARGUMENT,
               MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "chairman_password");
  CHECK(emu_count("request_count") == before);

  // Auth.
  const auto bad = meetctl::TencentClient::enterprise(config(), APP_ID, SECRET_ID, "not-the-key");
  if (auto e = EXPECT_ERROR(bad.set_cohost(MEETING, HOST, BOB_T), MEETCTL_STATUS_AUTH, MEETCTL_ERROR_KIND_AUTH, "",
                            "200003")) {
    CHECK(e->vendor() == MEETCTL_VENDOR_TENCENT && e->http_status() == 400 && e->new_code() == "200200003");
    CHECK(!e->request_id().empty());
  }
  EXPECT_ERROR(hw.conference_with_password(CONF, "000000").apply_host(BOB, HOST_PWD), MEETCTL_STATUS_AUTH,
               MEETCTL_ERROR_KIND_AUTH, "", "MMC.111072065");
  EXPECT_ERROR(meetctl::HuaweiClient::account(config(), "demo-account", "wrong").access_token(), MEETCTL_STATUS_AUTH,
               MEETCTL_ERROR_KIND_AUTH);

  // Permission denied.
  EXPECT_ERROR(client.set_cohost(MEETING, meetctl::TencentUser::ms_open_id("msopenid-dave", MEETCTL_INSTANCE_ANDROID), BOB_T),
               MEETCTL_STATUS_PERMISSION_DENIED, MEETCTL_ERROR_KIND_PERMISSION_DENIED, "", "9042");
  EXPECT_ERROR(hw.conference_with_password(CONF, GUEST_PWD).apply_host(BOB, "999999"), MEETCTL_STATUS_PERMISSION_DENIED,
               MEETCTL_ERROR_KIND_PERMISSION_DENIED, "", "MMC.111070002");

  // Not found.
  if (auto e = EXPECT_ERROR(client.close_video("999999999", HOST, BOB_T), MEETCTL_STATUS_NOT_FOUND,
                            MEETCTL_ERROR_KIND_NOT_FOUND, "", "9003")) {
    CHECK(e->new_code().empty());
  }
  EXPECT_ERROR(hw.conference_with_token("123456789", "stbx").relinquish_host(BOB), MEETCTL_STATUS_NOT_FOUND,
               MEETCTL_ERROR_KIND_NOT_FOUND, "", "MMC.111070005");

  // Rate limited, with Retry-After.
  CHECK(fault(R"({"kind":"rate_limit","retry_after":3})"));
  if (auto e = EXPECT_ERROR(client.set_cohost(MEETING, HOST, BOB_T), MEETCTL_STATUS_RATE_LIMITED,
                            MEETCTL_ERROR_KIND_RATE_LIMITED, "", "190310")) {
    CHECK(e->retry_after() == std::optional<std::chrono::milliseconds>(std::chrono::seconds(3)));
    CHECK(e->http_status() == 429 && e->attempts() == 1);
  }
  const auto conf = hw.conference_with_password(CONF, HOST_PWD);
  CHECK(fault(R"({"kind":"rate_limit","retry_after":7,"path_prefix":")" + ROLE_PATH + "\"}"));
  if (auto e = EXPECT_ERROR(conf.apply_host(BOB, HOST_PWD), MEETCTL_STATUS_RATE_LIMITED, MEETCTL_ERROR_KIND_RATE_LIMITED,
                            "", "100000429")) {
    CHECK(e->retry_after() == std::optional<std::chrono::milliseconds>(std::chrono::seconds(7)));
  }

  // Other API errors.
  EXPECT_ERROR(client.close_video(MEETING, HOST, meetctl::TencentUser::ms_open_id("msopenid-erin", MEETCTL_INSTANCE_PC)),
               MEETCTL_STATUS_API, MEETCTL_ERROR_KIND_API, "", "9104");
  CHECK(fault(R"({"kind":"status","status":503})"));
  if (auto e = EXPECT_ERROR(client.set_cohost(MEETING, HOST, BOB_T), MEETCTL_STATUS_API, MEETCTL_ERROR_KIND_API)) {
    CHECK(e->http_status() == 503);
  }
  EXPECT_ERROR(hw.conference_with_password("914083137", "111111").apply_host("p-zoe", "111111"), MEETCTL_STATUS_API,
               MEETCTL_ERROR_KIND_API, "", "MMC.111070006");

  // Timeout.
  meetctl::Config fast = config();
  fast.timeout(std::chrono::milliseconds(300));
  const auto impatient = meetctl::TencentClient::enterprise(fast, APP_ID, SECRET_ID, SECRET_KEY);
  CHECK(fault(R"({"kind":"delay","ms":1500})"));
  EXPECT_ERROR(impatient.set_cohost(MEETING, HOST, BOB_T), MEETCTL_STATUS_TIMEOUT, MEETCTL_ERROR_KIND_TIMEOUT);

  // Connection.
  CHECK(fault(R"({"kind":"reset"})"));
  EXPECT_ERROR(client.set_cohost(MEETING, HOST, BOB_T), MEETCTL_STATUS_CONNECTION, MEETCTL_ERROR_KIND_CONNECTION);
  meetctl::Config nowhere;
  nowhere.base_url("http://127.0.0.1:1").no_proxy().max_attempts(1);
  EXPECT_ERROR(meetctl::HuaweiClient::without_account(nowhere).conference_with_password(CONF, HOST_PWD).apply_host(
                   BOB, HOST_PWD),
               MEETCTL_STATUS_CONNECTION, MEETCTL_ERROR_KIND_CONNECTION);

  // Malformed response.
  CHECK(fault(R"({"kind":"malformed"})"));
  EXPECT_ERROR(client.set_cohost(MEETING, HOST, BOB_T), MEETCTL_STATUS_MALFORMED_RESPONSE,
               MEETCTL_ERROR_KIND_MALFORMED_RESPONSE);
  CHECK(fault(R"({"kind":"malformed","path_prefix":")" + TOKEN_PATH + "\"}"));
  EXPECT_ERROR(hw.conference_with_password(CONF, HOST_PWD).relinquish_host(BOB), MEETCTL_STATUS_MALFORMED_RESPONSE,
               MEETCTL_ERROR_KIND_MALFORMED_RESPONSE);

  // TLS: an untrusted certificate is a TLS error, a trusted one through the extra CA works.
  const char *tls_url = std::getenv("MEETCTL_TEST_TLS_URL");
  const char *tls_ca = std::getenv("MEETCTL_TEST_TLS_CA");
  CHECK(tls_url && tls_ca);
  if (tls_url && tls_ca) {
    meetctl::Config tls;
    tls.base_url(tls_url).no_proxy();
    try {
      meetctl::TencentClient::enterprise(tls, APP_ID, SECRET_ID, SECRET_KEY).request("GET", "/v1/tls-check");
      CHECK(!"an untrusted certificate was accepted");
    } catch (const meetctl::Error &e) {
      CHECK(e.status() == MEETCTL_STATUS_TLS);
    }
    std::ifstream in(tls_ca);
    std::stringstream pem;
    pem << in.rdbuf();
    tls.extra_ca_pem(pem.str());
    CHECK(meetctl::TencentClient::enterprise(tls, APP_ID, SECRET_ID, SECRET_KEY).request("GET", "/v1/tls-check") ==
          "{}");
  }
}

// ------------------------------------------------------------------ NULL and non-UTF-8

void null_and_invalid_utf8() {
  const auto client = enterprise();
  const long before = emu_count("request_count");
  // Through the wrapper: a std::string cannot be NULL, but it can hold bytes that are not UTF-8.
  EXPECT_ERROR(client.set_cohost("\xff\xfe", HOST, BOB_T), MEETCTL_STATUS_INVALID_UTF8,
               MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "meeting_id");
  EXPECT_ERROR(client.close_video(MEETING, meetctl::TencentUser::uuid("\xc3\x28", MEETCTL_INSTANCE_PC), BOB_T),
               MEETCTL_STATUS_INVALID_UTF8, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "operator.id");
  EXPECT_ERROR(meetctl::Config().base_url("http://\x80"), MEETCTL_STATUS_INVALID_UTF8,
               MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "base_url");
  EXPECT_ERROR(huawei().conference_with_password(CONF, "\xfe"), MEETCTL_STATUS_INVALID_UTF8,
               MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "password");
  // The C API from C++: NULL handles, strings and out-parameters.
  meetctl_error *err = nullptr;
  CHECK(meetctl_tencent_client_set_cohost(nullptr, MEETING.c_str(), nullptr, nullptr, &err) ==
        MEETCTL_STATUS_NULL_ARGUMENT);
  CHECK(meetctl::Error(MEETCTL_STATUS_NULL_ARGUMENT, err).field() == "client");  // takes and frees err
  err = nullptr;
  CHECK(meetctl_huawei_conference_control_token(nullptr, nullptr, &err) == MEETCTL_STATUS_NULL_ARGUMENT);
  CHECK(std::string(meetctl_error_get_field(err)) == "conference");
  meetctl_error_free(err);
  CHECK(meetctl_tencent_client_request(client.get(), "GET", "/v1/x", nullptr, 0, nullptr, nullptr, nullptr) ==
        MEETCTL_STATUS_NULL_ARGUMENT);
  CHECK(emu_count("request_count") == before);
  // _free(NULL) is a no-op for every type.
  meetctl_config_free(nullptr);
  meetctl_error_free(nullptr);
  meetctl_string_free(nullptr);
  meetctl_prepared_free(nullptr);
  meetctl_tencent_client_free(nullptr);
  meetctl_huawei_client_free(nullptr);
  meetctl_huawei_conference_free(nullptr);
}

// ------------------------------------------------------------------ threads

void eight_threads_share_one_client() {
  const auto client = enterprise();
  const long before = emu_count("request_count");
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&client, &failures, i] {
      for (int n = 0; n < 5; ++n) {
        try {
          if (i % 2 == 0) {
            client.set_cohost(MEETING, HOST, BOB_T);
          } else {
            client.close_video(MEETING, HOST, BOB_T);
          }
        } catch (const meetctl::Error &e) {
          std::cerr << "  thread " << i << ": " << e.what() << "\n";
          ++failures;
        }
      }
    });
  }
  for (auto &t : threads) t.join();
  CHECK(failures == 0);
  CHECK(emu_count("request_count") == before + 40);

  const auto hw = huawei();
  const auto conf = hw.conference_with_password(CONF, HOST_PWD);
  const long issued = emu_count("control_tokens_issued");
  CHECK(fault(R"({"kind":"delay","ms":300,"path_prefix":")" + TOKEN_PATH + "\"}"));
  std::vector<std::thread> hw_threads;
  for (int i = 0; i < 8; ++i) {
    hw_threads.emplace_back([&conf, &failures] {
      try {
        conf.request("PUT", MUTE_PATH, {{"participantID", CAROL}}, R"({"isMute":0})");
      } catch (const meetctl::Error &e) {
        std::cerr << "  huawei thread: " << e.what() << "\n";
        ++failures;
      }
    });
  }
  for (auto &t : hw_threads) t.join();
  CHECK(failures == 0);
  CHECK(emu_count("control_tokens_issued") == issued + 1);
}

// ------------------------------------------------------------------ cancelling a call

// A TCP server on 127.0.0.1 that accepts connections and reads what comes, and never answers: a
// call to it waits until its timeout, or until it is cancelled. Stopped through a pipe.
class SilentServer {
 public:
  SilentServer() {
    listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    socklen_t len = sizeof addr;
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (listen_fd_ < 0 || bind(listen_fd_, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 ||
        listen(listen_fd_, 8) != 0 || getsockname(listen_fd_, reinterpret_cast<sockaddr *>(&addr), &len) != 0 ||
        pipe(stop_) != 0) {
      if (listen_fd_ >= 0) close(listen_fd_);
      throw std::runtime_error("the silent server could not start");
    }
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { run(); });
  }
  ~SilentServer() { stop(); }
  SilentServer(const SilentServer &) = delete;
  SilentServer &operator=(const SilentServer &) = delete;

  int port() const { return port_; }
  // Connections accepted (read it after stop()).
  int accepted() const { return accepted_; }

  void stop() {
    if (!thread_.joinable()) return;
    CHECK(write(stop_[1], "x", 1) == 1);
    thread_.join();
    close(stop_[0]);
    close(stop_[1]);
    close(listen_fd_);
  }

 private:
  void run() {
    std::vector<int> conns;
    char buf[4096];
    for (;;) {
      std::vector<pollfd> fds{{stop_[0], POLLIN, 0}, {listen_fd_, POLLIN, 0}};
      for (const int c : conns) fds.push_back({c, POLLIN, 0});
      if (poll(fds.data(), static_cast<nfds_t>(fds.size()), -1) < 0) {
        if (errno == EINTR) continue;
        break;
      }
      if (fds[0].revents) break;
      for (std::size_t i = conns.size(); i-- > 0;) {  // read and drop; a closed connection is forgotten
        if (fds[2 + i].revents && read(conns[i], buf, sizeof buf) <= 0) {
          close(conns[i]);
          conns.erase(conns.begin() + static_cast<std::ptrdiff_t>(i));
        }
      }
      if (fds[1].revents & POLLIN) {
        const int c = accept(listen_fd_, nullptr, nullptr);
        if (c >= 0) {
          ++accepted_;
          conns.push_back(c);
        }
      }
    }
    for (const int c : conns) close(c);
  }

  int listen_fd_ = -1;
  int stop_[2] = {-1, -1};
  int port_ = 0;
  int accepted_ = 0;
  std::thread thread_;
};

// The same scenario as the C suite's, through the RAII types: a call blocked on a server that
// never answers (30 s timeout, no retries) ends soon after CancelHandle::fire() from another thread
// with meetctl::Cancelled; the handle stays fired; the CancelScope's end unbinds it.
void cancel_a_call_blocked_on_a_silent_server() {
  using clock = std::chrono::steady_clock;
  SilentServer server;
  meetctl::Config cfg;
  cfg.base_url("http://127.0.0.1:" + std::to_string(server.port()))
      .no_proxy()
      .timeout(std::chrono::seconds(30))
      .max_attempts(1);
  const auto silent = meetctl::TencentClient::enterprise(cfg, APP_ID, SECRET_ID, SECRET_KEY);
  const meetctl::CancelHandle cancel;
  CHECK(!cancel.is_fired());
  {
    const meetctl::CancelScope scope(cancel);
    clock::time_point fired_at;
    std::thread firing([&cancel, &fired_at] {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      fired_at = clock::now();
      cancel.fire();
    });
    const auto started = clock::now();
    auto returned = started;
    bool cancelled = false;
    try {
      silent.set_cohost(MEETING, HOST, BOB_T);
    } catch (const meetctl::Cancelled &e) {
      returned = clock::now();
      cancelled = true;
      CHECK(e.status() == MEETCTL_STATUS_CANCELLED && e.kind() == MEETCTL_ERROR_KIND_CANCELLED);
      CHECK(e.request_may_have_been_sent());
    }
    firing.join();
    CHECK(cancelled);
    const std::chrono::duration<double, std::milli> after_fire = returned - fired_at, in_all = returned - started;
    CHECK(in_all.count() < 1000.0 && returned >= fired_at && after_fire.count() < 500.0);
    std::cout << "cancel: call returned " << static_cast<long>(after_fire.count() + 0.5) << " ms after the fire ("
              << static_cast<long>(in_all.count() + 0.5) << " ms in all)\n";
    CHECK(cancel.is_fired());

    // Fired stays fired: at once, nothing sent.
    const auto again = clock::now();
    try {
      silent.set_cohost(MEETING, HOST, BOB_T);
      CHECK(!"a call on a thread bound to a fired handle went through");
    } catch (const meetctl::Cancelled &e) {
      CHECK(!e.request_may_have_been_sent() && e.attempts() == 0);
    }
    CHECK(clock::now() - again < std::chrono::milliseconds(250));
    // Also a meetctl::Error, like every other failure.
    EXPECT_ERROR(silent.revoke_cohost(MEETING, HOST, BOB_T), MEETCTL_STATUS_CANCELLED, MEETCTL_ERROR_KIND_CANCELLED);

    // The binding is this thread's: another thread's call goes through meanwhile.
    bool other_ok = false;
    std::thread other([&other_ok] {
      try {
        enterprise().set_cohost(MEETING, HOST, BOB_T);
        other_ok = true;
      } catch (const std::exception &e) {
        std::cerr << "  other thread: " << e.what() << "\n";
      }
    });
    other.join();
    CHECK(other_ok);
  }
  // The scope's end unbound it: this thread's calls go through again.
  enterprise().set_cohost(MEETING, HOST, BOB_T);
  CHECK(has("\"ms_open_id\":\"agaqwwgdkkddd\"", "\"role\":\"cohost\""));
  server.stop();
  CHECK(server.accepted() == 1);  // the later calls did not even connect
}

void cancel_handle_raii() {
  meetctl::CancelHandle a;
  meetctl::CancelHandle b = std::move(a);  // ownership moves; the moved-from object frees nothing
  CHECK(a.get() == nullptr && b.get() != nullptr && !b.is_fired());
  const auto invalid = MEETCTL_ERROR_KIND_INVALID_ARGUMENT;
  EXPECT_ERROR(a.fire(), MEETCTL_STATUS_NULL_ARGUMENT, invalid, "handle");
  EXPECT_ERROR(a.is_fired(), MEETCTL_STATUS_NULL_ARGUMENT, invalid, "handle");
  EXPECT_ERROR(meetctl::CancelScope scope(a), MEETCTL_STATUS_NULL_ARGUMENT, invalid, "handle");

  // The handle may go before the scope that binds it (the binding keeps its own reference).
  const auto client = enterprise();
  {
    auto h = std::make_unique<meetctl::CancelHandle>();
    const meetctl::CancelScope scope(*h);
    h.reset();
    client.set_cohost(MEETING, HOST, BOB_T);
  }
  // A fired handle bound by a scope: calls fail at once, nothing sent; after the scope they go through.
  const long before = emu_count("request_count");
  b.fire();
  {
    const meetctl::CancelScope scope(b);
    EXPECT_ERROR(client.revoke_cohost(MEETING, HOST, BOB_T), MEETCTL_STATUS_CANCELLED, MEETCTL_ERROR_KIND_CANCELLED);
  }
  CHECK(emu_count("request_count") == before);
  client.revoke_cohost(MEETING, HOST, BOB_T);
}

// ------------------------------------------------------------------ RAII

void handles_move_and_free_once() {
  auto a = enterprise();
  auto b = std::move(a);  // ownership moves; the moved-from object frees nothing
  CHECK(a.get() == nullptr && b.get() != nullptr);
  meetctl::Config c1;
  meetctl::Config c2 = std::move(c1);
  c2.base_url(emu_base);
  try {
    c1.base_url("http://x");  // moved-from: the C function sees NULL and says so
    CHECK(!"a moved-from Config accepted a change");
  } catch (const meetctl::Error &e) {
    CHECK(e.status() == MEETCTL_STATUS_NULL_ARGUMENT && e.field() == "config");
  }
}

// Defect 12 (and 3, C++ side): what the C API cannot be given is refused by the wrapper, with a
// meetctl::Error naming the C parameter, before anything is called or sent.
void wrapper_refuses_what_c_cannot_take() {
  const auto ALICE_T = meetctl::TencentUser::userid("alice", MEETCTL_INSTANCE_IOS);
  const auto client = enterprise();
  const auto hw = huawei();
  const auto conf = hw.conference_with_password(CONF, HOST_PWD);
  const long before = emu_count("request_count");
  const auto invalid = MEETCTL_STATUS_INVALID_ARGUMENT;
  const auto null = MEETCTL_STATUS_NULL_ARGUMENT;
  const auto kind = MEETCTL_ERROR_KIND_INVALID_ARGUMENT;

  // Embedded NULs: c_str() would cut the text there ("<meeting>\0x" acted on <meeting>).
  const std::string nul("\0x", 2);
  if (auto e = EXPECT_ERROR(client.set_cohost(MEETING + nul, HOST, BOB_T), invalid, kind, "meeting_id")) {
    CHECK(std::string(e->what()) == "invalid argument `meeting_id`: contains a NUL byte");
    CHECK(e->attempts() == 0 && e->http_status() == 0 && e->vendor() == MEETCTL_VENDOR_NONE);
  }
  EXPECT_ERROR(client.mute(MEETING, meetctl::TencentUser::ms_open_id("afagsagwags" + nul, MEETCTL_INSTANCE_IOS), BOB_T),
               invalid, kind, "operator.id");
  EXPECT_ERROR(client.close_video(MEETING, HOST, meetctl::TencentUser::ms_open_id("agaqwwgdkkddd" + nul, MEETCTL_INSTANCE_MAC)),
               invalid, kind, "user.id");
  EXPECT_ERROR(client.kick_out(MEETING, HOST, {BOB_T, meetctl::TencentUser::ms_open_id("x" + nul, MEETCTL_INSTANCE_PC)}),
               invalid, kind, "targets[1].id");
  EXPECT_ERROR(client.participants(MEETING + nul, ALICE_T), invalid, kind, "meeting_id");
  EXPECT_ERROR(client.request("GET", "/v1/meetings/" + MEETING + nul), invalid, kind, "path");
  EXPECT_ERROR(client.request("GET" + nul, "/v1/x"), invalid, kind, "method");
  EXPECT_ERROR(client.request("GET", "/v1/x", {{"userid", "alice"}, {"instanceid" + nul, "1"}}), invalid, kind,
               "query[1].name");
  EXPECT_ERROR(client.request("GET", "/v1/x", {{"userid", "alice" + nul}}), invalid, kind, "query[0].value");
  EXPECT_ERROR(client.request("PUT", "/v1/x", {}, std::string("{}") + nul), invalid, kind, "body_json");
  EXPECT_ERROR(client.control(MEETCTL_TENCENT_OPERATION_MUTE, MEETING, HOST, {BOB_T}, meetctl::Args::from_json("{}" + nul)),
               invalid, kind, "args");
  EXPECT_ERROR(meetctl::TencentClient::enterprise(config(), APP_ID, SECRET_ID, SECRET_KEY + nul), invalid, kind,
               "secret_key");
  EXPECT_ERROR(meetctl::TencentClient::enterprise(config(), APP_ID, SECRET_ID, SECRET_KEY, std::string("1") + nul),
               invalid, kind, "sdk_id");
  EXPECT_ERROR(conf.mute(BOB + nul), invalid, kind, "participant_id");
  EXPECT_ERROR(conf.hang_up({BOB, CAROL + nul}), invalid, kind, "participant_ids[1]");
  EXPECT_ERROR(conf.relinquish_host(BOB + nul), invalid, kind, "participant_id");
  EXPECT_ERROR(hw.conference_with_password(CONF + nul, HOST_PWD), invalid, kind, "conference_id");
  EXPECT_ERROR(hw.conference_with_token(CONF, "t" + nul), invalid, kind, "control_token");
  EXPECT_ERROR(meetctl::Participant::from_id("tencent:x" + nul), invalid, kind, "ids[0]");
  EXPECT_ERROR(meetctl::Meeting::tencent(client, MEETING + nul, ALICE_T), invalid, kind, "meeting_id");
  EXPECT_ERROR(meetctl::Config().base_url(std::string(emu_base) + nul), invalid, kind, "base_url");
  EXPECT_ERROR(meetctl::Config().proxy("http://127.0.0.1:3128" + nul), invalid, kind, "proxy_url");
  EXPECT_ERROR(client.prepare(MEETCTL_TENCENT_OPERATION_MUTE, MEETING, HOST, {BOB_T}).header("AppId" + nul), invalid,
               kind, "name");
  EXPECT_ERROR(meetctl::Args().set("reason", static_cast<const char *>(nullptr)), invalid, kind, "reason");
  // A NUL inside an argument's value is JSON-escaped, not cut: the library sees all of it.
  CHECK(meetctl::Args().set("reason", "a" + nul).json() == R"({"reason":"a\u0000x"})");

  // Durations: never cast to a huge unsigned number (-1 ms) nor overflowed (seconds::max() in ms).
  meetctl::Config c;
  EXPECT_ERROR(c.timeout(std::chrono::milliseconds(-1)), invalid, kind, "timeout");
  EXPECT_ERROR(c.timeout(std::chrono::milliseconds(0)), invalid, kind, "timeout");
  EXPECT_ERROR(c.timeout(std::chrono::microseconds(999)), invalid, kind, "timeout");
  EXPECT_ERROR(c.timeout(std::chrono::milliseconds(3600001)), invalid, kind, "timeout");
  EXPECT_ERROR(c.connect_timeout(std::chrono::seconds::max()), invalid, kind, "connect_timeout");
  EXPECT_ERROR(c.connect_timeout(std::chrono::hours(-1)), invalid, kind, "connect_timeout");
  EXPECT_ERROR(c.read_timeout(std::chrono::milliseconds::min()), invalid, kind, "read_timeout");
  EXPECT_ERROR(c.read_timeout(std::chrono::duration<double>(std::numeric_limits<double>::quiet_NaN())), invalid, kind,
               "read_timeout");
  EXPECT_ERROR(c.max_attempts(-1), invalid, kind, "max_attempts");
  EXPECT_ERROR(c.max_attempts(0), invalid, kind, "max_attempts");  // the library's own check
  EXPECT_ERROR(c.max_attempts(11), invalid, kind, "max_attempts");
  EXPECT_ERROR(c.max_attempts(std::numeric_limits<long long>::max()), invalid, kind, "max_attempts");
  EXPECT_ERROR(c.max_response_bytes(0), invalid, kind, "max_response_bytes");
  c.timeout(std::chrono::hours(1)).connect_timeout(std::chrono::milliseconds(1)).read_timeout(std::chrono::minutes(2));
  c.timeout(std::chrono::duration<double>(2.5)).max_attempts(10).max_attempts(1);

  // Moved-from objects: every call refuses them (naming the handle), none builds a std::string
  // from NULL.
  auto tc = enterprise();
  const auto tc2 = std::move(tc);
  EXPECT_ERROR(tc.base_url(), null, kind, "client");
  EXPECT_ERROR(tc.set_cohost(MEETING, HOST, BOB_T), null, kind, "client");
  EXPECT_ERROR(meetctl::Meeting::tencent(tc, MEETING, ALICE_T), null, kind, "client");
  CHECK(tc2.base_url() == emu_base);
  auto hc = huawei();
  const auto hc2 = std::move(hc);
  EXPECT_ERROR(hc.base_url(), null, kind, "client");
  EXPECT_ERROR(hc.region(), null, kind, "client");
  EXPECT_ERROR(hc.conference_with_password(CONF, HOST_PWD), null, kind, "client");
  auto hconf = hc2.conference_with_password(CONF, HOST_PWD);
  const auto hconf2 = std::move(hconf);
  EXPECT_ERROR(hconf.id(), null, kind, "conference");
  EXPECT_ERROR(hconf.mute(BOB), null, kind, "conference");
  EXPECT_ERROR(meetctl::Meeting::huawei(hconf), null, kind, "conference");
  CHECK(hconf2.id() == CONF);
  auto meeting = meetctl::Meeting::huawei(hconf2);
  const auto meeting2 = std::move(meeting);
  EXPECT_ERROR(meeting.id(), null, kind, "meeting");
  EXPECT_ERROR(meeting.lock(), null, kind, "meeting");
  EXPECT_ERROR(meeting.vendor(), null, kind, "meeting");
  EXPECT_ERROR(meeting.supports(MEETCTL_MEETING_OPERATION_MUTE), null, kind, "meeting");
  EXPECT_ERROR(meeting.capabilities(), null, kind, "meeting");
  CHECK(meeting2.id() == CONF);
  auto prepared = tc2.prepare(MEETCTL_TENCENT_OPERATION_MUTE, MEETING, HOST, {BOB_T});
  const auto prepared2 = std::move(prepared);
  EXPECT_ERROR(prepared.method(), null, kind, "prepared");
  EXPECT_ERROR(prepared.url(), null, kind, "prepared");
  EXPECT_ERROR(prepared.headers(), null, kind, "prepared");
  EXPECT_ERROR(prepared.header("AppId"), null, kind, "prepared");
  EXPECT_ERROR(prepared.body(), null, kind, "prepared");
  CHECK(prepared2.method() == "PUT" && !prepared2.body().empty());
  // A moved-from Config used to mean the defaults (the vendor's public endpoint) without a word.
  meetctl::Config moved = config();
  const meetctl::Config kept = std::move(moved);
  EXPECT_ERROR(meetctl::TencentClient::enterprise(moved, APP_ID, SECRET_ID, SECRET_KEY), null, kind, "config");
  EXPECT_ERROR(meetctl::TencentClient::oauth(moved, "o", "t"), null, kind, "config");
  EXPECT_ERROR(meetctl::HuaweiClient::without_account(moved), null, kind, "config");
  EXPECT_ERROR(meetctl::HuaweiClient::app_id(moved, "a", "k"), null, kind, "config");
  EXPECT_ERROR(meetctl::HuaweiClient::account(moved, "a", "p"), null, kind, "config");
  CHECK(meetctl::TencentClient::enterprise(kept, APP_ID, SECRET_ID, SECRET_KEY).base_url() == emu_base);
  CHECK(emu_count("request_count") == before + 0);  // hconf2's token is fetched lazily: nothing sent
}

// The retry policy and plain-http policy through the wrapper, against the emulator.
void retries_and_plain_http() {
  const auto dflt = enterprise();  // 3 attempts
  meetctl::Config two_cfg = config();
  two_cfg.max_attempts(2);
  const auto two = meetctl::TencentClient::enterprise(two_cfg, APP_ID, SECRET_ID, SECRET_KEY);
  long before = emu_count("request_count");
  CHECK(fault(R"({"kind":"status","status":503,"times":2})"));
  dflt.set_cohost(MEETING, HOST, BOB_T);  // two 503s, then success
  CHECK(emu_count("request_count") == before + 3);
  before = emu_count("request_count");
  CHECK(fault(R"({"kind":"status","status":502,"times":2})"));
  if (auto e = EXPECT_ERROR(two.revoke_cohost(MEETING, HOST, BOB_T), MEETCTL_STATUS_API, MEETCTL_ERROR_KIND_API)) {
    CHECK(e->attempts() == 2 && e->http_status() == 502);
  }
  CHECK(emu_count("request_count") == before + 2);
  dflt.revoke_cohost(MEETING, HOST, BOB_T);

  // Plain http: loopback always; another host only when allowed (refused before anything is sent).
  meetctl::Config remote;
  remote.base_url("http://10.255.255.1:8080").no_proxy();
  EXPECT_ERROR(meetctl::TencentClient::enterprise(remote, APP_ID, SECRET_ID, SECRET_KEY),
               MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "base_url");
  EXPECT_ERROR(meetctl::HuaweiClient::without_account(remote), MEETCTL_STATUS_INVALID_ARGUMENT,
               MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "base_url");
  remote.allow_insecure_http();
  CHECK(meetctl::TencentClient::enterprise(remote, APP_ID, SECRET_ID, SECRET_KEY).base_url() ==
        "http://10.255.255.1:8080");
  meetctl::Config loopback = config();
  loopback.allow_insecure_http(true);
  meetctl::TencentClient::enterprise(loopback, APP_ID, SECRET_ID, SECRET_KEY).close_video(MEETING, HOST, BOB_T);
  CHECK(has("\"ms_open_id\":\"agaqwwgdkkddd\"", "\"video\":false"));
}

// ------------------------------------------------------------------ every operation, named helpers

const std::string SDK_MEETING = "1242152152163";
const std::string M1 = "tencent.meetings[meeting_id=" + MEETING + "]";
const std::string M3 = "tencent.meetings[meeting_id=" + SDK_MEETING + "]";
const std::string C1 = "huawei.conferences[conference_id=" + CONF + "]";
std::string in_m1(const std::string &ms_open_id) { return M1 + ".participants[ms_open_id=" + ms_open_id + "]"; }
std::string in_m3(const std::string &ms_open_id) { return M3 + ".participants[ms_open_id=" + ms_open_id + "]"; }
std::string in_c1(const std::string &pid) { return C1 + ".participants[participant_id=" + pid + "]"; }

bool state_is(const std::string &path, const std::string &want) { return emu_state_is(path.c_str(), want.c_str()) != 0; }

const auto ALICE_BY_USERID = meetctl::TencentUser::userid("alice", MEETCTL_INSTANCE_IOS);
const auto QUINN = meetctl::TencentUser::ms_open_id("msopenid-quinn", MEETCTL_INSTANCE_PC);
const auto CAROL_T = meetctl::TencentUser::ms_open_id("msopenid-carol", MEETCTL_INSTANCE_PC);
const auto DAVE_T = meetctl::TencentUser::ms_open_id("msopenid-dave", MEETCTL_INSTANCE_ANDROID);
const auto FRANK_T = meetctl::TencentUser::ms_open_id("msopenid-frank", MEETCTL_INSTANCE_PC);
const auto GINA_T = meetctl::TencentUser::ms_open_id("msopenid-gina", MEETCTL_INSTANCE_WEB);
const auto SAM_T = meetctl::TencentUser::ms_open_id("msopenid-sam", MEETCTL_INSTANCE_ANDROID);
const auto ROOM_301 = meetctl::TencentUser::uuid("uuid-room-301", MEETCTL_INSTANCE_VOIP_SIP);

meetctl::TencentClient sdk_app() {
  return meetctl::TencentClient::enterprise(config(), "210000002", "AKIDdemo0002", "demo-secret-key-0002", "20002");
}

// A call through a named helper and where its effect shows in the emulator's state.
struct Step {
  std::string what;
  std::function<void()> call;
  std::string path, want;
};

void run_steps(const std::vector<Step> &steps) {
  for (const auto &s : steps) {
    try {
      s.call();
      if (!state_is(s.path, s.want)) {
        std::cerr << "  after " << s.what << "\n";
        t_case_failed = 1;
      }
    } catch (const meetctl::Error &e) {
      std::cerr << "  " << s.what << ": " << e.what() << "\n";
      t_case_failed = 1;
    }
  }
}

void tencent_participants_and_ms_open_id() {
  const auto sdk = sdk_app();
  const auto list = sdk.participants(SDK_MEETING, meetctl::TencentUser::userid("quinn", MEETCTL_INSTANCE_PC));
  CHECK(list.size() == 5);  // quinn, ruth, sam, tina, Room 301; uma waits
  const meetctl::TencentParticipant *tina = nullptr, *room = nullptr, *sam = nullptr;
  for (const auto &p : list) {
    if (p.ms_open_id == std::optional<std::string>("msopenid-tina")) tina = &p;
    if (p.ms_open_id == std::optional<std::string>("msopenid-sam")) sam = &p;
    if (!p.ms_open_id) room = &p;
  }
  CHECK(tina && room && sam);
  if (!tina || !room || !sam) return;
  CHECK(tina->user_name == std::optional<std::string>("Tina \xe6\x9d\x8e"));
  CHECK(tina->userid == std::optional<std::string>("tina"));
  CHECK(tina->role == std::optional<meetctl_tencent_role>(MEETCTL_TENCENT_ROLE_COHOST));
  CHECK(tina->instanceid == std::optional<std::int64_t>(MEETCTL_INSTANCE_IOS));
  CHECK(tina->audio_muted == std::optional<bool>(true) && tina->video_on == std::optional<bool>(true));
  CHECK(sam->sharing_screen == std::optional<bool>(true));
  // The deprecated old names, still filled in for one release.
  CHECK(tina->audio_on == std::optional<bool>(false) && sam->screen_sharing == std::optional<bool>(true));
  CHECK(!room->audio_muted == !room->audio_on && room->screen_sharing == room->sharing_screen);
  CHECK(tina->raw_json.find("\"user_role\":6") != std::string::npos);
  CHECK(tina->user == std::optional<meetctl::TencentUser>(
                          meetctl::TencentUser::ms_open_id("msopenid-tina", MEETCTL_INSTANCE_IOS)));
  CHECK(!room->user && room->instanceid == std::optional<std::int64_t>(MEETCTL_INSTANCE_VOIP_SIP));
  CHECK(room->user_name == std::optional<std::string>("Room 301") && room->video_on == std::optional<bool>(false));
  // An entry passed back as a target.
  sdk.unmute(SDK_MEETING, QUINN, *tina->user);
  CHECK(state_is(in_m3("msopenid-tina") + ".muted", "false"));
  CHECK(sdk.ms_open_id(SDK_MEETING, meetctl::TencentUser::userid("uma", MEETCTL_INSTANCE_PC)) == "msopenid-uma");
}

void tencent_every_named_helper() {
  const auto client = enterprise();
  const auto sdk = sdk_app();
  meetctl::TencentMeetingStatus status;
  status.meeting_locked = true;
  status.allow_chat = 2;
  meetctl::TencentEndMeeting end;
  end.reason_code = 2;
  end.reason_detail = "done";
  run_steps({
      {"mute", [&] { client.mute(MEETING, HOST, CAROL_T); }, in_m1("msopenid-carol") + ".muted", "true"},
      {"unmute", [&] { client.unmute(MEETING, HOST, DAVE_T); }, in_m1("msopenid-dave") + ".muted", "false"},
      {"revoke_cohost", [&] { client.revoke_cohost(MEETING, HOST, BOB_T); }, in_m1("agaqwwgdkkddd") + ".role",
       "\"attendee\""},
      {"set_cohost", [&] { client.set_cohost(MEETING, HOST, BOB_T); }, in_m1("agaqwwgdkkddd") + ".role",
       "\"cohost\""},
      {"close_video", [&] { client.close_video(MEETING, HOST, CAROL_T); }, in_m1("msopenid-carol") + ".video",
       "false"},
      {"open_video", [&] { sdk.open_video(SDK_MEETING, QUINN, ROOM_301); },
       M3 + ".participants[uuid=uuid-room-301].video", "true"},
      {"stop_screen_share", [&] { sdk.stop_screen_share(SDK_MEETING, QUINN, SAM_T); },
       in_m3("msopenid-sam") + ".sharing_screen", "false"},
      {"rename", [&] { client.rename(MEETING, HOST, BOB_T, R"(Bob "B" \ )" "\xe6\x9d\x8e"); },
       in_m1("agaqwwgdkkddd") + ".name", R"("Bob \"B\" \\ )" "\xe6\x9d\x8e\""},
      {"admit_from_waiting_room", [&] { client.admit_from_waiting_room(MEETING, HOST, {FRANK_T}); },
       in_m1("msopenid-frank") + ".in_waiting_room", "false"},
      {"move_to_waiting_room", [&] { client.move_to_waiting_room(MEETING, HOST, {DAVE_T}); },
       in_m1("msopenid-dave") + ".in_waiting_room", "true"},
      {"remove_from_waiting_room", [&] { client.remove_from_waiting_room(MEETING, HOST, {GINA_T}, false); },
       in_m1("msopenid-gina") + ".allow_rejoin", "false"},
      {"kick_out", [&] { client.kick_out(MEETING, HOST, {FRANK_T, CAROL_T}, false, std::string("spam")); },
       in_m1("msopenid-carol") + ".removed", "true"},
      {"set_meeting_status", [&] { client.set_meeting_status(MEETING, HOST, status); },
       M1 + ".settings.allow_chat", "2"},
      {"set_doc_upload", [&] { client.set_doc_upload(MEETING, HOST, false); }, M1 + ".settings.enable_upload_doc",
       "false"},
      {"set_transcription", [&] { client.set_transcription(MEETING, ALICE_BY_USERID, true); },
       M1 + ".settings.transcription", "true"},
      {"end_meeting", [&] { sdk.end_meeting(SDK_MEETING, QUINN, end); }, M3 + ".dismissal.reason_code", "2"},
  });
  CHECK(state_is(in_m1("msopenid-frank") + ".removed", "true"));
  CHECK(state_is(M1 + ".settings.meeting_locked", "true"));
  CHECK(state_is(M3 + ".ended", "true"));
  // The generic call answers JSON; a listing page through it.
  const std::string page =
      client.control(MEETCTL_TENCENT_OPERATION_PARTICIPANTS, MEETING, ALICE_BY_USERID, {},
                     meetctl::Args().set("page_size", 1));
  CHECK(page.find("\"current_size\":1") != std::string::npos);
}

// The last request the emulator logged is the one `p` was prepared for (method, path, query).
bool prepared_is_last_request(const meetctl::PreparedRequest &p) {
  char *state = emu_state();
  char *method = emu_json_get(state, "requests[-1].method"), *path = emu_json_get(state, "requests[-1].path");
  char *query = emu_json_get(state, "requests[-1].query");
  bool ok = method && path && query;
  if (ok) {
    const std::string q = std::string(query).substr(1, std::strlen(query) - 2);
    const std::string url = std::string(emu_base) + std::string(path).substr(1, std::strlen(path) - 2) +
                            (q.empty() ? "" : "?" + q);
    ok = std::string(method) == "\"" + p.method() + "\"" && url == p.url();
    if (!ok) std::cerr << "  prepared " << p.method() << " " << p.url() << ", sent " << method << " " << url << "\n";
  }
  std::free(method);
  std::free(path);
  std::free(query);
  std::free(state);
  return ok;
}

void prepare_is_what_control_sends_and_args_are_escaped() {
  const auto client = enterprise();
  const auto erin = meetctl::TencentUser::ms_open_id("msopenid-erin", MEETCTL_INSTANCE_PC);
  const auto args = meetctl::Args().set("reason", std::string(R"(a"b\c/)") + "\xc3\xa9");
  const auto p = client.prepare(MEETCTL_TENCENT_OPERATION_KICK_OUT, MEETING, HOST, {erin}, args);
  CHECK(p.body().find(R"("allow_rejoin":true,"reason":"a\"b\\c/)" "\xc3\xa9\"}") != std::string::npos);
  CHECK(client.control(MEETCTL_TENCENT_OPERATION_KICK_OUT, MEETING, HOST, {erin}, args) == "{}");
  CHECK(prepared_is_last_request(p));
  CHECK(state_is(in_m1("msopenid-erin") + ".removed", "true"));
  // A control character is escaped into valid JSON, and then refused by name (not as bad JSON).
  EXPECT_ERROR(client.kick_out(MEETING, HOST, {BOB_T}, true, std::string("a\x01z")), MEETCTL_STATUS_INVALID_ARGUMENT,
               MEETCTL_ERROR_KIND_INVALID_ARGUMENT, "reason");
  CHECK(meetctl::Args().set("k", std::string("a\x01\n")).json() == R"({"k":"a\u0001\n"})");

  const auto hw = huawei();
  const auto conf = hw.conference_with_password(CONF, HOST_PWD);
  const auto stop = conf.prepare(MEETCTL_HUAWEI_OPERATION_STOP_VIDEO, {BOB});
  CHECK(stop.body() == R"({"status":1})");  // the vendor's inverted flag: 1 is off
  CHECK(conf.prepare(MEETCTL_HUAWEI_OPERATION_REQUEST_VIDEO, {BOB}).body() == R"({"status":0})");
  conf.control(MEETCTL_HUAWEI_OPERATION_STOP_VIDEO, {BOB});
  CHECK(prepared_is_last_request(stop));
  CHECK(state_is(in_c1(BOB) + ".video", "false"));
  const auto settings = conf.prepare(MEETCTL_HUAWEI_OPERATION_UPDATE_SETTINGS, {},
                                     meetctl::Args().set("is_lock", false).set("chat_permission", 3));
  CHECK(settings.body() == R"({"chatPermission":3,"isLock":0})");
  conf.control(MEETCTL_HUAWEI_OPERATION_UPDATE_SETTINGS, {}, meetctl::Args().set("is_lock", false).set("chat_permission", 3));
  CHECK(prepared_is_last_request(settings));
  CHECK(state_is(C1 + ".settings.chatPermission", "3"));
}

// docs/naming.md's deprecated C++ names, kept for one release: TencentUser::openid() (marked
// [[deprecated]]; the old fields are checked with the listings above).
void deprecated_names_keep_working() {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  const auto old = meetctl::TencentUser::openid("oauth-open-id-1", MEETCTL_INSTANCE_PC);
#pragma GCC diagnostic pop
  CHECK(old == meetctl::TencentUser::open_id("oauth-open-id-1", MEETCTL_INSTANCE_PC));
  CHECK(old.kind == MEETCTL_ID_KIND_OPENID && MEETCTL_ID_KIND_OPENID == MEETCTL_ID_KIND_OPEN_ID);
  const auto oauth = meetctl::TencentClient::oauth(config(), "oauth-open-id-1", "demo-oauth-token-1");
  CHECK(oauth.ms_open_id(OAUTH_MEETING, old) == "msopenid-olivia");
}

void huawei_info_and_video() {
  const auto conf = huawei().conference_with_password(CONF, HOST_PWD);
  auto info = conf.info();
  CHECK(info.host_id == std::optional<std::string>(ALICE));
  CHECK(info.cohost_ids == std::vector<std::string>{"p-dora"});
  CHECK(info.participants.size() == 5);  // Fay and Gus wait
  CHECK(info.raw_json.find("\"confInfo\"") != std::string::npos);
  const auto find = [&info](const std::string &pid) -> const meetctl::HuaweiParticipant * {
    for (const auto &p : info.participants)
      if (p.participant_id == pid) return &p;
    return nullptr;
  };
  const auto *evan = find("p-evan");
  const auto *dora = find("p-dora");
  const auto *bob = find(BOB);
  CHECK(evan && dora && bob);
  if (!evan || !dora || !bob) return;
  CHECK(evan->name == std::optional<std::string>("Evan") &&
        evan->number == std::optional<std::string>("+8613800000005"));
  CHECK(evan->hand_raised == std::optional<bool>(true) && evan->video_on == std::optional<bool>(false));
  // The deprecated old names, still filled in for one release.
  CHECK(evan->video == evan->video_on && bob->muted == bob->audio_muted && evan->muted == evan->audio_muted);
  CHECK(evan->role == MEETCTL_HUAWEI_ROLE_ATTENDEE && dora->role == MEETCTL_HUAWEI_ROLE_COHOST);
  CHECK(find(ALICE) && find(ALICE)->role == MEETCTL_HUAWEI_ROLE_HOST);
  CHECK(evan->raw_json.find("\"hand\":1") != std::string::npos);
  // stop_video turns the video off (status 1), request_video on.
  conf.stop_video(BOB);
  info = conf.info();
  CHECK(find(BOB) && find(BOB)->video_on == std::optional<bool>(false));
  conf.request_video(BOB);
  info = conf.info();
  CHECK(find(BOB) && find(BOB)->video_on == std::optional<bool>(true));
}

void huawei_every_named_helper() {
  const auto conf = huawei().conference_with_password(CONF, HOST_PWD);
  meetctl::HuaweiSettings settings;
  settings.chat_permission = 2;
  settings.allow_rename = false;
  meetctl::HuaweiConferenceInfo info;
  run_steps({
      // Screen and voice first, while Evan's hand is up and Alice (a hardware terminal) is host.
      {"broadcast", [&] { conf.broadcast(BOB); }, C1 + ".broadcast", "\"" + BOB + "\""},
      {"cancel_broadcast", [&] { conf.cancel_broadcast(); }, C1 + ".mode", "\"FREE\""},
      {"roll_call", [&] { conf.roll_call(BOB); }, in_c1("p-dora") + ".muted", "true"},
      {"lower_hands", [&] { conf.lower_hands({"p-evan", BOB}); }, in_c1("p-evan") + ".hand_raised", "false"},
      {"host_view", [&] { conf.host_view(BOB); }, C1 + ".host_view.participant_id", "\"" + BOB + "\""},
      {"host_view_multi_picture", [&] { conf.host_view_multi_picture(); }, C1 + ".host_view.type",
       "\"multi_picture\""},
      {"start_host_polling", [&] { conf.start_host_polling(30); }, C1 + ".host_view.switch_seconds", "30"},
      {"stop_host_polling", [&] { conf.stop_host_polling(); }, C1 + ".host_view", "null"},
      {"participant_view", [&] { conf.participant_view(ALICE, "p-dora"); }, in_c1(ALICE) + ".watching", "\"p-dora\""},
      {"lock_view", [&] { conf.lock_view(ALICE, BOB); }, in_c1(ALICE) + ".locked_source", "\"" + BOB + "\""},
      {"unlock_view", [&] { conf.unlock_view(ALICE, BOB); }, in_c1(ALICE) + ".locked_source", "null"},
      {"pause", [&] { conf.pause(); }, C1 + ".paused", "true"},
      {"resume", [&] { conf.resume(); }, C1 + ".paused", "false"},
      {"allow_audience", [&] { conf.allow_audience(); }, C1 + ".allow_audience", "true"},
      {"allow_client_record", [&] { conf.allow_client_record(BOB, true); }, in_c1(BOB) + ".client_record", "true"},
      {"start_mmr_recording", [&] { conf.start_mmr_recording(); }, C1 + ".mmr_recording", "\"recording\""},
      {"pause_mmr_recording", [&] { conf.pause_mmr_recording(); }, C1 + ".mmr_recording", "\"paused\""},
      {"stop_mmr_recording", [&] { conf.stop_mmr_recording(); }, C1 + ".mmr_recording", "\"stopped\""},
      {"start_mmr_live", [&] { conf.start_mmr_live(); }, C1 + ".mmr_live", "true"},
      {"stop_mmr_live", [&] { conf.stop_mmr_live(); }, C1 + ".mmr_live", "false"},
      {"start_live", [&] { conf.start_live(); }, C1 + ".live", "true"},
      {"stop_live", [&] { conf.stop_live(); }, C1 + ".live", "false"},
      {"invite_to_share", [&] { conf.invite_to_share(BOB); }, in_c1(BOB) + ".share_invited", "true"},
      {"cancel_share_invitation", [&] { conf.cancel_share_invitation(BOB); }, in_c1(BOB) + ".share_invited",
       "false"},
      {"invite_with_password", [&] { conf.invite_with_password("sip:room-5f@example.com", "246810"); },
       C1 + ".participants[number=sip:room-5f@example.com].terminal", "true"},
      // Display and interpretation: layout "cpp-layout-1" is saved through the admin API, then deleted.
      {"switch_display_mode", [&] { conf.switch_display_mode("VAS", false); }, C1 + ".display_mode.image_type", "0"},
      {"delete_layout",
       [&] {
         std::free(emu_admin("POST", ("/_emulator/huawei/conferences/" + CONF + "/layouts").c_str(),
                             R"({"uuid":"cpp-layout-1","layOutName":"cpp"})"));
         conf.delete_layout("cpp-layout-1");
       },
       C1 + ".layouts", "[]"},
      {"start_interpretation", [&] { conf.start_interpretation(); }, C1 + ".interpretation", "true"},
      {"stop_interpretation", [&] { conf.stop_interpretation(); }, C1 + ".interpretation", "false"},
      {"set_language_channel", [&] { conf.set_language_channel({BOB}, "en", true); },
       in_c1(BOB) + ".original_voice", "true"},
      {"set_custom_multi_picture",
       [&] {
         meetctl::HuaweiPicture first;
         first.index = 1;
         first.numbers = std::vector<std::string>{"+8613800000002"};
         meetctl::HuaweiPicture second;
         second.index = 2;
         second.auxiliary_stream = true;
         // No named helper (more optional arguments than C++ helpers take): the generic call.
         conf.control(MEETCTL_HUAWEI_OPERATION_SET_CUSTOM_MULTI_PICTURE, {},
                      meetctl::Args().set("manual", true).set("image_type", std::string("Two")).set_json(
                          "pictures", meetctl::detail::json_array(std::vector<meetctl::HuaweiPicture>{first, second})));
       },
       C1 + ".multi_picture.subscriberInPics[index=2].isAssistStream", "1"},
      {"save_layout",
       [&] {
         meetctl::HuaweiSavedLayout layout;
         layout.layout_id = "cpp-layout-2";
         layout.name = "cpp2";
         conf.save_layout(layout);
       },
       C1 + ".layouts[uuid=cpp-layout-2].layOutName", "\"cpp2\""},
      {"set_interpreter_groups",
       [&] {
         meetctl::HuaweiInterpreter ivy;
         ivy.login_account = "ivy@example.com";
         meetctl::HuaweiInterpreterGroup group;
         group.group_id = "g1";
         group.first_language = "zh";
         group.second_language = "en";
         group.interpreters = std::vector<meetctl::HuaweiInterpreter>{ivy};
         conf.set_interpreter_groups({group});
       },
       C1 + ".interpreter_groups[groupID=g1].interpreters[loginAccount=ivy@example.com].loginAccount",
       "\"ivy@example.com\""},
      {"unmute", [&] { conf.unmute(BOB); }, in_c1(BOB) + ".muted", "false"},
      {"mute", [&] { conf.mute(CAROL); }, in_c1(CAROL) + ".muted", "true"},
      {"mute_all", [&] { conf.mute_all(false); }, C1 + ".settings.allowUnmuteByOneself", "0"},
      {"unmute_all", [&] { conf.unmute_all(); }, in_c1("p-dora") + ".muted", "false"},
      {"set_cohost", [&] { conf.set_cohost(BOB); }, in_c1(BOB) + ".role", "\"cohost\""},
      {"revoke_cohost", [&] { conf.revoke_cohost(BOB); }, in_c1(BOB) + ".role", "\"participant\""},
      {"lock", [&] { conf.lock(); }, C1 + ".settings.isLock", "1"},
      {"unlock", [&] { conf.unlock(); }, C1 + ".settings.isLock", "0"},
      {"stop_video", [&] { conf.stop_video(CAROL); }, in_c1(CAROL) + ".video", "false"},
      {"request_video", [&] { conf.request_video("p-evan"); }, in_c1("p-evan") + ".video", "true"},
      {"rename", [&] { conf.rename("p-dora", "+8613800000004", R"(Dora "D" )" "\xe6\x9d\x8e"); },
       in_c1("p-dora") + ".name", R"("Dora \"D\" )" "\xe6\x9d\x8e\""},
      {"lower_hand", [&] { conf.lower_hand("p-evan"); }, in_c1("p-evan") + ".hand_raised", "false"},
      {"admit_from_waiting_room", [&] { conf.admit_from_waiting_room("p-fay"); }, in_c1("p-fay") + ".in_waiting_room",
       "false"},
      {"admit all", [&] { conf.admit_from_waiting_room(std::nullopt, true); }, in_c1("p-gus") + ".in_waiting_room",
       "false"},
      {"move_to_waiting_room", [&] { conf.move_to_waiting_room({"p-fay"}); }, in_c1("p-fay") + ".in_waiting_room",
       "true"},
      {"hang_up", [&] { conf.hang_up({"p-gus", CAROL}); }, in_c1("p-gus") + ".removed", "true"},
      {"extend", [&] { conf.extend(30); }, C1 + ".extended_minutes", "30"},
      {"allow_unmute_by_self", [&] { conf.allow_unmute_by_self(false); }, C1 + ".settings.allowUnmuteByOneself",
       "0"},
      {"start_recording", [&] { conf.start_recording(); }, C1 + ".settings.isRecord", "1"},
      {"stop_recording", [&] { conf.stop_recording(); }, C1 + ".settings.isRecord", "0"},
      {"update_settings", [&] { conf.update_settings(settings); }, C1 + ".settings.allowRename", "0"},
      {"apply_host", [&] { conf.apply_host(BOB, HOST_PWD); }, C1 + ".host", "\"" + BOB + "\""},
      {"relinquish_host", [&] { conf.relinquish_host(BOB); }, C1 + ".host", "null"},
      {"info", [&] { info = conf.info(); }, C1 + ".ended", "false"},
      {"invite",
       [&] {
         meetctl::HuaweiAttendee hana{"Hana", "+8613800000009", "mobile", std::nullopt, std::nullopt, std::nullopt};
         meetctl::HuaweiAttendee ian{"Ian", "sip:ian@example.com", "terminal", 1, std::nullopt, std::nullopt};
         conf.invite({hana, ian});
       },
       C1 + ".participants[number=sip:ian@example.com].role", "\"host\""},
      {"move_one_to_waiting_room", [&] { conf.move_one_to_waiting_room("p-evan"); },
       in_c1("p-evan") + ".in_waiting_room", "true"},
      {"remove_attendees",
       [&] {
         meetctl::HuaweiAttendeeNumber dora{"+8613800000004", "p-dora"};
         meetctl::HuaweiAttendeeNumber carol{"+8613800000003", std::nullopt};  // hung up: the number alone
         conf.remove_attendees({dora, carol});
       },
       in_c1("p-dora") + ".removed", "true"},
      {"end", [&] { conf.end(); }, C1 + ".ended", "true"},
  });
  CHECK(state_is(C1 + ".removed_attendees", "[\"+8613800000004\",\"+8613800000003\"]"));
  CHECK(state_is(C1 + ".settings.chatPermission", "2"));
  CHECK(state_is(in_c1(CAROL) + ".removed", "true"));
  CHECK(!info.host_id && info.cohost_ids == std::vector<std::string>{"p-dora"});
  // Alice, Bob, Dora, Evan and the room called with the password: Carol and Gus hung up, Fay waits.
  CHECK(info.participants.size() == 5);
}

void wrapper_validation_before_io() {
  const auto client = enterprise();
  const auto conf = huawei().conference_with_password("914083138", "333333");
  const long before = emu_count("request_count");
  const auto invalid = MEETCTL_STATUS_INVALID_ARGUMENT;
  const auto kind = MEETCTL_ERROR_KIND_INVALID_ARGUMENT;
  EXPECT_ERROR(client.rename(MEETING, HOST, BOB_T, std::string(21, 'x')), invalid, kind, "nick_name");
  EXPECT_ERROR(client.kick_out(MEETING, HOST, {}), invalid, kind, "targets");
  EXPECT_ERROR(client.mute(MEETING, HOST, ROOM_301), invalid, kind, "user.id");
  EXPECT_ERROR(client.set_meeting_status(MEETING, HOST, meetctl::TencentMeetingStatus()), invalid, kind, "args");
  EXPECT_ERROR(client.set_transcription(MEETING, HOST, true), invalid, kind, "operator.id");
  EXPECT_ERROR(client.participants(MEETING, HOST), invalid, kind, "operator.id");
  EXPECT_ERROR(client.control(MEETCTL_TENCENT_OPERATION_MUTE, MEETING, HOST, {BOB_T}, meetctl::Args::from_json("{oops")),
               invalid, kind, "args");
  EXPECT_ERROR(client.prepare(MEETCTL_TENCENT_OPERATION_MUTE, MEETING, HOST, {BOB_T}, meetctl::Args().set("x", 1)),
               invalid, kind, "x");
  EXPECT_ERROR(conf.extend(0), invalid, kind, "minutes");
  EXPECT_ERROR(conf.update_settings(meetctl::HuaweiSettings()), invalid, kind, "args");
  EXPECT_ERROR(conf.admit_from_waiting_room(), invalid, kind, "participant_id");
  EXPECT_ERROR(conf.admit_from_waiting_room(std::string("p-xu"), true), invalid, kind, "admit_all");
  EXPECT_ERROR(conf.hang_up({}), invalid, kind, "participant_ids");
  EXPECT_ERROR(conf.invite({}), invalid, kind, "attendees");
  EXPECT_ERROR(conf.invite({{"Hana", "", "mobile", std::nullopt, std::nullopt, std::nullopt}}), invalid, kind,
               "attendees[0].number");
  EXPECT_ERROR(conf.rename("p-xu", "", "X"), invalid, kind, "number");
  EXPECT_ERROR(conf.lower_hands({}), invalid, kind, "participant_ids");
  EXPECT_ERROR(conf.start_host_polling(121), invalid, kind, "switch_seconds");
  EXPECT_ERROR(conf.participant_view("p-xu", ""), invalid, kind, "watched_id");
  EXPECT_ERROR(conf.lock_view("p-xu", ""), invalid, kind, "source_id");
  EXPECT_ERROR(conf.broadcast(""), invalid, kind, "participant_id");
  // Operation numbers the enums do not have, through the C API.
  meetctl_error *err = nullptr;
  CHECK(meetctl_tencent_client_control(client.get(), 99, MEETING.c_str(), nullptr, nullptr, 0, nullptr, nullptr,
                                       &err) == MEETCTL_STATUS_INVALID_ARGUMENT);
  CHECK(meetctl::Error(MEETCTL_STATUS_INVALID_ARGUMENT, err).field() == "operation");
  err = nullptr;
  CHECK(meetctl_huawei_conference_prepare(conf.get(), 0, nullptr, 0, nullptr, nullptr, &err) ==
        MEETCTL_STATUS_NULL_ARGUMENT);  // the out-parameter is checked first
  CHECK(meetctl::Error(MEETCTL_STATUS_NULL_ARGUMENT, err).field() == "prepared_out");
  CHECK(emu_count("request_count") == before);
}

// ------------------------------------------------------------------ one meeting, either vendor

// The demo's Tencent meeting operated by its creator Alice (by userid), or the demo's Huawei
// conference opened with the host password. The client and the conference handle go out of scope
// at once: the meeting keeps what it needs.
meetctl::Meeting open_meeting(meetctl_vendor vendor) {
  if (vendor == MEETCTL_VENDOR_TENCENT) return meetctl::Meeting::tencent(enterprise(), MEETING, ALICE_BY_USERID);
  return meetctl::Meeting::huawei(huawei().conference_with_password(CONF, HOST_PWD));
}

// The emulator's record of `p`, found by the vendor id inside the opaque id.
std::string record_of(meetctl_vendor vendor, const meetctl::Participant &p) {
  const std::string id = p.id();
  if (vendor == MEETCTL_VENDOR_TENCENT) return in_m1(id.substr(id.find(':', std::string("tencent:").size()) + 1));
  return in_c1(id.substr(std::string("huawei:").size()));
}

// Bob, found by the vendor's own entry.
const meetctl::Participant *bob_in(const std::vector<meetctl::Participant> &people, meetctl_vendor vendor) {
  for (const auto &p : people) {
    if (p.raw_json.find(vendor == MEETCTL_VENDOR_TENCENT ? "\"userid\":\"bob\"" : "\"" + BOB + "\"") != std::string::npos)
      return &p;
  }
  return nullptr;
}

void meeting_the_same_code_on_both_vendors() {
  for (const meetctl_vendor vendor : {MEETCTL_VENDOR_TENCENT, MEETCTL_VENDOR_HUAWEI}) {
    const meetctl::Meeting meeting = open_meeting(vendor);
    CHECK(meeting.vendor() == vendor);
    CHECK(meeting.id() == (vendor == MEETCTL_VENDOR_TENCENT ? MEETING : CONF));
    const auto people = meeting.participants();
    const meetctl::Participant *bob = bob_in(people, vendor);
    CHECK(bob != nullptr);
    if (!bob) continue;
    CHECK(bob->vendor() == vendor && bob->controllable && bob->name.has_value() == (vendor == MEETCTL_VENDOR_HUAWEI));
    CHECK(bob->video_on.has_value() && bob->audio_muted.has_value());
    CHECK(vendor == MEETCTL_VENDOR_TENCENT ? bob->device == std::optional<std::string>("mac") && !bob->hand_raised
                                           : !bob->device && !bob->sharing_screen && bob->hand_raised.has_value());
    int hosts = 0;
    for (const auto &p : people) hosts += p.role == MEETCTL_ROLE_HOST;
    CHECK(hosts == 1);
    const bool was_muted = bob->audio_muted == true;
    const std::string record = record_of(vendor, *bob);
    meeting.mute(*bob);
    CHECK(state_is(record + ".muted", "true"));
    meeting.unmute(*bob);
    CHECK(state_is(record + ".muted", "false"));
    meeting.lock();
    CHECK(vendor == MEETCTL_VENDOR_TENCENT ? state_is(M1 + ".settings.meeting_locked", "true")
                                           : state_is(C1 + ".settings.isLock", "1"));
    meeting.control(MEETCTL_MEETING_OPERATION_UNLOCK);  // the generic form of unlock()
    CHECK(vendor == MEETCTL_VENDOR_TENCENT ? state_is(M1 + ".settings.meeting_locked", "false")
                                           : state_is(C1 + ".settings.isLock", "0"));
    // An id kept as text reaches the same person.
    const auto kept = meetctl::Participant::from_id(bob->id());
    CHECK(kept.id() == bob->id() && kept.vendor() == vendor && kept.role == MEETCTL_ROLE_OTHER && !kept.name);
    CHECK(kept.controllable && kept.raw_json == "null");
    meeting.control(MEETCTL_MEETING_OPERATION_MUTE, kept);
    CHECK(state_is(record + ".muted", "true"));
    if (!was_muted) meeting.unmute(kept);  // as it was
  }
}

// A SIP device is invited and the call stops (Tencent: the room call, cancelled with the invite id
// the handle kept); on both vendors bad arguments are refused before anything is sent. (Huawei's
// invitation list is checked whole by huawei_every_named_helper; tests/c/test_meeting.c invites
// on both vendors.)
void meeting_invite_on_both_vendors() {
  const auto tc_meeting = open_meeting(MEETCTL_VENDOR_TENCENT);
  const auto hw_meeting = open_meeting(MEETCTL_VENDOR_HUAWEI);
  const auto sip = [] { return meetctl::Args().set("sip_address", "sip:cpp@example.com"); };
  tc_meeting.control(MEETCTL_MEETING_OPERATION_INVITE, sip());
  CHECK(state_is(M1 + ".calls[-1].state", "\"ringing\""));
  tc_meeting.control(MEETCTL_MEETING_OPERATION_CANCEL_INVITE, sip());
  CHECK(state_is(M1 + ".calls[-1].state", "\"cancelled\""));
  const long before = emu_count("request_count");
  for (const auto *m : {&tc_meeting, &hw_meeting}) {
    EXPECT_ERROR(m->control(MEETCTL_MEETING_OPERATION_INVITE, meetctl::Args().set("sip_address", "")),
                 MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT);
    EXPECT_ERROR(m->control(MEETCTL_MEETING_OPERATION_CANCEL_INVITE, meetctl::Args()),
                 MEETCTL_STATUS_INVALID_ARGUMENT, MEETCTL_ERROR_KIND_INVALID_ARGUMENT);
  }
  CHECK(emu_count("request_count") == before);
}

void meeting_capabilities_and_unsupported() {
  const auto tc_meeting = open_meeting(MEETCTL_VENDOR_TENCENT);
  const auto hw_meeting = open_meeting(MEETCTL_VENDOR_HUAWEI);
  const auto all = hw_meeting.capabilities();
  CHECK(all.size() == MEETCTL_MEETING_OPERATION_CANCEL_INVITE &&
        all.front() == MEETCTL_MEETING_OPERATION_PARTICIPANTS);
  CHECK(all.back() == MEETCTL_MEETING_OPERATION_CANCEL_INVITE &&
        hw_meeting.supports(MEETCTL_MEETING_OPERATION_MAKE_HOST));
  const auto tc = tc_meeting.capabilities();
  // Tencent cannot hand over the host role, broadcast or lower hands.
  CHECK(tc.size() == all.size() - 4 && tc.back() == MEETCTL_MEETING_OPERATION_CANCEL_INVITE);

  CHECK(!tc_meeting.supports(MEETCTL_MEETING_OPERATION_MAKE_HOST) && tc_meeting.supports(MEETCTL_MEETING_OPERATION_MUTE));
  for (const auto op : {MEETCTL_MEETING_OPERATION_BROADCAST, MEETCTL_MEETING_OPERATION_CANCEL_BROADCAST,
                        MEETCTL_MEETING_OPERATION_LOWER_ALL_HANDS}) {
    CHECK(!tc_meeting.supports(op) && hw_meeting.supports(op));
  }

  const auto tc_people = tc_meeting.participants();
  const auto hw_people = hw_meeting.participants();
  const meetctl::Participant *tc_bob = bob_in(tc_people, MEETCTL_VENDOR_TENCENT);
  const meetctl::Participant *hw_bob = bob_in(hw_people, MEETCTL_VENDOR_HUAWEI);
  CHECK(tc_bob && hw_bob);
  if (!tc_bob || !hw_bob) return;
  const long before = emu_count("request_count");
  try {
    tc_meeting.make_host(*tc_bob);
    CHECK(!"make_host on Tencent did not throw");
  } catch (const meetctl::Unsupported &e) {
    CHECK(e.status() == MEETCTL_STATUS_UNSUPPORTED && e.kind() == MEETCTL_ERROR_KIND_UNSUPPORTED);
    CHECK(e.vendor() == MEETCTL_VENDOR_TENCENT && e.http_status() == 0);
  }
  // Also a meetctl::Error, like every other failure.
  EXPECT_ERROR(tc_meeting.control(MEETCTL_MEETING_OPERATION_MAKE_HOST, *tc_bob), MEETCTL_STATUS_UNSUPPORTED,
               MEETCTL_ERROR_KIND_UNSUPPORTED);
  EXPECT_ERROR(tc_meeting.broadcast(*tc_bob), MEETCTL_STATUS_UNSUPPORTED, MEETCTL_ERROR_KIND_UNSUPPORTED);
  EXPECT_ERROR(tc_meeting.cancel_broadcast(), MEETCTL_STATUS_UNSUPPORTED, MEETCTL_ERROR_KIND_UNSUPPORTED);
  EXPECT_ERROR(tc_meeting.lower_all_hands(), MEETCTL_STATUS_UNSUPPORTED, MEETCTL_ERROR_KIND_UNSUPPORTED);
  // Validation, before any I/O, as meetctl::Error naming the field.
  const auto invalid = MEETCTL_STATUS_INVALID_ARGUMENT;
  const auto kind = MEETCTL_ERROR_KIND_INVALID_ARGUMENT;
  EXPECT_ERROR(tc_meeting.mute(*hw_bob), invalid, kind, "participant");
  EXPECT_ERROR(hw_meeting.mute(*tc_bob), invalid, kind, "participant");
  EXPECT_ERROR(tc_meeting.rename(*tc_bob, std::string(21, 'x')), invalid, kind, "name");
  EXPECT_ERROR(hw_meeting.control(MEETCTL_MEETING_OPERATION_LOCK, *hw_bob), invalid, kind, "list");
  EXPECT_ERROR(hw_meeting.control(MEETCTL_MEETING_OPERATION_MUTE), MEETCTL_STATUS_NULL_ARGUMENT, kind, "list");
  EXPECT_ERROR(hw_meeting.control(MEETCTL_MEETING_OPERATION_LOCK, meetctl::Args::from_json("{oops")), invalid, kind,
               "args");
  EXPECT_ERROR(hw_meeting.control(static_cast<meetctl_meeting_operation>(99)), invalid, kind, "operation");
  EXPECT_ERROR(meetctl::Participant::from_id("nonsense"), invalid, kind, "ids[0]");
  CHECK(emu_count("request_count") == before);  // nothing was sent

  // Huawei hands the host role over, and back.
  const meetctl::Participant *host = nullptr;
  for (const auto &p : hw_people) {
    if (p.role == MEETCTL_ROLE_HOST) host = &p;
  }
  hw_meeting.make_host(*hw_bob);
  CHECK(emu_huawei_host_is(CONF.c_str(), ("\"" + BOB + "\"").c_str()));
  if (host) {
    hw_meeting.make_host(*host);
  } else {
    huawei().conference_with_password(CONF, HOST_PWD).relinquish_host(BOB);
  }
}

// The neutral broadcast, its end and lowering every raised hand, on Huawei (after
// huawei_info_and_video, which reads Evan's raised hand).
void meeting_broadcast_and_hands_on_huawei() {
  const auto meeting = open_meeting(MEETCTL_VENDOR_HUAWEI);
  const auto people = meeting.participants();
  const meetctl::Participant *bob = bob_in(people, MEETCTL_VENDOR_HUAWEI);
  CHECK(bob != nullptr);
  if (!bob) return;
  meeting.broadcast(*bob);
  CHECK(state_is(C1 + ".broadcast", "\"" + BOB + "\"") && state_is(C1 + ".mode", "\"BROADCAST\""));
  meeting.cancel_broadcast();
  CHECK(state_is(C1 + ".mode", "\"FREE\""));
  CHECK(state_is(in_c1("p-evan") + ".hand_raised", "true"));
  meeting.lower_all_hands();
  CHECK(state_is(in_c1("p-evan") + ".hand_raised", "false"));
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
  RUN_GUARDED(version_and_config);
  RUN_GUARDED(tencent_operations);
  RUN_GUARDED(tencent_generic_and_prepared);
  RUN_GUARDED(huawei_operations);
  RUN_GUARDED(every_error_kind);
  RUN_GUARDED(null_and_invalid_utf8);
  RUN_GUARDED(eight_threads_share_one_client);
  RUN_GUARDED(cancel_a_call_blocked_on_a_silent_server);
  RUN_GUARDED(cancel_handle_raii);
  RUN_GUARDED(handles_move_and_free_once);
  RUN_GUARDED(wrapper_refuses_what_c_cannot_take);
  RUN_GUARDED(retries_and_plain_http);
  RUN_GUARDED(tencent_participants_and_ms_open_id);
  RUN_GUARDED(prepare_is_what_control_sends_and_args_are_escaped);
  RUN_GUARDED(wrapper_validation_before_io);
  RUN_GUARDED(meeting_the_same_code_on_both_vendors);
  RUN_GUARDED(meeting_capabilities_and_unsupported);
  RUN_GUARDED(tencent_every_named_helper);
  RUN_GUARDED(deprecated_names_keep_working);
  RUN_GUARDED(huawei_info_and_video);
  RUN_GUARDED(meeting_broadcast_and_hands_on_huawei);
  RUN_GUARDED(meeting_invite_on_both_vendors);
  RUN_GUARDED(huawei_every_named_helper);
  return report(argv[0]);
}
