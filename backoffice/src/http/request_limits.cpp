#include "request_limits.hpp"

#include <fmt/format.h>

#include <charconv>
#include <memory>

namespace tillbook::office::http {

namespace {
// httplib adds REMOTE_ADDR, REMOTE_PORT, LOCAL_ADDR and LOCAL_PORT to every request's headers.
constexpr std::size_t kHeadersHttplibAdds = 4;

ApiResponse WithStatus(ApiResponse response, int status) {
    response.status = status;
    return response;
}
}  // namespace

std::optional<ApiResponse> RefuseBeforeBody(const httplib::Request& req,
                                            const RequestLimits& limits) {
    std::size_t header_bytes = 0;
    for (const auto& [name, value] : req.headers)
        header_bytes += name.size() + value.size();
    if (req.headers.size() > limits.max_header_fields + kHeadersHttplibAdds ||
        header_bytes > limits.max_header_bytes) {
        return WithStatus(ErrorResponse(MakeError(
                              ErrorCode::kTooLarge,
                              fmt::format("at most {} header fields of {} bytes in all",
                                          limits.max_header_fields, limits.max_header_bytes))),
                          431);
    }
    if (req.has_header("Content-Length")) {
        const std::string& text = req.get_header_value("Content-Length");
        std::size_t length = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), length);
        if (error != std::errc{} || end != text.data() + text.size()) {
            return ErrorResponse(
                MakeError(ErrorCode::kInvalidInput, "Content-Length is not a number of bytes"));
        }
        if (length > limits.max_body_bytes + limits.max_discard_bytes) {
            return ErrorResponse(MakeError(
                ErrorCode::kTooLarge,
                fmt::format("the body is larger than the server accepts ({} bytes at most)",
                            limits.max_body_bytes)));
        }
    }
    return std::nullopt;
}

Result<std::string> ReadBody(const httplib::ContentReader& reader, const RequestLimits& limits) {
    std::string body;
    std::size_t discarded = 0;
    const bool read = reader([&](const char* data, std::size_t length) {
        if (discarded == 0 && length <= limits.max_body_bytes - body.size()) {
            body.append(data, length);
            return true;
        }
        body = std::string();
        discarded += length;
        return discarded <= limits.max_discard_bytes;
    });
    if (discarded > 0) {
        return std::unexpected(
            MakeError(ErrorCode::kTooLarge,
                      fmt::format("the body is larger than the server accepts ({} bytes at most)",
                                  limits.max_body_bytes)));
    }
    if (!read)
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, "the body is cut short or badly framed"));
    return body;
}

void SendAndClose(const ApiResponse& response, httplib::Response& res) {
    res.status = response.status;
    for (const auto& [name, value] : response.headers)
        res.set_header(name, value);
    res.set_header("Connection", "close");
    res.body.clear();
    auto body = std::make_shared<const std::string>(response.body.empty() ? "{}" : response.body);
    res.set_content_provider(
        body->size(), response.content_type,
        [body](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
            sink.write(body->data() + offset, length);
            return false;  // written in full; failing here is what ends the connection
        });
}

}  // namespace tillbook::office::http
