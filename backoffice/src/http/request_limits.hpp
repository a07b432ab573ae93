#pragma once
// What a request may carry, checked where cpp-httplib 0.11.4 lets us: its header block once read
// (before the body), and its body as it arrives, whatever its framing. The numbers are in
// docs/api.md ("Limits"); why it is done this way is in docs/limits.md.
#include <httplib.h>

#include <cstddef>
#include <optional>
#include <string>

#include "tillbook/core/error.hpp"
#include "tillbook/office/http/api.hpp"

namespace tillbook::office::http {

struct RequestLimits {
    std::size_t max_body_bytes = 1 << 20;
    // Of a body over the limit, this much more is read and thrown away, so that a client still
    // sending it sees the 413 (a connection closed on unread data is reset, and the answer lost).
    std::size_t max_discard_bytes = 16 << 20;
    std::size_t max_header_fields = 100;
    std::size_t max_header_bytes = 16 * 1024;  // names and values together
};

// A refusal for a request whose header block, or the Content-Length it announces, is over the
// limits: 431, or 413 for a body longer than max_body_bytes + max_discard_bytes, decided before any
// of its body is read. nullopt when it may go on.
[[nodiscard]] std::optional<ApiResponse> RefuseBeforeBody(const httplib::Request& req,
                                                          const RequestLimits& limits);

// The body read through `reader`, never holding more than max_body_bytes whether it comes with a
// Content-Length, chunked or up to the end of the connection: kTooLarge once it passes the limit
// (what follows is thrown away, and after max_discard_bytes not read at all), kInvalidInput when
// its framing is broken.
[[nodiscard]] Result<std::string> ReadBody(const httplib::ContentReader& reader,
                                           const RequestLimits& limits);

// Sends `response` and then ends the connection. httplib 0.11.4 keeps a connection open whatever
// the response's headers say, and goes on to read what is left of a refused body as the next
// request; a body written by a provider that then reports failure makes it close.
void SendAndClose(const ApiResponse& response, httplib::Response& res);

}  // namespace tillbook::office::http
