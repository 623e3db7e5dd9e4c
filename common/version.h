// The version line of both binaries: newsidx's, and the Xapian and ICU it runs with.
#pragma once

#include <string>
#include <string_view>

namespace newsidx {

/// "PROGRAM 0.1.0 (Xapian 1.4.22, ICU 72.1)": the Xapian and ICU versions are those of the
/// libraries loaded at run time (Xapian::version_string(), u_getVersion()), which may be newer
/// than the headers it was compiled with.
std::string version_line(std::string_view program);

}  // namespace newsidx
