#pragma once
// Expected failures travel as values: std::expected<T, Error>. See STYLE.md "Errors".
#include <expected>
#include <string>
#include <string_view>

namespace tillbook {

// Stored and sent: values are explicit and never reused.
enum class ErrorCode : int {
    kInvalidInput = 1,       // malformed or out-of-range input
    kNotFound = 2,           // a referenced thing does not exist
    kConflict = 3,           // clashes with what is already recorded
    kOverflow = 4,           // arithmetic would overflow int64
    kCurrencyMismatch = 5,   // amounts in different currencies mixed
    kInvariantViolated = 6,  // a shop rule forbids it (over-return, over-refund, ...)
    kStorage = 7,            // the database refused (I/O, corruption, busy)
    kUnsupported = 8,        // valid but not handled (unknown currency, protocol version)
    kUnauthorized = 9,       // no valid credentials
    kForbidden = 10,         // valid credentials, but the role does not allow it
    kTooManyRequests = 11,   // slowed down (repeated failed logins)
    kTooLarge = 12,          // a body above the size limit
    kDevice = 13,            // a device or its driver failed (USB, serial, printer I/O)
};

std::string_view ToString(ErrorCode code);

struct Error {
    ErrorCode code = ErrorCode::kInvalidInput;
    std::string message;  // for people: says what is wrong, with context ("line 4: price: ...")
    std::string field;    // the input field at fault, if any ("price", "lines[2].quantity")

    // Prefixes the message with where the error happened: "catalogue.csv line 42: " + message.
    [[nodiscard]] Error WithContext(std::string_view context) const;
};

[[nodiscard]] Error MakeError(ErrorCode code, std::string message, std::string field = {});

template <class T>
using Result = std::expected<T, Error>;

// For functions that return nothing on success.
using Status = std::expected<void, Error>;

}  // namespace tillbook
