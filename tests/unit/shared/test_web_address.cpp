// A server's address as people type it (the office's on a till, a channel's base URL).
#include <doctest/doctest.h>

#include "tillbook/core/web_address.hpp"

using namespace tillbook;
using text::ParseWebAddress;

namespace {

std::string Why(std::string_view url) {
    const auto address = ParseWebAddress(url);
    REQUIRE_FALSE(address);
    CHECK(address.error().code == ErrorCode::kInvalidInput);
    return address.error().message;
}

}  // namespace

TEST_CASE("an address gives its scheme, host and port, the scheme's own port when none is typed") {
    const auto plain = ParseWebAddress("http://192.168.1.10");
    REQUIRE(plain);
    CHECK_FALSE(plain->https);
    CHECK(plain->host == "192.168.1.10");
    CHECK(plain->port == 80);
    CHECK(plain->ToString() == "http://192.168.1.10");

    const auto secure = ParseWebAddress("https://office.shop-1.example:8443/");
    REQUIRE(secure);
    CHECK(secure->https);
    CHECK(secure->host == "office.shop-1.example");
    CHECK(secure->port == 8443);
    CHECK(secure->ToString() == "https://office.shop-1.example:8443");

    const auto own_port = ParseWebAddress("https://till_office:443");
    REQUIRE(own_port);
    CHECK(own_port->port == 443);
    CHECK(own_port->ToString() == "https://till_office");

    const auto v6 = ParseWebAddress("http://[::1]:8080");
    REQUIRE(v6);
    CHECK(v6->host == "[::1]");
    CHECK(v6->port == 8080);
    CHECK(v6->ToString() == "http://[::1]:8080");
    const auto v6_plain = ParseWebAddress("http://[fe80::1]/");
    REQUIRE(v6_plain);
    CHECK(v6_plain->host == "[fe80::1]");
    CHECK(v6_plain->port == 80);
}

TEST_CASE("an address that is not one says why in words") {
    CHECK(Why("") == "it must start with http:// or https://");
    CHECK(Why("ftp://shop.example") == "it must start with http:// or https://");
    CHECK(Why("HTTP://shop.example") == "it must start with http:// or https://");
    CHECK(Why("shop.example:8080") == "it must start with http:// or https://");
    CHECK(Why("http://") == "it has no host");
    CHECK(Why("http://:80") == "it has no host");
    CHECK(Why("http://[]:80") == "it has no host");
    CHECK(Why("https://shop.example/api") == "it has a path after the host");
    CHECK(Why("https://shop.example//") == "it has a path after the host");
    CHECK(Why("https://shop.example:80/stock") == "it has a path after the host");
    CHECK(Why("http://shop example") == "the host has a character that cannot be in one");
    CHECK(Why("http://user@shop.example") == "the host has a character that cannot be in one");
    CHECK(Why("http://[::1]x") == "the host has a character that cannot be in one");
    CHECK(Why("http://[::g]") == "the host has a character that cannot be in one");
    CHECK(Why("http://[::1") == "its IPv6 address has no closing ]");
    for (const char* port : {"0", "65536", "99999999999", "-1", "+80", "8o", ""}) {
        INFO(port);
        CHECK(Why(std::string("http://shop.example:") + port) == "the port is not 1 to 65535");
    }
    CHECK(ParseWebAddress("http://shop.example:65535"));
    CHECK(ParseWebAddress("http://shop.example:1"));

    const std::string longest = "https://" + std::string(292, 'a');
    CHECK(longest.size() == 300);
    CHECK(ParseWebAddress(longest));
    CHECK(Why(longest + "a") == "it is longer than 300 characters");
}
