#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "byte_text.hpp"
#include "tillbook/drivers/printer_status.hpp"

namespace {

using tillbook::drivers::ApplyStatusReply;
using tillbook::drivers::DescribeProblems;
using tillbook::drivers::DescribeStatus;
using tillbook::drivers::FullStatusRequest;
using tillbook::drivers::IsStatusReply;
using tillbook::drivers::ParseStatusReplies;
using tillbook::drivers::PrinterStatus;
using tillbook::drivers::StatusQuery;
using tillbook::drivers::StatusRequest;
using tillbook::testing::ByteString;
using tillbook::testing::Hex;

PrinterStatus Parsed(const std::vector<std::uint8_t>& replies) {
    const auto status = ParseStatusReplies(replies);
    REQUIRE(status.has_value());
    return *status;
}

}  // namespace

TEST_CASE("a status request is DLE EOT n for n 1 to 4") {
    CHECK(Hex(StatusRequest(StatusQuery::kPrinter)) == Hex(ByteString({0x10, 0x04, 0x01})));
    CHECK(Hex(StatusRequest(StatusQuery::kPaperSensor)) == Hex(ByteString({0x10, 0x04, 0x04})));
    CHECK(Hex(FullStatusRequest()) == Hex(ByteString({0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10,
                                                      0x04, 0x03, 0x10, 0x04, 0x04})));
}

TEST_CASE("only bytes with the fixed bits of a status reply are status replies") {
    CHECK(IsStatusReply(0x12));
    CHECK(IsStatusReply(0x16));
    CHECK(IsStatusReply(0x7E));
    CHECK_FALSE(IsStatusReply(0x00));
    CHECK_FALSE(IsStatusReply(0x10));  // auto status back shape: bit 1 clear
    CHECK_FALSE(IsStatusReply(0x13));  // bit 0 set
    CHECK_FALSE(IsStatusReply(0x02));  // bit 4 clear (a GS r reply)
    CHECK_FALSE(IsStatusReply(0x92));  // bit 7 set
}

TEST_CASE("a healthy idle printer answering 0x12 to every query is ready") {
    const PrinterStatus status = Parsed({0x12, 0x12, 0x12, 0x12});
    CHECK(status == PrinterStatus{});
    CHECK(status.IsReady());
    CHECK(DescribeProblems(status).empty());
    CHECK(DescribeStatus(status) == "ready");
}

TEST_CASE("the drawer pin 3 level is read from the first reply") {
    CHECK(Parsed({0x16}).drawer_pin3_high);
    CHECK_FALSE(Parsed({0x12}).drawer_pin3_high);
    CHECK(Parsed({0x16}).IsReady());
}

TEST_CASE("an offline printer with its cover open says so in a cashier's words") {
    const PrinterStatus status = Parsed({0x1A, 0x16, 0x12, 0x12});
    CHECK_FALSE(status.online);
    CHECK(status.cover_open);
    CHECK_FALSE(status.IsReady());
    CHECK(DescribeStatus(status) == "offline: cover open");
}

TEST_CASE("paper end is reported as out of paper from the offline cause or the paper sensor") {
    const PrinterStatus by_cause = Parsed({0x1A, 0x32});
    CHECK(by_cause.paper_end);
    CHECK(DescribeStatus(by_cause) == "offline: out of paper");
    const PrinterStatus by_sensor = Parsed({0x1A, 0x12, 0x12, 0x7E});
    CHECK(by_sensor.paper_end);
    CHECK(by_sensor.paper_near_end);
    CHECK(DescribeProblems(by_sensor) == std::vector<std::string>{"out of paper"});
}

TEST_CASE("paper near end does not stop the printer but is mentioned") {
    const PrinterStatus status = Parsed({0x12, 0x12, 0x12, 0x1E});
    CHECK(status.paper_near_end);
    CHECK_FALSE(status.paper_end);
    CHECK(status.IsReady());
    CHECK(DescribeStatus(status) == "ready, paper running low");
}

TEST_CASE("error causes are told apart") {
    const PrinterStatus cutter = Parsed({0x1A, 0x52, 0x1A, 0x12});
    CHECK(cutter.error);
    CHECK(cutter.cutter_error);
    CHECK(DescribeStatus(cutter) == "offline: paper cutter jammed");
    const PrinterStatus hot = Parsed({0x1A, 0x52, 0x52, 0x12});
    CHECK(hot.recoverable_error);
    CHECK(DescribeStatus(hot) == "offline: print head too hot, wait a moment");
    const PrinterStatus unknown = Parsed({0x1A, 0x52, 0x12, 0x12});
    CHECK(DescribeStatus(unknown) == "offline: printer error");
    CHECK(DescribeStatus(Parsed({0x1A})) == "offline");
}

TEST_CASE("a reply byte that is not a status reply is rejected, naming the byte") {
    const auto status = ParseStatusReplies({0x12, 0x00});
    REQUIRE_FALSE(status.has_value());
    CHECK(status.error().message == "reply 2: printer status: byte 0x00 is not a status reply");
    PrinterStatus untouched;
    CHECK_FALSE(ApplyStatusReply(StatusQuery::kOfflineCause, 0xFF, untouched).has_value());
    CHECK(untouched == PrinterStatus{});
}

TEST_CASE("no reply bytes or more than four are rejected") {
    CHECK_FALSE(ParseStatusReplies({}).has_value());
    CHECK_FALSE(ParseStatusReplies({0x12, 0x12, 0x12, 0x12, 0x12}).has_value());
}
