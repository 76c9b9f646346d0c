/*
 * meetctl.hpp: a small header-only C++17 wrapper over libmeetctl (meetctl.h).
 *
 * - RAII: every handle is owned by exactly one object (move-only, freed in its destructor).
 * - std::string in and out; optional arguments are std::optional.
 * - Failures throw meetctl::Error, which carries the status, kind, HTTP status, vendor code,
 *   message, field, request id, retry-after and attempts of the library's meetctl_error.
 * - What the C API cannot be given is refused by the wrapper with the same kind of meetctl::Error
 *   (MEETCTL_ERROR_KIND_INVALID_ARGUMENT, field naming the C parameter) before anything is called:
 *   a std::string with an embedded NUL (c_str() would cut it: "123\0x" must not act on meeting
 *   123), a duration outside 1 ms .. 1 hour (never cast to a huge or wrapped number), and a
 *   moved-from object (MEETCTL_STATUS_NULL_ARGUMENT naming the handle: "client", "config", ...),
 *   never a std::string built from NULL.
 * - Thread safety is the C library's: TencentClient, HuaweiClient and HuaweiConference may be
 *   used from many threads at once (by reference); Config must not be changed while shared.
 * - Every operation of both vendors is one `control()` (or `prepare()`) call with the C operation
 *   enum, plus a named inline helper per operation that builds the arguments (meetctl::Args, a
 *   JSON object with properly escaped strings) for you.
 * - One meeting on either vendor is a meetctl::Meeting (from a TencentClient or a
 *   HuaweiConference): the same participants(), mute(), end(), ... on both. What a vendor cannot
 *   do throws meetctl::Unsupported (a meetctl::Error of kind MEETCTL_ERROR_KIND_UNSUPPORTED)
 *   before anything is sent; supports() says so beforehand.
 * - Lookups (lookup() on TencentClient, HuaweiClient and HuaweiConference, Meeting::details())
 *   answer a meetctl::Value: an owned, read-only tree of records, lists, texts, numbers and flags,
 *   read with operator[] (field), at(i), size(), text(), as_int(), as_bool(), json(), each giving
 *   an empty view or std::nullopt where there is nothing, never an exception. A meeting code is
 *   found with TencentClient::find() or Meeting::find_tencent(); a code that means several
 *   meetings throws meetctl::Ambiguous, whose candidates() lists them.
 * - A call blocked on the network can be cancelled from another thread: a meetctl::CancelScope
 *   binds a meetctl::CancelHandle to the current thread, and CancelHandle::fire() (from any
 *   thread) ends the call with meetctl::Cancelled (a meetctl::Error of kind
 *   MEETCTL_ERROR_KIND_CANCELLED; request_may_have_been_sent() says whether it may have acted).
 *
 *   meetctl::Config config;
 *   config.base_url("http://127.0.0.1:8080").timeout(std::chrono::seconds(5));
 *   auto client = meetctl::TencentClient::enterprise(config, "210000001", "AKID...", "secret");
 *   const auto host = meetctl::TencentUser::ms_open_id("afagsagwags", MEETCTL_INSTANCE_IOS);
 *   const auto bob = meetctl::TencentUser::ms_open_id("agaqwwgdkkddd", MEETCTL_INSTANCE_MAC);
 *   client.mute("1242152152161", host, bob);
 *   const auto alice = meetctl::TencentUser::userid("alice", MEETCTL_INSTANCE_IOS);
 *   for (const auto &p : client.participants("1242152152161", alice))
 *     std::cout << p.user_name.value_or("?") << (p.audio_muted == true ? " (muted)" : "") << "\n";
 *
 *   // Either vendor, the same code:
 *   auto meeting = meetctl::Meeting::tencent(client, "1242152152161", alice);
 *   for (const auto &p : meeting.participants())
 *     if (p.role != MEETCTL_ROLE_HOST && p.controllable && p.audio_muted != true) meeting.mute(p);
 *   meeting.end();
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
        attempts_(meetctl_error_get_attempts(err)),
        request_sent_(meetctl_error_get_request_may_have_been_sent(err)),
        message_(text(meetctl_error_get_message(err))),
        field_(text(meetctl_error_get_field(err))),
        code_(text(meetctl_error_get_code(err))),
        new_code_(text(meetctl_error_get_new_code(err))),
        request_id_(text(meetctl_error_get_request_id(err))) {
    meetctl_error_free(err);
  }

  /// An error found by the wrapper itself, before calling the library (an argument the C API
  /// cannot be given): kind MEETCTL_ERROR_KIND_INVALID_ARGUMENT, `field` naming the C parameter,
  /// described as the library describes its own ("invalid argument `field`: message").
  Error(meetctl_status status, const std::string &field, const std::string &message)
      : std::runtime_error("invalid argument `" + field + "`: " + message),
        status_(status),
        kind_(MEETCTL_ERROR_KIND_INVALID_ARGUMENT),
        vendor_(MEETCTL_VENDOR_NONE),
        http_status_(0),
        retry_after_ms_(-1),
        attempts_(0),
        request_sent_(-1),
        message_(message),
        field_(field) {}

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
  /// How many times the failing exchange was attempted (Config::max_attempts); 0 when nothing
  /// was sent.
  std::uint32_t attempts() const noexcept { return attempts_; }

 protected:
  /// meetctl_error_get_request_may_have_been_sent: 1, 0, or -1 (not a cancelled call).
  int request_sent() const noexcept { return request_sent_; }

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
  std::uint32_t attempts_;
  int request_sent_;
  std::string message_, field_, code_, new_code_, request_id_;
};

/// The meeting's vendor cannot do the operation (MEETCTL_STATUS_UNSUPPORTED: make_host() on a
/// Tencent meeting); nothing was sent. A meetctl::Error of kind MEETCTL_ERROR_KIND_UNSUPPORTED,
/// with a class of its own: it says "never on this vendor" (check Meeting::supports() first, or
/// skip the step), not "this call failed".
class Unsupported : public Error {
 public:
  /// Takes the details out of `err` (which may be NULL) and frees it.
  Unsupported(meetctl_status status, meetctl_error *err) : Error(status, err) {}
};

/// The call was cancelled (MEETCTL_STATUS_CANCELLED): the meetctl::CancelHandle bound to the
/// calling thread (meetctl::CancelScope) was fired. A meetctl::Error of kind
/// MEETCTL_ERROR_KIND_CANCELLED, with a class of its own: it says "you asked to stop", not "this
/// call failed".
class Cancelled : public Error {
 public:
  /// Takes the details out of `err` (which may be NULL) and frees it.
  Cancelled(meetctl_status status, meetctl_error *err) : Error(status, err) {}

  /// Whether the request may have reached the server, so that the operation may have taken
  /// effect (look before repeating one that is not safe to repeat). false: it certainly did not,
  /// nothing was done (the call was cancelled before anything was sent, e.g. made on a thread
  /// whose bound handle was already fired).
  bool request_may_have_been_sent() const noexcept { return request_sent() != 0; }
};

/// A read-only view of a meetctl_value: a lookup's answer, or part of one (a record, a list, a
/// text, a number, a flag or null). It borrows from the meetctl::Value (or the error) it came
/// from and must not outlive it. Every accessor answers something for any input, as the C
/// accessors do: a missing field, an index out of range or a value of another kind gives an empty
/// view (kind MEETCTL_VALUE_KIND_NULL, exists() false) or std::nullopt, never an exception, so
/// that `meetings.at(0)["subject"].text().value_or("?")` needs no checks on the way.
///
/// Thread safety: the value is immutable; views may be read from several threads at once.
class ValueView {
 public:
  ValueView() = default;
  explicit ValueView(const meetctl_value *v) noexcept : v_(v) {}

  /// What it holds (MEETCTL_VALUE_KIND_NULL for an empty view too).
  meetctl_value_kind kind() const noexcept { return meetctl_value_get_kind(v_); }
  /// Whether the view shows a value at all (false for a missing field or an index out of range;
  /// a field the vendor did not report exists and is null).
  bool exists() const noexcept { return v_ != nullptr; }
  /// Whether it is null or empty.
  bool is_null() const noexcept { return kind() == MEETCTL_VALUE_KIND_NULL; }

  /// The field `name` of a record; an empty view when there is none (or this is no record).
  ValueView operator[](const std::string &name) const {
    // A field name never holds a NUL byte; c_str() would cut the name there.
    if (name.find('\0') != std::string::npos) return ValueView();
    return ValueView(meetctl_value_get(v_, name.c_str()));
  }
  /// Entry `i` of a list, or the value of field `i` of a record (fields in name order); an empty
  /// view when out of range.
  ValueView at(std::size_t i) const noexcept { return ValueView(meetctl_value_at(v_, i)); }
  /// How many entries a list has, or fields a record has; 0 otherwise.
  std::size_t size() const noexcept { return meetctl_value_len(v_); }
  /// The name of field `i` of a record (name order); std::nullopt when out of range.
  std::optional<std::string> key(std::size_t i) const {
    const char *k = meetctl_value_key_at(v_, i);
    return k ? std::optional<std::string>(k) : std::nullopt;
  }
  /// A record's field names, in name order (empty for anything else).
  std::vector<std::string> keys() const {
    std::vector<std::string> out;
    for (std::size_t i = 0, n = size(); i < n; ++i) {
      if (const char *k = meetctl_value_key_at(v_, i)) out.emplace_back(k);
    }
    return out;
  }

  /// The text of a text value; std::nullopt for any other kind, and for a text holding a NUL
  /// byte (json() has it whole).
  std::optional<std::string> text() const {
    const char *t = meetctl_value_text(v_);
    return t ? std::optional<std::string>(t) : std::nullopt;
  }
  /// The number of an integer value; std::nullopt for any other kind.
  std::optional<std::int64_t> as_int() const noexcept {
    std::int64_t n = 0;
    return meetctl_value_int(v_, &n) ? std::optional<std::int64_t>(n) : std::nullopt;
  }
  /// The flag of a bool value; std::nullopt for any other kind.
  std::optional<bool> as_bool() const noexcept {
    bool b = false;
    return meetctl_value_bool(v_, &b) ? std::optional<bool>(b) : std::nullopt;
  }
  /// Compact JSON text ("null" for an empty view). It holds any secret the value holds (the
  /// `token` of a HuaweiWsToken): do not log it then.
  std::string json() const {
    const char *j = meetctl_value_json(v_);
    return j ? std::string(j) : std::string("null");
  }

  /// Iterates over a list's entries (or a record's field values, in name order).
  class iterator {
   public:
    iterator(const meetctl_value *v, std::size_t i) noexcept : v_(v), i_(i) {}
    ValueView operator*() const noexcept { return ValueView(meetctl_value_at(v_, i_)); }
    iterator &operator++() noexcept {
      ++i_;
      return *this;
    }
    bool operator==(const iterator &o) const noexcept { return v_ == o.v_ && i_ == o.i_; }
    bool operator!=(const iterator &o) const noexcept { return !(*this == o); }

   private:
    const meetctl_value *v_;
    std::size_t i_;
  };
  iterator begin() const noexcept { return iterator(v_, 0); }
  iterator end() const noexcept { return iterator(v_, size()); }

  /// The C view (NULL for an empty view).
  const meetctl_value *get() const noexcept { return v_; }

 protected:
  const meetctl_value *v_ = nullptr;
};

/// A lookup's answer, owned: a ValueView that frees its meetctl_value (meetctl_value_free) when
/// it goes. Movable, not copyable; views taken from it must not outlive it.
class Value : public ValueView {
 public:
  /// Takes over `v` (a value a call handed out; NULL makes an empty Value).
  explicit Value(meetctl_value *v) noexcept : ValueView(v), h_(v) {}
  Value(Value &&o) noexcept : ValueView(o.v_), h_(std::move(o.h_)) { o.v_ = nullptr; }
  Value &operator=(Value &&o) noexcept {
    if (this != &o) {
      h_ = std::move(o.h_);
      v_ = o.v_;
      o.v_ = nullptr;
    }
    return *this;
  }
  Value(const Value &) = delete;
  Value &operator=(const Value &) = delete;

 private:
  struct Free {
    void operator()(meetctl_value *p) const noexcept { meetctl_value_free(p); }
  };
  std::unique_ptr<meetctl_value, Free> h_;
};

/// One meeting (or one occurrence of a recurring meeting) a meeting code may mean: what
/// TencentClient::find() answers and meetctl::Ambiguous lists.
struct Candidate {
  std::string meeting_id;
  std::optional<std::string> occurrence;  ///< the sub-meeting id of a recurring meeting
  std::optional<std::string> subject;
  std::optional<std::int64_t> start_time;  ///< scheduled start, Unix seconds
  std::optional<std::int64_t> end_time;    ///< scheduled end, Unix seconds
  bool in_progress = false;
  std::string json;  ///< the whole record (and any field a later version adds)

  /// The Candidate record `v` holds.
  static Candidate from(ValueView v) {
    Candidate c;
    c.meeting_id = v["meeting_id"].text().value_or(std::string());
    c.occurrence = v["occurrence"].text();
    c.subject = v["subject"].text();
    c.start_time = v["start_time"].as_int();
    c.end_time = v["end_time"].as_int();
    c.in_progress = v["in_progress"].as_bool().value_or(false);
    c.json = v.json();
    return c;
  }
};

/// What was looked up (a meeting code) means several meetings (MEETCTL_STATUS_AMBIGUOUS):
/// candidates() lists them; pick one (by its meeting_id and occurrence) and ask again with it. A
/// meetctl::Error of kind MEETCTL_ERROR_KIND_AMBIGUOUS, with a class of its own: it says "which
/// one?", not "this call failed". Nothing was changed.
class Ambiguous : public Error {
 public:
  /// Takes the details (and the candidates) out of `err` and frees it.
  Ambiguous(meetctl_status status, meetctl_error *err) : Ambiguous(read(err), status, err) {}

  /// The meetings it may mean.
  const std::vector<Candidate> &candidates() const noexcept { return candidates_; }

 private:
  // The candidates are read before Error's constructor frees `err` (arguments first).
  Ambiguous(std::vector<Candidate> candidates, meetctl_status status, meetctl_error *err)
      : Error(status, err), candidates_(std::move(candidates)) {}
  static std::vector<Candidate> read(const meetctl_error *err) {
    std::vector<Candidate> out;
    for (const ValueView c : ValueView(meetctl_error_get_candidates(err))) out.push_back(Candidate::from(c));
    return out;
  }
  std::vector<Candidate> candidates_;
};

namespace detail {

/// Throws the exception for a failed call: meetctl::Unsupported for MEETCTL_STATUS_UNSUPPORTED,
/// meetctl::Cancelled for MEETCTL_STATUS_CANCELLED, meetctl::Ambiguous for
/// MEETCTL_STATUS_AMBIGUOUS, meetctl::Error otherwise. Takes `err` over.
[[noreturn]] inline void raise(meetctl_status status, meetctl_error *err) {
  if (status == MEETCTL_STATUS_UNSUPPORTED) throw Unsupported(status, err);
  if (status == MEETCTL_STATUS_CANCELLED) throw Cancelled(status, err);
  if (status == MEETCTL_STATUS_AMBIGUOUS) throw Ambiguous(status, err);
  throw Error(status, err);
}

/// Calls `fn(args..., &err)` and throws (detail::raise) unless it returns MEETCTL_STATUS_OK.
template <typename Fn, typename... Args>
void call(Fn fn, Args... args) {
  meetctl_error *err = nullptr;
  meetctl_status status = fn(args..., &err);
  if (status != MEETCTL_STATUS_OK) raise(status, err);
}

/// Owns a `char *` returned by the library and turns it into a std::string.
inline std::string take(char *s) {
  std::unique_ptr<char, decltype(&meetctl_string_free)> owned(s, &meetctl_string_free);
  return s ? std::string(s) : std::string();
}

/// Throws the meetctl::Error for an argument the wrapper refuses (see meetctl::Error's second
/// constructor).
[[noreturn]] inline void invalid(const std::string &field, const std::string &message,
                                 meetctl_status status = MEETCTL_STATUS_INVALID_ARGUMENT) {
  throw Error(status, field, message);
}

/// `s` as the NUL-terminated string the C API takes. A std::string may hold a NUL byte, which
/// c_str() would silently end the text at ("123\0x" would be meeting 123): refused, naming
/// `field`.
inline const char *c_str(const std::string &s, const char *field) {
  if (s.find('\0') != std::string::npos) invalid(field, "contains a NUL byte");
  return s.c_str();
}
/// The same for entry `i` of an array parameter: the field is `array[i]` + `member`.
inline const char *c_str(const std::string &s, const char *array, std::size_t i, const char *member = "") {
  if (s.find('\0') != std::string::npos) {
    invalid(std::string(array) + "[" + std::to_string(i) + "]" + member, "contains a NUL byte");
  }
  return s.c_str();
}
/// An optional string: NULL for std::nullopt.
inline const char *opt(const std::optional<std::string> &s, const char *field) {
  return s ? c_str(*s, field) : nullptr;
}

/// A handle that must be there: a moved-from object's is NULL, refused naming `field` as the C
/// library refuses a NULL handle (MEETCTL_STATUS_NULL_ARGUMENT).
template <typename T>
T *require(T *handle, const char *field) {
  if (!handle) invalid(field, "must not be NULL (a moved-from object)", MEETCTL_STATUS_NULL_ARGUMENT);
  return handle;
}

/// Text the library returned that must be there; a std::string is never built from NULL (a
/// getter returns NULL for a NULL handle: a moved-from object).
inline std::string text(const char *s, const char *field) {
  if (!s) invalid(field, "must not be NULL (a moved-from object)", MEETCTL_STATUS_NULL_ARGUMENT);
  return std::string(s);
}

/// The longest timeout the library takes, in milliseconds (an hour).
constexpr std::uint64_t max_timeout_ms = 3600000;

/// `t` in whole milliseconds, when it is from 1 ms to an hour; otherwise refused naming `field`.
/// Compared as floating-point milliseconds, so no conversion can overflow or wrap on the way (a
/// negative count cast to uint64_t would be a timeout of 584 million years; seconds::max() in
/// milliseconds overflows int64).
template <typename Rep, typename Period>
std::uint64_t timeout_ms(std::chrono::duration<Rep, Period> t, const char *field) {
  const long double ms = std::chrono::duration<long double, std::milli>(t).count();
  if (!(ms >= 1.0L && ms <= static_cast<long double>(max_timeout_ms))) {
    invalid(field, "must be from 1 to " + std::to_string(max_timeout_ms) + " milliseconds (an hour)");
  }
  return static_cast<std::uint64_t>(ms);
}

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
  for (std::size_t i = 0; i < query.size(); ++i) {
    out.push_back(meetctl_query_param{c_str(query[i].first, "query", i, ".name"),
                                      c_str(query[i].second, "query", i, ".value")});
  }
  return out;
}

/// `s` as a JSON string literal: quotes, backslashes and control characters escaped; other bytes
/// (UTF-8) kept as they are (the library refuses text that is not UTF-8).
inline std::string json_string(const std::string &s) {
  static const char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 0xf];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
  return out;
}

}  // namespace detail

/// The named arguments of an operation (`allow_rejoin`, `nick_name`, `minutes`, ...; listed with
/// the operation enums in meetctl.h), written as the JSON object the library takes. Setting a
/// name again replaces its value; `set(name, std::nullopt)` leaves it out.
class Args {
 public:
  Args() = default;

  /// Arguments given as JSON text, passed to the library as they are (it checks them).
  static Args from_json(std::string json) {
    Args a;
    a.raw_ = std::move(json);
    return a;
  }

  Args &set(const std::string &name, bool value) { return put(name, value ? "true" : "false"); }
  Args &set(const std::string &name, int value) { return put(name, std::to_string(value)); }
  Args &set(const std::string &name, long value) { return put(name, std::to_string(value)); }
  Args &set(const std::string &name, long long value) { return put(name, std::to_string(value)); }
  Args &set(const std::string &name, const std::string &value) { return put(name, detail::json_string(value)); }
  Args &set(const std::string &name, const char *value) {
    if (!value) detail::invalid(name, "must not be NULL");
    return set(name, std::string(value));
  }
  template <typename T>
  Args &set(const std::string &name, const std::optional<T> &value) {
    return value ? set(name, *value) : *this;
  }

  /// `name` set to a JSON value given as text (a list argument: see the builders such as
  /// HuaweiAttendee); the library checks it.
  Args &set_json(const std::string &name, std::string json_value) { return put(name, std::move(json_value)); }

  /// Whether no argument was given (the library then receives NULL).
  bool empty() const noexcept { return !raw_ && fields_.empty(); }

  /// The JSON object text.
  std::string json() const {
    if (raw_) return *raw_;
    std::string out = "{";
    for (const auto &f : fields_) {
      if (out.size() > 1) out += ',';
      out += detail::json_string(f.first);
      out += ':';
      out += f.second;
    }
    return out + "}";
  }

 private:
  Args &put(const std::string &name, std::string json_value) {
    for (auto &f : fields_) {
      if (f.first == name) {
        f.second = std::move(json_value);
        return *this;
      }
    }
    fields_.emplace_back(name, std::move(json_value));
    return *this;
  }

  std::optional<std::string> raw_;
  std::vector<std::pair<std::string, std::string>> fields_;
};

/// Transport settings (see meetctl_config). Changes return *this so they chain.
class Config {
 public:
  Config() : h_(meetctl_config_new()) {}

  Config &base_url(const std::string &url) {
    detail::call(meetctl_config_set_base_url, h_.get(), detail::c_str(url, "base_url"));
    return *this;
  }
  Config &region(const std::string &region) {
    detail::call(meetctl_config_set_region, h_.get(), detail::c_str(region, "region"));
    return *this;
  }
  /// The whole call, every exchange and retry included (default 60 s). Any std::chrono duration
  /// from 1 ms to an hour; anything else (zero, negative, huge) throws meetctl::Error naming
  /// "timeout". Sub-millisecond parts are dropped.
  template <typename Rep, typename Period>
  Config &timeout(std::chrono::duration<Rep, Period> t) {
    detail::call(meetctl_config_set_timeout_ms, h_.get(), detail::timeout_ms(t, "timeout"));
    return *this;
  }
  /// Connecting, DNS, proxy and TLS included (default 10 s); 1 ms to an hour ("connect_timeout").
  template <typename Rep, typename Period>
  Config &connect_timeout(std::chrono::duration<Rep, Period> t) {
    detail::call(meetctl_config_set_connect_timeout_ms, h_.get(), detail::timeout_ms(t, "connect_timeout"));
    return *this;
  }
  /// Waiting for the headers, then for the body (default 30 s); 1 ms to an hour ("read_timeout").
  template <typename Rep, typename Period>
  Config &read_timeout(std::chrono::duration<Rep, Period> t) {
    detail::call(meetctl_config_set_read_timeout_ms, h_.get(), detail::timeout_ms(t, "read_timeout"));
    return *this;
  }
  Config &proxy(const std::string &url) {
    detail::call(meetctl_config_set_proxy, h_.get(), detail::c_str(url, "proxy_url"));
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
  /// Refuses answers larger than this (default 1 MiB; 1 byte to 64 MiB, "max_response_bytes").
  Config &max_response_bytes(std::uint64_t bytes) {
    detail::call(meetctl_config_set_max_response_bytes, h_.get(), bytes);
    return *this;
  }
  /// Allows a plain http:// base URL to a host that is not loopback (default false: passwords,
  /// tokens and signatures would cross the network in clear text). Loopback (the emulator) is
  /// always allowed.
  Config &allow_insecure_http(bool allow = true) {
    detail::call(meetctl_config_set_allow_insecure_http, h_.get(), allow);
    return *this;
  }
  /// At most `attempts` attempts per exchange (default 3; 1 turns retrying off; 1 to 10, else
  /// meetctl::Error naming "max_attempts"). See meetctl_config_set_max_attempts for what is retried.
  Config &max_attempts(long long attempts) {
    if (attempts < 0 || attempts > static_cast<long long>(UINT32_MAX)) {
      detail::invalid("max_attempts", "must be from 1 to 10");
    }
    detail::call(meetctl_config_set_max_attempts, h_.get(), static_cast<std::uint32_t>(attempts));
    return *this;
  }

  const meetctl_config *get() const noexcept { return h_.get(); }

 private:
  detail::Handle<meetctl_config, meetctl_config_free> h_;
};

/// A Tencent participant as the control calls name one: an id of some kind and the device they
/// are on (Python: meetctl.TencentUser).
struct TencentUser {
  meetctl_id_kind kind;
  std::string id;
  meetctl_instance instance;

  static TencentUser userid(std::string id, meetctl_instance on) {
    return {MEETCTL_ID_KIND_USERID, std::move(id), on};
  }
  static TencentUser open_id(std::string id, meetctl_instance on) {
    return {MEETCTL_ID_KIND_OPEN_ID, std::move(id), on};
  }
  /// Deprecated (removed in the next release): open_id().
  [[deprecated("use TencentUser::open_id")]] static TencentUser openid(std::string id, meetctl_instance on) {
    return open_id(std::move(id), on);
  }
  static TencentUser ms_open_id(std::string id, meetctl_instance on) {
    return {MEETCTL_ID_KIND_MS_OPEN_ID, std::move(id), on};
  }
  static TencentUser uuid(std::string id, meetctl_instance on) { return {MEETCTL_ID_KIND_UUID, std::move(id), on}; }

  /// The C view; valid while this TencentUser lives. An id with a NUL byte throws meetctl::Error
  /// naming `role`.id ("operator.id", "user.id"), as the library names the parameter.
  meetctl_tencent_user c(const std::string &role = "user") const {
    if (id.find('\0') != std::string::npos) detail::invalid(role + ".id", "contains a NUL byte");
    return meetctl_tencent_user{static_cast<std::uint32_t>(kind), id.c_str(), static_cast<std::int32_t>(instance)};
  }

  bool operator==(const TencentUser &o) const { return kind == o.kind && id == o.id && instance == o.instance; }
  bool operator!=(const TencentUser &o) const { return !(*this == o); }
};

/// One participant of a Tencent meeting, as TencentClient::participants() read it. Each field is
/// what the vendor reported; std::nullopt where it reported nothing.
///
/// `audio_on` and `screen_sharing` are the deprecated old names of `audio_muted` (inverted) and
/// `sharing_screen`, still filled in for one release (a data member cannot be marked
/// [[deprecated]] without every copy of the struct warning).
struct TencentParticipant {
  std::optional<std::string> ms_open_id;  ///< what the control operations take
  std::optional<std::string> userid;      ///< enterprise user id (same enterprise only)
  std::optional<std::string> open_id;     ///< OAuth 2.0 open id
  std::optional<std::string> user_name;   ///< display name, decoded from the vendor's base64
  std::optional<std::int64_t> instanceid;  ///< the device (a meetctl_instance value; 0 telephone/MRA)
  std::optional<meetctl_tencent_role> role;
  std::optional<bool> audio_muted;     ///< microphone muted
  std::optional<bool> video_on;        ///< camera on
  std::optional<bool> sharing_screen;  ///< sharing the screen
  std::string raw_json;                ///< the vendor's entry
  std::optional<TencentUser> user;     ///< as a control target (ms_open_id on its device), when both are known
  /// Deprecated (removed in the next release): whether the microphone is on (audio_muted inverted).
  std::optional<bool> audio_on;
  /// Deprecated (removed in the next release): sharing_screen.
  std::optional<bool> screen_sharing;
};

/// One participant online in a Huawei conference (HuaweiConference::info()).
///
/// `muted` and `video` are the deprecated old names of `audio_muted` and `video_on`, still filled
/// in for one release.
struct HuaweiParticipant {
  std::string participant_id;  ///< what the control operations take
  std::optional<std::string> name;
  std::optional<std::string> number;  ///< SIP or telephone number (what rename() takes)
  std::optional<bool> audio_muted;    ///< microphone muted
  std::optional<bool> video_on;       ///< video on (false: audio only)
  std::optional<bool> hand_raised;
  meetctl_huawei_role role = MEETCTL_HUAWEI_ROLE_ATTENDEE;
  std::string raw_json;  ///< the vendor's entry
  /// Deprecated (removed in the next release): audio_muted.
  std::optional<bool> muted;
  /// Deprecated (removed in the next release): video_on.
  std::optional<bool> video;
};

/// A Huawei conference now: host, co-hosts and everyone online (waiting-room members are not).
struct HuaweiConferenceInfo {
  std::optional<std::string> host_id;
  std::vector<std::string> cohost_ids;
  std::vector<HuaweiParticipant> participants;
  std::string raw_json;  ///< the whole realTimeInfo answer (lock and recording state, ...)
};

/// Tencent meeting settings for TencentClient::set_meeting_status(): only the ones set are sent
/// (at least one). allow_chat: 0 free, 1 public only, 2 host only; participant_join_mute: 0 off,
/// 1 on, 2 automatically above 6 participants.
struct TencentMeetingStatus {
  std::optional<bool> mute_all;
  std::optional<bool> allow_unmute_by_self;
  std::optional<bool> meeting_locked;
  std::optional<bool> auto_waiting_room;
  std::optional<bool> share_screen;
  std::optional<int> allow_chat;
  std::optional<int> participant_join_mute;
  std::optional<bool> play_ivr_on_join;
  std::optional<bool> only_enterprise_user_allowed;
  std::optional<bool> hide_meeting_code_password;
};

/// Options of TencentClient::end_meeting(); unset ones take the library's defaults (reason code 1,
/// forced, meeting code not kept).
struct TencentEndMeeting {
  std::optional<long long> reason_code;
  std::optional<std::string> reason_detail;
  std::optional<bool> force;
  std::optional<bool> retrieve_code;
};

/// What TencentClient::room_call(), cancel_room_call() and room_call_info() call: a meeting room
/// (Rooms) by its id, or a SIP or H.323 device by its address. Exactly one is set; the factories
/// set one.
struct TencentRoom {
  std::optional<std::string> meeting_room_id;
  std::optional<std::string> sip_address;   ///< an IP address or URI
  std::optional<std::string> h323_address;  ///< an IP address or E.164 number
  static TencentRoom meeting_room(std::string id) { return TencentRoom{std::move(id), std::nullopt, std::nullopt}; }
  static TencentRoom sip(std::string address) { return TencentRoom{std::nullopt, std::move(address), std::nullopt}; }
  static TencentRoom h323(std::string address) { return TencentRoom{std::nullopt, std::nullopt, std::move(address)}; }
  Args args() const {
    return Args().set("meeting_room_id", meeting_room_id).set("sip_address", sip_address).set("h323_address", h323_address);
  }
};

/// How a meeting room or SIP/H.323 device answered the meeting's call (TencentClient::room_call_info()).
struct TencentRoomCallInfo {
  /// The vendor's status: 0 no answer within 60 s, 1 not called, 2 in the meeting, 3 refused,
  /// 4 ringing, 5 cancelled (meeting rooms only), 6 left.
  std::int64_t status = 1;
  std::string response_time;  ///< the last answer's time as the vendor writes it; empty when none
};

/// Huawei in-meeting settings for HuaweiConference::update_settings(): only the ones set are sent
/// (at least one). chat_permission: 1 none, 2 private only, 3 public only, 4 free;
/// call_in_restriction: 0 anyone, 2 enterprise users, 3 invited users.
struct HuaweiSettings {
  std::optional<bool> lock_sharing;
  std::optional<bool> allow_unmute_by_self;
  std::optional<bool> allow_open_camera;
  std::optional<bool> allow_rename;
  std::optional<bool> is_lock;
  std::optional<int> chat_permission;
  std::optional<int> call_in_restriction;
};

namespace detail {
inline std::optional<std::string> opt_text(const char *s) {
  return s ? std::optional<std::string>(s) : std::nullopt;
}
inline std::optional<bool> tri(int v) { return v < 0 ? std::nullopt : std::optional<bool>(v != 0); }
inline const char *args_ptr(const Args &args, std::string &storage) {
  if (args.empty()) return nullptr;
  storage = args.json();
  return c_str(storage, "args");
}
inline std::vector<meetctl_tencent_user> users(const std::vector<TencentUser> &users) {
  std::vector<meetctl_tencent_user> out;
  out.reserve(users.size());
  for (std::size_t i = 0; i < users.size(); ++i) out.push_back(users[i].c("targets[" + std::to_string(i) + "]"));
  return out;
}
inline std::vector<const char *> ids(const std::vector<std::string> &ids, const char *field) {
  std::vector<const char *> out;
  out.reserve(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) out.push_back(c_str(ids[i], field, i));
  return out;
}
/// A JSON array of strings (a list-of-texts argument such as `meeting_room_ids`).
inline std::string json_strings(const std::vector<std::string> &items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    out += json_string(items[i]);
  }
  return out + "]";
}
/// A JSON array of the items' `json()` objects (the builders of list arguments).
template <typename Item>
std::string json_array(const std::vector<Item> &items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    out += items[i].json();
  }
  return out + "]";
}
}  // namespace detail
}  // namespace meetctl

// The named methods, generated from the core's operation declarations.
#include "meetctl_operations.hpp"

namespace meetctl {

/// A signed request, not sent: method, URL, headers and body, for your own HTTP stack
/// (Python: meetctl.PreparedRequest).
class PreparedRequest {
 public:
  explicit PreparedRequest(meetctl_prepared *p) : h_(p) {}

  std::string method() const { return detail::text(meetctl_prepared_get_method(h_.get()), "prepared"); }
  std::string url() const { return detail::text(meetctl_prepared_get_url(h_.get()), "prepared"); }
  /// Every header, in the order to send them.
  std::vector<std::pair<std::string, std::string>> headers() const {
    const meetctl_prepared *p = detail::require(h_.get(), "prepared");
    std::vector<std::pair<std::string, std::string>> out;
    const std::size_t n = meetctl_prepared_get_header_count(p);
    for (std::size_t i = 0; i < n; ++i) {
      out.emplace_back(detail::text(meetctl_prepared_get_header_name(p, i), "index"),
                       detail::text(meetctl_prepared_get_header_value(p, i), "index"));
    }
    return out;
  }
  /// The first header called `name` (case-insensitive), if any.
  std::optional<std::string> header(const std::string &name) const {
    const char *v = meetctl_prepared_get_header(detail::require(h_.get(), "prepared"), detail::c_str(name, "name"));
    return v ? std::optional<std::string>(v) : std::nullopt;
  }
  /// The body bytes (empty for none).
  std::string body() const {
    const meetctl_prepared *p = detail::require(h_.get(), "prepared");
    const std::uint8_t *b = meetctl_prepared_get_body(p);
    return b ? std::string(reinterpret_cast<const char *>(b), meetctl_prepared_get_body_len(p)) : std::string();
  }
  /// Whether sending it again after an uncertain outcome can do no harm (prepare it afresh).
  bool safe_to_repeat() const { return meetctl_prepared_get_safe_to_repeat(detail::require(h_.get(), "prepared")); }

  const meetctl_prepared *get() const noexcept { return h_.get(); }

 private:
  detail::Handle<meetctl_prepared, meetctl_prepared_free> h_;
};

/// A Tencent Meeting client (thread-safe: share it by reference).
class TencentClient : public detail::TencentClientOperations<TencentClient> {
 public:
  /// Enterprise self-built app credentials (AK/SK); `sdk_id` only when one was assigned.
  static TencentClient enterprise(const Config &config, const std::string &app_id, const std::string &secret_id,
                                  const std::string &secret_key,
                                  const std::optional<std::string> &sdk_id = std::nullopt) {
    meetctl_tencent_client *c = nullptr;
    detail::call(meetctl_tencent_client_new_enterprise, detail::require(config.get(), "config"),
                 detail::c_str(app_id, "app_id"), detail::c_str(secret_id, "secret_id"),
                 detail::c_str(secret_key, "secret_key"), detail::opt(sdk_id, "sdk_id"), &c);
    return TencentClient(c);
  }

  /// OAuth 2.0 credentials.
  static TencentClient oauth(const Config &config, const std::string &open_id, const std::string &access_token) {
    meetctl_tencent_client *c = nullptr;
    detail::call(meetctl_tencent_client_new_oauth, detail::require(config.get(), "config"),
                 detail::c_str(open_id, "open_id"), detail::c_str(access_token, "access_token"), &c);
    return TencentClient(c);
  }

  /// Performs `operation` on meeting `meeting_id` by `op` on `targets` with `args`; returns the
  /// JSON answer. Everything is checked before anything is sent (meetctl::Error with the field).
  std::string control(meetctl_tencent_operation operation, const std::string &meeting_id, const TencentUser &op,
                      const std::vector<TencentUser> &targets = {}, const Args &args = Args()) const {
    const char *id = detail::c_str(meeting_id, "meeting_id");
    const meetctl_tencent_user o = op.c("operator");
    const auto t = detail::users(targets);
    std::string json;
    char *answer = nullptr;
    detail::call(meetctl_tencent_client_control, h_.get(), static_cast<std::uint32_t>(operation), id, &o, t.data(),
                 t.size(), detail::args_ptr(args, json), &answer);
    return detail::take(answer);
  }
  /// What control() would send with the same arguments, signed, not sent (good for one send).
  PreparedRequest prepare(meetctl_tencent_operation operation, const std::string &meeting_id, const TencentUser &op,
                          const std::vector<TencentUser> &targets = {}, const Args &args = Args()) const {
    const char *id = detail::c_str(meeting_id, "meeting_id");
    const meetctl_tencent_user o = op.c("operator");
    const auto t = detail::users(targets);
    std::string json;
    meetctl_prepared *p = nullptr;
    detail::call(meetctl_tencent_client_prepare, h_.get(), static_cast<std::uint32_t>(operation), id, &o, t.data(),
                 t.size(), detail::args_ptr(args, json), &p);
    return PreparedRequest(p);
  }

  /// Changes the settings set in `status` (at least one).
  void set_meeting_status(const std::string &meeting_id, const TencentUser &op,
                          const TencentMeetingStatus &status) const {
    control(MEETCTL_TENCENT_OPERATION_SET_MEETING_STATUS, meeting_id, op, {},
            Args()
                .set("mute_all", status.mute_all)
                .set("allow_unmute_by_self", status.allow_unmute_by_self)
                .set("meeting_locked", status.meeting_locked)
                .set("auto_waiting_room", status.auto_waiting_room)
                .set("share_screen", status.share_screen)
                .set("allow_chat", status.allow_chat)
                .set("participant_join_mute", status.participant_join_mute)
                .set("play_ivr_on_join", status.play_ivr_on_join)
                .set("only_enterprise_user_allowed", status.only_enterprise_user_allowed)
                .set("hide_meeting_code_password", status.hide_meeting_code_password));
  }
  void end_meeting(const std::string &meeting_id, const TencentUser &op,
                   const TencentEndMeeting &options = TencentEndMeeting()) const {
    control(MEETCTL_TENCENT_OPERATION_END_MEETING, meeting_id, op, {},
            Args()
                .set("reason_code", options.reason_code)
                .set("reason_detail", options.reason_detail)
                .set("force", options.force)
                .set("retrieve_code", options.retrieve_code));
  }

  /// Everyone in the meeting now, every page read; `op` by userid (or the OAuth client's open_id).
  /// For a recurring meeting, `occurrence` is the occurrence (sub-meeting id) the vendor requires.
  std::vector<TencentParticipant> participants(const std::string &meeting_id, const TencentUser &op,
                                               const std::optional<std::string> &occurrence = std::nullopt) const {
    const char *id = detail::c_str(meeting_id, "meeting_id");
    const char *occ = detail::opt(occurrence, "occurrence");
    const meetctl_tencent_user o = op.c("operator");
    meetctl_tencent_participant_list *raw = nullptr;
    if (occ) {
      detail::call(meetctl_tencent_client_participants_of, h_.get(), id, occ, &o, &raw);
    } else {
      detail::call(meetctl_tencent_client_participants, h_.get(), id, &o, &raw);
    }
    const detail::Handle<meetctl_tencent_participant_list, meetctl_tencent_participant_list_free> list(raw);
    std::vector<TencentParticipant> out(meetctl_tencent_participant_list_len(raw));
    for (std::size_t i = 0; i < out.size(); ++i) {
      TencentParticipant &p = out[i];
      p.ms_open_id = detail::opt_text(meetctl_tencent_participant_list_get_ms_open_id(raw, i));
      p.userid = detail::opt_text(meetctl_tencent_participant_list_get_userid(raw, i));
      p.open_id = detail::opt_text(meetctl_tencent_participant_list_get_open_id(raw, i));
      p.user_name = detail::opt_text(meetctl_tencent_participant_list_get_user_name(raw, i));
      const std::int64_t instanceid = meetctl_tencent_participant_list_get_instanceid(raw, i);
      if (instanceid >= 0) p.instanceid = instanceid;
      const std::int32_t role = meetctl_tencent_participant_list_get_role(raw, i);
      if (role >= 0) p.role = static_cast<meetctl_tencent_role>(role);
      p.audio_muted = detail::tri(meetctl_tencent_participant_list_get_audio_muted(raw, i));
      p.video_on = detail::tri(meetctl_tencent_participant_list_get_video_on(raw, i));
      p.sharing_screen = detail::tri(meetctl_tencent_participant_list_get_sharing_screen(raw, i));
      if (p.audio_muted) p.audio_on = !*p.audio_muted;  // the deprecated old names
      p.screen_sharing = p.sharing_screen;
      p.raw_json = detail::text(meetctl_tencent_participant_list_get_raw_json(raw, i), "list");
      meetctl_tencent_user u{};
      if (meetctl_tencent_participant_list_get_user(raw, i, &u, nullptr) == MEETCTL_STATUS_OK) {
        p.user = TencentUser{static_cast<meetctl_id_kind>(u.id_kind), detail::text(u.id, "list"), static_cast<meetctl_instance>(u.instance)};
      }
    }
    return out;
  }

  /// Runs `lookup` (every page) asked by `op` (a user of the app by userid, or the OAuth client's
  /// own open_id) with `args` (meetctl::Args: `meeting_code`, `meeting_id`, `page_size`, ...; see
  /// meetctl_tencent_lookup); returns the record, or the list of records, it answers.
  Value lookup(meetctl_tencent_lookup lookup, const TencentUser &op, const Args &args = Args()) const {
    const meetctl_tencent_user o = op.c("operator");
    return run_lookup(lookup, &o, args);
  }
  /// A lookup that takes no operator (MEETCTL_TENCENT_LOOKUP_ROOM_MEETINGS).
  Value lookup(meetctl_tencent_lookup lookup, const Args &args = Args()) const {
    return run_lookup(lookup, nullptr, args);
  }

  /// The meeting a code means, typed as people type it ("806 724 161") or as a join link, asked
  /// by `op`: the only one, else the one in progress, else the one whose time contains now.
  /// Throws meetctl::Ambiguous (with the candidates) when that leaves several, meetctl::Error of
  /// kind MEETCTL_ERROR_KIND_NOT_FOUND when the app has no meeting with the code.
  Candidate find(const std::string &code_or_link, const TencentUser &op) const {
    const char *code = detail::c_str(code_or_link, "code_or_link");
    const meetctl_tencent_user o = op.c("operator");
    meetctl_value *v = nullptr;
    detail::call(meetctl_tencent_client_find, h_.get(), code, &o, &v);
    return Candidate::from(Value(v));
  }

  /// The ms_open_id of `user` (by userid or open_id) in the meeting.
  std::string ms_open_id(const std::string &meeting_id, const TencentUser &user) const {
    const char *meeting = detail::c_str(meeting_id, "meeting_id");
    const meetctl_tencent_user u = user.c("user");
    char *id = nullptr;
    detail::call(meetctl_tencent_client_ms_open_id, h_.get(), meeting, &u, &id);
    return detail::take(id);
  }

  /// Calls a meeting room or SIP/H.323 device into the meeting (`op` by userid); returns the call's
  /// invite id. Not repeated on a doubtful failure (a gateway timeout): each call rings the room.
  std::string room_call(const std::string &meeting_id, const TencentUser &op, const TencentRoom &room) const {
    const char *meeting = detail::c_str(meeting_id, "meeting_id");
    const meetctl_tencent_user o = op.c("operator");
    std::string json;
    char *invite = nullptr;
    detail::call(meetctl_tencent_client_room_call, h_.get(), meeting, &o, detail::args_ptr(room.args(), json), &invite);
    return detail::take(invite);
  }
  /// Cancels call `invite_id` to `room` (as given to room_call()); safe to repeat.
  void cancel_room_call(const std::string &meeting_id, const TencentUser &op, const std::string &invite_id,
                        const TencentRoom &room) const {
    control(MEETCTL_TENCENT_OPERATION_CANCEL_ROOM_CALL, meeting_id, op, {}, room.args().set("invite_id", invite_id));
  }
  /// How `room` (as given to room_call()) answered the meeting's call.
  TencentRoomCallInfo room_call_info(const std::string &meeting_id, const TencentUser &op, const TencentRoom &room) const {
    const char *meeting = detail::c_str(meeting_id, "meeting_id");
    const meetctl_tencent_user o = op.c("operator");
    std::string json;
    TencentRoomCallInfo info;
    char *time = nullptr;
    detail::call(meetctl_tencent_client_room_call_info, h_.get(), meeting, &o, detail::args_ptr(room.args(), json),
                 &info.status, &time);
    info.response_time = detail::take(time);
    return info;
  }

  /// Any other endpoint, signed; returns the JSON answer ("null" for an empty body).
  std::string request(const std::string &method, const std::string &path, const Query &query = {},
                      const std::optional<std::string> &body_json = std::nullopt) const {
    const auto q = detail::params(query);
    char *answer = nullptr;
    detail::call(meetctl_tencent_client_request, h_.get(), detail::c_str(method, "method"),
                 detail::c_str(path, "path"), q.data(), q.size(), detail::opt(body_json, "body_json"), &answer);
    return detail::take(answer);
  }
  PreparedRequest prepare_request(const std::string &method, const std::string &path, const Query &query = {},
                                  const std::optional<std::string> &body_json = std::nullopt) const {
    const auto q = detail::params(query);
    meetctl_prepared *p = nullptr;
    detail::call(meetctl_tencent_client_prepare_request, h_.get(), detail::c_str(method, "method"),
                 detail::c_str(path, "path"), q.data(), q.size(), detail::opt(body_json, "body_json"), &p);
    return PreparedRequest(p);
  }

  std::string base_url() const { return detail::text(meetctl_tencent_client_get_base_url(h_.get()), "client"); }
  const meetctl_tencent_client *get() const noexcept { return h_.get(); }

 private:
  explicit TencentClient(meetctl_tencent_client *c) : h_(c) {}
  Value run_lookup(meetctl_tencent_lookup lookup, const meetctl_tencent_user *op, const Args &args) const {
    std::string json;
    meetctl_value *v = nullptr;
    detail::call(meetctl_tencent_client_lookup, h_.get(), static_cast<std::uint32_t>(lookup), op,
                 detail::args_ptr(args, json), &v);
    return Value(v);
  }
  detail::Handle<meetctl_tencent_client, meetctl_tencent_client_free> h_;
};

/// A handle on one Huawei conference (thread-safe: share it by reference).
class HuaweiConference : public detail::HuaweiConferenceOperations<HuaweiConference> {
 public:
  explicit HuaweiConference(meetctl_huawei_conference *c) : h_(c) {}

  /// Performs `operation` on `participant_ids` with `args`; returns the JSON answer ("null" for
  /// an empty body). Everything is checked before anything is sent.
  std::string control(meetctl_huawei_operation operation, const std::vector<std::string> &participant_ids = {},
                      const Args &args = Args()) const {
    const auto ids = detail::ids(participant_ids, "participant_ids");
    std::string json;
    char *answer = nullptr;
    detail::call(meetctl_huawei_conference_control, h_.get(), static_cast<std::uint32_t>(operation), ids.data(),
                 ids.size(), detail::args_ptr(args, json), &answer);
    return detail::take(answer);
  }
  /// What control() would send with the same arguments, with the control token, not sent.
  PreparedRequest prepare(meetctl_huawei_operation operation, const std::vector<std::string> &participant_ids = {},
                          const Args &args = Args()) const {
    const auto ids = detail::ids(participant_ids, "participant_ids");
    std::string json;
    meetctl_prepared *p = nullptr;
    detail::call(meetctl_huawei_conference_prepare, h_.get(), static_cast<std::uint32_t>(operation), ids.data(),
                 ids.size(), detail::args_ptr(args, json), &p);
    return PreparedRequest(p);
  }

  /// Changes the settings set in `settings` (at least one).
  void update_settings(const HuaweiSettings &settings) const {
    control(MEETCTL_HUAWEI_OPERATION_UPDATE_SETTINGS, {},
            Args()
                .set("lock_sharing", settings.lock_sharing)
                .set("allow_unmute_by_self", settings.allow_unmute_by_self)
                .set("allow_open_camera", settings.allow_open_camera)
                .set("allow_rename", settings.allow_rename)
                .set("is_lock", settings.is_lock)
                .set("chat_permission", settings.chat_permission)
                .set("call_in_restriction", settings.call_in_restriction));
  }

  /// The conference now: host, co-hosts and everyone online.
  HuaweiConferenceInfo info() const {
    meetctl_huawei_conference_info *raw = nullptr;
    detail::call(meetctl_huawei_conference_fetch_info, h_.get(), &raw);
    const detail::Handle<meetctl_huawei_conference_info, meetctl_huawei_conference_info_free> owned(raw);
    HuaweiConferenceInfo out;
    out.host_id = detail::opt_text(meetctl_huawei_conference_info_get_host_id(raw));
    for (std::size_t i = 0, n = meetctl_huawei_conference_info_get_cohost_count(raw); i < n; ++i) {
      out.cohost_ids.push_back(detail::text(meetctl_huawei_conference_info_get_cohost_id(raw, i), "info"));
    }
    out.participants.resize(meetctl_huawei_conference_info_get_participant_count(raw));
    for (std::size_t i = 0; i < out.participants.size(); ++i) {
      HuaweiParticipant &p = out.participants[i];
      p.participant_id = detail::text(meetctl_huawei_conference_info_get_participant_id(raw, i), "info");
      p.name = detail::opt_text(meetctl_huawei_conference_info_get_participant_name(raw, i));
      p.number = detail::opt_text(meetctl_huawei_conference_info_get_participant_number(raw, i));
      p.audio_muted = detail::tri(meetctl_huawei_conference_info_get_participant_audio_muted(raw, i));
      p.video_on = detail::tri(meetctl_huawei_conference_info_get_participant_video_on(raw, i));
      p.hand_raised = detail::tri(meetctl_huawei_conference_info_get_participant_hand_raised(raw, i));
      p.role = static_cast<meetctl_huawei_role>(meetctl_huawei_conference_info_get_participant_role(raw, i));
      p.raw_json = detail::text(meetctl_huawei_conference_info_get_participant_raw_json(raw, i), "info");
      p.muted = p.audio_muted;  // the deprecated old names
      p.video = p.video_on;
    }
    out.raw_json = detail::text(meetctl_huawei_conference_info_get_raw_json(raw), "info");
    return out;
  }

  /// Any other meeting-control call; `conferenceID` is added to the query.
  std::string request(const std::string &method, const std::string &path, const Query &query = {},
                      const std::optional<std::string> &body_json = std::nullopt) const {
    const auto q = detail::params(query);
    char *answer = nullptr;
    detail::call(meetctl_huawei_conference_request, h_.get(), detail::c_str(method, "method"),
                 detail::c_str(path, "path"), q.data(), q.size(), detail::opt(body_json, "body_json"), &answer);
    return detail::take(answer);
  }
  PreparedRequest prepare_request(const std::string &method, const std::string &path, const Query &query = {},
                                  const std::optional<std::string> &body_json = std::nullopt) const {
    const auto q = detail::params(query);
    meetctl_prepared *p = nullptr;
    detail::call(meetctl_huawei_conference_prepare_request, h_.get(), detail::c_str(method, "method"),
                 detail::c_str(path, "path"), q.data(), q.size(), detail::opt(body_json, "body_json"), &p);
    return PreparedRequest(p);
  }

  /// Runs `lookup` for this conference with `args` (see meetctl_huawei_lookup):
  /// MEETCTL_HUAWEI_LOOKUP_WS_TOKEN with its control token, any other through its client (which
  /// needs account authentication) with `conference_id` this conference's unless `args` gives it.
  /// A HuaweiWsToken's `token` is a credential: do not log it.
  Value lookup(meetctl_huawei_lookup lookup, const Args &args = Args()) const {
    std::string json;
    meetctl_value *v = nullptr;
    detail::call(meetctl_huawei_conference_lookup, h_.get(), static_cast<std::uint32_t>(lookup), detail::args_ptr(args, json), &v);
    return Value(v);
  }

  /// The current control token (a credential: do not log it).
  std::string control_token() const {
    char *token = nullptr;
    detail::call(meetctl_huawei_conference_control_token, h_.get(), &token);
    return detail::take(token);
  }

  std::string id() const { return detail::text(meetctl_huawei_conference_get_id(h_.get()), "conference"); }
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
    detail::call(meetctl_huawei_client_new, detail::require(config.get(), "config"), &c);
    return HuaweiClient(c);
  }
  /// App ID authentication.
  static HuaweiClient app_id(const Config &config, const std::string &app_id, const std::string &app_key,
                             const std::optional<std::string> &user_id = std::nullopt,
                             const std::optional<std::string> &corp_id = std::nullopt) {
    meetctl_huawei_client *c = nullptr;
    detail::call(meetctl_huawei_client_new_app_id, detail::require(config.get(), "config"),
                 detail::c_str(app_id, "app_id"), detail::c_str(app_key, "app_key"), detail::opt(user_id, "user_id"),
                 detail::opt(corp_id, "corp_id"), &c);
    return HuaweiClient(c);
  }
  /// Account and password authentication.
  static HuaweiClient account(const Config &config, const std::string &account, const std::string &password) {
    meetctl_huawei_client *c = nullptr;
    detail::call(meetctl_huawei_client_new_account, detail::require(config.get(), "config"),
                 detail::c_str(account, "account"), detail::c_str(password, "password"), &c);
    return HuaweiClient(c);
  }

  /// A conference handle using a control token you already have (never refreshed).
  HuaweiConference conference_with_token(const std::string &conference_id, const std::string &token) const {
    meetctl_huawei_conference *c = nullptr;
    detail::call(meetctl_huawei_conference_new_with_token, h_.get(), detail::c_str(conference_id, "conference_id"),
                 detail::c_str(token, "control_token"), &c);
    return HuaweiConference(c);
  }
  /// A conference handle that obtains (and refreshes) its control token with a password.
  HuaweiConference conference_with_password(const std::string &conference_id, const std::string &password) const {
    meetctl_huawei_conference *c = nullptr;
    detail::call(meetctl_huawei_conference_new_with_password, h_.get(),
                 detail::c_str(conference_id, "conference_id"), detail::c_str(password, "password"), &c);
    return HuaweiConference(c);
  }

  /// Runs `lookup` (every page) with the account's access token and `args` (`search_key`,
  /// `conference_id`, `call_number`, `page_size`, ...; see meetctl_huawei_lookup); returns the
  /// record, or the list of records, it answers. Needs account authentication (app_id() or
  /// account()); MEETCTL_HUAWEI_LOOKUP_WS_TOKEN is a conference's (HuaweiConference::lookup).
  Value lookup(meetctl_huawei_lookup lookup, const Args &args = Args()) const {
    std::string json;
    meetctl_value *v = nullptr;
    detail::call(meetctl_huawei_client_lookup, h_.get(), static_cast<std::uint32_t>(lookup), detail::args_ptr(args, json), &v);
    return Value(v);
  }

  /// The account-level access token; nullopt without account authentication.
  std::optional<std::string> access_token() const {
    char *token = nullptr;
    detail::call(meetctl_huawei_client_access_token, h_.get(), &token);
    if (!token) return std::nullopt;
    return detail::take(token);
  }

  std::string base_url() const { return detail::text(meetctl_huawei_client_get_base_url(h_.get()), "client"); }
  std::string region() const { return detail::text(meetctl_huawei_client_get_region(h_.get()), "client"); }
  const meetctl_huawei_client *get() const noexcept { return h_.get(); }

 private:
  explicit HuaweiClient(meetctl_huawei_client *c) : h_(c) {}
  detail::Handle<meetctl_huawei_client, meetctl_huawei_client_free> h_;
};

class Meeting;
class MeetingEvent;
class MeetingWatch;
struct WatchOptions;

/// One participant of a meetctl::Meeting, whichever the vendor. The fields are what the vendor
/// reported; std::nullopt where it reported nothing (Tencent lists no raised hands, Huawei no
/// screen sharing and no device). Copyable; it shares (and keeps alive) the listing it came from,
/// which is what Meeting's calls act on.
class Participant {
 public:
  /// The participant with an id kept from an earlier listing (id()): controls reach the same
  /// person while they stay on the same device. Only the id, the vendor and `controllable` are
  /// known. Nothing is sent; text that is not a participant id throws meetctl::Error (field
  /// "ids[0]").
  static Participant from_id(const std::string &id) {
    const char *ids[1] = {detail::c_str(id, "ids", 0)};
    meetctl_participant_list *raw = nullptr;
    detail::call(meetctl_participant_list_from_ids, ids, std::size_t{1}, &raw);
    return std::move(from_list(raw).front());
  }

  /// An opaque id: keep it, and come back with from_id(). Unique in a listing; stable while the
  /// participant stays on one device (a Tencent rejoin on another device gives a new one).
  const std::string &id() const noexcept { return id_; }
  /// The vendor of the participant's meeting.
  meetctl_vendor vendor() const noexcept { return vendor_; }

  std::optional<std::string> name;
  meetctl_role role = MEETCTL_ROLE_OTHER;
  std::optional<std::string> device;  ///< Tencent: "pc", "mac", "ios", ...
  std::optional<bool> audio_muted;
  std::optional<bool> video_on;
  std::optional<bool> hand_raised;     ///< Huawei only
  std::optional<bool> sharing_screen;  ///< Tencent only
  /// Whether the vendor's control endpoints can act on this participant (Tencent lists telephone
  /// lines and meeting-room devices it cannot control).
  bool controllable = false;
  std::string raw_json;  ///< the vendor's entry ("null" for one made from an id)

  /// The C view: the list and the index to pass to meetctl_meeting_control.
  const meetctl_participant_list *list() const noexcept { return list_.get(); }
  std::size_t index() const noexcept { return index_; }

 private:
  friend class Meeting;

  friend class MeetingEvent;
  friend class MeetingWatch;

  /// Every entry of `raw` (taken over: freed when the last Participant sharing it goes).
  static std::vector<Participant> from_list(meetctl_participant_list *raw) {
    const std::shared_ptr<const meetctl_participant_list> list(raw, [](const meetctl_participant_list *p) {
      meetctl_participant_list_free(const_cast<meetctl_participant_list *>(p));
    });
    return from_shared(list);
  }

  /// Every entry of `list`, each sharing (and keeping alive) what owns it: the list itself, or the
  /// meetctl_meeting_event a borrowed list came from.
  static std::vector<Participant> from_shared(const std::shared_ptr<const meetctl_participant_list> &list) {
    const meetctl_participant_list *raw = list.get();
    std::vector<Participant> out(meetctl_participant_list_len(raw));
    for (std::size_t i = 0; i < out.size(); ++i) {
      Participant &p = out[i];
      p.id_ = detail::text(meetctl_participant_list_get_id(raw, i), "list");
      p.vendor_ = meetctl_participant_list_get_vendor(raw, i);
      p.name = detail::opt_text(meetctl_participant_list_get_name(raw, i));
      p.role = static_cast<meetctl_role>(meetctl_participant_list_get_role(raw, i));
      p.device = detail::opt_text(meetctl_participant_list_get_device(raw, i));
      p.audio_muted = detail::tri(meetctl_participant_list_get_audio_muted(raw, i));
      p.video_on = detail::tri(meetctl_participant_list_get_video_on(raw, i));
      p.hand_raised = detail::tri(meetctl_participant_list_get_hand_raised(raw, i));
      p.sharing_screen = detail::tri(meetctl_participant_list_get_sharing_screen(raw, i));
      p.controllable = meetctl_participant_list_get_controllable(raw, i) == 1;
      p.raw_json = detail::text(meetctl_participant_list_get_raw_json(raw, i), "list");
      p.list_ = list;
      p.index_ = i;
    }
    return out;
  }

  std::string id_;
  meetctl_vendor vendor_ = MEETCTL_VENDOR_NONE;
  std::shared_ptr<const meetctl_participant_list> list_;
  std::size_t index_ = 0;
};

/// One meeting on either vendor (thread-safe: share it by reference). The same calls work on a
/// Tencent meeting and a Huawei conference; what the vendor cannot do throws meetctl::Unsupported
/// before anything is sent.
class Meeting : public detail::MeetingOperations<Meeting> {
 public:
  /// A Tencent meeting acted on by `op` (the host or a co-host), by userid (or, with OAuth, the
  /// client's own open_id) so that it can also list. The meeting keeps what it needs of `client`.
  static Meeting tencent(const TencentClient &client, const std::string &meeting_id, const TencentUser &op) {
    const char *id = detail::c_str(meeting_id, "meeting_id");
    const meetctl_tencent_user o = op.c("operator");
    meetctl_meeting *m = nullptr;
    detail::call(meetctl_meeting_new_tencent, client.get(), id, &o, &m);
    return Meeting(m);
  }
  /// A Huawei conference, acted on with the handle's control token (make_host() needs it opened
  /// with the host password). The meeting keeps what it needs of `conference`.
  static Meeting huawei(const HuaweiConference &conference) {
    meetctl_meeting *m = nullptr;
    detail::call(meetctl_meeting_new_huawei, conference.get(), &m);
    return Meeting(m);
  }

  /// As tencent(), for one occurrence of a recurring meeting (its sub-meeting id; std::nullopt
  /// for a meeting that does not recur), which its listings ask for.
  static Meeting tencent_occurrence(const TencentClient &client, const std::string &meeting_id,
                                    const std::optional<std::string> &occurrence, const TencentUser &op) {
    const char *id = detail::c_str(meeting_id, "meeting_id");
    const char *occ = detail::opt(occurrence, "occurrence");
    const meetctl_tencent_user o = op.c("operator");
    meetctl_meeting *m = nullptr;
    detail::call(meetctl_meeting_new_tencent_occurrence, client.get(), id, occ, &o, &m);
    return Meeting(m);
  }

  /// The Tencent meeting a code means (as TencentClient::find() picks it; for a recurring meeting,
  /// the occurrence), acted on by `op`. Throws meetctl::Ambiguous with the candidates, or a
  /// meetctl::Error of kind MEETCTL_ERROR_KIND_NOT_FOUND.
  static Meeting find_tencent(const TencentClient &client, const std::string &code_or_link, const TencentUser &op) {
    const char *code = detail::c_str(code_or_link, "code_or_link");
    const meetctl_tencent_user o = op.c("operator");
    meetctl_meeting *m = nullptr;
    detail::call(meetctl_meeting_find_tencent, client.get(), code, &o, &m);
    return Meeting(m);
  }

  /// The Huawei conference a room device's call (SIP) number is in now. The meeting acts with a
  /// control token obtained with `password`, or with `control_token` (at most one); with neither,
  /// with the host password the conference's details show this account. The client needs account
  /// authentication. A number in no conference throws meetctl::Error of kind
  /// MEETCTL_ERROR_KIND_NOT_FOUND.
  static Meeting find_huawei_by_number(const HuaweiClient &client, const std::string &sip_number,
                                       const std::optional<std::string> &password = std::nullopt,
                                       const std::optional<std::string> &control_token = std::nullopt) {
    meetctl_meeting *m = nullptr;
    detail::call(meetctl_meeting_find_huawei_by_number, client.get(), detail::c_str(sip_number, "sip_number"),
                 detail::opt(password, "password"), detail::opt(control_token, "control_token"), &m);
    return Meeting(m);
  }
  /// The Huawei conference `conference_id`, not yet ended; `password` and `control_token` as for
  /// find_huawei_by_number().
  static Meeting find_huawei_by_conference_id(const HuaweiClient &client, const std::string &conference_id,
                                              const std::optional<std::string> &password = std::nullopt,
                                              const std::optional<std::string> &control_token = std::nullopt) {
    meetctl_meeting *m = nullptr;
    detail::call(meetctl_meeting_find_huawei_by_conference_id, client.get(),
                 detail::c_str(conference_id, "conference_id"), detail::opt(password, "password"),
                 detail::opt(control_token, "control_token"), &m);
    return Meeting(m);
  }

  meetctl_vendor vendor() const { return meetctl_meeting_get_vendor(detail::require(h_.get(), "meeting")); }
  std::string id() const { return detail::text(meetctl_meeting_get_id(h_.get()), "meeting"); }
  /// The occurrence of a recurring Tencent meeting this meeting acts on; std::nullopt for none.
  std::optional<std::string> occurrence() const {
    return detail::opt_text(meetctl_meeting_get_occurrence(detail::require(h_.get(), "meeting")));
  }
  /// What the meeting is, asked of the vendor: a MeetingDetails record (vendor, meeting_id,
  /// occurrence, code, subject, in_progress, status, start_time, end_time, hosts, recurring,
  /// occurrences).
  Value details() const {
    meetctl_value *v = nullptr;
    detail::call(meetctl_meeting_details, h_.get(), &v);
    return Value(v);
  }

  /// The operations this meeting supports, in the order of their numbers.
  std::vector<meetctl_meeting_operation> capabilities() const {
    const std::uint32_t mask = meetctl_meeting_capabilities(detail::require(h_.get(), "meeting"));
    std::vector<meetctl_meeting_operation> out;
    for (std::uint32_t op = 1; op < 32; ++op) {
      if (mask & (1u << op)) out.push_back(static_cast<meetctl_meeting_operation>(op));
    }
    return out;
  }
  bool supports(meetctl_meeting_operation operation) const {
    return meetctl_meeting_supports(detail::require(h_.get(), "meeting"), static_cast<std::uint32_t>(operation));
  }

  /// Everyone in the meeting now.
  std::vector<Participant> participants() const {
    meetctl_participant_list *raw = nullptr;
    detail::call(meetctl_meeting_participants, h_.get(), &raw);
    return Participant::from_list(raw);
  }

  /// An operation that acts on no participant (mute_all, unmute_all, lock, unlock, end).
  void control(meetctl_meeting_operation operation, const Args &args = Args()) const {
    send(operation, nullptr, 0, args);
  }
  /// An operation on one participant (mute, unmute, remove, set_cohost, revoke_cohost,
  /// stop_video, rename, make_host).
  void control(meetctl_meeting_operation operation, const Participant &participant, const Args &args = Args()) const {
    send(operation, participant.list(), participant.index(), args);
  }


  /// Starts watching the meeting: its participants kept current and each change as a
  /// meetctl::MeetingEvent (see meetctl::MeetingWatch and meetctl_meeting_watch). Tencent: the
  /// participant list polled (every WatchOptions::poll_interval per call, by default 2 s), plus
  /// the pushes of WatchOptions::tencent_receiver when given. Huawei: the conference-control
  /// WebSocket, every change pushed. Defined after meetctl::MeetingWatch.
  MeetingWatch watch() const;
  MeetingWatch watch(const WatchOptions &options) const;
  /// As watch(), with only what the vendor pushes (Tencent: never polls; a receiver is required).
  MeetingWatch events(const WatchOptions &options) const;

  const meetctl_meeting *get() const noexcept { return h_.get(); }

 private:
  explicit Meeting(meetctl_meeting *m) : h_(m) {}
  void send(meetctl_meeting_operation operation, const meetctl_participant_list *list, std::size_t index,
            const Args &args) const {
    std::string json;
    detail::call(meetctl_meeting_control, h_.get(), static_cast<std::uint32_t>(operation), list, index,
                 detail::args_ptr(args, json));
  }
  detail::Handle<meetctl_meeting, meetctl_meeting_free> h_;
};

/// A cancel handle (see meetctl_cancel): bound to a thread with a meetctl::CancelScope, it ends
/// that thread's call blocked on the network once fired, from any thread, with
/// meetctl::Cancelled. A fired handle stays fired (make a new one for the next cancellable call).
/// Owns its meetctl_cancel: movable, not copyable; share it by reference (fire() and is_fired()
/// may be called from any thread at once). It may be destroyed while a CancelScope still binds
/// it (the binding holds its own reference), but then it can no longer be fired.
///
///   meetctl::CancelHandle cancel;             // the UI thread calls cancel.fire()
///   try {
///     meetctl::CancelScope scope(cancel);     // this thread's calls can be cancelled now
///     client.set_cohost(meeting_id, host, bob);
///   } catch (const meetctl::Cancelled &e) {
///     if (e.request_may_have_been_sent()) { /* look at the meeting before repeating */ }
///   }
class CancelHandle {
 public:
  /// A new handle, not fired.
  CancelHandle() : h_(meetctl_cancel_new()) {}

  /// Cancels the calls in flight on every thread this handle is bound to, and every later one
  /// there. Any thread may call it, any number of times.
  void fire() const { meetctl_cancel_fire(detail::require(h_.get(), "handle")); }
  /// Whether fire() was called.
  bool is_fired() const { return meetctl_cancel_is_fired(detail::require(h_.get(), "handle")); }

  const meetctl_cancel *get() const noexcept { return h_.get(); }

 private:
  detail::Handle<meetctl_cancel, meetctl_cancel_free> h_;
};

/// Binds a meetctl::CancelHandle to the current thread for its lifetime (meetctl_cancel_bind in
/// the constructor, meetctl_cancel_unbind in the destructor): the calls this thread makes
/// meanwhile end with meetctl::Cancelled once the handle is fired. Neither copyable nor movable:
/// it belongs to the thread that made it. Scopes do not nest: the destructor leaves the thread
/// with no handle bound, whatever was bound before the scope.
class CancelScope {
 public:
  /// Binds `handle` to the current thread; a moved-from handle throws meetctl::Error
  /// (MEETCTL_STATUS_NULL_ARGUMENT, field "handle").
  explicit CancelScope(const CancelHandle &handle) {
    detail::call(meetctl_cancel_bind, detail::require(handle.get(), "handle"));
  }
  ~CancelScope() { meetctl_cancel_unbind(); }

  CancelScope(const CancelScope &) = delete;
  CancelScope &operator=(const CancelScope &) = delete;
  CancelScope(CancelScope &&) = delete;
  CancelScope &operator=(CancelScope &&) = delete;
};

/// One Tencent Meeting event, verified and decoded (see meetctl_tencent_event): from
/// WebhookAnswer::take_event() or TencentReceiver::next() / next_for(). Owns its
/// meetctl_tencent_event: movable, not copyable. Immutable: may be read from several threads at
/// once. A moved-from event throws meetctl::Error (MEETCTL_STATUS_NULL_ARGUMENT, field "event").
class TencentEvent {
 public:
  /// Takes over `e` (an event a call handed out).
  explicit TencentEvent(meetctl_tencent_event *e) noexcept : h_(e) {}

  /// The vendor's name ("meeting.participant-joined").
  std::string name() const { return detail::text(meetctl_tencent_event_get_name(c()), "event"); }
  /// Its kind; MEETCTL_TENCENT_EVENT_KIND_OTHER for another name.
  meetctl_tencent_event_kind kind() const { return meetctl_tencent_event_get_kind(c()); }
  /// The event id, the same for every delivery of one event (dedupe across restarts with it).
  std::string id() const { return detail::text(meetctl_tencent_event_get_id(c()), "event"); }
  /// When it happened (operate_time), Unix milliseconds, when the vendor gave a number.
  std::optional<std::int64_t> time_ms() const {
    const std::int64_t ms = meetctl_tencent_event_get_time_ms(c());
    return ms < 0 ? std::nullopt : std::optional<std::int64_t>(ms);
  }
  std::optional<std::string> meeting_id() const { return detail::opt_text(meetctl_tencent_event_get_meeting_id(c())); }
  std::optional<std::string> meeting_code() const {
    return detail::opt_text(meetctl_tencent_event_get_meeting_code(c()));
  }
  /// The occurrence of a recurring meeting (sub_meeting_id), where given.
  std::optional<std::string> occurrence() const {
    return detail::opt_text(meetctl_tencent_event_get_occurrence(c()));
  }
  /// For a participant event: the participant as a control target (ms_open_id on their device).
  std::optional<TencentUser> participant() const {
    meetctl_tencent_user u{};
    if (!meetctl_tencent_event_get_participant(c(), &u)) return std::nullopt;
    return TencentUser{static_cast<meetctl_id_kind>(u.id_kind), detail::text(u.id, "event"),
                       static_cast<meetctl_instance>(u.instance)};
  }
  /// The decoded envelope as the vendor sent it; a view borrowed from this event (it must not
  /// outlive it).
  ValueView raw() const { return ValueView(meetctl_tencent_event_get_raw(c())); }

  const meetctl_tencent_event *get() const noexcept { return h_.get(); }

 private:
  const meetctl_tencent_event *c() const { return detail::require(h_.get(), "event"); }
  detail::Handle<meetctl_tencent_event, meetctl_tencent_event_free> h_;
};

/// One Huawei enterprise event, verified (see meetctl_huawei_event): from
/// WebhookAnswer::take_huawei_event() or HuaweiReceiver::next() / next_for(). Owns its
/// meetctl_huawei_event: movable, not copyable. Immutable: may be read from several threads at
/// once. A moved-from event throws meetctl::Error (MEETCTL_STATUS_NULL_ARGUMENT, field "event").
class HuaweiEvent {
 public:
  /// Takes over `e` (an event a call handed out).
  explicit HuaweiEvent(meetctl_huawei_event *e) noexcept : h_(e) {}

  /// The vendor's name ("meeting.join").
  std::string name() const { return detail::text(meetctl_huawei_event_get_name(c()), "event"); }
  /// Its kind; MEETCTL_HUAWEI_EVENT_KIND_OTHER for another name.
  meetctl_huawei_event_kind kind() const { return meetctl_huawei_event_get_kind(c()); }
  /// The event id (the SHA-256 of the eventInfo bytes), the same for every delivery of one event.
  std::string id() const { return detail::text(meetctl_huawei_event_get_id(c()), "event"); }
  /// When it happened (eventInfo.timestamp), Unix milliseconds, when given.
  std::optional<std::int64_t> time_ms() const { return ms(meetctl_huawei_event_get_time_ms(c())); }
  /// The conference id (meetingInfo.meetingID).
  std::optional<std::string> meeting_id() const { return detail::opt_text(meetctl_huawei_event_get_meeting_id(c())); }
  /// The conference's UUID (meetingInfo.meetingUUID).
  std::optional<std::string> meeting_uuid() const {
    return detail::opt_text(meetctl_huawei_event_get_meeting_uuid(c()));
  }
  /// The occurrence of a recurring conference (meetingInfo.meetingCycleSubID).
  std::optional<std::string> occurrence() const { return detail::opt_text(meetctl_huawei_event_get_occurrence(c())); }
  /// The attendee's user UUID, client and account (attendeeInfo.userUUID, userAgent, account).
  std::optional<std::string> user_uuid() const { return detail::opt_text(meetctl_huawei_event_get_user_uuid(c())); }
  std::optional<std::string> user_agent() const { return detail::opt_text(meetctl_huawei_event_get_user_agent(c())); }
  std::optional<std::string> account() const { return detail::opt_text(meetctl_huawei_event_get_account(c())); }
  /// The attendee's participant id in the conference (what the conference controls take).
  std::optional<std::string> participant_id() const {
    return detail::opt_text(meetctl_huawei_event_get_participant_id(c()));
  }
  /// The attendee's display name.
  std::optional<std::string> display_name() const {
    return detail::opt_text(meetctl_huawei_event_get_display_name(c()));
  }
  /// The attendee's role as the vendor sent it, and call number (SIP or telephone).
  std::optional<std::string> role() const { return detail::opt_text(meetctl_huawei_event_get_role(c())); }
  std::optional<std::string> call_number() const { return detail::opt_text(meetctl_huawei_event_get_call_number(c())); }
  /// When the attendee joined / left, Unix milliseconds, when given.
  std::optional<std::int64_t> join_time_ms() const { return ms(meetctl_huawei_event_get_join_time_ms(c())); }
  std::optional<std::int64_t> left_time_ms() const { return ms(meetctl_huawei_event_get_left_time_ms(c())); }
  /// The eventInfo JSON text exactly as received (what the signature covers).
  std::string raw_json() const { return detail::text(meetctl_huawei_event_get_raw_json(c()), "event"); }
  /// The eventInfo, parsed; a view borrowed from this event (it must not outlive it).
  ValueView raw() const { return ValueView(meetctl_huawei_event_get_raw(c())); }

  const meetctl_huawei_event *get() const noexcept { return h_.get(); }

 private:
  static std::optional<std::int64_t> ms(std::int64_t v) { return v < 0 ? std::nullopt : std::optional<std::int64_t>(v); }
  const meetctl_huawei_event *c() const { return detail::require(h_.get(), "event"); }
  detail::Handle<meetctl_huawei_event, meetctl_huawei_event_free> h_;
};

/// Request headers, as the app's HTTP server received them (name, value).
using Headers = std::vector<std::pair<std::string, std::string>>;

/// What to answer one request with, and its event: what TencentWebhook::handle() and
/// HuaweiWebhook::handle() return. Answer the sender with status() and body() (exactly those
/// bytes), then take_event() (Tencent) or take_huawei_event() (Huawei). Owns its
/// meetctl_webhook_answer: movable, not copyable. A moved-from answer throws meetctl::Error
/// (MEETCTL_STATUS_NULL_ARGUMENT, field "answer").
class WebhookAnswer {
 public:
  explicit WebhookAnswer(meetctl_webhook_answer *a) noexcept : h_(a) {}

  /// The HTTP status: 200, or a 4xx for a refusal.
  std::uint16_t status() const { return meetctl_webhook_answer_get_status(c()); }
  /// The body bytes (the URL check's text, "successfully received callback", Huawei's verify
  /// answer, "refused").
  std::string body() const {
    std::size_t len = 0;
    const std::uint8_t *b = meetctl_webhook_answer_get_body(c(), &len);
    return b ? std::string(reinterpret_cast<const char *>(b), len) : std::string();
  }
  /// Whether it was a repeated delivery (answered 200, no event).
  bool duplicate() const { return meetctl_webhook_answer_is_duplicate(c()); }
  /// Why it was refused (for the log, never for the sender); std::nullopt when it was not.
  std::optional<std::string> refusal() const { return detail::opt_text(meetctl_webhook_answer_get_refusal(c())); }
  /// Whether an event is still there to take.
  bool has_event() const { return meetctl_webhook_answer_has_event(c()); }
  /// The Tencent event, taken out (std::nullopt for the URL check, a duplicate, a refusal, or
  /// taken already; an answer of HuaweiWebhook throws naming "answer"). Not while another thread
  /// reads this answer.
  std::optional<TencentEvent> take_event() { return take<TencentEvent>(meetctl_webhook_answer_take_event); }
  /// The Huawei event, taken out (std::nullopt for the verify handshake, a duplicate, a refusal,
  /// or taken already; an answer of TencentWebhook throws naming "answer").
  std::optional<HuaweiEvent> take_huawei_event() {
    return take<HuaweiEvent>(meetctl_webhook_answer_take_huawei_event);
  }

  const meetctl_webhook_answer *get() const noexcept { return h_.get(); }

 private:
  template <typename Event, typename CEvent>
  std::optional<Event> take(meetctl_status (*fn)(meetctl_webhook_answer *, CEvent **, meetctl_error **)) {
    CEvent *e = nullptr;
    detail::call(fn, detail::require(h_.get(), "answer"), &e);
    if (!e) return std::nullopt;
    return std::optional<Event>(Event(e));
  }
  const meetctl_webhook_answer *c() const { return detail::require(h_.get(), "answer"); }
  detail::Handle<meetctl_webhook_answer, meetctl_webhook_answer_free> h_;
};

namespace detail {

/// Calls a vendor's `…_webhook_handle` with one request (method, target, headers, body).
template <typename CWebhook>
WebhookAnswer handle_webhook(meetctl_status (*fn)(const CWebhook *, const char *, const char *, const meetctl_header *,
                                                  size_t, const uint8_t *, size_t, meetctl_webhook_answer **,
                                                  meetctl_error **),
                             const CWebhook *webhook, const std::string &method, const std::string &target,
                             const Headers &headers, const std::string &body) {
  std::vector<meetctl_header> hs;
  hs.reserve(headers.size());
  for (std::size_t i = 0; i < headers.size(); ++i) {
    hs.push_back(meetctl_header{c_str(headers[i].first, "headers", i, ".name"),
                                c_str(headers[i].second, "headers", i, ".value")});
  }
  meetctl_webhook_answer *a = nullptr;
  call(fn, require(webhook, "webhook"), c_str(method, "method"), c_str(target, "target"),
       static_cast<const meetctl_header *>(hs.empty() ? nullptr : hs.data()), hs.size(),
       reinterpret_cast<const std::uint8_t *>(body.data()), body.size(), &a);
  return WebhookAnswer(a);
}

/// A webhook's age check in whole milliseconds: from 1 ms to 4294967294 ms (about 49 days);
/// anything else throws meetctl::Error naming "max_age_ms".
template <typename Rep, typename Period>
std::uint32_t max_age_ms(std::chrono::duration<Rep, Period> t) {
  const long double ms = std::chrono::duration<long double, std::milli>(t).count();
  if (!(ms >= 1.0L && ms < static_cast<long double>(UINT32_MAX))) {
    invalid("max_age_ms", "must be from 1 to 4294967294 milliseconds");
  }
  return static_cast<std::uint32_t>(ms);
}

}  // namespace detail

/// A Tencent webhook endpoint's verifier and decoder (see meetctl_tencent_webhook): the
/// subscription's Token and, when it encrypts, its EncodingAESKey. handle() takes one request the
/// app's own HTTP server received; TencentReceiver serves one itself. Owns its
/// meetctl_tencent_webhook: movable, not copyable; handle() may be called from many threads at
/// once (share it by reference).
///
///   meetctl::TencentWebhook hook("bVPU6F8Htxl5XkAbp3jGV2xWp");
///   meetctl::WebhookAnswer a = hook.handle("POST", "/hook", {{"timestamp", ts}, {"nonce", n},
///                                          {"signature", sig}}, body);
///   reply(a.status(), a.body());
///   if (auto event = a.take_event()) queue.push(std::move(*event));
class TencentWebhook {
 public:
  /// For `token` (and `aes_key` when the subscription encrypts), with the default age check (a
  /// delivery more than 5 minutes from this machine's clock is refused).
  explicit TencentWebhook(const std::string &token, const std::optional<std::string> &aes_key = std::nullopt)
      : TencentWebhook(token, aes_key, MEETCTL_TENCENT_WEBHOOK_DEFAULT_MAX_AGE) {}
  /// With `max_age` as the age check: from 1 ms to 4294967294 ms (about 49 days); anything else
  /// throws meetctl::Error naming "max_age_ms".
  template <typename Rep, typename Period>
  TencentWebhook(const std::string &token, const std::optional<std::string> &aes_key,
                 std::chrono::duration<Rep, Period> max_age)
      : TencentWebhook(token, aes_key, detail::max_age_ms(max_age)) {}
  /// With no age check (MEETCTL_TENCENT_WEBHOOK_NO_AGE_CHECK): a replay is refused only as a
  /// duplicate of the last 10000 events.
  static TencentWebhook without_age_check(const std::string &token,
                                          const std::optional<std::string> &aes_key = std::nullopt) {
    return TencentWebhook(token, aes_key, MEETCTL_TENCENT_WEBHOOK_NO_AGE_CHECK);
  }

  /// Handles one request: `method` ("GET" for the URL check, "POST" for an event), `target` (the
  /// path with its query, as received), its headers and body bytes. A refusal is an answer too
  /// (status 4xx, body "refused", refusal() says why); only a string with an embedded NUL (which
  /// the C API cannot take) throws.
  WebhookAnswer handle(const std::string &method, const std::string &target, const Headers &headers,
                       const std::string &body) const {
    return detail::handle_webhook(meetctl_tencent_webhook_handle, h_.get(), method, target, headers, body);
  }

  const meetctl_tencent_webhook *get() const noexcept { return h_.get(); }

 private:
  TencentWebhook(const std::string &token, const std::optional<std::string> &aes_key, std::uint32_t max_age_ms) {
    meetctl_tencent_webhook *w = nullptr;
    detail::call(meetctl_tencent_webhook_new, detail::c_str(token, "token"), detail::opt(aes_key, "aes_key"),
                 max_age_ms, &w);
    h_.reset(w);
  }
  detail::Handle<meetctl_tencent_webhook, meetctl_tencent_webhook_free> h_;
};

/// A Huawei enterprise webhook endpoint's verifier (see meetctl_huawei_webhook): the
/// subscription's subscriber id (the appID its deliveries carry) and subscriber key. handle()
/// takes one request the app's own HTTP server received (and answers the meeting.verify
/// handshake itself); HuaweiReceiver serves one itself. Owns its meetctl_huawei_webhook: movable,
/// not copyable; handle() may be called from many threads at once (share it by reference). The
/// key is never kept on the C++ side nor shown in an error.
///
///   meetctl::HuaweiWebhook hook(subscriber_id, subscriber_key);
///   meetctl::WebhookAnswer a = hook.handle("POST", "/hook", {}, body);
///   reply(a.status(), a.body());
///   if (auto event = a.take_huawei_event()) queue.push(std::move(*event));
class HuaweiWebhook {
 public:
  /// For `subscriber_id` and `subscriber_key`, with the default age check (5 minutes).
  HuaweiWebhook(const std::string &subscriber_id, const std::string &subscriber_key)
      : HuaweiWebhook(subscriber_id, subscriber_key, MEETCTL_HUAWEI_WEBHOOK_DEFAULT_MAX_AGE) {}
  /// With `max_age` as the age check: from 1 ms to 4294967294 ms; anything else throws
  /// meetctl::Error naming "max_age_ms".
  template <typename Rep, typename Period>
  HuaweiWebhook(const std::string &subscriber_id, const std::string &subscriber_key,
                std::chrono::duration<Rep, Period> max_age)
      : HuaweiWebhook(subscriber_id, subscriber_key, detail::max_age_ms(max_age)) {}
  /// With no age check (MEETCTL_HUAWEI_WEBHOOK_NO_AGE_CHECK): a replay is refused only as a
  /// duplicate of the last 10000 events.
  static HuaweiWebhook without_age_check(const std::string &subscriber_id, const std::string &subscriber_key) {
    return HuaweiWebhook(subscriber_id, subscriber_key, MEETCTL_HUAWEI_WEBHOOK_NO_AGE_CHECK);
  }

  /// Handles one request: `method` ("POST"), `target` and headers as received (Huawei reads
  /// neither), and the body bytes. A refusal is an answer too (status 4xx, body "refused",
  /// refusal() says why); only a string with an embedded NUL throws.
  WebhookAnswer handle(const std::string &method, const std::string &target, const Headers &headers,
                       const std::string &body) const {
    return detail::handle_webhook(meetctl_huawei_webhook_handle, h_.get(), method, target, headers, body);
  }

  const meetctl_huawei_webhook *get() const noexcept { return h_.get(); }

 private:
  HuaweiWebhook(const std::string &subscriber_id, const std::string &subscriber_key, std::uint32_t max_age_ms) {
    meetctl_huawei_webhook *w = nullptr;
    detail::call(meetctl_huawei_webhook_new, detail::c_str(subscriber_id, "subscriber_id"),
                 detail::c_str(subscriber_key, "subscriber_key"), max_age_ms, &w);
    h_.reset(w);
  }
  detail::Handle<meetctl_huawei_webhook, meetctl_huawei_webhook_free> h_;
};

/// How a TencentReceiver or HuaweiReceiver listens and what it takes; 0 (or a zero duration) is
/// the default for each (see meetctl_tencent_receiver_options). A value that does not fit the C
/// field's uint32_t (or a negative duration) throws meetctl::Error naming "options.<field>".
struct ReceiverOptions {
  std::uint64_t queue = 0;            ///< events waiting for the app (default 1024; then 503)
  std::uint64_t max_connections = 0;  ///< connections served at once (default 64)
  std::chrono::milliseconds head_timeout{0};     ///< to read a request's head (default 5 s)
  std::chrono::milliseconds request_timeout{0};  ///< per request, body included (default 10 s)
  std::uint64_t max_body = 0;         ///< largest body in bytes (default 1 MiB)
};

namespace detail {

/// The C functions of Tencent's receiver, for detail::Receiver.
struct TencentReceiverC {
  using Handle = meetctl_tencent_receiver;
  using Webhook = meetctl_tencent_webhook;
  using CEvent = meetctl_tencent_event;
  using Event = TencentEvent;
  static constexpr auto start = &meetctl_tencent_receiver_start;
  static constexpr auto port = &meetctl_tencent_receiver_get_port;
  static constexpr auto address = &meetctl_tencent_receiver_get_address;
  static constexpr auto pending = &meetctl_tencent_receiver_pending;
  static constexpr auto next = &meetctl_tencent_receiver_next;
  static constexpr auto next_for = &meetctl_tencent_receiver_next_for;
  static constexpr auto close = &meetctl_tencent_receiver_close;
  static constexpr auto free = &meetctl_tencent_receiver_free;
};

/// The C functions of Huawei's receiver, for detail::Receiver.
struct HuaweiReceiverC {
  using Handle = meetctl_huawei_receiver;
  using Webhook = meetctl_huawei_webhook;
  using CEvent = meetctl_huawei_event;
  using Event = HuaweiEvent;
  static constexpr auto start = &meetctl_huawei_receiver_start;
  static constexpr auto port = &meetctl_huawei_receiver_get_port;
  static constexpr auto address = &meetctl_huawei_receiver_get_address;
  static constexpr auto pending = &meetctl_huawei_receiver_pending;
  static constexpr auto next = &meetctl_huawei_receiver_next;
  static constexpr auto next_for = &meetctl_huawei_receiver_next_for;
  static constexpr auto close = &meetctl_huawei_receiver_close;
  static constexpr auto free = &meetctl_huawei_receiver_free;
};

/// A running receiver of the vendor whose C functions `C` names: what TencentReceiver and
/// HuaweiReceiver are. Owns its C handle (closed and freed in the destructor).
template <typename C>
class Receiver {
 public:
  using Event = typename C::Event;

  /// The port it listens on.
  std::uint16_t port() const { return C::port(c()); }
  /// The address it listens on ("127.0.0.1:40123").
  std::string address() const { return text(C::address(c()), "receiver"); }
  /// How many events wait for the app.
  std::size_t pending() const { return C::pending(c()); }

  /// The next event of any meeting, waiting up to `timeout` (zero: only what is queued now);
  /// std::nullopt when none came, or the receiver is closed and has none left. A timeout that is
  /// negative or longer than UINT32_MAX milliseconds throws meetctl::Error naming "timeout_ms".
  template <typename Rep, typename Period>
  std::optional<Event> next(std::chrono::duration<Rep, Period> timeout) const {
    typename C::CEvent *e = nullptr;
    call(C::next, c(), wait_ms(timeout), &e);
    return e ? std::optional<Event>(Event(e)) : std::nullopt;
  }
  /// The next event of meeting `meeting_id`; other meetings' events stay queued.
  template <typename Rep, typename Period>
  std::optional<Event> next_for(const std::string &meeting_id, std::chrono::duration<Rep, Period> timeout) const {
    typename C::CEvent *e = nullptr;
    call(C::next_for, c(), c_str(meeting_id, "meeting_id"), wait_ms(timeout), &e);
    return e ? std::optional<Event>(Event(e)) : std::nullopt;
  }

  /// Stops the server; queued events can still be taken. Again: a no-op. Any thread may call it
  /// while others wait in next(): their waits end within about 50 ms.
  void close() const { C::close(c()); }

  const typename C::Handle *get() const noexcept { return h_.get(); }

 protected:
  explicit Receiver(typename C::Handle *r) noexcept : h_(r) {}
  /// Starts serving `webhook` (its C handle) on `addr`.
  static typename C::Handle *start(const typename C::Webhook *webhook, const std::optional<std::string> &addr,
                                   const ReceiverOptions &options) {
    meetctl_tencent_receiver_options o{};
    o.queue = fit(options.queue, "options.queue");
    o.max_connections = fit(options.max_connections, "options.max_connections");
    o.head_timeout_ms = fit(options.head_timeout, "options.head_timeout_ms");
    o.request_timeout_ms = fit(options.request_timeout, "options.request_timeout_ms");
    o.max_body = fit(options.max_body, "options.max_body");
    typename C::Handle *r = nullptr;
    call(C::start, require(webhook, "webhook"), opt(addr, "addr"), static_cast<const meetctl_tencent_receiver_options *>(&o),
         &r);
    return r;
  }

 private:
  const typename C::Handle *c() const { return require(h_.get(), "receiver"); }
  static std::uint32_t fit(std::uint64_t v, const char *field) {
    if (v > UINT32_MAX) invalid(field, "is more than 4294967295");
    return static_cast<std::uint32_t>(v);
  }
  static std::uint32_t fit(std::chrono::milliseconds t, const char *field) {
    if (t.count() < 0) invalid(field, "must not be negative");
    return fit(static_cast<std::uint64_t>(t.count()), field);
  }
  template <typename Rep, typename Period>
  static std::uint32_t wait_ms(std::chrono::duration<Rep, Period> t) {
    const long double ms = std::chrono::duration<long double, std::milli>(t).count();
    if (!(ms >= 0.0L && ms <= static_cast<long double>(UINT32_MAX))) {
      invalid("timeout_ms", "must be from 0 to 4294967295 milliseconds");
    }
    return static_cast<std::uint32_t>(ms);
  }
  Handle<typename C::Handle, C::free> h_;
};

}  // namespace detail

/// A running Tencent webhook receiver (see meetctl_tencent_receiver): an HTTP server on a thread
/// of its own that answers the vendor and queues its events. Owns its meetctl_tencent_receiver
/// (closed and freed in the destructor): movable, not copyable; next(), next_for(), pending(),
/// port(), address() and close() may be called from many threads at once (share it by reference);
/// close() ends the others' waits within about 50 ms. A moved-from receiver throws meetctl::Error
/// (MEETCTL_STATUS_NULL_ARGUMENT, field "receiver").
///
///   auto receiver = meetctl::TencentReceiver::start(hook, "0.0.0.0:8080");
///   while (auto event = receiver.next(std::chrono::seconds(1)))
///     std::cout << event->name() << " " << event->meeting_id().value_or("?") << "\n";
class TencentReceiver : public detail::Receiver<detail::TencentReceiverC> {
 public:
  /// Starts serving `webhook` on `addr` ("0.0.0.0:8080", "[::1]:0"; std::nullopt:
  /// "127.0.0.1:0", loopback on a free port). The webhook may be destroyed afterwards.
  static TencentReceiver start(const TencentWebhook &webhook, const std::optional<std::string> &addr = std::nullopt,
                               const ReceiverOptions &options = ReceiverOptions()) {
    return TencentReceiver(Receiver::start(webhook.get(), addr, options));
  }

 private:
  using Receiver::Receiver;
};

/// A running Huawei enterprise webhook receiver (see meetctl_huawei_receiver): an HTTP server on
/// a thread of its own that answers the cloud (the meeting.verify handshake included) and queues
/// the events of every conference of the enterprise. Owns its meetctl_huawei_receiver (closed and
/// freed in the destructor): movable, not copyable; next(), next_for(), pending(), port(),
/// address() and close() may be called from many threads at once (share it by reference);
/// close() ends the others' waits within about 50 ms. A moved-from receiver throws
/// meetctl::Error (MEETCTL_STATUS_NULL_ARGUMENT, field "receiver").
///
///   auto receiver = meetctl::HuaweiReceiver::start(hook, "0.0.0.0:8080");
///   while (auto event = receiver.next_for("914083136", std::chrono::seconds(1)))
///     std::cout << event->name() << " " << event->display_name().value_or("?") << "\n";
class HuaweiReceiver : public detail::Receiver<detail::HuaweiReceiverC> {
 public:
  /// Starts serving `webhook` on `addr` (as TencentReceiver::start). The webhook may be
  /// destroyed afterwards.
  static HuaweiReceiver start(const HuaweiWebhook &webhook, const std::optional<std::string> &addr = std::nullopt,
                              const ReceiverOptions &options = ReceiverOptions()) {
    return HuaweiReceiver(Receiver::start(webhook.get(), addr, options));
  }

 private:
  using Receiver::Receiver;
};

/// How meetctl::Meeting::watch() and events() read the meeting (see meetctl_watch_options). A
/// zero duration or count takes the default. Out of range (poll_interval under 50 ms or over 5
/// minutes, queue under 16 or over 1000000) throws meetctl::Error naming
/// "options.poll_interval_ms" / "options.queue".
struct WatchOptions {
  /// Tencent: the wait per call a poll made (default 2 s).
  std::chrono::milliseconds poll_interval{0};
  /// Tencent: whether watch() polls the participant list (events() never does).
  bool poll = true;
  /// Most events held for the app (default 10000; then participant events are dropped and a gap
  /// announced).
  std::uint64_t queue = 0;
  /// Tencent: take pushed joins, leaves, start and end from this receiver (not owned; the watch
  /// keeps its own reference to the running receiver, so it may be destroyed first, which stops
  /// the pushes).
  const TencentReceiver *tencent_receiver = nullptr;
};

/// One event of a watched meeting, whichever the vendor (see meetctl_meeting_event). Immutable;
/// copies share the one C event (may be read from several threads at once). The participant and
/// the one before a change are meetctl::Participant values that keep the event alive and can be
/// passed to meetctl::Meeting's controls. A moved-from event throws meetctl::Error
/// (MEETCTL_STATUS_NULL_ARGUMENT, field "event").
class MeetingEvent {
 public:
  /// Takes over `e` (an event meetctl_watch_next handed out).
  explicit MeetingEvent(meetctl_meeting_event *e) : h_(e, &meetctl_meeting_event_free) {}

  meetctl_meeting_event_kind kind() const { return meetctl_meeting_event_get_kind(c()); }
  /// The kind's short name ("joined").
  std::string kind_name() const {
    return detail::text(meetctl_meeting_event_kind_name(static_cast<std::uint32_t>(kind())), "event");
  }
  meetctl_event_origin origin() const { return meetctl_meeting_event_get_origin(c()); }
  /// Who joined, left or changed (after the change); std::nullopt for an event about no one.
  std::optional<Participant> participant() const { return person(meetctl_meeting_event_get_participant(c())); }
  /// For MEETCTL_MEETING_EVENT_KIND_CHANGED: the participant before the change.
  std::optional<Participant> before() const { return person(meetctl_meeting_event_get_before(c())); }
  /// For MEETCTL_MEETING_EVENT_KIND_CHANGED: the fields that changed, in the order of their numbers.
  std::vector<meetctl_participant_field> changed() const {
    std::vector<meetctl_participant_field> out;
    const std::size_t n = meetctl_meeting_event_changed_len(c());
    for (std::size_t i = 0; i < n; ++i) {
      out.push_back(static_cast<meetctl_participant_field>(meetctl_meeting_event_get_changed(c(), i)));
    }
    return out;
  }
  /// For MEETCTL_MEETING_EVENT_KIND_GAP: why changes may have been missed.
  std::optional<std::string> reason() const { return detail::opt_text(meetctl_meeting_event_get_reason(c())); }
  /// For MEETCTL_MEETING_EVENT_KIND_OTHER: the vendor's name of the event.
  std::optional<std::string> name() const { return detail::opt_text(meetctl_meeting_event_get_name(c())); }
  /// The vendor's message as JSON text ("null" where there is none).
  std::string raw_json() const { return detail::text(meetctl_meeting_event_get_raw_json(c()), "event"); }
  /// The event as one JSON object (what `meetctl watch` prints).
  std::string json() const { return detail::text(meetctl_meeting_event_get_json(c()), "event"); }

  const meetctl_meeting_event *get() const noexcept { return h_.get(); }

 private:
  const meetctl_meeting_event *c() const { return detail::require(h_.get(), "event"); }
  std::optional<Participant> person(const meetctl_participant_list *list) const {
    if (!list) return std::nullopt;
    // Shares the event's ownership: the list lives as long as the event.
    const std::shared_ptr<const meetctl_participant_list> shared(h_, list);
    return std::move(Participant::from_shared(shared).front());
  }
  std::shared_ptr<meetctl_meeting_event> h_;
};

/// A meeting watched (see meetctl_watch): from meetctl::Meeting::watch() or events(). Owns its
/// meetctl_watch (closed, its thread joined, and freed in the destructor): movable, not copyable.
/// next(), roster(), finished() and close() may be called from many threads at once (share it by
/// reference); close() from another thread ends a next() waiting there at once. A moved-from
/// watch throws meetctl::Error (MEETCTL_STATUS_NULL_ARGUMENT, field "watch").
///
///   auto watch = meeting.watch();
///   while (!watch.finished())
///     if (auto e = watch.next(std::chrono::seconds(1)))
///       if (e->kind() == MEETCTL_MEETING_EVENT_KIND_JOINED && e->origin() != MEETCTL_EVENT_ORIGIN_INITIAL)
///         meeting.mute(*e->participant());
class MeetingWatch {
 public:
  /// The next event, waiting up to `timeout` (zero: only what is queued now); std::nullopt when
  /// none came, or the watch is finished or closed. When the watch ended with an error, throws it
  /// (once; then the watch is finished). A timeout that is negative or longer than UINT32_MAX
  /// milliseconds throws meetctl::Error naming "timeout_ms".
  template <typename Rep, typename Period>
  std::optional<MeetingEvent> next(std::chrono::duration<Rep, Period> timeout) const {
    const long double ms = std::chrono::duration<long double, std::milli>(timeout).count();
    if (!(ms >= 0.0L && ms <= static_cast<long double>(UINT32_MAX))) {
      detail::invalid("timeout_ms", "must be from 0 to 4294967295 milliseconds");
    }
    meetctl_meeting_event *e = nullptr;
    detail::call(meetctl_watch_next, c(), static_cast<std::uint32_t>(ms), &e);
    return e ? std::optional<MeetingEvent>(MeetingEvent(e)) : std::nullopt;
  }
  /// Everyone in the meeting as last known, in the order first seen.
  std::vector<Participant> roster() const {
    meetctl_participant_list *raw = nullptr;
    detail::call(meetctl_watch_roster, c(), &raw);
    return Participant::from_list(raw);
  }
  /// Whether no event will come any more and none is waiting.
  bool finished() const { return meetctl_watch_is_finished(c()); }
  /// Closes the watch (any thread; again: a no-op).
  void close() const { meetctl_watch_close(c()); }

  const meetctl_watch *get() const noexcept { return h_.get(); }

 private:
  friend class Meeting;
  explicit MeetingWatch(meetctl_watch *w) noexcept : h_(w) {}
  const meetctl_watch *c() const { return detail::require(h_.get(), "watch"); }
  detail::Handle<meetctl_watch, meetctl_watch_free> h_;
};

namespace detail {
/// WatchOptions as the C struct; out-of-range counts refused naming "options.<field>".
inline meetctl_watch_options watch_options(const WatchOptions &options) {
  meetctl_watch_options o{};
  const auto ms = options.poll_interval.count();
  if (ms < 0 || static_cast<std::uint64_t>(ms) > UINT32_MAX) {
    invalid("options.poll_interval_ms", "must be from 50 to 300000 milliseconds");
  }
  if (options.queue > UINT32_MAX) invalid("options.queue", "must be from 16 to 1000000 events");
  o.poll_interval_ms = static_cast<std::uint32_t>(ms);
  o.no_poll = !options.poll;
  o.queue = static_cast<std::uint32_t>(options.queue);
  o.tencent_receiver = options.tencent_receiver ? require(options.tencent_receiver->get(), "options.tencent_receiver")
                                                : nullptr;
  return o;
}
}  // namespace detail

inline MeetingWatch Meeting::watch() const { return watch(WatchOptions()); }
inline MeetingWatch Meeting::watch(const WatchOptions &options) const {
  const meetctl_watch_options o = detail::watch_options(options);
  meetctl_watch *w = nullptr;
  detail::call(meetctl_meeting_watch, h_.get(), &o, &w);
  return MeetingWatch(w);
}
inline MeetingWatch Meeting::events(const WatchOptions &options) const {
  const meetctl_watch_options o = detail::watch_options(options);
  meetctl_watch *w = nullptr;
  detail::call(meetctl_meeting_events, h_.get(), &o, &w);
  return MeetingWatch(w);
}

/// The version of the loaded library ("0.1.0").
inline std::string version() { return detail::text(meetctl_version(), "version"); }

}  // namespace meetctl

#endif  // MEETCTL_HPP
