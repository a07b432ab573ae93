#pragma once
// Real-time status of an ESC/POS printer (DLE EOT n, docs/hardware.md §1.1): the request bytes, and
// the one-byte replies turned into plain facts and into words a cashier understands.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tillbook/core/error.hpp"

namespace tillbook::drivers {

// The n of DLE EOT n: which status byte is asked for.
enum class StatusQuery : int {
    kPrinter = 1,       // online/offline, drawer connector pin 3
    kOfflineCause = 2,  // cover open, paper end, error
    kErrorCause = 3,    // cutter, unrecoverable, auto-recoverable
    kPaperSensor = 4,   // paper near end, paper end
};

// DLE EOT n (10 04 n). The printer answers at once with one byte, even when offline or busy.
[[nodiscard]] std::string StatusRequest(StatusQuery query);

// The four requests in order 1..4: 10 04 01 10 04 02 10 04 03 10 04 04.
[[nodiscard]] std::string FullStatusRequest();

// True for a byte shaped like a DLE EOT reply: bits 0 and 7 clear, bits 1 and 4 set
// ((byte & 0x93) == 0x12). Auto status back and GS r replies fail this test.
[[nodiscard]] bool IsStatusReply(std::uint8_t byte);

// What the replies said. A field is only set by the reply that carries it; the others keep their
// default (online, nothing wrong), so a printer answering only DLE EOT 1 reads as "online" unless
// that byte says otherwise.
struct PrinterStatus {
    bool online = true;
    bool waiting_for_recovery = false;  // n=1 bit 5
    bool feed_button_pressed = false;   // n=1 bit 6
    bool drawer_pin3_high = false;   // n=1 bit 2: the drawer switch level (polarity is per drawer)
    bool cover_open = false;         // n=2 bit 2
    bool feeding_by_button = false;  // n=2 bit 3
    bool paper_end = false;          // n=2 bit 5 or n=4 bits 5+6
    bool error = false;              // n=2 bit 6
    bool cutter_error = false;       // n=3 bit 3
    bool unrecoverable_error = false;  // n=3 bit 5
    bool recoverable_error = false;    // n=3 bit 6 (head too hot; clears by itself)
    bool paper_near_end = false;       // n=4 bits 2+3

    // True when the printer can print now: online, paper in, cover shut, no error.
    [[nodiscard]] bool IsReady() const;

    friend bool operator==(const PrinterStatus&, const PrinterStatus&) = default;
};

// Applies the reply to DLE EOT `query` to `status`. kInvalidInput, naming the byte, when `reply`
// is not a status reply (IsStatusReply).
[[nodiscard]] Status ApplyStatusReply(StatusQuery query, std::uint8_t reply, PrinterStatus& status);

// The replies to FullStatusRequest(), in order: 1 to 4 bytes (a reply byte for queries 1, 2, ...).
// kInvalidInput for no bytes, more than 4, or a byte that is not a status reply.
[[nodiscard]] Result<PrinterStatus> ParseStatusReplies(const std::vector<std::uint8_t>& replies);

// The problems in a cashier's words, most important first, e.g. {"cover open", "out of paper"};
// empty when the printer is ready. Paper near end is listed last as "paper running low" and does
// not stop printing.
[[nodiscard]] std::vector<std::string> DescribeProblems(const PrinterStatus& status);

// One line for the till: "ready", "ready, paper running low", or the problems joined by ", "
// ("offline: cover open, out of paper").
[[nodiscard]] std::string DescribeStatus(const PrinterStatus& status);

}  // namespace tillbook::drivers
