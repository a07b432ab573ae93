#pragma once
// Writes each job's bytes to a file: the recorder for tests and golden captures, and the way to a
// usblp device node such as /dev/usb/lp0. It cannot read status back.
#include <string>
#include <string_view>

#include "tillbook/drivers/transport.hpp"

namespace tillbook::drivers {

enum class FileWriteMode : int {
    kAppend = 1,   // every job is added at the end (a recording of all jobs; a device node)
    kReplace = 2,  // every Open empties the file, so it holds the last job only
};

struct FileTransportOptions {
    std::string path;
    FileWriteMode mode = FileWriteMode::kAppend;
    // Create the file when it is missing. Off for a device node: a missing /dev/usb/lp0 means the
    // printer is unplugged (kNotFound), not a file to create.
    bool create = true;
};

class FileTransport final : public PrinterTransport {
  public:
    explicit FileTransport(FileTransportOptions options);
    ~FileTransport() override;
    FileTransport(const FileTransport&) = delete;
    FileTransport& operator=(const FileTransport&) = delete;

    [[nodiscard]] std::string Describe() const override;
    [[nodiscard]] TransportStatus Open() override;
    [[nodiscard]] TransportStatus Write(std::string_view bytes) override;
    [[nodiscard]] bool CanRead() const override { return false; }
    [[nodiscard]] TransportResult<std::string> Read(std::size_t max_bytes,
                                                    std::chrono::milliseconds timeout) override;
    void Close() override;
    [[nodiscard]] bool IsOpen() const override { return m_fd >= 0; }

  private:
    FileTransportOptions m_options;
    int m_fd = -1;
};

}  // namespace tillbook::drivers
