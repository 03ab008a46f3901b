// The rules of the shared files' cache, on a manual clock: what is kept,
// for how long, and what makes it read again (reads() counts the reads).
#include "net/sigv4/shared_files_cache.hpp"

#include "temp_home.hpp"

#include <doctest/doctest.h>

using namespace mailwarden;
using namespace mailwarden::aws;
using namespace std::chrono_literals;
using detail::SharedFilesCache;
using detail::stamp_of;

namespace {

struct Setup {
    sigv4_test::TempHome home;
    std::string creds = home.path(".aws/credentials");
    std::string config = home.path(".aws/config");
    std::shared_ptr<ManualClock> clock;
    std::unique_ptr<SharedFilesCache> cache;
    std::string session_token;  // what read() hands out
    bool failing = false;

    Setup() {
        home.write(".aws/credentials", "[default]\n");
        // An hour after the file's write: settled.
        clock = std::make_shared<ManualClock>(stamp_of(creds).mtime + 1h);
        cache = std::make_unique<SharedFilesCache>(clock);
    }
    CredentialsResult resolve(const std::string& profile = "default") {
        return cache->resolve(profile, creds, config, [this] {
            if (failing) return CredentialsResult::failure(CredentialsErrc::malformed_file, "line 1");
            CredentialsResult r;
            r.credentials.emplace("AKID", "secret", session_token, "test");
            return r;
        });
    }
};

}  // namespace

TEST_CASE("unchanged files are read once; a change, another profile or an error reads again") {
    Setup s;
    REQUIRE(s.resolve());
    REQUIRE(s.resolve());
    CHECK(s.cache->reads() == 1);

    s.home.write(".aws/config", "[default]\n");  // a missing file appears
    s.clock->advance(1h);
    REQUIRE(s.resolve());
    CHECK(s.cache->reads() == 2);

    REQUIRE(s.resolve("ci"));
    CHECK(s.cache->reads() == 3);

    s.failing = true;  // errors are not kept: a fixed file counts at once
    CHECK_FALSE(s.resolve());
    CHECK_FALSE(s.resolve());
    CHECK(s.cache->reads() == 5);
    s.failing = false;
    REQUIRE(s.resolve());
    REQUIRE(s.resolve());
    CHECK(s.cache->reads() == 6);
}

TEST_CASE("a file modified within the racy window is not trusted until it has settled") {
    Setup s;
    s.clock->set(stamp_of(s.creds).mtime + 1s);
    REQUIRE(s.resolve());
    REQUIRE(s.resolve());
    CHECK(s.cache->reads() == 2);
    s.clock->advance(SharedFilesCache::racy_window);
    REQUIRE(s.resolve());  // read once more, now settled, and kept
    REQUIRE(s.resolve());
    CHECK(s.cache->reads() == 3);

    Setup future;  // a file dated in the future is never settled
    future.clock->set(stamp_of(future.creds).mtime - 1h);
    REQUIRE(future.resolve());
    REQUIRE(future.resolve());
    CHECK(future.cache->reads() == 2);
}

TEST_CASE("temporary credentials are read again after temporary_max_age; long-term ones are kept") {
    Setup s;
    s.session_token = "token";
    REQUIRE(s.resolve());
    s.clock->advance(SharedFilesCache::temporary_max_age - 1s);
    REQUIRE(s.resolve());
    CHECK(s.cache->reads() == 1);
    s.clock->advance(1s);
    CHECK(s.resolve().credentials->session_token() == "token");
    CHECK(s.cache->reads() == 2);

    Setup l;
    REQUIRE(l.resolve());
    l.clock->advance(24h);
    REQUIRE(l.resolve());
    CHECK(l.cache->reads() == 1);
}

TEST_CASE("stamps: a missing file, and one under a path that is no directory, read as missing") {
    sigv4_test::TempHome home;
    const auto missing = stamp_of(home.path(".aws/none"));
    CHECK(missing.known);
    CHECK_FALSE(missing.present);
    home.write("file", "x");
    const auto under_file = stamp_of(home.path("file/credentials"));
    CHECK(under_file.known);
    CHECK_FALSE(under_file.present);
    const auto present = stamp_of(home.path("file"));
    CHECK(present.present);
    CHECK(present.size == 1);
}
