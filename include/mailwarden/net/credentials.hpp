// AWS credentials and where they come from: explicit values, the environment
// (AWS_ACCESS_KEY_ID ...), the shared files (~/.aws/credentials and
// ~/.aws/config) and the default chain (environment, then files).
//
// The secret access key is readable only through
// Credentials::secret_access_key(): to_string(), to_json(), operator<< and
// every error message name the access key id and the source, never the
// secret (nor the session token, which is a bearer secret as well).
#pragma once

#include <mailwarden/export.hpp>

#include <array>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace mailwarden::aws {

/// An access key id, its secret and an optional session token. Immutable;
/// the secret is wiped from memory when the value is destroyed.
class MAILWARDEN_EXPORT Credentials {
public:
    Credentials() = default;
    /// `source` says where the values came from ("environment",
    /// "shared credentials file /root/.aws/credentials [profile ci]" ...).
    Credentials(std::string access_key_id, std::string secret_access_key, std::string session_token = {},
                std::string source = "explicit");
    Credentials(const Credentials& other);
    Credentials(Credentials&& other) noexcept;
    Credentials& operator=(const Credentials& other);
    Credentials& operator=(Credentials&& other) noexcept;
    ~Credentials();

    const std::string& access_key_id() const noexcept { return access_key_id_; }
    /// The only accessor of the secret. Do not log what it returns.
    std::string_view secret_access_key() const noexcept { return secret_; }
    const std::string& session_token() const noexcept { return session_token_; }
    bool has_session_token() const noexcept { return !session_token_.empty(); }
    const std::string& source() const noexcept { return source_; }
    /// True when the access key id or the secret is missing.
    bool empty() const noexcept { return access_key_id_.empty() || secret_.empty(); }

    /// SHA-256 of the secret: identifies the secret (the signing-key cache
    /// is keyed by it) without keeping another copy of it.
    const std::array<unsigned char, 32>& secret_fingerprint() const noexcept { return fingerprint_; }

    /// "AKIDEXAMPLE (secret: redacted, session token: none, source: environment)".
    std::string to_string() const;
    /// {"access_key_id":"...","secret_access_key":"redacted","session_token":"none"|"redacted","source":"..."}
    std::string to_json() const;

private:
    void wipe() noexcept;

    std::string access_key_id_;
    std::string secret_;
    std::string session_token_;
    std::string source_;
    std::array<unsigned char, 32> fingerprint_{};
};

/// Same text as Credentials::to_string().
MAILWARDEN_EXPORT std::ostream& operator<<(std::ostream& out, const Credentials& credentials);

/// Why credentials (or a region) could not be had. Category "mailwarden.aws.credentials".
enum class CredentialsErrc : int {
    no_credentials = 1,    ///< no provider had any
    incomplete = 2,        ///< an access key id without a secret, or the reverse
    profile_not_found = 3, ///< the profile asked for is in neither shared file
    unreadable_file = 4,   ///< a shared file exists but cannot be read
    malformed_file = 5,    ///< a shared file is not in the INI format
    no_region = 6,         ///< no AWS_REGION, AWS_DEFAULT_REGION nor profile region
};

MAILWARDEN_EXPORT const std::error_category& credentials_category() noexcept;

inline std::error_code make_error_code(CredentialsErrc e) noexcept {
    return {static_cast<int>(e), credentials_category()};
}

/// Credentials, or an error code with a message for people. The message
/// names files, profiles, variables and line numbers, never a value read.
struct MAILWARDEN_EXPORT CredentialsResult {
    std::optional<Credentials> credentials;
    std::error_code error;
    std::string message;

    explicit operator bool() const noexcept { return credentials.has_value(); }
    static CredentialsResult failure(CredentialsErrc code, std::string message);
};

/// How the providers read environment variables; tests pass their own.
using Environment = std::function<std::optional<std::string>(std::string_view name)>;

/// The process environment (getenv).
MAILWARDEN_EXPORT Environment process_environment();

/// Something that produces credentials. Implementations are thread-safe.
class MAILWARDEN_EXPORT CredentialsProvider {
public:
    virtual ~CredentialsProvider();
    virtual CredentialsResult resolve() const = 0;
    /// "explicit", "environment", "shared files", "default chain".
    virtual std::string_view name() const noexcept = 0;
};

/// Always the same credentials.
MAILWARDEN_EXPORT std::shared_ptr<CredentialsProvider> make_static_provider(Credentials credentials);

/// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and optional AWS_SESSION_TOKEN.
/// Neither set: no_credentials; only one: incomplete.
MAILWARDEN_EXPORT std::shared_ptr<CredentialsProvider> make_environment_provider(Environment env = process_environment());

/// Where the shared files are and which profile to use. Empty fields take
/// AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE and AWS_PROFILE, then
/// ~/.aws/credentials, ~/.aws/config and "default".
struct SharedFilesOptions {
    std::string profile;
    std::string credentials_file;
    std::string config_file;
};

/// The profile's aws_access_key_id, aws_secret_access_key and
/// aws_session_token, from the credentials file ([name]) or else the config
/// file ([profile name], or [default]). A missing file counts as empty.
/// The credentials read are kept until a file changes (device, inode, size
/// or mtime; temporary ones 5 minutes at most): docs/sigv4.md.
MAILWARDEN_EXPORT std::shared_ptr<CredentialsProvider> make_shared_files_provider(SharedFilesOptions options = {},
                                                                                  Environment env = process_environment());

/// Environment, then shared files. The first provider that has credentials
/// wins; a provider that finds nothing (no_credentials, or the default
/// profile missing) passes; any other error stops the chain.
MAILWARDEN_EXPORT std::shared_ptr<CredentialsProvider> make_default_chain(SharedFilesOptions options = {},
                                                                          Environment env = process_environment());

/// The region: AWS_REGION, then AWS_DEFAULT_REGION, then `region` of the
/// profile in the config file. Errors: no_region, profile/file errors.
struct RegionResult {
    std::optional<std::string> region;
    std::error_code error;
    std::string message;
    explicit operator bool() const noexcept { return region.has_value(); }
};
MAILWARDEN_EXPORT RegionResult resolve_region(const SharedFilesOptions& options = {},
                                              const Environment& env = process_environment());

/// One parsed shared file: sections in file order, keys lower-cased. Nested
/// values ("s3 =" followed by indented "key = value" lines) are kept as
/// "s3.key".
struct SharedConfigSection {
    std::string name;  ///< as written between the brackets, trimmed ("profile ci", "default")
    std::map<std::string, std::string, std::less<>> values;
};

struct MAILWARDEN_EXPORT SharedConfigParse {
    std::vector<SharedConfigSection> sections;
    std::error_code error;    ///< CredentialsErrc::malformed_file on the first bad line
    std::size_t error_line = 0;  ///< 1-based
    std::string message;      ///< "line 3: expected 'key = value'"; never quotes the line

    explicit operator bool() const noexcept { return !error; }
    /// The section named exactly `name`, or nullptr.
    const SharedConfigSection* find(std::string_view name) const noexcept;
};

/// Parses the INI dialect of ~/.aws/credentials and ~/.aws/config: '#' and
/// ';' comment lines, comments after whitespace on value and section lines,
/// CRLF, a UTF-8 BOM, blank lines, whitespace around names and '=', repeated
/// sections merged (later keys win), indented sub-properties. Never throws
/// on any input.
MAILWARDEN_EXPORT SharedConfigParse parse_shared_config(std::string_view text);

}  // namespace mailwarden::aws

template <>
struct std::is_error_code_enum<mailwarden::aws::CredentialsErrc> : std::true_type {};
