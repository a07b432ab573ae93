#include "catalogue_loader.hpp"

#include <chrono>
#include <exception>

namespace tillbook::pos::app {

namespace {

Result<SkuIndex> LoadFrom(const std::string& path) {
    try {
        store::OpenOptions options;
        options.create = false;
        auto db = store::Database::Open(path, options);
        if (!db) return std::unexpected(db.error());
        return SkuIndex::Load(*db);
    } catch (const std::exception& e) {  // exceptions never cross the thread
        return std::unexpected(
            MakeError(ErrorCode::kStorage, std::string("reading the catalogue: ") + e.what()));
    }
}

}  // namespace

void CatalogueLoader::Start(const std::string& path) {
    m_path = path;
    if (m_loading.valid()) {
        m_again = true;
        return;
    }
    m_loading = std::async(std::launch::async, LoadFrom, m_path);
}

std::optional<Result<SkuIndex>> CatalogueLoader::Poll() {
    if (!m_loading.valid() ||
        m_loading.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return std::nullopt;
    Result<SkuIndex> loaded = m_loading.get();
    if (m_again) {
        m_again = false;
        m_loading = std::async(std::launch::async, LoadFrom, m_path);
        return std::nullopt;  // what it read is already out of date
    }
    return loaded;
}

}  // namespace tillbook::pos::app
