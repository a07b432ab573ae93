#pragma once
// A fresh folder under the system temp folder, removed when the test ends.
#include <unistd.h>

#include <filesystem>
#include <string>

namespace tillbook::testing {

class TempDir {
  public:
    explicit TempDir(const std::string& name) {
        static int counter = 0;
        m_path = std::filesystem::temp_directory_path() / "tillbook-tests" /
                 (name + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
        std::filesystem::remove_all(m_path);
        std::filesystem::create_directories(m_path);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    [[nodiscard]] std::string File(const std::string& name) const {
        return (m_path / name).string();
    }

  private:
    std::filesystem::path m_path;
};

}  // namespace tillbook::testing
