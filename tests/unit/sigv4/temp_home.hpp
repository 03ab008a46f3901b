// A scratch HOME with .aws/ for credential tests, and an Environment built
// from a map, so no test touches the process environment.
#pragma once

#include <mailwarden/net/credentials.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>

namespace sigv4_test {

using Vars = std::map<std::string, std::string, std::less<>>;

inline mailwarden::aws::Environment env_of(Vars vars) {
    return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
        const auto it = vars.find(name);
        if (it == vars.end()) return std::nullopt;
        return it->second;
    };
}

// A fresh HOME with .aws/ for one test, removed afterwards.
struct TempHome {
    std::filesystem::path dir;
    TempHome() {
        std::random_device rd;
        dir = std::filesystem::temp_directory_path() /
              ("mw-sigv4-home-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(dir / ".aws");
    }
    ~TempHome() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    TempHome(const TempHome&) = delete;
    TempHome& operator=(const TempHome&) = delete;
    void write(const std::string& relative, const std::string& text) const {
        std::ofstream(dir / relative, std::ios::binary) << text;
    }
    std::string path(const std::string& relative) const { return (dir / relative).string(); }
    Vars vars(Vars extra = {}) const {
        extra.emplace("HOME", dir.string());
        return extra;
    }
};

}  // namespace sigv4_test
