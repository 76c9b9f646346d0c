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
  std::cout << "consumer (C++): libmeetctl " << meetctl::version() << "\n";
  return 0;
}
