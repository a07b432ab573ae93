#pragma once
// "HOST", "HOST:PORT" and "[IPv6]:PORT" split into a host and an optional port: the one parser
// behind tcp:// and cups:...@HOST printer URIs (device_config.cpp) and CupsTransportOptions::server
// (cups_transport.cpp). Private to the drivers library; each caller words its own errors.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <expected>
#include <optional>
#include <string_view>

namespace tillbook::drivers::host_port {

enum class Problem {
    kBracketNotClosed,  // "[::1"
    kJunkAfterBracket,  // "[::1]x": only ":PORT" may follow ']'
    kBadHost,           // empty, or a character no host name or address has
    kBadPort,           // not a number from 1 to 65535
};

struct HostPort {
    std::string_view host;  // without the brackets of an IPv6 address
    std::optional<std::uint16_t> port;
};

// "9100" -> 9100; anything but a plain decimal number from 1 to 65535 is empty.
[[nodiscard]] inline std::optional<std::uint16_t> PortNumber(std::string_view text) {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value == 0 ||
        value > 65535) {
        return std::nullopt;
    }
    return static_cast<std::uint16_t>(value);
}

// The brackets keep an IPv6 address's colons apart from the port's; an unbracketed host with a
// colon ("fe80::1") is refused rather than split at its last colon into a wrong host and port.
[[nodiscard]] inline std::expected<HostPort, Problem> Split(std::string_view text) {
    std::string_view host = text;
    std::string_view port;
    bool has_port = false;
    bool bracketed = false;
    if (text.starts_with('[')) {
        const auto close = text.find(']');
        if (close == std::string_view::npos) return std::unexpected(Problem::kBracketNotClosed);
        bracketed = true;
        host = text.substr(1, close - 1);
        const std::string_view after = text.substr(close + 1);
        if (!after.empty() && !after.starts_with(':'))
            return std::unexpected(Problem::kJunkAfterBracket);
        has_port = !after.empty();
        if (has_port) port = after.substr(1);
    } else if (const auto colon = text.rfind(':'); colon != std::string_view::npos) {
        host = text.substr(0, colon);
        port = text.substr(colon + 1);
        has_port = true;
    }
    const bool host_ok = !host.empty() && std::ranges::none_of(host, [bracketed](char c) {
        return c == '/' || c == '@' || c == '?' || c == '#' || c == ' ' || c == '[' || c == ']' ||
               (c == ':' && !bracketed);
    });
    if (!host_ok) return std::unexpected(Problem::kBadHost);
    HostPort split{host, std::nullopt};
    if (has_port) {
        split.port = PortNumber(port);
        if (!split.port) return std::unexpected(Problem::kBadPort);
    }
    return split;
}

}  // namespace tillbook::drivers::host_port
