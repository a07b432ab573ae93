#pragma once
// The running till behind its window: the till's database, its two workers (sync with the back
// office, devices) and its controllers (app::TillApp), built in order and taken down in the reverse
// order. The window sees it only as an app::TillModel.
#include <filesystem>
#include <memory>
#include <string>

#include "tillbook/core/error.hpp"
#include "tillbook/pos/app/till_model.hpp"

namespace tillbook::pos {

struct TillRuntimeOptions {
    std::string db_path;                 // created (for pairing) when it does not exist
    std::filesystem::path devices_file;  // the till's devices (docs/devices.md); empty: none
};

// Errors: the database cannot be opened or migrated, or the devices file is wrong (naming the
// file and the setting). An office that cannot be reached or a printer that is off is not an
// error: the till opens and shows it.
[[nodiscard]] Result<std::unique_ptr<app::TillModel>> OpenTillRuntime(
    const TillRuntimeOptions& options);

}  // namespace tillbook::pos
