// Where credentials and the region come from: explicit values, the
// environment, the shared files, and the default chain over the last two.
#include <mailwarden/net/credentials.hpp>

#include "shared_files_cache.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace mailwarden::aws {

namespace {

std::optional<std::string> non_empty(const Environment& env, std::string_view name) {
    auto v = env(name);
    if (v && v->empty()) return std::nullopt;
    return v;
}

// ---------------------------------------------------------------- shared files

struct SharedFiles {
    std::string profile;
    bool explicit_profile = false;  // chosen by option or AWS_PROFILE, not the fallback "default"
    std::string credentials_path;
    std::string config_path;
};

std::string expand_home(std::string path, const Environment& env) {
    if (path == "~" || path.starts_with("~/")) {
        const auto home = non_empty(env, "HOME");
        if (home) path = *home + path.substr(1);
    }
    return path;
}

SharedFiles locate(const SharedFilesOptions& options, const Environment& env) {
    SharedFiles f;
    const auto home = non_empty(env, "HOME");
    const std::string aws_dir = (home ? *home : std::string(".")) + "/.aws/";
    if (!options.profile.empty()) {
        f.profile = options.profile;
        f.explicit_profile = true;
    } else if (auto p = non_empty(env, "AWS_PROFILE")) {
        f.profile = *p;
        f.explicit_profile = true;
    } else {
        f.profile = "default";
    }
    f.credentials_path = !options.credentials_file.empty()
                             ? options.credentials_file
                             : non_empty(env, "AWS_SHARED_CREDENTIALS_FILE").value_or(aws_dir + "credentials");
    f.config_path = !options.config_file.empty() ? options.config_file
                                                 : non_empty(env, "AWS_CONFIG_FILE").value_or(aws_dir + "config");
    f.credentials_path = expand_home(f.credentials_path, env);
    f.config_path = expand_home(f.config_path, env);
    return f;
}

struct LoadedFile {
    SharedConfigParse parse;
    bool present = false;
    std::error_code error;  // unreadable or malformed
    std::string message;
};

// A missing file is an empty one; a file that exists but cannot be read,
// or does not parse, is an error.
LoadedFile load(const std::string& path) {
    LoadedFile f;
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || status.type() == std::filesystem::file_type::not_found) return f;
    f.present = true;
    std::ifstream in;
    if (status.type() != std::filesystem::file_type::directory) in.open(path, std::ios::binary);
    if (!in.is_open() || !in) {
        f.error = make_error_code(CredentialsErrc::unreadable_file);
        f.message = path + ": cannot be read";
        return f;
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) {
        f.error = make_error_code(CredentialsErrc::unreadable_file);
        f.message = path + ": read error";
        return f;
    }
    f.parse = parse_shared_config(text.view());
    if (!f.parse) {
        f.error = f.parse.error;
        f.message = path + ": " + f.parse.message;
    }
    return f;
}

// [profile NAME] in the config file; [default] (or [profile default]) for
// the default profile.
const SharedConfigSection* config_profile(const SharedConfigParse& parse, std::string_view profile) {
    for (const auto& s : parse.sections) {
        std::string_view name = s.name;
        if (!name.starts_with("profile") || name.size() <= 7 || (name[7] != ' ' && name[7] != '\t')) continue;
        name.remove_prefix(7);
        while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
        if (name == profile) return &s;
    }
    if (profile == "default") return parse.find("default");
    return nullptr;
}

std::string_view value_of(const SharedConfigSection* s, std::string_view key) {
    if (s == nullptr) return {};
    const auto it = s->values.find(key);
    return it == s->values.end() ? std::string_view{} : std::string_view(it->second);
}

class StaticProvider final : public CredentialsProvider {
public:
    explicit StaticProvider(Credentials c) : credentials_(std::move(c)) {}
    CredentialsResult resolve() const override {
        if (credentials_.empty())
            return CredentialsResult::failure(CredentialsErrc::incomplete,
                                              "explicit credentials lack an access key id or a secret");
        CredentialsResult r;
        r.credentials = credentials_;
        return r;
    }
    std::string_view name() const noexcept override { return "explicit"; }

private:
    Credentials credentials_;
};

class EnvironmentProvider final : public CredentialsProvider {
public:
    explicit EnvironmentProvider(Environment env) : env_(std::move(env)) {}
    CredentialsResult resolve() const override {
        auto id = non_empty(env_, "AWS_ACCESS_KEY_ID");
        auto secret = non_empty(env_, "AWS_SECRET_ACCESS_KEY");
        if (!id && !secret)
            return CredentialsResult::failure(CredentialsErrc::no_credentials,
                                              "environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set");
        if (!id || !secret)
            return CredentialsResult::failure(
                CredentialsErrc::incomplete,
                id ? "environment: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"
                   : "environment: AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not");
        auto token = non_empty(env_, "AWS_SESSION_TOKEN");
        CredentialsResult r;
        r.credentials.emplace(std::move(*id), std::move(*secret), token.value_or(""), "environment");
        if (token) {
            token->resize(token->capacity());
            std::fill(token->begin(), token->end(), '\0');
        }
        secret->resize(secret->capacity());
        std::fill(secret->begin(), secret->end(), '\0');
        return r;
    }
    std::string_view name() const noexcept override { return "environment"; }

private:
    Environment env_;
};

class SharedFilesProvider final : public CredentialsProvider {
public:
    SharedFilesProvider(SharedFilesOptions options, Environment env)
        : options_(std::move(options)), env_(std::move(env)) {}

    CredentialsResult resolve() const override {
        const SharedFiles where = locate(options_, env_);
        return cache_.resolve(where.profile, where.credentials_path, where.config_path, [&] { return read(where); });
    }
    std::string_view name() const noexcept override { return "shared files"; }

private:
    // Both files read and parsed: what the cache saves while they do not change.
    static CredentialsResult read(const SharedFiles& where) {
        const LoadedFile creds = load(where.credentials_path);
        if (creds.error) return CredentialsResult::failure(static_cast<CredentialsErrc>(creds.error.value()), creds.message);
        const LoadedFile config = load(where.config_path);
        if (config.error)
            return CredentialsResult::failure(static_cast<CredentialsErrc>(config.error.value()), config.message);

        const SharedConfigSection* in_creds = creds.parse.find(where.profile);
        const SharedConfigSection* in_config = config_profile(config.parse, where.profile);
        const std::string quoted = "profile '" + where.profile + "'";
        if (in_creds == nullptr && in_config == nullptr) {
            const std::string why = quoted + " not found in " + where.credentials_path + " or " + where.config_path;
            return CredentialsResult::failure(
                where.explicit_profile ? CredentialsErrc::profile_not_found : CredentialsErrc::no_credentials,
                "shared files: " + why);
        }
        // The credentials file wins when it holds keys for the profile.
        const bool from_creds = !value_of(in_creds, "aws_access_key_id").empty() ||
                                !value_of(in_creds, "aws_secret_access_key").empty();
        const SharedConfigSection* s = from_creds ? in_creds : in_config;
        const std::string& path = from_creds ? where.credentials_path : where.config_path;
        const std::string_view id = value_of(s, "aws_access_key_id");
        const std::string_view secret = value_of(s, "aws_secret_access_key");
        if (id.empty() && secret.empty())
            return CredentialsResult::failure(
                CredentialsErrc::no_credentials,
                "shared files: " + quoted +
                    " has no aws_access_key_id / aws_secret_access_key (role, SSO and process credentials are not "
                    "supported)");
        if (id.empty() || secret.empty())
            return CredentialsResult::failure(CredentialsErrc::incomplete,
                                              "shared files: " + quoted + " in " + path + " has " +
                                                  (id.empty() ? "aws_secret_access_key but no aws_access_key_id"
                                                              : "aws_access_key_id but no aws_secret_access_key"));
        CredentialsResult r;
        r.credentials.emplace(std::string(id), std::string(secret), std::string(value_of(s, "aws_session_token")),
                              std::string(from_creds ? "shared credentials file " : "shared config file ") + path +
                                  " [" + where.profile + "]");
        return r;
    }

    SharedFilesOptions options_;
    Environment env_;
    mutable detail::SharedFilesCache cache_;
};

class DefaultChain final : public CredentialsProvider {
public:
    DefaultChain(SharedFilesOptions options, Environment env)
        : env_provider_(env), files_provider_(std::move(options), env) {}

    CredentialsResult resolve() const override {
        CredentialsResult from_env = env_provider_.resolve();
        if (from_env || from_env.error != CredentialsErrc::no_credentials) return from_env;
        CredentialsResult from_files = files_provider_.resolve();
        if (from_files || from_files.error != CredentialsErrc::no_credentials) return from_files;
        return CredentialsResult::failure(CredentialsErrc::no_credentials,
                                          "no AWS credentials: " + from_env.message + "; " + from_files.message);
    }
    std::string_view name() const noexcept override { return "default chain"; }

private:
    EnvironmentProvider env_provider_;
    SharedFilesProvider files_provider_;
};

}  // namespace

Environment process_environment() {
    return [](std::string_view name) -> std::optional<std::string> {
        const char* v = std::getenv(std::string(name).c_str());
        if (v == nullptr) return std::nullopt;
        return std::string(v);
    };
}

std::shared_ptr<CredentialsProvider> make_static_provider(Credentials credentials) {
    return std::make_shared<StaticProvider>(std::move(credentials));
}

std::shared_ptr<CredentialsProvider> make_environment_provider(Environment env) {
    return std::make_shared<EnvironmentProvider>(std::move(env));
}

std::shared_ptr<CredentialsProvider> make_shared_files_provider(SharedFilesOptions options, Environment env) {
    return std::make_shared<SharedFilesProvider>(std::move(options), std::move(env));
}

std::shared_ptr<CredentialsProvider> make_default_chain(SharedFilesOptions options, Environment env) {
    return std::make_shared<DefaultChain>(std::move(options), std::move(env));
}

RegionResult resolve_region(const SharedFilesOptions& options, const Environment& env) {
    RegionResult r;
    if (auto v = non_empty(env, "AWS_REGION")) {
        r.region = std::move(v);
        return r;
    }
    if (auto v = non_empty(env, "AWS_DEFAULT_REGION")) {
        r.region = std::move(v);
        return r;
    }
    const SharedFiles where = locate(options, env);
    const LoadedFile config = load(where.config_path);
    if (config.error) {
        r.error = config.error;
        r.message = config.message;
        return r;
    }
    const SharedConfigSection* s = config_profile(config.parse, where.profile);
    const std::string_view region = value_of(s, "region");
    if (!region.empty()) {
        r.region = std::string(region);
        return r;
    }
    // An explicitly chosen profile that exists nowhere is worth saying so.
    if (s == nullptr && where.explicit_profile) {
        const LoadedFile creds = load(where.credentials_path);
        if (creds.parse.find(where.profile) == nullptr) {
            r.error = make_error_code(CredentialsErrc::profile_not_found);
            r.message = "profile '" + where.profile + "' not found in " + where.config_path;
            return r;
        }
    }
    r.error = make_error_code(CredentialsErrc::no_region);
    r.message = "no region: AWS_REGION and AWS_DEFAULT_REGION are not set and profile '" + where.profile +
                "' in " + where.config_path + " has no region";
    return r;
}

}  // namespace mailwarden::aws
