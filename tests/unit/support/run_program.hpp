#pragma once
// A built program run as whoever types its command would run it: its own process, no shell,
// stdin from /dev/null, and its exit code, standard output and standard error kept apart. With
// the checks every program's command line answers alike: a request for help, and wrong usage.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "temp_dir.hpp"

extern char** environ;

namespace tillbook::testing {

struct ProgramRun {
    std::string command;  // the command line, for messages
    int code = -1;        // the exit code; -1 when the program did not exit by itself
    std::string out;
    std::string err;
};

inline ProgramRun RunProgram(const std::string& exe, const std::vector<std::string>& words) {
    const TempDir dir("run-program");
    const std::string out_path = dir.File("out.txt");
    const std::string err_path = dir.File("err.txt");
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&files, 1, out_path.c_str(), O_WRONLY | O_CREAT, 0600);
    posix_spawn_file_actions_addopen(&files, 2, err_path.c_str(), O_WRONLY | O_CREAT, 0600);
    std::vector<std::string> argv_text{exe};
    argv_text.insert(argv_text.end(), words.begin(), words.end());
    std::vector<char*> argv;
    for (std::string& word : argv_text)
        argv.push_back(word.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, exe.c_str(), &files, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&files);
    REQUIRE_MESSAGE(spawned == 0, exe, ": ", std::strerror(spawned));
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    const auto read = [](const std::string& path) {
        std::ifstream file(path, std::ios::binary);
        std::ostringstream text;
        text << file.rdbuf();
        return text.str();
    };
    std::string command = exe;
    for (const std::string& word : words)
        command += " " + word;
    return ProgramRun{command, WIFEXITED(status) ? WEXITSTATUS(status) : -1, read(out_path),
                      read(err_path)};
}

// `exe words...` asks for help: exit 0, nothing on stderr, and the usage on stdout with every
// one of `shown` in it and none of `not_shown`.
inline void CheckHelpAnswer(const std::string& exe, const std::vector<std::string>& words,
                            const std::vector<std::string>& shown,
                            const std::vector<std::string>& not_shown = {}) {
    const ProgramRun run = RunProgram(exe, words);
    INFO(run.command, "\nstdout:\n", run.out, "stderr:\n", run.err);
    CHECK(run.code == 0);
    CHECK(run.err.empty());
    CHECK(run.out.starts_with("usage:\n"));
    for (const std::string& text : shown)
        CHECK_MESSAGE(run.out.find(text) != std::string::npos, "missing: ", text);
    for (const std::string& text : not_shown)
        CHECK_MESSAGE(run.out.find(text) == std::string::npos, "not wanted: ", text);
}

// `exe words...` is wrong usage: exit 2, nothing on stdout, and on stderr what is wrong (it
// contains `problem`) followed by the usage.
inline void CheckWrongUsage(const std::string& exe, const std::vector<std::string>& words,
                            const std::string& problem) {
    const ProgramRun run = RunProgram(exe, words);
    INFO(run.command, "\nstdout:\n", run.out, "stderr:\n", run.err);
    CHECK(run.code == 2);
    CHECK(run.out.empty());
    CHECK(run.err.find(problem) != std::string::npos);
    CHECK(run.err.find("usage:\n") != std::string::npos);
}

// A command of a program ("staff add") and every option it takes, as its usage must list them.
struct CommandOptions {
    std::string command;
    std::vector<std::string> options;
};

// `exe --help`, `exe -h` and `exe help` show every command; `exe COMMAND --help` and
// `exe help COMMAND` show that command with every option it takes, and no other command.
inline void CheckUsageOfEveryCommand(const std::string& exe,
                                     const std::vector<CommandOptions>& commands) {
    const std::string program = std::filesystem::path(exe).filename().string();
    std::vector<std::string> every_command;
    for (const CommandOptions& command : commands)
        every_command.push_back(program + " " + command.command);
    for (const char* help : {"--help", "-h", "help"})
        CheckHelpAnswer(exe, {help}, every_command);
    for (const CommandOptions& command : commands) {
        std::vector<std::string> words;
        std::istringstream split(command.command);
        for (std::string word; split >> word;)
            words.push_back(word);
        std::vector<std::string> shown = command.options;
        shown.push_back(program + " " + command.command);
        std::vector<std::string> not_shown;
        for (const std::string& other : every_command) {
            if (other != program + " " + command.command) not_shown.push_back(other);
        }
        words.push_back("--help");
        CheckHelpAnswer(exe, words, shown, not_shown);
        words.pop_back();
        words.insert(words.begin(), "help");
        CheckHelpAnswer(exe, words, shown, not_shown);
    }
}

}  // namespace tillbook::testing
