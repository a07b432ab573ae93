#pragma once
// The filesystem a benchmark writes its database on, named for its output ("ext4", "xfs", "btrfs",
// "overlay", "tmpfs", …), and the refusal of a filesystem in memory: on tmpfs or ramfs an fsync
// costs nothing, so figures at synchronous=FULL there say nothing about a till's disk.
#include <fmt/format.h>
#include <linux/magic.h>
#include <mntent.h>
#include <sys/stat.h>
#include <sys/statfs.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace tillbook::bench {

struct Filesystem {
    std::string name;        // as the kernel's mount table names it, else from its magic number
    bool in_memory = false;  // tmpfs or ramfs
};

// The name statfs(2)'s f_type gives; ext2, ext3 and ext4 share one magic number.
inline std::string FilesystemMagicName(std::uint64_t magic) {
    switch (magic) {
        case EXT4_SUPER_MAGIC:
            return "ext2/ext3/ext4";
        case XFS_SUPER_MAGIC:
            return "xfs";
        case BTRFS_SUPER_MAGIC:
            return "btrfs";
        case OVERLAYFS_SUPER_MAGIC:
            return "overlay";
        case TMPFS_MAGIC:
            return "tmpfs";
        case RAMFS_MAGIC:
            return "ramfs";
        case NFS_SUPER_MAGIC:
            return "nfs";
        case 0x2fc12fc1:
            return "zfs";
        case 0xf2f52010:
            return "f2fs";
        case MSDOS_SUPER_MAGIC:
            return "vfat";
        case 0x65735546:
            return "fuse";
        default:
            return fmt::format("unknown (magic {:#x})", magic);
    }
}

// The filesystem `dir` is on. The mount table's name wins (it tells ext4 from ext2), matched by
// device and by the longest mount point that holds `dir`; whether it is in memory is decided by
// the magic number alone.
inline Filesystem FilesystemOf(const std::filesystem::path& dir) {
    struct statfs fs {};
    struct stat st {};
    if (::statfs(dir.c_str(), &fs) != 0 || ::stat(dir.c_str(), &st) != 0)
        throw std::runtime_error(fmt::format("cannot read the filesystem of {}", dir.string()));
    const auto magic = static_cast<std::uint64_t>(fs.f_type);
    Filesystem found{FilesystemMagicName(magic), magic == TMPFS_MAGIC || magic == RAMFS_MAGIC};
    const std::string where = std::filesystem::weakly_canonical(dir).string();
    std::size_t longest = 0;
    if (std::FILE* mounts = ::setmntent("/proc/self/mounts", "r")) {
        while (const mntent* m = ::getmntent(mounts)) {
            const std::string point = m->mnt_dir;
            const bool holds = point == "/" || where == point || where.starts_with(point + "/");
            struct stat mounted {};
            if (!holds || point.size() < longest || ::stat(m->mnt_dir, &mounted) != 0 ||
                mounted.st_dev != st.st_dev)
                continue;
            longest = point.size();
            found.name = m->mnt_type;
        }
        ::endmntent(mounts);
    }
    return found;
}

// Prints the filesystem `dir` is on, and refuses one in memory unless `allow_in_memory`
// (--allow-tmpfs): throws with the reason and what to do.
inline Filesystem CheckBenchFilesystem(const std::filesystem::path& dir, bool allow_in_memory) {
    const Filesystem fs = FilesystemOf(dir);
    fmt::print("database directory {} on {}{}\n", dir.string(), fs.name,
               fs.in_memory ? " (in memory: an fsync costs nothing there)" : "");
    if (fs.in_memory && !allow_in_memory) {
        throw std::runtime_error(fmt::format(
            "{} is on {}, in memory, where an fsync costs nothing and synchronous=FULL measures "
            "nothing; give --dir on a disk, or --allow-tmpfs to run there anyway",
            dir.string(), fs.name));
    }
    return fs;
}

}  // namespace tillbook::bench
