// libFuzzer target: the sync push on both ends (seeds: tests/data/sync/push-*.json). The back
// office reads a till's push with ReadPushedEvents; a push that reads as a whole
// (PushRequestFromJson) writes back to the same push; the till reads the answer with
// ParsePushResults, and an answer it reads writes back to the same answer.
#include <nlohmann/json.hpp>

#include "fuzz_check.hpp"
#include "tillbook/sync/push_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace tillbook;
    const std::string_view text = fuzz::AsText(data, size);

    const nlohmann::json body = nlohmann::json::parse(text, nullptr, false);
    if (!body.is_discarded()) {
        (void)sync::ReadPushedEvents(body);
        if (const auto request = sync::PushRequestFromJson(body)) {
            const auto again = sync::PushRequestFromJson(sync::ToJson(*request));
            FUZZ_CHECK(again.has_value() && *again == *request);
        }
    }
    if (const auto results = sync::ParsePushResults(text)) {
        const auto again = sync::PushResultsFromJson(sync::ToJson(*results));
        FUZZ_CHECK(again.has_value() && *again == *results);
    }
    return 0;
}
