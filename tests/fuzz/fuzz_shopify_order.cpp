// libFuzzer target: ParseShopifyOrder on any payload (seeds: tests/data/channels/shopify/).
#include "channel_order_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    tillbook::fuzz::CheckChannelOrder(tillbook::fuzz::AsText(data, size),
                                      tillbook::office::channels::ParseShopifyOrder);
    return 0;
}
