#include "tillbook/barcode/gtin.hpp"

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <utility>

namespace tillbook::barcode {
namespace {

constexpr std::size_t kMaxBodyDigits = 17;  // SSCC: the longest GS1 key with a mod-10 check digit

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

bool IsAllDigits(std::string_view text) {
    return std::ranges::all_of(text, IsDigit);
}

int DigitValue(char c) {
    return c - '0';
}

char DigitChar(int value) {
    return static_cast<char>('0' + value);
}

// Callers have checked that `body` is 1..kMaxBodyDigits ASCII digits.
int CheckDigitOfDigits(std::string_view body) {
    int sum = 0;
    int weight = 3;
    for (auto it = body.rbegin(); it != body.rend(); ++it) {
        sum += DigitValue(*it) * weight;
        weight = 4 - weight;  // 3, 1, 3, 1, ...
    }
    return (10 - sum % 10) % 10;
}

// "character 3 is not a digit" (1-based), or an empty string when all are digits.
std::string FirstNonDigit(std::string_view text) {
    const auto it = std::ranges::find_if_not(text, IsDigit);
    if (it == text.end()) return {};
    const auto position = static_cast<std::size_t>(it - text.begin()) + 1;
    return "character " + std::to_string(position) + " is not a digit";
}

Error BadCheckDigit(std::string_view code, int expected) {
    return MakeError(ErrorCode::kInvalidInput,
                     std::string(code) + ": bad check digit, expected " + std::to_string(expected));
}

std::optional<GtinKind> KindForLength(std::size_t length) {
    switch (length) {
        case 8:
            return GtinKind::kEan8;
        case 12:
            return GtinKind::kUpcA;
        case 13:
            return GtinKind::kEan13;
        case 14:
            return GtinKind::kGtin14;
        default:
            return std::nullopt;
    }
}

[[maybe_unused]] std::size_t LengthOf(GtinKind kind) {
    switch (kind) {
        case GtinKind::kEan8:
            return 8;
        case GtinKind::kUpcA:
            return 12;
        case GtinKind::kEan13:
            return 13;
        case GtinKind::kGtin14:
            return 14;
    }
    return 0;
}

bool IsAllZeros(std::string_view digits) {
    return std::ranges::all_of(digits, [](char c) { return c == '0'; });
}

}  // namespace

Result<int> ComputeCheckDigit(std::string_view body) {
    if (body.empty()) return std::unexpected(MakeError(ErrorCode::kInvalidInput, "empty digits"));
    if (body.size() > kMaxBodyDigits) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, std::to_string(body.size()) + " digits, at most " +
                                                    std::to_string(kMaxBodyDigits) + " allowed"));
    }
    if (const std::string problem = FirstNonDigit(body); !problem.empty()) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput, problem));
    }
    return CheckDigitOfDigits(body);
}

Result<std::string> AppendCheckDigit(std::string_view body) {
    // No expected::transform in GCC 12's library.
    const Result<int> check = ComputeCheckDigit(body);
    if (!check) return std::unexpected(check.error());
    return std::string(body) + DigitChar(*check);
}

bool HasValidCheckDigit(std::string_view code) {
    if (code.size() < 2 || code.size() > kMaxBodyDigits + 1 || !IsAllDigits(code)) return false;
    return CheckDigitOfDigits(code.substr(0, code.size() - 1)) == DigitValue(code.back());
}

Result<Gtin> ParseGtin(std::string_view digits) {
    if (digits.empty()) return std::unexpected(MakeError(ErrorCode::kInvalidInput, "no digits"));
    if (const std::string problem = FirstNonDigit(digits); !problem.empty()) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput, problem));
    }
    const std::optional<GtinKind> kind = KindForLength(digits.size());
    if (!kind) {
        // Echo the digits only while they are short enough to read.
        const std::string what = digits.size() <= 20 ? std::string(digits) + ": " : std::string();
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput,
                      what + std::to_string(digits.size()) + " digits, expected 8, 12, 13 or 14"));
    }
    const int expected = CheckDigitOfDigits(digits.substr(0, digits.size() - 1));
    if (expected != DigitValue(digits.back())) {
        return std::unexpected(BadCheckDigit(digits, expected));
    }
    if (IsAllZeros(digits)) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, std::string(digits) + ": all zeros is not a GTIN"));
    }
    return Gtin{*kind, std::string(digits)};
}

std::optional<std::string> NormalisedEan13(const Gtin& gtin) {
    assert(gtin.digits.size() == LengthOf(gtin.kind));
    switch (gtin.kind) {
        case GtinKind::kEan8:
            return "00000" + gtin.digits;
        case GtinKind::kUpcA:
            return "0" + gtin.digits;
        case GtinKind::kEan13:
            return gtin.digits;
        case GtinKind::kGtin14:
            if (gtin.digits.starts_with('0')) return gtin.digits.substr(1);
            return std::nullopt;
    }
    return std::nullopt;
}

std::string NormalisedGtin14(const Gtin& gtin) {
    assert(gtin.digits.size() == LengthOf(gtin.kind));
    const std::size_t length = std::min(gtin.digits.size(), std::size_t{14});
    return std::string(14 - length, '0') + gtin.digits;
}

Result<Gtin> ExpandUpcE(std::string_view upc_e) {
    if (upc_e.size() != 8 || !IsAllDigits(upc_e)) {
        const std::string problem = FirstNonDigit(upc_e);
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput,
            "UPC-E: " + (problem.empty() ? std::to_string(upc_e.size()) + " digits, expected 8"
                                         : problem)));
    }
    const char number_system = upc_e[0];
    if (number_system != '0' && number_system != '1') {
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput,
            std::string(upc_e) + ": UPC-E number system " + number_system + ", expected 0 or 1"));
    }
    const std::string_view d = upc_e.substr(1, 6);  // d1..d6 are d[0]..d[5]
    std::string upc_a(1, number_system);
    switch (d[5]) {
        case '0':
        case '1':
        case '2':
            upc_a += std::string{d[0], d[1], d[5]} + "0000" + std::string(d.substr(2, 3));
            break;
        case '3':
            upc_a += std::string(d.substr(0, 3)) + "00000" + std::string(d.substr(3, 2));
            break;
        case '4':
            upc_a += std::string(d.substr(0, 4)) + "00000" + d[4];
            break;
        default:
            upc_a += std::string(d.substr(0, 5)) + "0000" + d[5];
            break;
    }
    assert(upc_a.size() == 11);
    const int expected = CheckDigitOfDigits(upc_a);
    if (expected != DigitValue(upc_e[7])) return std::unexpected(BadCheckDigit(upc_e, expected));
    upc_a += DigitChar(expected);
    if (IsAllZeros(upc_a)) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, std::string(upc_e) + ": all zeros is not a GTIN"));
    }
    return Gtin{GtinKind::kUpcA, std::move(upc_a)};
}

Symbology GuessSymbology(std::string_view scanned) {
    if (!IsAllDigits(scanned)) return Symbology::kCode128OrOther;
    if (scanned.size() == 8) {
        if (ExpandUpcE(scanned)) return Symbology::kUpcE;
        if (ParseGtin(scanned)) return Symbology::kEan8;
        return Symbology::kCode128OrOther;
    }
    const Result<Gtin> gtin = ParseGtin(scanned);
    if (!gtin) return Symbology::kCode128OrOther;
    switch (gtin->kind) {
        case GtinKind::kEan8:
            return Symbology::kEan8;
        case GtinKind::kUpcA:
            return Symbology::kUpcA;
        case GtinKind::kEan13:
            return Symbology::kEan13;
        case GtinKind::kGtin14:
            return Symbology::kGtin14;
    }
    return Symbology::kCode128OrOther;
}

}  // namespace tillbook::barcode
