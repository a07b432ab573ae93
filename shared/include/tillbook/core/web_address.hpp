#pragma once
// The address of a server as a person types it: http:// or https://, a host (a name, an IPv4
// address or an [IPv6] one), an optional port, and nothing after it but an optional "/". The
// office's address on a till and a channel's base URL are both read here.
#include <string>
#include <string_view>

#include "tillbook/core/error.hpp"

namespace tillbook::text {

struct WebAddress {
    bool https = false;
    std::string host;  // as typed; an IPv6 address keeps its brackets
    int port = 0;      // 80 or 443 when none was typed

    // "https://shop.example:8443", the port left out when it is the scheme's own.
    [[nodiscard]] std::string ToString() const;
};

// kInvalidInput whose message says why in words, for the caller to put after its own words
// ("it has a path after the host"); at most 300 characters.
[[nodiscard]] Result<WebAddress> ParseWebAddress(std::string_view url);

}  // namespace tillbook::text
