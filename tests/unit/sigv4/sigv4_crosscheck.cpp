// Signs the requests written by smithy_crosscheck.js with mailwarden and
// compares each Authorization header with @smithy/signature-v4's, byte for
// byte. On a mismatch both canonical requests are printed.
//   sigv4_crosscheck CASES.jsonl [MIN_CASES]
#include <mailwarden/net/sigv4.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace sigv4 = mailwarden::sigv4;

namespace {

std::string from_hex(std::string_view hex) {
    auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    std::string out;
    out.reserve(hex.size() / 2);
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1])));
    return out;
}

std::string str(const boost::json::object& o, const char* key) { return std::string(o.at(key).as_string()); }

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: sigv4_crosscheck CASES.jsonl [MIN_CASES]\n");
        return 2;
    }
    const std::size_t min_cases = argc > 2 ? std::stoul(argv[2]) : 1;
    std::ifstream in(argv[1]);
    if (!in) {
        std::fprintf(stderr, "sigv4_crosscheck: cannot read %s\n", argv[1]);
        return 2;
    }
    sigv4::Signer signer;
    sigv4::SignedRequest out;
    std::size_t passed = 0;
    std::size_t failed = 0;
    for (std::string line; std::getline(in, line);) {
        if (line.empty()) continue;
        const auto v = boost::json::parse(line);
        const auto& c = v.as_object();
        const std::string method = str(c, "method");
        const std::string host = str(c, "host");
        const std::string path = str(c, "path");
        const std::string query = str(c, "query");
        const std::string body = from_hex(c.at("body_hex").as_string());
        std::vector<std::pair<std::string, std::string>> header_storage;
        for (const auto& h : c.at("headers").as_array())
            header_storage.emplace_back(std::string(h.as_array()[0].as_string()), std::string(h.as_array()[1].as_string()));
        std::vector<sigv4::Header> headers;
        for (const auto& [n, val] : header_storage) headers.push_back({n, val});

        const mailwarden::aws::Credentials credentials(str(c, "access_key_id"), str(c, "secret"), str(c, "token"));
        const std::string region = str(c, "region");
        const std::string service = str(c, "service");
        sigv4::SigningConfig config;
        config.region = region;
        config.service = service;
        config.time = sigv4::parse_amz_date(str(c, "date")).value();
        const bool s3 = c.at("s3").as_bool();
        config.normalize_path = !s3;
        config.double_encode_path = !s3;
        config.unsigned_payload = c.at("unsigned_payload").as_bool();
        config.content_sha256_header = c.at("content_sha256").as_bool() || config.unsigned_payload;

        sigv4::Request request;
        request.method = method;
        request.host = host;
        request.path = path;
        request.query = query;
        request.headers = headers;
        request.body = body;
        const auto ec = signer.sign(request, credentials, config, out);
        const std::string expected = str(c, "expected_authorization");
        if (!ec && out.authorization() == expected) {
            ++passed;
            continue;
        }
        ++failed;
        std::cout << "case " << c.at("id").as_int64() << ": " << (ec ? "error " + ec.message() : "Authorization differs")
                  << "\n  request: " << method << ' ' << path << (query.empty() ? "" : "?") << query
                  << "\n  ours:   " << out.authorization() << "\n  smithy: " << expected
                  << "\n  our canonical request:\n" << out.canonical_request()
                  << "\n  smithy's canonical request:\n" << str(c, "smithy_canonical_request") << "\n";
    }
    std::cout << "cross-check with @smithy/signature-v4: " << passed << " passed, " << failed << " failed\n";
    if (passed + failed < min_cases) {
        std::cout << "expected at least " << min_cases << " cases\n";
        return 1;
    }
    return failed == 0 ? 0 : 1;
}
