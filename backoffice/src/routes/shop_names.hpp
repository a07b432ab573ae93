#pragma once
// The names the API gives return reasons, item conditions and tenders, both ways: read from
// request bodies and written in answers.
#include <string>
#include <string_view>

#include "tillbook/orders/order.hpp"
#include "tillbook/orders/returns.hpp"

namespace tillbook::office::routes {

template <class E>
struct Named {
    std::string_view name;
    E value;
};

inline constexpr Named<orders::ReturnReason> kReasons[] = {
    {"changed_mind", orders::ReturnReason::kChangedMind},
    {"faulty", orders::ReturnReason::kFaulty},
    {"wrong_item_sent", orders::ReturnReason::kWrongItemSent},
    {"damaged_in_transit", orders::ReturnReason::kDamagedInTransit},
    {"not_as_described", orders::ReturnReason::kNotAsDescribed},
    {"other", orders::ReturnReason::kOther}};
inline constexpr Named<orders::ItemCondition> kConditions[] = {
    {"restock", orders::ItemCondition::kRestock},
    {"damaged", orders::ItemCondition::kDamaged},
    {"write_off", orders::ItemCondition::kWriteOff}};
// The tenders people choose; the rest are shown but never taken from a request.
inline constexpr Named<orders::Tender> kChosenTenders[] = {
    {"cash", orders::Tender::kCash},
    {"card", orders::Tender::kCard},
    {"store_credit", orders::Tender::kStoreCredit},
    {"original", orders::Tender::kChannel}};
inline constexpr Named<orders::Tender> kShownTenders[] = {
    {"gift_card", orders::Tender::kGiftCard},
    {"other", orders::Tender::kOther},
    {"exchange_credit", orders::Tender::kExchangeCredit}};

// The name of `value`, or its number when it has none.
template <class E, std::size_t N>
std::string NameOf(E value, const Named<E> (&names)[N]) {
    for (const auto& named : names) {
        if (named.value == value) return std::string(named.name);
    }
    return std::to_string(static_cast<int>(value));
}

inline std::string TenderName(orders::Tender tender) {
    for (const auto& named : kShownTenders) {
        if (named.value == tender) return std::string(named.name);
    }
    return NameOf(tender, kChosenTenders);
}

}  // namespace tillbook::office::routes
