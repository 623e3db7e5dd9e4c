// The configuration file: keys, errors with file and line, where the default file is, and
// --version's runtime library versions.
#include "common/config.h"

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <unicode/uversion.h>

#include "cli/options.h"
#include "common/error.h"
#include "common/version.h"
#include "test_util.h"

namespace newsidx {
namespace {

std::string error_of(std::string_view text) {
    try {
        parse_config(text, "cfg.toml");
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

// Sets an environment variable for one test, and puts the old value back.
class ScopedEnv {
  public:
    ScopedEnv(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) {
            old_ = old;
        }
        value ? setenv(name, value, 1) : unsetenv(name);
    }
    ~ScopedEnv() { old_ ? setenv(name_, old_->c_str(), 1) : unsetenv(name_); }

  private:
    const char* name_;
    std::optional<std::string> old_;
};

TEST(Config, ReadsEveryKey) {
    ScopedEnv home("HOME", "/home/ana");
    Config c = parse_config(
        "db = \"~/news.db\"\njobs = 4\ncolor = \"never\"\nallow_remote_program = true\n",
        "cfg.toml");
    EXPECT_EQ(c.db, "/home/ana/news.db");
    EXPECT_EQ(c.jobs, 4u);
    EXPECT_EQ(c.color, Color::kNever);
    EXPECT_EQ(c.allow_remote_program, true);
}

TEST(Config, EmptyFileSetsNothing) {
    Config c = parse_config("# nothing yet\n", "cfg.toml");
    EXPECT_FALSE(c.db || c.jobs || c.color || c.allow_remote_program);
}

TEST(Config, ErrorsNameFileAndLine) {
    const struct {
        std::string_view input, expected;
    } rows[] = {
        {"db = \"a\"\ndbb = \"b\"\n",
         "cfg.toml:2: unknown key dbb (known: db, jobs, color, allow_remote_program)"},
        {"jobs = 0\n", "cfg.toml:1: jobs must be a whole number from 1 to 256"},
        {"\n\njobs = \"4\"\n", "cfg.toml:3: jobs must be a whole number from 1 to 256"},
        {"color = \"blue\"\n", "cfg.toml:1: color must be \"auto\", \"always\" or \"never\""},
        {"db = 3\n", "cfg.toml:1: db must be a non-empty string"},
        {"db = \"\"\n", "cfg.toml:1: db must be a non-empty string"},
        {"allow_remote_program = \"yes\"\n",
         "cfg.toml:1: allow_remote_program must be true or false"},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.input);
        EXPECT_EQ(error_of(row.input), row.expected);
    }
    // toml++'s own message for invalid TOML, after the file and line.
    EXPECT_TRUE(error_of("db = \"a\"\n\njobs = = 3\n").starts_with("cfg.toml:3: "));
}

TEST(Config, DefaultPathFollowsXdg) {
    ScopedEnv home("HOME", "/home/ana");
    {
        ScopedEnv xdg("XDG_CONFIG_HOME", "/cfg");
        EXPECT_EQ(default_config_path(), "/cfg/newsidx/config.toml");
    }
    {
        ScopedEnv xdg("XDG_CONFIG_HOME", "relative/is/ignored");
        EXPECT_EQ(default_config_path(), "/home/ana/.config/newsidx/config.toml");
    }
    ScopedEnv xdg("XDG_CONFIG_HOME", nullptr);
    EXPECT_EQ(default_config_path(), "/home/ana/.config/newsidx/config.toml");
}

TEST(Config, MissingDefaultFileIsNoErrorButMissingGivenFileIs) {
    test::TempDir dir;
    ScopedEnv xdg("XDG_CONFIG_HOME", dir.path().c_str());
    EXPECT_FALSE(load_config("").db);
    std::filesystem::create_directories(dir / "newsidx");
    dir.write("newsidx/config.toml", "db = \"/srv/news.db\"\n");
    EXPECT_EQ(load_config("").db, "/srv/news.db");
    auto fails = [](const std::string& file, const std::string& why) {
        try {
            load_config(file);
            ADD_FAILURE() << "no error for " << file;
        } catch (const Error& e) {
            EXPECT_EQ(std::string(e.what()), why);
        }
    };
    std::string missing = (dir / "nope.toml").string();
    fails(missing, "cannot read config file " + missing + ": No such file or directory");
    fails(dir.path().string(), "cannot read " + dir.path().string() + ": Is a directory");
}

// Regression: issue #15 (15), an unreadable default file stopped every command.
TEST(Config, UnreadableDefaultFileIsIgnoredWithAWarningButAGivenOneIsAnError) {
    test::TempDir dir;
    ScopedEnv xdg("XDG_CONFIG_HOME", dir.path().c_str());
    // A folder where the file should be cannot be read, by root either (mode 000 can).
    std::filesystem::create_directories(dir / "newsidx" / "config.toml");
    std::string path = (dir / "newsidx" / "config.toml").string();
    Config config = load_config("");
    EXPECT_FALSE(config.db);
    EXPECT_EQ(config.warning,
              "cannot read " + path + ": Is a directory (the default configuration file: ignored)");
    try {
        load_config(path);
        ADD_FAILURE() << "no error for --config " << path;
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()), "cannot read " + path + ": Is a directory");
    }
    std::ostringstream err;
    load_config_warning("", "newsidx", err);
    EXPECT_EQ(err.str(), "newsidx: warning: " + *config.warning + "\n");
}

TEST(Version, NamesTheLibrariesLoaded) {
    UVersionInfo icu;
    u_getVersion(icu);
    char icu_text[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(icu, icu_text);
    std::string line = version_line("newsidx");
    EXPECT_TRUE(line.starts_with(std::string("newsidx ") + NEWSIDX_VERSION + " (Xapian 1.4."))
        << line;
    EXPECT_TRUE(line.ends_with(std::string(", ICU ") + icu_text + ")")) << line;
}

// "did you mean": a letter changed, added, left out or two swapped; nothing too far.
TEST(CommandLine, SuggestsTheNearestName) {
    std::vector<std::string> names{"--limit", "--offset", "--language", "--since", "--until"};
    EXPECT_EQ(nearest_name("--limt", names), "--limit");
    EXPECT_EQ(nearest_name("--ilmit", names), "--limit");
    EXPECT_EQ(nearest_name("--LIMIT", names), "--limit");
    EXPECT_EQ(nearest_name("--languages", names), "--language");
    EXPECT_EQ(nearest_name("--colour", names), std::nullopt);
    EXPECT_EQ(nearest_name("stast", {"build", "stats", "rm"}), "stats");
    EXPECT_EQ(nearest_name("x", {"build", "stats", "rm"}), std::nullopt);
}

}  // namespace
}  // namespace newsidx
