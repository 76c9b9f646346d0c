// The C++ side of the consumer check: meetctl.hpp through find_package(meetctl).
#include <meetctl.hpp>

#include <iostream>

int main() {
  try {
    meetctl::Config config;
    config.base_url("ftp://not-http");
    meetctl::TencentClient::oauth(config, "open-id", "token");
    std::cerr << "an ftp:// base URL was accepted\n";
    return 1;
  } catch (const meetctl::Error &e) {
    if (e.kind() != MEETCTL_ERROR_KIND_INVALID_ARGUMENT || e.field() != "base_url") {
      std::cerr << "unexpected error: " << e.what() << "\n";
      return 1;
    }
  }
  // Signed, not sent: a rename through the generic prepare, its argument escaped.
  const auto client = meetctl::TencentClient::oauth(meetctl::Config(), "open-id", "token");
  const meetctl::PreparedRequest p =
      client.prepare(MEETCTL_TENCENT_OPERATION_RENAME, "1242152152161",
                     meetctl::TencentUser::open_id("open-id", MEETCTL_INSTANCE_PC),
                     {meetctl::TencentUser::ms_open_id("agaqwwgdkkddd", MEETCTL_INSTANCE_MAC)},
                     meetctl::Args().set("nick_name", "Bob \"B\""));
  if (p.body().find(R"("nick_name":"Bob \"B\"")") == std::string::npos) {
    std::cerr << "unexpected body: " << p.body() << "\n";
    return 1;
  }
  std::cout << "consumer (C++): libmeetctl " << meetctl::version() << "\n";
  return 0;
}
