#pragma once
// Each group of API routes registers itself here; the composition root collects them.
#include <vector>

#include "tillbook/office/auth/auth_service.hpp"
#include "tillbook/office/http/api.hpp"
#include "tillbook/office/office_context.hpp"

namespace tillbook::office::routes {

[[nodiscard]] std::vector<http::Route> SessionRoutes(OfficeContext& context, AuthService& auth);
[[nodiscard]] std::vector<http::Route> SyncRoutes(OfficeContext& context);
[[nodiscard]] std::vector<http::Route> TillReturnRoutes(OfficeContext& context);
[[nodiscard]] std::vector<http::Route> ChannelRoutes(OfficeContext& context);
// The channels' settings, per-SKU rules and stock outbox (the web app's Channels page).
[[nodiscard]] std::vector<http::Route> ChannelSettingsRoutes(OfficeContext& context);
[[nodiscard]] std::vector<http::Route> OrderRoutes(OfficeContext& context);
// Pick, pack and ship: orders moved by staff, one ledger event each.
[[nodiscard]] std::vector<http::Route> OrderActionRoutes(OfficeContext& context);
[[nodiscard]] std::vector<http::Route> StockRoutes(OfficeContext& context);
[[nodiscard]] std::vector<http::Route> ReturnRoutes(OfficeContext& context);
[[nodiscard]] std::vector<http::Route> ExchangeRoutes(OfficeContext& context);
[[nodiscard]] std::vector<http::Route> CatalogueRoutes(OfficeContext& context);
// A new password or PIN is hashed at `hashing`, the gate sign-ins use.
[[nodiscard]] std::vector<http::Route> StaffRoutes(OfficeContext& context, HashingGate& hashing);
[[nodiscard]] std::vector<http::Route> TerminalRoutes(OfficeContext& context);
[[nodiscard]] std::vector<http::Route> SettingsRoutes(OfficeContext& context);
[[nodiscard]] std::vector<http::Route> CreditRoutes(OfficeContext& context);
[[nodiscard]] std::vector<http::Route> ReportRoutes(OfficeContext& context);
// The web app's files and pages (assets/web).
[[nodiscard]] std::vector<http::Route> WebRoutes(OfficeContext& context);

// All of them, in one list.
[[nodiscard]] std::vector<http::Route> AllRoutes(OfficeContext& context, AuthService& auth);

}  // namespace tillbook::office::routes
