// The moves staff may make by hand (shared/services/order_fulfilment): which steps each status
// offers an online order, none for a till sale, and the step names the API reads.
#include <doctest/doctest.h>

#include "tillbook/services/order_fulfilment.hpp"

using namespace tillbook;
using orders::OrderStatus;
using services::FulfilmentMoves;

TEST_CASE("an online order is offered the next steps of pick, pack and ship, a till sale none") {
    using Moves = std::vector<OrderStatus>;
    CHECK(FulfilmentMoves("shopify", OrderStatus::kPlaced).empty());  // nothing reserved yet
    CHECK(FulfilmentMoves("shopify", OrderStatus::kAllocated) ==
          Moves{OrderStatus::kPicking, OrderStatus::kDispatched});
    CHECK(FulfilmentMoves("shopify", OrderStatus::kPicking) == Moves{OrderStatus::kPacked});
    CHECK(FulfilmentMoves("ebay", OrderStatus::kPacked) == Moves{OrderStatus::kDispatched});
    CHECK(FulfilmentMoves("amazon", OrderStatus::kDispatched) == Moves{OrderStatus::kDelivered});
    CHECK(FulfilmentMoves("woocommerce", OrderStatus::kLost) == Moves{OrderStatus::kDelivered});
    CHECK(FulfilmentMoves("shopify", OrderStatus::kDelivered).empty());
    CHECK(FulfilmentMoves("shopify", OrderStatus::kCancelled).empty());
    for (const OrderStatus status :
         {OrderStatus::kPlaced, OrderStatus::kAllocated, OrderStatus::kPicking,
          OrderStatus::kPacked, OrderStatus::kDispatched, OrderStatus::kDelivered}) {
        CHECK(FulfilmentMoves("store:S01", status).empty());
    }
}

TEST_CASE("the API's step names are the four statuses staff set, nothing else") {
    CHECK(services::ParseFulfilmentStep("picking") == OrderStatus::kPicking);
    CHECK(services::ParseFulfilmentStep("packed") == OrderStatus::kPacked);
    CHECK(services::ParseFulfilmentStep("dispatched") == OrderStatus::kDispatched);
    CHECK(services::ParseFulfilmentStep("delivered") == OrderStatus::kDelivered);
    for (const char* other : {"placed", "allocated", "cancelled", "lost", "Packed", ""})
        CHECK_FALSE(services::ParseFulfilmentStep(other));
}
