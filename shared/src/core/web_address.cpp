#include "tillbook/core/web_address.hpp"

#include <fmt/format.h>

#include <charconv>

namespace tillbook::text {

namespace {

constexpr std::size_t kMaxLength = 300;

bool NameCharacter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_';
}

bool Ipv6Character(char c) {
    return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || (c >= '0' && c <= '9') || c == ':' ||
           c == '.';
}

}  // namespace

std::string WebAddress::ToString() const {
    const bool own_port = port == (https ? 443 : 80);
    return own_port ? fmt::format("{}://{}", https ? "https" : "http", host)
                    : fmt::format("{}://{}:{}", https ? "https" : "http", host, port);
}

Result<WebAddress> ParseWebAddress(std::string_view url) {
    const auto bad = [](std::string_view why) -> Result<WebAddress> {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput, std::string(why)));
    };
    if (url.size() > kMaxLength) return bad("it is longer than 300 characters");
    WebAddress address;
    std::string_view rest = url;
    if (rest.starts_with("https://")) {
        address.https = true;
        rest.remove_prefix(8);
    } else if (rest.starts_with("http://")) {
        rest.remove_prefix(7);
    } else {
        return bad("it must start with http:// or https://");
    }
    if (rest.ends_with('/')) rest.remove_suffix(1);
    if (rest.find('/') != std::string_view::npos) return bad("it has a path after the host");

    std::string_view host;
    if (rest.starts_with('[')) {
        const auto close = rest.find(']');
        if (close == std::string_view::npos) return bad("its IPv6 address has no closing ]");
        host = rest.substr(0, close + 1);
        for (const char c : host.substr(1, host.size() - 2)) {
            if (!Ipv6Character(c)) return bad("the host has a character that cannot be in one");
        }
        if (host.size() == 2) return bad("it has no host");
        rest.remove_prefix(close + 1);
        if (!rest.empty() && !rest.starts_with(':'))
            return bad("the host has a character that cannot be in one");
    } else {
        host = rest.substr(0, rest.find(':'));
        if (host.empty()) return bad("it has no host");
        for (const char c : host) {
            if (!NameCharacter(c)) return bad("the host has a character that cannot be in one");
        }
        rest.remove_prefix(host.size());
    }
    address.host = std::string(host);

    address.port = address.https ? 443 : 80;
    if (rest.starts_with(':')) {
        const std::string_view port = rest.substr(1);
        int value = 0;
        const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
        if (port.empty() || ec != std::errc{} || end != port.data() + port.size() || value < 1 ||
            value > 65535)
            return bad("the port is not 1 to 65535");
        address.port = value;
    }
    return address;
}

}  // namespace tillbook::text
