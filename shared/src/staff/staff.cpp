#include "tillbook/staff/staff.hpp"

namespace tillbook::staff {

std::string_view ToString(Role role) {
    switch (role) {
        case Role::kCashier:
            return "cashier";
        case Role::kFulfilment:
            return "fulfilment";
        case Role::kManager:
            return "manager";
        case Role::kAdmin:
            return "admin";
    }
    return "unknown";
}

std::optional<Role> ParseRole(std::string_view text) {
    for (Role role : {Role::kCashier, Role::kFulfilment, Role::kManager, Role::kAdmin}) {
        if (ToString(role) == text) return role;
    }
    return std::nullopt;
}

}  // namespace tillbook::staff
