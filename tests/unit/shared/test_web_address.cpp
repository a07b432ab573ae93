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
    struct Case {
        const char* typed;
        bool https;
        const char* host;
        int port;
        const char* kept;  // ToString()
    };
    for (const Case& c : {
             Case{"http://192.168.1.10", false, "192.168.1.10", 80, "http://192.168.1.10"},
             Case{"https://office.shop-1.example:8443/", true, "office.shop-1.example", 8443,
                  "https://office.shop-1.example:8443"},
             Case{"https://till_office:443", true, "till_office", 443, "https://till_office"},
             Case{"http://[::1]:8080", false, "[::1]", 8080, "http://[::1]:8080"},
             Case{"http://[fe80::1]/", false, "[fe80::1]", 80, "http://[fe80::1]"},
         }) {
        INFO(c.typed);
        const auto address = ParseWebAddress(c.typed);
        REQUIRE(address);
        CHECK(address->https == c.https);
        CHECK(address->host == c.host);
        CHECK(address->port == c.port);
        CHECK(address->ToString() == c.kept);
    }
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
