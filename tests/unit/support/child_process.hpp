#pragma once
// Another program started as a child process, its output appended to a log file: the real
// tillbook-office for the tests and benchmarks that meet it as a separate process.
#include <fcntl.h>
#include <spawn.h>
#include <sys/types.h>

#include <string>
#include <vector>

extern char** environ;

namespace tillbook::testing {

// Starts `words` (the program's path first) with stdout and stderr appended to `log`. Answers its
// process id, or -1 when it cannot be started.
inline pid_t SpawnLogged(std::vector<std::string> words, const std::string& log) {
    std::vector<char*> argv;
    for (auto& w : words)
        argv.push_back(w.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    pid_t pid = -1;
    const int failed = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    return failed == 0 ? pid : -1;
}

}  // namespace tillbook::testing
