#include "environment.hpp"

#include <cstdlib>
#include <ctime>
#include <filesystem>

namespace mailwarden::examples {

namespace fs = std::filesystem;

namespace {

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value == nullptr ? std::string() : std::string(value);
}

}  // namespace

std::string home_dir() {
    if (auto home = env("MAILWARDEN_HOME"); !home.empty()) return home;
    if (auto xdg = env("XDG_DATA_HOME"); !xdg.empty()) return (fs::path(xdg) / "mailwarden").string();
    if (auto home = env("HOME"); !home.empty()) return (fs::path(home) / ".local" / "share" / "mailwarden").string();
    return "mailwarden";
}

std::string store_location(const std::string& home) {
    if (auto store = env("MAILWARDEN_STORE"); !store.empty()) return store;
    return (fs::path(home) / "senders.db").string();
}

std::shared_ptr<Clock> clock_from_environment() {
    const std::string now = env("MAILWARDEN_NOW");
    if (now.empty()) return system_clock();
    std::tm tm{};
    const char* end = strptime(now.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (end == nullptr || *end != '\0') return nullptr;
    return std::make_shared<ManualClock>(from_unix_seconds(timegm(&tm)));
}

}  // namespace mailwarden::examples
