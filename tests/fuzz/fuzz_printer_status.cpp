// libFuzzer target: a printer's replies to DLE EOT 1..4 through ParseStatusReplies, and each byte
// through ApplyStatusReply for every query. Replies that parse describe themselves, "ready" only
// when the printer is ready.
#include <vector>

#include "fuzz_check.hpp"
#include "tillbook/drivers/printer_status.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace tillbook::drivers;
    const std::vector<std::uint8_t> replies(data, data + size);
    if (const auto status = ParseStatusReplies(replies)) {
        const std::string words = DescribeStatus(*status);
        FUZZ_CHECK(!words.empty());
        FUZZ_CHECK(words.starts_with("ready") == status->IsReady());
    }
    for (const std::uint8_t byte : replies) {
        for (int query = 1; query <= 4; ++query) {
            PrinterStatus status;
            const auto applied = ApplyStatusReply(static_cast<StatusQuery>(query), byte, status);
            FUZZ_CHECK(applied.has_value() == IsStatusReply(byte));
            (void)DescribeProblems(status);
        }
    }
    return 0;
}
