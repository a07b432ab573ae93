#include "tillbook/drivers/printer_status.hpp"

#include <fmt/format.h>

#include <cstddef>

namespace tillbook::drivers {
namespace {

constexpr std::uint8_t kDle = 0x10;
constexpr std::uint8_t kEot = 0x04;
constexpr std::uint8_t kFixedBitsMask = 0x93;
constexpr std::uint8_t kFixedBitsValue = 0x12;
constexpr std::size_t kQueryCount = 4;

bool Bit(std::uint8_t byte, unsigned bit) {
    return (byte & (1U << bit)) != 0;
}

}  // namespace

std::string StatusRequest(StatusQuery query) {
    return std::string{static_cast<char>(kDle), static_cast<char>(kEot),
                       static_cast<char>(static_cast<std::uint8_t>(query))};
}

std::string FullStatusRequest() {
    return StatusRequest(StatusQuery::kPrinter) + StatusRequest(StatusQuery::kOfflineCause) +
           StatusRequest(StatusQuery::kErrorCause) + StatusRequest(StatusQuery::kPaperSensor);
}

bool IsStatusReply(std::uint8_t byte) {
    return (byte & kFixedBitsMask) == kFixedBitsValue;
}

bool PrinterStatus::IsReady() const {
    return online && !cover_open && !paper_end && !error && !cutter_error && !unrecoverable_error &&
           !recoverable_error && !waiting_for_recovery;
}

Status ApplyStatusReply(StatusQuery query, std::uint8_t reply, PrinterStatus& status) {
    if (!IsStatusReply(reply))
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput,
            fmt::format("printer status: byte 0x{:02X} is not a status reply", reply), "status"));
    switch (query) {
        case StatusQuery::kPrinter:
            status.drawer_pin3_high = Bit(reply, 2);
            status.online = !Bit(reply, 3);
            status.waiting_for_recovery = Bit(reply, 5);
            status.feed_button_pressed = Bit(reply, 6);
            break;
        case StatusQuery::kOfflineCause:
            status.cover_open = Bit(reply, 2);
            status.feeding_by_button = Bit(reply, 3);
            status.paper_end = status.paper_end || Bit(reply, 5);
            status.error = Bit(reply, 6);
            break;
        case StatusQuery::kErrorCause:
            status.cutter_error = Bit(reply, 3);
            status.unrecoverable_error = Bit(reply, 5);
            status.recoverable_error = Bit(reply, 6);
            break;
        case StatusQuery::kPaperSensor:
            status.paper_near_end = (reply & 0x0CU) == 0x0CU;
            status.paper_end = status.paper_end || (reply & 0x60U) == 0x60U;
            break;
    }
    return {};
}

Result<PrinterStatus> ParseStatusReplies(const std::vector<std::uint8_t>& replies) {
    if (replies.empty() || replies.size() > kQueryCount)
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput,
            fmt::format("printer status: expected 1 to 4 reply bytes, got {}", replies.size()),
            "status"));
    PrinterStatus status;
    for (std::size_t i = 0; i < replies.size(); ++i) {
        const auto query = static_cast<StatusQuery>(static_cast<int>(i) + 1);
        if (auto applied = ApplyStatusReply(query, replies[i], status); !applied)
            return std::unexpected(applied.error().WithContext(fmt::format("reply {}", i + 1)));
    }
    return status;
}

std::vector<std::string> DescribeProblems(const PrinterStatus& status) {
    std::vector<std::string> problems;
    if (status.cover_open) problems.emplace_back("cover open");
    if (status.paper_end) problems.emplace_back("out of paper");
    if (status.cutter_error) problems.emplace_back("paper cutter jammed");
    if (status.unrecoverable_error) problems.emplace_back("printer fault, switch it off and on");
    if (status.recoverable_error) problems.emplace_back("print head too hot, wait a moment");
    const bool explained = !problems.empty();
    if (status.error && !explained) problems.emplace_back("printer error");
    if (status.waiting_for_recovery && !explained) problems.emplace_back("waiting to recover");
    if (status.paper_near_end && !status.paper_end) problems.emplace_back("paper running low");
    return problems;
}

std::string DescribeStatus(const PrinterStatus& status) {
    const std::vector<std::string> problems = DescribeProblems(status);
    std::string text = status.online ? (status.IsReady() ? "ready" : "") : "offline";
    std::string joined;
    for (const std::string& problem : problems) {
        if (!joined.empty()) joined += ", ";
        joined += problem;
    }
    if (joined.empty()) return text.empty() ? "not ready" : text;
    if (text.empty()) return joined;
    return text + (status.online ? ", " : ": ") + joined;
}

}  // namespace tillbook::drivers
