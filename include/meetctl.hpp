/*
 * meetctl.hpp: a small header-only C++17 wrapper over libmeetctl (meetctl.h).
 *
 * - RAII: every handle is owned by exactly one object (move-only, freed in its destructor).
 * - std::string in and out; optional arguments are std::optional.
 * - Failures throw meetctl::Error, which carries the status, kind, HTTP status, vendor code,
 *   message, field, request id and retry-after of the library's meetctl_error.
 * - Thread safety is the C library's: TencentClient, HuaweiClient and HuaweiConference may be
 *   used from many threads at once (by reference); Config must not be changed while shared.
 *
 *   meetctl::Config config;
 *   config.base_url("http://127.0.0.1:8080").timeout(std::chrono::seconds(5));
 *   auto client = meetctl::TencentClient::enterprise(config, "210000001", "AKID...", "secret");
 *   client.set_cohost("1242152152161",
 *                     meetctl::User::ms_open_id("afagsagwags", MEETCTL_INSTANCE_IOS),
 *                     meetctl::User::ms_open_id("agaqwwgdkkddd", MEETCTL_INSTANCE_MAC));
 */
#ifndef MEETCTL_HPP
#define MEETCTL_HPP

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "meetctl.h"

namespace meetctl {

/// A failure reported by libmeetctl. `what()` is the one-line description.
class Error : public std::runtime_error {
 public:
  /// Takes the details out of `err` (which may be NULL) and frees it.
  Error(meetctl_status status, meetctl_error *err)
      : std::runtime_error(describe(status, err)),
        status_(status),
        kind_(err ? meetctl_error_get_kind(err) : MEETCTL_ERROR_KIND_OTHER),
        vendor_(meetctl_error_get_vendor(err)),
        http_status_(meetctl_error_get_http_status(err)),
        retry_after_ms_(meetctl_error_get_retry_after_ms(err)),
        message_(text(meetctl_error_get_message(err))),
        field_(text(meetctl_error_get_field(err))),
        code_(text(meetctl_error_get_code(err))),
        new_code_(text(meetctl_error_get_new_code(err))),
        request_id_(text(meetctl_error_get_request_id(err))) {
    meetctl_error_free(err);
  }

  /// The status the failing function returned.
  meetctl_status status() const noexcept { return status_; }
  /// What kind of error this is.
  meetctl_error_kind kind() const noexcept { return kind_; }
  /// Which vendor's server answered (MEETCTL_VENDOR_NONE when none did).
  meetctl_vendor vendor() const noexcept { return vendor_; }
  /// The HTTP status of the answer; 0 when no server answered.
  std::uint16_t http_status() const noexcept { return http_status_; }
  /// The message (never a secret).
  const std::string &message() const noexcept { return message_; }
  /// For invalid arguments: the argument at fault; empty otherwise.
  const std::string &field() const noexcept { return field_; }
  /// The vendor's error code ("9003", "MMC.111070005"); empty when none.
  const std::string &code() const noexcept { return code_; }
  /// Tencent's new_error_code; empty when none.
  const std::string &new_code() const noexcept { return new_code_; }
  /// The server's request id; empty when none.
  const std::string &request_id() const noexcept { return request_id_; }
  /// For rate limiting: how long the server asked to wait, when it said.
  std::optional<std::chrono::milliseconds> retry_after() const {
    if (retry_after_ms_ < 0) return std::nullopt;
    return std::chrono::milliseconds(retry_after_ms_);
  }

 private:
  static std::string text(const char *s) { return s ? std::string(s) : std::string(); }
  static std::string describe(meetctl_status status, const meetctl_error *err) {
    const char *d = meetctl_error_get_description(err);
    return d ? std::string(d) : "meetctl failed with status " + std::to_string(static_cast<int>(status));
  }

  meetctl_status status_;
  meetctl_error_kind kind_;
  meetctl_vendor vendor_;
  std::uint16_t http_status_;
  std::int64_t retry_after_ms_;
  std::string message_, field_, code_, new_code_, request_id_;
};

namespace detail {

/// Calls `fn(args..., &err)` and throws meetctl::Error unless it returns MEETCTL_STATUS_OK.
template <typename Fn, typename... Args>
void call(Fn fn, Args... args) {
  meetctl_error *err = nullptr;
  meetctl_status status = fn(args..., &err);
  if (status != MEETCTL_STATUS_OK) throw Error(status, err);
}

/// Owns a `char *` returned by the library and turns it into a std::string.
inline std::string take(char *s) {
  std::unique_ptr<char, decltype(&meetctl_string_free)> owned(s, &meetctl_string_free);
  return s ? std::string(s) : std::string();
}

inline const char *opt(const std::optional<std::string> &s) { return s ? s->c_str() : nullptr; }

template <typename T, void (*Free)(T *)>
struct Deleter {
  void operator()(T *p) const noexcept { Free(p); }
};

template <typename T, void (*Free)(T *)>
using Handle = std::unique_ptr<T, Deleter<T, Free>>;

}  // namespace detail

/// Query parameters of a generic request, in order.
using Query = std::vector<std::pair<std::string, std::string>>;

namespace detail {
inline std::vector<meetctl_query_param> params(const Query &query) {
  std::vector<meetctl_query_param> out;
  out.reserve(query.size());
  for (const auto &p : query) out.push_back(meetctl_query_param{p.first.c_str(), p.second.c_str()});
  return out;
}
}  // namespace detail

/// Transport settings (see meetctl_config). Changes return *this so they chain.
class Config {
 public:
  Config() : h_(meetctl_config_new()) {}

  Config &base_url(const std::string &url) {
    detail::call(meetctl_config_set_base_url, h_.get(), url.c_str());
    return *this;
  }
  Config &region(const std::string &region) {
    detail::call(meetctl_config_set_region, h_.get(), region.c_str());
    return *this;
  }
  Config &timeout(std::chrono::milliseconds t) {
    detail::call(meetctl_config_set_timeout_ms, h_.get(), static_cast<std::uint64_t>(t.count()));
    return *this;
  }
  Config &connect_timeout(std::chrono::milliseconds t) {
    detail::call(meetctl_config_set_connect_timeout_ms, h_.get(), static_cast<std::uint64_t>(t.count()));
    return *this;
  }
  Config &read_timeout(std::chrono::milliseconds t) {
    detail::call(meetctl_config_set_read_timeout_ms, h_.get(), static_cast<std::uint64_t>(t.count()));
    return *this;
  }
  Config &proxy(const std::string &url) {
    detail::call(meetctl_config_set_proxy, h_.get(), url.c_str());
    return *this;
  }
  Config &no_proxy() {
    detail::call(meetctl_config_disable_proxy, h_.get());
    return *this;
  }
  Config &proxy_from_environment() {
    detail::call(meetctl_config_proxy_from_environment, h_.get());
    return *this;
  }
  Config &extra_ca_pem(const std::string &pem) {
    detail::call(meetctl_config_set_extra_ca_pem, h_.get(), reinterpret_cast<const std::uint8_t *>(pem.data()),
                 pem.size());
    return *this;
  }
  Config &max_response_bytes(std::uint64_t bytes) {
    detail::call(meetctl_config_set_max_response_bytes, h_.get(), bytes);
    return *this;
  }

  const meetctl_config *get() const noexcept { return h_.get(); }

 private:
  detail::Handle<meetctl_config, meetctl_config_free> h_;
};

/// A Tencent participant: an id of some kind and the device they are on.
struct User {
  meetctl_id_kind kind;
  std::string id;
  meetctl_instance instance;

  static User userid(std::string id, meetctl_instance on) { return {MEETCTL_ID_KIND_USERID, std::move(id), on}; }
  static User openid(std::string id, meetctl_instance on) { return {MEETCTL_ID_KIND_OPENID, std::move(id), on}; }
  static User ms_open_id(std::string id, meetctl_instance on) {
    return {MEETCTL_ID_KIND_MS_OPEN_ID, std::move(id), on};
  }
  static User uuid(std::string id, meetctl_instance on) { return {MEETCTL_ID_KIND_UUID, std::move(id), on}; }

  /// The C view; valid while this User lives.
  meetctl_tencent_user c() const {
    return meetctl_tencent_user{static_cast<std::uint32_t>(kind), id.c_str(), static_cast<std::int32_t>(instance)};
  }
};

/// A signed request, not sent: method, URL, headers and body, for your own HTTP stack.
class Prepared {
 public:
  explicit Prepared(meetctl_prepared *p) : h_(p) {}

  std::string method() const { return meetctl_prepared_get_method(h_.get()); }
  std::string url() const { return meetctl_prepared_get_url(h_.get()); }
  /// Every header, in the order to send them.
  std::vector<std::pair<std::string, std::string>> headers() const {
    std::vector<std::pair<std::string, std::string>> out;
    const std::size_t n = meetctl_prepared_get_header_count(h_.get());
    for (std::size_t i = 0; i < n; ++i) {
      out.emplace_back(meetctl_prepared_get_header_name(h_.get(), i), meetctl_prepared_get_header_value(h_.get(), i));
    }
    return out;
  }
  /// The first header called `name` (case-insensitive), if any.
  std::optional<std::string> header(const std::string &name) const {
    const char *v = meetctl_prepared_get_header(h_.get(), name.c_str());
    return v ? std::optional<std::string>(v) : std::nullopt;
  }
  /// The body bytes (empty for none).
  std::string body() const {
    const std::uint8_t *b = meetctl_prepared_get_body(h_.get());
    return b ? std::string(reinterpret_cast<const char *>(b), meetctl_prepared_get_body_len(h_.get())) : std::string();
  }

  const meetctl_prepared *get() const noexcept { return h_.get(); }

 private:
  detail::Handle<meetctl_prepared, meetctl_prepared_free> h_;
};

/// A Tencent Meeting client (thread-safe: share it by reference).
class TencentClient {
 public:
  /// Enterprise self-built app credentials (AK/SK); `sdk_id` only when one was assigned.
  static TencentClient enterprise(const Config &config, const std::string &app_id, const std::string &secret_id,
                                  const std::string &secret_key,
                                  const std::optional<std::string> &sdk_id = std::nullopt) {
    meetctl_tencent_client *c = nullptr;
    detail::call(meetctl_tencent_client_new_enterprise, config.get(), app_id.c_str(), secret_id.c_str(),
                 secret_key.c_str(), detail::opt(sdk_id), &c);
    return TencentClient(c);
  }

  /// OAuth 2.0 credentials.
  static TencentClient oauth(const Config &config, const std::string &open_id, const std::string &access_token) {
    meetctl_tencent_client *c = nullptr;
    detail::call(meetctl_tencent_client_new_oauth, config.get(), open_id.c_str(), access_token.c_str(), &c);
    return TencentClient(c);
  }

  void set_cohost(const std::string &meeting_id, const User &op, const User &user) const {
    const meetctl_tencent_user o = op.c(), u = user.c();
    detail::call(meetctl_tencent_client_set_cohost, h_.get(), meeting_id.c_str(), &o, &u);
  }
  void revoke_cohost(const std::string &meeting_id, const User &op, const User &user) const {
    const meetctl_tencent_user o = op.c(), u = user.c();
    detail::call(meetctl_tencent_client_revoke_cohost, h_.get(), meeting_id.c_str(), &o, &u);
  }
  void close_video(const std::string &meeting_id, const User &op, const User &user) const {
    const meetctl_tencent_user o = op.c(), u = user.c();
    detail::call(meetctl_tencent_client_close_video, h_.get(), meeting_id.c_str(), &o, &u);
  }

  /// Any other endpoint, signed; returns the JSON answer ("null" for an empty body).
  std::string request(const std::string &method, const std::string &path, const Query &query = {},
                      const std::optional<std::string> &body_json = std::nullopt) const {
    const auto q = detail::params(query);
    char *answer = nullptr;
    detail::call(meetctl_tencent_client_request, h_.get(), method.c_str(), path.c_str(), q.data(), q.size(),
                 detail::opt(body_json), &answer);
    return detail::take(answer);
  }

  Prepared prepare_set_cohost(const std::string &meeting_id, const User &op, const User &user) const {
    const meetctl_tencent_user o = op.c(), u = user.c();
    meetctl_prepared *p = nullptr;
    detail::call(meetctl_tencent_client_prepare_set_cohost, h_.get(), meeting_id.c_str(), &o, &u, &p);
    return Prepared(p);
  }
  Prepared prepare_revoke_cohost(const std::string &meeting_id, const User &op, const User &user) const {
    const meetctl_tencent_user o = op.c(), u = user.c();
    meetctl_prepared *p = nullptr;
    detail::call(meetctl_tencent_client_prepare_revoke_cohost, h_.get(), meeting_id.c_str(), &o, &u, &p);
    return Prepared(p);
  }
  Prepared prepare_close_video(const std::string &meeting_id, const User &op, const User &user) const {
    const meetctl_tencent_user o = op.c(), u = user.c();
    meetctl_prepared *p = nullptr;
    detail::call(meetctl_tencent_client_prepare_close_video, h_.get(), meeting_id.c_str(), &o, &u, &p);
    return Prepared(p);
  }
  Prepared prepare_request(const std::string &method, const std::string &path, const Query &query = {},
                           const std::optional<std::string> &body_json = std::nullopt) const {
    const auto q = detail::params(query);
    meetctl_prepared *p = nullptr;
    detail::call(meetctl_tencent_client_prepare_request, h_.get(), method.c_str(), path.c_str(), q.data(),
                 q.size(), detail::opt(body_json), &p);
    return Prepared(p);
  }

  std::string base_url() const { return meetctl_tencent_client_get_base_url(h_.get()); }
  const meetctl_tencent_client *get() const noexcept { return h_.get(); }

 private:
  explicit TencentClient(meetctl_tencent_client *c) : h_(c) {}
  detail::Handle<meetctl_tencent_client, meetctl_tencent_client_free> h_;
};

/// A handle on one Huawei conference (thread-safe: share it by reference).
class HuaweiConference {
 public:
  explicit HuaweiConference(meetctl_huawei_conference *c) : h_(c) {}

  void apply_host(const std::string &participant_id, const std::string &chairman_password) const {
    detail::call(meetctl_huawei_conference_apply_host, h_.get(), participant_id.c_str(), chairman_password.c_str());
  }
  void relinquish_host(const std::string &participant_id) const {
    detail::call(meetctl_huawei_conference_relinquish_host, h_.get(), participant_id.c_str());
  }

  /// Any other meeting-control call; `conferenceID` is added to the query.
  std::string request(const std::string &method, const std::string &path, const Query &query = {},
                      const std::optional<std::string> &body_json = std::nullopt) const {
    const auto q = detail::params(query);
    char *answer = nullptr;
    detail::call(meetctl_huawei_conference_request, h_.get(), method.c_str(), path.c_str(), q.data(), q.size(),
                 detail::opt(body_json), &answer);
    return detail::take(answer);
  }

  Prepared prepare_apply_host(const std::string &participant_id, const std::string &chairman_password) const {
    meetctl_prepared *p = nullptr;
    detail::call(meetctl_huawei_conference_prepare_apply_host, h_.get(), participant_id.c_str(),
                 chairman_password.c_str(), &p);
    return Prepared(p);
  }
  Prepared prepare_relinquish_host(const std::string &participant_id) const {
    meetctl_prepared *p = nullptr;
    detail::call(meetctl_huawei_conference_prepare_relinquish_host, h_.get(), participant_id.c_str(), &p);
    return Prepared(p);
  }
  Prepared prepare_request(const std::string &method, const std::string &path, const Query &query = {},
                           const std::optional<std::string> &body_json = std::nullopt) const {
    const auto q = detail::params(query);
    meetctl_prepared *p = nullptr;
    detail::call(meetctl_huawei_conference_prepare_request, h_.get(), method.c_str(), path.c_str(), q.data(),
                 q.size(), detail::opt(body_json), &p);
    return Prepared(p);
  }

  /// The current control token (a credential: do not log it).
  std::string control_token() const {
    char *token = nullptr;
    detail::call(meetctl_huawei_conference_control_token, h_.get(), &token);
    return detail::take(token);
  }

  std::string id() const { return meetctl_huawei_conference_get_id(h_.get()); }
  const meetctl_huawei_conference *get() const noexcept { return h_.get(); }

 private:
  detail::Handle<meetctl_huawei_conference, meetctl_huawei_conference_free> h_;
};

/// A Huawei Cloud Meeting client (thread-safe: share it by reference).
class HuaweiClient {
 public:
  /// No account authentication: conferences by password or control token alone.
  static HuaweiClient without_account(const Config &config) {
    meetctl_huawei_client *c = nullptr;
    detail::call(meetctl_huawei_client_new, config.get(), &c);
    return HuaweiClient(c);
  }
  /// App ID authentication.
  static HuaweiClient app_id(const Config &config, const std::string &app_id, const std::string &app_key,
                             const std::optional<std::string> &user_id = std::nullopt,
                             const std::optional<std::string> &corp_id = std::nullopt) {
    meetctl_huawei_client *c = nullptr;
    detail::call(meetctl_huawei_client_new_app_id, config.get(), app_id.c_str(), app_key.c_str(),
                 detail::opt(user_id), detail::opt(corp_id), &c);
    return HuaweiClient(c);
  }
  /// Account and password authentication.
  static HuaweiClient account(const Config &config, const std::string &account, const std::string &password) {
    meetctl_huawei_client *c = nullptr;
    detail::call(meetctl_huawei_client_new_account, config.get(), account.c_str(), password.c_str(), &c);
    return HuaweiClient(c);
  }

  /// A conference handle using a control token you already have (never refreshed).
  HuaweiConference conference_with_token(const std::string &conference_id, const std::string &token) const {
    meetctl_huawei_conference *c = nullptr;
    detail::call(meetctl_huawei_conference_new_with_token, h_.get(), conference_id.c_str(), token.c_str(), &c);
    return HuaweiConference(c);
  }
  /// A conference handle that obtains (and refreshes) its control token with a password.
  HuaweiConference conference_with_password(const std::string &conference_id, const std::string &password) const {
    meetctl_huawei_conference *c = nullptr;
    detail::call(meetctl_huawei_conference_new_with_password, h_.get(), conference_id.c_str(), password.c_str(),
                 &c);
    return HuaweiConference(c);
  }

  /// The account-level access token; nullopt without account authentication.
  std::optional<std::string> access_token() const {
    char *token = nullptr;
    detail::call(meetctl_huawei_client_access_token, h_.get(), &token);
    if (!token) return std::nullopt;
    return detail::take(token);
  }

  std::string base_url() const { return meetctl_huawei_client_get_base_url(h_.get()); }
  std::string region() const { return meetctl_huawei_client_get_region(h_.get()); }
  const meetctl_huawei_client *get() const noexcept { return h_.get(); }

 private:
  explicit HuaweiClient(meetctl_huawei_client *c) : h_(c) {}
  detail::Handle<meetctl_huawei_client, meetctl_huawei_client_free> h_;
};

/// The version of the loaded library ("0.1.0").
inline std::string version() { return meetctl_version(); }

}  // namespace meetctl

#endif  // MEETCTL_HPP
