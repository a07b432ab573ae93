#include "tillbook/office/http/api.hpp"

namespace tillbook::office::http {

std::optional<std::string> ApiRequest::Header(std::string_view lower_case_name) const {
    const auto found = headers.find(std::string(lower_case_name));
    if (found == headers.end()) return std::nullopt;
    return found->second;
}

std::optional<std::string> ApiRequest::Query(std::string_view name) const {
    const auto found = query.find(std::string(name));
    if (found == query.end()) return std::nullopt;
    return found->second;
}

int HttpStatusOf(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidInput:
            return 400;
        case ErrorCode::kOverflow:
            return 400;
        case ErrorCode::kCurrencyMismatch:
            return 400;
        case ErrorCode::kUnsupported:
            return 400;
        case ErrorCode::kUnauthorized:
            return 401;
        case ErrorCode::kForbidden:
            return 403;
        case ErrorCode::kNotFound:
            return 404;
        case ErrorCode::kConflict:
            return 409;
        case ErrorCode::kTooLarge:
            return 413;
        case ErrorCode::kInvariantViolated:
            return 422;
        case ErrorCode::kTooManyRequests:
            return 429;
        case ErrorCode::kStorage:
        case ErrorCode::kDevice:
            return 500;
    }
    return 500;
}

ApiResponse ErrorResponse(const Error& error) {
    nlohmann::json body{
        {"error",
         {{"code", std::string(ToString(error.code))},
          {"message", error.message},
          {"field", error.field.empty() ? nlohmann::json(nullptr) : nlohmann::json(error.field)}}}};
    return ApiResponse{HttpStatusOf(error.code),
                       body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                       "application/json",
                       {}};
}

ApiResponse JsonResponse(const nlohmann::json& body, int status) {
    return ApiResponse{status,
                       body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                       "application/json",
                       {}};
}

Result<nlohmann::json> ParseJsonBody(const ApiRequest& request) {
    auto json = nlohmann::json::parse(request.body, nullptr, false);
    if (json.is_discarded())
        return std::unexpected(MakeError(ErrorCode::kInvalidInput, "the body is not valid JSON"));
    if (!json.is_object())
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, "the body must be a JSON object"));
    return json;
}

}  // namespace tillbook::office::http
