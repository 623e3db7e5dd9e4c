// Errors that stop a command, and the exit codes every command uses (as grep's).
#pragma once

#include <stdexcept>

namespace newsidx {

/// Thrown when a command cannot go on (a database will not open, a write fails).
struct Error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Thrown for a query that cannot be answered as typed (an impossible date); exit code 2.
struct QueryError : Error {
    using Error::Error;
};

/// Thrown when standard output is a pipe or socket whose reader has gone (`| head -1`): not an
/// error, the command exits quietly with `status`, what its results would have given.
struct OutputClosed : std::exception {
    explicit OutputClosed(int exit_status) : status(exit_status) {}
    const char* what() const noexcept override { return "standard output closed"; }
    int status;
};

enum ExitCode : int {
    kExitOk = 0,       // something matched, or the job succeeded
    kExitNoMatch = 1,  // nothing matched
    kExitError = 2,    // an error, including inputs that were skipped
};

}  // namespace newsidx
