// Runtime versions, not compile-time macros: a bug report should name the libraries that ran.
#include "common/version.h"

#include <unicode/uversion.h>
#include <xapian.h>

namespace newsidx {

std::string version_line(std::string_view program) {
    UVersionInfo icu;
    u_getVersion(icu);
    char icu_text[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(icu, icu_text);
    return std::string(program) + " " + NEWSIDX_VERSION + " (Xapian " + Xapian::version_string() +
           ", ICU " + icu_text + ")";
}

}  // namespace newsidx
