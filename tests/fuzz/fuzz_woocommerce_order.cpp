// libFuzzer target: ParseWooCommerceOrder on any payload (seeds: tests/data/channels/woocommerce/).
#include "channel_order_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    tillbook::fuzz::CheckChannelOrder(tillbook::fuzz::AsText(data, size),
                                      tillbook::office::channels::ParseWooCommerceOrder);
    return 0;
}
