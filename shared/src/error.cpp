#include "tillbook/core/error.hpp"

#include <utility>

namespace tillbook {

std::string_view ToString(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidInput:
            return "invalid_input";
        case ErrorCode::kNotFound:
            return "not_found";
        case ErrorCode::kConflict:
            return "conflict";
        case ErrorCode::kOverflow:
            return "overflow";
        case ErrorCode::kCurrencyMismatch:
            return "currency_mismatch";
        case ErrorCode::kInvariantViolated:
            return "invariant_violated";
        case ErrorCode::kStorage:
            return "storage";
        case ErrorCode::kUnsupported:
            return "unsupported";
        case ErrorCode::kUnauthorized:
            return "unauthorized";
        case ErrorCode::kForbidden:
            return "forbidden";
        case ErrorCode::kTooManyRequests:
            return "too_many_requests";
        case ErrorCode::kTooLarge:
            return "too_large";
        case ErrorCode::kDevice:
            return "device";
    }
    return "unknown";
}

Error Error::WithContext(std::string_view context) const {
    Error out = *this;
    out.message = std::string(context) + ": " + message;
    return out;
}

Error MakeError(ErrorCode code, std::string message, std::string field) {
    return Error{code, std::move(message), std::move(field)};
}

}  // namespace tillbook
