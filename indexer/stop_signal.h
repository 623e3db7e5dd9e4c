// SIGINT and SIGTERM as a request to stop a build cleanly.
#pragma once

namespace newsidx {

/// While one lives, SIGINT and SIGTERM set a flag that the build's loops look at instead of
/// killing the process. The handlers are installed without SA_RESTART, so that a system call
/// blocked meanwhile (a read of standard input that gets no data, a wait for a lock) returns
/// EINTR and its caller looks at the flag too. The old handlers come back on destruction.
/// One at a time, on the main thread.
class StopSignals {
  public:
    StopSignals();
    ~StopSignals();
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;
};

/// The signal that asked to stop since the last StopSignals was made; 0 if none.
int stop_signal();

inline bool stop_requested() { return stop_signal() != 0; }

}  // namespace newsidx
