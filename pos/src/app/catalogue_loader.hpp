#pragma once
// Reading 100,000 SKUs into the search index takes a few hundred milliseconds, too long for a
// frame: when a pull brings new reference data, the index is built again on a thread of its own,
// over its own read connection to the till's database (WAL lets it read beside the UI thread's
// writes), and swapped in by the frame that finds it done. The old index serves until then.
#include <future>
#include <optional>
#include <string>

#include "tillbook/core/error.hpp"
#include "tillbook/pos/app/sku_index.hpp"

namespace tillbook::pos::app {

class CatalogueLoader {
  public:
    // Starts a load of the database at `path`; one asked for while another runs follows it.
    void Start(const std::string& path);
    // A finished load, once; nullopt while none has finished.
    [[nodiscard]] std::optional<Result<SkuIndex>> Poll();
    [[nodiscard]] bool Busy() const { return m_loading.valid(); }

  private:
    std::future<Result<SkuIndex>> m_loading;
    std::string m_path;
    bool m_again = false;  // another change came while loading
};

}  // namespace tillbook::pos::app
