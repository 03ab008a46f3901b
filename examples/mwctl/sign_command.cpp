// mwctl sign: the SigV4 headers an HTTP request needs, with credentials from
// the default chain (environment, then ~/.aws files).
#include "cli_args.hpp"
#include "commands.hpp"

#include <mailwarden/net/credentials.hpp>
#include <mailwarden/net/sigv4.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace mwctl {

namespace {

constexpr const char* sign_usage =
    "usage: mwctl sign --method M --url URL --service S [options]\n"
    "\n"
    "Prints the headers that sign the request with AWS Signature Version 4,\n"
    "one 'Name: value' a line: X-Amz-Date, X-Amz-Content-Sha256 (when used),\n"
    "X-Amz-Security-Token (temporary credentials), Authorization.\n"
    "Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN,\n"
    "else the profile (AWS_PROFILE or --profile) of ~/.aws/credentials and ~/.aws/config.\n"
    "\n"
    "options:\n"
    "  --method M           HTTP method (GET, POST ...)\n"
    "  --url URL            absolute http(s) URL, percent-encoded as it will be sent\n"
    "  --service S          signing name (ses, s3, sts ...)\n"
    "  --region R           default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region\n"
    "  --date D             YYYYMMDDTHHMMSSZ (default: now)\n"
    "  -H 'Name: value'     a header the request will carry (repeatable)\n"
    "  --body-file F        the body (- for standard input); default empty\n"
    "  --profile P          shared-files profile (default: AWS_PROFILE or 'default')\n"
    "  --unsigned-payload   sign UNSIGNED-PAYLOAD instead of the body's SHA-256\n"
    "  --content-sha256     add and sign X-Amz-Content-Sha256 (S3)\n"
    "  --json               one JSON object: headers and the signing artefacts\n"
    "\n"
    "exit status: 0 signed, 1 error (no credentials, unreadable body ...), 2 usage error\n";

const ArgSpec sign_spec{
    {"--json", "--unsigned-payload", "--content-sha256", "--help"},
    {"--method", "--url", "--region", "--service", "--date", "-H", "--body-file", "--profile"},
    {"-H"},
};

/// Raised for failures that are not the command line's fault: exit 1.
class SignError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

std::string read_body(const std::string& path) {
    if (path == "-") return {std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
    std::ifstream in(path, std::ios::binary);
    if (!in) throw SignError("cannot read the body file " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

int run(const std::vector<std::string>& argv) {
    const Args args(argv, sign_spec);
    if (args.flag("--help")) {
        std::cout << sign_usage;
        return exit_ok;
    }
    if (!args.positionals().empty()) throw UsageError("sign: unexpected argument '" + args.positionals().front() + "'");
    const std::string method = args.value("--method");
    const std::string url = args.value("--url");
    const std::string service = args.value("--service");

    mailwarden::sigv4::Request request;
    request.method = method;
    if (mailwarden::sigv4::split_url(url, request)) throw UsageError("--url: not an absolute http(s) URL: " + url);

    std::vector<std::string> raw_headers = args.values("-H");
    std::vector<mailwarden::sigv4::Header> headers;
    for (const std::string& h : raw_headers) {
        const auto colon = h.find(':');
        if (colon == std::string::npos || colon == 0) throw UsageError("-H: expected 'Name: value', got '" + h + "'");
        headers.push_back({std::string_view(h).substr(0, colon), std::string_view(h).substr(colon + 1)});
    }
    request.headers = headers;

    std::string body;
    if (args.has("--body-file")) body = read_body(args.value("--body-file"));
    request.body = body;

    mailwarden::sigv4::SigningConfig config;
    config.service = service;
    config.unsigned_payload = args.flag("--unsigned-payload");
    config.content_sha256_header = args.flag("--content-sha256");
    if (args.has("--date")) {
        const auto t = mailwarden::sigv4::parse_amz_date(args.value("--date"));
        if (!t) throw UsageError("--date: expected YYYYMMDDTHHMMSSZ, got '" + args.value("--date") + "'");
        config.time = *t;
    } else {
        config.time = std::chrono::system_clock::now();
    }

    mailwarden::aws::SharedFilesOptions files;
    files.profile = args.value_or("--profile", "");
    std::string region = args.value_or("--region", "");
    if (region.empty()) {
        auto r = mailwarden::aws::resolve_region(files);
        if (!r) throw SignError(r.message + " (use --region)");
        region = *r.region;
    }
    config.region = region;

    const auto resolved = mailwarden::aws::make_default_chain(files)->resolve();
    if (!resolved) throw SignError(resolved.message);

    mailwarden::sigv4::SignedRequest out;
    if (const auto ec = mailwarden::sigv4::default_signer().sign(request, *resolved.credentials, config, out))
        throw UsageError("cannot sign: " + ec.message() + " (check --method, -H names, --region and --service)");

    if (args.flag("--json")) {
        std::cout << mailwarden::sigv4::to_json(out) << '\n';
    } else {
        for (const auto& h : out.headers_to_add()) std::cout << h.name << ": " << h.value << '\n';
    }
    return exit_ok;
}

}  // namespace

int run_sign(const std::vector<std::string>& argv) {
    try {
        return run(argv);
    } catch (const SignError& e) {
        std::cerr << "mwctl sign: " << e.what() << '\n';
        return exit_findings;
    }
}

}  // namespace mwctl
