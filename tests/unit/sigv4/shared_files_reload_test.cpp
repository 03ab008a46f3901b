// The default chain keeps what it read from the shared files until a file
// changes: same device, inode, size and mtime means unchanged, so a content
// swapped in under an unchanged stamp stays unseen (the proof that nothing
// was read again), and a new mtime, size or inode is read.
#include <mailwarden/net/credentials.hpp>

#include "temp_home.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>

namespace fs = std::filesystem;
using namespace mailwarden::aws;
using namespace std::chrono_literals;

namespace {

std::string creds_with(const std::string& key_id) {
    return "[default]\naws_access_key_id = " + key_id + "\naws_secret_access_key = secret-of-" + key_id + "\n";
}

std::string key_id_of(const CredentialsProvider& provider) {
    const auto r = provider.resolve();
    REQUIRE_MESSAGE(r, r.message);
    return r.credentials->access_key_id();
}

}  // namespace

TEST_CASE("the default chain reads the shared files again only after a change") {
    sigv4_test::TempHome home;
    const fs::path file = home.path(".aws/credentials");
    home.write(".aws/credentials", creds_with("AKIDAAAA"));
    // An hour old: well clear of the window in which a write may not move the mtime.
    const auto mtime = fs::last_write_time(file) - 1h;
    fs::last_write_time(file, mtime);
    const auto chain = make_default_chain({}, sigv4_test::env_of(home.vars()));
    CHECK(key_id_of(*chain) == "AKIDAAAA");

    // Same size, mtime put back, same inode: unchanged to the chain.
    home.write(".aws/credentials", creds_with("AKIDBBBB"));
    fs::last_write_time(file, mtime);
    CHECK(key_id_of(*chain) == "AKIDAAAA");

    fs::last_write_time(file, mtime + 1s);
    CHECK(key_id_of(*chain) == "AKIDBBBB");

    // Another size, mtime put back.
    home.write(".aws/credentials", creds_with("AKIDCCCCCC"));
    fs::last_write_time(file, mtime + 1s);
    CHECK(key_id_of(*chain) == "AKIDCCCCCC");

    // Renamed into place (how tools replace the file): same size and mtime, another inode.
    home.write(".aws/credentials.new", creds_with("AKIDDDDDDD"));
    fs::last_write_time(home.path(".aws/credentials.new"), mtime + 1s);
    fs::rename(home.path(".aws/credentials.new"), file);
    CHECK(key_id_of(*chain) == "AKIDDDDDDD");

    // The config file counts too: the profile may move there.
    fs::remove(file);
    home.write(".aws/config", creds_with("AKIDEEEE"));
    fs::last_write_time(home.path(".aws/config"), mtime);
    CHECK(key_id_of(*chain) == "AKIDEEEE");
}

TEST_CASE("a file written just now is read again until its mtime is safely past") {
    sigv4_test::TempHome home;
    home.write(".aws/credentials", creds_with("AKIDAAAA"));
    const auto chain = make_default_chain({}, sigv4_test::env_of(home.vars()));
    CHECK(key_id_of(*chain) == "AKIDAAAA");
    // Rewritten within the same timestamp tick, the mtime may not move at all:
    // a fresh file is not trusted to tell its changes.
    const auto mtime = fs::last_write_time(home.path(".aws/credentials"));
    home.write(".aws/credentials", creds_with("AKIDBBBB"));
    fs::last_write_time(home.path(".aws/credentials"), mtime);
    CHECK(key_id_of(*chain) == "AKIDBBBB");
}
