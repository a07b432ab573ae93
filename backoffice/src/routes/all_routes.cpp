// Every route of the API, collected for the server.
#include "tillbook/office/routes/routes.hpp"

namespace tillbook::office::routes {

std::vector<http::Route> AllRoutes(OfficeContext& context, AuthService& auth) {
    std::vector<http::Route> all;
    for (auto group :
         {SessionRoutes(context, auth), SyncRoutes(context), TillReturnRoutes(context),
          ChannelRoutes(context), ChannelSettingsRoutes(context), OrderRoutes(context),
          OrderActionRoutes(context), StockRoutes(context), ReturnRoutes(context),
          ExchangeRoutes(context), CatalogueRoutes(context), StaffRoutes(context, auth.Hashing()),
          TerminalRoutes(context), SettingsRoutes(context), CreditRoutes(context),
          ReportRoutes(context), WebRoutes(context)}) {
        for (auto& route : group)
            all.push_back(std::move(route));
    }
    return all;
}

}  // namespace tillbook::office::routes
