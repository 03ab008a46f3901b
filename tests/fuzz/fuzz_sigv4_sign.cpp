// libFuzzer target: the SigV4 signer on arbitrary requests. The input is
// split on NUL bytes into method, path, query, body and header lines
// ("name:value"); the first byte picks the options. Beyond "no crash": a
// successful signature is 64 hex digits, the canonical request has the
// documented shape (method, path, query, headers, blank, signed list,
// payload hash), the string to sign ends with its SHA-256, and signing is
// deterministic. The first field also goes to parse_amz_date, the second to
// split_url.
#include <mailwarden/net/sigv4.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

void require(bool condition) {
    if (!condition) std::abort();
}

const mailwarden::aws::Credentials credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "token");

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::uint8_t flags = data[0];
    std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
    std::vector<std::string_view> parts;
    while (parts.size() < 4) {
        const auto nul = rest.find('\0');
        parts.push_back(rest.substr(0, nul));
        if (nul == std::string_view::npos) {
            rest = {};
            break;
        }
        rest.remove_prefix(nul + 1);
    }
    parts.resize(4);
    std::vector<mailwarden::sigv4::Header> headers;
    while (!rest.empty()) {
        const auto nl = rest.find('\n');
        const std::string_view line = rest.substr(0, nl);
        const auto colon = line.find(':');
        if (colon != std::string_view::npos) headers.push_back({line.substr(0, colon), line.substr(colon + 1)});
        if (nl == std::string_view::npos) break;
        rest.remove_prefix(nl + 1);
    }

    // The public API's other text parsers, on the same bytes: a compact date
    // that parses prints back the same, a URL splits or is refused.
    if (const auto t = mailwarden::sigv4::parse_amz_date(parts[0]); t && parts[0].size() == 16)
        require(mailwarden::sigv4::format_amz_date(*t) == parts[0]);
    mailwarden::sigv4::Request from_url;
    if (!mailwarden::sigv4::split_url(parts[1], from_url)) require(!from_url.host.empty());

    mailwarden::sigv4::Request request;
    request.method = parts[0];
    request.path = parts[1];
    request.query = parts[2];
    request.body = parts[3];
    request.host = "example.amazonaws.com";
    request.headers = headers;
    mailwarden::sigv4::SigningConfig config;
    config.region = "us-east-1";
    config.service = "service";
    config.time = std::chrono::system_clock::time_point{} + std::chrono::seconds(1440000000);
    config.normalize_path = (flags & 1) != 0;
    config.double_encode_path = (flags & 2) != 0;
    config.unsigned_payload = (flags & 4) != 0;
    config.content_sha256_header = (flags & 8) != 0;
    config.omit_session_token = (flags & 16) != 0;
    const bool presign = (flags & 32) != 0;

    static mailwarden::sigv4::Signer signer(8);
    mailwarden::sigv4::SignedRequest out;
    const auto ec = presign ? signer.presign(request, credentials, config, out)
                            : signer.sign(request, credentials, config, out);
    if (ec) return 0;

    require(out.signature().size() == 64);
    for (const char c : out.signature()) require((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    const std::string_view creq = out.canonical_request();
    require(creq.starts_with(std::string(request.method) + "\n/") || creq.starts_with(std::string(request.method) + "\n"));
    require(creq.ends_with("\n" + std::string(out.signed_headers()) + "\n" + std::string(out.payload_hash())));
    require(creq.find("\n\n" + std::string(out.signed_headers()) + "\n") != std::string_view::npos);
    require(out.string_to_sign().ends_with(mailwarden::sigv4::sha256_hex(creq)));
    // The canonical path and query carry no raw byte outside the URI set.
    const auto first_nl = creq.find('\n');
    const auto third_nl = creq.find('\n', creq.find('\n', first_nl + 1) + 1);
    for (const char c : creq.substr(first_nl + 1, third_nl - first_nl - 1))
        require(c == '\n' || (static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7f));

    const std::string first(out.signature());
    mailwarden::sigv4::SignedRequest again;
    require(!(presign ? signer.presign(request, credentials, config, again) : signer.sign(request, credentials, config, again)));
    require(again.signature() == first);
    return 0;
}
