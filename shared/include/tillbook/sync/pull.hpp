#pragma once
// A pull: what a till needs from the back office since its cursor (docs/sync-protocol.md,
// "Pull"). Plain values; the wire form is pull_json.hpp, the office's read model
// queries/sync_snapshot.hpp.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "tillbook/catalogue/catalogue.hpp"
#include "tillbook/money/money.hpp"
#include "tillbook/staff/staff.hpp"
#include "tillbook/sync/cursor.hpp"
#include "tillbook/sync/protocol.hpp"

namespace tillbook::sync {

// The till's own store.
struct TillStore {
    std::string code;  // "S01"
    std::string id;    // its location id, the same at the office and on the till
    std::string name;
    std::string time_zone;  // IANA: business days are counted there
    friend bool operator==(const TillStore&, const TillStore&) = default;
};

// A SKU as the till sells it: no cost price.
struct TillSku {
    std::string code;
    std::string product_id;
    std::string product_name;
    std::string variant_name;
    std::string category;
    money::Money price;  // per unit, or per kg when sold by weight
    std::string tax_class;
    catalogue::SoldBy sold_by = catalogue::SoldBy::kUnit;
    bool active = true;
    std::vector<std::string> barcodes;  // in code order
    friend bool operator==(const TillSku&, const TillSku&) = default;
};

// Someone who may sign in at the till: the PIN's hash only, checked offline.
struct TillStaff {
    std::string id;
    std::string username;
    std::string display_name;
    staff::Role role = staff::Role::kCashier;
    std::string pin_hash;  // argon2id; empty when the person has no PIN
    friend bool operator==(const TillStaff&, const TillStaff&) = default;
};

// A SKU's level at the till's store, in milli-units.
struct StoreStock {
    std::string sku;
    std::int64_t on_hand = 0;
    std::int64_t reserved = 0;
    friend bool operator==(const StoreStock&, const StoreStock&) = default;
};

struct PullSnapshot {
    int protocol = kProtocol;
    PullCursor cursor;  // what the till sends as `since` next time
    bool more = false;  // a page of SKUs was full: pull again at once with the new cursor
    TillStore store;
    std::map<std::string, std::string> settings;   // all of them, by name without prefix
    std::vector<catalogue::TaxClass> tax_classes;  // all of them, by code
    std::vector<TillSku> skus;                     // changed since the cursor
    std::vector<TillStaff> staff;                  // active staff, all of them, by username
    std::vector<StoreStock> stock;                 // SKUs whose stock moved since the cursor
    friend bool operator==(const PullSnapshot&, const PullSnapshot&) = default;
};

}  // namespace tillbook::sync
