// Channel order import and webhooks (filled in by the import service).
#include "routes/routes.hpp"

namespace tillbook::office::routes {

std::vector<http::Route> ChannelRoutes(OfficeContext&) {
    return {};
}

}  // namespace tillbook::office::routes
